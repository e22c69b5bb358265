"""The reads. Every number the API, the page, the admin and the commands show is computed here.

One module per area; this package re-exports them so callers write `selectors.run_summary(...)`.
"""

from autotrain.selectors.examples import (  # noqa: F401
    REJECT_REASONS,
    Examples,
    dataset_export_inputs,
    example_for_user,
    examples_chosen,
    examples_for_export,
    examples_for_user,
    kept_examples,
    storable_examples,
    unused_kept_examples,
)
from autotrain.selectors.finetune import (  # noqa: F401
    TRAINING_STATS_FIELDS,
    custom_model_job,
    evaluation_detail,
    finetune_job_brief,
    finetune_job_detail,
    finetune_jobs_for_user,
    latest_evaluation,
    user_training_overview,
    user_training_stats,
)
from autotrain.selectors.quality import QualityFilters, quality_overview, run_outcomes  # noqa: F401
from autotrain.selectors.runs import run_summary, runs_for_user  # noqa: F401
from autotrain.selectors.memory import Match, memory_context_for, memory_search  # noqa: F401
