"""The parser on the seed (as published, re-encoded, re-paginated) and on laws from the corpus."""

import datetime
import re
from pathlib import Path

import pytest

from fazhi.texts import parser
from fazhi.texts.numerals import to_chinese
from fazhi.texts.tests.corpus import law_path, markdown_structure, markdown_to_text

SEED = Path(__file__).parent / "data" / "seed_jiangfuban_2018_7.txt"
SEED_CHAPTERS = [
    "依法行政基本要求",
    "完善依法行政制度",
    "健全科学民主决策机制",
    "严格规范公正文明执法",
    "全面推进政务公开",
    "有效化解社会矛盾",
    "强化对行政权力的监督和制约",
    "提高依法行政能力",
    "依法行政的保障、考核和监督",
]


@pytest.fixture(scope="module")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="module")
def seed(seed_bytes) -> parser.ParsedDocument:
    return parser.parse_bytes(seed_bytes)


def assert_is_the_seed(document: parser.ParsedDocument) -> None:
    assert document.doc_number == "江府办〔2018〕7号"
    assert document.issuer == "江门市人民政府办公室"
    assert document.title == "江门市人民政府办公室关于印发《江门市关于加强依法行政工作的若干意见》的通知"
    assert document.attachment_title == "江门市关于加强依法行政工作的若干意见"
    assert document.signed_on == datetime.date(2018, 4, 24)
    assert [chapter.number for chapter in document.chapters] == list(range(1, 10))
    assert [chapter.title for chapter in document.chapters] == SEED_CHAPTERS
    assert all(chapter.sections == [] for chapter in document.chapters)
    articles = document.articles
    assert [article.number for article in articles] == [f"（{to_chinese(n)}）" for n in range(1, 57)]
    assert [article.ordinal for article in articles] == list(range(1, 57))
    assert [len(chapter.articles) for chapter in document.chapters] == [4, 5, 7, 9, 4, 4, 6, 5, 12]
    assert document.preamble.startswith("为全面贯彻党的十九大精神") and document.preamble.endswith("制定本意见。")
    assert document.closing.startswith("本意见自印发之日起施行。")
    assert "公开方式：主动公开" in document.closing
    assert "抄送：市委有关部委办，市人大常委会办公室，市政协办公室，市中级法院，市检察院。" in document.closing
    assert document.closing.endswith("2018年4月16日印发")


def test_seed_as_published(seed):
    assert_is_the_seed(seed)


def test_seed_articles_are_whole_sentences_without_page_break_artefacts(seed):
    articles = {article.ordinal: article for article in seed.articles}
    assert articles[14].number == "（十四）"  # written (十四) in the seed: half-width
    assert articles[14].text == (
        "重大行政决策事项在行政机关领导班子集体讨论前，必须由本单位负责法制工作的机构进行合法性审查，"
        "未经合法性审查或者经合法性审查未通过的，不得作出决策。"
    )
    # Cut by a page end in the seed: 由市府办 / 公室统一编号, 实现全 / 过程留痕, 应将依法行政 / 考评作为.
    assert "由市府办公室统一编号" in articles[8].text
    assert "实现全过程留痕和可追溯管理。" in articles[20].text
    assert articles[47].text.startswith("各市（区）人民政府和各行政机关应将依法行政考评作为全面推进依法行政")
    assert "按规定公开重点领域信息。重点公开涉及财政预决算、公共资源配置、重大建设项目批准" in articles[27].text
    # A second paragraph stays a paragraph.
    assert articles[13].text.endswith("专业机构进行。\n风险评估结果应当作为重大行政决策的重要依据。")
    assert articles[56].text == (
        "依法行政工作领导小组及其办公室要加强对法治政府建设进展情况的督促检查，"
        "结合法治政府建设年度重点工作，开展定期检查和专项督查。"
    )
    for article in seed.articles:
        assert article.text.endswith("。"), article
        assert not re.search(r"[—－]\s*\d+\s*[—－]|\n\n|^\s|\s$", article.text), article
        assert "抄送" not in article.text and "印发之日" not in article.text


