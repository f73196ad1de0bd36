from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "solidarity.places"
    label = "places"
    verbose_name = "Places"
