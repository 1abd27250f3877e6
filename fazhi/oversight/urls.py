from django.urls import path

from fazhi.oversight import views

app_name = "oversight"
urlpatterns = [
    path("office/oversight/", views.home, name="home"),
    path("office/oversight/proposals/", views.proposals, name="proposals"),
    path("office/oversight/proposals/new/", views.proposal_new, name="proposal-new"),
    path("office/oversight/proposals/<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("office/oversight/proposals/<int:pk>/<slug:step>/", views.proposal_step, name="proposal-step"),
    path("office/oversight/congress/", views.reports, name="reports"),
    path("office/oversight/congress/new/", views.report_new, name="report-new"),
    path("office/oversight/congress/<int:pk>/", views.report_detail, name="congress-detail"),
    path("office/oversight/congress/<int:pk>/<slug:step>/", views.report_step, name="congress-step"),
    path("office/oversight/inspections/", views.inspections, name="inspections"),
    path("office/oversight/inspections/new/", views.inspection_new, name="inspection-new"),
    path("office/oversight/inspections/<int:pk>/", views.inspection_detail, name="inspection-detail"),
    path("office/oversight/inspections/<int:pk>/<slug:step>/", views.inspection_step, name="inspection-step"),
    path("office/oversight/measures/", views.measures, name="measures"),
    path("office/oversight/measures/new/", views.measure_new, name="measure-new"),
    path("office/oversight/measures/<int:pk>/", views.measure_detail, name="measure-detail"),
    path("office/oversight/measures/<int:pk>/<slug:step>/", views.measure_step, name="measure-step"),
    path("office/oversight/evaluation/", views.plans, name="plans"),
    path("office/oversight/evaluation/new/", views.plan_new, name="plan-new"),
    path("office/oversight/evaluation/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("office/oversight/evaluation/<int:pk>/<slug:step>/", views.plan_step, name="plan-step"),
    path("office/oversight/evaluation/tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("office/oversight/evaluation/tasks/<int:pk>/<slug:step>/", views.task_step, name="task-step"),
    path("oversight/replies/", views.public_replies, name="public-replies"),
    path("oversight/replies/<int:pk>/", views.public_reply, name="public-reply"),
]
