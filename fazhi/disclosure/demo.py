"""The Jiangmen demo's 政务公开: catalogue items and a guide for 江门市人民政府 (entered by the
mayor's account, the only demo login with a change role there) and 江门市市场监督管理局
(scj_clerk; scj_head approves), three requests to the bureau in different states, and the bureau's
published yearly report for last year. Everything goes through the services."""

import datetime

from django.utils import timezone

from fazhi.disclosure import services, testing
from fazhi.disclosure.models import DisclosureRequest

GOVERNMENT, MARKET = "jm", "jm-scjgj"


def _guide(body, actor, office, phone):
    guide = services.draft_guide(
        actor=actor,
        body=body,
        office_name=office,
        address="广东省江门市蓬江区建设三路139号",
        phone=phone,
        online="https://www.jiangmen.gov.cn/（演示）",
        hours="工作日上午8:30—12:00，下午14:30—17:30",
        procedure="申请人可通过本平台在线提交、当面提交或信函提交政府信息公开申请；"
        "本机关自收到申请之日起20个工作日内答复，需要延长的经政府信息公开工作机构负责人同意，最长延长20个工作日。",
    )
    return services.publish_guide(guide, actor=actor)


def load(*, bodies, users) -> None:
    government, market = bodies[GOVERNMENT], bodies[MARKET]
    mayor, clerk, head = users["mayor"], users["scj_clerk"], users["scj_head"]
    today = timezone.localdate()
    ago = lambda days: (today - datetime.timedelta(days=days)).isoformat()  # noqa: E731

    _guide(government, mayor, "江门市人民政府办公室政务公开科", "0750-3500000")
    _guide(market, clerk, "江门市市场监督管理局办公室", "0750-3800000")
    for title, category, key_area, made in (
        (f"江门市{today.year}年市级一般公共预算", "budget", "budget", 20),
        ("江门市重大建设项目批准和实施情况", "projects", "projects", 12),
        ("江门市城市道路改造工程公告", "municipal", "", 8),
    ):
        item = services.add_item(
            actor=mayor,
            body=government,
            category=category,
            key_area=key_area,
            title=title,
            content=f"{title}（演示内容）。",
            made_on=ago(made),
        )
        services.publish_item(item, actor=mayor, published_on=ago(max(made - 5, 0)))
    for title, category, key_area, made in (
        ("食品安全监督抽检结果公告（演示）", "supervision", "regulation", 15),
        ("江门市市场监督管理局行政处罚裁量基准", "penalties", "", 6),
    ):
        item = services.add_item(
            actor=clerk,
            body=market,
            category=category,
            key_area=key_area,
            title=title,
            content=f"{title}。",
            made_on=ago(made),
        )
        services.publish_item(item, actor=clerk, published_on=ago(max(made - 3, 0)))
    services.add_item(
        actor=clerk,
        body=market,
        category="licensing",
        title="食品经营许可办理结果（待公开）",
        content="本月食品经营许可办理结果。",
        made_on=ago(2),
    )

    # Requests: one waiting for 确认收到, one being handled (the head extended it), one answered.
    waiting = testing.submit_request(market, subject="本市农贸市场电子秤检定情况", submitter_name="黄志强")
    handling = DisclosureRequest.objects.get(
        submission=testing.submit_request(
            market, subject="2025年度食品抽检不合格名单", submitter_name="周敏"
        ).submission
    )
    services.confirm(handling, actor=clerk)
    services.extend(DisclosureRequest.objects.get(pk=handling.pk), actor=head, length=15, reason="需要汇总各区抽检数据")
    answered = DisclosureRequest.objects.get(
        submission=testing.submit_request(
            market, subject="价格监督检查工作方案", submitter_name="江门市某律师事务所", applicant_kind="legal_service"
        ).submission
    )
    services.confirm(answered, actor=clerk)
    services.answer(
        DisclosureRequest.objects.get(pk=answered.pk),
        actor=clerk,
        answer_type="disclosed",
        text="您申请的信息已主动公开，可在本平台政府信息公开目录中查阅。",
    )
    del waiting

    report = services.open_report(actor=clerk, body=market, year=today.year - 1)
    services.change_report(
        report,
        actor=clerk,
        overview="本局坚持以公开为常态、不公开为例外，依托政府信息公开目录及时公开主动公开信息（演示）。",
        problems="个别信息公开不够及时；已建立形成后20个工作日内公开的提醒机制（演示）。",
        other_matters="本年度未收取信息处理费（演示）。",
    )
    services.report_step(report, "submit", actor=clerk)
    services.report_step(report, "publish", actor=head)
