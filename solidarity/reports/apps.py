from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "solidarity.reports"
    label = "reports"
    verbose_name = _("Reports")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from solidarity.campaigns.services import public_data_changed
        from solidarity.reports.roles import sync_existing_roles
        from solidarity.reports.tasks import queue_prerender

        # after every migrate, once Django has created the permissions of new models and Meta.permissions
        post_migrate.connect(sync_existing_roles, dispatch_uid="solidarity.reports.sync_existing_roles")
        public_data_changed.connect(queue_prerender, dispatch_uid="solidarity.reports.queue_prerender")

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: reports a moderator has not decided on yet."""
        from solidarity.reports.models import Report

        return {"reports_to_review": Report.objects.filter(status__in=Report.REVIEW_STATUSES).count()}
