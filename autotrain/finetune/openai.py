"""Real fine-tuning through the OpenAI fine-tuning API (or any server that speaks it).

    POST /v1/files                               purpose=fine-tune, the training (and validation) JSONL
    POST /v1/fine_tuning/jobs                    model, training_file, validation_file, suffix, seed
    GET  /v1/fine_tuning/jobs/{id}               polled by the minute schedule until a final status
    GET  /v1/fine_tuning/jobs/{id}/events        newest first; we keep the ones not seen yet
    POST /v1/fine_tuning/jobs/{id}/cancel

The official client does the HTTP (its own retries stay on: these are a few calls per job, not thousands
per run). The custom model is the provider's `fine_tuned_model` (`ft:<base>:<org>:zega-<user>:<id>`).
"""

from __future__ import annotations

import re
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
)
from autotrain.finetune.dataset import Dataset

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
_TRANSIENT_STATUSES = frozenset({408, 409, 429})
_LEVELS = {"info": "info", "warn": "warn", "warning": "warn", "error": "error"}


def suffix_for(model_name: str) -> str:
    """`zega-<username>` as a suffix the API accepts: letters, digits, - and _, at most 64 characters."""
    return re.sub(r"[^A-Za-z0-9_-]", "-", model_name)[:MAX_SUFFIX]


class OpenAIFineTuneBackend(FineTuneBackend):
    name = "openai"
    kind = WEIGHTS
    default_base_model = "gpt-4o-mini-2024-07-18"
    polled = True

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
        events.append(Event(f"Created provider job {job.id} on {spec.base_model}"))
        progress = self._progress_of(job, events)
        progress.provider_file_ids = files
        progress.artifact = {"system": dataset.system}
        return progress

    def poll(self, *, provider_job_id: str, seen_event_ids: set[str]) -> Progress:
        job = self._call(self._client.fine_tuning.jobs.retrieve, provider_job_id)
        return self._progress_of(job, self._new_events(provider_job_id, seen_event_ids))

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

    def _new_events(self, provider_job_id: str, seen: set[str]) -> list[Event]:
        """Events not recorded yet, oldest first. The API lists newest first, so stop at a seen one."""
        fresh: list[Event] = []
        page = self._call(self._client.fine_tuning.jobs.list_events, provider_job_id, limit=50)
        try:
            for event in page:  # the client follows `has_more` / `after` itself
                if event.id in seen or len(fresh) >= MAX_EVENTS_PER_POLL:
                    break
                fresh.append(
                    Event(
                        message=event.message,
                        level=_LEVELS.get(event.level, "info"),
                        provider_id=event.id,
                        created_at=event.created_at,
                    )
                )
        except openai.OpenAIError as exc:  # a later page failed: keep what we have, the rest comes next poll
            if not fresh:
                raise _classify(exc) from exc
        fresh.reverse()
        return fresh

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
    def _call(method: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(*args, **kwargs)
        except openai.OpenAIError as exc:
            raise _classify(exc) from exc


def _classify(exc: openai.OpenAIError) -> FineTuneError:
    if isinstance(exc, openai.APIStatusError):
        status = exc.status_code
        detail = f"HTTP {status}: {exc.message}"
        if exc.code == "insufficient_quota":  # a 429 that waiting does not fix
            return FineTuneError(detail, permanent=True)
        return FineTuneError(detail, permanent=not (status >= 500 or status in _TRANSIENT_STATUSES))
    if isinstance(exc, openai.APITimeoutError):
        return FineTuneError("the fine-tuning API timed out", permanent=False)
    if isinstance(exc, openai.APIConnectionError):
        return FineTuneError(f"cannot reach the fine-tuning API: {exc.__cause__ or exc}", permanent=False)
    return FineTuneError(f"unexpected answer from the fine-tuning API: {exc}", permanent=False)
