from serviceguiden.policy import scan


def rules_of(text, fmt="text"):
    return {(f.kind, f.value): (f.label, f.rule) for f in scan(text, fmt=fmt)}


def names_in(text):
    return [(f.value, f.label) for f in scan(text, fmt="text") if f.kind == "person_name"]


def test_name_presented_as_contact():
    assert names_in("Kontakt: Karin Holmberg, handläggare, 031-368 12 34") == [
        ("Karin Holmberg", "personal")
    ]
    assert names_in("Vid frågor, kontakta Ali Hassan på bygglov@sbk.goteborg.se.") == [
        ("Ali Hassan", "personal")
    ]


def test_name_line_above_phone_line_and_its_number_are_personal():
    text = (
        "Kontaktuppgifter\nLinnea Kjellgren\n- Telefon 031-368 44 21\n- E-post sbk@sbk.goteborg.se"
    )
    found = {(f.kind, f.value): f.label for f in scan(text, fmt="text")}
    assert found[("person_name", "Linnea Kjellgren")] == "personal"
    assert found[("phone", "031-368 44 21")] == "personal"
    assert found[("email", "sbk@sbk.goteborg.se")] == "function"


def test_quoted_speakers_and_photo_credits_are_not_contacts():
    text = (
        "– Vi är nöjda med utfallet, säger Maria Lundqvist, enhetschef.\n"
        "Foto: Per Lindahl\n"
        "Enligt Jonas Ek är arbetet klart."
    )
    assert names_in(text) == []


def test_person_at_city_company_and_at_external_organisation():
    text = (
        "Frågor: Sara Olsson, pressansvarig Göteborg Energi, 070-466 12 34\n\n"
        "Entreprenörens kontaktperson: Mats Berglund, telefon 0703-94 11 22\n\n"
        "Trafikkontorets byggledare: Eva Strand, telefon 0733-11 22 33"
    )
    found = {(f.kind, f.value): f.label for f in scan(text, fmt="text")}
    # P3 applies to persons whoever employs them: the company is named in the rule
    assert rules_of(text)[("person_name", "Sara Olsson")] == ("personal", "P3-city-company-person")
    assert rules_of(text)[("phone", "070-466 12 34")] == ("personal", "P3-city-company-person")
    assert found[("person_name", "Mats Berglund")] == "external"
    assert found[("phone", "0703-94 11 22")] == "external"
    assert found[("person_name", "Eva Strand")] == "personal"
    assert found[("phone", "0733-11 22 33")] == "personal"


def test_name_glued_to_title_is_cut_at_the_capital():
    text = "Kontakter\nLena SundinProjektledare på Göteborg & Co\nTel: 031-368 57 19"
    assert names_in(text) == [("Lena Sundin", "personal")]
    assert rules_of(text)[("person_name", "Lena Sundin")][1] == "P3-city-company-person"


def test_personnummer_is_masked_in_output():
    text = "Ange personnummer 19850312-1231 i ansökan."
    (finding,) = [f for f in scan(text, fmt="text") if f.kind == "personnummer"]
    assert finding.rule == "P3-personnummer"
    assert "1231" not in finding.value and finding.value.startswith("19850312-")
    assert finding.end - finding.start == len("19850312-1231")


def test_surname_first_names_in_staff_lists():
    found = {(f.kind, f.value): f.label for f in scan("Kontakt: Lindgren, Sofia, 031-368 22 10")}
    assert found[("person_name", "Lindgren, Sofia")] == "personal"
    assert found[("phone", "031-368 22 10")] == "personal"


def test_street_names_are_not_people():
    text = "Kontakt: besök oss på Karl Johansgatan 23 eller Gustaf Adolfs torg 4, 031-365 00 00"
    assert names_in(text) == []


def test_name_missing_from_lists_is_found_through_its_address():
    text = "Anmälan till bibliotekarie Lejla Hodžić, lejla.hodzic@kultur.goteborg.se"
    assert names_in(text) == [("Lejla Hodžić", "personal")]


def test_personnummer_in_every_written_form():
    for written in ["811218-9876", "811218+9876", "19811218-9876", "198112189876", "811218 - 9876"]:
        found = [f for f in scan(f"Sökande {written} i ärendet", fmt="text")]
        assert [f.kind for f in found] == ["personnummer"], written
        assert found[0].value.endswith("****")


