"""URLs. Public pages carry the language in the path (/en/…, /ru/…) so a shared link opens in the same
language and every page can be snapshotted without varying on headers; an unprefixed path such as
/c/<slug>/ redirects to the visitor's language."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import include, path

from solidarity.api.v1 import api
from solidarity.lib.otp import AdminSite
from solidarity.lib.status import database_state
from solidarity.pages import views as page_views
from solidarity.places import views as place_views
from solidarity.registry import views as registry_views
from solidarity.reports import export_views
from solidarity.reports import views as report_views

handler500 = "solidarity.lib.outage.server_error"

# Every ModelAdmin registers on the default site; giving it our class makes the whole admin require a second factor.
admin.site.__class__ = AdminSite


def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness: the process answers. It says nothing of the database, so a proxy keeps a process that waits
    for a restarting database instead of killing it."""
    return HttpResponse("ok", content_type="text/plain")


def readyz(request: HttpRequest) -> HttpResponse:
    """Readiness: the database answers and is fully migrated, so this process may be given traffic."""
    state = database_state()
    response = JsonResponse({"database": "ok" if state["ok"] else "not ready"}, status=200 if state["ok"] else 503)
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("api/v1/", api.urls),
    path("places/lookup/", place_views.lookup, name="place-lookup"),
    path("registry/", include("solidarity.registry.export_urls")),
    path("", include("solidarity.events.ical_urls")),
    path("c/<slug:slug>/tally.json", page_views.tally_json, name="tally-json"),
    path("c/<slug:slug>/reports.<slug:fmt>", export_views.public_export, name="reports-export"),
    path("c/<slug:slug>/map.geojson", page_views.map_geojson, name="map-geojson"),
    path("c/<slug:slug>/map/<int:geonameid>.json", page_views.map_city_json, name="map-city"),
    path("media/photos/<uuid:key>.jpg", report_views.photo, {"variant": "full"}, name="photo"),
    path("media/photos/<uuid:key>-thumb.jpg", report_views.photo, {"variant": "thumb"}, name="photo-thumb"),
    path("media/people/<uuid:key>.jpg", registry_views.person_photo, name="person-photo"),
    *i18n_patterns(
        path("", include("solidarity.reports.urls")),
        path("", include("solidarity.pages.urls")),
        path("", include("solidarity.registry.urls")),
        path("", include("solidarity.registry.letter_urls")),
        path("", include("solidarity.reminders.urls")),
        path("", include("solidarity.events.urls")),
        prefix_default_language=True,
    ),
]
