"""Scheduled jobs: the registry, and the notification e-mail sweep that sends each mail once."""

import datetime
import re
from collections import Counter
from smtplib import SMTPException
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from fazhi.core import jobs, tasks
from fazhi.core.models import JobRun, Notification
from fazhi.core.services.notifications import notify
from fazhi.core.testing import make_user
from fazhi.core.testing.processes import describe, fazhi_in_parallel

EMAIL = "notifications.email"


def test_jobs_are_discovered_from_the_apps_tasks_modules():
    assert {"audit.chain", EMAIL} <= set(jobs.REGISTRY)
    assert jobs.REGISTRY[EMAIL].label == "发送通知邮件"


def test_a_run_is_recorded_with_its_count(db):
    (record,) = jobs.run(["audit.chain"], runner="r1")
    record.refresh_from_db()
    assert (record.job, record.runner, record.succeeded, record.items) == ("audit.chain", "r1", True, 0)
    assert record.finished_at >= record.started_at


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/office/inbox/", "https://fazhi.example.gov.cn/office/inbox/"),
        ("office/inbox/", "https://fazhi.example.gov.cn/office/inbox/"),
        ("https://other.example/x", "https://other.example/x"),
    ],
)
def test_links_are_made_absolute_with_the_site_url(settings, link, expected):
    settings.FAZHI_SITE_URL = "https://fazhi.example.gov.cn/"
    assert tasks.absolute_url(link) == expected


def test_due_notifications_are_emailed_once_in_chinese_with_absolute_links(db, mailoutbox, settings):
    settings.FAZHI_SITE_URL = "https://fazhi.example.gov.cn"
    alice = make_user("alice", full_name="李华", email="alice@example.com")
    bob = make_user("bob", email="")
    notify([alice, bob], "请审核规范性文件", message="《江门市某管理办法》已提交合法性审核。", link="/office/docs/7/")

    (record,) = jobs.run([EMAIL])
    assert (record.succeeded, record.items) == (True, 1)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["alice@example.com"]
    assert message.subject == "【依法行政综合管理平台】请审核规范性文件"
    assert "李华，您好" in message.body
    assert "《江门市某管理办法》已提交合法性审核。" in message.body
    assert "查看详情：https://fazhi.example.gov.cn/office/docs/7/" in message.body

    sent = Notification.objects.get(recipient=alice)
    assert (sent.email_due, sent.email_claimed_by) == (False, record.runner)
    assert sent.emailed_at is not None
    assert Notification.objects.get(recipient=bob).email_due is False, "no address, nothing due"

    (again,) = jobs.run([EMAIL])
    assert again.items == 0
    assert len(mailoutbox) == 1


def test_a_notification_without_a_link_points_to_the_inbox(db, mailoutbox, settings):
    settings.FAZHI_SITE_URL = "http://127.0.0.1:8000"
    notify([make_user(email="a@example.com")], "系统通知")
    jobs.run([EMAIL])
    assert "查看详情：http://127.0.0.1:8000/office/inbox/" in mailoutbox[0].body


def test_a_recipient_who_lost_the_address_is_skipped_not_retried(db, mailoutbox):
    user = make_user(email="gone@example.com")
    notify([user], "通知")
    user.email = ""
    user.save(update_fields=["email"])
    (record,) = jobs.run([EMAIL])
    assert (record.items, len(mailoutbox)) == (0, 0)
    notification = Notification.objects.get()
    assert (notification.email_due, notification.emailed_at) == (False, None)


def test_mail_claimed_by_a_running_sweep_is_left_to_it(db, mailoutbox):
    notify([make_user(email="a@example.com")], "通知")
    JobRun.objects.create(job=EMAIL, runner="other", started_at=timezone.now())
    Notification.objects.update(email_claimed_by="other")
    (record,) = jobs.run([EMAIL])
    assert (record.items, len(mailoutbox)) == (0, 0)
    assert Notification.objects.get().email_due is True


