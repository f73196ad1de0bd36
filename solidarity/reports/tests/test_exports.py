"""Report exports: the public files hold published reports and public fields only; the full file is for
organisers with a second factor, and every copy of it is audited."""

from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import verified_client
from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry
from solidarity.places.countries import country_name
from solidarity.places.geocode import resolve
from solidarity.reports import export_views, exports, services
from solidarity.reports.models import Report
from solidarity.reports.services import PUBLIC_FIELDS, ReportInput, report_submit
from solidarity.reports.tests.factories import CANARY_MARKERS, photo_token, planted_report, submit

FORMATS = ["csv", "json", "geojson"]
CANARY = "kanarienvogel-5d21a9"

# RFC 7946, as much as these files use: a FeatureCollection of Features whose geometry is a Point (or null,
# §3.2) at [longitude, latitude] within range, with an object of properties; no "crs" member (§4).
POSITION = {
    "type": "array",
    "minItems": 2,
    "maxItems": 3,
    "prefixItems": [
        {"type": "number", "minimum": -180, "maximum": 180},
        {"type": "number", "minimum": -90, "maximum": 90},
    ],
    "items": {"type": "number"},
}
POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {"type": {"const": "Point"}, "coordinates": POSITION},
}
FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"const": "Feature"},
        "id": {"type": ["string", "number"]},
        "geometry": {"oneOf": [{"type": "null"}, POINT]},
        "properties": {"type": ["object", "null"]},
    },
}
GEOJSON_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["type", "features"],
    "properties": {"type": {"const": "FeatureCollection"}, "features": {"type": "array", "items": FEATURE}},
    "not": {"required": ["crs"]},
}


def published(campaign, moderator, city="Berlin", **fields):
    report = submit(campaign, city=city, **fields)
    return services.report_publish(report=report, actor=moderator)


def with_photo(campaign, moderator, *, consent_photos):
    token = photo_token()
    report = report_submit(
        campaign=campaign,
        photo_tokens=[token],
        data=ReportInput(
            held_on=campaign.starts_on,
            city=resolve("Kyiv"),
            action_type="picket",
            public_text=f"photos shown: {consent_photos}",
            consent_photos=consent_photos,
        ),
    )
    return services.report_publish(report=report, actor=moderator)


def planted(campaign, moderator):
    """A published report with a canary in every private field, the name given without consent."""
    return planted_report(campaign, moderator, CANARY, public_text="Public words of the planted report.", photo=False)


def download(client, url) -> tuple[object, str]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body.decode("utf-8")


def public_url(campaign, fmt):
    return f"/c/{campaign.slug}/reports.{fmt}"


def private_url(campaign, fmt):
    return f"/admin/reports/report/export/{campaign.slug}.{fmt}"


