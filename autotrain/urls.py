from django.urls import re_path

from autotrain.api import data, health, runs


def route(pattern: str, view, name: str):
    """Every API path answers with and without a trailing slash, without redirecting."""
    return re_path(rf"^{pattern}/?$", view.as_view(), name=name)


RUN_ID = r"(?P<run_id>[^/]+)"

urlpatterns = [
    route("auto-train", runs.AutoTrainView, "auto-train"),
    route("auto-train/runs", runs.RunListView, "run-list"),
    route(rf"auto-train/runs/{RUN_ID}", runs.RunDetailView, "run-detail"),
    route(rf"auto-train/runs/{RUN_ID}/cancel", runs.RunCancelView, "run-cancel"),
    route("training/genres", data.GenresView, "genres"),
    route("training/stats", data.StatsView, "stats"),
    route("training/examples", data.ExamplesView, "examples"),
    route("healthz", health.HealthView, "healthz"),
]
