"""The loopback OpenAI-compatible stub: shapes, latency under concurrency, limits, faults, counters,
and the CLI."""

from __future__ import annotations

import asyncio
import base64
import json
import math
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import openai
import pytest

from stubs.openai import StubConfig, StubServer
from stubs.replies import parse_story_request
from tests.helpers import chat_body, post_chat


def test_chat_completion_has_the_openai_shape(stub_server):
    response = post_chat(stub_server)

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    data = response.json()
    assert data["id"].startswith("chatcmpl-")
    assert data["object"] == "chat.completion"
    assert isinstance(data["created"], int)
    assert data["model"] == "stub-a"
    [choice] = data["choices"]
    assert choice["index"] == 0
    assert choice["finish_reason"] == "stop"
    assert choice["message"]["role"] == "assistant"
    usage = data["usage"]
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"] > 0


def test_text_is_story_prose_and_deterministic_per_model_and_prompt(stub_server):
    def text(model: str, seed: int = 7) -> str:
        return post_chat(stub_server, chat_body(model, seed=seed)).json()["choices"][0]["message"]["content"]

    first = text("stub-a")
    paragraphs = [p for p in first.split("\n\n") if p.strip()]
    assert 2 <= len(paragraphs) <= 4
    assert 300 <= len(first) <= 1000
    assert not first.lstrip().startswith(("#", "-", "{", "Sure"))
    assert text("stub-a") == first  # same model, same message, same seed: same text
    assert text("stub-b") != first
    assert text("stub-a", seed=8) != first


def test_the_offline_client_message_format_is_understood():
    fields = parse_story_request(
        "Genre: sci-fi\nPrompt: First contact\nStyle: Use vivid sensory details\n\n"
        "Passages:\n<example>\nOne.\n\nTwo.\n</example>\n<example>\nThree.\n</example>"
    )
    assert fields == {
        "genre": "sci_fi",
        "prompt": "First contact",
        "style_modifier": "Use vivid sensory details",
        "context": ("One.\n\nTwo.", "Three."),
    }


def test_text_source_decides_what_a_model_writes(stub_server):
    stub_server.config.text_source = lambda model, messages: f"{model} says: {messages[-1]['content'][:5]}"

    data = post_chat(stub_server, chat_body("m1", "Hello there")).json()

    assert data["choices"][0]["message"]["content"] == "m1 says: Hello"


def test_max_tokens_cuts_the_text_with_finish_reason_length(stub_server):
    data = post_chat(stub_server, chat_body(max_tokens=20)).json()

    assert data["choices"][0]["finish_reason"] == "length"
    assert len(data["choices"][0]["message"]["content"]) <= 80
    assert data["usage"]["completion_tokens"] <= 20


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "/chat/completions", chat_body(stream=True), 400),
        ("POST", "/chat/completions", {"model": "m", "messages": []}, 400),
        ("POST", "/chat/completions", {"messages": [{"role": "user", "content": "x"}]}, 400),
        ("POST", "/nowhere", {}, 404),
        ("GET", "/chat/completions", None, 404),
    ],
)
def test_bad_requests_answer_json_errors(stub_server, method, path, body, status):
    response = httpx.request(method, stub_server.base_url + path, json=body, timeout=5)

    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"message", "type", "code"}
    assert error["message"]


def test_invalid_json_body_is_400(stub_server):
    response = httpx.post(f"{stub_server.base_url}/chat/completions", content=b"{nope", timeout=5)

    assert response.status_code == 400
    assert "JSON" in response.json()["error"]["message"]


def test_unknown_model_is_404_and_wrong_key_is_401(stub_server):
    stub_server.config.known_models = {"stub-a"}
    stub_server.config.api_key = "sk-right"
    right = {"Authorization": "Bearer sk-right"}

    assert post_chat(stub_server, chat_body("stub-a"), headers=right).status_code == 200
    missing = post_chat(stub_server, chat_body("gpt-nope"), headers=right)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "model_not_found"
    wrong = post_chat(stub_server, chat_body("stub-a"), headers={"Authorization": "Bearer sk-wrong"})
    assert wrong.status_code == 401


