from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "solidarity.pages"
    label = "pages"
    verbose_name = "Public pages"
