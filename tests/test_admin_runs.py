"""The admin site (CONTRACT section 7): runs, fine-tune jobs, profiles and memory entries, query counts,
and the whole review end to end."""

from __future__ import annotations

import pytest
from django.urls import reverse

from autotrain import selectors
from autotrain.models import FineTuneJob, MemoryEntry, TrainingExample, TrainingProfile, TrainingRun
from tests.factories import ExampleFactory, RunFactory, UserFactory, grant_review_permissions
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


# --- runs ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_run_list_shows_genre_breakdown_and_failure_reasons(staff, run):
    for genre in ["fantasy", "fantasy", "sci_fi"]:
        ExampleFactory(run=run, genre=genre, quality_score=8.0)
    ExampleFactory(run=run, status="rejected", reject_reason="low_quality", quality_score=3.0)
    ExampleFactory(run=run, status="rejected", reject_reason="duplicate", quality_score=8.0)
    empty = RunFactory(user=run.user)

    response = staff.get(ADMIN_RUNS)
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

    response = post_action(staff, ADMIN_RUNS, "cancel_runs", [running, done])

    assert response.status_code == 302
    running.refresh_from_db()
    done.refresh_from_db()
    assert running.status == "cancelled" and running.finished_at is not None
    assert done.status == "succeeded"
    assert Example.objects.filter(run=running, reject_reason="cancelled").count() == 1
    summary = selectors.run_summary(running)
    assert summary["successful"] + summary["failed"] == running.num_examples
    html = staff.get(ADMIN_RUNS).content.decode()
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
    link = f"{ADMIN_EXAMPLES}?finetune_job__id__exact={job.pk}"
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
    "example list": ADMIN_EXAMPLES,
    "filtered example list": ADMIN_EXAMPLES + "?genre=fantasy&outcome=training&quality=8-9&user=alice",
    "run list": ADMIN_RUNS,
    "quality page": ADMIN_QUALITY,
    "filtered quality page": ADMIN_QUALITY + "?user=alice&date_from=2020-01-01&date_to=2100-01-01",
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

    assert f'href="{ADMIN_QUALITY}"' in client.get("/admin/").content.decode()
    runs_page = client.get(ADMIN_RUNS).content.decode()
    assert "fantasy 2 · sci_fi 1" in runs_page
    examples_page = client.get(ADMIN_EXAMPLES).content.decode()
    for example in (good, other, bad):
        assert f"{example.quality_score:.2f}" in examples_page
    detail = client.get(example_change(bad)).content.decode()
    assert "<td>penalty: a preamble or title was removed</td><td>-0.3</td>" in detail
    quality_page = client.get(ADMIN_QUALITY)
    assert quality_page.context["overview"]["per_genre"]["fantasy"]["in_training"] == 2

    post_action(client, ADMIN_EXAMPLES, "exclude_from_training", [bad], _next=example_change(bad))

    assert client.get(ADMIN_QUALITY).context["overview"]["per_genre"]["fantasy"]["in_training"] == 1
    exported = b"".join(
        post_action(client, ADMIN_EXAMPLES, "export_openai_jsonl", [good, other, bad]).streaming_content
    )
    assert bad.text not in exported.decode() and good.text in exported.decode()
    api_export = api.get("/training/export", {"format": "openai"})
    assert api_export.status_code == 200
    assert bad.text not in api_export.content.decode() and other.text in api_export.content.decode()
    assert api.get("/training/stats").json()["training_examples"] == 2
