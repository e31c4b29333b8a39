"""Fault bench: `kill -9` of the server (and of the background worker) during bursts of saves,
then a restart, and a comparison of what was acknowledged with the registry, the published
store, the change feed and the webhook log.

Each cycle starts `serviceguiden serve` (granian, its worker processes and the background
worker), signs in as the demo editor and saves functions' phone numbers through the editor's
own form, one request after another, from a thread; after a random 0.3–2.5 s the server's main
process is killed with SIGKILL (every third cycle the background worker is killed first, on its
own). A save counts as acknowledged when the editor answered with its redirect. After the last
cycle the server is started once more (its start runs `publish --all`, which announces the
outbox), webhooks are given time to arrive, and then:

- registry: every function's stored number is its last acknowledged one, or a later attempt's
  that committed before the kill (never an older one);
- store: every function's published JSON shows the stored number;
- change feed: no committed change is left unannounced; every acknowledged save is named by a
  change-feed entry made at or after it; no entry appears twice;
- webhooks: every change has exactly one delivery per subscription, all delivered, and the
  subscriber saw every delivery's `webhook-id` (at least once; duplicates are counted);
- processes: nothing of a killed server is left running.

    .venv/bin/python bench/fault_bench.py --cycles 20
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sg_fault .venv/bin/python bench/fault_bench.py

Traffic goes to 127.0.0.1 only. Bounded: each cycle stops by itself.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICEGUIDEN = ROOT / ".venv" / "bin" / "serviceguiden"
FUNCTIONS = [
    "bygglov",
    "miljotillsyn",
    "forskoleantagning",
    "parkeringstillstand",
    "bostadsanpassning",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# -- the webhook subscriber ---------------------------------------------------------------


class Subscriber:
    def __init__(self):
        self.ids: list[str] = []
        self.lock = threading.Lock()
        subscriber = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers.get("content-length", 0)))
                with subscriber.lock:
                    subscriber.ids.append(self.headers.get("webhook-id", ""))
                self.send_response(200)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hook"


# -- the editor, as a browser would use it ------------------------------------------------


class FormReader(HTMLParser):
    """The named fields of the form with id `form_id`, as a browser would submit them."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "image"):
                return
            self.fields.append((a["name"], a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "option" and self._select is not None and "selected" in a:
            self.fields[-1] = (self._select, a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._text.lstrip("\n")))
            self._textarea = None


class Editor:
    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )

    def _csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=10) as response:
            return response.read().decode()

    def post(self, path: str, fields: list[tuple[str, str]]) -> int:
        data = urllib.parse.urlencode(fields).encode()
        request = urllib.request.Request(self.base + path, data=data, method="POST")
        request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=15) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def sign_in(self, username: str, password: str) -> None:
        self.get("/redigera/logga-in/")
        fields = [("csrfmiddlewaretoken", self._csrf()), ("username", username),
                  ("password", password)]  # fmt: skip
        status = self.post("/redigera/logga-in/", fields)
        if status != 302:
            raise RuntimeError(f"sign-in answered {status}")

    def save_phone(self, slug: str, number: str) -> bool:
        page = self.get(f"/redigera/funktion/{slug}/")
        reader = FormReader("function-form")
        reader.feed(page)
        fields, changed = [], False
        for name, value in reader.fields:
            if not changed and name.endswith("-value") and value.startswith("031-3"):
                value, changed = number, True
            fields.append((name, value))
        if not changed:
            raise RuntimeError(f"{slug} has no phone in the city's series to change")
        fields.append(("step", "save"))
        return self.post(f"/redigera/funktion/{slug}/", fields) == 302


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, request, response, code, message, headers):
        return response


# -- the server -------------------------------------------------------------------------


