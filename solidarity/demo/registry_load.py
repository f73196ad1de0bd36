"""Loading the demo registry (``registry_content.py``) through the registry's services.

Like the demo campaigns, it creates what is missing and touches nothing that exists: a person, case or
organisation already in the database is left as an organiser may have edited it, facts included, so a second
run (``make run`` loads the demo every time) changes nothing and writes no audit entry.

The seed articles are read at load time from ``SOLIDARITY["SEEDS_DIR"]`` when that folder exists: each becomes
its source's captured text (so its SHA-256 is recorded) and every quote is the article's sentence that names
the person. Without the folder the sources carry title, publisher and date only, and the quotes stay empty.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from solidarity.campaigns.models import Campaign
from solidarity.campaigns.services import campaign_set_subjects
from solidarity.demo import content, registry_content
from solidarity.registry import names
from solidarity.registry.models import (
    Affiliation,
    Case,
    Certainty,
    Charge,
    Defendant,
    Organisation,
    Person,
    Precision,
    Source,
    StatusEvent,
)
from solidarity.registry.services import (
    affiliation_save,
    case_save,
    charge_save,
    defendant_save,
    organisation_save,
    person_save,
    source_capture,
    status_event_save,
)

COUNTS = ("sources", "organisations", "people", "cases", "status_events", "charges", "affiliations", "defendants")

# A sentence ends at . ! or ? (and any closing quote or bracket) before a capital letter or an opening mark;
# "(!)" inside a sentence is followed by a small letter and so does not end it.
_SENTENCE_END = re.compile(r"[.!?]+[\"”»’)\]*]*\s+(?=[A-ZА-ЯЁ\"“«\[*(])")
# Words after which a full stop does not end the sentence ("St. Petersburg", "Dec. 13", "U.S.").
_ABBREVIATION = re.compile(r"(?:\b(?:St|Dr|Mr|Mrs|Ms|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z])\.$")


class Loaded:
    """What the run found or made, by content key, and how many records it created."""

    def __init__(self) -> None:
        self.created = dict.fromkeys(COUNTS, 0)
        self.sources: dict[str, Source] = {}
        self.texts: dict[str, str] = {}
        self.organisations: dict[str, Organisation] = {}
        self.cases: dict[str, Case] = {}
        self.people: dict[str, Person] = {}


@transaction.atomic
def load_registry() -> dict[str, int]:
    """Create the demo's sources, organisations, cases and people with their facts; return what was created."""
    loaded = Loaded()
    for key, data in registry_content.SOURCES.items():
        _source(loaded, key, data)
    for data in [*content.ORGANISATIONS, *registry_content.ORGANISATIONS]:
        _organisation(loaded, data)
    for data in registry_content.CASES:
        _case(loaded, data)
    for data in registry_content.PEOPLE:
        _person(loaded, data)
    _link_campaigns(loaded)
    return loaded.created


def seeds_dir() -> Path:
    return Path(settings.SOLIDARITY["SEEDS_DIR"])


# --- dates and quotes --------------------------------------------------------------------------------------


def parse_date(value: str | None, precision: str = "") -> tuple[datetime.date | None, str]:
    """An ISO date of 4, 7 or 10 characters as the first day of its period, and the precision it implies."""
    if not value:
        return None, precision or Precision.DAY
    year, month, day = ([*map(int, value.split("-")), 1, 1])[:3]
    implied = {1: Precision.YEAR, 2: Precision.MONTH}.get(value.count("-") + 1, Precision.DAY)
    return datetime.date(year, month, day), precision or implied


def sentences(text: str) -> list[str]:
    """The text's sentences, exactly as written (each is a substring of ``text``), line breaks ending one too;
    Markdown bold marks around a sentence are left out."""
    found: list[str] = []
    for line in text.splitlines():
        spans: list[list[int]] = []
        start = 0
        for end in [m.end() for m in _SENTENCE_END.finditer(line)] + [len(line)]:
            if spans and _ABBREVIATION.search(line[spans[-1][0] : spans[-1][1]].rstrip()):
                spans[-1][1] = end  # "St." did not end the sentence: carry on to the next end
            else:
                spans.append([start, end])
            start = end
        found += [piece for a, b in spans if (piece := line[a:b].strip().strip("*").strip())]
    return found


def _mentions(sentence: str, surname: str) -> bool:
    """Whether the sentence names the surname in any spelling or Russian case form ("Олейника", "Navalny’s")."""
    wanted = set(names.stems(names.skeleton(surname)))
    return any(wanted & set(names.stems(word)) for word in names.skeleton(sentence).split())


def quote_for(text: str, surname: str = "", hint: str = "") -> str:
    """The sentence a fact is quoted from: the first naming the surname (and containing ``hint`` if given),
    else the first containing the hint. Empty when the text is missing or says neither."""
    hint = hint.casefold()
    candidates = sentences(text)
    checks = [
        lambda s: (not hint or hint in s.casefold()) and bool(surname) and _mentions(s, surname),
        lambda s: bool(hint) and hint in s.casefold(),
    ]
    for check in checks:
        for sentence in candidates:
            if check(sentence):
                return sentence
    return ""


