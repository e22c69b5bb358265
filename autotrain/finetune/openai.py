"""Real fine-tuning through the OpenAI fine-tuning API (or any server that speaks it).

    POST /v1/files                               purpose=fine-tune, the training (and validation) JSONL
    POST /v1/fine_tuning/jobs                    model, training_file, validation_file, suffix, seed,
                                                 method (the training settings asked for, if any)
    GET  /v1/fine_tuning/jobs/{id}               polled by the minute schedule until a final status
    GET  /v1/fine_tuning/jobs/{id}/events        newest first; we keep the ones not seen yet
    GET  /v1/fine_tuning/jobs/{id}/checkpoints   the checkpoints so far (running and at the end)
    GET  /v1/files/{result_files[0]}/content     at success: the per-step metrics as CSV
    POST /v1/fine_tuning/jobs/{id}/cancel

The official client does the HTTP (its own retries stay on: these are a few calls per job, not thousands
per run); what a failure means (permanent or not) is autotrain.llm.openai_errors' call, as for every
OpenAI-compatible caller. The custom model is the provider's `fine_tuned_model`
(`ft:<base>:<org>:zega-<user>:<id>`).

Metrics: while the job runs, the provider logs an event of type "metrics" per step (`data`: step,
train_loss, valid_loss, ...). They become the job's `metrics`, and one summary event per poll rather than
one event per step. At success the result file, written by the provider after training, has every step;
where both speak of a step, the file wins.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import logging
import re
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any

import openai

from autotrain.finetune.base import (
    CANCELLED,
    FAILED,
    QUEUED,
    RUNNING,
    SUCCEEDED,
    VALIDATING,
    WEIGHTS,
    Event,
    FineTuneBackend,
    FineTuneError,
    JobSpec,
    Progress,
    merge_by_step,
)
from autotrain.finetune.dataset import Dataset
from autotrain.llm import openai_errors

logger = logging.getLogger(__name__)

# The OpenAI API takes a suffix of up to 64 characters.
MAX_SUFFIX = 64
# How many new events one poll records at most (a long job logs one per training step).
MAX_EVENTS_PER_POLL = 200

_STATUSES = {
    "validating_files": VALIDATING,
    "queued": QUEUED,
    "running": RUNNING,
    "succeeded": SUCCEEDED,
    "failed": FAILED,
    "cancelled": CANCELLED,
}
_LEVELS = {"info": "info", "warn": "warn", "warning": "warn", "error": "error"}
_API_NAMES = {"epochs": "n_epochs"}
# What a metrics event's `data` (and a checkpoint's `metrics`) says that we keep, besides `step`.
METRIC_FIELDS = ("train_loss", "valid_loss", "train_mean_token_accuracy", "valid_mean_token_accuracy")
# The result file's columns, as the provider names them -> ours.
_RESULT_COLUMNS = {
    "train_loss": "train_loss",
    "train_accuracy": "train_mean_token_accuracy",
    "train_mean_token_accuracy": "train_mean_token_accuracy",
    "valid_loss": "valid_loss",
    "valid_mean_token_accuracy": "valid_mean_token_accuracy",
}


def suffix_for(model_name: str) -> str:
    """`zega-<username>` as a suffix the API accepts: letters, digits, - and _, at most 64 characters."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", model_name)[:MAX_SUFFIX]


