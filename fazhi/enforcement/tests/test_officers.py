"""Officers and certificates (seed art. 17), legal reviewers (行政处罚法第五十八条第二款): services,
the expiry notice, the art. 17 check, the API and pages, the portal's 执法人员公示."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from fazhi.core import jobs
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from fazhi.core.models import AuditEvent, Body, Notification, User
from fazhi.core.testing import BodyKind, Role, api_client, make_body, make_user
from fazhi.enforcement import officers, selectors
from fazhi.enforcement.choices import CertificateStatus
from fazhi.enforcement.models import Case, CaseOfficer, Certificate, LegalReviewer, Officer
from fazhi.obligations import checks
from fazhi.obligations.testing import assert_check_queries_bounded

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)
SCRIPT = "<script>alert('x')</script>"
ESCAPED = "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"


def _refused(run, fragment, exc=Conflict):
    with pytest.raises(exc) as caught:
        run()
    assert fragment in str(caught.value.detail), caught.value.detail
    return caught.value


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def head(city):
    return make_user("market_head2", full_name="局长甲", roles=[(city["market"], Role.HEAD)])


def _officer(city, people, name="吴国栋", **data):
    return officers.add_officer(actor=people["market_clerk"], body=city["market"], name=name, **data)


def _certificate(officer, people, number="44070000001", *, issued_on=None, expires_on=None, **data):
    return officers.issue_certificate(
        officer,
        actor=people["office"],
        number=number,
        area=data.pop("area", "江门市 市场监管"),
        issued_on=issued_on or TODAY() - 365 * DAY,
        expires_on=expires_on or TODAY() + 400 * DAY,
        **data,
    )


# --- officers -------------------------------------------------------------------------------


def test_officers_belong_to_enforcement_bodies_and_are_kept_by_their_staff(city, people):
    officer = _officer(city, people, staff_number="SC001", position="科员")
    assert officer.body == city["market"] and officer.staff_number == "SC001"
    town = make_body("蓬江区白沙街道", parent=city["county"], kind=BodyKind.TOWN, is_enforcement_agency=True)
    town_clerk = make_user("town_clerk", roles=[(town, Role.CLERK)])
    assert officers.add_officer(actor=town_clerk, body=town, name="镇街执法员").body == town, "delegated powers"
    _refused(
        lambda: officers.add_officer(actor=people["office"], body=city["government"], name="甲"),
        "不是行政执法机关",
        InvalidInput,
    )
    _refused(lambda: _officer(city, people, name="乙", staff_number="SC001"), "已有工号为SC001的执法人员")
    _refused(
        lambda: officers.add_officer(actor=people["ecology_clerk"], body=city["market"], name="丙"), "未找到", NotFound
    )
    _refused(
        lambda: officers.add_officer(actor=people["evaluator"], body=city["market"], name="丙"),
        "您没有“管理行政执法人员”的权限",
        Forbidden,
    )
    for data, field in (
        ({"name": ""}, "name"),
        ({"name": "丁", "colour": "红"}, "colour"),
        ({"name": "丁", "user": "x"}, "user"),
    ):
        with pytest.raises(InvalidInput) as caught:
            officers.add_officer(actor=people["market_clerk"], body=city["market"], **data)
        assert field in caught.value.errors
    outsider_account = make_user("not_a_member")
    _refused(
        lambda: _officer(city, people, name="戊", user=outsider_account.pk),
        "平台账号应为江门市市场监督管理局在职人员的账号",
        InvalidInput,
    )
    member = make_user("member_officer", roles=[(city["market"], Role.ENFORCEMENT_OFFICER)])
    changed = officers.change_officer(officer, actor=people["market_clerk"], user=member.pk, position="副科长")
    assert changed.user == member and changed.position == "副科长" and changed.name == "吴国栋"
    assert Officer.objects.count() == 2
    assert list(AuditEvent.objects.filter(object_type="enforcement.officer").values_list("action", flat=True)) == [
        "enforcement.officer_added",
        "enforcement.officer_added",
        "enforcement.officer_changed",
    ]


# --- certificates ----------------------------------------------------------------------------


def test_certificates_are_issued_by_the_office_above_with_a_unique_number_and_ordered_dates(city, people):
    officer = _officer(city, people)
    _refused(
        lambda: officers.issue_certificate(officer, actor=people["market_clerk"], number="1"),
        "发放行政执法证",
        Forbidden,
    )
    _refused(lambda: officers.issue_certificate(officer, actor=people["county_office"], number="1"), "未找到", NotFound)
    bad = [
        ({"expires_on": TODAY() - 400 * DAY}, "expires_on"),
        ({"issued_on": TODAY() + DAY}, "issued_on"),
        ({"issued_on": "去年"}, "issued_on"),
        ({"number": ""}, "number"),
        ({"area": ["江门"]}, "area"),
    ]
    for overrides, field in bad:
        with pytest.raises(InvalidInput) as caught:
            _certificate(officer, people, **overrides)
        assert field in caught.value.errors, overrides
    assert not Certificate.objects.exists()
    certificate = _certificate(officer, people)
    assert certificate.status == CertificateStatus.VALID and certificate.status_on() == "有效"
    _refused(lambda: _certificate(officer, people), "证件编号44070000001已经登记")
    assert selectors.valid_certificate(officer, TODAY()) == certificate
    assert selectors.valid_certificate(officer, TODAY() + 401 * DAY) is None, "expired"
    assert selectors.valid_certificate(officer, TODAY() - 366 * DAY) is None, "not yet issued"
    event = AuditEvent.objects.get(action="enforcement.certificate_issued")
    assert event.body_id == city["market"].pk


def test_a_suspended_or_revoked_certificate_is_not_valid_from_its_date_on(city, people):
    officer = _officer(city, people)
    certificate = _certificate(officer, people)
    _refused(
        lambda: officers.suspend_certificate(certificate, actor=people["market_clerk"], reason="涉嫌违纪"),
        "您没有“暂扣”的权限",
        Forbidden,
    )
    with pytest.raises(InvalidInput) as caught:
        officers.suspend_certificate(certificate, actor=people["office"], reason=" ")
    assert "reason" in caught.value.errors
    with pytest.raises(InvalidInput) as caught:
        officers.suspend_certificate(certificate, actor=people["office"], reason="涉嫌违纪", on=TODAY() + DAY)
    assert "on" in caught.value.errors
    suspended_on = TODAY() - 10 * DAY
    certificate = officers.suspend_certificate(certificate, actor=people["office"], reason="涉嫌违纪", on=suspended_on)
    assert certificate.status == CertificateStatus.SUSPENDED and certificate.status_on() == "暂扣"
    assert selectors.valid_certificate(officer, TODAY()) is None
    assert selectors.valid_certificate(officer, suspended_on) is None
    assert selectors.valid_certificate(officer, suspended_on - DAY) == certificate, "what was done before stands"
    _refused(
        lambda: officers.suspend_certificate(certificate, actor=people["office"], reason="再次"), "当前状态为“暂扣”"
    )
    _refused(
        lambda: officers.renew_certificate(
            certificate, actor=people["office"], number="2", issued_on=TODAY(), expires_on=TODAY() + 900 * DAY
        ),
        "不能进行“换发新证”",
    )
    revoked = officers.revoke_certificate(certificate, actor=people["office"], reason="调离执法岗位")
    assert revoked.status == CertificateStatus.REVOKED and revoked.status_changed_on == suspended_on
    assert selectors.valid_certificate(officer, suspended_on - DAY) == certificate
    assert AuditEvent.objects.filter(action="enforcement.certificate_revoked", body_id=city["market"].pk).exists()


def test_an_expired_certificate_is_not_valid_and_is_renewed_by_a_new_one(city, people):
    officer = _officer(city, people)
    old = _certificate(officer, people, issued_on=TODAY() - 800 * DAY, expires_on=TODAY() - DAY)
    assert old.status_on() == "已过期" and selectors.valid_certificate(officer, TODAY()) is None
    _refused(lambda: officers.suspend_certificate(old, actor=people["office"], reason="违纪"), "过期，不能再暂扣")
    _refused(
        lambda: officers.renew_certificate(
            old, actor=people["office"], number="44070000009", issued_on=TODAY(), expires_on=TODAY() - 2 * DAY
        ),
        "有效期至不能早于发证日期",
        InvalidInput,
    )
    renewed = officers.renew_certificate(
        old, actor=people["office"], number="44070000009", issued_on=TODAY(), expires_on=TODAY() + 1000 * DAY
    )
    assert renewed.area == old.area and renewed.officer == officer and renewed.number == "44070000009"
    assert selectors.valid_certificate(officer, TODAY()) == renewed
    assert selectors.valid_certificate(officer, TODAY() - 10 * DAY) == old
    assert AuditEvent.objects.get(action="enforcement.certificate_renewed").body_id == city["market"].pk


def test_expiring_certificates_are_announced_once_to_the_body_and_the_office_above(city, people, settings):
    settings.FAZHI_CERTIFICATE_WARNING_DAYS = 90
    holder = make_user("holder", roles=[(city["market"], Role.ENFORCEMENT_OFFICER)])
    soon = _certificate(_officer(city, people, user=holder.pk), people, number="SOON", expires_on=TODAY() + 60 * DAY)
    _certificate(_officer(city, people, name="谭伟明"), people, number="LATER", expires_on=TODAY() + 200 * DAY)
    renewed_officer = _officer(city, people, name="李明")
    _certificate(renewed_officer, people, number="OLD", expires_on=TODAY() + 30 * DAY)
    _certificate(renewed_officer, people, number="NEW", issued_on=TODAY(), expires_on=TODAY() + 1000 * DAY)
    suspended = _certificate(_officer(city, people, name="赵六"), people, number="SUSP", expires_on=TODAY() + 10 * DAY)
    officers.suspend_certificate(suspended, actor=people["office"], reason="违纪")
    assert [c.number for c in selectors.expiring_certificates(TODAY(), 90)] == ["SOON"]
    page = _client(people["market_clerk"]).get(reverse("enforcement:officer-list")).content.decode()
    assert 'id="expiring"' in page and "SOON" in page.split('id="expiring"')[1].split("</section>")[0]

    jobs.autodiscover()
    (run,) = jobs.run(["enforcement.certificates"])
    assert run.succeeded and run.items == 1
    notices = Notification.objects.filter(title__contains="行政执法证即将到期")
    assert {notice.recipient.username for notice in notices} == {"market_clerk", "market_head", "office", "holder"}
    assert "SOON" in notices[0].title and notices[0].link == reverse(
        "enforcement:officer-detail", args=[soon.officer_id]
    )
    assert Certificate.objects.get(pk=soon.pk).expiry_announced_on == TODAY()
    (again,) = jobs.run(["enforcement.certificates"])
    assert again.items == 0 and Notification.objects.filter(title__contains="行政执法证即将到期").count() == 4


# --- legal reviewers -------------------------------------------------------------------------


def test_reviewers_first_appointed_since_july_2021_need_the_qualification(city, people, head):
    reviewer_user = make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)])
    data = {"user": reviewer_user.pk, "appointed_on": "2022-03-01", "qualification_number": ""}
    _refused(
        lambda: officers.register_reviewer(actor=people["market_clerk"], body=city["market"], **data),
        "您没有“任命法制审核人员”的权限",
        Forbidden,
    )
    refusal = _refused(
        lambda: officers.register_reviewer(actor=head, body=city["market"], **data),
        "应当取得法律职业资格（行政处罚法第五十八条第二款）",
        InvalidInput,
    )
    assert "qualification_number" in refusal.errors
    _refused(
        lambda: officers.register_reviewer(
            actor=head, body=city["market"], **{**data, "user": people["market_clerk"].pk, "qualification_number": "A1"}
        ),
        "应为江门市市场监督管理局法制审核岗位人员的平台账号",
        InvalidInput,
    )
    assert not LegalReviewer.objects.exists()
    reviewer = officers.register_reviewer(
        actor=head, body=city["market"], **{**data, "qualification_number": "A20224400000001"}
    )
    assert selectors.qualified_reviewer(reviewer_user, city["market"], TODAY()) == reviewer
    assert selectors.qualified_reviewer(reviewer_user, city["market"], datetime.date(2022, 2, 28)) is None
    assert selectors.qualified_reviewer(reviewer_user, city["ecology"], TODAY()) is None
    _refused(
        lambda: officers.register_reviewer(actor=head, body=city["market"], **{**data, "qualification_number": "A2"}),
        "已登记为江门市市场监督管理局的法制审核人员",
    )
    officers.change_reviewer(reviewer, actor=head, active=False)
    assert selectors.qualified_reviewer(reviewer_user, city["market"], TODAY()) is None
    _refused(
        lambda: officers.change_reviewer(reviewer, actor=head, qualification_number=""),
        "应当取得法律职业资格",
        InvalidInput,
    )


def test_a_reviewer_appointed_before_the_2021_law_keeps_the_post_without_the_qualification(city, people, head):
    veteran = make_user("veteran", roles=[(city["market"], Role.LEGAL_REVIEWER)])
    reviewer = officers.register_reviewer(actor=head, body=city["market"], user=veteran, appointed_on="2015-06-01")
    assert reviewer.qualification_number == ""
    assert selectors.qualified_reviewer(veteran, city["market"], TODAY()) == reviewer
    with pytest.raises(InvalidInput):
        officers.change_reviewer(reviewer, actor=head, appointed_on="2021-07-15")


# --- art. 17 ------------------------------------------------------------------------------------


def _case(body, filed_on, *assignments):
    case = Case.objects.create(
        body=body, cause="未按规定明码标价案", party_kind="organisation", party_name="某商行", filed_on=filed_on
    )
    for officer, certificate, assigned_on in assignments:
        CaseOfficer.objects.create(case=case, officer=officer, certificate=certificate, assigned_on=assigned_on)
    return case


def test_art_17_every_assignment_rests_on_a_certificate_valid_that_day(city, people):
    checks.autodiscover()
    market = city["market"]
    first, second = _officer(city, people), _officer(city, people, name="谭伟明")
    good = _certificate(first, people, number="A1")
    late = _certificate(second, people, number="A2", issued_on=TODAY() - 5 * DAY)
    year = TODAY().year
    result = checks.run(17, [market, city["government"]], year, TODAY())
    assert result[city["government"].pk].status == "not_applicable"
    assert result[market.pk].status == "met" and "持有效执法证的执法人员 2 名" in result[market.pk].summary
    assert "尚无立案案件" in result[market.pk].summary
    day = max(datetime.date(year, 1, 1), TODAY() - 3 * DAY)
    ok = _case(market, day, (first, good, day), (second, late, day))
    result = checks.run(17, [market], year, TODAY())[market.pk]
    assert result.status == "met" and (result.numerator, result.denominator) == (2, 2)
    officers.suspend_certificate(good, actor=people["office"], reason="违纪", on=TODAY())
    assert checks.run(17, [market], year, TODAY())[market.pk].status == "met", "suspended only after the assignment"
    bad_day = max(datetime.date(year, 1, 1), TODAY() - 10 * DAY)
    if bad_day < late.issued_on:
        bad = _case(market, bad_day, (second, late, bad_day))
        result = checks.run(17, [market], year, TODAY())[market.pk]
        assert result.status == "not_met" and result.failing[0].id == bad.pk
        assert "谭伟明" in result.failing[0].description and (result.numerator, result.denominator) == (2, 3)
    assert ok.pk in [ref.id for ref in result.evidence]


def test_art_17_query_bound(city, people):
    officer = _officer(city, people)
    certificate = _certificate(officer, people)
    _case(city["market"], TODAY(), (officer, certificate, TODAY()))

    def make(n):
        return [
            city["market"],
            *(make_body(parent=city["government"], is_enforcement_agency=True) for _ in range(n - 1)),
        ]

    assert_check_queries_bounded(17, make, year=TODAY().year, as_of=TODAY(), max_queries=3)


# --- API -------------------------------------------------------------------------------------


def test_api_officers_and_certificates_with_refusals_and_bad_input(city, people):
    clerk, office = api_client(people["market_clerk"]), api_client(people["office"])
    bad = clerk.post(
        "/api/v1/enforcement-officers/", {"body": city["market"].pk, "name": "", "colour": 1}, format="json"
    )
    assert bad.status_code == 400 and bad.json()["errors"] and not Officer.objects.exists()
    assert clerk.post("/api/v1/enforcement-officers/", ["x"], format="json").status_code == 400
    created = clerk.post("/api/v1/enforcement-officers/", {"body": city["market"].pk, "name": SCRIPT}, format="json")
    assert created.status_code == 201 and created.json()["name"] == SCRIPT and created.json()["certificate"] is None
    url = f"/api/v1/enforcement-officers/{created.json()['id']}/"
    assert clerk.patch(url, {"position": "科员"}, format="json").json()["position"] == "科员"
    data = {
        "number": "44070000001",
        "area": "江门市 市场监管",
        "issued_on": (TODAY() - DAY).isoformat(),
        "expires_on": (TODAY() + 30 * DAY).isoformat(),
    }
    assert clerk.post(f"{url}issue-certificate/", data, format="json").status_code == 403
    wrong = office.post(f"{url}issue-certificate/", {**data, "expires_on": "2000-01-01"}, format="json")
    assert wrong.status_code == 400 and "expires_on" in wrong.json()["errors"] and not Certificate.objects.exists()
    issued = office.post(f"{url}issue-certificate/", data, format="json")
    assert issued.status_code == 201 and issued.json()["status_label"] == "有效"
    assert issued.json()["expiring"] is True
    assert office.post(f"{url}issue-certificate/", data, format="json").status_code == 409
    certificate_url = f"/api/v1/enforcement-certificates/{issued.json()['id']}/"
    listing = clerk.get("/api/v1/enforcement-certificates/", {"expiring_within": 90}).json()["results"]
    assert [row["number"] for row in listing] == ["44070000001"]
    assert clerk.get("/api/v1/enforcement-certificates/", {"expiring_within": "x"}).status_code == 400
    assert clerk.get(url).json()["certificate"]["number"] == "44070000001"
    suspended = office.post(f"{certificate_url}suspend/", {"reason": "涉嫌违纪"}, format="json")
    assert suspended.status_code == 200 and suspended.json()["status_label"] == "暂扣"
    assert clerk.get(url).json()["certificate"] is None
    assert office.post(f"{certificate_url}suspend/", {"reason": "再次"}, format="json").status_code == 409


def test_api_another_bodys_officers_certificates_and_reviewers_are_404(city, people, head):
    officer = _officer(city, people)
    certificate = _certificate(officer, people)
    legal = make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)])
    reviewer = officers.register_reviewer(
        actor=head, body=city["market"], user=legal, appointed_on="2022-01-01", qualification_number="A1"
    )
    intruder = api_client(people["ecology_clerk"])
    for url in (
        f"/api/v1/enforcement-officers/{officer.pk}/",
        f"/api/v1/enforcement-certificates/{certificate.pk}/",
        f"/api/v1/legal-reviewers/{reviewer.pk}/",
    ):
        assert intruder.get(url).status_code == 404
        assert intruder.patch(url, {"name": "越权"}, format="json").status_code in (404, 405)
    assert (
        intruder.post(f"/api/v1/enforcement-certificates/{certificate.pk}/revoke/", {"reason": "x"}).status_code == 404
    )
    assert intruder.post(f"/api/v1/enforcement-officers/{officer.pk}/issue-certificate/", {}).status_code == 404
    assert intruder.get("/api/v1/enforcement-officers/").json()["results"] == []
    made = intruder.post("/api/v1/enforcement-officers/", {"body": city["market"].pk, "name": "越权"}, format="json")
    assert made.status_code == 404
    assert Officer.objects.count() == 1 and Certificate.objects.get().status == CertificateStatus.VALID
    assert LegalReviewer.objects.get().active


# --- pages -----------------------------------------------------------------------------------


def test_office_pages_add_an_officer_issue_and_suspend_a_certificate(city, people):
    clerk, office = _client(people["market_clerk"]), _client(people["office"])
    listing = reverse("enforcement:officer-list")
    bad = clerk.post(listing, {"body": city["market"].pk, "name": ""})
    assert bad.status_code == 400 and not Officer.objects.exists()
    assert clerk.post(listing, {"body": city["market"].pk, "name": SCRIPT}).status_code == 302
    officer = Officer.objects.get()
    detail = reverse("enforcement:officer-detail", args=[officer.pk])
    page = clerk.get(detail).content.decode()
    assert ESCAPED in page and SCRIPT not in page and "发放执法证" not in page
    issue = reverse("enforcement:officer-action", args=[officer.pk, "issue"])
    data = {
        "number": "44070000001",
        "area": "江门市",
        "issued_on": TODAY().isoformat(),
        "expires_on": TODAY().isoformat(),
    }
    assert clerk.post(issue, data).status_code == 403
    wrong = office.post(issue, {**data, "expires_on": (TODAY() - DAY).isoformat()})
    assert wrong.status_code == 400 and "有效期至不能早于发证日期" in wrong.content.decode()
    assert office.post(issue, data).status_code == 302
    certificate = Certificate.objects.get()
    assert "发放执法证" in office.get(detail).content.decode()
    suspend = reverse("enforcement:certificate-action", args=[certificate.pk, "suspend"])
    refused = office.post(suspend, {"reason": ""})
    assert refused.status_code == 400 and "请填写理由" in refused.content.decode()
    assert office.post(suspend, {"reason": "涉嫌违纪"}).status_code == 302
    assert Certificate.objects.get().status == CertificateStatus.SUSPENDED


def test_another_bodys_officer_pages_are_404(city, people):
    officer = _officer(city, people)
    certificate = _certificate(officer, people)
    intruder = _client(people["ecology_clerk"])
    assert intruder.get(reverse("enforcement:officer-detail", args=[officer.pk])).status_code == 404
    assert intruder.post(reverse("enforcement:officer-detail", args=[officer.pk]), {"name": "越权"}).status_code == 404
    assert intruder.post(reverse("enforcement:officer-action", args=[officer.pk, "issue"]), {}).status_code == 404
    assert (
        intruder.post(
            reverse("enforcement:certificate-action", args=[certificate.pk, "revoke"]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert officer.name not in intruder.get(reverse("enforcement:officer-list")).content.decode()
    assert (
        intruder.post(reverse("enforcement:officer-list"), {"body": city["market"].pk, "name": "越权"}).status_code
        == 404
    )
    assert Officer.objects.count() == 1 and Certificate.objects.get().status == CertificateStatus.VALID


def test_reviewer_pages_register_and_refuse_without_qualification(city, people, head):
    legal = make_user("market_legal", roles=[(city["market"], Role.LEGAL_REVIEWER)])
    page = _client(head)
    listing = reverse("enforcement:reviewer-list")
    data = {"body": city["market"].pk, "user": legal.pk, "appointed_on": "2023-05-01", "qualification_number": ""}
    refused = page.post(listing, data)
    assert refused.status_code == 400 and "法律职业资格" in refused.content.decode()
    assert page.post(listing, {**data, "qualification_number": "A2023"}).status_code == 302
    reviewer = LegalReviewer.objects.get()
    assert "A2023" in page.get(listing).content.decode()
    edit = reverse("enforcement:reviewer-edit", args=[reviewer.pk])
    assert page.post(edit, {"appointed_on": "2023-05-01", "qualification_number": "A2023"}).status_code == 302
    assert LegalReviewer.objects.get().active is False, "an unticked box takes the reviewer off the post"
    assert _client(people["ecology_clerk"]).get(edit).status_code == 404


# --- portal ------------------------------------------------------------------------------------


def test_the_portal_lists_certified_officers_with_their_numbers_only(city, people):
    certified = _officer(city, people, name="持证人员甲")
    _certificate(certified, people, number="44070000001")
    suspended = _officer(city, people, name="暂扣人员乙")
    officers.suspend_certificate(
        _certificate(suspended, people, number="44070000002"), actor=people["office"], reason="违纪"
    )
    expired = _officer(city, people, name="过期人员丙")
    _certificate(expired, people, number="44070000003", issued_on=TODAY() - 900 * DAY, expires_on=TODAY() - DAY)
    _officer(city, people, name="无证人员丁")
    page = _client().get(reverse("enforcement:public-body-detail", args=[city["market"].pk])).content.decode()
    assert "持证人员甲" in page and "44070000001" in page
    for hidden in ("暂扣人员乙", "44070000002", "过期人员丙", "44070000003", "无证人员丁"):
        assert hidden not in page, hidden
    assert "行政复议" in page and "行政诉讼" in page and "江门市人民政府" in page
    assert _client().get(reverse("enforcement:public-body-detail", args=[city["government"].pk])).status_code == 404
    bodies = _client().get(reverse("enforcement:public-body-list")).content.decode()
    assert "江门市市场监督管理局" in bodies and "江门市人民政府</a>" not in bodies


# --- demo ------------------------------------------------------------------------------------------


def test_the_demo_market_bureau_meets_arts_17_18_and_21(settings, tmp_path):
    from fazhi.core import demo

    settings.MEDIA_ROOT = tmp_path
    demo.load()
    checks.autodiscover()
    market = Body.objects.get(code="jm-scjgj")
    results = {article: checks.run(article, [market], TODAY().year, TODAY())[market.pk] for article in (17, 18, 21)}
    assert {article: result.status for article, result in results.items()} == {17: "met", 18: "met", 21: "met"}
    assert "持有效执法证的执法人员 3 名" in results[17].summary
    assert [c.officer.name for c in selectors.expiring_certificates(TODAY(), 60)] == ["李志明"]
    reviewer = User.objects.get(username="scj_legal")
    assert selectors.qualified_reviewer(reviewer, market, TODAY()) is not None
    page = _client().get(reverse("enforcement:public-body-detail", args=[market.pk])).content.decode()
    assert "吴国栋" in page and "44070021010101" in page and "明码标价" in page
    assert reverse("powers:public-body", args=[market.pk]) in page


def test_officer_lists_take_no_more_queries_for_more_officers(city, people):
    def count(user, url):
        client = api_client(User.objects.get(pk=user.pk)) if url.startswith("/api/") else _client(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured.captured_queries)

    urls = [
        (people["market_clerk"], reverse("enforcement:officer-list")),
        (people["market_clerk"], "/api/v1/enforcement-officers/"),
        (people["office"], "/api/v1/enforcement-certificates/"),
        (people["office"], reverse("enforcement:officer-detail", args=[1])),
        (None, reverse("enforcement:public-body-detail", args=[city["market"].pk])),
    ]

    def add(number):
        officer = _officer(city, people, name=f"执法人员{number}")
        certificate = _certificate(officer, people, number=f"N{number}", expires_on=TODAY() + (number * 20) * DAY)
        _certificate(officer, people, number=f"OLD{number}", issued_on=TODAY() - 900 * DAY, expires_on=TODAY() - DAY)
        return officer, certificate

    first, _ = add(1)
    urls[3] = (people["office"], reverse("enforcement:officer-detail", args=[first.pk]))
    before = [count(user, url) for user, url in urls]
    for number in range(2, 6):
        add(number)
    officers.suspend_certificate(Certificate.objects.get(number="N2"), actor=people["office"], reason="违纪")
    after = [count(user, url) for user, url in urls]
    assert after == before
