"""Scan a document: extract contact details, classify each against the city profile, and
attach the rule that applies. The checker, the registry's free-text validation and the CLI all
call `scan`.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from serviceguiden.policy import document, emails, general_contact, people, phones, places
from serviceguiden.policy.profile import CityProfile, Organisation, load_profile
from serviceguiden.policy.rules import RULES

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
EXTERNAL_WORDS = re.compile(
    r"\b(?:entreprenör(?:en|ens)?|konsult(?:en|ens)?|företaget|företagets|"
    r"\w*(?:föreningen|föreningens|förening|stiftelsen|förbundet|sällskapet|hockeyskola|"
    r"fotbollsskola)|\w{2,}(?<!fritids)(?:klubb|klubben|klubbens)|"  # not the city's fritidsklubb
    r"styrelsen|arrangör|fackliga|facket|"
    r"myndighet(?:en|ens)?|regionen|regionens|region|polisen|polisens|"
    r"landstinget|ab|aktiebolag|stiftelsen|stiftelsens|"
    r"kommunalförbund|kyrkan|församling(?:en)?|universitet(?:et)?|högskola(?:n)?)\b",
    re.I,
)
# Private notices on a page (found property, things for sale or given away).
PRIVATE_CUES = re.compile(
    r"säljes|bortskänkes|skänkes|köpes|hittegods|upphittad|borttappad|saknar|ägaren|privat|"
    r"loppis|anslagstavla|sms:a|efter kl",
    re.I,
)
SHARE_LINK = re.compile(
    r"facebook\.com/shar|linkedin\.com/share|twitter\.com/(?:share|intent)|x\.com/intent|"
    r"pinterest\.com/pin/create|reddit\.com/submit|wa\.me/\?|api\.whatsapp\.com/send"
)
# Sports clubs and youth organisations by their abbreviations ('IF Bergsjö Stjärnor').
CLUB = re.compile(r"\b(?:IF|IK|BK|FC|SK|GIF|IFK|FF|HK|KFUM|KFUK|GAIS)\b")
DETAIL_LABEL = re.compile(
    r"[\s\-–•*|·\[(<]*(?:(?:tel(?:efon)?|tfn|mobil(?:nummer)?|mob|direkt(?:nummer)?|e-?post|mejl|"
    r"mail|e-mail|fax|sms|kontakt)\.?\s*[:.]?\s*)?",
    re.I,
)
# A company named with its legal form: 'Ledningsbyggarna i Väst AB', 'Bygg & Mark HB'.
COMPANY_FORM = re.compile(
    r"\b([A-ZÅÄÖ][\w&-]{2,})(?:\s+(?:[A-ZÅÄÖ][\w&-]*|i|och|&)){0,3}\s+(?:AB|HB|KB)\b"
)
# Words beside a mobile that make it a function's phone: a duty phone, 'our' shared mobile,
# an SMS service, a unit ('Fritidsgården Kvarnen: 0709-…').
MOBILE_OWNER = re.compile(
    r"jour|\boss\b|\bvår\b|\bvåra\b|gemensam|\bsms-?(?:tjänst|nummer)|gården|hemmet|gruppen|"
    r"enheten|skolan|kontoret|förvaltning|teamet|centret|huset|biblioteket|boendet|fritids|"
    r"förskola|service|mottagning|reception|expedition|växel|kansli|avdelning|patrull|natt|"
    r"\w(?:nas|ens|ets) mobil|badvärd|"
    r"\bduty\b|\bour\b|\bus\b",
    re.I,
)
FREE_MAIL = (
    "@gmail.com", "@hotmail.com", "@hotmail.se", "@outlook.com", "@outlook.se", "@live.se",
    "@live.com", "@yahoo.com", "@yahoo.se", "@icloud.com", "@telia.com", "@protonmail.com",
)  # fmt: skip
VCARD = re.compile(r"BEGIN:VCARD.*?(?:END:VCARD|(?=\n\s*\n)|(?=BEGIN:VCARD)|\Z)", re.I | re.S)
NUMBER_ON_LINE = re.compile(r"\+?\d[\d \-–()]*\d")
# The plain labels of a person's own details ('e-post', 'växel'), not functions between rows.
DETAIL_LABEL_WORD = re.compile(r"\b(?:e-?post|e-mail|mejl|växel|tel(?:efon)?|mobil)\b", re.I)
# Between a detail and the name it belongs to when the name follows: ' (' .
AFTER_DETAIL = re.compile(r"\s*\(\s*")
# Words that place a detail with the city itself; the city's own names come from its profile.
CITY_WORDS = (
    r"förvaltning(?:en)?|kontoret|stadsledningskontoret|nämnd(?:en)?|stadens|kommunens|"
    r"kontaktcenter"
)


def city_words(profile: CityProfile) -> re.Pattern:
    """CITY_WORDS and the city's own names ('Lunds kommun', 'Göteborgs Stad'), once a profile."""
    pattern = profile.extra.get("city_words")
    if pattern is None:
        names = "|".join(re.escape(n) for n in profile.city_names if " " in n)
        pattern = re.compile(f"(?:{CITY_WORDS}|{names})" if names else CITY_WORDS, re.I)
        profile.extra["city_words"] = pattern
    return pattern


