"""The OpenAI fine-tuning wire protocol for the loopback stub (stubs/openai.py serves it).

    POST   /v1/files                            multipart: purpose, file  -> a file object
    GET    /v1/files/{id}    DELETE /v1/files/{id}
    GET    /v1/files/{id}/content               the file's bytes
    POST   /v1/fine_tuning/jobs                 model, training_file, validation_file?, suffix?, seed?,
                                                method? ({"type": "supervised", "supervised":
                                                {"hyperparameters": {...}}}) or the legacy hyperparameters?
    GET    /v1/fine_tuning/jobs                 newest first, `limit` / `after`
    GET    /v1/fine_tuning/jobs/{id}            every retrieve moves the job one step along its script
    GET    /v1/fine_tuning/jobs/{id}/events     newest first, `limit` / `after` (an event id), `has_more`
    GET    /v1/fine_tuning/jobs/{id}/checkpoints  newest first, `limit` / `after`
    POST   /v1/fine_tuning/jobs/{id}/cancel

A job walks through `StubConfig.finetune_statuses` (default: validating_files, queued, running,
succeeded), one step per retrieve, so a test decides exactly how many polls see `running`. A script
ending in "failed" fails with `StubConfig.finetune_error`. Training files are checked at creation the way
the provider checks them while validating (JSON lines with messages, at least 10): a bad file makes the
job fail with `invalid_training_file`. `StubConfig.finetune_faults` answers the next fine-tuning
requests with an HTTP status instead (503, 500, 404, ...; "ok" for none), in arrival order.

Training, as the provider reports it: the hyperparameters asked for (`n_epochs` 1-50, `batch_size`
1-256, `learning_rate_multiplier` > 0, each or "auto") are echoed on the job as `hyperparameters` and
`method`, "auto" resolved when the job starts running (3 epochs, batch size 1, multiplier 1.8). The job
has epochs * ceil(training examples / batch size) steps, spread evenly over the `running` retrieves of
its script (what is left is done by the time it succeeds); each step logs an event of type "metrics"
(`data`: step, total_steps, train_loss, train_mean_token_accuracy, and at each epoch's end with a
validation file valid_loss, valid_mean_token_accuracy) with a deterministic, decreasing loss
(`train_loss_at`). Each epoch's end makes a checkpoint (`ft:...:ckpt-step-N`). A job that succeeds gets
a result file (purpose fine-tune-results): the per-step CSV, base64-encoded as OpenAI serves it.

Everything runs on the stub's loop thread; tests read `stub.finetuning` under its lock (`snapshot()`).
"""

from __future__ import annotations

import base64
import email.parser
import hashlib
import email.policy
import email.utils
import itertools
import json
import math
import re
import threading
import time
from typing import Any
from urllib.parse import parse_qs

