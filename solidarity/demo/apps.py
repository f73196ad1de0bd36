from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "solidarity.demo"
    label = "demo"
    verbose_name = "Demo data"
