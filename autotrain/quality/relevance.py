"""Is it a story, and is it this story? Relevance to the brief and narrative versus exposition.

Relevance is a measure, not one shared word: how many distinct words of the prompt's topic vocabulary
(topics_data.py: the prompt's own words, synonyms, the things a story on it would name) and of the
genre's vocabulary the text uses, set against how well it would fit each other catalog prompt. A text
that fits another prompt far better than its own, or fits none, is off the brief.

Narrative versus exposition: a story has people doing things (pronouns, past or present narration,
speech); an essay, guide or lecture has generic statements ("is often", "such as", "visitors",
"readers", dates and figures) and the vocabulary of non-fiction (finance, travel, recipes, advice).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain

from autotrain import catalog
from autotrain.quality import briefs, register
from autotrain.quality.prose import WORD
from autotrain.quality.stems import _stem_keys, _stems
from autotrain.quality.topics_data import GENRE_TOPICS, PROMPT_CORES, PROMPT_TOPICS

_CONTENT_WORD = re.compile(r"[a-z]+")
_GENERIC = frozenset(
    """a an the and or but of to in on at for with from by as is are was were be been has have had it
    its this that these those there their they them he she his her him i me my we our you your not no
    into onto over under about after before when while who which what where how why one ones some any
    all each every both very too also just only even still again ever never always often more most
    much many few less least up down out off away back now new old begins begin starts start must
    finds find makes make take takes gets get story stories tale genre time day night""".split()
)


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(s for s in _stems(words.split()) if len(s) >= 3)


_PROMPT_STEMS: dict[str, frozenset[str]] = {
    prompt: _vocabulary(PROMPT_TOPICS.get(prompt, "") + " " + prompt.lower().replace("'s", ""))
    - _stems(_GENERIC)
    for genre in catalog.GENRES.values()
    for prompt in genre.prompts
}
# Each prompt's core concepts (what it is fundamentally about), each a set of stems.
_CORE_STEMS: dict[str, tuple[frozenset[str], ...]] = {
    prompt: tuple(frozenset(_stems(words.split())) for words in groups.values())
    for prompt, groups in PROMPT_CORES.items()
}
_GENRE_STEMS: dict[str, frozenset[str]] = {
    genre: _vocabulary(GENRE_TOPICS.get(genre, "")) for genre in catalog.GENRE_KEYS
}

# Statements about the world in general, as essays, guides and lectures make them: hedges and
# generalisers, connectives, the generic people and things they speak of, the present of definitions and
# the modals of advice. Single words, so that no particular phrasing is needed: fiction narrates what
# particular people did; exposition says what is usually the case.
_GENERIC_STATEMENT_WORDS = frozenset(
    """often usually typically generally commonly sometimes frequently rarely seldom many most several various
    numerous certain particularly especially notably significant significantly important importantly essential
    essentially primarily largely mainly widely traditionally historically arguably however moreover furthermore
    additionally therefore thus consequently overall ultimately whereas people person individuals readers reader
    writers writer authors author audience audiences visitors travelers travellers tourists experts researchers
    scholars historians society culture cultures history tradition traditions genre genres literature fiction
    novel novels example examples instance type types kind kinds form forms aspect aspects element elements
    feature features factor factors approach method methods technique techniques process system systems role
    roles purpose reasons ways option options benefit benefits risk risks tip tips step steps strategy strategies
    can may should must include includes including such also known called considered common popular modern is
    are has have
    officials spokesperson spokesman spokeswoman reportedly statement residents authorities according million
    billion percent recommend recommended rating stars price value product purchase pros cons verdict recipe
    ingredients tablespoon tablespoons teaspoon teaspoons grams preheat themes theme motif motifs symbolism
    protagonist protagonists narrative narratives plot plots
    study studies findings framework criteria analysis abstract film films director script critics screening
    preliminary""".split()
)
# Instructions (recipes, guides, advice) open their sentences with a verb: "Preheat the oven.", "Pack light."
_IMPERATIVE_OPENERS = frozenset(
    """add mix stir preheat place bake combine pour cut heat serve remove use try make keep avoid visit start
    begin choose consider remember don't do be find look check read write give get go put set bring follow note
    plan book pack walk head explore grab skip spend stop think ask allow aim focus build show open end create
    describe include introduce limit pick leave tell imagine picture move swap seal pull sleep vent park call
    weigh take expect report offer contact stay tape never always""".split()
)
# A history, a biography or a review tells of particular people in the past tense, as a story does, but
# dates its events and cites its sources: distinct years (1587, 1911) and the phrases of the historian,
# the encyclopedia, the museum guide and the reviewer. Stories hold one or two of these, such texts four
# or more.
_YEAR = re.compile(r"\b(?:1[0-9]{3}|20[0-9]{2})s?\b")
_CHRONICLE_WORDS = frozenset(
    """historian historians sources annals chronicle chronicles record records archive archives documented
    established founded sponsored century centuries theory theories roughly approximately estimated famous
    legend novel chapter chapters author readers reviews reviewed speculated speculation bce aged credited
    memorial obituary provenance exhibited exhibition acquired donated bequeathed circa catalogue collection
    lot consigned auction memoir pp publisher requirements benefits applicants leaflet advisory semester""".split()
)
_CHRONICLE_PHRASES = re.compile(
    r"\b(?:according to|is remembered|remembered (?:as|for|chiefly)|known as|often called|so-called"
    r"|what is now|present-day|to this day|remains? (?:a|one|the|unsolved|unknown)"
    r"|(?:was|were) (?:later|eventually|finally|never)|the first (?:english|american|european|known|recorded)"
    r"|follow me|(?:on|to) your (?:left|right)|(?:was|were) last seen|remains? (?:officially )?unsolved"
    r"|(?:has|have) never been (?:explained|solved|found|recovered)|investigators"
    # an obituary: "who has died aged 84", "is survived by his wife", "a memorial service will be held"
    r"|has died|died aged|is survived by|memorial service|funeral (?:will|service)|is credited with"
    r"|(?:was|is) known for"
    # a legend retold as a summary: "The legend tells that...", "he is said to have", "in most versions"
    r"|(?:is|are|was|were) said to|the (?:legend|tale|story) (?:tells|says|holds)|in (?:most|some|other|later)"
    r" versions|(?:was|were) traditionally)\b"
)
# What is said about a story, not in one: a synopsis ("The story follows...", "As the plot unfolds") or a
# character sheet ("Her central conflict...", "Strengths: ..."). Two of them and the text is exposition.
_SYNOPSIS = re.compile(
    r"\b(?:the (?:story|novel|tale|book|film) follows|as the (?:plot|story) unfolds|over the course of the"
    r" (?:story|novel|book|tale)|(?:central|main|inner|internal) conflict|character arc|(?:in|with) the final twist"
    r"|strengths?:|weaknesses?:|the plot (?:follows|centres|centers|revolves)|in the (?:final|last|closing) chapter"
    r"|the (?:story|novel|tale|book|film) ends (?:with|as|when|on)"
    r"|over the course of (?:the|one|a single) (?:evening|night|day|week|weekend|summer)"
    # a pitch: "is a political fantasy novel, complete at 110,000 words", "the midpoint turns when", "through the
    # first act", "the closing chapters follow", "the central tension is internal", "the ending refuses a tidy peace"
    r"|complete at [\d,]+ words|the midpoint (?:turns|comes|arrives|reveals)|(?:through|in) the (?:first|second|third"
    r"|final) act|the (?:closing|opening|final) chapters|the central tension|the ending refuses"
    # a synopsis under its name, its twist given under a label: "Synopsis — "Exposure"", "The twist: the camera..."
    r"|synopsis\b|(?:^|(?<=\n))(?:the )?twist[ \t]*:)"
)
SYNOPSIS_LEVEL = 2
# A word each synopsis phrase holds: a text with none of them is looked at no further.
_SYNOPSIS_KEYS = frozenset(
    "follows unfolds course conflict arc twist strength strengths weakness weaknesses plot chapter ends complete midpoint "
    "act chapters tension refuses synopsis".split()
)
CHRONICLE_LEVEL = 4
# Years count up to three: a story that follows a life dates its turns (posted 1974, married 1976, widowed
# 2019); a history also speaks as one, with a historian's words or phrases.
CHRONICLE_YEARS = 3


def chronicle_markers(narration: str, words: set[str]) -> int:
    """Distinct years, marker words and phrases of histories, encyclopedias, guides and reviews (a
    detective's "records", said four times, count once). The phrases are looked for only once a year or a
    marker word is there: a story holds none of either."""
    found = min(len(set(_YEAR.findall(narration))), CHRONICLE_YEARS) if has_digit(narration) else 0
    found += len(_CHRONICLE_WORDS & words)
    if found:
        found += len(set(_CHRONICLE_PHRASES.findall(narration)))
    return found


# An essay numbers its points ("Second, the courts would...", "Third,", "Finally,"); a story rarely opens
# three sentences so. A sermon, a lecture or a speech opens by addressing its audience.
_ORDINAL_OPENERS = frozenset("firstly second secondly third thirdly finally lastly".split())
ORDINALS_LEVEL = 3
_ADDRESS = re.compile(
    r"\W*(?:brothers and sisters|ladies and gentlemen|dearly beloved|good (?:morning|afternoon|evening),? (?:everyone"
    r"|all|class|friends|students|colleagues)|(?:my )?dear (?:friends|listeners|colleagues|students|brethren)"
    r"|welcome(?: back)?,? (?:everyone|all)\b|graduates\b"
    # a lecture under its title: "Transcript, Lecture 9: ...\n\nGood morning. Today I want to talk about..."
    r"|(?:[^\n]{0,160}\n\s*){0,3}good (?:morning|afternoon|evening)[.!,]\s+(?:today,? (?:i|we)(?:'ll| will| want| are| turn)"
    r"|put (?:your|away)|please (?:take|find) your|settle (?:down|in)|welcome to)\b)"
)
# Advice announced as a list ("Here are a few tips to help the big day go smoothly"): a guide, whatever
# narrative clothes its points wear. A story's characters may give tips, but in quotation marks.
_ADVICE = re.compile(
    r"\bhere are (?:a few|some|several|my|the|two|three|four|five|\d+) (?:quick |simple |useful |practical )?"
    r"(?:tips|steps|suggestions|ways to|rules for|rules to|things to (?:know|remember|keep in mind|bring|pack))\b"
)
# (the text's first word, then each after a stop and a space or after a line break: a pattern that opens on a set of
# characters lets the engine skip to them)
# A sentence's first word, and the two after it on its line (an instruction told again word for word is a refrain: "Follow
# the river. Through the gorge... Follow the river." counts once; "Add the flour. Add the eggs." twice).
_FIRST_WORD = re.compile(r"([a-z']+)((?:[ \t]+[a-z']+){0,2})")
_SENTENCE_STARTS = re.compile(r"[.!?\n](?:(?<=\n)|(?=\s))\s*([a-z']+)((?:[ \t]+[a-z']+){0,2})")
_FIGURES = re.compile(r"\b1[0-9]{3}s?\b|\b20[0-9]{2}\b|\d+%|\$\d")
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """Whether `text` holds a digit (`\\d`): ASCII digits by substring, which is a tenth of a regex pass."""
    return any(digit in text for digit in "0123456789") or (not text.isascii() and _DIGIT.search(text) is not None)


# The essayist's voice: people in general ("most of us", "we tell ourselves"), an opinion held ("in my
# experience", "I have always believed"), a reader told what to do ("you'll want to", "if you go").
_GENERIC_VOICE = re.compile(
    r"\b(?:(?:most|all|many|few|some|each|none) of us|we all|we (?:tell|remind|like to think|tend|are taught)"
    r"|we have all|in my (?:experience|view|opinion)|i (?:have always |still )?(?:believe|think) (?:that|the|it|we|most)"
    r"|i would argue|you(?:'ll| will) (?:want|need|be (?:asked|shown|told))|if you (?:go|visit|take|want to)"
    r"|you don't have to|most people)\b"
)
GENERIC_VOICE_WEIGHT = 2
# A word every phrase of the generic voice holds, one of each ("of us", "we", "in my", "believe", "think", "argue",
# "you", "most people"): a text of none of them is not asked.
_GENERIC_VOICE_KEYS = frozenset("us we my believe think argue you people".split())


def expository_markers(words: list[str], narration: str, vocabulary: set[str] | None = None) -> int:
    """How many generic-statement words and figures (years, percentages, prices, a star rating) `narration`
    holds (`vocabulary`: the set of `words`, when the caller has it)."""
    found = sum(map(_GENERIC_STATEMENT_WORDS.__contains__, words))
    if has_digit(narration):
        found += len(_FIGURES.findall(narration))
    if "★" in narration or "☆" in narration:  # a reviewer's star rating
        found += 1
    if vocabulary is None or not _GENERIC_VOICE_KEYS.isdisjoint(vocabulary):
        found += GENERIC_VOICE_WEIGHT * len(_GENERIC_VOICE.findall(narration))
    return found


_PERSONAL = frozenset("he she him his her i me my we us our".split())
# "You" is the hero of a second-person story and the reader of a guide: it counts half.
_SECOND_PERSON = frozenset(("you", "your"))


# How telling a topic word is: log(prompts / prompts whose vocabulary holds it). "spellbook" names one
# prompt, "ancient" several; a text's match with a prompt is the sum over the words it shares with it.
_PROMPTS_OF: dict[str, list[str]] = {}
for _prompt, _stem_set in _PROMPT_STEMS.items():
    for _stem in _stem_set:
        _PROMPTS_OF.setdefault(_stem, []).append(_prompt)
_WEIGHT: dict[str, float] = {stem: math.log(len(_PROMPT_STEMS) / len(owners)) for stem, owners in _PROMPTS_OF.items()}
_ALL_TOPIC_STEMS = frozenset(_PROMPTS_OF)

# Off the brief: the text names none of the prompt's core concepts and another prompt fits it better (none
# of the 359 good stories of the tune half names no core concept at all: the core vocabularies name things
# obliquely too), or names one at most and fits OFF_RANK_ONE_CORE others better. Loose on purpose: a literary
# story may meet its brief obliquely, and a good story lost costs more than an off-brief one the jury
# (when configured) still catches.
OFF_RANK_NO_CORE = 1
OFF_RANK_ONE_CORE = 10
OFF_RANK_ONE_OF_MANY = 4
# Written for another brief: the text names every core concept of another catalog prompt of three or four
# (two broad concepts, an AI's "model" and "thinking", are named in passing too often) and fewer of its own,
# and fits that prompt ANOTHER_BRIEF_RATIO times better, by a fit of ANOTHER_BRIEF_FIT at least (six to eight
# telling words: a story that merely shares a few words with another prompt fits it by 8-17). A model that
# mixes up the briefs of a batch writes such stories; the rank rules above let them through whenever they
# also name one or two of their own brief's concepts in passing.
ANOTHER_BRIEF_RATIO = 2.5
ANOTHER_BRIEF_FIT = 20.0
ANOTHER_BRIEF_CORES = 3


@dataclass(frozen=True)
class Relevance:
    core_concepts: int  # the prompt's core concepts the text names (catalog prompts)
    core_total: int
    rank: int  # 1 when the text fits its own prompt best of the catalog's prompts
    prompt_hits: int  # distinct words of the prompt's topic vocabulary the text uses
    genre_hits: int  # distinct words of the genre's vocabulary
    prompt_words: int = 0  # content words of a free prompt
    another_brief: str | None = None  # the catalog prompt the text was written for instead, when it is plain
    # How far off the brief the learned measure reads the text (briefs.py): None when it has no profile of the
    # prompt (then the rank rules below judge).
    learned: float | None = None

    @property
    def off_brief(self) -> bool:
        if self.another_brief:
            return True
        if not self.core_total:  # a free prompt: only its own words (and the genre's) to go by
            return self.prompt_hits < min(2, self.prompt_words) and self.genre_hits < 2
        if self.learned is not None:
            return self.learned > briefs.model().threshold
        if self.core_concepts == 0:
            return self.rank > OFF_RANK_NO_CORE
        if self.core_concepts == 1:
            # One concept of two is half the brief; one of three or four is a word the story shares with it.
            return self.rank > (OFF_RANK_ONE_CORE if self.core_total <= 2 else OFF_RANK_ONE_OF_MANY)
        return False


@lru_cache(maxsize=256)
def _free_prompt_stems(prompt: str) -> frozenset[str]:
    return frozenset(s for s in _stems(_CONTENT_WORD.findall(prompt.lower())) if len(s) >= 3) - _stems(_GENERIC)


def text_stems(vocabulary: set[str]) -> frozenset[str]:
    return frozenset(chain.from_iterable(map(_stem_keys, vocabulary)))


TIE = 1e-9


def relevance(
    stems: frozenset[str], prompt: str, genre: str | None, words: Sequence[str] = ()
) -> Relevance | None:
    """None when there is nothing to judge against (a free prompt with no content words, no genre). `words`: the
    text's words (lowercased, in order), for the learned measure; without them only the rules judge."""
    genre_hits = len(stems & _GENRE_STEMS.get(genre or "", frozenset()))
    own = _PROMPT_STEMS.get(prompt)
    if own is None:
        prompt_stems = _free_prompt_stems(prompt)
        if not prompt_stems and genre not in _GENRE_STEMS:
            return None
        return Relevance(0, 0, 1, len(stems & prompt_stems), genre_hits, len(prompt_stems))
    fit: dict[str, float] = {}
    get = fit.get
    for stem in stems & _ALL_TOPIC_STEMS:
        weight = _WEIGHT[stem]
        for owner in _PROMPTS_OF[stem]:
            fit[owner] = get(owner, 0.0) + weight
    mine = fit.pop(prompt, 0.0)
    # Better by more than rounding: the sums above run in the set's order, which changes with the process's
    # hash seed, so two prompts that share the same words may differ in the last bit (a tie is not "better").
    rank = 1 + sum(1 for value in fit.values() if value > mine + TIE)
    named, total = cores_named(stems, prompt)
    another = _another_brief(stems, fit, mine) if named < total else None
    # The learned measure is not asked of a text that names every core concept of its brief and fits it best of
    # the catalog: it states the premise (the offline writer's formulaic stories, with their filler from other
    # worlds, read to the measure as off the brief; no off-brief answer of the tune half is caught so).
    # (the thirty-fourth round) ...nor second best: "she received a love letter that had arrived fifty years too late"
    # with a jazz bar and a schoolteacher round it was read as off the brief after a relearning (seven offline stories of
    # 3,000; one good literary answer of the tune half; one off-brief answer is missed so)
    learned = briefs.model()
    measured = (
        learned.score(words, prompt, named / total)
        if words and learned.knows(prompt) and (named < total or rank > 2)
        else None
    )
    return Relevance(named, total, rank, len(stems & own), genre_hits, another_brief=another, learned=measured)


def cores_named(stems: frozenset[str], prompt: str) -> tuple[int, int]:
    """How many of the prompt's core concepts the text names, of how many."""
    cores = _CORE_STEMS.get(prompt, ())
    return sum(1 for group in cores if not stems.isdisjoint(group)), len(cores)


def _another_brief(stems: frozenset[str], fit: dict[str, float], mine: float) -> str | None:
    """The other catalog prompt the text plainly answers (every core concept named, a far better fit), if any."""
    least = max(ANOTHER_BRIEF_FIT, ANOTHER_BRIEF_RATIO * max(mine, 1.0))
    # the best fitting of them, by name on a tie: the same answer whatever order the set gave the sums in
    plain = [(value, other) for other, value in fit.items() if value >= least and _all_named(stems, other)]
    return max(plain)[1] if plain else None


def _all_named(stems: frozenset[str], prompt: str) -> bool:
    named, total = cores_named(stems, prompt)
    return named == total >= ANOTHER_BRIEF_CORES


@dataclass(frozen=True)
class Narrative:
    words: int
    personal: float  # personal pronouns per word
    expository: float  # generic-statement words per word
    speech_paragraphs: int  # paragraphs that open with a line of speech
    sentences: int = 0
    imperatives: int = 0  # sentences that open with a verb of instruction
    chronicle: int = 0  # years and the phrases of histories, encyclopedias, guides and reviews
    synopsis: int = 0  # distinct phrases of a synopsis or a character sheet
    ordinals: int = 0  # distinct sentence openers that number an argument: "Second,", "Third,", "Finally,"
    address: bool = False  # opens by addressing an audience: "Brothers and sisters,", "Good morning, everyone"
    advice: bool = False  # announces a list of advice: "Here are a few tips to..."
    # How expository the text reads to the learned measure (register.py), asked only of a text whose generic
    # words reach REGISTER_LEVEL or that is about nobody in particular (None: neither); `over_level`: its generic
    # words reach the essay's level.
    register: float | None = None
    over_level: bool = False
    # Of a text told in instructions (`instructed`: three in ten of its sentences or more open on a verb of
    # instruction): how expository it reads to the same measure (None: not so told).
    instructed_register: float | None = None

    @property
    def instructed(self) -> bool:
        return self.sentences >= 4 and self.imperatives * 10 >= self.sentences * 3

    @property
    def register_alone_asked(self) -> bool:
        """Whether the register measure alone decides (under the generic-word level but near it, more than a few words,
        no scene in dialogue): the answers register.json's `alone` is set among."""
        return (
            self.register is not None
            and not self.over_level
            and self.words >= ESSAY_WORDS
            and self.speech_paragraphs < SCENE_SPEECH_PARAGRAPHS
        )

    @property
    def exposition(self) -> bool:
        """Reads as an essay, guide or lecture rather than a scene: generic statements, and few of the
        particular people a story is about (he, she, I, we); or instructions, sentence after sentence."""
        if self.words < ESSAY_WORDS:
            return False
        if self.chronicle >= CHRONICLE_LEVEL or self.synopsis >= SYNOPSIS_LEVEL:
            return True
        if self.address or self.advice or self.ordinals >= ORDINALS_LEVEL:
            return True
        if self.instructed:
            # (the forty-fifth round) A story told in the imperative ("Stop digging when the spade hits wood. Kneel in
            # the wet clay and listen...", "Take the maglev to Sector Nine...") is one night's walk through, not a
            # guide: the register measure reads it far on the story side (-6.5 to -3.5 in a fresh batch of such
            # stories, e55; in the tune half the guides and leaflets read -2.1 and up).
            return self.instructed_register is None or self.instructed_register > INSTRUCTED_STORY_REGISTER
        if self.speech_paragraphs >= SCENE_SPEECH_PARAGRAPHS:
            # A scene told in dialogue, whatever its tense: a present-tense story says "is" and "has" as
            # often as an essay does, but no essay of the corpus opens more than one paragraph with speech.
            return False
        # Generic words above the level make an essay, unless the learned measure of the whole text's register
        # reads it as a story (register.py): a present-tense scene's "is" and "has" are a story's. Under the level
        # but near it, the text is an essay when the measure alone is sure of it.
        if self.register is None:
            return False
        measure = register.model()
        return self.register > (measure.threshold if self.over_level else measure.alone)


# Generic-statement words per 100 words (less half the personal pronouns per 100, up to 3) from which a
# text reads as exposition. Stories measure 0-5 (present-tense ones highest), essays and guides 7-11.
EXPOSITION_LEVEL = 5.5
# A text about nobody in particular (under IMPERSONAL personal pronouns per 100 words: no he, she, I, we or
# you) reads as exposition from a lower level: a story told through its people's names still says "she"
# and "his" now and then, an explainer about caves or glasshouses never does. Such stories measure under 3.
IMPERSONAL = 1.0
EXPOSITION_LEVEL_IMPERSONAL = 3.5
# From this level the learned measure of the register is asked, and may call an essay what it is sure of: an
# essay in a story's clothes says fewer generic words than the level. Under it the measure is not asked alone:
# the offline writer's formulaic stories say 0-4 generic words in a hundred, and the measure would call two in a
# hundred of them essays; from this level, one in a thousand or two. A text about nobody in particular (IMPERSONAL)
# is asked whatever its level: a weather bulletin or an auction lot says few generic words and no "he" or "she",
# and the offline writer's stories name their people as "he" and "she" (one in 3,000 of them is asked and lost). Of
# IMPERSONAL_WORDS or more only: in fewer, a story may name its one character without a pronoun ("Elias tripped over
# it in a flooded cellar, swore loudly...") and the measure's word rates are too few to be sure of.
REGISTER_LEVEL = 3.0
INSTRUCTED_STORY_REGISTER = -3.0
ESSAY_WORDS = 40  # a text of fewer content words says too little to be called an essay
IMPERSONAL_WORDS = 60
SCENE_SPEECH_PARAGRAPHS = 3


def narrative(narration: str, speech_paragraphs: int = 0) -> Narrative:
    """`narration`: the lowercased text without its quoted speech (what the characters say is theirs);
    `speech_paragraphs`: the text's paragraphs that open with speech (prose.speech_paragraphs)."""
    words = _CONTENT_WORD.findall(narration)
    n = len(words) or 1
    # The rarer markers are looked up in the set of the words (one pass to build, then set operations).
    vocabulary = set(words)
    first = _FIRST_WORD.match(narration)
    openings = _SENTENCE_STARTS.findall(narration, first.end(1)) if first else _SENTENCE_STARTS.findall(narration)
    if first:
        openings.insert(0, first.groups())
    starts = [word for word, _ in openings]
    # (counted by set lookups mapped in C; half a count each for "you": a sum of halves, exact as a float)
    personal = (sum(map(_PERSONAL.__contains__, words)) + 0.5 * sum(map(_SECOND_PERSON.__contains__, words))) / n
    expository = expository_markers(words, narration, vocabulary) / n
    impersonal = personal * 100 < IMPERSONAL
    level = EXPOSITION_LEVEL_IMPERSONAL if impersonal else EXPOSITION_LEVEL
    generic = expository * 100 - 0.5 * min(personal * 100, 6.0)
    told = Narrative(
        words=len(words),
        personal=personal,
        expository=expository,
        speech_paragraphs=speech_paragraphs,
        sentences=len(starts),
        imperatives=len({opening for opening in openings if opening[0] in _IMPERATIVE_OPENERS}),
        chronicle=chronicle_markers(narration, vocabulary),
        synopsis=0 if _SYNOPSIS_KEYS.isdisjoint(vocabulary) else len(set(_SYNOPSIS.findall(narration))),
        ordinals=len(_ORDINAL_OPENERS.intersection(starts)),
        address=_ADDRESS.match(narration) is not None,
        advice="here are" in narration and _ADVICE.search(narration) is not None,
        register=register.model().score(WORD.findall(narration))
        if generic >= REGISTER_LEVEL or (impersonal and len(words) >= IMPERSONAL_WORDS)
        else None,
        over_level=generic >= level,
    )
    if told.instructed:
        measured = told.register if told.register is not None else register.model().score(WORD.findall(narration))
        told = replace(told, instructed_register=measured)
    return told
