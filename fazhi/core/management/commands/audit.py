"""`fazhi audit verify` proves the audit chain unbroken; `fazhi audit anchor` prints its head.

The anchor line is meant to be kept outside the database (a signed log, a letter, another
system): `verify --anchor` then also catches events cut off the end of the chain, which no
chain can reveal about itself.
"""

import json
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from fazhi.core import audit
from fazhi.core.management.base import BadInput, CheckFailed, FazhiCommand

_ANCHOR = re.compile(r"^\s*sequence=(?P<sequence>\d+)\s+(?P<algorithm>[a-z0-9_-]+)=(?P<digest>[0-9a-f]*)\s*$")


def parse_anchor(text: str) -> tuple[int, str, str]:
    match = _ANCHOR.match(text or "")
    if match is None:
        raise BadInput(
            _("锚点格式有误：%(text)r，应为 `fazhi audit anchor` 输出的一行，如 sequence=123 sm3=ab12…")
            % {"text": text}
        )
    return int(match["sequence"]), match["algorithm"], match["digest"]


def anchor_line(sequence: int, algorithm: str, digest: str) -> str:
    return f"sequence={sequence} {algorithm}={digest}"


class Command(FazhiCommand):
    help = _("审计链：verify 校验整条链并指出第一个断点；anchor 输出链头序号与摘要，供链外留存。")

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="{verify,anchor}", title=_("子命令"))
        verify = actions.add_parser("verify", help=_("逐条校验审计链，链条断开时以状态 1 退出"))
        verify.add_argument("--json", action="store_true", help=_("以 JSON 输出结果"))
        verify.add_argument(
            "--anchor",
            metavar="LINE",
            help=_("同时核对先前留存的锚点（`fazhi audit anchor` 的输出），可发现链尾被删的事件"),
        )
        anchor = actions.add_parser("anchor", help=_("输出链头的序号与摘要"))
        anchor.add_argument("--json", action="store_true", help=_("以 JSON 输出结果"))

    def handle(self, *args, action: str, **options):
        if action == "verify":
            self.verify(as_json=options["json"], anchor=options.get("anchor"))
        else:
            self.anchor(as_json=options["json"])

    def verify(self, *, as_json: bool, anchor: str | None) -> None:
        expected = parse_anchor(anchor) if anchor is not None else None
        result = audit.verify()
        problem = ""
        if not result.ok:
            problem = _("审计链在序号 %(sequence)d 处断开：%(reason)s") % {
                "sequence": result.broken_sequence,
                "reason": result.reason,
            }
        elif expected is not None:
            mismatch = audit.check_anchor(*expected)
            if mismatch:
                problem = _("审计链与锚点不符：%(reason)s") % {"reason": mismatch}
        head_line = anchor_line(result.head_sequence, result.head_algorithm, result.head_hash)
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "ok": not problem,
                        "checked": result.checked,
                        "pending": result.pending,
                        "head": (
                            {
                                "sequence": result.head_sequence,
                                "algorithm": result.head_algorithm,
                                "hash": result.head_hash,
                                "line": head_line,
                            }
                            if result.ok
                            else None
                        ),
                        "broken": (
                            {"sequence": result.broken_sequence, "reason": result.reason} if not result.ok else None
                        ),
                        "anchor": (
                            None
                            if expected is None
                            else {"line": anchor_line(*expected), "ok": result.ok and not problem}
                        ),
                        "problem": problem,
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(_("已校验 %(count)d 个审计事件。") % {"count": result.checked})
            if result.ok:
                self.stdout.write(_("链头：%(line)s") % {"line": head_line})
            if result.pending:
                self.stdout.write(
                    self.style.WARNING(
                        _("另有 %(count)d 个事件尚未入链，将由下一次提交或 audit.chain 任务补链。")
                        % {"count": result.pending}
                    )
                )
        if problem:
            raise CheckFailed(problem)
        if not as_json:
            self.stdout.write(self.style.SUCCESS(_("审计链完整。")))

    def anchor(self, *, as_json: bool) -> None:
        head = audit.head_event()
        sequence, algorithm, digest = (head.sequence, head.algorithm, head.hash) if head else (0, audit.ALGORITHM, "")
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "sequence": sequence,
                        "algorithm": algorithm,
                        "hash": digest,
                        "occurred_at": head.occurred_at.isoformat() if head else None,
                        "anchored_at": timezone.now().isoformat(),
                        "line": anchor_line(sequence, algorithm, digest),
                    },
                    ensure_ascii=False,
                )
            )
        else:
            self.stdout.write(anchor_line(sequence, algorithm, digest))
