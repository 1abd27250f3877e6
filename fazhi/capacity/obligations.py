"""Seed arts. 3, 4, 40, 41, 42 and 54, checked for many bodies at once.

- Art. 3: the head's year-end report on the duty as first responsible, for the year, entered by
  the duty-report date (`CapacitySettings`, 31 January of the next year by default).
- Art. 4: the year's work points issued by the adoption date (31 March by default) and assessed by
  the duty-report date; the share of measures followed up is the rate.
- Art. 40: clause `training`, at least the minimum of 学法活动 (two); clause
  `leadership_lectures`, for a county government, at least the minimum of its leadership's
  法治专题讲座 (two).
- Art. 41: every leader appointed in the year tested before the appointment (the rate), and every
  initial or in-post training session with hours of legal knowledge.
- Art. 42: the year's 普法责任清单 published, and every item of it with a 普法 activity in the year
  (the rate).
- Art. 54: a government's executive meetings heard the work at least the minimum of times (once).

A minimum not reached yet is 未到期 until the year ends (the count so far in the summary), then
未落实. Failing records are named by public handles (dates, posts, titles, list items), never by a
person's name. A fixed number of queries, whatever the number of bodies.
"""

import datetime
from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.capacity import selectors
from fazhi.capacity.choices import DutyListStatus, WorkPointsStatus
from fazhi.capacity.models import (
    Appointment,
    DutyList,
    DutyListItem,
    ExecutiveMeeting,
    HeadDuty,
    InductionTraining,
    LearningActivity,
    WorkPoints,
)
from fazhi.core.dates import day_text
from fazhi.core.models import Body
from fazhi.obligations import checks, registry
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus

BODY = Body._meta.label_lower
EVIDENCE_LIMIT = 20


def _combine(parts: list[CheckResult]) -> CheckResult:
    """Clauses together: not met if one is, else not yet due if one is, else met."""
    applicable = [part for part in parts if part.status != CheckStatus.NOT_APPLICABLE]
    if not applicable:
        return parts[0]
    order = (CheckStatus.NOT_MET, CheckStatus.NOT_YET_DUE, CheckStatus.MET)
    return CheckResult(
        status=next(s for s in order if any(part.status == s for part in applicable)),
        summary="".join(part.summary for part in applicable),
        failing=[ref for part in applicable for ref in part.failing],
        evidence=[ref for part in applicable for ref in part.evidence][:EVIDENCE_LIMIT],
    )


def minimum(body, count: int, least: int, year: int, as_of: datetime.date, what: str, evidence=()) -> CheckResult:
    """A yearly minimum: met once reached; until the year ends 未到期 with the count so far."""
    values = {"what": what, "count": count, "least": least, "year": year}
    if count >= least:
        status, summary, failing = CheckStatus.MET, _("%(year)d年度%(what)s %(count)d 次（最低 %(least)d 次）。"), []
    elif as_of <= datetime.date(year, 12, 31):
        status = CheckStatus.NOT_YET_DUE
        summary = _("%(year)d年度%(what)s至今 %(count)d 次，全年最低 %(least)d 次。")
        failing = []
    else:
        status, summary = CheckStatus.NOT_MET, _("%(year)d年度%(what)s %(count)d 次，少于最低 %(least)d 次。")
        failing = [RecordRef(BODY, body.pk, summary % values)]
    return CheckResult(status, summary % values, failing=failing, evidence=list(evidence)[:EVIDENCE_LIMIT])


def _late(what: str, due: datetime.date, done: datetime.date) -> str:
    return _("%(what)s逾期（应于%(due)s前，%(done)s完成）") % {
        "what": what,
        "due": day_text(due),
        "done": day_text(done),
    }


def _missing(what: str, due: datetime.date) -> str:
    return _("%(what)s逾期未完成（应于%(due)s前）") % {"what": what, "due": day_text(due)}


# --- art. 3 ---------------------------------------------------------------------------------------


