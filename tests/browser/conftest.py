"""Real-browser tests: Debian's Chromium driven by Playwright against the app on `live_server`.

Nothing here downloads a browser. When Chromium or the built page is missing, the tests fail under CI
(CI=true) and are skipped with the reason everywhere else, so a missing piece is never silent.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from tests.browser.worker import QueueWorker, SerializedApp
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium; the variable only serves to prove that a missing browser fails the tests under CI.
CHROMIUM = Path(os.environ.get("ZEGA_TEST_CHROMIUM", "/usr/bin/chromium"))
DIST = ROOT / "frontend" / "dist"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
PASSWORD = "pw-for-tests-1"  # tests/factories.py UserFactory's password
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    # This machine has no internet: without these Chromium keeps dialing out and being refused.
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def unavailable(reason: str):
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"browser tests cannot run: {reason}", pytrace=False)
    pytest.skip(f"browser tests cannot run: {reason}")


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"Debian's Chromium is not at {CHROMIUM} (`make chromium` installs it with apt-get)")
    if not (DIST / "assets" / "app.js").is_file():
        unavailable("the page is not built (`make frontend` builds frontend/dist)")
    if DIST not in django_settings.STATICFILES_DIRS:
        unavailable("frontend/dist appeared after the settings were loaded; run the tests again")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop on this thread; Django then refuses ORM calls from it
    # as if they came from async code. They do not: the test's own ORM calls are plain synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                yield launched
            finally:
                launched.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@dataclass
class App:
    url: str
    worker: QueueWorker
    lock: threading.RLock


@pytest.fixture
def app(live_server, settings, browser) -> Iterator[App]:
    """The site on live_server with an in-process worker running its queued tasks two examples at a time."""
    settings.ZEGA_RUN_TASKS_INLINE = False
    settings.ZEGA_CHUNK_SIZE = 2
    lock = threading.RLock()
    httpd = live_server.thread.httpd
    original = httpd.get_app()
    httpd.set_app(SerializedApp(original, lock))
    worker = QueueWorker(lock=lock, connection=live_server.thread.connections_override.get("default"))
    worker.start()
    try:
        yield App(url=live_server.url, worker=worker, lock=lock)
    finally:
        worker.stop()
        httpd.set_app(original)
    assert not worker.errors, "a queued task failed:\n" + "\n".join(worker.errors)


@pytest.fixture
def writer(db):
    return UserFactory(username="alice")


@pytest.fixture
def page(browser, request):
    """A fresh browser context (no cookies) with a desktop viewport; a screenshot is kept on failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def log_in(page, url: str, username: str = "alice", password: str = PASSWORD) -> None:
    page.goto(url + "/")
    page.wait_for_url("**/accounts/login/?next=/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(url + "/")
    page.get_by_role("button", name="Start training").wait_for()


def screenshot(page, name: str, **kwargs) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), **kwargs)
    return path
