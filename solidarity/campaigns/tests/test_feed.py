"""The Atom feed of calls: public calls only, newest or most recently changed first, per language, on the public
address, with ids that survive a new slug."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from conftest import read_atom
from solidarity.campaigns.models import Campaign, CampaignTranslation
from solidarity.campaigns.services import campaign_save, campaign_state, translation_save

URL = "/en/feeds/campaigns/"
PUBLIC_URL = "https://solidarity.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": PUBLIC_URL}


def _call(organisation, slug, *, status=Campaign.Status.PUBLISHED, updated=None, **fields):
    campaign = Campaign.objects.create(
        slug=slug,
        title=fields.pop("title", slug.replace("-", " ").title()),
        organiser=organisation,
        starts_on=datetime.date(2024, 3, 1),
        ends_on=datetime.date(2024, 3, 7),
        status=status,
        **fields,
    )
    if updated is not None:
        Campaign.objects.filter(pk=campaign.pk).update(updated_at=updated)
    return campaign


def test_public_calls_newest_first_with_absolute_links_and_stable_ids(organisation, supporter):
    now = timezone.now()
    old = _call(organisation, "old-call", updated=now - datetime.timedelta(days=30), summary="An older call.")
    closed = _call(organisation, "closed-call", status=Campaign.Status.CLOSED, updated=now - datetime.timedelta(days=2))
    new = _call(organisation, "new-call", updated=now - datetime.timedelta(hours=1))
    _call(organisation, "draft-call", status=Campaign.Status.DRAFT, title="Secret draft")

    feed = read_atom(supporter, URL)
    assert feed.feed.title == "Calls for solidarity"
    assert feed.feed.link == f"{PUBLIC_URL}/en/"
    assert feed.feed.id == f"{PUBLIC_URL}{URL}"
    assert [entry.title for entry in feed.entries] == ["New Call", "Closed Call", "Old Call"]
    links = [entry.link for entry in feed.entries]
    assert links == [f"{PUBLIC_URL}/en/c/{c.slug}/" for c in (new, closed, old)]
    ids = [entry.id for entry in feed.entries]
    assert ids == [f"tag:solidarity.example.org,2025:campaign/{c.pk}" for c in (new, closed, old)]
    updated = [entry.updated_parsed for entry in feed.entries]
    assert updated == sorted(updated, reverse=True)
    assert "An older call." in feed.entries[2].summary
    assert "This campaign is closed." in feed.entries[1].summary
    assert "Secret draft" not in supporter.get(URL).content.decode()


def test_an_edited_call_moves_up_and_keeps_its_id(organisation, organiser, supporter):
    now = timezone.now()
    first = _call(organisation, "first-call", updated=now - datetime.timedelta(days=5))
    _call(organisation, "second-call", updated=now - datetime.timedelta(days=1))
    entry_id = read_atom(supporter, URL).entries[1].id

    first.refresh_from_db()
    before = campaign_state(first)
    first.slug, first.title = "first-call-renamed", "First call, renamed"
    campaign_save(campaign=first, actor=organiser, before=before)

    entries = read_atom(supporter, URL).entries
    assert entries[0].title == "First call, renamed"
    assert entries[0].id == entry_id
    assert entries[0].link == f"{PUBLIC_URL}/en/c/first-call-renamed/"


def test_each_language_reads_its_translation_and_falls_back_to_the_original(organisation, organiser, supporter):
    call = _call(organisation, "days-of-solidarity", title="Days of solidarity", summary="Pickets everywhere.")
    translation_save(
        translation=CampaignTranslation(campaign=call, language="ru", title="Дни солидарности"), actor=organiser
    )
    russian = read_atom(supporter, "/ru/feeds/campaigns/")
    assert russian.feed.language == "ru"
    assert russian.entries[0].title == "Дни солидарности"
    assert russian.entries[0].link == f"{PUBLIC_URL}/ru/c/days-of-solidarity/"
    assert "1 марта 2024" in russian.entries[0].summary  # dates as the language writes them
    english = read_atom(supporter, URL)
    assert english.entries[0].title == "Days of solidarity"
    assert english.entries[0].id == russian.entries[0].id


def test_markup_in_a_call_is_text_in_the_feed(organisation, supporter):
    _call(organisation, "markup", summary="<script>alert(1)</script> & more")
    entry = read_atom(supporter, URL).entries[0]
    assert "<script>" not in entry.summary
    assert "&lt;script&gt;" in entry.summary


def test_without_a_public_address_links_take_the_request_host(organisation, settings, supporter):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "PUBLIC_URL": ""}
    _call(organisation, "some-call")
    entry = read_atom(supporter, URL).entries[0]
    assert entry.link == "http://testserver/en/c/some-call/"
    assert entry.id.startswith("tag:testserver,2025:campaign/")


def test_home_and_campaign_pages_announce_the_feed(campaign, supporter):
    link = f'type="application/atom+xml" href="{URL}"'
    assert link in supporter.get("/en/").content.decode()
    assert link in supporter.get("/en/c/week-of-action/").content.decode()
    assert 'href="/ru/feeds/campaigns/"' in supporter.get("/ru/").content.decode()
