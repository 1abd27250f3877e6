"""Every change to numbering: formats, and numbers issued, voided and reserved.

Issuing locks the (format, year) sequence row inside the transaction — `SELECT … FOR UPDATE` on
PostgreSQL; on SQLite the IMMEDIATE transaction already holds the database's write lock — so two
processes can never read the same last serial; the unique (format, year, serial) constraint on
`IssuedNumber` is the backstop. Reserving a legacy number takes the same lock, so a reservation
and an issue cannot cross. Numbers are never deleted: voided and reserved serials are skipped.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.access import may
from fazhi.core.errors import Conflict, Forbidden, InvalidInput, invalid_from_validation
from fazhi.core.inputs import reject_unknown
from fazhi.numbering import formats
from fazhi.numbering.choices import NumberStatus
from fazhi.numbering.models import IssuedNumber, NumberFormat, NumberSequence

FORMAT_FIELDS = ["kind", "name", "prefix", "pattern", "yearly", "is_active"]
# Once a number exists these would make the stored texts disagree with their format.
SHAPE_FIELDS = {"kind", "prefix", "pattern", "yearly"}


def validate_doc_number(text) -> formats.NumberParts:
    """A typed-in 发文字号 taken apart, or `InvalidInput` with a message naming the problem."""
    return formats.validate_doc_number(text)


def _require_number(actor, number_format: NumberFormat) -> None:
    if actor is None:  # the system itself: an import, a migration of legacy data
        return
    if not may(actor, "number", number_format.body):
        raise Forbidden(_("您无权使用“%(format)s”编号。") % {"format": number_format.name})


def _validated(number_format: NumberFormat) -> None:
    try:
        number_format.full_clean(exclude=["body"])
    except ValidationError as exc:
        raise invalid_from_validation(exc) from None
    _refuse_overlap(number_format)


def _refuse_overlap(number_format: NumberFormat) -> None:
    """Two formats whose numbers look alike would give the same text twice from two sequences."""
    others = NumberFormat.objects.exclude(pk=number_format.pk).select_related("body")
    year = timezone.localdate().year
    # Serial 1 and one wider than any padding: `{serial}` and `{serial:04d}` meet at 10000.
    samples = [(year, 1), (year, 10**9 + 1)]
    mine = [number_format.render(*sample) for sample in samples]
    for other in others:
        theirs = [other.render(*sample) for sample in samples]
        if any(other.matches(text) for text in mine) or any(number_format.matches(text) for text in theirs):
            message = _("该格式的编号会与“%(other)s”（%(body)s）的编号重复，如 %(example)s。") % {
                "other": other.name,
                "body": other.body.name,
                "example": number_format.example(),
            }
            raise InvalidInput(message, errors={"pattern": [message]})


# --- Formats -------------------------------------------------------------------------------------


@transaction.atomic
def create_format(*, actor, body, **fields) -> NumberFormat:
    reject_unknown(fields, FORMAT_FIELDS)
    number_format = NumberFormat(body=body, **fields)
    _require_number(actor, number_format)
    _validated(number_format)
    number_format.save()
    audit.record(number_format, "numbering.format_created", actor=actor, after=audit.snapshot(number_format))
    return number_format


@transaction.atomic
def update_format(number_format: NumberFormat, *, actor, **changes) -> NumberFormat:
    reject_unknown(changes, FORMAT_FIELDS)
    number_format = NumberFormat.objects.select_for_update().get(pk=number_format.pk)
    _require_number(actor, number_format)
    reshaped = {field for field, value in changes.items() if getattr(number_format, field) != value}
    if reshaped & SHAPE_FIELDS and number_format.numbers.exists():
        raise Conflict(_("该格式已有编号，不能再修改类别、前缀、模式或编号方式；如需调整，请停用后新建格式。"))
    before = audit.snapshot(number_format, list(changes))
    for field, value in changes.items():
        setattr(number_format, field, value)
    _validated(number_format)
    number_format.save()
    audit.record(
        number_format,
        "numbering.format_updated",
        actor=actor,
        before=before,
        after=audit.snapshot(number_format, list(changes)),
    )
    return number_format


# --- Numbers -------------------------------------------------------------------------------------


def _check_issue_year(year) -> int:
    """The year a number is given for: this year, or the next or last one at the turn of a year."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidInput(_("年度应为四位整数。"), errors={"year": [_("年度应为四位整数。")]})
    this_year = timezone.localdate().year
    if not this_year - 1 <= year <= this_year + 1:
        message = _("只能为 %(first)d—%(last)d 年度编号，不能为 %(year)d 年度编号。") % {
            "first": this_year - 1,
            "last": this_year + 1,
            "year": year,
        }
        raise InvalidInput(message, errors={"year": [message]})
    return year