@dataclass
class Finding:
    value: str
    start: int
    end: int
    kind: str
    label: str
    rule: str
    principle: str
    severity: str
    message: str
    fix: str
    evidence: list[str] = field(default_factory=list)
    normalized: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class _Item:
    """A contact detail while it is being classified (text offsets)."""

    start: int
    end: int
    kind: str
    normalized: str
    label: str = "unknown"
    evidence: list[str] = field(default_factory=list)
    org: Organisation | None = None
    person: bool = False  # presented with or as an individual person
    raw_span: tuple[int, int] | None = None  # set for details found in HTML attributes
    mobile: bool = False
    link_text: tuple[int, int] | None = None  # for links: where the link's text sits


def scan(
    text: str, profile: CityProfile | None = None, fmt: str | None = None, lang: str = "sv"
) -> list[Finding]:
    profile = profile or load_profile()
    doc = document.load(text, fmt)
    t = doc.text
    items: list[_Item] = []
    runs = phones.digit_runs(t)
    ids, blocked = _identity_numbers(t, runs)
    items.extend(ids)

    phone_matches = phones.find_phones(t, profile.area_code, blocked, runs)
    phone_matches += phones.find_series_locals(t, runs, phone_matches, profile.area_code, blocked)
    phone_matches.sort(key=lambda m: m.start)
    email_matches = _unglue(t, emails.find_emails(t), phone_matches)
    email_spans = [(m.start, m.end) for m in email_matches]
    phone_matches = [
        p for p in phone_matches if not any(a <= p.start and p.end <= b for a, b in email_spans)
    ]
    phone_items = [_phone_item(p, profile) for p in phone_matches]
    email_items = [_email_item(m, profile) for m in email_matches]
    url_items = [_url_item(m, profile) for m in places.find_urls(t, email_spans)]
    phone_items = [p for p in phone_items if not any(u.start <= p.start < u.end for u in url_items)]
    address_items = [_address_item(m, t, profile) for m in places.find_addresses(t)]
    link_items = _link_items(doc, profile, email_items, phone_items)
    linked = [i.link_text for i in link_items if i.link_text]
    url_items = [u for u in url_items if not any(a <= u.start < b for a, b in linked)]

    detail_starts = sorted(i.start for i in phone_items + email_items + ids)
    local_parts = {
        local
        for i in email_items
        if not emails.names_a_function(local := i.normalized.split("@")[0], profile.function_words)
    }
    name_items = [
        _Item(n.start, n.end, "person_name", n.name, evidence=list(n.evidence), person=True)
        for n in people.contact_names(
            t, detail_starts, local_parts, profile.function_words, profile.place_words
        )
    ]
    _label_people(t, name_items, phone_items, email_items, profile)
    _titles(t, phone_items)
    general_contact.mark_general_numbers(t, phone_items, email_items, profile)
    _company_context(t, phone_items, profile)
    _unowned_mobiles(t, phone_items, email_items + url_items, profile)
    _page_company(t, phone_items + address_items, email_items + url_items + link_items, profile)
    items.extend(phone_items + email_items + url_items + address_items + name_items)

    findings = [_finding(doc, item, profile, lang) for item in items]
    findings.extend(_finding(doc, item, profile, lang) for item in link_items)
    findings.sort(key=lambda f: (f.start, f.end))
    return findings


# -- extraction helpers --------------------------------------------------------------------


def _identity_numbers(t: str, runs) -> tuple[list[_Item], list[tuple[int, int]]]:
    """Personnummer (reported, masked) and organisationsnummer (never phone numbers), looked
    for inside the digit runs of the text."""
    items: list[_Item] = []
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
        for match in IDENTITY_12.finditer(t, start, end):
            digits = match.group().replace(" ", "")[-10:]
            if (match.start() and t[match.start() - 1].isdigit()) or not (
                _luhn(digits) and _is_birth_date(digits[:6])
            ):
                continue  # only a valid personnummer counts when there is no dash
            if len(match.group()) < 12 or " " in match.group():
                # Ten digits, or the date and the last four apart: only where the page says so
                # ('pnr', 'personnummer', 'Sökande: Name 8203149920'), never after 'Faktura'.
                before = t[max(0, match.start() - 60) : match.start()]
                if not PNR_CUE.search(before) or NOT_PNR_CUE.search(before[-25:]):
                    continue
            blocked.append(match.span())
            items.append(_identity_item(match.start(), match.end()))
    return items, blocked


