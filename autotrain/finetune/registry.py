"""Which fine-tune backend makes custom models, read from `ZEGA_FINETUNE_BACKEND` (CONTRACT section 2).

Backends are imported on first use, so the offline default never imports `openai` or `httpx`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from autotrain.finetune.base import FineTuneBackend

BACKENDS: dict[str, str] = {
    "fewshot": "autotrain.finetune.fewshot.FewShotBackend",
    "openai": "autotrain.finetune.openai.OpenAIFineTuneBackend",
    "ollama": "autotrain.finetune.ollama.OllamaFineTuneBackend",
}


def backend_class(name: str) -> type[FineTuneBackend]:
    try:
        dotted = BACKENDS[name]
    except KeyError:
        raise ImproperlyConfigured(
            f"Unknown fine-tune backend {name!r}; ZEGA_FINETUNE_BACKEND must be one of {', '.join(BACKENDS)}"
        ) from None
    module_name, _, class_name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


def configured_name() -> str:
    return settings.ZEGA_FINETUNE_BACKEND


def get_backend(name: str | None = None) -> FineTuneBackend:
    """The backend called `name` (default: the configured one), set up from settings."""
    name = name or configured_name()
    # Each backend's constructor takes its own settings, so the call is typed per name, not here.
    cls: Callable[..., FineTuneBackend] = backend_class(name)
    if name == "openai":
        return cls(base_url=settings.ZEGA_FINETUNE_BASE_URL, api_key=settings.ZEGA_LLM_API_KEY)
    if name == "ollama":
        return cls(base_url=settings.ZEGA_OLLAMA_URL)
    return cls()


def base_model_for(name: str) -> str:
    """`ZEGA_FINETUNE_BASE_MODEL`, else the backend's own default."""
    return settings.ZEGA_FINETUNE_BASE_MODEL or backend_class(name).default_base_model
