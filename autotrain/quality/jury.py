"""The LLM jury's side of the rules (CONTRACT section 5): the request a judge gets and its answer.

One request per judge per item: the brief (genre, prompt, style) and every candidate that passed the
heuristics, labelled A, B, C... in an order the caller shuffles per item, so a judge's taste for the first
or the last text does not become a member's advantage. The judge answers one JSON object:

    {"candidates": {"A": {"prompt_adherence": 1-10, "genre_fit": 1-10, "prose": 1-10,
                          "completeness": 1-10, "verdict": "keep"|"reject", "reason": "..."}, ...}}

Pure functions, no I/O: `autotrain.llm.jury` sends the requests.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterable, Sequence

CRITERIA = ("prompt_adherence", "genre_fit", "prose", "completeness")
VERDICTS = ("keep", "reject")
MAX_REASON_CHARS = 500

SYSTEM_PROMPT = (
    "You are a strict fiction editor choosing training data for a story-writing model. For each "
    "candidate passage, judge how well it meets the brief: prompt_adherence (does the situation or event the "
    "prompt names actually happen in it? It may be told obliquely, but a story merely set in the prompt's "
    "world that tells something else scores low), "
    "genre_fit (does it read as this genre?), prose (is it fluent, vivid English story prose, not a poem, "
    "list, essay or chatter?) and completeness (does it end as a finished passage, not cut off?), each "
    "an integer from 1 (worst) to 10 (best). Then give a verdict: \"keep\" only if you would train on it, "
    "else \"reject\", and a reason of one short sentence. Judge each candidate on its own merits; the "
    "labels are arbitrary. Answer with one JSON object only, exactly of this shape: "
    '{"candidates": {"A": {"prompt_adherence": 8, "genre_fit": 7, "prose": 9, "completeness": 10, '
    '"verdict": "keep", "reason": "..."}}} with one entry per candidate label.'
)


class JudgeAnswerError(ValueError):
    """A judge's answer that cannot be used (not JSON, wrong shape, a label or number missing)."""


def labels(count: int) -> list[str]:
    if count > len(string.ascii_uppercase):
        raise ValueError(f"a jury request holds at most 26 candidates, not {count}")
    return list(string.ascii_uppercase[:count])


