"""The core's scheduled jobs."""

import datetime

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.core import audit
from fazhi.core.jobs import job
from fazhi.core.models import JobRun, Notification

EMAIL_JOB = "notifications.email"
EMAIL_BATCH_SIZE = 25
# A claim whose sweep started this long ago and never finished belongs to a process that died.
STALE_CLAIM_AFTER = datetime.timedelta(hours=1)


@job("audit.chain", gettext_lazy("补链审计事件"))
def chain_audit_events(runner: str) -> int:
    """Chain events whose commit-time chaining was interrupted (a process died in between)."""
    return audit.chain_pending()


@job(EMAIL_JOB, gettext_lazy("发送通知邮件"))
def send_notification_emails(runner: str) -> int:
    """E-mail the notifications due, each exactly once however many sweeps run at once.

    A batch is claimed by a conditional UPDATE (`WHERE email_claimed_by = ''`): the database lets
    one sweep win each row, and the mail is sent outside any transaction, so no lock is held
    while a mail server is slow. Returns how many e-mails were sent.
    """
    _release_stale_claims(runner)
    sent = 0
    while True:
        candidates = list(
            Notification.objects.filter(email_due=True, email_claimed_by="")
            .order_by("id")
            .values_list("pk", flat=True)[:EMAIL_BATCH_SIZE]
        )
        if not candidates:
            return sent
        claimed = Notification.objects.filter(pk__in=candidates, email_due=True, email_claimed_by="").update(
            email_claimed_by=runner
        )
        if claimed:
            sent += _send_claimed(candidates, runner, sent_before=sent)


def _send_claimed(candidates: list[int], runner: str, *, sent_before: int) -> int:
    """Send the rows of this batch that `runner` won; on a failure give the rest back."""
    batch = list(
        Notification.objects.filter(pk__in=candidates, email_claimed_by=runner, email_due=True)
        .select_related("recipient")
        .order_by("id")
    )
    sent, done = 0, []
    try:
        with mail.get_connection() as connection:
            for notification in batch:
                recipient = notification.recipient
                deliverable = recipient.is_active and bool(recipient.email)
                if deliverable:
                    _message(notification, connection).send()
                    sent += 1
                # Marked one by one: a crash repeats at most the mail in flight, not the batch.
                Notification.objects.filter(pk=notification.pk, email_claimed_by=runner).update(
                    email_due=False, emailed_at=timezone.now() if deliverable else None
                )
                done.append(notification.pk)
    except Exception as exc:
        Notification.objects.filter(
            pk__in=[n.pk for n in batch if n.pk not in done], email_claimed_by=runner, email_due=True
        ).update(email_claimed_by="")
        raise RuntimeError(
            _("发送通知邮件失败（本次已发出 %(sent)d 封，其余留待下次）：%(error)s")
            % {"sent": sent_before + sent, "error": exc}
        ) from exc
    return sent


def _message(notification: Notification, connection) -> mail.EmailMessage:
    recipient = notification.recipient
    subject = _("【依法行政综合管理平台】%(title)s") % {"title": " ".join(notification.title.split())}
    lines = [
        _("%(name)s，您好：") % {"name": recipient.full_name or recipient.get_username()},
        "",
        notification.title,
    ]
    if notification.message:
        lines += ["", notification.message]
    lines += [
        "",
        _("查看详情：%(url)s") % {"url": absolute_url(notification.link or reverse("core:inbox"))},
        "",
        _("此邮件由依法行政综合管理平台自动发送，请勿直接回复。"),
    ]
    return mail.EmailMessage(subject, "\n".join(lines), to=[recipient.email], connection=connection)


def absolute_url(link: str) -> str:
    """A link stored as a path, made absolute with the site's address for use outside the site."""
    if link.startswith(("http://", "https://")):
        return link
    return settings.FAZHI_SITE_URL.rstrip("/") + "/" + link.lstrip("/")


def _release_stale_claims(runner: str) -> int:
    """Give back claims held by sweeps that are over or died, so their mail is not lost.

    A claim names its sweep's runner; a runner with no unfinished, recent `notifications.email`
    run can no longer send it. (Jobs run through `jobs.run`, which records the run first.)
    """
    claimants = set(
        Notification.objects.filter(email_due=True)
        .exclude(email_claimed_by__in=["", runner])
        .order_by()
        .values_list("email_claimed_by", flat=True)
        .distinct()
    )
    if not claimants:
        return 0
    alive = set(
        JobRun.objects.filter(
            job=EMAIL_JOB,
            runner__in=claimants,
            finished_at__isnull=True,
            started_at__gte=timezone.now() - STALE_CLAIM_AFTER,
        ).values_list("runner", flat=True)
    )
    return Notification.objects.filter(email_due=True, email_claimed_by__in=claimants - alive).update(
        email_claimed_by=""
    )
