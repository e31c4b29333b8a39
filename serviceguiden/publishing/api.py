"""The public read API, `/api/v1/`, with django-ninja (OpenAPI at `/api/v1/openapi.json`).

Single items are the published store's bytes, so the API, the embeds and a static server
in front of the store all serve the same thing. Lists and search read the store's lists
and search entries; the change feed reads the database. Every answer has an ETag,
Last-Modified and Cache-Control, answers `304` to a matching `If-None-Match`, and errors
come as JSON: `{"error": {"code": "...", "message": "...", "details": [...]}}`.

Reads need no key; a channel may send its key (`X-Serviceguiden-Channel` or `?channel=`)
so that the registry knows who shows what (see `usage.py`).
"""

from __future__ import annotations

import json
import time
from enum import StrEnum
from functools import lru_cache

from django.conf import settings
from django.http import HttpResponse
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError
from pydantic import Field

from serviceguiden.publishing import missed_searches, store, usage
from serviceguiden.publishing import search as search_module
from serviceguiden.publishing.models import (
    EXTERNAL_ACTOR,
    FUNCTION,
    ORGANISATION,
    SUBJECT_KINDS,
    TOPIC,
    Change,
)
from serviceguiden.publishing.responses import artifact_response, data_response

api = NinjaAPI(
    title="Serviceguiden read API",
    version="1",
    description=(
        "Published contact details of the city: topics resolved to the function that gives "
        "the best service, functions, organisations, external actors (links only), search "
        "and a change feed. No key needed; send X-Serviceguiden-Channel to be counted as a "
        "channel. Every read supports ETag/If-None-Match."
    ),
    urls_namespace="api-v1",
)


# -- schemas (the JSON the renderer writes; `render.as_json`) ---------------------------


class ErrorBody(Schema):
    code: str
    message: str
    details: list[dict] = []


class ErrorOut(Schema):
    error: ErrorBody


class Ref(Schema):
    slug: str
    name: str


class HoursOut(Schema):
    label: str
    lines: list[str] = Field(examples=[["Mån–fre 08.00–16.30"]])


class ChannelOut(Schema):
    kind: str = Field(examples=["phone"])
    label: str = Field(examples=["Telefon"])
    value: str = Field(examples=["031-365 00 00"])
    href: str | None = Field(None, examples=["tel:+46313650000"])
    hours: HoursOut | None = None


class ContactOut(Schema):
    role: str = Field(description="function, general_mailbox, contact_center or external_actor")
    name: str
    intro: str
    organisation: str
    function: str | None = Field(None, description="slug of the function shown, if any")
    website: str
    channels: list[ChannelOut]


class ItemBase(Schema):
    type: str
    slug: str
    name: str
    lang: str
    description: str
    contacts: list[ContactOut] = Field(description="What to show, in order (P1).")
    links: dict[str, str] = Field(description="The item in every format.")


class TopicOut(ItemBase):
    synonyms: list[str]
    organisation: Ref


class FunctionOut(ItemBase):
    organisation: Ref


class OrganisationOut(ItemBase):
    kind: str
    parent: Ref | None
    functions: list[Ref]
    website: str | None = None


class ExternalActorOut(ItemBase):
    website: str


class TopicSummary(Schema):
    slug: str
    name: str
    synonyms: list[str]
    organisation: Ref


class FunctionSummary(Schema):
    slug: str
    name: str
    status: str
    organisation: Ref


class OrganisationSummary(Schema):
    slug: str
    name: str
    kind: str
    parent: str | None
    website: str


class ExternalActorSummary(Schema):
    slug: str
    name: str
    website: str
    purpose: str


class PageBase(Schema):
    count: int = Field(description="How many there are in all.")
    limit: int
    offset: int


class TopicPage(PageBase):
    items: list[TopicSummary]


class FunctionPage(PageBase):
    items: list[FunctionSummary]


class OrganisationPage(PageBase):
    items: list[OrganisationSummary]


class ExternalActorPage(PageBase):
    items: list[ExternalActorSummary]


class Hit(Schema):
    type: str
    slug: str
    name: str
    score: float
    url: str


