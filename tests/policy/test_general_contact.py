"""The city's general contact recognised by how a page presents it (tuned on holdout8)."""

from serviceguiden.policy import scan
from serviceguiden.policy.cities import city_profile


def labels(text, city, fmt="text"):
    return {f.value: f.label for f in scan(text, city_profile(city), fmt=fmt)}


def test_the_number_beside_the_citys_general_mailbox_in_its_footer_is_the_switchboard():
    html = (
        "<p>Bygglov: <a href='tel:060191234'>060-19 12 34</a></p>"
        "<footer><h2>Sundsvalls kommun</h2><p>851 85 Sundsvall</p>"
        "<p>Telefon <a href='tel:060191000'>060-19 10 00</a><br>"
        "<a href='mailto:sundsvalls.kommun@sundsvall.se'>sundsvalls.kommun@sundsvall.se</a></p>"
        "</footer>"
    )
    found = labels(html, "sundsvall", fmt="html")
    assert found["060-19 10 00"] == "contact_center"
    assert found["sundsvalls.kommun@sundsvall.se"] == "contact_center"
    assert found["060-19 12 34"] == "function"
    line = "Ystads kommun · 271 80 Ystad · 0411-57 70 00 · ystad.kommun@ystad.se"
    assert labels(line, "ystad")["0411-57 70 00"] == "contact_center"


def test_a_unit_number_in_the_footer_is_not_the_switchboard():
    text = "Ystads kommun\nTuristbyrån: 0411-57 76 81 · ystad.kommun@ystad.se"
    assert labels(text, "ystad")["0411-57 76 81"] == "function"


def test_kommunservice_and_info_at_the_citys_own_domain_are_its_general_contact():
    text = "**Kalmar kommun, Kommunservice**\n0480-45 00 00 · kommunservice@kalmar.se"
    found = labels(text, "kalmar")
    assert found == {"0480-45 00 00": "contact_center", "kommunservice@kalmar.se": "contact_center"}
    found = labels("Växel 08-718 80 00 · info@nacka.se\nSkolan: info@skola.nacka.se", "nacka")
    assert found["info@nacka.se"] == "contact_center"
    assert found["info@skola.nacka.se"] == "function"


def test_an_sms_channel_of_a_known_contact_center_is_the_contact_centers():
    text = "Sms till kontaktcenter för andra frågor: 0722-36 50 00\nFältgruppen: 0707-65 32 10"
    found = {f.value: f.label for f in scan(text)}
    assert found == {"0722-36 50 00": "contact_center", "0707-65 32 10": "function"}


def test_kalmar_is_named_as_it_names_itself():
    assert city_profile("kalmar").name == "Kalmar kommun"
