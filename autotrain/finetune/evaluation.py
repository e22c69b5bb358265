"""Does the custom model write better than what it was made from? The held-out prompts and the verdict.

Pure functions, no I/O: services.evaluation chooses with them, has both models write, and records.

**Held-out prompts.** The catalog's prompt x style pairs the job did not train on (its examples' pairs are
passed in), spread over the user's genres: their kept genres, most kept first (all genres when they
have none), dealt round-robin so every genre gets its share and the favourites get any remainder. A user
whose data covers every pair of their genres is asked in the other genres rather than not at all.
Within a genre, pairs are drawn in a shuffled order that uses each prompt once before any prompt comes
back. Everything is seeded by the job's id: evaluating a job again asks the same prompts.

**Who won a pair.** A side that failed to answer loses (both failing: the pair has no winner and
counts for neither). Without a jury, the higher heuristic score wins, and a difference under
`TIE_MARGIN` points is a tie (the heuristics do not measure finer than that). With a jury, each judge
that answered the blind comparison names the better text or a tie; the side more judges preferred wins
(ties and silent judges count for neither), and when as many judges prefer each side (or none could
answer) the heuristic rule above decides.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from autotrain import catalog

DEFAULT_PROMPTS = 16
# Heuristic scores closer than this are a tie.
TIE_MARGIN = 0.25

CUSTOM = "custom"
BASE = "base"
TIE = "tie"


@dataclass(frozen=True)
class HeldOutPrompt:
    index: int
    genre: str
    prompt: str
    style_modifier: str
    seed: int


def evaluation_seed(job_id: object) -> int:
    """A stable seed for the job's evaluation (the same prompts and item seeds every time)."""
    digest = hashlib.blake2b(f"evaluation:{job_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


def genres_by_preference(kept_counts: dict[str, int]) -> list[str]:
    """The user's kept genres, most kept first (ties by catalog order); all genres when none."""
    kept = [g for g in catalog.GENRE_KEYS if kept_counts.get(g, 0) > 0]
    if not kept:
        return list(catalog.GENRE_KEYS)
    return sorted(kept, key=lambda g: -kept_counts[g])


def choose_prompts(
    *,
    seed: int,
    n: int,
    genres: Sequence[str],
    trained_on: Collection[tuple[str, str]],
    then: Sequence[str] = (),
) -> list[HeldOutPrompt]:
    """`n` held-out (prompt, style) pairs spread over `genres` (in preference order), none of them in
    `trained_on`; when those genres have no unused pair left, over `then` (the other genres). Fewer
    than `n` only when every genre given is used up."""
    if n < 1:
        return []
    rng = random.Random(seed)
    used = set(trained_on)
    chosen: list[HeldOutPrompt] = []
    for group in (genres, then):
        _deal(chosen, rng=rng, seed=seed, n=n, genres=group, used=used)
    return chosen


def _deal(
    chosen: list[HeldOutPrompt], *, rng: random.Random, seed: int, n: int, genres: Sequence[str], used: set
) -> None:
    pools = {genre: _shuffled_pairs(genre, rng, used) for genre in genres if genre in catalog.GENRES}
    order = [genre for genre in genres if pools.get(genre)]
    while len(chosen) < n and order:
        for genre in list(order):
            if len(chosen) >= n:
                break
            prompt, style = pools[genre].pop()
            index = len(chosen)
            chosen.append(
                HeldOutPrompt(
                    index=index, genre=genre, prompt=prompt, style_modifier=style, seed=catalog.item_seed(seed, index)
                )
            )
            if not pools[genre]:
                order.remove(genre)


def _shuffled_pairs(genre: str, rng: random.Random, used: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """The genre's unused pairs, in the order they are taken (from the end): round after round, each
    round one style for each prompt, so a prompt comes back only once every prompt has been used."""
    prompts = list(catalog.GENRES[genre].prompts)
    styles = list(catalog.STYLE_MODIFIERS)
    rng.shuffle(prompts)
    offsets = list(range(len(styles)))
    rng.shuffle(offsets)
    order: list[tuple[str, str]] = []
    for offset in offsets:
        for position, prompt in enumerate(prompts):
            pair = (prompt, styles[(position + offset) % len(styles)])
            if pair not in used:
                order.append(pair)
    order.reverse()
    return order


def winner(
    *, custom_score: float | None, base_score: float | None, preferences: Iterable[str] = ()
) -> str | None:
    """`custom`, `base`, `tie`, or None when neither side answered (see the module docstring).

    A score of None means that side failed to answer; `preferences` are the judges' blind choices
    (`custom`, `base` or `tie`), one per judge that answered.
    """
    if custom_score is None and base_score is None:
        return None
    if custom_score is None:
        return BASE
    if base_score is None:
        return CUSTOM
    votes = list(preferences)
    for_custom, for_base = votes.count(CUSTOM), votes.count(BASE)
    if for_custom != for_base:
        return CUSTOM if for_custom > for_base else BASE
    if abs(custom_score - base_score) < TIE_MARGIN:
        return TIE
    return CUSTOM if custom_score > base_score else BASE
