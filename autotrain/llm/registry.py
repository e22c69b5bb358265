"""Which generators make up the ensemble, read from settings (CONTRACT section 2).

Three ways to configure it, first match wins:
1. `ZEGA_ENSEMBLE`: a JSON list of members, each on its own endpoint;
2. `ZEGA_LLM_BASE_URL` + `ZEGA_LLM_MODELS`: one member per model on one endpoint;
3. neither: the offline writer's voices (no network, no key).

A member spec is a plain dict: `kind` (a key of BACKENDS), `name`, `model`, `base_url`, and the rest of
the backend's constructor arguments. Specs may hold an API key: show them through `describe_ensemble`,
which leaves secrets out. Backends are imported on first use so the offline path never imports `openai`.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import importlib
import json
import logging
import os
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from autotrain.llm.base import Generator
from autotrain.llm.ensemble import Ensemble, Scorer

logger = logging.getLogger(__name__)

BACKENDS: dict[str, str] = {
    "offline": "autotrain.llm.offline.OfflineGenerator",
    "openai": "autotrain.llm.openai_compat.OpenAICompatGenerator",
}

_MEMBER_KEYS = {"name", "base_url", "model", "api_key_env", "max_concurrency", "rpm"}
# Spec keys that describe a member but are not constructor arguments of its backend.
_DESCRIPTIVE_ONLY = {"offline": {"model"}, "openai": set()}


@functools.cache
def backend_class(kind: str) -> type[Generator]:
    try:
        dotted = BACKENDS[kind]
    except KeyError:
        raise ImproperlyConfigured(f"Unknown LLM backend {kind!r}; known: {', '.join(BACKENDS)}") from None
    module_name, _, class_name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


def member_specs() -> list[dict[str, Any]]:
    if settings.ZEGA_ENSEMBLE is not None:
        return _ensemble_setting_specs(settings.ZEGA_ENSEMBLE)
    base_url = settings.ZEGA_LLM_BASE_URL
    models = _model_names(settings.ZEGA_LLM_MODELS)
    if base_url and models:
        return [
            {
                "kind": "openai",
                "name": model,
                "model": model,
                "base_url": base_url,
                "api_key": settings.ZEGA_LLM_API_KEY,
                "max_concurrency": settings.ZEGA_LLM_CONCURRENCY,
                **_rpm_option(settings.ZEGA_LLM_RPM),
            }
            for model in models
        ]
    # Half a configuration is a mistake; silently generating offline text instead would hide it.
    if base_url:
        raise ImproperlyConfigured(
            "ZEGA_LLM_BASE_URL is set but ZEGA_LLM_MODELS is empty: "
            "name the model(s) to use, comma-separated"
        )
    if models:
        raise ImproperlyConfigured(
            "ZEGA_LLM_MODELS is set but ZEGA_LLM_BASE_URL is not: "
            "set the endpoint, e.g. https://api.openai.com/v1"
        )
    return _offline_specs()


def build_member(spec: dict[str, Any]) -> Generator:
    """One generator from a spec. Call it inside the event loop that will use the member."""
    kind = spec["kind"]
    options = {
        k: v for k, v in spec.items() if k not in ("kind", "role") and k not in _DESCRIPTIVE_ONLY.get(kind, ())
    }
    return backend_class(kind)(**options, **_client_options(spec))


def _client_options(spec: dict[str, Any]) -> dict[str, Any]:
    """What settings add to an `openai` spec: a writer's retries and sampling, or a judge's.

    A judge is asked at most twice per item by the jury (autotrain.llm.jury), so its client does not
    retry on its own, and it samples at temperature 0: the same texts get the same judgement.
    """
    if spec["kind"] != "openai":
        return {}
    if spec.get("role") == "judge":
        from autotrain.llm.jury import JUDGE_MAX_TOKENS

        return {"timeout": settings.ZEGA_LLM_TIMEOUT, "max_retries": 0, "max_tokens": JUDGE_MAX_TOKENS, "temperature": 0.0}
    return {
        "timeout": settings.ZEGA_LLM_TIMEOUT,
        "max_retries": settings.ZEGA_LLM_MAX_RETRIES,
        "max_tokens": settings.ZEGA_LLM_MAX_TOKENS,
        "temperature": settings.ZEGA_LLM_TEMPERATURE,
    }


def build_ensemble(
    *,
    scorer: Scorer,
    strategy: str | None = None,
    threshold: float | None = None,
    judge_threshold: float | None = None,
    shared: bool = False,
    with_jury: bool = True,
) -> Ensemble:
    """The configured ensemble. Call it inside the event loop that will use it.

    `strategy` and `threshold` default to the settings; a run passes its own recorded threshold.
    `shared=True` reuses this process's members (see `shared_members`); closing the ensemble then
    leaves them open. `with_jury=False`: no jury picks the winner, the heuristics do.
    """
    members = shared_members() if shared else [build_member(spec) for spec in member_specs()]
    return Ensemble(
        members,
        strategy=strategy or settings.ZEGA_ENSEMBLE_STRATEGY,
        scorer=scorer,
        threshold=settings.ZEGA_QUALITY_THRESHOLD if threshold is None else threshold,
        owns_members=not shared,
        jury=build_jury(threshold=judge_threshold, shared=shared) if with_jury else None,
    )


def judge_specs() -> list[dict[str, Any]]:
    """The jury's judges (CONTRACT section 5): `ZEGA_JUDGE`, else `ZEGA_JUDGE_MODELS` on the LLM
    endpoint, else none (no jury)."""
    if settings.ZEGA_JUDGE is not None:
        specs = _ensemble_setting_specs(
            settings.ZEGA_JUDGE, setting="ZEGA_JUDGE", concurrency=settings.ZEGA_JUDGE_CONCURRENCY
        )
    else:
        models = _model_names(settings.ZEGA_JUDGE_MODELS)
        if not models:
            return []
        if not settings.ZEGA_LLM_BASE_URL:
            raise ImproperlyConfigured(
                "ZEGA_JUDGE_MODELS is set but ZEGA_LLM_BASE_URL is not: set the judges' endpoint, "
                "or describe each judge with its base_url in ZEGA_JUDGE"
            )
        specs = [
            {
                "kind": "openai",
                "name": model,
                "model": model,
                "base_url": settings.ZEGA_LLM_BASE_URL,
                "api_key": settings.ZEGA_LLM_API_KEY,
                "max_concurrency": settings.ZEGA_JUDGE_CONCURRENCY,
                **_rpm_option(settings.ZEGA_LLM_RPM),
            }
            for model in models
        ]
    return [{**spec, "role": "judge"} for spec in specs]


def build_jury(*, threshold: float | None = None, shared: bool = False):  # -> Jury | None
    """The configured jury, or None without judges. Call it inside the event loop that will use it."""
    specs = judge_specs()
    if not specs:
        return None
    from autotrain.llm.jury import Jury

    judges = [_shared_member(spec) if shared else build_member(spec) for spec in specs]
    return Jury(
        judges,  # type: ignore[arg-type]  # openai members have chat()
        threshold=settings.ZEGA_JUDGE_THRESHOLD if threshold is None else threshold,
        owns_judges=not shared,
    )


def describe_jury() -> list[dict[str, Any]]:
    """The judges as JSON-safe dicts (recorded on each run), never keys."""
    return [
        {"name": spec["name"], "model": spec["model"], "base_url": spec["base_url"]} for spec in judge_specs()
    ]


# Members reused across chunks, keyed by everything they are built from: a member keeps its HTTP client
# (open connections), its concurrency limit and what its rate limiter learned from one chunk to the
# next, instead of reconnecting and relearning for every 50 items. A changed setting is another key.
_SHARED_LIMIT = 16
_shared: collections.OrderedDict[str, Generator] = collections.OrderedDict()


def _spec_key(spec: dict[str, Any]) -> str:
    return json.dumps({**spec, **_client_options(spec)}, sort_keys=True, default=str)


def shared_members() -> list[Generator]:
    """This process's members for the current settings, built on first use and then reused.

    Call it inside the event loop that will use them (autotrain.llm.stream's generation loop).
    """
    return [_shared_member(spec) for spec in member_specs()]


def model_member(*, model: str, base_url: str, api_key: str | None, shared: bool = False) -> Generator:
    """One model on an OpenAI-compatible endpoint, outside the ensemble (a custom model, its base),
    with a writer's client options and the members' concurrency limit. `shared=True`: this process's
    member for it, reused across chunks like the ensemble's. Call it inside the loop that will use it."""
    spec = {
        "kind": "openai",
        "name": model,
        "model": model,
        "base_url": base_url,
        "api_key": api_key,
        "max_concurrency": settings.ZEGA_LLM_CONCURRENCY,
        **_rpm_option(settings.ZEGA_LLM_RPM),
    }
    return _shared_member(spec) if shared else build_member(spec)


def _shared_member(spec: dict[str, Any]) -> Generator:
    key = _spec_key(spec)
    member = _shared.get(key)
    if member is None:
        member = _shared[key] = build_member(spec)
    _shared.move_to_end(key)
    while len(_shared) > _SHARED_LIMIT:  # settings changed many times (tests): close the oldest
        _, stale = _shared.popitem(last=False)
        _close_soon(stale)
    return member


def _close_soon(member: Generator) -> None:
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return  # no loop: its client (if any) belongs to a loop that is gone
    task = loop.create_task(member.aclose())
    task.add_done_callback(_log_close_failure)


def _log_close_failure(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.warning("closing a shared ensemble member failed: %r", task.exception())


async def aclose_shared_members() -> None:
    """Close and forget the shared members (at exit, inside the loop they were used in)."""
    members = list(_shared.values())
    _shared.clear()
    results = await asyncio.gather(*(m.aclose() for m in members), return_exceptions=True)
    for member, result in zip(members, results, strict=True):
        if isinstance(result, Exception):
            logger.warning("closing %r failed: %r", member, result)


def describe_ensemble() -> list[dict[str, Any]]:
    """The members as JSON-safe dicts (recorded on each run): names, kinds, models, URLs; never keys."""
    return [
        {
            "name": spec["name"],
            "kind": spec["kind"],
            "model": spec.get("model", spec["name"]),
            "base_url": spec.get("base_url"),
        }
        for spec in member_specs()
    ]


# --- the three configuration forms ----------------------------------------------------------------


def _model_names(value: str | Iterable[object] | None) -> list[str]:
    names: Iterable[object] = value.split(",") if isinstance(value, str) else list[object](value or [])
    folded: list[str] = []
    for name in (str(n).strip() for n in names):
        if name and name not in folded:  # a repeated model would be a second, identical voter
            folded.append(name)
    return folded


def _ensemble_setting_specs(
    entries: object, *, setting: str = "ZEGA_ENSEMBLE", concurrency: int | None = None
) -> list[dict[str, Any]]:
    if not isinstance(entries, list) or not entries:
        raise ImproperlyConfigured(f"{setting} must be a non-empty JSON list of members")
    specs: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries):
        where = f"{setting}[{position}]"
        if not isinstance(entry, dict):
            raise ImproperlyConfigured(f'{where} must be an object like {{"model": ..., "base_url": ...}}')
        unknown = sorted(set(entry) - _MEMBER_KEYS)
        if unknown:
            raise ImproperlyConfigured(
                f"{where} has unknown key(s) {', '.join(unknown)}; "
                f"allowed: {', '.join(sorted(_MEMBER_KEYS))}"
            )
        model = _required_text(entry, "model", where)
        base_url = _required_text(entry, "base_url", where)
        if not base_url.startswith(("http://", "https://")):
            raise ImproperlyConfigured(
                f"{where}: base_url must start with http:// or https://, not {base_url!r}"
            )
        name = entry.get("name", model)
        if not isinstance(name, str) or not name.strip():
            raise ImproperlyConfigured(f"{where}: name must be a non-empty string")
        name = name.strip()
        if name in seen:
            raise ImproperlyConfigured(
                f"{where}: the name {name!r} is used twice; give each member its own name"
            )
        seen.add(name)
        specs.append(
            {
                "kind": "openai",
                "name": name,
                "model": model,
                "base_url": base_url,
                "api_key": _api_key(entry, where),
                "max_concurrency": _concurrency(entry, where, concurrency),
                **_rpm_option(_rpm(entry, where)),
            }
        )
    return specs


def _required_text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if value is None:
        raise ImproperlyConfigured(f"{where} is missing {key!r}")
    if not isinstance(value, str) or not value.strip():
        raise ImproperlyConfigured(f"{where}: {key} must be a non-empty string, not {value!r}")
    return value.strip()


def _api_key(entry: dict, where: str) -> str | None:
    variable = entry.get("api_key_env")
    if variable is None:
        return settings.ZEGA_LLM_API_KEY  # same key as the single-endpoint form, or none (local servers)
    if not isinstance(variable, str) or not variable.strip():
        raise ImproperlyConfigured(f"{where}: api_key_env must be the name of an environment variable")
    key = os.environ.get(variable.strip())
    if not key:
        raise ImproperlyConfigured(
            f"{where}: api_key_env names {variable!r}, which is not set in the environment"
        )
    return key


def _concurrency(entry: dict, where: str, default: int | None = None) -> int:
    value = entry.get("max_concurrency", default or settings.ZEGA_LLM_CONCURRENCY)
    # bool is an int in Python; `true` is not a concurrency.
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ImproperlyConfigured(f"{where}: max_concurrency must be a positive integer, not {value!r}")
    return value


def _rpm_option(rpm: float | None) -> dict[str, float]:
    # Only when set: no rpm means the member learns its limit from the server.
    return {"rpm": rpm} if rpm else {}


def _rpm(entry: dict, where: str) -> float | None:
    value = entry.get("rpm", settings.ZEGA_LLM_RPM)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ImproperlyConfigured(f"{where}: rpm must be a positive number of requests per minute, not {value!r}")
    return value


def _offline_specs() -> list[dict[str, Any]]:
    from autotrain.llm import offline  # the offline writer owns its voices

    return [
        {"kind": "offline", "name": voice.name, "model": voice.name, "voice": voice.voice}
        for voice in offline.default_voices()
    ]
