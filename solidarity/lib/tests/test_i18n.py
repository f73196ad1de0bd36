"""Every user-facing string is translated: every site language complete, catalogues in step with the code."""

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

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalogue(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES"


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


def test_every_site_language_has_a_catalogue():
    assert TRANSLATED == ["ru", "uk", "de", "fr", "es", "nl", "tr"]
    assert sorted(p.name for p in LOCALE.iterdir()) == sorted(TRANSLATED)  # none left behind either


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_is_complete(language):
    stats = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(catalogue(language) / "django.po")],
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
    assert len(extracted) > 200  # the extraction really ran over the templates and code
    for language in TRANSLATED:
        missing = extracted - msgids(catalogue(language) / "django.po")
        assert not missing, f"{language}: run `make messages` and translate: {sorted(missing, key=str)[:10]}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogue_matches_the_source(tmp_path, language):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "-o", str(compiled), str(catalogue(language) / "django.po")], check=True)
    with open(compiled, "rb") as new, open(catalogue(language) / "django.mo", "rb") as committed:
        assert gettext.GNUTranslations(new)._catalog == gettext.GNUTranslations(committed)._catalog, (
            "django.mo is stale: run `make messages`"
        )


@pytest.mark.parametrize(
    ("language", "n", "word"),
    [
        *(("ru", n, w) for n, w in [(1, "акция"), (3, "акции"), (5, "акций"), (11, "акций"), (21, "акция")]),
        *(("uk", n, w) for n, w in [(1, "акція"), (4, "акції"), (5, "акцій"), (12, "акцій"), (31, "акція")]),
        *(("fr", n, w) for n, w in [(0, "action"), (1, "action"), (2, "actions")]),
        *(("de", n, w) for n, w in [(0, "Aktionen"), (1, "Aktion"), (2, "Aktionen")]),
    ],
)
def test_plurals_take_the_languages_forms(language, n, word):
    template = Template(
        "{% load i18n %}{% blocktranslate count actions=n %}{{ actions }} action{% plural %}"
        "{{ actions }} actions{% endblocktranslate %}"
    )
    with translation.override(language):
        assert template.render(Context({"n": n})).strip() == f"{n} {word}"