def _identity_item(start: int, end: int) -> _Item:
    return _Item(
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


def _unglue(t: str, found: list[emails.EmailMatch], phone_matches) -> list[emails.EmailMatch]:
    """'…57 19lena.berg@goteborg.se': the digits belong to the number before the address
    (and 'Telefon031-368 14 92E-postmirela…': so does the label after them)."""
    result = []
    for m in found:
        for p in phone_matches:
            if p.start < m.start < p.end < m.end:
                local, _, domain = m.address.partition("@")
                cut = p.end - m.start
                m = emails.EmailMatch(p.end, m.end, f"{local[cut:]}@{domain}", m.obfuscated)
                m = emails.cut_glued_label(t, m)
                break
        result.append(m)
    return result


def _phone_item(p: phones.PhoneMatch, profile: CityProfile) -> _Item:
    item = _Item(p.start, p.end, "phone", p.national)
    if p.kind == "local":
        item.evidence.append(f"no area code: after '{p.cue}', city area code {profile.area_code}")
    _classify_number(item, p.national, profile)
    return item


def _classify_number(item: _Item, national: str, profile: CityProfile) -> None:
    if not national.startswith(("0", "+")) and (service := profile.national_number(national)):
        item.label = "national"
        item.evidence.append(f"national service number: {service.purpose_en}")
    elif national in profile.contact_center.phones:
        item.label = "contact_center"
        item.evidence.append(f"profile: {profile.contact_center.name}")
    elif company := profile.company_for_number(national):
        item.label, item.org = "city_company", company
        item.evidence.append(f"profile: city company {company.name}")
    elif actor := profile.external_for_number(national):
        item.label, item.org = "external", actor
        item.evidence.append(f"profile: external actor {actor.name}")
    elif not national.startswith("0"):
        item.label = "external"
        item.evidence.append("short number of a national service")
    elif profile.in_own_series(national):
        item.label = "function"
        item.evidence.append("in the city's number series")
    elif profile.in_own_area(national) and not phones.is_mobile(national):
        item.label = "function"
        item.evidence.append(f"in the city's area code {profile.area_code} (no series known)")
    elif phones.is_mobile(national):
        # A mobile without a person beside it is a function's (a duty phone, an SMS number),
        # but it is flagged: mobiles often follow a person.
        item.label, item.mobile = "function", True
        item.evidence.append("mobile number outside the city's series")
    else:
        item.label = "external"
        item.evidence.append("outside the city's number series")


def _email_item(m: emails.EmailMatch, profile: CityProfile) -> _Item:
    item = _Item(m.start, m.end, "email", m.address)
    if m.obfuscated:
        item.evidence.append("obfuscated address")
    classify_email(item, m.address, profile)
    return item


def classify_email(item: _Item, address: str, profile: CityProfile) -> None:
    local, _, domain = address.partition("@")
    if address in profile.contact_center.emails:
        item.label = "contact_center"
        item.evidence.append(f"profile: {profile.contact_center.name}")
        return
    if general_contact.is_general_mailbox(address, profile):
        item.label = "contact_center"
        item.evidence.append(f"the general mailbox of {profile.name}")
        return
    company = profile.company_for_domain(domain)
    if company or profile.is_own_domain(domain):
        verdict = emails.analyse_local_part(local, profile.function_words)
        if company:
            item.label, item.org = "city_company", company
            item.evidence.append(f"domain of city company {company.name}")
        elif address in profile.general_mailboxes:
            item.label = "function"
            item.evidence.append("profile: general mailbox")
            return
        else:
            item.label = "function"
            item.evidence.append(f"city domain {domain}")
        item.evidence.extend(verdict.evidence)
        if verdict.personal:
            item.person = True
            if item.label == "function":
                item.label = "personal"
        return
    actor = profile.external_for_domain(domain)
    item.label, item.org = "external", actor
    item.evidence.append(
        f"profile: external actor {actor.name}" if actor else f"domain {domain} is not the city's"
    )


def _url_item(m: places.PlaceMatch, profile: CityProfile) -> _Item:
    item = _Item(m.start, m.end, m.kind, m.value)
    _classify_host(item, m.host, profile)
    return item


def _classify_host(item: _Item, host: str, profile: CityProfile) -> None:
    if company := profile.company_for_domain(host):
        item.label, item.org = "city_company", company
        item.evidence.append(f"website of city company {company.name}")
    elif profile.is_own_domain(host):
        item.label = "function"
        item.evidence.append(f"city domain {host}")
    else:
        actor = profile.external_for_domain(host)
        item.label, item.org = "external", actor
        item.evidence.append(f"external website {host}")


def _address_item(m: places.PlaceMatch, t: str, profile: CityProfile) -> _Item:
    item = _Item(m.start, m.end, m.kind, m.value)
    line_start = t.rfind("\n", 0, m.start) + 1
    prev_start = t.rfind("\n", 0, max(0, line_start - 1)) + 1
    context = t[prev_start : m.end]
    paragraph_start = max(t.rfind("\n\n", 0, m.start), m.start - 300, 0)
    company = _mentioned(t[paragraph_start : m.end], profile.city_companies)
    actor = _mentioned(context, profile.external_actors)
    own_line = t[max(line_start, m.start - 200, t.rfind(". ", line_start, m.start)) : m.start]
    if city_words(profile).search(own_line) and not (
        _mentioned(own_line, profile.external_actors)
        or _mentioned(own_line, profile.city_companies)
    ):
        # The address's own line or sentence names the city ('Stadens medborgarkontor: …'),
        # whatever the lines around it name.
        item.label = "function"
        item.evidence.append("the city named on the address's line")
    elif company:
        item.label, item.org = "city_company", company
        item.evidence.append(f"near city company {company.name}")
    elif actor:
        item.label, item.org = "external", actor
        item.evidence.append(f"near external actor {actor.name}")
    elif EXTERNAL_WORDS.search(paragraph := t[paragraph_start : m.end]) and (
        not city_words(profile).search(paragraph)
    ):
        item.label = "external"
        item.evidence.append("address of an external organisation")
    elif m.postcode and m.postcode.startswith(profile.postcode_prefixes):
        item.label = "function"
        item.evidence.append(f"postcode {m.postcode} in the city's postal area")
    elif m.postcode and not profile.postcode_prefixes:
        town = m.value.rsplit(" ", 1)[-1].lower()
        if town in profile.place_words:
            item.label = "function"
            item.evidence.append(f"postal town {town} of the city")
        else:
            item.label = "external"
            item.evidence.append(f"postal town {town} is not the city's")
    elif m.postcode:
        item.label = "external"
        item.evidence.append(f"postcode {m.postcode} outside the city's postal area")
    else:
        item.label = "function"
        item.evidence.append("street address on a city page, no other organisation named")
    return item


def _link_items(doc, profile, email_items, phone_items) -> list[_Item]:
    """mailto:, tel: and e-service links whose target the visible text does not show."""
    items = []
    own_hosts: dict[str, bool] = {}
    for link in doc.links:
        href = link.href.strip()
        shown = doc.text[link.text_start : link.text_end]
        lower = href.lower()
        if lower.startswith("mailto:"):
            address = href[7:].split("?", 1)[0].strip().lower()
            if not address or any(
                link.text_start <= i.start < link.text_end and i.normalized == address
                for i in email_items
            ):
                continue  # the link shows its own address: that one is reported
            item = _Item(0, 0, "email", address, raw_span=_attr_span(doc, link, 7, address))
            item.evidence.append("mailto: link")
            classify_email(item, address, profile)
            items.append(item)
        elif lower.startswith("tel:"):
            try:
                national = phones.national_digits(href, profile.area_code)
            except ValueError:
                continue
            if any(
                link.text_start <= i.start < link.text_end and i.normalized == national
                for i in phone_items
            ):
                continue
            value = href[4:].strip()
            item = _Item(0, 0, "phone", national, raw_span=_attr_span(doc, link, 4, value))
            item.evidence.append("tel: link")
            _classify_number(item, national, profile)
            items.append(item)
        elif lower.startswith(("http://", "https://")) and not SHARE_LINK.search(lower):
            # Relative links are the site's own navigation, and share buttons are page chrome:
            # neither is a contact detail.
            is_form = bool(
                places.FORM_HINT.search(href)
                or re.search(r"e-tjänst|formulär|blankett|ansök|anmäl", shown, re.I)
            )
            host = places.host_of(href)
            own = own_hosts.get(host)
            if own is None:
                own = profile.is_own_domain(host) and not profile.company_for_domain(host)
                own_hosts[host] = own
            if own and not is_form:
                continue  # the site's own navigation
            kind = "web_form" if is_form else "website"
            written = shown.strip()
            if written and _same_url(written, href):
                # The link shows its own address ('opus.se/boka'): report what readers see.
                at = link.text_start + len(shown) - len(shown.lstrip())
                item = _Item(at, at + len(written), kind, written)
            else:
                item = _Item(0, 0, kind, href, raw_span=(link.start, link.end))
            item.evidence.append("link to an e-service or form" if is_form else "link")
            item.link_text = (link.text_start, link.text_end)
            _classify_host(item, host, profile)
            items.append(item)
    return items


def _same_url(written: str, href: str) -> bool:
    """'opus.se/boka' and 'https://www.opus.se/boka/' are the same address."""

    def bare(url: str) -> str:
        url = re.sub(r"^[a-z]+://", "", url.strip().lower())
        return url.removeprefix("www.").rstrip("/")

    return " " not in written and bare(written) == bare(href)


def _attr_span(doc, link, prefix: int, value: str) -> tuple[int, int]:
    start = link.start + prefix
    raw_value = doc.raw[start : link.end]
    cut = raw_value.find("?")
    end = start + cut if cut >= 0 else link.end
    return start, end


def _mentioned(context: str, organisations) -> Organisation | None:
    """The first of `organisations` named in `context` (the last 300 characters of it)."""
    if not organisations:
        return None
    pattern, by_name = _names_pattern(organisations)
    match = pattern.search(context[-300:].lower())
    return by_name[match.group()] if match else None


_PATTERNS: dict[int, tuple[tuple, re.Pattern, dict[str, Organisation]]] = {}


def _names_pattern(organisations: tuple) -> tuple[re.Pattern, dict[str, Organisation]]:
    """One pattern for all names of a profile's organisations, built once per profile."""
    cached = _PATTERNS.get(id(organisations))
    if cached is not None and cached[0] is organisations:
        return cached[1], cached[2]
    by_name = {name.lower(): org for org in organisations for name in org.names if len(name) >= 3}
    names = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?=s?(?!\w))")
    _PATTERNS[id(organisations)] = (organisations, pattern, by_name)
    return pattern, by_name


