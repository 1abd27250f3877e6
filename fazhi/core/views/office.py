"""The back office: login, the home page, the body tree and the inbox."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from fazhi.core.access import may
from fazhi.core.errors import FazhiError, NotFound
from fazhi.core.forms import EnrolmentForm
from fazhi.core.models import Body, Membership, Notification
from fazhi.core.services import notifications as notification_services
from fazhi.core.services import people as people_services


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


def _body_page(request, body, *, form=None, status=200):
    manages_people = may(request.user, "manage_people", body)
    members = (
        Membership.objects.restrict(request.user).active().filter(body=body).select_related("user")
        if manages_people
        else Membership.objects.none()
    )
    return render(
        request,
        "core/body_detail.html",
        {
            "body": body,
            "members": members,
            "manages_people": manages_people,
            "enrolment_form": form or EnrolmentForm(),
            "children": body.children.current(),
            "former_names": body.names.all(),
        },
        status=status,
    )


@login_required
@require_safe
def body_detail(request, pk):
    return _body_page(request, get_object_or_404(Body.objects.restrict(request.user), pk=pk))


@login_required
@require_POST
def body_enrol(request, pk):
    """The office gives a person a role at a body in its subtree."""
    body = get_object_or_404(Body.objects.restrict(request.user, "manage_people"), pk=pk)
    form = EnrolmentForm(request.POST)
    if not form.is_valid():
        return _body_page(request, body, form=form, status=400)
    try:
        membership = people_services.enroll(body, actor=request.user, **form.cleaned_data)
    except FazhiError as exc:
        form.add_error(None, exc.detail)
        for field, messages_ in exc.errors.items():
            for message in messages_:
                form.add_error(field if field in form.fields else None, message)
        return _body_page(request, body, form=form, status=exc.status_code)
    messages.success(
        request,
        _("已为%(user)s添加“%(role)s”角色。") % {"user": membership.user, "role": membership.get_role_display()},
    )
    return redirect("core:body-detail", pk=body.pk)


@login_required
@require_POST
def membership_end(request, pk):
    membership = Membership.objects.restrict(request.user, "change").select_related("body", "user").filter(pk=pk)
    membership = membership.first()
    if membership is None:
        raise NotFound()
    people_services.end_membership(membership, actor=request.user)
    messages.success(
        request,
        _("已终止%(user)s的“%(role)s”任职。") % {"user": membership.user, "role": membership.get_role_display()},
    )
    return redirect("core:body-detail", pk=membership.body_id)


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