def test_seed_in_gb18030_with_crlf_line_endings(tmp_path, seed_bytes, seed):
    path = tmp_path / "seed-gb18030.txt"
    path.write_bytes(seed_bytes.decode("utf-8").replace("\n", "\r\n").encode("gb18030"))
    assert b"\r\n" in path.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    document = parser.parse_bytes(path.read_bytes())
    assert_is_the_seed(document)
    assert document.as_dict() == seed.as_dict()


def test_seed_with_byte_order_mark_and_old_mac_line_endings(seed_bytes, seed):
    with_bom = parser.parse_bytes(b"\xef\xbb\xbf" + seed_bytes)
    assert with_bom.as_dict() == seed.as_dict()
    carriage_returns = parser.parse_bytes(seed_bytes.replace(b"\n", b"\r"))
    assert carriage_returns.as_dict() == seed.as_dict()


def test_page_numbers_and_page_breaks_inside_sentences_are_undone(seed_bytes, seed):
    text = seed_bytes.decode("utf-8")
    cut = "必须由本单位负责法制工作的机构进行合法性审查，未经合法性审查或者"
    assert text.count(cut) == 1
    # A page ends inside (十四), then again between articles and inside (五十六), in three styles.
    text = text.replace(cut, "必须由本单位负责法制工作的机构进行合法性审查，未经合法性\n\n\n— 3 —\n\f\n审查或者")
    text = text.replace("\n\n(十五)", "\n\n- 4 -\n\n(十五)", 1)
    text = text.replace("加强对法治政府建设进展情况的", "加强对法治政府\n  －12－  \n建设进展情况的", 1)
    document = parser.parse_text(text)
    assert document.as_dict() == seed.as_dict()


def test_parentheses_of_either_width_number_the_same_articles(seed_bytes, seed):
    text = seed_bytes.decode("utf-8")
    all_full = parser.parse_text(re.sub(r"^\((\S+?)\) ?", r"（\1）", text, flags=re.M))
    all_half = parser.parse_text(re.sub(r"^（(\S+?)）", r"(\1) ", text, flags=re.M))
    assert [a.number for a in all_full.articles] == [a.number for a in seed.articles]
    assert [a.number for a in all_half.articles] == [a.number for a in seed.articles]
    assert [a.text for a in all_half.articles] == [a.text for a in seed.articles]


def test_seed_without_blank_lines_between_paragraphs(seed_bytes, seed):
    """Some copies put each paragraph on one line with no blank line between."""
    text = re.sub(r"\n\n+", "\n", seed_bytes.decode("utf-8"))
    document = parser.parse_text(text)
    assert [a.number for a in document.articles] == [a.number for a in seed.articles]
    assert document.title == seed.title
    assert document.signed_on == seed.signed_on
    assert document.closing.startswith("本意见自印发之日起施行。")


