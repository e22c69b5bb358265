"""The quality rules of CONTRACT section 4: bonuses, penalties, reasons; the filter really rejects."""

from __future__ import annotations

import time

import pytest

from autotrain import catalog, quality
from autotrain.quality import scoring
from autotrain.quality import score, text_features

WIZARD_PROMPT = "A young wizard discovers an ancient spellbook"
COLONY_PROMPT = "A colony ship reaches a mysterious planet"

# ~500 characters: every bonus (length, sentences, descriptive words, dialogue).
GOOD_WIZARD = (
    "Elias found the spellbook wedged behind a crumbling shelf in the tower library, its leather cover "
    "cracked and warm beneath his trembling fingers. The pages glowed a faint, eerie blue as he turned them. "
    '"You should not be here," whispered a dry voice from the binding itself. Elias froze, heart pounding, '
    "but he did not close the book. Instead he read the first spell aloud, and the candles around him bent "
    "their flames toward the ancient words, hungry and bright."
)
GOOD_COLONY = (
    "The colony ship Meridian had been falling toward the violet planet for eleven years when Captain Osei "
    "woke from cryosleep to the shrill sound of alarms. Frost still clung to her eyelashes. Through the "
    "viewport the world hung like a bruised marble, its oceans swirling beneath clouds the color of rust. "
    '"Status," she croaked. The ship answered in its calm voice: the reactor was failing, two thousand '
    "colonists were still asleep, and the landing window would close in nine hours."
)
# Short (under 200 characters) but complete, well written and on the prompt.
SHORT_COMPLETE = (
    "The old wizard opened the spellbook. Its pages hummed with a quiet, golden light. "
    "He smiled and began to read."
)
# Earns no bonus at all and triggers no penalty: exactly the base.
PLAIN = "The wizard opened the spellbook and read the first page aloud to his apprentice."

BONUS_KEYS = ("length", "sentences", "descriptive", "dialogue")


def penalties(report: quality.QualityReport) -> dict[str, float]:
    return {key: value for key, value in report.breakdown.items() if key.startswith("penalty_")}


# --- good text ---------------------------------------------------------------------------------------


def test_good_story_earns_every_bonus_and_is_kept():
    report = score(GOOD_WIZARD, WIZARD_PROMPT, genre="fantasy")
    assert 200 <= len(GOOD_WIZARD) <= 800
    assert report.score >= 8.5
    assert report.kept and report.reject_reason is None
    assert report.breakdown == {
        "base": 7.0, "length": 1.0, "sentences": 0.5, "descriptive": 0.5, "dialogue": 0.3
    }
    assert report.score == 9.3


def test_good_sci_fi_story_is_kept():
    report = score(GOOD_COLONY, COLONY_PROMPT, genre="sci_fi")
    assert report.kept
    assert report.score >= 8.5
    assert penalties(report) == {}


def test_short_complete_passage_is_not_punished_for_being_short():
    assert len(SHORT_COMPLETE) < 200
    report = score(SHORT_COMPLETE, WIZARD_PROMPT, genre="fantasy")
    assert report.kept
    assert report.score >= 7.0
    assert report.breakdown["length"] == 0.0
    assert penalties(report) == {}


# --- each bonus on its own ---------------------------------------------------------------------------

BONUS_CASES = [
    (
        "length",
        1.0,
        "The wizard carried the spellbook from the library to the tower, up the stairs, past the room where "
        "the apprentices slept, through the door with the iron lock, and into the study where his master had "
        "written every spell he knew into its pages.",
    ),
    ("sentences", 0.5, "The wizard found the spellbook. He opened it. The pages spoke his name."),
    (
        "descriptive",
        0.5,
        "The ancient spellbook glowed with a pale light as the wizard opened it in the tower.",
    ),
    ("dialogue", 0.3, '"Open it," the wizard told his apprentice, pointing at the spellbook on the table.'),
]


def test_plain_text_earns_exactly_the_base():
    report = score(PLAIN, WIZARD_PROMPT, genre="fantasy")
    assert report.breakdown == {
        "base": 7.0, "length": 0.0, "sentences": 0.0, "descriptive": 0.0, "dialogue": 0.0
    }
    assert report.score == 7.0
    assert report.kept  # the threshold is inclusive


@pytest.mark.parametrize(("bonus", "points", "text"), BONUS_CASES, ids=[case[0] for case in BONUS_CASES])
def test_each_bonus_alone(bonus, points, text):
    report = score(text, WIZARD_PROMPT, genre="fantasy")
    assert report.breakdown[bonus] == points
    for other in BONUS_KEYS:
        if other != bonus:
            assert report.breakdown[other] == 0.0, other
    assert penalties(report) == {}
    assert report.score == round(7.0 + points, 2)


@pytest.mark.parametrize(("size", "points"), [(199, 0.0), (200, 1.0), (800, 1.0), (801, 0.0)])
def test_length_bonus_bounds(size, points):
    pool = GOOD_WIZARD + " " + GOOD_COLONY + " " + GOOD_WIZARD
    text = pool[: size - 1] + "."
    assert len(text) == size
    assert score(text, WIZARD_PROMPT, genre="fantasy").breakdown["length"] == points


def test_score_is_capped_at_ten(monkeypatch):
    # The real bonuses top out at 9.3; raise them to see the cap work.
    monkeypatch.setitem(quality.BONUSES, "length", 3.0)
    monkeypatch.setitem(quality.BONUSES, "sentences", 2.0)
    report = score(GOOD_WIZARD, WIZARD_PROMPT, genre="fantasy")
    assert sum(report.breakdown.values()) > 10.0
    assert report.score == 10.0
    assert report.kept


