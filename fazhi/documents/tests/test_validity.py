import datetime

import pytest

from fazhi.core.errors import Conflict, InvalidInput
from fazhi.core.models import AuditEvent, Notification
from fazhi.documents import selectors, services, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.choices import PublicStatus
from fazhi.documents.models import NormativeDocument, ValidityEvaluation

EXPIRES = datetime.date(2027, 6, 30)


@pytest.fixture
def in_force(city, departmental):
    document = testing.draft(city["market"], departmental["clerk"], doc_number="江市监规〔2026〕20号")
    document = testing.walk(document, S.IN_FORCE, departmental)
    NormativeDocument.objects.filter(pk=document.pk).update(expires_on=EXPIRES)
    document.refresh_from_db()
    return document


def test_expired_shows_the_day_after_expiry_without_anyone_acting(in_force):
    assert in_force.public_status(EXPIRES) == PublicStatus.VALID
    assert in_force.public_status(EXPIRES + datetime.timedelta(days=1)) == PublicStatus.EXPIRED
    on_day = selectors.public_documents(today=EXPIRES, status=PublicStatus.VALID)
    after = selectors.public_documents(today=EXPIRES + datetime.timedelta(days=1), status=PublicStatus.EXPIRED)
    assert in_force in on_day and in_force in after
    assert in_force.status == S.IN_FORCE  # nothing was written


def test_sweep_records_expiry_once(in_force):
    assert services.record_expiries(EXPIRES) == 0
    assert services.record_expiries(EXPIRES + datetime.timedelta(days=1)) == 1
    assert services.record_expiries(EXPIRES + datetime.timedelta(days=2)) == 0
    in_force.refresh_from_db()
    assert in_force.status == S.EXPIRED
    assert AuditEvent.objects.filter(action="documents.expired", object_id=str(in_force.pk)).count() == 1


def test_evaluation_opens_six_months_before_expiry_and_notifies_clerks(in_force, departmental):
    assert services.open_due_evaluations(datetime.date(2026, 12, 29)) == 0
    assert services.open_due_evaluations(datetime.date(2026, 12, 30)) == 1
    assert services.open_due_evaluations(datetime.date(2026, 12, 31)) == 0
    evaluation = ValidityEvaluation.objects.get(document=in_force)
    assert evaluation.due_on == EXPIRES and evaluation.opened_on == datetime.date(2026, 12, 30)
    notice = Notification.objects.get(recipient=departmental["clerk"], title__startswith="请评估")
    assert in_force.title in notice.title


def test_long_term_documents_need_no_evaluation(in_force):
    NormativeDocument.objects.filter(pk=in_force.pk).update(long_term=True, long_term_reason="长期执行")
    assert services.open_due_evaluations(datetime.date(2027, 6, 1)) == 0
    assert services.record_expiries(datetime.date(2027, 7, 1)) == 0


def test_evaluation_continue_sets_new_validity_within_maximum(in_force, departmental):
    services.open_due_evaluations(datetime.date(2027, 1, 5))
    evaluation = ValidityEvaluation.objects.get(document=in_force)
    clerk = departmental["clerk"]
    with pytest.raises(InvalidInput) as refused:
        services.decide_evaluation(
            evaluation, actor=clerk, decision="continue", reason="仍需执行", new_expires_on="2032-07-01"
        )
    assert "2032年6月30日" in refused.value.detail
    with pytest.raises(InvalidInput):
        services.decide_evaluation(evaluation, actor=clerk, decision="maybe", reason="x")
    with pytest.raises(InvalidInput):
        services.decide_evaluation(evaluation, actor=clerk, decision="continue", reason="", new_expires_on="2030-01-01")
    services.decide_evaluation(
        evaluation, actor=clerk, decision="continue", reason="仍需执行", new_expires_on="2032-06-30"
    )
    in_force.refresh_from_db()
    assert in_force.expires_on == datetime.date(2032, 6, 30)
    with pytest.raises(Conflict):
        services.decide_evaluation(evaluation, actor=clerk, decision="repeal", reason="再评估")


def test_evaluation_amend_opens_a_replacing_draft(in_force, departmental):
    services.open_due_evaluations(datetime.date(2027, 1, 5))
    evaluation = ValidityEvaluation.objects.get(document=in_force)
    services.decide_evaluation(evaluation, actor=departmental["clerk"], decision="amend", reason="需修改第三条")
    replacement = NormativeDocument.objects.get(replaces=in_force)
    assert replacement.status == S.DRAFTING and replacement.title == in_force.title


def test_another_body_cannot_decide_the_evaluation(in_force, people):
    services.open_due_evaluations(datetime.date(2027, 1, 5))
    evaluation = ValidityEvaluation.objects.get(document=in_force)
    from fazhi.core.errors import NotFound

    with pytest.raises(NotFound):
        services.decide_evaluation(evaluation, actor=people["ecology_clerk"], decision="repeal", reason="越权")


def test_validity_job_is_registered():
    from fazhi.core import jobs

    jobs.autodiscover()
    assert "documents.validity" in jobs.REGISTRY
