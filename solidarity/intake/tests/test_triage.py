"""Not-reports are told apart from reports: bounces, auto-replies, spam, questions."""

from __future__ import annotations

import datetime

import pytest

from solidarity.intake.dates import Window
from solidarity.intake.parse import parse
from solidarity.intake.structure import structure
from solidarity.intake.tests import mail

WINDOW = Window(datetime.date(2018, 3, 19), datetime.date(2018, 3, 10), datetime.date(2018, 3, 25))


def verdict(raw: bytes) -> tuple[str, str]:
    result = structure(parse(raw), WINDOW).verdict
    return result.verdict, result.reason


@pytest.mark.parametrize(
    "raw, expected",
    [
        (mail.bounce(), ("not_report", "bounce")),
        (mail.auto_reply(), ("not_report", "auto_reply")),
        (mail.plain("Abwesenheitsnotiz", "Ich bin bis 3. April nicht im Büro."), ("not_report", "auto_reply")),
        (mail.spam(), ("not_report", "spam")),
        (mail.question(), ("not_report", "question")),
        (mail.plain("Вопрос", "Где можно взять плакаты для акции?"), ("not_report", "question")),
        (mail.plain("", ""), ("not_report", "empty")),
        (mail.plain("Thanks", "Thank you for all you do."), ("not_report", "other")),
        (mail.plain("Picket in Oslo", "Picket in Oslo today, 8 people. Any news about the case?"), ("report", "")),
    ],
)
def test_verdicts(raw, expected):
    assert verdict(raw) == expected


def test_a_spam_flag_from_the_server_is_trusted():
    raw = mail.plain("Picket in Oslo", "Picket in Oslo today.").replace(b"Subject:", b"X-Spam-Flag: YES\r\nSubject:")
    assert verdict(raw) == ("not_report", "spam")


def test_a_photo_alone_is_a_report_for_a_moderator_to_place():
    raw = mail.with_photos("", "", [("p.jpg", mail.photo_bytes(), "jpeg")])
    assert verdict(raw)[0] == "report"
