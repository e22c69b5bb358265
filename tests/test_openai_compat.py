"""OpenAICompatGenerator against the real loopback stub: retries, permanence, timeouts, limits, messages."""

from __future__ import annotations

import asyncio
import email.utils
from collections.abc import Awaitable, Callable
import gc
import time

import httpx
import pytest

from autotrain.llm import openai_compat
from autotrain.llm.base import GenerationRequest, LLMError
from autotrain.llm.openai_compat import (
    DEFAULT_SYSTEM_PROMPT,
    OpenAICompatGenerator,
    build_messages,
)
from autotrain.llm.openai_errors import parse_retry_after
from stubs.openai import StubServer

REQUEST = GenerationRequest(
    genre="sci_fi",
    prompt="First contact with an alien civilization",
    style_modifier="Use vivid sensory details",
    seed=11,
    run_id="run-1",
    index=3,
)


def make_generator(stub: StubServer, **options: object) -> OpenAICompatGenerator:
    settings = {
        "name": "member-a",
        "model": "stub-a",
        "base_url": stub.base_url,
        "api_key": None,
        "timeout": 5.0,
        "max_retries": 3,
        # Fast back-off so retry tests take milliseconds; the shape of the schedule is what is tested.
        "backoff_base": 0.01,
        "backoff_cap": 0.05,
    }
    return OpenAICompatGenerator(**{**settings, **options})  # type: ignore[arg-type]


def sleep_inside_openai_compat(monkeypatch: pytest.MonkeyPatch, sleep: Callable[[float], Awaitable[None]]) -> None:
    """openai_compat's back-offs and pauses (its `asyncio.sleep`) go to `sleep`; the rest of asyncio is untouched."""

    class StandIn:  # the asyncio module as openai_compat sees it
        def __getattr__(self, name: str) -> object:
            return getattr(asyncio, name)

    stand_in = StandIn()
    stand_in.sleep = sleep  # type: ignore[attr-defined]
    monkeypatch.setattr(openai_compat, "asyncio", stand_in)


def complete(generator: OpenAICompatGenerator, request: GenerationRequest = REQUEST):
    async def run():
        try:
            return await generator.complete(request)
        finally:
            await generator.aclose()

    return asyncio.run(run())


def test_success_returns_stripped_text_tokens_and_the_member_name(stub_server):
    stub_server.config.text_source = lambda model, messages: "\n  A cold light rose over the ridge.  \n"

    completion = complete(make_generator(stub_server, name="voice-1"))

    assert completion.text == "A cold light rose over the ridge."
    assert completion.model == "voice-1"
    assert completion.latency > 0
    assert completion.completion_tokens and completion.completion_tokens > 0
    assert completion.prompt_tokens and completion.prompt_tokens > 0
    [record] = stub_server.stats.requests
    assert (record.model, record.run_id, record.index) == ("stub-a", "run-1", 3)


def test_the_server_receives_the_story_messages(stub_server):
    received: list[list[dict]] = []
    stub_server.config.text_source = lambda model, messages: received.append(messages) or "Prose."

    complete(make_generator(stub_server))

    [[system, user]] = received
    assert system == {"role": "system", "content": DEFAULT_SYSTEM_PROMPT}
    assert user["role"] == "user"
    assert "Genre: sci-fi" in user["content"]
    assert "Prompt: First contact with an alien civilization" in user["content"]
    assert "Style: Use vivid sensory details" in user["content"]


def test_default_text_follows_the_request(stub_server):
    completion = complete(make_generator(stub_server))

    assert 300 <= len(completion.text) <= 1000
    assert "\n\n" in completion.text


def test_build_messages_with_context_and_custom_system():
    request = GenerationRequest(
        genre="dark_fantasy",
        prompt="A forbidden ritual\nunleashes an ancient evil",
        style_modifier="",
        system="Write like the reader.",
        context=("First kept passage.", "  ", "Second kept passage."),
    )

    system, user = build_messages(request)

    assert system == {"role": "system", "content": "Write like the reader."}
    lines = user["content"].splitlines()
    assert lines[:2] == ["Genre: dark fantasy", "Prompt: A forbidden ritual unleashes an ancient evil"]
    assert not any(line.startswith("Style:") for line in lines)
    assert user["content"].count("<example>") == 2
    assert "<example>\nFirst kept passage.\n</example>" in user["content"]


