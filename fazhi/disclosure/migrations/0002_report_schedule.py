"""The report deadlines of 政府信息公开条例 art. 49 as data the office can change."""

from django.db import migrations

SOURCE = "政府信息公开条例（2019）第四十九条"
ROWS = [
    ("annual", "city_government", 3, 31, SOURCE),
    ("annual", "county_government", 3, 31, SOURCE),
    ("annual", "city_department", 1, 31, SOURCE),
    ("annual", "county_department", 1, 31, SOURCE),
    ("annual", "town", 1, 31, "参照政府信息公开条例（2019）第四十九条（可配置）"),
    ("annual", "authorised_organisation", 1, 31, SOURCE),
    ("annual", "entrusted_organisation", 1, 31, SOURCE),
    ("annual", "vertical", 1, 31, SOURCE),
    ("website", "city_government", 1, 31, "政府网站工作年度报表（可配置）"),
    ("website", "county_government", 1, 31, "政府网站工作年度报表（可配置）"),
    ("website", "city_department", 1, 31, "政府网站工作年度报表（可配置）"),
    ("website", "county_department", 1, 31, "政府网站工作年度报表（可配置）"),
]


def forwards(apps, schema_editor):
    schedule = apps.get_model("disclosure", "ReportSchedule")
    for report, kind, month, day, source in ROWS:
        schedule.objects.get_or_create(
            report=report, body_kind=kind, defaults={"month": month, "day": day, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
