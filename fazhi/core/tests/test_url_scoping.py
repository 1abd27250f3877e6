"""Every URL pattern, tried by people who must not see another body's records.

The test walks `get_resolver()` and needs each named pattern to be classified below: either
public (with the reason it may answer anyone), or scoped, with the kind of record whose id fills
its `<pk>`. A new pattern fails `test_every_url_pattern_is_classified` until it is classified,
and then the scoping check runs on it.

Canary records of 江门市市场监督管理局 carry marker texts. The pattern is then requested with
those records' ids — GET and every writing method — by four people: anonymous, a logged-in
user with no membership, a clerk of another body (市生态环境局) and the 依法行政办 of another
subtree (蓬江区). Each answer must be a refusal (404, 403, 401, 405, or a redirect to the login
page), or one that shows none of the markers; a record of a private kind must be refused
outright; and after all the requests the canaries are as they were.
"""

import contextlib
import io
import json
from dataclasses import dataclass

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.assessment import testing as assessment_testing
from fazhi.capacity import testing as capacity_testing
from fazhi.capacity.registers import REGISTERS as CAPACITY_REGISTERS
from fazhi.core.choices import Role, SubmissionStatus
from fazhi.core.models import Attachment, Membership, Notification, PublicSubmission
from fazhi.core.services import submissions as submission_services
from fazhi.core.services.notifications import notify
from fazhi.core.testing import FAST_HASHERS, make_city, make_people, make_user
from fazhi.decisions import catalog_testing
from fazhi.decisions.models import Decision, ExpertOpinion, Hearing, RiskAssessment
from fazhi.decisions.testing import make_canaries as make_decision_canaries
from fazhi.disclosure import testing as disclosure_testing
from fazhi.documents.filing_testing import make_canaries as make_filing_canaries
from fazhi.documents.models import (
    FilingRecord,
    IncidentalReview,
    InterpretationFile,
    NormativeDocument,
    ValidityEvaluation,
)
from fazhi.documents.testing import make_canaries as make_document_canaries
from fazhi.enforcement import testing as enforcement_testing
from fazhi.inspections import testing as inspection_testing
from fazhi.intake import testing as intake_testing
from fazhi.litigation import testing as litigation_testing
from fazhi.obligations import testing as board_testing
from fazhi.oversight import testing as oversight_testing
from fazhi.petitions import testing as petition_testing
from fazhi.powers.models import Power, PowerListVersion
from fazhi.powers.testing import make_canaries as make_power_canaries
from fazhi.procedures.testing import make_canaries as make_procedure_canaries
from fazhi.reconsideration import testing as reconsideration_testing
from fazhi.reconsideration.workflow import STEPS as RECONSIDERATION_STEPS
from fazhi.reports import testing as report_testing
from fazhi.rules.models import LegislativePlan, Rule
from fazhi.rules.testing import make_canaries as make_rule_canaries

MARKERS = {
    "member": "哨兵经办人甲",
    "notification": "哨兵通知标题乙",
    "subject": "哨兵意见标题丙",
    "content": "哨兵意见内容丁，请勿外泄",
    "submitter": "哨兵提交人戊",
    "phone": "13800138000",
    "attachment_name": "哨兵附件己",
    "attachment_text": "哨兵附件正文庚",
}

# Patterns anyone may call, and why. They are requested like the others (no marker may show).
PUBLIC = {
    "portal:home": "公众门户首页：只显示单位树",
    "portal:submit": "公众提交意见建议的表单：只写入，不显示已有事项",
    "portal:track": "凭回执编号与查询码查询：无查询码不显示任何事项",
    "core:login": "登录页",
    "core:logout": "退出登录：只影响本人会话",
    "api-token": "以用户名和密码换取令牌",
    "api-health": "运行状态：不含业务数据",
    "api-public-submission": "公众提交接口：只写入",
    "api-public-submission-status": "凭回执编号与查询码查询的接口",
    "api-search": "全文检索：匿名用户只得公开内容，登录用户另得其范围内单位的内部内容",
    "api-root": "API 目录：只列出接口地址",
    "api-schema": "OpenAPI 文档：只描述接口",
    "api-docs": "Swagger 页面：只描述接口",
    "set_language": "切换界面语言：只写本人会话",
    "procedures:public-list": "公开征求意见列表：只列征求意见中和已公布反馈的事项",
    "public-consultation-list": "同上（接口）",
    "powers:public-list": "权责清单：只列有已发布清单的单位",
    "documents:public-list": "规范性文件库：只列已发布的文件，检索只查公开内容",
    "documents:public-consultations": "正在征求意见的文件草案：只列征求意见已发布的",
    "public-document-list": "规范性文件库（接口）：只列已发布的文件",
    "public-power-version-list": "已发布的权责清单版本（接口）：不含草稿",
    "rules:public-list": "政府规章库：只列已公布的规章与已公布的计划，检索只查公开内容",
    "public-rule-list": "政府规章库（接口）：只列已公布的规章",
    "public-rule-plan-list": "已公布的年度规章制定工作计划（接口）：不含拟订中的计划",
    "decisions:catalog-public-list": "重大行政决策事项目录：只列已公布的目录",
    "public-decision-catalog-list": "已公布的重大行政决策事项目录（接口）：不含编制中和未公布的",
    "decisions:decision-public-list": "重大行政决策：只列已公布且非依法不予公开的决策，及征求意见已发布的决策草案",
    "public-decision-list": "已公布的重大行政决策（接口）：不含草案和依法不予公开的决策",
    "inspections:public-home": "双随机、一公开：只列已公布的抽查事项清单和已公布的抽查计划",
    "inspections:public-results": "随机抽查检查结果：只列已公布计划中已公示的结果",
    "public-inspection-item-list": "已公布的随机抽查事项清单（接口）：不含编制中的事项",
    "public-disclosure-item-list": "政府信息公开目录（接口）：只列已公开的信息",
    "public-disclosure-guide-list": "各单位现行的政府信息公开指南（接口）：不含编制中的版本",
    "public-disclosure-report-list": "已公布的政府信息公开工作年度报告（接口）",
    "disclosure:public-catalogue": "政府信息公开目录：只列已公开的信息和现行指南",
    "disclosure:public-reports": "已公布的政府信息公开工作年度报告",
    "public-inspection-plan-list": "已公布的抽查计划（接口）：不含编制中和已抽取未公布的计划",
    "public-inspection-result-list": "已公示的随机抽查检查结果（接口）",
    "intake:public-channels": "各单位公布的投诉举报渠道（电话、地址、邮箱），不含任何投诉举报件",
    "intake:satisfaction": "满意度评价：凭回执编号和查询码，号码与查询码不符的 404，不显示任何内容",
    "public-intake-channel-list": "各单位公布的投诉举报渠道（接口）",
    "api-intake-satisfaction": "满意度评价（接口）：凭回执编号和查询码",
    "intake-category-list": "投诉举报类别及其期限、依据（公开）",
    "intake-routing-rule-list": "受理规则：类别 × 地区 → 受理单位（公开，门户据此分送）",
    "enforcement:public-benchmark-list": "行政处罚裁量基准：只列已公布的",
    "public-benchmark-list": "已公布的行政处罚裁量基准（接口）：不含起草中和已审核未公布的",
    "enforcement:public-body-list": "行政执法主体名录：只列单位名称（单位树公开）",
    "public-enforcement-body-list": "行政执法主体名录（接口）：只列单位名称",
    "enforcement:public-penalty-list": "行政处罚决定公开：只列公开期内未撤回的决定，当事人已隐去个人信息",
    "public-penalty-decision-list": "行政处罚决定公开（接口）：只列公开期内未撤回的决定，当事人已隐去个人信息",
    "petitions:public-request": "信访人请求复查、复核：凭回执编号和查询码，不列出任何记录",
    "api-public-petition-request": "信访人请求复查、复核（接口）：凭回执编号和查询码，编号与查询码不符一律 404",
    "reconsideration:public-index": "各行政复议机关及其已发布的行政复议指南",
    "reconsideration:public-decisions": "已公开的行政复议决定书：个人信息已去除",
    "reconsideration:public-complete": "申请人提交补正材料：凭回执编号和查询码，不列出任何记录",
    "public-reconsideration-decision-list": "已公开的行政复议决定书（接口）",
    "api-public-reconsideration-completion": "申请人提交补正材料（接口）：凭回执编号和查询码，编号与查询码不符一律 404",
    "reports:public-list": "已向社会公开的法治政府建设年度报告：草稿、待审批和未公开的不列出",
    "public-yearly-report-list": "同上（接口）",
    "oversight:public-replies": "承办单位公开的建议、提案答复：未公开的不列出",
    "public-oversight-reply-list": "同上（接口）",
    "capacity:public-duty-lists": "已公布的普法责任清单：不含编制中的清单",
    "public-capacity-duty-list-list": "已公布的普法责任清单（接口）：不含编制中的清单",
    "assessment:public-results": "已公布的依法行政考评结果：未公布的考评不列出",
    "public-assessment-result-list": "已公布的依法行政考评结果（接口）：单位、排名、综合得分、等次",
}

