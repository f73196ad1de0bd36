from django.urls import path

from solidarity.campaigns.feeds import CampaignsFeed
from solidarity.pages import views

app_name = "pages"
urlpatterns = [
    path("", views.home, name="home"),
    path("c/<slug:slug>/", views.campaign_page, name="campaign"),
    path("c/<slug:slug>/map/", views.campaign_map, name="map"),
    path("c/<slug:slug>/photos/", views.gallery, name="gallery"),
    path("c/<slug:slug>/preview.png", views.preview_image, name="preview"),
    path("feeds/campaigns/", CampaignsFeed(), name="campaigns-feed"),
]
