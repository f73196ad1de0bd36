"""Place lookup for the report form's live confirmation (the form works without it)."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from solidarity.places.geocode import resolve


@require_safe
def lookup(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "").strip()[:200]
    city = resolve(text) if len(text) >= 2 else None
    if city is None:
        return JsonResponse({"found": False})
    response = JsonResponse(
        {"found": True, "geonameid": city.geonameid, "city": city.name, "country": city.country, "label": city.label},
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response
