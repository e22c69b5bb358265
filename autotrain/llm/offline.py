"""The offline writer: a seeded template writer (no network, no model weights; not a language model).

It exists so the whole service can be tried on a machine with no LLM endpoint: every ensemble member
defaults to one of three "voices" of this writer, named `offline-template-<voice>` so run summaries,
model wins and exports say what wrote the text; `/generate` reports it as the writer `offline`. A story
is assembled from beats (opening, premise, development, style, dialogue, turn, closing), each drawn from
a large hand-written grammar and filled from per-genre lexicons, so texts follow the prompt, the genre
and the style modifier and stay varied enough that a user's near-duplicate filter does not reject most
of them.

Everything is precomputed at import; `write_story` only picks and formats (it runs in tens of
microseconds), because benchmarks and large runs call it thousands of times.
"""

from __future__ import annotations

import random
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from autotrain.catalog import GENRES, PREMISES
from autotrain.llm.base import Completion, GenerationRequest, Generator

T = TypeVar("T")

# ---------------------------------------------------------------------------------------------------
# Genre lexicons. Values are plain text (no slots), except "world" and "lines", which are templates.
# ---------------------------------------------------------------------------------------------------

_LEXICONS: dict[str, dict[str, tuple[str, ...]]] = {
    "fantasy": {
        "names": (
            "Aldric:m", "Elowen:f", "Thorne:m", "Isolde:f", "Caelan:m", "Maelis:f", "Bram:m", "Seren:f",
            "Orrin:m", "Lyra:f", "Fenwick:m", "Nimue:f", "Gareth:m", "Rowan:f", "Tamsin:f", "Edric:m",
            "Wren:f", "Corwin:m", "Brielle:f", "Halvard:m", "Ysolde:f", "Perrin:m",
        ),
        "places": (
            "the Silverwood", "an old mill above the river", "the walled town of Brackenford",
            "the tower library of Caer Lunwen", "the misty valley of Thornwick",
            "a crumbling abbey in the hills", "the market streets of Highmere", "the king's drafty castle",
            "a quiet village at the forest's edge", "the salt marshes of Ellory", "the high pass of Durn",
            "a ruined shrine among the oaks", "the harbor city of Valecross", "the border hills of Ashgrove",
        ),
        "times": (
            "at dusk", "before dawn", "on the first night of winter", "in the last week of harvest",
            "under a thin crescent moon", "on midsummer's eve", "at the turning of the year",
            "late one rainy evening",
        ),
        "weather": (
            "the first snow drifted over the hills", "a cold wind rattled the shutters",
            "mist curled between the oaks", "the rain had finally stopped",
            "the harvest moon hung low and gold", "frost silvered every blade of grass",
        ),
        "adj": (
            "ancient", "shimmering", "golden", "silver", "enchanted", "gentle", "strange", "luminous",
            "graceful", "forgotten", "mysterious", "gleaming", "misty", "radiant", "delicate", "serene",
            "wondrous", "restless", "wild", "glittering", "hidden", "solemn", "fragile", "bright",
        ),
        "sight": (
            "lanterns swaying above the gate", "sparks rising from a smith's forge",
            "a heron lifting from the reeds", "banners snapping on the castle walls",
            "moonlight pooling on the flagstones", "blue fire dancing in a brazier",
        ),
        "sound": (
            "the toll of a distant bell", "the creak of old oak beams", "the rustle of leaves overhead",
            "a harp being tuned somewhere below", "the crackle of a hearth fire",
            "hoofbeats on the frozen road",
        ),
        "smell": (
            "pine resin", "woodsmoke", "old parchment", "wild thyme", "rain on warm stone", "candle wax",
            "crushed mint",
        ),
        "touch": (
            "the cold weight of a silver ring", "the rough bark of an old oak",
            "the chill of dew on bare skin", "the warmth of a worn leather cloak",
            "the prickle of gathering magic",
        ),
        "threat": (
            "the Shadow King", "the warlord Varric the Red", "a dragon with a long memory",
            "an old and jealous sorcerer", "the Order of the Grey Hand", "the witch-queen of the east",
        ),
        "roles": ("wandering mage", "young squire", "hedge wizard", "elven ranger", "royal scribe"),
        "lines": (
            "Tell me everything you know about {the_item}.",
            "Magic always takes something back.",
            "The road north is closed, and the king's riders are watching the bridges.",
            "The old songs warned us about {the_item}.",
            "The stars have changed. Even the owls know it.",
            "Keep your sword close and your promises closer.",
            "I have read the prophecy. It does not end well for either of us.",
            "If {the_item} is real, then so are the old stories.",
            "Do you still trust me, after everything?",
        ),
        "world": (
            "Magic still lingered in {place}, faint as the smell of a snuffed candle.",
            "The old songs said a dragon once slept beneath the hills, and nobody in {place} laughed "
            "at the old songs.",
            "Elves had not been seen in the valley for a hundred years, yet {he} still found their "
            "{adj} arrows in the moss.",
            "Wizards came and went along the king's road, cloaked in grey and carrying their secrets "
            "like lanterns.",
            "Every child in {place} knew the rhyme about the three lost crowns, though none could say "
            "where it came from.",
            "Far to the north, {threat} was gathering strength, and the border kingdoms grew restless.",
            "The {adj} runes carved over the gate had begun, very faintly, to glow.",
            "Knights rode past in {adj} armour, and the villagers whispered about the coming war.",
            "On clear nights the stars over {place} spelled out runes no astronomer could read.",
        ),
    },
    "dark_fantasy": {
        "names": (
            "Morwen:f", "Vesper:f", "Draven:m", "Ilsa:f", "Corvin:m", "Hester:f", "Malric:m", "Sable:f",
            "Ansel:m", "Rhosyn:f", "Grimald:m", "Lenore:f", "Kaspar:m", "Agathe:f", "Osric:m", "Mirela:f",
            "Varek:m", "Ottilie:f", "Lucan:m", "Nerys:f",
        ),
        "places": (
            "the drowned city of Vael", "a chapel of cracked black stone", "the ash fields of Morrow",
            "the gallows town of Greyhallow", "a fortress built on old bones", "the Weeping Fens",
            "the cathedral of the Hollow Saint", "a village that had stopped ringing its bells",
            "the frozen battlefield of Karn", "the iron gates of Duskmere",
            "the catacombs beneath Sorrowgate",
            "a keep where the crows never left",
        ),
        "times": (
            "at the hour of the wolf", "on the night the bells fell silent", "in the dead of winter",
            "under a bruised and starless sky", "when the last candle guttered", "on the eve of the purge",
            "three nights after the burning", "at the black turning of the year",
        ),
        "weather": (
            "ash fell like grey snow", "a bitter wind moaned through the ruins",
            "the rain tasted of iron", "a red moon hung over the towers", "fog clung to the gravestones",
            "thunder rolled over the dead fields",
        ),
        "adj": (
            "bleak", "blood-red", "ashen", "hollow", "cursed", "withered", "grim", "ruined", "pale",
            "shadowed", "ancient", "forsaken", "bitter", "cold", "sombre", "sinister", "twisted", "ominous",
            "silent", "dreadful", "haunted", "brittle", "murky", "mournful",
        ),
        "sight": (
            "candles guttering in a draught", "crows gathering on the gallows",
            "black banners hanging limp in the rain", "bone charms swinging from a doorway",
            "a pale figure at the end of the nave", "embers drifting over the ruins",
        ),
        "sound": (
            "the scrape of chains on stone", "a bell that rang once and stopped",
            "the caw of crows over the walls", "chanting from somewhere beneath the floor",
            "the groan of a gibbet in the wind", "slow footsteps in an empty hall",
        ),
        "smell": (
            "grave dirt", "tallow smoke", "old blood", "damp stone", "incense gone sour", "burnt hair",
            "rotting lilies",
        ),
        "touch": (
            "the bite of frozen iron", "the slick cold of wet stone", "the brittle edge of old bone",
            "a numbness creeping into the fingertips", "the sting of ash against the face",
        ),
        "threat": (
            "the Pale Court", "a thing that wore a bishop's robes", "the hunger beneath the hill",
            "the inquisitors of the Ashen Flame", "something older than death", "the Lord of Crows",
        ),
        "roles": ("witch hunter", "grave warden", "exiled priest", "sellsword", "bone reader"),
        "lines": (
            "Every spell has a price, and this one wants blood.",
            "The dead do not stay quiet for long.",
            "Whatever you do, do not say its name.",
            "They burned the last one who asked about {the_item}.",
            "We can still turn back. We can still pretend we never saw it.",
            "The bells stopped ringing an hour ago. Did you notice?",
            "I can hear them under the floor.",
            "Mercy is a luxury for kingdoms that still have light.",
            "{The_item} remembers every name it has ever taken.",
        ),
        "world": (
            "In {place}, people buried their dead face down in cursed ground, so they would not find their "
            "way home.",
            "The priests had fled long ago, leaving only {adj} altars and the smell of old blood.",
            "Somewhere beyond the walls, {threat} was waiting, patient as the grave.",
            "Ravens followed {him} from street to street, and {he} had stopped pretending it was chance.",
            "Every door in {place} bore a chalk mark against evil, and no one would say who had drawn them.",
            "The old gods were not dead, only sleeping beneath the ruins, and lately they had been sleeping "
            "badly.",
            "Plague carts still rattled through {place} at dawn, though the plague had ended years ago.",
            "The {adj} saints in the cathedral windows had all turned their faces to the wall.",
            "No one in {place} spoke after sundown, for the darkness listened, and those who did were not "
            "seen again.",
        ),
    },
    "sci_fi": {
        "names": (
            "Kira Vance:f", "Jonah Reyes:m", "Ada Okafor:f", "Mateo Lin:m", "Suri Chen:f", "Dax Holloway:m",
            "Noor Haddad:f", "Elias Brandt:m", "Yuki Tanaka:f", "Rafe Osei:m", "Imani Cole:f",
            "Tomas Varga:m", "Lena Sorensen:f", "Arjun Mehta:m", "Priya Nair:f", "Cassian Webb:m",
            "Mira Kovac:f", "Theo Park:m", "Zara Idris:f", "Felix Amari:m",
        ),
        "places": (
            "the orbital habitat Meridian", "the research station on Europa",
            "a cargo hauler's cramped bridge",
            "the neon districts of New Shenzhen", "a terraforming camp on Mars",
            "the deep-space relay Kepler-9",
            "the observation deck of the Perihelion", "a derelict mining rig in the asteroid belt",
            "the cryo bay of the colony ship Endurance", "the night markets of Lagos Arcology",
            "a quiet lab under the Antarctic ice", "the command ring of Tycho Station",
        ),
        "times": (
            "during the graveyard shift", "at 0300 ship time", "on the ninety-first day of the voyage",
            "just after the reactor cycle", "in the long dark between jumps", "on the night the grid failed",
            "minutes before the scheduled burn", "three weeks past the last resupply",
        ),
        "weather": (
            "dust storms scoured the dome", "the station hummed through its night cycle",
            "a solar flare lit the viewports violet", "rain streaked the neon signs below",
            "the ice outside groaned and shifted", "the ship drifted through a silent field of debris",
        ),
        "adj": (
            "luminous", "sleek", "silent", "flickering", "vast", "sterile", "humming", "crystalline",
            "metallic", "eerie", "distant", "fractured", "gleaming", "cold", "alien", "pulsing",
            "electric", "weightless", "shadowy", "brilliant", "dim", "strange", "restless", "fragile",
        ),
        "sight": (
            "status lights blinking amber", "a blue planet turning slowly beyond the glass",
            "holograms flickering over the console", "frost forming on the inside of the hull",
            "a thousand stars smeared into lines", "drones drifting through the corridor",
        ),
        "sound": (
            "the steady hum of the life support", "a warning chime repeating softly",
            "the tick of cooling metal", "static hissing on an open channel",
            "the hiss of an airlock cycling", "the distant thrum of the engines",
        ),
        "smell": (
            "ozone", "recycled air", "burnt circuitry", "coolant", "machine oil", "sterile plastic",
            "synthetic coffee",
        ),
        "touch": (
            "the chill of a bulkhead", "the vibration of the deck plates",
            "the stiff seal of a pressure suit", "the smooth glass of a control panel",
            "a faint static prickle on the skin",
        ),
        "threat": (
            "the Directorate", "a rogue intelligence in the network", "the corporate security fleet",
            "whatever had silenced the outer colonies", "the Sentinel swarm",
            "the mutineers of the lower decks",
        ),
        "roles": ("ship's engineer", "survey pilot", "data courier", "xenobiologist", "station medic"),
        "lines": (
            "The readings on {the_item} don't make any sense.",
            "Oxygen reserves are at eleven percent and falling.",
            "It's not noise. It's a pattern.",
            "Run the diagnostics again. All of them.",
            "If we're wrong about {the_item}, nobody is coming to save us.",
            "Command isn't answering. Nobody is.",
            "It learned that from us, you know.",
            "Set a course and don't look back.",
            "{The_item} wasn't in any of the mission files.",
        ),
        "world": (
            "Out here among the stars, help was three months away at the best possible speed.",
            "The AI that ran {place} spoke in {a_adj} calm voice that never quite sounded bored.",
            "Beyond the viewport, a gas giant planet filled half the sky, banded in rust and cream.",
            "Every crew member on the ship carried a neural implant, and most had stopped noticing the "
            "whispers.",
            "Somewhere past the relay, {threat} was moving, and the station's long-range sensors had gone "
            "quiet.",
            "The {adj} corridors of {place} had been designed for ten thousand colonists and held forty.",
            "Gravity in {place} was a polite suggestion, maintained by engines older than {his} parents.",
            "Maintenance drones skittered through the vents like {adj} metal insects.",
            "News from Earth arrived eleven minutes late and always sounded like a rumor.",
        ),
    },
    "mystery": {
        "names": (
            "Eleanor Price:f", "Arthur Finch:m", "Margaret Hale:f", "Julian Marsh:m", "Clara Whitlock:f",
            "Henry Ashdown:m", "Violet Crane:f", "Thomas Reed:m", "Ada Pembroke:f", "Simon Gray:m",
            "Harriet Vane:f", "Oliver Locke:m", "Beatrice Moore:f", "Edmund Blake:m", "Iris Fairweather:f",
            "Felix Grant:m", "Rosalind Hart:f", "George Tallis:m", "Winifred Shaw:f", "Laurence Kemp:m",
        ),
        "places": (
            "the village of Little Hadley", "a fog-bound London street", "the rambling manor at Fellsworth",
            "a seaside town out of season", "the reading room of the old library",
            "a cramped office above a pub",
            "the railway hotel at Kingsbridge", "a country house with too many locked doors",
            "the harbor town of St. Aubyn", "a quiet parish on the moors", "the night train to Edinburgh",
            "an antique shop on Marrow Lane",
        ),
        "times": (
            "on a wet Tuesday in November", "the morning after the storm", "at a quarter past nine",
            "on the last evening of the season", "just before the church clock struck midnight",
            "in the grey hour before breakfast", "on the day of the reading of the will",
            "late on a foggy Sunday",
        ),
        "weather": (
            "fog pressed against the windows", "rain drummed on the slate roofs",
            "a sea wind rattled the shutters", "the gas lamps hissed in the damp",
            "the first frost whitened the lawns", "thunder grumbled somewhere out over the moor",
        ),
        "adj": (
            "faded", "shadowy", "dusty", "peculiar", "elegant", "muted", "curious", "tarnished", "uneasy",
            "odd", "crooked", "mysterious", "gloomy", "ominous", "polished", "secretive", "hushed", "silent",
            "flickering", "forgotten", "careful", "cold", "grey", "subtle",
        ),
        "sight": (
            "a teacup still half full", "muddy footprints on the hall carpet",
            "a portrait hanging slightly crooked", "a candle burned down to a stub",
            "a torn train ticket by the hearth", "a single glove on the stair",
        ),
        "sound": (
            "the ticking of a long-case clock", "rain dripping from the gutters",
            "a door closing softly upstairs", "the rustle of a newspaper in the next room",
            "the scrape of a chair in the study", "a dog barking somewhere down the lane",
        ),
        "smell": (
            "pipe tobacco", "lavender polish", "cold ashes", "old books", "brandy", "damp wool",
            "a faint trace of bitter almonds",
        ),
        "touch": (
            "the brass chill of a door handle", "the grit of spilled powder on a desk",
            "the rough edge of a torn envelope", "the smoothness of a velvet armchair",
            "a draught from a window that should have been closed",
        ),
        "threat": (
            "a killer who was still in the house", "someone who knew far too much",
            "a cousin with a secret to protect", "a blackmailer with a long memory",
            "the person who wrote the letters", "someone with a twenty-year-old grudge",
        ),
        "roles": (
            "detective", "village constable", "crime reporter", "private investigator", "curious librarian",
        ),
        "lines": (
            "Nobody locks a door from the inside and then simply vanishes.",
            "You noticed the clock, didn't you? It stopped at a quarter past nine.",
            "Everyone in this house is lying about something.",
            "Who else knew about {the_item}?",
            "The ink is still wet. Whoever wrote this was here tonight.",
            "Tell me again where you were at midnight.",
            "A secret is only safe until two people know it.",
            "Look at the mud on his boots. He never walked from the station.",
            "{The_item} is the one thing nobody has lied to me about.",
        ),
        "world": (
            "In {place}, everyone knew everyone's secrets, and nobody admitted to knowing anything.",
            "The local constable preferred his cases simple, and this one was anything but.",
            "Three people had reason to want the old man gone, and two of them had no alibi.",
            "{A_adj} photograph on the mantelpiece showed five smiling faces; one had been scratched out.",
            "The servants spoke in whispers about the missing will, and fell silent whenever a door opened.",
            "Behind every {adj} curtain in {place}, someone was watching the street, and everyone was a "
            "suspect.",
            "The will had been changed twice in a month, and the second change was still missing.",
            "Somewhere in the house, {threat} was waiting, and every clue pointed a different way.",
            "The timetable said the last train left at ten; the porter swore it had left at nine, and that "
            "was the first clue.",
        ),
    },
    "horror": {
        "names": (
            "Sarah:f", "Daniel:m", "Emily:f", "Marcus:m", "Hannah:f", "Caleb:m", "Megan:f", "Owen:m",
            "Laura:f", "Ethan:m", "Abigail:f", "Nathan:m", "Claire:f", "Lucas:m", "Jessa:f", "Wade:m",
            "Rachel:f", "Gideon:m", "Molly:f", "Travis:m",
        ),
        "places": (
            "the old Whitmore house", "a motel off Route 9", "the pine woods behind the lake",
            "an abandoned asylum on the hill", "the town of Harrow's End",
            "a farmhouse at the end of a dirt road",
            "the basement of St. Agnes Hospital", "a trailer park by the quarry",
            "the flooded mill at Crane Hollow",
            "a cabin with no phone signal", "the shuttered fairground",
            "a cul-de-sac where no one ever stayed",
        ),
        "times": (
            "just after midnight", "at three in the morning", "on the first night in the new house",
            "when the power went out", "in the hour before dawn", "on the night of the first frost",
            "as the last light drained from the sky", "on the anniversary of the fire",
        ),
        "weather": (
            "the wind scratched at the windows", "rain hammered the tin roof", "fog swallowed the road",
            "the trees stood utterly still", "frost crept across the glass",
            "thunder rolled far off over the hills",
        ),
        "adj": (
            "rotten", "pale", "hollow", "silent", "cold", "flickering", "dreadful", "crooked", "damp", "dark",
            "ghastly", "eerie", "uneasy", "sinister", "grim", "ominous", "brittle", "shadowy", "empty",
            "wrong", "sickly", "bleak", "unnatural", "stale",
        ),
        "sight": (
            "a handprint on the inside of the window", "a light on in the attic that no one had switched on",
            "a shape standing perfectly still beyond the trees", "wallpaper peeling in long wet strips",
            "a child's swing moving with no wind", "the bulb flickering over the stairs",
        ),
        "sound": (
            "slow knocking from inside the walls", "a music box playing somewhere upstairs",
            "breathing that did not belong to anyone in the room", "the scratch of nails on wood",
            "a child laughing in the empty hall",
            "footsteps pacing the floor above",
        ),
        "smell": (
            "wet earth", "mildew", "spoiled meat", "old perfume", "something burnt", "stagnant water",
            "rust and rot",
        ),
        "touch": (
            "an icy draught on the back of the neck", "something damp brushing past the ankle",
            "the sticky residue on the banister", "cold fingers on the wrist that vanished at a glance",
            "the sudden weight of being watched",
        ),
        "threat": (
            "the thing in the walls", "whatever lived beneath the house", "the woman in the grey dress",
            "something that had learned to imitate voices", "the hunger in the woods",
            "the presence upstairs",
        ),
        "roles": ("night watchman", "young mother", "paranormal investigator", "new tenant", "park ranger"),
        "lines": (
            "Did you hear that?",
            "Don't go down there. Please.",
            "It knows we're here.",
            "{The_item} wasn't there last night. I swear it wasn't.",
            "Lock the door. No, both locks.",
            "Why is it so cold in here?",
            "Stop humming. I mean it, stop.",
            "Whatever you see, don't let it see you.",
            "Nobody talks about {the_item} in this town. Nobody.",
        ),
        "world": (
            "The previous owners of {place} had left in a hurry, swearing the place was haunted.",
            "Dogs would not walk past {place} after midnight, and the neighbors had stopped asking why.",
            "At night the house settled and creaked, and sometimes it seemed to whisper.",
            "The locals in {place} changed the subject whenever the old ghost story came up.",
            "Somewhere beneath the floorboards, {threat} was waiting in the darkness for the lights to go "
            "out.",
            "The {adj} photographs in the hallway had begun to fade, like the faces of the dead.",
            "Every clock in the house had stopped at midnight, and nobody had dared to wind them since.",
            "There were claw marks on the inside of the closet door, too high for any child to reach.",
            "The phone rang once each night at the same hour, and no one was ever there, only a whisper.",
        ),
    },
    "romance": {
        "names": (
            "Amelia:f", "Julian:m", "Sophie:f", "Gabriel:m", "Clara:f", "Leo:m", "Isabelle:f", "Noah:m",
            "Rosa:f", "Theo:m", "Lucia:f", "Sebastian:m", "Ivy:f", "Adrian:m", "Maeve:f", "Oscar:m",
            "Juliet:f", "Daniel:m", "Nora:f", "Rafael:m",
        ),
        "places": (
            "a seaside town in late summer", "a little street of cafés in Lisbon",
            "the flower market on Rue Cler",
            "a rainy corner of Edinburgh", "the vineyard on the hill", "a cozy bookshop by the canal",
            "the old orchard at Bellamy Farm", "a rooftop garden above the city",
            "the village square at Hollybrook",
            "a lakeside inn in the mountains", "the train station at Lyon", "a candlelit jazz bar downtown",
        ),
        "times": (
            "on the first warm evening of spring", "at the end of a long summer", "on a snowy Christmas Eve",
            "one rainy Thursday afternoon", "just as the café lights came on",
            "on the last day of the festival",
            "at golden hour", "the morning after the wedding",
        ),
        "weather": (
            "warm rain pattered on the awnings", "the sunset turned the river to copper",
            "snow drifted softly past the lamps", "a sea breeze carried the smell of salt",
            "blossoms blew across the square", "the summer air was thick and sweet",
        ),
        "adj": (
            "tender", "golden", "warm", "gentle", "soft", "radiant", "bittersweet", "shy", "luminous",
            "sweet", "wistful", "graceful", "lovely", "tranquil", "glowing", "delicate", "beautiful",
            "charming",
            "dreamy", "honeyed", "bright", "fragrant", "velvet", "familiar",
        ),
        "sight": (
            "fairy lights strung between the trees", "steam rising from two cups of coffee",
            "petals scattered on the cobblestones", "a smile half hidden behind a book",
            "candlelight catching in dark eyes", "the harbor lights trembling on the water",
        ),
        "sound": (
            "a violin playing across the square", "laughter spilling from an open doorway",
            "the soft patter of rain on glass", "the clink of glasses at the next table",
            "an old love song on the radio", "church bells ringing over the rooftops",
        ),
        "smell": (
            "fresh bread", "jasmine", "warm cinnamon", "sea salt", "roasted coffee", "honeysuckle",
            "rain on roses",
        ),
        "touch": (
            "the warmth of a stranger's hand", "a borrowed scarf still warm from its owner",
            "the softness of an old wool sweater", "sun-warmed stone under bare feet",
            "the flutter of a heartbeat quickening",
        ),
        "threat": (
            "a jealous rival with a better offer", "an old flame back in town", "a meddling aunt who noticed "
            "everything", "a disapproving mother with strong opinions", "a gossiping neighbour",
            "a charming stranger with other plans",
        ),
        "roles": ("florist", "café owner", "piano teacher", "travel writer", "violinist"),
        "lines": (
            "You're late again, and I saved you a seat anyway.",
            "I think I've been waiting for you all summer.",
            "Say it again, slowly, so I can remember it.",
            "Do you always talk to strangers like this?",
            "I kept every letter, you know.",
            "Stay. Just for one more song.",
            "Ten years, and you still take your coffee the same way.",
            "I wasn't going to come tonight. I'm glad I did.",
            "Tell me the truth about {the_item}. I can take it.",
        ),
        "world": (
            "In {place}, everyone seemed to be in love with someone, and {he} had decided to be the "
            "exception.",
            "The café on the corner kept a table by the window for lovers, though nobody ever seemed to "
            "book it.",
            "Summer in {place} was slow and {adj}, full of long evenings that refused to end.",
            "{He} had promised {himself} never to fall in love again, and had meant it, mostly.",
            "Friends said {he} was too careful with {his} heart, and {he} had never argued.",
            "The {adj} streets of {place} seemed made for walking slowly beside someone dear to the heart.",
            "Somewhere a radio played an old love song, and half the street was humming along.",
            "{He} still kept a pressed flower from an old romance between the pages of a favourite book.",
            "The whole town had an opinion about {his} love life, and none of them were helpful.",
        ),
    },
    "adventure": {
        "names": (
            "Jack Calloway:m", "Mara Quinn:f", "Diego Santos:m", "Freya Lind:f", "Sam Harlow:m",
            "Ines Moreau:f", "Kit Brennan:m", "Talia Ross:f", "Ravi Sharma:m", "Nell Archer:f",
            "Tobias Crane:m", "Ana Ruiz:f", "Finn Murray:m", "Leila Haddad:f", "Owen Pike:m", "Greta Holm:f",
            "Marco Bellini:m", "June Fairfax:f", "Hugo Strand:m", "Asha Patel:f",
        ),
        "places": (
            "the steaming jungles of the Orinoco", "a leaky schooner off the Spice Islands",
            "the red canyons of the Atlas", "a base camp below the Karakoram", "the bazaars of old Marrakesh",
            "an overgrown temple in the highlands", "the glaciers of Svalbard",
            "a smugglers' cove on the coast",
            "the endless dunes of the Empty Quarter", "a river port deep in the rainforest",
            "the cliffs above Kestrel Bay", "a dusty airfield at the edge of the map",
        ),
        "times": (
            "at first light", "on the third day of the expedition", "as the monsoon broke",
            "just before the tide turned", "under a blazing noon sun", "on the eve of departure",
            "when the supplies ran low", "at the height of the dry season",
        ),
        "weather": (
            "the monsoon rain came down in sheets", "the sun beat down on the rocks",
            "a gale whipped spray over the bow", "the wind howled across the ridge",
            "heat shimmered over the dunes", "clouds gathered over the peaks",
        ),
        "adj": (
            "rugged", "towering", "sun-bleached", "wild", "golden", "ancient", "treacherous", "vast",
            "restless",
            "perilous", "weathered", "dazzling", "misty", "daring", "roaring", "hidden", "dusty", "fierce",
            "glittering", "sweltering", "reckless", "remote", "bright", "untamed",
        ),
        "sight": (
            "vines swallowing a broken statue", "a condor circling high overhead",
            "whitecaps racing toward the shore", "the ridge glowing red in the sunset",
            "a rope bridge swaying over the gorge", "fireflies rising from the riverbank",
        ),
        "sound": (
            "the roar of a waterfall ahead", "the creak of rigging in the wind",
            "howler monkeys calling in the canopy",
            "the crunch of boots on scree", "the drone of an old propeller engine",
            "waves booming against the rocks",
        ),
        "smell": (
            "salt spray", "wet earth", "gunpowder", "crushed ferns", "diesel fumes", "sun-baked dust",
            "ripe mangoes",
        ),
        "touch": (
            "the burn of rope through gloved hands", "the sting of sand whipped by the wind",
            "warm river water up to the waist", "the rough stone of an ancient wall",
            "sweat stinging in the eyes",
        ),
        "threat": (
            "a rival expedition with better funding", "the smuggler Vargas and his crew",
            "the bandits of the high passes", "a ruthless collector named Hargreave",
            "the mercenaries on their trail", "the treasure hunter Silas Crowe",
        ),
        "roles": ("explorer", "expedition guide", "ship's mate", "treasure hunter", "field surveyor"),
        "lines": (
            "The map ends here, which means we're the first.",
            "Hold the rope and don't look down.",
            "If the river's right, the ruins are just past that ridge.",
            "We have two days of water. Maybe three.",
            "Nobody has come back from {the_item}. Not yet, anyway.",
            "Cut the line! Cut it now!",
            "That's not thunder. That's the mountain.",
            "Fortune favours the foolish, apparently.",
            "Whoever finds {the_item} first gets to name it.",
        ),
        "world": (
            "The last expedition to try this route had come back with half its members and no maps.",
            "Old sailors in {place} still told stories of gold, curses and ships that never returned.",
            "Behind them, {threat} was gaining ground, and everyone on the expedition knew it.",
            "The {adj} country ahead had never been properly charted on any map, only guessed at.",
            "Their guide swore the trail existed, though nobody had walked it in living memory.",
            "Supplies were thin, tempers were thinner, and the most dangerous part of the journey still lay "
            "ahead.",
            "Local legends spoke of a city of gold hidden in the jungle beyond the {adj} ridges.",
            "Every night they marked their progress on the map, and every night it looked smaller.",
            "The compass needle had begun to drift, which the guide said was a very bad sign.",
        ),
    },
    "thriller": {
        "names": (
            "Alex Mercer:m", "Nina Kovacs:f", "Ryan Cole:m", "Dana Whitfield:f", "Marcus Vale:m",
            "Elena Rossi:f", "Jack Reiner:m", "Sofia Lind:f", "Ethan Blackwood:m", "Maya Torres:f",
            "Victor Hale:m", "Claire Dawson:f", "Sam Adler:m", "Vera Novak:f", "Lucas Grey:m",
            "Jenna Price:f",
            "Daniel Cross:m", "Anya Petrov:f", "Cole Harmon:m", "Leah Stone:f",
        ),
        "places": (
            "a rain-slicked street in Berlin", "the forty-second floor of a glass tower",
            "a crowded metro in Paris",
            "a parking garage under the embassy", "a safe house outside Vienna", "the docks at Rotterdam",
            "a cheap motel near the border", "the trading floor of a Swiss bank",
            "a server farm in Reykjavik",
            "the back room of a Lisbon café", "an airport lounge in Istanbul",
            "a government building in Washington",
        ),
        "times": (
            "at 11:42 p.m.", "just after the markets closed", "two hours before the summit",
            "in the middle of the night", "at the height of rush hour", "ten minutes after the call",
            "on the day of the election", "before the sun came up",
        ),
        "weather": (
            "rain streaked the windows", "the city glittered coldly below",
            "sirens wailed a few streets away",
            "a helicopter circled somewhere overhead", "wet neon shone on the pavement",
            "the wind off the river cut like a blade",
        ),
        "adj": (
            "tense", "cold", "sleek", "shadowy", "urgent", "silent", "anonymous", "deadly", "sharp", "grim",
            "narrow", "flickering", "dark", "polished", "nervous", "relentless", "hidden", "furtive",
            "brutal",
            "encrypted", "empty", "bright", "restless", "rain-soaked",
        ),
        "sight": (
            "a red dot blinking on a screen", "a black sedan idling across the street",
            "security cameras tracking each movement", "a reflection in a shop window that moved too quickly",
            "a countdown glowing on a cheap phone", "headlights sweeping across the ceiling",
        ),
        "sound": (
            "the buzz of a phone on the table", "footsteps echoing in the stairwell",
            "the click of a safety catch",
            "a car door closing softly outside", "static crackling in an earpiece",
            "the rattle of a train overhead",
        ),
        "smell": (
            "cordite", "wet asphalt", "cheap cologne", "burnt coffee", "cigarette smoke", "hot engine oil",
            "rain on concrete",
        ),
        "touch": (
            "the cold grip of a pistol", "the slick of sweat on a phone screen",
            "a pulse hammering in the throat",
            "the rough weave of a borrowed coat", "the sting of cold rain on the face",
        ),
        "threat": (
            "the men from the ministry", "a contract killer called the Tailor",
            "the people who owned the police",
            "whoever had planted the bomb", "a surveillance network that saw everything",
            "the syndicate behind the conspiracy",
        ),
        "roles": (
            "intelligence analyst", "getaway driver", "security consultant", "journalist", "ex-soldier",
        ),
        "lines": (
            "You have eleven minutes. Don't waste them.",
            "Trust no one, not even the people who pay you.",
            "They're already inside the building.",
            "If anything happens to me, {the_item} goes to the press.",
            "Switch phones. Now.",
            "The cameras are down. We're blind.",
            "Whoever sent this knows exactly where you live.",
            "Walk, don't run. Running makes them look.",
            "Forget {the_item}. They want you.",
        ),
        "world": (
            "In {place}, every street camera fed into a surveillance system nobody admitted existed.",
            "Somewhere, {threat} was already making calls, and the net was closing.",
            "The agency had a word for agents like {him}: expendable.",
            "{His} phone had three new messages, all from a number that did not exist.",
            "A surveillance van had been parked across the street for two days, engine running.",
            "Nobody in the building used a real name; half were agents, and the other half were targets.",
            "The files had been deleted an hour ago, which meant someone inside the conspiracy had panicked.",
            "Every exit in {place} was covered, and {he} had memorized them all anyway.",
            "The deadline was midnight, and the clock on the wall refused to slow down.",
        ),
    },
}

