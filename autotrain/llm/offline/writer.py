"""The offline writer's engine: `write_story` turns one planned item into 2-4 paragraphs.

Everything is precomputed at import; `write_story` only picks and formats (it runs in tens of
microseconds), because benchmarks and large runs call it thousands of times.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from autotrain.catalog import GENRES, PREMISES, PlannedItem, plan_items
from autotrain.llm.offline.lexicons import (
    EMOTIONS,
    EXTRA_HINTS,
    FALLBACK_GENRE,
    LATER,
    LEXICONS,
    PLACE_CUTS,
    STOPWORDS,
    STORY_PREFIXES,
    STYLE_KEYWORDS,
    TITLES,
    VERB_HINTS,
)
from autotrain.llm.offline.voices import (
    CONTEXT_SENTENCES,
    DEVELOPMENT,
    FIRST_PERSON_OPENINGS,
    PRONOUNS,
    REPLIES,
    REPLY_VERBS,
    SPEECH_VERBS,
    STYLE_SENTENCES,
    TWIST_CLOSINGS,
    VOICES,
)

T = TypeVar("T")

_MIN_CHARS = 420
_MAX_CHARS = 790
_CACHE_LIMIT = 4096


# ---------------------------------------------------------------------------------------------------
# Precomputed tables
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Premise:
    hero: str | None  # None: pick a genre role per story
    the_thing: str  # with its article ("the ancient spellbook"), or a proper noun alone ("Mars")
    the_item: str
    deed: str
    goal: str
    gender: str | None
    # Free prompts get one extra sentence quoting their premise, so the text visibly follows them.
    quote: str | None = None


@dataclass(frozen=True)
class _Lexicon:
    names: tuple[tuple[str, str], ...]
    names_by_gender: dict[str, tuple[tuple[str, str], ...]]
    pools: dict[str, tuple[str, ...]]
    lines: tuple[str, ...]
    world: tuple[str, ...]
    roles: tuple[str, ...]


def _article(phrase: str) -> str:
    return ("an " if phrase[:1].lower() in "aeiou" else "a ") + phrase


def _place_alias(place: str) -> str:
    """A shorter second mention: "the walled town of Brackenford" -> "Brackenford", "an old mill above
    the river" -> "the old mill"."""
    words = place.split()
    for i, word in enumerate(words[1:], start=1):
        if word == "of" and i + 1 < len(words) and words[i + 1][:1].isupper():
            return " ".join(words[i + 1:])
        if word in PLACE_CUTS:
            return " ".join(["the", *words[1:i]])
    return " ".join(["the", *words[1:]]) if words[0] in ("a", "an") else place


def _parse_name(entry: str) -> tuple[str, str]:
    name, gender = entry.split(":")
    return name, gender


def _build_lexicon(raw: dict[str, tuple[str, ...]]) -> _Lexicon:
    names = tuple(_parse_name(entry) for entry in raw["names"])
    pools = {
        "place": raw["places"],
        "time": raw["times"],
        "weather": raw["weather"],
        "adj": raw["adj"],
        "sight": raw["sight"],
        "sound": raw["sound"],
        "smell": raw["smell"],
        "touch": raw["touch"],
        "threat": raw["threat"],
        "emotion": EMOTIONS,
        "said": SPEECH_VERBS,
    }
    return _Lexicon(
        names=names,
        names_by_gender={g: tuple(n for n in names if n[1] == g) for g in ("f", "m")},
        pools=pools,
        lines=raw["lines"],
        world=raw["world"],
        roles=raw["roles"],
    )


_LEX: dict[str, _Lexicon] = {key: _build_lexicon(raw) for key, raw in LEXICONS.items()}
_PLACE_ALIASES: dict[str, str] = {
    place: _place_alias(place) for raw in LEXICONS.values() for place in raw["places"]
}

_CATALOG_PREMISES: dict[str, _Premise] = {
    prompt: _Premise(hero=p.hero, the_thing=f"the {p.thing}", the_item=f"the {p.item}", deed=p.deed,
                     goal=p.goal, gender=p.gender)
    for prompt, p in PREMISES.items()
}