def test_models_lists_known_models(stub_server):
    stub_server.config.known_models = {"llama3.1", "qwen2.5"}

    data = httpx.get(f"{stub_server.base_url}/models", timeout=5).json()

    assert data["object"] == "list"
    assert [m["id"] for m in data["data"]] == ["llama3.1", "qwen2.5"]


def test_embeddings_are_deterministic_unit_vectors_and_batches_are_recorded(stub_server):
    body = {"model": "embed", "input": ["a dragon in the valley", "a dragon in the valley", "spaceship"]}

    data = httpx.post(f"{stub_server.base_url}/embeddings", json=body, timeout=5).json()

    vectors = [item["embedding"] for item in data["data"]]
    assert [item["index"] for item in data["data"]] == [0, 1, 2]
    assert all(len(v) == 64 for v in vectors)
    assert all(math.isclose(math.sqrt(sum(x * x for x in v)), 1.0) for v in vectors)
    assert vectors[0] == vectors[1] != vectors[2]
    assert data["usage"]["prompt_tokens"] > 0
    httpx.post(f"{stub_server.base_url}/embeddings", json={"model": "embed", "input": "one"}, timeout=5)
    assert stub_server.stats.embedding_batches == [3, 1]


def test_embeddings_work_through_the_openai_client_base64_default(stub_server):
    async def embed() -> list[list[float]]:
        async with openai.AsyncOpenAI(base_url=stub_server.base_url, api_key="x", max_retries=0) as client:
            result = await client.embeddings.create(model="embed", input=["red moon", "red moon rising"])
        return [item.embedding for item in result.data]

    first, second = asyncio.run(embed())

    assert len(first) == 64
    similarity = sum(a * b for a, b in zip(first, second, strict=True))
    assert 0.3 < similarity < 1.0  # shared words make the vectors close, not equal
    raw = httpx.post(
        f"{stub_server.base_url}/embeddings",
        json={"model": "embed", "input": "red moon", "encoding_format": "base64"},
        timeout=5,
    ).json()
    assert len(base64.b64decode(raw["data"][0]["embedding"])) == 64 * 4  # float32


def test_latency_is_served_concurrently_not_one_at_a_time(stub_server):
    stub_server.config.latency = 0.2

    async def burst() -> float:
        async with httpx.AsyncClient(base_url=stub_server.base_url, timeout=10) as client:
            started = time.monotonic()
            responses = await asyncio.gather(
                *(client.post("/chat/completions", json=chat_body(seed=i)) for i in range(50))
            )
            elapsed = time.monotonic() - started
        assert all(r.status_code == 200 for r in responses)
        return elapsed

    elapsed = asyncio.run(burst())

    assert 0.2 <= elapsed < 2.5  # serialized it would take 50 x 0.2 = 10 s
    assert stub_server.stats.max_in_flight > 25
    assert stub_server.stats.by_status[200] == 50


def test_max_in_flight_queues_requests_beyond_it(stub_server):
    stub_server.config.latency = 0.1
    stub_server.config.max_in_flight = 4

    async def burst() -> float:
        async with httpx.AsyncClient(base_url=stub_server.base_url, timeout=10) as client:
            started = time.monotonic()
            await asyncio.gather(*(client.post("/chat/completions", json=chat_body()) for _ in range(12)))
            return time.monotonic() - started

    elapsed = asyncio.run(burst())

    assert elapsed >= 0.3  # 12 requests, 4 at a time, 0.1 s each: at least three rounds
    assert stub_server.stats.by_status[200] == 12


def test_rpm_limit_answers_429_with_retry_after(stub_server):
    stub_server.config.rpm_limit = 3

    statuses = [post_chat(stub_server) for _ in range(5)]

    assert [r.status_code for r in statuses] == [200, 200, 200, 429, 429]
    limited = statuses[3]
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.json()["error"]["code"] == "rate_limit_exceeded"
    stub_server.config.rpm_limit = None
    assert post_chat(stub_server).status_code == 200


