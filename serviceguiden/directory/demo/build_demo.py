# ruff: noqa: E501  (the data tables below read best one entry per line)
"""Build the Gothenburg-shaped demo registry (`goteborg.json`) and the bad-import sample
(`bad-import.json`) in the export format. Run once after changing the data below:

    .venv/bin/python -m serviceguiden.directory.demo.build_demo

Administrations and companies carry their real names; mailboxes and numbers are invented
but plausible (function mailboxes on the city's domains, numbers in the city's 031-365 …
031-369 series); the contact center has its real public number, 031-365 00 00. No real
person appears anywhere. `tests/directory/test_demo.py` checks that every demo value passes
every rule and that the bad sample breaks every rule.
"""

from __future__ import annotations

import json
from pathlib import Path

from serviceguiden.policy import load_profile

HERE = Path(__file__).resolve().parent
GENERATED_ON = "2026-11-28T12:00:00+00:00"

# Weekly schedules and exceptions, in the stored hours format (see hours.py).
HOLIDAYS_CLOSED = [
    {"holiday": "public_holidays", "closed": True},
    {"holiday": "midsommarafton", "closed": True},
    {"holiday": "julafton", "closed": True},
    {"holiday": "nyarsafton", "closed": True},
]
EVE_SHORT = [
    {"holiday": "trettondagsafton", "opens": "08:00", "closes": "13:00"},
    {"holiday": "skartorsdagen", "opens": "08:00", "closes": "13:00"},
    {"holiday": "valborgsmassoafton", "opens": "08:00", "closes": "13:00"},
]
HOURS = {
    "office": {
        "weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:30"}],
        "exceptions": HOLIDAYS_CLOSED,
    },
    "short_friday": {
        "weekly": [
            {"days": "mon-thu", "opens": "08:00", "closes": "16:00"},
            {"days": "fri", "opens": "08:00", "closes": "15:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED + EVE_SHORT,
    },
    "phone_lunch": {
        "weekly": [
            {"days": "mon-fri", "opens": "09:00", "closes": "12:00"},
            {"days": "mon-thu", "opens": "13:00", "closes": "15:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED,
    },
    "phone_mornings": {
        "weekly": [{"days": "mon-fri", "opens": "08:30", "closes": "11:30"}],
        "exceptions": HOLIDAYS_CLOSED,
    },
    "contact_center": {
        "weekly": [
            {"days": "mon-thu", "opens": "08:00", "closes": "18:00"},
            {"days": "fri", "opens": "08:00", "closes": "16:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED
        + [{"date": "2026-12-23", "opens": "08:00", "closes": "15:00"}],
    },
    "visit": {
        "weekly": [
            {"days": "mon-thu", "opens": "10:00", "closes": "16:00"},
            {"days": "fri", "opens": "10:00", "closes": "14:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED,
    },
    "library": {
        "weekly": [
            {"days": "mon-thu", "opens": "10:00", "closes": "19:00"},
            {"days": "fri", "opens": "10:00", "closes": "18:00"},
            {"days": "sat-sun", "opens": "11:00", "closes": "16:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED,
    },
    "around_the_clock": {"weekly": [{"days": "mon-sun", "opens": "00:00", "closes": "24:00"}]},
    "recycling": {
        "weekly": [
            {"days": "mon-thu", "opens": "10:00", "closes": "19:00"},
            {"days": "sat-sun", "opens": "09:00", "closes": "16:00"},
        ],
        "exceptions": HOLIDAYS_CLOSED + [{"holiday": "paskafton", "closed": True}],
    },
}

# (key, name, kind, general mailbox, website path, own domains, parent)
ORGANISATIONS = [
    ("konsument-och-medborgarservice", "Förvaltningen för konsument- och medborgarservice",
     "contact_center", "konsumentochmedborgarservice@kom.goteborg.se", "/kontakt", []),
    ("stadsledningskontoret", "Stadsledningskontoret", "administration",
     "stadsledningskontoret@stadshuset.goteborg.se", "/stadsledningskontoret", []),
    ("stadsbyggnadskontoret", "Stadsbyggnadskontoret", "administration",
     "stadsbyggnadskontoret@sbk.goteborg.se", "/stadsbyggnadskontoret", []),
    ("fastighetskontoret", "Fastighetskontoret", "administration",
     "fastighetskontoret@fastighet.goteborg.se", "/fastighetskontoret", []),
    ("stadsmiljoforvaltningen", "Stadsmiljöförvaltningen", "administration",
     "stadsmiljoforvaltningen@stadsmiljo.goteborg.se", "/stadsmiljo", []),
    ("miljoforvaltningen", "Miljöförvaltningen", "administration",
     "miljoforvaltningen@miljo.goteborg.se", "/miljo", []),
    ("kretslopp-och-vatten", "Kretslopp och vatten", "administration",
     "kretsloppochvatten@kretslopp.goteborg.se", "/kretsloppochvatten", []),
    ("kulturforvaltningen", "Kulturförvaltningen", "administration",
     "kulturforvaltningen@kultur.goteborg.se", "/kultur", []),
    ("idrotts-och-foreningsforvaltningen", "Idrotts- och föreningsförvaltningen",
     "administration", "idrottochforening@idrottochforening.goteborg.se", "/idrott", []),
    ("forskoleforvaltningen", "Förskoleförvaltningen", "administration",
     "forskoleforvaltningen@forskola.goteborg.se", "/forskola", []),
    ("grundskoleforvaltningen", "Grundskoleförvaltningen", "administration",
     "grundskoleforvaltningen@grundskola.goteborg.se", "/grundskola", []),
    ("utbildningsforvaltningen", "Utbildningsförvaltningen", "administration",
     "utbildningsforvaltningen@educ.goteborg.se", "/gymnasium", []),
    ("aldre-samt-vard-och-omsorgsforvaltningen", "Äldre samt vård- och omsorgsförvaltningen",
     "administration", "aldrevardomsorg@aldrevardomsorg.goteborg.se", "/aldreomsorg", []),
    ("socialforvaltningen-centrum", "Socialförvaltningen Centrum", "administration",
     "socialforvaltningen.centrum@socialcentrum.goteborg.se", "/socialcentrum", []),
    ("socialforvaltningen-hisingen", "Socialförvaltningen Hisingen", "administration",
     "socialforvaltningen.hisingen@socialhisingen.goteborg.se", "/socialhisingen", []),
    ("socialforvaltningen-nordost", "Socialförvaltningen Nordost", "administration",
     "socialforvaltningen.nordost@socialnordost.goteborg.se", "/socialnordost", []),
    ("socialforvaltningen-sydvast", "Socialförvaltningen Sydväst", "administration",
     "socialforvaltningen.sydvast@socialsydvast.goteborg.se", "/socialsydvast", []),
    ("funktionsstodsforvaltningen", "Funktionsstödsförvaltningen", "administration",
     "funktionsstod@funktionsstod.goteborg.se", "/funktionsstod", []),
    ("arbetsmarknad-och-vuxenutbildning", "Arbetsmarknads- och vuxenutbildningsförvaltningen",
     "administration", "arbetsmarknadochvuxenutbildning@av.goteborg.se", "/vuxenutbildning", []),
    ("goteborg-energi", "Göteborg Energi", "company", "kundservice@goteborgenergi.se",
     "https://www.goteborgenergi.se", ["goteborgenergi.se"]),
    ("renova", "Renova", "company", "kundservice@renova.se", "https://www.renova.se",
     ["renova.se"]),
    ("bostadsbolaget", "Bostadsbolaget", "company", "kundcenter@bostadsbolaget.se",
     "https://www.bostadsbolaget.se", ["bostadsbolaget.se"]),
    ("familjebostader", "Familjebostäder", "company", "kundcenter@familjebostader.com",
     "https://www.familjebostader.com", ["familjebostader.com"]),
    ("parkering-goteborg", "Parkering Göteborg", "company", "kundservice@parkeringgoteborg.se",
     "https://www.parkeringgoteborg.se", ["parkeringgoteborg.se"]),
    ("boplats-goteborg", "Boplats Göteborg", "company", "kundservice@boplats.se",
     "https://www.boplats.se", ["boplats.se"]),
]  # fmt: skip

ORG_SERIES = {  # the city number block each organisation's functions use
    "konsument-och-medborgarservice": "031-365 0",
    "stadsledningskontoret": "031-365 1",
    "stadsbyggnadskontoret": "031-368 1",
    "fastighetskontoret": "031-368 2",
    "stadsmiljoforvaltningen": "031-365 3",
    "miljoforvaltningen": "031-368 3",
    "kretslopp-och-vatten": "031-368 4",
    "kulturforvaltningen": "031-367 1",
    "idrotts-och-foreningsforvaltningen": "031-367 2",
    "forskoleforvaltningen": "031-366 1",
    "grundskoleforvaltningen": "031-366 2",
    "utbildningsforvaltningen": "031-366 3",
    "aldre-samt-vard-och-omsorgsforvaltningen": "031-369 1",
    "socialforvaltningen-centrum": "031-369 2",
    "socialforvaltningen-hisingen": "031-369 3",
    "socialforvaltningen-nordost": "031-369 4",
    "socialforvaltningen-sydvast": "031-369 5",
    "funktionsstodsforvaltningen": "031-369 6",
    "arbetsmarknad-och-vuxenutbildning": "031-367 3",
}

ADDRESSES = {
    "konsument-och-medborgarservice": "Kungsgatan 57, 411 15 Göteborg",
    "stadsbyggnadskontoret": "Köpmansgatan 20, 411 13 Göteborg",
    "fastighetskontoret": "Köpmansgatan 20, 411 13 Göteborg",
    "stadsmiljoforvaltningen": "Köpmansgatan 20, 411 13 Göteborg",
    "miljoforvaltningen": "Karl Johansgatan 23, 414 59 Göteborg",
    "kretslopp-och-vatten": "Box 123, 424 23 Angered",
    "kulturforvaltningen": "Götaplatsen 3, 412 56 Göteborg",
    "idrotts-och-foreningsforvaltningen": "Valhallagatan 3, 412 51 Göteborg",
    "socialforvaltningen-centrum": "Box 5150, 402 26 Göteborg",
    "socialforvaltningen-hisingen": "Wieselgrensplatsen 2, 417 17 Göteborg",
    "socialforvaltningen-nordost": "Angereds torg 5, 424 65 Angered",
    "socialforvaltningen-sydvast": "Frölunda torg 4, 421 42 Västra Frölunda",
    "arbetsmarknad-och-vuxenutbildning": "Box 1075, 405 22 Göteborg",
}

# Functions per organisation: (key, name, mailbox, has phone, hours, extras, description)
# extras: a set of "visit", "post", "eservice:<path>", "chat", "sms", "text_phone", "sign".
F = [
    ("konsument-och-medborgarservice", [
        ("kontaktcenter", "Kontaktcenter", "goteborg@goteborg.se", "contact_center",
         {"chat", "text_phone", "sign"}, "Stadens första kontakt för frågor om alla verksamheter."),
        ("konsumentradgivning", "Konsumentrådgivning", "konsument@kom.goteborg.se", "phone_lunch",
         {"eservice:/konsument/fraga"}, "Råd före och efter köp, reklamationer, köp på nätet, avtal och när du blivit lurad."),
        ("budget-och-skuldradgivning", "Budget- och skuldrådgivning", "skuldradgivning@kom.goteborg.se",
         "phone_mornings", {"eservice:/skuldradgivning/boka"}, "Stöd för hushåll med skulder."),
        ("medborgarkontor-angered", "Medborgarkontor Angered", "medborgarkontor.angered@kom.goteborg.se",
         "office", {"visit:Angereds torg 9, 424 65 Angered"}, "Hjälp med e-tjänster och blanketter."),
        ("overformyndare", "Överförmyndare", "overformyndare@kom.goteborg.se", "phone_lunch",
         {"post", "eservice:/overformyndare/arsrakning"}, "Tillsyn över gode män och förvaltare."),
        ("tolkformedling", "Tolkförmedling", "tolkformedling@kom.goteborg.se", "office",
         {"eservice:/tolk/bestall"}, "Beställning av tolk till stadens verksamheter."),
        ("vigslar", "Borgerliga vigslar", "vigsel@kom.goteborg.se", "office",
         {"eservice:/vigsel/boka"}, "Borgerlig vigsel i stadens vigselrum."),
    ]),
    ("stadsledningskontoret", [
        ("registrator-stadsledningskontoret", "Registrator Stadsledningskontoret",
         "registrator@stadshuset.goteborg.se", "office", {"post"}, "Diarieföring och allmänna handlingar, kommunfullmäktiges och nämndernas protokoll."),
        ("presstjanst", "Presstjänst", "press@stadshuset.goteborg.se", "office", set(),
         "För journalister som söker stadens företrädare."),
        ("valkansliet", "Valkansliet", "val@stadshuset.goteborg.se", "office",
         {"eservice:/val/rosta"}, "Röstmottagning, vallokaler och förtidsröstning."),
        ("stadsarkivet", "Stadsarkivet", "stadsarkivet@stadshuset.goteborg.se", "phone_lunch",
         {"visit:Otterhällegatan 1, 411 18 Göteborg", "eservice:/stadsarkivet/bestall"},
         "Beställ kopior ur stadens arkiv: äldre bygglovsritningar och byggnadshandlingar, protokoll och handlingar från nedlagda verksamheter."),
        ("jobba-i-staden", "Jobba i Göteborgs Stad", "rekrytering@stadshuset.goteborg.se", "office",
         {"eservice:/jobb"}, "Lediga jobb, vikariat och rekrytering i stadens förvaltningar."),
    ]),
    ("stadsbyggnadskontoret", [
        ("bygglov", "Bygglov", "bygglov@sbk.goteborg.se", "phone_lunch",
         {"visit", "eservice:/bygglov/ansok", "post"}, "Ansök om bygglov, rivningslov och marklov."),
        ("detaljplaner", "Detaljplaner", "detaljplan@sbk.goteborg.se", "office",
         {"eservice:/detaljplaner/samrad"}, "Planer som styr hur mark och vatten får användas."),
        ("kartor-och-matning", "Kartor och mätning", "kartor@sbk.goteborg.se", "office",
         {"eservice:/kartor/bestall"}, "Kartor och flygbilder, nybyggnadskartor, utstakning och lägeskontroll."),
        ("lantmateri-goteborg", "Lantmäterimyndigheten i Göteborg", "lantmateri@sbk.goteborg.se",
         "phone_lunch", {"post"}, "Fastighetsbildning inom Göteborgs kommun: avstyckning, fastighetsreglering, gränsutvisning och servitut."),
        ("energi-och-klimatradgivning", "Energi- och klimatrådgivning", "energiradgivning@sbk.goteborg.se",
         "phone_mornings", set(), "Opartiska råd om energi i hemmet."),
        ("adressattning", "Adressättning", "adress@sbk.goteborg.se", "office", set(),
         "Belägenhetsadresser och gatunamn."),
    ]),
    ("fastighetskontoret", [
        ("tomtko", "Tomtkö", "tomtko@fastighet.goteborg.se", "phone_mornings",
         {"eservice:/tomtko/anmal"}, "Kö för att köpa tomt för eget hus."),
        ("arrenden", "Arrenden och upplåtelser", "arrende@fastighet.goteborg.se", "office", set(),
         "Arrende för odling, båtplats och verksamheter på kommunal mark."),
        ("koloniomraden", "Koloniområden", "koloni@fastighet.goteborg.se", "office", set(),
         "Föreningar och lotter på stadens mark."),
        ("bostadsformedling", "Bostadsförmedling för särskilda behov", "bostad@fastighet.goteborg.se",
         "phone_lunch", set(), "Förtur och bostäder för hushåll med särskilda behov."),
    ]),
    ("stadsmiljoforvaltningen", [
        ("felanmalan-gator-och-parker", "Felanmälan gator och parker", "felanmalan@stadsmiljo.goteborg.se",
         "around_the_clock", {"eservice:/felanmalan"}, "Hål i gatan, trasig belysning, trafiksignaler, skyltar, klotter."),
        ("parkeringstillstand", "Parkeringstillstånd", "parkeringstillstand@stadsmiljo.goteborg.se",
         "phone_lunch", {"eservice:/parkeringstillstand/ansok"}, "Boende-, rörelsehindrade- och yrkestillstånd."),
        ("gatukontor-trafiktillstand", "Trafiktillstånd", "trafiktillstand@stadsmiljo.goteborg.se",
         "office", {"eservice:/trafiktillstand"}, "Grävtillstånd, TA-planer, dispenser och upplåtelse av allmän plats: uteserveringar, torgplatser och torghandel, gatuförsäljning, affischer, gatupratare och filminspelning."),
        ("fardtjanst", "Färdtjänst", "fardtjanst@stadsmiljo.goteborg.se", "short_friday",
         {"eservice:/fardtjanst/ansok", "text_phone"}, "Ansökan om färdtjänst och riksfärdtjänst."),
        ("parker-och-natur", "Parker och natur", "parkochnatur@stadsmiljo.goteborg.se", "office",
         set(), "Stadens parker, naturreservat, lekplatser, hundrastgårdar, badplatser, utegym och motionsspår; evenemang i parkerna."),
        ("trad-och-skog", "Träd och skog", "trad@stadsmiljo.goteborg.se", "office", set(),
         "Frågor om träd på kommunal mark: fällning, beskärning, grenar som hotar att falla och träd som blåst omkull."),
        ("vinterunderhall", "Vinterväghållning", "vinter@stadsmiljo.goteborg.se", "around_the_clock",
         set(), "Snöröjning och halkbekämpning."),
        ("cykel", "Cykelfrågor", "cykel@stadsmiljo.goteborg.se", "office", set(),
         "Cykelbanor, cykelparkering, övergivna cyklar och elsparkcyklar."),
        ("fordonsflytt", "Flyttning av fordon", "fordon@stadsmiljo.goteborg.se", "office", set(),
         "Övergivna fordon och bilvrak på gator och parkeringar; flyttade och bortbogserade fordon."),
    ]),
    ("miljoforvaltningen", [
        ("livsmedelskontroll", "Livsmedelskontroll", "livsmedel@miljo.goteborg.se", "phone_lunch",
         {"eservice:/livsmedel/registrera"}, "Registrering, inspektion och kontroll av livsmedelsanläggningar: restauranger, kaféer, butiker och foodtrucks."),
        ("miljotillsyn", "Miljötillsyn", "miljotillsyn@miljo.goteborg.se", "office", set(),
         "Tillsyn av miljöfarlig verksamhet och förorenad mark, byggbuller, buller från verksamheter och trafik, utsläpp och cisterner."),
        ("halsoskydd", "Hälsoskydd", "halsoskydd@miljo.goteborg.se", "phone_lunch", set(),
         "Buller, fukt och mögel, radon, skadedjur, duvor och fågelmatning, ventilation och inomhusmiljö. Anmälan av hygienisk verksamhet: tatueringsstudio, tatuering, piercing, frisörsalong, skönhetssalong, nagelsalong, fotvård, massage, solarium och bassängbad."),
        ("alkohol-och-tobak", "Alkohol- och tobakstillstånd", "alkoholtobak@miljo.goteborg.se",
         "phone_mornings", {"eservice:/serveringstillstand"}, "Serveringstillstånd, tobaksförsäljning, folköl och receptfria läkemedel."),
        ("avlopp-och-vattentakt", "Enskilda avlopp och värmepumpar", "avlopp@miljo.goteborg.se",
         "office", {"eservice:/avlopp/ansok"}, "Tillstånd för enskilda avlopp och värmepumpar."),
    ]),
    ("kretslopp-och-vatten", [
        ("kundservice-kretslopp-och-vatten", "Kundservice Kretslopp och vatten",
         "kundservice@kretslopp.goteborg.se", "short_friday", {"eservice:/avfall/andra"},
         "Sophämtning, dricksvattnet och dess kvalitet (kranvatten, kokningsrekommendation när vattnet måste kokas), vattenmätare och fakturor."),
        ("vattenlackor", "Vattenläckor och avloppsstopp", "driftstorning@kretslopp.goteborg.se",
         "around_the_clock", {"sms"}, "Akuta fel på vatten och avlopp."),
        ("atervinningscentraler", "Återvinningscentraler", "atervinning@kretslopp.goteborg.se",
         "recycling", {"visit:Alelyckans återvinningscentral, Lärjeholmsvägen 1, 415 05 Göteborg"},
         "Lämna grovavfall, farligt avfall och el-avfall."),
        ("slamtomning", "Slamtömning", "slam@kretslopp.goteborg.se", "office", set(),
         "Tömning av slamavskiljare och fettavskiljare."),
    ]),
    ("kulturforvaltningen", [
        ("stadsbiblioteket", "Stadsbiblioteket", "stadsbiblioteket@kultur.goteborg.se", "library",
         {"visit:Götaplatsen 3, 412 56 Göteborg", "chat"}, "Lån, e-böcker och lånekort."),
        ("goteborgs-konstmuseum", "Göteborgs konstmuseum", "konstmuseum@kultur.goteborg.se",
         "visit", {"visit:Götaplatsen 6, 412 56 Göteborg"}, "Visningar och grupper."),
        ("kulturstod", "Kulturstöd", "kulturstod@kultur.goteborg.se", "office",
         {"eservice:/kulturstod/ansok"}, "Bidrag till kulturverksamhet och evenemang."),
        ("kulturskolan", "Kulturskolan", "kulturskolan@kultur.goteborg.se", "phone_mornings",
         {"eservice:/kulturskolan/anmalan"}, "Kurser i musik, dans, teater och bild för barn."),
        ("stadsmuseet", "Göteborgs stadsmuseum", "stadsmuseet@kultur.goteborg.se", "visit",
         {"visit:Norra Hamngatan 12, 411 14 Göteborg"}, "Utställningar om Göteborgs historia."),
        ("bokbussen", "Bokbussen", "bokbussen@kultur.goteborg.se", "office", set(),
         "Biblioteket som kommer till dig."),
    ]),
    ("idrotts-och-foreningsforvaltningen", [
        ("foreningsbidrag", "Föreningsbidrag", "foreningsbidrag@idrottochforening.goteborg.se",
         "office", {"eservice:/foreningsbidrag"}, "Bidrag till föreningar."),
        ("lokalbokning-idrott", "Bokning av idrottshallar", "bokning@idrottochforening.goteborg.se",
         "phone_lunch", {"eservice:/boka-lokal"}, "Hallar, planer och lokaler."),
        ("simhallar", "Simhallar och bad", "bad@idrottochforening.goteborg.se", "visit",
         {"visit:Valhallagatan 3, 412 51 Göteborg"}, "Valhallabadet och stadens andra bad."),
        ("fritidsgardar", "Fritidsgårdar", "fritid@idrottochforening.goteborg.se", "office", set(),
         "Mötesplatser för unga."),
    ]),
    ("forskoleforvaltningen", [
        ("forskoleantagning", "Förskoleantagning", "forskoleantagning@forskola.goteborg.se",
         "phone_lunch", {"eservice:/forskola/ansok"}, "Ansökan om plats, uppsägning och byte."),
        ("barnomsorgsavgifter", "Avgifter förskola och fritidshem", "avgifter@forskola.goteborg.se",
         "phone_mornings", {"eservice:/forskola/inkomst"}, "Avgifter, inkomstuppgift och fakturor."),
        ("pedagogisk-omsorg", "Pedagogisk omsorg", "pedagogiskomsorg@forskola.goteborg.se", "office",
         set(), "Dagbarnvårdare och pedagogisk omsorg på obekväm tid."),
    ]),
    ("grundskoleforvaltningen", [
        ("skolval", "Skolval", "skolval@grundskola.goteborg.se", "phone_lunch",
         {"eservice:/skolval"}, "Välja skola till förskoleklass och årskurs 7."),
        ("skolskjuts", "Skolskjuts", "skolskjuts@grundskola.goteborg.se", "phone_mornings",
         {"eservice:/skolskjuts/ansok"}, "Skolkort och skoltaxi."),
        ("modersmal", "Modersmålsundervisning", "modersmal@grundskola.goteborg.se", "office",
         {"eservice:/modersmal/anmalan"}, "Undervisning i modersmål."),
        ("elevhalsa", "Central elevhälsa", "elevhalsa@grundskola.goteborg.se", "office", set(),
         "Skolsköterskor, kuratorer och psykologer."),
        ("fritidshem", "Fritidshem", "fritidshem@grundskola.goteborg.se", "phone_lunch",
         {"eservice:/fritidshem/ansok"}, "Plats på fritidshem."),
    ]),
    ("utbildningsforvaltningen", [
        ("gymnasieantagningen", "Gymnasieantagningen", "gymnasieantagningen@educ.goteborg.se",
         "phone_lunch", {"eservice:/gymnasieantagning"}, "Ansökan till gymnasieskolan."),
        ("studie-och-yrkesvagledning", "Studie- och yrkesvägledning", "syv@educ.goteborg.se",
         "office", {"chat"}, "Vägledning inför val av utbildning."),
        ("gymnasiesarskola", "Anpassad gymnasieskola", "anpassadgymnasieskola@educ.goteborg.se",
         "office", set(), "Utbildning för elever med intellektuell funktionsnedsättning."),
        ("inackorderingstillagg", "Inackorderingstillägg och resor", "resor@educ.goteborg.se",
         "phone_mornings", {"eservice:/inackordering"}, "Busskort och inackordering för gymnasieelever."),
    ]),
    ("aldre-samt-vard-och-omsorgsforvaltningen", [
        ("bistandshandlaggning-aldre", "Biståndshandläggning äldre", "bistand.aldre@aldrevardomsorg.goteborg.se",
         "phone_lunch", {"eservice:/hemtjanst/ansok"}, "Ansökan om hemtjänst, dagverksamhet vid demens, korttidsboende och äldreboende."),
        ("hemtjanst", "Hemtjänst", "hemtjanst@aldrevardomsorg.goteborg.se", "office", set(),
         "Stöd i hemmet."),
        ("trygghetslarm", "Trygghetslarm", "trygghetslarm@aldrevardomsorg.goteborg.se",
         "around_the_clock", set(), "Larm för dig som bor hemma."),
        ("anhorigstod", "Anhörigstöd", "anhorigstod@aldrevardomsorg.goteborg.se", "office", set(),
         "Stöd till dig som hjälper en närstående."),
        ("korttidsboende", "Korttidsboende", "korttid@aldrevardomsorg.goteborg.se", "office", set(),
         "Tillfälligt boende efter sjukhusvistelse."),
        ("seniortorget", "Träffpunkter för seniorer", "traffpunkt@aldrevardomsorg.goteborg.se",
         "visit", set(), "Aktiviteter och gemenskap."),
    ]),
    ("socialforvaltningen-centrum", [
        ("ekonomiskt-bistand-centrum", "Ekonomiskt bistånd Centrum",
         "ekonomisktbistand@socialcentrum.goteborg.se", "phone_mornings",
         {"eservice:/ekonomiskt-bistand/ansok", "visit"}, "Försörjningsstöd i stadsområde Centrum."),
        ("familjeratt", "Familjerätt", "familjeratt@socialcentrum.goteborg.se", "phone_lunch",
         {"post"}, "Vårdnad, boende, umgänge och faderskap."),
        ("socialjour", "Socialjouren", "socialjouren@socialcentrum.goteborg.se", "around_the_clock",
         set(), "Akut socialt stöd kvällar, nätter och helger."),
        ("dodsbo", "Dödsboanmälan", "dodsbo@socialcentrum.goteborg.se", "office", set(),
         "Stöd när den avlidne saknar medel till begravning."),
        ("hemloshet", "Hemlöshet och boendestöd", "boendestod@socialcentrum.goteborg.se", "office",
         set(), "Stöd till personer utan bostad."),
        ("familjeradgivning", "Familjerådgivning", "familjeradgivning@socialcentrum.goteborg.se",
         "phone_mornings", {"eservice:/familjeradgivning/boka"},
         "Samtal för par och familjer som har det svårt tillsammans."),
    ]),
    ("socialforvaltningen-hisingen", [
        ("ekonomiskt-bistand-hisingen", "Ekonomiskt bistånd Hisingen",
         "ekonomisktbistand@socialhisingen.goteborg.se", "phone_mornings", {"visit"},
         "Försörjningsstöd i stadsområde Hisingen."),
        ("familjebehandling-hisingen", "Familjebehandling Hisingen",
         "familjebehandling@socialhisingen.goteborg.se", "office", set(), "Stöd till familjer."),
        ("mottagning-barn-och-unga-hisingen", "Mottagning barn och unga Hisingen",
         "orosanmalan@socialhisingen.goteborg.se", "office", {"eservice:/orosanmalan"},
         "Orosanmälan om barn som far illa."),
    ]),
    ("socialforvaltningen-nordost", [
        ("ekonomiskt-bistand-nordost", "Ekonomiskt bistånd Nordost",
         "ekonomisktbistand@socialnordost.goteborg.se", "phone_mornings", {"visit"},
         "Försörjningsstöd i stadsområde Nordost."),
        ("mottagning-barn-och-unga-nordost", "Mottagning barn och unga Nordost",
         "orosanmalan@socialnordost.goteborg.se", "office", set(), "Orosanmälan och råd."),
        ("beroendemottagning", "Beroendemottagning", "beroende@socialnordost.goteborg.se",
         "office", set(), "Stöd vid alkohol-, narkotika- och spelproblem, för dig som vill sluta dricka, använda droger eller spela."),
    ]),
    ("socialforvaltningen-sydvast", [
        ("ekonomiskt-bistand-sydvast", "Ekonomiskt bistånd Sydväst",
         "ekonomisktbistand@socialsydvast.goteborg.se", "phone_mornings", {"visit"},
         "Försörjningsstöd i stadsområde Sydväst."),
        ("mottagning-barn-och-unga-sydvast", "Mottagning barn och unga Sydväst",
         "orosanmalan@socialsydvast.goteborg.se", "office", set(), "Orosanmälan och råd."),
        ("vald-i-nara-relation", "Stöd vid våld i nära relation", "valdinararelation@socialsydvast.goteborg.se",
         "office", set(), "Stöd till den som utsätts för eller utövar våld."),
        ("familjehem", "Familjehem", "familjehem@socialsydvast.goteborg.se", "office", set(),
         "Bli familjehem eller kontaktfamilj."),
    ]),
    ("funktionsstodsforvaltningen", [
        ("lss-handlaggning", "Handläggning LSS", "lss@funktionsstod.goteborg.se", "phone_lunch",
         {"eservice:/lss/ansok"}, "Ansökan om insatser enligt LSS."),
        ("personlig-assistans", "Personlig assistans", "assistans@funktionsstod.goteborg.se",
         "office", set(), "Assistans i stadens regi."),
        ("bostadsanpassning", "Bostadsanpassning", "bostadsanpassning@funktionsstod.goteborg.se",
         "phone_mornings", {"eservice:/bostadsanpassning/ansok"}, "Bidrag för att anpassa bostaden."),
        ("daglig-verksamhet", "Daglig verksamhet", "dagligverksamhet@funktionsstod.goteborg.se",
         "office", set(), "Sysselsättning enligt LSS."),
    ]),
    ("arbetsmarknad-och-vuxenutbildning", [
        ("vuxenutbildning", "Vuxenutbildning", "vuxenutbildning@av.goteborg.se", "phone_lunch",
         {"eservice:/vuxenutbildning/ansok", "visit"}, "Komvux, yrkesutbildning och svenska för invandrare."),
        ("sfi", "Svenska för invandrare", "sfi@av.goteborg.se", "phone_lunch",
         {"eservice:/sfi/ansok"}, "Ansökan till SFI."),
        ("jobbtorg", "Jobbtorg Göteborg", "jobbtorg@av.goteborg.se", "office", {"visit"},
         "Stöd till arbete för dig som har ekonomiskt bistånd."),
        ("feriejobb", "Feriejobb", "feriejobb@av.goteborg.se", "phone_mornings",
         {"eservice:/feriejobb"}, "Sommarjobb för ungdomar."),
    ]),
    ("goteborg-energi", [
        ("kundservice-goteborg-energi", "Kundservice Göteborg Energi", "kundservice@goteborgenergi.se",
         None, {"eservice:https://www.goteborgenergi.se/kundservice"}, "Elavtal, fjärrvärme och fakturor."),
        ("stromavbrott", "Strömavbrott", "driftinfo@goteborgenergi.se", None,
         {"eservice:https://www.goteborgenergi.se/driftinfo"}, "Driftinformation och avbrott."),
    ]),
    ("renova", [
        ("kundservice-renova", "Kundservice Renova", "kundservice@renova.se", None,
         {"eservice:https://www.renova.se/kundservice"}, "Avfallshämtning för företag."),
    ]),
    ("bostadsbolaget", [
        ("kundcenter-bostadsbolaget", "Kundcenter Bostadsbolaget", "kundcenter@bostadsbolaget.se",
         None, {"eservice:https://www.bostadsbolaget.se/felanmalan"}, "Felanmälan och uthyrning."),
    ]),
    ("familjebostader", [
        ("kundcenter-familjebostader", "Kundcenter Familjebostäder",
         "kundcenter@familjebostader.com", None,
         {"eservice:https://www.familjebostader.com/felanmalan"}, "Felanmälan och uthyrning."),
    ]),
    ("parkering-goteborg", [
        ("kundservice-parkering-goteborg", "Kundservice Parkering Göteborg",
         "kundservice@parkeringgoteborg.se", None,
         {"eservice:https://www.parkeringgoteborg.se/kontrollavgift"},
         "Kontrollavgifter, parkeringsavtal, parkeringshus, betalning av parkering och laddplatser för elbil."),
    ]),
    ("boplats-goteborg", [
        ("kundservice-boplats", "Kundservice Boplats", "kundservice@boplats.se", None,
         {"eservice:https://www.boplats.se/minasidor"},
         "Bostadskön för hyresrätter i Göteborgsregionen: registrering, kötid och lediga lägenheter."),
    ]),
]  # fmt: skip

# One function is archived and replaced: the old application unit, now part of Bygglov.
ARCHIVED = [
    ("stadsbyggnadskontoret", "lovhandlaggning-gammal", "Lovhandläggning (tidigare enhet)",
     "lovhandlaggning@sbk.goteborg.se", "bygglov"),
]  # fmt: skip
OVERDUE = {"adressattning", "koloniomraden", "bokbussen"}  # review overdue in the demo


def build_functions() -> list[dict]:
    functions = []
    for org_key, items in F:
        series = ORG_SERIES.get(org_key)
        counter = 0
        for key, name, mailbox, hours, extras, description in items:
            channels = [{"kind": "email", "value": mailbox, "label": "", "hours": {}}]
            if hours is not None and series:
                if key == "kontaktcenter":
                    number = "031-365 00 00"
                else:
                    counter += 1
                    number = f"{series}{counter:01d} {10 + counter * 7 % 80:02d}"
                channels.insert(0, {"kind": "phone", "value": number, "label": "",
                                    "hours": HOURS[hours]})  # fmt: skip
            for extra in sorted(extras or ()):
                channels.append(_extra(extra, key, org_key, series, counter))
            functions.append(
                {
                    "key": key, "organisation": org_key, "name": name,
                    "description": description, "status": "published",
                    "review_by": "2026-10-15" if key in OVERDUE else _review_date(key),
                    "replaced_by": None, "is_contact_center": key == CONTACT_CENTER,
                    "channels": channels,
                }
            )  # fmt: skip
    for org_key, key, name, mailbox, replacement in ARCHIVED:
        functions.append(
            {
                "key": key, "organisation": org_key, "name": name, "description": "",
                "status": "archived", "review_by": "2026-03-01", "replaced_by": replacement,
                "channels": [{"kind": "email", "value": mailbox, "label": "", "hours": {}}],
            }
        )  # fmt: skip
    for function in functions:  # every field of the export format, as `export` writes it
        function.setdefault("is_contact_center", False)
        for channel in function["channels"]:
            channel.setdefault("shared_mobile_reason", "")
    return sorted(functions, key=lambda f: f["key"])


def _review_date(key: str) -> str:
    month = 1 + sum(map(ord, key)) % 12
    return f"2027-{month:02d}-15"


def _extra(extra: str, key: str, org_key: str, series: str | None, counter: int) -> dict:
    kind, _, arg = extra.partition(":")
    channel = {"kind": kind, "value": "", "label": "", "hours": {}}
    if kind == "eservice":
        channel["value"] = arg if arg.startswith("http") else f"https://goteborg.se{arg}"
        channel["label"] = "E-tjänst"
    elif kind == "visit":
        channel.update(
            kind="visiting_address", value=arg or ADDRESSES[org_key], label="Besöksadress",
            hours=HOURS["visit"],
        )  # fmt: skip
    elif kind == "post":
        post = ADDRESSES.get(org_key, "Box 1000, 405 30 Göteborg")
        channel.update(kind="postal_address", value=post, label="Postadress")
    elif kind == "chat":
        channel.update(value=f"https://goteborg.se/chatt/{key}", label="Chatt",
                       hours=HOURS["office"])  # fmt: skip
    elif kind == "sms":
        channel.update(value=f"{series}9 99", label="SMS vid driftstörning",
                       hours=HOURS["around_the_clock"])  # fmt: skip
    elif kind == "text_phone":
        channel.update(value=f"{series}9 90", label="Texttelefon", hours=HOURS["office"])
    elif kind == "sign":
        channel.update(
            kind="accessibility",
            value="Du kan få tolk och teckenspråkstolk. Säg vilket språk när du ringer.",
            label="Tolk och teckenspråk",
        )  # fmt: skip
    return channel


# What the external actors are for (P4: a name and a link, nothing else).
ACTOR_PURPOSES = {
    "Polisen": "Pass, nationellt id-kort, polisanmälan, hittegods och upphittade djur, tillstånd för offentliga tillställningar och allmänna sammankomster, vapenlicens.",
    "SOS Alarm": "Larmnumret vid nödsituationer.",
    "Skatteverket": "Deklaration, folkbokföring, flytt, id-kort, personbevis, namnbyte, hindersprövning inför vigsel och bouppteckning.",
    "Försäkringskassan": "Föräldrapenning, barnbidrag, vård av sjukt barn, underhållsstöd, sjukpenning, bostadsbidrag och aktivitetsstöd.",
    "Västtrafik": "Kollektivtrafik, biljetter, tidtabeller, reseplanering och resegaranti.",
    "1177 Vårdguiden": "Sjukvårdsrådgivning, vårdcentraler, ungdomsmottagningar och vårdens e-tjänster.",
    "Västra Götalandsregionen": "Hälso- och sjukvård, ungdomsmottagningar, barnmorskemottagningar, tandvård och kollektivtrafik i regionen.",
    "Migrationsverket": "Uppehållstillstånd, asyl och medborgarskap.",
    "Arbetsförmedlingen": "Arbetssökande, platsbanken och arbetsmarknadsinsatser.",
    "Transportstyrelsen": "Körkort, fordon, fordonsskatt, ägarbyte och trängselskatt.",
    "Trafikverket": "Statliga vägar, järnväg, vägfärjor och förarprov.",
    "Kronofogden": "Skulder, betalningsförelägganden och skuldsanering.",
    "Länsstyrelsen Västra Götaland": "Tillstånd och tillsyn som staten ansvarar för i länet, djurskydd och anmälan om djurplågeri och djur som far illa, strandskydd.",
    "CSN": "Studiemedel och återbetalning av studielån.",
    "Pensionsmyndigheten": "Allmän pension och bostadstillägg för pensionärer.",
    "Lantmäteriet": "Lagfart, inskrivning, pantbrev och kartor för hela landet.",
    "Bolagsverket": "Registrering av företag och föreningar.",
    "Räddningstjänsten Storgöteborg": "Brandskydd, sotning och tillstånd för brandfarliga varor.",
    "Kvinnofridslinjen": "Nationell stödlinje för den som utsatts för våld.",
    "BRIS": "Stöd för barn och unga som vill prata med någon, i chatt, mejl och telefon.",
    "Brottsofferjouren": "Stöd för brottsutsatta och vittnen.",
    "Giftinformationscentralen": "Råd vid förgiftning.",
    "Självmordslinjen": "Stöd för den som har tankar på självmord.",
    "Konsumentverket": "Hallå konsument: nationell konsumentvägledning.",
    "Jämställdhetsmyndigheten": "Jämställdhetspolitik och stöd mot mäns våld mot kvinnor.",
}

# The function that is the city's contact center (one, named: never guessed).
CONTACT_CENTER = "kontaktcenter"
# National service numbers (fixed by law, listed in the profile): the one number an external
# actor may carry, so that emergency and health topics show what a visitor expects.
NATIONAL_NUMBERS = {
    "SOS Alarm": "112",
    "1177 Vårdguiden": "1177",
    "Polisen": "114 14",
    "BRIS": "116 111",
    "Brottsofferjouren": "116 006",
}

# Topics: (name, synonyms, route) where route is a function key or "@<external actor key>".
# A trailing "*" on the route means the contact center answers first.
TOPICS = [
    ("Bygglov för altan", ["altan", "trall", "uteplats", "terrass", "bygga altan", "däck"], "bygglov"),
    ("Bygglov för tillbyggnad", ["tillbyggnad", "utbyggnad", "bygga ut huset", "bygga till", "garage", "carport", "uterum"], "bygglov"),
    ("Attefallshus", ["attefall", "komplementbostadshus", "attefallsåtgärd", "gäststuga"], "bygglov"),
    ("Friggebod", ["förråd", "bod", "lusthus", "redskapsbod"], "bygglov"),
    ("Rivningslov", ["riva hus", "rivning", "riva"], "bygglov"),
    ("Marklov", ["schakta", "fylla ut tomt"], "bygglov"),
    ("Plank och mur", ["staket", "plank", "mur", "spaljé", "insynsskydd"], "bygglov"),
    ("Solceller på taket", ["solpaneler", "solenergi", "solcellsanläggning"], "bygglov"),
    ("Detaljplan för mitt område", ["detaljplan", "planbesked", "stadsplanering", "vad får byggas"], "detaljplaner"),
    ("Samråd om nya planer", ["samråd", "granskning", "planförslag"], "detaljplaner"),
    ("Nybyggnadskarta", ["karta", "kartor", "baskarta", "grundkarta", "flygfoto", "köpa karta", "karta för bygglov", "situationsplan"], "kartor-och-matning"),
    ("Utstakning av hus", ["utstakning", "lägeskontroll"], "kartor-och-matning"),
    ("Fastighetsbildning", ["tomtgräns", "fastighetsgräns", "gränsutvisning", "var går tomtgränsen", "stycka av tomt", "dela tomt", "servitut", "gemensamhetsanläggning", "lantmäteriförrättning", "avstyckning", "fastighetsreglering"], "lantmateri-goteborg"),
    ("Sänka elförbrukningen hemma", ["energiråd", "spara energi", "energirådgivning"],
     "energi-och-klimatradgivning"),
    ("Ny gatuadress", ["adressnummer", "belägenhetsadress"], "adressattning"),
    ("Köpa tomt", ["tomträtt", "tomträttsavgäld", "köpa mark", "tomtkö", "villatomt", "tomt", "byggtomt"], "tomtko"),
    ("Odlingslott", ["odla", "kolonilott", "koloniträdgård", "kolonistuga", "stadsodling"], "koloniomraden"),
    ("Båtplats på kommunal mark", ["båtplats", "arrende", "bryggplats", "båt"], "arrenden"),
    ("Förtur till bostad", ["förtur", "akut bostad"], "bostadsformedling"),
    ("Hål i gatan", ["potthål", "trasig gata", "hål i vägen", "gropar i vägen", "trasig väg", "vägskada"], "felanmalan-gator-och-parker*"),
    ("Trasig gatubelysning", ["gatlykta", "belysning", "gatlampa", "lampa släckt", "gatljus", "lyktstolpe"],
     "felanmalan-gator-och-parker*"),
    ("Klotter", ["sanering", "graffiti", "tagg", "skadegörelse"], "felanmalan-gator-och-parker*"),
    ("Nedskräpning i park", ["skräp", "papperskorg", "skräp i parken", "full papperskorg", "nedskräpning", "hundbajs", "dumpat skräp"], "felanmalan-gator-och-parker*"),
    ("Boendeparkering", ["parkeringskort", "boendetillstånd", "parkera där jag bor", "boende parkering"], "parkeringstillstand"),
    ("Parkeringstillstånd för rörelsehindrade", ["handikapparkering", "handikapp parkering", "parkering för funktionsnedsättning", "parkeringstillstånd funktionsnedsättning", "p-tillstånd", "handikapptillstånd"],
     "parkeringstillstand"),
    ("Grävtillstånd", ["schakttillstånd", "gräva i gata"], "gatukontor-trafiktillstand"),
    ("Ställa container på gatan", ["container", "markupplåtelse"], "gatukontor-trafiktillstand"),
    ("Färdtjänst", ["färdtjänsttillstånd", "taxi för rörelsehindrade"], "fardtjanst*"),
    ("Riksfärdtjänst", ["resa i Sverige med färdtjänst"], "fardtjanst"),
    ("Lekplatser", ["lekpark", "gunga", "lekplats", "gungor", "sandlåda"], "parker-och-natur"),
    ("Evenemang i park", ["evenemang", "konsert", "arrangemang", "festival", "marknad",
                          "tillstånd för evenemang", "låna en park"], "parker-och-natur"),
    ("Naturreservat", ["vandring", "friluftsliv", "naturområde", "vandringsled"], "parker-och-natur"),
    ("Fälla träd", ["gren", "grenar", "nedfallen gren", "gren som hänger", "träd som blåst omkull", "omkullfallet träd", "stormfällt träd", "rotvälta", "träd över vägen", "beskärning", "trädfällning", "farligt träd", "ta ner träd", "träd som lutar", "beskära träd"], "trad-och-skog"),
    ("Snöröjning", ["plogning", "snö", "skottning", "inte plogat"], "vinterunderhall*"),
    ("Halka på trottoar", ["sandning", "halkbekämpning", "halt", "isigt", "sanda", "grusning"], "vinterunderhall*"),
    ("Cykelparkering", ["cykelställ", "cykelgarage"], "cykel"),
    ("Övergivna cyklar", ["cykelvrak", "gammal cykel", "cykel som står kvar"], "cykel"),
    ("Starta restaurang", ["kafé", "kafe", "café", "öppna restaurang", "fik", "sälja mat", "matvagn", "livsmedelsverksamhet", "restaurang", "livsmedelsregistrering", "registrera livsmedelsanläggning", "livsmedelsföretag", "starta café", "food truck"],
     "livsmedelskontroll"),
    ("Matförgiftning på restaurang", ["livsmedelsinspektion", "livsmedelsinspektör", "hygienkontroll", "smutsig restaurang", "dålig hygien på restaurang", "klaga på restaurang", "magsjuk efter restaurangbesök", "matförgiftad", "magsjuka", "dålig mat"], "livsmedelskontroll"),
    ("Förorenad mark", ["markföroreningar"], "miljotillsyn"),
    ("Buller från grannar", ["buller", "störande ljud", "störande grannar", "hög musik", "oväsen", "störningar", "stökiga grannar"],
     "halsoskydd"),
    ("Mögel i lägenheten", ["fukt", "mögel", "dålig luft", "fuktskada", "inomhusmiljö", "ventilation"], "halsoskydd"),
    ("Radon i bostaden", ["radon", "radonmätning", "mäta radon", "radonhalt"], "halsoskydd"),
    ("Serveringstillstånd", ["tillfälligt serveringstillstånd", "sälja alkohol", "servering vid evenemang", "alkohol på festival", "alkoholtillstånd", "servera alkohol", "alkohollicens", "utskänkning"], "alkohol-och-tobak"),
    ("Sälja tobak", ["tobaksförsäljning", "tobakstillstånd", "e-cigaretter"], "alkohol-och-tobak"),
    ("Enskilt avlopp", ["avloppstillstånd", "trekammarbrunn", "avlopp på landet", "slamavskiljare", "infiltration"], "avlopp-och-vattentakt"),
    ("Värmepump", ["bergvärme", "jordvärme", "borra för bergvärme", "luftvärmepump"], "avlopp-och-vattentakt"),
    ("Sophämtning", ["förpackningar", "plastförpackningar", "pappersförpackningar", "glas", "tidningar", "återvinningsstation", "fyrfackskärl", "kompost", "kompostera", "hemkompost", "soptunna", "hämtning av hushållsavfall", "sopor", "sopkärl",
                     "soptunnan blev inte tömd", "hushållsavfall", "sopbil", "sophämtningen har inte kommit",
                     "matavfall", "matavfallspåsar", "påsar till matavfall", "brun tunna", "sortera avfall", "sopsortering"],
     "kundservice-kretslopp-och-vatten*"),
    ("Byta storlek på soptunna", ["kärlbyte", "sopkärl", "större soptunna", "ändra abonnemang", "mindre soptunna", "byta kärl"],
     "kundservice-kretslopp-och-vatten*"),
    ("Vattenmätare", ["frusen vattenmätare", "byta vattenmätare", "mätaravläsning", "läsa av vattenmätare"], "kundservice-kretslopp-och-vatten"),
    ("Dricksvattnets kvalitet", ["brunt vatten", "gult vatten", "rostigt vatten", "grumligt vatten", "vattnet luktar", "dricksvatten", "kranvatten", "vattenkvalitet", "koka vattnet", "kokningsrekommendation",
                                 "missfärgat vatten", "vattnet smakar konstigt", "hårt vatten", "kalk i vattnet"],
     "kundservice-kretslopp-och-vatten*"),
    ("Faktura för vatten och avlopp", ["vattenräkning", "VA-avgift", "vattenavgift", "betala vatten", "taxa för vatten"],
     "kundservice-kretslopp-och-vatten*"),
    ("Vattenläcka", ["läcka", "vattenavstängning", "inget vatten i kranen", "vattnet borta", "rörbrott", "lågt vattentryck"],
     "vattenlackor"),
    ("Stopp i avloppet", ["igensatt brunn", "gatubrunn", "dagvattenbrunn", "översvämning på gatan", "vatten på gatan", "avloppsstopp", "översvämning", "avloppet luktar", "översvämmad källare", "vatten i källaren"], "vattenlackor"),
    ("Lämna grovavfall", ["åvc", "återvinningscentraler", "kretsloppspark", "trädgårdsavfall", "ris och grenar", "byggavfall", "återvinningscentral", "tippen", "grovsopor", "skrot", "återvinning", "slänga möbler", "kretsloppspark",
                          "möbler", "soffa", "madrass", "vitvaror", "kylskåp", "frys", "tvättmaskin", "bli av med möbler"],
     "atervinningscentraler"),
    ("Farligt avfall", ["asbest", "eternit", "kvicksilver", "medicinrester", "kemikalier", "färgrester", "batterier", "elavfall", "miljöfarligt avfall", "lysrör", "målarfärg",
                        "gammal färg", "lösningsmedel", "spillolja", "glödlampor", "sprayburkar"],
     "atervinningscentraler"),
    ("Slamtömning", ["slamsugning", "slambil", "tömma septiktank", "tömning av brunn", "tömma brunn", "tömma slamavskiljare", "septiktank"], "slamtomning"),
    ("Lånekort", ["låna", "förlänga lån", "reservera bok", "lämna tillbaka bok", "förseningsavgift", "biblioteket", "bibliotekskort", "bibliotek", "låna böcker"], "stadsbiblioteket*"),
    ("Låna e-böcker", ["e-bok", "ljudbok", "digitala böcker", "e-ljudbok"], "stadsbiblioteket"),
    ("Visning på konstmuseet", ["guidad visning", "skolvisning"], "goteborgs-konstmuseum"),
    ("Kulturstöd", ["kulturbidrag", "projektstöd kultur"], "kulturstod"),
    ("Kulturskolan", ["musikskola", "dansskola", "musiklektioner", "teater för barn", "spela instrument", "sånglektioner"], "kulturskolan*"),
    ("Stadsmuseet", ["museum", "Göteborgs historia", "utställning"], "stadsmuseet"),
    ("Bokbussen", ["mobilt bibliotek"], "bokbussen"),
    ("Föreningsbidrag", ["bidrag till förening", "aktivitetsbidrag", "föreningsstöd", "starta förening"], "foreningsbidrag"),
    ("Boka idrottshall", ["hyra lokal", "festlokal", "samlingslokal", "möteslokal", "idrottsanläggning", "konstgräsplan", "hyra hall", "boka plan", "gympasal", "idrottsplats", "fotbollsplan", "boka lokal"], "lokalbokning-idrott"),
    ("Simhall", ["badhus", "simskola", "bad", "simning", "simbassäng", "Valhallabadet", "simkort", "simkurs", "simlektioner", "babysim"], "simhallar"),
    ("Fritidsgård", ["lovaktiviteter", "sommarlov", "aktiviteter på lovet", "sportlov", "ungdomsverksamhet", "ungdomsgård", "mötesplats för unga", "aktiviteter för ungdomar"], "fritidsgardar"),
    ("Förskoleplats", ["dagis", "ansöka om förskola", "förskola", "barnomsorg", "plats i förskola", "förskolekö", "kö till förskola"],
     "forskoleantagning*"),
    ("Säga upp förskoleplats", ["uppsägning förskola", "avsluta förskoleplats"], "forskoleantagning*"),
    ("Byta förskola", ["omplacering"], "forskoleantagning"),
    ("Avgift för förskola", ["maxtaxa", "barnomsorgsavgift", "förskoleavgift",
                             "kostnad för förskola", "faktura förskola", "avgift fritids", "fritidsavgift"], "barnomsorgsavgifter*"),
    ("Lämna inkomstuppgift", ["inkomstuppgift barnomsorg"], "barnomsorgsavgifter*"),
    ("Dagbarnvårdare", ["familjedaghem"], "pedagogisk-omsorg"),
    ("Barnomsorg på kvällar och helger", ["obekväm tid", "nattis"], "pedagogisk-omsorg"),
    ("Välja grundskola", ["anpassad grundskola", "grundsärskola", "särskola", "grundskola", "skolval", "byta skola", "skolplacering", "börja skolan", "förskoleklass", "skolplats",
                          "anmäla till skolan", "nyanländ elev", "ny i Sverige skola", "skolstart"], "skolval*"),
    ("Skolskjuts", ["skoltaxi", "skolkort", "skolbuss", "skolresa"], "skolskjuts*"),
    ("Modersmålsundervisning", ["modersmål", "hemspråk"], "modersmal"),
    ("Skolsköterska och kurator", ["skolfrånvaro", "frånvaro från skolan", "vill inte gå till skolan", "hemmasittare", "skolvägran", "stöd i skolan", "särskilt stöd", "extra anpassningar", "prata med kurator", "kurator", "skolsköterska", "elevhälsa", "skolpsykolog", "skolhälsovård", "mobbning", "skolläkare"], "elevhalsa"),
    ("Fritidshem", ["fritids", "fritidshemsplats"], "fritidshem*"),
    ("Söka till gymnasiet", ["gymnasieansökan", "gymnasieval", "gymnasieantagning", "gymnasieskola", "gymnasium"], "gymnasieantagningen*"),
    ("Studievägledning", ["syv", "yrkesval", "studievägledare", "välja utbildning"], "studie-och-yrkesvagledning"),
    ("Anpassad gymnasieskola", ["gymnasiesärskola"], "gymnasiesarskola"),
    ("Busskort för gymnasieelever", ["elevkort", "inackordering"], "inackorderingstillagg"),
    ("Hemtjänst", ["hemsjukvård", "sjuksköterska i hemmet", "fixartjänst", "hjälp med inköp", "hjälp med dusch", "hjälp i hemmet", "hemhjälp", "hjälp hemma", "hjälp med städning", "äldreomsorg", "omsorg för äldre",
                   "äldre förälder", "klarar sig inte hemma", "biståndsbedömning", "demens", "demenssjuk", "minnessjukdom",
                   "alzheimer", "glömsk", "minnesproblem", "dagverksamhet", "dagverksamhet för äldre", "dagverksamhet vid demens"], "bistandshandlaggning-aldre*"),
    ("Äldreboende", ["särskilt boende", "vårdboende", "ålderdomshem", "servicehus", "boende för äldre", "demensboende",
                     "sjukhem", "plats på äldreboende"],
     "bistandshandlaggning-aldre*"),
    ("Matdistribution", ["matlåda", "mat till äldre"], "hemtjanst"),
    ("Trygghetslarm", ["larm för äldre", "larmknapp", "personlarm"], "trygghetslarm"),
    ("Stöd till anhöriga", ["anhörig", "avlösning", "anhörigstöd", "anhörigvårdare"], "anhorigstod"),
    ("Korttidsboende", ["korttidsvård"], "korttidsboende"),
    ("Träffpunkter för äldre", ["seniorträff", "mötesplats för seniorer"], "seniortorget"),
    ("Ekonomiskt bistånd", ["vräkning", "hotad av vräkning", "avhysning", "uppsagd från lägenheten", "socialbidrag", "försörjningsstöd", "ont om pengar",
                            "pengar till hyra och mat", "hyra", "kan inte betala hyran", "hyresskuld",
                            "pengar till mat", "akut ekonomisk hjälp"], "ekonomiskt-bistand-centrum*"),
    ("Ekonomiskt bistånd på Hisingen", ["socialbidrag Hisingen"], "ekonomiskt-bistand-hisingen"),
    ("Ekonomiskt bistånd i Nordost", ["socialbidrag Angered", "socialbidrag Östra Göteborg"],
     "ekonomiskt-bistand-nordost"),
    ("Ekonomiskt bistånd i Sydväst", ["socialbidrag Frölunda", "socialbidrag Askim"],
     "ekonomiskt-bistand-sydvast"),
    ("Vårdnad, boende och umgänge", ["vårdnadstvist", "samarbetssamtal", "skilsmässa", "separation",
                                     "umgängesrätt", "vårdnad", "umgänge", "separera"], "familjeratt"),
    ("Faderskap", ["fastställa faderskap", "föräldraskap"], "familjeratt"),
    ("Akut social hjälp på kvällen", ["socialjour", "akut hjälp helg"], "socialjour"),
    ("Begravning utan pengar", ["dödsbo", "begravningskostnad"], "dodsbo"),
    ("Hemlös", ["sova ute", "inget boende", "ingenstans att bo", "utan bostad", "vräkt", "sakna bostad", "härbärge", "bostadslös", "bostadslöshet", "akut boende", "natthärbärge"], "hemloshet"),
    ("Stöd till familjer", ["familjebehandling", "föräldrastöd", "orolig förälder", "tonåring", "bråk i familjen", "föräldrastödsprogram"], "familjebehandling-hisingen"),
    ("Orosanmälan", ["barn som blir slaget", "våld mot barn", "barn som blir misshandlat", "barn som far illa hemma", "barn som far illa", "anmäla oro för barn", "orolig för ett barn", "anmäla barn som far illa", "barnmisshandel"],
     "mottagning-barn-och-unga-hisingen"),
    ("Oro för ett barn i Nordost", ["orosanmälan Angered"], "mottagning-barn-och-unga-nordost"),
    ("Oro för ett barn i Sydväst", ["orosanmälan Frölunda"], "mottagning-barn-och-unga-sydvast"),
    ("Missbruk", ["alkoholproblem", "spelberoende", "narkotika", "beroende", "drogproblem", "alkohol", "droger", "missbruksvård",
                  "hasch", "cannabis", "marijuana", "knark", "röka på", "ungdomar och droger", "tabletter",
                  "dricka", "dricker för mycket", "sluta dricka", "alkoholberoende", "alkoholist", "supa", "fylla", "sprit",
                  "sluta med droger", "sluta knarka", "spelproblem", "spelmissbruk", "sluta spela", "avgiftning", "nykter"],
     "beroendemottagning"),
    ("Våld i nära relation", ["hedersförtryck", "hedersrelaterat våld", "tvångsäktenskap", "barnäktenskap", "kontrollerad av familjen", "misshandel i hemmet", "hedersvåld", "blir slagen",
                              "partnern slår mig", "hot i hemmet", "misshandel", "våld i hemmet", "skyddat boende"], "vald-i-nara-relation"),
    ("Bli familjehem", ["fosterhem", "kontaktfamilj"], "familjehem"),
    ("Insatser enligt LSS", ["LSS", "stöd vid funktionsnedsättning", "ledsagare", "ledsagarservice",
                             "avlösarservice", "funktionsnedsättning", "funktionshinder", "kontaktperson",
                             "autism", "adhd", "npf", "korttidsvistelse", "gruppbostad", "boende med särskild service"], "lss-handlaggning*"),
    ("Personlig assistans", ["assistent", "assistans"], "personlig-assistans"),
    ("Bostadsanpassning", ["hiss", "trappa", "trapphiss", "badrum", "dusch istället för badkar", "stödhandtag", "dörröppnare", "rullstol hemma", "anpassa bostaden", "ta bort trösklar", "ramp", "handikappanpassning", "anpassning av bostad", "handikappanpassa"],
     "bostadsanpassning*"),
    ("Daglig verksamhet", ["sysselsättning LSS"], "daglig-verksamhet"),
    ("Komvux", ["vuxenutbildning", "läsa in gymnasiet", "gymnasiekomplettering", "studera som vuxen", "vuxenstudier", "kurser för vuxna"], "vuxenutbildning*"),
    ("Svenska för invandrare", ["SFI", "lära sig svenska", "svenskundervisning", "svenskkurs"], "sfi*"),
    ("Hjälp att hitta jobb", ["jobbtorg", "arbetsträning", "jobbcoach"], "jobbtorg"),
    ("Feriejobb", ["sommarjobb", "jobb för unga", "sommarjobb för ungdomar", "extrajobb"], "feriejobb"),
    ("Frågor om elavtal", ["bredband", "fiber", "stadsnät", "elleverantör", "elräkning", "fjärrvärme", "elpris"], "kundservice-goteborg-energi"),
    ("Strömavbrott", ["elavbrott", "ingen ström", "strömmen borta", "elen borta"], "stromavbrott"),
    ("Avfallshämtning för företag", ["verksamhetsavfall"], "kundservice-renova"),
    ("Felanmälan i Bostadsbolagets lägenhet", ["felanmälan hyresrätt Bostadsbolaget"],
     "kundcenter-bostadsbolaget"),
    ("Felanmälan i Familjebostäders lägenhet", ["felanmälan hyresrätt Familjebostäder"],
     "kundcenter-familjebostader"),
    ("Kontrollavgift för parkering", ["p-bot", "parkeringsbot", "böter", "parkeringsböter",
                                      "felparkering", "överklaga parkeringsbot", "felparkerad bil", "anmäla felparkering"],
     "kundservice-parkering-goteborg"),
    ("Frågor om kommunen", ["allmänna frågor", "växeln", "kontaktcenter", "kommunens telefonnummer", "kommunen", "stadshuset", "kundtjänst",
                             "Göteborgs Stad", "stadens telefonnummer", "ny i Göteborg", "nyinflyttad", "flyttat till Göteborg",
                             "var börjar jag", "inflyttning"],
     "kontaktcenter"),
    ("Lämna synpunkter till staden", ["förslag", "medborgarförslag", "e-förslag", "lämna förslag", "föreslå", "idé", "missnöjd", "klaga på bemötande", "tipsa kommunen", "klagomål", "beröm", "synpunkt", "klaga", "klagomål på kommunen", "tycka till"], "kontaktcenter"),
    ("Reklamera en vara", ["reklamation", "reklamera", "köprätt", "konsumentrådgivning", "konsumentvägledning", "ångerrätt", "garanti",
                           "lurad", "blev lurad", "bedragen", "bluff", "köpt på nätet", "handla på nätet", "näthandel", "e-handel",
                           "trasig vara", "fel på varan", "pengarna tillbaka", "returnera", "öppet köp", "hantverkare", "avtal"], "konsumentradgivning*"),
    ("Skulder och budget", ["skuldsanering stöd", "hushållsbudget", "budgetrådgivning",
                            "skuldrådgivning", "skulder", "budget", "hjälp med skulder", "skulder hos kronofogden",
                            "betalningsanmärkning", "inkasso", "sms-lån", "kan inte betala räkningarna"],
     "budget-och-skuldradgivning*"),
    ("Hjälp med e-tjänster", ["blanketter", "medborgarkontor", "samhällsinformation", "hjälp på andra språk", "fylla i blanketter",
                              "bank-id", "hjälp med myndigheter"], "medborgarkontor-angered"),
    ("God man", ["förvaltare", "ställföreträdare", "gode män", "förvaltarskap"], "overformyndare*"),
    ("Beställa tolk", ["tolkbeställning", "tolk"], "tolkformedling"),
    ("Begära ut allmän handling", ["diarienummer", "begära ut handlingar", "handlingar", "registrator", "protokoll", "kommunfullmäktige", "fullmäktige", "kommunstyrelsen", "nämnd", "politiker", "sammanträde", "beslut", "offentlighetsprincipen", "diarium", "allmänna handlingar", "offentlig handling"],
     "registrator-stadsledningskontoret"),
    ("Pressfrågor", ["media", "journalist"], "presstjanst"),
    ("Rösta i valet", ["valet", "val", "röstkort", "förtidsrösta", "valarbetare", "jobba i valet", "valresultat", "EU-val", "riksdagsval", "kommunval", "förtidsröstning", "vallokal", "rösta", "valsedel", "poströsta"], "valkansliet*"),
    ("Släktforskning i stadens arkiv", ["arkiv", "släktforskning"], "stadsarkivet"),
    ("Pass", ["passansökan", "förnya pass", "ansöka om pass"], "@polisen"),
    ("Nationellt id-kort", ["id-handling", "legitimation", "identitetshandling", "nytt id-kort", "id-kort"], "@polisen"),
    ("Polisanmälan", ["anmäla brott"], "@polisen"),
    ("Hittegods", ["hittat en hund", "bortsprungen hund", "upphittad katt", "borttappad plånbok", "hittade en plånbok", "borttappat", "tappat", "upphittat"], "@polisen"),
    ("Deklaration", ["f-skatt", "rot-avdrag", "rut-avdrag", "preliminärskatt", "skattetabell", "skattsedel", "inkomstdeklaration", "skatt", "skatteåterbäring", "deklarera"], "@skatteverket"),
    ("Flytta och folkbokföring", ["personnummer", "samordningsnummer", "adressändring", "flyttanmälan", "flytta", "ändra adress", "folkbokföring"], "@skatteverket"),
    ("Föräldrapenning", ["föräldraledig"], "@forsakringskassan"),
    ("Bostadsbidrag", ["bidrag till hyran", "hyresbidrag"], "@forsakringskassan"),
    ("Sjukpenning", ["sjukskriven"], "@forsakringskassan"),
    ("Busskort och biljetter", ["buss", "bussen", "tidtabell", "resegaranti", "försenad buss", "hållplats", "färja", "reseplanerare", "kollektivtrafik", "spårvagn", "Västtrafik", "biljett"], "@vasttrafik"),
    ("Sjukvårdsrådgivning", ["sluta röka", "sluta snusa", "rökavvänjning", "akuten", "närakut", "jourcentral", "sjukhus", "recept", "ångest", "depression", "psykolog", "vaccin", "vårdcentral", "sjuk", "sjukvård", "läkare", "doktor", "ungdomsmottagning", "preventivmedel",
                             "p-piller", "graviditetstest", "könssjukdom", "klamydia", "sexuell hälsa", "barnmorska",
                             "mödravård", "barnavårdscentral", "bvc", "vaccination", "sjuksköterska", "psykiatri"], "@1177-vardguiden"),
    ("Tandvård", ["folktandvården", "tandläkare"], "@vastra-gotalandsregionen"),
    ("Uppehållstillstånd", ["arbetstillstånd", "asyl"], "@migrationsverket"),
    ("Medborgarskap", ["svenskt medborgarskap"], "@migrationsverket"),
    ("Arbetslös", ["skriva in sig som arbetssökande", "platsbanken", "söka jobb", "a-kassa", "arbetslöshetskassa",
                   "arbetslöshetsersättning", "ersättning vid arbetslöshet", "förlorat jobbet", "uppsagd", "varslad", "stämpla"],
     "@arbetsformedlingen"),
    ("Körkort", ["körkortstillstånd"], "@transportstyrelsen"),
    ("Trängselskatt", ["trängselavgift"], "@transportstyrelsen"),
    ("Förarprov", ["uppkörning"], "@trafikverket"),
    ("Skulder hos Kronofogden", ["betalningsföreläggande", "skuldsanering"], "@kronofogden"),
    ("Studiemedel", ["studielån", "studiebidrag"], "@csn"),
    ("Pension", ["allmän pension", "bostadstillägg för pensionärer", "pensionär"], "@pensionsmyndigheten"),
    ("Lagfart", ["pantbrev", "inteckning", "vem äger fastigheten", "fastighetsregistret", "köpa fastighet lagfart"], "@lantmateriet"),
    ("Starta aktiebolag", ["registrera företag", "starta företag", "eget företag", "firma"], "@bolagsverket"),
    ("Sotning och brandskydd", ["sotare", "brandskyddskontroll", "sota"],
     "@raddningstjansten-storgoteborg"),
    ("Tillstånd för brandfarlig vara", ["gasol", "brandfarligt"],
     "@raddningstjansten-storgoteborg"),
    ("Stöd för våldsutsatta kvinnor", ["kvinnojour"], "@kvinnofridslinjen"),
    ("Stöd för barn och unga", ["prata med någon", "ensam", "ensamhet", "ledsen", "ung och ledsen", "stödlinje för unga", "barnjour"], "@bris"),
    ("Stöd efter brott", ["brottsoffer", "vittne", "brottsofferjour"], "@brottsofferjouren"),
    ("Förgiftning", ["svalt något giftigt"], "@giftinformationscentralen"),
    ("Självmordstankar", ["psykisk ohälsa akut", "självmord", "mår dåligt"], "@sjalvmordslinjen"),
    ("Tillstånd från länsstyrelsen", ["strandskydd", "vigsel förrättare", "djurskydd"],
     "@lansstyrelsen-vastra-gotaland"),
    ("Konsumentvägledning i hela landet", ["hallå konsument", "konsumentverket", "konsumenträtt", "konsumentfrågor"], "@konsumentverket"),
    ("Larma vid nödläge", ["nödsamtal", "nödnummer", "ambulans", "brand", "det brinner", "olycka", "nödsituation"], "@sos-alarm"),
    ("Jämställdhet", ["jämställdhetsfrågor"], "@jamstalldhetsmyndigheten"),
    ("Skadedjur i bostaden", ["duvor", "duva", "mata fåglar", "fågelmatning", "måsar", "fåglar", "råtta", "myror", "mal", "skadedjursbekämpning", "skadedjur", "ohyra", "kackerlackor", "vägglöss", "råttor", "möss",
                              "silverfisk"], "halsoskydd"),
    ("Eldning av trädgårdsavfall", ["eldning", "elda", "eldningsförbud", "elda löv och ris"],
     "miljotillsyn"),
    ("Borgerlig vigsel", ["vigsel", "gifta sig", "bröllop", "borgerligt bröllop"], "vigslar"),
    ("Lediga jobb i staden", ["praktik", "praktikplats", "prao", "feriepraktik", "lediga jobb", "jobba i staden", "jobba i kommunen", "vikariat",
                              "sommarvikariat"], "jobba-i-staden"),
    ("Familjerådgivning", ["parterapi", "relationsproblem", "parsamtal", "samtal för par"],
     "familjeradgivning"),
    ("Övergivna fordon", ["övergiven bil", "skrotbil", "bilvrak", "avställd bil"], "fordonsflytt"),
    # session 11: the breadth of a kommun's tasks, checked area by area
    ("Hindersprövning inför vigsel", ["hindersprövning", "intyg om hindersprövning", "äktenskapscertifikat",
                                      "gifta sig utomlands"], "@skatteverket"),
    ("Personbevis och namnbyte", ["personbevis", "namnbyte", "byta namn", "byta efternamn", "ändra namn"], "@skatteverket"),
    ("Bouppteckning", ["dödsfall", "när någon dött", "dödsfallsintyg", "arvskifte", "bouppteckning efter dödsfall"],
     "@skatteverket"),
    ("Barnbidrag och vård av sjukt barn", ["barnbidrag", "flerbarnstillägg", "vab", "vabba", "vård av barn",
                                           "underhållsstöd", "underhållsbidrag"], "@forsakringskassan"),
    ("Fordonsskatt och ägarbyte", ["fordonsskatt", "bilskatt", "ägarbyte", "ägarbyte bil", "avställa bil", "ställa av bilen",
                                   "registreringsbevis"], "@transportstyrelsen"),
    ("Statliga vägar och färjor", ["motorväg", "E6", "E20", "E45", "riksväg", "statlig väg", "vägfärja", "trafikläget"],
     "@trafikverket"),
    ("Tillstånd för offentlig tillställning", ["demonstration", "manifestation", "allmän sammankomst",
                                               "offentlig tillställning", "fyrverkerier", "tillstånd från polisen",
                                               "ordningstillstånd"], "@polisen"),
    ("Djur som far illa", ["djurplågeri", "djurskydd", "vanskötta djur", "misskött hund", "anmäla djurägare",
                           "förvildade katter", "hemlösa katter", "vildkatter", "djurens välfärd"],
     "@lansstyrelsen-vastra-gotaland"),
    ("Hundrastgårdar", ["hundrastgård", "hundpark", "hundrastplats", "rastgård", "hundbad", "hundar i parken",
                        "lösspringande hundar", "koppeltvång"], "parker-och-natur"),
    ("Badplatser", ["badplats", "strandbad", "bada ute", "havsbad", "badvatten", "badvattenkvalitet", "badstrand", "bryggor"],
     "parker-och-natur"),
    ("Utegym och motionsspår", ["utegym", "motionsspår", "elljusspår", "skatepark", "spontanidrott", "löparspår",
                                "utomhusgym", "isbana", "skridskor"], "parker-och-natur"),
    ("Uteservering", ["uteservering", "servering utomhus", "sommarservering", "uteservering på trottoaren"],
     "gatukontor-trafiktillstand"),
    ("Torghandel och torgplats", ["torgplats", "torghandel", "marknadsplats", "försäljningsplats", "sälja på torget",
                                  "gatuförsäljning", "julgransförsäljning", "försäljning på gatan"],
     "gatukontor-trafiktillstand"),
    ("Affischer och gatupratare", ["affisch", "affischer", "affischera", "gatupratare", "trottoarpratare",
                                   "reklam på trottoaren", "reklamskylt på gatan"], "gatukontor-trafiktillstand"),
    ("Filma och fotografera på allmän plats", ["filminspelning", "filma på gatan", "fotografering", "inspelning utomhus"],
     "gatukontor-trafiktillstand"),
    ("Skylt på byggnad", ["skylt", "skyltlov", "ljusskylt", "fasadskylt", "reklamskylt", "skylt på fasaden"], "bygglov"),
    ("Ändra fasad eller byta fönster", ["fasadändring", "byta fasadfärg", "måla om huset", "byta färg på huset", "fasad",
                                        "byta fönster", "inglasning av balkong", "inglasad balkong", "takbyte", "byta tak"],
     "bygglov"),
    ("Eldstad och skorsten", ["kamin", "braskamin", "kakelugn", "eldstad", "skorsten", "installera kamin", "vedspis",
                              "pelletskamin"], "bygglov"),
    ("Ritningar till ditt hus", ["ritningar", "ritning", "bygglovsritningar", "husritning", "planritning",
                                 "gamla ritningar", "byggnadsritningar", "ritningsarkiv", "bygglovsarkiv"], "stadsarkivet"),
    ("Buller från byggen, trafik och verksamheter", ["byggbuller", "buller från bygge", "byggarbetsplats",
                                                     "buller från byggarbetsplats", "trafikbuller", "fläktbuller",
                                                     "buller från restaurang", "industribuller", "sprängning",
                                                     "pålning"], "miljotillsyn"),
    ("Miljöfarlig verksamhet", ["utsläpp", "oljeutsläpp", "cistern", "oljecistern", "miljötillstånd", "anmälan miljöfarlig verksamhet",
                                "lukt från fabrik", "lukt från företag", "bilverkstad", "dumpning"], "miljotillsyn"),
    ("Trasig trafiksignal eller skylt", ["trafikljus", "trafiksignal", "rödljus", "trasigt trafikljus", "vägskylt",
                                         "trafikskylt", "nedkörd skylt", "skylt saknas", "gatunamnsskylt"],
     "felanmalan-gator-och-parker*"),
    ("Döda djur på gata eller i park", ["dött djur", "död fågel", "död katt", "påkört djur", "kadaver", "död räv"],
     "felanmalan-gator-och-parker*"),
    ("Elsparkcyklar", ["elsparkcykel", "sparkcykel", "elsparkcyklar i vägen", "felparkerad elsparkcykel",
                       "elsparkcyklar på trottoaren", "hyrcyklar"], "cykel"),
    ("Betala för parkering", ["parkeringsavgift", "parkeringsautomat", "p-automat", "betala parkering", "parkeringsapp",
                              "parkeringshus", "p-hus", "hyra parkeringsplats", "garageplats", "parkeringsplats",
                              "var kan jag parkera"], "kundservice-parkering-goteborg"),
    ("Ladda elbil", ["laddstolpe", "laddplats", "laddstation", "elbil", "ladda bilen", "laddbox"],
     "kundservice-parkering-goteborg"),
    ("Synpunkter på trafik och gator", ["farthinder", "fartgupp", "övergångsställe", "trafiksäkerhet", "hastighet",
                                        "för höga hastigheter", "farlig korsning", "vägarbete", "avstängd gata", "omledning",
                                        "gångväg", "trottoar", "trafiken"], "kontaktcenter"),
    ("Kris och beredskap", ["kris", "krisberedskap", "krisinformation", "hemberedskap", "beredskap", "skyddsrum",
                            "viktigt meddelande till allmänheten", "VMA", "krig", "nödvatten", "storm"], "kontaktcenter"),
    ("Avgift för hemtjänst och äldreboende", ["avgift hemtjänst", "avgift äldreboende", "avgift äldreomsorg",
                                              "maxtaxa äldreomsorg", "vad kostar hemtjänst", "kostnad hemtjänst",
                                              "avgiftsbeslut", "förbehållsbelopp"], "bistandshandlaggning-aldre"),
    ("Flyttad eller bortbogserad bil", ["bogserad bil", "bortbogserad", "bärgad bil", "flyttad bil", "bilen är borta",
                                        "var är min bil", "hämta ut bilen", "fordonsflytt"], "fordonsflytt"),
    ("Söka lägenhet", ["hyra lägenhet", "söka bostad", "bostadskö", "bostadskön", "ställa sig i bostadskö", "Boplats",
                       "hyresrätt", "förstahandskontrakt", "ny lägenhet", "lägenhet att hyra", "kötid"], "kundservice-boplats"),
    ("Gatusopning och löv", ["gatusopning", "sopa gatan", "löv", "löv på gatan", "lövhögar", "grus på gatan",
                             "sandupptagning", "smutsig gata", "sopmaskin"], "felanmalan-gator-och-parker*"),
    ("Adoption", ["adoptera", "adoptera ett barn", "styvbarnsadoption", "adoptionsutredning"], "familjeratt"),
    ("Hyra lokal eller mark av staden", ["hyra mark", "markarrende", "upplåtelse", "kommunal mark", "lokal av kommunen",
                                         "jordbruksarrende", "hyra kommunal lokal"], "arrenden"),
]  # fmt: skip

# What visitors who write English search for: every topic's name in English, and the words
# they use (the English pages show the registry's Swedish names).
ENGLISH = {
    "Bygglov för altan": ["building permit for a deck", "deck", "patio"],
    "Bygglov för tillbyggnad": ["building permit for an extension", "house extension"],
    "Attefallshus": ["attefall house", "small house without building permit"],
    "Friggebod": ["garden shed", "shed"],
    "Rivningslov": ["demolition permit"],
    "Marklov": ["ground works permit", "excavation on my plot"],
    "Plank och mur": ["fence", "wall"],
    "Solceller på taket": ["solar panels"],
    "Detaljplan för mitt område": ["zoning plan", "detailed development plan", "local plan"],
    "Samråd om nya planer": ["planning consultation"],
    "Nybyggnadskarta": ["site map for a building permit"],
    "Utstakning av hus": ["setting out a house"],
    "Fastighetsbildning": ["property boundary", "property line", "property subdivision", "land surveying"],
    "Sänka elförbrukningen hemma": ["energy advice", "save energy"],
    "Ny gatuadress": ["new street address", "house number"],
    "Köpa tomt": ["buy a building plot", "plot queue"],
    "Odlingslott": ["allotment", "allotment garden"],
    "Båtplats på kommunal mark": ["boat mooring", "boat berth"],
    "Förtur till bostad": ["priority housing", "urgent housing"],
    "Hål i gatan": ["pothole", "hole in the road"],
    "Trasig gatubelysning": ["broken street light", "street lighting"],
    "Klotter": ["graffiti"],
    "Nedskräpning i park": ["litter", "rubbish in the park", "dog mess", "fly-tipping"],
    "Boendeparkering": ["resident parking permit", "parking permit"],
    "Parkeringstillstånd för rörelsehindrade": ["disabled parking permit", "blue badge"],
    "Grävtillstånd": ["excavation permit", "digging in the street"],
    "Ställa container på gatan": ["skip on the street", "container permit"],
    "Färdtjänst": ["mobility service", "transport service for disabled people"],
    "Riksfärdtjänst": ["national mobility service"],
    "Lekplatser": ["playground"],
    "Evenemang i park": ["event in a park", "concert", "festival", "outdoor event", "event permit"],
    "Naturreservat": ["nature reserve", "hiking"],
    "Fälla träd": ["fallen branch", "fallen tree", "branch", "cut down a tree", "tree felling", "dangerous tree"],
    "Snöröjning": ["snow clearing", "snow removal", "snow ploughing"],
    "Halka på trottoar": ["icy pavement", "icy sidewalk", "gritting"],
    "Cykelparkering": ["bike parking", "bicycle parking"],
    "Övergivna cyklar": ["abandoned bike", "abandoned bicycle"],
    "Starta restaurang": ["open a cafe", "cafe", "coffee shop", "food truck permit", "open a restaurant", "register a food business"],
    "Matförgiftning på restaurang": ["food poisoning"],
    "Förorenad mark": ["contaminated land"],
    "Buller från grannar": ["noisy neighbours", "noise complaint", "noise from neighbours"],
    "Mögel i lägenheten": ["mould", "mold", "damp"],
    "Radon i bostaden": ["radon", "radon measurement"],
    "Serveringstillstånd": ["alcohol licence", "liquor license"],
    "Sälja tobak": ["sell tobacco", "tobacco licence"],
    "Enskilt avlopp": ["private sewage system", "septic system"],
    "Värmepump": ["heat pump", "geothermal heating"],
    "Sophämtning": ["packaging", "recycling station", "compost",
        "garbage collection",
        "waste collection",
        "rubbish collection",
        "bin collection",
        "trash",
        "food waste",
        "food waste bags",
        "waste sorting",
    ],
    "Byta storlek på soptunna": ["change bin size", "bigger bin"],
    "Vattenmätare": ["water meter"],
    "Dricksvattnets kvalitet": ["drinking water", "tap water", "water quality", "boil water notice", "hard water"],
    "Faktura för vatten och avlopp": ["water bill", "water and sewage bill"],
    "Vattenläcka": ["water leak", "no water", "burst pipe"],
    "Stopp i avloppet": ["blocked drain", "flooded basement"],
    "Lämna grovavfall": ["nearest recycling centre", "recycling center", "recycling centre", "bulky waste", "dump", "furniture", "old furniture", "sofa",
                         "mattress", "fridge", "large items"],
    "Farligt avfall": ["hazardous waste", "chemicals", "batteries", "paint", "old paint", "light bulbs"],
    "Slamtömning": ["septic tank emptying"],
    "Lånekort": ["library card", "library"],
    "Låna e-böcker": ["e-books", "audiobooks"],
    "Visning på konstmuseet": ["guided tour of the art museum", "art museum"],
    "Kulturstöd": ["culture grant", "arts funding"],
    "Kulturskolan": ["music school", "arts school for children", "dance classes"],
    "Stadsmuseet": ["city museum", "museum"],
    "Bokbussen": ["mobile library", "book bus"],
    "Föreningsbidrag": ["grants for associations", "club grant"],
    "Boka idrottshall": ["book a sports hall", "sports hall"],
    "Simhall": ["swimming pool", "swimming", "swimming lessons", "swim school"],
    "Fritidsgård": ["youth centre", "youth club"],
    "Förskoleplats": ["preschool", "apply for preschool", "kindergarten", "daycare", "nursery"],
    "Säga upp förskoleplats": ["cancel a preschool place"],
    "Byta förskola": ["change preschool"],
    "Avgift för förskola": ["preschool fee", "childcare fee"],
    "Lämna inkomstuppgift": ["report income for the childcare fee"],
    "Dagbarnvårdare": ["childminder"],
    "Barnomsorg på kvällar och helger": ["evening childcare", "night care", "weekend childcare"],
    "Välja grundskola": ["choose a school", "school choice", "change school", "enrol in school",
                         "school place", "start school", "newly arrived pupils"],
    "Skolskjuts": ["school transport", "school bus"],
    "Modersmålsundervisning": ["mother tongue tuition", "native language lessons"],
    "Skolsköterska och kurator": ["school refusal", "school absence", "refuses to go to school", "special support at school", "school nurse", "school counsellor", "bullying"],
    "Fritidshem": ["after-school care", "after school club"],
    "Söka till gymnasiet": ["apply to upper secondary school", "high school application"],
    "Studievägledning": ["study and career guidance", "career counselling"],
    "Anpassad gymnasieskola": [
        "upper secondary school for students with intellectual disabilities"
    ],
    "Busskort för gymnasieelever": ["bus card for students", "boarding allowance"],
    "Hemtjänst": ["home care", "home help", "elderly care", "elderly parent", "dementia", "alzheimer's", "day care for the elderly"],
    "Äldreboende": ["nursing home", "care home", "retirement home", "elderly care"],
    "Matdistribution": ["meals on wheels", "food delivery for the elderly"],
    "Trygghetslarm": ["personal alarm", "safety alarm"],
    "Stöd till anhöriga": ["carer support", "respite care"],
    "Korttidsboende": ["short-term care"],
    "Träffpunkter för äldre": ["meeting place for seniors", "activities for seniors"],
    "Ekonomiskt bistånd": ["eviction",
        "social welfare",
        "social assistance",
        "welfare benefits",
        "income support",
        "financial assistance",
        "rent",
        "can't pay rent",
        "money for food",
    ],
    "Vårdnad, boende och umgänge": ["custody", "divorce", "visitation rights"],
    "Faderskap": ["paternity"],
    "Akut social hjälp på kvällen": ["social emergency service", "emergency social services"],
    "Begravning utan pengar": ["funeral costs", "estate without money"],
    "Hemlös": ["sleeping rough", "nowhere to live", "homeless", "homelessness", "shelter"],
    "Stöd till familjer": ["family support", "parenting support", "worried parent", "teenager"],
    "Orosanmälan": ["report concern about a child", "child abuse", "child protection"],
    "Missbruk": ["addiction", "drug abuse", "alcohol problems", "gambling addiction", "drugs", "cannabis", "alcohol",
                 "drinking problem", "stop drinking", "alcoholism", "substance abuse", "rehab"],
    "Våld i nära relation": ["honour-based violence", "forced marriage", "domestic violence", "domestic abuse"],
    "Bli familjehem": ["foster family", "foster care"],
    "Insatser enligt LSS": ["disability support", "support for people with disabilities", "contact person",
                            "autism"],
    "Personlig assistans": ["personal assistance", "personal assistant"],
    "Bostadsanpassning": ["home adaptation", "home adaptation grant"],
    "Daglig verksamhet": ["daily activities"],
    "Komvux": ["adult education"],
    "Svenska för invandrare": [
        "Swedish for immigrants",
        "learn Swedish",
        "Swedish course",
        "Swedish lessons",
    ],
    "Hjälp att hitta jobb": ["help finding a job", "job support"],
    "Feriejobb": ["summer job", "summer jobs for young people"],
    "Frågor om elavtal": ["electricity contract", "electricity bill", "district heating"],
    "Strömavbrott": ["power cut", "power outage", "blackout"],
    "Avfallshämtning för företag": ["business waste"],
    "Felanmälan i Bostadsbolagets lägenhet": ["repair request Bostadsbolaget"],
    "Felanmälan i Familjebostäders lägenhet": ["repair request Familjebostäder"],
    "Kontrollavgift för parkering": ["parking fine", "parking ticket"],
    "Frågor om kommunen": ["city contact centre", "general questions", "switchboard",
                           "City of Gothenburg", "city hall", "new in Gothenburg", "newcomer", "new resident",
                           "moved to Gothenburg", "getting started", "where to start"],
    "Lämna synpunkter till staden": ["citizen proposal", "suggestion", "proposal to the city", "complaint", "feedback", "complain"],
    "Reklamera en vara": ["consumer complaint", "return a product", "faulty product", "scammed", "cheated", "online shopping",
                          "bought online", "refund", "consumer rights", "consumer advice"],
    "Skulder och budget": ["debt advice", "debt counselling", "budget advice", "debts", "help with debts", "unpaid bills"],
    "Hjälp med e-tjänster": ["help with e-services", "citizen office", "forms", "help in my language", "help with authorities"],
    "God man": ["legal guardian", "trustee"],
    "Beställa tolk": ["interpreter", "book an interpreter"],
    "Begära ut allmän handling": ["city council", "council minutes", "politicians", "decisions", "public documents", "freedom of information", "public records"],
    "Pressfrågor": ["press office", "media enquiries"],
    "Rösta i valet": ["election", "vote", "voting", "elections", "polling station"],
    "Släktforskning i stadens arkiv": ["city archives", "genealogy", "family history"],
    "Pass": ["passport", "new passport"],
    "Nationellt id-kort": ["id card", "national id card"],
    "Polisanmälan": ["report a crime", "police report"],
    "Hittegods": ["found a dog", "lost dog", "lost wallet", "lost property", "lost and found", "found property"],
    "Deklaration": ["tax return", "taxes"],
    "Flytta och folkbokföring": ["change of address", "moving", "population registration"],
    "Föräldrapenning": ["parental benefit", "parental leave"],
    "Bostadsbidrag": ["housing allowance", "housing benefit", "rent allowance"],
    "Sjukpenning": ["sickness benefit", "sick pay"],
    "Busskort och biljetter": ["bus", "timetable", "ferry", "bus card", "public transport", "tram", "tickets"],
    "Sjukvårdsrådgivning": ["health advice", "health care", "doctor", "health centre", "youth clinic", "contraception",
                            "sexual health", "midwife", "vaccination", "nurse"],
    "Tandvård": ["dentist", "dental care"],
    "Uppehållstillstånd": ["residence permit", "work permit", "asylum"],
    "Medborgarskap": ["citizenship"],
    "Arbetslös": ["unemployed", "unemployment", "job seeker", "unemployment benefit", "unemployment insurance", "lost my job",
                  "laid off"],
    "Körkort": ["driving licence", "driver's license"],
    "Trängselskatt": ["congestion tax"],
    "Förarprov": ["driving test"],
    "Skulder hos Kronofogden": ["enforcement authority", "debt collection"],
    "Studiemedel": ["student loan", "student aid"],
    "Pension": ["pension"],
    "Lagfart": ["title deed", "property registration"],
    "Starta aktiebolag": ["start a company", "start a business", "register a company"],
    "Sotning och brandskydd": ["chimney sweep", "fire safety"],
    "Tillstånd för brandfarlig vara": ["flammable goods permit", "gas cylinders"],
    "Stöd för våldsutsatta kvinnor": ["women's shelter", "violence against women"],
    "Stöd för barn och unga": ["lonely", "someone to talk to", "nobody to talk to", "helpline for children"],
    "Stöd efter brott": ["victim support", "crime victim"],
    "Förgiftning": ["poisoning", "poison information"],
    "Självmordstankar": ["suicidal thoughts", "mental health crisis"],
    "Tillstånd från länsstyrelsen": ["county administrative board", "animal welfare"],
    "Konsumentvägledning i hela landet": ["consumer advice"],
    "Larma vid nödläge": ["emergency", "fire", "ambulance", "emergency number"],
    "Jämställdhet": ["gender equality"],
    "Skadedjur i bostaden": ["pigeons", "feeding pigeons", "feeding birds", "seagulls", "pests", "cockroaches", "bedbugs", "rats"],
    "Eldning av trädgårdsavfall": ["burning garden waste", "bonfire"],
    "Borgerlig vigsel": ["civil wedding", "get married"],
    "Lediga jobb i staden": ["internship", "work placement", "jobs at the city", "job vacancies"],
    "Familjerådgivning": ["family counselling", "couples therapy"],
    "Övergivna fordon": ["abandoned car", "abandoned vehicle"],
    "Hindersprövning inför vigsel": ["marriage impediment examination", "certificate of no impediment"],
    "Personbevis och namnbyte": ["personal certificate", "change my name", "name change"],
    "Bouppteckning": ["estate inventory", "death of a relative", "someone died"],
    "Barnbidrag och vård av sjukt barn": ["child benefit", "care of a sick child", "maintenance support"],
    "Fordonsskatt och ägarbyte": ["vehicle tax", "change of car ownership", "car registration"],
    "Statliga vägar och färjor": ["motorway", "highway", "road ferry", "national roads"],
    "Tillstånd för offentlig tillställning": ["demonstration permit", "public gathering", "fireworks", "public event permit"],
    "Djur som far illa": ["animal cruelty", "animal neglect", "stray cats", "animal welfare report"],
    "Hundrastgårdar": ["dog park", "dog run", "off-leash area"],
    "Badplatser": ["beach", "beaches", "outdoor swimming", "bathing water"],
    "Utegym och motionsspår": ["outdoor gym", "running track", "skate park", "jogging trail"],
    "Uteservering": ["outdoor seating", "outdoor serving", "pavement cafe"],
    "Torghandel och torgplats": ["market stall", "market trading", "street vending", "sell vegetables"],
    "Affischer och gatupratare": ["posters", "sandwich board", "street advertising"],
    "Filma och fotografera på allmän plats": ["filming permit", "film in the street"],
    "Skylt på byggnad": ["sign permit", "shop sign", "illuminated sign"],
    "Ändra fasad eller byta fönster": ["change the facade", "new windows", "paint the house", "glazed balcony"],
    "Eldstad och skorsten": ["wood stove", "fireplace", "chimney", "install a stove"],
    "Ritningar till ditt hus": ["building drawings", "house plans", "floor plan", "drawings of my house"],
    "Buller från byggen, trafik och verksamheter": ["construction noise", "building site noise", "traffic noise",
                                                    "noise from a business"],
    "Miljöfarlig verksamhet": ["pollution", "environmental permit", "oil spill", "environmentally hazardous activity"],
    "Trasig trafiksignal eller skylt": ["broken traffic light", "traffic lights", "road sign", "missing sign"],
    "Döda djur på gata eller i park": ["dead animal", "dead bird", "roadkill"],
    "Elsparkcyklar": ["e-scooter", "electric scooter", "scooters on the pavement"],
    "Betala för parkering": ["pay for parking", "parking garage", "car park", "parking space", "where can i park"],
    "Ladda elbil": ["electric car charging", "charging station", "EV charging"],
    "Synpunkter på trafik och gator": ["speed bump", "pedestrian crossing", "road safety", "roadworks", "speeding"],
    "Kris och beredskap": ["crisis", "emergency preparedness", "civil defence", "shelter from attack", "public warning"],
    "Avgift för hemtjänst och äldreboende": ["home care fee", "nursing home fee", "cost of elderly care"],
    "Adoption": ["adoption", "adopt a child"],
    "Gatusopning och löv": ["street sweeping", "street cleaning", "leaves on the street"],
    "Söka lägenhet": ["find an apartment", "rent an apartment", "housing queue", "social housing", "flat to rent",
                      "apartment"],
    "Flyttad eller bortbogserad bil": ["towed car", "car towed away", "my car is gone"],
    "Hyra lokal eller mark av staden": ["rent land from the city", "lease municipal land"],
}

_SLUG_MAP = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "-", ",": "", ".": ""})


def slugify(text: str) -> str:
    slug = text.lower().translate(_SLUG_MAP)
    return "-".join(part for part in slug.split("-") if part)


def owner_of(function_key: str, functions: list[dict]) -> str:
    return next(f["organisation"] for f in functions if f["key"] == function_key)


def build_topics(functions: list[dict]) -> list[dict]:
    topics = []
    for name, synonyms, route in TOPICS:
        synonyms = synonyms + ENGLISH.get(name, [])
        first = route.endswith("*")
        route = route.rstrip("*")
        actor = route[1:] if route.startswith("@") else None
        topics.append(
            {
                "key": slugify(name),
                "organisation": (
                    "konsument-och-medborgarservice" if actor else owner_of(route, functions)
                ),
                "name": name,
                "synonyms": synonyms,
                "description": "",
                "function": None if actor else route,
                "external_actor": actor,
                "contact_center_first": first,
            }
        )
    return sorted(topics, key=lambda t: t["key"])


def build_actors() -> list[dict]:
    profile = load_profile()
    return sorted(
        (
            {
                "key": slugify(a.name),
                "name": a.name,
                "website": a.website,
                "purpose": ACTOR_PURPOSES[a.name],
                "national_number": NATIONAL_NUMBERS.get(a.name, ""),
            }  # fmt: skip
            for a in profile.external_actors
        ),
        key=lambda a: a["key"],
    )


def build_organisations() -> list[dict]:
    organisations = []
    for key, name, kind, mailbox, site, domains in ORGANISATIONS:
        organisations.append(
            {
                "key": key, "name": name, "kind": kind, "parent": None,
                "general_email": mailbox,
                "website": site if site.startswith("http") else f"https://goteborg.se{site}",
                "domains": domains,
            }
        )  # fmt: skip
    return sorted(organisations, key=lambda o: o["key"])


def build_demo() -> dict:
    functions = build_functions()
    return {
        "format": "serviceguiden-registry",
        "format_version": 1,
        "exported_at": GENERATED_ON,
        "organisations": build_organisations(),
        "external_actors": build_actors(),
        "exceptions": [],
        "functions": functions,
        "topics": build_topics(functions),
    }


# -- the bad sample: every rule broken once ----------------------------------------------


def _function(key: str, org: str, channels: list[dict], **fields) -> dict:
    row = {"key": key, "organisation": org, "name": key.replace("-", " ").capitalize(),
           "description": "", "status": "published", "review_by": "2027-06-01",
           "replaced_by": None, "channels": channels}  # fmt: skip
    row.update(fields)
    return row


def _channel(kind: str, value: str, **fields) -> dict:
    return {"kind": kind, "value": value, "label": "", "hours": {}, **fields}


def build_bad_import() -> dict:
    """A file that imports into the demo registry and breaks every rule a row can break:
    each row below names the rule it is there for."""
    sbk = "stadsbyggnadskontoret"
    weekdays = {"weekly": [{"days": "mon-fri", "opens": "08:00", "closes": "16:00"}]}
    return {
        "format": "serviceguiden-registry",
        "format_version": 1,
        "exported_at": GENERATED_ON,
        "organisations": [
            # REG-required (name), REG-choice (kind)
            {"key": "utan-namn", "name": "", "kind": "forvaltning"},
            # REG-own-domain-external, REG-domain-format
            {"key": "lanad-doman", "name": "Lånad domän", "kind": "company",
             "domains": ["polisen.se", "https://x"]},
            # REG-one-contact-center, FMT-email (general mailbox)
            {"key": "andra-kontaktcenter", "name": "Andra kontaktcentret",
             "kind": "contact_center", "general_email": "kontaktcenter.goteborg.se"},
            # REG-duplicate (an existing organisation's name under a new key)
            {"key": "sbk-kopia", "name": "Stadsbyggnadskontoret", "kind": "administration"},
            # REG-reference (unknown parent)
            {"key": "under-okand", "name": "Under okänd", "kind": "other",
             "parent": "finns-inte"},
            # REG-parent-cycle (an existing organisation placed under itself)
            {"key": "stadsledningskontoret", "name": "Stadsledningskontoret",
             "kind": "administration", "parent": "stadsledningskontoret"},
            # REG-format (a row that is not an object)
            "Stadsbyggnadskontoret",
        ],
        "external_actors": [
            # REG-url
            {"key": "utan-schema", "name": "Utan schema", "website": "skatteverket.se"},
            # REG-external-own-domain
            {"key": "stadens-egen", "name": "Stadens egen", "website": "https://goteborg.se/x"},
            # P4-external-phone and P4-external-email in what it is for
            {"key": "med-nummer", "name": "Med nummer", "website": "https://www.csn.se",
             "purpose": "Ring 0771-276 000 eller mejla info@csn.se."},
            # REG-national-number (an ordinary number of theirs is no national service number)
            {"key": "med-eget-nummer", "name": "Med eget nummer", "website": "https://www.csn.se",
             "national_number": "0771-276 000"},
        ],
        "exceptions": [
            # REG-exception-reason
            {"organisation": sbk, "value": "anna.svensson@goteborg.se", "reason": "kort",
             "ends_on": "2027-01-31", "granted_by": "demo"},
            # REG-exception-not-needed
            {"organisation": sbk, "value": "bygglov@sbk.goteborg.se",
             "reason": "Ingen anledning alls egentligen.", "ends_on": "2027-01-31"},
            # REG-exception-not-allowed
            {"organisation": sbk, "value": "info@polisen.se",
             "reason": "Polisen vill bli kontaktad direkt.", "ends_on": "2027-01-31"},
        ],
        "functions": [
            # P3-personal-email
            _function("personlig-brevlada", sbk, [_channel("email", "anna.svensson@goteborg.se")]),
            # P3-city-company-person
            _function("bolagsperson", sbk, [_channel("email", "karin.berg@renova.se")]),
            # REG-mobile-unstated (a mobile with no statement) and P4-external-phone (error)
            _function("mobil-och-extern", sbk, [_channel("phone", "070-123 45 67"),
                                                 _channel("phone", "0771-567 567")]),
            # P3-mobile-number (a warning: stated as shared) beside REG-mobile-reason (too short)
            _function("delad-mobil", sbk, [
                _channel("phone", "070-765 43 21",
                         shared_mobile_reason="Jourtelefonen går mellan handläggarna varje vecka."),
                _channel("phone", "070-111 22 33", shared_mobile_reason="jour"),
            ]),
            # REG-key (a key that is a path)
            _function("../nyckel", sbk, [_channel("email", "nyckel@sbk.goteborg.se")]),
            # REG-too-long and REG-control-characters
            _function("for-lang", sbk, [_channel("email", "lang@sbk.goteborg.se")],
                      name="Lovhandl\u202eäggning", description="Lång beskrivning. " * 130),
            # REG-contact-center-function and REG-one-contact-center-function
            _function("andra-kontaktcentret", sbk, [_channel("email", "kc2@sbk.goteborg.se")],
                      is_contact_center=True),
            # P4-external-email
            _function("extern-brevlada", sbk, [_channel("email", "info@polisen.se")]),
            # P2-city-company-contact (warning) — and FMT-email, FMT-phone, FMT-website
            _function("format-fel", sbk, [
                _channel("email", "kundservice@goteborgenergi.se"),
                _channel("email", "bygglov.sbk.goteborg.se"),
                _channel("phone", "12"),
                _channel("eservice", "ftp://goteborg.se/ansok"),
            ]),
            # P4-external-address (a warning) and P3-personal-phone, P3-person-name in text
            _function("text-med-person", sbk, [
                _channel("visiting_address", "Drottninggatan 1, 111 51 Stockholm"),
                _channel("accessibility", "Tolk bokas av Anna Svensson, 070-123 45 67."),
            ]),
            # P3-personnummer and P4-external-person in the description
            _function("personnummer", sbk, [_channel("email", "lov@sbk.goteborg.se")],
                      description="Ärendet gäller 811218-9876. Ring Karin Berg på Polisen."),
            # REG-hours, REG-hours-kind
            _function("fel-tider", sbk, [
                _channel("phone", "031-368 99 01",
                         hours={"weekly": [{"days": "mon", "opens": "17:00", "closes": "08:00"}]}),
                _channel("email", "tider@sbk.goteborg.se", hours=weekdays),
            ]),
            # REG-choice (channel kind)
            _function("fax", sbk, [_channel("fax", "031-368 99 02")]),
            # REG-publish-empty
            _function("tom-funktion", sbk, []),
            # REG-duplicate (the same name in the same organisation)
            _function("bygglov-igen", sbk, [_channel("email", "lov2@sbk.goteborg.se")],
                      name="Bygglov"),
            # REG-status-change (an existing published function cannot go back to draft)
            _function("bygglov", sbk, [_channel("email", "bygglov@sbk.goteborg.se")],
                      name="Bygglov", status="draft"),
            # REG-replacement-invalid (archived, replaced by itself)
            _function("ersatt-av-sig-sjalv", sbk, [_channel("email", "ersatt@sbk.goteborg.se")],
                      status="archived", replaced_by="ersatt-av-sig-sjalv"),
            # REG-required (review date missing)
            {**_function("utan-datum", sbk, [_channel("email", "datum@sbk.goteborg.se")]),
             "review_by": ""},
        ],
        "topics": [
            # REG-route
            {"key": "bade-och", "organisation": sbk, "name": "Både och",
             "function": "bygglov", "external_actor": "polisen"},
            # REG-route-archived
            {"key": "till-arkiverad", "organisation": sbk, "name": "Till arkiverad",
             "function": "lovhandlaggning-gammal"},
            # REG-synonyms
            {"key": "konstiga-synonymer", "organisation": sbk, "name": "Konstiga synonymer",
             "function": "bygglov", "synonyms": ["ok", 42]},
            # REG-reference (unknown function)
            {"key": "till-okand", "organisation": sbk, "name": "Till okänd",
             "function": "finns-inte"},
        ],
    }  # fmt: skip


def main() -> None:
    for name, data in (("goteborg.json", build_demo()), ("bad-import.json", build_bad_import())):
        path = HERE / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")  # noqa: T201


if __name__ == "__main__":
    main()
