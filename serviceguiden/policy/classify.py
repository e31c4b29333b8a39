"""Whose a contact detail is, from the detail itself: ordered tables of small named rules.

Each table is tried top down and the first rule that applies labels the detail and says why
(its evidence). The rule a label breaks is chosen in one place, `rules.rule_for`. What the
words around a detail add (a person beside it, an organisation named before it) is decided
later, in `context` and `page_context`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from serviceguiden.policy import emails, general_contact, phones, places
from serviceguiden.policy.cues import EXTERNAL_WORDS, city_words, mentioned
from serviceguiden.policy.items import Item
from serviceguiden.policy.known import Known
from serviceguiden.policy.profile import CityProfile, Organisation

# A rule's test returns (evidence, organisation) when it applies, None when it does not.
Test = Callable[[str, CityProfile, Known], "tuple[str, Organisation | None] | None"]


@dataclass(frozen=True)
class LabelRule:
    name: str
    label: str
    test: Test
    mobile: bool = False  # the detail is a mobile number: flagged (P3-mobile-number)


def _apply(table: tuple[LabelRule, ...], item: Item, value: str, profile, known) -> LabelRule:
    for rule in table:
        found = rule.test(value, profile, known)
        if found is not None:
            evidence, org = found
            item.label, item.org, item.mobile = rule.label, org, rule.mobile
            item.evidence.append(evidence)
            return rule
    raise AssertionError("every table ends with a rule that always applies")


def _registry(value: str, profile: CityProfile, known: Known):
    channel = known.channel(value)
    return (f"registry: {channel.kind_text} {channel.owner!r}", None) if channel else None


# -- numbers ---------------------------------------------------------------------------------

NUMBER_RULES: tuple[LabelRule, ...] = (
    LabelRule("registry channel", "function", _registry),
    LabelRule(
        "national service number",
        "national",
        lambda n, p, k: (
            (f"national service number: {s.purpose_en}", None)
            if not n.startswith(("0", "+")) and (s := p.national_number(n))
            else None
        ),
    ),
    LabelRule(
        "contact center",
        "contact_center",
        lambda n, p, k: (
            (f"profile: {p.contact_center.name}", None) if n in p.contact_center.phones else None
        ),
    ),
    LabelRule(
        "city company's number",
        "city_company",
        lambda n, p, k: (
            (f"profile: city company {c.name}", c) if (c := p.company_for_number(n)) else None
        ),
    ),
    LabelRule(
        "external actor's number",
        "external",
        lambda n, p, k: (
            (f"profile: external actor {a.name}", a) if (a := p.external_for_number(n)) else None
        ),
    ),
    LabelRule(
        "foreign number",
        "external",
        lambda n, p, k: ("a number of another country", None) if n.startswith("+") else None,
    ),
    LabelRule(
        "other short number",
        "external",
        lambda n, p, k: (
            ("short number of a national service", None) if not n.startswith("0") else None
        ),
    ),
    LabelRule(
        "city's number series",
        "function",
        lambda n, p, k: ("in the city's number series", None) if p.in_own_series(n) else None,
    ),
    LabelRule(
        "city's area code",
        "function",
        lambda n, p, k: (
            (f"in the city's area code {p.area_code} (no series known)", None)
            if p.in_own_area(n) and not phones.is_mobile(n)
            else None
        ),
    ),
    # A mobile without a person beside it is a function's (a duty phone, an SMS number), but
    # it is flagged: mobiles often follow a person.
    LabelRule(
        "mobile",
        "function",
        lambda n, p, k: (
            ("mobile number outside the city's series", None) if phones.is_mobile(n) else None
        ),
        mobile=True,
    ),
    LabelRule(
        "outside the city", "external", lambda n, p, k: ("outside the city's number series", None)
    ),  # fmt: skip
)


def classify_number(item: Item, national: str, profile: CityProfile, known: Known) -> None:
    rule = _apply(NUMBER_RULES, item, national, profile, known)
    if rule.name == "registry channel":
        _known(item, national, known)


def phone_item(match: phones.PhoneMatch, profile: CityProfile, known: Known) -> Item:
    item = Item(match.start, match.end, "phone", match.national)
    if match.kind == "local":
        item.evidence.append(
            f"no area code: after '{match.cue}', city area code {profile.area_code}"
        )
    classify_number(item, match.national, profile, known)
    return item


# -- e-mail addresses ------------------------------------------------------------------------


def _domain(address: str) -> str:
    return address.partition("@")[2]


EMAIL_RULES: tuple[LabelRule, ...] = (
    LabelRule("registry channel", "function", _registry),
    LabelRule(
        "contact center",
        "contact_center",
        lambda a, p, k: (
            (f"profile: {p.contact_center.name}", None) if a in p.contact_center.emails else None
        ),
    ),
    LabelRule(
        "city's general mailbox",
        "contact_center",
        lambda a, p, k: (
            (f"the general mailbox of {p.name}", None)
            if general_contact.is_general_mailbox(a, p)
            else None
        ),
    ),
    LabelRule(
        "city company's mailbox",
        "city_company",
        lambda a, p, k: (
            (f"domain of city company {c.name}", c)
            if (c := p.company_for_domain(_domain(a)))
            else None
        ),
    ),
    LabelRule(
        "administration's general mailbox",
        "function",
        lambda a, p, k: ("profile: general mailbox", None) if a in p.general_mailboxes else None,
    ),
    LabelRule(
        "city mailbox",
        "function",
        lambda a, p, k: (
            (f"city domain {_domain(a)}", None) if p.is_own_domain(_domain(a)) else None
        ),
    ),
    LabelRule(
        "outside the city",
        "external",
        lambda a, p, k: (
            (f"profile: external actor {x.name}", x)
            if (x := p.external_for_domain(_domain(a)))
            else (f"domain {_domain(a)} is not the city's", None)
        ),
    ),
)


def classify_email(item: Item, address: str, profile: CityProfile, known: Known) -> None:
    """Label an address; a mailbox of the city or a city company whose local part names a
    person is that person's ('anna.svensson@…')."""
    rule = _apply(EMAIL_RULES, item, address, profile, known)
    if rule.name == "registry channel":
        _known(item, address, known)
    elif rule.name in ("city company's mailbox", "city mailbox"):
        verdict = emails.analyse_local_part(address.partition("@")[0], profile.function_words)
        item.evidence.extend(verdict.evidence)
        if verdict.personal:
            item.person = True
            if item.label == "function":
                item.label = "personal"


