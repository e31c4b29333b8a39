"""Documents: plain text, HTML or Markdown turned into searchable text that keeps a map back
to character offsets of the input, so that every finding's value is an exact substring.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field

# Spaces that break matching (no-break, thin, figure, narrow no-break, zero-width) become a
# plain space, one character for one, so offsets stay valid.
SPACE_TRANSLATION = str.maketrans(
    {
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2004": " ",
        "\u2005": " ",
        "\u2006": " ",
        "\u2007": " ",
        "\u2008": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u205f": " ",
        "\u3000": " ",
        "\t": " ",
        "\r": "\n",
        "\u200b": " ",
        "\u00ad": " ",
        "\ufeff": " ",
    }
)

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "option",
        "button",
        "label",
    ]
)
SKIP_CONTENT = re.compile(r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>", re.S | re.I)
HTML_TOKEN = re.compile(
    r"<!--.*?-->|<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>"
    r"|<[!?][^>]*>|<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?")
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
HTML_SNIFF = re.compile(
    r"<(?:!doctype|html|body|div|p|a|span|br|h[1-6]|ul|li|table|section|article)\b", re.I
)
MARKDOWN_SNIFF = re.compile(r"^(?:#{1,6} |\* |- |\d+\. |> )|\[[^\]]+\]\([^)]+\)", re.M)


@dataclass
class Link:
    """An <a href> in an HTML document: its target and where the target sits in the input."""

    href: str
    start: int  # raw offsets of the href value
    end: int
    text_start: int  # text offsets of the link text
    text_end: int


@dataclass
class Document:
    raw: str
    text: str
    fmt: str
    # Offsets into `raw` for each character of `text` (start and end); None when identical.
    starts: array | None = None
    ends: array | None = None
    links: list[Link] = field(default_factory=list)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the input that produced text[start:end]."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            return self.starts[start], self.starts[start]
        return self.starts[start], self.ends[end - 1]


def sniff(raw: str) -> str:
    head = raw[:4000]
    if HTML_SNIFF.search(head):
        return "html"
    if MARKDOWN_SNIFF.search(head):
        return "markdown"
    return "text"


def load(raw: str, fmt: str | None = None) -> Document:
    fmt = fmt or sniff(raw)
    if fmt == "html":
        return _from_html(raw)
    if fmt not in {"text", "markdown"}:
        raise ValueError(f"unknown format {fmt!r}: use text, html or markdown")
    # Plain text and Markdown are searched as they are; Markdown links keep their targets in
    # the text, where the extractors find mailto:, tel: and web addresses.
    return Document(raw=raw, text=raw.translate(SPACE_TRANSLATION), fmt=fmt)


def _from_html(raw: str) -> Document:
    pieces: list[str] = []
    starts = array("l")
    ends = array("l")
    links: list[Link] = []
    open_link: tuple[str, int, int, int] | None = None
    length = 0

    def add_text(segment_start: int, segment_end: int) -> None:
        nonlocal length
        segment = raw[segment_start:segment_end]
        if "&" not in segment:
            pieces.append(segment.replace("\n", " "))
            starts.extend(range(segment_start, segment_end))
            ends.extend(range(segment_start + 1, segment_end + 1))
            length += len(segment)
            return
        cursor = 0
        for match in ENTITY.finditer(segment):
            if match.start() > cursor:
                add_plain(segment_start + cursor, segment_start + match.start())
            decoded = html.unescape(match.group())
            at = segment_start + match.start()
            stop = segment_start + match.end()
            pieces.append(decoded)
            starts.extend([at] * len(decoded))
            ends.extend([stop] * len(decoded))
            length += len(decoded)
            cursor = match.end()
        if cursor < len(segment):
            add_plain(segment_start + cursor, segment_end)

    def add_plain(a: int, b: int) -> None:
        nonlocal length
        pieces.append(raw[a:b].replace("\n", " "))  # source line breaks are only spaces
        starts.extend(range(a, b))
        ends.extend(range(a + 1, b + 1))
        length += b - a

    def add_break(at: int) -> None:
        nonlocal length
        pieces.append("\n")
        starts.append(at)
        ends.append(at)
        length += 1

    cursor = 0
    for token in HTML_TOKEN.finditer(raw):
        if token.start() > cursor:
            add_text(cursor, token.start())
        cursor = token.end()
        name = (token.group(3) or "").lower()
        if not name:
            continue
        closing = token.group(2) == "/"
        if name == "a":
            if not closing:
                href = HREF.search(token.group(4) or "")
                if href:
                    group = (
                        1 if href.group(1) is not None else 2 if href.group(2) is not None else 3
                    )
                    base = token.start(4)
                    value = href.group(group)
                    open_link = (value, base + href.start(group), base + href.end(group), length)
            elif open_link is not None:
                value, a, b, text_start = open_link
                links.append(Link(html.unescape(value), a, b, text_start, length))
                open_link = None
        elif name in BLOCK_TAGS:
            add_break(token.start())
    if cursor < len(raw):
        add_text(cursor, len(raw))
    text = "".join(pieces).translate(SPACE_TRANSLATION)
    return Document(raw=raw, text=text, fmt="html", starts=starts, ends=ends, links=links)
