"""A generated municipal website for tests and the scan benchmark, served by a real HTTP
server on 127.0.0.1 (never any other address).

`build(root, base_url, functions, pages=N)` writes the site into `root` and returns what it
planted, page by page: every finding the scan must report (rule, value and registry entry),
the blocks repeated on many pages (to be reported once, as templates), and the paths
robots.txt disallows (never to be fetched). The site has what a city's site has: a header
with a menu, a footer with the contact center, section side columns, robots.txt with a
sitemap index (plain and gzip), articles with contact boxes embedded from Serviceguiden
(the web component, a server-side included fragment, an iframe), articles with details typed
in by hand — copies of the registry, stale copies, case officers, contractors, a city-owned
company — printable duplicates with a canonical link, pages only the sitemap knows, and
linked PDF, DOCX and ODT documents with a case officer's details.

`functions` are `Planted` registry functions: a name, a slug, its phone and its mailbox.
Writing documents needs fpdf2 (a development dependency) for PDF, python-docx and odfpy.

    python -m serviceguiden.checker.testsite OUT --pages 5000 --serve
"""

from __future__ import annotations

import argparse
import gzip
import html
import io
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIRST = ["Anna", "Karin", "Lars", "Eva", "Johan", "Maria", "Erik", "Sara", "Anders", "Lena",
         "Per", "Emma", "Mikael", "Kristina", "Peter", "Elin", "Fredrik", "Sofia", "Jonas",
         "Ingrid"]  # fmt: skip
LAST = ["Svensson", "Lindgren", "Berg", "Nilsson", "Johansson", "Karlsson", "Persson",
        "Andersson", "Eriksson", "Larsson", "Olsson", "Gustafsson", "Pettersson", "Jonsson",
        "Lindberg", "Lindqvist", "Magnusson", "Axelsson", "Bergström", "Lundberg"]  # fmt: skip
CONTRACTORS = ["Ledningsbyggarna i Väst", "Markentreprenad Norr", "Väg och Schakt Syd",
               "Brobyggarna Hisingen", "Asfaltsläggarna Väst"]  # fmt: skip
SUBJECTS = ["altan", "carport", "fasadändring", "tillbyggnad", "attefallshus", "plank",
            "rivning", "skylt", "solceller", "eldstad", "garage", "balkong", "pool", "mur",
            "stödmur", "uthus", "takkupa", "fönsterbyte", "markarbete", "parkering"]  # fmt: skip
SECTIONS = {"bygga": "Bygga och bo", "miljo": "Miljö och klimat", "skola": "Förskola och skola",
            "trafik": "Trafik och resor"}  # fmt: skip
PROSE = (
    "Här beskriver vi hur du går till väga steg för steg. Läs igenom informationen innan du "
    "ansöker, så att du har allt som behövs. Handläggningstiden är normalt några veckor, men "
    "den kan bli längre under sommaren. Tänk på att ansökan ska vara komplett när du skickar "
    "in den, annars kan vi behöva begära kompletteringar. Avgiften beräknas enligt taxan som "
    "kommunfullmäktige har beslutat."
)
SYLLABLES = ["ber", "ka", "lo", "mi", "sa", "to", "vi", "ra", "nel", "dö", "gå", "fin", "ro",
             "sten", "hav", "ek"]  # fmt: skip
FOOTER = "Kontaktcenter: {phone}, {email}"
TYPES = ("clean", "copy", "stale", "person", "external", "company", "document", "clean")


@dataclass(frozen=True)
class Planted:
    name: str
    slug: str
    phone: str
    email: str


@dataclass(frozen=True)
class Expect:
    rule: str
    value: str
    registry: str | None = None  # "function:<slug>" / None


