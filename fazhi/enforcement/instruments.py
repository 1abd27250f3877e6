"""A case's enforcement instruments (行政执法文书) and its evidence (意见第二十条; 行政处罚法第四十七条).

`generate(case, kind, actor=...)` writes one of the standard instruments from what the case has
recorded — 立案审批表, 行政处罚告知书, 听证通知书, 行政处罚决定书 (第五十九条), 不予行政处罚决定书,
当场行政处罚决定书 (第五十二条), 送达回证, 结案审批表 — as a Word document laid out in the manner of
GB/T 9704 by the platform's one writer (`fazhi.core.officialdoc.Writer`), keeps it as a checked
attachment of the case with a `CaseDocument` row, and records the event. Instruments made
on the spot (询问笔录, 现场检查笔录, 查封扣押决定书) are uploaded as evidence instead.

`attach_evidence(case, uploaded, actor=...)` adds an audio-visual record or other evidence through
the attachments service (type judged from the content, size limited); a closed case is archived
and takes no more files or instruments.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import require
from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.inputs import clean_choice
from fazhi.core.models import Attachment
from fazhi.core.officialdoc import BLANK, Writer, chinese_date
from fazhi.core.services import attachments
from fazhi.enforcement import publicity, workflow
from fazhi.enforcement.choices import CaseStatus, DocumentKind, PenaltyKind, Procedure
from fazhi.enforcement.models import Case, CaseDocument

K = DocumentKind
S = CaseStatus
GENERATED = (
    K.FILING,
    K.NOTICE,
    K.HEARING_NOTICE,
    K.DECISION,
    K.NO_PENALTY,
    K.ON_THE_SPOT,
    K.SERVICE,
    K.CLOSURE,
)
# The suffix of each instrument's number after the case number.
SUFFIX = {
    K.FILING: "立",
    K.NOTICE: "告",
    K.HEARING_NOTICE: "听",
    K.DECISION: "罚",
    K.NO_PENALTY: "不罚",
    K.ON_THE_SPOT: "当罚",
    K.SERVICE: "送",
    K.CLOSURE: "结",
}
# --- what each instrument needs ---------------------------------------------------------------


def refusal(case: Case, kind: str) -> str | None:
    """Why the instrument cannot be made for the case now (None: it can)."""
    if case.status == S.CLOSED:
        return _("案件已结案归档，不能再制作执法文书。")
    ordinary = case.procedure == Procedure.ORDINARY
    if kind == K.ON_THE_SPOT:
        return None if not ordinary else _("当场行政处罚决定书只用于当场作出的行政处罚（行政处罚法第五十二条）。")
    if kind in (K.FILING, K.NOTICE, K.HEARING_NOTICE, K.DECISION, K.NO_PENALTY) and not ordinary:
        return _("当场作出的行政处罚不制作该文书。")
    if kind == K.NOTICE and (case.status == S.FILED or not (case.penalty_kinds or case.fine)):
        return _("调查终结并提出拟作出的行政处罚后，方可制作行政处罚告知书。")
    if kind == K.HEARING_NOTICE and not case.hearing_requested_on:
        return _("当事人未要求听证，不制作听证通知书。")
    if kind == K.DECISION and (case.status not in (S.DECIDED, S.SERVED, S.EXECUTED) or not case.penalty_kinds):
        return _("尚未作出行政处罚决定。")
    if kind == K.NO_PENALTY and (not case.no_penalty_ground or case.decided_on is None):
        return _("尚未作出不予行政处罚决定。")
    if kind == K.SERVICE and case.decided_on is None:
        return _("尚未作出决定，没有需要送达的决定书。")
    if kind == K.CLOSURE and (case.status not in (S.EXECUTED, S.SERVED) or workflow.close_refusal(case)):
        return workflow.close_refusal(case) or _("案件尚未办理到可以结案的阶段。")
    return None


def available(case: Case) -> list[tuple[str, str, str | None]]:
    """(kind, label, refusal) for every instrument the platform makes."""
    return [(kind.value, str(kind.label), refusal(case, kind)) for kind in GENERATED]


def documents_of(case: Case):
    return case.documents.select_related("attachment", "created_by").order_by("created_at", "id")


def evidence_of(case: Case):
    """The files attached to the case that are not its generated instruments."""
    return (
        attachments.attachments_of(case)
        .exclude(pk__in=CaseDocument.objects.filter(case=case).values("attachment_id"))
        .select_related("uploaded_by")
        .order_by("created_at", "id")
    )


# --- the instruments' text -------------------------------------------------------------------------


def _officers(case: Case) -> str:
    return "、".join(
        _("%(name)s（执法证号：%(number)s）") % {"name": a.officer.name, "number": a.certificate.number}
        for a in case.assignments.select_related("officer", "certificate").order_by("-lead", "id")
    )


def _party_rows(case: Case) -> list[tuple[str, str]]:
    return [
        (_("当事人"), case.party_name),
        (_("统一社会信用代码或身份证件号码"), case.party_code or "—"),
        (_("住所或地址"), case.party_address or "—"),
    ]


def _party_lines(writer: Writer, case: Case) -> None:
    for label, value in _party_rows(case):
        writer.plain(f"{label}：{value}")
    writer.plain("")


def _penalty(case: Case) -> str:
    labels = dict(PenaltyKind.choices)
    parts = []
    for kind in case.penalty_kinds or []:
        if kind == PenaltyKind.FINE and case.fine is not None:
            parts.append(_("罚款人民币%(amount)s元") % {"amount": case.fine})
        elif kind == PenaltyKind.CONFISCATE_GAINS and case.confiscated is not None:
            parts.append(_("没收违法所得人民币%(amount)s元") % {"amount": case.confiscated})
        else:
            parts.append(str(labels.get(kind, kind)))
    return "、".join(parts) or "—"


def _basis(case: Case) -> tuple[str, str]:
    """The provisions violated and those the penalty rests on, from the case's benchmark."""
    if case.benchmark_id:
        return case.benchmark.violated_provision, case.benchmark.penalty_provision
    return "", ""


