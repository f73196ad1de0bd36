import getpass
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from solidarity.lib import audit
from solidarity.reports.roles import ROLES, ensure_role


class Command(BaseCommand):
    help = (
        "Create (or re-key) a staff account for an organiser or moderator, with the TOTP second factor "
        "that signing in requires. Prints the authenticator set-up link and QR code once."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), default="moderator")
        parser.add_argument("--email", default="")
        parser.add_argument("--password-file", help="read the password from this file instead of a prompt")
        parser.add_argument("--superuser", action="store_true", help="grant every permission (site operators)")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        password = self._password(options)
        user, created = get_user_model().objects.get_or_create(username=options["username"])
        user.email = options["email"] or user.email
        user.is_staff = True
        user.is_superuser = options["superuser"]
        user.set_password(password)
        user.save()
        user.groups.add(ensure_role(options["role"]))
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        audit.record("auth.staff.created" if created else "auth.staff.rekeyed", user, None, role=options["role"])
        self.stdout.write(f"{'Created' if created else 'Updated'} {user.username} ({options['role']}).")
        self.stdout.write("Add this to an authenticator app (shown once):")
        self.stdout.write(device.config_url)
        try:
            import qrcode

            qr = qrcode.QRCode(border=1)
            qr.add_data(device.config_url)
            qr.print_ascii(out=self.stdout, invert=True)
        except Exception:  # a QR code is a convenience; the link above is enough
            self.stdout.write("(QR code could not be drawn in this terminal)")

    def _password(self, options: dict[str, Any]) -> str:
        if options["password_file"]:
            with open(options["password_file"], encoding="utf-8") as handle:
                password = handle.read().strip()
        elif options.get("interactive", True) and self.stdin_is_tty():
            password = getpass.getpass("Password (12+ characters): ")
        else:
            password = secrets.token_urlsafe(18)
            self.stdout.write(f"Generated password (shown once): {password}")
        if len(password) < 12:
            raise CommandError("the password must have at least 12 characters")
        return password

    @staticmethod
    def stdin_is_tty() -> bool:
        import sys

        return sys.stdin.isatty()