def _build_genre_hints() -> dict[str, str]:
    """Content word -> genre, from the catalog prompts, to guess a genre for free prompts."""
    hints: dict[str, str] = {}
    for key, genre in GENRES.items():
        for prompt in genre.prompts:
            for word in prompt.lower().replace("'s", "").split():
                if word not in STOPWORDS and word not in VERB_HINTS and len(word) > 3:
                    hints.setdefault(word, key)
    return hints


_GENRE_HINTS = {**_build_genre_hints(), **EXTRA_HINTS}
_PUNCTUATION = ".,;:!?\"'()[]{}<>-–—*_#`"

# ---------------------------------------------------------------------------------------------------
# Per-call helpers (memoised where the input space is small)
# ---------------------------------------------------------------------------------------------------

_style_cache: dict[str, tuple[str, ...]] = {}
_free_premise_cache: dict[str, _Premise] = {}


def _style_keys(style_modifier: str) -> tuple[str, ...]:
    cached = _style_cache.get(style_modifier)
    if cached is not None:
        return cached
    lowered = style_modifier.lower()
    found: list[str] = []
    for keyword, key in STYLE_KEYWORDS:
        if keyword in lowered and key not in found:
            found.append(key)
    if len(_style_cache) < _CACHE_LIMIT:
        _style_cache[style_modifier] = tuple(found)
    return tuple(found)


def _clean_words(text: str) -> list[str]:
    return [w.strip(_PUNCTUATION) for w in text.split() if w.strip(_PUNCTUATION)]


def _free_premise(prompt: str) -> _Premise:
    """A premise for a prompt outside the catalog, built from its last run of content words."""
    cached = _free_premise_cache.get(prompt)
    if cached is not None:
        return cached
    text = " ".join(prompt.split()).strip(" .!?;:")
    lowered = text.lower()
    for prefix in STORY_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix):]
            break
    words = _clean_words(text)
    # The last run of content words is usually the object of the prompt ("... finds a magic ring").
    tail: list[str] = []
    tail_start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.lower() in STOPWORDS or not word.replace("-", "").isalpha():
            if tail:
                break
            continue
        tail.insert(0, word)
        tail_start = index
        if len(tail) == 2:
            break
    if not tail:
        the_thing, the_item = "the old secret", "the secret"
    elif tail_start > 0 and all(w[:1].isupper() for w in tail):
        # A proper noun ("Mars", "New York") takes no article.
        the_thing = the_item = " ".join(tail)
    else:
        if tail_start == 0:
            tail[0] = tail[0].lower()
        the_thing, the_item = "the " + " ".join(tail), "the " + tail[-1]
    quote = None
    # Only letters and plain punctuation go into the quoted line: no nested quotes, braces or markup.
    plain = " ".join("".join(ch for ch in text if ch.isalnum() or ch in " ,'-").split())
    if 2 <= len(words) <= 20 and plain:
        quote = plain[0].upper() + plain[1:] + "."
    premise = _Premise(
        hero=None,
        the_thing=the_thing,
        the_item=the_item,
        deed=f"came face to face with {the_thing}",
        goal=f"get to the bottom of {the_item}",
        gender=None,
        quote=quote,
    )
    if len(_free_premise_cache) < _CACHE_LIMIT:
        _free_premise_cache[prompt] = premise
    return premise


def _guess_genre(prompt: str) -> str:
    counts: dict[str, int] = {}
    for word in _clean_words(prompt.lower()):
        genre = _GENRE_HINTS.get(word)
        if genre:
            counts[genre] = counts.get(genre, 0) + 1
    return max(counts, key=counts.__getitem__) if counts else FALLBACK_GENRE


_NOT_NAMES = STOPWORDS | TITLES


# The offline writer reads only the first few context passages (names and nouns, for its second
# character); the rest never reach it, so /generate does not claim they were used.
CONTEXT_PASSAGES_READ = 3


def _context_terms(context: Sequence[str]) -> list[str]:
    """Up to two names (or failing that, nouns) from the user's memory passages."""
    names: list[str] = []
    nouns: list[str] = []
    for passage in context[:CONTEXT_PASSAGES_READ]:
        previous_ends_sentence = True
        for raw in passage[:600].split():
            word = raw.strip(_PUNCTUATION)
            ends_sentence = raw.endswith((".", "!", "?", '."', '!"', '?"'))
            if len(word) >= 3 and word.isalpha() and word.lower() not in _NOT_NAMES:
                if word[0].isupper() and not previous_ends_sentence:
                    if word not in names:
                        names.append(word)
                elif word.islower() and len(word) >= 6 and not word.endswith(("ly", "ing", "ed")):
                    if word not in nouns:
                        nouns.append(word)
            previous_ends_sentence = ends_sentence
    return names[:2] if names else [f"the {noun}" for noun in nouns[:2]]


