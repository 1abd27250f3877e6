"""The `fazhi` console script: Django's manage.py under the platform's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")
    from django.core.management import execute_from_command_line, get_commands

    from fazhi.env import ConfigurationError

    try:
        if len(sys.argv) > 1 and not sys.argv[1].startswith("-") and sys.argv[1] != "help":
            import django

            django.setup()
            if sys.argv[1] not in get_commands():
                sys.stderr.write(f"未知命令：{sys.argv[1]}。运行 `fazhi help` 查看全部命令。\n")
                sys.exit(2)
        execute_from_command_line(sys.argv)
    except ConfigurationError as exc:
        sys.stderr.write(f"配置错误：{exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()
