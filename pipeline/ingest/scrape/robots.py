"""robots.txt, read once per host and obeyed as RFC 9309 says.

- 2xx: parse it (Protego) and obey the rules for our product token, or for ``*``;
- 4xx (missing, forbidden): the site sets no rules, everything may be fetched;
- 5xx, timeout, unreachable: assume everything is disallowed, as the RFC asks, so a site
  in trouble is left alone rather than crawled blind.

A ``Crawl-delay`` slows the host down (up to ``max_wait``); ``Sitemap:`` lines feed discovery.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field

from protego import Protego

from pipeline.ingest.decode import DecodeError, decode_bytes
from pipeline.ingest.scrape.fetch import Fetcher
from pipeline.ingest.scrape.urls import host_key, origin

log = logging.getLogger(__name__)

#: RFC 9309 asks crawlers to parse at least 500 KiB.
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass
class RobotsPolicy:
    host: str
    parser: Protego | None = None
    disallow_all: bool = False
    status: int | None = None
    error: str | None = None
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str, token: str) -> bool:
        if self.disallow_all:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, token))

    def crawl_delay(self, token: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(token)
        return float(delay) if delay is not None else None


def parse_robots(host: str, status: int | None, body: bytes | None, error: str | None) -> RobotsPolicy:
    """The policy implied by one robots.txt response (see the module docstring)."""
    if status is not None and 200 <= status < 300 and body is not None:
        try:
            text = decode_bytes(body)
        except DecodeError:
            text = ""
        parser = Protego.parse(text)
        return RobotsPolicy(host, parser=parser, status=status, sitemaps=list(parser.sitemaps))
    if status is not None and 400 <= status < 500 and status != 429:
        return RobotsPolicy(host, status=status)
    return RobotsPolicy(host, disallow_all=True, status=status, error=error or f"http-{status}")


class RobotsCache:
    """One policy per host, fetched on first use (thread-safe: one fetch per host)."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._policies: dict[str, RobotsPolicy] = {}

    def policy(self, url: str) -> RobotsPolicy:
        host = host_key(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(host, threading.Lock())
        with host_lock:
            if host not in self._policies:
                self._policies[host] = self._fetch(url, host)
            return self._policies[host]

    def _fetch(self, url: str, host: str) -> RobotsPolicy:
        resp = self.fetcher.get(origin(url) + "/robots.txt", max_bytes=ROBOTS_MAX_BYTES)
        policy = parse_robots(host, resp.status, resp.body, resp.error)
        opts = self.fetcher.options
        delay = policy.crawl_delay(opts.robots_token)
        if delay is not None:
            if delay > opts.max_wait:
                log.warning("%s asks for a Crawl-delay of %s s, over the limit: host skipped", host, delay)
                policy.disallow_all, policy.error = True, "crawl-delay-too-long"
            else:
                self.fetcher.scheduler.set_delay(host, delay)
        if policy.disallow_all:
            log.warning("robots.txt of %s not usable (%s): nothing fetched there", host, policy.error)
        return policy

    def allowed(self, url: str) -> bool:
        return self.policy(url).allowed(url, self.fetcher.options.robots_token)
