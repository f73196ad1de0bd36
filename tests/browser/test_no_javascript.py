"""Without JavaScript the report form still works: the first press shows where the city resolved, with
everything typed still filled in; the second press saves."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from solidarity.places.geocode import resolve
from solidarity.reports.models import Report
from tests.browser.helpers import FORM_URL, THANKS_URL, fill_report, gps_jpeg, submit, today

TEXT = "Twelve of us stood outside the consulate."


@pytest.mark.browser
def test_report_without_javascript_confirms_place_then_saves(campaign, new_context, tmp_path):
    photo = gps_jpeg(tmp_path / "picket.jpg")
    page = new_context(java_script_enabled=False).new_page()
    page.goto(FORM_URL)
    fill_report(page, text=TEXT)
    page.get_by_label("Your name or group").fill("Dana")
    page.get_by_label("How can organisers reach you?").fill("dana@example.org")
    page.get_by_label("You may publish my name or group").check()
    page.get_by_label("You may publish my photos").check()
    page.locator("input[type=file][name=photos]").set_input_files(photo)

    # First press: nothing stored yet (with JavaScript this press would already save, so reaching the
    # confirmation also proves the page's script did not run); the resolved place is shown, nothing is lost.
    first = submit(page, page.get_by_role("button", name="Check and send"))
    assert first.status == 200
    expect(page).to_have_url(re.compile(re.escape(FORM_URL) + "$"))
    expect(page.locator("#place-confirm")).to_contain_text("We understood the place as Munich, Germany")
    expect(page.locator("[data-place-found]")).to_have_text("Found: Munich, Germany")
    assert Report.objects.count() == 0

    expect(page.get_by_label("Date of the action")).to_have_value(today())
    expect(page.get_by_label("City")).to_have_value("München")
    expect(page.get_by_label("What did you do?")).to_have_value("picket")
    expect(page.get_by_label("How many people took part?")).to_have_value("12")
    expect(page.get_by_label("Description")).to_have_value(TEXT)
    expect(page.get_by_label("Your name or group")).to_have_value("Dana")
    expect(page.get_by_label("How can organisers reach you?")).to_have_value("dana@example.org")
    expect(page.get_by_label("You may publish my name or group")).to_be_checked()
    expect(page.get_by_label("You may publish my photos")).to_be_checked()
    expect(page.locator("[data-confirmed-place]")).to_have_value(str(resolve("München").geonameid))
    # The photo was received on the first press (a file input cannot be refilled) and is kept.
    staged = page.locator("ul.staged li")
    expect(staged).to_have_count(1)
    expect(staged).to_contain_text("picket.jpg (800×600)")
    expect(staged.get_by_role("checkbox")).to_be_checked()

    # Second press saves.
    expect(page.get_by_role("button", name="Check again")).to_be_visible()
    submit(page, page.get_by_role("button", name="Send report"))
    expect(page).to_have_url(re.compile(re.escape(THANKS_URL) + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you — your report has arrived")

    report = Report.objects.get()
    assert (report.city, report.country, report.action_type, report.participants) == ("Munich", "DE", "picket", 12)
    assert report.public_text == TEXT and report.status == Report.Status.RECEIVED
    assert report.reporter_name == "Dana" and report.consent_name and report.consent_photos
    assert report.photos.count() == 1
