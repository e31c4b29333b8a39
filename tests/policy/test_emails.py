import pytest

from serviceguiden.policy import check_field, scan
from serviceguiden.policy.emails import analyse_local_part


def emails_in(text, fmt="text"):
    return [(f.value, f.normalized, f.label) for f in scan(text, fmt=fmt) if f.kind == "email"]


@pytest.mark.parametrize(
    "written",
    [
        "bygglov(at)sbk.goteborg.se",
        "bygglov [at] sbk.goteborg.se",
        "bygglov [at] sbk [punkt] goteborg [punkt] se",
        "bygglov @ sbk.goteborg.se",
        "bygglov[snabel-a]sbk.goteborg.se",
    ],
)
def test_obfuscated_addresses_are_read(written):
    assert emails_in(f"Skriv till {written} så svarar vi.") == [
        (written, "bygglov@sbk.goteborg.se", "function")
    ]


def test_html_entities_and_mailto_links_keep_exact_offsets():
    html = '<p>Mejla <a href="mailto:bygglov@goteborg.se">bygglov&#64;goteborg.se</a></p>'
    found = [f for f in scan(html, fmt="html") if f.kind == "email"]
    assert [(f.value, f.normalized) for f in found] == [
        ("bygglov&#64;goteborg.se", "bygglov@goteborg.se")
    ]
    assert all(html[f.start : f.end] == f.value for f in found)


def test_mailto_link_with_other_visible_text_is_reported_at_its_href():
    html = '<p><a href="mailto:per.holm@goteborg.se">Skicka e-post</a></p>'
    (finding,) = [f for f in scan(html, fmt="html") if f.kind == "email"]
    assert finding.value == "per.holm@goteborg.se"
    assert html[finding.start : finding.end] == finding.value
    assert finding.label == "personal"


def test_image_file_names_are_not_addresses():
    assert emails_in("Se bild@2x.png och logo@3x.jpg") == []


@pytest.mark.parametrize(
    "local",
    [
        "anna.svensson",
        "anna-karin.ek",
        "a.svensson",
        "svensson.anna",
        "anna.svensson2",
        "asa.oberg",
        "bjrn.strom",
        "annasvensson",
        "p.kjellgren",
        "ahmed.hassan",
        "tomas.wikblad",
    ],
)
def test_person_shaped_local_parts_are_personal(local):
    assert analyse_local_part(local).personal


@pytest.mark.parametrize(
    "local",
    [
        "bygglov",
        "stadsbyggnad.berg",
        "forskola.lind",
        "stadsmiljo.strand",
        "markupplatelse",
        "parkering",
        "info",
        "registrator",
        "kultur.angered",
        "berg",
        "mark",
    ],
)
def test_function_mailboxes_with_surname_like_words_are_not_personal(local):
    assert not analyse_local_part(local).personal


def test_labels_follow_the_domain():
    text = (
        "Kontaktcenter goteborg@goteborg.se, bygglov@sbk.goteborg.se, info@polisen.se, "
        "kundservice@goteborgenergi.se, anna.svensson@goteborg.se"
    )
    assert [label for _, _, label in emails_in(text)] == [
        "contact_center",
        "function",
        "external",
        "city_company",
        "personal",
    ]


def test_mailto_target_differing_from_its_visible_address_is_reported_too():
    html = '<p><a href="mailto:per.holm@goteborg.se">bygglov@sbk.goteborg.se</a></p>'
    found = {(f.value, f.label) for f in scan(html, fmt="html") if f.kind == "email"}
    assert found == {("per.holm@goteborg.se", "personal"), ("bygglov@sbk.goteborg.se", "function")}


def test_an_address_in_capitals_glued_to_text_keeps_only_its_capitals():
    from serviceguiden.policy import scan

    glued = "KontaktcenterRing0313650000MejlaGOTEBORG@GOTEBORG.SE"
    found = [(f.kind, f.value) for f in scan(glued)]
    assert found == [("phone", "0313650000"), ("email", "GOTEBORG@GOTEBORG.SE")]


@pytest.mark.parametrize(
    "address",
    [
        "bokbuss.sodraskargarden@kultur.goteborg.se",
        "vastrahisingen.fritid@goteborg.se",
        "bokbussen.angered@goteborg.se",
    ],
)
def test_a_mailbox_named_after_a_service_and_a_place_is_a_function_s(address):
    assert check_field("email", address) == []


def test_a_first_name_with_a_place_like_surname_is_still_a_person_s():
    assert [v.rule for v in check_field("email", "lena.ostra@goteborg.se")] == ["P3-personal-email"]