def test_score_is_floored_at_zero():
    report = score("I'm sorry, but I can't help with that.", WIZARD_PROMPT, genre="fantasy")
    assert sum(report.breakdown.values()) < 0
    assert report.score == 0.0


# --- dialogue ----------------------------------------------------------------------------------------

APOSTROPHE_TEXTS = [
    "The wizard didn't close the spellbook, and he wouldn't let his apprentice touch it either.",
    "'Tis said the old tower still hums at night, though nobody has climbed its stairs in years.",
    "The wizards' tower stood empty; the apprentices' lanterns had all gone out before midnight.",
    "The wizard’s hands shook as he turned the page, and he couldn’t stop reading until dawn.",
    "Rock 'n' roll never reached the wizard's valley, and the spellbook's songs were older anyway.",
]


@pytest.mark.parametrize("text", APOSTROPHE_TEXTS)
def test_apostrophes_are_not_dialogue(text):
    assert text_features(text).has_dialogue is False
    assert score(text, WIZARD_PROMPT, genre="fantasy").breakdown["dialogue"] == 0.0


DIALOGUE_TEXTS = [
    '"Stay close," the wizard said, lifting the spellbook toward the light.',
    "“Stay close,” the wizard said, lifting the spellbook toward the light.",
    "'Stay close,' the wizard said, lifting the spellbook toward the light.",
    "‘Don’t touch it,’ the wizard said, lifting the spellbook toward the light.",
    'The wizard looked up from the spellbook. "Run!"',
]


@pytest.mark.parametrize("text", DIALOGUE_TEXTS)
def test_quoted_speech_is_dialogue(text):
    assert text_features(text).has_dialogue is True
    assert score(text, WIZARD_PROMPT, genre="fantasy").breakdown["dialogue"] == 0.3


def test_text_features_match_scoring():
    features = text_features(GOOD_WIZARD)
    assert features == quality.TextFeatures(char_count=len(GOOD_WIZARD), sentence_count=5, has_dialogue=True)
    # Speech attribution after a quoted exclamation does not start a new sentence; titles don't end one.
    assert text_features('"Run!" she cried. The tower fell.').sentence_count == 2
    assert text_features("Mr. Hale kept the spellbook. Dr. Finch wanted it.").sentence_count == 2
    assert text_features("  ").char_count == 0
    assert text_features("").sentence_count == 0


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
    assert report.breakdown["penalty_preamble"] == -0.3
    assert report.score == 9.0
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
    assert report.breakdown["penalty_postamble"] == -0.3
    assert report.kept


def test_a_length_cut_off_is_truncated_even_when_it_ends_a_sentence():
    report = score(GOOD_WIZARD, WIZARD_PROMPT, genre="fantasy", finish_reason="length")
    assert report.breakdown["penalty_truncated"] < 0
    assert not report.kept
    assert report.truncated
    assert report.reject_reason == "cut off by the length limit"


# --- prompt and genre --------------------------------------------------------------------------------

DRAGON_KNIGHT = (
    "The dragon circled the castle twice before landing in the courtyard. Sir Aldric drew his sword, "
    "though his hands shook. The old king watched from the tower, silent and grim."
)
OFFICE = (
    "The quarterly budget meeting ran long again. Marcus refilled his coffee and reviewed the spreadsheet "
    "twice. Everyone agreed the numbers looked better than last year."
)


OFF_BRIEF = "off the brief: about something else than the prompt"


def test_prose_ignoring_prompt_and_genre_is_rejected():
    report = score(OFFICE, WIZARD_PROMPT, genre="fantasy")
    assert report.breakdown["penalty_off_topic"] == -4.0
    assert report.reject_reason == OFF_BRIEF


def test_prose_of_the_genre_but_another_brief_is_off_the_brief():
    # A dragon and a knight are fantasy, but this is not a wizard finding a spellbook.
    report = score(DRAGON_KNIGHT, WIZARD_PROMPT, genre="fantasy")
    assert report.reject_reason == OFF_BRIEF
    assert score(DRAGON_KNIGHT, "A knight embarks on a quest to slay a dragon", genre="fantasy").kept


def test_a_free_prompt_is_judged_by_its_own_words():
    assert score(OFFICE, "A lighthouse keeper's last winter on the rock").reject_reason == OFF_BRIEF
    assert score(SHORT_COMPLETE, "An old wizard reads from his spellbook").kept
    assert score(SHORT_COMPLETE, WIZARD_PROMPT, genre="no_such_genre").kept


def test_prompt_overlap_allows_simple_stemming():
    text = (
        "Two wizards argued all night over who discovered the spellbooks first, and neither would give the "
        "other a single page."
    )
    # No genre: only the prompt's words (wizard, discovers, spellbook) can save it.
    assert "penalty_off_topic" not in score(text, WIZARD_PROMPT).breakdown


def test_genre_lexicon_covers_every_catalog_genre():
    assert set(quality.GENRE_LEXICON) == set(catalog.GENRE_KEYS)
    for genre, words in quality.GENRE_LEXICON.items():
        assert 30 <= len(words) <= 60, genre


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


# --- speed -------------------------------------------------------------------------------------------


def test_scoring_is_fast():
    text = (GOOD_WIZARD + " " + GOOD_COLONY)[:800].rsplit(" ", 1)[0] + "."
    score(text, WIZARD_PROMPT, genre="fantasy")
    started = time.perf_counter()
    for _ in range(2000):
        score(text, WIZARD_PROMPT, genre="fantasy")
    # ~0.2 ms each here; the bound only catches a pathological regression (a catastrophic regex).
    assert time.perf_counter() - started < 3.0