# Patterns that need a login and answer from the user's own scope: the kind of record whose id
# fills `<pk>` (None: no id in the URL), and what a user sees there.
SCOPED = {
    "core:office-home": (None, "工作台：本人的任职与通知"),
    "core:otp-verify": (None, "登录第二步：核对本人的动态验证码"),
    "core:otp-enrol": (None, "本人的双因素验证绑定；限依法行政办、法制审核人员"),
    "core:password-change": (None, "修改本人密码"),
    "reconsideration:register": (None, "本机构办理的、本单位为被申请人的行政复议案件；上级依法行政办只读"),
    "reconsideration:enter": (None, "登记表单：只能为本人所在行政复议机构登记；服务再次核对"),
    "reconsideration:lodge": (None, "登记表单：只能登记本单位作出的处罚；服务再次核对"),
    "reconsideration:letters": (None, "本单位收到的、本机构制发的行政复议意见书"),
    "reconsideration:letter": ("reconsideration_letter", "同上；收文机关报送纠正情况"),
    "reconsideration:statistics": (None, "本人可见案件所属行政复议机关的年度统计"),
    "reconsideration:analysis-reports": (None, "本单位及下级已报送的统计分析报告；只能为本人有权办理的单位报送"),
    "reconsideration:guide": (None, "只能编辑本人所在行政复议机关的指南"),
    "reconsideration:detail": ("reconsideration_case", "同上；申请人身份仅行政复议机构、被申请人和复议机关负责人可见"),
    "reconsideration:step": ("reconsideration_case", "行政复议机构办理；被申请人转送、答复、报告履行"),
    "reconsideration:public-guide": ("body", "已发布的行政复议指南（单位树公开）"),
    "reconsideration:public-decision": ("reconsideration_case", "公众只能看到已公开的决定书；其余一律 404"),
    "public-reconsideration-decision-detail": ("reconsideration_case", "同上（接口）"),
    "api-public-reconsideration-guide": ("body", "已发布的行政复议指南（接口）"),
    "api-reconsideration-statistics": (None, "本人可见案件所属行政复议机关的年度统计（接口）"),
    "reconsideration-case-list": (None, "行政复议案件（接口）：同上"),
    "reconsideration-case-detail": ("reconsideration_case", "同上（接口）"),
    "reconsideration-case-enter": (None, "登记申请（接口）：服务核对登记人所在行政复议机构"),
    "reconsideration-case-lodge": (None, "登记转送的申请（接口）：服务核对登记人所在被申请人"),
    **{
        f"reconsideration-case-{step}": ("reconsideration_case", "行政复议案件的办理步骤：行政复议机构或被申请人")
        for step in RECONSIDERATION_STEPS
    },
    "reconsideration-letter-list": (None, "行政复议意见书（接口）：同上"),
    "reconsideration-letter-detail": ("reconsideration_letter", "同上（接口）"),
    "reconsideration-letter-report": ("reconsideration_letter", "收文机关报送纠正情况（接口）"),
    "reconsideration-analysis-report-list": (None, "统计分析报告（接口）：本单位及下级的；报送时服务核对单位"),
    "reconsideration-analysis-report-detail": ("reconsideration_analysis_report", "同上（接口）"),
    "petitions:register": (None, "本单位办理的、本单位转送交办的、本单位复查复核的信访事项"),
    "petitions:detail": ("petition", "同上；信访人身份仅办理单位可见"),
    "petitions:step": ("petition", "办理单位登记、转送、办理；上一级机关复查、复核"),
    "petition-list": (None, "同上（接口）"),
    "petition-detail": ("petition", "同上（接口）；信访人身份仅办理单位可见"),
    **{
        f"petition-{step}": ("petition", "信访事项的办理步骤：办理单位或其上一级机关")
        for step in (
            "accept",
            "forward",
            "object-to",
            "refer",
            "inform",
            "extend",
            "answer",
            "request-review",
            "review",
            "request-recheck",
            "hearing-start",
            "hearing-end",
            "recheck",
        )
    },
    "litigation:cases": (None, "本单位为被告的、本级政府法制机构联系部门的行政诉讼案件；依法行政办只读"),
    "litigation:case-new": (None, "登记表单：只能选本人可登记的单位；服务再次核对"),
    "litigation:case-detail": ("litigation_case", "同上；原告姓名仅被告单位及其法制机构可见"),
    "litigation:case-step": ("litigation_case", "被告单位或本级政府法制机构记录答辩、开庭、裁判、履行"),
    "litigation:suggestions": (None, "本单位收到的、本级政府法制机构联系部门收到的检察建议"),
    "litigation:suggestion-new": (None, "登记表单：只能选本人可登记的单位；服务再次核对"),
    "litigation:suggestion-detail": ("litigation_suggestion", "同上"),
    "litigation:suggestion-step": ("litigation_suggestion", "被建议机关或本级政府法制机构记录回复、跟进监督"),
    "litigation:statistics": (None, "本人可见案件和检察建议所属单位的年度统计"),
    "api-litigation-statistics": (None, "同上（接口）"),
    "litigation-case-list": (None, "行政诉讼案件（接口）：同上"),
    "litigation-case-detail": ("litigation_case", "同上（接口）；原告姓名仅被告单位及其法制机构可见"),
    **{
        f"litigation-case-{step}": ("litigation_case", "行政诉讼案件的办理步骤：被告单位或本级政府法制机构")
        for step in (
            "defend",
            "hearing",
            "decide",
            "appeal",
            "effective",
            "execution",
            "refusal",
            "perform",
            "close",
            "mark-major",
            "report-major",
        )
    },
    "litigation-hearing-list": (None, "本人可见案件的庭审（接口）"),
    "litigation-hearing-detail": ("litigation_hearing", "同上"),
    "litigation-judgment-list": (None, "本人可见案件的裁判（接口）"),
    "litigation-judgment-detail": ("litigation_judgment", "同上"),
    "litigation-suggestion-list": (None, "检察建议（接口）：同上"),
    "litigation-suggestion-detail": ("litigation_suggestion", "同上（接口）"),
    **{
        f"litigation-suggestion-{step}": ("litigation_suggestion", "检察建议的办理步骤：被建议机关或本级政府法制机构")
        for step in ("reply", "follow-up", "sue", "mark-major", "report-major")
    },
    "reports:tracking": (None, "本人范围内单位的报告报送情况；只链接本人可见的报告；编制限本人所在单位"),
    "reports:generate": (None, "报告单位在表单中：只能选本人所在、可以编制的单位；服务再次核对"),
    "reports:detail": ("yearly_report", "本单位的报告；已报送的，报送对象和上级依法行政办只读"),
    "reports:docx": ("yearly_report", "同上（Word 文档）"),
    "reports:pdf": ("yearly_report", "同上（PDF）"),
    "reports:step": ("yearly_report", "本单位人员编写、提交、报送、公开；本单位负责人审批、退回"),
    "reports:public-detail": ("yearly_report", "只有已公开的报告；其余一律 404"),
    "reports:public-docx": ("yearly_report", "同上（Word 文档）"),
    "reports:public-pdf": ("yearly_report", "同上（PDF）"),
    "yearly-report-list": (None, "年度报告（接口）：同上"),
    "yearly-report-detail": ("yearly_report", "同上（接口）"),
    **{
        f"yearly-report-{step}": ("yearly_report", "年度报告的办理步骤与下载（接口）：本单位人员、负责人")
        for step in ("edit", "regenerate", "submit", "return", "approve", "send", "publish", "docx", "pdf")
    },
    "public-yearly-report-detail": ("yearly_report", "只有已公开的报告（接口）；其余一律 404"),
    "public-yearly-report-docx": ("yearly_report", "同上（Word 文档）"),
    "public-yearly-report-pdf": ("yearly_report", "同上（PDF）"),
    "api-reports-tracking": (None, "本人范围内单位的报告报送情况（接口）"),
    "oversight:home": (None, "本单位待办的建议提案、整改、考评任务和审议意见；本人作为交办、作出机关待决定的事项"),
    "oversight:proposals": (None, "交办机关（依法行政办）、主办、会办、协办单位的建议、提案"),
    "oversight:proposal-new": (None, "交办表单：只能选本人可以交办的单位；服务再次核对"),
    "oversight:proposal-detail": ("oversight_proposal", "同上"),
    "oversight:proposal-step": ("oversight_proposal", "主办单位答复、申请调整；交办机关调整、记录征询意见"),
    "oversight:reports": (None, "本人范围内单位向人大的报告、询问和质询"),
    "oversight:report-new": (None, "登记表单：只能选本人可以登记的单位；服务再次核对"),
    "oversight:congress-detail": ("oversight_report", "同上；审议意见由报告机关登记、报告"),
    "oversight:congress-step": ("oversight_report", "报告机关登记审议意见、书面报告研究处理情况"),
    "oversight:inspections": (None, "本人范围内领导小组组织的督查，及以本单位为督查对象的督查"),
    "oversight:inspection-new": (None, "计划表单：只能选本人可以代表的人民政府；服务再次核对"),
    "oversight:inspection-detail": ("oversight_inspection", "同上；督查对象只见对本单位的发现"),
    "oversight:inspection-step": ("oversight_inspection", "组织督查的依法行政办办理；督查对象 403"),
    "oversight:measures": (None, "本人范围内作出的、以本单位为对象的约谈、责令整改、通报批评"),
    "oversight:measure-new": (None, "作出表单：只能选本人可以代表的机关；服务再次核对"),
    "oversight:measure-detail": ("oversight_measure", "同上"),
    "oversight:measure-step": ("oversight_measure", "被处理单位报送整改情况；作出机关核查"),
    "oversight:plans": (None, "本人范围内的迎接省考评任务分工；责任单位只见已下发的"),
    "oversight:plan-new": (None, "拟订表单：只能选本人可以代表的人民政府；服务再次核对"),
    "oversight:plan-detail": ("oversight_plan", "同上"),
    "oversight:plan-step": ("oversight_plan", "依法行政办分解任务、下发"),
    "oversight:task-detail": ("oversight_task", "依法行政办；已下发的，责任单位"),
    "oversight:task-step": ("oversight_task", "责任单位上传、报送；依法行政办审核、退回"),
    "oversight:public-reply": ("oversight_reply", "公开的答复；未公开的 404"),
    "public-oversight-reply-detail": ("oversight_reply", "同上（接口）"),
    **{
        f"oversight-{name}-list": (None, f"{label}（接口）：本人范围内的")
        for name, label in (
            ("proposal", "建议、提案"),
            ("report", "向人大的报告"),
            ("inspection", "督查"),
            ("finding", "督查发现"),
            ("measure", "约谈、责令整改、通报批评"),
            ("plan", "迎接省考评任务分工"),
            ("task", "迎接省考评任务"),
        )
    },
    **{
        f"oversight-{name}-detail": (f"oversight_{name}", "同上（接口）")
        for name in ("proposal", "report", "inspection", "finding", "measure", "plan", "task")
    },
    **{
        f"oversight-{name}-{step}": (f"oversight_{name}", "办理步骤（接口）：本单位或交办、作出机关")
        for name, steps in (
            ("proposal", ("request-reassign", "reassign", "refuse-reassign", "reply", "feedback")),
            ("report", ("opinion", "report-opinion")),
            ("inspection", ("targets", "start", "finding", "conclude")),
            ("measure", ("report", "verify")),
            ("plan", ("task", "issue")),
            ("task", ("upload", "remove", "submit", "accept", "send-back")),
        )
        for step in steps
    },
    "core:body-list": (None, "单位树对登录用户公开；人员不在其中"),
    "core:body-detail": ("body", "单位信息公开；人员只向管理该单位的依法行政办显示"),
    "core:body-enrol": ("body", "添加人员限管理该单位的依法行政办"),
    "core:membership-end": ("membership", "终止任职限管理该单位的依法行政办"),
    "core:inbox": (None, "本人的通知"),
    "core:inbox-read": ("notification", "只能标记本人的通知"),
    "core:submission-list": (None, "本单位收到的公众提交事项"),
    "core:submission-export": (None, "本单位收到的公众提交事项导出"),
    "core:submission-detail": ("submission", "本单位收到的事项"),
    "core:submission-transition": ("submission", "办理本单位收到的事项"),
    "core:attachment-download": ("attachment", "本单位记录上的附件"),
    "api-me": (None, "本人的身份、任职与范围"),
    "body-list": (None, "单位树对登录用户公开"),
    "body-detail": ("body", "单位信息公开；修改限上级依法行政办"),
    "membership-list": (None, "本人的任职，及所管理单位的人员"),
    "membership-detail": ("membership", "同上"),
    "membership-end": ("membership", "终止任职限所管理单位"),
    "numbering-format-list": (None, "本人可见单位的编号格式"),
    "numbering-number-list": (None, "本人可见单位的编号记录"),
    "api-numbering-issue": (None, "编号格式的 id 在请求体中：他单位的格式 404，无编号权限 403"),
    "api-numbering-void": (None, "编号记录的 id 在请求体中：他单位的编号 404，无编号权限 403"),
    "api-numbering-reserve": (None, "编号格式的 id 在请求体中：他单位的格式 404，无编号权限 403"),
    "api-numbering-validate": (None, "只校验所提交的文本，不读取任何记录"),
    "inbox-list": (None, "本人的通知"),
    "inbox-detail": ("notification", "本人的通知"),
    "inbox-read": ("notification", "本人的通知"),
    "inbox-read-all": (None, "只标记本人的通知"),
    "submission-list": (None, "本单位收到的公众提交事项"),
    "submission-detail": ("submission", "本单位收到的事项"),
    "submission-accept": ("submission", "办理本单位收到的事项"),
    "submission-answer": ("submission", "办理本单位收到的事项"),
    "submission-reject": ("submission", "办理本单位收到的事项"),
    "obligation-list": (None, "义务登记表：江府办〔2018〕7号的条文与适用规则，不含任何单位的记录"),
    "obligations:board": (None, "合规看板：本人范围内各单位的快照，依法行政办为其下级，单位只见本单位"),
    "obligations:body-board": ("board", "本人范围内单位的看板；他单位 404"),
    "obligations:evidence": ("board", "同上：一格的检查结论与依据记录"),
    "api-board": (None, "合规看板（接口）：本人范围内各单位"),
    "board-detail": ("board", "本人范围内单位的快照（接口）；他单位 404"),
    "board-trend": (None, "本人范围内各单位的落实率趋势（接口）"),
    "procedures:consultation-list": (None, "本单位的征求意见"),
    "procedures:consultation-detail": ("consultation", "本单位的征求意见及意见台账"),
    "procedures:consultation-transition": ("consultation", "办理本单位的征求意见"),
    "procedures:comment-decide": ("consultation_comment", "处理本单位收到的意见"),
    "procedures:review-list": (None, "本单位送审及本单位审查的事项"),
    "procedures:review-detail": ("review", "送审单位与各阶段审查单位"),
    "procedures:review-action": ("review", "送审单位送审、审查单位出具意见"),
    "procedures:meeting-list": (None, "本单位的集体讨论记录"),
    "procedures:meeting-detail": ("meeting", "本单位的集体讨论记录"),
    "procedures:meeting-minutes": ("meeting", "上传本单位的会议纪要"),
    "procedures:meeting-sign": ("meeting", "签署本单位的会议记录"),
    "procedures:public-detail": ("consultation", "公众只能看到征求意见中或已公布反馈的事项；其余一律 404"),
    "public-consultation-detail": ("consultation", "同上（接口）"),
    "public-consultation-comment": ("consultation", "只能对征求意见中的事项提交意见"),
    "consultation-list": (None, "本单位的征求意见"),
    "consultation-detail": ("consultation", "本单位的征求意见"),
    "consultation-open": ("consultation", "办理本单位的征求意见"),
    "consultation-close": ("consultation", "办理本单位的征求意见"),
    "consultation-publish-feedback": ("consultation", "办理本单位的征求意见"),
    "consultation-comment-list": (None, "本单位收到的意见"),
    "consultation-comment-detail": ("consultation_comment", "本单位收到的意见"),
    "consultation-comment-decide": ("consultation_comment", "处理本单位收到的意见"),
    "review-list": (None, "本单位送审及本单位审查的事项"),
    "review-detail": ("review", "送审单位与各阶段审查单位"),
    "review-start-stage": ("review", "送审单位"),
    "review-conclude": ("review", "本阶段审查单位"),
    "review-competition-check": ("review", "送审单位或本阶段审查单位"),
    "review-resubmit": ("review", "送审单位"),
    "meeting-list": (None, "本单位的集体讨论记录"),
    "meeting-detail": ("meeting", "本单位的集体讨论记录"),
    "meeting-sign": ("meeting", "签署本单位的会议记录"),
    "meeting-minutes": ("meeting", "本单位的会议纪要；签署前上传"),
    "powers:office-list": (None, "本单位范围内的权责清单版本"),
    "powers:draft-start": (None, "单位的 id 在表单中：他单位 404，无编制权限 403"),
    "powers:version-detail": ("power_version", "本单位的清单版本（含草稿）"),
    "powers:power-add": ("power_version", "向本单位的草稿添加事项"),
    "powers:version-transition": ("power_version", "发布或放弃本单位的草稿"),
    "powers:power-edit": ("power", "修改本单位草稿中的事项"),
    "powers:power-remove": ("power", "删除本单位草稿中的事项"),
    "powers:public-body": ("body", "单位的现行清单：无已发布清单的单位 404"),
    "powers:public-compare": ("body", "同一单位已发布的两个版本；草稿一律不可选"),
    "powers:public-version": ("power_version", "公众只能看到已发布（现行或已被替代）的版本；草稿 404"),
    "powers:law-article": ("law_article", "法律条文向社会公开"),
    "power-version-list": (None, "本单位范围内的清单版本"),
    "power-version-detail": ("power_version", "本单位的清单版本"),
    "power-version-publish": ("power_version", "发布本单位的草稿"),
    "power-version-discard": ("power_version", "放弃本单位的草稿"),
    "power-version-compare": ("power_version", "本单位的两个版本"),
    "power-list": (None, "本单位范围内的职权事项"),
    "power-detail": ("power", "本单位的职权事项；增删改进入本单位草稿"),
    "public-power-version-detail": ("power_version", "公众只能看到已发布的版本；草稿 404"),
    "public-power-version-compare": ("power_version", "同上"),
    "public-law-article-detail": ("law_article", "法律条文向社会公开"),
    "documents:office-list": (None, "本单位范围内的规范性文件"),
    "documents:office-create": (None, "起草单位的 id 在表单中：只能选本人可办理的单位"),
    "documents:office-detail": ("document", "起草单位、统一登记的法制机构与政府办公室"),
    "documents:office-edit": ("document", "修改本单位的草稿"),
    "documents:office-action": ("document", "各步由其办理单位办理：起草单位、法制机构或政府办公室"),
    "documents:office-meeting": ("document", "起草单位记录集体讨论"),
    "documents:office-interpretation-file": ("document", "起草单位上传解读材料文件"),
    "documents:office-interpretation-file-remove": ("interpretation_file", "起草单位在发布前删除解读材料文件"),
    "documents:settings": (None, "本人依法行政办所辖的人民政府"),
    "documents:settings-edit": ("body", "单位树公开；只有其依法行政办可查看和修改配置，其余 404"),
    "documents:public-interpretation-file": ("interpretation_file", "只有已发布文件的解读材料；草稿的一律 404"),
    "documents:evaluation-decide": ("document_evaluation", "本单位的有效期评估"),
    "documents:public-detail": ("document", "公众只能看到已发布的文件；草稿一律 404"),
    "filing:filing-list": (None, "本单位报送的和本机构收到的备案"),
    "filing:filing-detail": ("filing", "报备单位、备案审查机构与起草单位"),
    "filing:filing-step": ("filing", "各步由其办理单位办理：报备单位或备案审查机构"),
    "filing:incidental-list": (None, "本单位作为复议机关、复议机构或制定机关的附带审查"),
    "filing:incidental-new": (None, "行政复议机构在表单中：只能选本人可办理的机构"),
    "filing:incidental-detail": ("incidental_review", "复议机关、复议机构与制定机关"),
    "filing:incidental-reply": ("incidental_review", "制定机关答复"),
    "filing:incidental-conclude": ("incidental_review", "行政复议机构作出处理"),
    "filing:public-suggest": ("document", "只能对已发布的文件提出审查建议；草稿一律 404"),
    "document_imports:upload": (None, "单位在表单中：只能选本人可办理的单位；导入服务再次核对"),
    "document_imports:template": (None, "空白导入模板，不含任何记录"),
    "document_imports:confirm": (None, "单位在表单中：只能选本人可办理的单位；导入服务再次核对"),
    "document-list": (None, "本单位范围内的规范性文件"),
    "document-detail": ("document", "起草单位、统一登记的法制机构与政府办公室"),
    "document-history": ("document", "同上"),
    "document-start-consultation": ("document", "起草单位"),
    "document-submit-competition-review": ("document", "起草单位"),
    "document-submit-legality-review": ("document", "起草单位"),
    "document-conclude-review": ("document", "起草单位"),
    "document-record-decision": ("document", "起草单位"),
    "document-number": ("document", "政府办公室或法制机构"),
    "document-publish": ("document", "政府办公室"),
    "document-repeal": ("document", "政府办公室"),
    "document-withdraw": ("document", "起草单位"),
    "document-meeting": ("document", "起草单位"),
    "document-interpretation-files": ("document", "起草单位、统一登记的法制机构与政府办公室可见；起草单位上传"),
    "document-interpretation-file-detail": ("interpretation_file", "文件可见者可见；起草单位在发布前删除"),
    "document-evaluation-list": (None, "本单位的有效期评估"),
    "document-evaluation-detail": ("document_evaluation", "本单位的有效期评估"),
    "document-evaluation-decide": ("document_evaluation", "本单位的有效期评估"),
    "public-document-detail": ("document", "公众只能看到已发布的文件；草稿 404"),
    "filing-list": (None, "本单位报送的、本机构收到的和本单位起草文件的备案"),
    "filing-detail": ("filing", "报备单位、备案审查机构与起草单位"),
    "filing-submit": ("filing", "报备单位"),
    "filing-register": ("filing", "备案审查机构；备案机关不在本平台的，报备单位"),
    "filing-conclude": ("filing", "备案审查机构；备案机关不在本平台的，报备单位"),
    "filing-report-correction": ("filing", "报备单位"),
    "incidental-review-list": (None, "本单位作为复议机关、复议机构或制定机关的附带审查；登记限行政复议机构"),
    "incidental-review-detail": ("incidental_review", "复议机关、复议机构与制定机关"),
    "incidental-review-reply": ("incidental_review", "制定机关答复"),
    "incidental-review-conclude": ("incidental_review", "行政复议机构作出处理"),
    "rules:office-list": (None, "本人范围内的规章：起草单位、法制机构、市长与政府办公室"),
    "rules:office-create": (None, "起草单位的 id 在表单中：只能选本人可办理的单位"),
    "rules:office-detail": ("rule", "起草单位、法制机构、市长与政府办公室"),
    "rules:office-edit": ("rule", "修改本单位的草案"),
    "rules:office-action": ("rule", "各步由其办理单位办理：起草单位、市长、政府办公室或法制机构"),
    "rules:plan-list": (None, "本人可见政府的计划；拟订限该政府的依法行政办"),
    "rules:plan-detail": ("rule_plan", "该政府范围内的人员"),
    "rules:plan-action": ("rule_plan", "拟订限依法行政办，公布限市长"),
    "rules:public-detail": ("rule", "公众只能看到已公布的规章；草案一律 404"),
    "rule-list": (None, "本人范围内的规章"),
    "rule-detail": ("rule", "起草单位、法制机构、市长与政府办公室"),
    "rule-history": ("rule", "同上"),
    "rule-start-drafting": ("rule", "起草单位"),
    "rule-start-consultation": ("rule", "起草单位"),
    "rule-submit-review": ("rule", "起草单位"),
    "rule-conclude-review": ("rule", "起草单位"),
    "rule-record-decision": ("rule", "起草单位"),
    "rule-sign": ("rule", "市长"),
    "rule-number": ("rule", "政府办公室"),
    "rule-publish": ("rule", "政府办公室"),
    "rule-repeal": ("rule", "政府办公室"),
    "rule-withdraw": ("rule", "起草单位"),
    "rule-file": ("rule", "法制机构"),
    "rule-plan-list": (None, "本人可见政府的计划"),
    "rule-plan-detail": ("rule_plan", "该政府范围内的人员"),
    "rule-plan-add-item": ("rule_plan", "该政府的依法行政办"),
    "rule-plan-publish": ("rule_plan", "市长"),
    "rule-plan-item-reason": ("rule_plan", "该政府的依法行政办"),
    "public-rule-detail": ("rule", "公众只能看到已公布的规章；草案 404"),
    "public-rule-plan-detail": ("rule_plan", "公众只能看到已公布的计划；拟订中的 404"),
    "decisions:catalog-list": (None, "本人可见单位的目录；编制限决策机关的工作人员"),
    "decisions:catalog-detail": ("decision_catalog", "决策机关范围内的人员"),
    "decisions:catalog-action": ("decision_catalog", "增加事项限决策机关的工作人员，党委同意和公布限负责人"),
    "decisions:catalog-item-edit": ("decision_catalog_item", "修改本单位编制中的目录事项"),
    "decisions:catalog-item-remove": ("decision_catalog_item", "删除本单位编制中的目录事项"),
    "decisions:catalog-public-detail": ("decision_catalog", "公众只能看到已公布的目录；编制中和党委已同意未公布的 404"),
    "decisions:adviser-list": (None, "本人可见单位的法律顾问名册；聘请限本人可办理的单位"),
    "decisions:adviser-edit": ("legal_adviser", "本单位的法律顾问；修改限本单位工作人员"),
    "decisions:adviser-end": ("legal_adviser", "结束本单位法律顾问的聘期"),
    "decisions:adviser-opinion-new": ("decision", "承办单位与决策机关：查看并记录法律顾问意见"),
    "decision-catalog-list": (None, "本人可见单位的目录"),
    "decision-catalog-detail": ("decision_catalog", "决策机关范围内的人员"),
    "decision-catalog-add-item": ("decision_catalog", "决策机关的工作人员"),
    "decision-catalog-agree": ("decision_catalog", "决策机关负责人"),
    "decision-catalog-publish": ("decision_catalog", "决策机关负责人"),
    "decision-catalog-reopen": ("decision_catalog", "决策机关负责人"),
    "decision-catalog-item-list": (None, "本人可见单位目录中的事项"),
    "decision-catalog-item-detail": ("decision_catalog_item", "决策机关范围内的人员；修改、删除限其工作人员"),
    "public-decision-catalog-detail": ("decision_catalog", "公众只能看到已公布的目录；其余 404"),
    "legal-adviser-list": (None, "本人可见单位的法律顾问"),
    "legal-adviser-detail": ("legal_adviser", "本单位的法律顾问；修改限本单位工作人员"),
    "legal-adviser-end-term": ("legal_adviser", "本单位工作人员"),
    "adviser-opinion-list": (None, "本单位事项上的法律顾问意见"),
    "adviser-opinion-detail": ("adviser_opinion", "意见所在事项的单位"),
    "decisions:decision-list": (None, "本人范围内的重大行政决策：承办单位与决策机关"),
    "decisions:decision-create": (None, "承办单位在表单中：只能选本人可办理的单位；目录事项限本单位承办的"),
    "decisions:decision-detail": ("decision", "承办单位与决策机关"),
    "decisions:decision-edit": ("decision", "修改本单位的决策草案"),
    "decisions:decision-action": ("decision", "各步由其办理单位办理：承办单位、决策机关负责人或其工作人员"),
    "decisions:decision-public-detail": ("decision", "公众只能看到已公布且非依法不予公开的决策；草案一律 404"),
    "decision-list": (None, "本人范围内的重大行政决策"),
    "decision-detail": ("decision", "承办单位与决策机关；修改草案限承办单位"),
    "decision-history": ("decision", "同上"),
    "decision-consultation": ("decision", "承办单位"),
    "decision-hearings": ("decision", "承办单位"),
    "decision-confirm-hearing": ("decision", "承办单位"),
    "decision-expert-opinions": ("decision", "承办单位"),
    "decision-risk-assessments": ("decision", "承办单位"),
    "decision-competition-review": ("decision", "承办单位"),
    "decision-submit-review": ("decision", "承办单位"),
    "decision-conclude-review": ("decision", "承办单位"),
    "decision-meetings": ("decision", "承办单位"),
    "decision-decide": ("decision", "决策机关负责人"),
    "decision-report-party": ("decision", "决策机关"),
    "decision-publish": ("decision", "决策机关"),
    "decision-suspend": ("decision", "决策机关负责人"),
    "decision-resume": ("decision", "决策机关负责人"),
    "decision-withdraw": ("decision", "承办单位"),
    "decision-implementation-reports": ("decision", "执行单位"),
    "decision-post-evaluations": ("decision", "决策机关"),
    "decision-conclude-post-evaluation": ("decision", "决策机关"),
    "decision-accountability-cases": ("decision", "决策机关或其上级机关"),
    "decision-conclude-accountability-case": ("decision", "追责单位"),
    "public-decision-detail": ("decision", "公众只能看到已公布且非依法不予公开的决策；草案 404"),
    "inspections:overview": (None, "本人范围内各执法主体清单的覆盖情况和抽查计划"),
    "intake:register": (None, "本人范围内办理单位的投诉举报件，及本单位转出件的摘要"),
    "intake:channels": (None, "本人可办理单位的渠道；单位在表单中，他单位 404"),
    "intake:channel-remove": ("intake_channel", "撤下本单位的渠道"),
    "intake:case": ("intake_case", "办理单位及其上级；投诉举报人身份仅办理单位可见"),
    "intake:case-step": ("intake_case", "办理单位的工作人员受理、转交、办结"),
    "intake-channel-list": (None, "本人范围内单位的渠道"),
    "intake-channel-detail": ("intake_channel", "撤下本单位的渠道"),
    "intake-case-list": (None, "本人范围内办理单位的投诉举报件"),
    "intake-case-detail": ("intake_case", "办理单位及其上级；投诉举报人身份仅办理单位可见"),
    "intake-case-accept": ("intake_case", "办理单位的工作人员"),
    "intake-case-refuse": ("intake_case", "办理单位的工作人员"),
    "intake-case-transfer": ("intake_case", "办理单位的工作人员"),
    "intake-case-note": ("intake_case", "办理单位的工作人员"),
    "intake-case-conclude": ("intake_case", "办理单位的工作人员"),
    "inspections:item-list": (None, "本人范围内的抽查事项；增加限执法主体的工作人员"),
    "inspections:item-publish": (None, "单位的 id 在表单中：他单位 404，无公布权限 403"),
    "inspections:item-edit": ("inspection_item", "修改本单位编制中的抽查事项"),
    "inspections:item-remove": ("inspection_item", "删除本单位编制中的抽查事项"),
    "inspections:item-withdraw": ("inspection_item", "负责人将本单位的事项调出清单"),
    "inspections:entity-list": (None, "本人范围内的检查对象名录"),
    "inspections:entity-import": (None, "单位在表单中：只能选本人可办理的执法主体；导入服务再次核对"),
    "inspections:entity-import-template": (None, "空白导入模板，不含任何记录"),
    "inspections:plan-create": (None, "组织实施单位在表单中：只能选本人可办理的执法主体"),
    "inspections:plan-detail": ("inspection_plan", "组织实施单位与联合抽查参加单位"),
    "inspections:plan-edit": ("inspection_plan", "修改本单位编制中的计划"),
    "inspections:plan-action": ("inspection_plan", "抽取、办结限组织实施单位的工作人员，公布限其负责人"),
    "inspections:task-detail": ("inspection_task", "组织实施单位与联合抽查参加单位"),
    "inspections:task-action": ("inspection_task", "组织实施单位的工作人员录入并公示检查结果"),
    "inspections:public-plan-detail": ("inspection_plan", "公众只能看到已公布的计划；编制中和已抽取未公布的 404"),
    "inspections:public-plan-candidates": ("inspection_plan", "同上：已公布计划的候选对象清单"),
    "inspection-item-list": (None, "本人范围内的抽查事项"),
    "inspection-item-detail": ("inspection_item", "执法主体范围内的人员；修改、删除限编制中"),
    "inspection-item-publish": (None, "单位的 id 在请求体中：他单位 404，无公布权限 403"),
    "inspection-item-withdraw": ("inspection_item", "执法主体负责人"),
    "inspection-entity-list": (None, "本人范围内的检查对象名录"),
    "inspection-entity-detail": ("inspection_entity", "执法主体范围内的人员；修改限其工作人员"),
    "inspection-plan-list": (None, "本人范围内的抽查计划：组织实施单位与联合抽查参加单位"),
    "inspection-plan-detail": ("inspection_plan", "组织实施单位与联合抽查参加单位；修改限编制中"),
    "inspection-plan-draw": ("inspection_plan", "组织实施单位的工作人员"),
    "inspection-plan-publish": ("inspection_plan", "组织实施单位负责人"),
    "inspection-plan-finish": ("inspection_plan", "组织实施单位的工作人员"),
    "inspection-task-list": (None, "本人范围内计划的抽查任务"),
    "inspection-task-detail": ("inspection_task", "组织实施单位与联合抽查参加单位"),
    "inspection-task-record": ("inspection_task", "组织实施单位的工作人员"),
    "inspection-task-publish": ("inspection_task", "组织实施单位的工作人员"),
    "api-inspection-coverage": (None, "本人范围内执法主体清单的覆盖情况"),
    "public-inspection-plan-detail": ("inspection_plan", "公众只能看到已公布的计划；其余 404"),
    "disclosure-item-list": (None, "本人范围内单位的政府信息公开目录"),
    "disclosure-item-detail": ("disclosure_item", "公开主体范围内的人员；修改限待公开的信息"),
    "disclosure-item-publish": ("disclosure_item", "公开主体的工作人员"),
    "disclosure-item-revise": ("disclosure_item", "公开主体的工作人员"),
    "disclosure-item-withdraw": ("disclosure_item", "公开主体的工作人员"),
    "disclosure-guide-list": (None, "本人范围内单位的指南各版本"),
    "disclosure-guide-detail": ("disclosure_guide", "单位范围内的人员；修改限编制中的版本"),
    "disclosure-guide-publish": ("disclosure_guide", "单位的工作人员"),
    "disclosure-request-list": (None, "本人范围内单位的申请；申请人身份仅受理机关可见"),
    "disclosure-request-enter": (None, "受理机关的 id 在请求体中：他单位 404"),
    "disclosure-request-detail": ("disclosure_request", "受理机关范围内的人员；申请人身份仅受理机关可见"),
    **{
        f"disclosure-request-{step}": ("disclosure_request", "受理机关的工作人员（延长期限为负责人）")
        for step in (
            "confirm",
            "ask-correction",
            "corrected",
            "correction-lapsed",
            "extend",
            "consult",
            "resume",
            "answer",
        )
    },
    "disclosure-report-list": (None, "本人范围内单位的年度报告"),
    "disclosure-report-detail": ("disclosure_report", "单位范围内的人员；修改限编写中的报告"),
    "disclosure-report-docx": ("disclosure_report", "单位范围内的人员"),
    "disclosure-report-submit": ("disclosure_report", "单位的工作人员"),
    "disclosure-report-send-back": ("disclosure_report", "单位负责人"),
    "disclosure-report-publish": ("disclosure_report", "单位负责人"),
    "disclosure-website-report-list": (None, "本人范围内单位的网站年度报表；登记时单位 id 在请求体中：他单位 404"),
    "public-disclosure-item-detail": ("disclosure_item", "公众只能看到已公开的信息；其余 404"),
    "disclosure:catalogue": (None, "本人范围内单位的目录；录入限有变更权限的单位"),
    "disclosure:item-action": ("disclosure_item", "公开主体的工作人员"),
    "disclosure:guides": (None, "本人范围内单位的指南"),
    "disclosure:guide-publish": ("disclosure_guide", "单位的工作人员"),
    "disclosure:requests": (None, "本人范围内单位的申请；申请人身份仅受理机关可见"),
    "disclosure:request": ("disclosure_request", "受理机关范围内的人员"),
    "disclosure:request-action": ("disclosure_request", "受理机关的工作人员"),
    "disclosure:reports": (None, "本人范围内单位的年度报告"),
    "disclosure:report": ("disclosure_report", "单位范围内的人员；修改限编写中的报告"),
    "disclosure:report-docx": ("disclosure_report", "单位范围内的人员"),
    "disclosure:report-action": ("disclosure_report", "单位的工作人员或负责人"),
    "disclosure:public-report": ("disclosure_report", "公众只能看到已公布的报告；其余 404"),
    "disclosure:public-guide": ("body", "单位的现行公开指南：单位树公开，未发布的版本不显示"),
    "public-disclosure-report-detail": ("disclosure_report", "公众只能看到已公布的报告；其余 404"),
    "public-inspection-result-detail": ("inspection_task", "公众只能看到已公布计划中已公示的结果；其余 404"),
    "enforcement:officer-list": (None, "本人可见单位的执法人员；录入限执法主体的工作人员"),
    "enforcement:officer-detail": ("enforcement_officer", "执法主体范围内的人员；修改限其工作人员"),
    "enforcement:officer-action": ("enforcement_officer", "发放执法证限上级依法行政办"),
    "enforcement:certificate-action": ("enforcement_certificate", "暂扣、注销、换发限上级依法行政办"),
    "enforcement:reviewer-list": (None, "本人可见单位的法制审核人员；登记限执法机关负责人"),
    "enforcement:reviewer-edit": ("legal_reviewer", "执法机关范围内的人员；修改限负责人"),
    "enforcement:benchmark-list": (None, "本人可见单位的裁量基准；起草限执法机关的工作人员"),
    "enforcement:benchmark-detail": ("benchmark", "制定单位范围内的人员"),
    "enforcement:benchmark-action": ("benchmark", "修改限工作人员，审核限法制机构，公布限负责人"),
    "enforcement:band-edit": ("benchmark_band", "修改本单位起草中的裁量阶次"),
    "enforcement:band-remove": ("benchmark_band", "删除本单位起草中的裁量阶次"),
    "enforcement:review-catalog": (None, "本人可见单位的法制审核目录；增加限执法机关的工作人员"),
    "enforcement:review-catalog-publish": (None, "单位的 id 在表单中：他单位 404，无公布权限 403"),
    "enforcement:review-entry-remove": ("review_entry", "删除本单位未公布的目录事项"),
    "enforcement:settings-list": (None, "本人可配置的执法机关"),
    "enforcement:settings-edit": ("body", "单位树公开；只有负责人或上级依法行政办可查看和修改配置，其余 404"),
    "enforcement:public-benchmark-detail": ("benchmark", "公众只能看到已公布或已被替代的裁量基准；起草中的 404"),
    "enforcement:public-body-detail": ("body", "执法公示：只列持有效执法证的人员及已公布的目录和裁量基准"),
    "enforcement-officer-list": (None, "本人可见单位的执法人员"),
    "enforcement-officer-detail": ("enforcement_officer", "执法主体范围内的人员；修改限其工作人员"),
    "enforcement-officer-issue-certificate": ("enforcement_officer", "上级依法行政办"),
    "enforcement-certificate-list": (None, "本人可见单位执法人员的执法证"),
    "enforcement-certificate-detail": ("enforcement_certificate", "执法主体范围内的人员"),
    "enforcement-certificate-suspend": ("enforcement_certificate", "上级依法行政办"),
    "enforcement-certificate-revoke": ("enforcement_certificate", "上级依法行政办"),
    "enforcement-certificate-renew": ("enforcement_certificate", "上级依法行政办"),
    "legal-reviewer-list": (None, "本人可见单位的法制审核人员"),
    "legal-reviewer-detail": ("legal_reviewer", "执法机关范围内的人员；修改限负责人"),
    "public-enforcement-body-detail": ("body", "执法公示（接口）：只列持有效执法证的人员及已公布的目录"),
    "benchmark-list": (None, "本人可见单位的裁量基准"),
    "benchmark-detail": ("benchmark", "制定单位范围内的人员；修改、删除限起草中"),
    "benchmark-add-band": ("benchmark", "制定单位的工作人员"),
    "benchmark-review": ("benchmark", "制定单位的法制审核人员"),
    "benchmark-publish": ("benchmark", "制定单位负责人"),
    "benchmark-reopen": ("benchmark", "制定单位的工作人员"),
    "benchmark-new-version": ("benchmark", "制定单位的工作人员"),
    "benchmark-band-list": (None, "本人可见单位裁量基准的阶次"),
    "benchmark-band-detail": ("benchmark_band", "制定单位范围内的人员；修改、删除限起草中"),
    "review-catalog-entry-list": (None, "本人可见单位的法制审核目录事项"),
    "review-catalog-entry-detail": ("review_entry", "执法机关范围内的人员；删除限未公布的"),
    "review-catalog-entry-publish": (None, "单位的 id 在请求体中：他单位 404，无公布权限 403"),
    "enforcement-settings-list": (None, "本人可见单位已保存的执法配置"),
    "enforcement-settings-detail": ("body", "执法机关范围内的人员可查看；修改限负责人或上级依法行政办"),
    "public-benchmark-detail": ("benchmark", "公众只能看到已公布或已被替代的裁量基准；起草中的 404"),
    "enforcement:statistics": (None, "本人可见执法主体的年度统计（只是汇总数字）"),
    "enforcement:statistics-export": (None, "同上，Excel"),
    "enforcement:case-list": (None, "本人可见执法主体的案件"),
    "enforcement:case-create": (None, "执法主体在表单中：只能选本人可执法的单位及其持证人员；服务再次核对"),
    "enforcement:case-on-the-spot": (None, "执法主体在表单中：只能选本人可执法的单位及其持证人员；服务再次核对"),
    "enforcement:case-detail": ("case", "执法主体范围内的人员"),
    "enforcement:case-action": ("case", "执法主体的执法人员办理，负责人决定；导出案卷限结案后"),
    "enforcement:public-penalty-detail": (
        "penalty_publication",
        "公开期内的决定，当事人已隐去；已撤回的只显示撤回说明，未公开和过期的 404",
    ),
    "enforcement-case-list": (None, "本人可见执法主体的案件"),
    "enforcement-case-on-the-spot": (None, "执法主体的 id 在请求体中：他单位 404，非执法人员 403"),
    "enforcement-case-detail": ("case", "执法主体范围内的人员"),
    "enforcement-case-history": ("case", "执法主体范围内的人员"),
    "enforcement-case-officers": ("case", "执法主体的执法人员"),
    "enforcement-case-facts": ("case", "执法主体的执法人员"),
    "enforcement-case-conclude-investigation": ("case", "执法主体的工作人员"),
    "enforcement-case-propose": ("case", "执法主体的执法人员"),
    "enforcement-case-notify": ("case", "执法主体的工作人员"),
    "enforcement-case-request-hearing": ("case", "执法主体的工作人员"),
    "enforcement-case-hearing": ("case", "执法主体的执法人员"),
    "enforcement-case-statement": ("case", "执法主体的执法人员"),
    "enforcement-case-submit-review": ("case", "执法主体的工作人员"),
    "enforcement-case-meetings": ("case", "执法主体的工作人员"),
    "enforcement-case-decide": ("case", "执法主体负责人"),
    "enforcement-case-not-penalise": ("case", "执法主体负责人"),
    "enforcement-case-serve": ("case", "执法主体的工作人员"),
    "enforcement-case-execute": ("case", "执法主体的工作人员"),
    "enforcement-case-close": ("case", "执法主体负责人"),
    "enforcement-case-publish": ("case", "执法主体的执法人员"),
    "enforcement-case-withdraw-publication": ("case", "执法主体的执法人员"),
    "enforcement-case-documents": ("case", "执法主体的执法人员"),
    "enforcement-case-evidence": ("case", "执法主体的执法人员；结案后不再接受"),
    "enforcement-case-archive": ("case", "执法主体范围内的人员，限结案后"),
    "enforcement-case-seize": ("case", "执法主体的执法人员，限作出决定前"),
    "enforcement-case-extend-seizure": ("case", "执法主体负责人批准"),
    "enforcement-case-release-seizure": ("case", "执法主体的执法人员"),
    "enforcement:transfer-list": (None, "本单位的移送，及经授权共享的本行政区域的移送"),
    "enforcement:transfer-detail": ("transfer", "移送机关范围内的人员；本行政区域检察机关、审判机关经授权可查阅"),
    "enforcement:transfer-action": ("transfer", "移送机关的执法人员办理，负责人审批；共享查阅者不能办理"),
    "enforcement-transfer-list": (None, "本单位的移送，及经授权共享的本行政区域的移送"),
    "enforcement-transfer-detail": ("transfer", "移送机关范围内的人员；本行政区域检察机关、审判机关经授权可查阅"),
    "enforcement-transfer-decide": ("transfer", "移送机关负责人"),
    "enforcement-transfer-send": ("transfer", "移送机关的执法人员"),
    "enforcement-transfer-police-decision": ("transfer", "移送机关的执法人员"),
    "enforcement-transfer-handover": ("transfer", "移送机关的执法人员"),
    "enforcement-transfer-take-back": ("transfer", "移送机关的执法人员，重新立案"),
    "enforcement:review-sheet-list": (
        None,
        "考评人员可见全部评分表，被评查单位可见抽取了本单位案卷的；制定限领导小组办公室",
    ),
    "enforcement:review-sheet-detail": ("review_sheet", "考评人员；被评查单位只见本单位的抽取记录和案卷"),
    "enforcement:review-sheet-draw": ("review_sheet", "对被评查单位有评查权的考评人员"),
    "enforcement:file-review-detail": ("file_review", "考评人员与被评查单位"),
    "enforcement:file-review-score": ("file_review", "对被评查单位有评查权的考评人员"),
    "enforcement-review-sheet-list": (None, "同上（接口）；制定限领导小组办公室"),
    "enforcement-review-sheet-detail": ("review_sheet", "考评人员；被评查单位只见本单位的抽取记录"),
    "enforcement-review-sheet-draw": ("review_sheet", "对被评查单位有评查权的考评人员"),
    "enforcement-file-review-list": (None, "考评人员范围内及本单位被抽取的案卷"),
    "enforcement-file-review-detail": ("file_review", "考评人员与被评查单位"),
    "enforcement-file-review-score": ("file_review", "对被评查单位有评查权的考评人员"),
    "public-penalty-decision-detail": (
        "penalty_publication",
        "公开期内的决定，当事人已隐去；已撤回的只有撤回说明，未公开和过期的 404",
    ),
    "capacity:overview": (None, "本人范围内各单位的依法行政能力总览；经办人只见本单位"),
    "capacity:body": ("body", "本人范围内单位的年度情况（上级依法行政办只读）；其他单位 404"),
    "capacity:work-points": (None, "本人范围内的依法行政工作要点"),
    "capacity:work-points-new": (None, "起草表单：只能选本人所在单位；服务再次核对"),
    "capacity:work-points-detail": ("capacity_work_points", "本单位及上级依法行政办（只读）"),
    "capacity:work-points-attach": ("capacity_work_points", "本单位成员上传"),
    "capacity:work-points-step": ("capacity_work_points", "本单位成员办理；上级依法行政办 403"),
    "capacity:duty-lists": (None, "本人范围内的普法责任清单"),
    "capacity:duty-list-new": (None, "编制表单：只能选本人所在单位；服务再次核对"),
    "capacity:duty-list-detail": ("capacity_duty_list", "本单位及上级依法行政办（只读）"),
    "capacity:duty-list-step": ("capacity_duty_list", "本单位成员办理，负责人审定公布"),
    "capacity:public-duty-list": ("capacity_duty_list", "已公布的普法责任清单；编制中的 404"),
    "public-capacity-duty-list-detail": ("capacity_duty_list", "同上（接口）"),
    "api-capacity-settings": (None, "最低次数和期限的配置：不含业务记录"),
    "api-capacity-standing": (None, "本人范围内各单位的年度情况（接口）"),
    "capacity-work-points-list": (None, "本人范围内的依法行政工作要点（接口）"),
    "capacity-duty-list-list": (None, "本人范围内的普法责任清单（接口）"),
    **{
        f"capacity-work-points-{name}": ("capacity_work_points", "依法行政工作要点（接口）：本单位成员办理")
        for name in ("detail", "edit", "add-measure", "remove-measure", "adopt", "progress", "assess", "attachments")
    },
    **{
        f"capacity-duty-list-{name}": ("capacity_duty_list", "普法责任清单（接口）：本单位成员办理")
        for name in ("detail", "add-item", "remove-item", "publish")
    },
    **{
        name.format(key=key): (None, why)
        for key in capacity_testing.URL_KINDS
        for name, why in (
            ("capacity:{key}", "本人范围内的记录；人员姓名仅本单位可见"),
            ("capacity:{key}-new", "录入表单：只能选本人所在单位；服务再次核对"),
            ("capacity-{key}-list", "本人范围内的记录（接口）"),
        )
    },
    **{
        name.format(key=key): (kind, why)
        for key, kind in capacity_testing.URL_KINDS.items()
        for name, why in (
            ("capacity:{key}-detail", "本单位修改；上级依法行政办只读，姓名隐去"),
            ("capacity:{key}-remove", "本单位删除"),
            ("capacity-{key}-detail", "同上（接口）：本单位修改、删除"),
            *(
                (
                    ("capacity:{key}-attach", "本单位上传附件"),
                    ("capacity-{key}-attachments", "附件（接口）：本单位上传"),
                )
                if CAPACITY_REGISTERS[key].files
                else ()
            ),
        )
    },
    "assessment:home": (None, "本人可见的考评方案、本单位的考评得分、本人待评分的考评"),
    "assessment:scheme-new": (None, "拟定考评方案：服务核对组织考评的人民政府"),
    **{
        f"assessment:{name}": ("assessment_scheme", "组织考评的人民政府的依法行政办拟定，负责人批准，考评员可见")
        for name in (
            "scheme",
            "scheme-settings",
            "indicator-add",
            "member-set",
            "evaluators",
            "deduction-rule",
            "scheme-step",
        )
    },
    "assessment:indicator-edit": ("assessment_indicator", "拟定中方案的指标：组织考评的依法行政办"),
    "assessment:indicator-remove": ("assessment_indicator", "同上"),
    **{
        f"assessment:{name}": ("assessment_evaluation", "年度考评：组织考评的人民政府的依法行政办、负责人、考评员")
        for name in (
            "evaluation",
            "social",
            "social-template",
            "adjustment-add",
            "scoring",
            "scorecards-export",
            "ranking-export",
            "notice-docx",
            "notice-pdf",
            "evaluation-step",
        )
    },
    "assessment:adjustment-remove": ("assessment_adjustment", "加减分：组织考评的依法行政办"),
    "assessment:objection-answer": ("assessment_objection", "答复异议：组织考评的依法行政办"),
    **{
        f"assessment:{name}": ("assessment_member", "考评对象本单位的得分、佐证材料和异议；组织考评的政府可见")
        for name in (
            "scorecard",
            "member-remove",
            "evidence-add",
            "evidence-remove",
            "objection-file",
            "scorecard-export",
        )
    },
    "assessment:public-result": ("assessment_evaluation", "公众只能看到已公布的考评结果；其余 404"),
    "assessment:public-notice": ("assessment_evaluation", "已公布的考评结果通报（PDF）；其余 404"),
    "public-assessment-result-detail": ("assessment_result", "已公布的考评结果（接口）；其余 404"),
    **{
        f"assessment-{name}-list": (None, "考评（接口）：组织考评的政府可见全部，考评对象自通报起可见本单位的")
        for name in ("scheme", "indicator", "member", "evaluation", "score", "adjustment", "result", "objection")
    },
    **{
        f"assessment-{route}": (kind, "考评（接口）：同上")
        for kind, routes in (
            (
                "assessment_scheme",
                (
                    "scheme-detail",
                    "scheme-submit",
                    "scheme-return",
                    "scheme-approve",
                    "scheme-copy",
                    "scheme-evaluators",
                    "scheme-deduction-rules",
                    "scheme-open",
                ),
            ),
            ("assessment_indicator", ("indicator-detail",)),
            ("assessment_member", ("member-detail", "member-evidence")),
            (
                "assessment_evaluation",
                (
                    "evaluation-detail",
                    "evaluation-rescore",
                    "evaluation-deductions",
                    "evaluation-adjustments",
                    "evaluation-social",
                    "evaluation-submit",
                    "evaluation-return",
                    "evaluation-approve",
                    "evaluation-notify",
                    "evaluation-finalise",
                    "evaluation-publish",
                ),
            ),
            ("assessment_score", ("score-detail", "score-score")),
            ("assessment_adjustment", ("adjustment-detail",)),
            ("assessment_result", ("result-detail",)),
            ("assessment_objection", ("objection-detail", "objection-answer")),
        )
        for route in routes
    },
}

