"""Postal and visiting addresses, websites and web forms in running text."""

from __future__ import annotations

import re
from dataclasses import dataclass

U = "A-ZÅÄÖÉÜ"
L = "a-zåäöéü"
TOWN = rf"[{U}][{L}]+(?:[ -][{U}][{L}]+)?"
POSTCODE = r"(?<!\d)[1-9]\d{2} ?\d{2}(?!\d)"
STREET_SUFFIX = (
    r"(?:gatan|gata|vägen|väg|torget|torg|platsen|plats|allén|allé|backe|backen|gränd|gången|"
    r"stigen|stig|leden|esplanaden|kajen|kaj|hamnen|parken|stråket|promenaden|längan|liden|"
    r"höjden|gårdsväg|gården|bron|vall|vallen|kullen|ängen|slingan|ringen)"
)
_SUFFIX_WORDS = STREET_SUFFIX[3:-1].split("|")
# The suffix as a word of its own after a name: 'Kortedala Torg 3', 'Södra Vägen 12'.
# Only the words that name streets and squares: 'Vallen 2 gånger', 'Ängen 3 avdelningar' are no
# addresses.
STREET_SUFFIX_WORD = "(?:Torg|Torget|Gata|Gatan|Väg|Vägen|Plats|Platsen|Allé|Allén|Gränd|Backe)"
STREET = (
    rf"(?:(?:[{U}][{L}]+ ){{0,3}}[{U}]?[{L}\-]*{STREET_SUFFIX}"
    rf"|(?:[{U}][{L}]+ ){{1,3}}{STREET_SUFFIX_WORD}) \d{{1,3}}(?![\d])"
    rf"(?: ?[A-Z](?![{L}A-Z]))?"
)
BOX = r"(?:Box|Postbox|Pl|Postfack|FE)\s\d{1,6}"
POSTAL_WORDS = ("Box ", "Postbox ", "Pl ", "Postfack ", "FE ", "c/o")
TOWN_ANY = rf"(?:{TOWN}|[{U}]{{3,}}(?![{L}]))"  # 'Göteborg', 'GÖTEBORG'
POSTAL = re.compile(
    rf"(?:{BOX}|c/o\s[^\n,]{{2,40}})(?:,\s?|\s|\n\s?){{1,2}}(?:{POSTCODE})\s{{1,2}}{TOWN_ANY}"
)
# A postcode and town on their own in a footer or after a postal label: 'Postadress: 404 82
# Göteborg', 'Göteborgs Stad · 404 82 Göteborg · 031-…', 'City of Gothenburg, SE-404 82
# Gothenburg, Sweden'.
POSTCODE_TOWN = re.compile(rf"(?:SE-)?{POSTCODE} {TOWN}(?:, Sweden)?(?=[ \t]*(?:$|[|·]))", re.M)
POSTCODE_TOWN_BEFORE = re.compile(
    rf"(?:[Pp]ostadress: |[Pp]ostal address: |[{L}](?:, | · | \| ))\Z"
)
DIGITS = re.compile(r"\d+")
STREET_SUFFIXES = (*_SUFFIX_WORDS, *STREET_SUFFIX_WORD[3:-1].split("|"))
STREET_ADDRESS = re.compile(rf"{STREET}(?:[–-]\d{{1,4}})?(?:(?:, ?|\n| )(?:{POSTCODE}) {TOWN})?")
VISIT_CUE = re.compile(
    r"(?:[Bb]esöksadress(?:en)?|BESÖKSADRESS|[Bb]esök oss(?: på| i)?|[Hh]itta hit|"
    r"[Aa]dress för besök|[Bb]esök)[ \t]*[:.]?\s*"
)
POSTAL_CUE = re.compile(
    r"(?:postadress|postadressen|skicka\s+(?:\w+\s+)?till|post\s+till)\s*[:.]?\s*(?:[^\n]{0,40},\s*)?$",
    re.I,
)
VISIT_VALUE = re.compile(
    rf"{STREET}(?:(?:,\s?|\s)(?:\d\s?tr|plan\s\d|våning\s\d))?(?:(?:,\s?|\s)(?:{POSTCODE})\s{TOWN})?"
)
POSTCODE_LINE = re.compile(rf"^[ \t]*({POSTCODE})[ \t]+({TOWN})[ \t]*$", re.M)

URL_HINT = re.compile(
    r"[Hh][Tt][Tt][Pp][Ss]?://|[Ww]{3}\.|\.(?:se|com|nu|org|net|eu|SE|COM|NU|ORG)\b"
)
URL = re.compile(
    r"(?<![\w@/.])(?:https?://[^\s<>\"'()\[\]]+|www\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:/[^\s<>\"'()\[\]]*)?"
    r"|[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:se|com|nu|org|net|eu)(?:/[^\s<>\"'()\[\]]*)?)"
    r"(?![\w@])",
    re.I,
)
GLUED_SENTENCE = re.compile(rf"\.[{U}][{L}]+$")
FORM_HINT = re.compile(
    r"e-?tjanst|etjanst|formular|blankett|/form|anmalan|ansok|felanmalan|synpunkt|"
    r"kontaktformular|/forms?/|mina-?sidor|e-?service|\bbok(?:a|ning)\b|\bapply|skriv-in|"
    r"lamna-tips|saga-upp|\bregistrera|\bintresseanmalan|\bansokan|\banmal|\bbook\b|"
    r"book-a|/apply|felanmal|klagomal|application|avregistrera|unsubscribe",
    re.I,
)


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    kind: str  # postal_address, visiting_address, website, web_form
    value: str  # normalised: address on one line, URL as written
    postcode: str = ""
    host: str = ""