class _Slots(dict):
    """Template slots: fixed values per story, plus fresh picks for descriptive slots on each use."""

    __slots__ = ("_rng", "_pools", "_used", "_place")

    def __init__(self, rng: random.Random, pools: dict[str, tuple[str, ...]], place: str) -> None:
        super().__init__()
        self._rng = rng
        self._pools = pools
        self._used: set[str] = set()
        self._place = place

    def __missing__(self, key: str) -> str:
        if key == "a_adj" or key == "A_adj":
            adjective = _article(self.__missing__("adj"))
            return adjective if key == "a_adj" else adjective[0].upper() + adjective[1:]
        if key == "place":
            # Name the setting in full once; repeating "an old mill above the river" reads as a loop.
            self["place"] = _PLACE_ALIASES.get(self._place, self._place)
            return self._place
        pool = self._pools[key]
        random_ = self._rng.random
        value = pool[int(random_() * len(pool))]
        # A couple of re-draws keep "a cold, cold wind" out without ever looping for long.
        if value in self._used:
            value = pool[int(random_() * len(pool))]
            if value in self._used:
                value = pool[int(random_() * len(pool))]
        self._used.add(value)
        return value


def _choice(rng: random.Random, options: Sequence[T]) -> T:
    # Random.choice's bit-exact _randbelow costs twice as much; this bias is far below anything readable.
    return options[int(rng.random() * len(options))]


def _pick(rng: random.Random, options: Sequence[str], taken: set[str]) -> str:
    choice = _choice(rng, options)
    while choice in taken:
        choice = _choice(rng, options)
    taken.add(choice)
    return choice


def _dialogue(rng: random.Random, lex: _Lexicon, slots: _Slots, exchange: bool) -> list[str]:
    """One quoted line from another character, and with `exchange` the protagonist's reply."""
    line = _choice(rng, lex.lines).format_map(slots)
    ally = slots["ally"]
    if rng.random() < 0.5:
        spoken = line[:-1] + "," if line.endswith(".") else line
        sentences = [f'"{spoken}" {ally} {slots["said"]}.']
    else:
        sentences = [f'{ally} leaned closer. "{line}"']
    if exchange:
        reply = _choice(rng, REPLIES)
        if rng.random() < 0.6:
            spoken = reply[:-1] + "," if reply.endswith(".") else reply
            verb = _choice(rng, REPLY_VERBS).format_map(slots)
            sentences.append(f'"{spoken}" {slots["Name"]} {verb}.')
        else:
            sentences.append(f'{slots["He"]} shook {slots["his"]} head. "{reply}"')
    return sentences


def _cast(rng: random.Random, lex: _Lexicon, premise: _Premise, first_person: bool,
          context: Sequence[str]) -> _Slots:
    """Choose who, where and when, and fill every per-story slot."""
    names = lex.names_by_gender[premise.gender] if premise.gender else lex.names
    called, gender = _choice(rng, names)
    ally = _choice(rng, lex.names)[0]
    while ally == called:
        ally = _choice(rng, lex.names)[0]
    terms = _context_terms(context) if context else []
    # A name remembered from the user's own stories becomes the second character.
    if terms and not terms[0].startswith("the ") and terms[0] != called:
        ally = terms[0]

    slots = _Slots(rng, lex.pools, _choice(rng, lex.pools["place"]))
    slots.update(PRONOUNS["1" if first_person else gender])
    hero = premise.hero or _choice(rng, lex.roles)
    time_phrase = _choice(rng, lex.pools["time"])
    later = _choice(rng, LATER)
    slots.update(
        Name="I" if first_person else called,
        called=called,
        ally=ally,
        Ally=ally,
        hero=hero,
        a_hero=_article(hero),
        time=time_phrase,
        Time=time_phrase[0].upper() + time_phrase[1:],
        later=later,
        Later=later[0].upper() + later[1:],
        threat=_choice(rng, lex.pools["threat"]),
        the_item=premise.the_item,
        The_item=premise.the_item[0].upper() + premise.the_item[1:],
        ctx=" and ".join(terms),
    )
    # Premise fields may hold pronoun slots ("{his} brother's face"); resolve them once per story.
    for key, value in (("deed", premise.deed), ("goal", premise.goal), ("the_thing", premise.the_thing)):
        slots[key] = value.format_map(slots) if "{" in value else value
    slots["The_thing"] = slots["the_thing"][0].upper() + slots["the_thing"][1:]
    return slots


