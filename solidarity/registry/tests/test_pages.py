"""The public registry pages: who is persecuted, for what, since when, how we know, and how to help; hidden people
nowhere; old addresses redirect; each page's query count does not grow with the data."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from conftest import jpeg_bytes
from solidarity.campaigns.models import Campaign
from solidarity.lib import snapshots
from solidarity.lib.tests.test_snapshots import wsgi_get
from solidarity.registry import services, views
from solidarity.registry.models import Case, Charge, Person, Precision, joined_slugs
from solidarity.registry.templatetags.registry_tags import date_text
from solidarity.registry.tests import factories
from solidarity.registry.tests.conftest import CANARY, CANARY_CHARGE, CANARY_NATIVE, D, event, make_campaign

pytestmark = pytest.mark.django_db


def page(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


# --- the people list -----------------------------------------------------------------------------------------


def test_people_list_shows_each_person_with_status_date_and_country(oleinik, supporter):
    factories.person("Varvara Fedorova", status="released", on=D(2020, 5, 1), country="BY")
    body = page(supporter, "/en/people/")
    assert "2 people found." in body
    assert 'href="/en/people/nikita-oleinik/"' in body and "Никита Олейник" in body
    assert "sentenced" in body and '<time datetime="2024-11-14">14 November 2024</time>' in body
    assert "(alleged)" in body  # the deciding event is only alleged
    assert "<td>Russian Federation</td>" in body and "<td>Belarus</td>" in body
    assert body.index("Nikita Oleinik") < body.index("Varvara Fedorova")


OLEINIK, FEDOROVA = "Nikita Oleinik", "Varvara Fedorova"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=sentenced", {OLEINIK}),
        ("status=released", {FEDOROVA}),
        ("status=custody", set()),
        ("case=tyumen-case", {OLEINIK}),
        ("case=other-case", {FEDOROVA}),
        ("organisation=left-resistance", {OLEINIK}),
        ("organisation=other-group", {FEDOROVA}),
        ("country=RU", {OLEINIK}),
        ("country=by", {FEDOROVA}),
        ("charge=sabotage", {OLEINIK}),
        ("charge=205.3", {OLEINIK}),
        ("charge=treason", {FEDOROVA}),
        ("charge=espionage", set()),
        ("q=Oleinik&status=sentenced&country=RU&case=tyumen-case", {OLEINIK}),
        ("q=Oleinik&status=released", set()),
        ("", {OLEINIK, FEDOROVA}),
    ],
)
def test_each_filter_narrows_the_list(oleinik, supporter, query, expected):
    factories.person(
        FEDOROVA,
        status="released",
        country="BY",
        case_name="Other case",
        organisation_name="Other Group",
        charge="treason",
    )
    body = page(supporter, f"/en/people/?{query}")
    rows = body[body.index('role="status"') :]
    assert {name for name in (OLEINIK, FEDOROVA) if name in rows} == expected
    count = {0: "0 people found.", 1: "1 person found.", 2: "2 people found."}[len(expected)]
    assert count in body


def test_filters_offer_only_values_with_public_people(canary, supporter):
    factories.case("Case of hidden people only")
    body = page(supporter, "/en/people/")
    assert '<option value="tyumen-case">Tyumen case</option>' in body
    assert "Case of hidden people only" not in body
    assert '<option value="sentenced">sentenced</option>' in body
    assert '<option value="RU">Russian Federation</option>' in body


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "case=no-such-case",
        "organisation=%00",
        "country=ZZ",
        "page=abc",
        "page=999",
        f"q={'x' * 500}",
        "charge=%25%25",
        "q=%27%3B--",
        "status=sentenced&status=custody",
    ],
)
def test_unknown_filter_values_never_fail(oleinik, supporter, query):
    response = supporter.get(f"/en/people/?{query}")
    assert response.status_code == 200
    body = response.content.decode()
    assert "people found" in body or "person found" in body


def test_an_invalid_filter_is_explained_and_the_others_still_apply(oleinik, supporter):
    factories.person("Varvara Fedorova", status="released", country="BY")
    body = page(supporter, "/en/people/?status=bogus&country=BY")
    assert "Select a valid choice" in body
    assert "Varvara Fedorova" in body and "Nikita Oleinik" not in body


def test_search_keeps_what_was_typed(oleinik, supporter):
    body = page(supporter, "/en/people/?q=%D0%9E%D0%BB%D0%B5%D0%B9%D0%BD%D0%B8%D0%BA")
    assert 'value="Олейник"' in body and "1 person found." in body


def test_pages_keep_the_filters(oleinik, supporter, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for name in ("Anna Alpha", "Boris Beta", "Clara Gamma"):
        factories.person(name, country="RU", status="custody")
    body = page(supporter, "/en/people/?country=RU")
    assert "4 people found." in body and "Showing 1–2." in body
    assert 'href="?country=RU&amp;page=2"' in body
    second = page(supporter, "/en/people/?country=RU&page=2")
    assert "Clara Gamma" in second and "Nikita Oleinik" in second and "Anna Alpha" not in second


def test_nobody_found_says_so(oleinik, supporter):
    body = page(supporter, "/en/people/?q=Nobodyhere")
    assert "0 people found." in body and "Try another spelling" in body


# --- the person page -----------------------------------------------------------------------------------------


def test_person_page_tells_the_whole_story_with_sources(oleinik, supporter):
    body = page(supporter, "/en/people/nikita-oleinik/")
    for text in (
        '<h1 id="person-name">Nikita Oleinik</h1>',
        "Никита Олейник",
        "An anarchist from Tyumen.",
        "Also written:",
        "Nikita Oleynik",
        "Current status:",
        '<a href="https://news.example/tyumen" rel="noopener noreferrer nofollow">Anarchists detained in Tyumen</a>',
        "Example News",
        '<time datetime="2023-08-03">3 August 2023</time>',
        "He was detained in July.",
        "SIZO-1 Tyumen",
        "18 years",
        'href="/en/cases/tyumen-case/"',
        "<strong>Art. 205.3</strong>: preparation of sabotage",
        'href="/en/organisations/left-resistance/"',
        "— member",
        "SIZO-1, Tyumen",
        "Write in Russian; the censor rejects other languages.",
        "2 solidarity messages have been approved so far.",
        'href="/en/c/week-of-action/"',
    ):
        assert text in body, text
    assert "Secret Sender" not in body and "Hold on!" not in body


def test_timeline_dates_keep_their_precision_in_order(oleinik, supporter):
    body = page(supporter, "/en/people/nikita-oleinik/")
    body = body[body.index('<ol class="timeline">') :]
    about = '<time datetime="2021">about 2021</time>'
    day = '<time datetime="2022-06-25">25 June 2022</time>'
    month = '<time datetime="2022-07">July 2022</time>'
    year = '<time datetime="2023">2023</time>'
    sentenced = '<time datetime="2024-11-14">14 November 2024</time>'
    positions = [body.index(text) for text in (about, day, month, year, sentenced)]
    assert positions == sorted(positions)
    assert "1 July 2022" not in body and "1 January 2023" not in body


def test_dates_in_russian_keep_their_precision():
    with translation.override("ru"):
        assert date_text(D(2022, 7, 1), Precision.MONTH) == ("2022-07", "Июль 2022 г.")
        assert date_text(D(2022, 7, 5), Precision.DAY)[1] == "5 июля 2022 г."
    assert date_text(D(2013, 1, 1), Precision.APPROXIMATE) == ("2013", "about 2013")
    assert date_text(D(2013, 1, 1), Precision.YEAR) == ("2013", "2013")


def test_current_status_marks_an_alleged_deciding_event(oleinik, supporter):
    body = page(supporter, "/en/people/nikita-oleinik/")
    status = body[body.index("Current status:") : body.index("</p>", body.index("Current status:"))]
    assert "sentenced" in status and "14 November 2024" in status and "(alleged)" in status
    event(oleinik, "released", D(2025, 2, 1), "month")
    body = page(supporter, "/en/people/nikita-oleinik/")
    status = body[body.index("Current status:") : body.index("</p>", body.index("Current status:"))]
    assert "released" in status and "February 2025" in status and "alleged" not in status


def test_the_write_link_shows_only_when_messages_are_accepted(oleinik, supporter):
    body = page(supporter, "/en/people/nikita-oleinik/")
    assert 'href="/en/people/nikita-oleinik/write/"' in body and "Write a message to Nikita Oleinik" in body
    oleinik.accepts_messages = False
    services.person_save(person=oleinik, actor=None)
    body = page(supporter, "/en/people/nikita-oleinik/")
    assert "/write/" not in body and "SIZO-1, Tyumen" in body  # paper letters still welcome


def test_only_public_campaigns_are_listed(oleinik, supporter, organisation):
    draft = make_campaign(organisation, "secret-draft", status=Campaign.Status.DRAFT)
    closed = make_campaign(organisation, "last-year", status=Campaign.Status.CLOSED)
    draft.people.add(oleinik)
    closed.people.add(oleinik)
    body = page(supporter, "/en/people/nikita-oleinik/")
    assert 'href="/en/c/last-year/"' in body and "(closed)" in body
    assert "secret-draft" not in body and "Secret Draft" not in body


def test_hidden_person_is_the_same_404_as_an_unknown_address(canary, supporter):
    hidden = supporter.get("/en/people/canary-zzyzx-hidden/")
    unknown = supporter.get("/en/people/no-such-person/")
    assert hidden.status_code == unknown.status_code == 404
    # the same page, but for the address itself (the language links point at it)
    assert hidden.content.replace(b"canary-zzyzx-hidden", b"no-such-person") == unknown.content
    assert supporter.get("/en/people/canary-zzyzx-hidden/write/").status_code == 404


def test_a_merged_person_address_redirects_permanently(oleinik, supporter):
    duplicate = factories.person("Nikita Oleynik", slug="nikita-oleynik", status="detained", on=D(2022, 7, 1))
    services.person_merge(keep=oleinik, merge=duplicate, actor=None)
    response = supporter.get("/en/people/nikita-oleynik/")
    assert response.status_code == 301 and response["Location"] == "/en/people/nikita-oleinik/"
    assert supporter.get("/ru/people/nikita-oleynik/")["Location"] == "/ru/people/nikita-oleinik/"


def test_a_merged_person_who_is_hidden_does_not_redirect(oleinik, canary, supporter):
    services.person_merge(keep=canary, merge=oleinik, actor=None)
    assert supporter.get("/en/people/nikita-oleinik/").status_code == 404


def test_photo_shown_only_with_consent(oleinik, supporter):
    services.person_set_photo(person=oleinik, image=_upload(), consent=False, actor=None)
    oleinik.refresh_from_db()
    photo_url = f"/media/people/{oleinik.photo_key}.jpg"
    assert photo_url not in page(supporter, "/en/people/nikita-oleinik/")
    assert supporter.get(photo_url).status_code == 404
    services.person_set_photo(person=oleinik, image=_upload(), consent=True, actor=None)
    oleinik.refresh_from_db()
    photo_url = f"/media/people/{oleinik.photo_key}.jpg"
    body = page(supporter, "/en/people/nikita-oleinik/")
    assert f'src="{photo_url}"' in body and 'alt="Photo of Nikita Oleinik"' in body
    response = supporter.get(photo_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
    assert supporter.get(photo_url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304
    oleinik.is_public = False
    services.person_save(person=oleinik, actor=None)
    assert supporter.get(photo_url).status_code == 404


def _upload():
    import io

    return io.BytesIO(jpeg_bytes())


# --- cases and organisations ---------------------------------------------------------------------------------


def test_cases_list_counts_public_defendants_and_searches(canary, supporter):
    factories.person("Varvara Fedorova", status="released", case_name="Network case")
    Case.objects.filter(name="Network case").update(aliases=["Сеть"])
    services.case_save(case=Case.objects.get(name="Network case"), actor=None)
    body = page(supporter, "/en/cases/")
    assert "2 cases found." in body and 'href="/en/cases/tyumen-case/"' in body
    row = body[body.index("Tyumen case</a>") : body.index("</tr>", body.index("Tyumen case</a>"))]
    assert '<td class="number">1</td>' in row  # Oleinik; the hidden defendant is not counted
    found = page(supporter, "/en/cases/?q=%D0%A1%D0%B5%D1%82%D1%8C")  # "Сеть"
    assert "1 case found." in found and "Network case" in found and "Tyumen case" not in found
    assert 'value="Сеть"' in found


def test_case_page_lists_public_defendants_with_status_charges_and_campaigns(canary, supporter):
    case = Case.objects.get(name="Tyumen case")
    case.jurisdiction = "Tyumen Regional Court"
    case.aliases = ["Тюменское дело"]
    case.description = "Six anarchists accused of planning sabotage."
    case.country = "RU"
    services.case_save(case=case, actor=None)
    services.charge_save(charge=Charge(case=case, article="Art. 210", wording="forming a terrorist group"), actor=None)
    body = page(supporter, "/en/cases/tyumen-case/")
    for text in (
        "Tyumen case",
        "Тюменское дело",
        "Tyumen Regional Court",
        "Russia",
        "Six anarchists",
        'href="/en/people/nikita-oleinik/"',
        "sentenced",
        "14 November 2024",
        "(alleged)",
        "<strong>Art. 210</strong>: forming a terrorist group",
        'href="/en/c/week-of-action/"',
    ):
        assert text in body, text


def test_organisations_list_and_page(canary, supporter, campaign):
    organisation = factories.organisation("Left Resistance")
    campaign.organiser = organisation
    campaign.save()
    body = page(supporter, "/en/organisations/")
    row = body[body.index("Left Resistance</a>") : body.index("</tr>", body.index("Left Resistance</a>"))]
    assert "movement" in row and '<td class="number">1</td>' in row
    assert "1 organisation found." in page(supporter, "/en/organisations/?q=left")
    body = page(supporter, "/en/organisations/left-resistance/")
    assert 'href="/en/people/nikita-oleinik/"' in body and "member" in body and "sentenced" in body
    assert "Campaigns it called" in body and 'href="/en/c/week-of-action/"' in body


def test_merged_case_and_organisation_addresses_redirect(oleinik, supporter):
    Case.objects.filter(name="Tyumen case").update(former_slugs=joined_slugs("tyumen-anarchists"))
    response = supporter.get("/en/cases/tyumen-anarchists/")
    assert response.status_code == 301 and response["Location"] == "/en/cases/tyumen-case/"
    duplicate = factories.organisation("Levoe Soprotivlenie")
    services.organisation_merge(keep=factories.organisation("Left Resistance"), merge=duplicate, actor=None)
    response = supporter.get("/en/organisations/levoe-soprotivlenie/")
    assert response.status_code == 301 and response["Location"] == "/en/organisations/left-resistance/"
    assert supporter.get("/en/cases/no-such-case/").status_code == 404
    assert supporter.get("/en/organisations/no-such-group/").status_code == 404


# --- hidden people appear nowhere ----------------------------------------------------------------------------


def test_canary_is_absent_from_every_public_page(canary, supporter, settings):
    settings.SOLIDARITY = {**settings.SOLIDARITY, "SNAPSHOTS": False}
    paths = [
        "/en/people/",
        "/ru/people/",
        "/en/people/?q=Canary",
        "/en/people/?q=Zzyzx",
        "/en/people/?q=%D0%9A%D0%B0%D0%BD%D0%B0%D1%80%D0%B5%D0%B9%D0%BA%D0%B0",  # Канарейка
        "/en/people/?status=custody",
        "/en/people/?country=RU",
        "/en/people/?case=tyumen-case",
        "/en/people/?organisation=left-resistance",
        f"/en/people/?charge={CANARY_CHARGE}",
        "/en/people/nikita-oleinik/",
        "/ru/people/nikita-oleinik/",
        "/en/cases/",
        "/en/cases/tyumen-case/",
        "/en/organisations/",
        "/en/organisations/left-resistance/",
        "/ru/organisations/left-resistance/",
        "/en/c/week-of-action/",
        "/ru/c/week-of-action/",
        "/en/",
    ]
    for path in paths:
        body = page(supporter, path)
        if "?" in path:  # what the visitor typed is rightly shown back in the form; look at the results
            body = body[body.index("</form>") :]
        for secret in (CANARY, "Zzyzx", CANARY_NATIVE, CANARY_CHARGE, "canary-zzyzx-hidden"):
            assert secret not in body, (path, secret)
    assert "0 people found." in page(supporter, "/en/people/?q=Canary")
    assert "1 person found." in page(supporter, "/en/people/?case=tyumen-case")


def test_hidden_people_are_not_counted(canary, supporter):
    assert "1 person found." in page(supporter, "/en/people/")
    assert "0 people found." in page(supporter, "/en/people/?status=custody")
    assert Person.objects.count() == 2


# --- the campaign page names who it is for -------------------------------------------------------------------


def test_campaign_page_shows_who_it_is_for_with_current_status(canary, supporter):
    body = page(supporter, "/en/c/week-of-action/")
    section = body[body.index("Who this campaign is for") : body.index("How to take part")]
    assert 'href="/en/people/nikita-oleinik/"' in section and "sentenced" in section and "(alleged)" in section
    assert 'href="/en/cases/tyumen-case/"' in section
    assert CANARY not in body and "Zzyzx" not in body


def test_campaign_naming_nobody_has_no_such_section(campaign, supporter):
    assert "Who this campaign is for" not in page(supporter, "/en/c/week-of-action/")


def test_status_change_refreshes_the_campaign_page_snapshot(transactional_db, oleinik):
    path = "/en/c/week-of-action/"
    _status, headers, body = wsgi_get(path)
    assert b"sentenced" in body and "X-Snapshot" not in headers
    assert snapshots.snapshot_file(settings.SNAPSHOT_ROOT, path).exists()
    assert wsgi_get(path)[1].get("X-Snapshot") == "1"
    event(oleinik, "released", D(2025, 3, 1), "day")
    assert not snapshots.snapshot_file(settings.SNAPSHOT_ROOT, path).exists()
    _status, headers, body = wsgi_get(path)
    assert "X-Snapshot" not in headers
    section = body.decode()[body.decode().index("Who this campaign is for") :]
    assert "released" in section and "1 March 2025" in section


def test_hiding_a_person_removes_them_from_the_campaign_page(transactional_db, oleinik):
    path = "/en/c/week-of-action/"
    assert b"Nikita Oleinik" in wsgi_get(path)[2]
    oleinik.is_public = False
    services.person_save(person=oleinik, actor=None)
    assert b"Nikita Oleinik" not in wsgi_get(path)[2]


# --- navigation ----------------------------------------------------------------------------------------------


def test_every_page_links_to_the_registry(campaign, supporter):
    body = page(supporter, "/en/")
    for href in ('href="/en/people/"', 'href="/en/cases/"', 'href="/en/organisations/"'):
        assert href in body


def test_addresses_without_a_language_open_in_the_readers_language():
    response = Client(HTTP_ACCEPT_LANGUAGE="ru-RU,ru;q=0.9").get("/people/")
    assert response.status_code == 302 and response["Location"] == "/ru/people/"
    assert Client().get("/cases/")["Location"] == "/en/cases/"
