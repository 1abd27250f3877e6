"""The back office: login, the home page, the body tree and the inbox."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from fazhi.core.access import may
from fazhi.core.models import Body, Membership, Notification
from fazhi.core.services import notifications as notification_services


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("用户名或密码不正确。"),
        "inactive": _("该账号已停用。"),
    }


class LoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


@login_required
@require_safe
def office_home(request):
    memberships = Membership.objects.active().filter(user=request.user).select_related("body")
    recent = Notification.objects.restrict(request.user)[:5]
    return render(request, "core/office_home.html", {"memberships": memberships, "recent_notifications": recent})


@login_required
@require_safe
def body_list(request):
    bodies = Body.objects.restrict(request.user).current().select_related("parent")
    return render(request, "core/body_list.html", {"bodies": bodies})


@login_required
@require_safe
def body_detail(request, pk):
    body = get_object_or_404(Body.objects.restrict(request.user), pk=pk)
    members = (
        Membership.objects.restrict(request.user).active().filter(body=body).select_related("user")
        if may(request.user, "manage_people", body)
        else Membership.objects.none()
    )
    return render(
        request,
        "core/body_detail.html",
        {
            "body": body,
            "members": members,
            "children": body.children.current(),
            "former_names": body.names.all(),
        },
    )


@login_required
@require_safe
def inbox(request):
    page = Paginator(Notification.objects.restrict(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "core/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request, pk):
    notification = notification_services.mark_read(pk, actor=request.user)
    if request.headers.get("HX-Request"):
        return render(request, "core/_notification.html", {"notification": notification, "refresh_unread_count": True})
    return redirect(notification.link or "core:inbox")
