"""The OpenAI fine-tuning wire protocol for the loopback stub (bench/stub_server.py serves it).

    POST   /v1/files                            multipart: purpose, file  -> a file object
    GET    /v1/files/{id}    DELETE /v1/files/{id}
    POST   /v1/fine_tuning/jobs                 model, training_file, validation_file?, suffix?, seed?
    GET    /v1/fine_tuning/jobs                 newest first, `limit` / `after`
    GET    /v1/fine_tuning/jobs/{id}            every retrieve moves the job one step along its script
    GET    /v1/fine_tuning/jobs/{id}/events     newest first, `limit` / `after` (an event id), `has_more`
    POST   /v1/fine_tuning/jobs/{id}/cancel

A job walks through `StubConfig.finetune_statuses` (default: validating_files, queued, running,
succeeded), one step per retrieve, so a test decides exactly how many polls see `running`. A script
ending in "failed" fails with `StubConfig.finetune_error`. Training files are checked at creation the way
the provider checks them while validating (JSON lines with messages, at least 10): a bad file makes the
job fail with `invalid_training_file`. `StubConfig.finetune_faults` answers the next fine-tuning
requests with an HTTP status instead (503, 500, 404, ...; "ok" for none), in arrival order.

Everything runs on the stub's loop thread; tests read `stub.finetuning` under its lock (`snapshot()`).
"""

from __future__ import annotations

import email.parser
import hashlib
import email.policy
import itertools
import json
import re
import threading
import time
from typing import Any
from urllib.parse import parse_qs

FINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
MAX_SUFFIX = 64
_JOB_PATH = re.compile(r"^/v1/fine_tuning/jobs/(?P<id>[^/]+)(?P<action>/events|/cancel)?$")
_FILE_PATH = re.compile(r"^/v1/files/(?P<id>[^/]+)$")

_MESSAGES = {
    "validating_files": "Validating training file: {training_file}",
    "queued": "Files validated, moving job to queued state",
    "running": "Fine-tuning job started",
    "succeeded": "The job has successfully completed",
    "failed": "Fine-tuning job failed: {error}",
    "cancelled": "Fine-tuning job cancelled",
}


def _error(status: int, message: str, code: str | None = None, param: str | None = None) -> tuple[int, dict]:
    kind = "server_error" if status >= 500 else "invalid_request_error"
    return status, {"error": {"message": message, "type": kind, "param": param, "code": code}}


