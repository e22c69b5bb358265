"""The admin site (CONTRACT section 7): who gets in, and the training examples' list, detail page,
filters and actions."""

from __future__ import annotations

import datetime
import json
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from autotrain import selectors
from autotrain.models import TrainingExample, TrainingProfile
from tests.factories import ExampleFactory, RunFactory, UserFactory
from tests.helpers import (
    ADMIN_EXAMPLES,
    ADMIN_QUALITY,
    ADMIN_RUNS,
    BREAKDOWN,
    example_change,
    listed,
    post_action,
)

pytestmark = pytest.mark.usefixtures("fast_password_hashing")

Example = TrainingExample


# --- who gets in ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", ADMIN_EXAMPLES, ADMIN_RUNS, ADMIN_QUALITY])
def test_a_non_staff_user_is_refused(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(ADMIN_QUALITY)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_inactive_staff_user_is_refused(client):
    inactive = UserFactory(username="gone", is_staff=True, is_active=False)
    client.force_login(inactive)
    assert client.get(ADMIN_EXAMPLES).status_code == 302


@pytest.mark.django_db
def test_the_admin_index_lists_the_models_and_links_the_quality_page(staff):
    response = staff.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{ADMIN_QUALITY}"' in html and "Training quality" in html
    for model in ("trainingexample", "trainingrun", "finetunejob", "trainingprofile", "memoryentry"):
        assert f"/admin/autotrain/{model}/" in html


# --- examples: list, detail ----------------------------------------------------------------------


@pytest.mark.django_db
def test_example_list_shows_score_outcome_model_and_run(staff, run):
    kept = ExampleFactory(run=run, quality_score=8.25, quality_breakdown=BREAKDOWN, winning_model="m-alpha")
    ExampleFactory(
        run=run, status="rejected", reject_reason="low_quality", reject_detail="too short", quality_score=2.0
    )
    response = staff.get(ADMIN_EXAMPLES)
    html = response.content.decode()
    assert response.status_code == 200
    assert "8.25" in html and "base +7, length +1, sentences +0.5" in html  # the breakdown on hover
    assert "low_quality: too short" in html and "m-alpha" in html
    assert reverse("admin:autotrain_trainingrun_change", args=[run.pk]) in html
    assert f"?user={run.user.username}" in html
    assert f'<a href="{ADMIN_QUALITY}">Training quality</a>' in html
    assert listed(response) == sorted(Example.objects.values_list("pk", flat=True))
    assert kept.pk in listed(response)


@pytest.mark.django_db
def test_example_detail_shows_text_breakdown_and_candidates(staff, run):
    example = ExampleFactory(
        run=run,
        text="Line one of the tale.\n\nA <b>second</b> paragraph.",
        quality_score=4.3,
        quality_breakdown={"base": 7.0, "length": 1.0, "penalty_cut_off": -4.0, "dialogue": 0.3},
        status="rejected",
        reject_reason="low_quality",
        reject_detail="cut off mid-sentence",
        winning_model="m-alpha",
        candidates=[
            {
                "model": "m-alpha",
                "text": "Line one of the tale.\n\nA <b>second</b> paragraph.",
                "score": 6.5,
                "error": None,
                "latency": 0.42,
                "prompt_tokens": 30,
                "completion_tokens": 90,
            },
            {
                "model": "m-beta",
                "text": "",
                "score": None,
                "error": "HTTP 500 from upstream",
                "latency": 1.5,
                "prompt_tokens": None,
                "completion_tokens": None,
            },
        ],
        votes={"m-alpha": 6.5},
    )
    response = staff.get(example_change(example))
    html = response.content.decode()
    assert response.status_code == 200
    # The text, escaped and kept readable (line breaks preserved).
    assert "white-space: pre-wrap" in html and "A &lt;b&gt;second&lt;/b&gt; paragraph." in html
    assert "<b>second</b>" not in html
    # Factor by factor, with the penalty named as the scorer names it.
    for factor, points in [
        ("base", "7"),
        ("length", "+1"),
        ("penalty: cut off mid-sentence", "-4"),
        ("dialogue", "+0.3"),
    ]:
        assert f"<td>{factor}</td><td>{points}</td>" in html
    assert "<strong>4.3</strong></td>" in html and "the factors sum to" not in html
    # Every candidate with its score, vote and error.
    assert "m-beta" in html and "HTTP 500 from upstream" in html and "0.42s" in html
    assert "<strong>m-alpha ✔</strong>" in html
    # Curation buttons for this one example.
    assert 'value="exclude_from_training"' in html and 'value="rescore_at_run_threshold"' in html


@pytest.mark.django_db
def test_example_pages_are_read_only(staff, run):
    example = ExampleFactory(run=run, quality_score=8.0)
    response = staff.post(
        example_change(example), {"quality_score": "10", "text": "forged", "excluded": "on"}
    )
    assert response.status_code == 403
    example.refresh_from_db()
    assert example.quality_score == 8.0 and not example.excluded
    assert staff.get(reverse("admin:autotrain_trainingexample_add")).status_code == 403
    assert staff.get(reverse("admin:autotrain_trainingexample_delete", args=[example.pk])).status_code == 403
    actions = [
        value for value, _ in staff.get(ADMIN_EXAMPLES).context["action_form"].fields["action"].choices
    ]
    assert "delete_selected" not in actions
    assert {"exclude_from_training", "include_in_training", "export_openai_jsonl"} <= set(actions)


# --- examples: filters ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_example_filters_narrow_the_list(staff, run, other_user):
    fantasy_high = ExampleFactory(run=run, genre="fantasy", quality_score=9.4, winning_model="m-alpha")
    scifi_mid = ExampleFactory(run=run, genre="sci_fi", quality_score=8.2, winning_model="m-beta")
    excluded = ExampleFactory(
        run=run, genre="sci_fi", quality_score=7.5, excluded=True, winning_model="m-beta"
    )
    low = ExampleFactory(
        run=run, genre="horror", status="rejected", reject_reason="low_quality", quality_score=3.0
    )
    dup = ExampleFactory(run=run, status="rejected", reject_reason="duplicate", quality_score=8.6)
    pending = ExampleFactory(run=run, status="pending", quality_score=None, text="", winning_model="")
    theirs = ExampleFactory(run=RunFactory(user=other_user), quality_score=7.1)
    old = ExampleFactory(run=run, quality_score=8.0)
    Example.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=40))

    cases = {
        "genre=sci_fi": [scifi_mid, excluded],
        "outcome=training": [fantasy_high, scifi_mid, theirs, old],
        "outcome=excluded": [excluded],
        "outcome=rejected": [low, dup],
        "outcome=unfinished": [pending],
        "reject_reason=duplicate": [dup],
        "model=m-beta": [scifi_mid, excluded],
        f"user={other_user.username}": [theirs],
        "user=nobody-by-this-name": [],
        "quality=lt7": [low],
        "quality=7-8": [excluded, theirs],
        "quality=8-9": [scifi_mid, dup, old],
        "quality=gte9": [fantasy_high],
        "quality=none": [pending],
        "created_at__gte=" + quote(str(timezone.now() - datetime.timedelta(days=7))): [
            fantasy_high,
            scifi_mid,
            excluded,
            low,
            dup,
            pending,
            theirs,
        ],
        "q=wizard+opened": sorted(Example.objects.exclude(pk=pending.pk), key=lambda e: e.pk),
        "genre=sci_fi&outcome=training": [scifi_mid],
    }
    for query, expected in cases.items():
        response = staff.get(f"{ADMIN_EXAMPLES}?{query}")
        assert response.status_code == 200, query
        assert listed(response) == sorted(e.pk for e in expected), query


