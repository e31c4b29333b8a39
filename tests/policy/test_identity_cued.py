"""A personnummer the page presents as one counts even when its check digit is wrong."""

from serviceguiden.policy import scan


def kinds(text):
    return [(f.kind, f.value) for f in scan(text)]


def test_a_cued_personnummer_with_a_wrong_check_digit_is_reported_masked():
    text = "Bilaga: beslut om bostadsanpassningsbidrag, sökande 19560708-3321, avslag"
    assert kinds(text) == [("personnummer", "19560708-****")]


def test_without_a_cue_or_after_an_invoice_word_it_is_not():
    assert kinds("Arkivnummer 19560708-3321 i serien") == []
    assert kinds("Sökande betalar faktura 19560708-3321 senast i maj") == []
