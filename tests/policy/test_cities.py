import json
import subprocess
import sys
from pathlib import Path

import pytest

from serviceguiden.policy import load_profile, scan
from serviceguiden.policy.cities import (
    city_of_page,
    city_profile,
    find_municipality,
    municipalities,
    profile_for_domain,
)
from serviceguiden.policy.known import Known
from serviceguiden.policy.profile import ProfileError, read_toml, with_base
from serviceguiden.policy.profile_check import check_profile

CHECK = [sys.executable, "-m", "serviceguiden.cli", "check"]
LUND_PAGE = (
    "<html><body><h2>Kontakt</h2><p>Bygglovshandläggare Karin Holm, 046-359 81 02, "
    '<a href="mailto:karin.holm@lund.se">karin.holm@lund.se</a></p>'
    '<p>Läs mer på <a href="https://www.lund.se/bygglov">lund.se</a></p></body></html>'
)


def labels(findings):
    return {(f.kind, f.label) for f in findings if f.kind in ("person_name", "phone", "email")}


def test_there_are_290_municipalities_with_unique_slugs_and_domains():
    rows = municipalities()
    assert len(rows) == 290
    assert len({m.slug for m in rows}) == 290
    domains = [d for m in rows for d in m.domains]
    assert len(domains) == len(set(domains))


@pytest.mark.parametrize(
    "name,slug",
    [
        ("lund", "lund"),
        ("Lunds kommun", "lund"),
        ("Göteborgs Stad", "goteborg"),
        ("Malmö stad", "malmo"),
        ("Upplands Väsby", "upplands-vasby"),
        ("Region Gotland", "gotland"),
        ("Håbo", "habo"),
        ("habokommun", "habokommun"),
    ],
)
def test_a_municipality_is_found_by_name_or_slug(name, slug):
    assert find_municipality(name).slug == slug


def test_every_municipality_profile_loads_and_is_valid():
    for municipality in municipalities():
        profile = city_profile(municipality.slug)
        assert profile.own_domains and profile.area_code.startswith("0")
        assert {"112", "1177", "11414"} <= {n.digits for n in profile.national_numbers}


def test_the_shipped_profiles_have_no_problems():
    directory = Path(load_profile().source).parent
    for name in ("goteborg.toml", "example-kungalv.toml"):
        assert check_profile(with_base(read_toml(directory / name))) == []


def test_an_unknown_city_is_refused_with_a_hint():
    with pytest.raises(ProfileError, match="no Swedish municipality"):
        city_profile("Atlantis")


def test_the_validator_names_every_problem():
    problems = check_profile(
        {
            "city": {"name": "X", "area_code": "31", "website": "https://x.se",
                     "domains": ["https://x.se/"]},
            "contact_center": {"phones": ["031-1"]},
            "external_actors": [{"name": "Y", "domains": ["x.se"]}],
            "national_numbers": [{"number": "031-112", "purpose_sv": "a", "purpose_en": "b"}],
            "colours": {},
        }
    )  # fmt: skip
    text = "\n".join(problems)
    for part in ("area_code", "'https://x.se/' is not a domain", "031-1", "national_numbers",
                 "unknown table(s) colours"):  # fmt: skip
        assert part in text


def test_the_gothenburg_city_group_is_known():
    profile = load_profile()
    for domain in ("bostadsbolaget.se", "goteborgenergi.se", "portofgothenburg.com",
                   "gotevent.se", "boplats.se", "poseidon.goteborg.se", "gryaab.se"):  # fmt: skip
        assert profile.company_for_domain(domain) is not None, domain


def test_a_page_is_read_with_its_own_municipalitys_profile():
    assert city_of_page(LUND_PAGE).slug == "lund"
    lund = profile_for_domain("www.lund.se")
    assert lund.name == "Lunds kommun"
    found = scan(LUND_PAGE, lund)
    assert labels(found) == {("person_name", "personal"), ("phone", "personal"),
                             ("email", "personal")}  # fmt: skip
    # Read as a Gothenburg page, Lund's official is an outsider.
    assert ("email", "external") in labels(scan(LUND_PAGE, load_profile()))