def test_english_quotes_are_not_contacts_but_the_contact_line_is():
    text = (
        '"We want more students to stay," says Omar Haddad, project manager.\n\n'
        "Contact: Omar Haddad, omar.haddad@goteborg.se"
    )
    found = [(f.value, f.start) for f in scan(text, fmt="text") if f.kind == "person_name"]
    assert found == [("Omar Haddad", text.rindex("Omar Haddad"))]


def labels(text, fmt="text"):
    return {(f.kind, f.value): f.label for f in scan(text, fmt=fmt)}


def test_direct_number_under_a_name_in_a_definition_list_is_personal():
    html = (
        "<dl>\n  <dt>Telefon</dt><dd>031-367 10 10</dd>\n  <dt>Ansvarig</dt><dd>Holm, Petra</dd>\n"
        "  <dt>Direkt</dt><dd>031-367 10 17</dd>\n</dl>"
    )
    found = labels(html, "html")
    assert found[("phone", "031-367 10 10")] == "function"
    assert found[("phone", "031-367 10 17")] == "personal"


def test_name_in_brackets_after_a_number_owns_it():
    found = labels("Mobil: 0739-21 44 80 (Jonas Wikström, vaktmästare)\nTfn: 031-367 55 00")
    assert found[("phone", "0739-21 44 80")] == "personal"
    assert found[("phone", "031-367 55 00")] == "function"


def test_person_at_a_company_the_text_names_with_its_legal_form_is_external():
    text = (
        "Arbetet utförs av Markteknik i Norr AB.\n"
        "Frågor: Markteknik, platschef Dragan Ilić, 0761-12 34 56\n"
        "Trafikkontoret, handläggare Elin Berg, 031-368 22 10"
    )
    found = labels(text)
    assert found[("person_name", "Dragan Ilić")] == "external"
    assert found[("phone", "0761-12 34 56")] == "external"
    assert found[("person_name", "Elin Berg")] == "personal"


def test_person_under_a_city_company_paragraph_belongs_to_it_unless_a_city_detail_says_not():
    text = (
        "Göteborg Energi byter fjärrvärmeledningar på Aprilgatan under hösten, med start i v. 35.\n"
        "Pressfrågor: Malin Ek, 0702-55 11 90\n\n"
        "Göteborg Energi och staden samarbetar.\n"
        "Stadsområde Nordost, samordnare Tove Ahl: tove.ahl@socialforvaltning.goteborg.se"
    )
    found = labels(text)
    assert rules_of(text)[("person_name", "Malin Ek")] == ("personal", "P3-city-company-person")
    assert rules_of(text)[("phone", "0702-55 11 90")] == ("personal", "P3-city-company-person")
    assert found[("person_name", "Tove Ahl")] == "personal"


def test_first_names_of_other_origins_count_as_written_only():
    assert names_in("Kontakt: Bilal Hussein, samhällsvägledare, 031-366 39 12") == [
        ("Bilal Hussein", "personal")
    ]
    assert names_in("Kontakt: Jasna Hodžić, 031-366 39 13") == [("Jasna Hodžić", "personal")]
    # 'Från' folds to the Croatian name 'Fran': written with its å it is the word, not a name.
    assert names_in("Kontakt\nFrån Göteborg Centrum, 031-366 39 14") == []


def test_a_name_that_begins_like_a_district_is_a_name_in_an_address():
    found = labels("Linnea Wästerlund: linnea.wasterlund@socialforvaltning.goteborg.se")
    assert found[("email", "linnea.wasterlund@socialforvaltning.goteborg.se")] == "personal"


def test_a_city_series_number_after_a_city_company_name_is_the_company_s():
    found = labels(
        "Göteborg & Co:s turistinformation: 031-368 42 00, info@goteborg.com.\n"
        "Trafikkontoret: 031-368 08 00"
    )
    assert found[("phone", "031-368 42 00")] == "city_company"
    assert found[("phone", "031-368 08 00")] == "function"


def test_a_staff_list_line_shaped_like_its_neighbours_names_a_person_missing_from_the_lists():
    text = (
        "Samhällsvägledare på medborgarkontoret:\n"
        "Karin Holmberg (svenska, engelska), 031-366 39 12\n"
        "Oksana Kovalenko (ukrainska, ryska), 031-366 39 15\n"
        "Förskolan Ängen (svenska), 031-366 39 16\n"
    )
    found = labels(text)
    assert found[("person_name", "Oksana Kovalenko")] == "personal"
    assert found[("phone", "031-366 39 15")] == "personal"
    assert ("person_name", "Förskolan Ängen") not in found
    assert found[("phone", "031-366 39 16")] == "function"