class SearchOut(Schema):
    query: str
    count: int
    items: list[Hit]


class SubjectChange(Schema):
    kind: str
    slug: str
    action: str = Field(description="updated or removed")


class ChangeOut(Schema):
    id: int = Field(description="The cursor: pass it as `since` to get what came after.")
    published_at: str
    reason: str
    subjects: list[SubjectChange]


class ChangesOut(Schema):
    changes: list[ChangeOut]
    next: int = Field(description="The `since` for the next request.")
    more: bool


class Lang(StrEnum):
    sv = "sv"
    en = "en"


class Format(StrEnum):
    json = "json"
    jsonld = "jsonld"
    vcard = "vcard"
    text = "text"
    html = "html"


class Paging(Schema):
    limit: int = Field(50, ge=1, le=500)
    offset: int = Field(0, ge=0)


# -- errors -----------------------------------------------------------------------------


def error(status: int, code: str, message: str, details: list | None = None) -> HttpResponse:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return HttpResponse(json.dumps(body, ensure_ascii=False), status=status,
                        content_type="application/json")  # fmt: skip


@api.exception_handler(ValidationError)
def _invalid(request, exc: ValidationError):
    details = [
        {"field": ".".join(str(p) for p in e.get("loc", ())[1:]), "problem": e.get("msg", "")}
        for e in exc.errors
    ]
    return error(422, "invalid_request", "The request's parameters are not valid.", details)


@api.exception_handler(HttpError)
def _http_error(request, exc: HttpError):
    return error(exc.status_code, "error", str(exc))


NAMES = {
    TOPIC: "topic",
    FUNCTION: "function",
    ORGANISATION: "organisation",
    EXTERNAL_ACTOR: "external actor",
}


def _not_found(kind: str, slug: str) -> HttpResponse:
    return error(404, "not_found", f"There is no published {NAMES[kind]} {slug!r}.")


def _not_published() -> HttpResponse:
    return error(
        503, "not_published",
        "Nothing is published yet; run `serviceguiden publish --all`.",
    )  # fmt: skip


# -- items and lists --------------------------------------------------------------------


def item(request, kind: str, slug: str, lang: Lang, fmt: Format) -> HttpResponse:
    try:
        relpath = store.artifact_path(kind, slug, lang.value, fmt.value)
    except store.StoreError:
        return _not_found(kind, slug)
    artifact = store.read(relpath)
    if artifact is None:
        return _not_found(kind, slug)
    if kind in (TOPIC, FUNCTION):
        usage.count(request, kind, slug)
    return artifact_response(request, artifact)


@lru_cache(maxsize=8)
def _parsed(etag: str, data: bytes) -> list:
    return json.loads(data)


def listing(request, kind: str, paging: Paging) -> HttpResponse:
    artifact = store.read(store.index_path(kind))
    if artifact is None:
        return _not_published()
    items = _parsed(artifact.etag, artifact.data)
    page = items[paging.offset : paging.offset + paging.limit]
    body = {"count": len(items), "limit": paging.limit, "offset": paging.offset, "items": page}
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return data_response(request, data, "application/json", artifact.mtime)


LIST_DOC = "Sorted by name; `count` is the total, page with `limit` and `offset`."
ITEM_DOC = (
    "One {name} in one format (`format=json|jsonld|vcard|text|html`, `lang=sv|en`); "
    "the JSON is described here."
)


# The item's other formats (`format=`), documented beside the JSON schema ninja writes.
OTHER_FORMATS = {
    "application/ld+json": {"schema": {"type": "object", "description": "schema.org JSON-LD"}},
    "text/vcard": {"schema": {"type": "string", "description": "vCard 4.0 (RFC 6350)"}},
    "text/plain": {"schema": {"type": "string", "description": "Plain text"}},
    "text/html": {"schema": {"type": "string", "description": "The accessible HTML fragment"}},
}


