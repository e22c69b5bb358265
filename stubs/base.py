"""The small HTTP/1.1 server every loopback stub runs on.

asyncio, not `http.server`: a benchmark keeps hundreds of connections open at once and each request
sleeps its latency concurrently instead of queueing behind a thread pool. It speaks what the official
clients send (keep-alive, Content-Length or chunked request bodies) and answers JSON, raw bytes, or a
chunked stream (Ollama's NDJSON progress lines).

A stub subclasses `LoopbackServer` and implements `handle(request) -> Response`; `start()` runs it on
127.0.0.1 in a background thread with its own event loop (tests), `serve_forever()` in the caller's loop
(a CLI). Everything `handle` touches runs on that one loop thread.
"""

from __future__ import annotations

import asyncio
import http
import json
import logging
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any, Self
from urllib.parse import urlsplit

logger = logging.getLogger(__name__)


class BadRequest(Exception):
    pass


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]  # names lower-cased
    body: bytes
    keep_alive: bool
    query: str = ""

    def json(self) -> Any:
        """The body as JSON; None when empty; ValueError when it is not JSON."""
        return json.loads(self.body) if self.body else None


@dataclass
class Response:
    status: int
    payload: Any = None  # sent as JSON unless `raw` or `stream` is set
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as-is: a file's bytes, or a deliberately broken body
    stream: AsyncIterator[bytes] | None = None  # sent chunked, each piece as soon as it is produced


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    line = await reader.readline()
    if not line:
        return None  # the client closed an idle keep-alive connection
    try:
        method, target, version = line.decode("latin-1").rstrip("\r\n").split(" ", 2)
    except ValueError:
        raise BadRequest("bad request line") from None
    headers: dict[str, str] = {}
    while True:
        raw = await reader.readline()
        if raw in (b"\r\n", b"\n", b""):
            break
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        chunks = []
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()  # the final CRLF (no trailers expected)
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        length = int(headers.get("content-length") or 0)
        body = await reader.readexactly(length) if length else b""
    connection = headers.get("connection", "").lower()
    keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
    parts = urlsplit(target)
    return Request(method.upper(), parts.path, headers, body, keep_alive, parts.query)


async def write_response(writer: asyncio.StreamWriter, response: Response, *, keep_alive: bool) -> None:
    phrase = http.HTTPStatus(response.status).phrase
    extra = {name: value for name, value in response.headers.items() if name.lower() != "content-type"}
    head = [
        f"HTTP/1.1 {response.status} {phrase}",
        f"Content-Type: {response.headers.get('Content-Type', 'application/json')}",
        f"Connection: {'keep-alive' if keep_alive else 'close'}",
        *(f"{name}: {value}" for name, value in extra.items()),
    ]
    if response.stream is not None:
        writer.write(("\r\n".join([*head, "Transfer-Encoding: chunked"]) + "\r\n\r\n").encode("latin-1"))
        async for piece in response.stream:
            writer.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            await writer.drain()
        writer.write(b"0\r\n\r\n")
        await writer.drain()
        return
    body = response.raw if response.raw is not None else json.dumps(response.payload).encode()
    head.insert(2, f"Content-Length: {len(body)}")
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
    await writer.drain()


class LoopbackServer:
    """An HTTP server on `host:port` (port 0: any free one) for one stub's `handle`."""

    thread_name = "loopback-stub"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task] = set()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def listening(self) -> bool:
        return self._server is not None

    async def handle(self, request: Request) -> Response:
        raise NotImplementedError

    def bad_request(self) -> Response:
        """The answer to bytes that are not HTTP; stubs give it their provider's error shape."""
        return Response(400, {"error": "Malformed HTTP request."})

    # --- lifecycle ---

    def start(self) -> Self:
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._listen())
            except BaseException as exc:  # noqa: BLE001 - reported to start()'s caller
                failure.append(exc)
                ready.set()
                loop.close()
                return
            ready.set()
            try:
                loop.run_forever()
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name=self.thread_name, daemon=True)
        self._thread.start()
        ready.wait()
        if failure:
            raise failure[0]
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or loop.is_closed():
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        self._loop = self._thread = None
        self._server = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def serve_forever(self) -> None:
        """For a CLI: listen in the current loop until cancelled."""
        await self._listen()
        assert self._server is not None
        try:
            await self._server.serve_forever()
        finally:
            await self._shutdown()

    async def _listen(self) -> None:
        # A deep backlog: benchmarks open a few hundred connections at once.
        self._server = await asyncio.start_server(self._connection, self.host, self.port, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._connections):  # hanging requests must not keep stop() waiting
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        try:
            while True:  # keep-alive: one request after another on this connection
                try:
                    request = await read_request(reader)
                except (BadRequest, ValueError):
                    await write_response(writer, self.bad_request(), keep_alive=False)
                    break
                if request is None:
                    break
                try:
                    response = await self.handle(request)
                except Exception:  # a bug in a stub must still answer, as a real server's 500 would
                    logger.exception("stub failed on %s %s", request.method, request.path)
                    response = Response(500, {"error": "The stub failed; see its log."})
                if writer.is_closing():
                    break  # the client gave up (timed out) while we worked
                await write_response(writer, response, keep_alive=request.keep_alive)
                if not request.keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # client went away, or the server is stopping
        finally:
            self._connections.discard(task)
            writer.close()
