from django.urls import path

from fazhi.intake import views

app_name = "intake"
urlpatterns = [
    path("office/intake/", views.register, name="register"),
    path("office/intake/channels/", views.channels, name="channels"),
    path("office/intake/channels/<int:pk>/remove/", views.channel_remove, name="channel-remove"),
    path("office/intake/cases/<int:pk>/", views.case_detail, name="case"),
    path("office/intake/cases/<int:pk>/<slug:step>/", views.case_step, name="case-step"),
    path("complaints/channels/", views.public_channels, name="public-channels"),
    path("complaints/satisfaction/", views.satisfaction, name="satisfaction"),
]
