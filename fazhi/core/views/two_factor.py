"""Two-factor sign-in pages (decision 40): enrolment with a QR code, the code after the password,
and the change of one's own password under the password policy."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from fazhi.core import security
from fazhi.core.errors import Forbidden


class CodeForm(forms.Form):
    otp_token = forms.RegexField(
        label=_("动态验证码"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": _("请输入验证器应用显示的 6 位数字。"), "required": _("请输入动态验证码。")},
    )

    def __init__(self, *args, device=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_otp_token(self):
        code = self.cleaned_data["otp_token"].strip()
        if self.device is None or not self.device.verify_token(code):
            raise forms.ValidationError(_("动态验证码不正确或已过期，请输入验证器应用当前显示的数字。"))
        return code


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """After the password: the code from the user's authenticator app."""
    device = security.confirmed_device(request.user)
    next_url = security.safe_next(request, reverse("core:office-home"))
    if device is None or request.user.is_verified():
        # No device (any more): the step is what the role asks now, if anything.
        if device is None and (step := security.pending_step(request.user)):
            request.session[security.PENDING] = step
            return redirect(f"{reverse('core:otp-enrol')}?{urlencode({'next': next_url})}")
        request.session.pop(security.PENDING, None)
        return redirect(next_url)
    form = CodeForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        otp_login(request, device)
        return redirect(next_url)
    status = 400 if request.method == "POST" else 200
    return render(request, "core/otp_verify.html", {"form": form, "next": next_url}, status=status)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Turn two-factor sign-in on (scan, then confirm with a code), or off where it is not required."""
    user = request.user
    if not security.two_factor_offered(user):
        raise Forbidden(_("双因素验证面向依法行政办和法制审核人员；您当前的角色无需启用。"))
    confirmed = security.confirmed_device(user)
    required = security.two_factor_required(user)
    if request.method == "POST" and request.POST.get("action") == "disable":
        return _disable(request, confirmed, required)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=str(_("验证器应用")), confirmed=False
    )
    form = CodeForm(request.POST if request.method == "POST" else None, device=device)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # A token taken with the password alone would go around the code.
            Token.objects.filter(user=user).delete()
        otp_login(request, device)
        messages.success(request, _("双因素验证已启用：今后登录须输入验证器应用显示的动态验证码。"))
        return redirect(security.safe_next(request, reverse("core:office-home")))
    context = {
        "form": form,
        "confirmed": confirmed,
        "required": required,
        "qr": segno.make(device.config_url, error="m").svg_data_uri(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(),
        "next": security.safe_next(request, ""),
    }
    return render(request, "core/otp_enrol.html", context, status=400 if request.method == "POST" else 200)


def _disable(request, confirmed, required):
    if required:
        raise Forbidden(_("您的角色须使用双因素验证，不能停用。"))
    form = CodeForm(request.POST, device=confirmed)
    if confirmed is None or not form.is_valid():
        messages.error(request, _("停用须输入当前的动态验证码。"))
        return redirect("core:otp-enrol")
    TOTPDevice.objects.filter(user=request.user).delete()
    messages.success(request, _("双因素验证已停用。"))
    return redirect("core:office-home")


class PasswordChangeView(auth_views.PasswordChangeView):
    """One's own password, checked by the password policy (AUTH_PASSWORD_VALIDATORS)."""

    template_name = "core/password_change.html"
    success_url = reverse_lazy("core:office-home")

    def get_context_data(self, **kwargs):
        return super().get_context_data(two_factor_offered=security.two_factor_offered(self.request.user), **kwargs)

    def form_valid(self, form):
        messages.success(self.request, _("密码已修改。"))
        return super().form_valid(form)
