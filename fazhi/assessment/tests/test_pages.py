"""The office pages: the scheme edited in place with its problems after every change, the workflow
by the office and the mayor, the evaluation's steps, the evaluator's sheet, a body's scorecard with
its evidence and objection; refusals in Chinese with nothing stored; another body's ids a 404."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.assessment import evaluation as running
from fazhi.assessment import services
from fazhi.assessment.choices import EvaluationStatus, SchemeStatus, ScoreSource
from fazhi.assessment.models import Adjustment, Evaluation, Indicator, Member, Objection, Result, Scheme, Score
from fazhi.assessment.testing import workbook
from fazhi.core.choices import EvaluationGroup
from fazhi.core.models import Attachment

D = datetime.date
HTMX = {"HX-Request": "true"}


@pytest.fixture
def scheme(grouped, people, today):
    return services.create_scheme(actor=people["office"], government=grouped["government"], year=2026)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings


def _page(client, name, *args, **query) -> str:
    response = client.get(reverse(f"assessment:{name}", args=args), query)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


# --- schemes --------------------------------------------------------------------------------------


def test_the_office_drafts_a_scheme_from_the_home_page(client, grouped, people, today):
    client.force_login(people["office"])
    page = _page(client, "home")
    assert "江门市人民政府" in page and "拟定考评方案" in page
    response = client.post(reverse("assessment:scheme-new"), {"government": grouped["government"].pk, "year": "2026"})
    scheme = Scheme.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("assessment:scheme", args=[scheme.pk])
    page = _page(client, "scheme", scheme.pk)
    assert "江门市人民政府2026年度依法行政考评方案" in page
    assert "第1级合计 100.00 分；第2级合计 100.00 分；第3级合计 100.00 分" in page
    assert "有人工评分指标，但尚未确定考评组成人员" in page
    response = client.post(reverse("assessment:scheme-new"), {"government": grouped["government"].pk, "year": "2026"})
    assert response.status_code == 409 and "2026年度的考评方案已经存在" in response.content.decode()
    client.force_login(people["market_clerk"])
    assert 'id="scheme-new"' not in _page(client, "home")
    response = client.post(reverse("assessment:scheme-new"), {"government": grouped["government"].pk, "year": "2027"})
    assert response.status_code == 400 and "请选择人民政府" in response.content.decode()
    assert Scheme.objects.count() == 1


def test_editing_in_place_shows_the_problems_after_each_change(client, scheme, people):
    client.force_login(people["office"])
    area = scheme.indicators.get(parent=None, position=1)
    response = client.post(
        reverse("assessment:indicator-edit", args=[area.pk]), {"name": area.name, "points": "16"}, headers=HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200 and 'id="scheme-page"' in page
    assert "一级指标分值合计为101.00分，应为100分" in page
    assert "“依法行政制度建设”的下级指标合计15.00分，与其分值16.00分不符" in page
    assert "第1级合计 101.00 分" in page and "不符" in page
    # A bad value is refused in the swapped part (htmx swaps 2xx only) and nothing changes.
    response = client.post(
        reverse("assessment:indicator-edit", args=[area.pk]), {"name": area.name, "points": "abc"}, headers=HTMX
    )
    assert response.status_code == 200 and "分值应为数字" in response.content.decode()
    # Without htmx the same refusal is a 400 page.
    response = client.post(reverse("assessment:indicator-edit", args=[area.pk]), {"name": "", "points": "15"})
    assert response.status_code == 400 and "请填写指标名称" in response.content.decode()
    area.refresh_from_db()
    assert area.points == Decimal("16.00") and area.name == "依法行政制度建设"
    response = client.post(reverse("assessment:indicator-edit", args=[area.pk]), {"points": "15"})
    assert response.status_code == 302
    assert "一级指标分值合计" not in _page(client, "scheme", scheme.pk)


def test_the_tree_is_built_and_pruned_level_by_level(client, scheme, people):
    client.force_login(people["office"])
    url = reverse("assessment:indicator-add", args=[scheme.pk])
    response = client.post(url, {"name": "<script>alert(1)</script>创新", "points": "5"}, headers=HTMX)
    top = Indicator.objects.get(scheme=scheme, name__contains="创新")
    page = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;创新" in page and "<script>alert(1)" not in page
    assert "一级指标分值合计为105.00分，应为100分" in page
    middle = client.post(url, {"parent": top.pk, "name": "创新举措", "points": "5"})
    assert middle.status_code == 302
    middle = Indicator.objects.get(parent=top)
    leaf = {"parent": middle.pk, "name": "创新经验被推广", "points": "5", "method": "manual"}
    assert client.post(url, leaf).status_code == 302
    leaf = Indicator.objects.get(parent=middle)
    response = client.post(url, {"parent": leaf.pk, "name": "第四级", "points": "5"})
    assert response.status_code == 400 and "指标最多分三级" in response.content.decode()
    response = client.post(
        url, {"parent": middle.pk, "name": "自动", "points": "1", "method": "automatic", "articles": "10，99"}
    )
    assert response.status_code == 400 and "若干意见没有第99项" in response.content.decode()
    response = client.post(reverse("assessment:indicator-remove", args=[top.pk]), headers=HTMX)
    assert "一级指标分值合计" not in response.content.decode()
    assert not Indicator.objects.filter(pk__in=[top.pk, middle.pk, leaf.pk]).exists()


def test_members_evaluators_rules_and_settings(client, scheme, grouped, people):
    client.force_login(people["office"])
    market = Member.objects.get(scheme=scheme, body=grouped["market"])
    response = client.post(
        reverse("assessment:member-set", args=[scheme.pk]),
        {"body": grouped["market"].pk, "group": EvaluationGroup.COUNTY_GOVERNMENTS},
        headers=HTMX,
    )
    assert response.status_code == 200
    market.refresh_from_db()
    assert market.group == EvaluationGroup.COUNTY_GOVERNMENTS
    client.post(
        reverse("assessment:member-set", args=[scheme.pk]),
        {"body": grouped["county_market"].pk, "group": EvaluationGroup.CITY_DEPARTMENTS},
    )
    assert Member.objects.filter(scheme=scheme, body=grouped["county_market"]).exists()
    response = client.post(reverse("assessment:member-remove", args=[market.pk]))
    assert response.status_code == 302 and not Member.objects.filter(pk=market.pk).exists()
    response = client.post(
        reverse("assessment:evaluators", args=[scheme.pk]), {"evaluators": [people["market_clerk"].pk]}
    )
    assert response.status_code == 400 and "不是本级考评员" in response.content.decode()
    page = _page(client, "scheme", scheme.pk)
    assert people["evaluator"].get_full_name() in page  # offered as a candidate
    client.post(reverse("assessment:evaluators", args=[scheme.pk]), {"evaluators": [people["evaluator"].pk]})
    assert list(scheme.evaluators.all()) == [people["evaluator"]]
    response = client.post(
        reverse("assessment:deduction-rule", args=[scheme.pk]), {"kind": "interview", "points": "2", "cap": "1"}
    )
    assert response.status_code == 400 and "扣分上限不能低于每次扣分" in response.content.decode()
    client.post(
        reverse("assessment:deduction-rule", args=[scheme.pk]), {"kind": "interview", "points": "2", "cap": "4"}
    )
    assert scheme.deduction_rules.get(kind="interview").cap == Decimal("4.00")
    response = client.post(
        reverse("assessment:scheme-settings", args=[scheme.pk]),
        {"title": "2026年度方案", "performance_weight": "9.5", "exclusive_bounds": ["false", "true"]},
        headers=HTMX,
    )
    assert "不得低于百分之十" in response.content.decode()
    scheme.refresh_from_db()
    assert scheme.performance_weight == Decimal("10.00") and not scheme.exclusive_bounds
    client.post(
        reverse("assessment:scheme-settings", args=[scheme.pk]),
        {"title": "2026年度方案", "internal_weight": "70", "exclusive_bounds": ["false", "true"]},
    )
    scheme.refresh_from_db()
    assert scheme.exclusive_bounds and scheme.internal_weight == Decimal("70.00")
    assert "内部考核与社会评议权重合计为90.00%，应为100%" in _page(client, "scheme", scheme.pk)


def test_the_office_submits_the_mayor_approves_and_the_scheme_is_locked(client, scheme, people, mayor):
    services.set_evaluators(scheme, actor=people["office"], users=[people["evaluator"].pk])
    client.force_login(people["market_clerk"])
    assert client.get(reverse("assessment:scheme", args=[scheme.pk])).status_code == 404
    assert client.post(reverse("assessment:scheme-step", args=[scheme.pk, "submit"])).status_code == 404
    client.force_login(people["office"])
    page = _page(client, "scheme", scheme.pk)
    assert 'data-transition="submit"' in page and 'data-transition="approve"' not in page
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "approve"]))
    assert response.status_code == 403
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "submit"]), {"on": "2026-03-02"})
    assert response.status_code == 302
    client.force_login(mayor)
    page = _page(client, "scheme", scheme.pk)
    assert 'data-transition="approve"' in page and 'data-transition="return"' in page
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "return"]), {"reason": ""})
    assert response.status_code == 400 and "请填写退回理由" in response.content.decode()
    response = client.post(
        reverse("assessment:scheme-step", args=[scheme.pk, "approve"]), {"on": "2026-03-01", "reference": "江府函"}
    )
    assert response.status_code == 400 and "日期不能早于2026年3月2日" in response.content.decode()
    client.post(reverse("assessment:scheme-step", args=[scheme.pk, "approve"]), {"reference": "江府函〔2026〕9号"})
    scheme.refresh_from_db()
    assert scheme.status == SchemeStatus.APPROVED and scheme.approved_by == mayor
    client.force_login(people["office"])
    page = _page(client, "scheme", scheme.pk)
    assert "江府函〔2026〕9号" in page and "保存设置" not in page and 'data-transition="open"' in page
    area = scheme.indicators.get(parent=None, position=1)
    response = client.post(reverse("assessment:indicator-edit", args=[area.pk]), {"points": "20"})
    assert response.status_code == 409 and "方案已批准（锁定），不能修改" in response.content.decode()
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "copy"]))
    copy = Scheme.objects.get(year=2027)
    assert response["Location"] == reverse("assessment:scheme", args=[copy.pk]) and copy.status == SchemeStatus.DRAFT
    assert client.post(reverse("assessment:scheme-step", args=[scheme.pk, "nonsense"])).status_code == 404


# --- the evaluation -------------------------------------------------------------------------------


def test_the_office_opens_the_evaluation_after_the_year(client, grouped, people, mayor, today):
    from fazhi.assessment.tests.conftest import small_scheme

    scheme = small_scheme(grouped, people, mayor, today)
    client.force_login(people["office"])
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "open"]), {"as_of": "2026-03-02"})
    assert (
        response.status_code == 400 and "数据截止日期不能早于考评年度末（2026年12月31日）" in response.content.decode()
    )
    today.set(D(2027, 1, 10))
    response = client.post(reverse("assessment:scheme-step", args=[scheme.pk, "open"]), {"as_of": "2027-01-05"})
    evaluation = Evaluation.objects.get()
    assert response["Location"] == reverse("assessment:evaluation", args=[evaluation.pk])
    page = _page(client, "evaluation", evaluation.pk)
    assert "2027年1月5日" in page and "已评分 0 项，待评分 3 项" in page and "已导入 0 / 3 个单位" in page
    assert "3项人工评分指标尚未评分；3个考评对象尚无社会评议得分" in page


def test_social_workbook_template_upload_and_refusals(client, evaluation, people, media):
    client.force_login(people["office"])
    response = client.get(reverse("assessment:social-template", args=[evaluation.pk]))
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["单位", "得分"]
    assert sorted(row[0] for row in rows[1:]) == ["江门市市场监督管理局", "江门市生态环境局", "蓬江区人民政府"]
    url = reverse("assessment:social", args=[evaluation.pk])
    bad = workbook([("江门市市场监督管理局", 90), ("江门市市场监督管理局", 80)])
    response = client.post(url, {"file": SimpleUploadedFile("社会评议.xlsx", bad)})
    assert response.status_code == 400 and "第3行：“江门市市场监督管理局”与第2行重复" in response.content.decode()
    huge = SimpleUploadedFile("大.xlsx", b"x" * (running.MAX_WORKBOOK_BYTES + 10))
    response = client.post(url, {"file": huge})
    assert response.status_code == 400 and "文件过大" in response.content.decode()
    response = client.post(url, {})
    assert response.status_code == 400 and "请选择要上传的文件" in response.content.decode()
    assert not evaluation.social_scores.exists()
    rows[1:] = [[name, 85] for name, _score in rows[1:]]
    good = workbook([row for row in rows[1:]])
    response = client.post(url, {"file": SimpleUploadedFile("社会评议.xlsx", good)})
    assert response.status_code == 302 and evaluation.social_scores.count() == 3
    client.force_login(people["market_clerk"])
    assert client.post(url, {"file": SimpleUploadedFile("社会评议.xlsx", good)}).status_code == 404


def test_evaluators_score_a_leaf_for_every_body_at_once(client, evaluation, grouped, people, media):
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    running.add_evidence(
        evaluation,
        actor=people["market_clerk"],
        body=grouped["market"],
        indicator=leaf.pk,
        file=SimpleUploadedFile("宣传台账.txt", "2026年普法宣传台账".encode()),
    )
    client.force_login(people["office"])
    assert client.get(reverse("assessment:scoring", args=[evaluation.pk])).status_code == 404
    client.force_login(people["evaluator"])
    page = _page(client, "scoring", evaluation.pk)
    assert "宣传台账.txt" in page and "未上传" in page
    url = reverse("assessment:scoring", args=[evaluation.pk])
    market, ecology, county = (grouped[key].pk for key in ("market", "ecology", "county"))
    response = client.post(
        url,
        {
            "indicator": leaf.pk,
            f"points-{market}": "30",
            f"comment-{market}": "",
            f"points-{ecology}": "41",
        },
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "江门市市场监督管理局：请填写评分说明" in text and "江门市生态环境局：得分应在0至40.00之间" in text
    assert not Score.objects.filter(evaluation=evaluation, source=ScoreSource.MANUAL).exists()
    response = client.post(
        url,
        {
            "indicator": leaf.pk,
            f"points-{market}": "30",
            f"comment-{market}": "宣传材料不全。",
            f"points-{ecology}": "40",
            f"points-{county}": "",
        },
    )
    assert response.status_code == 302
    scores = dict(Score.objects.filter(evaluation=evaluation, indicator=leaf).values_list("body_id", "source"))
    assert scores == {market: ScoreSource.MANUAL, ecology: ScoreSource.MANUAL, county: ScoreSource.PENDING}
    # A body's evidence is the evaluator's to read.
    attachment = Attachment.objects.get()
    assert client.get(reverse("core:attachment-download", args=[attachment.pk])).status_code == 200


def test_the_whole_evaluation_on_the_pages(client, scored, grouped, people, mayor, today):
    evaluation = scored
    client.force_login(people["office"])
    step = lambda name: reverse("assessment:evaluation-step", args=[evaluation.pk, name])  # noqa: E731
    assert client.post(step("approve")).status_code == 403
    assert client.post(step("submit"), {"on": "2027-01-20"}).status_code == 400  # after today (15 January)
    assert client.post(step("submit")).status_code == 302
    page = _page(client, "evaluation", evaluation.pk)
    assert "建议取消当年度评优评先资格" in page and "评定规则：" in page
    client.force_login(mayor)
    assert client.post(step("approve")).status_code == 302
    client.force_login(people["office"])
    today.set(D(2027, 3, 1))
    response = client.post(step("notify"), {"notice_number": "江府通〔2027〕3号"})
    assert response.status_code == 302
    page = _page(client, "evaluation", evaluation.pk)
    assert "2027年3月8日" in page and "异议期至2027年3月8日届满" in page
    response = client.post(step("finalise"))
    assert response.status_code == 409 and "异议期至2027年3月8日届满" in response.content.decode()
    today.set(D(2027, 3, 9))
    assert client.post(step("finalise")).status_code == 302
    assert client.post(step("publish")).status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.status == EvaluationStatus.PUBLISHED and evaluation.published_on == D(2027, 3, 9)
    assert client.post(step("publish")).status_code == 409


def test_adjustments_on_the_page_and_deductions_imported_without_measures(client, evaluation, grouped, people):
    client.force_login(people["office"])
    url = reverse("assessment:adjustment-add", args=[evaluation.pk])
    response = client.post(url, {"body": grouped["market"].pk, "kind": "bonus", "points": "x", "reason": "创新"})
    assert response.status_code == 400 and "分值应为数字" in response.content.decode()
    response = client.post(url, {"body": grouped["county_market"].pk, "kind": "bonus", "points": "1", "reason": "创新"})
    assert response.status_code == 400 and "请选择本次考评的考评对象" in response.content.decode()
    client.post(url, {"body": grouped["market"].pk, "kind": "bonus", "points": "2", "reason": "<b>创新</b>"})
    adjustment = Adjustment.objects.get()
    page = _page(client, "evaluation", evaluation.pk)
    assert "&lt;b&gt;创新&lt;/b&gt;" in page
    assert client.post(reverse("assessment:adjustment-remove", args=[adjustment.pk])).status_code == 302
    assert not Adjustment.objects.exists()
    response = client.post(reverse("assessment:evaluation-step", args=[evaluation.pk, "deductions"]))
    assert response.status_code == 302 and not Adjustment.objects.exists()


# --- a body's scorecard ---------------------------------------------------------------------------


def test_a_body_uploads_evidence_while_scoring_sees_points_from_the_notice_and_objects(
    client, scored, grouped, people, mayor, today, media
):
    evaluation = scored
    member = Member.objects.get(scheme=evaluation.scheme, body=grouped["market"])
    leaf = Indicator.objects.get(scheme=evaluation.scheme, name="宣传法治政府建设")
    client.force_login(people["market_clerk"])
    page = _page(client, "home")
    assert reverse("assessment:scorecard", args=[member.pk]) in page
    page = _page(client, "scorecard", member.pk)
    assert "得分在政府通报考评结果后显示" in page and "30.00" not in page
    assert "蓬检行建" in page  # the late reply named by its number, the body's own record
    assert (
        reverse(
            "litigation:suggestion-detail",
            args=[
                Score.objects.get(
                    evaluation=evaluation, body=grouped["market"], indicator__name="检察建议按期书面回复"
                ).detail["articles"][0]["failing"][0]["id"]
            ],
        )
        in page
    )
    url = reverse("assessment:evidence-add", args=[member.pk])
    response = client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("a.exe", b"MZ\x90\x00binary")})
    assert response.status_code == 400 and "类型不在允许范围内" in response.content.decode()
    media.FAZHI_UPLOAD_MAX_BYTES = 1024
    response = client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("大.txt", "字".encode() * 2000)})
    assert response.status_code == 400 and "超过上限" in response.content.decode()
    response = client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("宣传台账.txt", "台账".encode())})
    assert response.status_code == 302 and Attachment.objects.count() == 1
    assert "宣传台账.txt" in _page(client, "scorecard", member.pk)
    # Another body's clerk, and the office above, may not act for the body.
    client.force_login(people["ecology_clerk"])
    assert client.get(reverse("assessment:scorecard", args=[member.pk])).status_code == 404
    assert client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("b.txt", b"x")}).status_code == 404
    client.force_login(people["office"])
    assert client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("b.txt", b"x")}).status_code == 403
    assert "30.00" in _page(client, "scorecard", member.pk)  # the office sees the points while scoring
    running.submit(evaluation, actor=people["office"])
    running.approve(evaluation, actor=mayor)
    client.force_login(people["market_clerk"])
    assert client.post(url, {"indicator": leaf.pk, "file": SimpleUploadedFile("c.txt", b"x")}).status_code == 409
    assert 'id="composite"' not in _page(client, "scorecard", member.pk)  # approved, not yet notified
    today.set(D(2027, 3, 1))
    running.notify(evaluation, actor=people["office"], notice_number="江府通〔2027〕3号")
    page = _page(client, "scorecard", member.pk)
    assert "64.00" in page and "一般" in page and "被约谈一次" in page and "提出异议" in page
    objection_url = reverse("assessment:objection-file", args=[member.pk])
    response = client.post(objection_url, {"text": "", "indicator": leaf.pk})
    assert response.status_code == 400 and "请填写异议内容" in response.content.decode()
    response = client.post(objection_url, {"text": "<script>x</script>材料已补交", "indicator": leaf.pk})
    assert response.status_code == 302
    assert "&lt;script&gt;x&lt;/script&gt;材料已补交" in _page(client, "scorecard", member.pk)
    objection = Objection.objects.get()
    client.force_login(people["office"])
    answer = reverse("assessment:objection-answer", args=[objection.pk])
    response = client.post(answer, {"outcome": "upheld", "answer": "经复核，材料齐全。", "points": "41"})
    assert response.status_code == 400 and "调整后得分应在0至40.00之间" in response.content.decode()
    client.post(answer, {"outcome": "upheld", "answer": "经复核，材料齐全。", "points": "40"})
    assert Result.objects.get(evaluation=evaluation, body=grouped["market"]).composite == Decimal("72.00")
    today.set(D(2027, 3, 9))
    client.force_login(people["market_clerk"])
    assert "提出异议" not in _page(client, "scorecard", member.pk)
    response = client.post(objection_url, {"text": "再议"})
    assert response.status_code == 409 and "异议期已于2027年3月8日届满" in response.content.decode()


def test_the_public_sees_results_only_once_published(client, notified, grouped, people, today):
    evaluation = notified
    assert client.get(reverse("assessment:public-result", args=[evaluation.pk])).status_code == 404
    assert client.get(reverse("assessment:public-notice", args=[evaluation.pk])).status_code == 404
    assert "暂无公布的考评结果" in _page(client, "public-results")
    today.set(D(2027, 3, 9))
    running.finalise(evaluation, actor=people["office"])
    running.publish(evaluation, actor=people["office"])
    page = _page(client, "public-results")
    assert "2026年度" in page and "江府通〔2027〕3号" in page
    page = _page(client, "public-result", evaluation.pk)
    for text in ("市直单位", "各市（区）政府", "江门市生态环境局", "99.00", "优秀", "蓬江区人民政府", "53.00", "一般"):
        assert text in page
    assert "被约谈一次" not in page and "宣传材料不全" not in page  # reasons and scores stay internal
    assert "依法行政考评结果" in _page(client, "public-results") and "查阅考评结果" in client.get("/").content.decode()


def test_anonymous_users_are_sent_to_log_in(client, notified):
    for url in (
        reverse("assessment:home"),
        reverse("assessment:evaluation", args=[notified.pk]),
        reverse("assessment:scheme", args=[notified.scheme_id]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("core:login"))


def test_the_admin_lists_the_evaluation_read_only(client, notified):
    from fazhi.core.testing import make_user

    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    for model in ("scheme", "evaluation", "result", "adjustment", "objection"):
        response = client.get(f"/admin/assessment/{model}/")
        assert response.status_code == 200, model
        assert f"/admin/assessment/{model}/add/" not in response.content.decode()
