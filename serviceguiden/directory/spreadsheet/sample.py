"""A realistic contact-list export to try the spreadsheet import on, as a city's old
contact register or an intranet list would give it: a title row and group headers merged over
several columns, Swedish column names, numbers written every way people write them, a
contact-person column, and a few rows that must be refused (a personal mailbox, a mobile
number, numbers that are no numbers, hours nobody can read).

    python -m serviceguiden.directory.spreadsheet.sample --rows 1000 kontakter.xlsx kontakter.csv

The same seed gives the same file.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path

TITLE = "Kontaktuppgifter – funktioner i Göteborgs Stad (export ur kontaktregistret)"
# (group header, column headers under it)
GROUPS = [
    ("Organisation", ["Förvaltning", "Funktion"]),
    ("Telefon", ["Nummer", "Tider"]),
    ("Digitala kontaktvägar", ["E-post", "E-tjänst", "Webbsida"]),
    ("Besök", ["Besöksadress", "Öppettider"]),
    ("Post", ["Postadress"]),
    ("Övrigt", ["Kontaktperson", "Beskrivning", "Status"]),
]
HEADERS = [header for _group, headers in GROUPS for header in headers]

ORGANISATIONS = {
    "Stadsbyggnadskontoret": ("sbk", ["Bygglov", "Kartor och mätning", "Detaljplaner"]),
    "Förskoleförvaltningen": ("forskola", ["Förskoleantagning", "Förskolor", "Avgifter förskola"]),
    "Grundskoleförvaltningen": ("grundskola", ["Skolval", "Fritidshem", "Elevhälsa",
                                                "Skolskjuts"]),
    "Äldre samt vård- och omsorgsförvaltningen": ("aldrevardomsorg", [
        "Hemtjänst", "Biståndshandläggning", "Trygghetslarm", "Äldreboende", "Träffpunkt"]),
    "Socialförvaltningen Nordost": ("socialnordost", [
        "Ekonomiskt bistånd", "Mottagning barn och unga", "Familjebehandling"]),
    "Socialförvaltningen Sydväst": ("socialsydvast", [
        "Försörjningsstöd", "Barn och unga", "Boendestöd"]),
    "Kulturförvaltningen": ("kultur", ["Bibliotek", "Kulturskolan", "Bokbuss"]),
    "Idrotts- och föreningsförvaltningen": ("idrottochforening", [
        "Simhall", "Fritidsgård", "Idrottshall", "Föreningsstöd"]),
    "Miljöförvaltningen": ("miljo", ["Livsmedelskontroll", "Hälsoskydd", "Miljötillsyn"]),
    "Stadsmiljöförvaltningen": ("stadsmiljo", ["Felanmälan", "Parkeringstillstånd", "Parker"]),
    "Funktionsstödsförvaltningen": ("funktionsstod", [
        "LSS-handläggning", "Daglig verksamhet", "Bostadsanpassning", "Personlig assistans"]),
    "Arbetsmarknads- och vuxenutbildningsförvaltningen": ("avf", [
        "Vuxenutbildning", "Jobbtorg", "Svenska för invandrare"]),
}  # fmt: skip
DISTRICTS = [
    "Angered",
    "Askim",
    "Backa",
    "Bergsjön",
    "Biskopsgården",
    "Centrum",
    "Frölunda",
    "Gamlestaden",
    "Härlanda",
    "Hisingen",
    "Högsbo",
    "Kortedala",
    "Kärra",
    "Linnéstaden",
    "Lundby",
    "Majorna",
    "Styrsö",
    "Torslanda",
    "Tuve",
    "Tynnered",
    "Västra Göteborg",
    "Örgryte",
    "Östra Göteborg",
    "Norra Hisingen",
    "Lärjedalen",
    "Södra skärgården",
]
PEOPLE = [
    "Anna Svensson",
    "Erik Johansson",
    "Maria Karlsson",
    "Lars Nilsson",
    "Karin Andersson",
    "Per Eriksson",
    "Eva Larsson",
    "Johan Olsson",
    "Sara Persson",
    "Mikael Gustafsson",
]
HOURS = [
    "Mån–fre 08.00–16.30",
    "mån-fre 8-12, 13-16",
    "Vardagar 09.00–15.00. Helgdagar stängt",
    "Mån–tors 08.00–16.00; fre 08.00–15.00",
    "Mån-fre 10-12 och 13-15",
]
OPENING = ["Mån–fre 08.00–16.00", "Mån, tis 10-18", "Vardagar 10–17; lör 11–15", ""]
STREETS = ["Köpmansgatan", "Gårdstensvägen", "Frölundatorget", "Backavägen", "Ekelundsgatan"]


def _slug(text: str) -> str:
    table = str.maketrans("åäöé", "aaoe")
    return "".join(c for c in text.lower().translate(table) if c.isalnum())


def _phone(rng: random.Random) -> str:
    digits = f"{rng.choice('5678')}{rng.randint(0, 99):02d}{rng.randint(0, 99):02d}"
    forms = [
        f"031-36{digits[0]} {digits[1:3]} {digits[3:]}",
        f"031-36{digits}",
        f"(031) 36{digits[0]} {digits[1:3]} {digits[3:]}",
        f"+46 31 36{digits[0]} {digits[1:3]} {digits[3:]}",
    ]
    return rng.choice(forms)


@dataclass(frozen=True)
class Sample:
    rows: list[list[str]]
    bad_rows: list[int]  # indexes into rows of the rows that must be refused
    person_rows: list[int]  # rows with a contact person (never imported)


def sample(rows: int = 1000, seed: int = 14) -> Sample:
    rng = random.Random(seed)
    units = [(org, domain, unit) for org, (domain, us) in ORGANISATIONS.items() for unit in us]
    combos = [(org, domain, unit, d) for org, domain, unit in units for d in DISTRICTS]
    if rows > len(combos):
        raise ValueError(f"at most {len(combos)} rows")
    rng.shuffle(combos)
    data, persons = [], []
    for index, (org, domain, unit, district) in enumerate(combos[:rows]):
        local = f"{_slug(unit)}.{_slug(district)}"
        has_visit = rng.random() < 0.6
        row = [
            org,
            f"{unit} {district}",
            _phone(rng),
            rng.choice(HOURS),
            f"{local}@{domain}.goteborg.se" if rng.random() < 0.9 else "",
            f"https://goteborg.se/{_slug(unit)}/ansok" if rng.random() < 0.3 else "",
            f"goteborg.se/{_slug(unit)}" if rng.random() < 0.5 else "",
            f"{rng.choice(STREETS)} {rng.randint(1, 40)}, Göteborg" if has_visit else "",
            rng.choice(OPENING) if has_visit else "",
            f"Box {rng.randint(1000, 9999)}, 40{rng.randint(100, 999)} Göteborg",
            "",
            f"{unit} för boende i {district}.",
            "Publicerad" if rng.random() < 0.9 else "Utkast",
        ]
        if rng.random() < 0.12:
            row[HEADERS.index("Kontaktperson")] = rng.choice(PEOPLE)
            persons.append(index)
        data.append(row)
    bad = _spoil(data, rng)
    return Sample(data, bad, persons)


def _spoil(data: list[list[str]], rng: random.Random) -> list[int]:
    """A few rows as real exports have them, each one refused by a different rule."""
    if len(data) < 20:
        return []
    email, phone, hours = HEADERS.index("E-post"), HEADERS.index("Nummer"), HEADERS.index("Tider")
    spoilers = [
        (email, "anna.svensson@sbk.goteborg.se"),  # a person's mailbox (P3)
        (phone, "070-123 45 67"),  # a mobile: a person's phone (P3)
        (phone, "031-36"),  # too short to be a number
        (phone, "031-365 12 34 / 031-365 12 35"),  # two numbers in one cell
        (hours, "ring innan du kommer"),  # hours nobody can read
        (email, "kundtjanst@gmail.com"),  # an external actor's address (P4)
    ]
    picked = rng.sample(range(len(data)), len(spoilers))
    for index, (column, value) in zip(picked, spoilers, strict=True):
        data[index][column] = value
    return sorted(picked)


def write_xlsx(path: Path, rows: int = 1000, seed: int = 14) -> Sample:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    made = sample(rows, seed)
    book = Workbook()
    sheet = book.active
    sheet.title = "Kontakter"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    column = 1
    group_row = []
    for group, headers in GROUPS:
        group_row += [group] + [None] * (len(headers) - 1)
    sheet.append(group_row)
    for _group, headers in GROUPS:
        if len(headers) > 1:
            sheet.merge_cells(start_row=2, start_column=column, end_row=2,
                              end_column=column + len(headers) - 1)  # fmt: skip
        sheet.cell(2, column).alignment = Alignment(horizontal="center")
        column += len(headers)
    sheet.append(HEADERS)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in made.rows:
        sheet.append([value or None for value in row])
    book.save(path)
    return made


def write_csv(path: Path, rows: int = 1000, seed: int = 14) -> Sample:
    """As Excel saves it in Sweden: semicolons, Windows-1252, merged cells' text in their
    first column only."""
    made = sample(rows, seed)
    group_row = []
    for group, headers in GROUPS:
        group_row += [group] + [""] * (len(headers) - 1)
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([TITLE] + [""] * (len(HEADERS) - 1))
        writer.writerow(group_row)
        writer.writerow(HEADERS)
        writer.writerows(made.rows)
    return made


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="*.xlsx and/or *.csv to write")
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    for file in args.files:
        writer = write_xlsx if file.suffix.lower() == ".xlsx" else write_csv
        made = writer(file, args.rows, args.seed)
        sys.stdout.write(
            f"wrote {file}: {len(made.rows)} rows, {len(made.bad_rows)} to be refused, "
            f"{len(made.person_rows)} with a contact person\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
