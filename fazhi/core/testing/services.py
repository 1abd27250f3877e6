"""Real services and long-running processes for tests of the production shape.

CI's PostgreSQL run has Redis and RabbitMQ up as well; there these tests must run (a skip fails
the run). On SQLite, or where a service is missing outside CI, they skip with the reason.

App servers and Celery workers are started against the test database (`processes.process_env`)
in their own process group, so that a test can kill one with everything it forked, and their
output goes to a log file that a failed assertion prints.
"""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.db import connection

from fazhi.core.testing.processes import process_env

BROKER_URL = os.environ.get("FAZHI_TEST_BROKER_URL", "amqp://guest:guest@127.0.0.1:5672//")
REDIS_URL = os.environ.get("FAZHI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def require(*, broker: bool = False, redis: bool = False) -> None:
    """Skip unless the test database is PostgreSQL and the named services answer."""
    if connection.vendor != "postgresql":
        pytest.skip("needs the PostgreSQL run (DATABASE_URL=postgres://…)")
    for wanted, name, url in ((broker, "RabbitMQ", BROKER_URL), (redis, "Redis", REDIS_URL)):
        if wanted and not reachable(url):
            pytest.skip(f"{name} does not answer at {url}")


def reachable(url: str) -> bool:
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname or "127.0.0.1", parts.port), timeout=2).close()
    except OSError:
        return False
    return True


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Background:
    """A process started by `start`, with its output in `log`."""

    name: str
    process: subprocess.Popen
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def kill(self) -> None:
        """SIGKILL to the whole group: the process and all it forked die at once, as in a crash."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


@contextlib.contextmanager
def launched() -> Iterator[list[Background]]:
    """A list for the processes `start` launches; every one is stopped when the block ends."""
    processes: list[Background] = []
    try:
        yield processes
    finally:
        for process in processes:
            process.stop()


def start(name: str, args: Sequence[str], *, env: dict[str, str], log_dir: Path, into: list[Background]) -> Background:
    """Start `python -m ARGS` against the test database in its own process group, kept in `into`."""
    log = log_dir / f"{name}.log"
    with open(log, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", *args],
            env=process_env(env),
            cwd=settings.BASE_DIR,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    into.append(Background(name, process, log))
    return into[-1]


def wait_until(
    condition: Callable[[], bool], *, timeout: float, what: str, processes: Sequence[Background] = ()
) -> None:
    """Poll `condition`; on timeout (or a process dying) fail with every process's output."""
    deadline = time.monotonic() + timeout
    while not condition():
        dead = [p for p in processes if p.process.poll() is not None]
        if dead or time.monotonic() > deadline:
            reason = f"{', '.join(p.name for p in dead)} exited" if dead else f"not within {timeout:.0f}s"
            raise AssertionError(f"waiting for {what}: {reason}\n{describe(processes)}")
        time.sleep(0.05)


def describe(processes: Sequence[Background]) -> str:
    return "\n".join(f"=== {p.name} (exit {p.process.poll()}):\n{p.output()[-6000:]}" for p in processes)
