"""A real loopback OpenAI-compatible HTTP server for tests and benchmarks.

Nothing is mocked: clients (the official `openai` package through httpx) talk HTTP/1.1 over a socket to
this server, which answers with OpenAI's response shapes and can be told to misbehave the ways real
providers do (429 with Retry-After, 500/503, hangs, malformed JSON, empty choices, a rolling
requests-per-minute limit, a bounded number of requests in service).

It is a small asyncio HTTP/1.1 server (keep-alive, Content-Length or chunked bodies, JSON), so hundreds
of concurrent requests each sleep their latency at the same time instead of queueing behind each other.

    with StubServer(StubConfig(latency=0.2)) as stub:
        client = AsyncOpenAI(base_url=stub.base_url, api_key="x")
        stub.config.rate_500 = 0.5        # switch faults on and off while it runs
        stub.stats.by_status[500]         # observe what happened

Endpoints: POST /v1/chat/completions (non-streaming), GET /v1/models, POST /v1/embeddings, and the
fine-tuning API (`/v1/files` with content, `/v1/fine_tuning/jobs` with retrieve, events, checkpoints
and cancel; see bench/stub_finetune.py).

The item id: clients may send `X-Zega-Item: <run_id>:<index>` (autotrain.llm.openai_compat does); it is
recorded per request in `stats.requests` so tests can see which item a request belonged to. A header,
not the body's `metadata` field, because real providers reject or ignore unknown body fields
(OpenAI only accepts `metadata` together with `store`), while every server ignores an unknown header.

The request text format it understands (written by openai_compat.build_messages): the last user message
holds lines `Genre: <label>`, `Prompt: <text>`, `Style: <text>`, and optional `<example>...</example>`
blocks of context passages. The answer is written by `autotrain.llm.offline.write_story` when that is
importable, else by a small built-in writer; either way seeded by (model, message, request seed), so the
same item asked of the same model gets the same text. `story_preamble` / `story_postamble` wrap every
story in a chat model's chatter ("Sure! Here's a story:" ... "I hope you enjoy it!").

Judge requests (the LLM jury, autotrain.quality.jury): a chat request with `response_format`
`{"type": "json_object"}` whose last user message holds `<candidate label="A">...</candidate>` blocks is
answered with the contract's JSON object for every label sent, marks 7-9 seeded by (model, text), verdict
keep. `judge_replies` scripts a judge per model: a callable (model, {label: text}) -> the raw answer, or
a named behaviour: "keep" (every label kept, marks 9), "reject" (every label rejected, marks 2),
"keep:N" / "reject:N" (the same with marks N), "garbage" (not JSON), "missing" (the last label left
out), "fenced" (the default answer inside a ```json fence), "default". Judge requests go through the same
latency, limits and faults as any chat request; `stats.judge_requests` counts them, and each request's
record says `kind` "judge", "compare" or "story".

Comparison requests (the evaluation's blind comparison, autotrain.quality.jury.build_compare_messages):
`json_object` with `<passage label="A">` and `<passage label="B">` blocks, answered
`{"preferred": "A"|"B"|"tie", "reason": ...}`. By default a judge prefers one passage by a seeded hash
of (model, text), whichever label it has. `compare_replies` scripts a judge per model: a callable (model,
{label: text}) -> the raw answer, or a behaviour: "A", "B", "tie", "garbage" (not JSON), "default", or
"prefer:WORD" (the passage containing WORD, case-insensitively; a tie when both or neither do), which is
how a test says "the judges prefer the custom model's text" without knowing the blind order.
`stats.compare_requests` counts them.

CLI (blocking, for benchmarks): python -m bench.stub_server --port 8911 --latency 0.25 --rate-500 0.05
    [--judge-reply judge-a=reject --judge-reply judge-b=garbage] [--story-preamble "Sure! ..."]
"""

from __future__ import annotations

import argparse
import array
import asyncio
import base64
import collections
import contextlib
import hashlib
import http
import itertools
import json
import logging
import math
import random
import re
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

try:  # a package import (tests, `python -m bench.stub_server`) or bench/ on sys.path
    from bench.stub_finetune import FineTuningStub
except ImportError:  # pragma: no cover
    from stub_finetune import FineTuningStub  # type: ignore[no-redef]

logger = logging.getLogger(__name__)

EMBEDDING_DIMENSIONS = 64
DEFAULT_MODELS = ("stub-a", "stub-b", "stub-c")

# (model, messages) -> the assistant's text. Lets a test decide exactly what a model "writes".
TextSource = Callable[[str, list[dict]], str]
# (judge model, {label: candidate text}) -> the judge's raw answer (any string: JSON or not).
JudgeReply = Callable[[str, dict[str, str]], str]
JUDGE_BEHAVIOURS = ("default", "keep", "reject", "garbage", "missing", "fenced")
COMPARE_BEHAVIOURS = ("default", "A", "B", "tie", "garbage", "prefer:WORD")


