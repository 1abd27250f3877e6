"""The `fazhi` console script: Django's manage.py under the platform's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line

    from fazhi.env import ConfigurationError

    try:
        execute_from_command_line(sys.argv)
    except ConfigurationError as exc:
        sys.stderr.write(f"配置错误：{exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
