"""Scraping building blocks without a network: turn-taking, robots rules, URLs, parsers, seeds."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from pipeline.ingest.scrape.crawl import page_id
from pipeline.ingest.scrape.discovery import parse_date, parse_feed, parse_listing, parse_sitemap, xml_kind
from pipeline.ingest.scrape.focus import before, fold, link_matches
from pipeline.ingest.scrape.politeness import HostScheduler, parse_retry_after
from pipeline.ingest.scrape.robots import parse_robots
from pipeline.ingest.scrape.seeds import SeedError, collect_seeds, read_sites_csv
from pipeline.ingest.scrape.urls import canonical_url, host_key, is_article_link, is_homepage, section_prefix

BASE = "https://www.koping.se"


class FakeClock:
    """A clock that only moves when somebody sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


def test_same_host_waits_the_delay_other_hosts_do_not():
    clock = FakeClock()
    sched = HostScheduler(1.5, clock=clock, sleep=clock.sleep)
    with sched.turn("koping.se"):
        pass
    with sched.turn("arboga.se"):
        pass
    assert clock.slept == []
    with sched.turn("koping.se"):
        pass
    assert clock.slept == [1.5]


def test_defer_and_crawl_delay_push_the_next_turn():
    clock = FakeClock()
    sched = HostScheduler(1.0, clock=clock, sleep=clock.sleep)
    sched.set_delay("kungsor.se", 0.2)  # a Crawl-delay below ours never speeds us up
    assert sched.host_delay("kungsor.se") == 1.0
    sched.set_delay("kungsor.se", 4.0)
    with sched.turn("kungsor.se"):
        sched.defer("kungsor.se", 30.0)  # Retry-After during the request
    with sched.turn("kungsor.se"):
        pass
    assert clock.slept == [30.0]


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("120", 120.0), ("0", 0.0), ("Wed, 21 Oct 2015 07:28:30 GMT", 30.0), ("snart", None), (None, None)],
)
def test_retry_after(header, seconds):
    now = datetime(2015, 10, 21, 7, 28, 0, tzinfo=UTC)
    assert parse_retry_after(header, now=now) == seconds


def test_robots_rules_follow_rfc_9309():
    rules = b"User-agent: *\nDisallow: /intern/\nAllow: /intern/publikt\nCrawl-delay: 3\n"
    policy = parse_robots("koping.se", 200, rules, None)
    assert not policy.allowed(f"{BASE}/intern/utkast", "medborgarlofte")
    assert policy.allowed(f"{BASE}/intern/publikt", "medborgarlofte")
    assert policy.allowed(f"{BASE}/nyheter/a", "medborgarlofte")
    assert policy.crawl_delay("medborgarlofte") == 3.0
    # Unavailable (4xx): no rules. Unreachable (5xx, timeout): assume everything is disallowed.
    assert parse_robots("koping.se", 404, None, "http-404").allowed(f"{BASE}/x", "medborgarlofte")
    assert not parse_robots("koping.se", 503, None, "http-503").allowed(f"{BASE}/x", "medborgarlofte")
    assert not parse_robots("koping.se", None, None, "timeout").allowed(f"{BASE}/x", "medborgarlofte")


