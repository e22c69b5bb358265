"""A loopback Ollama server: `/api/create` streaming, `/api/tags`, and the OpenAI-compatible chat.

    POST /api/create            {"model", "from", "system"?, "messages"?, "stream"?} -> NDJSON status
                                lines, chunked, ending with {"status": "success"} (or {"error": ...})
    GET  /api/tags              the models it knows
    POST /v1/chat/completions   answers for known models only (404 "model not found" otherwise)

`fail` makes `/api/create` misbehave the ways Ollama does: "stream_error" (an {"error"} line after some
progress), "truncate" (the stream ends without success), an int (that HTTP status with {"error"}).
A `from` model it does not know answers an {"error"} line, as Ollama does for a missing base.
`line_delay` spaces the status lines, as a slow create would.

    with OllamaStub(base_models={"llama3.1"}) as ollama:
        ... settings.ZEGA_OLLAMA_URL = ollama.url ...
        ollama.created["zega-alice"]          # the create request's body

Requests are answered on the server's loop thread; tests read the records under `lock`.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

from stubs.base import LoopbackServer, Request, Response
from stubs.replies import default_text

_LAYER = "using already created layer sha256:22f7f8ef5f4c791c1b03d7eb414399294764d7cc"


class OllamaStub(LoopbackServer):
    thread_name = "ollama-stub"

    def __init__(
        self, *, base_models: set[str] | None = None, fail: str | int | None = None, line_delay: float = 0.0
    ) -> None:
        super().__init__()
        self.base_models = set(base_models or {"llama3.1"})
        self.fail = fail
        self.line_delay = line_delay
        self.created: dict[str, dict] = {}
        self.requests: list[tuple[str, str, Any]] = []
        self.chat_models: list[str] = []
        self.chat_messages: list[list[dict]] = []
        self.lock = threading.Lock()

    def bad_request(self) -> Response:
        return Response(400, {"error": "malformed HTTP request"})

    async def handle(self, request: Request) -> Response:
        try:
            body = request.json()
        except ValueError:
            body = None
        with self.lock:
            self.requests.append((request.method, request.path, body))
        route = (request.method, request.path.rstrip("/"))
        if route == ("GET", "/api/tags"):
            with self.lock:
                names = sorted(self.base_models | set(self.created))
            return Response(200, {"models": [{"name": f"{n}:latest", "model": f"{n}:latest"} for n in names]})
        if route == ("POST", "/api/create"):
            return self._create(body)
        if route == ("POST", "/v1/chat/completions"):
            return self._chat(body)
        return Response(404, {"error": "404 page not found"})

    def _create(self, body: Any) -> Response:
        if not isinstance(body, dict) or not isinstance(body.get("model"), str) or not body["model"]:
            return Response(400, {"error": "model is required"})
        if isinstance(self.fail, int):
            return Response(self.fail, {"error": f"scripted failure {self.fail}"})
        return Response(
            200, headers={"Content-Type": "application/x-ndjson"}, stream=self._create_lines(body)
        )

    async def _create_lines(self, body: dict) -> AsyncIterator[bytes]:
        """Ollama's progress lines for one create; the model exists once "success" is sent."""
        lines: list[dict] = [{"status": "reading model metadata"}]
        if body.get("from") not in self.base_models:
            lines.append({"error": f"model '{body.get('from')}' not found"})
        elif self.fail == "stream_error":
            lines += [{"status": "creating system layer"}, {"error": "write manifest: no space left on device"}]
        else:
            if body.get("system"):
                lines.append({"status": "creating system layer"})
            if body.get("messages"):
                lines.append({"status": "creating messages layer"})
            lines += [{"status": _LAYER}, {"status": "writing manifest"}]
            if self.fail != "truncate":
                lines.append({"status": "success"})
        for line in lines:
            if line.get("status") == "success":
                with self.lock:
                    self.created[body["model"]] = body
            yield (json.dumps(line) + "\n").encode()
            if self.line_delay:
                await asyncio.sleep(self.line_delay)

    def _chat(self, body: Any) -> Response:
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            return Response(400, {"error": {"message": "invalid request", "type": "invalid_request_error"}})
        model = str(body.get("model"))
        with self.lock:
            known = self.base_models | set(self.created)
        if model not in known and model.removesuffix(":latest") not in known:
            message = f'model "{model}" not found, try pulling it first'
            return Response(404, {"error": {"message": message, "type": "api_error", "param": None, "code": None}})
        with self.lock:
            self.chat_models.append(model)
            self.chat_messages.append(body["messages"])
            count = len(self.chat_models)
        text = default_text(model, body["messages"], body.get("seed"))
        return Response(
            200,
            {
                "id": f"chatcmpl-{count}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": model,
                "system_fingerprint": "fp_ollama",
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 50, "completion_tokens": 120, "total_tokens": 170},
            },
        )
