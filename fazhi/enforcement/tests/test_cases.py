"""The penalty case as hard gates (行政处罚法 2021): each refused with its reason, then allowed."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.clock.models import Deadline
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent
from fazhi.core.testing import Role, make_user
from fazhi.enforcement import services
from fazhi.enforcement.choices import CaseStatus as S
from fazhi.enforcement.models import Benchmark, BenchmarkBand, Certificate, ReviewCatalogEntry
from fazhi.procedures.testing import hold_meeting, pass_review

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
YEAR_AGO = datetime.date(2020, 1, 1)


def _refused(call, fragment, error=Conflict):
    with pytest.raises(error) as caught:
        call()
    assert fragment in str(caught.value.detail), caught.value.detail


def _to_notified(case, crew, **proposal):
    services.record_facts(case, actor=crew["user"], facts="当事人销售过期食品，货值金额800元。", amount_involved="800")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], **{"penalty_kinds": ["warning"], **proposal})
    return services.notify(case, actor=crew["user"])


def _decide(case, crew):
    return services.decide(
        case, actor=crew["head"], decision_text="给予警告，并处罚款。", decision_number="江市监罚〔2026〕1号"
    )


def test_a_case_needs_two_certified_officers(city, crew, open_case):
    _refused(lambda: open_case(officers=[crew["a"].pk]), "不得少于两人", InvalidInput)
    _refused(lambda: open_case(officers=[crew["a"].pk, crew["expired"].pk]), "没有有效的行政执法证", InvalidInput)
    Certificate.objects.filter(officer=crew["b"]).update(status="suspended")
    _refused(lambda: open_case(), "执法乙没有有效的行政执法证", InvalidInput)
    Certificate.objects.filter(officer=crew["b"]).update(status="valid")
    case = open_case()
    assert case.status == S.FILED and case.assignments.count() == 2
    deadline = Deadline.objects.get(object_id=str(case.pk), matter="penalty-decide")
    assert deadline.due_on >= case.filed_on + datetime.timedelta(days=90)


def test_the_ordinary_procedure_from_filing_to_closure(city, crew, open_case):
    case = open_case()
    _refused(lambda: services.conclude_investigation(case, actor=crew["user"]), "违法事实")
    case = _to_notified(case, crew)
    _refused(lambda: _decide(case, crew), "陈述、申辩")
    services.record_statement(case, actor=crew["user"], statement="当事人放弃陈述、申辩。")
    _refused(lambda: services.decide(case, actor=crew["user"], decision_text="警告"), "作出行政处罚决定", Forbidden)
    case = _decide(case, crew)
    assert case.status == S.DECIDED
    assert Deadline.objects.get(object_id=str(case.pk), matter="penalty-decide").closed_on == TODAY()
    _refused(lambda: services.serve(case, actor=crew["user"], method="carrier-pigeon"), "送达方式", InvalidInput)
    case = services.serve(case, actor=crew["user"], method="electronic")
    _refused(lambda: services.close(case, actor=crew["head"]), "尚未执行完毕")
    case = services.execute(case, actor=crew["user"], note="当事人已签收警告决定。")
    case = services.close(case, actor=crew["head"])
    assert case.status == S.CLOSED
    actions = set(
        AuditEvent.objects.filter(object_type="enforcement.case", object_id=str(case.pk)).values_list(
            "action", flat=True
        )
    )
    assert {"enforcement.case_filed", "enforcement.notified", "enforcement.decided", "enforcement.closed"} <= actions


def test_a_hearing_when_the_fine_is_large_requested_within_five_working_days(city, crew, open_case):
    case = open_case()
    case = _to_notified(case, crew, penalty_kinds=["fine"], fine="200000")
    services.record_statement(case, actor=crew["user"], statement="当事人申辩称系初次违法。")
    _refused(lambda: _decide(case, crew), "听证的期限")
    late = TODAY() + datetime.timedelta(days=30)
    Deadline.objects.filter(object_id=str(case.pk), matter="penalty-hearing-request").update(
        due_on=TODAY() - datetime.timedelta(days=1)
    )
    _refused(
        lambda: services.request_hearing(case, actor=crew["user"], requested_on=TODAY()), "五个工作日", InvalidInput
    )
    Deadline.objects.filter(object_id=str(case.pk), matter="penalty-hearing-request").update(due_on=late)
    case = services.request_hearing(case, actor=crew["user"])
    _refused(lambda: _decide(case, crew), "应当组织听证")
    _refused(
        lambda: services.record_hearing(
            case, actor=crew["user"], notice_on=TODAY() - datetime.timedelta(days=3), held_on=TODAY(), record="听证笔录"
        ),
        "七日前",
        InvalidInput,
    )
    services.record_hearing(
        case, actor=crew["user"], notice_on=TODAY() - datetime.timedelta(days=8), held_on=TODAY(), record="听证笔录"
    )
    _refused(lambda: _decide(case, crew), "第五十八条第一款第二项")
    case = services.submit_review(case, actor=crew["user"])
    pass_review(case, crew["reviewer"])
    assert _decide(case, crew).status == S.DECIDED, "not in the catalog, but reviewed as art. 58 asks"


def test_legal_review_by_a_qualified_reviewer_before_deciding_a_catalogued_case(city, crew, open_case):
    ReviewCatalogEntry.objects.create(
        body=city["market"], matter="吊销许可证件的", penalty_kinds=["revoke_licence"], published_on=TODAY()
    )
    case = open_case()
    case = _to_notified(case, crew, penalty_kinds=["revoke_licence"])
    Deadline.objects.filter(object_id=str(case.pk), matter="penalty-hearing-request").update(
        due_on=TODAY() - datetime.timedelta(days=1)
    )
    services.record_statement(case, actor=crew["user"], statement="当事人未提出陈述、申辩。")
    _refused(lambda: _decide(case, crew), "法制审核目录")
    case = services.submit_review(case, actor=crew["user"])
    unqualified = make_user("legal2", roles=[(city["market"], Role.LEGAL_REVIEWER)])
    pass_review(case, unqualified)
    _refused(lambda: _decide(case, crew), "法律职业资格")
    case.refresh_from_db()
    from fazhi.procedures.models import ReviewStage

    ReviewStage.objects.filter(review__object_id=str(case.pk)).update(reviewer=crew["reviewer"])
    assert _decide(case, crew).status == S.DECIDED


def test_serious_cases_are_decided_by_collective_discussion(city, crew, open_case):
    case = open_case()
    services.record_facts(case, actor=crew["user"], serious=True)
    case = _to_notified(case, crew)
    services.record_statement(case, actor=crew["user"], statement="已听取。")
    _refused(lambda: _decide(case, crew), "集体讨论")
    hold_meeting(case, crew["user"], crew["head"], meeting_kind="case_review", session="局案件审理委员会会议")
    assert _decide(case, crew).status == S.DECIDED


def test_a_penalty_outside_the_benchmark_band_needs_a_reason(city, crew, open_case):
    benchmark = Benchmark.objects.create(
        body=city["market"],
        code="SP-124",
        violation="销售不符合食品安全标准的食品",
        violated_provision="食品安全法第三十四条",
        penalty_provision="食品安全法第一百二十四条",
        status="published",
        published_on=TODAY(),
    )
    BenchmarkBand.objects.create(
        benchmark=benchmark, order=1, label="从轻", amount_below=Decimal("10000"), fine_min=50000, fine_max=80000
    )
    case = open_case(benchmark=benchmark.pk)
    services.record_facts(case, actor=crew["user"], facts="货值金额800元。", amount_involved="800")
    services.conclude_investigation(case, actor=crew["user"])
    services.propose(case, actor=crew["user"], penalty_kinds=["fine"], fine="100000")
    _refused(lambda: services.notify(case, actor=crew["user"]), "超出裁量基准")
    services.propose(
        case, actor=crew["user"], penalty_kinds=["fine"], fine="100000", out_of_band_reason="拒不配合调查，从重处罚。"
    )
    assert services.notify(case, actor=crew["user"]).status == S.NOTIFIED
    case.refresh_from_db()
    assert case.band.label == "从轻"


def test_first_violation_not_penalised(city, crew, open_case):
    case = open_case()
    services.record_facts(case, actor=crew["user"], facts="初次违法，已改正。", first_violation=True, harm="minor")
    services.conclude_investigation(case, actor=crew["user"])
    _refused(lambda: services.not_penalise(case, actor=crew["head"], decision_text="不予处罚"), "不予行政处罚的情形")
    services.propose(case, actor=crew["user"], no_penalty_ground="first_violation")
    case = services.not_penalise(case, actor=crew["head"], decision_text="依法不予行政处罚，对当事人进行教育。")
    assert case.status == S.NOT_PENALISED
    case = services.serve(case, actor=crew["user"], method="in_person")
    assert services.close(case, actor=crew["head"]).status == S.CLOSED


def test_on_the_spot_within_the_limits(city, crew):
    party = {"cause": "占道经营", "party_kind": "person", "party_name": "张三"}

    def spot(fine):
        return services.decide_on_the_spot(
            actor=crew["user"],
            body=city["market"],
            officer=crew["a"].pk,
            penalty_kinds=["fine"],
            fine=fine,
            facts="当场查获。",
            **party,
        )

    _refused(lambda: spot("201"), "二百元以下", InvalidInput)
    case = spot("200")
    assert case.status == S.SERVED and case.assignments.count() == 1
    with pytest.raises(InvalidInput):
        services.decide_on_the_spot(
            actor=crew["user"],
            body=city["market"],
            officer=crew["expired"].pk,
            penalty_kinds=["warning"],
            facts="当场查获。",
            **party,
        )


def test_publication_masks_the_person_and_is_withdrawn_with_a_statement(city, crew, open_case):
    case = open_case(party_kind="person", party_name="王小明", party_code="440703199001011234")
    case = _to_notified(case, crew)
    services.record_statement(case, actor=crew["user"], statement="已听取。")
    case = services.decide(
        case, actor=crew["head"], decision_text="给予警告。联系电话13812345678。", decision_number="江市监罚〔2026〕9号"
    )
    publication = services.publish_decision(case, actor=crew["user"])
    assert "王小明" not in publication.summary and "王**" in publication.summary
    assert "440703199001011234" not in publication.summary and "13812345678" not in publication.summary
    _refused(lambda: services.publish_decision(case, actor=crew["user"]), "已经公开")
    _refused(
        lambda: services.withdraw_publication(case, actor=crew["user"], changed_on=TODAY(), statement=""),
        "撤回说明",
        InvalidInput,
    )
    publication = services.withdraw_publication(
        case, actor=crew["user"], changed_on=TODAY(), statement="该决定已被行政复议机关撤销。"
    )
    assert publication.withdrawn_on == TODAY()
    from fazhi.enforcement.models import Publication

    assert not Publication.objects.showing(TODAY()).exists()


def test_another_bodys_user_cannot_touch_the_case(city, crew, people, open_case):
    case = open_case()
    with pytest.raises(NotFound):
        services.record_facts(case, actor=people["ecology_clerk"], facts="x")
    with pytest.raises(NotFound):
        services.conclude_investigation(case, actor=people["ecology_clerk"])


def test_a_seizure_runs_30_days_extended_once_by_the_head(city, crew, open_case):
    case = open_case()
    seizure = services.seize(case, actor=crew["user"], items="过期食品120箱")
    deadline = Deadline.objects.get(object_id=str(seizure.pk), matter="seizure")
    due = deadline.due_on
    assert due >= seizure.decided_on + datetime.timedelta(days=30)
    _refused(
        lambda: services.extend_seizure(seizure, actor=crew["user"], days=30, reason="情况复杂"), "延长", Forbidden
    )
    _refused(
        lambda: services.extend_seizure(seizure, actor=crew["head"], days=31, reason="情况复杂"), "1至30", InvalidInput
    )
    services.extend_seizure(seizure, actor=crew["head"], days=30, reason="情况复杂，需检验检测。")
    deadline.refresh_from_db()
    assert deadline.due_on > due
    _refused(lambda: services.extend_seizure(seizure, actor=crew["head"], days=10, reason="再延"), "已经延长过一次")
    services.release_seizure(seizure, actor=crew["user"], reason="检验合格，予以解除。")
    deadline.refresh_from_db()
    assert deadline.closed_on == TODAY()


def test_case_file_review_samples_reproducibly_and_scores_within_the_sheet(city, crew, open_case):
    from fazhi.enforcement import file_reviews
    from fazhi.enforcement.models import Case

    city["government"].hosts_leading_group_office = True
    city["government"].save()
    evaluator = make_user("evaluator1", roles=[(city["government"], Role.EVALUATOR)])
    with pytest.raises(NotFound):
        file_reviews.create_sheet(actor=crew["user"], year=2026, items=[], pass_mark=60)
    items = [{"key": "1", "label": "主体合法", "max": 20}, {"key": "2", "label": "程序合法", "max": 80}]
    with pytest.raises(InvalidInput, match="合格分数"):
        file_reviews.create_sheet(actor=evaluator, year=2026, items=items, pass_mark=120)
    sheet = file_reviews.create_sheet(actor=evaluator, year=TODAY().year, items=items, pass_mark=60)
    for _n in range(5):
        open_case()
    Case.objects.update(status=S.CLOSED, closed_on=TODAY())
    first = file_reviews.draw_sample(
        sheet, actor=evaluator, body=city["market"], count=2, public_value="上证指数3012.45"
    )
    assert len(first) == 2
    again = file_reviews.draw_sample(
        sheet, actor=evaluator, body=city["market"], count=2, public_value="上证指数3012.45"
    )
    assert again == [], "the same seed picks the same files, which are already sampled"
    review = first[0]
    with pytest.raises(InvalidInput, match="0至20"):
        file_reviews.score(review, actor=evaluator, scores={"1": 25, "2": 70})
    with pytest.raises(InvalidInput, match="每一项"):
        file_reviews.score(review, actor=evaluator, scores={"1": 20})
    review = file_reviews.score(review, actor=evaluator, scores={"1": 18, "2": 70.5}, findings="询问笔录缺签名。")
    assert review.total == Decimal("88.5")


def test_the_decision_period_with_the_clock_frozen(city, crew, open_case, monkeypatch):
    from fazhi.obligations import checks

    monday = datetime.date(2026, 3, 2)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args, **kwargs: monday)
    case = open_case()
    deadline = Deadline.objects.get(object_id=str(case.pk), matter="penalty-decide")
    # 2 March + 90 days = Sunday 31 May, a rest day: the period runs to Monday 1 June (民法典第二百零三条).
    assert deadline.due_on == datetime.date(2026, 6, 1)
    checks.autodiscover()
    on_time = checks.run(20, [city["market"]], 2026, datetime.date(2026, 6, 1))[city["market"].pk]
    assert on_time.status == "met" and on_time.numerator == 0, "still within the period on its last day"
    late = checks.run(20, [city["market"]], 2026, datetime.date(2026, 6, 2))[city["market"].pk]
    assert late.status == "not_met" and late.failing[0].id == case.pk
