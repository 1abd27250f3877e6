"""The public portal's pages for the anonymous public, answered from the shared cache.

A portal page is the same for every member of the public: no session, no per-user token. So an
anonymous GET of a page outside the back office, the API and the admin is stored whole in the
shared cache (Redis in production, so every app server shares it) and served from there until
anything changes: every audited change bumps a version number when it commits, and a page is
stored with the version it was rendered under, so the next request after a change renders afresh
(the version and the page are read in one round trip). The time limit
(`FAZHI_PORTAL_CACHE_SECONDS`; 0 turns the cache off) only bounds how long an unchanged page is
kept. A page that set a cookie (a form's CSRF token, a session) is never stored: it is the visitor's own.

The middleware sits near the top of the stack, so that a stored page costs one cache read: a
visitor without a session cookie is anonymous, and a page's language is the one the visitor's
language cookie chose (`core.locale.page_language`), without the session, locale and
authentication middleware having to run.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from fazhi.core.locale import page_language

VERSION_KEY = "fazhi:portal:version"
PRIVATE_PREFIXES = ("/office/", "/admin/", "/api/", "/static/", "/media/")
HIT_HEADER = "X-Fazhi-Cache"


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
    parts = [request.method, page_language(request), request.get_host(), request.get_full_path()]
    return "fazhi:portal:page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cacheable_request(request) -> bool:
    return (
        settings.FAZHI_PORTAL_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(PRIVATE_PREFIXES)
        and "HX-Request" not in request.headers
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cacheable_response(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PortalCacheMiddleware:
    """Placed after the security middleware and before the session: what it stores has passed
    through every middleware below it (headers, language), and a hit skips them all."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        # One round trip: the current version and the page, stored as (version, response).
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        current = found.get(VERSION_KEY)
        if current is None:
            cache.add(VERSION_KEY, 1, timeout=None)
            current = cache.get(VERSION_KEY, 1)
        stored_version, stored = found.get(key, (None, None))
        if stored is not None and stored_version == current:
            stored[HIT_HEADER] = "hit"
            return stored
        response = self.get_response(request)
        if _cacheable_response(request, response):
            cache.set(key, (current, response), timeout=settings.FAZHI_PORTAL_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response