# Unknown or missing genres (e.g. free prompts on /generate) borrow the most neutral lexicon.
_FALLBACK_GENRE = "adventure"

# Time markers for the beat after the opening, which has already used the genre's "time" phrase.
_LATER: tuple[str, ...] = (
    "a few days later", "soon afterward", "one grey evening", "that same week", "before the month was out",
    "on an ordinary afternoon", "not long after", "one sleepless night",
)

_EMOTIONS: tuple[str, ...] = (
    "dread", "longing", "hope", "doubt", "guilt", "wonder", "grief", "resolve", "fear", "relief",
)

# ---------------------------------------------------------------------------------------------------
# Voice grammars. Pronoun slots: {he} {He} {him} {his} {His} {himself}; {Name} is the subject name
# (becomes "I" in the first person), so templates only ever use {Name} as a subject.
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Voice:
    openings: tuple[str, ...]
    premises: tuple[str, ...]
    turns: tuple[str, ...]
    closings: tuple[str, ...]


_LYRIC = _Voice(
    openings=(
        "{Time}, when {weather}, {Name} wandered alone through {place}, {a_hero} with more questions than "
        "answers.",
        "The {adj} light of evening lay across {place} like spilled honey, and {Name}, {a_hero}, walked "
        "through it slowly.",
        "There are places the world forgets, and {place} was one of them; {Name} had lived there quietly "
        "as {a_hero} for years.",
        "{Name}, {a_hero}, had always believed that {place} kept its secrets the way a river keeps its "
        "stones, patiently and without end.",
        "Long before anyone spoke of it, {Name} was only {a_hero}, dreaming small {adj} dreams in {place}.",
        "Morning came softly to {place}, {adj} and uncertain, and {Name}, {a_hero}, watched it arrive like "
        "an old friend.",
        "{Name} remembered {place} as {a_adj} and gentle place, from the years spent there as {a_hero}.",
        "In {place}, where {weather}, {Name} spent the days as {a_hero} and the nights listening to the "
        "dark.",
    ),
    premises=(
        "Then, {later}, {he} {deed}, and nothing afterward was ever quite the same.",
        "It was {Name} who {deed}, though {he} would later wish it had been anyone else.",
        "Everything changed on the day {he} {deed}; the world seemed to hold its breath around {him}.",
        "{He} {deed}, and for a long moment the air itself seemed to listen.",
        "The story truly began when {he} {deed}, quietly, as if fate were shy of being seen.",
        "And so {Name} {deed}, with trembling hands and a heart full of {emotion}.",
        "In the {adj} quiet of that season, {he} {deed}, and felt the old world tilt beneath {his} feet.",
        "Perhaps it was chance, or perhaps it was written somewhere; either way, {he} {deed}.",
        "{Later}, with {sound} for company, {he} {deed}, and the stars seemed to lean closer.",
        "Like a stone dropped into still water, it began simply: {he} {deed}, and the ripples spread.",
    ),
    turns=(
        "But {the_thing} would not be understood so easily, and by nightfall the {adj} calm had shattered "
        "like thin ice.",
        "Then the wind changed, and with it everything {he} thought {he} knew.",
        "It was then, in the hush between one heartbeat and the next, that {he} understood what {threat} "
        "truly wanted.",
        "Yet beneath the beauty something darker was waiting, patient as roots beneath the snow.",
        "And slowly, the way dusk takes a valley, the truth began to arrive.",
        "That night {he} lay awake, listening, and understood that the choice had already been made.",
        "But every {adj} thing casts a shadow, and {the_item} cast a longer one than most.",
        "Then, softly, as snow begins, the trouble came, and {ally} was the first to see it.",
        "The peace held for a while, fragile as a held breath, until {threat} stirred.",
        "Little by little the {adj} days grew strange, and {he} began to wonder what {he} had woken.",
    ),
    closings=(
        "{He} stepped into the {adj} morning with {the_item} heavy on {his} mind, ready at last to {goal}.",
        "And though the road ahead was long, {he} carried one small, stubborn hope: that {he} would {goal}.",
        "The stars came out one by one, and {he} made {his} promise to them alone: to {goal}, whatever it "
        "cost.",
        "Somewhere far off a door was opening, and {he} went toward it, determined to {goal}.",
        "{He} did not know how the story would end, only that {he} would not rest until {he} could {goal}.",
        "When dawn finally came, pale and forgiving, {he} knew what was left to do: {goal}, and let the "
        "rest go.",
        "{He} turned {his} face to the {adj} sky and chose, quietly and for good, to {goal}.",
        "Whatever waited beyond the hills, {he} would meet it; someone had to {goal}, and it might as well "
        "be {him}.",
        "The night softened around {him}, and for the first time {he} believed {he} might truly {goal}.",
        "So {he} gathered the pieces of {his} courage like fallen petals and went out to {goal}.",
    ),
)