def test_a_function_mailbox_does_not_make_a_unit_name_a_person():
    text = "Förskolan Berg: forskolan.berg@forskola.goteborg.se, 031-367 12 00"
    assert names_in(text) == []


def test_names_the_lists_lack_after_a_contact_cue_or_a_job_title():
    text = (
        "Kontaktperson: Oksana Kovalenko, 031-366 39 15\n\n"
        "Entreprenör: Vägbyggarna, arbetsledare Dragoljub Petrović, 0768-40 12 77\n\n"
        "Kontakt: Frölunda Kulturhus, 031-366 00 00"
    )
    assert names_in(text) == [("Oksana Kovalenko", "personal"), ("Dragoljub Petrović", "external")]


def test_flattened_staff_table_with_surname_first_names():
    text = (
        "Namn Befattning Telefon\n"
        "Mohammadi, Farid Enhetschef 031-366 92 10 Kowalczyk, Agata Socialsekreterare "
        "031-366 92 14 Nguyen, Van Minh Budget- och skuldrådgivare 031-366 92 22 "
        "Mottagningen (tidsbokning) 031-366 92 00"
    )
    found = labels(text)
    people_found = sorted(v for (k, v) in found if k == "person_name")
    assert people_found == ["Kowalczyk, Agata", "Mohammadi, Farid", "Nguyen, Van Minh"]
    assert found[("phone", "031-366 92 14")] == "personal"
    assert found[("phone", "031-366 92 00")] == "function"


def test_glued_label_after_a_number_is_cut_from_the_address():
    text = "PlanarkitektTelefon031-368 14 92E-postmirela.kovac@sbk.goteborg.se"
    emails_found = [f.value for f in scan(text, fmt="text") if f.kind == "email"]
    assert emails_found == ["mirela.kovac@sbk.goteborg.se"]


def test_personnummer_written_without_a_dash_is_found_and_masked():
    text = (
        "Sökande: Vesna M., pnr 19861105 9810\nMedsökande: Senad M. 8611059810\n"
        "Ring 0701234567 vid frågor. Faktura 2304151000, publicerad 20240315 0804."
    )
    found = [(f.kind, f.value) for f in scan(text, fmt="text")]
    assert [k for k, _ in found].count("personnummer") == 2  # not the invoice nor the date
    assert ("phone", "0701234567") in found  # a mobile without separators stays a phone


def test_publisher_byline_is_not_a_contact_but_the_editor_with_a_number_is():
    text = (
        "Ansvarig utgivare: Åke Strömberg, stadsbyggnadsdirektör\n"
        "Redaktör: Sara Lindqvist, 031-368 04 12"
    )
    assert names_in(text) == [("Sara Lindqvist", "personal")]


def test_member_of_an_association_named_in_the_genitive_is_external():
    text = "Föreningens ordförande Sirpa Lahti nås på 0739-04 51 66."
    found = labels(text)
    assert found[("person_name", "Sirpa Lahti")] == "external"
    assert found[("phone", "0739-04 51 66")] == "external"


def test_three_part_local_part_without_function_words_is_personal():
    assert (
        labels("E-post: dang.thu.hoa@vuxenutbildning.goteborg.se")[
            ("email", "dang.thu.hoa@vuxenutbildning.goteborg.se")
        ]
        == "personal"
    )
    assert (
        labels("E-post: vera.traffpunkt@aldrevardomsorg.goteborg.se")[
            ("email", "vera.traffpunkt@aldrevardomsorg.goteborg.se")
        ]
        == "function"
    )


def test_names_the_lists_lack_shown_with_a_job_title_before_or_after():
    text = (
        "Skolledning\nRektor Emira Hadžić · 031-367 93 01\n\n"
        "Kontaktpersoner: Tiago Ferraz Lund, verksamhetsutvecklare, tfn 031-367 82 45\n\n"
        "| Hosseini Daryoush | Projektledare | 031-368 25 61 |\n\n"
        "ExploateringsingenjörRavi Shankar IyerTelefon031-368 11 07\n\n"
        "Rektor Skolan Centrum, 031-367 00 00"
    )
    found = labels(text)
    for name, phone in (
        ("Emira Hadžić", "031-367 93 01"),
        ("Tiago Ferraz Lund", "031-367 82 45"),
        ("Hosseini Daryoush", "031-368 25 61"),
        ("Ravi Shankar Iyer", "031-368 11 07"),
    ):
        assert found[("person_name", name)] == "personal"
        assert found[("phone", phone)] == "personal"
    assert found[("phone", "031-367 00 00")] == "function"
    assert not any(k == "person_name" and "Skolan" in v for k, v in found)


