"""An in-process stand-in for the task cluster, for tests that drive the page in a real browser.

The browser tests run the web app on pytest-django's `live_server`, whose threads share the test
database's single in-memory SQLite connection. A real `qcluster` cannot see that database, and running
tasks inline would finish a run inside the request that starts it (the progress bar would jump to 100%).
So this thread takes the queued django-q2 tasks one at a time and runs them, and a lock makes the
server's requests and the worker's tasks take turns, so their transactions never interleave on the
shared connection. A test can pause it after N tasks to look at a run half done.
"""

from __future__ import annotations

import pydoc
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from django.db import connections


class SerializedApp:
    """A WSGI app wrapper that handles one request at a time under `lock`."""

    def __init__(self, app: Callable[..., Any], lock: threading.RLock) -> None:
        self.app = app
        self.lock = lock

    def __call__(self, environ, start_response):
        with self.lock:
            return self.app(environ, start_response)


class QueueWorker(threading.Thread):
    def __init__(self, *, lock: threading.RLock, connection=None, delay: float = 0.15) -> None:
        super().__init__(name="browser-test-worker", daemon=True)
        self.lock = lock
        self.connection = connection
        self.delay = delay
        self.done = 0
        self.errors: list[str] = []
        self._limit: int | None = None
        self._changed = threading.Condition()
        self._stopping = threading.Event()

    # --- control, from the test thread ----------------------------------------------------------

    def pause_after(self, tasks: int) -> None:
        """Run at most `tasks` more tasks, then wait for resume()."""
        with self._changed:
            self._limit = self.done + tasks

    def resume(self) -> None:
        with self._changed:
            self._limit = None
            self._changed.notify_all()

    def wait_paused(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._limit is None or self.done < self._limit:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(
                        f"the worker ran {self.done} tasks, not {self._limit}, in {timeout} s"
                    )
                self._changed.wait(remaining)

    def stop(self) -> None:
        self._stopping.set()
        self.resume()
        self.join(timeout=30)

    # --- the worker thread ------------------------------------------------------------------------

    def run(self) -> None:
        from django_q.brokers import get_broker

        if self.connection is not None:
            # The connection Django gave the live server: the in-memory test database lives in it.
            connections[self.connection.alias] = self.connection
        broker = get_broker()
        while not self._stopping.is_set():
            with self._changed:
                while self._limit is not None and self.done >= self._limit and not self._stopping.is_set():
                    self._changed.wait(0.1)
            if self._stopping.is_set():
                return
            with self.lock:
                taken = self._take_task(broker)
            if taken is None:
                time.sleep(0.05)
                continue
            ack_id, task = taken
            with self.lock:
                try:
                    func = task["func"]
                    if isinstance(func, str):
                        func = pydoc.locate(func)
                    func(*task.get("args", ()), **task.get("kwargs", {}))
                except Exception:  # noqa: BLE001 - reported to the test, which fails on it
                    self.errors.append(traceback.format_exc())
                finally:
                    broker.acknowledge(ack_id)
            with self._changed:
                self.done += 1
                self._changed.notify_all()
            time.sleep(self.delay)

    @staticmethod
    def _take_task(broker) -> tuple[Any, dict] | None:
        from django_q.signing import SignedPackage

        # Ask the size first: the ORM broker's dequeue sleeps on an empty queue, and we hold the lock.
        if not broker.queue_size():
            return None
        for ack_id, payload in broker.dequeue() or []:
            return ack_id, SignedPackage.loads(payload)
        return None