@dataclass
class StubConfig:
    """How the stub behaves. Every field may be changed while the server runs."""

    latency: float = 0.0  # seconds each request spends "generating"
    max_in_flight: int | None = None  # requests in service at once; the rest wait their turn
    # The same per model, as a provider's per-model concurrency limit (a vLLM/Ollama server per model).
    max_in_flight_per_model: int | None = None
    rpm_limit: int | None = None  # accepted requests per rolling minute; beyond it: 429 + Retry-After
    # Fault probabilities per request (one seeded draw decides which, if any, applies).
    rate_429: float = 0.0
    rate_500: float = 0.0
    rate_503: float = 0.0
    rate_hang: float = 0.0  # sleep `hang_seconds` (past any sane client timeout), then answer anyway
    rate_malformed: float = 0.0  # 200 with a truncated, invalid JSON body
    rate_empty_choice: float = 0.0  # 200 with "choices": []
    retry_after: float = 1.0  # seconds sent in Retry-After on fault 429s (fractions allowed)
    hang_seconds: float = 30.0
    failing_models: dict[str, float] = field(default_factory=dict)  # model -> probability of a 500
    # Faults for the next requests, in arrival order, before any random draw: an HTTP status (429, 500,
    # 404, ...) or "hang" / "malformed" / "empty_choice" / "quota" (429 insufficient_quota) / "ok".
    # Makes "fail twice, then succeed" exact.
    script: list[int | str] = field(default_factory=list)
    known_models: set[str] | None = None  # when set, other models answer 404 model_not_found
    api_key: str | None = None  # when set, any other bearer token answers 401
    seed: int = 0
    text_source: TextSource | None = None
    # Chatter around every story answer (not judge answers), as chat models write it: e.g.
    # "Sure! Here's a story:" and "I hope you enjoy it!", each set off by a blank line.
    story_preamble: str = ""
    story_postamble: str = ""
    # Judge model -> its answers to judge requests: a JudgeReply callable or a behaviour name (see the
    # module docstring); models not named answer the default (valid JSON, every label kept).
    judge_replies: dict[str, JudgeReply | str] = field(default_factory=dict)
    # Judge model -> its answers to comparison requests: a JudgeReply callable or a behaviour name.
    compare_replies: dict[str, JudgeReply | str] = field(default_factory=dict)
    # The fine-tuning API (bench/stub_finetune.py): the statuses a new job walks through, one per
    # retrieve; the error a job scripted to fail reports; HTTP statuses for the next fine-tuning requests.
    finetune_statuses: list[str] = field(
        default_factory=lambda: ["validating_files", "queued", "running", "succeeded"]
    )
    finetune_error: dict | None = None
    finetune_faults: list[int | str] = field(default_factory=list)


@dataclass
class RequestRecord:
    """One request as the stub saw it."""

    path: str
    model: str | None = None
    run_id: str | None = None
    index: int | None = None
    status: int | None = None  # None while still being answered
    fault: str | None = None  # which injected fault applied, if any
    kind: str | None = None  # chat requests: "judge" (a jury's request), "compare" or "story"
    received: float = 0.0  # time.monotonic()
    answered: float | None = None


