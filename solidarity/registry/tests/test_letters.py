"""Solidarity messages: a supporter writes to a person, a moderator reviews; nothing about the sender ever
reaches a public page, and the public sees only how many were approved. Printing: test_letters_pdf.py."""

from __future__ import annotations

import logging

from django.test import Client
from django.urls import reverse

from conftest import verified_client
from solidarity.lib.models import AuditEntry
from solidarity.registry import selectors, services
from solidarity.registry.models import Letter
from solidarity.registry.tests import factories
from solidarity.registry.tests.letter_builders import CANARY, URL, approved, form_data, nikita, submitted

__all__ = ["nikita"]  # the fixture, used by name

THANKS = "/en/people/nikita-oleinik/write/thanks/"
RUSSIAN = "Никита, мы помним о тебе и ждём твоего освобождения."


# --- the public form -----------------------------------------------------------------------------------------


def test_form_shows_address_guidance_and_what_happens_to_the_sender(nikita, supporter):
    response = supporter.get(URL)
    body = response.content.decode()
    assert response.status_code == 200
    assert "SIZO-1, Tyumen, Russia" in body and "censor holds back anything" in body
    assert "Nothing about you is ever shown on this site" in body
    assert "printed with your message" in body
    assert 'name="text"' in body and 'maxlength="5000"' in body
    assert '<option value="en" selected>' in body  # the message language defaults to the page's
    assert '<option value="ru" selected>' in supporter.get("/ru/people/nikita-oleinik/write/").content.decode()
    assert "<script" not in body.split("<main", 1)[1] and "style=" not in body


def test_message_is_kept_for_review_with_the_sender_private(nikita, supporter):
    response = supporter.post(URL, form_data(supporter, text=RUSSIAN, language="ru"))
    assert response.status_code == 302 and response["Location"] == THANKS
    letter = Letter.objects.get()
    assert (letter.person, letter.status, letter.text, letter.language) == (nikita, "received", RUSSIAN, "ru")
    assert (letter.sender_name, letter.sender_country, letter.sender_contact) == ("Dana", "DE", "dana@example.org")
    entry = AuditEntry.objects.get(action="registry.letter.received")
    assert "Dana" not in str(entry.data) and "dana@example.org" not in str(entry.data)
    thanks = supporter.get(THANKS)
    assert thanks.status_code == 200 and "your message has arrived" in thanks.content.decode()
    assert 'href="/en/people/nikita-oleinik/"' in thanks.content.decode()
    assert selectors.approved_letters_count(nikita) == 0  # not counted before a moderator approves it


def test_a_message_without_sender_details_is_fine(nikita, supporter):
    data = form_data(supporter, sender_name="", sender_country="", sender_contact="", language="")
    assert supporter.post(URL, data).status_code == 302
    letter = Letter.objects.get()
    assert (letter.sender_name, letter.sender_country, letter.sender_contact, letter.language) == ("", "", "", "")


def assert_kept(response, data: dict[str, str]) -> None:
    body = response.content.decode()
    form = response.context["form"]
    for key in ("sender_name", "sender_contact"):
        assert f'value="{data[key]}"' in body, key
    assert f'<option value="{data["sender_country"]}" selected>' in body
    assert form["text"].value() == data["text"]


def test_empty_message_is_refused_and_the_rest_is_kept(nikita, supporter):
    data = form_data(supporter, text="   ")
    response = supporter.post(URL, data)
    assert response.status_code == 400
    assert "Write a message." in response.content.decode()
    assert_kept(response, {**data, "text": data["text"]})
    assert not Letter.objects.exists()


def test_too_long_message_is_refused_and_kept(nikita, supporter):
    data = form_data(supporter, text="Свобода! " * 600)  # 5400 characters
    response = supporter.post(URL, data)
    assert response.status_code == 400
    assert "at most 5000 characters" in response.content.decode()
    assert_kept(response, data)
    assert "Свобода! Свобода!" in response.content.decode()
    assert not Letter.objects.exists()


def test_unknown_country_is_refused_and_kept(nikita, supporter):
    data = form_data(supporter, sender_country="XX")
    response = supporter.post(URL, data)
    assert response.status_code == 400 and not Letter.objects.exists()
    assert 'value="Dana"' in response.content.decode()


def test_hidden_person_and_unknown_address_are_not_found(nikita, supporter):
    factories.person("Secret Prisoner", hidden=True, postal_address="Hidden address 1")
    for url in (
        "/en/people/secret-prisoner/write/",
        "/en/people/secret-prisoner/write/thanks/",
        "/en/people/no-such-person/write/",
    ):
        response = supporter.get(url)
        assert response.status_code == 404, url
        assert "Hidden address 1" not in response.content.decode()
    data = form_data(supporter)
    assert supporter.post("/en/people/secret-prisoner/write/", data).status_code == 404
    assert not Letter.objects.exists()


