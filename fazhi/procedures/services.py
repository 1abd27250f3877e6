"""Every change to consultations, reviews and meeting records, one function each.

Each owns its transaction, checks access and the workflow, applies the change and writes the
audit event. The subject's module (documents, decisions) starts the procedures on its drafts;
pages, the API and the admin call these same functions.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.clock import services as clock
from fazhi.core import audit
from fazhi.core.access import may, require
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.inputs import TEXT_MAX, clean_choice, clean_date, clean_text
from fazhi.core.models import Body, PublicSubmission
from fazhi.core.services import attachments as attachment_services
from fazhi.procedures import workflow
from fazhi.procedures.choices import (
    CommentDecision,
    CommentPeriod,
    CompetitionCategory,
    ConsultationStatus,
    ExceptionGround,
    MeetingKind,
    MeetingOutcome,
    MeetingStatus,
    ReviewKind,
    ReviewOutcome,
    ReviewStatus,
    StageStatus,
)
from fazhi.procedures.models import Consultation, ConsultationComment, MeetingRecord, Review, ReviewStage

LEGALITY_PERIOD = "decision-legality-review"


# --- shared helpers ------------------------------------------------------------------------


def subject_body(subject: Model) -> Body:
    """The body a subject belongs to: its `body`, or the subject itself when it is a body."""
    if isinstance(subject, Body):
        return subject
    body = getattr(subject, "body", None)
    if not isinstance(body, Body):
        raise InvalidInput(_("该事项不属于任何单位，不能办理此程序。"))
    return body


def _subject_fields(subject: Model) -> dict:
    if subject.pk is None:
        raise InvalidInput(_("事项尚未保存。"))
    return {
        "content_type": ContentType.objects.get_for_model(subject),
        "object_id": str(subject.pk),
        "body": subject_body(subject),
    }


def _names(value, name: str, label: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        message = _("%(label)s应为姓名列表。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    names = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if any(len(item) > 50 for item in names) or len(names) > 200:
        message = _("%(label)s过长：每人不超过 50 字，最多 200 人。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return names


def _locked(model, pk):
    return model.objects.select_for_update().select_related("body").get(pk=pk)


# --- public consultation -------------------------------------------------------------------

CONSULTATION_FIELDS = ("title", "text", "explanation", "period", "opens_on", "closes_on", "shortened_reason")


def _consultation_values(data: dict) -> dict:
    values = {}
    for name, label, required, limit in (
        ("title", _("标题"), True, 200),
        ("text", _("征求意见稿"), True, TEXT_MAX),
        ("explanation", _("起草说明"), False, TEXT_MAX),
        ("shortened_reason", _("缩短期限的理由"), False, 2000),
    ):
        if name in data:
            values[name] = clean_text(data[name], name, label, required=required, limit=limit)
    if "period" in data:
        values["period"] = clean_choice(data["period"], CommentPeriod, "period", _("期限依据"))
    for name, label in (("opens_on", _("开始日期")), ("closes_on", _("截止日期"))):
        if name in data:
            values[name] = clean_date(data[name], name, label)
    return values


def _check_period(consultation: Consultation) -> None:
    refusal = workflow.period_refusal(consultation)
    if refusal:
        raise InvalidInput(refusal, errors={"closes_on": [refusal]})


@transaction.atomic
def start_consultation(subject: Model, *, actor, **data) -> Consultation:
    """A draft consultation on `subject`; its period is checked against the law's minimum now."""
    fields = _subject_fields(subject)
    require(actor, "change", fields["body"], _("公开征求意见"))
    missing = [name for name in ("title", "text", "period", "opens_on", "closes_on") if name not in data]
    values = _consultation_values({**{name: None for name in missing}, **data})
    consultation = Consultation(**fields, **values, created_by=actor)
    _check_period(consultation)
    consultation.save()
    audit.record(consultation, "procedures.consultation_created", actor=actor, after=audit.snapshot(consultation))
    return consultation


@transaction.atomic
def update_consultation(consultation: Consultation, *, actor, **data) -> Consultation:
    """Change a draft consultation; once published it is what the public saw and stays so."""
    require(actor, "change", consultation.body, _("修改征求意见"))
    consultation = _locked(Consultation, consultation.pk)
    if consultation.status != ConsultationStatus.DRAFT:
        raise Conflict(_("征求意见已发布，不能再修改。"), code="locked")
    values = _consultation_values({name: value for name, value in data.items() if name in CONSULTATION_FIELDS})
    before = audit.snapshot(consultation, list(values))
    for name, value in values.items():
        setattr(consultation, name, value)
    _check_period(consultation)
    consultation.save()
    audit.record(
        consultation,
        "procedures.consultation_changed",
        actor=actor,
        before=before,
        after=audit.snapshot(consultation, list(values)),
    )
    return consultation


