"""Real-world mail shapes come apart into the supporter's words, the pictures and the header facts."""

from __future__ import annotations

import pytest

from solidarity.intake.parse import message_id_of, parse
from solidarity.intake.tests import mail

REPORT_RU = "Вчера, 18 марта, в Берлине прошёл пикет, пришло двадцать человек."


@pytest.mark.parametrize(
    "charset, cte",
    [("koi8-r", "8bit"), ("koi8-r", "base64"), ("windows-1251", "quoted-printable"), ("utf-8", "base64")],
)
def test_cyrillic_in_any_charset_and_transfer_encoding(charset, cte):
    parsed = parse(mail.plain("Пикет", REPORT_RU, charset=charset, cte=cte))
    assert parsed.text == REPORT_RU
    assert parsed.subject == "Пикет"


def test_hand_written_8bit_message_with_encoded_word_subject():
    raw = mail.raw_8bit(mail.encoded_word("Пикет в Москве", "koi8-r"), REPORT_RU, "koi8-r")
    parsed = parse(raw)
    assert parsed.subject == "Пикет в Москве"
    assert parsed.text == REPORT_RU


def test_hebrew_in_iso_8859_8_and_french_in_windows_1252():
    hebrew = parse(mail.raw_8bit(mail.encoded_word("הפגנה", "iso-8859-8"), "הפגנה בחיפה היום", "iso-8859-8"))
    assert (hebrew.subject, hebrew.text) == ("הפגנה", "הפגנה בחיפה היום")
    french = parse(mail.plain("Rassemblement", "Réunion à Genève, 12 personnes — très bien.", charset="windows-1252"))
    assert french.text == "Réunion à Genève, 12 personnes — très bien."


def test_unknown_charset_is_read_not_fatal():
    raw = mail.raw_8bit("Report", "Picket in Lyon", "ascii").replace(b"charset=ascii", b"charset=x-no-such")
    parsed = parse(raw)
    assert "Picket in Lyon" in parsed.text


def test_html_only_becomes_text_without_quotes_scripts_or_styles():
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Rally in <b>Madrid</b> today,</p>"
        "<div>50 people.</div><script>alert(1)</script>"
        '<div class="gmail_quote">On Sun someone wrote:<blockquote>the call for action</blockquote></div></body></html>'
    )
    parsed = parse(mail.html_only("Rally", html))
    assert " ".join(parsed.text.split()) == "Rally in Madrid today, 50 people."


def test_alternative_takes_one_body_only():
    parsed = parse(mail.alternative("Rally", "Rally in Madrid.", "<p>Rally in Madrid.</p>"))
    assert parsed.text == "Rally in Madrid."


def test_quoted_reply_and_signature_are_not_the_report_but_the_body_keeps_them():
    body = (
        "We held a picket in Oslo today.\n\nAm 17.03.2018 um 10:00 schrieb Organisers <org@example.org>:\n"
        "> Please report your actions.\n> Cities and dates.\n\n-- \nDana\n+47 000 00 000\n"
    )
    parsed = parse(mail.plain("Re: call", body))
    assert parsed.text == "We held a picket in Oslo today."
    assert "Please report" in parsed.body


@pytest.mark.parametrize(
    "ending",
    ["Sent from my iPhone", "Отправлено с iPhone", "Gesendet von meinem Smartphone", "-----Original Message-----"],
)
def test_phone_footers_and_outlook_quotes_end_the_report(ending):
    parsed = parse(mail.plain("Report", f"Picket in Oslo today.\n\n{ending}\nFrom: someone\n> old"))
    assert parsed.text == "Picket in Oslo today."


def test_forwarded_inline_keeps_the_forwarded_report():
    body = (
        "FYI, from a supporter.\n\n---------- Forwarded message ---------\nFrom: A <a@example.net>\n"
        "Date: Sun, 18 Mar 2018\nSubject: picket\nTo: us\n\nPicket in Riga, 10 people.\n"
    )
    parsed = parse(mail.plain("Fwd: picket", body))
    assert parsed.forwarded
    assert "Picket in Riga, 10 people." in parsed.text
    assert "From: A" not in parsed.text


def test_forwarded_as_attachment_is_read_with_its_photo():
    inner = mail.with_photos("picket", "Picket in Riga, 10 people.", [("p.jpg", mail.photo_bytes(), "jpeg")])
    parsed = parse(mail.forwarded_as_attachment(inner))
    assert parsed.forwarded
    assert "Picket in Riga" in parsed.text
    assert len(parsed.images) == 1


@pytest.mark.parametrize("fmt, subtype", [("JPEG", "jpeg"), ("PNG", "png"), ("WEBP", "webp"), ("HEIF", "heic")])
def test_attached_pictures_of_every_accepted_type_are_found(fmt, subtype):
    parsed = parse(
        mail.with_photos("photo", "Photo with a poster.", [(f"p.{subtype}", mail.photo_bytes(fmt), subtype)])
    )
    assert [i.content_type for i in parsed.images] == [f"image/{subtype}"]


def test_inline_pictures_in_html_are_found():
    photos = [("a.jpg", mail.photo_bytes(), "jpeg"), ("b.png", mail.photo_bytes("PNG"), "png")]
    parsed = parse(mail.with_photos("photo", "Banner in Oslo.", photos, inline=True))
    assert len(parsed.images) == 2
    assert parsed.text == "Banner in Oslo."


def test_broken_attachment_is_a_problem_not_a_failure():
    raw = mail.with_photos("x", "Picket in Oslo.", [("p.gif", b"GIF89a....", "gif")])
    parsed = parse(raw)
    assert parsed.text == "Picket in Oslo."
    assert parsed.problems and "p.gif" in parsed.problems[0]


def test_message_without_message_id_gets_a_stable_one():
    raw = mail.plain("Report", "Picket in Oslo.", message_id="")
    assert message_id_of(raw) == parse(raw).message_id == message_id_of(raw)
    assert message_id_of(raw).endswith("@no-message-id.invalid>")


def test_sender_and_date_are_read():
    parsed = parse(mail.plain("Report", "Picket."))
    assert parsed.sender_address == f"dana.{mail.CANARY}@example.net"
    assert parsed.sent_at == mail.SENT


@pytest.mark.parametrize(
    "raw", [b"", b"\x00\xff" * 100, b"Subject: =?bogus?q?x?=\r\n\r\nhi", b"Content-Type: multipart/mixed\r\n\r\n--"]
)
def test_garbage_never_raises(raw):
    parse(raw)
