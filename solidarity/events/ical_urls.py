"""iCalendar files, outside the language prefix so a subscribed address never changes (ical_views.py)."""

from django.urls import path, re_path

from solidarity.events import ical_views

urlpatterns = [
    path("calendar.ics", ical_views.calendar_ics, name="events-ics"),
    path("c/<slug:slug>/calendar.ics", ical_views.campaign_ics, name="campaign-ics"),
    path("organisations/<slug:slug>/calendar.ics", ical_views.organisation_ics, name="organisation-ics"),
    re_path(r"^countries/(?P<code>[A-Za-z]{2})/calendar\.ics$", ical_views.country_ics, name="country-ics"),
    path("events/<slug:slug>.ics", ical_views.event_ics, name="event-ics"),
]
