"""The web page: the React app built from frontend/ (served as static files), behind a login."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.templatetags.static import static
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

# The build has fixed file names (frontend/vite.config.ts), so no manifest is needed to find them.
APP_JS = "assets/app.js"
APP_CSS = "assets/app.css"


def asset_url(path: str) -> str | None:
    """The static URL of a built file with its modification time as a version, or None when not built.

    The names never change between builds, so the version query is what stops a browser from running
    yesterday's script against today's API.
    """
    found = finders.find(path)
    if found:
        version = int(Path(found).stat().st_mtime)
    elif staticfiles_storage.exists(path):
        version = int(staticfiles_storage.get_modified_time(path).timestamp())
    else:
        return None
    return f"{static(path)}?v={version}"


@require_safe
@login_required
@ensure_csrf_cookie
def page(request: HttpRequest) -> HttpResponse:
    """The auto-train page for the logged-in user. 503 with instructions when the page was not built."""
    app_js, app_css = asset_url(APP_JS), asset_url(APP_CSS)
    context = {
        "app_js": app_js,
        "app_css": app_css,
        "max_examples": settings.ZEGA_MAX_EXAMPLES,
        # Drawn on the page's quality histograms as the cut-off.
        "quality_threshold": settings.ZEGA_QUALITY_THRESHOLD,
        # Where the page sends the browser when a request answers 401 (the session ended).
        "login_url": resolve_url(settings.LOGIN_URL),
    }
    return render(request, "autotrain/page.html", context, status=200 if app_js else 503)
