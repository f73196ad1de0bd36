"""The parser and structuring never crash, whatever bytes arrive (hypothesis)."""

from __future__ import annotations

import datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solidarity.intake.dates import Window
from solidarity.intake.parse import message_id_of, parse
from solidarity.intake.structure import structure
from solidarity.intake.tests import mail

WINDOW = Window(datetime.date(2018, 3, 19), datetime.date(2018, 3, 10), datetime.date(2018, 3, 25))
SEEDS = [
    mail.plain("Пикет", "Вчера в Берлине пикет", charset="koi8-r", cte="base64"),
    mail.with_photos("x", "Picket in Oslo", [("p.png", mail.photo_bytes("PNG", (20, 20)), "png")]),
    mail.html_only("x", "<p>Rally <b>in</b> Madrid</p><blockquote>old</blockquote>"),
    mail.bounce(),
]
header_names = st.sampled_from(["Subject", "From", "Date", "Message-ID", "Content-Type", "Content-Transfer-Encoding"])


def read(raw: bytes) -> None:
    parsed = parse(raw)
    message_id_of(raw)
    structure(parsed, WINDOW).guesses_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes(raw):
    read(raw)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SEEDS), st.integers(0, 5000), st.binary(max_size=64))
def test_damaged_real_messages(seed, position, junk):
    position %= len(seed) + 1
    read(seed[:position] + junk + seed[position + len(junk) :])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(header_names, st.text(max_size=80)), max_size=8), st.text(max_size=500))
def test_arbitrary_headers_and_text(headers, body):
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    read((head + "\r\n" + body).encode("utf-8", "surrogatepass"))