_NOIR = _Voice(
    openings=(
        "{Name} had been {a_hero} for too long to believe in luck.",
        "Nobody came to {place} by choice, least of all {Name}, {a_hero} with nowhere better to be.",
        "{Time}, {place} smelled of rain and bad decisions, and {Name}, {a_hero} down on {his} luck, was "
        "there anyway.",
        "{Name} worked alone, as {a_hero}, and preferred it that way.",
        "There was {a_adj} hush over {place} the night it started for {Name}, {a_hero} who should have "
        "known better.",
        "{Name} kept {his} head down in {place}, the way {a_hero} learns to. For years, it had worked.",
        "Trouble found {Name} the way it always finds {a_hero}: {time}, in {place}, without knocking.",
        "{Name} was {a_hero} with a short temper and a long memory, and {place} had taught {him} both.",
    ),
    premises=(
        "Then {he} {deed}. Simple as that.",
        "{He} {deed}. It should have been the end of it.",
        "That was the night {he} {deed}, and the night stopped being ordinary.",
        "Somebody had to, so {Name} {deed}.",
        "{He} {deed}, and told no one, which was the first mistake.",
        "The facts were plain: {Name} {deed}, and the rest was supposed to sort itself out. It did not.",
        "It started small. {He} {deed}, and the world kept turning, for a while.",
        "Call it bad timing: {he} {deed} on the one night nobody was watching.",
        "{He} {deed}. {Ally} said it was a mistake. {Ally} was right.",
        "Later, people would ask why {he} {deed}. {He} never had a good answer.",
    ),
    turns=(
        "Then it went wrong. It always does.",
        "By midnight, {threat} had come calling, and it did not bother to knock.",
        "{Ally} stopped coming around. That was the first bad sign; there would be more.",
        "Things got worse, fast, the way they do when somebody has already decided how the story ends.",
        "{He} should have walked away. {He} didn't.",
        "The trouble with {the_item} was simple: too many people wanted it gone, or wanted it for "
        "themselves.",
        "The next day the {adj} quiet broke, and it broke hard.",
        "Somebody had been asking questions about {him}. Somebody with money and no patience.",
        "Then {threat} made a move, and the easy part was over.",
        "By the end of the week {he} had two enemies, one friend, and no plan worth the name.",
    ),
    closings=(
        "So {he} did the only thing left: {he} got up, pulled on {his} coat, and went out to {goal}.",
        "There was one job left, and that was to {goal}. Everything else could wait.",
        "The world would keep its secrets. But first, {he} had to {goal}.",
        "Morning came grey and mean, and {he} went out into it to {goal}.",
        "No one else was going to {goal}, so {he} would.",
        "{He} checked the door, checked {his} nerve, and went to {goal}.",
        "Nobody promised it would be clean. {He} went anyway, to {goal}.",
        "{He} counted what was left of {his} luck, found it thin, and set out anyway to {goal}.",
        "Maybe {he} would {goal}. Maybe not. Either way, {he} was done running.",
        "Outside, {weather}. {He} turned up {his} collar and went to {goal}.",
    ),
)

