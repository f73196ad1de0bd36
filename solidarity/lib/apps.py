from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def ensure_cache_table(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """With ``SOLIDARITY_CACHE=db``, ``migrate`` also creates the cache table, so a deploy needs no extra step."""
    from django.conf import settings
    from django.core.management import call_command

    if any(cache["BACKEND"].endswith("DatabaseCache") for cache in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class LibConfig(AppConfig):
    name = "solidarity.lib"
    label = "lib"
    verbose_name = _("Audit trail")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from solidarity.lib import checks  # noqa: F401  (registers the system checks)

        post_migrate.connect(ensure_cache_table, sender=self, dispatch_uid="solidarity.lib.ensure_cache_table")

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: background jobs waiting, running, and failed in the last day."""
        from solidarity.lib.jobs import queue_state

        return queue_state()
