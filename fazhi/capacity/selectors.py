"""What the capacity pages, the API, the checks and other apps read.

`head_duty(body, year)` is read by `reports` for the yearly rule-of-law report (seed art. 44)."""

from fazhi.capacity.models import HeadDuty


def head_duty(body, year: int) -> HeadDuty | None:
    """The head's year-end report on the duty as first responsible (seed art. 3) for `year`, or None."""
    body_id = getattr(body, "pk", body)
    return HeadDuty.objects.filter(body_id=body_id, year=year).first()
