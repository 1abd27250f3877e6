from django.urls import path

from fazhi.documents import views

app_name = "documents"
urlpatterns = [
    path("office/documents/", views.office_list, name="office-list"),
    path("office/documents/new/", views.office_create, name="office-create"),
    path("office/documents/<int:pk>/", views.office_detail, name="office-detail"),
    path("office/documents/<int:pk>/edit/", views.office_edit, name="office-edit"),
    path("office/documents/<int:pk>/meeting/", views.office_meeting, name="office-meeting"),
    path(
        "office/documents/<int:pk>/interpretation-files/",
        views.office_interpretation_file,
        name="office-interpretation-file",
    ),
    path(
        "office/documents/interpretation-files/<int:pk>/remove/",
        views.office_interpretation_file_remove,
        name="office-interpretation-file-remove",
    ),
    path("office/documents/<int:pk>/<slug:transition>/", views.office_action, name="office-action"),
    path("office/documents/settings/", views.settings_list, name="settings"),
    path("office/documents/settings/<int:pk>/", views.settings_edit, name="settings-edit"),
    path("office/document-evaluations/<int:pk>/decide/", views.evaluation_decide, name="evaluation-decide"),
    path("documents/", views.public_list, name="public-list"),
    path("documents/consultations/", views.public_consultations, name="public-consultations"),
    path("documents/<int:pk>/", views.public_detail, name="public-detail"),
    path(
        "documents/interpretation-files/<int:pk>/",
        views.public_interpretation_file,
        name="public-interpretation-file",
    ),
]