_CLASSIC = _Voice(
    openings=(
        "{Name} was {a_hero} in {place}, known for a steady hand and a stubborn heart.",
        "In the days when {place} was still {adj} and whole, {Name} lived there as {a_hero}.",
        "{Name} had grown up in {place}, and everyone there knew {him} as {a_hero} of good sense.",
        "It was {time} when {Name}, {a_hero} of {place}, first noticed that something was wrong.",
        "Few people in {place} paid much attention to {Name}, who was only {a_hero}.",
        "{Name}, {a_hero}, set out from {place} {time} with a pack on {his} back.",
        "The people of {place} would tell this story for years, and it always began with {Name}, {a_hero}.",
        "{Name} had come to {place} as {a_hero}, meaning to stay a week; {he} stayed a good deal longer.",
    ),
    premises=(
        "One morning, {he} {deed}.",
        "It happened that {he} {deed}, and word of it spread quickly.",
        "Against all advice, {Name} {deed}.",
        "So it was that {he} {deed}, with {ally} at {his} side.",
        "Before long, {he} {deed}, and a great deal was set in motion.",
        "{He} {deed}, which was a remarkable thing, though {he} did not yet know how remarkable.",
        "On a day much like any other, {he} {deed}, and {ally} was the first to hear of it.",
        "Now it came to pass that {he} {deed}, to the great surprise of everyone in {place}.",
        "The news travelled fast: {Name} {deed}, and nobody quite knew what to make of it.",
        "Not long after, and rather against {his} own expectations, {he} {deed}.",
    ),
    turns=(
        "Now, as often happens in such tales, things did not go according to plan.",
        "But danger was closer than anyone guessed, for {threat} had been watching all along.",
        "Days passed, and with each one {the_thing} grew harder to ignore.",
        "Then came a night of storm and ill omen, and on that night everything was put to the test.",
        "Soon enough {he} learned that courage, like bread, is best shared, and went to find {ally}.",
        "It was not long before {he} discovered that {he} was not the only one searching.",
        "Yet trouble, as the old saying goes, seldom travels alone, and soon it knocked at {his} door.",
        "The {adj} weeks that followed tested {him} more than {he} had thought possible.",
        "Word reached {threat}, as word always does, and the game changed at once.",
        "There were warnings, of course, but {he} did not heed them until it was nearly too late.",
    ),
    closings=(
        "And so {he} set out once more, resolved to {goal}, and to come home again if {he} could.",
        "Whatever the cost, {he} vowed, {he} would {goal}; and those who knew {him} never doubted it.",
        "With {ally} beside {him}, {he} turned toward the road ahead, for there was much to do before {he} "
        "could {goal}.",
        "It was a beginning, not an end, and {he} meant to {goal}, however long the tale might run.",
        "{He} gathered what courage remained and went forth to {goal}.",
        "In time, the people of {place} would say that {Name} was the one who dared to {goal}.",
        "{He} thanked {ally}, shouldered {his} pack, and took the first step toward the task: to {goal}.",
        "The way was uncertain, but {his} purpose was not; {he} would {goal}, or fail in the trying.",
        "And that, in the end, is how {Name} came to {goal}, though the rest of the tale is longer still.",
        "{He} looked back only once at {place}, then went on to {goal}.",
    ),
)

