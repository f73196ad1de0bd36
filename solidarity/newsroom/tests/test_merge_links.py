"""Merging two people in the registry carries the newsroom's links along: a proposal that named the merged
person, or listed them among possible matches, points at the person kept."""

from __future__ import annotations

import pytest

from solidarity.newsroom.models import Article, Proposal
from solidarity.registry import services
from solidarity.registry.models import Source
from solidarity.registry.tests import factories

pytestmark = pytest.mark.django_db


def test_a_merge_moves_proposals_and_possible_matches_to_the_person_kept(organiser):
    keep, merge = factories.person("Daria Polyudova"), factories.person("Darya Polyudova")
    other = factories.person("Kirill Ukraintsev")
    source = Source.objects.create(url="https://example.org/a", title="An article", text="Text.")
    article = Article.objects.create(source=source, language="en")
    named = Proposal.objects.create(article=article, kind="person", person=merge)
    unsure = Proposal.objects.create(article=article, kind="person", match="unsure")
    unsure.candidates.set([merge, keep, other])
    only_merged = Proposal.objects.create(article=article, kind="person", match="unsure")
    only_merged.candidates.set([merge])

    services.person_merge(keep=keep, merge=merge, actor=organiser)

    named.refresh_from_db()
    assert named.person == keep
    assert set(unsure.candidates.all()) == {keep, other}  # the link both had is kept once
    assert list(only_merged.candidates.all()) == [keep]
