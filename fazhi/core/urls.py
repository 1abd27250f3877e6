from django.contrib.auth import views as auth_views
from django.urls import path

from fazhi.core.views import office

app_name = "core"
urlpatterns = [
    path("", office.office_home, name="office-home"),
    path("login/", office.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("bodies/", office.body_list, name="body-list"),
    path("bodies/<int:pk>/", office.body_detail, name="body-detail"),
    path("inbox/", office.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", office.inbox_read, name="inbox-read"),
]