class OpenAIFineTuneBackend(FineTuneBackend):
    name = "openai"
    kind = WEIGHTS
    default_base_model = "gpt-4o-mini-2024-07-18"
    polled = True
    base_model_help = (
        "the model the provider fine-tunes (one it allows fine-tuning, or an ft: model to go on from)"
    )

    def __init__(
        self, *, base_url: str | None, api_key: str | None, timeout: float = 60.0, max_retries: int = 2
    ) -> None:
        self.base_url = base_url
        self._client = openai.OpenAI(
            base_url=base_url,
            # Local OpenAI-compatible servers want no key; the client insists on a string.
            api_key=api_key or "not-needed",
            timeout=timeout,
            max_retries=max_retries,
        )

    # --- the three calls ---

    def start(self, *, spec: JobSpec, dataset: Dataset) -> Progress:
        events: list[Event] = []
        files: dict[str, str] = {}
        try:
            files["training"] = self._upload(
                f"{spec.model_name}-{spec.job_id}-train.jsonl", dataset.training_jsonl()
            )
            events.append(Event(f"Uploaded {len(dataset.training)} training examples as {files['training']}"))
            if dataset.validation:
                files["validation"] = self._upload(
                    f"{spec.model_name}-{spec.job_id}-validation.jsonl", dataset.validation_jsonl()
                )
                events.append(
                    Event(f"Uploaded {len(dataset.validation)} validation examples as {files['validation']}")
                )
            options: dict[str, Any] = {}
            if "validation" in files:
                options["validation_file"] = files["validation"]
            hyperparameters = hyperparameters_for(spec)
            if hyperparameters:
                # `method` is how the API takes settings now; the top-level `hyperparameters` is deprecated
                # and sending both invites a conflict, so only `method` goes. Nothing asked: nothing sent,
                # and the provider picks ("auto").
                options["method"] = {"type": "supervised", "supervised": {"hyperparameters": hyperparameters}}
            job = self._call(
                self._client.fine_tuning.jobs.create,
                model=spec.base_model,
                training_file=files["training"],
                suffix=suffix_for(spec.model_name),
                seed=spec.seed,
                **options,
            )
        except FineTuneError:
            self._delete_files(files)  # nothing refers to them now
            raise
        asked = ", ".join(f"{name} {value}" for name, value in spec.training_settings.items())
        events.append(
            Event(f"Created provider job {job.id} on {spec.base_model}" + (f" ({asked})" if asked else ""))
        )
        progress = self._progress_of(job, events)
        progress.provider_file_ids = files
        progress.artifact = {"system": dataset.system}
        return progress

    def poll(self, *, provider_job_id: str, seen_event_ids: set[str]) -> Progress:
        job = self._call(self._client.fine_tuning.jobs.retrieve, provider_job_id)
        events, metrics = self._new_events(provider_job_id, seen_event_ids)
        progress = self._progress_of(job, events)
        if progress.status in (RUNNING, SUCCEEDED):
            progress.checkpoints = self._checkpoints(provider_job_id, progress)
        if progress.status == SUCCEEDED and job.result_files:
            from_file = self._result_metrics(job.result_files[0], progress)
            metrics = merge_by_step(metrics, from_file)
        progress.metrics = metrics
        return progress

    def cancel(self, *, provider_job_id: str) -> Progress:
        job = self._call(self._client.fine_tuning.jobs.cancel, provider_job_id)
        return self._progress_of(job, [])

    # --- helpers ---

    def _upload(self, filename: str, content: bytes) -> str:
        uploaded = self._call(
            self._client.files.create, file=(filename, content, "application/jsonl"), purpose="fine-tune"
        )
        return uploaded.id

    def _delete_files(self, files: dict[str, str]) -> None:
        for file_id in files.values():
            try:
                self._client.files.delete(file_id)
            except openai.OpenAIError:
                pass  # best effort: an orphaned upload costs storage, not correctness

    def _new_events(self, provider_job_id: str, seen: set[str]) -> tuple[list[Event], list[dict]]:
        """Events not recorded yet, oldest first, and the metrics their "metrics" events carry.

        The API lists newest first, so reading stops at a seen one. The metrics events are folded into
        one summary event that carries the newest one's id: the next poll stops there.
        """
        fresh: list[Any] = []
        page = self._call(self._client.fine_tuning.jobs.list_events, provider_job_id, limit=50)
        try:
            for event in page:  # the client follows `has_more` / `after` itself
                if event.id in seen or len(fresh) >= MAX_EVENTS_PER_POLL:
                    break
                fresh.append(event)
        except openai.OpenAIError as exc:  # a later page failed: keep what we have, the rest comes next poll
            if not fresh:
                raise _classify(exc) from exc
        fresh.reverse()
        events: list[Event] = []
        metrics: list[dict] = []
        newest = None  # the newest metrics event, its metrics, and where it stands among the others
        for event in fresh:
            entry = metric_of_event(event)
            if entry is None:
                events.append(
                    Event(
                        message=event.message,
                        level=_LEVELS.get(event.level, "info"),
                        provider_id=event.id,
                        created_at=event.created_at,
                    )
                )
            else:
                metrics.append(entry)
                newest = (event, entry, len(events))
        if newest is not None:
            event, entry, position = newest
            summary = metrics_summary(entry, getattr(event, "data", None))
            events.insert(position, Event(summary, provider_id=event.id, created_at=event.created_at))
        return events, merge_by_step([], metrics)

    def _checkpoints(self, provider_job_id: str, progress: Progress) -> list[dict]:
        """The provider's checkpoints; one that cannot be read now is read at a later poll (or lost at
        the last one, which says so in an event)."""
        found = []
        try:
            for checkpoint in self._client.fine_tuning.jobs.checkpoints.list(provider_job_id, limit=50):
                found.append(checkpoint_of(checkpoint))
        except openai.OpenAIError as exc:
            logger.warning("fine-tune %s: could not list its checkpoints: %s", provider_job_id, exc)
            if progress.is_final:
                progress.events.append(Event(f"Could not list the checkpoints: {_classify(exc)}", "warn"))
        return merge_by_step([], found)

    def _result_metrics(self, file_id: str, progress: Progress) -> list[dict]:
        try:
            content = self._client.files.content(file_id).content
        except openai.OpenAIError as exc:
            progress.events.append(
                Event(f"Could not read the result file {file_id}: {_classify(exc)}", level="warn")
            )
            return []
        metrics = parse_result_file(content)
        if metrics:
            last = metrics[-1]
            progress.events.append(
                Event(f"Read {len(metrics)} steps from the result file {file_id}; {metrics_summary(last)}")
            )
        else:
            progress.events.append(Event(f"The result file {file_id} holds no metrics", level="warn"))
        return metrics

    @staticmethod
    def _progress_of(job: Any, events: list[Event]) -> Progress:
        status = _STATUSES.get(job.status, RUNNING)  # an unknown non-final status ("paused"): still going
        progress = Progress(status=status, provider_job_id=job.id, events=events)
        if status == SUCCEEDED:
            if job.fine_tuned_model:
                progress.model_name = job.fine_tuned_model
            else:
                progress.status = FAILED
                progress.error = "The provider reported success but named no fine-tuned model."
        elif status == FAILED:
            error = getattr(job, "error", None)
            message = getattr(error, "message", None) or "The provider reported the job as failed."
            code = getattr(error, "code", None)
            progress.error = f"{message} ({code})" if code else message
        return progress

    @staticmethod
    def _call(call: Any, /, *args: Any, **kwargs: Any) -> Any:
        # Positional-only: the create call itself takes a keyword named `method`.
        try:
            return call(*args, **kwargs)
        except openai.OpenAIError as exc:
            raise _classify(exc) from exc


