"""The registry as the checker holds details against it: every shown channel of a published
function, the organisations' general mailboxes, the city group's companies with their
domains and numbers, and which organisation owns which page addresses.

A `Registry` is read once per crawl (or per crawl task) from the database and then used
without queries: `match()` turns the policy engine's findings for one text into the
checker's, with registry-aware rules (see `checker/rules.py`):

1. a detail equal to a registry channel is a hard-coded copy (P2), whatever the engine
   thought of it — the registry's entries are already validated;
2. a number in the city's own series that is not in the registry, beside a person's name or
   personal e-mail address, is a personal number (P3), as the engine labels such numbers;
3. a phone or e-mail not in the registry beside details of exactly one function, which has a
   channel of that kind, is a stale copy of it (P2, error).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from serviceguiden.checker import rules
from serviceguiden.checker.links import normalise, site_key
from serviceguiden.directory.models import (
    Channel,
    ChannelKind,
    Organisation,
    OrganisationKind,
    Status,
    Topic,
)
from serviceguiden.directory.validation import city_profile
from serviceguiden.policy import RULES, CityProfile, Finding, phone_e164
from serviceguiden.policy.profile import Organisation as ProfileOrganisation

PHONE_KINDS = {ChannelKind.PHONE, ChannelKind.SMS, ChannelKind.TEXT_PHONE}
MATCHED_KINDS = {"email": "email", "phone": "phone"}
BESIDE = 200  # characters between two details that belong together
PERSON_BESIDE = 120


@dataclass(frozen=True)
class Entry:
    kind: str  # "function" or "organisation"
    key: str  # the function's or organisation's slug
    value: str  # as the registry shows it
    detail: str  # "email" or "phone"
    name: str
    organisation: str  # its organisation's slug
    contact_center: bool = False

    def as_json(self) -> dict:
        return {"kind": self.kind, "key": self.key, "value": self.value}


@dataclass
class Detail:
    """A finding on its way out: the engine's, with the registry's verdict."""

    value: str
    start: int
    end: int
    kind: str
    label: str
    rule: str
    principle: str
    severity: str
    message: str
    fix: str
    evidence: list[str]
    normalized: str
    registry: Entry | None = None
    block: str = ""

    @classmethod
    def of(cls, finding: Finding) -> Detail:
        return cls(
            value=finding.value, start=finding.start, end=finding.end, kind=finding.kind,
            label=finding.label, rule=finding.rule, principle=finding.principle,
            severity=finding.severity, message=finding.message, fix=finding.fix,
            evidence=list(finding.evidence), normalized=finding.normalized,
        )  # fmt: skip

    def shifted(self, offset: int) -> Detail:
        return dataclasses.replace(
            self, start=self.start + offset, end=self.end + offset, evidence=list(self.evidence)
        )


def detail_key(kind: str, value: str) -> str | None:
    if kind == "email":
        return "email:" + value.strip().lower().removeprefix("mailto:")
    if kind == "phone":
        try:
            number = phone_e164(value)
        except Exception:  # a value the engine found but cannot parse again
            return None
        return "phone:" + number if number else None
    return None


@dataclass
class Registry:
    profile: CityProfile
    entries: dict[str, list[Entry]] = field(default_factory=dict)
    function_details: dict[str, dict[str, list[Entry]]] = field(default_factory=dict)
    prefixes: list[tuple[str, int]] = field(default_factory=list)  # (site_key+path, org id)
    organisations: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (slug, name)
    topics: dict[str, tuple[str, str]] = field(default_factory=dict)  # function: (slug, name)

    # -- reading ------------------------------------------------------------------------
    @classmethod
    def load(cls, profile: CityProfile | None = None) -> Registry:
        from serviceguiden.checker.models import PagePrefix

        registry = cls(profile or city_profile())
        organisations = list(Organisation.objects.all())
        registry.organisations = {o.pk: (o.slug, o.name) for o in organisations}
        by_id = {o.pk: o for o in organisations}
        channels = (
            Channel.objects.live()
            .filter(function__status=Status.PUBLISHED)
            .select_related("function")
            .order_by("function_id", "position", "id")
        )
        for channel in channels:
            registry._add_channel(channel, by_id[channel.function.organisation_id])
        for organisation in organisations:
            if organisation.general_email:
                registry._add(
                    Entry("organisation", organisation.slug, organisation.general_email,
                          "email", organisation.name, organisation.slug,
                          organisation.kind == OrganisationKind.CONTACT_CENTER)
                )  # fmt: skip
        for topic in Topic.objects.filter(function__isnull=False).order_by("name"):
            slug = topic.function.slug if topic.function else ""
            registry.topics.setdefault(slug, (topic.slug, topic.name))
        registry.profile = _with_registry(registry.profile, organisations, channels)
        prefixes = [(p.prefix, p.organisation_id) for p in PagePrefix.objects.all()]
        prefixes += [(o.website, o.pk) for o in organisations if _is_section(o.website)]
        registry.prefixes = sorted(
            ((k, org) for prefix, org in prefixes if (k := _prefix_key(prefix))),
            key=lambda item: len(item[0]),
            reverse=True,
        )
        return registry

    def _add_channel(self, channel: Channel, organisation: Organisation) -> None:
        detail = "phone" if channel.kind in PHONE_KINDS else channel.kind
        if detail not in ("phone", "email"):
            return
        function = channel.function
        entry = Entry(
            "function", function.slug, channel.value, detail, function.name, organisation.slug,
            organisation.kind == OrganisationKind.CONTACT_CENTER,
        )  # fmt: skip
        self._add(entry)
        self.function_details.setdefault(function.slug, {}).setdefault(detail, []).append(entry)

    def _add(self, entry: Entry) -> None:
        key = detail_key(entry.detail, entry.value)
        if key:
            self.entries.setdefault(key, []).append(entry)

    # -- ownership ----------------------------------------------------------------------
    def owner_of(self, url: str) -> int | None:
        key = _prefix_key(url)
        if key is None:
            return None
        for prefix, organisation in self.prefixes:
            if key.startswith(prefix):
                return organisation
        return None

    # -- matching -----------------------------------------------------------------------
    def match(self, findings: list[Finding], lang: str) -> list[Detail]:
        details = [Detail.of(f) for f in findings]
        for detail in details:
            key = detail_key(detail.kind, detail.normalized or detail.value)
            found = self.entries.get(key, []) if key else []
            if found:
                self._hard_coded(detail, found[0], lang)
        people = _people(details)
        for detail in details:
            if detail.registry is None and self._personal_number(detail, people):
                _relabel(detail, "personal", "P3-personal-phone", lang, self.profile)
                detail.evidence.append(
                    "in the city's number series, not in the registry, beside a person"
                )
        for detail in details:
            if detail.registry is None and detail.label in ("function", "unknown"):
                self._stale(detail, details, lang)
        return details

    def _hard_coded(self, detail: Detail, entry: Entry, lang: str) -> None:
        detail.registry = entry
        detail.label = "contact_center" if entry.contact_center else "function"
        _relabel(detail, detail.label, rules.HARD_CODED, lang, self.profile, **self._fix(entry))
        detail.evidence.append(f"in the registry: {entry.kind} {entry.key}")

    def _personal_number(self, detail: Detail, people: list[Detail]) -> bool:
        if detail.kind != "phone" or detail.label not in ("function", "unknown"):
            return False
        digits = "0" + (detail_key("phone", detail.value) or "")[len("phone:+46") :]
        if not self.profile.in_own_series(digits):
            return False
        return any(_gap(detail, person) <= PERSON_BESIDE for person in people)

    def _stale(self, detail: Detail, details: list[Detail], lang: str) -> None:
        kind = MATCHED_KINDS.get(detail.kind)
        if kind is None:
            return
        beside = {
            d.registry.key
            for d in details
            if d.registry is not None and d.registry.kind == "function"
            and _gap(detail, d) <= BESIDE
        }  # fmt: skip
        if len(beside) != 1:
            return
        function = beside.pop()
        current = self.function_details.get(function, {}).get(kind)
        if not current:
            return
        detail.registry = current[0]
        fix = self._fix(current[0])
        _relabel(detail, detail.label, rules.STALE, lang, self.profile, current=current[0].value,
                 **fix)  # fmt: skip
        detail.evidence.append(f"beside details of function {function}; the registry has another")

    def _fix(self, entry: Entry) -> dict[str, str]:
        from serviceguiden.publishing.embeds import component_html
        from serviceguiden.publishing.models import FUNCTION, TOPIC

        if entry.kind == "function" and entry.key in self.topics:
            slug, name = self.topics[entry.key]
            return {"name": name, "embed": component_html(TOPIC, slug, f"Kontakt: {name}")}
        if entry.kind == "function":
            return {
                "name": entry.name,
                "embed": component_html(FUNCTION, entry.key, f"Kontakt: {entry.name}"),
            }
        return {"name": entry.name, "embed": ""}


def _relabel(detail: Detail, label: str, rule_id: str, lang: str, profile, **values) -> None:
    rule = rules.rule(rule_id) or RULES[rule_id]
    detail.label, detail.rule = label, rule.id
    detail.principle, detail.severity = rule.principle, rule.severity
    detail.message = rule.message(lang)
    detail.fix = rule.fix(profile, lang, website_sv="", website_en="", **values).strip()


def _gap(a: Detail, b: Detail) -> int:
    return max(0, b.start - a.end, a.start - b.end)


def _is_section(website: str) -> bool:
    """An organisation's website owns pages only when it is a section of a site, not a
    site's front page (which would own every page)."""
    key = _prefix_key(website) if website else None
    return bool(key) and "/" in key.rstrip("/")


