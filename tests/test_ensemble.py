"""Ensemble strategies (with small fake members), one run against the stub, and the registry."""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured

from autotrain.llm import registry
from autotrain.llm.base import Completion, GenerationRequest, Generator, LLMError
from autotrain.llm.ensemble import Ensemble
from autotrain.llm.openai_compat import OpenAICompatGenerator

REQUEST = GenerationRequest(genre="fantasy", prompt="A knight meets a dragon", style_modifier="", seed=1)


@dataclass(frozen=True)
class FakeReport:
    score: float
    reject_reason: str | None
    text: str = ""


def length_scorer(text: str, request: GenerationRequest, finish_reason: str | None = None) -> FakeReport:
    """Ten characters a point, capped at 10; under 7 is rejected. Logic tests need nothing smarter."""
    score = min(10.0, len(text) / 10)
    return FakeReport(score, None if score >= 7.0 else "too_short", text)


class FakeGenerator(Generator):
    def __init__(
        self, name: str, text: str | None = None, *, error: Exception | None = None, delay: float = 0.0
    ) -> None:
        self.name = name
        self.text = text
        self.error = error
        self.delay = delay
        self.calls = 0
        self.closed = False

    async def complete(self, request: GenerationRequest) -> Completion:
        self.calls += 1
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        assert self.text is not None
        tokens = len(self.text)
        return Completion(self.text, self.name, latency=self.delay, prompt_tokens=9, completion_tokens=tokens)

    async def aclose(self) -> None:
        self.closed = True


def generate(ensemble: Ensemble, request: GenerationRequest = REQUEST):
    return asyncio.run(ensemble.generate(request))


def vote(*members: Generator) -> Ensemble:
    return Ensemble(list(members), strategy="vote", scorer=length_scorer)


def fallback(*members: Generator) -> Ensemble:
    return Ensemble(list(members), strategy="fallback", scorer=length_scorer, threshold=7.0)


# --- vote -----------------------------------------------------------------------------------------


def test_vote_picks_the_best_and_records_every_candidate_with_its_score():
    short = FakeGenerator("a", "x" * 75)
    best = FakeGenerator("b", "y" * 95)
    middle = FakeGenerator("c", "z" * 80)

    result = generate(vote(short, best, middle))

    assert result.winner is not None and result.winner.model == "b"
    assert result.winner.text == "y" * 95
    assert (result.report.score, result.report.reject_reason) == (9.5, None)
    assert [(c.model, c.score, c.error) for c in result.candidates] == [
        ("a", 7.5, None),
        ("b", 9.5, None),
        ("c", 8.0, None),
    ]
    assert result.candidates[1].completion_tokens == 95
    assert result.candidates[1].prompt_tokens == 9


def test_vote_asks_every_member_at_once():
    # Each member answers only once all three have been asked: members asked one after another would never meet (the
    # first would time out, and its failure be recorded). No clock is read, so a loaded machine cannot fail it.
    asked: list[str] = []

    class Meeting(FakeGenerator):
        async def complete(self, request: GenerationRequest) -> Completion:
            asked.append(self.name)
            async with asyncio.timeout(5):
                while len(asked) < 3:
                    await asyncio.sleep(0.01)
            return await super().complete(request)

    members = [Meeting(name, "w" * 80) for name in "abc"]
    result = generate(vote(*members))

    assert [m.calls for m in members] == [1, 1, 1]
    assert sorted(asked) == ["a", "b", "c"]
    assert [c.error for c in result.candidates] == [None, None, None]


def test_vote_tie_goes_to_the_earlier_member():
    result = generate(vote(FakeGenerator("first", "a" * 90), FakeGenerator("second", "b" * 90)))

    assert result.winner is not None and result.winner.model == "first"


def test_vote_survives_a_failing_member_and_records_the_failure():
    broken = FakeGenerator("broken", error=LLMError("HTTP 500: boom", permanent=False, model="broken"))
    crashing = FakeGenerator("crashing", error=RuntimeError("bug in a backend"))

    result = generate(vote(broken, FakeGenerator("ok", "o" * 80), crashing))

    assert result.winner is not None and result.winner.model == "ok"
    failed = {c.model: c for c in result.candidates if c.error}
    assert set(failed) == {"broken", "crashing"}
    assert failed["broken"].error == "transient: HTTP 500: boom"
    assert "RuntimeError: bug in a backend" in (failed["crashing"].error or "")
    assert failed["broken"].text is None and failed["broken"].score is None


def test_vote_with_every_member_failing_has_no_winner():
    result = generate(
        vote(
            FakeGenerator("a", error=LLMError("HTTP 401", permanent=True)),
            FakeGenerator("b", error=LLMError("timed out", permanent=False)),
        )
    )

    assert result.winner is None
    assert result.report is None
    assert [c.error for c in result.candidates] == ["permanent: HTTP 401", "transient: timed out"]


