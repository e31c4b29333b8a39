"""City profiles: what a municipality owns (domains, number series, contact center,
companies) and which external actors it refers to.

Every profile sits on top of `profiles/base.toml` (national service numbers, national
authorities). Gothenburg has a full profile file (`profiles/goteborg.toml`, the default); every
other Swedish municipality has a row in `profiles/municipalities.toml`, from which
`serviceguiden.policy.cities` builds its profile. `profiles/example-kungalv.toml` shows how a
municipality writes a full profile of its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from serviceguiden.policy.profile_check import check_profile, digits_of

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = PROFILES_DIR / "goteborg.toml"
# The national base every city profile inherits: national service numbers and the national
# authorities. Its arrays of tables come before the city's own entries.
BASE_PROFILE = PROFILES_DIR / "base.toml"

__all__ = ["CityProfile", "ProfileError", "digits_of", "load_profile", "parse_profile"]


class ProfileError(ValueError):
    """A profile file is missing, unreadable or breaks the profile format."""


@dataclass(frozen=True)
class Organisation:
    """A city-owned company or an external actor, as the profile knows it."""

    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()  # national digits, e.g. '0771567567' or '11414'
    website: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class NationalNumber:
    """A number fixed nationally for a service (112, 1177, 114 14): not a changeable detail
    of an actor, so it may be shown anywhere."""

    number: str  # as written in the profile: '114 14'
    digits: str  # '11414'
    purpose_sv: str
    purpose_en: str
    answered_by: str = ""  # the national actor that answers it: 'SOS Alarm', 'Polisen'

    def purpose(self, lang: str = "sv") -> str:
        return self.purpose_en if lang == "en" else self.purpose_sv


@dataclass(frozen=True)
class ContactCenter:
    """The city's general contact: its contact center, or the switchboard and website."""

    name: str
    phones: tuple[str, ...]  # national digits
    emails: tuple[str, ...]
    website: str
    display_phone: str


@dataclass(frozen=True)
class CityProfile:
    name: str  # 'Göteborgs Stad', 'Lunds kommun'
    short_name: str  # 'Göteborg', 'Lund'
    area_code: str  # '031': the main town's, for numbers written without one
    website: str
    own_domains: tuple[str, ...]
    number_series: tuple[str, ...]  # national digit prefixes, e.g. '031365'; may be empty
    postcode_prefixes: tuple[str, ...]
    postal_towns: tuple[str, ...]
    contact_center: ContactCenter
    general_mailboxes: tuple[str, ...]
    function_words: frozenset[str]
    city_companies: tuple[Organisation, ...]
    external_actors: tuple[Organisation, ...]
    national_numbers: tuple[NationalNumber, ...] = ()
    source: str = ""
    slug: str = ""
    area_codes: tuple[str, ...] = ()  # all of the municipality's area codes, main one first
    aliases: tuple[str, ...] = ()  # other names of the city ('Gothenburg', 'City of Lund')
    districts: tuple[str, ...] = ()  # its districts and areas ('Hisingen', 'Angered'): search
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    # -- domains ---------------------------------------------------------------
    def is_own_domain(self, domain: str) -> bool:
        return _domain_in(domain.lower(), self.own_domains)

    def company_for_domain(self, domain: str) -> Organisation | None:
        return self._owner_of(domain, "city_companies")

    def external_for_domain(self, domain: str) -> Organisation | None:
        return self._owner_of(domain, "external_actors")

    def _owner_of(self, domain: str, group: str) -> Organisation | None:
        """The organisation of `group` whose domain `domain` is or is under (remembered)."""
        seen = self.extra.setdefault(group, {})
        domain = domain.lower()
        if domain not in seen:
            seen[domain] = next(
                (o for o in getattr(self, group) if _domain_in(domain, o.domains)), None
            )
        return seen[domain]

    # -- numbers ---------------------------------------------------------------
    def in_own_series(self, national_digits: str) -> bool:
        return bool(self.number_series) and national_digits.startswith(self.number_series)

    def in_own_area(self, national_digits: str) -> bool:
        """A number in the municipality's area code, for a profile that knows no number
        series: taken as the city's unless the text around it says otherwise."""
        codes = self.area_codes or (self.area_code,)
        return not self.number_series and national_digits.startswith(codes)

    def company_for_number(self, national_digits: str) -> Organisation | None:
        for company in self.city_companies:
            if national_digits in company.numbers:
                return company
        return None

    def external_for_number(self, national_digits: str) -> Organisation | None:
        for actor in self.external_actors:
            if national_digits in actor.numbers:
                return actor
        return None

    @property
    def short_numbers(self) -> frozenset[str]:
        """Numbers without area code the profile knows: national service numbers and the
        short numbers of external actors ('90101')."""
        return frozenset(n.digits for n in self.national_numbers) | frozenset(
            n for actor in self.external_actors for n in actor.numbers if not n.startswith("0")
        )

    def national_number(self, value: str) -> NationalNumber | None:
        """The national service number `value` is, however it is written: '112', '114 14',
        '11414', '+46 11414', 'tel:1177'; None for any other number."""
        digits = _short_digits(value)
        for national in self.national_numbers:
            if digits == national.digits:
                return national
        return None

    # -- words -----------------------------------------------------------------
    @property
    def city_names(self) -> tuple[str, ...]:
        """How pages name the city itself: 'Lunds kommun', 'Lund stad', 'Lunds', 'Lund'."""
        cached = self.extra.get("city_names")
        if cached is None:
            short = self.short_name
            genitive = (
                short
                if short[-1:] in "sxzSXZ" or short[-1:].lower() in "aeiouyåäö"
                else (short + "s")
            )
            forms = {self.name, *self.aliases, short, genitive}
            for base in {short, genitive}:
                forms |= {f"{base} kommun", f"{base} stad", f"{base} Stad"}
            cached = tuple(sorted((f for f in forms if f), key=len, reverse=True))
            self.extra["city_names"] = cached
        return cached

    @property
    def place_words(self) -> frozenset[str]:
        """Lower-case words that name the city's places and never a person's surname:
        'göteborg', 'göteborgs', 'lund', 'lunds', the postal towns."""
        cached = self.extra.get("place_words")
        if cached is None:
            words = {w.lower() for name in self.city_names for w in name.split()}
            words |= {t.lower() for t in self.postal_towns}
            words -= {"kommun", "stad", "region", "city", "municipality"}
            cached = frozenset(w for w in words if len(w) > 2)
            self.extra["place_words"] = cached
        return cached


