"""Public pages of the registry, inside the language prefix (/en/people/, /ru/cases/…)."""

from django.urls import path

from solidarity.registry import views
from solidarity.registry.feeds import RegistryFeed

app_name = "registry"
urlpatterns = [
    path("people/", views.people, name="people"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("cases/", views.cases, name="cases"),
    path("cases/<slug:slug>/", views.case, name="case"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/<slug:slug>/", views.organisation, name="organisation"),
    path("feeds/registry/", RegistryFeed(), name="feed"),
]
