"""Cleaning: the story alone, without the chatter a chat model wraps it in (CONTRACT section 5).

"Sure! Here's a short story about a dragon egg:", a "Title: ..." or bold title line, a `---` rule before
the story; after it "I hope this captures the mood!", "Let me know if you'd like changes.", "Word count:
512". What is removed is returned too, so the scorer can mark it (a wrapped answer is never
penalty-free) and the example keeps the raw answer beside the cleaned text.

Only the edges are cleaned: chatter in the middle of a story is meta-talk, and the scorer rejects it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from autotrain.quality import asides, cutoff, prose, talk


@dataclass(frozen=True)
class Cleaned:
    text: str
    preamble: str = ""
    postamble: str = ""


# "Happy to!", "I'd be happy to write that!": an assistant agreeing, in either part of an opener below.
_GLAD_TO = r"happy to(?: help)?|i(?:'d| would) (?:be )?(?:happy|glad|delighted) to"
# The assistant's first word: agreeing, greeting, apologising or exclaiming ("Sure!", "You got it.", "Ahoy! 🏴‍☠️").
_ASSENT = (
    r"sure|certainly|of course|absolutely|okay|ok|great|alright|all right|yes|gladly|" + _GLAD_TO
    + r"|(?:my )?apologies(?: in advance)?|sorry|oops|you got it|got it|no problem|ahoy|hi there|hello|hey there|ooh|perfect|bonjour|hola"
    r"|with pleasure|here (?:you|u) go|here goes|great prompt|what a (?:[\w-]+ ){0,2}(?:prompt|premise|idea|request|concept|setup|brief)"
    r"|haha|lol|as requested|understood|very well|arr+|thank you for (?:the|your|this) (?:request|prompt|brief)"
)
# The end of a "... coming right up" line, with what the story is like after it when the paragraph is its own:
# "Tense adventure, coming right up. Dialogue is minimal; it's mostly the climb."
_COMING_UP_END = r"[!.]*(?:[^\w\n]*(?:\n|$)|[ \t][^\n]{0,200}\n(?=[ \t]*\n))"
# Where an opening sentence of chatter ends: the story on the same line, or the line's end.
_THEN_STORY = r"(?:[ \t]+(?=[\"“A-Z])|[^\w\n]*(?:\n|$))"
# An assent and what follows it before the next words on its line ("Sure — ", "Ooh, "), and a sentence's end with the
# story going on after it on its line.
_ASSENT_HEAD = r"(?:(?:" + _ASSENT + r")[ \t]*[,!.—–-]*[ \t]*)"
_STORY_ON_ITS_LINE = r"[.!][ \t]+(?=[\"“'‘A-Z])"
# An opening line of chatter: "Sure!", "Certainly! Below is a passage...:", "Here's my take on it:",
# "Okay, here is a short horror story about the doll." A line, or the first sentence of the first line.
_CHATTY_OPENER = re.compile(
    r"^\s*(?:(?:" + _ASSENT + r")"
    r"(?: thing)?\b[^\n]{0,160}?(?:[!.:,]|—|$| (?:so )?(?=here(?:'s| is| goes)\b|i went\b|i've gone\b))[^\w\n]*\s*)?"
    # ("Here's what happened, and I'll tell it fast, because...", "Here is what I know, twenty-six years on:" are a
    # narrator's)
    r"(?:(?:here(?:'s| is| are)(?! what (?:happened|i (?:know|knew|remember|saw|heard|found|learned|learnt))\b)(?=[^\n:]{0,160}?(?:\b(?:story|stories|tale|piece|scene|vignette|version|take|draft|setup"
    r"|passage|excerpt|narrative|something|one|it|yours|attempt|fiction|romance|mystery|thriller|horror|fantasy"
    r"|adventure|sci-fi|for you|whodunit|yarn|fable)\b|:[^\w\n]*(?:\n|$)))"
    # ("Here is the thing nobody tells apprentices about spellbooks: they have opinions." is a narrator's)
    r"|here(?: you go| u go| goes)|below (?:is|you'll find)|(?:please )?find (?:[\w-]+ ){0,4}below|presenting"
    # ...and where a narrator could say it, only of a text: "Let me share a short one", not "Let me tell you
    # about the book", "This is my forty-first battle", "I have written this part a hundred times in my head"
    # (the words it opens on asked first: the lookahead for a text's word looks along the whole line, and most first
    # lines open on none of them)
    r"|(?=i(?:'ve| have) |this is |i wrote|let me |the following )"
    r"(?=[^\n]{0,120}\b(?:story|tale|piece|scene|vignette|version|take|draft|passage|something"
    r"|(?:a|this|another) (?:\w+ )?one)\b)"
    r"(?:i(?:'ve| have) (?:written|crafted|created)"
    # ("This is my report, as the squadron asked" is a narrator's)
    r"|this is (?:a|my) (?:[\w,-]+ ){0,3}(?:story|tale|piece|scene|vignette|version|take|draft|passage|one)\b"
    r"|i wrote|let me (?:write|tell|share)|the following (?:is|story|tale|piece))"
    # what the answer is like: "Of course! This one is mostly conversation.", "This one is bittersweet."
    r"|this (?:one|version|take) (?:is|has|leans|goes|uses|focuses|keeps|plays|sticks|stays)"
    # (the forty-ninth round) ...of the text by its genre: "This adventure leans into the siblings' relationship."
    r"|this (?:story|tale|piece|adventure|mystery|romance|thriller|fantasy|horror) (?:leans|focuses|keeps|plays|sticks"
    r"|stays)\b"
    # "This is a quieter, character-driven mystery; the focus is on..."
    r"|this is an? (?:[\w,-]+ ){0,3}(?:mystery|romance|thriller|fantasy|horror|adventure|sci-fi)(?=[;,]| —| about| with"
    r"| where| set| told)"
    # the opener saying what it chose: "What a fun prompt! I went with a quiet take on first contact."
    r"|(?:i )?(?:went|'ve gone|have gone) (?:with|for|heavy on|light on|(?:first|second|third)[ -]person)|i(?:'ve)? (?:focused|leaned) (?:on|into)"
    # "Certainly. The following story focuses on the inspector's inner conflict...", "...emphasises atmosphere"
    r"|the following (?:[\w-]+ ){0,3}(?:story|tale|piece) (?:focuses|explores|follows|centres|centers|is|aims"
    r"|emphasi[sz]es|highlights|depicts|presents|features|leans|blends|offers)"
    # (the forty-eighth round) the line that says it follows: "Absolutely. A suspense-driven fantasy story follows." (w109),
    # "Of course. A slow-burning tale of the marsh follows."
    r"|(?:an?|one) (?:[\w,'-]+ ){0,5}(?:story|tale|piece|vignette|romance|mystery|thriller|fable|adventure|fantasy"
    r"|horror|sci-fi|whodunit)(?: [\w,'-]+){0,5} follows(?=[.!:][^\w\n]*(?:\n|$))"
    r")\b[^\n]{0,200}?"
    r"(?:(?:[:.!][)\]\"”’*_]*|—|[^\w\s\"'”’)*_]{1,3})[ \t]*(?:\n|$)"
    # (a casual line with no stop at all, a paragraph of its own: "ok here's one — went pretty gothic with it")
    r"|(?<=[a-z])[ \t]*\n(?=[ \t]*\n))"
    # a line of its own that names the text and what it holds: "A short romance about a bookshop owner, a trail of
    # hidden notes, and a reveal she doesn't see coming."
    # (after a title and a dash too: "A Voyage Beyond the Charts\n—\nAn atmospheric adventure, told in the third
    # person.")
    r"|(?:[^\n]{1,60}?(?:[ \t][—–][ \t]|\n[—–]{1,3}\n))?(?:an?|one) (?:[\w,'-]+ ){0,4}(?:story|tale|piece|vignette|romance|mystery|thriller"
    r"|fable|adventure|fantasy|horror|sci-fi|whodunit|take)"
    # (or a dash and what it says of it: "A short horror piece — the twist is at the very end.")
    r"(?:,? (?:about|of|in which|where|featuring|told|set|with|on the (?:prompt|brief)|heavy on|light on)"
    r"|[ \t][—–][ \t](?:the|it|this|told|with|set)\b)\b[^\n]{0,200}[ \t]*\n(?=[ \t]*\n)"
    # "Okay, here goes, a twisty one. The crown whispered..." (the story on the same line)
    # ("Okay! Let's build some suspense on the mountain. The rope...")
    r"|(?:" + _ASSENT + r")[,!.]?[ \t]+(?:here goes|let's (?:build|go|do|write|dive|get|begin|start|make|have)"
    # ("Okay, going for slow dread and heavy atmosphere on this one. In Varrow...")
    r"|(?:i'm |i am )?going (?:for|with)|went (?:for|with))\b"
    r"[^.!?:\n]{0,60}[.!:]" + _THEN_STORY
    # on the story's own line: "Here's an atmospheric passage about the explorers: Mist lay..."
    + r"|(?:here(?:'s| is)|below is)\b[^\n:]{0,160}\b(?:story|tale|passage|piece|scene|take|version|draft"
    r"|excerpt|narrative|vignette)\b[^\n:]{0,80}:[ \t]+(?=[\"“A-Z])"
    # ("ooh ok, thriller time. here we go": after an assent only; "Here we go again, she thought." is a story's, and so is
    # an assent's word that opens a sentence of the story, with no stop after it: "Of course it rained the day they
    # buried him.", "Certainly nobody expected the mayor to run.")
    r"|(?:" + _ASSENT + r")(?=[^\w\s]|\s+[—–]| (?:thing|ok|okay|here|then|so|thriller|romance|mystery|horror|fantasy"
    r"|adventure|time)\b)"
    r"[^\n]{0,40}?(?:[!.:]|\bhere we go)[^\w\n]*(?:\n|$)"
    # "Bonjour! 🥐 Your romantic storyteller here. Let's go to Paris, shall we?"
    r"|(?:" + _ASSENT + r")\b[^\n]{0,40}?\byour (?:[\w-]+ ){0,3}(?:storyteller|narrator|bard|scribe|teller|host)"
    r"(?: is)? here\b[^\n]{0,120}(?:\n|$)"
    # "A fast-paced thriller coming right up.", "Tense adventure, coming right up."
    r"|(?:(?:an?|one) )?(?:[\w,'-]+ ){0,4}(?:story|tale|piece|romance|mystery|thriller|adventure|fantasy|horror|sci-fi"
    r"|whodunit),? coming (?:right )?up\b" + _COMING_UP_END
    # "Sure thing! Dark fantasy with a wink, coming right up."
    + r"|(?:" + _ASSENT + r")\b[^\n]{0,120}?\bcoming (?:right )?up\b" + _COMING_UP_END
    # "Here's my take, with a little twist at the end. For eleven years...", "Here is your story, written with a quiet,
    # haunting tone. Agnes sold..." (the story on the same line; tried last, when
    # no other way of taking the whole line has)
    # (the thirty-fourth round) after an assent too, of "one" or a scene, with commas between its words, before a line
    # of speech in single quotes: "Okay, here's one in second person. You wake...", "Here's a late-night one.
    # Grandad's radio...", "Here's a slow-burn, atmospheric version.", "Here's a first-contact scene built mostly on
    # conversation."
    + r"|(?:(?:" + _ASSENT + r")[,!.]?[ \t]+)?(?:here(?:'s| is)|below is) (?:(?:my|a|an|one|your|the) (?:[\w,'-]+ ){0,4}"
    r"(?:take|version|attempt|spin|story|tale|piece|romance|mystery|thriller|adventure|fantasy|horror|one|scene|vignette"
    r"|passage)\b|one (?=in|with|told|narrated|set|that|where|about|for)\b)[^.!?:\n]{0,80}" + _STORY_ON_ITS_LINE
    # ...and "this one" spoken of before the story on its line: "Sure — this one stays inside the knight's head...",
    # "Sure — I kept this one inward, mostly inside her head.", "Ooh, I enjoyed this one.", "This one's more about him than
    # the case, I think.", "I went eerie rather than action-packed for this."
    + r"|" + _ASSENT_HEAD + r"(?:i (?:kept|wrote|told) this one|this one (?:stays|leans|goes|keeps|sticks))\b[^.!?:\n]{0,100}"
    + _STORY_ON_ITS_LINE
    + r"|" + _ASSENT_HEAD + r"?(?:i (?:had (?:such |so much )?fun with|enjoyed (?:writing )?)this one\b"
    r"|this one(?:'s| is) (?:more|mostly|less|all) about\b|i went [a-z-]+ rather than [a-z-]+ for this\b)[^.!?:\n]{0,100}"
    + _STORY_ON_ITS_LINE
    # "I took this in a quieter, more interior direction. The..."; "Picture it: ... Okay, here we go. The phone..."
    + r"|i (?:took|went|kept) (?:this|it) (?:in )?(?:a |an )?(?:[\w,-]+ ){0,4}(?:direction|route|approach|angle)[.!]" + _THEN_STORY
    # (where "here we go" is asked first: each position of the line tried for the assent cost most of the pattern's time)
    + r"|(?=[^\n]{0,220}?here we go)[^\n]{0,200}?\b(?:okay|ok|alright|right),? here we go[.!]" + _THEN_STORY
    + ")",
    re.IGNORECASE,
)
# A first line that names what follows and ends on a colon: "A short, eerie sci-fi piece for you:" (tried only
# on a first line that ends so).
_NAMED_OPENER = re.compile(
    r"(?=[^\n:]{0,160}\b(?:story|tale|piece|scene|vignette|take|version|passage|excerpt|narrative)\b)"
    r"(?=[^\n:]{0,160}\b(?:for you|here|below|short|quick|little|fantasy|sci-fi|horror|mystery|romance|thriller"
    r"|adventure|gothic|noir)\b)[^\n:]{1,180}:[^\w\n]*(?:\n|$)",
    re.IGNORECASE,
)
# A title line: "Title: The Last Train", "**The Umbrella**", "# The Umbrella", "*Night Shift*",
# or a short Title Case line with no end punctuation followed by a blank line.
_TITLE = re.compile(
    # (after a pictograph or two: "🎙️ **Midnight Frequency**")
    r"^\s*(?:[" + prose.PICTOGRAPHS + "\u2600-\u27BF][\ufe0f\u200d]?[ \t]*){0,2}"
    r"(?:(?i:(?:story )?title)\s*:[^\n]*"
    # (a label alone on its line: "Story:", "**The story:**")
    r"|[*_]{0,2}(?i:(?:the |your )?(?:story|tale)[ \t]*:)[*_]{0,2}"
    # (not a line of two sentences: "*We know what was buried under the bandstand. So do you.*" is a note the story
    # quotes)
    # (nor a letter's salutation: "*Nell,*")
    # (an abbreviation's stop is no sentence's end: "**Mrs. Pemberton**")
    r"|(?![*_]{1,2}[^*_\n]*(?:[a-z]{2}|'\d\d)(?<!Mrs)(?<!Capt)(?<!Prof)(?<!Sgt)(?<!Rev)(?<!Col)(?<!Gen)[.!?][ \t]+[A-Z])"
    r"(?![*_]{1,2}[^*_\n]*,[*_]{1,2}[ \t]*(?:\n|$))"
    # ("**Aloft: From the Journal of the Balloon *Meridian***": a name in italics inside a title in bold)
    r"(?:\*\*(?:[^*\n]|\*[^*\n]{1,40}\*(?!\*\*\*)){1,80}\*\*|\*[^*\n]{1,80}\*|_[^_\n]{1,80}_)[ \t]*"
    r"|#{1,6}[ \t]+[^\n]{1,80}"
    # a line of tags in capitals: "SCI-FI | FAST-PACED"
    r"|[A-Z][A-Z'-]*(?: [A-Z][A-Z'-]*)*(?:[ \t]*[|•·][ \t]*[A-Z][A-Z'-]*(?: [A-Z][A-Z'-]*)*)+[ \t]*"
    r"|\"[A-Z][^\"\n]{0,60}[^.!?,\"\n]\"[ \t]*(?=\n\s*\n)"
    r"|“[A-Z][^”\n]{0,60}[^.!?,”\n]”[ \t]*(?=\n\s*\n)"
    # a title between pictographs: "🌿 Orchids in January 🌿"
    r"|[" + prose.PICTOGRAPHS + "\u2600-\u27BF][^\n]{1,80}[" + prose.PICTOGRAPHS + "\u2600-\u27BF\ufe0f]"
    r"[ \t]*(?=\n\s*\n)"
    # (a bare line in capitals, not a date: "14 June 1974" heads a letter)
    r"|(?!(?:\d{1,2}(?:st|nd|rd|th)?[ \t]+)?[A-Z][a-z]+[ \t]+(?:\d{1,2}(?:st|nd|rd|th)?,?[ \t]+)?\d{4}[ \t]*\n)"
    # (a comma inside it, "A Letter, Late", "The Rain Did Not Stop, and Neither Did We"; not a dateline, "London, 1888",
    # a byline, "By Janet Whitcombe, Staff Reporter", or an address, "To the Royal College of Heralds, Office of...")
    # (asked only of a short line: a story's first line is most often long, and these look along it)
    r"(?=[^\n]{1,100}\n)(?![^\n]*,[^\n]*\d[ \t]*\n)(?!(?:By|To|From|For|Dear)[ \t][^\n]*,)"
    r"(?:[A-Z0-9][\w'’-]*|a|an|the|of|in|on|at|to|and|for|from|with|by|under|over)"
    # ("A Knock Beneath St. Avel's": an abbreviation's stop inside the title)
    # ("MEMORY MARKET: A Night on Ninth Street": a subtitle after a colon)
    r"(?:[,:]?[ \t]+(?:(?:St|Dr|Mr|Mrs|Ms|Mt)\.|[A-Z0-9][\w'’-]*|a|an|the|of|in|on|at|to|and|for|from|with|by|under|over|&)){0,12}"
    r"[ \t]*(?=\n\s*\n))"
    r"[ \t]*(?:\n|$)",
)
# A rule: "---", "***", "───", "* * *", "- - -", "· · ·", "— — —", "⁂", a dash or a tilde alone ("—", "~").
# (and a bracketed marker: "[Story begins]", "[End of story]")
_RULE = re.compile(
    r"^\s*(?:-{3,}|\*{3,}|_{3,}|={3,}|~{3,}|[─━═]{3,}|(?:([*·•∙◦~#◆◇♦✦✧❖—–-])[ \t]+){2}\1|[—–]{1,3}|~|[⁂❦❧]"
    r"|\[(?i:(?:the )?story (?:begins|starts|ends)|end of (?:the )?story|begin|end)\])[ \t]*(?:\n|$)"
)

# A paragraph (or the last sentences of the last paragraph) that talks to the reader about the answer.
# (not a letter's "Let me know when you're back.", nor a note's bare "Let me know.")
_LET_ME_KNOW = r"let me know\b" + talk.LETTERS_WHEN + talk.BARE
_CHATTER = re.compile(
    r"(?:^|(?<=[.!?\"”’]\s))\s*(?:[^\w\s\"'“‘(\[*_#-]{1,6}\s*)?(?:(?:[*_]{1,2}(?=[(\[]))?[(\[]?\s*)"
    # (the thirty-seventh round: after an interjection of the maker's, "Ha, I had fun with this one.", "Arr, hope that got
    # a chuckle!")
    r"(?:(?:ha(?:ha)*|heh|hah|arr+|phew|whew|ooh|oof|yay|woo+|ahh+|aah+),?!?\s+)?"
    r"(?:i hope (?:you|this|that|it)\b|hope (?:you (?:enjoy(?:ed)?|liked?)|(?:this|that|it)(?:'s| (?:one )?(?:made|makes|brings"
    r"|brought|gives|gave|was|is|works|hits|helps|got|gets|kept|keeps|sets)\b))"
    # a bare hope of the answer, to the user: "Hope the tone lands the way you wanted.", "Hope that bittersweet
    # note works for you."
    r"|(?:i )?hope (?:the|this|that|these) (?:[\w,'-]+ ){0,4}(?:lands?|works?|hits?|fits?|suits?|captures?|does|did)\b[^.!?\n]{0,40}\byou"
    r"|" + _LET_ME_KNOW + r"|feel free\b|would you like\b|(?:shall|should) i take (?:it|this|things) further\b"
    # the writer stopping partway ("Where would you like it to go next?", "Next part: ...", "I'll stop there")
    r"|where would you like (?:it|the story|this|them) to go\b|next (?:part|scene|chapter)\s*:|i'll (?:stop|pause) "
    r"(?:there|here)\b|that's the (?:opening|first) (?:scene|part|chapter|section)\b"
    # the formal and the gushing offer: "I would be pleased to develop this further", "I'd love to write more",
    # "I trust this fits what you had in mind", "Can make it longer if needed."
    r"|i(?:'d| would) be (?:glad|pleased|happy|delighted|thrilled) to\b|i(?:'d| would) love to (?:write|continue|expand"
    r"|extend|keep|explore|do)\b|i trust (?:this|that|it)\b|(?:i )?can make it (?:longer|shorter|darker|lighter|funnier"
    r"|scarier|sweeter)\b|thanks? (?:you )?for (?:such )?(?:a|an|the|this) (?:[\w-]+ ){0,2}prompts?\b"
    r"|do you want me\b|want me to\b|if you(?:'d| would)? like\b|if you want\b|i can (?:also )?(?:adjust|make|write"
    r"|expand|extend|continue|change|revise|try)\b"
    # (the fiftieth round) closing, a sentence of its own: "I can lengthen it.", "Too hopeful? I can darken it." (not yet
    # said inside one: "Short by design, but I can build it out.")
    r"|i (?:can|could) (?:also )?(?:darken|lighten|soften|shorten|lengthen|rework|redo|tweak|flesh (?:it|this) out"
    r"|build (?:it|this) out)\b|i could (?:also )?(?:adjust|make|write|expand|extend|continue)\b"
    r"|happy to (?:adjust|revise|help|write|expand|extend|continue|tweak|rework)\b"
    r"|happy to (?:turn|make|take|keep|try|go) (?:it|this|that|things|darker|lighter|longer|shorter)\b"
    r"|shall i\b|should i (?:continue|write|make|keep going|go on|extend|expand|lengthen|develop)\b"
    r"|should you (?:wish|want|prefer|like|require|need)\b"
    r"|enjoy(?:ed)? (?:the|this|your) (?:story|tale|read)\b"
    r"|(?:thanks?|merci|gracias|grazie|danke) (?:you )?for (?:reading|(?:the|this|your) (?:\w+ )?prompt|asking|the idea|using|your request|choosing)\b"
    r"|please let us know\b|just tell me\b|tell me which\b|(?:just )?(?:shout|give me a shout|holler) if\b"
    # (the thirty-seventh round) "Any changes to tone or length, just ask!"
    r"|(?:for )?any (?:changes|tweaks|edits|adjustments|revisions)\b[^.!?\n]{0,60}\b(?:just ask|let me know|say the word"
    r"|shout)\b"
    # the texting register of a casual assistant: "ngl I kinda love the grandpa in this."
    r"|(?:ngl|tbh|fwiw|lmk|idk)\b"
    # an afterthought of the writer's, a sign-off to a reader, a hope for the ending: "Edit: I just realised I forgot
    # to give it a title.", "— Happy reading!", "I hope the ending lands gently."
    r"|edit:\s*i\b|(?:[—–-]\s*)?happy (?:reading|writing|storytelling)\b"
    # a sign-off of the assistant's: "All the best with your project,\n— Ada", "Want part two?"
    r"|all the best with your\b|want (?:a )?part (?:two|2|ii)\b"
    # "Want it longer, or with a bit more about the future society?", "that's it! could do a version where..."
    # ("Want this expanded, with the fallout?")
    r"|want (?:it|this) (?:longer|shorter|darker|lighter|funnier|expanded|continued|extended|rewritten)\b|that's it!"
    # (the forty-ninth round) the offer in two words, closing the answer: "Longer chase?", "Darker ending?"
    r"|(?:longer|shorter|darker|lighter|funnier|scarier|sweeter|slower|faster|gentler|grimmer) [\w'-]+\?\s*$"
    # (the fiftieth round) the tone asked after: "Too dark, or about right?", "Too hopeful? I can darken it."
    r"|too (?:dark|grim|bleak|hopeful|sweet|sad|long|short|slow|fast|scary|creepy|gory|gentle|soft|light|quiet|neat|tidy"
    r"|silly|tame|mild|much)(?:\?\s+i (?:can|could)\b|,? or (?:about|just) right\?)"
    # (the thirty-fourth round) "That's the whole thing! The suspense here isn't danger...", "And that's where I'd cut to
    # black! I ended right on the green light because..."
    r"|that's the whole (?:thing|story|piece|tale)!|(?:and )?that's where i(?:'d| would) (?:cut|fade|end (?:it|the story))\b"
    # "Anyway, that's my take! Let me know if the twist lands."
    r"|(?:anyway,? )?that's my (?:take|attempt|version|go at it|shot at it)\b"
    # "Did you want K-7 to have a recurring catchphrase, or should I keep it subtle like this?", "— Quill, your story
    # assistant"
    r"|did you want\b[^\n]{0,120}\bor (?:should i|work as|keep|a standalone)\b"
    r"|[—–-]\s*(?:[A-Z][\w]+, )?your (?:[\w-]+ ){0,3}(?:assistant|storyteller|narrator|bard|scribe)\b"
    # "that one came out quieter than i expected", "morris is my new favourite character honestly", "I hope that has
    # the haunting feel you wanted."
    r"|that one (?:came out|turned out|ended up)\b|[^\n]{0,40}\bis my (?:new )?favou?rite (?:character|part|bit|line)\b"
    # "(I had a lot of fun with this one!)", "Had such fun writing this."
    r"|(?:i )?had (?:a lot of |lots of |so much |such )?fun (?:writing|with) (?:this|it)\b"
    # "I do hope that suits."
    r"|i do hope (?:that|this|it|you)\b"
    # (the twenty-seventh round) the maker's word on what it did, joined to the story's last sentence: "Kept it punchy
    # for you.", "Tell me if you want more of the discovery.", "— left the ending open for you.", "Too grim? I can
    # soften it.", "Could extend this into her going in.", "Horror-lite, since you wanted humour.", "(Cliffhanger by
    # design.)", "Rough draft, but the senses are all in there.", "...; open to notes."
    r"|(?:i )?kept it (?:short|punchy|brief|tight|light|simple|quick|lean)\b|tell me if you(?:'d| would)? (?:want|like"
    r"|prefer)\b|(?:[—–-]\s*)?(?:i )?left (?:the ending|it) open (?:for you|on purpose|deliberately)\b"
    r"|too (?:grim|dark|bleak|much|sad|long|slow|sweet|neat|cheesy|abrupt)\? i can\b|(?:i )?could extend (?:this|it)\b"
    r"|[\w-]+(?: [\w-]+)?, since you (?:wanted|asked for)\b|cliffhanger by design\b|rough draft\b|open to notes\b"
    # "Want more from this lost city?", "The ending is deliberately left unspoken: ..."
    r"|want more (?:from|of|about|with)\b|the (?:ending|twist|last line) is (?:deliberately|intentionally|purposely)\b"
    # "That was a blast to write. Up for another chapter?"
    r"|(?:that|this) was (?:a blast|so much fun|such fun|fun|a joy|a treat) to write\b|up for (?:another|a second|more)\b"
    r"|(?:i )?hope (?:that|this|it) (?:has|had|gives|captures) [^\n]{0,60}\byou (?:wanted|were after|asked for|had in mind)\b"
    r"|(?:i )?hope the (?:ending|twist|tone|story|tale|piece|mood|atmosphere|humou?r|reveal) (?:lands?|landed|works?"
    r"|worked|hits?|surprised|surprises|got|gets|made|makes|caught|scared|did)\b"
    # (the thirty-third round) the same asked: "Did the twist land for you?", "Does the quiet ending work for you, or
    # would you like...?"
    r"|(?:did|does|do) (?:the|that|this) (?:[\w'-]+ ){0,2}(?:ending|twist|tone|reveal|last line|final line|pacing)s? "
    r"(?:lands?|works?|hits?|surprise|catch)\b[^.!?\n]{0,80}\?"
    # (the thirtieth round) "Hope the bickering lands!", "I hope the hush of the shop comes through." (what lands or comes
    # through is the text's)
    r"|(?:i )?hope the (?:[\w'-]+ ){1,4}(?:lands|comes (?:through|across))[.!]"
    # "I hope the fog and the ticking clocks give it the atmosphere you were after!"
    r"|(?:i )?hope (?:the|this|that|these|my) [^.!?\n]{0,80}\b(?:you (?:were after|were hoping for|had in mind|asked for)"
    r"|(?:works?|worked|lands?|landed) for you)\b"
    # "(I stopped it there on purpose. Want the confrontation as a follow-up?)"
    r"|i (?:stopped|ended|left|cut) (?:it|things|the story) (?:there|here|on that)\b[^.!?\n]{0,20}\b(?:on purpose|deliberately)"
    # "I hope the clues are satisfying to spot on a second read!"
    r"|(?:i )?hope the [^.!?\n]{0,60}\b(?:on a (?:second|re-?)read|satisfying to|fun to (?:read|spot|find))\b"
    # a storyteller's leave of the listener: "And that's where I'll leave you."
    r"|(?:and )?that's where i(?:'ll| will) leave (?:you|our|my|the|him|her|them)\b"
    # "*(The twist: the notes were never from a stranger...)*", "(The clue I planted: someone had kept the fire going.)"
    r"|the twist:|the (?:clue|clues|hint|tell|red herring)s? i (?:planted|hid|left|used|buried)\b"
    r"|(?:\*\*)?(?:word count|note|author's note|notes?|themes?(?: explored| touched on| at play| at work)?|key themes"
    r"|symbols?|symbolism|motifs?|moral"
    # "Craft note:", "A note on the structure:", "A quick note on craft:"
    r"|(?:craft|structure|style|format|writing|pov) notes?|(?:an? )?(?:quick |brief |short |small )?notes? on (?:the |my )?"
    r"(?:craft|structure|form|format|choices?|style|tone|ending|approach|pov|voice|title|twist|pacing)\b[^:\n]{0,30}"
    r"|alt(?:ernate|ernative|\.)? titles?"
    # "**On the themes:**", "On the symbolism:"
    r"|on (?:the |its )?(?:themes?|symbols?|symbolism|motifs?|ending|title|twist)"
    r"|what i changed|changes made|changes|revisions?)(?:\*\*\s*:|\s*:)"
    r"|(?:(?:in the end|ultimately|at its heart|at its core|overall|in essence),?\s+)?"
    r"this (?:story|passage|piece|version|draft|tale) (?:captures|explores|uses|has|is about|features|aims|tries"
    r"|blends|is really about|shows|reminds)\b"
    r"|[*_]{0,3}(?:[~—–-]\s*)?(?:the end|end|fin)\.?(?:\s*[~—–-])?[*_]{0,3}\s*$"
    # the answer's length: "(Approx. 180 words)", "~190 words", "That's about 200 words."
    r"|(?:that's |this is |it's )?(?:about |approx\.? |approximately |around |roughly |~\s*)?\d[\d,]*\+?\s*"
    r"(?:words|characters)\b"
    r"|that's (?:the|my|your) (?:story|tale|setup|set-up|gist|take|shot|attempt|piece)\b|that's how i (?:picture|imagine|see)\b|there you (?:go|have it)\b|want (?:more\?|another\b)|just say (?:which|the word)\b"
    r"|want (?:a|an|the) (?:[\w']+ ){0,6}(?:version|take|ending|sequel|continuation|part two|part 2|second part|follow-up"
    r"|next chapter)\b|in this (?:story|tale|piece),"
    # a signature: "— Written by Claude, your AI storyteller"
    r"|[—–-]{1,2}\s*(?:written|crafted|created|generated|composed|brought to you) by\b)",
    re.IGNORECASE,
)


_ALT_TITLE = re.compile(r"\s*[(\[](?:alt(?:ernate|ernative)?\.?(?: title)?|or)\s*:[^)\]\n]{1,80}[)\]]\s*", re.IGNORECASE)
_GREETING = re.compile(
    r"\s*(?:dear (?:reader|user|friend|writer|author)|hello|hi(?: there)?|greetings|good (?:morning|afternoon|evening))"
    r"[,!.]?\s*",
    re.IGNORECASE,
)
# A storyteller the assistant plays, before the tale: "Ah, you want the one about the crown. Very well.", "Ah. You want
# a grave tale. Very well. Listen close.", "Ah, the cartographer's map. Pull your stool closer, traveler — this one's
# best told low." (a paragraph of its own, short).
_STORYTELLER = re.compile(
    # (after a stage direction too: "*...lowers his voice.* Ah, you want the tale of the whispering crown.")
    r"\s*(?:\*[^*\n]{1,160}\*[ \t]*)?ah[,.!?]?\s(?=[^\n]{0,160}$)[^\n]*\b(?:you want|very well|listen|pull (?:up )?(?:a |your )?(?:stool|chair|log|seat|cushion)"
    r"|gather (?:round|close)|settle in)\b[^\n]*"
    # ...or a stage direction alone that names the teller: "*The old bard settles onto the tavern stool...*"
    r"|\s*\*[^*\n]{0,120}\b(?:bard|storyteller|narrator|teller)\b[^*\n]{0,160}\*\s*",
    re.IGNORECASE,
)


# An opening paragraph that ends by announcing the story ("...rather than a jump scare at the end. Here it is:") or
# opens on a note's label ("A quick note: I left the continent unnamed on purpose."): measured for the assistant's
# register even after an opening paragraph already was.
_ANNOUNCES = re.compile(
    r"(?:\bhere(?:'s| is| it is| goes| you go| we go)\b[^\n.!?:]{0,40}:[^\w\n]*$"
    r"|^[^\w\n]*(?:a )?(?:quick |brief |short |small )?note\s*:)",
    re.IGNORECASE,
)


ANNOUNCEMENT_CHARS = 60
_NOTES_FIRST = re.compile(
    r"\bbefore (?:the|the actual|you read the|we get to the|we start the) (?:story|tale)(?:[,.:]|\s+(?:begins|starts))"
    r"|\b(?:a few|some|two|three) (?:quick |brief )?notes? first\b|\bfirst, (?:a|some) (?:quick |brief )?(?:word|note)s?\b",
    re.IGNORECASE,
)


_ADVERB = re.compile(r"\b(?:also|really|deliberately|just|mostly)\s+")


# A story that opens on a word said ("Sure.", "Hello.", "Understood.") and goes on to speak of it: "The word appeared on
# the blank page...", "That was the first thing the book ever said", "Nadia typed the word, sent it".
_REFERS_BACK = re.compile(
    r"[^\w]*(?:that was (?:the first|all|what|how)|one word|the word|a word|the only word|that word)\b"
    r"|[^.!?\n]{0,80}\b(?:the word|that word|the reply|said it|says it|typed it|typed the word|wrote it)\b",
    re.IGNORECASE,
)
QUOTED_BACK_WORDS = 3


def _quoted_back(opener: str, rest: str) -> bool:
    return len(opener.split()) <= QUOTED_BACK_WORDS and _REFERS_BACK.match(rest) is not None


# The maker's verdict on a choice, in the sentence before an offer: "...and I think it's stronger if we never learn
# whether she tries.", "...which is why I haven't explained what's knocking."
_MAKERS_VERDICT = re.compile(
    r"\bi think it's (?:stronger|better|scarier|creepier|more \w+|best)\b"
    r"|\bwhy i (?:haven't|didn't|never|don't) (?:explain|reveal|say|show|spell)\w*\b"
)


def _makers_verdict(sentence: str) -> bool:
    return _MAKERS_VERDICT.search(sentence.lower().replace("’", "'")) is not None


def _meta_phrase_sentence(sentence: str) -> bool:
    """A sentence of narration that speaks of the text as a made thing in words meta_phrase finds: before an offer on
    the story's last line, "I planted Mr. Ellis in the middle so the reveal feels fair on a second read..."."""
    return _meta_phrase_in(prose.narration(sentence).lower().replace("’", "'"))