def _transition(consultation: Consultation, name: str, *, actor, stamp: str, event: str, **changes):
    consultation = _locked(Consultation, consultation.pk)
    for field, value in changes.items():
        setattr(consultation, field, value)
    before, after = workflow.CONSULTATION.apply(consultation, name, actor)
    setattr(consultation, stamp, timezone.now())
    consultation.save()
    audit.record(
        consultation,
        event,
        actor=actor,
        before={"status": before},
        after={"status": after, stamp: getattr(consultation, stamp), **changes},
    )
    return consultation


@transaction.atomic
def open_consultation(consultation: Consultation, *, actor) -> Consultation:
    """发布: the draft goes on the portal and takes comments until `closes_on`."""
    return _transition(consultation, "open", actor=actor, stamp="opened_at", event="procedures.consultation_opened")


@transaction.atomic
def close_consultation(consultation: Consultation, *, actor) -> Consultation:
    """截止: after the period has run, the ledger of comments can be completed."""
    return _transition(consultation, "close", actor=actor, stamp="closed_at", event="procedures.consultation_closed")


@transaction.atomic
def publish_feedback(consultation: Consultation, *, actor, summary=None) -> Consultation:
    """公布意见采纳情况: refused until every comment has its decision."""
    summary = clean_text(summary, "summary", _("反馈说明"))
    return _transition(
        consultation,
        "publish_feedback",
        actor=actor,
        stamp="feedback_published_at",
        event="procedures.feedback_published",
        feedback_summary=summary,
    )


def consultation_for_comment(value) -> Consultation:
    """The consultation a public comment is about (the submission kind's target hook)."""
    if isinstance(value, Consultation):
        pk = value.pk
    elif isinstance(value, int) and not isinstance(value, bool):
        pk = value
    elif isinstance(value, str) and value.strip().isdigit():
        pk = int(value.strip())
    else:
        message = _("请指明要发表意见的征求意见事项。")
        raise InvalidInput(message, errors={"consultation": [message]})
    consultation = Consultation.objects.public().filter(pk=pk).first()
    if consultation is None:
        raise NotFound(_("未找到该征求意见事项。"))
    refusal = comment_refusal(consultation)
    if refusal:
        raise Conflict(refusal, code="not_open")
    return consultation


def comment_refusal(consultation: Consultation) -> str | None:
    """Why the public may not comment now (None when they may)."""
    today = timezone.localdate()
    if consultation.status != ConsultationStatus.OPEN or today > consultation.closes_on:
        return _("该征求意见已于%(day)s截止，不再接收意见。") % {"day": workflow._day(consultation.closes_on)}
    if today < consultation.opens_on:
        return _("该征求意见自%(day)s起接收意见。") % {"day": workflow._day(consultation.opens_on)}
    return None


def receive_comment(submission: PublicSubmission, consultation: Consultation) -> ConsultationComment:
    """Put a public comment on the ledger, inside the submitting transaction; re-checked under a lock
    so a comment cannot slip in as the consultation closes."""
    consultation = _locked(Consultation, consultation.pk)
    refusal = comment_refusal(consultation)
    if refusal:
        raise Conflict(refusal, code="not_open")
    comment = ConsultationComment.objects.create(
        consultation=consultation, submission=submission, body=consultation.body
    )
    audit.record(
        comment,
        "procedures.comment_received",
        actor=None,
        actor_label=audit.PUBLIC_LABEL,
        after={"consultation": consultation.pk, "receipt_code": submission.receipt_code},
    )
    return comment


