"""The words of oversight (seed arts. 34, 52, 53, 56): deputies' suggestions and CPPCC proposals
and their answers, reports to the People's Congress, the office's inspections, the measures taken
against a body, and the provincial evaluation's task split."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# --- 建议、提案 (art. 34; 代表法 第五十一条) -------------------------------------------------------


class ProposalKind(models.TextChoices):
    DEPUTY = "deputy", _("人大代表建议")
    CPPCC = "cppcc", _("政协委员提案")


class ProposalStatus(models.TextChoices):
    ASSIGNED = "assigned", _("办理中")
    REASSIGN_REQUESTED = "reassign_requested", _("申请调整承办单位")
    ANSWERED = "answered", _("已答复，待征询意见")
    REOPENED = "reopened", _("不满意，重新办理")
    CLOSED = "closed", _("已办结")


class ParticipantRole(models.TextChoices):
    CO_HANDLER = "co_handler", _("会办单位")
    ASSISTANT = "assistant", _("协办单位")


class ReplyCategory(models.TextChoices):
    """The national classification of answers (A/B/C)."""

    A = "A", _("A类：所提问题已经解决或基本解决")
    B = "B", _("B类：正在解决或已列入计划逐步解决")
    C = "C", _("C类：因条件限制或其他原因需今后研究解决")


class Feedback(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class ReassignmentDecision(models.TextChoices):
    APPROVED = "approved", _("同意调整")
    REFUSED = "refused", _("不同意调整")


# --- 向人大报告工作、询问和质询、审议意见 (art. 34; 监督法) -------------------------------------------


class CongressReportKind(models.TextChoices):
    WORK_REPORT = "work_report", _("政府工作报告")
    SPECIAL = "special", _("专项工作报告")
    PLAN = "plan", _("国民经济和社会发展计划执行情况报告")
    BUDGET = "budget", _("预算执行情况报告")
    FINAL_ACCOUNTS = "final_accounts", _("决算报告")
    AUDIT = "audit", _("审计工作报告")
    AUDIT_RECTIFICATION = "audit_rectification", _("审计查出问题整改情况报告")
    STATE_ASSETS = "state_assets", _("国有资产管理情况报告")
    DEBT = "debt", _("政府债务管理情况报告")
    ENFORCEMENT_INSPECTION = "enforcement_inspection", _("执法检查报告")
    INQUIRY = "inquiry", _("询问、专题询问")
    INTERPELLATION = "interpellation", _("质询")
    OTHER = "other", _("其他")


# The kinds that answer a question put by the standing committee (监督法 第六章).
QUESTION_KINDS = (CongressReportKind.INQUIRY, CongressReportKind.INTERPELLATION)


class AnswerMode(models.TextChoices):
    ORAL = "oral", _("口头答复")
    WRITTEN = "written", _("书面答复")


class OpinionKind(models.TextChoices):
    OPINION = "opinion", _("审议意见")
    RESOLUTION = "resolution", _("决议")


class OpinionStatus(models.TextChoices):
    RECEIVED = "received", _("研究处理中")
    REPORTED = "reported", _("已书面报告研究处理情况")


# --- 定期检查、专项督查 (art. 56) -----------------------------------------------------------------


class InspectionKind(models.TextChoices):
    PERIODIC = "periodic", _("定期检查")
    SPECIAL = "special", _("专项督查")


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", _("计划中")
    IN_PROGRESS = "in_progress", _("督查中")
    CONCLUDED = "concluded", _("已形成督查报告")


class Severity(models.TextChoices):
    NONE = "none", _("未发现问题")
    MINOR = "minor", _("轻微")
    GENERAL = "general", _("一般")
    SERIOUS = "serious", _("严重")


# --- 约谈、责令整改、通报批评 (art. 53) --------------------------------------------------------------


class MeasureKind(models.TextChoices):
    INTERVIEW = "interview", _("约谈")
    RECTIFICATION = "rectification", _("责令整改")
    CRITICISM = "criticism", _("通报批评")


class MeasureStatus(models.TextChoices):
    ISSUED = "issued", _("已作出")
    RECTIFYING = "rectifying", _("整改中")
    REPORTED = "reported", _("已报送整改情况，待核查")
    PASSED = "passed", _("整改核查通过")


# --- 迎接省考评 (art. 52) ---------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("拟订中")
    ISSUED = "issued", _("已下发")


class TaskStatus(models.TextChoices):
    ASSIGNED = "assigned", _("待报送")
    SUBMITTED = "submitted", _("已报送，待审核")
    RETURNED = "returned", _("已退回，待重新报送")
    ACCEPTED = "accepted", _("已通过")