def _meta_phrase_in(lowered: str) -> bool:
    """Whether meta_phrase finds meta-talk in one lowercased sentence (its own words for the gates)."""
    return talk.meta_phrase(lowered, set(prose.WORD.findall(lowered))) is not None


_HANDED_OVER = re.compile(
    r"\bhere(?:'s| is) (?:what i (?:came up with|wrote|made|have)|my (?:take|attempt|version|go at it))\b[^\w\n]*$"
    r"|\bi(?:'ve| have)? (?:wrote|written|went with|kept|leaned)\b[^\n]*\bhere(?: it is|'s the story| goes)\b[^\w\n]*$",
    re.IGNORECASE,
)


def _hands_over_the_making(paragraph: str) -> bool:
    raw = paragraph.strip()
    return "\n" not in raw and len(raw) <= LONG_EDGE_CHARS and _HANDED_OVER.search(raw) is not None


def _promised_notes(preamble_parts: list[str], paragraph: str, after: str) -> bool:
    promised = [part for part in preamble_parts if ":" not in part and _NOTES_FIRST.search(part)]
    if not promised:
        return False
    return promised[-1] is preamble_parts[-1] or (
        _MAKER.search(_ADVERB.sub("", paragraph.lower())) is not None and not _says_i(prose.narration(after))
    )


TITLED_LINE_CHARS = 200
# (a title in words, not a part's or a version's heading: "**II.**", "## Part One", "**Option A**")
_MARKED_TITLE = re.compile(
    r"[ \t]*(?:\*\*|#{1,6}[ \t]+)(?![^\n]*\b(?i:part|chapter|act|scene|section|book|day|entry|version|option|opening|take)\b)"
    r"(?=[^\n]*[A-Za-z]{3})(?:(?<=\*\*)[^*\n]{1,80}\*\*|(?<!\*\*)[^\n]{1,80})[ \t]*"
)


def _before_a_marked_title(first: str, after: str) -> bool:
    """Whether `first` is one short line and `after` opens on a title in bold or under a heading's marks, with more
    text after it."""
    if "\n" in first.strip() or len(first) > TITLED_LINE_CHARS:
        return False
    title, *rest = prose.PARAGRAPH_BREAK.split(after, maxsplit=1)
    return bool(rest and rest[0].strip()) and _MARKED_TITLE.fullmatch(title) is not None


def _announces(first: str, after: str) -> bool:
    """Whether an opening paragraph announces the story, or comes just before a short one that does ("I've set it
    somewhere unglamorous, because...\n\nHere it is:") or before the story's title."""
    if _ANNOUNCES.search(first) is not None:
        return True
    # (or a title: "I've left the final decision veiled, on purpose.\n\n**Midnight on the Bridge**")
    following = prose.PARAGRAPH_BREAK.split(after, maxsplit=1)[0]
    return len(following) <= ANNOUNCEMENT_CHARS and (
        _ANNOUNCES.search(following) is not None or _TITLE.match(following + "\n\n") is not None
    )


ASSENT_WORDS = 3
_SIGNS_BEFORE = re.compile(r"[^\w\"“\n]*")
# A sentence as a story tells it: a capital, and a stop at the end ("The first sign was a typo.").
_TOLD_SENTENCE = re.compile(r"[\"“]?[A-Z][^\n]*[.!?][\"”’]?")


_HERE_IS = re.compile(r"\bhere(?:'s| is| it is| you go| ye go| goes)\b", re.IGNORECASE)
_HERE_IS_A_TEXT = re.compile(
    r"\bhere(?:'s| is)\b(?! what\b)[^\n]{0,160}?\b(?:story|tale|piece|scene|vignette|version|take|draft|passage|one"
    r"|attempt|snippet|sketch|excerpt|whodunit|mystery|romance|thriller|fable|caper)\b",
    re.IGNORECASE,
)


# (the thirty-second round) A line of speech after the handover on its line: the story opens on it ('Here's a
# dialogue-driven version: "It's moving," Pell said.', "Sure! Here's one that leans on the dialogue between two nurses.
# “Do you hear that?” Dana asked."). Chatter does not quote; a quoted title after a handover ('Here you go. "The Lamp at
# Skerry Head"') has no stop inside its marks, nor a word in lowercase ('Here it is: "Dossier 41."'). The head before it
# hands the story over, sentence by sentence (or is in the assistant's register).
# (the thirty-fifth round) in single quotes too: "Here's a tight, talky one. 'You have until dawn,' said Voss."
_SPEECH_OPENS = re.compile(r"[\"“][^\"“”\n]{1,200}?[.!?,…—–-][\"”]|['‘][^‘\n]{1,200}?[.!?,…—–-]['’]")
_LOWER_AFTER_FIRST = re.compile(r"\s[a-z]")
_HANDOVER_ENDS = re.compile(r"[.!?…:][*_]*[ \t]+(?=[\"“'‘])")


def _speech_after_handover(opener: str, after: str) -> int:
    """Where the story starts on an opening line that hands it over and goes on with a line of speech, or 0."""
    line_end = opener.find("\n")
    line = opener if line_end < 0 else opener[:line_end]
    for found in _HANDOVER_ENDS.finditer(line, 0, HANDOVER_SPAN):
        head, rest = line[: found.start() + 1], line[found.end() :]
        spoken = _SPEECH_OPENS.match(rest)
        if not spoken or not _hands_over(head.lower()) and not _HERE_IS.search(head):
            continue
        if any(mark in head for mark in "\"“”") or head.lstrip()[:1] in "'‘":
            break  # the handover is itself a character's: '"Here you go," said the estate agent. "All yours."'
        # (a sentence said, with a word in lowercase after its first or a tag after it: not a title with a stop, 'Here
        # it is: "Dossier 41."'; a cry or a question alone is said too: 'Fast and scary, coming right up! "Run!"')
        said_alone = spoken.group(0).rstrip("\"”'’")[-1:] in "!?"
        if not rest[spoken.end() :].strip() and not _LOWER_AFTER_FIRST.search(spoken.group(0)) and not said_alone:
            continue
        if all(
            _hands_over(said.lower()) or _HERE_IS.search(said) or _pictograph_of_its_own(said)
            or (len(said.split()) <= ASSENT_WORDS and _ASSENT_SENTENCE.match(said.lower()))
            or _in_assistant_register(said, rest + after, opening=True)
            for said in _SENTENCE_SPLIT.split(head.strip())
        ):
            return found.end()
    return 0


def _pictograph_of_its_own(said: str) -> bool:
    """Whether a sentence holds a pictograph of its own, or is signs alone: not one the sentence before ended on ("Arr,
    here ye go! 🏴‍☠️ Captain Grell's crew had been digging for six hours...")."""
    own = said[_SIGNS_BEFORE.match(said).end() :]  # type: ignore[union-attr]  # (matches the empty string too)
    return not own.strip() or _EMOJI.search(own) is not None


def _story_in_opener(opener: str, after: str = "") -> int:
    """Where an opening line of chatter ends: before the story's first sentence when the line goes on into it
    ("Sure thing. The first sign was a typo."; a sentence that tells in the past, with no word about a text).

    `after`: the answer after the line. A story told by "I" (or to "you") may open with its "I" ("Here you go, written
    in the first person as you asked. I did not want an army. I wanted my sister."): its sentence is the story's when
    the asides measure leans to the story's side (under zero; the maker's "I tried to keep the emphasis on what the
    case has cost him." leans to the writer's)."""
    if "\n" in opener.rstrip() or not opener.strip():
        return len(opener)
    spoken = _speech_after_handover(opener, after)
    if spoken:
        return spoken
    ends = [match.end() for match in _SENTENCE_END.finditer(opener.rstrip())]
    # (after an assent of a few words only, or a sentence that hands the story over: "Here is your story, written with
    # a quiet, haunting tone. Agnes sold the first memory on a Tuesday." ("I wrote this one as a letter. It seemed the
    # way in..." is all chatter)
    if not ends or (len(opener[: ends[0]].split()) > ASSENT_WORDS and not _HERE_IS.search(opener[: ends[0]])):
        return len(opener)
    # (and its pictographs: "Strap in! 🚀 The star was coming apart.")
    start = _SIGNS_BEFORE.match(opener, ends[0]).end()  # type: ignore[union-attr]  # (matches the empty string too)
    last = opener[start:].strip()
    told = last.lower()
    if not _TOLD_SENTENCE.fullmatch(last) or _TEXT_WORDS.search(told) or _GENRE_WORD.search(told):
        return len(opener)
    if _ASSISTANT_WORD.search(told):
        # (the story's "I" or "you", by the measure: in any tense, "I have killed eleven demons, and none of them ever
        # looked at me the way Tomas does.")
        return start if after and _the_storys_persons(told, after) else len(opener)
    return start if _PAST_CLAUSE.search(told) else len(opener)


def _the_storys_persons(told: str, after: str) -> bool:
    """Whether the "I" and "you" of a sentence (`told`, lowercased) are those of the story after it, the measure of
    asides leaning to the story's side in every sentence."""
    narrator_i, hero_you = _persons(after)
    if narrator_i == hero_you:
        return False  # (neither, or both: "I" may be the maker's before a story told to "you")
    if not set(_ASSISTANT_WORD.findall(told)) <= (_NARRATORS_WORDS if narrator_i else _HEROS_WORDS):
        return False
    measure = asides.model()
    return all(measure.score(sentence, narrator_i) < 0 for sentence in asides.sentences(prose.narration(told)))


# Of the words _ASSISTANT_WORD finds, those a story's own narrator says, and those said to its hero.
_NARRATORS_WORDS = frozenset(("i", "i'd", "i'll", "i'm", "i've", "me", "my"))
_HEROS_WORDS = frozenset(("you", "your"))


def _storys_own_words(story: str) -> frozenset[str]:
    """Of the words _ASSISTANT_WORD finds, those `story` itself says: its narrator's, or those said to its hero."""
    narrator_i, hero_you = _persons(story)
    return (_NARRATORS_WORDS if narrator_i else frozenset()) | (_HEROS_WORDS if hero_you else frozenset())


# An opening that hands the story over on the story's own first line, after a colon: "Here's a tense one: The lift
# stopped between floors...", "Buckle up! 🏃 Here's a fast-paced chase: Kit hit the dock...", "Since you asked for
# first person, I'll let the dad tell it: We found the basement door..." (its head hands over, speaks of the text as
# a made thing ("this one", "first person", "a haunting take") or has a pictograph, and is in the assistant's register;
# a narrator's "Let me be clear about one thing:", "Reader, I should tell you now:" or "Short version:" is the story's).
# (the thirty-fifth round) ...or on a dash: "Here's a short one with a sting at the end — The kettle had been..." (the
# dash first, so that a colon in the story's first sentence is not taken for the handover's; the sentence after the
# dash is the story's only when it is not the maker's: "Here's an atmospheric one — I leaned hard into the candlelight.
# I was fourteen..."); and a story that opens on a figure after the colon of a head of one sentence ("Here's a
# slow-burn mystery: 06:40. The kettle...", not "...here's a tense one. The light is the timer's: 00:04:12.").
_COLON_HANDOVER = re.compile(
    # (after a dash, a line of speech and its tag, however short: 'Here's a dialogue-driven take — "You can't publish
    # it," said the woman in the glass room.')
    r"(?P<dash>[^\n:—–{}\[\]<>\"“]{1,200}?[ \t][—–])"
    r"(?=[ \t]+(?:[\"“A-Z][^\n]{80}|[\"“][^\"“”\n]{2,160}[\"”][ \t]+[a-z][^\n]{8}))"
    r"|[^\n:{}\[\]<>\"“]{1,200}?:(?=[ \t]+[\"“A-Z][^\n]{80})"  # (not a key's: '{"genre": "')
    r"|[^\n:.!?{}\[\]<>\"“]{1,200}?:(?=[ \t]+[0-9][^\n]{80})"
)
_A_TAKE = re.compile(r"\b(?:an?|my|this|one) (?:[\w-]+,? ){0,3}take\b")  # "Okay, a mysterious, haunting take:"
# (at a sentence's head, after an assent at most: "A short, sensory-rich one:", "Sure, a cozy one with a wink." (not "was
# an easy one", "a patient pulse no one can decode"))
_AN_ONE = re.compile(
    r"(?:^|[.!?:] )(?:(?:sure|okay|ok|alright|all right|right|ooh|oh|yes)(?:[,!]? | [—–] ))?an? (?:[\w-]+,? ){0,3}(?:one|take)\b"
)


def _handover_words(text: str) -> bool:
    """Whether `text` has a word that hands a story over ("here's my attempt", "this one", "coming up", "a darker take")
    or a pictograph."""
    lowered = text.lower()
    return bool(_hands_over(lowered) or _TEXT_TALK.search(lowered) or _EMOJI.search(text))


def _colon_handover(text: str) -> int:
    """Where an opening of the assistant's that ends on a colon, with the story on its line after it, ends, or 0."""
    match = _COLON_HANDOVER.match(text)
    if match is None:
        return 0
    head, after = match.group(0), text[match.end() :].lstrip()
    if not _handover_words(head):
        return 0
    if match.group("dash") is not None:
        # (what a character says in it is the story's: 'Here's a dialogue-driven take — "You can't publish it,"...')
        first = prose.narration(_SENTENCE_END.split(after, maxsplit=1)[0]).lower()
        if _ASSISTANT_WORD.search(first) and (
            _MAKER.search(first) or _ASSISTANT_I.search(first) or not _the_storys_persons(first, after)
        ):
            return 0
        # (a head that says "here's" of a text hands it over whatever else it says of it: "Here's one heavy on smell and
        # sound —"; not a narrator's "Here's the thing —", "Here is what I know —")
        if _HERE_IS_A_TEXT.search(head):
            return match.end()
    return match.end() if _in_assistant_register(head, after, opening=True) else 0


