"""The public portal's pages for the anonymous public, answered from the shared cache.

A portal page is the same for every member of the public: no session, no per-user token. So an
anonymous GET of a page outside the back office, the API and the admin is stored whole in the
shared cache (Redis in production, so every app server shares it) and served from there until
anything changes: every audited change bumps a version number when it commits, and the version
is part of every page's key, so the next request after a change renders afresh. The time limit
(`FAZHI_PORTAL_CACHE_SECONDS`; 0 turns the cache off) only bounds how long an unchanged page is
kept. A page that used a CSRF token (a form) is never stored: the token is the visitor's own.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import translation

VERSION_KEY = "fazhi:portal:version"
PRIVATE_PREFIXES = ("/office/", "/admin/", "/api/", "/static/", "/media/")
HIT_HEADER = "X-Fazhi-Cache"


def version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, timeout=None)


def bump() -> None:
    """Something changed: no page stored before this is served again."""
    cache.add(VERSION_KEY, 1, timeout=None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # evicted between the two calls
        cache.set(VERSION_KEY, 2, timeout=None)


def bump_on_commit() -> None:
    """Bump once when the current transaction commits, however many changes it holds."""
    connection = transaction.get_connection()
    if not any(callback is bump for _savepoints, callback, _robust in connection.run_on_commit):
        transaction.on_commit(bump, robust=True)


def _key(request) -> str:
    parts = [
        str(version()),
        request.method,
        translation.get_language() or "",
        request.get_host(),
        request.get_full_path(),
    ]
    raw = "\n".join(parts)
    return "fazhi:portal:page:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        settings.FAZHI_PORTAL_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIVATE_PREFIXES)
        and "HX-Request" not in request.headers
        and not request.user.is_authenticated
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PortalCacheMiddleware:
    """Placed after authentication (it asks whether the user is anonymous) and outside the
    middleware that add security headers, so that a stored page carries them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            stored[HIT_HEADER] = "hit"
            return stored
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, response, timeout=settings.FAZHI_PORTAL_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
