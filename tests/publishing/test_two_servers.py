"""Two real servers (`serviceguiden serve`, each with its own disk) on one PostgreSQL database:
a number saved through either server's editor is served by both. The harness is the one
`bench/two_servers.py` measures with."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="several servers share a PostgreSQL database (run with DATABASE_URL=postgres://…)",
)


@pytest.fixture(scope="module")
def harness():
    sys.path.insert(0, str(BENCH))
    try:
        import two_servers
    finally:
        sys.path.remove(str(BENCH))
    return two_servers


def test_a_change_saved_through_either_server_is_served_by_both(harness):
    with (
        harness.fresh_database(os.environ["DATABASE_URL"]) as url,
        harness.two_servers(url) as (bases, envs, password),
    ):
        assert envs[0]["SERVICEGUIDEN_DATA_DIR"] != envs[1]["SERVICEGUIDEN_DATA_DIR"]
        editors = [harness.Editor(base) for base in bases]
        for editor in editors:
            editor.sign_in(harness.DEMO_ADMIN, password)
        slug = harness.FUNCTIONS[0]
        for index, number in enumerate(("031-369 77 01", "031-369 77 02")):
            assert number not in harness.served_number(bases[1 - index], slug)
            seconds = harness.propagate(editors[index], bases, slug, number, limit=20)
            assert seconds < 20
            for base in bases:
                assert number in harness.served_number(base, slug)
