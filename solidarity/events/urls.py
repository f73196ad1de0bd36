"""The calendar's pages, inside the language prefix (/en/calendar/, /ru/events/<slug>/…)."""

from django.urls import path

from solidarity.events import views
from solidarity.events.feeds import EventsFeed

app_name = "events"
urlpatterns = [
    path("calendar/", views.calendar, name="calendar"),
    path("calendar/past/", views.past, name="past"),
    path("calendar/<int:year>/<int:month>/", views.month, name="month"),
    path("calendar/feed/", EventsFeed(), name="feed"),
    path("events/<slug:slug>/", views.event, name="event"),
]