# -- people --------------------------------------------------------------------------------


def _private_companies(t: str, profile: CityProfile) -> re.Pattern | None:
    """A pattern for the first word of every company the text names with its form ('Ledningsbyggarna
    i Väst AB' -> 'Ledningsbyggarna'), so that a later 'Ledningsbyggarna, arbetsledare X' is
    known to be outside the city. City companies are left out."""
    words: set[str] = set()
    if " AB" not in t and " HB" not in t and " KB" not in t:
        return None
    for match in COMPANY_FORM.finditer(t):
        name = match.group()
        first = match.group(1)
        # Its distinctive first word only: 'Ledningsbyggarna', not 'Nya' of 'Nya Lokaler AB'.
        if _mentioned(name, profile.city_companies) is None and len(first) >= 6:
            words.add(first)
    if not words:
        return None
    # Case-sensitive and as a word that names something: not a sentence's first word.
    return re.compile(r"(?<![.!?] )\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")


def _label_people(t, name_items, phone_items, email_items, profile) -> None:
    """A name's label follows its organisation; details shown with a person become theirs."""
    starts = [n.start for n in name_items]
    private = _private_companies(t, profile) if name_items else None
    details_of: dict[int, list[_Item]] = {i: [] for i in range(len(name_items))}
    cards = [m.span() for m in VCARD.finditer(t)] if "BEGIN:VCARD" in t.upper() else []
    for detail in phone_items + email_items:
        card = next(((a, b) for a, b in cards if a <= detail.start < b), None)
        if card is not None:
            # In a vCard every TEL and EMAIL is the card's person's.
            in_card = [i for i, s in enumerate(starts) if card[0] <= s < detail.start]
            owner = in_card[-1] if in_card else None
        else:
            owner = _owner(t, detail, name_items, starts)
        if owner is not None:
            details_of[owner].append(detail)
    for index, person in enumerate(name_items):
        details = details_of[index]
        line_start, line_end = _line(t, person.start)
        context = t[line_start:line_end]
        line_end = _line(t, min(len(t), line_end + 1))[1]
        if len(context.strip(" |*-:,")) <= len(person.normalized) + 2:
            # A name alone on its line: its title and organisation are on the next line (the
            # next paragraph when every line is one).
            next_start = line_end + 1
            while next_start < len(t) and t[next_start] == "\n":
                next_start += 1
            context = t[line_start : _line(t, next_start)[1]]
        # Around the name only: a page scraped into one long line must not be searched whole
        # for every person on it.
        lo = max(0, person.start - line_start - 300)
        context = context[lo : person.end - line_start + 300]
        external = next((d for d in details if d.label == "external" and not d.mobile), None)
        company_detail = next((d for d in details if d.label == "city_company"), None)
        prev_start = _line(t, max(0, line_start - 1))[0]
        heading = t[prev_start:line_start] if line_start - prev_start < 70 else ""
        own_end = _line(t, person.start)[1]
        if own_end - line_start <= 120 and not t[line_start:own_end].rstrip().endswith("."):
            heading += _block_heading(t, line_start)  # a list under its heading
        city_detail = any(
            d.label in ("function", "personal") and not d.mobile and d.org is None for d in details
        )
        company = _mentioned(context, profile.city_companies)
        if company is None and not city_detail:
            company = _mentioned(heading, profile.city_companies)
        own_org = (
            EXTERNAL_WORDS.search(context)
            or city_words(profile).search(context)
            or (private is not None and private.search(context))
        )
        if company is None and not own_org and not city_detail:
            # No organisation on the person's lines: the paragraph's city company, if it names
            # one ('Visit Göteborg & Co …\nPress enquiries: Annika …').
            para_start = max(t.rfind("\n\n", 0, line_start), line_start - 300, 0)
            company = _mentioned(t[para_start:line_start], profile.city_companies)
        if external is not None and (external.org is not None or external.kind == "email"):
            person.label, person.org = "external", external.org
            person.evidence.append("contact details of a known external organisation")
        elif (org := company_detail.org if company_detail is not None else company) is not None:
            person.label, person.org = "city_company", org
            person.evidence.append(f"at city company {org.name}")
        elif external is not None:
            person.label = "external"
            person.evidence.append("contact details outside the city's domains and series")
        elif (
            not city_detail
            and (EXTERNAL_WORDS.search(scope := heading + context) or CLUB.search(scope))
            and not city_words(profile).search(scope)
        ):
            person.label = "external"
            person.org = _mentioned(scope, profile.external_actors)
            person.evidence.append("at an external organisation")
        elif (
            private is not None
            and not city_detail
            and (named := private.search(t, max(line_start, person.start - 80), person.start))
        ):
            person.label = "external"
            person.evidence.append(f"at the company {named.group()}")
        else:
            person.label = "personal"
            person.evidence.append("individual presented as a contact")
        for detail in details:
            if (
                detail.kind == "phone"
                and detail.label in ("function", "unknown", "external")
                and (detail.org is None)
            ):
                if detail.label == "external" and person.label == "personal":
                    continue
                detail.label = person.label
                detail.person = True
                detail.evidence.append(f"shown with the person '{person.normalized}'")
    _same_person_same_label(name_items, details_of)


