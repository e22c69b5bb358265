"""What the OpenAI-compatible stub answers to a chat request: a story, a judgement or a comparison.

Story requests (written by autotrain.llm.openai_compat.build_messages): the last user message holds lines
`Genre: <label>`, `Prompt: <text>`, `Style: <text>`, and optional `<example>...</example>` blocks of
context passages. The answer is written by the app's own offline writer (`autotrain.llm.offline`),
seeded by (model, message, request seed), so the same item asked of the same model gets the same text.

Judge requests (the LLM jury, autotrain.quality.jury): `response_format` `{"type": "json_object"}` and
`<candidate label="A">...</candidate>` blocks in the last user message, answered with the contract's
JSON object for every label sent, marks 7-9 seeded by (model, text), verdict keep. A judge's behaviour
(StubConfig.judge_replies) is a callable (model, {label: text}) -> the raw answer, or a name: "keep"
(every label kept, marks 9), "reject" (every label rejected, marks 2), "keep:N" / "reject:N" (the same
with marks N), "garbage" (not JSON), "missing" (the last label left out), "fenced" (the default answer
inside a ```json fence), "default".

Comparison requests (the evaluation's blind comparison, autotrain.quality.jury.build_compare_messages):
`json_object` with `<passage label="A">` and `<passage label="B">` blocks, answered
`{"preferred": "A"|"B"|"tie", "reason": ...}`. By default a judge prefers one passage by a seeded hash
of (model, text), whichever label it has. StubConfig.compare_replies: a callable, or "A", "B", "tie",
"garbage" (not JSON), "default", or "prefer:WORD" (the passage containing WORD, case-insensitively; a
tie when both or neither do), which is how a test says "the judges prefer the custom model's text"
without knowing the blind order.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from typing import Any

from autotrain.llm.offline import write_story
from stubs.config import JudgeReply

JUDGE_BEHAVIOURS = ("default", "keep", "reject", "garbage", "missing", "fenced")
COMPARE_BEHAVIOURS = ("default", "A", "B", "tie", "garbage", "prefer:WORD")

_FIELD = re.compile(r"^(Genre|Prompt|Style):[ \t]*(.*)$", re.MULTILINE)
_EXAMPLE = re.compile(r"<example>\s*(.*?)\s*</example>", re.DOTALL)


def parse_story_request(content: str) -> dict[str, Any]:
    """Genre key, prompt, style and context passages from a user message (see above)."""
    found: dict[str, str] = {}
    for name, value in _FIELD.findall(content):
        found.setdefault(name.lower(), value.strip())
    label = found.get("genre", "fantasy")
    return {
        # "Dark fantasy" / "sci-fi" -> the catalog keys "dark_fantasy" / "sci_fi".
        "genre": re.sub(r"[\s-]+", "_", label.strip().lower()) or "fantasy",
        "prompt": found.get("prompt") or content.strip()[:200],
        "style_modifier": found.get("style", ""),
        "context": tuple(_EXAMPLE.findall(content)),
    }


def stable_int(*parts: object) -> int:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def last_user_message(messages: list[dict]) -> str:
    return next((str(m.get("content") or "") for m in reversed(messages) if m.get("role") == "user"), "")


def default_text(model: str, messages: list[dict], request_seed: object = None) -> str:
    """Story prose that follows the request, seeded by (model, message, request seed)."""
    content = last_user_message(messages)
    seed = stable_int(model, content, request_seed) % (2**31)
    return write_story(**parse_story_request(content), seed=seed, voice=stable_int(model) % 3)


def wrapped(text: str, preamble: str, postamble: str) -> str:
    parts = [part for part in (preamble.strip(), text, postamble.strip()) if part]
    return "\n\n".join(parts)


def tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4))  # the usual ~4 characters per token


# --- judge requests ------------------------------------------------------------------------------

_CANDIDATE = re.compile(r'<candidate label="([^"]+)">\n?(.*?)\n?</candidate>', re.DOTALL)
JUDGE_CRITERIA = ("prompt_adherence", "genre_fit", "prose", "completeness")


def judge_candidates(payload: dict) -> dict[str, str] | None:
    """{label: text} when `payload` is a judge request (json_object + candidate blocks), else None."""
    response_format = payload.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_object":
        return None
    content = last_user_message(payload.get("messages") or [])
    found = _CANDIDATE.findall(content)
    return {label: text for label, text in found} or None


def _judgement(marks: list[int], verdict: str, reason: str) -> dict[str, Any]:
    return {**dict(zip(JUDGE_CRITERIA, marks, strict=True)), "verdict": verdict, "reason": reason}


def default_judgements(model: str, candidates: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Every label kept, each mark 7-9 seeded by (model, text): the same text gets the same marks."""
    judged = {}
    for label, text in candidates.items():
        seed = stable_int("judge", model, text)
        marks = [7 + (seed >> (8 * i)) % 3 for i in range(len(JUDGE_CRITERIA))]
        judged[label] = _judgement(marks, "keep", "Follows the brief as a complete passage.")
    return judged