def test_robots_group_for_our_token_wins():
    rules = b"User-agent: *\nDisallow: /\n\nUser-agent: medborgarlofte\nDisallow: /sok\n"
    policy = parse_robots("koping.se", 200, rules, None)
    assert policy.allowed(f"{BASE}/nyheter/a", "medborgarlofte")
    assert not policy.allowed(f"{BASE}/sok?q=polis", "medborgarlofte")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (f"{BASE}/nyheter/a#top", f"{BASE}/nyheter/a"),
        (f"{BASE}/nyheter/a?utm_source=nyhetsbrev", f"{BASE}/nyheter/a"),
        ("HTTPS://WWW.KOPING.SE/nyheter", f"{BASE}/nyheter"),
        ("mailto:info@koping.se", None),
        ("javascript:void(0)", None),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_url_helpers():
    assert canonical_url("../arkiv/b", base=f"{BASE}/nyheter/a") == f"{BASE}/arkiv/b"
    assert host_key("http://127.0.0.1:8080/a") == "127.0.0.1:8080"
    assert is_homepage(f"{BASE}/") and not is_homepage(f"{BASE}/nyheter")
    assert section_prefix(f"{BASE}/nyheter") == "/nyheter/"
    assert section_prefix(f"{BASE}/nyheter/index.html") == "/nyheter/"
    assert is_article_link(f"{BASE}/nyheter/medborgarlofte-2024")
    assert is_article_link(f"{BASE}/download/medborgarlofte-2024.pdf")  # promises are often PDFs
    assert not is_article_link(f"{BASE}/bilder/logga.png")


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        (f"{BASE}/nyheter/medborgarlofte-2024", None, True),
        (f"{BASE}/nyheter/nytt-avtal", "Nytt medborgarlöfte för Köping", True),
        (f"{BASE}/nyheter/2024/polisen-och-kommunen", None, True),
        (f"{BASE}/nyheter/%C3%B6kad-trygghet-i-centrum", None, True),
        (f"{BASE}/nyheter/ny-forskola", "Ny förskola öppnar", False),
        (f"{BASE}/nyheter/metropolis", None, False),  # a keyword must start a word
    ],
)
def test_focus_link_filter(url, title, expected):
    assert link_matches(url, title) is expected


@pytest.mark.parametrize(
    ("url", "title", "expected"),
    [
        (f"{BASE}/nyheter", None, True),
        (f"{BASE}/aktuellt/pressmeddelanden.html", None, True),
        (f"{BASE}/sv/start", "Nyheter", True),
        (f"{BASE}/nyheter/2024/medborgarlofte", None, False),  # an article, not the section
        (f"{BASE}/kontakt", "Kontakt", False),
    ],
)
def test_news_section_links(url, title, expected):
    from pipeline.ingest.scrape.focus import is_news_section

    assert is_news_section(url, title) is expected


def test_fold_and_before():
    assert fold("Medborgarlöfte Åtgärd") == "medborgarlofte atgard"
    assert before(date(2019, 1, 1), date(2020, 1, 1))
    assert not before(None, date(2020, 1, 1)) and not before(date(2019, 1, 1), None)


