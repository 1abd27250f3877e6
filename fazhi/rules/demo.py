"""The Jiangmen demo's government rules: 江门市人民政府令 as a number format numbered across years,
the 司法局 as the legal office, this year's plan with two projects of 市城市管理和综合执法局, and
one rule walked through the whole workflow and published. The texts are demo texts, not the
city's real rules.

The demo's users include no clerk of the drafting bureau, so one is added here — with no usable
password: the demo acts in their name, nobody logs in as them. The mayor is a demo login.
"""

from django.db import transaction
from django.utils import timezone

from fazhi.core.choices import Role
from fazhi.core.services import people as people_services
from fazhi.rules import services, testing
from fazhi.rules.choices import RuleStatus

GOVERNMENT, LEGAL_OFFICE, BODY = "jm", "jm-sfj", "jm-cgj"
DEMO_TEXT = (
    "（演示文本，非真实规章）\n"
    "第一条 为了加强城市市容和环境卫生管理，创造整洁、优美的城市环境，根据《城市市容和环境卫生管理条例》等法律法规，"
    "结合本市实际，制定本规定。\n"
    "第二条 本规定适用于本市城市建成区内的市容和环境卫生管理活动。\n"
    "第三条 市城市管理和综合执法部门负责本市城市市容和环境卫生管理工作。\n"
    "第四条 临街建筑物、构筑物的外立面应当保持整洁、完好。\n"
    "第五条 本规定自施行之日起生效。"
)


@transaction.atomic
def load(*, bodies, users) -> None:
    government, legal_office, body = bodies[GOVERNMENT], bodies[LEGAL_OFFICE], bodies[BODY]
    testing.configure(government, legal_office, prefix="江门市人民政府令")
    mayor = users["mayor"]
    clerk = people_services.create_user(actor=None, username="cgj_clerk", full_name="市城管局演示经办人")
    people_services.add_membership(actor=None, user=clerk, body=body, role=Role.CLERK)
    year = timezone.localdate().year
    plan = services.create_plan(actor=users["office"], government=government, year=year)
    item = services.add_plan_item(
        plan,
        actor=users["office"],
        title="江门市城市市容和环境卫生管理规定",
        subject_area="urban_rural",
        drafting_body=body,
        planned_submission_on=timezone.localdate(),
    )
    services.add_plan_item(
        plan,
        actor=users["office"],
        title="江门市户外广告设施管理办法",
        subject_area="urban_rural",
        drafting_body=body,
        planned_submission_on=timezone.localdate().replace(month=12, day=31),
    )
    services.publish_plan(plan, actor=mayor)
    rule = services.create_rule(actor=clerk, body=body, plan_item=item, text=DEMO_TEXT, drafting_note="演示起草说明。")
    people = {
        "clerk": clerk,
        "legal_reviewer": users["reviewer"],
        "mayor": mayor,
        "government_office": users["govoffice"],
    }
    testing.walk(rule, RuleStatus.PUBLISHED, people)
