"""The shared cast: organisation A with an admin, an editor and a viewer; organisation B
with an editor; an outsider with no membership; a global admin. Entries are made by the
factories in `directory/factories.py`, through the registry's own domain functions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from directory.factories import (
    make_actor,
    make_function,
    make_organisation,
    make_topic,
    make_user,
)

from serviceguiden.directory.models import ExternalActor, Function, Membership, Organisation, Topic

WEEKDAYS = {"weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}]}


@dataclass
class Cast:
    root: object
    admin_a: object
    editor_a: object
    viewer_a: object
    editor_b: object
    outsider: object
    org_a: Organisation
    org_b: Organisation
    center: Organisation
    function_a: Function
    function_b: Function
    center_function: Function
    topic_a: Topic
    actor: ExternalActor

    def user(self, role: str):
        return {
            "global_admin": self.root,
            "admin_a": self.admin_a,
            "editor_a": self.editor_a,
            "viewer_a": self.viewer_a,
            "editor_b": self.editor_b,
            "outsider": self.outsider,
            "anonymous": None,
        }[role]


@pytest.fixture
def cast(db) -> Cast:
    root = make_user("root", superuser=True)
    center = make_organisation(
        root, "kontaktcenter", "Förvaltningen för konsument- och medborgarservice",
        kind="contact_center", general_email="goteborg@goteborg.se",
        website="https://goteborg.se/kontakt",
    )  # fmt: skip
    org_a = make_organisation(
        root, "sbk", "Stadsbyggnadskontoret",
        general_email="stadsbyggnadskontoret@sbk.goteborg.se",
    )  # fmt: skip
    org_b = make_organisation(
        root, "miljo", "Miljöförvaltningen", general_email="miljoforvaltningen@goteborg.se"
    )
    users = {}
    for name, org, role in [
        ("admin_a", org_a, "admin"),
        ("editor_a", org_a, "editor"),
        ("viewer_a", org_a, "viewer"),
        ("editor_b", org_b, "editor"),
    ]:
        users[name] = make_user(name)
        Membership.objects.create(user=users[name], organisation=org, role=role)
    outsider = make_user("outsider")
    center_function = make_function(
        root, center, "kontaktcenter", "Kontaktcenter",
        channels=[("phone", "031-365 00 00", WEEKDAYS), ("email", "goteborg@goteborg.se")],
        is_contact_center=True,
    )  # fmt: skip
    function_a = make_function(
        root, org_a, "bygglov", "Bygglov",
        channels=[("email", "bygglov@sbk.goteborg.se"), ("phone", "031-368 00 00", WEEKDAYS)],
    )  # fmt: skip
    function_b = make_function(
        root, org_b, "miljotillsyn", "Miljötillsyn",
        channels=[("email", "miljotillsyn@goteborg.se")],
    )  # fmt: skip
    topic_a = make_topic(
        root, org_a, "bygga-altan", "Bygga altan", function=function_a,
        synonyms=["altan", "uteplats"],
    )  # fmt: skip
    actor = make_actor(root)
    return Cast(
        root=root, outsider=outsider, org_a=org_a, org_b=org_b, center=center,
        function_a=function_a, function_b=function_b, center_function=center_function,
        topic_a=topic_a, actor=actor, **users,
    )  # fmt: skip


@pytest.fixture
def today() -> dt.date:
    from serviceguiden.directory.models import today

    return today()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2 costs a second per user on these machines; tests need no real hashing."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# -- real browser (Playwright driving Debian's chromium; never Playwright's own download) -----

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the test's own ORM calls
    # are ordinary synchronous code, which Django must be told.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        watched = CspWatchedBrowser(chromium)
        yield watched
        chromium.close()
    assert watched.violations == [], "pages broke their Content-Security-Policy"


class CspWatchedBrowser:
    """The browser, with every page's console watched for Content-Security-Policy violations
    (Chromium reports each refused script, style or frame there): a test whose pages break the
    policy fails at teardown, naming the page and the message."""

    def __init__(self, browser):
        self._browser = browser
        self.violations: list[str] = []

    def _watch(self, page) -> None:
        def on_console(message):
            if "Content Security Policy" in message.text:
                self.violations.append(f"{page.url}: {message.text}")

        page.on("console", on_console)

    def new_context(self, *args, **kwargs):
        context = self._browser.new_context(*args, **kwargs)
        context.on("page", self._watch)
        return context

    def new_page(self, *args, **kwargs):
        page = self._browser.new_page(*args, **kwargs)
        self._watch(page)
        return page

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def site(cast, live_server, settings):
    """The cast on a live server with its published store built."""
    from serviceguiden.publishing.publish import publish_all

    settings.SITE_URL = live_server.url
    publish_all()
    return cast


@pytest.fixture
def contact_center_calls(monkeypatch):
    """Every call of `resolve.contact_center_contact` from now on, by its arguments."""
    from serviceguiden.directory import resolve

    calls = []
    original = resolve.contact_center_contact

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(resolve, "contact_center_contact", counting)
    return calls
