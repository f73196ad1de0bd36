"""The public calendar: the list of what is coming, past events, the month grid, an event's page, and the events
on a campaign's page, in the reader's language and without anything that is not public."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from solidarity.events import services
from solidarity.events.models import Event
from solidarity.events.tests import builders
from solidarity.lib import snapshots
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def cell(response, day: str) -> str:
    """The text of the month grid's cell of ``day`` (YYYY-MM-DD)."""
    html = response.content.decode()
    found = re.search(rf'<td[^>]*>\s*<span class="day-number"><time datetime="{day}">.*?</td>', html, re.S)
    assert found, day
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0)))


def soon(days: int, hour: int = 18) -> str:
    moment = timezone.now().astimezone(datetime.UTC) + datetime.timedelta(days=days)
    return f"{moment:%Y-%m-%d} {hour:02d}:00"


def test_the_nav_links_to_the_calendar(supporter):
    assert 'href="/en/calendar/"' in supporter.get("/en/people/").content.decode()


def test_upcoming_first_then_a_link_to_the_past(supporter):
    builders.event("Rally next week", soon(7), zone="UTC", city="Berlin")
    builders.event("Picket tomorrow", soon(1), zone="UTC", city="Paris", kind="picket")
    builders.event("Rally last year", soon(-365), zone="UTC", city="Rome")
    builders.event("Draft rally", soon(2), zone="UTC", status=Event.Status.DRAFT)
    page = text(supporter.get("/en/calendar/"))
    assert page.index("Picket tomorrow") < page.index("Rally next week")
    assert "Rally last year" not in page and "Draft rally" not in page
    assert "2 upcoming events." in page and "See past events" in page
    past = text(supporter.get("/en/calendar/past/"))
    assert "Rally last year" in past and "Picket tomorrow" not in past and "Draft rally" not in past


def test_a_yearly_day_is_upcoming_every_year(international_day, supporter):
    page = text(supporter.get("/en/calendar/"))
    assert "International Day of Struggle Against Imperialism" in page and "every year" in page
    assert "International Day" not in text(supporter.get("/en/calendar/past/"))
    for year in (2019, 2026, 2040):
        assert "International Day" in cell(supporter.get(f"/en/calendar/{year}/12/"), f"{year}-12-09")
    assert "International Day" not in text(supporter.get("/en/calendar/2018/12/"))  # before it was proclaimed


def test_filters_by_kind_country_and_organisation_without_javascript(supporter):
    courier = factories.organisation("Courier", kind="union")
    builders.event("Strike of couriers", soon(3), kind="strike", organisers=[courier])
    builders.event("Rally in Berlin", soon(4), zone="Europe/Berlin", city="Berlin")
    builders.event("Concert in Paris", soon(5), zone="Europe/Paris", city="Paris", kind="concert")

    def shown(query: str) -> set[str]:
        page = text(supporter.get(f"/en/calendar/?{query}"))
        return {title for title in ("Strike of couriers", "Rally in Berlin", "Concert in Paris") if title in page}

    assert shown("") == {"Strike of couriers", "Rally in Berlin", "Concert in Paris"}
    assert shown("kind=strike") == {"Strike of couriers"}
    assert shown("country=de") == {"Rally in Berlin"}
    assert shown(f"organisation={courier.slug}") == {"Strike of couriers"}
    assert shown("kind=concert&country=FR") == {"Concert in Paris"}
    # a bad value is named and ignored; the others still apply
    bad = supporter.get("/en/calendar/?kind=riot&country=DE")
    assert "Select a valid choice" in bad.content.decode() and "Rally in Berlin" in text(bad)
    # the month links and the subscription keep the filters
    html = supporter.get("/en/calendar/?kind=strike").content.decode()
    assert "/calendar.ics?kind=strike&amp;lang=en" in html and "webcal://testserver/calendar.ics?kind=strike" in html
    assert re.search(r'href="/en/calendar/\d+/\d+/\?kind=strike"', html)