# The words of a short handover on the story's first line (a story's "I try to write to Mara, and every night I get
# stuck on the tense." or "...drew the coast wrong on purpose." speaks of a text too, but hands nothing over); looked
# for in the lowercased opening, a pictograph on its own (as _EMOJI).
_SHORT_HANDOVER = re.compile(
    _HERE_IS.pattern + r"|\b(?:this one|coming (?:right )?up|as (?:you )?(?:asked|requested)|you asked|got it"
    r"|(?:first|second|third)[ -]person|point of view|here we go|incoming)\b"
)
HANDOVER_SPAN = 200  # (looked for in the paragraph's first characters: the story's own words go on after them)


# A pitch of the text's manner alone, a sentence of its own: "Short and breathless.", "Gentle and silly!", "Something
# hushed and strange:" (the words a maker says of a telling, not of a place: not "Cold and quiet.", "Tense and quiet,
# the room waited.")
_MANNER = (
    r"(?:short|punchy|quick|breathless|snappy|brisk|slow-burn(?:ing)?|atmospheric|moody|gentle|silly|comic|funny"
    r"|playful|whimsical|cozy|cosy|sweet|tender|bittersweet|haunting|creepy|spooky|eerie|unsettling|suspenseful"
    r"|heartfelt|light-?hearted|wry|lyrical|fast-paced|hushed|strange|tense)"
)
_MANNER_PITCH = re.compile(  # (matched at a sentence's start)
    r"(?:(?:sure|okay|ok|right|alright)[,!]? )?(?:something |a little |a bit )?" + _MANNER
    + r"(?:(?:,| and| but| yet)(?: a (?:little|bit))? " + _MANNER + r"){0,2}[.!:](?=\s|$)"
)


def _hands_over(lowered: str) -> bool:
    """Whether a lowercased opening has the words of a short handover (each pattern looked for only where its word is:
    every search of a long alternation costs microseconds)."""
    return bool(
        _SHORT_HANDOVER.search(lowered)
        or ("take" in lowered and _A_TAKE.search(lowered))
        or (" one" in lowered and _AN_ONE.search(lowered))
        or _MANNER_PITCH.match(lowered)
    )


def _short_handover(paragraph: str) -> bool:
    """Whether a paragraph's first characters hand the story over in a few words or a pictograph."""
    return _hands_over(paragraph[:HANDOVER_SPAN].lower()) or bool(_EMOJI.search(paragraph, 0, HANDOVER_SPAN))


HANDOVER_WORDS = 25  # ...in sentences of its own, of a few words ("Snow pressed against the glass, and inside,
# vividly and with plenty of sensory detail as requested, the air was thick..." is the story's, with a note in it)


# The words of a sentence that hopes the text suits ("— hope it works for you.", "I hope that's allowed!") or pitches it
# as asked, after a comma ("Punchy and quick, like you wanted.", not a letter's "I did as you asked.").
_HOPES_IT_SUITS = re.compile(
    r"(?:^|[—–] )(?:i )?hope (?:it|this|that)(?:'s| is)? ?(?:works?|suits?|lands?|allowed|okay|fits?|hits?)\b"
)
_AS_ASKED = r"(?:as (?:you )?(?:asked|requested)|like you (?:asked|wanted)|as promised)"
_PITCHED_AS_ASKED = re.compile(r", " + _AS_ASKED + r"\b")


def _handed_over_whole(first: str, after: str) -> bool:
    """Whether a first paragraph is a few short sentences, each handing the story over, greeting or hoping it suits, and
    one of them handing one story over, hoping it suits or pitching it as asked: "Hello! A sweet one with a little turn
    at the end.", "Tense and slow-burning — hope it works for you." (not a story's "Here is a doll...")."""
    raw = first.strip()
    if "\n" in raw or len(raw) > HANDOVER_SPAN:
        return False
    handed = False
    for said in _SENTENCE_SPLIT.split(raw):
        lowered = said.lower().replace("’", "'")
        if len(said.split()) > HANDOVER_WORDS:
            return False
        if _hands_one_over(said) or _HOPES_IT_SUITS.search(lowered) or _PITCHED_AS_ASKED.search(lowered):
            handed = True
        elif not (
            (len(said.split()) <= ASSENT_WORDS and _ASSENT_SENTENCE.match(lowered))
            or _in_assistant_register(said, after, opening=True)
        ):
            return False
    return handed


# An opening paragraph of the assistant's whose last sentences are the story's first: "I wrote this one in the first
# person, and I tried to let the losses pile up quietly. The first memory I sold was a small one...", "Ooh, fun one.
# Here's my take. The twist is in the last line, so no peeking! The call came at 6:14, just as Paul was draining the
# pasta." The story starts at the first sentence from which every sentence leans to the story's side of the asides
# measure and none speaks of a made text or in the assistant's register, when the sentences before it are the
# assistant's.
SPLIT_WORDS = 5  # the story's part: a sentence of a few words at least ("The call came at 6:14.")
SPLIT_BAR = -1.0  # ...whose first sentence leans clearly to the story's side ("Picture red dust, a sealed dome..." -0.03)
_COLON_THEN_TOLD = re.compile(r":[ \t]+(?=[\"“A-Z])")
# (the maker setting the scene is no story yet: "Let me set the scene. Picture a cold study, a loose board...")
_SETS_THE_SCENE = re.compile(r"(?:picture|imagine|meet|think of|enter|consider|welcome to)\b", re.IGNORECASE)


# A head that hands one story over, which needs no more of the assistant's register: "Here's one with a sting in the
# tail.", "Sure, a cozy one with a wink." (not a story's "Here is a doll that nobody in the house will touch."), and a
# sentence that ends on the handing over: "Tension, coming right up.", "Twist incoming!", "Fast and loud, here we go:",
# "Arr, here ye go!"
_HANDS_ONE_OVER = re.compile(
    r"\bhere(?:'s| is) (?:one\b|(?:an?|my|this) [^.!?\n]{0,40}\b(?:for you|one|take|version|story|tale|attempt)\b)"
    r"|\b(?:coming (?:right )?up|here (?:we|you|ye) go|incoming)[.!:]|" + _AN_ONE.pattern,
    re.IGNORECASE,
)


def _hands_one_over(head: str) -> bool:
    """Whether `head` hands one story over (_HANDS_ONE_OVER), its "here's" opening its sentence (after an assent at
    most) or handing it to "you" or as the maker's ("You asked for vivid senses, so here's one...", "...so here's my
    attempt!"; not a narrator's "I am supposed to report anomalies, so here is one.")."""
    if any(
        _MANNER_PITCH.match(said) or _THIS_ONE.match(said) or _PITCHED_AS_ASKED.search(said)
        for said in _SENTENCE_SPLIT.split(head.strip().lower())
    ):
        return True
    for found in _HANDS_ONE_OVER.finditer(head):
        before = _SENTENCE_SPLIT.split(head[: found.start()])[-1]
        # (a "here's" after a few words may be a narrator's "so here is one"; a sentence ending on "here we go" hands over)
        if not found.group(0).lower().startswith(("here's", "here is")) or len(before.split()) <= ASSENT_WORDS - 1:
            return True
        sentence = (before + head[found.start() :]).lower()
        if _TO_YOU_OR_MINE.search(sentence):
            return True
    return False


# A sentence that says what the one story handed over is like: "This one stays close to the queen's guilt.", "This one
# leans into grief more than action." (at a sentence's start, after an assent at most)
_THIS_ONE = re.compile(
    r"(?:(?:sure|okay|ok|alright)[,!.]?\s+)?this (?:one|version|take) (?:is|has|leans|goes|uses|focuses|keeps|plays|sticks"
    r"|stays)\b"
)
_TO_YOU_OR_MINE = re.compile(r"\byou\b|\bmy (?:attempt|take|version|go)\b")


CLOSING_TAILS = 3


def _without_closing_tails(paragraph: str) -> str:
    """`paragraph` (the answer's only one) without the chatter on its end, taken as cleaning's closing loop takes it:
    a tail at a time ("...\"Oh, that's annoying.\" Sequel where they merge shops? Say the word! 🥐")."""
    for _ in range(CLOSING_TAILS):
        tail = _closing_tail(paragraph, paragraph)
        if not tail:
            break
        paragraph = paragraph[: len(paragraph) - len(tail)].rstrip()
    return paragraph


def _split_opening(opening: str, after: str, *, short: bool = False) -> int:
    """Where the story starts inside an opening paragraph taken as chatter (one line; `after`: the answer after it),
    or 0. `short`: of a paragraph not taken as chatter, whose sentences before the story must each be short and hand
    the story over or be in the assistant's register."""
    if "\n" in opening.strip():
        return 0
    ends = sorted(
        {found.end() for pattern in (_SENTENCE_END, _COLON_THEN_TOLD, _PICTOGRAPH_END) for found in pattern.finditer(opening)}
    )
    measure = asides.model()
    # (of an answer of one paragraph, the story's part is without the chatter on its last line: "...He tipped his hat
    # to her. Let me know if you'd like a sequel where those two meet again. 🏃")
    told = opening if after else _without_closing_tails(opening)
    for end in ends:
        start = _SIGNS_BEFORE.match(opening, end).end()  # type: ignore[union-attr]  # ("as requested. 💥 The envelope...")
        head, rest = opening[:end], told[start:].strip()
        if len(rest.split()) < SPLIT_WORDS or not _TOLD_SENTENCE.match(rest) or _SETS_THE_SCENE.match(rest):
            continue
        lowered = rest.lower().replace("’", "'")
        # (after a head that hands one story over, only the story's first sentence is asked: a long story of one
        # paragraph says "words" or "at length" of its own somewhere; the measure below weighs every sentence)
        handed = short and (_hands_one_over(head) or _pitch_ended_by_pictograph(head, opening[end:start]))
        asked = _sentences_of(lowered)[0] if handed else lowered
        # (after such a head, a word a story may use of its own events too, "scanned the scene", asks its first
        # sentence to lean clearly the story's way)
        text_words = _TEXT_WORDS.search(asked) is not None
        if _TEXT_TALK.search(asked) or (text_words and not handed) or _EMOJI.search(rest):
            continue
        # (its "I" is the narrator's, its "you" the hero's: not the maker's "I wanted the heat to be almost physically
        # uncomfortable to read." before a story told to "you")
        story = rest + "\n\n" + _without_closing_chatter(after)
        if not set(_ASSISTANT_WORD.findall(prose.narration(lowered))) <= _storys_own_words(story):
            continue
        narrator_i = asides.narrator_says_i(prose.narration(story))
        scores = [measure.score(sentence, narrator_i) for sentence in asides.sentences(prose.narration(rest))]
        # (after a head that hands one story over, the rest need only hold no sentence the measure weighs as the
        # writer's: "Creepy little twist coming up. The new tenant...", and its first sentence lean the story's way at
        # all: "Sure — a fast, brutal one. The gates break at dawn and Vessa is already moving.", -0.7)
        bar = 0 if handed and not text_words else SPLIT_BAR
        if not scores or scores[0] >= bar or max(scores) >= (measure.threshold if handed else 0):
            continue
        if _in_assistant_register(rest, after, opening=True) or not (
            handed or _in_assistant_register(head, rest + after, opening=True)
        ):
            continue
        if short and any(
            len(said.split()) > HANDOVER_WORDS
            or not (_hands_over(said.lower()) or _pictograph_of_its_own(said) or _EXCLAIMED.fullmatch(said.strip())
                    or _in_assistant_register(said, rest + after, opening=True))
            for said in _SENTENCE_SPLIT.split(head.strip())
        ):
            return 0  # (a longer head holds the same sentence)
        return start
    return 0


# (the thirty-third round) A pitch ended by a pictograph, the story on its line after it: "Horror with a wink 😄 — Gerald
# noticed on Monday...", "Here's a breathless chase through the port! 🏃 Nadia hit the quay...", "Arr! A silly little
# pirate tale for you 🏴‍☠️ Captain Redbeard's crew..." (a story's narration holds no pictograph: meta_talk rejects
# one). A few words, the pictograph at their end or in the signs after them; a word exclaimed alone before it ("Arr!").
PICTOGRAPH_PITCH_WORDS = 12
_EXCLAIMED = re.compile(r"[^\W\d_]+!")


def _pitch_ended_by_pictograph(head: str, signs: str) -> bool:
    """Whether `head` (the answer's opening before the story, `signs` the marks between them) is a short pitch whose
    last sentence ends on a pictograph."""
    last = _SENTENCE_SPLIT.split(head.strip())[-1]
    ending = (last + signs).rstrip(" \t—–-\ufe0f\u200d")
    return (
        len(head.split()) <= PICTOGRAPH_PITCH_WORDS and len(last.split()) >= 2
        and bool(ending) and _EMOJI.match(ending[-1]) is not None
    )


# A first sentence that hands the story over or pitches it, with the story on the same line: "Sure — here it is. I was
# the first one awake...", "Quick and punchy, as asked. The star was eating itself.", "Romance, but with a ticking
# clock. The rain hit...", "Enjoy — the last line is where it turns. For six years..." (not a narrator's "Here it is,
# then, the one you asked for, and don't blame me").
_PITCH = re.compile(
    r"\s*(?:(?:sure|okay|ok|right|alright|all right)\b[ \t,!.]*(?:[—–-][ \t]*)?)?"
    r"(?:here it is|[^\n.!?]{1,40}?,? " + _AS_ASKED + r"|enjoy\b[^\n.!?]{0,60}|(?:buckle up|hold on tight|strap in|brace yourselves?)\b[^\n.!?]{0,40}"
    # (the thirty-fourth round) "Cold, close and tactile: here's your station.", "Fog-grey and unresolved: a mystery that
    # prefers to stay one.", "Misty and unhurried. Here you go.", "Full throttle from the first line."
    r"|[^\n.!?:]{1,60}: (?:here(?:'s| is) (?:your|the) [^\n.!?:]{1,40}|an? (?:[\w-]+ ){0,3}(?:mystery|romance|thriller|tale"
    r"|story|horror|fantasy|adventure)\b[^\n.!?:]{0,60})|[^\n.!?:]{1,40}[.!] here you go|[^\n.!?:]{0,40}\bfrom the (?:first"
    r"|opening) line"
    r"|(?:an? )?(?:romance|mystery|horror|thriller|fantasy|sci-fi|adventure)(?: story| tale)?,? (?:but|with|and) "
    # (its pictographs too: "Buckle up! 🚀 The star goes first...")
    r"[^\n.!?]{1,40})[.!:][ \t]+(?:[" + prose.PICTOGRAPHS + r"\ufe0f\u200d]+[ \t]+)?"
    r"(?=[\"“A-Z][^\n]{80})",  # (the story's own line goes on: not "Buckle up.", a title)
    re.IGNORECASE,
)


def clean(raw: str, prompt: str = "") -> Cleaned:
    """The story of `raw` and the chatter around it; with the `prompt` it answers, the prompt said again before a colon
    or a spaced dash on the story's first line is the maker's too ("A dead cartographer's map leads to a hidden city:
    You unfold...")."""
    cleaned = _without_readings_of_the_brief(_clean(raw), prompt)
    head = _brief_head(cleaned.text, prompt)
    if not head:
        return cleaned
    preamble = "\n".join(part for part in (cleaned.preamble, cleaned.text[:head].strip()) if part)
    return Cleaned(text=cleaned.text[head:].lstrip(), preamble=preamble, postamble=cleaned.postamble)


# (the fiftieth round) The maker saying how it read the brief, in the prompt's own words quoted: 'I took "vanish"
# literally: no bodies, no explanations.', 'I read "hidden source" as a family secret as much as a place.' (a story's
# narrator may read a sign so, 'I took "Keep Out" as an invitation', but not in the words of the brief it answers or of
# the catalog's style instructions).
_READS_THE_BRIEF = re.compile(
    r"[^\w\n]*i (?:took|read|interpreted|treated|played|understood|approached|framed|went with|ran with|leaned into)"
    r" (?:the (?:prompt's |brief's )?(?:words? |phrase |idea of )?)?[\"“‘]([^\"“”‘’\n]{2,60})[\"”’]",
    re.IGNORECASE,
)
BRIEF_READING_CHARS = 300


def _reads_the_brief(paragraph: str, prompt: str) -> bool:
    found = _READS_THE_BRIEF.match(paragraph)
    if found is None or "\n" in paragraph.strip() or len(paragraph) > BRIEF_READING_CHARS:
        return False
    quoted = _words(found.group(1))
    # (the fifty-first round: or in a style instruction's, 'I took "first person" to mean the gravedigger tells it')
    return bool(quoted) and (
        _said_within(quoted, _words(prompt)) or any(_said_within(quoted, style.split()) for style in talk.STYLE_PHRASES)
    )


def _words(text: str) -> list[str]:
    return prose.WORD.findall(prose.lowered(text))


def _said_within(words: list[str], other: list[str]) -> bool:
    """Whether `words` run, in their order and unbroken, inside `other`."""
    return f" {' '.join(words)} " in f" {' '.join(other)} "


def _without_readings_of_the_brief(cleaned: Cleaned, prompt: str) -> Cleaned:
    """`cleaned` with a first or last paragraph that says how the maker read the brief taken off, to its chatter."""
    paragraphs = cleaned.text.split("\n\n")
    if not prompt or len(paragraphs) < 2:
        return cleaned
    preamble, postamble = cleaned.preamble, cleaned.postamble
    if _reads_the_brief(paragraphs[0], prompt):
        preamble = "\n".join(part for part in (preamble, paragraphs.pop(0).strip()) if part)
        if len(paragraphs) >= 2 and _RULE.match(paragraphs[0]):  # ...and the rule under it
            preamble = "\n".join((preamble, paragraphs.pop(0).strip()))
    if len(paragraphs) >= 2 and _reads_the_brief(paragraphs[-1], prompt):
        postamble = "\n".join(part for part in (paragraphs.pop().strip(), postamble) if part)
        if len(paragraphs) >= 2 and _RULE.match(paragraphs[-1]):  # ...and the rule over it
            postamble = "\n".join((paragraphs.pop().strip(), postamble))
    text = "\n\n".join(paragraphs).strip()
    if len(text) < FRAGMENT_CHARS:
        return cleaned
    return Cleaned(text=text, preamble=preamble, postamble=postamble)


# The story's first line up to a colon or a spaced dash with the story going on after it on its line ("...: You unfold
# the map"), or ending the line.
_HEAD_TO_COLON = re.compile(r"[^\n:\"“]{10,240}?(?::|[ \t][—–])(?:[ \t]+(?=[\"“A-Z])|[ \t]*\n)")
# The most words a head may say besides the prompt's ("..., with a haunting tone:")
BRIEF_HEAD_EXTRA_WORDS = 6


def _brief_head(text: str, prompt: str) -> int:
    """Where the story starts after the prompt said again at its start, the prompt's words in their order with a few
    more at most, or 0."""
    found = _HEAD_TO_COLON.match(text) if prompt else None
    if found is None:
        return 0
    prompt_words = _words(prompt)
    head_words = _words(found.group())
    said = _said_within(prompt_words, head_words)
    return found.end() if said and len(prompt_words) >= 3 and len(head_words) <= len(prompt_words) + BRIEF_HEAD_EXTRA_WORDS else 0


