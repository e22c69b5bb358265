"""The page's data views in a real browser: the examples of a run (why one was rejected, excluding one),
the quality histogram, the dataset download, trying the custom model, and a fine-tune job's details."""

from __future__ import annotations

import json
import re
import zipfile

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from autotrain import services
from autotrain.models import FineTuneEvaluation, FineTuneJob, TrainingExample, TrainingRun
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The offline writer scores its stories 9.0 or 9.3: a cut-off between them rejects some of every run
# on the real filter (low_quality, "below threshold"), so a run of 60 has both kinds to look at.
THRESHOLD = 9.1


def pages(count: int) -> int:
    """The example list's pages: REST_FRAMEWORK's PAGE_SIZE of 20 a page."""
    from rest_framework.settings import api_settings

    size = api_settings.PAGE_SIZE
    assert size
    return -(-count // size)


def test_a_run_of_60_its_examples_curation_and_download(app, writer, page, settings, tmp_path):
    settings.ZEGA_QUALITY_THRESHOLD = THRESHOLD
    settings.ZEGA_AUTO_FINETUNE = False
    app.worker.delay = 0.02
    log_in(page, app.url)

    page.get_by_label("Exact number of examples").fill("60")
    page.get_by_role("button", name="Start training").click()
    expect(page.get_by_role("progressbar", name="Training progress")).to_have_attribute(
        "aria-valuenow", "60", timeout=60_000
    )
    results = page.get_by_test_id("results")
    expect(results).to_be_visible()
    with app.lock:
        run = TrainingRun.objects.get()
        examples = TrainingExample.objects.filter(run=run)
        kept = examples.filter(status=TrainingExample.Status.KEPT).count()
        rejected = examples.exclude(status=TrainingExample.Status.KEPT).count()
    assert kept and rejected, (kept, rejected)

    # The run's spread, with the server's threshold drawn on it.
    histogram = results.get_by_test_id("run-quality-histogram")
    expect(histogram).to_have_attribute("data-threshold", str(THRESHOLD))
    expect(histogram).to_have_attribute(
        "aria-label",
        re.compile(rf"^Quality histogram of 60 scored examples: {kept} at or above the {THRESHOLD} threshold, "),
    )
    # Sub-second runs read in milliseconds, not "0.0 s".
    expect(page.get_by_test_id("estimate")).not_to_contain_text("0.0 s")

    # The examples browser follows the run; a rejected one says why.
    browser_card = page.get_by_test_id("examples")
    expect(browser_card.get_by_label("Run")).to_have_value(str(run.id))
    expect(browser_card.get_by_test_id("examples-count")).to_have_text("60 examples, page 1 of 3")
    browser_card.get_by_label("Kept or rejected").select_option("rejected")
    expect(browser_card.get_by_test_id("examples-count")).to_have_text(f"{rejected} examples, page 1 of {pages(rejected)}")
    first = browser_card.get_by_test_id("example-row").first
    first.get_by_role("button").click()
    reason = first.get_by_test_id("reject-reason")
    expect(reason).to_contain_text("Why it was rejected: Below the quality threshold")
    # Its detail is the stored one: "below threshold" for most, the penalty that cost most for the odd story
    # a rule fired on ("reads as exposition...").
    shown_id = int(first.get_by_role("button").first.get_attribute("aria-controls").removeprefix("example-"))
    with app.lock:
        shown = TrainingExample.objects.get(id=shown_id)
    assert shown.run_id == run.id and shown.status != TrainingExample.Status.KEPT
    assert shown.reject_reason == "low_quality" and shown.reject_detail, shown.reject_detail
    expect(reason.locator(".reject-detail")).to_have_text(shown.reject_detail)
    expect(first.get_by_test_id("score-breakdown")).to_contain_text("Base score")
    expect(first.get_by_test_id("votes")).to_contain_text("(chosen)")
    screenshot(page, "example-rejected.png", full_page=True)

    # Exclude the best kept one, with a note; the list marks it.
    browser_card.get_by_label("Kept or rejected").select_option("kept")
    browser_card.get_by_label("Order").select_option("best")
    expect(browser_card.get_by_test_id("examples-count")).to_have_text(f"{kept} examples, page 1 of {pages(kept)}")
    row = browser_card.get_by_test_id("example-row").first
    row.get_by_role("button").click()
    row.get_by_label("Why exclude it? (optional)").fill("too close to a story I published")
    with page.expect_response(lambda r: "/training/examples/" in r.url and r.request.method == "PATCH") as answer:
        row.get_by_role("button", name="Exclude from training").click()
    assert answer.value.status == 200, answer.value.text()
    excluded_id = answer.value.json()["id"]
    expect(row.get_by_test_id("exclusion")).to_contain_text("Excluded from training by alice")
    expect(row.get_by_test_id("exclusion")).to_contain_text("too close to a story I published")
    expect(row).to_have_attribute("data-excluded", "true")
    expect(row.get_by_role("button", expanded=True)).to_contain_text("Excluded")
    # The readiness count follows: the excluded example no longer counts.
    expect(page.get_by_test_id("training-examples")).to_have_text(str(kept - 1))
    with app.lock:
        excluded = TrainingExample.objects.get(id=excluded_id)
        assert excluded.excluded and excluded.exclusion_note == "too close to a story I published"
        assert excluded.excluded_by.username == "alice"
        training = list(
            TrainingExample.objects.filter(run=run, status=TrainingExample.Status.KEPT, excluded=False)
            .values_list("text", flat=True)
        )
        best = max(examples.values_list("quality_score", flat=True))
    assert excluded.quality_score == best

    # The OpenAI JSONL: one line per kept example, the excluded one left out.
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download OpenAI JSONL").click()
    download = download_info.value
    assert download.suggested_filename == "zega-alice-openai.jsonl"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) == len(training) == kept - 1
    answers = sorted(
        next(m["content"] for m in line["messages"] if m["role"] == "assistant") for line in lines
    )
    assert answers == sorted(training)
    assert excluded.text not in answers
    expect(page.get_by_role("status").filter(has_text="Downloaded zega-alice-openai.jsonl.")).to_be_visible()

    # The overall spread, on request, counts the same 60.
    page.get_by_role("button", name="Show the quality spread of all your examples").click()
    expect(page.get_by_test_id("overall-quality-histogram")).to_have_attribute(
        "aria-label", re.compile(r"^Quality histogram of 60 scored examples")
    )
    expect(page.get_by_role("link", name="API documentation")).to_have_attribute("href", "/api/docs")
    screenshot(page, "examples-curated.png", full_page=True)


