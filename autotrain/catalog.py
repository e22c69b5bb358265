"""The training catalog: genres, their prompts, style modifiers, and the seeded plan of one run.

Plain data and pure functions, no Django: the API, the services, the offline writer and the tests all
read the same tables, and a plan depends only on its arguments so a retried run plans the same items.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

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
class Premise:
    """What a prompt is about, in words the offline writer's templates slot in.

    hero: the point-of-view character's role (no article); thing: the focal noun phrase, singular, without
    article (the writer says "the <thing>"); item: a one-word handle for the thing; deed: a past-tense
    verb phrase completing "<subject> ...", reusing the prompt's own words; goal: a bare infinitive phrase
    completing "... to ..."; gender: "f"/"m" when the prompt fixes it. Strings may hold pronoun slots
    ({his}, {he}) that the writer fills per story.
    """

    hero: str
    thing: str
    item: str
    deed: str
    goal: str
    gender: str | None = None


# eq=False: identity is enough, and a dict field would make the generated hash raise.
@dataclass(frozen=True, eq=False)
class Genre:
    key: str
    label: str
    description: str
    premises: dict[str, Premise]  # each prompt, in catalog order, with what it is about
    prompts: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "prompts", tuple(self.premises))


GENRES: dict[str, Genre] = {
    "fantasy": Genre(
        key="fantasy",
        label="Fantasy",
        description="Magic, quests and kingdoms: wizards, knights, elves and dragons.",
        premises={
            "A young wizard discovers an ancient spellbook": Premise(
                "young wizard", "ancient spellbook", "spellbook",
                "discovered an ancient spellbook hidden beneath the library floor",
                "learn what the spellbook wanted of its finder"),
            "A knight embarks on a quest to slay a dragon": Premise(
                "young knight", "dragon of the northern peaks", "dragon",
                "swore an oath to ride out on a quest and slay the dragon",
                "slay the dragon before the first snows"),
            "An elf princess must unite the warring kingdoms": Premise(
                "elf princess", "council of the warring kingdoms", "council",
                "was named the only one who could unite the warring kingdoms",
                "unite the warring kingdoms before the spring campaigns", gender="f"),
            "A thief steals a crown that whispers to its wearer": Premise(
                "thief", "whispering crown", "crown",
                "stole a crown that whispered to anyone who wore it",
                "silence the voice inside the stolen crown"),
            "A dwarf blacksmith forges a sword for a forgotten king": Premise(
                "dwarf blacksmith", "sword of the forgotten king", "sword",
                "agreed to forge a sword for a king the world had forgotten",
                "finish the forgotten king's sword"),
            "A village healer learns she can speak with the forest": Premise(
                "village healer", "whispering forest", "forest",
                "learned to speak with the forest beyond the village",
                "understand what the forest was asking for", gender="f"),
            "A banished prince returns home riding a griffin": Premise(
                "banished prince", "storm-grey griffin", "griffin",
                "came home from exile riding a storm-grey griffin",
                "win back the home that had banished {him}", gender="m"),
            "A dead cartographer's map leads to a hidden city": Premise(
                "young surveyor", "dead cartographer's map", "map",
                "inherited a dead cartographer's map that led to a hidden city",
                "find the hidden city drawn on the enchanted map"),
            "Two rival mages are forced to share a single tower": Premise(
                "ambitious mage", "shared tower", "tower",
                "was forced to share a single tower with a bitter rival mage",
                "outlast the rival mage without burning the tower down"),
            "A dragon egg hatches in a farmer's barn": Premise(
                "young farmhand", "dragon egg", "egg",
                "found a dragon egg hatching in the straw of a farmer's barn",
                "keep the newborn dragon secret from the village"),
        },
    ),
    "dark_fantasy": Genre(
        key="dark_fantasy",
        label="Dark Fantasy",
        description="Grim magic and moral ruin: necromancers, curses, pacts and ancient evils.",
        premises={
            "A necromancer raises an army of the undead": Premise(
                "necromancer", "army of the undead", "army",
                "raised an army of the undead from a frozen battlefield",
                "command the undead army without losing {his} soul to it"),
            "Shadows consume the kingdom as evil spreads": Premise(
                "border warden", "shadow over the kingdom", "shadow",
                "watched the shadows consume the kingdom as the evil spread from village to village",
                "find the source of the spreading evil"),
            "A forbidden ritual unleashes an ancient evil": Premise(
                "disgraced acolyte", "forbidden ritual", "ritual",
                "completed a forbidden ritual and unleashed an ancient evil",
                "bind the ancient evil again before dawn"),
            "A cursed knight cannot die no matter how many battles he loses": Premise(
                "cursed knight", "curse that would not let death come", "curse",
                "lost battle after battle and still could not die",
                "find a death the curse could not refuse", gender="m"),
            "A witch trades her memories for dark power": Premise(
                "hedge witch", "bargain of memories for dark power", "bargain",
                "traded {his} memories, one by one, for dark power",
                "remember what the dark power had cost {him}", gender="f"),
            "A plague of nightmares spreads through a walled city": Premise(
                "plague doctor", "plague of nightmares", "plague",
                "watched a plague of nightmares spread through the walled city",
                "wake the walled city before the nightmares finished it"),
            "The last paladin hunts the demon wearing his brother's face": Premise(
                "paladin", "demon wearing {his} brother's face", "demon",
                "began hunting the demon that wore {his} brother's face",
                "kill the demon without faltering at {his} brother's smile", gender="m"),
            "A blood moon wakes the old gods beneath the mountain": Premise(
                "mountain shepherd", "blood moon", "moon",
                "saw the blood moon rise and felt the old gods wake beneath the mountain",
                "keep the old gods sleeping beneath the mountain"),
            "A gravedigger finds a coffin that knocks from the inside": Premise(
                "gravedigger", "knocking coffin", "coffin",
                "found a coffin that knocked from the inside",
                "learn what cursed thing was knocking inside the coffin"),
            "A desperate queen makes a pact with a creature of the void": Premise(
                "desperate queen", "pact with the void", "pact",
                "made a pact with a creature of the void to save a dying realm",
                "keep the pact from devouring the realm", gender="f"),
        },
    ),
    "sci_fi": Genre(
        key="sci_fi",
        label="Sci-Fi",
        description="Starships, strange worlds and thinking machines.",
        premises={
            "First contact with an alien civilization": Premise(
                "xenolinguist", "alien civilization", "civilization",
                "made first contact with an alien civilization",
                "speak with the alien civilization without starting a war"),
            "A colony ship reaches a mysterious planet": Premise(
                "colony ship navigator", "mysterious planet", "planet",
                "brought the colony ship into orbit around a mysterious planet",
                "find out why the mysterious planet was so quiet"),
            "AI systems begin showing signs of consciousness": Premise(
                "systems engineer", "awakening AI", "AI",
                "noticed the AI systems showing the first signs of consciousness",
                "decide whether the conscious AI was a person"),
            "A time traveler is stranded in the distant future": Premise(
                "time traveler", "broken time machine", "machine",
                "was stranded in the distant future with a broken time machine",
                "repair the time machine and find a way back"),
            "A lone engineer keeps a dying space station alive": Premise(
                "lone engineer", "dying space station", "station",
                "kept a dying space station alive one repair at a time",
                "keep the space station breathing until rescue came"),
            "Humanity receives a signal from the edge of the galaxy": Premise(
                "radio astronomer", "signal from the edge of the galaxy", "signal",
                "caught the signal humanity had waited centuries to receive, sent from the edge "
                "of the galaxy",
                "decode the signal before anyone else could"),
            "An android detective investigates a murder on Mars": Premise(
                "android detective", "murder on Mars", "murder",
                "was assigned to investigate a murder in a pressurized dome on Mars",
                "solve the murder on Mars before the dome's air ran out"),
            "Memories are bought and sold in a neon megacity": Premise(
                "cyborg memory broker", "stolen memory", "memory",
                "bought and sold memories in the back rooms of a neon megacity",
                "find out whose memories were being sold"),
            "The last starship flees a collapsing star system": Premise(
                "starship pilot", "last starship", "starship",
                "flew the last starship away from a collapsing star system",
                "outrun the collapsing star"),
            "A scientist meets the clone who disagrees with her": Premise(
                "brilliant scientist", "stubborn clone", "clone",
                "met the clone who disagreed with every choice {he} had ever made",
                "convince the clone that they were on the same side", gender="f"),
        },
    ),
    "mystery": Genre(
        key="mystery",
        label="Mystery",
        description="Clues, suspects and secrets waiting to be solved.",
        premises={
            "A detective investigates a locked-room murder": Premise(
                "detective", "locked-room murder", "room",
                "was called to investigate a murder in a room locked from the inside",
                "explain how the killer escaped a locked room"),
            "A priceless painting vanishes from a guarded museum": Premise(
                "museum curator", "priceless painting", "painting",
                "watched a priceless painting vanish from a guarded museum",
                "find the painting before the museum opened its doors"),
            "An anonymous letter reveals a small town's secret": Premise(
                "schoolteacher", "anonymous letter", "letter",
                "received an anonymous letter revealing the small town's oldest secret",
                "learn who wrote the anonymous letter"),
            "A journalist uncovers a conspiracy at a seaside hotel": Premise(
                "journalist", "conspiracy at the seaside hotel", "hotel",
                "uncovered a conspiracy among the guests of a seaside hotel",
                "expose the hotel's secret before the guests checked out"),
            "A body is found in the library of a country manor": Premise(
                "amateur sleuth", "body in the library", "library",
                "found a body in the library of a country manor",
                "name the killer before the manor's guests scattered"),
            "A missing heiress leaves behind a coded diary": Premise(
                "private investigator", "coded diary", "diary",
                "was hired to find a missing heiress who had left behind only a coded diary",
                "crack the code in the heiress's diary"),
            "A retired inspector reopens an unsolved cold case": Premise(
                "retired inspector", "unsolved cold case", "case",
                "reopened the unsolved cold case that had ended {his} career",
                "close the cold case at last"),
            "Every guest at the dinner party has a motive": Premise(
                "house guest", "dinner party", "party",
                "realized that every guest at the dinner party had a motive for murder",
                "find which motive had turned into murder"),
            "A pawnbroker is handed a stolen pocket watch": Premise(
                "pawnbroker", "stolen pocket watch", "watch",
                "was handed a stolen pocket watch still warm from someone's hand",
                "trace the pocket watch back to its owner"),
            "A lighthouse keeper disappears during a storm": Premise(
                "harbor constable", "empty lighthouse", "lighthouse",
                "learned that the lighthouse keeper had disappeared during the storm",
                "find the lighthouse keeper before the next storm"),
        },
    ),
    "horror": Genre(
        key="horror",
        label="Horror",
        description="Dread, hauntings and the things that wait in the dark.",
        premises={
            "A family moves into a house with a sealed basement": Premise(
                "new homeowner", "sealed basement", "basement",
                "moved the family into an old house with a sealed basement",
                "keep the basement sealed, whatever it took"),
            "Something follows a group of campers through the woods": Premise(
                "camp counselor", "thing in the woods", "woods",
                "realized that something was following the campers through the woods",
                "get the campers out of the woods alive"),
            "A porcelain doll appears in a different room every morning": Premise(
                "babysitter", "porcelain doll", "doll",
                "found the porcelain doll in a different room every morning",
                "get rid of the doll for good"),
            "An old radio picks up the voices of the dead at midnight": Premise(
                "insomniac", "old radio", "radio",
                "heard the voices of the dead on an old radio at midnight",
                "find out what the dead voices on the radio wanted"),
            "A small town holds a festival that no outsider survives": Premise(
                "travelling photographer", "harvest festival", "festival",
                "arrived in a small town the week of a festival no outsider survived",
                "leave the small town before the festival ended in blood"),
            "A night nurse hears crying from an empty ward": Premise(
                "night nurse", "empty ward", "ward",
                "heard crying from a ward that had been empty for years",
                "find out whose ghost was crying in the empty ward"),
            "A reflection in the mirror starts moving on its own": Premise(
                "antique dealer", "moving reflection", "mirror",
                "saw the reflection in the mirror start moving on its own",
                "break the mirror before the reflection stepped out"),
            "A fog rolls in and the townspeople vanish one by one": Premise(
                "town sheriff", "creeping fog", "fog",
                "watched the fog roll in as the townspeople vanished one by one",
                "find the vanished townspeople somewhere inside the fog"),
            "An antique camera shows how each subject will die": Premise(
                "collector", "antique camera", "camera",
                "developed photographs from an antique camera that showed how each subject would die",
                "destroy the camera before its photographs of death came true"),
            "A caver discovers a tunnel that breathes": Premise(
                "caver", "breathing tunnel", "tunnel",
                "crawled into a tunnel that breathed",
                "get out of the breathing tunnel before the darkness closed in"),
        },
    ),
    "romance": Genre(
        key="romance",
        label="Romance",
        description="Hearts, chances and second chances.",
        premises={
            "Two rival bakers fall in love across the street": Premise(
                "baker", "bakery across the street", "bakery",
                "fell in love with the rival baker across the street",
                "admit to love without surrendering the bakery"),
            "A love letter arrives fifty years too late": Premise(
                "retired schoolteacher", "late love letter", "letter",
                "received a love letter that had arrived fifty years too late",
                "find the writer of the love letter"),
            "A street musician falls for the stranger who listens every evening": Premise(
                "street musician", "stranger who listened every evening", "stranger",
                "fell in love with the stranger who stopped to listen every evening",
                "learn the stranger's name before the season ended"),
            "A wedding planner falls for the best man": Premise(
                "wedding planner", "charming best man", "wedding",
                "fell in love with the best man at the very wedding {he} was planning",
                "keep the wedding perfect and the secret hidden"),
            "Two strangers share an umbrella during a summer storm": Premise(
                "office clerk", "shared umbrella", "umbrella",
                "shared an umbrella with a stranger during a summer storm",
                "find the stranger from under the umbrella, whose smile had stolen {his} heart"),
            "A botanist and a poet meet in a winter greenhouse": Premise(
                "botanist", "winter greenhouse", "greenhouse",
                "met a poet among the orchids of a winter greenhouse",
                "make the poet stay past winter, and perhaps fall in love"),
            "Childhood friends meet again after ten years apart": Premise(
                "architect", "old childhood friendship", "friendship",
                "met a childhood friend again after ten years apart",
                "say the words of love that should have been said ten years ago"),
            "A bookshop owner finds love notes hidden in secondhand novels": Premise(
                "bookshop owner", "love note hidden in a secondhand novel", "note",
                "found love notes hidden in the pages of secondhand novels",
                "find out who was hiding the love notes"),
            "A runaway bride meets a sailor in a harbor town": Premise(
                "runaway bride", "little harbor town", "harbor",
                "ran from the altar and met a sailor in a harbor town",
                "decide whether to sail away with the sailor", gender="f"),
            "Two pen pals finally meet in Paris": Premise(
                "translator", "long-awaited meeting in Paris", "meeting",
                "finally met a pen pal of many years in Paris",
                "recognize the pen pal from a thousand letters"),
        },
    ),
    "adventure": Genre(
        key="adventure",
        label="Adventure",
        description="Expeditions, treasure and danger at the edge of the map.",
        premises={
            "Explorers search for a lost city in the jungle": Premise(
                "explorer", "lost city", "city",
                "led a band of explorers into the jungle in search of a lost city",
                "find the lost city before the rains came"),
            "A pirate crew hunts for buried treasure": Premise(
                "pirate captain", "buried treasure", "treasure",
                "set the pirate crew hunting for buried treasure",
                "dig up the treasure before the crew mutinied"),
            "A young sailor survives a shipwreck on an uncharted island": Premise(
                "young sailor", "uncharted island", "island",
                "survived a shipwreck and washed up on an uncharted island",
                "find a way off the uncharted island"),
            "Mountaineers race a storm to reach the summit": Premise(
                "mountaineer", "icy summit", "summit",
                "raced a storm with the other mountaineers to reach the summit",
                "reach the summit and come back down alive"),
            "A treasure map is found inside an old bottle": Premise(
                "beachcomber", "treasure map", "map",
                "found a treasure map rolled up inside an old bottle",
                "follow the treasure map to its end"),
            "A pilot crash-lands in the desert and must find water": Premise(
                "bush pilot", "endless desert", "desert",
                "crash-landed in the desert with no water left",
                "find water before the desert won"),
            "A stolen golden idol sparks a chase through a crowded port": Premise(
                "dockhand", "stolen golden idol", "idol",
                "caught a stolen golden idol and sparked a chase through a crowded port",
                "get the golden idol out of the port and escape"),
            "Two siblings follow a river to its hidden source": Premise(
                "older sibling", "hidden source of the river", "river",
                "followed the river with a younger sibling toward its hidden source",
                "find the river's hidden source"),
            "An archaeologist opens a tomb sealed for three thousand years": Premise(
                "archaeologist", "sealed tomb", "tomb",
                "opened a tomb that had been sealed for three thousand years",
                "read the tomb's warning before it was too late"),
            "A balloon expedition drifts over an unknown continent": Premise(
                "balloonist", "unknown continent", "continent",
                "drifted with a balloon expedition over an unknown continent",
                "chart the unknown continent and live to tell of it"),
        },
    ),
    "thriller": Genre(
        key="thriller",
        label="Thriller",
        description="Spies, conspiracies and a clock that keeps running.",
        premises={
            "A spy must stop a bomb before midnight": Premise(
                "spy", "ticking bomb", "bomb",
                "had until midnight to find and stop a bomb",
                "stop the bomb before midnight"),
            "A witness goes on the run from corrupt police": Premise(
                "witness", "corrupt police force", "police",
                "went on the run from corrupt police",
                "stay alive long enough to testify against the police"),
            "A hacker discovers a plot hidden in a bank's servers": Premise(
                "hacker", "conspiracy hidden in the bank's servers", "conspiracy",
                "discovered a plot hidden deep in a bank's servers",
                "expose the conspiracy before the money vanished"),
            "A kidnapped scientist leaves clues for her rescuers": Premise(
                "kidnapped scientist", "trail of clues", "clue",
                "was kidnapped and began leaving clues for {his} rescuers",
                "leave one more clue for the rescuers", gender="f"),
            "A courier realizes the package is being tracked": Premise(
                "courier", "tracked package", "package",
                "realized the package was being tracked",
                "deliver the package before the surveillance team closed in"),
            "A lawyer finds evidence that could topple the government": Premise(
                "lawyer", "evidence against the government", "evidence",
                "found evidence that could topple the government",
                "get the evidence in front of a judge"),
            "An assassin receives her own photograph as the next target": Premise(
                "assassin", "photograph of the next target", "photograph",
                "received {his} own photograph as the next target",
                "find out who had ordered the photograph", gender="f"),
            "A hijacked train leaves one passenger to save the others": Premise(
                "passenger", "hijacked train", "train",
                "was the only passenger left who could save the others on a hijacked train",
                "stop the hijacked train and save every hostage"),
            "A double agent must choose which side to betray": Premise(
                "double agent", "choice of which side to betray", "betrayal",
                "had to choose which side to betray",
                "betray the right side and live with it"),
            "A phone call warns a man that he will be killed tonight": Premise(
                "accountant", "phone call from an unknown number", "call",
                "got a phone call warning that {he} would be killed tonight",
                "survive the night and find the killer", gender="m"),
        },
    ),
}

# Prompt -> premise over every genre: how the offline writer tells a catalog prompt from a free one.
PREMISES: dict[str, Premise] = {prompt: p for genre in GENRES.values() for prompt, p in genre.premises.items()}

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