def _clean(raw: str) -> Cleaned:
    text = (raw or "").replace("\r\n", "\n").strip()
    preamble_parts: list[str] = []
    # The opening: chatter, then a title and/or a rule, in any order, a few lines at most.
    measured = False  # the register measure takes one opening paragraph at most
    for _ in range(4):
        colon = _colon_handover(text)
        match = None if colon else (
            _CHATTY_OPENER.match(text) or _TITLE.match(text) or _RULE.match(text) or _named_opener(text)
            or _PITCH.match(text)
        )
        if match is not None and (_narrators_choice(text, match.end()) or _first_entry(text, match)):
            match = None
        split = bool(colon)  # (where the story starts on its line is found already)
        if colon:
            end = colon  # (the story goes on on its line: the rest of the paragraph is not weighed again)
            measured = True
        elif match is not None and match.re is _PITCH:
            end = match.end()  # (the story goes on on its line: nothing after the pitch is the maker's)
        elif match is not None:
            end = _story_in_opener(text[: match.end()], text[match.end() :])
            # (an opener that ends inside its paragraph takes the rest of it too when that is the assistant's: "Here's
            # my attempt. The narrator documents the awakening from the outside, which sets up the turn at the end.")
            # (not for the opener's own notes when the story found on its line opens with its "I" or "you": "Here you go,
            # written in the first person as you asked. I did not want an army.")
            persons = end < match.end() and _ASSISTANT_WORD.search(text[end : match.end()].lower()) is not None
            paragraph_end = text.find("\n\n", end)
            if 0 < end < paragraph_end and text[end - 1] != "\n":
                whole, after_it = text[:paragraph_end], text[paragraph_end:]
                # (...unless the line goes on with a line of speech after a handover: the story's)
                spoken = _speech_after_handover(whole, after_it)
                if spoken:
                    end = spoken
                elif _in_assistant_register(text[end:paragraph_end], after_it, opening=True) or (
                    not persons and _notes_the_making(whole, after_it)
                ):
                    end = paragraph_end
        else:
            # ...or a first paragraph of labels, a sign with a pictograph, or one in the assistant's register
            paragraphs = prose.PARAGRAPH_BREAK.split(text, maxsplit=1)
            if len(paragraphs) < 2:
                # (an answer of one paragraph: only a short handover on its first line, "Sure, a cozy one with a wink.
                # I have been a pawnbroker for thirty-one years...")
                # (a paragraph of lines, a line to each speaker, weighed as one line: the story's part is all its lines,
                # not the first line's speech alone; a space for each line break keeps every position where it was)
                end = _split_opening(text.replace("\n", " "), "", short=True) if _short_handover(text) else 0
                if not end or _told_as_said(text[:end]):
                    break
                preamble_parts.append(text[:end].strip())
                text = text[end:].strip()
                break
            first, after = paragraphs
            sign = _is_opening_sign(first)
            shaped = (
                sign or _is_label_paragraph(first, after) or bool(_STORYTELLER.fullmatch(first))
                # a letter's salutation to the user before chatter: "Dear reader,\n\nThank you for this prompt..."
                or bool(_GREETING.fullmatch(first) and (_CHATTY_OPENER.match(after) or _CHATTER.match(after)))
                # another title offered in brackets: '(alt: "The Pudding Problem")'
                or bool(_ALT_TITLE.fullmatch(first))
                # a roleplaying assistant's stage direction and its words: "*settles in at the keyboard* Alright..."
                or bool(_STAGE_DIRECTION.fullmatch(first))
                # ...and the persona's call after a stage direction alone: "*strums a battered lute*" / "Gather
                # 'round, friend! A tale of steel and scale!"
                or bool(preamble_parts and _ACTED.fullmatch(preamble_parts[-1]) and _PERSONA_CALL.fullmatch(first))
                # ...and the notes an opening promised before the story: "Before the story, a quick word on what I was
                # going for.\n\nThe void is hard to make vivid, so I tried...", and the maker's "I" in the next ones ("I
                # also wanted the pact to cost something concrete") before a story told without "I"
                or _promised_notes(preamble_parts, first, after)
                or bool(":" not in first and len(first) <= LONG_EDGE_CHARS and _NOTES_FIRST.search(first))
                # ...and an opening that hands over what the maker made, whoever says "I" in the story: "I'll be honest, I
                # had a storm in mind. Here's what I came up with:", "...so I wrote it from inside her head. Here it is:"
                or _hands_over_the_making(first)
                # ...and a short opening that ends on the assistant's go-ahead: "A steamy little jungle scene, heavy on
                # texture. Enjoy!", "Alright — a heist, a chatty crown, and a sting at the end. Let's go."
                or bool(len(first) <= LONG_EDGE_CHARS and _GO_AHEAD.search(first))
                # ...and a short line before the story's title set in markup: "A haunting little mystery, left slightly
                # open at the end.\n\n**The Lamp at Skerry Head**\n\nWhen the storm..." (no story of the tune half
                # opens on a line before its own title)
                or _before_a_marked_title(first, after)
            )
            aside = not shaped and (not measured or _announces(first, after)) and (
                _in_assistant_register(first, after, opening=True) or _notes_the_making(first, after)
            )
            measured = measured or not shaped
            end = len(first) if shaped or aside else 0
            if end and not sign:
                # (a line of speech after the handover on its line is the story's: 'Sure! This one's told mostly through
                # the campers talking. "Did you hear that?"')
                end = _speech_after_handover(first, after) or end
            if sign:
                end = _story_in_opener(first)  # "Strap in! 🚀 The star was coming apart." keeps its story
            elif not end and _handed_over_whole(first, after):
                end = len(first)
            elif not end and _short_handover(first):
                # (an opening paragraph that is the story's but for its first sentences, short ones that hand it over:
                # "Okay, this one gets dark. Dev bought the camera at an estate sale for eight dollars...")
                end = _split_opening(first, after, short=True) or _speech_after_handover(first, after)
                split = True
        if end and not split:
            end = _split_opening(text[:end], text[end:]) or end
        if not end:
            break
        rest = text[end:].strip()
        if not rest:
            # Nothing after it: an answer that is only chatter (or only a title) stays as it is, for
            # the scorer to reject as it stands.
            break
        if not preamble_parts and _quoted_back(text[:end], rest):
            break  # the story's first word, which its next sentence speaks of: "Sure.\n\nThat was the first thing..."
        if _told_as_said(text[:end]):
            break  # a character's words without quotation marks: "Here you go, the broker says, and presses a vial..."
        if _ASSENT_ALONE.fullmatch(text[:end].strip()) and _opens_on_said_words(rest):
            break  # ...and an assent whose next sentence closes on its teller: "Okay. Here goes nothing, Mara thought."
        preamble_parts.append(text[:end].strip())
        text = rest
    postamble_parts: list[str] = []
    measured = False  # and one closing paragraph
    for _ in range(6):
        paragraphs = prose.PARAGRAPH_BREAK.split(text)
        # Notes set off by a rule, under a heading or a bold label ("---" / "### A few notes" / "- **Voice:** ...")
        noted = _notes_after_rule(paragraphs)
        if noted:
            postamble_parts.insert(0, "\n\n".join(part.strip() for part in paragraphs[-noted + 1 :]))
            text = "\n\n".join(paragraphs[:-noted]).rstrip()
            continue
        last = paragraphs[-1]
        # A roleplaying assistant's stage direction near the end ("*leans back as the fire pops*", "*tips hat*"), and
        # all after it; a valediction signed under chatter ("Thank you for the prompt...\n\nKind regards,\nAria").
        count = _stage_direction_from_end(paragraphs) or _assistant_signed(paragraphs)
        if count:
            postamble_parts.insert(0, "\n\n".join(part.strip() for part in paragraphs[-count:]))
            text = "\n\n".join(paragraphs[:-count]).rstrip()
            continue
        if len(paragraphs) > 1 and _written_in_the_story(last, paragraphs[-2]):
            break
        # ...and the maker's remark on the made story set on the line under the story's last line, no blank line between
        # ("...and began to plan the walk out.\nI had the pilot survive by local knowledge, so finding the water feels earned.")
        lines = last.rstrip().split("\n")
        if len(lines) > 1 and _remarks_on_the_craft(lines[-1], above := text.rstrip()[: -len(lines[-1])].rstrip()):
            postamble_parts.insert(0, lines[-1].strip())
            text = above
            continue
        if len(paragraphs) > 1:
            story = "\n\n".join(paragraphs[:-1])
            # The maker's word on the story's people with no offer after it: "Kit's escape lasts exactly one ferry
            # ride, and the captain gets the last move." (_maker_on_its_people)
            if _maker_on_its_people(last.strip(), story):
                postamble_parts.insert(0, last.strip())
                text = story.rstrip()
                continue
            shaped = bool(
                _RULE.match(last)
                or _is_label_paragraph(last, story)
                or _is_chatter_paragraph(last, story)
                or _after_rule(paragraphs)
                # the maker's reason for a choice of character, after a story told without "I": "I made her a primary
                # school teacher so her moment of courage could echo something she's said to children"
                or (_MAKERS_REASON.match(last) is not None and not _says_i(prose.narration(story)))
                # the maker's remark on the made story, with no offer: "I gave the narrator a prickly voice so the rivalry
                # stays funny.", "The payoff is the deflated discovery, and the bickering keeps the humour warm."
                or _remarks_on_the_craft(last, story)

                # the line that introduced notes already taken off one by one
                or (bool(postamble_parts) and (_notes_line(last) or _comments_on_the_text(last)))
                # ...or a parting left before it ("Cheers." before "Shout if you'd like it trimmed."), or alone after a
                # story with no teller and no "you" of its own to say it ("Enjoy!", "Sweet dreams!"; the fiftieth round)
                or (_PARTING.fullmatch(last.strip()) is not None and last.lstrip()[:1] not in "\"“'‘"
                    and (bool(postamble_parts) or _TO_THE_READER.search(last) is not None or not _persons(story)[1]))
                # a line or two of the maker's note on its craft, alone: "Done. Short sentences to keep the pace up."
                or _closing_note(last, story)
                # notes in a list of their own: "• Twist: the city is unbuilt.\n• I kept the prose plain."
                or _notes_list(last)
                # a note under a bold label of the craft: "**Why this twist:** the contract is a test..."
                or _BOLD_NOTE.match(last) is not None
            )
            if shaped or (not measured and _in_assistant_register(last, story)):
                measured = measured or not shaped
                # ...unless only its last sentences are: "...snoring not five minutes ago. Hope that gave you a
                # chill. I can extend it if you want!" keeps the story's sentences before them.
                tail = _tail_chatter(last, text)
                if not tail and not _chatter_inside_a_sentence(last, story):
                    tail = _register_tail(last, story)
                head = last[: len(last) - len(tail)]
                # ...the whole paragraph when its one sentence before them speaks of the story's people in the
                # present (_PEOPLE_NOW), or when its sentences before them are the maker's too (_maker_before_its_offer)
                if tail and (
                    (not _last_sentence(head) and _its_people_now(head.strip(), story))
                    or _maker_before_its_offer(head, story)
                ):
                    postamble_parts.insert(0, last.strip())
                    text = story.rstrip()
                    continue
                # ...with the sentences just before it that explain the story ("The twist is that..."), or (the forty-first
                # round) that are the maker's words before its offer, one at a time (_maker_before_its_offer: "...lay awake
                # until dawn. I went heavy on the sounds of the house to keep it intimate. Let me know...")
                while tail and (cut := _last_sentence(head)) and (
                    _comments_on_the_text(cut) or _makers_verdict(cut) or _maker_before_its_offer(cut, story)
                ):
                    tail = head[len(head) - len(cut) :] + tail
                    head = head[: len(head) - len(cut)]
                # (a casual assistant's paragraph in lowercase is its own whole: "wait actually it's less dark than
                # i said?? idk. lmk what u think")
                if tail and _plain_telling(head, story) and not _casual(last):
                    postamble_parts.insert(0, tail.strip())
                    text = text[: len(text) - len(tail)].rstrip()
                    continue
                # ...and a paragraph whose chatter the story goes on after ("*Not sure this ending is haunting
                # enough, let me know.* The light at Saltrock still burns."), or that breaks into a sentence of the
                # story's ("...and that's the last thing I remember (I went with an open ending, but can write a
                # resolution if you'd like)."), is meta-talk inside the story, left for the scorer: cutting it would
                # take the story's last lines with it.
                if not tail and (_story_after_chatter(last, story) or _chatter_inside_a_sentence(last, story)):
                    break
                # ...and a paragraph whose first sentences lean clearly to the story's side keeps them: "The hammer
                # never fell. That's the full story; I went for a last-second save, but I can give it a darker twist."
                kept = _story_before_chatter(last, story) or _story_lines_before_chatter(last, story)
                if kept:
                    postamble_parts.insert(0, last[kept:].strip())
                    text = text[: len(text) - len(last) + kept].rstrip()
                    continue
                postamble_parts.insert(0, last.strip())
                text = "\n\n".join(paragraphs[:-1]).rstrip()
                continue
        # Options or titles offered in a list after the story ("If you'd like, I could:" / "1. Continue with..."),
        # or notes introduced in the assistant's voice ("A few notes on the choices I made:" and what follows).
        offered = _offered_list(paragraphs) or _introduced_notes(paragraphs)
        if offered:
            postamble_parts.insert(0, "\n\n".join(part.strip() for part in paragraphs[-offered:]))
            text = "\n\n".join(paragraphs[:-offered]).rstrip()
            continue
        if len(paragraphs) > 1 and _RULE.fullmatch(paragraphs[-1].strip() + "\n"):
            text = "\n\n".join(paragraphs[:-1]).rstrip()
            continue
        # Chatter tacked on to the last paragraph: "...she smiled. I hope you enjoyed it!"
        tail = _closing_tail(last, text)
        if tail and len(tail) < len(last):
            head = last[: len(last) - len(tail)]
            before = "\n\n".join(paragraphs[:-1])  # (the story's paragraphs before this one, when it has any)
            if len(paragraphs) > 1 and (_moral(head, text) or _maker_before_its_offer(head, before)):
                tail = last  # ...with the moral before it, or the maker's words (_maker_before_its_offer)
            elif (cut := _last_sentence(head) or head) and (
                _makers_verdict(cut) or _meta_phrase_sentence(cut)
                # (the head one sentence on the story's people: _PEOPLE_NOW)
                or (cut is head and len(paragraphs) > 1 and _its_people_now(head.strip(), before))
                or (_MAKERS_AIM.match(cut) and not _says_i(prose.narration(text[: len(text) - len(tail) - len(cut)])))
            ):
                # ...with the maker's verdict before it, or what the maker wanted of a story told without "I": "...went to
                # find out whether Tom was still alive. I wanted her torn between grief and gratitude rather than simple
                # regret. Let me know if you'd like the reunion!"
                tail = head[len(head) - len(cut) :] + tail
            postamble_parts.insert(0, last[len(last) - len(tail) :].strip())
            text = text[: len(text) - len(tail)].rstrip()
            continue
        break
    # A rule left between the story and removed chatter.
    while True:
        paragraphs = prose.PARAGRAPH_BREAK.split(text)
        if len(paragraphs) > 1 and _RULE.match(paragraphs[-1].strip()):
            text = "\n\n".join(paragraphs[:-1]).rstrip()
            continue
        break
    return Cleaned(text=text, preamble="\n".join(preamble_parts), postamble="\n\n".join(postamble_parts))


# --- the assistant's register, measured --------------------------------------------------------------------
# What any chat model's wrapper says, however it words it: it speaks of the text as a made thing (its genre,
# tone, style, person, length, title, "this one", "here it is"), in the assistant's own voice ("I chose", "I'd
# be happy to", "let's go") or to the user ("you asked", "your prompt"), often with a pictograph or a label.
# A story's first or last paragraph may do one of these; a wrapper does two. Measured on the paragraph's
# narration (quoted speech is the story's), and against the story: in a first-person story "I" is the
# narrator's, in a second-person one "you" is the hero.
#
# Words about a made text that a story hardly uses of itself ("first person", "this one", "here it is"), and
# words it may use ("a story", "she wrote", "the ending", "the tone"): the second kind counts only with the
# assistant's voice.
_TEXT_TALK = re.compile(
    r"\b(?:genre|pov|point of view|(?:first|second|third)[ -]person|word count|\d+ words|prompts?"
    # the grammar's tense, not the adjective ("a tense quiet"): "present tense", "tense shifts", "in the same tense."
    r"|(?:present|past|future)[ -]tense|tense (?:shifts?|switch(?:es)?|changes?)"
    r"|(?:in|same|the|on|of|my|one|every) tense(?=[.,;:!?)]|\s*$)"
    r"|pacing|drabble|flash fiction|this one|fun one|here it is|here you are|here you go|(?:piece|story|tale|scene) below"
    r"|title (?:ideas?|suggestions?|options?)|(?:possible|alternative|alternate|alt|other) titles?"
    r"|coming up|as asked|you asked|requested|your (?:prompt|request|brief)"
    r"|requirements|companion piece|content (?:warning|note)|challenge accepted|sensory details?"
    r"|dialogue-(?:driven|heavy|led)|sequel|follow-up|cameo|on purpose|reading time|\d+ characters|epistolary"
    r"|read-aloud|best read|(?:all |what )?the story is (?:really )?about|here(?:'s| is) (?:a|an|my|one)\b[^.!?\n]{0,60}?\b(?:story|tale|piece|one))\b"
)
_TEXT_WORDS = re.compile(
    r"\b(?:stor(?:y|ies)|piece|tale|scene|version|draft|titles?|words|ending|twist|tone|style|dialogue|narrative|narration"
    r"|chapter|part two|second part|length|prose|register|enjoy|written|write|wrote|writing|approach(?:ed)?|hook"
    r"|the reader|readers|revise|adjust|expand(?:ed)?|rewrite|rather than|sentences|paragraphs|keep going|continue"
    r"|notes|choices|(?:first|last|final|opening|closing) line|deliberately|yarn)\b"
)
# The user addressed as the one who asked: "you asked", "your prompt", "if you'd like", "should you wish".
_USER_ASKED = re.compile(
    r"\b(?:you (?:asked|wanted|requested|mentioned|prefer|like|want|'d like|would like|wish|didn't mention|had in mind)"
    r"|you(?:'d| would) (?:take|want|prefer)"
    r"|your (?:prompt|request|brief|requirements)|for you|if you|should you|would you|do you|want me)\b"
)
_ASSISTANT_I = re.compile(
    r"\b(?:i(?:'ve| have)? (?:built|planted|chose|wanted|kept|left|tried|aimed|went|made|gave|used|decided"
    r"|opted|leaned|focused|added|cut|ended|stuck|gone|written|approached|trust|think|hope|may have|let|took"
    r"|couldn't resist|told|put|framed|wrote (?:this|it)(?= (?:as|in|from|with|almost|entirely|mostly|for you|so)\b))|i'm (?:happy|glad|curious)|i'd (?:be|probably|love)|i would be|i can|i could"
    # "I'll take this one slowly and lean into the forge itself", "I'll give this one a dreamlike quality"
    r"|i'll (?:take|keep|lean|go|try|aim|write|drop|stick|tell|give))\b"
)
# The assistant's voice with no "I" a narrator could own: "let's go", "happy to", "tell me if...", "kept it short".
_ASSISTANT_OWN = re.compile(
    r"\b(?:let's (?:go|begin|dive)|let me (?:set|paint) the scene|before we (?:begin|start|dive in)|" + _LET_ME_KNOW + r"|happy to|glad to|tell me (?:if|which|what|whether)|say the word\b"
    # ("kept it" with no one but "I" before it, at most a mark: not "Dagny Rusk had kept it alive", the fifty-first round)
    r"|should i|shall i|(?:^|(?<=[^\w\s] )|(?<=\bi ))kept it\b|^to me[,:]|apologies if|sorry if"
    # the maker's "tried to" without its "I": "Tried to give it an old-fashioned, yarn-spinning feel."
    r"|^tried to (?:give|make|keep|capture|evoke|get) (?:it|this)\b)"
)
# The maker saying how it made the text, whoever says "I" in the story. Before the story: "I've written this as the
# queen's own confession", "I'll tell this one from the necromancer's own mouth" (no story of the corpus opens on one;
# after the story, a narrator may say it: "I have told it as if he were someone else"; and a narrator's "I'll tell it
# in order" says "it"). Before or after it: "I tried to make this feel like a real night shift", "I went for a compact,
# Golden Age feel." (no story of the corpus holds one).
_SENTENCE_OPENS = r"(?:^|(?<=[.!?] ))"
_MAKER_SAYS_AS = re.compile(
    _SENTENCE_OPENS + r"(?:i've |i have |i )(?:written|told|framed|pitched|shaped|set) (?:this|it) (?:as(?! if| though)"
    r"|in|from)\b|" + _SENTENCE_OPENS + r"i(?:'ll| will) (?:tell|write|narrate) this(?: one)? (?:from|as|in|through)\b"
)
# (the twenty-fifth round; a pattern of its own, searched only when its hints are there)
_MAKER_SAYS_MORE = re.compile(
    # "I pictured this one from the farmer's side of the barn door", "I worked this from the nurse's own perspective",
    # "I had a lot of fun with this one.", "I kept circling one question while writing this", "So this is told by her."
    r"\bi (?:pictured|worked|imagined|approached) this(?: one)? (?:from|through)\b"
    r"|\bi had (?:a lot of |so much |great |real )?fun with this(?: one)?\b|\bwhile writing this\b"
    r"|\bso this(?: one)? is told (?:by|from|through)\b"
    # "...so I leaned into that.", "I leaned into the hacker's voice here" (not a narrator's "I leaned into that kiss")
    r"|\bso i leaned into (?:that|it)[.!]|\bi leaned into (?:that|this|the) [^.!?\n]{0,40}?\b(?:here|feeling|voice|tone"
    r"|angle)\b|\bhere's where i landed\b"
)
_MAKER_AIMED = re.compile(
    _SENTENCE_OPENS + r"i (?:tried|wanted) to (?:make|give|keep|get) (?:this|it)\b"
    r"|" + _SENTENCE_OPENS + r"i (?:went|aimed|opted) for an? [^.!?\n]{0,40}\b(?:tone|feel|vibe|register|mood|approach"
    r"|angle)\b"
)
_MAKER_AIMED_MORE = re.compile(
    # "I kept Daniel offstage on purpose", "I went epistolary here because...", "I used journal entries to keep it
    # immediate", "_Hope that strikes the right balance between grim and silly!_"
    _SENTENCE_OPENS + r"i kept [^.!?\n]{1,30}? (?:offstage|offscreen|off-page|off the page)\b"
    r"|" + _SENTENCE_OPENS + r"i (?:went epistolary|used (?:journal|diary) entries)\b"
    r"|" + _SENTENCE_OPENS + r"[_*]*hope (?:that|this|it) (?:strikes|hits|lands|captures)\b"
)
# (no story of the corpus ends its first paragraph on one; "Here we go." and "Off we go." may be a narrator's)
_GO_AHEAD = re.compile(
    r"(?:^|[.!?]\s+)(?:enjoy|let's go|let's see|let's begin|let's dive in|let's get started"
    # (the thirty-fourth round) "Dark fantasy with a wink. I hope this lands!"
    # (not "I hope it works." nor "I hope it lands.": a narrator's of the roof or of the plane)
    r"|(?:i )?hope (?:this (?:lands|hits|delivers)|you enjoy(?: it| this)?)(?: for you)?)[.!]*\s*$",
    re.IGNORECASE,
)
_MAKER_SAYS_AS_HINTS = (" this ", " it ")
_MAKER_SAYS_MORE_HINTS = ("i pictured this", "i worked this", "i imagined this", "i approached this", "fun with this",
                          "writing this", "is told", "leaned into", "where i landed")
_MAKER_AIMED_HINTS = ("i tried to ", "i wanted to ", "i went for ", "i aimed for ", "i opted for ")
_MAKER_AIMED_MORE_HINTS = ("offstage", "offscreen", "off-page", "off the page", "epistolary", " entries", "hope ")
# Each: whether it is asked of an opening only, the words it needs (looked up before it), the pattern.
_MAKERS_SENTENCES = (
    (True, _MAKER_SAYS_AS_HINTS, _MAKER_SAYS_AS),
    (True, _MAKER_SAYS_MORE_HINTS, _MAKER_SAYS_MORE),
    (False, _MAKER_AIMED_HINTS, _MAKER_AIMED),
    (False, _MAKER_AIMED_MORE_HINTS, _MAKER_AIMED_MORE),
)
_WE = re.compile(r"\b(?:we|us|our)\b")
NARRATOR_WE = talk.NARRATOR_WE
_ASSENT_SENTENCE = re.compile(r"[^\w]*(?:" + _ASSENT + r"|ha|haha|ooh|oh|wow)(?: thing)?(?:[!.,]| [—–])")
_USER_YOU = re.compile(r"\byou(?:'d|'ll|'re|r|rs)?\b")
_YOU_WORDS = frozenset(("you", "you'd", "you'll", "you're"))
# (the forty-ninth round) The assistant's choice said as an assent: "Gentle humour it is.", "Second person it is!"
_CHOSEN = re.compile(r"[^\w]*(?:[\w'-]+,? ){1,3}it is[.!]")
# ...and what the text is like, in a phrase (not a listener told to sit: "Sit, and keep your fingers off the tongs."):
# "A healer, a forest, and plenty of texture.", "Fast, action-heavy, one engineer against the clock."
_DESCRIBED = re.compile(r"[^\w]*(?:(?:an?|one|some|plenty of|lots of)\b|[\w-]+, (?!and\b|then\b|but\b|or\b))", re.IGNORECASE)
_FOR_YOU = re.compile(r"[^\w]*(?:an?|one|some) (?:[\w,'-]+ ){0,5}for you[.!:]\s*")
_SAID_TO_SOMEONE = frozenset(("you asked", "as asked", "here it is", "here you are", "here you go"))
# One word of each of those two patterns' terms (its rarest), and the few terms made only of common words: a
# paragraph that holds none of them cannot match, and a set lookup and a few `in` tests are far cheaper than the
# regex on the story paragraphs that hold none (a test checks that the two agree).
_TRIGGER = re.compile("|".join(pattern.pattern for pattern in (_TEXT_TALK, _ASSISTANT_OWN)))
TRIGGER_WORDS = frozenset(
    """genre pov view person first-person second-person third-person tense count words prompt prompts pacing drabble
    fiction below coming asked requested requirements companion content accepted sensory detail details
    dialogue-driven dialogue-heavy dialogue-led sequel follow-up cameo purpose reading characters epistolary
    read-aloud best let's happy glad tell word
    should shall kept request brief go ideas idea suggestion suggestions options option possible alternative
    titles title apologies sorry tried""".split()
)
_I_WORDS = frozenset(("i", "i've", "i'd", "i'm", "i'll"))
TRIGGER_PHRASES = (
    "here's a", "here's an", "here's my", "here's one", "here is", "this one", "fun one", "here it is", "here you are",
    "to me,", "to me:", "let me know", "the story is", "let me set", "let me paint", "before we",
)
_SPLIT_WORDS = str.maketrans({mark: " " for mark in ".,;:!?()[]\"“”‘*_…—–/"})
# Past narration ("the letter was pinned", "she turned"): a story's sentence, not a wrapper's fragment (the
# assistant's own past, "as asked", "you requested", is not narration).
_PAST_CLAUSE = re.compile(
    r"\b(?:was|were|had|said|saw|came|went|found|took|knew|thought|felt|told|began|ran|stood|sat|woke|wrote"
    r"|(?:he|she|they|it|we|i) [a-z]{3,}ed)\b"
)
# Declining: a wrapper that refuses is left for the scorer to reject ("I'm not comfortable writing...").
_DECLINES = re.compile(
    r"\b(?:not comfortable|i(?:'m| am) not (?:able|going) to|i can(?:'t|not) (?:write|create|help|produce|generate"
    r"|provide|depict)|i(?:'d| would) rather not|instead,? i (?:could|can))\b"
)
# Labels of the brief and of content notes, one to a line: "Genre: science fiction", "**POV:** third person",
# "⚠️ Content note: ...", "*Genre: thriller · Style: twist ending*".
_META_LABEL = re.compile(
    r"[^\w\n]*(?:(?:possible|suggested|alternative|working) )?(?:genre|tone|style|form|pov|point of view|length"
    r"|word count|setting|themes?|mood|prompt|title(?: suggestions?| ideas?| options?)?|rating"
    # "One-line summary: a beachcomber finds a map with her own name on it."
    r"|(?:one-line|one-sentence|quick|short|brief) summary|logline|tagline"
    r"|content (?:warning|note)|cw|tw|tags|tense|voice|audience|plan|brief|written for)\b[*_]*\s*:",
    re.IGNORECASE,
)
_GENRE_WORD = re.compile(
    r"\b(?:fantasy|sci-fi|science fiction|horror|mystery|romance|thriller|adventure|dark fantasy)\b", re.IGNORECASE
)
FRAGMENT_CHARS = 80
COLON_LINE_WORDS = 6
NAMING_WORDS = 20
_A_ONE = re.compile(r"[^\w]*(?:a|an|this) (?:\w+,? ){0,3}one\b")  # "A quiet one, mostly weather and listening."
# How a wrapper says what the text is like, in words a story's past would use: "told close on the paladin".
_TOLD_HOW = r"(?:from|close|in|through|as|entirely|fast|\w+ly)\b"
_TOLD_AS = re.compile(r"\b(?:told|written|seen) (?:by\b|" + _TOLD_HOW + ")")
# ...opening the phrase or after its comma: "Set on a bridge in autumn, told from the busker's side."
_TOLD_NAMING = re.compile(r"(?:^|, )[^\w]*(?:told|written) " + _TOLD_HOW)
# (the fiftieth round) ...or in two words or more of the text's manner, with no assent before it: "Short and tense, set
# in a London pawnshop.", "Fast and hot, with almost no pause for breath.", "Quiet, misty, and told mostly through the
# trees." (a story's first line of its own tells something, or says one such word: "Quiet, the kind that rings.")
_MANNER = (
    r"(?:short|quick|brief|fast(?:-paced)?|slow(?:-burn(?:ing)?)?|tense|quiet|eerie|gentle|punchy|breathless"
    r"|atmospheric|moody|lush|spare|creepy|cosy|cozy|bittersweet|(?:first|second|third)[- ]person|(?:present|past) tense"
    # (the fifty-first round: "Tense and tight: a locked room...", "Eerie and dreamlike, more drifting than arriving.",
    # "Slow, red-lit, and mostly silence until the very end.")
    r"|tight|dreamlike|dreamy"
    r"|mostly (?:dialogue|talk|silence|silent)|set (?:in|on|at|aboard)|told|kept|with (?:almost |next to )?no)"
)
_MANNER_WORDS = re.compile(r"\b" + _MANNER + r"\b")
# ...one of them said alone, of the text, not of a noun ("Short and tense, ...", "Something quiet and creeping, in second
# person", "A locked-room mystery, kept tense and tight."; not "Short days and tense nights, and the tower colder every
# week.")
_MANNER_SAID = re.compile(r"\b" + _MANNER + r"(?:,| and )")
MANNER_WORDS = 2
# A finite verb a phrase naming the text lacks: "A slow, atmospheric piece, told from the keeper's side." has none.
_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did|can|will|would"
    r"|(?!(?:as|his|its|this|thus|us|yes|across|perhaps|towards|besides)\b)\w+s (?:the|a|an|his|her|their)"
    r"|i|i'm|i've|i'd|he|she|they|we|he's|she's|they're|we're)\b"
)
# What makes a line ending on a colon the story's: a salutation, a name in it, or a verb of saying or being
# ("To whoever finds this:", "The voice on the phone says only this:", "...the thing Aldo has dreaded:").
_SALUTATION = re.compile(r"[^\w]*(?:to|dear|my dear|dearest)\b", re.IGNORECASE)
_NAME_INSIDE = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]")
_SAYING = re.compile(
    r"\b(?:is|was|are|were|has|had|have|says|said|asks|asked|reads|read|writes|wrote|tells|told|does|did|goes"
    r"|comes|hears|heard|sees|saw)\b"
)
LONG_EDGE_CHARS = 300


