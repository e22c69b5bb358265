"""The data: per-user profiles, runs, one row per requested example, fine-tune jobs, memory entries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class TrainingProfile(models.Model):
    """What we know of one user's taste, kept up to date as their runs finish."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_profile"
    )
    # {genre: kept examples}
    genre_preferences = models.JSONField(default=dict, blank=True)
    # {"average_length", "dialogue_ratio", "average_sentences"}
    writing_patterns = models.JSONField(default=dict, blank=True)
    custom_model_name = models.CharField(max_length=255, blank=True)
    auto_finetune = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"profile of {self.user}"


class TrainingRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        CANCELLED = "cancelled"

    UNFINISHED = (Status.QUEUED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_runs")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True)
    num_examples = models.PositiveIntegerField()
    # The genres asked for, folded; empty means all genres.
    genres = models.JSONField(default=list, blank=True)
    store_in_memory = models.BooleanField(default=False)
    seed = models.BigIntegerField()
    chunk_size = models.PositiveIntegerField()
    # The ensemble as configured when the run was created (names only, never keys).
    ensemble = models.JSONField(default=list, blank=True)
    strategy = models.CharField(max_length=16, default="vote")
    quality_threshold = models.FloatField()
    idempotency_key = models.CharField(max_length=255, blank=True)
    request_fingerprint = models.CharField(max_length=64, blank=True)
    error = models.TextField(blank=True)
    # The user's training stats as they stood when the run finished (CONTRACT: "after this run").
    training_stats = models.JSONField(null=True, blank=True)
    ready_for_finetuning = models.BooleanField(null=True, blank=True)
    finetune_job = models.ForeignKey(
        "FineTuneJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="triggered_by_runs"
    )
    stored_in_memory_count = models.PositiveIntegerField(default=0)
    # The LLM jury as configured when the run was created (names only), its threshold, and what the
    # judges' requests cost (CONTRACT section 5).
    jury = models.JSONField(default=list, blank=True)
    judge_threshold = models.FloatField(null=True, blank=True)
    judge_requests = models.PositiveIntegerField(default=0)
    judge_prompt_tokens = models.PositiveBigIntegerField(default=0)
    judge_completion_tokens = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Last time any of its items moved; the stall watchdog compares against it.
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="unique_run_idempotency_key_per_user",
            )
        ]
        indexes = [models.Index(fields=["user", "status"]), models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"run {self.id} ({self.num_examples} examples, {self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status not in self.UNFINISHED


class TrainingExample(models.Model):
    """One requested example of a run: planned first (pending), then kept or rejected with its reason."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        KEPT = "kept"
        REJECTED = "rejected"

    class RejectReason(models.TextChoices):
        GENERATION_ERROR = "generation_error"
        LOW_QUALITY = "low_quality"
        # Cut off: the provider's length limit (finish_reason "length") or a text that stops mid-sentence.
        TRUNCATED = "truncated"
        # Passed the heuristics, but the LLM jury would not keep it.
        JUDGE = "judge"
        DUPLICATE = "duplicate"
        CANCELLED = "cancelled"

    class JudgeStatus(models.TextChoices):
        JUDGED = "judged"
        UNAVAILABLE = "unavailable"
        OFF = "off"

    UNFINISHED = (Status.PENDING, Status.RUNNING)

    # No single-column indexes on run, user and genre: each leads a composite index below, which serves
    # the same lookups, and every index costs a write per item (PostgreSQL writes a new row version,
    # with an entry in each index, for every update that changes an indexed column).
    run = models.ForeignKey(TrainingRun, on_delete=models.CASCADE, related_name="examples", db_index=False)
    # Denormalised from the run: every per-user read and the dedup index filter on it.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_examples", db_index=False
    )
    index = models.PositiveIntegerField()
    genre = models.CharField(max_length=32)
    prompt = models.TextField()
    style_modifier = models.CharField(max_length=200)
    seed = models.BigIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    reject_reason = models.CharField(max_length=32, choices=RejectReason.choices, blank=True)
    # Human detail of the rejection: the quality penalty, the LLM error, the example it duplicates.
    reject_detail = models.TextField(blank=True)
    # The story as kept for training: the model's answer without preamble and postamble
    # (autotrain.quality.clean); exports, fine-tunes and memory use it. `raw_text` is the answer as given.
    text = models.TextField(blank=True)
    raw_text = models.TextField(blank=True)
    quality_score = models.FloatField(null=True, blank=True)
    quality_breakdown = models.JSONField(default=dict, blank=True)
    # Every member's answer: [{"model", "text", "score", "error", "latency", tokens...}].
    candidates = models.JSONField(default=list, blank=True)
    # {model: score} for each member that answered; the winner has the highest (vote).
    votes = models.JSONField(default=dict, blank=True)
    # The jury's view of the winner: the mean over judges of their mean marks, and each judge's marks.
    judge_score = models.FloatField(null=True, blank=True)
    judge_status = models.CharField(max_length=16, choices=JudgeStatus.choices, default=JudgeStatus.OFF)
    # {judge: {"prompt_adherence", "genre_fit", "prose", "completeness", "verdict", "reason"}}
    judgements = models.JSONField(default=dict, blank=True)
    # Not indexed on its own: example_quality_cover below holds it for the admin's filters and groupings.
    winning_model = models.CharField(max_length=200, blank=True)
    latency = models.FloatField(null=True, blank=True)
    prompt_tokens = models.PositiveIntegerField(null=True, blank=True)
    completion_tokens = models.PositiveIntegerField(null=True, blank=True)
    # Text features for the profile's writing patterns, aggregated in the database.
    char_count = models.PositiveIntegerField(null=True, blank=True)
    sentence_count = models.PositiveIntegerField(null=True, blank=True)
    has_dialogue = models.BooleanField(null=True, blank=True)
    # MinHash signature of the text (autotrain.dedup), so dedup indexes load without re-hashing.
    minhash = models.BinaryField(null=True, blank=True)
    # Curation by its owner or staff: an excluded example stays on record but goes into no dataset,
    # no readiness count and no memory search; who, when and why are kept (CONTRACT section 7).
    excluded = models.BooleanField(default=False)
    excluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    excluded_at = models.DateTimeField(null=True, blank=True)
    exclusion_note = models.TextField(blank=True)
    # Set when a worker claims the item; another worker may take it only after the claim expires.
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    finetune_job = models.ForeignKey(
        "FineTuneJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="examples_used"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["run", "index"]
        constraints = [models.UniqueConstraint(fields=["run", "index"], name="unique_example_index_per_run")]
        indexes = [
            models.Index(fields=["run", "status"]),
            # (user, status) lookups use example_user_kept_since, which starts with the same two columns.
            models.Index(fields=["user", "genre"]),
            # The dedup index's refresh: the user's examples kept since a moment, without reading all
            # of the user's history at every batch.
            models.Index(fields=["user", "status", "finished_at"], name="example_user_kept_since"),
            # Covers every column the admin's Training quality page groups and filters by, so its
            # aggregate reads this narrow index instead of the wide rows (texts, candidates).
            models.Index(
                fields=[
                    "genre",
                    "status",
                    "reject_reason",
                    "excluded",
                    "winning_model",
                    "quality_score",
                    "created_at",
                ],
                name="example_quality_cover",
            ),
        ]

    def __str__(self) -> str:
        return f"example {self.index} of run {self.run_id} ({self.status})"

    @property
    def kept(self) -> bool:
        return self.status == self.Status.KEPT


class FineTuneJob(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending"
        VALIDATING = "validating"
        QUEUED = "queued"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        CANCELLED = "cancelled"

    class Kind(models.TextChoices):
        # A provider trained new weights (openai).
        WEIGHTS = "weights"
        # A system prompt plus examples: nothing was trained (fewshot, ollama).
        PROMPT = "prompt"

    ACTIVE = (Status.PENDING, Status.VALIDATING, Status.QUEUED, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="finetune_jobs")
    backend = models.CharField(max_length=32)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.PROMPT)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    base_model = models.CharField(max_length=200, blank=True)
    model_name = models.CharField(max_length=255, blank=True)
    provider_job_id = models.CharField(max_length=255, blank=True)
    provider_file_ids = models.JSONField(default=dict, blank=True)
    num_examples = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    # [{"at": iso time, "message": str, "level": str}]
    events = models.JSONField(default=list, blank=True)
    # The few-shot backend's artefact (system prompt and chosen examples); empty for provider jobs.
    artifact = models.JSONField(default=dict, blank=True)
    # Training settings asked for on POST /finetune (weights backends only):
    # {"epochs", "learning_rate_multiplier", "batch_size"}; absent keys are the provider's choice.
    training_settings = models.JSONField(default=dict, blank=True)
    # The provider's training metrics, one entry per step: [{"step", "train_loss", "valid_loss"?, ...}].
    metrics = models.JSONField(default=list, blank=True)
    # The provider's checkpoints: [{"id", "step", "model", "metrics": {...}, "created_at"}].
    checkpoints = models.JSONField(default=list, blank=True)
    idempotency_key = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Breadcrumbs and admin messages show this: a prompt job is no fine-tune, nothing was trained.
        what = "fine-tune" if self.kind == self.Kind.WEIGHTS else "prompt-based custom model"
        return f"{what} {self.id} ({self.backend}, {self.status})"

    @property
    def kind_label(self) -> str:
        """The kind in words, as the API, events, admin and page say it (autotrain.finetune.base
        .kind_in_words): a weights job only says it trained once it succeeded."""
        if self.kind == self.Kind.WEIGHTS:
            if self.status == self.Status.SUCCEEDED:
                return "weights: the provider trained new weights"
            return "weights: the provider trains new weights"
        return "prompt-based: no weights were trained"


class FineTuneEvaluation(models.Model):
    """The custom model of a succeeded job and its base, writing the same held-out prompts."""

    class Status(models.TextChoices):
        PENDING = "pending"
        RUNNING = "running"
        SUCCEEDED = "succeeded"
        FAILED = "failed"
        CANCELLED = "cancelled"

    UNFINISHED = (Status.PENDING, Status.RUNNING)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    job = models.ForeignKey(FineTuneJob, on_delete=models.CASCADE, related_name="evaluations")
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    # What wrote each side: {"custom": model name, "base": model name}, and the jury (names) if any.
    writers = models.JSONField(default=dict, blank=True)
    jury = models.JSONField(default=list, blank=True)
    quality_threshold = models.FloatField()
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["job", "-created_at"])]

    def __str__(self) -> str:
        return f"evaluation {self.id} of job {self.job_id} ({self.status})"


class EvaluationPair(models.Model):
    """One held-out prompt: what the custom model and its base wrote, their scores, and who won."""

    class Status(models.TextChoices):
        PENDING = "pending"
        DONE = "done"
        FAILED = "failed"
        CANCELLED = "cancelled"

    class Winner(models.TextChoices):
        CUSTOM = "custom"
        BASE = "base"
        TIE = "tie"

    evaluation = models.ForeignKey(FineTuneEvaluation, on_delete=models.CASCADE, related_name="pairs")
    index = models.PositiveIntegerField()
    genre = models.CharField(max_length=32)
    prompt = models.TextField()
    style_modifier = models.CharField(max_length=200)
    seed = models.BigIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    custom_text = models.TextField(blank=True)
    base_text = models.TextField(blank=True)
    custom_score = models.FloatField(null=True, blank=True)
    base_score = models.FloatField(null=True, blank=True)
    custom_passed = models.BooleanField(null=True, blank=True)
    base_passed = models.BooleanField(null=True, blank=True)
    custom_breakdown = models.JSONField(default=dict, blank=True)
    base_breakdown = models.JSONField(default=dict, blank=True)
    # The jury's blind comparison when one is configured: {judge: {"preferred": "custom"|"base"|"tie",
    # "reason"}}; empty without a jury.
    judgements = models.JSONField(default=dict, blank=True)
    winner = models.CharField(max_length=8, choices=Winner.choices, blank=True)
    error = models.TextField(blank=True)
    # Set when a worker claims the pair, as run items are claimed.
    claim_token = models.UUIDField(null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "index"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "index"], name="unique_pair_index_per_evaluation")
        ]

    def __str__(self) -> str:
        return f"pair {self.index} of evaluation {self.evaluation_id} ({self.status})"


class MemoryEntry(models.Model):
    """A kept example stored for retrieval (store_in_memory)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memory_entries"
    )
    example = models.OneToOneField(TrainingExample, on_delete=models.CASCADE, related_name="memory_entry")
    text = models.TextField()
    embedder = models.CharField(max_length=200)
    dimension = models.PositiveIntegerField()
    # float32 little-endian, `dimension` values.
    embedding = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "memory entries"
        indexes = [models.Index(fields=["user", "embedder"])]

    def __str__(self) -> str:
        return f"memory of example {self.example_id}"
