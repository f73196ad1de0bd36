"""How well e-mail structuring reads reports: scored on the labelled fixture set (solidarity/intake/tests/labelled.py).

City+country: precision (right among the places guessed) and recall (right among all reports); date held,
action type, head count and language: accuracy. Goals: places ≥ 0.95, dates ≥ 0.9, types ≥ 0.85.

Usage: .venv/bin/python bench/intake_quality.py [--json]
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "solidarity.settings")

import django  # noqa: E402

django.setup()

from solidarity.intake.dates import Window  # noqa: E402
from solidarity.intake.parse import parse  # noqa: E402
from solidarity.intake.structure import structure  # noqa: E402
from solidarity.intake.tests.labelled import CAMPAIGN, LABELLED  # noqa: E402
from solidarity.places.countries import country_name  # noqa: E402


def score() -> dict:
    start, end = (datetime.date.fromisoformat(d) for d in CAMPAIGN)
    guessed = right_place = dates = types = people = languages = 0
    misses = []
    for row in LABELLED:
        msg = EmailMessage()
        msg["From"], msg["Subject"] = "s@example.net", row["subject"]
        msg["Date"] = format_datetime(datetime.datetime.fromisoformat(row["sent"] + "T12:00+00:00"))
        msg.set_content(row["body"])
        result = structure(parse(msg.as_bytes()), Window(datetime.date.fromisoformat(row["sent"]), start, end))
        if result.city:
            guessed += 1
            place = (result.city.value["name"], country_name(result.city.value["country"]))
            right_place += place == (row["city"], row["country"])
        dates += result.held_on.value.isoformat() == row["date"]
        types += result.action_type.value == row["type"]
        people += (result.participants.value if result.participants else None) == row["people"]
        languages += result.language.value == row["lang"]
        if (
            not result.city
            or result.action_type.value != row["type"]
            or result.held_on.value.isoformat() != row["date"]
        ):
            misses.append(row["subject"])
    n = len(LABELLED)
    return {
        "messages": n, "languages": len({r["lang"] for r in LABELLED}),
        "place_precision": round(right_place / max(guessed, 1), 3), "place_recall": round(right_place / n, 3),
        "date_accuracy": round(dates / n, 3), "type_accuracy": round(types / n, 3),
        "participants_accuracy": round(people / n, 3), "language_accuracy": round(languages / n, 3),
        "misses": misses,
    }  # fmt: skip


if __name__ == "__main__":
    print(json.dumps(score(), ensure_ascii=False, indent=None if "--json" in sys.argv else 2))
