"""The review queue: importing an article, then accepting, correcting, merging and rejecting its proposals.
Alice (an organiser) reviews; every registry write carries the source and quote and leaves an audit entry."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client

from conftest import verified_client
from solidarity.campaigns.models import Campaign
from solidarity.lib.models import AuditEntry
from solidarity.newsroom import services
from solidarity.newsroom.models import Article, Proposal
from solidarity.registry import services as registry
from solidarity.registry.models import Affiliation, Charge, Organisation, Person, Source, StatusEvent

pytestmark = pytest.mark.django_db

ARTICLES = Path(__file__).resolve().parent / "articles"
NEWS = (
    "Activist jailed in Izhevsk\n\n"
    "8 April 2025\n\n"
    "A court in Izhevsk sentenced Nikita Oleynik, a member of the Udmurt Left Front, to five years in prison for "
    '"calls to extremism" on 7 April 2025.\n\n'
    "His lawyer, Sergei Malov, said the verdict would be appealed.\n"
)


def imported(text: str = NEWS, actor=None) -> Article:
    article, created = services.article_import(data=text.encode(), actor=actor)
    assert created
    return article


def person_proposal(article: Article, name: str) -> Proposal:
    return article.proposals.get(kind=Proposal.Kind.PERSON, data__name=name)


def test_import_stores_the_text_as_a_source_and_queues_proposals(organiser):
    article = imported(actor=organiser)
    source = article.source
    assert source.text.startswith("Activist jailed in Izhevsk") and len(source.text_hash) == 64
    assert source.published_on.isoformat() == "2025-04-08" and source.language == "en"
    proposal = person_proposal(article, "Nikita Oleynik")
    assert source.text[proposal.evidence_start : proposal.evidence_end].startswith("A court in Izhevsk sentenced")
    assert proposal.match == Proposal.Match.NONE
    assert {p.kind for p in article.proposals.all()} >= {"person", "organisation"}
    assert AuditEntry.objects.filter(action="newsroom.article.imported").count() == 1
    again, created = services.article_import(data=NEWS.encode(), actor=organiser)
    assert (again, created) == (article, False)
    assert Source.objects.count() == 1 and Proposal.objects.filter(article=article).count() == article.proposals.count()


def test_accepting_writes_the_registry_with_source_and_quote(organiser):
    article = imported()
    proposal = person_proposal(article, "Nikita Oleynik")
    services.proposal_accept(proposal=proposal, actor=organiser)
    person = Person.objects.get(name="Nikita Oleynik")
    event = StatusEvent.objects.get(person=person)
    assert (event.kind, event.on.isoformat(), event.precision) == ("sentenced", "2025-04-07", "day")
    assert event.detail == "5 years in prison"
    assert event.source == article.source and event.quote == proposal.evidence and event.added_by == organiser
    charge = Charge.objects.get(person=person)
    assert (charge.wording, charge.source, charge.quote) == ("calls to extremism", article.source, proposal.evidence)
    affiliation = Affiliation.objects.get(person=person)
    assert affiliation.organisation.name == "Udmurt Left Front" and affiliation.source == article.source
    assert person.current_status == "sentenced"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.ACCEPTED and proposal.person == person
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"registry.person.created", "registry.status_event.created", "registry.charge.created"} <= actions
    assert "newsroom.proposal.accepted" in actions
    with pytest.raises(ValidationError, match="already been decided"):
        services.proposal_accept(proposal=proposal, actor=organiser)


def test_correcting_changes_what_is_written_and_keeps_both_versions(organiser):
    proposal = person_proposal(imported(), "Nikita Oleynik")
    services.proposal_accept(
        proposal=proposal, actor=organiser, data={"status": "custody", "charge": "justification of terrorism"}
    )
    event = StatusEvent.objects.get(person__name="Nikita Oleynik")
    assert event.kind == "custody"
    assert Charge.objects.get().wording == "justification of terrorism"
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CORRECTED
    entry = AuditEntry.objects.get(action="newsroom.proposal.corrected")
    assert entry.data["before"]["status"] == "sentenced" and entry.data["after"]["status"] == "custody"


def test_rejecting_writes_nothing_to_the_registry(organiser):
    proposal = person_proposal(imported(), "Nikita Oleynik")
    services.proposal_reject(proposal=proposal, actor=organiser, note="another Oleynik")
    assert not Person.objects.exists() and not StatusEvent.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.REJECTED
    assert AuditEntry.objects.get(action="newsroom.proposal.rejected").data["note"] == "another Oleynik"


def test_the_same_person_in_another_spelling_is_matched_and_merged(organiser):
    known = registry.person_save(
        person=Person(slug="nikita-oleinik", name="Nikita Oleinik", native_name="Никита Олейник"), actor=organiser
    )
    proposal = person_proposal(imported(), "Nikita Oleynik")
    assert proposal.match == Proposal.Match.SURE and list(proposal.candidates.all()) == [known]
    services.proposal_accept(proposal=proposal, actor=organiser)
    assert Person.objects.count() == 1
    known.refresh_from_db()
    assert "Nikita Oleynik" in known.aliases
    assert StatusEvent.objects.get().person == known


def test_a_russian_article_finds_the_person_through_case_endings(organiser):
    known = registry.person_save(person=Person(slug="daria-poliudova", name="Daria Polyudova"), actor=organiser)
    text = "Суд в Ростове\n\n5 марта 2025 года\n\nСуд приговорил Дарью Полюдову к шести годам колонии.\n"
    proposal = imported(text).proposals.get(kind=Proposal.Kind.PERSON)
    assert proposal.data["name"] == "Дарья Полюдова"
    assert list(proposal.candidates.all()) == [known] and proposal.match == Proposal.Match.SURE
    services.proposal_accept(proposal=proposal, actor=organiser)
    known.refresh_from_db()
    assert known.native_name == "Дарья Полюдова"
    assert StatusEvent.objects.get().detail == "6 годам колонии"


def test_an_unsure_match_asks_and_the_answer_decides(organiser):
    namesake = registry.person_save(person=Person(slug="nikolai-oleinik", name="Nikolai Oleinik"), actor=organiser)
    article = imported()
    proposal = person_proposal(article, "Nikita Oleynik")
    assert proposal.match == Proposal.Match.UNSURE and namesake in proposal.candidates.all()
    with pytest.raises(ValidationError, match="similar name"):
        services.proposal_accept(proposal=proposal, actor=organiser)
    assert not StatusEvent.objects.exists()
    services.proposal_accept(proposal=proposal, actor=organiser, new_person=True)
    assert Person.objects.count() == 2
    proposal.refresh_from_db()
    assert proposal.person.name == "Nikita Oleynik" and proposal.status == Proposal.Status.ACCEPTED


def test_merging_into_a_chosen_existing_person(organiser):
    namesake = registry.person_save(person=Person(slug="n-oleinik", name="N. Oleinik"), actor=organiser)
    proposal = person_proposal(imported(), "Nikita Oleynik")
    services.proposal_accept(proposal=proposal, actor=organiser, person=namesake)
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.MERGED and proposal.person == namesake
    assert StatusEvent.objects.get().person == namesake and Person.objects.count() == 1


def test_a_call_becomes_a_campaign_draft(organiser):
    article, _ = services.article_import(data=(ARTICLES / "en_tomsk_call.txt").read_bytes(), actor=organiser)
    proposal = article.proposals.get(kind=Proposal.Kind.CALL)
    services.proposal_accept(proposal=proposal, actor=organiser)
    campaign = Campaign.objects.get()
    assert campaign.status == Campaign.Status.DRAFT
    assert (campaign.starts_on.isoformat(), campaign.ends_on.isoformat()) == ("2025-02-10", "2025-02-16")
    assert campaign.organiser.name == "Siberian Anarchist Solidarity Network"
    assert campaign.slogans == ["Free the Tomsk Five!", "Solidarity is our weapon!"]
    assert {"picket", "letters", "concert", "banner"} <= set(campaign.action_types)
    assert campaign.report_email == "tomsk5-solidarity@riseup.net"
    assert campaign.call_languages == ["en", "de", "pl"]


def test_a_call_without_dates_is_refused_until_they_are_given(organiser):
    article, _ = services.article_import(data=(ARTICLES / "en_tomsk_call.txt").read_bytes(), actor=organiser)
    proposal = article.proposals.get(kind=Proposal.Kind.CALL)
    with pytest.raises(ValidationError, match="first and last day"):
        services.proposal_accept(proposal=proposal, actor=organiser, data={"start": None})
    assert not Campaign.objects.exists()


def test_the_admin_page_highlights_the_evidence_and_accepts(django_user_model):
    from conftest import _staff

    reviewer = _staff(django_user_model, "dora", "organiser")
    reviewer.is_superuser = True
    reviewer.save()
    proposal = person_proposal(imported(), "Nikita Oleynik")
    client = verified_client(reviewer)
    url = f"/admin/newsroom/proposal/{proposal.pk}/change/"
    page = client.get(url).content.decode()
    assert "<mark>A court in Izhevsk sentenced Nikita Oleynik" in page
    assert 'name="_accept"' in page
    form = {f"f_{key}": value or "" for key, value in proposal.data.items() if key != "evidence"}
    response = client.post(url, {**form, "f_status": "custody", "_accept": "1"})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.CORRECTED
    assert StatusEvent.objects.get().kind == "custody"


def test_outsiders_cannot_see_the_queue(outsider):
    proposal = person_proposal(imported(), "Nikita Oleynik")
    client = Client()
    client.force_login(outsider)
    response = client.get(f"/admin/newsroom/proposal/{proposal.pk}/change/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_import_article_command(tmp_path):
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out)
    summary = json.loads(out.getvalue())
    assert summary["created"] is True and summary["language"] == "en"
    assert any(p["label"] == "Nikita Oleynik" and p["kind"] == "person" for p in summary["proposals"])
    out = io.StringIO()
    call_command("import_article", str(path), stdout=out)
    assert json.loads(out.getvalue())["created"] is False


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary\x00", b"Die Polizei nahm ihn am Montag fest."])
def test_import_article_refuses_bad_input_and_writes_nothing(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError):
        call_command("import_article", str(path), stdout=io.StringIO())
    assert not Source.objects.exists() and not Article.objects.exists() and not Organisation.objects.exists()


def test_import_article_refuses_other_url_schemes():
    with pytest.raises(CommandError, match="http"):
        call_command("import_article", "ftp://example.org/a.txt", stdout=io.StringIO())
