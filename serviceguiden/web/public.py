"""Public pages: "Hitta kontakt" (`/`), search (`/sok?q=`), topic pages (`/amne/<slug>`) and
organisation pages (`/organisation/<slug>`). Every contact box is the published fragment
that every embed shows; search is publishing's Swedish-aware search.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from serviceguiden.directory import access
from serviceguiden.directory.models import ExternalActor, Function, Organisation, Status, Topic
from serviceguiden.publishing.models import FUNCTION, ORGANISATION, TOPIC
from serviceguiden.publishing.search import search
from serviceguiden.web.boxes import contact_box, json_ld, oembed_discovery
from serviceguiden.web.collation import sorted_by_name
from serviceguiden.web.i18n import contact_title, page_lang

RESULTS = 20


@require_safe
def home(request):
    """One search box, then every topic A–Ö and the organisations, for browsing."""
    published = Count("functions", filter=Q(functions__status=Status.PUBLISHED))
    organisations = Organisation.objects.annotate(published=published).filter(published__gt=0)
    topics = Topic.objects.only("name", "slug")
    return render(
        request,
        "web/public/home.html",
        {"organisations": sorted_by_name(organisations), "topics": sorted_by_name(topics)},
    )


def _results(hits) -> list[dict]:
    """Search hits as the page lists them, each with where its link goes: a topic or an
    organisation page, a function's box on its organisation's page, or an external actor's
    own website (P4). Hits whose entry is gone are left out."""
    function_orgs = dict(
        Function.objects.filter(slug__in=[h.slug for h in hits if h.kind == FUNCTION]).values_list(
            "slug", "organisation__slug"
        )
    )
    websites = dict(
        ExternalActor.objects.filter(
            slug__in=[h.slug for h in hits if h.kind not in (TOPIC, ORGANISATION, FUNCTION)]
        ).values_list("slug", "website")
    )
    results = []
    for hit in hits:
        if hit.kind == TOPIC:
            url = reverse("web:topic", args=[hit.slug])
        elif hit.kind == ORGANISATION:
            url = reverse("web:organisation", args=[hit.slug])
        elif hit.kind == FUNCTION:
            organisation = function_orgs.get(hit.slug)
            url = (
                reverse("web:organisation", args=[organisation]) + f"#{hit.slug}"
                if organisation
                else ""
            )
        else:
            url = websites.get(hit.slug, "")
        if url:
            results.append({"hit": hit, "url": url})
    return results


def _lead(hits, lang: str):
    """The box that leads the results: the best topic's routed best-service contact (P1);
    without a topic among the hits, the best function's or organisation's own box."""
    topics = [h for h in hits if h.kind == TOPIC]
    for hit in topics[:1] or hits[:1]:
        model = {TOPIC: Topic, FUNCTION: Function, ORGANISATION: Organisation}.get(hit.kind)
        subject = model.objects.filter(slug=hit.slug).first() if model else None
        if subject is not None:
            return contact_box(hit.kind, subject, lang)
    return None


@require_safe
def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    lang = page_lang()
    hits = search(query, limit=RESULTS) if query else []
    results = _results(hits)
    return render(
        request,
        "web/public/search.html",
        {"query": query, "results": results, "lead": _lead(hits, lang) if hits else None},
    )


@require_safe
def topic_page(request, slug: str):
    topic = get_object_or_404(Topic.objects.select_related("organisation"), slug=slug)
    lang = page_lang()
    title = contact_title(topic.name, lang)
    return render(
        request,
        "web/public/topic.html",
        {
            "topic": topic,
            "box": contact_box(TOPIC, topic, lang),
            "json_ld": json_ld(TOPIC, topic, lang),
            "discovery": oembed_discovery(TOPIC, topic.slug, title, lang),
            "can_edit": access.can_edit_topic(request.user, topic),
        },
    )


@require_safe
def organisation_page(request, slug: str):
    organisation = get_object_or_404(Organisation, slug=slug)
    lang = page_lang()
    functions = sorted_by_name(Function.objects.published().for_organisation(organisation))
    boxes = [(f, contact_box(FUNCTION, f, lang)) for f in functions]
    discovery = [
        oembed_discovery(FUNCTION, f.slug, contact_title(f.name, lang), lang) for f in functions
    ]
    topics = sorted_by_name(Topic.objects.filter(organisation=organisation))
    return render(
        request,
        "web/public/organisation.html",
        {
            "organisation": organisation,
            "box": contact_box(ORGANISATION, organisation, lang),
            "boxes": boxes,
            "topics": topics,
            "json_ld": json_ld(ORGANISATION, organisation, lang),
            "discovery": discovery,
            "can_view": access.can_view_organisation(request.user, organisation),
        },
    )