def test_a_signature_owns_both_numbers_on_its_line_and_a_quoted_sender_keeps_their_label():
    text = (
        "Vänliga hälsningar\nMahsa Jafarzadeh\nSocialsekreterare, barn och unga\n"
        "Direkt: 031-366 71 83 | Mobil: 0761-52 09 46\n"
        "-----Ursprungligt meddelande-----\n"
        "Från: Björn Sahlin <bjorn.sahlin@forsakringskassan.se>\n\n"
        "Hälsningar Björn Sahlin, handläggare"
    )
    found = labels(text)
    assert found[("phone", "031-366 71 83")] == "personal"
    assert found[("phone", "0761-52 09 46")] == "personal"
    assert found[("person_name", "Björn Sahlin")] == "external"
    assert [f.label for f in scan(text) if f.value == "Björn Sahlin"] == ["external", "external"]


def test_english_contact_person_with_an_honorific_and_a_two_word_title():
    found = labels("Contact person: Ms Dang Thu Hoa, study counsellor, 031-366 81 47")
    assert found[("person_name", "Dang Thu Hoa")] == "personal"
    assert found[("phone", "031-366 81 47")] == "personal"


def test_an_association_named_in_the_heading_above_makes_its_officer_external():
    text = (
        "Eritreanska föräldraföreningen Hadnet\nSekreterare Senait Gebrehiwet, 0734-77 20 91\n\n"
        "Föreningsutvecklare Filmon Tesfay, filmon.tesfay@socialforvaltning.goteborg.se"
    )
    found = labels(text)
    assert found[("person_name", "Senait Gebrehiwet")] == "external"
    assert found[("phone", "0734-77 20 91")] == "external"
    assert found[("person_name", "Filmon Tesfay")] == "personal"


def test_a_district_after_a_title_is_not_a_person():
    assert names_in("Samordnare Västra Hisingen: 031-366 00 00") == []


def test_contact_block_one_paragraph_a_line_owns_its_number():
    html = (
        "<p>För mer information, kontakta</p><p>Bongiwe Dlamini</p>"
        "<p>Presschef, Renova</p><p>0709-14 33 81</p>"
    )
    found = rules_of(html, "html")
    assert found[("person_name", "Bongiwe Dlamini")] == ("personal", "P3-city-company-person")
    assert found[("phone", "0709-14 33 81")] == ("personal", "P3-city-company-person")


def test_capitals_surname_first_staff_list():
    text = (
        "Namn Titel Telefon\nÖZTÜRK-BERG Selma Enhetschef 031-366 84 70 "
        "PHAM Thanh Hoa Boendestödjare 0767-21 40 93 ABDI NUUR, Hodan Administratör 031-366 84 77"
    )
    assert sorted(v for v, _ in names_in(text)) == [
        "ABDI NUUR, Hodan",
        "PHAM Thanh Hoa",
        "ÖZTÜRK-BERG Selma",
    ]


def test_a_unit_named_after_someone_and_a_label_after_a_name_are_not_people():
    text = (
        "Förskolan Hedda Vinge, 031-365 47 00\n\nKontakt: Björn-Ivar Thoresen Telefon 031-368 30 21"
    )
    assert names_in(text) == [("Björn-Ivar Thoresen", "personal")]


def test_a_vcard_names_its_person_and_owns_its_numbers_an_organisation_card_does_not():
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nN:Okafor;Adanna;;;\nFN:Adanna Okafor\n"
        "ORG:Göteborgs Stad;Stadsmiljöförvaltningen\nTEL;TYPE=WORK,VOICE:+46313682718\n"
        "TEL;TYPE=CELL:+46 73-591 44 08\nEND:VCARD\n\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Kulturskolan Göteborg\nTEL;TYPE=WORK:031-367 65 00\n"
        "END:VCARD\n\n"
        "BEGIN:VCARD\nN:Sobieski;Marek\nFN:Marek Sobieski\nEMAIL:marek.sobieski@vgregion.se\n"
        "END:VCARD"
    )
    found = labels(text)
    assert found[("person_name", "Okafor;Adanna")] == "personal"
    assert found[("person_name", "Adanna Okafor")] == "personal"
    assert found[("phone", "+46313682718")] == "personal"
    assert found[("phone", "+46 73-591 44 08")] == "personal"
    assert found[("phone", "031-367 65 00")] == "function"
    assert found[("person_name", "Sobieski;Marek")] == "external"
    assert ("person_name", "Kulturskolan Göteborg") not in found