def _evidence(loaded: Loaded, fact: dict[str, Any], surname: str = "") -> dict[str, Any]:
    """The source, quote and certainty a fact carries."""
    key = fact["source"]
    quote = quote_for(loaded.texts.get(key, ""), surname, fact.get("hint", ""))
    return {
        "source": loaded.sources[key],
        "quote": quote,
        "certainty": fact.get("certainty", Certainty.ESTABLISHED),
    }


# --- records ----------------------------------------------------------------------------------------------


def _source(loaded: Loaded, key: str, data: dict[str, Any]) -> None:
    published_on, _precision = parse_date(data["published_on"])
    path = seeds_dir() / data["file"]
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    loaded.texts[key] = text
    existing = Source.objects.filter(title=data["title"], publisher=data["publisher"]).first()
    if existing is not None:  # captured before, with or without its text: leave it as it is
        loaded.sources[key] = existing
        if existing.text:
            loaded.texts[key] = existing.text  # quote what the stored copy says, so quotes stay inside it
        return
    before = Source.objects.count()
    loaded.sources[key] = source_capture(
        title=data["title"],
        text=text,
        actor=None,
        url=data["url"],
        publisher=data["publisher"],
        published_on=published_on,
        language="en",
    )
    loaded.created["sources"] += Source.objects.count() - before


def _organisation(loaded: Loaded, data: dict[str, Any]) -> None:
    organisation = Organisation.objects.filter(slug=data["slug"]).first()
    if organisation is None:
        fields = {k: v for k, v in data.items() if k != "source"}
        source = loaded.sources.get(data.get("source", ""))
        organisation = organisation_save(organisation=Organisation(**fields), actor=None, source=source)
        loaded.created["organisations"] += 1
    loaded.organisations[data["slug"]] = organisation


def _case(loaded: Loaded, data: dict[str, Any]) -> None:
    case = Case.objects.filter(slug=data["slug"]).first()
    if case is None:
        started_on, _precision = parse_date(data["started_on"])
        fields = {k: data[k] for k in ("slug", "name", "aliases", "country", "jurisdiction", "description")}
        case = case_save(case=Case(started_on=started_on, **fields), actor=None, source=loaded.sources[data["source"]])
        loaded.created["cases"] += 1
        for fact in data["charges"]:
            charge_save(charge=Charge(case=case, wording=fact["wording"], **_evidence(loaded, fact)), actor=None)
            loaded.created["charges"] += 1
    loaded.cases[data["slug"]] = case


def _person(loaded: Loaded, data: dict[str, Any]) -> None:
    person = Person.objects.filter(slug=data["slug"]).first()
    if person is not None:  # an organiser may have corrected or removed facts: do not put them back
        loaded.people[data["slug"]] = person
        return
    fields = {k: data[k] for k in ("slug", "name", "native_name", "aliases", "bio")}
    person = Person(country="RU", accepts_messages=data.get("accepts_messages", True), **fields)
    first_source = (data.get("events") or [{}])[0].get("source", "")
    person = person_save(person=person, actor=None, source=loaded.sources.get(first_source))
    loaded.people[data["slug"]] = person
    loaded.created["people"] += 1
    surname = data["name"].split()[-1]
    for fact in data.get("cases", []):
        case = loaded.cases[fact["case"]]
        link = Defendant(case=case, person=person, role=fact["role"], **_evidence(loaded, fact, surname))
        defendant_save(defendant=link, actor=None)
        loaded.created["defendants"] += 1
    for fact in data.get("charges", []):
        charge = Charge(person=person, wording=fact["wording"], **_evidence(loaded, fact, surname))
        charge_save(charge=charge, actor=None)
        loaded.created["charges"] += 1
    for fact in data.get("affiliations", []):
        organisation = loaded.organisations[fact["organisation"]]
        evidence = _evidence(loaded, fact, surname)
        affiliation = Affiliation(person=person, organisation=organisation, role=fact["role"], **evidence)
        affiliation_save(affiliation=affiliation, actor=None)
        loaded.created["affiliations"] += 1
    for fact in data.get("events", []):
        on, precision = parse_date(fact.get("on"), fact.get("precision", ""))
        event = StatusEvent(
            person=person,
            case=loaded.cases.get(fact.get("case", "")),
            kind=fact["kind"],
            on=on,
            precision=precision,
            detail=fact.get("detail", ""),
            **_evidence(loaded, fact, surname),
        )
        status_event_save(event=event, actor=None)
        loaded.created["status_events"] += 1


def _link_campaigns(loaded: Loaded) -> None:
    """Name each demo call's people and cases, unless an organiser has already named some."""
    for slug, subjects in registry_content.CAMPAIGN_SUBJECTS.items():
        campaign = Campaign.objects.filter(slug=slug).first()
        if campaign is None or campaign.people.exists() or campaign.cases.exists():
            continue
        campaign_set_subjects(
            campaign=campaign,
            people=[loaded.people[s] for s in subjects["people"]],
            cases=[loaded.cases[s] for s in subjects["cases"]],
            actor=None,
        )