_VOICES: tuple[_Voice, ...] = (_LYRIC, _NOIR, _CLASSIC)

# First-person stories need openings that introduce the narrator by name.
_FIRST_PERSON_OPENINGS: tuple[str, ...] = (
    "My name is {called}, and {time} I was {a_hero} in {place} with no idea what was coming.",
    "I was {a_hero} in {place} back then, and people called me {called}, when they called me anything.",
    "Before any of this, I was just {called}, {a_hero} who knew every {adj} corner of {place}.",
    "If you had asked me about {place} {time}, back when I was only {a_hero}, I would have told you "
    "nothing ever happened there.",
    "I remember {place} the way you remember a fever: {adj}, bright, and not quite real. I was {a_hero} "
    "then.",
    "They still call me {called} in {place}, though I am not the {hero} I was when this began.",
)

# Development beats: true of any premise, so they only talk about the thing from the outside.
_DEVELOPMENT: tuple[str, ...] = (
    "{He} could not stop thinking about {the_thing}, not for a single waking hour.",
    "No one in {place} wanted to talk about {the_thing}, and that told {him} plenty.",
    "{Ally} said {the_thing} was a warning; {he} was not so sure.",
    "The more {he} learned about {the_thing}, the less {he} understood, and the {adj} silence around it "
    "only deepened.",
    "{Ally}, who had known {him} for years, warned that {the_item} would bring nothing but {emotion}.",
    "Every {adj} detail about {the_thing} seemed to point somewhere {he} did not want to go.",
    "{He} went over {the_thing} again and again, turning each {adj} detail in {his} mind.",
    "It was clear that {the_item} mattered to someone far more powerful than {him}.",
    "Even {ally} went quiet whenever {the_item} was mentioned.",
    "By the second day, {the_item} was all anyone in {place} could talk about.",
    "{He} wrote down everything {he} knew about {the_thing}, and it fit on a single {adj} page.",
    "Some nights {he} dreamed of {the_item}, and woke with the taste of {emotion} in {his} mouth.",
    "{The_thing} had changed {him} already, in small ways {he} was only beginning to notice.",
    "{Ally} asked what {he} meant to do about {the_item}, and {he} had no good answer.",
    "{The_item} seemed to wait for {him}, {adj} and patient, as if it had all the time in the world.",
    "{He} kept the whole business from {ally} for three days, which was two days longer than was wise.",
    "Strangers began to ask about {the_item}, politely at first, then less politely.",
    "{He} tried to go about {his} ordinary work, but {the_thing} followed {him} into every hour.",
    "There were {adj} rumours about {the_item} in {place}, each one stranger than the last.",
    "Nothing in {his} life as {a_hero} had prepared {him} for {the_thing}.",
)