@dataclass
class Site:
    base_url: str
    expected: dict[str, list[Expect]] = field(default_factory=dict)  # url -> findings
    templates: list[tuple[str, list[Expect], int]] = field(default_factory=list)
    disallowed: list[str] = field(default_factory=list)  # paths
    duplicates: list[str] = field(default_factory=list)  # URLs not to be reported twice
    readable: int = 0  # pages and documents the scan should read and report

    def rule_counts(self) -> Counter:
        counts = Counter(e.rule for found in self.expected.values() for e in found)
        for _, found, _ in self.templates:
            counts.update(e.rule for e in found)
        return counts


def _page(title: str, body: str, *, section: str = "", aside: str = "", canonical: str = "",
          footer: str = "") -> str:  # fmt: skip
    menu = "".join(
        f'<li><a href="/omrade/{key}/">{html.escape(name)}</a><ul>'
        + "".join(
            f'<li><a href="/omrade/{key}/?utm_source=meny">{name} – översikt</a></li>'
            for _ in range(3)
        )  # fmt: skip
        + "</ul></li>"
        for key, name in SECTIONS.items()
    )
    head = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (
        f"<!doctype html><html lang=sv><head><meta charset=utf-8><title>{html.escape(title)} – "
        f"Göteborgs Stad</title>{head}<style>body{{font-family:sans-serif}}</style>"
        "<script>window.menuState={open:false}</script></head><body>"
        '<header><a href="/">Göteborgs Stad</a><nav aria-label="Huvudmeny"><ul>'
        f"{menu}</ul></nav><form><input name=q aria-label=Sök></form></header>"
        '<div class="wrap"><nav class="breadcrumbs"><a href="/">Start</a>'
        + (f' › <a href="/omrade/{section}/">{SECTIONS[section]}</a>' if section else "")
        + "</nav>"
        f"<main><h1>{html.escape(title)}</h1>{body}</main>{aside}</div>"
        f"<footer><p>Göteborgs Stad</p><p>{footer}</p><p>Om webbplatsen · Tillgänglighet · "
        "Personuppgifter</p></footer></body></html>"
    )


def _embeds(topic: str, function: Planted, base: str) -> str:
    return (
        f'<sg-kontakt topic="{topic}"><a href="{base}/embed/topics/{topic}/frame">Kontakt: '
        f"{function.name}</a></sg-kontakt>"
        f'<section class="sg-kontakt" lang="sv" aria-label="Kontakt" data-sg-kind="topic" '
        f'data-sg-slug="{topic}"><h2>Kontakt</h2><dl><dt>Telefon</dt><dd>'
        f"{function.phone}</dd><dt>E-post</dt><dd>{function.email}</dd>"
        f"</dl></section>"
        f'<iframe src="{base}/embed/topics/{topic}/frame" title="Kontakt: {function.name}" '
        'width="480" height="320"></iframe>'
    )


class _Writer:
    def __init__(self, root: Path, base_url: str, functions: list[Planted], company: tuple):
        self.root = root
        self.base = base_url.rstrip("/")
        self.functions = functions
        self.company = company  # (name, mailbox domain) of a city company only the registry has
        self.cc = functions[0]
        self.site = Site(self.base)
        self.urls: list[str] = []
        self.html_pages = 0
        self.taken: set[str] = set()

    def write(self, path: str, text: str | bytes) -> None:
        target = self.root / path.strip("/")
        if path.endswith("/"):
            target = target / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, str):
            text = text.encode("utf-8")
        target.write_bytes(text)

    def page(self, path: str, title: str, body: str, expected: list[Expect], section: str,
             aside: str = "", canonical: str = "") -> None:  # fmt: skip
        footer = FOOTER.format(phone=self.cc.phone, email=self.cc.email)
        self.write(path, _page(title, body, section=section, aside=aside,
                               canonical=canonical, footer=footer))  # fmt: skip
        url = self.base + path
        self.site.expected[url] = expected
        self.site.readable += 1
        self.html_pages += 1
        self.urls.append(url)


COMPANY = ("Testbolaget i Göteborg", "testbolaget.se")


