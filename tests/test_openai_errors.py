"""The one reading of OpenAI-compatible failures (autotrain.llm.openai_errors): real exceptions from the
real client against the loopback stub, the same for generation, judges, embeddings and fine-tuning."""

from __future__ import annotations

import random

import httpx
import openai
import pytest

from autotrain.finetune.openai import _classify as finetune_classify
from autotrain.llm import openai_errors


def failed_call(base_url: str, *, timeout: float = 5.0) -> BaseException:
    client = openai.OpenAI(base_url=base_url, api_key="sk-test", timeout=timeout, max_retries=0)
    try:
        client.chat.completions.create(model="stub-a", messages=[{"role": "user", "content": "Hello"}])
    except openai.OpenAIError as exc:
        return exc
    finally:
        client.close()
    raise AssertionError("the call succeeded")


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_request_errors_are_permanent(stub_server, status):
    stub_server.config.script = [status]
    failure = openai_errors.classify(failed_call(stub_server.base_url))
    assert failure.permanent is True and failure.status == status
    assert failure.message.startswith(f"HTTP {status}: ")


@pytest.mark.parametrize("status", [408, 409, 500, 502, 503])
def test_timeouts_conflicts_and_server_errors_are_retryable(stub_server, status):
    stub_server.config.script = [status]
    failure = openai_errors.classify(failed_call(stub_server.base_url))
    assert failure.permanent is False and failure.status == status


def test_a_rate_limit_is_retryable_and_says_how_long_to_wait(stub_server):
    stub_server.config.script = ["429"]
    stub_server.config.retry_after = 3
    failure = openai_errors.classify(failed_call(stub_server.base_url))
    assert failure.permanent is False and failure.status == 429
    assert failure.retry_after == 3.0


def test_no_quota_left_is_a_permanent_429(stub_server):
    stub_server.config.script = ["quota"]
    failure = openai_errors.classify(failed_call(stub_server.base_url))
    assert failure.permanent is True and failure.status == 429 and "quota" in failure.message


def test_the_server_saying_whether_to_retry_overrides_the_status():
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")

    def status_error(status: int, should_retry: str) -> openai.APIStatusError:
        response = httpx.Response(status, headers={"x-should-retry": should_retry}, request=request)
        return openai.APIStatusError(f"status {status}", response=response, body=None)

    assert openai_errors.classify(status_error(503, "false")).permanent is True
    assert openai_errors.classify(status_error(400, "true")).permanent is False


def test_an_unreachable_server_and_a_hang_are_retryable(stub_server):
    refused = openai_errors.classify(failed_call("http://127.0.0.1:9/v1"), server="the fine-tuning API")
    assert refused.permanent is False and refused.message.startswith("cannot reach the fine-tuning API: ")

    stub_server.config.script = ["hang"]
    stub_server.config.hang_seconds = 5
    hung = openai_errors.classify(failed_call(stub_server.base_url, timeout=0.3), timeout=0.3)
    assert hung.permanent is False and hung.message == "timed out after 0.3s"


def test_fine_tuning_reads_failures_the_same_way(stub_server):
    for fault, permanent in (("400", True), ("quota", True), ("409", False), ("503", False)):
        stub_server.config.script = [fault]
        exc = failed_call(stub_server.base_url)
        error = finetune_classify(exc)
        assert error.permanent is openai_errors.classify(exc).permanent is permanent


def test_retry_after_forms():
    assert openai_errors.parse_retry_after(httpx.Headers({"retry-after-ms": "250", "retry-after": "9"})) == 0.25
    assert openai_errors.parse_retry_after(httpx.Headers({"retry-after": "-4"})) == 0.0
    assert openai_errors.parse_retry_after(httpx.Headers({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"})) == 0.0
    assert openai_errors.parse_retry_after(None) is None


def test_backoff_doubles_up_to_its_cap_with_equal_jitter():
    rng = random.Random(7)
    assert [openai_errors.backoff_step(n, base=0.5, cap=8.0) for n in range(6)] == [0.5, 1, 2, 4, 8, 8]
    for attempt in range(8):
        step = openai_errors.backoff_step(attempt, base=0.5, cap=8.0)
        assert step / 2 <= openai_errors.backoff(attempt, base=0.5, cap=8.0, rng=rng) <= step
    waits = [openai_errors.retry_after_delay(2.0, rng=rng) for _ in range(50)]
    assert all(2.0 <= wait <= 2.2 for wait in waits) and len(set(waits)) > 1
