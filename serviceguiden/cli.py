"""The `serviceguiden` console script: the product's verbs.

`check` runs the policy engine without Django (fast start, no database). Every other verb is a
Django management command living in the product app that owns its data, found when the
script runs: a command added to an app is a verb. Its line in `serviceguiden --help` is the
command's `summary` (one line that fits 80 columns beside the verb), else the first sentence
of its help, shortened to fit. Django's own commands (migrate, shell, dbshell …) stay
available as `serviceguiden manage COMMAND`.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path

PROG = "serviceguiden"
WIDTH = 80  # the listing's width when the output is no terminal, and at most 100
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

    from serviceguiden.policy.cli import SUMMARY

    verbs = {"check": SUMMARY}
    for app in apps.get_app_configs():
        if not app.name.startswith(PRODUCT):
            continue
        for name in find_commands(str(Path(app.path) / "management")):
            command = load_command_class(app.name, name)
            verbs[name] = getattr(command, "summary", "") or first_sentence(command.help)
    return dict(sorted(verbs.items()))


def first_sentence(text: str) -> str:
    text = " ".join(text.split())
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def usage(width: int | None = None) -> str:
    """The listing: one line per verb, as wide as the terminal (at most 100 columns; 80 when
    the output is no terminal). A summary too long for its line is shortened at a word, with
    `…`; `VERB --help` has the whole text."""
    _setup_django()
    verbs = product_verbs()
    verbs[MANAGE] = f"Django's own commands: `{PROG} {MANAGE} help` lists them"
    width = width or min(shutil.get_terminal_size((WIDTH, 24)).columns, 100)
    column = max(map(len, verbs)) + 4
    room = max(width - column, 30)
    lines = [f"usage: {PROG} VERB [OPTIONS]", ""]
    lines += textwrap.wrap(
        "Serviceguiden: one registry of a city's public contact details, shown the same way "
        "on every channel.",
        width,
    )
    lines += ["", "Verbs:"]
    for verb, summary in verbs.items():
        lines.append(f"  {verb:<{column - 2}}{fitted(summary, room)}")
    lines.append("")
    lines += textwrap.wrap(
        f"`{PROG} VERB --help` (or `{PROG} help VERB`) explains a verb and its options.", width
    )
    return "\n".join(lines) + "\n"


def fitted(summary: str, room: int) -> str:
    """`summary` in at most `room` characters: as it is, else without what it says in
    parentheses, else cut at a word with `…`."""
    summary = summary.rstrip(".")
    if len(summary) > room:
        summary = re.sub(r"\s*\([^)]*\)", "", summary)
    return textwrap.shorten(summary, room, placeholder=" …")


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
