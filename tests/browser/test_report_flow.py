"""The whole loop in a real browser: a supporter reports, a moderator signs in with a second factor and
publishes, the public page (a snapshot until then) shows the new tally and photo."""

from __future__ import annotations

import io
import re

import pytest
from PIL import ExifTags, Image
from playwright.sync_api import expect

from solidarity.reports.models import Photo, Report
from tests.browser.helpers import (
    CAMPAIGN_URL,
    FORM_URL,
    PASSWORD,
    THANKS_URL,
    admin_login,
    current_token,
    fill_report,
    gps_jpeg,
    submit,
    wrong_token,
)

HEADLINE = "[data-tally-headline]"


@pytest.mark.browser
def test_supporter_reports_moderator_publishes_public_page_updates(campaign, moderator, new_context, tmp_path):
    photo = gps_jpeg(tmp_path / "picket.jpg")

    # --- Dana, a supporter without an account, JavaScript on -------------------------------------------------
    dana = new_context().new_page()
    dana.goto(CAMPAIGN_URL)
    expect(dana.locator(HEADLINE)).to_have_text("0 actions in 0 cities of 0 countries")
    dana.get_by_role("link", name="Report your action").click()
    expect(dana).to_have_url(re.compile(re.escape(FORM_URL) + "$"))

    fill_report(dana)
    expect(dana.locator("[data-place-found]")).to_have_text("Found: Munich, Germany")
    dana.locator("input[type=file][name=photos]").set_input_files(photo)
    dana.get_by_label("You may publish my photos").check()
    submit(dana, dana.get_by_role("button", name="Check and send"))

    expect(dana).to_have_url(re.compile(re.escape(THANKS_URL) + "$"))
    expect(dana.get_by_role("heading", level=1)).to_have_text("Thank you — your report has arrived")

    report = Report.objects.get()
    assert (report.status, report.city, report.country) == (Report.Status.RECEIVED, "Munich", "DE")
    assert report.consent_photos and report.photos.count() == 1

    # Nothing is public before review; the page now comes from the snapshot written on Dana's first visit.
    response = dana.goto(CAMPAIGN_URL)
    assert response is not None and response.headers.get("x-snapshot") == "1"
    expect(dana.locator(HEADLINE)).to_have_text("0 actions in 0 cities of 0 countries")
    expect(dana.get_by_text("No reports have been published yet.")).to_be_visible()
    expect(dana.locator("section.reports img")).to_have_count(0)

    # --- Bob, the moderator, signs in with password and TOTP, and publishes from the review queue -----------
    device = moderator.totpdevice_set.get()
    bob = new_context().new_page()
    admin_login(bob, "bob", PASSWORD, lambda: current_token(device))
    expect(bob).to_have_url(re.compile(r"^http://[^/]+/admin/$"))
    bob.get_by_role("link", name="Reports awaiting review").click()
    expect(bob).to_have_url(re.compile(r"/admin/reports/reviewqueue/$"))
    rows = bob.locator("#result_list tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Munich")
    rows.first.locator("input[name=_selected_action]").check()
    bob.locator("select[name=action]").select_option(label="Publish selected reports")
    submit(bob, bob.get_by_role("button", name="Go"))
    expect(bob.locator("ul.messagelist")).to_contain_text("1 report published.")
    expect(bob.locator("#result_list tbody tr")).to_have_count(0)  # the queue is empty now

    report.refresh_from_db()
    assert report.status == Report.Status.PUBLISHED

    # --- Dana reloads the public page: fresh data, not the stale snapshot ---------------------------------------
    dana.reload()
    expect(dana.locator(HEADLINE)).to_have_text("1 action in 1 city of 1 country")
    tally = dana.locator("table.by-country tbody")
    expect(tally).to_contain_text("Germany")
    expect(tally).to_contain_text("Munich")
    published = dana.locator("section.reports article.report")
    expect(published).to_have_count(1)
    expect(published.get_by_role("heading")).to_contain_text("Munich, Germany")
    expect(published).to_contain_text("Twelve of us stood outside the consulate.")

    thumb = published.locator(".photos img")
    expect(thumb).to_have_count(1)
    thumb.scroll_into_view_if_needed()  # loading="lazy"
    dana.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert thumb.evaluate("img => img.naturalWidth") > 0

    # The photo the public gets is a re-encoded JPEG: no GPS position, no camera make.
    full_url = published.locator(".photos a").get_attribute("href")
    served = dana.request.get(full_url)
    assert served.ok and served.headers["content-type"] == "image/jpeg"
    exif = Image.open(io.BytesIO(served.body())).getexif()
    assert not exif.get_ifd(ExifTags.IFD.GPSInfo) and ExifTags.Base.Make not in exif
    assert Photo.objects.get().report_id == report.pk


@pytest.mark.browser
def test_right_password_wrong_totp_is_refused(moderator, new_context):
    device = moderator.totpdevice_set.get()
    page = new_context().new_page()
    admin_login(page, "bob", PASSWORD, lambda: wrong_token(device))

    expect(page).to_have_url(re.compile(r"/admin/login/"))
    expect(page.locator("p.errornote")).to_contain_text("Invalid token")
    # Still not signed in: the admin sends the browser back to the login form.
    page.goto("/admin/reports/reviewqueue/")
    expect(page).to_have_url(re.compile(r"/admin/login/\?next="))
    expect(page.locator("#result_list")).to_have_count(0)
