"""Writes of the review queue: importing an article, and accepting, correcting, merging or rejecting what it
proposes. Registry records are only ever written through ``registry/services.py`` (and campaigns through
``campaigns/services.py``), each with the article's source and the supporting sentence as quote, so the audit
trail shows who accepted which fact from which article. Every function runs in one transaction.

Importing the same text twice returns the first import (the registry keeps one source per text hash), so an
organiser cannot duplicate proposals by clicking twice.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from solidarity.lib import audit
from solidarity.newsroom import extract, reading, scoring
from solidarity.newsroom.models import Article, Proposal
from solidarity.registry import names, selectors
from solidarity.registry import services as registry
from solidarity.registry.models import (
    Affiliation,
    Case,
    Charge,
    Defendant,
    Organisation,
    Person,
    Precision,
    StatusEvent,
    StatusKind,
)

_CYRILLIC = re.compile(r"[А-Яа-яЁёІіЇїЄєҐґ]")


# --- import --------------------------------------------------------------------------------------------


@transaction.atomic
def article_import(*, data: bytes, actor: Any, url: str = "") -> tuple[Article, bool]:
    """Store the article as a registry source and queue its proposals; ``(article, created)``.

    Raises ``reading.ArticleError`` or ``language.LanguageError`` (with a message for the organiser) before
    anything is written.
    """
    article = reading.read_bytes(data, url=url)
    result = extract.extract_article(article)
    published = extract.published_on(article)
    title = (article.title or article.text.strip().split("\n", 1)[0]).strip()[:300] or _("Untitled article")
    source = registry.source_capture(
        title=title,
        text=article.text,
        actor=actor,
        url=url,
        published_on=datetime.date.fromisoformat(published) if published else None,
        language=result["language"],
    )
    existing = Article.objects.filter(source=source).first()
    if existing:
        return existing, False
    imported = Article.objects.create(
        source=source,
        language=result["language"],
        extracted=result,
        imported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for person in result["people"]:
        proposal = _proposal(imported, Proposal.Kind.PERSON, person, person["evidence"])
        _match_person(proposal)
    for organisation in result["organisations"]:
        _proposal(
            imported, Proposal.Kind.ORGANISATION, organisation, _sentence_with(article.text, organisation["name"])
        )
    for case in result["cases"]:
        _proposal(imported, Proposal.Kind.CASE, case, _sentence_with(article.text, case["name"]))
    if result["call"]:
        _proposal(imported, Proposal.Kind.CALL, result["call"], result["call"].get("title") or "")
    audit.record("newsroom.article.imported", imported, actor, source=source.pk, proposals=imported.proposals.count())
    return imported, True


def _proposal(article: Article, kind: str, data: dict[str, Any], evidence: str) -> Proposal:
    start, end = locate(article.source.text, evidence)
    return Proposal.objects.create(
        article=article, kind=kind, data=data, proposed=data, evidence=evidence, evidence_start=start, evidence_end=end
    )


def locate(text: str, quote: str) -> tuple[int | None, int | None]:
    """Where ``quote`` stands in ``text``, allowing for the line breaks and runs of spaces a copy adds."""
    if not quote:
        return None, None
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else (None, None)


def _sentence_with(text: str, name: str) -> str:
    from solidarity.newsroom.sentences import split

    return next((s.text for s in split(text) if name in s.text), "")


# --- matching people --------------------------------------------------------------------------------------


def person_candidates(name: str) -> tuple[str, list[Person]]:
    """People already in the registry who may be ``name``: (Match, candidates).

    SURE when exactly one person has this name in some spelling (Oleinik / Oleynik / Олейник, Daria / Darya,
    Russian case endings: ``registry/names.py``); UNSURE when several do, or when only the surname and the
    start of the first name agree; NONE otherwise.
    """
    words = names.skeleton(name).split()
    if not words:
        return Proposal.Match.NONE, []
    found = list(selectors.matching(Person.objects.all(), name.split()[-1])[:50])
    sure = [p for p in found if any(names.same_name(name, n) for n in _names_of(p))]
    if len(sure) == 1:
        return Proposal.Match.SURE, sure
    if sure:
        return Proposal.Match.UNSURE, sure
    similar = [p for p in found if any(scoring.name_match(name, n) for n in _names_of(p))]
    surname = [p for p in found if p not in similar]
    if similar or surname:
        return Proposal.Match.UNSURE, [*similar, *surname][:10]
    return Proposal.Match.NONE, []


def _names_of(person: Person) -> list[str]:
    return [n for n in (person.name, person.native_name, *person.aliases) if n]


def _match_person(proposal: Proposal) -> None:
    match, candidates = person_candidates(proposal.data.get("name", ""))
    proposal.match = match
    proposal.save(update_fields=["match"])
    proposal.candidates.set(candidates)


# --- decisions --------------------------------------------------------------------------------------------


def _decide(proposal: Proposal, status: str, actor: Any, **data: Any) -> None:
    if proposal.status != Proposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    proposal.status = status
    proposal.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    proposal.decided_at = timezone.now()
    proposal.save()
    audit.record(f"newsroom.proposal.{status}", proposal, actor, kind=proposal.kind, article=proposal.article_id,
                 **data)  # fmt: skip


@transaction.atomic
def proposal_reject(*, proposal: Proposal, actor: Any, note: str = "") -> Proposal:
    """Nothing is written to the registry; the decision is kept, with the reviewer's note."""
    _decide(proposal, Proposal.Status.REJECTED, actor, note=note)
    return proposal