# Drafts under consultation, reviews and meeting records (the canaries are not public).
PROCEDURE_KINDS = {"consultation", "consultation_comment", "review", "meeting"}

# Draft power lists and their powers (the canaries are not published).
POWER_KINDS = {"power_version", "power"}

# Draft normative documents and their evaluation tasks (the canaries are not published).
DOCUMENT_KINDS = {"document", "document_evaluation", "interpretation_file"}

# Filings and incidental reviews of a published document (internal to the bodies named on them).
FILING_KINDS = {"filing", "incidental_review"}

# Draft government rules and draft legislative plans (the canaries are not published).
RULE_KINDS = {"rule", "rule_plan"}

# A draft decision catalog and its matter, a legal adviser, a drafted decision with an adviser's opinion.
DECISION_KINDS = {"decision_catalog", "decision_catalog_item", "legal_adviser", "decision", "adviser_opinion"}

# A draft inspection item, an entity of the directory, a plan drawn but not published and its task's result.
INSPECTION_KINDS = {"inspection_item", "inspection_entity", "inspection_plan", "inspection_task"}

# A report handled by 市场监管局 and one of its published channels.
INTAKE_KINDS = {"intake_case", "intake_channel"}

# An officer with a suspended certificate, a legal reviewer, a draft benchmark with a band, an unpublished
# legal-review catalog entry, a penalty case under way, a case sent to the police with its transfer, this
# year's review sheet with a sampled and scored file.
ENFORCEMENT_KINDS = {
    "enforcement_officer",
    "enforcement_certificate",
    "legal_reviewer",
    "benchmark",
    "benchmark_band",
    "review_entry",
    "case",
    "transfer",
    "review_sheet",
    "file_review",
}

