"""Personnummer (reported, masked) and organisationsnummer (never phone numbers): the finder
of identity numbers, looked for inside the digit runs of the text."""

from __future__ import annotations

import re

from serviceguiden.policy.items import Item

IDENTITY = re.compile(r"(\d{6,8}) ?([-+]) ?(\d{4})(?![\d\-])")
# Without a dash: twelve digits, ten digits, or the date and the last four apart
# ('198611059810', '8611059810', '19861105 9810'); only a valid date and check digit count.
PNR_CUE = re.compile(
    r"personnummer|pers\.? ?nr|pnr|född|sökande|medsökande|ombud|elev|barn|vårdnadshavare|"
    r"patient|brukare|klient|\bnamn\b",
    re.I,
)
NOT_PNR_CUE = re.compile(
    r"\b(?:faktura\w*|ocr|ärende\w*|dnr|diarie\w*|referens\w*|ref|kund\w*|order\w*|giro|bg|pg|"
    r"konto\w*|publicerad|uppdaterad|nr)\.?\s*[:.]?\s*$",
    re.I,
)
IDENTITY_12 = re.compile(r"(?:19|20)\d{6} ?\d{4}(?!\d)|[1-9]\d{5} ?\d{4}(?!\d)")


def identity_numbers(t: str, runs) -> tuple[list[Item], list[tuple[int, int]]]:
    """Personnummer (reported, masked) and organisationsnummer (never phone numbers), looked
    for inside the digit runs of the text."""
    items: list[Item] = []
    blocked: list[tuple[int, int]] = []
    for run in runs:
        start, end = run.span()
        if end + 5 <= len(t) and t[end] == "+":
            end += 5  # '121212+1212': born more than a hundred years ago
        if end - start < 10:
            continue
        for match in IDENTITY.finditer(t, start, end):
            if len(match.group(1)) == 7 or (
                match.start() and t[match.start() - 1] in "0123456789-+"
            ):
                continue
            blocked.append(match.span())
            digits = match.group(1)[-6:] + match.group(3)
            if _luhn(digits) and _is_birth_date(digits[:6]):
                items.append(_identity_item(match.start(), match.end()))
            elif _is_birth_date(digits[:6]) and _cued(t, match.start()):
                # 'sökande 19560708-3321': the page says it is a person's number; a wrong
                # check digit (a typing error) does not make it anyone else's
                item = _identity_item(match.start(), match.end())
                item.evidence[-1] = "the page calls it a person's number (check digit wrong)"
                items.append(item)
        for match in IDENTITY_12.finditer(t, start, end):
            digits = match.group().replace(" ", "")[-10:]
            if (match.start() and t[match.start() - 1].isdigit()) or not (
                _luhn(digits) and _is_birth_date(digits[:6])
            ):
                continue  # only a valid personnummer counts when there is no dash
            # Ten digits, or the date and the last four apart: only where the page says so
            # ('pnr', 'personnummer', 'Sökande: Name 8203149920'), never after 'Faktura'.
            short = len(match.group()) < 12 or " " in match.group()
            if short and not _cued(t, match.start()):
                continue
            blocked.append(match.span())
            items.append(_identity_item(match.start(), match.end()))
    return items, blocked


def _cued(t: str, at: int) -> bool:
    """Does the text right before `at` say a person's number follows ('pnr', 'Sökande:'), and
    not an invoice's or a case's?"""
    before = t[max(0, at - 60) : at]
    return bool(PNR_CUE.search(before)) and not NOT_PNR_CUE.search(before[-25:])


def _identity_item(start: int, end: int) -> Item:
    return Item(
        start, end, "personnummer", "", label="personal",
        evidence=["personnummer shape", "valid date", "valid check digit"],
    )  # fmt: skip


def _luhn(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def _is_birth_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:
        day -= 60  # samordningsnummer
    return 1 <= month <= 12 and 1 <= day <= 31


def mask_identity(value: str) -> str:
    """'19850312-1234' -> '19850312-****': the last four digits never leave the engine."""
    digits_seen = 0
    out = []
    total = sum(ch.isdigit() for ch in value)
    for ch in value:
        if ch.isdigit():
            digits_seen += 1
            out.append("*" if digits_seen > total - 4 else ch)
        else:
            out.append(ch)
    return "".join(out)