def test_vote_winner_may_be_rejected_so_the_caller_can_record_why():
    result = generate(vote(FakeGenerator("a", "tiny"), FakeGenerator("b", "small text")))

    assert result.winner is not None and result.winner.model == "b"
    assert (result.report.score, result.report.reject_reason) == (1.0, "too_short")


# --- fallback -------------------------------------------------------------------------------------


def test_fallback_stops_at_the_first_good_answer():
    first = FakeGenerator("a", "g" * 80)
    second = FakeGenerator("b", "h" * 99)
    third = FakeGenerator("c", "i" * 99)

    result = generate(fallback(first, second, third))

    assert result.winner is not None and result.winner.model == "a"
    assert [c.model for c in result.candidates] == ["a"]
    assert (second.calls, third.calls) == (0, 0)


def test_fallback_moves_on_past_a_bad_answer_and_an_error():
    bad = FakeGenerator("bad", "too short")
    down = FakeGenerator("down", error=LLMError("HTTP 503", permanent=False))
    good = FakeGenerator("good", "g" * 85)
    spare = FakeGenerator("spare", "s" * 99)

    result = generate(fallback(bad, down, good, spare))

    assert result.winner is not None and result.winner.model == "good"
    assert (result.report.score, result.report.reject_reason) == (8.5, None)
    assert [(c.model, c.error is not None) for c in result.candidates] == [
        ("bad", False),
        ("down", True),
        ("good", False),
    ]
    assert spare.calls == 0


def test_fallback_without_a_good_answer_returns_the_best_one_seen():
    members = [FakeGenerator("a", "short"), FakeGenerator("b", "a bit longer"), FakeGenerator("c", "mid")]

    result = generate(fallback(*members))

    assert result.winner is not None and result.winner.model == "b"
    assert result.report is not None and result.report.reject_reason == "too_short"
    assert len(result.candidates) == 3


def test_fallback_with_every_member_failing_has_no_winner():
    result = generate(fallback(FakeGenerator("a", error=LLMError("x", permanent=True))))

    assert result.winner is None
    assert result.candidates[0].error == "permanent: x"


# --- the ensemble object --------------------------------------------------------------------------


def test_names_members_and_aclose():
    members = [FakeGenerator("a", "x"), FakeGenerator("b", "y")]
    ensemble = vote(*members)

    asyncio.run(ensemble.aclose())

    assert ensemble.names == ["a", "b"]
    assert ensemble.members == members
    assert all(m.closed for m in members)


@pytest.mark.parametrize(
    ("members", "strategy", "message"),
    [
        ([], "vote", "at least one member"),
        ([FakeGenerator("a", "x")], "majority", "unknown ensemble strategy"),
        ([FakeGenerator("a", "x"), FakeGenerator("a", "y")], "vote", "unique"),
    ],
)
def test_invalid_ensembles_are_refused(members, strategy, message):
    with pytest.raises(ValueError, match=message):
        Ensemble(members, strategy=strategy, scorer=length_scorer)


# --- against the stub -----------------------------------------------------------------------------


def test_three_real_members_one_failing_half_the_time(stub_server):
    stub_server.config.latency = 0.05
    stub_server.config.failing_models = {"stub-c": 0.5}
    # Texts of different lengths per model, so the length scorer has a clear favourite.
    stub_server.config.text_source = lambda model, messages: {
        "stub-a": "a" * 80,
        "stub-b": "b" * 95,
        "stub-c": "c" * 99,
    }[model]
    requests = [
        GenerationRequest(genre="fantasy", prompt="p", style_modifier="", seed=i, run_id="run-9", index=i)
        for i in range(40)
    ]

    async def run_all():
        members = [
            # No retries: the flaky member's failures must show up as candidates.
            OpenAICompatGenerator(
                name=model, model=model, base_url=stub_server.base_url, api_key=None, max_retries=0, timeout=5
            )
            for model in ("stub-a", "stub-b", "stub-c")
        ]
        ensemble = Ensemble(members, strategy="vote", scorer=length_scorer)
        try:
            return await asyncio.gather(*(ensemble.generate(r) for r in requests))
        finally:
            await ensemble.aclose()

    started = time.monotonic()
    results = asyncio.run(run_all())
    elapsed = time.monotonic() - started

    assert elapsed < 3  # 40 items x 3 members at 0.05 s, concurrently
    assert all(r.winner is not None for r in results)
    winners = {r.winner.model for r in results if r.winner}
    assert winners == {"stub-b", "stub-c"}  # stub-c wins when it answers, stub-b when it does not
    flaky = [next(c for c in r.candidates if c.model == "stub-c") for r in results]
    failures = [c for c in flaky if c.error]
    assert 0 < len(failures) < 40
    assert all("500" in (c.error or "") and c.text is None for c in failures)
    assert all(len(r.candidates) == 3 for r in results)
    assert stub_server.stats.by_model == {"stub-a": 40, "stub-b": 40, "stub-c": 40}
    assert sorted(r.index for r in stub_server.stats.requests if r.model == "stub-a") == list(range(40))


