"""The campaign summary: published actions only, public fields only, in every format and language."""

from __future__ import annotations

import datetime
import io
import re
import socket
import subprocess
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format
from PIL import Image

from conftest import jpeg_bytes, verified_client
from solidarity.campaigns.models import Campaign, CampaignTranslation
from solidarity.campaigns.services import campaign_save, campaign_state, translation_save
from solidarity.places.geocode import resolve
from solidarity.reports import charts, services, summary_pdf, uploads
from solidarity.reports.models import Report
from solidarity.reports.services import ReportInput, report_submit
from solidarity.reports.summary import build_summary, headline
from solidarity.reports.summary_render import render, render_md
from solidarity.reports.tally import tally

CANARY = "canary-7c41e2"


@pytest.fixture(autouse=True)
def _own_data_folder(settings, tmp_path):
    """Kept PDFs live under the data folder; each test gets its own, so no file outlives its database."""
    settings.DATA_DIR = tmp_path / "data"


def fresh(campaign: Campaign) -> Campaign:
    return Campaign.objects.select_related("organiser").prefetch_related("translations").get(pk=campaign.pk)


def add_report(campaign, moderator, city, *, status="published", photos=0, day=0, **fields) -> Report:
    """A report through the real services, with a canary in every private field and the moderator's note."""
    tag = f"{city.lower()}{day}"
    private = {
        "reporter_name": f"Name {CANARY}-{tag}-name",
        "reporter_contact": f"{CANARY}-{tag}@example.org",
        "place_input": f"{city} {CANARY}-{tag}-place",
        "raw": {"message": f"{CANARY}-{tag}-raw"},
        "message_id": f"<{CANARY}-{tag}-msgid@example.org>",
    }
    private.update({k: fields.pop(k) for k in list(fields) if k in private})
    tokens = [
        uploads.stage(
            SimpleUploadedFile("p.jpg", jpeg_bytes(colour=(40 * i, 90, 160)), content_type="image/jpeg")
        ).token
        for i in range(photos)
    ]
    report = report_submit(
        campaign=campaign,
        photo_tokens=tokens,
        data=ReportInput(
            held_on=campaign.starts_on + datetime.timedelta(days=day),
            city=resolve(city),
            action_type=fields.pop("action", "picket"),
            public_text=fields.pop("text", f"Public words from {city}."),
            **private,
            **fields,
        ),
    )
    services.report_update(report=report, changes={"moderator_note": f"{CANARY}-{tag}-note"}, actor=moderator)
    if status == "published":
        services.report_publish(report=report, actor=moderator)
    elif status == "rejected":
        services.report_reject(report=report, actor=moderator)
    return Report.objects.get(pk=report.pk)


@pytest.fixture
def world(campaign, moderator):
    """Four published actions in three cities of two countries, and two that must never show."""
    return SimpleNamespace(
        berlin=add_report(
            campaign,
            moderator,
            "Berlin",
            photos=1,
            consent_photos=True,
            consent_name=True,
            reporter_name="Anna Public",
            participants=12,
            text="Пикет у посольства: «Свободу политзаключённым!»",
        ),
        berlin_private=add_report(campaign, moderator, "Berlin", day=1, photos=1, text="Second Berlin action."),
        hamburg=add_report(campaign, moderator, "Hamburg", day=1, action="banner", text="A banner on the bridge."),
        paris=add_report(campaign, moderator, "Paris", day=2, photos=1, consent_photos=True, participants=1),
        rome=add_report(
            campaign, moderator, "Rome", status="received", photos=1, consent_photos=True, text="UNPUBLISHED words"
        ),
        oslo=add_report(campaign, moderator, "Oslo", status="rejected", text="REJECTED words"),
    )


