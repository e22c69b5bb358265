"""The writes. Keyword-only, typed; views, tasks, commands and admin actions call these and nothing else.

One module per responsibility; this package re-exports them so callers write `services.run_create(...)`.
"""

from autotrain.services.chunks import run_execute_chunk  # noqa: F401
from autotrain.services.errors import (  # noqa: F401
    IdempotencyConflict,
    RunAlreadyFinished,
    ServiceError,
    TooManyActiveRuns,
)
from autotrain.services.evaluation import (  # noqa: F401
    EvaluationNotPossible,
    EvaluationUnfinished,
    evaluation_after_success,
    evaluation_cancel,
    evaluation_execute_chunk,
    evaluation_finish,
    evaluation_start,
    evaluations_requeue_stalled,
    unfinished_evaluation,
)
from autotrain.services.finetune import (  # noqa: F401
    FineTuneJobActive,
    FineTuneJobFinished,
    FineTuneProviderError,
    InvalidTrainingSettings,
    NotEnoughExamples,
    finetune_job_cancel,
    finetune_job_execute,
    finetune_job_poll,
    finetune_job_start,
    finetune_jobs_poll_active,
    finetune_maybe_autotrigger,
)
from autotrain.services.generation import GeneratedStory, GenerationFailed, generate_story  # noqa: F401
from autotrain.services.memory import (  # noqa: F401
    memory_entries_delete,
    memory_reembed,
    memory_store_examples,
    memory_store_run,
)
from autotrain.services.runs import (  # noqa: F401
    request_fingerprint,
    run_cancel,
    run_create,
    run_enqueue_chunks,
    run_finish,
    runs_requeue_stalled,
)
from autotrain.services.users import profile_get_or_create, profile_refresh, user_get_or_create  # noqa: F401
