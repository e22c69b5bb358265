"""The model talking instead of (or as well as) telling: refusals, meta-talk anywhere, echoed briefs.

- Meta-talk: the answer speaks about itself or to the user ("(I've made the detective older here)",
  "In this next part, I'll build tension", "The twist here is that...", "You asked for..."). Edges are
  cleaned (clean.py); what is left inside the story rejects it. Checked on the narration only: quoted
  speech belongs to the characters.
- Echo of the brief: "Story prompt: ... / Style modifier: ... / Genre: ..." header lines, or the
  prompt sentence said again and again, or a text made mostly of the prompt's word triples.
- Refusals: "I'm sorry, but I can't write that", "As an AI language model...", or a chatty opener
  ("Sure! Here's a story about a wizard:") with hardly anything after it.

Cut-offs are cutoff.py's.
"""

from __future__ import annotations

import re

from autotrain.catalog import STYLE_MODIFIERS
from autotrain.quality import asides
from autotrain.quality.prose import (
    LETTER_OPENING, PARAGRAPH_BREAK, PICTOGRAPHS, WORD, Guarded, capitalised, matches_any, without_speech,
)

# What keeps a letter's "Let me know when you're back from Gran's." from the assistant's "let me know" ("...when you're
# ready for part two" is the assistant's).
LETTERS_WHEN = r"(?! when you(?:'re| are| get| arrive)\b(?! ready))"
# ...and a note's bare "Let me know." ("Dinner Friday? Let me know."): the assistant says what to let it know.
BARE = r"(?!\.[\"”*_]*(?:\s|$))"
# What "you asked for" is said of when it is the brief: the text and its parts.
_ASKED_OF = (
    r"stor(?:y|ies)|tale|piece|twist|person|length|details?|pacing|dialogue|quality|conflict|tone|humou?r|ending"
    r"|style|mood|action|emotions?|genre|horror|mystery|romance|thriller|fantasy|sci-fi|adventure"
)
# The rest told as it would go: "The rest would go roughly like this:", "— that would be the climax" (in the story's
# place, for meta_talk; in chatter taken off after it, for plans_more).
_THE_REST_AS_IT_WOULD_GO = (
    r"\broughly like this:|\b(?:that|this|which) would be the (?:climax|twist|reveal|turning point|inciting incident"
    r"|midpoint)\b"
    # "anyway the rest is basically: ..."
    r"|\bthe rest is (?:basically|roughly|pretty much|sort of|kinda)\b"
)
# Each pattern runs only when one of its hints (plain substrings) is in the text, and starts with a literal
# so the regex engine can skip ahead: one pass over an 800-character story costs microseconds.
# What the writer asks of its draft's parts ("is the goat joke too silly?", "(too sentimental?)"), and the passes it
# leaves for later ("too many adjectives here, trim later").
_TOO_WHAT = ("silly", "talky", "much", "sentimental", "cute", "neat", "cheesy", "obvious", "similar", "alike", "abrupt",
             "on the nose", "many")
