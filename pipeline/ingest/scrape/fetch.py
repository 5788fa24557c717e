"""One polite HTTP GET: timeouts, retries with backoff, redirects, a size cap.

What comes back is always a ``Response``, never an exception: a timeout, a 404 or a page
that is too large is an outcome to record in the manifest, not a reason to stop the crawl.
Transient failures (timeouts, dropped connections, 429, 5xx) are retried with exponentially
growing pauses, and ``Retry-After`` is honoured; 404 and 410 are final at once. Redirects
are followed one hop at a time so that every hop takes its host's turn and is checked
against robots.txt. Bodies are read in chunks and abandoned past the size cap.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, ProtocolError, SSLError
from urllib3.exceptions import TimeoutError as UrllibTimeout

from pipeline.ingest.scrape.options import ScrapeOptions
from pipeline.ingest.scrape.politeness import HostScheduler, parse_retry_after
from pipeline.ingest.scrape.urls import canonical_url, host_key

log = logging.getLogger(__name__)

REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024


def _transient(status: int | None, error: str | None) -> bool:
    if error in ("timeout", "connection"):
        return True
    return status is not None and (status == 429 or status >= 500) and status != 501


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class Response:
    """The outcome of fetching one URL, after retries and redirects."""

    url: str
    final_url: str
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)
    fetched_at: str = field(default_factory=now_iso)

    @property
    def ok(self) -> bool:
        return self.error is None and self.status == 200 and self.body is not None

    @property
    def not_modified(self) -> bool:
        return self.error is None and self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'")
        return None


@dataclass
class _Attempt:
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes | None = None
    error: str | None = None


class Fetcher:
    """HTTP client shared by all threads of a crawl; counts every request it sends."""

    def __init__(self, options: ScrapeOptions, scheduler: HostScheduler | None = None) -> None:
        self.options = options
        self.scheduler = scheduler or HostScheduler(options.delay)
        self._pool = urllib3.PoolManager(
            num_pools=max(10, options.workers * 2),
            maxsize=1,
            retries=False,
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate", **options.extra_headers},
        )
        self._count_lock = threading.Lock()
        self.requests = 0

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> _Attempt:
        opts = self.options
        with self._count_lock:
            self.requests += 1
        try:
            resp = self._pool.urlopen(
                "GET",
                url,
                headers={**self._pool.headers, **headers},
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=True,
                timeout=urllib3.Timeout(connect=opts.timeout, read=opts.timeout),
            )
        except HTTPError as exc:
            return _Attempt(error=_error_kind(exc))
        out = _Attempt(status=resp.status, headers={k.lower(): v for k, v in resp.headers.items()})
        complete = False
        try:
            if resp.status != 200:
                complete = _discard_small_body(resp)  # read so the connection can be reused
                return out
            declared = out.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                out.error = "too-large"
                return out
            deadline = time.monotonic() + opts.max_time
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.stream(_CHUNK):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    out.error = "too-large"
                    return out
                if time.monotonic() > deadline:
                    out.error = "timeout"
                    return out
            out.body = b"".join(chunks)
            complete = True
            return out
        except HTTPError as exc:
            out.error = _error_kind(exc)
            return out
        finally:
            if not complete:
                resp.close()
            resp.release_conn()

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        allowed: Callable[[str], bool] | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """Fetch ``url``; ``allowed`` vets every redirect target (robots.txt)."""
        opts = self.options
        cap = opts.max_bytes if max_bytes is None else max_bytes
        result = Response(url=url, final_url=url)
        current = url
        for _hop in range(opts.max_redirects + 1):
            attempt = self._with_retries(current, headers or {}, cap, result)
            result.final_url = current
            result.status, result.headers, result.body, result.error = (
                attempt.status,
                attempt.headers,
                attempt.body,
                attempt.error,
            )
            if attempt.error or attempt.status not in REDIRECTS:
                break
            target = canonical_url(attempt.headers.get("location", ""), base=current)
            if target is None:
                result.error = "bad-redirect"
                break
            result.redirects.append(target)
            if allowed is not None and not allowed(target):
                result.final_url, result.error, result.status = target, "robots", None
                break
            current = target
        else:
            result.error = "too-many-redirects"
        if result.error is None and result.status is not None and result.status >= 400:
            result.error = f"http-{result.status}"
        result.fetched_at = now_iso()
        return result

    def _with_retries(self, url: str, headers: dict[str, str], cap: int, result: Response) -> _Attempt:
        opts = self.options
        host = host_key(url)
        for attempt_no in range(opts.retries + 1):
            with self.scheduler.turn(host):
                attempt = self._once(url, headers, cap)
            result.attempts += 1
            if not _transient(attempt.status, attempt.error) or attempt_no == opts.retries:
                return attempt
            wait = min(opts.backoff * 2**attempt_no, opts.backoff_max)
            asked = parse_retry_after(attempt.headers.get("retry-after"))
            if asked is not None:
                if asked > opts.max_wait:
                    log.info("%s asks to wait %.0f s, over the limit: giving up", url, asked)
                    return attempt
                wait = max(wait, asked)
            log.debug("retrying %s in %.2f s (%s)", url, wait, attempt.error or attempt.status)
            self.scheduler.defer(host, wait)
        return attempt  # pragma: no cover - the loop always returns

    def close(self) -> None:
        self._pool.clear()


def _discard_small_body(resp: urllib3.BaseHTTPResponse) -> bool:
    """Read a redirect's or an error's body when it is small; False when it was left unread."""
    try:
        resp.read(_CHUNK)
        return not resp.read(1)
    except HTTPError:
        return False


def _error_kind(exc: Exception) -> str:
    if isinstance(exc, NewConnectionError):
        return "connection"
    if isinstance(exc, UrllibTimeout):
        return "timeout"
    if isinstance(exc, ProtocolError):
        return "connection"
    if isinstance(exc, SSLError):
        return "ssl"
    return f"http-error: {type(exc).__name__}"