@pytest.mark.django_db
def test_the_user_filter_is_a_text_box_not_a_list_of_users(staff, run):
    from django.contrib.auth import get_user_model

    get_user_model().objects.bulk_create([get_user_model()(username=f"someone{i}") for i in range(30)])
    html = staff.get(ADMIN_EXAMPLES + "?genre=fantasy").content.decode()
    assert 'name="user"' in html and 'placeholder="username"' in html
    assert "someone7" not in html
    # The box keeps the other filters when submitted.
    assert '<input type="hidden" name="genre" value="fantasy">' in html


@pytest.mark.django_db
def test_a_runs_examples_link_lists_only_that_run(staff, run, user):
    mine = [ExampleFactory(run=run) for _ in range(2)]
    ExampleFactory(run=RunFactory(user=user))
    html = staff.get(ADMIN_RUNS).content.decode()
    link = f"{ADMIN_EXAMPLES}?run__id__exact={run.pk}"
    assert link in html
    assert listed(staff.get(link)) == sorted(e.pk for e in mine)


# --- examples: actions ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_exclude_action_takes_the_example_out_of_training_stats_and_export(staff, run, user):
    good = ExampleFactory(run=run, genre="fantasy")
    bad = ExampleFactory(run=run, genre="horror")

    response = post_action(staff, ADMIN_EXAMPLES, "exclude_from_training", [bad])

    assert response.status_code == 302
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.excluded and not good.excluded
    assert selectors.user_training_stats(user_id=user.pk)["training_examples"] == 1
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 1}
    assert "Excluded 1 example(s)" in staff.get(ADMIN_EXAMPLES).content.decode()

    export = post_action(staff, ADMIN_EXAMPLES, "export_openai_jsonl", [good, bad])
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert export["Content-Disposition"].startswith("attachment;")
    assert [json.loads(line)["messages"][-1]["content"] for line in lines] == [good.text]

    post_action(staff, ADMIN_EXAMPLES, "include_in_training", [bad])
    bad.refresh_from_db()
    assert not bad.excluded
    assert selectors.user_training_stats(user_id=user.pk)["training_examples"] == 2


