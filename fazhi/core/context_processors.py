from django.conf import settings
from django.utils.translation import gettext as _


def platform(request):
    user = getattr(request, "user", None)
    unread = 0
    if user is not None and user.is_authenticated:
        unread = user.notifications.filter(read_at__isnull=True).count()
    return {
        "platform_name": _("依法行政综合管理平台"),
        "unread_count": unread,
        "site_url": settings.FAZHI_SITE_URL,
    }