def judge_answer(model: str, candidates: dict[str, str], behaviour: JudgeReply | str | None = None) -> str:
    """The judge's raw answer: `behaviour` as in StubConfig.judge_replies (None: the default)."""
    if callable(behaviour):
        return behaviour(model, dict(candidates))
    name, _, marks_text = (behaviour or "default").partition(":")
    if name not in JUDGE_BEHAVIOURS:
        raise ValueError(f"unknown judge behaviour {behaviour!r}; expected one of {JUDGE_BEHAVIOURS}")
    if name == "garbage":
        return "I liked candidate A best; the others were fine too, I suppose."
    if marks_text and (name not in ("keep", "reject") or not marks_text.isdigit()):
        raise ValueError(
            f"judge behaviour {behaviour!r}: only keep:N and reject:N take marks (N a whole number; "
            "outside 1-10 makes an answer the contract refuses)"
        )
    if name in ("keep", "reject"):
        mark = int(marks_text) if marks_text else (9 if name == "keep" else 2)
        why = "Vivid, complete and on the brief." if name == "keep" else f"{model} finds it off the brief."
        judged = {label: _judgement([mark] * len(JUDGE_CRITERIA), name, why) for label in candidates}
    else:
        judged = default_judgements(model, candidates)
    if name == "missing" and judged:
        judged.pop(list(judged)[-1])
    answer = json.dumps({"candidates": judged})
    return f"```json\n{answer}\n```" if name == "fenced" else answer


_PASSAGE = re.compile(r'<passage label="([^"]+)">\n?(.*?)\n?</passage>', re.DOTALL)


def compare_passages(payload: dict) -> dict[str, str] | None:
    """{label: text} when `payload` is a comparison request (json_object + passage blocks), else None."""
    response_format = payload.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_object":
        return None
    content = last_user_message(payload.get("messages") or [])
    return dict(_PASSAGE.findall(content)) or None


def compare_answer(model: str, passages: dict[str, str], behaviour: JudgeReply | str | None = None) -> str:
    """The judge's raw answer to a comparison: `behaviour` as in StubConfig.compare_replies."""
    if callable(behaviour):
        return behaviour(model, dict(passages))
    name, _, word = (behaviour or "default").partition(":")
    if name == "garbage":
        return "Both passages have their charms; I could not possibly choose."
    if name in ("A", "B", "tie"):
        preferred, why = name, f"{model} was told to answer {name}."
    elif name == "prefer" and word:
        having = [label for label, text in passages.items() if word.lower() in text.lower()]
        preferred = having[0] if len(having) == 1 else "tie"
        why = f"{model} prefers the passage about {word}."
    elif name == "default" and not word:
        preferred = max(passages, key=lambda label: stable_int("compare", model, passages[label]))
        why = "Closer to the brief and better finished."
    else:
        raise ValueError(f"unknown comparison behaviour {behaviour!r}; expected one of {COMPARE_BEHAVIOURS}")
    return json.dumps({"preferred": preferred, "reason": why})
