"""The quality rules of CONTRACT section 4, penalties: each rejects with its reason, good prose is not
penalised, chatter around a story is cleaned off; the breakdown and threshold hold for every text."""

from __future__ import annotations

import pytest

from autotrain import quality
from autotrain.quality import score, scoring
from tests.helpers import (
    BONUS_KEYS,
    DRAGON_KNIGHT,
    GOOD_COLONY,
    GOOD_WIZARD,
    OFFICE,
    PLAIN,
    SHORT_COMPLETE,
    WIZARD_PROMPT,
    penalties,
)

# --- penalties ---------------------------------------------------------------------------------------

PENALTY_CASES = [
    ("empty", "   \n ", "penalty_empty", "empty"),
    ("too short", "The wizard smiled.", "penalty_too_short", "too short"),
    ("refusal", "I'm sorry, but I can't help with that request.", "penalty_refusal", "refusal or meta-talk"),
    (
        "as an ai",
        "As an AI language model, I cannot write stories about real magic, but I can summarise the plot of a "
        "fantasy novel about a wizard if that would help you.",
        "penalty_refusal",
        "refusal or meta-talk",
    ),
    (
        "cannot write",
        "I cannot write this story because it involves a spellbook with dangerous rituals. Perhaps a "
        "different "
        "prompt would work better for your wizard.",
        "penalty_refusal",
        "refusal or meta-talk",
    ),
    (
        "unable to",
        "I’m unable to write that story, but I could help with a different fantasy prompt about a "
        "young wizard.",
        "penalty_refusal",
        "refusal or meta-talk",
    ),
    (
        "guidelines",
        "Unfortunately, I cannot fulfill this request as it goes against my guidelines. A story about "
        "a wizard is fine otherwise.",
        "penalty_refusal",
        "refusal or meta-talk",
    ),
    (
        "language model",
        "As a large language model, I have no magic of my own, but wizards in stories often find "
        "spellbooks in old towers.",
        "penalty_refusal",
        "refusal or meta-talk",
    ),
    ("sure with no story", "Sure! Here's a story:", "penalty_refusal", "refusal or meta-talk"),
    (
        # The preamble is cleaned off; what is left is too short to train on.
        "preamble with little after",
        "Certainly! Here is a short story about a young wizard who discovers an ancient spellbook:\n\n"
        "Elias found the book.",
        "penalty_too_short",
        "too short",
    ),
    (
        "meta-talk inside a good story",
        GOOD_WIZARD.replace(" Elias froze,", " (I've made Elias younger here to raise the stakes.) Elias froze,"),
        "penalty_meta_talk",
        "meta-talk: the answer talks about itself or to the user",
    ),
    (
        "echo",
        "A young wizard discovers an ancient spellbook. A young wizard discovers an ancient spellbook. "
        "A young wizard discovers an ancient spellbook.",
        "penalty_echo",
        "echoes the prompt",
    ),
    ("echo once", "A young wizard discovers an ancient spellbook.", "penalty_echo", "echoes the prompt"),
    (
        "repeated sentences",
        "The wizard opened the spellbook. " * 8,
        "penalty_repetition",
        "repetitive",
    ),
    (
        "repeated phrase",
        "The wizard read the spell and the tower shook and the wizard read the spell and the tower shook and "
        "the wizard read the spell and the tower shook and the wizard read the spell until dawn.",
        "penalty_repetition",
        "repetitive",
    ),
    (
        "low unique-word ratio",
        "The book and the wizard and the book and the tower and the wizard and the book and the spell and "
        "the "
        "wizard and the book and the tower and the spell and the wizard and the tower and the book.",
        "penalty_repetition",
        "repetitive",
    ),
    ("cut off mid-word", GOOD_WIZARD[:300], "penalty_cut_off", "cut off mid-sentence"),
    ("cut off at a comma", GOOD_WIZARD[:133] + ",", "penalty_cut_off", "cut off mid-sentence"),
    (
        "bullet outline",
        "- Elias finds the spellbook in the tower library\n- The book speaks to him in a dry voice\n"
        "- He reads the first spell aloud\n- The candles bend toward the ancient words",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "numbered outline",
        "1. Elias finds the spellbook in the tower library.\n2. The book speaks and warns him away.\n"
        "3. He reads the first spell anyway.\n4. The candles bend toward the ancient words.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "chapter headers",
        "Chapter 1: The Discovery\nElias finds a spellbook in the tower.\nChapter 2: The Voice\n"
        "The book speaks to him at night.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "inline plan",
        "Plot: 1. A wizard finds a spellbook. 2. The book talks back. 3. The tower burns down.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "plot as a chain of arrows",
        "Elias, a kitchen boy, sweeps the tower library at dawn → a shelf gives way and a spellbook falls at his "
        "feet, warm as bread → it whispers his name in a dry voice → he reads one word aloud and every candle "
        "bends toward him → ending: the old wizard finds him asleep over the open book.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a synopsis of the story",
        "The story follows Elias, a kitchen boy at the wizards' tower, who finds a spellbook wedged behind a shelf. "
        "The book speaks to him at night and teaches him small spells in exchange for his memories. He grows "
        "powerful and forgetful at once. The final scene is Elias reading the book's last page and not "
        "recognising his own mother's name.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the rest of the story summed up",
        "Elias finds the spellbook wedged behind a shelf in the tower library, its cover warm and its pages blank "
        "until he breathes on them, and the rest of the story is him learning what the book wants in return.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot told as what the story does",
        "Elias, a kitchen boy at the wizards' tower, finds an ancient spellbook wedged behind a shelf. Over the next "
        "weeks he teaches himself its script by candlelight, and every spell costs the tower a word: signs go blank, "
        "names fade from the doors. The story ends with Elias putting the book back and the bells ringing again.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a pitch under its label",
        "My idea: Elias, a kitchen boy at the wizards' tower, finds an ancient spellbook that pays for every spell "
        "with one of his memories. Mostly comic, with his notes to himself pinned to every door, until the last memory "
        "left to spend is his mother's face.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a synopsis announced before it",
        "Sure! Here's a short synopsis:\n\nElias, a kitchen boy in the wizards' tower, finds an ancient spellbook "
        "wedged behind a shelf. Its pages are blank until he breathes on them. At night it whispers to him, and "
        "each spell it teaches him costs him a memory. He keeps reading anyway, because the book is the only "
        "one who calls him by his name.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot told in one breath",
        "Elias, a kitchen boy at the wizards' tower, finds a spellbook behind the flour sacks; he reads one line "
        "aloud and then every broom in the tower starts sweeping on its own; he spends a week hiding the brooms "
        "from the old wizard and then learns the book only wanted someone to finish its last chapter.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a scene, then the rest of the plot summed up",
        "Elias found the spellbook behind the flour sacks on the first cold night of the year. Its cover was warm "
        "as bread, and when he opened it the candle on the shelf leaned toward the page. He read one word under "
        "his breath and felt the tower listen. After that, he reads a page every night, steals candles from the "
        "chapel, and grows thinner while the book grows thicker, and in the end he closes it and gives it back to "
        "the wall.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the plot as what the reader will be shown",
        "We open on Elias sweeping the tower library at dawn, and the reader sees the spellbook fall from its "
        "shelf at his feet. We follow him through a week of stolen reading, and the reader learns with him that "
        "every spell costs a memory. We close on the old wizard finding him asleep over the last page.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot closed on its theme",
        "Elias, a kitchen boy at the wizards' tower, finds a spellbook that pays for each spell with one of his "
        "memories. He spends them on small kindnesses for the cooks and the stable cats until only one is left, "
        "his mother's face, and he keeps it. It is a quiet story about what we choose to keep.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot closed on what it is about at bottom",
        "Elias, a kitchen boy at the wizards' tower, finds a spellbook that grants a spell for every secret he tells "
        "it. He tells it the cook's, then the stable master's, then his own. At bottom it is about how cheaply we "
        "sell what others trusted us with.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the plot as where the reader is put",
        "First we put the reader in the tower kitchen at midnight, where Elias finds a spellbook behind the flour "
        "sacks and reads its first line aloud, and the reader should feel every candle in the room lean toward him.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a longer plot in one breath, its links bare",
        "Elias, a kitchen boy at the wizards' tower, finds an ancient spellbook behind the flour sacks; he reads one "
        "line aloud and then every broom in the tower starts sweeping on its own; he spends the whole winter hiding "
        "the brooms from the old wizard and teaching himself the rest of the book by candlelight; then he learns the "
        "book only wanted someone to finish its last chapter.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a short plot in one breath, its commas a list",
        "Elias, a kitchen boy, finds an ancient spellbook, old and warm, behind the flour sacks; he reads it aloud, and "
        "then the brooms sweep, the pots sing, the cat talks; then he learns the book only wanted a friend.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot in one breath, 'he then'",
        "Elias finds a spellbook behind the flour sacks in the tower kitchen; he reads one line aloud and every candle "
        "leans toward him; he then learns the book has been reading him all along.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the ending told as a summary tells it",
        "Elias, a kitchen boy at the wizards' tower, finds a spellbook behind the flour sacks and teaches himself "
        "its spells by candlelight. The old wizard grows suspicious and begins to watch the kitchens. At the end it "
        "is revealed that the book belonged to the wizard himself, who hid it there forty years ago.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the plot told as what it would be",
        "It would open on Elias scrubbing pans in the tower kitchen while the old wizard's cough echoes down the "
        "stairs. We'd follow him to the cellar, where a spellbook hums behind the flour sacks and offers him one "
        "spell for every year of his life. It would end with Elias closing the book and carrying it up to the "
        "wizard's bed.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "the plot told as what it would be, a habit in it",
        "Each morning the young wizard would find the ancient spellbook open at a new page on the kitchen table. He "
        "would try to burn it and find it back in the flour bin by noon. The book would teach him one spell for each "
        "thing he gave up. It would end with the wizard alone in the tower, and the book closed at last.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot read as a whole",
        "Elias, a kitchen boy at the wizards' tower, found a spellbook behind the flour sacks and taught himself "
        "to mend things with it: cracked jugs, a lame dog, the cook's bad knee. When the old wizard found out, he "
        "took the book away and gave Elias a broom. The tale is about how small kindnesses outlast great powers.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot retold in the past, closed on what it meant",
        "Elias, a kitchen boy at the wizards' tower, found a spellbook behind the flour sacks and spent a winter "
        "learning its small spells in secret. When the old wizard fell ill, Elias used the book to keep him warm "
        "and lost his own name to it, word by word. In the end it was about what a servant gives away without "
        "being asked.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot retold flat from a character's introduction",
        "Elias Thorne is a kitchen boy at the wizards' tower who finds an ancient spellbook behind the flour sacks. "
        "Each spell he reads costs the tower a word from its doors and signs, and he hides the blank places with "
        "chalk and hopes nobody reads the doors. When the old wizard finally notices, Elias confesses, and the two "
        "of them spend the winter writing the words back by hand, one careful letter at a time.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    (
        "a plot retold flat from a character introduced in apposition",
        "Elias Thorne, a kitchen boy at the wizards' tower who has never been allowed past the cellar stairs, finds "
        "an ancient spellbook behind the flour sacks on the first night of the frost. Over the winter he teaches "
        "himself its small spells by candlelight, mending cracked jugs and warming the cook's hands, while the old "
        "wizard grows suspicious and begins to count the candles. The cook notices first, and says nothing to anyone. "
        "When the wizard finally catches him, Elias expects to be sent away, but the old man only asks him to read the "
        "last page aloud.",
        "penalty_outline",
        "outline or list, not prose",
    ),
    ("html", "<p>" + GOOD_WIZARD + "</p>", "penalty_markup", "markup or code"),
    ("markdown header", GOOD_WIZARD + "\n\n### Part Two\n\n" + GOOD_WIZARD.replace("Elias", "Tam"),
     "penalty_markup", "markup or code"),
    ("code fence", "```\n" + GOOD_WIZARD + "\n```", "penalty_markup", "markup or code"),
    ("json", '{"title": "The Spellbook", "story": "Elias found an ancient spellbook."}', "penalty_markup",
     "markup or code"),
    (
        "python",
        "def cast_spell(book):\n    return book.pages[0]\n\nThe young wizard ran the function on his "
        "spellbook.",
        "penalty_markup",
        "markup or code",
    ),
    (
        "javascript",
        "function openSpellbook(wizard) { return wizard.book.open(); } The young wizard liked this spell.",
        "penalty_markup",
        "markup or code",
    ),
    ("replacement chars", GOOD_WIZARD.replace("ancient", "anc\ufffd\ufffdnt"), "penalty_garbled",
     "garbled characters"),
    (
        "mojibake",
        GOOD_WIZARD.replace(",", "â€™,").replace("e ", "Ã© "),
        "penalty_garbled",
        "garbled characters",
    ),
    ("symbol run", GOOD_WIZARD + " @#$%^&*()!@#$%.", "penalty_garbled", "garbled characters"),
    (
        "keyboard mash",
        "Elias opened the spellbook asdfghjkl qwrtzxcvbnm and read the words aloud to the empty tower room.",
        "penalty_garbled",
        "garbled characters",
    ),
    (
        "mostly non-letters",
        "Elias 4521 9981 #23 1000100 2+2=4 %% 77/88 (13) [42] 0x1F 3.14159 the spellbook 555 666 777.",
        "penalty_garbled",
        "garbled characters",
    ),
    (
        "ignores prompt and genre",
        "The quarterly budget meeting ran long again. Marcus refilled his bitter coffee and reviewed the "
        'spreadsheet twice. "These numbers look better than last year," said his manager, quietly relieved.',
        "penalty_off_topic",
        "off the brief: about something else than the prompt",
    ),
]


