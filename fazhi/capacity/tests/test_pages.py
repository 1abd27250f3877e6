"""The capacity pages: what a clerk records and sees, what the leading-group office reads, what
another body gets (404), bad input on every form, and the portal's published duty lists."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.capacity import registers, services, testing
from fazhi.capacity.models import DutyList, LearningActivity, PublicityRecord, WorkPoints

D = datetime.date
SCRIPT = "<script>alert(1)</script>"


def _login(client, user):
    client.force_login(user)
    return client


def test_a_clerk_records_a_training_on_the_form_and_sees_it_count(today, client, city, staff):
    _login(client, staff["market"])
    market = city["market"]
    page = client.get(reverse("capacity:learning-new")).content.decode()
    assert f'<option value="{market.pk}" selected>' in page and "参加人数" in page
    response = client.post(
        reverse("capacity:learning-new"),
        {
            "body": market.pk,
            "held_on": "2026-04-02",
            "kind": "training",
            "topic": f"行政执法程序培训{SCRIPT}",
            "attendees": "38",
            "speaker": "王教授",
        },
    )
    activity = LearningActivity.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "capacity:learning-detail", args=[activity.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    assert "2026年4月2日" in detail and "法律知识培训" in detail and "否" in detail
    assert SCRIPT not in detail and "&lt;script&gt;" in detail
    body_page = client.get(reverse("capacity:body", args=[market.pk]), {"year": "2026"}).content.decode()
    assert '<span class="count">1 / 2</span>' in body_page
    assert "意见第四十条第二款" in body_page and "未到期" in body_page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"held_on": ""}, "请填写举办日期。"),
        ({"held_on": "2026-02-30"}, "举办日期应为日期（YYYY-MM-DD）。"),
        ({"attendees": "三十"}, "参加人数应为不超过"),
        ({"kind": "party"}, "形式应为以下之一"),
        ({"body": ""}, "请指定单位。"),
        ({"body": "999999"}, "请选择本人所在、可以录入的单位。"),
        ({"leadership_lecture": "true"}, "领导班子法治专题讲座的形式应为"),
    ],
)
def test_bad_input_on_the_form_is_shown_in_chinese_and_nothing_is_saved(today, client, city, staff, changes, message):
    _login(client, staff["market"])
    data = {"body": city["market"].pk, "held_on": "2026-04-02", "kind": "training", "topic": "培训", "attendees": "3"}
    response = client.post(reverse("capacity:learning-new"), {**data, **changes})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="培训"' in page
    assert not LearningActivity.objects.exists()


def test_every_register_form_opens_and_refuses_an_empty_post(today, client, city, staff):
    _login(client, staff["county"])
    for key in registers.REGISTERS:
        assert client.get(reverse(f"capacity:{key}-new")).status_code == 200, key
        assert client.get(reverse(f"capacity:{key}")).status_code == 200, key
        response = client.post(reverse(f"capacity:{key}-new"), {"body": city["county"].pk})
        assert response.status_code == 400, key
        assert "请填写" in response.content.decode() or "请选择" in response.content.decode(), key


def test_revise_and_remove_on_the_record_page(today, client, city, staff):
    _login(client, staff["market"])
    record = services.record(
        registers.PUBLICITY,
        actor=staff["market"],
        body=city["market"].pk,
        data={"published_on": "2026-05-01", "channel": "website", "title": "我局法治政府建设纪实"},
    )
    url = reverse("capacity:publicity-detail", args=[record.pk])
    response = client.post(url, {"title": "", "channel": "website", "published_on": "2026-05-01"})
    assert response.status_code == 400 and "请填写标题。" in response.content.decode()
    response = client.post(url, {"title": "新标题", "channel": "new_media", "published_on": "2026-05-02"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert (record.title, record.channel, record.published_on) == ("新标题", "new_media", D(2026, 5, 2))
    assert client.post(reverse("capacity:publicity-remove", args=[record.pk])).status_code == 302
    assert not PublicityRecord.objects.exists()


def test_unticking_a_box_on_revision_clears_it(today, client, city, staff):
    _login(client, staff["county"])
    lecture = testing.learn(city["county"], staff["county"], kind="lecture", leadership_lecture=True)
    data = {"held_on": "2026-03-05", "kind": "lecture", "topic": lecture.topic, "attendees": "45"}
    assert client.post(reverse("capacity:learning-detail", args=[lecture.pk]), data).status_code == 302
    lecture.refresh_from_db()
    assert not lecture.leadership_lecture


def test_another_body_gets_404_and_the_office_above_reads_without_forms(today, client, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    market = city["market"]
    activity = testing.learn(market, staff["market"], speaker="王大明", leaders_present="何建华、李明")
    services.attach(activity, SimpleUploadedFile("课件.txt", "课件".encode()), actor=staff["market"])
    plan = testing.plan(market, staff["market"])
    listed = testing.duty_list(market, staff["market"], staff["market_head"], published_on=None)
    urls = [
        reverse("capacity:learning-detail", args=[activity.pk]),
        reverse("capacity:work-points-detail", args=[plan.pk]),
        reverse("capacity:duty-list-detail", args=[listed.pk]),
        reverse("capacity:body", args=[market.pk]),
    ]
    _login(client, staff["ecology"])
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("capacity:learning-remove", args=[activity.pk])).status_code == 404
    assert client.post(reverse("capacity:work-points-step", args=[plan.pk, "adopt"])).status_code == 404
    _login(client, staff["county"])  # another subtree's office
    assert all(client.get(url).status_code == 404 for url in urls)

    _login(client, staff["office"])
    page = client.get(urls[0]).content.decode()
    assert "王**" in page and "何**、李*" in page and "王大明" not in page
    assert 'id="revise-form"' not in page and "上传附件" not in page
    assert client.post(urls[0], {"topic": "改"}).status_code == 403
    assert client.post(reverse("capacity:learning-remove", args=[activity.pk])).status_code == 403
    page = client.get(urls[1]).content.decode()
    assert "您在此环节没有可办理的操作。" in page
    assert (
        client.post(reverse("capacity:work-points-step", args=[plan.pk, "add-measure"]), {"content": "x"}).status_code
        == 403
    )
    listing = client.get(reverse("capacity:learning"), {"body": market.pk}).content.decode()
    assert activity.topic in listing and "王**" in listing
    assert LearningActivity.objects.get().topic == activity.topic

    _login(client, staff["market"])
    page = client.get(urls[0]).content.decode()
    assert "王大明" in page and "何建华、李明" in page and 'id="revise-form"' in page


def test_the_overview_counts_against_the_minimums(today, client, city, staff):
    testing.learn(city["market"], staff["market"])
    testing.learn(city["county"], staff["county"], kind="lecture", leadership_lecture=True)
    testing.meeting(city["county"], staff["county"])
    _login(client, staff["office"])
    page = client.get(reverse("capacity:overview"), {"year": "2026"}).content.decode()
    row = page.split(f'id="overview-{city["county"].code}"')[1].split("</tr>")[0]
    assert '<td class="minimum-learning">1 / 2</td>' in row
    assert '<td class="minimum-lectures">1 / 2</td>' in row and '<td class="minimum-meetings">1 / 1</td>' in row
    market_row = page.split(f'id="overview-{city["market"].code}"')[1].split("</tr>")[0]
    assert '<td class="minimum-lectures">—</td>' in market_row and '<td class="minimum-meetings">—</td>' in market_row
    _login(client, staff["market"])
    page = client.get(reverse("capacity:overview")).content.decode()
    assert f'id="overview-{city["market"].code}"' in page and f'id="overview-{city["county"].code}"' not in page


def test_work_points_on_the_pages(today, client, city, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today.set(D(2026, 2, 20))
    _login(client, staff["market"])
    response = client.post(
        reverse("capacity:work-points-new"),
        {"body": city["market"].pk, "year": "2026", "title": "2026年依法行政工作要点", "goals": f"目标{SCRIPT}"},
    )
    plan = WorkPoints.objects.get()
    assert response.status_code == 302
    step = lambda name, data=None, **extra: client.post(  # noqa: E731
        reverse("capacity:work-points-step", args=[plan.pk, name]), data or {}, **extra
    )
    response = step("adopt", {"adopted_on": "2026-02-20", "document_number": "x"})
    assert response.status_code == 409 and "还没有工作措施" in response.content.decode()
    assert (
        step(
            "add-measure", {"content": "修订裁量基准", "responsible_unit": "法规科", "due_on": "2027-01-01"}
        ).status_code
        == 400
    )
    assert (
        step(
            "add-measure", {"content": "修订裁量基准", "responsible_unit": "法规科", "due_on": "2026-06-30"}
        ).status_code
        == 302
    )
    response = step("adopt", {"adopted_on": "2026-02-20", "file": SimpleUploadedFile("要点.txt", "工作要点".encode())})
    assert response.status_code == 302
    page = client.get(reverse("capacity:work-points-detail", args=[plan.pk])).content.decode()
    assert "已印发" in page and "要点.txt" in page and "2026年3月31日" in page and SCRIPT not in page
    assert step("nonsense").status_code == 404
    measure = plan.measures.get()
    assert step("progress", {"measure": measure.pk, "reported_on": "2026-02-20", "text": "已启动。"}).status_code == 302
    response = step("assess", {"assessed_on": "2026-02-20", "assessment": "x"})
    assert response.status_code == 409 and "年终考核自2026年12月1日起进行" in response.content.decode()
    plan.refresh_from_db()
    assert plan.status == "adopted"


def test_the_duty_list_on_the_pages_and_on_the_portal(today, client, city, staff):
    _login(client, staff["market"])
    response = client.post(reverse("capacity:duty-list-new"), {"body": city["market"].pk, "year": "2026"})
    listed = DutyList.objects.get()
    assert response.status_code == 302
    assert (
        client.post(reverse("capacity:duty-list-new"), {"body": city["market"].pk, "year": "2026"}).status_code == 409
    )
    url = reverse("capacity:duty-list-step", args=[listed.pk, "add-item"])
    data = {
        "subject": f"食品安全法{SCRIPT}",
        "audience": "食品经营者",
        "measures": "以案释法。",
        "responsible_unit": "食品科",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(
        reverse("capacity:duty-list-step", args=[listed.pk, "publish"]), {"published_on": "2026-02-01"}
    )
    assert response.status_code == 403
    assert client.get(reverse("capacity:public-duty-list", args=[listed.pk])).status_code == 404
    _login(client, staff["market_head"])
    response = client.post(
        reverse("capacity:duty-list-step", args=[listed.pk, "publish"]), {"published_on": "2026-02-01"}
    )
    assert response.status_code == 302
    client.logout()
    page = client.get(reverse("capacity:public-duty-lists")).content.decode()
    assert city["market"].name in page
    page = client.get(reverse("capacity:public-duty-list", args=[listed.pk])).content.decode()
    assert "食品安全法&lt;script&gt;" in page and SCRIPT not in page and "2026年2月1日公布" in page
    assert "普法责任清单" in client.get(reverse("portal:home")).content.decode()
