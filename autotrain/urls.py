from django.urls import re_path

from autotrain.api import data, health, runs
from autotrain.api import evaluation as evaluation_api
from autotrain.api import finetune as finetune_api
from autotrain.api import generate as generate_api
from autotrain.api import memory as memory_api


def route(pattern: str, view, name: str):
    """Every API path answers with and without a trailing slash, without redirecting."""
    return re_path(rf"^{pattern}/?$", view.as_view(), name=name)


RUN_ID = r"(?P<run_id>[^/]+)"
JOB_ID = r"(?P<job_id>[^/]+)"
EXAMPLE_ID = r"(?P<example_id>[^/]+)"

urlpatterns = [
    route("auto-train", runs.AutoTrainView, "auto-train"),
    route("auto-train/runs", runs.RunListView, "run-list"),
    route(rf"auto-train/runs/{RUN_ID}", runs.RunDetailView, "run-detail"),
    route(rf"auto-train/runs/{RUN_ID}/cancel", runs.RunCancelView, "run-cancel"),
    route("training/genres", data.GenresView, "genres"),
    route("training/stats", data.StatsView, "stats"),
    route("training/examples", data.ExamplesView, "examples"),
    route(rf"training/examples/{EXAMPLE_ID}", data.ExampleDetailView, "example-detail"),
    route("memory/search", memory_api.MemorySearchView, "memory-search"),
    route("training/export", finetune_api.ExportView, "export"),
    route("finetune", finetune_api.FineTuneView, "finetune"),
    route("finetune/jobs", finetune_api.FineTuneJobListView, "finetune-job-list"),
    route(rf"finetune/jobs/{JOB_ID}", finetune_api.FineTuneJobDetailView, "finetune-job-detail"),
    route(rf"finetune/jobs/{JOB_ID}/cancel", finetune_api.FineTuneJobCancelView, "finetune-job-cancel"),
    route(rf"finetune/jobs/{JOB_ID}/evaluate", evaluation_api.FineTuneJobEvaluateView, "finetune-job-evaluate"),
    route("generate", generate_api.GenerateView, "generate"),
    route("healthz", health.HealthView, "healthz"),
]
