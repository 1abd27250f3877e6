from django.urls import path

from fazhi.reconsideration import views

app_name = "reconsideration"
urlpatterns = [
    path("office/reconsideration/", views.register, name="register"),
    path("office/reconsideration/enter/", views.enter, name="enter"),
    path("office/reconsideration/lodge/", views.lodge, name="lodge"),
    path("office/reconsideration/letters/", views.letters, name="letters"),
    path("office/reconsideration/letters/<int:pk>/", views.letter, name="letter"),
    path("office/reconsideration/statistics/", views.statistics, name="statistics"),
    path("office/reconsideration/analysis/", views.analysis_reports, name="analysis-reports"),
    path("office/reconsideration/guide/", views.guide, name="guide"),
    path("office/reconsideration/<int:pk>/", views.detail, name="detail"),
    path("office/reconsideration/<int:pk>/<slug:step>/", views.step, name="step"),
    path("reconsideration/", views.public_index, name="public-index"),
    path("reconsideration/guide/<int:pk>/", views.public_guide, name="public-guide"),
    path("reconsideration/decisions/", views.public_decisions, name="public-decisions"),
    path("reconsideration/decisions/<int:pk>/", views.public_decision, name="public-decision"),
    path("reconsideration/complete/", views.public_complete, name="public-complete"),
]