# A withdrawn publication of a closed case: the portal answers with its withdrawal statement only.
PUBLIC_RECORD_KINDS = {"penalty_publication"}

# A draft catalogue item, a draft guide, a request waiting for confirmation, a draft yearly report.
DISCLOSURE_KINDS = {"disclosure_item", "disclosure_guide", "disclosure_request", "disclosure_report"}

# A petition filed with 市场监管局, not yet registered.
PETITION_KINDS = {"petition"}

# A court case against 市场监管局 (heard, a ruling served) and a procuratorial suggestion to it.
LITIGATION_KINDS = {"litigation_case", "litigation_hearing", "litigation_judgment", "litigation_suggestion"}

# A case against 市场监管局, accepted, with an opinion letter to it.
RECONSIDERATION_KINDS = {"reconsideration_case", "reconsideration_letter", "reconsideration_analysis_report"}

# A draft yearly report of 市场监管局, its parts carrying the markers.
REPORT_KINDS = {"yearly_report"}

# A suggestion to 市场监管局 answered (not public), a report with 审议意见, an inspection with a finding,
# a rectification order and a provincial-evaluation task.
OVERSIGHT_KINDS = {
    "oversight_proposal",
    "oversight_reply",
    "oversight_report",
    "oversight_inspection",
    "oversight_finding",
    "oversight_measure",
    "oversight_plan",
    "oversight_task",
}

