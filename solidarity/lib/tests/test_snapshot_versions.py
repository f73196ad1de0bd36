"""After an upgrade no page rendered by the old code is served: snapshots live in a folder named by the code."""

from __future__ import annotations

import importlib
import os

from django.conf import settings

from solidarity.lib.env import code_fingerprint
from solidarity.lib.snapshots import drop_other_versions


def test_the_fingerprint_follows_templates_and_translations_but_not_tests_or_caches(tmp_path):
    code = tmp_path / "solidarity"
    (code / "templates").mkdir(parents=True)
    (code / "tests").mkdir()
    (code / "__pycache__").mkdir()
    page = code / "templates" / "base.html"
    page.write_text("<nav>old</nav>")
    catalogue = tmp_path / "locale" / "de.mo"
    catalogue.parent.mkdir()
    catalogue.write_bytes(b"old")
    first = code_fingerprint(code, tmp_path / "locale")
    assert first == code_fingerprint(code, tmp_path / "locale")  # every worker of one copy agrees

    (code / "tests" / "test_new.py").write_text("x = 1")
    (code / "__pycache__" / "views.cpython-311.pyc").write_bytes(b"\0")
    assert code_fingerprint(code, tmp_path / "locale") == first

    page.write_text("<nav>new, with a calendar</nav>")
    second = code_fingerprint(code, tmp_path / "locale")
    assert second != first

    stat = catalogue.stat()
    catalogue.write_bytes(b"new")  # same size, and the same time as some builds stamp on every file
    os.utime(catalogue, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert code_fingerprint(code, tmp_path / "locale") != second


def test_code_installed_under_a_folder_called_tests_still_has_a_fingerprint(tmp_path):
    code = tmp_path / "tests" / "site" / "solidarity"
    code.mkdir(parents=True)
    page = code / "base.html"
    page.write_text("old")
    first = code_fingerprint(code)
    page.write_text("new")
    assert code_fingerprint(code) != first


def test_settings_put_snapshots_in_a_folder_of_this_code():
    configured = importlib.import_module("solidarity.settings")  # the module: the test fixtures move SNAPSHOT_ROOT
    assert configured.SNAPSHOT_ROOT.parent == configured.DATA_DIR / "snapshots"
    fingerprint = code_fingerprint(settings.BASE_DIR / "solidarity", settings.BASE_DIR / "locale")
    assert configured.SNAPSHOT_ROOT.name == fingerprint


def test_starting_the_new_code_drops_the_old_snapshots(tmp_path):
    old = tmp_path / "snapshots" / "0123456789ab" / "en" / "c" / "week" / "index.html"
    unversioned = tmp_path / "snapshots" / "en" / "index.html"  # written before snapshots had versions
    current = tmp_path / "snapshots" / "ba9876543210"
    for path in (old, unversioned, current / "en" / "index.html"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("page")
    drop_other_versions(current)
    assert sorted(p.name for p in (tmp_path / "snapshots").iterdir()) == ["ba9876543210"]
    assert (current / "en" / "index.html").exists()
    drop_other_versions(tmp_path / "nowhere" / "x")  # nothing there yet: nothing to do
