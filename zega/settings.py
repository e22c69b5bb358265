"""Zega Auto-Train settings: one file, every value from the environment (CONTRACT section 2)."""

from __future__ import annotations

import json
import os
import secrets
import warnings
from pathlib import Path
from typing import overload

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


@overload
def env(name: str, default: str) -> str: ...


@overload
def env(name: str, default: None = None) -> str | None: ...


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return default if value is None or value == "" else value


def envbool(name: str, default: bool) -> bool:
    value = env(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int, *, minimum: int = 0) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def envfloat(name: str, default: float) -> float:
    value = env(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, not {value!r}") from None


def envlist(name: str) -> list[str]:
    return [part.strip() for part in (env(name) or "").split(",") if part.strip()]


# --- Django ---------------------------------------------------------------------------------------

# Off unless asked for: a deploy that forgets DJANGO_DEBUG must not serve debug pages (`make run` sets it).
DEBUG = envbool("DJANGO_DEBUG", False)
SECRET_KEY = env("DJANGO_SECRET_KEY") or ""
if not SECRET_KEY:
    if not DEBUG:
        # Refused rather than generated: gunicorn's workers and the cluster processes must share one key
        # (sessions, CSRF, signed values), and a per-process random one would fail logins at random.
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is false: set it to a long random string "
            "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
            "or set DJANGO_DEBUG=true for local use"
        )
    # Local use without a key: a random one for this process only (sessions end when it stops).
    SECRET_KEY = secrets.token_urlsafe(50)
    warnings.warn(
        "DJANGO_SECRET_KEY is unset: using a random key for this process (DJANGO_DEBUG is true)",
        RuntimeWarning,
        stacklevel=1,
    )
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS") or ["localhost", "127.0.0.1", "[::1]"]
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    # Swagger UI's and Redoc's files, served from here: /api/docs works without a CDN.
    "drf_spectacular_sidecar",
    "django_q",
    "axes",
    "autotrain",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "zega.urls"
