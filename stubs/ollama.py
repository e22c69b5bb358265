"""A real loopback Ollama server for tests: `/api/create` streaming, and the OpenAI-compatible chat.

    POST /api/create            {"model", "from", "system"?, "messages"?, "stream"?} -> NDJSON status
                                lines, chunked, ending with {"status": "success"} (or {"error": ...})
    GET  /api/tags              the models it knows
    POST /v1/chat/completions   answers for known models only (404 "model not found" otherwise)

`fail` makes `/api/create` misbehave the ways Ollama does: "stream_error" (an {"error"} line after some
progress), "truncate" (the stream ends without success), an int (that HTTP status with {"error"}).
A `from` model it does not know answers an {"error"} line, as Ollama does for a missing base.

    with OllamaStub(base_models={"llama3.1"}) as ollama:
        ... settings.ZEGA_OLLAMA_URL = ollama.url ...
        ollama.created["zega-alice"]          # the create request's body
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bench.stub_server import default_text


class OllamaStub:
    def __init__(
        self, *, base_models: set[str] | None = None, fail: str | int | None = None, line_delay: float = 0.0
    ) -> None:
        self.base_models = set(base_models or {"llama3.1"})
        self.fail = fail
        self.line_delay = line_delay
        self.created: dict[str, dict] = {}
        self.requests: list[tuple[str, str, dict | None]] = []
        self.chat_models: list[str] = []
        self.chat_messages: list[list[dict]] = []
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> OllamaStub:
        stub = self

        class Handler(_Handler):
            owner = stub

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="ollama-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> OllamaStub:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: OllamaStub

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    # --- plumbing ---

    def _body(self) -> dict | None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def _json(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _chunk(self, payload: dict) -> None:
        data = (json.dumps(payload) + "\n").encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()
        if self.owner.line_delay:
            time.sleep(self.owner.line_delay)

    # --- routes ---

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        with self.owner.lock:
            self.owner.requests.append(("GET", self.path, None))
            names = sorted(self.owner.base_models | set(self.owner.created))
        if self.path.rstrip("/") == "/api/tags":
            self._json(200, {"models": [{"name": f"{n}:latest", "model": f"{n}:latest"} for n in names]})
        else:
            self._json(404, {"error": "404 page not found"})

    def do_POST(self) -> None:  # noqa: N802
        body = self._body()
        with self.owner.lock:
            self.owner.requests.append(("POST", self.path, body))
        path = self.path.rstrip("/")
        if path == "/api/create":
            self._create(body)
        elif path == "/v1/chat/completions":
            self._chat(body)
        else:
            self._json(404, {"error": "404 page not found"})

    def _create(self, body: dict | None) -> None:
        owner = self.owner
        if not isinstance(body, dict) or not isinstance(body.get("model"), str) or not body["model"]:
            self._json(400, {"error": "model is required"})
            return
        if isinstance(owner.fail, int):
            self._json(owner.fail, {"error": f"scripted failure {owner.fail}"})
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._chunk({"status": "reading model metadata"})
        base = body.get("from")
        if base not in owner.base_models:
            self._chunk({"error": f"model '{base}' not found"})
        elif owner.fail == "stream_error":
            self._chunk({"status": "creating system layer"})
            self._chunk({"error": "write manifest: no space left on device"})
        else:
            if body.get("system"):
                self._chunk({"status": "creating system layer"})
            if body.get("messages"):
                self._chunk({"status": "creating messages layer"})
            self._chunk(
                {"status": "using already created layer sha256:22f7f8ef5f4c791c1b03d7eb414399294764d7cc"}
            )
            self._chunk({"status": "writing manifest"})
            if owner.fail != "truncate":
                with owner.lock:
                    owner.created[body["model"]] = body
                self._chunk({"status": "success"})
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _chat(self, body: dict | None) -> None:
        owner = self.owner
        if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
            self._json(400, {"error": {"message": "invalid request", "type": "invalid_request_error"}})
            return
        model = str(body.get("model"))
        known = owner.base_models | set(owner.created)
        if model not in known and model.removesuffix(":latest") not in known:
            message = f'model "{model}" not found, try pulling it first'
            self._json(404, {"error": {"message": message, "type": "api_error", "param": None, "code": None}})
            return
        with owner.lock:
            owner.chat_models.append(model)
            owner.chat_messages.append(body["messages"])
        text = default_text(model, body["messages"], body.get("seed"))
        self._json(
            200,
            {
                "id": f"chatcmpl-{len(owner.chat_models)}",
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


@pytest.fixture
def ollama_stub() -> Iterator[OllamaStub]:
    with OllamaStub() as stub:
        yield stub