# Style beats, keyed by the style detected in the modifier.
_STYLE_SENTENCES: dict[str, tuple[str, ...]] = {
    "sensory": (
        "{He} could smell {smell} on the air, and under it came {sound}, rising and falling like breath.",
        "The air tasted of {smell}, and somewhere close {sound} broke the silence.",
        "{He} heard {sound}, felt {touch}, and smelled {smell} drifting on the wind.",
        "Everything was sharp and close: the scent of {smell}, {sound}, and {touch}.",
        "{He} felt {touch}, while the sounds of the night pressed in, thick with the smell of {smell}.",
        "The smell of {smell} hung in the {adj} air, and {he} could hear {sound} somewhere out of sight.",
        "Light fell in {adj} bands across the floor, warm on {his} skin, and the room smelled faintly of "
        "{smell}.",
        "{He} felt {touch} and tasted {smell} at the back of {his} throat, every sense suddenly awake.",
    ),
    "atmosphere": (
        "Around {him}, {place} seemed to breathe: {sight}, {sound}, and {a_adj} stillness over everything.",
        "Outside, {weather}, and the whole world seemed painted in {adj} shades of grey and gold.",
        "The {adj} evening pressed close against the windows, heavy with the scent of {smell}.",
        "Shadows pooled in every corner, and {sight} lent the place {a_adj}, dreamlike glow.",
        "{He} paused to take it in: {sight}, the {adj} hush, the smell of {smell} carried on the wind.",
        "Even the light seemed different there, {adj} and slow, falling over {sight}.",
    ),
    "emotion": (
        "Part of {him} wanted to run and part of {him} wanted to stay, and {he} hated not knowing which "
        "part was braver.",
        "{He} felt {emotion} twist inside {him}, sharp and familiar, and tried not to let it show.",
        "Guilt sat in {his} chest like a stone, and no amount of reasoning could shift it.",
        "{He} told {himself} it did not matter, but {his} hands would not stop shaking, and {he} knew it "
        "was a lie.",
        "For years {he} had pretended not to care; now the pretending felt heavier than the truth.",
        "{He} thought of {ally} and felt a rush of {emotion} so strong it almost frightened {him}.",
        "Hope and fear took turns in {his} heart, and neither would let {him} rest.",
        "What {he} wanted and what {he} owed had never stood so far apart, and the distance ached.",
    ),
    "tension": (
        "Somewhere behind {him}, something moved, and {he} stopped breathing to listen.",
        "The silence stretched too long, and every instinct {he} had told {him} to run.",
        "{He} counted the seconds in {his} head, and each one felt heavier than the last.",
        "A floorboard creaked where no one should have been standing.",
        "{His} heart hammered as the footsteps came closer, slow and patient, as if they had all the time "
        "in the world.",
        "There was no way out, and whatever waited in the dark seemed to know it too.",
        "{He} reached for the door, then froze: it was already open.",
        "Time was running out, and {he} could feel it slipping away like sand through clenched fingers.",
    ),
    "action": (
        "{He} ran, vaulted the low wall, and hit the ground rolling as {sound} erupted behind {him}.",
        "There was no time to think; {he} grabbed {ally} by the arm and sprinted for the far side of "
        "{place}.",
        "{He} ducked, spun and struck, then was moving again before the echo faded.",
        "Three quick steps, a leap, a bruising landing, and {he} was through.",
        "Everything happened at once: a shout, a crash, and {ally} yelling at {him} to move.",
        "The chase tore through {place}, past startled faces and overturned carts, and {he} did not dare "
        "look back.",
        "{He} slammed the door, threw the bolt, and heard something heavy hit the other side a heartbeat "
        "later.",
        "{He} took the stairs two at a time, lungs burning, with {ally} right on {his} heels.",
    ),
    "mystery": (
        "Nothing about it made sense, and yet {he} had the strange feeling it had all happened before.",
        "Some questions, {he} suspected, were never meant to be answered, and this was one of them.",
        "At night {he} dreamed of a door with no handle and a voice behind it that knew {his} name.",
        "The old stories of {place} spoke of such things only in whispers, and never to strangers.",
        "There were footprints where no one had walked, and a candle burning in a room no one had "
        "entered.",
        "{Ally} would say only that some things in {place} were older than names.",
        "Every answer {he} found opened onto another, darker question.",
        "Somewhere, very faintly, a bell was ringing, though there was no bell anywhere in {place}.",
    ),
    "humour": (
        "{He} had prepared for many things, but not, regrettably, for being this badly dressed for it.",
        "{Ally} pointed out, not for the first time, that heroes in stories usually remember to bring a "
        "map.",
        "It was, {he} reflected, an unusually dramatic way to ruin a perfectly good afternoon.",
        "Somewhere nearby an unimpressed cat watched the whole affair, which did not help anyone's dignity.",
        "{He} made a mental note to complain to someone about it later, assuming there was a later.",
        "{Ally} called it a plan; {he} privately called it a very confident guess.",
        "In fairness to {him}, nobody had ever written a sensible manual for this sort of thing.",
        "It was not {his} finest hour, but it was, at least, a memorable one.",
    ),
}

