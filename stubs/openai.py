"""The loopback OpenAI-compatible server for tests and benchmarks.

Nothing is mocked: clients (the official `openai` package through httpx) talk HTTP/1.1 over a socket to
this server, which answers with OpenAI's response shapes and can be told to misbehave the ways real
providers do (429 with Retry-After, 500/503, hangs, malformed JSON, empty choices, a rolling
requests-per-minute limit, a bounded number of requests in service).

    with StubServer(StubConfig(latency=0.2)) as stub:
        client = AsyncOpenAI(base_url=stub.base_url, api_key="x")
        stub.config.rate_500 = 0.5        # switch faults on and off while it runs
        stub.stats.by_status[500]         # observe what happened

Endpoints: POST /v1/chat/completions (non-streaming; stories, judgements and comparisons, see
stubs/replies.py), GET /v1/models, POST /v1/embeddings (stubs/embeddings.py), and the fine-tuning API
(`/v1/files` with content, `/v1/fine_tuning/jobs` with retrieve, events, checkpoints and cancel; see
stubs/finetuning.py). Behaviour: stubs/config.py; the command line: `python -m stubs --help`.

The item id: clients may send `X-Zega-Item: <run_id>:<index>` (autotrain.llm.openai_compat does); it is
recorded per request in `stats.requests` so tests can see which item a request belonged to. A header,
not the body's `metadata` field, because real providers reject or ignore unknown body fields
(OpenAI only accepts `metadata` together with `store`), while every server ignores an unknown header.
`story_preamble` / `story_postamble` wrap every story in a chat model's chatter ("Sure! Here's a
story:" ... "I hope you enjoy it!"). Judge and comparison requests go through the same latency, limits
and faults as any chat request; `stats.judge_requests` / `stats.compare_requests` count them, and each
request's record says `kind` "judge", "compare" or "story".
"""

from __future__ import annotations

import asyncio
import contextlib
import http
import itertools
import json
import logging
import random
import time
from collections.abc import AsyncIterator
from typing import Any

from stubs.base import LoopbackServer, Request, Response
from stubs.config import RequestRecord, StubConfig, StubStats
from stubs.embeddings import embedding_data, embedding_inputs
from stubs.finetuning import FineTuningStub
from stubs.limits import Gate, RollingWindow
from stubs.replies import (
    compare_answer,
    compare_passages,
    default_text,
    judge_answer,
    judge_candidates,
    tokens,
    wrapped,
)

logger = logging.getLogger(__name__)

DEFAULT_MODELS = ("stub-a", "stub-b", "stub-c")


def _error(status: int, message: str, type_: str, code: str | None = None, **headers: str) -> Response:
    return Response(status, {"error": {"message": message, "type": type_, "code": code}}, headers)


