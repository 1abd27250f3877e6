from django.urls import path

from fazhi.reports import views

app_name = "reports"
urlpatterns = [
    path("office/reports/", views.tracking, name="tracking"),
    path("office/reports/new/", views.generate, name="generate"),
    path("office/reports/<int:pk>/", views.detail, name="detail"),
    path("office/reports/<int:pk>/report.docx", views.docx, name="docx"),
    path("office/reports/<int:pk>/report.pdf", views.pdf, name="pdf"),
    path("office/reports/<int:pk>/<slug:step>/", views.step, name="step"),
    path("reports/", views.public_list, name="public-list"),
    path("reports/<int:pk>/", views.public_detail, name="public-detail"),
    path("reports/<int:pk>/report.docx", views.public_docx, name="public-docx"),
    path("reports/<int:pk>/report.pdf", views.public_pdf, name="public-pdf"),
]