class StubStats:
    """Thread-safe counters: written on the server's loop thread, read from tests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.total = 0
            self.by_model: collections.Counter[str] = collections.Counter()
            self.by_status: collections.Counter[int] = collections.Counter()
            self.by_path: collections.Counter[str] = collections.Counter()
            self.in_flight = 0
            self.max_in_flight = 0
            self.requests: list[RequestRecord] = []
            self.embedding_batches: list[int] = []
            self.judge_requests = 0
            self.judge_by_model: collections.Counter[str] = collections.Counter()
            self.compare_requests = 0

    def received(self, path: str) -> RequestRecord:
        record = RequestRecord(path=path, received=time.monotonic())
        with self._lock:
            self.total += 1
            self.by_path[path] += 1
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            self.requests.append(record)
        return record

    def identified(self, record: RequestRecord, model: str) -> None:
        with self._lock:
            record.model = model
            self.by_model[model] += 1

    def judged(self, record: RequestRecord) -> None:
        with self._lock:
            record.kind = "judge"
            self.judge_requests += 1
            self.judge_by_model[record.model or ""] += 1

    def compared(self, record: RequestRecord) -> None:
        with self._lock:
            record.kind = "compare"
            self.compare_requests += 1

    def answered(self, record: RequestRecord, status: int) -> None:
        with self._lock:
            record.status = status
            record.answered = time.monotonic()
            self.by_status[status] += 1
            self.in_flight -= 1

    def embedding_batch(self, size: int) -> None:
        with self._lock:
            self.embedding_batches.append(size)

    def snapshot(self) -> dict[str, Any]:
        """A consistent copy, safe to inspect while the server keeps running."""
        with self._lock:
            return {
                "total": self.total,
                "by_model": dict(self.by_model),
                "by_status": dict(self.by_status),
                "by_path": dict(self.by_path),
                "in_flight": self.in_flight,
                "max_in_flight": self.max_in_flight,
                "requests": [RequestRecord(**vars(r)) for r in self.requests],
                "embedding_batches": list(self.embedding_batches),
                "judge_requests": self.judge_requests,
                "judge_by_model": dict(self.judge_by_model),
                "compare_requests": self.compare_requests,
            }


# --- the text -------------------------------------------------------------------------------------

_FIELD = re.compile(r"^(Genre|Prompt|Style):[ \t]*(.*)$", re.MULTILINE)
_EXAMPLE = re.compile(r"<example>\s*(.*?)\s*</example>", re.DOTALL)


def parse_story_request(content: str) -> dict[str, Any]:
    """Genre key, prompt, style and context passages from a user message (see the module docstring)."""
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


def _stable_int(*parts: object) -> int:
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()
    return int.from_bytes(digest[:8], "big")


_SCENES: dict[str, tuple[str, str, str]] = {
    # genre -> (place, sensory detail, threat); the fallback writer's only genre knowledge.
    "fantasy": ("the old tower above the valley", "candle smoke and cold stone", "the sleeping magic"),
    "dark_fantasy": ("the ruined chapel", "ash and damp earth", "the hungry dark"),
    "sci_fi": ("the observation deck", "recycled air and humming metal", "the silent signal"),
    "mystery": ("the narrow study", "pipe tobacco and old paper", "the missing letter"),
    "horror": ("the cellar stairs", "rot and wet plaster", "the thing behind the door"),
    "romance": ("the harbour café", "rain and warm bread", "the words left unsaid"),
    "adventure": ("the windswept ridge", "salt and pine resin", "the crumbling trail"),
    "thriller": ("the parking garage", "diesel and cold concrete", "the ticking deadline"),
}
_NAMES = ("Mara", "Elias", "Tova", "Rurik", "Ines", "Caspian", "Wren", "Dov")
_STOP = frozenset("a an the of and or to in on at for with from into must its their his her is are".split())


# Sentence pools for the fallback writer; {h} hero, {p} place, {s} senses, {t} threat, {x} subject, {m} mood.
_OPENINGS = (
    "Night had settled over {p}, and {h} breathed in {s}.",
    "Morning came grey and slow to {p}, where {h} waited among {s}.",
    "Nobody spoke in {p}; {h} listened instead, tasting {s}.",
    "Rain hammered {p} while {h} counted heartbeats and smelled {s}.",
)
_TURNS = (
    "Everything that mattered now came down to {x}.",
    "For three days {h} had thought of nothing but {x}.",
    "The stories about {x} had been wrong in every way that mattered.",
    "Somehow {x} had found its way here first.",
)
_VOICES = (
    '"We cannot turn back," {h} said softly, more to themself than to anyone listening.',
    '"Tell me I am wrong," {h} whispered, and the {m} air swallowed the words.',
    '"Stay close," {h} said, though there was no one left to hear it.',
    '"Not yet," {h} murmured, fingers tightening around a cold iron key.',
)
_THREATS = (
    "Somewhere below, {t} stirred, patient and certain.",
    "Beyond the last lamp, {t} seemed to draw a slow, deliberate breath.",
    "The {m} silence stretched until even the walls seemed to lean closer.",
    "A sound like distant bells rolled through the dark and was gone.",
)
_ENDINGS = (
    "{h} stepped forward anyway, because {x} would not wait for courage to arrive.",
    "Fear was a familiar companion by now, and {h} let it walk alongside toward {x}.",
    "When the light finally failed, {h} was already moving, toward {x} and whatever waited there.",
    "{h} smiled for the first time in days; the {m} hours had ended, one way or another.",
)


def fallback_story(*, genre: str, prompt: str, style_modifier: str, seed: int) -> str:
    """A short, seeded, prompt-following passage: used while autotrain.llm.offline is not importable."""
    rng = random.Random(seed)
    place, senses, threat = _SCENES.get(genre, _SCENES["fantasy"])
    words = [w for w in re.findall(r"[A-Za-z']+", prompt.lower()) if w not in _STOP]
    # Catalog prompts nearly always end on their key noun ("spellbook", "planet", "civilization").
    names = {
        "h": rng.choice(_NAMES),
        "p": place,
        "s": senses,
        "t": threat,
        "x": f"the {words[-1]}" if words else "the journey",
        "m": rng.choice(("quiet", "restless", "heavy", "bright", "brittle", "humid")),
    }
    turn, later_turn = (t.format(**names) for t in rng.sample(_TURNS, 2))
    threat_line, later_threat = (t.format(**names) for t in rng.sample(_THREATS, 2))
    paragraphs = [
        f"{rng.choice(_OPENINGS).format(**names)} {turn}",
        f"{rng.choice(_VOICES).format(**names)} {threat_line}",
        rng.choice(_ENDINGS).format(**names),
    ]
    if rng.random() < 0.5 or sum(map(len, paragraphs)) < 400:  # 2-4 paragraphs, 400-800 characters
        paragraphs.insert(2, f"{later_threat} {later_turn}")
    text = "\n\n".join(paragraphs)
    return text[0].upper() + text[1:]


_write_story: Callable[..., str] | None = None
_write_story_missing = False


def default_text(model: str, messages: list[dict], request_seed: object = None) -> str:
    """Story prose that follows the request, seeded by (model, message, request seed)."""
    global _write_story, _write_story_missing
    content = next((str(m.get("content") or "") for m in reversed(messages) if m.get("role") == "user"), "")
    fields = parse_story_request(content)
    seed = _stable_int(model, content, request_seed) % (2**31)
    if _write_story is None and not _write_story_missing:
        try:  # imported lazily: the offline writer lives in the app and may not exist (yet)
            from autotrain.llm.offline import write_story

            _write_story = write_story
        except ImportError:
            _write_story_missing = True
    if _write_story is not None:
        try:
            return _write_story(**fields, seed=seed, voice=_stable_int(model) % 3)
        except Exception:  # noqa: BLE001 - e.g. a genre it does not know; the stub must still answer
            logger.warning("write_story failed for %r; using the fallback writer", fields, exc_info=True)
    fields.pop("context")
    return fallback_story(**fields, seed=seed)


# --- judge requests ------------------------------------------------------------------------------

_CANDIDATE = re.compile(r'<candidate label="([^"]+)">\n?(.*?)\n?</candidate>', re.DOTALL)
JUDGE_CRITERIA = ("prompt_adherence", "genre_fit", "prose", "completeness")


def judge_candidates(payload: dict) -> dict[str, str] | None:
    """{label: text} when `payload` is a judge request (json_object + candidate blocks), else None."""
    response_format = payload.get("response_format")
    if not isinstance(response_format, dict) or response_format.get("type") != "json_object":
        return None
    messages = payload.get("messages") or []
    content = next((str(m.get("content") or "") for m in reversed(messages) if m.get("role") == "user"), "")
    found = _CANDIDATE.findall(content)
    return {label: text for label, text in found} or None


def _judgement(marks: list[int], verdict: str, reason: str) -> dict[str, Any]:
    return {**dict(zip(JUDGE_CRITERIA, marks, strict=True)), "verdict": verdict, "reason": reason}


def default_judgements(model: str, candidates: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Every label kept, each mark 7-9 seeded by (model, text): the same text gets the same marks."""
    judged = {}
    for label, text in candidates.items():
        seed = _stable_int("judge", model, text)
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
    messages = payload.get("messages") or []
    content = next((str(m.get("content") or "") for m in reversed(messages) if m.get("role") == "user"), "")
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
        preferred = max(passages, key=lambda label: _stable_int("compare", model, passages[label]))
        why = "Closer to the brief and better finished."
    else:
        raise ValueError(f"unknown comparison behaviour {behaviour!r}; expected one of {COMPARE_BEHAVIOURS}")
    return json.dumps({"preferred": preferred, "reason": why})


