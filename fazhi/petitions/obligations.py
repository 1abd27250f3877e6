"""Seed art. 33 (信访工作制度；转送有权机关；导入法定途径), checked.

A body meets the article for a year when, as known on `as_of`, every petition step that fell to it
in the year was taken within its period (信访工作条例):

- registered, forwarded or assigned, or referred, and the petitioner told, within 15 days of
  receipt (`petition-register`, arts. 22–23);
- handled, with the written opinion, within 60 days of acceptance, or the extended period
  (`petition-handle`, art. 34);
- as the next level up, each review or re-check opinion within 30 days (`petition-review`,
  arts. 35–36; a hearing not counted).

A step done late, or still open after its due date, fails the article and is named by the receipt
code. Matters referred to litigation, arbitration, reconsideration or another statutory channel
left the petition clock when referred: they count as registered on time when referred within
the 15 days, never as unresolved. Periods still running leave the article 未到期 until one
falls due. Three queries, whatever the number of bodies.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock.models import Deadline
from fazhi.core.dates import day_text
from fazhi.obligations import checks
from fazhi.obligations.checks import CheckResult, RecordRef
from fazhi.obligations.choices import CheckStatus
from fazhi.petitions.choices import PetitionStatus
from fazhi.petitions.models import Petition

PETITION = Petition._meta.label_lower
MATTERS = {
    "petition-register": gettext_lazy("登记、转送交办并告知"),
    "petition-handle": gettext_lazy("办结"),
    "petition-review": gettext_lazy("复查（复核）意见"),
}
EVIDENCE_LIMIT = 20


@checks.register(33, label=gettext_lazy("信访受理范围、程序；转送有权机关；导入法定途径"))
def petitions_handled(bodies, year: int, as_of: datetime.date) -> dict[int, CheckResult]:
    ids = [body.pk for body in bodies]
    first, last = checks.year_bounds(year)
    day = min(last, as_of)
    content_type = ContentType.objects.get_for_model(Petition)
    deadlines = list(
        Deadline.objects.filter(
            content_type=content_type, body__in=ids, matter__in=MATTERS, start_on__gte=first, start_on__lte=day
        )
        .values_list("body_id", "object_id", "matter", "due_on", "closed_on")
        .order_by("start_on", "pk")
    )
    codes = dict(
        Petition.objects.filter(pk__in={int(row[1]) for row in deadlines}).values_list("pk", "submission__receipt_code")
    )
    referred = dict(
        Petition.objects.filter(
            body__in=ids, status=PetitionStatus.REFERRED, referred_on__gte=first, referred_on__lte=day
        )
        .values("body")
        .annotate(n=Count("pk"))
        .values_list("body", "n")
    )
    grouped = checks.by_body(deadlines, lambda row: row[0])
    results = {}
    for body in bodies:
        on_time, running, late, evidence = 0, 0, [], []
        for _body, object_id, matter, due_on, closed_on in grouped[body.pk]:
            code = codes.get(int(object_id), object_id)
            label = MATTERS[matter]
            if closed_on is not None and due_on is not None and closed_on <= due_on:
                on_time += 1
                evidence.append(RecordRef(PETITION, int(object_id), f"{code} {label}"))
            elif closed_on is not None:
                late.append(
                    RecordRef(
                        PETITION,
                        int(object_id),
                        _("%(code)s逾期%(step)s（应于%(due)s前，%(closed)s办结）")
                        % {"code": code, "step": label, "due": day_text(due_on), "closed": day_text(closed_on)},
                    )
                )
            elif due_on is not None and due_on < as_of:
                late.append(
                    RecordRef(
                        PETITION,
                        int(object_id),
                        _("%(code)s逾期未%(step)s（应于%(due)s前）")
                        % {"code": code, "step": label, "due": day_text(due_on)},
                    )
                )
            else:
                running += 1
        count_referred = referred.get(body.pk, 0)
        done = on_time + len(late)
        summary = _(
            "本年度信访办理环节到期 %(done)d 个，按期 %(on_time)d 个，逾期 %(late)d 个，办理中 %(running)d 个；"
            "导入诉讼、仲裁、行政复议等法定途径 %(referred)d 件。"
        ) % {"done": done, "on_time": on_time, "late": len(late), "running": running, "referred": count_referred}
        if late:
            status = CheckStatus.NOT_MET
        elif done:
            status = CheckStatus.MET
        elif running:
            status = CheckStatus.NOT_YET_DUE
        else:
            status = CheckStatus.NOT_APPLICABLE
            summary = _("本年度没有信访事项。")
        results[body.pk] = CheckResult(
            status=status,
            summary=summary,
            numerator=on_time,
            denominator=done,
            failing=late,
            evidence=evidence[:EVIDENCE_LIMIT],
        )
    return results
