import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.core.testing import Role, make_user
from fazhi.procedures import services


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def subject(city):
    """Any record with a body will do as the subject; a body is its own subject."""
    return city["market"]


@pytest.fixture
def reviewers(city):
    """The market bureau's legal office (stage 1) and the city's 司法局 reviewer (stage 2)."""
    from fazhi.core.testing import make_body

    justice = make_body("江门市司法局", parent=city["government"], code="jm-sfj", has_legal_office=True)
    return {
        "justice": justice,
        "market_legal": make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)]),
        "justice_legal": make_user("justice_legal", roles=[(justice, Role.LEGAL_REVIEWER)]),
    }


def today():
    return timezone.localdate()


def open_consultation(subject, actor, **overrides):
    """A consultation open for comment today, for the full 30-day period."""
    data = {
        "title": "关于促进民营经济发展的若干措施（征求意见稿）",
        "text": "第一条 为了促进民营经济发展，制定本措施。",
        "period": "decision-comment",
        "opens_on": today(),
        "closes_on": today() + datetime.timedelta(days=40),
        **overrides,
    }
    consultation = services.start_consultation(subject, actor=actor, **data)
    return services.open_consultation(consultation, actor=actor)


def comment(consultation, content="建议第一条增加对小微企业的扶持内容。", ip="198.51.100.7", **fields):
    from fazhi.core.services import submissions

    data = {"subject": "第一条", "content": content, "submitter_name": "张三丰", **fields}
    return submissions.submit("consultation_comment", data, client_ip=ip, target=consultation.pk)


def minutes_file():
    return SimpleUploadedFile("会议纪要.txt", "会议纪要：同意。".encode())
