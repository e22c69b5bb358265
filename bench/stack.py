"""Real processes for the benchmark: a fresh database, gunicorn, django-q2 clusters, and a client.

Everything the benchmark measures goes through these processes as production would run them (the
Procfile's gunicorn and `manage.py qcluster`), on a throw-away database: a SQLite file in a temporary
directory, or a database of its own on the local PostgreSQL server. The project's own database is never
touched. CPU time and peak memory are read from /proc for whole process trees (a cluster forks its
workers).
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FINISHED = {"succeeded", "failed", "cancelled"}
POSTGRES_ADMIN_URL = os.environ.get("ZEGA_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("ZEGA_BENCH_REDIS", "redis://127.0.0.1:6379/7")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, *, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f}s waiting for {what}")


def parse_time(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


# --- /proc ----------------------------------------------------------------------------------------


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry))
    return tree


def process_tree(pid: int) -> list[int]:
    tree, found, todo = _children(), [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, ()))
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU of the live processes `pids` (their exited children's included)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime are fields 14-17 of stat; after the ")" split they start at 11.
        total += sum(int(value) for value in fields[11:15])
    return total / CLOCK_TICKS


def peak_rss_mb(pid: int) -> float:
    """The process's high-water resident set (VmHWM), in MB."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# --- the stack ------------------------------------------------------------------------------------


