"""Throughput benchmark of the read path, load generated on the same machine with wrk
(64 connections, keep-alive):

1. a published topic fragment (`/embed/topics/<slug>`; `--fragment function` for a function's)
   through the app's production server, started exactly as `make run` starts it:
   `serviceguiden serve` (granian with its defaults, the background worker running beside it);
2. the same URL answered with `304 Not Modified` (`If-None-Match` with the current ETag);
3. the same bytes served by nginx straight from the published store (its SSI composing the
   topic's contacts block), as a ratio to (1).

Both servers log alike: with `--access-log on` (the default, as `make run`) each writes a line
a request to a file, with `--access-log off` neither does (`serve --no-access-log`, the
setting behind a proxy that logs); `--access-log app` logs in the app only (this bench until
session 11). `--rounds N` measures (1), (2) and (3) N times, in turn, so that a change in the
machine's load falls on all three; every round's figures are printed.

    .venv/bin/python bench/publish_throughput.py
    .venv/bin/python bench/publish_throughput.py --access-log off --rounds 3
    .venv/bin/python bench/publish_throughput.py --duration 20 --workers 3 --threads 4 --json

Installs wrk and nginx with apt-get when they are missing (the bench only, never the
tests). Targets: (1) ≥ 3,000 requests/s with p99 ≤ 20 ms; (2) ≥ 5,000 requests/s (issue 4);
(1) ≥ 0.6 × (3) in every round, (2) at least as fast as (1) (issue 13).
The load generator shares the machine's cores with the server: run it on a quiet machine
(the 1-minute load average before and after is printed with the figures). `--strict` exits
1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from publish_common import ROOT, build_registry, prepare_environment

FRAGMENTS = {  # a topic (frame + its contacts block) or a function (one file)
    "topic": "/embed/topics/arende-000",
    "function": "/embed/functions/kontaktcenter",
}
NGINX_CONF = """
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    {access_log};
    sendfile on;
    keepalive_requests 100000;
    map $arg_lang $sg_lang {{ default sv; en en; }}
    server {{
        listen 127.0.0.1:{port};
        root {store};
        add_header Cache-Control "public, max-age=60, stale-while-revalidate=86400";
        add_header Access-Control-Allow-Origin "*";
        location ~ ^/embed/(?<folder>topics|functions)/(?<slug>[-a-zA-Z0-9_]+)$ {{
            default_type "text/html; charset=utf-8";
            ssi on;  # a topic's contacts are in its block (README, "The published store")
            try_files /$folder/$slug.$sg_lang.html =404;
        }}
        location /blocks/ {{ internal; }}
    }}
}}
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def ensure_tools() -> None:
    missing = [tool for tool in ("wrk", "nginx") if not shutil.which(tool)]
    if missing:
        print(f"installing {' '.join(missing)} with apt-get …", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-q", *missing], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url: str, duration: int, connections: int, headers: dict | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        pct: _ms(value, unit)
        for pct, value, unit in re.findall(r"\s(50|90|99)(?:\.\d+)?%\s+([\d.]+)(us|ms|s)", output)
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "requests_per_s": round(rps),
        "p50_ms": latency.get("50"),
        "p99_ms": latency.get("99"),
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(0) if errors else "",
    }