def test_default_system_prompt_asks_for_prose_only():
    system, _ = build_messages(REQUEST)

    for phrase in ("2 to 4", "paragraphs", "no preamble", "no title", "no lists"):
        assert phrase in system["content"]


def test_429_waits_for_retry_after_then_succeeds(stub_server):
    stub_server.config.script = [429]
    stub_server.config.retry_after = 0.4

    started = time.monotonic()
    completion = complete(make_generator(stub_server))
    waited = time.monotonic() - started

    assert completion.text
    assert 0.4 <= waited < 1.2  # Retry-After, not the 0.01 s back-off
    assert dict(stub_server.stats.by_status) == {429: 1, 200: 1}


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503])
def test_transient_statuses_are_retried(stub_server, status):
    stub_server.config.script = [status, status]

    assert complete(make_generator(stub_server)).text
    assert dict(stub_server.stats.by_status) == {status: 2, 200: 1}


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_permanent_statuses_raise_at_once_without_retry(stub_server, status):
    stub_server.config.script = [status]

    with pytest.raises(LLMError) as caught:
        complete(make_generator(stub_server))

    assert caught.value.permanent is True
    assert caught.value.model == "member-a"
    assert str(status) in str(caught.value)
    assert stub_server.stats.total == 1


def test_out_of_quota_429_is_permanent(stub_server):
    stub_server.config.script = ["quota"]

    with pytest.raises(LLMError, match="quota") as caught:
        complete(make_generator(stub_server))

    assert caught.value.permanent is True
    assert stub_server.stats.total == 1


def test_unknown_model_and_wrong_key_are_permanent(stub_server):
    stub_server.config.known_models = {"stub-a"}
    stub_server.config.api_key = "sk-right"

    with pytest.raises(LLMError) as missing:
        complete(make_generator(stub_server, model="nope", api_key="sk-right"))
    with pytest.raises(LLMError) as unauthorized:
        complete(make_generator(stub_server, api_key="sk-wrong"))

    assert missing.value.permanent and "404" in str(missing.value)
    assert unauthorized.value.permanent and "401" in str(unauthorized.value)
    assert stub_server.stats.total == 2
    assert complete(make_generator(stub_server, api_key="sk-right")).text


def test_retries_exhausted_is_a_transient_error(stub_server):
    stub_server.config.rate_500 = 1.0

    with pytest.raises(LLMError) as caught:
        complete(make_generator(stub_server, max_retries=2))

    assert caught.value.permanent is False
    assert "3 attempts" in str(caught.value)
    assert stub_server.stats.by_status[500] == 3


def test_a_hang_times_out_quickly_as_a_transient_error(stub_server):
    stub_server.config.rate_hang = 1.0
    stub_server.config.hang_seconds = 10

    started = time.monotonic()
    with pytest.raises(LLMError) as caught:
        complete(make_generator(stub_server, timeout=0.3, max_retries=1))

    assert caught.value.permanent is False
    assert "timed out" in str(caught.value)
    assert time.monotonic() - started < 2.0  # two attempts of 0.3 s, not the 10 s hang


def test_a_hang_then_an_answer_succeeds(stub_server):
    stub_server.config.script = ["hang"]
    stub_server.config.hang_seconds = 10

    assert complete(make_generator(stub_server, timeout=0.3)).text


@pytest.mark.parametrize("fault", ["malformed", "empty_choice"])
def test_malformed_and_empty_answers_are_retried_then_fail(stub_server, fault):
    setattr(stub_server.config, f"rate_{fault}", 1.0)

    with pytest.raises(LLMError) as caught:
        complete(make_generator(stub_server, max_retries=2))

    assert caught.value.permanent is False
    assert stub_server.stats.by_status[200] == 3