# --- the registry ---------------------------------------------------------------------------------


@pytest.fixture
def llm_settings(settings):
    """Start every test from 'nothing configured'."""
    settings.ZEGA_ENSEMBLE = None
    settings.ZEGA_LLM_BASE_URL = None
    settings.ZEGA_LLM_MODELS = []
    settings.ZEGA_LLM_API_KEY = None
    settings.ZEGA_LLM_CONCURRENCY = 32
    settings.ZEGA_ENSEMBLE_STRATEGY = "vote"
    settings.ZEGA_QUALITY_THRESHOLD = 7.0
    return settings


def test_offline_voices_are_the_default(llm_settings):
    pytest.importorskip("autotrain.llm.offline")

    specs = registry.member_specs()

    assert [s["name"] for s in specs] == ["offline-template-lyric", "offline-template-noir", "offline-template-classic"]
    assert {s["kind"] for s in specs} == {"offline"}
    assert all(s.get("base_url") is None for s in registry.describe_ensemble())


def test_one_member_per_model_on_one_endpoint(llm_settings):
    llm_settings.ZEGA_LLM_BASE_URL = "http://localhost:11434/v1"
    llm_settings.ZEGA_LLM_MODELS = ["llama3.1", "qwen2.5", "llama3.1"]
    llm_settings.ZEGA_LLM_API_KEY = "sk-secret"
    llm_settings.ZEGA_LLM_CONCURRENCY = 8

    specs = registry.member_specs()

    assert specs == [
        {
            "kind": "openai",
            "name": model,
            "model": model,
            "base_url": "http://localhost:11434/v1",
            "api_key": "sk-secret",
            "max_concurrency": 8,
        }
        for model in ("llama3.1", "qwen2.5")
    ]


def test_ensemble_setting_wins_and_reads_keys_from_the_named_variables(llm_settings, monkeypatch):
    monkeypatch.setenv("GROQ_KEY", "gsk-secret")
    llm_settings.ZEGA_LLM_BASE_URL = "http://ignored/v1"
    llm_settings.ZEGA_LLM_MODELS = ["ignored"]
    llm_settings.ZEGA_LLM_API_KEY = "sk-default"
    llm_settings.ZEGA_ENSEMBLE = [
        {"name": "fast", "base_url": "https://api.groq.com/openai/v1", "model": "llama-3.1-8b",
         "api_key_env": "GROQ_KEY", "max_concurrency": 4},
        {"base_url": "http://localhost:11434/v1", "model": "qwen2.5"},
    ]

    fast, local = registry.member_specs()

    assert fast == {
        "kind": "openai",
        "name": "fast",
        "model": "llama-3.1-8b",
        "base_url": "https://api.groq.com/openai/v1",
        "api_key": "gsk-secret",
        "max_concurrency": 4,
    }
    assert (local["name"], local["api_key"], local["max_concurrency"]) == ("qwen2.5", "sk-default", 32)