def build(
    root: Path, base_url: str, functions: list[Planted], pages: int = 60,
    company: tuple[str, str] = COMPANY, taken: frozenset[str] = frozenset(),
) -> Site:  # fmt: skip
    """Write the site; `functions[0]` is the contact center, the others ordinary functions
    (each with a phone and a mailbox in the registry). `taken`: the digits of every number
    in the registry, which planted personal and stale numbers must not be."""
    w = _Writer(Path(root), base_url, functions, company)
    w.taken = set(taken)
    ordinary = functions[1:]
    sections = list(SECTIONS)
    articles: dict[str, list[str]] = {s: [] for s in sections}
    for n in range(pages):
        section = sections[n % len(sections)]
        kind = TYPES[n % len(TYPES)]
        path = f"/omrade/{section}/artikel-{n}/"
        function = ordinary[n % len(ordinary)]
        subject = f"{SUBJECTS[n % len(SUBJECTS)]} i kvarteret {_quarter(n)}"
        body, expected = _article(w, kind, n, function, subject, path)
        aside = ""
        if section == "bygga":
            shared = f"{ordinary[0].name}, {ordinary[0].email}"
            aside = f"<aside><h2>Kontakta oss</h2><p>{shared}</p></aside>"
        title = f"Ansöka om {subject}"
        w.page(path, title, body, expected, section, aside)
        articles[section].append((path, title))
    # section start pages, the home page, what only the sitemap knows, and robots.txt
    for section in sections:
        links = "".join(
            f'<li><a href="{p}">{html.escape(t)}</a></li>' for p, t in articles[section]
        )
        w.page(f"/omrade/{section}/", SECTIONS[section], f"<p>{PROSE}</p><ul>{links}</ul>", [],
               section)  # fmt: skip
    hidden = [f"/intern/personal-{i}/" for i in range(3)]
    for path in hidden:
        w.write(path, _page("Internt", "<p>Personalliggare: Anna Svensson 070-123 45 67</p>"))
        w.site.disallowed.append(path)
    orphan = "/arkiv/gammal-sida/"
    name = "Ingrid Lundberg"
    w.page(orphan, "Gammal sida", f"<p>Kontakt: {name}, telefon 031-367 90 90.</p>",
           [Expect("P3-person-name", name), Expect("P3-personal-phone", "031-367 90 90")],
           "bygga")  # fmt: skip
    sitemap_urls = [u for u in w.urls]
    home_links = "".join(f'<li><a href="/omrade/{s}/">{n}</a></li>' for s, n in SECTIONS.items())
    home_links += "".join(f'<li><a href="{p}">Intern sida</a></li>' for p in hidden)
    w.page("/", "Välkommen till Göteborgs Stad", f"<p>{PROSE}</p><ul>{home_links}</ul>", [], "")
    sitemap_urls.append(w.base + "/")
    _sitemaps(w, sitemap_urls)
    w.write(
        "/robots.txt", f"User-agent: *\nDisallow: /intern/\n\nSitemap: {w.base}/sitemap.xml.gz\n"
    )
    # what is reported once: the footer everywhere, the side column in one section
    every = w.html_pages
    w.site.templates.append(
        (FOOTER.format(phone=w.cc.phone, email=w.cc.email),
         [Expect("P2-hard-coded-copy", w.cc.phone, f"function:{w.cc.slug}"),
          Expect("P2-hard-coded-copy", w.cc.email, f"function:{w.cc.slug}")], every)
    )  # fmt: skip
    bygga = len(articles["bygga"])
    w.site.templates.append(
        (f"{ordinary[0].name}, {ordinary[0].email}",
         [Expect("P2-hard-coded-copy", ordinary[0].email, f"function:{ordinary[0].slug}")],
         bygga)
    )  # fmt: skip
    return w.site


def _free(w: _Writer, series: str, n: int) -> str:
    """A number of the series for article n that the registry does not hold."""
    while True:
        number = f"{series} {10 + n % 90:02d} {10 + n // 90 % 90:02d}"
        digits = "".join(ch for ch in number if ch.isdigit())
        if digits not in w.taken:
            w.taken.add(digits)
            return number
        n += 1  # the next number of the series (later articles skip what is taken)


