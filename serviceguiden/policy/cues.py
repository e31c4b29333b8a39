"""Words and names around a contact detail that tell whose it is: an external organisation's
words, the city's own words (from its profile), private notices, organisations the text names.
"""

from __future__ import annotations

import re

from serviceguiden.policy.profile import CityProfile, Organisation

EXTERNAL_WORDS = re.compile(
    r"\b(?:entreprenör(?:en|ens)?|konsult(?:en|ens)?|företaget|företagets|"
    r"\w*(?:föreningen|föreningens|förening|stiftelsen|förbundet|förbunden|"
    r"sällskapet|hockeyskola|fotbollsskola)|"
    r"\w{2,}(?<!fritids)(?:klubb|klubben|klubbens)|"  # not the city's fritidsklubb
    r"styrelsen|arrangör|fackliga|facket|"
    r"myndighet(?:en|ens)?|regionen|regionens|region|polisen|polisens|"
    r"landstinget|ab|aktiebolag|stiftelsen|stiftelsens|"
    r"kommunalförbund|kyrkan|församling(?:en)?|universitet(?:et)?|högskola(?:n)?)\b",
    re.I,
)


def names_outsider(text: str, profile: CityProfile) -> bool:
    """Does `text` name an organisation outside the city? The legal form of a city company
    ('Familjebostäder i Göteborg AB') does not count."""
    for match in EXTERNAL_WORDS.finditer(text):
        if match.group().lower() not in ("ab", "aktiebolag"):
            return True
        if mentioned(text[max(0, match.start() - 40) : match.start()], profile.city_companies):
            continue
        return True
    return False


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
    r"mail|e-mail|fax|sms|kontakt|phone|mobile|cell|direct(?: line)?|email)\.?\s*[:.]?\s*)?",
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


def mentioned(context: str, organisations) -> Organisation | None:
    """The first of `organisations` named in `context` (the last 300 characters of it)."""
    if not organisations:
        return None
    pattern, by_name = names_pattern(organisations)
    match = pattern.search(context[-300:].lower())
    return by_name[match.group()] if match else None


_PATTERNS: dict[int, tuple[tuple, re.Pattern, dict[str, Organisation]]] = {}


def names_pattern(organisations: tuple) -> tuple[re.Pattern, dict[str, Organisation]]:
    """One pattern for all names of a profile's organisations, built once per profile."""
    cached = _PATTERNS.get(id(organisations))
    if cached is not None and cached[0] is organisations:
        return cached[1], cached[2]
    by_name = {name.lower(): org for org in organisations for name in org.names if len(name) >= 3}
    names = sorted(by_name, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    # Not an e-mail address's local part ('vision.poseidon@gmail.com' names no company).
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?=s?(?![\w@]))")
    _PATTERNS[id(organisations)] = (organisations, pattern, by_name)
    return pattern, by_name


def private_companies(t: str, profile: CityProfile) -> re.Pattern | None:
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
        if mentioned(name, profile.city_companies) is None and len(first) >= 6:
            words.add(first)
    if not words:
        return None
    # Case-sensitive and as a word that names something: not a sentence's first word.
    return re.compile(r"(?<![.!?] )\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")