def parse_csv(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.fixture
def reports(campaign, moderator):
    """Three published reports (one west of Greenwich and south of the equator), two never published."""
    shown = [
        published(campaign, moderator, "Berlin", participants=12, public_text="Picket at the embassy."),
        published(campaign, moderator, "Buenos Aires", action="meeting", public_text="Meeting, “quoted”, 2 rooms"),
        published(campaign, moderator, "Kyiv", consent_name=True, reporter_name="Olena"),
    ]
    waiting = submit(campaign, city="Paris", public_text="Awaiting review.")
    rejected = services.report_reject(report=submit(campaign, city="Lima", public_text="Rejected."), actor=moderator)
    return shown, [waiting, rejected]


# --- public exports ----------------------------------------------------------------------------------------


def test_csv_holds_exactly_the_published_reports_and_their_public_fields(campaign, reports):
    shown, hidden = reports
    response, text = download(Client(), public_url(campaign, "csv"))

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-reports.csv"'
    assert not response.cookies
    rows = parse_csv(text)
    assert list(rows[0]) == list(exports.PUBLIC_COLUMNS)
    assert [int(row["id"]) for row in rows] == sorted(r.pk for r in shown)
    for row in rows:
        report = Report.objects.get(pk=row["id"])
        assert row["held_on"] == report.held_on.isoformat()
        assert (row["city"], row["country"]) == (report.city, report.country)
        assert row["country_name"] == country_name(report.country)
        assert float(row["latitude"]) == report.latitude and float(row["longitude"]) == report.longitude
        assert row["action_type"] == report.action_type
        assert row["participants"] == ("" if report.participants is None else str(report.participants))
        assert row["public_text"] == report.public_text
        assert row["reporter_name"] == report.public_name
        assert row["published_at"] == report.published_at.isoformat()
        assert row["photos"] == ""
        assert row["sample"] == "false"
    assert rows[1]["longitude"].startswith("-")  # a number stays a number, with no apostrophe before it
    for report in hidden:
        assert report.public_text not in text


def test_json_is_one_array_of_the_published_reports(campaign, reports):
    shown, _hidden = reports
    response, text = download(Client(), public_url(campaign, "json"))

    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-reports.json"'
    assert not response.cookies
    items = json.loads(text)
    assert [item["id"] for item in items] == sorted(r.pk for r in shown)
    assert all(list(item) == list(exports.PUBLIC_COLUMNS) for item in items)
    kyiv = next(item for item in items if item["city"] == "Kyiv")
    assert kyiv["reporter_name"] == "Olena" and kyiv["country_name"] == "Ukraine"
    assert kyiv["photos"] == [] and kyiv["sample"] is False


def test_geojson_is_a_valid_rfc7946_feature_collection_of_points(campaign, reports):
    shown, _hidden = reports
    response, text = download(Client(), public_url(campaign, "geojson"))

    assert response["Content-Type"] == "application/geo+json"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-reports.geojson"'
    document = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(GEOJSON_SCHEMA)
    jsonschema.Draft202012Validator(GEOJSON_SCHEMA).validate(document)
    features = {feature["id"]: feature for feature in document["features"]}
    assert sorted(features) == sorted(r.pk for r in shown)
    for report in shown:
        feature = features[report.pk]
        assert feature["geometry"] == {"type": "Point", "coordinates": [report.longitude, report.latitude]}
        assert feature["properties"]["city"] == report.city
        assert "latitude" not in feature["properties"]


def test_the_schema_rejects_what_rfc7946_forbids():
    """The schema test is only worth something if it can fail: latitude first, out of range, wrong type."""
    geometries = [
        {"type": "Point", "coordinates": [13.4, 152.5]},
        {"type": "Point", "coordinates": [-181, 0]},
        {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
    ]
    bad = [{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": None}]}]  # no properties
    bad += [
        {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": g}]}
        for g in geometries
    ]
    bad.append({"type": "FeatureCollection", "features": [], "crs": {"type": "name"}})
    for document in bad:
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(document, GEOJSON_SCHEMA, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("fmt", FORMATS)
def test_draft_campaigns_and_unknown_formats_are_not_found(campaign, reports, fmt):
    client = Client()
    assert client.get(public_url(campaign, "xlsx")).status_code == 404
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    assert client.get(public_url(campaign, fmt)).status_code == 404


def test_public_downloads_are_rate_limited_without_caching_the_refusal(campaign, monkeypatch):
    monkeypatch.setattr(export_views, "PUBLIC_LIMIT", 2)
    client = Client()
    assert [client.get(public_url(campaign, fmt)).status_code for fmt in FORMATS] == [200, 200, 429]
    refused = client.get(public_url(campaign, "csv"))
    assert refused.status_code == 429 and "public" not in refused.get("Cache-Control", "")


def test_head_request_reads_no_reports(campaign, reports, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):  # the campaign, and not one report
        response = Client().head(public_url(campaign, "csv"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"


def test_empty_campaign_exports_valid_empty_files(campaign):
    client = Client()
    assert parse_csv(download(client, public_url(campaign, "csv"))[1]) == []
    assert json.loads(download(client, public_url(campaign, "json"))[1]) == []
    document = json.loads(download(client, public_url(campaign, "geojson"))[1])
    assert document == {"type": "FeatureCollection", "features": []}


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+41 79 000", "'+41 79 000"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("a = b", "a = b"),
        ("", ""),
        (-58.3772, -58.3772),
        (None, ""),
        (True, "true"),
        (["/media/photos/a.jpg", "/media/photos/b.jpg"], "/media/photos/a.jpg /media/photos/b.jpg"),
        ({"city": "=cmd"}, '{"city": "=cmd"}'),
        ([], ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(cell, written):
    assert exports._csv_cell(cell) == written


def test_formula_in_a_report_reaches_the_csv_as_text(campaign, moderator):
    report = published(campaign, moderator, public_text="placeholder")
    Report.objects.filter(pk=report.pk).update(public_text='=HYPERLINK("http://evil.example","click")')
    rows = parse_csv(download(Client(), public_url(campaign, "csv"))[1])
    assert rows[0]["public_text"] == "'" + '=HYPERLINK("http://evil.example","click")'
    # JSON is data, not a spreadsheet: the text stays as it is
    assert json.loads(download(Client(), public_url(campaign, "json"))[1])[0]["public_text"].startswith("=")


# --- privacy -------------------------------------------------------------------------------------------------


def test_public_exports_read_only_public_fields():
    allowed = {"id", *PUBLIC_FIELDS, "published_at", "is_sample", "consent_photos", "public_name"}
    assert set(exports.PUBLIC_SOURCE) <= allowed
    private = {
        "reporter_name",
        "reporter_contact",
        "place_input",
        "raw_input",
        "moderator_note",
        "message_id",
        "content_hash",
    }
    assert not private & set(exports.PUBLIC_SOURCE)


def test_canary_never_reaches_a_public_export_but_is_in_the_private_one(campaign, moderator, organiser, tmp_path):
    report = planted(campaign, moderator)
    client = Client()
    for fmt in FORMATS:
        response, text = download(client, public_url(campaign, fmt))
        assert response.status_code == 200
        assert "Public words of the planted report." in text  # the report is there ...
        assert CANARY not in text + str(response.headers), fmt  # ... without anything private
        assert report.content_hash not in text
        call_command("export", campaign.slug, "--format", fmt, "-o", str(tmp_path / f"public.{fmt}"))
        assert CANARY not in (tmp_path / f"public.{fmt}").read_text(encoding="utf-8")

    admin = verified_client(organiser)
    for fmt in FORMATS:
        response, text = download(admin, private_url(campaign, fmt))
        assert response.status_code == 200
        for marker in CANARY_MARKERS:
            assert f"{CANARY}{marker}" in text, (fmt, marker)
    for entry in AuditEntry.objects.filter(action=exports.AUDIT_ACTION):
        assert CANARY not in json.dumps(entry.data)


def test_photo_urls_only_with_consent(campaign, moderator):
    shown = with_photo(campaign, moderator, consent_photos=True)
    kept = with_photo(campaign, moderator, consent_photos=False)
    client = Client()
    items = {item["id"]: item for item in json.loads(download(client, public_url(campaign, "json"))[1])}
    photo = shown.photos.get()
    assert items[shown.pk]["photos"] == [f"/media/photos/{photo.key}.jpg"]
    assert client.get(items[shown.pk]["photos"][0]).status_code == 200
    assert items[kept.pk]["photos"] == []
    everything = "".join(download(client, public_url(campaign, fmt))[1] for fmt in FORMATS)
    assert str(kept.photos.get().key) not in everything
    rows = {int(row["id"]): row for row in parse_csv(download(client, public_url(campaign, "csv"))[1])}
    assert rows[shown.pk]["photos"] == f"/media/photos/{photo.key}.jpg"


def test_rows_are_read_a_chunk_at_a_time_with_one_photo_query_per_chunk(campaign, moderator, monkeypatch):
    made = [with_photo(campaign, moderator, consent_photos=True) for _ in range(5)]
    monkeypatch.setattr(exports, "CHUNK_SIZE", 2)
    with CaptureQueriesContext(connection) as queries:
        chunks = list(exports.public_rows(campaign))
    assert [len(chunk) for chunk in chunks] == [2, 2, 1]
    assert [row[0] for chunk in chunks for row in chunk] == [r.pk for r in made]
    photos_at = exports.PUBLIC_COLUMNS.index("photos")
    assert all(len(row[photos_at]) == 1 for chunk in chunks for row in chunk)
    assert len(queries) == 6  # three of reports, three of photos: never one per row


# --- private export ------------------------------------------------------------------------------------------


def test_organiser_with_second_factor_gets_every_report_and_it_is_audited(campaign, organiser, reports):
    shown, hidden = reports
    client = verified_client(organiser)
    response, text = download(client, private_url(campaign, "csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{campaign.slug}-reports-private.csv"'
    assert "no-store" in response["Cache-Control"]
    rows = parse_csv(text)
    assert list(rows[0]) == list(exports.PRIVATE_COLUMNS)
    assert sorted(int(row["id"]) for row in rows) == sorted(r.pk for r in [*shown, *hidden])
    statuses = {row["status"] for row in rows}
    assert statuses == {"published", "received", "rejected"}
    raw = json.loads(rows[0]["raw_input"])  # raw input as JSON text
    assert isinstance(raw, dict)
    entry = AuditEntry.objects.get(action=exports.AUDIT_ACTION)
    assert entry.actor == organiser
    assert (entry.object_type, entry.object_id) == ("campaigns.campaign", str(campaign.pk))
    assert entry.data == {"format": "csv", "via": "admin"}


def test_campaign_admin_page_links_the_private_export_for_organisers_only(campaign, organiser, moderator):
    page = f"/admin/campaigns/campaign/{campaign.pk}/change/"
    link = private_url(campaign, "csv")
    assert link in verified_client(organiser).get(page).content.decode()
    response = verified_client(moderator).get(page)
    assert response.status_code == 200 and link not in response.content.decode()


def unverified(user):
    client = Client()
    client.force_login(user)  # password only, no second factor
    return client


@pytest.mark.parametrize("who", ["moderator", "outsider", "anonymous", "organiser_without_second_factor"])
def test_private_export_is_refused_to_everyone_else(campaign, moderator, organiser, outsider, who):
    planted(campaign, moderator)
    client = {
        "moderator": lambda: verified_client(moderator),
        "outsider": lambda: unverified(outsider),
        "anonymous": Client,
        "organiser_without_second_factor": lambda: unverified(organiser),
    }[who]()
    for fmt in FORMATS:
        response, text = download(client, private_url(campaign, fmt))
        assert response.status_code in (302, 403), (who, fmt)
        assert CANARY not in text
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/")
    assert not AuditEntry.objects.filter(action=exports.AUDIT_ACTION).exists()


def test_the_permission_belongs_to_organisers_only(organiser, moderator, outsider):
    assert organiser.has_perm(exports.PERMISSION)
    assert not moderator.has_perm(exports.PERMISSION)
    assert not outsider.has_perm(exports.PERMISSION)


# --- the command ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_command_writes_each_format(campaign, reports, tmp_path, fmt):
    shown, _hidden = reports
    target = tmp_path / f"out.{fmt}"
    call_command("export", campaign.slug, "--format", fmt, "-o", str(target))
    text = target.read_text(encoding="utf-8")
    if fmt == "csv":
        ids = [int(row["id"]) for row in parse_csv(text)]
    elif fmt == "json":
        ids = [item["id"] for item in json.loads(text)]
    else:
        ids = [feature["id"] for feature in json.loads(text)["features"]]
    assert ids == sorted(r.pk for r in shown)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


def test_command_writes_to_standard_output_by_default(campaign, reports):
    out = io.StringIO()
    call_command("export", campaign.slug, "--format", "json", stdout=out)
    assert len(json.loads(out.getvalue())) == len(reports[0])


def test_command_private_export_needs_an_organiser_and_is_audited(campaign, organiser, moderator, tmp_path):
    planted(campaign, moderator)
    target = tmp_path / "private.csv"
    with pytest.raises(CommandError, match="--user"):
        call_command("export", campaign.slug, "--private", "-o", str(target))
    with pytest.raises(CommandError, match="may not export"):
        call_command("export", campaign.slug, "--private", "--user", "bob", "-o", str(target))
    with pytest.raises(CommandError, match="no user"):
        call_command("export", campaign.slug, "--private", "--user", "nobody", "-o", str(target))
    with pytest.raises(CommandError, match="only used with --private"):
        call_command("export", campaign.slug, "--user", "alice", "-o", str(target))
    assert not target.exists()
    assert not AuditEntry.objects.filter(action=exports.AUDIT_ACTION).exists()

    call_command("export", campaign.slug, "--private", "--user", "alice", "--format", "csv", "-o", str(target))
    assert f"{CANARY}-contact@" in target.read_text(encoding="utf-8")
    entry = AuditEntry.objects.get(action=exports.AUDIT_ACTION)
    assert entry.actor == organiser and entry.data == {"format": "csv", "via": "command"}


def test_command_refuses_a_draft_campaign_unless_private(campaign, organiser, tmp_path):
    Campaign.objects.filter(pk=campaign.pk).update(status=Campaign.Status.DRAFT)
    with pytest.raises(CommandError, match="draft"):
        call_command("export", campaign.slug, "-o", str(tmp_path / "x.csv"))
    call_command("export", campaign.slug, "--private", "--user", "alice", "-o", str(tmp_path / "x.csv"))
    assert (tmp_path / "x.csv").read_text(encoding="utf-8").startswith("id,")


def test_failed_export_leaves_no_file(campaign, reports, tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text("the previous export\n", encoding="utf-8")

    def broken(campaign):
        yield [[1] * len(exports.PUBLIC_COLUMNS)]
        raise RuntimeError("database went away")

    monkeypatch.setattr(exports, "public_rows", broken)
    with pytest.raises(RuntimeError):
        call_command("export", campaign.slug, "-o", str(target))
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


# --- the list page -------------------------------------------------------------------------------------------


def test_list_page_links_the_three_downloads(campaign, reports):
    page = Client().get(f"/en/c/{campaign.slug}/reports/").content.decode()
    for fmt in FORMATS:
        assert f'href="{public_url(campaign, fmt)}"' in page