class FineTuningStub:
    def __init__(self, config: Any) -> None:
        self.config = config
        self.lock = threading.Lock()
        self.files: dict[str, dict] = {}
        self.jobs: dict[str, dict] = {}
        # Per job: the rest of its script, its events (oldest first), what created it.
        self._scripts: dict[str, list[str]] = {}
        self._events: dict[str, list[dict]] = {}
        self.create_requests: list[dict] = []
        self.cancel_requests: list[str] = []
        self.retrieves: int = 0
        self._ids = itertools.count(1)

    # --- what tests read ---

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {
                "files": {k: dict(v) for k, v in self.files.items()},
                "jobs": {k: dict(v) for k, v in self.jobs.items()},
                "events": {k: list(v) for k, v in self._events.items()},
                "create_requests": [dict(r) for r in self.create_requests],
                "cancel_requests": list(self.cancel_requests),
                "retrieves": self.retrieves,
            }

    def file_content(self, file_id: str) -> bytes:
        with self.lock:
            return self.files[file_id]["content"]

    # --- routing ---

    def handle(
        self, method: str, path: str, query: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict]:
        with self.lock:
            faults = getattr(self.config, "finetune_faults", None)
            if faults:
                fault = str(faults.pop(0))
                if fault != "ok":
                    status = int(fault)
                    return _error(status, f"Scripted {status} from the fine-tuning stub.")
            path = path.rstrip("/")
            params = {k: v[-1] for k, v in parse_qs(query).items()}
            if path == "/v1/files" and method == "POST":
                return self._upload(headers, body)
            if (match := _FILE_PATH.match(path)) and method in ("GET", "DELETE"):
                return self._file(match["id"], delete=method == "DELETE")
            if path == "/v1/fine_tuning/jobs":
                if method == "POST":
                    return self._create(body)
                if method == "GET":
                    return self._list(params)
            if match := _JOB_PATH.match(path):
                job_id, action = match["id"], match["action"]
                if job_id not in self.jobs:
                    return _error(404, f"No such fine-tuning job: {job_id}", "fine_tune_not_found")
                if action is None and method == "GET":
                    return self._retrieve(job_id)
                if action == "/events" and method == "GET":
                    return self._list_events(job_id, params)
                if action == "/cancel" and method == "POST":
                    return self._cancel(job_id)
            return _error(404, f"Unknown path {method} {path}")

    # --- files ---

    def _upload(self, headers: dict[str, str], body: bytes) -> tuple[int, dict]:
        content_type = headers.get("content-type", "")
        if not content_type.startswith("multipart/form-data"):
            return _error(400, "Uploads must be multipart/form-data.")
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body
        )
        fields: dict[str, str] = {}
        upload: tuple[str, bytes] | None = None
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename():
                upload = (part.get_filename(), payload)
            elif name:
                fields[name] = payload.decode()
        if upload is None:
            return _error(400, "No file was uploaded.", param="file")
        purpose = fields.get("purpose")
        if purpose not in {"fine-tune", "batch", "assistants", "vision", "user_data", "evals"}:
            return _error(400, f"Invalid purpose {purpose!r}.", param="purpose")
        file_id = f"file-stub{next(self._ids)}"
        self.files[file_id] = {
            "id": file_id,
            "object": "file",
            "bytes": len(upload[1]),
            "created_at": int(time.time()),
            "filename": upload[0],
            "purpose": purpose,
            "status": "processed",
            "status_details": None,
            "content": upload[1],
        }
        return 200, self._public_file(file_id)

    def _public_file(self, file_id: str) -> dict:
        return {k: v for k, v in self.files[file_id].items() if k != "content"}

    def _file(self, file_id: str, *, delete: bool) -> tuple[int, dict]:
        if file_id not in self.files:
            return _error(404, f"No such File object: {file_id}", param="id")
        if delete:
            del self.files[file_id]
            return 200, {"id": file_id, "object": "file", "deleted": True}
        return 200, self._public_file(file_id)

    # --- jobs ---

    def _create(self, body: bytes) -> tuple[int, dict]:
        try:
            payload = json.loads(body or b"null")
        except ValueError:
            return _error(400, "The request body is not valid JSON.")
        if not isinstance(payload, dict) or not isinstance(payload.get("model"), str):
            return _error(400, "'model' is required.", param="model")
        self.create_requests.append(payload)
        training = payload.get("training_file")
        if training not in self.files or self.files[training]["purpose"] != "fine-tune":
            return _error(400, f"invalid training_file: {training}", "invalid_training_file", "training_file")
        validation = payload.get("validation_file")
        if validation is not None and validation not in self.files:
            return _error(
                400, f"invalid validation_file: {validation}", "invalid_validation_file", "validation_file"
            )
        suffix = payload.get("suffix")
        if suffix is not None and (not isinstance(suffix, str) or len(suffix) > MAX_SUFFIX):
            return _error(400, f"suffix must be a string of at most {MAX_SUFFIX} characters.", param="suffix")
        job_id = f"ftjob-stub{next(self._ids)}"
        script = list(
            getattr(self.config, "finetune_statuses", None)
            or ["validating_files", "queued", "running", "succeeded"]
        )
        error = None
        problem = _training_file_problem(self.files[training]["content"])
        if problem:
            script = ["validating_files", "failed"]
            error = {"code": "invalid_training_file", "message": problem, "param": "training_file"}
        elif script[-1] == "failed":
            error = dict(
                getattr(self.config, "finetune_error", None)
                or {
                    "code": "server_error",
                    "message": "The job failed due to an internal error.",
                    "param": None,
                }
            )
        seed = payload.get("seed")
        self.jobs[job_id] = {
            "id": job_id,
            "object": "fine_tuning.job",
            "created_at": int(time.time()),
            "error": None,
            "fine_tuned_model": None,
            "finished_at": None,
            "hyperparameters": {"batch_size": "auto", "learning_rate_multiplier": "auto", "n_epochs": "auto"},
            "model": payload["model"],
            "organization_id": "org-zega-stub",
            "result_files": [],
            "seed": seed if isinstance(seed, int) else 42,
            "status": script[0],
            "trained_tokens": None,
            "training_file": training,
            "validation_file": validation,
            "estimated_finish": None,
            "integrations": None,
            "metadata": payload.get("metadata"),
            "method": {"type": "supervised"},
            "suffix": suffix,
            "_pending_error": error,
        }
        self._scripts[job_id] = script[1:]
        self._events[job_id] = []
        self._note(job_id, script[0])
        return 200, self._public_job(job_id)

    def _public_job(self, job_id: str) -> dict:
        return {k: v for k, v in self.jobs[job_id].items() if not k.startswith("_") and k != "suffix"}

    def _retrieve(self, job_id: str) -> tuple[int, dict]:
        self.retrieves += 1
        job = self.jobs[job_id]
        script = self._scripts[job_id]
        if job["status"] not in FINAL_STATUSES and script:
            self._move(job_id, script.pop(0))
        return 200, self._public_job(job_id)

    def _move(self, job_id: str, status: str) -> None:
        job = self.jobs[job_id]
        job["status"] = status
        if status in FINAL_STATUSES:
            job["finished_at"] = int(time.time())
        if status == "succeeded":
            suffix = job["suffix"] or "custom"
            short = hashlib.sha256(job_id.encode()).hexdigest()[:8]
            job["fine_tuned_model"] = f"ft:{job['model']}:zega-stub:{suffix}:{short}"
            job["trained_tokens"] = 12345
            job["result_files"] = [f"file-result-{job_id}"]
            self._add_event(job_id, f"New fine-tuned model created: {job['fine_tuned_model']}")
        if status == "failed":
            job["error"] = job["_pending_error"] or {
                "code": "server_error",
                "message": "failed",
                "param": None,
            }
        self._note(job_id, status)

    def _note(self, job_id: str, status: str) -> None:
        job = self.jobs[job_id]
        running_before = any(
            e["message"].startswith(("Fine-tuning job started", "Step")) for e in self._events[job_id]
        )
        if status == "running" and running_before:
            steps = sum(1 for e in self._events[job_id] if e["message"].startswith("Step"))
            self._add_event(job_id, f"Step {steps + 1}/10: training loss={1.5 / (steps + 1):.4f}", "metrics")
            return
        message = _MESSAGES[status].format(
            training_file=job["training_file"], error=(job["error"] or {}).get("message", "")
        )
        self._add_event(job_id, message, level="error" if status == "failed" else "info")

    def _add_event(self, job_id: str, message: str, kind: str = "message", level: str = "info") -> None:
        self._events[job_id].append(
            {
                "id": f"ftevent-stub{next(self._ids)}",
                "object": "fine_tuning.job.event",
                "created_at": int(time.time()),
                "level": level,
                "message": message,
                "data": {},
                "type": kind,
            }
        )

    def _list(self, params: dict[str, str]) -> tuple[int, dict]:
        ordered = sorted(self.jobs, key=lambda k: int(k.removeprefix("ftjob-stub")), reverse=True)
        return 200, self._page([self._public_job(j) for j in ordered], params)

    def _list_events(self, job_id: str, params: dict[str, str]) -> tuple[int, dict]:
        return 200, self._page(list(reversed(self._events[job_id])), params)

    @staticmethod
    def _page(items: list[dict], params: dict[str, str]) -> dict:
        after = params.get("after")
        if after:
            ids = [item["id"] for item in items]
            items = items[ids.index(after) + 1 :] if after in ids else []
        try:
            limit = max(1, min(100, int(params.get("limit", 20))))
        except ValueError:
            limit = 20
        return {"object": "list", "data": items[:limit], "has_more": len(items) > limit}

    def _cancel(self, job_id: str) -> tuple[int, dict]:
        self.cancel_requests.append(job_id)
        job = self.jobs[job_id]
        if job["status"] in FINAL_STATUSES:
            return _error(
                400, f"Job {job_id} has already finished ({job['status']}) and cannot be cancelled."
            )
        self._scripts[job_id] = []
        self._move(job_id, "cancelled")
        return 200, self._public_job(job_id)


def _training_file_problem(content: bytes) -> str | None:
    """What the provider's file validation would refuse, in short."""
    examples = 0
    for number, line in enumerate(content.decode("utf-8", errors="replace").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except ValueError:
            return f"Line {number} is not valid JSON."
        if not isinstance(document, dict) or not isinstance(document.get("messages"), list):
            return f"Line {number} has no messages list."
        examples += 1
    if examples < 10:
        return f"Training file has {examples} example(s), but must have at least 10 examples."
    return None
