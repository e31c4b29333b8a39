"""What `scan SOURCE…` accepts and how each kind becomes rows of the crawl's frontier:

- a start URL (`https://goteborg.se/`): the page, the same-site links it leads to and the
  sitemaps its host's robots.txt names;
- a sitemap URL (`…/sitemap.xml`, `…/sitemap.xml.gz`, an index too): its pages only;
- a local folder (a mirror): every .html/.htm/.pdf/.docx/.odt/.txt/.md file in it, with
  addresses under `--base-url` when given;
- a WARC file (`.warc`, `.warc.gz`): every HTML/PDF/DOCX/ODT response record in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from serviceguiden.checker.documents import DOCUMENT_TYPES
from serviceguiden.checker.links import normalise

FILE_KINDS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf", ".docx": "docx",
    ".odt": "odt", ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
}  # fmt: skip
HTML_TYPES = {"text/html", "application/xhtml+xml"}


class SourceError(ValueError):
    """A SOURCE the scan cannot read; the message says what to give instead."""


@dataclass(frozen=True)
class Seed:
    url: str
    kind: str  # UrlKind value
    referrer: str = ""  # a local file's path, or 'warc-path#offset'


def is_sitemap_url(url: str) -> bool:
    path = url.split("?", 1)[0].lower()
    return path.endswith((".xml", ".xml.gz")) or "sitemap" in path.rsplit("/", 1)[-1]


def seeds(source: str, base_url: str = "") -> list[Seed]:
    if source.startswith(("http://", "https://")):
        url = normalise(source)
        if url is None:
            raise SourceError(f"{source}: not a usable http(s) address")
        return [Seed(url, "sitemap" if is_sitemap_url(url) else "page")]
    path = Path(source).expanduser()
    if path.is_dir():
        return _folder(path, base_url)
    if path.is_file() and path.name.lower().endswith((".warc", ".warc.gz")):
        return _warc(path)
    if path.is_file():
        raise SourceError(
            f"{source}: a single file is not a site; give its folder, a WARC file "
            "(.warc or .warc.gz) or an http(s) address (to check one file, use "
            "`serviceguiden check FILE`)"
        )
    raise SourceError(
        f"{source}: no such folder or file, and not an http(s) address "
        "(give a start URL, a sitemap URL, a folder or a WARC file)"
    )


def _folder(root: Path, base_url: str) -> list[Seed]:
    found = []
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        if file.suffix.lower() not in FILE_KINDS:
            continue
        relative = file.relative_to(root).as_posix()
        if base_url:
            url = normalise(base_url.rstrip("/") + "/" + quote(relative)) or file.as_uri()
        else:
            url = file.resolve().as_uri()
        found.append(Seed(url, "file", str(file.resolve())))
    if not found:
        raise SourceError(f"{root}: no .html, .pdf, .docx, .odt, .txt or .md files in it")
    return found


def _warc(path: Path) -> list[Seed]:
    from warcio.archiveiterator import ArchiveIterator

    found = []
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
                media = media.strip().lower()
                if media not in HTML_TYPES and media not in DOCUMENT_TYPES:
                    continue
                url = normalise(record.rec_headers.get_header("WARC-Target-URI") or "")
                if url:
                    offset = records.get_record_offset()
                    found.append(Seed(url, "warc", f"{path.resolve()}#{offset}"))
        except Exception as exc:  # warcio raises plain exceptions on broken archives
            raise SourceError(f"{path}: not a readable WARC file ({exc})") from None
    if not found:
        raise SourceError(f"{path}: no HTML, PDF, DOCX or ODT responses in this WARC file")
    return found


def warc_record(reference: str) -> tuple[int, str, bytes]:
    """(status, media type, body) of the record at 'path#offset'."""
    from warcio.archiveiterator import ArchiveIterator

    path, _, offset = reference.rpartition("#")
    with Path(path).open("rb") as handle:
        handle.seek(int(offset))
        record = next(iter(ArchiveIterator(handle)))
        status = int((record.http_headers.get_statuscode() or "200")[:3])
        media = (record.http_headers.get_header("Content-Type") or "").split(";")[0]
        return status, media.strip().lower(), record.content_stream().read()
