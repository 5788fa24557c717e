"""The fetcher alone against the loopback site: redirects, caps, retries, connection reuse."""

from __future__ import annotations

import pytest

from pipeline.ingest.scrape.fetch import Fetcher
from pipeline.ingest.scrape.options import ScrapeOptions

from .scrape_site import Site


@pytest.fixture
def site():
    with Site() as running:
        yield running


def _fetcher(**kw) -> Fetcher:
    options = {"delay": 0.01, "timeout": 0.3, "retries": 0, "backoff": 0.01, "max_bytes": 100_000, **kw}
    return Fetcher(ScrapeOptions(**options))


def test_error_bodies_do_not_break_the_next_request(site):
    fetcher = _fetcher()
    assert fetcher.get(site.url("/nyheter/polis-borta")).error == "http-404"
    assert fetcher.get(site.url("/nyheter/medborgarlofte-2024")).ok  # same pooled connection
    assert fetcher.get(site.url("/nyheter/polis-500")).error == "http-500"
    assert fetcher.get(site.url("/nyheter/trygghetsvandring")).ok


def test_redirect_loop_stops_at_the_limit(site):
    resp = _fetcher(max_redirects=3).get(site.url("/slinga"))
    assert resp.error == "too-many-redirects" and len(site.state.hits) == 4


def test_redirect_into_a_disallowed_path_is_not_followed(site):
    resp = _fetcher().get(site.url("/till-intern"), allowed=lambda url: "/intern/" not in url)
    assert resp.error == "robots" and resp.final_url.endswith("/intern/medborgarlofte-utkast")
    assert [h.path for h in site.state.hits] == ["/till-intern"]


def test_retry_after_beyond_the_limit_gives_up_at_once(site):
    resp = _fetcher(retries=3, max_wait=60).get(site.url("/vanta-lange"))
    assert (resp.status, resp.error, resp.attempts) == (503, "http-503", 1)


def test_size_cap_by_content_length_and_by_stream(site):
    fetcher = _fetcher(max_bytes=50_000)
    for path in ("/nyheter/polis-stor", "/nyheter/polis-stor-utan-langd"):
        resp = fetcher.get(site.url(path))
        assert (resp.status, resp.error, resp.body) == (200, "too-large", None)


def test_windows_1252_charset_is_reported(site):
    resp = _fetcher().get(site.url("/nyheter/medborgarlofte-arboga"))
    assert resp.charset == "windows-1252" and "Öström".encode("cp1252") in resp.body


def test_unreachable_host_is_a_connection_error():
    import socket

    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    resp = _fetcher().get(f"http://127.0.0.1:{port}/")
    assert resp.status is None and resp.error == "connection"
