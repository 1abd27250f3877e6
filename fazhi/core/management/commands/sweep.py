"""`fazhi sweep` runs the scheduled jobs, for cron in the embedded install.

Safe to start while another sweep runs: every job claims its work with a conditional update.
A failed job does not stop the others; the sweep exits 1 once all have run.
"""

from django.utils.translation import gettext as _

from fazhi.core import jobs
from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand


class Command(FazhiCommand):
    help = _("运行已登记的定时任务（默认全部），每次运行记入定时任务记录。")

    def add_arguments(self, parser):
        parser.add_argument(
            "--job",
            action="append",
            dest="job_names",
            metavar="NAME",
            default=[],
            help=_("只运行该任务，可重复给出"),
        )
        parser.add_argument("--list", action="store_true", dest="list_jobs", help=_("列出已登记的任务"))

    def handle(self, *args, job_names: list[str], list_jobs: bool, **options):
        if list_jobs:
            for name in sorted(jobs.REGISTRY):
                self.stdout.write(f"{name}\t{jobs.REGISTRY[name].label}")
            return
        names = list(dict.fromkeys(job_names))
        unknown = [name for name in names if name not in jobs.REGISTRY]
        if unknown:
            raise BadInput(
                _("未知的任务：%(unknown)s。已登记的任务：%(known)s")
                % {"unknown": "、".join(unknown), "known": "、".join(sorted(jobs.REGISTRY)) or _("（无）")}
            )
        records = jobs.run(names or None)
        for record in records:
            label = jobs.REGISTRY[record.job].label
            seconds = (record.finished_at - record.started_at).total_seconds()
            if record.succeeded:
                if options["verbosity"] >= 1:
                    self.stdout.write(
                        _("%(job)s（%(label)s）：完成，处理 %(items)d 条，用时 %(seconds).1f 秒")
                        % {"job": record.job, "label": label, "items": record.items, "seconds": seconds}
                    )
            else:
                self.stderr.write(
                    _("%(job)s（%(label)s）：失败——%(message)s")
                    % {"job": record.job, "label": label, "message": record.message}
                )
        failed = [record.job for record in records if not record.succeeded]
        if failed:
            raise CheckFailed(_("%(count)d 个任务失败：%(jobs)s") % {"count": len(failed), "jobs": "、".join(failed)})
