"""The demo loads both seed calls, in our own words, idempotently."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from solidarity.campaigns.models import Campaign
from solidarity.demo import content, registry_content
from solidarity.lib.models import AuditEntry
from solidarity.reports.models import Photo, Report
from solidarity.reports.tally import tally

SEEDS = Path(__file__).resolve().parents[3].parent / "shared" / "seeds"


@pytest.mark.django_db
def test_demo_loads_both_calls_and_a_second_run_changes_nothing():
    call_command("demo", stdout=StringIO())
    counts = (Campaign.objects.count(), Report.objects.count(), Photo.objects.count(), AuditEntry.objects.count())
    out = StringIO()
    call_command("demo", stdout=out)
    assert "already loaded" in out.getvalue()
    assert (
        Campaign.objects.count(),
        Report.objects.count(),
        Photo.objects.count(),
        AuditEntry.objects.count(),
    ) == counts

    old = Campaign.objects.get(slug="days-of-solidarity-2014")
    new = Campaign.objects.get(slug="remember-to-fight-2023")
    assert (str(old.starts_on), str(old.ends_on), old.organiser.name, old.status) == (
        "2014-01-18",
        "2014-01-26",
        "Russia Solidarity",
        "closed",
    )
    assert (str(new.starts_on), str(new.ends_on), new.organiser.name, new.status) == (
        "2023-01-19",
        "2023-01-24",
        "Russian Socialist Movement",
        "published",
    )
    assert "To remember is to fight!" in new.slogans
    assert new.call_languages == ["en", "fr", "es", "nl", "tr"]
    assert {"picket", "meeting", "online", "photo"} <= set(new.action_types)
    assert new.translations.filter(language="ru").exists()
    assert Report.objects.filter(is_sample=False).count() == 0  # every sample is labelled
    assert tally(new)["countries"] >= 10 and tally(old)["actions"] >= 15
    assert Report.objects.filter(status="received").exists()  # something for the moderation queue


def _sentences(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {" ".join(words[i : i + 8]) for i in range(len(words) - 7)}


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live beside the repository")
def test_demo_texts_are_our_own_words():
    """No run of eight words from the seed articles appears in any demo text. Facts may be reused, and the
    calls' slogans are facts quoted as such; the prose around them must be ours."""
    seed_runs = set().union(*(_sentences(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    texts = [row[5] for row in content.SAMPLE_REPORTS]
    for campaign in content.CAMPAIGNS:
        versions = [campaign, *campaign["translations"].values()]
        for version in versions:
            texts += [version["title"], version["summary"], version["body"], *version["demands"]]
    copied = {run for text in texts for run in _sentences(text) & seed_runs}
    assert not copied, copied


@pytest.mark.skipif(not SEEDS.exists(), reason="the seed articles live beside the repository")
def test_registry_texts_and_comments_are_our_own_words():
    """No run of eight words from the seed articles appears anywhere in registry_content.py, comments included,
    except inside the articles' titles and addresses, which are cited as published."""
    seed_runs = set().union(*(_sentences(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    sources = registry_content.SOURCES.values()
    titles = set().union(*(_sentences(f"{source['title']} {source['url']}") for source in sources))
    module = Path(registry_content.__file__).read_text(encoding="utf-8")
    copied = (_sentences(module) & seed_runs) - titles
    assert not copied, copied
