"""Shapes of names the finders missed on holdout8: an initial or a nickname between the
names, an apostrophe, a job title before the name, a unit word ending in a speech verb."""

from serviceguiden.policy import scan
from serviceguiden.policy.cities import city_profile


def names_in(text, profile=None):
    return [f.value for f in scan(text, profile) if f.kind == "person_name"]


def test_a_middle_initial_belongs_to_the_name():
    text = "Buller och inomhusmiljö: Björn Å. Claesson, 0768-88 31 52"
    assert names_in(text) == ["Björn Å. Claesson"]


def test_a_nickname_in_quotes_and_an_apostrophe_belong_to_the_name():
    text = (
        'Malin "Mallan" Nordström, ungdomscoach – 072-514 88 07\n'
        "Kevin O'Connor Svensson 076-536 44 21"
    )
    assert names_in(text) == ['Malin "Mallan" Nordström', "Kevin O'Connor Svensson"]
    labels = {f.value: f.label for f in scan(text)}
    assert labels["072-514 88 07"] == labels["076-536 44 21"] == "personal"


def test_a_heading_ending_like_a_speech_verb_does_not_make_a_quote():
    # 'Elevhälsa' ends in 'sa' (said): the name under it is still a contact
    text = (
        "Rektor                        Mirela Hadžić            016-710 43 18\n\n"
        "Elevhälsa\nSkolsköterska                 Nadia El-Amin            710 43 27"
    )
    found = {f.value: f.label for f in scan(text, city_profile("eskilstuna"))}
    assert found["Nadia El-Amin"] == "personal"
    assert found["710 43 27"] == "personal"


def test_kitchen_and_housing_titles_are_not_given_names():
    assert names_in("Köket\nKock Teresa Nowak, 0470-41 53 02", city_profile("vaxjo")) == [
        "Teresa Nowak"
    ]
    assert names_in("Bovärd Krystyna Wiśniewska, 0709-73 15 49") == ["Krystyna Wiśniewska"]


def test_a_name_the_lists_lack_right_before_a_labelled_number_is_a_contact():
    text = (
        "Ateljén Roya Mahmoudi, mobil 073-512 08 66\n"
        "Mässor och konferens i Lisebergshallen: Kenji Watanabe Lund, 0702-68 46 41\n"
        "Eken och Boken: Chinonso Eze Nordqvist, telefon 031-366 92 02"
    )
    assert names_in(text) == ["Roya Mahmoudi", "Kenji Watanabe Lund", "Chinonso Eze Nordqvist"]


def test_an_organisation_after_a_label_is_not_a_name():
    text = (
        "Frågor om strandskydd: Länsstyrelsen Skåne, 010-224 10 00\n"
        "Tandvård: Folktandvården Östergötland, 010-103 00 00\n"
        "Rådgivning: Almi Väst, 031-726 99 00\n"
        "Regionen: Västra Götalandsregionen, 010-441 00 00"
    )
    assert names_in(text) == []


def test_a_role_holder_under_a_contact_heading_is_a_contact_without_a_number():
    staff = (
        "Medarbetare\nOmrådeschef Gunilla Stensson, 031-731 52 14\n"
        "Uthyrare Oliver Törnqvist – nås via kundcenter"
    )
    assert "Oliver Törnqvist" in names_in(staff)
    library = (
        "Kontakta oss\nHuvudbiblioteket, Köpmannagatan 1\nbibliotek@mora.se\n"
        "Bibliotekschef\nKarin Rehn Ersson, 0250-267 41\nBarn- och ungdomsbibliotekarie\n"
        "Malin Jönsson, Skicka e-post\nSkolbibliotekarie\nPer Ek, 0250-267 45\nBokbussförare\n"
        "Gunnar Mattsson"
    )
    assert "Gunnar Mattsson" in names_in(library, city_profile("mora"))
    board = (
        "Projektorganisation\n\nStyrgrupp\nOrdförande: Carina Ehrenborg, samhällsbyggnadsdirektör"
    )
    assert names_in(board) == []
    prose = "Medarbetare\nRektor Anna Berg invigde skolan i går tillsammans med eleverna."
    assert names_in(prose) == []
