"""What the registry endpoints take and give (``/people``, ``/cases``, ``/organisations``).

Output schemas list what a public page shows, and nothing else: no letters, no senders, no who-added-what.
Every fact on a timeline or a link carries its evidence: the source, the quote and how certain it is. Input
schemas take the fields an organiser edits in the admin; the checks behind them are the services' own.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import ConfigDict, StrictBool, StrictInt, StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from solidarity.api.schemas import IsoDate
from solidarity.registry.importer import storable
from solidarity.registry.models import Certainty, Organisation, Precision, StatusKind

StatusCode = Literal[tuple(StatusKind.values)]  # type: ignore[valid-type]
PrecisionCode = Literal[tuple(Precision.values)]  # type: ignore[valid-type]
CertaintyCode = Literal[tuple(Certainty.values)]  # type: ignore[valid-type]
OrganisationKind = Literal[tuple(Organisation.Kind.values)]  # type: ignore[valid-type]

SLUG = r"^[-a-zA-Z0-9_]+$"
COUNTRY = r"^[A-Za-z]{2}$"
Alias = Annotated[str, StringConstraints(min_length=1, max_length=200)]

# --- shared pieces ----------------------------------------------------------------------------------------


class SourceOut(Schema):
    id: int = Field(description="Pass as `source_id` to cite this source again.")
    url: str
    title: str
    publisher: str
    published_on: datetime.date | None
    language: str


class Ref(Schema):
    slug: str
    name: str


class EventOut(Schema):
    kind: str = Field(description="detained, searched, charged, custody, sentenced, released, …")
    label: str = Field(description="The kind in the request's language.")
    on: datetime.date | None = Field(description="For a month or a year, its first day (see `precision`).")
    precision: str = Field(description="day, month, year or approximate.")
    detail: str
    case: Ref | None
    source: SourceOut | None
    quote: str = Field(description="What the source says, word for word.")
    certainty: str = Field(description="established or alleged.")


class CaseLinkOut(Schema):
    case: Ref
    role: str
    source: SourceOut | None
    quote: str
    certainty: str


class ChargeOut(Schema):
    article: str
    wording: str
    case: Ref | None
    source: SourceOut | None
    quote: str
    certainty: str


class AffiliationOut(Schema):
    organisation: Ref
    role: str
    source: SourceOut | None
    quote: str
    certainty: str


# --- people -----------------------------------------------------------------------------------------------


class PersonOut(Schema):
    slug: str
    name: str
    native_name: str
    aliases: list[str]
    country: str = Field(description="ISO 3166-1 alpha-2 code of the country persecuting them.")
    current_status: str = Field(description="The last event of the timeline; empty without events.")
    current_status_on: datetime.date | None
    cases: list[Ref]
    organisations: list[Ref]
    url: str = Field(description="The person's public page.")


class PersonDetailOut(PersonOut):
    is_public: bool = Field(description="Always true on reads; false only in a write's answer for a hidden person.")
    bio: str
    postal_address: str = Field(description="Where letters reach them (public).")
    letter_guidance: str
    accepts_messages: bool
    timeline: list[EventOut] = Field(description="Oldest first.")
    case_links: list[CaseLinkOut]
    charges: list[ChargeOut] = Field(description="Against the person, and those brought in their cases.")
    affiliations: list[AffiliationOut]


class PeoplePage(Schema):
    items: list[PersonOut]
    count: int = Field(description="How many people match, on every page.")
    next: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class Paging(Schema):
    cursor: str | None = Field(None, max_length=500, description="The `next` value of the previous page.")
    limit: int = Field(50, ge=1, le=200)


class PeopleFilters(Paging):
    q: str | None = Field(None, max_length=200, description="Names in any spelling or script: Oleynik finds Oleinik.")
    status: StatusCode | None = Field(None, description="The current status.")
    case: str | None = Field(None, max_length=100, pattern=SLUG, description="A case's slug.")
    organisation: str | None = Field(None, max_length=100, pattern=SLUG, description="An organisation's slug.")
    country: str | None = Field(None, pattern=COUNTRY, description="ISO 3166-1 alpha-2 code, e.g. RU.")
    charge: str | None = Field(None, max_length=200, description="Words of a charge's wording or article.")


class NameFilters(Paging):
    q: str | None = Field(None, max_length=200, description="Names in any spelling or script.")


# --- cases and organisations --------------------------------------------------------------------------------


class CaseOut(Schema):
    slug: str
    name: str
    aliases: list[str]
    country: str
    jurisdiction: str
    started_on: datetime.date | None
    defendant_count: int = Field(description="Public defendants only.")
    url: str


class DefendantOut(Schema):
    person: Ref
    current_status: str
    current_status_on: datetime.date | None
    role: str


class CaseChargeOut(ChargeOut):
    person: Ref | None = Field(description="The defendant charged, or null for a charge of the whole case.")


class CaseDetailOut(CaseOut):
    description: str
    defendants: list[DefendantOut]
    charges: list[CaseChargeOut]


class CasesPage(Schema):
    items: list[CaseOut]
    count: int
    next: str | None


class OrganisationOut(Schema):
    slug: str
    name: str
    aliases: list[str]
    kind: str
    country: str
    website: str
    people_count: int = Field(description="Public people only.")
    url: str


class MemberOut(Schema):
    person: Ref
    current_status: str
    role: str


class OrganisationDetailOut(OrganisationOut):
    description: str
    members: list[MemberOut]


class OrganisationsPage(Schema):
    items: list[OrganisationOut]
    count: int
    next: str | None


# --- writes -----------------------------------------------------------------------------------------------


class Input(Schema):
    """A write's body: a JSON object of known fields. ninja's schemas read any object's attributes (they also
    serialise models), so without this a body of ``[]`` would pass as a change of no field, and a misspelt
    field would be dropped without a word instead of refused."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _storable(cls, value: Any) -> Any:
        """Text the database can store: PostgreSQL refuses NUL characters, and no database takes half of a
        UTF-16 surrogate pair (JSON can spell both)."""
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and not storable(text):
                raise PydanticCustomError("unstorable_text", "Text may not hold NUL or unpaired surrogate characters.")
        return value