def test_the_broadcast_across_midnight_is_on_both_days_where_it_happens(broadcast, supporter):
    month = supporter.get("/en/calendar/2026/12/")
    assert "Anti-war broadcast marathon" in cell(month, "2026-12-08")
    assert "Anti-war broadcast marathon" in cell(month, "2026-12-09")
    assert "Anti-war broadcast marathon" not in cell(month, "2026-12-10")
    assert text(month).count("Speakers") == 0  # the grid lists titles, not descriptions
    # an event that ends at midnight is not on the next day
    builders.event("Evening vigil", "2026-12-20 20:00", "2026-12-21 00:00")
    month = supporter.get("/en/calendar/2026/12/")
    assert "Evening vigil" in cell(month, "2026-12-20") and "Evening vigil" not in cell(month, "2026-12-21")


def test_an_event_of_new_years_eve_shows_in_both_months(supporter):
    builders.event("New Year's concert", "2026-12-31 22:00", "2027-01-01 01:00", kind="concert")
    assert "New Year" in cell(supporter.get("/en/calendar/2026/12/"), "2026-12-31")
    assert "New Year" in cell(supporter.get("/en/calendar/2027/1/"), "2027-01-01")


def test_month_grid_starts_on_the_readers_first_weekday_and_links_months(supporter):
    english = supporter.get("/en/calendar/2026/12/").content.decode()
    russian = supporter.get("/ru/calendar/2026/12/").content.decode()
    assert re.search(r'<thead><tr><th scope="col"><abbr title="Sunday">', english)
    assert re.search(r'<thead><tr><th scope="col"><abbr title="[^"]+">', russian)
    assert 'title="Sunday"' not in russian
    assert 'href="/en/calendar/2026/11/"' in english and 'href="/en/calendar/2027/1/"' in english
    today = timezone.now().date()
    this_month = supporter.get(f"/en/calendar/{today.year}/{today.month}/").content.decode()
    assert f'aria-current="date">\n      <span class="day-number"><time datetime="{today:%Y-%m-%d}">' in this_month
    for url in ("/en/calendar/2026/13/", "/en/calendar/99999/1/", "/en/calendar/1800/1/"):
        assert supporter.get(url).status_code == 404


def test_event_page_gives_the_time_where_it_happens_and_in_utc(broadcast, supporter):
    page = text(supporter.get(f"/en/events/{broadcast.slug}/"))
    assert "8 December 2026, 10 p.m. – 9 December 2026, 2 a.m. Europe/Moscow" in page
    assert "8 December 2026, 7 p.m. – 11 p.m. UTC" in page
    assert "https://stream.example.org/marathon" in page and "Speakers from twelve countries." in page
    html = supporter.get(f"/en/events/{broadcast.slug}/").content.decode()
    assert 'data-start="2026-12-08T19:00:00+00:00"' in html and 'data-zone="Europe/Moscow"' in html
    assert 'src="/static/events/local-time.js"' in html and "<script>" not in html  # no inline script (CSP)
    assert 'rel="noopener noreferrer nofollow"' in html
    assert 'href="webcal://testserver/calendar.ics?lang=en"' in html
    assert f'href="http://testserver/events/{broadcast.slug}.ics?lang=en"' in html


def test_dates_follow_the_readers_language(broadcast, international_day, supporter):
    russian = text(supporter.get(f"/ru/events/{broadcast.slug}/"))
    assert "8 декабря 2026 г., 22:00" in russian and "9 декабря 2026 г., 2:00" in russian
    day = text(supporter.get(f"/ru/events/{international_day.slug}/"))
    assert "9 декабря" in day and "2019" in day


