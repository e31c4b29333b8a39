"""The shapes and words of person names, titles and the places around them: what the name
finders (`name_shapes`) and `people` share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from serviceguiden.policy import lexicon, names

UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
LOWER = "a-zß-öø-ÿā-žı"
# 'Lindqvist', 'El-Amin', 'O'Connor'
NAME_WORD = rf"[{UPPER}](?:['’][{UPPER}])?[{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
GAP = "[ ]"
PARTICLE = r"(?:(?:von|af|av|de|van|der|el|al|bin|da|di|du|la|le) )"
WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?")
SURNAME_FIRST = re.compile(rf"([{UPPER}][{LOWER}]+) \Z")  # 'Nguyen Thi Lan', 'Tran Minh Duc'
EAST_ASIAN_SURNAMES = lexicon.Words("east_asian_surnames")
# Between the first name and the surname: a second name, an initial ('Björn Å. Claesson') or a
# nickname in quotes ('Malin "Mallan" Nordström').
MIDDLE = rf"{NAME_WORD}|[{UPPER}]\.|[\"“”»]{NAME_WORD}[\"“”«]"
PERSON = re.compile(
    rf"(?P<first>{NAME_WORD})(?:{GAP}(?P<middle>{MIDDLE}))?{GAP}{{1,2}}"
    rf"(?P<last>{PARTICLE}?{NAME_WORD}(?:{GAP}?-{GAP}?{NAME_WORD})?)(?![{LOWER}])"
)
SPEECH = re.compile(  # a verb of speech as a word: not the end of 'Elevhälsa', 'Kassa'
    r"\b(?:säger|sa|sade|berättar|berättade|fortsätter|förklarar|menar|konstaterar|tycker|enligt|"
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
NOT_SURNAMES = lexicon.Words("not_surnames")
TITLE_WORDS = (
    r"handläggare|samordnare|ledare|ansvarig|chef|rektor|kommunikatör|sekreterare"
    r"|ingenjör|arkitekt|utredare|strateg|controller|inspektör|konsult|specialist|direktör|"
    r"koordinator|projektör|rådgivare|vägledare|assistent|pedagog|lärare|kurator|sjuksköterska"
    r"|psykolog|jurist|ekonom|förvaltare|tekniker|planerare|analytiker|utvecklare|ombud"
    r"|talesperson|talesman|presskontakt|ordförande|sköterska|administratör|"
    r"redaktör|bibliotekarie|vaktmästare|kassör|läkare|barnmorska|terapeut|kontaktperson|"
    r"mediekontakt(?:er)?|stödjare|skötare|biträde|instruktör|tränare|fotterapeut|badvärd"
    r"|[a-zåäö]värd|kock|kokerska|förare|uthyrare"
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
    r"e-post|funktionsbrevlåda|köket)\b",
    re.I,
)


@dataclass(frozen=True)
class NameMatch:
    start: int
    end: int
    name: str
    evidence: tuple[str, ...]


STREET_ENDINGS = (
    "gatan", "gata", "vägen", "väg", "torget", "torg", "platsen", "plats", "allén", "gången",
    "backen", "leden", "kajen", "parken", "stråket", "bron",
)  # fmt: skip
STREET_WORD_AFTER = re.compile(
    r"^ (?:torg|gata|väg|plats|park|kyrka|skola|gymnasium|bro|kaj|hamn|bad|hall|museum)\b"
)


def is_street(last: str, after: str) -> bool:
    return last.lower().endswith(STREET_ENDINGS) or bool(STREET_WORD_AFTER.match(after))


ORG_ENDINGS = (
    "kontoret", "forvaltningen", "enheten", "centrum", "huset", "bolaget", "kommun", "gruppen",
    "foreningen", "tjansten", "regionen", "styrelsen", "verket",
)  # fmt: skip


HONORIFICS = ("Ms ", "Mr ", "Mrs ", "Dr ", "Miss ")
NAME_RUN = re.compile(rf"(?:{NAME_WORD}|[{UPPER}]\.)(?: {NAME_WORD})+(?![{LOWER}])")
TITLE_AFTER_NAME = re.compile(
    rf"(?:, ?|\n\s*| \| |(?=[{UPPER}][{LOWER}]))(?:[a-zåäö]+ )?{TITLE_ANY}"
)  # ', biträdande rektor', a title on the line or paragraph below, the next table cell


NOT_WORD = re.compile(r"[^\w-]")


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


def after_unit_word(text: str, start: int) -> bool:
    """'Förskolan Hedda Vinge', 'Vårdboendet Anna Lindh': a unit named after someone."""
    before = text[max(0, start - 25) : start]
    if not before.endswith(" "):
        return False
    word = NOT_WORD.split(before[:-1])[-1]
    return word[:1].isupper() and names.fold(word).endswith(UNIT_WORDS)


# Names in the places only a person's name stands (`name_shapes.cued_names`).
CUED_NAME = re.compile(
    r"\b(?:[Kk]ontaktperson|[Kk]ontakt|[Hh]andläggare|[Aa]nsvarig|[Pp]resskontakt|[Kk]ontakta|"
    r"besvaras av|lämnas av|[Kk]ontaktas|[Mm]edsökande|[Ss]ökande|[Cc]ontact(?: person)?)"
    r"\s*:?[ \t]+(?:(?:Ms|Mr|Mrs|Dr|fil\. ?dr|Fil\. ?dr)\.?[ \t]+)?"
    rf"({NAME_WORD}(?:,? {NAME_WORD}){{1,2}})"
    r"(?=[ \t]*[,(–]|[ \t]+-|[ \t]+på[ \t]|[ \t]*\n|[ \t]+\d)"
)
NAME_PAIR_COMMA = re.compile(rf"(?<= )({NAME_WORD} {NAME_WORD})(?=,)")
# Right before a number: a name and a plain detail label ('Ateljén Roya Mahmoudi, mobil 073-…'),
# or a name after a list line's label ('Mässor i Lisebergshallen: Kenji Watanabe Lund, 0702-…');
# searched in the few characters before each number (the match ends where the number starts).
NAME_BEFORE_NUMBER = re.compile(
    rf"(?<= )((?:(?<=: ){NAME_WORD} )?{NAME_WORD} {NAME_WORD}),? (?:mobil|tel|tfn|telefon)\.?:? ?\Z"
    rf"|(?<=: )({NAME_WORD}(?: {NAME_WORD}){{1,2}}), \Z"
)
DEFINITE = ("en", "et")  # a noun's definite form: 'Länsstyrelsen', 'Folktandvården'
