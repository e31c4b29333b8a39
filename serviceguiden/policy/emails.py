"""E-mail addresses: finding them (also obfuscated) and reading their local parts."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from serviceguiden.policy import lexicon, names

AT = r"(?:\s?@\s?|\s?[(\[{]\s?(?:at|snabel-?a|@)\s?[)\]}]\s?)"
DOT = r"(?:\.|\s?[(\[{]\s?(?:punkt|dot)\s?[)\]}]\s?)"
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL = re.compile(
    r"(?<![\w.+\-@])(?P<local>[A-Za-z0-9åäöÅÄÖéü_%+\-']+(?:\.[A-Za-z0-9åäöÅÄÖéü_%+\-']+)*)"
    + AT
    + r"(?P<domain>(?:"
    + LABEL
    + DOT
    + r")+[A-Za-z]{2,24})",
    re.I,
)
FILE_SUFFIXES = lexicon.Words("file_suffixes")
KNOWN_TLDS = lexicon.Words("known_tlds")
GLUED_LABEL = re.compile(r"(?:E-?post(?:adress)?|E-?mail|Mejl|Mail)(?=[a-z])")
SEPARATORS = re.compile(r"[._\-+]")


@dataclass(frozen=True)
class EmailMatch:
    start: int
    end: int
    address: str  # normalised: 'anna.svensson@goteborg.se'
    obfuscated: bool


UPPER_LOCAL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ0123456789._-+")
AT_HINT = re.compile(r"@|[(\[{] ?(?:at|AT|At) ?[)\]}]|[Ss]nabel")


def _candidates(text: str):
    """EMAIL matches, searched only in windows around an at-sign or its spelled-out forms."""
    resume = 0
    for hint in AT_HINT.finditer(text):
        if hint.start() < resume:
            continue
        window_start = max(resume, hint.start() - 80)
        for match in EMAIL.finditer(text, window_start, min(len(text), hint.end() + 260)):
            if match.start() <= hint.start() < match.end():
                resume = match.end()
                yield match
                break


# The pattern of a city's addresses, written out in words: no one's address.
PLACEHOLDER_LOCAL = re.compile(
    r"(?:för|fö|fo)rnamn[._-]?efternamn|efternamn[._-]?(?:för|fö|fo)rnamn|"
    r"first[._-]?name[._-]?(?:last|sur|family)[._-]?name|namn[._-]?namnsson",
    re.I,
)


def find_emails(text: str) -> list[EmailMatch]:
    found = []
    for match in _candidates(text):
        start, end = match.span()
        local = match.group("local")
        domain = match.group("domain")
        tld_start = domain.rfind(".") + 1 if "." in domain else len(domain)
        tld = _trim_tld(domain[tld_start:])
        if tld is None:
            continue
        cut = len(domain) - tld_start - len(tld)
        end -= cut
        domain = domain[: len(domain) - cut]
        if tld.lower() in FILE_SUFFIXES:
            continue
        normal_domain = re.sub(DOT, ".", domain, flags=re.I).lower()
        if ".." in normal_domain:
            continue
        if local.lower().startswith("mailto:"):
            local = local[7:]
            start += 7
        if PLACEHOLDER_LOCAL.fullmatch(local):
            continue  # 'fornamn.efternamn@eskilstuna.se': how the addresses are formed, no one's
        if domain.isupper() and not local.isupper():
            # 'MejlaGOTEBORG@GOTEBORG.SE': an address in capitals is capitals throughout.
            tail = len(local)
            while tail > 0 and local[tail - 1] in UPPER_LOCAL:
                tail -= 1
            while tail < len(local) and local[tail] in "._-+":
                tail += 1  # never leave the address starting with a separator
            glued = 0 < tail < len(local) and local[tail - 1].islower() and local[tail].isupper()
            if glued:  # 'MejlaGOTEBORG': text glued to the address, not 'anna.SVENSSON'
                local, start = local[tail:], start + tail
        glued = GLUED_LABEL.match(local) or _glued_word(local)
        if glued:  # 'E-posttrafikkontoret@…', 'Renovafrida.berg@…': words glued by lost markup
            local = local[glued.end() :]
            start += glued.end()
        address = f"{local.lower()}@{normal_domain}"
        obfuscated = "@" not in match.group() or " " in match.group()
        found.append(EmailMatch(start, end, address, obfuscated))
    return found


def cut_glued_label(text: str, m: EmailMatch) -> EmailMatch:
    """Drop a label glued to the front of a match ('E-postmirela.kovacevic@…' once the phone
    number before it has taken its digits back)."""
    glued = GLUED_LABEL.match(text, m.start, m.end)
    if glued is None:
        return m
    cut = glued.end() - m.start
    local, _, domain = m.address.partition("@")
    if cut >= len(local):
        return m
    return EmailMatch(glued.end(), m.end, f"{local[cut:]}@{domain}", m.obfuscated)


@dataclass(frozen=True)
class _Cut:
    at: int

    def end(self) -> int:
        return self.at


def _glued_word(local: str) -> _Cut | None:
    """Addresses are written in lower case: a capitalised word before a first name is text
    glued to the address ('Renovafrida.lennartsson' -> 'frida.lennartsson')."""
    if not local[:1].isupper() or "." not in local:
        return None
    head = local.split(".", 1)[0]
    if names.is_first_name(head):
        return None  # 'Patrik.Stahlberg@…': only capitalised, not glued
    for i in range(2, len(head) - 1):
        if head[i:].islower() and names.is_first_name(head[i:]) and len(head[i:]) >= 3:
            return _Cut(i)
    return None


def _trim_tld(tld: str) -> str | None:
    """Cut a top-level domain glued to the next word: 'seLena' -> 'se', 'comJenny' -> 'com'."""
    for i in range(1, len(tld)):
        if tld[i].isupper() and tld[i - 1].islower():
            tld = tld[:i]
            break
    lowered = tld.lower()
    if lowered in KNOWN_TLDS or lowered in FILE_SUFFIXES or len(lowered) <= 3:
        return tld
    for size in (4, 3, 2):
        if lowered[:size] in KNOWN_TLDS:
            return tld[:size]
    return tld if len(tld) <= 6 else None


@cache
def function_words() -> frozenset[str]:
    text = (
        resources.files("serviceguiden.policy")
        .joinpath("data/sv/function_words.txt")
        .read_text(encoding="utf-8")
    )
    return frozenset(
        line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


SURNAME_SUFFIXES = (
    "sson",
    "son",
    "sen",
    "berg",
    "lund",
    "strom",
    "ström",
    "qvist",
    "kvist",
    "gren",
    "lin",
    "ell",
    "man",
    "sköld",
    "skold",
    "dahl",
    "holm",
    "stedt",
    "stedt",
    "blad",
    "ander",
    "ius",
    "en",
    "ing",
    "borg",
    "stam",
    "hed",
    "fors",
    "vall",
    "mark",
    "lof",
    "löf",
    "green",
    "by",
    "ström",
    "ski",
    "ska",
    "wicz",
    "ovic",
    "ović",
    "ic",
    "ov",
    "ova",
    "oglu",
    "zadeh",
    "i",
)


@dataclass(frozen=True)
class LocalPartVerdict:
    personal: bool
    strong: bool  # False: a weaker, structural signal
    evidence: tuple[str, ...]


# A compass word opening a compound names a place or district, never a person: 'sodraskargarden',
# 'vastrahisingen', 'norramalmen'.
PLACE_PREFIX = re.compile(r"(?:norra|sodra|ostra|vastra|mellersta|nordost|sydost|sydvast|nordvast)")


def _is_function_token(token: str, extra: frozenset[str], lists) -> bool:
    if token in function_words() or token in extra:
        return True
    if token in lists.first or token in lists.last or len(token) > 40:
        return False  # 'linnea' is a name, not the district 'linne' + 'a'; no word is that long
    if PLACE_PREFIX.match(token) and len(token) >= 8:
        return True
    words = function_words() | extra if extra else function_words()
    # Compounds: 'stadsbyggnadskontoret', 'forskoleantagning', 'bygglovsenheten'.
    for size in range(len(token) - 1, 3, -1):
        if token[:size] in words and len(token[:size]) >= 4:
            return True
        if token[-size:] in words and len(token[-size:]) >= 4:
            return True
    return False


def names_a_function(text: str, extra_function_words: frozenset[str] = frozenset()) -> bool:
    """Does a local part or a phrase contain a function word ('forskolan.berg', 'Förskolan
    Berg')?"""
    lists = names.name_lists()
    tokens = (t for t in SEPARATORS.split(names.fold(text).replace(" ", ".")) if t)
    return any(_is_function_token(t, extra_function_words, lists) for t in tokens)


def analyse_local_part(local: str, extra_function_words: frozenset[str] = frozenset()):
    """Does a mailbox local part name a person? Returns a LocalPartVerdict with its evidence."""
    lists = names.name_lists()
    folded = names.fold(local.split("+", 1)[0])
    tokens = [t for t in SEPARATORS.split(folded) if t]
    bare = [re.sub(r"\d+$", "", t) for t in tokens]
    bare = [t for t in bare if t]
    if not bare:
        return LocalPartVerdict(False, True, ("local part has no letters",))
    joined_hyphen = re.sub(r"\d+$", "", folded.split(".")[0])
    function_tokens = [t for t in bare if _is_function_token(t, extra_function_words, lists)]
    # Function words win over surnames that are also words ('stadsbyggnad.berg').
    if function_tokens:
        return LocalPartVerdict(False, True, (f"function word '{function_tokens[0]}'",))
    if len(bare) == 1:
        token = bare[0]
        if token in lists.first and len(token) >= 3:
            return LocalPartVerdict(True, False, (f"first name '{token}' alone",))
        split = _split_name_compound(token, lists)
        if split:
            return LocalPartVerdict(True, True, (f"first name + surname '{split}'",))
        if (
            len(token) >= 5
            and token[1:] in lists.last
            and token[1:] not in names.AMBIGUOUS_SURNAMES
        ):
            return LocalPartVerdict(True, False, (f"initial + surname '{token[1:]}'",))
        return LocalPartVerdict(False, True, ("single word without a first name",))
    first, last = bare[0], bare[-1]
    if "-" in joined_hyphen and all(p in lists.first for p in joined_hyphen.split("-") if p):
        return LocalPartVerdict(True, True, (f"double first name '{joined_hyphen}'",))
    if first in lists.first:
        return LocalPartVerdict(True, True, (f"first name '{first}'", "shape first.last"))
    if last in lists.first and len(last) >= 3:
        return LocalPartVerdict(True, True, (f"first name '{last}'", "shape last.first"))
    if len(first) == 1 and last.isalpha() and len(last) >= 2:
        return LocalPartVerdict(True, True, (f"initial + name '{last}'", "shape i.last"))
    if len(last) == 1 and first.isalpha() and len(first) >= 3:
        return LocalPartVerdict(True, False, (f"name + initial '{first}'", "shape last.i"))
    surname_hits = [t for t in bare if t in lists.last and t not in names.AMBIGUOUS_SURNAMES]
    if surname_hits:
        return LocalPartVerdict(True, True, (f"surname '{surname_hits[0]}'",))
    if len(bare) in (2, 3) and all(t.isalpha() and 2 <= len(t) <= 20 for t in bare):
        # 'dang.thu.trang', 'nasrin.karimi.farahani': names the lists lack, no function word.
        if len(bare) == 3:
            return LocalPartVerdict(True, False, ("three name-shaped words, none a function word",))
        if any(t.endswith(SURNAME_SUFFIXES) for t in bare):
            return LocalPartVerdict(True, False, ("two name-shaped words", "surname ending"))
        return LocalPartVerdict(True, False, ("two words, none a function word",))
    return LocalPartVerdict(False, False, ("no name pattern",))


def _split_name_compound(token: str, lists) -> str | None:
    """'annasvensson' -> 'anna+svensson' when both halves are known names."""
    for i in range(3, len(token) - 2):
        head, tail = token[:i], token[i:]
        if (
            head in lists.first
            and len(tail) >= 5
            and tail in lists.last
            and tail not in names.AMBIGUOUS_SURNAMES
        ):
            return f"{head}+{tail}"
    return None