def test_malformed_then_empty_then_good_succeeds(stub_server):
    stub_server.config.script = ["malformed", "empty_choice"]

    assert complete(make_generator(stub_server)).text
    assert stub_server.stats.total == 3


def test_blank_text_counts_as_a_failure(stub_server):
    stub_server.config.text_source = lambda model, messages: "  \n "

    with pytest.raises(LLMError) as caught:
        complete(make_generator(stub_server, max_retries=1))

    assert "no text" in str(caught.value)
    assert stub_server.stats.total == 2


def test_concurrency_is_bounded_per_member(stub_server):
    stub_server.config.latency = 0.2
    generator = make_generator(stub_server, max_concurrency=4)

    async def burst() -> float:
        started = time.monotonic()
        try:
            await asyncio.gather(*(generator.complete(REQUEST) for _ in range(16)))
        finally:
            await generator.aclose()
        return time.monotonic() - started

    elapsed = asyncio.run(burst())

    assert stub_server.stats.max_in_flight == 4
    assert elapsed >= 0.8  # 16 requests, 4 at a time, 0.2 s each
    assert stub_server.stats.by_status[200] == 16


def test_a_request_backing_off_does_not_hold_a_slot(stub_server, monkeypatch):
    """Two of six requests fail and back off, and their back-off ends only once the other four have
    finished: those four can finish only if the two sleepers gave both slots back. No clock is read, so a
    loaded machine cannot fail it; a slot held while sleeping deadlocks into the timeout."""
    stub_server.config.script = [500, 500]
    generator = make_generator(stub_server, max_concurrency=2, max_retries=1)
    sleepers: list[asyncio.Task | None] = []
    finished: list[str] = []
    four_done = asyncio.Event()

    async def back_off_until_four_are_done(delay: float) -> None:
        sleepers.append(asyncio.current_task())
        await four_done.wait()

    sleep_inside_openai_compat(monkeypatch, back_off_until_four_are_done)

    async def burst() -> None:
        async def one() -> None:
            await generator.complete(REQUEST)
            finished.append("after a back-off" if asyncio.current_task() in sleepers else "at once")
            if len(finished) == 4:
                four_done.set()

        try:
            async with asyncio.timeout(10):  # a held slot never frees: this is how the test fails
                await asyncio.gather(*(one() for _ in range(6)))
        finally:
            await generator.aclose()

    asyncio.run(burst())

    assert len(sleepers) == 2
    assert finished == ["at once"] * 4 + ["after a back-off"] * 2
    assert dict(stub_server.stats.by_status) == {500: 2, 200: 6}


def test_a_member_that_keeps_failing_is_backed_off_then_probed(stub_server, monkeypatch):
    stub_server.config.rate_500 = 1.0
    generator = make_generator(
        stub_server, max_retries=0, failure_streak=2, backoff_base=1.0, backoff_cap=1.0
    )
    waits: list[float] = []

    async def record_the_wait(delay: float) -> None:
        waits.append(delay)
        await asyncio.sleep(delay)

    sleep_inside_openai_compat(monkeypatch, record_the_wait)

    async def scenario() -> None:
        try:
            for _ in range(2):  # two failures in a row: backed off for 1 s
                with pytest.raises(LLMError, match="HTTP 500"):
                    await generator.complete(REQUEST)
            stub_server.config.rate_500 = 0.0
            with pytest.raises(LLMError, match="backed off after 2 failures in a row") as skipped:
                await generator.complete(REQUEST)
            assert skipped.value.permanent is False
            assert stub_server.stats.total == 2  # nothing was sent while backed off
            await asyncio.sleep(1.0)
            await generator.complete(REQUEST)  # the probe succeeds: the member is healthy again
            waits.clear()
            await asyncio.gather(*(generator.complete(REQUEST) for _ in range(3)))
            # no back-off or pause left: none of the three waited (asked of the member, not of a clock, which a loaded
            # machine slows: "under 0.6 s" failed once in CI)
            assert waits == []
            assert stub_server.stats.by_status[200] == 4
        finally:
            await generator.aclose()

    asyncio.run(scenario())


