"""Readers list a campaign's published actions and narrow them down by country, city, action and date."""

from __future__ import annotations

import datetime

from solidarity.reports import services
from solidarity.reports.listing import PAGE_SIZE
from solidarity.reports.tests.factories import submit

URL = "/en/c/week-of-action/reports/"


def publish(campaign, moderator, city, action="picket", days_ago=0, text=None):
    held_on = campaign.starts_on + datetime.timedelta(days=3 - days_ago)
    report = submit(campaign, city, action=action, held_on=held_on, public_text=text or f"{action} in {city}")
    return services.report_publish(report=report, actor=moderator)


def test_lists_published_actions_only_with_counts_in_the_filters(campaign, moderator, supporter):
    publish(campaign, moderator, "Berlin")
    publish(campaign, moderator, "Hamburg", "rally")
    publish(campaign, moderator, "Paris")
    submit(campaign, "Rome", public_text="waiting in Rome")
    response = supporter.get(URL)
    body = response.content.decode()
    assert "3 actions match." in body and "waiting in Rome" not in body
    assert "Germany (2)" in body and "France (1)" in body and "rally (1)" in body
    assert "Italy" not in body  # no published action there: not offered as a filter


def test_filters_combine(campaign, moderator, supporter):
    publish(campaign, moderator, "Berlin", days_ago=2)
    publish(campaign, moderator, "Berlin", "rally", days_ago=0)
    publish(campaign, moderator, "Hamburg")
    publish(campaign, moderator, "Paris")
    assert "3 actions match." in supporter.get(URL, {"country": "DE"}).content.decode()
    assert "2 actions match." in supporter.get(URL, {"country": "DE", "city": "berlin"}).content.decode()
    body = supporter.get(URL, {"city": "Berlin", "action": "rally"}).content.decode()
    assert "1 action matches." in body and "rally in Berlin" in body
    start = (campaign.starts_on + datetime.timedelta(days=2)).isoformat()
    assert "3 actions match." in supporter.get(URL, {"held_from": start}).content.decode()


def test_bad_filters_are_explained_and_the_rest_still_apply(campaign, moderator, supporter):
    publish(campaign, moderator, "Berlin")
    publish(campaign, moderator, "Paris")
    response = supporter.get(URL, {"country": "XX", "held_from": "yesterday", "city": "Paris"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in body and "Enter a valid date" in body
    assert "1 action matches." in body and "picket in Paris" in body
    reversed_dates = supporter.get(URL, {"held_from": "2030-01-02", "held_to": "2030-01-01"}).content.decode()
    assert "The end date is before the start date." in reversed_dates


def test_pages_of_fifty_keep_the_filters(campaign, moderator, supporter):
    for n in range(PAGE_SIZE + 5):
        publish(campaign, moderator, "Berlin", text=f"action number {n}")
    first = supporter.get(URL, {"country": "DE"}).content.decode()
    assert "55 actions match." in first and "Showing 1–50." in first
    assert 'href="?country=DE&amp;page=2"' in first
    second = supporter.get(URL, {"country": "DE", "page": "2"}).content.decode()
    assert "Showing 51–55." in second and second.count('class="report"') == 5
    assert supporter.get(URL, {"page": "999"}).status_code == 200  # past the end: the last page


def test_private_fields_are_not_listed(campaign, moderator, supporter):
    report = submit(campaign, "Berlin", reporter_contact="secret-contact-77", reporter_name="Hidden Name")
    services.report_publish(report=report, actor=moderator)
    body = supporter.get(URL).content.decode()
    assert "secret-contact-77" not in body and "Hidden Name" not in body
