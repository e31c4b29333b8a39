"""The `serviceguiden` console script: the product's verbs.

`check` runs the policy engine without Django (fast start, no database). Every other verb is a
Django management command living in the product app that owns its data, found when the
script runs: a command added to an app is a verb, with the first sentence of its help as its
line in `serviceguiden --help`. Django's own commands (migrate, shell, dbshell …) stay
available as `serviceguiden manage COMMAND`.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
import textwrap
from pathlib import Path

PROG = "serviceguiden"
PRODUCT = "serviceguiden."  # apps whose commands are the product's verbs
MANAGE = "manage"
HELP_FLAGS = ("-h", "--help")


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in HELP_FLAGS or args == ["help"]:
        sys.stdout.write(usage())
        return 0
    verb, rest = args[0], args[1:]
    if verb == "help":  # `serviceguiden help import` = `serviceguiden import --help`
        verb, rest = rest[0], ["--help"]
    if verb == "check":
        from serviceguiden.policy.cli import main as check_main

        return check_main(rest)
    _setup_django()
    from django.core.management import execute_from_command_line

    if verb == MANAGE:
        execute_from_command_line([f"{PROG} {MANAGE}", *(rest or ["help"])])
        return 0
    if verb not in product_verbs():
        sys.stderr.write(unknown_verb(verb))
        return 2
    execute_from_command_line([PROG, verb, *rest])
    return 0


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    import django

    django.setup()


def product_verbs() -> dict[str, str]:
    """Verb → its one-line summary: `check`, and every management command of the product's
    own apps (Django must be set up)."""
    from django.apps import apps
    from django.core.management import find_commands, load_command_class

    verbs = {"check": _check_summary()}
    for app in apps.get_app_configs():
        if not app.name.startswith(PRODUCT):
            continue
        for name in find_commands(str(Path(app.path) / "management")):
            verbs[name] = first_sentence(load_command_class(app.name, name).help)
    return dict(sorted(verbs.items()))


def _check_summary() -> str:
    from serviceguiden.policy.cli import build_parser

    return first_sentence(build_parser().description or "")


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def usage() -> str:
    _setup_django()
    verbs = product_verbs()
    verbs[MANAGE] = (
        f"Django's own commands (migrate, shell, dbshell …): `{PROG} {MANAGE} help` lists them."
    )
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    column = max(map(len, verbs)) + 4
    lines = [
        f"usage: {PROG} VERB [OPTIONS]",
        "",
        "Serviceguiden: one registry of a city's public contact details, shown the same way on",
        "every channel.",
        "",
        "Verbs:",
    ]
    for verb, summary in verbs.items():
        wrapped = textwrap.wrap(summary, width - column) or [""]
        lines.append(f"  {verb:<{column - 2}}{wrapped[0]}")
        lines += [" " * column + more for more in wrapped[1:]]
    lines += ["", f"`{PROG} VERB --help` (or `{PROG} help VERB`) explains a verb and its options."]
    return "\n".join(lines) + "\n"


def unknown_verb(verb: str) -> str:
    from django.core.management import get_commands

    if verb in get_commands():
        return (
            f"{PROG}: '{verb}' is one of Django's own commands; run it as "
            f"`{PROG} {MANAGE} {verb}`.\n"
        )
    close = difflib.get_close_matches(verb, [*product_verbs(), MANAGE], n=1)
    hint = f" Did you mean `{PROG} {close[0]}`?" if close else ""
    return f"{PROG}: no verb '{verb}'.{hint} `{PROG} --help` lists the verbs.\n"


if __name__ == "__main__":
    sys.exit(main())