def _prefix_key(url: str) -> str | None:
    normal = normalise(url)
    if normal is None:
        return None
    scheme, rest = normal.split("://", 1)
    host, _, path = rest.partition("/")
    return site_key(host) + "/" + path


def _with_registry(profile: CityProfile, organisations, channels) -> CityProfile:
    """The profile plus what the registry knows of the city group: companies with their own
    domains and switchboard numbers, and administrations' extra domains."""
    known = {name.lower() for c in profile.city_companies for name in c.names}
    numbers: dict[int, list[str]] = {}
    for channel in channels:
        if channel.kind in PHONE_KINDS:
            national = detail_key("phone", channel.value) or ""
            if national.startswith("phone:+46"):
                numbers.setdefault(channel.function.organisation_id, []).append(
                    "0" + national[len("phone:+46") :]
                )
    companies = list(profile.city_companies)
    own = list(profile.own_domains)
    for organisation in organisations:
        domains = tuple(organisation.owner_domains)
        if organisation.kind == OrganisationKind.COMPANY:
            if organisation.name.lower() in known and not domains:
                continue
            companies.append(
                ProfileOrganisation(
                    name=organisation.name, domains=domains,
                    numbers=tuple(numbers.get(organisation.pk, ())),
                    website=organisation.website,
                )
            )  # fmt: skip
        else:
            own.extend(d for d in domains if d not in own)
    return dataclasses.replace(profile, city_companies=tuple(companies), own_domains=tuple(own))


def _people(details: list[Detail]) -> list[Detail]:
    """A person's name, or a detail the engine already gave to a person (an e-mail address
    made of a name): what a number in the city's own series may sit beside."""
    return [
        d for d in details
        if d.kind == "person_name" or (d.kind == "email" and d.label == "personal")
    ]  # fmt: skip
