"""Bad requests across the API: each answers the contract's status with a JSON error and creates nothing."""

import json

import pytest
from django.apps import apps

NIL = "00000000-0000-0000-0000-000000000000"


def all_row_counts() -> dict:
    return {model._meta.label: model._default_manager.count() for model in apps.get_app_config("autotrain").get_models()} | {
        "users": apps.get_model("auth", "User").objects.count()
    }


# (method, path, body or raw string, content type, expected status)
CASES = [
    ("POST", "/auto-train", {"num_examples": "ten"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 1e3}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 10**30}, "json", 400),
    ("POST", "/auto-train", {"num_examples": -1}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "genres": ["fantasy\u0000"]}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "genres": ["<script>alert(1)</script>"]}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "genres": ["fantasy"] * 1000}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "genres": [["fantasy"]]}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "store_in_memory": None}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": "alice\u0000"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": "ålice"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": "<b>alice</b>"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": "' OR 1=1 --"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": "../../etc/passwd"}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": ""}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": None}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "user_id": ["alice"]}, "json", 400),
    ("POST", "/auto-train", {"num_examples": 3, "extra": "x" * 3_000_000}, "json", 400),
    ("POST", "/auto-train", '{"num_examples": 3,}', "json", 400),
    ("POST", "/auto-train", '{"num_examples": NaN}', "json", 400),
    ("POST", "/auto-train", "\udcff garbage", "json", 400),
    ("POST", "/auto-train", "num_examples=3", "application/x-www-form-urlencoded", 415),
    ("POST", "/auto-train", "<run><num>3</num></run>", "application/xml", 415),
    ("POST", "/auto-train", '{"num_examples": 3}', "text/plain", 415),
    ("PUT", "/auto-train", {"num_examples": 3}, "json", 405),
    ("PATCH", f"/auto-train/runs/{NIL}", {"status": "succeeded"}, "json", 405),
    ("DELETE", "/auto-train/runs", None, "json", 405),
    ("GET", "/auto-train/runs/..%2F..%2Fetc%2Fpasswd", None, "json", 404),
    ("GET", "/auto-train/runs/1%20OR%201=1", None, "json", 404),
    ("GET", f"/auto-train/runs/{NIL}", None, "json", 404),
    ("POST", f"/auto-train/runs/{NIL}/cancel", None, "json", 404),
    ("GET", "/auto-train/runs/%00", None, "json", 404),
    ("GET", "/auto-train/runs?page=0", None, "json", 400),
    ("GET", "/auto-train/runs?page=abc", None, "json", 400),
    ("GET", "/auto-train/runs?user_id=%3Cscript%3E", None, "json", 400),
    ("GET", "/training/stats?user_id=alice%27%3B--", None, "json", 400),
    ("GET", "/training/examples?genre=fantasy%00", None, "json", 400),
    ("GET", "/training/examples?min_quality=NaN", None, "json", 400),
    ("GET", "/training/examples?min_quality=-1", None, "json", 400),
    ("GET", "/training/examples?run=../../x", None, "json", 400),
    ("POST", "/training/genres", {}, "json", 405),
    ("POST", "/healthz", {}, "json", 405),
]


# Nothing here reaches a commit, so the cheaper rolled-back transaction is enough.
@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path", "body", "content_type", "expected"), CASES,
                         ids=[f"{m} {p[:40]} {json.dumps(b)[:40] if b is not None else ''}" for m, p, b, _, _ in CASES])
def test_bad_request_is_refused_with_json_and_changes_nothing(api, method, path, body, content_type, expected):
    before = all_row_counts()
    if content_type == "json" and not isinstance(body, str):
        response = api.generic(method, path, json.dumps(body) if body is not None else "",
                               content_type="application/json")
    else:
        raw = body.encode("utf-8", "surrogateescape") if isinstance(body, str) else b""
        response = api.generic(method, path, raw,
                               content_type="application/json" if content_type == "json" else content_type)
    assert response.status_code == expected, response.content[:300]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    payload = response.json()
    assert isinstance(payload, dict) and payload
    if expected != 400:
        assert "detail" in payload
    assert all_row_counts() == before
