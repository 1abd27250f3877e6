"""Strict parsing of settings from environment variables.

A bad value stops start-up with a message that names the variable, instead of a
default silently taking over (the pattern of healthchecks' hc/settings.py).
"""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


class ConfigurationError(ImproperlyConfigured):
    pass


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(f"环境变量 {name} 应为 true/false（或 1/0），实际为 {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(f"环境变量 {name} 应为整数，实际为 {raw!r}") from None
    if minimum is not None and value < minimum:
        raise ConfigurationError(f"环境变量 {name} 不得小于 {minimum}，实际为 {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_rate(name: str, default: str) -> tuple[int, int]:
    """A rate such as `10/h` as (count, seconds)."""
    raw = os.environ.get(name, default).strip()
    periods = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    count, _, period = raw.partition("/")
    try:
        return int(count), periods[period]
    except (ValueError, KeyError):
        raise ConfigurationError(
            f"环境变量 {name} 应为“次数/周期”格式，周期为 s、m、h 或 d（如 10/h），实际为 {raw!r}"
        ) from None


def env_path(name: str, default: Path) -> Path:
    raw = os.environ.get(name)
    return Path(raw).expanduser().resolve() if raw else default