def postcode_of(value: str) -> str:
    match = re.search(POSTCODE, value)
    return match.group().replace(" ", "") if match else ""


def find_addresses(text: str) -> list[PlaceMatch]:
    runs = DIGITS.finditer(text)
    found: list[PlaceMatch] = []
    taken: list[tuple[int, int]] = []
    has_cue = "esök" in text or "ESÖK" in text or "itta hit" in text or "dress för" in text
    for cue in VISIT_CUE.finditer(text) if has_cue else ():
        value = VISIT_VALUE.match(text, cue.end())
        if value:
            span = value.span()
            found.append(_place(text, span, "visiting_address"))
            taken.append(span)
    has_box = any(word in text for word in POSTAL_WORDS)
    for match in POSTAL.finditer(text) if has_box else ():
        span = match.span()
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        found.append(_place(text, span, "postal_address"))
        taken.append(span)
    for match in _street_addresses(text, runs):
        # A street address: where people visit, unless it is labelled as the postal address.
        span = match.span()
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        kind = (
            "postal_address"
            if POSTAL_CUE.search(text[max(0, span[0] - 30) : span[0]])
            else ("visiting_address")
        )
        found.append(_place(text, span, kind))
        taken.append(span)
    for match in POSTCODE_TOWN.finditer(text):
        span = match.span()
        if not POSTCODE_TOWN_BEFORE.search(text, max(0, span[0] - 20), span[0]):
            continue
        if any(a < span[1] and span[0] < b for a, b in taken):
            continue
        found.append(_place(text, span, "postal_address"))
        taken.append(span)
    for match in POSTCODE_LINE.finditer(text):
        # '601 81 Norrköping' on its own line, below a building or street line.
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        prev_end = text.rfind("\n", 0, match.start())
        if prev_end <= 0:
            continue
        prev_start = text.rfind("\n", 0, prev_end) + 1
        prev = text[prev_start:prev_end]
        if not prev.strip() or len(prev.strip()) > 45 or prev.strip().endswith((".", ":", "?")):
            continue
        offset = len(prev) - len(prev.lstrip())
        span = (prev_start + offset, match.end())
        found.append(_place(text, span, "postal_address"))
        taken.append(span)
    return found


def _street_addresses(text: str, runs):
    """STREET_ADDRESS matches, searched only where a digit run follows a street word."""
    resume = 0
    for run in runs:
        at = run.start()
        if at < resume or at < 4 or text[at - 1] != " ":
            continue
        if not text[max(0, at - 13) : at - 1].endswith(STREET_SUFFIXES):
            continue
        window_start = max(resume, at - 60)
        for match in STREET_ADDRESS.finditer(text, window_start, min(len(text), run.end() + 40)):
            if match.start() < at < match.end():
                resume = match.end()
                yield match
                break


def _place(text: str, span: tuple[int, int], kind: str) -> PlaceMatch:
    value = re.sub(r"\s+", " ", text[span[0] : span[1]]).strip()
    return PlaceMatch(span[0], span[1], kind, value, postcode=postcode_of(value))


def host_of(url: str) -> str:
    host = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.I).split("/", 1)[0].split("?", 1)[0]
    host = host.split("@")[-1].split(":")[0].lower()
    return host[4:] if host.startswith("www.") else host


def find_urls(text: str, email_spans: list[tuple[int, int]]) -> list[PlaceMatch]:
    found = []
    resume = 0
    for hint in URL_HINT.finditer(text):
        if hint.start() < resume:
            continue
        window_start = max(resume, text.rfind(" ", 0, hint.start()) + 1, hint.start() - 80)
        match = URL.search(text, window_start, min(len(text), hint.end() + 400))
        if match is None or not (match.start() <= hint.start() < match.end()):
            continue
        resume = match.end()
        start, end = match.span()
        glued = GLUED_SENTENCE.search(text, start, end)
        if glued:  # 'bostadsbolaget.se/felanmalan.Hälsningar': the next sentence, glued on
            end = glued.start()
        while end > start and text[end - 1] in ".,;:!?)»”'":
            end -= 1
        if any(a <= start < b for a, b in email_spans):
            continue
        value = text[start:end]
        if "." not in value or value.replace(".", "").isdigit():
            continue
        kind = "web_form" if FORM_HINT.search(value) else "website"
        found.append(PlaceMatch(start, end, kind, value, host=host_of(value)))
    return found
