"""Who is the respondent, who decides, and which office handles it (行政复议法 arts. 19, 24, 27, 28).

One function answers for the public form's router, the office's entry and forwarding: the body
tree and the governments' `DocumentSettings.legal_office` (the 司法局) are data, not code.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from fazhi.core.choices import BodyKind
from fazhi.core.errors import InvalidInput
from fazhi.core.inputs import clean_id
from fazhi.core.models import Body

GOVERNMENTS = (BodyKind.CITY_GOVERNMENT, BodyKind.COUNTY_GOVERNMENT)


@dataclass(frozen=True)
class Jurisdiction:
    acting_body: Body  # who made the act
    respondent: Body  # art. 19: the entrusting body for an entrusted organisation
    reconsideration_body: Body
    office: Body  # the 行政复议机构 that handles the case
    rule: str  # the article applied, for the record and the page


def _refuse(message: str, field: str = "respondent") -> InvalidInput:
    return InvalidInput(message, errors={field: [message]})


def _nearest_government(body: Body) -> Body | None:
    """The government `body` belongs to: itself when it is one, else the closest above."""
    node = body
    while node is not None and node.kind not in GOVERNMENTS:
        node = node.parent
    return node


def _office_of(government: Body) -> Body:
    """The government's 行政复议机构: its legal office (司法局) as the documents settings name it,
    else the government itself."""
    from fazhi.documents.models import DocumentSettings

    settings = DocumentSettings.objects.filter(government=government).select_related("legal_office").first()
    return settings.legal_office if settings is not None else government


def _government(government: Body | None, acting: Body, rule: str, respondent: Body) -> Jurisdiction:
    if government is None or not government.is_reconsideration_body or not government.is_current():
        raise _refuse(
            _("对%(body)s的行政行为不服的，应当向%(where)s申请行政复议；该机关不在本平台办理，请直接向其提出。")
            % {"body": respondent.name, "where": _("其上一级人民政府")}
        )
    return Jurisdiction(acting, respondent, government, _office_of(government), rule)


def resolve(acting: Body) -> Jurisdiction:
    """The jurisdiction for an act of `acting`, or a 400 telling the applicant where to apply."""
    respondent = acting
    if acting.kind == BodyKind.ENTRUSTED_ORGANISATION:
        if acting.parent is None:
            raise _refuse(_("受委托组织作出的行政行为，以委托的行政机关为被申请人；本平台未登记其委托机关。"))
        respondent = acting.parent  # art. 19(3)
    if respondent.kind == BodyKind.VERTICAL:
        parent = respondent.parent
        if parent is None or parent.kind in GOVERNMENTS:
            raise _refuse(
                _(
                    "%(body)s实行垂直领导（行政复议法第二十七条），应当向其上一级主管部门申请行政复议；"
                    "该主管部门不在本平台办理，请直接向其提出。"
                )
                % {"body": respondent.name}
            )
        return Jurisdiction(acting, respondent, parent, parent, _("第二十七条"))
    if respondent.kind == BodyKind.CITY_GOVERNMENT:
        raise _refuse(
            _(
                "对%(body)s的行政行为不服的，应当向上一级人民政府（省人民政府）申请行政复议（行政复议法第二十四条第一款第二项），"
                "请直接向其提出。"
            )
            % {"body": respondent.name}
        )
    if respondent.kind in (BodyKind.COUNTY_GOVERNMENT, BodyKind.TOWN):
        return _government(_nearest_government(respondent.parent), acting, _("第二十四条第一款第二项"), respondent)
    # a department, an authorised organisation managed by the government or its department,
    # the 司法局 itself (art. 28: its own government is one of the two choices)
    rule = (
        _("第二十四条第一款第四项")
        if respondent.kind == BodyKind.AUTHORISED_ORGANISATION
        else _("第二十四条第一款第一项")
    )
    return _government(_nearest_government(respondent), acting, rule, respondent)


def acting_body(value, field: str = "respondent") -> Body:
    """The body named as having made the act, current today; a 400 otherwise."""
    pk = clean_id(value, field, _("被申请人"))
    body = Body.objects.current().select_related("parent").filter(pk=pk).first()
    if body is None:
        raise _refuse(_("所选行政机关不存在或已撤销。"), field)
    return body
