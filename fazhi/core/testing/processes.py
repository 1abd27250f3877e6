"""Real OS processes against the current test database, for what only concurrency can show.

Two sweeps or two writers in one process share a connection and cannot race; separate
processes, each with its own connection, race as production does. The processes connect to the
database the test is using (`connection.settings_dict`, so the SQLite file or the PostgreSQL test
database, xdist suffix included) and share its data directory.

Tests that use this are marked `multiprocess` and need `@pytest.mark.django_db(transaction=True)`:
the other processes see only what the test has committed, and the test must hold no lock while
they run.

    results = fazhi_in_parallel(["sweep", "--job", "notifications.email"], count=2)
    results = python_in_parallel("from fazhi.core import audit ...", count=3)

Parallel processes start Django first, then wait at a barrier and are released together, so the
interesting part overlaps even though start-up takes longer than the work. A snippet sees its
index as `WORKER` (0, 1, …).
"""

import contextlib
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db import connections

DEFAULT_TIMEOUT = 180.0

_BARRIER = """\
import os, pathlib, sys, time
import django
django.setup()
WORKER = int(os.environ["FAZHI_TEST_WORKER"])
_sync = pathlib.Path(os.environ["FAZHI_TEST_SYNC_DIR"])
(_sync / f"ready-{WORKER}").touch()
_deadline = time.monotonic() + 60
while not (_sync / "go").exists() and time.monotonic() < _deadline:
    time.sleep(0.002)
"""


@dataclass
class ProcessResult:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str

    def describe(self) -> str:
        return f"exit {self.returncode}\n--- stdout\n{self.stdout}\n--- stderr\n{self.stderr}"


def database_url(alias: str = "default") -> str:
    """A DATABASE_URL for the database `alias` is connected to now (in tests: the test database)."""
    config = connections[alias].settings_dict
    engine, name = config["ENGINE"], str(config["NAME"])
    if engine == "django.db.backends.sqlite3":
        if name == ":memory:" or "mode=memory" in name:
            raise RuntimeError("an in-memory SQLite database cannot be shared with another process")
        return f"sqlite:///{Path(name).resolve()}"
    if engine == "django.db.backends.postgresql":
        user, password = config.get("USER") or "", config.get("PASSWORD") or ""
        auth = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
        host = quote(config.get("HOST") or "", safe="")
        port = f":{config['PORT']}" if config.get("PORT") else ""
        options = {k: v for k, v in (config.get("OPTIONS") or {}).items() if isinstance(v, str | int)}
        query = f"?{urlencode(options)}" if options else ""
        return f"postgres://{auth}{'@' if auth else ''}{host}{port}/{quote(name, safe='')}{query}"
    raise RuntimeError(f"no DATABASE_URL for engine {engine}")


def process_env(extra: dict[str, str] | None = None, alias: str = "default") -> dict[str, str]:
    """The environment of a child process: this one's, pointed at the test database."""
    env = dict(os.environ)
    pythonpath = [str(settings.BASE_DIR), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "fazhi.settings",
            "DATABASE_URL": database_url(alias),
            "FAZHI_DATA_DIR": str(settings.DATA_DIR),
            # Given, not generated: several children must not race to create the key file.
            "FAZHI_SECRET_KEY": settings.SECRET_KEY,
            "PYTHONPATH": os.pathsep.join(pythonpath),
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def run_fazhi(*args: str, env: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT) -> ProcessResult:
    """`python -m fazhi ARGS` once, as cron or an operator would run it."""
    command = [sys.executable, "-m", "fazhi", *args]
    completed = subprocess.run(
        command,
        env=process_env(env),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    return ProcessResult(command, completed.returncode, completed.stdout, completed.stderr)


def fazhi_in_parallel(
    args: Sequence[str], count: int, *, env: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[ProcessResult]:
    """`fazhi ARGS` in `count` processes released together (the same as `python -m fazhi ARGS`)."""
    program = f"from fazhi.__main__ import main\nsys.argv = ['fazhi', *{list(args)!r}]\nmain()\n"
    return run_in_parallel([program] * count, env=env, timeout=timeout)


def python_in_parallel(
    code: str, count: int, *, env: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[ProcessResult]:
    """A Python snippet (Django set up, `WORKER` defined) in `count` processes released together."""
    return run_in_parallel([textwrap.dedent(code)] * count, env=env, timeout=timeout)


def run_in_parallel(
    programs: Sequence[str], *, env: dict[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT
) -> list[ProcessResult]:
    """Each program in its own process; all set up, then released at once; waits for every one."""
    with tempfile.TemporaryDirectory(prefix="fazhi-procs-") as workdir, contextlib.ExitStack() as stack:
        sync = Path(workdir)
        processes, outputs = [], []
        stack.callback(_kill_all, processes)
        for worker, program in enumerate(programs):
            stdout = stack.enter_context(open(sync / f"out-{worker}", "w+", encoding="utf-8"))
            stderr = stack.enter_context(open(sync / f"err-{worker}", "w+", encoding="utf-8"))
            outputs.append((stdout, stderr))
            child_env = process_env({**(env or {}), "FAZHI_TEST_WORKER": str(worker)})
            child_env["FAZHI_TEST_SYNC_DIR"] = str(sync)
            processes.append(
                subprocess.Popen(
                    [sys.executable, "-c", _BARRIER + program],
                    env=child_env,
                    cwd=settings.BASE_DIR,
                    stdout=stdout,
                    stderr=stderr,
                )
            )
        deadline = time.monotonic() + timeout
        _release_when_ready(sync, processes, deadline)
        try:
            for process in processes:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            _kill_all(processes)
            results = _collect(processes, outputs)
            raise AssertionError(f"processes still running after {timeout:.0f}s:\n{describe(results)}") from None
        return _collect(processes, outputs)


def describe(results: Sequence[ProcessResult]) -> str:
    """Every process's exit status and output, for an assertion message."""
    return "\n".join(f"=== process {worker}: {result.describe()}" for worker, result in enumerate(results))


def _release_when_ready(sync: Path, processes: list[subprocess.Popen], deadline: float) -> None:
    """Open the barrier once every process is set up (or has already died: no point waiting)."""
    while time.monotonic() < deadline:
        waiting = [
            worker
            for worker, process in enumerate(processes)
            if process.poll() is None and not (sync / f"ready-{worker}").exists()
        ]
        if not waiting:
            break
        time.sleep(0.01)
    (sync / "go").touch()


def _kill_all(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def _collect(processes: list[subprocess.Popen], outputs) -> list[ProcessResult]:
    results = []
    for process, (stdout, stderr) in zip(processes, outputs, strict=True):
        stdout.seek(0)
        stderr.seek(0)
        results.append(ProcessResult(list(process.args), process.returncode, stdout.read(), stderr.read()))
    return results
