"""URLs as the crawler compares them: one normal form per page, the site it belongs to, and
whether a link points at a document the checker reads."""

from __future__ import annotations

import posixpath
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that never change what a page shows.
TRACKING = ("utm_", "fbclid", "gclid", "msclkid", "mc_cid", "mc_eid", "_ga")
DOCUMENT_SUFFIXES = {".pdf": "pdf", ".docx": "docx", ".odt": "odt"}
# Links the crawler never follows: other schemes and files it cannot read.
SKIPPED_SUFFIXES = (
    ".jpg", ".jpeg", ".png", ".gif", ".svg", ".webp", ".ico", ".css", ".js", ".mp3", ".mp4",
    ".mov", ".avi", ".zip", ".gz", ".tar", ".rar", ".7z", ".xls", ".xlsx", ".ppt", ".pptx",
    ".doc", ".rtf", ".exe", ".dmg", ".iso", ".woff", ".woff2", ".ttf", ".ics", ".vcf", ".xml",
)  # fmt: skip


def normalise(url: str, base: str | None = None) -> str | None:
    """The normal form of an http(s) URL (resolved against `base`): lower-case scheme and
    host, no default port, no fragment, no tracking parameters, sorted query, resolved dots.
    None for anything that is not http(s)."""
    if base is not None:
        url = urljoin(base, url.strip())
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        host = f"{host}:{port}"
    path = parts.path or "/"
    trailing = path.endswith("/")
    path = posixpath.normpath(unquote(path))
    if path == ".":
        path = "/"
    if trailing and not path.endswith("/"):
        path += "/"
    path = quote(path, safe="/:@!$&'()*+,;=-._~%")
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING)
    ]
    return urlunsplit((scheme, host, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def site_key(host: str) -> str:
    """'www.goteborg.se' and 'goteborg.se' are one site."""
    return host[4:] if host.startswith("www.") else host


def same_site(url: str, sites: set[str]) -> bool:
    return site_key(host_of(url)) in sites


def document_kind(url: str) -> str | None:
    path = urlsplit(url).path.lower()
    for suffix, kind in DOCUMENT_SUFFIXES.items():
        if path.endswith(suffix):
            return kind
    return None


def is_skipped(url: str) -> bool:
    return urlsplit(url).path.lower().endswith(SKIPPED_SUFFIXES)