def _quarter(n: int) -> str:
    """A made-up quarter name per article, letters only (digits in a title could read as a
    short phone number)."""
    parts = []
    while True:
        n, rest = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[rest])
        if n == 0:
            break
    return "".join(parts).capitalize()


def _article(w: _Writer, kind: str, n: int, f: Planted, subject: str, path: str):
    first, last = FIRST[n % len(FIRST)], LAST[(n // len(FIRST) + n) % len(LAST)]
    own = _free(w, "031-367", n)
    registry = f"function:{f.slug}"
    prose = f"<p>{PROSE}</p><p>Om {subject}: {PROSE}</p>"
    if kind == "clean":
        return prose + _embeds(f.slug, f, w.base), []
    if kind == "copy":
        text = f"<p>Har du frågor om {subject}? Kontakta {f.name} på {f.phone} eller {f.email}.</p>"
        return prose + text, [Expect("P2-hard-coded-copy", f.phone, registry),
                              Expect("P2-hard-coded-copy", f.email, registry)]  # fmt: skip
    if kind == "stale":
        stale = _free(w, "031-369", n)
        text = f"<p>{f.name} ({subject}): {f.email}, telefon {stale}</p>"
        return prose + text, [Expect("P2-hard-coded-copy", f.email, registry),
                              Expect("P2-stale-copy", stale, registry)]  # fmt: skip
    if kind == "person":
        email = f"{first}.{last}@goteborg.se".lower().replace("ö", "o").replace("å", "a")
        text = f"<p>Handläggare: {first} {last}, telefon {own}, {email}</p>"
        # a printable copy of the page: same content, canonical link to the article
        printable = f"/skriv-ut{path}"
        w.write(printable, _page(f"Ansöka om {subject}", prose + text,
                                 canonical=w.base + path))  # fmt: skip
        w.site.duplicates.append(w.base + printable)
        link = f'<p><a href="{printable}">Skriv ut</a></p>'
        return prose + text + link, [Expect("P3-person-name", f"{first} {last}"),
                                     Expect("P3-personal-phone", own),
                                     Expect("P3-personal-email", email)]  # fmt: skip
    if kind == "external":
        company = CONTRACTORS[n % len(CONTRACTORS)]
        domain = company.split()[0].lower().replace("ä", "a").replace("ö", "o") + ".se"
        mobile = f"0709-{10 + n % 90:02d} {10 + n // 90 % 90:02d} 56"
        text = (f"<p>Entreprenören {company} AB har jourtelefon {mobile} och e-post "
                f"jour@{domain}.</p>")  # fmt: skip
        return prose + text, [Expect("P4-external-phone", mobile),
                              Expect("P4-external-email", f"jour@{domain}")]  # fmt: skip
    if kind == "company":
        name, domain = w.company
        text = f"<p>Frågor om {subject} hos {name}: kundservice@{domain}</p>"
        return prose + text, [Expect("P2-city-company-contact", f"kundservice@{domain}")]
    # a document: the article links a PDF, a DOCX or an ODT with a case officer in it
    suffix = ("pdf", "docx", "odt")[n // len(TYPES) % 3]
    doc_path = f"/dokument/beslut-{n}.{suffix}"
    email = f"{first}.{last}@goteborg.se".lower().replace("ö", "o").replace("å", "a")
    title = f"Beslut om {SUBJECTS[n % len(SUBJECTS)]}"
    lines = [title, "Handläggare", f"{first} {last}", f"Telefon {own}", email]
    w.write(doc_path, _document(suffix, title, lines))
    w.site.expected[w.base + doc_path] = [
        Expect("P3-person-name", f"{first} {last}"), Expect("P3-personal-phone", own),
        Expect("P3-personal-email", email),
    ]  # fmt: skip
    w.site.readable += 1
    return prose + f'<p><a href="{doc_path}">Beslutet ({suffix.upper()})</a></p>', []


def _document(kind: str, title: str, lines: list[str]) -> bytes:
    out = io.BytesIO()
    if kind == "pdf":
        from fpdf import FPDF

        pdf = FPDF()
        pdf.set_title(title)
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, "\n\n".join(lines))
        return bytes(pdf.output())
    if kind == "docx":
        import docx

        document = docx.Document()
        document.core_properties.title = title
        for line in lines:
            document.add_paragraph(line)
        document.save(out)
        return out.getvalue()
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in lines:
        document.text.addElement(P(text=line))
    document.write(out)
    return out.getvalue()


def _sitemaps(w: _Writer, urls: list[str]) -> None:
    half = len(urls) // 2

    def urlset(part: list[str]) -> str:
        entries = "".join(f"<url><loc>{html.escape(u)}</loc></url>" for u in part)
        return ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/'
                f'schemas/sitemap/0.9">{entries}</urlset>')  # fmt: skip

    w.write("/sitemap-1.xml", urlset(urls[:half]))
    w.write("/sitemap-2.xml.gz", gzip.compress(urlset(urls[half:]).encode()))
    index = (
        '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/'
        f'schemas/sitemap/0.9"><sitemap><loc>{w.base}/sitemap-1.xml</loc></sitemap><sitemap>'
        f"<loc>{w.base}/sitemap-2.xml.gz</loc></sitemap></sitemapindex>"
    )
    w.write("/sitemap.xml.gz", gzip.compress(index.encode()))


# -- the server ------------------------------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as real servers
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".pdf": "application/pdf",
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".odt": "application/vnd.oasis.opendocument.text",
        ".xml": "application/xml",
        ".gz": "application/gzip",
        ".txt": "text/plain; charset=utf-8",
    }

    def __init__(self, *args, requests: Counter, lock: threading.Lock, **kwargs):
        self._requests, self._lock = requests, lock
        super().__init__(*args, **kwargs)

    def do_GET(self):
        with self._lock:
            self._requests[self.path] += 1
        super().do_GET()

    def log_message(self, format, *args):  # quiet
        pass


