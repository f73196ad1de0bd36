"""Media in an S3-compatible bucket (``SOLIDARITY_MEDIA_STORAGE=s3``), against a real S3 server on loopback.

A report's photos are staged on one box and submitted on another, served by our own view without metadata, kept
private in the bucket, and deleted with the rejected report at the purge; a person's photo, the summary's
thumbnails, stale staging and the status read the bucket too; a backup of a bucket restores into a folder and a
folder's into a bucket, the same files by hash. Nothing reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import base64
import datetime
import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.checks import Error, Warning
from django.utils import timezone
from PIL import Image

from conftest import jpeg_bytes
from solidarity.campaigns.models import Campaign
from solidarity.lib.checks import check_media_storage
from solidarity.lib.status import disk_state
from solidarity.lib.tests import s3_server
from solidarity.lib.tests.s3_server import S3Server
from solidarity.lib.tests.test_backup import files_in, instance, manifest_of, records_of, same_records, solidarity
from solidarity.lib.tests.test_images import CANARY_MAKE, phone_photo
from solidarity.registry import services as registry_services
from solidarity.registry.tests import factories as registry_factories
from solidarity.reports import services, uploads
from solidarity.reports.models import Photo, Report
from solidarity.reports.retention import Purged, purge_private_details
from solidarity.reports.summary import build_summary
from solidarity.reports.summary_pdf import OWN_ORIGIN, OwnFilesFetcher
from solidarity.reports.summary_render import render
from solidarity.reports.tests.factories import photo_token, submit
from solidarity.reports.tests.test_report_form import URL, form_data, photo


@pytest.fixture(scope="session")
def s3(tmp_path_factory) -> Iterator[S3Server]:
    """moto's S3 server on a free loopback port for the whole run."""
    pytest.importorskip("moto", reason="moto[server] comes with the test extras")
    with s3_server.running(tmp_path_factory.mktemp("moto") / "moto.log") as server:
        yield server


@pytest.fixture
def bucket(s3, settings) -> str:
    """A new, empty bucket as this instance's media store, configured as settings.py configures it."""
    name = s3.new_bucket()
    settings.STORAGES = {**settings.STORAGES, "default": s3.storage(name)}
    settings.MEDIA_STORAGE = "s3"
    return name


def local_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_private(s3: S3Server, bucket: str) -> None:
    """No object answers a request without credentials, and none carries a grant to anyone but the owner."""
    for key in s3.keys(bucket):
        assert s3.anonymous_get(bucket, key) == 403, key
        grants = s3.client().get_object_acl(Bucket=bucket, Key=key)["Grants"]
        assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"], (key, grants)


def test_report_photos_go_through_the_bucket_from_form_to_purge(
    bucket, s3, campaign, supporter, moderator, settings, tmp_path, django_capture_on_commit_callbacks
):
    # box A shows the form back with the place to confirm: the photos wait in the bucket, not on its disk
    settings.MEDIA_ROOT = tmp_path / "box-a"
    data = form_data(supporter, consent_photos="on", photos=[photo("phone.jpg", phone_photo()), photo("b.jpg")])
    first = supporter.post(URL, data)
    assert first.status_code == 200, first.content.decode()[:2000]
    form = first.context["form"]
    tokens = [staged.token for staged in form.staged_photos]
    assert s3.keys(bucket) == sorted(f"staging/{t}{end}" for t in tokens for end in (".jpg", "-thumb.jpg", ".json"))

    # box B (its own folder, its own storage object, the same bucket) receives the confirmation
    settings.MEDIA_ROOT = tmp_path / "box-b"
    settings.STORAGES = {**settings.STORAGES, "default": s3.storage(bucket)}
    data.pop("photos")
    data.update(confirmed_place=str(form.resolved_city.geonameid), staged=tokens, keep=tokens)
    with django_capture_on_commit_callbacks(execute=True):  # the staged copies go once the report is committed
        second = supporter.post(URL, data)
    assert second.status_code == 302
    report = Report.objects.get()
    photos = list(report.photos.order_by("position"))
    assert len(photos) == 2
    assert s3.keys(bucket) == sorted(f"photos/{p.key}{end}" for p in photos for end in (".jpg", "-thumb.jpg"))
    assert local_files(tmp_path) == []  # nothing of a photo on either box

    url = f"/media/photos/{photos[0].key}.jpg"
    assert supporter.get(url).status_code == 404  # not published yet
    services.report_publish(report=report, actor=moderator)

    response = supporter.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert (response["Cache-Control"], response["Content-Disposition"]) == ("public, no-cache", "inline")
    assert response["ETag"] == f'"{photos[0].key}-full"'
    body = body_of(response)
    assert body == s3.read(bucket, photos[0].image.name)
    assert CANARY_MAKE.encode() not in body and not Image.open(io.BytesIO(body)).getexif()
    assert supporter.get(url, headers={"If-None-Match": response["ETag"]}).status_code == 304
    thumb = supporter.get(f"/media/photos/{photos[0].key}-thumb.jpg")
    assert thumb.status_code == 200 and body_of(thumb) == s3.read(bucket, photos[0].thumbnail.name)
    assert_private(s3, bucket)

    # rejected: hidden at once, kept while a moderator may still reopen it; gone at the purge, rows and objects
    services.report_reject(report=report, actor=moderator)
    assert supporter.get(url).status_code == 404
    assert len(s3.keys(bucket)) == 4
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=today - datetime.timedelta(days=107), ends_on=today - datetime.timedelta(days=100)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_private_details(days=90, today=today) == [Purged(campaign.slug, 1, 2)]
    assert s3.keys(bucket) == [] and not Photo.objects.exists()


