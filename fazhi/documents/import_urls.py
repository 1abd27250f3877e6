"""The legacy-import pages, kept apart from `documents.urls` so that they are included by one line."""

from django.urls import path

from fazhi.documents import import_views

app_name = "document_imports"
urlpatterns = [
    path("office/documents/import/", import_views.upload, name="upload"),
    path("office/documents/import/template.xlsx", import_views.template, name="template"),
    path("office/documents/import/confirm/", import_views.confirm, name="confirm"),
]
