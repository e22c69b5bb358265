"""One ensemble member behind any OpenAI-compatible chat completions endpoint.

OpenAI, Ollama (`/v1`), vLLM, llama.cpp's server and the loopback stub (`stubs/openai.py`) all speak
it. The official `openai` client does the HTTP; retries are ours (the client's own are switched off), so
what happens on a 429 or a dead server is explicit here and tested against the stub:

- what is permanent and what is worth another attempt is decided in autotrain.llm.openai_errors, the
  same for generation, judges, embeddings and fine-tuning: any other 4xx (400, 401, 403, 404, 422, ...)
  and a 429 `insufficient_quota` (no credit left) are `LLMError(permanent=True)` at once.
- 429 (and 503) with `retry-after-ms` / `Retry-After`: wait that long (capped), and make the whole member
  wait, since a rate limit belongs to the key, not to one request. Without the header: exponential
  back-off.
- 408, 409, 5xx, connection errors, timeouts, malformed bodies, empty choices or empty text: exponential
  back-off with jitter, up to `max_retries` retries, then `LLMError(permanent=False)`.
- a member whose last `failure_streak` attempts all failed is backed off (a circuit breaker): for a
  cool-down (doubling, capped at `backoff_cap`) its requests send nothing, except one probe at a time
  once the cool-down is over. An attempt skipped that way counts as a failed attempt of its request, so
  a request still ends on its own retry schedule (a short outage is ridden out, a dead member fails its
  items in seconds, not minutes) while the server sees one probe instead of every retry of every item.

The semaphore bounds requests actually on the wire. It is held only around the HTTP call (and the
request's turn of the rate limiter, see ratelimit.py), never while sleeping before a retry or waiting out
a Retry-After: a sleeping request holds no slot, so a burst of 429s or 500s does not leave the member's
concurrency idle while fresh requests could be sent, and the slot count stays an honest "requests in
flight" figure.

Per request CPU matters: at 32 requests in flight per member and three members, the client is what a
2-core worker spends its time on. So the member's one `AsyncOpenAI` client (shared by all its requests,
and across chunks while the process's generation loop lives, see autotrain.llm.stream) runs on openai's
aiohttp transport, whose connection pool stays cheap with many connections (httpcore's re-checks every
pooled connection on each request, see encode/httpcore#1035), and requests go through `client.post`
with a plain JSON body and a plain JSON answer: the typed `chat.completions.create` spends ~1.5 ms per
request walking its TypedDict annotations and building pydantic models we only read three fields of.
Measured: ~1.6 ms of client CPU per request instead of ~5.5 ms (bench/, BENCHMARKS.md).

The item id travels as the header `X-Zega-Item: <run_id>:<index>`: every server ignores unknown headers,
whereas OpenAI rejects the body's `metadata` unless the completion is stored.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any

import httpx
import openai

from autotrain.llm import openai_errors
from autotrain.llm.base import Completion, GenerationRequest, Generator, LLMError
from autotrain.llm.ratelimit import RateLimiter

logger = logging.getLogger(__name__)

DEFAULT_SYSTEM_PROMPT = (
    "You are a skilled fiction writer. Write one original passage of story prose for the reader's "
    "prompt, in the requested genre and style: 2 to 4 short paragraphs, 400 to 800 characters in all, "
    "with vivid concrete detail and, where it fits, a line of dialogue. Answer with the passage only: "
    "no preamble, no title or headings, no lists, no notes or questions after it."
)

# Catalog keys whose plain spelling reads badly in a prompt; the rest just lose their underscores.
_GENRE_LABELS = {"sci_fi": "sci-fi"}


def genre_label(genre: str) -> str:
    return _GENRE_LABELS.get(genre, genre.replace("_", " "))


def _one_line(text: str) -> str:
    # The user message is line-oriented ("Prompt: ..."); a stray newline must not start a new field.
    return " ".join(text.split())


def build_messages(request: GenerationRequest) -> list[dict[str, str]]:
    """The chat messages for one item: a system prompt, then the request as labelled lines.

    The user message starts with `Genre:`, `Prompt:` and `Style:` lines (the loopback stub parses them
    back), followed by the optional context passages, each inside `<example>...</example>`.
    """
    fields = [f"Genre: {genre_label(request.genre)}", f"Prompt: {_one_line(request.prompt)}"]
    if request.style_modifier.strip():
        fields.append(f"Style: {_one_line(request.style_modifier)}")
    parts = ["\n".join(fields)]
    passages = [p.strip() for p in request.context if p.strip()]
    if passages:
        examples = "\n".join(f"<example>\n{p}\n</example>" for p in passages)
        parts.append(
            "Passages this reader chose before, as examples of their taste. Match their voice and "
            "what they enjoy; do not copy or continue them:\n" + examples
        )
    parts.append("Write the new passage now.")
    return [
        {"role": "system", "content": request.system or DEFAULT_SYSTEM_PROMPT},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def item_headers(request: GenerationRequest) -> dict[str, str]:
    if not request.run_id and request.index < 0:
        return {}
    return {"X-Zega-Item": f"{request.run_id}:{request.index}"}


class _Retryable(Exception):
    """One attempt failed in a way another attempt may not."""

    def __init__(self, message: str, *, retry_after: float | None = None, sent: bool = True) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        # False: skipped because the member is backed off; says nothing new about the server.
        self.sent = sent


class OpenAICompatGenerator(Generator):
    def __init__(
        self,
        *,
        name: str,
        model: str,
        base_url: str,
        api_key: str | None,
        max_concurrency: int = 32,
        timeout: float = 60.0,
        max_retries: int = 4,
        max_tokens: int = 400,
        temperature: float = 0.9,
        backoff_base: float = 0.5,
        backoff_cap: float = 8.0,
        retry_after_cap: float = 30.0,
        failure_streak: int = 10,
        rpm: float | None = None,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        if max_retries < 0:
            raise ValueError("max_retries must not be negative")
        self.name = name
        self.model = model
        self.base_url = base_url
        self.max_concurrency = max_concurrency
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self.failure_streak = failure_streak
        self._api_key = api_key or "not-needed"  # local servers want no key, the client wants a string
        # Bound to the event loop of the first call (see _bind).
        self._loop: asyncio.AbstractEventLoop | None = None
        self._client: openai.AsyncOpenAI | None = None
        self._semaphore: asyncio.Semaphore | None = None
        # Member-wide state (loop times): consecutive failed attempts; while they reach failure_streak,
        # nothing is sent before _open_until and then one probe at a time. _pause_until: a Retry-After.
        self._failures_in_a_row = 0
        self._open_until = 0.0
        self._probing = False
        self._pause_until = 0.0
        self._jitter = random.Random()  # unseeded on purpose: jitter exists to de-correlate clients
        # Requests per minute: configured, or learned from the server's headers and 429s.
        self.limiter = RateLimiter(rpm)

    def __repr__(self) -> str:
        return f"OpenAICompatGenerator(name={self.name!r}, model={self.model!r}, base_url={self.base_url!r})"

    # --- the loop-bound parts ---

    def _bind(self) -> tuple[openai.AsyncOpenAI, asyncio.Semaphore]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._client is None or self._semaphore is None:
            # The client's connections and the semaphore belong to one loop. A generator reused from a
            # new loop gets fresh ones (the old client cannot be closed from here; its loop is gone).
            # Connections: one per request in flight plus a few being closed or opened; the semaphore
            # is the real bound (httpx's default keeps only 20 alive, so most requests reconnected).
            connections = self.max_concurrency + 8
            self._client = openai.AsyncOpenAI(
                base_url=self.base_url,
                api_key=self._api_key,
                timeout=self.timeout,
                max_retries=0,
                http_client=openai.DefaultAioHttpClient(
                    timeout=self.timeout,
                    limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
                ),
            )
            self._semaphore = asyncio.Semaphore(self.max_concurrency)
            self._loop = loop
            self._failures_in_a_row = 0
            self._open_until = self._pause_until = 0.0
            self._probing = False
        return self._client, self._semaphore

    async def aclose(self) -> None:
        client, loop = self._client, self._loop
        self._client = self._semaphore = self._loop = None
        if client is not None and loop is asyncio.get_running_loop():
            await client.close()

    # --- generation ---

    async def complete(self, request: GenerationRequest) -> Completion:
        return await self.chat(build_messages(request), seed=request.seed, headers=item_headers(request))

    async def chat(
        self,
        messages: list[dict[str, str]],
        *,
        seed: int | None = None,
        headers: dict[str, str] | None = None,
        response_format: dict | None = None,
        max_tokens: int | None = None,
    ) -> Completion:
        """One chat completion with this member's limits, retries and back-off (the judges use it too)."""
        client, semaphore = self._bind()
        started = time.monotonic()
        body: dict[str, Any] = {
            "model": self.model,
            "messages": messages,
            "max_tokens": max_tokens or self.max_tokens,
            "temperature": self.temperature,
        }
        if seed is not None:
            body["seed"] = seed  # same item, same seed: servers that honour it write reproducibly
        if response_format is not None:
            body["response_format"] = response_format
        attempt = 0
        sent = False  # whether any attempt reached the server (a backed-off one does not)
        while True:
            try:
                response = await self._attempt(client, semaphore, body, headers or {})
                text, finish_reason = self._text_of(response)
            except _Retryable as exc:
                sent = sent or exc.sent
                if exc.sent:
                    self._note_failure(exc.retry_after)
                if attempt >= self.max_retries:
                    raise LLMError(
                        f"{self.name}: {exc} (gave up after {attempt + 1} attempts)",
                        permanent=False,
                        model=self.name,
                        sent=sent,
                    ) from exc
                if exc.retry_after is not None:
                    # Honour the server, plus a little spread so a 429 burst does not return as one.
                    delay = openai_errors.retry_after_delay(exc.retry_after, rng=self._jitter)
                else:
                    delay = self._backoff(attempt)
                # Debug: an outage would otherwise print one line per retry of every item.
                logger.debug(
                    "%s: %s; retry %d/%d in %.2fs", self.name, exc, attempt + 1, self.max_retries, delay
                )
                attempt += 1
                await asyncio.sleep(delay)
                continue
            self._failures_in_a_row = 0
            usage = response.get("usage")
            usage = usage if isinstance(usage, dict) else {}
            return Completion(
                text=text,
                model=self.name,
                # The whole wait, retries included: what the ensemble (and the user) experienced.
                latency=time.monotonic() - started,
                prompt_tokens=_count(usage.get("prompt_tokens")),
                completion_tokens=_count(usage.get("completion_tokens")),
                finish_reason=finish_reason,
            )

    async def _attempt(
        self,
        client: openai.AsyncOpenAI,
        semaphore: asyncio.Semaphore,
        body: dict[str, Any],
        headers: dict[str, str],
    ) -> Any:
        while True:
            await self._wait_for_pause()
            self._check_circuit(claim_probe=False)  # backed off: skip without queueing for a slot
            async with semaphore:
                if self._pause_remaining() > 0:
                    continue  # a Retry-After arrived while we queued for a slot: give it back, wait
                probe = self._check_circuit(claim_probe=True)
                try:
                    await self.limiter.acquire()
                    return await self._send(client, body, headers)
                finally:
                    if probe:
                        self._probing = False

    async def _send(self, client: openai.AsyncOpenAI, body: dict[str, Any], headers: dict[str, str]) -> dict:
        """One chat completion; its JSON answer as a dict. Raises _Retryable or LLMError."""
        loop = asyncio.get_running_loop()
        try:
            # `post` with a plain body and the raw answer: see the module docstring for why not `create`.
            response = await client.post(
                "/chat/completions", body=body, options={"headers": headers}, cast_to=httpx.Response
            )
            self.limiter.observe(response.headers, loop.time())
            self.limiter.answered(loop.time())
            answer = response.json()
        except openai_errors.CALL_ERRORS as exc:
            if isinstance(exc, openai.APIStatusError):
                self.limiter.observe(exc.response.headers, loop.time())
            raise self._classify(exc) from exc
        if not isinstance(answer, dict):
            raise _Retryable(f"malformed response: a JSON {type(answer).__name__}, not an object")
        return answer

    def _classify(self, exc: BaseException) -> Exception:
        failure = openai_errors.classify(exc, timeout=self.timeout)
        if failure.permanent:
            return LLMError(f"{self.name}: {failure}", permanent=True, model=self.name)
        if failure.status == 429:
            self.limiter.rate_limited(asyncio.get_running_loop().time())
        retry_after = failure.retry_after
        if retry_after is not None:
            retry_after = min(retry_after, self.retry_after_cap)
        return _Retryable(failure.message, retry_after=retry_after)

    @staticmethod
    def _text_of(response: dict) -> tuple[str, str | None]:
        # A JSON answer may lack what we need, or have it in the wrong shape.
        choices = response.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise _Retryable("the response has no choices")
        message = choices[0].get("message")
        content = message.get("content") if isinstance(message, dict) else None
        if not isinstance(content, str) or not content.strip():
            finish = choices[0].get("finish_reason")
            raise _Retryable(f"the response has no text (finish_reason={finish!r})")
        finish_reason = choices[0].get("finish_reason")
        return content.strip(), finish_reason if isinstance(finish_reason, str) else None

    # --- back-off ---

    def _backoff(self, attempt: int) -> float:
        return openai_errors.backoff(attempt, base=self.backoff_base, cap=self.backoff_cap, rng=self._jitter)

    def _pause_remaining(self) -> float:
        return self._pause_until - asyncio.get_running_loop().time()

    async def _wait_for_pause(self) -> None:
        # Loop: another 429 may push the deadline further while we sleep.
        while (remaining := self._pause_remaining()) > 0:
            await asyncio.sleep(remaining)

    def _check_circuit(self, *, claim_probe: bool) -> bool:
        """Raise a skipped attempt while backed off; True when this attempt is the one probe."""
        if self._failures_in_a_row < self.failure_streak:
            return False
        if self._probing or asyncio.get_running_loop().time() < self._open_until:
            raise _Retryable(f"backed off after {self._failures_in_a_row} failures in a row", sent=False)
        if claim_probe:
            self._probing = True
        return claim_probe

    def _note_failure(self, retry_after: float | None) -> None:
        now = asyncio.get_running_loop().time()
        if retry_after is not None:
            # The server said when to come back (a rate limit belongs to the key, not to one request):
            # every request of this member waits that long. Not a sign of a broken member, so it does
            # not count towards backing off.
            self._pause_until = max(self._pause_until, now + retry_after)
            return
        self._failures_in_a_row += 1
        excess = self._failures_in_a_row - self.failure_streak
        if excess >= 0:
            if excess == 0:
                logger.warning("%s failed %d times in a row; backing off", self.name, self._failures_in_a_row)
            cooldown = openai_errors.backoff_step(min(excess, 16), base=self.backoff_base, cap=self.backoff_cap)
            self._open_until = max(self._open_until, now + cooldown)
