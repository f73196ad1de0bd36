"""From an API payload to the input of ``reports.services.report_submit``, the one write path for reports.

The place is resolved with the same offline gazetteer as the web form; photos come as tokens of photos staged
through ``POST /photos`` (re-encoded by ``reports.uploads.stage``, exactly as the form's uploads are). The
idempotency key a partner sends becomes the report's message id, namespaced by the key that sent it, so one
partner's key can never collide with another's or with an e-mail's Message-ID.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from solidarity.api.models import ApiKey
from solidarity.api.schemas import ReportIn
from solidarity.campaigns.models import Campaign
from solidarity.places.geocode import City, city_by_id, resolve
from solidarity.reports import uploads
from solidarity.reports.services import ReportInput, content_hash


def message_id(key: ApiKey, idempotency_key: str | None) -> str:
    return f"api:{key.pk}:{idempotency_key}" if idempotency_key else ""


def _city(payload: ReportIn) -> City:
    country = payload.country.upper() if payload.country else None
    if payload.geonameid is not None:
        city = city_by_id(payload.geonameid)
        if city is None:
            raise ValidationError({"geonameid": _("No city with this id is in our gazetteer.")})
        return city
    if not payload.city or not payload.city.strip():
        raise ValidationError({"city": _("Give the city, as its name or its geonameid.")})
    city = resolve(payload.city.strip(), country)
    if city is None:
        # The typed place is private, so it is not repeated back.
        raise ValidationError(
            {
                "city": _(
                    "We could not find this city in our list of cities. Check the spelling, try the English "
                    "name, add the country, name a larger town nearby, or give its geonameid."
                )
            }
        )
    return city


def check_photos(tokens: list[str]) -> list[str]:
    """The tokens, each still staged; the service would refuse a lost one without saying which."""
    lost = [str(n) for n, token in enumerate(tokens, start=1) if uploads.load(token) is None]
    if lost:
        raise ValidationError(
            {
                "photos": _("Unknown or expired photos (number %(n)s in the list); upload them again.")
                % {"n": ", ".join(lost)}
            }
        )
    return list(dict.fromkeys(tokens))  # the same photo twice is one photo


def to_input(payload: ReportIn, key: ApiKey) -> ReportInput:
    city = _city(payload)
    raw = payload.model_dump(mode="json", exclude={"photos", "idempotency_key"})
    raw["photos"] = len(payload.photos)
    raw["api_key"] = key.prefix
    return ReportInput(
        held_on=payload.held_on,
        city=city,
        action_type=payload.action_type,
        public_text=payload.public_text,
        participants=payload.participants,
        place_input=payload.city or str(payload.geonameid),
        reporter_name=payload.reporter_name,
        reporter_contact=payload.reporter_contact,
        consent_name=payload.consent_name,
        consent_photos=payload.consent_photos,
        raw=raw,
        message_id=message_id(key, payload.idempotency_key),
    )


def conflicts(campaign: Campaign, data: ReportInput, stored_hash: str) -> bool:
    """A retry must repeat the report it retries: the same key with other content is a client's mistake."""
    return content_hash(campaign, data) != stored_hash