def _block_heading(t: str, line_start: int) -> str:
    """The short line above the block of lines a person's line is in ('Styrelsen' over
    'Ordförande: …' / 'Kassör: …'), or ''."""
    at = line_start
    for _ in range(12):  # up the block
        if at <= 0:
            return ""
        above = _line(t, at - 1)[0]
        if not t[above : at - 1].strip():
            break
        at = above
    else:
        return ""
    while at > 0 and not t[_line(t, at - 1)[0] : at - 1].strip():  # over the blank lines
        at = _line(t, at - 1)[0]
        if at <= 0:
            return ""
    head_start = _line(t, at - 1)[0]
    head = t[head_start : at - 1].strip()
    return f"\n{head}\n" if 0 < len(head) < 70 and people.short_line(head) else ""


def _same_person_same_label(name_items, details_of) -> None:
    """A name shown again without anything that places it ('Från: Björn Sahlin Idrizi' in a
    quoted e-mail) belongs where its other occurrence on the page placed it."""
    placed = {n.normalized: n for n in name_items if n.label in ("external", "city_company")}
    for index, person in enumerate(name_items):
        other = placed.get(person.normalized)
        if other is None or person.label != "personal":
            continue
        person.label, person.org = other.label, other.org
        person.evidence.append("placed by the same name elsewhere on the page")
        for detail in details_of[index]:
            if detail.label == "personal" and detail.kind == "phone" and detail.org is None:
                detail.label, detail.org = other.label, other.org
                detail.evidence.append(f"shown with '{person.normalized}', placed elsewhere")


