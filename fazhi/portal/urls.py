from django.urls import path

from fazhi.portal import submission_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("submit/<slug:kind>/", submission_views.submit, name="submit"),
    path("track/", submission_views.track, name="track"),
]