@checks.register(3, label=gettext_lazy("主要负责人履行推进法治建设第一责任人职责情况列入年终述职"))
def head_duty_reported(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    due = selectors.settings().duty_report_due(year)
    reports = {
        body: (pk, day)
        for body, pk, day in HeadDuty.objects.filter(body__in=[b.pk for b in bodies], year=year).values_list(
            "body_id", "pk", "reported_on"
        )
    }
    what = _("%(year)d年度主要负责人履行推进法治建设第一责任人职责情况述职") % {"year": year}
    model = HeadDuty._meta.label_lower
    results = {}
    for body in bodies:
        found = reports.get(body.pk)
        if found is not None and found[1] <= due:
            results[body.pk] = CheckResult(
                CheckStatus.MET,
                _("%(what)s已于%(day)s完成。") % {"what": what, "day": day_text(found[1])},
                evidence=[RecordRef(model, found[0], f"{what}（{day_text(found[1])}）")],
            )
        elif found is not None:
            text = _late(what, due, found[1])
            results[body.pk] = CheckResult(CheckStatus.NOT_MET, text + "。", failing=[RecordRef(model, found[0], text)])
        elif as_of <= due:
            results[body.pk] = CheckResult(
                CheckStatus.NOT_YET_DUE, _("%(what)s应于%(due)s前完成。") % {"what": what, "due": day_text(due)}
            )
        else:
            text = _missing(what, due)
            results[body.pk] = CheckResult(CheckStatus.NOT_MET, text + "。", failing=[RecordRef(BODY, body.pk, text)])
    return results


# --- art. 4 ---------------------------------------------------------------------------------------


@checks.register(4, label=gettext_lazy("年度依法行政工作要点按期印发、逐项落实、年终考核"))
def work_points_kept(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    config = selectors.settings()
    adopt_due, assess_due = config.work_points_due(year), config.duty_report_due(year)
    plans = {
        plan.body_id: plan
        for plan in WorkPoints.objects.filter(body__in=[b.pk for b in bodies], year=year).annotate(
            measure_count=Count("measures", distinct=True),
            followed=Count("measures", filter=Q(measures__progress__isnull=False), distinct=True),
        )
    }
    model = WorkPoints._meta.label_lower
    what = _("%(year)d年度依法行政工作要点") % {"year": year}
    results = {}
    for body in bodies:
        plan = plans.get(body.pk)
        adopted = plan is not None and plan.status != WorkPointsStatus.DRAFT
        ref = (model, plan.pk) if plan is not None else (BODY, body.pk)
        failing, evidence, notes = [], [], []
        if not adopted:
            if as_of <= adopt_due:
                results[body.pk] = CheckResult(
                    CheckStatus.NOT_YET_DUE,
                    _("%(what)s应于%(due)s前印发。") % {"what": what, "due": day_text(adopt_due)},
                )
                continue
            failing.append(RecordRef(*ref, _missing(_("印发%(what)s") % {"what": what}, adopt_due)))
        elif plan.adopted_on > adopt_due:
            failing.append(RecordRef(*ref, _late(_("印发%(what)s") % {"what": what}, adopt_due, plan.adopted_on)))
        else:
            evidence.append(
                RecordRef(*ref, _("%(what)s（%(day)s印发）") % {"what": what, "day": day_text(plan.adopted_on)})
            )
        if adopted and plan.assessed_on is not None:
            if plan.assessed_on > assess_due:
                failing.append(
                    RecordRef(*ref, _late(_("%(what)s年终考核") % {"what": what}, assess_due, plan.assessed_on))
                )
            else:
                evidence.append(
                    RecordRef(
                        *ref, _("%(what)s年终考核（%(day)s）") % {"what": what, "day": day_text(plan.assessed_on)}
                    )
                )
        elif adopted and as_of > assess_due:
            failing.append(RecordRef(*ref, _missing(_("%(what)s年终考核") % {"what": what}, assess_due)))
        elif adopted:
            notes.append(_("年终考核应于%(due)s前完成。") % {"due": day_text(assess_due)})
        if adopted:
            notes.insert(
                0,
                _("已印发，工作措施 %(n)d 项，已记录落实情况 %(followed)d 项。")
                % {"n": plan.measure_count, "followed": plan.followed},
            )
        results[body.pk] = CheckResult(
            status=CheckStatus.NOT_MET if failing else CheckStatus.MET,
            summary=what + "".join(notes) if not failing else "；".join(ref.description for ref in failing) + "。",
            numerator=plan.followed if adopted else None,
            denominator=plan.measure_count if adopted else None,
            failing=failing,
            evidence=evidence,
        )
    return results


# --- art. 40 --------------------------------------------------------------------------------------


@checks.register(40, label=gettext_lazy("每年学法活动不少于两次；市（区）政府领导班子法治专题讲座两期以上"))
def learning_minimums(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    config = selectors.settings()
    ids = [body.pk for body in bodies]
    counted = selectors.counts(ids, year, as_of)
    first, last = selectors.period(year, as_of)
    evidence = defaultdict(list)
    model = LearningActivity._meta.label_lower
    for body, pk, day, kind, topic, lecture in (
        LearningActivity.objects.filter(body__in=ids, held_on__gte=first, held_on__lte=last)
        .order_by("held_on", "pk")
        .values_list("body_id", "pk", "held_on", "kind", "topic", "leadership_lecture")
    ):
        label = _("领导班子法治专题讲座") if lecture else LearningActivity(kind=kind).get_kind_display()
        evidence[body].append(RecordRef(model, pk, f"{day_text(day)} {label}《{topic}》"))
    obligation = registry.get(40)
    results = {}
    for body in bodies:
        parts = [
            minimum(
                body,
                counted[body.pk]["learning"],
                config.training_minimum,
                year,
                as_of,
                _("学法活动"),
                evidence[body.pk],
            )
        ]
        if obligation.applies_to(body, "leadership_lectures"):
            parts.append(
                minimum(
                    body,
                    counted[body.pk]["lectures"],
                    config.leadership_lecture_minimum,
                    year,
                    as_of,
                    _("领导班子法治专题讲座"),
                )
            )
        results[body.pk] = _combine(parts)
    return results


# --- art. 41 --------------------------------------------------------------------------------------


@checks.register(41, label=gettext_lazy("领导干部任职前法律知识考查；初任、任职培训含法律知识"))
def appointments_tested(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = selectors.period(year, as_of)
    appointments, trainings = defaultdict(list), defaultdict(list)
    for row in (
        Appointment.objects.filter(body__in=ids, appointed_on__gte=first, appointed_on__lte=last)
        .order_by("appointed_on", "pk")
        .values_list("body_id", "pk", "post", "appointed_on", "tested_on")
    ):
        appointments[row[0]].append(row[1:])
    for row in (
        InductionTraining.objects.filter(body__in=ids, started_on__gte=first, started_on__lte=last)
        .order_by("started_on", "pk")
        .values_list("body_id", "pk", "title", "legal_hours")
    ):
        trainings[row[0]].append(row[1:])
    appointment, training = Appointment._meta.label_lower, InductionTraining._meta.label_lower
    results = {}
    for body in bodies:
        failing, evidence, tested = [], [], 0
        for pk, post, appointed, tested_on in appointments[body.pk]:
            who = _("%(day)s任职的%(post)s") % {"day": day_text(appointed), "post": post}
            if tested_on is not None and tested_on <= appointed:
                tested += 1
                evidence.append(RecordRef(appointment, pk, _("%(who)s：任职前考查测试") % {"who": who}))
            elif tested_on is not None:
                text = _("%(who)s：任职后（%(day)s）才进行考查测试") % {"who": who, "day": day_text(tested_on)}
                failing.append(RecordRef(appointment, pk, text))
            else:
                failing.append(RecordRef(appointment, pk, _("%(who)s：未记录任职前法律知识考查") % {"who": who}))
        for pk, title, hours in trainings[body.pk]:
            if hours:
                evidence.append(
                    RecordRef(
                        training, pk, _("《%(title)s》法律知识 %(hours)s 学时") % {"title": title, "hours": hours}
                    )
                )
            else:
                failing.append(RecordRef(training, pk, _("《%(title)s》没有法律知识学时") % {"title": title}))
        appointed, sessions = len(appointments[body.pk]), len(trainings[body.pk])
        status = (
            CheckStatus.NOT_MET if failing else CheckStatus.MET if appointed + sessions else CheckStatus.NOT_APPLICABLE
        )
        if status == CheckStatus.NOT_APPLICABLE:
            summary = _("本年度没有新任领导干部，也没有初任、任职培训记录。")
        else:
            summary = _(
                "本年度新任领导干部 %(appointed)d 人，任职前考查测试 %(tested)d 人；初任、任职培训 %(sessions)d 期，"
                "没有法律知识学时的 %(empty)d 期。"
            ) % {
                "appointed": appointed,
                "tested": tested,
                "sessions": sessions,
                "empty": sum(1 for _pk, _title, hours in trainings[body.pk] if not hours),
            }
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=tested if appointed else None,
            denominator=appointed or None,
            failing=failing,
            evidence=evidence[:EVIDENCE_LIMIT],
        )
    return results


# --- art. 42 --------------------------------------------------------------------------------------


@checks.register(42, label=gettext_lazy("普法责任清单公布，清单事项开展普法活动"))
def duty_list_covered(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = selectors.period(year, as_of)
    lists = {
        pk: (body, published)
        for pk, body, published in DutyList.objects.filter(
            body__in=ids, year=year, status=DutyListStatus.PUBLISHED, published_on__lte=as_of
        ).values_list("pk", "body_id", "published_on")
    }
    items = defaultdict(list)
    for list_id, pk, position, subject, active in (
        DutyListItem.objects.filter(duty_list__in=list(lists))
        .annotate(active=Count("activities", filter=Q(activities__held_on__gte=first, activities__held_on__lte=last)))
        .order_by("position")
        .values_list("duty_list_id", "pk", "position", "subject", "active")
    ):
        items[lists[list_id][0]].append((pk, position, subject, active))
    by_body = {body: (pk, published) for pk, (body, published) in lists.items()}
    year_over = as_of > datetime.date(year, 12, 31)
    model, item_model = DutyList._meta.label_lower, DutyListItem._meta.label_lower
    what = _("%(year)d年度普法责任清单") % {"year": year}
    results = {}
    for body in bodies:
        if body.pk not in by_body:
            if not year_over:
                results[body.pk] = CheckResult(CheckStatus.NOT_YET_DUE, _("尚未公布%(what)s。") % {"what": what})
            else:
                text = _("未公布%(what)s") % {"what": what}
                results[body.pk] = CheckResult(
                    CheckStatus.NOT_MET, text + "。", failing=[RecordRef(BODY, body.pk, text)]
                )
            continue
        list_pk, published = by_body[body.pk]
        rows = items[body.pk]
        covered = [row for row in rows if row[3]]
        uncovered = [
            RecordRef(
                item_model,
                pk,
                _("%(what)s第%(n)d项《%(subject)s》本年度没有开展普法活动")
                % {"what": what, "n": position, "subject": subject},
            )
            for pk, position, subject, active in rows
            if not active
        ]
        evidence = [
            RecordRef(model, list_pk, _("%(what)s（%(day)s公布）") % {"what": what, "day": day_text(published)})
        ]
        evidence += [
            RecordRef(
                item_model,
                pk,
                _("第%(n)d项《%(subject)s》普法活动 %(count)d 次")
                % {"n": position, "subject": subject, "count": active},
            )
            for pk, position, subject, active in covered
        ]
        status = CheckStatus.MET if not uncovered else CheckStatus.NOT_MET if year_over else CheckStatus.NOT_YET_DUE
        results[body.pk] = CheckResult(
            status=status,
            summary=_("%(what)s已公布，事项 %(n)d 项，已开展普法活动的 %(covered)d 项。")
            % {"what": what, "n": len(rows), "covered": len(covered)},
            numerator=len(covered),
            denominator=len(rows),
            failing=uncovered if year_over else [],
            evidence=evidence[:EVIDENCE_LIMIT],
        )
    return results


# --- art. 54 --------------------------------------------------------------------------------------


@checks.register(54, label=gettext_lazy("政府常务会议每年至少一次听取依法行政工作汇报"))
def executive_meetings_held(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    config = selectors.settings()
    ids = [body.pk for body in bodies]
    first, last = selectors.period(year, as_of)
    evidence = defaultdict(list)
    model = ExecutiveMeeting._meta.label_lower
    for body, pk, name, day in (
        ExecutiveMeeting.objects.filter(body__in=ids, held_on__gte=first, held_on__lte=last)
        .order_by("held_on", "pk")
        .values_list("body_id", "pk", "name", "held_on")
    ):
        evidence[body].append(RecordRef(model, pk, f"{name}（{day_text(day)}）"))
    return {
        body.pk: minimum(
            body,
            len(evidence[body.pk]),
            config.executive_meeting_minimum,
            year,
            as_of,
            _("政府常务会议听取依法行政工作汇报"),
            evidence[body.pk],
        )
        for body in bodies
    }