@transaction.atomic
def decide_comment(comment: ConsultationComment, *, actor, decision, reason=None, gist=None) -> ConsultationComment:
    """The ledger line: adopted, partly or not adopted; a reason is required unless adopted."""
    require(actor, "change", comment.body, _("处理公众意见"))
    decision = clean_choice(decision, CommentDecision, "decision", _("采纳情况"))
    if decision == CommentDecision.PENDING:
        message = _("请选择采纳、部分采纳或未采纳。")
        raise InvalidInput(message, errors={"decision": [message]})
    reason = clean_text(reason, "reason", _("理由"), limit=5000)
    if decision != CommentDecision.ADOPTED and not reason:
        message = _("部分采纳或未采纳的，须说明理由。")
        raise InvalidInput(message, errors={"reason": [message]})
    gist = clean_text(gist, "gist", _("意见摘要"), limit=2000)
    comment = ConsultationComment.objects.select_for_update().select_related("consultation").get(pk=comment.pk)
    if comment.consultation.status == ConsultationStatus.FEEDBACK_PUBLISHED:
        raise Conflict(_("意见采纳情况已公布，不能再修改。"), code="locked")
    if comment.consultation.status == ConsultationStatus.DRAFT:
        raise Conflict(_("征求意见尚未发布。"), code="invalid_transition")
    before = audit.snapshot(comment, ["decision", "reason", "gist"])
    comment.decision, comment.reason, comment.gist = decision, reason, gist
    comment.decided_at, comment.decided_by = timezone.now(), actor
    comment.save()
    audit.record(
        comment,
        "procedures.comment_decided",
        actor=actor,
        before=before,
        after=audit.snapshot(comment, ["decision", "reason", "gist"]),
    )
    return comment


# --- reviews -------------------------------------------------------------------------------


def _stage_due(stage: ReviewStage, due_on, shortened_reason: str) -> None:
    """The reviewer's time: for a legality review at least the clock's minimum, unless a reason is given."""
    today = timezone.localdate()
    due_on = clean_date(due_on, "due_on", _("审查期限"), required=False)
    stage.started_on = today
    stage.shortened_reason = shortened_reason
    if stage.review.kind != ReviewKind.LEGALITY:
        stage.due_on, stage.due_source = due_on, ""
        return
    minimum = clock.due_for(LEGALITY_PERIOD, today)
    if due_on is not None and due_on < minimum.due and not shortened_reason:
        message = _("合法性审查期限一般不少于%(length)s（%(source)s，应至少至%(due)s）；确需缩短的，须写明理由。") % {
            "length": minimum.period.describe(),
            "source": minimum.period.source,
            "due": workflow._day(minimum.due),
        }
        raise InvalidInput(message, errors={"due_on": [message]})
    stage.due_on = due_on or minimum.due
    stage.due_source = minimum.period.source


def _stage_specs(stages) -> list[dict]:
    if not isinstance(stages, list | tuple) or not stages:
        message = _("请至少配置一个审查阶段。")
        raise InvalidInput(message, errors={"stages": [message]})
    specs = []
    for spec in stages:
        reviewer_body = spec.get("reviewer_body") if isinstance(spec, dict) else None
        if not isinstance(reviewer_body, Body):
            message = _("每个审查阶段须指定审查单位。")
            raise InvalidInput(message, errors={"stages": [message]})
        specs.append({"reviewer_body": reviewer_body, "reviewer": spec.get("reviewer")})
    return specs


def _create_round(subject_fields: dict, *, actor, kind, title, stages, previous=None, government_level=False):
    number = (previous.round + 1) if previous else 1
    review = Review.objects.create(
        **subject_fields,
        kind=kind,
        round=number,
        previous=previous,
        title=title,
        government_level=government_level,
        created_by=actor,
    )
    for index, spec in enumerate(stages, start=1):
        ReviewStage.objects.create(review=review, number=index, **spec)
    return review


@transaction.atomic
def open_review(
    subject: Model,
    *,
    actor,
    kind,
    title,
    stages,
    due_on=None,
    shortened_reason=None,
    government_level=None,
) -> Review:
    """送审: a first round with its stages; stage 1 goes to its reviewer at once."""
    fields = _subject_fields(subject)
    require(actor, "change", fields["body"], _("送审"))
    kind = clean_choice(kind, ReviewKind, "kind", _("审查类别"))
    title = clean_text(title, "title", _("送审事项"), required=True, limit=200)
    shortened_reason = clean_text(shortened_reason, "shortened_reason", _("缩短审查期限的理由"), limit=2000)
    specs = _stage_specs(stages)
    existing = Review.objects.filter(
        content_type=fields["content_type"], object_id=fields["object_id"], kind=kind
    ).exclude(status__in=[ReviewStatus.FAILED, ReviewStatus.RESUBMITTED])
    if existing.exists():
        raise Conflict(_("该事项已有进行中或已通过的%(kind)s。") % {"kind": ReviewKind(kind).label}, code="duplicate")
    if Review.objects.filter(
        content_type=fields["content_type"], object_id=fields["object_id"], kind=kind, status=ReviewStatus.FAILED
    ).exists():
        raise Conflict(_("上一轮审查未通过，请修改后重新报送。"), code="resubmit")
    if government_level is None:
        government_level = fields["body"].kind in {"city_government", "county_government"}
    review = _create_round(
        fields, actor=actor, kind=kind, title=title, stages=specs, government_level=bool(government_level)
    )
    audit.record(review, "procedures.review_opened", actor=actor, after=audit.snapshot(review))
    _start(review.stages.get(number=1), actor=actor, due_on=due_on, shortened_reason=shortened_reason)
    return review