def _evidence_lines(case: Case) -> list[str]:
    return [f"{n}. {a.original_name}" for n, a in enumerate(evidence_of(case), start=1)]


def _remedies(case: Case) -> str:
    """第五十九条第一款第五项: how and by when to seek review or sue."""
    return _(
        "当事人如不服本决定，可以自收到本决定书之日起六十日内向%(organ)s申请行政复议，"
        "也可以自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。"
        "申请行政复议或者提起行政诉讼的，行政处罚不停止执行，法律另有规定的除外（行政处罚法第七十三条）。"
    ) % {"organ": publicity.reconsideration_organ(case.body)}


def _payment(case: Case) -> str:
    """第五十九条第一款第四项: how and by when the penalty is carried out."""
    if case.fine is not None or PenaltyKind.FINE in (case.penalty_kinds or []) or case.confiscated is not None:
        return _(
            "当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳罚没款"
            "（行政处罚法第六十七条第三款）。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，"
            "加处罚款的数额不得超出罚款的数额（第七十二条第一款第一项），并可依法申请人民法院强制执行。"
        )
    return _("本决定自送达之日起执行。")


def _filing(writer: Writer, case: Case) -> None:
    writer.table(
        [
            (_("案号"), case.number),
            (_("案由"), case.cause),
            *_party_rows(case),
            (_("立案日期"), chinese_date(case.filed_on)),
            (_("承办人员"), _officers(case)),
            (_("简要案情"), case.facts or case.cause),
            (_("立案依据"), _("《中华人民共和国行政处罚法》第五十四条第二款")),
            (_("承办机构意见"), ""),
            (_("负责人审批意见"), ""),
        ]
    )


def _notice(writer: Writer, case: Case) -> None:
    violated, provision = _basis(case)
    writer.plain(f"{case.party_name}：")
    writer.text(_("经查，你（单位）%(facts)s") % {"facts": case.facts})
    if violated:
        writer.text(_("上述行为违反了%(violated)s的规定。") % {"violated": violated})
    writer.text(
        _("依据%(provision)s的规定，本机关拟对你（单位）作出如下行政处罚：%(penalty)s。")
        % {"provision": provision or _("有关法律、法规、规章"), "penalty": _penalty(case)}
    )
    writer.text(
        _(
            "根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）享有陈述、申辩的权利，"
            "可在收到本告知书之日起五个工作日内向本机关提出；逾期未提出的，视为放弃此权利。"
        )
    )
    if workflow.hearing_right(case):
        writer.text(
            _(
                "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求听证；"
                "要求听证的，应当在收到本告知书之日起五个工作日内提出。"
            )
        )
    writer.signature(case.body.name, case.notified_on)


