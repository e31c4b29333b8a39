"""Registry knowledge as an input to `scan`: the channels, organisations and companies the
registry holds, passed in by the caller (the engine stays pure Python, no Django).

A detail that is a registry channel is that function's or organisation's, never a person's;
a registry company's domains are city-company domains; and a personal detail found on a page
gets the registry function that should be shown instead as its fix.

`Known.from_export(data)` reads the registry's export format (`serviceguiden export`, the demo
`goteborg.json`), so the command line can take it as a file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from serviceguiden.policy.profile import CityProfile, Organisation

ORG_LABELS = {"company": "city_company", "contact_center": "contact_center"}
PHONE_KINDS = {"phone", "sms", "text_phone"}


@dataclass(frozen=True)
class KnownChannel:
    """One contact channel of the registry."""

    value: str  # as stored: 'bygglov@sbk.goteborg.se', '031-368 15 00'
    kind: str  # email, phone, …
    function: str  # the function's name ('Bygglov'); '' for an organisation's own channel
    organisation: str  # the organisation's name
    organisation_kind: str = "administration"  # administration, company, contact_center, …
    org: Organisation | None = None  # set for a city company's channel

    @property
    def owner(self) -> str:
        return self.function or self.organisation

    @property
    def kind_text(self) -> str:
        return "function" if self.function else "organisation"

    @property
    def label(self) -> str:
        return ORG_LABELS.get(self.organisation_kind, "function")


@dataclass(frozen=True)
class Known:
    """What the registry knows; empty by default."""

    channels: tuple[KnownChannel, ...] = ()
    companies: tuple[Organisation, ...] = ()  # the registry's city companies with domains
    _index: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __bool__(self) -> bool:
        return bool(self.channels or self.companies)

    @cached_property
    def _by_key(self) -> dict[str, KnownChannel]:
        return {key: c for c in self.channels if (key := channel_key(c.kind, c.value))}

    def channel(self, value: str) -> KnownChannel | None:
        """The registry channel a detail found in text is ('0313681500' or an address)."""
        if not self.channels:
            return None
        kind = "email" if "@" in value else "phone"
        return self._by_key.get(channel_key(kind, value))

    def functions_like(self, kind: str, value: str) -> list[KnownChannel]:
        """Registry channels of the same kind that could replace a personal detail: mailboxes
        of the same domain, phones of the same number series (first six digits)."""
        if kind == "email":
            domain = value.rpartition("@")[2].lower()
            return [
                c
                for c in self.channels
                if c.kind == "email" and c.function and c.value.lower().endswith("@" + domain)
            ]
        key = channel_key("phone", value)
        return [
            c
            for c in self.channels
            if c.kind in PHONE_KINDS and c.function and channel_key("phone", c.value)[:6] == key[:6]
        ]

    def extend(self, profile: CityProfile) -> CityProfile:
        """The profile with the registry's companies added to its city group."""
        if not self.companies:
            return profile
        cached = self._index.get(id(profile))
        if cached is None or cached[0] is not profile:
            names = {c.name for c in profile.city_companies}
            extra = tuple(c for c in self.companies if c.name not in names)
            cached = (
                profile,
                replace(profile, city_companies=profile.city_companies + extra, extra={}),
            )
            self._index[id(profile)] = cached
        return cached[1]

    @classmethod
    def from_export(cls, data: dict) -> Known:
        """Registry knowledge from the registry's export format."""
        organisations = {o["key"]: o for o in data.get("organisations", []) if "key" in o}
        companies = tuple(
            Organisation(name=o["name"], domains=tuple(d.lower() for d in o.get("domains", [])))
            for o in organisations.values()
            if o.get("kind") == "company" and o.get("domains")
        )
        by_name = {c.name: c for c in companies}
        channels: list[KnownChannel] = []
        for org in organisations.values():
            if org.get("general_email"):
                channels.append(_channel(org, "", "email", org["general_email"], by_name))
        for function in data.get("functions", []):
            if function.get("status", "published") == "archived":
                continue
            org = organisations.get(function.get("organisation"), {})
            for channel in function.get("channels", []):
                if channel.get("kind") == "email" or channel.get("kind") in PHONE_KINDS:
                    channels.append(
                        _channel(org, function["name"], channel["kind"], channel["value"], by_name)
                    )
        return cls(channels=tuple(channels), companies=companies)


def _channel(org: dict, function: str, kind: str, value: str, companies) -> KnownChannel:
    return KnownChannel(
        value=value,
        kind=kind,
        function=function,
        organisation=org.get("name", ""),
        organisation_kind=org.get("kind", "administration"),
        org=companies.get(org.get("name", "")),
    )


def channel_key(kind: str, value: str) -> str:
    """E-mail addresses lower-cased; numbers as national digits ('+46 31-…' -> '031…')."""
    value = value.strip()
    if kind == "email" or "@" in value:
        return value.lower().removeprefix("mailto:")
    raw = value.lower().removeprefix("tel:").replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+46"):
        return "0" + digits[2:]
    if digits.startswith("0046"):
        return "0" + digits[4:]
    return digits


NOTHING = Known()


PERSONAL_RULES = {"P3-personal-email", "P3-personal-phone", "P3-person-name", "P3-mobile-number"}


def registry_fix(rule: str, kind: str, value: str, text: str, known: Known, lang: str) -> str:
    """For a personal detail on a page: the registry function to show instead, preferring one
    the page names ('Bygglov' on a bygglov page), then one of the same mailbox domain or
    number series; '' when the registry has none."""
    if rule not in PERSONAL_RULES or not known.channels:
        return ""
    lowered = text.lower()
    similar = known.functions_like(kind, value) if kind in ("email", "phone") else []
    named = [c for c in similar or known.channels if c.function and c.function.lower() in lowered]
    choices = named or similar
    if not choices:
        return ""
    best = choices[0]
    if lang == "en":
        return f"Show the function {best.function} from Serviceguiden instead: {best.value}."
    return f"Visa i stället funktionen {best.function} från Serviceguiden: {best.value}."
