"""Search (`publishing.search`): Swedish stems, compounds split and joined, several words
ranked by how many and how rare, the exact topic first, numbers the city profile knows; and
the demo registry answering the everyday queries that used to find nothing."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.hashers import make_password

from serviceguiden.directory.demo import loader
from serviceguiden.publishing import store
from serviceguiden.publishing.publish import publish_all
from serviceguiden.publishing.search import match, query_words, read_query, search, stem


def entry(name, synonyms=(), text="", kind="topic", slug=None):
    slug = slug or name.lower().replace(" ", "-").translate(str.maketrans("åäö", "aao"))
    return {"kind": kind, "slug": slug, "name": name, "synonyms": list(synonyms), "text": text}


@pytest.fixture
def index():
    """Write search entries into the published store, as `publish` does."""

    def write(*entries):
        store.write(store.SEARCH_PATH, json.dumps(list(entries), ensure_ascii=False).encode())

    return write


def slugs(query, **kwargs):
    return [hit.slug for hit in search(query, **kwargs)]


def test_the_snowball_stemmer_and_the_definite_forms_it_leaves():
    assert stem("bygglovet") == stem("bygglov")
    assert stem("förskolan") == stem("förskola")  # Snowball keeps "-an"
    assert stem("soptunnan") == stem("soptunna")


def test_one_unknown_word_no_longer_empties_the_result(index):
    index(entry("Hemtjänst", ["hemhjälp"]), entry("Äldreboende"), entry("Simhall", ["badhus"]))
    assert slugs("hemtjänst ansöka") == ["hemtjanst"]
    assert slugs("äldreboende plats")[0] == "aldreboende"
    assert slugs("badhus öppettider") == ["simhall"]


def test_entries_matching_more_of_the_words_rank_higher(index):
    index(
        entry("Bygglov för altan", ["altan"]),
        entry("Bygglov för tillbyggnad"),
        entry("Altanbelysning", slug="belysning"),
    )
    assert slugs("bygglov altan")[0] == "bygglov-for-altan"


def test_rare_words_weigh_more_than_common_ones(index):
    common = [entry(f"Stöd {n}", text="stöd göteborg", slug=f"stod-{n}") for n in range(30)]
    index(*common, entry("Skuldrådgivning", text="stöd", slug="skuld"))
    assert slugs("stöd skuldrådgivning")[0] == "skuld"


def test_a_rare_word_that_is_a_whole_synonym_beats_a_common_word_in_a_longer_name(index):
    others = [entry(f"Tjänst {n}", slug=f"tjanst-{n}") for n in range(10)]
    index(
        *others,
        entry("Simhall", ["simskola", "badhus"]),
        entry("Oro för ett barn i Nordost", slug="oro"),
        entry("Stöd för barn och unga", slug="stod"),
    )
    assert slugs("simskola barn")[0] == "simhall"
    assert slugs("barn")[:2] == ["oro", "stod"]  # the name still finds its entries


def test_two_words_that_make_a_known_compound_are_joined(index):
    index(entry("Bygglov"), entry("Bygga altan"), entry("Lov och ledighet", slug="lov"))
    terms = read_query("bygg lov", _index())
    assert [t.readings[0].parts for t in terms] == [(stem("bygglov"),)]
    assert slugs("bygg lov")[0] == "bygglov"


def test_two_known_words_are_not_joined_into_the_first_with_an_ending(index):
    index(entry("Skadedjur", ["rats"]), entry("Polisanmälan", ["report a crime"], slug="polis"))
    terms = read_query("report a rat", _index())
    assert [t.readings[0].parts for t in terms] == [(stem("report"),), (stem("rat"),)]
    assert slugs("report a rat")[0] == "skadedjur"


def test_an_unknown_compound_is_split_into_known_parts(index):
    index(
        entry("Kontrollavgift för parkering", ["böter"], slug="p-bot"),
        entry("Boendeparkering"),
        entry("Förskola"),
    )
    assert slugs("parkeringsböter")[0] == "p-bot"
    assert slugs("betala parkeringsböter")[0] == "p-bot"


def test_a_word_finds_the_compounds_it_is_part_of(index):
    index(entry("Bygglov", ["bygga"]), entry("Förskoleplats"), entry("Altanbygge"))
    assert slugs("lov") == ["bygglov"]  # the last part, after a known word
    assert slugs("altan") == ["altanbygge"]  # the first part
    assert slugs("förskola") == ["forskoleplats"]


def test_a_short_stem_is_the_end_of_a_compound_only_after_a_known_word(index):
    index(
        entry("Personlig assistans", slug="assistans"),
        entry("Familjehem", ["familj"]),
        entry("Fosterhem"),
        entry("Trafiktillstånd"),
    )
    assert slugs("son") == []  # `per` is no word: `person` is not per + son
    assert slugs("hem") == ["familjehem"]  # `familj` + linking e + `hem`; `foster` unknown
    assert slugs("tillstånd") == ["trafiktillstand"]  # five letters or more: any compound


def test_the_exact_topic_comes_first(index):
    index(
        entry("Avgift för förskola", ["maxtaxa"]),
        entry("Förskoleplats", ["förskola", "dagis"]),
        entry("Byta förskola"),
    )
    assert slugs("förskola")[0] == "forskoleplats"  # named so by a synonym
    assert slugs("förskolan")[0] == "forskoleplats"  # in any form
    assert slugs("forskolan")[0] == "forskoleplats"  # typed without marks
    assert slugs("avgift för förskola")[0] == "avgift-for-forskola"  # by its name


def test_typos_and_missing_marks_are_forgiven(index):
    index(entry("Förskoleplats"), entry("Bygga altan", ["altan"]), entry("Stora nöjen"))
    assert slugs("forskoleplats") == ["forskoleplats"]
    assert slugs("alltan") == ["bygga-altan"]  # a typo the stemmer would spoil
    assert slugs("bygga alltan")[0] == "bygga-altan"


def test_a_word_typed_with_marks_means_them(index):
    index(entry("Köpa tomt"), entry("Förskola"))
    assert slugs("tömt") == []  # "soptunnan är inte tömt" asks for no plot of land
    assert slugs("tomt") == ["kopa-tomt"]
    assert slugs("forskola") == ["forskola"]  # typed without marks: forgiven


def test_a_word_the_index_knows_is_no_typo(index):
    index(entry("Larm för äldre", slug="larm"), entry("SOS Alarm", slug="sos"), entry("Bygglov"))
    assert slugs("alarm") == ["sos"]  # not `larm` as well
    assert slugs("bygglof") == ["bygglov"]  # an unknown word is forgiven its typo


def test_the_quick_one_typo_test_agrees_with_the_distance():
    from itertools import product

    from serviceguiden.publishing.search import _one_typo_apart, distance

    for n in range(1, 5):
        for a, b in product(product("abc", repeat=n), repeat=2):
            assert _one_typo_apart(a, b) == (distance("".join(a), "".join(b), 1) <= 1), (a, b)


def test_nonsense_finds_nothing(index):
    index(entry("Bygglov"), entry("Förskoleplats"))
    assert slugs("hundbajs") == []
    assert slugs("qqqqqq") == []
    assert slugs("och att i") == []  # only little words


def test_kinds_filter_the_results(index):
    index(entry("Bygglov"), entry("Bygglov", kind="function"))
    assert [h.kind for h in search("bygglov", kinds=("function",))] == ["function"]
    assert [h.kind for h in search("bygglov")] == ["topic", "function"]  # a topic first on a tie


def test_a_number_the_city_profile_knows_finds_whose_it_is(index):
    index(
        entry("SOS Alarm", text="Larmnumret vid nödsituationer.", kind="external_actor",
              slug="sos-alarm"),
        entry("Polisen", kind="external_actor"),
        entry("Bygglov"),
    )  # fmt: skip
    assert slugs("112")[0] == "sos-alarm"
    assert slugs("114 14") == ["polisen"]
    assert slugs("555") == []


def test_a_verb_finds_the_noun_made_of_it(index):
    index(
        entry("Kontrollavgift", ["felparkering"]),
        entry("Felanmälan gator och parker", slug="felanmalan"),
        entry("Parkeringstillstånd"),
    )
    assert slugs("felparkerad")[0] == "kontrollavgift"  # `felparker` + `ing`
    [term] = read_query("felparkerad", _index())
    assert [r.parts for r in term.readings] == [(stem("felparkerad"),)]  # known: not split
    assert match(stem("ploga"), stem("plogning")) > match(stem("ploga"), stem("plogbil"))


def test_little_words_are_left_out_also_typed_without_marks(index):
    index(entry("Lämna synpunkter", ["klaga"]), entry("Pa-tillstånd", slug="pa"))
    assert slugs("klaga pa staden") == ["lamna-synpunkter"]  # `pa` is `på`, not a word
    assert slugs("nar far jag klaga") == ["lamna-synpunkter"]


def test_helping_verbs_pronouns_and_contractions_are_little_words(index):
    index(
        entry("Bli familjehem", ["kontaktfamilj"]),
        entry("Lämna grovavfall", ["soffa"]),
        entry("Självmordstankar"),
        entry("Hemtjänst", ["klarar sig inte hemma"]),
    )
    assert slugs("bli av med soffa") == ["lamna-grovavfall"]  # `bli` is no foster home
    assert slugs("blivit av med soffan")[0] == "lamna-grovavfall"
    assert slugs("pappa klarar sig inte själv") == ["hemtjanst"]  # `själv…` is no suicide
    assert query_words("can't pay the rent") == ["pay", "rent"]
    assert query_words("cant pay rent") == ["pay", "rent"]


def test_vowel_changing_plurals_find_their_word(index):
    index(
        entry("Lånekort", ["låna en bok"]),
        entry("Hjälp med städning", slug="stadning"),
        entry("Bo i staden", slug="stad"),
    )
    assert slugs("böcker") == ["lanekort"]
    assert slugs("städer")[0] == "stad"  # the whole form is read as its word


def test_english_forms_the_swedish_stemmer_leaves_find_their_word(index):
    index(
        entry("Skolkurator", ["bullying"], slug="kurator"),
        entry("Sophämtning", ["bin emptying"], slug="sopor"),
        entry("Bullerklagomål", slug="buller"),
    )
    assert slugs("bullied")[0] == "kurator"  # `bullied` and `bullying` are both `bulli`
    assert slugs("bin not emptied")[0] == "sopor"
    [term] = read_query("bullerklagomål", _index())
    assert [r.parts for r in term.readings] == [(stem("bullerklagomål"),)]  # known: as it is


def test_no_water_is_not_water(index):
    index(
        entry("Vattenläcka", ["inget vatten i kranen"]),
        entry("Faktura för vatten och avlopp"),
        entry("Vattenmätare"),
    )
    assert slugs("inget vatten")[0] == "vattenlacka"
    scores = {hit.slug: hit.score for hit in search("vatten")}
    assert scores["vattenlacka"] <= scores["vattenmatare"]  # "inget vatten" lifts it no higher


def test_words_that_only_ask_for_a_number_or_hours_do_not_steer(index):
    index(
        entry("Boendeparkering"),
        entry("Lånekort", text="bibliotek"),
        entry("Simhall"),
        entry("Frågor om kommunen", ["ring oss"], slug="kommunen"),
    )
    assert slugs("ringa biblioteket") == ["lanekort"]  # not `ring` in `parkering` or "ring oss"
    assert slugs("simhall öppettider telefonnummer") == ["simhall"]
    assert slugs("ringa") == ["kommunen"]  # alone, the word is still searched


def test_a_four_letter_stem_is_not_forgiven_a_typo(index):
    index(entry("Akut hjälp på kvällen", slug="kvall"), entry("Fälla träd", slug="trad"))
    assert slugs("källaren") == []  # `käll` is one letter from `kväll` and from `fäll`
    assert slugs("kvällen") == ["kvall"]


def test_a_compound_whose_first_part_is_unknown_is_read_as_its_last_part(index):
    index(entry("Kundservice vatten", slug="vatten"), entry("Vattenläcka", ["läcka"]))
    assert slugs("dricksvatten")[0] == "vatten"
    assert slugs("kackerlackor") == []  # `lack` is only `läck` without its marks


def test_a_split_needs_one_part_that_is_a_word_of_its_own(index):
    index(entry("Akut hjälp på kvällen", slug="kvall"), entry("Universitet", slug="uni"))
    assert slugs("kvalitet") == []  # not `kväll…` + `…itet`


def test_a_number_in_a_longer_query_finds_whose_it_is(index):
    index(
        entry("1177 Vårdguiden", kind="external_actor", slug="1177-vardguiden"),
        entry("Boendeparkering"),
    )
    assert slugs("ringa 1177") == ["1177-vardguiden"]
    assert slugs("ring 1177 nu") == ["1177-vardguiden"]


def test_a_hyphenated_word_is_one_word(index):
    index(
        entry("Arbetslös", ["a-kassa"], slug="arbetslos"),
        entry("Pass", ["passkontor"]),
        entry("Hjälp med e-tjänster", slug="etjanst"),
        entry("Kassa", slug="kassa"),
    )
    assert slugs("a-kassa")[0] == "arbetslos"  # not `a` (a little word) and `kassa`
    assert slugs("akassa")[0] == "arbetslos"
    assert slugs("tjänster")[0] == "etjanst"  # the parts are still words of the entry
    assert slugs("e-tjänst")[0] == "etjanst"


def test_a_short_word_typed_without_marks_is_a_weaker_match(index):
    index(
        entry("Förskoleplats", ["förskola"], slug="forskoleplats"),
        *(entry(f"Förskola {n}", slug=f"forskola-{n}") for n in range(2)),
        *(entry(f"Tjänst {n}", slug=f"tjanst-{n}") for n in range(10)),
        entry("Våld i nära relation", slug="vald"),
    )
    # `nara` may be `när`, `nära` or `når`; `forskola` can only be `förskola`
    found = slugs("forskola nara mig")
    assert found.index("forskoleplats") < found.index("vald")
    assert slugs("nara relation")[0] == "vald"  # still found when nothing else is


def test_an_organisation_ranks_below_its_unit_that_matches_alike(index):
    index(
        entry("Kretslopp och vatten", kind="organisation", slug="org"),
        entry("Kundservice Kretslopp och vatten", text="Vatten och avfall",
              kind="function", slug="kundservice"),
        entry("Vattenmätare"),
    )
    assert slugs("vattnet")[0] == "kundservice"
    assert slugs("kretslopp och vatten")[0] == "org"  # its exact name still finds it first


def test_the_unit_that_answers_several_of_the_first_hits_is_shown_with_them(index):
    index(
        entry("Bygglov för altan", ["building permit for a deck"], slug="altan"),
        entry("Bygglov för tillbyggnad", ["building permit for an extension"], slug="till"),
        entry("Nybyggnadskarta", ["site map for a building permit"], slug="karta"),
        entry("Bygglov", text="Ansök om bygglov", kind="function", slug="bygglov"),
        entry("Kartor", kind="function", slug="kartor"),
    )
    store.write(store.SEARCH_PATH, json.dumps([
        {**e, "function": "bygglov" if e["slug"] in ("altan", "till") else
         "kartor" if e["slug"] == "karta" else None}
        for e in json.loads(store.read(store.SEARCH_PATH).data)
    ]).encode())  # fmt: skip
    found = slugs("building permit")
    assert "bygglov" in found[:3]  # the unit a citizen contacts, with the topics it answers
    assert found[0] in ("altan", "till")


def test_nothing_published_yet_finds_nothing(db):
    assert search("bygglov") == []


def _index():
    from serviceguiden.publishing.search import _prepared

    artifact = store.read(store.SEARCH_PATH)
    return _prepared(artifact.etag, artifact.data)


@pytest.fixture
def demo(db, monkeypatch, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    monkeypatch.setattr(loader, "make_password", lambda _raw: make_password(None))
    report = loader.load_demo()
    assert report.ok, report.problems
    publish_all()


# The everyday queries issue 14 found empty or badly ranked, and what each is for.
DEMO_QUERIES = [
    ("sopor", "sophamtning"),
    ("soptunna", "sophamtning"),
    ("bygg lov", "bygglov"),
    ("betala parkeringsböter", "kontrollavgift-for-parkering"),
    ("parkeringsböter", "kontrollavgift-for-parkering"),
    ("skilsmässa", "vardnad-boende-och-umgange"),
    ("hemtjänst ansöka", "hemtjanst"),
    ("äldreboende plats", "aldreboende"),
    ("badhus öppettider", "simhall"),
    ("klaga på staden", "lamna-synpunkter-till-staden"),
    ("112", "sos-alarm"),
]


def top_three_misses(queries) -> list[tuple[str, list[str]]]:
    """The (query, top three) of every query whose wanted slug is not in its top three."""
    found = {query: slugs(query)[:3] for query, _wanted in queries}
    return [(query, found[query]) for query, wanted in queries if wanted not in found[query]]


def test_the_demo_answers_the_everyday_queries_that_found_nothing(demo):
    assert top_three_misses(DEMO_QUERIES) == []


def test_the_demo_ranks_the_preschool_place_above_its_fee(demo):
    found = slugs("förskola")
    assert found[0] == "forskoleplats"
    assert found.index("forskoleplats") < found.index("avgift-for-forskola")


# Everyday words a city's editor adds to its topics (session 10, after blind3's misses): the
# demo answers them with the topic a visitor needs, in Swedish and in English.
DEMO_EVERYDAY = [
    ("slänga soffan", "lamna-grovavfall"),
    ("gamla möbler", "lamna-grovavfall"),
    ("old sofa", "lamna-grovavfall"),
    ("gammal färg", "farligt-avfall"),
    ("matavfallspåse", "sophamtning"),
    ("hasch", "missbruk"),
    ("cannabis", "missbruk"),
    ("mäta radon", "radon-i-bostaden"),
    ("konsert i parken", "evenemang-i-park"),
    ("kontaktperson", "insatser-enligt-lss"),
    ("simkurs", "simhall"),
    ("rent", "ekonomiskt-bistand"),
    # session 10, after blind4's misses: whole families of words, not the set's own strings
    ("sluta supa", "missbruk"),
    ("dricker för mycket", "missbruk"),
    ("bedrägeri på nätet", "reklamera-en-vara"),
    ("köpt trasig tv", "reklamera-en-vara"),
    ("p-piller", "sjukvardsradgivning"),
    ("frisörsalong anmälan", "halsoskydd"),
    ("alzheimers", "hemtjanst"),
    ("tap water", "dricksvattnets-kvalitet"),
    ("akassa", "arbetslos"),
    ("inkasso", "skulder-och-budget"),
    ("just moved to gothenburg", "fragor-om-kommunen"),
    # session 11: a kommun's tasks area by area (probes written with the data, no blind set's)
    ("hundpark", "hundrastgardar"),
    ("ansöka om uteservering", "uteservering"),
    ("gamla bygglovsritningar", "ritningar-till-ditt-hus"),
    ("installera braskamin", "eldstad-och-skorsten"),
    ("trafikljuset fungerar inte", "trasig-trafiksignal-eller-skylt"),
    ("elsparkcyklar på trottoaren", "elsparkcyklar"),
    ("var kan jag ladda min elbil", "ladda-elbil"),
    ("vad kostar äldreboende", "avgift-for-hemtjanst-och-aldreboende"),
    ("vab", "barnbidrag-och-vard-av-sjukt-barn"),
    ("misskött hund", "djur-som-far-illa"),
    ("e-förslag", "lamna-synpunkter-till-staden"),
    ("var går gränsen för min tomt", "fastighetsbildning"),
    ("duvor på balkongen", "skadedjur-i-bostaden"),
    ("my car was towed", "flyttad-eller-bortbogserad-bil"),
]


def test_the_demo_knows_the_everyday_words_of_its_topics(demo):
    assert top_three_misses(DEMO_EVERYDAY) == []


def test_no_one_is_no_ending_of_every_noun(index):
    index(
        entry("Stöd för barn och unga", ["ingen att prata med"], slug="bris"),
        entry("Parkering", ["boendeparkering"]),
        entry("Strömavbrott", ["ingen ström"]),
    )
    assert stem("ingen") == stem("inget") == stem("inga") == "ingen"  # not `ing`
    assert "parkering" not in slugs("ingen att prata med")
    assert slugs("ingen ström")[0] == "stromavbrott"


def test_one_slip_in_a_long_word_outweighs_a_common_word(index):
    index(
        entry("Hemtjänst", ["hjälp i hemmet"]),
        entry("Avgift för förskola", slug="avgift"),
        *(entry(f"Tjänst {n}", slug=f"tjanst-{n}") for n in range(20)),
    )
    # as rare as `avgift`, and in a name of one word, `hemtjänts` is surely `hemtjänst`
    assert slugs("avgift hemtjänts")[0] == "hemtjanst"
    assert match(stem("hemtjänts"), stem("hemtjänst")) > match(stem("alltan"), stem("altan"))


def test_a_word_of_when_does_not_carry_an_entry_on_its_own(index):
    index(
        entry("Buller från grannar", ["buller", "störande ljud"], slug="buller"),
        entry("Barnomsorg på kvällar och helger", ["nattis", "nattomsorg"], slug="nattis"),
        entry("Bygglov"),
    )
    assert slugs("byggbuller på natten")[0] == "buller"  # noise at night, not night care
    assert slugs("barnomsorg på natten")[0] == "nattis"  # the same word still helps its topic
    assert slugs("nattis")[0] == "nattis"


def test_a_district_does_not_outweigh_the_thing_asked_for(index):
    index(
        entry("Parker och natur", text="Parker, lekplatser och hundrastgårdar", kind="function",
              slug="parker"),
        entry("Ekonomiskt bistånd Hisingen", kind="function", slug="bistand-hisingen"),
        entry("Familjebehandling Hisingen", kind="function", slug="familj-hisingen"),
    )  # fmt: skip
    assert slugs("hundrastgård hisingen")[0] == "parker"  # the district is where, not what
    assert slugs("ekonomiskt bistånd hisingen")[0] == "bistand-hisingen"
    assert slugs("hisingen")[0] in ("bistand-hisingen", "familj-hisingen")


def test_the_unit_behind_the_first_topic_comes_with_it_when_it_names_the_rare_word(index):
    others = [entry(f"Tjänst {n}", slug=f"tjanst-{n}") for n in range(100)]
    index(
        *others,
        *(entry(f"Ansökan {n}", ["ansökan"], slug=f"ansokan-{n}") for n in range(3)),
        entry("Uteservering", ["servering utomhus"], slug="uteservering"),
        entry("Trafiktillstånd", text="Grävtillstånd och uteserveringar på gatan",
              kind="function", slug="trafiktillstand"),
        entry("Förskoleplats", ["ansöka om förskola"], slug="forskoleplats"),
    )  # fmt: skip
    store.write(store.SEARCH_PATH, json.dumps([
        {**e, "function": "trafiktillstand" if e["slug"] == "uteservering" else None}
        for e in json.loads(store.read(store.SEARCH_PATH).data)
    ]).encode())  # fmt: skip
    found = slugs("uteservering ansökan")
    assert found[:2] == ["uteservering", "trafiktillstand"]  # the topic and its unit
    assert slugs("ansökan")[0].startswith("ansokan")  # a common word moves no unit up


def test_the_unit_behind_the_clear_answer_comes_second(index):
    index(
        entry("Hundparker", ["hundrastgård"], slug="hundrastgardar"),
        entry("Parker och natur", text="Parker och lekplatser", kind="function", slug="parker"),
        entry("Hundbajs", text="i en hundpark", slug="hundbajs"),  # found too, less well
        entry("Lekplatser", ["park"], slug="lekplatser"),
    )
    store.write(store.SEARCH_PATH, json.dumps([
        {**e, "function": "parker" if e["slug"] == "hundrastgardar" else None}
        for e in json.loads(store.read(store.SEARCH_PATH).data)
    ]).encode())  # fmt: skip
    found = slugs("hundpark")
    assert found[:2] == ["hundrastgardar", "parker"]  # the unit, though it matched no word
    assert "hundbajs" in found
    assert "parker" not in slugs("hundpark", kinds=("topic",))


def test_the_unit_moved_up_pushes_out_a_hit_without_the_rare_word_not_one_with_it(index):
    index(
        *(entry(f"Tjänst {n}", text="barn skola" if n < 3 else "", slug=f"tjanst-{n}")
          for n in range(200)),
        entry("Byta förskola", ["byta", "barn"], slug="byta-forskola"),
        entry("Kulturskolan", ["skola", "barn"], slug="kulturskolan"),
        entry("Välja grundskola", ["byta skola"], slug="valja-grundskola"),
        entry("Förskoleantagning", text="Plats, uppsägning och byte", kind="function",
              slug="forskoleantagning"),
    )  # fmt: skip
    store.write(store.SEARCH_PATH, json.dumps([
        {**e, "function": "forskoleantagning" if e["slug"] == "byta-forskola" else None}
        for e in json.loads(store.read(store.SEARCH_PATH).data)
    ]).encode())  # fmt: skip
    # `byta`, the rarest word, finds the first topic, its unit and "Välja grundskola": the
    # unit comes second and "Kulturskolan" (no `byta`) leaves the first three, not the other
    assert slugs("byta skola barn")[:3] == ["byta-forskola", "forskoleantagning",
                                            "valja-grundskola"]  # fmt: skip


def test_a_little_word_without_its_marks_is_kept_when_it_is_a_word_of_its_own(index):
    """`väl` and `får` are little words; typed without marks they are `val` (an election)
    and `far` (a father), which people search for."""
    index(
        entry("Rösta i valet", ["val", "valet"], slug="val"),
        entry("Faderskap", ["far", "pappa"]),
        entry("Altan", ["bygga altan"]),
    )
    assert slugs("val") == ["val"]
    assert slugs("far")[0] == "faderskap"
    assert query_words("får jag bygga altan") == ["bygga", "altan"]  # still little, marked
    assert query_words("väl") == []


def test_a_synonym_said_in_full_comes_first_with_its_words_asking_for_a_number(index):
    """Words asking for a way to reach someone (`telefonnummer`, `contact`) are left out of
    what a query is about, yet a name or synonym made with them, typed in full, is exact."""
    index(
        entry("Frågor om kommunen", ["stadens telefonnummer"], slug="fragor"),
        entry("Stadsmuseet", ["museum i staden"]),
        entry("Stadsarkivet", ["stadens arkiv"]),
        entry("Personlig assistans", ["assistans för en person"], slug="assistans"),
        entry("Insatser enligt LSS", ["contact person"], slug="lss"),
    )
    assert slugs("stadens telefonnummer")[0] == "fragor"
    assert slugs("contact person")[0] == "lss"


def test_every_name_and_synonym_of_every_demo_topic_finds_it_in_the_top_three(demo):
    """Over the whole demo registry (its English words are synonyms too): what an editor
    wrote as a topic's name or synonym is what a visitor typing it finds."""
    from serviceguiden.directory.models import Topic

    wanted = [
        (said, topic.slug)
        for topic in Topic.objects.all()
        for said in [topic.name, *topic.synonyms]
        if said
    ]
    assert len(wanted) > 2000
    assert top_three_misses(wanted) == []


def test_a_place_is_a_district_or_the_citys_name_as_written_not_a_stem_or_kommun(db):
    """Where words count for less beside what is asked; `back` (of Backa), `maj` (of Majorna)
    and the `kommun` of "Göteborgs kommun" say nothing about where."""
    from serviceguiden.publishing.search import is_context

    assert all(is_context(w) for w in ["hisingen", "Majorna", "backa", "göteborgs", "natten"])
    assert not any(is_context(w) for w in ["back", "maj", "kommun", "city", "stad", "bygglov"])
