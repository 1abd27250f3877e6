from django.urls import path

from fazhi.disclosure import views

app_name = "disclosure"
urlpatterns = [
    path("office/disclosure/", views.catalogue, name="catalogue"),
    path("office/disclosure/items/<int:pk>/<slug:step>/", views.item_action, name="item-action"),
    path("office/disclosure/guides/", views.guides, name="guides"),
    path("office/disclosure/guides/<int:pk>/publish/", views.guide_publish, name="guide-publish"),
    path("office/disclosure/requests/", views.requests, name="requests"),
    path("office/disclosure/requests/<int:pk>/", views.request_detail, name="request"),
    path("office/disclosure/requests/<int:pk>/<slug:step>/", views.request_action, name="request-action"),
    path("office/disclosure/reports/", views.reports, name="reports"),
    path("office/disclosure/reports/<int:pk>/", views.report_detail, name="report"),
    path("office/disclosure/reports/<int:pk>/report.docx", views.report_docx, name="report-docx"),
    path("office/disclosure/reports/<int:pk>/<slug:step>/", views.report_action, name="report-action"),
    path("disclosure/", views.public_catalogue, name="public-catalogue"),
    path("disclosure/guides/<int:pk>/", views.public_guide, name="public-guide"),
    path("disclosure/reports/", views.public_reports, name="public-reports"),
    path("disclosure/reports/<int:pk>/", views.public_report, name="public-report"),
]
