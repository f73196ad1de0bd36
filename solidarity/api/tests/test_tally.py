"""The tally through the API is exactly the structure ``reports.tally.tally()`` returns, served from its cache."""

from __future__ import annotations

from django.core.cache import cache

from solidarity.api.tests.conftest import BASE, publish
from solidarity.campaigns.models import Campaign
from solidarity.reports.tally import tally
from solidarity.reports.tests.factories import submit


def test_tally_equals_the_tally_function(campaign, moderator, api):
    publish(campaign, moderator, "Berlin")
    publish(campaign, moderator, "Berlin", "rally")
    publish(campaign, moderator, "Paris")
    submit(campaign, "Rome")  # awaiting review: not counted
    response = api.get(f"{BASE}/campaigns/week-of-action/tally")
    assert response.status_code == 200
    expected = tally(Campaign.objects.get(pk=campaign.pk))
    assert response.json() == expected
    assert expected["actions"] == 3 and list(expected["by_country"]) == ["Germany", "France"]


def test_an_empty_campaign_has_an_empty_tally(campaign, api):
    data = api.get(f"{BASE}/campaigns/week-of-action/tally").json()
    assert data == {"campaign": "week-of-action", "actions": 0, "cities": 0, "countries": 0, "by_country": {}}


def test_tally_is_served_from_the_cache(campaign, moderator, api, django_assert_num_queries):
    publish(campaign, moderator, "Berlin")
    cache.clear()
    url = f"{BASE}/campaigns/week-of-action/tally"
    with django_assert_num_queries(2):  # the campaign, then the counts
        first = api.get(url).json()
    with django_assert_num_queries(1):  # the campaign only
        assert api.get(url).json() == first
    publish(campaign, moderator, "Paris")  # publishing bumps the data version: a fresh count
    assert api.get(url).json()["actions"] == 2