def test_a_government_order_with_a_numbered_law_and_dates_in_chinese_numerals():
    text = "\n".join(
        [
            "江门市人民政府令",
            "第 9 号",
            "《江门市行政规范性文件管理办法》已经2026年1月5日市人民政府第十六届第50次常务会议通过，现予公布，"
            "自2026年3月1日起施行。",
            "市长",
            "二〇二六年一月十二日",
            "江门市行政规范性文件管理办法",
            "第一章　总　则",
            "第一条　为了规范行政规范性文件管理，",
            "",
            "— 1 —",
            "",
            "制定本办法。",
            "第二条 本办法适用于本市行政机关。",
            "第二条之一 规范性文件应当统一登记、统一编号、统一公布。",
            "第二章 制定程序",
            "第一节 起草",
            "第三条 起草单位应当征求意见：",
            "（一）听取意见；",
            "（二）组织论证。",
            "第二节 审查",
            "第四条 未经合法性审查的，不得提交审议。",
            "第三章 附则",
            "第五条 本办法自2026年3月1日起施行。",
            "抄送：省政府办公厅。",
        ]
    )
    document = parser.parse_text(text)
    assert document.doc_number == "第9号"
    assert document.issuer == "江门市人民政府"
    assert document.signed_on == datetime.date(2026, 1, 12)
    assert [(c.number, c.title) for c in document.chapters] == [(1, "总 则"), (2, "制定程序"), (3, "附则")]
    assert [a.number for a in document.articles] == ["第一条", "第二条", "第二条之一", "第三条", "第四条", "第五条"]
    assert document.articles[0].text == "为了规范行政规范性文件管理，制定本办法。"
    assert document.articles[3].text == "起草单位应当征求意见：\n（一）听取意见；\n（二）组织论证。"
    sections = document.chapters[1].sections
    assert [(s.number, s.title, s.first_article, s.last_article) for s in sections] == [
        (1, "起草", 4, 4),
        (2, "审查", 5, 5),
    ]
    assert document.articles[-1].text == "本办法自2026年3月1日起施行。"
    assert document.closing == "抄送：省政府办公厅。"


def test_a_notice_without_chapters_has_one_chapter_numbered_zero():
    text = "关于做好年度考评工作的通知\n\n一、按时报送材料。\n\n二、如实填报数据。\n\n江门市司法局\n\n2025年12月1日\n"
    document = parser.parse_text(text)
    assert document.title == "关于做好年度考评工作的通知"
    assert [(c.number, c.title) for c in document.chapters] == [(0, "")]
    assert [(a.number, a.text) for a in document.articles] == [("一、", "按时报送材料。"), ("二、", "如实填报数据。")]
    assert document.signed_on == datetime.date(2025, 12, 1)
    assert document.issuer == "江门市司法局"
    assert document.closing == "江门市司法局\n2025年12月1日"
    assert parser.parse_text("只有一句话。").chapters[0].as_dict() == {
        "number": 0,
        "title": "",
        "sections": [],
        "articles": [],
    }


@pytest.mark.parametrize(
    "data, error",
    [
        (b"", parser.EmptyInput),
        (b" \r\n\t\n", parser.EmptyInput),
        ("\ufeff".encode(), parser.EmptyInput),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", parser.BinaryInput),
        (bytes(range(1, 32)) * 20, parser.BinaryInput),
        (b"\x81\x30\x81", parser.UndecodableInput),  # cut-off GB18030 four-byte sequence
    ],
)
def test_what_is_not_text_is_refused(data, error):
    with pytest.raises(error):
        parser.parse_bytes(data)


# Laws of different shapes: 编 and 分编 over chapters and sections, sections without chapters,
# no chapters at all, 第X条之一, a 序言, headings cut over two lines, full-width spaces.
LAWS = [
    "刑法/刑法.md",
    "民法典/物权编.md",
    "民法典/总则.md",
    "宪法/宪法.md",
    "诉讼与非诉讼程序法/民事诉讼法(2023-09-01).md",
    "行政法/国防教育法(2024-09-13).md",
    "行政法/监狱法(2012-10-26).md",
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/行政许可法(2019-04-23).md",
    "行政法/行政强制法(2011-06-30).md",
    "行政法/公务员法(2018-12-29).md",
    "宪法相关法/各级人民代表大会常务委员会监督法(2006-08-27).md",
    "行政法规/政府信息公开条例(2019-04-03).md",
    "行政法规/重大行政决策程序暂行条例(2019-04-20).md",
    "行政法规/规章制定程序条例(2017-12-22).md",
    "行政法规/信访工作条例(2022-02-25).md",
    "行政法规/行政执法机关移送涉嫌犯罪案件的规定(2020-08-07).md",
    "行政法规/消费税暂行条例(2008-11-10).md",
    "经济法/预算法(2018-12-29).md",
    "社会法/军人保险法(2012-04-27).md",
    "部门规章/人力资源社会保障部/企业职工带薪年休假实施办法(2008-07-17).md",
    "司法解释/人民检察院刑事诉讼规则(2019-12-02).md",
    "DLC/浙江地方法规/地方性法规/浙江/浙江省各级人民代表大会常务委员会监督条例(2008-11-28).md",
    "DLC/山东地方法规/地方性法规/山东/菏泽市城镇容貌和环境卫生管理条例(2021-02-01).md",
    "DLC/重庆地方法规/地方性法规/重庆/重庆市水资源管理条例(2023-03-30).md",
]


