"""Taking turns per host: one request at a time, at least ``delay`` seconds apart.

Each host has a lock and a "not before" time. A request holds its host's lock from the wait
to the end of the response, so the same host is never asked twice at once, while other hosts
go on in other threads. A ``Retry-After`` or a backoff simply pushes the host's "not before"
time further. The clock and the sleep are injectable so the rules are tested without waiting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime


class HostScheduler:
    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._not_before: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def _lock(self, host: str) -> threading.Lock:
        with self._guard:
            return self._locks.setdefault(host, threading.Lock())

    def set_delay(self, host: str, delay: float) -> None:
        """A host-specific delay (robots.txt Crawl-delay); never below the global one."""
        self._delays[host] = max(self.delay, delay)

    def host_delay(self, host: str) -> float:
        return self._delays.get(host, self.delay)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` for the next ``seconds`` (Retry-After, backoff)."""
        until = self._clock() + max(0.0, seconds)
        self._not_before[host] = max(self._not_before.get(host, 0.0), until)

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        """Wait for ``host``'s turn, hold it during the request, then start its delay."""
        with self._lock(host):
            wait = self._not_before.get(host, 0.0) - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                self.defer(host, self.host_delay(host))


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())
