"""The page's API types (frontend/src/api-schema.d.ts) are generated from the server's OpenAPI schema;
this fails when a serializer or a view changed and the committed types were not regenerated."""

import difflib
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
GENERATOR = FRONTEND / "node_modules" / ".bin" / "openapi-typescript"
COMMITTED = FRONTEND / "src" / "api-schema.d.ts"


def _missing(reason: str):
    # Under CI a missing piece fails: a check that silently skips checks nothing.
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(reason)
    pytest.skip(reason)


def test_committed_api_types_match_the_schema(tmp_path):
    if shutil.which("node") is None or not GENERATOR.exists():
        _missing("node or frontend/node_modules (npm ci in frontend/) is missing")
    schema = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(schema))
    generated = tmp_path / "api-schema.d.ts"
    subprocess.run(
        [str(GENERATOR), str(schema), "--output", str(generated)],
        cwd=FRONTEND,
        check=True,
        capture_output=True,
        timeout=120,
    )
    want = generated.read_text()
    have = COMMITTED.read_text() if COMMITTED.exists() else ""
    if want != have:
        diff = "".join(
            list(
                difflib.unified_diff(
                    have.splitlines(keepends=True),
                    want.splitlines(keepends=True),
                    "frontend/src/api-schema.d.ts (committed)",
                    "generated from the current schema",
                )
            )[:60]
        )
        pytest.fail(
            "frontend/src/api-schema.d.ts is out of date with the API's schema: run `make types` "
            f"and commit the result.\n{diff}"
        )
