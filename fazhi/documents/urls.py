from django.urls import path

from fazhi.documents import views

app_name = "documents"
urlpatterns = [
    path("office/documents/", views.office_list, name="office-list"),
    path("office/documents/new/", views.office_create, name="office-create"),
    path("office/documents/<int:pk>/", views.office_detail, name="office-detail"),
    path("office/documents/<int:pk>/edit/", views.office_edit, name="office-edit"),
    path("office/documents/<int:pk>/<slug:transition>/", views.office_action, name="office-action"),
    path("office/document-evaluations/<int:pk>/decide/", views.evaluation_decide, name="evaluation-decide"),
    path("documents/", views.public_list, name="public-list"),
    path("documents/consultations/", views.public_consultations, name="public-consultations"),
    path("documents/<int:pk>/", views.public_detail, name="public-detail"),
]
