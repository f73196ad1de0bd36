from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "solidarity.intake"
    label = "intake"
    verbose_name = _("E-mail intake")
    default_auto_field = "django.db.models.BigAutoField"

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: e-mails that are reports but still wait for a moderator to place them."""
        from solidarity.intake.models import Message

        return {"emails_without_draft": Message.objects.filter(verdict="report", report__isnull=True).count()}
