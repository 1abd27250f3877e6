from django.urls import path

from fazhi.obligations import views

app_name = "obligations"
urlpatterns = [
    path("office/board/", views.board, name="board"),
    path("office/board/bodies/<int:pk>/", views.body_board, name="body-board"),
    path("office/board/bodies/<int:pk>/evidence/", views.evidence, name="evidence"),
]
