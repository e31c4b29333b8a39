import pytest

from serviceguiden.policy import format_phone, phone_e164, scan


def phones_in(text):
    return [(f.value, f.label) for f in scan(text, fmt="text") if f.kind == "phone"]


@pytest.mark.parametrize(
    "written",
    [
        "031-365 00 00",
        "031–365 00 00",
        "031—365 00 00",
        "031 365 00 00",
        "(031) 365 00 00",
        "031-3650000",
        "+46 (0)31 365 00 00",
        "+46 31 365 00 00",
        "0046 31 365 00 00",
        "031\u2009365\u202f00\u00a000",
    ],
)
def test_contact_center_number_in_every_written_form(written):
    assert phones_in(f"Ring oss på {written} om du har frågor.") == [(written, "contact_center")]


@pytest.mark.parametrize(
    ("written", "national"),
    [
        ("031-33 57 436", "0313357436"),
        ("0709-643 574", "0709643574"),
        ("08-508 000 00", "0850800000"),
        ("020-50 50 50", "020505050"),
        ("0771-25 25 25", "0771252525"),
        ("0520 – 49 54 00", "0520495400"),
        ("0303 - 23 80 00", "0303238000"),
    ],
)
def test_odd_groupings_and_spaced_dashes(written, national):
    found = [f for f in scan(f"Telefon: {written}.", fmt="text") if f.kind == "phone"]
    assert [(f.value, f.normalized) for f in found] == [(written, national)]


def test_number_without_area_code_after_phone_word_gets_city_area_code():
    found = [f for f in scan("Tfn 365 00 00, vxl 15 00 17", fmt="text") if f.kind == "phone"]
    assert [(f.value, f.normalized) for f in found] == [
        ("365 00 00", "0313650000"),
        ("15 00 17", "031150017"),
    ]


def test_short_numbers_are_found_with_context_only():
    assert phones_in("Polisen 114 14. Vid nödläge ring 112. Sjukvård: 1177") == [
        ("114 14", "national"),
        ("112", "national"),
        ("1177", "national"),
    ]
    assert phones_in("Hit kom 112 personer och 1177 besökare.") == []


@pytest.mark.parametrize(
    "trap",
    [
        "Beslutet togs 2024-05-12 i nämnden.",
        "Mötet hålls 08.02.2023 i rådhuset.",
        "Öppet kl. 08.00–16.30 och lördag 10.00-14.00.",
        "Telefontid kl 8-16.30 vardagar.",
        "Klockan 12:35-12:45: presskonferens.",
        "Ärendet har Dnr 0263/20 och SBK 2021-00123.",
        "Adress: Box 2403, 411 05 Göteborg",
        "Avgiften är 12 000 kr per år, eller 1 250:- i månaden.",
        "Organisationsnummer 212000-1355.",
        "Betala till Bankgiro 5050-1055 eller Plusgiro 12 34 56-7.",
        "Antalet ökade till 63.800 och 3 200 anläggningar berördes.",
        "Öppet kl. 0800-1630.",
        "Personnummer 19850312-1234 ska inte skickas.",
    ],
)
def test_traps_are_never_phone_numbers(trap):
    assert phones_in(trap) == []


def test_glued_number_and_address_are_split():
    text = "Tel:+46 (0)31 368 57 19lena.berg@goteborg.se"
    found = {f.kind: f.value for f in scan(text, fmt="text")}
    assert found["phone"] == "+46 (0)31 368 57 19"
    assert found["email"] == "lena.berg@goteborg.se"


@pytest.mark.parametrize(
    ("written", "display", "e164"),
    [
        ("0313650000", "031-365 00 00", "+46313650000"),
        ("+46 (0)31 368 57 19", "031-368 57 19", "+46313685719"),
        ("0771252525", "0771-25 25 25", "+46771252525"),
        ("0200123456", "0200-12 34 56", "+46200123456"),
        ("08-508 000 00", "08-508 000 00", "+46850800000"),
        ("070-123 45 67", "070-123 45 67", "+46701234567"),
        ("11414", "114 14", "11414"),
    ],
)
def test_swedish_display_form_and_e164(written, display, e164):
    assert format_phone(written) == display
    assert phone_e164(written) == e164


def test_unparseable_number_raises():
    with pytest.raises(ValueError):
        format_phone("inte ett nummer")


def test_slash_after_area_code_is_a_number_but_case_numbers_are_not():
    assert phones_in("Ring 031/368 23 40") == [("031/368 23 40", "function")]
    assert phones_in("Ärendet Dnr 0263/20 och 0263/2021") == []


def test_visitor_counts_are_not_phone_numbers():
    from serviceguiden.policy import scan

    text = "Varje år har huset omkring 180 000 besök och 600 arrangemang."
    assert [f for f in scan(text) if f.kind == "phone"] == []


@pytest.mark.parametrize("number", ["116 111", "116 006", "114 14", "113 13", "1177"])
@pytest.mark.parametrize("cue", ["Telefon: ", "Tel. ", "Ring "])
def test_a_known_short_number_after_a_phone_word_is_short_not_local(number, cue):
    from serviceguiden.policy.phones import find_phones

    (match,) = find_phones(f"BRIS\n{cue}{number}\n", "031", [])
    assert (match.kind, match.national) == ("short", number.replace(" ", ""))


def test_a_local_number_after_a_phone_word_still_gets_the_area_code():
    from serviceguiden.policy.phones import find_phones

    (match,) = find_phones("Telefon: 365 00 00\n", "031", [])
    assert (match.kind, match.national) == ("local", "0313650000")


def test_numbers_of_other_countries_are_external():
    text = "Tromsø: +47 77 79 00 00. Oulu: +358 8 558 410. Temperatur +4 grader."
    found = [(f.value, f.label) for f in scan(text) if f.kind == "phone"]
    assert found == [("+47 77 79 00 00", "external"), ("+358 8 558 410", "external")]
