"""Hardening that holds across the platform (decision 40).

The password policy, two-factor sign-in for the roles that hold the most, and one rate limit for
everything the anonymous public may write. Personal data in logs: `core/log_masking.py`.
"""

import re
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.choices import Role
from fazhi.core.errors import InvalidInput, TooManyRequests, is_api_request, render_error
from fazhi.core.models import Membership
from fazhi.core.services import submissions as submission_services

# --- password policy -------------------------------------------------------------------------

_CHARACTER_CLASSES = (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^A-Za-z0-9]")


class CharacterClassesValidator:
    """A password mixes at least `classes` of: lower-case letters, upper-case letters, digits, other signs."""

    def __init__(self, classes: int = 3):
        self.classes = classes

    def validate(self, password, user=None):
        found = sum(1 for pattern in _CHARACTER_CLASSES if re.search(pattern, password))
        if found < self.classes:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return _("密码须至少包含小写字母、大写字母、数字、其他符号中的 %(classes)d 类。") % {"classes": self.classes}


# --- two-factor sign-in (TOTP) -----------------------------------------------------------------

# Roles that may turn two-factor sign-in on for themselves; FAZHI_REQUIRE_2FA_ROLES makes it mandatory.
OFFERED_ROLES = frozenset({Role.OFFICE, Role.LEGAL_REVIEWER})
# What an unverified session may still reach: signing in, out, and the two-factor pages themselves.
_UNGUARDED = frozenset({"core:login", "core:logout", "core:otp-verify", "core:otp-enrol", "set_language"})


def _roles(user) -> set[str]:
    return set(Membership.objects.active().filter(user=user).values_list("role", flat=True))


def two_factor_required(user) -> bool:
    if not settings.FAZHI_REQUIRE_2FA_ROLES:
        return False
    return bool(_roles(user) & set(settings.FAZHI_REQUIRE_2FA_ROLES))


def two_factor_offered(user) -> bool:
    return bool(_roles(user) & (OFFERED_ROLES | set(settings.FAZHI_REQUIRE_2FA_ROLES)))


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def safe_next(request, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure())
    return candidate if candidate and allowed else default


# The session remembers from the login what the password alone does not open: "verify" (the user has
# a confirmed device) or "enrol" (their role requires one they have not set up).
PENDING = "fazhi_two_factor"


def pending_step(user) -> str | None:
    if user_has_device(user, confirmed=True):
        return "verify"
    return "enrol" if two_factor_required(user) else None


def on_login(sender, request, user, **kwargs):
    """Decided once at login, so that other requests pay nothing for it."""
    if request is None or not hasattr(request, "session"):
        return
    step = pending_step(user)
    if step:
        request.session[PENDING] = step
    else:
        request.session.pop(PENDING, None)


class TwoFactorMiddleware:
    """A password alone opens nothing for a user with a confirmed device (or a role that requires
    one): every page sends them to the code (or to enrolment), and the API refuses the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        step = request.session.get(PENDING) if hasattr(request, "session") else None
        if not step or not request.user.is_authenticated or request.user.is_verified():
            return None
        if request.resolver_match and request.resolver_match.view_name in _UNGUARDED:
            return None
        if is_api_request(request):
            return render_error(request, 403, _("请先在登录页面完成双因素验证。"), code="otp_required")
        target = "core:otp-verify" if step == "verify" else "core:otp-enrol"
        return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")


def check_token_code(user, code) -> None:
    """The API's token is a password-equivalent: for a two-factor user it takes the code as well."""
    device = confirmed_device(user)
    if device is None:
        if two_factor_required(user):
            raise InvalidInput(_("该账号须启用双因素验证：请先登录工作台完成绑定。"), code="otp_required")
        return
    if not isinstance(code, str) or not code.strip():
        raise InvalidInput(_("该账号已启用双因素验证：请同时填写动态验证码（otp_token）。"), code="otp_required")
    if not device.verify_token(code.strip()):
        raise InvalidInput(_("动态验证码不正确或已过期。"), code="invalid_credentials")


# --- rate limit of the public's writes ----------------------------------------------------------

# Own limits apply: axes locks failed logins, the token endpoint has its throttle, and these two
# only touch the caller's own session.
_OWN_LIMITS = frozenset({"core:login", "api-token", "core:logout", "set_language"})


def check_rate(scope: str, client: str, rate: tuple[int, int]) -> None:
    """At most `count` requests of one client in a scope per fixed window (the shared cache)."""
    count, seconds = rate
    now = time.time()
    window = int(now // seconds)
    key = f"fazhi:public-rate:{scope}:{client}:{window}"
    cache.add(key, 0, timeout=seconds + 60)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=seconds + 60)
        used = 1
    if used <= count:
        return
    wait = max(1, int((window + 1) * seconds - now + 0.999))
    minutes = (wait + 59) // 60
    raise TooManyRequests(
        _("请求过于频繁：同一来源%(period)s最多提交 %(count)d 次，请 %(minutes)d 分钟后再试。")
        % {"period": submission_services._period_text(seconds), "count": count, "minutes": minutes},
        retry_after=wait,
    )


def _is_public(request) -> bool:
    """No signed-in session and no valid API token: the anonymous public."""
    if request.user.is_authenticated:
        return False
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.startswith("Token "):
        from rest_framework.authtoken.models import Token

        return not Token.objects.filter(key=header[6:].strip(), user__is_active=True).exists()
    return True


class PublicRateLimitMiddleware:
    """Every write of the anonymous public, and every look-up by receipt secret, counted per client
    and URL in the shared cache (FAZHI_PUBLIC_FORM_RATE): a 429 with the wait once over the limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        writes = request.method not in ("GET", "HEAD", "OPTIONS", "TRACE")
        looks_up = "secret" in request.GET
        if not (writes or looks_up) or request.resolver_match is None:
            return None
        scope = request.resolver_match.view_name or request.resolver_match.route
        if scope in _OWN_LIMITS or not _is_public(request):
            return None
        client = submission_services.client_digest(submission_services.client_ip(request))
        try:
            check_rate(scope, client, settings.FAZHI_PUBLIC_FORM_RATE)
        except TooManyRequests as exc:
            response = render_error(request, exc.status_code, exc.detail, code=exc.code)
            response["Retry-After"] = str(exc.retry_after)
            return response
        return None