def _line(t: str, at: int) -> tuple[int, int]:
    start = t.rfind("\n", 0, at) + 1
    end = t.find("\n", at)
    return start, len(t) if end < 0 else end


def _owner(t: str, detail: _Item, name_items, starts) -> int | None:
    """The name a detail is shown with: a name in brackets right after it ('0762-11 40 93
    (Rikard Lövgren, badmästare)'), else the nearest name before it in the same paragraph."""
    best = None
    for index, start in enumerate(starts):
        if start >= detail.start:
            if start - detail.end <= 4 and AFTER_DETAIL.fullmatch(t, detail.end, start):
                return index
            break
        best = index
    if best is None:
        return None
    person = name_items[best]
    gap = t[person.end : detail.start]
    if detail.start - person.end > 180:
        return None
    if re.search(r"\n\s*\n", gap) and not _block_lines(gap):
        return None
    if ("@" in gap or re.search(r"\d\d", gap)) and people.FUNCTION_MARKERS.search(
        DETAIL_LABEL_WORD.sub(" ", gap)
    ):
        return None  # '…, 031-366 92 05 Mottagningen (tidsbokning) 031-…': a new row
    if "\n" in gap:
        if t[max(0, person.start - 3) : person.start].rstrip().endswith("("):
            return None  # '(Rikard Lövgren, badmästare)' names the detail before it only
        # On a later line a detail is the person's only after a plain label ('Telefon:'), also
        # after another detail on that line ('Direkt: 031-366 71 83 | Mobil: 0761-…').
        label = NUMBER_ON_LINE.sub(" ", gap[gap.rfind("\n") + 1 :])
        if not all(DETAIL_LABEL.fullmatch(part) for part in re.split(r"[|·]", label)):
            return None
    return best


