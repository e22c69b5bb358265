"""The test suite's settings: zega.settings with the values local use gets from `make run`.

Production settings refuse to start without DJANGO_SECRET_KEY; the suite (and the web servers and
clusters it starts, which inherit this environment) runs with debug settings and a throw-away key.
pytest-django still runs each test with DEBUG off.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "true")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-suite-only-key-" + "x" * 40)

from zega.settings import *  # noqa: E402,F403