class PersonPatch(Input):
    """Only the fields sent change."""

    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG)
    name: str = Field(None, min_length=1, max_length=200)
    native_name: str = Field(None, max_length=200)
    aliases: list[Alias] = Field(None, max_length=50)
    bio: str = Field(None, max_length=5000)
    country: str = Field(None, pattern=r"^([A-Za-z]{2})?$")
    is_public: StrictBool = Field(None, description="false hides the person from every public output.")
    postal_address: str = Field(None, max_length=1000)
    letter_guidance: str = Field(None, max_length=5000)
    accepts_messages: StrictBool = None  # type: ignore[assignment]


class PersonIn(PersonPatch):
    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG, description="Made from the name if left out.")
    name: str = Field(..., min_length=1, max_length=200)


class SourceIn(Input):
    url: str = Field("", max_length=500)
    title: str = Field(..., min_length=1, max_length=300)
    publisher: str = Field("", max_length=200)
    published_on: IsoDate | None = None
    language: str = Field("", max_length=10)
    text: str = Field("", max_length=500_000, description="The article's text; the same text is stored once.")


class EventIn(Input):
    kind: StatusCode
    on: IsoDate | None = Field(None, description="For a month or a year, give its first day.")
    precision: PrecisionCode = "day"
    detail: str = Field("", max_length=300)
    case: str | None = Field(None, max_length=100, pattern=SLUG, description="A case's slug.")
    source_id: StrictInt | None = Field(None, ge=1, le=2**62, description="A source already stored (its `id`).")
    source: SourceIn | None = Field(None, description="Or a new source.")
    quote: str = Field("", max_length=5000, description="Needs a source.")
    certainty: CertaintyCode = "established"


class CasePatch(Input):
    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG)
    name: str = Field(None, min_length=1, max_length=200)
    aliases: list[Alias] = Field(None, max_length=50)
    country: str = Field(None, pattern=r"^([A-Za-z]{2})?$")
    jurisdiction: str = Field(None, max_length=200)
    description: str = Field(None, max_length=10000)
    started_on: IsoDate | None = None


class CaseIn(CasePatch):
    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG, description="Made from the name if left out.")
    name: str = Field(..., min_length=1, max_length=200)


class OrganisationPatch(Input):
    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG)
    name: str = Field(None, min_length=1, max_length=200)
    aliases: list[Alias] = Field(None, max_length=50)
    kind: OrganisationKind = None  # type: ignore[assignment]
    country: str = Field(None, pattern=r"^([A-Za-z]{2})?$")
    website: str = Field(None, max_length=200)
    description: str = Field(None, max_length=10000)


class OrganisationIn(OrganisationPatch):
    slug: str = Field(None, min_length=1, max_length=100, pattern=SLUG, description="Made from the name if left out.")
    name: str = Field(..., min_length=1, max_length=200)