def _start(stage: ReviewStage, *, actor, due_on, shortened_reason: str) -> ReviewStage:
    before, after = workflow.STAGE_SUBMISSION.apply(stage, "start", actor)
    _stage_due(stage, due_on, shortened_reason)
    stage.save()
    audit.record(
        stage,
        "procedures.review_stage_started",
        actor=actor,
        body_id=stage.review.body_id,
        before={"status": before},
        after={"status": after, "reviewer_body": stage.reviewer_body_id, "due_on": stage.due_on},
    )
    return stage


def _current_stage(review: Review) -> ReviewStage:
    stage = review.stages.select_related("review", "reviewer_body").exclude(status=StageStatus.CONCLUDED).first()
    if stage is None:
        raise Conflict(_("本轮审查的各阶段均已结束。"), code="invalid_transition")
    return stage


@transaction.atomic
def start_next_stage(review: Review, *, actor, due_on=None, shortened_reason=None) -> ReviewStage:
    """送下一阶段审查: only after the earlier stage passed."""
    review = _locked(Review, review.pk)
    shortened_reason = clean_text(shortened_reason, "shortened_reason", _("缩短审查期限的理由"), limit=2000)
    return _start(_current_stage(review), actor=actor, due_on=due_on, shortened_reason=shortened_reason)


