"""Reports come a page at a time behind an opaque cursor: no report twice, none skipped, even while moderators
publish more between two pages."""

from __future__ import annotations

import datetime

from django.utils import timezone

from solidarity.api.tests.conftest import publish, reports_url
from solidarity.reports.models import Report


def walk(api, params=None, limit=3, before_each_page=None):
    """Follow ``next`` to the end; returns the ids in the order they came, and the number of pages."""
    ids, cursor, pages = [], None, 0
    while True:
        if before_each_page:
            before_each_page(pages)
        query = {**(params or {}), "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = api.get(reports_url(), query)
        assert response.status_code == 200, response.content
        body = response.json()
        assert len(body["items"]) <= limit
        ids += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            return ids, pages


def test_pages_cover_every_report_once_newest_published_first(campaign, moderator, api):
    reports = [publish(campaign, moderator, "Berlin", public_text=f"number {n}") for n in range(10)]
    ids, pages = walk(api)
    assert ids == [report.pk for report in reversed(reports)]
    assert pages == 4  # 3 + 3 + 3 + 1


def test_reports_published_with_the_same_time_are_ordered_by_id(campaign, moderator, api):
    reports = [publish(campaign, moderator, "Berlin", public_text=f"number {n}") for n in range(7)]
    same = timezone.now() - datetime.timedelta(hours=1)
    Report.objects.filter(pk__in=[r.pk for r in reports]).update(published_at=same)
    ids, _pages = walk(api, limit=2)
    assert ids == sorted((r.pk for r in reports), reverse=True)


def test_publishing_between_pages_neither_repeats_nor_skips(campaign, moderator, api):
    before = [publish(campaign, moderator, "Paris", public_text=f"old {n}") for n in range(8)]
    published_later = []

    def publish_more(page):
        if page in (1, 2):  # after the first and second page have been read
            published_later.append(publish(campaign, moderator, "Rome", public_text=f"new {page}"))

    ids, _pages = walk(api, limit=3, before_each_page=publish_more)
    assert len(ids) == len(set(ids))
    assert ids == [report.pk for report in reversed(before)]  # every report that existed, in order
    first_page = walk(api, limit=2)[0][:2]
    assert first_page == [report.pk for report in reversed(published_later)]  # new ones lead the next walk


def test_filters_apply_on_every_page(campaign, moderator, api):
    germany = [publish(campaign, moderator, "Berlin", public_text=f"de {n}") for n in range(5)]
    for n in range(4):
        publish(campaign, moderator, "Paris", public_text=f"fr {n}")
    ids, pages = walk(api, {"country": "DE"}, limit=2)
    assert ids == [report.pk for report in reversed(germany)] and pages == 3


def test_a_forged_or_damaged_cursor_is_refused(campaign, moderator, api):
    for n in range(3):
        publish(campaign, moderator, "Berlin", public_text=f"number {n}")
    cursor = api.get(reports_url(), {"limit": 1}).json()["next"]
    assert cursor and "Berlin" not in cursor
    for bad in (cursor[:-2] + "xx", "not-a-cursor", "WyIyMDI0IiwxXQ"):
        response = api.get(reports_url(), {"cursor": bad})
        assert response.status_code == 422
        assert list(response.json()["error"]["fields"]) == ["cursor"]


def test_limit_has_a_maximum(campaign, api):
    assert api.get(reports_url(), {"limit": 200}).status_code == 200
    for bad in (0, 201, -1):
        response = api.get(reports_url(), {"limit": bad})
        assert response.status_code == 422 and list(response.json()["error"]["fields"]) == ["limit"]
