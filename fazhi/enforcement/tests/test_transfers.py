"""涉嫌犯罪案件移送: team, approval in 3 days, 24 hours to send, the police's 3 days, 3 days to hand over."""

import datetime

import pytest
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.core.access import clear_cached_scope
from fazhi.core.errors import Conflict, Forbidden, InvalidInput
from fazhi.core.models import AccessGrant
from fazhi.core.testing import make_body, make_user
from fazhi.enforcement import transfers
from fazhi.enforcement.choices import CaseStatus, TransferStatus

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _propose(case, crew, team=None):
    return transfers.propose(
        case,
        actor=crew["user"],
        suspected_offence="生产、销售不符合安全标准的食品罪",
        team=team or [crew["a"].pk, crew["b"].pk],
        receiving_organ="江门市公安局",
    )


def test_a_transfer_from_proposal_to_handover(city, crew, open_case):
    case = open_case()
    with pytest.raises(InvalidInput, match="2名或者2名以上"):
        _propose(case, crew, team=[crew["a"].pk, crew["expired"].pk])
    transfer = _propose(case, crew)
    assert transfer.area == city["government"]
    assert Deadline.objects.get(object_id=str(transfer.pk), matter="criminal-transfer-approve").due_on
    with pytest.raises(Forbidden):
        transfers.decide(transfer, actor=crew["user"], approve=True)
    with pytest.raises(InvalidInput, match="不批准移送的理由"):
        transfers.decide(transfer, actor=crew["head"], approve=False)
    transfer = transfers.decide(transfer, actor=crew["head"], approve=True)
    assert transfer.status == TransferStatus.APPROVED and transfer.approver == "局长甲"
    transfer = transfers.send(transfer, actor=crew["user"])
    case.refresh_from_db()
    assert case.status == CaseStatus.TRANSFERRED
    with pytest.raises(Conflict):
        transfers.record_handover(transfer, actor=crew["user"])
    transfer = transfers.record_police_decision(transfer, actor=crew["user"], accepted=True)
    transfer = transfers.record_handover(transfer, actor=crew["user"])
    handover = Deadline.objects.get(object_id=str(transfer.pk), matter="criminal-transfer-handover")
    assert handover.closed_on == TODAY()


def test_sending_later_than_24_hours_after_approval_is_refused(city, crew, open_case):
    transfer = _propose(open_case(), crew)
    transfer = transfers.decide(transfer, actor=crew["head"], approve=True)
    transfer.approved_on = TODAY() - datetime.timedelta(days=3)
    transfer.proposed_on = transfer.approved_on
    transfer.save()
    with pytest.raises(InvalidInput, match="24小时"):
        transfers.send(transfer, actor=crew["user"])


def test_a_case_sent_back_by_the_police_is_filed_again(city, crew, open_case):
    case = open_case()
    transfer = transfers.send(
        transfers.decide(_propose(case, crew), actor=crew["head"], approve=True), actor=crew["user"]
    )
    transfer = transfers.record_police_decision(
        transfer, actor=crew["user"], accepted=False, outcome="犯罪事实显著轻微，不需要追究刑事责任。"
    )
    again = transfers.take_back(
        transfer, actor=crew["user"], officers=[crew["a"].pk, crew["b"].pk], reason="公安机关移回，依法给予行政处罚。"
    )
    assert again.returned_from == transfer and again.status == CaseStatus.FILED and again.party_name == case.party_name
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.RETURNED


def test_the_procuratorate_of_the_area_sees_the_transfers(city, crew, people, open_case):
    transfer = _propose(open_case(), crew)
    procuratorate = make_body("江门市人民检察院")
    prosecutor = make_user("prosecutor", roles=[])
    assert not transfers.visible_to(prosecutor).exists()
    AccessGrant.objects.create(
        grantee_user=prosecutor, body=city["government"], reason="行政执法与刑事司法衔接信息共享"
    )
    clear_cached_scope(prosecutor)
    assert list(transfers.visible_to(prosecutor)) == [transfer]
    assert not transfers.visible_to(people["ecology_clerk"]).exists()
    assert procuratorate.pk