def test_the_hugging_face_download(app, writer, page, settings, tmp_path):
    with app.lock:
        run, _ = services.run_create(user=writer, num_examples=12, seed=3, enqueue=False)
        services.run_execute_chunk(run_id=run.id, start=0, stop=12)
        kept = TrainingExample.objects.filter(run=run, status=TrainingExample.Status.KEPT).count()
    log_in(page, app.url)
    with page.expect_download() as download_info:
        with page.expect_response(lambda r: "/training/export" in r.url) as answer:
            page.get_by_role("button", name="Download Hugging Face dataset (zip)").click()
        assert answer.value.status == 200, answer.value.status
    assert download_info.value.suggested_filename == "zega-alice-hf.zip"
    path = tmp_path / "dataset.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert {"data/train.jsonl", "data/validation.jsonl", "README.md"} <= names, names
        rows = sum(
            len(archive.read(name).decode().splitlines()) for name in ("data/train.jsonl", "data/validation.jsonl")
        )
    assert rows == kept


def write_a_story(page, prompt: str, genre: str) -> dict:
    box = page.get_by_test_id("try-model")
    box.get_by_label("Prompt").fill(prompt)
    box.get_by_label("Genre").select_option(genre)
    with page.expect_response(lambda r: r.url.endswith("/generate") and r.request.method == "POST") as answer:
        box.get_by_role("button", name="Write a story").click()
    assert answer.value.status == 200, answer.value.text()
    story = answer.value.json()
    assert story["writer"]
    expect(box.get_by_test_id("generated-text")).to_have_text(story["text"])
    return story


