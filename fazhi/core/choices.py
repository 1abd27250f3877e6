from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    CITY_GOVERNMENT = "city_government", _("市人民政府")
    COUNTY_GOVERNMENT = "county_government", _("市（区）人民政府")
    CITY_DEPARTMENT = "city_department", _("市直单位")
    COUNTY_DEPARTMENT = "county_department", _("市（区）直单位")
    TOWN = "town", _("镇街")
    AUTHORISED_ORGANISATION = "authorised_organisation", _("法律法规授权组织")
    ENTRUSTED_ORGANISATION = "entrusted_organisation", _("受委托组织")
    VERTICAL = "vertical", _("垂直管理单位")


class EvaluationGroup(models.TextChoices):
    CITY_DEPARTMENTS = "city_departments", _("市直单位")
    COUNTY_GOVERNMENTS = "county_governments", _("各市（区）政府")
    NONE = "", _("不参加考评")


class Role(models.TextChoices):
    OFFICE = "office", _("依法行政办")
    LEGAL_REVIEWER = "legal_reviewer", _("法制审核人员")
    GOVERNMENT_OFFICE = "government_office", _("政府办公室（编号发布）")
    CLERK = "clerk", _("经办人")
    ENFORCEMENT_OFFICER = "enforcement_officer", _("执法人员")
    HEAD = "head", _("负责人")
    EVALUATOR = "evaluator", _("考评员")


class SubmissionStatus(models.TextChoices):
    RECEIVED = "received", _("已收到")
    HANDLING = "handling", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    REJECTED = "rejected", _("不予受理")
