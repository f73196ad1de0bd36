"""Solidarity messages for tests: a person who takes them, and messages received or approved through the
services, as supporters and moderators would leave them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.test import Client

from solidarity.registry import services
from solidarity.registry.models import Letter
from solidarity.registry.tests import factories

URL = "/en/people/nikita-oleinik/write/"
CANARY = "canary-5c1d88e2"


@pytest.fixture
def nikita(db):
    return factories.person(
        "Nikita Oleinik",
        status="custody",
        case_name="Tyumen case",
        native_name="Никита Олейник",
        postal_address="SIZO-1, Tyumen, Russia",
        letter_guidance="Letters in Russian reach him fastest; the censor holds back anything about the case.",
    )


def form_data(client: Client, url: str = URL, **overrides: str) -> dict[str, str]:
    started = client.get(url).context["form"]["started"].value()
    data = {
        "text": "We stand with you.",
        "language": "en",
        "sender_name": "Dana",
        "sender_country": "DE",
        "sender_contact": "dana@example.org",
        "started": started,
    }
    data.update(overrides)
    return data


def submitted(person, text: str = "We stand with you.", **fields: str) -> Letter:
    return services.letter_submit(person=person, text=text, **fields)


def approved(person, text: str = "We stand with you.", **fields: str) -> Letter:
    return services.letter_review(letter=submitted(person, text, **fields), status="approved", actor=None)


def pdf_pages(content: bytes, tmp_path: Path) -> tuple[int, str]:
    """The number of pages and the text of a PDF, as poppler reads them."""
    path = tmp_path / "letters.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return pages, text.stdout