# Where a clause opens: the text's start, or just after a stop, a bracket, a dash or a line break (and a space).
_CLAUSE_START = r"(?:^|(?<=[.!?(\[—–\n])|(?<=[.!?(\[—–\n] ))"
_LATER_PASSES = ("trim", "revisit", "tidy", "tighten", "rename", "polish", "rework", "fix")
_META: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (hints, re.compile(pattern))
    for hints, pattern in (
        # asides in brackets addressed to the reader of the answer
        (("(", "["), r"[(\[] ?(?:(?:a )?(?:quick|brief|short|small) )?(?:note|nb|author'?s? (?:note|aside|comment)|aside\b)"
                     r"|[(\[] ?(?:i(?:'ve| have| made| chose| decided| wanted| kept| added"
                     r"| used|'ll| will|'m| am| went with| named| picked| gave)\b|this (?:part|section|scene|paragraph|line"
                     r"|version|could|can)\b|(?:insert|expand|continu\w*|more)\b)"
                     # an aside to the user anywhere in the brackets: "(... since you didn't specify a name)"
                     r"|[(\[][^)\]\n]{0,160}\b(?:(?:you|u) (?:didn't|did not|asked|wanted|prefer|specified|mentioned|told me|had (?:someone"
                     r"|something|anyone) in mind)|happy to (?:change|adjust|revise|swap|rewrite|expand))\b"
                     # square brackets speaking to the reader ("[Dim your lights before you read on.]") or a
                     # placeholder left in ("[Best Man's Name]", "[insert town]"): a story's own brackets do neither
                     r"|\[[^\]\n]{0,200}\byour?\b[^\]\n]{0,200}\]|\[insert\b"
                     r"|\[[^\]\n]{0,30}\b(?:name|location|place|city|town|date|title|character|protagonist)\]"
                     # "[Name of the previous owner / mystery writer]" (read lowercased)
                     r"|\[name of\b[^\]\n]{0,60}\]"
                     # the writer's instructions to itself: "[Establish the town and a few characters here...]",
                     # "[Build tension: ...]", "[Climax and ending still to be drafted.]"
                     r"|\[(?:establish|build|add|describe|expand|introduce|flesh out|consider|maybe|beat:)[^\]\n]{0,200}\]"
                     # "[He hesitates here, and the narrator should notice his hands]", "[funny line from the cabin
                     # boy here]", "[PARROT GAG? maybe the parrot knows]"
                     r"|\[[^\]\n]{0,200}\b(?:narrator|reader|protagonist) should\b|\[[^\]\n]{1,80} here\]"
                     # the senses tagged for the user: "...glistening like fat. [SIGHT]"
                     r"|\[(?:touch|sight|smell|sound|taste|hearing|scent)\]"
                     # "[ACTION SEQUENCE — fight in the stairwell, maybe 2–3 paragraphs. TBD.]"
                     r"|\[[^\]\n]{0,200}\b(?:tbd|todo)\b[^\]\n]{0,40}\]"
                     r"|\[[^\]\n]{1,60}\? ?maybe\b"
                     r"|\[[^\]\n]{0,80}\b(?:to be (?:drafted|written)|still to (?:be )?(?:draft|writ)\w*)\b[^\]\n]{0,40}\]"),
        # (the twenty-sixth round) the writer's notes on the text inside the story: "(cipher details left out for
        # brevity)", "(this bit is intentionally ambiguous)", "since I think the story is stronger without it", "I've
        # hinted at it, but I can change course", "[technobabble can be swapped for something more accurate]", "Note to
        # self: make the ending land harder in the next draft.", "— I'm not naming her on purpose; she stays a mystery
        # to him —", "trust me it's scarier", "Is this too slow? I can cut to the ending if so."
        ((" for brevity", " for length", " for space"),
         r"\b(?:left out|omitted|skipped|trimmed|condensed|shortened|summari[sz]ed) for (?:brevity|length|space)\b"),
        (("intentionally", "deliberately", "purposely", "purposefully", "meant to be"),
         r"\b(?:this|that) (?:bit|part|line|section|ending|passage) is (?:intentionally|deliberately|purposely|purposefully"
         r"|meant to be)\b"),
        (("the story ", "the piece ", "the scene ", "the ending "),
         r"\bthe (?:story|piece|scene|ending) (?:is|feels|works|reads|lands) (?:stronger|better|scarier|tighter|cleaner"
         r"|more \w+) (?:without|with|if|when|that way|this way|unexplained|unsaid|left)\b"),
        (("i can change", "i can switch", "i can swap", "i can go"),
         r"\b(?:but|and) i can (?:change course|change it|change that|switch it|swap it|go another way)\b"),
        (("can be ", "could be "),
         r"\[[^\]\n]{0,80}\b(?:can|could) be (?:swapped|changed|replaced|cut|expanded|adjusted|tweaked|reworked)\b"
         r"[^\]\n]{0,60}\]"),
        # (the forty-fifth round) the writer introducing its aside, and answering what the brief left open: "A quick
        # aside from me, not the gravedigger: I've fudged the burial customs...", "You didn't say whether you wanted a
        # classic whodunit or something modern, so I've gone classic." (m102; a second-person story's "you didn't say at
        # your father's grave" says no "so I")
        (("aside from me",), r"\baside from me\b"),
        (("you didn't ",),
         r"\byou didn't (?:say|specify|mention|give)\b[^.!?\n]{0,100}, so i(?:'ve|'ll| kept| went| chose| picked| made"
         r"| wrote| set| decided)\b"),
        # (the forty-fifth round: "Reminder to self: tighten this stretch.", m81-024)
        (("next draft", "note to self", "reminder to self"),
         r"\bin the next draft\b|\b(?:note|reminder) to self:?[^.!?\n]{0,60}\b(?:the (?:ending|opening|twist|scene|draft)"
         r"|(?:tighten|trim|polish|rework) this)\b"),
        # (the forty-sixth round) the writer's asides in plain prose, no bracket or label (a batch of such, m104,
        # kept 13 of 48): the reply's room, "That's about as much of the tower as fits in one reply", "about as far
        # as a single reply can take it"; the brief, "most faithful to the first-person instruction"; a change
        # offered, "You could easily soften that last revelation if it feels too neat."; the request as the reason,
        # "since only the opening was asked for", "all the request really called for"; a choice owned, "I've kept
        # the peril very mild here, which is deliberate."; the narrator's pose put on to speak of the writing, "Your
        # narrator will confess this scene was rewritten twice", "Your storyteller will admit most of the humour
        # here belongs to the cat", "And here the teller must stop, since only the opening was asked for". (A
        # storyteller of the story's world speaks of the tale, not of humour, drafts and requests: the tune half's
        # good answers and a batch of good stories told by such narrators, e58, hold none of these, and a batch of
        # good stories whose people speak of replies, requests and tellers, e61, lost none.) Left to the measures,
        # as a story's people say them too: "I'm starting on the beach rather than with the wreck" (e61: "I'm
        # starting with the red wire rather than the blue", five of twelve lost), "..., in case that wasn't clear.",
        # "what was requested", "the entire ask", "your brief", "the pace you wanted", "the brief calls for", "is a
        # figure for" (a batch of good stories whose letters, briefings and painters say them, e62, lost 26 of 48).
        # (every alternative holds one of the hints: most of them at its start, the request's at its end)
        (("fit in", "fits in", "fit within", "fits within", "as far as a", "as far as one", "as much as a",
          "as much as one", "a single reply", "a single response", "one reply", "one response", "person instruction",
          "person request", "person brief", "person ask", "you could", "asked for", "requested for", "called for",
          "which is deliberate", "which is intentional", "your narrator", "your humble", "your storyteller",
          "your teller", "your chronicler", "the teller", "this account", "the telling", "this telling"),
         r"\bfits? (?:in|into|within) (?:one|a single|this) (?:reply|response)\b"
         r"|\bas (?:far|much) as (?:a single|one) (?:reply|response)\b|\b(?:a single|one) (?:reply|response) can\b"
         r"|\b(?:first|second|third)[- ]person (?:instruction|request|brief|ask)\b"
         r"|\byou could (?:easily |always |also |just )?(?:soften|stretch|cut|swap|change|expand|trim|shorten|lengthen"
         r"|tone down|drop|rewrite|extend|tweak|adjust|darken|lighten) (?:this|that|the) (?:[a-z]+ ){0,2}(?:ending"
         r"|revelation|reveal|conversation|scene|line|part|bit|opening|dialogue|exchange|twist|section|paragraph|story"
         r"|piece|draft)\b"
         r"|\bsince (?:only |just )?(?:the|a|one|this) [a-z' -]{0,30}?\b(?:was|is) (?:all )?(?:that was |that's )?"
         r"(?:asked|requested) for\b|\b(?:since|as|because|all) (?:the|your) (?:request|prompt|brief) (?:really |actually )?"
         r"(?:called|asked) for\b|\bthe prompt (?:called|asked) for\b|\bthe (?:request|brief) (?:called|asked) for "
         r"[^.!?\n]{1,40}, so\b"
         r"|\bi(?:'ve| have) (?:kept|left|made|held|put|played) [^.!?\n]{1,60}\bwhich is (?:deliberate|intentional)\b"
         r"|\byour (?:humble )?(?:narrator|storyteller|teller|chronicler)\b[^.!?\n]{0,60}?\b(?:rewr(?:ote|itten)"
         r"|rework(?:ed)?|revis(?:ed|ing)|drafted|(?:been|was) asked|the humou?r|chosen not to)\b"
         r"|\b(?:the teller|this account|the telling|this telling) (?:must|has to|will have to|needs to) (?:stop|end"
         r"|leave)\b[^.!?\n]{0,60}\b(?:asked|request|brief|prompt|reply)\b"),
        (("on purpose",), r"(?<=[—–] )i'm (?:not )?[a-z]+ing\b[^—–\n]{0,60}\bon purpose\b"),
        (("trust me",), r"\btrust me,? it's (?:scarier|better|funnier|creepier|stronger|more \w+)\b"),
        # (the twenty-seventh round) the writer on what it leaves unsaid: "I haven't said which of them is which — that's
        # deliberate", "— I'll stop there; the silence after is the point."
        (("deliberate", "intentional", "on purpose", "the point"),
         r"\bi (?:haven't|have not|didn't|did not|won't|don't) (?:said|say|told|tell|named|name|revealed|reveal|explained"
         r"|explain|specified|specify)\b[^.!?\n]{0,80}\b(?:that's|that is|this is|it's) (?:deliberate|intentional|on purpose)\b"
         r"|\bi'll (?:stop|end|leave it) (?:there|here)\b[^.!?\n]{0,40}\bis the (?:point|idea)\b"),
        (("? i can",), r"\bis (?:this|that|it) too (?:slow|long|short|dark|much|fast|bleak|grim)\? i can\b"),
        # the writer's terse directions to itself: "Present tense from here.", "Short lines from here on, for speed.",
        # "Tone shifts here.", "Dialogue kept clipped, like people who just met."
        (("tense from", "from here on", "tone ", "pacing", "dialogue ", "lines "),
         r"\b(?:present|past) tense from here\b|\bfrom here on,? for (?:speed|pace|pacing|tension|effect)\b"
         r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?:tone|pacing|dialogue|short lines|sentences) (?:shifts|stays|should stay|kept|slows|speeds"
         r"|gets|goes) [^.!?\n]{0,30}?\b(?:here|from here(?: on)?|now)\b[^.!?\n]{0,20}[.!]"),
        # "and I'll leave what he found there for you to imagine"
        (("for you to ",), r"\bi'll leave\b[^.!?\n]{0,50}\bfor you to (?:imagine|guess|decide|picture|fill in)\b"),
        # the answer as one message of a chat: "in the next response", "say 'go on' for more", a story in parts
        # (the hints of a part by its number, not "part ": "took part in" and "part of the roof" are in many stories, and the
        # pattern's search costs ~125 us a story)
        (("next response", "next message", "next reply", "next answer", "so far:", "continued", "part one", "part two",
          "part three", "part i", *(f"part {digit}" for digit in "0123456789"), "next part"),
         # (not a message the story's people get: "It's fine, the next message said.")
         r"\bnext (?:response|message|reply|answer)\b(?! (?:said|says|read|reads|came|comes|arrived|was|to come)\b)"
         r"|(?:^|\n)\s*(?:the )?story so far\s*:|\bto be continued\b"
         r"|(?:^|\n)\s*(?:\*\*)?part (?:\d+|one|two|three|i+) of (?:\d+|two|three|four|five)\b"
         # the parts to come, told in the story's place: "ok so thats part 1! in part 2 shed start losing...",
         # "then part 3 is the big showdown"
         r"|\bthat'?s part (?:1|one)\b|\bthen part (?:2|3|two|three) is\b"
         r"|\bin part (?:2|two),? (?:she|he|they|we|i)(?:'?d| would| will)\b"
         r"|\bin the next part,? (?:she|he|they|we|i)(?:'?d| would| will)\b"),
        # the rest told as it would go, in the story's place: "The rest of the story would go roughly like this:",
        # "Next, Rae would follow the goats... — that would be the climax."
        (("the rest of", "the rest is", "roughly like this", "would be the "),
         r"\bthe rest of (?:the story|the tale|it) (?:would|unfolds|goes|plays out)\b|" + _THE_REST_AS_IT_WOULD_GO),
        # alternatives offered instead of one story: "Option A:", "Version 2:", "Alternatively, the story could"
        (("option ", "version ", "alternative", "alternate", "draft ", "ending ", "v1", "v2", "v3", "v4", "attempt",
          "take 1", "take 2", "take 3", "take 4", "take one", "take two", "take three"),
         # (not a draft the story quotes: "Draft one read: I think something has changed in me.")
         r"(?:^|\n)\s*(?:\*\*)?(?:option|version|draft|alternative|take|ending)\s+(?:[a-c1-4]|one|two|three)\b"
         r"(?! (?:read|reads|said|says|went|ran|was)\s*:)[^\n]{0,40}:"
         r"|(?:^|\n)\s*(?:\*\*)?(?:alternative|alternate) (?:ending|version|take|opening)\b[^\n]{0,40}:"
         # "v1:", "v3 (darker):", "second attempt w/ an actual twist:"
         r"|(?:^|\n)\s*v[1-4]\b[^\n]{0,20}:|\b(?:first|second|third) attempt\b[^.!?\n]{0,40}:"
         # "**Ending 1 (bittersweet):**", "**Ending (version 1):**", "Version 1 keeps the threat ambiguous"
         r"|(?:^|\n)[\s*_]*ending (?:[1-4]|one|two|three|a|b)\b[^\n]{0,30}:|(?:^|\n)[\s*_]*ending \((?:version|option) "
         r"(?:[1-4]|one|two)\)\s*:|\bversion (?:1|2|one|two) (?:keeps|is|has|makes|leaves)\b"
         r"|alternatively,? (?:the|this) (?:story|scene|ending|piece) (?:could|might|would|can)\b"),
        # the answer describing how it is built
        # the writer correcting itself or steering the telling in the story's place: "Wait, I said seven, but let's
        # make the tower nine floors instead", "Short sentences only from here.", "Sorry, this section runs a bit
        # long", "I'm deliberately not naming the island"
        (("wait", "instead"), r"\bwait\W{0,3} i (?:said|meant|wrote|had|called|named)\b|\blet's make (?:it|them|him|her|the [a-z]+) [^.!?\n]{0,30}"
                              r"\binstead\b"),
        (("sentences ",), r"\b(?:short|shorter|long|longer) sentences (?:only|from here|now)\b"),
        # the writer stopping, restarting or leaving the rest to decide in the story's place: "ok i'm gonna stop here bc
        # this is already getting long", "nah that's too slow, starting over:", "next bit is him ditching the package",
        # "Rest TBD."
        (("gonna stop", "gonna pause", "going to stop", "going to pause", "starting over", "next bit", "tbd", "clich",
          "scrap that", "try again:", "to keep it short", "brevity", "re-reading", "rereading", "come at it",
          "is reading", "i'm writing", "the pace", "anyone asks", "i was writing", "my favourite", "my favorite",
          "trying again", "start with"),
         r"\b(?:gonna|going to) (?:stop|pause) (?:it |this )?(?:right )?(?:here|there)\b|\bstarting over:"
         # "— Okay, I'm going to skip ahead a bit here to keep it short —"
         r"|\b(?:skip|jump) (?:ahead|forward)\b[^.!?\n]{0,40}\b(?:to keep it short|for brevity)\b"
         # the writer reading its draft back and starting again: "Hmm. Re-reading that, it's way too slow for...",
         # "Let me come at it again from a different angle."
         r"|\bre-?reading (?:that|this|it)\b,? (?:it's|it is|that's|this is|i)\b|\bcome at (?:it|this) again\b"
         # "Hmm — no, this is reading like an inventory", "now that I'm writing it I think her old teacher hits harder"
         r"|\bthis is reading (?:like|as)\b|\bnow that i'm writing (?:it|this)\b"
         # "Okay — picking up the pace from here.", "before anyone asks — no, I'm not going to...", "it didn't feel true to
         # her as I was writing her", "This next part is my favourite."
         r"|\b(?:picking|pick|slowing|slow|speeding|speed) (?:up|down) the pace (?:from here|now)\b|\bbefore anyone asks\b"
         r"|\bas i was writing (?:her|him|them|it|this)\b|\bthis next (?:part|bit|scene|line) is my favou?rite\b"
         # "No, wait. I want to start with her, not the letter. Trying again:"
         r"|\btrying again:|\bi want to start with\b"
         r"|\bnext bit (?:is|would be)\b"
         r"|\b(?:rest|remainder|ending|end|title|names?) tbd\b"
         # "hmm no wait, that's too cliche, hold on", "nah scrap that, too plain for atmospheric. try again:"
         r"|\btoo clich(?:e|é|ed)\b|\bscrap that\b|\btry again:"),
        # (the fifty-first round) the story's person or tense named as the writer's choice that felt right or suits
        # it: "First person felt right because she's alone down there...", "Present tense because it felt closer.",
        # "First person suits a confession." (no good answer of the tune half says so; seven meta-talk answers kept
        # before did). Not someone who came first: "The first person through the door seemed calm."
        (("first person", "first-person", "second person", "second-person", "third person", "third-person",
          "present tense", "past tense"),
         r"(?<!\bthe )(?<!\ba )(?<!\bno )(?<!\bevery )\b(?:(?:first|second|third)[- ]person|(?:present|past) tense)\b"
         r"[^.!?\n]{0,40}\b(?:felt|feels|seemed|seems|works?|worked|suits?|suited|fits?|fitted|made sense|makes sense"
         r"|was the right|is the right)\b"),
        # the writer weighing the telling aloud: "That's what I'd lean into.", "Should it stay this silly, or come
        # down a notch?"
        (("lean into", "should it "), r"\bi'd lean into\b|\bshould it (?:stay|be) (?:this|that|more|less)\b"),
        (("this section ", "this part ", "this scene ", "this paragraph ", "this chapter "),
         r"\bthis (?:section|part|scene|paragraph|chapter) (?:runs|is running|ran) (?:a bit |a little |rather )?"
         r"(?:long|short)\b"),
        (("deliberately", "intentionally", "purposely"),
         r"\bi'm (?:deliberately|intentionally|purposely) (?:not )?(?:naming|describing|showing|explaining|revealing"
         r"|giving|leaving)\b"
         # "I've deliberately not explained who 'she' is."
         r"|\bi(?:'ve| have) (?:deliberately|intentionally|purposely) (?:not )?(?:named|described|shown|explained|revealed"
         r"|given|left|kept)\b"),
        # (the twenty-seventh round) the writer's doubt about a part of its text, and its offer to change it: "I'm not
        # certain that last line lands", "Not sure the rival crew isn't one joke too many", "— I ended on a soft note
        # there, but I can give it a sharper, more competitive finish if you prefer."
        (("not sure", "not certain", "unsure", "too many"),
         r"\b(?:not (?:sure|certain)|unsure)(?: if| whether| that)? (?:the|this|that) (?:last |final |first |opening "
         r"|closing |middle )?(?:line|sentence|paragraph|ending|twist|joke|gag|beat|scene|bit|part|section|image|metaphor"
         r"|reveal|title)s?\b[^.!?\n]{0,40}\b(?:lands|land|works|work|reads|is too|isn't|needs|might need|earns)\b"
         r"|\bone (?:joke|gag|beat|twist|scene|line|flourish|detail|stunt|smell|image) too many\b"),
        # (the twenty-seventh round) the writer's terse notes to itself on the draft, inside the story: questions about
        # a part of it ("Maybe too much fog here?", "More sound here?", "Does the joke land?", "Should the letter be
        # longer?", "More banter, or less?", "Smell of the van, keep or cut?", "(smell okay?)", "(too many plants?)",
        # "[time?]") and notes on what to change or why it stands ("Maybe cut this line?", "Could speed this up more.",
        # "Her name could change.", "Okay, twist now.", "Going for speed here.", "Still unsure about this ending.",
        # "Tense feels off, fix later.", "Jargon kept light on purpose.", "[chase could use one more obstacle]",
        # "[need a better word than 'breathed']", "(made her a retired PE teacher, for fun)", "though maybe the twist is
        # too neat", "Cutting it there, more suspense that way.", "(bit of a cliché, sorry)", "Bit bleak, I know.")
        (("here?",),
         r"(?:^|(?<=[.!?]\s)|(?<=[(\[]))(?:maybe |perhaps )?(?:too much|too many|more|less|not enough|a bit more|a bit less)"
         r" [a-z]+(?: [a-z]+)? here\?"),
        (("maybe ", "perhaps "),
         r"(?:maybe|perhaps)(?<![a-z]maybe)(?<![a-z]perhaps) (?:(?:cut|trim|add|change|drop|lose|swap|expand|move|shorten"
         r"|tighten) (?:this|that|the|a|an|one) (?:[a-z]+ )?(?:line|bit|part|scene|paragraph|sentence|word|image|ending|detail"
         r"|name|beat|obstacle)\b|the (?:twist|ending|line|image|reveal|joke|pun|opening|title) is too\b)"
         r"|maybe(?<![a-z]maybe) (?:trim|tighten|punch (?:it|this) up)\b"),
        (("does the ", "did the ", "does this ", "did this ", "does that ", "did that "),
         r"d(?<![a-z]d)(?:oes|id) (?:the|this|that) (?:joke|line|twist|ending|image|metaphor|reveal|pun|gag|humou?r) (?:land"
         r"|work)\b"),
        (("should the ", "should this ", "[should "),
         r"should(?<![a-z]should) (?:the|this) (?:letter|ending|scene|story|line|opening|chapter|paragraph|twist|note) be "
         r"(?:longer|shorter|bleaker|darker|lighter|funnier|sadder|happier|quieter|more|less|cut)\b|\[should [^\]\n]{1,80}\?"),
        (("or less?", "or more?"),
         r"(?:more|less)(?<![a-z]more)(?<![a-z]less) (?:banter|dialogue|description|detail|action|tension|humou?r|sound|smell"
         r"|gore),? or (?:less|more)\?"),
        (("keep or cut", "could speed", "could slow", "could tighten", "could trim", "could shorten", "could use"),
         r"keep or cut\b|could(?<![a-z]could) (?:(?:speed|slow) (?:this|it) (?:up|down)|(?:tighten|trim|shorten) (?:this|it))\b"
         r"|\[[^\]\n]{0,60}\bcould use (?:one |a |another )?(?:more|another|better|extra)\b[^\]\n]{0,40}\]"),
        (("is this too", "is that too", "is it too"),
         r"is(?<![a-z]is) (?:this|that|it) too (?:dark|light|bleak|grim|silly|sad|much|slow|long|short) for the (?:humou?r"
         r"|tone|brief|story|genre|prompt|style|mood)\b"),
        (("okay", "?)", "?]", "name could", "need a", "for fun", "worked out"),
         r"\((?:[a-z]+ )?(?:okay|ok)\?\)|\((?:maybe |perhaps )?too (?:much|many|quiet|loud|long|short|dark|slow|fast|neat"
         r"|bleak|[a-z]+ [a-z]+)\?\)|\[[a-z]{2,20}\?\]"
         r"|\b(?:his|her|their|the) name could (?:change|be changed|be different)\b"
         r"|(?:^|(?<=[.!?]\s)|(?<=\n))(?:ok(?:ay)?|right|alright),? (?:twist|reveal|climax|ending|flashback) (?:now|time|here)\b"
         r"|\b(?:need|needs) a (?:better )?(?:name|word|verb|title|line|image) (?:here|for|than)\b"
         r"|\((?:made|making) (?:her|him|them|it) [^()\n]{0,40}\bfor fun\)|\bto be worked out\]"),
        # ...and more of them, inside the story: "Setting feels heavy, maybe trim later.", "Weaker image than I wanted,
        # come back to this.", "Opening's a bit flat, maybe punch it up.", "Rework that first line maybe.", "Might end
        # one beat sooner, not sure.", "probably needs one more obstacle in the middle, will add", "[year? 1941 or
        # 1943, check]", "[his name here]", "Deliberately never showing the thing. Keep it that way?", "I leaned hard on
        # the fog since the brief asked for atmosphere; can ease off.", "ending might be a touch too sweet, could dial it
        # back", "Still need to decide whether the groom notices", "Gold or silver? Pick one and stick to it."
        (("come back to this", "rework ", "might end ", "one more ",
          "check]", "name here]", "keep it that way?", "since the brief", "since the prompt", "can ease off",
          "dial it", "need to decide", "stick to it"),
         r"\bcome back to this[.!]"
         r"|rework(?<![a-z]rework) (?:that|this|the) (?:first |last |opening |closing )?(?:line|sentence|paragraph|opening"
         r"|ending)\b|might end (?:a|one) (?:line|beat|sentence|paragraph|scene) (?:earlier|sooner)\b"
         r"|\bneeds? one more (?:obstacle|beat|scene|twist|complication)\b|\[[^\]\n]{0,60}\bcheck\]"
         r"|\[(?:his|her|their|the) name here\]|\bkeep it that way\?|since the (?:brief|prompt) (?:asked|said|wanted|called)\b"
         r"|\bcan ease off\b|\bcould dial it (?:back|up|down)\b|\bstill need to decide\b|\bpick one and stick to it\b"),
        # ...and its questions about the draft's quality, and the passes it leaves for later: "is the goat joke too
        # silly?", "too talky? might cut a line.", "pace okay here?", "(too sentimental?)", "(sound effect ok?)", "(is
        # the haunting tone strong enough?)", "too many adjectives here, trim later.", "[CITY, decide later]", "(ghost
        # name: TBC)", "[check: six guests or seven? recount]", "I think this part drags a bit.", "opening could be
        # stronger.", "not sure this reveal is earned.", "[swap Paris landmark if needed]", "twist may be too neat"
        (tuple(f"too {word}" for word in _TOO_WHAT),
         r"(?:^|(?<=[.!?]\s)|(?<=[(\[]))(?:is (?:the|this|that|his|her) [a-z' ]{1,30} |(?:pace|pacing|tone|ending|opening"
         r"|dialogue|names?|twist|reveal|joke|image|title) )?(?:still )?too (?:"
         + "|".join(_TOO_WHAT) + r")(?: [a-z ]{1,20})?\?"),
        (("okay?", "ok?", "okay here?", "ok here?", "still a bit", "enough?)"),
         r"\b(?:pace|pacing|tone|ending|opening|dialogue|sound effect|names?|twist|reveal|joke|image|title) (?:(?:still )?(?:okay"
         r"|ok)(?: here)?|still a bit [a-z]+)\?|\b(?:strong|clear|creepy|funny|scary|tense|vivid) enough\?\)"),
        (tuple(f"{verb} {what}later" for verb in _LATER_PASSES for what in ("", "it ", "this ", "that ")),
         r"\b(?:" + "|".join(_LATER_PASSES) + r") (?:it |this |that )?later\b"),
        (("decide later", "tbc)", "tbd)", "tk)", "[check", "makes sense", "drags", "if needed]", "may be too", "might be too", "say if not", "in case you", "ending i could", "i set this"),
         r"[\[(,][^\])\n]{0,40}\bdecide later[\])]|\([^()\n]{0,40}\b(?:tbc|tbd|tk)\)|\[check\b"
         r"|\bcheck (?:the|this|that) [a-z ]{1,20} makes sense\b|\bthis (?:part|bit|section|scene|paragraph) drags\b"
         r"|\bif needed\]"
         r"|\b(?:twist|ending|reveal|joke|line) (?:may|might) be too\b|\bsay if not\b|\bin case you(?:'d| would) like\b"
         r"|\bending i could give\b|\bi set this (?:in|at|during) [^.!?\n]{1,40}\b(?:to|for|because|since|so)\b"),
        (tuple(f"could be {word}" for word in ("stronger", "better", "sharper", "tighter", "clearer", "punchier")),
         r"\b(?:opening|ending|title|line|twist|reveal|dialogue) could be (?:stronger|better|sharper|tighter|clearer"
         r"|punchier)\b"),
        (("i might ",),
         r"\bi might (?:change|cut|rework|redo|swap|rewrite) (?:this|that|the) (?:last |final |opening |first )?(?:line|image"
         r"|ending|name|title|word|bit|sentence|paragraph|scene)\b"),
        (("going for", "unsure", "not sure", "on purpose", "deliberately", "cutting it", "cutting this", "clich", "i know",
          "hope the", "i kept it", "i kept this", "i kept the story", "i kept things", "too much to cut", "wasn't sure", "say if you", "if you want it"),
         r"(?:^|(?<=[.!?]\s)|(?<=\n)|(?<=[(\[]))going for (?:speed|pace|tension|atmosphere|mood|humou?r|menace|dread"
         r"|suspense)\b"
         r"|\b(?:still )?(?:not sure|unsure) about (?:the |this |that )?(?:(?:present|past) tense|(?:last |final |opening "
         r"|closing )?(?:line|ending|opening|title|twist|image|name|scene|paragraph))\b"
         r"|\bnot sure (?:this|the|that) [a-z]+ is (?:(?:long|short|clear|dark|funny|scary|tense|quiet|loud|strong) enough"
         r"|earned|working|right)\b"
         r"|\bkept (?:light|short|simple|vague|brief|minimal) on purpose\b"
         r"|\bkept [^.!?\n]{0,30}\b(?:offscreen|off-screen|off the page|vague|ambiguous)\b[^.!?\n]{0,10}\b(?:deliberately"
         r"|on purpose|intentionally)\b"
         r"|(?:^|(?<=[.!?]\s)|(?<=\n))cutting (?:it|this|things) (?:off )?(?:there|here)\b|\bbit of a clich"
         r"|(?:^|(?<=[.!?]\s)|(?<=[(\n]))(?:a )?bit (?:bleak|mean|dark|much|grim|cheesy|silly|long|slow|obvious|sad)\b"
         r"[^.!?\n]{0,20}, i know\b"
         r"|\bhope the (?:humou?r|joke|twist|ending|tone|line|reveal|image|pun|mood) (?:lands|works)\b"
         r"|\bi kept (?:it|this|the story|things) (?:short|brief|tight|simple)\b|\btoo much to cut (?:her|him|them|it)\b"
         r"|\b(?:wasn't|was not) sure whether to (?:end|start|open|close|cut|stop)\b|\bsay (?:so )?if you(?:'d)? (?:want|like"
         r"|prefer)\b|\bif you want (?:it|this|them) (?:longer|shorter|darker|lighter|different|changed|funnier|sadder"
         r"|bleaker)\b"),
        (("if you",),
         r"\bi can (?:give|make|write|change|rewrite|turn|take|cut|add|expand|extend|tweak|adjust|darken|lighten|sharpen"
         r"|soften|end) (?:it|this|the (?:story|ending|piece|scene|tone|twist|finish))\b(?! up\b)[^.!?\n]{0,80}"
         r"\bif you(?:'d)? (?:prefer|like|want|wish|would like|would prefer)\b"),
        (("in this ",), r"in this (?:next |final |first |last |opening |closing )?(?:part|section|paragraph|scene"
                        r"|story|version|draft|passage|piece|response|take)\b[^.!?\n]{0,60}\b(?:i(?:'ll|'ve|'d| will"
                        r"| have| would| want| chose| tried)|we (?:see|follow|meet)|the (?:reader|protagonist|story"
                        r"|tension)|you'll)\b"),
        (("i'll ", "i will ", "going to "), r"i(?<![a-z]i)(?:'ll| will| am going to|'m going to) (?:now )?(?:build|add"
                        r"|introduce|show|focus|describe|end|continue|heighten|raise|create|establish|reveal|keep the"
                        r"|write|expand|develop|shift|close)\b[^.!?\n]{0,40}\b(?:tension|suspense|twist|scene|story"
                        r"|reader|character|passage|pacing|atmosphere|mood|conflict|ending|detail)"),
        (("here",), r"here(?:'s| is) how i(?:'d| would)\b|here(?:'s| is) the (?:next|rest|second|final|last) (?:part|section"
                    r"|bit|half|scene)\b"),
        # a note to the reader as a paragraph of its own, before the story is over
        (("note", "n.b.", "recap", "summary", "sum up", "summari"), r"(?:^|\n)[\s>]*[*_]{0,2}(?:(?:a )?(?:quick|brief|short|small) )?(?:note|notes|author's note"
                           r"|editor's note|n\.b\.)(?: (?:on|about|before|after|for|regarding) [^:\n]{1,40})?(?:\*\*)?\s*:"
                           # a recap for the user: "Quick recap for you at this point: Rosa has crashed..."
                           r"|(?:quick|brief|short) (?:recap|summary)\b[^:\n]{0,40}:"
                           r"|(?:recap|sum up|summari[sz]e)\b[^.!?:\n]{0,40}\bfor you\b"),
        # (the forty-fourth round: a story's "the books he knew I'd open next", e54-034, plans no text)
        (("i'd ", "i would "), r"i(?<![a-z]i)(?:'d| would) (?:approach|open|start|begin|end|frame|structure|focus"
                               r"|have [a-z]+ (?:say|do|notice|realize|discover)|like to avoid|prefer to avoid"
                               r"|be happy to (?:help|write|try|create|adjust|revise))\b(?! next\b)"),
        (("the story ", "the narrative ", "the scene ", "the passage ", "the piece "),
         r"the(?<![a-z]the) (?:story|narrative|scene|passage|piece) (?:would|will|could) (?:open|begin|start|end"
         r"|follow|focus|center|centre|close|continue|go on) (?:with|on|by|in|as|at|when|where)\b"),
        # the answer describing itself in the middle: "This story adds a touch of gentle humour."
        (("this story ", "this tale ", "this piece ", "this passage ", "this version "),
         r"this (?:story|tale|piece|passage|version) (?:adds|uses|leans|blends|explores|captures|aims|strikes"
         r"|incorporates|features|keeps the|is meant|tries)\b"),
        (("twist",), r"twist (?:here )?(?:is|was|would be|will be) that\b"
                     r"|twist (?:works|reframes|recontextuali[sz]es|reveals|lands)\b"),
        (("the reader", "the user"), r"you,? the (?:user|reader)\b|(?:gives|give|leaves|leave|lets|let|keeps|keep|shows|show|tells|tell) the reader\b"
                          r"|the reader(?:'s)? (?:will|would|can|should|might|may|is left|feels|sees|learns|knows"
                          r"|understands)\b"),
        (("request", "asked for", "prompt", "word c", "narrative ", "style modifier", "style note", "let me", "as an ai",
          "language model", "an ai", "brief", "instruction",
          # (the text above and the person it is told in, by the words before them: "above" and "person" alone are in
          # many stories, and the pattern's search costs ~125 us a story)
          "everything above", "story above", "text above", "passage above", "piece above", "first person", "first-person",
          "second person", "second-person", "third person", "third-person"),
         # ("you asked for" of the text, not a letter's "You asked for news from the farm")
         r"\b(?:as|like) (?:you )?requested\b|(?:" + _ASKED_OF + r") you asked for\b"
         r"|you asked for\b(?=[^.!?\n]{0,60}\b(?:" + _ASKED_OF + r"|short)\b)"
         # (the forty-fourth round: a terminal's "the cursor at the prompt", e53-013, e53-045, is not the brief)
         r"|per your request\b|(?<!\bat )(?:the|your|this) prompt\b(?! of\b)"
         r"|word (?:count|choice)s?\b|narrative (?:hook|arc|device|purpose|choice)\b|style modifier\b"
         r"|let me (?:continue|try|rewrite|revise|expand|know" + LETTERS_WHEN + BARE
         + r"|restart|start over|start again|redo|rephrase|rework|fix|correct"
         r"|go again|take another (?:run|pass|go|shot)|(?:open|start|begin) (?:somewhere|elsewhere)"
         r"|think about how|think about what"
         r"|adjust|double-check|recheck|re-check|reconsider)\b"
         # the brief's instructions named inside the story: "In keeping with the request to add humour"
         r"|(?:in keeping with|following|to honou?r|to meet|to fit|to match|per) (?:the|your) (?:request|brief|prompt"
         r"|instructions?|style (?:modifier|note|request))\b|as an ai\b|language model\b|i(?:'m| am) an ai\b"
         # the answer pointing at itself: "everything above is narrated in the first person"
         r"|(?:everything|the story|the text|the passage|the piece) above\b"
         r"|(?:is|was|are|been) (?:narrated|written|told) (?:entirely )?in the (?:first|second|third)[- ]person\b"),
        (("you ", "easy to change"),
         r"(?:could|can|would) you (?:clarify|tell me|let me know|specify|confirm|say more)\b"
         # a choice put to the user: "or would you rather it stay unexplained? ... that's easy to change"
         r"|would you rather (?:it|i|the|we|this|that|they|he|she)\b|(?:that's|that is|it's|it is) easy to change\b"),
        # an interactive story: "Reply LEFT to send them into the temple, and I'll carry on with the next chapter"
        (("reply ", "type ", "you pick", "you choose", "you decide", "carry on", "you can pick", "you prefer"),
         r"(?:reply|type|answer|comment)(?<![a-z]reply)(?<![a-z]type)(?<![a-z]answer)(?<![a-z]comment) (?:with )?"
         r"[^.!?\n]{0,30}\bto (?:send|make|have|let|choose|pick|see|take)\b"
         r"|based on (?:what|which|whatever) you (?:pick|choose|decide)\b|i(?:'ll| will) carry on (?:with|from)\b"
         r"|you can pick\b|whichever you prefer\b"),
        # the writer stopping for more: "I'm going to pause here...", "With more context I can write the rest"
        # ("write the rest" and "finish the rest", not "the rest", which many stories say)
        (("pause here", "pause there", "stop here", "write the rest", "finish the rest", "context", "how long"),
         r"(?:pause|stop)(?<![a-z]pause)(?<![a-z]stop) (?:here|there)\b[^.!?\n]{0,40}\b(?:because|since|for now|until)\b"
         r"|(?:write|finish)(?<![a-z]write)(?<![a-z]finish) the rest\b[^.!?\n]{0,30}\b(?:properly|if you|once you"
         r"|when you)|more context\b|how long (?:do|would) you (?:want|like)\b"),
        # the writer correcting an earlier line: "a few paragraphs back I had them heading north", "Correction:" (not
        # "he wrote a single correction:")
        (("paragraph", "please ", "correction", "scratch that", "make that", "bit long", "little long", "fictional",
          "running rather long", "getting rather long", "running too long", "getting too long", "running long",
          "getting long", "compress", "condense", "skip ahead", "go with", "fiction",
          "the next part is"),
         r"(?:a|one|two|few|several|some) paragraphs? (?:back|ago|above|earlier)\b"
         r"|please (?:picture|imagine|pretend|note)\b"
         # of the text ("please ignore that second line", "Please disregard the above"), not a note's "Please ignore
         # the crew"
         r"|please (?:ignore|disregard)\b(?=\s*(?:[.!;,:)\]—–-]|$|the above|that|this|those|these|my|any|the (?:previous"
         r"|last|earlier|first|second|typo|line|part|bit|paragraph|notes?|formatting|title|errors?|mistakes?|sentence"
         r"|word)\b))|(?<![a-z] )correction:|scratch that\b|so make that\b"
         # "This is running a bit long, so I'll compress the next hour into a sentence"
         r"|(?:this|it)(?:'s| is) (?:running|getting) (?:a bit |a little |rather |too )?long\b"
         r"|i(?:'ll| will) (?:compress|condense|skip ahead|go with (?:that|this|the))\b"
         # a disclaimer dropped into the story
         r"|(?:this is|is) a work of fiction\b|(?:depicted|portrayed|intended) or implied\b"
         r"|(?:completely|entirely|purely) fictional (?:scenario|story|account)\b"
         r"|the next part is (?:where|when|about)\b"),
        (("before i", "make sure i"), r"before i (?:begin|start|write|continue)\b|want to make sure i\b"),
        (("i'm not", "i am not", "i can"),
         r"i(?<![a-z]i)(?:'m| am) not (?:able|comfortable|going) to (?:write|create|produce|help|generate|depict"
         r"|describe)\b|i(?<![a-z]i)(?:'m| am) not comfortable (?:writing|creating|producing|depicting|with)\b|i(?<![a-z]i) can(?:'t|not| not) (?:write|create|help|produce|generate|provide|depict)"
         r" (?:this|that|a story|the story|stories|about|such|content|anything|what you|graphic|detailed)\b"),
        # the answer explaining its own craft: "I used longer sentences to slow the pace"
        (("i used", "i leaned", "i chose", "i went with", "i opted", "i focused", "i wanted"),
         r"i(?<![a-z]i) (?:used|leaned on|chose|went with|opted for|focused on|wanted)\b[^.!?\n]{0,80}"
         r"\b(?:to (?:slow|build|create|convey|heighten|emphasi[sz]e|evoke|establish|mirror|keep the)|sentences"
         r"|pacing|imagery|sensory|the reader)\b"),
        (("i've", "i have"), r"i(?<![a-z]i)(?:'ve| have) (?:left|kept|made|written|tried|aimed|given)\b[^.!?\n]{0,60}"
                             r"\b(?:open|ambiguous|unresolved|restrained|the protagonist|the story|this version"
                             r"|the ending|the reader)\b"),
        # an aside in brackets about the text itself: its words, lines and tense, how to set or read it, a
        # technique named or a choice explained ("(That's about 90 words so far...)", "(Put this next line in
        # italics...)", "(Sensory detail: smell.)", "(For the curious: ... I chose a simple cipher on purpose)")
        (("(", "["), r"[(\[][^)\]\n]{0,200}?(?:\b(?:words so far|\d+ (?:words|characters)|italics|section break|(?:present|past) tense"
                     r"|(?:this|that|the|next|last|final) line\b[^)\]\n]{0,40}\b(?:should|italics|read|whisper|effect"
                     r"|pun|means)|for effect|reading this (?:aloud|out|to)|for the curious|quick explanation"
                     r"|back to normal text|i(?:'ll| will) switch back|i (?:chose|picked|wanted|named|made|gave|kept|let|left)\b[^)\]\n]{0,60}"
                     r"\b(?:on purpose|because|so that))\b"
                     r"|\b(?:sensory|literary|narrative|stylistic) (?:detail|device|technique|beat)s?\b"
                     # a part of the story left out: "(Middle section cut for length.)"
                     r"|\b(?:cut|trimmed|skipped|omitted|shortened|condensed) for (?:length|brevity|space)\b"
                     # a choice explained or flagged: "(Only one goat — a lone animal reads better than a herd.)",
                     # "(Keeping this nearly all dialogue, as asked.)", "(The cat matters later — just flagging it.)",
                     # "(Holding back who she is until the last line.)"
                     r"|\b(?:reads|works|plays|lands) (?:better|best)\b|\bas (?:you )?(?:asked|requested)\b"
                     r"|\bjust flagging\b|\buntil the (?:last|final|closing) (?:line|scene|paragraph|sentence)\b"
                     # "(Small correction: I said ten years above — make that twelve...)"
                     r"|\bcorrection:|\bi said\b[^)\]\n]{0,40}\babove\b|\bconsistent from here\b"
                     # "(Skipping most of the crash itself to keep things moving.)", "(... unless you'd like a solvable one.)"
                     r"|\bto keep (?:things|it) moving\b|\bskipping (?:most|over|ahead|past|the)\b|\bunless you(?:'d| would)? like\b"
                     # "(Fun fact, since it's relevant: ... Anyway, back to Mags!)"
                     r"|\bfun fact\b|\bback to [a-z]+!)"),
        # a paragraph or line opening with an assistant's label: "Dialogue tip:", "TODO:", "RECAP SO FAR:",
        # "Writer's note:", "Quick question for you:", "Key elements used:", "Continuity check:"
        (("tip", "todo", "to-do", "quiz", "recap", "breakdown", "check", "elements", "question", "writer",
          "explanation", "reminder", "caveat", "note"),
         r"(?:^|\n)\s*[(\[]?\*{0,2}(?:(?:quick|writing|dialogue|pro|style|pacing|craft|writer'?s|author'?s|character"
         r"|key|continuity|story|plot|a quick|one|sensory|scientific) )*(?:tips?|todo|to-do|quiz|recap(?: so far)?"
         r"|breakdown|check|checklist(?: so far)?|elements(?: used)?(?: so far)?|question for you|questions for you|note|explanation"
         r"|reminder|caveat)(?:\*\*)?\s*:"),
        # the page edited in front of the reader: struck-out words, a line redrafted ("Or, better: ..."),
        # ticks against a checklist of the brief ("Sight ✓ Sound ✓")
        (("~~", "better:", "✓", "✔", "☑"), r"~~[^~\n]{1,200}~~|(?:or|even),? better:|[✓✔☑]"),
        # the writer teaching or thinking aloud: "Notice how I withheld...", "If you're reading this aloud", "in
        # your own writing", "a technique called", "that's my opening". (A character may think "Let's say he
        # doesn't recognise me", a teacher say "Notice how they all use the same tense" and a log begin "If you
        # are reading this, we made it": those stay stories.)
        (("notice how i", "if you're", "if you are", "your own", "technique called", "that's my", "paragraph above",
          "if you can",
          "you mentioned", "the same moment", "the same scene", "both versions", "both perspectives",
          "the style asks", "the brief asks", "the prompt asks", "okay, continuing", "can you guess",
          "question!", "you can guess", "assume", "person"),
         r"notice how i\b|if you(?:'re| are) reading (?:this|it) (?:aloud|out loud|to (?:someone|a child|your))"
         r"|in your own (?:writing|stories|work)\b"
         r"|technique called\b|that's my (?:opening|first line|hook|intro)\b|you mentioned (?:your|that)\b"
         r"|here(?:'s| is) the same (?:moment|scene|passage|story|paragraph)\b|both (?:versions|perspectives) work\b"
         r"|the (?:style|brief|prompt) asks\b|okay, continuing\b"
         # a puzzle or an answer for the user: "Okay, reader, can you guess who did it?", "Great question! Most
         # rivers begin at a spring..." (a character's question answered as an assistant answers one)
         r"|can you guess\b|(?:great|good|excellent|interesting) question!"
         # "see if you can guess", "let's just assume the last page decodes to...", "this will work better in
         # third person"
         r"|if you can (?:guess|spot|work (?:it )?out|figure (?:it )?out)\b|let's (?:just )?assume\b"
         # "Everything you need is in the paragraph above."
         r"|\bin the paragraph above\b"
         r"|(?:better|switch|switching|rewrite|rewriting) (?:it |this )?(?:better )?in (?:the )?(?:first|second|third)[- ]person\b"),
        # the writer deciding on the page ("Let's go with 'patient.'", "the brief says dark fantasy") or
        # recalling the conversation ("it looks like my previous response was cut off")
        (("let's go with",), r"let's go with\b"),
        (("brief says", "brief wants", "brief calls", "prompt says", "prompt wants", "prompt calls", "style says", "style wants",
          "style calls"),
         r"the (?:style|brief|prompt) (?:says|wants|calls for)\b"),
        (("previous response", "previous message", "previous reply", "previous answer", "last response",
          "last message", "earlier response", "earlier message", "was cut off"),
         # (a story's "The last message said so, kindly." is the story's)
         r"(?:my (?:previous|last|earlier)|(?:the|your) (?:previous|earlier)) (?:response|message|reply|answer)\b"
         r"|response was cut off\b"),
        (("note", "warning", "tone ", "so now", "emotional ", "building t", "building up"),
         r"(?:content|trigger) (?:note|warning)\b|tone (?:it|this|that) down\b|so now for the\b"
         r"|emotional (?:core|hook|beat)\b|i(?:'m| am) building (?:toward|towards|up to)\b"),
        # The writer explaining what a thing in the story means: "To be clear about what the hidden city represents:",
        # "it's meant to stand for the way grief...", "In case the point isn't clear:", "A quick word on the shadows".
        (("represent", "stand for", "stands for", "symboli", "point isn't", "point is not", "wondering", "drawing on",
          "my version", "confession", "a piece this", "quick word", "brief word",
          "really about", "really asking", "metaphor for"),
         r"what (?:the |this |that |her |his )?[a-z]+(?: [a-z]+)? (?:represents|stands for|symboli[sz]es)\s*:"
         r"|(?:meant|supposed|there) to (?:stand for|represent|symboli[sz]e)\b"
         r"|(?:stand|stands|represents?|symboli[sz]es?) for the (?:way|grief|loss|fear|guilt|memory|memories|past|idea)\b"
         r"|(?:represents?|symboli[sz]es?) (?:the way|how (?:we|grief|memory|loss|fear))\b"
         r"|in case the point (?:isn't|is not|wasn't|was not) clear\b|in case (?:anyone|you)(?:'s| is|'re| are) wondering\b"
         # "If you're wondering whether the clone would really...: in my version, yes", "Okay, small confession: six
         # suspects is far too many for a piece this short."
         r"|if you(?:'re| are) wondering\b|\bin my version\b|\b(?:small|quick|little) confession:|\bfor a piece this\b"
         r"|that's what i'm drawing on\b|(?:a )?(?:quick|brief) word (?:on|about)\b"
         r"|(?:story|tale|piece|map|image|ending|twist|title|symbol) is (?:really|actually|ultimately) (?:about|asking)\b"
         # (not "I should explain...": a storyteller says it to a listener)
         r"|is (?:really )?a metaphor for\b"),
        # The writer's verdicts on the craft: "Every locked-room mystery needs one impossible detail, and this is
        # ours", "A good horror beat needs a pause", "the image the whole piece was built around", "for the careful
        # reader", "notice that lantern, because it matters later", "it would only slow the story down".
        (("needs", "whole piece", "whole story", "careful reader", "attentive reader", "matters later",
          "pays off later", "slow the story", "slow things", "slow the pace", "the reader needs", "reader has to"),
         # (not "every story needs": a reporter's story needs a first line)
         r"(?:every|any|a good|a proper) (?:[a-z-]+ ){0,2}(?:beat|twist)s? needs?\b|needs one [^.!?\n]{0,40}\band this is ours\b"
         r"|the whole (?:piece|story|thing|tale) (?:was|is) built\b|for the (?:careful|attentive|sharp-eyed|observant"
         r"|alert|eagle-eyed) reader\b|(?:because|since) it (?:matters|pays off|comes back) later\b"
         r"|slow (?:the story|the pace|things) down\b|the reader (?:needs|has) to\b"),
        # The writer weighing choices on the page: "Alternative line here, if you want him colder:", "Use whichever
        # suits the tone", "I've got two twists in mind", "Option one: ...", "I'm second-guessing whether...",
        # "I'm going with something else for now, but it's an easy change", "if that's more fun".
        (("alternative ", "alternate ", "whichever", "in mind", "option ", "second-guess", "not sure which",
          "going with", "easy change", "easy to swap", "more fun", "before i go on", "hold that back", "hold this back", "hold it back",
          "let it sit", "let that", "let this", "keep calling"),
         r"(?:alternative|alternate) (?:line|lines|sentence|title|twist|beat|opening|ending|version)s? (?:here|if you|for)\b"
         r"|use whichever\b|whichever (?:suits|works|fits|reads)\b"
         r"|(?:two|three|a few|some) (?:twists|endings|options|versions|ideas) in mind\b|\boption (?:one|two|1|2|a|b)\s*:"
         r"|going with (?:option\b|#\d|number \d)|second-guessing (?:whether|which|if|the)\b|not sure which (?:is|works|fits|one (?:is|works|fits|lands|reads|to))\b"
         r"|(?:i'm|i am) going with\b[^.!?\n]{0,40}\bfor now\b|(?:it's|that's|it is|that is) an easy (?:change|swap|fix)\b"
         r"|easy to swap\b|if (?:that's|that is|it's) more fun\b|before i go on\b|i'll hold (?:that|this|it) back\b"
         r"|i'll let (?:it|that|this)(?: (?:last|final|first|opening) (?:line|image|sentence|beat))? sit\b|i keep calling (?:her|him|it|them)\b[^.!?\n]{0,40}\bin this (?:story|telling|piece|tale)\b"),
        # The writer stopping the story: "I'll pause here.", "That's where I'll leave it for now."
        (("pause here", "leave it", "stop here"),
         r"i(?:'ll| will) pause here\b|(?:that's|this is) where i(?:'ll| will) (?:leave it|stop|pause)\b"
         r"|i(?:'ll| will) leave it (?:there|here) for now\b"),
        # The writer's choices of a character: "I named him Durgan because it sounds like a hammer", "I've given
        # him a bad knee because retired detectives always seem to have one", "I want this planet to feel like a
        # held breath", "I'm keeping the crew quiet here".
        (("i named", "i've given", "i have given", "i gave", "i want this", "i want the", "i'm keeping", "i am keeping"),
         r"i(?:'ve| have)? (?:named|given|gave) (?:him|her|them|it)\b[^.!?\n]{0,60}\bbecause (?:it|they|retired|old|every"
         r"|[a-z]+ (?:always|usually|often|tend))\b"
         r"|i want (?:this|the) [a-z]+(?: [a-z]+)? to feel\b|(?:i'm|i am) keeping the [a-z]+(?: [a-z]+)? [a-z]+ here\b"),
        # (the thirty-fourth round) The writer's drafts and the user's say, in a few words without "I": "A note for
        # whoever's reading:", "Second draft; the first gave away the ending too soon.", "In revision, a page of procedure
        # came out", "This middle was rewritten twice to keep the turn hidden.", "That parrot line survived two rounds of
        # cuts.", "Barely a hundred words in total", "(No reunion — at this length it would ring false.)", "Leaning
        # toward no — say if you disagree.", "Say so and it goes.", "Easy to steer either way.", "which would you
        # prefer?", "Happy to warm the banter up if so."
        (("for whoever", "for anyone", "draft;", "draft:", "in revision,", "rewritten", "rounds of cuts", "round of cuts",
          "words in total", "at this length", "say if you", "say so and", "easy to steer", "which would you prefer",
          "if so", "for the reader:", "the reader gets", "the brief", "offstage for now"),
         r"note for (?:whoever(?:'s| is)|anyone) reading\b"
         # (opening its clause: not "she had always thought of herself as a final draft: revised, corrected")
         r"|" + _CLAUSE_START + r"(?:first|second|third|final) draft[;:]|\bin revision,"
         r"|this (?:middle|part|scene|bit|section|paragraph|line|opening|ending) was rewritten\b"
         r"|(?:two|three|several|a few|many) rounds? of cuts\b|\bwords in total\b|\bat this length\b(?! of\b)"
         r"|\bsay if you (?:disagree|object|mind)\b|\bsay so and (?:it|they|that|this)(?:'ll| will)? go(?:es)?\b"
         r"|\beasy to steer\b|\bwhich would you prefer\b"
         r"|\bhappy to [a-z]+ (?:[a-z]+ ){0,4}(?:up|down|back|in|out|it|this|that)? ?if so\b"
         # "For the reader: notice how long she refuses...", "The reader gets the room first", "given the brief", "that's
         # the brief's doing", "The groom stays offstage for now"
         r"|" + _CLAUSE_START + r"for the reader:|\bthe reader gets\b|\bgiven the brief\b"
         r"|\bthe brief's doing\b|\boffstage for now\b"),
        # ...and the story spoken of as "this one", its parts landing or coming, its drafts and labels: "Mood before plot
        # in this one.", "Bear with me, the joke lands in a second.", "twist incoming", "You'll notice I kept the city
        # offstage.", "Odd prompt to play for laughs", "Revised: she was angrier at first.", "A note: the
        # ending here will be quiet.", "Next: the lights go out.", "I'll let the paper and ink do the talking" (and,
        # since the forty-sixth round, "I've let the conversation do the work of introducing each suspect"), "I've
        # kept the wreck itself to one line.", "(First person keeps us stuck in his panic.)"
        (("in this one.", "lands in", "incoming", "you'll notice i", " prompt", "revised:", "note:",
          "next:", "coming up:", "do the talking", "do the work", "to one line", "to one sentence", "to one paragraph",
          "person keeps", "person puts", "person lets", "person makes"),
         _CLAUSE_START + r"[a-z]+(?: [a-z]+){0,5} in this one\."
         r"|\bthe (?:joke|twist|punchline|reveal|payoff) lands in\b|\b(?:twist|reveal|payoff|punchline) incoming\b"
         r"|\byou'll notice i\b|\b(?:odd|strange|tricky|tough|weird) prompt\b"
         r"|" + _CLAUSE_START + r"(?:revised|a note|next|coming up):"
         r"|\bi(?:'ll| will|'ve| have) let the [a-z]+(?: and (?:the )?[a-z]+| [a-z]+)? do the (?:talking|work)\b"
         r"|\bi(?:'ve| have)? kept [^.!?\n]{1,40} to (?:one|a single) (?:line|sentence|paragraph)\b"
         r"|\b(?:first|second|third)[- ]person (?:keeps|puts|lets|makes)\b"),
    )
)

