"""The profile validator: every problem of a city profile, each named by where it is and what
to write instead. `serviceguiden check --validate-profile FILE` prints them; loading a profile
with any problem fails with all of them.
"""

from __future__ import annotations

import re

DOMAIN = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")
AREA_CODE = re.compile(r"0[1-9]\d{0,2}")
POSTCODE_PREFIX = re.compile(r"[1-9]\d{0,4}")
KNOWN_TABLES = {
    "city", "contact_center", "mailboxes", "city_companies", "external_actors",
    "national_numbers",
}  # fmt: skip


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


class _Problems(list):
    def str_value(self, table: dict, key: str, where: str, required: bool = True) -> str:
        value = table.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or not value.strip():
            what = "is required and must be" if required else "must be"
            self.append(f'{where}.{key} {what} a non-empty string, e.g. {key} = "…"')
            return ""
        return value.strip()

    def str_list(self, table: dict, key: str, where: str) -> list[str]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.append(f'{where}.{key} must be a list of strings, e.g. {key} = ["…"]')
            return []
        return [v.strip() for v in value if v.strip()]

    def tables(self, data: dict, key: str) -> list[dict]:
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.append(f"[[{key}]] must be an array of tables: write each entry under [[{key}]]")
            return []
        return items


def _phone(problems: _Problems, number: str, where: str, short_ok: bool = False) -> None:
    from serviceguiden.policy import phones  # phonenumbers: loaded only to check numbers

    digits = digits_of(number)
    if short_ok and not digits.startswith("0") and 3 <= len(digits) <= 6:
        return
    if not phones.is_valid_national(digits):
        problems.append(
            f"{where}: {number!r} is not a valid Swedish phone number; write it with its area "
            "code, e.g. '031-365 00 00'"
        )


def _domains(problems: _Problems, table: dict, where: str) -> list[str]:
    domains = problems.str_list(table, "domains", where)
    for domain in domains:
        if not DOMAIN.match(domain.lower()):
            problems.append(
                f"{where}.domains: {domain!r} is not a domain; write it without https:// and "
                "without a path, e.g. 'goteborg.se'"
            )
    return [d.lower() for d in domains]


def _city(problems: _Problems, data: dict) -> list[str]:
    city = data.get("city")
    if not isinstance(city, dict):
        problems.append("missing table [city]: a profile needs at least the city's name, "
                        "area_code, website and domains")  # fmt: skip
        return []
    problems.str_value(city, "name", "city")
    problems.str_value(city, "website", "city")
    codes = problems.str_list(city, "area_codes", "city")
    code = problems.str_value(city, "area_code", "city", required=not codes)
    for value in [code, *codes] if code else codes:
        if not AREA_CODE.fullmatch(value):
            problems.append(f"city.area_code must look like '031' or '0303', not {value!r}")
    domains = _domains(problems, city, "city")
    if not domains:
        problems.append("city.domains needs at least one domain the city runs, e.g. "
                        "domains = [\"goteborg.se\"]")  # fmt: skip
    for series in problems.str_list(city, "number_series", "city"):
        digits = digits_of(series)
        if not digits.startswith("0") or not 3 <= len(digits) <= 8:
            problems.append(f"city.number_series: {series!r} must be the start of a national "
                            "number with area code, e.g. '031-365'")  # fmt: skip
    for prefix in problems.str_list(city, "postcode_prefixes", "city"):
        if not POSTCODE_PREFIX.fullmatch(prefix.replace(" ", "")):
            problems.append(f"city.postcode_prefixes: {prefix!r} must be the first digits of a "
                            "postcode, e.g. '41' or '421'")  # fmt: skip
    problems.str_list(city, "postal_towns", "city")
    problems.str_list(city, "aliases", "city")
    problems.str_list(city, "districts", "city")
    return domains


def _contact_center(problems: _Problems, data: dict) -> None:
    center = data.get("contact_center", {})
    if not isinstance(center, dict):
        problems.append("[contact_center] must be a table")
        return
    for number in problems.str_list(center, "phones", "contact_center"):
        _phone(problems, number, "contact_center.phones")
    for email in problems.str_list(center, "emails", "contact_center"):
        if "@" not in email or not DOMAIN.match(email.rpartition("@")[2].lower()):
            problems.append(f"contact_center.emails: {email!r} is not an e-mail address")


def _organisations(problems: _Problems, data: dict, key: str) -> dict[str, str]:
    owners: dict[str, str] = {}
    for index, item in enumerate(problems.tables(data, key)):
        where = f"{key}[{index}]"
        name = problems.str_value(item, "name", where) or where
        problems.str_list(item, "aliases", where)
        for domain in _domains(problems, item, where):
            owners.setdefault(domain, name)
        for number in problems.str_list(item, "numbers", where):
            _phone(problems, number, f"{where}.numbers", short_ok=True)
        website = item.get("website", "")
        if website and (not isinstance(website, str) or not website.startswith("http")):
            problems.append(f"{where}.website must be a full address, e.g. 'https://…'")
    return owners


def _national_numbers(problems: _Problems, data: dict) -> None:
    for index, item in enumerate(problems.tables(data, "national_numbers")):
        where = f"national_numbers[{index}]"
        number = problems.str_value(item, "number", where)
        digits = re.sub(r"\D", "", number)
        if number and (not 3 <= len(digits) <= 6 or digits.startswith("0")):
            problems.append(f"{where}.number must be a short number without area code such as "
                            f"'114 14', not {number!r}")  # fmt: skip
        problems.str_value(item, "purpose_sv", where)
        problems.str_value(item, "purpose_en", where)


def check_profile(data: dict) -> list[str]:
    """Every problem of a profile (with the base merged in); [] when it is fine."""
    problems = _Problems()
    unknown = sorted(set(data) - KNOWN_TABLES)
    if unknown:
        problems.append(f"unknown table(s) {', '.join(unknown)}: a profile has only "
                        f"{', '.join(sorted(KNOWN_TABLES))}")  # fmt: skip
    own = _city(problems, data)
    _contact_center(problems, data)
    mailboxes = data.get("mailboxes", {})
    if isinstance(mailboxes, dict):
        problems.str_list(mailboxes, "general", "mailboxes")
        problems.str_list(mailboxes, "function_words", "mailboxes")
    else:
        problems.append("[mailboxes] must be a table")
    companies = _organisations(problems, data, "city_companies")
    externals = _organisations(problems, data, "external_actors")
    for domain, actor in externals.items():
        if domain in own or any(domain == d or domain.endswith("." + d) for d in own):
            problems.append(f"external actor {actor}: the domain {domain!r} is the city's own; "
                            "remove it from the actor or from city.domains")  # fmt: skip
        elif domain in companies:
            problems.append(f"the domain {domain!r} is both city company {companies[domain]}'s "
                            f"and external actor {actor}'s: keep it in one place")  # fmt: skip
    _national_numbers(problems, data)
    return list(problems)