def build_messages(
    *, genre: str, prompt: str, style: str, texts: Sequence[str], genre_label: str | None = None
) -> list[dict[str, str]]:
    """The judge's chat messages for candidates `texts`, labelled A, B, ... in the order given."""
    brief = [f"Genre: {genre_label or genre}", f"Prompt: {' '.join(prompt.split())}"]
    if style.strip():
        brief.append(f"Style: {' '.join(style.split())}")
    blocks = "\n".join(
        f'<candidate label="{label}">\n{text.strip()}\n</candidate>'
        for label, text in zip(labels(len(texts)), texts, strict=True)
    )
    user = "\n".join(brief) + "\n\nCandidates:\n" + blocks + "\n\nAnswer with the JSON object now."
    return [{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": user}]


_FENCE = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL | re.IGNORECASE)


def parse_answer(content: str, sent: Sequence[str]) -> dict[str, dict]:
    """The judgement of each label in `sent`, validated; labels the judge was not sent are ignored.

    Raises JudgeAnswerError for anything else than the contract's object covering every sent label.
    """
    fenced = _FENCE.match(content or "")  # some servers wrap JSON in a code fence despite json_object
    try:
        data = json.loads(fenced.group(1) if fenced else content)
    except (TypeError, ValueError) as exc:
        raise JudgeAnswerError(f"not JSON: {exc}") from None
    entries = data.get("candidates") if isinstance(data, dict) else None
    if not isinstance(entries, dict):
        raise JudgeAnswerError('no "candidates" object')
    judged: dict[str, dict] = {}
    for label in sent:
        entry = entries.get(label)
        if not isinstance(entry, dict):
            raise JudgeAnswerError(f"no judgement of candidate {label}")
        judged[label] = _judgement(entry, label)
    return judged


def _judgement(entry: dict, label: str) -> dict:
    judgement: dict = {}
    for key in CRITERIA:
        value = entry.get(key)
        if isinstance(value, str):
            try:
                value = float(value.strip())
            except ValueError:
                value = None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= 10:
            raise JudgeAnswerError(f"candidate {label}: {key} must be a number from 1 to 10, not {value!r}")
        judgement[key] = int(value) if float(value).is_integer() else round(float(value), 2)
    verdict = entry.get("verdict")
    verdict = verdict.strip().lower() if isinstance(verdict, str) else verdict
    if verdict not in VERDICTS:
        raise JudgeAnswerError(f'candidate {label}: verdict must be "keep" or "reject", not {verdict!r}')
    judgement["verdict"] = verdict
    reason = entry.get("reason")
    judgement["reason"] = reason.strip()[:MAX_REASON_CHARS] if isinstance(reason, str) else ""
    return judgement


def judgement_score(judgement: dict) -> float:
    """One judge's score of one candidate: the mean of the four numbers."""
    return sum(judgement[key] for key in CRITERIA) / len(CRITERIA)


def judge_score(judgements: Iterable[dict]) -> float | None:
    """The mean over judges of each judge's mean of the four numbers (None without a judgement)."""
    scores = [judgement_score(j) for j in judgements]
    return round(sum(scores) / len(scores), 2) if scores else None


def rejected_by_majority(judgements: Sequence[dict]) -> bool:
    """More than half of the judges that judged the candidate said reject."""
    rejects = sum(1 for j in judgements if j["verdict"] == "reject")
    return rejects * 2 > len(judgements)


# --- the blind comparison of two passages (the evaluation of a custom model against its base) -------

COMPARE_CHOICES = ("A", "B", "tie")

COMPARE_SYSTEM_PROMPT = (
    "You are a strict fiction editor comparing two passages written to the same brief. Decide which one "
    "better meets it: on the prompt, in the genre, fluent and vivid story prose, finished rather than cut "
    "off. The labels are arbitrary and their order means nothing. Answer \"tie\" only when neither is "
    "better. Answer with one JSON object only, exactly of this shape: "
    '{"preferred": "A" | "B" | "tie", "reason": "one short sentence"}.'
)


def build_compare_messages(
    *, genre: str, prompt: str, style: str, first: str, second: str, genre_label: str | None = None
) -> list[dict[str, str]]:
    """The judge's chat messages comparing `first` (labelled A) and `second` (labelled B)."""
    brief = [f"Genre: {genre_label or genre}", f"Prompt: {' '.join(prompt.split())}"]
    if style.strip():
        brief.append(f"Style: {' '.join(style.split())}")
    blocks = "\n".join(
        f'<passage label="{label}">\n{text.strip()}\n</passage>'
        for label, text in (("A", first), ("B", second))
    )
    user = "\n".join(brief) + "\n\nPassages:\n" + blocks + "\n\nAnswer with the JSON object now."
    return [{"role": "system", "content": COMPARE_SYSTEM_PROMPT}, {"role": "user", "content": user}]


def parse_compare_answer(content: str) -> dict:
    """`{"preferred": "A"|"B"|"tie", "reason": str}` from a judge's answer; JudgeAnswerError otherwise."""
    fenced = _FENCE.match(content or "")
    try:
        data = json.loads(fenced.group(1) if fenced else content)
    except (TypeError, ValueError) as exc:
        raise JudgeAnswerError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise JudgeAnswerError("not a JSON object")
    preferred = data.get("preferred")
    preferred = preferred.strip() if isinstance(preferred, str) else preferred
    if isinstance(preferred, str) and preferred.lower() == "tie":
        preferred = "tie"
    elif isinstance(preferred, str):
        preferred = preferred.upper()
    if preferred not in COMPARE_CHOICES:
        raise JudgeAnswerError(f'preferred must be "A", "B" or "tie", not {data.get("preferred")!r}')
    reason = data.get("reason")
    return {"preferred": preferred, "reason": reason.strip()[:MAX_REASON_CHARS] if isinstance(reason, str) else ""}
