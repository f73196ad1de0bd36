from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "solidarity.lib"
    label = "lib"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"
