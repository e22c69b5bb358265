"""Runs planned items through the ensemble concurrently, on a helper thread with its own event loop.

The ORM stays on the caller's thread (Django's ORM is synchronous); the helper thread only talks to the
LLM backends and hands finished items back through a queue, so the caller can write them as they come.

The helper thread and its event loop live as long as the process (a cluster worker runs chunk after
chunk): the ensemble's members, their HTTP clients with their open connections, their concurrency
limits and what their rate limiters learned are made once per process, not once per chunk of 50 items
(building three clients cost ~0.25 s of CPU per chunk, before a single request was sent).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from autotrain.llm.base import GenerationRequest

logger = logging.getLogger(__name__)

_DONE = object()


class _GenerationLoop:
    """The process's generation event loop, on a daemon thread started on first use.

    A forked child (django-q forks its workers) does not inherit the thread, so the owner's pid is
    checked and a child starts its own.
    """

    _lock = threading.Lock()
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _pid: int | None = None

    @classmethod
    def get(cls) -> asyncio.AbstractEventLoop:
        with cls._lock:
            alive = cls._thread is not None and cls._thread.is_alive() and cls._pid == os.getpid()
            if not alive or cls._loop is None:
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="zega-generation", daemon=True)
                thread.start()
                if cls._pid is None:
                    atexit.register(cls.shutdown)
                cls._loop, cls._thread, cls._pid = loop, thread, os.getpid()
            return cls._loop

    @classmethod
    def shutdown(cls) -> None:
        """Close the shared members' clients and stop the loop (at interpreter exit)."""
        with cls._lock:
            loop, thread = cls._loop, cls._thread
            if loop is None or thread is None or not thread.is_alive() or cls._pid != os.getpid():
                return
            cls._loop = cls._thread = None
        from autotrain.llm import registry  # the members are the registry's; imported late, at exit only

        try:
            asyncio.run_coroutine_threadsafe(registry.aclose_shared_members(), loop).result(timeout=5)
        except Exception:  # noqa: BLE001 - exiting anyway; a client that did not close is harmless now
            logger.debug("closing shared ensemble members at exit failed", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=5)


# What one item's generation answers: an EnsembleResult for a run, a pair of answers for an evaluation.
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)


class Generating(Protocol[R_co]):
    """What the stream runs the items through (autotrain.llm.ensemble.Ensemble has it)."""

    async def generate(self, request: GenerationRequest) -> R_co: ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True)
class ItemOutcome(Generic[R]):
    item_id: int
    request: GenerationRequest
    result: R | None
    # An unexpected failure outside the ensemble's own error handling (a bug, a broken configuration).
    error: str | None = None


class GenerationStream(Generic[R]):
    """Generate `items` concurrently; iterate `batches()` to receive outcomes as they finish.

    Use as a context manager: leaving it cancels what is still in flight and waits until it stopped.
    The generation runs on the process's generation loop (see _GenerationLoop).
    """

    def __init__(
        self,
        items: Sequence[tuple[int, GenerationRequest]],
        *,
        ensemble_factory: Callable[[], Generating[R]],
    ) -> None:
        self._items = list(items)
        self._ensemble_factory = ensemble_factory
        self._queue: queue.Queue = queue.Queue()
        self._cancel = threading.Event()
        self._future: concurrent.futures.Future | None = None

    def __enter__(self) -> GenerationStream[R]:
        self._future = asyncio.run_coroutine_threadsafe(self._run(), _GenerationLoop.get())
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()
        if self._future is not None:
            concurrent.futures.wait([self._future])

    def cancel(self) -> None:
        self._cancel.set()

    def batches(
        self, *, max_wait: float = 0.25, linger: float = 0.05, max_size: int = 64
    ) -> Iterator[list[ItemOutcome[R]]]:
        """Yield lists of finished outcomes: whatever arrives within `linger` of the first one, up to
        `max_size`; an empty list when nothing arrived for `max_wait`.

        Answers of one round of requests arrive within milliseconds of each other; taking only what had
        already arrived wrote them in many small batches, each a write transaction (the database's one
        write lock on SQLite) and a move of the run's heartbeat (which renews the status polls' counts)."""
        finished = False
        while not finished:
            try:
                first = self._queue.get(timeout=max_wait)
            except queue.Empty:
                yield []  # lets the caller look at the clock (cancel checks, lease renewal)
                continue
            if first is _DONE:
                return
            batch = [first]
            until = time.monotonic() + linger
            while len(batch) < max_size:
                try:
                    nxt = self._queue.get(timeout=max(0.0, until - time.monotonic()))
                except queue.Empty:
                    break
                if nxt is _DONE:
                    finished = True
                    break
                batch.append(nxt)
            yield batch

    # --- on the generation loop -------------------------------------------------------------------------

    async def _run(self) -> None:
        reported: set[int] = set()
        try:
            await self._produce(reported)
        except BaseException as exc:  # noqa: BLE001 - any failure must still account for every item
            logger.exception("generation thread failed")
            message = f"{type(exc).__name__}: {exc}"
            if not self._cancel.is_set():
                for item_id, request in self._items:
                    if item_id not in reported:
                        self._queue.put(ItemOutcome(item_id, request, None, error=message))
        finally:
            self._queue.put(_DONE)

    async def _produce(self, reported: set[int]) -> None:
        ensemble = self._ensemble_factory()
        try:

            async def one(item_id: int, request: GenerationRequest) -> None:
                try:
                    result = await ensemble.generate(request)
                    outcome = ItemOutcome(item_id, request, result)
                except asyncio.CancelledError:
                    raise
                except Exception as exc:  # noqa: BLE001 - recorded on the item as a generation error
                    logger.exception("item %s failed outside the ensemble", item_id)
                    outcome = ItemOutcome(item_id, request, None, error=f"{type(exc).__name__}: {exc}")
                reported.add(item_id)
                self._queue.put(outcome)

            tasks = [asyncio.create_task(one(item_id, request)) for item_id, request in self._items]
            watcher = asyncio.create_task(self._watch_cancel(tasks))
            await asyncio.gather(*tasks, return_exceptions=True)
            watcher.cancel()
        finally:
            await ensemble.aclose()

    async def _watch_cancel(self, tasks: list[asyncio.Task]) -> None:
        while not self._cancel.is_set():
            await asyncio.sleep(0.05)
        for task in tasks:
            task.cancel()