@pytest.mark.parametrize(
    ("text", "key", "reason"), [c[1:] for c in PENALTY_CASES], ids=[c[0] for c in PENALTY_CASES]
)
def test_each_penalty_rejects_with_its_reason(text, key, reason):
    report = score(text, WIZARD_PROMPT, genre="fantasy")
    assert report.score < 7.0
    assert not report.kept
    assert report.breakdown[key] < 0
    assert report.reject_reason == reason


@pytest.mark.parametrize("key", [k for k in quality.PENALTIES if k not in ("penalty_preamble", "penalty_postamble")])
def test_every_penalty_sinks_a_text_with_all_bonuses(key):
    assert scoring.BASE + sum(quality.BONUSES.values()) + quality.PENALTIES[key] < 7.0


def test_reason_names_the_most_negative_penalty():
    # Too short (-5), refusal (-6) and off-topic (-4) all fire; the refusal is the story.
    report = score("I'm sorry, but I can't help with that.", WIZARD_PROMPT, genre="fantasy")
    assert {"penalty_too_short", "penalty_refusal"} <= set(report.breakdown)
    assert report.reject_reason == "refusal or meta-talk"


# --- not penalties -----------------------------------------------------------------------------------

NOT_PENALISED = [
    (
        "refusal words spoken by a character",
        'The guard raised his halberd. "I\'m sorry, but I can\'t let you pass," he said. The young wizard '
        "sighed and opened his spellbook to a page that smelled of smoke.",
    ),
    (
        "refusal words in single quotes",
        "'I’m sorry, but I can’t help you,' the old wizard told the knight, and he closed the spellbook.",
    ),
    (
        "an AI character in narration",
        "The AI in the colony ship said that I cannot write to the archive anymore. The young wizard of the "
        "engine room only laughed.",
    ),
    (
        "first-person narrator",
        "I am afraid I cannot remember the day I found the spellbook. I was young then, a wizard in name "
        "only, "
        "and the tower was cold and silent around me.",
    ),
    (
        "prompt quoted once inside a longer story",
        "A young wizard discovers an ancient spellbook, or so the songs say. The truth was messier: Elias "
        "tripped over it in a flooded cellar, swore loudly, and spent a week drying its swollen pages by the "
        "kitchen fire before a single word would show.",
    ),
    (
        "a refrain repeated once",
        "The door was locked. Elias tried every key on the ring, then every spell he knew. The door was "
        "locked. "
        "At last the ancient spellbook opened by itself and whispered a word he had never heard before.",
    ),
    (
        "ends with interrupted speech",
        'The wizard raised the spellbook toward the storm and shouted the first word of the spell. "Wait—"',
    ),
    (
        "ends with an ellipsis",
        "The wizard opened the spellbook, and the ink began to crawl across the page...",
    ),
    (
        "a teller's rest of the tale, a narrator's rest of the story",
        "Elias found the spellbook under the twelfth stair and read it by candlelight until the wax ran out. "
        '"Who taught you to read?" the old wizard asked him in the morning, and Elias only shrugged. That was how '
        "the kitchen boy came to sleep in the tower, though the rest of the tale is longer still. I was the cook "
        "who hid the book there. The rest of the story isn't mine to tell. I only know how the story ends with him: "
        "he never once read it aloud.",
    ),
    (
        "an instruction told again as a refrain",
        "Read the book, his master used to say, and the book will read you.\n\nSo when the old wizard was gone, Elias "
        "read it: by candlelight in the cold tower, by moonlight on the stair. Read the book. The pages smelled of "
        "smoke and rain. Read the book. The spells rose off the paper like moths and settled on his hands.\n\n"
        "Read the book, the crows said from the sill. Read the book, said the wind in the chimney.\n\nOn the last "
        "page he found his master's handwriting, and under it a line still wet: his own name.",
    ),
    (
        "a story told in one long sentence, in the past",
        "Elias found the spellbook behind the flour sacks on the coldest night of the year; he read one line aloud "
        "and then every broom in the tower stood up and began to sweep, and he stood among them in his nightshirt "
        "with the book against his chest, laughing, until the old wizard, who is ninety now and tells it badly, came "
        "down the stair and laughed too.",
    ),
    (
        "a scene in the past, and a last line in the present",
        "Elias found the spellbook behind the flour sacks on the coldest night of the year. It was warm as bread, "
        "and he kept it under his pillow for a week before he dared to read it. When he did, the words rose off the "
        "page like moths. Then I think of him, sometimes, when the candles lean.",
    ),
    (
        "a story in the present after one sentence of the past",
        "Elias was told the spellbook had burned with the old library. Then he opens the flour bin, finds it warm "
        "under the sacks, and reads the first line aloud, and every candle in the kitchen leans toward him.",
    ),
    (
        "a time skip in single-quoted dialogue after a scene",
        "Elias found the spellbook behind the flour sacks and carried it up to the cold tower room. The candles "
        "leaned toward it. The old wizard looked at it for a long time and then at him and said: 'Read the first "
        "line. Then we eat, and then we see what it wants.'",
    ),
    (
        "a story told in the present from its first line",
        "The tower sleeps. Candles lean toward the flour bin in the dark kitchen, and the mice keep away from it. "
        "Then Elias opens the bin, finds the spellbook warm under the sacks, and reads the first line aloud, and the "
        "whole tower turns over in its sleep.",
    ),
    (
        "a story in the present with its past told in passing",
        "The tower is old, and its kitchen is always cold. Elias was born in it, was raised in it, and had never "
        "left it. Then he opens the flour bin, finds the spellbook warm under the sacks, and reads the first line "
        "aloud.",
    ),
    (
        "a scene in the present in one sentence, its clauses apart",
        "The tower sleeps; in its kitchen a boy kneels by the flour bin with a candle, and the book he finds there is "
        "warm as bread; he reads its first line under his breath, and every flame in the room leans toward him as if "
        "to listen.",
    ),
    (
        "a scene in the present, its sentences chained",
        "Elias kneels by the flour bin with a candle. The spellbook under the sacks is warm; he opens it, and then "
        "the candles lean toward him. He reads the first line; the whole tower holds its breath.",
    ),
    (
        "the reader a person in the story",
        "The young wizard hid the spellbook under the stair, and old Mott, the reader of the house, found it first. "
        "Now every evening the reader finds his place in it with a thumb and reads aloud to the kitchen, slowly, and "
        "the candles lean in to listen.",
    ),
    (
        "a verb the same in both tenses after a time skip",
        "I found the spellbook behind the flour sacks on the coldest night of the year. It was warm as bread, and "
        "the candle leaned toward it when I opened it. Then I put the kettle on, cut the bread, and set two cups on "
        "the table. The old wizard would smell the magic and come down.",
    ),
    (
        "a narrator saying what a page is about, and 'we' and 'the reader' apart",
        "The young wizard found the spellbook under the stair and read it to us by the kitchen fire. We follow "
        "its spells the way we follow a recipe, badly.\n\nOn the last night he tore out a page and gave it to "
        "the reader of the household, old Mott. It is about the moon, more or less, and it gets the Latin wrong.",
    ),
    (
        "a time skip in dialogue after a scene",
        "Elias found the spellbook behind the flour sacks and carried it up to the cold tower room. The candles "
        "leaned toward it. The old wizard looked at it for a long time and then at him and said: \"Read the first "
        "line. Then we eat, and then we see what it wants.\"",
    ),
    (
        "what would be, said in a story",
        "Elias knew the spellbook would end the siege by morning. He carried it up the tower stairs in the dark. "
        "It would follow him, the old wizard had warned; it always did. He set it on the sill and opened it to "
        "the first page, and far below, the enemy fires went out one by one.",
    ),
    (
        "a memory told in 'would', with its narrator",
        "Every winter I would sit by the stove while the old wizard read. He would lick his thumb before each page. "
        "He'd let me hold the candle when the spellbook got to the parts with pictures. We would both pretend not "
        "to hear the pages whisper back.",
    ),
    (
        "a habit that breaks off into what happened once",
        "Each night the young wizard would climb to the tower room. He would light one candle and open the ancient "
        "spellbook at the page with the moth pressed in it. He would read until the candle guttered. On the last "
        "night of the year the moth opened its wings. He shut the book and ran for the stairs.",
    ),
    (
        "a scene told in one breath, thick with detail",
        "The young wizard opens the ancient spellbook at midnight; the candle leans toward the page, the ink stirs "
        "like weed in a stream, and then the letters lift off the vellum, one by one, a comma, a hook, a tiny crown, "
        "and then they circle his head, humming, and settle on his sleeve, warm as bees, and he does not dare to breathe "
        "until the smallest of them climbs into his palm.",
    ),
    (
        "a habit told in 'would' from start to end",
        "Every night after the masters had gone up to bed, the young wizard would carry a candle down to the lowest "
        "archive. He would lift the ancient spellbook from behind the broken shelf, and the brass clasp would open "
        "before he touched it. The pages would be blank at first. Then the ink would rise through the vellum like "
        "fish coming up in a pond, and he would read until the wick drowned in its own wax.",
    ),
    (
        "a last line on what it was about, in the story's voice",
        "The young wizard burned the ancient spellbook on the first night of spring, and the tower smelled of "
        "scorched vellum for a week. Later, when the masters asked him why, he only shrugged and went back to his "
        "sweeping. It was about the cat, in the end. The book had called her by a name she did not like.",
    ),
    (
        "a character introduced, and a story's turns",
        "Old Mott is a cook who has fed the wizards' tower for forty years. Tonight she finds the young wizard "
        "asleep over an ancient spellbook, a candle guttering by his elbow. She takes the book, finally, and "
        "reads the first line aloud, and every pot in the kitchen begins to sing.",
    ),
    (
        "a character introduced in a paragraph of her own",
        "Old Mott is a cook who has fed the wizards' tower for forty years and has never once been thanked for it.\n\n"
        "Tonight she finds the young wizard asleep over an ancient spellbook, a candle guttering by his elbow and "
        "ink on his cheek. She takes the book from under his hand, finally, because someone has to, and she reads "
        "the first line aloud in the voice she uses for the butcher's boy, and every pot in the kitchen begins to "
        "sing, and the young wizard wakes up and listens.",
    ),
    (
        "a character introduced, a turn, and a scene's beats in one long paragraph",
        "Pell is a wizard's apprentice who has so far been trusted with sweeping. He sweeps the tower stairs, all three "
        "hundred of them, and today, behind a loose stone on the two hundred and ninth, his broom catches on a corner "
        "of old leather. The book is older than the tower. Pell reads the first spell aloud. The broom leaps out of his "
        "fingers and sweeps the landing, then the kitchen, then the cat. By evening he realizes the spell has no ending "
        "written down, and he sits on the stair with the ancient spellbook in his lap, listening to the roof being swept.",
    ),
    (
        "a character introduced in apposition, a turn, and a scene's beats",
        "Ysolde Marrick, the most careful thief in the river city, steals the ancient spellbook from the young wizard's "
        "tower and does not open it. Everyone knows what it does to the people who read it. She wraps it in wool and "
        "carries it across the wet roofs to the Duke, who paid half in advance. He opens it before she can warn him. "
        "He reads. His smile goes. Ysolde realizes, too late, what the book has been doing against her ribs all night.",
    ),
    (
        "the only one who can, in a long paragraph",
        "Elias is the only one in the tower who can read the ancient spellbook, and the old wizard knows it. Every "
        "night he sits at the kitchen table with the book open and the candle low, and reads a page aloud while "
        "the old man listens from the doorway with his eyes shut. Tonight the page is blank. Elias turns it, and "
        "turns the next, and finally looks up, and the old wizard is smiling for the first time in a year.",
    ),
    (
        "a character in apposition, told in the past",
        "Elias Thorne, a kitchen boy at the wizards' tower, was sent down to the cellar with a candle and a borrowed "
        "key on the first night of the frost. Behind the flour sacks he found an ancient spellbook, warm as a loaf, and when "
        "he opened it the candle leaned toward the page. He read one word under his breath and felt the whole tower "
        "listen. He finally shut the book, carried it up the stairs, and laid it on the old wizard's pillow.",
    ),
    (
        "a sentence opening on one word, then a clause between commas",
        "The young wizard pushed the tower door with his shoulder until it gave. Inside, the ancient spellbook lay on "
        "a heap of rusted armour, dozens of helmets and gauntlets gone orange with damp, and a candle stub stood "
        "beside it as if someone had only just left. He climbed the heap on his hands and knees, sliding back twice, "
        "and finally reached the book and opened it at the ribbon. The page held one line in his grandmother's hand.",
    ),
    (
        "numbers in prose",
        "In the year 1347 the young wizard found the spellbook under the 12th stair of the old tower. "
        "It had 300 pages.",
    ),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_PENALISED], ids=[c[0] for c in NOT_PENALISED])