def _locked_sequence(number_format: NumberFormat, year: int) -> NumberSequence:
    """The sequence row, locked for this transaction; created by whichever writer comes first."""
    sequences = NumberSequence.objects.select_for_update()
    sequence = sequences.filter(format=number_format, year=year).first()
    if sequence is not None:
        return sequence
    try:
        # On PostgreSQL a concurrent creator makes this insert wait for its commit and then fail;
        # the savepoint keeps our transaction usable, and the row is then there to be locked.
        with transaction.atomic():
            NumberSequence.objects.create(format=number_format, year=year)
    except IntegrityError:
        pass
    return sequences.get(format=number_format, year=year)


def _require_usable(number_format: NumberFormat) -> NumberFormat:
    number_format = NumberFormat.objects.select_related("body").get(pk=number_format.pk)
    if not number_format.is_active:
        raise Conflict(_("编号格式“%(format)s”已停用。") % {"format": number_format.name})
    return number_format


def _record_fields(record: Model | None) -> dict:
    if record is None:
        return {}
    if record.pk is None:
        raise InvalidInput(_("须先保存记录，才能为其编号。"))
    return {"content_type": ContentType.objects.get_for_model(record), "object_id": str(record.pk)}


def _audit_number(number: IssuedNumber, action: str, *, actor, **data) -> None:
    audit.record(
        number,
        action,
        actor=actor,
        body_id=number.format.body_id,
        after={
            "format": number.format_id,
            "year": number.year,
            "serial": number.serial,
            "text": number.text,
            "status": number.status,
            **data,
        },
    )


@transaction.atomic
def issue_number(
    number_format: NumberFormat, year: int | None = None, *, actor, record: Model | None = None, note: str = ""
) -> IssuedNumber:
    """Give the next serial of `number_format` in `year` (this year by default), never one given before.

    Serials already recorded — reserved legacy numbers above the sequence — are skipped.
    """
    number_format = _require_usable(number_format)
    _require_number(actor, number_format)
    year = _check_issue_year(timezone.localdate().year if year is None else year)
    sequence = _locked_sequence(number_format, number_format.sequence_year(year))
    taken = set(
        IssuedNumber.objects.filter(
            format=number_format, year=sequence.year, serial__gt=sequence.last_serial
        ).values_list("serial", flat=True)
    )
    serial = sequence.last_serial + 1
    while serial in taken:
        serial += 1
    text = number_format.render(year, serial)
    number = IssuedNumber.objects.create(
        format=number_format,
        year=sequence.year,
        serial=serial,
        text=text,
        status=NumberStatus.ISSUED,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
        issued_at=timezone.now(),
        note=(note or "")[:200],
        **_record_fields(record),
    )
    sequence.last_serial = serial
    sequence.save(update_fields=["last_serial", "updated_at"])
    _audit_number(number, "numbering.number_issued", actor=actor, object_id=number.object_id)
    return number


@transaction.atomic
def void_number(number: IssuedNumber, *, actor, reason: str) -> IssuedNumber:
    """Void an issued number: it stays on record, with who, when and why, and is never reused."""
    reason = (reason or "").strip() if isinstance(reason, str) else ""
    if not reason:
        raise InvalidInput(_("请填写作废理由。"), errors={"reason": [_("请填写作废理由。")]})
    number = IssuedNumber.objects.select_related("format__body").get(pk=number.pk)
    _require_number(actor, number.format)
    if number.status == NumberStatus.RESERVED:
        raise Conflict(_("历史文号是预留记录，不能作废。"))
    now = timezone.now()
    voided_by = actor if actor is not None and actor.is_authenticated else None
    # Conditional: of two concurrent voids only one finds the number still issued.
    changed = IssuedNumber.objects.filter(pk=number.pk, status=NumberStatus.ISSUED).update(
        status=NumberStatus.VOIDED, void_reason=reason, voided_by=voided_by, voided_at=now
    )
    if not changed:
        raise Conflict(_("编号“%(text)s”已作废。") % {"text": number.text})
    number.refresh_from_db()
    _audit_number(number, "numbering.number_voided", actor=actor, reason=reason)
    return number


@transaction.atomic
def reserve_number(number_format: NumberFormat, text, *, actor, note: str = "") -> IssuedNumber:
    """Record the number of an imported legacy document, so that it is never issued again."""
    number_format = NumberFormat.objects.select_related("body").get(pk=number_format.pk)
    _require_number(actor, number_format)
    parts = number_format.parse(text)
    year = number_format.sequence_year(parts.year)
    _locked_sequence(number_format, year)
    existing = IssuedNumber.objects.filter(format=number_format, year=year, serial=parts.serial).first()
    if existing is not None:
        raise Conflict(
            _("编号“%(text)s”已有记录（%(status)s），不能重复登记。")
            % {"text": existing.text, "status": existing.get_status_display()}
        )
    number = IssuedNumber.objects.create(
        format=number_format,
        year=year,
        serial=parts.serial,
        text=parts.text,
        status=NumberStatus.RESERVED,
        issued_by=actor if actor is not None and actor.is_authenticated else None,
        issued_at=timezone.now(),
        note=(note or "")[:200] if isinstance(note, str) else "",
    )
    _audit_number(number, "numbering.number_reserved", actor=actor)
    return number
