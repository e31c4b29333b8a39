"""Profiles for every Swedish municipality, chosen by name, slug or domain.

A municipality with a full profile file (`profiles/<slug>.toml`, e.g. goteborg.toml) uses it;
every other one gets a profile built from its row in `profiles/municipalities.toml` on top of
the national base: its name, domains, area code and switchboard where known.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache

from serviceguiden.policy.names import fold
from serviceguiden.policy.profile import (
    PROFILES_DIR,
    CityProfile,
    ProfileError,
    load_profile,
    parse_profile,
    with_base,
)

MUNICIPALITIES = PROFILES_DIR / "municipalities.toml"
SUFFIXES = re.compile(r"\b(?:kommun|stad|stads|region|municipality|city of)\b", re.I)
URL_HOST = re.compile(r"https?://(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.I)
MAIL_HOST = re.compile(r"@([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,})", re.I)
CANONICAL = re.compile(
    r"<(?:link|meta)\b[^>]*(?:rel=[\"']canonical[\"']|property=[\"']og:url[\"'])[^>]*>", re.I
)


@dataclass(frozen=True)
class Municipality:
    name: str  # 'Lunds kommun'
    short_name: str  # 'Lund'
    slug: str  # 'lund'
    county: str
    domains: tuple[str, ...]
    area_codes: tuple[str, ...]
    switchboard: str = ""
    companies: tuple[dict, ...] = ()  # [[city_companies]] tables: name, aliases, domains


@cache
def municipalities() -> tuple[Municipality, ...]:
    with MUNICIPALITIES.open("rb") as handle:
        rows = tomllib.load(handle)["municipalities"]
    return tuple(
        Municipality(
            name=row["name"],
            short_name=row["short_name"],
            slug=row["slug"],
            county=row["county"],
            domains=tuple(row["domains"]),
            area_codes=tuple(row["area_codes"]),
            switchboard=row.get("switchboard", ""),
            companies=tuple(row.get("companies", ())),
        )
        for row in rows
    )


def _key(name: str, folded: bool = True) -> str:
    """'Lunds kommun', 'lund', 'Göteborgs Stad', 'goteborg' -> the same key per city."""
    bare = SUFFIXES.sub(" ", name).lower()
    return re.sub(r"[^a-z]", "", fold(bare)) if folded else re.sub(r"[^a-zåäöéü]", "", bare)


@cache
def _by_key() -> dict[str, Municipality]:
    """Slugs first, then names as written ('Håbo' and 'Habo' differ), then folded names."""
    table: dict[str, Municipality] = {m.slug: m for m in municipalities()}
    for folded in (False, True):
        for m in municipalities():
            for name in (m.short_name, m.name):
                table.setdefault(_key(name, folded), m)
    for m in municipalities():  # 'Lunds' -> Lund, unless another city is called that
        if m.short_name[-1] not in "sxz":
            table.setdefault(_key(m.short_name + "s"), m)
    return table


def find_municipality(name: str) -> Municipality | None:
    """The municipality a slug or a name means: 'lund', 'Lunds kommun', 'Göteborgs Stad'."""
    table = _by_key()
    key = name.strip().lower()
    return table.get(key) or table.get(_key(name, False)) or table.get(_key(name))


def municipality_for_domain(domain: str) -> Municipality | None:
    domain = domain.lower().removeprefix("www.")
    for m in municipalities():
        if any(domain == d or domain.endswith("." + d) for d in m.domains):
            return m
    return None


@lru_cache(maxsize=64)
def city_profile(name: str) -> CityProfile:
    """The profile of a municipality by slug or name. Raises ProfileError naming the slugs
    when there is no such municipality."""
    municipality = find_municipality(name)
    if municipality is None:
        raise ProfileError(
            f"no Swedish municipality is called {name!r}; give its name or slug, e.g. "
            "'lund', 'Malmö', 'upplands-vasby' (see `serviceguiden check --list-cities`)"
        )
    own_file = PROFILES_DIR / f"{municipality.slug}.toml"
    if own_file.exists():
        return load_profile(own_file)
    return parse_profile(with_base(profile_data(municipality)), source=f"municipality:{name}")


def profile_data(m: Municipality) -> dict:
    """Profile data of a municipality that has no file of its own."""
    website = f"https://www.{m.domains[0]}"
    center: dict = {"name": m.name, "website": website}
    if m.switchboard:
        center["phones"] = [m.switchboard]
    return {
        "city": {
            "name": m.name,
            "short_name": m.short_name,
            "slug": m.slug,
            "area_codes": list(m.area_codes),
            "website": website,
            "domains": list(m.domains),
            "postal_towns": [m.short_name],
        },
        "contact_center": center,
        "city_companies": [dict(company) for company in m.companies],
    }


def profile_for_domain(domain: str) -> CityProfile | None:
    m = municipality_for_domain(domain)
    return city_profile(m.slug) if m else None


def city_of_page(raw: str) -> Municipality | None:
    """The municipality whose page this is: the canonical address of an HTML page, else the
    municipal domain that most of the page's links and e-mail addresses use (and at least
    twice)."""
    for tag in CANONICAL.findall(raw[:20000]):
        host = URL_HOST.search(tag)
        if host and (m := municipality_for_domain(host.group(1))):
            return m
    counts: Counter[str] = Counter()
    for host in URL_HOST.findall(raw) + MAIL_HOST.findall(raw):
        m = municipality_for_domain(host)
        if m is not None:
            counts[m.slug] += 1
    if not counts:
        return None
    (slug, count), *rest = counts.most_common(2)
    if count < 2 or (rest and rest[0][1] * 2 > count):
        return None
    return find_municipality(slug)


def slugs() -> list[str]:
    return [m.slug for m in municipalities()]
