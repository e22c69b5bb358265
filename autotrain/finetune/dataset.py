"""Training data: a user's kept examples as JSONL (openai, alpaca, sharegpt), validated before any upload.

No database here: callers pass the examples (model rows or anything with the same attributes), so the
export, the jobs and the tests share one path. Every format carries the same three parts: a system prompt
that states the user's preferences (measured on the examples themselves), a user turn in the exact shape
`/generate` sends at inference time (`Genre:` / `Prompt:` / `Style:` lines, see
autotrain.llm.openai_compat.build_messages), and the kept passage as the answer. Training on the prompt
shape the model will later see is what makes a fine-tuned model follow it.

The checks mirror OpenAI's own fine-tuning format checks (its cookbook's "data preparation and analysis
for chat model fine-tuning"), so a bad file fails here, with the line and the reason, instead of minutes
later at the provider.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from autotrain import quality

FORMATS = ("openai", "alpaca", "sharegpt")
# OpenAI refuses a training file with fewer examples.
MIN_EXAMPLES = 10
# From this many examples on, about VALIDATION_SHARE of them are held back as a validation file.
VALIDATION_FROM = 20
VALIDATION_SHARE = 0.10

ALLOWED_ROLES = frozenset({"system", "user", "assistant", "function", "tool"})
ALLOWED_MESSAGE_KEYS = frozenset({"role", "content", "name", "function_call", "tool_calls", "weight"})
ALLOWED_LINE_KEYS = frozenset({"messages", "tools", "functions", "parallel_tool_calls"})
# Chat-template control tokens (<|endoftext|>, <|im_start|>, <|eot_id|>, ...): providers refuse them in
# training text, since they would teach the model to end or restart a turn mid-passage.
SPECIAL_TOKEN = re.compile(r"<\|[A-Za-z0-9_]{1,40}\|>")
# OpenAI's per-example context for fine-tuning; tokens estimated at 4 characters each.
MAX_EXAMPLE_TOKENS = 65_536
CHARS_PER_TOKEN = 4

_GENRE_LABELS = {"sci_fi": "sci-fi"}


def genre_label(genre: str) -> str:
    # Same spelling as autotrain.llm.openai_compat.genre_label (tests hold the two together).
    return _GENRE_LABELS.get(genre, genre.replace("_", " "))


@dataclass(frozen=True)
class Record:
    """One kept example, as the datasets need it."""

    example_id: int
    genre: str
    prompt: str
    style_modifier: str
    text: str
    quality_score: float | None = None


def records_from(examples: Iterable[Any]) -> list[Record]:
    """Records from TrainingExample rows (or anything with the same attributes), in the given order."""
    return [
        Record(
            example_id=e.pk if hasattr(e, "pk") else e.example_id,
            genre=e.genre,
            prompt=e.prompt,
            style_modifier=e.style_modifier or "",
            text=e.text or "",
            quality_score=e.quality_score,
        )
        for e in examples
    ]


# --- the three parts of every example --------------------------------------------------------------


def system_prompt(*, model_name: str, username: str, records: Sequence[Record]) -> str:
    """The custom model's instructions: how to write, and this user's taste as their examples show it."""
    lines = [
        f"You are {model_name}, the personal story writer of {username}. Write one original passage of "
        "story prose for the reader's prompt, in the requested genre and style: 2 to 4 short paragraphs "
        "with vivid concrete detail. Answer with the passage only: no preamble, no title, no notes."
    ]
    preferences = describe_preferences(records)
    if preferences:
        lines.append(f"What {username} likes: {preferences}.")
    return "\n".join(lines)


def describe_preferences(records: Sequence[Record]) -> str:
    """Favourite genres with their shares, typical length, sentences and dialogue, in one sentence."""
    if not records:
        return ""
    total = len(records)
    genres = Counter(r.genre for r in records).most_common(4)
    features = [quality.text_features(r.text) for r in records]
    length = round(sum(f.char_count for f in features) / total)
    sentences = round(sum(f.sentence_count for f in features) / total)
    dialogue = round(100 * sum(1 for f in features if f.has_dialogue) / total)
    favourite = ", ".join(f"{genre_label(g)} ({round(100 * n / total)}%)" for g, n in genres)
    return (
        f"favourite genres {favourite}; passages of about {length} characters in about {sentences} "
        f"sentences; dialogue in {dialogue}% of them"
    )


def user_turn(*, genre: str, prompt: str, style_modifier: str) -> str:
    """The request as `/generate` sends it (autotrain.llm.openai_compat.build_messages, no context)."""
    fields = [f"Genre: {genre_label(genre)}", f"Prompt: {_one_line(prompt)}"]
    if style_modifier.strip():
        fields.append(f"Style: {_one_line(style_modifier)}")
    return "\n".join(fields) + "\n\nWrite the new passage now."


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- formats ---------------------------------------------------------------------------------------


def openai_line(record: Record, *, system: str) -> dict:
    return {
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": user_turn(**_request_of(record))},
            {"role": "assistant", "content": record.text},
        ]
    }


def alpaca_line(record: Record, *, system: str) -> dict:
    instruction = f"Write one original {genre_label(record.genre)} story passage for this prompt."
    if record.style_modifier.strip():
        instruction += f" Style: {_one_line(record.style_modifier)}."
    return {"instruction": instruction, "input": record.prompt, "output": record.text, "system": system}


def sharegpt_line(record: Record, *, system: str) -> dict:
    return {
        "conversations": [
            {"from": "system", "value": system},
            {"from": "human", "value": user_turn(**_request_of(record))},
            {"from": "gpt", "value": record.text},
        ]
    }


_WRITERS = {"openai": openai_line, "alpaca": alpaca_line, "sharegpt": sharegpt_line}


def _request_of(record: Record) -> dict[str, str]:
    return {"genre": record.genre, "prompt": record.prompt, "style_modifier": record.style_modifier}


def jsonl_lines(records: Iterable[Record], *, fmt: str, system: str) -> Iterable[str]:
    """One JSON document per record, each without its newline."""
    try:
        write = _WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}") from None
    for record in records:
        yield json.dumps(write(record, system=system), ensure_ascii=False)


def to_jsonl(records: Iterable[Record], *, fmt: str, system: str) -> bytes:
    return "".join(line + "\n" for line in jsonl_lines(records, fmt=fmt, system=system)).encode()


# --- validation (OpenAI's chat fine-tuning format checks) -------------------------------------------


@dataclass(frozen=True)
class ValidationReport:
    examples: int
    errors: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self, limit: int = 5) -> str:
        shown = "; ".join(self.errors[:limit])
        more = len(self.errors) - limit
        return f"{shown}; and {more} more" if more > 0 else shown


def validate_chat_jsonl(data: bytes | str, *, min_examples: int = MIN_EXAMPLES) -> ValidationReport:
    """Check a chat-format JSONL file the way OpenAI does before it accepts it for fine-tuning.

    Every line a JSON object with a non-empty `messages` list; each message an object with an allowed
    role, only allowed keys, and non-empty string content; an assistant turn in every example; no
    chat-template special tokens; no example beyond the context size; at least `min_examples` examples.
    Blank lines are not examples (a trailing newline is fine).
    """
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    errors: list[str] = []
    examples = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        examples += 1
        errors.extend(f"line {number}: {problem}" for problem in _line_problems(line))
    if examples < min_examples:
        errors.append(f"{examples} examples; at least {min_examples} are required")
    return ValidationReport(examples=examples, errors=tuple(errors))


def _line_problems(line: str) -> list[str]:
    try:
        document = json.loads(line)
    except json.JSONDecodeError as exc:
        return [f"not valid JSON ({exc.msg})"]
    if not isinstance(document, dict):
        return ["not a JSON object"]
    problems = [f"unknown key {key!r}" for key in sorted(set(document) - ALLOWED_LINE_KEYS)]
    messages = document.get("messages")
    if not isinstance(messages, list) or not messages:
        return [*problems, "missing or empty 'messages' list"]
    has_assistant = False
    for position, message in enumerate(messages):
        where = f"message {position}"
        if not isinstance(message, dict):
            problems.append(f"{where} is not an object")
            continue
        problems.extend(
            f"{where} has unknown key {key!r}" for key in sorted(set(message) - ALLOWED_MESSAGE_KEYS)
        )
        role = message.get("role")
        if "role" not in message:
            problems.append(f"{where} has no 'role'")
        elif role not in ALLOWED_ROLES:
            problems.append(f"{where} has unrecognised role {role!r}")
        content = message.get("content")
        calls = message.get("function_call") or message.get("tool_calls")
        if "content" not in message and not calls:
            problems.append(f"{where} has no 'content'")
        elif not calls and (not isinstance(content, str) or not content.strip()):
            problems.append(f"{where} content must be a non-empty string")
        elif isinstance(content, str) and (token := SPECIAL_TOKEN.search(content)):
            problems.append(f"{where} contains the special token {token.group()!r}")
        if role == "assistant":
            has_assistant = True
    if not has_assistant:
        problems.append("no assistant message")
    if len(line) / CHARS_PER_TOKEN > MAX_EXAMPLE_TOKENS:
        problems.append(f"longer than {MAX_EXAMPLE_TOKENS} tokens")
    return problems


# --- a job's dataset -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    """What one job trains on: the system prompt and its examples, split into training and validation."""

    system: str
    training: tuple[Record, ...]
    validation: tuple[Record, ...] = ()

    @property
    def records(self) -> tuple[Record, ...]:
        return self.training + self.validation

    def training_jsonl(self) -> bytes:
        return to_jsonl(self.training, fmt="openai", system=self.system)

    def validation_jsonl(self) -> bytes:
        return to_jsonl(self.validation, fmt="openai", system=self.system)

    def validate(self) -> ValidationReport:
        """The training file must pass OpenAI's checks; the validation file too, without the minimum."""
        training = validate_chat_jsonl(self.training_jsonl())
        if not self.validation:
            return training
        validation = validate_chat_jsonl(self.validation_jsonl(), min_examples=0)
        return ValidationReport(
            examples=training.examples + validation.examples,
            errors=training.errors + tuple(f"validation file {e}" for e in validation.errors),
        )


def build_dataset(*, records: Sequence[Record], model_name: str, username: str, seed: int) -> Dataset:
    """The job's dataset; with VALIDATION_FROM or more examples about 10% go to a validation file.

    The split is seeded, so a job's dataset is the same each time it is built.
    """
    system = system_prompt(model_name=model_name, username=username, records=records)
    ordered = sorted(records, key=lambda r: r.example_id)
    if len(ordered) < VALIDATION_FROM:
        return Dataset(system=system, training=tuple(ordered))
    held = max(1, round(len(ordered) * VALIDATION_SHARE))
    chosen = set(random.Random(seed).sample(range(len(ordered)), held))
    return Dataset(
        system=system,
        training=tuple(r for i, r in enumerate(ordered) if i not in chosen),
        validation=tuple(r for i, r in enumerate(ordered) if i in chosen),
    )
