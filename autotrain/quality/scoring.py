"""Quality scoring: the rules of CONTRACT section 4.

A passage starts at BASE (7.0), earns small bonuses for what good training prose has (a useful length,
several sentences, descriptive words, dialogue) and takes large penalties for what makes an example
useless or harmful to fine-tune on (refusals, echoes, loops, cut-offs, outlines, markup, garbage, off-topic
prose). Penalties are sized so that one of them sinks even a text that earned every bonus below the
default threshold: the filter must really reject. Short but complete prose is not penalised; it only
misses the length bonus.

Pure Python, no Django: the services, the benchmark and the tests call `score` directly. Everything is
compiled at import; one call on an 800-character text takes well under a millisecond.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from autotrain.quality import form, language, relevance, talk
from autotrain.quality.clean import clean


@dataclass(frozen=True)
class QualityReport:
    score: float
    # factor name -> points it added (bonuses positive, penalties negative), "base" included.
    breakdown: dict[str, float] = field(default_factory=dict)
    # None when kept; otherwise a short human reason naming the main penalty ("refusal", ...).
    reject_reason: str | None = None
    # The cleaned text that was scored: the story without preamble and postamble (clean.py).
    text: str = ""
    # The penalty that named the rejection (a key of PENALTIES), when one did.
    main_penalty: str | None = None

    @property
    def truncated(self) -> bool:
        return self.main_penalty in ("penalty_truncated", "penalty_cut_off")

    @property
    def kept(self) -> bool:
        return self.reject_reason is None


@dataclass(frozen=True)
class TextFeatures:
    char_count: int
    sentence_count: int
    has_dialogue: bool


# --- points ------------------------------------------------------------------------------------------

BASE = 7.0
MAX_SCORE = 10.0
LENGTH_RANGE = (200, 800)
MIN_CHARS = 50

# Read at call time (not bound as defaults) so tests can change one and see the cap at work.
BONUSES: dict[str, float] = {"length": 1.0, "sentences": 0.5, "descriptive": 0.5, "dialogue": 0.3}

# The largest bonus total is 2.3, so any penalty of -2.4 or worse rejects at the default threshold 7.0;
# these are well beyond that. The mild preamble penalty alone does not reject (see _preamble).
PENALTIES: dict[str, float] = {
    "penalty_empty": -7.0,
    "penalty_refusal": -6.0,
    "penalty_too_short": -5.0,
    "penalty_echo": -5.0,
    "penalty_repetition": -5.0,
    "penalty_outline": -5.0,
    "penalty_markup": -5.0,
    "penalty_garbled": -5.0,
    "penalty_cut_off": -4.0,
    "penalty_off_topic": -4.0,
    "penalty_meta_talk": -5.0,
    "penalty_not_english": -5.0,
    "penalty_keyword_salad": -5.0,
    "penalty_verse": -5.0,
    "penalty_script": -5.0,
    "penalty_run_on": -4.0,
    "penalty_exposition": -4.0,
    "penalty_truncated": -5.5,
    "penalty_preamble": -0.3,
    "penalty_postamble": -0.3,
}

# Human reasons; on equal points the earlier entry names the rejection.
REASONS: dict[str, str] = {
    "penalty_empty": "empty",
    "penalty_refusal": "refusal or meta-talk",
    "penalty_markup": "markup or code",
    "penalty_garbled": "garbled characters",
    "penalty_outline": "outline or list, not prose",
    "penalty_echo": "echoes the prompt",
    "penalty_repetition": "repetitive",
    "penalty_too_short": "too short",
    "penalty_cut_off": "cut off mid-sentence",
    "penalty_off_topic": "off the brief: about something else than the prompt",
    "penalty_meta_talk": "meta-talk: the answer talks about itself or to the user",
    "penalty_not_english": "not English",
    "penalty_keyword_salad": "keyword salad, not sentences",
    "penalty_verse": "verse, not prose",
    "penalty_script": "a script, log or labelled lines, not prose",
    "penalty_run_on": "one run-on sentence",
    "penalty_exposition": "an essay, guide or explainer, not a story",
    "penalty_truncated": "cut off by the length limit",
    "penalty_preamble": "a preamble or title was removed",
    "penalty_postamble": "chatter after the story was removed",
}
_REASON_ORDER = {key: i for i, key in enumerate(REASONS)}


# --- vocabularies ------------------------------------------------------------------------------------

_DESCRIPTIVE_WORDS = """
red crimson scarlet ruby vermilion blue azure cobalt sapphire indigo navy cerulean green emerald jade
verdant olive yellow golden gold amber honeyed orange copper bronze purple violet lavender plum pink rosy
white ivory pale pallid ashen snowy black ebony inky jet grey gray silver silvery brown russet tawny
rust rusted colorful colourful vivid faded dull bright brilliant luminous radiant glowing gleaming
glittering glistening shimmering shining sparkling dazzling flickering glimmering dim dark darkened dusky
shadowy shadowed murky gloomy shady moonlit sunlit starlit candlelit lit misty hazy foggy smoky cloudy
clear translucent transparent opaque iridescent pearly burnished polished tarnished
loud quiet silent hushed soft muffled faint distant shrill piercing deafening thunderous booming
echoing resonant melodic musical rasping raspy hoarse husky harsh creaking creaky rustling whispering
humming buzzing crackling hissing roaring howling wailing ringing jangling
rough smooth silky velvety velvet coarse gritty sandy slick slippery sticky damp wet soaked sodden
dry brittle crisp crumbling jagged sharp blunt prickly thorny spiky bumpy knotted gnarled twisted
tangled tattered ragged worn weathered frayed torn cracked splintered scarred slimy oily greasy
warm hot scorching searing blazing burning fiery cold icy frozen frosty freezing chilly chill cool
tepid humid sweltering bitter biting
fragrant sweet sour salty acrid pungent musty musky earthy fresh stale rotten rancid putrid smoky
heavy light weightless massive enormous huge vast immense towering colossal gigantic giant tiny small
little minute slender slim thin narrow wide broad thick dense deep shallow tall short long endless
round curved crooked hollow steep sheer lofty
ancient old aged timeless new young youthful elderly modern forgotten abandoned ruined derelict
crumbling overgrown lush barren desolate bleak stark empty lonely lonesome remote wild rugged
beautiful lovely gorgeous elegant graceful delicate fragile exquisite ornate intricate grand majestic
regal stately splendid magnificent ugly hideous grotesque monstrous gaunt haggard grim stern
strange eerie uncanny weird odd peculiar curious mysterious ominous sinister menacing foreboding
haunting haunted dreadful dread terrible horrible awful ghastly grisly gruesome macabre morbid
happy joyful joyous cheerful merry glad delighted elated giddy content serene calm peaceful tranquil
gentle tender kind warm loving fond sad sorrowful mournful melancholy gloomy wistful forlorn grieving
weary tired exhausted anxious nervous uneasy restless fearful afraid frightened terrified scared
horrified panicked frantic desperate angry furious enraged bitter resentful jealous envious proud
ashamed guilty lonely hopeful hopeless eager curious bold brave fearless reckless cautious wary
fierce savage feral wicked cruel vicious cold-hearted gentle shy timid sly cunning clever wise
foolish stubborn loyal fierce solemn somber sombre quiet wild frenzied breathless trembling shaking
shivering quivering pounding racing
swift quick rapid sudden slow sluggish lazy languid graceful clumsy nimble agile steady unsteady
feverish sickly pale bloodied bloody bloodstained fetid stinking slick glossy glassy
muddy dusty rusty stormy rainy windy sunny grimy filthy dirty clean spotless cluttered shiny bare sleek
stiff limp wiry plump lean ruddy freckled wrinkled drenched battered bruised shattered broken untouched
quietly softly gently slowly quickly swiftly suddenly silently sharply faintly brightly darkly dimly
warmly coldly bitterly sweetly tenderly fiercely wildly desperately nervously anxiously eagerly
carefully cautiously sadly happily angrily calmly barely nearly
"""
DESCRIPTIVE_LEXICON: frozenset[str] = frozenset(_DESCRIPTIVE_WORDS.split())

# Words ending in -ly that are not adverbs of manner (or not descriptive at all).
_NOT_LY_ADVERBS = frozenset(
    "only family reply supply apply rely ally belly bully jelly lily italy july fly holly folly rally "
    "tally daily early likely unlikely really actually simply probably certainly finally usually "
    "especially exactly mostly merely nearly hardly rarely truly fully friendly assembly anomaly "
    "monopoly butterfly dragonfly firefly homily melancholy".split()
)
_NOT_SUFFIX_ADJECTIVES = frozenset(
    "unless nevertheless regardless doubtless handful mouthful armful spoonful cupful bucketful "
    "thus famous various previous fabulous".split()
)


GENRE_LEXICON: dict[str, frozenset[str]] = {
    "fantasy": frozenset(
        """wizard witch mage sorcerer sorceress enchanter spell spellbook magic magical enchanted
        enchantment dragon elf elves dwarf dwarves fairy faerie goblin troll giant unicorn griffin
        knight squire sword shield quest kingdom king queen prince princess castle tower realm throne
        crown prophecy rune runes potion staff wand amulet talisman scroll tome sorcery oracle
        dungeon forest village blacksmith legend ancient mythical""".split()
    ),
    "dark_fantasy": frozenset(
        """necromancer necromancy undead lich wraith ghoul vampire demon demonic daemon curse cursed
        blood blight plague rot decay corpse corpses grave crypt tomb bones skull shadow shadows
        darkness void abyss ritual sacrifice pact cult forbidden damned damnation doom ruin ruined
        sorcery witch hex soul souls evil wicked torment dread hellfire infernal grim raven gallows
        carrion cathedral knight sword throne""".split()
    ),
    "sci_fi": frozenset(
        """spaceship starship ship spacecraft shuttle station orbit orbital planet planets galaxy
        galactic star stars stellar nebula asteroid moon mars colony colonist alien aliens android
        robot robots cyborg drone ai artificial algorithm computer quantum laser plasma reactor engine
        hyperspace warp wormhole cryo cryosleep hull airlock cockpit console hologram
        signal transmission future clone genetic scientist laboratory lab terraform
        gravity space cosmic interstellar""".split()
    ),
    "mystery": frozenset(
        """detective inspector investigator sleuth constable sergeant police case clue clues evidence
        suspect suspects witness alibi motive murder murderer killer victim crime culprit mystery
        mysterious secret secrets hidden riddle puzzle cipher code coded letter diary fingerprint
        footprint magnifying investigation investigate interrogate interrogation confession
        disappearance vanished missing stolen theft thief manor butler locked solve solved deduction
        deduce suspicion suspicious""".split()
    ),
    "horror": frozenset(
        """ghost ghosts haunted haunting haunt spirit specter spectre phantom poltergeist demon
        possessed possession creature monster monsters fiend corpse dead death blood bloody scream
        screamed screaming shriek terror terrified horror horrifying dread fear afraid nightmare
        nightmares darkness shadow shadows cellar basement attic coffin grave graveyard cemetery
        whisper whispers whispering creak creaking rotting decay teeth claw claws doll
        mirror fog woods midnight""".split()
    ),
    "romance": frozenset(
        """love loved lover lovers loving romance romantic heart hearts kiss kissed kissing embrace
        embraced hug touch caress passion passionate desire longing yearning tender tenderness
        affection beloved darling sweetheart date wedding marry married marriage proposal ring
        bride groom husband wife fiance flirt flirting blush blushed gaze
        dance dancing heartbreak jealous forever soulmate""".split()
    ),
    "adventure": frozenset(
        """adventure adventurer explorer explore exploration expedition journey voyage quest treasure
        map compass island jungle desert mountain summit cliff canyon river waterfall cave caves ruins
        temple tomb ship sail sailed sailing sailor pirate pirates captain crew raft rope climb
        climbed trek trail wilderness storm survive survival danger dangerous escape discover
        discovered discovery horizon peril daring""".split()
    ),
    "thriller": frozenset(
        """spy agent operative assassin hitman sniper target mission heist hostage kidnapped
        kidnapping conspiracy cover covert undercover informant double cross betrayal betrayed chase
        pursuit escape fugitive gun pistol rifle bullet bomb detonator explosion countdown deadline
        ransom threat danger dangerous surveillance encrypted cipher intel intelligence government
        cia fbi embassy safehouse alarm sirens police killer murder""".split()
    ),
}




# --- patterns ----------------------------------------------------------------------------------------

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a next word that
# does not start lowercase ("Run!" she cried. is one sentence). Titles are not sentence ends.
_SENT_SPLIT = re.compile(
    r"[.!?…](?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bProf\.)"
    r"[\"”’')\]*_]*\s+(?![a-z])"
)
_HAS_LETTER = re.compile(r"[A-Za-z]")
# Quoted speech: straight or curly double quotes; curly/straight single quotes only in the unambiguous
# 'Capital ... punctuation,' shape, so apostrophes (don't, 'tis, the wizards' tower) never count. The
# bounded repeat keeps a long line full of unclosed 'Quotes linear.
_DOUBLE_QUOTED = re.compile(r"\"([^\"\n]+)\"|“([^”\n]+)”")
_SINGLE_QUOTED = re.compile(
    r"[‘'](?<![^\s(—–-][‘'])[A-Z](?:[^‘’'\n]|(?<=[A-Za-z])['’](?=[A-Za-z])){0,400}?"
    r"[,.!?…—–-][’'](?=[\s,.;:!?)—–-]|$)"
)
_SPEECH_INSIDE = re.compile(r"[A-Za-z]")
_SPEECH_SHAPE = re.compile(r"\s|[,.!?…—–-]")

_ENDS_COMPLETE = re.compile(r"(?:[.!?…]|[.!?…—–-][\"”’'»)\]*_]+)$")

# Refusals and meta-talk, matched on the lowercased narration (quoted speech removed). Each pattern
# runs only when its cheap substring hint is present, and starts with a literal rather than \b: Python's
# regex engine then skips ahead to candidate positions instead of trying every one (~15x faster). A
# lookbehind right after the first word stands in for the \b ("i(?<![a-z']i)" is the word "i").
_REFUSALS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (hints, re.compile(pattern, re.MULTILINE))
    for hints, pattern in (
        (
            ("as a",),
            r"as(?<![a-z]as) (?:an? (?:ai|artificial intelligence)(?: language)? model\b"
            r"|a (?:large )?language model\b|an ai assistant\b"
            r"|an ai\b[^.!?\n]{0,40}\bi(?: cannot| can't| can not| don't| do not| am not able| am unable"
            r"|'m unable|'m not able| won't| will not)\b)",
        ),
        (
            ("sorry", "afraid"),
            r"(?:sorry|afraid)\b[^.!?\n]{0,40}\b(?:i|we) (?:can't|cannot|can not|won't|will not|am unable to"
            r"|'m unable to|am not able to|'m not able to|must decline|must refuse)\b[^.!?\n]{0,12}"
            r"\b(?:help|assist|write|create|generate|produce|provide|fulfill|fulfil|comply|continue|complete"
            r"|do that|engage)",
        ),
        (
            ("i can", "i won't", "i will not", "unable to", "not able to"),
            r"i(?<![a-z']i)(?: cannot| can't| can not| won't| will not| am unable to|'m unable to"
            r"| am not able to|'m not able to) (?:write|create|generate|produce|provide|fulfill|fulfil"
            r"|complete|comply|assist|help|continue)\b[^.!?\n]{0,40}"
            r"\b(?:this|that|your|request|story|stories|content|passage|such|prompt)\b",
        ),
        (
            ("apolog",),
            r"(?:i apologi[sz]e|my apologies)\b[^.!?\n]{0,40}\b(?:but|cannot|can't|unable)\b",
        ),
        (
            ("openai", "chatgpt", "content polic", "my guidelines", "my programming", "training data",
             "knowledge cutoff"),
            r"(?:openai|chatgpt)\b|content polic(?:y|ies)\b"
            r"|(?:against|violates?) my (?:guidelines|programming)\b"
            r"|my (?:training data|knowledge cutoff)\b",
        ),
        (
            ("i'm ", "i am "),
            r"i(?<![a-z']i)(?:'m| am) (?:just |only )?an? (?:ai|artificial intelligence)(?: language model"
            r"| assistant| model)\b",
        ),
        (
            ("let me know", "would you like me", "i hope you"),
            r"let me know if you(?:'d| would)? like\b|would you like me to\b"
            r"|i hope you (?:enjoy|enjoyed|like|liked) (?:this|the|my) (?:story|tale|passage|piece)\b",
        ),
    )
)
# A reply that opens with "As an AI" is talking about itself, whatever follows.
_AS_AN_AI_START = re.compile(r"\W*as an ai\b")
# "Sure! Here's a short story about a wizard:" / "Certainly." with little after it is a refusal to write.
_PREAMBLE = re.compile(
    r"^\s*(?:"
    r"(?:(?:sure|certainly|of course|absolutely|okay|ok|great|alright|all right|here you go)(?: thing)?"
    r"\s*(?:[!.:]+|,(?=\s*(?:here|below|i've|i have)))\s*)"
    r"(?:(?:here(?:'s| is| you go| goes)|below is|i(?:'ve| have) written)\b[^\n.!?:]{0,120}[:.!]\s*)?"
    r"|(?:here(?:'s| is)|below is|i(?:'ve| have) written)\b[^\n.!?:]{0,120}"
    r"\b(?:story|tale|passage|piece|version|draft|scene|excerpt|narrative|attempt|take)\b"
    r"[^\n.!?:]{0,120}[:.!]\s*"
    r")",
    re.IGNORECASE,
)
_LIST_LINE = re.compile(
    r"^[ \t]*(?:[-*•●▪◦‣+–][ \t]+\S"
    r"|\d{1,3}[.)][ \t]+\S"
    r"|[a-h][.)][ \t]+[A-Z]"
    r"|#{1,6}[ \t]+\S"
    r"|(?i:(?:chapter|part|act|scene|section|step|title|setting|characters?|protagonist|antagonist|plot"
    r"|summary|outline|synopsis|themes?|conflict|resolution|climax|genre|logline|premise|beginning|middle"
    r"|ending|end|introduction|conclusion|rising action|falling action|tone|word count|moral)\b"
    r"[^\n:.!?]{0,40}:)"
    r"|(?i:chapter[ \t]+(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\b[^\n]{0,50}$))",
    re.MULTILINE,
)
_INLINE_NUMBERED = re.compile(r"\b1[.)]\s+[A-Z][^\n]*?\s2[.)]\s+[A-Z][^\n]*?\s3[.)]\s+[A-Z]")

# Markup and code, each pattern guarded by the characters it needs (prose rarely has <, {, =, ; ...).
_MARKUP: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (hints, re.compile(pattern, re.MULTILINE))
    for hints, pattern in (
        (("<",), r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>\n]*)?/?>"),  # HTML tags
        (("&",), r"&(?:nbsp|amp|quot|lt|gt|#\d{2,5});|&&"),  # HTML entities, C-like and
        (("#",), r"^[ \t]{0,3}#{1,6}[ \t]+\S"),  # markdown headers
        (("```", "~~~", "http://", "https://", "||"), r"```|~~~|\bhttps?://|\|\|"),
        (("**", "__"), r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # markdown bold
        (("](",), r"\[[^\]\n]+\]\([^)\s]+\)"),  # markdown links
        (("{", "[", "}", "]"), r"[{\[]\s*\"[^\"\n]{1,40}\"\s*:|^[ \t]*[{}\[\]][ \t]*[;,]?[ \t]*$"),  # JSON
        (("def ", "class "), r"^[ \t]*(?:def|class)[ \t]+\w+[ \t]*[(:]"),  # Python
        (
            ("(",),
            r"function(?<!\wfunction)\s*\w*\s*\([^)\n]*\)\s*\{|\)\s*\{"
            r"|(?:console\.log|System\.out\.print\w*|printf|print)(?<!\wprint)(?<!\wprintf)\(",
        ),
        (("=",), r"=>\s*[{(]|(?:var|let|const)(?<!\wvar)(?<!\wlet)(?<!\wconst)[ \t]+\w+[ \t]*=[^=]"
                 r"|[!=]==?(?=\s*[\w\"'(])"),
        ((";",), r"return(?<!\wreturn)\b[^\n;.!?]*;[ \t]*$"),
        (("import",), r"^[ \t]*(?:import|from)[ \t]+[\w.]+(?:[ \t]+import[ \t]+[\w, ]+)?[ \t]*;?[ \t]*$"),
    )
)


def _matches_any(text: str, guarded: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...]) -> bool:
    return any(any(h in text for h in hints) and pattern.search(text) for hints, pattern in guarded)


_GARBLED_HINT = re.compile(r"[ÃÂâï\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MOJIBAKE = re.compile(r"[ÃÂ][\u0080-\u00bf]|â€|ï¿½|\ufffd|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SYMBOL_RUN = re.compile(r"[^\w\s][^\w\s][^\w\s][^\w\s][^\w\s][^\w\s]")
_PUNCTUATION = "\"'“”‘’.,;:!?…—–-()[]*_ "
# Letter pairs that (almost) no English word holds: q not followed by u, and rare consonant pairs.
_IMPOSSIBLE_PAIR = re.compile(
    r"q(?=[a-tv-z])(?!i)|[jqxz][bcdfgjkmnpqtvwxz]|[bcdfgkmpvw][qxj]|v[bcdfghjkmnpqtwxz]|[fhjkq]z|z[fhjkq]"
)
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{7,}")
_SINGLE_QUOTE_HINT = re.compile(r"[‘'][A-Z]")
_CASE_FLIP = re.compile(r"[a-z][A-Z]")
# The English words of one or two letters (and the usual abbreviations and interjections that short).
_SHORT_WORDS = frozenset(
    "a i o am an as at be by do go he hi if in is it me my no of oh ok on or so to up us we ox ah uh ha mr ms "
    "dr st re eh mm ye yo ma pa em ya oi ow aw er um hm id ad ex lo la km cm kg ft pm tv".split()
)


# --- analysis ----------------------------------------------------------------------------------------


def _sentences(text: str) -> list[str]:
    return [s for s in _SENT_SPLIT.split(text) if _HAS_LETTER.search(s)]


def _has_dialogue(text: str) -> bool:
    if '"' in text or "“" in text:
        for match in _DOUBLE_QUOTED.finditer(text):
            inside = match.group(1) or match.group(2)
            if _SPEECH_INSIDE.search(inside) and _SPEECH_SHAPE.search(inside.strip()):
                return True
    if _SINGLE_QUOTE_HINT.search(text):
        return _SINGLE_QUOTED.search(text) is not None
    return False


def text_features(text: str) -> TextFeatures:
    """Length, sentences and dialogue, measured as `score` measures them (for per-user patterns)."""
    stripped = (text or "").strip()
    return TextFeatures(
        char_count=len(stripped),
        sentence_count=len(_sentences(stripped)),
        has_dialogue=_has_dialogue(stripped),
    )


def _is_descriptive(word: str) -> bool:
    if word in DESCRIPTIVE_LEXICON:
        return True
    n = len(word)
    if n >= 5 and word.endswith("ly"):
        return word not in _NOT_LY_ADVERBS
    if n >= 6 and word.endswith(("ous", "ful", "less")):
        return word not in _NOT_SUFFIX_ADJECTIVES
    return False


def _count_descriptive(words: set[str], enough: int = 2) -> int:
    found = len(words & DESCRIPTIVE_LEXICON)
    if found >= enough:
        return found
    for word in words - DESCRIPTIVE_LEXICON:
        if _is_descriptive(word):
            found += 1
            if found >= enough:
                break
    return found


def _narration(text: str) -> str:
    """The lowercased text without its quoted speech."""
    if '"' in text or "“" in text:
        text = _DOUBLE_QUOTED.sub(" ", text)
    if _SINGLE_QUOTE_HINT.search(text):
        text = _SINGLE_QUOTED.sub(" ", text)
    if "’" in text:
        text = text.replace("’", "'")
    return text.lower()


def _is_refusal(lowered: str, narration: str) -> bool:
    if _AS_AN_AI_START.match(narration) or _matches_any(narration, _REFUSALS):
        return True
    preamble = _PREAMBLE.match(lowered)
    if preamble is None:
        return False
    rest = lowered[preamble.end() :]
    return len(rest.strip()) < 100 or len(_sentences(rest)) < 2


def _is_echo(words: list[str], prompt_words: list[str]) -> bool:
    # Share of the text's word trigrams that come straight from the prompt: a story that quotes its
    # prompt once stays low; a text that is the prompt (repeated) is near 1.
    if len(prompt_words) < 3 or len(words) < 3:
        return bool(words) and len(prompt_words) > 0 and words == prompt_words
    prompt_vocabulary = set(prompt_words)
    if sum(1 for w in words if w in prompt_vocabulary) < len(words) / 2:
        return False
    prompt_trigrams = set(zip(prompt_words, prompt_words[1:], prompt_words[2:]))
    trigrams = list(zip(words, words[1:], words[2:]))
    covered = sum(1 for t in trigrams if t in prompt_trigrams)
    return covered / len(trigrams) >= 0.5


def _is_repetitive(words: list[str], sentences: list[str]) -> bool:
    if len(sentences) >= 2:
        # Sentences of 3+ words, compared by their words: "The door opened." twice is a loop, "No." twice
        # is a style.
        normalized = [key for key in (" ".join(s.lower().split()).strip(_PUNCTUATION) for s in sentences)
                      if key.count(" ") >= 2]
        if len(normalized) >= 2 and len(set(normalized)) < len(normalized):
            counts = Counter(normalized)
            duplicates = len(normalized) - len(counts)
            if counts.most_common(1)[0][1] >= 3 or duplicates / len(normalized) >= 0.3:
                return True
    n = len(words)
    if n >= 17:
        total = n - 2
        distinct = len(set(zip(words, words[1:], words[2:])))
        if distinct / total < 0.6:
            return True
        # One phrase that makes up a large share of the text (needs 3+ repeats, so only then count).
        if total - distinct >= 3:
            top = Counter(zip(words, words[1:], words[2:])).most_common(1)[0][1]
            if top >= 4 and top * 3 / n >= 0.25:
                return True
    if 30 <= n <= 300 and len(set(words)) / n < 0.3:
        return True
    return n > 300 and len(set(words)) / n < 0.2


def _is_outline(text: str) -> bool:
    if "\n" in text:
        lines = [line for line in text.splitlines() if line.strip()]
        structural = sum(1 for line in lines if _LIST_LINE.match(line))
        if structural >= 2 and structural * 3 >= len(lines):
            return True
    return ("1." in text or "1)" in text) and _INLINE_NUMBERED.search(text) is not None


def _is_garbled(text: str, words: list[str], vocabulary: set[str]) -> bool:
    if _GARBLED_HINT.search(text) and _MOJIBAKE.search(text):
        return True
    if _SYMBOL_RUN.search(text):
        return True
    # Letters counted from the words already found (ASCII, lowercased): cheaper than a regex pass.
    non_space = len(text) - text.count(" ") - text.count("\n") - text.count("\t")
    letters = sum(map(len, words))
    if non_space and letters / non_space < 0.7:
        return True
    # Keyboard mash ("asdfghjkl", "qwrtzxcvbnm") or one letter held down ("aaaaaaaaaaaaa").
    long_words = [w for w in vocabulary if len(w) >= 7]
    if long_words:
        for match in _CONSONANT_RUN.finditer(" ".join(long_words)):
            if len(set(match.group())) >= 5:
                return True
        for word in long_words:
            if len(word) > 40 or (len(word) >= 12 and len(set(word)) <= 2):
                return True
        # Words glued together ("thewizardopenedthebook"): English words seldom pass 18 letters.
        if sum(1 for word in long_words if len(word) >= 20) >= 2:
            return True
    # Words broken apart by stray spaces ("the rain came dow n so hard th at"): English has only a few
    # words of one or two letters, and prose holds under 4% of anything else that short.
    if len(words) >= 20:
        odd = {word for word in vocabulary if len(word) <= 2} - _SHORT_WORDS
        if odd and sum(1 for word in words if word in odd) * 10 >= len(words):
            return True
    # Stuttered words ("the the the best man walked in in in"): prose seldom says a word twice in a row.
    if len(words) >= 20:
        stutters = sum(1 for a, b in zip(words, words[1:]) if a == b)
        if stutters * 10 >= len(words):
            return True
        # Capitals flipping inside words ("tHe KnIgHt RoDe"): a name or two (McKay, DeLuca) at most in prose.
        if len(_CASE_FLIP.findall(text)) * 5 >= len(words):
            return True
    # Corrupted words ("the wizqrd opxned the bouk"): letter pairs English words never hold.
    if len(words) >= 20:
        # One pass over the words (a word with two odd pairs counts twice: close enough).
        odd_pairs = len(_IMPOSSIBLE_PAIR.findall(" ".join(words)))
        if odd_pairs * 100 >= len(words) * 12:
            return True
    return False


def score(
    text: str,
    prompt: str,
    *,
    genre: str | None = None,
    threshold: float = 7.0,
    finish_reason: str | None = None,
) -> QualityReport:
    """Score one generated passage for `prompt` (and `genre`, a catalog key) against `threshold`.

    The text is cleaned first (clean.py); the report's `text` is the cleaned story. An answer the
    provider cut off at its length limit (`finish_reason="length"`) is truncated whatever it ends on.
    """
    cleaned = clean(text)
    stripped = cleaned.text
    if "’" in stripped or "‘" in stripped:
        lowered = stripped.replace("’", "'").replace("‘", "'").lower()
    else:
        lowered = stripped.lower()
    words = _WORD.findall(lowered)
    vocabulary = set(words)
    sentences = _sentences(stripped)

    breakdown: dict[str, float] = {
        "base": BASE,
        "length": BONUSES["length"] if LENGTH_RANGE[0] <= len(stripped) <= LENGTH_RANGE[1] else 0.0,
        "sentences": BONUSES["sentences"] if len(sentences) >= 3 else 0.0,
        "descriptive": BONUSES["descriptive"] if _count_descriptive(vocabulary) >= 2 else 0.0,
        "dialogue": BONUSES["dialogue"] if _has_dialogue(stripped) else 0.0,
    }
    fired: list[str] = []
    if not stripped:
        fired.append("penalty_empty")
    elif not words:
        # Symbols, digits or a script that is not the English prose asked for.
        fired.append("penalty_garbled")
        if len(stripped) < MIN_CHARS:
            fired.append("penalty_too_short")
    else:
        if len(stripped) < MIN_CHARS:
            fired.append("penalty_too_short")
        # Speech inside quotes is the story's, not the model's: a guard may say "I'm sorry, I can't".
        narration = _narration(stripped)
        if _is_refusal(lowered, narration):
            fired.append("penalty_refusal")
        elif talk.meta_talk(narration, vocabulary) or talk.plans_more(cleaned.postamble):
            fired.append("penalty_meta_talk")
        prompt_words = _WORD.findall((prompt or "").replace("’", "'").lower())
        if _is_echo(words, prompt_words) or talk.echoes_brief(stripped, prompt or ""):
            fired.append("penalty_echo")
        if _is_repetitive(words, sentences):
            fired.append("penalty_repetition")
        if not _ENDS_COMPLETE.search(stripped[-8:]) or talk.stops_mid_way(stripped):
            fired.append("penalty_cut_off")
        lines = form.lines_of(stripped)
        if _is_outline(stripped):
            fired.append("penalty_outline")
        elif form.is_script(lines):
            fired.append("penalty_script")
        elif form.is_verse(lines):
            fired.append("penalty_verse")
        if _matches_any(stripped, _MARKUP):
            fired.append("penalty_markup")
        if _is_garbled(stripped, words, vocabulary):
            fired.append("penalty_garbled")
        measured = language.measure(stripped, words)
        if measured.not_english:
            fired.append("penalty_not_english")
        elif measured.keyword_salad:
            fired.append("penalty_keyword_salad")
        else:
            if form.is_run_on(sentences):
                fired.append("penalty_run_on")
            stems = relevance.text_stems(vocabulary)
            if relevance.narrative(narration, _has_dialogue(stripped)).exposition:
                fired.append("penalty_exposition")
            else:
                fit = relevance.relevance(stems, prompt or "", genre)
                if fit is not None and fit.off_brief:
                    fired.append("penalty_off_topic")
    if finish_reason == "length":
        fired.append("penalty_truncated")
    # The chatter removed around a story costs a little: a wrapped answer is never penalty-free.
    if cleaned.preamble:
        fired.append("penalty_preamble")
    if cleaned.postamble:
        fired.append("penalty_postamble")
    for key in fired:
        breakdown[key] = PENALTIES[key]

    breakdown = {key: round(value, 2) for key, value in breakdown.items()}
    total = round(min(MAX_SCORE, max(0.0, sum(breakdown.values()))), 2)
    reject_reason = main = None
    if total < threshold:
        if fired:
            main = min(fired, key=lambda key: (PENALTIES[key], _REASON_ORDER[key]))
            reject_reason = REASONS[main]
        else:
            reject_reason = "below threshold"
    return QualityReport(
        score=total, breakdown=breakdown, reject_reason=reject_reason, text=stripped, main_penalty=main
    )


def ordered_breakdown(breakdown: dict[str, float] | None) -> list[tuple[str, float]]:
    """A breakdown's factors in reading order (base, the bonuses, then penalties), whatever order the
    database kept the keys in (PostgreSQL's jsonb sorts them by length)."""
    rank = {"base": 0, **{name: 1 + i for i, name in enumerate(BONUSES)}}
    return sorted((breakdown or {}).items(), key=lambda item: (rank.get(item[0], len(rank)), item[0]))
