"""The staff review in the Django admin: who gets in, what the pages show, filters, actions, query counts."""

from __future__ import annotations

import datetime
import json
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from autotrain import selectors
from autotrain.models import FineTuneJob, MemoryEntry, TrainingExample, TrainingProfile, TrainingRun
from tests.factories import ExampleFactory, RunFactory, UserFactory, grant_review_permissions

Example = TrainingExample
EXAMPLES = reverse("admin:autotrain_trainingexample_changelist")
RUNS = reverse("admin:autotrain_trainingrun_changelist")
QUALITY = reverse("admin:autotrain_training_quality")
BREAKDOWN = {"base": 7.0, "length": 1.0, "sentences": 0.5, "descriptive": 0.0, "dialogue": 0.0}


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factories set a password per user; the production hasher costs ~0.5 s each.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(client, staff_user):
    """A logged-in reviewer: staff with the change permissions the curation actions need."""
    client.force_login(grant_review_permissions(staff_user))
    return client


@pytest.fixture
def run(user):
    return RunFactory(user=user, num_examples=4, status=TrainingRun.Status.SUCCEEDED)


def example_change(example) -> str:
    return reverse("admin:autotrain_trainingexample_change", args=[example.pk])


def listed(response) -> list[int]:
    return sorted(obj.pk for obj in response.context["cl"].result_list)


def post_action(client, url: str, action: str, objects, **extra):
    return client.post(
        url, {"action": action, "_selected_action": [o.pk for o in objects], "index": 0, **extra}
    )