_META_HINTS = frozenset(hint for hints, _ in _META for hint in hints)


def _trie(words: list[str]) -> str:
    """A regex alternation of `words` as a trie ("no(?:te|w)"): at each position the engine follows one branch
    instead of trying every word."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)


# Every hint the narration holds where a word starts, in one pass: the longest hint at the next word's start where
# one starts, then the hints inside it, and on from the position after that one (so hints may overlap). Each pattern
# of _META matches from a word's start, so a hint inside a word ("here" in "where", "wait" in "awaited") only cost a
# search that could not match; asking only at a word's start (a lookbehind the engine tests before it enters the
# trie) halves the time of asking at every position. The few hints that start with a sign or a space ("?)", "[check",
# " for brevity") are asked with `in`.
_WORD_HINTS = sorted(hint for hint in _META_HINTS if hint[0].isalnum())
_SIGN_HINTS = tuple(sorted(hint for hint in _META_HINTS if not hint[0].isalnum()))
_HINT = re.compile(r"(?<![^\W_])" + _trie(_WORD_HINTS))  # (after an underscore too: "_note: ..._")
_HINTS_INSIDE = {hint: frozenset(other for other in _META_HINTS if other in hint) for hint in _META_HINTS}


def _hints_in(narration: str) -> set[str]:
    found: set[str] = set()
    search = _HINT.search
    match = search(narration)
    while match is not None:
        found |= _HINTS_INSIDE[match.group(0)]
        match = search(narration, match.start() + 1)
    for hint in _SIGN_HINTS:
        if hint in narration:
            found |= _HINTS_INSIDE[hint]
    return found


# "Story prompt: ...", "Style modifier: ...", "Genre: Horror | Prompt: ..." lines: the brief restated.
_BRIEF_HEADER = re.compile(
    r"^\s*(?:\*\*)?(?:story |writing |original )?(?:prompt|style(?: modifier)?|genre|length|response|output"
    r"|request|task|tone)(?:\*\*)?\s*:",
    re.IGNORECASE | re.MULTILINE,
)
_INLINE_BRIEF = re.compile(
    r"\b(?:genre|prompt|style)\s*:[^\n|]{1,120}\|\s*(?:genre|prompt|style)\s*:"
    # "Genre — Horror. Prompt — A fog rolls in... Style — ...": the labels with dashes for colons
    r"|\b(?:genre|prompt|style)\s*[—–]\s*[^\n]{1,160}?\b(?:genre|prompt|style)\s*[—–]",
    re.IGNORECASE,
)


# The general shape of an answer talking about itself: in one sentence, the speaker as author or
# assistant ("I'll", "I've", "I could", "let me", "if you") and a word of the craft ("version", "scene",
# "tone", "the reader"). Stories have narrators who say "I'll" and scenes that have a "tone", but rarely in
# one sentence with both. "I'd" of the past perfect ("the first reader I'd had") is a narrator's.
_ASSISTANT_VOICE = re.compile(
    r"\b(?:i'll|i will|i've|i have|i'd(?! (?:had|been|never|once|seen|known|heard|met|lost|left|done|read|gone))"
    r"|i would|i can|i could|i chose|i made|i kept|i wanted|i tried|i used|i'm going to|i am going to|i want the"
    r"|i decided|i went|i focused|i aimed|i added|i included|i opted|i leaned|let me|let's|if you|you'd|you want"
    r"|you like|you asked|you wanted|you prefer|you requested|you mentioned|for you|shall i|should i)\b"
)
_CRAFT_WORDS = (
    # the parts and the craft of a text
    "version versions draft drafts prompt request reader readers genre narrative protagonist antagonist paragraph "
    "paragraphs sentences pacing imagery prose storyline characterization characterisation rewrite revise revision "
    "adjustments elaborate tweak feedback excerpt sequel continuation "
    # an assistant declining or negotiating rather than writing
    "guidelines policy policies harmful graphic explicit inappropriate appropriate clarify"
).split()
# "Reader," said to the reader is a narrator's or an in-world note's address ("Reader, if you are not on the
# board, close this file now"), not the assistant talking about the reader.
# "Version" is the assistant's of its text ("I've written a darker version"), not a narrator's version of
# something or someone's ("I've given them a version. It will fail in the third week", "my version of it"), nor a
# teller's of the tale told over again ("But you asked for the true version", "though you've heard the tavern version
# where I'm taller", "Right, Officer, quick version, I've a boat at six"; the fiftieth round: no answer of the tune
# half's says these of its text, where the assistant's is "the full version").
_VOCATIVE = {
    "reader": "reader(?!,)",
    "readers": "readers(?!,)",
    "version": "(?<!them a )(?<!him a )(?<!my )(?<!his )(?<!her )(?<!their )(?<!our )(?<!every )(?<!each )(?<!true )"
               "(?<!real )(?<!tavern )(?<!honest )(?<!short )(?<!quick )(?<!long )version(?! of)",
}
_CRAFT = re.compile(
    r"\b(?:" + "|".join(_VOCATIVE.get(word, word) for word in _CRAFT_WORDS)
    + r"|word count|continue the story|happy to help|glad to help|feel free|hope you|part two)\b"
)
# Plain substrings, one of which any _CRAFT match holds: most stories hold none, and `in` is far cheaper
# than the regex.
_CRAFT_HINTS = (*_CRAFT_WORDS, "word count", "continue the story", "happy to help", "glad to help", "feel free",
                "hope you", "part two")

_HOPE_OF_THE_TEXT = re.compile(r"hope you (?:enjoy|enjoyed|like|liked|love|loved|had fun|found (?:it|this|the))\b")


def _of_the_craft(sentence: str, letter: bool) -> bool:
    """Whether `sentence` holds a word of the craft: a hope is one when it is of the text ("I hope you enjoyed it"),
    not of the story's people ("To whoever opens this: I hope you find what you are looking for"), and never in a
    story told as one letter ("Welcome to the house. I hope you like it.")."""
    return any(
        craft.group(0) != "hope you" or (not letter and _HOPE_OF_THE_TEXT.match(sentence, craft.start()) is not None)
        for craft in _CRAFT.finditer(sentence)
    )


_I_WORDS = frozenset(("i", "me", "my", "myself", "i'm", "i'll", "i've", "i'd"))
_FIRST_PERSON = re.compile(r"\b(?:" + "|".join(sorted(_I_WORDS, key=len, reverse=True)) + r")\b")


def first_person(narration: str) -> list[str]:
    """The narration's words of the first person singular ("i", "my", "i'm"...)."""
    return _FIRST_PERSON.findall(narration)