def start_server(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(SERVICEGUIDEN), "serve", "--port", str(port), "--workers", "1", "--no-demo"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("serve exited before answering") from None
            time.sleep(0.2)
    raise RuntimeError("serve did not answer within 120 s")


def session_processes(session: int) -> list[int]:
    """Processes still alive in a killed server's session (its workers, its worker)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == session and fields[0] not in ("Z", "X"):
            alive.append(int(entry.name))
    return alive


def worker_pid(session: int) -> int | None:
    for pid in session_processes(session):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"worker" in cmdline:
            return pid
    return None


# -- the run ----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    options = parser.parse_args(argv)
    random.seed(options.seed)

    data_dir = Path(tempfile.mkdtemp(prefix="sg-fault-"))
    subscriber = Subscriber()
    env = {
        **os.environ,
        "SERVICEGUIDEN_DATA_DIR": str(data_dir),
        "SERVICEGUIDEN_WEBHOOK_PRIVATE_HOSTS": "127.0.0.1",
        "SERVICEGUIDEN_WEBHOOK_RETRY_DELAYS": "1,1,2,5,10",
        "DJANGO_SETTINGS_MODULE": "serviceguiden.settings",
    }
    subprocess.run([str(SERVICEGUIDEN), "serve", "--prepare-only"], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connections

    from serviceguiden.directory.demo.loader import DEMO_ADMIN, demo_password
    from serviceguiden.publishing.models import Subscription

    Subscription.objects.create(name="Fault bench", url=subscriber.url)
    password = demo_password()
    connections.close_all()

    acknowledged: list[tuple[str, str, float]] = []  # (slug, number, when)
    attempted: list[tuple[str, str]] = []
    orphans = 0
    counter = 0
    print(f"data dir {data_dir}; {options.cycles} cycles")
    for cycle in range(1, options.cycles + 1):
        port = free_port()
        server = start_server(env, port)
        editor = Editor(f"http://127.0.0.1:{port}")
        editor.sign_in(DEMO_ADMIN, password)
        stop = threading.Event()
        acked_before = len(acknowledged)

        def burst(editor=editor, stop=stop):
            nonlocal counter
            while not stop.is_set():
                counter += 1
                slug = random.choice(FUNCTIONS)
                number = f"031-369 {counter // 100 % 100:02d} {counter % 100:02d}"
                attempted.append((slug, number))
                try:
                    if editor.save_phone(slug, number):
                        acknowledged.append((slug, number, time.time()))
                except (OSError, RuntimeError, StopIteration):
                    return  # the server is gone

        thread = threading.Thread(target=burst, daemon=True)
        thread.start()
        if cycle % 3 == 0:  # the worker alone first
            time.sleep(random.uniform(0.2, 1.0))
            pid = worker_pid(server.pid)
            if pid:
                os.kill(pid, signal.SIGKILL)
        time.sleep(random.uniform(0.3, 2.5))
        os.kill(server.pid, signal.SIGKILL)
        server.wait()
        stop.set()
        thread.join(timeout=20)
        time.sleep(1.0)
        left = session_processes(server.pid)
        orphans += len(left)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        print(f"cycle {cycle:2d}: {len(acknowledged) - acked_before} saves acknowledged, "
              f"{len(left)} processes left behind")  # fmt: skip

    # the restart: publish --all announces the outbox; the worker delivers the webhooks
    port = free_port()
    server = start_server(env, port)
    from serviceguiden.publishing.models import Delivery

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and Delivery.objects.filter(state="pending").exists():
        time.sleep(1)
    connections.close_all()
    server.send_signal(signal.SIGTERM)
    server.wait(timeout=60)
    return report(acknowledged, attempted, subscriber, orphans)


def report(acknowledged, attempted, subscriber, orphans) -> int:
    from serviceguiden.directory.models import Channel, Function
    from serviceguiden.publishing import store
    from serviceguiden.publishing.models import Change, Delivery, PendingChange, Subscription

    problems = []
    last_acked = {}
    for slug, number, _ in acknowledged:
        last_acked[slug] = number
    for slug, number in last_acked.items():
        function = Function.objects.get(slug=slug)
        stored = Channel.objects.filter(function=function, kind="phone").order_by("position")
        values = [c.value for c in stored]
        later = [n for s, n in attempted[[a[1] for a in attempted].index(number) :] if s == slug]
        if not any(v in later for v in values):
            problems.append(f"registry: {slug} shows {values}, acknowledged {number}")
        artifact = store.read(f"functions/{slug}.sv.json")
        shown = json.loads(artifact.data) if artifact else {}
        numbers = [ch["value"] for c in shown.get("contacts", []) for ch in c["channels"]]
        if not set(values) & set(numbers):
            problems.append(f"store: {slug} shows {numbers}, registry {values}")
    unannounced = PendingChange.objects.unannounced().count()
    if unannounced:
        problems.append(f"change feed: {unannounced} committed changes never announced")
    changes = list(Change.objects.order_by("id"))
    for slug, number, when in acknowledged:
        if not any(
            c.created_at.timestamp() >= when - 1 and any(s["slug"] == slug for s in c.subjects)
            for c in changes
        ):
            problems.append(f"change feed: the save of {slug} = {number} was never announced")
    subscription = Subscription.objects.get(name="Fault bench")
    deliveries = Delivery.objects.filter(subscription=subscription)
    per_change: dict[int, int] = {}
    for delivery in deliveries:
        per_change[delivery.change_id] = per_change.get(delivery.change_id, 0) + 1
    twice = [c for c, n in per_change.items() if n != 1]
    after = [c for c in changes if c.pk >= min(per_change, default=0)]
    missing = [c.pk for c in after if c.pk not in per_change]
    undelivered = deliveries.exclude(state="delivered").count()
    received = set(subscriber.ids)
    never_received = [d.message_id for d in deliveries if d.message_id not in received]
    duplicates = len(subscriber.ids) - len(received)
    if twice:
        problems.append(f"webhooks: changes with more than one delivery: {twice[:5]}")
    if missing:
        problems.append(f"webhooks: changes without a delivery: {missing[:5]}")
    if undelivered or never_received:
        problems.append(f"webhooks: {undelivered} not delivered, {len(never_received)} never seen")
    if orphans:
        problems.append(f"processes: {orphans} left running after kill -9")
    print(
        f"\nacknowledged saves: {len(acknowledged)} of {len(attempted)} attempted\n"
        f"change-feed entries: {len(changes)}; deliveries: {deliveries.count()}; "
        f"webhooks received: {len(subscriber.ids)} ({duplicates} duplicates, dropped by id)\n"
        f"problems: {len(problems)}"
    )
    for problem in problems[:30]:
        print("  " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