def write_story(
    *,
    genre: str,
    prompt: str,
    style_modifier: str,
    seed: int,
    voice: int = 0,
    context: Sequence[str] = (),
) -> str:
    """Write 2-4 paragraphs of prose for one planned item; the same arguments give the same text."""
    # Callers outside the planner (the stub server, /generate) may pass None for the optional parts.
    prompt = prompt or ""
    style_modifier = style_modifier or ""
    voice = voice % len(VOICES)
    rng = random.Random(seed * 4 + voice)
    lex = _LEX.get(genre) or _LEX[_guess_genre(prompt)]
    premise = _CATALOG_PREMISES.get(prompt) or _free_premise(prompt)
    styles = _style_keys(style_modifier)
    grammar = VOICES[voice]
    slots = _cast(rng, lex, premise, "first_person" in styles, context)
    taken: set[str] = set()

    def beat(options: Sequence[str]) -> str:
        return _pick(rng, options, taken).format_map(slots)

    opening = beat(FIRST_PERSON_OPENINGS if "first_person" in styles else grammar.openings)
    head = [opening, beat(grammar.premises), beat(lex.world)]
    middle = [beat(DEVELOPMENT)]
    # Dropped last-first when a story runs long; the world beat carries the genre's vocabulary.
    optional = [(head, head[2]), (middle, middle[0])]
    if premise.quote:
        middle.append(f'Later, when people asked, {slots["he"]} would put it simply: "{premise.quote}"')
    if slots["ctx"]:
        middle.append(beat(CONTEXT_SENTENCES))
    style_pools = [STYLE_SENTENCES[key] for key in styles if key in STYLE_SENTENCES]
    middle.extend(beat(pool) for pool in style_pools[:2])

    wants_dialogue = "dialogue" in styles
    dialogue: list[str] = []
    if wants_dialogue or rng.random() < 0.4:
        dialogue = _dialogue(rng, lex, slots, exchange=wants_dialogue or rng.random() < 0.35)
    tail = [beat(grammar.turns), beat(TWIST_CLOSINGS if "twist" in styles else grammar.closings)]

    length = sum(len(sentence) + 1 for part in (head, middle, dialogue, tail) for sentence in part)
    while length > _MAX_CHARS and optional:
        part, sentence = optional.pop()
        part.remove(sentence)
        length -= len(sentence) + 1
    if length > _MAX_CHARS and dialogue and not wants_dialogue:
        dialogue = []
    while length < _MIN_CHARS:
        extra = beat(DEVELOPMENT)
        middle.append(extra)
        length += len(extra) + 1
    return _paragraphs(rng, head, middle, dialogue, tail)


def _paragraphs(rng: random.Random, head: list[str], middle: list[str], dialogue: list[str],
                tail: list[str]) -> str:
    """Group the beats into 2-4 paragraphs; dialogue gets its own paragraph when there is room."""
    roll = rng.random()
    if roll < 0.2:
        blocks = [head + middle, dialogue + tail]
    elif roll < 0.8:
        blocks = [head, middle + dialogue, tail] if middle or dialogue else [head, tail]
    else:
        blocks = [head, middle, dialogue, tail] if dialogue else [head, middle[:1], middle[1:], tail]
    return "\n\n".join(" ".join(block) for block in blocks if block)


def planned_stories(*, seed: int, num_examples: int) -> list[tuple[PlannedItem, str]]:
    """A run's candidates on the defaults: each item of the plan (every genre) written in each voice of this writer."""
    return [
        (item, write_story(genre=item.genre, prompt=item.prompt, style_modifier=item.style_modifier, seed=item.seed,
                           voice=voice))
        for item in plan_items(seed=seed, num_examples=num_examples, genres=None)
        for voice in range(len(VOICES))
    ]