# Every capacity record of 市场监管局 (an executive meeting of its government); the marked 普法责任清单
# is a draft.
CAPACITY_KINDS = {"capacity_work_points", "capacity_duty_list", *capacity_testing.URL_KINDS.values()}

# 市场监管局's row of today's compliance snapshot, its art. 38 finding carrying markers.
BOARD_KINDS = {"board"}

# Last year's evaluation by the city, notified, not published: 市场监管局's scorecard with a manual
# score, evidence, an adjustment and an objection carrying markers.
ASSESSMENT_KINDS = {
    "assessment_scheme",
    "assessment_indicator",
    "assessment_member",
    "assessment_evaluation",
    "assessment_score",
    "assessment_adjustment",
    "assessment_result",
    "assessment_objection",
}

# Record kinds whose every URL must refuse someone outside the scope (the body tree is public).
PRIVATE_KINDS = {
    "notification",
    "submission",
    "attachment",
    "membership",
    *PROCEDURE_KINDS,
    *POWER_KINDS,
    *DOCUMENT_KINDS,
    *FILING_KINDS,
    *RULE_KINDS,
    *DECISION_KINDS,
    *INSPECTION_KINDS,
    *INTAKE_KINDS,
    *ENFORCEMENT_KINDS,
    *PETITION_KINDS,
    *DISCLOSURE_KINDS,
    *LITIGATION_KINDS,
    *RECONSIDERATION_KINDS,
    *REPORT_KINDS,
    *OVERSIGHT_KINDS,
    *CAPACITY_KINDS,
    *BOARD_KINDS,
    *ASSESSMENT_KINDS,
}

