"""Catalog and legal-adviser records for the URL-scoping walk: a draft catalog with one matter, a
legal adviser, and a drafted decision with that adviser's opinion, all of `body` and carrying the
walk's markers, which neither the public nor another body may see. Made directly: no intruder-proof
actor is needed, and the walk only reads them."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from fazhi.decisions.choices import AdviserKind, DecisionCategory
from fazhi.decisions.models import AdviserOpinion, CatalogItem, Decision, DecisionCatalog, LegalAdviser


def make_canaries(body, markers: dict) -> dict:
    today = timezone.localdate()
    catalog = DecisionCatalog.objects.create(body=body, year=today.year, title=markers["subject"])
    item = CatalogItem.objects.create(
        catalog=catalog,
        title=markers["content"],
        category=DecisionCategory.OTHER,
        basis=markers["content"],
        planned_timing="第四季度",
        undertaking_unit=body,
    )
    adviser = LegalAdviser.objects.create(
        body=body,
        name=markers["submitter"],
        kind=AdviserKind.LAWYER,
        organisation=markers["content"],
        qualification=markers["phone"],
        term_start=today.replace(month=1, day=1),
    )
    decision = Decision.objects.create(
        body=body, deciding_body=body, title=markers["subject"], category=DecisionCategory.OTHER
    )
    opinion = AdviserOpinion.objects.create(
        adviser=adviser,
        body=body,
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=str(decision.pk),
        matter=markers["subject"],
        opinion=markers["content"],
        given_on=today,
    )
    return {
        "decision_catalog": catalog.pk,
        "decision_catalog_item": item.pk,
        "legal_adviser": adviser.pk,
        "decision": decision.pk,
        "adviser_opinion": opinion.pk,
    }


def state() -> dict:
    """What the walk's intruders must not change."""
    return {
        "decision_catalogs": list(
            DecisionCatalog.objects.order_by("pk").values_list("pk", "status", "title", "party_agreed_on")
        ),
        "catalog_items": list(CatalogItem.objects.order_by("pk").values_list("pk", "title", "category")),
        "legal_advisers": list(LegalAdviser.objects.order_by("pk").values_list("pk", "name", "term_end")),
        "adviser_opinions": list(AdviserOpinion.objects.order_by("pk").values_list("pk", "opinion")),
        "decisions": list(Decision.objects.order_by("pk").values_list("pk", "status", "title")),
    }
