"""`fazhi decisions list|step|dossier`: major decisions from the command line, through the same services.

`step ID STEP --user NAME [--set FIELD=VALUE]…` runs one step of the procedure as that user; the
workflow refuses it exactly as on a page or through the API (a decision is never made without a
passed legality review, whatever the path). `dossier ID --user NAME --output FILE` writes the
archive (条例第三十三条). Exit 0 on success, 2 when the step is refused or the input is wrong.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from fazhi.core.management.base import BadInput, FazhiCommand
from fazhi.core.models import User
from fazhi.decisions import dossier, services
from fazhi.decisions.choices import DecisionStatus
from fazhi.decisions.models import Decision

STEPS = {
    "submit_review": lambda decision, user, fields: services.submit_review(decision, actor=user, **fields),
    "conclude_review": lambda decision, user, fields: services.conclude_review(decision, actor=user, **fields),
    "decide": lambda decision, user, fields: services.record_head_decision(decision, actor=user, **fields),
    "report_party": lambda decision, user, fields: services.report_to_party(decision, actor=user, **fields),
    "publish": lambda decision, user, fields: services.publish(decision, actor=user, **fields),
    "suspend": lambda decision, user, fields: services.suspend(decision, actor=user, **fields),
    "resume": lambda decision, user, fields: services.resume(decision, actor=user, **fields),
    "withdraw": lambda decision, user, fields: services.withdraw(decision, actor=user, **fields),
}


class Command(FazhiCommand):
    help = _("重大行政决策：list 列出决策，step 办理一个程序步骤，dossier 导出决策档案。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{list,step,dossier}", title=_("子命令"))
        listing = actions.add_parser("list", help=_("列出重大行政决策"))
        listing.add_argument("--status", choices=DecisionStatus.values, help=_("只列出该状态的决策"))
        step = actions.add_parser("step", help=_("以指定用户身份办理一个程序步骤"))
        step.add_argument("decision", type=int, metavar="ID")
        step.add_argument("step", choices=sorted(STEPS), metavar="STEP", help="、".join(sorted(STEPS)))
        step.add_argument("--user", required=True, help=_("办理人用户名"))
        step.add_argument("--set", action="append", default=[], metavar="FIELD=VALUE", help=_("步骤需要的内容；可重复"))
        archive = actions.add_parser("dossier", help=_("导出决策档案（ZIP，含 PDF 目录）"))
        archive.add_argument("decision", type=int, metavar="ID")
        archive.add_argument("--user", required=True, help=_("导出人用户名"))
        archive.add_argument("--output", type=Path, required=True, metavar="FILE")

    def handle(self, *args, action: str, **options):
        if action == "list":
            decisions = Decision.objects.select_related("deciding_body").order_by("pk")
            if options["status"]:
                decisions = decisions.filter(status=options["status"])
            for decision in decisions:
                self.stdout.write(
                    f"{decision.pk}\t{decision.get_status_display()}\t{decision.deciding_body.name}\t{decision.title}"
                )
            return
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise BadInput(_("找不到用户：%(name)s") % {"name": options["user"]})
        decision = Decision.objects.restrict(user).filter(pk=options["decision"]).first()
        if decision is None:
            raise BadInput(_("找不到编号为 %(pk)s 的重大行政决策。") % {"pk": options["decision"]})
        if action == "dossier":
            name, content = dossier.build(decision, actor=user)
            options["output"].write_bytes(content)
            self.stdout.write(_("已导出 %(name)s 到 %(path)s") % {"name": name, "path": options["output"]})
            return
        fields = {}
        for item in options["set"]:
            field, separator, value = item.partition("=")
            if not separator or not field.strip():
                raise BadInput(_("--set 应为 FIELD=VALUE：%(item)s") % {"item": item})
            fields[field.strip()] = value
        decision = STEPS[options["step"]](decision, user, fields)
        self.stdout.write(
            _("%(title)s：%(status)s") % {"title": decision.title, "status": decision.get_status_display()}
        )