@transaction.atomic
def proposal_accept(
    *,
    proposal: Proposal,
    actor: Any,
    data: dict[str, Any] | None = None,
    person: Person | None = None,
    new_person: bool = False,
) -> Proposal:
    """Write what the proposal says into the registry, corrected by ``data`` if given.

    For a person: ``person`` merges the proposal into that existing person; ``new_person`` confirms that a
    similar name in the registry is someone else. Without either, a sure match is used and an unsure one is
    refused with a question, since guessing would pin an arrest on the wrong person.
    """
    if proposal.status != Proposal.Status.PENDING:
        raise ValidationError(_("This proposal has already been decided."))
    if data is not None:
        proposal.data = {**proposal.data, **data}
    corrected = proposal.data != proposal.proposed
    merged = False
    if proposal.kind == Proposal.Kind.PERSON:
        merged = _accept_person(proposal, actor, person, new_person)
    elif proposal.kind == Proposal.Kind.ORGANISATION:
        proposal.organisation = organisation_for(proposal.data["name"], proposal.data.get("kind", ""), proposal, actor)
    elif proposal.kind == Proposal.Kind.CASE:
        proposal.case = case_for(proposal.data["name"], proposal, actor)
    else:
        from solidarity.newsroom.calls_import import campaign_from_call

        proposal.campaign = campaign_from_call(proposal, actor)
    status = Proposal.Status.MERGED if merged else Proposal.Status.CORRECTED if corrected else Proposal.Status.ACCEPTED
    changes = {"before": proposal.proposed, "after": proposal.data} if corrected else {}
    _decide(proposal, status, actor, **changes)
    return proposal


def check_accept(proposal: Proposal, data: dict[str, Any], person: Person | None, new_person: bool) -> None:
    """Raise the ``ValidationError`` accepting would raise, without writing anything (for the admin form)."""
    if proposal.kind == Proposal.Kind.PERSON:
        if not (data.get("name") or "").strip():
            raise ValidationError(_("A person needs a name."))
        if data.get("status") not in StatusKind.values:
            raise ValidationError(_("Choose what happened to the person."))
        try:
            parse_since(data.get("since"))
        except (TypeError, ValueError) as exc:
            raise ValidationError(_("Write the date as YYYY, YYYY-MM or YYYY-MM-DD.")) from exc
        if person is None and not new_person:
            match, candidates = person_candidates(data["name"])
            if match == Proposal.Match.UNSURE:
                listed = ", ".join(p.name for p in candidates[:5])
                message = _(
                    "Someone with a similar name is already in the registry (%(names)s): choose that person, or "
                    "confirm that this is someone new."
                )
                raise ValidationError(message % {"names": listed})
    elif proposal.kind == Proposal.Kind.CALL:
        from solidarity.newsroom.calls_import import check_call

        check_call(data)
    elif not (data.get("name") or "").strip():
        raise ValidationError(_("Give the name."))


