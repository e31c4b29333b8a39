"""National service numbers keep their label wherever they are written: after a phone cue
(where a short number would otherwise be read as a local one) and beside the actor's name."""

import pytest

from serviceguiden.policy import load_profile, scan


@pytest.mark.parametrize("number", ["112", "1177", "114 14", "113 13", "116 111", "116 006"])
@pytest.mark.parametrize("lead", ["BRIS\nTelefon: ", "Ring ", "Tel. "])
def test_a_national_number_is_national_after_a_cue_and_beside_the_actor(number, lead):
    text = f"{lead}{number}\nWebbplats: https://www.bris.se\n"
    found = [(f.value, f.label, f.severity) for f in scan(text, load_profile(), fmt="text")]
    assert (number, "national", "info") in found


def test_a_local_number_without_area_code_is_still_local():
    found = scan("Telefon: 365 00 00\n", load_profile(), fmt="text")
    assert [f.label for f in found if f.kind == "phone"] != ["national"]


def test_an_organisation_vcard_names_no_person():
    card = (
        "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Arbetsförmedlingen\nORG:Arbetsförmedlingen\n"
        "TEL;VALUE=uri;TYPE=voice:tel:+46313682224\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:4.0\nFN:Anna Svensson\nTEL:+46701234567\nEND:VCARD\n"
    )
    found = scan(card, load_profile(), fmt="text")
    names = [f.value for f in found if f.kind == "person_name"]
    assert names == ["Anna Svensson"]
    assert [f.label for f in found if f.value == "+46313682224"] != ["personal"]
