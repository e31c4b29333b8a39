"""The public search page (`/sok?q=`): publishing's Swedish-aware search, the best topic's
routed contact box first, then every result with who answers it (name and phone, from the
published read model). When nothing matches, the city's contact center — resolved from the
registry like every other contact — with its number, mailbox and website.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from serviceguiden.directory import resolve
from serviceguiden.directory.models import ChannelKind, ExternalActor, Function, Organisation, Topic
from serviceguiden.policy import format_phone, phone_e164
from serviceguiden.publishing import missed_searches, store
from serviceguiden.publishing.models import EXTERNAL_ACTOR, FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.search import Hit, search
from serviceguiden.web.boxes import contact_box
from serviceguiden.web.i18n import page_lang

RESULTS = 20
PHONE_KINDS = ("phone", "text_phone")  # numbers to call (an SMS number is no answer)


@dataclass(frozen=True)
class Answerer:
    """Who answers a result, as its published contact box starts: a name and one way to
    reach them (a phone, else an e-mail address, else a website: external actors have only
    that, P4)."""

    name: str
    phone: str = ""
    phone_href: str = ""
    email: str = ""
    website: str = ""
    contact_center: bool = False


def answerer(kind: str, slug: str, lang: str) -> Answerer | None:
    """The first contact of the published artifact (what every channel shows first)."""
    artifact = store.read(store.artifact_path(kind, slug, lang, "json"))
    if artifact is None:
        return None
    contacts = json.loads(artifact.data).get("contacts") or []
    if not contacts:
        return None
    first = contacts[0]
    channels = first.get("channels") or []
    phone = next((c for c in channels if c.get("kind") in PHONE_KINDS), None)
    email = next((c for c in channels if c.get("kind") == ChannelKind.EMAIL), None)
    return Answerer(
        name=first.get("name", ""),
        phone=phone["value"] if phone else "",
        phone_href=phone.get("href", "") if phone else "",
        email="" if phone or not email else email["value"],
        website="" if phone or email else first.get("website") or "",
        contact_center=first.get("role") == resolve.CONTACT_CENTER,
    )


def _urls(hits: list[Hit]) -> dict[tuple[str, str], str]:
    """Where each hit's link goes: a topic or an organisation page, a function's box on its
    organisation's page, or an external actor's own website (P4). Entries that are gone have
    none."""
    function_orgs = dict(
        Function.objects.filter(slug__in=[h.slug for h in hits if h.kind == FUNCTION]).values_list(
            "slug", "organisation__slug"
        )
    )
    websites = dict(
        ExternalActor.objects.filter(
            slug__in=[h.slug for h in hits if h.kind == EXTERNAL_ACTOR]
        ).values_list("slug", "website")
    )
    urls = {}
    for hit in hits:
        if hit.kind == TOPIC:
            url = reverse("web:topic", args=[hit.slug])
        elif hit.kind == ORGANISATION:
            url = reverse("web:organisation", args=[hit.slug])
        elif hit.kind == FUNCTION:
            organisation = function_orgs.get(hit.slug)
            url = reverse("web:organisation", args=[organisation]) + f"#{hit.slug}"
            url = url if organisation else ""
        else:
            url = websites.get(hit.slug, "")
        if url:
            urls[hit.kind, hit.slug] = url
    return urls


def results(hits: list[Hit], lang: str) -> list[dict]:
    """The hits as the page lists them: `hit`, `url` and `answerer`."""
    urls = _urls(hits)
    return [
        {"hit": hit, "url": urls[key], "answerer": answerer(hit.kind, hit.slug, lang)}
        for hit in hits
        if (key := (hit.kind, hit.slug)) in urls
    ]


def _lead(hits: list[Hit], lang: str):
    """The box that leads the results: the best topic's routed best-service contact (P1);
    without a topic among the hits, the best function's or organisation's own box."""
    topics = [h for h in hits if h.kind == TOPIC]
    for hit in topics[:1] or hits[:1]:
        model = {TOPIC: Topic, FUNCTION: Function, ORGANISATION: Organisation}.get(hit.kind)
        subject = model.objects.filter(slug=hit.slug).first() if model else None
        if subject is not None:
            return contact_box(hit.kind, subject, lang)
    return None


def contact_center() -> Answerer:
    """The city's contact center as P1 resolves it (the registry's, else the profile's)."""
    contact = resolve.contact_center_contact()
    phone = next((c for c in contact.channels if c.kind in PHONE_KINDS), None)
    email = next((c for c in contact.channels if c.kind == ChannelKind.EMAIL), None)
    shown, href = "", ""
    if phone is not None:
        try:
            shown, href = format_phone(phone.value), "tel:" + phone_e164(phone.value)
        except ValueError:
            shown = phone.value
    return Answerer(
        name=contact.name, phone=shown, phone_href=href,
        email=email.value.lower() if email else "", website=contact.website,
        contact_center=True,
    )  # fmt: skip


@require_safe
def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    lang = page_lang()
    hits = search(query, limit=RESULTS) if query else []
    if query:
        missed_searches.record(query, hits, request.user)
    found = results(hits, lang)
    return render(
        request,
        "web/public/search.html",
        {
            "query": query,
            "results": found,
            "lead": _lead(hits, lang) if hits else None,
            "contact_center": contact_center() if query and not found else None,
        },
    )
