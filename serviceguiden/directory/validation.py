"""One place that decides whether an entry may be saved. Returns `Problem`s (errors block,
warnings are shown); never saves anything.

Contact details are judged by the policy engine (`serviceguiden.policy.check_field`):
the registry does not re-implement P3 (personal) or P4 (external) — it only passes the
owning organisation's domains and applies the one way past P3, an active exception.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from serviceguiden.directory import hours as hours_module
from serviceguiden.directory.errors import Problem, current_lang, problem
from serviceguiden.directory.models import (
    KINDS_WITH_HOURS,
    Channel,
    ChannelKind,
    ExternalActor,
    Function,
    Organisation,
    OrganisationKind,
    PolicyException,
    Status,
    Topic,
    today,
)
from serviceguiden.policy import check_field, format_phone, load_profile, phone_e164

EXCEPTION_REASON_MIN = 10
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
PHONE_KINDS = {ChannelKind.PHONE, ChannelKind.SMS, ChannelKind.TEXT_PHONE}


def city_profile():
    return load_profile(settings.SERVICEGUIDEN_PROFILE or None)


def policy_problems(field: str, kind: str, value: str, owner_domains=()) -> list[Problem]:
    """`check_field` violations as registry problems for one field."""
    if not value:
        return []
    violations = check_field(
        kind, value, profile=city_profile(), owner_domains=tuple(owner_domains),
        lang=current_lang(),
    )  # fmt: skip
    return [
        Problem(
            field=field,
            rule=v.rule,
            severity=v.severity,
            message_sv=v.message_sv,
            message_en=v.message_en,
            fix_sv=v.fix_sv,
            fix_en=v.fix_en,
            principle=v.principle,
            evidence=tuple(v.evidence),
        )
        for v in violations
    ]


def normalize(kind: str, value: str) -> str:
    """The matching key of a contact detail: lower-cased e-mail or E.164 number."""
    value = value.strip()
    if kind == "email" or "@" in value:
        return value.lower()
    if kind == "phone":
        try:
            return phone_e164(value)
        except ValueError:
            return ""
    return ""


# Keys (slugs) name URLs and files of the published store: never a path.
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_MAX = 100
# Free-text fields have no length of their own on either database; these bound them the same
# on SQLite and PostgreSQL (CharFields are bounded by their max_length).
TEXT_LIMITS = {
    "description": 2000,
    "purpose": 1000,
    "value": 500,
    "reason": 1000,
    "shared_mobile_reason": 500,
}
JSON_LIMIT = 10_000  # characters of a JSON field (hours, domains, synonyms) as stored
SHARED_MOBILE_REASON_MIN = 10
# Control characters and the bidirectional overrides that make text read differently than it
# is stored. Names allow none of them; longer texts allow line breaks and tabs.
_BIDI = "\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}]")


def _key(obj) -> list[Problem]:
    value = obj.slug
    if not isinstance(value, str) or not value:
        return []  # `_required` reports it
    if len(value) > KEY_MAX or not KEY_PATTERN.match(value):
        return [problem("REG-key", "slug", value=value[:120], max=KEY_MAX)]
    return []


def _field_label(obj, name: str) -> str:
    try:
        return str(obj._meta.get_field(name).verbose_name).capitalize()
    except Exception:
        return name


def _bounded(obj, names: tuple[str, ...] = ()) -> list[Problem]:
    """Lengths of every text field of `obj`, and control characters: a clear error instead of
    PostgreSQL's DataError (or SQLite's silent acceptance)."""
    problems = []
    for model_field in obj._meta.concrete_fields:
        name = model_field.name
        value = getattr(obj, model_field.attname, None)
        if isinstance(value, (list, dict)):
            import json

            length = len(json.dumps(value, ensure_ascii=False))
            if length > JSON_LIMIT:
                problems.append(
                    problem("REG-too-long", name, label=_field_label(obj, name), length=length,
                            max=JSON_LIMIT)
                )  # fmt: skip
            continue
        if not isinstance(value, str):
            continue
        limit = model_field.max_length or TEXT_LIMITS.get(name)
        if limit and len(value) > limit:
            problems.append(
                problem("REG-too-long", name, label=_field_label(obj, name), length=len(value),
                        max=limit)
            )  # fmt: skip
            continue
        pattern = _CONTROL_IN_TEXT if name in TEXT_LIMITS or name in names else _CONTROL_IN_NAME
        if pattern.search(value):
            problems.append(problem("REG-control-characters", name, label=_field_label(obj, name)))
    return problems


def _required(obj, field: str, label: str) -> list[Problem]:
    if not str(getattr(obj, field) or "").strip():
        return [problem("REG-required", field, label=label)]
    return []


def _unique(obj, field: str, label: str, what: str) -> list[Problem]:
    value = getattr(obj, field)
    if value and type(obj).objects.filter(**{field: value}).exclude(pk=obj.pk).exists():
        return [problem("REG-duplicate", field, what=what, label=label, value=value)]
    return []


def _url(field: str, value: str) -> list[Problem]:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return [problem("REG-url", field, value=value)]
    return []


# -- organisations ----------------------------------------------------------------------


def validate_organisation(org: Organisation) -> list[Problem]:
    problems = _required(org, "name", "Namn / name") + _required(org, "slug", "Nyckel / key")
    problems += _key(org) + _bounded(org)
    problems += _unique(org, "name", "namn/name", "en organisation / an organisation")
    problems += _unique(org, "slug", "nyckel/key", "en organisation / an organisation")
    if org.kind not in OrganisationKind.values:
        problems.append(
            problem(
                "REG-choice", "kind", value=org.kind, label="kind",
                choices=", ".join(OrganisationKind.values),
            )
        )  # fmt: skip
    if org.kind == OrganisationKind.CONTACT_CENTER:
        existing = Organisation.objects.contact_center().exclude(pk=org.pk).first()
        if existing:
            problems.append(problem("REG-one-contact-center", "kind", existing=existing.name))
    problems += _parent_cycle(org)
    domains = org.domains if isinstance(org.domains, list) else []
    if not isinstance(org.domains, list):
        problems.append(problem("REG-domain-format", "domains", value=org.domains))
    profile = city_profile()
    for domain in domains:
        if not isinstance(domain, str) or not _DOMAIN.match(domain.lower()):
            problems.append(problem("REG-domain-format", "domains", value=domain))
            continue
        actor = profile.external_for_domain(domain)
        if actor:
            problems.append(
                problem("REG-own-domain-external", "domains", value=domain, actor=actor.name)
            )
    owner_domains = tuple(d.lower() for d in domains if isinstance(d, str))
    problems += policy_problems("name", "name", org.name, owner_domains)
    problems += policy_problems("general_email", "email", org.general_email, owner_domains)
    if org.website:
        problems += _url("website", org.website)
        problems += policy_problems("website", "website", org.website, owner_domains)
    return problems


def _parent_cycle(org: Organisation) -> list[Problem]:
    seen = set()
    parent = org.parent
    while parent is not None:
        if (org.pk is not None and parent.pk == org.pk) or parent.pk in seen:
            return [problem("REG-parent-cycle", "parent", organisation=org.name)]
        seen.add(parent.pk)
        parent = parent.parent
    return []


# -- functions and channels -------------------------------------------------------------


def validate_function(function: Function) -> list[Problem]:
    problems = _required(function, "name", "Namn / name") + _required(function, "slug", "Nyckel")
    problems += _key(function) + _bounded(function)
    problems += _unique(function, "slug", "nyckel/key", "en funktion / a function")
    if function.organisation_id is None:
        problems.append(problem("REG-required", "organisation", label="Organisation"))
        return problems
    if (
        function.name
        and Function.objects.filter(organisation_id=function.organisation_id, name=function.name)
        .exclude(pk=function.pk)
        .exists()
    ):
        problems.append(
            problem(
                "REG-duplicate", "name", what="en funktion / a function",
                label="namn i organisationen / name in the organisation", value=function.name,
            )
        )  # fmt: skip
    if function.status not in Status.values:
        problems.append(
            problem(
                "REG-choice", "status", value=function.status, label="status",
                choices=", ".join(Status.values),
            )
        )  # fmt: skip
    if function.review_by is None:
        problems.append(problem("REG-required", "review_by", label="Granska senast / review by"))
    owner_domains = function.organisation.owner_domains
    problems += policy_problems("name", "name", function.name, owner_domains)
    problems += policy_problems("description", "name", function.description, owner_domains)
    problems += _contact_center_mark(function)
    return problems


def _contact_center_mark(function: Function) -> list[Problem]:
    """At most one function is the city's contact center, and it belongs to an organisation
    of kind contact center (the database's unique constraint backs the first rule)."""
    if not function.is_contact_center:
        return []
    problems = []
    if function.organisation.kind != OrganisationKind.CONTACT_CENTER:
        problems.append(
            problem("REG-contact-center-function", "is_contact_center",
                    organisation=function.organisation.name)
        )  # fmt: skip
    existing = Function.objects.contact_center().exclude(pk=function.pk).first()
    if existing is not None:
        problems.append(
            problem("REG-one-contact-center-function", "is_contact_center", existing=existing.name)
        )
    return problems


def validate_channel(
    channel: Channel, *, allow_lapsed_exception: bool = False
) -> tuple[list[Problem], PolicyException | None]:
    """Problems of one channel, and the exception it relies on (if a P3 rule was excused).

    A personal detail (P3 error) passes only with an active exception for the same value
    and organisation; `allow_lapsed_exception` (import only) lets a stored channel keep a
    lapsed one — it is then kept but never shown (`Channel.objects.live()`).
    """
    problems: list[Problem] = []
    if channel.kind not in ChannelKind.values:
        choices = ", ".join(ChannelKind.values)
        return [
            problem("REG-choice", "kind", value=channel.kind, label="kind", choices=choices)
        ], None
    value = (channel.value or "").strip()
    if not value:
        return [problem("REG-required", "value", label="Värde / value")], None
    bounded = _bounded(channel, ("value",))
    if bounded:
        return bounded, None
    organisation = channel.function.organisation
    owner = organisation.owner_domains
    found = _shared_mobile(channel, policy_problems("value", channel.policy_kind, value, owner))
    problems += _hours_problems(channel)
    problems += policy_problems("label", "name", channel.label, owner)
    exception = None
    personal = [p for p in found if p.is_error and p.principle == "P3"]
    others = [p for p in found if not (p.is_error and p.principle == "P3")]
    if personal and not [p for p in others if p.is_error]:
        exception = find_exception(organisation, channel.policy_kind, value, allow_lapsed_exception)
        if exception is not None:
            severity_rule = "REG-exception-used" if exception.is_active else "REG-exception-lapsed"
            personal = [
                problem(
                    severity_rule, "value", severity="warning", ends_on=exception.ends_on,
                    reason=exception.reason, value=value,
                )
            ]  # fmt: skip
    return problems + others + personal, exception


def _shared_mobile(channel: Channel, found: list[Problem]) -> list[Problem]:
    """A mobile number is a person's (P3) unless the editor states that the function shares
    it and why: the policy engine's warning becomes an error without that statement."""
    if not any(p.rule == "P3-mobile-number" for p in found):
        return found
    reason = (channel.shared_mobile_reason or "").strip()
    others = [p for p in found if p.rule != "P3-mobile-number"]
    if not reason:
        return [*others, problem("REG-mobile-unstated", "value", value=channel.value.strip())]
    if len(reason) < SHARED_MOBILE_REASON_MIN:
        return [
            *others,
            problem("REG-mobile-reason", "shared_mobile_reason", min=SHARED_MOBILE_REASON_MIN),
        ]
    return [*others, *(p for p in found if p.rule == "P3-mobile-number")]  # stays a warning


def find_exception(organisation, kind: str, value: str, allow_lapsed: bool = False):
    key = normalize(kind, value)
    if not key:
        return None
    candidates = PolicyException.objects.filter(organisation=organisation, normalized=key)
    if not allow_lapsed:
        candidates = candidates.active()
    return candidates.order_by("-ends_on").first()


def display_value(channel: Channel) -> str:
    """The stored form of a valid value: phones in Swedish display form, e-mail lower-case."""
    value = channel.value.strip()
    if channel.kind in PHONE_KINDS:
        try:
            return format_phone(value)
        except ValueError:
            return value
    if channel.kind == ChannelKind.EMAIL:
        return value.lower()
    return value


def _hours_problems(channel: Channel) -> list[Problem]:
    if not channel.hours:
        return []
    if channel.kind not in KINDS_WITH_HOURS:
        return [problem("REG-hours-kind", "hours", kind=channel.get_kind_display())]
    try:
        parsed = hours_module.parse_hours(channel.hours)
    except hours_module.HoursError as exc:
        return [problem("REG-hours", "hours", detail_sv=exc.message_sv, detail_en=exc.message_en)]
    owner = channel.function.organisation.owner_domains
    return policy_problems("hours", "text", parsed.note, owner)


# -- topics and external actors ---------------------------------------------------------


def validate_topic(topic: Topic) -> list[Problem]:
    problems = _required(topic, "name", "Namn / name") + _required(topic, "slug", "Nyckel / key")
    problems += _key(topic) + _bounded(topic)
    problems += _unique(topic, "name", "namn/name", "ett ärende / a topic")
    problems += _unique(topic, "slug", "nyckel/key", "ett ärende / a topic")
    if topic.organisation_id is None:
        problems.append(problem("REG-required", "organisation", label="Organisation"))
    synonyms = topic.synonyms
    if not isinstance(synonyms, list) or not all(
        isinstance(s, str) and 0 < len(s.strip()) <= 200 for s in synonyms
    ):
        problems.append(problem("REG-synonyms", "synonyms"))
    if (topic.function_id is None) == (topic.external_actor_id is None):
        problems.append(problem("REG-route", "function"))
    elif topic.function_id is not None and topic.function.status == Status.ARCHIVED:
        replacement = topic.function.replaced_by
        problems.append(
            problem(
                "REG-route-archived", "function", function=topic.function.name,
                replacement=f" ({replacement.name})" if replacement else "",
            )
        )  # fmt: skip
    owner = topic.organisation.owner_domains if topic.organisation_id else ()
    problems += policy_problems("name", "name", topic.name, owner)
    problems += policy_problems("description", "name", topic.description, owner)
    if isinstance(synonyms, list):
        for synonym in synonyms:
            if isinstance(synonym, str):
                problems += policy_problems("synonyms", "name", synonym, owner)
    return problems


def validate_external_actor(actor: ExternalActor) -> list[Problem]:
    problems = _required(actor, "name", "Namn / name") + _required(actor, "slug", "Nyckel / key")
    problems += _key(actor) + _bounded(actor)
    problems += _unique(actor, "name", "namn/name", "en extern aktör / an external actor")
    problems += _unique(actor, "slug", "nyckel/key", "en extern aktör / an external actor")
    problems += _required(actor, "website", "Webbplats / website")
    if actor.website:
        url_problems = _url("website", actor.website)
        problems += url_problems
        if not url_problems:
            host = actor.website.split("//", 1)[1].split("/", 1)[0].split(":")[0].lower()
            if city_profile().is_own_domain(host):
                problems.append(problem("REG-external-own-domain", "website", value=actor.website))
    # P4: the name and what it is for are words, never a phone number or mailbox of theirs.
    problems += policy_problems("name", "name", actor.name)
    problems += policy_problems("purpose", "name", actor.purpose)
    problems += _national_number(actor)
    return problems


def _national_number(actor: ExternalActor) -> list[Problem]:
    """The one number an external actor may carry: a national service number the city
    profile lists (112, 1177, 114 14 …). It is stored as the profile writes it."""
    value = (actor.national_number or "").strip()
    if not value:
        return []
    profile = city_profile()
    found = profile.national_number(value)
    if found is None:
        numbers = ", ".join(n.number for n in profile.national_numbers)
        return [problem("REG-national-number", "national_number", value=value, numbers=numbers)]
    actor.national_number = found.number
    return []


# -- exceptions -------------------------------------------------------------------------


def exception_kind(value: str) -> str:
    return "email" if "@" in value else "phone"


def validate_exception(exception: PolicyException, *, check_window: bool = True) -> list[Problem]:
    """A new exception needs a P3-refused value, a reason and an end date within the
    allowed window. `check_window=False` (import only) accepts a stored end date as is."""
    problems = _required(exception, "value", "Kontaktuppgift / contact detail")
    if exception.organisation_id is None:
        problems.append(problem("REG-required", "organisation", label="Organisation"))
    if len((exception.reason or "").strip()) < EXCEPTION_REASON_MIN:
        problems.append(problem("REG-exception-reason", "reason", min=EXCEPTION_REASON_MIN))
    max_days = settings.SERVICEGUIDEN_EXCEPTION_MAX_DAYS
    latest = today() + dt.timedelta(days=max_days)
    if exception.ends_on is None or (
        check_window and exception.pk is None and not today() < exception.ends_on <= latest
    ):
        problems.append(
            problem("REG-exception-end", "ends_on", max_days=max_days, latest=latest.isoformat())
        )
    if problems or not exception.value:
        return problems
    owner = exception.organisation.owner_domains
    kind = exception_kind(exception.value)
    found = policy_problems("value", kind, exception.value, owner)
    blocking = [p for p in found if p.is_error and p.principle != "P3"]
    if blocking:
        rules = ", ".join(sorted({p.rule for p in blocking}))
        problems.append(
            problem("REG-exception-not-allowed", "value", value=exception.value, rules=rules)
        )
    elif not [p for p in found if p.is_error and p.principle == "P3"]:
        problems.append(problem("REG-exception-not-needed", "value", value=exception.value))
    return problems
