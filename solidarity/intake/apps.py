from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "solidarity.intake"
    label = "intake"
    verbose_name = _("E-mail intake")
    default_auto_field = "django.db.models.BigAutoField"

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: e-mails that are reports but still wait for a moderator to place them, and
        how stale the mailboxes are (minutes since the oldest last fetch of an enabled mailbox, -1 if one was
        never fetched; failing mailboxes counted), so a stopped ``fetch-mail --loop`` shows."""
        from django.utils import timezone

        from solidarity.intake.models import Mailbox, Message

        counts = {"emails_without_draft": Message.objects.filter(verdict="report", report__isnull=True).count()}
        mailboxes = list(Mailbox.objects.filter(enabled=True).values_list("last_fetch_at", "last_error"))
        if mailboxes:
            fetched = [at for at, _error in mailboxes]
            oldest = None if None in fetched else min(fetched)
            counts["minutes_since_mail_fetch"] = (
                -1 if oldest is None else int((timezone.now() - oldest).total_seconds() // 60)
            )
            counts["mailboxes_failing"] = sum(1 for _at, error in mailboxes if error)
        return counts
