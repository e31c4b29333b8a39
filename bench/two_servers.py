"""Two servers, one truth: two `serviceguiden serve` processes (each with its own data
directory, standing in for two machines that share no disk) on one PostgreSQL database. A
phone number is saved through the editor of one server, and the bench measures the time from
sending the save until *both* servers serve the new number in the function's published JSON;
then the same through the other server. With `--topics N`, N more topics are added to the demo
registry (each routed to a demo function, the contact center answering first) and the number
changed is the contact center's, watched in the last of those topics on both servers.

    .venv/bin/python bench/two_servers.py --runs 20
    .venv/bin/python bench/two_servers.py --runs 10 --topics 1600
    .venv/bin/python bench/two_servers.py --database-url postgres://postgres@127.0.0.1:5432/postgres

A fresh database is created next to the one named by --database-url (or DATABASE_URL, or the
local `postgres`) and dropped at the end. Target (issue 13): p95 ≤ 1 s with 1,600 topics is for
`publish_propagation.py`; here the demo registry is used, and the figure is the commit → every
server serves the new bytes time.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fault_bench import FUNCTIONS, SERVICEGUIDEN, Editor, free_port, start_server  # noqa: E402

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEMO_ADMIN = "demo"  # serviceguiden.directory.demo.loader.DEMO_ADMIN
CENTER = "kontaktcenter"  # the demo's contact center function
SAVED: list[float] = []  # seconds each save request took (its answer: the commit is behind it)


@contextmanager
def fresh_database(url: str):
    """A new, empty PostgreSQL database on the server of `url`; dropped afterwards."""
    import psycopg

    base, _, _ = url.rpartition("/")
    name = f"sg_two_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


SEED = """
import django, sys
django.setup()
from serviceguiden.directory.models import Function, Status, Topic
count = int(sys.argv[1])
functions = list(Function.objects.filter(status=Status.PUBLISHED, is_contact_center=False)
                 .select_related("organisation").order_by("slug"))
Topic.objects.bulk_create([
    Topic(organisation=functions[n % len(functions)].organisation, slug=f"bench-arende-{n:04d}",
          name=f"Bench-ärende {n}", function=functions[n % len(functions)],
          contact_center_first=True)
    for n in range(count)
], batch_size=500)
"""


def seed_topics(env: dict, count: int) -> None:
    """`count` more topics in the registry (bench data, written in one go: the servers'
    start publishes them)."""
    subprocess.run([sys.executable, "-c", SEED, str(count)], env=env, check=True)


@contextmanager
def two_servers(database_url: str, topics: int = 0):
    """Servers A and B on `database_url`: yields their base URLs, their environments and the
    demo admin's password."""
    site = "http://serviceguiden.example"  # the same public address for both
    envs, processes = [], []
    for name in ("a", "b"):
        data_dir = Path(tempfile.mkdtemp(prefix=f"sg-two-{name}-"))
        envs.append({
            **os.environ, "DATABASE_URL": database_url, "SERVICEGUIDEN_DATA_DIR": str(data_dir),
            "SITE_URL": site, "DJANGO_SETTINGS_MODULE": "serviceguiden.settings",
        })  # fmt: skip
    try:
        # A loads the demo registry; then both start (B's start publishes onto its empty disk)
        subprocess.run([str(SERVICEGUIDEN), "serve", "--prepare-only"], env=envs[0], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        password = (Path(envs[0]["SERVICEGUIDEN_DATA_DIR"]) / "demo-login.txt").read_text()
        if topics:
            seed_topics(envs[0], topics)
        ports = [free_port(), free_port()]
        for env, port in zip(envs, ports, strict=True):
            processes.append(start_server(env, port))
        yield [f"http://127.0.0.1:{port}" for port in ports], envs, password.strip()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def served_number(base: str, slug: str, folder: str = "functions") -> str:
    with urllib.request.urlopen(f"{base}/api/v1/{folder}/{slug}", timeout=5) as response:
        card = json.loads(response.read())
    return json.dumps(card, ensure_ascii=False)


def propagate(editor: Editor, bases: list[str], slug: str, number: str, limit: float = 30.0,
              watch: tuple[str, str] | None = None):  # fmt: skip
    """Save `number` through `editor`; seconds until every server in `bases` serves it in
    `watch` (folder, slug; by default the function's own JSON) (the clock starts before the
    save request is sent)."""
    folder, watched = watch or ("functions", slug)
    started = time.perf_counter()
    if not editor.save_phone(slug, number):
        raise RuntimeError(f"the editor did not save {slug}")
    SAVED.append(time.perf_counter() - started)
    waiting = set(bases)
    while waiting:
        if time.perf_counter() - started > limit:
            raise RuntimeError(f"{sorted(waiting)} did not serve {number} within {limit} s")
        waiting = {
            base for base in waiting if number not in served_number(base, watched, folder)
        }
        if waiting:
            time.sleep(0.005)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--topics", type=int, default=0,
                        help="add this many topics and change the contact center's number")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("two servers share a PostgreSQL database: give --database-url postgres://…")

    seconds: dict[str, list[float]] = {"through A": [], "through B": []}
    with (
        fresh_database(args.database_url) as url,
        two_servers(url, args.topics) as (bases, _envs, password),
    ):
        editors = []
        for base in bases:
            editor = Editor(base)
            editor.sign_in(DEMO_ADMIN, password)
            editors.append(editor)
        for run in range(args.runs):
            for index, label in enumerate(seconds):
                number = f"031-369 {run % 100:02d} {10 + index:02d}"
                if args.topics:  # the contact center, shown in every added topic
                    watch = ("topics", f"bench-arende-{args.topics - 1:04d}")
                    seconds[label].append(
                        propagate(editors[index], bases, CENTER, number, 60.0, watch)
                    )
                    continue
                slug = FUNCTIONS[run % len(FUNCTIONS)]
                seconds[label].append(propagate(editors[index], bases, slug, number))
    report = {}
    for label, values in seconds.items():
        ordered = sorted(values)
        report[label] = {
            "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1),
        }
    report["save_request_p50_ms"] = round(statistics.median(SAVED) * 1000, 1)
    report["runs"] = args.runs
    report["topics_added"] = args.topics
    report["load_average_1m"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"Two servers on one PostgreSQL database, {args.runs} saves through each: from "
              f"sending the save to both servers serving the new number")  # fmt: skip
        for label in seconds:
            r = report[label]
            print(f"  {label}: p50 {r['p50_ms']} ms, p95 {r['p95_ms']} ms, max {r['max_ms']} ms")
        print(f"  of which the save request itself (page + form post): p50 "
              f"{report['save_request_p50_ms']} ms; load average {report['load_average_1m']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
