"""The checker's one outbound HTTP wrapper. Every request of a scan — pages, documents,
robots.txt, sitemaps — goes through `Fetcher.get`:

- an identifying User-Agent, no cookies kept, no proxy settings from the environment;
- a connect and read timeout and a deadline for the whole answer;
- a cap on the bytes read (pages and documents have their own), checked while streaming;
- only the content types asked for are read; anything else is closed unread;
- redirects followed by hand (at most five), each hop checked again;
- hosts that resolve to loopback, private, link-local or reserved addresses are refused
  unless the fetcher was made with `allow_private=True` (`scan --allow-private`, for a test
  site on this machine);
- a delay between requests to the same host (the larger of the configured one and the
  site's robots.txt `Crawl-delay`, capped).

Tests mock nothing here: they run a real HTTP server on 127.0.0.1 and allow private
addresses explicitly.
"""

from __future__ import annotations

import http.cookiejar
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request is too much

REDIRECTS = {301, 302, 303, 307, 308}
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 10.0


class Refused(Exception):
    """A request the fetcher would not make or finish; `reason` is a short stable code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


@dataclass
class Response:
    url: str  # after redirects
    status: int
    content_type: str  # media type, lower case, without parameters
    charset: str | None
    body: bytes
    redirects: list[str] = field(default_factory=list)

    def text(self) -> str:
        for encoding in (self.charset, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    continue
        return self.body.decode("cp1252", errors="replace")


def _no_cookies() -> httpx.Cookies:
    # A jar whose policy accepts no cookie: answers' Set-Cookie headers are dropped.
    return httpx.Cookies(
        http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(allowed_domains=[]))
    )


class AddressGuard:
    """Refuses hosts that resolve to addresses outside the public internet."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._known: dict[str, str | None] = {}
        self._lock = threading.Lock()

    def check(self, host: str, port: int) -> None:
        if self.allow_private:
            return
        with self._lock:
            known = self._known.get(host, "")
        if known == "":
            known = self._resolve(host, port)
            with self._lock:
                self._known[host] = known
        if known is not None:
            raise Refused("private-address", known)

    @staticmethod
    def _resolve(host: str, port: int) -> str | None:
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except socket.gaierror as exc:
            return f"cannot resolve {host}: {exc.strerror}"
        for info in infos:
            address = ipaddress.ip_address(info[4][0])
            if not address.is_global:
                return (
                    f"{host} resolves to {address}, a loopback or private address; "
                    "scan it only with --allow-private"
                )
        return None


class HostGate:
    """At most one request per `delay` seconds to each host, however many threads fetch."""

    def __init__(self, delay: float):
        self.delay = delay
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, seconds: float) -> None:
        with self._lock:
            self._delays[host] = min(max(seconds, self.delay), MAX_CRAWL_DELAY)

    def wait(self, host: str) -> None:
        with self._lock:
            delay = self._delays.get(host, self.delay)
            if delay <= 0:
                return
            now = time.monotonic()
            at = max(now, self._next.get(host, 0.0))
            self._next[host] = at + delay
        if at > now:
            time.sleep(at - now)


class Fetcher:
    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 15.0,
        allow_private: bool = False,
        delay: float = 0.0,
        connections: int = 8,
    ):
        self.user_agent = user_agent
        self.timeout = timeout
        self.guard = AddressGuard(allow_private)
        self.gate = HostGate(delay)
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            headers={"User-Agent": user_agent, "Accept-Language": "sv,en;q=0.5"},
            cookies=_no_cookies(),
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
            trust_env=False,
        )

    def close(self) -> None:
        self.client.close()

    def get(
        self,
        url: str,
        *,
        max_bytes: int,
        accept: Callable[[str, str], bool] | None = None,
        follow: Callable[[str], bool] | None = None,
    ) -> Response:
        """GET `url`. `accept(content_type, url)` decides whether an answer's body is read;
        `follow(url)` whether a redirect target may be fetched. Raises `Refused`."""
        redirects: list[str] = []
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            answer = self._one(current, max_bytes, accept)
            if isinstance(answer, Response):
                answer.redirects = redirects
                return answer
            target = urljoin(current, answer)
            if follow is not None and not follow(target):
                raise Refused("redirect-off-site", f"{current} redirects to {target}")
            redirects.append(current)
            current = target
        raise Refused("too-many-redirects", f"{url}: more than {MAX_REDIRECTS} redirects")

    def _one(self, url: str, max_bytes: int, accept) -> Response | str:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused("not-http", f"not an http(s) URL: {url}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        self.guard.check(parts.hostname, port)
        self.gate.wait(parts.hostname)
        deadline = time.monotonic() + self.timeout * 2
        try:
            with self.client.stream("GET", url) as answer:
                if answer.status_code in REDIRECTS and answer.headers.get("location"):
                    return answer.headers["location"]
                media, charset = media_type(answer.headers.get("content-type", ""))
                if answer.status_code >= 400:
                    return Response(url, answer.status_code, media, charset, b"")
                if accept is not None and not accept(media, url):
                    raise Refused("content-type", f"{url}: content type {media or 'none'}")
                length = answer.headers.get("content-length", "")
                if length.isdigit() and int(length) > max_bytes:
                    raise Refused("too-large", f"{url}: {length} bytes, more than {max_bytes}")
                chunks, total = [], 0
                for chunk in answer.iter_bytes(64 * 1024):  # decompressed: the cap is on text
                    total += len(chunk)
                    if total > max_bytes:
                        raise Refused("too-large", f"{url}: more than {max_bytes} bytes")
                    if time.monotonic() > deadline:
                        raise Refused("timeout", f"{url}: the answer took too long")
                    chunks.append(chunk)
                return Response(url, answer.status_code, media, charset, b"".join(chunks))
        except httpx.TimeoutException:
            raise Refused("timeout", f"{url}: no answer within {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise Refused("network", f"{url}: {type(exc).__name__}: {exc}") from None


def media_type(header: str) -> tuple[str, str | None]:
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.lower() == "charset" and value:
            charset = value.strip("\"' ").lower()
    return media.strip().lower(), charset
