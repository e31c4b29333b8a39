"""Beyond one machine: one crawl split into tasks on the task queue and shared by two
`serviceguiden worker` processes — each URL fetched once, both workers reading pages, every
planted finding found. The processes share a SQLite database file, or, when the suite runs on
PostgreSQL (`DATABASE_URL`), a PostgreSQL database of their own (`<name>_workers`, made afresh),
where claims take row locks (`SELECT … FOR UPDATE SKIP LOCKED`)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path

from serviceguiden.checker.testsite import SiteServer

BIN = Path(sys.executable).parent
BUILD = """
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from serviceguiden.checker.testsite import build, registry_functions, registry_numbers
from serviceguiden.directory.editing import save_organisation
from serviceguiden.directory.models import Organisation
root = get_user_model().objects.filter(is_superuser=True).first()
save_organisation(Organisation(slug="testbolaget", name="Testbolaget i Göteborg", kind="company",
                               domains=["testbolaget.se"]), root)
site = build(sys.argv[1], sys.argv[2], registry_functions(), pages=int(sys.argv[3]),
             taken=registry_numbers())
print(json.dumps({"counts": site.rule_counts(), "urls": sorted(site.expected)}))
"""


def database(env: dict, tmp_path: Path):
    """A query function on the workers' database (a fresh PostgreSQL one when the suite runs
    on PostgreSQL, else a SQLite file)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        return lambda sql, args: (
            sqlite3.connect(tmp_path / "data" / "serviceguiden.sqlite3")
            .execute(sql.replace("%s", "?"), args)
            .fetchall()
        )
    import psycopg

    base, _, name = url.rpartition("/")
    workers = f"{name.split('?')[0]}_workers"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{workers}"')
        admin.execute(f'CREATE DATABASE "{workers}"')
    env["DATABASE_URL"] = f"{base}/{workers}"

    def query(sql, args):
        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute(sql, args).fetchall()

    return query


def run(env, *args, **kwargs):
    return subprocess.run([str(BIN / "serviceguiden"), *args], env=env, capture_output=True,
                          text=True, timeout=300, **kwargs)  # fmt: skip


def test_two_worker_processes_share_one_crawl_without_fetching_a_page_twice(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"SERVICEGUIDEN_DATA_DIR": str(tmp_path / "data"),
            "DJANGO_SETTINGS_MODULE": "serviceguiden.settings"}  # fmt: skip
    query = database(env, tmp_path)
    assert run(env, "manage", "migrate", "-v0").returncode == 0
    assert run(env, "loaddemo").returncode == 0
    root = tmp_path / "site"
    root.mkdir()
    with SiteServer(root) as server:
        built = subprocess.run([sys.executable, "-c", BUILD, str(root), server.base_url, "160"],
                               env=env, capture_output=True, text=True, check=True)  # fmt: skip
        site = json.loads(built.stdout)
        queued = run(env, "scan", server.base_url + "/", "--allow-private", "--queue",
                     "--tasks", "2")  # fmt: skip
        run_id = int(re.search(r"Scan run (\d+) queued", queued.stderr).group(1))
        workers = [
            subprocess.Popen(
                [
                    str(BIN / "serviceguiden"),
                    "worker",
                    "--batch",
                    "--interval",
                    "0",
                    "--no-startup-delay",
                ],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )  # fmt: skip
            for _ in range(2)
        ]
        for worker in workers:
            assert worker.wait(timeout=300) == 0, worker.stderr.read()[-2000:]
        requested = Counter(server.requests)
    robots = requested.pop("/robots.txt")
    assert robots <= 2  # each worker process reads robots.txt once
    assert max(requested.values()) == 1  # no page, document or sitemap fetched twice
    assert not [p for p in requested if p.startswith("/intern/")]
    fetched_by = dict(query(
        "SELECT fetched_by, COUNT(*) FROM checker_page WHERE run_id = %s AND kind != 'template' "
        "GROUP BY fetched_by", (run_id,)))  # fmt: skip
    assert len(fetched_by) == 2 and min(fetched_by.values()) > 5, fetched_by
    reported = run(env, "scan", "--report", str(run_id), "--format", "json")
    report = json.loads(reported.stdout)
    assert report["run"]["state"] == "done"
    pages = {p["url"] for p in report["pages"] if p["kind"] != "template"}
    assert pages == set(site["urls"])
    counts = Counter(f["rule"] for p in report["pages"] for f in p["findings"])
    assert counts == Counter(site["counts"])