def test_person_who_does_not_take_messages_gets_a_clear_page_and_no_form(nikita, supporter):
    data = form_data(supporter, text="Typed before the form closed.")
    nikita.accepts_messages = False
    services.person_save(person=nikita, actor=None)

    page = supporter.get(URL)
    body = page.content.decode()
    assert page.status_code == 200 and "not taken through this site" in body
    assert 'name="text"' not in body and "letter-form" not in body
    assert "SIZO-1, Tyumen, Russia" in body  # a paper letter still reaches him

    sent = supporter.post(URL, data)
    assert sent.status_code == 200 and not Letter.objects.exists()
    assert "Typed before the form closed." in sent.content.decode()  # handed back, to copy onto paper


def test_honeypot_looks_like_success_but_keeps_nothing(nikita, supporter):
    response = supporter.post(URL, form_data(supporter, website="http://spam.example"))
    assert response.status_code == 302 and not Letter.objects.exists()


def test_too_fast_or_forged_form_is_asked_again_with_everything_kept(nikita, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "MIN_FILL_SECONDS": 60}
    data = form_data(supporter)
    response = supporter.post(URL, data)
    assert response.status_code == 400 and "very fast" in response.content.decode()
    assert_kept(response, data)
    forged = supporter.post(URL, {**data, "started": "forged"})
    assert "damaged in transit" in forged.content.decode()
    assert not Letter.objects.exists()


def test_pressing_send_twice_sends_one_message(nikita, supporter):
    data = form_data(supporter)
    assert supporter.post(URL, data).status_code == 302
    assert supporter.post(URL, data).status_code == 302
    assert Letter.objects.count() == 1


