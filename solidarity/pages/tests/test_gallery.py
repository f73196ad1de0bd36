"""The photo gallery: published photos whose senders agreed, with alt text and captions; nothing else."""

from __future__ import annotations

from solidarity.pages import views
from solidarity.reports import services
from solidarity.reports.tests.factories import photo_token, submit


def with_photo(campaign, moderator, city, *, consent, publish=True, size=(1600, 1200)):
    token = photo_token(size=size)
    report = submit(campaign, city, consent_photos=consent)
    services._attach_photos(report, [token], [])
    if publish:
        services.report_publish(report=report, actor=moderator)
    return report.photos.get()


def test_gallery_shows_only_consented_published_photos(campaign, moderator, supporter):
    shown = with_photo(campaign, moderator, "Berlin", consent=True)
    refused = with_photo(campaign, moderator, "Paris", consent=False)
    waiting = with_photo(campaign, moderator, "Rome", consent=True, publish=False)
    body = supporter.get(f"/en/c/{campaign.slug}/photos/").content.decode()
    assert f"/media/photos/{shown.key}-thumb.jpg" in body and f"/media/photos/{shown.key}.jpg" in body
    for photo in (refused, waiting):
        assert str(photo.key) not in body
    assert "1 photo, published with its sender" in body


def test_thumbnails_reserve_their_space_lazy_load_and_have_alt_text(campaign, moderator, supporter):
    photo = with_photo(campaign, moderator, "Berlin", consent=True, size=(1600, 1200))
    body = supporter.get(f"/en/c/{campaign.slug}/photos/").content.decode()
    assert 'width="480" height="360"' in body and 'loading="lazy"' in body
    assert 'alt="Photo: Picket in Berlin, Germany,' in body
    photo.alt_text = "Six people hold a banner on a bridge"
    photo.save()
    campaign.save()  # any later page render picks it up
    body = supporter.get(f"/en/c/{campaign.slug}/photos/?page=1").content.decode()
    assert 'alt="Six people hold a banner on a bridge"' in body


def test_captions_follow_the_readers_language(campaign, moderator, supporter):
    with_photo(campaign, moderator, "Berlin", consent=True)
    body = supporter.get(f"/ru/c/{campaign.slug}/photos/").content.decode()
    assert "Германия" in body


def test_gallery_pages(campaign, moderator, supporter, monkeypatch):
    monkeypatch.setattr(views, "GALLERY_PAGE", 2)
    for city in ("Berlin", "Paris", "Rome"):
        with_photo(campaign, moderator, city, consent=True)
    first = supporter.get(f"/en/c/{campaign.slug}/photos/").content.decode()
    second = supporter.get(f"/en/c/{campaign.slug}/photos/?page=2").content.decode()
    assert first.count("<li><figure>") == 2 and second.count("<li><figure>") == 1
    assert 'rel="next" href="?page=2"' in first


def test_campaign_page_shows_a_strip_and_the_lightbox_words(campaign, moderator, supporter):
    with_photo(campaign, moderator, "Berlin", consent=True)
    body = supporter.get(f"/en/c/{campaign.slug}/").content.decode()
    assert "data-lightbox" in body and 'id="lightbox-words"' in body and "Photo %(n)s of %(total)s" in body
    assert f"/en/c/{campaign.slug}/photos/" in body


def test_no_strip_without_photos(campaign, supporter):
    assert "data-lightbox" not in supporter.get(f"/en/c/{campaign.slug}/").content.decode()


def test_a_photo_links_to_its_report_on_a_list_narrowed_to_its_city_and_day(campaign, moderator, supporter):
    photo = with_photo(campaign, moderator, "Berlin", consent=True)
    day = photo.report.held_on.isoformat()
    body = supporter.get(f"/en/c/{campaign.slug}/photos/").content.decode()
    link = f"/en/c/{campaign.slug}/reports/?country=DE&amp;city=Berlin&amp;held_from={day}&amp;held_to={day}"
    assert f'data-report="{link}#report-{photo.report_id}"' in body
    listed = supporter.get(link.replace("&amp;", "&")).content.decode()
    assert f'id="report-{photo.report_id}"' in listed


def test_photos_are_revalidated_so_a_withdrawn_one_disappears_from_caches(campaign, moderator, supporter):
    from solidarity.reports import services as report_services

    photo = with_photo(campaign, moderator, "Berlin", consent=True)
    url = f"/media/photos/{photo.key}-thumb.jpg"
    first = supporter.get(url)
    assert first.status_code == 200 and first["Cache-Control"] == "public, no-cache"
    assert supporter.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    report_services.report_reject(report=photo.report, actor=moderator)
    assert supporter.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 404
