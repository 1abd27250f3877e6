"""Run a `fazhi` command inside the test and see what a shell would: exit status, stdout, stderr.

Faster than a process and usable inside the test's transaction; `run_fazhi` in
`fazhi.core.testing.processes` is the real thing, for tests that need a separate process.
"""

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from unittest import mock

from django.core.management import ManagementUtility
from django.db import connections


@dataclass
class CommandResult:
    returncode: int
    stdout: str
    stderr: str


def call_fazhi(*args: str) -> CommandResult:
    """`fazhi ARGS` as from the command line (argument errors, messages and exit status included)."""
    argv = ["fazhi", *args]
    stdout, stderr = io.StringIO(), io.StringIO()
    # A command closes every connection when it ends; the test's transaction must survive that.
    with redirect_stdout(stdout), redirect_stderr(stderr), mock.patch.object(connections, "close_all"):
        try:
            ManagementUtility(argv).fetch_command(args[0]).run_from_argv(argv)
            returncode = 0
        except SystemExit as exc:
            returncode = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return CommandResult(returncode, stdout.getvalue(), stderr.getvalue())