def test_a_rejected_reports_photos_leave_the_local_folder_at_the_purge(
    campaign, moderator, settings, django_capture_on_commit_callbacks
):
    """The same purge on the default store, a folder: the rejected report's files go, the published one's stay."""
    rejected, published = submit(campaign, photos=2), submit(campaign, photos=1)
    services.report_reject(report=rejected, actor=moderator)
    services.report_publish(report=published, actor=moderator)
    kept = published.photos.get()
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        starts_on=today - datetime.timedelta(days=107), ends_on=today - datetime.timedelta(days=100)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert purge_private_details(days=90, today=today, dry_run=True) == [Purged(campaign.slug, 2, 2)]
        assert len(local_files(settings.MEDIA_ROOT / "photos")) == 6  # a preview deletes nothing
        assert purge_private_details(days=90, today=today) == [Purged(campaign.slug, 2, 2)]
    assert local_files(settings.MEDIA_ROOT / "photos") == sorted([f"{kept.key}.jpg", f"{kept.key}-thumb.jpg"])
    assert list(Photo.objects.all()) == [kept]


def test_a_photo_missing_from_the_bucket_is_not_found(bucket, s3, campaign, supporter, moderator):
    report = submit(campaign, photos=1, consent_photos=True)
    services.report_publish(report=report, actor=moderator)
    item = report.photos.get()
    s3.client().delete_object(Bucket=bucket, Key=item.thumbnail.name)
    assert supporter.get(f"/media/photos/{item.key}-thumb.jpg").status_code == 404
    assert supporter.get(f"/media/photos/{item.key}.jpg").status_code == 200