def _is_label_paragraph(paragraph: str, story: str) -> bool:
    """An edge paragraph of labels: the brief's ("Genre: ... / Tone: ..."), a content note, the answer's genre."""
    raw = paragraph.strip()
    return bool(raw) and len(story) >= FRAGMENT_CHARS and (":" in raw or raw[:1] in ">*_" or len(raw) <= 30) and (
        _labels(raw)
    )


def _is_opening_sign(first: str) -> bool:
    """A short opening paragraph with a pictograph ("Buckle up! 🏃💨"): a story's narration holds none
    (talk.meta_talk rejects one inside a story). "Book review: ... ★★★★☆" is a label, not a sign."""
    return (
        len(first) <= SIGN_OFF_CHARS
        and (":" not in first or _MODE_ON.match(first) is not None)
        and _EMOJI.search(first) is not None
    )


# "Action mode: ON. 🔥", "Spooky mode: activated 👻"
_MODE_ON = re.compile(r"[^\n:]{1,30}\bmode\s*:\s*(?:on|activated|engaged|enabled)\b", re.IGNORECASE)


def gate_tokens(lowered: str) -> set[str]:
    """The words the register measure's cheap gate looks up (without an opening quote: "'Shall I bring tea?'", and
    without a possessive: "the genre's roots")."""
    tokens = {token.lstrip("'") for token in lowered.translate(_SPLIT_WORDS).split()}
    if "'s" in lowered:
        tokens |= {token[:-2] for token in tokens if token.endswith("'s")}
    return tokens


def _labels(paragraph: str) -> bool:
    """Every line a label of the brief, or one short line in italics or a quote naming the genre."""
    lines = [line for line in paragraph.splitlines() if line.strip()]
    if lines and all(_META_LABEL.match(line) for line in lines):
        return True
    # "> *Fantasy · a homecoming*", "Thriller. Fast."
    return (
        len(lines) == 1
        and (len(paragraph) <= FRAGMENT_CHARS and paragraph.lstrip()[:1] in ">*_" or len(paragraph.split()) <= 3)
        and _GENRE_WORD.search(paragraph) is not None
    )


# A character's writing or words brought in on a colon ("he wrote:")
_WRITING_VERBS = r"wrote|writes|had written|said|says|read|reads|scrawled|typed|whispered"
_SAID_AFTER_COLON = re.compile(r"\b(?:" + _WRITING_VERBS + r")\s*:\s.*", re.DOTALL)


def _in_assistant_register(paragraph: str, story: str, *, opening: bool = False) -> bool:
    """Whether an edge paragraph of the answer is the assistant's, not the story's (`story`: the rest)."""
    raw = paragraph.strip()
    if not raw or len(story) < FRAGMENT_CHARS:
        return False
    if _opens_on_said_words(raw):
        return False  # someone's words told without quotation marks: "I hope you like it, she said, and meant it."
    if opening and "\n" not in raw and _ENDS_ON_COLON.search(raw) and _WRITTEN_WITH.search(raw):
        return False  # the story's head to what its people wrote: "Notes in the margins of the Codex, in the order of their ink:"
    lowered = raw.lower().replace("’", "'")
    if opening and (_names_the_text(lowered, raw) or (_PRAISES_PROMPT.match(lowered) and _ENDS_ON_COLON.search(raw))):
        return True
    # A long edge paragraph is the story's unless it speaks of the prompt or the request.
    if len(raw) > LONG_EDGE_CHARS and "prompt" not in lowered and "asked" not in lowered:
        return False
    if any(
        (opening or not opening_only) and any(hint in lowered for hint in hints) and pattern.search(lowered)
        for opening_only, hints, pattern in _MAKERS_SENTENCES
    ):
        return True
    # What any sentence of the register needs (a term, the assistant's own voice, a pictograph or, opening the
    # answer, a colon at the end): nearly every story's first and last paragraphs hold none of it.
    tokens = gate_tokens(lowered)
    if not (
        (
            (not TRIGGER_WORDS.isdisjoint(tokens) or any(phrase in lowered for phrase in TRIGGER_PHRASES))
            and _TRIGGER.search(lowered)
        )
        # the assistant's "I" on its making, with a word about the text ("I've tried to keep the story...")
        or (not _I_WORDS.isdisjoint(tokens) and _ASSISTANT_I.search(lowered) and _TEXT_WORDS.search(lowered))
        # ...or, opening it, after the assistant's assent ("Certainly! I'll keep it slow and atmospheric, letting the
        # greenhouse itself do a lot of the work.")
        or (opening and not _I_WORDS.isdisjoint(tokens) and _ASSENT_SENTENCE.match(lowered)
            and _ASSISTANT_I.search(lowered))
        # ...or, closing it, the user asked of the text ("Does the ending work for you, or would you prefer it darker?")
        or (not opening and not _YOU_WORDS.isdisjoint(tokens) and _USER_ASKED.search(lowered) and _TEXT_WORDS.search(lowered))
        # ...or the maker's "I" and the user's wish in one closing ("I hope the sensory bits come through the way you
        # wanted!", "If you'd like it scarier, I can drop the jokes and lean into dread.")
        or (not opening and not _YOU_WORDS.isdisjoint(tokens) and not _I_WORDS.isdisjoint(tokens)
            and _ASSISTANT_I.search(lowered) and _USER_ASKED.search(lowered))
        # ...or, opening it, a line of its own after an assent or to the user ("Sure thing. Fast, action-heavy, one
        # engineer against the clock.", "A quick, tense heist for you."): the sentences below say whose
        # (not a narrator's to a listener: "All right, Priya, the true version, since your teacher's version is boring.")
        or (opening and "\n" not in raw and len(raw) <= 2 * FRAGMENT_CHARS
            and (_ASSENT_SENTENCE.match(lowered) or _CHOSEN.match(lowered) or _FOR_YOU.fullmatch(lowered))
            and not any(_persons(_without_closing_chatter(story))))
        or _EMOJI.search(raw)
        or (opening and _ENDS_ON_COLON.search(raw))
    ):
        return False
    # (and what a character wrote or said after a colon, unquoted: "he wrote: I tried, for a long time, to...")
    narration = _SAID_AFTER_COLON.sub("", prose.narration(raw))
    if _DECLINES.search(narration) or talk.refuses(narration):
        return False
    narrator_i, hero_you = _persons(story)
    if opening and (narrator_i or hero_you):
        # the story's persons, not those of the chatter after it ("If you'd like, I can write the next scene")
        narrator_i, hero_you = _persons(_without_closing_chatter(story))
    # "Sure! I centred this one on...", "Ha, I love this one.", "Gentle humour it is.": an answer opening on the
    # assistant's assent
    chosen = opening and _CHOSEN.match(narration) is not None
    assent = chosen or (opening and _ASSENT_SENTENCE.match(narration) is not None)
    told_by_none = opening and not (narrator_i or hero_you)
    # Sentence by sentence: the paragraph is the assistant's when most of its words are in sentences of the
    # assistant's register. A story's line that names a tale or a scene sits among sentences that tell it.
    theirs = ours = 0
    last_theirs = last_named = False
    for index, sentence in enumerate(_SENTENCE_SPLIT.split(narration)):
        words = len(sentence.split())
        found = set(_TEXT_TALK.findall(sentence))
        emoji = _EMOJI.search(sentence) is not None
        # a narrator may tell someone "you asked me to set it down, so here it is", a story its reader "you will
        # want a list of suspects, so here it is"
        if (narrator_i or hero_you) and not emoji:
            found -= _SAID_TO_SOMEONE
        strong = len(found)
        if words <= 2 and not strong:
            continue  # "Heh.", "Enjoy!": counted with their neighbours
        weak = _TEXT_WORDS.search(sentence) is not None
        own = assent or _ASSISTANT_OWN.search(sentence) is not None
        mine = _ASSISTANT_I.search(sentence) is not None and not narrator_i
        # A narrator who says "I" may speak to a "you" too (a letter, a confession); a second-person story's
        # "you" is its hero.
        user = _USER_ASKED.search(sentence) is not None and not hero_you and not narrator_i
        fragment = words <= 12 and _PAST_CLAUSE.search(_TOLD_AS.sub("", sentence)) is None
        voice = own or mine or user
        if (
            (strong and (voice or emoji or fragment or weak or strong >= 2))
            or (weak and (own or emoji or mine or (user and not opening)))  # "Does the ending work for you, or...?"
            or (emoji and voice)
            or (mine and (user or own))
            # the assistant going on about the text it just named, in the present ("The little details are there
            # to make it feel ordinary.")
            or (last_theirs and _PAST_CLAUSE.search(sentence) is None)
            # (the forty-ninth round) opening it, what the text is like in a phrase with no verb, after an assent or to
            # the user ("Absolutely. A healer, a forest, and plenty of texture. Here it is.", "A quick, tense heist for
            # you."), and the assistant's choice said as one ("Gentle humour it is.")
            or (told_by_none and fragment and (assent or user) and _VERB.search(sentence) is None
                and _DESCRIBED.match(sentence) and not sentence.rstrip().endswith("?"))
            or (chosen and index == 0 and told_by_none)
        ):
            theirs += words
            last_theirs = True
        else:
            ours += words
            last_theirs = False
        last_named = last_theirs and bool(strong)
    if theirs and theirs >= ours:
        return True
    # Opening the answer and ending on a colon after words about the text: "...so this one came easily. First person,
    # as asked:"
    if opening and last_named and _ENDS_ON_COLON.search(raw) is not None:
        return True
    # Opening the answer, a line that announces what follows: "Quick, breathless, no brakes:" (a few words, or
    # words about the text: "The voice on the phone says only this:" is the story's).
    if not (
        opening
        and "\n" not in raw
        and len(raw) <= 2 * FRAGMENT_CHARS
        and _ENDS_ON_COLON.search(raw) is not None
        and not _PAST_CLAUSE.search(described := _TOLD_AS.sub("", narration))
        and not _SALUTATION.match(narration)
        and not _WHAT_THEY_DID.match(raw)
    ):
        return False
    # ("Here it is, told by the nurse herself:" says "is" handing the text over)
    unsaid = _NAME_INSIDE.search(raw) is None and _SAYING.search(described.replace("here it is", "")) is None
    return (
        _TEXT_WORDS.search(narration) is not None or _GENRE_WORD.search(narration) is not None or unsaid
        # (the forty-sixth round) a few words are the maker's unless they name someone or say what something says, has
        # or is, and hand nothing over: "Old Ambrose sang while he dug:", "The label on the box says:", "Things I
        # have:" are the story's heads to what they bring in (e56-011, e56-044, l59-039); "Coming right up, Pell:",
        # "Incoming, Pell edition:" and "What I have for you:" are not
        or (
            len(narration.split()) <= COLON_LINE_WORDS
            and (_handover_words(raw) or _TO_YOU.search(narration) is not None)
        )
        # ...or after the assistant's assent ("Gentle humour it is. A first contact where the main casualty is a hedge:")
        or assent
    )


_TO_YOU = re.compile(r"\byou\b")


# (the thirty-sixth round) A story's own head to what it lists, saying what its people did: "What Agna gave, in order:",
# "What I gave, in the order I gave it:" (not the maker's "What I came up with:", nor "What a fun prompt! Here's...").
_WHAT_THEY_DID = re.compile(
    r"[*_#\s]*[Ww]hat (?:I|he|she|they|we|[A-Z][a-z]+) (?!came|come|wrote|write|made|make|went|ended|have|got|tried"
    r"|hope|think)[a-z]+\b"
)
# (the thirty-seventh round) ...or to what its people wrote, saying with what or where: "On the back of the chart, in
# grease pencil:", "Notices nailed to the Linden Gate, this past month:", "Paid, in the order of payment:" (no opening of
# the corpus's chatter names them).
_WRITTEN_WITH = re.compile(
    r"\b(?:ink|pencil|crayon|chalk|biro|lipstick|charcoal|handwriting|margins?|in (?:[\w'’]+ ){0,3}hand|scratched|carved"
    r"|scrawled|pinned|taped|nailed|chalked|in the order (?:of|in which|that|they|i|he|she|we|it)\b)\b",
    re.IGNORECASE,
)
# An opening that praises the prompt and ends announcing the story ("What a fun premise! I leaned into the
# bickering here, with a slow thaw underneath. Here it is:") is the assistant's whoever says "I" in the story.
_PRAISES_PROMPT = re.compile(r"[^\w]*(?:what an?|great|fun|lovely|love this|such an?)\b[^.!?\n]{0,30}\b(?:prompt|premise)\b")


CLOSING_CHATTER_PARAGRAPHS = 3


def _without_closing_chatter(story: str) -> str:
    """`story` without the paragraphs of chatter it ends on (up to CLOSING_CHATTER_PARAGRAPHS)."""
    paragraphs = prose.PARAGRAPH_BREAK.split(story)
    for _ in range(CLOSING_CHATTER_PARAGRAPHS):
        if len(paragraphs) < 2 or not _is_chatter_paragraph(paragraphs[-1], "\n\n".join(paragraphs[:-1])):
            break
        paragraphs.pop()
    return "\n\n".join(paragraphs)


# A first line that opens on a choice, as the assistant's "I went with a quiet take" or "I leaned into the bickering
# here" do, and a narrator's may ("I went with my father to the market that morning.", "I leaned into the wind."): in a
# story told by "I", it is the assistant's only when it speaks of the telling.
_CHOICE_OPENS = re.compile(r"\s*(?:i )?(?:went|'ve gone|have gone|focused|leaned|'ve focused|'ve leaned)\b", re.IGNORECASE)
_OF_THE_TELLING = re.compile(
    r"\b(?:this one|here|tone|voice|person|pov|tense|take|dialogue|sensory|textures?|mood|imagery|register|energy"
    r"|approach|twist|ending|suspense|dread|gore|humou?r|conflict|struggle|feelings?|side|perspective|narrat\w*|entries"
    r"|journal|letter|log|something|prompt|story|piece|version|asked|requested|rather than|instead of|details?)\b",
    re.IGNORECASE,
)


# A diary's or a log's dated heading on its line ("**Day 211**", "*12th of Sowing*", "3 March").
_DATED_LINE = re.compile(r"^[ \t]*" + prose.DATED_LINE + r"[ \t]*$", re.MULTILINE)
DIARY_HEADINGS = 2


def _first_entry(text: str, match: re.Match[str]) -> bool:
    """Whether what opens the text is the first dated heading of a diary's entries, not a title."""
    return (
        match.re is _TITLE and _DATED_LINE.match(text, 0, match.end()) is not None
        and len(_DATED_LINE.findall(text)) >= DIARY_HEADINGS
    )


def _narrators_choice(text: str, end: int) -> bool:
    opener = text[:end]
    return bool(
        _CHOICE_OPENS.match(opener) and not _OF_THE_TELLING.search(opener) and _persons(text[end:])[0]
    )


# A name and its act in the past: "Clara Whitcombe disappeared on the first of June" (a story's first line).
_NAME_ACTS = re.compile(r"\b[A-Z][a-z]+ (?:[a-z]+ly )?[a-z]{2,}ed\b")


def _names_the_text(lowered: str, raw: str) -> bool:
    """An opening line that is one phrase naming the text, with no verb of its own: "A slow, atmospheric piece,
    told from the side of the relief keeper." (a story's first line tells something)."""
    return (
        "\n" not in lowered
        and len(lowered.split()) <= NAMING_WORDS
        and len(_SENTENCE_SPLIT.split(lowered.strip())) == 1
        and (
            _TEXT_WORDS.search(lowered) is not None
            or _TOLD_NAMING.search(lowered) is not None
            or _A_ONE.match(lowered) is not None
            or (_MANNER_SAID.search(lowered) is not None and len(set(_MANNER_WORDS.findall(lowered))) >= MANNER_WORDS)
        )
        and _VERB.search(described := _TOLD_AS.sub("", lowered)) is None
        and _PAST_CLAUSE.search(described) is None
        and _NAME_ACTS.search(raw) is None
    )


def _says_i(told: str) -> bool:
    """Whether a story's narration (`told`) has a narrator who says "I"."""
    return len(talk.first_person(told)) >= 2


def _persons(story: str) -> tuple[bool, bool]:
    """Whether the story has a narrator who says "I" (or "we", one of whom may say "I think"), and whether it
    speaks to a "you" of its own (a second-person hero, a letter's reader). Lines it quotes in italics are not its
    narrator's ("*we have been awake for a long time*")."""
    told = prose.ITALICS.sub(" ", prose.narration(story))
    narrator_i = _says_i(told) or len(_WE.findall(told)) >= NARRATOR_WE
    return narrator_i, len(_USER_YOU.findall(told)) >= 2


def _named_opener(text: str) -> re.Match[str] | None:
    first_line = text.split("\n", 1)[0]
    return _NAMED_OPENER.match(text) if _ENDS_ON_COLON.search(first_line) else None


# A stage direction of a roleplaying assistant: a paragraph all in italics or asterisks that acts in the present
# without a subject ("*leans back as the fire pops*", "*clicks the lamp back on*", "*tips hat*", "*clears throat*").
# (with its teller's "he" or "she", and the teller's words after it: "*He leans back, and the fire pops.* Another,
# traveler? The night is long.")
_STAGE_DIRECTION = re.compile(
    r"\*(?!(?:is|was|has|does)\b)[a-z]+s\b[^*\n]{0,60}\*(?:[ \t]+[^\n*]{1,200})?"
    # "(Your humble narrator bows and retreats to the kitchen for leftover trifle.)"
    r"|\((?:[Yy]our (?:humble |faithful )?|[Tt]he )(?:narrator|storyteller|teller)\b[^()\n]{0,120}\)"
    # "*the fire settles, and the storyteller leans back*"
    r"|\*[^*\n]{0,80}\b(?:the|your) (?:storyteller|narrator|teller)\b[^*\n]{0,80}\*"
    r"|\*(?:[Hh]e|[Ss]he) (?!(?:is|was|has|does)\b)[a-z]+s\b[^*\n]{0,60}\*[ \t]+[^\n*]{1,200}"
)
STAGE_DIRECTION_PARAGRAPHS = 3
# A paragraph that is only a stage direction in asterisks ("🕯️ *The Storyteller leans closer to the candle.*"), and a
# persona's call to its listener, one line ("Very well. You asked for something to keep you up tonight.").
_ACTED = re.compile(r"[^\w*\n]*\*[^*\n]{1,200}\*[^\w\n]*")
_PERSONA_CALL = re.compile(
    r"\s*(?:ah|very well|gather (?:'?round|close|near)|listen|come (?:closer|close|near)|settle in|pull up)\b[^\n]{0,200}",
    re.IGNORECASE,
)
# A valediction and a name: "Kind regards,\nAria", "Best,\n— Sam"
_VALEDICTION = re.compile(
    r"(?:kind regards|best regards|warm regards|regards|best wishes|warmly|cheers|best|all the best|sincerely|respectfully"
    r"|yours sincerely|yours truly|cordially"
    r"|with (?:warm |kind )?regards)[,!.]?\s*\n\s*[—–-]?\s*(?:[A-Z][\w.'-]*(?:,? [A-Z][\w.'-]*){0,3}"
    r"|your (?:[\w-]+ ){0,2}assistant)"
    # (and the assistant's name over its title: "Warm regards,\nQuill\nYour Creative Writing Assistant", or beside a
    # pictograph: "Cheers,\nStoryBot 🤖")
    r"(?:\s*\n\s*your (?:[\w-]+ ){0,3}assistant)?(?:[ \t]*[" + prose.PICTOGRAPHS + "\u2600-\u27BF][\ufe0f\u200d]?)*",
    re.IGNORECASE,
)


# ...and one only an assistant signs: "All the best with your project,\n— Ada", "Happy writing,\nMara, your
# storytelling assistant"
_ASSISTANT_VALEDICTION = re.compile(
    r"(?:happy (?:writing|reading|storytelling)|(?:all the best|good luck) with your [\w ]{1,30})[,!.]?\s*\n"
    r"\s*[—–-]?\s*[A-Z][^\n]{0,60}",
    re.IGNORECASE,
)


# (the thirty-fourth round) A last paragraph that is what the story's people wrote or signed: after a paragraph that
# ends on the writing or saying of it and a colon ("...because at the bottom of the second page, underlined once, he
# wrote:\n\nWrite back soon, if you want to."), or signed with initials after a dash on its line ("Hope this helps.
# — O.V."). A chat answer does not leave its story on "he wrote:", nor sign its chatter with initials.
_WRITTEN_OUT = re.compile(r"\b(?:" + _WRITING_VERBS + r")\s*:$")
_SIGNED_WITH_INITIALS = re.compile(r"[.!?][ \t]+[—–][ \t]*[A-Z]\.[ \t]?[A-Z]\.?[ \t]*$")


def _written_in_the_story(last: str, before: str) -> bool:
    """Whether the last paragraph `last` is the text of what the story's people wrote, said or signed."""
    before = before.rstrip(" \t*_")
    last = last.strip()
    return bool(
        (before.endswith(":") and _WRITTEN_OUT.search(before, len(before) - 40))
        or (("—" in last[-8:] or "–" in last[-8:]) and _SIGNED_WITH_INITIALS.search(last, len(last) - 12))
    )


_MAKERS_REASON = re.compile(
    r"\s*i (?:made|gave|named|set|had|wrote|kept|chose to make) (?:him|her|them|it|the [a-z]+)\b[^.!?\n]{0,80}"
    r"\b(?:so|because|since)\b[^\n]{0,700}$"
    # ...or what the maker did to the telling, and why: "I went epistolary here because...", "I have aimed for
    # restraint here, allowing...", "I used journal entries to keep it immediate", "I let the victim survive to keep
    # things gentle", "I kept Daniel offstage on purpose", "I wanted the far future to feel less like a warning"
    # (the thirty-fourth round) The paragraph may run to 700 characters, not 300: the reasons, a verdict and an offer
    # ("I tried to keep the classic creepy-mirror beats (...) but point them all at something harmless, so... The
    # postcard ending was my favourite touch. If you'd like a version... Any preference on length?")
    r"|\s*i (?:have |'ve )?(?:went|aimed|used|let|kept|wanted|opted|leaned|chose|tried)\b[^.!?\n]{0,80}"
    r"\b(?:because|since|so that|to keep|to let|to feel|on purpose|deliberately|here)\b[^\n]{0,700}$"
    # (the fortieth round) where the maker ended or stopped it, and why: "I ended on "outvoted" because it's both a
    # concession and a small relief", "I closed on the empty chair so the absence does the talking"
    r"|\s*i (?:ended|stopped|closed) (?:it |the story |things )?(?:on|with|at|before|there)\b[^.!?\n]{0,80}"
    r"\b(?:so|because|since|to keep|to let|rather than)\b[^\n]{0,700}$",
    re.IGNORECASE,
)


# What the maker wanted of the story, said before an offer on its last line ("I wanted her torn between grief and
# gratitude rather than simple regret. Let me know if you'd like the reunion!"): the maker's in a story told without "I".
# (the thirty-fourth round) ...or what the maker did to it: "I centred it on the siblings' unspoken grief.", "I kept the
# ending deliberately unresolved to hold on to that eerie tone. 🌊"
_MAKERS_AIM = re.compile(
    r"\s*i (?:wanted|tried|aimed|went for|was going for|centred|centered|focused|focussed|built|kept|leaned|chose|opted)\b",
    re.IGNORECASE,
)


