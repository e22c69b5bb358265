"""The per-member rate limiter: where its limit comes from, how the remaining budget steers it, and a
member learning the limit from a real (loopback) server's headers. No wall-clock assertions: pacing is
checked through the limiter's own schedule, so a busy machine cannot make these flaky."""

from __future__ import annotations

import asyncio

import pytest

from autotrain.llm.base import GenerationRequest
from autotrain.llm.openai_compat import OpenAICompatGenerator
from autotrain.llm.ratelimit import FLOOR_SHARE, RESERVE_SHARE, RateLimiter

REQUEST = GenerationRequest(genre="mystery", prompt="A letter arrives twenty years late", style_modifier="")


def test_no_limit_known_means_no_pacing():
    limiter = RateLimiter()

    assert limiter.rpm is None
    assert limiter.rate(0.0) is None
    asyncio.run(limiter.acquire())  # returns at once
    assert limiter._next == 0.0


def test_a_configured_limit_spaces_requests_evenly():
    limiter = RateLimiter(rpm=600)

    async def three() -> tuple[float, float]:
        loop = asyncio.get_running_loop()
        started = loop.time()
        for _ in range(3):
            await limiter.acquire()
        return started, loop.time()

    started, finished = asyncio.run(three())
    assert limiter.rate(finished) == pytest.approx(10.0)
    # The first went at once, the other two 0.1 s apart (a lower bound: sleeps never end early) ...
    assert finished - started >= 0.2 - 1e-3
    # ... and the next slot is one interval after the last request.
    assert 0 < limiter._next - finished <= 0.1 + 1e-6


def test_the_configured_limit_wins_over_the_servers():
    limiter = RateLimiter(rpm=120)
    limiter.observe({"x-ratelimit-limit-requests": "6000"}, now=0.0)

    assert limiter.rpm == 120


def test_the_limit_is_learned_from_headers_and_the_remaining_budget_slows_the_pace():
    limiter = RateLimiter()
    limiter.observe({"x-ratelimit-limit-requests": "600", "x-ratelimit-remaining-requests": "500"}, now=10.0)

    assert limiter.rpm == 600
    assert limiter.rate(10.0) == pytest.approx(10.0)  # plenty left: full pace

    reserve = 600 * RESERVE_SHARE
    limiter.observe({"x-ratelimit-remaining-requests": str(int(reserve / 2))}, now=11.0)
    assert limiter.rate(11.0) == pytest.approx(5.0)  # half the reserve left: half the pace

    limiter.observe({"x-ratelimit-remaining-requests": "0"}, now=12.0)
    assert limiter.rate(12.0) == pytest.approx(10.0 * FLOOR_SHARE)  # never stops altogether
    assert limiter.rate(30.0) == pytest.approx(10.0)  # an old reading says nothing about now


def test_garbage_headers_are_ignored():
    limiter = RateLimiter()
    limiter.observe({"x-ratelimit-limit-requests": "lots", "x-ratelimit-remaining-requests": "-3"}, now=0.0)

    assert limiter.rpm is None
    assert limiter.rate(0.0) is None


def test_a_429_without_headers_takes_what_got_through_in_the_last_minute_as_the_limit():
    limiter = RateLimiter()
    limiter.answered(now=20.0)  # more than a minute before the 429: not counted
    for second in range(50):
        limiter.answered(now=100.0 + second)

    limiter.rate_limited(now=150.0)

    assert limiter.rpm == 50
    assert limiter.rate(150.0) == pytest.approx(50 / 60 * FLOOR_SHARE)  # and nothing left right now


def test_an_early_429_after_a_few_answers_teaches_no_limit():
    # A transient 429 a few seconds in must not pace the member at a handful of requests a minute.
    limiter = RateLimiter()
    for tenth in range(5):
        limiter.answered(now=100.0 + tenth / 10)
    limiter.rate_limited(now=101.0)
    assert limiter.rpm is None


def test_rpm_must_be_positive():
    with pytest.raises(ValueError):
        RateLimiter(rpm=0)


def test_a_member_learns_the_servers_limit_and_paces_itself(stub_server):
    stub_server.config.rpm_limit = 600
    generator = OpenAICompatGenerator(name="m", model="stub-a", base_url=stub_server.base_url, api_key=None)

    async def run() -> None:
        try:
            await asyncio.gather(*(generator.complete(REQUEST) for _ in range(5)))
        finally:
            await generator.aclose()

    asyncio.run(run())

    assert generator.limiter.rpm == 600
    assert generator.limiter._remaining == 600 - 5
    assert stub_server.stats.by_status[200] == 5


def test_a_configured_member_limit_paces_against_a_real_server(stub_server):
    generator = OpenAICompatGenerator(
        name="m", model="stub-a", base_url=stub_server.base_url, api_key=None, rpm=60
    )

    async def run() -> float:
        try:
            for _ in range(2):
                await generator.complete(REQUEST)
            return asyncio.get_running_loop().time()
        finally:
            await generator.aclose()

    finished = asyncio.run(run())

    # The second request waited for its slot, a second after the first: the next free slot is ahead.
    assert generator.limiter._next > finished
    assert stub_server.stats.by_status[200] == 2
