"""The normative-document workflow (seed arts. 7–9, 28, 39): one table, its gates, who runs each step.

drafting → public consultation → fair-competition review (where the measure touches market
activity) → submission for legality review, which registers the draft with the same-level
government's legal office → review in one or two stages → collective discussion → unified
numbering (登记号) by 市府办 or the legal office → unified publication by 市府办 → in force →
expired / amended / repealed.

Most steps are the drafting body's (`body`); numbering is done at the numbering office
(`numbering_body`) and publication and repeal at the government (`government`), which is what
the transitions' `body_attr` says. Each gate answers the Chinese sentence a refusal shows, so a
page, the API, the admin and a command are refused alike.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fazhi.clock import periods
from fazhi.clock.workdays import add_months
from fazhi.core.dates import day_text
from fazhi.core.workflow import Transition, Workflow
from fazhi.documents.choices import DocumentKind, DocumentStatus
from fazhi.procedures import selectors as procedures
from fazhi.procedures.choices import ReviewKind

VALIDITY_PERIOD = "normative-validity"
PROVISIONAL_VALIDITY_PERIOD = "normative-validity-provisional"
# The evaluation before expiry starts this many months ahead (Guangdong practice, DESIGN §4).
EVALUATION_LEAD_MONTHS = 6

S = DocumentStatus
DRAFT_STATUSES = (S.DRAFTING, S.CONSULTING, S.COMPETITION_REVIEW, S.LEGALITY_REVIEW, S.REVIEWED, S.DECIDED)
EDITABLE_STATUSES = (
    S.DRAFTING,
    S.CONSULTING,
    S.COMPETITION_REVIEW,
    S.LEGALITY_REVIEW,
    S.REVIEWED,
    S.DECIDED,
    S.NUMBERED,
)


def validity_period(document) -> periods.Period:
    return periods.get(PROVISIONAL_VALIDITY_PERIOD if document.is_provisional else VALIDITY_PERIOD)


def latest_expiry(document, start: datetime.date) -> datetime.date:
    """The last day a validity starting on `start` may run: 5 years, 暂行/试行 2 (from the clock's table)."""
    period = validity_period(document)
    return add_months(start, period.length) - datetime.timedelta(days=1)


def validity_refusal(document) -> str | None:
    """Why the validity cannot stand (意见第九条): an end date within the maximum, or long-term with a reason."""
    if document.effective_on is None:
        return _("请填写施行日期。")
    if document.long_term:
        if not document.long_term_reason.strip():
            return _("需要长期执行的文件，须写明理由。")
        if document.is_provisional:
            return _("暂行、试行文件不能长期执行，须设定有效期。")
        return None
    if document.expires_on is None:
        return _("请设定有效期（有效期至）；需要长期执行的，须注明并写明理由。")
    if document.expires_on < document.effective_on:
        return _("有效期至不能早于施行日期。")
    latest = latest_expiry(document, document.effective_on)
    if document.expires_on > latest:
        period = validity_period(document)
        return _("%(label)s最长%(length)s（%(source)s），自%(start)s施行的，有效期最迟至%(latest)s。") % {
            "label": period.label,
            "length": period.describe(),
            "source": period.source,
            "start": day_text(document.effective_on),
            "latest": day_text(latest),
        }
    return None


# --- gates ---------------------------------------------------------------------------------


def _has_text(document) -> str | None:
    if not document.title.strip() or not document.text.strip():
        return _("请填写标题和正文后再公开征求意见。")
    return None


def _consultation_complete(document) -> str | None:
    ok, reason = procedures.consultation_complete(document)
    return None if ok else _("公开征求意见未完成：%(reason)s") % {"reason": reason}


def _touches_market(document) -> str | None:
    if not document.touches_market:
        return _("本文件未标明涉及市场主体经济活动，无需公平竞争审查。")
    return None


def _competition_passed(document) -> str | None:
    if not document.touches_market:
        return None
    ok, reason = procedures.review_passed(document, ReviewKind.FAIR_COMPETITION)
    if ok:
        return None
    return _("涉及市场主体经济活动的政策措施，未经公平竞争审查不得出台：%(reason)s") % {"reason": reason}


def _settings_configured(document) -> str | None:
    if document.settings is None:
        return _("%(government)s尚未配置规范性文件统一登记的法制机构，请联系依法行政办。") % {
            "government": document.government.name
        }
    return None


def _legality_passed(document) -> str | None:
    ok, reason = procedures.review_passed(document, ReviewKind.LEGALITY)
    return None if ok else _("合法性审查未通过：%(reason)s") % {"reason": reason}


def _discussion_held(document) -> str | None:
    ok, reason = procedures.collective_discussion_held(document)
    return None if ok else _("未经集体讨论决定：%(reason)s") % {"reason": reason}


def _number_format_configured(document) -> str | None:
    if document.registration_format is None:
        return _("尚未配置%(kind)s的登记号格式，请联系依法行政办。") % {"kind": document.get_kind_display()}
    return None


def _is_government_document(document) -> str | None:
    if document.kind != DocumentKind.GOVERNMENT:
        return _("部门规范性文件由法制机构统一编号。")
    return None


def _is_department_document(document) -> str | None:
    if document.kind != DocumentKind.DEPARTMENT:
        return _("政府规范性文件由政府办公室统一编号。")
    return None


def _has_doc_number(document) -> str | None:
    if not document.doc_number:
        return _("请先填写发文字号。")
    return None


def _has_interpretation(document) -> str | None:
    """The interpretation may be text, files (a 图解, a PDF) or both; a policy document needs one."""
    if not document.is_policy_document or document.interpretation.strip():
        return None
    if document.interpretation_files.exists():
        return None
    return _("政策性文件须与解读材料同步发布（意见第二十八条），请先填写解读材料或上传解读材料文件。")


def _repeal_reason(document) -> str | None:
    if not document.end_reason.strip():
        return _("请写明废止的理由。")
    return None


DOCUMENT = Workflow(
    [
        Transition(
            "start_consultation",
            gettext_lazy("公开征求意见"),
            (S.DRAFTING,),
            S.CONSULTING,
            gates=(_has_text,),
        ),
        Transition(
            "submit_competition_review",
            gettext_lazy("提交公平竞争审查"),
            (S.CONSULTING,),
            S.COMPETITION_REVIEW,
            gates=(_touches_market, _consultation_complete),
        ),
        Transition(
            "submit_legality_review",
            gettext_lazy("报送合法性审查（统一登记）"),
            (S.CONSULTING, S.COMPETITION_REVIEW),
            S.LEGALITY_REVIEW,
            gates=(_consultation_complete, _competition_passed, _settings_configured),
        ),
        Transition(
            "conclude_review",
            gettext_lazy("确认审查通过"),
            (S.LEGALITY_REVIEW,),
            S.REVIEWED,
            gates=(_legality_passed,),
        ),
        Transition(
            "record_decision",
            gettext_lazy("确认集体讨论决定"),
            (S.REVIEWED,),
            S.DECIDED,
            gates=(_legality_passed, _discussion_held),
        ),
        Transition(
            "number_government",
            gettext_lazy("统一编号（政府办公室）"),
            (S.DECIDED,),
            S.NUMBERED,
            action="number",
            body_attr="numbering_body",
            gates=(_is_government_document, _legality_passed, _discussion_held, _number_format_configured),
        ),
        # A departmental document is numbered by the legal office: the "review" action at the
        # numbering body is what tells its legal reviewers from 市府办, whose scope reaches there too.
        Transition(
            "number_department",
            gettext_lazy("统一编号（法制机构）"),
            (S.DECIDED,),
            S.NUMBERED,
            action="review",
            body_attr="numbering_body",
            gates=(_is_department_document, _legality_passed, _discussion_held, _number_format_configured),
        ),
        Transition(
            "publish",
            gettext_lazy("统一发布"),
            (S.NUMBERED,),
            S.IN_FORCE,
            action="publish",
            body_attr="government",
            gates=(_has_doc_number, validity_refusal, _has_interpretation),
        ),
        Transition(
            "amend",
            gettext_lazy("确认已被修改"),
            (S.IN_FORCE,),
            S.AMENDED,
            action="publish",
            body_attr="government",
        ),
        Transition(
            "repeal",
            gettext_lazy("废止"),
            (S.IN_FORCE, S.EXPIRED),
            S.REPEALED,
            action="publish",
            body_attr="government",
            gates=(_repeal_reason,),
        ),
        Transition(
            "withdraw",
            gettext_lazy("撤回"),
            DRAFT_STATUSES,
            S.WITHDRAWN,
        ),
    ]
)

# The sweep records expiry without an actor: the dates decide, not a person (see `tasks`).
EXPIRE = Transition("expire", gettext_lazy("有效期届满失效"), (S.IN_FORCE,), S.EXPIRED)


# Steps that do not apply to a document at all are not offered on its page (their gates still refuse).
APPLIES = {
    "submit_competition_review": lambda document: document.touches_market,
    "number_government": lambda document: document.kind == DocumentKind.GOVERNMENT,
    "number_department": lambda document: document.kind == DocumentKind.DEPARTMENT,
    "amend": lambda document: False,  # done by publishing the document that replaces it
}


def numbering_transition(document) -> str:
    return "number_government" if document.kind == DocumentKind.GOVERNMENT else "number_department"


def actions(document, actor) -> list[tuple[Transition, str | None]]:
    """The steps `actor` may take now, each with the reason it would be refused (None: it would not)."""
    result = []
    for transition in DOCUMENT.available(document, actor):
        if not APPLIES.get(transition.name, lambda document: True)(document):
            continue
        refusal = next((reason for gate in transition.gates if (reason := gate(document))), None)
        result.append((transition, refusal))
    return result