def _routes(kind: str, path: str, page_schema, item_schema):
    name = NAMES[kind]

    @api.get(f"/{path}", response={200: page_schema, 422: ErrorOut, 503: ErrorOut},
             summary=f"List {name}s", description=LIST_DOC, operation_id=f"list_{kind}s",
             tags=[path])  # fmt: skip
    def list_view(request, paging: Query[Paging]):
        return listing(request, kind, paging)

    @api.get(f"/{path}/{{slug}}", response={200: item_schema, 404: ErrorOut, 422: ErrorOut},
             summary=f"One {name}", description=ITEM_DOC.format(name=name),
             operation_id=f"get_{kind}", tags=[path],
             openapi_extra={"responses": {200: {"content": OTHER_FORMATS}}})  # fmt: skip
    def item_view(request, slug: str, lang: Lang = Lang.sv, format: Format = Format.json):
        return item(request, kind, slug, lang, format)


_routes(TOPIC, "topics", TopicPage, TopicOut)
_routes(FUNCTION, "functions", FunctionPage, FunctionOut)
_routes(ORGANISATION, "organisations", OrganisationPage, OrganisationOut)
_routes(EXTERNAL_ACTOR, "external-actors", ExternalActorPage, ExternalActorOut)


# -- search -----------------------------------------------------------------------------


SEARCH_DOC = "Swedish-aware: `bygglov` finds 'Ansöka om bygglov'; so does `bygglof`."


@api.get("/search", response={200: SearchOut, 422: ErrorOut, 503: ErrorOut}, tags=["search"],
         summary="Search topics, functions, organisations and external actors",
         description=SEARCH_DOC)  # fmt: skip
def search_view(
    request,
    q: str = Query(..., min_length=1, max_length=200),
    kind: str | None = Query(None, pattern="^(topic|function|organisation|external_actor)$"),
    limit: int = Query(20, ge=1, le=100),
):
    artifact = store.read(store.SEARCH_PATH)
    if artifact is None:
        return _not_published()
    hits = search_module.search(q, (kind,) if kind else SUBJECT_KINDS, limit)
    if kind is None:  # a search of one kind finding nothing says nothing of the registry
        missed_searches.record(q, hits, request.user)
    items = [
        {
            "type": h.kind, "slug": h.slug, "name": h.name, "score": h.score,
            "url": f"{settings.SITE_URL}/api/v1/{store.FOLDERS[h.kind]}/{h.slug}",
        }
        for h in hits
    ]  # fmt: skip
    body = {"query": q, "count": len(items), "items": items}
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    return data_response(request, data, "application/json", artifact.mtime)


# -- the change feed --------------------------------------------------------------------


CHANGES_DOC = "Start with `since=0`; keep the answer's `next` for the next call."


@api.get("/changes", response={200: ChangesOut, 422: ErrorOut}, tags=["changes"],
         summary="What was published after a cursor",
         description=CHANGES_DOC)  # fmt: skip
def changes_view(request, since: int = Query(0, ge=0), limit: int = Query(100, ge=1, le=1000)):
    rows = list(Change.objects.filter(pk__gt=since).order_by("pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    body = {
        "changes": [
            {
                "id": c.pk, "published_at": c.created_at.isoformat(), "reason": c.reason,
                "subjects": c.subjects,
            }
            for c in rows
        ],
        "next": rows[-1].pk if rows else since,
        "more": more,
    }  # fmt: skip
    data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    mtime = rows[-1].created_at.timestamp() if rows else time.time()
    return data_response(request, data, "application/json", mtime)


@api.get("/changes.atom", tags=["changes"], summary="The last changes as an Atom feed",
         response={200: str, 503: ErrorOut}, openapi_extra={"responses": {200: {
             "description": "Atom 1.0", "content": {"application/atom+xml": {}}}}})  # fmt: skip
def changes_atom(request):
    artifact = store.read(store.FEED_PATH)
    if artifact is None:
        return _not_published()
    return artifact_response(request, artifact)


@api.api_operation(["GET", "HEAD"], "/{path:rest}", include_in_schema=False)
def unknown_path(request, rest: str):
    """Anything else under /api/v1/ is a JSON 404 too, not an HTML page."""
    return error(404, "not_found", f"There is no API path /api/v1/{rest}; see /api/v1/docs.")
