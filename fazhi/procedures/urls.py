from django.urls import path

from fazhi.procedures import views

app_name = "procedures"
urlpatterns = [
    path("office/consultations/", views.consultation_list, name="consultation-list"),
    path("office/consultations/<int:pk>/", views.consultation_detail, name="consultation-detail"),
    path(
        "office/consultations/<int:pk>/<slug:transition>/",
        views.consultation_transition,
        name="consultation-transition",
    ),
    path("office/consultation-comments/<int:pk>/decide/", views.comment_decide, name="comment-decide"),
    path("office/reviews/", views.review_list, name="review-list"),
    path("office/reviews/<int:pk>/", views.review_detail, name="review-detail"),
    path("office/reviews/<int:pk>/<slug:transition>/", views.review_action, name="review-action"),
    path("office/meetings/", views.meeting_list, name="meeting-list"),
    path("office/meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("office/meetings/<int:pk>/minutes/", views.meeting_minutes, name="meeting-minutes"),
    path("office/meetings/<int:pk>/sign/", views.meeting_sign, name="meeting-sign"),
    path("consultations/", views.public_list, name="public-list"),
    path("consultations/<int:pk>/", views.public_detail, name="public-detail"),
]