# A twist replaces the closing beat, so the story ends on it.
_TWIST_CLOSINGS: tuple[str, ...] = (
    "Only then did {he} understand the truth: {the_item} had never been the danger; {ally} had.",
    "Then {ally} smiled, and {he} realized that {ally} had known about {the_item} all along.",
    "It was only much later that {he} learned {the_thing} had been waiting for {him}, and for no one "
    "else.",
    "But the last surprise was the cruellest: {ally} had been behind everything from the very start.",
    "{He} looked one last time and saw what {he} had missed: the same mark {he} carried on {his} own "
    "wrist.",
    "In the end, {he} had not found {the_item} at all; it had found {him}, exactly as it intended.",
    "And when it was over, {he} found a note in {his} own handwriting, dated a year before any of it "
    "began.",
)

# Reactions that follow another character's line; they fit any genre.
_REPLIES: tuple[str, ...] = (
    "Then we had better hurry.",
    "I know. That's what frightens me.",
    "Not yet. Not until I understand it.",
    "You always say that.",
    "I'm not leaving without an answer.",
    "I know. I've known for a while.",
    "Maybe. Or maybe we were meant to be here.",
    "Then I suppose there's no going back.",
    "I was hoping you wouldn't say that.",
    "Then we do it together.",
    "Don't worry about me.",
)

_SPEECH_VERBS: tuple[str, ...] = (
    "said", "whispered", "said quietly", "murmured", "said at last", "warned", "said softly", "muttered",
)

_REPLY_VERBS: tuple[str, ...] = ("answered", "said", "replied", "said after a moment", "told {ally}")

_CONTEXT_SENTENCES: tuple[str, ...] = (
    "{He} thought of {ctx}, and of everything that had come before.",
    "Somehow it all reminded {him} of {ctx}, as if the two stories had been waiting to meet.",
    "The memory of {ctx} stayed close the whole time, like a hand on {his} shoulder.",
)

# Style modifier keyword -> style key. Order matters: the first two matched styles get a sentence.
_STYLE_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("first person", "first_person"), ("first-person", "first_person"),
    ("dialog", "dialogue"), ("conversation", "dialogue"),
    ("twist", "twist"), ("unexpected", "twist"), ("surprise", "twist"),
    ("sensory", "sensory"), ("senses", "sensory"),
    ("atmospher", "atmosphere"), ("descripti", "atmosphere"), ("vivid", "atmosphere"),
    ("emotion", "emotion"), ("internal", "emotion"), ("feeling", "emotion"),
    ("tension", "tension"), ("suspense", "tension"), ("tense", "tension"),
    ("action", "action"), ("fast", "action"), ("pacing", "action"),
    ("myster", "mystery"), ("haunting", "mystery"), ("eerie", "mystery"),
    ("humour", "humour"), ("humor", "humour"), ("funny", "humour"), ("witty", "humour"),
)

_STOPWORDS: frozenset[str] = frozenset(
    """a an the and or but of to in on at for with from by as is are was were be been being has have had
    that this these those it its into onto over under about after before their his her its our your my
    who whom which what when where why how must can could will would should may might shall do does did
    not no nor so than then there here they them he she we you i me us him one two write story tale
    about tell please some any all each every very just""".split()
)

_STORY_PREFIXES: tuple[str, ...] = (
    "write me a story about ", "write a story about ", "tell me a story about ", "write about ",
    "a story about ", "story about ", "write a short story about ", "a tale about ",
)

_PRONOUNS: dict[str, dict[str, str]] = {
    "f": {"he": "she", "He": "She", "him": "her", "his": "her", "His": "Her", "himself": "herself"},
    "m": {"he": "he", "He": "He", "him": "him", "his": "his", "His": "His", "himself": "himself"},
    "1": {"he": "I", "He": "I", "him": "me", "his": "my", "His": "My", "himself": "myself"},
}

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


_PLACE_CUTS = frozenset(
    "above below in at among on by off out behind near under with where beneath built that to deep outside "
    "of".split()
)


