"""Printing approved solidarity messages: one per page in any script, never the sender's contact, only by
those allowed to, recorded, and without changing any message until someone marks them delivered."""

from __future__ import annotations

import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import verified_client
from solidarity.lib.models import AuditEntry
from solidarity.registry import letters_pdf, selectors, services
from solidarity.registry.models import Letter
from solidarity.registry.tests import factories
from solidarity.registry.tests.letter_builders import CANARY, approved, nikita, pdf_pages, submitted

__all__ = ["nikita"]  # the fixture, used by name

RUSSIAN = "Никита, мы помним о тебе и ждём твоего освобождения."
HEBREW = "אנחנו איתך"
ARABIC = "نحن معك"


# --- printing ------------------------------------------------------------------------------------------------


def test_pdf_has_a_cover_and_one_page_per_message_in_any_script(nikita, tmp_path):
    letters = [
        approved(nikita, RUSSIAN, sender_name="Аня", sender_country="DE", sender_contact=CANARY, language="ru"),
        approved(nikita, f"{HEBREW}\n\nShalom from Haifa.", sender_country="IL", language="he"),
        approved(nikita, f"{ARABIC}.", sender_name="Karim", sender_country="LB", language="ar"),
        approved(nikita, "Solidarity! " * 416, sender_name="Long Writer"),  # just under the 5000 limit
        approved(nikita, "\n\n".join(["We read about your case and wrote to the court. " * 9] * 10)),
    ]
    content = letters_pdf.letters_pdf(nikita, letters, language="en")
    pages, text = pdf_pages(content, tmp_path)
    assert pages == 1 + len(letters)
    cover, *messages = text.split("\f")[:pages]
    assert "Nikita Oleinik" in cover and "SIZO-1, Tyumen, Russia" in cover and "5 messages" in cover
    assert RUSSIAN.split()[0] in messages[0] and "мы помним о тебе" in messages[0]
    assert "Аня" in messages[0] and "Germany" in messages[0] and "To Nikita Oleinik" in messages[0]
    assert "A supporter" in messages[1] and "Israel" in messages[1] and "Shalom from Haifa" in messages[1]
    assert "Karim" in messages[2] and "Lebanon" in messages[2]
    assert "Long Writer" in messages[3]  # long messages still fit their own page
    assert "wrote to the court" in messages[4] and f"Message no. {letters[4].pk}" in messages[4]
    assert CANARY not in text and CANARY.encode() not in content
    fonts = subprocess.run(["pdffonts", str(tmp_path / "letters.pdf")], capture_output=True, text=True, check=True)
    assert {line.split("+")[1].split()[0] for line in fonts.stdout.splitlines()[2:]} <= {
        "DejaVu-Sans",
        "DejaVu-Sans-Bold",
    }  # every script drawn with the embedded DejaVu, none left to a fallback font


def test_hebrew_and_arabic_are_drawn_with_real_glyphs(nikita, tmp_path):
    letters = [approved(nikita, HEBREW, language="he"), approved(nikita, ARABIC, language="ar")]
    _pages, text = pdf_pages(letters_pdf.letters_pdf(nikita, letters, language="en", cover=False), tmp_path)
    hebrew, arabic = text.split("\f")[:2]
    assert set(HEBREW.replace(" ", "")) <= set(hebrew)
    assert letters_pdf.text_direction(ARABIC) == "rtl" and letters_pdf.text_direction("Hello") == "ltr"
    assert arabic.strip()  # shaped Arabic comes back as presentation forms, but it is there
    assert "\ufffd" not in text


def test_labels_follow_the_chosen_language(nikita, tmp_path):
    letter = approved(nikita, "Hello", sender_country="DE")
    _pages, text = pdf_pages(letters_pdf.letters_pdf(nikita, [letter], language="ru"), tmp_path)
    assert "Германия" in text


