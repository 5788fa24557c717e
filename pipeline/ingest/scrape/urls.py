"""URL normalisation and link filtering, so that one page is one URL.

The same release is linked as ``/nyheter/a``, ``/nyheter/a#top`` and
``/nyheter/a?utm_source=nyhetsbrev``; without normalisation it would be fetched three times.
courlan does the normalising (lower-case host, sorted query, tracking parameters dropped)
and tells files and login pages from articles; fragments are dropped here.
"""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin, urlsplit

from courlan import normalize_url
from courlan.filters import extension_filter, is_not_crawlable, type_filter


def canonical_url(url: str, base: str | None = None) -> str | None:
    """Absolute, normalised ``http(s)`` URL without fragment, or None when it is not one."""
    url = (url or "").strip()
    if not url:
        return None
    if base:
        url = urljoin(base, url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        url = normalize_url(url)
    except ValueError:
        return None
    return urldefrag(url)[0]


def host_key(url: str) -> str:
    """``host[:port]`` in lower case: the unit of politeness and of robots.txt."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{host_key(url)}"


def same_host(a: str, b: str) -> bool:
    return host_key(a) == host_key(b)


def is_homepage(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def is_article_link(url: str) -> bool:
    """A link that could be a press release: not a file (except a PDF, the form many promises are
    published in), a login, a tag or an author page."""
    is_pdf = urlsplit(url).path.lower().endswith(".pdf")
    return (is_pdf or bool(extension_filter(url))) and not is_not_crawlable(url) and bool(type_filter(url))


def section_prefix(url: str) -> str:
    """Path prefix that articles of a listing share: ``/nyheter/`` for ``/nyheter`` or ``/nyheter/index.html``."""
    path = urlsplit(url).path or "/"
    last = path.rsplit("/", 1)[-1]
    if "." in last:
        path = path[: -len(last)]
    return path if path.endswith("/") else path + "/"
