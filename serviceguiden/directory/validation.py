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
    problems += policy_problems("description", "text", function.description, owner_domains)
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
    organisation = channel.function.organisation
    owner = organisation.owner_domains
    found = policy_problems("value", channel.policy_kind, value, owner)
    problems += _hours_problems(channel)
    problems += policy_problems("label", "text", channel.label, owner)
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
    problems += policy_problems("description", "text", topic.description, owner)
    if isinstance(synonyms, list):
        for synonym in synonyms:
            if isinstance(synonym, str):
                problems += policy_problems("synonyms", "text", synonym, owner)
    return problems


def validate_external_actor(actor: ExternalActor) -> list[Problem]:
    problems = _required(actor, "name", "Namn / name") + _required(actor, "slug", "Nyckel / key")
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
    # P4: what it is for is a sentence, never a phone number or mailbox of theirs.
    problems += policy_problems("purpose", "text", actor.purpose)
    return problems


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
