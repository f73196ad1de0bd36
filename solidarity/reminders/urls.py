"""Pages of the reminders, inside the language prefix: the links in our e-mails open in the supporter's language."""

from django.urls import path

from solidarity.reminders import views

app_name = "reminders"
urlpatterns = [
    path("c/<slug:slug>/remind/", views.sign_up, name="sign-up"),
    path("c/<slug:slug>/remind/sent/", views.sent, name="sent"),
    path("reminders/confirm/<str:token>/", views.confirm, name="confirm"),
    path("reminders/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