def test_a_request_rides_out_a_short_back_off_on_its_retries(stub_server):
    stub_server.config.script = [500, 500]
    generator = make_generator(
        stub_server, max_retries=6, failure_streak=2, backoff_base=0.05, backoff_cap=0.2
    )

    assert complete(generator).text
    assert dict(stub_server.stats.by_status) == {500: 2, 200: 1}


def test_a_dead_member_is_probed_not_hammered_and_fails_fast(stub_server):
    stub_server.config.rate_500 = 1.0
    stub_server.config.latency = 0.02
    generator = make_generator(
        stub_server, max_concurrency=4, max_retries=3, failure_streak=4, backoff_base=0.05, backoff_cap=0.2
    )

    async def burst() -> list[object]:
        try:
            calls = (generator.complete(REQUEST) for _ in range(40))
            return await asyncio.gather(*calls, return_exceptions=True)
        finally:
            await generator.aclose()

    started = time.monotonic()
    outcomes = asyncio.run(burst())

    assert all(isinstance(o, LLMError) and not o.permanent for o in outcomes)
    assert time.monotonic() - started < 2.0
    # Without backing off: 40 requests x 4 attempts = 160 sends.
    assert stub_server.stats.total < 20


def test_rate_limits_with_retry_after_never_back_the_member_off(stub_server):
    stub_server.config.script = [429, 429, 429]
    stub_server.config.retry_after = 0.05

    assert complete(make_generator(stub_server, failure_streak=2, backoff_base=5.0, backoff_cap=5.0)).text
    assert dict(stub_server.stats.by_status) == {429: 3, 200: 1}


def test_a_429_pauses_the_whole_member(stub_server):
    stub_server.config.script = [429]
    stub_server.config.retry_after = 0.4
    generator = make_generator(stub_server)

    async def scenario() -> float:
        try:
            first = asyncio.create_task(generator.complete(REQUEST))
            while stub_server.stats.by_status[429] == 0:
                await asyncio.sleep(0.01)
            started = time.monotonic()
            await generator.complete(REQUEST)  # sent after the 429: waits for the same Retry-After
            await first
            return time.monotonic() - started
        finally:
            await generator.aclose()

    assert asyncio.run(scenario()) >= 0.3


def test_a_closed_generator_can_be_used_again_in_a_new_event_loop(stub_server):
    generator = make_generator(stub_server)

    assert complete(generator).text
    assert complete(generator).text  # each asyncio.run gets its own client


@pytest.mark.filterwarnings("ignore::ResourceWarning")
def test_a_generator_left_open_survives_a_new_event_loop(stub_server):
    generator = make_generator(stub_server)

    assert asyncio.run(generator.complete(REQUEST)).text  # never closed: its client dies with the loop
    assert complete(generator).text  # a fresh client, not the dead loop's
    gc.collect()  # the abandoned client's socket warns here, under this test's filter


def test_parse_retry_after_forms():
    assert parse_retry_after(httpx.Headers({"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    assert parse_retry_after(httpx.Headers({"retry-after": "2"})) == 2.0
    assert parse_retry_after(httpx.Headers({"retry-after": "0.5"})) == 0.5
    in_ten = email.utils.formatdate(time.time() + 10, usegmt=True)
    assert 8 <= (parse_retry_after(httpx.Headers({"retry-after": in_ten})) or 0) <= 10
    assert parse_retry_after(httpx.Headers({"retry-after": "soon"})) is None
    assert parse_retry_after(httpx.Headers()) is None


def test_retry_after_is_capped(stub_server):
    stub_server.config.script = [429]
    stub_server.config.retry_after = 120

    started = time.monotonic()
    assert complete(make_generator(stub_server, retry_after_cap=0.2)).text
    assert time.monotonic() - started < 1.0
