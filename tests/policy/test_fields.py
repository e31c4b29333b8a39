import json
from pathlib import Path

import pytest

from serviceguiden.policy import RULES, check_field, load_profile, scan

DEMO = Path(__file__).resolve().parents[2] / "serviceguiden" / "directory" / "demo"


# -- national service numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "written,digits",
    [
        ("112", "112"),
        ("1177", "1177"),
        ("114 14", "11414"),
        ("11414", "11414"),
        ("+46 11414", "11414"),
        ("tel:1177", "1177"),
        ("113 13", "11313"),
        ("116 111", "116111"),
        ("116 006", "116006"),
    ],
)
def test_a_national_number_is_known_however_it_is_written(written, digits):
    national = load_profile().national_number(written)
    assert national is not None
    assert national.digits == digits
    assert national.purpose_sv and national.purpose_en


@pytest.mark.parametrize("other", ["0771-567 567", "031-365 00 00", "90101", "0112", "1234"])
def test_other_numbers_are_no_national_numbers(other):
    assert load_profile().national_number(other) is None


def test_every_profile_inherits_the_national_numbers():
    goteborg = load_profile()
    kungalv = load_profile(Path(goteborg.source).parent / "example-kungalv.toml")
    assert [n.digits for n in kungalv.national_numbers] == [
        n.digits for n in goteborg.national_numbers
    ]
    assert {"112", "1177", "11414"} <= {n.digits for n in kungalv.national_numbers}
    # National authorities come from the base too, the region's own actors from the city.
    assert kungalv.external_for_domain("skatteverket.se") is not None
    assert goteborg.external_for_domain("vasttrafik.se") is not None


def test_scan_labels_national_numbers_as_information():
    found = scan("Vid nödläge ring 112. Polisen: 114 14. Sjukvårdsrådgivning: 1177.")
    assert [(f.value, f.label, f.rule, f.severity) for f in found] == [
        ("112", "national", "INFO-national-number", "info"),
        ("114 14", "national", "INFO-national-number", "info"),
        ("1177", "national", "INFO-national-number", "info"),
    ]
    rule = RULES["INFO-national-number"]
    assert rule.message_sv and rule.message_en and rule.severity == "info"


@pytest.mark.parametrize("value", ["112", "114 14", "+46 11414", "1177"])
def test_a_national_number_in_a_phone_field_is_no_error(value):
    assert [v for v in check_field("phone", value) if v.blocking] == []


def test_an_authoritys_switchboard_is_still_external():
    assert [v.rule for v in check_field("phone", "0771-567 567")] == ["P4-external-phone"]


# -- short names and labels ------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "Anna Svensson",
        "Anna Svensson, handläggare",
        "Anna Svensson handläggare",
        "Handläggare Anna Svensson",
        "Svensson, Anna",
        "Svensson, Anna (handläggare)",
        "Lisa Grönberg Enhetschef",
        "Bygglov (Lena Berg)",
        "Stadsarkivet Johan Svensson",
        "Karl-Erik af Klint",
        "Handläggare Oksana Kovalenko",
        "Oksana Kovalenko, handläggare",
    ],
)
def test_a_person_in_a_name_field_is_refused(value):
    violations = check_field("name", value)
    person = [v for v in violations if v.rule == "P3-person-name"]
    assert person and person[0].blocking
    assert "Bygglov, handläggare" in person[0].fix_sv
    assert "not the person" in person[0].fix_en


@pytest.mark.parametrize(
    "value",
    [
        "Frölunda kulturhus",
        "Angereds bibliotek",
        "Eriksbergs förskola",
        "Lisebergs nöjespark",
        "Gustav Adolfs torg",
        "Carl Johans församling",
        "Carl Johans kyrka",
        "Oscar Fredriks kyrka",
        "Karl Johansgatan",
        "Kvibergs park",
        "Anna Lindhs plats",
        "Olof Palmes plats",
        "Hjalmar Brantingsplatsen",
        "Astrid Lindgren skola",
        "Anna Lindh-skolan",
        "Förskolan Hedda Vinge",
        "Vårdboendet Anna Lindh",
        "Maria Magdalena församling",
        "Sofia Församling",
        "Nils Ericson Terminalen",
        "Bygglov, handläggare",
        "Backa, Tuve",
    ],
)
def test_places_and_units_named_after_people_pass(value):
    assert check_field("name", value) == []


def test_a_name_field_finds_what_free_text_finds():
    text_rules = {v.rule for v in check_field("text", "Ring Polisen på 0771-567 567")}
    assert text_rules == {v.rule for v in check_field("name", "Ring Polisen på 0771-567 567")}
    assert "P4-external-phone" in text_rules


def demo_names() -> set[str]:
    data = json.loads((DEMO / "goteborg.json").read_text(encoding="utf-8"))
    values = {o["name"] for o in data["organisations"]}
    values |= {a["name"] for a in data["external_actors"]}
    for function in data["functions"]:
        values.add(function["name"])
        values |= {c["label"] for c in function["channels"] if c["label"]}
    for topic in data["topics"]:
        values.add(topic["name"])
        values |= set(topic["synonyms"])
    profile = load_profile()
    for organisation in profile.city_companies + profile.external_actors:
        values |= set(organisation.names)
    return values


def test_no_name_of_the_demo_registry_is_refused():
    names = demo_names()
    assert len(names) > 500
    refused = {v: [x.rule for x in check_field("name", v)] for v in sorted(names)}
    assert {v: rules for v, rules in refused.items() if rules} == {}