def describe_server(command: list[str], log: Path) -> str:
    """What serve started, from its log: '`serve --no-demo …`: granian, 2 worker processes'."""
    text = log.read_text(errors="replace")
    workers = len(set(re.findall(r"Spawning worker-(\d+)", text)))
    name = "granian" if "Starting granian" in text else "unknown server"
    worker = ", background worker running" if "Started the background worker" in text else ""
    return f"`{' '.join(command[1:])}`: {name}, {workers} worker processes{worker}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--warmup", type=int, default=5, help="seconds of load before measuring")
    parser.add_argument("--workers", type=int, help="server worker processes (serve's default)")
    parser.add_argument("--threads", type=int, help="app threads per worker (serve's default)")
    parser.add_argument(
        "--access-log",
        choices=("on", "off", "app"),
        default="on",
        help="both servers write an access log (default), neither, or the app only",
    )
    parser.add_argument(
        "--fragment",
        choices=tuple(FRAGMENTS),
        default="topic",
        help="read a topic's fragment (default; nginx composes it with SSI) or a function's",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure app 200, app 304 and nginx 200 this many times, in turn",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be 1 or more")

    ensure_tools()
    data_dir = prepare_environment()
    data_dir.chmod(0o755)  # nginx's workers (another user) must reach the published store
    build_registry(topics=160)
    from django.conf import settings

    from serviceguiden.publishing.publish import publish_all

    publish_all()
    store = Path(settings.SERVICEGUIDEN_PUBLISHED_DIR)

    app_port, nginx_port = free_port(), free_port()
    env = os.environ | {
        "SERVICEGUIDEN_DATA_DIR": str(data_dir), "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": f"http://127.0.0.1:{app_port}",
    }  # fmt: skip
    for name in ("DJANGO_SETTINGS_MODULE", "LOG_LEVEL"):  # serve's own defaults, as `make run`
        env.pop(name, None)
    command = [str(ROOT / ".venv/bin/serviceguiden"), "serve", "--no-demo",
               "--port", str(app_port)]  # fmt: skip
    if args.workers:
        command += ["--workers", str(args.workers)]
    if args.threads:
        command += ["--threads", str(args.threads)]
    if args.access_log == "off":
        command += ["--no-access-log"]
    server_log = data_dir / "serve.log"  # with the access log: one line a request
    with server_log.open("wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # fmt: skip
    prefix = Path(tempfile.mkdtemp(prefix="sg-nginx-"))
    (prefix / "nginx.conf").write_text(
        NGINX_CONF.format(
            workers=2,
            prefix=prefix,
            port=nginx_port,
            store=store,
            access_log=f"access_log {prefix}/access.log"
            if args.access_log == "on"
            else "access_log off",  # "off", or "app": the app's log only
        )  # fmt: skip
    )
    nginx = subprocess.Popen(
        ["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"],
        start_new_session=True,
    )
    try:
        app_url = f"http://127.0.0.1:{app_port}{FRAGMENTS[args.fragment]}"
        nginx_url = f"http://127.0.0.1:{nginx_port}{FRAGMENTS[args.fragment]}"
        wait_for(app_url, seconds=120)  # serve migrates, collects static and publishes first
        wait_for(nginx_url)
        with urllib.request.urlopen(app_url) as answer:
            app_bytes, etag = answer.read(), answer.headers["ETag"]
        with urllib.request.urlopen(nginx_url) as answer:
            same_bytes = answer.read() == app_bytes
        load_before = round(os.getloadavg()[0], 2)
        wrk(app_url, args.warmup, args.connections)  # the processes' caches, the worker's start
        wrk(nginx_url, args.warmup, args.connections)
        rounds = []
        for _ in range(args.rounds):
            app = wrk(app_url, args.duration, args.connections)
            unchanged = wrk(app_url, args.duration, args.connections, {"If-None-Match": etag})
            rounds.append((app, unchanged, wrk(nginx_url, args.duration, args.connections)))
        server_line = describe_server(command, server_log)
    finally:
        server.terminate()  # serve stops granian and its background worker itself
        nginx.terminate()
        for process in (server, nginx):
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
    fragment, not_modified, static = rounds[0]
    ratios = [round(app["requests_per_s"] / nginx["requests_per_s"], 2) for app, _, nginx in rounds]
    result = {
        "server": server_line,
        "access_log": args.access_log,
        "fragment": FRAGMENTS[args.fragment],
        "connections": args.connections,
        "duration_s": args.duration,
        "fragment_bytes": len(app_bytes),
        "nginx_serves_the_same_bytes": same_bytes,
        "fragment_200": fragment,
        "fragment_304": not_modified,
        "nginx_200": static,
        "rounds": [
            {"app_200": app, "app_304": unchanged, "nginx_200": nginx}
            for app, unchanged, nginx in rounds
        ],
        "app_to_nginx_ratios": ratios,
        "load_average_1m_before": load_before,
        "load_average_1m_after": round(os.getloadavg()[0], 2),
        "targets": {
            "fragment_200": fragment["requests_per_s"] >= 3000 and fragment["p99_ms"] <= 20,
            "fragment_304": not_modified["requests_per_s"] >= 5000,
            "app_to_nginx_0.6": min(ratios) >= 0.6,
            "304_at_least_200": all(
                unchanged["requests_per_s"] >= app["requests_per_s"] for app, unchanged, _ in rounds
            ),
        },
    }
    missed = not all(result["targets"].values())
    if args.json:
        print(json.dumps(result, indent=2))
        return int(args.strict and missed)
    print(f"Read path, wrk -t2 -c{args.connections} -d{args.duration}s on this machine "
          f"({result['server']}; access logs {args.access_log}; "
          f"{args.fragment} fragment {len(app_bytes)} bytes):")  # fmt: skip
    for n, round_ in enumerate(rounds, 1):
        labels = ("app 200", "app 304", "nginx 200")
        for label, row in zip(labels, round_, strict=True):
            name = f"{label} #{n}" if args.rounds > 1 else label
            print(f"  {name:12} {row['requests_per_s']:>7} req/s  p50 {row['p50_ms']:.2f} ms  "
                  f"p99 {row['p99_ms']:.2f} ms  non-2xx/3xx {row['non_2xx_3xx']}")  # fmt: skip
        print(f"  {'':12} app 200 / nginx 200: {ratios[n - 1]}")
    print(
        f"  same bytes: {same_bytes}; "
        f"load average (1 min) before {load_before}, after {result['load_average_1m_after']}"
    )
    for name, met in result["targets"].items():
        print(f"  target {name}: {'met' if met else 'MISSED'}")  # fmt: skip
    return int(args.strict and missed)


if __name__ == "__main__":
    raise SystemExit(main())
