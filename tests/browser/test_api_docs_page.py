"""/api/docs renders in a real browser with every request off this host refused: Swagger UI's files come
from the service itself (drf-spectacular-sidecar), so the docs work with no network."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_with_no_network(app, page):
    host = urlsplit(app.url).netloc
    refused: list[str] = []

    def only_this_host(route):
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_host)
    page.goto(f"{app.url}/api/docs")
    # The operations come from /api/schema, drawn by Swagger UI's script: both served from here.
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Zega")
    expect(page.locator(".opblock").first).to_be_visible()
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/auto-train" in paths and "/finetune/jobs/{job_id}/evaluate" in paths, paths
    assert refused == []