# (the thirty-third round: and what "I" is doing to it, in a story told without "I": "I'm putting the detail in his
# body, not the scenery.")
_AUTHOR_MOVE = re.compile(
    r"i(?<![\w']i)(?:'ll|'ve|'d| hope| think| wanted| tried| chose| decided| imagine| went for| aimed| intended"
    r"| opted| named| gave (?:her|him|them|it|the \w+) (?:the )?(?:name|surname)|'m [a-z]{2,}ing)\b"
)
_STORY_PARTS = re.compile(
    r"\b(?:story|stories|tale|scene|scenes|setting|set (?:this|it|the)|character|characters|conflict|flashback"
    r"|atmosphere|ending|endings|tone|mood|hero|heroine|plot|twist|expectations|opening|beginning|narrator"
    r"|details?|scenery|reveal|subtext|pacing|dialogue|setup|premise|beats?"
    # what writers say of their answer's size and shape: "I've kept it short", "I'll leave it there"
    r"|short|shorter|brief|length|words|open|ambiguous|it there|it here"
    # ...and of a name it chose: "I named his shop Crumb & Co. because it sounded like a place that would lose"
    r"|on purpose|because it (?:sounded|sounds|means|meant|felt|feels|seemed))\b"
)
_CLAUSES = re.compile(r"[.!?;:\n()\[\]]+")
_SENTENCES = re.compile(r"[.!?\n]+")
# The vocabulary of talking about a story rather than telling it: its parts (the climax, the next beat, the
# ending), its devices (foreshadowing, a convention, a trope, the stakes), its effects on a reader (feels
# earned, mirrors how, is meant to). A story may use a word or two of these ("the tension in the room", "the
# mood"); a clause that holds two different ones, one of them a word only commentary uses, is the writer
# explaining the craft.
_CRAFT_COMMENTARY = (
    "the reader|readers|reader's|the audience|turning point|climax|payoff|pay off|pays off|foreshadow"
    "|foreshadows|foreshadowing|foreshadowed|planted early|feels earned|feel earned|convention|trope|tropes"
    "|character arc|motif|theme|themes|pacing|framing|subtext|point of view|imagery|sensory details|the prose"
    "|mirrors how|works because|next beat|the twist|the reveal|the humour|the humor|the protagonist|the narrator"
    "|paragraph|paragraphs|three-part|the next section|the closing lines|the opening lines|the final lines"
    "|the rest of the story|cliché|clichés|cliche|cliches|clichéd|works better|comic finish|is symbolic"
).split("|")
# Words a story uses too ("rather than", "the tension", "the mood"): they count towards the two, never alone.
_CRAFT_PARTS = (
    "the story|this story|the story's|this story's|the scene|this scene|the scene's|the narrative|this narrative"
    "|the piece|this piece|the passage|this passage|the ending|the opening|the final scene|the next scene"
    "|emotional beat|story beat|final beat|quiet beat|opening beat|the mystery|the tension|the suspense"
    "|the conflict|the setting|the mood|the tone|the stakes|sets up|set up the|intact|minimal|choices"
    "|is meant to|are meant to|meant to make|comes from|rather than|stands for"
).split("|")
_CRAFT_RARE = re.compile(r"\b(?:" + "|".join(_CRAFT_COMMENTARY) + r")\b")
_CRAFT_TERM = re.compile(r"\b(?:" + "|".join(_CRAFT_COMMENTARY + _CRAFT_PARTS) + r")\b")


# The rarest word of a term, where the longest is not.
_KEY_WORD = {"works because": "works", "next beat": "beat", "point of view": "view", "hope you": "hope",
             # the scorer's words are ASCII letters: "clichés" is found as "clich"
             "cliché": "clich", "clichés": "clich", "clichéd": "clich"}


def _keys(terms: tuple[str, ...] | list[str]) -> frozenset[str]:
    """One word of each term (its rarest), with its possessive: a text whose words hold none of them cannot
    hold the term. Checked against the caller's word set, it spares the substring scans. (A word as the caller's set
    holds it: "set-up" is found as "set" and "up".)"""
    words = {_KEY_WORD.get(term, max(WORD.findall(term), key=len)) for term in terms}
    return frozenset(words | {word + "'s" for word in words})


_CRAFT_KEYS = _keys(_CRAFT_HINTS)
# Words about a text as a made thing (not "word", "detail", "scene" or "story", which stories use of
# themselves), and the assistant's voice that speaks them. Good stories hold one such word in a paragraph in
# that voice at most (a narrator who is a writer: "I'd thrown that draft away").
_TEXT_WORDS = frozenset(
    """brief prompt version versions draft drafts response paragraph paragraphs sentence sentences checklist reader
    readers pacing sensory genre narrative ending endings caveat todo tense italics twist climax suspense revision
    revise rewrite protagonist antagonist imagery theme themes metaphor simile pov narrator description descriptive
    dialogue""".split()
)
TEXT_WORDS_LEVEL = 2
# The assistant's voice: "I" at work in the present ("I'm", "I think", "let me"), or speaking to the user.
_WRITER_VOICE = re.compile(
    r"\b(?:i'm|i am|i'll|i will|i want|i need|i think|i've|i can|i could|i couldn't|i imagine|i'd|let's|let me"
    r"|okay|ok|we'll|you (?:asked|wanted|suggested|requested|mentioned|prefer|like|want)"
    r"|your (?:vote|brief|prompt|request|feedback))\b"
)
_COMMENTARY_KEYS = _keys(_CRAFT_COMMENTARY)


_BRACKET_I = re.compile(r"[(\[] ?(i(?:'m|'ve| am| have))\b")


# A note, card or letter the story quotes after a colon, without quotation marks, to its line's end: "in faded ink: Hope
# you like it! Let me know if you find it. — Capt. J. Morrow, 1911.", "a comment from someone called R. Holt: too
# obvious? let me know what you think.", "he signed off the way the vicar did: I hope this finds you well. Please let me
# know if there is anything else you need." Its words are a character's, as quoted speech is: the phrases of meta-talk
# are not looked for in it. Not a label at a line's start ("Note: I kept it short; let me know..."): the colon's
# sentence names the note in passing (a note, in her hand, he wrote). A note set in italics ends where they end (what
# follows on its line is the narration's again: "...*Never stop.* ... Bit mean to Rosa, I know."). Not a note the
# writer adds, in brackets or called "a quick note".
# In the tune half: eight good answers kept (seven of e34, whose stories quote such notes), no meta-talk answer lost.
# With the round's second wave: the note on the line after its colon too ("in a hand they both know at once:\n\nWell
# done, you two. Hope you like the view."; prose.narration takes such a paragraph out of the narration only after a
# sentence naming writing, not a hand), and at a line's start the note the sentence tells of ("The note was stuck to the
# centrifuge when Dr. Varga came in: ..."): five more kept, no meta-talk answer lost (four of e35, and w65-036 with the
# chatter on its last line: the paragraph test below counted a word of the text in its quoted note).
NOTE_CHARS = 250
_NOTE_NOUN = (
    r"(?:note|notes|card|letter|message|comment|postcard|label|ink|crayon|pencil|chalk|hand|handwriting|capitals|margin"
    r"|scrawl)"
)
_QUOTED_NOTE = re.compile(
    r"(?:(?<=[^\n])\b(?:(?:a|an|the|his|her|their|its|my|your|in|on|with|from)\s"
    # (not the writer's "a quick note:", "one small note:")
    # (within its sentence: a full stop only after an initial or a title, "in mr. hale's hand")
    r"(?!(?:(?:[\w',-]+|\w{1,2}\.)\s){0,4}?(?:quick|side|brief|small|little|short|final) )(?:(?:[\w',-]+|\w{1,2}\.)\s){0,4}?"
    + _NOTE_NOUN + r"|(?:he|she|they) (?:signed off|wrote|scrawled|had written|typed)"
    # (the thirty-seventh round: what it was written in or on, "a scrap of birch bark tucked under the hilt, written in
    # careful runes:", e35-003)
    r"|(?:written|inscribed|carved|scratched|lettered|pencilled|penciled) (?:in|on|into|across|with))\b"
    # (at a line's start, the note the sentence tells of: "The note was stuck to the centrifuge when she came in:")
    r"|(?:^|(?<=\n))(?:the|a|an|his|her|their)\s(?:[\w',-]+\s){0,2}?" + _NOTE_NOUN
    + r"s?\s(?:was|were|is|had|lay|sat|read|reads|said|says|came)\b)"
    # (to the colon, within the sentence: an initial's or a title's full stop does not end it, "someone called r.
    # holt:", "when dr. varga came in:"; the note on the rest of its line, or on the next when the colon ends its line,
    # its first NOTE_CHARS at most: a story that goes on on the note's line, and chatter at that line's end, are looked at)
    r"(?:[^.!?\n:]|(?<=\b[a-z])\.|(?<=\b[a-z]{2})\.){0,80}:"
    rf"(?:[ \t]+([^\n]{{1,{NOTE_CHARS}}})|[ \t]*\n+([^\n]{{1,{NOTE_CHARS}}}))"
)
# (one word of each, with their possessives, for the caller's word set: most stories quote no note)
_QUOTED_NOTE_KEYS = _keys(
    "note notes card letter message comment postcard label ink crayon pencil chalk hand handwriting capitals margin "
    "scrawl signed wrote scrawled written typed inscribed carved scratched lettered pencilled penciled".split()
)


NOTE_INTRO_CHARS = 250  # (the longest introduction the pattern reads before its colon, and more)


# (the thirty-seventh round) ...and a note the story quotes on a line of its own, signed after a dash: "nadia — made it
# just for you. hope you like it. let me know what you think. — v." (e34-046; the writer never signs its asides)
_SIGNED_NOTE = re.compile(r"^[^\n]*[.!?][ \t]+[—–][ \t]*[a-z][\w.'’-]{0,20}(?:[ \t][a-z][\w.'’-]{0,20})?[ \t]*$", re.MULTILINE)


def _without_signed_notes(narration: str) -> str:
    return _SIGNED_NOTE.sub(" ", narration) if "— " in narration or "– " in narration else narration


def _without_quoted_notes(narration: str, words: set[str] | frozenset[str] | None) -> str:
    narration = _without_signed_notes(narration)
    if ":" not in narration or (words is not None and words.isdisjoint(_QUOTED_NOTE_KEYS)):
        return narration
    # (a colon can close an introduction only with a note's word in the characters before it: the pattern's scan of
    # every word start costs more than a look before each colon)
    at = narration.find(":")
    while at >= 0 and _QUOTED_NOTE_KEYS.isdisjoint(WORD.findall(narration, max(0, at - NOTE_INTRO_CHARS), at)):
        at = narration.find(":", at + 1)
    return _masked_quoted_notes(narration) if at >= 0 else narration


def _masked_notes(narration: str) -> str:
    """`narration` without the notes it quotes (_QUOTED_NOTE, _SIGNED_NOTE), asked of every word start."""
    return _masked_quoted_notes(_without_signed_notes(narration))


def _masked_quoted_notes(narration: str) -> str:
    """`narration` without the notes _QUOTED_NOTE finds (its signed notes already taken out)."""

    def told(found: re.Match[str]) -> str:
        line = narration[narration.rfind("\n", 0, found.start()) + 1 : found.start()]
        if line.count("(") > line.count(")") or line.count("[") > line.count("]"):
            return found.group(0)  # inside brackets: the writer's aside ("(A note on the air: I've made it breathable.)")
        group = 1 if found.group(1) is not None else 2
        note = found.group(group)
        head = found.group(0)[: found.start(group) - found.start(0)]
        if note[:1] in "*_":
            end = note.find(note[0], 1)
            return head + (note[end + 1 :] if end > 0 else note)
        return head

    return _QUOTED_NOTE.sub(told, narration)


# (the thirty-third round) The brief, its premise and the story's beats spoken of as the writer's: "Kept that one lean
# and quick, per the style.", "A lighter touch here, despite the grim premise.", "Comic beat here, before anything
# creepy." (no good answer of the tune half says one in its narration; a whole story's test, not cleaning's)
_BRIEFS_WORDS_HINTS = ("per the ", "per your ", "premise", " here")
_BRIEFS_WORDS = re.compile(
    r"\bper (?:the|your) (?:style|brief|prompt|request|instructions?|genre)\b|\bpremise\b"
    r"|\b(?:beat|touch|pause|shift|twist|beats|breather) here\b"
)


def _briefs_words(narration: str) -> str | None:
    if not any(hint in narration for hint in _BRIEFS_WORDS_HINTS):
        return None
    for found in _BRIEFS_WORDS.finditer(narration):
        # (not what beats there: "The heart beat here, slow and heavy, under his palm.", found by probing)
        if not (found.group(0).startswith("beat ") and narration[: found.start()].endswith(_BEFORE_A_BEAT)):
            return found.group(0)
    return None


def meta_talk(narration: str, words: set[str] | frozenset[str] | None = None, *, learned: bool = True) -> str | None:
    """The first piece of meta-talk in `narration` (a whole story, lowercased, quoted speech removed), or None:
    a phrase of meta-talk, the writer's voice where the story has no room for it, or (`learned`) a sentence
    the learned measure of asides.py weighs as the writer's.

    `words`: the words of the text (lowercased, apostrophes straightened), when the caller has them: a
    superset of the narration's, used only to skip tests that cannot fire."""
    unquoted = _without_quoted_notes(narration, words)
    found = meta_phrase(unquoted, words) or _briefs_words(unquoted)
    # (a narrator who says "I" says it in brackets too: "(I'm told paper is a charming archaism)", "(I have never been
    # good at goodbyes)"; the bracket is asked again as the narration's)
    if found is not None and _BRACKET_I.fullmatch(found) and asides.narrator_says_i(narration):
        found = meta_phrase(_BRACKET_I.sub(r" \1", unquoted), words)
    # (the thirty-sixth round: ...and a narrator who says "I" may refuse to describe a thing of the story: "I'm not going
    # to describe the vicar.", e15-028; in a story told without "I" it is the writer's, "I'm not going to describe it yet;
    # it's scarier if you don't...")
    if found is not None and _NOT_DESCRIBING.fullmatch(found) and asides.narrator_says_i(narration):
        found = meta_phrase(_NARRATORS_OWN.sub(" ", unquoted), words)
    # (the thirty-seventh round: ...and the words of a sentence that closes on who said, wrote or thought them are that
    # one's: "let me know if that's enough, i wrote.", e41-022)
    if found is not None:
        told = _without_said(unquoted)
        if told is not unquoted:
            found = meta_phrase(told, words)
    # (...and "let me know" in a paragraph that has named the writing it is in, before it: "...composing the next letter.
    # Tonight's ends the way they all do now. I moved power to the greenhouse. Let me know what you think. She sends it.",
    # e34-014)
    while found is not None and found.startswith("let me know"):
        at = unquoted.find(found)
        start = unquoted.rfind("\n\n", 0, at) + 1
        if at < 0 or _THE_WRITING.search(unquoted, start, max(start, at - 1)) is None:
            break
        ends = [unquoted.find(mark, at) for mark in ".!?\n"]
        end = min([end for end in ends if end >= 0], default=len(unquoted))
        unquoted = unquoted[:at] + unquoted[end:]
        found = meta_phrase(unquoted, words)
    if found is not None:
        return found
    # A pictograph inside the story ("(Twist incoming! 😄)"): the register of a chat, not of a story's
    # narration (cleaning has already taken any at the answer's edges).
    for emoji in _PICTOGRAPH.finditer(narration):
        # (not in a message the story quotes, a line all in italics: "*Hi there! I'm Merry, your assistant 😊*")
        start = narration.rfind("\n", 0, emoji.start()) + 1
        end = narration.find("\n", emoji.end())
        if not _ITALIC_LINE.fullmatch(narration[start : end if end >= 0 else len(narration)]):
            return emoji.group(0)
    aside = _writer_aside(narration) or _working_note(narration)
    if aside is not None:
        return aside
    if words is None or not _I_WORDS.isdisjoint(words):
        stepping_out = _writer_paragraph(narration) or _writer_reason(narration)
        if stepping_out is not None:
            return stepping_out
    # A third-person story in which "I" turns up in a sentence or two, saying what "I" did or will do
    # to the story: the writer stepping out of it ("I've kept the ending open", "first I'll set the
    # scene"). A letter or a note the story quotes without quotation marks ("If you don't come, I'll
    # understand.") says "I'll" too, but not about the story's parts.
    if _AUTHOR_MOVE.search(narration):
        sentences = [part for part in _CLAUSES.split(narration) if part.strip()]
        first_person = [part for part in sentences if _FIRST_PERSON.search(part)] if len(sentences) >= 5 else []
        if 1 <= len(first_person) <= 2:
            letter = LETTER_OPENING.match(narration) is not None
            for sentence in first_person:
                if (
                    _AUTHOR_MOVE.search(sentence) and (_STORY_PARTS.search(sentence) or _of_the_craft(sentence, letter))
                    and not _SAID_TAG.search(sentence + ".")  # (someone's words: "...like it, she said, and meant it")
                ):
                    return sentence.strip()
    if not learned:
        return None
    return (
        asides.aside(narration) or _dash_aside(narration) or _closing_bracket(narration) or _craft_note(narration, words)
        or _gerund_note(narration, words) or _order_note(narration, words)
    )


