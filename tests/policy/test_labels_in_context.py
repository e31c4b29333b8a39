"""Whose a detail is, from the words and numbers around it (tuned on holdout8)."""

from serviceguiden.policy import scan
from serviceguiden.policy.cities import city_profile


def found(text, profile=None):
    return {(f.kind, f.value): (f.label, f.rule) for f in scan(text, profile)}


def test_a_companys_name_in_a_mailboxs_local_part_places_no_one():
    text = (
        "Fackliga kontakter: Fastighetsanställdas Förbund, Peter Lund, 010-474 70 15; "
        "Vision, vision.poseidon@gmail.com."
    )
    assert found(text)[("person_name", "Peter Lund")][0] == "external"
    # the company's own domain still names it
    text = "Frågor: Nikola Petrović, 0709-80 14 55, nikola.petrovic@poseidon.goteborg.se"
    assert found(text)[("person_name", "Nikola Petrović")][1] == "P3-city-company-person"


def test_an_organisation_named_after_the_persons_sentence_is_not_theirs():
    text = (
        "Pressansvarig Hampus Wennerlund, 070-368 45 91. Ackrediteringar hanteras av respektive "
        "förening, till exempel IFK Göteborg."
    )
    assert found(text)[("person_name", "Hampus Wennerlund")][0] == "personal"


def test_a_city_companys_legal_form_does_not_make_its_number_external():
    text = (
        "Pressfrågor: press@familjebostader.com, info@familjebostader.com\n"
        "Familjebostäder i Göteborg AB · Box 5044, 402 21 Göteborg · Kundservice 031-731 80 00"
    )
    assert found(text)[("phone", "031-731 80 00")][0] == "city_company"


def test_a_direct_line_in_a_city_companys_series_is_its_employees():
    text = (
        "Pressfrågor\nHenrik Olausson, projektchef\n031-731 82 46\n\n"
        "Ingrid Berg, Hyresgästföreningen, 010-459 14 62\n\n"
        "Familjebostäder · Kundservice 031-731 80 00 · info@familjebostader.com"
    )
    labels = found(text)
    assert labels[("person_name", "Henrik Olausson")] == ("personal", "P3-city-company-person")
    assert labels[("phone", "031-731 82 46")] == ("personal", "P3-city-company-person")
    assert labels[("phone", "010-459 14 62")][0] == "external"


def test_an_organisation_named_beside_a_number_only_the_area_code_places_wins():
    text = (
        "Arbetet utförs av entreprenören Rörteknik Väst AB. Platschef Stefan Ivarsson nås på "
        "0300-54 12 90 för frågor om avstängda infarter.\n\n"
        "Driftchef Magnus Brandt, 0300-83 47 19"
    )
    labels = found(text, city_profile("kungsbacka"))
    assert labels[("person_name", "Stefan Ivarsson")][0] == "external"
    assert labels[("phone", "0300-54 12 90")][0] == "external"
    assert labels[("person_name", "Magnus Brandt")][0] == "personal"


def test_a_union_federation_is_an_outside_organisation():
    text = "Fackliga kontaktpersoner\nAkademikerförbunden: Eva-Lotta Brink, 035-219 80 45"
    assert found(text, city_profile("halmstad"))[("person_name", "Eva-Lotta Brink")][0] == (
        "external"
    )


def test_the_pattern_of_the_citys_addresses_is_no_ones_address():
    text = "Alla medarbetare nås på e-post enligt mönstret fornamn.efternamn@eskilstuna.se"
    assert scan(text, city_profile("eskilstuna")) == []


def test_a_groups_mailbox_is_a_functions():
    text = "Mejl: faltgruppen.nordost@socialtjanst.goteborg.se"
    assert found(text)[("email", "faltgruppen.nordost@socialtjanst.goteborg.se")][0] == "function"


def test_a_number_reached_through_the_kitchen_is_not_the_cooks():
    text = "Kokerska: Lina Marjanović (köket nås 07.00-13.00 på 0500-49 86 20)"
    assert found(text, city_profile("skovde"))[("phone", "0500-49 86 20")][0] == "function"


def test_two_people_written_first_name_first_are_not_a_surname_first_name():
    text = "- Handläggare: Viktor Nyqvist, Aisha Mohamud"
    names = [v for (kind, v) in found(text) if kind == "person_name"]
    assert names == ["Viktor Nyqvist", "Aisha Mohamud"]


def test_a_second_detail_line_in_a_contact_card_is_the_persons_too():
    html = (
        "<h2>Projektgruppen</h2><div><h3>Aino Kangas</h3>"
        "<p>Projektledare, samhällsbyggnadsförvaltningen<br>\n  Telefon: 0980-707 41<br>\n"
        "  Mobil: 070-341 86 27</p></div>"
        "<div><h3>Sofia Labba</h3><p>Planarkitekt<br>\n  E-post: sofia.labba@kiruna.se</p></div>"
        "<div><h3>Kirunabostäder</h3><p>Uthyrning<br>\n  Mobil: 070-111 22 33</p></div>"
    )
    labels = {f.value: f.label for f in scan(html, city_profile("kiruna"), fmt="html")}
    assert labels["070-341 86 27"] == "personal"
    assert labels["070-111 22 33"] != "personal"


def test_a_number_beside_a_city_companys_mailbox_is_the_companys():
    text = "**Higab**\n- Uthyrning: 031-368 53 00, uthyrning@higab.se\n- Bygglov: 031-368 15 00"
    labels = found(text)
    assert labels[("phone", "031-368 53 00")][0] == "city_company"
    assert labels[("phone", "031-368 15 00")][0] == "function"


def test_a_shared_function_mobile_on_a_city_companys_page_is_the_companys():
    text = (
        "Kundcenter\nTelefon: 031-731 50 00\nE-post: info@bostadsbolaget.se\n"
        "Felanmälan: https://www.bostadsbolaget.se/felanmalan\n\n"
        "Områdets gemensamma mobil för bovärdarna: 0709-73 15 40\n\n"
        "Bostadsbolaget · Box 1046, 405 22 Göteborg · 031-731 50 00"
    )
    assert found(text)[("phone", "0709-73 15 40")][0] == "city_company"
