"""The offline writer's grammar: the three voices' beats and the beats they share.

Plain data: sentence templates whose {slots} the writer fills per story. Pronoun slots: {he} {He} {him}
{his} {His} {himself}; {Name} is the subject name (becomes "I" in the first person), so templates only
ever use {Name} as a subject.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Voice:
    openings: tuple[str, ...]
    premises: tuple[str, ...]
    turns: tuple[str, ...]
    closings: tuple[str, ...]


LYRIC = Voice(
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

NOIR = Voice(
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

CLASSIC = Voice(
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

VOICES: tuple[Voice, ...] = (LYRIC, NOIR, CLASSIC)

# First-person stories need openings that introduce the narrator by name.
FIRST_PERSON_OPENINGS: tuple[str, ...] = (
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
DEVELOPMENT: tuple[str, ...] = (
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
STYLE_SENTENCES: dict[str, tuple[str, ...]] = {
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
TWIST_CLOSINGS: tuple[str, ...] = (
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
REPLIES: tuple[str, ...] = (
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

SPEECH_VERBS: tuple[str, ...] = (
    "said", "whispered", "said quietly", "murmured", "said at last", "warned", "said softly", "muttered",
)

REPLY_VERBS: tuple[str, ...] = ("answered", "said", "replied", "said after a moment", "told {ally}")

CONTEXT_SENTENCES: tuple[str, ...] = (
    "{He} thought of {ctx}, and of everything that had come before.",
    "Somehow it all reminded {him} of {ctx}, as if the two stories had been waiting to meet.",
    "The memory of {ctx} stayed close the whole time, like a hand on {his} shoulder.",
)

PRONOUNS: dict[str, dict[str, str]] = {
    "f": {"he": "she", "He": "She", "him": "her", "his": "her", "His": "Her", "himself": "herself"},
    "m": {"he": "he", "He": "He", "him": "him", "his": "his", "His": "His", "himself": "himself"},
    "1": {"he": "I", "He": "I", "him": "me", "his": "my", "His": "My", "himself": "myself"},
}
