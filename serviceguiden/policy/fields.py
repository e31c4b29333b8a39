"""Validation of one registry field: the single place every write path (admin, forms, API,
import, CLI) asks whether a contact detail may be saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from serviceguiden.policy import phones, places, short_names
from serviceguiden.policy.classify import classify_email, classify_number
from serviceguiden.policy.items import Item
from serviceguiden.policy.known import NOTHING
from serviceguiden.policy.profile import CityProfile, load_profile
from serviceguiden.policy.rules import RULES, rule_for, settle_person
from serviceguiden.policy.scan import scan

KINDS = ("email", "phone", "website", "address", "text", "name")


@dataclass(frozen=True)
class Violation:
    rule: str
    principle: str
    severity: str  # error blocks the save; warning is shown
    label: str
    message: str
    fix: str
    message_sv: str
    message_en: str
    fix_sv: str
    fix_en: str
    evidence: tuple[str, ...] = ()

    @property
    def blocking(self) -> bool:
        return self.severity == "error"

    def as_dict(self) -> dict:
        return {
            "rule": self.rule,
            "principle": self.principle,
            "severity": self.severity,
            "label": self.label,
            "message": self.message,
            "fix": self.fix,
            "message_sv": self.message_sv,
            "message_en": self.message_en,
            "fix_sv": self.fix_sv,
            "fix_en": self.fix_en,
            "evidence": list(self.evidence),
        }


def violation(
    rule_id: str,
    profile: CityProfile,
    *,
    label: str = "unknown",
    lang: str = "sv",
    evidence=(),
    website: str = "",
    severity: str | None = None,
) -> Violation:
    rule = RULES[rule_id]
    extra = {
        "website_sv": f" ({website})" if website else "",
        "website_en": f" ({website})" if website else "",
    }
    fix_sv = rule.fix(profile, "sv", **extra)
    fix_en = rule.fix(profile, "en", **extra)
    return Violation(
        rule=rule.id,
        principle=rule.principle,
        severity=severity or rule.severity,
        label=label,
        message=rule.message(lang),
        fix=fix_en if lang == "en" else fix_sv,
        message_sv=rule.message_sv,
        message_en=rule.message_en,
        fix_sv=fix_sv,
        fix_en=fix_en,
        evidence=tuple(evidence),
    )


def check_field(
    kind: str,
    value: str,
    *,
    profile: CityProfile | None = None,
    owner_domains: tuple[str, ...] | list[str] = (),
    lang: str = "sv",
) -> list[Violation]:
    """Violations of the contact principles by one field value; errors block the save.

    kind is one of email, phone, website, address, text (free text such as a description,
    which must not carry contact details of its own) or name (a short name or label: a
    function's or organisation's name, a channel label, an external actor's name, a synonym,
    which must not name a person either).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}; use one of {', '.join(KINDS)}")
    profile = profile or load_profile()
    value = (value or "").strip()
    if not value:
        return []
    checker = {
        "email": _check_email,
        "phone": _check_phone,
        "website": _check_website,
        "address": _check_address,
        "text": _check_text,
        "name": _check_name,
    }[kind]
    return checker(value, profile, tuple(d.lower() for d in owner_domains), lang)


def _check_email(value, profile, owner_domains, lang) -> list[Violation]:
    from email_validator import EmailNotValidError, validate_email  # slow import: on first use

    try:
        normal = validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError as exc:
        return [violation("FMT-email", profile, lang=lang, evidence=(str(exc),))]
    item = Item(0, 0, "email", normal)
    classify_email(item, normal, profile, NOTHING)
    settle_person(item)
    domain = normal.partition("@")[2]
    owned = any(domain == d or domain.endswith("." + d) for d in owner_domains)
    if item.person or (item.label in ("external", "city_company") and not owned):
        website = item.org.website if item.org else ""
        rule = rule_for(item)
        return [violation(rule, profile, label=item.label, lang=lang, evidence=item.evidence,
                          website=website)]  # fmt: skip
    return []


