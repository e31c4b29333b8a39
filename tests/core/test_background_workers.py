"""`serve`'s background workers: an editor's long spreadsheet import (queue `imports`) runs in
a worker of its own, so webhook deliveries and the other queues keep flowing meanwhile.
Real `serviceguiden worker` processes on a fresh SQLite database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from serviceguiden.core.management.commands.serve import background_workers

TESTS = Path(__file__).resolve().parent.parent
ENQUEUE = """
import sys
import django
django.setup()
from core import worker_tasks
getattr(worker_tasks, sys.argv[1]).enqueue(sys.argv[2])
"""


def wait_for(path: Path, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not path.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_long_import_does_not_hold_up_a_webhook_delivery(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)  # the workers' own SQLite database
    monkeypatch.setenv("SERVICEGUIDEN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])
    )
    script = Path(sys.executable).with_name("serviceguiden")
    subprocess.run([str(script), "manage", "migrate", "--verbosity", "0"], check=True, timeout=120)

    def enqueue(name: str) -> None:
        subprocess.run([sys.executable, "-c", ENQUEUE, name, str(tmp_path)], check=True, timeout=60)

    workers = background_workers()
    for worker in workers:
        worker.start()
    try:
        enqueue("long_import")
        assert wait_for(tmp_path / "import-started", 60), "no worker took the import"
        enqueue("delivery")
        assert wait_for(tmp_path / "delivered", 30), "the delivery waited behind the import"
        assert not (tmp_path / "import-done").exists()  # delivered while the import ran
        (tmp_path / "release").touch()
        assert wait_for(tmp_path / "import-done", 30)
    finally:
        for worker in workers:
            worker.stop()
