"""Public pages: "Hitta kontakt" (`/`), topic pages (`/amne/<slug>`) and organisation pages
(`/organisation/<slug>`); search (`/sok?q=`) is in `search.py`. Every contact box is the
published fragment that every embed shows.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from serviceguiden.directory import access
from serviceguiden.directory.models import Function, Organisation, Status, Topic
from serviceguiden.publishing.models import FUNCTION, ORGANISATION, TOPIC
from serviceguiden.web.boxes import contact_box, json_ld, oembed_discovery
from serviceguiden.web.collation import sorted_by_name
from serviceguiden.web.i18n import contact_title, page_lang


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
