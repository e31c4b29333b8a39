"""Scan benchmark: the generated municipal site (serviceguiden.checker.testsite) served on
127.0.0.1, read by `serviceguiden scan` and, for comparison, fetched by a plain client that
does nothing with the pages.

    .venv/bin/python bench/scan_bench.py                 # ~5,000 pages and documents
    .venv/bin/python bench/scan_bench.py --articles 400  # a quick run
    .venv/bin/python bench/scan_bench.py --json

It makes its own data directory (SQLite) with the demo registry, writes the site, then runs:

1. a plain fetch of every page and document (httpx, the same number of connections);
2. `serviceguiden scan URL --allow-private` in one process;
3. the same crawl split into tasks (`scan --queue --tasks 2`) and run by two
   `serviceguiden worker` processes (the two cores);

and reports wall time, pages per second, the ratio to the plain fetch, peak RSS of each
process, and whether the findings equal what the site planted (exact counts by rule).
Targets (issue 11): 5,000 pages in ≤ 60 s on 2 cores; memory bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BUILD = """
import json, sys, django
django.setup()
from django.contrib.auth import get_user_model
from serviceguiden.checker.testsite import build, registry_functions, registry_numbers
from serviceguiden.directory.editing import save_organisation
from serviceguiden.directory.models import Organisation
root = get_user_model().objects.filter(is_superuser=True).first()
save_organisation(Organisation(slug="testbolaget", name="Testbolaget i Göteborg",
                               kind="company", domains=["testbolaget.se"]), root)
site = build(sys.argv[1], sys.argv[2], registry_functions(), pages=int(sys.argv[3]),
             taken=registry_numbers())
print(json.dumps({"counts": site.rule_counts(), "urls": sorted(site.expected),
                  "readable": site.readable}))
"""


def sh(env, *args, check=True) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "serviceguiden"), *args], env=env, capture_output=True,
                          text=True, check=check)  # fmt: skip


def timed(commands: list[list[str]], env) -> tuple[float, list[int]]:
    """Run commands side by side; wall seconds and each one's peak RSS in MB."""
    started = time.perf_counter()
    processes = [subprocess.Popen(c, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL) for c in commands]  # fmt: skip
    peaks = []
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(commands[0])} failed ({process.returncode})")
        peaks.append(round(usage.ru_maxrss / 1024))
    return time.perf_counter() - started, peaks


def plain_fetch(urls: list[str], connections: int) -> float:
    import httpx

    started = time.perf_counter()
    with httpx.Client(limits=httpx.Limits(max_connections=connections)) as client:  # noqa: SIM117
        with ThreadPoolExecutor(connections) as pool:
            for answer in pool.map(client.get, urls):
                answer.raise_for_status()
    return time.perf_counter() - started


def check(env, run_id: int, site: dict) -> dict:
    answer = sh(env, "scan", "--report", str(run_id), "--format", "json", check=False)
    report = json.loads(answer.stdout)
    counts = Counter(f["rule"] for p in report["pages"] for f in p["findings"])
    pages = {p["url"] for p in report["pages"] if p["kind"] != "template"}
    return {
        "pages": report["run"]["summary"]["pages"],
        "findings": sum(counts.values()),
        "exact": counts == Counter(site["counts"]) and pages == set(site["urls"]),
        "seconds_in_run": report["run"]["summary"]["seconds"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles",
        type=int,
        default=4450,
        help="articles (documents and section pages come on top)",
    )
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-workers", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from serviceguiden.checker.testsite import SiteServer

    work = Path(tempfile.mkdtemp(prefix="scan-bench-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env |= {"SERVICEGUIDEN_DATA_DIR": str(work / "data"),
            "DJANGO_SETTINGS_MODULE": "serviceguiden.settings"}  # fmt: skip
    sh(env, "manage", "migrate", "-v0")
    sh(env, "loaddemo")
    (work / "site").mkdir()
    result: dict = {"machine_cores": os.cpu_count(), "load_before": os.getloadavg()[0]}
    with SiteServer(work / "site") as server:
        started = time.perf_counter()
        built = subprocess.run([sys.executable, "-c", BUILD, str(work / "site"), server.base_url,
                                str(args.articles)], env=env, capture_output=True, text=True,
                               check=True)  # fmt: skip
        site = json.loads(built.stdout)
        result["build_seconds"] = round(time.perf_counter() - started, 1)
        result["readable"] = site["readable"]
        result["plain_fetch_seconds"] = round(plain_fetch(site["urls"], args.concurrency), 2)

        scan = [str(BIN / "serviceguiden"), "scan", server.base_url + "/", "--allow-private",
                "--concurrency", str(args.concurrency), "--format", "json", "--output",
                str(work / "report.json")]  # fmt: skip
        seconds, peaks = timed([scan], env)
        result["one_process"] = {"seconds": round(seconds, 2), "peak_rss_mb": peaks[0],
                                 **check(env, 1, site)}  # fmt: skip

        if not args.skip_workers:
            queued = sh(env, "scan", server.base_url + "/", "--allow-private", "--queue",
                        "--tasks", "2", "--concurrency", str(args.concurrency // 2))  # fmt: skip
            run_id = int(re.search(r"Scan run (\d+) queued", queued.stderr).group(1))
            worker = [str(BIN / "serviceguiden"), "worker", "--batch", "--interval", "0",
                      "--no-startup-delay"]  # fmt: skip
            seconds, peaks = timed([worker, worker], env)
            result["two_workers"] = {"seconds": round(seconds, 2), "peak_rss_mb": peaks,
                                     **check(env, run_id, site)}  # fmt: skip
    for mode in ("one_process", "two_workers"):
        if mode in result:
            entry = result[mode]
            entry["pages_per_second"] = round(entry["pages"] / entry["seconds"], 1)
            entry["ratio_to_plain_fetch"] = round(
                entry["seconds"] / result["plain_fetch_seconds"], 1
            )
    result["self_peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    if args.json:
        print(json.dumps(result, indent=1))
        return
    print(
        f"Site: {result['readable']} pages and documents (built in {result['build_seconds']} s),"
        f" {result['machine_cores']} cores, load {result['load_before']:.1f} before"
    )
    print(f"Plain fetch (httpx, {args.concurrency} connections): {result['plain_fetch_seconds']} s")
    for mode, label in (("one_process", "scan, one process"), ("two_workers", "scan, 2 workers")):
        if mode in result:
            e = result[mode]
            print(
                f"{label}: {e['seconds']} s, {e['pages_per_second']} pages/s, "
                f"{e['ratio_to_plain_fetch']}x the plain fetch, peak RSS {e['peak_rss_mb']} MB, "
                f"{e['findings']} findings, exact: {e['exact']}"
            )
    print(f"(work folder: {work})")


if __name__ == "__main__":
    main()
