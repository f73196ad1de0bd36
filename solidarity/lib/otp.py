"""The admin site: password plus a code from an authenticator app, in one step.

django-otp refuses to guess which device a code belongs to (trying each would count failures against devices
never used, such as backup codes). Most staff have exactly one authenticator app, so when no device is chosen
we use that one; anyone with several (or using a backup code) still picks explicitly.
"""

from __future__ import annotations

from typing import Any

from django_otp.admin import OTPAdminAuthenticationForm, OTPAdminSite
from django_otp.plugins.otp_totp.models import TOTPDevice


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
