"""Building capacity records for tests, the URL-scoping walk and the browser: through the
services, so every rule and gate is met."""

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.capacity import registers, services
from fazhi.capacity.models import (
    Appointment,
    DutyList,
    DutyListItem,
    EducationActivity,
    ExecutiveMeeting,
    HeadDuty,
    InductionTraining,
    LearningActivity,
    MeasureProgress,
    PublicityRecord,
    Staffing,
    WorkMeasure,
    WorkPoints,
)

_numbers = itertools.count(1)


def learning_data(**overrides) -> dict:
    return {
        "held_on": "2026-03-05",
        "kind": "training",
        "topic": f"行政处罚法专题培训（第{next(_numbers)}期）",
        "speaker": "王教授",
        "attendees": 45,
        **overrides,
    }


def learn(body, clerk, /, **overrides) -> LearningActivity:
    return services.record(registers.LEARNING, actor=clerk, body=body.pk, data=learning_data(**overrides))


def meeting(body, clerk, /, **overrides) -> ExecutiveMeeting:
    data = {
        "name": f"蓬江区人民政府第{next(_numbers)}次常务会议",
        "held_on": "2026-04-20",
        "topic": "听取2025年度法治政府建设工作情况汇报",
        "problems": "研究解决行政执法人员不足问题，决定增配执法辅助人员。",
        **overrides,
    }
    return services.record(registers.MEETINGS, actor=clerk, body=body.pk, data=data)


def plan(body, clerk, /, *, year=2026, measures=2) -> WorkPoints:
    """Work points drafted with `measures` measures."""
    points = services.create_work_points(
        actor=clerk, body=body.pk, year=year, title=f"{year}年依法行政工作要点", goals="全面推进依法行政。"
    )
    for number in range(1, measures + 1):
        services.add_measure(
            points, actor=clerk, content=f"第{number}项措施", responsible_unit="法规科", due_on=f"{year}-06-30"
        )
    return points


def adopted(body, clerk, /, *, on="2026-03-10", **options) -> WorkPoints:
    points = plan(body, clerk, **options)
    return services.adopt(points, actor=clerk, adopted_on=on, document_number=f"江市监〔2026〕{next(_numbers)}号")


def duty_list(body, clerk, head, /, *, year=2026, items=2, published_on="2026-02-20") -> DutyList:
    """A 普法责任清单 with `items` items, published by the head when `published_on` is given."""
    found = services.create_duty_list(actor=clerk, body=body.pk, year=year)
    for number in range(1, items + 1):
        services.add_item(
            found,
            actor=clerk,
            subject=f"法律{number}",
            audience="市场主体",
            measures="以案释法、送法上门。",
            responsible_unit="法规科",
        )
    if published_on:
        found = services.publish_duty_list(found, actor=head, published_on=published_on)
    return found


def educate(body, clerk, /, **overrides) -> EducationActivity:
    data = {
        "held_on": "2026-03-15",
        "form": "lecture",
        "topic": "3·15消费者权益保护法宣传",
        "audience": "消费者",
        "reached": 300,
        **overrides,
    }
    return services.record(registers.EDUCATION, actor=clerk, body=body.pk, data=data)


