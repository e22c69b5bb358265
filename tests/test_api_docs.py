"""The API documents itself: /api/docs works offline (Swagger UI's files served from here), and the
OpenAPI schema describes every operation and every field."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

# Names whose meaning the name says; every other property needs a description (a help_text).
SELF_EVIDENT = {"id", "url", "created_at", "started_at", "finished_at"}
METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _assets(html: str) -> list[str]:
    return re.findall(r'(?:src|href)="([^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [False, True])
def test_docs_page_loads_only_local_assets_and_they_answer(settings, debug):
    settings.DEBUG = debug
    client = Client()  # a new client: the static files middleware reads the settings as it starts
    response = client.get("/api/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert not re.search(r"https?://", html), "the docs page must not load anything from another host"
    assets = _assets(html)
    assert any(a.endswith("swagger-ui-bundle.js") for a in assets)
    assert any(a.endswith("swagger-ui.css") for a in assets)
    for asset in assets:
        assert asset.startswith("/static/"), asset
        answer = client.get(asset)
        assert answer.status_code == 200, (asset, answer.status_code)
        body = b"".join(answer.streaming_content) if answer.streaming else answer.content
        assert len(body) > 100, asset
    # The schema the page reads, on the same origin.
    assert client.get("/api/schema").status_code == 200


def test_every_operation_has_a_summary_or_description(schema):
    undescribed = [
        f"{method.upper()} {path}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS and not (operation.get("summary") or operation.get("description"))
    ]
    assert not undescribed, f"operations without extend_schema(summary=..., description=...): {undescribed}"


def test_every_parameter_is_described(schema):
    undescribed = [
        f"{method.upper()} {path} {parameter['name']}"
        for path, item in schema["paths"].items()
        for method, operation in item.items()
        if method in METHODS
        for parameter in operation.get("parameters", [])
        if not (parameter.get("description") or parameter.get("schema", {}).get("description"))
    ]
    assert not undescribed, f"parameters without a description (help_text): {undescribed}"


def test_every_property_is_described(schema):
    undescribed = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        for prop, definition in (component.get("properties") or {}).items()
        if prop not in SELF_EVIDENT and not definition.get("description")
    ]
    assert not undescribed, f"serializer fields without help_text: {undescribed}"


def test_the_walk_sees_what_it_checks(schema):
    # Guards the three tests above against passing on an empty or differently shaped schema.
    assert len(schema["paths"]) >= 15
    example = schema["components"]["schemas"]["Example"]["properties"]
    assert {"excluded", "excluded_by", "excluded_at", "exclusion_note", "candidates"} <= set(example)
    assert example["exclusion_note"]["description"]
    assert schema["paths"]["/training/examples/{example_id}"]["patch"]["summary"]
