"""The quality rules of CONTRACT section 4, the score: good text, each bonus, dialogue, the prompt and the
genre, and speed."""

from __future__ import annotations

import gc
import re
import time
from collections import Counter

import pytest

from autotrain import catalog, quality
from autotrain.quality import prose, score, text_features
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

COLONY_PROMPT = "A colony ship reaches a mysterious planet"


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


# --- prompt and genre --------------------------------------------------------------------------------


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


# Written for "A dragon egg hatches in a farmer's barn", and naming two of the knight's three concepts in passing
# (a dragon, a sword): the rank rules alone keep a text that names two of three.
HATCHLING = (
    "The egg had sat in the hay loft since the spring storm, speckled like a thrush's and as big as a milk "
    "churn, and Tam Hollis had stopped pretending it was a stone. On the coldest night of the year he heard it "
    "crack.\n\n"
    "He took a lantern up the ladder. The shell lay open in three pieces, still warm, and among the straw a "
    "creature the size of a cat was licking its own wet wings. It sneezed. A little smoke came out of its "
    "snout, and the hay under it began, very politely, to smoulder.\n\n"
    "Tam stamped it out with his boot and sat down on a bale, under the old sword his grandfather had hung on a "
    "nail. The hens were muttering below, the cows shifting in their stalls. The hatchling climbed into his lap "
    "as if it had always known the way there.\n\n"
    '"Well," said Tam, to nobody, "you\'ll not be living in my barn."\n\n'
    "By morning it was."
)
EGG_PROMPT = "A dragon egg hatches in a farmer's barn"
KNIGHT_PROMPT = "A knight embarks on a quest to slay a dragon"


def test_a_story_plainly_written_for_another_catalog_brief_is_off_the_brief():
    from autotrain.quality.relevance import relevance, text_stems

    stems = text_stems(set(prose.WORD.findall(HATCHLING.lower())))
    fit = relevance(stems, KNIGHT_PROMPT, "fantasy")
    assert (fit.core_concepts, fit.core_total) == (2, 3)
    assert fit.another_brief == EGG_PROMPT  # every concept of the egg's brief, and a far better fit
    report = score(HATCHLING, KNIGHT_PROMPT, genre="fantasy")
    assert report.reject_reason == OFF_BRIEF and report.breakdown["penalty_off_topic"] == -4.0
    # For its own brief it names every concept: kept.
    assert relevance(stems, EGG_PROMPT, "fantasy").another_brief is None
    assert score(HATCHLING, EGG_PROMPT, genre="fantasy").kept


# Written fresh for these tests. For "A gravedigger finds a coffin that knocks from the inside", told without one
# word of the brief's core vocabularies (no grave, no coffin, no knock): the rules alone would call it off.
SEXTON = (
    "The mourners had gone back to the pub by three, and Tomas, who kept the ground at St Ebba's for the diocese "
    "and a pint on Fridays, was alone with the Harker plot and the rooks.\n\n"
    "He had half filled the hole when he heard it: the sound a knuckle makes on a kitchen table when a man wants "
    "the salt and is too proud to ask. Once. Then twice more, patient, from under the clay.\n\n"
    "He thought of the doctor, who was young, and who had signed the certificate in the kitchen without taking off "
    "his gloves. He thought of the sons, already on the motorway.\n\n"
    "Tomas set down his tools and knelt, and laid his palm on the cold clay the way you would on a horse's "
    "flank.\n\n"
    '"All right, Agnes," he said. "All right. Hold on."'
)
GRAVEDIGGER_PROMPT = "A gravedigger finds a coffin that knocks from the inside"
# For "A lighthouse keeper disappears during a storm": a storm, a lamp and a man nobody can find, so two of the
# brief's three core concepts are named, but it is a child's birthday party.
PARTY = (
    "The power went at Leo's seventh birthday party just as the candles were lit, so for a while the cake was the "
    "only light in the flat. Rain hammered the windows. Somewhere over the estate the thunder rolled and the "
    "smaller guests screamed with delight.\n\n"
    '"Make a wish," said his aunt Rosa, "before the wind blows them out for you."\n\n'
    "Leo closed his eyes and thought hard about a dog. When he opened them his dad was coming down the hall with "
    "the camping lamp held up like a trophy, and everybody cheered him as if he had invented electricity.\n\n"
    "They played sardines in the dark. Nobody could find Uncle Dev for forty minutes; he had fallen asleep in the "
    "airing cupboard. It was, Leo told everyone at school on Monday, the best party in the history of the world."
)
LIGHTHOUSE_PROMPT = "A lighthouse keeper disappears during a storm"


def _fit(text: str, prompt: str, genre: str):
    from autotrain.quality.relevance import relevance, text_stems

    words = prose.WORD.findall(text.lower())
    return relevance(text_stems(set(words)), prompt, genre, words)


