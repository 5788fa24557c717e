"""Every setting of a crawl in one object, passed down instead of read from globals.

The defaults are those of a careful, identifiable crawler: one request per second per host
at most, a few retries with growing pauses, and pages larger than a press release could
plausibly be refused rather than read whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline import __version__

#: Product token matched against robots.txt ``User-agent`` lines.
ROBOTS_TOKEN = "medborgarlofte"
USER_AGENT = f"{ROBOTS_TOKEN}/{__version__} (open-source research crawler collecting medborgarlöften press releases)"


@dataclass(frozen=True)
class ScrapeOptions:
    cache_dir: Path = Path("data/raw/html")
    #: Seconds between two requests to the same host (raised by a robots.txt Crawl-delay).
    delay: float = 1.0
    #: Highest Crawl-delay or Retry-After we agree to wait; above it the host/page is given up.
    max_wait: float = 120.0
    #: Hosts crawled at the same time (never two requests to one host at once).
    workers: int = 4
    #: Seconds to connect and between bytes read; ``max_time`` bounds one whole request.
    timeout: float = 20.0
    max_time: float = 60.0
    #: Extra attempts after a timeout, a connection error, 429 or 5xx.
    retries: int = 3
    backoff: float = 2.0
    backoff_max: float = 60.0
    max_redirects: int = 5
    #: Pages larger than this are recorded as errors and not read further.
    max_bytes: int = 5 * 1024 * 1024
    #: Release pages fetched per site (listings, feeds and sitemaps not counted).
    max_pages: int = 500
    #: Listing pages followed through pagination, and sitemaps opened, per site.
    max_listing_pages: int = 30
    max_sitemaps: int = 20
    user_agent: str = USER_AGENT
    robots_token: str = ROBOTS_TOKEN
    #: Keep only candidates: URL/title filter before fetching, relevance model after.
    focus: bool = True
    min_relevance: float = 0.5
    #: Skip items dated (sitemap lastmod, feed date, page metadata) before this day.
    since: date | None = None
    #: Revalidate cached release pages too (conditional requests) instead of trusting the cache.
    refresh: bool = False
    extra_headers: dict[str, str] = field(default_factory=dict)