def _check_phone(value, profile, owner_domains, lang) -> list[Violation]:
    if profile.national_number(value) is not None:
        return []  # 112, 1177, 114 14: fixed nationally, not an actor's changeable detail
    try:
        national = phones.national_digits(value, profile.area_code)
    except ValueError:
        return [violation("FMT-phone", profile, lang=lang)]
    if national.startswith("+"):
        return [
            violation(
                "P4-external-phone",
                profile,
                label="external",
                lang=lang,
                evidence=("foreign number",),
            )
        ]
    item = Item(0, 0, "phone", national)
    classify_number(item, national, profile, NOTHING)
    website = item.org.website if item.org else ""
    if (
        item.label == "external"
        or item.mobile
        or (item.label == "city_company" and not owner_domains)
    ):
        label = "unknown" if item.mobile and item.label == "function" else item.label
        return [
            violation(rule_for(item), profile, label=label, lang=lang, evidence=item.evidence,
                      website=website)
        ]  # fmt: skip
    return []


def _check_website(value, profile, owner_domains, lang) -> list[Violation]:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
        return [violation("FMT-website", profile, lang=lang)]
    host = places.host_of(value)
    if "." not in host:
        return [violation("FMT-website", profile, lang=lang)]
    return []


def _check_address(value, profile, owner_domains, lang) -> list[Violation]:
    found = []
    for finding in scan(value, profile, fmt="text", lang=lang):
        if finding.kind in ("person_name", "personnummer", "email", "phone") and (
            finding.severity == "error"
        ):
            found.append(_from_finding(finding, profile, lang))
    postcode = places.postcode_of(value)
    if postcode and not postcode.startswith(profile.postcode_prefixes):
        found.append(
            violation(
                "P4-external-address",
                profile,
                label="external",
                lang=lang,
                evidence=(f"postcode {postcode} outside the city's postal area",),
                severity="warning",
            )
        )
    return found


def _check_text(value, profile, owner_domains, lang) -> list[Violation]:
    return [
        _from_finding(f, profile, lang)
        for f in scan(value, profile, lang=lang)
        if f.severity in ("error", "warning")
    ]


NAME_FIX_SV = (
    "Ange funktionen, inte personen: t.ex. 'Bygglov, handläggare' eller 'Förskoleantagningen'. "
    "Personer byter tjänst; funktionen finns kvar."
)
NAME_FIX_EN = (
    "Name the function, not the person: e.g. 'Bygglov, handläggare' or 'Förskoleantagningen'. "
    "People change jobs; the function stays."
)


def _check_name(value, profile, owner_domains, lang) -> list[Violation]:
    """A short name or label: everything free text must not carry, and no person's name even
    without a contact detail beside it."""
    found = _check_text(value, profile, owner_domains, lang)
    if not any(v.rule in ("P3-person-name", "P4-external-person") for v in found):
        name, evidence = short_names.person_in_name(value, profile.function_words)
        if name:
            v = violation("P3-person-name", profile, label="personal", lang=lang)
            found.append(Violation(**{**v.__dict__, "evidence": (f"'{name}'", evidence)}))
    return [_name_fix(v, lang) if v.rule == "P3-person-name" else v for v in found]


def _name_fix(v: Violation, lang: str) -> Violation:
    fix = NAME_FIX_EN if lang == "en" else NAME_FIX_SV
    return Violation(**{**v.__dict__, "fix": fix, "fix_sv": NAME_FIX_SV, "fix_en": NAME_FIX_EN})


def _from_finding(finding, profile, lang) -> Violation:
    rule = RULES[finding.rule]
    v = violation(rule.id, profile, label=finding.label, lang=lang, evidence=finding.evidence)
    return Violation(**{**v.__dict__, "evidence": (f"'{finding.value}'", *finding.evidence)})