def _wrapped(text: str, preamble: str, postamble: str) -> str:
    parts = [part for part in (preamble.strip(), text, postamble.strip()) if part]
    return "\n\n".join(parts)


def hashed_embedding(text: str) -> list[float]:
    """A deterministic unit vector: signed feature hashing of words, so shared words mean similarity."""
    vector = [0.0] * EMBEDDING_DIMENSIONS
    tokens = re.findall(r"\w+", text.lower()) or [text]
    for token in tokens:
        digest = hashlib.blake2b(token.encode(), digest_size=8).digest()
        vector[digest[0] % EMBEDDING_DIMENSIONS] += 1.0 if digest[1] & 1 else -1.0
    norm = math.sqrt(sum(v * v for v in vector)) or 1.0
    return [v / norm for v in vector]


def _tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4))  # the usual ~4 characters per token


# --- HTTP -----------------------------------------------------------------------------------------


class _BadRequest(Exception):
    pass


@dataclass
class _Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    keep_alive: bool
    query: str = ""


@dataclass
class _Response:
    status: int
    payload: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as-is instead of json(payload): the malformed-body fault


def _error(status: int, message: str, type_: str, code: str | None = None, **headers: str) -> _Response:
    return _Response(status, {"error": {"message": message, "type": type_, "code": code}}, headers)


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    line = await reader.readline()
    if not line:
        return None  # the client closed an idle keep-alive connection
    try:
        method, target, version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    except ValueError:
        raise _BadRequest("bad request line") from None
    headers: dict[str, str] = {}
    while True:
        raw = await reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()  # the final CRLF (no trailers expected)
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        length = int(headers.get("content-length") or 0)
        body = await reader.readexactly(length) if length else b""
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    parts = urlsplit(target)
    return _Request(method.upper(), parts.path, headers, body, keep_alive, parts.query)


