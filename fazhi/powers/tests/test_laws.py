"""Laws from the corpus: imported through the parser, dated, re-imported idempotently, linked from bases."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from fazhi.powers import laws, selectors
from fazhi.powers.models import LawArticle, LawText
from fazhi.powers.tests.conftest import FOOD_LAW, PENALTY_LAW, power_data, published_list
from fazhi.texts.tests.corpus import LAWS, law_path


def test_import_reads_articles_and_dates(corpus_laws):
    assert sorted(corpus_laws.created) == ["中华人民共和国行政处罚法", "中华人民共和国食品安全法"]
    penalty = LawText.objects.get(title="中华人民共和国行政处罚法")
    assert penalty.category == "行政法"
    assert penalty.promulgated_on == datetime.date(1996, 3, 17)
    assert penalty.amended_on == datetime.date(2021, 1, 22)
    assert penalty.articles.count() == 86
    article = penalty.articles.get(number="第十八条")
    assert article.text.startswith("国家在城市管理、市场监管、生态环境")


def test_reimport_changes_nothing(corpus_laws):
    ids = list(LawArticle.objects.order_by("pk").values_list("pk", flat=True))
    again = laws.import_laws(LAWS, match=["行政处罚法(", "行政法/食品安全法("])
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 2
    assert list(LawArticle.objects.order_by("pk").values_list("pk", flat=True)) == ids


def test_a_rule_gets_its_dates_from_the_info_block(db):
    path = law_path("部门规章/市场监督管理总局/市场监督管理行政处罚信息公示规定(2021-07-30).md")
    laws.import_laws(path)
    rule = LawText.objects.get(title="市场监督管理行政处罚信息公示规定")
    assert rule.promulgated_on == datetime.date(2021, 7, 30)
    assert rule.effective_on == datetime.date(2021, 9, 1)
    assert rule.amended_on is None
    assert rule.category == ""  # a single file: no corpus folder to name


def test_bases_link_to_imported_articles(corpus_laws, city, people):
    version = published_list(
        city["market"],
        people["market_clerk"],
        people["market_head"],
        power_data(
            bases=[
                "《中华人民共和国行政处罚法》第十八条第一款",
                "《食品安全法》第一百二十二条",
                "《某省未收录条例》第三条",
            ]
        ),
    )
    (power,) = selectors.powers_of(version)
    cited, short_title, unknown = power.bases.all()
    assert cited.law_article.number == "第十八条" and cited.law.title == "中华人民共和国行政处罚法"
    assert short_title.law_article.text.startswith("违反本法规定，未取得食品生产经营许可")
    assert unknown.law is None and unknown.law_article is None


def test_basis_page_shows_the_article_text(corpus_laws, city, people, client):
    version = published_list(city["market"], people["market_clerk"], people["market_head"])
    page = client.get(reverse("powers:public-version", args=[version.pk])).content.decode()
    article = LawArticle.objects.get(law__title="中华人民共和国食品安全法", number="第一百二十二条")
    link = reverse("powers:law-article", args=[article.pk])
    assert link in page

    text = client.get(link).content.decode()
    assert "中华人民共和国食品安全法" in text and "未取得食品生产经营许可从事食品生产经营活动" in text
    assert "2021年4月29日" in text  # the last amendment


def test_command_imports_only_what_matches_and_exits_by_outcome(db, capsys):
    law_path(FOOD_LAW)
    call_command("laws", "import", str(LAWS), "--match", "行政法/行政处罚法(")
    out = capsys.readouterr().out
    assert "新导入\t中华人民共和国行政处罚法" in out
    assert list(LawText.objects.values_list("title", flat=True)) == ["中华人民共和国行政处罚法"]

    with pytest.raises(CommandError) as missing:
        call_command("laws", "import", "/nonexistent/corpus")
    assert missing.value.returncode == 2
    with pytest.raises(CommandError) as nothing:
        call_command("laws", "import", str(LAWS), "--match", "没有这样的法律")
    assert nothing.value.returncode == 2


def test_command_exit_1_when_a_file_cannot_be_read(db, tmp_path):
    (tmp_path / "坏文件.md").write_bytes(b"\x00\x01binary")
    (tmp_path / PENALTY_LAW.split("/")[-1]).write_bytes(law_path(PENALTY_LAW).read_bytes())
    with pytest.raises(CommandError) as failed:
        call_command("laws", "import", str(tmp_path))
    assert failed.value.returncode == 1
    assert LawText.objects.filter(title="中华人民共和国行政处罚法").exists()