class SiteServer:
    """Serves a folder on 127.0.0.1 and counts every requested path."""

    def __init__(self, root: Path, port: int = 0):
        self.requests: Counter = Counter()
        handler = partial(_Handler, directory=str(root), requests=self.requests,
                          lock=threading.Lock())  # fmt: skip
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def registry_numbers() -> frozenset[str]:
    """The national digits of every phone number in the registry (needs Django set up)."""
    from serviceguiden.directory.models import Channel

    numbers = Channel.objects.filter(kind__in=["phone", "sms", "text_phone"])
    return frozenset("".join(ch for ch in c.value if ch.isdigit()) for c in numbers)


def registry_functions() -> list[Planted]:
    """Published functions with a phone and a mailbox, read from the registry (needs Django
    set up): the contact center's own function first (the profile's number), then the rest."""
    from serviceguiden.directory.models import Function
    from serviceguiden.directory.validation import city_profile

    center = set(city_profile().contact_center.phones)
    found = []
    for function in Function.objects.published().prefetch_related("channels").order_by("slug"):
        channels = {c.kind: c.value for c in reversed(list(function.channels.all()))}
        if "phone" in channels and "email" in channels:
            found.append(
                Planted(function.name, function.slug, channels["phone"], channels["email"])
            )
    found.sort(key=lambda f: "".join(ch for ch in f.phone if ch.isdigit()) not in center)
    return found


def main(argv: list[str] | None = None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--port", type=int, default=8900)
    parser.add_argument("--serve", action="store_true")
    args = parser.parse_args(argv)
    django.setup()
    server = SiteServer(args.root, args.port)
    site = build(args.root, server.base_url, registry_functions(), args.pages,
                 taken=registry_numbers())  # fmt: skip
    print(f"{site.readable} pages and documents in {args.root}")  # noqa: T201
    if args.serve:
        print(f"Serving on {server.base_url}/ (Ctrl-C stops)")  # noqa: T201
        with server:
            threading.Event().wait()


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "serviceguiden.settings")
    main()