def test_sitemap_pages_nested_sitemaps_and_lastmod():
    xml = b"""<?xml version="1.0" encoding="UTF-8"?>
    <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <url><loc>https://www.koping.se/nyheter/a</loc><lastmod>2024-02-01T10:00:00+01:00</lastmod></url>
      <url><loc>https://www.koping.se/nyheter/b</loc></url>
    </urlset>"""
    pages, nested = parse_sitemap(xml, BASE)
    assert [(p.url, p.date) for p in pages] == [(f"{BASE}/nyheter/a", date(2024, 2, 1)), (f"{BASE}/nyheter/b", None)]
    assert nested == []
    index = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://www.koping.se/sitemap-nyheter.xml</loc><lastmod>2023-01-01</lastmod></sitemap>
    </sitemapindex>"""
    pages, nested = parse_sitemap(index, BASE)
    assert pages == [] and nested[0].url == f"{BASE}/sitemap-nyheter.xml"
    assert xml_kind(xml) == "sitemap" and xml_kind(index) == "sitemap"


def test_gzipped_sitemap_file():
    import gzip

    xml = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/nyheter/c</loc></url></urlset>'
    pages, _ = parse_sitemap(gzip.compress(xml), BASE)
    assert [p.url for p in pages] == [f"{BASE}/nyheter/c"]


def test_rss_and_atom_feeds_keep_titles_and_dates():
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Nyheter</title>
    <item><title>Nytt medborgarlöfte</title><link>https://www.koping.se/nyheter/a</link>
    <pubDate>Thu, 01 Feb 2024 10:00:00 +0100</pubDate></item></channel></rss>""".encode()
    (item,) = parse_feed(rss, BASE)
    assert (item.url, item.title, item.date) == (f"{BASE}/nyheter/a", "Nytt medborgarlöfte", date(2024, 2, 1))
    atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><title>N</title>
    <entry><title>Trygghet i centrum</title><link rel="alternate" href="/nyheter/b"/>
    <updated>2023-11-05T08:00:00Z</updated></entry></feed>"""
    (entry,) = parse_feed(atom, BASE)
    assert (entry.url, entry.date) == (f"{BASE}/nyheter/b", date(2023, 11, 5))
    assert xml_kind(rss) == "feed" and xml_kind(b"<html><body>hej</body></html>") is None


def test_listing_articles_pagination_and_feeds():
    html = """<html><head><link rel="alternate" type="application/rss+xml" href="/nyheter/rss.xml"></head><body>
    <nav><a href="/kontakt">Kontakt</a></nav>
    <ul><li><time datetime="2024-02-01">1 feb</time><a href="/nyheter/medborgarlofte-2024">Nytt löfte</a></li>
    <li><a href="/nyheter/ny-forskola">Ny förskola</a></li>
    <li><a href="/nyheter/rapport.pdf">Rapport (pdf)</a></li>
    <li><a href="https://polisen.se/nyheter/x">Polisen</a></li></ul>
    <a href="/nyheter?page=2">2</a> <a href="/nyheter?page=3">Nästa</a></body></html>"""
    listing = parse_listing(html, f"{BASE}/nyheter")
    assert [a.url for a in listing.articles] == [
        f"{BASE}/nyheter/medborgarlofte-2024",
        f"{BASE}/nyheter/ny-forskola",
        f"{BASE}/nyheter/rapport.pdf",  # PDFs are candidates too; the keyword filter decides
    ]
    assert listing.articles[0].date == date(2024, 2, 1) and listing.articles[0].title == "Nytt löfte"
    assert listing.pages == [f"{BASE}/nyheter?page=2", f"{BASE}/nyheter?page=3"]
    assert listing.feeds == [f"{BASE}/nyheter/rss.xml"]
    assert listing.looks_like_listing


def test_a_release_page_is_not_a_listing():
    html = """<html><body><nav><a href="/">Start</a><a href="/nyheter">Nyheter</a></nav>
    <article><h1>Medborgarlöfte</h1><p>Text.</p></article></body></html>"""
    assert not parse_listing(html, f"{BASE}/nyheter/medborgarlofte-2024").looks_like_listing


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-02-01", date(2024, 2, 1)), ("Mon, 06 Mar 2023 09:00:00 +0100", date(2023, 3, 6)), ("i går", None)],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_sites_csv_comma_and_semicolon(tmp_path):
    comma = tmp_path / "sites.csv"
    comma.write_text("municipality_code,start_url\n1983,https://www.koping.se/nyheter\n0180,https://start.stockholm/\n")
    seeds = read_sites_csv(comma)
    assert [(s.municipality_code, s.url) for s in seeds] == [
        ("1983", f"{BASE}/nyheter"),
        ("0180", "https://start.stockholm/"),
    ]
    semi = tmp_path / "kommuner.csv"
    semi.write_text("start_url;municipality_code\nhttps://www.arboga.se/;1984\n", encoding="cp1252")
    assert read_sites_csv(semi)[0].municipality_code == "1984"


@pytest.mark.parametrize(
    "content",
    ["kommun,adress\n1983,https://www.koping.se\n", "municipality_code,start_url\n19x3,https://www.koping.se\n"],
)
def test_bad_sites_csv_is_a_clear_error(tmp_path, content):
    path = tmp_path / "sites.csv"
    path.write_text(content)
    with pytest.raises(SeedError):
        read_sites_csv(path)


def test_no_seeds_is_an_error():
    with pytest.raises(SeedError):
        collect_seeds([], None)
    with pytest.raises(SeedError):
        collect_seeds(["ftp://koping.se/"], None)


def test_page_id_is_readable_and_stable():
    pid = page_id("https://www.koping.se/nyheter/medborgarlofte-2024.html")
    assert pid.startswith("koping.se-medborgarlofte-2024-") and pid == page_id(
        "https://www.koping.se/nyheter/medborgarlofte-2024.html"
    )
