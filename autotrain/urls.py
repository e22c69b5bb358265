from django.urls import re_path

from autotrain import api


def route(pattern: str, view, name: str):
    """Every API path answers with and without a trailing slash, without redirecting."""
    return re_path(rf"^{pattern}/?$", view.as_view(), name=name)


RUN_ID = r"(?P<run_id>[0-9a-fA-F-]{32,36})"

urlpatterns = [
    route("auto-train", api.AutoTrainView, "auto-train"),
    route("auto-train/runs", api.RunListView, "run-list"),
    route(rf"auto-train/runs/{RUN_ID}", api.RunDetailView, "run-detail"),
    route(rf"auto-train/runs/{RUN_ID}/cancel", api.RunCancelView, "run-cancel"),
    route("training/genres", api.GenresView, "genres"),
    route("training/stats", api.StatsView, "stats"),
    route("training/examples", api.ExamplesView, "examples"),
    route("healthz", api.HealthView, "healthz"),
]