def _hearing_notice(writer: Writer, case: Case) -> None:
    writer.plain(f"{case.party_name}：")
    writer.text(
        _("根据你（单位）于%(day)s提出的听证要求，本机关定于%(held)s在%(place)s就%(cause)s一案举行听证会，请准时出席。")
        % {
            "day": chinese_date(case.hearing_requested_on),
            "held": chinese_date(case.hearing_held_on),
            "place": BLANK,
            "cause": case.cause,
        }
    )
    writer.text(
        _(
            "依照《中华人民共和国行政处罚法》第六十四条的规定：听证公开举行，涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外；"
            "你（单位）认为主持人与本案有直接利害关系的，有权申请回避；可以亲自参加听证，也可以委托一至二人代理；"
            "无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利。"
        )
    )
    writer.signature(case.body.name, None)


def _decision(writer: Writer, case: Case) -> None:
    violated, provision = _basis(case)
    _party_lines(writer, case)
    writer.heading(_("一、违法事实和证据"))
    writer.text(_("经查，%(facts)s") % {"facts": case.facts})
    evidence = _evidence_lines(case)
    writer.text(_("以上事实有下列证据证明：") + ("" if evidence else _("案卷所附证据材料。")))
    for line in evidence:
        writer.text(line)
    if case.notified_on:
        writer.text(
            _(
                "本机关于%(day)s告知当事人拟作出的行政处罚及其事实、理由、依据和依法享有的权利。当事人陈述、申辩及采纳情况：%(statement)s"
            )
            % {"day": chinese_date(case.notified_on), "statement": case.statement or "—"}
        )
    if case.hearing_held_on:
        writer.text(_("本机关于%(day)s依当事人要求举行了听证。") % {"day": chinese_date(case.hearing_held_on)})
    writer.heading(_("二、行政处罚的种类和依据"))
    if violated:
        writer.text(_("当事人的上述行为违反了%(violated)s的规定。") % {"violated": violated})
    if provision:
        writer.text(_("依据%(provision)s的规定，本机关决定：") % {"provision": provision})
    else:
        writer.text(_("本机关决定："))
    writer.text(case.decision_text)
    writer.text(_("处罚种类：%(penalty)s。") % {"penalty": _penalty(case)})
    writer.heading(_("三、履行方式和期限"))
    writer.text(_payment(case))
    writer.heading(_("四、救济途径和期限"))
    writer.text(_remedies(case))
    writer.signature(case.body.name, case.decided_on)


def _no_penalty(writer: Writer, case: Case) -> None:
    _party_lines(writer, case)
    writer.text(_("经查，%(facts)s") % {"facts": case.facts})
    writer.text(
        _(
            "本机关认为，当事人的情形属于：%(ground)s。根据《中华人民共和国行政处罚法》第五十七条第一款的规定，本机关决定："
        )
        % {"ground": case.get_no_penalty_ground_display()}
    )
    writer.text(case.decision_text)
    writer.text(_remedies(case))
    writer.signature(case.body.name, case.decided_on)


def _on_the_spot(writer: Writer, case: Case) -> None:
    _party_lines(writer, case)
    writer.text(_("违法行为：%(facts)s") % {"facts": case.facts})
    writer.text(_("行政处罚的种类：%(penalty)s。") % {"penalty": _penalty(case)})
    writer.text(
        _("行政处罚的依据：《中华人民共和国行政处罚法》第五十一条及%(provision)s。")
        % {"provision": _basis(case)[1] or _("有关法律、法规、规章")}
    )
    writer.text(_("时间：%(day)s　　地点：%(place)s") % {"day": chinese_date(case.decided_on), "place": BLANK})
    writer.text(_payment(case))
    writer.text(_remedies(case))
    writer.text(_("执法人员（签名）：%(officers)s") % {"officers": _officers(case)})
    writer.text(_("当事人（签收）：%(blank)s") % {"blank": BLANK})
    writer.signature(case.body.name, case.decided_on)


def _decision_document(case: Case) -> str:
    kind = K.NO_PENALTY if case.no_penalty_ground and not case.penalty_kinds else K.DECISION
    if case.procedure == Procedure.ON_THE_SPOT:
        kind = K.ON_THE_SPOT
    return f"《{kind.label}》{case.decision_number or case.number}"


def _service(writer: Writer, case: Case) -> None:
    writer.table(
        [
            (_("送达文书"), _decision_document(case)),
            (_("受送达人"), case.party_name),
            (_("送达地点"), case.party_address or BLANK),
            (_("送达方式"), case.get_service_method_display() or BLANK),
            (_("送达日期"), chinese_date(case.served_on)),
            (_("送达人"), _officers(case)),
            (_("受送达人签名或者盖章"), ""),
            (
                _("备注"),
                _(
                    "行政处罚决定书应当在宣告后当场交付当事人；当事人不在场的，应当在七日内送达（行政处罚法第六十一条）。"
                ),
            ),
        ]
    )