def _place_alias(place: str) -> str:
    """A shorter second mention: "the walled town of Brackenford" -> "Brackenford", "an old mill above
    the river" -> "the old mill"."""
    words = place.split()
    for i, word in enumerate(words[1:], start=1):
        if word == "of" and i + 1 < len(words) and words[i + 1][:1].isupper():
            return " ".join(words[i + 1:])
        if word in _PLACE_CUTS:
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
        "emotion": _EMOTIONS,
        "said": _SPEECH_VERBS,
    }
    return _Lexicon(
        names=names,
        names_by_gender={g: tuple(n for n in names if n[1] == g) for g in ("f", "m")},
        pools=pools,
        lines=raw["lines"],
        world=raw["world"],
        roles=raw["roles"],
    )


_LEX: dict[str, _Lexicon] = {key: _build_lexicon(raw) for key, raw in _LEXICONS.items()}
_PLACE_ALIASES: dict[str, str] = {
    place: _place_alias(place) for raw in _LEXICONS.values() for place in raw["places"]
}

_CATALOG_PREMISES: dict[str, _Premise] = {
    prompt: _Premise(hero=p.hero, the_thing=f"the {p.thing}", the_item=f"the {p.item}", deed=p.deed,
                     goal=p.goal, gender=p.gender)
    for prompt, p in PREMISES.items()
}


# Prompt verbs say nothing about the genre ("A gravedigger finds..." must not make "finds" dark fantasy).
_VERB_HINTS = frozenset(
    "finds discovers meets falls must raises reaches begin begins showing receives investigates leaves "
    "reveals uncovers reopens handed found follows appears picks holds hears starts moves rolls vanish "
    "shows share finally arrives listens search hunts survives race must sparks opens drifts stop goes "
    "realizes could receives choose warns killed forced leads returns learns steals trades cannot".split()
)


def _build_genre_hints() -> dict[str, str]:
    """Content word -> genre, from the catalog prompts, to guess a genre for free prompts."""
    hints: dict[str, str] = {}
    for key, genre in GENRES.items():
        for prompt in genre.prompts:
            for word in prompt.lower().replace("'s", "").split():
                if word not in _STOPWORDS and word not in _VERB_HINTS and len(word) > 3:
                    hints.setdefault(word, key)
    return hints


# Common story nouns the catalog prompts do not happen to use.
_EXTRA_HINTS: dict[str, str] = {
    "magic": "fantasy", "magical": "fantasy", "sword": "fantasy", "castle": "fantasy", "fairy": "fantasy",
    "elf": "fantasy", "wizard": "fantasy", "quest": "fantasy", "demon": "dark_fantasy",
    "vampire": "dark_fantasy", "undead": "dark_fantasy", "curse": "dark_fantasy", "robot": "sci_fi",
    "robots": "sci_fi", "spaceship": "sci_fi", "alien": "sci_fi", "aliens": "sci_fi", "space": "sci_fi",
    "planet": "sci_fi", "android": "sci_fi", "detective": "mystery", "murder": "mystery", "clue": "mystery",
    "ghost": "horror", "haunted": "horror", "monster": "horror", "zombie": "horror", "love": "romance",
    "kiss": "romance", "date": "romance", "wedding": "romance", "treasure": "adventure",
    "pirate": "adventure", "jungle": "adventure", "expedition": "adventure", "spy": "thriller",
    "agent": "thriller", "bomb": "thriller", "hacker": "thriller", "conspiracy": "thriller",
}
_GENRE_HINTS = {**_build_genre_hints(), **_EXTRA_HINTS}
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
    for keyword, key in _STYLE_KEYWORDS:
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
    for prefix in _STORY_PREFIXES:
        if lowered.startswith(prefix):
            text = text[len(prefix):]
            break
    words = _clean_words(text)
    # The last run of content words is usually the object of the prompt ("... finds a magic ring").
    tail: list[str] = []
    tail_start = len(words)
    for index in range(len(words) - 1, -1, -1):
        word = words[index]
        if word.lower() in _STOPWORDS or not word.replace("-", "").isalpha():
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
    return max(counts, key=counts.__getitem__) if counts else _FALLBACK_GENRE


# Capitalised words that introduce a name rather than being one.
_TITLES = frozenset("mr mrs ms miss dr sir lady lord captain saint st professor aunt uncle old".split())
_NOT_NAMES = _STOPWORDS | _TITLES


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
        reply = _choice(rng, _REPLIES)
        if rng.random() < 0.6:
            spoken = reply[:-1] + "," if reply.endswith(".") else reply
            verb = _choice(rng, _REPLY_VERBS).format_map(slots)
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
    slots.update(_PRONOUNS["1" if first_person else gender])
    hero = premise.hero or _choice(rng, lex.roles)
    time_phrase = _choice(rng, lex.pools["time"])
    later = _choice(rng, _LATER)
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
    voice = voice % len(_VOICES)
    rng = random.Random(seed * 4 + voice)
    lex = _LEX.get(genre) or _LEX[_guess_genre(prompt)]
    premise = _CATALOG_PREMISES.get(prompt) or _free_premise(prompt)
    styles = _style_keys(style_modifier)
    grammar = _VOICES[voice]
    slots = _cast(rng, lex, premise, "first_person" in styles, context)
    taken: set[str] = set()

    def beat(options: Sequence[str]) -> str:
        return _pick(rng, options, taken).format_map(slots)

    opening = beat(_FIRST_PERSON_OPENINGS if "first_person" in styles else grammar.openings)
    head = [opening, beat(grammar.premises), beat(lex.world)]
    middle = [beat(_DEVELOPMENT)]
    # Dropped last-first when a story runs long; the world beat carries the genre's vocabulary.
    optional = [(head, head[2]), (middle, middle[0])]
    if premise.quote:
        middle.append(f'Later, when people asked, {slots["he"]} would put it simply: "{premise.quote}"')
    if slots["ctx"]:
        middle.append(beat(_CONTEXT_SENTENCES))
    style_pools = [_STYLE_SENTENCES[key] for key in styles if key in _STYLE_SENTENCES]
    middle.extend(beat(pool) for pool in style_pools[:2])

    wants_dialogue = "dialogue" in styles
    dialogue: list[str] = []
    if wants_dialogue or rng.random() < 0.4:
        dialogue = _dialogue(rng, lex, slots, exchange=wants_dialogue or rng.random() < 0.35)
    tail = [beat(grammar.turns), beat(_TWIST_CLOSINGS if "twist" in styles else grammar.closings)]

    length = sum(len(sentence) + 1 for part in (head, middle, dialogue, tail) for sentence in part)
    while length > _MAX_CHARS and optional:
        part, sentence = optional.pop()
        part.remove(sentence)
        length -= len(sentence) + 1
    if length > _MAX_CHARS and dialogue and not wants_dialogue:
        dialogue = []
    while length < _MIN_CHARS:
        extra = beat(_DEVELOPMENT)
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


class OfflineGenerator(Generator):
    """An ensemble member backed by `write_story`; needs nothing but this module."""

    def __init__(self, name: str = "offline-template", voice: int = 0) -> None:
        self.name = name
        self.voice = voice

    @property
    def writer_name(self) -> str:
        return "offline"  # the built-in writer, whichever of its voices wrote

    def context_read(self, request: GenerationRequest) -> int:
        return min(len(request.context), CONTEXT_PASSAGES_READ)

    async def complete(self, request: GenerationRequest) -> Completion:
        started = time.perf_counter()
        text = write_story(
            genre=request.genre,
            prompt=request.prompt,
            style_modifier=request.style_modifier,
            seed=request.seed,
            voice=self.voice,
            context=request.context,
        )
        latency = time.perf_counter() - started
        return Completion(
            text=text,
            model=self.name,
            latency=latency,
            prompt_tokens=len(request.prompt.split()),
            completion_tokens=round(len(text.split()) * 1.3),
        )


def default_voices() -> list[OfflineGenerator]:
    """The offline ensemble: three voices of the template writer that write differently for the same item."""
    return [
        OfflineGenerator("offline-template-lyric", voice=0),
        OfflineGenerator("offline-template-noir", voice=1),
        OfflineGenerator("offline-template-classic", voice=2),
    ]