def test_event_page_names_only_public_people_and_falls_back_to_the_original(campaign, supporter):
    hidden = factories.person("Canary Hidden-Person", hidden=True)
    shown = factories.person("Kirill Ukraintsev")
    case = factories.case("Tyumen case")
    courier = factories.organisation("Courier", kind="union")
    event = builders.event(
        "Picket for Kirill Ukraintsev",
        "2026-12-05 12:00",
        kind="picket",
        people=[hidden, shown],
        cases=[case],
        organisers=[courier],
        campaign=campaign,
        translations={"ru": {"title": "Пикет в поддержку Кирилла Украинцева", "description": ""}},
    )
    english = supporter.get(f"/en/events/{event.slug}/").content.decode()
    assert "Canary" not in english
    for link in (f"/en/people/{shown.slug}/", f"/en/cases/{case.slug}/", f"/en/organisations/{courier.slug}/"):
        assert f'href="{link}"' in english
    assert f'href="/en/c/{campaign.slug}/"' in english
    assert "shown in its original language" not in english
    russian = supporter.get(f"/ru/events/{event.slug}/").content.decode()
    assert "Пикет в поддержку Кирилла Украинцева" in russian and '<p class="note">' not in russian


def test_a_missing_translation_is_shown_in_the_original_with_a_note(supporter):
    event = builders.event("Lecture on the Bolotnaya case", "2026-12-05 19:00", kind="lecture")
    page = supporter.get(f"/ru/events/{event.slug}/").content.decode()
    assert "Lecture on the Bolotnaya case" in page and 'lang="en"' in page
    assert '<p class="note">' in page


def test_drafts_and_a_draft_campaign_are_not_shown(campaign, supporter):
    draft = builders.event("Canary draft", "2026-12-05 12:00", status=Event.Status.DRAFT)
    assert supporter.get(f"/en/events/{draft.slug}/").status_code == 404
    campaign.status = "draft"
    campaign.save()
    event = builders.event("Public rally", "2026-12-06 12:00", campaign=campaign)
    page = supporter.get(f"/en/events/{event.slug}/").content.decode()
    assert campaign.title not in page and f"/c/{campaign.slug}/" not in page


def test_the_campaign_page_lists_its_events_and_a_saved_event_refreshes_its_snapshot(
    campaign, supporter, settings, django_capture_on_commit_callbacks
):
    url = f"/en/c/{campaign.slug}/"
    assert 'id="events-h"' not in supporter.get(url).content.decode()
    assert snapshots.snapshot_file(settings.SNAPSHOT_ROOT, url).exists()
    with django_capture_on_commit_callbacks(execute=True):
        event = builders.event("Picket at the embassy", "2026-12-05 12:00", kind="picket", campaign=campaign)
    assert not snapshots.snapshot_file(settings.SNAPSHOT_ROOT, url).exists()  # dropped by the save
    page = supporter.get(url).content.decode()
    assert f'href="/en/events/{event.slug}/"' in page and "Picket at the embassy" in page
    assert f'href="/c/{campaign.slug}/calendar.ics?lang=en"' in page
    version = type(campaign).objects.get(pk=campaign.pk).data_version
    event.status = Event.Status.DRAFT
    services.event_save(event=event, actor=None)
    assert type(campaign).objects.get(pk=campaign.pk).data_version > version  # withdrawn: the page changes too
    assert "Picket at the embassy" not in supporter.get(url).content.decode()


def test_an_organisations_page_lists_what_it_holds_next_and_links_its_calendar(supporter):
    courier = factories.organisation("Courier", kind="union")
    builders.event("Strike of couriers", soon(3), kind="strike", organisers=[courier])
    builders.event("Secret planning", soon(4), organisers=[courier], status=Event.Status.DRAFT)
    builders.event("Long over", "2020-03-01 12:00", organisers=[courier])
    builders.event("Someone else's rally", soon(2))
    response = supporter.get(f"/en/organisations/{courier.slug}/")
    page = text(response)
    assert "Strike of couriers" in page
    assert "Secret planning" not in page and "Long over" not in page and "Someone else's rally" not in page
    html = response.content.decode()
    assert f'href="/en/calendar/?organisation={courier.slug}"' in html
    assert f'href="/organisations/{courier.slug}/calendar.ics?lang=en"' in html


def test_an_organisation_with_nothing_ahead_shows_no_events_section(supporter):
    courier = factories.organisation("Courier", kind="union")
    builders.event("Long over", "2020-03-01 12:00", organisers=[courier])
    assert 'class="organisation-events"' not in supporter.get(f"/en/organisations/{courier.slug}/").content.decode()
