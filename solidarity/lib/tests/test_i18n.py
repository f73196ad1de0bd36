"""Every user-facing string is translated: English and Russian complete, catalogues in step with the code."""

from __future__ import annotations

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES"


def msgids(po: Path) -> set[tuple[str | None, str]]:
    """(context, msgid) pairs of a catalogue, read with gettext's own tool so no parser of ours can be wrong."""
    out = subprocess.run(
        ["msgattrib", "--no-wrap", "--no-location", str(po)], capture_output=True, text=True, check=True
    ).stdout
    pairs, context = set(), None
    for line in out.splitlines():
        if line.startswith("msgctxt "):
            context = line[8:].strip('"')
        elif line.startswith("msgid ") and line != 'msgid ""':
            pairs.add((context, line[6:].strip('"')))
            context = None
    return pairs


def test_russian_catalogue_is_complete():
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE / "django.po")],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert "untranslated" not in stats and "fuzzy" not in stats, stats


def test_catalogue_covers_every_string_in_the_code(tmp_path, settings, monkeypatch):
    """Extract strings from a copy of the code (makemessages writes beside the sources it reads) and compare."""
    root = Path(settings.BASE_DIR)
    shutil.copytree(root / "solidarity", tmp_path / "solidarity", ignore=shutil.ignore_patterns("__pycache__", "tests"))
    shutil.copytree(root / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)
    call_command("makemessages", locale=["ru"], no_obsolete=True, verbosity=0)
    extracted = msgids(tmp_path / "locale" / "ru" / "LC_MESSAGES" / "django.po")
    missing = extracted - msgids(CATALOGUE / "django.po")
    assert not missing, f"run `make messages` and translate: {sorted(missing)[:10]}"
    assert len(extracted) > 200  # the extraction really ran over the templates and code


def test_compiled_catalogue_matches_the_source(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True)
    with open(compiled, "rb") as new, open(CATALOGUE / "django.mo", "rb") as committed:
        assert gettext.GNUTranslations(new)._catalog == gettext.GNUTranslations(committed)._catalog, (
            "django.mo is stale: run `make messages`"
        )


@pytest.mark.parametrize(
    "n, word", [(1, "акция"), (3, "акции"), (5, "акций"), (11, "акций"), (21, "акция"), (22, "акции")]
)
def test_russian_plurals_have_three_forms(n, word):
    template = Template(
        "{% load i18n %}{% blocktranslate count actions=n %}{{ actions }} action{% plural %}"
        "{{ actions }} actions{% endblocktranslate %}"
    )
    with translation.override("ru"):
        assert template.render(Context({"n": n})).strip() == f"{n} {word}"