def make_canaries(body, markers) -> dict:
    """Every capacity record at `body` (an executive meeting at its government), carrying the
    markers, for the URL-scoping walk."""
    from fazhi.core.models import Membership
    from fazhi.core.testing import Role, make_user

    clerk = Membership.objects.filter(body=body, role="clerk").select_related("user").first().user
    head = make_user("capacity_canary_head", roles=[(body, Role.HEAD)])
    government_clerk = make_user("capacity_canary_government", roles=[(body.parent, Role.CLERK)])
    today = timezone.localdate()
    day = today.isoformat()
    points = services.create_work_points(
        actor=clerk, body=body.pk, year=today.year, title=markers["subject"], goals=markers["content"]
    )
    services.add_measure(
        points, actor=clerk, content=markers["content"], responsible_unit="法规科", due_on=f"{today.year}-12-31"
    )
    # The year's list is published (the portal shows it: no markers); next year's, with the
    # markers, is still a draft that nobody outside the body may read.
    published = duty_list(body, clerk, head, year=today.year, items=1, published_on=day)
    draft = services.create_duty_list(actor=clerk, body=body.pk, year=today.year + 1)
    services.add_item(
        draft,
        actor=clerk,
        subject=markers["subject"],
        audience="公众",
        measures=markers["content"],
        responsible_unit="法规科",
    )
    common = {"actor": clerk, "body": body.pk}
    learning = services.record(
        registers.LEARNING,
        data=learning_data(
            held_on=day, topic=markers["subject"], speaker=markers["member"], leaders_present=markers["member"]
        ),
        files=[SimpleUploadedFile(f"{markers['attachment_name']}.txt", markers["attachment_text"].encode())],
        **common,
    )
    return {
        "capacity_work_points": points.pk,
        "capacity_duty_list": draft.pk,
        "capacity_learning": learning.pk,
        "capacity_head_duty": services.record(
            registers.HEAD_DUTY,
            data={
                "year": today.year - 1,
                "head_name": markers["member"],
                "head_post": "局长",
                "reported_on": day,
                "text": markers["content"],
            },
            **common,
        ).pk,
        "capacity_appointment": services.record(
            registers.APPOINTMENTS,
            data={"person_name": markers["member"], "post": markers["subject"], "appointed_on": day},
            **common,
        ).pk,
        "capacity_training": services.record(
            registers.TRAININGS,
            data={
                "kind": "initial",
                "title": markers["subject"],
                "started_on": day,
                "ended_on": day,
                "trainees": 20,
                "total_hours": "40",
                "legal_hours": "8",
                "legal_content": markers["content"],
            },
            **common,
        ).pk,
        "capacity_education": services.record(
            registers.EDUCATION,
            data={
                "held_on": day,
                "form": "lecture",
                "topic": markers["subject"],
                "audience": markers["content"],
                "reached": 10,
                "item": published.items.get().pk,
            },
            **common,
        ).pk,
        "capacity_publicity": services.record(
            registers.PUBLICITY,
            data={"published_on": day, "channel": "website", "title": markers["subject"]},
            **common,
        ).pk,
        "capacity_staffing": services.record(
            registers.STAFFING,
            data={"year": today.year, "posts": 5, "staff": 4, "qualified": 3, "note": markers["content"]},
            **common,
        ).pk,
        "capacity_meeting": services.record(
            registers.MEETINGS,
            actor=government_clerk,
            body=body.parent_id,
            data={
                "name": markers["subject"],
                "held_on": day,
                "topic": "依法行政工作汇报",
                "problems": markers["content"],
            },
        ).pk,
    }


def state() -> dict:
    """What an intruder must not change."""
    return {
        "capacity_plans": list(WorkPoints.objects.order_by("pk").values_list("pk", "status", "title", "goals")),
        "capacity_measures": list(WorkMeasure.objects.order_by("pk").values_list("pk", "content")),
        "capacity_progress": list(MeasureProgress.objects.order_by("pk").values_list("pk", flat=True)),
        "capacity_duty_lists": list(DutyList.objects.order_by("pk").values_list("pk", "status")),
        "capacity_duty_items": list(DutyListItem.objects.order_by("pk").values_list("pk", "subject")),
        **{
            f"capacity_{model._meta.model_name}": list(model.objects.order_by("pk").values_list("pk", "updated_at"))
            for model in (
                HeadDuty,
                LearningActivity,
                Appointment,
                InductionTraining,
                EducationActivity,
                PublicityRecord,
                Staffing,
                ExecutiveMeeting,
            )
        },
    }


# The kind of canary record whose id fills each register's URLs (test_url_scoping).
URL_KINDS = {
    "head-duty": "capacity_head_duty",
    "learning": "capacity_learning",
    "appointments": "capacity_appointment",
    "trainings": "capacity_training",
    "education": "capacity_education",
    "publicity": "capacity_publicity",
    "staffing": "capacity_staffing",
    "meetings": "capacity_meeting",
}
