from django.urls import path

from solidarity.reports import summary_views, views
from solidarity.reports.feeds import CampaignReportsFeed

app_name = "reports"
urlpatterns = [
    path("c/<slug:slug>/report/", views.report_form, name="report"),
    path("c/<slug:slug>/report/thanks/", views.thanks, name="thanks"),
    path("c/<slug:slug>/reports/", views.report_list, name="list"),
    path("c/<slug:slug>/feed/", CampaignReportsFeed(), name="feed"),
    path("c/<slug:slug>/summary/", summary_views.summary_page, name="summary"),
    path("c/<slug:slug>/summary.pdf", summary_views.summary_pdf, name="summary-pdf"),
]
