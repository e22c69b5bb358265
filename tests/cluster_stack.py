"""Real processes for end-to-end tests: a migrated database, a web server and django-q2 clusters.

The database is a fresh SQLite file, or, when the suite runs on PostgreSQL (DATABASE_URL=postgres://...),
a fresh database on that server; the broker is the ORM or, with `redis=True`, the local Redis.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import uuid
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

import dj_database_url
import httpx

# The benchmark's process helpers serve the tests too.
from bench.stack import free_port, wait_until  # noqa: F401 - wait_until is re-exported for the tests

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = "redis://127.0.0.1:6379/0"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


class Stack:
    """One deployment: database, web server, any number of clusters, all sharing one environment."""

    def __init__(self, tmp_path: Path, *, stub_url: str | None, models: str = "", redis: bool = False,
                 env: dict | None = None, postgres: bool = False) -> None:
        self.tmp_path = tmp_path
        self.force_postgres = postgres
        self.logs = tmp_path / "logs"
        self.logs.mkdir(exist_ok=True)
        self.database_url = self._fresh_database()
        self.env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "ZEGA_CHUNK_SIZE": "25",
            "ZEGA_CLUSTER_WORKERS": "2",
            "ZEGA_RUN_TASKS_INLINE": "false",
            "ZEGA_MAX_ACTIVE_RUNS": "10",
            "DJANGO_DEBUG": "true",
            # A job's success would start an evaluation's stories and judge requests in the middle of
            # what a test counts; the evaluation's own tests turn it back on.
            "ZEGA_AUTO_EVALUATE": "false",
            **({"ZEGA_LLM_BASE_URL": stub_url, "ZEGA_LLM_MODELS": models} if stub_url else {}),
            **({"REDIS_URL": REDIS_URL} if redis else {}),
            **(env or {}),
        }
        self.env.pop("DJANGO_SETTINGS_MODULE", None)
        if redis:
            import redis as redis_client

            redis_client.Redis.from_url(REDIS_URL).flushdb()
        self.web: subprocess.Popen | None = None
        self.clusters: list[subprocess.Popen] = []
        self.port = free_port()
        self.manage("migrate", "--noinput")
        self.manage("createcachetable")
        self.token = self.manage("create_api_token", "e2e-writer").strip().splitlines()[-1]
        self.client = httpx.Client(
            base_url=f"http://127.0.0.1:{self.port}", headers={"Authorization": f"Token {self.token}"}, timeout=60
        )

    def _fresh_database(self) -> str:
        base = postgres_url() or (DEFAULT_POSTGRES if self.force_postgres else None)
        if base is None:
            return f"sqlite:///{self.tmp_path / 'stack.sqlite3'}"
        import psycopg2

        name = f"zega_e2e_{uuid.uuid4().hex[:10]}"
        config = dj_database_url.parse(base)
        admin = psycopg2.connect(dbname="postgres", user=config["USER"] or "postgres", host=config["HOST"],
                                 port=config["PORT"] or 5432, password=config["PASSWORD"] or None)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        self._pg_name = name
        return base.rsplit("/", 1)[0] + f"/{name}"

    def manage(self, *args: str) -> str:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def _spawn(self, name: str, *args: str) -> subprocess.Popen:
        log = open(self.logs / f"{name}.log", "a")
        # A session of its own, so the whole tree (cluster workers included) can be signalled at once.
        return subprocess.Popen([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)

    def start_web(self) -> None:
        self.web = self._spawn("web", "runserver", f"127.0.0.1:{self.port}", "--noreload")

    def start_cluster(self) -> subprocess.Popen:
        cluster = self._spawn(f"cluster{len(self.clusters)}", "qcluster")
        self.clusters.append(cluster)
        return cluster

    def kill_clusters(self) -> None:
        """SIGKILL every cluster process and its workers: nothing gets to clean up."""
        for cluster in self.clusters:
            try:
                os.killpg(cluster.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            cluster.wait(timeout=10)
        self.clusters = []

    def healthy(self, *, cluster: bool = True) -> dict | None:
        try:
            body = self.client.get("/healthz").json()
        except (httpx.HTTPError, ValueError):
            return None
        return body if body.get("cluster") == "ok" or not cluster else None

    def wait_ready(self) -> None:
        wait_until(self.healthy, timeout=90, what="web server and cluster")

    def run_sql(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Read or write the stack's database directly (what an operator's psql session would do)."""
        if self.database_url.startswith("sqlite"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=30) as db:
                return db.execute(sql, params).fetchall()
        import psycopg2

        with psycopg2.connect(self.database_url) as db, db.cursor() as cursor:
            cursor.execute(sql.replace("?", "%s"), params)
            return cursor.fetchall() if cursor.description else []

    def items(self, run_id: str) -> list[tuple]:
        key = run_id.replace("-", "") if self.database_url.startswith("sqlite") else run_id
        return self.run_sql(
            'SELECT "index", status, reject_reason FROM autotrain_trainingexample WHERE run_id = ?', (key,)
        )

    def run_schedule_now(self, func: str) -> None:
        """Make the schedule of `func` due and run django-q's scheduler once, as the cluster's guard does every
        30 s: it turns the due schedule into a task on the broker, which the running cluster then takes."""
        # Just past, not long past: the scheduler steps a late schedule forward minute by minute.
        due = datetime.now(timezone.utc).replace(tzinfo=None) - timedelta(seconds=1)
        value = due.isoformat(sep=" ") if self.database_url.startswith("sqlite") else due.replace(tzinfo=timezone.utc)
        self.run_sql("UPDATE django_q_schedule SET next_run = ? WHERE func = ?", (value, func))
        self.manage("shell", "-c", "from django_q.scheduler import scheduler; scheduler()")

    def fire_watchdog_now(self) -> None:
        """The watchdog's minute schedule, now instead of up to a minute later."""
        self.run_schedule_now("autotrain.tasks.requeue_stalled")

    def wait_finished(self, location: str, *, timeout: float) -> dict:
        def finished():
            try:
                body = self.client.get(location).json()
            except (httpx.HTTPError, ValueError):
                return None
            return body if body.get("status") in {"succeeded", "failed", "cancelled"} else None

        return wait_until(finished, timeout=timeout, what=f"{location} to finish", interval=0.5)

    def close(self) -> None:
        # SIGTERM to each process itself: a qcluster then stops its workers in about a second. Sent to
        # the whole group, the workers got it too, and the cluster sat out the 20 s wait below.
        processes = [*self.clusters, *([self.web] if self.web else [])]
        for process in processes:
            try:
                os.kill(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                continue
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                pass
            try:
                os.killpg(process.pid, signal.SIGKILL)  # anything of its group still there
            except ProcessLookupError:
                pass
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        self.client.close()
        if getattr(self, "_pg_name", None):
            import psycopg2

            config = dj_database_url.parse(self.database_url)
            admin = psycopg2.connect(dbname="postgres", user=config["USER"] or "postgres", host=config["HOST"],
                                     port=config["PORT"] or 5432)
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')
            admin.close()


@contextmanager
def running_stack(tmp_path: Path, **kwargs):
    stack = Stack(tmp_path, **kwargs)
    try:
        stack.start_web()
        stack.start_cluster()
        stack.wait_ready()
        yield stack
    finally:
        stack.close()


def record_figures(name: str, **figures) -> None:
    """Append a test's measured figures to test-artifacts/reliability.jsonl (RELIABILITY.md quotes them)."""
    import json

    out = ROOT / "test-artifacts"
    out.mkdir(exist_ok=True)
    with open(out / "reliability.jsonl", "a") as handle:
        handle.write(json.dumps({"test": name, "database": "postgresql" if postgres_url() else "sqlite",
                                 **figures}) + "\n")