def _accept_person(proposal: Proposal, actor: Any, person: Person | None, new_person: bool) -> bool:
    data, source = proposal.data, proposal.article.source
    merged = person is not None
    check_accept(proposal, data, person, new_person)
    if person is None and not new_person:
        match, candidates = person_candidates(data["name"])
        person = candidates[0] if match == Proposal.Match.SURE else None
    if person is None:
        person = _new_person(data["name"], actor, source)
    elif data["name"] not in _names_of(person):
        person.aliases = [*person.aliases, data["name"]]
        if _CYRILLIC.search(data["name"]) and not person.native_name:
            person.native_name, person.aliases = data["name"], person.aliases[:-1]
        registry.person_save(person=person, actor=actor, source=source)
    proposal.person = person
    quote = proposal.evidence
    case = case_for(data["case"], proposal, actor) if data.get("case") else None
    if case and not Defendant.objects.filter(case=case, person=person).exists():
        registry.defendant_save(defendant=Defendant(case=case, person=person, source=source, quote=quote), actor=actor)
    on, precision = parse_since(data.get("since"))
    if not StatusEvent.objects.filter(person=person, kind=data["status"], on=on, source=source).exists():
        event = StatusEvent(person=person, case=case, kind=data["status"], on=on, precision=precision,
                            detail=(data.get("sentence") or "")[:300], source=source, quote=quote)  # fmt: skip
        registry.status_event_save(event=event, actor=actor)
    wording = (data.get("charge") or "").strip()
    if wording and not Charge.objects.filter(person=person, case=case, wording=wording).exists():
        charge = Charge(person=person, case=case, wording=wording[:300], source=source, quote=quote)
        registry.charge_save(charge=charge, actor=actor)
    if data.get("organisation"):
        organisation = organisation_for(data["organisation"], "", proposal, actor)
        if not Affiliation.objects.filter(person=person, organisation=organisation, role="").exists():
            link = Affiliation(person=person, organisation=organisation, source=source, quote=quote)
            registry.affiliation_save(affiliation=link, actor=actor)
    return merged


def _new_person(name: str, actor: Any, source: Any) -> Person:
    latin = _latin(name)
    native = name if _CYRILLIC.search(name) else ""
    person = Person(slug=unique_slug(Person, latin), name=latin, native_name=native)
    return registry.person_save(person=person, actor=actor, source=source)


def _latin(name: str) -> str:
    if not _CYRILLIC.search(name):
        return name
    return " ".join(word.capitalize() for word in names.transliterate(name).split())


def unique_slug(model: Any, text: str) -> str:
    base = slugify(names.transliterate(text))[:90] or "record"
    slug, number = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def organisation_for(name: str, kind: str, proposal: Proposal, actor: Any) -> Organisation:
    """The organisation of this name (any spelling), created if the registry has none."""
    key = names.skeleton(name)
    for organisation in selectors.matching(Organisation.objects.all(), name)[:20]:
        if key in {names.skeleton(n) for n in (organisation.name, *organisation.aliases)}:
            return organisation
    kinds = {choice for choice, _label in Organisation.Kind.choices}
    organisation = Organisation(
        slug=unique_slug(Organisation, name), name=name, kind=kind if kind in kinds else "other"
    )
    return registry.organisation_save(organisation=organisation, actor=actor, source=proposal.article.source)


def case_for(name: str, proposal: Proposal, actor: Any) -> Case:
    """The case of this name (any spelling), created if the registry has none."""
    for case in selectors.matching(Case.objects.all(), name)[:20]:
        if any(scoring.case_match(name, n) for n in (case.name, *case.aliases)):
            return case
    case = Case(slug=unique_slug(Case, name), name=name)
    return registry.case_save(case=case, actor=actor, source=proposal.article.source)


def parse_since(value: str | None) -> tuple[datetime.date | None, str]:
    """An ISO date of any precision as (first day, precision)."""
    if not value:
        return None, Precision.DAY
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return datetime.date(parts[0], 1, 1), Precision.YEAR
    if len(parts) == 2:
        return datetime.date(parts[0], parts[1], 1), Precision.MONTH
    return datetime.date(*parts), Precision.DAY


def valid_email(value: str | None) -> str:
    try:
        validate_email(value or "")
    except ValidationError:
        return ""
    return value or ""
