"""Masking of personal data: one helper for everything published or written to the audit log.

Fields are masked by what they hold (names, ID numbers, phone numbers, addresses, e-mail), and
free text has ID numbers, phone numbers and e-mail addresses found and masked wherever they stand.
"""

import re

# Resident ID numbers: 18 digits (the last may be X), or the old 15-digit form.
_ID_NUMBER = re.compile(
    r"(?<![0-9])([1-9]\d{5})(\d{8}(?=\d{3}[0-9Xx])|\d{6}(?=\d{3}(?![0-9A-Za-z])))(\d{3}[0-9Xx]?)(?![0-9A-Za-z])"
)
_MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)")
_LANDLINE = re.compile(r"(?<!\d)(0\d{2,3}-?)(\d{3,4})(\d{4})(?!\d)")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_ADDRESS_KEEP = re.compile(r"^.*?(?:区|县|旗)|^.*?(?:市)(?=[^市]*$)")


def mask_name(value: str) -> str:
    value = (value or "").strip()
    if len(value) <= 1:
        return "*" if value else ""
    return value[0] + "*" * (len(value) - 1)


def mask_id_number(value: str) -> str:
    value = (value or "").strip()
    if len(value) < 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    digits = (value or "").strip()
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_email(value: str) -> str:
    return _EMAIL.sub(lambda m: f"{m.group(1)}***{m.group(2)}", value or "")


def mask_address(value: str) -> str:
    """Keep the place down to the district or county, hide the rest."""
    value = (value or "").strip()
    if not value:
        return ""
    match = _ADDRESS_KEEP.match(value)
    kept = match.group(0) if match and len(match.group(0)) < len(value) else value[: min(6, len(value) // 2)]
    return kept + "****"


def mask_text(value: str) -> str:
    """ID numbers, phone numbers and e-mail addresses inside free text."""
    if not value:
        return value
    value = _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), value)
    value = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), value)
    value = _LANDLINE.sub(lambda m: m.group(1) + "*" * len(m.group(2)) + m.group(3), value)
    return mask_email(value)


_MASKERS = {
    "name": mask_name,
    "id_number": mask_id_number,
    "phone": mask_phone,
    "email": mask_email,
    "address": mask_address,
}
_FIELD_KINDS = {
    "full_name": "name",
    "submitter_name": "name",
    "applicant_name": "name",
    "complainant_name": "name",
    "petitioner_name": "name",
    "party_name": "name",
    "contact_name": "name",
    "id_number": "id_number",
    "submitter_id_number": "id_number",
    "phone": "phone",
    "submitter_phone": "phone",
    "contact_phone": "phone",
    "mobile": "phone",
    "email": "email",
    "submitter_email": "email",
    "address": "address",
    "submitter_address": "address",
}


def mask_field(field: str, value):
    """Mask `value` if `field` names personal data; free text has embedded identifiers masked."""
    if not isinstance(value, str):
        return value
    kind = _FIELD_KINDS.get(field)
    if kind is None and field.endswith(("_id_number", "_phone", "_address", "_email")):
        kind = field.rsplit("_", 1)[-1] if not field.endswith("_id_number") else "id_number"
    return _MASKERS[kind](value) if kind else mask_text(value)


def mask_record(data: dict) -> dict:
    """A copy of `data` with every personal field masked, nested dictionaries included."""
    masked = {}
    for key, value in data.items():
        if isinstance(value, dict):
            masked[key] = mask_record(value)
        elif isinstance(value, list):
            masked[key] = [mask_record(v) if isinstance(v, dict) else mask_field(key, v) for v in value]
        else:
            masked[key] = mask_field(key, value)
    return masked