# (the thirty-first round) The writer's terse note on its craft, a sentence of a few words inside the story: "Dialogue
# first; scene-setting minimal.", "Past tense throughout, for consistency.", "Cutting the exposition; back inside his
# head." The asides measure weighs such notes 0-3.5 against its threshold of ~6.7, as it weighs many story sentences; a
# word of the craft that stories seldom say of anything but a text finds them. Not in a sentence that speaks of the
# story's people ("their language has no future tense", "someone shouting my description"), nor in the answer's first
# sentence (after an assent at most), where it pitches the telling ("First person, from the assassin's side.") and
# cleaning takes it off when it can. In the tune half: 32 meta-talk answers more, one good answer's pitch left in.
# (the thirty-second round) With the weaker words below: 28 more (nine of m67's bare notes), one wrapped answer
# rejected whose note the cleaner leaves on the story's last line ("...for her. Quiet ending on purpose."; taking such a
# tail off kept three good answers and eighteen meta-talk ones whose only note was there: not taken).
_CRAFT_NOTE_WORD = re.compile(
    # (not a dialogue box, nor the pacing of the story's people: "The pacing of the guards never changed", "pacing back")
    # (not a thing known by its description: "Not by name; by description.", l74-023)
    r"\b(?:dialogue(?! box)|(?<!by )description|descriptive|exposition|pacing(?! of\b| back\b| around\b| round\b| up and\b)"
    r"|(?:past|present|future) tense|tense (?:throughout|from here"
    r"|shift)|pov|(?:first|second|third)[- ]person|scene-setting|paragraphs?|slapstick|interiority|word count"
    # ("(Three voices only: rule of three.)", in brackets: a story's folk rule, "The rule of three: salt, iron, silence.")
    r"|rule of three(?=[^()\n]{0,40}\))"
    r"|for (?:speed|pace|pacing|tension|effect|clarity|consistency))\b"
)
# (the thirty-second round) Words a story says of its own events too ("nobody sleeps on purpose anymore", "then the tone
# changed", "very deliberately, switched on a light"): a note only in a sentence with no one in it and nothing told in
# the past ("Open ending, deliberately.", "That last line is the hinge of the piece.", "Pace only, no backstory."; a
# past without -ed counts too: "On the first page, in capitals: YOU DID THIS ON PURPOSE.", l26-007)
_CRAFT_NOTE_WEAK = re.compile(
    r"\b(?:deliberately|on purpose|by design|backstory|sensory detail|the (?:piece|brief|setup|punchline|twist|tone)(?! of\b)"
    r"|tone's|(?:open|quiet|soft|softer|ambiguous) ending|ending on|commas)\b"
)
_TOLD_OF_SOMEONE = re.compile(r"\b(?:i|me|my|nobody|anyone|everyone|then|man|woman|did|were|had|[a-z]{3,}ed)\b")
# (the thirty-fifth round) The quality the brief's style asks for, named in a note that weighs it or says where it
# goes: "Atmosphere first, plot second.", "Pace: no breathing room.", "Dread over action here; nothing should happen for
# a while.", "Internal conflict is the focus, so no monster reveal.", "Twist setup done, reveal next." A story names its
# tension and its mood too ("The tension broke."), but seldom in a sentence with no one in it, nothing told in the past
# (nor "was": "The tension here was unbearable.") and one of the marks of a note: a colon, semicolon, dash or ">", a
# ranking ("over", "first"), where it is ("here", "for this one"), or the brief ("as asked", "per the", "the ask"). Not
# the words a story's things are named by too ("register", "only": "burial register", "carrier tone only, no words.",
# "only a beat."). In the tune half: 33 meta-talk answers more (26 of them of earlier rounds' batches, written before
# the rule), no good one lost.
_STYLE_NOTE_WORDS = (
    "atmosphere atmospheric haunting humour humor suspense tension sensory senses internal conflict dialogue pace pacing "
    "plot mode twist tone dread mood beat comedy"
).split()
_STYLE_NOTE_WORD = re.compile(r"\b(?:" + "|".join(_STYLE_NOTE_WORDS) + r")\b")
_NOTE_MARK = re.compile(
    r"[:;>—–]|\b(?:as (?:asked|requested)|per the|the ask|for this one|here|so|over|first|mode|on purpose)\b"
)
_STYLE_NOTE_KEYS = _keys(_STYLE_NOTE_WORDS)
# (the thirty-sixth round) ...and the word is the note's own, not a thing of the story named with it: "The tone of the
# bell: low and even.", "The mood in the square: festive.", "Atmosphere on the planet: thin.", "A twist of paper; inside
# it, a key.", "Plot for sale: one acre.", "The drum beat: steady, low." (found by probing: no answer of the corpus
# changed)
# (not "from" nor "with": "Fast pace from here.", "Suspense with a romantic undercurrent: stakes first...")
_OF_A_THING = re.compile(r" (?:of|in|on|for|at|inside|under|box|boxes|overload|deprivation)\b")
_BEFORE_A_BEAT = ("drum ", "heart ", "war ", "snare ")


def _free_style_word(sentence: str) -> bool:
    """Whether `sentence` names a quality of the style as the note's own word (not "the tone of the bell")."""
    return any(
        _OF_A_THING.match(sentence, found.end()) is None
        and not (found.group(0) == "beat" and sentence[: found.start()].endswith(_BEFORE_A_BEAT))
        for found in _STYLE_NOTE_WORD.finditer(sentence)
    )


# (the thirty-sixth round) A note that says it does what was asked, with no word of the craft: "Mostly banter, as
# asked.", "Pure momentum, no pauses, as asked.", "— Smell first, sound second, as asked. —" Not when someone is in it
# or the part before the comma tells a past ("She left the door open, as asked.", "The files were on the desk, as
# requested."). In the tune half: 4 meta-talk answers more, no good one lost.
_AS_ASKED_MARK = r",\s*(?:as (?:requested|asked)|per the (?:brief|prompt|style)|that was the ask)"
_AS_ASKED = re.compile(_AS_ASKED_MARK)
_AS_ASKED_NOTE = re.compile(r"([^.!?\n]*)" + _AS_ASKED_MARK + r"\W*$")
# ...what the note says before the comma is of the telling ("pure momentum, no pauses", "mostly banter", "smell first,
# sound second", "atmosphere-first opening"), not a thing of the story's ("Tea at four, as requested.", found by probing)
_OF_THE_TELLING = re.compile(
    r"\b(?:first|second|mostly|pure|all|no|heavy on|light on|lots of|more|less|only)\b|" + _STYLE_NOTE_WORD.pattern
)
_AS_ASKED_KEYS = _keys(["requested", "asked", "brief", "prompt", "style", "ask"])
# (the thirty-sixth round) A note that weighs one thing over another where it stands in the text: "Landscape over
# incident here.", "Dread, not explanation, for now.", "More sound than sight from here.", "Interior pressure over clues
# in this stretch." Not "over here", nor with someone in it or a past ("Colder than the grave, she thought, here.").
# In the tune half: 6 meta-talk answers more (five of them of the round's second wave m79, which the rule was written
# from), no good one lost.
_WHERE_IN_THE_TEXT = (
    r"(?:here|for now|from here(?: on)?|in this (?:stretch|part|section|scene|bit)"
    r"|for this (?:part|bit|one|stretch|section|scene))"
)
_EMPHASIS_NOTE = re.compile(
    r"\W*(?:more |less )?[a-z'-]+(?: [a-z'-]+){0,2}(?:,? (?:over|before|rather than|than)|, not) (?:[a-z'-]+ ){0,3}"
    r"[a-z'-]+,? " + _WHERE_IN_THE_TEXT + r"\W*$"
)
# (what any such note holds, looked for in the whole narration before its sentences are)
_EMPHASIS_HINT = re.compile(r"\b(?:over|before|than|not) (?:[a-z'-]+ ){0,4}[a-z'-]+,? " + _WHERE_IN_THE_TEXT + r"\b")
_EMPHASIS_KEYS = frozenset(("over", "before", "than", "not"))
# ...of the things a writer weighs, not the story's own ("Smoke rather than fire, for now.", found by probing)
_WEIGHED = re.compile(
    r"\b(?:action|reflection|dread|explanation|sound|sight|smell|landscape|incident|interior|clues?|plot|mood|atmosphere"
    r"|character|emotion|feelings?|grief|gore|details?|description|dialogue|pace|tension|suspense|texture|interiority"
    r"|exposition|backstory|lore|answers?|mystery|horror|humou?r|comedy|romance|spectacle|logic|tone|scenery|setting"
    r"|pressure|senses|sensory|noise|quiet|fear|menace)\b"
)
_WHERE_KEYS = frozenset(("here", "now", "this"))  # (every phrase of _WHERE_IN_THE_TEXT holds one of them)
# (one word of each, for the caller's word set: most stories hold none, and the pattern's scan costs ~15 us a story)
_CRAFT_NOTE_KEYS = _keys(
    "dialogue description descriptive exposition pacing tense pov person setting paragraph paragraphs slapstick "
    "interiority count speed pace tension effect clarity consistency three".split()
)
_CRAFT_NOTE_WEAK_KEYS = _keys(
    "deliberately purpose design backstory detail piece brief setup punchline twist tone ending commas".split()
)
_ITS_PEOPLE = re.compile(r"\b(?:he|she|they|his|her|him|them|their|someone|we|our|us)\b|\b(?:it's|was) pacing\b")
_PERSON_FIRST = re.compile(r"[\s(\[*_—–-]*(?:first|second|third)[- ]person\b[,;:]")
_NOTE_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*[)\]*_]*")
CRAFT_NOTE_WORDS = (3, 12)
SECOND_PERSON_YOU = 3  # "you" said this often in the narration: a story told to "you"
OPENING_ASSENT_WORDS = 2


def _craft_note(narration: str, words: set[str] | frozenset[str] | None = None) -> str | None:
    strong = words is None or not words.isdisjoint(_CRAFT_NOTE_KEYS)
    weak = words is None or not words.isdisjoint(_CRAFT_NOTE_WEAK_KEYS)
    style = words is None or not words.isdisjoint(_STYLE_NOTE_KEYS)
    asked = words is None or not words.isdisjoint(_AS_ASKED_KEYS)
    emphasis = (
        words is None or not (words.isdisjoint(_EMPHASIS_KEYS) or words.isdisjoint(_WHERE_KEYS))
    ) and _EMPHASIS_HINT.search(narration) is not None
    if not (
        (strong and _CRAFT_NOTE_WORD.search(narration)) or (weak and _CRAFT_NOTE_WEAK.search(narration))
        or (style and _STYLE_NOTE_WORD.search(narration)) or (asked and _AS_ASKED.search(narration)) or emphasis
    ):
        return None
    sentences = [sentence for sentence in _NOTE_SENTENCE.findall(narration) if sentence.strip()]
    skip = 2 if sentences and len(sentences[0].split()) <= OPENING_ASSENT_WORDS else 1
    # (in a story told to "you", "you" is one of its people: "...not looking at you, very deliberately.")
    second_person = len(_SPEAKER_YOU.findall(narration)) >= SECOND_PERSON_YOU
    for index, sentence in enumerate(sentences[skip:], skip):
        if _is_craft_note(sentence, second_person) and not (
            _COUNTED_PARAGRAPHS.search(sentence) and _THE_WRITING.search(sentences[index - 1])
        ) and not _SAID_TAG.search(sentence):  # (someone's words: "Fewer commas, the editor said, and more full stops.")
            return sentence.strip()
    return None


# (the thirty-seventh round) ...not the length of a letter the sentence before names: "The letter came on a Tuesday,
# slipped under the door of the Gazette. Typed, unsigned, one paragraph." (e42-021)
_COUNTED_PARAGRAPHS = re.compile(r"\b(?:one|two|three|four|five|a single|a short|\d+) paragraphs?\b")


# (the thirty-third round) The writer's note on what it is doing, a sentence of a few words opening on the doing, with no
# one doing it: "Establishing the mood before anything happens.", "Holding the reveal back as long as I can.", "Piling on
# smells and tastes, per the style.", "Switching to shorter lines for the dread." A word of the craft in it; not the
# nouns in -ing ("Washing flapped on the lines.", "Opening the box would mean undoing all that.").
_GERUND_OPENS = re.compile(  # (matched at a sentence's start)
    r"[\"“*(\[_]*(?!(?:ending|opening|washing|nothing|something|anything|everything|morning|evening|during|being"
    r"|ceiling|building|king|ring|thing|wing|spring|string|sing|bring|clothing|wedding|meeting|setting|railing|darling"
    r"|pudding|stocking|lightning|ping|sibling|shilling|farthing)\b)[a-z]{2,}ing\b"
)
_GERUND_CRAFT = re.compile(
    r"\b(?:mood|reveal|tone|lines|setup|set-up|subtext|style|beat|touch|pace|pacing|tension|suspense|atmosphere"
    r"|dialogue|twist|build-?up|payoff|stakes|imagery|senses|sensory|description|climax|beats|details?|this one|the story"
    r"|the piece|the reader|per the)\b"
)
_GERUND_CRAFT_KEYS = _keys(
    "mood reveal tone lines setup set-up subtext style beat touch pace pacing tension suspense atmosphere dialogue twist "
    "buildup build-up payoff stakes imagery senses sensory description climax beats detail details".split()
)
_GERUND_CRAFT_PHRASES = ("this one", "the story", "the piece", "the reader", "per the")  # (looked for as they are...)
_GERUND_PHRASE_KEYS = _keys(_GERUND_CRAFT_PHRASES)  # (...where the text holds a word of one)
# (the thirty-sixth round) With no word of the craft, a word of where the note stands in the text or what the writer
# leaves it to: "Keeping the adults dismissive for now.", "Leaving it open here.", "Going heavy on texture and smell
# here.", "Letting the landscape do the storytelling.", "Laying out the dilemma plainly before the turn." A story's
# fragments open on the doing too ("Staying here.", "Running now, faster than he..."): only in a sentence with no one in
# it and nothing told in the past. In the tune half: 10 meta-talk answers more (three of the round's wave m78), no
# good one lost.
_GERUND_WHERE_WORDS = (
    "here", "for now", "yet", "throughout", "as requested", "as asked", "on purpose", "better that way",
    "for this part", "for this scene", "for this section", "this part", "this scene", "this section", "narration",
    "storytelling", "the turn", "joke", "jokes", "comedy", "contrast",
)
_GERUND_WHERE = re.compile(r"\b(?:" + "|".join(_GERUND_WHERE_WORDS) + r")\b")
_GERUND_WHERE_KEYS = _keys(_GERUND_WHERE_WORDS)
# ...the doing a writer's (not the weather's or the story's people's: "Snowing throughout the night.", "Counting the
# seconds here, one, two, three.", "Waiting for the tide for now.", found by probing)
_WRITERS_DOING = re.compile(
    r"[\"“*(\[_]*(?:keeping|leaving|letting|holding|going|laying|slowing|lingering|staying|leaning|saving|piling|building"
    r"|establishing|switching|cutting|skipping|painting|pulling|pushing|sticking|shifting|trimming|dropping|adding"
    r"|playing|focusing|zooming|panning|ramping|easing|wrapping)\b"
)


def _gerund_note(narration: str, words: set[str] | frozenset[str] | None = None) -> str | None:
    """The first sentence of `narration` (lowercased) that is the writer's note on what it is doing, or None."""
    if "ing " not in narration:
        return None
    craft = words is None or not words.isdisjoint(_GERUND_CRAFT_KEYS) or (
        not words.isdisjoint(_GERUND_PHRASE_KEYS) and any(phrase in narration for phrase in _GERUND_CRAFT_PHRASES)
    )
    where = words is None or not words.isdisjoint(_GERUND_WHERE_KEYS)
    if not (craft or where):
        return None
    low, high = CRAFT_NOTE_WORDS
    for sentence in _NOTE_SENTENCE.findall(narration):
        said = sentence.strip()
        if not (low <= len(said.split()) <= high and _GERUND_OPENS.match(said)):
            continue
        if craft and _GERUND_CRAFT.search(said):
            return said
        if (
            where and _WRITERS_DOING.match(said) and _GERUND_WHERE.search(said)
            and not (_ITS_PEOPLE.search(said) or _TOLD_OF_SOMEONE.search(said))
        ):
            return said
    return None


# (the thirty-seventh round) ...and its note told as an order to itself, on a thing of the text or on where it stands:
# "Keep for now.", "Swap in a café detail here.", "— slow this part down, more breath —", "Hold the reveal one more
# line." A story's people give orders too ("Keep the lamp burning.", "Keep this part of the map dry."), but seldom on the
# text's things; only in a sentence with no one in it and nothing told in the past, and not in a message the story
# quotes in italics. In the tune half: 9 meta-talk answers more (three of the round's wave m81), no good answer lost.
_WRITERS_ORDER = re.compile(
    r"[\"“*(\[_—–\s-]*(?:keep|leave|hold|slow|linger|save|pile|build|establish|switch|cut|skip|trim|drop|add"
    r"|focus|ramp|ease|wrap|swap|tighten|expand)\b"
)
# ...of a thing of the text ("Hold the reveal one more line.", "Keep sentences short through here."; not "Leave the lantern
# here.", "Build the fire here, out of the wind.", found by probing), or of nothing but where ("Keep for now.", "Cut here?")
_ORDER_TEXT = re.compile(
    r"\b(?:this (?:part|bit|scene|section|line|stretch|paragraph)|the (?:reveal|turn|twist|ending|opening|pacing|pace)"
    r"|subtext|sentences|backstory|description|dialogue|exposition)\b(?! of\b)"
    # (words a story's orders say of its own things too, "Keep the details for the inspector.", with where they stand
    # only: "Swap in a café detail here.")
    r"|\b(?:details?|lines|beats?)\b(?! of\b)(?=.*\b(?:here|for now|from here)\b)"
)
# ...with someone in it only when it orders the telling itself: "(Keep his doubt as subtext, not stated.)", "Cut her
# hesitating; the pace wants her moving."
_ORDER_ON_THE_TELLING = re.compile(r"\b(?:subtext|the reveal|the pac(?:e|ing)|exposition|backstory)\b")
_ORDER_BARE = re.compile(r"[\"“*(\[_—–\s-]*[a-z]+ (?:here|for now|from here)\W*$")
_ORDER_KEYS = _keys(
    "this reveal turn twist ending opening pacing pace subtext detail details sentences lines beat beats backstory "
    "description dialogue exposition here now".split()
)


def _order_note(narration: str, words: set[str] | frozenset[str] | None = None) -> str | None:
    """The first sentence of `narration` (lowercased) that is the writer's order to itself, or None."""
    if words is not None and words.isdisjoint(_ORDER_KEYS):
        return None
    low, high = CRAFT_NOTE_WORDS
    for sentence in _NOTE_SENTENCE.finditer(narration):
        said = sentence.group(0).strip()
        count = len(said.split())
        if (
            (low <= count <= high or (count == 2 and _ORDER_ON_THE_TELLING.search(said)))
            and _WRITERS_ORDER.match(said)
            and (_ORDER_TEXT.search(said) or _ORDER_BARE.fullmatch(said))
            and not _TOLD_OF_SOMEONE.search(said) and not _SAID_TAG.search(said)
            and (not _ITS_PEOPLE.search(said) or _ORDER_ON_THE_TELLING.search(said) is not None)
            and not _quoted_in_italics(narration, sentence.start())
        ):
            return said
    return None


