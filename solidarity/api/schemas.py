"""What the API takes and gives, as typed schemas (they are also the OpenAPI description).

Output schemas list public fields only. ``ReportOut`` is built from ``reports.services.PUBLIC_FIELDS`` (the
one list of what the public may know of a report) plus the consent-gated name and photos; a test holds the two
together, so a field added here without being public fails the suite.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from django.conf import settings
from django.utils import timezone
from ninja import Field, Schema
from pydantic import BeforeValidator, ConfigDict
from pydantic_core import PydanticCustomError

from solidarity.campaigns.models import ActionType
from solidarity.reports.services import MAX_PARTICIPANTS

ActionCode = Literal[tuple(ActionType.values)]  # type: ignore[valid-type]


def _iso_date(value: Any) -> Any:
    """Dates as YYYY-MM-DD only: pydantic would also take a number as seconds since 1970, so that "0" meant
    1 January 1970 instead of a mistake."""
    if isinstance(value, datetime.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise PydanticCustomError("date_parsing", "Give a date as YYYY-MM-DD.")


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]


# --- errors ---------------------------------------------------------------------------------------------


class ErrorDetail(Schema):
    code: str = Field(description="Stable, for programs: validation_error, unauthorized, forbidden, not_found, …")
    message: str = Field(description="For people, in the request's language.")
    fields: dict[str, list[str]] | None = Field(None, description="Messages per invalid field.")


class ErrorOut(Schema):
    error: ErrorDetail


# --- campaigns ------------------------------------------------------------------------------------------


class ActionTypeOut(Schema):
    code: str
    label: str


class CampaignOut(Schema):
    slug: str
    status: Literal["published", "closed"]
    accepts_reports: bool
    language: str = Field(description="The language of the text fields: the one asked for, or the original.")
    is_fallback: bool = Field(description="True when the language asked for has no translation.")
    title: str
    summary: str
    organiser: str
    starts_on: datetime.date
    ends_on: datetime.date
    timezone: str
    slogans: list[str]
    demands: list[str]
    action_types: list[ActionTypeOut] = Field(description="The actions the call suggests.")
    languages: list[str] = Field(description="Languages the call is published in (ISO 639-1).")
    report_email: str
    url: str = Field(description="The campaign's public page.")


class CampaignDetailOut(CampaignOut):
    body_html: str = Field(description="The call, as sanitised HTML.")


# --- reports --------------------------------------------------------------------------------------------


class PhotoOut(Schema):
    url: str
    thumbnail_url: str
    width: int
    height: int
    alt: str


class ReportOut(Schema):
    id: int
    held_on: datetime.date
    city: str
    country: str = Field(description="ISO 3166-1 alpha-2 code.")
    country_name: str = Field(description="English short name.")
    geonameid: int | None = Field(description="The city in the GeoNames gazetteer.")
    latitude: float | None = Field(description="The city centre, never the exact place.")
    longitude: float | None
    action_type: str
    participants: int | None
    public_text: str
    reporter_name: str = Field(description="Empty unless the reporter agreed to be named.")
    photos: list[PhotoOut] = Field(description="Empty unless the reporter agreed to publication.")
    published_at: datetime.datetime | None
    is_sample: bool = Field(description="Demo data.")


class ReportPage(Schema):
    items: list[ReportOut]
    next: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page.")


class ReportFilters(Schema):
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. DE.")
    city: str | None = Field(None, max_length=200, description="The city's name as listed (any case).")
    action_type: ActionCode | None = None
    held_from: IsoDate | None = None
    held_to: IsoDate | None = None
    cursor: str | None = Field(None, max_length=500, description="The `next` value of the previous page.")
    limit: int = Field(50, ge=1, le=200)


class TallyCountry(Schema):
    actions: int
    cities: list[str]
    code: str


class TallyOut(Schema):
    campaign: str
    actions: int
    cities: int
    countries: int
    by_country: dict[str, TallyCountry] = Field(description="By English country name, most actions first.")


# --- submission -----------------------------------------------------------------------------------------


def _report_example(schema: dict[str, Any]) -> None:
    """A report that would be accepted today, for the docs page (and for schemathesis' example phase)."""
    schema["examples"] = [
        {
            "held_on": timezone.localdate().isoformat(),
            "city": "Berlin",
            "action_type": "picket",
            "participants": 20,
            "public_text": "A picket at the embassy with the campaign's banner.",
            "reporter_name": "Berlin solidarity group",
            "reporter_contact": "group@example.org",
            "consent_name": True,
            "consent_photos": False,
            "photos": [],
            "idempotency_key": "partner-report-1042",
        }
    ]


class ReportIn(Schema):
    model_config = ConfigDict(json_schema_extra=_report_example)

    held_on: IsoDate = Field(description="The day of the action.")
    city: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        description='In any language or spelling, with the country if the name is common ("Paris, France").',
    )
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$", description="Narrows the city look-up.")
    geonameid: int | None = Field(None, ge=1, description="The city's GeoNames id, instead of its name.")
    action_type: ActionCode
    participants: int | None = Field(None, ge=1, le=MAX_PARTICIPANTS)
    public_text: str = Field("", max_length=5000, description="Published once a moderator has checked it.")
    reporter_name: str = Field("", max_length=200, description="Published only with consent_name.")
    reporter_contact: str = Field("", max_length=300, description="For the organisers; never published.")
    consent_name: bool = False
    consent_photos: bool = False
    photos: list[str] = Field(
        default_factory=list,
        max_length=settings.SOLIDARITY["MAX_PHOTOS"],
        description="Tokens from POST /photos.",
    )
    idempotency_key: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        pattern=r"^[!-~]+$",
        description="Your own unique id for this report: a retry with the same key stores one report.",
    )


class ReportAccepted(Schema):
    id: int
    status: str = Field(description="`received`: the report awaits review by a moderator.")
    message: str


class PhotoStaged(Schema):
    token: str = Field(description="Put it in the report's `photos` within a day.")
    width: int
    height: int
