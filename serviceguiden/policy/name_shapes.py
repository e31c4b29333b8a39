"""Name finders: every shape a person's name is written in on a page (first name first, surname
first, in capitals, in a table cell, with initials, after a job title or a contact cue), as
candidates; `people` decides which of them are presented as contacts."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container

from serviceguiden.policy import emails, lexicon, names
from serviceguiden.policy.name_words import (
    CUE,
    CUED_NAME,
    DEFINITE,
    EAST_ASIAN_SURNAMES,
    HONORIFICS,
    LOWER,
    NAME_BEFORE_NUMBER,
    NAME_PAIR_COMMA,
    NAME_RUN,
    NAME_WORD,
    NOT_SURNAMES,
    NOT_WORD,
    ORG_ENDINGS,
    PERSON,
    SURNAME_FIRST,
    TITLE_AFTER_NAME,
    TITLES,
    UPPER,
    WORD,
    is_street,
)


def candidate_names(text: str, stop: Container[str] = NOT_SURNAMES) -> list[tuple[int, int, str]]:
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
        if is_street(last, text[end : end + 12]):
            continue  # 'Karl Johansgatan', 'Gustaf Adolfs torg'
        start = match.start()
        surname = SURNAME_FIRST.search(text, max(0, start - 20), start)
        if surname and surname.group(1).lower() in EAST_ASIAN_SURNAMES:
            start = surname.start(1)
        out.append((start, end, text[start:end]))
        resume = end
    return out


PAIR = re.compile(rf"{NAME_WORD} {NAME_WORD}")


def names_of_addresses(text: str, local_parts: set[str]) -> list[tuple[int, int, str]]:
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


TITLE_BEFORE = re.compile(TITLES.pattern + " $")


def title_before(text: str, at: int) -> bool:
    """Is the word right before `at` a job title ('Rektor ', 'Planarkitekt:** ', glued
    'ExploateringsingenjörRavi')?"""
    before = text[max(0, at - 40) : at].rstrip(" \t:*\n")
    word = NOT_WORD.split(before[-30:])[-1]
    return bool(word) and TITLES.fullmatch(word) is not None


def titled_names(
    text: str, windows, extra: frozenset[str], stop: Container[str] = NOT_SURNAMES
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
                titled or title_before(text, start_at) or TITLE_AFTER_NAME.match(text, name_end)
            ):
                continue
            name = " ".join(words)
            if names.is_first_name(words[0]) or TITLES.fullmatch(words[-1]):
                continue  # the lists find it; 'Anna Handläggare' is cut elsewhere
            if any(w.lower() in stop for w in words) or emails.names_a_function(name, extra):
                continue
            if any(names.fold(w).endswith(ORG_ENDINGS) for w in words):
                continue
            if is_street(words[-1], text[name_end : name_end + 12]):
                continue
            out.append((start_at, name_end, name))
    return out


def cued_names(
    text: str, detail_starts: list[int], extra: frozenset[str], stop: Container[str] = NOT_SURNAMES
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
    out = titled_names(text, windows, extra, stop)
    before_numbers = (
        NAME_BEFORE_NUMBER.search(text, max(0, d - 80), d)
        for d in detail_starts
        if text[d : d + 1].isdigit() or text[d : d + 1] == "+"
    )
    matches = [
        (pattern, match)
        for pattern, (start, end) in ((p, w) for w in windows for p in (CUED_NAME, NAME_PAIR_COMMA))
        for match in pattern.finditer(text, start, end)
    ] + [(NAME_BEFORE_NUMBER, match) for match in before_numbers if match]
    for pattern, match in matches:
        group = 1 if match.group(1) else 2
        name = match.group(group)
        words = name.split()
        if names.is_first_name(words[0]):
            continue  # found by the lists already
        if group == 2 and (
            any(w.lower() in stop for w in words) or names.fold(words[0]).endswith(DEFINITE)
        ):
            continue  # 'Länsstyrelsen Skåne, 010-…', 'Folktandvården Östergötland, …'
        if pattern is NAME_PAIR_COMMA and not TITLE_BEFORE.search(
            text, max(0, match.start() - 30), match.start()
        ):
            continue
        if emails.names_a_function(name, extra) or any(
            names.fold(w).endswith(ORG_ENDINGS) for w in words
        ):
            continue  # 'Kontakt: Stadsbyggnadskontoret Göteborg', 'Förskolan Ängen'
        if is_street(words[-1], text[match.end(group) : match.end(group) + 12]):
            continue
        out.append((match.start(group), match.end(group), name))
    return out


SURNAME_COMMA_FIRST = re.compile(
    rf"({NAME_WORD}), ({NAME_WORD})(?: ({NAME_WORD}))?(?![{LOWER}])"
)  # 'Lindgren, Sofia', 'Nguyen, Van Tuan'
CAPITAL_BEFORE = re.compile(rf"{NAME_WORD} \Z")
COMMA_CAPITAL = re.compile(rf", [{UPPER}]")


def surname_first(
    text: str, function_words: frozenset[str], stop: Container[str] = NOT_SURNAMES
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
        capital = CAPITAL_BEFORE.search(text, max(0, match.start() - 30), match.start())
        if capital and names.is_first_name(capital.group().strip()):
            continue  # 'Viktor Nyqvist, Aisha Mohamud': two people written first name first
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


def caps_surname_first(
    text: str, stop: Container[str] = NOT_SURNAMES
) -> list[tuple[int, int, str]]:
    """Staff lists that write the surname in capitals first; a given name the lists know, or
    a job title right after, makes it a name."""
    out = []
    for match in CAPS_SURNAME_FIRST.finditer(text):
        given = match.group(2).split(" ")
        if len(given) == 2 and TITLES.fullmatch(given[1]):
            given = given[:1]  # 'Mateo Boendestödjare'
        end = match.start(2) + len(" ".join(given))
        surname, start = match.group(1), match.start()
        words = surname.split(" ")
        titled_at = [i for i, w in enumerate(words[:-1]) if TITLES.fullmatch(w)]
        if titled_at:
            # 'HEMTJÄNST NORR ENHETSCHEF BJÖRKLUND, Annika': the words up to the job title in
            # capitals are not the name
            cut = len(" ".join(words[: titled_at[-1] + 1])) + 1
            surname, start = surname[cut:], start + cut
        if surname.lower() in stop or emails.names_a_function(surname):
            continue  # 'KONTAKT Anna', 'OBS'
        after = text[end : end + 40].lstrip(" ,")
        titled = TITLES.match(after) is not None
        if names.is_first_name(given[0]) or titled or names.is_surname(surname.split()[-1]):
            out.append((start, end, text[start:end]))
    return out


INITIALS = rf"[{UPPER}]\.(?:-?[{UPPER}]\.)?|[{UPPER}]-[{UPPER}]"
CELL_NAME = re.compile(
    rf"(?:\||^)[ \t]*("
    rf"{NAME_WORD}(?: {NAME_WORD})?, (?:{NAME_WORD}(?: {NAME_WORD})?|{INITIALS})"  # 'Nwosu, Obinna'
    rf"|(?:{INITIALS}) {NAME_WORD}"  # 'A.-K. Brunnberg'
    rf")[ \t]*(?=\||$)",
    re.M,
)


def cell_names(
    text: str, function_words: frozenset[str], stop: Container[str] = NOT_SURNAMES
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


GIVEN_BEFORE = re.compile(rf"([{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?) \Z")
NOT_GIVEN = lexicon.Words("not_given_names")


def with_given_name_before(
    text: str, candidate, function_words: frozenset[str], stop: Container[str] = NOT_SURNAMES
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


def initial_names(
    text: str,
    detail_starts: list[int],
    function_words: frozenset[str],
    stop: Container[str] = NOT_SURNAMES,
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


def outside(candidates: list, spans: list) -> list:
    """The candidates that start outside every one of `spans` (sorted, non-overlapping)."""
    starts = [a for a, _, _ in spans]
    kept = []
    for candidate in candidates:
        index = bisect_right(starts, candidate[0]) - 1
        if index < 0 or candidate[0] >= spans[index][1]:
            kept.append(candidate)
    return kept