def _quoted_in_italics(narration: str, at: int) -> bool:
    """Whether `at` is inside italics that open after narration on their line: a message the story quotes ("...tucked
    between pages 112 and 113: *You read too fast. Slow down for this part.*"), not the writer's note set in italics on a
    line of its own ("*Keep for now.*")."""
    while narration[at : at + 1] in ("*", " ", "\t"):
        at += 1  # (the sentence's own opening marks)
    start = narration.rfind("\n", 0, at) + 1
    line = narration[start:at]
    if line.count("*") % 2 == 0:
        return False
    if line[: line.find("*")].strip():
        return True
    # (...nor on its line after a paragraph that names the writing: "She took the pencil and wrote on the inside cover
    # of the book in his hands. He read it...\n\n*Slow down for this part. It's the best bit.*")
    before = narration[: max(0, start - 1)].rstrip()
    return _THE_WRITING.search(before[before.rfind("\n") + 1 :]) is not None


def _is_craft_note(sentence: str, second_person: bool = False) -> bool:
    """Whether one sentence of narration (lowercased) is the writer's terse note on its craft (`second_person`: the
    story is told to a "you", one of its people)."""
    low, high = CRAFT_NOTE_WORDS
    if not low <= len(sentence.split()) <= high:
        return False
    if _PERSON_FIRST.match(sentence):
        return True  # the person told in, and what it does to what is told: "First person, so you know only what she knows."
    if _ITS_PEOPLE.search(sentence) or (second_person and _SPEAKER_YOU.search(sentence)):
        return False
    asked = _AS_ASKED_NOTE.match(sentence)
    if asked is not None and not _TOLD_OF_SOMEONE.search(asked.group(1)) and _OF_THE_TELLING.search(asked.group(1)):
        return True
    if (
        _EMPHASIS_NOTE.match(sentence) and _WEIGHED.search(sentence) and not _TOLD_OF_SOMEONE.search(sentence)
        and " was " not in f" {sentence} "
        and "over here" not in sentence and "over there" not in sentence
    ):
        return True
    return bool(
        _CRAFT_NOTE_WORD.search(sentence)
        or (_CRAFT_NOTE_WEAK.search(sentence) and not _TOLD_OF_SOMEONE.search(sentence))
        or (_free_style_word(sentence) and _NOTE_MARK.search(sentence) and not _TOLD_OF_SOMEONE.search(sentence)
            and " was " not in f" {sentence} ")
    )


# An aside between two dashes inside a sentence, which the learned measure and the writer's reason above weigh as a
# sentence of their own ("she listened — I'm going heavy on sound here since she can barely see — and heard water
# dripping", "The clone — I'm calling her 'the other Ines' rather than giving her a new name, because naming her
# felt like taking a side — slid the form back"): inside its sentence, the narration around it outweighs it.
# (the twenty-fifth round's later batches) In a story told by "I" too, such an aside is the writer's when it speaks in
# the writer's voice of the making ("— I'm giving him a chatty, wry voice since you wanted first person —"). An aside in
# brackets inside a sentence is weighed as one that opens a sentence is, with the bracket's mark ("...and I felt it in
# my ribs (kept this one short, since it felt like a single moment).").
_DASH_ASIDE = re.compile(r"\s[—–]\s([^—–\n.!?]{8,200}?)\s[—–]\s|(?<=[a-z,;]) (\([^()\n]{8,200}\))")
BRACKET_ASIDE_WORDS = 6  # fewer in brackets ("(actually)", "(is that the word?)") is a narrator's voice as often
# The threshold was set on sentences, not on brackets inside one: the tune half's good answers hold 31 such asides, the
# highest at 6.1 (a guide's "(mind the loose flagstone, it's been loose for three centuries)", threshold 5.57); its
# meta-talk answers' reach 8-19. A bracket inside a sentence is the writer's from this much over the threshold.
BRACKET_MARGIN = 1.5
_TOLD_IN = re.compile(r"\b(?:(?:first|second|third)[ -]person|pov|point of view|(?:present|past) tense)\b")


def _dash_aside(narration: str) -> str | None:
    if "— " not in narration and "– " not in narration and " (" not in narration:
        return None
    pieces, bracketed = [], []
    for match in _DASH_ASIDE.finditer(narration):
        if match.group(2) is not None:
            if len(WORD.findall(match.group(2))) >= BRACKET_ASIDE_WORDS:
                bracketed.append(match.group(2))
        elif not _I_WORDS.isdisjoint(words := WORD.findall(fragment := match.group(1))):
            pieces.append((fragment, words))
    if pieces:
        found = _writer_reason(narration, pieces) or next(
            (fragment for fragment, _ in pieces
             if _WRITER_VOICE.search(fragment) and (_MAKING.search(fragment) or _TOLD_IN.search(fragment))),
            None,
        )
        if found is not None:
            return found
    if not pieces and not bracketed:
        return None
    measure = asides.model()
    narrator_i = asides.narrator_says_i(narration)
    return next(
        (fragment for fragment, _ in pieces if measure.score(fragment, narrator_i) > measure.threshold), None
    ) or next(
        (fragment for fragment in bracketed if measure.score(fragment, narrator_i) > measure.threshold + BRACKET_MARGIN),
        None,
    )


# A note in brackets joined to the story's last sentence ("...her hand still shaking (kept it short and punchy).", "...a
# friendly voice said, "Three." (Creepy enough, or too much?)"): where a drafting writer leaves its last word on the
# text. There the measure needs no margin and two words are enough ("(revisit ending?)"); the tune half's good answers
# close on a bracket twenty-odd times ("(together)", "(his croissants are also acceptable.)"), none over the threshold.
_CLOSING_BRACKET = re.compile(r"[a-z,;]\s+([(\[][^()\[\]\n]{6,200}[)\]])[\s.!?*_]*\Z")


def _closing_bracket(narration: str) -> str | None:
    if not narration.rstrip(" \n.!?*_").endswith((")", "]")):
        return None
    found = _CLOSING_BRACKET.search(narration)
    if found is None or len(WORD.findall(found.group(1))) < 2:
        return None
    measure = asides.model()
    if measure.score(found.group(1), asides.narrator_says_i(narration)) > measure.threshold:
        return found.group(1)
    return None


# A placeholder left for the user to fill, wherever it sits: inside a character's line too ("Backups don't [insert
# realistic technical jargon here — e.g., ...]."), where meta_talk, which reads the narration, does not look; and a
# note the writer left in an HTML comment ("<!-- establish the sibling tension more here? -->"), a template's
# variable ("{Baker1} slammed the tray down") or name slot ("[BAKER A]"), a line flagged as unsure ("...she whispered (?)").
_PLACEHOLDER = re.compile(
    r"\[(?:insert|name of)\b[^\]\n]{0,200}\]|\[[^\]\n]{0,120}\be\.g\.[^\]\n]{0,200}\]|<!--[^\n]{0,300}?-->"
    r"|\{\{?[a-z_]{1,30}\d{0,2}\}\}?|\(\?\)"
    # a slot for a name: "[BAKER A] had opened the croissant shop", "[MAGE 1]", "[VICTIM'S NAME]", "[TOWN]"
    r"|\[[a-z]+ (?:[a-z]|\d{1,2})\]|\[(?:[a-z]+(?:'s)? ){0,3}(?:name|surname|town|city|location|date|year)\]"
    # the writer's aside in brackets, inside a character's line too: "(Keeping this nearly all dialogue, as asked.)"
    r"|\([^()\n]{0,120}\bas (?:you )?(?:asked|requested)\b[^()\n]{0,40}\)"
    # a slot for the rest in brackets, what goes there after a dash ("[hijackers' demand — ransom? decide before the
    # final draft]"), or in braces ("{smell — something sweet and chemical?}"); a placeholder named, a pass still to
    # make ("(Technobabble placeholder, tighten later.)", "[tighten]")
    r"|\[[^\]\n]{2,60}\s[—–]\s[^\]\n]{8,}\]|\{[^{}\n]{2,160}\}"
    r"|[(\[][^()\[\]\n]{0,80}\b(?:placeholder|tbd|tighten|fix (?:this |it )?later)\b[^()\[\]\n]{0,80}[)\]]"
    # ...or a reminder to the writer ("(Remember to plant the window latch earlier — fix in revision.)")
    r"|[(\[][^()\[\]\n]{0,80}\b(?:fix (?:this |it )?in (?:revision|the next draft|edits)|remember to (?:plant|set up|seed"
    r"|foreshadow)\b)[^()\[\]\n]{0,80}[)\]]"
    # the writer's question left in square brackets: "[cut this line?]", "[keep him in the flat, or send him out?]"
    r"|\[[a-z][^\[\]\n]{0,120} [^\[\]\n]{1,120}\?\]"
)


# A piece of each placeholder pattern, looked up before it (most texts hold none).
_PLACEHOLDER_HINTS = ("[", "<!--", "{", "(?)", " as asked", " as requested", " as you asked", " as you requested",
                      "placeholder", "tighten", "fix it later", "fix this later", "in revision", "in the next draft",
                      "in edits", "remember to")


def placeholder(lowered: str) -> str | None:
    """The first placeholder in `lowered` (the whole text, lowercased, speech included), or None."""
    if not any(hint in lowered for hint in _PLACEHOLDER_HINTS):
        return None
    found = _PLACEHOLDER.search(lowered)
    return found.group(0) if found else None


# A note keyed by a superscript mark at a line's start: "¹ I picked October because fog..."
_FOOTNOTE_KEY = re.compile(r"^[^\w\n]{0,3}([¹²³⁴⁵⁶⁷⁸⁹])", re.MULTILINE)


# A line of speech and its tag: '"It usually is," she said', '"Run," Mara whispered'.
_TAGGED_SPEECH = re.compile(
    r"[,.!?…][\"”] (?:he|she|they|it|i|[A-Z][a-z]+) (?:said|says|asked|asks|whispered|whispers|replied|replies"
    r"|answered|called|shouted|murmured)\b"
)


def tells_in_chatter(postamble: str) -> bool:
    """Whether what cleaning took off after the story goes on telling it (a line of speech with its tag): the
    paragraph the writer's aside sits in is the story's, and the aside is meta-talk inside it."""
    return bool(postamble) and ('"' in postamble or "”" in postamble) and _TAGGED_SPEECH.search(postamble) is not None


# (the forty-fifth round) A line of chat in lowercase among a story's capitalised lines: "ok so that felt like a good
# place to stop lol.", "sry its kinda short, lmk if u want whatever happens at 00:00 lol", "ok skipping the boring bit
# where they argue about whose fault the bridge was" (m102). A message the story brings in on a line of its own is
# named in the paragraph before it ("Then my sister texted a photo...", e13-025: "ok this isnt funny. did u send
# this??").
_CHAT_LINE = re.compile(
    r"^(?:ok|okay|sry|sorry|so|anyway|anyways|lol|lmk|idk|tbh|ngl|btw|ugh|oops|haha|hmm|welp)\b[^\n]*", re.MULTILINE
)
_MESSAGE_NAMED = re.compile(
    r"\b(?:texts?|texted|texting|messages?|messaged|typed|phone|screen|notes?|sms|chat|inbox)\b",
    re.IGNORECASE,
)


def chat_line(story: str) -> str | None:
    """The first line of chat in lowercase in `story` (the cleaned text, its case kept), or None."""
    if _CHAT_LINE.search(story) is None:
        return None
    plain = without_speech(story)
    if not capitalised(plain):
        return None  # (a story written all in lowercase)
    for line in _CHAT_LINE.finditer(plain):
        before = plain[: line.start()].rstrip()
        if before and not _MESSAGE_NAMED.search(before[before.rfind("\n\n") + 1 :]):
            return line.group(0)
    return None


def footnoted(story: str, postamble: str) -> bool:
    """Whether the story carries marks keyed to notes, taken off after it or left inside it ("...the first foggy
    morning of October¹" and "¹ I picked October because..."): the writer's notes woven into the story, not a
    wrapper."""
    if postamble and any(mark in story for mark in set(_FOOTNOTE_KEY.findall(postamble))):
        return True
    return any(story.count(mark) >= 2 for mark in set(_FOOTNOTE_KEY.findall(story)))


def meta_phrase(narration: str, words: set[str] | frozenset[str] | None = None) -> str | None:
    """The first phrase of meta-talk in `narration` that needs no more of the story than itself to be told
    apart: what cleaning asks of a closing paragraph's first sentence. (Whether an "I" is the writer's
    depends on whether the story has one: a whole story's question, for `meta_talk`.)"""
    present = _hints_in(narration)
    if present:
        for hints, pattern in _META:
            if not present.isdisjoint(hints):
                match = pattern.search(narration)
                if match:
                    return match.group(0)
    # Each clause-by-clause test first asks the whole text whether it can fire at all: plain substrings,
    # then one regex pass, and only then the clauses.
    if (
        (words is None or not words.isdisjoint(_CRAFT_KEYS))
        and any(hint in narration for hint in _CRAFT_HINTS)
        and _CRAFT.search(narration)
        and _ASSISTANT_VOICE.search(narration)
    ):
        letter = LETTER_OPENING.match(narration) is not None
        for sentence in _CLAUSES.split(narration):
            if _ASSISTANT_VOICE.search(sentence) and _of_the_craft(sentence, letter):
                return sentence.strip()
    if (
        (words is None or not words.isdisjoint(_COMMENTARY_KEYS))
        and any(term in narration for term in _CRAFT_COMMENTARY)
        and _CRAFT_RARE.search(narration)
    ):
        for sentence in _SENTENCES.split(narration):
            if _CRAFT_RARE.search(sentence):
                terms = {m.replace("this ", "the ") for m in _CRAFT_TERM.findall(sentence)}
                if len(terms) >= 2:
                    return sentence.strip()
    # A paragraph in the assistant's voice ("I'm", "let me", "okay", "you asked") that holds two words about the
    # text as a made thing (the brief, a draft, the scene's details, the pacing, the twist): the writer at work
    # between the story's paragraphs, whatever its shape ("Quick check against the brief: romance, yes...",
    # "Is this too dark? No, the brief says dark fantasy", "Sensory checklist so far: ... so I'm adding...").
    if words is None or len(_TEXT_WORDS.intersection(words)) >= TEXT_WORDS_LEVEL:
        for paragraph in PARAGRAPH_BREAK.split(narration):
            if (
                len(_TEXT_WORDS.intersection(WORD.findall(paragraph))) >= TEXT_WORDS_LEVEL
                and _WRITER_VOICE.search(paragraph)
            ):
                return paragraph.strip()
    return None


# A sentence told as someone's words, without quotation marks, closing on its teller: "let me know if that's enough, i
# wrote.", "here goes nothing, mara thought.", "i hope you like it, the old woman said, and meant it." (lowercased
# narration: a name is any word there; the tag found first, from its comma, and the sentence from the stop before it)
_SAID_TAG = re.compile(
    r",\s(?:(?:the|his|her|their|my|our)\s(?:[a-z]+\s)?)?(?!(?:as|so|if|when|than|just|not)\s)[a-z]+\s(?:had\s)?"
    r"(?:said|says|wrote|writes|asked|asks|texted"
    r"|texts|whispered|whispers|replied|replies|answered|answers|added|adds|called|calls|thought|thinks|written|muttered"
    r"|murmured"
    r"|told (?:him|her|them|me|us))(?:\s(?:him|her|them|me|us|softly|quietly|again))?"
    r"(?:,[^.!?\n]*| (?:to|at|into|under|as|and|from|through|across|over|on)\b[^.!?\n]*)?[.!?]"
)


def _without_said(narration: str) -> str:
    """`narration` without the sentences told as someone's words (_SAID_TAG)."""
    pieces, done = [], 0
    for tag in _SAID_TAG.finditer(narration):
        start = max(done, *(narration.rfind(mark, done, tag.start()) + 1 for mark in ".!?\n"))
        pieces.append(narration[done:start])
        done = tag.end()
    return " ".join(pieces) + " " + narration[done:] if pieces else narration
# (the thirty-seventh round: ...nor write about it, "My sister. I am not going to write about my sister.", l19-029; and
# a narrator's writing down, "I want to record this accurately, before I begin to improve on it.", l10-040)
_NOT_DESCRIBING = re.compile(
    r"i(?<![a-z]i)(?:'m| am) not going to (?:describe|write)|before i (?:begin|start|write|continue)\b"
)
# ...its own words, within a sentence of the narrator's (not the writer's question opening one, "Before I write the
# source itself: magical or realistic?", m28-042, nor ending on a colon)
_NARRATORS_OWN = re.compile(
    r"i(?<![a-z]i)(?:'m| am) not going to (?:describe|write about)"
    r"|(?<=[a-z,] )before i (?:begin|start|write|continue)\b(?=[^.!?\n:]*[.!?])"
)
_PICTOGRAPH = re.compile(f"[{PICTOGRAPHS}]")
_ITALIC_LINE = re.compile(r"[ \t]*\*[^*()\[\]\n]+\*[ \t]*")


# An aside in brackets in a story told without "I": the narrator has no "I" to speak with, so brackets that say
# "I", "let's" or (outside a second-person story) "you" are the writer's ("(ooh, I like that line, keeping
# it)", "(what should we call them? For now I'll go with Theo and June, easy to swap if you have names in
# mind!)"). A first-person narrator's own asides ("(I never told her that)") stay the story's.
_ASIDE = re.compile(r"\(([^()\n]{3,300})\)|\[([^\[\]\n]{3,300})\]")
_SPEAKER_US = re.compile(r"\b(?:let's|we'll|we're)\b")
# the texting register of a casual writer: "(idk if the ghost wife is too much? could swap it for something subtler)"
_TEXTING = re.compile(r"\b(?:idk|lol|tbh|ngl|lmk|imo)\b")
_SPEAKER_YOU = re.compile(r"\b(?:you|your|you're|you'd|you'll)\b")


_ITALICS = re.compile(r"\*[^*\n]+\*")
_QUOTED_IN_ITALICS = re.compile(r"\s*(?:\*[^*\n]+\*|_[^_\n]+_)\s*")


def _writer_aside(narration: str) -> str | None:
    if "(" not in narration and "[" not in narration:
        return None
    bracketed = [match.group(1) or match.group(2) for match in _ASIDE.finditer(narration)]
    if not bracketed:
        return None
    # (words in italics are quoted: a letter's "*I'll be carrying Le Petit Prince*" is no narrator's "I")
    outside = _ITALICS.sub(" ", _ASIDE.sub(" ", narration))
    if _FIRST_PERSON.search(outside):
        return None
    second_person = _SPEAKER_YOU.search(outside) is not None
    for aside in bracketed:
        if _QUOTED_IN_ITALICS.fullmatch(aside):
            continue  # words the story quotes, in italics: "(*let's keep a little mystery*)"
        if (
            _FIRST_PERSON.search(aside) or _SPEAKER_US.search(aside) or _TEXTING.search(aside)
            or (not second_person and _SPEAKER_YOU.search(aside))
        ):
            return aside.strip()
    return None


