"""Downloads of the public registry (CSV, JSON), outside the language prefix: the files read the same in every
language. Mounted at ``/registry/`` by ``solidarity/urls.py``."""

from django.urls import path

from solidarity.registry import export_views

urlpatterns = [
    path("people.csv", export_views.people_csv, name="registry-people-csv"),
    path("registry.json", export_views.registry_json, name="registry-json"),
]
