"""The back office as staff use it, in Chromium against the live server with the Jiangmen demo."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from fazhi.core.models import Notification
from fazhi.core.services import submissions
from fazhi.core.services.notifications import notify

pytestmark = pytest.mark.browser


def chinese_date(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def test_clerk_logs_in_and_sees_the_office_home_with_their_membership(login):
    page = login("scj_clerk")

    expect(page).to_have_url(re.compile(r"/office/$"))
    expect(page).to_have_title(re.compile("^工作台"))
    expect(page.get_by_role("heading", name="工作台", level=1)).to_be_visible()
    today = chinese_date(timezone.localdate())
    expect(page.locator("main")).to_contain_text(f"黄永健，您好。今天是{today}。")
    memberships = page.locator(".card", has=page.get_by_role("heading", name="我的任职"))
    expect(memberships).to_contain_text("江门市市场监督管理局 · 经办人")
    expect(page.get_by_role("button", name="退出（黄永健）")).to_be_visible()


def test_staff_browse_the_body_list_and_a_body_detail(login):
    page = login("scj_clerk")

    page.get_by_role("navigation").get_by_role("link", name="单位").click()
    expect(page.get_by_role("heading", name="单位", level=1)).to_be_visible()

    def row(name):
        return page.locator("tbody tr").filter(has=page.get_by_role("link", name=name, exact=True))

    expect(row("江门市司法局").locator("td")).to_have_text(["江门市司法局", "市直单位", "江门市人民政府", "市直单位"])
    expect(row("蓬江区人民政府").locator("td")).to_have_text(
        ["蓬江区人民政府", "市（区）人民政府", "江门市人民政府", "各市（区）政府"]
    )
    # Bodies abolished by the 2019 reform are not in today's list.
    expect(row("江门市法制局")).to_have_count(0)

    page.get_by_role("link", name="江门市司法局", exact=True).click()
    expect(page.get_by_role("heading", name="江门市司法局", level=1)).to_be_visible()
    details = page.locator("dl")
    expect(details).to_contain_text("市直单位")
    expect(details).to_contain_text("依法行政领导小组办公室")
    # The former name the seed uses (市法制局) is shown with the date it ended, in Chinese.
    expect(details).to_contain_text("江门市法制局（至2019年1月31日）")
    # A clerk of another body does not see who works here.
    expect(page.get_by_role("heading", name="人员")).to_have_count(0)

    page.get_by_role("link", name="江门市人民政府").click()
    expect(page.get_by_role("heading", name="江门市人民政府", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="下级单位")).to_be_visible()
    expect(page.get_by_role("link", name="蓬江区人民政府")).to_be_visible()


def test_office_sees_the_people_of_a_body_in_its_subtree(login):
    page = login("office")

    page.locator(".card").get_by_role("link", name="江门市人民政府").click()
    page.get_by_role("link", name="江门市市场监督管理局").click()
    people = page.locator("section", has=page.get_by_role("heading", name="人员"))
    expect(people.locator("tbody tr")).to_have_count(5)
    expect(people.locator("tr", has_text="黄永健")).to_contain_text("经办人")
    expect(people.locator("tr", has_text="何建华")).to_contain_text("负责人")


def test_clerk_opening_another_body_record_gets_the_chinese_404_page(login, page, demo, browser_problems):
    receipt = submissions.submit(
        "suggestion",
        {
            "subject": "关于优化排污许可办理流程的建议",
            "content": "建议在网上公开排污许可办理进度。",
            "submitter_name": "陈大文",
        },
        client_ip="203.0.113.21",
        body=demo["bodies"]["jm-sthjj"],
    )
    detail = f"/office/submissions/{receipt.submission.pk}/"
    browser_problems.allow(r"status of 404")

    # The clerk of 市生态环境局, to which it was addressed, opens it.
    login("sthj_clerk")
    expect(page.get_by_role("link", name="公众提交")).to_be_visible()
    page.goto(detail)
    expect(page.locator("main")).to_contain_text("关于优化排污许可办理流程的建议")
    page.get_by_role("button", name=re.compile("^退出")).click()

    # The clerk of 市市场监管局 gets the same page as for an id that does not exist.
    login("scj_clerk")
    response = page.goto(detail)

    assert response.status == 404
    expect(page).to_have_title(re.compile("^出错了"))
    expect(page.get_by_role("heading", name="未找到", level=1)).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("未找到")
    expect(page.locator("main")).not_to_contain_text("排污许可")

    response = page.goto("/office/bodies/999999/")
    assert response.status == 404
    expect(page.get_by_role("alert")).to_contain_text("您访问的页面不存在，或您无权查看。")


def test_wrong_password_shows_the_chinese_error_and_stays_logged_out(login, page):
    login("scj_clerk", "not-the-password")

    expect(page).to_have_url(re.compile(r"/office/login/$"))
    expect(page.get_by_role("alert")).to_have_text("用户名或密码不正确。")
    expect(page.get_by_label("用户名")).to_have_value("scj_clerk")
    expect(page.get_by_label("密码")).to_have_value("")

    page.goto("/office/")
    expect(page).to_have_url(re.compile(r"/office/login/\?next=/office/$"))


def test_logout_returns_to_the_portal_and_closes_the_office(login):
    page = login("scj_clerk")

    page.get_by_role("button", name="退出（黄永健）").click()

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("link", name="工作人员登录")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("^退出"))).to_have_count(0)
    page.goto("/office/bodies/")
    expect(page).to_have_url(re.compile(r"/office/login/\?next=/office/bodies/$"))
    expect(page.get_by_role("heading", name="工作人员登录")).to_be_visible()


def test_login_continues_to_the_page_asked_for(page, demo):
    page.goto("/office/bodies/")
    expect(page).to_have_url(re.compile(r"/office/login/\?next="))

    page.get_by_label("用户名").fill("office")
    page.get_by_label("密码").fill(demo["password"])
    page.get_by_role("button", name="登录").click()

    expect(page).to_have_url(re.compile(r"/office/bodies/$"))
    expect(page.get_by_role("heading", name="单位", level=1)).to_be_visible()


def test_inbox_marks_notifications_read_in_place(login, demo):
    clerk = demo["users"]["scj_clerk"]
    Notification.objects.filter(recipient=clerk).delete()  # the demo's own notices are not this test's subject
    (report,) = notify(
        [clerk], "请于11月30日前报送年度依法行政工作报告", message="依据意见第三十五条。", link="/office/"
    )
    (training,) = notify([clerk], "年度法治培训安排")
    page = login("scj_clerk")
    expect(page.locator("#unread-count")).to_have_text("2")
    expect(page.locator(".card", has_text="最新通知")).to_contain_text(
        f"请于11月30日前报送年度依法行政工作报告 {chinese_date(timezone.localdate())}"
    )

    page.get_by_role("navigation").get_by_role("link", name=re.compile("^通知")).click()
    item = page.locator(f"#notification-{report.pk}")
    expect(item).to_contain_text("依据意见第三十五条。")
    expect(item).to_have_class(re.compile(r"\bunread\b"))

    with page.expect_response(f"**/office/inbox/{report.pk}/read/") as answer:
        item.get_by_role("button", name="标为已读").click()
    assert answer.value.request.headers.get("hx-request") == "true"

    expect(item.locator(".status")).to_have_text("已读")
    expect(item.get_by_role("button", name="标为已读")).to_have_count(0)
    expect(item).not_to_have_class(re.compile(r"\bunread\b"))
    expect(page).to_have_url(re.compile(r"/office/inbox/$"))  # swapped in place, no navigation
    expect(page.locator("#unread-count")).to_have_text("1")  # the header's count follows
    assert Notification.objects.get(pk=report.pk).read_at is not None
    assert Notification.objects.get(pk=training.pk).read_at is None

    page.locator(f"#notification-{training.pk}").get_by_role("button", name="标为已读").click()
    expect(page.locator(f"#notification-{training.pk} .status")).to_have_text("已读")
    expect(page.locator("#unread-count")).to_be_hidden()

    page.reload()
    expect(page.locator("#unread-count")).to_have_count(0)
    expect(page.locator(".inbox .status")).to_have_text(["已读", "已读"])