# Values for URL parameters other than the record id.
PARAMETERS = {"transition": "accept", "kind": "suggestion", "step": "submit"}

# Django's admin checks is_staff and its own permissions; tested separately below.
EXEMPT_PREFIXES = {"admin/": "Django 管理后台：仅限工作人员（is_staff），权限由其自身检查"}

WRITING_METHODS = ("post", "put", "patch", "delete")
PAYLOAD = {"text": "越权办理", "reply": "越权答复", "reason": "越权理由", "name": "越权修改", "role": "clerk"}


@dataclass(frozen=True)
class Route:
    route: str
    name: str | None
    parameters: tuple[str, ...]


def _walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            qualified = f"{namespace}:{inner}" if namespace and inner else inner or namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), qualified)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            parameters = tuple(pattern.pattern.regex.groupindex)
            yield Route(prefix + str(pattern.pattern), name, parameters)


ROUTES = [route for route in _walk(get_resolver().url_patterns) if not route.route.startswith(tuple(EXEMPT_PREFIXES))]


def test_every_url_pattern_is_classified():
    unclassified = [
        f"{route.route} ({route.name or '未命名'})"
        for route in ROUTES
        if route.name not in PUBLIC and route.name not in SCOPED
    ]
    assert not unclassified, (
        "以下 URL 尚未归类：请在 PUBLIC（说明为何公开）或 SCOPED（说明 <pk> 属于哪类记录）中登记：\n"
        + "\n".join(unclassified)
    )


