"""Crude English stems, so that a story's words meet the prompt's and the genre's in any inflection."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache


@lru_cache(maxsize=65536)
def _stem_keys(word: str) -> tuple[str, ...]:
    """Crude stems so wizard/wizards and discover/discovers/discovered meet; not linguistics.

    A word that lost -ing/-ed also answers to the stem plus "e" (writing -> writ, write).
    """
    if word.endswith("'s"):
        word = word[:-2]
    n = len(word)
    if n > 4 and word.endswith("ies"):
        return (word[:-3] + "y",)
    if n > 5 and word.endswith("ing"):
        base = word[:-3]
    elif n > 4 and word.endswith("ed"):
        base = word[:-2]
    else:
        if n > 4 and word.endswith("es") and word[-3] in "sxzh":
            word = word[:-2]
        elif n > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
            word = word[:-1]
        return (word,)
    # running -> runn -> run, stopped -> stopp -> stop
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "aeiouls":
        base = base[:-1]
    return (base, base + "e")


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(key for word in words for key in _stem_keys(word))


def _inflections(stems: Iterable[str]) -> set[str]:
    """Likely surface forms of the stems, so most texts are matched by one C-speed set intersection."""
    forms: set[str] = set()
    for stem in stems:
        forms.update((stem, stem + "s", stem + "es", stem + "ed", stem + "ing", stem + "'s", stem + "er"))
        if stem.endswith("e"):
            forms.update((stem + "d", stem[:-1] + "ing"))
        elif stem.endswith("y"):
            forms.update((stem[:-1] + "ies", stem[:-1] + "ied"))
        elif len(stem) > 2 and stem[-1] not in "aeiouwxy" and stem[-2] in "aeiou":
            forms.update((stem + stem[-1] + "ed", stem + stem[-1] + "ing"))
    return forms