def _issues(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = value.splitlines()
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        message = _("问题清单应为文本列表。")
        raise InvalidInput(message, errors={"issues": [message]})
    issues = [item.strip() for item in value if item.strip()]
    if len(issues) > 100 or any(len(item) > 2000 for item in issues):
        message = _("问题清单最多 100 条，每条不超过 2000 字。")
        raise InvalidInput(message, errors={"issues": [message]})
    return issues


@transaction.atomic
def conclude_stage(review: Review, *, actor, outcome, opinion, issues=None) -> ReviewStage:
    """出具审查意见 on the stage under review; the round passes with the last stage, or fails."""
    review = _locked(Review, review.pk)
    stage = _current_stage(review)
    stage.review = review
    stage.outcome = clean_choice(outcome, ReviewOutcome, "outcome", _("审查结论"))
    stage.opinion = clean_text(opinion, "opinion", _("审查意见"), required=True)
    stage.issues = _issues(issues)
    if stage.outcome != ReviewOutcome.PASS and not stage.issues:
        message = _("审查结论为“%(outcome)s”的，须列明存在的问题。") % {"outcome": stage.get_outcome_display()}
        raise InvalidInput(message, errors={"issues": [message]})
    before, after = workflow.STAGE_REVIEW.apply(stage, "conclude", actor)
    if stage.reviewer_id and stage.reviewer_id != actor.pk and not actor.is_superuser:
        raise Forbidden(_("本阶段由指定的审查人员审查。"))
    stage.concluded_at = timezone.now()
    stage.reviewer = stage.reviewer or actor
    stage.save()
    audit.record(
        stage,
        "procedures.review_stage_concluded",
        actor=actor,
        body_id=review.body_id,
        before={"status": before},
        after={"status": after, "outcome": stage.outcome, "opinion": stage.opinion, "issues": stage.issues},
    )
    last = not review.stages.filter(number__gt=stage.number).exists()
    if stage.outcome == ReviewOutcome.FAIL or last:
        name = "fail" if stage.outcome == ReviewOutcome.FAIL else "pass"
        before, after = workflow.REVIEW.apply(review, name, actor)
        review.concluded_at = timezone.now()
        review.save()
        audit.record(
            review,
            f"procedures.review_{'failed' if name == 'fail' else 'passed'}",
            actor=actor,
            before={"status": before},
            after={"status": after},
        )
    return stage


def _exceptions(value) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise InvalidInput(_("例外情形应为列表。"), errors={"exceptions": [_("应为列表。")]})
    cleaned = []
    for item in value:
        if not isinstance(item, dict):
            raise InvalidInput(_("例外情形应为列表。"), errors={"exceptions": [_("应为列表。")]})
        category = clean_choice(item.get("category"), CompetitionCategory, "exceptions", _("所涉审查标准"))
        ground = clean_choice(item.get("ground"), ExceptionGround, "exceptions", _("例外情形"))
        explanation = clean_text(item.get("explanation"), "exceptions", _("适用理由"), required=True, limit=5000)
        ends_on = clean_date(item.get("ends_on"), "exceptions", _("实施期限"), required=False)
        end_condition = clean_text(item.get("end_condition"), "exceptions", _("终止条件"), limit=1000)
        if ends_on is None and not end_condition:
            message = _("适用第十二条例外情形的，须确定合理的实施期限或者终止条件。")
            raise InvalidInput(message, errors={"exceptions": [message]})
        if item.get("no_alternative") is not True:
            message = _("适用第十二条例外情形的，须确认没有对公平竞争影响更小的替代方案。")
            raise InvalidInput(message, errors={"exceptions": [message]})
        cleaned.append(
            {
                "category": category,
                "ground": ground,
                "explanation": explanation,
                "ends_on": ends_on.isoformat() if ends_on else "",
                "end_condition": end_condition,
                "no_alternative": True,
            }
        )
    return cleaned


def _flag(value, name: str, label: str, *, allow_none: bool = False):
    if value is None and allow_none:
        return None
    if not isinstance(value, bool):
        message = _("%(label)s应为“是”或“否”。") % {"label": label}
        raise InvalidInput(message, errors={name: [message]})
    return value


COMPETITION_FIELDS = [
    *workflow.CATEGORY_FIELDS.values(),
    "exceptions",
    "stakeholders_heard",
    "stakeholders_note",
    "market_regulator_joined",
]


@transaction.atomic
def record_competition_check(
    review: Review,
    *,
    actor,
    touches: dict,
    exceptions=None,
    stakeholders_heard=False,
    stakeholders_note=None,
    market_regulator_joined=False,
) -> Review:
    """The fair-competition checklist: each of arts. 8–11 touched or not, art. 12 exceptions, art. 16
    hearings, art. 14 participation. The drafting body (初审) or the reviewer of the stage under
    review may fill it in while the round runs."""
    review = _locked(Review, review.pk)
    stage = review.current_stage
    reviewing = stage is not None and stage.status == StageStatus.UNDER_REVIEW
    if not may(actor, "change", review.body) and not (reviewing and may(actor, "review", stage.reviewer_body)):
        require(actor, "change", review.body, _("公平竞争审查"))
    if review.kind != ReviewKind.FAIR_COMPETITION:
        raise Conflict(_("只有公平竞争审查需要填写审查标准。"), code="invalid")
    if review.status != ReviewStatus.IN_PROGRESS:
        raise Conflict(_("本轮审查已结束，不能再修改。"), code="locked")
    if not isinstance(touches, dict):
        raise InvalidInput(_("请逐项说明是否涉及各项审查标准。"), errors={"touches": [_("应为各项标准的是否。")]})
    values = {
        field: _flag(touches.get(category), "touches", str(CompetitionCategory(category).label), allow_none=True)
        for category, field in workflow.CATEGORY_FIELDS.items()
    }
    values["exceptions"] = _exceptions(exceptions)
    values["stakeholders_heard"] = _flag(stakeholders_heard, "stakeholders_heard", _("已听取利害关系人意见"))
    values["stakeholders_note"] = clean_text(stakeholders_note, "stakeholders_note", _("听取意见情况"), limit=5000)
    values["market_regulator_joined"] = _flag(
        market_regulator_joined, "market_regulator_joined", _("市场监督管理部门会同审查")
    )
    before = audit.snapshot(review, COMPETITION_FIELDS)
    for name, value in values.items():
        setattr(review, name, value)
    review.save()
    audit.record(
        review,
        "procedures.competition_checked",
        actor=actor,
        before=before,
        after=audit.snapshot(review, COMPETITION_FIELDS),
    )
    return review


@transaction.atomic
def resubmit_review(review: Review, *, actor, due_on=None, shortened_reason=None) -> Review:
    """修改后重新报送: a failed round closes and a new round starts with the same stages."""
    review = _locked(Review, review.pk)
    shortened_reason = clean_text(shortened_reason, "shortened_reason", _("缩短审查期限的理由"), limit=2000)
    before, after = workflow.REVIEW.apply(review, "resubmit", actor)
    review.save()
    audit.record(
        review, "procedures.review_resubmitted", actor=actor, before={"status": before}, after={"status": after}
    )
    stages = [{"reviewer_body": s.reviewer_body, "reviewer": s.reviewer} for s in review.stages.order_by("number")]
    fields = {"content_type": review.content_type, "object_id": review.object_id, "body": review.body}
    new = _create_round(
        fields,
        actor=actor,
        kind=review.kind,
        title=review.title,
        stages=stages,
        previous=review,
        government_level=review.government_level,
    )
    audit.record(new, "procedures.review_opened", actor=actor, after=audit.snapshot(new))
    _start(new.stages.get(number=1), actor=actor, due_on=due_on, shortened_reason=shortened_reason)
    return new


# --- meeting records -----------------------------------------------------------------------

MEETING_FIELDS = (
    "meeting_kind",
    "session",
    "held_on",
    "presided_by",
    "agenda_item",
    "entitled_members",
    "attendees",
    "outcome",
    "conclusion",
    "dissent",
)


def _meeting_values(data: dict) -> dict:
    values = {}
    for name, label, required, limit in (
        ("session", _("会议名称"), True, 200),
        ("presided_by", _("主持人"), False, 50),
        ("agenda_item", _("议题"), True, 300),
        ("conclusion", _("会议决定"), False, TEXT_MAX),
        ("dissent", _("不同意见"), False, TEXT_MAX),
    ):
        if name in data:
            values[name] = clean_text(data[name], name, label, required=required, limit=limit)
    if "meeting_kind" in data:
        values["meeting_kind"] = clean_choice(data["meeting_kind"], MeetingKind, "meeting_kind", _("会议类型"))
    if "outcome" in data:
        values["outcome"] = clean_choice(data["outcome"], MeetingOutcome, "outcome", _("讨论结果"), required=False)
    if "held_on" in data:
        values["held_on"] = clean_date(data["held_on"], "held_on", _("会议日期"))
        if values["held_on"] > timezone.localdate():
            message = _("会议日期不能晚于今天：记录的是已召开的会议。")
            raise InvalidInput(message, errors={"held_on": [message]})
    for name, label in (("entitled_members", _("应出席人员")), ("attendees", _("实际出席人员"))):
        if name in data:
            values[name] = _names(data[name], name, label)
    return values


@transaction.atomic
def record_meeting(subject: Model, *, actor, **data) -> MeetingRecord:
    """集体讨论记录 of the meeting that discussed `subject`."""
    fields = _subject_fields(subject)
    require(actor, "change", fields["body"], _("记录集体讨论"))
    required = ("meeting_kind", "session", "held_on", "agenda_item", "entitled_members", "attendees")
    values = _meeting_values({**{name: None for name in required if name not in data}, **data})
    record = MeetingRecord.objects.create(**fields, **values, created_by=actor)
    audit.record(record, "procedures.meeting_recorded", actor=actor, after=audit.snapshot(record))
    return record


def _unsigned(record: MeetingRecord) -> MeetingRecord:
    record = _locked(MeetingRecord, record.pk)
    if record.status == MeetingStatus.SIGNED:
        raise Conflict(_("会议记录已签署，不能再修改。"), code="locked")
    return record


@transaction.atomic
def update_meeting(record: MeetingRecord, *, actor, **data) -> MeetingRecord:
    require(actor, "change", record.body, _("修改会议记录"))
    record = _unsigned(record)
    values = _meeting_values({name: value for name, value in data.items() if name in MEETING_FIELDS})
    before = audit.snapshot(record, list(values))
    for name, value in values.items():
        setattr(record, name, value)
    record.save()
    audit.record(
        record, "procedures.meeting_changed", actor=actor, before=before, after=audit.snapshot(record, list(values))
    )
    return record


def attach_minutes(record: MeetingRecord, uploaded, *, actor):
    """会议纪要 as a checked attachment; refused once the record is signed."""
    require(actor, "change", record.body, _("上传会议纪要"))
    with attachment_services.files_removed_on_failure(), transaction.atomic():
        record = _unsigned(record)
        return attachment_services.attach(record, uploaded, actor=actor, body=record.body)


@transaction.atomic
def sign_meeting(record: MeetingRecord, *, actor) -> MeetingRecord:
    """签署: the record becomes final; refused without outcome, quorum or minutes."""
    record = _locked(MeetingRecord, record.pk)
    before, after = workflow.MEETING.apply(record, "sign", actor)
    record.signed_at, record.signed_by = timezone.now(), actor
    record.save()
    audit.record(
        record,
        "procedures.meeting_signed",
        actor=actor,
        before={"status": before},
        after={"status": after, "signed_at": record.signed_at},
    )
    return record