def test_describe_ensemble_never_shows_keys(llm_settings):
    llm_settings.ZEGA_LLM_BASE_URL = "https://api.openai.com/v1"
    llm_settings.ZEGA_LLM_MODELS = ["gpt-4o-mini"]
    llm_settings.ZEGA_LLM_API_KEY = "sk-very-secret"

    described = registry.describe_ensemble()

    assert described == [
        {
            "name": "gpt-4o-mini",
            "kind": "openai",
            "model": "gpt-4o-mini",
            "base_url": "https://api.openai.com/v1",
        }
    ]
    assert "sk-very-secret" not in json.dumps(described)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ([], "non-empty JSON list"),
        ({"model": "m"}, "non-empty JSON list"),
        (["llama"], r"ZEGA_ENSEMBLE\[0\] must be an object"),
        ([{"base_url": "http://h/v1"}], r"ZEGA_ENSEMBLE\[0\] is missing 'model'"),
        ([{"model": "m"}], "is missing 'base_url'"),
        ([{"model": "", "base_url": "http://h/v1"}], "model must be a non-empty string"),
        ([{"model": 3, "base_url": "http://h/v1"}], "model must be a non-empty string"),
        ([{"model": "m", "base_url": "localhost:11434"}], "must start with http"),
        ([{"model": "m", "base_url": "http://h/v1", "max_concurrency": 0}], "positive integer"),
        ([{"model": "m", "base_url": "http://h/v1", "max_concurrency": "8"}], "positive integer"),
        ([{"model": "m", "base_url": "http://h/v1", "max_concurrency": True}], "positive integer"),
        ([{"model": "m", "base_url": "http://h/v1", "baseurl": "x"}], "unknown key"),
        ([{"model": "m", "base_url": "http://h/v1", "name": ""}], "name must be a non-empty string"),
        ([{"model": "m", "base_url": "http://a/v1"}, {"model": "m", "base_url": "http://b/v1"}], "twice"),
        ([{"model": "m", "base_url": "http://h/v1", "api_key_env": "ZEGA_TEST_UNSET_KEY"}], "not set"),
    ],
)
def test_invalid_ensemble_settings_are_improperly_configured(llm_settings, monkeypatch, value, message):
    monkeypatch.delenv("ZEGA_TEST_UNSET_KEY", raising=False)
    llm_settings.ZEGA_ENSEMBLE = value

    with pytest.raises(ImproperlyConfigured, match=message):
        registry.member_specs()


@pytest.mark.parametrize(
    ("base_url", "models", "message"),
    [("http://h/v1", [], "ZEGA_LLM_MODELS is empty"), (None, ["llama3.1"], "ZEGA_LLM_BASE_URL is not")],
)
def test_half_a_single_endpoint_configuration_is_refused(llm_settings, base_url, models, message):
    llm_settings.ZEGA_LLM_BASE_URL = base_url
    llm_settings.ZEGA_LLM_MODELS = models

    with pytest.raises(ImproperlyConfigured, match=message):
        registry.member_specs()


def test_unknown_backend_kind():
    with pytest.raises(ImproperlyConfigured, match="Unknown LLM backend"):
        registry.backend_class("telepathy")


def test_build_ensemble_from_settings_generates_against_the_stub(llm_settings, stub_server):
    llm_settings.ZEGA_ENSEMBLE = [
        {"name": "one", "base_url": stub_server.base_url, "model": "stub-a", "max_concurrency": 2},
        {"name": "two", "base_url": stub_server.base_url, "model": "stub-b"},
    ]
    llm_settings.ZEGA_ENSEMBLE_STRATEGY = "fallback"
    llm_settings.ZEGA_LLM_TIMEOUT = 7.0
    llm_settings.ZEGA_LLM_MAX_RETRIES = 2
    llm_settings.ZEGA_LLM_MAX_TOKENS = 300
    llm_settings.ZEGA_LLM_TEMPERATURE = 0.5
    stub_server.config.text_source = lambda model, messages: f"{model} " + "w" * 90

    async def run():
        ensemble = registry.build_ensemble(scorer=length_scorer)
        try:
            return ensemble, await ensemble.generate(REQUEST)
        finally:
            await ensemble.aclose()

    ensemble, result = asyncio.run(run())

    assert ensemble.strategy == "fallback"
    assert ensemble.threshold == 7.0
    one = ensemble.members[0]
    assert isinstance(one, OpenAICompatGenerator)
    assert (one.name, one.model, one.max_concurrency) == ("one", "stub-a", 2)
    assert (one.timeout, one.max_retries) == (7.0, 2)
    assert (one.max_tokens, one.temperature) == (300, 0.5)
    assert result.winner is not None and result.winner.model == "one"
    assert stub_server.stats.by_model == {"stub-a": 1}  # fallback: the second member was not asked


def test_build_ensemble_takes_a_run_threshold(llm_settings, stub_server):
    llm_settings.ZEGA_ENSEMBLE = [{"base_url": stub_server.base_url, "model": "stub-a"}]

    ensemble = registry.build_ensemble(scorer=length_scorer, threshold=8.5, strategy="fallback")

    assert (ensemble.threshold, ensemble.strategy) == (8.5, "fallback")


def test_build_ensemble_offline_by_default(llm_settings):
    offline = pytest.importorskip("autotrain.llm.offline")

    async def run():
        ensemble = registry.build_ensemble(scorer=length_scorer)
        try:
            return ensemble, await ensemble.generate(REQUEST)
        finally:
            await ensemble.aclose()

    ensemble, result = asyncio.run(run())

    assert ensemble.names == ["offline-template-lyric", "offline-template-noir", "offline-template-classic"]
    assert all(isinstance(m, offline.OfflineGenerator) for m in ensemble.members)
    assert [m.voice for m in ensemble.members] == [0, 1, 2]
    assert result.winner is not None and len(result.candidates) == 3