def test_a_persons_photo_lives_in_the_bucket(db, bucket, s3, supporter, django_capture_on_commit_callbacks):
    person = registry_factories.person("Nikita Oleinik")
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.person_set_photo(person=person, image=io.BytesIO(phone_photo()), consent=True, actor=None)
    first = person.photo.name
    assert s3.keys(bucket) == [first] and first.startswith("people/")
    response = supporter.get(f"/media/people/{person.photo_key}.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    body = body_of(response)
    assert body == s3.read(bucket, first) and CANARY_MAKE.encode() not in body
    assert_private(s3, bucket)

    with django_capture_on_commit_callbacks(execute=True):
        registry_services.person_set_photo(person=person, image=io.BytesIO(jpeg_bytes()), consent=True, actor=None)
    assert s3.keys(bucket) == [person.photo.name] != [first]  # the replaced photo is deleted
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.person_remove_photo(person=person, actor=None)
    assert s3.keys(bucket) == []


def test_summary_thumbnails_are_read_from_the_bucket(bucket, s3, campaign, moderator):
    report = submit(campaign, photos=1, consent_photos=True)
    services.report_publish(report=report, actor=moderator)
    item = report.photos.get()
    thumbnail = s3.read(bucket, item.thumbnail.name)
    html = render(build_summary(Campaign.objects.get(pk=campaign.pk), "en"), "html").decode()
    assert f"data:image/jpeg;base64,{base64.b64encode(thumbnail).decode()}" in html
    assert OwnFilesFetcher().fetch(f"{OWN_ORIGIN}/media/photos/{item.key}-thumb.jpg").read() == thumbnail


def test_stale_staging_is_purged_and_the_status_counts_the_bucket(bucket, s3):
    token = photo_token()
    stored = s3.keys(bucket)
    assert len(stored) == 3
    disk = disk_state()
    assert disk["media_store"] == "s3"
    assert disk["media_bytes"] == sum(len(s3.read(bucket, key)) for key in stored)
    assert uploads.purge_stale(now=time.time() + 3600) == 0 and uploads.load(token) is not None
    assert uploads.purge_stale(now=time.time() + 2 * 24 * 3600) == 1
    assert uploads.load(token) is None and s3.keys(bucket) == []


def test_checks_refuse_an_unknown_store_and_a_bucket_without_a_name(settings):
    storage = S3Server("http://127.0.0.1:9000").storage
    settings.MEDIA_STORAGE = "local"
    assert check_media_storage(None) == []
    settings.MEDIA_STORAGE = "ftp"
    assert [(type(p), p.id) for p in check_media_storage(None)] == [(Error, "solidarity.E010")]
    settings.MEDIA_STORAGE = "s3"
    settings.STORAGES = {**settings.STORAGES, "default": storage("")}
    assert [(type(p), p.id) for p in check_media_storage(None)] == [(Error, "solidarity.E011")]
    settings.STORAGES = {**settings.STORAGES, "default": storage("media")}
    assert check_media_storage(None) == []  # plain HTTP to this box only
    remote = S3Server("http://storage.example.org").storage("media")
    settings.STORAGES = {**settings.STORAGES, "default": remote}
    assert [(type(p), p.id) for p in check_media_storage(None)] == [(Warning, "solidarity.W010")]


def test_settings_build_the_bucket_storage_from_the_environment(s3, tmp_path):
    """What an operator sets (the secret from a file) gives the storage the other tests use; a store named wrong
    or a bucket without a name stops every command."""
    secret = tmp_path / "s3-secret"
    secret.write_text(f"{s3_server.SECRET_KEY}\n")
    env = {**instance(tmp_path / "box"), **s3.env("media-from-env")}
    env["SOLIDARITY_S3_SECRET_ACCESS_KEY"] = "not-this-one"
    env["SOLIDARITY_S3_SECRET_ACCESS_KEY_FILE"] = str(secret)
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        "print(json.dumps(settings.STORAGES['default']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "solidarity.settings"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == s3.storage("media-from-env")

    assert "solidarity.E011" in solidarity({**env, "SOLIDARITY_S3_BUCKET": ""}, "check", ok=False).stderr
    assert "solidarity.E010" in solidarity({**env, "SOLIDARITY_MEDIA_STORAGE": "ftp"}, "check", ok=False).stderr


def test_backup_of_a_bucket_restores_into_a_folder_and_back(s3, tmp_path):
    """Each step is the real command in its own process, as on separate servers; the archive is the same format
    whichever store wrote it, and its manifest's hashes are the stored objects' hashes."""
    bucket = s3.new_bucket()
    source = {**instance(tmp_path / "bucket-box"), **s3.env(bucket)}
    solidarity(source, "migrate", "-v0")
    solidarity(source, "demo")  # stages and attaches photos through the bucket
    stored = s3.objects(bucket)
    assert any(name.startswith("photos/") for name in stored) and files_in(tmp_path / "bucket-box" / "media") == {}
    disk = json.loads(solidarity(source, "status", "--json").stdout)["disk"]
    assert disk["media_store"] == "s3" and disk["media_bytes"] == sum(len(s3.read(bucket, k)) for k in stored)
    records = records_of(source)

    archive = tmp_path / "from-bucket.tar"
    solidarity(source, "backup", str(archive))
    files = manifest_of(archive)["files"]
    assert {n.removeprefix("media/"): f["sha256"] for n, f in files.items() if n.startswith("media/")} == stored

    folder = instance(tmp_path / "folder-box")
    solidarity(folder, "restore", str(archive))
    assert files_in(tmp_path / "folder-box" / "media") == stored
    same_records(records_of(folder), records)

    back = tmp_path / "from-folder.tar"
    solidarity(folder, "backup", str(back))
    other = s3.new_bucket()
    again = {**instance(tmp_path / "bucket-box-2"), **s3.env(other)}
    solidarity(again, "restore", str(back))
    assert s3.objects(other) == stored
    same_records(records_of(again), records)
    assert_private(s3, other)

    # a bucket that already holds files is never written over, and a refused restore leaves it as it was
    clash = {**instance(tmp_path / "bucket-box-3"), **s3.env(other)}
    refused = solidarity(clash, "restore", str(archive), ok=False)
    assert f"The media bucket {other} already holds" in refused.stderr
    assert s3.objects(other) == stored
