"""Read-side queries of the decisions app: what gates, pages and checks ask."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model

from fazhi.decisions.models import AdviserOpinion


def adviser_opinions_of(subject: Model):
    """The legal advisers' opinions given on one matter (a decision or any other record)."""
    return AdviserOpinion.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("adviser")
