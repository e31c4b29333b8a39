"""The `serviceguiden` console script.

`check` runs the policy engine without Django (fast start, no database). Every other
verb is a Django management command living in the app that owns its data.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] == "check":
        from serviceguiden.policy.cli import main as check_main

        return check_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["serviceguiden", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