def _closure(writer: Writer, case: Case) -> None:
    reason = _("行政处罚决定已执行完毕。") if case.penalty_kinds else _("不予行政处罚决定已送达。")
    writer.table(
        [
            (_("案号"), case.number),
            (_("案由"), case.cause),
            (_("当事人"), case.party_name),
            (_("立案日期"), chinese_date(case.filed_on)),
            (_("决定"), f"{_decision_document(case)}\n{case.decision_text}"),
            (_("决定日期"), chinese_date(case.decided_on)),
            (_("送达"), f"{chinese_date(case.served_on)} {case.get_service_method_display()}"),
            (_("执行情况"), f"{chinese_date(case.executed_on) if case.executed_on else '—'} {case.execution_note}"),
            (_("承办人员"), _officers(case)),
            (_("结案理由"), reason),
            (_("负责人审批意见"), ""),
        ]
    )


WRITERS = {
    K.FILING: _filing,
    K.NOTICE: _notice,
    K.HEARING_NOTICE: _hearing_notice,
    K.DECISION: _decision,
    K.NO_PENALTY: _no_penalty,
    K.ON_THE_SPOT: _on_the_spot,
    K.SERVICE: _service,
    K.CLOSURE: _closure,
}


def number_of(case: Case, kind: str) -> str:
    if kind in (K.DECISION, K.NO_PENALTY, K.ON_THE_SPOT) and case.decision_number:
        return case.decision_number
    return f"{case.number}-{SUFFIX[kind]}"


def render(case: Case, kind: str) -> bytes:
    """The instrument's DOCX bytes (nothing stored)."""
    writer = Writer()
    writer.head(case.body.name, str(DocumentKind(kind).label), number_of(case, kind))
    WRITERS[kind](writer, case)
    return writer.content()


# --- the services ----------------------------------------------------------------------------------


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update(of=("self",)).select_related("body", "benchmark").get(pk=case.pk)


def generate(case: Case, kind, *, actor) -> CaseDocument:
    """制作执法文书: the instrument from the case as it stands, kept with the case and audited."""
    require(actor, "enforce", case.body, _("制作执法文书"))
    kind = clean_choice(kind, DocumentKind, "kind", _("文书种类"))
    if kind not in GENERATED:
        message = _("“%(kind)s”在现场制作，请作为证据材料上传。") % {"kind": DocumentKind(kind).label}
        raise InvalidInput(message, errors={"kind": [message]})
    with attachments.files_removed_on_failure(), transaction.atomic():
        case = _locked(case)
        reason = refusal(case, kind)
        if reason:
            raise Conflict(reason, code="gate_not_met")
        number = number_of(case, kind)
        name = f"{DocumentKind(kind).label}-{number}.docx".replace("/", "-")
        upload = SimpleUploadedFile(name, render(case, kind), content_type=attachments.KINDS["docx"].media_type)
        attachment = attachments.attach(case, upload, actor=actor, body=case.body)
        document = CaseDocument.objects.create(
            case=case, kind=kind, number=number, attachment=attachment, created_by=actor
        )
        audit.record(
            case,
            "enforcement.instrument_generated",
            actor=actor,
            extra={"document": document.pk, "kind": kind, "number": number, "sha256": attachment.sha256},
        )
    return document


def attach_evidence(case: Case, uploaded, *, actor) -> Attachment:
    """上传证据材料 (audio-visual records, photos, 笔录 made on the spot), refused once the case is closed."""
    require(actor, "enforce", case.body, _("上传证据材料"))
    if uploaded is None or isinstance(uploaded, str | bytes | int | float | list | dict):
        message = _("请选择要上传的文件。")
        raise InvalidInput(message, errors={"file": [message]})
    with attachments.files_removed_on_failure(), transaction.atomic():
        case = _locked(case)
        if case.status == S.CLOSED:
            raise Conflict(_("案件已结案归档，不能再上传证据材料。"), code="invalid_transition")
        attachment = attachments.attach(case, uploaded, actor=actor, body=case.body)
        audit.record(
            case,
            "enforcement.evidence_attached",
            actor=actor,
            extra={"attachment": attachment.pk, "name": attachment.original_name, "sha256": attachment.sha256},
        )
    return attachment
