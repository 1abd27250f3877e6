from django.urls import path

from fazhi.inspections import views

app_name = "inspections"
urlpatterns = [
    path("office/inspections/", views.overview, name="overview"),
    path("office/inspections/items/", views.item_list, name="item-list"),
    path("office/inspections/items/publish/", views.item_publish, name="item-publish"),
    path("office/inspections/items/<int:pk>/edit/", views.item_edit, name="item-edit"),
    path("office/inspections/items/<int:pk>/remove/", views.item_remove, name="item-remove"),
    path("office/inspections/items/<int:pk>/withdraw/", views.item_withdraw, name="item-withdraw"),
    path("office/inspections/entities/", views.entity_list, name="entity-list"),
    path("office/inspections/entities/import/", views.entity_import, name="entity-import"),
    path("office/inspections/entities/import/template.xlsx", views.entity_template, name="entity-import-template"),
    path("office/inspections/plans/new/", views.plan_create, name="plan-create"),
    path("office/inspections/plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("office/inspections/plans/<int:pk>/edit/", views.plan_edit, name="plan-edit"),
    # Last of the `plans/<pk>/…` patterns: its `<slug:step>` would match theirs.
    path("office/inspections/plans/<int:pk>/<slug:step>/", views.plan_action, name="plan-action"),
    path("office/inspections/tasks/<int:pk>/", views.task_detail, name="task-detail"),
    path("office/inspections/tasks/<int:pk>/<slug:step>/", views.task_action, name="task-action"),
    path("inspections/", views.public_home, name="public-home"),
    path("inspections/results/", views.public_results, name="public-results"),
    path("inspections/plans/<int:pk>/", views.public_plan_detail, name="public-plan-detail"),
    path("inspections/plans/<int:pk>/candidates.txt", views.public_plan_candidates, name="public-plan-candidates"),
]
