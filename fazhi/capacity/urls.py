from django.urls import path

from fazhi.capacity import views
from fazhi.capacity.registers import REGISTERS

app_name = "capacity"
urlpatterns = [
    path("office/capacity/", views.overview, name="overview"),
    path("office/capacity/bodies/<int:pk>/", views.body_page, name="body"),
    path("office/capacity/work-points/", views.work_points_list, name="work-points"),
    path("office/capacity/work-points/new/", views.work_points_new, name="work-points-new"),
    path("office/capacity/work-points/<int:pk>/", views.work_points_detail, name="work-points-detail"),
    path("office/capacity/work-points/<int:pk>/attach/", views.work_points_attach, name="work-points-attach"),
    path("office/capacity/work-points/<int:pk>/<slug:step>/", views.work_points_step, name="work-points-step"),
    path("office/capacity/duty-lists/", views.duty_lists, name="duty-lists"),
    path("office/capacity/duty-lists/new/", views.duty_list_new, name="duty-list-new"),
    path("office/capacity/duty-lists/<int:pk>/", views.duty_list_detail, name="duty-list-detail"),
    path("office/capacity/duty-lists/<int:pk>/<slug:step>/", views.duty_list_step, name="duty-list-step"),
    path("capacity/duty-lists/", views.public_duty_lists, name="public-duty-lists"),
    path("capacity/duty-lists/<int:pk>/", views.public_duty_list, name="public-duty-list"),
]
for key, register in REGISTERS.items():
    urlpatterns += [
        path(f"office/capacity/{key}/", views.register_list, {"key": key}, name=key),
        path(f"office/capacity/{key}/new/", views.register_new, {"key": key}, name=f"{key}-new"),
        path(f"office/capacity/{key}/<int:pk>/", views.register_detail, {"key": key}, name=f"{key}-detail"),
        path(f"office/capacity/{key}/<int:pk>/remove/", views.register_remove, {"key": key}, name=f"{key}-remove"),
    ]
    if register.files:
        urlpatterns.append(
            path(f"office/capacity/{key}/<int:pk>/attach/", views.register_attach, {"key": key}, name=f"{key}-attach")
        )
