"""Loading the demo registry and its accounts (see build_demo.py for the data)."""

from __future__ import annotations

import datetime as dt
import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from serviceguiden.directory.models import Membership, Organisation, Role, today
from serviceguiden.directory.transfer import ImportReport, import_registry

HERE = Path(__file__).resolve().parent
DEMO_FILE = HERE / "goteborg.json"
BAD_IMPORT_FILE = HERE / "bad-import.json"
DEMO_ADMIN = "demo"
# Demo editors, to try the per-organisation rights: (username, organisation key, role).
DEMO_MEMBERS = [
    ("sbk-redaktor", "stadsbyggnadskontoret", Role.EDITOR),
    ("sbk-admin", "stadsbyggnadskontoret", Role.ADMIN),
    ("miljo-redaktor", "miljoforvaltningen", Role.EDITOR),
]


def demo_data(on: dt.date | None = None) -> dict:
    """The demo file with review dates moved forward by the time since it was generated, so
    the demo looks the same (a few reviews overdue, the rest due later) whenever it loads."""
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    generated = dt.datetime.fromisoformat(data["exported_at"]).date()
    shift = (on or today()) - generated
    for function in data["functions"]:
        review_by = dt.date.fromisoformat(function["review_by"]) + shift
        function["review_by"] = review_by.isoformat()
    return data


def password_file() -> Path:
    return Path(settings.DATA_DIR) / "demo-login.txt"


def demo_password() -> str:
    """The demo accounts' password: generated once, kept in the data directory."""
    path = password_file()
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(12)
    path.write_text(password + "\n", encoding="utf-8")
    path.chmod(0o600)
    return password


def registry_is_empty() -> bool:
    return not Organisation.objects.exists()


@transaction.atomic
def load_demo() -> ImportReport:
    """Create the demo global admin and editors, then import the demo registry as the
    admin — through the same import as any file."""
    users = get_user_model()
    hashed = make_password(demo_password())  # hashed once: it costs a second each time
    admin = users.objects.filter(username=DEMO_ADMIN).first()
    if admin is None:
        admin = users.objects.create(
            username=DEMO_ADMIN, password=hashed, is_superuser=True, is_staff=True
        )
    report = import_registry(demo_data(), admin)
    if not report.ok:
        return report
    for username, org_key, role in DEMO_MEMBERS:
        user = users.objects.filter(username=username).first()
        if user is None:
            user = users.objects.create(username=username, password=hashed)
        organisation = Organisation.objects.get(slug=org_key)
        Membership.objects.update_or_create(
            user=user, organisation=organisation, defaults={"role": role}
        )
    return report
