"""What every Fazhi command promises cron, monitoring and the person at the terminal.

Exit 0 on success, 1 when what the command checks fails, 2 on bad input — always with a
Chinese message naming the problem on stderr, never a traceback (DESIGN §2, Errors), so that a
script can act on the status alone and a person can act on the message alone. `--traceback`
still shows the traceback for whoever is debugging.
"""

import argparse
import contextlib
import logging
import re
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser, handle_default_options
from django.core.management.base import SystemCheckError as DjangoSystemCheckError
from django.db import DatabaseError, connections
from django.utils.translation import gettext as _

from fazhi.core.errors import FazhiError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERRUPTED = 130


class CheckFailed(CommandError):
    """What the command checks does not hold (a broken chain, a failed job): exit 1."""

    def __init__(self, message: str):
        super().__init__(message, returncode=EXIT_FAILED)


class BadInput(CommandError):
    """The command was asked for something it cannot do as asked: exit 2."""

    def __init__(self, message: str):
        super().__init__(message, returncode=EXIT_BAD_INPUT)


# argparse speaks English; these are the messages a mistyped command line meets.
_ARGPARSE_MESSAGES = [
    (re.compile(r"^argument (?P<name>.+?): (?P<rest>.*)$", re.S), None),
    (re.compile(r"^invalid choice: (?P<value>.+?) \(choose from (?P<choices>.*)\)$"), "invalid_choice"),
    (re.compile(r"^unrecognized arguments: (?P<value>.*)$"), "unrecognized"),
    (re.compile(r"^the following arguments are required: (?P<value>.*)$"), "required"),
    (re.compile(r"^one of the arguments (?P<value>.*) is required$"), "one_required"),
    (re.compile(r"^expected (?:one|at most one|at least one|\d+) arguments?$"), "expected"),
    (re.compile(r"^invalid (?P<type>\S+) value: (?P<value>.*)$"), "invalid_value"),
    (re.compile(r"^ambiguous option: (?P<value>\S+) could match (?P<choices>.*)$"), "ambiguous"),
    (re.compile(r"^not allowed with argument (?P<value>.*)$"), "not_allowed"),
    (re.compile(r"^ignored explicit argument (?P<value>.*)$"), "ignored"),
]


def _argparse_template(key: str) -> str:
    return {
        "invalid_choice": _("无效的选项 %(value)s（可选：%(choices)s）"),
        "unrecognized": _("无法识别的参数：%(value)s"),
        "required": _("缺少必需的参数：%(value)s"),
        "one_required": _("须提供以下参数之一：%(value)s"),
        "expected": _("需要提供参数值"),
        "invalid_value": _("参数值无效：%(value)s"),
        "ambiguous": _("选项 %(value)s 有歧义，可能是：%(choices)s"),
        "not_allowed": _("不能与参数 %(value)s 同时使用"),
        "ignored": _("多余的参数值：%(value)s"),
    }[key]


def translate_argparse_message(message: str) -> str:
    """argparse's English error, said in Chinese (the original is kept when it is unfamiliar)."""
    for pattern, key in _ARGPARSE_MESSAGES:
        match = pattern.match(message)
        if match is None:
            continue
        if key is None:
            return _("参数 %(name)s：%(problem)s") % {
                "name": match["name"],
                "problem": translate_argparse_message(match["rest"]),
            }
        return _argparse_template(key) % match.groupdict()
    return message


class FazhiCommandParser(CommandParser):
    """Argument errors exit 2 with a Chinese message, from the command line and from call_command."""

    def error(self, message):
        problem = translate_argparse_message(message)
        if self.called_from_command_line:
            self.print_usage(sys.stderr)
            self.exit(EXIT_BAD_INPUT, _("%(prog)s：参数有误：%(problem)s\n") % {"prog": self.prog, "problem": problem})
        raise BadInput(_("参数有误：%(problem)s") % {"problem": problem})


def _use_fazhi_errors(parser: CommandParser) -> None:
    """Re-class a parser and its subcommands' parsers (built before we see them) as ours."""
    parser.__class__ = FazhiCommandParser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                _use_fazhi_errors(subparser)


class FazhiCommand(BaseCommand):
    """Base class for Fazhi's commands: raise `CheckFailed` or `BadInput`, never print-and-exit."""

    prog_name = "fazhi"

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Django builds a CommandParser with its own options; ours differs only in `error()`, so
        # the parsers are re-classed rather than Django's construction copied. The program is
        # always called `fazhi`, not `__main__.py`, whichever way it was started.
        parser = super().create_parser(self.prog_name, subcommand, **kwargs)
        _use_fazhi_errors(parser)
        return parser

    def execute(self, *args, **options):
        try:
            return super().execute(*args, **options)
        except FazhiError as exc:
            # A service's refusal is the caller's to fix: bad input, in the service's own words.
            raise BadInput(str(exc.detail)) from exc

    def run_from_argv(self, argv):
        """Django's run_from_argv, with every failure turned into a message and an exit status."""
        self._called_from_command_line = True
        parser = self.create_parser(argv[0], argv[1])
        options = parser.parse_args(argv[2:])
        cmd_options = vars(options)
        args = cmd_options.pop("args", ())
        handle_default_options(options)
        try:
            self.execute(*args, **cmd_options)
        except KeyboardInterrupt:
            self.stderr.write(_("已中断。"))
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:
            if options.traceback:
                raise
            status, message = self.describe_failure(exc)
            if isinstance(exc, DjangoSystemCheckError):
                self.stderr.write(message, lambda text: text)
            else:
                self.stderr.write(message)
            sys.exit(status)
        finally:
            with contextlib.suppress(Exception):  # nothing useful to say about a failed close
                connections.close_all()

    def describe_failure(self, exc: Exception) -> tuple[int, str]:
        if isinstance(exc, CommandError):
            return exc.returncode, str(exc)
        if isinstance(exc, DatabaseError):
            logger.debug("database error in a command", exc_info=True)
            return EXIT_FAILED, _("数据库出错：%(error)s") % {"error": str(exc).strip() or type(exc).__name__}
        logger.debug("unexpected error in a command", exc_info=True)
        return EXIT_FAILED, _("命令执行出错：%(type)s：%(error)s（加 --traceback 可查看详情）") % {
            "type": type(exc).__name__,
            "error": exc,
        }
