"""The "Training quality" admin page: what the scorer kept and rejected, per genre and per model.

The numbers come from `autotrain.selectors.quality` (aggregates in the database); the charts are inline
SVG drawn here, so the page works with nothing but the admin's own CSS.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse

from autotrain import catalog
from autotrain.admin import charts
from autotrain.admin.common import admin_changelist_url
from autotrain.models import TrainingExample
from autotrain.selectors.quality import REJECT_REASONS, QualityFilters, quality_overview, start_of_day


class QualityFilterForm(forms.Form):
    user = forms.CharField(required=False, max_length=150, help_text="a username; empty for everyone")
    date_from = forms.DateField(required=False, label="From", widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean_user(self):
        username = self.cleaned_data["user"].strip()
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).only("pk", "username").first()
        if user is None:
            raise forms.ValidationError(f"No user named {username!r}.")
        return user

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            raise forms.ValidationError("The start date is after the end date.")
        return cleaned


def _example_list_url(*, filters: QualityFilters, username: str | None, **params) -> str:
    """The example list narrowed to the page's filters plus `params`."""
    if username:
        params["user"] = username
    # Bounds as aware instants, the way the list's own date filter writes them.
    if filters.date_from:
        params["created_at__gte"] = str(start_of_day(filters.date_from))
    if filters.date_to:
        params["created_at__lt"] = str(start_of_day(filters.date_to + datetime.timedelta(days=1)))
    return admin_changelist_url(TrainingExample, **params)


def _genre_label(key: str) -> str:
    genre = catalog.GENRES.get(key)
    return genre.label if genre else key


def training_quality_view(request: HttpRequest, *, model_admin) -> TemplateResponse:
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    form = QualityFilterForm(request.GET or None)
    filters, username, overview = QualityFilters(), None, None
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        user = data.get("user")
        username = user.username if user else None
        filters = QualityFilters(
            user_id=user.pk if user else None, date_from=data.get("date_from"), date_to=data.get("date_to")
        )
        overview = quality_overview(filters)

    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Training quality",
        "subtitle": username,
        "opts": model_admin.model._meta,
        "form": form,
        "overview": overview,
        "reasons": REJECT_REASONS,
        "threshold": settings.ZEGA_QUALITY_THRESHOLD,
    }
    if overview is not None:
        context.update(_page_parts(overview, filters=filters, username=username))
    return TemplateResponse(request, "admin/autotrain/training_quality.html", context)


def _page_parts(overview: dict, *, filters: QualityFilters, username: str | None) -> dict:
    per_genre = overview["per_genre"]
    ordered = [key for key in catalog.GENRE_KEYS if key in per_genre] + sorted(
        key for key in per_genre if key not in catalog.GENRE_KEYS
    )
    genre_rows = [
        {
            "key": key,
            "label": _genre_label(key),
            "url": _example_list_url(filters=filters, username=username, genre=key),
            "rejected_urls": {
                reason: _example_list_url(filters=filters, username=username, genre=key, reject_reason=reason)
                for reason in REJECT_REASONS
            },
            "reasons": [per_genre[key]["rejected_by_reason"][reason] for reason in REJECT_REASONS],
            **per_genre[key],
        }
        for key in ordered
    ]
    genre_chart = charts.stacked_bars(
        [
            (
                row["label"],
                [charts.Segment(row["kept"], charts.KEPT_COLOR, "kept")]
                + [
                    charts.Segment(row["rejected_by_reason"][reason], charts.REASON_COLORS[reason], reason)
                    for reason in REJECT_REASONS
                ],
            )
            for row in genre_rows
        ],
        title="Kept and rejected examples per genre",
    )
    model_rows = [
        {**row, "url": _example_list_url(filters=filters, username=username, model=row["model"])}
        for row in overview["per_model"]
    ]
    model_chart = charts.stacked_bars(
        [
            (
                row["model"],
                [
                    charts.Segment(row["wins"], charts.KEPT_COLOR, "wins (kept)"),
                    charts.Segment(
                        row["rejected"], charts.REASON_COLORS["low_quality"], "won, then rejected"
                    ),
                ],
            )
            for row in model_rows
        ],
        title="Examples won per model",
    )
    return {
        "genre_rows": genre_rows,
        "model_rows": model_rows,
        "genre_chart": genre_chart,
        "genre_legend": charts.legend(
            [("kept", charts.KEPT_COLOR)]
            + [(reason, charts.REASON_COLORS[reason]) for reason in REJECT_REASONS]
        ),
        "model_chart": model_chart,
        "model_legend": charts.legend(
            [("wins (kept)", charts.KEPT_COLOR), ("won, then rejected", charts.REASON_COLORS["low_quality"])]
        ),
        "histogram_chart": charts.histogram(
            overview["histogram"], title="Quality score histogram", threshold=settings.ZEGA_QUALITY_THRESHOLD
        ),
        "histogram_legend": charts.legend(
            [("kept", charts.KEPT_COLOR), ("rejected", charts.REASON_COLORS["low_quality"])]
        ),
        "all_examples_url": _example_list_url(filters=filters, username=username),
    }
