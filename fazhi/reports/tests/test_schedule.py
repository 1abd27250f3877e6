"""The due days and the recipients, as data: the seed's 31 January and recipients for every kind
without a row, the office's row for a kind when there is one, the names off the platform."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.choices import BodyKind
from fazhi.core.models import AuditEvent
from fazhi.reports import selectors, services
from fazhi.reports.models import RecipientName, ReportSetting

D = datetime.date


def test_every_kind_is_due_on_31_january_by_the_seed(db):
    table = selectors.settings_table()
    for kind in BodyKind.values:
        assert selectors.due_on(table[kind], 2026) == D(2027, 1, 31)
        assert selectors.publish_by(table[kind], 2026) == D(2027, 1, 31)
        assert table[kind].source == "江府办〔2018〕7号第四十四条"


def test_an_office_row_moves_one_kind_and_is_audited(db, staff):
    setting = ReportSetting(
        body_kind=BodyKind.CITY_GOVERNMENT,
        due_month=3,
        due_day=31,
        publish_month=4,
        publish_day=1,
        to_party_committee=True,
        to_congress=True,
        to_higher_government=True,
    )
    services.save_setting(setting, actor=staff["office"])
    table = selectors.settings_table()
    assert selectors.due_on(table[BodyKind.CITY_GOVERNMENT], 2026) == D(2027, 3, 31)
    assert selectors.publish_by(table[BodyKind.CITY_GOVERNMENT], 2026) == D(2027, 4, 1)
    assert selectors.due_on(table[BodyKind.COUNTY_GOVERNMENT], 2026) == D(2027, 1, 31)
    assert AuditEvent.objects.filter(action="reports.setting_created").count() == 1
    services.delete_setting(setting, actor=staff["office"])
    assert selectors.due_on(selectors.settings_table()[BodyKind.CITY_GOVERNMENT], 2026) == D(2027, 1, 31)
    assert AuditEvent.objects.filter(action="reports.setting_deleted").count() == 1


def test_29_february_falls_on_28_february_in_a_common_year(db, staff):
    setting = ReportSetting(body_kind=BodyKind.TOWN, due_month=2, due_day=29, publish_month=2, publish_day=29)
    services.save_setting(setting, actor=staff["office"])
    assert selectors.due_on(setting, 2026) == D(2027, 2, 28)
    assert selectors.due_on(setting, 2027) == D(2028, 2, 29)


def test_a_day_that_does_not_exist_is_refused(db, staff):
    with pytest.raises(ValidationError) as refused:
        services.save_setting(
            ReportSetting(body_kind=BodyKind.TOWN, due_month=2, due_day=30, publish_month=13, publish_day=1),
            actor=staff["office"],
        )
    wrong = ["月、日不是有效的日期。"]
    assert refused.value.message_dict == {"due_day": wrong, "publish_day": wrong}
    assert not ReportSetting.objects.exists()


def _recipients(body):
    return [(r.kind, r.name, r.body.pk if r.body else None) for r in selectors.recipients_of(body)]


OFFICE = "江门市依法行政工作领导小组办公室（设在江门市司法局）"


def test_a_county_government_reports_to_its_party_committee_congress_the_city_and_the_office(city, host):
    assert _recipients(city["county"]) == [
        ("party_committee", "中共蓬江区委员会", None),
        ("congress", "蓬江区人民代表大会常务委员会", None),
        ("higher_government", "江门市人民政府", city["government"].pk),
        ("leading_group_office", OFFICE, host.pk),
    ]


def test_the_city_government_reports_to_names_off_the_platform(city, host, staff):
    for kind, name in (
        ("party_committee", "中共江门市委员会"),
        ("congress", "江门市人民代表大会常务委员会"),
        ("higher_government", "广东省人民政府"),
    ):
        services.save_setting(RecipientName(body=city["government"], kind=kind, name=name), actor=staff["office"])
    assert _recipients(city["government"]) == [
        ("party_committee", "中共江门市委员会", None),
        ("congress", "江门市人民代表大会常务委员会", None),
        ("higher_government", "广东省人民政府", None),
        ("leading_group_office", OFFICE, host.pk),
    ]


def test_a_department_or_a_town_reports_to_its_own_government_and_its_office(city, host, town):
    assert _recipients(city["market"]) == [
        ("own_government", "江门市人民政府", city["government"].pk),
        ("leading_group_office", OFFICE, host.pk),
    ]
    # 蓬江区 has no body flagged as hosting its office: the office is the government's own.
    county_office = ("leading_group_office", "蓬江区依法行政工作领导小组办公室", city["county"].pk)
    assert _recipients(city["county_market"]) == [
        ("own_government", "蓬江区人民政府", city["county"].pk),
        county_office,
    ]
    assert _recipients(town) == [("own_government", "蓬江区人民政府", city["county"].pk), county_office]


def test_the_recipients_follow_the_office_setting(city, host, staff):
    services.save_setting(
        ReportSetting(
            body_kind=BodyKind.CITY_DEPARTMENT,
            due_month=1,
            due_day=31,
            publish_month=1,
            publish_day=31,
            to_congress=True,
            to_own_government=False,
        ),
        actor=staff["office"],
    )
    assert _recipients(city["market"]) == [
        ("congress", "江门市人民代表大会常务委员会", None),
        ("leading_group_office", OFFICE, host.pk),
    ]