def hyperparameters_for(spec: JobSpec) -> dict[str, Any]:
    """The settings asked for, named as the API names them (our `epochs` is its `n_epochs`)."""
    return {_API_NAMES.get(name, name): value for name, value in spec.training_settings.items()}


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _step(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number >= 0 and number == int(number) else None


def _metric_entry(step: int, values: dict) -> dict:
    entry: dict[str, Any] = {"step": step, "train_loss": None}
    for name in METRIC_FIELDS:
        number = _number(values.get(name))
        if number is not None:
            entry[name] = round(number, 6)
    return entry


def metric_of_event(event: Any) -> dict | None:
    """The metrics of a provider event of type "metrics", or None for any other event."""
    data = getattr(event, "data", None)
    if getattr(event, "type", None) != "metrics" or not isinstance(data, dict):
        return None
    step = _step(data.get("step"))
    return None if step is None else _metric_entry(step, data)


def metrics_summary(entry: dict, data: Any = None) -> str:
    """A step in words, e.g. `Step 12/40: train loss 1.2300, valid loss 1.3100` (the total when the
    provider's `data` says it)."""
    total = _step(data.get("total_steps")) if isinstance(data, dict) else None
    words = [f"Step {entry['step']}" + (f"/{total}" if total else "") + ":"]
    parts = []
    if entry.get("train_loss") is not None:
        parts.append(f"train loss {entry['train_loss']:.4f}")
    if entry.get("valid_loss") is not None:
        parts.append(f"valid loss {entry['valid_loss']:.4f}")
    return " ".join(words + [", ".join(parts) or "no loss reported"])


def parse_result_file(content: bytes) -> list[dict]:
    """The per-step metrics of a result file: a CSV (step,train_loss,train_accuracy,valid_loss,
    valid_mean_token_accuracy). OpenAI serves it base64-encoded; a plain CSV is read as well."""
    text = content.decode("utf-8", errors="replace").strip()
    if not text.lower().startswith("step"):
        try:
            text = base64.b64decode(text, validate=False).decode("utf-8", errors="replace").strip()
        except (binascii.Error, ValueError):
            return []
    rows = csv.DictReader(io.StringIO(text))
    metrics = []
    for row in rows:
        step = _step((row.get("step") or "").strip())
        if step is None:
            continue
        values = {
            ours: (row.get(column) or "").strip() or None
            for column, ours in _RESULT_COLUMNS.items()
            if column in row
        }
        metrics.append(_metric_entry(step, values))
    return merge_by_step([], metrics)


def checkpoint_of(checkpoint: Any) -> dict:
    metrics: Any = getattr(checkpoint, "metrics", None)
    values = metrics.model_dump() if hasattr(metrics, "model_dump") else dict(metrics or {})
    created = getattr(checkpoint, "created_at", None)
    return {
        "id": checkpoint.id,
        "step": int(checkpoint.step_number),
        "model": checkpoint.fine_tuned_model_checkpoint,
        "metrics": {k: round(float(v), 6) for k, v in values.items() if _number(v) is not None},
        "created_at": (
            datetime.fromtimestamp(created, tz=dt_timezone.utc).isoformat() if created is not None else None
        ),
    }


def _classify(exc: openai.OpenAIError) -> FineTuneError:
    failure = openai_errors.classify(exc, server="the fine-tuning API")
    return FineTuneError(failure.message, permanent=failure.permanent)
