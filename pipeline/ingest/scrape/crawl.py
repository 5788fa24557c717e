"""The crawl: from start URLs to the pages worth extracting, politely and resumably.

Seeds are grouped by host and each host is one job; ``workers`` jobs run at once, so several
municipalities are crawled in parallel while each host sees one request at a time (the
scheduler guarantees that even when a redirect leads to another job's host). For each seed:

- a sitemap or a feed: its entries are candidate pages (nested sitemaps followed);
- an HTML page that links into its own section or has pagination: a news listing, whose
  article links are candidates and whose pagination is followed;
- a home page: the sitemaps named in robots.txt (or ``/sitemap.xml``), its links, the news
  sections it links to (``/nyheter``, ``/aktuellt``...) as listings, and the feeds it announces;
- any other page: a release, kept as given.

A candidate is fetched only when it passes the focus filter (URL/title words, date) and
robots.txt, and kept when the relevance model agrees. Release pages already in the cache
are not asked for again; listings, feeds and sitemaps are revalidated with conditional
requests so a re-run sees new items without downloading unchanged ones.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.document import RawDocument, sha256_hex
from pipeline.ingest.scrape.cache import ManifestRow, PageCache
from pipeline.ingest.scrape.discovery import Link, parse_date, parse_feed, parse_listing, parse_sitemap, xml_kind
from pipeline.ingest.scrape.fetch import Fetcher, Response, now_iso
from pipeline.ingest.scrape.focus import Scorer, before, is_news_section, link_matches, nlp_relevance
from pipeline.ingest.scrape.options import ScrapeOptions
from pipeline.ingest.scrape.politeness import HostScheduler
from pipeline.ingest.scrape.robots import RobotsCache
from pipeline.ingest.scrape.seeds import Seed
from pipeline.ingest.scrape.urls import host_key, is_homepage, origin

log = logging.getLogger(__name__)

#: ``on_event(kind, url)`` with kind in: fetched, cached, kept, skipped, error.
EventHook = Callable[[str, str], None]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class CrawlSummary:
    hosts: int = 0
    seen: int = 0  # distinct candidate pages found (plus pages given as seeds)
    filtered: int = 0  # not fetched: URL/title did not pass the focus filter
    too_old: int = 0  # dated before --since
    over_budget: int = 0  # beyond --max-pages for their site
    fetched: int = 0  # pages asked from the server in this run (200 or 304)
    cached: int = 0  # pages served from the cache without a request
    sources: int = 0  # listings, feeds and sitemaps read
    kept: int = 0
    requests: int = 0  # every HTTP request sent, robots.txt and retries included
    errors: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class PageResult:
    """What became of one candidate page that was read (from the network or the cache)."""

    url: str
    final_url: str
    municipality_code: str | None
    kept: bool
    reason: str  # given, relevant, not-relevant, too-old, unreadable
    score: float | None = None
    title: str | None = None
    published: str | None = None
    document: RawDocument | None = None


@dataclass
class CrawlResult:
    summary: CrawlSummary
    pages: list[PageResult]

    @property
    def kept(self) -> list[PageResult]:
        return [p for p in self.pages if p.kept]


@dataclass
class _Fetched:
    url: str
    final_url: str
    body: bytes
    charset: str | None
    content_type: str | None
    resp: Response | None  # None when served from the cache
    prev: ManifestRow | None


@dataclass
class _Site:
    """Per-host crawl state (one thread owns it)."""

    seen: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    pages: int = 0
    results: list[PageResult] = field(default_factory=list)


def page_id(url: str) -> str:
    """A readable, stable document id: host, last path segment, short hash of the URL."""
    parts = urlsplit(url)
    host = (parts.hostname or "site").removeprefix("www.")
    if parts.port:
        host = f"{host}-{parts.port}"
    last = [p for p in parts.path.split("/") if p][-1:] or ["start"]
    slug = _SLUG.sub("-", last[0].lower().rsplit(".", 1)[0]).strip("-")[:60] or "page"
    return f"{host}-{slug}-{sha256_hex(url.encode('utf-8'))[:8]}"


def _declared_charset(fetched: _Fetched) -> str | None:
    if fetched.charset:
        return fetched.charset
    m = _META_CHARSET.search(fetched.body[:4096])
    return m.group(1).decode("ascii", "replace") if m else None


def to_document(fetched: _Fetched, max_bytes: int) -> RawDocument:
    """A fetched page as the ``RawDocument`` extraction reads (URL kept for the municipality)."""
    from pipeline.ingest.pdf import PdfError, extract_pdf
    from pipeline.ingest.readers import read_record

    record: dict[str, object] = {"id": page_id(fetched.final_url), "url": fetched.final_url}
    try:
        if fetched.content_type == "application/pdf" or fetched.body.startswith(b"%PDF"):
            record["text"] = extract_pdf(fetched.body)
        else:
            record["html"] = decode_bytes(fetched.body, declared=_declared_charset(fetched))
    except (DecodeError, PdfError) as exc:
        return RawDocument(
            doc_id=str(record["id"]),
            source=fetched.url,
            text=None,
            content_sha256=sha256_hex(fetched.body),
            url=fetched.final_url,
            error=f"unreadable page: {exc}",
        )
    return read_record(record, fetched.url, str(record["id"]), max_bytes)


class Crawler:
    def __init__(
        self,
        options: ScrapeOptions,
        scorer: Scorer | None = None,
        on_event: EventHook | None = None,
        scheduler: HostScheduler | None = None,
    ) -> None:
        self.options = options
        self.fetcher = Fetcher(options, scheduler or HostScheduler(options.delay))
        self.robots = RobotsCache(self.fetcher)
        self.cache = PageCache(options.cache_dir)
        self.scorer = scorer or nlp_relevance
        self.on_event = on_event
        self.summary = CrawlSummary()
        self._lock = threading.Lock()
        self._stop = threading.Event()

    # -- bookkeeping -------------------------------------------------------------------------

    def _count(self, name: str, n: int = 1) -> None:
        with self._lock:
            setattr(self.summary, name, getattr(self.summary, name) + n)

    def _error(self, kind: str, url: str) -> None:
        kind = kind.split(":")[0]
        with self._lock:
            self.summary.errors[kind] = self.summary.errors.get(kind, 0) + 1
        self._event("error", url)

    def _event(self, kind: str, url: str) -> None:
        if self.on_event is not None:
            self.on_event(kind, url)

    # -- fetching through robots, cache and manifest ------------------------------------------

    def _get(self, url: str, kind: str, revalidate: bool) -> _Fetched | None:
        """The body of ``url`` from the cache or the network; errors are recorded, then None."""
        if self._stop.is_set():
            return None
        prev = self.cache.get(url)
        if not self.robots.allowed(url):
            if prev is None or prev.error != "robots":
                self.cache.append(ManifestRow(url=url, final_url=None, status=None, fetched_at=now_iso(),
                                              error="robots", kind=kind))  # fmt: skip
            self._error("robots", url)
            return None
        if prev is not None and not revalidate:
            if prev.has_body:
                self._count("cached")
                self._event("cached", url)
                return _Fetched(url, prev.final_url or url, self.cache.read_body(prev), prev.charset,
                                prev.content_type, None, prev)  # fmt: skip
            if prev.permanent_error:
                self._error(str(prev.error), url)
                return None
        headers = {}
        if prev is not None and prev.has_body:
            if prev.etag:
                headers["If-None-Match"] = prev.etag
            if prev.last_modified:
                headers["If-Modified-Since"] = prev.last_modified
        resp = self.fetcher.get(url, headers=headers, allowed=self.robots.allowed)
        if resp.not_modified and prev is not None and prev.has_body:
            return _Fetched(url, prev.final_url or url, self.cache.read_body(prev), prev.charset,
                            prev.content_type, resp, prev)  # fmt: skip
        if not resp.ok:
            self.cache.record(resp, kind, prev)
            self._error(resp.error or f"http-{resp.status}", url)
            return None
        return _Fetched(url, resp.final_url, resp.body or b"", resp.charset, resp.content_type, resp, prev)

    def _commit(self, fetched: _Fetched, kind: str) -> None:
        """Write the manifest row once we know what the body was (page, listing, feed...)."""
        if fetched.resp is not None:
            self.cache.record(fetched.resp, kind, fetched.prev)
            self._event("fetched", fetched.url)

    # -- sources: listings, sitemaps, feeds ------------------------------------------------------

    def _walk(
        self,
        url: str,
        kind: str,
        limit: int,
        site: _Site,
        first: _Fetched | None,
        expand: Callable[[_Fetched], list[str]],
    ) -> None:
        """Read a listing and its pagination, or a sitemap and the sitemaps it nests: breadth first,
        each source once, at most ``limit``; ``expand`` handles one source and returns the next ones."""
        queue = deque([url])
        read = 0
        while queue and read < limit:
            current = queue.popleft()
            if current in site.sources:
                continue
            site.sources.add(current)
            fetched = first if first is not None and current == url else self._get(current, kind, True)
            if fetched is None:
                continue
            read += 1
            self._commit(fetched, kind)
            self._count("sources")
            queue.extend(u for u in expand(fetched) if u not in site.sources)

    def _listing(self, url: str, seed: Seed, site: _Site, first: _Fetched | None = None) -> None:
        def expand(fetched: _Fetched) -> list[str]:
            try:
                html = decode_bytes(fetched.body, declared=_declared_charset(fetched))
            except DecodeError as exc:
                self._error(f"unreadable: {exc}", fetched.url)
                return []
            listing = parse_listing(html, fetched.final_url)
            for link in listing.articles:
                self._page(link, seed, site)
            return listing.pages

        self._walk(url, "listing", self.options.max_listing_pages, site, first, expand)

    def _sitemap(self, url: str, seed: Seed, site: _Site, first: _Fetched | None = None) -> None:
        def expand(fetched: _Fetched) -> list[str]:
            pages, nested = parse_sitemap(fetched.body, fetched.final_url)
            for link in pages:
                self._page(link, seed, site)
            return [s.url for s in nested if not before(s.date, self.options.since)]

        self._walk(url, "sitemap", self.options.max_sitemaps, site, first, expand)

    def _feed(self, url: str, seed: Seed, site: _Site, first: _Fetched | None = None) -> None:
        if url in site.sources:
            return
        site.sources.add(url)
        fetched = first or self._get(url, "feed", True)
        if fetched is None:
            return
        self._commit(fetched, "feed")
        self._count("sources")
        for link in parse_feed(fetched.body, fetched.final_url):
            self._page(link, seed, site)

    # -- pages ---------------------------------------------------------------------------------

    def _page(self, link: Link, seed: Seed, site: _Site, given: bool = False, first: _Fetched | None = None) -> None:
        opts = self.options
        if link.url in site.seen or self._stop.is_set():
            return
        site.seen.add(link.url)
        self._count("seen")
        if not given:
            if opts.focus and not link_matches(link.url, link.title):
                self._count("filtered")
                return
            if before(link.date, opts.since):
                self._count("too_old")
                return
        if site.pages >= opts.max_pages:
            self._count("over_budget")
            return
        fetched = first or self._get(link.url, "page", opts.refresh)
        if fetched is None:
            return
        site.pages += 1
        if fetched.resp is not None:
            self._count("fetched")
        kind = xml_kind(fetched.body) if not given else None
        self._commit(fetched, kind or "page")
        if kind is not None:
            return  # a feed or sitemap linked as if it were a page
        site.results.append(self._judge(fetched, seed, given))

    def _judge(self, fetched: _Fetched, seed: Seed, given: bool) -> PageResult:
        opts = self.options
        doc = to_document(fetched, opts.max_bytes)
        result = PageResult(
            url=fetched.url,
            final_url=fetched.final_url,
            municipality_code=seed.municipality_code,
            kept=False,
            reason="unreadable",
            title=doc.title,
            published=doc.published,
        )
        if not doc.ok:
            self._error("unreadable", fetched.url)
            return result
        if given:
            result.kept, result.reason = True, "given"
        elif before(parse_date(doc.published), opts.since):
            result.reason = "too-old"
            self._count("too_old")
        elif not opts.focus:
            result.kept, result.reason = True, "all"
        else:
            result.score = self.scorer(doc)
            result.kept = result.score >= opts.min_relevance
            result.reason = "relevant" if result.kept else "not-relevant"
        if result.kept:
            result.document = doc
            self._count("kept")
            self._event("kept", fetched.url)
        else:
            self._event("skipped", fetched.url)
        return result

    # -- seeds and sites -----------------------------------------------------------------------

    def _start(self, seed: Seed, site: _Site) -> None:
        url = seed.url
        home = is_homepage(url)
        if home:
            policy = self.robots.policy(url)
            for sitemap in policy.sitemaps or [origin(url) + "/sitemap.xml"]:
                self._sitemap(sitemap, seed, site)
        prev = self.cache.get(url)
        if prev is not None and prev.kind == "page" and prev.has_body and not self.options.refresh:
            self._page(Link(url), seed, site, given=True)
            return
        fetched = self._get(url, "start", True)
        if fetched is None:
            return
        kind = xml_kind(fetched.body)
        if kind == "sitemap":
            self._sitemap(url, seed, site, first=fetched)
            return
        if kind == "feed":
            self._feed(url, seed, site, first=fetched)
            return
        try:
            html = decode_bytes(fetched.body, declared=_declared_charset(fetched))
        except DecodeError:
            html = ""
        listing = parse_listing(html, fetched.final_url) if html else None
        if listing is not None and (home or listing.looks_like_listing):
            self._listing(url, seed, site, first=fetched)
            if home:
                for link in listing.articles:
                    if is_news_section(link.url, link.title):
                        self._listing(link.url, seed, site)
                for feed in listing.feeds:
                    self._feed(feed, seed, site)
        else:
            self._page(Link(url), seed, site, given=True, first=fetched)

    def _site(self, seeds: list[Seed]) -> list[PageResult]:
        site = _Site()
        for seed in seeds:
            if self._stop.is_set():
                break
            self._start(seed, site)
        return site.results

    def run(self, seeds: Iterable[Seed]) -> CrawlResult:
        groups: dict[str, list[Seed]] = {}
        for seed in seeds:
            groups.setdefault(host_key(seed.url), []).append(seed)
        self.summary.hosts = len(groups)
        pages: list[PageResult] = []
        workers = max(1, min(self.options.workers, len(groups)))
        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scrape")
        try:
            futures = [pool.submit(self._site, group) for group in groups.values()]
            for future in futures:
                pages.extend(future.result())
        except BaseException:
            self._stop.set()  # let running jobs finish their request and stop
            raise
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
            self.summary.requests = self.fetcher.requests
            self.fetcher.close()
        pages.sort(key=lambda p: p.url)
        return CrawlResult(self.summary, pages)


def crawl(
    seeds: Iterable[Seed],
    options: ScrapeOptions | None = None,
    *,
    scorer: Scorer | None = None,
    on_event: EventHook | None = None,
) -> CrawlResult:
    """Crawl from ``seeds`` and return the pages read, with what was kept and why."""
    return Crawler(options or ScrapeOptions(), scorer=scorer, on_event=on_event).run(seeds)