WSGI_APPLICATION = "zega.wsgi.application"
# Every API path answers with and without a trailing slash, so no redirects.
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0") or 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and several cluster processes write to one file: WAL lets readers go on while one
    # writes, IMMEDIATE transactions queue writers instead of failing on lock upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # Shared by the web server and the cluster processes (the cluster's health is read from it).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "zega_cache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [path for path in [BASE_DIR / "frontend" / "dist"] if path.exists()]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The page's own login form; staff also have /admin/login/.
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Login throttling (django-axes) on /accounts/login/ and /admin/login/: after ZEGA_LOGIN_FAILURE_LIMIT
# failed attempts for one username, or from one address, that username or address is locked out for
# ZEGA_LOGIN_COOLOFF_MINUTES. API tokens are not logins and are not counted.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("ZEGA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = envfloat("ZEGA_LOGIN_COOLOFF_MINUTES", 15.0) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per user and per address
AXES_RESET_ON_SUCCESS = True
# Behind N reverse proxies the client's address is the Nth from the right of X-Forwarded-For; with 0
# the socket's address counts (behind a proxy that would lock every user out together).
ZEGA_LOGIN_PROXY_COUNT = envint("ZEGA_LOGIN_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "zega.login_throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "zega.login_throttle.lockout_response"

if not DEBUG:
    # Production is HTTPS behind a proxy that sets X-Forwarded-Proto; each knob can be turned down for
    # a deployment that terminates TLS elsewhere or is not ready for HSTS preloading.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = envint("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    # The OpenAI client logs each request at INFO; one line per generation is noise, not news.
    # django-axes announces itself at INFO in every process; its failed logins and lockouts are WARNING.
    "loggers": {"httpx": {"level": "WARNING"}, "openai": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# --- REST API -------------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first: its WWW-Authenticate header turns "not authenticated" into 401, not 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "EXCEPTION_HANDLER": "autotrain.api.common.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "auto_train": env("ZEGA_THROTTLE_AUTO_TRAIN", "120/hour"),
        "finetune": env("ZEGA_THROTTLE_FINETUNE", "30/hour"),
        "generate": env("ZEGA_THROTTLE_GENERATE", "600/hour"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Zega Auto-Train API",
    "DESCRIPTION": "Generates, scores and keeps synthetic story-writing examples per user, "
    "and turns them into a personal model zega-<username>.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "GenreEnum": "autotrain.catalog.GENRE_KEYS",
        "JobStatusEnum": "autotrain.api.serializers.JOB_STATUSES",
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "autotrain.api.common.schema_without_trailing_slashes",
    ],
}

# --- Task cluster (django-q2) ---------------------------------------------------------------------

ZEGA_CHUNK_TIMEOUT = envint("ZEGA_CHUNK_TIMEOUT", 1800, minimum=10)
Q_CLUSTER = {
    "name": "zega",
    "workers": envint("ZEGA_CLUSTER_WORKERS", 2, minimum=1),
    "timeout": ZEGA_CHUNK_TIMEOUT,
    # A task not acknowledged after this long is delivered again (ORM broker); must exceed timeout.
    "retry": ZEGA_CHUNK_TIMEOUT + 120,
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 1000,
    "poll": 0.1,
    "label": "Task cluster",
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# --- Zega -----------------------------------------------------------------------------------------

ZEGA_LLM_BASE_URL = env("ZEGA_LLM_BASE_URL")
ZEGA_LLM_API_KEY = env("ZEGA_LLM_API_KEY") or env("OPENAI_API_KEY")
ZEGA_LLM_MODELS = envlist("ZEGA_LLM_MODELS")


def env_json_list(name: str, what: str) -> list | None:
    """A JSON list of `what` in the environment, or None when unset."""
    try:
        value = json.loads(env(name, "null"))
    except json.JSONDecodeError as exc:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {exc}") from None
    if value is not None and not isinstance(value, list):
        raise ImproperlyConfigured(f"{name} must be a JSON list of {what}")
    return value


ZEGA_ENSEMBLE = env_json_list("ZEGA_ENSEMBLE", "members")
ZEGA_ENSEMBLE_STRATEGY: str = env("ZEGA_ENSEMBLE_STRATEGY", "vote")
if ZEGA_ENSEMBLE_STRATEGY not in {"vote", "fallback"}:
    raise ImproperlyConfigured("ZEGA_ENSEMBLE_STRATEGY must be 'vote' or 'fallback'")
ZEGA_LLM_CONCURRENCY = envint("ZEGA_LLM_CONCURRENCY", 32, minimum=1)
# Requests per minute per member, paced on the client. Unset: learned from the server's x-ratelimit-*
# headers and 429s (and no pacing while the server says nothing).
ZEGA_LLM_RPM = envfloat("ZEGA_LLM_RPM", 0.0) or None
if ZEGA_LLM_RPM is not None and ZEGA_LLM_RPM < 0:
    raise ImproperlyConfigured("ZEGA_LLM_RPM must be a positive number of requests per minute")
ZEGA_LLM_TIMEOUT = envfloat("ZEGA_LLM_TIMEOUT", 60.0)
ZEGA_LLM_MAX_RETRIES = envint("ZEGA_LLM_MAX_RETRIES", 4)
ZEGA_LLM_MAX_TOKENS = envint("ZEGA_LLM_MAX_TOKENS", 400, minimum=16)
ZEGA_LLM_TEMPERATURE = envfloat("ZEGA_LLM_TEMPERATURE", 0.9)

ZEGA_QUALITY_THRESHOLD = envfloat("ZEGA_QUALITY_THRESHOLD", 7.0)
# The optional LLM jury (CONTRACT section 5): judge models on ZEGA_LLM_BASE_URL, or a JSON list shaped
# like ZEGA_ENSEMBLE for judges on their own endpoints (it wins over the models list).
ZEGA_JUDGE_MODELS = envlist("ZEGA_JUDGE_MODELS")
ZEGA_JUDGE = env_json_list("ZEGA_JUDGE", "judges")
ZEGA_JUDGE_THRESHOLD = envfloat("ZEGA_JUDGE_THRESHOLD", 7.0)
ZEGA_JUDGE_CONCURRENCY = envint("ZEGA_JUDGE_CONCURRENCY", ZEGA_LLM_CONCURRENCY, minimum=1)
ZEGA_MAX_EXAMPLES = envint("ZEGA_MAX_EXAMPLES", 500, minimum=1)
ZEGA_MAX_ACTIVE_RUNS = envint("ZEGA_MAX_ACTIVE_RUNS", 2, minimum=1)
ZEGA_SYNC_WAIT_SECONDS = envfloat("ZEGA_SYNC_WAIT_SECONDS", 120.0)
# Plain POST /auto-train requests of one user that may wait at once (each holds a server thread);
# past that they answer 202 at once, so one user cannot occupy every thread of the web server.
ZEGA_MAX_SYNC_WAITS = envint("ZEGA_MAX_SYNC_WAITS", 2)
# Items per cluster task; a run of N items becomes ceil(N / chunk) tasks that any worker may take.
# Two full rounds of requests per member by default: a chunk of 50 at 32 in flight sent 32, then 18,
# and waited a whole request latency for a half-empty round (scenario 1 of BENCHMARKS.md).
ZEGA_CHUNK_SIZE = envint("ZEGA_CHUNK_SIZE", 2 * ZEGA_LLM_CONCURRENCY, minimum=1)
# A worker renews its claim on the items it generates every 30 s; a claim older than this is taken
# to belong to a dead worker and is given back.
ZEGA_CLAIM_TIMEOUT_SECONDS = envint("ZEGA_CLAIM_TIMEOUT_SECONDS", 120, minimum=1)
# Pending items untouched for this long get their chunk enqueued again by the minute schedule.
ZEGA_STALL_SECONDS = envint("ZEGA_STALL_SECONDS", 120, minimum=1)
ZEGA_DEDUP_THRESHOLD = envfloat("ZEGA_DEDUP_THRESHOLD", 0.8)
# A run in progress: polls of its status share the counts of its rows for this long at most, and only
# while no batch of results has been written since (0: count on every poll).
ZEGA_RUN_STATUS_CACHE_SECONDS = envfloat("ZEGA_RUN_STATUS_CACHE_SECONDS", 1.0)
# Run enqueued tasks in the enqueuing process instead of on the cluster (tests, one-off scripts).
ZEGA_RUN_TASKS_INLINE = envbool("ZEGA_RUN_TASKS_INLINE", False)

ZEGA_FINETUNE_BACKEND: str = env("ZEGA_FINETUNE_BACKEND", "fewshot")
if ZEGA_FINETUNE_BACKEND not in {"fewshot", "openai", "ollama"}:
    raise ImproperlyConfigured("ZEGA_FINETUNE_BACKEND must be 'fewshot', 'openai' or 'ollama'")
ZEGA_FINETUNE_BASE_MODEL = env("ZEGA_FINETUNE_BASE_MODEL")
ZEGA_FINETUNE_BASE_URL = env("ZEGA_FINETUNE_BASE_URL") or ZEGA_LLM_BASE_URL
ZEGA_FINETUNE_THRESHOLD = envint("ZEGA_FINETUNE_THRESHOLD", 50, minimum=1)
ZEGA_AUTO_FINETUNE = envbool("ZEGA_AUTO_FINETUNE", True)
ZEGA_OLLAMA_URL: str = env("ZEGA_OLLAMA_URL", "http://localhost:11434")
ZEGA_EMBEDDINGS: str = env("ZEGA_EMBEDDINGS", "hashing")
# Texts per /v1/embeddings request when ZEGA_EMBEDDINGS is openai:<model>.
ZEGA_EMBEDDINGS_BATCH_SIZE = envint("ZEGA_EMBEDDINGS_BATCH_SIZE", 64, minimum=1)

# --- Evaluation of a custom model against its base (CONTRACT section 6) -------------------------------

# Evaluate a job's model by itself when it succeeds.
ZEGA_AUTO_EVALUATE = envbool("ZEGA_AUTO_EVALUATE", True)
# Held-out prompts the custom model and its base both write.
ZEGA_EVAL_PROMPTS = envint("ZEGA_EVAL_PROMPTS", 16, minimum=1)
