import pytest

from fazhi.core.errors import NotFound
from fazhi.documents import services, testing
from fazhi.documents.choices import DocumentStatus as S
from fazhi.documents.models import NormativeDocument
from fazhi.texts.search import service as search


def test_clerk_cannot_act_on_another_bodys_draft(city, departmental, people):
    document = testing.draft(city["market"], departmental["clerk"])
    other = people["ecology_clerk"]
    assert not NormativeDocument.objects.restrict(other).filter(pk=document.pk).exists()
    with pytest.raises(NotFound):
        services.update_draft(document, actor=other, title="改名")
    with pytest.raises(NotFound):
        services.start_consultation(document, actor=other, closes_on="2099-01-01")
    with pytest.raises(NotFound):
        services.create_draft(actor=other, body=city["market"], kind="department", title="冒名")


def test_registering_legal_office_sees_registered_drafts_only(city, departmental):
    reviewer = departmental["legal_reviewer"]
    draft = testing.draft(city["market"], departmental["clerk"], title="尚未报送的草稿")
    registered = testing.walk(testing.draft(city["market"], departmental["clerk"]), S.LEGALITY_REVIEW, departmental)
    visible = set(NormativeDocument.objects.restrict(reviewer).values_list("pk", flat=True))
    assert registered.pk in visible and draft.pk not in visible


def test_public_search_never_finds_a_draft(city, departmental):
    draft = testing.draft(city["market"], departmental["clerk"], title="关于餐饮油烟治理的草稿规定")
    assert search.search("餐饮油烟", public=True).total == 0
    assert search.search("餐饮油烟", user=departmental["clerk"]).total == 1
    published = testing.walk(
        testing.draft(
            city["market"], departmental["clerk"], title="关于餐饮油烟治理的规定", doc_number="江市监规〔2026〕30号"
        ),
        S.IN_FORCE,
        departmental,
    )
    result = search.search("餐饮油烟", public=True)
    assert [hit.object_id for hit in result.hits] == [str(published.pk)]
    hit = result.as_dict()["hits"][0]
    assert hit["id"] == str(published.pk) and hit["doc_number"] == "江市监规〔2026〕30号"
    assert "<mark>餐饮油烟</mark>" in hit["snippet"]
    assert draft.pk != published.pk


def test_search_command_json_has_id_title_doc_number_snippet(city, departmental):
    import json

    from fazhi.core.testing.commands import call_fazhi

    testing.walk(
        testing.draft(
            city["market"], departmental["clerk"], title="关于农贸市场管理的规定", doc_number="江市监规〔2026〕31号"
        ),
        S.IN_FORCE,
        departmental,
    )
    result = call_fazhi("search", "农贸市场", "--json", "--limit", "5")
    assert result.returncode == 0, result.stderr
    hit = json.loads(result.stdout)["hits"][0]
    assert hit["doc_number"] == "江市监规〔2026〕31号" and hit["title"] == "关于农贸市场管理的规定"
    assert "<mark>农贸市场</mark>" in hit["snippet"] and hit["id"]