def test_a_mobile_beside_an_organisation_s_address_is_theirs_but_not_beside_a_free_mailbox():
    found = labels(
        "Returtorget Ekonomisk Förening\n\ninfo@returtorget.coop · 0735-60 22 05\n\n"
        "Loppis: gbg.loppis@outlook.com, 0721-889 331"
    )
    assert found[("phone", "0735-60 22 05")] == "external"
    assert found[("phone", "0721-889 331")] == "unknown"


def test_surname_first_names_and_initials_in_table_cells():
    text = (
        "| Område | Handläggare | Telefon |\n|---|---|---|\n"
        "| Centrum | Wikander Ruiz, Paula | 031-368 13 41 |\n"
        "| Backa | Nwosu, Obi | 031-368 13 65 |\n"
        "| Tuve | Ekholm, C-J | 031-368 13 60 |\n"
        "| Kärra | A.-K. Brunnström | 031-368 13 61 |\n"
        "| Backa, Tuve | 031-368 13 00 |\n"
    )
    found = labels(text, "markdown")
    for name in ("Wikander Ruiz, Paula", "Nwosu, Obi", "Ekholm, C-J", "A.-K. Brunnström"):
        assert found[("person_name", name)] == "personal"
    assert found[("phone", "031-368 13 65")] == "personal"
    assert ("person_name", "Backa, Tuve") not in found


def test_a_name_alone_in_its_paragraph_reaches_the_detail_paragraphs_below():
    html = "<p>Jorge Salinas Ek</p><p>Projektledare, kulturförvaltningen</p><p>031-367 90 44</p>"
    found = labels(html, "html")
    assert found[("person_name", "Jorge Salinas Ek")] == "personal"
    assert found[("phone", "031-367 90 44")] == "personal"


def test_page_reviewer_line_is_a_byline():
    text = "Granskad 2025-05-20 av Ewa Dąbrowska, webbredaktör\n\nKontaktcenter 031-365 00 00"
    assert names_in(text) == []


def test_names_the_lists_lack_found_through_initial_forms_of_their_address():
    text = (
        "Kontakta samordnaren för intag, Ingvor Strand-Oyelade, 0722 48 05 63, "
        "i.strand-oyelade@funktionsstod.goteborg.se.\n\n"
        "Medlemsföretag kan vända sig till Tesfai Gebrekiros, tesfai.g@vastraforetagsringen.se."
    )
    found = labels(text)
    assert found[("person_name", "Ingvor Strand-Oyelade")] == "personal"
    assert found[("phone", "0722 48 05 63")] == "personal"
    assert found[("person_name", "Tesfai Gebrekiros")] == "external"


def test_club_union_and_board_members_are_external():
    text = (
        "Ruddalens Hockeyskola – ansvarig Dragan Milić, 0707-43 19 60\n\n"
        "Arrangör: IF Bergsjö Stjärnor, ledare Kofi Mensah, 070 514 83 26\n\n"
        "Styrelsen\nOrdförande: Shukri Samatar, 070-381 26 54"
    )
    found = labels(text)
    for name in ("Dragan Milić", "Kofi Mensah", "Shukri Samatar"):
        assert found[("person_name", name)] == "external"


def test_surname_first_with_a_known_first_name_and_in_line_layouts():
    text = (
        "Handläggare för eldstäder\n"
        " Rautio, Sanna-Kaisa (Hisingen, Centrum) – 031-368 38 47\n"
        " Mbeki, Sipho (Nordost, Sydväst) – 031-368 38 49\n"
        "Enhetschef Aydemir, Deniz – 031 366 52 01\n"
        "Sökande: Hadžiomer, Emina 19540923-9802"
    )
    found = sorted(v for v, _ in names_in(text))
    assert found == ["Aydemir, Deniz", "Hadžiomer, Emina", "Mbeki, Sipho", "Rautio, Sanna-Kaisa"]


