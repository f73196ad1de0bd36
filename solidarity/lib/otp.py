"""The admin site: password plus a code from an authenticator app, in one step.

django-otp refuses to guess which device a code belongs to (trying each would count failures against devices
never used, such as backup codes). Most staff have exactly one authenticator app, so when no device is chosen
we use that one; anyone with several (or using a backup code) still picks explicitly.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.lib import audit, login_guard


class AuthenticationForm(OTPAdminAuthenticationForm):
    def _chosen_device(self, user: Any) -> Any:
        device = super()._chosen_device(user)
        if device is None and not self.cleaned_data.get("otp_device"):
            apps = list(TOTPDevice.objects.devices_for_user(user, confirmed=True)[:2])
            if len(apps) == 1:
                return apps[0]
        return device


class AdminSite(OTPAdminSite):
    login_form = AuthenticationForm
    site_header = "Solidarity"
    site_title = "Solidarity"

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        """The sign-in, refused unheard after too many failures from one client or against one account."""
        if request.method != "POST":
            return super().login(request, extra_context)
        username = request.POST.get("username", "")
        if login_guard.blocked(request, username):
            minutes = -(-settings.SOLIDARITY["LOGIN_WINDOW"] // 60)
            context = {**self.each_context(request), "title": self.site_title, "minutes": minutes}
            return TemplateResponse(request, "admin/login_throttled.html", context, status=429)
        response = super().login(request, extra_context)
        if request.user.is_authenticated and response.status_code == 302:
            login_guard.succeeded(username)
        elif login_guard.failed(request, username):
            account = get_user_model().objects.filter(username=username).first()
            if account is not None:  # for the organisers to see; no address is kept
                audit.record("auth.account_locked", account, None)
        return response