async def _write_response(writer: asyncio.StreamWriter, response: _Response, *, keep_alive: bool) -> None:
    body = response.raw if response.raw is not None else json.dumps(response.payload).encode()
    phrase = http.HTTPStatus(response.status).phrase
    extra = {name: value for name, value in response.headers.items() if name.lower() != "content-type"}
    head = [
        f"HTTP/1.1 {response.status} {phrase}",
        f"Content-Type: {response.headers.get('Content-Type', 'application/json')}",
        f"Content-Length: {len(body)}",
        f"Connection: {'keep-alive' if keep_alive else 'close'}",
        *(f"{name}: {value}" for name, value in extra.items()),
    ]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()


class _Gate:
    """A FIFO concurrency limit whose size is read at every acquire (so tests may change it live).

    Wakes exactly one waiter per freed slot: a Condition with notify_all would wake every waiter on every
    release, which is quadratic with a few thousand queued requests.
    """

    def __init__(self, limit: Callable[[], int | None]) -> None:
        self._limit = limit
        self.busy = 0
        self._waiters: collections.deque[asyncio.Future] = collections.deque()

    def _full(self) -> bool:
        limit = self._limit()
        return bool(limit) and self.busy >= limit  # type: ignore[operator]

    async def acquire(self) -> None:
        if self._waiters or self._full():
            future = asyncio.get_running_loop().create_future()
            self._waiters.append(future)
            try:
                await future  # a releaser counted us in (busy += 1) before waking us
                return
            except asyncio.CancelledError:
                if future.done() and not future.cancelled():
                    self.release()  # woken and cancelled at once: hand the slot on
                else:
                    self._waiters.remove(future)
                raise
        self.busy += 1

    def release(self) -> None:
        self.busy -= 1
        while self._waiters and not self._full():
            future = self._waiters.popleft()
            if not future.done():
                self.busy += 1
                future.set_result(None)


