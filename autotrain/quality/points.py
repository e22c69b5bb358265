"""The points of CONTRACT section 4: the base, the bonuses, the penalties and the reasons they give.

A data table, read by `scoring.score` at call time (tests change a bonus and watch the cap at work).
"""

from __future__ import annotations

BASE = 7.0
MAX_SCORE = 10.0
LENGTH_RANGE = (200, 800)
MIN_CHARS = 50

# Read at call time (not bound as defaults) so tests can change one and see the cap at work.
BONUSES: dict[str, float] = {"length": 1.0, "sentences": 0.5, "descriptive": 0.5, "dialogue": 0.3}

# The largest bonus total is 2.3, so any penalty of -2.4 or worse rejects at the default threshold 7.0;
# these are well beyond that. The mild preamble penalty alone does not reject (see clean.py).
PENALTIES: dict[str, float] = {
    "penalty_empty": -7.0,
    "penalty_refusal": -6.0,
    "penalty_too_short": -5.0,
    "penalty_echo": -5.0,
    "penalty_repetition": -5.0,
    "penalty_outline": -5.0,
    "penalty_markup": -5.0,
    "penalty_garbled": -5.0,
    "penalty_cut_off": -4.0,
    "penalty_off_topic": -4.0,
    "penalty_meta_talk": -5.0,
    "penalty_not_english": -5.0,
    "penalty_keyword_salad": -5.0,
    "penalty_verse": -5.0,
    "penalty_script": -5.0,
    "penalty_run_on": -4.0,
    "penalty_exposition": -4.0,
    "penalty_truncated": -5.5,
    "penalty_preamble": -0.2,
    "penalty_postamble": -0.2,
}

# Human reasons; on equal points the earlier entry names the rejection.
REASONS: dict[str, str] = {
    "penalty_empty": "empty",
    "penalty_refusal": "refusal or meta-talk",
    "penalty_markup": "markup or code",
    "penalty_garbled": "garbled characters",
    "penalty_outline": "outline or list, not prose",
    "penalty_echo": "echoes the prompt",
    "penalty_repetition": "repetitive",
    "penalty_too_short": "too short",
    "penalty_cut_off": "cut off mid-sentence",
    "penalty_off_topic": "off the brief: about something else than the prompt",
    "penalty_meta_talk": "meta-talk: the answer talks about itself or to the user",
    "penalty_not_english": "not English",
    "penalty_keyword_salad": "keyword salad, not sentences",
    "penalty_verse": "verse, not prose",
    "penalty_script": "a script, log or labelled lines, not prose",
    "penalty_run_on": "one run-on sentence",
    "penalty_exposition": "an essay, guide or explainer, not a story",
    "penalty_truncated": "cut off by the length limit",
    "penalty_preamble": "a preamble or title was removed",
    "penalty_postamble": "chatter after the story was removed",
}
REASON_ORDER = {key: i for i, key in enumerate(REASONS)}
