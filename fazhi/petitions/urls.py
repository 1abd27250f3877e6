from django.urls import path

from fazhi.petitions import views

app_name = "petitions"
urlpatterns = [
    path("office/petitions/", views.register, name="register"),
    path("office/petitions/<int:pk>/", views.detail, name="detail"),
    path("office/petitions/<int:pk>/<slug:step>/", views.step, name="step"),
    path("petitions/review/", views.public_request, name="public-request"),
]
