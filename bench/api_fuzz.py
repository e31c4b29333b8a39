"""Schemathesis against the read API as `serve` runs it: every operation of
`/api/v1/openapi.json`, generated cases (valid and invalid parameters), every check
(status codes, content types and response schemas as documented, no 5xx).

    python3 -m venv bench/.venv-schemathesis
    bench/.venv-schemathesis/bin/pip install schemathesis==4.32.5
    .venv/bin/python bench/api_fuzz.py --max-examples 150

Schemathesis lives in its own environment (like Presidio for the policy bench): it is a tool,
not a dependency of the product. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICEGUIDEN = ROOT / ".venv" / "bin" / "serviceguiden"
ST = ROOT / "bench" / ".venv-schemathesis" / "bin" / "st"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--max-examples", type=int, default=150)
    parser.add_argument("--seed", type=int, default=20261204)
    options = parser.parse_args(argv)
    if not ST.exists():
        print(f"schemathesis is not installed: see {Path(__file__).name}'s docstring")
        return 2
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SERVICEGUIDEN_DATA_DIR": tempfile.mkdtemp(prefix="sg-fuzz-")}
    server = subprocess.Popen(
        [str(SERVICEGUIDEN), "serve", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                urllib.request.urlopen(f"{base}/healthz", timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    print("serve did not start")
                    return 2
                time.sleep(0.5)
        command = [
            str(ST), "run", f"{base}/api/v1/openapi.json", "--checks", "all",
            "--max-examples", str(options.max_examples), "--seed", str(options.seed),
            "--continue-on-failure", "--request-timeout", "10",
        ]  # fmt: skip
        print(" ".join(command[1:]))
        return subprocess.run(command, check=False).returncode
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