def _domain_in(domain: str, domains: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


def _short_digits(value: str) -> str:
    raw = value.strip().lower().removeprefix("tel:").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+46"):
        return digits[2:]
    if digits.startswith("0046"):
        return digits[4:]
    return digits


def _strs(table: dict, key: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in table.get(key, []) if v.strip())


def _organisations(data: dict, key: str) -> tuple[Organisation, ...]:
    return tuple(
        Organisation(
            name=item["name"].strip(),
            aliases=_strs(item, "aliases"),
            domains=tuple(d.lower() for d in _strs(item, "domains")),
            numbers=tuple(digits_of(n) for n in _strs(item, "numbers")),
            website=item.get("website", ""),
        )
        for item in data.get(key, [])
    )


def parse_profile(data: dict, source: str = "") -> CityProfile:
    """A `CityProfile` from profile data (the base already merged in). Raises ProfileError
    naming every problem found, not only the first."""
    problems = check_profile(data)
    if problems:
        listed = "\n".join(f"  - {p}" for p in problems)
        raise ProfileError(f"{len(problems)} problem(s) in the profile:\n{listed}")
    city = data["city"]
    center = data.get("contact_center", {})
    phones = _strs(center, "phones")
    mailboxes = data.get("mailboxes", {})
    area_codes = _strs(city, "area_codes") or (city["area_code"].strip(),)
    return CityProfile(
        name=city["name"].strip(),
        short_name=city.get("short_name", city["name"]).strip(),
        area_code=city.get("area_code", area_codes[0]).strip(),
        area_codes=area_codes,
        website=city["website"].strip(),
        own_domains=tuple(d.lower() for d in _strs(city, "domains")),
        number_series=tuple(digits_of(s) for s in _strs(city, "number_series")),
        postcode_prefixes=_strs(city, "postcode_prefixes"),
        postal_towns=_strs(city, "postal_towns"),
        contact_center=ContactCenter(
            name=center.get("name", city["name"]).strip(),
            phones=tuple(digits_of(p) for p in phones),
            emails=tuple(e.lower() for e in _strs(center, "emails")),
            website=center.get("website", city["website"]).strip(),
            display_phone=phones[0] if phones else "",
        ),
        general_mailboxes=tuple(m.lower() for m in _strs(mailboxes, "general")),
        function_words=frozenset(w.lower() for w in _strs(mailboxes, "function_words")),
        city_companies=_organisations(data, "city_companies"),
        external_actors=_organisations(data, "external_actors"),
        national_numbers=tuple(
            NationalNumber(
                number=item["number"].strip(),
                digits=re.sub(r"\D", "", item["number"]),
                purpose_sv=item["purpose_sv"].strip(),
                purpose_en=item["purpose_en"].strip(),
                answered_by=str(item.get("answered_by", "")).strip(),
            )
            for item in data.get("national_numbers", [])
        ),
        source=source,
        slug=city.get("slug", "").strip(),
        aliases=_strs(city, "aliases"),
        districts=_strs(city, "districts"),
    )


def inherit(base: dict, own: dict) -> dict:
    """A city profile on top of the base: arrays are joined (the base's entries first),
    tables merged key by key, and any other value of the city's replaces the base's."""
    merged = dict(base)
    for key, value in own.items():
        inherited = merged.get(key)
        if isinstance(inherited, list) and isinstance(value, list):
            merged[key] = inherited + value
        elif isinstance(inherited, dict) and isinstance(value, dict):
            merged[key] = inherit(inherited, value)
        else:
            merged[key] = value
    return merged


def read_toml(file: Path) -> dict:
    try:
        with file.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ProfileError(f"profile file not found: {file}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{file} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ProfileError(f"cannot read {file}: {exc.strerror}") from None


def with_base(data: dict) -> dict:
    return inherit(read_toml(BASE_PROFILE), data)


@lru_cache(maxsize=16)
def load_profile(path: str | Path | None = None) -> CityProfile:
    """Load a profile TOML file on top of the national base; the Gothenburg profile when no
    path is given."""
    file = Path(path) if path else DEFAULT_PROFILE
    data = with_base(read_toml(file))
    try:
        return parse_profile(data, source=str(file))
    except ProfileError as exc:
        raise ProfileError(f"{file}: {exc}") from None