def test_fault_switches_can_be_flipped_while_running(stub_server):
    stub_server.config.rate_500 = 1.0
    assert post_chat(stub_server).status_code == 500
    stub_server.config.rate_500 = 0.0
    stub_server.config.rate_503 = 1.0
    assert post_chat(stub_server).status_code == 503
    stub_server.config.rate_503 = 0.0
    stub_server.config.rate_429 = 1.0
    stub_server.config.retry_after = 0.25
    limited = post_chat(stub_server)
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "0.25"
    stub_server.config.rate_429 = 0.0

    assert post_chat(stub_server).status_code == 200
    assert dict(stub_server.stats.by_status) == {500: 1, 503: 1, 429: 1, 200: 1}


def test_malformed_and_empty_choice_faults(stub_server):
    stub_server.config.rate_malformed = 1.0
    malformed = post_chat(stub_server)
    assert malformed.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(malformed.content)

    stub_server.config.rate_malformed = 0.0
    stub_server.config.rate_empty_choice = 1.0
    empty = post_chat(stub_server)
    assert empty.status_code == 200
    assert empty.json()["choices"] == []


def test_fault_rates_are_probabilities_with_a_seeded_rng(stub_server):
    stub_server.config.rate_500 = 0.5
    with httpx.Client(base_url=stub_server.base_url, timeout=5) as client:

        def statuses() -> list[int]:
            stub_server.reseed(123)
            return [client.post("/chat/completions", json=chat_body()).status_code for _ in range(40)]

        first, second = statuses(), statuses()

    assert first == second
    assert 8 <= first.count(500) <= 32


def test_failing_models_fail_only_themselves(stub_server):
    stub_server.config.failing_models = {"flaky": 1.0}

    assert post_chat(stub_server, chat_body("flaky")).status_code == 500
    assert post_chat(stub_server, chat_body("steady")).status_code == 200


def test_hang_outlasts_a_client_timeout_and_stop_does_not_wait_for_it():
    stub = StubServer(StubConfig(rate_hang=1.0, hang_seconds=30)).start()
    try:
        started = time.monotonic()
        with pytest.raises(httpx.ReadTimeout):
            httpx.post(f"{stub.base_url}/chat/completions", json=chat_body(), timeout=0.3)
        assert time.monotonic() - started < 2
    finally:
        stopping = time.monotonic()
        stub.stop()
    assert time.monotonic() - stopping < 3


def test_counters_and_item_ids(stub_server):
    post_chat(stub_server, chat_body("stub-a"), headers={"X-Zega-Item": "run-42:7"})
    post_chat(stub_server, chat_body("stub-b"))
    httpx.get(f"{stub_server.base_url}/models", timeout=5)

    stats = stub_server.stats.snapshot()
    assert stats["total"] == 3
    assert stats["by_model"] == {"stub-a": 1, "stub-b": 1}
    assert stats["by_status"] == {200: 3}
    assert stats["in_flight"] == 0
    tagged, untagged = stats["requests"][:2]
    assert (tagged.model, tagged.run_id, tagged.index, tagged.status) == ("stub-a", "run-42", 7, 200)
    assert (untagged.run_id, untagged.index) == (None, None)

    stub_server.reset_stats()
    assert stub_server.stats.total == 0
    assert stub_server.stats.requests == []


def test_keep_alive_serves_many_requests_on_one_connection(stub_server):
    with httpx.Client(base_url=stub_server.base_url, timeout=5) as client:
        for _ in range(5):
            assert client.post("/chat/completions", json=chat_body()).status_code == 200

    assert stub_server.stats.total == 5


def test_cli_serves_until_terminated():
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "stubs", "--port", "0", "--latency", "0.01"],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        base_url = banner.strip().rsplit(" ", 1)[-1]
        assert base_url.startswith("http://127.0.0.1:")
        response = httpx.post(f"{base_url}/chat/completions", json=chat_body(), timeout=5)
        assert response.status_code == 200
        process.send_signal(signal.SIGTERM)
        out, _ = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert json.loads(out.strip().splitlines()[-1])["total"] == 1
