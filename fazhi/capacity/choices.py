"""The words of seed arts. 3–4, 40–43, 45 and 54: statuses of the yearly plans and lists, and the
kinds of learning, tests, trainings, legal education and publicity a body records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkPointsStatus(models.TextChoices):
    DRAFT = "draft", _("起草中")
    ADOPTED = "adopted", _("已印发")
    ASSESSED = "assessed", _("已考核")


class DutyListStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已公布")


class LearningKind(models.TextChoices):
    """学法活动 (意见第四十条): 法律知识培训、专题法治讲座 and the like."""

    TRAINING = "training", _("法律知识培训")
    LECTURE = "lecture", _("专题法治讲座")
    PRE_MEETING = "pre_meeting", _("会前学法")
    STUDY = "study", _("集中学法")
    EXAM = "exam", _("学法考试")
    OTHER = "other", _("其他学法活动")


class TestKind(models.TextChoices):
    """领导干部任职前法律知识考查和依法行政能力测试 (意见第四十一条)."""

    KNOWLEDGE = "knowledge", _("任职前法律知识考查")
    ABILITY = "ability", _("依法行政能力测试")


class TestForm(models.TextChoices):
    WRITTEN = "written", _("闭卷笔试")
    OPEN_BOOK = "open_book", _("开卷考试")
    ONLINE = "online", _("网上考试")
    INTERVIEW = "interview", _("面试答辩")
    OTHER = "other", _("其他形式")


class TrainingKind(models.TextChoices):
    """公务员初任培训、任职培训 (公务员法第六十七条; 意见第四十一条)."""

    INITIAL = "initial", _("初任培训")
    IN_POST = "in_post", _("任职培训")


class EducationForm(models.TextChoices):
    """普法活动的形式 (“谁执法谁普法”普法责任制)."""

    LECTURE = "lecture", _("普法讲座")
    CONSULTATION = "consultation", _("法律咨询")
    CASE = "case", _("以案释法")
    MEDIA = "media", _("新媒体普法")
    EXHIBITION = "exhibition", _("展览、宣传栏")
    ON_SITE = "on_site", _("执法过程中普法")
    OTHER = "other", _("其他形式")


class Channel(models.TextChoices):
    """法治政府建设宣传的渠道 (意见第四十三条)."""

    NEWSPAPER = "newspaper", _("报刊")
    BROADCAST = "broadcast", _("广播电视")
    WEBSITE = "website", _("政府网站")
    NEW_MEDIA = "new_media", _("政务新媒体")
    EVENT = "event", _("宣传活动")
    OTHER = "other", _("其他渠道")
