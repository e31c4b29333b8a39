"""Person names presented as contacts ("Kontakt: Anna Svensson, handläggare, 031-…"),
told apart from names only quoted ("…, säger Anna Svensson") and photo credits.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from serviceguiden.policy import emails, names

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿā-žı"
NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
GAP = "[ ]"
PARTICLE = r"(?:(?:von|af|av|de|van|der|el|al|bin|da|di|du|la|le) )"
WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?")
SURNAME_FIRST = re.compile(rf"([{UPPER}][{LOWER}]+) \Z")  # 'Nguyen Thi Lan', 'Tran Minh Duc'
EAST_ASIAN_SURNAMES = frozenset(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly wang li zhang liu "
    "chen yang huang zhao wu zhou kim lee park choi".split()
)
PERSON = re.compile(
    rf"(?P<first>{NAME_WORD})(?:{GAP}(?P<middle>{NAME_WORD}))?{GAP}{{1,2}}"
    rf"(?P<last>{PARTICLE}?{NAME_WORD}(?:{GAP}?-{GAP}?{NAME_WORD})?)(?![{LOWER}])"
)
SPEECH = re.compile(
    r"(?:säger|sa|sade|berättar|berättade|fortsätter|förklarar|menar|konstaterar|tycker|enligt|"
    r"skriver|betonar|understryker|avslutar|svarar|påpekar|uppger|framhåller|tillägger|intervju"
    r"\s+med|citat|hälsar|hoppas|tror|säger\s+hon|säger\s+han|says|said|explains|adds|notes|"
    r"according\s+to|told)(?:\s+[a-zåäö\-]+){0,4}\s*[,:]?\s*$",
    re.I,
)
CREDIT = re.compile(
    r"\b(?:foto|fotograf|bild|bilder|illustration|illustratör|text|©|photo|grafik|film|"
    r"källa|ansvarig utgivare|utgivare|publisher|granskad|reviewed|uppdaterad|publicerad)"
    r"\s*[:.]?\s*[^\n]{0,20}$",
    re.I,
)
CUE = re.compile(
    r"\b(?:kontakt(?:a|person|personer|uppgifter|er)?|frågor|information|upplysningar|"
    r"ansvarig(?!\s+utgivare)|handläggare|handläggs\s+av|presskontakt(?:er)?|pressansvarig|kontaktas|nås|ring|"
    r"ringa|mejla|sökande|kontaktperson\s+är|ansvarig\s+är|"
    r"maila|e-posta|skriv\s+till|vänd\s+dig\s+till|hör\s+av\s+dig\s+till|anmälan\s+till|"
    r"anmäl\s+dig\s+till|kontaktperson|mer\s+information|ytterligare\s+information|"
    r"c/o|svarar\s+på\s+frågor|frågor\s+besvaras\s+av|besvaras\s+av|lämnas\s+av|"
    r"redaktör|sidansvarig|webbredaktör|editor|contact)\b"
    r"[^\n]{0,60}$",
    re.I,
)
HEADING = re.compile(
    r"^\s*(?:kontakt|kontakter|kontaktuppgifter|kontaktperson(?:er)?|presskontakt(?:er)?|"
    r"frågor|mer information|ansvarig(?:a)?|handläggare|har du frågor\??|vid frågor\b.*|"
    r"kontakta oss|kontakta\b.*|för mer information.*|information|"
    r"(?:med )?vänlig(?:a)? hälsning(?:ar)?|hälsningar|mvh|(?:best |kind )?regards)\s*[:.,]?\s*$",
    re.I | re.M,
)
NOT_SURNAMES = frozenset(
    [
        "stad",
        "staden",
        "kommun",
        "kommunen",
        "municipality",
        "sverige",
        "stadshus",
        "förvaltning",
        "förvaltningen",
        "kontor",
        "kontoret",
        "centrum",
        "center",
        "skola",
        "skolan",
        "förskola",
        "förskolan",
        "park",
        "parken",
        "torg",
        "torget",
        "gata",
        "gatan",
        "väg",
        "vägen",
        "hus",
        "huset",
        "bibliotek",
        "biblioteket",
        "museum",
        "museet",
        "enhet",
        "enheten",
        "avdelning",
        "avdelningen",
        "region",
        "regionen",
        "polisen",
        "energi",
        "länsstyrelsen",
        # detail labels glued after a name in flattened layouts ('Thoresen Telefon')
        "telefon",
        "tel",
        "tfn",
        "mobil",
        "e-post",
        "epost",
        "mejl",
        "fax",
        "direkt",
        "växel",
        "email",
        "phone",
    ]
)
TITLE_WORDS = (
    r"handläggare|samordnare|ledare|ansvarig|chef|rektor|kommunikatör|sekreterare"
    r"|ingenjör|arkitekt|utredare|strateg|controller|inspektör|konsult|specialist|direktör|"
    r"koordinator|projektör|rådgivare|vägledare|assistent|pedagog|lärare|kurator|sjuksköterska"
    r"|psykolog|jurist|ekonom|förvaltare|tekniker|planerare|analytiker|utvecklare|ombud"
    r"|talesperson|talesman|presskontakt|ordförande|sköterska|administratör|"
    r"redaktör|bibliotekarie|vaktmästare|kassör|läkare|barnmorska|terapeut|kontaktperson|"
    r"mediekontakt(?:er)?|stödjare|skötare|biträde|instruktör|tränare|fotterapeut|badvärd"
)
# English titles count as whole words only ('Anna Whitehead' is no head).
ENGLISH_TITLES = (
    r"officer|chief|head|counsellor|counselor|editor|adviser|advisor|coordinator|director|"
    r"curator|manager"
)
TITLES = re.compile(rf"\b(?:[a-zåäö]*(?:{TITLE_WORDS})|{ENGLISH_TITLES})\b", re.I)
# A job title as written before or after a name, any case, maybe glued ('PlanarkitektMirela').
TITLE_ANY = rf"(?i:[a-zåäö]*(?:{TITLE_WORDS})(?![a-zåäö])|\b(?:{ENGLISH_TITLES})\b)"
FUNCTION_MARKERS = re.compile(  # also as the end of a compound: 'Pressjouren', 'Kundtjänst'
    r"(?:mottagande|mottagning|mottagningen|jour|jouren|jourhavande|vakthavande|växel|växeln|"
    r"kundtjänst|kundcenter|kontaktcenter|reception|receptionen|expedition|expeditionen|"
    r"service|support|servicedesk|helpdesk|kansli|kansliet|sekretariat|registrator|"
    r"e-post|funktionsbrevlåda)\b",
    re.I,
)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    name: str
    evidence: tuple[str, ...]


def candidate_names(text: str, stop: frozenset[str] = NOT_SURNAMES) -> list[tuple[int, int, str]]:
    """Capitalised word sequences that start with a known first name."""
    out = []
    resume = 0
    for word in WORD.finditer(text):
        if word.start() < resume or not names.is_first_name(word.group()):
            continue
        before = text[word.start() - 1] if word.start() else " "
        if (before.isalnum() or before in "_@.") and not before.islower():
            continue  # inside a word or an address; a lowercase letter before is glued text
        if word.group().lower() in stop:
            continue
        match = PERSON.match(text, word.start())
        if not match:
            continue
        last = match.group("last").split()[-1]
        end = match.end()
        if match.group("middle") and (TITLES.fullmatch(last) or last.lower() in stop):
            end = match.end("middle")  # 'Lisa Grönberg Enhetschef': the third word is a title
        elif last.lower() in stop or TITLES.fullmatch(last) or text[end : end + 1] == "-":
            continue  # 'Agnieszka Socialsekreterare', 'Tuan Budget- och skuldrådgivare'
        if _is_street(last, text[end : end + 12]):
            continue  # 'Karl Johansgatan', 'Gustaf Adolfs torg'
        start = match.start()
        surname = SURNAME_FIRST.search(text, max(0, start - 20), start)
        if surname and surname.group(1).lower() in EAST_ASIAN_SURNAMES:
            start = surname.start(1)
        out.append((start, end, text[start:end]))
        resume = end
    return out


STREET_ENDINGS = (
    "gatan", "gata", "vägen", "väg", "torget", "torg", "platsen", "plats", "allén", "gången",
    "backen", "leden", "kajen", "parken", "stråket", "bron",
)  # fmt: skip
STREET_WORD_AFTER = re.compile(
    r"^ (?:torg|gata|väg|plats|park|kyrka|skola|gymnasium|bro|kaj|hamn|bad|hall|museum)\b"
)


def _is_street(last: str, after: str) -> bool:
    return last.lower().endswith(STREET_ENDINGS) or bool(STREET_WORD_AFTER.match(after))


PAIR = re.compile(rf"{NAME_WORD} {NAME_WORD}")


def _names_of_addresses(text: str, local_parts: set[str]) -> list[tuple[int, int, str]]:
    """Names missing from the first-name lists, found because the page shows their address:
    'Lejla Hodžić … lejla.hodzic@…'."""
    wanted = {lp for lp in local_parts if lp.count(".") <= 1}
    if not wanted:
        return []
    out = []
    for match in PAIR.finditer(text):
        first, last = match.group().split(" ")
        if names.is_first_name(first):
            continue  # already a candidate
        given, family = names.fold(first), names.fold(last)
        forms = {  # 'lejla.hodzic', 'i.strand-oyelowo', 'tesfay.g', 'ihodzic'
            f"{given}.{family}", f"{given[0]}.{family}", f"{given}.{family[0]}",
            f"{given[0]}{family}",
        }  # fmt: skip
        if forms & wanted:
            out.append((match.start(), match.end(), match.group()))
    return out


CUED_NAME = re.compile(
    r"\b(?:[Kk]ontaktperson|[Kk]ontakt|[Hh]andläggare|[Aa]nsvarig|[Pp]resskontakt|[Kk]ontakta|"
    r"besvaras av|lämnas av|[Kk]ontaktas|[Mm]edsökande|[Ss]ökande|[Cc]ontact(?: person)?)"
    r"\s*:?[ \t]+(?:(?:Ms|Mr|Mrs|Dr|fil\. ?dr|Fil\. ?dr)\.?[ \t]+)?"
    rf"({NAME_WORD}(?:,? {NAME_WORD}){{1,2}})"
    r"(?=[ \t]*[,(–]|[ \t]+-|[ \t]+på[ \t]|[ \t]*\n|[ \t]+\d)"
)
NAME_PAIR_COMMA = re.compile(rf"(?<= )({NAME_WORD} {NAME_WORD})(?=,)")
TITLE_BEFORE = re.compile(TITLES.pattern + " $")
ORG_ENDINGS = (
    "kontoret", "forvaltningen", "enheten", "centrum", "huset", "bolaget", "kommun", "gruppen",
    "foreningen", "tjansten",
)  # fmt: skip


HONORIFICS = ("Ms ", "Mr ", "Mrs ", "Dr ", "Miss ")
NAME_RUN = re.compile(rf"(?:{NAME_WORD}|[{UPPER}]\.)(?: {NAME_WORD})+(?![{LOWER}])")
TITLE_AFTER_NAME = re.compile(
    rf"(?:, ?|\n\s*| \| |(?=[{UPPER}][{LOWER}]))(?:[a-zåäö]+ )?{TITLE_ANY}"
)  # ', biträdande rektor', a title on the line or paragraph below, the next table cell


NOT_WORD = re.compile(r"[^\w-]")


def _title_before(text: str, at: int) -> bool:
    """Is the word right before `at` a job title ('Rektor ', 'Planarkitekt:** ', glued
    'ExploateringsingenjörRavi')?"""
    before = text[max(0, at - 40) : at].rstrip(" \t:*\n")
    word = NOT_WORD.split(before[-30:])[-1]
    return bool(word) and TITLES.fullmatch(word) is not None


def _titled_names(
    text: str, windows, extra: frozenset[str], stop: frozenset[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """Names the lists lack, shown with a job title before or after them ('Rektor Emina
    Hadžiomerović ·', 'Tiago Ferreira Lund, verksamhetsutvecklare', '| Hosseini Darya |
    Projektledare |', glued 'ExploateringsingenjörRavi Shankar Iyer')."""
    out = []
    for start, end in windows:
        for match in NAME_RUN.finditer(text, start, end):
            words = match.group().split(" ")
            start_at, titled = match.start(), False
            inner = [i for i, w in enumerate(words[:-2]) if TITLES.fullmatch(w)]
            if inner:  # 'Booking Manager Tobiah Grünewald-Eke': the name follows the title
                cut = inner[-1] + 1
                start_at += len(" ".join(words[:cut])) + 1
                words, titled = words[cut:], True
            while words and (TITLES.fullmatch(words[0]) or f"{words[0]} " in HONORIFICS):
                titled = titled or bool(TITLES.fullmatch(words[0]))
                start_at += len(words.pop(0)) + 1  # 'Rektor Emina …', 'Ms Dang Thu Trang'
            if not 2 <= len(words) <= 4:
                continue
            name_end = match.end()
            if not (
                titled or _title_before(text, start_at) or TITLE_AFTER_NAME.match(text, name_end)
            ):
                continue
            name = " ".join(words)
            if names.is_first_name(words[0]) or TITLES.fullmatch(words[-1]):
                continue  # the lists find it; 'Anna Handläggare' is cut elsewhere
            if any(w.lower() in stop for w in words) or emails.names_a_function(name, extra):
                continue
            if any(names.fold(w).endswith(ORG_ENDINGS) for w in words):
                continue
            if _is_street(words[-1], text[name_end : name_end + 12]):
                continue
            out.append((start_at, name_end, name))
    return out


def _cued_names(
    text: str, detail_starts: list[int], extra: frozenset[str], stop: frozenset[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """Names the lists lack, in the places only a person's name stands: right after a contact
    cue ('Kontaktperson: Oksana Kovalenko, …') or a job title ('arbetsledare Marko Petrović,'),
    with a phone number or an e-mail address after them."""
    windows: list[list[int]] = []
    for detail in detail_starts:
        if windows and detail - 200 <= windows[-1][1]:
            windows[-1][1] = detail + 2
        else:
            windows.append([max(0, detail - 200), detail + 2])  # +2: lookaheads see it
    out = _titled_names(text, windows, extra, stop)
    for pattern, (start, end) in ((p, w) for w in windows for p in (CUED_NAME, NAME_PAIR_COMMA)):
        for match in pattern.finditer(text, start, end):
            name = match.group(1)
            words = name.split()
            if names.is_first_name(words[0]):
                continue  # found by the lists already
            if pattern is NAME_PAIR_COMMA and not TITLE_BEFORE.search(
                text, max(0, match.start() - 30), match.start()
            ):
                continue
            if emails.names_a_function(name, extra) or any(
                names.fold(w).endswith(ORG_ENDINGS) for w in words
            ):
                continue  # 'Kontakt: Stadsbyggnadskontoret Göteborg', 'Förskolan Ängen'
            if _is_street(words[-1], text[match.end(1) : match.end(1) + 12]):
                continue
            out.append((match.start(1), match.end(1), name))
    return out


SURNAME_COMMA_FIRST = re.compile(
    rf"({NAME_WORD}), ({NAME_WORD})(?: ({NAME_WORD}))?(?![{LOWER}])"
)  # 'Lindgren, Sofia', 'Nguyen, Van Tuan'
CAPITAL_BEFORE = re.compile(rf"{NAME_WORD} \Z")
COMMA_CAPITAL = re.compile(rf", [{UPPER}]")


def _surname_first(
    text: str, function_words: frozenset[str], stop: frozenset[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """'Lindgren, Sofia' as in staff lists and case files: a surname, a comma, a first name."""
    out = []
    for comma in COMMA_CAPITAL.finditer(text):
        window_start = max(0, comma.start() - 30)
        match = None
        for candidate in SURNAME_COMMA_FIRST.finditer(text, window_start, comma.end() + 30):
            if candidate.end(1) == comma.start():
                match = candidate
                break
        if match is None or (match.start() and text[match.start() - 1].isalnum()):
            continue
        before = text[max(0, match.start() - 2) : match.start()]
        if before.startswith(",") or before == ", ":
            continue  # the tail of a list of words, not a name
        surname, first = match.group(1), match.group(2)
        end = match.end()
        if match.group(3):
            east_asian = surname.lower() in EAST_ASIAN_SURNAMES  # 'Nguyen, Van Tuan'
            if east_asian or (
                names.is_first_name(match.group(3)) and not TITLES.fullmatch(match.group(3))
            ):
                first = f"{first} {match.group(3)}"
            else:
                end = match.end(2)
        if names.is_first_name(surname) and not names.is_surname(surname):
            continue  # 'Anna, Eva': two first names in a list
        if surname.lower() in stop or first.lower() in stop:
            continue
        surname_like = names.is_surname(surname) or names.fold(surname).endswith(SURNAME_SHAPES)
        if not surname_like and names.is_first_name(first.split()[0]):
            # 'Aydemir, Deniz': a known first name after a word that is no place, unit or title
            capital = CAPITAL_BEFORE.search(text, max(0, match.start() - 30), match.start())
            surname_like = not (
                TITLES.fullmatch(surname)
                or emails.names_a_function(surname, function_words)
                or (capital and not TITLES.fullmatch(capital.group().strip()))
            )
        if names.is_first_name(first.split()[0]) and surname_like:
            out.append((match.start(), end, text[match.start() : end]))
        elif (
            names.is_surname(surname)
            and not names.is_surname(first)
            and not TITLES.fullmatch(first)
            and not emails.names_a_function(first)
            and not CAPITAL_BEFORE.search(text, max(0, match.start() - 30), match.start())
        ):
            # 'Mohammadi, Farhad': a known surname and a first name the lists lack; not the
            # tail of a name written first-name first ('Ingrid Karlsson, Chief …').
            out.append((match.start(), end, text[match.start() : end]))
    return out


SURNAME_SHAPES = (
    "sson", "berg", "lund", "strom", "qvist", "kvist", "gren", "holm", "dahl", "stedt", "blad",
    "ander", "lin", "man", "ell", "fors", "borg", "sköld", "skold", "ius", "ic", "ova", "oglu",
    "czyk", "czak", "ski", "ska", "cki", "cka", "wicz", "enko", "zadeh", "yan", "ian", "nen",
)  # fmt: skip


CAPS_SURNAME_FIRST = re.compile(
    rf"(?<![{UPPER}])((?:[{UPPER}]{{2,}}(?:[- ][{UPPER}]{{2,}}){{0,3}})),? "
    rf"({NAME_WORD}(?: {NAME_WORD})?)(?![{LOWER}])"
)  # 'PHAM Thanh Huong', 'VAN DER BERG-SAID Yara', 'ABDI NUUR, Hodan'


def _caps_surname_first(
    text: str, stop: frozenset[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """Staff lists that write the surname in capitals first; a given name the lists know, or
    a job title right after, makes it a name."""
    out = []
    for match in CAPS_SURNAME_FIRST.finditer(text):
        given = match.group(2).split(" ")
        if len(given) == 2 and TITLES.fullmatch(given[1]):
            given = given[:1]  # 'Mateo Boendestödjare'
        end = match.start(2) + len(" ".join(given))
        surname = match.group(1)
        if surname.lower() in stop or emails.names_a_function(surname):
            continue  # 'KONTAKT Anna', 'OBS'
        after = text[end : end + 40].lstrip(" ,")
        titled = TITLES.match(after) is not None
        if names.is_first_name(given[0]) or titled or names.is_surname(surname.split()[-1]):
            out.append((match.start(), end, text[match.start() : end]))
    return out


DIGIT_PAIR = re.compile(r"\d\d")


def short_line(line: str) -> bool:
    """A line of a contact block: short, no sentence, no detail of its own."""
    return (
        len(line) <= 90 and not line.endswith(".") and "@" not in line
        and not DIGIT_PAIR.search(line)
    )  # fmt: skip


def block_end(text: str, para_end: int) -> int:
    """Where a contact block laid out a paragraph a line ends ('Name' / 'Presschef, Renova' /
    '0709-…'): past up to three short paragraphs after `para_end`, to the next detail line."""
    at = para_end
    for _ in range(3):
        if at >= len(text):
            break
        start = at
        while start < len(text) and text[start] == "\n":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end].strip()
        if not line:
            break
        if not short_line(line):
            return end  # the detail line (or a sentence) closes the block
        at = end
    return at


INITIALS = rf"[{UPPER}]\.(?:-?[{UPPER}]\.)?|[{UPPER}]-[{UPPER}]"
CELL_NAME = re.compile(
    rf"(?:\||^)[ \t]*("
    rf"{NAME_WORD}(?: {NAME_WORD})?, (?:{NAME_WORD}(?: {NAME_WORD})?|{INITIALS})"  # 'Nwosu, Obinna'
    rf"|(?:{INITIALS}) {NAME_WORD}"  # 'A.-K. Brunnberg'
    rf")[ \t]*(?=\||$)",
    re.M,
)


def _cell_names(
    text: str, function_words: frozenset[str], stop: frozenset[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """A table cell (Markdown, or a flattened HTML table a cell a line) that holds nothing but
    a name written surname first or with initials: 'Wikander Ruiz, Paloma', 'Ekholm, C-J'."""
    out = []
    for match in CELL_NAME.finditer(text):
        name = match.group(1)
        words = [w for w in re.split(r"[ ,]+", name) if len(w) > 2 and "." not in w]
        if any(w.lower() in stop or TITLES.fullmatch(w) for w in words):
            continue
        if emails.names_a_function(name, function_words):
            continue  # 'Backa, Tuve': districts
        left, _, right = name.partition(", ")
        if all(len(p.split()) == 2 and names.is_first_name(p.split()[0]) for p in (left, right)):
            # 'Ida Mårtensson, Karim Benali': two people in one cell, each first name first
            at = match.start(1)
            out += [(at, at + len(left), left), (match.end(1) - len(right), match.end(1), right)]
            continue
        out.append((match.start(1), match.end(1), name))
    return out


PARAGRAPH_BREAK = re.compile(r"\n\n")


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    para_start = text.rfind("\n\n", 0, start)
    para_start = 0 if para_start < 0 else para_start + 2
    para_end = text.find("\n\n", end)
    return para_start, len(text) if para_end < 0 else para_end


UNIT_WORDS = (
    "skolan", "skola", "boendet", "biblioteket", "garden", "hemmet", "huset", "parken",
    "gymnasiet", "hallen", "badet", "museet", "centret", "stiftelsen", "fonden", "priset",
)  # fmt: skip


GIVEN_BEFORE = re.compile(rf"([{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?) \Z")
NOT_GIVEN = frozenset(
    "hej hälsningar mvh från till av med och samt eller kontakt ring mejla tack dear hi hello "
    "contact call email kontakta fråga frågor vid om for the and eleven eleverna sökanden "
    "kunden patienten barnet brukaren klienten personen vårdnadshavaren föräldern "
    "medsökanden den det denna".split()
)  # role nouns that open a sentence before a name: 'Eleven Elsa Marklund, …'


def _with_given_name_before(
    text: str, candidate, function_words: frozenset[str], stop: frozenset[str] = NOT_SURNAMES
):
    """'Faisal Osman Jama', 'Hyun-woo Baek Sjödin': a first given name the lists lack, right
    before a name they know, belongs to it."""
    start, end, name = candidate
    if len(name.split()) > 2 or "," in name:
        return candidate
    match = GIVEN_BEFORE.search(text, max(0, start - 30), start)
    if match is None:
        return candidate
    word = match.group(1)
    at = match.start(1)
    prev = text[at - 1] if at else "\n"
    if prev.isalpha():
        if prev.isupper():
            return candidate  # inside a word in capitals
    elif prev == " ":
        # After a separator or a job title only: in 'Eleven Elsa Marklund' the word before
        # belongs to the sentence.
        head = text[max(0, at - 40) : at - 1].rstrip()
        separated = not head or head.endswith((":", ",", "|", "(", "–"))
        if not separated and not TITLES.fullmatch(NOT_WORD.split(head)[-1]):
            return candidate
    elif prev != "\n":
        return candidate
    if (
        word.lower() in NOT_GIVEN
        or word.lower() in stop
        or TITLES.fullmatch(word)
        or CUE.fullmatch(word)
        or emails.names_a_function(word, function_words)
        or names.is_first_name(word)  # 'Anna Maria Berg' is found whole by the lists already
    ):
        return candidate
    return match.start(1), end, text[match.start(1) : end]


INITIAL_NAME = re.compile(
    rf"(?<![\w.])((?:{INITIALS}) {NAME_WORD})(?=,|[ \t]+\(|[ \t]*\||[ \t]+\d|[ \t]*\n)"
)


def _initial_names(
    text: str,
    detail_starts: list[int],
    function_words: frozenset[str],
    stop: frozenset[str] = NOT_SURNAMES,
) -> list[tuple[int, int, str]]:
    """'M. Szczepańska, tfn 031-…', 'T. Dube, SYV |': an initial and a surname before a
    phone number or an address."""
    if ". " not in text and "-" not in text:
        return []
    out = []
    for detail in detail_starts:
        for match in INITIAL_NAME.finditer(text, max(0, detail - 120), detail + 2):
            surname = match.group(1).split(" ")[-1]
            if surname.lower() in stop or emails.names_a_function(surname, function_words):
                continue
            if TITLES.fullmatch(surname):
                continue
            out.append((match.start(1), match.end(1), match.group(1)))
    return sorted(set(out))


def _outside(candidates: list, spans: list) -> list:
    """The candidates that start outside every one of `spans` (sorted, non-overlapping)."""
    starts = [a for a, _, _ in spans]
    kept = []
    for candidate in candidates:
        index = bisect_right(starts, candidate[0]) - 1
        if index < 0 or candidate[0] >= spans[index][1]:
            kept.append(candidate)
    return kept


def _after_unit_word(text: str, start: int) -> bool:
    """'Förskolan Hedda Vinge', 'Vårdboendet Anna Lindh': a unit named after someone."""
    before = text[max(0, start - 25) : start]
    if not before.endswith(" "):
        return False
    word = NOT_WORD.split(before[:-1])[-1]
    return word[:1].isupper() and names.fold(word).endswith(UNIT_WORDS)


def contact_names(
    text: str,
    detail_starts: list[int],
    local_parts: set[str],
    function_words: frozenset[str] = frozenset(),
    place_words: frozenset[str] = frozenset(),
) -> list[NameMatch]:
    """Names presented as someone to contact. `detail_starts` are offsets of phone numbers and
    e-mail addresses found in the text; `local_parts` the e-mail local parts found;
    `place_words` the city's own place names, which are never surnames ('Lunds')."""
    stop = NOT_SURNAMES | place_words
    candidates = (
        candidate_names(text, stop)
        + _names_of_addresses(text, local_parts)
        + _surname_first(text, function_words, stop)
    )
    caps = _caps_surname_first(text, stop)
    if caps:  # the capitals' given name is found by the lists too: keep the whole name
        candidates = _outside(candidates, caps) + caps
    cells = _cell_names(text, function_words, stop)
    if cells:  # a whole cell is the whole name: 'Nguyen, Van Tuan', not 'Nguyen, Van'
        candidates = _outside(candidates, cells) + cells
    candidates = [_with_given_name_before(text, c, function_words, stop) for c in candidates]
    taken = {start for start, _, _ in candidates}
    for cued in _cued_names(text, detail_starts, function_words, stop) + _initial_names(
        text, detail_starts, function_words, stop
    ):
        if cued[0] not in taken:
            taken.add(cued[0])
            candidates.append(cued)
    candidates.sort()
    breaks = [m.start() for m in PARAGRAPH_BREAK.finditer(text)] if candidates else []
    found = []
    for index, (start, end, name) in enumerate(candidates):
        if name.startswith(HONORIFICS):  # 'Mr Asif Chaudhry'
            cut = name.index(" ") + 1
            start, name = start + cut, name[cut:]
        if any(names.fold(w).endswith(ORG_ENDINGS) for w in name.split()):
            continue  # 'Markgruppen Väst'
        if _after_unit_word(text, start):
            continue  # 'Förskolan Hedda Vinge': a unit named after someone
        line_start = text.rfind("\n", 0, start) + 1
        before_line = text[line_start:start]
        before = text[max(0, start - 40) : start]
        if SPEECH.search(before) or re.search(r"[”\"»]\s*,?\s*$", before):
            continue
        if CREDIT.search(before_line[-30:]) and not CUE.search(before_line):
            continue
        evidence: list[str] = []
        if CUE.search(before_line[-70:]):
            evidence.append("contact words before the name")
        head_from = max(0, line_start - 220)
        heading_zone = text[head_from:line_start]
        if HEADING.search(heading_zone) and "\n\n\n" not in heading_zone:
            evidence.append("under a contact heading")
        folded = names.fold(name).replace(" ", ".")
        parts = folded.split(".")
        if folded in local_parts or f"{parts[0]}.{parts[-1]}" in local_parts:
            evidence.append("matches an e-mail address")
        at = bisect_right(breaks, start)  # the paragraph breaks, found once
        para_start = breaks[at - 1] + 2 if at else 0
        para_end = len(text)
        if at < len(breaks):
            later = bisect_right(breaks, end - 1)
            para_end = breaks[later] if later < len(breaks) else len(text)
        if para_end - para_start <= 200 and short_line(text[para_start:para_end].strip()):
            para_end = block_end(text, para_end)  # a name alone in its paragraph
        next_name = candidates[index + 1][0] if index + 1 < len(candidates) else len(text)
        limit = min(para_end, next_name, end + 180)
        if any(end <= d < limit for d in detail_starts):
            evidence.append("followed by a phone number or e-mail address")
        elif "|" in text[line_start:start]:
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            if any(line_start <= d < line_end for d in detail_starts):
                evidence.append("in a table row with a phone number or e-mail address")
        if not evidence and _listed_under_contact_heading(text, start, candidates):
            evidence.append("in a list of names under a contact heading")
        if evidence:
            found.append(NameMatch(start, end, name, tuple(evidence)))
    if "BEGIN:VCARD" in text.upper():
        known = {n.start for n in found}
        found += [n for n in _vcard_names(text) if n.start not in known]
        found.sort(key=lambda n: n.start)
    return _names_by_layout(text, found, detail_starts, function_words)


CONTACT_SECTION = re.compile(
    r"\b(?:kontakt\w*|handläggare|ansvariga|presskontakt\w*|projektgrupp\w*|"
    r"medarbetare|vem gör vad|contacts?|staff)\b",
    re.I,
)
LIST_MARK = re.compile(r"[ \t]*(?:[-*•·–][ \t]+)?\Z")


def _listed_under_contact_heading(text: str, start: int, candidates) -> bool:
    """'Kontakt – handläggare per område' / 'Hisingen' / '- Amir Haddad – Torslanda …': a name
    that opens a line of a list of names (at least two lines opening with one), under a
    heading that names contacts, a few headings up at most."""
    line_start = text.rfind("\n", 0, start) + 1
    if not LIST_MARK.match(text, line_start, start) and text[line_start:start].strip():
        return False
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if line_end - line_start > 120:
        return False
    openers = {
        s for s, _, _ in candidates if abs(s - start) < 400 and s != start and
        not text[text.rfind("\n", 0, s) + 1 : s].strip(" \t-*•·–")
    }  # fmt: skip
    if not openers:
        return False
    at, headings = line_start, 0
    while at > 0 and start - at < 1500 and headings < 3:
        above = text.rfind("\n", 0, at - 1) + 1
        line = text[above : at - 1].strip()
        at = above
        heading = len(line) <= 70 and not line.endswith((".", ","))
        if line and heading and not DIGIT_PAIR.search(line):
            if CONTACT_SECTION.search(line):
                return True
            if not any(above <= s < above + len(line) + 2 for s in openers):
                headings += 1
    return False


VCARD_NAME = re.compile(r"^(?:FN|N)(?:;[^:\n]*)?:([^\n]+)$", re.M | re.I)
VCARD_BEGIN = re.compile(r"^BEGIN:VCARD", re.M | re.I)
VCARD_NOT_PERSON = re.compile(r"^KIND:(?:org|group|location)\s*$", re.M | re.I)


def _vcard_end(text: str, start: int) -> int:
    end = text.upper().find("END:VCARD", start)
    return len(text) if end < 0 else end


def _vcard_names(text: str) -> list[NameMatch]:
    """A vCard pasted into a page names a person in FN ('Adaeze Okonkwo') and N
    ('Okonkwo;Adaeze;;;', reported without the empty parts)."""
    out = []
    not_persons = [
        (m.start(), _vcard_end(text, m.start()))
        for m in VCARD_BEGIN.finditer(text)
        if VCARD_NOT_PERSON.search(text, m.start(), _vcard_end(text, m.start()))
    ]
    for match in VCARD_NAME.finditer(text):
        if any(a <= match.start() < b for a, b in not_persons):
            continue  # RFC 6350 KIND:org, group or location: no person's card
        value = match.group(1).rstrip(" ;\r")
        if not value or not any(ch.isalpha() for ch in value):
            continue
        if emails.names_a_function(value.replace(";", " ")):
            continue  # an organisation's card: 'FN:Kulturskolan Göteborg'
        start = match.start(1)
        parts = value.split(";")
        name = f"{parts[1]} {parts[0]}" if len(parts) > 1 and parts[1] else value  # N: order
        out.append(NameMatch(start, start + len(value), name, ("name field of a vCard",)))
    return out


LINE_NAME = re.compile(rf"[ \t]*({NAME_WORD}(?:,? {NAME_WORD}){{1,2}})(?![{LOWER}])")


def _names_by_layout(
    text: str, found: list[NameMatch], detail_starts: list[int], function_words: frozenset[str]
):
    """A staff list whose lines share one layout ('Name (languages), 031-…'): a line shaped like
    its neighbours' name lines names a person too, even one the name lists lack."""
    if not found:
        return found
    known = {(n.start, n.end) for n in found}
    extra = []
    for name in found:
        line_start = text.rfind("\n", 0, name.start) + 1
        if text[line_start : name.start].strip():
            continue  # the name does not open its line
        separator = text[name.end : name.end + 2]
        if len(separator) < 2 or separator[0] not in " ,:(–-" or separator[1].isalnum():
            continue
        for step in (-1, 1):
            at = line_start
            for _ in range(6):  # a few lines up and down while the layout holds
                if step < 0:
                    if at == 0:
                        break
                    at = text.rfind("\n", 0, at - 1) + 1
                else:
                    nxt = text.find("\n", at)
                    if nxt < 0:
                        break
                    at = nxt + 1
                line_end = text.find("\n", at)
                line_end = len(text) if line_end < 0 else line_end
                match = LINE_NAME.match(text, at, line_end)
                if not match or text[match.end(1) : match.end(1) + 2] != separator:
                    break
                span = match.span(1)
                if span in known:
                    continue
                if not any(span[1] <= d < line_end for d in detail_starts):
                    break
                if emails.names_a_function(match.group(1), function_words) or any(
                    _is_street(w, text[span[1] : span[1] + 12]) for w in match.group(1).split()
                ):
                    break  # 'Förskolan Ängen', 'Kungsgatan 12'
                known.add(span)
                evidence = ("same layout as the names around it",)
                extra.append(NameMatch(span[0], span[1], match.group(1), evidence))
    return sorted(found + extra, key=lambda n: n.start)
