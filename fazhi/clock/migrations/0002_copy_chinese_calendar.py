"""Copy the pinned `chinese-calendar`'s State Council schedules into the holiday table.

A fresh install then knows every announced year; later years are entered by the office (or by
`fazhi workdays import` after upgrading the package), which recomputes open deadlines.
"""

from django.db import migrations


def copy(apps, schema_editor):
    from fazhi.clock.services import copy_chinese_calendar

    copy_chinese_calendar(apps.get_model("clock", "HolidayYear"), apps.get_model("clock", "HolidayDay"))


class Migration(migrations.Migration):
    dependencies = [("clock", "0001_initial")]

    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