def test_check_with_city_labels_lunds_officials_personal(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(LUND_PAGE, encoding="utf-8")
    for extra in (["--city", "lund"], []):  # named, or found from the page's domain
        result = subprocess.run([*CHECK, *extra, "--format", "json", str(page)],
                                capture_output=True, text=True, check=False)  # fmt: skip
        (document,) = json.loads(result.stdout)["documents"]
        assert document["city"] == "lund"
        found = {(f["kind"], f["label"]) for f in document["findings"]}
        assert ("email", "personal") in found and ("phone", "personal") in found
        assert not any(f["label"] == "external" for f in document["findings"])


def test_city_words_come_from_the_profile():
    text = "Kontakt: Lunds kommun, Karin Holm, 046-359 81 02"
    assert ("person_name", "personal") in labels(scan(text, city_profile("lund")))


def test_a_registry_channel_is_never_personal_and_personal_details_get_its_function():
    registry = {
        "organisations": [
            {"key": "sbk", "name": "Stadsbyggnadskontoret", "kind": "administration"}
        ],
        "functions": [
            {"key": "bygglov", "organisation": "sbk", "name": "Bygglov", "status": "published",
             "channels": [{"kind": "email", "value": "bygglov@sbk.goteborg.se"},
                          {"kind": "phone", "value": "031-368 15 00"}]},
        ],
    }  # fmt: skip
    known = Known.from_export(registry)
    text = "Frågor om bygglov? Kontakt: Karin Berg, 031-368 15 00, karin.berg@sbk.goteborg.se"
    plain = {f.value: f for f in scan(text)}
    assert plain["031-368 15 00"].label == "personal"
    found = {f.value: f for f in scan(text, known=known)}
    assert found["031-368 15 00"].label == "function"
    assert "registry: function 'Bygglov'" in found["031-368 15 00"].evidence
    assert found["karin.berg@sbk.goteborg.se"].label == "personal"
    assert "funktionen Bygglov" in found["karin.berg@sbk.goteborg.se"].fix


def test_a_registry_company_is_a_city_company():
    from serviceguiden.policy.profile import Organisation

    known = Known(companies=(Organisation("Nytt Bolag", domains=("nyttbolag.se",)),))
    profile = load_profile()
    assert [f.label for f in scan("Mejla info@nyttbolag.se", profile)] == ["external"]
    assert [f.label for f in scan("Mejla info@nyttbolag.se", profile, known=known)] == [
        "city_company"
    ]


def test_another_municipalitys_general_contact_is_recognised_by_its_presentation():
    text = (
        "Kontaktcenter: 0980-755 00\nkontaktcenter@kiruna.se\n\n"
        "Gatuenheten 0980-701 23, gata@kiruna.se"
    )
    found = {f.value: f.label for f in scan(text, city_profile("kiruna"))}
    assert found["0980-755 00"] == "contact_center"
    assert found["kontaktcenter@kiruna.se"] == "contact_center"
    assert found["0980-701 23"] == "function"


def test_local_numbers_of_a_series_shown_on_the_page_are_found():
    text = (
        "Växel 046-359 50 00.\n\n- Kart- och mätenheten 359 52 10\n- Bygglov 359 56 40\n"
        "Budget 359 000 kronor, 12 34 56 besökare."
    )
    found = [(f.value, f.normalized) for f in scan(text, city_profile("lund"))]
    assert ("359 52 10", "0463595210") in found and ("359 56 40", "0463595640") in found
    assert all("kronor" not in v and v != "12 34 56" for v, _ in found)


def test_names_listed_under_a_contact_heading_are_contacts():
    text = (
        "Kontakt – handläggare per område\n\nSkriv handläggarens namn i ämnesraden.\n\n"
        "Hisingen\n\nAmir Haddad – Torslanda\nLina Ek Johansson – Backa, Tuve\n\n"
        "Nyheter\n\nEva Berg och Olle Lind invigde parken."
    )
    names = {f.value for f in scan(text) if f.kind == "person_name"}
    assert names == {"Amir Haddad", "Lina Ek Johansson"}


def test_a_number_placed_only_by_the_area_code_belongs_to_the_organisation_named_before_it():
    from serviceguiden.policy.cities import city_profile

    text = (
        "Skolskjutsarna körs av Mälardalens Buss & Taxi AB: trafikledningen 021-44 77 00.\n"
        "Bygglovsenheten nås på 021-39 17 40.\n"
    )
    found = {f.value: f.label for f in scan(text, city_profile("vasteras")) if f.kind == "phone"}
    assert found == {"021-44 77 00": "external", "021-39 17 40": "function"}