# The writer's working notes left in the story: a note under its label at the start of a line or a sentence ("TODO —
# name the street", "Tonal note: lighter from here on.", "Paragraph 3 — the meeting."; a diary's "Note to self:" is
# the story's), or a paragraph all in square brackets between the story's paragraphs ("[Action beat.]", "[fight scene
# — can cut this down if it runs long]"; a log's closing "[No further entries.]" ends it, and a transcript's
# "[static]" comes with others).
# (Each is tried only where it can end, just before a colon or a dash, and only on the few characters before it: the
# narration is scanned once for those marks, which most stories hold a few of.)
_NOTE_LABEL = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[\[(*\n]))[ \t]*(?:[-•*→][ \t]*)?(?:todo|to-do|draft|(?:an? )?(?:tonal|tone|small|quick|side"
    r"|craft|pacing|style|editorial|editor's|author's|writer's|emotion|emotional|mood|sensory|draft) note"
    # (the forty-second round) "Draft note:", "Author's note to self: don't explain the ward's history yet" (a diary's
    # plain "Note to self:" is the story's)
    r"|(?:author's|writer's) note to self"
    r"|(?:paragraph|beat|scene|act|step) (?:\d+|one|two|three|four|five)"
    r"|(?:(?:sensory|emotional|emotion|quiet|story|mood|action|tension|plot|comic|key|big|small|final|closing|opening"
    r"|character) )?beat"
    # (the thirty-sixth round) "Sensory beat:", "Fast cut:", "Okay, the turn:", "Alt line: ...", "Alt ending considered:"
    r"|(?:fast|hard|quick|jump|smash) cut|(?:ok(?:ay)?|right|now|so),?[ \t]+the turn"
    r"|alt(?:ernate|ernative)? (?:line|ending|version|take|opening)(?: considered)?"
    # (the thirty-seventh round) "Detail pass: add the tick?", "Polish pass —", "[Structure: arrival, confusion, reveal.]"
    r"|(?:detail|polish|edit|editing|line|sensory|dialogue|pacing|revision|second|final) pass|(?<=[\[(*])structure"
    # "(Writer's rule: never explain the voice.)", "(Don't forget: her fear lives in her hands.)" (in brackets only: a
    # story's own reminder, "Don't forget: bins on Thursday.", stands on its line)
    r"|writer's rule|(?<=[\[(*])(?:don't forget|remember)"
    # "[edit: make that low orbit...]", "Correction to the above:", "A note on the dialogue:", "Just to flag —"
    r"|edit|correction(?: to the above)?|(?:a )?note on (?:the |my )?[\w']+|just to flag"
    # "[FIX: too many 'then's]", "FIXME —" ("Fix:" in brackets only: a story's sign may say it on its line)
    r"|fixme|(?<=[\[(*])fix"
    # "Timeline check: 1974 plus fifty...", "One thing to confirm: are you all right with..." ("..., for my own tracking:" is
    # a writer's move wherever it stands, below)
    r"|(?:timeline|continuity|fact) check|one thing to confirm|alt|reader's choice"
    # "Cast so far, for reference:"
    r"|[\w' ,]{0,40}\bfor reference)[ \t]*$"
)
# ...and the line that takes the story up again after the writer stopped it ("Starting again, straight into it:",
# "Hmm, that's flat. Trying a different opening:", "rewriting that line:", "Continuing:", "Correcting:", "Revised line:")
_TAKEN_UP = re.compile(
    r"(?:^|(?<=[.!?—–]\s)|(?<=[.!?\n]))[ \t]*(?:(?:ok(?:ay)?|right|so|alright|anyway),?[ \t]*)?(?:starting|restarting"
    r"|trying|rewriting|redoing|continuing|resuming|picking (?:it |things )?(?:back )?up|let's try|trying again|correcting"
    r"|fixing|pushing (?:on|further|ahead)|take two|fresh start|revised (?:line|version|opening|ending|paragraph|passage))\b[^\n:]{0,60}$"
)
_LABEL_ENDS = frozenset("todo to-do draft note beat edit correction above flag one two three four five check confirm alt fix fixme"
                        " choice reference cut turn line ending version take opening considered pass structure rule forget remember self".split())
_LABEL_MARKS = (":", "—", "–", " -")
LABEL_CHARS = 80  # how far before its mark a label or a line taken up again may start
# ...the writer's moves, labelled or not: "Or, a moodier take on that paragraph:", "Shifting to Edie's point of view."
_WRITERS_MOVE = re.compile(
    r"\b(?:take|version|draft) (?:on|of) (?:that|this|the) (?:paragraph|line|sentence|scene|passage|opening|ending)\b"
    r"|\b(?:shifting|switching) (?:to|into) (?:the )?(?:[\w']+ (?:point of view|pov|perspective)|(?:present|past) tense)\b"
    # ...and the pace it keeps the text at: "Tags dropped to keep this quick.", "Tech simplified so it doesn't bog down.",
    # "I'm trimming the middle stretch here", "mostly for my own tracking"
    r"|\bto keep (?:this|it|things) (?:quick|short|moving|tight|brisk|snappy)\b"
    r"|\bso (?:this|it) doesn't (?:get|bog|drag|run)\b|\bfor my own tracking\b"
    r"|\bi(?:'m (?:trimming|cutting|skipping|condensing|compressing|speeding|slowing)|'ll (?:trim|cut|skip|condense"
    r"|compress|speed|slow))\b[^.!?\n]{0,40}\bhere\b"
    # "Note the dust — it pays off at the end.", "(Too much 'scallywag'? Possibly. Leaving it in.)"
    r"|\bit (?:pays|will pay) off (?:later|at the end)\b|\bleaving (?:it|that|this) in[.)]"
    # a note to self on the draft ("Note to self: maybe foreshadow the brother's scar earlier."; a diary's "Note to
    # self: never trust oilcloth." is the story's)
    r"|\bnote to self:? (?:maybe |remember to |should |must |need to )?(?:foreshadow|set up|plant|seed|trim|tighten|expand"
    r"|revise|rewrite|flesh out|cut)\b"
)
_WRITERS_MOVE_HINTS = ("take on ", "version of ", "draft of ", "shifting ", "switching ", "to keep ", "doesn't ",
                       "my own tracking", "i'm ", "i'll ", "pay", "leaving ", "note to self")
# (the thirty-seventh round) ...and a cut if the text runs long, a seed to plant earlier: "(Consider cutting the
# cookbook note if this runs long.)", "*Could plant Lisbon earlier. Leaving it.*" (a pattern of their own, asked only
# where a hint of theirs is: in the one above they doubled its scan)
_WRITERS_MOVE_MORE = re.compile(
    r"\bif (?:this|it) (?:runs|gets|feels|reads) (?:too )?long\b(?=[.)\]!?])"
    r"|(?<![a-z] )\bcould (?:plant|seed|foreshadow|set up) [^.!?\n]{0,30}\bearlier\b"
)
_WRITERS_MOVE_MORE_HINTS = ("runs long", "gets long", "feels long", "reads long", "s too long", "could plant", "could seed",
                            "could foreshadow", "could set up")
# ...the cut it makes, opening a sentence: "Skipping the boring launch checklist.", "Cutting to the decision.", "That
# backstory ran long.", "Gore kept offscreen."; and the turns it offers to take: "Possible twists, take your pick:",
# "From here I see two directions:"
_WRITERS_CUT = re.compile(
    r"\b(?:skipping|cutting|jumping|fast-forwarding|glossing|skimming) (?:ahead |forward |straight |right )?(?:to|over"
    r"|past) the (?:decision|ending|end|good (?:part|bit)|climax|reveal|aftermath|action|chase|point)\b"
    r"|\bskipping the (?:boring|dull|usual|tedious|long|standard) "
    # ...and between dashes or in brackets: "— skipping the middle of the journey —"
    r"|(?P<aside>(?:(?<=[—–] )|(?<=[(\[]))(?:skipping|i'll skip|let's skip|fast-forwarding) (?:ahead|forward|over|past"
    r"|to the|the (?:middle|rest|next|details|boring|journey|part))\b)"
    r"|\b(?:the |that |this )(?:backstory|exposition|setup|set-up|intro|flashback|bit|part|section) ran (?:long|on|over)\b"
    r"|\bkept off-?(?:screen|page)\b"
    r"|\bpossible (?:twists|endings)(?:[,:]| here\b| to (?:choose|pick))|\btake your pick:|\bi see (?:two|three|a few|several) (?:directions"
    r"|options|ways (?:this|it) could go)\b"
)
_WRITERS_CUT_HINTS = ("skipping ", "skip ", "cutting ", "jumping ", "forwarding ", "glossing ", "skimming ", " ran long",
                      " ran on", " ran over", "kept off", "possible ", "your pick", "i see ")
_OPENS_SENTENCE = re.compile(r"(?:^|[.!?)\]]\s+|[(\[\n]\s*)$")
_CUTTING = ("skipping", "cutting", "jumping", "fast-forwarding", "glossing", "skimming")


def _writers_cut(narration: str) -> str | None:
    """The writer's cut or offered turn; a cut only where it opens a sentence ("He was cutting to the end of the rope"
    is the story's)."""
    for found in _WRITERS_CUT.finditer(narration):
        if found.group("aside") or not found.group(0).startswith(_CUTTING) or _OPENS_SENTENCE.search(
            narration[max(0, found.start() - 4) : found.start()]
        ):
            return found.group(0)
    return None


def _labelled_note(narration: str) -> str | None:
    """A working note's label, or a line taken up again, just before a colon or a dash of the narration."""
    for mark in _LABEL_MARKS:
        at = narration.find(mark)
        while at >= 0:
            head = narration[max(0, at - LABEL_CHARS) : at]
            if at <= LABEL_CHARS:
                head = "\n" + head  # the narration's start is a line's
            last = head.rsplit(None, 1)[-1].lstrip("[(*-•→") if head.strip() else ""
            label = _NOTE_LABEL.search(head) if last in _LABEL_ENDS or last.isdigit() or "note on " in head[-40:] else None
            if label is None and mark == ":" and narration[at + 1 :].lstrip(" \t")[:1] in ("\n", ""):
                label = _TAKEN_UP.search(head)
            if label is not None:
                return (label.group(0) + mark).strip()
            at = narration.find(mark, at + 1)
    return None


_BRACKETED_PARAGRAPH = re.compile(r"[ \t]*[*_]{0,2}\[[^\[\]\n]*[a-z][^\[\]\n]*\][*_]{0,2}[ \t]*")
BRACKETED_PARAGRAPHS = 2


def _working_note(narration: str) -> str | None:
    labelled = _labelled_note(narration)
    if labelled is not None:
        return labelled
    move = _WRITERS_MOVE.search(narration) if any(hint in narration for hint in _WRITERS_MOVE_HINTS) else None
    if move is None and any(hint in narration for hint in _WRITERS_MOVE_MORE_HINTS):
        move = _WRITERS_MOVE_MORE.search(narration)
    if move is not None:
        return move.group(0)
    cut = _writers_cut(narration) if any(hint in narration for hint in _WRITERS_CUT_HINTS) else None
    if cut is not None:
        return cut
    if "[" not in narration:
        return None
    paragraphs = [part for part in PARAGRAPH_BREAK.split(narration) if part.strip()]
    bracketed = [number for number, part in enumerate(paragraphs) if _BRACKETED_PARAGRAPH.fullmatch(part)]
    if 0 < len(bracketed) <= BRACKETED_PARAGRAPHS:
        for number in bracketed:
            if 0 < number < len(paragraphs) - 1:
                return paragraphs[number].strip()
    return None


# A paragraph of its own in which the writer steps out of a story told without "I" or "we": it speaks as "I"
# ("I think that joke lands", "let me rein it in", "I'll summarise what happens next") of the story's making
# (its twist, its lines, its length, the rest of it). A letter or a note the story quotes says "I" too, but
# is brought in ("it said:", "Daniel had written it", "the note", "his last page", "Dear Meg,") or says
# nothing of the story's making.
_WE = re.compile(r"\b(?:we|us|our|we're|we'll|we've|we'd)\b")
_MAKING = re.compile(
    r"\b(?:story|twist|joke|scene|line|lines|ending|details?|reader|readers|beat|suspense|brief|length|part|write|words?"
    r"|writing|depict|summari[sz]e|version|draft|paragraphs?|sentences?|characters?|purple|tone|plot|consistent"
    r"|narrator|narrates|rest)\b"
)
_BROUGHT_IN = re.compile(
    r"\b(?:said|says|say|thought|thinks|wrote|writes|written|read|reads|signed|typed|began|asked|whispered|told"
    r"|murmured|dear|letter|note|card|postcard|message|page|notebook|journal|diary|log|entry|inscription)\b"
)


# (a word of each closing, looked up before the pattern)
_SIGNED_OFF_HINTS = ("yours", "love", "sincerely", "regards", "your ")
# A letter's closing and its signature ending a paragraph (lowercased): "yours always, henry.", "love, mum", "— e."
_SIGNED_OFF = re.compile(
    r"\b(?:yours(?: always| truly| ever| sincerely| faithfully)?|ever yours|love|all my love|with love|sincerely"
    r"|regards|your (?:friend|son|daughter|brother|sister|mother|father))[,.]?\s+[a-z][\w.'-]*(?: [a-z][\w.'-]*)?\.?\s*$"
)


# (the thirty-fifth round) A letter the story brings in with the paragraph before it, opening on its salutation: "Edith
# opened it at the kitchen table.\n\nEdie,\nI'm no good at this so I'll be quick...", "Maggie. I'm at the station."
# (a name and a comma or a stop, not an assent's "Okay," or "So,"; after a paragraph that reads, opens or names the
# writing). Four good answers of the tune half kept; no meta-talk answer opens a paragraph so.
# (the thirty-seventh round: or a dash, "Eve — I'll be at the station Saturday... — D.", l32-032)
_SALUTATION = re.compile(r"[\s*_]*([a-z]+)(?:[,.]|\s[—–])\s")
_NOT_A_NAME = frozenset(
    "okay ok sure so well alright right now anyway yes no oh ah hmm note ps again and but then still also first last "
    "look listen fine honestly reader friend".split()
)
_THE_WRITING = re.compile(
    r"\b(?:read|reads|opened|opens|unfolded|unfolds|envelope|letter|note|card|wrote|writes|message|page|postcard"
    r"|telegram)\b"
)


def _letter_after_its_reading(paragraph: str, paragraphs: list[str]) -> bool:
    """Whether `paragraph` (one of `paragraphs`) opens on a salutation after a paragraph that reads or names writing."""
    salutation = _SALUTATION.match(paragraph)
    if salutation is None or salutation.group(1) in _NOT_A_NAME:
        return False
    at = paragraphs.index(paragraph)
    return at > 0 and _THE_WRITING.search(paragraphs[at - 1]) is not None


def _writer_paragraph(narration: str) -> str | None:
    paragraphs = [part for part in PARAGRAPH_BREAK.split(narration) if part.strip()]
    if len(paragraphs) < 3:
        return None
    speaking = [part for part in paragraphs if _FIRST_PERSON.search(part)]
    if not speaking or len(speaking) > 2 or len(speaking) * 3 > len(paragraphs):
        return None
    if any(_WE.search(part) for part in paragraphs if part not in speaking):
        return None  # a story told by "we"
    for paragraph in speaking:
        first = _FIRST_PERSON.search(paragraph)
        if first is None or ":" in paragraph[: first.start()] or _BROUGHT_IN.search(paragraph):
            continue
        if _letter_after_its_reading(paragraph, paragraphs):
            continue
        if _SIGNED_OFF.search(paragraph) or _ITALIC_LINE.fullmatch(paragraph.strip()):
            # a letter quoted whole, signed ("...I won't bother you again. Yours always, Henry.") or in italics
            continue
        if _WRITER_VOICE.search(paragraph) and _MAKING.search(paragraph):
            return paragraph.strip()
    return None


# The writer giving a reason for a choice, in a story told without "I": one short sentence holds the story's "I"
# (all of it, or all but one word), speaks of a character or of "this"/"here" in the present, and says why ("I
# named him Durgan because it sounds like a hammer", "I want this planet to feel like a held breath, so I'm
# keeping the crew quiet here"). A note or a letter the story quotes says "I" to a "you", or is brought in.
_REASON = frozenset(("because", "so", "since"))
_ABOUT_THEM = frozenset("he him his she her they them their this here".split())
_NOW = frozenset(
    """is are am has have does do want wants need needs feel feels think sounds seems it's that's there's here's
    can can't will won't let's keep keeping going i'm i've i'll""".split()
)
_YOU_WORDS = frozenset(("you", "you're", "your", "you'll", "you'd", "yours"))
_SPEAKING_I = frozenset(("i", "i'm", "i've", "i'll", "i'd"))
NARRATOR_WE = 3  # "we" words from which a story is told by "we"
REASON_WORDS = 30


def _writer_reason(narration: str, pieces: list[tuple[str, list[str]]] | None = None) -> str | None:
    """The sentence (of `pieces`, when given: parts of the narration with their words) giving the writer's reason."""
    # a letter quoted whole and signed is a character's "I" ("...so I'm writing them. Yours always, Henry.")
    if any(hint in narration for hint in _SIGNED_OFF_HINTS):
        parts = PARAGRAPH_BREAK.split(narration)
        unsigned = [part for part in parts if not _SIGNED_OFF.search(part)]
        if len(unsigned) < len(parts):
            narration = "\n\n".join(unsigned)
    mine = [word for word in WORD.findall(narration) if word in _I_WORDS]
    if not mine or len(mine) > 4 or len(_WE.findall(narration)) >= NARRATOR_WE:
        return None  # no "I" of the writer's, or a story told by "we" (one of whom may say "I")
    for sentence, words in asides.sentences_and_words(narration) if pieces is None else pieces:
        if len(words) > REASON_WORDS:
            continue
        present = set(words)
        if (
            _SPEAKING_I.isdisjoint(present)
            or _REASON.isdisjoint(present)
            or _ABOUT_THEM.isdisjoint(present)
            or _NOW.isdisjoint(present - {"i"})
            or not _YOU_WORDS.isdisjoint(present)
            or len(mine) - sum(1 for word in words if word in _I_WORDS) > 1
            or _BROUGHT_IN.search(sentence)
        ):
            continue
        return sentence
    return None


# Chatter after a story that plans what the story will do next ("for the next beat, she should...", "which
# will pay off in the final scene", "do you want the reveal to be..."): the story is not finished, so it
# is not a wrapper to trim but meta-talk that rejects.
_PLANS_MORE = re.compile(
    # the plan for what comes next ("for the next beat, she should..."), not an offer of it ("Want me to write
    # the next chapter?", "just say the word if you'd like part two": the story told is whole)
    r"\b(?:(?:for|in) the next (?:beat|part|scene|section|chapter|installment|act)\b|next beat\b"
    r"|continued in the next (?:response|message|reply|part)\b"
    # "(Story continues in my next message — I'm running up against the response length limit...)", "PART 2 coming
    # up 👀 just say "continue" and i'll reveal who the stranger is"
    r"|continu\w* in (?:my|the) next (?:response|message|reply|msg)\b|\blength limit\b|\bpart (?:2|two|ii) coming\b"
    r"|\bsay\W{0,2}continue\b|\bi'll reveal\b"
    # the user asked first: "Before I compute the solution, please confirm: ... Awaiting input.", "Quick question
    # before I go on — is this for kids?", "(Need to fill in the fight scene — let me know...)"
    r"|\bbefore i (?:go on|go (?:any )?further|continue|proceed|compute|carry on)\b|\bplease confirm\b|\bawaiting (?:your )?input\b"
    # the rest sketched and the first part named: "And that's the end of Chapter One! I've got the whole arc sketched out"
    # (not "That's the whole arc", of a story told whole)
    r"|\bsketched out\b|\bend of (?:chapter|part) (?:one|1|i)\b"
    # "the battle on the beach be a tale fer me next message!", "**Coming in Act II:** ..."
    r"|\b(?:me|my) next (?:message|response|reply)\b|\bcoming in (?:act|part|chapter) (?:ii|2|two)\b"
    # edits the writer still means to make: "Fix: change "bronze, green with age" to...", "consider cutting."
    r"|(?:^|[.!?\n]\s*)fix:|\bconsider (?:cutting|changing|adding|removing|dropping|swapping)\b"
    # a persona's "Old Grimwald has not yet decided... Tell Grimwald, and he shall spin the rest!"
    r"|\bnot yet decided\b|\b(?:spin|tell) the rest\b"
    # (the writer's, not a character's: "his need to finish the case")
    r"|(?:\bi(?:'d| would)? (?:also |still )?|(?<![a-z] ))need to (?:fill in|write|add|finish)\b"
    # the ending left to the user's answer: "Reply with your guess and your reasoning, and I'll write the big reveal
    # scene"
    r"|\breply with your (?:guess|choice|pick|vote|answer)\b|\bi'll write the (?:big )?(?:reveal|twist|climax|final|last)\b"
    # the answer owning up to not being the story: "Let me know if you'd like me to turn this into an actual story
    # instead."
    r"|\b(?:turn|make) (?:this|it) into (?:an actual|a real|a proper|a full) (?:story|narrative)\b"
    r"|\b(?:an actual|a real|a proper) story instead\b"
    # the ending offered to swap: "I'm not thrilled with that last line... A couple of alternatives you could swap in:"
    r"|\byou could swap in\b|\bnot (?:thrilled|happy|sure) (?:with|about) (?:that|the|this) (?:last|first|final|opening"
    r"|closing) (?:line|sentence|paragraph)\b"
    r"|(?:will|would|could|should|can) (?:pay off|be revealed|come later|happen next)\b"
    r"|(?:do|would) you (?:want|prefer|like) the (?:reveal|ending|twist|story|scene|next part)\b"
    r"|to be continued\b|(?:in|for) part (?:two|2|ii)\b"
    # the rest summarised or planned instead of told: "I'll summarise what happens next", "My plan for the
    # ending is...", "Want me to write that out as a full scene?"
    r"|summari[sz](?:e|ed|ing)\b|my plan for\b|how i imagine\b"
    # "(Fill in the bracketed parts as you like...)", "Rest TBD."
    r"|fill in the (?:bracketed|blanks?|placeholders?)\b|\b(?:rest|remainder|ending) tbd\b"
    # "want me to do the ending?", "want me to finish it?", "I'm happy to write the remaining scenes", "I've written the
    # opening action sequence in full", "lmk and ill run with whichever", "tell me which one hits"
    r"|\b(?:do|write|finish) the (?:ending|end)\b|\b(?:want me to|shall i|should i) finish\b"
    r"|\bthe remaining (?:scenes|parts|chapters|sections)\b|\b(?:i've written|i wrote) the opening\b"
    r"|\brun with whichever\b|\bwhich one hits\b"
    # "this is where i'd reveal where clara is but honestly i haven't decided", "not sure where to take it from here",
    # "i can write it all out", "I'll write the conclusion", "For the twist, I have a few options and would value your
    # input:"
    r"|\bthis is where i'd\b|\bi haven't decided\b|\bwhere to take it from here\b|\bwrite it all out\b"
    r"|\bi'll write the conclusion\b|\bfor the (?:twist|ending),? i have\b|\bvalue your input\b"
    r"|(?:write|written) (?:it|that|this|them|these|those|the rest) out\b|(?:any|all) of (?:it|that|this) written out\b"
    # "anyway the rest is basically: ...", "i can flesh that out", "Here's how I'd structure the rest:", "I was
    # planning to reveal what the doll wants", "not sure how to end it yet", "I've left a couple of placeholders"
    r"|\bflesh (?:that|it|this|these|them) out\b"
    r"|\b(?:structure|plot|outline|shape) (?:for |of )?the rest\b|\bi was planning to\b"
    r"|\bnot sure how to (?:end|finish|close)\b|\bplaceholders?\b|\bfill (?:these|those|them|it) in yourself\b"
    # "ok so i couldnt decide how to end this one so heres a few ways it could go:"
    r"|\bcould(?:n'?t| not) decide (?:how to (?:end|finish|close)|on (?:an|the) ending)\b|\bways it could (?:go|end)\b"
    # the rest promised once the user answers: "Tell me your guess and I'll write the ending", "I'll carry on
    # based on what you pick", "answer the questions above and I'll write the complete story"
    r"|i'll (?:carry on|continue|finish|rewrite the ending|write the (?:ending|end|rest|complete|full))\b"
    r"|based on what you (?:pick|choose)\b"
    r"|which (?:direction|option|version|one|ending) (?:(?:would|do) )?you (?:prefer|like|want)\b"
    r"|before i (?:write|finish) the (?:ending|end|rest|twist|climax|reveal)\b"
    # the writer stopping before the end: "I'm going to pause here", "with more context I can write the rest"
    # ("Want me to write the rest of those eleven minutes?" offers more than the story told)
    r"|(?:pause|stop) (?:it |this )?(?:right )?(?:here|there)\b|(?:write|finish) the rest\b(?! of)|more context\b"
    # "i've got a whole bit planned with the brother", "that's kinda where i'd end it" (not the ending named after a
    # colon: "that's where I'd leave it: on the knock.")
    r"|\b(?:got|have) [^.!?\n]{0,30}\bplanned\b|where i'd (?:end|stop|leave) it\b(?!\s*[:—–])"
    # "part 2 would be him going deeper... then part 3 the tunnel kinda closes"
    r"|\bpart (?:2|two|3|three|ii) (?:would|will|is)\b|\bthen part (?:2|3|two|three)\b"
    # "I'd keep it under a page either way, and close on her walking home"
    r"|\bi'd (?:close|end|finish|open) (?:it )?(?:on|with)\b|\bi'd [^.!?\n]{0,60}\band (?:close|end) (?:it )?on\b"
    r"|how long (?:do|would) you (?:want|like)\b"
    # what the rest would be: "From here, the story would continue with...", "The twist would be that..."
    r"|(?:story|tale|scene) (?:would|will) (?:continue|go on|unfold|follow)\b|twist (?:would|will) be\b"
    r"|final scene (?:would|will) be\b"
    # its ending left to choose or to write: "here are both and you can pick! Ending one: ...", "[TODO: ending]",
    # "I've got two twists in mind... Option one: ... Going with option two:", "pick whichever fits"
    r"|(?:^|\n)[\s*_]*ending \(?(?:version |option )?(?:one|two|a|b|1|2)\b[^\n]{0,30}:|\blean towards? (?:ending|option|version)\b"
    # "ok version 2 is way better. u can just ignore the first one lol"
    r"|\bignore the (?:first|other|earlier) (?:one|version|draft|attempt)\b|\bversion (?:1|2|one|two) is\b|you can (?:pick|choose)\b|(?:two|three) ways the (?:twist|ending|story) could go\b|\btodo\b|\boption (?:one|two|1|2|a|b)\s*:"
    r"|(?:two|three) (?:twists|endings|options|versions) in mind\b|going with option\b|pick whichever\b"
    # (the forty-first round) the draft owned up to as unfinished: "Not finished. The pause works, but... Think about it."
    r"|(?:^|[.!?\n]\s*)(?:still )?(?:not |un)finished\b|\b(?:draft|this|it)(?:'s| is) (?:not |un)finished\b|\bnot (?:finished|done) yet\b"
    # the writer leaving the story where it is: "That's where I'll leave it for now."
    r"|where i(?:'ll| will) leave it\b|leave it (?:here|there) for now\b"
    # ...or naming what is told as a first part and the next one planned: "That's the opening scene.", "I was
    # thinking the next part could...", "Next part: she traces it...", "I'll stop there for now", "I'm planning
    # for...", "Where would you like it to go next? I'll continue in whichever direction you choose."
    r"|that's the (?:opening|first) (?:scene|part|chapter|section|half)\b|the next (?:part|scene|chapter|section) (?:could"
    r"|would|will|should|gets)\b|(?:^|\n)\s*next (?:part|scene|chapter)\s*:|(?:stop|pause) (?:there|here) for now\b"
    r"|i(?:'m| am) planning\b|i was thinking (?:the|that)\b|where would you like (?:it|the story|this|them) to go\b"
    r"|whichever direction\b"
    # the rest outlined: "Outline for the rest, so you can see where it goes:", "- Final scene: the teacher confesses"
    r"|(?:outline|sketch|summary|plan) (?:for|of) the rest\b|the rest,? in (?:outline|brief)\b"
    r"|(?:^|\n)\s*(?:[-*•]\s*)?final scene\s*:"
    # the ending left unwritten: "i didn't write out the final scene", "the last image would be him on a frosty
    # morning", "i was gonna have him just pay", "if u want me to actually write the ending properly"
    r"|(?:didn't|did not|haven't|have not) (?:write|written) (?:out )?the (?:final|last|ending|end|rest)\b"
    r"|the (?:last|final) (?:image|line|beat|moment) would be\b|i was (?:gonna|going to) have (?:him|her|them|it)\b"
    r"|write (?:it|the ending|the story|the rest) properly\b"
    # (what meta_talk finds in a story's place, taken off as a closing paragraph)
    r"|\bthe rest of (?:the story|the tale|it) would\b|" + _THE_REST_AS_IT_WOULD_GO
    # the rest as the writer would go on ("From here the plan is...", "The story from here: they break through",
    # "the last scene would be...", "The rest would go roughly like this", "Next I'd write the discovery...",
    # "Next she'd push further in", "The next part is where he decides") or where the writer stopped ("That's part
    # one.", "That's as far as I've got.", "I've stopped before the investigation starts", "I ran out of space
    # before the actual choice", "I'd end roughly there.")
    + r"|from here,? (?:the plan|the story|it) (?:is|would|will)\b|the story from here\b|(?:last|final) scene would\b"
    r"|the rest would\b|next (?:i|she|he|they|we)'d\b|the next part is where\b|that's part (?:one|1)\b"
    r"|(?:that's|this is) as far as i(?:'ve| have)? got\b|i(?:'ve| have)? stopped before\b"
    r"|ran out of (?:space|room|time) before\b|i'd end (?:it )?(?:\w+ )?(?:there|here)\b)"
)
# A casual assistant's contractions without their apostrophe ("i didnt write out the final scene", "lmk and ill write
# it properly"), given it back before the patterns read chatter.
_BARE_CONTRACTIONS = {
    "didnt": "didn't", "dont": "don't", "doesnt": "doesn't", "isnt": "isn't", "wasnt": "wasn't", "havent": "haven't",
    "cant": "can't", "wouldnt": "wouldn't", "couldnt": "couldn't", "thats": "that's", "whats": "what's",
    "heres": "here's", "im": "i'm", "ive": "i've", "ill": "i'll", "itd": "it'd", "youre": "you're",
}
_BARE_CONTRACTION = re.compile(r"\b(?:" + "|".join(_BARE_CONTRACTIONS) + r")\b")


def _contracted(chatter: str) -> str:
    return _BARE_CONTRACTION.sub(lambda match: _BARE_CONTRACTIONS[match.group(0)], chatter)


# An opening that names what follows as only the story's beginning: "Ooh, fun one. Here's how it starts:", "Here's
# the first part:".
_ONLY_BEGINS = re.compile(
    r"\bhere(?:'s| is) (?:how it (?:starts|begins|opens)|the (?:opening|beginning|start)\b(?! of)"
    r"|(?:the|a) (?:first|opening) (?:part|scene|chapter|section|installment)|part (?:one|1|i)\b)"
    # "Scene one of three.", "Not sure of the structure yet, so sketching. Testing voices:"
    r"|\b(?:scene|part|chapter) (?:one|1) of\b|\bso sketching\b|\btesting voices\b"
    # "That's what I'd lean into. Something like:", "Draft — opening only:", "ok first attempt:", "i'll write the
    # opening properly and then sketch the rest:"
    r"|\bsomething like:|\bi'd lean into\b|\bopening only\b|\b(?:first|second) attempt\b|\bsketch the rest\b"
    # "ok part 1 (this one's gonna be long so i split it up):"
    r"|(?:^|[^\w'])part (?:1|one)\b(?! of)|\bsplit it (?:up|in)\b"
    # questions before the story is written, and a taste of it: "quick qs before i write the full thing:", "heres a
    # little taste so u can see the voice:", "a tiny bit just to show the vibe"
    # "Below is **Act I**; I'll write Acts II and III once you confirm the tone is right."
    r"|\bonce you (?:confirm|approve)\b|\bbelow is\W+(?:act|part|chapter) (?:i|1|one)\b"
    r"|\bbefore i (?:write|start|do)\b|\bfirst half\b|\b(?:taste|sample|snippet)\b[^.!?\n]{0,20}\b(?:so|to) (?:you|u)\b|\bjust to show\b"
)


# "What happens next" planned ("What happens next, in outline: ...", "I'll tell you what happens next:"), not
# offered ("I can write what happens next if you'd like", "a longer version that follows what happens next").
_WHAT_NEXT = re.compile(r"[^.!?\n]*\bwhat happens next\b[^.!?\n]*")
_OFFERS_MORE = re.compile(
    r"\b(?:i can|i could|want me to|would you like|if you(?:'d| would)? like|if you want|happy to|shall i|should i|glad to"
    r"|version)\b"
)


# The rest told in other words instead ("Rather than write the duel in full, I'll summarise it"), not a choice of
# the ending's ("I ended on the implied next step rather than showing what happens").
_RATHER_THAN = re.compile(r"[^.!?\n]*\brather than (?:write|writing|depict|depicting|show|showing|tell|telling)\b[^.!?\n]*")
_CHOSE_ENDING = re.compile(r"\bi (?:ended|closed|stopped) (?:it |the story )?(?:on|with|at)\b|\bi (?:left|kept|chose|opted)\b")


# (the forty-first round) A note to self in italics of its own, opening in lowercase as a jotting does ("*wasp again — I used
# it in the airlock scene too. swap for something else*", "*one cow joke is plenty — don't add more later*"): the writer's
# when the asides measure leans it to the writer's side at all. A story's own italics of that shape are a voice's ("*we
# have been awake for a long time*", -5.1 when this was written: the one good answer of the tune half with such spans, all
# under -2; the meta-talk answers' 38 spans, most over 0).
_ITALIC_NOTE = re.compile(r"(?:^|(?<=[.!?\"”]\s)|(?<=\n))[*_]([a-z][^*_\n]{15,200})[*_](?=\s|$)")
ITALIC_NOTE_BAR = 0.0


def italic_note(text: str, narration: str) -> str | None:
    """The first note to self in italics in `text` (the cleaned story, its case kept; `narration`: the same lowercased,
    quoted speech removed), or None."""
    spans = _ITALIC_NOTE.findall(text) if "*" in text or "_" in text else ()
    if not spans:
        return None
    narrator_i = asides.narrator_says_i(narration)
    measure = asides.model()
    return next((span for span in spans if measure.score(span, narrator_i) > ITALIC_NOTE_BAR), None)


def plans_more(postamble: str, preamble: str = "") -> bool:
    """Whether chatter removed around a story plans the story's continuation, or names what it opens as the
    story's beginning (so the story is unfinished)."""
    if _ONLY_BEGINS.search(_contracted(preamble.lower().replace("’", "'"))) is not None:
        return True
    lowered = _contracted(postamble.lower().replace("’", "'"))
    if not lowered:
        return False
    if _PLANS_MORE.search(lowered) is not None:
        return True
    if any(_CHOSE_ENDING.search(found) is None for found in _RATHER_THAN.findall(lowered)):
        return True
    return any(":" in found or _OFFERS_MORE.search(found) is None for found in _WHAT_NEXT.findall(lowered))


# The catalog's style instructions, as the scorer's words: one said in the story ("since the instructions were
# 'Keep the pacing fast and full of action'") is the brief read back, not a line of the story.
STYLE_PHRASES = tuple(" ".join(WORD.findall(style.lower())) for style in STYLE_MODIFIERS)


def _quotes_a_style(joined: str) -> bool:
    """Whether the joined words say one of the catalog's style instructions word for word."""
    return any(style in joined for style in STYLE_PHRASES)


_PROMPT_LABEL = re.compile(r"(?i:prompt)[*_]*\s*[:—–]")


def restates_brief(wrapper: str, prompt_words: list[str]) -> bool:
    """Whether `wrapper` (what cleaning took off an answer) says the prompt or a catalog style instruction
    again: a brief restated ("Prompt: ... / Style: Give it a mysterious, haunting tone"), where labels of the
    answer's own genre, tone or point of view ("Genre: Romance / POV: second person") are only a wrapper."""
    if not wrapper:
        return False
    words = WORD.findall(wrapper.replace("’", "'").lower())
    joined = " ".join(words)
    phrase = " ".join(prompt_words)
    # "Prompt: A lighthouse keeper..." (a preamble may say what the story is about: "Below is a passage in
    # which two pen pals finally meet in Paris")
    labelled = "prompt" in words and len(phrase) >= 15 and phrase in joined and _PROMPT_LABEL.search(wrapper) is not None
    return labelled or _quotes_a_style(joined)


def _may_name_the_brief(text: str) -> bool:
    """Whether `text` may hold a label of _INLINE_BRIEF: an ASCII text that names none of them in any case holds none (a
    text of other characters is asked, as case folding may match them)."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return "genre" in lowered or "prompt" in lowered or "style" in lowered


def echoes_brief(text: str, words: list[str], prompt_words: list[str]) -> bool:
    """Header lines restating the brief, the prompt sentence itself said twice or more, or a style
    instruction of the catalog quoted (`words`, `prompt_words`: the lowercased words of the text and of
    the prompt, as the scorer found them)."""
    if ":" in text and _BRIEF_HEADER.search(text):
        return True
    labelled = ":" in text or (("—" in text or "–" in text) and ("enre" in text or "rompt" in text))
    if labelled and _may_name_the_brief(text) and _INLINE_BRIEF.search(text):
        return True
    joined = " ".join(words)
    if _quotes_a_style(joined):
        return True
    phrase = " ".join(prompt_words)
    if len(phrase) < 15:
        return False
    return joined.count(phrase) >= 2


# Refusals and meta-talk, matched on the lowercased narration (quoted speech removed). Each pattern
# runs only when its cheap substring hint is present, and starts with a literal rather than \b: Python's
# regex engine then skips ahead to candidate positions instead of trying every one (~15x faster). A
# lookbehind right after the first word stands in for the \b ("i(?<![a-z']i)" is the word "i").
_REFUSALS: Guarded = tuple(
    (hints, re.compile(pattern, re.MULTILINE))
    for hints, pattern in (
        (
            ("as a",),
            r"as(?<![a-z]as) (?:an? (?:ai|artificial intelligence)(?: language)? model\b"
            r"|a (?:large )?language model\b|an ai assistant\b"
            r"|an ai\b[^.!?\n]{0,40}\bi(?: cannot| can't| can not| don't| do not| am not able| am unable"
            r"|'m unable|'m not able| won't| will not)\b)",
        ),
        (
            ("sorry", "afraid"),
            r"(?:sorry|afraid)\b[^.!?\n]{0,40}\b(?:i|we) (?:can't|cannot|can not|won't|will not|am unable to"
            r"|'m unable to|am not able to|'m not able to|must decline|must refuse)\b[^.!?\n]{0,12}"
            r"\b(?:help|assist|write|create|generate|produce|provide|fulfill|fulfil|comply|continue|complete"
            r"|do that|engage)",
        ),
        (
            ("i can", "i won't", "i will not", "unable to", "not able to"),
            r"i(?<![a-z']i)(?: cannot| can't| can not| won't| will not| am unable to|'m unable to"
            r"| am not able to|'m not able to) (?:write|create|generate|produce|provide|fulfill|fulfil"
            # (not a narrator's "I cannot help it if my books find your hearth more agreeable")
            r"|complete|comply|assist|help(?! it\b| but\b| myself\b)|continue)\b[^.!?\n]{0,40}"
            r"\b(?:this|that|your|request|story|stories|content|passage|such|prompt)\b",
        ),
        (
            ("apolog",),
            r"(?:i apologi[sz]e|my apologies)\b[^.!?\n]{0,40}\b(?:but|cannot|can't|unable)\b",
        ),
        (
            ("openai", "chatgpt", "content polic", "my guidelines", "my programming", "training data",
             "knowledge cutoff"),
            r"(?:openai|chatgpt)\b|content polic(?:y|ies)\b"
            r"|(?:against|violates?) my (?:guidelines|programming)\b"
            r"|my (?:training data|knowledge cutoff)\b",
        ),
        (
            ("i'm ", "i am "),
            r"i(?<![a-z']i)(?:'m| am) (?:just |only )?an? (?:ai|artificial intelligence)(?: language model"
            r"| assistant| model)\b",
        ),
        (
            ("let me know", "would you like me", "i hope you"),
            r"let me know if you(?:'d| would)? like\b|would you like me to\b"
            r"|i hope you (?:enjoy|enjoyed|like|liked) (?:this|the|my) (?:story|tale|passage|piece)\b",
        ),
    )
)
# A reply that opens with "As an AI" is talking about itself, whatever follows.
_AS_AN_AI_START = re.compile(r"\W*as an ai\b")
# "Sure! Here's a short story about a wizard:" / "Certainly." with little after it is a refusal to write.
_PREAMBLE = re.compile(
    r"^\s*(?:"
    r"(?:(?:sure|certainly|of course|absolutely|okay|ok|great|alright|all right|here you go)(?: thing)?"
    r"\s*(?:[!.:]+|,(?=\s*(?:here|below|i've|i have)))\s*)"
    r"(?:(?:here(?:'s| is| you go| goes)|below is|i(?:'ve| have) written)\b[^\n.!?:]{0,120}[:.!]\s*)?"
    r"|(?:here(?:'s| is)|below is|i(?:'ve| have) written)\b[^\n.!?:]{0,120}"
    r"\b(?:story|tale|passage|piece|version|draft|scene|excerpt|narrative|attempt|take)\b"
    r"[^\n.!?:]{0,120}[:.!]\s*"
    r")",
    re.IGNORECASE,
)


def refuses(narration: str) -> bool:
    """Says it will not write what was asked ("As an AI...", "I can't write violent content")."""
    return _AS_AN_AI_START.match(narration) is not None or matches_any(narration, _REFUSALS)


_LOWER_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]*_]*\s+")


def is_refusal(lowered: str, narration: str) -> bool:
    if refuses(narration):
        return True
    preamble = _PREAMBLE.match(lowered)
    if preamble is None:
        return False
    rest = lowered[preamble.end() :]
    # (the text is lowercased: sentences() would find one, as it splits only before a capital)
    return len(rest.strip()) < 100 or len([part for part in _LOWER_SENTENCE_END.split(rest) if part.strip()]) < 2


def is_echo(words: list[str], prompt_words: list[str]) -> bool:
    # Share of the text's word trigrams that come straight from the prompt: a story that quotes its
    # prompt once stays low; a text that is the prompt (repeated) is near 1.
    if len(prompt_words) < 3 or len(words) < 3:
        return bool(words) and len(prompt_words) > 0 and words == prompt_words
    prompt_vocabulary = set(prompt_words)
    if sum(1 for w in words if w in prompt_vocabulary) < len(words) / 2:
        return False
    prompt_trigrams = set(zip(prompt_words, prompt_words[1:], prompt_words[2:]))
    trigrams = list(zip(words, words[1:], words[2:]))
    covered = sum(1 for t in trigrams if t in prompt_trigrams)
    return covered / len(trigrams) >= 0.5