class _StubApp:
    """The endpoints. Runs entirely on the server's event loop (so the RNG and gate need no locks)."""

    def __init__(self, config: StubConfig, stats: StubStats) -> None:
        self.config = config
        self.stats = stats
        self.rng = random.Random(config.seed)
        self._accepted: collections.deque[float] = collections.deque()  # for the rpm window
        self._gate = _Gate(lambda: self.config.max_in_flight)
        self._model_gates: dict[str, _Gate] = {}
        self._ids = itertools.count(1)
        self.finetuning = FineTuningStub(config)

    async def handle(self, request: _Request) -> _Response:
        record = self.stats.received(request.path)
        response = _error(500, "The stub server failed; see its log.", "server_error")
        try:
            response = await self._route(request, record)
        except Exception:  # a bug here must still answer, as a real server's 500 would
            logger.exception("stub server failed on %s %s", request.method, request.path)
        finally:
            self.stats.answered(record, response.status)
        response.headers.setdefault("x-request-id", f"req_{next(self._ids)}")
        if self.config.rpm_limit and request.path.rstrip("/") == "/v1/chat/completions":
            for name, value in self._rate_limit_headers().items():
                response.headers.setdefault(name, value)
        return response

    async def _route(self, request: _Request, record: RequestRecord) -> _Response:
        item = request.headers.get("x-zega-item")
        if item:
            run_id, _, index = item.rpartition(":")
            if index.lstrip("-").isdigit():
                record.run_id, record.index = run_id, int(index)
            else:  # not "<run_id>:<index>": keep what was sent as the run id
                record.run_id = item
        routes = {
            ("POST", "/v1/chat/completions"): self._chat,
            ("POST", "/v1/embeddings"): self._embeddings,
            ("GET", "/v1/models"): self._models,
        }
        handler = routes.get((request.method, request.path.rstrip("/")))
        if request.path.startswith(("/v1/files", "/v1/fine_tuning/")):
            return self._fine_tuning(request)
        if handler is None:
            return _error(404, f"Unknown path {request.method} {request.path}", "invalid_request_error")
        expected = self.config.api_key
        if expected and request.headers.get("authorization") != f"Bearer {expected}":
            return _error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
        if request.method == "GET":
            return await handler({}, record)
        try:
            payload = json.loads(request.body or b"null")
        except ValueError:
            return _error(400, "The request body is not valid JSON.", "invalid_request_error")
        if not isinstance(payload, dict) or not isinstance(payload.get("model"), str):
            return _error(400, "A JSON object with a 'model' string is required.", "invalid_request_error")
        self.stats.identified(record, payload["model"])
        return await handler(payload, record)

    def _fine_tuning(self, request: _Request) -> _Response:
        expected = self.config.api_key
        if expected and request.headers.get("authorization") != f"Bearer {expected}":
            return _error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
        status, payload = self.finetuning.handle(
            request.method, request.path, request.query, request.headers, request.body
        )
        # A short retry-after-ms, as OpenAI sends, so clients retry scripted faults without long back-off.
        headers = {"retry-after-ms": "10"} if status == 429 or status >= 500 else {}
        if isinstance(payload, bytes):  # a file's content
            return _Response(status, raw=payload, headers={"Content-Type": "application/octet-stream"})
        return _Response(status, payload, headers)

    # --- gates and faults ---

    def _rate_limited(self) -> _Response | None:
        limit = self.config.rpm_limit
        if not limit:
            return None
        now = time.monotonic()
        while self._accepted and now - self._accepted[0] >= 60.0:
            self._accepted.popleft()
        if len(self._accepted) >= limit:
            wait = max(1, math.ceil(60.0 - (now - self._accepted[0])))
            return _error(
                429,
                f"Rate limit reached: {limit} requests per minute.",
                "requests",
                "rate_limit_exceeded",
                **{"Retry-After": str(wait)},
            )
        self._accepted.append(now)
        return None

    def _rate_limit_headers(self) -> dict[str, str]:
        """OpenAI's `x-ratelimit-*-requests` headers for the rolling window, so clients can pace themselves."""
        limit = self.config.rpm_limit or 0
        now = time.monotonic()
        while self._accepted and now - self._accepted[0] >= 60.0:
            self._accepted.popleft()
        remaining = max(0, limit - len(self._accepted))
        # When the oldest accepted request leaves the window, one more may come in.
        reset = 60.0 - (now - self._accepted[0]) if self._accepted else 0.0
        return {
            "x-ratelimit-limit-requests": str(limit),
            "x-ratelimit-remaining-requests": str(remaining),
            "x-ratelimit-reset-requests": f"{max(0.0, reset):.3f}s",
        }

    @contextlib.asynccontextmanager
    async def _turn(self, model: str | None = None) -> AsyncIterator[None]:
        """At most `max_in_flight` requests in service, and `max_in_flight_per_model` per model."""
        gates = [self._gate]
        if model is not None:
            gate = self._model_gates.get(model)
            if gate is None:
                gate = self._model_gates[model] = _Gate(lambda: self.config.max_in_flight_per_model)
            gates.insert(0, gate)  # queue for the model first, so a waiting model holds no global slot
        taken: list[_Gate] = []
        try:
            for gate in gates:
                await gate.acquire()
                taken.append(gate)
            yield
        finally:
            for gate in reversed(taken):
                gate.release()

    def _draw_fault(self, model: str, kinds: tuple[str, ...]) -> str | None:
        if self.config.script:
            scripted = str(self.config.script.pop(0))
            return None if scripted == "ok" else scripted
        if self.rng.random() < self.config.failing_models.get(model, 0.0):
            return "model_500"
        draw, edge = self.rng.random(), 0.0
        for kind in kinds:
            edge += getattr(self.config, f"rate_{kind}")
            if draw < edge:
                return kind
        return None

    def _fault_response(self, fault: str) -> _Response:
        if fault == "429":
            return _error(
                429,
                "Rate limit reached for requests.",
                "requests",
                "rate_limit_exceeded",
                **{"Retry-After": f"{self.config.retry_after:g}"},
            )
        if fault == "503":
            return _error(503, "The server is overloaded.", "server_error", "overloaded")
        if fault == "quota":  # OpenAI's out-of-credit answer: a 429 that waiting does not fix
            message = "You exceeded your current quota, please check your plan and billing details."
            return _error(429, message, "insufficient_quota", "insufficient_quota")
        if fault.isdigit() and int(fault) != 500:
            status = int(fault)
            kind = "server_error" if status >= 500 else "invalid_request_error"
            return _error(status, f"Scripted {status} {http.HTTPStatus(status).phrase}.", kind)
        return _error(500, "The server had an error while processing your request.", "server_error")

    # --- endpoints ---

    async def _chat(self, payload: dict, record: RequestRecord) -> _Response:
        model = payload["model"]
        messages = payload.get("messages")
        if not isinstance(messages, list) or not messages or not all(isinstance(m, dict) for m in messages):
            return _error(400, "'messages' must be a non-empty list of objects.", "invalid_request_error")
        candidates = judge_candidates(payload)
        passages = compare_passages(payload) if candidates is None else None
        if candidates is not None:
            self.stats.judged(record)  # counted as received: a judge's failed requests count too
        elif passages is not None:
            self.stats.compared(record)
        else:
            record.kind = "story"
        if payload.get("stream"):
            return _error(400, "This stub does not stream; send stream=false.", "invalid_request_error")
        known = self.config.known_models
        if known is not None and model not in known:
            message = f"The model `{model}` does not exist."
            return _error(404, message, "invalid_request_error", "model_not_found")
        if (limited := self._rate_limited()) is not None:
            record.fault = "rpm"
            return limited
        async with self._turn(model):
            fault = record.fault = self._draw_fault(
                model, ("429", "500", "503", "hang", "malformed", "empty_choice")
            )
            if fault in ("429", "quota"):  # rate limiters answer before doing any work
                return self._fault_response(fault)
            await asyncio.sleep(self.config.latency)
            if fault == "hang":
                await asyncio.sleep(self.config.hang_seconds)
            elif fault is not None and fault not in ("malformed", "empty_choice"):
                return self._fault_response(fault)
            completion_id = f"chatcmpl-stub{next(self._ids)}"
            if fault == "malformed":  # as if a proxy cut the body short
                truncated = f'{{"id": "{completion_id}", "object": "chat.completion", "cho'
                return _Response(200, raw=truncated.encode())
            if candidates is not None:
                text = judge_answer(model, candidates, self.config.judge_replies.get(model))
            elif passages is not None:
                text = compare_answer(model, passages, self.config.compare_replies.get(model))
            else:
                source = self.config.text_source
                seed = payload.get("seed")
                text = source(model, messages) if source else default_text(model, messages, seed)
                text = _wrapped(text, self.config.story_preamble, self.config.story_postamble)
            finish = "stop"
            limit = payload.get("max_completion_tokens") or payload.get("max_tokens")
            if isinstance(limit, int) and limit > 0 and _tokens(text) > limit:
                text, finish = text[: limit * 4], "length"
            choices = [] if fault == "empty_choice" else [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}
            ]
            prompt_tokens = sum(_tokens(str(m.get("content") or "")) for m in messages)
            completion_tokens = _tokens(text) if choices else 0
            return _Response(
                200,
                {
                    "id": completion_id,
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": model,
                    "choices": choices,
                    "usage": {
                        "prompt_tokens": prompt_tokens,
                        "completion_tokens": completion_tokens,
                        "total_tokens": prompt_tokens + completion_tokens,
                    },
                },
            )

    async def _embeddings(self, payload: dict, record: RequestRecord) -> _Response:
        raw = payload.get("input")
        single = isinstance(raw, str) or (isinstance(raw, list) and raw and isinstance(raw[0], int))
        inputs = [raw] if single else raw
        if not isinstance(inputs, list) or not inputs:
            return _error(400, "'input' must be a string or a non-empty list.", "invalid_request_error")
        texts = [item if isinstance(item, str) else json.dumps(item) for item in inputs]
        self.stats.embedding_batch(len(texts))
        if (limited := self._rate_limited()) is not None:
            record.fault = "rpm"
            return limited
        async with self._turn():
            fault = record.fault = self._draw_fault(payload["model"], ("429", "500", "503"))
            if fault == "429":
                return self._fault_response(fault)
            await asyncio.sleep(self.config.latency)
            if fault:
                return self._fault_response(fault)
        data = []
        for index, text in enumerate(texts):
            vector = hashed_embedding(text)
            if payload.get("encoding_format") == "base64":  # what openai-python asks for by default
                packed = array.array("f", vector)
                if sys.byteorder == "big":
                    packed.byteswap()  # the wire format is little-endian float32
                embedding: Any = base64.b64encode(packed.tobytes()).decode()
            else:
                embedding = vector
            data.append({"object": "embedding", "index": index, "embedding": embedding})
        tokens = sum(_tokens(text) for text in texts)
        return _Response(
            200,
            {
                "object": "list",
                "data": data,
                "model": payload["model"],
                "usage": {"prompt_tokens": tokens, "total_tokens": tokens},
            },
        )

    async def _models(self, payload: dict, record: RequestRecord) -> _Response:
        names = sorted(self.config.known_models or set(DEFAULT_MODELS) | set(self.stats.by_model))
        return _Response(
            200,
            {
                "object": "list",
                "data": [{"id": n, "object": "model", "created": 0, "owned_by": "zega-stub"} for n in names],
            },
        )


