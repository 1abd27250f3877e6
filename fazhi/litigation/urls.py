from django.urls import path

from fazhi.litigation import views

app_name = "litigation"
urlpatterns = [
    path("office/litigation/", views.cases, name="cases"),
    path("office/litigation/new/", views.case_new, name="case-new"),
    path("office/litigation/<int:pk>/", views.case_detail, name="case-detail"),
    path("office/litigation/<int:pk>/<slug:step>/", views.case_step, name="case-step"),
    path("office/litigation/suggestions/", views.suggestions, name="suggestions"),
    path("office/litigation/suggestions/new/", views.suggestion_new, name="suggestion-new"),
    path("office/litigation/suggestions/<int:pk>/", views.suggestion_detail, name="suggestion-detail"),
    path("office/litigation/suggestions/<int:pk>/<slug:step>/", views.suggestion_step, name="suggestion-step"),
    path("office/litigation/statistics/", views.statistics, name="statistics"),
]