@pytest.mark.parametrize("relative", LAWS)
def test_law_from_the_corpus(relative):
    markdown = law_path(relative).read_text(encoding="utf-8")
    expected = markdown_structure(markdown)
    document = parser.parse_text(markdown_to_text(markdown))

    assert document.title == expected.title
    chapters = [chapter for chapter in document.chapters if chapter.number]
    assert [chapter.title for chapter in chapters] == expected.chapters
    if not expected.chapters:
        assert [chapter.number for chapter in document.chapters] == [0]
    assert [section.title for section in document.sections] == expected.sections
    assert [article.number for article in document.articles] == expected.articles
    assert [article.ordinal for article in document.articles] == list(range(1, len(expected.articles) + 1))
    assert all(article.text for article in document.articles)
    assert document.closing == "" or document.closing.startswith("附件")  # 刑法 lists replaced acts
    for chapter in document.chapters:
        ordinals = [article.ordinal for article in chapter.articles]
        covered = []
        for section in chapter.sections:
            assert section.first_article is not None and section.last_article >= section.first_article
            covered += range(section.first_article, section.last_article + 1)
        assert covered == ordinals[len(ordinals) - len(covered) :]


def test_law_articles_keep_their_paragraphs_and_items():
    markdown = law_path("行政法/行政处罚法(2021-01-22).md").read_text(encoding="utf-8")
    document = parser.parse_text(markdown_to_text(markdown))
    article_9 = next(article for article in document.articles if article.number == "第九条")
    assert article_9.text.startswith("行政处罚的种类：\n（一）警告、通报批评；\n（二）")
    assert document.signed_on is not None and document.signed_on.year == 2021
    assert document.issuer == "全国人民代表大会"  # adopted 1996 by the Congress itself


def test_parts_of_the_criminal_law_and_its_inserted_articles():
    markdown = law_path("刑法/刑法.md").read_text(encoding="utf-8")
    document = parser.parse_text(markdown_to_text(markdown))
    assert {chapter.part for chapter in document.chapters} == {"第一编 总则", "第二编 分则"}
    numbers = [article.number for article in document.articles]
    assert numbers[numbers.index("第十七条") + 1] == "第十七条之一"
    assert "第一百二十条之六" in numbers
    first = document.chapters[0].as_dict()
    assert first["part"] == "第一编 总则" and first["number"] == 1


def test_laws_as_plain_text_in_gb18030_without_blank_lines(tmp_path):
    markdown = law_path("行政法/监狱法(2012-10-26).md").read_text(encoding="utf-8")
    expected = parser.parse_text(markdown_to_text(markdown))
    compact = re.sub(r"\n\s*\n+", "\r\n", markdown_to_text(markdown)).encode("gb18030")
    assert parser.parse_bytes(compact).as_dict()["chapters"] == expected.as_dict()["chapters"]


def test_an_article_number_typed_with_a_stray_space():
    text = "青岛市某条例\n\n第七十四条 第一句。\n\n第七十五 条体育运动船艇由体育行政部门管理。\n\n第七十六条 末句。"
    assert [a.number for a in parser.parse_text(text).articles] == ["第七十四条", "第七十五条", "第七十六条"]
