"""Building yearly reports for tests, the URL-scoping walk and the demo: through the services, so
every gate is met."""

from fazhi.core.models import Membership
from fazhi.reports import services
from fazhi.reports.models import ReportDelivery, YearlyReport

TEXTS = {
    "achievements": "全面梳理权责清单，规范性文件全部经合法性审查，行政执法“三项制度”全面落实。",
    "shortcomings": "基层执法人员法律素养参差不齐，部分执法案卷制作不够规范。原因是培训覆盖不足。",
    "head_duty": "主要负责人主持召开党组会议专题研究法治政府建设，带头学法并出庭应诉。",
    "next_year": "完善重大行政决策程序，开展执法案卷评查，加强法治培训。",
}


def written(body, clerk, *, year, **texts) -> YearlyReport:
    """A draft for `year` with every required part written (`texts` override the defaults)."""
    report = services.generate(actor=clerk, body=body.pk, year=year)
    return services.edit(report, actor=clerk, **{**TEXTS, **texts})


def approved(body, clerk, head, *, year, **texts) -> YearlyReport:
    report = written(body, clerk, year=year, **texts)
    services.submit(report, actor=clerk)
    return services.approve(report, actor=head)


def sent(body, clerk, head, *, year, sent_on, means="exchange", publish=False, **texts) -> YearlyReport:
    report = services.send(approved(body, clerk, head, year=year, **texts), actor=clerk, sent_on=sent_on, means=means)
    return services.publish(report, actor=clerk) if publish else report


def make_canaries(body, markers) -> dict:
    """A draft report of `body` carrying the markers (for the URL-scoping walk)."""
    from django.utils import timezone

    clerk = Membership.objects.filter(body=body, role="clerk").select_related("user").first().user
    report = written(
        body,
        clerk,
        year=timezone.localdate().year,
        achievements=markers["content"],
        shortcomings=markers["subject"],
        head_duty=markers["member"],
    )
    return {"yearly_report": report.pk}


def state() -> dict:
    """What an intruder must not change."""
    return {
        "yearly_reports": list(
            YearlyReport.objects.order_by("pk").values_list(
                "pk", "status", "achievements", "figures_as_of", "sent_on", "published_on"
            )
        ),
        "report_deliveries": list(ReportDelivery.objects.order_by("pk").values_list("pk", flat=True)),
    }
