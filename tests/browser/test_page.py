"""The auto-train page in a real browser: log in, run, watch the progress, read the results, errors."""

from __future__ import annotations

import re

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from autotrain import services
from autotrain.models import TrainingExample, TrainingRun
from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_gets_the_login_page_first(app, page):
    page.goto(app.url + "/")
    expect(page).to_have_url(app.url + "/accounts/login/?next=/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    expect(page.locator("#autotrain-root")).to_have_count(0)


def test_run_with_live_progress_results_and_readiness(app, writer, page):
    log_in(page, app.url)
    expect(page.get_by_test_id("username")).to_have_text("alice")

    page.get_by_role("button", name="Fantasy", exact=True).click()
    page.get_by_role("button", name="Sci-Fi").click()
    expect(page.get_by_role("button", name="Fantasy", exact=True)).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Sci-Fi")).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Exact number of examples").fill("20")
    expect(page.get_by_label("Number of examples", exact=True)).to_have_value("20")

    # Three tasks of two examples, then the worker waits: the run is caught at 6 of 20.
    app.worker.pause_after(3)
    page.get_by_role("button", name="Start training").click()
    bar = page.get_by_role("progressbar", name="Training progress")
    app.worker.wait_paused(timeout=30)
    expect(bar).to_have_attribute("aria-valuenow", "6")
    expect(bar).to_have_attribute("aria-valuemax", "20")
    expect(page.get_by_test_id("progress-text")).to_contain_text("6 / 20 examples (30%)")
    kept = int(page.get_by_test_id("kept-so-far").inner_text())
    failed = int(page.get_by_test_id("failed-so-far").inner_text())
    assert kept + failed == 6
    expect(page.get_by_role("button", name="A run is in progress…")).to_be_disabled()
    expect(page.get_by_role("button", name="Cancel run")).to_be_enabled()
    screenshot(page, "run-in-progress.png", full_page=True)

    # A reload during the run picks the live progress back up.
    page.reload()
    expect(bar).to_have_attribute("aria-valuenow", "6")
    expect(page.get_by_test_id("recent-runs")).to_contain_text("running")

    app.worker.resume()
    expect(bar).to_have_attribute("aria-valuenow", "20", timeout=30_000)
    results = page.get_by_test_id("results")
    expect(results).to_be_visible()
    expect(page.get_by_role("button", name="Start training")).to_be_enabled()

    with app.lock:
        run = TrainingRun.objects.get()
        examples = TrainingExample.objects.filter(run=run)
        kept_rows = examples.filter(status=TrainingExample.Status.KEPT)
        assert run.status == TrainingRun.Status.SUCCEEDED
        assert run.genres == ["fantasy", "sci_fi"]
        assert examples.count() == 20
        kept_genres = set(kept_rows.values_list("genre", flat=True))
        kept_count = kept_rows.count()
    assert kept_genres <= {"fantasy", "sci_fi"}
    expect(results.get_by_test_id("success-rate")).to_have_text(f"{round(kept_count * 100 / 20)}%")

    chart = results.get_by_role("img", name=re.compile(r"^Genre distribution"))
    expect(chart).to_be_visible()
    counts = dict(re.findall(r"([\w-]+): (\d+)", chart.get_attribute("aria-label")))
    assert set(counts) <= {"Fantasy", "Sci-Fi"}
    assert sum(int(n) for n in counts.values()) == kept_count
    expect(chart.locator(".bar")).to_have_count(len(counts))

    until = 50 - kept_count  # ZEGA_FINETUNE_THRESHOLD's default, no job yet
    expect(page.get_by_test_id("readiness")).to_have_text(
        f"{until} more kept examples until the next fine-tuning."
    )
    expect(page.get_by_test_id("training-examples")).to_have_text(str(kept_count))
    expect(page.get_by_test_id("custom-model")).to_have_text("none yet")
    screenshot(page, "run-results.png", full_page=True)


