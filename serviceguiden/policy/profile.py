"""City profiles: what a municipality owns (domains, number series, contact center,
companies) and which external actors it refers to. One TOML file per city.

The Gothenburg profile ships as the default; `profiles/example-kungalv.toml` shows how
another municipality adopts Serviceguiden.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROFILES_DIR = Path(__file__).resolve().parent / "profiles"
DEFAULT_PROFILE = PROFILES_DIR / "goteborg.toml"
# The national base every city profile inherits: national service numbers and the national
# authorities. Its arrays of tables come before the city's own entries.
BASE_PROFILE = PROFILES_DIR / "base.toml"


class ProfileError(ValueError):
    """A profile file is missing, unreadable or breaks the profile format."""


def digits_of(number: str) -> str:
    """National digits of a Swedish number as written: '+46 (0)31-365 00 00' -> '0313650000'."""
    raw = number.strip()
    raw = raw.replace("(0)", "")
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+46"):
        return "0" + digits[2:]
    if digits.startswith("0046"):
        return "0" + digits[4:]
    return digits


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

    def purpose(self, lang: str = "sv") -> str:
        return self.purpose_en if lang == "en" else self.purpose_sv


@dataclass(frozen=True)
class ContactCenter:
    name: str
    phones: tuple[str, ...]  # national digits
    emails: tuple[str, ...]
    website: str
    display_phone: str


@dataclass(frozen=True)
class CityProfile:
    name: str
    short_name: str
    area_code: str  # '031'
    website: str
    own_domains: tuple[str, ...]
    number_series: tuple[str, ...]  # national digit prefixes, e.g. '031365'
    postcode_prefixes: tuple[str, ...]
    postal_towns: tuple[str, ...]
    contact_center: ContactCenter
    general_mailboxes: tuple[str, ...]
    function_words: frozenset[str]
    city_companies: tuple[Organisation, ...]
    external_actors: tuple[Organisation, ...]
    national_numbers: tuple[NationalNumber, ...] = ()
    source: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    # -- domains ---------------------------------------------------------------
    def is_own_domain(self, domain: str) -> bool:
        return _domain_in(domain.lower(), self.own_domains)

    def company_for_domain(self, domain: str) -> Organisation | None:
        domain = domain.lower()
        for company in self.city_companies:
            if _domain_in(domain, company.domains):
                return company
        return None

    def external_for_domain(self, domain: str) -> Organisation | None:
        domain = domain.lower()
        for actor in self.external_actors:
            if _domain_in(domain, actor.domains):
                return actor
        return None

    # -- numbers ---------------------------------------------------------------
    def in_own_series(self, national_digits: str) -> bool:
        return national_digits.startswith(self.number_series)

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


def _short_digits(value: str) -> str:
    raw = value.strip().lower().removeprefix("tel:").strip()
    digits = re.sub(r"\D", "", raw)
    if raw.startswith("+46"):
        return digits[2:]
    if digits.startswith("0046"):
        return digits[4:]
    return digits


def _domain_in(domain: str, domains: tuple[str, ...]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)


def _str_list(table: dict, key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ProfileError(f"{where}.{key} must be a list of strings")
    return tuple(v.strip() for v in value if v.strip())


def _require_str(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ProfileError(f"{where}.{key} is required and must be a non-empty string")
    return value.strip()


def _organisations(data: dict, key: str) -> tuple[Organisation, ...]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise ProfileError(f"[[{key}]] must be an array of tables")
    result = []
    for index, item in enumerate(items):
        where = f"{key}[{index}]"
        if not isinstance(item, dict):
            raise ProfileError(f"{where} must be a table")
        result.append(
            Organisation(
                name=_require_str(item, "name", where),
                aliases=_str_list(item, "aliases", where),
                domains=tuple(d.lower() for d in _str_list(item, "domains", where)),
                numbers=tuple(digits_of(n) for n in _str_list(item, "numbers", where)),
                website=item.get("website", ""),
            )
        )
    return tuple(result)


def _national_numbers(data: dict) -> tuple[NationalNumber, ...]:
    items = data.get("national_numbers", [])
    if not isinstance(items, list):
        raise ProfileError("[[national_numbers]] must be an array of tables")
    result = []
    for index, item in enumerate(items):
        where = f"national_numbers[{index}]"
        if not isinstance(item, dict):
            raise ProfileError(f"{where} must be a table")
        number = _require_str(item, "number", where)
        digits = re.sub(r"\D", "", number)
        if not 3 <= len(digits) <= 6 or digits.startswith("0"):
            raise ProfileError(
                f"{where}.number must be a short number without area code such as '114 14', "
                f"not {number!r}"
            )
        result.append(
            NationalNumber(
                number=number,
                digits=digits,
                purpose_sv=_require_str(item, "purpose_sv", where),
                purpose_en=_require_str(item, "purpose_en", where),
            )
        )
    return tuple(result)


def parse_profile(data: dict, source: str = "") -> CityProfile:
    try:
        city = data["city"]
        center = data["contact_center"]
    except KeyError as exc:
        raise ProfileError(f"missing table [{exc.args[0]}]") from None
    area_code = _require_str(city, "area_code", "city")
    if not re.fullmatch(r"0\d{1,3}", area_code):
        raise ProfileError(f"city.area_code must look like '031', not {area_code!r}")
    phones = _str_list(center, "phones", "contact_center")
    if not phones:
        raise ProfileError("contact_center.phones needs at least one number")
    series = tuple(digits_of(s) for s in _str_list(city, "number_series", "city"))
    mailboxes = data.get("mailboxes", {})
    return CityProfile(
        name=_require_str(city, "name", "city"),
        short_name=city.get("short_name", city["name"]),
        area_code=area_code,
        website=_require_str(city, "website", "city"),
        own_domains=tuple(d.lower() for d in _str_list(city, "domains", "city")),
        number_series=series,
        postcode_prefixes=_str_list(city, "postcode_prefixes", "city"),
        postal_towns=_str_list(city, "postal_towns", "city"),
        contact_center=ContactCenter(
            name=_require_str(center, "name", "contact_center"),
            phones=tuple(digits_of(p) for p in phones),
            emails=tuple(e.lower() for e in _str_list(center, "emails", "contact_center")),
            website=center.get("website", ""),
            display_phone=phones[0],
        ),
        general_mailboxes=tuple(m.lower() for m in _str_list(mailboxes, "general", "mailboxes")),
        function_words=frozenset(
            w.lower() for w in _str_list(mailboxes, "function_words", "mailboxes")
        ),
        city_companies=_organisations(data, "city_companies"),
        external_actors=_organisations(data, "external_actors"),
        national_numbers=_national_numbers(data),
        source=source,
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


def _read_toml(file: Path) -> dict:
    try:
        with file.open("rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise ProfileError(f"profile file not found: {file}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{file} is not valid TOML: {exc}") from None
    except OSError as exc:
        raise ProfileError(f"cannot read {file}: {exc.strerror}") from None
    return data


@lru_cache(maxsize=16)
def load_profile(path: str | Path | None = None) -> CityProfile:
    """Load a profile TOML file on top of the national base; the Gothenburg profile when no
    path is given."""
    file = Path(path) if path else DEFAULT_PROFILE
    data = inherit(_read_toml(BASE_PROFILE), _read_toml(file))
    try:
        return parse_profile(data, source=str(file))
    except ProfileError as exc:
        raise ProfileError(f"{file}: {exc}") from None
