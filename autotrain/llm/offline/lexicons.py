"""The offline writer's word lists: per-genre lexicons and the small vocabularies it reads prompts with.

Plain data, read once at import (the writer precomputes its tables from them).
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------
# Genre lexicons. Values are plain text (no slots), except "world" and "lines", which are templates.
# ---------------------------------------------------------------------------------------------------

LEXICONS: dict[str, dict[str, tuple[str, ...]]] = {
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
FALLBACK_GENRE = "adventure"

# Time markers for the beat after the opening, which has already used the genre's "time" phrase.
LATER: tuple[str, ...] = (
    "a few days later", "soon afterward", "one grey evening", "that same week", "before the month was out",
    "on an ordinary afternoon", "not long after", "one sleepless night",
)

EMOTIONS: tuple[str, ...] = (
    "dread", "longing", "hope", "doubt", "guilt", "wonder", "grief", "resolve", "fear", "relief",
)

# ---------------------------------------------------------------------------------------------------
# Reading prompts and memory passages
# ---------------------------------------------------------------------------------------------------

# Style modifier keyword -> style key. Order matters: the first two matched styles get a sentence.
STYLE_KEYWORDS: tuple[tuple[str, str], ...] = (
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

STOPWORDS: frozenset[str] = frozenset(
    """a an the and or but of to in on at for with from by as is are was were be been being has have had
    that this these those it its into onto over under about after before their his her its our your my
    who whom which what when where why how must can could will would should may might shall do does did
    not no nor so than then there here they them he she we you i me us him one two write story tale
    about tell please some any all each every very just""".split()
)

STORY_PREFIXES: tuple[str, ...] = (
    "write me a story about ", "write a story about ", "tell me a story about ", "write about ",
    "a story about ", "story about ", "write a short story about ", "a tale about ",
)

# Prompt verbs say nothing about the genre ("A gravedigger finds..." must not make "finds" dark fantasy).
VERB_HINTS = frozenset(
    "finds discovers meets falls must raises reaches begin begins showing receives investigates leaves "
    "reveals uncovers reopens handed found follows appears picks holds hears starts moves rolls vanish "
    "shows share finally arrives listens search hunts survives race must sparks opens drifts stop goes "
    "realizes could receives choose warns killed forced leads returns learns steals trades cannot".split()
)

# Common story nouns the catalog prompts do not happen to use.
EXTRA_HINTS: dict[str, str] = {
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

# Capitalised words that introduce a name rather than being one.
TITLES = frozenset("mr mrs ms miss dr sir lady lord captain saint st professor aunt uncle old".split())

# Words that end the head of a place description, for its shorter second mention.
PLACE_CUTS = frozenset(
    "above below in at among on by off out behind near under with where beneath built that to deep outside "
    "of".split()
)