def test_number_field_errors_from_the_page_and_from_the_server(app, writer, page):
    log_in(page, app.url)
    number = page.get_by_label("Exact number of examples")
    number.fill("501")
    page.get_by_role("button", name="Start training").click()
    expect(page.locator("#num-examples-error")).to_have_text("Choose a number from 1 to 500.")
    expect(number).to_have_attribute("aria-invalid", "true")

    # Tell the page the limit is higher than it is, so the request reaches the server: the server's
    # own 400 must show next to the field.
    def widen_limit(route):
        response = route.fetch()
        body = response.text()
        assert 'data-max-examples="500"' in body
        route.fulfill(
            response=response, body=body.replace('data-max-examples="500"', 'data-max-examples="1000"')
        )

    page.route(app.url + "/", widen_limit)
    page.reload()
    number.fill("501")
    with page.expect_response(
        lambda r: r.url.endswith("/auto-train") and r.request.method == "POST"
    ) as answer:
        page.get_by_role("button", name="Start training").click()
    assert answer.value.status == 400
    expect(page.locator("#num-examples-error")).to_have_text(
        "Ensure this value is less than or equal to 500."
    )
    expect(number).to_have_attribute("aria-invalid", "true")
    with app.lock:
        assert TrainingRun.objects.count() == 0


def test_an_ended_session_goes_back_to_the_login_page(app, writer, page):
    log_in(page, app.url)
    page.context.clear_cookies()
    page.get_by_role("button", name="Start training").click()
    page.wait_for_url("**/accounts/login/?next=%2F")
    page.get_by_label("Username").fill("alice")
    page.get_by_label("Password").fill("pw-for-tests-1")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(app.url + "/")
    expect(page.get_by_role("button", name="Start training")).to_be_enabled()
    with app.lock:
        assert TrainingRun.objects.count() == 0


def test_phone_width_keyboard_and_labels(app, writer, browser):
    context = browser.new_context(viewport={"width": 375, "height": 812}, is_mobile=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        log_in(page, app.url)

        # Every control has an accessible name.
        unnamed = page.evaluate(
            """() => [...document.querySelectorAll('#autotrain-root input, #autotrain-root button')]
                .filter((el) => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                                && !el.textContent.trim())
                .map((el) => el.outerHTML)"""
        )
        assert unnamed == []

        # Keyboard only: the slider moves with the arrow keys, genres toggle with Space, Enter submits.
        slider = page.get_by_label("Number of examples", exact=True)
        slider.focus()
        page.keyboard.press("ArrowRight")
        expect(page.get_by_label("Exact number of examples")).to_have_value("21")
        page.get_by_role("button", name="Horror").focus()
        page.keyboard.press("Space")
        expect(page.get_by_role("button", name="Horror")).to_have_attribute("aria-pressed", "true")
        page.keyboard.press("Tab")
        expect(page.get_by_role("button", name="Romance")).to_be_focused()
        number = page.get_by_label("Exact number of examples")
        number.focus()
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("4")
        page.keyboard.press("Enter")

        expect(page.get_by_role("progressbar", name="Training progress")).to_have_attribute(
            "aria-valuenow", "4", timeout=30_000
        )
        expect(page.get_by_test_id("results")).to_be_visible()
        expect(page.get_by_role("img", name=re.compile(r"^Genre distribution. Horror: \d+$"))).to_be_visible()

        # Readable at phone width: nothing wider than the screen.
        widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] == 375, widths
        screenshot(page, "phone-375px.png", full_page=True)
    finally:
        context.close()


def finetune_endpoint_exists() -> bool:
    try:
        resolve("/finetune")
    except Resolver404:
        return False
    return True


def test_finetune_readiness_and_button(app, writer, page, settings):
    settings.ZEGA_FINETUNE_THRESHOLD = 5
    settings.ZEGA_AUTO_FINETUNE = False
    with app.lock:
        run, _ = services.run_create(user=writer, num_examples=10, seed=11, enqueue=False)
        services.run_execute_chunk(run_id=run.id, start=0, stop=10)
        kept = TrainingExample.objects.filter(run=run, status=TrainingExample.Status.KEPT).count()
    assert kept >= 5, "the seeded run should make the user ready"

    log_in(page, app.url)
    expect(page.get_by_test_id("readiness")).to_have_text("Ready for fine-tuning.")
    expect(page.get_by_test_id("training-examples")).to_have_text(str(kept))
    button = page.get_by_role("button", name="Start fine-tuning")
    expect(button).to_be_enabled()
    button.click()
    if finetune_endpoint_exists():
        status = page.get_by_test_id("finetune-status")
        expect(status).to_contain_text("Fine-tuning job:")
        expect(status).to_contain_text(re.compile(r"Succeeded — model zega-alice"), timeout=30_000)
        expect(page.get_by_test_id("custom-model")).to_have_text(re.compile(r"zega-alice"))
        screenshot(page, "finetune-succeeded.png", full_page=True)
    else:
        expect(page.get_by_text("Fine-tuning is not available on this server yet.")).to_be_visible()
