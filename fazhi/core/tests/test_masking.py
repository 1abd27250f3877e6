"""The masking helper: what the public and the audit log see of a person."""

import pytest

from fazhi.core.masking import (
    mask_address,
    mask_email,
    mask_field,
    mask_id_number,
    mask_name,
    mask_phone,
    mask_record,
    mask_text,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("张三", "张*"), ("欧阳娜娜", "欧***"), ("李", "*"), ("", ""), ("  王五 ", "王*"), (None, "")],
)
def test_names_keep_the_family_name_only(value, expected):
    assert mask_name(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("13800138000", "138****8000"),
        ("0750-3500000", "075*****0000"),
        ("12345", "*****"),
        ("", ""),
    ],
)
def test_phones_keep_the_first_three_and_last_four_digits(value, expected):
    assert mask_phone(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("440703199001011234", "440703********1234"),
        ("44070319900101123X", "440703********123X"),
        ("123", "***"),
    ],
)
def test_id_numbers_keep_the_region_and_last_four(value, expected):
    assert mask_id_number(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("zhangsan@example.com", "z***@example.com"), ("a@b.cn", "a***@b.cn"), ("", "")],
)
def test_email_keeps_the_first_letter_and_domain(value, expected):
    assert mask_email(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("广东省江门市蓬江区建设路1号", "广东省江门市蓬江区****"),
        ("江门市蓬江区", "江门市****"),
        ("某某路1号", "某某****"),
        ("", ""),
    ],
)
def test_addresses_keep_the_district(value, expected):
    assert mask_address(value) == expected


def test_identifiers_inside_free_text_are_masked_where_they_stand():
    text = "请联系13800138000或0750-3500000，身份证440703199001011234，邮箱zhang@example.com。"
    assert mask_text(text) == "请联系138****8000或0750-***0000，身份证440703********1234，邮箱z***@example.com。"


def test_free_text_without_identifiers_is_unchanged():
    text = "建议周六开放政务大厅，2026年起执行。"
    assert mask_text(text) == text


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("submitter_name", "张三", "张*"),
        ("submitter_phone", "13800138000", "138****8000"),
        ("owner_phone", "13800138000", "138****8000"),
        ("applicant_id_number", "440703199001011234", "440703********1234"),
        ("home_address", "广东省江门市蓬江区建设路1号", "广东省江门市蓬江区****"),
        ("subject", "电话13800138000", "电话138****8000"),
        ("count", 5, 5),
        ("accepted_at", None, None),
    ],
)
def test_fields_are_masked_by_what_they_hold(field, value, expected):
    assert mask_field(field, value) == expected


def test_records_are_masked_through_nested_values_and_lists():
    record = {
        "after": {
            "submitter_name": "张三",
            "notes": ["13800138000", "无"],
            "people": [{"full_name": "李四", "role": "经办人"}],
            "status": "received",
        }
    }
    assert mask_record(record) == {
        "after": {
            "submitter_name": "张*",
            "notes": ["138****8000", "无"],
            "people": [{"full_name": "李*", "role": "经办人"}],
            "status": "received",
        }
    }
    assert record["after"]["submitter_name"] == "张三"  # the input is left as it was


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("旧证440703900101123，", "旧证440703*****1123，"),
        ("新证44070319900101123X号", "新证440703********123X号"),
        ("订单号1234567890123456", "订单号1234567890123456"),
    ],
)
def test_old_and_new_id_numbers_in_text_but_not_other_long_numbers(text, expected):
    assert mask_text(text) == expected
