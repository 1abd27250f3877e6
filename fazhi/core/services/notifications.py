"""The in-app inbox, with e-mail sent by the `notifications.email` sweep."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core.errors import NotFound
from fazhi.core.models import Notification


def notify(recipients, title: str, *, message: str = "", link: str = "") -> list[Notification]:
    """Put a message in each recipient's inbox; those with an address get it by e-mail too."""
    notifications = [
        Notification(recipient=user, title=title[:200], message=message, link=link, email_due=bool(user.email))
        for user in recipients
        if user.is_active
    ]
    return Notification.objects.bulk_create(notifications)


@transaction.atomic
def mark_read(notification_id: int, *, actor) -> Notification:
    notification = Notification.objects.restrict(actor).filter(pk=notification_id).first()
    if notification is None:
        raise NotFound(_("未找到该通知。"))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor) -> int:
    return Notification.objects.restrict(actor).unread().update(read_at=timezone.now())