@pytest.mark.django_db
def test_actions_apply_to_the_whole_filtered_selection(staff, run):
    horror = [ExampleFactory(run=run, genre="horror") for _ in range(3)]
    fantasy = ExampleFactory(run=run, genre="fantasy")
    response = staff.post(
        f"{ADMIN_EXAMPLES}?genre=horror",
        {
            "action": "exclude_from_training",
            "select_across": "1",
            "_selected_action": [horror[0].pk],
            "index": 0,
        },
    )
    assert response.status_code == 302
    assert set(Example.objects.filter(excluded=True).values_list("pk", flat=True)) == {e.pk for e in horror}
    fantasy.refresh_from_db()
    assert not fantasy.excluded


@pytest.mark.django_db
def test_the_detail_page_button_excludes_and_comes_back(staff, run):
    example = ExampleFactory(run=run)
    page = example_change(example)
    response = post_action(staff, ADMIN_EXAMPLES, "exclude_from_training", [example], _next=page)
    assert response.status_code == 302 and response["Location"] == page
    example.refresh_from_db()
    assert example.excluded
    # An outside address is not followed.
    response = post_action(
        staff, ADMIN_EXAMPLES, "include_in_training", [example], _next="https://evil.example/"
    )
    assert response["Location"] != "https://evil.example/"


@pytest.mark.django_db
def test_rescore_action_reports_what_changed(staff, run):
    refusal = ExampleFactory(
        run=run, text="As an AI language model, I cannot write stories. Sure!", quality_score=9.0
    )
    response = post_action(staff, ADMIN_EXAMPLES, "rescore_at_run_threshold", [refusal])
    assert response.status_code == 302
    refusal.refresh_from_db()
    assert refusal.status == "rejected" and refusal.reject_reason == "low_quality"
    html = staff.get(ADMIN_EXAMPLES).content.decode()
    assert (
        "Re-scored 1 example(s) at each run&#x27;s threshold: 1 changed, 1 now rejected, 0 now kept." in html
    )