def _assistant_signed(paragraphs: list[str]) -> int:
    """1 if the last paragraph is a sign-off of the assistant's: one only an assistant signs, or a valediction and a
    name under a paragraph of chatter; else 0."""
    if len(paragraphs) < 2:
        return 0
    last = paragraphs[-1].strip()
    if _ASSISTANT_VALEDICTION.fullmatch(last):
        return 1
    if len(paragraphs) < 3 or not _VALEDICTION.fullmatch(last):
        return 0
    return int(bool(_CHATTER.match(paragraphs[-2].strip()) or _is_afterword(paragraphs[-2])))


def _stage_direction_from_end(paragraphs: list[str]) -> int:
    """How many closing paragraphs run from a stage direction to the end (0 if none of the last few is one)."""
    for count in range(1, min(STAGE_DIRECTION_PARAGRAPHS, len(paragraphs) - 1) + 1):
        if _STAGE_DIRECTION.fullmatch(paragraphs[-count].strip()):
            return count
    return 0


def _after_rule(paragraphs: list[str]) -> bool:
    """A last paragraph set off from the story by a rule (`---`) that talks to the user anywhere in it ("I went
    for a hopeful ending. If you'd like a darker take, just let me know!") or comments on the text."""
    if len(paragraphs) < 3 or not _RULE.match(paragraphs[-2].strip() + "\n"):
        return False
    last = paragraphs[-1]
    # ...or explains the story as a made thing: "The real summit here is the decision, not the peak. I wanted
    # Lena's turning back to feel like the victory."
    return _tail_chatter(last) != "" or _CHATTER.match(last.strip()) is not None or _comments_on_the_text(last)


# Pictographs (prose.PICTOGRAPHS, and the older symbols and dingbats: ☀ ✨ ❤): a short last line that holds
# one is a sign-off ("Sleep tight! 🪞🌙"), not the story's.
# (with the clocks and hourglasses of U+23xx and the stars of U+2Bxx: "⏱️ Reading time: under a minute.")
_SYMBOLS = f"{prose.PICTOGRAPHS}\u2300-\u23FF\u2600-\u27BF\u2B50-\u2B55"
_EMOJI = re.compile(f"[{_SYMBOLS}]")
_PICTOGRAPH_END = re.compile(f"[{_SYMBOLS}][\ufe0f\u200d{_SYMBOLS}]*(?=[ \t])")  # (where a pitch may end on its line)
_ENDS_ON_COLON = re.compile(f":[\\s{_SYMBOLS}\ufe0f\u200d]*$")
SIGN_OFF_CHARS = 60


def _is_chatter_paragraph(paragraph: str, story: str = "") -> bool:
    stripped = paragraph.strip()
    # Chatter in shape, and not a letter's closing ("Yours, if you want me,\nHenri"; asked last: the signature
    # pattern is the dearest test, and most last paragraphs fail the others).
    return _chatter_shaped(stripped, story) and cutoff.signature_lines(stripped) < len(stripped.splitlines())


# The texting register: a last paragraph all in lowercase that says one of these anywhere is the assistant's ("the
# goat is the real villain here tbh"); a message a story quotes in lowercase does not talk so (its "lol" and "u"
# are not looked for).
_TEXTING = re.compile(r"\b(?:ngl|tbh|fwiw|lmk|idk|lmao+|imo)\b")


def _casual(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return stripped == stripped.lower() and _TEXTING.search(stripped) is not None


def _chatter_shaped(stripped: str, story: str) -> bool:
    if stripped[:1] in "\"“" and stripped[-1:] in "\"”":
        return False  # a character's line: '"Let me know what you decide."'
    if _opens_on_said_words(stripped):
        return False  # ...and one told without quotation marks: "Just tell me when, she said.", "Let me know, Mum texted."
    if _casual(stripped):
        return True
    if len(stripped) <= SIGN_OFF_CHARS and _EMOJI.search(stripped):
        return True
    match = _CHATTER.match(stripped)
    if (
        match is not None and match.start() == 0 and not _narrator_hopes(stripped, f"{story}\n\n{stripped}")
        and not _narrators_i_can(prose.narration(stripped), story)
    ):
        return True
    if _is_afterword(stripped, story) or _is_critique(stripped):
        return True
    # A question to the user about the story's people: "Do you think she should have gone down with Reyes?"
    if "?" in stripped and _asks_the_reader(_closing_sentences(stripped), story):
        return True
    # A paragraph that opens by talking about the answer ("I kept the ending open so that...").
    first = _FIRST_SENTENCE.match(stripped)
    if first is None:
        return False
    sentence = first.group(0).lower().replace("’", "'")
    if _meta_phrase_in(sentence):
        return True
    # A reading of the story after it: "The red scarf represents warmth... between the two characters".
    return _SYMBOLISM.search(sentence) is not None and _ABOUT_THE_STORY.search(stripped.lower()) is not None


# An afterthought's label: "P.S.", "PS:", "Edit:".
_AFTERTHOUGHT = re.compile(r"\s*(?:p\.\s?s\.?|ps:|edit:|update:)\s*")
# The assistant offering something or asking the user, anywhere in a sentence ("..., so just say the word if
# you'd like part two", "I can push it further if you'd like a rewrite", "What did you think?").
# (every alternative but the thank-you opens on one of the letters of the lookahead: most positions of a paragraph fail
# there, before the engine tries thirty words; half the time of the pattern without it)
_OFFER = re.compile(
    r"(?=[cdfhilpsuw])(?:\b(?:(?:if|unless) you(?:'d| would)? (?:like|prefer|want)|" + _LET_ME_KNOW + r"|feel free|say the word|happy to"
    r"|i(?:'d| would) be (?:glad|happy|pleased|delighted) to|i'm glad to|should you (?:prefer|wish|want|like)"
    # "can tone it down if needed"
    r"|can (?:tone|dial) (?:it|this|that) (?:down|up|back)"
    r"|what do you think"
    r"|hope (?:it|this|that|you)"
    r"|what did you think|how did (?:that|it|this) (?:land|feel|read)|does (?:this|that|it) work|is this what you"
    r"|please tell me|i(?:'ll| will) (?:gladly )?fix"
    r"|want me to|would you like|do you want|(?:shall|should) i (?:go on|continue|keep going|carry on|write)"
    # "Should I take it further?", "I can lean harder into the mystery", "I can dial up the gore"
    r"|(?:shall|should) i take (?:it|this|things) further"
    r"|i can (?:also )?(?:write|make|try|push|change|adjust|expand|continue|revise|tweak|add|do|lean|dial)|if (?:ur|you're|you are) up for (?:it|that)|could do (?:a )?(?:part (?:2|two)|sequel)|lmk"
    r"|if u want)\b"
    # "Want their first date next?", "Want more case files?"
    r"|\bwant (?:a|an|the|their|his|her|more|another|some)\b[^.!?\n]{0,80}\?"
    # "Want to hear what happens when a sail finally appears?"
    r"|\bwant to (?:hear|know|see|read)\b[^.!?\n]{0,80}\?"
    r"|\b(?:do not|don't) hesitate to (?:ask|reach out|let me know)\b)"
    # "...please tell me and I will fix it. Thank you!" (a sentence of its own; "he heard his brother say thank you."
    # is a story's)
    r"|^\s*thank you(?: so much| again)?!+$"
)
# What an afterword speaks of: the text as a made thing ("I left the ending ambiguous on purpose", "This plays
# with the expectation...", "This was fun to write", "The idea is that...", "That's about 200 words").
_COMMENTARY = re.compile(
    # the text named: "*A quiet adventure, more wonder than danger.*"
    r"^[*_]*an? (?:[\w,'-]+ ){0,3}(?:adventure|romance|mystery|thriller|fantasy|horror|tale|story|piece|one)\b|"
    r"\b(?:story|tale|piece|ending|twist|tone|mood|reader|readers|scene|version|draft|write|wrote|writing|idea"
    r"|purpose|ambiguous|expectations?|vivid|tension|atmosphere|pacing|perspective|protagonist|narrator|meant to"
    r"|cliffhanger|this one|metaphor|symbol\w*|themes?|words|(?:last|first|final|opening|closing) line"
    # the assistant weighing what it made: "That one was fun.", "might be a little too silly but i think it works?"
    # "Went for cosy-sinister: the humour is all in how polite everyone is."
    r"|^went (?:for|with)|humou?r|(?:first|second) (?:half|part)|deliberately|intentionally|where i'd (?:stop|end|leave)|that one was|i think (?:it|this|that) (?:works|lands|fits)|a (?:little|bit|tad) too (?:silly|dark|long|much"
    r"|cheesy|sappy|sad|bleak|short)"
    r"|(?:short|long|punchy|clipped|choppy)(?:, \w+)? (?:lines|sentences|paragraphs)"
    r"|i (?:also |really )?(?:aimed|tried|wanted|went|chose|kept|left|leaned|ended|built"
    r"|focused|decided|gave|made|used))\b"
)
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?…])[\"”’)*_]*\s+")


# (the thirty-sixth round) A first-person narrator's last words, "I can do this.", "I could write to her.", "I can
# try again tomorrow.", "I'm glad to be home.", "I would be glad to see him again.": "I can", "I could" or the
# narrator's gladness, with no one spoken to and no word of a text or of more or less of it (the maker's "I can make it
# darker.", "I can write a sequel.", "I can also continue the story.", "I'd be happy to help.").
_GLAD = re.compile(r"\bi(?:'m|'d| would| am)? (?:be )?(?:glad|happy|pleased|delighted|thrilled) to\b")
_MAKERS_GLAD = re.compile(
    r" (?:help|assist|write|adjust|revise|expand|tweak|continue|rework|change|make|try|do|answer|hear|know|keep|take"
    r"|give|provide|share|explore|extend|develop)\b"
)
_I_CAN = re.compile(r"\bi (?:can|could)\b")
_WRITES_TO = re.compile(r"\bwrit(?:e|ing) (?:to|back)\b")  # (a letter: "I could write to her.")
_MORE_OR_LESS = re.compile(
    r"\b(?:it|this|that) (?:\w+ )?(?:more|less|further)\b|\b(?:darker|lighter|longer|shorter|funnier|sadder|scarier"
    r"|creepier|gentler|bleaker|simpler|tighter|punchier|softer|sharper|slower|faster|sequel|more|further)\b"
)


def _narrators_i_can(text: str, story: str) -> bool:
    """Whether a closing paragraph's only offer is its narrator's "I can ...", "I could ..." or gladness, said to no one
    (`text`: its narration)."""
    lowered = text.lower().replace("’", "'")
    offers = list(_OFFER.finditer(lowered))
    glad = list(_GLAD.finditer(lowered))
    return (
        (bool(offers) or _I_CAN.search(lowered) is not None)
        and all(found.group(0).startswith(("i can", "i could")) or _GLAD.match(lowered, found.start()) for found in offers)
        and not any(_MAKERS_GLAD.match(lowered, found.end()) for found in glad)
        and _USER_YOU.search(lowered) is None
        and _TEXT_WORDS.search(_WRITES_TO.sub("", lowered)) is None
        and _MORE_OR_LESS.search(lowered) is None
        and _persons(story)[0]
    )


def _is_afterword(paragraph: str, story: str = "") -> bool:
    """A closing paragraph in the assistant's voice: it ends on an offer, a question to the user or a pictograph,
    and what comes before speaks of the text as a made thing (or offers too). Quoted speech is the story's and is
    not read."""
    if len(paragraph) > 2 * LONG_EDGE_CHARS:
        return False
    if _EMOJI.search(paragraph[-3:]) is None and _OFFER.search(paragraph.lower()) is None:
        return False  # most stories' last paragraphs: no offer anywhere
    text = _AFTERTHOUGHT.sub("", prose.narration(paragraph), count=1).strip()
    sentences = [part for part in _SENTENCE_SPLIT.split(text) if part.strip()]
    if not sentences or len(sentences) > 4:
        return False
    if _narrators_i_can(text, story):
        return False
    if (_OFFER.search(sentences[-1]) is None or _narrator_hopes(sentences[-1], f"{story}\n\n{text}")) and _EMOJI.search(
        text[-3:]
    ) is None:
        return False
    if any(_OFFER.search(sentence) or _COMMENTARY.search(sentence) for sentence in sentences[:-1] or sentences):
        return True
    # ...or asks the user which way the story should go ("What do you think they should do next?") in a story
    # with no "I" or "you" of its own
    return any(
        sentence.rstrip().endswith("?") and _USER_YOU.search(sentence) for sentence in sentences[:-1]
    ) and not any(_persons(story))


# (the thirty-eighth round) The maker's word on the story's people before its offer, in the present after a story told
# in the past: "Isaura gets precisely what she asked for, which felt like...", "Kestrel stays deliberately opaque...",
# "Nell doesn't find treasure, exactly.", "Rosa and Theo will be bickering for the next fifty years...", "Pell and his
# grumpy book could easily carry a whole series." (a name of the story's, or two, or "our hero", and a verb in the
# present; "the narrator" is the commentary's word already).
_NOW_ADVERB = r" (?:[a-z]+ly |never |still |only |always )?"
# A verb in the present of one ("is", "doesn't", "gets"; not "was").
_NOW_VERB_OF_ONE = r"(?:is|isn't|has|hasn't|does|doesn't|will|won't|can|can't|(?!was\b)[a-z]{2,}[a-rt-z]s)"
# (the thirty-ninth round) Two of them and a verb in the present of more than one: "Hesketh and Wren end up as
# reluctant dragon parents", "Rosa and Teo never talk about their mother directly" (a past that does not end in -ed
# is named).
_PAST_OF_TWO = (
    r"were|had|did|said|saw|came|went|found|took|knew|thought|felt|told|began|ran|stood|sat|woke|wrote|left|kept|held"
    r"|made|got|fell|gave|brought|caught|heard|met|lost|sent|spoke|threw|won|wore|rode|rose|drove|ate|drank|slept|hid"
    r"|led|lay|paid|put|read|set|let|became|forgot|understood|who|both"
)
_PEOPLE_NOW = re.compile(
    r"[*_]*(?:(?:Our(?: [a-z]+){1,2}|([A-Z][a-z]+)(?:'s [a-z]+)?(?: and (?:([A-Z][a-z]+)|(?:his|her|their)(?: [a-z]+){1,2}))?)"
    + _NOW_ADVERB + r"(?:could|" + _NOW_VERB_OF_ONE + ")"
    r"|([A-Z][a-z]+) and (?:([A-Z][a-z]+)|the [a-z]+)"
    + _NOW_ADVERB + r"(?!(?:" + _PAST_OF_TWO + r")\b)(?![a-z]+ed\b)[a-z]{2,})\b"
)


def _its_people_now(paragraph: str, story: str) -> bool:
    found = _PEOPLE_NOW.match(paragraph)
    if found is None or not all(_a_name_of(name, story) for name in found.groups() if name):
        return False
    return _told_in_the_past(story)


def _told_in_the_past(story: str) -> bool:
    told = prose.narration(story)
    past = len(_PAST_CLAUSE.findall(told))
    return past >= STORY_PAST_CLAUSES and past > len(_PRESENT.findall(told))


# (the thirty-ninth round) ...and with no offer after it, a closing paragraph of one or two such sentences that leans
# to the writer's side of the asides measure: "Maureen is the accidental diplomat here, and she handles it better than
# any government would." A story's own epilogue in the present ("Marta wears the scarf anyway.", "Dev still has the
# coin. It's shaped like a very small moon.") leans to the story's side: at the rule's commit, the tune half's highest
# of such paragraphs that end a story scored 0.5, the makers' 1.4 and more (the measure's weights move with every
# relearning: a sentence near the bar may cross it).
# Here "she" or "he" may open it too ("She survives, but only until the next failure, which felt like the honest ending
# for a station this far gone."): such paragraphs that end a story scored -0.7 at most at this change, the makers' 0.4 to
# 5.3; not with an offer or a question in the paragraph ("He keeps the book now. Want me to continue?" keeps its first
# sentence: the offer would carry the paragraph over the bar, and the one before an offer is asked of names alone).
PEOPLE_NOW_BAR = 1.0
PEOPLE_NOW_SENTENCES = 2
_SHE_OR_HE_NOW = re.compile(r"[*_]*(?:She|He)(?:'s|" + _NOW_ADVERB + _NOW_VERB_OF_ONE + r")\b")


def _maker_on_its_people(paragraph: str, story: str) -> bool:
    if len(_SENTENCE_END.findall(paragraph + " ")) > PEOPLE_NOW_SENTENCES or not (
        _its_people_now(paragraph, story)
        or (
            _SHE_OR_HE_NOW.match(paragraph) is not None and "?" not in paragraph
            and _OFFER.search(prose.lowered(paragraph)) is None and _told_in_the_past(story)
        )
    ):
        return False
    return any(found > PEOPLE_NOW_BAR for found in _asides_scores(paragraph, story))


# (the fortieth round) ...and with an offer after it in the same paragraph, one or two sentences that each lean to the
# writer's side, whoever they open on: "The sailor never pushes her, which was the point: the choice stays hers right up to
# the last second. I can write where the boat takes them if you'd like more.", "So the war ends in pistachio. Nadia and
# Luca will probably keep competing anyway." The offer alone went before; the sentences before it stayed as the story's.
# Every sentence over the bar, not one: a story's last line and then the maker's reason ("She spat on her palms and reached
# for the tongs. I ended on her picking up the tongs... Should I add a scene...?") keeps its last line. A story's own
# line in the past may lean a little to the writer's side ("Oren kept the book hidden for years." 1.4 when this was
# written), hence a bar over PEOPLE_NOW_BAR.
BEFORE_OFFER_BAR = 1.5


def _maker_before_its_offer(head: str, story: str) -> bool:
    if len(_SENTENCE_END.findall(head.rstrip() + " ")) > PEOPLE_NOW_SENTENCES:
        return False
    return min(_asides_scores(head, story), default=-math.inf) > BEFORE_OFFER_BAR


# (the forty-first round) A closing paragraph that explains the story as a made thing (_comments_on_the_text: its parts, with
# the maker's "I" or a reading of them) is the maker's on its own, with no chatter found beside it, when its first sentence
# leans to the writer's side of the asides measure as well. Of the tune half's good stories, six last paragraphs or lines
# comment so ("The summit is never really the point. The point is who is still on the other end of the rope..."); one of
# them leans so. Its first sentence, not any: a remark run on after the story's last sentence in the same paragraph ("...
# watching her the whole time. I wanted the reader to assume...") is the meta-talk answers' (eleven of them were kept so).
REMARK_BAR = BEFORE_OFFER_BAR


# (the forty-third round) ...or that explains a choice of the story's without naming a part of it, why a character is
# so or what a thing stands for ("I gave Wendel a clerk's conscience because a man who buries strangers...", "Whatever
# the tunnel is stays unnamed; that slow, satisfied breath suggests...", "...is never named, because in a town that
# small..."), said in its first sentence. A story's own last line that says so ("His master never explained the book,
# and Oren never asked.", "I kept the book because no one else wanted it") leans to the story's side.
_EXPLAINS = re.compile(
    r"^\W*i (?:let|gave|made|kept|left|wanted|had|chose|named) [^.!?]*\bbecause\b"
    r"|\b(?:suggests?|unnamed|unexplained|says more about|way of saying|matters more than)\b"
    r"|\bnever (?:named|shown|explained)\b"
)


# (the fifty-first round) A closing paragraph of a sentence or two in which the maker notes its craft, with no one's "I"
# in it, after its word that the work is done at most: "Done. Short sentences to keep the pace up.", "Kept the sentences
# short to keep the pace up." What the story's narration is checked for (talk.meta_talk) finds each such sentence, whole, alone.
# Only after a story none of whose sentences leans to the writer's side of the asides measure: the meta-talk answers
# that close on such a note often have their notes inside the story as well ("Staying inside his head here.", "Opening
# wide before narrowing in.", 1.8 to 5.9 when this was written), which the note at the end gave away (the good wrapped
# answers' stories: 0.9 at most). In the tune half: 16 good wrapped answers kept, 12 meta-talk answers kept with every
# note their writers marked cut.
_DONE = re.compile(r"\W*(?:done|there you go|there you have it|finished)[.!]*", re.IGNORECASE)
CLOSING_NOTE_SENTENCES = 2
CLOSING_NOTE_BAR = BEFORE_OFFER_BAR


def _closing_note(paragraph: str, story: str) -> bool:
    parts = [part for part in _SENTENCE_END.split(paragraph.strip()) if part.strip()]
    if not 1 <= len(parts) <= CLOSING_NOTE_SENTENCES or not _remark_shaped(paragraph):
        return False
    notes = [prose.narration(part) for part in parts if not _DONE.fullmatch(part)]
    return (
        bool(notes)
        and all(
            not asides.says_i(note) and _wholly(talk.meta_talk(note, set(prose.WORD.findall(note))), note)
            for note in notes
        )
        and max(_asides_scores(story, story), default=-math.inf) <= CLOSING_NOTE_BAR
    )


def _wholly(found: str | None, sentence: str) -> bool:
    """Whether `found` is all of `sentence`'s words (not a note inside a sentence of the story's)."""
    return found is not None and prose.WORD.findall(found) == prose.WORD.findall(sentence)


def _remarks_on_the_craft(paragraph: str, story: str) -> bool:
    if not _remark_shaped(paragraph):
        return False
    told = prose.narration(paragraph)
    return (_names_its_parts(told) or _explains_a_choice(told)) and (
        _asides_scores(paragraph, story) or [-math.inf]
    )[0] > REMARK_BAR


def _explains_a_choice(told: str) -> bool:
    """`told`: the paragraph's narration (prose.narration: lowercased, apostrophes straightened)."""
    sentences = asides.sentences(told)
    return bool(sentences) and _EXPLAINS.search(sentences[0]) is not None


def _asides_scores(paragraph: str, story: str) -> list[float]:
    """The asides measure's score of each sentence of `paragraph`'s narration, after `story` (whose narrator may say
    "I")."""
    narrator_i = asides.narrator_says_i(prose.narration(story))
    measure = asides.model()
    return [measure.score(said, narrator_i) for said in asides.sentences(prose.narration(paragraph))]


# A list offered after the story: titles, options, other directions, introduced by a line ending in a colon
# ("**Alternative titles:**", "If you'd like, I could:").
_LIST_ITEM = re.compile(r"\s*(?:[-*•+]|\d{1,2}[.)]|[a-c][.)])[ \t]+\S")
_OFFERED = re.compile(
    r"\b(?:titles?|options?|versions?|directions?|alternatives?|ideas?|variations?|endings?|notes?|choices"
    r"|i could|i can|you"
    # "Where this could go next:", "Ways to continue:", "What I was going for:"
    r"|next|could go|continu\w*|sequels?|i was (?:going|aiming) for|i aimed for)\b"
)


def _offered_list(paragraphs: list[str]) -> int:
    """How many closing paragraphs are a list the assistant offers (with the line that introduces it, and a remark
    on which to choose after it), or 0."""
    if len(paragraphs) > 2 and _CHOICE_REMARK.search(remark := paragraphs[-1].lower().replace("’", "'")) and (
        _ASSISTANT_WORD.search(remark) and len(remark) <= CHOICE_REMARK_CHARS
    ):
        before = _offered_list(paragraphs[:-1])
        return before + 1 if before else 0
    lines = paragraphs[-1].strip().splitlines()
    if len(paragraphs) < 2 or not lines:
        return 0
    items = [line for line in lines if line.strip()]
    if all(_LIST_ITEM.match(line) for line in items[1:]) and len(items) > 1 and _introduces(items[0], items[1:]):
        return 1  # "**Alternative titles:**" and its items in one paragraph
    # the items in one paragraph, or one a paragraph ("1. **The committee reacts**, told by..." / "2. ...")
    count = 1
    while count < min(LIST_PARAGRAPHS, len(paragraphs) - 2) and _only_items(paragraphs[-count - 1]):
        count += 1
    listed = [line for part in paragraphs[-count:] for line in part.strip().splitlines() if line.strip()]
    if len(paragraphs) > count + 1 and all(_LIST_ITEM.match(line) for line in listed) and _introduces(
        paragraphs[-count - 1], listed
    ):
        return count + 1
    return 0


LIST_PARAGRAPHS = 8
# A remark after the list on which to choose: "I'd lean toward the third.", "My pick would be number two."
_CHOICE_REMARK = re.compile(
    r"\b(?:the (?:first|second|third|fourth|fifth|last)(?: one)?|number (?:\d|one|two|three|four|five)|#\d|option \d)\b"
)
CHOICE_REMARK_CHARS = 200


# An item of notes on the story: a label of the craft ("- **Twist:** ...", "• Tone: ...") or the maker's "I" on a
# choice ("• I kept the prose plain so the final line lands.").
_NOTE_ITEM = re.compile(
    r"\s*(?:[-*•+]|\d{1,2}[.)])[ \t]+(?:\*\*|__)?(?:(?:the )?(?:twist|tone|theme|themes|ending|style|pov|point of view"
    r"|pacing|word count|length|structure|note|voice|setting|genre|title|why it works|imagery|symbolism|format|focus)"
    r"(?:\*\*|__)?[ \t]*:|i (?:kept|chose|went|used|wanted|aimed|tried|made|gave|left|opted|leaned|focused)\b)",
    re.IGNORECASE,
)


