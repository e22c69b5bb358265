"""A custom model on an Ollama server: `POST /api/create` from a base model with a system prompt and
few-shot messages (the user's best examples, chosen as the fewshot backend chooses them).

    POST /api/create {"model": "zega-<user>", "from": <base>, "system": ..., "messages": [...]}
    -> a stream of JSON lines {"status": "..."} ending with {"status": "success"}, or {"error": "..."}

The model then answers on Ollama's OpenAI-compatible endpoint (`<ZEGA_OLLAMA_URL>/v1`) under its name.
Creating from an existing model only writes small layers, so the call finishes within the task.
"""

from __future__ import annotations

import json
import re

import httpx

from autotrain.finetune.base import SUCCEEDED, Event, FineTuneBackend, FineTuneError, JobSpec, Progress
from autotrain.finetune.dataset import Dataset, user_turn
from autotrain.finetune.fewshot import artifact_for, select_examples

# "using already created layer sha256:..." lines add nothing after the first few.
MAX_STATUS_EVENTS = 20


class OllamaFineTuneBackend(FineTuneBackend):
    name = "ollama"
    default_base_model = "llama3.1"
    base_model_help = "the model on the Ollama server the custom model is created FROM (e.g. llama3.1)"

    def __init__(self, *, base_url: str, timeout: float = 600.0, connect_timeout: float = 10.0) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = httpx.Timeout(timeout, connect=connect_timeout)

    def model_name_for(self, username: str) -> str:
        # Ollama names take letters, digits, _ . and -; usernames may also hold @ and +.
        return "zega-" + re.sub(r"[^A-Za-z0-9_.-]", "-", username)

    def start(self, *, spec: JobSpec, dataset: Dataset) -> Progress:
        examples = select_examples(dataset.records)
        messages = []
        for record in examples:
            messages.append(
                {
                    "role": "user",
                    "content": user_turn(
                        genre=record.genre, prompt=record.prompt, style_modifier=record.style_modifier
                    ),
                }
            )
            messages.append({"role": "assistant", "content": record.text})
        body = {
            "model": spec.model_name,
            "from": spec.base_model,
            "system": dataset.system,
            "messages": messages,
            "stream": True,
        }
        events = [Event(f"Creating {spec.model_name} from {spec.base_model} with {len(examples)} examples")]
        events += self._create(body)
        return Progress(
            status=SUCCEEDED,
            model_name=spec.model_name,
            events=events,
            artifact=artifact_for(dataset, examples),
        )

    def _create(self, body: dict) -> list[Event]:
        events: list[Event] = []
        try:
            with httpx.Client(base_url=self.base_url, timeout=self.timeout) as client:
                with client.stream("POST", "/api/create", json=body) as response:
                    if response.status_code != 200:
                        response.read()
                        raise FineTuneError(
                            f"HTTP {response.status_code}: {_error_of(response.text)}",
                            # The server's own trouble may pass; a refused request will not.
                            permanent=response.status_code < 500 and response.status_code not in (408, 429),
                        )
                    for line in response.iter_lines():
                        if not line.strip():
                            continue
                        try:
                            update = json.loads(line)
                        except ValueError:
                            raise FineTuneError(
                                f"not a JSON status line: {line[:200]!r}", permanent=False
                            ) from None
                        if not isinstance(update, dict):
                            raise FineTuneError(f"not a JSON status line: {line[:200]!r}", permanent=False)
                        if update.get("error"):
                            raise FineTuneError(f"Ollama: {update['error']}", permanent=True)
                        status = str(update.get("status", ""))
                        if len(events) < MAX_STATUS_EVENTS:
                            events.append(Event(f"Ollama: {status}"))
                        if status == "success":
                            return events
        except httpx.TimeoutException as exc:
            raise FineTuneError(f"Ollama at {self.base_url} timed out: {exc!r}", permanent=False) from exc
        except httpx.TransportError as exc:
            raise FineTuneError(f"cannot reach Ollama at {self.base_url}: {exc!r}", permanent=False) from exc
        raise FineTuneError("the create stream ended before Ollama reported success", permanent=False)


def _error_of(text: str) -> str:
    try:
        document = json.loads(text)
    except ValueError:
        return text[:300] or "no body"
    if isinstance(document, dict) and document.get("error"):
        return str(document["error"])
    return text[:300]
