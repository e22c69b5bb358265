"""Fine-tune jobs: start (by request or when a run makes the user ready), execute, poll, cancel.

The lifecycle is `pending -> validating -> queued -> running -> succeeded | failed | cancelled`:

- `finetune_job_start` (one transaction, the user's profile row locked): refuses a second active job
  (409) and too little data (400), creates the job, marks the examples it takes (so they stop counting
  towards the next threshold), and enqueues its execution once committed.
- `finetune_job_execute` (a task): claims the pending job, builds and validates the dataset (bad data
  fails here, before any upload), and hands it to the backend. `fewshot` and `ollama` finish there;
  `openai` leaves a provider job queued or running.
- `finetune_job_poll` / `finetune_jobs_poll_active` (the minute schedule): ask the provider where its
  jobs stand, record new events, the final status and the `ft:` model; also re-enqueue pending jobs whose
  task was lost and fail jobs whose worker died mid-start.
- `finetune_job_cancel`: stops a job (at the provider too); a finished job answers 409.

Backend calls happen outside transactions; results are written with the job row locked and only over
the status the caller expected, so a cancel racing a start or a poll is never overwritten.
A failed or cancelled job gives its examples back (selectors.unused_kept_examples); its artifact keeps
the ids it used.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_q.tasks import async_task

from autotrain import selectors
from autotrain.finetune import dataset, registry
from autotrain.finetune.base import (
    TRAINING_SETTINGS,
    Event,
    FineTuneError,
    JobSpec,
    Progress,
    kind_in_words,
    merge_by_step,
)
from autotrain.models import FineTuneJob, TrainingExample, TrainingProfile, TrainingRun
from autotrain.services.errors import IdempotencyConflict, ServiceError
from autotrain.services.users import profile_get_or_create

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

Job = FineTuneJob
Status = FineTuneJob.Status
Example = TrainingExample
# Statuses in which a provider job may still move.
PROVIDER_ACTIVE = (Status.VALIDATING, Status.QUEUED, Status.RUNNING)


class NotEnoughExamples(ServiceError):
    status = 400


class FineTuneJobActive(ServiceError):
    status = 409


class FineTuneJobFinished(ServiceError):
    status = 409


class FineTuneProviderError(ServiceError):
    status = 502


class InvalidTrainingSettings(ServiceError):
    status = 400


# --- start -----------------------------------------------------------------------------------------


def finetune_job_start(
    *,
    user: User,
    idempotency_key: str = "",
    run: TrainingRun | None = None,
    enqueue: bool = True,
    base_model: str | None = None,
    epochs: int | None = None,
    learning_rate_multiplier: float | None = None,
    batch_size: int | None = None,
) -> tuple[FineTuneJob, bool]:
    """Create a job over the user's unused kept examples and enqueue it once committed.

    `base_model` (default: ZEGA_FINETUNE_BASE_MODEL, else the backend's) and the training settings
    (None: the provider's choice) are stored on the job; settings are for `weights` backends only.
    Returns (job, created); with an `idempotency_key` already used by this user, that job and False.
    Raises InvalidTrainingSettings (400) for what the backend cannot take, before anything is created;
    IdempotencyConflict (422) for a used key with different settings; FineTuneJobActive (409) while
    another job of the user is active; NotEnoughExamples (400) under dataset.MIN_EXAMPLES unused kept
    examples.
    """
    backend_name = registry.configured_name()
    backend = registry.backend_class(backend_name)  # a misconfigured backend fails here, not in a task
    asked = {"epochs": epochs, "learning_rate_multiplier": learning_rate_multiplier, "batch_size": batch_size}
    errors = backend.settings_errors(base_model=base_model, training_settings=asked)
    if errors:
        raise InvalidTrainingSettings("; ".join(f"{name}: {message}" for name, message in errors.items()))
    training_settings = {name: value for name, value in asked.items() if value is not None}
    if base_model is not None:
        base = base_model.strip()
    else:
        base = _base_model(backend_name, backend.default_base_model)
    with transaction.atomic():
        profile = profile_get_or_create(user=user)
        # Serialises job creation per user: two triggers cannot both see "no active job".
        TrainingProfile.objects.select_for_update().filter(pk=profile.pk).first()
        if idempotency_key:
            existing = Job.objects.filter(user=user, idempotency_key=idempotency_key).first()
            if existing is not None:
                if existing.training_settings != training_settings or existing.base_model != base:
                    raise IdempotencyConflict(
                        "This Idempotency-Key was already used for a job with other training settings."
                    )
                return existing, False
        active = Job.objects.filter(user=user, status__in=Job.ACTIVE).order_by("created_at").first()
        if active is not None:
            raise FineTuneJobActive(
                f"Fine-tune job {active.id} is still {active.status}; wait for it or cancel it first."
            )
        unused = selectors.unused_kept_examples(user_id=user.pk)
        available = unused.count()
        if available < dataset.MIN_EXAMPLES:
            raise NotEnoughExamples(
                f"{available} kept examples are not used by a fine-tune job yet; "
                f"at least {dataset.MIN_EXAMPLES} are needed."
            )
        origin = f"Started by run {run.id}" if run is not None else "Requested"
        first = f"{origin}: {available} new kept examples; {kind_in_words(backend.kind, finished=False)}"
        if training_settings:
            first += " (" + ", ".join(f"{name} {value}" for name, value in training_settings.items()) + ")"
        job = Job.objects.create(
            user=user,
            backend=backend_name,
            kind=backend.kind,
            base_model=base,
            training_settings=training_settings,
            idempotency_key=idempotency_key,
            events=[_event_dict(Event(first))],
        )
        job.num_examples = unused.update(finetune_job=job)
        job.save(update_fields=["num_examples"])
        if enqueue:
            transaction.on_commit(lambda: finetune_enqueue(job_id=job.id))
    return job, True


def _base_model(backend_name: str, default: str) -> str:
    if settings.ZEGA_FINETUNE_BASE_MODEL or default:
        return registry.base_model_for(backend_name)
    # fewshot has no base model of its own: the configured ensemble writes with the prompt.
    from autotrain.llm import registry as llm_registry

    return ", ".join(member["name"] for member in llm_registry.describe_ensemble())[:200]


def finetune_enqueue(*, job_id: uuid.UUID | str) -> None:
    async_task(
        "autotrain.tasks.finetune_execute",
        str(job_id),
        task_name=f"fine-tune {job_id}",
        group="finetune",
        sync=settings.ZEGA_RUN_TASKS_INLINE,
    )


def finetune_maybe_autotrigger(*, run: TrainingRun) -> FineTuneJob | None:
    """The job a finished run starts by itself, or None.

    Starts one when auto fine-tune is on (ZEGA_AUTO_FINETUNE and the profile's flag) and the user's
    unused kept examples reached ZEGA_FINETUNE_THRESHOLD. Called inside the run's closing transaction:
    the job is enqueued on commit, and a refusal (an active job, too little data) or any error here
    leaves the run to finish as it would have.
    """
    if not settings.ZEGA_AUTO_FINETUNE:
        return None
    profile = TrainingProfile.objects.filter(user_id=run.user_id).first()
    if profile is not None and not profile.auto_finetune:
        return None
    if selectors.unused_kept_examples(user_id=run.user_id).count() < settings.ZEGA_FINETUNE_THRESHOLD:
        return None
    try:
        with transaction.atomic():  # a savepoint: a failure must not spoil the run's transaction
            job, _ = finetune_job_start(user=run.user, run=run)
    except ServiceError as exc:
        logger.info("run %s: no automatic fine-tune: %s", run.id, exc)
        return None
    except Exception:
        logger.exception("run %s: starting the automatic fine-tune failed", run.id)
        return None
    return job


# --- execute ---------------------------------------------------------------------------------------


def finetune_job_execute(*, job_id: uuid.UUID | str) -> FineTuneJob | None:
    """Build, validate and hand the job's dataset to its backend. Returns the job, or None when it
    was not pending (delivered twice, or cancelled before it ran)."""
    claimed = Job.objects.filter(id=job_id, status=Status.PENDING).update(status=Status.VALIDATING)
    if not claimed:
        return None
    job = Job.objects.select_related("user").get(id=job_id)
    # Staff may have excluded some since the job was created: they go back, and into no dataset.
    job.examples_used.exclude(status=Example.Status.KEPT, excluded=False).update(finetune_job=None)
    records = dataset.records_from(job.examples_used.order_by("id"))
    try:
        backend = registry.get_backend(job.backend)
    except Exception as exc:  # e.g. a backend removed from the settings since the job was created
        _finish(job.id, Status.FAILED, error=f"The {job.backend} backend cannot be used: {exc}")
        return _reload(job)
    username = job.user.get_username()
    model_name = backend.model_name_for(username)
    built = dataset.build_dataset(records=records, model_name=model_name, username=username, seed=_seed(job))
    used = {
        "training_example_ids": [r.example_id for r in built.training],
        "validation_example_ids": [r.example_id for r in built.validation],
    }
    Job.objects.filter(id=job.id).update(num_examples=len(records), artifact=used)
    report = built.validate()
    _record(
        job.id,
        [Event(f"Validating {len(built.training)} training and {len(built.validation)} validation examples")],
    )
    if not report.ok:
        _finish(job.id, Status.FAILED, error=f"The training data failed validation: {report.summary()}")
        return _reload(job)
    spec = JobSpec(
        job_id=str(job.id),
        username=username,
        model_name=model_name,
        base_model=job.base_model,
        seed=_seed(job),
        **{name: value for name, value in job.training_settings.items() if name in TRAINING_SETTINGS},
    )
    try:
        progress = backend.start(spec=spec, dataset=built)
    except FineTuneError as exc:
        hint = "" if exc.permanent else " (a temporary failure: start a new job to try again)"
        _finish(job.id, Status.FAILED, error=f"{exc}{hint}")
        return _reload(job)
    except Exception as exc:
        logger.exception("fine-tune job %s: the %s backend raised", job.id, job.backend)
        _finish(job.id, Status.FAILED, error=f"Internal error in the {job.backend} backend: {exc!r}")
        return _reload(job)
    progress.artifact = {**progress.artifact, **used}
    if not _apply(job.id, progress, expected=(Status.VALIDATING,)) and progress.provider_job_id:
        _cancel_orphan(backend, progress)
    return _reload(job)


def _cancel_orphan(backend, progress: Progress) -> None:
    """The job was cancelled while its provider job was being created: stop that one too."""
    if progress.is_final:
        return
    try:
        backend.cancel(provider_job_id=progress.provider_job_id)
    except FineTuneError as exc:
        logger.warning("could not cancel orphaned provider job %s: %s", progress.provider_job_id, exc)


def _seed(job: FineTuneJob) -> int:
    # Stable per job and within a signed 32-bit int, which every provider's seed accepts.
    return job.id.int % (2**31)


# --- poll ------------------------------------------------------------------------------------------


def finetune_job_poll(*, job_id: uuid.UUID | str) -> FineTuneJob | None:
    """Ask the provider where an active provider job stands and record it. Transient failures are
    logged and left for the next poll; a permanent one (the provider lost the job) fails it."""
    job = Job.objects.filter(id=job_id).first()
    if job is None or job.status not in PROVIDER_ACTIVE or not job.provider_job_id:
        return job
    backend = registry.get_backend(job.backend)
    if not backend.polled:
        return job
    seen = {str(e["id"]) for e in job.events if isinstance(e, dict) and e.get("id")}
    try:
        progress = backend.poll(provider_job_id=job.provider_job_id, seen_event_ids=seen)
    except FineTuneError as exc:
        if not exc.permanent:
            logger.warning("fine-tune job %s: polling failed, will retry: %s", job.id, exc)
            return job
        _finish(
            job.id,
            Status.FAILED,
            error=f"The provider no longer answers for this job: {exc}",
            expected=PROVIDER_ACTIVE,
        )
        return _reload(job)
    _apply(job.id, progress, expected=PROVIDER_ACTIVE)
    return _reload(job)


def finetune_jobs_poll_active() -> int:
    """The minute schedule: poll provider jobs, recover lost tasks and dead starts. Returns jobs polled."""
    polled = 0
    active = Job.objects.filter(status__in=PROVIDER_ACTIVE).exclude(provider_job_id="")
    for job_id in active.values_list("id", flat=True):
        try:
            finetune_job_poll(job_id=job_id)
            polled += 1
        except Exception:  # one broken job must not stop the others being polled
            logger.exception("fine-tune job %s: poll failed", job_id)
    now = timezone.now()
    # A pending job whose task was lost (broker restart): enqueue it again; a duplicate is harmless,
    # since execution claims the job with a conditional update.
    lost = Job.objects.filter(
        status=Status.PENDING, created_at__lt=now - timedelta(seconds=settings.ZEGA_STALL_SECONDS)
    )
    for job_id in lost.values_list("id", flat=True):
        logger.warning("fine-tune job %s is still pending; enqueueing it again", job_id)
        finetune_enqueue(job_id=job_id)
    # Validating with no provider job past the task timeout: the worker died while starting it.
    dead_after = timedelta(seconds=settings.ZEGA_CHUNK_TIMEOUT + 120)
    for job in Job.objects.filter(status=Status.VALIDATING, provider_job_id=""):
        if now - _last_activity(job) > dead_after:
            _finish(
                job.id,
                Status.FAILED,
                error="The worker starting this job stopped; start a new job to try again.",
                expected=(Status.VALIDATING,),
            )
    return polled


def _last_activity(job: FineTuneJob) -> datetime:
    latest = job.created_at
    for event in job.events:
        try:
            moment = datetime.fromisoformat(event["at"])
        except (KeyError, TypeError, ValueError):
            continue
        latest = max(latest, moment)
    return latest


# --- cancel ----------------------------------------------------------------------------------------


def finetune_job_cancel(*, job: FineTuneJob) -> FineTuneJob:
    """Stop an unfinished job, at the provider too. 409 when it already finished, 502 when the
    provider could not be told (the job then stays as it was)."""
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(id=job.id)
        if locked.status not in Job.ACTIVE:
            raise FineTuneJobFinished(f"Fine-tune job {job.id} has already finished ({locked.status}).")
        provider_job_id = locked.provider_job_id
        if not provider_job_id:
            # Not at a provider yet: a running start sees the status change and stops its provider job.
            _set_final(locked, Status.CANCELLED, events=[Event("Cancelled on request")])
            return locked
    backend = registry.get_backend(job.backend)
    try:
        progress = backend.cancel(provider_job_id=provider_job_id)
    except FineTuneError as exc:
        if exc.permanent:
            # The provider refuses, typically because the job just finished there: record how it ended.
            polled = finetune_job_poll(job_id=job.id)
            if polled is not None and polled.status not in Job.ACTIVE:
                raise FineTuneJobFinished(
                    f"Fine-tune job {job.id} has already finished ({polled.status})."
                ) from exc
        raise FineTuneProviderError(f"The provider did not cancel the job: {exc}") from exc
    if progress.status in (Status.SUCCEEDED, Status.FAILED):
        _apply(job.id, progress, expected=Job.ACTIVE)
        raise FineTuneJobFinished(f"Fine-tune job {job.id} has already finished ({progress.status}).")
    with transaction.atomic():
        locked = Job.objects.select_for_update().get(id=job.id)
        if locked.status in Job.ACTIVE:
            _set_final(locked, Status.CANCELLED, events=[*progress.events, Event("Cancelled on request")])
    return _reload(job)


# --- recording -------------------------------------------------------------------------------------


def _apply(job_id, progress: Progress, *, expected) -> bool:
    """Copy a backend's answer onto the job, unless its status moved away from `expected` meanwhile."""
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("user").filter(id=job_id).first()
        if job is None or job.status not in expected:
            return False
        if progress.provider_job_id:
            job.provider_job_id = progress.provider_job_id
        if progress.provider_file_ids:
            job.provider_file_ids = {**job.provider_file_ids, **progress.provider_file_ids}
        if progress.artifact:
            job.artifact = {**job.artifact, **progress.artifact}
        # A poll may report steps already recorded (the result file repeats what events said): merge.
        if progress.metrics:
            job.metrics = merge_by_step(job.metrics, progress.metrics)
        if progress.checkpoints:
            job.checkpoints = merge_by_step(job.checkpoints, progress.checkpoints)
        if progress.is_final:
            job.error = progress.error or job.error
            if progress.status == Status.SUCCEEDED:
                job.model_name = progress.model_name
            _set_final(job, progress.status, events=progress.events)
        else:
            job.status = progress.status
            _append_events(job, progress.events)
            job.save()
    return True


def _set_final(job: FineTuneJob, status: str, *, events: Sequence[Event] = ()) -> None:
    """Finish a locked job (inside the caller's transaction); a success becomes the user's model."""
    job.status = status
    job.finished_at = timezone.now()
    final = list(events)
    if status == Status.FAILED and job.error:
        final.append(Event(f"Failed: {job.error}", level="error"))
    elif status == Status.SUCCEEDED:
        final.append(Event(f"Succeeded: custom model {job.model_name}"))
    _append_events(job, final)
    job.save()
    if status == Status.SUCCEEDED and job.model_name:
        profile = profile_get_or_create(user=job.user)
        profile.custom_model_name = job.model_name
        profile.save(update_fields=["custom_model_name", "updated_at"])
        # Imported here: the evaluation writes through services.generation, which reads jobs.
        from autotrain.services.evaluation import evaluation_after_success

        job_id = job.id
        transaction.on_commit(lambda: evaluation_after_success(job_id=job_id))


def _finish(job_id, status: str, *, error: str = "", expected=(Status.VALIDATING,)) -> bool:
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("user").filter(id=job_id).first()
        if job is None or job.status not in expected:
            return False
        job.error = error
        _set_final(job, status)
    return True


def _record(job_id, events: list[Event]) -> None:
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(id=job_id).first()
        if job is not None:
            _append_events(job, events)
            job.save(update_fields=["events"])


def _append_events(job: FineTuneJob, events) -> None:
    job.events = [*job.events, *(_event_dict(e) for e in events)]


def _event_dict(event: Event) -> dict:
    if event.created_at is not None:
        at = datetime.fromtimestamp(event.created_at, tz=dt_timezone.utc)
    else:
        at = timezone.now()
    entry = {"at": at.isoformat(), "message": event.message, "level": event.level}
    if event.provider_id:
        entry["id"] = event.provider_id
    return entry


def _reload(job: FineTuneJob) -> FineTuneJob:
    return Job.objects.select_related("user").get(id=job.id)
