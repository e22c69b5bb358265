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

import re
from dataclasses import dataclass
from functools import lru_cache

from autotrain import catalog
from autotrain.quality.stems import _stem_keys, _stems
from autotrain.quality.topics_data import GENRE_TOPICS, NON_STORY_TOPICS, PROMPT_TOPICS

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
_GENRE_STEMS: dict[str, frozenset[str]] = {
    genre: _vocabulary(GENRE_TOPICS.get(genre, "")) for genre in catalog.GENRE_KEYS
}
_NON_STORY_STEMS: frozenset[str] = frozenset().union(*(_vocabulary(words) for words in NON_STORY_TOPICS.values()))

# Statements about the world in general, as essays, guides and lectures make them.
_EXPOSITORY = re.compile(
    r"\b(?:is|are) (?:often|usually|typically|generally|commonly|widely|traditionally|sometimes|considered"
    r"|known|best|one of|a (?:form|kind|type|genre|staple)|an? (?:example|important|essential))\b"
    r"|\b(?:for example|for instance|such as|in other words|in short|in conclusion|in summary|as a result"
    r"|on the other hand|in practice|in general|in modern|most notably|it is worth|it's worth|keep in mind"
    r"|you can|you'll find|you will find|you should|make sure|be sure to|don't miss|consider|visitors"
    r"|readers|writers|authors|audiences|the genre|tips?|tend to|tends to|according to|researchers"
    r"|studies|historians|scholars|the term|refers to|defined as|per cent|percent"
    # advice: conditionals, modals and the generic person a guide speaks of
    r"|if you|you can|you should|you'll need|you need to|you must|you may want|a person|most people|people who"
    r"|it is (?:important|best|wise|essential|vital|crucial|possible)|it's (?:important|best|wise|essential|vital"
    r"|crucial|possible)|try to|remember to|instead of|the best way|the key is|the first step|step one)\b"
    # history and folklore lectures, in the past tense
    r"|\b(?:was|were) (?:often|usually|typically|generally|commonly|widely|traditionally|rarely|seldom|considered"
    r"|believed|thought to|regarded|associated|depicted|described as|portrayed)\b"
    r"|\b(?:centur(?:y|ies)|folklore|traditions?|cultures|historians?|scholars|medieval|renaissance|victorian"
    r"|legend has it|more often|in many|in most)\b"
    r"|\b1[0-9]{3}s?\b|\b20[0-9]{2}\b|\d+%|\$\d",
    re.IGNORECASE,
)
_PERSONAL = frozenset("he she him his her i me my we us our they them their".split())
_PAST = re.compile(r"\b(?:was|were|had|did|said|went|came|saw|took|found|stood|felt|knew|thought|told|made|left"
                   r"|turned|looked|walked|heard|held|kept|began|ran|fell|sat|lay|rose|gave|got|put|brought"
                   r"|[a-z]{3,}ed)\b")


@dataclass(frozen=True)
class Relevance:
    prompt_hits: int  # distinct words of the prompt's topic the text uses
    genre_hits: int  # distinct words of the genre's vocabulary
    best_other_hits: int  # the most topic words any other catalog prompt gets from the text
    best_other_prompt: str | None

    @property
    def off_brief(self) -> bool:
        if self.best_other_prompt is None:  # a free prompt: nothing to compare with
            return False
        if self.prompt_hits + self.genre_hits / 2 < 2.5:
            return True
        return self.best_other_hits >= 2 * self.prompt_hits + 2


@lru_cache(maxsize=256)
def _free_prompt_stems(prompt: str) -> frozenset[str]:
    return frozenset(s for s in _stems(_CONTENT_WORD.findall(prompt.lower())) if len(s) >= 3) - _stems(_GENERIC)


def text_stems(vocabulary: set[str]) -> frozenset[str]:
    return frozenset(key for word in vocabulary for key in _stem_keys(word))


def relevance(stems: frozenset[str], prompt: str, genre: str | None) -> Relevance | None:
    """None when there is nothing to judge against (a free prompt with no content words, no genre)."""
    own = _PROMPT_STEMS.get(prompt)
    if own is None:
        own = _free_prompt_stems(prompt)
        if not own and genre not in _GENRE_STEMS:
            return None
        return Relevance(len(stems & own), len(stems & _GENRE_STEMS.get(genre or "", frozenset())), 0, None)
    best_other, best_prompt = 0, None
    for other, vocabulary in _PROMPT_STEMS.items():
        if other != prompt:
            hits = len(stems & vocabulary)
            if hits > best_other:
                best_other, best_prompt = hits, other
    genre_hits = len(stems & _GENRE_STEMS.get(genre or "", frozenset()))
    return Relevance(len(stems & own), genre_hits, best_other, best_prompt or "")


@dataclass(frozen=True)
class Narrative:
    words: int
    personal: float  # personal pronouns per word
    past: float  # past-tense verbs per word
    expository: float  # generic-statement markers per word
    markers: int  # generic-statement markers
    non_story: int  # distinct non-fiction topic words
    dialogue: bool

    @property
    def exposition(self) -> bool:
        """Reads as an essay, guide or lecture rather than a scene: generic statements outweigh the
        people of a story (pronouns, speech)."""
        if self.words < 40 or self.markers < 2 or (self.markers < 3 and self.personal >= 0.005):
            return False
        story = self.personal * 100 + (4 if self.dialogue else 0)
        essay = self.expository * 100 * 2.5 + max(0, self.non_story - 6)
        return essay >= 3 and essay > story


def narrative(words: list[str], narration: str, stems: frozenset[str], dialogue: bool) -> Narrative:
    n = len(words) or 1
    markers = len(_EXPOSITORY.findall(narration))
    return Narrative(
        words=len(words),
        personal=sum(1 for w in words if w in _PERSONAL) / n,
        past=len(_PAST.findall(narration)) / n,
        expository=markers / n,
        markers=markers,
        non_story=len(stems & _NON_STORY_STEMS),
        dialogue=dialogue,
    )
