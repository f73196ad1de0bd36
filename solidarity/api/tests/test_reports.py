"""Partners read a campaign's published reports, public fields only, filtered like the web list."""

from __future__ import annotations

import datetime

from solidarity.api.schemas import ReportOut
from solidarity.api.selectors import REPORT_SOURCE
from solidarity.api.tests.conftest import publish, reports_url
from solidarity.reports import services
from solidarity.reports.services import PUBLIC_FIELDS
from solidarity.reports.tests.factories import submit


def texts(response):
    assert response.status_code == 200, response.content
    return sorted(item["public_text"] for item in response.json()["items"])


def test_only_published_reports_with_their_public_fields(campaign, moderator, api):
    report = publish(campaign, moderator, "Berlin", participants=30)
    submit(campaign, "Rome", public_text="waiting in Rome")
    rejected = submit(campaign, "Paris", public_text="rejected in Paris")
    services.report_reject(report=rejected, actor=moderator)
    response = api.get(reports_url())
    items = response.json()["items"]
    assert [item["public_text"] for item in items] == ["picket in Berlin"]
    assert response.json()["next"] is None
    item = items[0]
    assert item == {
        "id": report.pk,
        "held_on": report.held_on.isoformat(),
        "city": "Berlin",
        "country": "DE",
        "country_name": "Germany",
        "geonameid": report.geonameid,
        "latitude": report.latitude,
        "longitude": report.longitude,
        "action_type": "picket",
        "participants": 30,
        "public_text": "picket in Berlin",
        "reporter_name": "",
        "photos": [],
        "published_at": item["published_at"],
        "is_sample": False,
    }
    assert item["published_at"].startswith(report.published_at.date().isoformat())


def test_report_fields_are_the_public_ones_and_nothing_else():
    """The schema and the columns read must stay within the public list of ``reports.services``."""
    extras = {"country_name", "reporter_name", "photos", "published_at", "is_sample"}
    assert set(ReportOut.model_fields) == {"id", *PUBLIC_FIELDS, *extras}
    assert set(REPORT_SOURCE) == {"id", *PUBLIC_FIELDS, "public_name", "consent_photos", "published_at", "is_sample"}


def test_name_and_photos_only_with_consent(campaign, moderator, api):
    def with_photo(**consent):
        report = submit(
            campaign,
            "Berlin",
            photos=1,
            held_on=campaign.starts_on,
            public_text=f"consent {sorted(consent.items())}",
            reporter_name="Named Group",
            **consent,
        )
        return services.report_publish(report=report, actor=moderator)

    shown = with_photo(consent_name=True, consent_photos=True)
    hidden = with_photo(consent_name=False, consent_photos=False)
    items = {item["id"]: item for item in api.get(reports_url()).json()["items"]}
    assert items[shown.pk]["reporter_name"] == "Named Group"
    photo = shown.photos.get()
    assert items[shown.pk]["photos"] == [
        {
            "url": f"http://testserver/media/photos/{photo.key}.jpg",
            "thumbnail_url": f"http://testserver/media/photos/{photo.key}-thumb.jpg",
            "width": photo.width,
            "height": photo.height,
            "alt": "",
        }
    ]
    assert api.get(f"/media/photos/{photo.key}.jpg").status_code == 200
    assert items[hidden.pk]["reporter_name"] == "" and items[hidden.pk]["photos"] == []


def test_filters_by_country_city_action_and_dates(campaign, moderator, api):
    publish(campaign, moderator, "Berlin", days_ago=2)
    publish(campaign, moderator, "Berlin", "rally", days_ago=0)
    publish(campaign, moderator, "Hamburg")
    publish(campaign, moderator, "Paris", "vigil", days_ago=1)
    url = reports_url()
    assert texts(api.get(url, {"country": "de"})) == ["picket in Berlin", "picket in Hamburg", "rally in Berlin"]
    assert texts(api.get(url, {"country": "DE", "city": "berlin"})) == ["picket in Berlin", "rally in Berlin"]
    assert texts(api.get(url, {"action_type": "vigil"})) == ["vigil in Paris"]
    today = campaign.starts_on + datetime.timedelta(days=3)
    yesterday = (today - datetime.timedelta(days=1)).isoformat()
    assert texts(api.get(url, {"held_from": yesterday})) == ["picket in Hamburg", "rally in Berlin", "vigil in Paris"]
    assert texts(api.get(url, {"held_to": yesterday})) == ["picket in Berlin", "vigil in Paris"]
    assert texts(api.get(url, {"held_from": yesterday, "held_to": yesterday})) == ["vigil in Paris"]
    assert texts(api.get(url, {"country": "IT"})) == []


def test_bad_filters_are_refused_with_the_field_named(campaign, api):
    response = api.get(reports_url(), {"country": "Germany", "action_type": "dance", "held_from": "yesterday"})
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert set(error["fields"]) == {"country", "action_type", "held_from"}
    assert error["fields"]["held_from"] == ["Give a date as YYYY-MM-DD."]
    reversed_dates = api.get(reports_url(), {"held_from": "2030-01-02", "held_to": "2030-01-01"})
    assert reversed_dates.status_code == 422
    assert reversed_dates.json()["error"]["fields"] == {"held_to": ["The end date is before the start date."]}


def test_unknown_campaign_is_not_found(db, api):
    response = api.get(reports_url("no-such-call"))
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
