"""Each registry page's query count is pinned: it does not grow with the number of people, events or links."""

from __future__ import annotations

import pytest

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import campaign_set_subjects
from solidarity.registry import services
from solidarity.registry.models import Case, Person
from solidarity.registry.tests import factories
from solidarity.registry.tests.conftest import D, event

pytestmark = pytest.mark.django_db


def _more_people(n: int) -> None:
    article = factories.source("More arrests", url="https://news.example/more")
    for i in range(n):
        person = factories.person(
            f"Person Number{i}",
            status="custody",
            country="RU",
            case_name="Tyumen case",
            organisation_name="Left Resistance",
            charge="preparation of sabotage",
            evidence=article,
        )
        event(person, "detained", D(2022, 1, 1), "month", source=article)


def test_people_list_query_count_is_pinned(oleinik, supporter, django_assert_num_queries):
    _more_people(6)
    # the filter choices (cases, organisations, countries), the count and the page with its statuses
    with django_assert_num_queries(5):
        supporter.get("/en/people/?q=Person&country=RU&case=tyumen-case")
    # the choices are cached until the registry changes
    with django_assert_num_queries(2):
        supporter.get("/en/people/")


def test_filter_choices_follow_every_registry_write(oleinik, supporter, django_capture_on_commit_callbacks):
    assert "Tyumen case" in supporter.get("/en/people/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        oleinik.is_public = False
        services.person_save(person=oleinik, actor=None)
    assert "Tyumen case" not in supporter.get("/en/people/").content.decode()


def test_person_page_query_count_is_pinned(oleinik, supporter, django_assert_num_queries):
    for day in range(1, 9):
        event(oleinik, "interrogated", D(2022, 8, day), source=factories.source(f"Article {day}"))
    # the person, timeline, cases, charges, organisations, the message count, campaigns and their translations
    with django_assert_num_queries(8):
        supporter.get("/en/people/nikita-oleinik/")


def test_case_page_query_count_is_pinned(oleinik, supporter, django_assert_num_queries):
    _more_people(5)
    # the case, its defendants with their statuses, its charges, campaigns and their translations
    with django_assert_num_queries(5):
        supporter.get("/en/cases/tyumen-case/")


def test_organisation_page_query_count_is_pinned(oleinik, supporter, django_assert_num_queries):
    _more_people(5)
    # the organisation, its members with their statuses, the campaigns it called, its next events (none here)
    with django_assert_num_queries(4):
        supporter.get("/en/organisations/left-resistance/")


def test_lists_of_cases_and_organisations_query_counts_are_pinned(oleinik, supporter, django_assert_num_queries):
    _more_people(5)
    with django_assert_num_queries(2):
        supporter.get("/en/cases/")
    with django_assert_num_queries(2):
        supporter.get("/en/organisations/?q=left")


def test_campaign_page_with_subjects_query_count_is_pinned(oleinik, supporter, django_assert_num_queries, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SNAPSHOTS": False}
    _more_people(4)
    campaign_set_subjects(
        campaign=Campaign.objects.get(slug="week-of-action"),
        people=Person.objects.all(),
        cases=Case.objects.all(),
        actor=None,
    )
    # the page's own (see pages/tests/test_campaign_page.py; six without reports, whose photos are the seventh),
    # then the people and the cases it is for, however many
    with django_assert_num_queries(8):
        supporter.get("/en/c/week-of-action/")


def test_many_cases_turn_the_case_filter_into_a_text_field(oleinik, supporter, monkeypatch):
    from django.core.cache import cache

    from solidarity.registry import listing, selectors

    monkeypatch.setattr(listing, "MAX_CHOICES", 0)
    monkeypatch.setattr(selectors, "MAX_CHOICES", 0)
    cache.clear()
    page = supporter.get("/en/people/?case=Тюменское").content.decode()
    assert '<select name="case"' not in page
    assert "Nikita Oleinik" in supporter.get("/en/people/", {"case": "Tyumen"}).content.decode()
    missing = supporter.get("/en/people/", {"case": "No Such Case"}).content.decode()
    assert "Nothing of that name is in the registry." in missing
    assert len(selectors.people_filter_options().cases) == 1  # one past the limit is all the list needs to know