def _block_lines(gap: str) -> bool:
    """A contact block laid out one paragraph a line ('Name' / 'Presschef, Renova' /
    '0709-…'): between a name and its detail only a few short lines without details or
    sentences."""
    lines = [line.strip() for line in gap.split("\n")[1:-1] if line.strip()]
    return len(lines) <= 3 and all(people.short_line(line) for line in lines)


def _titles(t: str, phone_items) -> None:
    """A mobile right after a person's job title ('byggledare, telefon 0733-…') is personal.
    A fixed number after a role ('Sjuksköterska dagtid: 031-…') is a function phone."""
    for item in phone_items:
        if item.person or not item.mobile:
            continue
        line_start = t.rfind("\n", 0, item.start) + 1
        before = t[max(line_start, item.start - 60) : item.start]
        title = people.TITLES.search(before)
        if title and not people.FUNCTION_MARKERS.search(before):
            item.label, item.person = "personal", True
            item.evidence.append(f"shown with the job title '{title.group()}'")


def _company_context(t: str, phone_items, profile: CityProfile) -> None:
    """A number outside the city's series shown under a city company's name is the company's;
    a mobile right after an external organisation's name is theirs."""
    for item in phone_items:
        if item.mobile and item.label == "function" and not item.person:
            line_start, _ = _line(t, item.start)
            before = t[max(line_start, item.start - 60) : item.start]
            if EXTERNAL_WORDS.search(before) and not city_words(profile).search(before):
                item.label = "external"
                item.evidence.append("shown with an external organisation")
            continue
        if item.label == "function" and not item.person and not item.mobile:
            # A number in the city's series written right after a city company's name
            # ('Visit Göteborg & Co's tourist information: +46-31-368 42 00') is the company's.
            line_start, _ = _line(t, item.start)
            before = t[max(line_start, item.start - 80) : item.start]
            company = _mentioned(before, profile.city_companies)
            if company and not city_words(profile).search(before):
                item.label, item.org = "city_company", company
                item.evidence.append(f"shown after city company {company.name}")
            continue
        if item.label != "external" or item.org is not None or item.person:
            continue
        line_start, _ = _line(t, item.start)
        if EXTERNAL_WORDS.search(t[max(line_start, item.start - 120) : item.start]):
            continue  # 'Hyresgästföreningen: 010-…' under a company's paragraph
        para_start = max(t.rfind("\n\n", 0, item.start), item.start - 300, 0)
        company = _mentioned(t[para_start : item.start], profile.city_companies)
        if company:
            item.label, item.org = "city_company", company
            item.evidence.append(f"shown under city company {company.name}")