def test_every_record_id_in_a_url_has_a_canary():
    for route in ROUTES:
        kind, _why = SCOPED.get(route.name, (None, ""))
        for parameter in route.parameters:
            if parameter == "pk":
                assert kind is not None, f"{route.route}：URL 含 <pk>，请在 SCOPED 中写明记录类别"
                assert kind in CANARY_KINDS, f"{route.route}：没有“{kind}”类的哨兵记录，请在本测试中补充"
            else:
                assert parameter in PARAMETERS, f"{route.route}：参数 <{parameter}> 没有测试取值"


CANARY_KINDS = {
    "body",
    "notification",
    "submission",
    "attachment",
    "membership",
    "law_article",
    *DISCLOSURE_KINDS,
    *PROCEDURE_KINDS,
    *POWER_KINDS,
    *DOCUMENT_KINDS,
    *FILING_KINDS,
    *RULE_KINDS,
    *DECISION_KINDS,
    *INSPECTION_KINDS,
    *INTAKE_KINDS,
    *ENFORCEMENT_KINDS,
    *PUBLIC_RECORD_KINDS,
    *PETITION_KINDS,
    *LITIGATION_KINDS,
    *RECONSIDERATION_KINDS,
    *REPORT_KINDS,
    *OVERSIGHT_KINDS,
    *CAPACITY_KINDS,
    *BOARD_KINDS,
    *ASSESSMENT_KINDS,
}


