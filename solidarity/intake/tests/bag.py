"""A mail bag: the fixture messages a campaign address receives in a week, with what each should become."""

from __future__ import annotations

import datetime

from solidarity.intake.tests import mail

REPORT_EN = ("Picket in Manchester", "Today about 20 people held a picket outside the consulate in Manchester.")


def mail_bag() -> list[tuple[bytes, str]]:
    """(raw message, expected status) pairs; the first report is later re-sent under a new Message-ID."""
    first = mail.plain(*REPORT_EN, message_id="<first-report@example.net>")
    jpeg = mail.photo_bytes("JPEG")
    return [
        (first, "report"),
        (
            mail.with_photos(
                "Пикет", "Вчера, 18 марта, в Берлине прошёл пикет, двадцать человек.", [("p.jpg", jpeg, "jpeg")]
            ),
            "report",
        ),
        (
            mail.html_only(
                "Concentración",
                "<p>El 18 de marzo hicimos una <b>concentración</b> en Madrid, unas 50 personas.</p>",
                sent=datetime.datetime(2018, 3, 19, 8, tzinfo=datetime.UTC),
            ),
            "report",
        ),
        (
            mail.with_photos(
                "Kundgebung in München",
                "Am 18.3. Kundgebung in München mit etwa 40 Leuten.",
                [("a.png", mail.photo_bytes("PNG"), "png"), ("b.heic", mail.photo_bytes("HEIF"), "heic")],
            ),
            "report",
        ),
        (mail.raw_8bit(mail.encoded_word("Пікет", "koi8-u"), "Сьогодні пікет у Києві, 12 осіб.", "koi8-u"), "report"),
        (mail.plain(*REPORT_EN), "duplicate"),
        (mail.spam(), "not_report"),
        (mail.question(), "not_report"),
        (mail.auto_reply(), "not_report"),
        (mail.bounce(), "not_report"),
        (first, "report"),  # fetched twice: imported once
    ]