def test_organiser_downloads_the_approved_messages_and_nothing_changes(nikita, organiser, tmp_path):
    ready = [approved(nikita, f"Approved message {n}", sender_contact=CANARY) for n in range(3)]
    submitted(nikita, "Still waiting for review")
    rejected = submitted(nikita, "Rejected words")
    services.letter_review(letter=rejected, status="rejected", actor=organiser)
    delivered = approved(nikita, "Already delivered")
    services.letter_review(letter=delivered, status="delivered", actor=organiser)

    client = verified_client(organiser)
    listing = client.get("/admin/registry/letter/").content.decode()
    url = f"/admin/registry/letter/print/{nikita.pk}/"
    assert url in listing and "waiting to be printed" in listing
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    pages, text = pdf_pages(response.content, tmp_path)
    assert pages == 1 + 3
    assert all(f"Approved message {n}" in text for n in range(3))
    for absent in ("Still waiting", "Rejected words", "Already delivered", CANARY):
        assert absent not in text
    assert {x.status for x in Letter.objects.filter(pk__in=[x.pk for x in ready])} == {"approved"}
    entry = AuditEntry.objects.get(action="registry.letter.printed")
    assert (entry.actor, entry.object_id, entry.data["after"]["count"]) == (organiser, str(nikita.pk), 3)

    # marking delivered is its own, explicit step
    client.post("/admin/registry/letter/", {"action": "mark_delivered", "_selected_action": [x.pk for x in ready]})
    assert {x.status for x in Letter.objects.filter(pk__in=[x.pk for x in ready])} == {"delivered"}
    assert selectors.approved_letters_count(nikita) == 4
    nothing_left = client.get(url)
    assert nothing_left.status_code == 302 and AuditEntry.objects.filter(action="registry.letter.printed").count() == 1


def test_print_action_on_selected_messages_to_one_person(nikita, organiser, tmp_path):
    chosen = [approved(nikita, f"Chosen {n}") for n in range(2)]
    waiting = submitted(nikita, "Not approved yet")
    client = verified_client(organiser)
    response = client.post(
        "/admin/registry/letter/",
        {"action": "print_selected", "_selected_action": [*(x.pk for x in chosen), waiting.pk]},
    )
    assert response["Content-Type"] == "application/pdf"
    pages, text = pdf_pages(response.content, tmp_path)
    assert pages == 3 and "Chosen 0" in text and "Chosen 1" in text and "Not approved yet" not in text
    assert AuditEntry.objects.get(action="registry.letter.printed").data["after"]["count"] == 2

    elsewhere = approved(factories.person("Another Prisoner"), "To someone else")
    mixed = client.post(
        "/admin/registry/letter/", {"action": "print_selected", "_selected_action": [chosen[0].pk, elsewhere.pk]}
    )
    assert mixed.status_code == 302 and mixed.get("Content-Type", "").startswith("text/html")
    assert AuditEntry.objects.filter(action="registry.letter.printed").count() == 1


def test_moderator_without_print_permission_is_refused(nikita, moderator):
    letter = approved(nikita, "Approved words")
    client = verified_client(moderator)
    assert client.get(f"/admin/registry/letter/print/{nikita.pk}/").status_code == 403
    listing = client.get("/admin/registry/letter/").content.decode()
    assert 'value="print_selected"' not in listing and "print/" not in listing
    response = client.post("/admin/registry/letter/", {"action": "print_selected", "_selected_action": [letter.pk]})
    assert response.get("Content-Type", "") != "application/pdf"
    assert not AuditEntry.objects.filter(action="registry.letter.printed").exists()


def test_print_url_needs_the_second_factor(nikita, organiser):
    approved(nikita)
    client = Client()
    client.force_login(organiser)
    response = client.get(f"/admin/registry/letter/print/{nikita.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not AuditEntry.objects.filter(action="registry.letter.printed").exists()


# --- the command ---------------------------------------------------------------------------------------------


def test_command_writes_the_pdf_and_marks_delivered_only_when_asked(nikita, tmp_path):
    letters = [approved(nikita, f"Command message {n}") for n in range(2)]
    output = tmp_path / "out" / "nikita.pdf"
    call_command("print_letters", "nikita-oleinik", "-o", str(output))
    pages, text = pdf_pages(output.read_bytes(), tmp_path)
    assert pages == 3 and "Command message 1" in text
    assert {x.status for x in Letter.objects.all()} == {"approved"}

    call_command("print_letters", "nikita-oleinik", "-o", str(output), "--mark-delivered", "--no-cover", "--lang", "ru")
    assert output.exists() and pdf_pages(output.read_bytes(), tmp_path)[0] == 2
    assert {x.status for x in Letter.objects.filter(pk__in=[x.pk for x in letters])} == {"delivered"}
    assert AuditEntry.objects.filter(action="registry.letter.delivered").count() == 2
    assert AuditEntry.objects.filter(action="registry.letter.printed").count() == 2

    with pytest.raises(CommandError, match="no approved messages"):
        call_command("print_letters", "nikita-oleinik", "-o", str(output))
    with pytest.raises(CommandError, match="no person"):
        call_command("print_letters", "nobody", "-o", str(output))
