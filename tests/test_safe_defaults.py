"""Safe defaults (CONTRACT section 8): production settings unless told otherwise, local use from make run."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SECRET_KEY": "prod-" + "k7Qz9wX2mN4pL8vR1tY6uB3cE5hJ0gF" * 2,
    "DJANGO_DEBUG": "false",
    "DJANGO_ALLOWED_HOSTS": "zega.example.com",
}


def _django(env_extra: dict, *args: str) -> subprocess.CompletedProcess:
    """manage.py in a clean environment: none of the suite's DJANGO_/ZEGA_ variables leak in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ZEGA_"))}
    env.update(env_extra)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def _settings(env_extra: dict, *names: str) -> list[str]:
    code = "from django.conf import settings; " + "; ".join(f"print(repr(settings.{n}))" for n in names)
    done = _django(env_extra, "shell", "-c", code)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-len(names):]


def test_a_deploy_that_forgets_django_debug_runs_without_debug():
    debug, hosts, redirect, cookies = _settings(
        {"DJANGO_SECRET_KEY": PRODUCTION["DJANGO_SECRET_KEY"]},
        "DEBUG", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
    )
    assert debug == "False"
    assert hosts == "['localhost', '127.0.0.1', '[::1]']"  # never "*"
    assert redirect == "True" and cookies == "True"


def test_without_a_secret_key_production_refuses_to_start_and_says_how_to_fix_it():
    done = _django({"DJANGO_ALLOWED_HOSTS": "zega.example.com"}, "check")
    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is false" in done.stderr


def test_local_debug_without_a_key_gets_a_random_key_per_process_with_a_warning():
    first = _django({"DJANGO_DEBUG": "true"}, "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)")
    second = _django({"DJANGO_DEBUG": "true"}, "shell", "-c", "from django.conf import settings; print(settings.SECRET_KEY)")
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    assert "DJANGO_SECRET_KEY is unset" in first.stderr
    keys = {first.stdout.strip().splitlines()[-1], second.stdout.strip().splitlines()[-1]}
    assert len(keys) == 2 and all(len(key) >= 50 for key in keys)


def test_production_variables_pass_the_deploy_check_cleanly():
    done = _django(PRODUCTION, "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


def test_turning_a_safeguard_off_is_possible_and_the_deploy_check_notices():
    done = _django({**PRODUCTION, "DJANGO_SECURE_SSL_REDIRECT": "false", "DJANGO_HSTS_SECONDS": "0"},
                   "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    assert "security.W008" in done.stderr + done.stdout  # SSL redirect
    assert "security.W004" in done.stderr + done.stdout  # HSTS


def _procfile_web(env: dict) -> str:
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    command = line.removeprefix("web:").strip()
    clean = {k: v for k, v in os.environ.items() if k not in {"HOST", "PORT"}}
    done = subprocess.run(["bash", "-c", f"echo {command}"], env={**clean, **env}, capture_output=True, text=True)
    return done.stdout


def test_the_web_server_binds_this_machine_only_unless_host_says_otherwise():
    assert "--bind 127.0.0.1:8002 " in _procfile_web({})
    assert "--bind 0.0.0.0:8010 " in _procfile_web({"HOST": "0.0.0.0", "PORT": "8010"})


def _make_dry_run(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "HOST", "PORT"))}
    done = subprocess.run(["make", "-n", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_run_serves_localhost_and_prints_the_port_it_was_given():
    plan = _make_dry_run("run", "PORT=8010")
    assert "ensure_demo_user --url http://127.0.0.1:8010" in plan
    assert "HOST=127.0.0.1 PORT=8010" in plan
    assert "8002" not in plan
    exposed = _make_dry_run("run", "PORT=8011", "HOST=0.0.0.0")
    assert "ensure_demo_user --url http://localhost:8011" in exposed
    assert "HOST=0.0.0.0 PORT=8011" in exposed


def test_make_run_gives_its_steps_debug_a_local_key_and_localhost_hosts(tmp_path):
    # Everything make exports to the demo-user step, printed instead of run (`-o setup`: no install).
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    done = subprocess.run(
        ["make", "--no-print-directory", "-o", "setup", "demo-user", "PY=env; true",
         "LOCAL_SECRET_FILE=" + str(tmp_path / "secret")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 0, done.stderr
    exported = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    assert exported["DJANGO_DEBUG"] == "true"
    assert exported["DJANGO_ALLOWED_HOSTS"] == "localhost,127.0.0.1,[::1]"
    assert len(exported["DJANGO_SECRET_KEY"]) >= 50
    assert (tmp_path / "secret").read_text().strip() == exported["DJANGO_SECRET_KEY"]


@pytest.mark.django_db
def test_the_demo_user_command_prints_the_address_it_is_given(monkeypatch):
    out = io.StringIO()
    call_command("ensure_demo_user", "--url", "http://127.0.0.1:8010", stdout=out)
    assert "http://127.0.0.1:8010/training/stats" in out.getvalue()
    monkeypatch.setenv("PORT", "8123")
    out = io.StringIO()
    call_command("ensure_demo_user", stdout=out)
    assert "http://localhost:8123/training/stats" in out.getvalue()


# --- every setting documented ---------------------------------------------------------------------

ENV_READ = re.compile(r'\b(?:env(?:bool|int|float|list|_json_list)?\(|os\.environ\.get\(|os\.getenv\(|os\.environ\[)\s*"([A-Z][A-Z0-9_]*)"')
# Read by the Procfile and the Makefile, not by Django.
SERVER_VARIABLES = {"HOST", "PORT"}


def _variables_settings_read() -> set[str]:
    return set(ENV_READ.findall((ROOT / "zega" / "settings.py").read_text()))


def _variables_in_env_example() -> set[str]:
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^# ([A-Z][A-Z0-9_]*)=", text, flags=re.MULTILINE))


def test_the_settings_read_the_variables_this_test_can_see():
    names = _variables_settings_read()
    assert {"DJANGO_DEBUG", "DJANGO_SECRET_KEY", "DATABASE_URL", "ZEGA_MAX_SYNC_WAITS", "ZEGA_ENSEMBLE",
            "OPENAI_API_KEY", "ZEGA_LOGIN_FAILURE_LIMIT"} <= names
    assert len(names) >= 50


def test_every_variable_the_settings_read_is_in_the_readme_and_env_example():
    readme = (ROOT / "README.md").read_text()
    example = _variables_in_env_example()
    read = _variables_settings_read() | SERVER_VARIABLES
    assert sorted(name for name in read if f"`{name}`" not in readme) == []
    assert sorted(read - example) == []
    assert sorted(example - read) == []  # nothing documented that nothing reads