_BOLD_NOTE = re.compile(
    r"\s*\*\*(?:[^*\n]{0,30}\b)?(?:twist|ending|notes?|why|choices?|tone|themes?|word count|style|pov|approach|craft)\b"
    r"[^*\n]{0,30}(?::\*\*|\*\*[ \t]*:)",
    re.IGNORECASE,
)


def _notes_list(paragraph: str) -> bool:
    """A paragraph that is only a list of notes on the story (two items at least)."""
    lines = [line for line in paragraph.strip().splitlines() if line.strip()]
    return len(lines) >= 2 and all(_NOTE_ITEM.match(line) for line in lines)


def _only_items(paragraph: str) -> bool:
    lines = [line for line in paragraph.strip().splitlines() if line.strip()]
    return bool(lines) and all(_LIST_ITEM.match(line) for line in lines)


NOTES_PARAGRAPHS = 3
# "A few notes on the choices I made:", "Some thoughts on the approach:" (in a first-person story too)
_NOTES_ON = re.compile(
    r"[^\w]*(?:a few |some |quick |brief )?(?:notes?|thoughts|comments) on (?:the |my |this |a few |some )?"
    r"(?:choices|story|approach|piece|writing|craft|style|decisions|tale)\b"
    # "A few notes:", "Some quick notes:" alone on the line (the line has been asked to end on its colon)
    r"|[^\w]*(?:a few |some |two |three )(?:quick |brief )?(?:notes|thoughts)[^\w]*$"
    # "A few things I aimed for:", "What I was going for:"
    r"|[^\w]*(?:a few |some |the )?(?:things|what) i (?:aimed|went|was going|was aiming) for\b"
)


def _introduced_notes(paragraphs: list[str]) -> int:
    """How many closing paragraphs are notes on the story with the line that introduces them, or 0. (Only notes
    named as such: a line in the assistant's voice ending on a colon is as often meta-talk before more story,
    "Okay, now here's where the twist comes in, as you requested:".)"""
    for count in range(2, min(NOTES_PARAGRAPHS + 1, len(paragraphs) - 1) + 1):
        if _notes_line(paragraphs[-count]):
            return count
    return 0


_NOTES_HEAD = re.compile(r"\s*(?:#{1,6}[ \t]+\S|\*\*[^*\n]{1,60}(?::\*\*|\*\*[ \t]*:))")
NOTES_AFTER_RULE_CHARS = 1200


def _notes_after_rule(paragraphs: list[str]) -> int:
    """How many closing paragraphs are a rule and the notes under it (a heading, a bold label or chatter first), or
    0."""
    for count in range(2, min(NOTES_PARAGRAPHS + 2, len(paragraphs) - 1) + 1):
        if _RULE.match(paragraphs[-count].strip() + "\n"):
            block = paragraphs[-count + 1 :]
            story = "\n\n".join(paragraphs[:-count])
            if (
                len(story) >= FRAGMENT_CHARS
                and sum(map(len, block)) <= NOTES_AFTER_RULE_CHARS
                and (_NOTES_HEAD.match(block[0]) or _notes_line(block[0]) or _CHATTER.match(block[0].strip())
                     # (or a list alone: "• Tension built through repetition...\n• Ends on a new hook")
                     or _only_items(block[0]))
            ):
                return count
            return 0
    return 0


def _notes_line(paragraph: str) -> bool:
    line = paragraph.strip()
    return "\n" not in line and line.endswith(":") and _NOTES_ON.match(line.lower()) is not None


def _introduces(paragraph: str, items: list[str]) -> bool:
    """Whether `paragraph` introduces a list the assistant offers: titles, options, notes, or notes each under a
    bold label ("**Key elements:**" / "* **Atmosphere:** fog and moss...")."""
    stripped = paragraph.strip().strip("*_ ")
    if not stripped.endswith(":"):
        return False
    return _OFFERED.search(stripped.lower().replace("’", "'")) is not None or all(
        _BOLD_LABEL_ITEM.match(item) for item in items
    )


_BOLD_LABEL_ITEM = re.compile(r"\s*(?:[-*•+]|\d{1,2}[.)])[ \t]+\*\*[^*\n]{1,40}(?::\*\*|\*\*\s*:)")


_SYMBOLISM = re.compile(
    r"\b(?:represents|symboli[sz]es|stands for|is a (?:symbol|metaphor) (?:of|for)|(?:is|was)(?: never| not)? really about)\b"
)
_ABOUT_THE_STORY = re.compile(r"\b(?:story|characters?|protagonist|themes?|symbol\w*|reader|narrative)\b")


# A verdict on the telling after the story, with no offer: "The evil here never gets a face, and I think that's what
# keeps it frightening.", "...which is the point.", "That felt right to me: the horror is in how patient it is."
_VERDICT = re.compile(
    r"\b(?:felt (?:right|truer|more|colder|better|wrong)|seemed (?:truer|right|better)|(?:which|that) is the point"
    r"|that's the point|the point is|i think that's|that's what (?:keeps|makes)|carries the whole|(?:is|are) meant to"
    r"|(?:is|are) there to|the only answer the|i'd rather (?:not|leave)"
    r"|(?:deliberately|on purpose) (?:\w+ ){0,2}(?:open|ambiguous|unexplained|unresolved|unanswered|offstage|vague)"
    r"|(?:open|ambiguous|unexplained|unresolved|unanswered|offstage|vague) on purpose"
    r"|rather than (?:showing|telling|explaining|spelling))\b"
)
_TELLING = re.compile(
    # ("the whole" of a text, not "smiling the whole way")
    r"\b(?:story|piece|reader|readers|ending|scene|tale|the whole(?! (?:way|time|night|day|while))|tension|horror|twist"
    r"|reveal|frightening|unsettling|dread)\b"
)
CRITIQUE_CHARS = 400
# A word of every verdict, looked up before the pattern (a test checks that they agree on the tune half).
VERDICT_HINTS = ("felt ", "seemed ", "point", "i think", "that's what", "carries", "meant", "there to", "only answer",
                 "i'd rather", "rather than", "deliberately", "on purpose")


def _is_critique(paragraph: str) -> bool:
    """A short closing paragraph that judges the telling (a verdict and a word about the story's parts), outside
    quotation marks."""
    if len(paragraph) > CRITIQUE_CHARS:
        return False
    lowered = paragraph.lower().replace("’", "'")
    if not any(hint in lowered for hint in VERDICT_HINTS) or _VERDICT.search(lowered) is None:
        return False  # most last paragraphs: no verdict anywhere, quoted or not
    told = prose.narration(paragraph).lower().replace("’", "'")
    return _VERDICT.search(told) is not None and _TELLING.search(told) is not None


_FIRST_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+|$)")
_SENTENCE_END = re.compile(r"[.!?…]" + prose.NOT_AN_ABBREVIATION + r"[\"”’')*_]*\s+")  # ("I planted Mr. Ellis...")


# A speech tag set in a sentence by commas: "Would you like to know, it asks, what you gave?"
_SPEECH_TAG = re.compile(
    r", (?:it|he|she|they|the [a-z]+|[A-Z][a-z]+) (?:asks|asked|says|said|whispers|whispered|wonders|wondered"
    r"|adds|added|murmurs|murmured|calls|called),"
)


# A character's words told without quotation marks, with their teller, at the story's head: "A few notes before we
# begin, the clone said", "Here you go, the broker says" (chatter names no one who says it).
_SAID_BY = re.compile(
    r"[,!?]\s+(?:he|she|they|it|I|(?:the|his|her|their|my|our) [a-z]+(?: [a-z]+)?|[A-Z][a-z]+) (?:had )?(?:asks|asked|says"
    r"|said|whispers|whispered"
    r"|wrote|writes|written|tells|told|calls|called|adds|added|murmurs|murmured|replies|replied|answers|answered"
    r"|texts|texted|thought|thinks|muttered|mutters)\b"
)


# ...closing its sentence, in the text's own case: "Just tell me when, she said.", "Let me know when you land, Mum texted."
# (not "the second is told in retrospect, and...")
# (the thirty-seventh round: or going on after it, "I hope you like it, she said, and meant it.", "Phew, I hope this
# helps, he muttered to the empty room.", found by probing)
_CLOSING_TAG = re.compile(
    _SAID_BY.pattern + r"(?: (?:him|her|them|me|us|softly|quietly|again))?"
    r"(?:,[^.!?\n]*| (?:to|at|into|under|as|and|from|through|across|over)\b[^.!?\n]*)?[^\w\n]*$"
)


# An assent alone ("Okay.", "Fine, then."): someone's, when the next sentence closes on its teller.
_ASSENT_ALONE = re.compile(r"\W*(?:okay|ok|fine|sure|right|alright|yes|yeah|no|well|so|oh|hmm)(?:,? then)?[.!?…]*", re.IGNORECASE)


def _opens_on_said_words(text: str) -> bool:
    """Whether the first sentence of `text` closes on its teller (_CLOSING_TAG): someone's words, not the maker's."""
    return _CLOSING_TAG.search(_SENTENCE_END.split(text, maxsplit=1)[0]) is not None


def _told_as_said(part: str) -> bool:
    return _SAID_BY.search(prose.narration(part)) is not None


# Parting words after the chatter: "...where I'll leave you. Sweet dreams! 😶"
# (the fifty-first round: or two, "Cheers, and happy reading.")
_PARTING_WORDS = r"(?:sweet dreams|sleep (?:well|tight)|happy reading|cheers|enjoy|take care|good ?night)"
_PARTING = re.compile(rf"\W*{_PARTING_WORDS}(?:,? (?:and )?{_PARTING_WORDS})?\b[^\w\n]*", re.IGNORECASE)
# ...of them, those only a reader is told (a teller may bid listeners of the story's own good night)
_TO_THE_READER = re.compile(r"(?:^|\W)(?:enjoy|happy reading)\b", re.IGNORECASE)


def _story_after_chatter(paragraph: str, story: str) -> bool:
    """Whether `paragraph` opens on the maker's offer to the user and ends on narration of the story's: sentences with
    no "I" or "you", no exclamation or bracket closed, that tell in the past or name someone or somewhere of the
    story's, on the same line ("...I can extend it if you want. The brakes screamed somewhere far ahead. Tomas closed
    his eyes."). (Not its other meta-talk: a maker's note on the story's craft goes on as the story does.)"""
    if "\n" in paragraph or _LABEL_FIRST.match(paragraph):
        return False  # notes under a label, and lists: "Note: I left out dialogue. It's just Jun and the clock."
    for match in _SENTENCE_END.finditer(paragraph.rstrip() + " "):
        rest = paragraph[match.end():].strip()
        told = prose.narration(rest).lower().replace("’", "'")
        if not rest or _ASSISTANT_WORD.search(told):
            continue
        said = paragraph[: match.end()].replace("*", "").lower().replace("’", "'")
        if (
            _OFFER.search(said) and not rest.endswith((")", "!"))
            and _plain_telling(rest, story)
            and (_PAST_CLAUSE.search(told) or any(_story_name(word, story) for word in re.findall(r"[A-Z][a-z]{2,}", rest)))
        ):
            return True
    return False


def _chatter_inside_a_sentence(paragraph: str, story: str) -> bool:
    """Whether `paragraph` tells the story up to a dash or a bracket inside a sentence, and the maker offers or speaks
    to the user after it."""
    inside = _BREAKS_IN.search(paragraph)
    if inside is None:
        return False
    head, rest = paragraph[: inside.start()], paragraph[inside.start() :].lower().replace("’", "'")
    # After "and I" or "though", the maker on its choice or its doubt: '..."you should have made sure the curse would
    # hold," and I went with the king-as-griffin reveal rather than a hidden heir, hope that works.', "...like a man
    # nodding to someone below, though I might change this last image."; in brackets or after a dash, the writer's note
    # on its draft: "...settled over the rover like applause (too cute? can cut).", "...the Pont des Arts [swap Paris
    # landmark if needed]."
    joined = inside.group("joined") is not None
    return (
        len(head.split()) >= PLAIN_TELLING_WORDS and _plain_telling(head, story)
        and (
            _OFFER.search(rest) is not None or _USER_YOU.search(rest) is not None
            or (talk.meta_talk(prose.narration(rest), learned=False) if joined else talk.meta_phrase(rest)) is not None
        )
    )


# A break inside a sentence: a dash between words, a bracket opened after a word, or the maker's "and I" on what it did.
_BREAKS_IN = re.compile(
    r"(?<=[a-z,]) [—–] (?=[a-z])|(?<=[a-z]) [(\[](?=[a-z])"
    r"|(?P<joined>(?<=[a-z,\"”’]) and I (?=(?:went|kept|chose|made|tried|decided|opted|gave|ended|left)\b)"
    r"|(?<=[a-z]), (?:though|but|or) (?=(?:I|maybe|perhaps|should)\b)|(?<=[a-z]), which I(?=(?:'ve|'d| have| felt)\b))",
    re.IGNORECASE,
)


_LABEL_FIRST = re.compile(r"\W*(?:[\w'-]+ ){0,3}[\w'-]+\W*:")


# (the thirty-seventh round) The last lines of a story told as one letter, signed under them: its writer's close, however
# it is worded ("My dearest Ilse, ... I hope this helps, one day, when you are queen and can count.\nYour mother"). Not
# when the signature line is itself chatter ("Enjoy").
def _closes_its_letter(paragraph: str, story: str) -> bool:
    end = paragraph.rstrip()
    return (
        story.rstrip().endswith(end) and cutoff.signed_letter(story)
        and _CHATTER.match(end[end.rfind("\n") + 1 :].strip()) is None
    )


def _story_name(word: str, story: str) -> bool:
    """Whether `word` is a name of the story's: a word it writes only with a capital."""
    return (
        word.lower() not in _NOT_NAMES and re.search(rf"\b{word}\b", story) is not None
        and re.search(rf"\b{word.lower()}\b", story) is None
    )


# (the thirty-seventh round) A line of the story's speech, with its tag: '"I think," he said, "we should walk.' (e42-035:
# a letter's "Let me know what you think." quoted before it is the story's, which goes on)
_SPOKEN_LINE = re.compile(
    r"\s*[\"“][^\"”\n]{1,200}[,.!?…—–-][\"”] (?:he|she|they|I|we|it|[A-Z][a-z]+|the [a-z]+) (?:said|says|asked|asks"
    r"|replied|replies|whispered|whispers|answered|answers|called|calls|added|adds|told)\b"
)


def _tail_chatter(paragraph: str, story: str = "") -> str:
    """The trailing sentences of `paragraph` that are chatter (from the first of them to the end)."""
    if story and _closes_its_letter(paragraph, story):
        return ""
    ends = [m.end() for m in _SENTENCE_END.finditer(paragraph)]
    for start in ends:
        if _inside_speech(paragraph[:start]):
            continue  # a character's line: 'Take your time, old boy. Let me know if you need anything."'
        tail = paragraph[start:]
        # Only outright chatter: an explanation woven into the story's last paragraph is meta-talk, for
        # the scorer to reject, not an edge to trim.
        match = _CHATTER.match(tail.strip())
        if match is None:
            # (a narrator who says "I" may keep things and offer them, "I kept the key, and I can send it", but not
            # the text: "I kept it short..., but I can expand it into a longer piece")
            # (in brackets too: "(I left it on that question on purpose; happy to write what Aldric does next.)"; the
            # story's "I" is looked for before the tail, which says "I" itself)
            lowered = tail.strip().lstrip("(").lower().replace("’", "'")
            offered = _MAKERS_OFFER.match(lowered)
            if offered:
                cut = story.rfind(tail)
                told = story[:cut] if cut >= 0 else story
                if _TEXT_WORDS.search(lowered) or not _says_i(prose.narration(told)):
                    match = offered
        if (
            match is not None and match.start() == 0 and not _narrator_hopes(tail.strip(), story)
            and not _narrators_i_can(prose.narration(tail.strip()), story[: story.rfind(tail)] if tail in story
                                     else story)
        ):
            first, *rest = _SENTENCE_END.split(tail.strip())
            if _SPEECH_TAG.search(first) or _CLOSING_TAG.search(first):
                continue  # a line of speech without quotation marks: "Would you like to know, it asks, what you gave?"
            # ...and chatter to the end: a sentence after it that speaks neither to nor as the assistant is
            # the story going on ("If you'd like a part two, I can... Oren glanced at the door."), and the
            # chatter is inside the story.
            # (a narrator's hope after it too: "I hope this helps. I hope you're who you say you are.")
            if all(
                (_CHATTER.match(part) or _ASSISTANT_WORD.search(part.lower()) or _only_symbols(part)
                 or _PARTING.fullmatch(part))
                and not _narrator_hopes(part, story) and not _SPOKEN_LINE.match(part)
                for part in rest
                if part.strip()
            ):
                if _inside_single_quotes(paragraph[:start]):
                    continue
                return tail
            return ""
    return ""


# An offer after the story's last sentence, in its paragraph, worded as no phrase of chatter lists: "I can lean further
# into the body-horror if you want it nastier!", "Happy to keep going if you want to find out who the woman is.", "I left
# it on a cliffhanger, but I'm glad to write the next part.", "Want the next scene?" One or two closing sentences outside
# speech, one of which offers (in the assistant's register, or opening on the maker's "I can", "glad to", "happy to" and
# the user's "if you want" or "whichever", or on a bare "Want...?") with a word the story does not say itself (its
# narrator's "I", its hero's "you"; a bare "Want...?" asks a "you") or about the text as a made thing ("the next part",
# "this one"); the other is in the assistant's register ("Short and punchy, like you asked. I can add the descent if you
# want more.").
_OFFERS = re.compile(
    r"\b(?:i'm glad to|i'd be glad to|glad to|happy to|if you(?:'d| would)? (?:want|like|prefer|rather)|you'd rather"
    r"|if you(?:'re| are) keen|unless you(?:'d| would) (?:like|rather|prefer)"
    # ("...rather than its price — shall I write the price?", "Say the word!")
    r"|(?:shall|should) i (?:write|continue|go on|keep going|carry on|do|add|try)|say the word)\b"
    r"|\b(?:i can|i could)\b[^.!?:]*\b(?:if you|whichever)\b"
)
_OFFER_OPENS = re.compile(
    r"[^\w]*(?:(?:i can|i could|i'm glad to|i'd be glad to|glad to|happy to)\b[^.!?]*?"
    r"\b(?:if you(?:'d| would)? (?:want|like|prefer|rather)|you'd rather|whichever)\b"
    r"|want (?:to|the|a|an|more|me)\b[^.!?]*\?$|say the word\b"
    # a sequel named in a bare question: "Sequel where they merge shops?", "A part two from his side?"
    r"|(?:an? )?(?:sequel|follow-up|part (?:two|2))\b[^.!?]*\?$)"
)
OFFER_SENTENCES = 2
OFFER_SPAN = 400
_OFFER_HINT = re.compile(r"\b(?:glad|happy|you|whichever|want|shall|should|say|sequel|follow-up|part)\b", re.IGNORECASE)


def _sentences_of(text: str) -> list[str]:
    """The sentences of a stretch of one paragraph, split where _SENTENCE_END stops them."""
    return [sentence for sentence in _SENTENCE_END.split(text.strip()) if sentence.strip()]


def _closing_tail(paragraph: str, text: str) -> str:
    """The chatter on the last line of `text` (its last paragraph), after the story's last sentence, or ""."""
    # (the longer of the chatter and the offer: "Quick and breathless, as asked. Should I try a version where he goes
    # back down?" is an offer of two sentences, the question alone chatter)
    return (
        max(_tail_chatter(paragraph, text), _offer_tail(paragraph, text), key=len)
        or _pictograph_tail(paragraph)
        or _reader_question_tail(paragraph, text)
        or _semicolon_tail(paragraph, text)
    )


def _semicolon_tail(paragraph: str, text: str) -> str:
    """(the thirty-fourth round) A last sentence of the maker's aim and a hope joined by a semicolon, after a story told
    without "I": "...as though it has been waiting. I tried to make the island feel alive; hope it works for you."."""
    if "; " not in paragraph:
        return ""
    cut = _last_sentence(paragraph)
    at = cut.rfind("; ")
    if at < 0 or not _MAKERS_AIM.match(cut):
        return ""
    hope = _CHATTER.match(cut[at + 2 :])
    if hope is None or hope.start() != 0 or _says_i(prose.narration(text[: len(text) - len(cut)])):
        return ""
    return cut


# (the thirty-second round) A question put to the user about the story's people after it: "Do you think she should have
# gone down with Reyes?", "Who do you think left the message? I have my own theory, but I'd love to hear yours.", "Is she
# protecting Gerald, or just buying time? I'd love to know how you read her.", "What do you reckon — will Aldous ever
# notice her?" One to three sentences, the first a question that says no "I" or "we" of its own (a narrator's "Do you
# think I was wrong?" is the story's), one asking what the user thinks, each a question or in the assistant's words;
# not in a story that speaks to a "you" of its own (a letter's, a second-person hero's), nor inside speech.
_ASKS_THE_READER = re.compile(
    r"\b(?:do|would|did) you (?:think|reckon|suppose|figure)\b(?! (?:of|about)\b)|\bwhat do you reckon\b"
    r"|\bi'd (?:love|like) to (?:hear|know)\b|\bhow you read\b|\b(?:reads?|comes? across|lands?) as\b[^?]{0,60}\bto you\?"
)
_ASKS_HINT = re.compile(r"\?")  # (the first sentence asks: most stories' last lines hold no question mark)
_NARRATOR_WORD = re.compile(r"\b(?:i|i'm|i've|i'd|i'll|me|my|we|us|our)\b")
_YOUR = re.compile(r"\byour(?:s|self)?\b")
READER_SENTENCES = 3


def _closing_sentences(text: str) -> list[str]:
    """The sentences of a closing stretch, with their marks, lowercased with straight apostrophes."""
    return [part for part in _SENTENCE_SPLIT.split(text.strip().lower().replace("’", "'")) if part.strip()]


def _asks_the_reader(sentences: list[str], story: str) -> bool:
    """Whether these closing sentences (from _closing_sentences) put the user a question about `story`: not a
    character's line (in quotation marks, or unmarked in lowercase: "yes. who do you think read your application?"), nor
    one that asks about "your" things (the story's "you")."""
    # (a question in quotation marks ends on its mark, not on "?")
    if not 1 <= len(sentences) <= READER_SENTENCES or not sentences[0].endswith("?"):
        return False
    if _NARRATOR_WORD.search(first := sentences[0]) or _YOUR.search(first):
        return False
    if not any(_ASKS_THE_READER.search(sentence) for sentence in sentences):
        return False
    if not all(sentence.endswith("?") or _ASSISTANT_WORD.search(sentence) for sentence in sentences):
        return False
    return not _persons(story)[1]


def _reader_question_tail(paragraph: str, text: str) -> str:
    """The closing sentences of `paragraph` (the last of `text`) that ask the user about the story, or ""."""
    for head, tail in _tail_candidates(paragraph, READER_SENTENCES, _ASKS_HINT):
        if _asks_the_reader(_closing_sentences(tail), text[: len(text) - len(tail)]) and not (
            _inside_speech(head) or _inside_single_quotes(head)
        ):
            return tail
    return ""


# The closing sentences of the last paragraph from the one a pictograph stands in or opens, outside speech and italics:
# "...the tunnel had stopped breathing too. Sleep well 🙂", "...and he crossed the street. 🥐 A sequel from his side,
# maybe?" (a story's narration holds none: meta_talk rejects one, so a story that quotes a text message with one
# unmarked loses nothing it would have kept).
SIGN_TAIL_CHARS = 200


def _pictograph_tail(paragraph: str) -> str:
    found = _EMOJI.search(paragraph, max(0, len(paragraph) - SIGN_TAIL_CHARS))
    if found is None:
        return ""
    ends = [match.end() for match in _SENTENCE_END.finditer(paragraph, 0, found.start())]
    if not ends:
        return ""
    tail = paragraph[ends[-1] :]
    sentences = _sentences_of(tail)
    # (the pictograph ends the paragraph, or opens a last sentence that asks or exclaims: not "(Twist incoming! 😄) Oren
    # glanced at the door...", an aside inside the story, for the scorer)
    closes = _only_symbols(paragraph[found.start() :])
    opens = not paragraph[ends[-1] : found.start()].strip() and len(sentences) == 1 and tail.rstrip()[-1:] in "?!"
    if (
        not (closes or opens)
        or len(sentences) > OFFER_SENTENCES
        or any(mark in tail for mark in "\"“”*_")
        or _inside_speech(paragraph[: ends[-1]])
    ):
        return ""
    return tail