FINAL_STATUSES = frozenset({"succeeded", "failed", "cancelled"})
MAX_SUFFIX = 64
_JOB_PATH = re.compile(r"^/v1/fine_tuning/jobs/(?P<id>[^/]+)(?P<action>/events|/cancel|/checkpoints)?$")
_FILE_PATH = re.compile(r"^/v1/files/(?P<id>[^/]+)(?P<content>/content)?$")
# What "auto" becomes when a job starts running.
AUTO_HYPERPARAMETERS = {"n_epochs": 3, "batch_size": 1, "learning_rate_multiplier": 1.8}
_HYPERPARAMETER_BOUNDS = {"n_epochs": (int, 1, 50), "batch_size": (int, 1, 256)}
RESULT_COLUMNS = ("step", "train_loss", "train_accuracy", "valid_loss", "valid_mean_token_accuracy")

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
        self._checkpoints: dict[str, list[dict]] = {}
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
                "checkpoints": {k: list(v) for k, v in self._checkpoints.items()},
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
                if match["content"]:
                    if method != "GET" or match["id"] not in self.files:
                        return _error(404, f"No such File object: {match['id']}", param="id")
                    return 200, self.files[match["id"]]["content"]
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
                if action == "/checkpoints" and method == "GET":
                    return 200, self._page(list(reversed(self._checkpoints[job_id])), params)
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
            param = part.get_param("name", header="content-disposition")
            # An RFC 2231 parameter comes as a (charset, language, value) tuple.
            name = email.utils.collapse_rfc2231_value(param) if param else None
            payload = part.get_payload(decode=True)
            if not isinstance(payload, bytes):  # a decoded leaf part is bytes; anything else is empty
                payload = b""
            filename = part.get_filename()
            if filename:
                upload = (filename, payload)
            elif name:
                fields[name] = payload.decode()
        if upload is None:
            return _error(400, "No file was uploaded.", param="file")
        purpose = fields.get("purpose")
        if purpose not in {"fine-tune", "batch", "assistants", "vision", "user_data", "evals"}:
            return _error(400, f"Invalid purpose {purpose!r}.", param="purpose")
        return 200, self._public_file(self._store_file(upload[0], upload[1], purpose))

    def _store_file(self, filename: str, content: bytes, purpose: str) -> str:
        file_id = f"file-stub{next(self._ids)}"
        self.files[file_id] = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": int(time.time()),
            "filename": filename,
            "purpose": purpose,
            "status": "processed",
            "status_details": None,
            "content": content,
        }
        return file_id

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
        hyperparameters, problem = _hyperparameters_of(payload)
        if problem:
            return _error(400, problem, "invalid_hyperparameters", "method")
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
            "hyperparameters": dict(hyperparameters),
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
            "method": {"type": "supervised", "supervised": {"hyperparameters": dict(hyperparameters)}},
            "suffix": suffix,
            "_pending_error": error,
            "_n_train": _examples_in(self.files[training]["content"]),
            "_has_validation": validation is not None,
            "_total_steps": 0,
            "_steps": [],  # the metrics of each step done, oldest first
        }
        self._scripts[job_id] = script[1:]
        self._events[job_id] = []
        self._checkpoints[job_id] = []
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
            if not job["_total_steps"]:  # never seen running: it trained all the same
                self._start_training(job_id)
            self._train(job_id, job["_total_steps"] - len(job["_steps"]))
            job["fine_tuned_model"] = self._model_name(job_id)
            job["trained_tokens"] = 12345
            job["result_files"] = [
                self._store_file("step_metrics.csv", _result_csv(job["_steps"]), "fine-tune-results")
            ]
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
        if status == "running":
            if not job["_total_steps"]:
                self._add_event(job_id, _MESSAGES["running"])
                self._start_training(job_id)
            # This retrieve's share of the steps: the rest spread evenly over the running ones to come.
            running_left = 1 + sum(1 for s in self._scripts[job_id] if s == "running")
            left = job["_total_steps"] - len(job["_steps"])
            self._train(job_id, math.ceil(left / running_left))
            return
        message = _MESSAGES[status].format(
            training_file=job["training_file"], error=(job["error"] or {}).get("message", "")
        )
        self._add_event(job_id, message, level="error" if status == "failed" else "info")

    def _model_name(self, job_id: str) -> str:
        job = self.jobs[job_id]
        short = hashlib.sha256(job_id.encode()).hexdigest()[:8]
        return f"ft:{job['model']}:zega-stub:{job['suffix'] or 'custom'}:{short}"

    def _start_training(self, job_id: str) -> None:
        """Resolve "auto" as the provider does when training starts, and plan the steps."""
        job = self.jobs[job_id]
        resolved = {
            name: AUTO_HYPERPARAMETERS[name] if value == "auto" else value
            for name, value in job["hyperparameters"].items()
        }
        job["hyperparameters"] = resolved
        job["method"] = {"type": "supervised", "supervised": {"hyperparameters": dict(resolved)}}
        steps_per_epoch = max(1, math.ceil(job["_n_train"] / resolved["batch_size"]))
        job["_steps_per_epoch"] = steps_per_epoch
        job["_total_steps"] = resolved["n_epochs"] * steps_per_epoch

    def _train(self, job_id: str, steps: int) -> None:
        """Do the next `steps` steps: a metrics event each, a checkpoint at each epoch's end."""
        job = self.jobs[job_id]
        total = job["_total_steps"]
        for _ in range(max(0, min(steps, total - len(job["_steps"])))):
            step = len(job["_steps"]) + 1
            epoch_end = step % job["_steps_per_epoch"] == 0
            metrics = {
                "step": step,
                "train_loss": train_loss_at(step),
                "train_mean_token_accuracy": round(1 - train_loss_at(step) / 4, 4),
            }
            if epoch_end and job["_has_validation"]:
                metrics["valid_loss"] = round(train_loss_at(step) + 0.05, 4)
                metrics["valid_mean_token_accuracy"] = round(1 - metrics["valid_loss"] / 4, 4)
            job["_steps"].append(metrics)
            message = f"Step {step}/{total}: training loss={metrics['train_loss']:.4f}"
            if "valid_loss" in metrics:
                message += f", validation loss={metrics['valid_loss']:.4f}"
            self._add_event(job_id, message, "metrics", data={**metrics, "total_steps": total})
            if epoch_end:
                self._checkpoints[job_id].append(
                    {
                        "id": f"ftckpt-stub{next(self._ids)}",
                        "object": "fine_tuning.job.checkpoint",
                        "created_at": int(time.time()),
                        "fine_tuned_model_checkpoint": f"{self._model_name(job_id)}:ckpt-step-{step}",
                        "fine_tuning_job_id": job_id,
                        "metrics": {**metrics, "full_valid_loss": metrics.get("valid_loss")},
                        "step_number": step,
                    }
                )

    def _add_event(
        self, job_id: str, message: str, kind: str = "message", level: str = "info", data: dict | None = None
    ) -> None:
        self._events[job_id].append(
            {
                "id": f"ftevent-stub{next(self._ids)}",
                "object": "fine_tuning.job.event",
                "created_at": int(time.time()),
                "level": level,
                "message": message,
                "data": data or {},
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


def train_loss_at(step: int) -> float:
    """The stub's training loss at `step` (from 1): 2.0 falling towards 0.3, the same for every job."""
    return round(0.3 + 1.7 / (1 + step / 4), 4)


def _hyperparameters_of(payload: dict) -> tuple[dict, str | None]:
    """What the create request asked for, "auto" for the rest; or why it is refused. `method` is the
    current place; the deprecated top-level `hyperparameters` is honoured when `method` has none."""
    asked: Any = payload.get("hyperparameters")
    method = payload.get("method")
    if method is not None:
        if not isinstance(method, dict) or method.get("type") != "supervised":
            return {}, "method.type must be 'supervised' (the only method this stub trains)."
        supervised = method.get("supervised") or {}
        if not isinstance(supervised, dict):
            return {}, "method.supervised must be an object."
        if supervised.get("hyperparameters") is not None:
            asked = supervised["hyperparameters"]
    asked = asked or {}
    if not isinstance(asked, dict):
        return {}, "hyperparameters must be an object."
    unknown = sorted(set(asked) - set(AUTO_HYPERPARAMETERS))
    if unknown:
        return {}, f"Unknown hyperparameters: {', '.join(unknown)}."
    resolved: dict[str, Any] = {}
    for name in AUTO_HYPERPARAMETERS:
        value = asked.get(name, "auto")
        if value != "auto":
            if name == "learning_rate_multiplier":
                if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0:
                    return {}, f"{name} must be a positive number or 'auto'."
            else:
                _, low, high = _HYPERPARAMETER_BOUNDS[name]
                if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                    return {}, f"{name} must be an integer from {low} to {high} or 'auto'."
        resolved[name] = value
    return resolved, None


def _result_csv(steps: list[dict]) -> bytes:
    """The result file as the provider serves it: a CSV of every step, base64-encoded."""
    lines = [",".join(RESULT_COLUMNS)]
    for metrics in steps:
        row = {**metrics, "train_accuracy": metrics.get("train_mean_token_accuracy")}
        lines.append(",".join("" if row.get(c) is None else str(row[c]) for c in RESULT_COLUMNS))
    return base64.b64encode(("\n".join(lines) + "\n").encode())


def _examples_in(content: bytes) -> int:
    return sum(1 for line in content.decode("utf-8", errors="replace").splitlines() if line.strip())


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
