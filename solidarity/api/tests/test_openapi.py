"""The API describes itself at /api/v1/openapi.json; the docs page loads nothing from another origin."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.test import Client

from solidarity.api.tests.conftest import BASE


def test_the_description_is_served_and_names_every_operation(db):
    response = Client().get(f"{BASE}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.") and schema["info"]["title"] == "Solidarity API"
    operations = {(method.upper(), path) for path, item in schema["paths"].items() for method in item}
    assert operations == {
        ("GET", f"{BASE}/campaigns"),
        ("GET", f"{BASE}/campaigns/{{slug}}"),
        ("GET", f"{BASE}/campaigns/{{slug}}/reports"),
        ("POST", f"{BASE}/campaigns/{{slug}}/reports"),
        ("GET", f"{BASE}/campaigns/{{slug}}/tally"),
        ("POST", f"{BASE}/photos"),
        ("GET", f"{BASE}/people"),
        ("POST", f"{BASE}/people"),
        ("GET", f"{BASE}/people/{{slug}}"),
        ("PATCH", f"{BASE}/people/{{slug}}"),
        ("POST", f"{BASE}/people/{{slug}}/events"),
        ("GET", f"{BASE}/cases"),
        ("POST", f"{BASE}/cases"),
        ("GET", f"{BASE}/cases/{{slug}}"),
        ("PATCH", f"{BASE}/cases/{{slug}}"),
        ("GET", f"{BASE}/organisations"),
        ("POST", f"{BASE}/organisations"),
        ("GET", f"{BASE}/organisations/{{slug}}"),
        ("PATCH", f"{BASE}/organisations/{{slug}}"),
        ("GET", f"{BASE}/events"),
        ("GET", f"{BASE}/events/{{slug}}"),
    }
    schemes = schema["components"]["securitySchemes"]
    assert {"type": "http", "scheme": "bearer"}.items() <= schemes["BearerKey"].items()
    assert schemes["HeaderKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    post = schema["paths"][f"{BASE}/campaigns/{{slug}}/reports"]["post"]
    assert {"401", "403", "422", "429"} <= set(post["responses"])
    assert post["responses"]["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")
    for path, method in [("/people", "post"), ("/people/{slug}", "patch"), ("/people/{slug}/events", "post")]:
        write = schema["paths"][f"{BASE}{path}"][method]
        assert {"401", "403", "422"} <= set(write["responses"]) and write["security"], (path, method)


def test_the_docs_page_and_its_files_come_from_this_site(db):
    response = Client().get(f"{BASE}/docs")
    assert response.status_code == 200
    html = response.content.decode()
    addresses = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert addresses and all(address.startswith("/") and not address.startswith("//") for address in addresses)
    assert '"validatorUrl": null' in html  # Swagger UI would otherwise ask validator.swagger.io
    for address in addresses:
        if address.startswith("/static/"):
            assert finders.find(address.removeprefix("/static/")), address
    assert "default-src 'self'" in response["Content-Security-Policy"]