def email_item(match: emails.EmailMatch, profile: CityProfile, known: Known) -> Item:
    item = Item(match.start, match.end, "email", match.address)
    if match.obfuscated:
        item.evidence.append("obfuscated address")
    classify_email(item, match.address, profile, known)
    return item


def _known(item: Item, value: str, known: Known) -> None:
    """A channel the registry holds: the label of its organisation's kind, never a person's."""
    channel = known.channel(value)
    if channel is not None:
        item.label, item.known = channel.label, channel.owner
        item.org = channel.org


# -- websites --------------------------------------------------------------------------------

HOST_RULES: tuple[LabelRule, ...] = (
    LabelRule(
        "city company's website",
        "city_company",
        lambda h, p, k: (
            (f"website of city company {c.name}", c) if (c := p.company_for_domain(h)) else None
        ),
    ),
    LabelRule(
        "city website",
        "function",
        lambda h, p, k: (f"city domain {h}", None) if p.is_own_domain(h) else None,
    ),
    LabelRule(
        "external website",
        "external",
        lambda h, p, k: (f"external website {h}", p.external_for_domain(h)),
    ),
)


def classify_host(item: Item, host: str, profile: CityProfile, known: Known) -> None:
    _apply(HOST_RULES, item, host, profile, known)


def url_item(match: places.PlaceMatch, profile: CityProfile, known: Known) -> Item:
    item = Item(match.start, match.end, match.kind, match.value)
    classify_host(item, match.host, profile, known)
    return item


# -- addresses -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Around:
    """What the text says around an address."""

    match: places.PlaceMatch
    own_line: str  # the address's own line or sentence, before it
    context: str  # the line before and the address's line
    paragraph: str


def _city_line(a: _Around, p: CityProfile):
    # The address's own line or sentence names the city ('Stadens medborgarkontor: …'),
    # whatever the lines around it name.
    if city_words(p).search(a.own_line) and not (
        mentioned(a.own_line, p.external_actors) or mentioned(a.own_line, p.city_companies)
    ):
        return "the city named on the address's line", None
    return None


def _postal_town(a: _Around, p: CityProfile):
    if not a.match.postcode or p.postcode_prefixes:
        return None
    town = a.match.value.rsplit(" ", 1)[-1].lower()
    if town in p.place_words:
        return f"postal town {town} of the city", None
    return None


ADDRESS_RULES: tuple[tuple[str, str, Callable[[_Around, CityProfile], tuple | None]], ...] = (
    ("the city named on its line", "function", _city_line),
    (
        "near a city company",
        "city_company",
        lambda a, p: (
            (f"near city company {c.name}", c)
            if (c := mentioned(a.paragraph, p.city_companies))
            else None
        ),
    ),
    (
        "near an external actor",
        "external",
        lambda a, p: (
            (f"near external actor {x.name}", x)
            if (x := mentioned(a.context, p.external_actors))
            else None
        ),
    ),
    (
        "in an external organisation's paragraph",
        "external",
        lambda a, p: (
            ("address of an external organisation", None)
            if EXTERNAL_WORDS.search(a.paragraph) and not city_words(p).search(a.paragraph)
            else None
        ),
    ),
    (
        "in the city's postal area",
        "function",
        lambda a, p: (
            (f"postcode {a.match.postcode} in the city's postal area", None)
            if a.match.postcode and a.match.postcode.startswith(p.postcode_prefixes)
            else None
        ),
    ),
    ("the city's postal town", "function", _postal_town),
    (
        "outside the city's postal area",
        "external",
        lambda a, p: (outside(a, p), None) if a.match.postcode else None,
    ),
    (
        "a street on a city page",
        "function",
        lambda a, p: ("street address on a city page, no other organisation named", None),
    ),
)


def outside(a: _Around, p: CityProfile) -> str:
    if p.postcode_prefixes:
        return f"postcode {a.match.postcode} outside the city's postal area"
    return f"postal town {a.match.value.rsplit(' ', 1)[-1].lower()} is not the city's"


def address_item(match: places.PlaceMatch, t: str, profile: CityProfile) -> Item:
    item = Item(match.start, match.end, match.kind, match.value)
    line_start = t.rfind("\n", 0, match.start) + 1
    prev_start = t.rfind("\n", 0, max(0, line_start - 1)) + 1
    paragraph_start = max(t.rfind("\n\n", 0, match.start), match.start - 300, 0)
    own_from = max(line_start, match.start - 200, t.rfind(". ", line_start, match.start))
    around = _Around(
        match,
        own_line=t[own_from : match.start],
        context=t[prev_start : match.end],
        paragraph=t[paragraph_start : match.end],
    )
    for _name, label, test in ADDRESS_RULES:
        found = test(around, profile)
        if found is not None:
            item.label, item.org = label, found[1]
            item.evidence.append(found[0])
            break
    return item