class StubServer:
    """The stub on 127.0.0.1, in a background thread with its own event loop."""

    def __init__(
        self, config: StubConfig | None = None, *, host: str = "127.0.0.1", port: int = 0, **overrides: Any
    ) -> None:
        if config is not None and overrides:
            raise TypeError("pass either a StubConfig or keyword overrides, not both")
        self.config = config or StubConfig(**overrides)
        self.stats = StubStats()
        self.host = host
        self.port = port
        self._app = _StubApp(self.config, self.stats)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task] = set()

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}/v1"

    @property
    def finetuning(self) -> FineTuningStub:
        """The fine-tuning API's state: files, jobs, events (read it through `snapshot()`)."""
        return self._app.finetuning

    def reset_stats(self) -> None:
        self.stats.reset()

    def reseed(self, seed: int | None = None) -> None:
        """Restart the fault RNG (from `config.seed` unless given) so a test's draws are reproducible."""
        self._app.rng.seed(self.config.seed if seed is None else seed)

    # --- lifecycle ---

    def start(self) -> StubServer:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._listen())
            except BaseException as exc:  # noqa: BLE001 - reported to start()'s caller
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="zega-stub-server", daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        self._loop = self._thread = None

    def __enter__(self) -> StubServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def serve_forever(self) -> None:
        """For the CLI: listen in the current loop until cancelled."""
        await self._listen()
        assert self._server is not None
        try:
            await self._server.serve_forever()
        finally:
            await self._shutdown()

    async def _listen(self) -> None:
        # A deep backlog: benchmarks open a few hundred connections at once.
        self._server = await asyncio.start_server(self._connection, self.host, self.port, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):  # hanging requests must not keep stop() waiting
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:  # keep-alive: one request after another on this connection
                try:
                    request = await _read_request(reader)
                except (_BadRequest, ValueError):
                    bad = _error(400, "Malformed HTTP request.", "invalid_request_error")
                    await _write_response(writer, bad, keep_alive=False)
                    break
                if request is None:
                    break
                response = await self._app.handle(request)
                if writer.is_closing():
                    break  # the client gave up (timed out) while we worked
                await _write_response(writer, response, keep_alive=request.keep_alive)
                if not request.keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # client went away, or the server is stopping
        finally:
            self._connections.discard(task)
            writer.close()


