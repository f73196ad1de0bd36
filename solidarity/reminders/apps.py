from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "solidarity.reminders"
    label = "reminders"
    verbose_name = _("E-mail reminders")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from solidarity.campaigns.services import public_data_changed
        from solidarity.reminders import checks  # noqa: F401  (registers the system checks)
        from solidarity.reminders.tasks import campaign_changed

        public_data_changed.connect(campaign_changed, dispatch_uid="solidarity.reminders.campaign_changed")

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: reminders already due but not sent (a stopped worker or mail server)."""
        from django.utils import timezone

        from solidarity.reminders.sending import due

        return {"reminders_due": len(due(timezone.now()))}
