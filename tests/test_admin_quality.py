"""The Training quality page and the aggregates behind it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from autotrain.models import TrainingExample
from autotrain.selectors.quality import QualityFilters, quality_overview
from tests.factories import ExampleFactory, RunFactory, grant_review_permissions

Example = TrainingExample
QUALITY = reverse("admin:autotrain_training_quality")


def listed_pks(response) -> list[int]:
    return sorted(obj.pk for obj in response.context["cl"].result_list)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factories set a password per user; the production hasher costs ~0.5 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data(user, other_user):
    """alice: fantasy 9.0 (m-a), fantasy 8.0 (m-b), fantasy 7.5 excluded (m-a), fantasy low 3.0 (m-b),
    sci_fi 8.6 (m-a), sci_fi duplicate 8.2 (m-a), horror generation error, one pending;
    bob: horror 10.0 (m-b), created 30 days ago."""
    run = RunFactory(user=user, num_examples=8)
    ExampleFactory(run=run, genre="fantasy", quality_score=9.0, winning_model="m-a")
    ExampleFactory(run=run, genre="fantasy", quality_score=8.0, winning_model="m-b")
    ExampleFactory(run=run, genre="fantasy", quality_score=7.5, winning_model="m-a", excluded=True)
    ExampleFactory(
        run=run,
        genre="fantasy",
        quality_score=3.0,
        winning_model="m-b",
        status="rejected",
        reject_reason="low_quality",
    )
    ExampleFactory(run=run, genre="sci_fi", quality_score=8.6, winning_model="m-a")
    ExampleFactory(
        run=run,
        genre="sci_fi",
        quality_score=8.2,
        winning_model="m-a",
        status="rejected",
        reject_reason="duplicate",
    )
    ExampleFactory(
        run=run,
        genre="horror",
        quality_score=None,
        winning_model="",
        text="",
        status="rejected",
        reject_reason="generation_error",
    )
    ExampleFactory(run=run, genre="horror", quality_score=None, winning_model="", text="", status="pending")
    old = ExampleFactory(
        run=RunFactory(user=other_user), genre="horror", quality_score=10.0, winning_model="m-b"
    )
    Example.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    return {"alice": user, "bob": other_user}


@pytest.mark.django_db
def test_per_genre_counts_and_averages(data):
    overview = quality_overview(QualityFilters())
    fantasy = overview["per_genre"]["fantasy"]
    assert (fantasy["kept"], fantasy["in_training"], fantasy["excluded"], fantasy["rejected"]) == (3, 2, 1, 1)
    assert fantasy["rejected_by_reason"] == {
        "generation_error": 0,
        "low_quality": 1,
        "truncated": 0,
        "judge": 0,
        "duplicate": 0,
        "cancelled": 0,
    }
    assert fantasy["average_kept_quality"] == round((9.0 + 8.0 + 7.5) / 3, 2)
    assert fantasy["average_quality"] == round((9.0 + 8.0 + 7.5 + 3.0) / 4, 2)
    assert overview["per_genre"]["sci_fi"]["rejected_by_reason"]["duplicate"] == 1
    horror = overview["per_genre"]["horror"]
    assert horror["finished"] == 2 and horror["kept"] == 1  # the pending item is not finished
    assert horror["rejected_by_reason"]["generation_error"] == 1 and horror["average_quality"] == 10.0
    totals = overview["totals"]
    assert (totals["finished"], totals["kept"], totals["in_training"], totals["rejected"]) == (8, 5, 4, 3)


@pytest.mark.django_db
def test_histogram_bins_scores_by_half_points(data):
    bins = {b["low"]: b for b in quality_overview(QualityFilters())["histogram"]}
    assert len(bins) == 20 and bins[0.0]["high"] == 0.5
    assert (bins[9.0]["kept"], bins[8.0]["kept"], bins[7.5]["kept"], bins[8.5]["kept"]) == (1, 1, 1, 1)
    assert bins[3.0]["rejected"] == 1 and bins[8.0]["rejected"] == 1  # the low one and the 8.2 duplicate
    assert bins[9.5]["kept"] == 1  # a perfect 10 lands in the last bin
    assert sum(b["kept"] + b["rejected"] for b in bins.values()) == 7  # every scored example, once


@pytest.mark.django_db
def test_per_model_wins_and_average_quality(data):
    models = {row["model"]: row for row in quality_overview(QualityFilters())["per_model"]}
    assert set(models) == {"m-a", "m-b"}
    assert (models["m-a"]["wins"], models["m-a"]["rejected"]) == (3, 1)
    assert models["m-a"]["average_quality"] == round((9.0 + 7.5 + 8.6) / 3, 2)
    assert (models["m-b"]["wins"], models["m-b"]["rejected"], models["m-b"]["average_quality"]) == (2, 1, 9.0)


@pytest.mark.django_db
def test_filters_by_user_and_date(data):
    bob = quality_overview(QualityFilters(user_id=data["bob"].pk))
    assert bob["totals"]["finished"] == 1 and set(bob["per_genre"]) == {"horror"}
    today = timezone.now().date()
    recent = quality_overview(QualityFilters(date_from=today - datetime.timedelta(days=7)))
    assert recent["totals"]["finished"] == 7
    older = quality_overview(QualityFilters(date_to=today - datetime.timedelta(days=7)))
    assert older["totals"]["finished"] == 1
    one_day = quality_overview(QualityFilters(date_from=today, date_to=today, user_id=data["alice"].pk))
    assert one_day["totals"]["finished"] == 7


@pytest.mark.django_db
def test_the_page_shows_tables_and_inline_svg_charts(client, staff_user, data):
    client.force_login(staff_user)
    response = client.get(QUALITY)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<svg") >= 3 + 1  # genre chart, histogram, model chart (+ the admin's icon sprite)
    assert "Quality score histogram" in html and "threshold 7" in html
    assert '<tr data-genre="fantasy">' in html and '<tr data-model="m-a">' in html
    genre_rows = response.context["genre_rows"]
    assert [row["key"] for row in genre_rows] == ["fantasy", "sci_fi", "horror"]  # catalog order
    # Rows link to the matching examples.
    assert "/admin/autotrain/trainingexample/?genre=fantasy" in html


@pytest.mark.django_db
def test_the_page_filters_by_username_and_dates(client, staff_user, data):
    client.force_login(staff_user)
    response = client.get(QUALITY, {"user": "bob", "date_from": "2000-01-01", "date_to": "2100-12-31"})
    assert response.status_code == 200
    assert response.context["overview"]["totals"]["finished"] == 1
    assert "user=bob" in response.context["genre_rows"][0]["url"]
    url = response.context["genre_rows"][0]["url"]
    assert "created_at__gte=2000-01-01+00%3A00%3A00%2B00%3A00" in url
    assert "created_at__lt=2101-01-01+00%3A00%3A00%2B00%3A00" in url
    assert listed_pks(client.get(url)) == list(
        Example.objects.filter(user__username="bob", genre="horror").values_list("pk", flat=True)
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params, error",
    [
        ({"user": "nobody"}, "No user named &#x27;nobody&#x27;."),
        ({"date_from": "2024-05-02", "date_to": "2024-05-01"}, "The start date is after the end date."),
        ({"date_from": "yesterday"}, "Enter a valid date."),
    ],
)
def test_bad_filters_show_an_error_and_no_numbers(client, staff_user, data, params, error):
    client.force_login(staff_user)
    response = client.get(QUALITY, params)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["overview"] is None


@pytest.mark.django_db
def test_excluding_shows_up_on_the_page(client, staff_user, data):
    client.force_login(grant_review_permissions(staff_user))
    before = client.get(QUALITY).context["overview"]["totals"]
    target = Example.objects.get(genre="sci_fi", status="kept")
    client.post(
        reverse("admin:autotrain_trainingexample_changelist"),
        {"action": "exclude_from_training", "_selected_action": [target.pk], "index": 0},
    )
    after = client.get(QUALITY).context["overview"]
    assert after["totals"]["in_training"] == before["in_training"] - 1
    assert after["totals"]["excluded"] == before["excluded"] + 1
    assert after["per_genre"]["sci_fi"]["in_training"] == 0
