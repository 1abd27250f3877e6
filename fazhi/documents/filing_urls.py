from django.urls import path

from fazhi.documents import filing_views as views

app_name = "filing"
urlpatterns = [
    path("office/filings/", views.filing_list, name="filing-list"),
    path("office/filings/<int:pk>/", views.filing_detail, name="filing-detail"),
    path("office/filings/<int:pk>/<slug:step>/", views.filing_step, name="filing-step"),
    path("office/incidental-reviews/", views.incidental_list, name="incidental-list"),
    path("office/incidental-reviews/new/", views.incidental_new, name="incidental-new"),
    path("office/incidental-reviews/<int:pk>/", views.incidental_detail, name="incidental-detail"),
    path("office/incidental-reviews/<int:pk>/reply/", views.incidental_reply, name="incidental-reply"),
    path("office/incidental-reviews/<int:pk>/conclude/", views.incidental_conclude, name="incidental-conclude"),
    path("documents/<int:pk>/suggest/", views.public_suggest, name="public-suggest"),
]
