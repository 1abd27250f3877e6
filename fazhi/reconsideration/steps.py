"""What each step of a case takes, in one table read by the office page (its form) and the API
(its documented request body): (name, label, widget, choices, required)."""

from django.utils.translation import gettext_lazy as _l

# The fields each step's form asks for: (name, label, widget, choices key, required).
STEP_FIELDS = {
    "forward": [("note", _l("转送说明（选填）"), "textarea", None, False)],
    "accept": [
        ("procedure", _l("审理程序"), "select", "procedures", True),
        ("simplified_ground", _l("适用简易程序的情形（简易程序必选）"), "select", "grounds", False),
    ],
    "refuse": [
        ("reason", _l("不予受理理由"), "textarea", None, True),
        ("competent_body", _l("有管辖权的行政复议机关（不属于本机关管辖的）"), "text", None, False),
    ],
    "ask-completion": [("items", _l("补正事项（一次性载明）"), "textarea", None, True)],
    "extend-completion": [
        ("until", _l("延长至"), "date", None, True),
        ("reason", _l("正当理由"), "textarea", None, True),
    ],
    "complete": [("text", _l("补正材料说明"), "textarea", None, True)],
    "reply": [
        ("text", _l("书面答复"), "textarea", None, True),
        ("evidence", _l("证据、依据和其他有关材料清单"), "textarea", None, True),
    ],
    "convert": [("reason", _l("转为普通程序的理由"), "textarea", None, True)],
    "extend": [
        ("days", _l("延长天数（不超过30日）"), "number", None, True),
        ("reason", _l("延长理由（书面告知当事人）"), "textarea", None, True),
    ],
    "suspend": [
        ("reason", _l("中止原因"), "select", "suspensions", True),
        ("note", _l("说明"), "textarea", None, False),
    ],
    "incidental-review": [
        ("document", _l("规范性文件"), "select", "documents", True),
        ("provisions", _l("审查的条款"), "textarea", None, True),
        ("grounds", _l("不合法的理由"), "textarea", None, False),
    ],
    "terminate": [
        ("reason", _l("终止原因"), "select", "terminations", True),
        ("note", _l("说明"), "textarea", None, False),
        ("settled", _l("当事人和解后撤回申请（第七十四条）"), "checkbox", None, False),
    ],
    "proceeding": [
        ("kind", _l("类别"), "select", "proceeding_kinds", True),
        ("held_on", _l("日期"), "date", None, True),
        ("notified_on", _l("通知日期（听证必填，应于五日前书面通知）"), "date", None, False),
        ("place", _l("地点或方式"), "text", None, False),
        ("notes", _l("记录"), "textarea", None, True),
    ],
    "mediate": [
        ("text", _l("行政复议调解书"), "textarea", None, True),
        ("performance_required", _l("被申请人应当履行的事项（选填）"), "textarea", None, False),
        ("performance_days", _l("履行期限（日）"), "number", None, False),
    ],
    "decide": [
        ("decision_type", _l("复议决定"), "select", "decision_types", True),
        ("reasons", _l("决定理由"), "textarea", None, True),
        ("text", _l("行政复议决定书"), "textarea", None, True),
        ("performance_required", _l("责令被申请人履行或重新作出行政行为的事项"), "textarea", None, False),
        ("performance_days", _l("履行期限（日，自送达之日起）"), "number", None, False),
    ],
    "serve": [("served_on", _l("送达日期"), "date", None, False)],
    "publish": [("text", _l("公开文本（选填，默认为决定书全文，个人信息自动去除）"), "textarea", None, False)],
    "letter": [
        ("recipient", _l("收文机关"), "select", "recipients", True),
        ("text", _l("意见书内容"), "textarea", None, True),
    ],
    "report-performance": [
        ("performed_on", _l("履行日期"), "date", None, True),
        ("text", _l("履行情况"), "textarea", None, True),
    ],
    "order-performance": [
        ("text", _l("责令履行的内容"), "textarea", None, True),
        ("days", _l("履行期限（日）"), "number", None, True),
    ],
    "mark-major": [("reason", _l("理由"), "textarea", None, True)],
    "report-major": [
        ("reported_to", _l("上报备案机关"), "text", None, True),
        ("reported_on", _l("上报日期"), "date", None, False),
    ],
}
