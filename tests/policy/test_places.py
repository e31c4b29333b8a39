from serviceguiden.policy import scan


def found(text, fmt="text"):
    return {(f.kind, f.value): (f.label, f.rule) for f in scan(text, fmt=fmt)}


def test_street_suffix_written_as_its_own_word():
    result = found("Skolans adress: Kortedala Torg 3, 415 27 Göteborg\nBesök oss på Södra Vägen 12")
    assert result[("visiting_address", "Kortedala Torg 3, 415 27 Göteborg")][0] == "function"
    assert ("visiting_address", "Södra Vägen 12") in result


def test_the_city_named_on_an_address_line_wins_over_the_line_above():
    text = (
        "Migrationsverket, ansökningsenhet: Kvarnbergsgatan 2\n"
        "Stadens medborgarkontor: Angereds Torg 5\n"
        "Skriv till Göteborgs Stad, Box 2403, 403 16 Göteborg. "
        "Fakturor till Stadsmissionen skickas till Box 11092, 404 22 Göteborg."
    )
    result = found(text)
    assert result[("visiting_address", "Kvarnbergsgatan 2")][0] == "external"
    assert result[("visiting_address", "Angereds Torg 5")][0] == "function"
    assert result[("postal_address", "Box 2403, 403 16 Göteborg")][0] == "function"
    assert result[("postal_address", "Box 11092, 404 22 Göteborg")][0] == "external"


def test_a_link_that_shows_its_own_address_is_reported_as_shown():
    html = '<p>Boka tid hos Opus: <a href="https://www.opus.se/boka">opus.se/boka</a></p>'
    findings = [f for f in scan(html, fmt="html") if f.kind in ("website", "web_form")]
    assert [(f.kind, f.value, f.label) for f in findings] == [
        ("web_form", "opus.se/boka", "external")
    ]
    assert html[findings[0].start : findings[0].end] == "opus.se/boka"


def test_a_link_with_a_phrase_is_reported_at_its_target():
    html = '<p><a href="https://www.polisen.se/anmal">Gör en anmälan</a></p>'
    values = [(f.kind, f.value) for f in scan(html, fmt="html")]
    assert values == [("web_form", "https://www.polisen.se/anmal")]


def test_a_mobile_with_nothing_beside_it_is_unknown_but_a_duty_phone_is_a_function():
    result = found(
        "Hittegods: den som saknar en blå cykelhjälm kan ringa 0731-94 07 26.\n\n"
        "Fältgruppen (jour)\n0702-55 10 00\n\nRing vår gemensamma mobil 0709-88 45 12."
    )
    assert result[("phone", "0731-94 07 26")] == ("unknown", "P3-mobile-number")
    assert result[("phone", "0702-55 10 00")] == ("function", "P3-mobile-number")
    assert result[("phone", "0709-88 45 12")] == ("function", "P3-mobile-number")


def test_links_to_sign_up_apply_and_tip_off_are_web_forms():
    text = (
        "Skriv in dig på https://arbetsformedlingen.se/for-arbetssokande/skriv-in-dig och "
        "tipsa polisen via polisen.se/lamna-tips. Apply at https://goteborg.se/apply-preschool"
    )
    kinds = {f.value: f.kind for f in scan(text, fmt="text")}
    assert kinds["https://arbetsformedlingen.se/for-arbetssokande/skriv-in-dig"] == "web_form"
    assert kinds["polisen.se/lamna-tips"] == "web_form"
    assert kinds["https://goteborg.se/apply-preschool"] == "web_form"


def test_unit_and_night_patrol_mobiles_are_functions_but_a_private_sms_is_unknown():
    result = found(
        "| Måsen | 3–5 år | 0704-18 62 90 (avdelningens mobil) |\n\n"
        "Natt: nattpatrullens mobil 0704-12 88 70\n\n"
        "Bortskänkes: vattensäng. Sms:a 0768 11 29 04."
    )
    assert result[("phone", "0704-18 62 90")][0] == "function"
    assert result[("phone", "0704-12 88 70")][0] == "function"
    assert result[("phone", "0768 11 29 04")][0] == "unknown"


