from django.urls import path

from solidarity.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.campaign_page, name="campaign"),
]
