"""Checker fixtures: the shared cast (tests/conftest.py) with one more function and a city
company only the registry knows, the generated municipal site served on 127.0.0.1, and a
helper that runs `serviceguiden scan` and returns its JSON."""

from __future__ import annotations

import json

import pytest
from directory.factories import make_function, make_organisation
from django.core.management import call_command

from serviceguiden.checker.models import PagePrefix
from serviceguiden.checker.testsite import (
    SiteServer,
    build,
    registry_functions,
    registry_numbers,
)

WEEKDAYS = {"weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:00"}]}


@pytest.fixture
def registry(cast):
    make_function(
        cast.root, cast.org_b, "buller", "Buller och störningar",
        channels=[("email", "buller@miljo.goteborg.se"), ("phone", "031-368 50 00", WEEKDAYS)],
    )  # fmt: skip
    make_organisation(
        cast.root, "testbolaget", "Testbolaget i Göteborg", kind="company",
        domains=["testbolaget.se"], website="https://testbolaget.se",
    )  # fmt: skip
    return cast


@pytest.fixture
def served(tmp_path):
    """A server on 127.0.0.1 over an empty folder; build the site into `served.root`."""
    root = tmp_path / "site"
    root.mkdir()
    server = SiteServer(root)
    server.root = root
    with server:
        yield server


@pytest.fixture
def site(registry, served):
    """The generated site (60 articles) for the registry, with two sections owned."""
    generated = build(
        served.root, served.base_url, registry_functions(), pages=60, taken=registry_numbers()
    )
    PagePrefix.objects.create(
        organisation=registry.org_a, prefix=f"{served.base_url}/omrade/bygga/"
    )
    PagePrefix.objects.create(
        organisation=registry.org_b, prefix=f"{served.base_url}/omrade/miljo/"
    )
    generated.server = served
    return generated


@pytest.fixture
def scan_json(tmp_path):
    def run(*args: str) -> dict:
        out = tmp_path / "report.json"
        try:
            call_command("scan", *args, "--format", "json", "--output", str(out))
        except SystemExit as exit:
            assert exit.code in (0, 1)
        return json.loads(out.read_text())

    return run
