"""Shared set-up for the publishing benchmarks: a fresh data directory and database, and a
Gothenburg-shaped registry built through the registry's own domain functions (so every
entry is valid by the same rules as real data)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEEKDAYS = {
    "weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}],
    "exceptions": [{"holiday": "midsommarafton", "closed": True}],
}
ORGANISATIONS = [
    ("sbk", "Stadsbyggnadskontoret"), ("miljo", "Miljöförvaltningen"),
    ("trafik", "Trafikkontoret"), ("fastighet", "Fastighetskontoret"),
    ("forskola", "Förskoleförvaltningen"), ("grundskola", "Grundskoleförvaltningen"),
    ("kultur", "Kulturförvaltningen"), ("idrott", "Idrotts- och föreningsförvaltningen"),
    ("socialnordost", "Socialförvaltningen Nordost"),
    ("aldre", "Äldre samt vård- och omsorgsförvaltningen"),
    ("park", "Park- och naturförvaltningen"), ("kretslopp", "Kretslopp och vatten"),
]  # fmt: skip
FUNCTION_WORDS = [
    "service", "kundtjanst", "handlaggning", "tillstand", "radgivning", "bokning", "info",
]  # fmt: skip


def prepare_environment(data_dir: str | None = None) -> Path:
    """Point Django at a fresh data directory (and DATABASE_URL if set) and set it up."""
    path = Path(data_dir or tempfile.mkdtemp(prefix="sg-bench-"))
    os.environ["SERVICEGUIDEN_DATA_DIR"] = str(path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return path


def build_registry(topics: int = 160, functions_per_org: int = 7, subscriptions: int = 3):
    """The contact center, 12 administrations with functions, `topics` topics that all show
    the contact center (contact center first), and webhook subscriptions. Returns
    (root user, the contact center's function)."""
    from django.contrib.auth import get_user_model

    from serviceguiden.directory.editing import (
        save_channel,
        save_function,
        save_organisation,
        save_topic,
    )
    from serviceguiden.directory.lifecycle import publish_function
    from serviceguiden.directory.models import Channel, Function, Organisation, Topic
    from serviceguiden.publishing.models import Subscription

    user_model = get_user_model()
    root = user_model.objects.filter(username="bench-root").first()
    if root is None:
        root = user_model.objects.create_superuser("bench-root", "root@example.org", "x" * 20)

    def organisation(slug, name, kind="administration", **fields):
        org = Organisation.objects.filter(slug=slug).first()
        if org is None:
            org = Organisation(slug=slug, name=name, kind=kind, **fields)
            save_organisation(org, root)
        return org

    def function(org, slug, name, channels, is_contact_center=False):
        found = Function.objects.filter(slug=slug).first()
        if found is not None:
            return found
        made = Function(
            organisation=org, slug=slug, name=name, is_contact_center=is_contact_center
        )
        save_function(made, root)
        for position, (kind, value, *hours) in enumerate(channels):
            channel = Channel(function=made, kind=kind, value=value, position=position)
            channel.hours = hours[0] if hours else {}
            save_channel(channel, root)
        made.refresh_from_db()
        publish_function(made, root)
        made.refresh_from_db()
        return made

    center = organisation(
        "kontaktcenter", "Konsument- och medborgarservice", kind="contact_center",
        general_email="goteborg@goteborg.se", website="https://goteborg.se/kontakt",
    )  # fmt: skip
    center_function = function(
        center, "kontaktcenter", "Kontaktcenter",
        [("phone", "031-365 00 00", WEEKDAYS), ("email", "goteborg@goteborg.se")],
        is_contact_center=True,  # the city's contact center is named, never guessed
    )  # fmt: skip
    functions = []
    for index, (slug, name) in enumerate(ORGANISATIONS):
        org = organisation(
            slug, name, general_email=f"{slug}@goteborg.se", website=f"https://goteborg.se/{slug}"
        )
        for number in range(functions_per_org):
            word = FUNCTION_WORDS[number % len(FUNCTION_WORDS)]
            functions.append(
                function(
                    org, f"{slug}-{word}", f"{name.split()[0]} {word}",
                    [
                        ("email", f"{slug}.{word}@goteborg.se"),
                        ("phone", f"031-36{6 + index % 3} {10 + index:02d} {10 + number:02d}",
                         WEEKDAYS),
                    ],
                )
            )  # fmt: skip
    for number in range(topics):
        slug = f"arende-{number:03d}"
        if not Topic.objects.filter(slug=slug).exists():
            routed = functions[number % len(functions)]
            topic = Topic(
                organisation=routed.organisation, slug=slug, name=f"Ärende nummer {number}",
                function=routed, contact_center_first=True,
                synonyms=[f"fråga om {routed.name.lower()}"],
            )  # fmt: skip
            save_topic(topic, root)
    for number in range(subscriptions - Subscription.objects.count()):
        Subscription.objects.create(
            name=f"Kanal {number}", url=f"https://kanal{number}.example.org/hooks"
        )
    return root, center_function
