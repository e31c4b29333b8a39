"""Swedish phone numbers as values: national digits, validity, type and the written form
(`format_phone`, `phone_e164`). Finding numbers in running text is `phones`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberType, shortnumberinfo

NON_GEOGRAPHIC_4 = ("077", "0200", "0900", "0939", "0944")
MOBILE_PREFIXES = ("070", "072", "073", "076", "079")
# Short numbers that are phone numbers in Sweden, as written by people.
KNOWN_SHORT = frozenset(
    {"112", "11313", "11414", "1177", "116000", "116006", "116111", "116123", "11600", "90101"}
)


def national_digits(value: str, area_code: str = "") -> str:
    """National digits of a number as written. Raises ValueError when it is no phone number."""
    raw = value.strip()
    if raw.lower().startswith("tel:"):
        raw = raw[4:]
    digits = re.sub(r"\D", "", raw.replace("(0)", ""))
    if not digits:
        raise ValueError("no digits")
    if raw.startswith("+"):
        if not digits.startswith("46"):
            return "+" + digits  # a foreign number, kept as E.164 digits
        digits = "0" + digits[2:]
    elif digits.startswith("0046"):
        digits = "0" + digits[4:]
    elif digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        if not is_valid_national(digits):
            raise ValueError("not a valid Swedish number")
        return digits
    if digits in KNOWN_SHORT or _is_short(digits):
        return digits
    if area_code and 5 <= len(digits) <= 8:
        candidate = area_code + digits
        if is_valid_national(candidate):
            return candidate
    raise ValueError("not a valid Swedish number")


@lru_cache(maxsize=4096)
def is_valid_national(digits: str) -> bool:
    if not 8 <= len(digits) <= 10 or not digits.startswith("0") or digits.startswith("00"):
        return False
    try:
        number = phonenumbers.parse(digits, "SE")
    except phonenumbers.NumberParseException:
        return False
    if not phonenumbers.is_valid_number(number):
        return False
    if phonenumbers.number_type(number) in (
        PhoneNumberType.FIXED_LINE,
        PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        # Subscriber numbers of geographic areas never start with 0 ('08-001 630 00' is a time).
        area = len(area_code_of(digits))
        if digits[area] == "0":
            return False
    return True


@lru_cache(maxsize=4096)
def is_valid_foreign(digits: str) -> bool:
    """'4777790000' (+47 77 79 00 00): a valid number of another country, E.164 digits."""
    if digits.startswith("46") or not 8 <= len(digits) <= 15:
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + digits, None))
    except phonenumbers.NumberParseException:
        return False


def _is_short(digits: str) -> bool:
    try:
        return shortnumberinfo.is_valid_short_number(phonenumbers.parse(digits, "SE"))
    except phonenumbers.NumberParseException:
        return False


def area_code_of(digits: str) -> str:
    if digits.startswith(NON_GEOGRAPHIC_4):
        return digits[:4]
    if digits.startswith(("020", "010", "074", "075", "078") + MOBILE_PREFIXES):
        return digits[:3]
    try:
        number = phonenumbers.parse(digits, "SE")
        length = phonenumbers.length_of_national_destination_code(number)
    except phonenumbers.NumberParseException:
        length = 2
    return digits[: (length or 2) + 1]


def group_subscriber(subscriber: str) -> str:
    """Group a subscriber number the Swedish way: 3650000 -> '365 00 00'."""
    n = len(subscriber)
    if n <= 4:
        return subscriber
    if n == 5:
        return f"{subscriber[:3]} {subscriber[3:]}"
    if n == 6:
        return f"{subscriber[:2]} {subscriber[2:4]} {subscriber[4:]}"
    if n == 7:
        return f"{subscriber[:3]} {subscriber[3:5]} {subscriber[5:]}"
    return f"{subscriber[:3]} {subscriber[3:6]} {subscriber[6:]}"


def format_phone(value: str, area_code: str = "") -> str:
    """The Swedish display form: '031-365 00 00', '0771-25 25 25', '114 14', '112'."""
    digits = national_digits(value, area_code)
    if digits.startswith("+"):
        number = phonenumbers.parse(digits, None)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if not digits.startswith("0"):
        return digits if len(digits) <= 4 else f"{digits[:3]} {digits[3:]}"
    area = area_code_of(digits)
    return f"{area}-{group_subscriber(digits[len(area) :])}"


def phone_e164(value: str, area_code: str = "") -> str:
    """E.164 for tel: links: '+46313650000'; short numbers stay as they are ('112')."""
    digits = national_digits(value, area_code)
    if digits.startswith("+"):
        return digits
    if not digits.startswith("0"):
        return digits
    return "+46" + digits[1:]


def is_mobile(digits: str) -> bool:
    return digits.startswith(MOBILE_PREFIXES)
