"""Finding release URLs: sitemaps, RSS/Atom feeds and paginated news listings.

Each parser takes a fetched body and returns ``Link``s (URL plus, when the source gives them,
a title and a date) so that the focus filter can judge a link before it is fetched and
``--since`` can skip old items without asking the server. trafilatura finds the feeds a page
announces (``determine_feed``); the sitemap and feed entries themselves are read here with
lxml because trafilatura's link extractors keep only URLs (dropping ``lastmod``, titles and
dates) and reject hosts without a public suffix. courlan normalises and filters every link.
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from pipeline.ingest.scrape.urls import canonical_url, is_article_link, same_host, section_prefix

_XML_PARSER = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PAGE_PARAMS = frozenset({"page", "sida", "p", "pg", "start", "offset", "pagenumber", "pageindex"})
_PAGE_PATH = re.compile(r"/(?:page|sida)/\d+/?$", re.IGNORECASE)
_NEXT_WORDS = frozenset(
    {"nästa", "nästa sida", "next", "›", "»", "äldre", "äldre nyheter", "visa fler", "fler nyheter"}
)
_XML_STARTS = (b"<?xml", b"<urlset", b"<sitemapindex", b"<rss", b"<feed", b"<rdf", b"\x1f\x8b")
#: A page with this many links into its own section is taken for a listing.
MIN_SECTION_LINKS = 3
_MAX_GZIP = 50 * 1024 * 1024


@dataclass(frozen=True)
class Link:
    url: str
    title: str | None = None
    date: date | None = None


@dataclass
class Listing:
    articles: list[Link]
    pages: list[str]  # pagination: further listing pages
    feeds: list[str]

    @property
    def looks_like_listing(self) -> bool:
        return bool(self.pages) or len(self.articles) >= MIN_SECTION_LINKS


def parse_date(value: str | None) -> date | None:
    """A date from ISO 8601 (sitemaps, Atom, ``<time>``) or RFC 822 (RSS)."""
    if not value:
        return None
    value = value.strip()
    m = _ISO_DATE.search(value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _local(tag: object) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _xml_root(body: bytes):
    if body[:2] == b"\x1f\x8b":  # sitemap.xml.gz served as a file, not as Content-Encoding
        with gzip.GzipFile(fileobj=io.BytesIO(body)) as handle:
            body = handle.read(_MAX_GZIP)
    try:
        return etree.fromstring(body.lstrip(), _XML_PARSER)
    except etree.XMLSyntaxError:
        return None


def xml_kind(body: bytes) -> str | None:
    """``sitemap`` or ``feed`` when the body is one, else None (HTML or anything else)."""
    if not body[:2048].lstrip().lower().startswith(_XML_STARTS):
        return None
    root = _xml_root(body)
    if root is None:
        return None
    name = _local(root.tag)
    if name in ("urlset", "sitemapindex"):
        return "sitemap"
    if name in ("rss", "feed", "rdf"):
        return "feed"
    return None


def _child_text(element, name: str) -> str | None:
    for child in element:
        if _local(child.tag) == name and child.text:
            return child.text.strip()
    return None


def parse_sitemap(body: bytes, base: str) -> tuple[list[Link], list[Link]]:
    """(pages, nested sitemaps) listed in a sitemap or sitemap index, with their ``lastmod``."""
    root = _xml_root(body)
    pages: list[Link] = []
    sitemaps: list[Link] = []
    if root is None:
        return pages, sitemaps
    for element in root:
        name = _local(element.tag)
        if name not in ("url", "sitemap"):
            continue
        url = canonical_url(_child_text(element, "loc") or "", base=base)
        if url is None:
            continue
        link = Link(url, date=parse_date(_child_text(element, "lastmod")))
        (sitemaps if name == "sitemap" else pages).append(link)
    return pages, sitemaps


def parse_feed(body: bytes, base: str) -> list[Link]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, with title and date."""
    root = _xml_root(body)
    if root is None:
        return []
    links: list[Link] = []
    for element in root.iter():
        name = _local(element.tag)
        if name == "item":
            href = _child_text(element, "link") or _child_text(element, "guid")
            when = _child_text(element, "pubdate") or _child_text(element, "date")
        elif name == "entry":
            href = None
            for child in element:
                if _local(child.tag) == "link" and child.get("rel", "alternate") == "alternate":
                    href = child.get("href")
                    break
            when = _child_text(element, "published") or _child_text(element, "updated")
        else:
            continue
        url = canonical_url(href or "", base=base)
        if url is not None:
            links.append(Link(url, title=_child_text(element, "title"), date=parse_date(when)))
    return links


def _is_pagination(url: str, listing_url: str, text: str, rel: str) -> bool:
    if "next" in rel.split():
        return True
    a, b = urlsplit(url), urlsplit(listing_url)
    params = {k.lower() for k, _ in parse_qsl(a.query)}
    if a.path.rstrip("/") == b.path.rstrip("/") and params & _PAGE_PARAMS:
        return True
    if _PAGE_PATH.search(a.path) and a.path.startswith(section_prefix(listing_url).rstrip("/")):
        return True
    return text.lower() in _NEXT_WORDS and a.path.startswith(b.path.rstrip("/"))


def _nearby_date(anchor) -> date | None:
    """The ``<time datetime>`` of the list item or article card the link sits in."""
    node = anchor
    for _ in range(4):
        node = node.getparent()
        if node is None:
            return None
        if node.tag in ("li", "article", "tr", "div"):
            found = node.xpath(".//time/@datetime")
            if found:
                return parse_date(str(found[0]))
            if node.tag != "div":
                return None
    return None


def parse_listing(html: str, url: str) -> Listing:
    """Article links, pagination links and announced feeds of an HTML page."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return Listing([], [], [])
    prefix = section_prefix(url)
    own = canonical_url(url)
    in_section: dict[str, Link] = {}
    elsewhere: dict[str, Link] = {}
    pages: dict[str, None] = {}
    for anchor in root.iter("a", "link"):
        href = anchor.get("href")
        target = canonical_url(href or "", base=url)
        if target is None or target == own or not same_host(target, url):
            continue
        rel = (anchor.get("rel") or "").lower()
        text = " ".join(anchor.text_content().split()) if anchor.tag == "a" else ""
        if _is_pagination(target, url, text, rel):
            pages.setdefault(target)
            continue
        if anchor.tag != "a" or not is_article_link(target):
            continue
        link = Link(target, title=text or anchor.get("title") or None, date=_nearby_date(anchor))
        path = urlsplit(target).path
        if path.startswith(prefix) and len(path.rstrip("/")) > len(prefix.rstrip("/")):
            in_section.setdefault(target, link)
        elif not anchor.xpath("ancestor::nav|ancestor::header|ancestor::footer"):
            elsewhere.setdefault(target, link)
    articles = list(in_section.values()) or list(elsewhere.values())
    return Listing(articles=articles, pages=list(pages), feeds=announced_feeds(html, url))


def announced_feeds(html: str, url: str) -> list[str]:
    """Feeds a page links to, found by trafilatura's feed discovery."""
    from trafilatura.feeds import FeedParameters, determine_feed

    host = urlsplit(url).hostname or ""
    params = FeedParameters(url, host, url)
    found = []
    for feed in determine_feed(html, params):
        canon = canonical_url(feed, base=url)
        if canon and same_host(canon, url):
            found.append(canon)
    return found
