"""The tally counts published actions, distinct cities and countries, and stays right through every edit."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from solidarity.campaigns.models import Campaign
from solidarity.places.geocode import resolve
from solidarity.reports import services
from solidarity.reports.tally import tally
from solidarity.reports.tests.factories import submit


def fresh(campaign):
    return Campaign.objects.get(pk=campaign.pk)


def published(campaign, *cities, actor=None):
    reports = [submit(campaign, city) for city in cities]
    for report in reports:
        services.report_publish(report=report, actor=actor)
    return reports


def test_counts_actions_cities_and_countries_from_published_reports_only(campaign, moderator):
    published(campaign, "Berlin", "Berlin", "Hamburg", "Paris", actor=moderator)
    submit(campaign, "Rome")  # awaiting review
    result = tally(fresh(campaign))
    assert result == {
        "campaign": "week-of-action",
        "actions": 4,
        "cities": 3,
        "countries": 2,
        "by_country": {
            "Germany": {"actions": 3, "cities": ["Berlin", "Hamburg"], "code": "DE"},
            "France": {"actions": 1, "cities": ["Paris"], "code": "FR"},
        },
    }
    assert list(result["by_country"]) == ["Germany", "France"]  # most actions first
    everything = tally(fresh(campaign), include_unreviewed=True)
    assert (everything["actions"], everything["countries"]) == (5, 3)


def test_same_city_name_in_two_countries_counts_twice(campaign, moderator):
    for place in ("London", "London, Canada"):
        report = services.report_submit(
            campaign=campaign,
            data=services.ReportInput(
                held_on=campaign.starts_on, city=resolve(place), action_type="picket", public_text=place
            ),
        )
        services.report_publish(report=report, actor=moderator)
    assert tally(fresh(campaign))["cities"] == 2


def test_tally_follows_rejections_duplicates_moves_and_edits(campaign, moderator):
    berlin, paris, berlin_again = published(campaign, "Berlin", "Paris", "Berlin", actor=moderator)
    assert tally(fresh(campaign))["actions"] == 3

    services.report_mark_duplicate(report=berlin_again, original=berlin, actor=moderator)
    assert tally(fresh(campaign))["actions"] == 2

    services.report_update(report=paris, changes={}, city=resolve("Praha"), actor=moderator)
    result = tally(fresh(campaign))
    assert "France" not in result["by_country"] and result["by_country"]["Czechia"]["cities"] == ["Prague"]

    services.report_reject(report=berlin, actor=moderator)
    result = tally(fresh(campaign))
    assert (result["actions"], result["cities"], result["countries"]) == (1, 1, 1)

    services.report_reopen(report=berlin, actor=moderator)
    assert tally(fresh(campaign))["actions"] == 1
    services.report_publish(report=berlin, actor=moderator)
    assert tally(fresh(campaign))["actions"] == 2


def test_other_campaigns_do_not_leak_into_the_tally(campaign, organisation, moderator):
    other = Campaign.objects.create(
        slug="other",
        title="Other",
        organiser=organisation,
        starts_on=campaign.starts_on,
        ends_on=campaign.ends_on,
        status="published",
    )
    published(other, "Oslo", actor=moderator)
    assert tally(fresh(campaign))["actions"] == 0


def test_published_tally_is_cached_and_changes_bust_it(campaign, moderator, django_assert_num_queries):
    published(campaign, "Berlin", actor=moderator)
    current = fresh(campaign)
    tally(current)
    with django_assert_num_queries(0):
        assert tally(current)["actions"] == 1
    published(campaign, "Paris", actor=moderator)
    assert tally(fresh(campaign))["actions"] == 2


def test_command_prints_the_contract(campaign, moderator):
    published(campaign, "Berlin", "München", actor=moderator)
    submit(campaign, "Paris")
    out = StringIO()
    call_command("tally", "week-of-action", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "campaign": "week-of-action",
        "actions": 2,
        "cities": 2,
        "countries": 1,
        "by_country": {"Germany": {"actions": 2, "cities": ["Berlin", "Munich"], "code": "DE"}},
    }
    out = StringIO()
    call_command("tally", "week-of-action", "--json", "--all", stdout=out)
    assert json.loads(out.getvalue())["actions"] == 3
    out = StringIO()
    call_command("tally", "week-of-action", stdout=out)
    assert "2 actions in 2 cities of 1 countries" in out.getvalue()


@pytest.mark.django_db
def test_command_names_an_unknown_campaign():
    with pytest.raises(CommandError, match="no campaign with slug 'nope'"):
        call_command("tally", "nope")


@pytest.mark.django_db
def test_command_runs_as_the_solidarity_console_script(campaign, capsys):
    from solidarity.cli import main

    main(["solidarity", "tally", "week-of-action", "--json"])
    assert json.loads(capsys.readouterr().out)["actions"] == 0
