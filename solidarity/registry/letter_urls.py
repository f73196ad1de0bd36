"""The public form for solidarity messages. Its own namespace, ``letters``, because the registry pages include
``registry.urls`` under ``registry``: the person page links to ``{% url 'letters:write' person.slug %}``."""

from django.urls import path

from solidarity.registry import letter_views

app_name = "letters"
urlpatterns = [
    path("people/<slug:slug>/write/", letter_views.write, name="write"),
    path("people/<slug:slug>/write/thanks/", letter_views.thanks, name="thanks"),
]