def test_on_a_city_company_s_own_page_its_numbers_and_addresses_are_the_company_s():
    text = (
        "Got Event – book a venue: https://gotevent.se/en/book-a-venue\n"
        "Questions: events@gotevent.se\n"
        "Switchboard +46 31 368 45 00, Valhallagatan 1\n"
        "Hyresgästföreningen: 010-459 12 00\n"
    )
    result = found(text)
    assert result[("phone", "+46 31 368 45 00")][0] == "city_company"
    assert result[("visiting_address", "Valhallagatan 1")][0] == "city_company"
    assert result[("web_form", "https://gotevent.se/en/book-a-venue")][0] == "city_company"
    assert result[("phone", "010-459 12 00")][0] == "external"


def test_a_city_page_that_mentions_a_company_keeps_its_own_numbers():
    text = (
        "Trafikkontoret: trafik@trafikkontoret.goteborg.se, 031-368 08 00\n"
        "Felanmälan: felanmalan@trafikkontoret.goteborg.se\n"
        "Göteborg Energi: kundservice@goteborgenergi.se\n"
    )
    assert found(text)[("phone", "031-368 08 00")][0] == "function"


def test_share_buttons_and_relative_links_are_not_contact_details():
    html = (
        '<a href="https://www.facebook.com/sharer/sharer.php?u=%2F">Dela</a> '
        '<a href="https://www.linkedin.com/shareArticle?mini=true">Dela</a> '
        '<a href="/forskola/ansok">Ansök om plats</a> '
        '<a href="https://www.ivo.se/lamna-klagomal">Lämna klagomål till IVO</a>'
    )
    found_links = [(f.kind, f.value) for f in scan(html, fmt="html")]
    assert found_links == [("web_form", "https://www.ivo.se/lamna-klagomal")]


def test_a_sentence_glued_to_a_url_is_cut_off():
    text = "Felanmälan görs på bostadsbolaget.se/felanmalan.Hälsningar Anna"
    urls = [f.value for f in scan(text) if f.kind in ("website", "web_form")]
    assert urls == ["bostadsbolaget.se/felanmalan"]


def test_a_table_age_column_does_not_hide_the_number_below_it():
    text = "Avdelning\nÅlder\nMobil\nSnäckan\n1–3 år\n0709-48 22 61\n\nBankgiro\n5050-1055"
    phones_found = [f.value for f in scan(text) if f.kind == "phone"]
    assert phones_found == ["0709-48 22 61"]


def test_postcode_and_town_in_footers_and_after_a_postal_label():
    for text, value in (
        ("Postadress: 404 82 Göteborg\n", "404 82 Göteborg"),
        ("Göteborgs Stad · 404 82 Göteborg · 031-365 00 00", "404 82 Göteborg"),
        (
            "City of Gothenburg, SE-404 82 Gothenburg, Sweden · Switchboard",
            "SE-404 82 Gothenburg, Sweden",
        ),
        (
            "med post till Stadsbyggnadskontoret, Box 2554, 40317 GÖTEBORG. Ange",
            "Box 2554, 40317 GÖTEBORG",
        ),
    ):
        assert found(text)[("postal_address", value)][0] == "function"
    assert not any("address" in k for k, _ in found("Vi flyttar till 412 58 Göteborg i maj."))


def test_a_number_before_opening_hours_in_brackets():
    assert found("Klubbens mobil 0700-55 12 83 (14.00–18.00)")[("phone", "0700-55 12 83")][0] == (
        "function"
    )


def test_a_unit_name_followed_by_a_count_is_no_street_address():
    assert not any(
        "address" in k for k, _ in found("Förskolan Ängen 3 avdelningar har plats i höst.")
    )
    assert not any("address" in k for k, _ in found("Matchen på Heden Vallen 2 gånger."))