def test_trying_the_model_memory_and_a_fine_tune_job_with_its_evaluation(app, writer, page, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 10
    settings.ZEGA_AUTO_FINETUNE = False
    settings.ZEGA_AUTO_EVALUATE = True
    settings.ZEGA_EVAL_PROMPTS = 4
    app.worker.delay = 0.02
    with app.lock:
        run, _ = services.run_create(user=writer, num_examples=14, seed=5, store_in_memory=True, enqueue=False)
        services.run_execute_chunk(run_id=run.id, start=0, stop=14)
    log_in(page, app.url)

    # Before any fine-tune the ensemble writes, given the closest passages of the user's memory.
    prompt = "A lighthouse keeper finds a letter addressed to her future self"
    story = write_a_story(page, prompt, "mystery")
    box = page.get_by_test_id("try-model")
    assert story["custom_model"] is False
    expect(box.get_by_test_id("writer")).to_have_text(
        f"Written by {story['writer']} (no custom model yet: the ensemble wrote it)"
    )
    assert story["memory_used"], "the user's memory holds 14 stories; the writer should get some"
    with app.lock:
        used = dict(TrainingExample.objects.filter(id__in=story["memory_used"]).values_list("id", "text"))
    passages = box.get_by_test_id("memory-used").locator("li")
    expect(passages).to_have_count(len(story["memory_used"]))
    for i, example_id in enumerate(story["memory_used"]):
        expect(passages.nth(i)).to_contain_text(f"Example #{example_id}")
        expect(passages.nth(i).locator(".passage")).to_have_text(used[example_id])

    # The memory search box finds the same stories.
    search = page.get_by_test_id("memory-search")
    search.get_by_label("Look for").fill(prompt)
    search.get_by_role("button", name="Search").click()
    expect(search.get_by_test_id("memory-results").locator("li")).to_have_count(5)

    panel = page.get_by_test_id("finetune")
    panel.get_by_role("button", name="Start fine-tuning").click()
    expect(panel.get_by_test_id("finetune-status")).to_contain_text(
        re.compile(r"Succeeded — model zega-alice"), timeout=30_000
    )
    expect(panel.get_by_test_id("finetune-kind")).to_have_text("prompt-based: no weights were trained")
    panel.get_by_text(re.compile(r"^Status history")).click()
    expect(panel.get_by_test_id("finetune-events")).to_be_visible()

    # The job's success starts its evaluation (ZEGA_AUTO_EVALUATE); the panel follows it to the end.
    evaluation = panel.get_by_test_id("evaluation")
    expect(evaluation).to_contain_text("Succeeded", timeout=40_000)
    with app.lock:
        job = FineTuneJob.objects.get()
        assert FineTuneEvaluation.objects.get(job=job).status == FineTuneEvaluation.Status.SUCCEEDED
    # The figures the page shows are the API's, read here with the page's own session.
    result = page.request.get(f"{app.url}/finetune/jobs/{job.id}").json()["evaluation"]
    assert result["wins"] + result["losses"] + result["ties"] == 4
    expect(panel.get_by_test_id("evaluation-summary")).to_contain_text(
        f"On 4 held-out prompts the custom model won {result['wins']}, lost {result['losses']} "
        f"and tied {result['ties']}"
    )
    expect(panel.get_by_test_id("evaluation-sides")).to_contain_text("Custom: zega-alice")
    panel.get_by_text(re.compile(r"^Side-by-side answers")).click()
    expect(panel.get_by_test_id("evaluation-sample")).to_have_count(4)
    screenshot(page, "finetune-evaluated.png", full_page=True)

    # Now the custom model writes, and the page says what really wrote the text.
    story = write_a_story(page, prompt, "mystery")
    assert story["custom_model"] is True
    expect(box.get_by_test_id("writer")).to_have_text(f"Written by {story['writer']} (your custom model)")
    screenshot(page, "try-my-model.png", full_page=True)


def test_a_failed_weights_job_says_why_with_its_loss_curve(app, writer, page):
    # A provider's job as the openai backend records it: settings, loss per step, a checkpoint, then the
    # failure. Written directly: this test is about what the page shows of it. An earlier prompt-based
    # job that succeeded is listed under it.
    with app.lock:
        FineTuneJob.objects.create(
            user=writer,
            backend="fewshot",
            kind=FineTuneJob.Kind.PROMPT,
            status=FineTuneJob.Status.SUCCEEDED,
            model_name="zega-alice",
            num_examples=20,
            finished_at=timezone.now(),
        )
        FineTuneJob.objects.create(
            user=writer,
            backend="openai",
            kind=FineTuneJob.Kind.WEIGHTS,
            status=FineTuneJob.Status.FAILED,
            base_model="gpt-4o-mini-2024-07-18",
            num_examples=60,
            training_settings={"epochs": 3, "batch_size": 4},
            metrics=[
                {"step": 1, "train_loss": 2.31, "valid_loss": 2.4},
                {"step": 2, "train_loss": 1.72},
                {"step": 3, "train_loss": 1.25, "valid_loss": 1.5},
            ],
            checkpoints=[
                {"id": "ftckpt-1", "step": 3, "model": "ft:gpt-4o-mini:zega-alice:ckpt-step-3",
                 "metrics": {"train_loss": 1.25}, "created_at": None},
            ],
            error="The provider stopped the job: the training file has 2 examples over the token limit.",
            events=[
                {"at": "2026-11-25T10:00:00+00:00", "message": "Job created", "level": "info"},
                {"at": "2026-11-25T10:05:00+00:00", "message": "Training stopped early", "level": "error"},
            ],
            finished_at=timezone.now(),
        )
    log_in(page, app.url)
    panel = page.get_by_test_id("finetune")
    expect(panel.get_by_test_id("finetune-status")).to_contain_text("Failed")
    expect(panel.get_by_test_id("finetune-kind")).to_contain_text("weights: the provider")
    expect(panel.get_by_test_id("finetune-error")).to_have_text(
        "Why it failed: The provider stopped the job: the training file has 2 examples over the token limit."
    )
    expect(panel.get_by_test_id("finetune-settings")).to_have_text("Epochs: 3 · Batch size: 4")
    expect(panel.get_by_test_id("finetune-events")).to_contain_text("[error] Training stopped early")
    curve = panel.get_by_role("img", name=re.compile("^Loss curve"))
    expect(curve).to_have_attribute(
        "aria-label",
        "Loss curve over steps 1 to 3: training loss from 2.310 to 1.250, validation loss from 2.400 to 1.500.",
    )
    box = curve.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 60, box
    expect(panel.get_by_test_id("checkpoints")).to_contain_text("ft:gpt-4o-mini:zega-alice:ckpt-step-3")
    expect(panel.get_by_role("button", name=re.compile("Evaluate"))).to_have_count(0)
    earlier = panel.get_by_test_id("earlier-jobs")
    earlier.get_by_text("Earlier fine-tuning jobs (1)").click()
    row = earlier.get_by_test_id("earlier-job")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("prompt-based: no weights were trained")
    expect(row).to_contain_text("Succeeded")
    expect(row).to_contain_text("zega-alice")
    screenshot(page, "finetune-failed.png", full_page=True)
