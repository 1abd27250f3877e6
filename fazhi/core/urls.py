from django.contrib.auth import views as auth_views
from django.urls import path

from fazhi.core.views import office, submissions, two_factor

app_name = "core"
urlpatterns = [
    path("", office.office_home, name="office-home"),
    path("login/", office.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Two-factor sign-in and one's own password (decision 40).
    path("login/verify/", two_factor.verify, name="otp-verify"),
    path("account/two-factor/", two_factor.enrol, name="otp-enrol"),
    path("account/password/", two_factor.PasswordChangeView.as_view(), name="password-change"),
    path("bodies/", office.body_list, name="body-list"),
    path("bodies/<int:pk>/", office.body_detail, name="body-detail"),
    path("bodies/<int:pk>/members/", office.body_enrol, name="body-enrol"),
    path("memberships/<int:pk>/end/", office.membership_end, name="membership-end"),
    path("inbox/", office.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", office.inbox_read, name="inbox-read"),
    path("submissions/", submissions.submission_list, name="submission-list"),
    path("submissions/export.xlsx", submissions.submission_export, name="submission-export"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission-detail"),
    path(
        "submissions/<int:pk>/<slug:transition>/",
        submissions.submission_transition,
        name="submission-transition",
    ),
    path("attachments/<int:pk>/download/", submissions.attachment_download, name="attachment-download"),
]
