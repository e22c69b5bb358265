"""The second round of quality rules (CONTRACT section 5): cleaning, and the failure kinds the heuristics
catch beyond section 4, each with a text that shows it and a good text it must leave alone."""

from __future__ import annotations

import dataclasses
import math
import os
import re

import pytest

from autotrain.quality import clean, form, prose, score, talk
from autotrain.quality.corpus import CORPUS_DIR, HALVES, confusion, load

WIZARD = "A young wizard discovers an ancient spellbook"
DOLL = "A porcelain doll appears in a different room every morning"

STORY = (
    "Oren found the spellbook under a loose board in his master's study, wrapped in oilcloth that smelled of "
    "smoke. The cover was warm. When he opened it, the ink on the first page crawled into new shapes, spelling "
    'his name and then a question. "Who taught you to read?" the letters asked. Oren glanced at the door, '
    "heard his master's slow steps on the stair, and closed the book with trembling hands."
)
DOLL_STORY = (
    "On Monday the doll sat on the kitchen table, its porcelain face turned to the window. On Tuesday it was "
    "in the bath, dry as bone. Maya stopped telling her father. On Wednesday she woke to find it on her "
    "pillow, close enough to breathe on, and its painted mouth, which had always been closed, was open a "
    "little, as if it had been about to say her name."
)


FIRST_PERSON_STORY = (
    STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
    .replace(" he opened", " I opened").replace("spelling his name", "spelling my name")
    .replace("Oren glanced", "I glanced").replace("heard his master's", "heard my master's")
)


def inside(words: str) -> str:
    """STORY with `words` said just before its last sentence, where a model's aside often lands."""
    return STORY.replace(" Oren glanced", f" {words} Oren glanced")


def reasons(report) -> set[str]:
    return {key for key in report.breakdown if key.startswith("penalty_")}


# --- cleaning --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "Sure! Here's a short fantasy story about a young wizard:\n\n" + STORY,
        "Certainly. Below is a passage in the style you asked for.\n\n" + STORY,
        "Title: The Crawling Ink\n\n" + STORY,
        "**The Crawling Ink**\n\n" + STORY,
        "The Crawling Ink\n\n" + STORY,
        "Here is my take on the prompt:\n\n---\n\n" + STORY,
        "Here's an atmospheric passage about the spellbook: " + STORY,
        STORY + "\n\nI hope this captures the wonder you were after! Let me know if you'd like changes.",
        STORY + " Feel free to ask for a darker version.",
        STORY + "\n\n---\nWord count: 92",
        STORY + "\n\nI kept the ending open so that you can continue the story in any direction.",
        "Of course!\n\n" + STORY + "\n\nWould you like me to continue it?",
        STORY + "\n\nThe warm cover represents the pull of forbidden knowledge, while the master's steps "
        "stand for the rules Oren is about to break; the two characters never meet on the page.",
        STORY + "\n\nIn the end, this story is about curiosity and the price of reading what was hidden.",
        STORY + "\n\nThemes: curiosity, obedience.\nSymbols: the warm cover (a living danger).",
        "Apologies for the confusion earlier — here's the corrected version:\n\n" + STORY
        + "\n\nWhat I changed: the master now stays on the stair.",
        STORY + "\n\nHope this one made you smile!",
        STORY + "\n\n— Written by your friendly story assistant",
        # the ninth round: openers and sign-offs with emoji, thanks, an assistant saying what it chose
        "Okay! 😊 Here's a cozy little fantasy with a wizard:\n\n" + STORY,
        "Happy to! Here's a short one:\n\n" + STORY,
        "I'd be happy to write that!\n\n**Title: The Crawling Ink**\n\n" + STORY,
        "What a fun prompt! I went with a quiet take on the spellbook.\n\n" + STORY,
        "Here's a spooky one for you 👻\n\n" + STORY,
        STORY + "\n\n🚀 Hope you enjoy it!",
        STORY + "\n\nThanks for reading!",
        STORY + "\n\nSleep tight! 🌙",
        STORY + "\n\n---\n\nI went for a quiet ending rather than a frightening one. If you'd like a darker "
        "take, just let me know!",
        # the fourteenth round: shapes a fresh batch of wrapped stories showed
        "A short, moody fantasy piece for you:\n\n***\n\n" + STORY,
        "Of course! This one stays close to the apprentice's fear.\n\n" + STORY,
        "Okay, here's a fantasy story about a book that talks back: wonder first, dread after.\n\n" + STORY,
        "You got it. Here's a quiet little tale:\n\n" + STORY,
        "Got it: something eerie, with a slow reveal. Here goes.\n\n" + STORY,
        "Here's a tale told close to Oren. (Content note: mild peril.)\n\n" + STORY,
        "✨ The Crawling Ink ✨\n\n" + STORY,
        "Here's one in the wizard's voice:\n\n—\n\n" + STORY + "\n\n—\n\n[Word count: 92]",
        STORY + "\n\n(Roughly 90 words)",
        STORY + "\n\n~90 words",
        STORY + "\n\nThat's about 90 words. Want me to make it longer?",
        STORY + "\n\n---\n\n**Other titles:**\n- The Warm Cover\n- Who Taught You",
        STORY + "\n\n---\n\nIf you like, I could also:\n\n1. Continue with the master's arrival\n2. Tell it from the "
        "book's side\n\nJust let me know!",
        STORY + "\n\nThe warm cover is meant to feel alive. I tried to keep the danger quiet. Let me know if it should "
        "be scarier!",
        STORY + "\n\nThis was a pleasure to write. I kept the magic small on purpose. 🪄",
        STORY + "\n\nP.S. If you want, I can write the master's side as well! 📖",
        STORY + "\n\nWhat did you think? I can make the ending darker if you like.",
        STORY + "\n\nThat's the tale! Just say the word if you'd like a part two.",
        STORY + "\n\nWant me to write the next chapter, when the master reaches the door?",
        STORY + "\n\nI wanted the book's question to sound almost kind. Hope it works for you!",
        # the register measure: wrappers in words no rule lists, told by what they speak of and to whom
        "Quiet and slow, this one. No spells thrown.\n\n" + STORY,
        "Short and eerie, coming up:\n\n" + STORY,
        "Content warning: a little peril.\n\n" + STORY,
        "Dialogue-light piece below.\n\n" + STORY,
        "Since you asked for something eerie, I kept the magic quiet and strange.\n\n" + STORY,
        STORY + "\n\nKept it gentle rather than grim: to me the book is curious, not cruel.",
        STORY + "\n\nI'd be glad to write the master's side too, should you want a companion piece.",
        "**Genre:** Fantasy\n**POV:** Close third, past tense\n\n---\n\n" + STORY,
        "Fantasy. Quiet.\n\n" + STORY,
        "💫 Wizards + old books = ✨ Here you go!\n\n" + STORY,
        "A few title ideas: *The Warm Cover*, *Who Taught You*. I went with neither.\n\n" + STORY,
        STORY + "\n\n---\n\nPossible title: *The Crawling Ink*",
        STORY + "\n\nShould I keep going with what the master does next? I have a few thoughts on it.",
        # the fifteenth round: a fifth fresh batch
        STORY + "\n\n---\n\n**The End**\n\nLet me know if Oren should meet the book's author next!",
        STORY + "\n\n**Word count:** ~90 words",
        STORY + "\n\n🙂 Hope that made you grin! Want another one like it?",
        STORY + "\n\nWhich would you pick for Oren: burn it, or keep reading? I'd be glad to write either path.",
        STORY + "\n\nA few notes on my choices:\n\n- **The warm cover:** the book is alive.\n- **The stair:** the "
        "clock runs out.\n\nJust say which part to expand!",
        "Below is a quiet fantasy story. Instead of fireworks, I've tried to keep the wonder small and the fear "
        "close.\n\n" + STORY,
        "A slow-burn spellbook tale, with a sting at the end:\n\n" + STORY,
        "**Title:** *The Crawling Ink*\n\nKeeping this one short and strange, as you wanted.\n\n" + STORY,
        "Sure! I built this one around Oren's fear of being caught. Here it is:\n\n" + STORY,
        "Please find below a brief fantasy story about an apprentice and a book.\n\n" + STORY,
        STORY + "\n\n⏱️ Reading time: half a minute.",
        STORY + "\n\nIt runs to about 420 characters, so it fits a small card if you need one.",
        STORY + "\n\nI told it in the past tense to keep a little distance. The warm cover and the crawling ink are "
        "there to make the book feel awake.",
        STORY + "\n\nSome notes on the choices:\n\nThe master never appears; only his steps do.\n\nThe question the "
        "book asks is the one Oren cannot answer. If you'd like, I could have the book answer it instead.",
        STORY + "\n\n*Fin.*",
        "📖 **The Crawling Ink**\n\n" + STORY,
        "Old books keep their own counsel. Here's a short, eerie story about one.\n\n" + STORY,
        STORY + "\n\nOren's story was never really about the book. It is about the reader he is becoming, and I "
        "stopped on the stair so that you can guess the rest.",
        "Fantasy | Quiet\n\n[Story begins]\n\n" + STORY + "\n\n[Story ends]",
        "Off we go! 🪄📖\n\n" + STORY,
        "I'll tell this as a close third-person piece, staying at Oren's shoulder.\n\n" + STORY,
        STORY + "\n\n---\n\n**What to notice:**\n\n* **The cover:** warm, like skin.\n* **The question:** the book "
        "reads him back.",
        STORY + "\n\nAlt titles: *The Warm Cover*, *Who Taught You*. Longer, or stranger?",
        STORY + "\n\n---\n\nIn this story, an apprentice finds a book that reads him, and the tension rests on the "
        "master's steps.",
        STORY + "\n\n(Word count: 92)\n\nWant a darker version where the book wins?",
        "A quiet, uneasy piece, told close on the apprentice.\n\n" + STORY,
        "A short, eerie one, told from the book's side:\n\n" + STORY,
        "One apprentice, one book, one question: here's a short one.\n\n" + STORY,
        STORY + "\n\nI kept it brief so the whole weight lands on the last line.",
        "A quiet one, mostly dust and lamplight.\n\n" + STORY,
        "Set in a cold tower in early spring, told from the apprentice's side.\n\n" + STORY,
        STORY + "\n\nOren keeps the book, in the end, and that is really all the story is about. I let the master's "
        "steps carry the fear rather than adding a spell.",
        STORY + "\n\nDoes Oren answer it? I left that question open for a reason. Say the word and I'll write the reply.",
        "“The Crawling Ink”\n\n" + STORY,
        "Told slowly, as the ink wakes one letter at a time.\n\n" + STORY,
        STORY + "\n\nThe End\n\n🪄 Hope you enjoyed this little spell of a story!",
        STORY + "\n\nThank you for using our story service! For a different ending, please let us know.",
        # the eighteenth round: an opener that admires the prompt or assents and says what it chose, a sign-off
        # that hopes without "I", a labelled note on the craft, an offer of a part two
        "What a wonderfully odd prompt. I told this one in small, careful steps:\n\n" + STORY,
        "Absolutely. I focused on Oren's dread of being caught more than on the magic:\n\n" + STORY,
        "Here's a quiet little mystery for you!\n\n" + STORY,
        STORY + "\n\nHope the slow, uneasy tone lands the way you wanted.",
        STORY + "\n\nA note on the structure: the steps on the stair do the work a villain would. I can extend it "
        "if you want the master to appear.",
        STORY + "\n\nCraft note: I ended on the question so the book keeps the last word.",
        STORY + "\n\nWant a part two where Oren answers the book?",
        STORY + " Happy to turn it into a longer piece if you want more!",
        # a verdict on the telling, with no offer; notes taken off one by one, then the line that introduced them
        STORY + "\n\nOren never learns who wrote the book, and I think that's what keeps it unsettling.",
        STORY + "\n\nThe master stays offstage on purpose. Leaving the question unanswered felt truer than any reveal.",
        STORY + "\n\nA few notes on the choices I made:\n\nThe steps on the stair are there to carry the dread.\n\n"
        "The ending is deliberately left open, which is the point.",
        # notes set off by a rule under a heading or a bold label; the explanation before an offer; an opening
        # that says how the story was made; a formal offer and a sign-off of pictographs after the last sentence
        STORY + "\n\n---\n\n### A few notes\n\n- **Voice:** plain and a little dry.\n- **Ending:** the question "
        "is left with the reader.",
        STORY + "\n\n---\n\n**Why it works:** the steps on the stair carry the fear.\n\n*Want more of Oren? Just say "
        "the word.*",
        STORY + "\n\nThe question the book asks is the emotional core: it turns the lesson back on Oren. I kept the "
        "master offstage so the stair does the work.\n\nWant a version where the book answers for itself?",
        "I told this one in close third person, so the reader stays at Oren's shoulder. The sentences shorten as the "
        "steps come nearer.\n\n" + STORY,
        "The following story is presented as a single scene in the study.\n\n" + STORY,
        STORY + " I would be pleased to develop this further should you wish.",
        STORY + " Hope this made you smile! 🪄📖",
        STORY + " I hope the close third person works for you — want me to try it in first person too?",
        STORY + " I kept it short to let the question breathe, but I can expand it into a longer piece if you'd like.",
        STORY + "\n\n*End.*",
        STORY + "\n\n---\n\n*Note:* I ended on the question rather than showing what the book does next. Let me know "
        "if you'd prefer a more explicit ending.",
        STORY + "\n\nI ended with Oren closing the book rather than answering it. If you'd prefer, I can write an "
        "ending in which he answers.",
        STORY + "\n\nI kept the exposition light and let the steps on the stair do the work.\n\nWould you like a "
        "sequel from the master's side?",
        # the nineteenth round: casual assistants, rules of other ornaments, an opening that praises the prompt
        "ooh ok, wizard time. here we go\n\n" + STORY,
        STORY + "\n\nngl I kinda love the master in this. could do a part 2 if ur up for it",
        STORY + "\n\nhaha did the ending land?? lmk",
        STORY + "\n\nidk if that's too subtle? can def make it darker if u want",
        STORY + "\n\n· · ·\n\nThanks for the fun prompt!",
        STORY + "\n\n- - -\n\nIf you'd like, I can write what he finds when the master comes in.",
        STORY + "\n\n───────────\n\nWould you like me to continue it?",
        "What a fun premise! I leaned into the wonder here, with a little dread underneath. Here it is:\n\n---\n\n"
        + STORY + "\n\nI kept the master offstage on purpose. Let me know if you'd like him to come in!",
        STORY + "\n\nwait actually it's less dark than i said?? it's kind of hopeful by the end. idk. lmk what u think",
        STORY + "\n\nthe master is the real villain here tbh",
        STORY + "\n\nI hope the ending lands gently.",
        STORY + "\n\nEdit: I just realised I forgot to give it a title. Maybe \"The Crawling Ink\"? Sorry about that!",
        STORY + "\n\n— Happy reading!",
        STORY + "\n\n— — —\n\nA short note on the approach: I kept the master offstage, so the steps carry the dread.\n\n"
        "I also wanted the book to ask questions of him. If you'd like more, just say the word.",
        STORY + "\n\nA few possible titles, if you want one:\n1. The Crawling Ink\n2. Who Taught You\n3. The Warm Cover\n\n"
        "I'd lean toward the second. It asks the question the book does.",
        STORY + "\n\nIf you'd like to continue this, here are a few directions a sequel could take:\n\n1. **The master "
        "returns**, told from the stair.\n\n2. **The book's side**, narrated by the ink.\n\nJust tell me which number "
        "appeals!",
        "Here's a fantasy story that leans hard into the senses. I tried to make the study itself feel alive through "
        "smell and warmth rather than spells, and I kept Oren very practical.\n\n" + STORY,
        # where the story could go next, listed; notes on the themes under a bold label
        STORY + "\n\nWhere this could go next:\n1. Oren answers the book.\n2. The master finds it.\n3. We learn who "
        "wrote it.",
        STORY + "\n\n**On the themes:** at heart this is about the fear of being found out, and the book is only "
        "the mirror Oren holds up to it.",
        # a casual opener with no stop, a line that names the text and what it holds, a comment under a rule
        "ok here's one — went pretty spooky with it\n\n" + STORY,
        "A short fantasy story about an apprentice, a warm book and a question he cannot answer.\n\n" + STORY,
        STORY + "\n\n---\n\nThe real lesson here is the question, not the spell. I wanted Oren's silence to feel "
        "like the answer.",
        # a roleplaying assistant's stage direction and what follows it; sign-offs an assistant signs
        STORY + "\n\n*leans back as the fire pops*\n\nAnother, perhaps? I know one about a bear.",
        STORY + "\n\n*tips hat*",
        STORY + "\n\n*He leans back, and the fire pops.* Another, traveler? The night is long.",
        "Ah, you want the one about the spellbook. Very well. Listen close.\n\n" + STORY,
        # a letter to the user, a casual "haha ok", other end marks, a narrator's bow, signatures, another title
        "Dear reader,\n\nThank you for this thoughtful prompt. I have written the story below with a focus on Oren's "
        "fear.\n\n" + STORY,
        "Hello,\n\nPlease find your requested story below.\n\n" + STORY,
        "haha ok here's a spooky little one for u\n\n" + STORY,
        STORY + "\n\n— end —",
        STORY + "\n\n~ fin ~\n\n(Your humble narrator bows and retreats to the kitchen.)",
        STORY + "\n\nShould you wish for revisions, I would be glad to oblige.\n\nWith warm regards,\nYour writing "
        "assistant",
        STORY + "\n\nThank you for using Quillby. If you would like further revisions, simply reply.\n\nBest,\nQuillby "
        "Story Assistant",
        "Title: The Crawling Ink\n\n(alt: \"The Warm Cover\")\n\n" + STORY,
        "Dear writer,\n\nThank you for your prompt. I am pleased to offer the following short story.\n\n" + STORY,
        "Dear user,\n\nWhat a charming brief. I have written the story in close third person.\n\n" + STORY,
        "Sure thing! Here's a cosy, lightly spooky whodunit.\n\n" + STORY,
        "Ah, the one about the spellbook. Pull up a log.\n\n" + STORY,
        STORY + "\n\nWant it longer, or with a bit more about the master?",
        STORY + "\n\nthat's it! could do a version where the master finds it too if u want",
        STORY + "\n\nShould you require any revisions to length or tone, please do not hesitate to ask.",
        STORY + "\n\n*the fire settles, and the storyteller leans back*",
        "What a haunting prompt. I focused on what Oren chooses to hide, and what it costs him.\n\n" + STORY,
        "*settles in at the keyboard* Alright, let's do this one from the study.\n\n" + STORY,
        "Certainly. The following story focuses on Oren's fear as he hides the book.\n\n" + STORY,
        "okay so i went with oren's side for this, lots of creaking stairs\n\n" + STORY,
        STORY + "\n\nDid you want the master to have a name, or should I keep him a shadow like this?",
        STORY + "\n\nThanks for the fun prompt!\n\n— Quill, your story assistant",
        STORY + "\n\nI made him an apprentice so his fear of being caught could carry the scene.",
        # (the fortieth round) where the maker ended it, and why
        STORY + "\n\nI ended on the stair because the steps say more about the master than a face would.",
        STORY + "\n\nthat one came out quieter than i expected but i kind of like it that way.",
        "A short dark fantasy about an apprentice, a book and a question.\n\n***\n\n" + STORY,
        STORY + "\n\nShould you require any amendments, please do not hesitate to ask.\n\nRespectfully,\nThe Assistant",
        STORY + "\n\noren is my new favourite character honestly. want more of him?",
        "Certainly. The following story aims for a slow, uneasy build.\n\n* * *\n\n" + STORY,
        "ooh spooky one. went third person for this, felt right:\n\n" + STORY,
        "Dear user,\n\nAs requested, here is a short fantasy centred on Oren's fear.\n\n" + STORY + "\n\nShould you wish "
        "me to revise the ending, please let me know.\n\nSincerely,\nAria, AI Writing Assistant",
        STORY + "\n\nI would be delighted to adjust the tone should you wish.\n\nWarm regards,\nQuill\nYour Creative "
        "Writing Assistant",
        STORY + "\n\nThank you for the prompt. Should you wish, I can write more of Oren.\n\nKind regards,\nAria",
        STORY + "\n\nAll the best with your project,\n— Ada",
        STORY + "\n\nHappy writing,\nMara, your storytelling assistant",
        STORY + "\n\nIf something sounds strange in the English, please tell me and I will fix it. Thank you!",
        STORY + "\n\nWant part two?",
        # the twenty-first round: a formal opener saying what the story stresses and a formal offer after a note on
        # the ending, a casual verdict with an offer, a name signed beside a pictograph, a verdict before the offer
        "Certainly. The following story emphasises the hush of the study.\n\n" + STORY + "\n\nI have left the "
        "ending open deliberately. Should you prefer a firmer conclusion, I would be pleased to provide one.",
        STORY + "\n\nmight be a little too dark but i think it works? can tone it down if needed",
        STORY + "\n\nHope you enjoyed the twist! Feel free to ask for edits.\n\nCheers,\nTaleBot 🤖",
        STORY + "\n\nPhew! That one was fun. Want a version where Oren burns the book?",
        # ...a maker's note on the telling and why, lists of notes with no line to introduce them, notes under a tilde,
        # an opener "coming right up" before a title, a note on what is left open after a rule, where the writer would
        # stop with an offer, a title with "St." in it
        STORY + "\n\nI let the master stay offstage to keep the dread on the stairs.",
        STORY + "\n\n- **Twist:** the book wrote itself.\n- **Tone:** quiet, cold.",
        STORY + "\n\n• Tone: hushed, closer to a ghost story.\n• Ending: Oren keeps the secret.\n\nHappy to tweak!",
        STORY + "\n\n~\n\nLeft it open on purpose. Happy to write a firmer ending if you'd prefer.",
        "Sure thing! Fantasy with a shiver, coming right up.\n\n**Oren and the Question**\n\n" + STORY,
        STORY + "\n\n---\n\nThat final question is deliberately open, maybe the master, maybe the book. Let me know if "
        "you'd like me to answer it.",
        STORY + "\n\n...and that's where I'd stop, with the steps on the stair. Shall I carry on with what the master "
        "finds?",
        "The Book of St. Oren\n\n" + STORY,
        # (the twenty-fifth round: a title with a comma in it, an opener naming the text and what it is heavy on)
        "The Ink Did Not Sleep, and Neither Did He\n\n" + STORY,
        "A Question, Late\n\n" + STORY,
        "Sure — a little wintry fantasy, heavy on candle smoke and creaking stairs.\n\n" + STORY,
        # ...a casual "here u go" on what it went heavy on, a setup named, a maker's note before "Should I write...?",
        # a plan as a label, a list alone under a rule
        "ok here u go, went heavy on the creepy stuff like u asked\n\n" + STORY,
        "Sure thing! Here's a classic haunted-library setup with plenty of dread.\n\n" + STORY,
        STORY + "\n\nI ended on the closed book to leave the question hanging. Should I write what happens next?",
        "Plan: a hidden book, a question, a master on the stairs.\n\n" + STORY,
        STORY + "\n\n---\n\n• Dread built through the steps on the stair.\n• Ends on a question instead of an answer."
        "\n\nWant the next chapter?",
        # ...an offer after "unless", a title and a line naming the text under a dash
        STORY + "\n\nI'll leave Oren there, with the book shut — unless you'd like a second scene where he opens it "
        "again?",
        "The Question in the Study\n—\nA hushed fantasy, told in the third person.\n\n" + STORY,
        # ...a persona's greeting in another language, and its thanks
        "Bonjour! 🥐 Your fantasy storyteller here. Let's go up to the study, shall we?\n\n" + STORY
        + "\n\nMerci for reading! Au revoir!",
        # ...a question on the mood before an offer to lean harder, a bold note on the twist, "Should I take it
        # further?", "Hope that got your pulse going!", a story "coming right up", a note labelled "Focus:", a bard's
        # stage direction alone before his "Ah, you want..."
        STORY + "\n\nIs this the kind of atmosphere you were after? I can lean harder into the dread or keep it quiet, "
        "whichever suits.",
        STORY + "\n\n**Why this twist:** the book asks because it wants a reader, which turns the whole study around.",
        STORY + "\n\nShould I take it further? Maybe a second part where Oren answers?",
        STORY + "\n\nHope that got your pulse going! I can dial up the dread or keep it quiet, just say.",
        "A hushed fantasy coming right up.\n\n" + STORY,
        STORY + "\n\n• Focus: Oren's fear of his master\n• Ending: left open on the question",
        "*The old bard settles onto the tavern stool, tunes a string, and lowers his voice.*\n\nAh, you want the tale of "
        "the spellbook. Listen close, then.\n\n" + STORY,
        # the twenty-second round: a maker's note with no "I" before a sign-off, "That's my take:" before an offer, a minstrel's call after his stage direction, "..., coming right up." with what the story
        # is like after it, a closing "Want to hear...?", "Understood." and the story named, the ending named after a
        # colon before an offer
        STORY + "\n\nWent for quiet wonder: the fear is all in the footsteps. Cheers! 🌙",
        STORY + "\n\nThat's my take: a small discovery built around one very old question. 📖 Want a version with more "
        "magic?",
        "*tunes a cracked fiddle*\n\nGather 'round, gather 'round! A tale of ink and oak, with a question in its "
        "pages!\n\n" + STORY,
        "Quiet fantasy, coming right up. Little said aloud; it's mostly the study and the stair.\n\n" + STORY,
        STORY + "\n\nAnd so ends the tale of Oren's first book, at least for now. Want to hear what it asks him next?",
        "Understood. A fantasy in which an apprentice finds a book that questions him back. The dread comes from the "
        "footsteps on the stair, kept deliberately brief.\n\n" + STORY,
        "Absolutely! Here's a quiet one.\n\n" + STORY + "\n\n*And that's where I'd leave it: on the shut book. If you "
        "want, I can write what the book asks next.*",
        # ...an "I'll take this one..." opening in a story whose closing chatter says "I" and "you", a hope for what
        # the user was after at the end of the last paragraph, notes introduced as "things I aimed for" (one of them
        # on a character's "need to finish"), a second opening paragraph that announces the story or opens on a
        # note's label, "Hope the ending surprised you!", a storyteller's leave with parting words, "here goes" on
        # the story's line
        "I'll take this one slowly and lean into the study itself: the dust, the quiet, a room that remembers. Here it "
        "is:\n\n" + STORY + "\n\nI hope this captures the hush you were after. If you'd like, I can write the next "
        "scene from the master's side.",
        STORY + " I hope the smoke and the crawling ink give it the eeriness you were after!",
        STORY + "\n\nA few things I aimed for:\n\n- **Inner conflict:** Oren's fear against his need to finish the "
        "page.\n- **An open ending:** the book stays shut.\n\nLet me know if you'd like the master's side.",
        "What a lovely prompt! Old books are such a gift for quiet magic. I wanted to go slow here and let the room do the "
        "work.\n\nI've kept it gentle rather than going for a big spell at the end. Here it is:\n\n" + STORY,
        "Happy to! This one is a quiet fantasy with the master kept offstage.\n\nA quick note: I left the master "
        "unnamed on purpose.\n\n" + STORY,
        "Here's a quiet fantasy! 📖\n\n" + STORY + "\n\nHope the ending surprised you! I liked the idea that the "
        "book reads its reader.",
        STORY + " And that's where I'll leave you. Sleep well! 🌙",
        "Okay, here goes, a quiet one. " + STORY,
        # ...an assent going on into a plan of its own, two opening paragraphs before a bare "Here it is:" or before
        # the title, a bracketed twist in italics after the last line, a storyteller leaving the hero at the end
        "Okay! Let's build some slow, creeping dread in the old study.\n\n" + STORY,
        "What a great premise! Spellbook stories are usually played grand and solemn, so I thought it would be fun to "
        "lean into the quiet you asked for: a boy, a book and a closed door.\n\nI've set it somewhere deliberately "
        "ordinary, because I think that's where magic would really turn up.\n\nHere it is:\n\n" + STORY,
        "I took the prompt in a quieter direction. Rather than a big spell, the whole story lives in one evening in the "
        "study, and the tone is meant to feel hushed.\n\nI've left the book's question unanswered, on purpose.\n\n"
        "**The Question**\n\n" + STORY,
        STORY + " *(The twist: the question was the master's own, asked years ago.)*",
        STORY + " And that's where I'll leave our young apprentice: at the door, listening.",
        # ...from the round's first final check: a mode switched on, "I'll write this as...", "going for ..." on the
        # story's line, "Let me set the scene", a pirate persona and its signature, a closing note naming the text in
        # italics, "I stopped it there on purpose", "this one is best read slowly", thanks for the request and "Below
        # is a...", "Okay, here we go.", "I took this in a quieter direction."
        "Spooky mode: ON. 👻\n\n" + STORY,
        "I'll write this as a hushed, uneasy piece rather than a spell-battle. The idea: the book wants a reader more "
        "than a master.\n\nHere it is:\n\n" + STORY,
        "Okay, going for slow unease and a dusty hush on this one. " + STORY,
        "Let me set the scene before we begin. Picture a cold study, a loose board and a boy who should be asleep.\n\n"
        + STORY,
        "Arr, ye asked fer a wizard yarn, and a wizard yarn ye shall have! (I'll drop the accent for the story itself, "
        "promise.)\n\n" + STORY + "\n\nArr... er, I mean, let me know if you want another! 🏴‍☠️\n\n— Your friendly "
        "neighbourhood storyteller",
        STORY + "\n\n---\n\n*A quiet fantasy, more hush than spell. I thought that suited the brief, but I can add "
        "danger if you'd like.*",
        STORY + " (I stopped it there on purpose. Want the talk with the master as a follow-up?)",
        "Settle in. The candles are low, the house is asleep, and this one is best read slowly.\n\n" + STORY,
        "Thank you for the request. Below is a hushed fantasy with a faint ghost-story feel. " + STORY + " I hope this "
        "strikes the balance you wanted between wonder and dread.",
        "Picture it: a cold tower, a loose board, a boy who should be asleep. Okay, here we go.\n\n" + STORY,
        "I took this in a quieter, more inward direction.\n\n" + STORY,
        # ...from the round's second final check: a choice that lets a part "do most of the work", a note on how the
        # dread was built before a sign-off, a hope that the build "worked for you", short lines named before an offer
        STORY + "\n\nI let the book's question do most of the work, so what we learn about the master comes through what "
        "he doesn't say. Would you like me to expand it?",
        STORY + "\n\n---\n\nI built the unease through small things, with the ink a little bolder each line. Sleep well! 👀",
        STORY + "\n\nI hope the slow reveal worked for you! Let me know if you'd like a darker ending instead.",
        STORY + "\n\nShort, clipped lines to keep the dread tight. Let me know if you want more!",
        # (and an opener that goes on, on its line, about the making: all of it is taken)
        "Here's my attempt. The narrator keeps close to Oren, as a quiet observer, which sets up the turn at the end. "
        "It's told in the past tense to keep it feeling like a memory.\n\n" + STORY,
        # the twenty-sixth round: an apology for the making, "The following is...", a line of tags and the prompt in
        # quotes, titles with a subtitle after a colon, in capitals or with a name in italics inside the bold
        "Apologies in advance — I may have leaned further into the comedy than fantasy usually allows. I hope that's "
        "all right!\n\n" + STORY,
        "Certainly. The following is a fantasy story with a haunting tone.\n\n" + STORY,
        'FANTASY | HAUNTING\n"A young wizard discovers an ancient spellbook"\n\n' + STORY,
        "THE CRAWLING INK: A Night in the Study\n\n" + STORY,
        "**Ink: From the Notebooks of *Oren Vell***\n\n" + STORY,
    ],
)
def test_wrapped_answers_are_cleaned_to_the_story_and_marked(raw):
    report = score(raw, WIZARD, genre="fantasy")
    assert report.text == STORY
    assert {"penalty_preamble", "penalty_postamble"} & reasons(report)
    assert report.kept, report


@pytest.mark.parametrize(
    "story, remark",
    [
        (STORY, "\n\nI gave Oren a plain, careful voice so the humour comes from how calmly he treats the book."),
        (STORY, "\nI held back the master until the last line so the reader hears his steps before Oren does."),
        (FIRST_PERSON_STORY, "\nI had the apprentice close the book rather than answer it, so his fear feels earned."),
        (FIRST_PERSON_STORY, "\n\nThe narrator keeps the book and loses the master's trust, which is a quiet but honest place "
                             "to stop."),
        (STORY, "\n\nI liked the idea that the book was never asking Oren a question at all, only testing the master."),
        (STORY, "\n\nEnding on the closed book turns the mystery into an invitation rather than a threat."),
        (STORY, "\nThe horror lands on the master's steps rather than on the book's question."),
        # (the forty-second round) the parts and readings of w98's closing remarks, said of this story
        (STORY, "\n\nEnding on the master's steps lets the question hang without anyone having to answer it."),
        (STORY, "\n(The turn relies on the reader hearing the stair before Oren does.)"),
        (STORY, "\n\nMost of the menace sits in the first paragraph, so the question can be asked plainly."),
        (STORY, "\n\nI held back any description of the master, so he is only a sound on the stair."),
        (STORY, "\nShort sentences carry the fright, so closing the book is quick and quiet."),
        (STORY, "\n\nThe quiet banter with the book sets up a rhythm, so the master's steps land harder for breaking it."),
        (STORY, "\n\nThe master is only revealed in the last line, so the reader rereads the book's question as his."),
        # ...and of w99's
        (STORY, "\n\nThe book's plain questions frighten more than any threat, so the dialogue carries the dread, not "
                "the narration."),
        (STORY, "\n\nShort, clipped sentences near the end carry Oren's fear."),
        (STORY, "\n\nBreathless lines near the end speed up the pace to match Oren's heart."),
        (STORY, "\nI wanted his silence to do the emotional work, so the master never hears an answer."),
        # (the forty-third round) a choice explained without naming a part of the text (w101's)
        (STORY, "\nThe master's face stays unnamed and unseen, so he is only a sound on the stair."),
        (STORY, "\n\nWhat the book wants is never explained; its one question is enough to frighten him."),
    ],
)
def test_the_makers_remark_on_the_made_story_is_cleaned_off_after_it_or_on_the_line_under_it(story, remark):
    """(the forty-first round) No offer, no question: a paragraph or a line that explains the story as a made thing."""
    report = score(story + remark, WIZARD, genre="fantasy")
    assert report.text == story
    assert "penalty_postamble" in reasons(report)
    assert report.kept, report


@pytest.mark.parametrize(
    "story, last",
    [
        (STORY, "\n\nHis master never explained the book, and Oren never asked."),
        (STORY, "\n\nWhat the book wanted was never explained to him, and in the morning he did not ask."),
        (FIRST_PERSON_STORY, "\nI kept the book because no one else wanted it, and I keep it still."),
    ],
)
def test_a_storys_own_last_line_that_explains_is_the_storys(story, last):
    """(the forty-third round) The words of a maker's explanation ("never explained", "I kept... because") in the
    story's own voice: the asides measure leans to the story's side."""
    report = score(story + last, WIZARD, genre="fantasy")
    assert report.text == story + last
    assert report.kept, report


def test_a_plain_story_is_left_as_it_is():
    cleaned = clean.clean(STORY)
    assert (cleaned.text, cleaned.preamble, cleaned.postamble) == (STORY, "", "")
    short_opening = "Midnight.\n\n" + STORY
    assert clean.clean(short_opening).text == short_opening


@pytest.mark.parametrize(
    "text",
    [
        # a character's line that sounds like the assistant
        STORY[:-1] + '. His master smiled at him from the door. "Take your time. Let me know if you need anything."',
        # a note in the story, signed
        STORY + "\n\n*Keep it safe, and do not let it read you.*\n\n*—M.*",
        STORY + "\n\nI will always be proud of you.\n\nLove,\nMother",
        STORY + "\n\nI trust the Council will forgive the smoke, the frogs in the cistern and the small matter of the "
        "east staircase, which I maintain was already leaning.\n\nRespectfully,\nMagister Oren\nThird Floor (east)",
        STORY + "\n\n*Keep the lamp lit until I come back.*\n\n*O. Vell, Keeper*",
        # (the forty-first round) a teller's close that keeps something ("keep" is not a reading of the made story)
        STORY + "\n\nAnd that, in the end, is how Oren came to keep the book hidden, though the rest of the tale is longer "
        "still.",
        # (the forty-first round) a voice in italics of its own
        STORY + "\n\n*we have waited so long for a reader*\n\nOren put the book back under the board.",
        # (the forty-first round) a closing and its signer on one line
        STORY + "\n\nWe remember every one of you.\nYours, from under the floorboards",
        STORY + "\n\nI will be at the bridge at six.\n\nYours, if you want me,\nOren",
        # (a long valediction, then the name lines after a blank line)
        STORY + "\n\nDo not open it after dark.\n\nWith all my love, and more apology than this page will hold,\n\n"
        "Your master,\nAldous Vérany",
        # a letter signed with a bare name, a role or a place, or after a dash on its last line
        STORY + "\n\nI will be at the bridge at six.\n\nOren",
        STORY + "\n\nDo not come to the tower to thank me.\n\nA friend at Greyhallow",
        STORY + "\n\nBurn this when you have read it.\n\nDr. Ilse Marten",
        STORY + "\n\nThe stream is past the two leaning pines.\n— Oren Vale, aged eleven, of the east tower",
        STORY + " Bar the door behind me. — Oren",
        # a first-person narrator telling someone
        "You asked me to set down what happened that night, so here it is, as plainly as I can.\n\n"
        + STORY.replace("Oren found", "I found").replace("his master's study", "my master's study"),
        # a storyteller's frame that names the tale
        "The tale my grandmother told went like this:\n\n" + STORY,
        "This story is true.\n\n" + STORY,
        # edges that name a writing, a tone or a place below, in a story's own sentences
        "Before the lesson, Oren wrote everything down.\n\n" + STORY,
        "The bell rang at dusk. Then the dial tone of the old house, humming.\n\n" + STORY,
        STORY + "\n\nFrom below, patient as ever, the footsteps resumed.",
        STORY + "\n\nIt was a list of spells. His own name was at the bottom, as you would write a name you meant "
        "to keep.",
        # the fifteenth round: a narrator's frame, a line ending on a colon, a letter's hope and closing
        "Let me tell you about the book, since you keep asking.\n\n" + STORY,
        "This is my third apprenticeship, and the first master who locks his study.\n\n" + STORY,
        "The note under the door says only this:\n\n" + STORY,
        "A knock, a pause, and then the voice Oren has feared since spring:\n\n" + STORY,
        "I have told this part so often that it comes out smooth: the board was loose.\n\n"
        + STORY.replace("Oren found", "I found").replace("his master's study", "my master's study"),
        STORY + "\n\nI will keep the book until you come home.\n\nYour loving brother,\nOren",
        # (the twenty-eighth round: a name with a title and an initial under the closing)
        STORY + "\n\nI should be grateful for the keys.\n\nYours sincerely,\nMrs. J. Hollis",
        # (the twenty-ninth round: a closing with a word of its own after a comma)
        STORY + "\n\nI will keep the book until you come home.\n\nYour brother, still,\nOren",
        STORY + "\n\nWe argue over the translation still. Every one of us, I think, wants the book to mean us.",
        "To whoever finds this after I have gone:\n\n" + STORY,
        "I'm writing this on the back of a spell scroll, in case it matters later.\n\n" + STORY,
        "A warm cover, a crawling ink, a question.\n\n" + STORY,
        # (the twenty-ninth round's asides measure weighed this narrator's frame as the writer's; the thirty-first round's,
        # relearned with its wave, does not: the note from a helper below is still a known loss, QUALITY.md)
        "Let me tell you about the book, since I'm the last one living who saw it.\n\n" + STORY,
        "At dusk the old radio set in the study stops humming and starts whispering.\n\n" + STORY,
        "Here is the thing nobody tells apprentices about old books: they listen.\n\n" + STORY,
        STORY + '\n\n"Let me know what you decide," said the book.\n\n"Let me know what you decide."',
        STORY + "\n\nIf you are reading this, you found it too. Burn it, and the ash will be glad to oblige.",
        STORY + "\n\nYears later he told the story deliberately, to frighten apprentices, and it worked on every one.",
        STORY + "\n\nIn the only letter he ever sent home, he wrote: I tried, for a long time, to be the apprentice "
        "you wanted. I have stopped trying.",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + " I kept the oilcloth, and if you want it, I can send it to you.",
        "This is my report, as the master asked, and it is short because the book gave me no time for a long one.\n\n"
        + STORY,
        "The first spell I gave away was my mother's voice.\n\n"
        + STORY.replace("Oren found", "I found").replace("his master's study", "my master's study"),
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + "\n\nAnyway. That's the story. You came about the lamp?",
        # the nineteenth round: a note in italics and a date opening the story, and last lines without a full stop
        # that are words the story quotes (a message, a sign, a signed note, a child's note in lowercase)
        "*We know what you read in the study. So does the book.*\n\n" + STORY,
        "14 June 1874\n\n" + STORY,
        # (the twenty-fifth round: lines with a comma that a title with one would be taken for, a dateline, a byline,
        # an address)
        "Greyhallow, 1874\n\n" + STORY,
        "By Ida Vell, Tower Correspondent\n\n" + STORY,
        "To the Council of the East Tower, Office of Books\n\n" + STORY,
        "Here we go again, Oren thought as the bell rang.\n\n" + STORY,
        STORY + " Then the ink wrote one more line: i can see you reading",
        STORY + "\n\nOn the cover, in letters still sharp:\n\nPROPERTY OF THE EAST TOWER — DO NOT OPEN",
        STORY + " The note under the door said: Meet me at the bridge at six. Do not bring the book. Ilse",
        STORY + "\n\ni found it first. it is mine now. do not look for it",
        STORY + "\n\nHis friend's message came at midnight.\n\nlol ok. see u at the tower",
        STORY + " In the margin he wrote a single correction: *Not read. Listen.*",
        STORY + "\n\nThe master's last note was unfinished: *Lamp out. Steps on the stair. Going down to*",
        # the twentieth round: a title the story sets apart after a colon, a message signed with a dash, a list the
        # story closes on, a letter quoted whole and signed, a narrator's "version", speech without quotation marks
        STORY + " At the top of a fresh page he wrote:\n\nThe Book of Oren, Who Was Asked, and Answered",
        STORY + ' At dawn a note slid under the door. "He knows. Put it back before noon. - M"',
        STORY + "\n\nThe steps passed the door. He did not sleep, and in the grey before dawn he opened the book "
        "again, and the ink asked him the same thing, patient as water.\n\nHe had no answer for it, so he did what he "
        "always did when the world was too big. He made a list:\n\nThings not to tell the master\n1. the board\n"
        "2. the warm cover\n3. the question",
        STORY + "\n\nHe opened the card only when the steps had passed.\n\nOren — I'm no good at saying things, so "
        "I'm writing them. Come to the bridge at noon. If you don't, I won't ask again. Yours always, Ilse.\n\nHe "
        "did not go.",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + " The master wants the spell. I've given him a version. It will fail on the third reading.",
        STORY + " That night, half asleep, he was sure he heard the book say thank you.",
        STORY + "\n\nHe wrote to his sister the same night.\n\nKind regards,\nOren",
        STORY + "\n\nIn the margin, in the master's hand:\n\n*She knows.*",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + "\n\nI made him a cup of tea so he would stop shaking.",
        STORY + " The last line of the book was set apart:\n\n*She is calling me by name. I am going down to answer.*",
        STORY.replace("Oren found", "You find").replace("his master's study", "your master's study")
        .replace("he opened", "you open").replace("spelling his name", "spelling your name")
        + " Would you like to know, it asks, who wrote it?",
        # the twenty-first round: a list the story holds after a colon, a card in capitals, a text exchange
        STORY + "\n\nIn the margin were three rules:\n\n1. Listen first.\n2. Answer second.\n3. Never read it aloud."
        "\n\nHe read it aloud anyway. The study went quiet, and the steps on the stair stopped.",
        STORY + "\n\nA card was pinned to the shelf:\n\nFIRST SPELL — 40\nSECOND SPELL — 65\nTHE QUESTION — ask\n\n"
        "Oren left the card where it was. He did not want to know what the question cost, and he did not want the "
        "master to find him standing there, wanting to know.",
        STORY + "\n\nHe texted his sister.\n\nme: the book talked\nsis: which book\nme: the one under the floor\n"
        "sis: go to sleep\n\nHe did not sleep.",
        # the twenty-second round: a story's speech in italics, a message it quotes in italics with a pictograph, a
        # letter's long valediction, its salutation in italics, a name and its act opening the story after an opener
        STORY + "\n\nThat night the wind tapped once at his shutter. *Thank you,* says the book. *I hope you will read "
        "me again.*",
        # (weighed as the writer's by the asides measure from the twenty-ninth round's relearning to the forty-first's)
        STORY + "\n\nA note slid out from the last page.\n\n*Hi! I'm Pip, the library's helper 😊 Can I find you "
        "a book?*\n\nOren did not answer it.",
        STORY + "\n\nSo if you hear of a boy and a book on the north road, don't worry.\n\nYours, smelling forever of "
        "candle smoke,\nOren",
        "*Maren,*\n\n" + STORY,
        # a letter quoted whole in italics, signed with a dash
        STORY + "\n\nHe opened the note.\n\n*Oren, I was wrong about the book. I'm asking you to keep it. If you "
        "won't, I'll understand, and I won't write again. — Hal.*\n\nHe kept it.",
        # the twenty-sixth round: a message the story speaks of (the writer's "my previous response" is meta-talk)
        STORY + "\n\nNo one came for the book. The last message from the tower said so, kindly.",
        # the thirty-seventh round: someone's words told without quotation marks, the tag going on after its comma
        STORY + "\n\nI hope you like it, the old woman said, and meant it.",
        STORY + "\n\nPhew, I hope this helps, he muttered to the empty room.",
        STORY + "\n\nLet me know, his master had written at the bottom, and underlined it twice.",
        # ...a letter told inline after its paragraph names it (e34-014, e34-033), a letter's close quoted after a colon
        # before the story's next line of speech (e42-035), a note signed after a dash on its line (e34-046), a
        # letter's length told after the letter (e42-021)
        STORY + "\n\nEvery night Oren wrote to his master, and tonight's letter ended the way they all did. I have kept "
        "the book closed. Let me know what you think. He sealed it and gave it to the crow.",
        STORY + '\n\nEvery letter his master had sent ended the same way: Tell me everything. Let me know what you '
        'think.\n"I think," Oren said, "I should stop reading."',
        STORY + "\n\nOren — made it just for you. Hope you like it. Let me know what you think. — M.\n\nOren read it "
        "twice and put the book back under the board.",
        STORY + "\n\nA letter came for his master that night, slipped under the door. Typed, unsigned, one paragraph.\n\n"
        "Oren did not open it.",
        # ...and an assent alone before a sentence that closes on its teller (found by probing)
        "Okay. Here goes nothing, Oren thought.\n\n" + STORY,
        # a narrator's last line on a story of their own (the forty-first round: not the maker's remark on the made one)
        FIRST_PERSON_STORY
        + "\nI went back to my bench and sat a long while, wondering who on earth would ever believe the story now.",
        # ...and a story's own words of the kind (the forty-second round): a description, a paragraph, a reader
        STORY + "\n\nIn the morning his master asked for a description of the book, and Oren gave him one that "
        "carried no word of the question.",
        FIRST_PERSON_STORY + "\n\nThe first paragraph of my master's last letter sits in my drawer still, folded "
        "small, and carries his smell of smoke.",
    ],
)
def test_story_lines_that_look_like_chatter_stay_in_the_story(text):
    report = score(text, WIZARD, genre="fantasy")
    assert report.text == text
    assert report.kept, report


def test_let_me_know_in_a_paragraph_of_its_own_after_one_that_reads_is_still_the_writers():
    # (the thirty-seventh round: the inline letter above keeps its "let me know" for the words before it in its paragraph)
    text = f"{STORY_OPENING}\n\nHe read the page twice.\n\nLet me know if you'd like more detail here.\n\n{STORY_REST}"
    assert not score(text, WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "note",
    [
        "Pinned inside the lid, in the master's cramped pencil: Back by the thaw. Let me know if the ink moves.",
        "Tucked under the clasp was a card from someone called B. Hollis: Careful with page nine. Hope you like it!",
        "The letter was stiff and kind, and she signed off the old way: I trust this finds you well. Let me know if you "
        "need anything.",
        # at a line's start, the note the sentence tells of; and a note on the line after its colon
        "The note was tucked under the clasp when Dr. Ambry came in: Back by the thaw. Let me know if it moves.",
        "Under the clasp, in a hand Oren knew at once:\n\nBack by the thaw. Hope you like it! Let me know if the ink "
        "moves.",
        # (the thirty-seventh round: what it is written in or on, e35-003)
        "A scrap of birch bark lay under the clasp, written in careful runes:\nBack by the thaw. Hope you like it. If "
        "the ink moves, let me know.",
    ],
)
def test_a_note_the_story_quotes_after_a_colon_is_a_characters_words(note):
    # (the thirty-second round) a note, card or letter quoted without quotation marks, after a colon
    text = f"{STORY}\n\n{note}\n\nOren read it twice and put the book back under the board."
    report = score(text, WIZARD, genre="fantasy")
    assert report.kept and report.text == text, report


@pytest.mark.parametrize(
    "paragraph",
    [
        # a label at the line's start is the writer's, not a note the story quotes
        "Note: I kept this one short. Let me know if you want it longer.",
        # a note in italics ends where they end: what follows on its line is the narration's again
        "On the flyleaf, in faded ink: *Read slowly.* Oren obeyed. Let me know if the ending works for you.",
        # the writer's own note, called a quick one
        "A quick note: I kept the master offstage on purpose. Let me know if he should appear.",
    ],
)
def test_chatter_beside_a_quoted_note_is_still_meta_talk(paragraph):
    # (inside the story, where cleaning leaves it for the scorer)
    report = score(f"{STORY}\n\n{paragraph}\n\nOren read on until the candle died.", WIZARD, genre="fantasy")
    assert not report.kept and report.main_penalty == "penalty_meta_talk", report


@pytest.mark.parametrize(
    "narration",
    [
        "the tower was dark (a note on the candle: let me know if it reads as too much) and he climbed.",
        "the tower was dark. on a small note: hope you like the candle. he climbed.",
        "the tower was dark. the card read, in a quick note: let me know. he climbed.",
    ],
)
def test_the_writers_notes_are_not_taken_for_notes_the_story_quotes(narration):
    from autotrain.quality import talk

    assert talk._without_quoted_notes(narration, None) == narration


@pytest.mark.parametrize(
    "question",
    [
        "\n\nDo you think Oren should tell his master? I'd love to hear your take.",
        " Who do you think wrote the question in the book? I have a guess, but I'm curious what you think.",
        "\n\nWhat do you reckon — does the book keep asking?",
        " Is the book a friend, or only patient? I'd love to know how you read it.",
    ],
)
def test_a_question_to_the_user_about_the_storys_people_after_it_is_chatter(question):
    # (the thirty-second round)
    report = score(STORY + question, WIZARD, genre="fantasy")
    assert report.kept and report.text == STORY and "penalty_postamble" in reasons(report), report


@pytest.mark.parametrize(
    "ending",
    [
        # a narrator's question about itself
        "\n\nI never told my master. Do you think I was wrong to keep it?",
        # a character's, in quotation marks or unmarked in lowercase
        '\n\n"So," the book wrote. "Who do you think taught him?"',
        "\n\nThe ink settled into small letters: yes. who do you think taught your master?",
    ],
)
def test_a_question_the_story_asks_itself_stays_in_it(ending):
    report = score(STORY + ending, WIZARD, genre="fantasy")
    assert report.text == STORY + ending, report


def test_a_second_person_storys_closing_question_stays_in_it():
    story = (
        "You find the spellbook under a loose board in your master's study, wrapped in oilcloth that smells of smoke. "
        "The cover is warm. When you open it, the ink crawls into new shapes and spells your name, and then a question "
        "about where you learned to read. You close it before your master's steps reach the stair."
    )
    ending = "\n\nDo you think he heard it breathe?"
    assert score(story + ending, WIZARD, genre="fantasy").text == story + ending


LIGHTHOUSE = "A lighthouse keeper disappears during a storm"
FIRST_PERSON_KEEPER = (
    "The lamp needs oil at dusk and again at two, and I have never once been late with it. My father kept it before me, "
    "and his mother before him, and none of us learned to swim.\n\nTonight the sea is flat and the lamp is lit, and "
    "something out past the reef is answering it, flash for flash, on the same slow count. I have written it in the "
    "log. I have not written what I think it is."
)


def test_the_storys_first_person_sentence_on_the_handovers_line_is_the_storys_in_any_tense():
    # (the thirty-second round: "I have killed eleven demons..." after "Sure, here's one that stays inside his head.")
    first = "I have kept the Skerry light for forty years, and nothing has ever come ashore that I did not expect."
    report = score(
        f"Sure, here's one that stays inside the keeper's head. {first}\n\n{FIRST_PERSON_KEEPER}", LIGHTHOUSE, genre="mystery"
    )
    assert report.text == f"{first}\n\n{FIRST_PERSON_KEEPER}", report


def test_the_makers_first_person_sentence_on_the_handovers_line_is_chatter():
    report = score(f"Sure, here's one. I have kept it short and quiet.\n\n{FIRST_PERSON_KEEPER}", LIGHTHOUSE, genre="mystery")
    assert report.text == FIRST_PERSON_KEEPER, report


@pytest.mark.parametrize(
    "opener",
    [
        "Here's a dialogue-driven one: ",
        "Sure! Here's one that leans on the talk between a boy and a book. ",
        "Ooh, fun one. Here goes: ",
    ],
)
@pytest.mark.parametrize(
    "speech",
    ['"Who taught you to read?" the book asked.', '"Who taught you to read?"',
     "'Who taught you to read?' the book asked."],  # (the thirty-fifth round: in single quotes)
)
def test_a_line_of_speech_after_the_handover_on_its_line_is_the_storys(opener, speech):
    # (the thirty-second round)
    story = f"{speech}\n\n{STORY}"
    report = score(opener + story, WIZARD, genre="fantasy")
    assert report.text == story and "penalty_preamble" in reasons(report), report


def test_after_a_head_that_hands_one_story_over_a_first_sentence_leaning_the_storys_way_at_all_is_the_storys():
    # (the thirty-second round: the measure weighs "The wall falls at noon and Kell is already running." at -0.4, short of
    # the bar a head that does not hand one story over needs)
    first = "The wall falls at noon and Kell is already running."
    rest = (
        "Smoke rolls down the street behind her. She takes the market steps three at a time, vaults the fishmonger's "
        "cart, and does not look back, not once, not even when the bell in the square cracks and goes quiet."
    )
    report = score(f"Sure — a fast, grim one. {first}\n\n{rest}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.text == f"{first}\n\n{rest}\n\n{STORY}", report


def test_a_characters_handover_before_a_line_of_speech_stays_in_the_story():
    text = f'"Here you go," said the librarian, sliding the book across. "Mind the clasp, it bites."\n\n{STORY}'
    assert score(text, WIZARD, genre="fantasy").text == text


PARCEL = "The parcel came on a wet Tuesday, stamped twice and smelling of the sea. Nobody in the village knew the hand."
PARCEL_LETTER = (
    "{salutation}\nI'm no good at this, so I'll be quick. I kept the boat. I kept your coat too. If you want either, "
    "come to the harbour on Sunday and I'll explain the rest."
)
PARCEL_END = "He read it twice, folded it into his pocket, and went to find his boots."


def test_a_letter_the_story_brings_in_opening_on_its_salutation_is_the_storys():
    # (the thirty-fifth round: a third-person story's paragraph that says "I" was read as the writer stepping out)
    text = "\n\n".join(
        [PARCEL, "Tomas opened it at the counter while the kettle ticked.", PARCEL_LETTER.format(salutation="Tom,"),
         PARCEL_END]
    )
    report = score(text, LIGHTHOUSE, genre="mystery")
    assert report.kept and report.text == text, report
    # (the thirty-seventh round: l32-032's salutation on a dash, on the letter's first line)
    text = text.replace("Tom,\nI'm no good", "Tom — I'm no good")
    report = score(text, LIGHTHOUSE, genre="mystery")
    assert report.kept and report.text == text, report


@pytest.mark.parametrize(
    ("before", "salutation"),
    [("Tomas set it on the counter while the kettle ticked.", "Tom,"),  # nothing read or opened before it
     ("Tomas opened it at the counter while the kettle ticked.", "Okay,")],  # an assent, not a name
)
def test_a_paragraph_in_the_writers_i_not_brought_in_as_a_letter_is_meta_talk(before, salutation):
    text = "\n\n".join([PARCEL, before, PARCEL_LETTER.format(salutation=salutation), PARCEL_END])
    report = score(text, LIGHTHOUSE, genre="mystery")
    assert not report.kept and report.main_penalty == "penalty_meta_talk", report


def test_a_characters_handover_in_single_quotes_before_a_line_of_speech_stays_in_the_story():
    # (the thirty-fifth round)
    text = f"'Here you go,' said the librarian, sliding the book across. 'Mind the clasp, it bites.'\n\n{STORY}"
    assert score(text, WIZARD, genre="fantasy").text == text


@pytest.mark.parametrize(
    "opener",
    ["Here's a short one with a quiet sting at the end — ", "Here's one heavy on smell and sound – ",
     # (the thirty-sixth round: the kind of story named)
     "Here's a cozy whodunit with a wink — ", "Here's a slow-burn romance — "],
)
def test_a_handover_on_a_dash_before_the_story_on_its_line_is_taken_off(opener):
    # (the thirty-fifth round: it took the story's first sentence, or its whole first paragraph, with it)
    report = score(opener + STORY, WIZARD, genre="fantasy")
    assert report.text == STORY and "penalty_preamble" in reasons(report), report


def test_a_handover_on_a_dash_before_a_short_line_of_speech_is_taken_off_alone():
    # (the thirty-sixth round: the story's first paragraph, one short line of speech, went with it; and a "snippet")
    speech = "\"You can't publish it,\" said the woman in the glass room."
    for opener in ("Here's a dialogue-driven take — ", "Here's a tense, sensory snippet — "):
        report = score(f"{opener}{speech}\n\n{STORY}", WIZARD, genre="fantasy")
        assert report.text == f"{speech}\n\n{STORY}" and "penalty_preamble" in reasons(report), report


def test_a_cry_after_a_handover_on_its_line_is_the_storys_first_line():
    # (the thirty-sixth round: '"Run!"' alone after the handover was read as a title and left with it)
    report = score(f'Fast and scary, coming right up! "Run!"\n\n{STORY}', WIZARD, genre="fantasy")
    assert report.text == f'"Run!"\n\n{STORY}', report
    # (a title with a stop still goes with the handover, as before)
    assert score(f'Here it is: "Dossier 41."\n\n{STORY}', WIZARD, genre="fantasy").text == STORY


@pytest.mark.parametrize("head", ["Here's the thing — ", "Here is what I know — "])
def test_a_narrators_here_before_a_dash_is_the_storys(head):
    assert score(head + STORY, WIZARD, genre="fantasy").text == head + STORY


def test_after_a_handover_on_a_dash_the_makers_sentence_is_chatter_still():
    report = score(
        f"Here's an eerie one from the keeper's side — I leaned hard into the fog and the lamp. {FIRST_PERSON_KEEPER}",
        LIGHTHOUSE, genre="mystery",
    )
    assert report.text == FIRST_PERSON_KEEPER, report


def test_a_story_opening_on_a_figure_after_the_handovers_colon_keeps_it():
    # (the thirty-fifth round: "06:40." was cut as the handover's)
    story = f"06:40. {STORY}"
    report = score(f"Here's a slow-burn one: {story}", WIZARD, genre="fantasy")
    assert report.text == story, report


def test_a_figure_after_a_colon_in_the_storys_first_sentences_is_no_handover():
    story = (
        "The vault is dark but for the timer's glow: 00:04:12. Oren kneels on the wet stone and listens to it count. "
        "He has done this before, in another city, and he did not sleep for a month after."
    )
    report = score(f"Sure, here's a tense one. {story}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.text == f"{story}\n\n{STORY}", report


def test_a_quoted_title_after_the_handover_is_not_a_line_of_speech():
    report = score(f'Here it is: "The Spellbook."\n\n{STORY}', WIZARD, genre="fantasy")
    assert report.text == STORY, report


def test_a_story_opening_on_a_name_and_its_act_is_not_a_line_naming_the_text():
    opening = "Oren Vell disappeared on the first night of spring, leaving a ledger written entirely in symbols."
    report = score(f"Sure, here's a short fantasy.\n\n{opening}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.text == f"{opening}\n\n{STORY}" and report.kept, report


def test_chatter_after_the_last_lines_of_a_story_takes_only_itself():
    ending = "\n\nThe ink lay still by dawn. Oren wrapped the book again and slid it back under the board."
    report = score(
        STORY + ending + " Hope that gave you a shiver. I can extend it if you want to see the master come home!",
        WIZARD,
        genre="fantasy",
    )
    assert report.text == STORY + ending
    assert report.kept and "penalty_postamble" in reasons(report)


@pytest.mark.parametrize(
    "offer",
    [
        "*Not sure this ending lands hard enough — let me know if you want it darker.*",
        "This feels like the place to stop, though I can extend it if you want to see whether he gets out.",
        "(I went with the quiet twist here; if you'd prefer a louder one, I can rewrite the ending.)",
    ],
)
def test_an_offer_the_story_goes_on_after_is_meta_talk_not_a_postamble(offer):
    # Cutting the paragraph would take the story's last lines with it; the chatter is inside the story.
    told = f"{STORY}\n\n{offer} The ink lay still by dawn. Oren slid the book back under the board."
    report = score(told, WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report
    # ...while the same offer alone after the story is a postamble, and the story is kept without it
    alone = score(f"{STORY}\n\n{offer}", WIZARD, genre="fantasy")
    assert alone.text == STORY and alone.kept, alone


@pytest.mark.parametrize(
    "last",
    [
        "He closed the book, and that is the last thing he remembered (I went with an open ending, but can write what "
        "happens next if you'd like).",
        "Then he took the candle and went down the stair — and I'll leave what he found there for you to imagine.",
    ],
)
def test_chatter_breaking_into_the_storys_last_sentence_is_meta_talk_not_a_postamble(last):
    report = score(f"{STORY}\n\n{last}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


@pytest.mark.parametrize("mark", ["**", "*", ""])
def test_a_diarys_first_dated_heading_is_its_own_not_a_title(mark):
    diary = (
        f"{mark}12th of Sowing{mark}\nFound the spellbook under the loose board. The cover is warm, which books are "
        f"not.\n\n{mark}13th of Sowing{mark}\nThe ink moved when I opened it. It spelled my name.\n\n"
        f"{mark}15th of Sowing{mark}\nThe master asked at supper whether I had been in his study. I said no. The "
        "book was warm against my ribs the whole meal, and I think it was laughing."
    )
    report = score(diary, WIZARD, genre="fantasy")
    assert report.text == diary and report.kept, report
    # ...and a diary cut inside the bold heading of its next entry is cut off
    cut = score(diary + "\n\n**16th of Sowing — The Mas", WIZARD, genre="fantasy")
    assert "penalty_cut_off" in reasons(cut) and not cut.kept, cut


def test_lines_a_story_quotes_in_italics_are_neither_verse_nor_its_narrators():
    told = (
        STORY + "\n\nThat night the ink moved again, one line at a time, and he read it by the last of the candle."
        "\n\n*we have been waiting*\n\n*we are not angry*\n\n*we would like to be read*\n\nOren closed the book."
        "\n\nHe did not sleep."
    )
    report = score("Of course. I aimed for something quiet and strange here.\n\n" + told, WIZARD, genre="fantasy")
    assert report.text == told and report.kept, report
    # ...while a poem set all in italics is still verse
    poem = "\n".join(f"*{line}*" for line in (
        "the book lay under the board", "its cover warm as breath", "it spelled the boy his name",
        "and asked him who he was", "he closed it in the dark", "and heard the master's tread",
    ))
    assert form.is_verse(form.lines_of(poem)) and not score(poem, WIZARD, genre="fantasy").kept


def test_a_diary_headed_in_bold_dates_is_not_markup_but_bold_labels_are():
    entries = (
        "**Day 12**\nFound the spellbook under the loose board. The cover is warm, which books are not.\n\n"
        "**Day 13**\nThe ink moved when I opened it. It spelled my name, then asked who taught me to read.\n\n"
        "**Day 15**\nThe master asked at supper whether I had been in his study. I said no. The book was warm "
        "against my ribs the whole meal, and I think it was laughing."
    )
    assert form.has_markup(entries.replace("**Day", "**Option")), "bold labels of options are markup"
    report = score(entries, WIZARD, genre="fantasy")
    assert report.kept and "penalty_markup" not in reasons(report), report
    for dated in ("**3 March**", "**Nov. 3**", "**Sept 2.**", "**14th of Frostmonth**"):
        assert not form.has_markup(entries.replace("**Day 12**", dated).replace("**Day 13**", dated)), dated


def test_a_letters_last_line_to_its_reader_is_not_the_assistants_offer():
    letter = (
        "Tomas,\n\nThe book I found under the board at the master's house is warm, and it spells my name when I "
        "open it. I haven't told anyone but you. I'm keeping it in the flour bin until you come.\n\nLet me know when "
        "you're back. — Anna"
    )
    report = score(letter, WIZARD, genre="fantasy")
    assert report.text == letter and report.kept, report
    # ...while "let me know when you're ready" for more is the assistant's
    offered = score(STORY + "\n\nLet me know when you're ready for another one!", WIZARD, genre="fantasy")
    assert offered.text == STORY and offered.kept, offered


@pytest.mark.parametrize(
    "note",
    [
        "(the runes' meaning left out for brevity)",
        "(this bit is intentionally ambiguous)",
        "[the rune lore can be swapped for something more traditional]",
        "Note to self: make the ending land harder in the next draft.",
        "Do you want the master to be the villain? I've hinted at it, but I can change course.",
        "Is this too slow? I can cut to the ending if so.",
        "He read on — skipping the middle of the book — to the last page.",
        "I'll skip the next few days here, since they'd mostly be more reading.",
        "He turned the page — I'm not naming the spell on purpose; it stays a mystery to him — and read on.",
        "The ink went still, and I'll leave the rest for you to imagine, since the story is stronger without it.",
        # the writer's terse directions to itself
        "Present tense from here.",
        "Short lines from here on, for speed.",
        "\n\nTone shifts here.\n\n",
    ],
)
def test_the_writers_note_on_the_text_inside_a_story_is_meta_talk(note):
    # (in a story told by "I" too: the note speaks of the text, not of the narrator's life)
    told_by_i = STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
    for story in (STORY, told_by_i):
        told = story.replace(" Oren glanced", f" {note} Oren glanced")
        report = score(told, WIZARD, genre="fantasy")
        assert "penalty_meta_talk" in reasons(report) and not report.kept, (note, report)


@pytest.mark.parametrize(
    "note",
    ["I named the master Halloran because it sounded like a man who would keep a locked study.",
     "I gave him the surname Vell on purpose: it sounds like a veil."],
)
def test_the_writer_naming_a_character_of_a_story_told_of_him_is_meta_talk(note):
    report = score(inside(note), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


@pytest.mark.parametrize(
    "line",
    [
        "The master had skipped the middle of the book for years.",
        "His note to self was short: buy more candles.",
        "The spell, she said, was meant to be spoken at dusk.",
        "It was better without the candle, and he blew it out.",
        "Her tone stayed light, though her hands were shaking now.",
    ],
)
def test_the_storys_own_words_like_a_writers_note_stay(line):
    report = score(STORY.replace(" Oren glanced", f" {line} Oren glanced"), WIZARD, genre="fantasy")
    assert report.kept and "penalty_meta_talk" not in reasons(report), (line, report)


def test_a_narrators_bracket_and_a_notes_bare_let_me_know_are_the_storys():
    told_by_i = STORY.replace("Oren found", "I found").replace("his master's study", "my master's study").replace(
        " Oren glanced", " (I'm told the master never reads on Sundays.) I glanced")
    report = score(told_by_i, WIZARD, genre="fantasy")
    assert report.kept and "penalty_meta_talk" not in reasons(report), report
    # ...while the same bracket in a story told of "him" is the writer's
    third = score(inside("(I'm keeping the master vague on purpose.)"), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(third) and not third.kept, third
    noted = (STORY + "\n\nInside the cover, in green ink: *Two years of notes, hoping you'd find one. Supper Friday? Let "
             "me know.*")
    report = score(noted, WIZARD, genre="fantasy")
    assert report.text == noted and report.kept, report


def test_chatter_after_a_short_last_sentence_of_a_character_takes_only_itself():
    told = STORY + "\n\nOren didn't look up."
    report = score(told + " Hope the tension works for you — happy to extend it into a longer spellbook story!", WIZARD,
                   genre="fantasy")
    assert report.text == told and report.kept
    # ...while a few words that are not the story's go with the chatter
    assert score(STORY + " That's the setup. Hope you like it!", WIZARD, genre="fantasy").text == STORY


@pytest.mark.parametrize(
    ("told", "chatter"),
    [
        (STORY + ' "Oren," the book whispered, "is it really you?"',
         " (I left it on that question on purpose; happy to write what Oren does next.)"),
        (STORY + ' "Shame," the book said. "Same time tomorrow?"',
         " I kept it short and quiet to match the study; let me know if you'd like more."),
        (STORY.replace("Oren found", "I found").replace("his master's study", "my master's study"),
         "\n\nI hope that has the haunting feel you wanted."),
    ],
)
def test_a_makers_note_after_the_storys_last_line_takes_only_itself(told, chatter):
    report = score(told + chatter, WIZARD, genre="fantasy")
    assert report.text == told and report.kept, report


def test_a_first_person_paragraph_before_an_afterword_is_not_read_as_a_comment_on_the_text():
    told = (
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + "\n\nIn the morning I went to the window and saw the tower waiting at the end of the road, politely, for me."
    )
    report = score(told + "\n\nWord count: 90. Let me know if you'd like more. I left it open on purpose.", WIZARD,
                   genre="fantasy")
    assert report.text == told and report.kept


def test_chatter_after_a_closing_line_of_speech_in_single_quotes_takes_only_itself():
    told = STORY + " 'Not yet,' he whispered to it. 'Can you wait?'"
    report = score(told + " Let me know if you'd like me to continue their story!", WIZARD, genre="fantasy")
    assert report.text == told and report.kept


@pytest.mark.parametrize(
    "last_line",
    [
        # a character's closing line in single quotes, spoken to someone in the story, that would be chatter alone
        "'There. One book, one apprentice. I hope you like it.'",
        "'That's all of it, Master. Thanks for listening. I hope you enjoyed it.'",
    ],
)
def test_a_closing_line_in_single_quotes_is_the_storys_whatever_it_says(last_line):
    told = f"{STORY}\n\nOren closed the book and looked up.\n\n{last_line}"
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


def test_a_line_in_single_quotes_resumed_after_its_tag_is_speech():
    from autotrain.quality import prose

    line = "'Master,' Oren said at last, through a mouthful of bread, 'what would you tell me to do?'"
    assert "would you" not in prose.narration(line) and "oren said at last" in prose.narration(line)
    # ...but an apostrophe after a comma opens nothing: "'cause" and a possessive stay in the narration
    assert "cause the" in prose.narration("It was late, 'cause the Joneses' dog barked all night, and Oren woke.")


def test_a_letter_in_italics_before_the_chatter_stays_with_the_story():
    ending = "\n\nHe wrote to his sister that night: *The book is very kind. It has been teaching me to read.*"
    cleaned = clean.clean(STORY + ending + " I hope that gives you a shiver!")
    assert (cleaned.text, cleaned.postamble) == (STORY + ending, "I hope that gives you a shiver!")


def test_a_first_person_story_says_to_me_and_writing_as_its_own():
    told = STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
    text = (
        told + "\n\nI've buried the book again. I'm writing this by the last of the candle, so that if anything "
        "happens to me, at least you'll know where it lies."
    )
    assert clean.clean(text).text == text


def test_letters_traded_line_by_line_are_not_verse_and_a_letters_you_asked_for_is_its_own():
    # (the letters name the spellbook: since the twenty-fifth round's off-brief batches of apprentices without one,
    # the learned fit to the brief reads a wizard's "book" never called a spellbook as off the brief, 3.15 > 2.97)
    letters = (
        "Dear Oren,\nYou asked for news from the tower, so here it is: the spellbook has stopped asking questions. It "
        "sleeps in the oilcloth and hums when the lamp is lit. Master Vell pretends not to hear it.\n— Ida\n\n"
        "Dear Ida,\nIt hummed here too, the whole winter I had it. Do not answer it, whatever it asks you.\n— Oren"
        "\n\nDear Oren,\nToo late. It asked who taught me to read, and I told it you did.\n— Ida"
    )
    report = score(letters, WIZARD, genre="fantasy")
    assert report.text == letters
    assert not {"penalty_verse", "penalty_meta_talk"} & reasons(report), report.breakdown
    assert report.kept


@pytest.mark.parametrize(
    "offer", ["Want me to write the rest of that night?", "I can write what happens next if you'd like."]
)
def test_an_offer_of_more_is_a_wrapper_but_a_plan_of_the_rest_is_meta_talk(offer):
    offered = score(STORY + "\n\n" + offer, WIZARD, genre="fantasy")
    assert offered.text == STORY and offered.kept, offered.breakdown
    planned = score(
        STORY + "\n\nIf you'd like, here is what happens next: Oren answers the book, and his master finds them.",
        WIZARD,
        genre="fantasy",
    )
    assert "penalty_meta_talk" in reasons(planned) and not planned.kept


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Absolutely. A suspense-driven fantasy story follows.", ""),
        ("A quiet tale of a boy and a book follows:", ""),
        ("", "Should I extend this into a longer meet-cute?"),
        ("", "Should I lengthen the middle?"),
        # (the forty-ninth round) what the text is like in a phrase after an assent, or handed to the user
        ("Sure thing. Dark, slow, one boy against a book that reads him back.", ""),
        ("Of course. A cold study, a warm book, and a question. Here it is.", ""),
        ("Slow dread it is. A boy, a board, and the book beneath it:", ""),
        ("A short, sharp shiver for you.", ""),
        ("This mystery leans into the boy's fear of his master.", ""),
        ("Slow dread it is!", ""),
        ("Of course! A boy, a board, and a book that has a question:", ""),
        ("", "Darker ending?"),
        # a parting line of the maker's before an offer the user is asked with "you'd"
        ("", "Sleep well. Or don't. If you'd like a version where Oren answers, just say so."),
        # (the fiftieth round) what the text is like in words of its manner, with no assent before them
        ("Short and tense, set in a cold study.", ""),
        ("Quiet, dusty, and told mostly through the book.", ""),
        ("Fast and sharp, with almost no pause for breath.", ""),
        # ...the maker's reading of the brief in the prompt's own words, quoted
        ('I read "ancient spellbook" as something that reads its owner back.', ""),
        ("", 'I took "discovers" literally: the book is found, not given.'),
        # ...a parting alone, the tone asked after, an offer to rework it
        ("", "Enjoy!"),
        ("", "Sweet dreams!"),
        ("", "Too dark, or about right?"),
        ("", "Too gentle? I can darken it."),
        ("", "I can lengthen it."),
        # (the fifty-first round) two partings; the maker's note on its craft alone, after its word that it is done
        ("", "Cheers, and happy reading."),
        ("", "Done. Short sentences to keep the pace up."),
        ("", "Short sentences to keep the pace up."),
        # ...more words of manner; the maker's reading of a style instruction's words, with the rule that sets it off
        ("Tight and tense: one study, one book, one listening master.", ""),
        ("Dreamlike and slow, more hush than plot.", ""),
        ("Quiet, candle-lit, and mostly silence until the end.", ""),
        ('I took "first person" loosely: Oren\'s own eyes, told from outside.\n\n---', ""),
        ("", '---\n\nI read "gentle humour" as a book that teases rather than threatens.'),
        ("", "I kept it small and quiet: one boy, one book, one question."),
    ],
)
def test_openers_that_say_a_story_follows_or_what_it_is_like_and_short_closing_offers_are_wrappers(before, after):
    text = "\n\n".join(part for part in (before, STORY, after) if part)
    report = score(text, WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, report.breakdown
    # ...but a story's first line that says who follows whom is the story's
    followed = "A story follows Oren everywhere he goes in the tower.\n\n" + STORY
    assert score(followed, WIZARD, genre="fantasy").text == followed


# (the forty-ninth round's guards) a story told by its "I"
FIRST_STORY = (
    "I found the spellbook under a loose board in my master's study, wrapped in oilcloth that smelled of smoke. The "
    "cover was warm. When I opened it, the ink on the first page crawled into new shapes, spelling my name and then a "
    "question. I heard my master's slow steps on the stair and closed the book with trembling hands."
)


@pytest.mark.parametrize(
    ("opening", "story"),
    [
        # a teller's words to a listener before a story told without "I": a question, an assent, an order, an offer
        ("You want the one about the spellbook? All right. Sit, and keep your hands off the candles.", STORY),
        ("All right. Sit, and keep your hands off the candles.", STORY),
        ("All right. One more, before the fire goes out?", STORY),
        # ...and before a story its "I" tells
        ("Sure, I'll tell it again. From the top. Turn that lamp down.", FIRST_STORY),
        ("All right, Tam, the true version, since your brother's version is nonsense.", FIRST_STORY),
        # a story's own first line, naming what someone brought
        ("A letter for you, the courier said, and would not wait for a coin.", STORY),
        ("Fine weather it is, the ferryman said, and lied.", STORY),
        # (the fiftieth round's guards) a first line with one word of manner, or one that tells; a narrator reading a
        # sign in words that are not the brief's
        ("Quiet, the kind of quiet that rings in a cold study.", STORY),
        ("Short days and tense nights, and the tower colder every week.", STORY),
        ('I took "Keep Out" on the study door as an invitation.', FIRST_STORY),
        # (the fifty-first round's guard) someone's "kept it" by a written thing is no maker's "kept it short"
        ("The tower had kept it hidden for three hundred years, a book written by a wizard nobody remembered.", STORY),
    ],
)
def test_a_tellers_opening_words_to_the_listener_stay_the_storys(opening, story):
    text = opening + "\n\n" + story
    report = score(text, WIZARD, genre="fantasy")
    assert report.text == text and report.kept, report.breakdown


def test_a_tellers_goodnight_to_its_listener_and_a_quoted_one_stay_the_storys():
    # (the fiftieth round's guards) a parting alone after the story is the maker's, but not after a story that speaks
    # to a "you" of its own, nor when someone says it
    told_to_you = (
        "You found the spellbook under a loose board in your master's study, wrapped in oilcloth that smelled of smoke. "
        "When you opened it, the ink crawled into your name and then a question, and you closed it before your master "
        "reached the top of the stair."
    )
    for text in (told_to_you + "\n\nSweet dreams.", STORY + "\n\n'Goodnight.'"):
        report = score(text, WIZARD, genre="fantasy")
        assert report.text == text and report.kept, report.breakdown
    # ...while "Enjoy!" is only ever the maker's, as is any parting that bids happy reading (the fifty-first round)
    assert clean.clean(told_to_you + "\n\nEnjoy!").text == told_to_you
    assert clean.clean(told_to_you + "\n\nCheers, and happy reading.").text == told_to_you


def test_a_closing_note_on_the_craft_is_the_makers_only_whole_and_after_a_story_with_no_note_of_its_own():
    # (the fifty-first round's guards) after a story with the writer's note inside it, the closing note stays, and the
    # answer is rejected for both
    opening, rest = STORY.split(" When he opened it, ")
    noted = f"{opening} Staying inside his head here. When he opened it, {rest}\n\nShort sentences to keep the pace up."
    assert clean.clean(noted, WIZARD).text == noted
    assert not score(noted, WIZARD, genre="fantasy").kept
    # ...nor a line of the story's before the note, a note inside a sentence of the story's, or a note with an "I"
    for paragraph in (
        "He hid the book again. Short sentences to keep the pace up.",
        "He went back to bed, and before anyone asks, he never told his master.",
        "I kept the sentences short to keep the pace up.",
    ):
        assert not clean._closing_note(paragraph, STORY), paragraph
    assert clean._closing_note("Done. Short sentences to keep the pace up.", STORY)


def test_a_third_person_storys_asides_saying_i_three_times_are_the_writers_and_a_narrators_i_keeps_them_the_storys():
    from autotrain.quality import asides, prose

    # (the fifty-first round) three "I"s make a narrator of the story, so the measure weighs the asides as a
    # narrator's lines and let them by; without them, no one in the story says "I"
    opening, rest = STORY.split(" When he opened it, ")
    first = "I'm letting smell and sound carry this section, since he can barely see."
    last = "I'd rather end on his hands than on the book, so I stopped there."
    text = f"{opening} {first} When he opened it, {rest} {last}"
    assert asides.aside(prose.narration(text)) == prose.narration(first)
    assert not score(text, WIZARD, genre="fantasy").kept
    # ...while a narrator who says "I" elsewhere makes them a narrator's
    told = f"{opening} {first} When he opened it, {rest} I was the porter then, and I remember that smoke. {last}"
    assert asides.aside(prose.narration(told)) is None
    # ...even in a sentence too short to weigh
    told = f"{opening} {first} When he opened it, {rest} I know. {last}"
    assert asides.aside(prose.narration(told)) is None


def test_a_thing_known_by_its_description_is_the_storys():
    # (the fifty-first round's guard, l74-023) "description" as how someone is known, not the text's
    known = (
        "You found the spellbook under a loose board in your master's study, wrapped in oilcloth that smelled of smoke. "
        "When you opened it, the ink crawled into words. Not by name; by description. It wrote the boy who reads in the "
        "dark, and you closed it before your master reached the top of the stair."
    )
    assert score(known, WIZARD, genre="fantasy").kept
    noted = STORY.replace("Oren glanced", "Less description, more dialogue from here. Oren glanced")
    assert not score(noted, WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "said",
    [
        "The piece traces her long, quiet grief until the day the lamp is lit again.",
        "Her week after the letter is the heart of the piece: anger, guilt, and an old love.",
        "The lid is never lifted, and the reader is left with the last knock from below.",
        # (the fiftieth round) a treatment saying what it would do
        "The story would summarize her nights on the rock through the keeper's log.",
        "The treatment opens on the lamp lit for the first time in a year.",
    ],
)
def test_a_synopsis_that_names_the_piece_its_heart_or_the_reader_is_an_outline(said):
    synopsis = (
        "Maud Keeler, a lighthouse keeper's widow, finds a letter in the lamp room written in her husband's hand and "
        "dated a week after his drowning. She rows out to the rock every night to answer it. "
        + said
    )
    report = score(synopsis, "A lighthouse keeper's last letter arrives years late", genre="mystery")
    assert "penalty_outline" in reasons(report) and not report.kept, report.breakdown
    # ...while a story that speaks of a piece of something, or of a reader in it, is a story
    told = (
        "Maud found the letter in the lamp room, in her husband's hand, dated a week after the sea took him. She "
        "kept a piece of it in her apron. The reader at the library, a thin man with ink on his cuffs, told her "
        "the paper was older than the lamp. The doctor's treatment keeps her awake; the letter would summon her anyway."
    )
    assert form.is_outline(told) is False


@pytest.mark.parametrize(
    "plan",
    [
        "That's the opening scene. Want me to keep going? I was thinking the next part could have the book answer.",
        "Next part: Oren answers the book, and his master finds them. I can keep writing if you want.",
        "Where would you like it to go next? Should he answer the book, or burn it? I'll continue in whichever "
        "direction you choose.",
        # the twentieth round: the rest outlined, as the writer would go on, or where the writer stopped
        "Outline for the rest, so you can see where it goes:\n- Oren answers the book.\n- Final scene: his master "
        "reads the answer.",
        "From here the plan is for Oren to answer the book. I can write that out if you'd like.",
        "The story from here: Oren answers, and the master finds them. I can write that next part whenever you're "
        "ready.",
        "Next I'd write the master's side of the stair, then the answer. I'll draft those scenes if you want the "
        "full version.",
        "That's part one. The ending would be Oren burning the book, unless you'd prefer something darker. Let me "
        "know!",
        "That's as far as I've got. The idea is that the master wrote it. Should I keep going?",
        "I ran out of space before the master comes in, but I can add that scene.",
        "I'd end roughly there. Maybe one more line about the ink drying.",
        "ok gonna pause it here bc it's getting long lol. lmk if u want the rest, i've got a whole bit planned with "
        "the master",
        "that's kinda where i'd end it but i feel like it needs one more beat?? lmk what u think",
        "Should it stay this quiet, or get darker? I'd keep it short either way, and close on Oren hiding the book.",
        "I've summarised the second half to keep the response manageable, but I'm happy to write it out in full.",
        "(Fill in the bracketed parts as you like — I wasn't sure what the master should be called.)",
        "ok im gonna stop it right there bc the cliffhanger kinda slaps haha. want me to do the ending?",
        "I've written the opening scene in full; I'm happy to write the remaining scenes if you'd like.",
        "(and this is where i'd reveal who wrote the book but honestly i haven't decided lol — lmk)",
        "For the twist, I have a few options and would value your input:\n\n1. The master wrote it.\n2. Oren did.",
        "Should I continue to the morning? Just let me know and I'll write the conclusion.",
        # the twenty-first round: the rest sketched or its shape given, a half named, the plan or the ending left
        # open, placeholders owned up to
        "anyway the rest is basically: oren answers, the master finds out, the book burns. can flesh that out if u want",
        "The structure for the rest: Oren answers, and the master reads the answer at dawn. Shall I write these "
        "out in full?",
        "That's the first half. Shall I go on to the morning?",
        "I was planning to reveal who wrote the book, but I can leave it ambiguous if you prefer.",
        "(not sure how to end it yet tbh, maybe he burns it? lmk)",
        "Note: I've left a couple of placeholders for you to fill in, since names are personal!",
        # ...the rest in the next message, the user asked first, a scene still to fill, the last line offered to swap
        "(Story continues in my next message — I'm running up against the response length limit.)",
        'PART 2 coming up 👀 just say "continue" and i\'ll reveal who wrote the book',
        "Quick question before I go on — is this for kids or adults? I'll pitch the humour to match.",
        "⚠️ NOTICE: Before I compute the ending, please confirm: should the master be (a) kind or (b) cruel? Awaiting "
        "input.",
        "(Need to fill in the master's scene — let me know if you'd like it gentle or grim.)",
        "---\n\nHonest self-assessment: I'm not thrilled with that last line. A couple of alternatives you could swap "
        "in:\n\n- *He closed the book.*\n- *He kept reading.*",
        "---\n\n**Your move!** Reply with your guess and I'll write the big reveal scene 🎩",
        "Reply with your pick, and I'll write the twist.",
        "Let me know if you'd like me to turn this into an actual story instead.",
        "*sips tea* Old Grimwald has not yet decided what the book wants. Tell Grimwald, and he shall spin the rest!",
        # (the fortieth round) the ending left undecided, its ways listed
        "ok so i couldnt decide how to end this one so heres a few ways it could go:\n- he burns it\n- he answers it",
    ],
)
def test_a_first_part_with_the_rest_planned_is_meta_talk(plan):
    report = score(STORY + "\n\n" + plan, WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report.breakdown


@pytest.mark.parametrize(
    "talk",
    [
        # the parts to come told in the story's place, casually; the rest told as it would go
        "ok so thats part 1! in part 2 hed start answering the book, and then part 3 is the big fight with the master.",
        "The rest of the story would go roughly like this: Oren answers, and the master finds the book.",
        "Next, Oren would answer the book, only to find the master reading over his shoulder — that would be the "
        "climax.",
    ],
)
def test_the_rest_told_as_it_would_go_in_the_storys_place_is_meta_talk(talk):
    report = score(f"{STORY}\n\n{talk}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report.breakdown


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        # a casual assistant leaving the ending unwritten, without apostrophes
        ("", "ok so the twist i was going for: the book is the master. i didnt write out the final scene bc i feel "
             "like it hits harder implied? lmk if u want me to actually write the ending properly"),
        ("", "i was gonna have him burn it, which feels sad but right. lmk what u think"),
        # questions before the story is written, and a taste of it
        ("ooh i love this one. quick qs before i write the full thing:\n- should the book be kind or cruel?\n- "
         "happy ending?\n\nheres a little taste so u can see the voice:", "lmk and ill write it properly!"),
    ],
)
def test_a_casual_assistant_leaving_the_story_unwritten_is_meta_talk(opening, closing):
    report = score(f"{opening}\n\n{STORY}\n\n{closing}".strip(), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report.breakdown


def test_notes_longer_than_the_story_make_the_answer_a_critique():
    notes = (
        "\n\n---\n\nI'd like to explain a few of the choices behind this piece, since the question is doing most of the "
        "work.\n\nFirst, I chose not to say who wrote the book, because the question matters more than the answer. The "
        "master stays offstage so the stair carries the fear.\n\nSecond, the final image is meant to be both tender and "
        "frightening: on one reading the book wants a friend, on another it has learned exactly what to ask. I think "
        "this ambiguity is what keeps the piece unsettling rather than sweet.\n\nIf you'd prefer something scarier, I "
        "could revise the ending."
    )
    assert len(notes) > len(STORY)
    report = score(STORY + notes, WIZARD, genre="fantasy")
    assert report.text == STORY and "penalty_meta_talk" in reasons(report) and not report.kept, report.breakdown
    # ...while a short note is only a wrapper
    short = "\n\n---\n\nI chose not to say who wrote the book. If you'd prefer something scarier, I could revise it."
    assert score(STORY + short, WIZARD, genre="fantasy").kept


def test_a_short_list_a_character_writes_at_a_storys_close_is_not_an_outline():
    prose_before = STORY + "\n\nThe steps passed. He did not sleep, and in the grey before dawn the ink asked again."
    listed = prose_before + "\n\nSo he wrote on the wall, because lists were what he made when the world was too big."
    listed += "\n\n1. Nobody is coming.\n2. The book is warm.\n3. Answer it."
    assert score(listed, WIZARD, genre="fantasy").kept
    # ...while lines of an outline are one
    outline = "ACT I\nOren finds the book.\n\nACT II\nThe book asks.\n\nACT III\nTwist: the master wrote it."
    assert "penalty_outline" in reasons(score(outline, WIZARD, genre="fantasy"))


@pytest.mark.parametrize(
    "opening",
    [
        "Ooh, fun one. Here's how it starts:", "Scene one of three.", "Here's the first part:", "Draft — opening only:",
        "ok first attempt:", "ok here's how i'm thinking this goes, i'll write the opening properly and then sketch the rest:",
        "ok here goes, first half at least lol",
    ],
)
def test_an_opening_that_names_the_story_as_its_beginning_makes_it_unfinished(opening):
    report = score(f"{opening}\n\n{STORY}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report.breakdown
    # ...while an opening that offers the story whole is a wrapper
    assert score(f"Here's how it went for Oren:\n\n{STORY}", WIZARD, genre="fantasy").kept


def test_a_note_in_italics_keeps_its_own_let_me_know():
    note = STORY + "\n\nUnder the cover, a card: *Third shelf, behind the atlas. Tea on Friday? Let me know.*"
    assert clean.clean(note).text == note


@pytest.mark.parametrize(
    "text",
    [
        STORY + "\n\nIn the morning there was a note on the flyleaf, in his master's cramped hand.\n\nI found it "
        "first, at your age. I hope you'll be braver with it than I was.",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + " I hope you never find it.",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + "\n\nIf you like, I can tell you what it asked me next. I'd rather you didn't ask.",
        STORY.replace("Oren found", "I found").replace("his master's study", "my master's study")
        + "\n\nI am sealing this in the wall now. I hope it finds you. Keep the lamp trimmed.",
    ],
)
def test_a_narrators_hope_is_not_cleaned_off_as_the_assistants(text):
    cleaned = clean.clean(text)
    assert (cleaned.text, cleaned.postamble) == (text, "")
    # ...while the assistant's hope of the text is, in a first-person story too
    assistant = clean.clean(text + "\n\nI hope you enjoyed this little tale!")
    assert (assistant.text, assistant.postamble) == (text, "I hope you enjoyed this little tale!")


def test_the_rest_summarised_instead_of_told_is_meta_talk_not_a_wrapper():
    unfinished = score(
        STORY + "\n\nRather than write the duel in full, I'll summarise it: Oren wins, barely. Want me to write that "
        "out as a full scene?",
        WIZARD,
        genre="fantasy",
    )
    assert "penalty_meta_talk" in reasons(unfinished) and not unfinished.kept


STORY_OPENING, STORY_REST = STORY.split(" When he opened it, ")
STORY_REST = "When he opened it, " + STORY_REST


@pytest.mark.parametrize(
    "aside",
    [
        # what a thing stands for, explained
        "A word on the book, since it carries the whole thing: it is meant to stand for the way a teacher's voice "
        "stays with us.",
        "In case the point isn't clear: the question is his own, asked back to him.",
        # a verdict on the craft
        "Every good twist needs a quiet setup, and the oilcloth is ours.",
        "Keep an eye on the stair, because it pays off later.",
        # choices weighed in front of the reader
        "Alternative line here, if you want him braver: he kept the book open.",
        "I've got two endings in mind and can't decide between them.",
        "I'm going with a gentle ending for now; it's an easy change.",
        # a character's choice explained by the writer
        "I named him Oren because it sounds like an old door opening.",
        "I want this room to feel like a held breath, so I'm keeping the master offstage here.",
        # a casual writer's aside in brackets, with no "I"
        "(idk if the warm cover is too much? could swap it for something subtler)",
        # the next part told as it would go
        "In the next part, he'd answer the book, and the master would find them at dawn.",
        # the writer stopping, restarting, leaving the rest undecided or a placeholder in
        "ok i'm gonna stop here bc this is getting long haha.",
        "nah that's too slow, starting over:",
        "next bit is him hiding the book or burning it, haven't decided.",
        "Rest TBD.",
        "hmm no wait, that's too cliche, hold on",
        "nah scrap that, too plain. try again:",
        "The master, [Name of the master / the book's author], was asleep.",
        "[Establish the study and the master here before the book speaks.]",
        "[Climax and ending still to be drafted.]",
        "hmm that's been done. second attempt w/ an actual twist:",
        "v2 (darker):",
        # the writer correcting itself, steering or weighing the telling
        "Wait, I said one board, but let's make it two boards instead, because the hiding place works better.",
        "Short sentences only from here. Speed over backstory.",
        "Sorry, this section runs a bit long, but the dread needs the room.",
        "I'm deliberately not naming the master, since the whole point is that he could be anyone.",
        "The funny angle is that the book is petty. That's what I'd lean into.",
        # the twenty-first round: the writer's instructions to itself and placeholders in brackets, an aside to the
        # user in texting
        "[Beat: Oren listens to the stair, lets the silence stretch.]",
        "[He stops here, and the narrator should notice the ink moving.]",
        "[Consider a line about the smell of the pages.]",
        "[a joke from the master's cat here]",
        "[CAT GAG? maybe the cat can read]",
        "(gonna lean on the creepy stuff like u asked)",
        "[FIGHT SCENE — Oren and the master, maybe two paragraphs. TBD.]",
        "<!-- establish the master more here? -->",
        "Key elements used so far:\n- a hidden book\n- a master on the stairs",
        "It smelled of smoke and cloves. [SMELL]",
        # a template's variable, a line flagged as unsure
        "{Master1} was asleep, or pretending.",
        "The ink was warm, like breath (?)",
        '"Who is [MASTER B]?" the ink asked.',
        # the twenty-second round: the draft read back and begun again, a stretch skipped "for brevity", an opening
        # line picked from a list
        "Hmm. Re-reading that, it is far too gentle. Let me come at it again from the other side.",
        "I'll skip ahead to the night he opens it again for brevity — picture a week of him avoiding the study.",
        "Going with #2.",
        # ...a choice weighed or flagged in brackets, a draft read back, a slip corrected, a line left to sit, a fact
        # explained to "anyone wondering", a twist held back "until the last line", a plan's beat changed
        "(Only one candle — a single flame reads better than a room full of them.)",
        "Hmm — no, this is reading like a list, not a boy. Let me go again from inside his head.",
        "Wait — I had the book red in my head and just wrote green. Green it is.",
        "(The candle matters later — just flagging it.)",
        "I'll let that last line sit on its own for a moment.",
        "In case anyone's wondering how a book could be warm: old bindings hold heat. That's what I'm drawing on here.",
        "(Holding back who the master is until the last line.)",
        "Beat 2 said the cellar, but now that I'm writing it the study hits harder. Switching:",
        # ...the pace steered, a question forestalled, an author's note in a blockquote, a favourite part announced
        "Okay — picking up the pace from here.",
        "And before anyone asks — no, he won't open it twice. It didn't feel true to him as I was writing him.",
        "> *Author's note: I've kept the master offstage so that his steps carry the dread.*",
        "This next part is my favourite.",
        # ...a question the reader might have, answered; a confession about the piece; a stretch skipped in brackets
        "If you're wondering whether a book could really do that: in my version, yes, it can.",
        "Okay, small confession: three rooms is far too many for a piece this short. I'm folding the cellar into the "
        "study.",
        "(Skipping most of the night itself to keep things moving.)",
        # ...a puzzle put to the reader, a draft begun again, a stretch skipped in square brackets, a fun fact in brackets
        "Before the master explains, see if you can spot it yourself. Everything you need is in the paragraph above. Got "
        "it?",
        "No, wait. I want to start with the master, not the book. Trying again:",
        "[Skipping the second night here; it's mostly waiting and would slow things down.]",
        "(Fun fact, since it's relevant: oilcloth was once used to wrap letters at sea. Anyway, back to Oren!)",
        # the twenty-third round: the writer's working notes under their labels, a note in square brackets between
        # paragraphs, the story taken up again after the writer stopped it
        "TODO: give the master a name before the next pass.",
        "Pacing note — slower from here.",
        "Draft note: more of the master's steps, fewer of the book's words.",  # (the forty-second round, m96-012)
        "Author's note to self: don't name the master until the last line.",  # (m97-027)
        "Beat two: the book answers back.",
        "[Quick transition to the study.]",
        "Hmm, too stiff. Starting over from the stair:",
        # ...a slot left for the rest, in brackets after a dash or in braces; more labels; the writer's moves
        "[THE MASTER'S WARNING — two lines, stern but kind]",
        "He smelled {something old — cedar? tallow?} on the pages.",
        "(Correction to the above: the board should creak, so the master can hear it later.)",
        "A note on the ink: it moves only when no one is looking straight at it.",
        "- Beat 3: the book asks its question",
        "Or, a gentler take on that paragraph:",
        "Shifting to the master's point of view.",
        # ...a line corrected and taken up again, an outline's beat unnumbered
        "No, he'd hear the board from the stair, surely. Correcting:",
        "Beat: the question.",
        # (the thirty-sixth round) a named beat, a cut, the turn, another line or ending weighed under their labels
        "Sensory beat:", "Fast cut:", "Okay, the turn:", "Alt line: The book dropped, and the ink ran.",
        "Emotion note: he doesn't cry; restraint reads sadder.",
        # ...a pass still to make, a check of the writer's own
        "(Spell-name placeholder, tighten later.)",
        "Timeline check: if the master is sixty, the book is older than the house.",
        # ...another line offered, a switch of tense, the pace the writer keeps
        "Alt: He dropped the book. — not sure which works better; keeping the first.",
        "— actually, switching to present tense from here, it feels closer —",
        "Spell names dropped to keep this quick.",
        "(Magic simplified so it doesn't bog down.)",
        "I'm trimming the night in the study here, it was dragging.",
        "(Things the book knows, mostly for my own tracking: his name, his master's name.)",
        # ...an editorial note, a draft scrapped and taken again
        "Editorial note: the book's question is set in italics below to part it from the narration.",
        "Scrapping that, it reads like an inventory. Take two:",
        # ...a question left in brackets, a list kept for reference, a clue's payoff promised, a line kept on second thought
        "[cut the oilcloth line?]",
        "Things in the study so far, for reference:\n- the board\n- the oilcloth\n- the book",
        "Note the smoke, it pays off at the end.",
        "(Too much smoke? Possibly. Leaving it in.)",
        "Meh, that opening's stiff. Fresh start:",
        # the twenty-fourth round: the cuts the writer makes, and the turns it offers to take
        "Skipping the dull climb up the tower stairs.",
        "Cutting straight to the reveal.",
        "Sorry, the flashback ran long. Back to the study.",
        "His master's temper kept offscreen.",
        "Possible endings, take your pick:\n1. The book lies.\n2. The master lies.",
        "From here I see two directions: the book is lying, or the master is. Going with the master.",
        # the twenty-fifth round: a reminder to the writer in brackets
        "The board — (Remember to plant the loose board earlier — fix in revision.) — creaked.",
        # the thirty-seventh round: an order the writer gives itself on the text, or on nothing but where it stands; a
        # pass still to make under its label
        "Keep for now.",
        "(Hold the reveal one more line.)",
        "— slow this part down, more breath —",
        "Swap in a smell detail here.",
        "*Detail pass: add the candle?*",
        "Cut his hesitating; the pace wants him moving.",
        # ...an order of two words on the telling, the text's structure under its label, a cut if it runs long, the
        # comedy weighed
        "Cut backstory.",
        "(Structure: discovery, temptation, refusal.)",
        "(Consider cutting the oilcloth if this runs long.)",
        "Magic stays real; the master supplies the comedy.",
        # ...a rule of the writer's, a reminder in brackets, a seed to plant earlier, the commas counted
        "(Writer's rule: never explain the voice.)",
        "(Three spells only: rule of three.)",
        "(Don't forget: his fear lives in his hands.)",
        "*Could plant the crow earlier. Leaving it.*",
        "Fewer commas from here.",
    ],
)
def test_the_writer_stepping_into_the_story_is_meta_talk(aside):
    report = score(f"{STORY_OPENING}\n\n{aside}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report
    assert score(f"{STORY_OPENING}\n\n{STORY_REST}", WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "line",
    [
        "Cutting the twine with his teeth, he lifted the cover.",
        "Skipping supper had been a mistake; his stomach growled at the page.",
        "The lesson ran long, and the candles burned down to stubs.",
        "He had two possible answers and liked neither.",
        "There were two possible endings to the night, and he chose neither.",
        "From the stair he could see two directions: the study, or the door.",
        # (a beat and a turn of the story's own, before a colon or a dash)
        "He paused. A beat — then he laughed at himself.",
        "He took the turn: left at the stair, then left again.",
        "The turn: left at the oak, then straight on.",
        # (the thirty-seventh round: orders of the story's own, on its things, found by probing)
        "Leave the lantern here.",
        "Build the fire here, out of the wind.",
        "Keep this part of the map dry.",
        "Save the last match for now.",
        # ...its heart beating here, the words someone said or wrote told without quotation marks
        "The heart beat here, slow and heavy, under his palm.",
        "Let me know if the ink moves, his master wrote.",
        "I hope you like it, the old woman said, and meant it.",
        "This summary was requested by the librarian.",
        # ...details kept, a structure, a river running long, orders someone gives aloud
        "Keep the details for the inspector.",
        "Structure: timber, stone, and a slate roof.",
        "If it runs long, the river floods the lower field.",
        "Save the reveal for the king, the queen said.",
        "Slow down for this part, the guide said.",
        "The rule of three: salt, iron, silence.",
        "Don't forget: the key is under the third stone.",
        "He could plant the beans earlier next year.",
        "Fewer commas, the editor said, and more full stops.",
        "The commas in the ledger were all wrong.",
    ],
)
def test_a_storys_own_cuts_and_choices_are_not_the_writers(line):
    report = score(f"{STORY_OPENING}\n\n{line}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert report.kept and "penalty_meta_talk" not in reasons(report), report


def test_an_order_in_a_message_the_story_quotes_in_italics_is_the_messages():
    # (the thirty-seventh round: w35-035's note in a book, and the same words written back at the story's end)
    told = (
        f"{STORY_OPENING}\n\nA card fell out of the book: *You read too fast. Slow down for this part.*\n\n{STORY_REST}"
        "\n\nHe took the pencil and wrote on the inside cover.\n\n*Slow down for this part.*"
    )
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report
    # (on its line of its own after a paragraph that names no writing, it is the writer's note)
    report = score(f"{STORY_OPENING}\n\n*Slow down for this part.*\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert not report.kept and report.main_penalty == "penalty_meta_talk", report


def test_a_letter_signed_under_its_close_keeps_its_close():
    # (the thirty-seventh round: e41-012, "My dearest" opening the letter, and a close that reads as chatter)
    letter = (
        "My dearest Ilse,\nBy the time the steward gives you this, the bargain will be made, and you will have heard what "
        "they call me in the lower city. Let them.\nThe creature that came to me out of the dark did not lie. It said "
        "the kingdom would stand, and that I would not see you grow up.\nI hope this helps, one day, when you are queen "
        "and can count.\nYour mother"
    )
    report = score(letter, "A witch trades her memories for dark power", genre="dark_fantasy")
    assert report.text == letter, report.text
    # (chatter after the signature still goes)
    report = score(letter + "\n\nI hope this captures the bittersweet tone! Let me know if you'd like changes.",
                   "A witch trades her memories for dark power", genre="dark_fantasy")
    assert report.text == letter, report.text


def test_pacing_done_by_the_storys_people_is_no_note_on_the_pace():
    # (the thirty-sixth round: "pacing" read as the craft word)
    line = "The pacing of the guards never changed: twelve steps, turn, twelve steps."
    report = score(f"{STORY_OPENING}\n\n{line}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert report.kept, report
    report = score(f"{STORY_OPENING}\n\nPacing: slower from here, no dialogue.\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert not report.kept and report.main_penalty == "penalty_meta_talk", report


def test_a_narrator_who_says_i_may_refuse_to_describe_a_thing_of_the_story():
    # (the thirty-sixth round: e15-028's "I'm not going to describe the vicar.")
    from autotrain.quality import prose, talk

    refusal = "I'm not going to describe what came out of it."
    told = f"{FIRST_PERSON_STORY}\n\n{refusal}\n\nI closed the book and sat on it until morning."
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is None
    # (in a story told without "I", it is the writer's)
    told = f"{STORY}\n\nI'm not going to describe it yet; it's scarier if you don't see it.\n\nOren sat on the book."
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is not None
    # (the thirty-seventh round: ...nor write about it, nor set it down before the narrator begins something, l19-029,
    # l10-040; a question opening its sentence on "before I write" is still the writer's, m28-042)
    for own in ("My brother. I am not going to write about my brother.",
                "I want to set this down plainly, before I begin to improve on it."):
        told = f"{FIRST_PERSON_STORY}\n\n{own}\n\nI closed the book and sat on it until morning."
        assert talk.meta_talk(prose.narration(told.lower()), learned=False) is None, own
    told = f"{FIRST_PERSON_STORY}\n\nBefore I write the ending: happy or sad?\n\nI closed the book and sat on it."
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is not None


@pytest.mark.parametrize(
    "note",
    [
        "Standard terms. Payment on completion. Let me know if you have any questions. — H.",
        "Dear finder. This is my best stuff. Please look after it. P.S. Let me know if you find it. Danny, age 9.",
        # (on several lines: all of them)
        "Dear finder,\nThis is my best stuff. Please look after it.\nLet me know if you find it.\nDanny, age 9",
    ],
)
def test_writing_the_story_quotes_after_a_colon_is_not_the_writers(note):
    told = f"{STORY}\n\nClipped to the cover was a note in a small, square hand:\n\n{note}\n\nOren read it twice."
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


def test_the_writers_note_after_its_own_colon_is_still_meta_talk():
    for intro in ("A quick note on the pacing:", "Here is the note I promised you:"):
        told = f"{STORY_OPENING}\n\n{intro}\n\nI sped the stair scene up so the ending has room.\n\n{STORY_REST}"
        assert "penalty_meta_talk" in reasons(score(told, WIZARD, genre="fantasy")), intro


@pytest.mark.parametrize(
    "aside",
    [
        # the twenty-fifth round: the writer's aside between two dashes, inside a sentence of the story
        # (in a long sentence: alone, the writer's reason is found in it)
        "The candle had guttered out, so he listened — I'm going heavy on sound here since he can barely see — and "
        "heard the stair creak, the wind in the chimney, his own heart, and beneath all three, something slower.",
        "The master — I'm calling him only 'the master' rather than naming him, because a name would make him smaller "
        "— turned over in his sleep, muttered something about the price of candles, and slept on while the ink moved.",
        "The cat — and I'll admit the cat is a cliché, but it's a cliché with a job to do — watched him.",
    ],
)
def test_the_writers_aside_between_dashes_is_meta_talk(aside):
    report = score(f"{STORY_OPENING}\n\n{aside}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


@pytest.mark.parametrize(
    "aside",
    [
        # the twenty-fifth round's later batches: in a story told by "I", a dash aside in the writer's voice about the
        # making, a bracket inside a sentence, a note to self on the draft
        "Well, I thought — I'm giving him a dry, clipped voice since you wanted first person — that was that, then.",
        "The stair creaked and I felt it in my ribs (kept this one short, since it felt like a single moment).",
        "Note to self: maybe foreshadow the loose board earlier.",
    ],
)
def test_the_writers_aside_inside_a_first_person_story_is_meta_talk(aside):
    opening = STORY_OPENING.replace("Oren found", "I found").replace("his master's study", "my master's study")
    report = score(f"{opening}\n\n{aside}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


@pytest.mark.parametrize(
    "line",
    [
        "Well, I thought — I'm not proud of it, but I was tired — that was that, then.",
        "The stair creaked and I felt it in my ribs (the way you feel a train before you hear it).",
    ],
)
def test_a_first_person_storys_own_asides_stay(line):
    opening = STORY_OPENING.replace("Oren found", "I found").replace("his master's study", "my master's study")
    told = f"{opening}\n\n{line}\n\n{STORY_REST}"
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


@pytest.mark.parametrize(
    "line",
    [
        "He listened — he had learned to, in that house — and heard the stair creak.",
        "The master — who had never once, in my hearing, raised his voice — slept on.",
    ],
)
def test_a_storys_own_words_between_dashes_stay(line):
    opening = STORY_OPENING.replace("Oren found", "I found").replace("his master's study", "my master's study")
    for told in (f"{STORY_OPENING}\n\n{line}\n\n{STORY_REST}", f"{opening}\n\n{line}\n\n{STORY_REST}"):
        report = score(told, WIZARD, genre="fantasy")
        assert report.kept and "penalty_meta_talk" not in reasons(report), report


@pytest.mark.parametrize(
    "aside",
    [
        # the writer skipping ahead in a story its narrator tells as "I"; a placeholder inside a character's line
        "— Okay, I'm going to skip ahead a bit here to keep it short —",
        '"The word is [insert an old-sounding word here — e.g., something Latin]," the master said.',
    ],
)
def test_the_writer_stepping_into_a_first_person_story_is_meta_talk(aside):
    opening = STORY_OPENING.replace("Oren found", "I found").replace("his master's study", "my master's study")
    report = score(f"{opening}\n\n{aside}\n\n{STORY_REST}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report
    assert score(f"{opening}\n\n{STORY_REST}", WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "raw",
    [
        # notes keyed into the story by their marks: taking them off leaves the writer's marks in the story
        STORY.replace("smelled of smoke.", "smelled of smoke¹.") + "\n\n---\n¹ I chose smoke because it hints at the fire "
        "to come.",
        # ...or left inside it
        STORY_OPENING.replace("smelled of smoke.", "smelled of smoke.¹") + "\n\n¹ Oilcloth really does keep that smell "
        "for years, I looked it up.\n\n" + STORY_REST,
        # the writer's aside beside a note in italics: the note's "I" is quoted, the aside's is the writer's
        f"{STORY_OPENING} *I'll be back by dark,* the label read.\n\n(Yes, I'm steering you toward the master on "
        f"purpose.)\n\n{STORY_REST}",
        # the writer's aside in the story's last paragraph, which cleaning takes for the assistant's register: its line
        # of speech says it is the story's
        f"{STORY}\n\nThe master laughed. (I gave him the last word on purpose, it felt more like him.) "
        '"Books usually do," he said, and went back down the stairs.',
        # the writer's aside inside a character's line
        STORY.replace('"Who taught you to read?"', '"Sit down. (Keeping this mostly dialogue, as asked.) Who taught you '
                      'to read?"'),
        # edits the writer still means to make, and the user asked before going further: the story is unfinished
        f"{STORY}\n\n---\n\nWait — I wrote that the cover is warm and then that the room is cold. Fix: "
        'change "warm" to "cool". Also the stair feels too modern — consider cutting.',
        f"{STORY}\n\nQuick check before I go further: the next part gets grim — it would mean what the book really wants. "
        "Do you want me to keep it implied, or would you prefer a gentler turn? Happy to go either way.",
    ],
    ids=["notes keyed by marks", "a footnote inside", "an aside beside a note in italics",
         "an aside in the last paragraph", "an aside inside speech", "edits still to make", "asked before going further"],
)
def test_the_writer_in_the_answer_around_the_story_is_meta_talk(raw):
    report = score(raw, WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


def test_notes_with_no_mark_in_the_story_are_a_wrapper():
    assert score(f"{STORY}\n\n---\n¹ Smoke hints at the fire to come.", WIZARD, genre="fantasy").kept


def test_a_first_chapter_with_the_rest_sketched_is_unfinished_and_a_whole_arc_is_not():
    report = score(f"{STORY}\n\nAnd that's the end of Chapter One! I've got it all sketched out, so let me know if you "
                   "want Chapter Two and I'll keep it coming!", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report
    whole = score(f"{STORY}\n\nP.S. That's the whole arc, but if you'd prefer a version where he opens it again, I'm "
                  "happy to write that instead.", WIZARD, genre="fantasy")
    assert whole.kept and whole.text == STORY, whole


@pytest.mark.parametrize(
    "raw",
    [
        FIRST_PERSON_STORY + "\n\n— end —\n\nThat's my shot at it! I can also do a version with more spells in it if "
        "that's your thing.",
        FIRST_PERSON_STORY + "\n\nI hope the clues are fun to spot on a second read! If you'd like, I can write the "
        "master's side.",
        "I've been thinking about old books a lot lately, so this one came easily. First person, as asked:\n\n"
        + FIRST_PERSON_STORY,
        # the twenty-third round: what the maker made, handed over; the maker's "tried to" without its "I"
        "I'll be honest, I had a dusty attic in mind from the start. Here's what I came up with:\n\n" + FIRST_PERSON_STORY,
        "I wanted the book to sound curious rather than cruel, so I wrote it close to the apprentice. Here it is:\n\n"
        + FIRST_PERSON_STORY,
        FIRST_PERSON_STORY + "\n\nTried to give it a hushed, fireside-tale feel, the kind of yarn told in a whisper.",
        # the twenty-fourth round: the maker saying, before the story, how it made it
        "I've told this as the apprentice's own account, years later.\n\n" + FIRST_PERSON_STORY,
        "Happy to! I tried to make this feel like a winter evening in a cold tower.\n\n" + FIRST_PERSON_STORY,
        "I went for a hushed, slightly eerie tone.\n\n" + FIRST_PERSON_STORY,
        # ...and the maker's hope that the user's wish came through, at the end
        FIRST_PERSON_STORY.replace("I found", "Oren found").replace("my master's", "his master's")
        .replace(" I opened", " he opened").replace("my name", "his name").replace("I glanced", "Oren glanced")
        + "\n\nI hope the creak of the board comes through the way you wanted!",
        "I'll tell this one from the apprentice's side, so the book stays a mystery.\n\n" + FIRST_PERSON_STORY,
        STORY + "\n\nI went for a hushed, bookish feel. Should I give the master a bigger part?",
        # the twenty-fifth round: the maker's "I" on its making after its assent, with no word about the text
        "Certainly! I'll keep it slow and wintry, letting the cold tower do most of the work.\n\n" + STORY,
        # ...the maker on the side it told the story from, on its fun, on what it leaned into or circled, before it
        "I pictured this one from the apprentice's side of the door, so he's the one telling it.\n\n"
        + FIRST_PERSON_STORY,
        "I worked this from the apprentice's own perspective, because I think the dread lands harder that way.\n\n"
        + FIRST_PERSON_STORY,
        "I should say up front: I leaned into the apprentice's voice here, so it's a bit breathless.\n\n"
        + FIRST_PERSON_STORY,
        "I've always found old bindings a little eerie, so I leaned into that.\n\n" + FIRST_PERSON_STORY,
        "I had a lot of fun with this one. A nosy book is a great engine for a scene.\n\n" + FIRST_PERSON_STORY,
        "I kept circling one question while writing this: what does a book want from its reader? Here's where I "
        "landed.\n\n" + FIRST_PERSON_STORY,
        "I kept thinking about how a master's silence can be louder than a scolding. So this is told by the "
        "apprentice.\n\n" + FIRST_PERSON_STORY,
        # ...and after it: a character kept offstage, the maker's hope in italics
        FIRST_PERSON_STORY + "\n\nI kept the master offstage on purpose; his steps are all we hear of him.",
        FIRST_PERSON_STORY + "\n\n_Hope that strikes the right balance between eerie and cosy!_",
    ],
)
def test_wrappers_of_a_first_person_story_are_taken_off(raw):
    report = score(raw, WIZARD, genre="fantasy")
    assert report.kept and report.text in (FIRST_PERSON_STORY, STORY), report


@pytest.mark.parametrize(
    "told",
    [
        f"{FIRST_PERSON_STORY}\n\nI have told it as if it happened to someone braver. It did not.",
        f"I'll tell it in order, though it had none at the time.\n\n{FIRST_PERSON_STORY}",
        # a narrator's first line that opens on a choice as an assistant's does ("I went with a quiet take", "I leaned
        # into the bickering here"), but of the story's own
        f"I leaned into that door with my whole weight before it gave.\n\n{FIRST_PERSON_STORY}",
        f"I went with my master to the market that morning.\n\n{FIRST_PERSON_STORY}",
        f"I focused on the door, the way he taught me.\n\n{FIRST_PERSON_STORY}",
        # a narrator's "here's what happened" (not the assistant's "here's a story", "here it is")
        "Okay. Here's what happened, and I'll tell it fast, because the master is on the stair and I'd rather you "
        f"heard it from me.\n\n{FIRST_PERSON_STORY}",
    ],
)
def test_a_narrators_own_account_of_the_telling_stays(told):
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


@pytest.mark.parametrize(
    "opener",
    [
        "A cold tower, a curious book and an apprentice who reads too late. Enjoy!",
        "Right — a spellbook, a nosy apprentice and a question at the end. Let's go.",
        "Oh, a lovely pairing: an old book with a young reader. Let's see.",
    ],
)
def test_a_short_opening_that_ends_on_the_go_ahead_is_taken_off(opener):
    report = score(f"{opener}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == STORY, report


def test_a_storys_first_paragraph_may_end_on_here_we_go():
    told = f"The stair creaked under Oren's weight. Here we go.\n\n{STORY}"
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


def test_an_assent_alone_before_a_story_is_taken_off():
    report = score(f"Sure.\n\nIt was late when {STORY[0].lower()}{STORY[1:]}", WIZARD, genre="fantasy")
    assert report.kept and report.text.startswith("It was late when oren found"), report


def test_an_assent_before_the_storys_first_line_takes_only_itself():
    report = score(f"Sure thing. The ink was still wet.\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == f"The ink was still wet.\n\n{STORY}", report


@pytest.mark.parametrize(
    "after",
    [
        "---\n\n**Ending 1 (quiet):** He put the book back.\n\n**Ending 2 (darker):** He read the question aloud.\n\nI'd "
        "lean toward Ending 1, but both are here in case you want more of a chill.",
        "**Ending (version 1):** He put the book back.\n\n**Ending (version 2):** He read the question aloud.\n\nVersion 1 "
        "keeps it gentle; version 2 is darker. Happy to tweak either!",
    ],
)
def test_two_endings_offered_after_the_story_are_meta_talk(after):
    report = score(f"{STORY}\n\n{after}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


def test_a_sign_before_the_storys_first_line_takes_only_itself():
    report = score(f"Hold on tight! 🧙 The board was loose.\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == f"The board was loose.\n\n{STORY}", report


def test_a_short_line_that_tells_stays_before_the_chatter_after_it():
    told = f"{STORY}\n\nHe looked up and grinned."
    report = score(f"{told} Hope that's the hush you wanted; I can slow it down if you like!", WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


def test_a_first_person_narrators_last_lines_stay_before_the_chatter_after_them():
    told = f"{FIRST_PERSON_STORY}\n\nI wrote it. I have never once been sorry."
    report = score(f"{told} Let me know what you think!", WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


# --- the twenty-third round: shapes the fresh batches showed ---


@pytest.mark.parametrize(
    "raw",
    [
        # a label alone on its line, after a title or not
        f"Title: The Crawling Ink\n\nStory:\n{STORY}",
        f"**The story:**\n{STORY}",
        # a sentence handing the story over, on the story's first line
        f"Here is your story, told in a hushed and careful voice. {STORY}",
        # a moral in the paragraph of the offer after it; and "that's my take"
        f"{STORY}\n\nSome doors are better left closed, however sweetly they call to us. I can write what the master "
        "says next, if you'd like.",
        f"{STORY}\n\nIn the end, some books simply choose the readers they deserve. Anyway, that's my take! Let me know "
        "if the ending lands.",
        # the maker's "I'll give this one...", a question to the user about the text, notes promised before the story
        f"I'll give this one a hushed, candlelit feel, all dread and no spells.\n\n{STORY}\n\nDoes the ending work for "
        "you, or would you prefer it to be darker?",
        "Lovely prompt. Before the story, a short word on what I was after.\n\nA spellbook is hard to make new, so I "
        "tried to make the book the one asking questions. I also kept the master offstage, only a sound on the stair."
        f"\n\n{STORY}",
        # thanks for "an" evocative prompt, a hope the story "kept" the reader, a clue explained in brackets, "prompts"
        f"{STORY}\n\nSome books are better left on their shelves. Thank you for such an evocative prompt.",
        f"{STORY}\n\nThe rest is up to the master. Hope it kept you guessing!",
        f"{STORY}\n\n(The clue I planted: the oilcloth smells of smoke because the book has burned before.)",
        "I don't often go this quiet with fantasy prompts, but a spellbook felt like it needed a hush rather than a "
        "bang.\n\n" + STORY,
        # a parting before the offer; a moral in the present passive; the brief under labels before and after
        f"{STORY}\n\nCheers. Shout if you'd like it shorter, or if you want the book to win.",
        f"{STORY}\n\nSome books are sealed for the sake of their readers. Thanks for such a fun prompt!",
        f"Brief: fantasy · a wizard finds a spellbook · gentle humour.\n\n{STORY}",
        f"{STORY}\n\n---\n\n*Written for: Fantasy / a wizard and a spellbook / atmosphere.*",
        f"{STORY}\n\n(I had so much fun with this one!)",
        f"The Apprentice Would Like It Known That He Never Touched the Book\n\n{STORY}",
        f"{STORY}\n\n---\n\nWhat I was going for:\n- a book that asks rather than tells\n- a master heard, never seen",
        f"{STORY}\n\nThat was a blast to write. Up for another chapter?",
        f"{STORY}\n\nThe book kept its question, and I think it's stronger if we never learn the answer. Let me know if "
        "you'd like it longer.",
        f"This is a quiet, bookish fantasy; the focus is on what the apprentice does not do.\n\n{STORY}",
        f"{STORY}\n\nI do hope that suits.",
    ],
    ids=["a label after a title", "a label in bold", "handed over on the first line", "a moral before the offer",
         "a moral and my take", "I'll give this one and a question", "notes promised before the story",
         "a moral and thanks", "a hope it kept you", "the clue I planted", "fantasy prompts", "a parting and shout if",
         "a moral in the present passive", "the brief before", "written for, after", "fun with this one",
         "a long title", "what I was going for", "a blast to write", "the maker's verdict before the offer",
         "this is a fantasy; the focus", "I do hope"],
)
def test_the_wrappers_of_the_twenty_third_round_are_taken_off(raw):
    report = score(raw, WIZARD, genre="fantasy")
    assert report.kept and report.text == STORY, report


@pytest.mark.parametrize(
    "last",
    [
        "Oren never opened it again.",  # a name of the story's
        "The master said nothing to anyone at supper that night.",  # the past
        "Nobody in the house spoke of the book.",  # in the past too, by a verb no list holds: nothing in the present
        "Some nights the ink still crawls in his dreams.",  # "his": someone of the story's
    ],
)
def test_a_last_line_of_the_story_stays_before_the_offer_in_its_paragraph(last):
    told = f"{STORY}\n\n{last}"
    report = score(f"{told} I can write what happens at supper, if you'd like.", WIZARD, genre="fantasy")
    assert report.kept and report.text == told, report


@pytest.mark.parametrize(
    "opening",
    [
        # a letter's first paragraph says "if you" and "write"; a narrator's "before the story" is the story's own
        "Dear Oren, I'll be at the gate on Sunday. If you come, I'll know. If you don't, I won't write again.",
        "Long before the story of the fire was told in every kitchen, there was only the book.",
        # a first word said, which the story's next sentence speaks of
        'Sure.\n\nThat was the first thing the book ever said to Oren, and it said it in his own handwriting.',
    ],
)
def test_an_opening_that_speaks_to_someone_or_of_a_story_of_its_own_stays(opening):
    report = score(f"{opening}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == f"{opening}\n\n{STORY}", report


@pytest.mark.parametrize(
    "text",
    [
        # a diary's note to its writer; a log closed by a line in brackets; a transcript's sounds in brackets
        FIRST_PERSON_STORY.replace(" When I opened it,", " Note to self: never trust oilcloth. When I opened it,"),
        f"{STORY}\n\n[No further entries. The book was never found.]",
        f"{STORY_OPENING}\n\n[static]\n\n{STORY_REST}\n\n[static]\n\n[end of recording]",
    ],
    ids=["a diary's note to self", "a log's closing line", "a transcript's sounds"],
)
def test_a_storys_own_notes_and_bracketed_lines_are_not_meta_talk(text):
    assert "penalty_meta_talk" not in reasons(score(text, WIZARD, genre="fantasy"))


@pytest.mark.parametrize(
    "aside",
    [
        # a correction in brackets, a choice owned in brackets, where the narrator says "I" too
        "(Small correction: I said the board was loose above — make it nailed, so the hiding works. I'll keep it "
        "consistent from here.)",
        "(I let the master stay offstage on purpose — it felt truer.)",
    ],
)
def test_the_writers_bracketed_aside_in_a_first_person_story_is_meta_talk(aside):
    opening, rest = FIRST_PERSON_STORY.split(" When I opened it, ")
    report = score(f"{opening}\n\n{aside}\n\nWhen I opened it, {rest}", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


def test_the_writer_leaving_the_story_where_it_is_is_unfinished():
    for ending in ("That's where I'll leave it for now.", "I'll pause here."):
        report = score(f"{STORY}\n\n{ending}\n\nWant me to continue with what the book asks next?", WIZARD,
                       genre="fantasy")
        assert "penalty_meta_talk" in reasons(report) and not report.kept, (ending, report)


def test_the_learned_measure_finds_the_writers_aside_and_leaves_the_storys_lines():
    from autotrain.quality import asides, prose

    # Wording no rule knows, in the writer's register: the learned measure finds it, the rules do not.
    aside = "This bit is short on purpose; the next part does the heavy lifting."
    text = f"{STORY_OPENING}\n\n{aside}\n\n{STORY_REST}"
    narration = prose.narration(text)
    from autotrain.quality import talk

    assert talk.meta_talk(narration, learned=False) is None
    assert asides.aside(narration) == prose.narration(aside)
    report = score(text, WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept
    # A story's lines, past narration or a narrator who says "I" of the telling, stay the story's.
    model = asides.model()
    for line, narrator_i in [
        ("She did not know how the story would end, only that she would not rest.", False),
        ("I'll tell it the way my grandmother told it, with the boring parts left in.", True),
        ("The ferry is late again, and the gulls are arguing over a chip paper.", False),
    ]:
        assert model.score(prose.narration(line), narrator_i) < model.threshold, line
    assert asides.aside(prose.narration(STORY)) is None


def test_the_committed_learned_weights_are_what_the_tune_half_gives():
    """asides.json and register.json are learned from the tune half by scripts/train_learned.py (`make
    learned`): a change of the corpus, the cleaner or the rules that moves the weights must come with the
    files written again."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "scripts/train_learned.py", "--check"], cwd=CORPUS_DIR.parents[2],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def _train_learned_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("train_learned", CORPUS_DIR.parents[2] / "scripts" / "train_learned.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("checks, writes, code", [([1, 0], 1, 0), ([0], 0, 0), ([1, 1, 1, 1], 3, 1)])
def test_the_learned_files_are_written_again_until_what_they_give_is_themselves(monkeypatch, checks, writes, code):
    """Cleaning reads the asides measure and the measures learn from cleaned texts: one writing may not be a fixed point,
    so the script writes again (in a fresh process, the measures being cached) until --check agrees, a few times at most."""
    import subprocess

    train_learned = _train_learned_module()
    answers = iter(checks)
    calls: list[str] = []

    def run(command, **kwargs):
        calls.append(command[-1])
        return subprocess.CompletedProcess(command, next(answers) if command[-1] == "--check" else 0)

    monkeypatch.setattr(train_learned.subprocess, "run", run)
    assert train_learned._write_until_stable() == code
    assert calls.count("--once") == writes and calls[-1] == "--check"


def test_the_asides_measure_learns_a_marked_story_and_its_chatter_as_their_writer_marked_them(monkeypatch):
    """A good answer whose story its writer marked teaches the measure that story and the chatter around it, not
    what cleaning made of them: chatter cleaning left in is not a story's sentence (it would set the threshold)."""
    from autotrain.quality.corpus import Case

    train_learned = _train_learned_module()
    chatter = "I hope the twist landed for you!"
    text = f"Sure! Here's your story:\n\n{STORY}\n\n{chatter}"
    case = Case("w0-001", "good", "good_wrapped", "fantasy", WIZARD, "", text, story=STORY, source="good_w0")
    left_in = clean.Cleaned(f"{STORY}\n\n{chatter}", "Sure! Here's your story:", "")  # as a cleaner that missed it
    monkeypatch.setattr(train_learned, "tune", lambda: ((case, left_in),))
    writer, story, _ = train_learned.training_sentences()
    assert any("hope the twist landed" in sentence for sentence, _ in writer)
    assert not any("hope the twist landed" in sentence for sentence, _, _ in story)
    assert any("oilcloth" in sentence for sentence, _, _ in story)


def test_a_batch_joining_the_corpus_moves_no_other_file_to_another_fold():
    from autotrain.quality.learned import folds_by_file

    files = ["bad_m9", "good_e12", "good_w27", "good_w3"]
    before = dict(zip(files, folds_by_file(files, 5)))
    after = dict(zip(files + ["good_w28"], folds_by_file(files + ["good_w28"], 5)))
    assert all(after[name] == fold for name, fold in before.items())
    assert set(folds_by_file([f"batch_{n}" for n in range(40)], 5)) == set(range(5))


def test_the_register_measure_keeps_a_present_tense_scene_the_generic_words_call_an_essay():
    from autotrain.quality import prose, register
    from autotrain.quality.relevance import narrative

    scene = (
        "It is five in the morning and the tower is cold. The book is on the desk where Oren left it, and it is "
        "open. He has not touched it since Tuesday. The ink on the first page is moving again: it has found his "
        "name, and now it is spelling a question. Oren is ten, and he has never been asked a question by a book. "
        "He sits down. The stair is quiet. His master is asleep, or is pretending to be."
    )
    essay = (
        "A spellbook is, in most traditions, more than a record of spells. It is often a teacher, and many "
        "apprentices are said to have learned more from the margins of such books than from their masters. "
        "Scholars of the subject usually divide them into two kinds: the grimoire, which is kept by one family "
        "for generations, and the working book, which is copied, lent and often lost. Both kinds can be dangerous "
        "to a reader who is not ready, and most schools therefore keep them locked."
    )
    measured = {name: narrative(prose.narration(text)) for name, text in (("scene", scene), ("essay", essay))}
    # Both are over the generic-word level ("is", "has", "often", "most"...), so the register is asked of both...
    assert measured["scene"].register is not None and measured["essay"].register is not None
    # ...and keeps the scene, while the essay stays an essay.
    assert measured["scene"].register <= register.model().threshold < measured["essay"].register
    assert not measured["scene"].exposition and measured["essay"].exposition
    assert score(scene, WIZARD, genre="fantasy").kept


JOURNAL = (
    "Day 3. The tower stair has a loose board on the ninth step, and under it, wrapped in oilcloth, a book that "
    "is warm to the touch. I have put it back. I have not slept.\n\n"
    "Day 4. Took it out again while the master was at market. The ink on the first page moved when I breathed "
    "on it, and by noon it had spelled my name, very neatly, the way my mother used to.\n\n"
    "Day 6. It asks questions now. Who taught me to read. Why I hide it. Whether the master knows. I answer "
    "in pencil in the margins, and by morning the answers are gone and there is a new question.\n\n"
    "Day 9. The master asked at supper whether I had been sleeping well. I said yes. The book, when I went up, "
    "had written one word across both pages: Liar."
)
LOG = (
    "Day 3 - found a book under the stair.\n\nDay 4 - book warm. Ink moving.\n\nDay 6 - it asks questions.\n\n"
    "Day 9 - master suspicious. Book says liar."
)
# "The first page was easy: ..." tells (a verb before the colon); "MASTER VELL: ..." and "Oren: ..." label lines.
TOLD_BEFORE_COLONS = (
    "The first page was easy: a charm for warming cold hands.\n\nOren read it twice and felt the heat rise in "
    "his fingers.\n\nThe second page was harder: a word for opening locked doors.\n\nHe said it under his breath, "
    "and every drawer in the study slid open at once.\n\nThe last page was blank: only a question in brown ink.\n\n"
    "Who taught you to read?"
)
SCRIPT = (
    "MASTER VELL: Where is the book?\n\nOren: I have not seen it.\n\nMASTER VELL: It was under the stair.\n\n"
    "Oren: Then it is still there."
)


@pytest.mark.parametrize(
    ("told", "labelled"),
    [(JOURNAL, LOG), (TOLD_BEFORE_COLONS, SCRIPT)],
    ids=["a journal of prose entries, a log of short ones", "sentences before colons, a script's speakers"],
)
def test_prose_that_looks_labelled_is_a_story_and_labelled_lines_are_not(told, labelled):
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and "penalty_script" not in reasons(report), report
    assert "penalty_script" in reasons(score(labelled, WIZARD, genre="fantasy"))


def test_the_register_measures_alone_threshold_is_set_by_the_good_answers_it_judges():
    """`alone` judges texts under the generic-word level but near it: it is set among the good answers of that band,
    so a good answer it never judges (a vignette over the level, in the band of `threshold`) does not move it."""
    import random

    from autotrain.quality import register

    rng = random.Random(7)
    story_words = "she he said had her his then walked door night looked turned back hand".split()
    essay_words = "is are most often many usually which can this that generally known".split()
    texts, asked = [], []
    for n in range(150):
        good = n % 3 != 0
        pool = story_words if good else essay_words
        words = [rng.choice(pool) for _ in range(60)] + [rng.choice(story_words + essay_words) for _ in range(20)]
        texts.append((words, not good, f"batch_{n % 10}"))
        asked.append(False)
    # one good answer that reads like an essay (a vignette of generic words)
    texts.append(([rng.choice(essay_words) for _ in range(70)] + ["she"] * 5, False, "batch_3"))
    asked.append(True)
    stories = [not expository and number < 150 for number, (_, expository, _) in enumerate(texts)]
    without = register.train(texts, frozenset(), asked, stories)
    with_it = register.train(texts, frozenset(), asked, [*stories[:-1], True])
    assert without.weights == with_it.weights  # the same fit: only the answers `alone` is set among differ
    assert without.alone < with_it.alone


def test_the_register_measure_alone_finds_an_essay_under_the_generic_word_level():
    """A history of a trade, told in the past tense like a story, says fewer generic words than an essay's level;
    the learned measure of the register is sure of it. A story at the same level is not an essay to it."""
    from autotrain.quality import prose, register
    from autotrain.quality.relevance import REGISTER_LEVEL, narrative

    essay = (
        "Lighthouse keeping was, for most of its history, a family trade. A keeper's wife trimmed the wicks when he "
        "was ill, and his children usually learned the fog signals before they learned to read. The work itself was "
        "often tedious: the lens had to be polished every morning, the brass cleaned, the log kept in a steady "
        "hand.\n\nWhat the job demanded above all was attention, and many keepers were known for it. A light that "
        "failed for ten minutes on a winter night could put a ship on the rocks, and the inspectors who visited "
        "each spring read the logs closely for gaps.\n\nAutomation ended all of this within a generation. The last "
        "keepers left their towers with a mixture of relief and grief, and the buildings that remain are now "
        "holiday lets, museums or simply empty."
    )
    measured = narrative(prose.narration(essay))
    assert not measured.over_level and measured.register is not None  # under the essay's level, over the measure's
    assert measured.register > register.model().alone and measured.exposition
    prompt = "A lighthouse keeper disappears during a storm"
    assert score(essay, prompt, genre="mystery").reject_reason == "an essay, guide or explainer, not a story"
    # A story whose narrator generalises about its place first says as many generic words: it stays a story.
    ferry = (
        "On Harl the ferry usually runs twice a day, and most islanders can often tell from the gulls whether it will run "
        "at all. Tonight it has not come. Mags stands at the end of the pier with her brother's coat over her arm "
        "and watches the light on Skerry Rock.\n\nIt goes out at nine. It has never gone out, not in the forty "
        "years her brother has kept it, not in the storm that took the church roof.\n\nShe walks home through the "
        "rain, lays the coat on his chair, and sits up with the lamp lit, in case he needs a light to find the way."
    )
    story = narrative(prose.narration(ferry))
    assert story.register is not None and not story.over_level and not story.exposition
    assert score(ferry, prompt, genre="mystery").kept
    assert 0 < REGISTER_LEVEL


LIGHTHOUSE = "A lighthouse keeper disappears during a storm"


def test_the_summary_measure_finds_a_plot_summary_with_no_shape_of_one_and_keeps_the_story_told():
    """A synopsis in the plain middle register (no blurb, no tagline, no "this story follows", no list) has none of the
    shapes form.py reads: the learned measure of summary.py reads it as a summary by its register alone. The same events
    told as a scene are a story to it."""
    from autotrain.quality import summary

    synopsis = (
        "When the autumn storm cuts the island off, the keeper of the Carrick Light vanishes from a locked tower, and "
        "his daughter Nessa rows across from the mainland to find him. Over the next few days she searches the rocks "
        "and the keeper's cottage while the islanders close ranks and say nothing. Meanwhile, the lamp keeps burning "
        "every night although no one is tending it. Nessa eventually realises that her father has been signalling to "
        "a ship that sank forty years earlier, and that the islanders have known all along. In the final chapter she "
        "must decide whether to put out the light and break the bargain that has kept the island safe."
    )
    told = (
        "The storm had been at the tower for two days when Nessa got the boat across. The door was bolted from inside. "
        "She climbed in through the pantry window, skinning her knee on the sill, and called for her father until her "
        "voice went thin.\n\nHis boots stood by the stove, laced. His pipe was cold. Up in the lantern room the lamp "
        "turned and turned, clean as a plate, and the log lay open at that morning's page, in his hand: Wind NW, "
        "rising. She answers again.\n\nNessa looked out at the black water where the beam went. Far out, something "
        "flashed back, once, twice, and then the dark closed over it."
    )
    assert not form.is_outline(synopsis)  # (no shape of a summary: the measure alone)
    assert summary.model().sums_up(prose.WORD.findall(prose.lowered(synopsis)))
    report = score(synopsis, LIGHTHOUSE, genre="mystery")
    assert report.reject_reason == "outline or list, not prose" and "penalty_outline" in report.breakdown
    assert not summary.model().sums_up(prose.WORD.findall(prose.lowered(told)))
    assert score(told, LIGHTHOUSE, genre="mystery").kept
    # under MIN_WORDS words a text is held to the higher bar learned for short ones, and under SHORT_WORDS it is not asked,
    # however the rates read
    measure = summary.model()
    words = prose.WORD.findall(prose.lowered(synopsis))
    assert len(words) >= summary.MIN_WORDS and measure.threshold < measure.short_threshold < math.inf
    assert measure.score(words[:59]) > measure.short_threshold
    assert not measure.sums_up(words[:59]) and measure.sums_up(words[:60])
    # ...nor of a text that quotes someone: a summary quotes no one, or seldom (and half the built-in writer's stories do)
    quoting = synopsis.replace("say nothing.", 'say nothing. "Go home," the harbourmaster tells her.')
    assert prose.has_dialogue(quoting) and summary.model().sums_up(prose.WORD.findall(prose.lowered(quoting)))
    assert "penalty_outline" not in score(quoting, LIGHTHOUSE, genre="mystery").breakdown


def test_a_short_synopsis_is_held_to_the_short_bar_of_the_summary_measure():
    """A synopsis of a paragraph (62 words) reads as a summary over the bar learned for texts of 60 to 99 words: an
    outline; the short good stories of the guards stay under it."""
    from autotrain.quality import summary

    short = (
        "When the autumn storm cuts the island off, the keeper of the Carrick Light vanishes from a locked tower, and his "
        "daughter Nessa rows across from the mainland to find him. Over the next few days she searches the rocks while "
        "the islanders close ranks. Nessa eventually realises that her father has been signalling to a ship that sank "
        "forty years earlier."
    )
    words = prose.WORD.findall(prose.lowered(short))
    assert summary.SHORT_WORDS <= len(words) < summary.MIN_WORDS and not form.is_outline(short)
    report = score(short, LIGHTHOUSE, genre="mystery")
    assert report.reject_reason == "outline or list, not prose" and "penalty_outline" in report.breakdown
    # the bar is the highest a short good answer scores out of fold: a text at it is told, one over it summed up
    measure = summary.model()
    at = dataclasses.replace(measure, short_threshold=measure.score(words))
    assert not at.sums_up(words) and dataclasses.replace(at, short_threshold=at.short_threshold - 1e-9).sums_up(words)


def test_the_summary_measure_learns_the_built_in_writers_stories_as_stories_without_their_setting_its_threshold():
    """The built-in writer's formulaic register ("The weeks that followed tested him...") is learned as a story's, from
    its stories (`written`); they do not set the threshold, which stays where the corpus's good answers put it."""
    import random

    from autotrain.quality import summary

    rng = random.Random(3)
    story = "she he said had her his walked door looked hand stood dark".split()
    plot = "when eventually realises must whether final meanwhile discovers learns spends".split()
    formula = "followed weeks vowed whatever cost those knew doubted".split()
    texts = []
    for n in range(200):
        summed_up = n % 4 == 0
        pool = plot if summed_up else story
        words = [rng.choice(pool) for _ in range(100)] + [rng.choice(story + plot) for _ in range(20)]
        texts.append((words, summed_up, f"batch_{n % 10}"))
    # the built-in writer's stories: a story's words, and its formula, which the corpus's summaries say too
    written = [[rng.choice(story) for _ in range(70)] + [rng.choice(formula) for _ in range(50)] for _ in range(60)]
    for words, summed_up, _ in texts[::8]:
        if summed_up:
            words.extend(rng.choice(formula) for _ in range(30))
    formulaic = [rng.choice(story) for _ in range(70)] + [rng.choice(formula) for _ in range(50)]
    without = summary.train(texts, frozenset())
    learned = summary.train(texts, frozenset(), written)
    assert without.weights.get("followed", 0.0) > learned.weights.get("followed", 0.0)
    assert without.sums_up(formulaic) and not learned.sums_up(formulaic)
    assert not learned.sums_up(texts[1][0]) and learned.sums_up(texts[0][0])
    # one written story more, all plot words as no other: it reads as a summary, and does not move the threshold
    odd = [rng.choice(plot) for _ in range(120)]
    with_odd = summary.train(texts, frozenset(), [*written, odd])
    assert with_odd.score(odd) > learned.threshold + 1 and abs(with_odd.threshold - learned.threshold) < 0.5


def test_the_summary_measure_calls_none_of_the_built_in_writers_stories_of_a_default_run_a_summary():
    """The default run's plan (seed 0) is not the one the measure learned the built-in writer from (OFFLINE_SEED)."""
    from autotrain.llm.offline import planned_stories
    from autotrain.quality import summary

    measure = summary.model()
    stories = planned_stories(seed=0, num_examples=200)
    called = [text for _, text in stories if measure.sums_up(prose.WORD.findall(prose.lowered(text)))]
    assert len(stories) == 600 and called == []


@pytest.mark.parametrize(
    ("prompt", "genre", "text"),
    [
        # a bulletin about nobody in particular, in few generic words: the learned measure is asked of it all the same
        (
            "Mountaineers race a storm to reach the summit",
            "adventure",
            "SUMMIT CONDITIONS, 05:00. A deepening low over the range by early afternoon. Cloud base falling to "
            "6,800 m. Winds on the upper ridge rising from 30 to 70 km/h, gusting 90 after 14:00. Fresh snow of 40 cm "
            "on the north face, and wind slab on most lee slopes. Fixed ropes above Camp 3 buried in two places. "
            "Summit attempts after 10:00 not advised. No helicopter lift from Camp 2 until the wind drops below 40 km/h. "
            "Next update 11:00.",
        ),
        # a card of orders, sentence after sentence
        (
            "A stranded astronaut must survive on a hostile alien world",
            "sci_fi",
            "HABITAT FAILURE CARD\n\nYou are alone and the habitat is losing air. Move slowly and think first. Seal "
            "the inner hatch before anything else. Pull the spare canisters from the rover and swap them one at a "
            "time. Vent the galley if the smoke alarm sounds. Sleep in the rover, never in the habitat, until the "
            "pressure holds for a full day. Call the orbiter at every pass, even with nothing to report.",
        ),
        # a museum's entry: its provenance, its collection, a date "circa"
        (
            "A porcelain doll appears in a different room every morning",
            "horror",
            "Object 214 — Porcelain Child Doll\nBisque, muslin, mohair. French, circa 1890. Height 41 cm.\n\nA doll "
            "with a bisque head, blue paperweight eyes and an open mouth showing four small teeth, dressed in its "
            "original cream cotton smock. The provenance is unusually complete: the doll was bequeathed to the museum "
            "with the rest of the Harlow family collection, together with a nursery inventory noting that it was found "
            "in a different room every morning for the whole of one winter. It has been exhibited only once, and "
            "never in the same case twice.",
        ),
        # an auction's lot, and a leaflet of what to expect and do
        (
            "A cursed grimoire is found in a monastery library",
            "dark_fantasy",
            "Lot 31: a manuscript grimoire, vellum, iron clasps, probably Flemish, late fifteenth century. Some leaves "
            "scorched at the fore-edge; the clasps are fused shut. Consigned from a monastic library, together with a "
            "note in the abbot's hand asking that it not be opened on the premises. The auction house has honoured the "
            "request. Buyers should be aware that the catalogue photograph was taken with the book closed, and that "
            "the house will not open it for inspection.",
        ),
        (
            "A young wizard discovers an ancient spellbook",
            "fantasy",
            "Village Safety Leaflet: Found Spellbooks\n\nSpellbooks turn up in attics more often than you would think, "
            "usually after a thaw. Expect the cover to be warm and the clasp to resist. Never read the first page "
            "aloud. Offer it nothing: no ink, no blood, no name. Report the find to the parish clerk, who keeps a "
            "lead-lined box for the purpose. Stay out of the room until the clerk arrives, and keep children and cats "
            "downstairs.",
        ),
    ],
    ids=["an impersonal bulletin", "a card of orders", "a museum's entry", "an auction's lot", "a safety leaflet"],
)
def test_exposition_in_few_generic_words_is_rejected(prompt, genre, text):
    report = score(text, prompt, genre=genre)
    assert report.reject_reason == "an essay, guide or explainer, not a story", report


def test_a_lots_words_and_a_leaflets_orders_are_counted():
    from autotrain.quality import prose
    from autotrain.quality.relevance import CHRONICLE_LEVEL, narrative

    lot = ("Lot 12: a brass astrolabe, probably Persian. Consigned by a private collector; the auction house notes a "
           "publisher's label on the case and a memoir of its finding, 212 pp., sold with it.")
    assert narrative(prose.narration(lot).lower()).chronicle >= CHRONICLE_LEVEL
    leaflet = ("Expect the clasp to resist. Never read it aloud. Offer it nothing. Report the find. Stay out of the room. "
               "Tape the keyhole.")
    told = narrative(prose.narration(leaflet).lower())
    assert told.imperatives == told.sentences == 6


def test_a_lecture_under_its_title_addresses_its_audience():
    from autotrain.quality import prose
    from autotrain.quality.relevance import narrative

    lecture = (
        'Seminar Notes, Week 4: "The Grey March"\nFor the third-year cohort in military history\n\nGood afternoon. '
        "Today we turn to the one campaign every student thinks they already understand."
    )
    assert narrative(prose.narration(lecture).lower()).address
    assert narrative(prose.narration("Good afternoon. Put your phones away; this part matters.").lower()).address
    # a story's greeting at dawn is no lecture
    assert not narrative(prose.narration("Good morning. The kettle had boiled dry again.").lower()).address


def test_a_brief_restated_before_the_story_is_an_echo_even_when_cleaned_off():
    report = score(f"Genre: Fantasy\nPrompt: {WIZARD}\nStyle: Give it a mysterious, haunting tone\n\n" + STORY,
                   WIZARD, genre="fantasy")
    assert "penalty_echo" in reasons(report) and not report.kept


def test_a_prompt_named_in_an_openers_sentence_is_a_wrapper_but_under_a_label_an_echo():
    named = score(f'Certainly! Here is a fantasy story based on your prompt, "{WIZARD}."\n\n' + STORY, WIZARD,
                  genre="fantasy")
    assert named.text == STORY and named.kept, named
    for label in ("Prompt:", "**Prompt:**", "Prompt —"):
        labelled = score(f"{label} {WIZARD}\n\n" + STORY, WIZARD, genre="fantasy")
        assert "penalty_echo" in reasons(labelled) and not labelled.kept, (label, labelled)


def test_a_synopsis_with_its_twist_labelled_is_exposition():
    synopsis = (
        "The story follows a young apprentice, Oren, who finds a spellbook under the floor of his master's study. Its "
        "pages spell his name and ask him questions, and he answers them, learning spells no apprentice should know."
        "\n\nThe twist: the book was never his master's. It has been choosing its readers for three hundred years."
        "\n\nOren keeps it, and the master, who was the last reader it let go, never says a word about the floor."
    )
    report = score(synopsis, WIZARD, genre="fantasy")
    assert "penalty_exposition" in reasons(report) and not report.kept, report


def test_a_journal_of_weekdays_with_an_entry_each_is_a_story_not_a_log():
    journal = "\n\n".join((
        "Monday: the kitchen, on the chair by the stove, facing the door. I assumed my brother. He says no.",
        "Tuesday: the study, on the master's desk, open at a page I had never seen. The ink was still wet on it.",
        "Wednesday: under my pillow. I had locked the book in the chest on Tuesday night, and the chest was locked.",
        "Thursday: nothing. I slept until ten. I made porridge. My brother laughed at something and I laughed too.",
    ))
    report = score(journal, WIZARD, genre="fantasy")
    assert report.kept and "penalty_script" not in reasons(report), report


def test_a_title_with_an_abbreviation_and_a_notes_line_are_taken_off():
    report = score("**Mrs. Vell's Book**\n\n" + STORY + "\n\nA few notes:\n\n1. I kept the master offstage.\n2. The "
                   "ending hints at what comes next.", WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, report


def test_a_refusal_stays_a_refusal_when_it_opens_the_answer():
    report = score("I can't write that kind of frightening story, but here's a gentler version:\n\n" + STORY,
                   WIZARD, genre="fantasy")
    assert "penalty_refusal" in reasons(report) and not report.kept


def test_a_story_a_narrator_opens_with_okay_is_no_refusal():
    told = (
        "Okay. You have four minutes, so listen to me. The spellbook is under the loose board by the hearth. Lift the "
        "board slowly. Do not open the book, whatever the cover whispers. Wrap it in the oilcloth and carry it down "
        "the back stair. Your master is asleep. He will not wake if you keep to the wall. At the river, let it go.\n"
        "You do. The ink sighs once as the water takes it, and you never tell anyone what it asked you."
    )
    report = score(told, WIZARD, genre="fantasy")
    assert "penalty_refusal" not in reasons(report) and report.kept, report.breakdown
    # ...while "Okay." with little after it is
    assert "penalty_refusal" in reasons(score("Okay. Here's the story.", WIZARD, genre="fantasy"))


def test_chatter_with_no_story_is_not_cleaned_into_nothing():
    report = score("Sure! Here's a story about a dragon egg:", WIZARD, genre="fantasy")
    assert not report.kept
    assert report.text == "Sure! Here's a story about a dragon egg:"


# --- the twenty-seventh round -------------------------------------------------------------------------


def test_a_letter_signed_with_what_its_writer_calls_herself_is_not_cut_off():
    for letter in ("To the Council of Lower Wenham,\n\n" + STORY + "\n\nA friend of the Ashbys",
                   "To whoever I am tomorrow,\n\n" + STORY + "\n\n— you"):
        report = score(letter, WIZARD, genre="fantasy")
        assert report.kept and "penalty_cut_off" not in reasons(report), report
    # ...but a story that is no letter, or a last line that goes on or stops on "the", was cut
    for cut in (STORY + "\n\nA friend of the Ashbys", "Dear Tom,\n\n" + STORY + "\n\nAnd then the wind",
                "Dear Tom,\n\n" + STORY + "\n\nHe looked at the"):
        assert "penalty_cut_off" in reasons(score(cut, WIZARD, genre="fantasy")), cut


def test_a_note_or_letter_signed_in_lowercase_is_not_cut_off():
    # (the thirty-seventh round: e13-044's "— a friend", e18-021's "the girl in the red scarf" under a valediction)
    from autotrain.quality import cutoff

    assert not cutoff.is_cut_off(STORY + "\n\nDon't open it. Don't trust the master. — a friend")
    assert not cutoff.is_cut_off(STORY + "\n\nWith love, and without forgiveness,\nthe girl in the red scarf")
    # ...but a dash before words cut in, or a last line after a valediction that stops on "the", was cut
    assert cutoff.is_cut_off(STORY + "\n\nDon't open it. — the master and the")
    assert cutoff.is_cut_off(STORY + "\n\nHe read it and went down to the")


def test_a_letter_hopes_of_its_reader_as_the_assistant_hopes_of_its_story():
    letter = ("Dear new apprentice,\n\nWelcome to the tower. I hope you like it. The last one did, for a while. I kept "
              "the book for him, as I will keep it for you, and I watched him find it.\n\n" + STORY + "\n\nYours, the Book")
    assert score(letter, WIZARD, genre="fantasy").kept
    assert "penalty_meta_talk" in reasons(score(inside("I hope you like it."), WIZARD, genre="fantasy"))


@pytest.mark.parametrize(
    ("narration", "meta"),
    [
        ("sorry, i had him say hello twice there. please ignore that second line.", True),
        ("please disregard the above; i will begin again.", True),
        ("p.s. please ignore the crew. they are also looking.", False),
        ("i've written a darker version if you want it.", True),
        ("i'd imagined this a hundred times, and in every version i was wittier.", False),
        ("reader, i haven't said which of them is which, and that's deliberate.", True),
        ("we heard you too, once. i'll stop there; the silence after is the point.", True),
        ("the door creaked. i'm not certain that last line lands; it might need to be more explicit.", True),
        ("not sure the rival crew isn't one joke too many; they'd be easy to cut.", True),
        ("i've deliberately not explained who she is. i think it's creepier that way.", True),
        ("he didn't mind at all — i ended on a soft note there, but i can give it a sharper finish if you prefer.", True),
        ("i'm not sure which works better for the story overall.", True),
        ("i burned them both, and i am not sure which one i was trying to destroy.", False),
        ("i was rude at supper, but i can make it up to you if you like.", False),
        # (the forty-fourth round) a terminal's prompt is not the brief; the brief said so is
        ("at 03:12 the static clears, and the cursor at the prompt begins to move on its own.", False),
        ("the cursor blinks at the prompt. a quiet ending was what the prompt wanted.", True),
        ("he slipped the notes into the books he knew i'd open next.", False),
        ("okay, here's how i'd open it. i'll do this in parts.", True),
        # (the fiftieth round) a teller's true or tavern version of the tale is not the assistant's of its text
        ("but you asked for the true version, so i will tell it plainly.", False),
        ("sit, then, and i'll tell it, though you've heard the tavern version where i'm taller.", False),
        ("right, sergeant, quick version, i've a train at six and you'll want it all.", False),
        ("you asked for a true story, so i've written a version with a real bell in it.", True),
    ],
)
def test_meta_phrases_of_the_text_not_of_the_story(narration, meta):
    from autotrain.quality import talk

    assert (talk.meta_phrase(narration) is not None) is meta, talk.meta_phrase(narration)


def test_hopes_and_cannots_of_the_storys_people_are_not_the_assistants():
    inscription = STORY.replace(" Oren glanced", " Under it, one line: To whoever opens this: I hope you find what you "
                                "are looking for. Oren glanced")
    assert score(inscription, WIZARD, genre="fantasy").kept
    assert "penalty_meta_talk" in reasons(score(inside("I hope you enjoyed it."), WIZARD, genre="fantasy"))
    note = ("Maren. They crawl. I cannot help it if my books find your hearth more agreeable than my company. I have "
            "asked them not to. A.\n\n" + STORY)
    report = score(note, WIZARD, genre="fantasy")
    assert report.kept and "penalty_refusal" not in reasons(report), report


def test_a_summary_line_and_themes_explored_are_wrappers():
    report = score("One-line summary: an apprentice finds a book that reads him.\n\n---\n\n" + STORY
                   + "\n\nThemes explored:\n- Curiosity\n- Obedience", WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, report


@pytest.mark.parametrize(
    "note",
    [
        "Maybe too much fog here?", "More sound here?", "Does the joke land?", "Should the letter be longer?",
        "More banter, or less?", "Smell of the cellar, keep or cut?", "(smell okay?)", "(too many candles?)", "[time?]",
        "Maybe cut this line?", "Could speed this up more.", "Her name could change.", "Okay, twist now.",
        "Going for speed here.", "Still unsure about this ending.", "Tense feels off, fix later.",
        "Jargon kept light on purpose.", "[chase could use one more obstacle]", "[need a better word than 'crawled']",
        "Is this too dark for the humour?", "Cutting it there, more suspense that way.", "(bit of a cliché, sorry)",
        "(Bit bleak, I know.)", "Hope the humour lands.", "[Should he have a master? Left him alone for now.]",
    ],
)
def test_the_writers_terse_notes_on_the_draft_are_meta_talk(note):
    report = score(inside(note), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, (note, report.breakdown)


@pytest.mark.parametrize(
    "note",
    ["Setting feels heavy, maybe trim later.", "Weaker image than I wanted, come back to this.",
     "Rework that first line maybe.", "Might end one beat sooner, not sure.", "[year? 1941 or 1943, check]",
     "Never showing the master. Keep it that way?", "I leaned on the dust since the brief asked for atmosphere.",
     "Maybe one stunt too many?", "is the owl joke too silly?", "(too sentimental?)", "pace okay here?",
     "(is the haunting tone strong enough?)", "Too many adjectives here, trim later.", "[TOWER, decide later]",
     "(owl name: TBC)", "I think this part drags a bit.", "Opening could be stronger.", "Not sure this reveal is earned."],
)
def test_more_of_the_writers_notes_on_the_draft_are_meta_talk(note):
    report = score(inside(note), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, (note, report.breakdown)


def test_the_makers_i_wrote_this_opening_is_taken_off():
    # (the thirty-seventh round: w84-035, "I wrote" missing from the maker's verbs)
    opening = "I wrote this almost entirely in narration and kept the master offstage, so the book can carry it:"
    report = score(f"{opening}\n\n{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == STORY, report


@pytest.mark.parametrize(
    "tail",
    [" Kept it punchy for you.", " Tell me if you want more of the book.", " Too grim? I can soften it.",
     " Could extend this into his first spell.", " Horror-lite, since you wanted humour.", " (Cliffhanger by design.)",
     " Want more from this tower?", "\n\nThe ending is deliberately left unspoken: the book knows, and so do we.",
     # (the thirty-seventh round) after the maker's interjection; an offer of changes
     " Arr, hope that got a chuckle! I can write more of Oren if you like.", " Ha, I had fun with this one.",
     "\n\nAny changes to tone or length, just ask!"],
)
def test_the_makers_word_joined_to_the_last_sentence_is_taken_off(tail):
    report = score(STORY + tail, WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, (tail, report)


@pytest.mark.parametrize(
    "line",
    ["Maybe tomorrow?", "She was going for the door.", "Her name could wait.", "He wanted more light, or less noise.",
     "Should he run?", "The rope could use a knot."],
)
def test_a_narrators_doubts_are_not_the_writers_notes(line):
    report = score(inside(line), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" not in reasons(report), (line, report.breakdown)


def test_a_writers_choice_or_doubt_joined_to_the_last_sentence_is_left_for_the_scorer():
    for joined in (", and I went with the quiet reveal rather than a fight, hope that works.",
                   ", though I might change this last image."):
        report = score(STORY[:-1] + joined, WIZARD, genre="fantasy")
        assert "penalty_meta_talk" in reasons(report) and not report.kept, (joined, report)


def test_a_note_on_the_draft_in_brackets_inside_the_last_sentence_is_left_for_the_scorer():
    report = score(STORY[:-1] + " (too cute? can cut).", WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept, report


@pytest.mark.parametrize(
    "pitch", ["Sure — here it is. ", "Quick and punchy, as asked. ", "Fantasy, but with a talking book. ",
              "Enjoy — the last line is where it turns. "],
)
def test_a_pitch_on_the_storys_own_first_line_is_taken_off(pitch):
    report = score(pitch + STORY, WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, (pitch, report)


def test_a_narrators_here_it_is_and_a_short_line_after_a_pitch_stay():
    told = "All right. Here it is, then, the one you asked for, and don't blame me if nobody sleeps. " + STORY
    assert score(told, WIZARD, genre="fantasy").text == told
    # (a pitch with only a short line after it is left to the other openers: "Buckle up." is not the story's line)
    assert clean._PITCH.match("Sure — here it is. Buckle up.\n\n" + STORY) is None


def test_a_draft_the_story_quotes_is_not_a_choice_of_drafts():
    report = score(STORY + "\nDraft one read: I found it first.\nHe burned that one and wrote another.", WIZARD,
                   genre="fantasy")
    assert "penalty_meta_talk" not in reasons(report), report.breakdown


def test_a_list_the_narrator_keeps_and_closes_in_prose_is_a_story_not_an_outline():
    kept = ("What the book has taken so far\n\n1. The smell of my mother's kitchen. (For the light that found the ring.)\n"
            "2. The name of the dog we had when I was six. I know there was a dog. I know it was brown.\n"
            "3. My first spell, the one for lighting candles. Oren says I was proud of it for a week.\n"
            "4. Why I opened it.\n\nOren reads the list aloud each night. He says the last one is the saddest. I tell him I "
            "wouldn't know.")
    report = score(kept, WIZARD, genre="fantasy")
    assert report.kept and "penalty_outline" not in reasons(report), report.breakdown
    # ...but a plan with no narrator, or a list under labels after it, is an outline
    plan = ("1. Oren finds the spellbook under the floor.\n2. The book asks him a question.\n3. His master comes up the "
            "stairs.\n4. Oren hides the book.\n\nThe story ends with the book whispering his name.")
    assert "penalty_outline" in reasons(score(plan, WIZARD, genre="fantasy"))
    told = score("Here is what I know, twenty-six years on:\n" + kept.split("\n\n", 1)[1], WIZARD, genre="fantasy")
    assert told.kept and told.text.startswith("Here is what I know"), told
    labelled = kept.replace("Oren reads the list aloud each night. He says the last one is the saddest. I tell him I "
                            "wouldn't know.", "Twist: I never opened it at all.")
    assert "penalty_outline" in reasons(score(labelled, WIZARD, genre="fantasy"))


SECTIONS = (
    "I.\nThe rain had found every crack in the tower roof by the time Wren climbed the last stair. She set the lamp on the "
    "floor and listened to the drip.\nII.\nUnder the loose board there was a book, wrapped in oilcloth that smelled of "
    "tar. Its clasp was warm, as if someone had just let go of it.\nIII.\nShe read the first line aloud without meaning "
    "to. Every candle in the room leaned toward her, and somewhere below, a door she had never seen opened on its own."
)


@pytest.mark.parametrize("heads", [("I.", "II.", "III."), ("9:40 p.m.", "10:05 p.m.", "11:58 p.m.")])
def test_a_story_in_sections_under_bare_heads_is_not_a_script(heads):
    told = SECTIONS
    for old, new in zip(("I.\n", "II.\n", "III.\n"), heads):
        told = told.replace(old, new + "\n", 1)
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and "penalty_script" not in reasons(report), report.breakdown
    # ...but a log's times over an entry of a line each are a log
    log = ("6:10 a.m.\nWind north-west, rising.\n7:30 a.m.\nReefed the mainsail.\n9:00 a.m.\nLand sighted to port.\n"
           "11:15 a.m.\nAnchored in the bay.\n12:40 p.m.\nShore party sent.")
    assert "penalty_script" in reasons(score(log, WIZARD, genre="fantasy"))


def test_an_exchange_the_story_quotes_between_its_lines_is_not_a_script():
    storm = "A lighthouse keeper disappears during a storm"
    told = (
        "The storm had been building since noon, and by midnight the harbour office shook with every gust.\n\n"
        "Sergeant Ada Marsh kept the radio on and the kettle going.\n\nHARBOUR: Skerry Light, do you read?\n"
        "SKERRY: Reading you. Someone is knocking at the lamp room door.\nHARBOUR: Say again, Tom. You're alone out "
        "there.\n\nThen static.\n\nAt first light Ada rowed out with two constables. The lamp was still turning.\n\n"
        "The door was bolted from inside, and the keeper's boots stood side by side at the top of the stair.\n\nTom "
        "Rudd was gone. On the log, in his steady hand, the last entry read only: Let him in."
    )
    report = score(told, storm, genre="mystery")
    assert report.kept and "penalty_script" not in reasons(report), report.breakdown
    # ...but a diary's dates, one over each entry, are a diary's however long its entries
    diary = (
        "March 3rd\nThe storm came in at dusk and the keeper lit the lamp early, as he always does when the glass drops "
        "this fast.\nMarch 4th\nNo word from the light all day. The radio gives only static, and the sea is too high "
        "for the boat.\nMarch 5th\nWe rowed out at dawn. The lamp was turning and the door was bolted from inside, but "
        "the keeper was gone."
    )
    assert "penalty_script" in reasons(score(diary, storm, genre="mystery"))
    # ...and a log under a line of its own is mostly log
    log = (
        "Harbour radio log, night of the storm.\nHARBOUR: Skerry Light, do you read?\nSKERRY: Reading you. Wind "
        "north-west, rising.\nHARBOUR: Keeper, confirm your lamp is lit.\nSKERRY: Lamp lit. Someone at the door.\n"
        "HARBOUR: Skerry Light, do you read?\nNo further contact was made with the light that night, and the keeper was "
        "not found when the boat went out at dawn."
    )
    assert "penalty_script" in reasons(score(log, storm, genre="mystery"))


def test_a_story_told_in_numbered_moments_is_not_an_outline():
    told = (
        "1. The cellar stair was slick with the river's breath, and Tam went down it with one hand on the cold wall.\n"
        "2. Behind the wine racks he found the chest his grandmother had sworn was empty. The lock had rusted into a brown "
        "flower, and it gave when he touched it.\n"
        "3. Inside lay a book bound in grey hide. When he opened it, the pages smelled of smoke and lavender, and the ink "
        "shivered like a pond when a stone goes in.\n"
        "4. He read one word aloud. The candle went out, and in the dark he heard his grandmother laugh, very close, though "
        "she had been dead since the spring."
    )
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and "penalty_outline" not in reasons(report), report.breakdown
    # ...but a point labelled as the plot's part makes it an outline, and so does a plan summed up point by point
    assert "penalty_outline" in reasons(score(told.replace("4. He read", "4. Climax: He read"), WIZARD, genre="fantasy"))
    plan = ("1. Oren finds the spellbook under the floor.\n2. The book asks him a question.\n3. His master comes up the "
            "stairs.\n4. Oren hides the book and learns its first spell.")
    assert "penalty_outline" in reasons(score(plan, WIZARD, genre="fantasy"))


def test_a_list_a_character_keeps_is_a_story_labels_and_all():
    """A found document or a character's own list (its points labelled) reads to the summary measure as told: not an
    outline; a plan summed up point by point still is one."""
    told = (
        "What the spellbook has cost me since I pried it out of the chimney, kept by Wren, apprentice:\n\n"
        "1. Eyebrows: both. They grew back blue.\n\n"
        "2. The cat's good opinion: gone. She sleeps in the coal scuttle now and watches the book the way she watches "
        "dogs.\n\n"
        "3. Tuesday: I read page nine aloud after supper and woke up on Wednesday with ink on my hands and no memory of "
        "the day between.\n\n"
        "4. Master Coyle's patience. He found the scorch on the ceiling and asked me, very quietly, what I had been "
        "reading. I said the almanac.\n\n"
        "5. Nothing yet, tonight. It has opened itself to the last page and is waiting for me to read it, and I have "
        "put my hand flat on the cover to keep it shut, and I can feel it breathing."
    )
    report = score(told, WIZARD, genre="fantasy")
    assert report.kept and "penalty_outline" not in reasons(report), report.breakdown
    plan = (
        "1. Wren, an apprentice, pries an old spellbook out of the chimney and hides it from his master.\n"
        "2. Each spell he reads costs him something small at first, then a whole day he cannot remember.\n"
        "3. His master discovers the scorch marks and begins to suspect the truth about the book.\n"
        "4. In the end Wren must decide whether to read the last page, which promises to undo every cost."
    )
    assert "penalty_outline" in reasons(score(plan, WIZARD, genre="fantasy"))
    # ...and a list in bullets is not asked: a writer's notes and plans come so
    bullets = re.sub(r"\n\n\d\. ", "\n\n- ", told)
    assert "penalty_outline" in reasons(score(bullets, WIZARD, genre="fantasy"))


def test_a_story_told_in_the_imperative_is_not_a_guide():
    told = (
        "Stop when the spade rings on wood. Kneel in the clay and put your ear to the lid: three knocks, slow, the way "
        "your father used to knock on your bedroom door. Don't shout for the sexton; he was the one who nailed it shut on "
        "Tuesday. Scrape the plate clean with your thumb. Read the name. Read it again, because it is yours, and the date "
        "under it is tomorrow's. Knock back once. Wait. Feel the answer come up through the boards, patient and pleased."
    )
    report = score(told, "A gravedigger finds a coffin that knocks from the inside", genre="horror")
    assert report.kept and "penalty_exposition" not in reasons(report), report.breakdown
    guide = (
        "Check the ground before you dig, because clay that has been disturbed settles unevenly. Mark the plot with four "
        "stakes and a line. Keep the spoil heap downhill of the grave so that rain does not wash it back in. Never dig "
        "alone after dark, and always tell the sexton which plot you are working. Bring a second lamp in winter. Report "
        "any coffin that is damaged to the parish office the same day. Leave the gate locked when you go."
    )
    report = score(guide, "A gravedigger finds a coffin that knocks from the inside", genre="horror")
    assert "penalty_exposition" in reasons(report), report.breakdown


BLURB = (
    "Pell Hartigan is the worst apprentice the Guild of Lamps has ever had. When a sweep of the cellar turns up a book that "
    "whispers his name, he hides it under his mattress and tells no one. Now the masters are searching every room, the "
    "book is teaching him spells nobody should know, and the voice inside it is getting impatient. Will Pell give the "
    "book up before it gives him away? Can an apprentice outwit the whole Guild? And what does the book want in return?"
)


def test_a_back_covers_questions_and_a_pitchs_this_follows_are_a_summary():
    for told in (BLURB, "This follows Pell Hartigan, the least promising apprentice of the Guild of Lamps, who finds a "
                        "whispering book in the cellar and must hide it from the masters while it teaches him spells no "
                        "one should know. As the search closes in, Pell discovers the book once belonged to the Guild's "
                        "founder, and that it has chosen him for a reason."):
        assert "penalty_outline" in reasons(score(told, WIZARD, genre="fantasy")), told
    # ...but a story that closes on its narrator's questions, or on two of them, asks them itself
    story = ("Pell found the book in the cellar, under a sack of lamp wicks, and it whispered his name the moment he "
             "touched it. He carried it up to his room and sat with it on his knees until the candle guttered. In the "
             "morning the masters searched every room. Pell stood in the yard with the book under his coat and thought: "
             "what would I give it, if it asked? What have I got that anyone wants? And why did it choose me?")
    assert score(story, WIZARD, genre="fantasy").kept
    two = BLURB.replace(" Can an apprentice outwit the whole Guild?", "")
    assert "penalty_outline" not in reasons(score(two, WIZARD, genre="fantasy"))


@pytest.mark.parametrize(
    "summary",
    [
        # a chatty recap of the story had in mind
        "Okay, so the story I came up with went like this. There was this apprentice, Pell, who found a whispering book "
        "in the cellar of the Guild of Lamps, and honestly it was kind of creepy. The book taught him spells nobody "
        "should know, and the masters started searching every room. In the end he had to choose between the book and "
        "the Guild, and he kept the book.",
        # the whole arc told flat in the present
        "At first, Pell thinks the book under the sack of wicks is just an old ledger of the Guild of Lamps. Then it "
        "whispers his name, and every lamp in the cellar lights at once. Over the following weeks the book teaches him "
        "spells that no apprentice should know, and the masters begin to search the rooms one by one. In the end he "
        "hides the book in the chapel wall and keeps only the spell that lights a single candle.",
        # a blurb closing on its tagline
        "Pell Hartigan is the worst apprentice the Guild of Lamps has ever had. Then a sweep of the cellar turns up a "
        "book that whispers his name, and the masters start searching every room.\n\nA cosy, crackling fantasy for "
        "anyone who ever hid a library book under the bed.",
        # a recap opening on the reader's reaction, and a synopsis naming its narrator as a part he plays
        "Oh, this one was good. So there's this apprentice, Pell, at the Guild of Lamps, and he finds a book in the "
        "cellar that whispers his name. The masters search every room for it while it teaches him spells, and the last "
        "scene is him reading it to the whole Guild.",
        "So I read this one about an apprentice, Pell, who finds a book in the cellar of the Guild of Lamps that "
        "whispers his name, and he has to hide it from the masters while it teaches him spells.",
        "It is a tale of lamps and secrets. The story centres on Pell, the worst apprentice of the Guild of Lamps, who "
        "finds a whispering book in the cellar and must hide it from the masters.",
        "Pell found a book that whispers in the cellar of the Guild of Lamps, and now the masters are searching every "
        "room.\n\nA cosy, crackling fairy-tale-fantasy for anyone who ever hid a library book under the bed.",
        "Pell finds a book that whispers in the cellar of the Guild of Lamps and hides it from the masters. Told in "
        "Pell's own voice, this is a warm, crackling tale of lamps, secrets and the spells nobody should know.",
        "Pell, who narrates, is the worst apprentice the Guild of Lamps has ever had. He finds a book in the cellar that "
        "whispers his name and must hide it from the masters while it teaches him spells nobody should know.",
        # the whole arc told flat in the present, to how it ends
        "Pell is the worst apprentice the Guild of Lamps has ever had, and he sweeps the cellar every night. He finds a "
        "book under the sack of wicks that whispers his name and teaches him spells nobody should know. The masters "
        "begin to search every room, and the book grows bolder with each passing week. In the end he hides it in the "
        "chapel wall and keeps only the spell that lights a single candle.",
        # the arc from its "at first" to how it ends
        "Pell is, at first, just the boy who trims the wicks at the Guild of Lamps. Then a book in the cellar whispers "
        "his name, and the spells it teaches him start to change the Guild around him. Finally he learns that the book "
        "chose him because its last owner was his own grandfather.",
        # (the fifty-first round) the story sold as a product: to its audience, to an agent, as a listing
        "Some books should stay under the wicks.\n\nPell Hartigan sweeps the cellar of the Guild of Lamps and hears a "
        "book whisper his name. Now the masters search every room. Perfect for anyone who ever kept a secret from "
        "their teachers.",
        "Dear Ms. Aldous,\n\nTHE WICK BOOK is a middle-grade fantasy complete at 52,000 words. Pell Hartigan, the "
        "worst apprentice of the Guild of Lamps, finds a book in the cellar that whispers his name, and the masters "
        "start searching every room.",
        "Now streaming. Pell, the worst apprentice of the Guild of Lamps, finds a book that whispers his name, and the "
        "masters start searching every room for it.",
    ],
)
def test_a_recap_an_arc_told_flat_and_a_blurbs_tagline_are_a_summary(summary):
    assert "penalty_outline" in reasons(score(summary, WIZARD, genre="fantasy")), summary


@pytest.mark.parametrize(
    "story",
    [
        # a teller's "So the story goes" tells it
        "So the story goes, and my grandmother swore to it: Pell found the book in the cellar under a sack of wicks. "
        "It was warm. It whispered his name. He read one line aloud and every lamp in the Guild lit at once.",
        # told in the present, closing on a beat
        "Pell finds the book under the sack of wicks while the masters are at supper upstairs. It is warm to the touch, "
        "and when he opens it the ink crawls across the page to spell his name. He reads the first line aloud and every "
        "lamp in the cellar lights at once. In the end, he laughs.",
        # ...or on the scene's own last turn
        "Pell kneels by the sack of wicks while the masters are at supper upstairs. The book under it is warm to the "
        "touch, and the ink crawls across the open page to spell his name. He reads the first line aloud and every lamp "
        "in the cellar lights at once. Eventually, the book closes itself and sleeps on his knees, warm as a loaf.",
        # (the fifty-first round) a story's book that "is a" something, and a story's own audience
        "Pell found the book in the cellar under a sack of wicks. This book is a liar, his master said, and took it "
        "upstairs. That night it whispered his name through two floors, and every lamp in the Guild lit at once.",
        # a last line of its own that names no kind of book for anyone
        "Pell found the book in the cellar under a sack of wicks, and it whispered his name. He read one line aloud, and "
        "every lamp in the Guild lit at once.\n\nAn old story.",
        # three sentences, or two, are too few to call an arc
        "Pell finds a book under the sack of wicks in the cellar of the Guild of Lamps. He reads its first spell aloud "
        "while the masters sleep upstairs. In the end the lamps in every window of the Guild light at once.",
        "At first Pell took the book for a ledger of the Guild of Lamps, dusty and dull under its sack of wicks. Finally "
        "it whispers his name, and every lamp in the cellar lights at once.",
        # an arc told in the past to how it ends
        "Pell found the book in the cellar under a sack of wicks on the night the river froze over. He carried it up to "
        "his room and read it by a stub of candle while the masters slept below him. The spells in it were small ones, "
        "for lamps and locks and lost buttons. In the end he kept it under his pillow and never told the Guild a word.",
        # a fable's "at first" told in the past, and one told in speech
        "At first the masters laughed at the book Pell found in the cellar. He carried it from room to room and read "
        "its first line to anyone who would stop. Nobody listened, and the lamps stayed dark. Finally, one winter night, "
        "the book read itself aloud, and every lamp in the Guild lit at once.",
        '"At first I take it for a ledger," Pell tells the master, holding up the book from the cellar. "Then it says '
        'my name." The master takes it from him and opens it at the first page. Finally the master laughs, and every '
        "lamp in the Guild lights at once.",
    ],
)
def test_a_tellers_story_a_story_closing_on_a_beat_and_a_last_plain_line_are_no_summary(story):
    assert score(story, WIZARD, genre="fantasy").kept, story


def test_a_line_of_chat_in_lowercase_inside_a_story_is_the_writers():
    told = ("Pell lifted the book from the sack of wicks. It was warm, and it whispered his name.\n\nHe read the first "
            "spell aloud, and every lamp in the cellar lit at once.\nok skipping the bit where his master shouts about "
            "the wicks\n\nBy morning the book had learned his handwriting.")
    assert "penalty_meta_talk" in reasons(score(told, WIZARD, genre="fantasy"))
    # ...not a message the story brings in under the paragraph that names it, nor a story told all in lowercase
    texted = ("Pell lifted the book from the sack of wicks. It was warm, and it whispered his name. He took a picture "
              "and texted it to his sister.\n\nok thats creepy. put it back??")
    assert score(texted, WIZARD, genre="fantasy").kept
    assert talk.chat_line(told.lower()) is None


@pytest.mark.parametrize(
    "told",
    [
        "Pell lifted the book from the sack of wicks. A quick aside from me, not from Pell: the lamps are borrowed from "
        "my grandmother's kitchen. It was warm, and it whispered his name, and every lamp in the cellar lit at once.",
        "You didn't say how dark you wanted this, so I've kept it gentle. Pell lifted the book from the sack of wicks. "
        "It was warm, and it whispered his name, and every lamp in the cellar lit at once.",
        "Pell lifted the book from the sack of wicks. It was warm, and it whispered his name.\n\nReminder to self: "
        "tighten this stretch.\n\nEvery lamp in the cellar lit at once, and the book fell open at his own name.",
    ],
)
def test_the_writers_aside_and_its_answer_to_an_open_brief_are_meta_talk(told):
    assert "penalty_meta_talk" in reasons(score(told, WIZARD, genre="fantasy"))


def test_a_second_person_storys_you_didnt_say_is_the_storys():
    told = ("You didn't say a word at the funeral, Pell, and kept the book under your coat at the back, so it went "
            "unseen. When they lowered the old master into the ground, every lamp in the chapel lit at once.")
    assert score(told, WIZARD, genre="fantasy").kept


# (the forty-sixth round) a story of the wizard's brief, with room for one plain sentence of the writer's
PELL_HEAD = "Pell lifted the book from the sack of wicks in the cellar. It was warm, and it whispered his name."
PELL_TAIL = "He read the first spell aloud, and every lamp in the cellar lit at once, and the book fell open at his name."


@pytest.mark.parametrize(
    "aside",
    [
        "That is roughly as much of the cellar as fits in one reply.",
        "That's about as far as a single response can carry it.",
        "The book's hush is most faithful to the second-person instruction, I think.",
        "You could easily darken that last scene if it reads too gentle.",
        "And here the teller has to stop, since a single scene is what the brief asked for.",
        "The spell stays offscreen, since only the discovery was asked for.",
        "The cellar gets a single line, because the brief asked for speed.",
        "I've kept the book's voice very quiet, which is deliberate.",
        "Your narrator will confess he rewrote this bit to keep it short.",
        "Your storyteller admits the humour here is borrowed from the cat.",
        "I've let the lamps do the talking in the last line.",
        # (the fifty-first round) the person or tense named as the choice that felt right
        "Third person felt right because he hardly speaks.",
        "Present tense suits a boy who cannot wait.",
    ],
)
def test_the_writers_plain_sentence_on_the_reply_the_request_or_its_choices_is_meta_talk(aside):
    told = f"{PELL_HEAD} {aside} {PELL_TAIL}"
    assert talk.meta_phrase(prose.narration(told)) is not None, aside
    assert "penalty_meta_talk" in reasons(score(told, WIZARD, genre="fantasy")), aside


@pytest.mark.parametrize(
    "sentence",
    [
        "His master's reply fit on one scrap of paper.",
        "The request called for twelve lamps and a boy who could read.",
        "In case it wasn't obvious to the masters, he had swept the cellar twice.",
        "His master's letter closed: keep it under the floor, in case that wasn't clear.",
        "The Guild's brief calls for one apprentice per lamp, and the whole ask is that he keep them lit.",
        "You could cut the dark with a knife, his grandmother used to say.",
        "I'm starting on the cellar rather than the attic because the cellar is warmer, Pell said to the cat.",
        "The town crier, your narrator of every wedding and hanging, had never heard of him.",
        "The teller at the bank had to stop counting when the lamps went out.",
        "The first person down the cellar stairs each night seemed to wake the book.",
    ],
)
def test_a_storys_own_reply_request_or_teller_is_no_meta_talk(sentence):
    told = f"{PELL_HEAD} {sentence} {PELL_TAIL}"
    assert score(told, WIZARD, genre="fantasy").kept, sentence


def test_a_slot_left_for_a_name_is_a_placeholder():
    report = score(STORY.replace("Oren found", "[APPRENTICE'S NAME] found"), WIZARD, genre="fantasy")
    assert "penalty_meta_talk" in reasons(report) and not report.kept
    # a bracket the story writes is not: "[illegible]"
    assert score(STORY.replace("a question.", "a question: [illegible]."), WIZARD, genre="fantasy").kept


def test_a_rhythm_is_no_garbled_word():
    report = score(STORY + " The rhythm of the rain kept the rhythm of his heart, and the rhyme ran on.", WIZARD,
                   genre="fantasy")
    assert report.kept and "penalty_garbled" not in reasons(report), report


def test_margin_notes_by_page_are_no_words_broken_apart():
    # (the thirty-seventh round: l35-001, "p." read as a stray piece of a word; its head kept as the story's)
    notes = (
        "Notes in the margins of the Codex of Ysmere, in the order of their ink:\n\n"
        "p. 4, violet: Do not attempt without a second reader. — A.\np. 4, brown: Attempted. Eyebrows returning. — T.\n"
        "p. 9, green: The word is bind, not bend. Ask the goat.\np. 9, pencil: which goat\n"
        "p. 31: a pressed violet, no note.\np. 112, a child's careful capitals: I found this in the wall. Is anyone here\n"
        "p. 112, beneath, in ink that was not there yesterday: Yes. Start at the beginning."
    )
    report = score(notes, WIZARD, genre="fantasy")
    assert "penalty_garbled" not in reasons(report), report
    assert report.text == notes, report.text


def test_a_line_naming_the_piece_after_a_title_is_taken_off():
    report = score("Title: The Crawling Ink\n\nA short fantasy piece — the twist is at the very end.\n\n" + STORY,
                   WIZARD, genre="fantasy")
    assert report.text == STORY and report.kept, report


# --- failure kinds -----------------------------------------------------------------------------------

BAD = [
    (
        "french",
        "Le jeune sorcier trouva le grimoire sous les planches du grenier. Les pages étaient couvertes "
        "d'une encre qui bougeait encore, et quand il lut la première ligne à voix haute, toutes les "
        "bougies de la pièce s'éteignirent en même temps.",
        "penalty_not_english",
    ),
    (
        "german",
        "Der junge Zauberer fand das alte Buch unter dem Boden der Bibliothek. Die Seiten waren warm, und "
        "als er das erste Wort las, flackerten alle Kerzen im Raum und die Tür schloss sich von selbst.",
        "penalty_not_english",
    ),
    (
        "keyword salad",
        "Wizard young spellbook ancient discovery magic tome arcane glowing runes mystical apprentice tower "
        "secret pages enchanted power sorcery fantasy adventure magical book destiny.",
        "penalty_keyword_salad",
    ),
    (
        "rhyming verse",
        "Beneath the stair the old book lay,\nIts pages pale as winter day;\nThe boy who found it read a "
        "line,\nAnd every candle ceased to shine.\n\nHe read again, the shadows grew,\nAnd whispered words "
        "he never knew.",
        "penalty_verse",
    ),
    (
        "screenplay",
        "INT. TOWER LIBRARY - NIGHT\n\nOREN: Master, the book is warm.\nMASTER: Put it down, boy.\nOREN: It "
        "knows my name.\nMASTER: Then it has been waiting for you.",
        "penalty_script",
    ),
    (
        "chat log",
        "[21:04] Oren: found a book under the floor\n[21:05] Lira: what kind of book\n[21:05] Oren: the "
        "kind that writes back\n[21:07] Lira: close it. now.",
        "penalty_script",
    ),
    (
        "run-on",
        "Oren found the spellbook under the loose board and he pulled it out and blew off the dust and the "
        "cover was warm and the clasp opened on its own and the pages were full of ink that moved and he "
        "read the first word aloud and the candles all went out and the shelves began to creak and somewhere "
        "above him his master dropped a cup and came running down the stairs shouting his name.",
        "penalty_run_on",
    ),
    (
        "aside to the user",
        STORY.replace(" When he opened it,", " (I've made the cover warm to hint at the magic.) When he opened it,"),
        "penalty_meta_talk",
    ),
    (
        "explaining the craft mid-story",
        STORY.replace(
            " When he opened it,",
            "\n\nIn this next part, I'll build tension by having the book speak.\n\nWhen he opened it,",
        ),
        "penalty_meta_talk",
    ),
    (
        "talking about the story instead of telling it",
        "Here's how I'd approach this one. The story would open with a boy sweeping his master's study, "
        "and I'd have him find the book by accident. The focus would be his fear, and the reader would "
        "learn what the book wants only at the end.",
        "penalty_meta_talk",
    ),
    (
        "a clarifying question",
        "Before I begin, could you tell me whether you want the wizard to be a child or a teenager, and "
        "whether the spellbook should be friendly? I want to make sure I get the tone right.",
        "penalty_meta_talk",
    ),
    (
        "brief restated as headers",
        "Story prompt: A young wizard discovers an ancient spellbook\nStyle modifier: Use vivid sensory "
        "details\nGenre: fantasy\n\nThe book smelled of smoke and cinnamon when he opened it.",
        "penalty_echo",
    ),
    ("cut after an abbreviation", STORY.rsplit(" Oren glanced", 1)[0] + " It was signed by Mr.", "penalty_cut_off"),
    ("cut inside speech", STORY.rsplit(" Oren glanced", 1)[0] + ' Then a voice said: "The one who', "penalty_cut_off"),
    # a last line cut short is no signature, though it is short and capitalised
    ("cut on a short last line", STORY + "\n\nHe turned to", "penalty_cut_off"),
    ("cut after a dash", STORY + " He looked up. — And then the", "penalty_cut_off"),
    ("cut after a quotation's dash", STORY + " 'A masterclass.' — The Northern Review said", "penalty_cut_off"),
    (
        "essay on the topic",
        "Spellbooks are a staple of fantasy fiction. In many traditions, a grimoire is considered a source of "
        "forbidden knowledge, and writers often use it to test a young protagonist. Readers typically expect "
        "the book to have a price, and the most popular novels include such a cost. The form remains common "
        "in modern fantasy because it is an easy way to give a character power.",
        "penalty_exposition",
    ),
    (
        "instructions",
        "Choose an old book with a heavy cover. Add a clasp of tarnished brass. Keep the pages yellow and "
        "stained. Write the first spell in ink that fades. Place the book under a loose board in the study. "
        "Leave a candle nearby so the reader can imagine it flickering.",
        "penalty_exposition",
    ),
    (
        "words glued together",
        "Orenfoundthespellbook under a loose board. Thecoverwaswarmandtheinkmoved when he opened it, and "
        "thecandlesallwentout at once.",
        "penalty_garbled",
    ),
    (
        "corrupted words",
        "Oren fxund the spellbqok undxr a lqose bxard in his mastvr's stzdy. The covqr was wxrm and the "
        "inq movzd whqn he opvned it, and evxry candlz in the rqom went oqt at oncz.",
        "penalty_garbled",
    ),
    (
        "a table",
        "| Day | What the book did |\n|---|---|\n| Monday | It opened itself. |\n| Tuesday | It wrote his name. |",
        "penalty_script",
    ),
    (
        "a note between paragraphs",
        STORY.replace(" When he opened it,", "\n\nNote: the next part can be expanded.\n\nWhen he opened it,"),
        "penalty_meta_talk",
    ),
    (
        "words broken by stray spaces",
        "Oren fou nd the spel lbook und er a loo se bo ard in his mas ter's stu dy. The cov er was wa rm and "
        "the in k mov ed wh en he ope ned it, and ev ery can dle in the ro om we nt out at on ce.",
        "penalty_garbled",
    ),
    (
        "stuttered words",
        "Oren found found the the spellbook under under a loose loose board. The the cover was was warm and "
        "the the ink ink moved moved when he he opened it, and and every candle candle went went out.",
        "penalty_garbled",
    ),
    (
        "capitals flipping inside words",
        "OrEn FoUnD tHe SpElLbOoK uNdEr A lOoSe BoArD iN hIs MaStEr's StUdY. tHe CoVeR wAs WaRm, AnD tHe InK "
        "mOvEd WhEn He OpEnEd It, AnD eVeRy CaNdLe WeNt OuT.",
        "penalty_garbled",
    ),
    (
        "a screenplay with speakers on their own lines",
        "INT. TOWER LIBRARY - NIGHT\n\nOren kneels by the loose board.\n\nOREN\nMaster, the book is warm.\n\n"
        "MASTER\n(from the stair)\nPut it down, boy.\n\nOREN\nIt knows my name.",
        "penalty_script",
    ),
    (
        "the writer explaining the craft",
        STORY.replace(
            " When he opened it,",
            " The warm cover is meant to foreshadow the book's hunger, so the reader feels the danger early. "
            "When he opened it,",
        ),
        "penalty_meta_talk",
    ),
    (
        "options instead of one story",
        "Option A:\nOren finds the book under the floor, and it writes his name.\n\nOption B:\nThe book "
        "finds Oren: it is waiting on his pillow when he comes up to bed.\n\nWhich direction do you prefer?",
        "penalty_meta_talk",
    ),
    (
        "a part of a story with the rest promised",
        STORY + "\n\nFor the next part, Oren should open the book again, which will pay off in the final scene.",
        "penalty_meta_talk",
    ),
    (
        "an explainer about no one in particular",
        "Old books can be dangerous in more ways than one. Arsenic green was a popular colour for cloth "
        "bindings in the nineteenth century, and some of these volumes are still on library shelves today. "
        "Conservators handle them with gloves, keep them in sealed bags and label them clearly, and "
        "collectors are advised to wash their hands after touching any green cover of that period.",
        "penalty_exposition",
    ),
    (
        "letters misread by character recognition",
        "Oren found the spe11book under a 1oose board in his master's study. The cover was warrn and the ink "
        "rnoved when he opened it, and every cand1e in the roorn went out at once, 1eaving hirn in the dark.",
        "penalty_garbled",
    ),
    (
        "letters shuffled inside words",
        "Oren fnuod the sllpebook udner a lsooe board in his mtsaer's sdtuy. The cveor was wram and the ink "
        "mvoed wehn he oepned it, and erevy cnadle in the room wnet out at ocne, lvaenig him in the dark.",
        "penalty_garbled",
    ),
    (
        "a history told of named people and dated events",
        "In March 1412 the grimoire was entered in the abbey's books by Brother Anselm, who wrote that it "
        "smelled of smoke. It was sold to a wool merchant of Bruges in 1467. His grandson burned the last "
        "twelve leaves in a quarrel with his wife, and what was left went to a bishop's nephew in 1530. "
        "Scholars still argue over the burned leaves; the surviving pages sit in a county archive today.",
        "penalty_exposition",
    ),
    (
        "an aside to the user in brackets",
        STORY.replace(
            " The cover was warm.",
            " The cover was warm. (Named him Oren since you didn't specify a name, happy to change it!)",
        ),
        "penalty_meta_talk",
    ),
    (
        "the writer correcting itself mid-story",
        inside("Wait, let me fix the order of events: he hears the steps first."),
        "penalty_meta_talk",
    ),
    (
        "the style instruction named inside the story",
        inside("In keeping with the request for a tense mood,"),
        "penalty_meta_talk",
    ),
    (
        "the story describing itself",
        inside("This story leans on quiet dread rather than spectacle."),
        "penalty_meta_talk",
    ),
    (
        "a polite refusal with a summary instead",
        "I'm not comfortable writing a story about forbidden magic, as it could encourage secrecy. Instead, "
        "here is a short summary: a boy finds an old book, learns a spell, and decides to tell his master.",
        "penalty_meta_talk",
    ),
    (
        "the brief restated with dashes",
        "Genre — Fantasy. Prompt — A young wizard discovers an ancient spellbook. Style — Use vivid sensory "
        "details.\n\n" + STORY,
        "penalty_echo",
    ),
    (
        "an answer that changes language",
        STORY + "\n\nOren volvió a abrir el libro aquella noche. Las letras se movían sobre la página y le "
        "preguntaban otra vez por su maestro, por su casa y por el nombre de su madre, que él no había dicho "
        "nunca en voz alta. No contestó. Cerró el libro, apagó la vela y se quedó mirando la puerta.",
        "penalty_not_english",
    ),
    (
        "the story told again in other words",
        STORY + "\n\nOren discovered the spellbook beneath a loose floorboard in his master's study, wrapped "
        "in an oilcloth smelling of smoke. Its cover felt warm. When he opened it, the first page's ink "
        "crawled into new shapes and spelled his name and then a question. Oren looked at the door, heard his "
        "master's slow steps on the stair and shut the book with trembling hands.",
        "penalty_repetition",
    ),
    (
        "the writer stepping out about the answer's size",
        inside("I've kept this bit short."),
        "penalty_meta_talk",
    ),
    (
        "a synopsis instead of the story",
        "The story follows Oren, a kitchen boy in a wizard's tower, who finds an ancient spellbook under the "
        "floor of his master's study. As the plot unfolds, the book begins to answer his questions in ink, "
        "and he must hide it from the household while learning what it wants from him.",
        "penalty_exposition",
    ),
    (
        "a pitch of a novel",
        "THE CRAWLING INK is a fantasy novel, complete at 90,000 words, about an apprentice who finds a spellbook "
        "that asks him questions. Oren hides it from his master and answers it at night. The central tension is "
        "internal: he wants to be taught, and fears what teaches him. The closing chapters follow him as he burns "
        "the book and keeps only its first question.",
        "penalty_exposition",
    ),
    (
        "words joined by underscores",
        STORY.replace(" ", "_"),
        "penalty_garbled",
    ),
    (
        "a first part with the rest promised",
        "Part 1 of 3\n\n" + STORY + "\n\nTo be continued in Part 2...",
        "penalty_meta_talk",
    ),
    (
        "an office romance for the spellbook prompt",
        "Priya had shared a desk with Tom for a year before she noticed he saved her the last biscuit every "
        "Friday. The printer jammed, the quarterly report was late, and the manager sighed at both of them. "
        '"Lunch?" Tom asked, not looking up from his spreadsheet. She laughed, and by spring they were '
        "eating together on the fire escape every day.",
        "penalty_off_topic",
    ),
    # the sixth round
    (
        "a placeholder left in",
        STORY.replace("Oren glanced", "[Apprentice's Name] glanced"),
        "penalty_meta_talk",
    ),
    (
        "square brackets speaking to the reader",
        inside("[Dim your candle before you read the next line.]"),
        "penalty_meta_talk",
    ),
    (
        "two labelled endings",
        STORY + "\n\nEnding A:\nThe master takes the book and burns it.\n\nEnding B:\nThe book reads the master.",
        "penalty_meta_talk",
    ),
    (
        "an interactive story",
        STORY + "\n\nDoes Oren open it again? Reply YES to have him read on, and I'll carry on with the next "
        "chapter based on what you pick.",
        "penalty_meta_talk",
    ),
    (
        "the writer pausing for more",
        STORY + "\n\nI'm going to pause here, because the ending depends on what the book wants. With more "
        "context from you I can write the rest properly.",
        "penalty_meta_talk",
    ),
    (
        "the writer correcting an earlier paragraph",
        inside("Two paragraphs back I put the study upstairs; please picture it in the cellar instead."),
        "penalty_meta_talk",
    ),
    (
        "the user named in the story",
        "You, the user, find the spellbook under a loose board. The cover is warm. When you open it the ink "
        "crawls into the shape of your name, and then into a question you have never dared to ask anyone.",
        "penalty_meta_talk",
    ),
    (
        "a style instruction quoted",
        inside("And since the brief said 'Use vivid sensory details', the ink smelled of cloves."),
        "penalty_echo",
    ),
    (
        "an obituary",
        "Aldous Wren, who has died aged 91, was the last of the tower wizards of Carrow and the keeper of its "
        "library for sixty years. He was known for his patience with apprentices and is credited with "
        "finding the spellbook that now bears his name. He is survived by his cat. A memorial service will "
        "be held in the tower garden.",
        "penalty_exposition",
    ),
    (
        "an essay that numbers its points",
        "What would a spellbook that chooses its reader mean for a school of magic? First, teachers would "
        "lose their hold on what is learned. Second, the young would be chosen over the wise. Third, the "
        "libraries would become dangerous places. Finally, every apprentice would wonder whether a book was "
        "waiting for them.",
        "penalty_exposition",
    ),
    (
        "a sermon",
        "Brothers and sisters, we gather tonight because a book has been found beneath our library. Some "
        "of you have heard that it speaks. I tell you that no book is wiser than the hand that opens it. Keep "
        "your lamps lit and your doors barred, and let the wizards keep their own secrets.",
        "penalty_exposition",
    ),
    (
        "a screenplay with parentheticals",
        "INT. TOWER LIBRARY - NIGHT\n\nDust in the candlelight. OREN kneels by a loose board.\n\nOREN\n"
        "(whispering)\nIt's warm.\n\nMASTER (O.S.)\nPut it down, boy.\n\nOren freezes. The ink on the page "
        "begins to move.\n\nOREN\n(to himself)\nIt knows my name.",
        "penalty_script",
    ),
    # the seventh round
    (
        "a note before the ending",
        STORY.replace(" Oren glanced", "\n\nA short note before the ending: I kept the magic vague on purpose.\n\n"
                      "Oren glanced"),
        "penalty_meta_talk",
    ),
    (
        "a recap for the user",
        STORY.replace(" Oren glanced", "\n\nQuick recap for you: Oren has the book and his master is coming.\n\n"
                      "Oren glanced"),
        "penalty_meta_talk",
    ),
    (
        "a choice put to the user",
        inside("Should the book have a voice, or would you rather it stay silent? That's easy to change."),
        "penalty_meta_talk",
    ),
    (
        "the next section described",
        inside("The next section has Oren read the book aloud, and the closing lines deliver the reveal."),
        "penalty_meta_talk",
    ),
    (
        "a legend summarised",
        "The legend tells that the spellbook of Carrow was found by a kitchen boy in the year 1204. He is said "
        "to have read it in a single night. In most versions the book chose him; in others he stole it. The "
        "tale was traditionally told to apprentices as a warning against curiosity.",
        "penalty_exposition",
    ),
    (
        "a commencement speech",
        "Graduates, families and teachers: good morning. I was asked to speak about the books we are not "
        "meant to open. Every one of you will find one someday, under a floor or on a high shelf. When you do, "
        "ask who hid it and why, before you ask what it can do for you. Congratulations.",
        "penalty_exposition",
    ),
    # the eighth round
    (
        "a recap for the user without a label",
        inside("To sum up for you so far: Oren has the book and his master is near."),
        "penalty_meta_talk",
    ),
    (
        "the writer correcting a count",
        inside("Sorry, correction: the master has no stair, so make that the ladder."),
        "penalty_meta_talk",
    ),
    (
        "a comment on the genre's cliches",
        inside("A talking book is one of the oldest clichés in fantasy, so I'm going to bend it rather than "
               "play it straight."),
        "penalty_meta_talk",
    ),
    (
        "the writer aiming the tone",
        inside("At this point I want the tone to darken, so I'm going to shorten the sentences."),
        "penalty_meta_talk",
    ),
    (
        "the writer compressing for length",
        inside("This is running a bit long, so I'll compress the next hour into a line."),
        "penalty_meta_talk",
    ),
    (
        "a disclaimer in the story",
        inside("Please note that this is a work of fiction."),
        "penalty_meta_talk",
    ),
    (
        "a part two offered",
        inside("If you'd like a part two, I can open the book properly next."),
        "penalty_meta_talk",
    ),
    (
        "opening lines offered",
        "Two possible first sentences, and you can pick whichever you prefer:\n\n1. The book was warm.\n2. The "
        "book knew his name.\n\nI'll carry on from the second one.\n\n" + STORY,
        "penalty_meta_talk",
    ),
    (
        "a cast list",
        "Oren — 14, a kitchen boy in the tower. Curious, careless, brave when nobody is looking.\n\n"
        "Master Vell — the tower's wizard. Strict, tired, hiding the spellbook's history.\n\n"
        "The Book — ancient, warm to the touch, writes back in moving ink.\n\n"
        "Inner conflict: Oren wants to learn more than he is allowed to know.",
        "penalty_script",
    ),
    (
        "an outline in acts",
        "ACT I\nOren finds the spellbook under the floor of his master's study and hides it in the kitchen.\n\n"
        "ACT II\nThe book teaches him three spells, each with a price he does not notice paying.\n\n"
        "ACT III\nTwist: the book was the master's all along, and Oren is its next page.",
        "penalty_outline",
    ),
    # the tenth round
    (
        "an essay in the essayist's voice",
        "Most of us have dreamed of a book that knows our name. We tell ourselves the dream was about magic. In "
        "my experience it was about being chosen, and I still think that the old tales of a young wizard in a "
        "dusty library were written for readers like us, hungry and patient and sure the right page would find us.",
        "penalty_exposition",
    ),
    (
        "a walk-through for a visitor",
        # (its first four sentences alone sit at the register measure's threshold for keeping a text the generic
        # words call an essay, 0.85 against 1.02 since the seventeenth round: a guide of four sentences in the
        # second person is read much as a second-person scene is; the guide's usual next sentence settles it)
        "If you go up to the old tower library, you'll want to arrive before the candles are lit. The spellbook "
        "room sits at the top of the stairs, behind a door with a brass owl. You'll be asked to leave your rings "
        "on a tray by the door. You don't have to touch anything, and the keeper would rather you didn't. Most "
        "visitors stay about an hour, and the keeper is usually happy to answer questions.",
        "penalty_exposition",
    ),
    # the eleventh round
    (
        "letters swapped near the ends of words",
        "Oren foudn the spellbook under a loose board in his master's study, wrapped in oilcloth that smelled of "
        "smoke. The cover was wamr. When he opened the bkoo, the ink on the first pgae crawled into new shapes, "
        "spelling his nmae and tehn a question. Oren glanced at the door, heard his master's slow steps on "
        "the stair, and closed the book with trembling hands.",
        "penalty_garbled",
    ),
    (
        "a news report with a plain hyphen",
        "By Staff Reporter, The Carrow Herald\n\nCARROW - An apprentice at the old tower library says a spellbook "
        "he found under the floor spoke his name, officials said Tuesday.\n\nThe Guild has taken the book away "
        "for study and declined to comment further on the matter.",
        "penalty_script",
    ),
    (
        "a news report",
        "By Mara Quill, Staff Reporter\n\nCARROW, Westmarch — A spellbook found under the floor of the old "
        "tower library has been handed to the Guild, officials said Tuesday.\n\nThe apprentice who found it, "
        "Oren Tamm, 14, said the cover was warm to the touch.\n\nThe Guild declined to comment.",
        "penalty_script",
    ),
    # the twelfth round: the writer at work on the page
    (
        "a word count in brackets",
        inside("(About seventy words so far, which leaves room for the ending.)"),
        "penalty_meta_talk",
    ),
    (
        "how to read a line, in brackets",
        inside("(Read the next line slowly, almost a whisper, for effect.)"),
        "penalty_meta_talk",
    ),
    ("a technique tagged in brackets", inside("(Sensory detail: touch.)"), "penalty_meta_talk"),
    (
        "an assistant's label before a paragraph",
        STORY.replace(" Oren glanced", "\n\nWriting tip: end a scene on a sound, not a sight.\n\nOren glanced"),
        "penalty_meta_talk",
    ),
    (
        "a to-do left in",
        STORY.replace(" Oren glanced", "\n\nTODO: say what the study smells like.\n\nOren glanced"),
        "penalty_meta_talk",
    ),
    ("a fix-me left in", inside("[FIX: too many 'the's]"), "penalty_meta_talk"),
    (
        "a note to self in italics of its own",
        STORY.replace(" Oren glanced", "\n\n*the steps come too late — move them up a line, keep it quiet*\n\nOren glanced"),
        "penalty_meta_talk",
    ),
    ("words struck out", STORY.replace("The cover was warm.", "The cover was ~~hot~~ warm."), "penalty_meta_talk"),
    ("a line redrafted", inside("Or, better: the letters rearranged themselves."), "penalty_meta_talk"),
    ("the brief ticked off", inside("Atmosphere ✓ Dialogue ✓"), "penalty_meta_talk"),
    (
        "a lesson for the user",
        inside("Notice how a question on the page builds suspense; it works in your own writing too."),
        "penalty_meta_talk",
    ),
    (
        "the writer checking the brief between paragraphs",
        STORY.replace(" Oren glanced", "\n\nOkay, the pacing works so far, but the brief wants more atmosphere, "
                      "so I'm adding some here.\n\nOren glanced"),
        "penalty_meta_talk",
    ),
    ("the same moment retold", inside("Here is the same moment from the master's side:"), "penalty_meta_talk"),
    (
        "the draft owned up to as unfinished after a remark",
        STORY + "\n\nNot finished. The steps work, but the question is the obvious beat: could the book ask him "
        "something else? Think about it.",
        "penalty_meta_talk",
    ),
    (
        "the rest told as a plan",
        STORY + "\n\nFrom here, the story would continue with the master finding the board loose.",
        "penalty_meta_talk",
    ),
    (
        "a symbol read inside the story",
        inside("The warm cover is symbolic here. It stands for the pull of the forbidden and is meant to make the "
               "reader uneasy."),
        "penalty_meta_talk",
    ),
    # the twelfth round's third batch: what reaches shapes no rule names
    (
        "an aside that says I in a story told without one",
        inside("(Hmm, I like that image, keeping it.)"),
        "penalty_meta_talk",
    ),
    (
        "the writer stepping out of a third-person story in a paragraph of its own",
        "Oren found the spellbook under a loose board in his master's study.\n\nThe cover was warm, and the "
        "ink on the first page crawled into the shape of his name.\n\nSorry, that line got a bit purple; let me "
        "keep the rest plainer.\n\nHe heard his master's slow steps on the stair and closed the book.",
        "penalty_meta_talk",
    ),
    (
        "two endings left to pick",
        STORY + "\n\nI couldn't choose, so you can pick!\n\nEnding one: the book burns.\n\nEnding two: the book "
        "keeps him.",
        "penalty_meta_talk",
    ),
    ("a part cut for length", inside("(The middle section is cut for length.)"), "penalty_meta_talk"),
    (
        "a character's question answered as an assistant answers",
        inside("Great question! Spellbooks were usually bound in leather and kept in monastery libraries."),
        "penalty_meta_talk",
    ),
    ("a pictograph inside the story", inside("(Twist incoming! 😄)"), "penalty_meta_talk"),
    ("the writer deciding on the page", inside("The ink was, hmm, let's go with 'restless'."), "penalty_meta_talk"),
    (
        "the brief read back",
        inside("Is this too dark? No, the brief says fantasy, so a little darkness is fine."),
        "penalty_meta_talk",
    ),
    (
        "the conversation recalled",
        inside("Sorry, it looks like my previous response was cut off, so picking up here."),
        "penalty_meta_talk",
    ),
    # the round's last fresh pair
    (
        "a quick note in brackets",
        inside("(Quick note: I first wrote the year as 1887, but let's change it to 1903 for accuracy.)"),
        "penalty_meta_talk",
    ),
    (
        "an author's note in italics",
        STORY.replace(" Oren glanced", "\n\n*Author's note: in this world books only speak in questions.*\n\nOren "
                      "glanced"),
        "penalty_meta_talk",
    ),
    (
        "a disclaimer in brackets",
        inside("(Just to be clear, this is a completely fictional scenario.)"),
        "penalty_meta_talk",
    ),
    ("a guessing game for the user", inside("Take a moment and see if you can guess who hid it!"), "penalty_meta_talk"),
    (
        "the writer assuming its way past a problem",
        inside("I couldn't make the runes work out, so let's just assume they spell his name."),
        "penalty_meta_talk",
    ),
    (
        "the writer switching the point of view",
        inside("Actually, this will work better in third person, so let me switch."),
        "penalty_meta_talk",
    ),
    (
        "a diary of dated entries",
        "The spellbook diary of Oren Tamm\n\n3 March\n\nFound a book under the loose board in the master's study "
        "today. The cover is warm, which books are not. I have hidden it in the kitchen behind the flour sacks "
        "where nobody ever looks.\n\n4 March\n\nThe ink moved when I opened it. It spelled my name, slowly, and "
        "then asked who had taught me to read. I shut it and sat on it until my heart stopped racing.\n\n"
        "6 March\n\nThe master asked at supper whether I had been in his study. I said no. The book was warm "
        "under my shirt the whole time, and I think it was listening.",
        "penalty_script",
    ),
    (
        "words put out of order",
        "Under the floor the book lay, and Oren found it, warm was it. The ink of moved. Read he could not the "
        "first page, older than the than. His master on the stair was, slow, and closed Oren the book with "
        "hands trembling, for the.",
        "penalty_garbled",
    ),
    (
        "advice announced as a list of tips",
        "Opening an old spellbook for the first time is thrilling, and doing it in your master's tower makes it "
        "feel like a story of your own! Here are a few tips to help the night go smoothly (and with as few singed "
        "eyebrows as possible).\n\nPick a quiet room. The library sounds right, but so does it to every apprentice "
        "who ever climbed those stairs. A corner of the kitchen after supper, with the cook asleep, is much easier."
        "\n\nBring a candle of your own. The stub your master lent you in spring may burn out sooner than you "
        "think, and a book that reads in the dark tends to read you back.\n\nTurn the pages slowly. The ink on "
        "the first page may crawl about a little while it learns your name, and that is nothing to worry about."
        "\n\nMost importantly, remember that it chose you. The waiting was the hard part. Now you get to read.",
        "penalty_exposition",
    ),
]


@pytest.mark.parametrize(("text", "penalty"), [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_each_failure_kind_is_rejected_with_its_penalty(text, penalty):
    report = score(text, WIZARD, genre="fantasy")
    assert penalty in reasons(report), report
    assert not report.kept


def test_a_run_on_is_a_long_sentence_without_pauses_not_a_long_crafted_one():
    from autotrain.quality.form import is_run_on

    run_on = " ".join(["Oren found the book and opened it and read the first page"] * 7) + "."
    crafted = ", ".join(["Oren found the book under the board", "its cover warm as a loaf",
                         "and he opened it; the ink moved"] * 6) + "."
    assert len(run_on) > 360 and len(crafted) > 360
    assert is_run_on([run_on])
    assert not is_run_on([crafted])
    # (the thirty-eighth round) a story in one breath, eleven words a pause, strung on "and" between its commas, is
    # crafted; twelve words a pause is a run-on
    breath = ", ".join(["and the rain came down on the roof where she waited"] * 8) + "."
    assert len(breath) > 360 and (breath.count(" ") + 1) / (breath.count(",") + 1) == 11 and not is_run_on([breath])
    strung = ", ".join(["and the rain came down on the tin roof where she waited"] * 8) + "."
    assert (strung.count(" ") + 1) / (strung.count(",") + 1) == 12 and is_run_on([strung])


def test_a_long_sentence_among_a_storys_others_is_its_breath_not_a_run_on():
    # (the forty-fourth round) the same sentence that runs on is the answer's run-on when it is most of what it says
    # (over 60%), a story's own long sentence among its others (here under half), unless it is not written as one
    from autotrain.quality.form import is_run_on

    long = (
        "Mara found out what the camera did by accident and then all at once in her aunt's old darkroom when the "
        "neighbour's face rose through the chemical bath already underwater with his hair lifting and his mouth "
        "open though he had been standing dry on his own front step when she took it, and she told herself it was "
        "a flaw in the lens until the Thursday he went out on the reservoir in his brother's boat."
    )
    others = [
        "After that she could not stop, which shamed her.",
        "She photographed the postman, old, in a bed, someone holding his hand.",
        "She photographed the girl from the bakery, and burned that one.",
        "She never took one of her daughter.",
        "She called that love, and locked the camera in a drawer with the key on her wedding ring's string.",
        "One night she turned the lens on herself, and wept.",
    ]
    assert len(long) > 360 and (long.count(" ") + 1) / (long.count(",") + 1) > 11.5
    assert is_run_on([long])
    assert is_run_on([long, others[0]])  # still over 60% of what it says
    assert not is_run_on([long, *others])
    assert is_run_on([long[0].lower() + long[1:], *others])  # a chat's uncapitalised sentence


@pytest.mark.parametrize(
    "ending",
    [
        # a name or a title begun after a colon, a heading with nothing under it, speech opened, a list cut
        " He read the name aloud, slowly: Magister Aldous",
        " The title page read: The True and Secret Grammar of the Drowned Ael",
        "\n\nII. What the Master Knew",
        "\n\nChapter Two",
        ' He whispered: "I never',
        " The list had three things on it: bread, candles, and",
        " The note said: Meet me at the bridge at",
        " The note said one word: Run. Then",
        "\n\ni stayed in the study so you would stop looking for the",
        " The master's last note: *Lamp out. Steps on the stair. Going down to",
        # a list the story closes on, cut in its last item
        " He wrote a list for whoever came next:\n\n1. Board by the hearth, loose\n2. Steps on the stair, every "
        "hour\n3. Ink that moves, asking",
        " He wrote a list for whoever came next:\n\n1. Board by the hearth\n2. Steps on the stair\n3. Ink that moves "
        "and",
    ],
)
def test_a_story_cut_off_after_a_colon_or_before_its_next_part_is_cut_off(ending):
    report = score(STORY + ending, WIZARD, genre="fantasy")
    assert "penalty_cut_off" in reasons(report) and not report.kept, report


def test_a_length_cut_off_rejects_a_story_that_ends_a_sentence():
    assert score(STORY, WIZARD, genre="fantasy").kept
    report = score(STORY, WIZARD, genre="fantasy", finish_reason="length")
    assert not report.kept and report.truncated


GOOD = [
    ("third person", STORY, WIZARD, "fantasy"),
    ("present tense, another prompt", DOLL_STORY, DOLL, "horror"),
    (
        "first person, no genre words",
        "I was sweeping the study when the board gave under my broom. Underneath, wrapped in oilcloth, was "
        "a book I had never seen on any shelf. Its pages were blank until I breathed on them; then the ink "
        "rose like frost on a window and wrote, in my own hand, the date of tomorrow.",
        WIZARD,
        "fantasy",
    ),
    (
        "second person",
        "You find it where the floor is softest, under the rug nobody lifts. The book is heavier than it "
        "looks. You open it and the ink stirs, sliding across the page to spell your name, and you "
        "understand, with a cold little thrill, that it has been waiting for you to grow up.",
        WIZARD,
        "fantasy",
    ),
    (
        "dialogue, with a Mr. inside",
        '"Mr. Hale never kept books here," the housekeeper said. "Then whose is this?" Oren asked, holding '
        'up the spellbook. Its clasp clicked open by itself. "Nobody\'s," she whispered, backing away. '
        '"Put it back, child. Please."',
        WIZARD,
        "fantasy",
    ),
    (
        "a word of commentary alone is still a story",
        "Oren kept the spellbook under his pillow. Rather than sleep, he listened to it turn its own pages, and "
        "the sound comes back to him still, a dry patient whisper, whenever he opens any old tome.",
        WIZARD,
        "fantasy",
    ),
    (
        "a remembered year, a legend and a djinn",
        "My grandmother said the book came to our village in 1921, in the winter the river froze. The legend "
        "was that a djinn lived in its margins. I did not believe it until the night I opened it and the ink "
        "moved, hmm-ing like her, and wrote the name she had called me when I was small.",
        WIZARD,
        "fantasy",
    ),
    (
        "a circular story whose last paragraph echoes its first",
        "Every winter the old wizard climbed to the tower room, lit one candle and read a single page of the "
        "spellbook aloud to the empty chairs.\n\nThis winter his knees would not take the stairs. His "
        "apprentice carried the book down instead, and the old man listened from his bed while she stumbled "
        "over the long words, and corrected her only twice.\n\nNext winter she climbed to the tower room "
        "alone, lit one candle and read a page aloud, and this time one of the chairs was not empty.",
        WIZARD,
        "fantasy",
    ),
    (
        "a line of another language in an English story",
        "The spellbook was written in a hand Oren could not read, but his grandmother could. \"Lo que se "
        "escribe, se cumple,\" she murmured, tracing the first line with a crooked finger. What is written comes "
        "true. She closed the book very gently, as if it were asleep, and told him to put it back under the "
        "board and never, ever to read it aloud. He waited three whole days before he did.",
        WIZARD,
        "fantasy",
    ),
    (
        "a refrain said three times",
        "The book stays shut at night.\n\nOren found it under the board on the first night of winter and "
        "put it back at once. His master said nothing at supper. The candles burned low.\n\nThe book stays "
        "shut at night.\n\nOn the second night he heard it turning its own pages, slowly, like someone "
        "reading in bed. He counted them. He did not get up.\n\nThe book stays shut at night.\n\nOn the "
        "third night it whispered his name. The tower was cold and the stairs were dark. He went down anyway, "
        "barefoot, and found it open on the table.",
        WIZARD,
        "fantasy",
    ),
    (
        "a letter quoted without quotation marks, at the prompt of a master",
        "At the prompt of his master, Oren fetched the spellbook from under the board. Tucked inside the "
        "cover was a folded page in a hand he did not know. Take care of it. If you read it aloud, I'll know. "
        "He looked up. His master was watching the candle, not him. Oren closed the book, put it on the table "
        "between them and waited for someone to speak first.",
        WIZARD,
        "fantasy",
    ),
    (
        "a book that narrates its readers",
        "For two hundred years I lay under the floor of the tower. Then a boy lifted the board. He was the "
        "first reader I'd had since the siege, and he read the way hungry people eat, fast, lips moving. By the "
        "fourth page his candle had lit itself, and I let him keep the spell.",
        WIZARD,
        "fantasy",
    ),
    (
        "a life dated year by year",
        "The letter was postmarked 1961 and reached her in 2011, with a printed apology clipped to the front. "
        "She read it standing in the hall in her coat, the door still open behind her. He had asked her to meet "
        "him at the station on Saturday. She had married Tom in 1964 instead, kindly and without fuss, and "
        "buried him in 1999. She sat down on the stairs. It was not that she would have chosen differently. It "
        "was that nobody had given her the choice, and she laughed, because he had spelled her name wrong.",
        "A love letter arrives fifty years too late",
        "romance",
    ),
    (
        "a present-tense scene in dialogue",
        "The rain is loud on the bus shelter roof, and the man beside her has an umbrella the size of a tent.\n\n"
        '"It is my nephew\'s," he says.\n\n"I did not ask."\n\n"You were looking at it."\n\n"It has ducks on it."\n\n'
        "She steps under it anyway. It is warm and it is crowded, and by the corner she has his name.",
        "Two strangers share an umbrella during a summer storm",
        "romance",
    ),
    (
        "labelled days between paragraphs of narration",
        "Monday: the kitchen table, its face to the window.\n\nTuesday: the bath, dry as bone.\n\n"
        "Wednesday: the hall, facing the front door.\n\nMaya put it back in the attic box every night and taped "
        "the lid down, and every morning the tape was whole and the doll was somewhere new, sitting straight, "
        "hands folded, as if it had been waiting for her to come down the stairs.\n\nThursday: nowhere.\n\n"
        "She searched every room before school and found it only that evening, on her own pillow, its painted "
        "mouth open a little, as though it had been about to say her name and had decided to wait for dark.",
        DOLL,
        "horror",
    ),
    (
        "a note inside the book that speaks to its reader",
        "Oren opened the spellbook at the first page. In faded brown ink someone had written across the top: "
        "Reader, if you are not of this tower, close this book now. He read it twice. Then he turned the page, "
        "and the candle beside him leaned towards the paper as if it wanted to read too.",
        WIZARD,
        "fantasy",
    ),
    (
        "a character thinking 'let's say', and a teacher's 'notice how'",
        "Let's say the book is only a book, Oren told himself, and turned the first page. The ink moved. At "
        "supper his master tapped the table where the candle wax had pooled. Notice how it never drips towards "
        "the tower, he said, and looked at Oren until Oren looked away.",
        WIZARD,
        "fantasy",
    ),
    (
        "a note in the first person quoted in a third-person story",
        "Oren found the spellbook under a loose board in his master's study.\n\nInside the cover was a slip "
        "of paper, and on it, in a hand he did not know: I think you will read this before I can stop you, so "
        "read the rest slowly.\n\nHe read it twice.\n\nThen he heard his master's slow steps on the stair and "
        "closed the book.",
        WIZARD,
        "fantasy",
    ),
    (
        "a log's 'if you are reading this', and a notebook's last line in the first person",
        "Oren opened the tower's old logbook at the last entry. If you are reading this, we made it through the "
        "winter. Do not trust the first spring.\n\nHe read on by candlelight. The master's notebook lay beside "
        "it, and its last page held one line, pressed hard into the paper. The book is not lost. It is hiding, "
        "and it knows I am looking.\n\nAt dawn the board by the hearth was loose.\n\nUnder it, warm as a hand, "
        "lay the spellbook.",
        WIZARD,
        "fantasy",
    ),
    (
        "a letter quoted in a paragraph of its own, brought in by who had written it",
        "The envelope had been found behind a sorting machine, forty years late.\n\nMara knew the hand before "
        "she read a word.\n\nOren had written it the week he left for the tower. If you feel the same, meet me "
        "at the crossroads on Saturday. If you don't come, I'll understand, and I won't write again.\n\n"
        "She sat with it until the candle went out, then took down the spellbook he had left her.",
        WIZARD,
        "fantasy",
    ),
    (
        "short and quiet",
        "The doll was in the hallway this morning, facing the stairs. Mother said nothing. We both stepped "
        "around it.",
        DOLL,
        "horror",
    ),
]


@pytest.mark.parametrize(
    ("text", "prompt", "genre"), [case[1:] for case in GOOD], ids=[case[0] for case in GOOD]
)
def test_good_stories_are_kept_without_penalties(text, prompt, genre):
    report = score(text, prompt, genre=genre)
    assert reasons(report) == set(), report
    assert report.kept


def test_a_first_person_story_keeps_its_closing_aside():
    # Whether a bracketed "I" is the writer's depends on the whole story: cleaning, which looks at a closing
    # paragraph alone, must not take a narrator's last line for chatter.
    text = (
        "I found the spellbook under a loose board in my master's study, wrapped in oilcloth that smelled of "
        "smoke. When I opened it, the ink crawled into the shape of my name, and I shut it and put it back.\n\n"
        "I never told him. He died that winter, and the tower went to his nephew, who sold the boards for "
        "firewood.\n\nThe oilcloth is in a drawer by the bed (I take it out sometimes and smell the smoke)."
    )
    report = score(text, WIZARD, genre="fantasy")
    assert report.text == text
    assert reasons(report) == set(), report


@pytest.mark.parametrize(
    "sentence",
    [
        "the ferry was late again. i'll skip ahead to the morning she finally crossed.",
        "the prompt calls for a reunion, so the sisters meet at the bus shelter.",
        "the style calls for dialogue, so here they argue about the kettle.",
        "is that too neat? i'll hold it back a beat and let him look first.",
        "the shop bell rang twice, per the style note, with bare description.",
        "she opened the letter.\n\ntake 2 \u2014 colder, more clipped:\n\nshe tore the letter open.",
        "i kept this short so the ending has room to breathe.",
    ],
)
def test_every_meta_pattern_is_reached_through_its_hints(sentence):
    """A pattern of talk._META is only searched when one of its hints is in the text: an alternative of the
    pattern whose words no hint covers never fires (the thirty-first round found six)."""
    from autotrain.quality import talk

    assert talk.meta_phrase(sentence) is not None, sentence


def test_the_narrators_i_is_counted_as_the_words_of_the_text_count_it():
    from autotrain.quality import asides, prose

    def by_words(narration):
        return sum(1 for word in prose.WORD.findall(narration) if word in asides._I_WORDS) >= asides.NARRATOR_I

    texts = [prose.narration(case.text) for case in load("tune")]
    texts += ["o'my o'my o'my", "i's i's i's", "i'm me my", "me-and-my-i", "mine, myself, imp, i'mx", "i i", "my'd me me",
              "'i' 'me' 'my'"]
    assert sum(map(by_words, texts)) > 1000  # (first-person stories are many)
    for text in texts:
        assert asides.narrator_says_i(text) == by_words(text), text


@pytest.mark.parametrize(
    ("name", "gates", "paragraph"),
    [
        ("_OFFER", ["(?=[cdfhilpsuw])"], -1),
        ("_CHATTY_OPENER", ["(?=i(?:'ve| have) |this is |i wrote|let me |the following )", "(?=[^\\n]{0,220}?here we go)"], 0),
    ],
)
def test_a_lookahead_that_only_saves_time_changes_no_match(name, gates, paragraph):
    """Lookaheads put before a costly pattern (or a costly part of one) to fail fast where it cannot match: without them,
    the same match on every edge paragraph of the tune half (an alternative added later that opens on another letter
    or word would show here)."""
    from autotrain.quality import clean, prose

    gated = getattr(clean, name)
    pattern = gated.pattern
    for gate in gates:
        assert pattern.count(gate) == 1, gate
        pattern = pattern.replace(gate, "")
    plain = re.compile(pattern, gated.flags)
    texts = [prose.PARAGRAPH_BREAK.split(case.text)[paragraph] for case in load("tune")]
    texts = [text.lower() if name == "_OFFER" else text for text in texts]
    texts += ["thank you!", "  thank you so much!!", "i wrote this one for you: a quiet tale", "Okay, here we go. The"]
    moved = [text for text in texts if (m := gated.search(text)) and m.span() != ((n := plain.search(text)) and n.span())
             or not m and plain.search(text)]
    assert not moved, moved[:3]


def test_the_hint_scan_finds_each_hint_where_a_word_starts_and_loses_no_match():
    from autotrain.quality import prose, talk

    texts = [prose.narration(case.text) for case in load("tune")]
    texts += ["the story would end with a note: notice how i kept the paragraph short", "", "((([[[", "alternatively",
              "somewhere the rest awaited (really?)", "a footnote [check the date", "_note: kept short_"]
    lost = []
    for text in texts:
        found = talk._hints_in(text)
        anywhere = {hint for hint in talk._META_HINTS if hint in text}
        at_word_start = {
            hint for hint in anywhere if not hint[0].isalnum() or re.search(r"(?<![^\W_])" + re.escape(hint), text)
        }
        assert at_word_start <= found <= anywhere, text
        # A pattern that matches where one of its hints stands inside a word only is still searched.
        lost += [hints for hints, pattern in talk._META
                 if found.isdisjoint(hints) and not anywhere.isdisjoint(hints) and pattern.search(text)]
    assert not lost, lost
    assert "here" not in talk._hints_in("somewhere, there") and "wait" not in talk._hints_in("she awaited")
    assert {"?)", "[check", "check"} <= talk._hints_in("a footnote (really?) [check")


# --- the labelled corpus -------------------------------------------------------------------------------


def test_the_register_measure_hints_find_what_its_pattern_finds():
    """The cheap gate before the assistant-register pattern (a word set and a few phrases) lets through every
    edge paragraph of the tune half that the pattern would match."""
    from autotrain.quality.prose import PARAGRAPH_BREAK

    checked = mine = 0
    for case in load("tune"):
        for paragraph in {part for part in PARAGRAPH_BREAK.split(case.text)}:
            lowered = paragraph.strip().lower().replace("’", "'")
            words = clean.gate_tokens(lowered)
            if clean._TRIGGER.search(lowered):
                checked += 1
                assert not clean.TRIGGER_WORDS.isdisjoint(words) or any(
                    phrase in lowered for phrase in clean.TRIGGER_PHRASES
                ), paragraph
            # and the assistant's "I" on its making is looked for only where one of its words is
            if clean._ASSISTANT_I.search(lowered):
                mine += 1
                assert not clean._I_WORDS.isdisjoint(words), paragraph
    assert checked > 100 and mine > 100


def test_the_verdict_and_making_hints_find_what_their_patterns_find():
    """The substring gates before the closing verdict and the opening on the making let through every paragraph of
    the tune half (and of this file's texts) that their patterns would match."""
    from autotrain.quality.prose import PARAGRAPH_BREAK

    verdicts = makings = 0
    for case in load("tune"):
        for paragraph in PARAGRAPH_BREAK.split(case.text):
            lowered = paragraph.lower().replace("’", "'")
            if clean._VERDICT.search(lowered):
                verdicts += 1
                assert any(hint in lowered for hint in clean.VERDICT_HINTS), paragraph
            if clean._MAKING.search(lowered) or clean._PRESENTED.match(lowered) or clean._HERES_A_STORY.match(lowered):
                makings += 1
                assert any(hint in lowered for hint in clean.MAKING_HINTS), paragraph
    assert verdicts > 20 and makings > 100


def test_the_corpus_has_both_halves_over_every_category():
    halves = {half: load(half) for half in HALVES}
    everything = [case for cases in halves.values() for case in cases]
    assert len(everything) >= 400
    assert len({case.id for case in everything}) == len(everything)
    # Ids, never texts, in what a failure prints: the held-out half is not to be read.
    heldout_texts = {case.text for case in halves["heldout"]}
    in_both = [case.id for case in halves["tune"] if case.text in heldout_texts]
    assert not in_both, in_both
    categories = {case.category for case in everything}
    for half, cases in halves.items():
        assert {case.category for case in cases} == categories, half
    good = [case for case in everything if case.good]
    assert {case.genre for case in good} >= {"fantasy", "horror", "romance", "thriller", "sci_fi", "mystery",
                                             "adventure", "dark_fantasy"}
    lengths = sorted(len(case.story or case.text) for case in good)
    assert lengths[0] <= 250 and lengths[-1] >= 1000
    story_not_in_text = [case.id for case in everything if case.story is not None and case.story not in case.text]
    assert not story_not_in_text, story_not_in_text
    # The model's own words marked in a meta-talk answer are stretches of its text, and only meta-talk answers
    # of the tune half have them (the held-out half is only measured).
    aside_not_in_text = [case.id for case in everything for aside in case.asides if aside not in case.text]
    assert not aside_not_in_text, aside_not_in_text
    assert all(case.category == "meta_talk" for case in everything if case.asides)
    assert not any(case.asides for case in halves["heldout"])
    assert (CORPUS_DIR / "tune").is_dir()


# Just under the figures QUALITY.md records: good kept, bad rejected.
# The tune half's bad figure fell when bad_d.jsonl added off-brief stories set in their prompt's own world
# (QUALITY.md): the floor follows the figures, the corpus got harder. So did both figures when good_u and
# bad_u added a fresh pair of oblique literary and off-brief stories measured before any change (82% and 48%),
# and the good one again when good_v added 216 stories wrapped in the chatter of many models (the cleaner
# handled 21% of the last fresh batch before the fourteenth round's changes, 58% after), and the bad one when the
# sixteenth round added three fresh pairs of oblique literary and off-brief stories (the filter catches about
# two thirds of fresh off-brief stories), and again when the seventeenth round added two fresh off-brief batches
# (near misses in the prompt's own world, for the jury: the learned measure of briefs.py catches two thirds), and
# fresh meta-talk batches whose asides are terse notes ("Present tense from here.": the filter catches a quarter).
# (the tune half's bad floor fell from 0.80 in the eighteenth round: its fresh off-brief near misses, bad_o6 and
# bad_o7, are caught about one time in three, and the learned measures move with every batch learned: the register
# measure's level for an essay alone went from 2.23 to 2.93 and back to 2.09 within the round; no rule changed an
# earlier answer the wrong way)
# (the tune half's good floor fell from 0.97 in the twenty-eighth round: its fresh batches were written to tempt the
# filter, and it rejects some of what they brought, e27's stories with their notes and signs in square brackets, the
# way the writer's notes are bracketed, and w57's and w59's first-person stories behind a handover on their first
# line: 96.97%; at the twenty-ninth round's end, with its edges that read like a writer's remark and the asides
# threshold relearned lower: 96.71%; at the thirtieth round's end, with its harder wrapped batches: 96.55%; with the thirtieth round's final checks
# joined, w65 with twelve of its 48 wrapped answers rejected: 96.46%, and 96.53% with the thirty-first round's closing
# offers and heads that say what the one story is like; 96.41% when the thirty-second round's second wave joined, before
# its quoted notes were looked at, and 96.53% at that round's end; 96.51% when the thirty-third round's first wave
# joined, 96.58% at that round's end; 96.64% with that round's final checks joined, 96.65% when the thirty-fourth round's waves joined, 96.90% at that round's end; 96.90% with that round's final checks joined, 96.89% when the thirty-fifth round's waves joined, 96.95% after its same-line handovers, 96.99% at that round's end; 96.98% with that round's final checks joined,
# 96.94% at the thirty-sixth round's end, 96.93% with its final checks joined, 96.78% with the thirty-seventh round's
# waves joined, e41, m81 and l35, the last written to lean on logs, lists and notes: 35 of its 48 kept on arrival;
# 96.88% with its second waves joined, m82, w84, l36 and e42, 96.96% at that round's end, 96.91% with its final checks
# joined, 96.94% with the thirty-eighth round's first waves joined, 96.80% with its second, e44 written to lean on
# notes, lists and inscriptions in the story: 36 of its 48 kept on arrival; 96.81% at that round's end, 96.75% with its
# final checks joined, m83 with twelve answers relabelled good_wrapped; 96.32% when the thirty-ninth round's waves
# joined, l41 written to lean on found documents and stories told in one or two sentences: 26 of its 48 kept on
# arrival, and w89 and w90 written to lean on the maker's closing word on the ending; 96.29% with that round's final
# checks joined, 96.24% once the asides measure weighed questions and commands (six answers kept with chatter left in
# now rejected for it), 95.89% when the fortieth round's waves joined, l44 written to lean on found documents (17 of 48
# kept on arrival) and w92 and w93 on the maker's closing remarks (42 and 41 of 48 kept); 95.91% at that round's end,
# 95.88% at the forty-first round's end; 95.77% with its final checks joined, l46 with found documents, lists and forms
# of its brief: 34 of its 48 kept); 95.85% at the forty-fourth round's end; 96.01% at the forty-fifth's, its rules giving
# back stories told in numbered sections, in the imperative and quoting an exchange); 96.00% with the forty-sixth round's
# final checks joined and 96.07% at its end, its eight good batches (384 stories written to lean on its new rules and
# on the brief obliquely) kept 376 times); 96.10% with its final checks joined, 96.08% at the forty-seventh round's end,
# with its ten waves joined and the summary measure learned; 96.11% with the forty-eighth round's start (the last
# round's final checks joined), 96.07% with its waves joined (l66 written to lean on found documents, lists and logs:
# 40 of its 48 kept on arrival), 96.31% at its end and with the forty-ninth round's start (its final checks joined),
# 96.17% at its end, with its waves joined (l69 written to lean on found documents: 24 of its 48 kept on arrival);
# 96.13% with the fiftieth round's start (its final checks joined), 96.13% with its waves joined (e72, stories told at a
# distance: 39 of its 48 kept on arrival, seven lost to the script reading), 96.16% at its end; 96.12% with the
# fifty-first round's start (its final checks joined), 96.27% with its waves joined, 96.31% with its second waves
# (l76, l77: stories that meet their prompt sideways, all 96 kept on arrival), 96.30% at its end)
FLOORS = {"tune": (0.957, 0.77), "heldout": (0.97, 0.99)}
# Good stories kept with chatter left in or a piece of the story cut: none on the held-out half; on the tune
# half, wrapped answers whose subtle afterwords the cleaner still gets wrong (QUALITY.md); more since the
# sixteenth round keeps stories it used to reject (as off the brief, or present-tense scenes as essays), and
# with them the chatter or the cut the rejection hid (w9-047, w10-035, e4-045; the seventeenth round's journals of
# prose entries, gv-206, whose afterword on its own craft nothing catches). The eighteenth round's cleaning (notes
# under a rule, the explanation before an offer, openings on the making) brought it from 33 to 29. The twentieth
# round's fresh batches brought four more (a roleplayed pirate's "Arr. Here be yer tale.", an agent's briefing after
# a stage direction, a craft note on a character kept offstage, a second-person story whose narrator turns up at its
# end), and its cleaning took three older ones (a storyteller's "Ah, you want a mystery? Very well.", a stage
# direction with the teller's words after it): 30. The twenty-first round's cleaning took two (maker's notes after a
# story told without "I"), and its fresh batches brought seven: four whose edges read as a story's lines to a reader
# of the text alone ("And somewhere, a map is always waiting to be finished." before an offer, "— end of transmission
# from the mountain village.", "And Elm Street, as far as I'm concerned, has smelled of cinnamon ever since.", a
# storyteller persona's "*She pokes the embers...* And that, my dears, is why..."), a story's own "Okay. Here's how it
# goes: you pick up, you ride..." taken for an opener, and two last paragraphs of stories read as the assistant's
# ("Pell named the frog Chapter One..., where it croaked every time the book said...", a parrot's '"Excellent
# question!" said Reginald.'): 35, and 34 as the relearned measures reject w8-026 again (its afterword's sentence sits at
# the asides threshold, and moves across it as the threshold does). The twenty-second round's fresh batches brought
# two stories whose first lines are an assistant's words to a reader of the text alone (an AI narrator's "Sure! Here's
# your summary for Tuesday.", a narrator's "I hope you'll forgive me the ending..." in a story that says "I" only
# there and in its last line): 36; and four whose edges the corpus's policy takes off though their writer meant them
# as the story's (a closing "Moral: ...", a closing "The end.", a title in bold or after "#"): 40. The round's final
# checks took one ("Arr. Here be yer tale.") and brought two (a first-person story's first line on its assent's line,
# "Absolutely, here goes. I have lost four hundred...", and a persona's "Let me take you to a throne room...", which a
# storyteller's first line may say too): 41. The twenty-third round's batches brought nine: four first lines of stories
# that an answer's opener would say ("Sure.", an AI narrator's "Of course! I'd be happy to help with that.", "Okay. Okay.
# Okay.", a story's one-word message "Hello."), a title in plain words and a greeting to the reader before their stories,
# a first-person story's opener on its own fun ("I had a lot of fun with this one..."), and two morals before the
# chatter, one a paragraph of its own, one the moral rule's present misses ("Some warnings only make sense
# afterwards."): 50. Its second tune batches brought four: three first-person stories under their makers' first-person
# openers ("I worked this from the nurse's own perspective, because...", "...so I leaned into that", "I kept thinking
# about how a cold case never really goes cold... So this is told by her."), and an offer in a story whose notes the
# narrator quotes ("If you want, I could tell it again from Rose's side."): 54. Its first final check (w39), joining
# the tune half, brought two (a closing line to the reader, "Maybe don't look too long at your own mirror tonight.",
# and a first-person story's opener "I kept circling one question while writing this... Here's where I landed."), and
# the moral in the present passive took an older one ("And somewhere, a map is always waiting to be finished."): 55.
# Its third tune batches brought five (a closing "And that is where I'll leave it — some maps are better left
# unfinished.", a closing "Sleep well. Or don't.", two first-person stories under "I'll write this as the detective's own
# account..." and "I should say up front: I leaned into the hacker's voice...", and a story whose first line is a
# character's thought, "Okay, Jonah tells himself."), and a first word the story goes on to speak of took three older
# ones ("Sure." / "That was the first thing the book ever said"): 57. Its third final check (w43), joining the tune
# half, brought two (a first-person opener, "I pictured this one from the farmer's side of the barn door, so he's the
# one telling it.", and a title with a comma, "The Rain Did Not Stop, and Neither Did We", which a letter's address line
# or a byline would be taken for if titles could hold one), and the relearned measures reject gv-073 (its opener "I may
# have leaned a little further into the comedy..." sits at the asides threshold): 58. Its last tune batch of wrapped
# stories (w44, whose writer was asked for closings that sound like a story's) brought seven: four openers in the
# maker's voice before first-person stories or a title ("I've always found the idea of tight cave passages
# unnerving, so I leaned into that", "Treasure maps plus gentle humour, my favourite combination. Enjoy!"), a closing
# hope in italics, a closing "I'll leave it to you whether that's enough. Say the word if...", and a first-person
# story's last paragraph cut ("It tells me I can fly, and it has never once lied to me before."); and gv-073 is kept
# again, with its opener, as the asides threshold moved back: 66. The twenty-fourth round's first tune batch of wrapped
# stories (w45) brought five; the maker saying before the story how it made it ("I've written this as...", "I tried
# to make this feel like...") and a closing hope the user's wish came through took three of them and two of the tune
# half's (w10-020, w40-035); left: "Ha, fun combination: ... Let's see." before a story, and a closing list of notes
# with no heading ("• Setting: ... • Ending: open, but hopeful"): 66. Its second wave (w47, e18) brought four: a story's
# last paragraph that quotes a polite line after a colon ("...left blinking on the screen: Let me know if you have any
# questions."), a closing line of speech resumed after its tag that asks "you" ("'Mum,' she said ..., 'what would you
# tell me to do?'", cut whole; its narration is now read right, but the first-sentence test reads the raw text), a
# closing question in italics ("*Did you see it coming?*"), and "Sure — a little summer-storm romance..." before a
# story; the maker's "I'll write this as..." took w42-022's opener: 69. A short opening that ends on the go-ahead
# ("... Enjoy!", "... Let's go.", "... Let's see.") took four, w45-011 among them: 65. The twenty-fifth round moved
# that round's final checks into the tune half: w46-036 kept (with the relearned asides threshold) with its opener
# ("Certainly! I'll keep it slow and atmospheric, letting the greenhouse itself do a lot of the work.") and e19-009 cut
# by a narrator's "Okay. Here's what happened, and I'll tell it fast...": 67. The assistant's "I" on its making after
# its assent took w46-036's opener and w44-038's ("Certainly. I've aimed for something rather dreamlike..."), and
# "here's what happened" is left to narrators: 64. The maker on the side it told the story from, its fun, what it
# leaned into or circled "while writing this", a character kept offstage, "I went epistolary", "I used journal
# entries" and a closing "_Hope that strikes the right balance..._" took thirteen: 51. A title with a comma ("The Rain
# Did Not Stop, and Neither Did We"; not a dateline, a byline or an address) and "Sure — a little summer-storm romance,
# heavy on..." took three: 48. The asides measure learned from the stories as their writers marked them, not as
# cleaning left them, rejects three whose chatter cleaning leaves in (gv-073, w10-035, w44-045): 45. Writing the story
# quotes after a colon, in a paragraph of its own, left out of the narration, keeps e13-031, whose first paragraph
# (a note quoted after "Folded in four, blue ink:") cleaning takes off: 46. The round's third tune wave (e20, m40, l10,
# w50) brought one (w50-018: a first-person story's closing "I pictured the seller slowly losing every memory they
# trade, which felt like a quiet, sad way to end it.") and, with the asides threshold relearned higher (5.566 to
# 6.112), w10-035 is kept again with its closing note: 48. The twenty-seventh round's batches brought one (e23-047: a
# first-person letter whose last paragraph, "I hope this helps. I hope you're who you say you are.", is cut whole as an
# assistant's hope), and keeping a note's bare "Let me know." kept e20-034's last words: 49. Its last wave brought one
# (e25-026: a story's first line about a list on the fridge, "because writing it down made it feel less like
# madness", taken off as the maker's opening): 50. Its fourth wave brought fourteen: w56, whose writer was asked to join
# half its wrappers to the story's own first or last line ("Sure — here it is. I was the first one awake...", "Quick
# and punchy, as asked. The star was eating itself.", "...one turning ahead. Want more from this lost city?"), left
# sixteen of them unclean, and taking "Want more from..." and "The ending is deliberately left unspoken" off took two;
# and an edge story (e26-016): 63. A first sentence that hands the story over or pitches it on the story's own line
# ("Sure — here it is.", "Quick and punchy, as asked.", "Romance, but with a ticking clock.", "Enjoy — the last line is
# where it turns.") took five: 58. The twenty-eighth round moved that round's final checks into the tune half: w54
# brought three (a first-person story after a handover losing its last lines, a "Themes I explored:" list left on, and
# "Fast and punchy it is!" before the story's first sentence): 61. Its two tune waves brought twenty-seven, fifteen of
# w57 and twelve of w59, whose writers were asked for the hard joins (a first-person story's opening on the handover's
# line, a note on the ending after the story's last sentence in its paragraph; a first sentence in the story's "I" is
# kept after "Here you go, written in the first person as you asked.", and a last line of speech before "Short and
# punchy, as requested!", but most still lose a first or last paragraph), and the asides measure, relearned, rejects
# w10-035 and w45-033, whose closing notes cleaning leaves in: 86. The twenty-ninth round moved the last round's final
# checks into the tune half: w58, written for the same hard joins, brought fourteen (most of them a handover ending on
# a colon before the story's first sentence, "Here's a fast-paced thriller: At 11:51, Agent Cole kicked in the door...",
# which takes the whole first paragraph off) and the relearned asides measure one: 101. A handover ending on a colon
# taken off alone, an opening paragraph of chatter split where the story's first sentence starts ("Ooh, fun one.
# Here's my take. The twist is in the last line, so no peeking! The call came at 6:14..."), and an offer on the story's
# last line ("...held out to help her aboard. I can lean further into the danger if you want it darker!") took
# sixteen: 85. The round's tune wave (m57, m58, w60, w61, l22, e29) brought twenty: seventeen of w60, most of them
# a first sentence of the story left in the opening's paragraph or a last line of speech taken with the chatter after
# it: 105. A closing paragraph of chatter keeps the story's last sentences before it when they lean clearly to the
# story's side ("The hammer never fell. That's the full story; I went for a last-second save..."): eleven: 94.
# Short handovers on the story's first line ("Okay, this one gets dark. Dev bought the camera..."), taken off before
# it, keep five more stories and clean one: 93. The round's second wave (w63, w64, m60, e30, o17) brought thirty-two
# (w63: 23, w64: 9), and the asides threshold, relearned from 7.14 to 6.23, rejects ten wrapped answers whose chatter
# cleaning leaves in: 115. The threshold fitted on the tail of the good answers' highest scores (6.59; steadier across
# folds) keeps six of them again: 121. The thirtieth round moved the last round's final checks into the tune half: w62
# brought ten, and the asides threshold, relearned from 6.59 to 6.70, rejects one wrapped answer (w63-026) whose chatter
# cleaning left in: 130. A head of "a ... one" handing over ("A short, sensory-rich one: The soup..."), short handovers
# on answers of one paragraph, and the maker's "I wanted..." before an offer on the story's last line took eight: 122.
# The round's wave (w66, written with most handovers joined to the story's first sentence and half its answers one
# paragraph, e31, m62, o18) brought sixteen (w66: fifteen): 138. A sentence that ends on the handing over ("Tension,
# coming right up.", "Twist incoming!"), a head's "a ... take", and the rest after a head that hands one story over
# weighed only for the writer's sentences took nine: 129. A pictograph's sentence on the story's last line taken off
# ("...too. Sleep well 🙂") keeps two more answers of w63 whose other chatter cleaning leaves in: 131. The round's second
# wave (w67, w68, e32, m63), measured before it joined, brought forty-three (w67: fifteen; w68, written with short
# pitches on the story's first line and notes joined to its last, "Short and breathless. ...", "...Quiet ending on
# purpose.": twenty-five; e32: three), and the relearned asides measure two (w62-003 kept with its chatter, w66-022 now
# rejected): 174. A hope for what lands or comes through ("Hope the bickering lands!") and an offer that speaks of the
# text ("The descent could be its own story, if you want it.") took three: 171. A pitch "as asked" or "like you wanted"
# took three: 168. A pitch of the telling's manner alone ("Short and breathless.") took two: 166.
# The thirty-first round moved the last round's final checks into the tune half (m61, w65, l24): w65 brought seven, and
# the relearned measures keep e14-013 as it stands (one more) and reject w64-007 (one fewer): 173.
# Chatter of several tails on the last line of an answer of one paragraph taken off before its head is weighed, closing
# offers "shall I ...?", "Say the word!" and "Sequel where...?", and a head that says what the one story is like ("This
# one stays close to the queen's guilt.") kept five more wrapped answers, one of them (w66-009) with its pitch, and
# cleaned one (w68-013): 174.
# A short line before the story's title set in markup taken off with it kept three more (w65-013, w65-019, w56-045),
# exactly: 174.
# The round's wave (w70, e33, m65), measured before it joined, brought fourteen (e33, stories whose own first or last
# lines read like chatter: seven; w70: seven), and the relearned asides measure (threshold 6.66 -> 6.77) kept two
# wrapped answers with their chatter (w45-033, w67-020) and cleaned one (w62-003): 189.
# A character's unquoted words at the story's head, with the teller named ("Here you go, the broker says, and...") kept
# as the story's: 187.
# After a handed head, only the story's first sentence asked for words of a text, a sentence ending on "here we go" after a
# few words, and "tense" among the manner words of a pitch ("Short and tense:") kept five more exactly and cleaned two:
# 185. A pitch "as asked" handing one story over, and an answer of one paragraph of lines weighed as one line, kept two
# more, one of them (w63-005) with the chatter on its last line: 186.
# The thirty-first round's final checks joined (w69: seven kept with chatter; l25: one, l25-035), and the relearned asides
# measure (threshold 6.77 -> 6.78) kept w64-007 with its chatter and rejected w67-010 (kept unclean before): 194.
# The thirty-second round's wave brought 26 (w72, pitches and closing questions about the story's people: 26 of its 38
# kept answers with their chatter; e34 none), and the relearned measures (asides 6.78 -> 6.90) three more: 223. A
# question to the user about the story's people after it taken off ("Do you think she should have gone down with
# Reyes?") cleaned ten of w72's: 213. The story's own first-person sentence on the handover's line kept in any tense
# ("Sure, here's one that stays inside the paladin's head. I have killed eleven demons...") cleaned two: 211. After a
# head that hands one story over, its first sentence weighed as the story's when the measure leans that way at all, and
# a line of speech after a handover on its line kept as the story's ('Here goes: "Your owl is on my side of the
# staircase," said Maudra.') cleaned eight more: 203. The weaker words of the writer's terse notes rejected w68-041,
# kept with its note on the story's last line ("Quiet ending on purpose."): 202. The round's second wave brought six
# (w73: four; e35: two, stories whose own first or last lines were taken for chatter), a note quoted at a line's start
# kept w65-036 with its chatter, and the relearned asides measure (6.90 -> 6.93) kept w10-048 and w69-028 with theirs:
# 211.
# The thirty-second round's final checks joined (w71: three kept with chatter; m66: five answers whose every aside the
# cleaner takes off relabelled good_wrapped, kept exactly), and the relearned asides measure (6.93 -> 6.89) rejected
# w69-013 and w69-028, kept with their chatter before: 212.
# The thirty-third round's wave brought nine (w75: five, same-line wrappers and closing questions; e36: four, stories
# whose own first or last lines read like chatter), and the relearned asides measure (6.89 -> 6.73) rejected four kept
# with their chatter before (w10-048, w45-033, w66-022, w67-010): 217. A pitch ended by a pictograph on the story's line
# ("Horror with a wink 😄 — Gerald noticed...") taken off cleaned four (w58-010, w63-003, w63-008, w75-020): 213.
# "Here it is, told by the nurse herself:" taken off before a first-person story cleaned w75-027, and the writer's note
# opening on the doing ("Leaning hard into atmosphere here.") rejected w61-011, kept with it before: 211.
# The round's second wave brought nine (e37: five, stories whose own first or last lines read like chatter; w76: four),
# and the relearned measures (the marked asides now read in the whole answer; asides 6.73 -> 6.61) cleaned w60-048,
# rejected w73-018 (kept with its chatter before) and kept w10-020 with its chatter: 219.
# The thirty-third round's final checks joined (w74: two kept with chatter, w74-002 and w74-038; m69: two answers whose
# every aside the cleaner takes off relabelled good_wrapped, kept exactly), and the relearned asides measure (6.61 ->
# 6.62) kept w64-047 and w69-013 with their chatter (rejected as meta-talk before): 223. The last paragraph a story's
# people wrote kept as the story's (after "he wrote:") cleaned e4-028: 222.
# The thirty-fourth round's waves brought fourteen (w78: ten, long notes on the craft and same-line closers; e38: three,
# stories whose own first or last lines read like chatter; w79: one, a handover on the story's line after a single line
# break), and the relearned measures (asides 6.62 -> 6.52) kept w29-006 and w74-048 with their chatter and rejected
# w64-047 and w65-015, kept with theirs before: 236. After the join, the round's openers and closers on the story's line
# ("here's" of "one" or a scene, "this one" spoken of, the maker's offer asked, pitches of what the text is like, a hope
# for the text) kept six rejected before with some chatter still on them (w10-048, w59-020, w61-023, w62-041, w63-012,
# w70-006) and cleaned nine (w63-002, w67-041, w71-042, w74-002, and w78-010, -013, -019, -041, -048): 233.
# Same-line openers and closers are still the cleaner's weak spot (QUALITY.md).
# The thirty-fourth round's final checks joined (w77: one kept with chatter, w77-030; m72: two answers whose every
# aside the cleaner takes off relabelled good_wrapped, m72-015 kept exactly): 234. The thirty-fifth round's wave e39
# brought two (e39-003, e39-041: a closing "The end." its writer counts as the story's, which the cleaner takes off as
# the answer's, as the corpus mostly labels it): 236. The round's same-line handovers (on a dash, before a figure, before
# speech in single quotes) kept four rejected before, exactly, and one with its closing chatter (w72-016), and cleaned
# w65-028 and w78-025: 235. The thirty-fifth round's final checks joined (w80: seven kept with chatter, w80-003, -019,
# -023, -025, -027, -042, -047; l31: one, l31-007; m75: one answer whose every aside the cleaner takes off relabelled
# good_wrapped, m75-033, kept exactly), and the relearned asides measure (6.472 -> 6.501) cleaned w29-006 and w60-026
# and rejected w69-013, kept with its chatter before: 240. The thirty-sixth round's wave (m78, e40, l33) brought one
# (l33-011) and its relearned measures rejected w63-025, kept with its chatter before: 240. A story's own head to what its people
# did ("What Agna gave, in order:") kept on it cleaned l31-007 and l33-011: 238. The round's second wave (m79, w82)
# brought three (w82-015, w82-028, w82-043: same-line wrappers): 241. A handover on a dash before a short line of speech,
# a "snippet" handed over on a dash, and a cry after a handover on its line cleaned all three: 238. A whodunit handed
# over on a dash kept w82-020 exactly (rejected before). A first line opening on an assent's word with no stop after it
# ("Of course the dead came when Maud called them.") kept as the story's cleaned e33-010: 237. The thirty-sixth
# round's final checks joined (w81: three kept with chatter, w81-003, -010, -047; l32: three kept with a piece cut,
# l32-002, -024, -030): 243. The thirty-seventh round's waves (m81, e41, l35) brought three (e41-012, l35-007, l35-037)
# and the measures relearned with them rejected e14-013, kept with a piece cut before: 245. A letter's close signed
# under it kept e41-012 exactly, and a head saying what its people wrote with or where kept l35-007 and l35-037: 242.
# The round's second waves (m82, w84, l36, e42) brought four (w84-017, -019, -034, -040: chatter on the story's first
# or last line, or a closer opening like narration) and the measures relearned with them kept w69-013 with its chatter
# (rejected before): 247. Chatter after the maker's interjection ("Arr, hope that got a chuckle!") cleaned w84-040 and
# w63-020: 245; the maker's "I wrote this" opening kept w84-035 with its closer, "Any changes..., just ask!" cleaned it.
# A tag going on after its verb ("..., she had written at the bottom, and underlined it twice.") kept e33-031 exactly:
# 244. The thirty-seventh round's final checks joined (m80 with two answers relabelled good_wrapped, w83 with two kept
# with chatter, w83-023 and w83-033; l34) and the measures relearned with them kept e14-013 with a piece cut (rejected
# before) and rejected w69-013 (kept with chatter before): 246. The thirty-eighth round's inserts and questions with
# their answers weighed by the asides measure rejected three answers kept with chatter (w63-048, w66-023, w72-042), kept
# w71-047 exactly and, relearned, left chatter in three (w29-006, w69-013, w69-026): 245. The round's first waves (m84
# with two answers relabelled good_wrapped, w86, l38, e43) brought twelve (w86: chatter on the story's first line, or a
# closing paragraph that opens like narration, "Pell and his grumpy book could easily carry a whole series."), and the
# measures relearned with them kept w63-025 with its chatter (rejected before) and w71-047 with it again: 259. The
# round's second waves (m85 with eight answers relabelled good_wrapped, w87, l39, e44) brought three (e44-017, w87-032,
# w87-042), and the measures relearned with them kept w71-047 exactly: 261. "Our hero" and "Pell and his book" before
# the maker's offer cleaned w86-001 and w86-023: 259. The round's final checks joined (m83 with twelve answers
# relabelled good_wrapped, w85 with five kept with chatter or a piece cut, l37 with two) and the measures relearned
# with them cleaned w58-048 and w60-028, rejected e14-013 and w69-013 (kept with a piece cut or chatter before): 262.
# The thirty-ninth round's maker's word on the story's people with no offer after it cleaned w86-020, w86-041 and
# w86-044: 259. The round's waves (m87, w89, l41, e45; m88, w90, l42, e46) brought thirty-six (w89: fourteen and w90:
# twenty-one, closing words on the ending or the story's people the cleaner does not take, e46-030: one) and the measures
# relearned with them left chatter in w58-048 and w60-028 again and kept w69-013 with its chatter: 298. "She" or "he"
# opening the maker's closing word cleaned w58-007, w90-017 and w90-048: 295. The fortieth round: the maker's sentences
# before its offer in one paragraph cleaned sixteen answers (w42-006 now rejected: "where I'll leave it" plans more):
# 283; the asides measure weighing questions and commands rejected six answers kept with chatter: 277; the round's
# waves (m90, m91, w92, w93, l44, l45, e47, e48) brought twenty-nine (w93: twenty-one, remarks on the ending under the
# story's last line or before an offer; w92: seven; l44: one) and their relearning rejected two kept with chatter
# (w63-025, w66-030): 304; the story's lines before a remark on the line under them returned five w93 answers kept with
# a piece cut exactly (and w93-005, rejected before): 299. The forty-first round: the maker's remark on the made story
# with no offer, a closing paragraph or the line under the story's last line, cleaned seven (w90-032, w90-036, w92-019,
# w93-003, w93-013, w93-020, w93-036; e7-042 lost its closing moral): 293; the round's waves (m93, w95, l47, e49, v1)
# brought sixteen (w95: ten, a closing remark the cleaner does not take or a title line it takes; e49: five, the title
# line over a story; l47-041) and their relearning left chatter in gv-207, cleaned w60-028 and rejected w88-041: 308. A
# reading of the made story that turns, lands or stays cleaned w86-014 and w95-011: 306. The round's second wave (v2,
# l48, m94, w96) brought seven (w96: closing remarks without "I" the cleaner does not take), and its relearning kept
# w64-047 and w88-041 with chatter (rejected before) and cut e26-012's teller's close: 316. The maker's sentence before
# its offer taken with it when it leans to the writer's side cleaned w75-007 and w78-040 and kept w60-030, w70-022 and
# w70-045 (rejected before), one with chatter: 315. The forty-second round: fourteen stories of the tune half whose
# "story" held the title line over it, which the cleaner takes off ("The Last Commission", "**Marginalia**": e15, e36,
# e37, e49, w95), lost that line, as the corpus's stories never hold one (e27-003 before them): 301; the last round's
# final checks joined (w94 with two titles so moved): 309 (w94: five closing remarks, l46: three), and the measures
# relearned with them cleaned gv-207 and w58-048 and rejected w64-047: 306. The closing remark's parts and readings
# of w98 ("Ending on...", "sits in the first paragraph", "relies on", "carry", "rereads") cleaned w93-004 and w95-047
# (and kept w96-007, rejected before): 304. The round's waves (v3, m96, w98, e50) and the measures relearned with them
# kept w64-047 with its chatter again: 305. The second wave (v4, m97, w99) brought two (w99-003, w99-014: a closing remark
# on the line under the story with none of the text's parts the cleaner knows): 307. The forty-third round: the last
# round's final checks joined (w97: three closing remarks, w97-012/033/038) and the measures relearned with them left
# gv-158's chatter in: 311. A closing remark that explains a choice without naming a part of the text cleaned w96-045
# and w99-014: 309. The round's waves joined (w101: seven such remarks left, under the asides bar) and the measures
# relearned with them cut e26-012's teller's close and left gv-207's opening remark and w58-048's last line as before
# the last relearning, and rejected w90-035: 318. The second wave (v7, w102: nine such remarks left) and the measures
# relearned with it: 327. The forty-fourth round: the last round's final checks joined (w100: six closing remarks or
# pieces cut, w100-020/023/027/031/033/046) and the measures relearned with them cleaned w58-048: 332. The round's
# waves (v8, l53, l54, p7, l55, e52, e53) brought two (e53-016: a storyteller's "Here's how it went, the last night on
# Halvard Station." taken as a preamble; e53-042: a last paragraph on "the ending" taken as a remark), and the measures
# relearned with them left w58-048's last line in again: 335. The last wave (e54) and the measures relearned with it
# left w92-042's closing remark on the story's point in: 336. The forty-fifth round: the last round's final checks
# joined (w103: three closing remarks left, w103-004/032/044), the measures relearned with them: 339. Stories told in
# numbered sections kept brought e13-001, whose storyteller's opening ("Let me tell you about the spellbook, since
# everyone in the village has a version...") the cleaner takes for a preamble (three more had a title in "story", now
# taken off it: l40-021, l44-008, l46-007): 340. The measures relearned with the round's rules kept w67-010 with its
# closing remark on the story's turn in ("The bittersweet turn at the end was deliberate..."): 341. The round's waves
# (v9, m102, p8, e55, l57, e56, e57) and the measures relearned with them rejected w67-010 and brought four: a story's
# first line that brings in what it quotes taken for a preamble ("Old Ambrose sang while he dug:", "The label on the box
# says:", e56-011, e56-044), e56-029's opening paragraph before a list of names, p8-030's reflecting opening: 344. The
# forty-sixth round: the last round's final checks joined (w104: seven closing remarks or titles left, w104-008, -013,
# -027, -029, -036, -045, -048), the measures relearned with them left w92-042's remark in again and took w58-048's off:
# 351. The round's waves joined with eight: the cleaner took a story's own closing diary entry or letter-writer's
# paragraph (l59-013, l59-014), a log's or a list's head (l59-023, l59-039), and four edges of e61, e62 and l61
# (e61-002, e61-023, e62-045, l61-036); the measures relearned with them cut w92-042's remark exactly, left w102-005's
# in, and rejected w90-023 and w104-045 (their closing remarks now read as meta-talk): 357. A story's short head to what
# it brings in, kept ("Old Ambrose sang while he dug:", "Things I have:"), cleaned e56-011, e56-044, l37-019 and
# l59-039: 353. The forty-seventh round: the last round's final checks joined (l58-007: one), the measures relearned
# with them kept w90-023 with its closing remark (rejected before) and left w90-032's and w92-042's in: 357. The round's
# waves (m108, m109, v12, v13, e63-e66, l63, w107) brought four (e63-038, e64-025: an edge of a storyteller's or a
# castaway's story taken; w107-010, w107-021: chatter left in), and the measures relearned with them (and the summary
# measure learned) left w58-048's last line, w90-036's and w90-039's remarks in and cleaned w90-032 and w92-042: 362.
# The forty-eighth round: the last round's final checks joined (w108-033: one), the measures relearned with them left
# w92-042's remark in and cleaned w64-007 and w90-023: 362. The round's waves (m111, v15, w109, l65, l66, e68, r1, r2)
# brought five (a storyteller's opening to a listener taken for a preamble, l65-002 "Sit closer...", r1-026 "You asked
# why Grandad kept the radio, so I'll tell you what he told me."; a story's closing question to its listener taken,
# r1-048; e68-035's first paragraph of quoted notes; w109-004's "Absolutely. A suspense-driven fantasy story follows."
# left in), and the measures relearned with them cleaned w90-036 and w92-042: 365. Lists the summary measure reads as
# told kept brought two (a list's head taken for a preamble: e11-017's "Here is what you need to know about the
# visitors, according to the pamphlet...:", l47-007's "THINGS SOLD TO THE THING UNDER THE WELL..."): 367. The opener
# that says a story follows taken off cleaned w109-004: 366. The forty-ninth round: the last round's final checks joined
# with four (r3-020: a narrator's first words to the sergeant taken for a preamble; w110-004's "A quick, tense heist
# for you.", w110-042's opening remark and w110-018's closing "Longer chase?" left in), the measures relearned with them
# left w64-007's opening remark in and cleaned w102-005: 370. The round's openings that say what the text is like after
# an assent or to the user ("Sure thing. Fast, action-heavy...", "Fast and punchy it is!", "A quick, tense heist for
# you."), "This adventure leans into...", the two-word offer ("Longer chase?") and the user's "you'd" in a closing offer
# cleaned w110-004, w110-018, w110-042, w42-028, w54-038, w64-007, w70-046, w81-003 and w96-023, and kept w93-006 (rejected
# before) with a remark on its making left in its last paragraph: 362. The round's waves (m113, o19, v17, w111, l68, l69,
# r4, e70) brought two (r4-017: a narrator's closing question to the suspect taken for an offer; w111-032's closing
# remark left in), and the measures relearned with them left w102-005's closing remark in: 365. The fiftieth round: the
# last round's final checks joined with nine (r5-002, r5-010, r5-040, r5-043: a narrator's edge taken; w112-004, -017,
# -020, -026, -048: chatter left in), the measures relearned with them left e64-001's edge out and cleaned e26-012,
# w58-048 and w92-007: 372. The round's describing openers with no assent, the maker's reading of the brief, a parting
# alone, the tone asked after and the offer to rework cleaned w85-017, w85-026, w86-019 and w86-032, and kept w67-029
# (rejected before) with a line left in: 369. The round's waves (m115, o21, v19, w113, l71, l72, r6, e72) brought two
# (w113-025's "Sweet dreams!" after a second-person story, w113-045's title "9:14"), and the measures relearned with them
# left e26-012's and w92-007's edges in again: 373. The fifty-first round: the last round's final checks joined with
# five (r7-026: a narrator's edge taken; w114-007, -011, -024, -039: chatter left in), the measures relearned with them
# left w90-036's closing remark in again: 379. The round's closing notes on the craft and double partings kept sixteen
# wrapped answers (rejected before) exactly cleaned; its waves (m117, o23, v21, w115, l74, r8, e74) and the measures
# relearned with them cleaned w90-036: 378. More words of manner in an opening ("tight", "dreamlike", "mostly silence"),
# the maker's reading of a style instruction's words and the rule under it cleaned w114-007, -011, -024 and -039: 374.
# The round's second waves (m119, v23, v24, w117, l76, l77) brought two (w117-013, w117-034: chatter left in), and the
# measures relearned with them left w90-032's, w90-036's and w92-042's closing remarks in again: 379. Someone's "kept it"
# near a written thing no longer read as the maker's "kept it short" cleaned w117-013 and w30-034 (their first
# paragraphs of story were taken with the chatter): 377.
UNCLEAN_CEILING = {"tune": 377, "heldout": 0}


@pytest.mark.parametrize("half", HALVES)
def test_the_filter_holds_its_recorded_figures_on_each_half(half):
    """A floor under the figures QUALITY.md records (a change that loses ground fails here); the goal
    (97% and 97%, every category 90%) is reached on the held-out half, not on fresh batches: see QUALITY.md."""
    result = confusion(load(half))
    good, bad = FLOORS[half]
    # Plain numbers in the asserts: a failure shows the rates, never the held-out half's texts.
    good_rate, bad_rate = result.good.rate, result.bad.rate
    unclean = [case.id for case, _ in result.unclean]
    assert good_rate >= good, (half, good_rate)
    assert bad_rate >= bad, (half, bad_rate)
    assert len(unclean) <= UNCLEAN_CEILING[half], unclean


@pytest.mark.parametrize(
    ("named", "total", "rank", "off"),
    [
        (0, 3, 1, False),  # no concept named, but no other prompt fits better
        (0, 3, 2, True),
        (1, 3, 4, False),  # one concept of three: the story may meet the brief obliquely...
        (1, 3, 5, True),  # ...but not while four other prompts fit it better
        (1, 2, 10, False),  # one of two is half the brief
        (1, 2, 11, True),
        (2, 3, 40, False),
    ],
)
def test_off_brief_weighs_the_concepts_named_against_the_rank(named, total, rank, off):
    from autotrain.quality.relevance import Relevance

    assert Relevance(named, total, rank, prompt_hits=3, genre_hits=1).off_brief is off
    # A text plainly written for another catalog brief is off this one, however many concepts it shares.
    another = Relevance(named, total, rank, prompt_hits=3, genre_hits=1, another_brief="A dragon egg hatches")
    assert another.off_brief is True


def test_a_decision_does_not_depend_on_the_process_hash_seed():
    """Relevance sums topic weights in a set's order, which moves with PYTHONHASHSEED; a prompt that ties with
    the brief to the last bit must not count as fitting better in one process and not in another (a tune answer
    whose brief ties with another prompt was kept or rejected by seed). So does the learned measure of the
    writer's asides sum a sentence's token weights (gr-029's aside scores the threshold itself)."""
    import subprocess
    import sys

    code = (
        "from autotrain.quality.corpus import load, judge\n"
        "for case in (c for c in load('tune') if c.id in ('w9-016', 'gr-029')):\n"
        "    report = judge(case)\n"
        "    print(case.id, report.kept, report.score, sorted(report.breakdown.items()))\n"
    )
    answers = {
        subprocess.run(
            [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True, text=True,
            check=True, cwd=CORPUS_DIR.parents[2],
        ).stdout
        for seed in ("0", "3", "7", "18", "20")
    }
    assert len(answers) == 1, answers
    assert "w9-016 True" in next(iter(answers)), answers


def test_make_quality_counts_each_file_of_stories_by_the_exact_story_returned():
    from autotrain.quality.corpus import Case, render

    def case(number: int, text: str, source: str) -> Case:
        return Case(id=f"t-{number}", label="good", category="good_wrapped", genre="fantasy", prompt=WIZARD,
                    style="", text=text, story=STORY, source=source)

    result = confusion([
        case(1, "Sure! Here's a short fantasy story about a young wizard:\n\n" + STORY, "batch_a"),
        case(2, STORY + "\n\nI hope you enjoyed it!", "batch_a"),
        # kept, but with a paragraph of chatter no rule knows left in: not the story
        case(3, STORY + "\n\nA wizard, a book, a question.", "batch_b"),
    ])
    assert (result.stories["batch_a"].right, result.stories["batch_a"].total) == (2, 2)
    assert (result.stories["batch_b"].right, result.stories["batch_b"].total) == (0, 1)
    assert [kept.id for kept, _ in result.unclean] == ["t-3"]
    shown = render("tune", result)
    assert "batch_a                2/2" in shown and "batch_b                0/1" in shown


# The twenty-eighth round: the writer's notes the learned measure now weighs, and the cleaner's joins.
FIRST_PERSON_PARAGRAPHS = FIRST_PERSON_STORY.replace(" The cover was warm.", "\n\nThe cover was warm.")


@pytest.mark.parametrize(
    "text",
    [
        # a note in brackets joined to the story's last sentence
        STORY[:-1] + " (kept it short and punchy).",
        # drafting notes with neither a person nor the present: a modal, an -ing opening
        STORY.replace(" The cover was warm.", " Going with second person so the dread sits with the reader. The cover was warm."),
        STORY.replace(" The cover was warm.", " The twist may need an earlier beat to set it up. The cover was warm."),
    ],
)
def test_the_writers_short_notes_on_its_draft_are_meta_talk(text):
    report = score(text, WIZARD, genre="fantasy")
    assert not report.kept and "penalty_meta_talk" in report.breakdown, report.breakdown


def test_a_closing_bracket_is_weighed_on_its_own_from_two_words(monkeypatch):
    from autotrain.quality import asides, talk

    # a measure that knows one token: the bracket's mark before "kept"
    monkeypatch.setattr(asides, "model", lambda: asides.Model(bias=-1.0, threshold=0.5, weights={"( kept": 2.0}))
    ending = "she closed the book with trembling hands"
    assert talk._closing_bracket(f"{ending} (kept it short).") == "(kept it short)"
    assert talk._closing_bracket(f"{ending} (kept, mostly)") == "(kept, mostly)"
    assert talk._closing_bracket(f"{ending} (kept).") is None  # one word says too little
    assert talk._closing_bracket(f"{ending} (his third that week).") is None  # the measure leans to the story's
    assert talk._closing_bracket("she closed it (kept it short) and left.") is None  # not the text's end


def test_the_asides_measure_weighs_the_opening_word_a_semicolon_and_a_question():
    from autotrain.quality import asides

    assert {"^kept", ";"} <= asides.tokens("kept the lizard; cutting it felt cruel.", False)
    assert {"(", "^creepy", "?"} <= asides.tokens("(creepy enough, or too much?)", False)
    assert asides.weighed(asides.words_of("going with second person so the dread sits with the reader."))
    assert asides.weighed(asides.words_of("the twist may need an earlier beat to set it up."))
    assert not asides.weighed(asides.words_of("the cover was warm when he opened it."))


def test_the_asides_measure_weighs_inserts_and_a_question_with_its_answer_as_sentences_of_their_own():
    # (the thirty-eighth round) a bracket inside a sentence, words between two dashes, and a question with the short
    # answer after it: the writer's note inside the story's sentence ("...open to the wind (open or bolted? open is
    # eerier), and..."), that the sentences alone split at its question mark and weighed with the story's words
    from autotrain.quality import asides

    units = asides.sentences(
        "the door stood open to the wind (open or bolted? open is eerier), and his boots were by the stove. below her"
        " — too early for the crown to help? no, keep it — a lantern swung. baby or adult crying? adult is creepier."
    )
    assert units == [
        "the door stood open to the wind (open or bolted?",  # (the sentence as before, first: callers read units[0])
        " (open or bolted? open is eerier)",
        "open is eerier), and his boots were by the stove.",
        "below her — too early for the crown to help?",
        " — too early for the crown to help? no, keep it —",
        "no, keep it — a lantern swung.",
        "below her — too early for the crown to help? no, keep it — a lantern swung.",  # (a question and its answer)
        "baby or adult crying?",
        "adult is creepier.",
        "baby or adult crying? adult is creepier.",
    ], units
    assert {asides.INSERT, "^open", "?"} <= asides.tokens(units[1], False)
    assert {asides.DASH, "^too", "?"} <= asides.tokens(units[4], False)
    assert asides.BRACKET not in asides.tokens(units[1], False)  # (a sentence that opens a bracket has its own mark)
    assert asides.BRACKET in asides.tokens("(open or bolted? open is eerier)", False)
    # a dash with no second one before the sentence's stop is not an insert; nor a bracket opening a sentence
    assert asides.sentences("not aloud — a dry voice inside her ear. she froze — and then ran.") == [
        "not aloud — a dry voice inside her ear.", "she froze — and then ran."
    ]
    assert asides.sentences("she left. (it was raining, and late.)") == ["(it was raining, and late."]
    # ...but one the story's words go on after, in its sentence, is weighed alone too
    assert asides.sentences("she had left. (past tense from here) she walked home.") == [
        "she had left.", "(past tense from here) she walked home.", " (past tense from here)"
    ]
    # an answer of more than ANSWER_WORDS words is a sentence of the story, not a reply to the question
    long_answer = "was he lying? she watched his hands turn the cup around and around on the saucer."
    assert len(asides.sentences(long_answer)) == 2  # (each alone, not the two together)


def test_the_register_measures_alone_is_not_set_by_one_good_answer():
    # (the thirty-ninth round) the band's ~630 good answers: one in a thousand of them is their highest alone, which one
    # story moved by half a point; two in a thousand is the second highest
    import numpy as np

    from autotrain.quality import learned, register

    scores = np.arange(632.0)
    assert learned.all_but(scores, register.GOOD_QUANTILE) == 630.0
    # (the found note e44-042, 2.65 out of fold, set it alone; in the forty-ninth round the minutes l69-006, 2.89, which
    # the script reading rejects anyway, set it with another at 2.81: such answers set neither bar now)
    assert register.model().alone < 2.6


def test_words_between_two_dashes_are_weighed_whatever_their_tense():
    # (the thirty-ninth round) as a bracket is: "— fast fast fast, no description —" holds no present, "I" or "you"
    from autotrain.quality import asides

    insert = asides.sentences("the horn sounded — fast, no description — and the gate fell in.")[1]
    assert insert == " — fast, no description —" and asides.weighed(asides.words_of(insert))
    # (a sentence of past narration with none of them still is not)
    assert not asides.weighed(asides.words_of("the horn sounded and the gate fell in."))


@pytest.mark.parametrize(
    "told, remark",
    [
        ('He forced the lid. From the dark a voice said, "Leave it shut."',
         "That last line was written to unsettle more than to explain. Let me know if you'd like more."),
        ("By spring the book had a shelf of its own. Oren dusted it every day.",
         "Their quarrel never ends, and that was the joke I most wanted to land. I can write the next night if that "
         "sounds fun."),
    ],
)
def test_the_storys_lines_before_a_remark_on_the_line_under_them_stay(told, remark):
    # (the fortieth round) the maker's remark set on the line under the story's last paragraph, no blank line between:
    # the paragraph was taken off whole, the story's last lines with it
    cleaned = clean.clean(f"{STORY}\n\n{told}\n{remark}")
    assert cleaned.text == f"{STORY}\n\n{told}" and " ".join(cleaned.postamble.split()) == remark, cleaned
    # (notes in a list, or under a label, are no story's lines)
    for notes in ("• Twist: the master wrote it\n• Ending: left open", "**What I was going for:**\nA warm ending."):
        assert clean._story_lines_before_chatter(f"{told}\n{notes}\n{remark}", STORY) == 0


def test_words_between_two_dashes_typed_as_hyphens_are_an_insert_too():
    # (the fortieth round) "-- pacing's meant to be fast, trim? --", "--- remember to plant the cup earlier ---"
    from autotrain.quality import asides

    for dash in ("--", "---"):
        units = asides.sentences(f"the horn sounded {dash} fast, no description, trim? {dash} and the gate fell in.")
        insert = f" {dash} fast, no description, trim? {dash}"
        assert insert in units and asides.DASH in asides.tokens(insert, False), units
    # (a hyphenated word inside is no dash; one pair of hyphens alone is no insert)
    assert " -- too much back-and-forth --" in asides.sentences("it went -- too much back-and-forth -- all night.")
    assert asides.sentences("it went -- and then the gate fell in.") == ["it went -- and then the gate fell in."]


def test_the_asides_measure_weighs_a_question_and_a_sentence_opening_on_a_writers_word_whatever_their_tense():
    # (the fortieth round) the writer's notes to itself are often commands or questions with no person and no tense
    from autotrain.quality import asides

    measure = asides.model()
    assert measure.weights.get("^was", 0.0) <= 0 and measure.weighs(asides.words_of("was the cup there all along?"))
    assert measure.weights["^keep"] > 0 and measure.weighs(asides.words_of("keep the villagers offstage until the end."))
    # (a sentence of the story's past narration opening on a word the measure leans to the story's side with is not)
    assert measure.weights["^she"] < 0 and not measure.weighs(asides.words_of("she kept the mules until the end."))
    # a note of that kind on a line of its own between the story's paragraphs is meta-talk
    first, second = STORY.split(" When he opened it, ")
    noted = f"{first}\n\nKeep the master offstage until the very end, or cut him?\n\nWhen he opened it, {second}"
    report = score(noted, WIZARD, genre="fantasy")
    assert not report.kept and "penalty_meta_talk" in reasons(report), report


def test_a_writers_deliberation_inside_the_storys_sentence_is_meta_talk():
    # (the note was "oilcloth smells better" until the thirty-ninth round: 6.11 against a threshold relearned to 6.113;
    # a deliberation further from the line, and the sentence around it still far under it)
    story = STORY.replace("wrapped in oilcloth", "wrapped in oilcloth (oilcloth or sacking? going with oilcloth)")
    report = score(story, WIZARD, genre="fantasy")
    assert not report.kept and "penalty_meta_talk" in reasons(report), report
    assert score(STORY, WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "word",
    [
        "Oren never learns who wrote the book.",
        "Oren doesn't read another page, which seems fitting for him.",
        "Oren and Maya will be arguing about that book for years.",
        "Oren and his stubborn book could carry a whole series.",
        "Our young hero never reads another page.",
        "The narrator stays outside the study the whole time.",
        # (the fortieth round) one or two sentences, whoever they open on, each leaning to the writer's side of the asides
        # measure (BEFORE_OFFER_BAR): before, the offer went and they stayed
        "The question on the first page was the fun part for me.",
        "Maya had it worked out before Oren even opened the book, which says a lot about who the real wizard is here.",
        "Honestly, the master is the saddest figure here for me. I liked leaving him on the stair.",
        "Should Oren tell his master about the book, or keep it secret a while longer?",
    ],
)
@pytest.mark.parametrize("offer", ["Want me to continue with the master?", "I hope it lands the way you wanted."])
def test_the_makers_word_on_the_storys_people_in_the_present_before_its_offer_is_chatter(word, offer):
    # (the thirty-eighth round) after a story told in the past, a paragraph that speaks of its people in the present and
    # then offers or hopes: the maker's from its first word, not the story's epilogue
    story = STORY.replace("Oren glanced", "Maya, his sister, watched Oren glance")
    cleaned = clean.clean(f"{story}\n\n{word} {offer}")
    assert cleaned.text == story and cleaned.postamble == f"{word} {offer}", cleaned


def test_a_storys_own_present_epilogue_and_a_word_that_is_no_name_stay_the_storys():
    # an epilogue in the present with no offer after it is the story's
    epilogue = f"{STORY}\n\nOren keeps the book under his pillow now. It is still warm."
    assert clean.clean(epilogue).text == epilogue
    # a word that opens the story's sentences but is said in lowercase too is no name ("That", "Then")
    story = STORY.replace("The cover was warm.", "That night the cover was warm, so warm that it hurt.")
    that = clean.clean(f"{story}\n\nThat is where Oren hides it now. Want me to continue?")
    assert that.text == f"{story}\n\nThat is where Oren hides it now.", that
    # a story told in the present: its people in the present are its own telling
    present = STORY.replace("found", "finds").replace("was warm", "is warm").replace("opened", "opens")
    present = present.replace("crawled", "crawls").replace("glanced", "glances").replace("heard", "hears")
    present = present.replace("closed", "closes").replace("asked", "ask")
    cleaned = clean.clean(f"{present}\n\nOren never tells his master. Want me to continue?")
    assert cleaned.text == f"{present}\n\nOren never tells his master.", cleaned
    # ...but "the narrator" is the maker's word for its teller whatever the story's tense (_COMMENTARY)
    cleaned = clean.clean(f"{present}\n\nThe narrator never tells his master. Want me to continue?")
    assert cleaned.text == present, cleaned


@pytest.mark.parametrize(
    "word",
    [
        "Oren ends up keeping the book's secret, and the last line lets you feel how close he came.",
        "Oren and Maya never speak of the book again, and the ending leaves their silence to do the work.",
        "Oren is the quiet hero here, and he handles the book better than his master would.",
        # ("she" or "he" too, with no offer or question in the paragraph: _SHE_OR_HE_NOW)
        "He's the real hero here, though the book gets the last word.",
    ],
)
def test_the_makers_word_on_the_storys_people_with_no_offer_after_it_is_chatter(word):
    # (the thirty-ninth round) one or two sentences on the story's people in the present after a story told in the past,
    # leaning to the writer's side of the asides measure (PEOPLE_NOW_BAR), are the maker's with no offer after them too
    story = STORY.replace("Oren glanced", "Maya, his sister, watched Oren glance")
    cleaned = clean.clean(f"{story}\n\n{word}")
    assert cleaned.text == story and cleaned.postamble == word, cleaned


@pytest.mark.parametrize(
    "epilogue",
    [
        "Oren and Maya still take turns guarding it at night.",
        "Maya never tells their master. She thinks about it, though.",
        # (not "Maya is left with a brother who can read and a question the book won't answer.": the waves the measure
        # relearned on close with the maker's "Amira is left with a question the tomb won't answer.")
        "Maya keeps the key on a string around her neck now.",
    ],
)
def test_a_storys_own_epilogue_on_its_people_with_no_offer_stays_the_storys(epilogue):
    # ...where the story's own epilogue in the present leans to the story's side, and three sentences are a telling
    story = STORY.replace("Oren glanced", "Maya, his sister, watched Oren glance")
    assert clean.clean(f"{story}\n\n{epilogue}").text == f"{story}\n\n{epilogue}"
    told = "Oren is the quiet hero here, and he handles the book better than his master would. He sleeps. Maya reads."
    assert clean.clean(f"{story}\n\n{told}").text == f"{story}\n\n{told}"
    # "he" with an offer in the paragraph: the offer goes, the story's sentence before it stays; and with none
    for offer in ("Want me to continue?", "I hope you enjoyed it!"):
        cleaned = clean.clean(f"{story}\n\nHe keeps the book now. {offer}")
        assert cleaned.text == f"{story}\n\nHe keeps the book now." and cleaned.postamble == offer, cleaned
    assert clean.clean(f"{story}\n\nHe keeps the book under his pillow now.").text.endswith("under his pillow now.")
    # (a question to the reader is the story's: "Would you have opened it?" leans over the bar)
    asked = f"{story}\n\nHe keeps the book now. Would you have opened it?"
    assert clean.clean(asked).text == asked
    # two of its people and a verb in the present of more than one, not a past ("went", "turned")
    assert clean._its_people_now("Oren and Maya go home.", story)
    for past in ("Oren and Maya went home.", "Oren and Maya turned home.", "Oren and Maya, who knew, went home."):
        assert not clean._its_people_now(past, story), past


@pytest.mark.parametrize(
    "told",
    [
        "He kept the book under his bed after that.",
        "The master never learned what his apprentice had found.",
        # the story's last line, then the maker's reason: the reason goes with the offer, the line stays
        "He kept the book under his bed after that. I ended there so the question lingers.",
        # three sentences are more than the maker's word before an offer (PEOPLE_NOW_SENTENCES)
        "The question on the first page was the fun part for me. Maya knew. She said nothing.",
    ],
)
def test_the_storys_own_lines_before_an_offer_in_one_paragraph_stay(told):
    story = STORY.replace("Oren glanced", "Maya, his sister, watched Oren glance")
    cleaned = clean.clean(f"{story}\n\n{told} Want me to continue?")
    kept = told.split(" I ended")[0]
    assert cleaned.text == f"{story}\n\n{kept}", cleaned


@pytest.mark.parametrize(
    "head",
    [f"{WIZARD}: ", f"{WIZARD}:\n", f"{WIZARD.lower()} — ", f"{WIZARD}, with a touch of gentle humour: "],
)
def test_the_prompt_said_again_before_a_colon_on_the_storys_first_line_is_the_makers(head):
    # (the thirty-ninth round) the prompt the answer was asked for, said again at its start before a colon or a dash
    # with the story going on after it: "A dead cartographer's map leads to a hidden city: You unfold the map..."
    cleaned = clean.clean(head + STORY, WIZARD)
    assert cleaned.text == STORY and cleaned.preamble == head.strip(), cleaned
    report = score(f"Sure!\n\n{head}{STORY}", WIZARD, genre="fantasy")
    assert report.kept and report.text == STORY, report
    # (no prompt given, nothing is known of it)
    assert clean.clean(head + STORY).text.startswith(head.strip())


def test_a_first_line_with_a_colon_that_is_not_the_prompt_stays_the_storys():
    # the story's own sentence with a colon, another brief's prompt, the prompt with many more words of the story's
    for head in (
        "Oren knew one thing about spellbooks: They bite. ",
        "A knight embarks on a quest to slay a dragon: ",
        f"Everyone in the valley said that {WIZARD.lower()} once a century: ",
    ):
        assert clean.clean(head + STORY, WIZARD).text == (head + STORY).strip()


def test_a_closing_paragraph_of_speech_and_then_the_assistants_words_loses_only_those_words():
    raw = STORY + '\n\n"Not yet," he whispered. "Not until I know what you are." Short and punchy, as requested!'
    cleaned = clean.clean(raw)
    assert cleaned.text.endswith('"Not until I know what you are."'), cleaned.text[-80:]
    assert cleaned.postamble == "Short and punchy, as requested!"


def test_a_handover_on_a_first_person_storys_first_line_keeps_the_storys_first_sentence():
    handover = "Here you go, written in the first person as you asked."
    cleaned = clean.clean(f"{handover} {FIRST_PERSON_PARAGRAPHS}")
    assert cleaned.text == FIRST_PERSON_PARAGRAPHS and cleaned.preamble == handover
    # the maker's "I" on its making, on that line before the story, is still the maker's
    making = "Here is a quieter take. I tried to keep the emphasis on what the book costs him."
    assert clean.clean(f"{making}\n\n{FIRST_PERSON_PARAGRAPHS}").text == FIRST_PERSON_PARAGRAPHS
    # (the thirty-third round) a line of its own that hands the story over and says who tells it
    told_by = "Here it is, told by the apprentice himself:"
    cleaned = clean.clean(f"{told_by}\n\n{FIRST_PERSON_PARAGRAPHS}")
    assert cleaned.text == FIRST_PERSON_PARAGRAPHS and cleaned.preamble == told_by, cleaned


# The twenty-ninth round: chatter on the story's own first or last line.
SECOND_PERSON_PARAGRAPHS = (
    "You find the spellbook under a loose board in your master's study, wrapped in oilcloth that smells of smoke."
    "\n\nThe cover is warm. When you open it, the ink on the first page crawls into new shapes and spells your name."
    "\n\nYou hear your master's slow steps on the stair, and you close the book with trembling hands."
)
THIRD_PERSON_PARAGRAPHS = STORY.replace(" The cover was warm.", "\n\nThe cover was warm.")


@pytest.mark.parametrize(
    "handover, story",
    [
        ("Here's a tense one:", STORY),
        ("Buckle up! 🏃 Here's a fast-paced one:", STORY),
        ("Okay, a mysterious, haunting take:", STORY),
        ("A short, unsettling one:", STORY),
        ("Quiet and strange, coming right up:", STORY),
        ("Slow and eerie, here we go:", STORY),
        ("Since you asked for first person, I'll let him tell it:", FIRST_PERSON_PARAGRAPHS),
    ],
)
def test_a_handover_ending_on_a_colon_before_the_storys_first_sentence_is_taken_off_alone(handover, story):
    cleaned = clean.clean(f"{handover} {story}")
    assert cleaned.text == story and cleaned.preamble == handover, cleaned


@pytest.mark.parametrize(
    "text",
    [
        # a narrator's colon, with no word of a handover in it
        "Let me be clear about one thing: " + FIRST_PERSON_PARAGRAPHS,
        "Short version: " + FIRST_PERSON_PARAGRAPHS,
        # a story's own "one" ("a ... one" hands over only at the head of a sentence)
        "The first spell Oren learned was an easy one: " + STORY,
        # a key's colon: an answer in JSON is markup, not a handover
        '{"genre": "fantasy", "paragraphs": ["' + STORY.replace('"', "'") + '"]}',
    ],
)
def test_a_colon_on_the_storys_own_first_line_is_no_handover(text):
    assert clean._colon_handover(text) == 0


LISTED_STORY = (
    "The name of the street she was born on, for the wind that broke the bailiff's windows.\n\n"
    "Her first teacher's face, for the blight on Corran's field.\n\n"
    "The smell of her grandmother's kitchen, which she thinks was cloves, for nothing she can remember now."
)


@pytest.mark.parametrize(
    "head",
    [
        "What Agna gave, in order:", "What I gave, in the order I gave it:", "What she kept:",
        # (the thirty-seventh round) ...or to what they wrote, with what or where: l35-007's, l35-037's heads
        "On the back of the chart, in grease pencil:", "Paid, in the order of payment:",
        "Notices nailed to the mill door, this past winter:",
    ],
)
def test_a_storys_own_head_to_what_its_people_did_stays_in_the_story(head):
    assert clean.clean(f"{head}\n\n{LISTED_STORY}").text == f"{head}\n\n{LISTED_STORY}"


@pytest.mark.parametrize("head", ["What I have for you:", "What I made of it:", "What a fun prompt! Here's mine:"])
def test_the_makers_head_before_a_list_is_still_taken_off(head):
    assert clean.clean(f"{head}\n\n{LISTED_STORY}").text == LISTED_STORY


@pytest.mark.parametrize(
    "chatter, story",
    [
        ("Ooh, fun one. Here's my take. The twist is in the last line, so no peeking!", THIRD_PERSON_PARAGRAPHS),
        ("I wrote this one in the first person, and I tried to let the dread pile up quietly.", FIRST_PERSON_PARAGRAPHS),
    ],
)
def test_an_opening_paragraph_of_chatter_keeps_the_storys_first_sentences_that_follow_it(chatter, story):
    cleaned = clean.clean(f"{chatter} {story}")
    assert cleaned.text == story and cleaned.preamble == chatter, cleaned


def test_the_makers_i_before_a_story_told_to_you_stays_with_the_chatter():
    making = "Here's a survival story in second person. I wanted the dread to be almost uncomfortable to read."
    assert clean.clean(f"{making}\n\n{SECOND_PERSON_PARAGRAPHS}").text == SECOND_PERSON_PARAGRAPHS


def test_the_storys_part_of_an_opening_paragraph_must_lean_clearly_to_the_storys_side(monkeypatch):
    from autotrain.quality import asides

    chatter = "I wrote this one in the first person, and I tried to let the dread pile up quietly."
    opening, after = f"{chatter} {FIRST_PERSON_STORY}", "\n\nI never opened it again."
    assert clean._split_opening(opening, after) == len(chatter) + 1
    # a measure that weighs every sentence at the bar: nothing is split off
    monkeypatch.setattr(asides, "model", lambda: asides.Model(bias=clean.SPLIT_BAR, threshold=9.0, weights={}))
    assert clean._split_opening(opening, after) == 0


@pytest.mark.parametrize(
    "offer",
    [
        "I can lean further into the dread if you want it darker!",
        "Happy to keep going if you want to find out who wrote the question.",
        "😄 I can play it completely straight if you'd rather.",
        "I can push it darker, or give him a way out, whichever suits what you're working on.",
        "Want the next scene?",
        "Short and punchy, like you asked. I can add the master's side if you want more.",
        # (the thirtieth round) a pictograph's sentence, a hope for what lands, an offer that speaks of the text
        "Sleep well 🙂",
        "🕯️ A sequel from the master's side, maybe?",
        "Hope the bickering lands!",
        "I hope the hush of the study comes through.",
        "The master's side could be its own story, if you want it.",
        "Next part could take him down the stair, if you're keen.",
        # (the thirty-first round) "shall I ...?", "Say the word!" and a bare question naming a sequel
        "I stopped before the master comes home — shall I write what he finds?",
        "Sequel where the master finds out? Say the word!",
        "A part two from the book's side?",
        # (the thirty-sixth round) an offer after the maker's word on "this one"
        "I had fun with this one — let me know if you'd like more of Oren's misadventures.",
    ],
)
def test_an_offer_after_the_storys_last_sentence_on_its_line_is_taken_off(offer):
    cleaned = clean.clean(f"{STORY} {offer}")
    assert cleaned.text == STORY and cleaned.postamble == offer, cleaned


@pytest.mark.parametrize(
    "text",
    [
        # a narrator who says "I can", to no one who asked
        FIRST_PERSON_STORY + " I can still hear the pages turning at night, if I listen.",
        # a character's offer in single quotes
        STORY + " 'I can wait downstairs if you'd rather,' the book wrote.",
        # a pictograph inside the story's quoted last line, and a first-person narrator's hope (what lands is a plane)
        STORY + ' The note under the cover said only: "see you soon 🙂"',
        FIRST_PERSON_STORY + " I hope the last plane lands.",
        # a narrator asking what to do next, and a character's "say the word" in single quotes
        FIRST_PERSON_STORY + " Should I try the stair again? I think I will.",
        FIRST_PERSON_STORY + " Should I follow him into the cellar? I still don't know.",
        STORY + " 'Say the word and I will burn it,' the master said.",
        # a narrator's tale told to someone, handed back without the assistant's exclamation
        FIRST_PERSON_STORY + " That's the whole story. I never told it to anyone, and you can tell it to whoever you like.",
    ],
)
def test_a_storys_own_closing_offer_stays(text):
    assert clean.clean(text).text == text


def test_an_offer_inside_the_storys_last_sentence_is_meta_talk_not_an_edge():
    text = STORY[:-1] + " — more could go here if you want it longer."
    assert clean.clean(text).text == text
    assert not score(text, WIZARD, genre="fantasy").kept


@pytest.mark.parametrize(
    "story_line, chatter",
    [
        ("Oren slid the book back under the board and lay awake until dawn.",
         "I went heavy on the sounds of the house to keep it intimate. Let me know if you'd like a version with more of "
         "the master!"),
        ("Oren slid the book back under the board and lay awake until dawn.",
         "💛 I tried to hold his fear and his hunger in the same breath."),
        ("The master's steps stopped outside the door.",
         "That's the full story; I went for a quiet close, but I can give it a darker twist if you'd rather."),
        # (the thirty-fourth round) a handing back with the maker's notes after it on the story's line
        ("The master's steps stopped outside the door.",
         "That's the whole thing! I kept the master offstage so the fear stays with Oren. Would you like a version where "
         "he opens the door?"),
        ("The master's steps stopped outside the door.",
         "And that's where I'd cut to black! I stopped on the footsteps because your imagination does the rest."),
    ],
)
def test_a_closing_paragraph_of_chatter_keeps_the_storys_last_sentences_before_it(story_line, chatter):
    cleaned = clean.clean(f"{STORY}\n\n{story_line} {chatter}")
    assert cleaned.text == f"{STORY}\n\n{story_line}" and cleaned.postamble == chatter, cleaned


@pytest.mark.parametrize(
    "notes",
    [
        "I hid Mr. Brant in the second scene so the ending plays fair on a reread. Happy to adjust the tone if you'd like!",
        "I gave Dr. Venn the last word so the twist lands quietly. Would you like a darker version?",
    ],
)
def test_a_closing_paragraph_of_notes_is_not_split_at_an_abbreviations_stop(notes):
    # (after a first-person story, "I hid Mr." read as a sentence of its own was kept as the story's last)
    cleaned = clean.clean(f"{FIRST_PERSON_STORY}\n\n{notes}")
    assert cleaned.text == FIRST_PERSON_STORY and cleaned.postamble == notes, cleaned


LONG_NOTES = (
    "I tried to keep the usual beats of a forbidden-book tale (the hiding place, the warm cover, the footsteps) but turn "
    "them inward, so the danger is less the master than what Oren wants from the book. The warm pages were my favourite "
    "touch. If you'd like a version where the book answers him, I'd love to try that too. Any preference on length?"
)


def test_a_long_closing_paragraph_of_the_makers_reasons_is_taken_off_a_story_told_without_i():
    # (over the 300 characters an edge paragraph of the story's may run to)
    cleaned = clean.clean(f"{STORY}\n\n{LONG_NOTES}")
    assert len(LONG_NOTES) > clean.LONG_EDGE_CHARS
    assert cleaned.text == STORY and cleaned.postamble == LONG_NOTES, cleaned


def test_a_long_last_paragraph_on_what_the_narrator_wanted_stays_in_a_story_told_by_i():
    last = (
        "I wanted to tell him then, because the book had been warm and I had been cold for so long, so I went down the "
        "stair in my bare feet and stood at his door with the words ready. I never said them. In the morning the board "
        "was nailed flat, and the master smiled at me over his porridge as if nothing in the house had ever been hidden."
    )
    text = f"{FIRST_PERSON_STORY}\n\n{last}"
    assert len(last) > clean.LONG_EDGE_CHARS and clean.clean(text).text == text


@pytest.mark.parametrize(
    "last",
    [
        # what a character wrote, brought in on a colon at the end of the paragraph before
        "At the foot of the last page, in his careful capitals, Oren wrote:\n\nLet me know if you ever find it.",
        # a character's note signed with initials on its line
        "He left the book a note of his own.\n\nHope this helps. — O.B.",
    ],
)
def test_a_last_paragraph_the_storys_people_wrote_or_signed_stays(last):
    text = f"{STORY}\n\n{last}"
    assert clean.clean(text).text == text


@pytest.mark.parametrize("first", ["Of course it rained the day they buried him.", "Certainly nobody expected the mayor to run."])
def test_a_first_line_opening_on_an_assents_word_with_no_stop_after_it_is_the_storys(first):
    # (the thirty-sixth round: cut as an assent, "Of course!", when it stood on its own line)
    text = f"{first}\n\n{THIRD_PERSON_PARAGRAPHS}"
    assert clean.clean(text).text == text
    # (an assent with its stop or dash is still the maker's)
    for assent in ("Sure thing.", "Of course! Here it is.", "Alright — summit, storm, tension. Here it is."):
        assert clean.clean(f"{assent}\n\n{THIRD_PERSON_PARAGRAPHS}").text == THIRD_PERSON_PARAGRAPHS


@pytest.mark.parametrize(
    "last",
    ["Just tell me when, she said.", "Feel free to take the long way home, the sign said.",
     "Let me know when you land, Mum texted."],
)
def test_a_last_line_of_unquoted_speech_with_its_tag_stays_in_the_story(last):
    # (the thirty-sixth round: cut as the maker's offer; its own paragraph, or on the story's last line)
    for story in (THIRD_PERSON_PARAGRAPHS, FIRST_PERSON_PARAGRAPHS):
        for text in (f"{story}\n\n{last}", f"{story} {last}"):
            assert clean.clean(text).text == text


def test_a_tag_word_inside_the_makers_closing_is_no_speech_tag():
    notes = ("Each of these sets up a different story: the first is a slow descent, the second is told in retrospect like "
             "a found letter, and the third opens with the rules in place. Which one would you like me to develop?")
    assert clean.clean(f"{THIRD_PERSON_PARAGRAPHS}\n\n{notes}").text == THIRD_PERSON_PARAGRAPHS


@pytest.mark.parametrize(
    "last", ["I can do this.", "I can make it.", "I can try again tomorrow.", "I can change.", "I could write to her.",
             "I could try.", "I'm glad to be home.", "I would be glad to see him again."],
)
def test_a_first_person_narrators_last_i_can_stays_in_the_story(last):
    # (its own paragraph, or on the story's last line: said to no one, of no text)
    for text in (f"{FIRST_PERSON_PARAGRAPHS}\n\n{last}", f"{FIRST_PERSON_PARAGRAPHS} {last}"):
        assert clean.clean(text).text == text


@pytest.mark.parametrize(
    "offer",
    ["I can make it darker.", "I can write a sequel.", "I can also continue the story.", "I can make it longer if needed.",
     # (said to "you", or of the text's parts)
     "I can try another one for you.", "I can try a different ending.", "I could make it funnier.", "I can write more.",
     "I'd be happy to help.", "I'm glad to help.", "I'd be delighted to continue."],
)
def test_the_makers_i_can_after_a_first_person_story_is_still_taken_off(offer):
    cleaned = clean.clean(f"{FIRST_PERSON_PARAGRAPHS}\n\n{offer}")
    assert cleaned.text == FIRST_PERSON_PARAGRAPHS and cleaned.postamble == offer, cleaned
    # (after a story told without "I", any "I can ..." is the maker's, and the maker's "I" on the story's line is not the
    # story's narrator)
    assert clean.clean(f"{THIRD_PERSON_PARAGRAPHS}\n\nI can do this.").text == THIRD_PERSON_PARAGRAPHS
    assert clean.clean(f"{THIRD_PERSON_PARAGRAPHS} I kept him quiet, but I can do this.").text == THIRD_PERSON_PARAGRAPHS


def test_a_sentence_of_meta_talk_before_a_closing_offer_goes_with_it():
    # (its paragraph's first sentence read as "I planted Mr." by the first-sentence test: not chatter in shape, so only
    # the offer was taken as the tail, and the note on the reveal was left for the scorer to reject)
    notes = ("I planted Mr. Brant in the middle so the reveal feels fair on a second read, and kept the narrator's voice "
             "dry so the last line can land softly. Would you like to see what happens on the stair? I could also do a "
             "version where the master turns out to be someone else.")
    cleaned = clean.clean(f"{FIRST_PERSON_STORY}\n\n{notes}")
    assert cleaned.text == FIRST_PERSON_STORY and cleaned.postamble == notes, cleaned


def test_a_signature_on_its_own_line_under_chatter_is_still_the_assistants():
    chatter = "Hope that's suitably eerie! Let me know if you want it gentler.\n— Nova"
    assert clean.clean(f"{STORY}\n\n{chatter}").text == STORY


def test_a_storys_sentence_with_a_note_after_its_dash_is_not_split_off_as_the_story():
    last = ("I crawled back to the board and found the book warm under my hand — kept it in first person throughout. "
            "Let me know if you'd like more!")
    assert clean._story_before_chatter(last, FIRST_PERSON_STORY) == 0
    # nor a first sentence that speaks of the text ("She tells the story at every opportunity.")
    assert clean._story_before_chatter(
        "Oren tells the story at every opportunity. Happy to adjust the tone if you'd like!", STORY
    ) == 0


@pytest.mark.parametrize(
    "first, taken",
    [
        ("A grim one with a wink. I hope this lands!", True),
        ("Something quiet for a cold night. Hope you enjoy it.", True),
        # a narrator's hopes of the story's own things
        ("The roof leaks again. I patched it last night. I hope it works.", False),
        ("The plane is circling the lake. I hope it lands.", False),
    ],
)
def test_a_short_opening_that_ends_on_a_hope_for_the_text_is_taken_off(first, taken):
    cleaned = clean.clean(f"{first}\n\n{THIRD_PERSON_PARAGRAPHS}")
    assert (cleaned.text == THIRD_PERSON_PARAGRAPHS) == taken, cleaned


@pytest.mark.parametrize(
    "handover",
    [
        "Okay, this one gets dark.", "A gentle, funny one coming up.", "Ha, I love this prompt. Here's a quiet take on it.",
        # (the thirty-fourth round) "here's" handing over "one", a scene or a version with commas in its words, after an
        # assent too
        "Here's a late-night one.", "Okay, here's one in the third person.", "Here's a slow, foggy version.",
        "Here's a short scene built mostly on silence.",
    ],
)
def test_short_handovers_on_the_storys_first_line_are_taken_off_before_it(handover):
    cleaned = clean.clean(f"{handover} {THIRD_PERSON_PARAGRAPHS}")
    assert cleaned.text == THIRD_PERSON_PARAGRAPHS and cleaned.preamble == handover, cleaned


@pytest.mark.parametrize(
    "head, opener",
    [
        ("Here's a late-night one. ", True),
        ("Okay, here's one in the third person. ", True),
        ("Here's a slow, foggy version. ", True),
        ("Here's a short scene built mostly on silence. ", True),
        # "this one" spoken of, after an assent or as the maker's
        ("Sure — this one stays inside the miller's head. ", True),
        ("Ooh, I enjoyed this one. ", True),
        ("This one's more about the boy than the mill, I think. ", True),
        ("I went eerie rather than gory for this. ", True),
        # a narrator's own "here's one", "this one"
        ("Here's one thing I remember. ", False),
        ("Here's what happened. ", False),
        ("I kept this one for myself. ", False),
        ("This one is mine, the miller said. ", False),
    ],
)
def test_heres_one_handing_over_on_the_storys_line_is_an_opener(head, opener):
    # (the story on the same line of a one-paragraph answer: its first sentence decides nothing here)
    line = ("The lamp went out at nine, and nobody in the mill said a word. The miller's boy counted the turns of the wheel in "
            "the dark, and at the hundredth he heard the sluice gate lift on its own, slowly, the way it lifted for the flood.")
    found = clean._CHATTY_OPENER.match(head + line)
    assert (found is not None and found.end() == len(head)) == opener




@pytest.mark.parametrize(
    "text",
    [
        # a story's first sentence that speaks of a text, handing nothing over
        "Every night I try to write to my master, and every night I get stuck on the tense. " + FIRST_PERSON_PARAGRAPHS,
        # a long story sentence with the writer's note inside it: meta-talk, for the scorer
        "Dust lay on the study floor, and inside the board, vividly and with plenty of sensory detail as requested, the "
        "book waited in its oilcloth like a sleeping animal. " + STORY + "\n\nHe never told his master.",
    ],
)
def test_a_storys_own_first_sentences_are_not_taken_for_a_handover(text):
    assert clean.clean(text).text == text


def test_the_asides_threshold_is_fitted_on_the_tail_of_the_good_answers_highest_scores():
    from autotrain.quality import asides

    # 5,000 answers, the 50 highest one apart from 10 up: one in a thousand (5 answers) expected over the quantile
    ranked = [0.0] * 4950 + [10.0 + step for step in range(50)]
    fitted = asides.tail_quantile(ranked, 0.999)
    assert fitted == pytest.approx(10.0 + 24.5 * math.log(10))
    # the 5th highest answer less tempting by 20 moves the fit by a fiftieth of that; the plain quantile (the 5th
    # highest itself) moves to the next answer's score
    moved = ranked[:-5] + [ranked[-5] - 20.0] + ranked[-4:]
    assert abs(asides.tail_quantile(sorted(moved), 0.999) - fitted) == pytest.approx(20.0 / 50 * math.log(10))
    assert ranked[int(0.999 * 5000)] - sorted(moved)[int(0.999 * 5000)] >= 1.0
    # too few answers for the tail: the plain quantile
    assert asides.tail_quantile([1.0, 2.0, 3.0], 0.999) == 3.0


@pytest.mark.parametrize(
    "handover",
    ["Love this one. ☔", "Here's a quiet one for you!", "Sure, a slow and eerie one.", "Tension, coming right up.",
     "Twist incoming!", "Right, a tense one with a clock on it.", "Short and breathless.",
     # (the thirty-first round)
     "Ha, a doll story with a grin — here we go.", "Short and tense:"],
)
def test_a_short_handover_on_an_answer_of_one_paragraph_is_taken_off(handover):
    cleaned = clean.clean(f"{handover} {DOLL_STORY}")
    assert cleaned.text == DOLL_STORY and cleaned.preamble == handover, cleaned


MILL_STORY = (
    "The constable reached the mill at dawn, scanned the scene once, and knew the miller had not slept there. The bed "
    "was made with tight corners. The stove was cold. On the table lay a ledger open to a page of names, each crossed "
    "out but the last, and the last was his own. He closed the book, put it under his coat, and walked back down the "
    "lane without calling anyone."
)


@pytest.mark.parametrize(
    "head, tail",
    [
        # (the thirty-third round) after a head that hands one story over, a first sentence that says "scene" of the
        # story's own events, leaning clearly the story's way
        ("Here's a quick, punchy one.", ""),
        # a pitch with its pictograph before the story on its line, "here ye go" handing it over, a hope that it sets
        # the mood after it
        ("Buckle up! 🚀", ""),
        ("Arr, here ye go! 🏴\u200d☠️", " Let me know if you'd like more of the constable."),
        ("", " Hope it sets the mood!"),
        # a pitch ended by a pictograph, with or without a stop before it, a word exclaimed alone before it
        ("Horror with a wink 😄 —", ""),
        ("Here's a brisk one past the mill! 🏃", ""),
        ("Arr! A silly little tale for you 🏴\u200d☠️", " Would you like more of the constable?"),
        # a question whether the text's ending or twist works for the user
        ("", " Did the twist land for you? I can make it darker if you'd rather!"),
        ("", " Does the quiet ending work for you, or would you like a bit more of what the constable does next?"),
        # (the thirty-fourth round) "Hold on tight!" as "Buckle up!"; what the maker did, before a pictograph or an offer
        ("Hold on tight! 🏃", ""),
        ("", " I kept the ending deliberately open to hold on to that eerie hush. 🌫️"),
        ("", " I centred it on the constable's quiet guilt. Let me know if you'd like more of the mill."),
        # a pitch of what the text is like before it on its line
        ("Cold, close and damp: here's your mill.", ""),
        ("Fog-grey and unresolved: a mystery that prefers to stay one.", ""),
        ("Misty and slow. Here you go.", ""),
        ("Full tilt from the first line.", ""),
        # the maker's aim and a hope joined by a semicolon
        ("", " I tried to make the mill feel alive; hope it works for you."),
        # the maker's offer asked ("Should I...?", "Want me to...?", "Was the twist too neat?"), and an offer of two
        # sentences taken whole though its last is chatter alone
        ("", " Should I follow the constable into the next winter?"),
        ("", " Should the miller's boy turn up again in part two?"),
        ("", " Want me to write what the constable finds at the sluice?"),
        ("", " Was the twist too neat? I can rough it up a little."),
        ("", " Quiet and cold, as asked. Should I try a version where the constable goes back?"),
        ("", " I can add more of the flood if it feels too bare."),
        ("", " If that's too bleak, I can write a version where the boy is found."),
        ("", " There's room for a next chapter here, if you want one."),
        ("", " Whether the constable goes back is up to you."),
    ],
)
def test_the_handover_and_closing_on_the_storys_only_line_are_taken_off(head, tail):
    cleaned = clean.clean(f"{head} {MILL_STORY}{tail}".strip())
    assert cleaned.text == MILL_STORY, cleaned


@pytest.mark.parametrize(
    "head",
    ["Cold and wet: the constable's favourite kind of morning.", "Here you go, said the miller's wife, and handed him tea."],
)
def test_a_storys_own_first_sentence_on_its_line_is_no_pitch(head):
    text = f"{head} {MILL_STORY}"
    assert clean.clean(text).text == text


def test_a_pictograph_belongs_to_the_sentence_it_ends():
    """A sentence after a pictograph is not the pictograph's: the story's first sentence after "here ye go! 🏴‍☠️" hands
    nothing over."""
    assert clean._pictograph_of_its_own("Buckle up! 🚀") and clean._pictograph_of_its_own("🚀 ")
    assert not clean._pictograph_of_its_own("🚀 The constable reached the mill at dawn.")
    # a pitch of a few words ends on one; a story's long sentence before one is no pitch, nor a word alone
    assert clean._pitch_ended_by_pictograph("Horror with a wink 😄 ", "— ")
    assert clean._pitch_ended_by_pictograph("Here's a brisk one! ", "🏃 ")
    assert not clean._pitch_ended_by_pictograph("The constable reached the mill at dawn and knew the miller had gone ", "🏚 ")
    assert not clean._pitch_ended_by_pictograph("Boom ", "💥 ")


@pytest.mark.parametrize(
    "note",
    ["Description kept thin here, for pace.", "(Past tense from this point on.)", "*Mostly dialogue; few tags.*",
     "Second person suits the dread; keeping it.",
     # (the thirty-second round: words a story says of its own events too, in a sentence with no one in it)
     "Open ending, deliberately.", "That last line is the hinge of the piece.", "Pace only, no backstory.",
     # (the thirty-third round: the doing, with no one doing it)
     "Establishing the mood before anything else.", "Piling on smells and sounds, per the style.",
     "Holding the reveal back as long as I can.",
     # (the thirty-fifth round: the style's quality weighed or placed)
     "Dread over explanation for this one.", "Mood: slow and cold, no rescue.", "Humour first, plot second.",
     "Suspense carries this bit; no lore.",
     # (the thirty-sixth round: the doing, with where it stands in the text or what it leaves to)
     "Keeping the answers back for now.", "Leaving the door a mystery here.", "Letting the weather do the storytelling.",
     # (the thirty-sixth round: it does what was asked)
     "Mostly banter, as asked.", "Short and cold, per the brief.",
     # (the thirty-sixth round: one thing weighed over another where the note stands)
     "Weather over incident here.", "Fear, not explanation, for now.", "More smell than sight from here on.",
     # (the style's word with "from" or "with" after it is still the note's)
     "Fast pace from here.", "Suspense with a sting: stakes first, spark second."],
)
def test_the_writers_terse_note_on_its_craft_inside_the_story_is_meta_talk(note):
    text = STORY.replace(" The cover was warm.", f" The cover was warm.\n\n{note}\n\n")
    report = score(text, WIZARD, genre="fantasy")
    assert not report.kept and report.main_penalty == "penalty_meta_talk", report


def test_the_craft_notes_word_gate_loses_no_note():
    """The caller's word set skips the craft-note scan (and the quoted-note scan) only where it could not find a note:
    on every tune answer, the same note with the words as without them."""
    from autotrain.quality import prose, talk

    found = quoted = gerunds = orders = 0
    for case in load("tune"):
        narration = prose.narration(case.text.lower().replace("’", "'"))
        words = set(prose.WORD.findall(prose.lowered(case.text)))
        note = talk._craft_note(narration)
        assert talk._craft_note(narration, words) == note, case.id
        found += note is not None
        gerund = talk._gerund_note(narration)
        assert talk._gerund_note(narration, words) == gerund, case.id
        gerunds += gerund is not None
        # (the thirty-seventh round's orders, gated on their words too)
        order = talk._order_note(narration)
        assert talk._order_note(narration, words) == order, case.id
        orders += order is not None
        # (and the quoted-note gates, the words' and the look before each colon: the same narration left for the
        # meta-talk phrases as the pattern asked of every word start leaves)
        unquoted = talk._masked_notes(narration)
        assert talk._without_quoted_notes(narration, words) == unquoted, case.id
        quoted += unquoted != narration
    assert found >= 100 and quoted >= 20 and gerunds >= 100 and orders >= 5  # (the gates are asked where notes are)


@pytest.mark.parametrize(
    "narration",
    [
        # the story's people and their words, a pitch as the answer's first sentence (after an assent at most)
        "the monks wrote in a language with no future tense. he learned it in a winter.",
        "she read the description twice. someone had described her, badly.",
        "first person, from the keeper's side. the lamp went out at nine.",
        # (the weaker words, of the story's own events: someone in the sentence, or something told in the past)
        "the lamp went out at nine. nobody sleeps on purpose anymore.",
        "the lamp went out at nine. then the tone changed.",
        "the lamp went out at nine. it is the only memory i still visit on purpose.",
        # (the thirty-third round: a past told without -ed, words written in the story, in capitals)
        "the lamp went out at nine. inside the lid, in capitals: you did this on purpose.",
        "okay! dialogue-heavy and short: the lamp went out at nine.",
        # (the thirty-fifth round: the style's words of the story's own things, told in the past or with no note's mark)
        "the lamp went out at nine. the tension here was unbearable.",
        "the lamp went out at nine. the parish register: births, burials, one flood.",
        "the lamp went out at nine. a dial tone only, no voice.",
        "the lamp went out at nine. tension, thick as tar.",
        # (the thirty-sixth round: what was asked, of someone or told in the past)
        "the lamp went out at nine. she left the door open, as asked.",
        "the lamp went out at nine. the files were on the desk, as requested.",
        # (the thirty-sixth round: a comparison the story makes, with someone in it, a past, or "over here")
        "the lamp went out at nine. colder than the grave, she thought, here.",
        "the lamp went out at nine. quieter than it had been, here.",
        "the lamp went out at nine. more boats than nets over here.",
        # (the thirty-sixth round: a thing of the story named with a style word, found by probing)
        "the lamp went out at nine. the drum beat: steady, low, from somewhere under the floor.",
        "the lamp went out at nine. plot for sale: one acre, cheap, no questions.",
        "the lamp went out at nine. the tone of the bell: low and even, like a held breath.",
        "the lamp went out at nine. the mood in the square: festive, loud, a little drunk.",
        "the lamp went out at nine. atmosphere on the planet: thin, cold, breathable for an hour.",
        "the lamp went out at nine. a twist of paper; inside it, a key.",
        "the lamp went out at nine. dialogue box on the screen: are you sure?",
        "the lamp went out at nine. sensory overload: too much light, too much noise.",
        # (a thing of the story's before "as requested", things of the story's weighed where they stand)
        "the lamp went out at nine. tea at four, as requested.",
        "the lamp went out at nine. smoke rather than fire, for now.",
    ],
)
def test_a_craft_word_in_the_storys_own_sentence_or_its_pitch_is_no_note(narration):
    from autotrain.quality import talk

    assert talk._craft_note(narration) is None


def test_in_a_story_told_to_you_a_sentence_about_you_is_the_storys():
    from autotrain.quality import talk

    told = ("you carry the box across the square. you do not look back. across the tram, a stranger: not looking at you, "
            "very deliberately. you keep walking.")
    assert talk._craft_note(told) is None
    # (in a story told of others, "you" is the user: the note is the writer's)
    assert talk._craft_note("oren carried the box across the square. he did not look back. kept it short for you, "
                            "deliberately. the bell rang.") == "kept it short for you, deliberately."




@pytest.mark.parametrize(
    "note", ["Kept it lean, per the style.", "A lighter touch here, despite the grim premise.", "Comic beat here."]
)
def test_the_brief_its_premise_and_the_storys_beats_spoken_of_are_meta_talk(note):
    from autotrain.quality import prose, talk

    told = STORY.replace(" The cover was warm.", f" The cover was warm. {note}")
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is not None
    assert talk.meta_talk(prose.narration(STORY.lower()), learned=False) is None


@pytest.mark.parametrize(
    "note",
    [
        "A note for anyone reading: the silence is the point.",
        "Third draft; the second hid the book too well.",
        "In revision, the master's backstory came out.",
        "This opening was rewritten to keep the cover a surprise.",
        "The candle line survived three rounds of cuts.",
        "Under two hundred words in total, so the fear comes quickly.",
        "(No spell yet — at this length it would feel rushed.)",
        "Should the book speak? Leaning toward yes — say if you disagree.",
        "Too quiet so far? Happy to turn the dread up if so.",
        "The master could catch him or not — which would you prefer?",
        "For the reader: watch how long he keeps his hand on it.",
        "The reader gets the stair first, the master second.",
        "Kept it short, given the brief.",
        "The master stays offstage for now; he's worse unseen.",
        # the story as "this one", its parts landing or coming, its labels
        "Sound over sight in this one.",
        "Hold on, the reveal lands in a moment.",
        "Twist incoming, so keep going.",
        "You'll notice I kept the master offstage.",
        "Strange prompt to make cosy, but here goes.",
        "Revised: he was braver at first.",
        "A note: the ending here stays open.",
        "Next: the candle gutters.",
        "I'll let the candle and the stair do the talking for now.",
        "I've kept the spell itself to one line.",
        "(Third person keeps us outside his head.)",
    ],
)
def test_the_writers_drafts_and_the_users_say_are_meta_talk(note):
    from autotrain.quality import prose, talk

    told = STORY.replace(" The cover was warm.", f" The cover was warm. {note}")
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is not None


def test_a_note_on_the_person_told_in_and_a_doing_of_the_detail_are_the_writers():
    from autotrain.quality import prose, talk

    # (the person note speaks of the story's people: "he" kept other craft words' sentences the story's)
    told = prose.narration(STORY.replace(" The cover was warm.", " The cover was warm. Third person, so we see only what he "
                                         "does. Saving one small detail up there for the end.").lower())
    assert talk._craft_note(told) == "third person, so we see only what he does."
    assert talk._gerund_note(told) == "saving one small detail up there for the end."


@pytest.mark.parametrize(
    "sentence",
    [
        "Oren had always thought of himself as a final draft: finished, signed, nothing left to cross out.",
        "At this length of rope, the bucket never reached the water.",
        "The treaty was rewritten twice before anyone signed it.",
        "Third person he had never been, not even in his dreams.",
        "Noting every crack in the plaster, he climbed.",
        "He left a line in the margin for the reader: do not trust the stair.",
        "Every house on the lane had a ghost of its own, and we lived in this one.",
        "The first draft of his letter to the master went into the fire.",
    ],
)
def test_drafts_and_lengths_the_story_speaks_of_are_no_meta_talk(sentence):
    from autotrain.quality import prose, talk

    told = STORY.replace(" The cover was warm.", f" The cover was warm. {sentence}")
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) is None


def test_what_i_am_doing_to_a_story_told_without_i_is_the_writers_move():
    from autotrain.quality import prose, talk

    move = "I'm putting the detail in his hands, not the scenery."
    told = STORY.replace(" The cover was warm.", f" The cover was warm. {move}")
    assert talk.meta_talk(prose.narration(told.lower()), learned=False) == move.lower().rstrip(".")
    # (a story told by "I" says what it is doing: "I'm keeping the details to myself.")
    assert talk.meta_talk(prose.narration(FIRST_PERSON_STORY.lower() + " i'm keeping the details."), learned=False) is None


def test_a_gates_key_for_a_hyphenated_term_is_a_word_the_text_holds():
    """The word-set gates find "set-up" as the scorer's words find it ("set", "up"): gated, the note is still found."""
    from autotrain.quality import prose, talk

    note = "the lamp went out at nine. piling on the set-up, slowly now."
    assert talk._gerund_note(note, set(prose.WORD.findall(note))) == talk._gerund_note(note) is not None
    assert talk._keys(["build-up"]) == {"build", "build's"}


@pytest.mark.parametrize(
    "narration",
    [
        # nouns in -ing, a longer sentence of the story's, no word of the craft
        "washing flapped on the lines. the lamp went out at nine.",
        "opening the box would mean undoing all that.",
        "hearing the tone of the bell, the ferryman untied the boat and pushed off into the fog without a word.",
        "waiting for the bus in the rain.",
        # a doing with where it happens, but someone in it, a past, or too short to be a note
        "keeping low here, she crosses the yard.", "running here had once been forbidden.", "staying here.",
        "standing at the gate for now, the dog watched the road.",
        # (the weather's doing or the story's, not a writer's: found by probing)
        "snowing throughout the night, and the roads gone.", "counting the seconds here, one, two, three.",
        "waiting for the tide for now.",
    ],
)
def test_a_storys_sentence_opening_on_a_doing_is_no_note(narration):
    from autotrain.quality import talk

    assert talk._gerund_note(narration) is None


@pytest.mark.parametrize(
    "text",
    [
        # (the thirty-first round) a character's handover or notes without quotation marks, with the teller named
        "Here you go, the pawnbroker says, and slides the ring across the counter. " + DOLL_STORY,
        "A few notes before we start, the sergeant said, and nobody laughed.\n\n" + THIRD_PERSON_PARAGRAPHS,
    ],
)
def test_a_characters_unquoted_words_at_the_storys_head_stay(text):
    assert clean.clean(text).text == text


@pytest.mark.parametrize("pitch", ["A haunting little one, left open at the end.", "Something strange and tactile for you."])
def test_a_short_line_before_the_storys_title_in_markup_is_chatter(pitch):
    cleaned = clean.clean(f"{pitch}\n\n**The Board in the Study**\n\n{THIRD_PERSON_PARAGRAPHS}")
    assert cleaned.text == THIRD_PERSON_PARAGRAPHS, cleaned
    assert cleaned.preamble == f"{pitch}\n**The Board in the Study**", cleaned


@pytest.mark.parametrize("head", ["Old Ambrose sang while he dug:", "The label on the box says:", "Things I have:"])
def test_a_storys_short_head_to_what_it_brings_in_stays(head):
    # (the forty-sixth round: a few words ending on a colon were the maker's whatever they said, e56-011, l59-039)
    text = f"{head}\n\n{THIRD_PERSON_PARAGRAPHS}"
    assert clean.clean(text).text == text
    # ...not the maker's few words that hand the story over, or say nothing of anyone
    for chatter in ("Coming right up, Pell:", "Incoming, Pell edition:", "Quick, breathless, no brakes:"):
        cleaned = clean.clean(f"{chatter}\n\n{THIRD_PERSON_PARAGRAPHS}")
        assert (cleaned.preamble, cleaned.text) == (chatter, THIRD_PERSON_PARAGRAPHS), cleaned


@pytest.mark.parametrize("heading", ["**II.**", "## Part One", "**Day Two**"])
def test_a_storys_first_line_before_a_heading_of_its_parts_stays(heading):
    text = f"The winter the river froze, nobody in the tower slept.\n\n{heading}\n\n{THIRD_PERSON_PARAGRAPHS}"
    assert clean.clean(text).text.startswith("The winter the river froze")


@pytest.mark.parametrize(
    ("handover", "chatter"),
    [
        # (the thirty-first round) a head that says what the one story is like, and chatter of two tails on the last line
        ("This one stays close to the girl's fear.", "I ended before the doll moves again — shall I write the night it does?"),
        ("Here's a creepy little one!", "Sequel from the doll's side? Say the word! 🕯️"),
    ],
)
def test_an_answer_of_one_paragraph_loses_its_head_and_every_tail_of_chatter(handover, chatter):
    cleaned = clean.clean(f"{handover} {DOLL_STORY} {chatter}")
    assert (cleaned.preamble, cleaned.text) == (handover, DOLL_STORY), cleaned
    assert cleaned.postamble.replace("\n\n", " ") == chatter, cleaned


def test_after_a_handover_a_story_of_one_paragraph_may_say_words_of_a_text_after_its_first_sentence():
    # (the thirty-first round) "words", "at length", "the ending" in a long story of one paragraph
    story = DOLL_STORY + " Years later she still could not find the words for what the doll had done, at length or short."
    cleaned = clean.clean(f"Here's a quiet one for you! {story}")
    assert (cleaned.preamble, cleaned.text) == ("Here's a quiet one for you!", story), cleaned


def test_a_pitch_as_asked_before_a_story_of_lines_of_speech_is_taken_off():
    # (the thirty-first round) one paragraph, a line to each speaker: the story's part is all its lines
    story = ('"You have put your candle on my side of the desk," said Oren.\n"The desk has no sides," said the book.\n'
             '"It does now." He drew a line in the dust with one finger, and the book, after a long moment, moved its '
             'candle back across it without a word, and the two of them sat on either side of the line until dawn.')
    cleaned = clean.clean(f"Mostly bickering, as requested. {story}")
    assert (cleaned.preamble, cleaned.text) == ("Mostly bickering, as requested.", story), cleaned


def test_the_story_of_one_paragraph_is_weighed_without_the_offer_on_its_last_line():
    offer = "Let me know if you'd like a sequel where the doll speaks. 🕯️"
    cleaned = clean.clean(f"Here's a quiet one for you! {DOLL_STORY} {offer}")
    assert (cleaned.preamble, cleaned.text, cleaned.postamble) == ("Here's a quiet one for you!", DOLL_STORY, offer)


@pytest.mark.parametrize(
    "text",
    [
        # a story's own first line of one paragraph, with a handover's "here is" in it
        "Here is what you need to know about the doll: it moves. " + DOLL_STORY,
        "Here is a doll that nobody in the house will touch. " + DOLL_STORY,
        # the manner of a place, not of a telling
        "Cold and quiet, the house waited. " + DOLL_STORY,
        "Cold and quiet. " + DOLL_STORY,
    ],
)
def test_a_story_of_one_paragraph_keeps_its_own_first_sentence(text):
    assert clean.clean(text).text == text


def test_what_the_maker_wanted_before_an_offer_on_the_storys_last_line_goes_with_it():
    notes = ("I wanted his fear and his hunger in the same breath rather than plain dread. Let me know if you'd like the "
             "master's side!")
    cleaned = clean.clean(f"{STORY} {notes}")
    assert cleaned.text == STORY and cleaned.postamble == notes, cleaned
    # a story told by "I" keeps its narrator's wish
    wish = "I wanted to be anywhere but that study."
    assert clean.clean(f"{FIRST_PERSON_STORY} {wish} Let me know if you'd like more!").text == f"{FIRST_PERSON_STORY} {wish}"
    # ...even when its last paragraph has no "I" of its own before the wish: the story is asked, not the paragraph
    last = ("Outside, the rain came down on the tower all night. The gutters sang, the shutters knocked, and somewhere "
            "below the kitchen cat complained to nobody. The book stayed quiet under its board, warm as a sleeping animal, "
            "and the master's lamp burned in the window until the candle drowned in its own wax. Dawn came grey and slow.")
    told = f"{FIRST_PERSON_STORY}\n\n{last} {wish}"
    assert clean.clean(f"{told} Let me know if you'd like more!").text == told


def test_after_a_head_that_hands_one_story_over_the_rest_need_only_hold_no_writers_sentence():
    from autotrain.quality import asides, prose

    # the story's last sentence leans a little to the writer's side (over zero, far under the threshold)
    told = f"{STORY} Questions like that never really end."
    measure = asides.model()
    leaning = max(measure.score(sentence, False) for sentence in asides.sentences(prose.narration(told)))
    assert 0 < leaning < measure.threshold - 2
    cleaned = clean.clean(f"Creepy little twist coming up. {told}")
    assert cleaned.text == told and cleaned.preamble == "Creepy little twist coming up.", cleaned


@pytest.mark.parametrize(
    "opening",
    ["Hello! A gentle one with a twist at the end.", "Slow and strange — hope it works for you.",
     "Bookish fantasy with teeth — I hope that's allowed!", "Quiet and eerie, like you wanted.", "Sweet and a bit silly."],
)
def test_a_short_first_paragraph_that_hands_the_story_over_is_taken_off_whole(opening):
    cleaned = clean.clean(f"{opening}\n\n{THIRD_PERSON_PARAGRAPHS}")
    assert cleaned.text == THIRD_PERSON_PARAGRAPHS and cleaned.preamble == opening, cleaned


@pytest.mark.parametrize(
    "opening",
    [
        # a narrator's "here is one", not at the head of the sentence nor handed to "you"
        "I was told to write down anything odd, so here is one.",
        # a story's short first paragraph that hopes, but not that the text suits
        "I hope it rains tomorrow.",
        # a letter's "as you asked", no pitch's
        "I did as you asked.",
    ],
)
def test_a_storys_own_short_first_paragraph_stays(opening):
    text = f"{opening}\n\n{FIRST_PERSON_PARAGRAPHS}"
    assert clean.clean(text).text == text


def test_a_pitch_as_asked_on_the_storys_first_line_is_taken_off():
    cleaned = clean.clean(f"Quiet and eerie, like you wanted. {STORY}")
    assert cleaned.text == STORY and cleaned.preamble == "Quiet and eerie, like you wanted.", cleaned