def test_a_given_name_the_lists_lack_before_a_known_name_belongs_to_it():
    text = (
        "Biträdande enhetschef Faisal Osman Jama, 031-366 90 54.\n\n"
        "Eleven Elsa Marklund, personnummer 850412-9829, har gått i årskurs 9."
    )
    found = [v for v, _ in names_in(text)]
    assert "Faisal Osman Jama" in found
    assert "Elsa Marklund" in found and "Eleven Elsa Marklund" not in found


def test_initial_and_surname_a_signature_and_a_table_row_name():
    text = (
        "Handläggare: M. Szczepanek, tfn 031-367 36 27.\n\n"
        "Med vänlig hälsning\nPeder Hallberg\nEnhetschef, Detaljplan Hisingen\n\n"
        "| Kompassen | 031-366 71 30 | Liv Tangen Abrahamsson |\n"
    )
    found = [v for v, _ in names_in(text)]
    assert found == ["M. Szczepanek", "Peder Hallberg", "Liv Tangen Abrahamsson"]


def test_a_board_listed_under_its_heading_is_external_but_a_sentence_paragraph_is_not():
    text = (
        "Styrelsen\n\nOrdförande: Shukri Samatar, 070-381 26 54\n"
        " Odlingsansvarig: Ilija Stanić, 0735-90 47 12\n\n"
        "Things to do with children: Göteborg & Co\n\n"
        "Questions about this page? Page editor Emma-Lotta Grönberg, 031-365 10 10."
    )
    found = labels(text)
    assert found[("person_name", "Shukri Samatar")] == "external"
    assert found[("person_name", "Ilija Stanić")] == "external"
    assert found[("person_name", "Emma-Lotta Grönberg")] == "personal"


def test_review_regressions_detail_labels_company_words_amounts():
    # An 'e-post' label between a person's number and address is no function row.
    found = labels("Kontakt: Anna Berg, mobil 0701-23 45 67, e-post anna.berg@foretaget.se")
    assert found[("person_name", "Anna Berg")] == "external"
    # A company's first word at a sentence start does not make a city employee external.
    found = labels(
        "Bygget utförs av Nya Lokaler AB under hösten.\n\nNya regler gäller från 1 maj. "
        "Kontakt: Anna Berg, 031-368 10 00, anna.berg@goteborg.se"
    )
    assert found[("person_name", "Anna Berg")] == "personal"
    # Amounts written in thousands are not short numbers.
    for text in ("Budget: 1 177 234,50 kr för året.", "Totalt 112 123,5 ton avfall."):
        assert [f for f in scan(text) if f.kind == "phone"] == []


def test_review_regressions_titles_cards_capitals_and_line_breaks():
    # A surname ending in an English title word is a surname.
    assert names_in("Kontakt: Anna Whitehead, 031-368 10 00") == [("Anna Whitehead", "personal")]
    # A vCard without END:VCARD ends at the blank line; details below are not its person's.
    text = (
        "BEGIN:VCARD\nFN:Anna Bergström\nTEL:0701-23 45 68\n\n"
        "Förskolans kontor: 031-368 20 00\n\nMobil: 0702-11 22 33"
    )
    found = labels(text)
    assert found[("phone", "0701-23 45 68")] == "personal"
    assert found[("phone", "031-368 20 00")] == "function"
    # Capitals: text glued on is cut, an address written half in capitals is not.
    emails_found = [
        f.value
        for f in scan("MejlaÖSTRA@GOTEBORG.SE och anna.SVENSSON@GOTEBORG.SE")
        if f.kind == "email"
    ]
    assert emails_found == ["ÖSTRA@GOTEBORG.SE", "anna.SVENSSON@GOTEBORG.SE"]
    # A name never spans a line break.
    assert names_in("Qwerty \nAnna Berg, 031-123 45 67") == [("Anna Berg", "external")]
    # Automated senders are functions.
    assert (
        labels("Svara inte: do.not.reply@goteborg.se")[("email", "do.not.reply@goteborg.se")]
        == "function"
    )