def test_rate_limit_keeps_the_message_and_stores_no_address(nikita, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "LETTER_RATE_LIMIT": 2}
    for n in range(2):
        data = form_data(supporter, text=f"message {n}")
        assert supporter.post(URL, data, REMOTE_ADDR="203.0.113.7").status_code == 302
    data = form_data(supporter, text="the third message")
    response = supporter.post(URL, data, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert "nothing you typed is lost" in response.content.decode()
    assert_kept(response, data)
    assert supporter.post(URL, data, REMOTE_ADDR="198.51.100.2").status_code == 302  # another connection
    assert Letter.objects.count() == 3
    for letter in Letter.objects.all():
        assert "203.0.113.7" not in str(vars(letter))
    assert not AuditEntry.objects.filter(data__icontains="203.0.113").exists()


def test_the_report_limit_applies_when_no_letter_limit_is_set(nikita, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "REPORT_RATE_LIMIT": 1}
    settings.SOLIDARITY.pop("LETTER_RATE_LIMIT", None)
    assert supporter.post(URL, form_data(supporter, text="one")).status_code == 302
    assert supporter.post(URL, form_data(supporter, text="two")).status_code == 429


def test_address_of_a_merged_record_leads_to_the_form(nikita, supporter):
    duplicate = factories.person("N. Oleinik", slug="n-oleinik")
    services.person_merge(keep=nikita, merge=duplicate, actor=None)
    response = supporter.get("/en/people/n-oleinik/write/")
    assert response.status_code == 301 and response["Location"] == URL


# --- the public count ----------------------------------------------------------------------------------------


def test_count_includes_approved_and_delivered_only(nikita, moderator):
    received = submitted(nikita)
    rejected = submitted(nikita)
    services.letter_review(letter=rejected, status="rejected", actor=moderator)
    first, second = approved(nikita), approved(nikita)
    services.letter_review(letter=second, status="delivered", actor=moderator)
    assert selectors.approved_letters_count(nikita) == 2
    services.letter_review(letter=first, status="rejected", actor=moderator)
    assert selectors.approved_letters_count(nikita) == 1
    assert received.status == "received"
    other = factories.person("Someone Else")
    approved(other)
    assert selectors.approved_letters_count(nikita) == 1


# --- moderation in the admin ---------------------------------------------------------------------------------


def test_password_alone_and_outsiders_are_refused(nikita, moderator, outsider):
    letter = submitted(nikita, sender_contact=CANARY)
    password_only = Client()
    password_only.force_login(moderator)
    charlie = Client()
    charlie.force_login(outsider)
    for client in (password_only, charlie, Client()):
        for url in ("/admin/registry/letter/", f"/admin/registry/letter/{letter.pk}/change/"):
            response = client.get(url)
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
            assert CANARY not in response.content.decode()
        response = client.post(
            "/admin/registry/letter/", {"action": "approve", "_selected_action": [letter.pk]}, follow=False
        )
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    letter.refresh_from_db()
    assert letter.status == "received"


def test_moderator_sees_the_queue_and_the_sender_details(nikita, moderator):
    waiting = submitted(
        nikita, text="Hold on, comrade.", sender_name="Dana", sender_country="DE", sender_contact="dana@example.org"
    )
    other = factories.person("Another Prisoner")
    done = approved(other, text="Already approved words.")
    client = verified_client(moderator)
    queue = client.get("/admin/registry/letter/?status__exact=received").content.decode()
    assert "Hold on, comrade." in queue and "Already approved words." not in queue
    by_person = client.get(f"/admin/registry/letter/?person__id__exact={other.pk}").content.decode()
    assert "Already approved words." in by_person and "Hold on, comrade." not in by_person
    page = client.get(f"/admin/registry/letter/{waiting.pk}/change/").content.decode()
    assert "Hold on, comrade." in page and "Dana" in page and "dana@example.org" in page
    assert "Germany" in page
    assert done.status == "approved"


def test_moderator_approves_rejects_and_marks_delivered_in_bulk(nikita, moderator):
    letters = [submitted(nikita, text=f"message {n}") for n in range(4)]
    client = verified_client(moderator)

    def act(action: str, chosen: list[Letter]):
        response = client.post(
            "/admin/registry/letter/", {"action": action, "_selected_action": [x.pk for x in chosen]}
        )
        assert response.status_code == 302
        return {x.pk: x.status for x in Letter.objects.all()}

    assert act("approve", letters[:3]) == {
        letters[0].pk: "approved",
        letters[1].pk: "approved",
        letters[2].pk: "approved",
        letters[3].pk: "received",
    }
    assert act("reject", letters[2:3])[letters[2].pk] == "rejected"
    statuses = act("mark_delivered", letters[:2] + letters[3:])  # the unapproved one is left alone
    assert [statuses[x.pk] for x in letters] == ["delivered", "delivered", "rejected", "received"]
    assert selectors.approved_letters_count(nikita) == 2

    entries = AuditEntry.objects.filter(action__startswith="registry.letter.", actor=moderator)
    assert sorted(e.action for e in entries) == sorted(
        ["registry.letter.approved"] * 3 + ["registry.letter.rejected"] + ["registry.letter.delivered"] * 2
    )
    first = entries.get(action="registry.letter.approved", object_id=str(letters[0].pk))
    assert (first.data["before"], first.data["after"]) == ({"status": "received"}, {"status": "approved"})
    assert all(e.actor_label == "bob" for e in entries)


def test_change_form_buttons_decide_and_keep_the_note(nikita, moderator):
    letter = submitted(nikita, text="Greetings from Berlin.")
    client = verified_client(moderator)
    response = client.post(
        f"/admin/registry/letter/{letter.pk}/change/", {"moderator_note": "names the judge", "_reject": "1"}
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert (letter.status, letter.moderator_note) == ("rejected", "names the judge")
    assert AuditEntry.objects.filter(action="registry.letter.rejected", actor=moderator).exists()
    # the message and its sender cannot be edited here: posted values are ignored
    client.post(
        f"/admin/registry/letter/{letter.pk}/change/",
        {"moderator_note": "names the judge", "text": "edited", "sender_name": "x", "_approve": "1"},
    )
    letter.refresh_from_db()
    assert (letter.status, letter.text, letter.sender_name) == ("approved", "Greetings from Berlin.", "")


def test_staff_cannot_add_or_delete_messages(nikita, moderator, organiser):
    letter = submitted(nikita)
    for user in (moderator, organiser):
        client = verified_client(user)
        assert client.get("/admin/registry/letter/add/").status_code == 403
        assert client.get(f"/admin/registry/letter/{letter.pk}/delete/").status_code == 403
        assert 'value="delete_selected"' not in client.get("/admin/registry/letter/").content.decode()
    assert Letter.objects.filter(pk=letter.pk).exists()


# --- privacy -------------------------------------------------------------------------------------------------


def public_urls(person) -> list[str]:
    page = reverse("registry:person", args=[person.slug])
    return [
        URL,
        THANKS,
        "/ru/people/nikita-oleinik/write/",
        "/en/",
        page,
        page.replace("/en/", "/ru/", 1),
        reverse("registry:people"),
        f"{reverse('registry:people')}?q=oleinik",
        "/api/v1/people",
        f"/api/v1/people/{person.slug}",
    ]


def test_sender_details_never_reach_a_public_page(nikita, moderator, supporter, caplog):
    caplog.set_level(logging.DEBUG)
    data = form_data(supporter, sender_name=f"Name {CANARY}", sender_contact=f"{CANARY}@example.org")
    assert supporter.post(URL, data).status_code == 302
    services.letter_review(letter=Letter.objects.get(), status="approved", actor=moderator)
    delivered = approved(nikita, sender_name=CANARY, sender_contact=CANARY)
    services.letter_review(letter=delivered, status="delivered", actor=moderator)

    reader = Client()
    for url in public_urls(nikita):
        response = reader.get(url, follow=True)
        body = response.content.decode("utf-8", "replace") + str(response.headers)
        assert response.status_code == 200 or url.startswith("/api/"), url
        assert CANARY not in body, url
    assert selectors.approved_letters_count(nikita) == 2
    assert CANARY not in caplog.text


def test_person_page_shows_the_count_and_links_to_the_form(nikita, moderator, supporter):
    page = reverse("registry:person", args=[nikita.slug])
    approved(nikita)
    delivered = approved(nikita)
    services.letter_review(letter=delivered, status="delivered", actor=moderator)
    submitted(nikita)
    services.letter_review(letter=submitted(nikita), status="rejected", actor=moderator)
    body = supporter.get(page).content.decode()
    assert 'href="/en/people/nikita-oleinik/write/"' in body
    assert "2 solidarity messages have been approved" in body
