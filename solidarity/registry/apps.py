from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "solidarity.registry"
    label = "registry"
    verbose_name = _("Registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import pre_delete

        from solidarity.registry.models import Case
        from solidarity.registry.selectors import forget_filter_options
        from solidarity.registry.services import registry_changed
        from solidarity.registry.word_index import case_deleting

        registry_changed.connect(forget_filter_options, dispatch_uid="registry.forget_filter_options")
        pre_delete.connect(case_deleting, sender=Case, dispatch_uid="registry.case_deleting")

    def status_counts(self) -> dict[str, int]:
        """For ``solidarity status``: solidarity messages a moderator has not read yet."""
        from solidarity.registry.models import Letter

        return {"messages_to_review": Letter.objects.filter(status=Letter.Status.RECEIVED).count()}
