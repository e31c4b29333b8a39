"""Tasks for `test_background_workers.py`, run by real `serviceguiden worker` processes: an
import that lasts until the test releases it, and a delivery on the webhooks queue. Each
leaves a file behind, so the test sees what ran when."""

from __future__ import annotations

import time
from pathlib import Path

from django_tasks import task

LONGEST = 60.0  # seconds an import waits for its release at most


@task(queue_name="imports")
def long_import(folder: str) -> None:
    Path(folder, "import-started").touch()
    deadline = time.monotonic() + LONGEST
    while not Path(folder, "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    Path(folder, "import-done").touch()


@task(queue_name="webhooks")
def delivery(folder: str) -> None:
    Path(folder, "delivered").touch()
