"""Bad input is explained next to the field it concerns, nothing typed is lost, and nothing is stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from solidarity.reports.models import Photo, Report
from tests.browser.helpers import FORM_URL, fill_report, submit, today

TEXT = "We stood in the rain with banners."


@pytest.mark.browser
def test_unknown_city_and_non_image_are_refused_with_clear_errors(campaign, new_context, tmp_path):
    fake = tmp_path / "notaphoto.jpg"
    fake.write_text("This is a shopping list, not a photo.\n" * 20)

    page = new_context().new_page()
    page.goto(FORM_URL)
    fill_report(page, city="Xyzzyville", text=TEXT)
    place = page.locator("[data-place-found]")
    expect(place).to_have_text("We could not find this city yet.")  # the live lookup already says so
    page.locator("input[type=file][name=photos]").set_input_files(fake)

    response = submit(page, page.get_by_role("button", name="Check and send"))
    assert response.status == 400
    expect(page).to_have_url(re.compile(re.escape(FORM_URL) + "$"))
    expect(page.locator(".errors[role=alert]")).to_contain_text(
        "Please correct the marked fields. Everything you typed is still here."
    )

    city_field = page.locator(".field.invalid").filter(has=page.get_by_label("City"))
    expect(city_field.locator("p.error")).to_have_text(
        'We could not find "Xyzzyville" in our list of cities. Check the spelling, try the English name, or name '
        "a larger town nearby."
    )
    photo_errors = page.locator("fieldset").filter(has=page.locator("input[name=photos]")).locator("p.error")
    expect(photo_errors).to_have_text("notaphoto.jpg: This file is not a picture we can read.")
    expect(page.locator("#place-confirm")).to_have_count(0)
    expect(page.locator("ul.staged")).to_have_count(0)  # the rejected file is not kept as a staged photo

    # Everything typed is still there.
    expect(page.get_by_label("Date of the action")).to_have_value(today())
    expect(page.get_by_label("City")).to_have_value("Xyzzyville")
    expect(page.get_by_label("What did you do?")).to_have_value("picket")
    expect(page.get_by_label("How many people took part?")).to_have_value("12")
    expect(page.get_by_label("Description")).to_have_value(TEXT)

    # Nothing is stored: no report, no photo row, no file.
    assert Report.objects.count() == 0 and Photo.objects.count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [p for p in media.rglob("*") if p.is_file()]
