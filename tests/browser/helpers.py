"""Steps shared by the browser tests: the URLs, a photo with GPS tags, the TOTP login, the report form."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.utils import timezone
from django_otp.oath import TOTP
from PIL import ExifTags, Image
from playwright.sync_api import BrowserContext, Locator, Page, Response

from conftest import jpeg_bytes

SLUG = "week-of-action"
CAMPAIGN_URL = f"/en/c/{SLUG}/"
FORM_URL = f"/en/c/{SLUG}/report/"
THANKS_URL = f"/en/c/{SLUG}/report/thanks/"
PASSWORD = "correct horse battery"  # as set by the root conftest's personas

# Why a refused POST most likely happened: a Referrer-Policy of "no-referrer" makes browsers send
# "Origin: null" on same-origin form posts, which Django's CSRF check refuses.
CSRF_ORIGIN_NULL = "Check the Referrer-Policy: it must let same-origin posts carry their Origin header."

# Munich, as a phone camera would record it.
GPS = {"lat": (48.0, 8.0, 13.0), "lon": (11.0, 34.0, 30.0)}


def gps_jpeg(path: Path) -> Path:
    """Write a real JPEG carrying camera make and an EXIF GPS position (which the app must strip)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = GPS["lat"]
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = GPS["lon"]
    path.write_bytes(jpeg_bytes(exif=exif.tobytes()))
    with Image.open(path) as check:  # the fixture itself must carry what we claim it carries
        assert check.getexif().get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitude] == GPS["lat"]
    return path


def today() -> str:
    return timezone.localdate().isoformat()


def _totp(device, now: float, drift: int = 0) -> str:
    totp = TOTP(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift + drift)
    totp.time = now
    return f"{totp.token():0{device.digits}d}"


def current_token(device) -> str:
    """What the moderator's authenticator app shows right now."""
    return _totp(device, time.time())


def wrong_token(device) -> str:
    """A well-formed token that the device would refuse now (outside every tolerated time step)."""
    now = time.time()
    accepted = {_totp(device, now, drift) for drift in range(-device.tolerance - 1, device.tolerance + 2)}
    candidate = 0
    while f"{candidate:0{device.digits}d}" in accepted:
        candidate += 1
    return f"{candidate:0{device.digits}d}"


def submit(page: Page, button: Locator) -> Response:
    """Press a submit button, wait for the page it leads to, and fail at once (not after a timeout) with the
    server's own words if the POST was refused as a forgery."""
    with page.expect_navigation() as navigation:
        button.click()
    response = navigation.value
    assert response is not None
    if response.status == 403:
        pytest.fail(
            f"the browser's POST was refused ({response.status}): {page.locator('body').inner_text()!r}. "
            f"{CSRF_ORIGIN_NULL}"
        )
    return response


def admin_login(page: Page, username: str, password: str, token: Callable[[], str]) -> Response:
    """Sign in through the real OTP admin login form, as a moderator with one authenticator app does: name,
    password and the current code, one press."""
    page.goto("/admin/")
    assert "/admin/login/" in page.url, page.url
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("#id_otp_token").fill(token())
    return submit(page, page.locator("#login-form [type=submit]:not([name=otp_challenge])"))


def fill_report(
    page: Page,
    *,
    city: str = "München",
    text: str = "Twelve of us stood outside the consulate.",
    held_on: str | None = None,
    action: str = "picket",
    participants: str = "12",
) -> None:
    """Fill the report form the way a supporter does (the city typed key by key)."""
    page.get_by_label("Date of the action").fill(held_on or today())
    page.get_by_label("City").press_sequentially(city, delay=20)
    page.get_by_label("What did you do?").select_option(action)
    page.get_by_label("How many people took part?").fill(participants)
    page.get_by_label("Description").fill(text)


# Recorded in the page before any of its own scripts run; CSP violations are reported as DOM events.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def watch_requests(context: BrowserContext) -> list[str]:
    """Every URL the context's pages request, and their CSP violations in ``window.__cspViolations``."""
    context.add_init_script(RECORD_CSP_VIOLATIONS)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    return requests


def foreign(requests: list[str], site: str) -> list[str]:
    """The requests that went to another origin than the site's (there must be none)."""
    origin = urlsplit(site)
    return [
        url
        for url in requests
        if not url.startswith(("data:", "blob:"))
        and (urlsplit(url).scheme, urlsplit(url).netloc) != (origin.scheme, origin.netloc)
    ]