class OpenAIApp:
    """The endpoints. Runs entirely on the server's event loop (so the RNG and gate need no locks)."""

    def __init__(self, config: StubConfig, stats: StubStats) -> None:
        self.config = config
        self.stats = stats
        self.rng = random.Random(config.seed)
        self._window = RollingWindow(lambda: self.config.rpm_limit)
        self._gate = Gate(lambda: self.config.max_in_flight)
        self._model_gates: dict[str, Gate] = {}
        self._ids = itertools.count(1)
        self.finetuning = FineTuningStub(config)

    async def handle(self, request: Request) -> Response:
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
            for name, value in self._window.headers().items():
                response.headers.setdefault(name, value)
        return response

    async def _route(self, request: Request, record: RequestRecord) -> Response:
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

    def _fine_tuning(self, request: Request) -> Response:
        expected = self.config.api_key
        if expected and request.headers.get("authorization") != f"Bearer {expected}":
            return _error(401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key")
        status, payload = self.finetuning.handle(
            request.method, request.path, request.query, request.headers, request.body
        )
        # A short retry-after-ms, as OpenAI sends, so clients retry scripted faults without long back-off.
        headers = {"retry-after-ms": "10"} if status == 429 or status >= 500 else {}
        if isinstance(payload, bytes):  # a file's content
            return Response(status, raw=payload, headers={"Content-Type": "application/octet-stream"})
        return Response(status, payload, headers)

    # --- gates and faults ---

    def _rate_limited(self) -> Response | None:
        wait = self._window.admit()
        if wait is None:
            return None
        return _error(
            429,
            f"Rate limit reached: {self.config.rpm_limit} requests per minute.",
            "requests",
            "rate_limit_exceeded",
            **{"Retry-After": str(wait)},
        )

    @contextlib.asynccontextmanager
    async def _turn(self, model: str | None = None) -> AsyncIterator[None]:
        """At most `max_in_flight` requests in service, and `max_in_flight_per_model` per model."""
        gates: list[Gate] = [self._gate]
        if model is not None:
            gate = self._model_gates.get(model)
            if gate is None:
                gate = self._model_gates[model] = Gate(lambda: self.config.max_in_flight_per_model)
            gates.insert(0, gate)  # queue for the model first, so a waiting model holds no global slot
        taken: list[Gate] = []
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

    def _fault_response(self, fault: str) -> Response:
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

    async def _chat(self, payload: dict, record: RequestRecord) -> Response:
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
                return Response(200, raw=truncated.encode())
            if candidates is not None:
                text = judge_answer(model, candidates, self.config.judge_replies.get(model))
            elif passages is not None:
                text = compare_answer(model, passages, self.config.compare_replies.get(model))
            else:
                source = self.config.text_source
                seed = payload.get("seed")
                text = source(model, messages) if source else default_text(model, messages, seed)
                text = wrapped(text, self.config.story_preamble, self.config.story_postamble)
            finish = "stop"
            limit = payload.get("max_completion_tokens") or payload.get("max_tokens")
            if isinstance(limit, int) and limit > 0 and tokens(text) > limit:
                text, finish = text[: limit * 4], "length"
            choices = [] if fault == "empty_choice" else [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}
            ]
            prompt_tokens = sum(tokens(str(m.get("content") or "")) for m in messages)
            completion_tokens = tokens(text) if choices else 0
            return Response(
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

    async def _embeddings(self, payload: dict, record: RequestRecord) -> Response:
        texts = embedding_inputs(payload.get("input"))
        if texts is None:
            return _error(400, "'input' must be a string or a non-empty list.", "invalid_request_error")
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
        used = sum(tokens(text) for text in texts)
        return Response(
            200,
            {
                "object": "list",
                "data": embedding_data(texts, payload.get("encoding_format")),
                "model": payload["model"],
                "usage": {"prompt_tokens": used, "total_tokens": used},
            },
        )

    async def _models(self, payload: dict, record: RequestRecord) -> Response:
        names = sorted(self.config.known_models or set(DEFAULT_MODELS) | set(self.stats.by_model))
        return Response(
            200,
            {
                "object": "list",
                "data": [{"id": n, "object": "model", "created": 0, "owned_by": "zega-stub"} for n in names],
            },
        )


class StubServer(LoopbackServer):
    """The stub on 127.0.0.1: `start()` runs it in a background thread with its own event loop."""

    thread_name = "zega-stub-server"

    def __init__(
        self, config: StubConfig | None = None, *, host: str = "127.0.0.1", port: int = 0, **overrides: Any
    ) -> None:
        if config is not None and overrides:
            raise TypeError("pass either a StubConfig or keyword overrides, not both")
        super().__init__(host=host, port=port)
        self.config = config or StubConfig(**overrides)
        self.stats = StubStats()
        self._app = OpenAIApp(self.config, self.stats)

    @property
    def base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def finetuning(self) -> FineTuningStub:
        """The fine-tuning API's state: files, jobs, events (read it through `snapshot()`)."""
        return self._app.finetuning

    def reset_stats(self) -> None:
        self.stats.reset()

    def reseed(self, seed: int | None = None) -> None:
        """Restart the fault RNG (from `config.seed` unless given) so a test's draws are reproducible."""
        self._app.rng.seed(self.config.seed if seed is None else seed)

    async def handle(self, request: Request) -> Response:
        return await self._app.handle(request)

    def bad_request(self) -> Response:
        return _error(400, "Malformed HTTP request.", "invalid_request_error")
