"""An HTML page as the checker reads it: the main content as plain text, the page chrome
(header, menus, footer, side columns) as separate regions, the links to follow, and the
contact boxes embedded from Serviceguiden taken out.

The main content is the first element matching the content selectors
(`SERVICEGUIDEN_SCAN_CONTENT_SELECTORS`, by default `main`, `[role=main]`, `article`); a page
without one is its body minus the chrome elements. Text keeps the page's structure: a blank
line between blocks (paragraphs, headings, lists), a line break for `<br>`, list items and
table cells. A `mailto:` or `tel:` link whose text does not show its target gets the target
in brackets after the text ("Mejla Anna (anna.svensson@goteborg.se)"), because a reader can
use it all the same.

Embedded boxes are compliant by definition and removed before anything is read: the web
component `<sg-kontakt>`, a server-side included fragment (`<section class="sg-kontakt">`
with `data-sg-kind`) and an iframe of `/embed/topics/<slug>/frame`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from selectolax.lexbor import LexborHTMLParser, LexborNode

BLOCK_TAGS = frozenset(
    """address article aside blockquote div dl fieldset figure footer form h1 h2 h3 h4 h5 h6
    header hr main nav ol p pre section table ul details summary caption""".split()
)
LINE_TAGS = frozenset("br dd dt figcaption li tr option button label".split())
CELL_TAGS = frozenset({"td", "th"})
JUNK = "script, style, noscript, template, svg, head, object, embed, select, textarea, canvas"
CHROME_TAGS = frozenset({"header", "nav", "footer", "aside"})
EMBED_SELECTORS = "sg-kontakt, section.sg-kontakt, [data-sg-kind], iframe"
EMBED_PATH = re.compile(r"/embed/(?:topics|functions)/[-a-zA-Z0-9_]{1,100}(?:/frame)?/?(?:\?|$)")
SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
BLANK_LINES = re.compile(r"\n{3,}")
PHONE_DIGITS = re.compile(r"\D")


@dataclass
class Page:
    title: str = ""
    canonical: str | None = None
    base: str | None = None
    links: list[str] = field(default_factory=list)
    follow: bool = True  # meta robots nofollow turns it off
    index: bool = True  # meta robots noindex: read for links only
    embeds: int = 0
    main: str = ""
    chrome: list[str] = field(default_factory=list)  # one text per chrome region


def read_html(html: str, content_selectors: tuple[str, ...]) -> Page:
    tree = LexborHTMLParser(html)
    page = Page()
    _head(tree, page)
    body = tree.body
    if body is None:
        return page
    _remove(body.css(JUNK))
    embeds = [
        node
        for node in body.css(EMBED_SELECTORS)
        if node.tag != "iframe" or EMBED_PATH.search(node.attributes.get("src") or "")
    ]
    page.embeds = _remove(embeds)
    page.links = [
        href
        for a in body.css("a[href]")
        if (href := a.attributes.get("href") or "")
        and "nofollow" not in (a.attributes.get("rel") or "").lower()
    ]
    main = _main(body, content_selectors)
    chrome_nodes = [n for n in body.css("header, nav, footer, aside") if _outermost_chrome(n, main)]
    page.chrome = [t for n in chrome_nodes if (t := text_of(n))]
    _remove(chrome_nodes)
    if main is not None:
        page.main = text_of(main)
        main.decompose()
        rest = text_of(body)
        if rest:
            page.chrome.append(rest)
    else:
        page.main = text_of(body)
    return page


def _remove(nodes: list[LexborNode]) -> int:
    """Take elements out of the tree (an element inside another one taken out goes with
    it); the number of outermost elements removed."""
    chosen = {node.mem_id for node in nodes}
    outermost = []
    for node in nodes:
        parent = node.parent
        while parent is not None and parent.mem_id not in chosen:
            parent = parent.parent
        if parent is None:
            outermost.append(node)
    for node in outermost:
        node.decompose()
    return len(outermost)


def _head(tree: LexborHTMLParser, page: Page) -> None:
    title = tree.css_first("title")
    page.title = " ".join(title.text().split()) if title else ""
    for link in tree.css("link[rel][href]"):
        if "canonical" in (link.attributes.get("rel") or "").lower().split():
            page.canonical = link.attributes.get("href")
            break
    base = tree.css_first("base[href]")
    page.base = base.attributes.get("href") if base else None
    for meta in tree.css("meta[name][content]"):
        if (meta.attributes.get("name") or "").lower() in ("robots", "serviceguiden"):
            words = (meta.attributes.get("content") or "").lower()
            page.follow = page.follow and "nofollow" not in words and "none" not in words
            page.index = page.index and "noindex" not in words and "none" not in words


def _main(body: LexborNode, selectors: tuple[str, ...]) -> LexborNode | None:
    for selector in selectors:
        node = body.css_first(selector)
        if node is not None:
            return node
    return None


def _outermost_chrome(node: LexborNode, main: LexborNode | None) -> bool:
    parent = node.parent
    while parent is not None:
        if main is not None and parent.mem_id == main.mem_id:
            return False
        if parent.tag in CHROME_TAGS:
            return False
        parent = parent.parent
    return True


def text_of(root: LexborNode) -> str:
    """The text of an element with its block structure (see the module's docstring)."""
    out: list[str] = []
    stack: list[tuple[LexborNode, int]] = [(root, -1)]
    while stack:
        node, link_from = stack.pop()
        tag = node.tag
        if link_from >= 0:  # leaving an element
            if tag == "a":
                _link_target(node, out, link_from)
            if tag in BLOCK_TAGS:
                out.append("\n\n")
            elif tag in LINE_TAGS or tag in CELL_TAGS:
                out.append("\n")
            continue
        if tag == "-text":
            out.append(node.text_content or "")
            continue
        if tag == "br":
            out.append("\n")
            continue
        if tag.startswith("-"):  # comments and the like
            continue
        if tag in BLOCK_TAGS:
            out.append("\n\n")
        stack.append((node, len(out)))
        children = list(node.iter(include_text=True))
        stack.extend((child, -1) for child in reversed(children))
    return tidy("".join(out))


def tidy(text: str) -> str:
    lines = (SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _link_target(node: LexborNode, out: list[str], start: int) -> None:
    href = (node.attributes.get("href") or "").strip()
    scheme, _, target = href.partition(":")
    scheme = scheme.lower()
    if scheme not in ("mailto", "tel") or not target:
        return
    target = unquote(target.split("?", 1)[0]).strip()
    shown = "".join(out[start:])
    if scheme == "mailto":
        if not target or target.lower() in shown.lower():
            return
    else:
        digits = PHONE_DIGITS.sub("", target)
        national = "0" + digits[2:] if target.startswith("+46") else digits
        shown_digits = PHONE_DIGITS.sub("", shown)
        if not digits or digits in shown_digits or national in shown_digits:
            return
    out.append(f" ({target})")


def split_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each block (text between blank lines) of an extracted text."""
    spans, at = [], 0
    for part in text.split("\n\n"):
        spans.append((at, at + len(part)))
        at += len(part) + 2
    return spans