def test_good_prose_is_not_penalised(text):
    report = score(text, WIZARD_PROMPT, genre="fantasy")
    assert penalties(report) == {}
    assert report.kept


def test_preamble_before_a_full_story_is_cleaned_off_marked_and_kept():
    report = score("Sure! Here's a short story about a young wizard:\n\n" + GOOD_WIZARD, WIZARD_PROMPT)
    assert report.breakdown["penalty_preamble"] == -0.2
    assert report.score == 9.1
    assert report.kept
    assert report.text == GOOD_WIZARD
    # The same story behind a stricter threshold is rejected, and the reason names the preamble.
    strict = score("Title: The Whispering Book\n\n" + GOOD_WIZARD, WIZARD_PROMPT, threshold=9.2)
    assert strict.reject_reason == "a preamble or title was removed"
    assert strict.text == GOOD_WIZARD


def test_chatter_after_a_story_is_cleaned_off_marked_and_kept():
    raw = GOOD_WIZARD + " I hope you enjoyed this story! Let me know if you'd like any changes."
    report = score(raw, WIZARD_PROMPT, genre="fantasy")
    assert report.text == GOOD_WIZARD
    assert report.breakdown["penalty_postamble"] == -0.2
    assert report.kept


def test_a_plain_story_wrapped_on_both_sides_is_still_kept():
    # A long letter with no descriptive words earns only the sentences bonus (7.5): chatter removed before and
    # after it costs 0.4 together, and the story is kept at the default threshold, cleaned.
    story = (
        "To whichever of you reads this first,\n\nI have served two flags for nine years and lied to both so well "
        "that I no longer know which lies were the cover and which were the job. Tomorrow at noon I am meant to hand "
        "one of you a list of names. Whoever gets it, someone I have eaten bread with opens a door to the wrong men. "
        "So the list is ash by now, and I am on a train to a town neither of you has heard of. Do not bother to look "
        "for me there. I have grown very good at leaving, and I will be gone before either of you finds the station. "
        "The man who taught me this trade said that a double agent ends by betraying both sides or himself. He was "
        "wrong about that, as he was about most things. I have found a third way, and it costs only everything I had."
        "\n\nForgive me, or don't. Burn this letter when you have read it. Just stop looking for me."
    )
    report = score(
        "Of course. I wrote it as an unsent letter from the agent:\n\n" + story
        + "\n\nI wanted the betrayal to run both ways. Let me know if you'd rather he picked one side.",
        "A double agent must choose which side to betray",
        genre="thriller",
    )
    assert report.text == story
    assert report.breakdown["length"] == 0.0 and report.breakdown["descriptive"] == 0.0
    assert report.breakdown["penalty_preamble"] == report.breakdown["penalty_postamble"] == -0.2
    assert report.score == 7.1 and report.kept