def pdf_pages_and_text(pdf: bytes, folder: Path) -> tuple[int, str]:
    """Rasterise the PDF (poppler) into pages and extract its text with whitespace folded."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "summary.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(path), str(folder / "page")], check=True)
    pages = sorted(folder.glob("page*.png"))
    for page in pages:
        with Image.open(page) as image:
            width, height = image.size
            assert abs(width / height - 210 / 297) < 0.01  # A4
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return len(pages), " ".join(text.stdout.split())


def forbidden(world) -> list[str]:
    """What no public output may contain: canaries, unpublished words, hashes, photos without consent."""
    hidden_photos = [str(p.key) for r in (world.berlin_private, world.rome) for p in r.photos.all()]
    hashes = [r.content_hash for r in vars(world).values()]
    return [CANARY, "UNPUBLISHED words", "REJECTED words", "Rome", "Oslo", *hidden_photos, *hashes]


# --- the data ----------------------------------------------------------------------------------------------


def test_headline_counts_match_the_tally(campaign, world):
    campaign = fresh(campaign)
    summary = build_summary(campaign, "en")
    result = tally(campaign)
    assert (summary.actions, summary.cities, summary.countries) == (4, 3, 2)
    assert (summary.actions, summary.cities, summary.countries) == (
        result["actions"],
        result["cities"],
        result["countries"],
    )
    assert [s.code for s in summary.sections] == [row["code"] for row in result["by_country"].values()]
    for section, row in zip(summary.sections, result["by_country"].values(), strict=True):
        assert [city.name for city in section.cities] == row["cities"]
        assert section.actions == row["actions"]
    first, last = campaign.starts_on, campaign.starts_on + datetime.timedelta(days=2)
    assert (summary.first_day, summary.last_day) == (first, last)
    assert summary.headline == (
        f"4 actions in 3 cities of 2 countries between {date_format(first, 'DATE_FORMAT')} and "
        f"{date_format(last, 'DATE_FORMAT')}"
    )
    berlin = summary.sections[0].cities[0]
    assert berlin.name == "Berlin" and [a.text[:5] for a in berlin.actions] == ["Пикет", "Secon"]
    assert [a.name for a in berlin.actions] == ["Anna Public", ""]  # the name only with consent
    assert [count for _day, count in summary.days if count] == [1, 2, 1]


def test_photos_only_with_consent_and_only_of_published_reports(campaign, world):
    summary = build_summary(fresh(campaign), "en")
    shown = {str(photo.key) for photo in summary.photos}
    assert shown == {str(p.key) for r in (world.berlin, world.paris) for p in r.photos.all()}


def test_photo_selection_takes_turns_between_countries(campaign, moderator, monkeypatch):
    from solidarity.reports import summary as summary_module

    monkeypatch.setattr(summary_module, "PHOTOS_PER_COUNTRY", 2)
    monkeypatch.setattr(summary_module, "MAX_PHOTOS", 3)
    older = add_report(campaign, moderator, "Berlin", photos=1, consent_photos=True)
    newer = add_report(campaign, moderator, "Hamburg", day=1, photos=3, consent_photos=True)
    paris = add_report(campaign, moderator, "Paris", photos=2, consent_photos=True)
    summary = build_summary(fresh(campaign), "en")
    by_country = {section.code: [str(p.key) for p in section.photos] for section in summary.sections}
    first_photo = {r.pk: str(r.photos.order_by("position").first().key) for r in (older, newer, paris)}
    # Germany: the newest report's first photo, then another report's first photo (not a second of the same)
    assert by_country["DE"] == [first_photo[newer.pk], first_photo[older.pk]]
    assert by_country["FR"] == [first_photo[paris.pk]]  # three in all, France's turn came before Germany's second
    assert len(summary.photos) == 3


def test_headline_plural_forms_in_english_and_russian():
    day = datetime.date(2023, 1, 19)
    later = datetime.date(2023, 1, 22)
    with translation.override("en"):
        assert headline(1, 1, 1, day, day) == "1 action in 1 city of 1 country on 19 January 2023"
        assert headline(2, 2, 2, day, later).startswith("2 actions in 2 cities of 2 countries between 19 January 2023")
        assert headline(0, 0, 0, None, None) == "No reports have been published yet."
    with translation.override("ru"):
        assert headline(1, 1, 1, day, day).startswith("1 акция в 1 городе 1 страны")
        assert headline(3, 3, 3, day, later).startswith("3 акции в 3 городах 3 стран")
        assert headline(5, 5, 5, day, later).startswith("5 акций в 5 городах 5 стран")
        assert headline(21, 2, 1, day, later).startswith("21 акция в 2 городах 1 страны")
        ranged = headline(5, 5, 5, day, later)
        assert "19 января 2023" in ranged and "22 января 2023" in ranged  # Russian dates, genitive month


def test_introduction_is_shown_translated_and_sanitised(campaign, world, organiser):
    campaign = fresh(campaign)
    campaign.summary_intro = (
        "**Thank you** to everyone who stood up.\n\n<script>alert('x')</script>"
        '<img src="https://evil.example/t.png"> [Read the call](https://example.org/call)'
    )
    campaign_save(campaign=campaign, actor=organiser, before=campaign_state(campaign))
    translation_save(
        translation=CampaignTranslation(campaign=campaign, language="ru", summary_intro="Спасибо всем, кто вышел."),
        actor=organiser,
    )
    english = Client().get(f"/en/c/{campaign.slug}/summary/").content.decode()
    assert "<strong>Thank you</strong> to everyone who stood up." in english
    assert "<script>alert" not in english and "evil.example" not in english
    assert '<a href="https://example.org/call" rel="noopener noreferrer nofollow">Read the call</a>' in english
    russian = Client().get(f"/ru/c/{campaign.slug}/summary/").content.decode()
    assert "Спасибо всем, кто вышел." in russian and "Thank you" not in russian
    markdown = render_md(build_summary(fresh(campaign), "en"))
    assert "**Thank you** to everyone" in markdown
    assert "<script" not in markdown and "alert(" not in markdown and "evil.example" not in markdown
    # the organiser edits it in the admin, for the original and for each translation
    admin = verified_client(organiser).get(f"/admin/campaigns/campaign/{campaign.pk}/change/").content.decode()
    assert 'name="summary_intro"' in admin and 'name="translations-0-summary_intro"' in admin


# --- privacy in every output ----------------------------------------------------------------------------------


def test_unpublished_and_private_data_appear_in_no_output(campaign, world, tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the summary tried to open a network connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    summary = build_summary(fresh(campaign), "en")
    outputs = {
        "md": render(summary, "md").decode(),
        "html": render(summary, "html").decode(),
        "pdf": pdf_pages_and_text(render(summary, "pdf"), tmp_path / "pdf")[1],
    }
    client = Client()
    for language in ("en", "ru"):
        response = client.get(f"/{language}/c/{campaign.slug}/summary/")
        assert response.status_code == 200
        outputs[f"page {language}"] = response.content.decode() + str(response.headers)
    download = client.get(f"/en/c/{campaign.slug}/summary.pdf")
    outputs["page pdf"] = pdf_pages_and_text(b"".join(download.streaming_content), tmp_path / "download")[1]

    for name, text in outputs.items():
        for secret in forbidden(world):
            assert secret not in text, (name, secret)
        # the positive controls: public words, and the name whose owner agreed
        assert "Пикет у посольства" in text, name
        assert "A banner on the bridge." in text, name
        assert "Anna Public" in text, name
    consented = str(world.berlin.photos.get().key)
    assert f"/media/photos/{consented}-thumb.jpg" in outputs["page en"]
    assert "data:image/jpeg;base64," in outputs["html"]


def test_a_draft_campaign_has_no_public_summary(campaign):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    assert Client().get(f"/en/c/{campaign.slug}/summary/").status_code == 404
    assert Client().get(f"/en/c/{campaign.slug}/summary.pdf").status_code == 404


# --- the page and the download -------------------------------------------------------------------------------


def test_summary_page_shows_headline_map_chart_and_countries(campaign, world, django_assert_max_num_queries):
    client = Client()
    with django_assert_max_num_queries(4):  # campaign, translations, reports, photos
        response = client.get(f"/en/c/{campaign.slug}/summary/")
    page = response.content.decode()
    with django_assert_max_num_queries(2):  # kept per data version: only the campaign and its translations
        assert client.get(f"/en/c/{campaign.slug}/summary/").content.decode() == page
    summary = build_summary(fresh(campaign), "en")
    assert summary.headline in page
    assert page.count('role="img"') >= 2 and 'class="world-map"' in page and 'class="chart"' in page
    assert 'data-country="DE" data-actions="3"' in page
    assert "<title>Berlin: 2 actions</title>" in page
    assert page.index("Germany") < page.index("France")  # most actions first
    assert f'href="/en/c/{campaign.slug}/summary.pdf"' in page
    # inline SVG must not need inline styles, which the content security policy blocks
    assert " style=" not in page and "<style" not in page
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_summary_page_follows_publications(campaign, world, moderator):
    client = Client()
    assert "4 actions in 3 cities" in client.get(f"/en/c/{campaign.slug}/summary/").content.decode()
    add_report(campaign, moderator, "Munich", day=2, text="Munich joined.")
    page = client.get(f"/en/c/{campaign.slug}/summary/").content.decode()
    assert "5 actions in 4 cities" in page and "Munich joined." in page


def test_empty_summary_says_so(campaign):
    page = Client().get(f"/en/c/{campaign.slug}/summary/").content.decode()
    assert "No reports have been published yet." in page and "<svg" not in page


def test_campaign_page_links_to_the_summary(campaign, world):
    page = Client().get(f"/en/c/{campaign.slug}/").content.decode()
    assert f'href="/en/c/{campaign.slug}/summary/"' in page


@pytest.mark.parametrize("suffix", ["summary/", "summary.pdf"])
def test_unprefixed_summary_redirects_to_a_language(campaign, suffix):
    response = Client().get(f"/c/{campaign.slug}/{suffix}")
    assert response.status_code == 302 and response["Location"] == f"/en/c/{campaign.slug}/{suffix}"
    response = Client(HTTP_ACCEPT_LANGUAGE="ru").get(f"/c/{campaign.slug}/{suffix}")
    assert response["Location"] == f"/ru/c/{campaign.slug}/{suffix}"


def test_pdf_download_is_rendered_once_per_data_version(campaign, world, moderator, monkeypatch, settings):
    calls = []
    real = summary_pdf.render_pdf

    def counting(summary):
        calls.append(summary.language)
        return real(summary)

    monkeypatch.setattr(summary_pdf, "render_pdf", counting)
    client = Client()
    url = f"/en/c/{campaign.slug}/summary.pdf"
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first["Content-Disposition"] == f'attachment; filename="{campaign.slug}-summary-en.pdf"'
    body = b"".join(first.streaming_content)
    assert body.startswith(b"%PDF-")
    assert b"".join(client.get(url).streaming_content) == body and calls == ["en"]
    client.get(f"/ru/c/{campaign.slug}/summary.pdf")
    assert calls == ["en", "ru"]

    add_report(campaign, moderator, "Munich", day=2)  # publishing bumps the data version
    assert b"".join(client.get(url).streaming_content) != body and calls == ["en", "ru", "en"]
    kept = sorted(p.name for p in (settings.SUMMARY_ROOT / str(campaign.pk)).glob("*.pdf"))
    assert kept == [f"v{fresh(campaign).data_version}-en.pdf"]  # older versions removed


def test_pdf_fetcher_reads_only_our_own_files(campaign, world):
    fetcher = summary_pdf.OwnFilesFetcher()
    origin = summary_pdf.OWN_ORIGIN
    consented = world.berlin.photos.get()
    body = fetcher.fetch(f"{origin}/media/photos/{consented.key}-thumb.jpg").read()
    assert body == consented.thumbnail.open("rb").read()
    assert fetcher.fetch(f"{origin}/static/solidarity/summary.css").read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"
    refused = [
        "https://example.org/tracker.png",
        "http://127.0.0.1:8000/static/solidarity/site.css",
        "file:///etc/passwd",
        f"{origin}/media/photos/{world.berlin_private.photos.get().key}.jpg",  # no consent
        f"{origin}/media/photos/{world.rome.photos.get().key}-thumb.jpg",  # not published
        f"{origin}/static/../../settings.py",
        f"{origin}/admin/",
    ]
    for url in refused:
        with pytest.raises(ValueError):
            fetcher.fetch(url)


# --- the command and the PDF in two languages -----------------------------------------------------------------


def test_command_writes_each_format(campaign, world, tmp_path):
    for fmt in ("md", "html", "pdf"):
        target = tmp_path / f"summary.{fmt}"
        call_command("summary", campaign.slug, "--format", fmt, "-o", str(target), stderr=StringIO())
        assert target.stat().st_size > 0
    markdown = (tmp_path / "summary.md").read_text()
    assert markdown.startswith("# Week of action\n") and "## Germany — 3 actions" in markdown
    assert "- **Picket** · " in markdown and "12 people" in markdown
    html = (tmp_path / "summary.html").read_text()
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    # self-contained: every picture inline, nothing to fetch from anywhere
    assert re.findall(r'(?:src|href)="(?!data:|#)[^"]*"', html) == []
    assert html.count("data:image/jpeg;base64,") == 2 and "<svg" in html
    assert (tmp_path / "summary.pdf").read_bytes().startswith(b"%PDF-")
    out = StringIO()
    call_command("summary", campaign.slug, stdout=out)  # Markdown on standard output by default
    assert out.getvalue() == markdown


def test_command_refuses_unknown_campaigns_and_languages(campaign):
    with pytest.raises(CommandError, match="no campaign with slug 'nope'"):
        call_command("summary", "nope")
    with pytest.raises(CommandError):
        call_command("summary", campaign.slug, "--lang", "xx")


def test_markdown_keeps_supporters_words_literal(campaign, moderator):
    add_report(campaign, moderator, "Berlin", text="*Free them* [all](https://x.example)\n# not a heading")
    markdown = render_md(build_summary(fresh(campaign), "en"))
    assert r"\*Free them\* \[all\](https://x.example)" in markdown and r"  \# not a heading" in markdown


@pytest.mark.parametrize("language", ["en", "ru"])
def test_pdf_has_pages_and_the_headline_in_both_languages(campaign, world, tmp_path, language):
    target = tmp_path / f"summary-{language}.pdf"
    call_command("summary", campaign.slug, "--format", "pdf", "--lang", language, "-o", str(target), stderr=StringIO())
    pages, text = pdf_pages_and_text(target.read_bytes(), tmp_path / "pages")
    assert pages >= 1
    expected = " ".join(build_summary(fresh(campaign), language).headline.split())
    assert expected in text
    assert "Пикет у посольства: «Свободу политзаключённым!»" in text  # Cyrillic from a report, drawn correctly
    if language == "en":
        assert "4 actions in 3 cities of 2 countries between" in text
        assert "Germany" in text and "Picket" in text
    else:
        genitive = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября"]
        genitive += ["октября", "ноября", "декабря"]
        assert genitive[campaign.starts_on.month - 1] in text  # the Russian month name, as dates are written
        assert "Германия" in text and "Пикет" in text and "4 акции в 3 городах" in text


def test_chart_is_inline_safe_described_and_localised():
    days = [(datetime.date(2023, 1, 18), 5), (datetime.date(2023, 1, 19), 0), (datetime.date(2023, 1, 20), 1)]
    with translation.override("ru"):
        svg = charts.actions_per_day_svg(days, title="Акции по дням")
        png = charts.actions_per_day_png(days, dpi=50)
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title>Акции по дням</title>" in svg
    assert "style=" not in svg and "<style" not in svg and "<metadata" not in svg
    description = re.search(r"<desc>(.*?)</desc>", svg).group(1)
    assert "18 января 2023" in description and "20 января 2023" in description and "19 января" not in description
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.size == (400, 150)


def test_markdown_introduction_keeps_no_script_links_or_remote_images():
    from solidarity.reports.summary_render import plain_markdown

    text = plain_markdown(
        "Read [our call](https://example.org/call) and [this](javascript:alert(1)).\n"
        "![a tracker](https://tracker.example/p.png)\n[ref]: javascript:evil\n[fine]: mailto:press@example.org"
    )
    assert "[our call](https://example.org/call)" in text and "[fine]: mailto:press@example.org" in text
    assert "javascript:" not in text and "tracker.example" not in text
    assert "a tracker" in text  # the image's description stays, as text
