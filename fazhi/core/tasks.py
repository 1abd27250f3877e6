"""The core's scheduled jobs."""

from fazhi.core import audit
from fazhi.core.jobs import job


@job("audit.chain", "补链审计事件")
def chain_audit_events(runner: str) -> int:
    """Chain events whose commit-time chaining was interrupted (a process died in between)."""
    return audit.chain_pending()
