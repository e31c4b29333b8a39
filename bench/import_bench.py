"""Benchmark of moving in from a spreadsheet: a 1,000-row export (XLSX and its CSV twin, from
`serviceguiden.directory.spreadsheet.sample`) imported into the demo registry as a global admin.

Timed, in a fresh database (SQLite in a temporary data directory, or DATABASE_URL's, which
must then be empty: `dropdb` and `createdb` it first):
reading the XLSX, the dry run, applying it (one transaction, publishing included), importing
the same XLSX again, and the CSV twin after it.

    .venv/bin/python bench/import_bench.py            # report
    .venv/bin/python bench/import_bench.py --rows 200 # a smaller file
    .venv/bin/python bench/import_bench.py --json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def prepare() -> None:
    os.environ["SERVICEGUIDEN_DATA_DIR"] = tempfile.mkdtemp(prefix="sg-import-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    import serviceguiden.directory.demo.loader as loader

    call_command("migrate", verbosity=0)
    loader.make_password = lambda _raw: make_password(None)  # no slow hashing for a bench
    report = loader.load_demo()
    if not report.ok:
        raise SystemExit("the demo registry did not load")


def timed(call):
    started = time.perf_counter()
    result = call()
    return result, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    prepare()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from serviceguiden.directory.demo.loader import DEMO_ADMIN
    from serviceguiden.directory.spreadsheet import columns, mappings, sample
    from serviceguiden.directory.spreadsheet.importer import import_spreadsheet
    from serviceguiden.directory.spreadsheet.read import read_table

    folder = Path(tempfile.mkdtemp(prefix="sg-import-files-"))
    made = sample.write_xlsx(folder / "kontakter.xlsx", args.rows)
    sample.write_csv(folder / "kontakter.csv", args.rows)
    user = get_user_model().objects.get(username=DEMO_ADMIN)

    def read(name):
        path = folder / name
        return read_table(path.read_bytes(), name, columns.recognised)

    def run(table, apply):
        return import_spreadsheet(table, mappings.detected(table), user, apply=apply)

    table, read_s = timed(lambda: read("kontakter.xlsx"))
    steps = {}
    for step, name, apply in (
        ("dry run", "kontakter.xlsx", False),
        ("apply", "kontakter.xlsx", True),
        ("again (XLSX)", "kontakter.xlsx", True),
        ("again (CSV)", "kontakter.csv", True),
    ):
        report, seconds = timed(lambda name=name, apply=apply: run(read(name), apply))
        steps[step] = {"seconds": round(seconds, 2), **report.counts,
                       "persons_left_out": report.left_out}  # fmt: skip
    result = {
        "database": connection.vendor,
        "rows": len(table.rows),
        "spoiled_rows": len(made.bad_rows),
        "read_xlsx_s": round(read_s, 2),
        "steps": steps,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"Import of a {result['rows']}-row export into the demo registry ({connection.vendor}); "
          f"reading the XLSX: {result['read_xlsx_s']} s")  # fmt: skip
    for step, figures in steps.items():
        print(
            f"  {step:14} {figures['seconds']:6.2f} s  created {figures['create']:4}  "
            f"changed {figures['change']:3}  unchanged {figures['unchanged']:4}  "
            f"refused {figures['refuse']:3}  person cells left out {figures['persons_left_out']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