def _tail_candidates(paragraph: str, count: int, hint: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """The closing stretches of `paragraph` of up to `count` sentences in its last characters, longest first, as (head,
    tail), when `hint` is found in the longest (a paragraph without it holds none of the tails asked for)."""
    start = max(0, len(paragraph) - OFFER_SPAN)
    if not hint.search(paragraph, start):
        return  # (not in the last characters: not after any of their sentence ends either)
    ends = list(_SENTENCE_END.finditer(paragraph, start))[-count:]
    if ends and hint.search(paragraph, ends[0].end()):
        for found in ends:
            yield paragraph[: found.end()], paragraph[found.end() :]


def _offer_tail(paragraph: str, text: str) -> str:
    """The closing sentences of `paragraph` (the last of `text`) that offer the user more, or ""."""
    for head, tail in _tail_candidates(paragraph, OFFER_SENTENCES, _OFFER_HINT):
        sentences = _sentences_of(tail)
        if not sentences or len(sentences) > OFFER_SENTENCES or _inside_speech(head):
            continue
        lowered = [sentence.lower().replace("’", "'") for sentence in sentences]
        if not any(_OFFERS.search(sentence) or _OFFER_OPENS.match(sentence) for sentence in lowered):
            continue
        if _inside_single_quotes(head):
            continue
        story = text[: len(text) - len(tail)]
        own = _storys_own_words(story)
        registered = [_in_assistant_register(sentence, story) for sentence in sentences]
        offers = [_offers(sentence, own, said) for sentence, said in zip(lowered, registered)]
        if any(offers) and all(offer or said for offer, said in zip(offers, registered)):
            return tail
    return ""


_NEXT_PART = re.compile(r"\b(?:next|another|a second) (?:part|scene|chapter|instalment|installment)\b")


def _offers(sentence: str, own: frozenset[str], registered: bool) -> bool:
    """Whether a closing sentence (lowercased; `registered`: in the assistant's register) offers the user more, in
    words the story (saying `own`) does not own: opening on the offer, or in the register."""
    # (or speaking of the text: "The descent could be its own story, if you want it.", "Next part could take them inside
    # the city, if you're keen.", "I had fun with this one — let me know if you'd like more of...")
    found = _OFFER_OPENS.match(sentence) or (
        _OFFERS.search(sentence)
        if registered or _TEXT_WORDS.search(sentence) or _TEXT_TALK.search(sentence) or _NEXT_PART.search(sentence)
        else None
    )
    if found is None or _inside_speech(sentence[: found.end()]) or _inside_single_quotes(sentence[: found.end()]):
        return False  # (a character's offer: "'I can wait downstairs if you'd rather,' the book wrote.")
    # (a bare "Want...?" or "Say the word!" asks a "you")
    asks = {"you"} if sentence.lstrip("(*_ ").startswith(("want", "say the word")) else set()
    return bool(
        _TEXT_WORDS.search(sentence) or _TEXT_TALK.search(sentence)
        or (set(_ASSISTANT_WORD.findall(prose.narration(sentence))) | asks) - own
    )


_ASIDE_STARTS = re.compile(r"\s[—–(]|\s-{1,2}\s")


def _story_before_chatter(paragraph: str, story: str) -> int:
    """Where the assistant's words start in a closing paragraph taken as chatter whose first sentences are the
    story's (`story`: the paragraphs before it), or 0: each of those sentences leans clearly to the story's side of the
    asides measure (or is a line of speech) and says nothing of a made text, and what follows is the assistant's from
    its first word on (in its register, or over the measure's threshold)."""
    own = _storys_own_words(story)
    narrator_i = asides.narrator_says_i(prose.narration(story))
    measure = asides.model()
    for found in _SENTENCE_END.finditer(paragraph):
        head, tail = paragraph[: found.end()], paragraph[found.end() :].strip()
        if not tail or _inside_speech(head):
            continue
        told = prose.narration(head)
        lowered = told.lower().replace("’", "'")
        scores = [measure.score(sentence, narrator_i) for sentence in asides.sentences(told)]
        if (
            _TEXT_TALK.search(lowered) or _TEXT_WORDS.search(lowered) or _EMOJI.search(head)
            or not set(_ASSISTANT_WORD.findall(lowered)) <= own
            or (scores and max(scores) >= SPLIT_BAR) or (not scores and head.lstrip()[:1] not in "\"“")
        ):
            return 0  # (a longer head holds the same sentence)
        # (from the first word of its first sentence: not a story's sentence with a note after a dash, "I crawled the
        # last stretch toward them — kept it in first person throughout.")
        first = _ASIDE_STARTS.split(_SENTENCE_END.split(tail, maxsplit=1)[0], maxsplit=1)[0]
        opens = (
            _EMOJI.match(tail) is not None or _CHATTER.match(tail) is not None
            # (the measure's own word for the writer's)
            or any(measure.score(said, narrator_i) > measure.threshold for said in asides.sentences(prose.narration(first)))
        )
        if (opens or _in_assistant_register(first, story)) and (
            _in_assistant_register(tail, story) or _is_chatter_paragraph(tail, story)
        ):
            return found.end()
    return 0


def _story_lines_before_chatter(paragraph: str, story: str) -> int:
    """Where the assistant's lines start in a closing paragraph taken as chatter whose first lines are the story's
    (`story`: the paragraphs before it), or 0: a remark set on the line under the story's last paragraph, with no blank
    line between ("...and they argued about whose, every single day.\nTheir bickering never stops, and that was the joke
    I most wanted to land."). From the last line back, each line the assistant's (chatter in shape, in its register,
    commentary on the text, or over the asides measure's threshold), and the lines before them a plain telling."""
    lines = paragraph.rstrip().split("\n")
    # (lines of prose: not notes in a list or under a label, "• Focus: her conflict...", "**What I was going for:**")
    if len(lines) < 2 or any(_LIST_ITEM.match(line) or line.rstrip(" *_").endswith(":") for line in lines):
        return 0
    measure = asides.model()
    start = len(lines)
    while start > 1 and (
        _is_chatter_paragraph(line := lines[start - 1], story) or _in_assistant_register(line, story)
        or _comments_on_the_text(line) or max(_asides_scores(line, story), default=-math.inf) > measure.threshold
    ):
        start -= 1
    if start == len(lines):
        return 0
    head = "\n".join(lines[:start])
    return len(head) + 1 if head.strip() and _plain_telling(head, story) else 0


# Hoping of the text ("I hope this captures...", "Hope that made you smile", "I hope you enjoyed it") is the
# assistant's; a first-person narrator hopes of the story's own people ("I hope you're close", "I hope you'll
# write back"), and ends a tale told to someone ("Anyway. That's the story. You're here about the clock?").
_HOPE = re.compile(
    r"[^\w]*(?:i )?hope\b(?! (?:this|that|it) (?:one )?(?:helps|works|captures|fits|hits|made|makes|gives|gave|brings"
    r"|brought|is|was|suits|meets|matches|does|did|lands|landed|delivers|strikes|struck)\b)"
)
_TALE_TOLD = re.compile(r"[^\w]*that's the (?:story|tale|whole story)\b")
# ...and offers more of it to a listener: "If you like, I can tell you what it said on the third night."
_TELLS_MORE = re.compile(r"[^\w]*if you(?:'d| would)? (?:like|want)\b")
_OF_THE_TEXT = re.compile(
    r"\b(?:stor(?:y|ies)|tale|piece|version|ending|chapter|enjoy\w*|(?:the|a) read|like it|liked it|smile|tone|vibe"
    r"|(?:second|re-?)read|the clues|the balance you wanted"
    r"|works for you|(?:what|the way|(?:the )?(?:\w+ )?(?:feel|tone|mood|vibe|atmosphere|effect)) you (?:wanted|were (?:after"
    r"|hoping for)|had in mind|asked for))\b"
)


def _narrator_hopes(sentence: str, story: str) -> bool:
    """Whether `sentence` is a first-person narrator's hope or close (`story`: the text it ends, itself included)."""
    lowered = sentence.lower().replace("’", "'")
    return (
        (
            (_HOPE.match(lowered) is not None and _OF_THE_TEXT.search(lowered) is None)
            or (_TELLS_MORE.match(lowered) is not None and _TEXT_WORDS.search(lowered) is None)
            or _TALE_TOLD.match(lowered) is not None
        )
        and _says_i(prose.narration(story))
    )


PLAIN_TELLING_WORDS = 8


# The assistant explaining its story, in the paragraph before chatter already taken off (an offer, titles): the
# story's parts as made things ("the final line", "the central conflict", "the implication is"), with the maker's
# "I" ("I kept", "I avoided") or a reading in the present ("shows", "suggests", "is doing a lot of quiet work").
_TEXT_PARTS = re.compile(
    r"\b(?:(?:the|that|this) (?:final|last|opening|first|closing) (?:line|image|scene|beat|sentence|reveal|moment)|the ending|the twist"
    r"|the reveal|the (?:central|key|main|real|emotional|whole) (?:conflict|tension|idea|core|anchor|question|joke|point)"
    r"|the pac(?:e|ing)|at the end\b(?! of)|exposition|banter|sensory|imagery|atmosphere"
    r"|(?:make|makes|making) (?:\w+ ){0,3}feel\b|do(?:es)? (?:most of )?the (?:heavy )?(?:lifting|work)"
    r"|\bi wanted (?:[\w']+ ){1,4}to (?:feel|read|land|come across)\b"
    r"|the (?:idea|implication|joke|point|hook|pacing|tone|premise|structure|solution|detail)\b"
    r"|(?:the|this) (?:story|piece|tale|narrator|protagonist|reader|entry|entries)\b|emotional (?:core|anchor)"
    r"|turning point|plays? fair|offstage|sentimental\w*|ambigu\w+|unresolved|tip-off|quiet (?:kind of )?work"
    r"|main character|backstory|sequel|the comedy|the humou?r|the horror"
    # (the forty-first round) "...so finding the water feels earned", "turns the mystery into a question of love"
    r"|(?:feels?|felt) earned|the (?:mystery|puzzle|suspense|romance) (?:lands|comes|stays|turns|works|is)|turns the mystery"
    # (the forty-second round) "Ending on the father's saying about maps lets...", "Most of the atmosphere sits in the
    # first paragraph", "I held back any description of the lady", "Short sentences and sentence fragments carry..."
    r"|^\W*(?:ending|opening|closing) (?:on|with)\b|(?:the|that|this) (?:first|last|opening|closing|final|middle)"
    r" (?:paragraph|section|half)|description|(?:short|long|clipped) sentences?|sentence fragments"
    # ...and of w99's: "...so the dialogue does the detective work instead of the narration", "I wanted her restraint to
    # do the emotional work"
    r"|the (?:narration|dialogue|prose)\b|do(?:es)? the emotional work)"
)
_MAKER = re.compile(
    r"\bi (?:kept|avoided|used|tried|told|made|let|added|framed|liked|wanted|went|chose|left|gave|resisted|started"
    r"|focused|leaned|decided|deliberately|ended|opened|wrote|set|cut|built|held|had)\b"
)
_READING = re.compile(
    r"\b(?:shows|suggests|gives|makes|works|ties|marks|leaves|complicates|doubles|hinges|lets|keeps|means|carries"
    # (the forty-first round) "...turns the knocking from a mystery into an invitation", "The horror lands on the
    # whisper", "The ending stays small and quiet, letting...", "The rivalry is played through small jokes", "Second
    # person puts the reader's own hand on the rock", "The timestamps do the suspense work" (not a bare "keep" or "do the":
    # "how Wade came to keep the basement sealed", "Ended on the reveal line to keep it tight.", "Let the smells do the
    # flirting")
    r"|turns|lands|stays|letting|puts|refuses|is (?:told|played|kept|shown)|do(?:es)? (?:the |all the |quiet )(?:[\w-]+ )?"
    r"(?:work|duty)"
    # (the forty-second round) "The turn relies on the reader watching...", "sits in the first paragraph", "sets up an
    # old rhythm", "the sincere lines at the end land harder", "carry most of the speed", "the reader rereads the calm
    # opening", "reads as a real crack", "is only revealed in her last line", "speed up the pace"
    r"|relies on|sits in|sets up|land harder|carry|rereads|reads as|is (?:only )?revealed|speeds? up the"
    r"|felt right|felt truer|i think|is doing|is meant|is there|is the (?:emotional|central|key|real|whole)"
    r"|(?:idea|implication|joke|point|key|core|conflict|tension|solution|question|twist|detail) (?:is|was|i))\b"
)
COMMENT_CHARS = 600


def _comments_on_the_text(paragraph: str) -> bool:
    """A paragraph (or sentence) that explains the story as a made thing: its parts, with the maker's "I" or a
    reading of them. Asked next to chatter already found, or on its own with the asides measure (_remarks_on_the_craft)."""
    return _remark_shaped(paragraph) and _names_its_parts(prose.narration(paragraph))


def _names_its_parts(told: str) -> bool:
    """`told`: a paragraph's narration (prose.narration: lowercased, apostrophes straightened)."""
    return _TEXT_PARTS.search(told) is not None and (_MAKER.search(told) is not None or _READING.search(told) is not None)


def _remark_shaped(paragraph: str) -> bool:
    """Short, not opening on speech, not a list item (a list is offered_list's, with the line that introduces it)."""
    return not (len(paragraph) > COMMENT_CHARS or paragraph.lstrip()[:1] in "\"“" or _LIST_ITEM.match(paragraph))


# An opening that says how the story below was made: "I told this one as a series of journal entries, so...",
# "Here's a fast-moving chase. I kept the sentences clipped to match the van.", "The following story is
# presented as the navigator's journal."
_PRESENTED = re.compile(
    r"[^\w]*(?:certainly[.!,]\s*)?(?:the following|this|the) (?:[\w-]+ ){0,2}(?:story|tale|piece) is (?:presented|told"
    r"|written|framed|structured|set out)\b"
)
_HERES = re.compile(r"[^\w]*(?:[\w ]{0,20}[!.]\s*)?here(?:'s| is) (?:a|an|my|one)\b")
_MAKING = re.compile(
    r"\b(?:(?:first|second|third)[ -]person|(?:present|past) tense|this one|sentences|paragraphs|entr(?:y|ies)|narrator"
    r"|pacing|pov|the reader|piece(?! of)|format|structure|the ending)\b"
)
MAKING_CHARS = 400
# A word of every term of those two patterns, looked up before them (a test checks that they agree).
MAKING_HINTS = ("person", "tense", "this one", "sentences", "paragraphs", "entr", "narrator", "pacing", "pov",
                "the reader", "piece", "format", "structure", "the ending", " is presented", " is told", " is written",
                " is framed", " is structured", " is set out", "here's ", "here is ")
# "Here's a horror story that leans hard into the senses. I tried to make the hospital itself feel present...": the
# story named, then the maker's "I" on how it was made (in a story whose narrator does not say "I").
_HERES_A_STORY = re.compile(r"[^\w]*(?:[\w ]{0,20}[!.]\s*)?here(?:'s| is) (?:a|an|my) (?:[\w-]+ ){0,3}(?:story|tale)\b")


def _notes_the_making(paragraph: str, story: str = "") -> bool:
    """An opening paragraph that says how the story was made: a term of the craft with the maker's "I" or a
    "Here's a...", the story named as presented in some form, or "Here's a ... story" with the maker's "I"."""
    raw = paragraph.strip()
    if "\n" in raw or len(raw) > MAKING_CHARS or raw[:1] in "\"“":
        return False
    lowered = raw.lower().replace("’", "'")
    if not any(hint in lowered for hint in MAKING_HINTS) or (
        _MAKING.search(lowered) is None and _PRESENTED.match(lowered) is None and _HERES_A_STORY.match(lowered) is None
    ):
        return False  # most first paragraphs: nothing about a made text, quoted or not
    told = prose.narration(raw).lower().replace("’", "'")
    if _PRESENTED.match(told):
        return True
    if _HERES_A_STORY.match(told) and _MAKER.search(told) and not _says_i(prose.narration(story)):
        return True
    return _MAKING.search(told) is not None and (_MAKER.search(told) is not None or _HERES.match(told) is not None)


def _last_sentence(text: str) -> str:
    """The last sentence of `text` with the space before it ("" for text of one sentence or none)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text.rstrip() + " ")]
    return text[ends[-2]:] if len(ends) >= 2 else ""


def _only_symbols(part: str) -> bool:
    """A sign-off of pictographs alone ("🦖💛")."""
    return _EMOJI.search(part) is not None and re.search(r"[A-Za-z]", part) is None


# Words about a text that narration says as often ("He wrote to his sister", "this one has your name on it").
# ("here it is" and its kin: what a narrator says to someone, _SAID_TO_SOMEONE's)
_NARRATED_WORDS = frozenset(("write", "wrote", "writing", "written", "this one", "here it is", "here you are", "here you go"))


# The maker's note that ends on an offer, in one sentence: "I kept it short to let the mystery breathe, but I can
# expand it into a longer piece if you'd like."
_MAKERS_OFFER = re.compile(
    r"i (?:kept|made|left|ended|went|chose|focused|tried|wrote|told)\b[^.!?\n]{0,120}\b(?:i can|i could|happy to"
    r"|if you(?:'d| would)? (?:like|prefer|want))\b"
    # (the thirty-fourth round) the same asked: "Should I follow her into the second year?", "Should the real idol turn
    # up in part two?", "Want me to write the descent?", "Was the twist too neat? I can rough it up a little."
    r"|should i (?:follow|expand|reveal|leave|extend|continue|write|add|show|carry|pick|take|turn|keep|try)\b[^.!?\n]{0,100}\?"
    r"|should (?:the|they|she|he|it|[a-z]+) [^.!?\n]{0,80}\b(?:part (?:two|2)|a sequel|the next part|in the end|next chapter)\b"
    r"[^.!?\n]{0,60}\?|want me to (?:write|continue|show|add|try|expand|extend|carry)\b[^.!?\n]{0,80}\?"
    r"|was the (?:twist|ending|reveal|pacing|tone) too [a-z]+\?"
    # ...and offered: "I can add action beats between the lines if it feels too bare.", "If that's too bleak, I can write
    # a version where...", "There's room for a next chapter here", "Whether the professor follows them is up to you."
    r"|i can (?:add|ground|write|make|push|try|give|expand|extend|cut|trim|soften|darken)\b[^.!?\n]{0,80}\bif (?:it|this|that"
    r"|you)\b|if (?:that's|this is|it's) too (?:bleak|dark|sad|grim|much|quiet|slow|long|short|bare)\b[^.!?\n]{0,40}\bi can\b"
    r"|there's room for (?:a|another) (?:next )?(?:chapter|part|sequel|follow-up)\b"
    r"|(?:what happens next|whether [^.!?\n]{1,60}) is up to you\b"
)


_NAMED_FIRST = re.compile(r"\s*([A-Z][a-z]{2,})\b[^.!?\n]*[.!]\s*$")


def _of_a_character(head: str, story: str) -> bool:
    """Whether a short sentence opens on a name of the story's, a word it writes only with a capital ("Sable didn't
    look back." in a story of Sable the thief): the story's, however short."""
    named = _NAMED_FIRST.match(head)
    return named is not None and _story_name(named.group(1), story)


_NOT_NAMES = frozenset("the this that these those there then here she he they it its his her we you our your and but so "
                       "yes now done".split())


_SHE_ACTED = re.compile(r"\W*(?:he|she|they) [a-z]+ed\b")


def _register_tail(paragraph: str, story: str) -> str:
    """Of a closing paragraph of speech and then the assistant's words, with no phrase of chatter to end it, the
    assistant's: '..."It's counting down to when they stop waiting for our answer." Short and punchy, as requested!'
    (measured whole, the paragraph is the assistant's once its speech is set aside). The longest run of closing
    sentences in the register whose first sentence is too, after a line of speech, when what comes before is not."""
    quotes = [at for at in (paragraph.find('"'), paragraph.find("“")) if at >= 0]
    if not quotes:
        return ""
    for found in _SENTENCE_END.finditer(paragraph, min(quotes)):  # (a tail after a line of speech)
        start = found.end()
        head, tail = paragraph[:start], paragraph[start:]
        if not tail.strip() or _inside_speech(head):
            continue
        first = _SENTENCE_END.split(tail.strip(), maxsplit=1)[0]
        if (_in_assistant_register(tail, story) and _in_assistant_register(first, story)
                and not _in_assistant_register(head, story)):
            return tail
    return ""


def _plain_telling(head: str, story: str) -> bool:
    """Whether the sentences before a paragraph's chatter only tell the story: no word about a made text, no offer,
    no "you", and no "I" but a narrator's."""
    # (a note the story quotes in italics is the story's: "*He's been showing me how to let them in.*")
    told = prose.ITALICS.sub(" ", prose.narration(head)).lower().replace("’", "'")
    # a few words of its own are the chatter's too: "(Approx.", "— done.", "That's the setup.", "P.S." (a line of
    # speech is the story's: '"That," he said, "would be terrible."')
    spoken = len(told.split()) < len(head.split())
    short = (
        len(told.split()) < PLAIN_TELLING_WORDS and not spoken and not _of_a_character(head, story)
        and _SHE_ACTED.match(told) is None  # "He looked up at her and grinned."
    )
    if short or told.rstrip().endswith("?") or _CHATTER.search(told) or _moral(head, story):
        return False
    narrator_i, hero_you = _persons(story)
    # (a first-person narrator's "I wrote it." is the story's)
    if _TEXT_PARTS.search(told) or (_MAKER.search(told) and not narrator_i) or _OFFER.search(told):
        return False
    said = {match.group(0) for pattern in (_COMMENTARY, _TEXT_WORDS) for match in pattern.finditer(told)}
    if said - _NARRATED_WORDS:
        return False
    if set(_TEXT_TALK.findall(told)) - _NARRATED_WORDS or (_USER_YOU.search(told) and not hero_you):
        return False
    return narrator_i or _ASSISTANT_WORD.search(_USER_YOU.sub("", told) if hero_you else told) is None


# A moral said in the chatter's paragraph, before the offer: "Some stories are better left on the edge of the blade.
# I can continue this one if you'd like." One sentence of narration in the present ("is", "remains", "they're") about no
# one of the story's: no past ("looked", "was"), no name, no "he", "she", "I" or "you", no command; after a story told
# in the past.
# (a passive in the present is no past: "Some doors are sealed for the sake of the living.")
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|be|been|remains?|stays?|left) \w+ed\b")
_SOMEONE = re.compile(r"\b(?:he|she|his|her|him|i|me|my|you|your|don't|do not|didn't|wasn't|weren't|hadn't|couldn't)\b|\b\w{3,}ed\b")
_PRESENT = re.compile(
    r"\b(?:is|are|isn't|aren't|remains?|has|have|do|does|don't|doesn't|can|can't|will|won't|must|may|might|always"
    r"|it's|that's|there's|they're|we're|what's)\b"
)
STORY_PAST_CLAUSES = 3


def _named_in(word: str, story: str) -> bool:
    """Whether `word` is a name of the story's: written with a capital inside a sentence of it ("...said Sable.")."""
    return word.isalpha() and re.search(rf"(?<=[a-z,;] ){re.escape(word)}\b", story) is not None


def _a_name_of(word: str, story: str) -> bool:
    """Whether `word` is a name in `story`: said there, and never in lowercase (not "This", "Then")."""
    return re.search(rf"\b{word}\b", story) is not None and re.search(rf"\b{word.lower()}\b", story) is None


def _moral(head: str, story: str) -> bool:
    told = prose.narration(head).lower().replace("’", "'")
    return (
        len(_sentences_of(head)) == 1
        and len(told.split()) == len(head.split())  # no speech, no italics
        and "*" not in head and not head.rstrip().endswith("?")
        and _NAME_INSIDE.search(head) is None and not _named_in(head.split()[0].strip("*_"), story)
        and _PRESENT.search(told) is not None and _PAST_CLAUSE.search(told) is None
        and _SOMEONE.search(_PRESENT_PASSIVE.sub(" ", told)) is None
        and len(_PAST_CLAUSE.findall(prose.narration(story).lower())) >= STORY_PAST_CLAUSES
    )


def _inside_speech(before: str) -> bool:
    """Whether a quotation opened in `before` is still open, or a note in italics ("*Dinner Friday? Let me know.*")."""
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”") or before.count("*") % 2 == 1


def _inside_single_quotes(before: str) -> bool:
    """Whether a line in single quotes opened in `before` is still open: "'There. Nine days and one story." before
    "I hope you like it.'" (asked only of a tail about to be taken: apostrophes are everywhere)."""
    return len(_SINGLE_OPENS.findall(before)) > len(_SINGLE_CLOSES.findall(before))


# A single quote that opens a line of speech (at a word's start) and one that closes it (after the line's last mark);
# an apostrophe inside a word ("don't") is neither.
_SINGLE_OPENS = re.compile(r"(?:^|(?<=[\s(\[—–]))['‘](?=[A-Za-z])")
_SINGLE_CLOSES = re.compile(r"(?<=[,.!?…—–-])['’](?=[\s,.;:!?)\]—–]|$)")


_ASSISTANT_WORD = re.compile(r"\b(?:you|your|i|i'd|i'll|i'm|i've|me|my|let's)\b")