def _parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, StubConfig]:
    parser = argparse.ArgumentParser(description="A loopback OpenAI-compatible stub server.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8911)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--max-in-flight", type=int)
    parser.add_argument("--max-in-flight-per-model", type=int)
    parser.add_argument("--rpm", type=int, dest="rpm_limit")
    for kind in ("429", "500", "503", "hang", "malformed", "empty-choice"):
        parser.add_argument(f"--rate-{kind}", type=float, default=0.0)
    parser.add_argument("--retry-after", type=float, default=1.0)
    parser.add_argument("--hang-seconds", type=float, default=30.0)
    parser.add_argument("--fail-model", action="append", default=[], metavar="MODEL=PROBABILITY")
    parser.add_argument("--known-model", action="append", metavar="MODEL")
    parser.add_argument("--api-key")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--judge-reply",
        action="append",
        default=[],
        metavar="MODEL=BEHAVIOUR",
        help=f"how judge MODEL answers judge requests: {', '.join(JUDGE_BEHAVIOURS)} (keep:N / reject:N: marks N)",
    )
    parser.add_argument(
        "--compare-reply",
        action="append",
        default=[],
        metavar="MODEL=BEHAVIOUR",
        help=f"how judge MODEL answers comparison requests: {', '.join(COMPARE_BEHAVIOURS)}",
    )
    parser.add_argument("--story-preamble", default="", help="chatter before every story, e.g. 'Sure!'")
    parser.add_argument("--story-postamble", default="", help="chatter after every story")
    args = parser.parse_args(argv)
    failing = {}
    for spec in args.fail_model:
        name, _, probability = spec.partition("=")
        failing[name] = float(probability or 1.0)
    judge_replies: dict[str, JudgeReply | str] = {}
    for spec in args.judge_reply:
        name, _, behaviour = spec.partition("=")
        try:
            judge_answer(name, {"A": "text"}, behaviour)  # refuse a typo now, not at the first request
        except ValueError as exc:
            parser.error(str(exc))
        judge_replies[name] = behaviour
    compare_replies: dict[str, JudgeReply | str] = {}
    for spec in args.compare_reply:
        name, _, behaviour = spec.partition("=")
        try:
            compare_answer(name, {"A": "a", "B": "b"}, behaviour)
        except ValueError as exc:
            parser.error(str(exc))
        compare_replies[name] = behaviour
    config = StubConfig(
        latency=args.latency,
        max_in_flight=args.max_in_flight,
        max_in_flight_per_model=args.max_in_flight_per_model,
        rpm_limit=args.rpm_limit,
        rate_429=args.rate_429,
        rate_500=args.rate_500,
        rate_503=args.rate_503,
        rate_hang=args.rate_hang,
        rate_malformed=args.rate_malformed,
        rate_empty_choice=args.rate_empty_choice,
        retry_after=args.retry_after,
        hang_seconds=args.hang_seconds,
        failing_models=failing,
        known_models=set(args.known_model) if args.known_model else None,
        api_key=args.api_key,
        seed=args.seed,
        judge_replies=judge_replies,
        compare_replies=compare_replies,
        story_preamble=args.story_preamble,
        story_postamble=args.story_postamble,
    )
    return args, config


def main(argv: list[str] | None = None) -> None:
    args, config = _parse_args(argv)
    stub = StubServer(config, host=args.host, port=args.port)

    async def run() -> None:
        task = asyncio.create_task(stub.serve_forever())
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):  # benchmarks stop it with either
            loop.add_signal_handler(signum, task.cancel)
        while stub._server is None and not task.done():  # print the port only once listening
            await asyncio.sleep(0.01)
        print(f"stub OpenAI server on {stub.base_url}", flush=True)
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(run())
    print(json.dumps({k: v for k, v in stub.stats.snapshot().items() if k != "requests"}), flush=True)


if __name__ == "__main__":
    main()
