"""Login throttling (django-axes): the client's address behind proxies, and the lockout answer."""

from __future__ import annotations

import math

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render


def client_ip(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or behind ZEGA_LOGIN_PROXY_COUNT proxies the address the outermost one saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so only the last
    `count` entries are trustworthy; anything left of them may be written by the client itself.
    """
    count: int = settings.ZEGA_LOGIN_PROXY_COUNT
    if count:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [part.strip() for part in forwarded.split(",") if part.strip()]
        if len(hops) >= count:
            return hops[-count]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict | None = None
) -> HttpResponse:
    """429 with what happened and when to try again: a page for browsers, JSON for API clients."""
    minutes = math.ceil(settings.AXES_COOLOFF_TIME * 60)
    detail = (
        f"Too many failed login attempts for this username or from this address; "
        f"try again in {minutes} minute{'s' if minutes != 1 else ''}."
    )
    if "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": detail}, status=429)
    context = {"detail": detail, "failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    return render(request, "autotrain/lockout.html", context, status=429)