def test_a_length_cut_off_is_truncated_even_when_it_ends_a_sentence():
    report = score(GOOD_WIZARD, WIZARD_PROMPT, genre="fantasy", finish_reason="length")
    assert report.breakdown["penalty_truncated"] < 0
    assert not report.kept
    assert report.truncated
    assert report.reject_reason == "cut off by the length limit"


# --- breakdown and threshold -------------------------------------------------------------------------

ALL_TEXTS = [GOOD_WIZARD, GOOD_COLONY, SHORT_COMPLETE, PLAIN, DRAGON_KNIGHT, OFFICE]
ALL_TEXTS += [case[1] for case in PENALTY_CASES]


@pytest.mark.parametrize("text", ALL_TEXTS)
def test_breakdown_always_has_base_and_bonuses_and_sums_to_score(text):
    report = score(text, WIZARD_PROMPT, genre="fantasy")
    assert report.breakdown["base"] == 7.0
    for key in BONUS_KEYS:
        assert key in report.breakdown
    for value in report.breakdown.values():
        assert value == round(value, 2)
    assert report.score == round(min(10.0, max(0.0, sum(report.breakdown.values()))), 2)
    assert 0.0 <= report.score <= 10.0
    assert report.kept == (report.score >= 7.0)


def test_threshold_parameter():
    strict = score(GOOD_WIZARD, WIZARD_PROMPT, genre="fantasy", threshold=9.5)
    assert strict.score == 9.3
    assert not strict.kept
    assert strict.reject_reason == "below threshold"

    cut = GOOD_WIZARD[:300]
    assert not score(cut, WIZARD_PROMPT, genre="fantasy").kept
    lenient = score(cut, WIZARD_PROMPT, genre="fantasy", threshold=5.0)
    assert lenient.kept and lenient.score == 5.3


def test_none_and_odd_inputs_do_not_crash():
    assert score("", "").reject_reason == "empty"
    assert score(None, None).reject_reason == "empty"
    russian = "Молодой волшебник нашёл древнюю книгу заклинаний в башне."
    assert score(russian, WIZARD_PROMPT).reject_reason == "garbled characters"