@pytest.mark.parametrize(
    "claimant",
    [
        {"finished_at": timezone.now()},  # its run ended without sending
        {"started_at": timezone.now() - datetime.timedelta(hours=2)},  # its process died
        None,  # no run recorded at all
    ],
)
def test_mail_claimed_by_a_dead_or_finished_sweep_is_sent(db, mailoutbox, claimant):
    notify([make_user(email="a@example.com")], "通知")
    if claimant is not None:
        JobRun.objects.create(job=EMAIL, runner="dead", **{"started_at": timezone.now(), **claimant})
    Notification.objects.update(email_claimed_by="dead")
    (record,) = jobs.run([EMAIL])
    assert (record.items, len(mailoutbox)) == (1, 1)


def test_a_failed_send_gives_the_rest_back_for_the_next_sweep(db, mailoutbox):
    users = [make_user(email=f"u{number}@example.com") for number in range(3)]
    for user in users:
        notify([user], "通知")
    real_send = mail.EmailMessage.send
    calls = []

    def flaky_send(message, fail_silently=False):
        calls.append(message.to)
        if len(calls) == 2:
            raise SMTPException("421 服务暂不可用")
        return real_send(message, fail_silently)

    with mock.patch.object(mail.EmailMessage, "send", flaky_send):
        (failed,) = jobs.run([EMAIL])
    assert failed.succeeded is False
    assert "本次已发出 1 封" in failed.message
    assert "421" in failed.message
    assert len(mailoutbox) == 1
    assert Notification.objects.filter(email_due=True, email_claimed_by="").count() == 2

    (retried,) = jobs.run([EMAIL])
    assert (retried.succeeded, retried.items) == (True, 2)
    assert sorted(message.to[0] for message in mailoutbox) == [user.email for user in users]


def test_mail_is_sent_in_batches(db, mailoutbox, monkeypatch):
    monkeypatch.setattr(tasks, "EMAIL_BATCH_SIZE", 2)
    user = make_user(email="a@example.com")
    for number in range(5):
        notify([user], f"通知{number}")
    (record,) = jobs.run([EMAIL])
    assert record.items == 5
    assert sorted(message.subject for message in mailoutbox) == [f"【依法行政综合管理平台】通知{n}" for n in range(5)]


# ---------------------------------------------------------------------------- several processes

NOTIFICATIONS = 120
SWEEPS = 3


@pytest.mark.multiprocess
@pytest.mark.django_db(transaction=True)
def test_concurrent_sweeps_send_each_email_exactly_once(tmp_path):
    users = [make_user(email=f"user{number}@example.com") for number in range(4)]
    for number in range(NOTIFICATIONS):
        notify([users[number % len(users)]], f"待办事项{number}", link=f"/office/items/{number}/")
    outbox = tmp_path / "mail"

    results = fazhi_in_parallel(
        ["sweep", "--job", EMAIL],
        SWEEPS,
        env={
            "FAZHI_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "FAZHI_EMAIL_FILE_PATH": str(outbox),
            "FAZHI_SITE_URL": "https://fazhi.example.gov.cn",
        },
    )
    assert all(result.returncode == 0 for result in results), describe(results)

    text = "".join(path.read_text(encoding="utf-8") for path in outbox.iterdir())
    links = Counter(re.findall(r"https://fazhi\.example\.gov\.cn/office/items/(\d+)/", text))
    assert len(re.findall(r"^Message-ID: ", text, flags=re.M)) == NOTIFICATIONS
    assert links == {str(number): 1 for number in range(NOTIFICATIONS)}, "each e-mail exactly once"

    runs = list(JobRun.objects.filter(job=EMAIL))
    assert len(runs) == SWEEPS
    assert all(run.succeeded for run in runs)
    assert sum(run.items for run in runs) == NOTIFICATIONS
    assert not Notification.objects.filter(email_due=True).exists()
    assert Notification.objects.filter(emailed_at__isnull=False).count() == NOTIFICATIONS
    # Every sweep's claims are its own: the mail was shared out, not sent by one and repeated.
    claimed = Counter(Notification.objects.values_list("email_claimed_by", flat=True))
    assert {run.runner: run.items for run in runs if run.items} == dict(claimed)
