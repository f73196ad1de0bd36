"""Public pages that combine a call with its reports: the start page, the campaign page, its map and photos."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from solidarity.campaigns.models import ActionType, Campaign
from solidarity.campaigns.selectors import localized, public_campaigns
from solidarity.events import selectors as event_selectors
from solidarity.events.models import Event
from solidarity.lib import snapshots
from solidarity.pages.preview import headline, preview_png
from solidarity.registry import selectors as registry_selectors
from solidarity.registry.models import Case, Person
from solidarity.reports.mapdata import city_actions_bytes, map_geojson_bytes, map_svg
from solidarity.reports.selectors import public_photos, recent_public_reports, to_gallery
from solidarity.reports.tally import tally

GALLERY_PAGE = 48
STRIP_PHOTOS = 8


def _public_campaign(slug: str, *, translations: bool = True) -> Campaign:
    """A published or closed campaign; its translations only for pages that show the call's text."""
    campaigns = public_campaigns().prefetch_related("translations") if translations else public_campaigns()
    try:
        return campaigns.get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


def _store_snapshot(request: HttpRequest, response: HttpResponse, versions: list[int], campaigns: list[int]) -> None:
    """Write the page as a snapshot unless the data changed while it was rendered (then the next request
    renders it again)."""
    if not settings.SOLIDARITY["SNAPSHOTS"] or request.GET or response.status_code != 200:
        return
    current = list(Campaign.objects.filter(pk__in=campaigns).order_by("pk").values_list("data_version", flat=True))
    if current == versions:
        token = request.META.get(snapshots.TOKEN_ENVIRON)
        snapshots.write(settings.SNAPSHOT_ROOT, request.path, response.content, token=token)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    campaigns = list(public_campaigns().prefetch_related("translations").order_by("pk"))
    versions = [c.data_version for c in campaigns]
    language = get_language()
    items = sorted(
        ((localized(c, language), tally(c)) for c in campaigns),
        key=lambda item: (
            item[0].campaign.status != Campaign.Status.PUBLISHED,
            -item[0].campaign.starts_on.toordinal(),
        ),
    )
    response = render(request, "pages/home.html", {"items": items})
    _store_snapshot(request, response, versions, [c.pk for c in campaigns])
    return response


def _campaign_with_subjects(slug: str) -> Campaign:
    """The campaign with whether it names public people or cases and has published events, asked in the
    campaign's own query: a call naming nobody (most of them) then costs no query for "Who this campaign is for",
    and one without events none for its events."""
    campaigns = public_campaigns().prefetch_related("translations")
    campaigns = campaigns.annotate(
        names_people=Exists(Person.objects.public().filter(campaigns=OuterRef("pk"))),
        names_cases=Exists(Case.objects.filter(campaigns=OuterRef("pk"))),
        has_events=Exists(Event.objects.published().filter(campaign=OuterRef("pk"))),
    )
    try:
        return campaigns.get(slug=slug)
    except Campaign.DoesNotExist as exc:
        raise Http404 from exc