def test_area_lists_under_a_case_officer_heading_name_contacts():
    text = (
        "Handläggare per område\n\nHar du ett ärende, ange diarienumret.\n\n"
        "Norra distriktet (Kvarnby, Hallen): Oskar Lindqvist och Yusra Abdi\n"
        "Södra distriktet: Maria Sjöholm\n"
        "Landsbygden: Emil Grönvall\n\n"
        "Ansök i e-tjänsten."
    )
    names = {f.value: f.label for f in scan(text) if f.kind == "person_name"}
    assert names == dict.fromkeys(
        ["Oskar Lindqvist", "Yusra Abdi", "Maria Sjöholm", "Emil Grönvall"], "personal"
    )


def test_sibling_lists_under_sub_headings_of_a_contact_heading():
    text = (
        "Kontakt – handläggare per stadsdel\n\nSkriv handläggarens namn i ämnesraden.\n\n"
        "Norr\n\nAnna Berg – Backa, Tuve\nJonas Ek – Kärra\n\n"
        "Öster\n\nWenjing Zhou – Angered, Gunnilse\nPetra Holm – Bergsjön\n\n"
        "Väster, söder och öarna\n\nKarin af Ugglas – Askim\nChidi Okafor – Styrsö\n\n"
        "Nyheter\n\nEva Berg och Olle Lind invigde parken."
    )
    names = {f.value for f in scan(text) if f.kind == "person_name"}
    assert names == {
        "Anna Berg", "Jonas Ek", "Wenjing Zhou", "Petra Holm", "Karin af Ugglas", "Chidi Okafor",
    }  # fmt: skip


def test_a_name_joined_to_a_contact_by_och_is_a_contact():
    text = "Kontakt\nHandläggare för gymnasiet: Roya Ahmadi och Mattias Ekholm\n"
    names = {f.value for f in scan(text) if f.kind == "person_name"}
    assert names == {"Roya Ahmadi", "Mattias Ekholm"}


def test_the_name_column_of_a_table_holds_contacts_but_not_groups():
    text = (
        "## Styrgrupp\n\n| Roll | Namn | Organisation |\n|---|---|---|\n"
        "| Ordförande | Britt Lundmark | Kommunstyrelsen |\n"
        "| Ledamot | Nkechi Obi | Stadsbyggnad |\n"
        "| Fältarbete | Fältgruppen | 070-237 11 22 |\n\n"
        "| Dag | Plats |\n|---|---|\n| Måndag | Stora Torget |\n"
    )
    names = {f.value for f in scan(text, fmt="markdown") if f.kind == "person_name"}
    assert names == {"Britt Lundmark", "Nkechi Obi"}


def test_english_detail_labels_under_a_name_make_the_number_the_person_s():
    text = "Media contacts\n\nMaja Lindholm\nPress officer\nMobile: +46 (0)73 422 18 06\n"
    assert rules_of(text)[("phone", "+46 (0)73 422 18 06")][0] == "personal"


def test_a_number_reached_via_a_function_is_not_the_person_s():
    text = "Kontakt: Patrik Lund, vd, nås via pressjouren 031-368 45 99\n"
    found = rules_of(text)
    assert found[("person_name", "Patrik Lund")][0] == "personal"
    assert found[("phone", "031-368 45 99")][0] != "personal"


def test_empty_slots_of_a_staff_block_end_the_person_s_details():
    text = (
        "Specialpedagog\nLars-Göran Hed\n–\n–\nFritids Myrstacken\nAvdelningen\n070-216 33 41\n–\n"
    )
    assert rules_of(text)[("phone", "070-216 33 41")][0] != "personal"


def test_a_job_title_in_capitals_before_a_capitals_surname_is_not_part_of_the_name():
    text = "HEMTJÄNST NORR ENHETSCHEF BJÖRKLUND, Annika tel 021-39 44 18\n"
    names = [f.value for f in scan(text) if f.kind == "person_name"]
    assert names == ["BJÖRKLUND, Annika"]


def test_an_attendee_list_name_is_a_mention_when_the_page_presents_the_contact_elsewhere():
    text = (
        "Övriga närvarande\nPernilla Stålberg, förvaltningsdirektör\n"
        "Linnea Carlberg Saeed, nämndsekreterare\n\n§ 31 Bidrag\n\nNämnden beslutar.\n\n"
        "Frågor om protokollet besvaras av nämndsekreterare Linnea Carlberg Saeed, "
        "telefon 031-367 42 18, linnea.carlberg.saeed@goteborg.se.\n"
    )
    names = [(f.value, f.start) for f in scan(text) if f.kind == "person_name"]
    assert names == [("Linnea Carlberg Saeed", text.rindex("Linnea Carlberg Saeed"))]
