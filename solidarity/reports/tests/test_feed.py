"""The Atom feed of a campaign's actions: what feed readers get, and nothing more."""

from __future__ import annotations

import feedparser

from solidarity.reports import services
from solidarity.reports.tests.factories import submit

URL = "/en/c/week-of-action/feed/"


def test_feed_lists_published_actions_newest_first(campaign, moderator, supporter):
    first = services.report_publish(report=submit(campaign, "Berlin", public_text="First picket."), actor=moderator)
    services.report_publish(report=submit(campaign, "Praha", action="rally", public_text="Second."), actor=moderator)
    submit(campaign, "Rome", public_text="Still waiting.")
    response = supporter.get(URL)
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Actions for “Week of action”"
    assert [entry.title for entry in feed.entries] == ["Rally — Prague, Czechia", "Picket — Berlin, Germany"]
    assert feed.entries[1].link.endswith(f"/en/c/week-of-action/reports/#report-{first.pk}")
    assert "First picket." in feed.entries[1].summary
    assert "Still waiting." not in response.content.decode()
    assert f'id="report-{first.pk}"' in supporter.get("/en/c/week-of-action/reports/").content.decode()


def test_feed_keeps_private_fields_out_and_follows_language(campaign, moderator, supporter):
    report = submit(campaign, "Berlin", reporter_name="Secret Name", reporter_contact="secret@example.org")
    services.report_publish(report=report, actor=moderator)
    body = supporter.get(URL).content.decode()
    assert "Secret Name" not in body and "secret@example.org" not in body and "Berlin" in body
    assert "Германия" in supporter.get("/ru/c/week-of-action/feed/").content.decode()


def test_campaign_page_announces_the_feed(campaign, supporter):
    body = supporter.get("/en/c/week-of-action/").content.decode()
    assert 'type="application/atom+xml" href="/en/c/week-of-action/feed/"' in body


def test_draft_campaign_has_no_feed(campaign, supporter):
    campaign.status = "draft"
    campaign.save()
    assert supporter.get(URL).status_code == 404