@pytest.fixture(scope="module")
def world(module_db, django_db_blocker, tmp_path_factory):
    """The city, its people and the canaries, built once for the module's 800 tests (`module_db`)."""
    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    media.enable()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        city = make_city()
        people = make_people(city)
        canaries = make_canaries(city, people)
    yield city, people, canaries
    media.disable()


@pytest.fixture
def city(world, db):
    return world[0]


@pytest.fixture
def people(world, db):
    return world[1]


@pytest.fixture
def canaries(world, db):
    return world[2]


def make_canaries(city, people) -> dict:
    """Records of 市场监管局 that none of the intruders may see, each carrying a marker text."""
    market = city["market"]
    member = make_user("canary_member", roles=[(market, Role.CLERK)], full_name=MARKERS["member"])
    (notification,) = notify([member], MARKERS["notification"], message=MARKERS["content"])
    receipt = submission_services.submit(
        "suggestion",
        {
            "subject": MARKERS["subject"],
            "content": MARKERS["content"],
            "submitter_name": MARKERS["submitter"],
            "submitter_phone": MARKERS["phone"],
        },
        client_ip="203.0.113.9",
        body=market,
        files=[SimpleUploadedFile(f"{MARKERS['attachment_name']}.txt", MARKERS["attachment_text"].encode())],
    )
    submission = receipt.submission
    return {
        "body": market.pk,
        "membership": Membership.objects.get(user=member).pk,
        "notification": notification.pk,
        "submission": submission.pk,
        "attachment": Attachment.objects.get(object_id=str(submission.pk)).pk,
        **make_procedure_canaries(market, member, MARKERS),
        **make_power_canaries(market, member, MARKERS),
        **make_document_canaries(market, member, MARKERS),
        **make_filing_canaries(market, MARKERS),
        **make_rule_canaries(market, member, MARKERS),
        **catalog_testing.make_canaries(market, MARKERS),
        # A draft decision with a hearing, an expert opinion and a risk assessment (the "decision" walked).
        **make_decision_canaries(market, member, MARKERS),
        **inspection_testing.make_canaries(market, MARKERS),
        **disclosure_testing.make_canaries(market, MARKERS),
        **intake_testing.make_canaries(market, MARKERS),
        **enforcement_testing.make_canaries(market, member, MARKERS),
        **petition_testing.make_canaries(market, MARKERS),
        **litigation_testing.make_canaries(market, MARKERS),
        **reconsideration_testing.make_canaries(market, MARKERS),
        **report_testing.make_canaries(market, MARKERS),
        **oversight_testing.make_canaries(market, MARKERS),
        **capacity_testing.make_canaries(market, MARKERS),
        **board_testing.make_canaries(market, MARKERS),
        **assessment_testing.make_canaries(market, MARKERS),
    }


def _state():
    """What the intruders must not change."""
    return {
        "submissions": list(PublicSubmission.objects.order_by("pk").values_list("pk", "status", "reply")),
        "notifications": list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        "memberships": list(Membership.objects.order_by("pk").values_list("pk", "valid_to")),
        "attachments": sorted(Attachment.objects.order_by("pk").values_list("pk", flat=True)),
        "users": list(get_user_model().objects.order_by("pk").values_list("pk", "username", "is_active")),
        "power_versions": list(PowerListVersion.objects.order_by("pk").values_list("pk", "status", "reason")),
        "powers": list(Power.objects.order_by("pk").values_list("pk", "version_id", "name", "accountability")),
        "documents": list(NormativeDocument.objects.order_by("pk").values_list("pk", "status", "title", "text")),
        "evaluations": list(ValidityEvaluation.objects.order_by("pk").values_list("pk", "decision")),
        "interpretation_files": list(InterpretationFile.objects.order_by("pk").values_list("pk", "attachment_id")),
        "filings": list(FilingRecord.objects.order_by("pk").values_list("pk", "status", "outcome")),
        "incidental": list(IncidentalReview.objects.order_by("pk").values_list("pk", "status", "reply")),
        "rules": list(Rule.objects.order_by("pk").values_list("pk", "status", "title", "text")),
        "rule_plans": list(LegislativePlan.objects.order_by("pk").values_list("pk", "status")),
        **catalog_testing.state(),
        **inspection_testing.state(),
        **disclosure_testing.state(),
        **intake_testing.state(),
        **enforcement_testing.state(),
        **petition_testing.state(),
        **litigation_testing.state(),
        **reconsideration_testing.state(),
        **report_testing.state(),
        **oversight_testing.state(),
        **capacity_testing.state(),
        **board_testing.state(),
        **assessment_testing.state(),
        "decision_drafts": list(Decision.objects.order_by("pk").values_list("pk", "draft_text", "risk_areas")),
        "decision_records": [
            list(model.objects.order_by("pk").values_list("pk", flat=True))
            for model in (Hearing, ExpertOpinion, RiskAssessment)
        ],
    }


def _visible_text(response) -> str:
    """Everything a client receives, as text: headers, HTML or JSON, a workbook, a file."""
    parts = [f"{key}: {value}" for key, value in response.items()]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows(values_only=True):
                parts.extend(str(value) for value in row if value is not None)
    else:
        text = content.decode("utf-8", errors="replace")
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False)
        parts.append(text)
    return "\n".join(parts)


def _is_refusal(response) -> bool:
    if response.status_code in (401, 403, 404, 405):
        return True
    return response.status_code == 302 and response["Location"].startswith(reverse("core:login"))


def _url(route: Route, ids: dict) -> str:
    kind, _why = SCOPED.get(route.name, (None, ""))
    kwargs = {parameter: PARAMETERS.get(parameter) for parameter in route.parameters if parameter != "pk"}
    if "pk" in route.parameters:
        kwargs["pk"] = ids[kind]
    return reverse(route.name, kwargs=kwargs)


CHECKED = [route for route in ROUTES if route.name in PUBLIC or route.name in SCOPED]


@pytest.mark.parametrize("route", CHECKED, ids=lambda route: route.route)
def test_outsiders_get_nothing_of_another_body(route, canaries, people):
    url = _url(route, canaries)
    kind, _why = SCOPED.get(route.name, (None, ""))
    before = _state()
    intruders = {
        "匿名用户": None,
        "无任职用户": people["outsider"],
        "其他单位经办人": people["ecology_clerk"],
        "其他辖区依法行政办": people["county_office"],
    }
    problems = []
    for label, user in intruders.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for method in ("get", *WRITING_METHODS):
            is_api = url.startswith("/api/")
            payload = json.dumps(PAYLOAD) if is_api else PAYLOAD
            options = {"content_type": "application/json"} if is_api else {}
            if method == "get":
                response = client.get(url)
            elif method == "post" and not is_api:
                response = client.post(url, payload)
            else:
                response = getattr(client, method)(url, payload, **options)
            if route.name == "core:logout" and user is not None:
                client.force_login(user)
            where = f"{label} {method.upper()} {url} → {response.status_code}"
            if kind in PRIVATE_KINDS and not _is_refusal(response):
                problems.append(f"{where}：应拒绝（404/403/401/405 或转到登录页）")
                continue
            if response.status_code >= 500:
                problems.append(f"{where}：服务器错误")
                continue
            text = _visible_text(response)
            leaked = [name for name, marker in MARKERS.items() if marker in text]
            if leaked:
                problems.append(f"{where}：泄露了 {', '.join(leaked)}")
    assert not problems, "\n".join(problems)
    assert _state() == before, f"{route.route}：越权请求改动了数据"


def test_admin_is_for_staff_only(people, client):
    client.force_login(people["outsider"])

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_canaries_are_visible_to_their_own_body(canaries, people, client):
    """The markers do show to the body's own office: the check above is not vacuous."""
    client.force_login(people["office"])

    pages = [
        reverse("core:submission-detail", kwargs={"pk": canaries["submission"]}),
        reverse("core:body-detail", kwargs={"pk": canaries["body"]}),
        reverse("membership-detail", kwargs={"pk": canaries["membership"]}),
        reverse("core:attachment-download", kwargs={"pk": canaries["attachment"]}),
    ]
    seen = "\n".join(_visible_text(client.get(page)) for page in pages)

    for name in ("subject", "content", "member", "attachment_text"):
        assert MARKERS[name] in seen, name
    assert PublicSubmission.objects.get(pk=canaries["submission"]).status == SubmissionStatus.RECEIVED