def _unowned_mobiles(t: str, phone_items, others, profile: CityProfile) -> None:
    """A mobile that nothing beside it ties to a function, a person or an organisation stays a
    function's phone (flagged by its rule), unless it sits in a private notice ('Ägaren kan
    ringa 0739-…', 'Säljes: …'): that one cannot be placed, so it is unknown."""
    for item in phone_items:
        if not item.mobile or item.person or item.label != "function":
            continue
        line_start, line_end = _line(t, item.start)
        if not t[line_start : item.start].strip(" :-–|*•"):
            line_start = _line(t, max(0, line_start - 1))[0]  # a table row: its label above
        around = t[max(line_start, item.start - 80) : min(line_end, item.end + 40)]
        if MOBILE_OWNER.search(around) or city_words(profile).search(around):
            continue
        sibling = next(
            (
                o
                for o in others
                if o.label in ("external", "city_company")
                and not o.person
                and not o.normalized.endswith(FREE_MAIL)
                and line_start <= o.start < line_end
                and abs(o.start - item.start) < 80
            ),
            None,
        )
        if sibling is not None:
            # 'info@returtorget.coop · 0735-…': the mobile goes with the address beside it (not
            # with a free mailbox, which says nothing of who holds it).
            item.label, item.org = sibling.label, sibling.org
            item.evidence.append(f"shown with {sibling.normalized}")
        elif PRIVATE_CUES.search(t, max(0, item.start - 200), min(len(t), item.end + 40)):
            item.label = "unknown"
            item.evidence.append("a private notice: no function, person or organisation named")


def _page_company(t: str, loose, placed, profile: CityProfile) -> None:
    """A city company's own page (its addresses and links outnumber the city's): its numbers
    and addresses that name no one else are the company's ('+46 31 368 45 00' on Got Event's
    page, a Renova number outside the city's series)."""
    counts: dict[str, int] = {}
    mailboxes: dict[str, int] = {}
    own = 0
    for item in placed:
        if item.label == "city_company" and item.org is not None and not item.person:
            counts[item.org.name] = counts.get(item.org.name, 0) + 1
            if item.kind == "email":
                mailboxes[item.org.name] = mailboxes.get(item.org.name, 0) + 1
        elif item.label in ("function", "contact_center", "personal"):
            own += 1
    if not counts:
        return
    name, count = max(counts.items(), key=lambda kv: kv[1])
    if count < 2 or count <= own or not mailboxes.get(name):
        return  # links alone ('läs mer på renova.se') do not make it the company's page
    company = next(c for c in profile.city_companies if c.name == name)
    for item in loose:
        if item.person or item.org is not None or item.mobile:
            continue
        if item.label == "function" or (item.label == "external" and item.kind == "phone"):
            line_start, _ = _line(t, item.start)
            before = t[max(line_start, item.start - 120) : item.start]
            if city_words(profile).search(before) or EXTERNAL_WORDS.search(before):
                continue  # 'Stadens medborgarkontor: …', 'Hyresgästföreningen: …'
            if _mentioned(before, profile.external_actors):
                continue
            item.label, item.org = "city_company", company
            item.evidence.append(f"on a page of city company {company.name}")


# -- findings ------------------------------------------------------------------------------


def _rule_for(item: _Item) -> str:
    kind, label = item.kind, item.label
    if kind == "personnummer":
        return "P3-personnummer"
    if kind == "person_name":
        return {
            "external": "P4-external-person",
            "city_company": "P3-city-company-person",
        }.get(label, "P3-person-name")
    if kind in ("website", "web_form"):
        if label == "external":
            return "P4-external-link"
        if label == "city_company":
            return "P2-city-company-contact"
        return "P2-web-form" if kind == "web_form" else "P2-own-website"
    if label == "personal":
        return "P3-personal-email" if kind == "email" else "P3-personal-phone"
    if label == "external":
        if kind in ("postal_address", "visiting_address"):
            return "P4-external-address"
        return "P4-external-email" if kind == "email" else "P4-external-phone"
    if label == "city_company":
        return "P3-city-company-person" if item.person else "P2-city-company-contact"
    if label == "contact_center":
        return "P2-contact-center"
    if label == "national":
        return "INFO-national-number"
    if item.mobile and label in ("function", "unknown"):
        return "P3-mobile-number"
    if label == "function":
        return "P2-function-contact"
    return "P2-unknown-contact"


def _finding(doc, item: _Item, profile: CityProfile, lang: str) -> Finding:
    rule = RULES[_rule_for(item)]
    if item.raw_span is not None:
        start, end = item.raw_span
    else:
        start, end = doc.raw_span(item.start, item.end)
    value = doc.raw[start:end]
    if item.kind == "personnummer":
        value = mask_identity(value)
    website = item.org.website if item.org and item.org.website else ""
    fix = rule.fix(
        profile,
        lang,
        website_sv=f" ({website})" if website else "",
        website_en=f" ({website})" if website else "",
    )
    return Finding(
        value=value,
        start=start,
        end=end,
        kind=item.kind,
        label=item.label,
        rule=rule.id,
        principle=rule.principle,
        severity=rule.severity,
        message=rule.message(lang),
        fix=fix,
        evidence=item.evidence,
        normalized=item.normalized if item.kind != "personnummer" else "",
    )


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