def test_the_learned_measure_keeps_an_oblique_story_the_rules_would_call_off_the_brief():
    from dataclasses import replace

    from autotrain.quality import briefs

    fit = _fit(SEXTON, GRAVEDIGGER_PROMPT, "dark_fantasy")
    assert fit.core_concepts == 0 and replace(fit, learned=None).off_brief  # the rank rules: off
    assert fit.learned is not None and fit.learned <= briefs.model().threshold  # the stories of this brief: close
    assert not fit.off_brief and score(SEXTON, GRAVEDIGGER_PROMPT, genre="dark_fantasy").kept
    # The same story for another brief is far from that brief's stories.
    assert _fit(SEXTON, "Two rival bakers fall in love across the street", "romance").off_brief


def test_the_learned_measure_finds_a_story_that_names_the_brief_in_passing():
    from dataclasses import replace

    from autotrain.quality import briefs

    fit = _fit(PARTY, LIGHTHOUSE_PROMPT, "mystery")
    assert fit.core_concepts == 2 and not replace(fit, learned=None).off_brief  # the rules: two of three, kept
    assert fit.learned is not None and fit.learned > briefs.model().threshold
    assert score(PARTY, LIGHTHOUSE_PROMPT, genre="mystery").reject_reason == OFF_BRIEF


def test_the_measure_reads_a_text_as_its_learning_did():
    """Scoring counts a text's stems by a cache of each word's row; learning counts them from the words' stems.
    The two must agree, or the measure judges texts otherwise than it learned them."""
    from autotrain.quality import briefs

    model = briefs.model()
    for text in (SEXTON, PARTY, HATCHLING, GOOD_WIZARD, OFFICE):
        words = prose.WORD.findall(prose.lowered(text))
        for _ in range(2):  # the second time from the cache
            assert model.counts_of_words(words) == model.counts_of_stems(briefs.stems(words))


def test_the_learned_measure_is_not_asked_of_a_story_that_states_its_premise():
    """Every core concept named and the best fit of the catalog: the brief is met, whatever else the text holds
    (the offline writer's stories carry filler from other worlds)."""
    fit = _fit(HATCHLING, EGG_PROMPT, "fantasy")
    assert (fit.core_concepts, fit.rank) == (fit.core_total, 1) and fit.learned is None and not fit.off_brief
    # Without the words, or for a prompt outside the catalog, there is nothing to ask it either.
    from autotrain.quality.relevance import relevance, text_stems

    stems = text_stems(set(prose.WORD.findall(SEXTON.lower())))
    assert relevance(stems, GRAVEDIGGER_PROMPT, "dark_fantasy").learned is None
    assert _fit(SEXTON, "A sexton hears something under the clay", "horror").learned is None


def test_the_learned_measure_is_not_asked_of_a_story_that_states_its_premise_second_best_either():
    """(the thirty-fourth round) The offline writer's "she received a love letter that had arrived fifty years too late",
    with a jazz bar and a retired schoolteacher round it, names every core concept and fits another prompt a little
    better by the topic words: the brief is met (a relearning had read it as off the brief)."""
    from autotrain.catalog import plan_items
    from autotrain.llm.offline import write_story

    item = plan_items(seed=0, num_examples=1000, genres=None)[673]
    text = write_story(genre=item.genre, prompt=item.prompt, style_modifier=item.style_modifier, seed=item.seed, voice=2)
    fit = _fit(text, item.prompt, item.genre)
    assert (fit.core_concepts, fit.rank) == (fit.core_total, 2) and fit.learned is None and not fit.off_brief
    assert score(text, item.prompt, genre=item.genre).kept


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


# --- speed -------------------------------------------------------------------------------------------


def _reference_work(text: str) -> object:
    """A fixed piece of plain Python and regex work on the same text: the yardstick scoring is timed against."""
    words = re.findall(r"[a-z']+", text.lower())
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return sorted(Counter(words).items()), [len(sentence.split()) for sentence in sentences]


def _cpu_per_call(work, calls: int, rounds: int = 5) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        for _ in range(calls):
            work()
        best = min(best, time.process_time() - started)
    return best / calls


def test_scoring_is_fast():
    text = (GOOD_WIZARD + " " + GOOD_COLONY)[:800].rsplit(" ", 1)[0] + "."
    score(text, WIZARD_PROMPT, genre="fantasy")
    # Scoring's CPU time as a multiple of the yardstick's, both measured here side by side (best of five rounds,
    # the collector paused as timeit does): a machine's speed, its neighbours and the size of this test process's
    # heap cancel out, which an absolute bound did not (0.85 ms a call alone, 2.7 ms in a CI run of the whole
    # suite, over the old bound of 5 s per 2,000). About 18 times the yardstick on the machine of the fiftieth
    # round; the bound only catches a pathological regression (a catastrophic regex is ten times slower or more).
    # The speed target itself is measured by `scripts/quality_report.py --offline` (QUALITY.md).
    gc.collect()
    gc.disable()
    try:
        scoring = _cpu_per_call(lambda: score(text, WIZARD_PROMPT, genre="fantasy"), 100)
        yardstick = _cpu_per_call(lambda: _reference_work(text), 1000)
    finally:
        gc.enable()
    assert scoring / yardstick < 60, (scoring, yardstick)