# --- who gets in ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/", EXAMPLES, RUNS, QUALITY])
def test_a_non_staff_user_is_refused(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(QUALITY)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_an_inactive_staff_user_is_refused(client):
    inactive = UserFactory(username="gone", is_staff=True, is_active=False)
    client.force_login(inactive)
    assert client.get(EXAMPLES).status_code == 302


@pytest.mark.django_db
def test_the_admin_index_lists_the_models_and_links_the_quality_page(staff):
    response = staff.get("/admin/")
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{QUALITY}"' in html and "Training quality" in html
    for model in ("trainingexample", "trainingrun", "finetunejob", "trainingprofile", "memoryentry"):
        assert f"/admin/autotrain/{model}/" in html


# --- examples: list, detail ----------------------------------------------------------------------


@pytest.mark.django_db
def test_example_list_shows_score_outcome_model_and_run(staff, run):
    kept = ExampleFactory(run=run, quality_score=8.25, quality_breakdown=BREAKDOWN, winning_model="m-alpha")
    ExampleFactory(
        run=run, status="rejected", reject_reason="low_quality", reject_detail="too short", quality_score=2.0
    )
    response = staff.get(EXAMPLES)
    html = response.content.decode()
    assert response.status_code == 200
    assert "8.25" in html and "base +7, length +1, sentences +0.5" in html  # the breakdown on hover
    assert "low_quality: too short" in html and "m-alpha" in html
    assert reverse("admin:autotrain_trainingrun_change", args=[run.pk]) in html
    assert f"?user={run.user.username}" in html
    assert f'<a href="{QUALITY}">Training quality</a>' in html
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
    actions = [value for value, _ in staff.get(EXAMPLES).context["action_form"].fields["action"].choices]
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
        response = staff.get(f"{EXAMPLES}?{query}")
        assert response.status_code == 200, query
        assert listed(response) == sorted(e.pk for e in expected), query


@pytest.mark.django_db
def test_the_user_filter_is_a_text_box_not_a_list_of_users(staff, run):
    from django.contrib.auth import get_user_model

    get_user_model().objects.bulk_create([get_user_model()(username=f"someone{i}") for i in range(30)])
    html = staff.get(EXAMPLES + "?genre=fantasy").content.decode()
    assert 'name="user"' in html and 'placeholder="username"' in html
    assert "someone7" not in html
    # The box keeps the other filters when submitted.
    assert '<input type="hidden" name="genre" value="fantasy">' in html


@pytest.mark.django_db
def test_a_runs_examples_link_lists_only_that_run(staff, run, user):
    mine = [ExampleFactory(run=run) for _ in range(2)]
    ExampleFactory(run=RunFactory(user=user))
    html = staff.get(RUNS).content.decode()
    link = f"{EXAMPLES}?run__id__exact={run.pk}"
    assert link in html
    assert listed(staff.get(link)) == sorted(e.pk for e in mine)


# --- examples: actions ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_exclude_action_takes_the_example_out_of_training_stats_and_export(staff, run, user):
    good = ExampleFactory(run=run, genre="fantasy")
    bad = ExampleFactory(run=run, genre="horror")

    response = post_action(staff, EXAMPLES, "exclude_from_training", [bad])

    assert response.status_code == 302
    bad.refresh_from_db()
    good.refresh_from_db()
    assert bad.excluded and not good.excluded
    assert selectors.user_training_stats(user_id=user.pk)["training_examples"] == 1
    assert TrainingProfile.objects.get(user=user).genre_preferences == {"fantasy": 1}
    assert "Excluded 1 example(s)" in staff.get(EXAMPLES).content.decode()

    export = post_action(staff, EXAMPLES, "export_openai_jsonl", [good, bad])
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert export["Content-Disposition"].startswith("attachment;")
    assert [json.loads(line)["messages"][-1]["content"] for line in lines] == [good.text]

    post_action(staff, EXAMPLES, "include_in_training", [bad])
    bad.refresh_from_db()
    assert not bad.excluded
    assert selectors.user_training_stats(user_id=user.pk)["training_examples"] == 2


@pytest.mark.django_db
def test_actions_apply_to_the_whole_filtered_selection(staff, run):
    horror = [ExampleFactory(run=run, genre="horror") for _ in range(3)]
    fantasy = ExampleFactory(run=run, genre="fantasy")
    response = staff.post(
        f"{EXAMPLES}?genre=horror",
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
    response = post_action(staff, EXAMPLES, "exclude_from_training", [example], _next=page)
    assert response.status_code == 302 and response["Location"] == page
    example.refresh_from_db()
    assert example.excluded
    # An outside address is not followed.
    response = post_action(staff, EXAMPLES, "include_in_training", [example], _next="https://evil.example/")
    assert response["Location"] != "https://evil.example/"


@pytest.mark.django_db
def test_rescore_action_reports_what_changed(staff, run):
    refusal = ExampleFactory(
        run=run, text="As an AI language model, I cannot write stories. Sure!", quality_score=9.0
    )
    response = post_action(staff, EXAMPLES, "rescore_at_run_threshold", [refusal])
    assert response.status_code == 302
    refusal.refresh_from_db()
    assert refusal.status == "rejected" and refusal.reject_reason == "low_quality"
    html = staff.get(EXAMPLES).content.decode()
    assert (
        "Re-scored 1 example(s) at each run&#x27;s threshold: 1 changed, 1 now rejected, 0 now kept." in html
    )


# --- runs ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_list_shows_genre_breakdown_and_failure_reasons(staff, run):
    for genre in ["fantasy", "fantasy", "sci_fi"]:
        ExampleFactory(run=run, genre=genre, quality_score=8.0)
    ExampleFactory(run=run, status="rejected", reject_reason="low_quality", quality_score=3.0)
    ExampleFactory(run=run, status="rejected", reject_reason="duplicate", quality_score=8.0)
    empty = RunFactory(user=run.user)

    response = staff.get(RUNS)
    html = response.content.decode()
    assert response.status_code == 200
    assert "fantasy 2 · sci_fi 1" in html and "<svg" in html
    assert '>low_quality 1</span><br><span style="white-space: nowrap">duplicate 1<' in html
    rows = {r.pk: r.outcome for r in response.context["cl"].result_list}
    assert rows[run.pk]["kept"] == 3 and rows[run.pk]["failed"] == 2
    assert rows[run.pk]["average_quality"] == 8.0
    assert rows[empty.pk]["kept"] == 0


@pytest.mark.django_db
def test_run_detail_shows_the_summary(staff, run):
    ExampleFactory(run=run, genre="mystery", quality_score=9.0, winning_model="m-alpha")
    ExampleFactory(run=run, status="rejected", reject_reason="generation_error", quality_score=None)
    html = staff.get(reverse("admin:autotrain_trainingrun_change", args=[run.pk])).content.decode()
    assert "<td>requested</td><td>4</td>" in html
    assert "<td>kept (successful)</td><td>1</td>" in html
    assert "Kept examples per genre" in html and "mystery" in html
    assert f"run__id__exact={run.pk}&amp;reject_reason=generation_error" in html
    assert "<td>m-alpha</td><td>1</td><td>9.0</td>" in html
    assert 'value="cancel_runs"' not in html  # finished: nothing to cancel


@pytest.mark.django_db
def test_cancel_action_cancels_unfinished_runs_through_the_service(staff, user):
    running = RunFactory(user=user, status=TrainingRun.Status.RUNNING, num_examples=2)
    ExampleFactory(run=running, status="pending", text="", quality_score=None)
    ExampleFactory(run=running)
    done = RunFactory(user=user, status=TrainingRun.Status.SUCCEEDED)
    page = reverse("admin:autotrain_trainingrun_change", args=[running.pk])
    assert 'value="cancel_runs"' in staff.get(page).content.decode()

    response = post_action(staff, RUNS, "cancel_runs", [running, done])

    assert response.status_code == 302
    running.refresh_from_db()
    done.refresh_from_db()
    assert running.status == "cancelled" and running.finished_at is not None
    assert done.status == "succeeded"
    assert Example.objects.filter(run=running, reject_reason="cancelled").count() == 1
    summary = selectors.run_summary(running)
    assert summary["successful"] + summary["failed"] == running.num_examples
    html = staff.get(RUNS).content.decode()
    assert "Cancelled 1 run(s)." in html and "1 run(s) had already finished" in html


# --- the other models ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_finetune_job_pages_show_status_events_model_and_error(staff, user):
    job = FineTuneJob.objects.create(
        user=user,
        backend="openai",
        status=FineTuneJob.Status.FAILED,
        model_name="ft:gpt-4o-mini:zega-alice",
        error="training file rejected",
        events=[{"at": "2025-01-01T00:00:00Z", "level": "info", "message": "validating files"}],
    )
    html = staff.get(reverse("admin:autotrain_finetunejob_changelist")).content.decode()
    assert "ft:gpt-4o-mini:zega-alice" in html and "training file rejected" in html
    html = staff.get(reverse("admin:autotrain_finetunejob_change", args=[job.pk])).content.decode()
    assert "validating files" in html and "training file rejected" in html
    used = ExampleFactory(run=RunFactory(user=user), finetune_job=job)
    ExampleFactory(run=RunFactory(user=user))
    link = f"{EXAMPLES}?finetune_job__id__exact={job.pk}"
    assert link in html
    assert listed(staff.get(link)) == [used.pk]


@pytest.mark.django_db
def test_profile_pages_show_preferences_patterns_and_custom_model(staff, user):
    TrainingProfile.objects.create(
        user=user,
        genre_preferences={"fantasy": 4, "horror": 1},
        writing_patterns={"average_length": 420.0, "dialogue_ratio": 0.25, "average_sentences": 5.5},
        custom_model_name="zega-alice",
    )
    html = staff.get(reverse("admin:autotrain_trainingprofile_changelist")).content.decode()
    assert "fantasy 4 · horror 1" in html and "zega-alice" in html and "25% dialogue" in html


@pytest.mark.django_db
def test_memory_entries_are_listed_and_deleted_through_the_memory_service(staff, user):
    run = RunFactory(user=user, store_in_memory=True)
    example = ExampleFactory(run=run)
    entry = MemoryEntry.objects.create(
        user=user, example=example, text=example.text, embedder="hashing", dimension=2, embedding=b"\0" * 8
    )
    TrainingRun.objects.filter(pk=run.pk).update(stored_in_memory_count=1)
    changelist = reverse("admin:autotrain_memoryentry_changelist")
    assert example.text in staff.get(changelist).content.decode()

    response = staff.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )

    assert response.status_code == 302
    assert not MemoryEntry.objects.exists()
    run.refresh_from_db()
    assert run.stored_in_memory_count == 0
    assert Example.objects.filter(pk=example.pk).exists()


# --- query counts --------------------------------------------------------------------------------


def _fill(user, *, runs: int, per_run: int) -> None:
    genres = ["fantasy", "sci_fi", "horror", "mystery"]
    for _ in range(runs):
        run = RunFactory(user=user, num_examples=per_run, status=TrainingRun.Status.SUCCEEDED)
        for i in range(per_run):
            if i % 5 == 4:
                ExampleFactory(
                    run=run,
                    genre=genres[i % 4],
                    status="rejected",
                    reject_reason="low_quality",
                    quality_score=4.0,
                    quality_breakdown=BREAKDOWN,
                )
            else:
                ExampleFactory(
                    run=run,
                    genre=genres[i % 4],
                    quality_score=7 + i % 3,
                    quality_breakdown=BREAKDOWN,
                    winning_model=f"m-{i % 2}",
                )


PAGES = {
    "example list": EXAMPLES,
    "filtered example list": EXAMPLES + "?genre=fantasy&outcome=training&quality=8-9&user=alice",
    "run list": RUNS,
    "quality page": QUALITY,
    "filtered quality page": QUALITY + "?user=alice&date_from=2020-01-01&date_to=2100-01-01",
    "profile list": reverse("admin:autotrain_trainingprofile_changelist"),
    "fine-tune job list": reverse("admin:autotrain_finetunejob_changelist"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("page", list(PAGES))
def test_query_counts_do_not_grow_with_rows(staff, user, django_assert_max_num_queries, page):
    # The same bound for 5 rows and for 50 (10 runs): one query per row would blow it.
    bound = 10
    _fill(user, runs=1, per_run=5)
    with django_assert_max_num_queries(bound):
        assert staff.get(PAGES[page]).status_code == 200
    _fill(user, runs=9, per_run=5)
    TrainingProfile.objects.get_or_create(user=UserFactory(username="second"))
    FineTuneJob.objects.create(user=user, backend="fewshot")
    with django_assert_max_num_queries(bound):
        assert staff.get(PAGES[page]).status_code == 200


@pytest.mark.django_db
def test_detail_query_counts_are_bounded(staff, user, django_assert_max_num_queries):
    _fill(user, runs=2, per_run=10)
    run = TrainingRun.objects.first()
    example = Example.objects.filter(run=run).first()
    with django_assert_max_num_queries(20):
        assert staff.get(reverse("admin:autotrain_trainingrun_change", args=[run.pk])).status_code == 200
    with django_assert_max_num_queries(12):
        assert staff.get(example_change(example)).status_code == 200


@pytest.mark.django_db
def test_cancel_action_cancels_an_active_finetune_job_through_the_service(staff, user):
    active = FineTuneJob.objects.create(user=user, backend="fewshot", status=FineTuneJob.Status.PENDING)
    done = FineTuneJob.objects.create(user=user, backend="fewshot", status=FineTuneJob.Status.SUCCEEDED)
    page = reverse("admin:autotrain_finetunejob_change", args=[active.pk])
    assert 'value="cancel_jobs"' in staff.get(page).content.decode()

    response = post_action(
        staff, reverse("admin:autotrain_finetunejob_changelist"), "cancel_jobs", [active, done]
    )

    assert response.status_code == 302
    active.refresh_from_db()
    done.refresh_from_db()
    assert active.status == "cancelled" and active.events[-1]["message"] == "Cancelled on request"
    assert done.status == "succeeded"


@pytest.mark.django_db
def test_retry_action_starts_a_new_job_over_the_examples_a_failed_one_gave_back(
    staff, user, other_user, django_capture_on_commit_callbacks
):
    from tests.helpers import make_kept

    make_kept(user, 12)
    failed = FineTuneJob.objects.create(
        user=user, backend="fewshot", status=FineTuneJob.Status.FAILED, error="x"
    )
    Example.objects.filter(user=user).update(finetune_job=failed)  # used by the failed job, so given back
    too_few = FineTuneJob.objects.create(
        user=other_user, backend="fewshot", status=FineTuneJob.Status.CANCELLED
    )
    changelist = reverse("admin:autotrain_finetunejob_changelist")
    assert (
        'value="retry_jobs"'
        in staff.get(reverse("admin:autotrain_finetunejob_change", args=[failed.pk])).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = post_action(staff, changelist, "retry_jobs", [failed, too_few])

    assert response.status_code == 302
    new = FineTuneJob.objects.exclude(pk__in=[failed.pk, too_few.pk]).get()
    assert new.user == user and new.num_examples == 12 and new.status == "succeeded"
    assert not FineTuneJob.objects.filter(user=other_user).exclude(pk=too_few.pk).exists()
    html = staff.get(changelist).content.decode()
    assert "Started 1 new job(s)" in html and "Bob: 0 kept examples are not used" in html


# --- the whole review, as the issue tells it ------------------------------------------------------


@pytest.mark.django_db
def test_staff_review_end_to_end(client, staff_user, api, user):
    """A staff member opens /admin/, sees each run's genre breakdown and every example's quality score with
    its breakdown, opens the Training quality page, excludes a bad example, and the exports lose it."""
    run = RunFactory(user=user, num_examples=3, status=TrainingRun.Status.SUCCEEDED)
    good = ExampleFactory(run=run, genre="fantasy", quality_score=9.3, quality_breakdown=BREAKDOWN)
    other = ExampleFactory(run=run, genre="sci_fi", quality_score=8.5, quality_breakdown=BREAKDOWN)
    bad = ExampleFactory(
        run=run,
        genre="fantasy",
        text="Sure! Here's a story: The wizard opened the old book. The end.",
        quality_score=7.2,
        quality_breakdown={"base": 7.0, "sentences": 0.5, "descriptive": 0.5, "penalty_preamble": -0.3},
    )
    client.force_login(grant_review_permissions(staff_user))

    assert f'href="{QUALITY}"' in client.get("/admin/").content.decode()
    runs_page = client.get(RUNS).content.decode()
    assert "fantasy 2 · sci_fi 1" in runs_page
    examples_page = client.get(EXAMPLES).content.decode()
    for example in (good, other, bad):
        assert f"{example.quality_score:.2f}" in examples_page
    detail = client.get(example_change(bad)).content.decode()
    assert "<td>penalty: a preamble or title was removed</td><td>-0.3</td>" in detail
    quality_page = client.get(QUALITY)
    assert quality_page.context["overview"]["per_genre"]["fantasy"]["in_training"] == 2

    post_action(client, EXAMPLES, "exclude_from_training", [bad], _next=example_change(bad))

    assert client.get(QUALITY).context["overview"]["per_genre"]["fantasy"]["in_training"] == 1
    exported = b"".join(
        post_action(client, EXAMPLES, "export_openai_jsonl", [good, other, bad]).streaming_content
    )
    assert bad.text not in exported.decode() and good.text in exported.decode()
    api_export = api.get("/training/export", {"format": "openai"})
    assert api_export.status_code == 200
    assert bad.text not in api_export.content.decode() and other.text in api_export.content.decode()
    assert api.get("/training/stats").json()["training_examples"] == 2
