from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "solidarity.campaigns"
    label = "campaigns"
    verbose_name = _("Campaigns")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from solidarity.campaigns.services import registry_facts_changed
        from solidarity.registry.services import registry_changed

        registry_changed.connect(registry_facts_changed, dispatch_uid="campaigns.registry_facts_changed")