@require_safe
def campaign_page(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = _campaign_with_subjects(slug)
    version = campaign.data_version
    call = localized(campaign, get_language())
    campaign_tally = tally(campaign)
    context = {
        "call": call,
        "campaign": campaign,
        "tally": campaign_tally,
        "reports": recent_public_reports(campaign, limit=30),
        "subject_people": registry_selectors.campaign_people(campaign.pk) if campaign.names_people else [],
        "subject_cases": registry_selectors.campaign_cases(campaign.pk) if campaign.names_cases else [],
        "events": event_selectors.campaign_events(campaign, get_language()) if campaign.has_events else [],
        "photos": [to_gallery(photo) for photo in public_photos(campaign)[:STRIP_PHOTOS]],
        "lightbox": _lightbox_words(),
        "map_svg": map_svg(campaign, _("Map of the actions of %(title)s") % {"title": call.title}),
        "map_options": _map_options(),
        "share": {
            "url": _absolute(request, request.path),
            "image": _absolute(request, reverse("pages:preview", args=[slug])),
            "description": headline(campaign_tally),
        },
    }
    response = render(request, "pages/campaign.html", context)
    _store_snapshot(request, response, [version], [campaign.pk])
    return response


@require_safe
@cache_control(no_cache=True)  # the tally itself is cached server-side per data version
def tally_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The published tally, for the live counter on the campaign page and for partner sites."""
    return JsonResponse(tally(_public_campaign(slug, translations=False)), json_dumps_params={"ensure_ascii": False})


def _absolute(request: HttpRequest, path: str) -> str:
    """Links that leave the site (social previews) need the public address; the request's when none is set."""
    base = settings.SOLIDARITY["PUBLIC_URL"]
    return f"{base}{path}" if base else request.build_absolute_uri(path)


@require_safe
def campaign_map(request: HttpRequest, slug: str) -> HttpResponse:
    """The map at full size: the interactive map with JavaScript, the drawn map and the table without."""
    campaign = _public_campaign(slug)
    version = campaign.data_version
    call = localized(campaign, get_language())
    context = {
        "call": call,
        "campaign": campaign,
        "tally": tally(campaign),
        "map_svg": map_svg(campaign, _("Map of the actions of %(title)s") % {"title": call.title}),
        "map_options": _map_options(),
    }
    response = render(request, "pages/map.html", context)
    _store_snapshot(request, response, [version], [campaign.pk])
    return response


@require_safe
def gallery(request: HttpRequest, slug: str) -> HttpResponse:
    """Published photos whose reporters agreed, GALLERY_PAGE a page; each opens full size (a lightbox with
    JavaScript, the picture itself without)."""
    campaign = _public_campaign(slug)
    page = Paginator(public_photos(campaign), GALLERY_PAGE).get_page(request.GET.get("page"))
    context = {
        "call": localized(campaign, get_language()),
        "campaign": campaign,
        "page": page,
        "photos": [to_gallery(photo) for photo in page.object_list],
        "lightbox": _lightbox_words(),
    }
    response = render(request, "pages/gallery.html", context)
    _store_snapshot(request, response, [campaign.data_version], [campaign.pk])
    return response


def _version_etag(request: HttpRequest, slug: str, **kwargs: object) -> str | None:
    """The campaign's data version (and the page's language) as an ETag: a reader's cache may keep these
    documents but must ask first, so a withdrawn report leaves every map and preview at once; asking costs a
    one-row query and a 304."""
    version = public_campaigns().filter(slug=slug).values_list("data_version", flat=True).first()
    return None if version is None else f'"{version}-{get_language()}"'


# Cache-Control "no-cache": stored, but revalidated on every use (see _version_etag)
@require_safe
@cache_control(public=True, no_cache=True)
@condition(etag_func=_version_etag)
def map_geojson(request: HttpRequest, slug: str) -> HttpResponse:
    """The map's data, one document however many reports there are (see reports/mapdata.py)."""
    body = map_geojson_bytes(_public_campaign(slug, translations=False))
    return HttpResponse(body, content_type="application/geo+json")


@require_safe
@cache_control(public=True, no_cache=True)
@condition(etag_func=_version_etag)
def map_city_json(request: HttpRequest, slug: str, geonameid: int) -> HttpResponse:
    """A city's newest actions, fetched when its popup on the map opens."""
    body = city_actions_bytes(_public_campaign(slug, translations=False), geonameid)
    return HttpResponse(body, content_type="application/json")


@require_safe
@cache_control(public=True, no_cache=True)
@condition(etag_func=_version_etag)
def preview_image(request: HttpRequest, slug: str) -> HttpResponse:
    """The picture shown when a campaign link is shared, with the live tally in the page's language."""
    campaign = _public_campaign(slug)
    call = localized(campaign, get_language())
    return HttpResponse(preview_png(call, headline(tally(campaign))), content_type="image/png")


def _lightbox_words() -> dict[str, str]:
    return {
        "title": _("Photo viewer"),
        "close": _("Close"),
        "previous": _("Previous photo"),
        "next": _("Next photo"),
        "position": _("Photo %(n)s of %(total)s"),
        "report": _("Read the report"),
    }


def _plural_forms(singular: str, plural: str) -> dict[str, str]:
    """A message's plural forms keyed by CLDR category, for the browser's Intl.PluralRules: with Russian and
    Ukrainian three forms, one sample number per category picks the right translation."""
    samples = {"one": 1, "two": 2, "few": 3, "many": 5, "other": 100}
    return {category: ngettext(singular, plural, n) for category, n in samples.items()}


def _map_options() -> dict[str, object]:
    """What map.js needs besides the data: its own-origin shape file, the optional tile server, the words."""
    return {
        "actions": _plural_forms("%(n)s action", "%(n)s actions"),
        "people": _plural_forms("%(n)s person", "%(n)s people"),
        "more": _("All actions in this city"),
        "shapes": static("vendor/world-atlas/countries-110m.json"),
        "tiles": settings.SOLIDARITY["TILE_URL"],
        "tileAttribution": settings.SOLIDARITY["TILE_ATTRIBUTION"],
        "labels": {code: str(label) for code, label in ActionType.choices},
    }