class Stack:
    """One deployment: database, web server, any number of clusters, sharing one environment."""

    def __init__(
        self, workdir: Path, *, env: dict[str, str] | None = None, postgres: bool = False, redis: bool = False
    ) -> None:
        self.workdir = workdir
        self.logs = workdir / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self._pg_name: str | None = None
        self.database_url = self._fresh_postgres() if postgres else f"sqlite:///{workdir / 'bench.sqlite3'}"
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "bench-only-" + uuid.uuid4().hex,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "ZEGA_RUN_TASKS_INLINE": "false",
            "ZEGA_AUTO_FINETUNE": "false",
            "ZEGA_THROTTLE_AUTO_TRAIN": "100000/hour",
            "LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        for name in ("DJANGO_SETTINGS_MODULE", "REDIS_URL"):
            self.env.pop(name, None)
        if redis:
            import redis as redis_client

            self.env["REDIS_URL"] = REDIS_URL
            redis_client.Redis.from_url(REDIS_URL).flushdb()
        self.web: subprocess.Popen | None = None
        self.clusters: list[subprocess.Popen] = []
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._migrate(postgres)

    # --- set-up ---

    _sqlite_template: Path | None = None  # one migrated database per benchmark process, copied per stack

    def _migrate(self, postgres: bool) -> None:
        if postgres:
            self.manage("migrate", "--noinput")
            self.manage("createcachetable")
            return
        target = Path(self.database_url.removeprefix("sqlite:///"))
        template = Stack._sqlite_template
        if template is None or not template.exists():
            self.manage("migrate", "--noinput")
            self.manage("createcachetable")
            template = Path(tempfile.gettempdir()) / f"zega-bench-template-{os.getpid()}.sqlite3"
            shutil.copyfile(target, template)
            atexit.register(template.unlink, missing_ok=True)
            Stack._sqlite_template = template
        else:
            shutil.copyfile(template, target)

    def tokens(self, usernames: list[str]) -> dict[str, str]:
        """API tokens for many users in one process (a `create_api_token` per user costs ~2 s each)."""
        script = (
            "import json; from django.contrib.auth import get_user_model; "
            "from rest_framework.authtoken.models import Token; "
            f"names = {usernames!r}; out = {{}}\n"
            "for n in names:\n"
            "    u, _ = get_user_model().objects.get_or_create(username=n)\n"
            "    out[n] = Token.objects.get_or_create(user=u)[0].key\n"
            "print(json.dumps(out))"
        )
        return json.loads(self.manage("shell", "-c", script).strip().splitlines()[-1])

    def _fresh_postgres(self) -> str:
        import psycopg2

        name = f"zega_bench_{uuid.uuid4().hex[:8]}"
        admin = psycopg2.connect(POSTGRES_ADMIN_URL)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        self._pg_name = name
        return POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"

    def manage(self, *args: str, env: dict[str, str] | None = None, timeout: float = 600) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env={**self.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if done.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def token(self, username: str) -> str:
        return self.manage("create_api_token", username).strip().splitlines()[-1]

    def client(self, username: str, **kwargs) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Token {self.token(username)}"},
            timeout=120,
            **kwargs,
        )

    def _spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "ab")
        # A session of its own, so the whole tree (cluster workers included) can be signalled at once.
        return subprocess.Popen(
            argv,
            cwd=ROOT,
            env={**self.env, **(env or {})},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_web(self, *, workers: int = 2, threads: int = 16) -> None:
        """The Procfile's web process: gunicorn, `workers` processes of `threads` threads."""
        self.web = self._spawn(
            "web",
            [
                str(Path(PYTHON).parent / "gunicorn"),
                "zega.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "180",
            ],
        )
        wait_until(self._web_up, timeout=60, what="the web server")

    def _web_up(self) -> bool:
        try:
            return httpx.get(f"{self.base_url}/healthz", timeout=5).status_code in (200, 503)
        except httpx.HTTPError:
            return False

    def start_cluster(
        self, *, workers: int = 2, env: dict[str, str] | None = None, cpus: set[int] | None = None
    ) -> subprocess.Popen:
        """`manage.py qcluster` with `workers` worker processes; returns once its workers are up.

        `cpus`: pin the cluster (and the workers it forks) to these CPUs, as if it were a machine of its own.
        """
        argv = [PYTHON, "manage.py", "qcluster"]
        if cpus is not None:
            argv = ["taskset", "-c", ",".join(map(str, sorted(cpus))), *argv]
        cluster = self._spawn(
            f"cluster{len(self.clusters)}", argv, env={"ZEGA_CLUSTER_WORKERS": str(workers), **(env or {})}
        )
        self.clusters.append(cluster)
        # qcluster -> sentinel -> workers, pusher, monitor: wait for the whole tree to exist.
        wait_until(
            lambda: len(process_tree(cluster.pid)) >= workers + 3,
            timeout=60,
            what="cluster workers",
            interval=0.2,
        )
        time.sleep(1.0)  # the workers import Django after forking
        return cluster

    def cluster_pids(self) -> list[int]:
        return [pid for cluster in self.clusters for pid in process_tree(cluster.pid)]

    def cluster_cpu(self) -> float:
        return cpu_seconds(self.cluster_pids())

    def cluster_peak_rss_mb(self) -> float:
        return max((peak_rss_mb(pid) for pid in self.cluster_pids()), default=0.0)

    def stop_clusters(self) -> None:
        for cluster in self.clusters:
            _stop(cluster)
        self.clusters = []

    # --- runs ---

    def start_run(self, client: httpx.Client, num: int, **body) -> tuple[str, float]:
        """POST /auto-train with Prefer: respond-async; returns the run's URL and the wall clock at the POST."""
        started = time.time()
        response = client.post(
            "/auto-train", json={"num_examples": num, **body}, headers={"Prefer": "respond-async"}
        )
        if response.status_code != 202:
            raise RuntimeError(f"POST /auto-train answered {response.status_code}: {response.text[:500]}")
        return response.headers["Location"], started

    def wait_run(self, client: httpx.Client, location: str, *, timeout: float, interval: float = 0.5) -> dict:
        """Poll the run as the page does (every 0.5 s) until it finished. Walls come from the run's own
        finished_at, so the interval does not round them; polling faster would only load the machine
        being measured (a status read that misses the shared counts of a 5,000-example run costs the
        server ~15 ms)."""

        def finished():
            body = client.get(location).json()
            return body if body.get("status") in FINISHED else None

        return wait_until(finished, timeout=timeout, what=f"{location} to finish", interval=interval)

    def run(self, client: httpx.Client, num: int, *, timeout: float = 600, **body) -> dict:
        """One run through the API and the cluster; adds `wall`: POST sent to the run's finished_at."""
        location, started = self.start_run(client, num, **body)
        summary = self.wait_run(client, location, timeout=timeout)
        summary["wall"] = parse_time(summary["finished_at"]) - started
        return summary

    def sql(self, query: str, params: tuple = ()) -> list[tuple]:
        if self.database_url.startswith("sqlite"):
            import sqlite3

            with contextlib.closing(
                sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=30)
            ) as db:
                return db.execute(query, params).fetchall()
        import psycopg2

        with contextlib.closing(psycopg2.connect(self.database_url)) as db, db.cursor() as cursor:
            cursor.execute(query.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def item_attempts(self, run_id: str) -> dict[int, int]:
        """index -> how many times a worker claimed it (TrainingExample.attempts)."""
        key = run_id.replace("-", "") if self.database_url.startswith("sqlite") else run_id
        rows = self.sql('SELECT "index", attempts FROM autotrain_trainingexample WHERE run_id = ?', (key,))
        return dict(rows)

    # --- tear-down ---

    def close(self) -> None:
        self.stop_clusters()
        if self.web is not None:
            _stop(self.web)
            self.web = None
        if self._pg_name:
            import psycopg2

            admin = psycopg2.connect(POSTGRES_ADMIN_URL)
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
            admin.close()
            self._pg_name = None

    def __enter__(self) -> Stack:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process itself (a qcluster then stops its workers), then SIGKILL to its whole group."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        pass
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # anything of its group still there
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
