"""The page's Django side: login first, the template that loads the built app, logout.

tests/browser/ drives the same page in Chromium; these run without a browser or a build.
"""

from __future__ import annotations

import re

import pytest
from django.http import HttpRequest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "pw-for-tests-1"  # tests/factories.py


@pytest.fixture
def built(tmp_path, settings):
    """A stand-in build of frontend/ in a static directory of its own."""
    assets = tmp_path / "dist" / "assets"
    assets.mkdir(parents=True)
    (assets / "app.js").write_text("console.log('app');\n")
    (assets / "app.css").write_text("body {}\n")
    settings.STATICFILES_DIRS = [tmp_path / "dist"]
    return assets


@pytest.fixture
def browser_client(user) -> Client:
    client = Client()
    assert client.login(request=HttpRequest(), username=user.username, password=PASSWORD)
    return client


def test_anonymous_visitor_is_sent_to_the_login_page(built):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/login"])
def test_login_page_has_labelled_fields(path):
    response = Client().get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_username">Username</label>' in html
    assert '<label for="id_password">Password</label>' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_logging_in_lands_on_the_page(user, built):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/accounts/login/?next=/")
    token = form.cookies["csrftoken"].value
    response = client.post(
        "/accounts/login/",
        {"username": "alice", "password": PASSWORD, "next": "/", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_wrong_password_says_so(user):
    response = Client().post("/accounts/login/", {"username": "alice", "password": "nope", "next": "/"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_page_loads_the_build_and_passes_user_token_and_limits(browser_client, built, settings):
    settings.ZEGA_MAX_EXAMPLES = 321
    response = browser_client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-user-id="alice"' in html
    assert 'data-login-url="/accounts/login/"' in html
    assert 'data-max-examples="321"' in html
    token = re.search(r'data-csrf-token="([^"]+)"', html).group(1)
    assert len(token) >= 32
    assert "csrftoken" in response.cookies
    assert re.search(r'<script type="module" src="/static/assets/app\.js\?v=\d+"></script>', html)
    assert re.search(r'<link rel="stylesheet" href="/static/assets/app\.css\?v=\d+">', html)
    assert "Signed in as" in html


def test_page_version_changes_with_a_new_build(browser_client, built):
    import os

    first = re.search(r"app\.js\?v=(\d+)", browser_client.get("/").content.decode()).group(1)
    os.utime(built / "app.js", (int(first) + 100, int(first) + 100))
    second = re.search(r"app\.js\?v=(\d+)", browser_client.get("/").content.decode()).group(1)
    assert int(second) == int(first) + 100


def test_page_without_a_build_says_how_to_build_it(browser_client, settings, tmp_path):
    settings.STATICFILES_DIRS = []
    settings.STATIC_ROOT = tmp_path / "no-static"
    response = browser_client.get("/")
    assert response.status_code == 503
    html = response.content.decode()
    assert "make frontend" in html
    assert "autotrain-root" not in html


def test_the_page_answers_get_only(browser_client, built):
    assert browser_client.post("/").status_code == 405


def test_logout_is_a_post_and_returns_to_the_login_page(browser_client, built):
    response = browser_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/"
    assert browser_client.get("/").status_code == 302


def test_the_api_answers_401_to_a_browser_without_a_session(built):
    # The page relies on it: a 401 sends the browser back to the login page.
    response = Client().post("/auto-train", {"num_examples": 1}, content_type="application/json")
    assert response.status_code == 401


def test_the_api_refuses_a_session_post_without_the_csrf_token(user):
    client = Client(enforce_csrf_checks=True)
    client.login(request=HttpRequest(), username="alice", password=PASSWORD)
    response = client.post("/auto-train", {"num_examples": 1}, content_type="application/json")
    assert response.status_code == 403
    page = client.get("/training/genres")
    assert page.status_code == 200
