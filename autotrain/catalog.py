"""The training catalog: genres, their prompts, style modifiers, and the seeded plan of one run.

Plain data and pure functions, no Django: the API, the services, the offline writer and the tests all
read the same tables, and a plan depends only on its arguments so a retried run plans the same items.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

GENRES_DESCRIPTION = "Available genres for automatic training data generation"

GENRE_KEYS: tuple[str, ...] = (
    "fantasy",
    "dark_fantasy",
    "sci_fi",
    "mystery",
    "horror",
    "romance",
    "adventure",
    "thriller",
)


@dataclass(frozen=True)
class Genre:
    key: str
    label: str
    description: str
    prompts: tuple[str, ...]


GENRES: dict[str, Genre] = {
    "fantasy": Genre(
        key="fantasy",
        label="Fantasy",
        description="Magic, quests and kingdoms: wizards, knights, elves and dragons.",
        prompts=(
            "A young wizard discovers an ancient spellbook",
            "A knight embarks on a quest to slay a dragon",
            "An elf princess must unite the warring kingdoms",
            "A thief steals a crown that whispers to its wearer",
            "A dwarf blacksmith forges a sword for a forgotten king",
            "A village healer learns she can speak with the forest",
            "A banished prince returns home riding a griffin",
            "A dead cartographer's map leads to a hidden city",
            "Two rival mages are forced to share a single tower",
            "A dragon egg hatches in a farmer's barn",
        ),
    ),
    "dark_fantasy": Genre(
        key="dark_fantasy",
        label="Dark Fantasy",
        description="Grim magic and moral ruin: necromancers, curses, pacts and ancient evils.",
        prompts=(
            "A necromancer raises an army of the undead",
            "Shadows consume the kingdom as evil spreads",
            "A forbidden ritual unleashes an ancient evil",
            "A cursed knight cannot die no matter how many battles he loses",
            "A witch trades her memories for dark power",
            "A plague of nightmares spreads through a walled city",
            "The last paladin hunts the demon wearing his brother's face",
            "A blood moon wakes the old gods beneath the mountain",
            "A gravedigger finds a coffin that knocks from the inside",
            "A desperate queen makes a pact with a creature of the void",
        ),
    ),
    "sci_fi": Genre(
        key="sci_fi",
        label="Sci-Fi",
        description="Starships, strange worlds and thinking machines.",
        prompts=(
            "First contact with an alien civilization",
            "A colony ship reaches a mysterious planet",
            "AI systems begin showing signs of consciousness",
            "A time traveler is stranded in the distant future",
            "A lone engineer keeps a dying space station alive",
            "Humanity receives a signal from the edge of the galaxy",
            "An android detective investigates a murder on Mars",
            "Memories are bought and sold in a neon megacity",
            "The last starship flees a collapsing star system",
            "A scientist meets the clone who disagrees with her",
        ),
    ),
    "mystery": Genre(
        key="mystery",
        label="Mystery",
        description="Clues, suspects and secrets waiting to be solved.",
        prompts=(
            "A detective investigates a locked-room murder",
            "A priceless painting vanishes from a guarded museum",
            "An anonymous letter reveals a small town's secret",
            "A journalist uncovers a conspiracy at a seaside hotel",
            "A body is found in the library of a country manor",
            "A missing heiress leaves behind a coded diary",
            "A retired inspector reopens an unsolved cold case",
            "Every guest at the dinner party has a motive",
            "A pawnbroker is handed a stolen pocket watch",
            "A lighthouse keeper disappears during a storm",
        ),
    ),
    "horror": Genre(
        key="horror",
        label="Horror",
        description="Dread, hauntings and the things that wait in the dark.",
        prompts=(
            "A family moves into a house with a sealed basement",
            "Something follows a group of campers through the woods",
            "A porcelain doll appears in a different room every morning",
            "An old radio picks up the voices of the dead at midnight",
            "A small town holds a festival that no outsider survives",
            "A night nurse hears crying from an empty ward",
            "A reflection in the mirror starts moving on its own",
            "A fog rolls in and the townspeople vanish one by one",
            "An antique camera shows how each subject will die",
            "A caver discovers a tunnel that breathes",
        ),
    ),
    "romance": Genre(
        key="romance",
        label="Romance",
        description="Hearts, chances and second chances.",
        prompts=(
            "Two rival bakers fall in love across the street",
            "A love letter arrives fifty years too late",
            "A street musician falls for the stranger who listens every evening",
            "A wedding planner falls for the best man",
            "Two strangers share an umbrella during a summer storm",
            "A botanist and a poet meet in a winter greenhouse",
            "Childhood friends meet again after ten years apart",
            "A bookshop owner finds love notes hidden in secondhand novels",
            "A runaway bride meets a sailor in a harbor town",
            "Two pen pals finally meet in Paris",
        ),
    ),
    "adventure": Genre(
        key="adventure",
        label="Adventure",
        description="Expeditions, treasure and danger at the edge of the map.",
        prompts=(
            "Explorers search for a lost city in the jungle",
            "A pirate crew hunts for buried treasure",
            "A young sailor survives a shipwreck on an uncharted island",
            "Mountaineers race a storm to reach the summit",
            "A treasure map is found inside an old bottle",
            "A pilot crash-lands in the desert and must find water",
            "A stolen golden idol sparks a chase through a crowded port",
            "Two siblings follow a river to its hidden source",
            "An archaeologist opens a tomb sealed for three thousand years",
            "A balloon expedition drifts over an unknown continent",
        ),
    ),
    "thriller": Genre(
        key="thriller",
        label="Thriller",
        description="Spies, conspiracies and a clock that keeps running.",
        prompts=(
            "A spy must stop a bomb before midnight",
            "A witness goes on the run from corrupt police",
            "A hacker discovers a plot hidden in a bank's servers",
            "A kidnapped scientist leaves clues for her rescuers",
            "A courier realizes the package is being tracked",
            "A lawyer finds evidence that could topple the government",
            "An assassin receives her own photograph as the next target",
            "A hijacked train leaves one passenger to save the others",
            "A double agent must choose which side to betray",
            "A phone call warns a man that he will be killed tonight",
        ),
    ),
}

STYLE_MODIFIERS: tuple[str, ...] = (
    "Make it atmospheric and descriptive",
    "Focus on character emotions and internal conflict",
    "Use vivid sensory details",
    "Create tension and suspense",
    "Include natural dialogue between the characters",
    "End with an unexpected twist",
    "Write it in the first person",
    "Keep the pacing fast and full of action",
    "Give it a mysterious, haunting tone",
    "Add a touch of gentle humour",
)

# Item seeds are fed to backends as `seed` parameters; 63 bits keeps them positive in signed 64-bit
# columns and APIs.
_SEED_MASK = (1 << 63) - 1


@dataclass(frozen=True)
class PlannedItem:
    index: int
    genre: str
    prompt: str
    style_modifier: str
    seed: int


def normalize_genres(genres: Iterable[str] | None) -> list[str]:
    """The genre keys a run draws from: all of them for None/empty, else the given ones, repeats folded."""
    if genres is None:
        return list(GENRE_KEYS)
    # A bare string is iterable too; treating "fantasy" as seven one-letter keys would be a silent bug.
    if isinstance(genres, str):
        raise ValueError("genres must be a list of genre keys, not a single string")
    folded: list[str] = []
    for key in genres:
        if key not in GENRES:
            raise ValueError(f"unknown genre {key!r}; choose from {', '.join(GENRE_KEYS)}")
        if key not in folded:
            folded.append(key)
    return folded or list(GENRE_KEYS)


def item_seed(run_seed: int, index: int) -> int:
    """A stable per-item seed: a hash (not arithmetic) so neighbouring runs/indices share nothing."""
    digest = hashlib.blake2b(f"{run_seed}:{index}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & _SEED_MASK


class _Deck:
    """Deals a sequence in seeded-shuffled rounds, so every element is used once before any repeats."""

    def __init__(self, items: Sequence[str], rng: random.Random) -> None:
        self._items = tuple(items)
        self._rng = rng
        self._round: list[str] = []

    def deal(self) -> str:
        if not self._round:
            self._round = list(self._items)
            self._rng.shuffle(self._round)
        return self._round.pop()


def plan_items(*, seed: int, num_examples: int, genres: Sequence[str] | None) -> list[PlannedItem]:
    """The items of one run: genres, prompts and styles each dealt in balanced, seeded rounds.

    Dealing genres from a deck (rather than drawing independently) is what keeps per-genre counts within
    one of each other, as users asking for "fantasy and sci-fi" expect a fair split.
    """
    if isinstance(num_examples, bool) or not isinstance(num_examples, int):
        raise TypeError("num_examples must be an int")
    if num_examples < 1:
        raise ValueError("num_examples must be at least 1")
    keys = normalize_genres(genres)
    rng = random.Random(seed)
    genre_deck = _Deck(keys, rng)
    prompt_decks = {key: _Deck(GENRES[key].prompts, rng) for key in keys}
    style_deck = _Deck(STYLE_MODIFIERS, rng)
    items: list[PlannedItem] = []
    for index in range(num_examples):
        genre = genre_deck.deal()
        items.append(
            PlannedItem(
                index=index,
                genre=genre,
                prompt=prompt_decks[genre].deal(),
                style_modifier=style_deck.deal(),
                seed=item_seed(seed, index),
            )
        )
    return items
