"""A small municipality website on 127.0.0.1 for the scraping tests.

Everything a real site does to a crawler is here: a robots.txt with a disallowed path, a
sitemap, an RSS feed, a paginated news listing, releases in UTF-8 and windows-1252, a redirect
chain, a 429 with Retry-After, a 500 that recovers, a page that never answers, oversized
pages, a 404, and conditional requests (ETag). The server logs every request with
server-side timestamps, so the tests check politeness on what the server saw.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RELEASE_2024 = """<!doctype html><html lang="sv"><head><meta charset="utf-8">
<title>Köping och polisen skriver under nytt medborgarlöfte för 2024</title></head>
<body><nav><a href="/">Start</a> <a href="/kontakt">Kontakt</a></nav>
<article><h1>Köping och polisen skriver under nytt medborgarlöfte för 2024</h1>
<p>Köpings kommun och polisen i lokalpolisområde Västra Mälardalen har skrivit under ett nytt
medborgarlöfte för 2024. Medborgarlöftet bygger på vad invånarna berättade i medborgardialogen i höstas.</p>
<p>Fokusområden för medborgarlöftet är trafiksäkerhet vid skolorna och narkotika bland unga.</p>
<p>Medborgarlöftet undertecknades av kommunstyrelsens ordförande Ingrid Åkesson (S) och
lokalpolisområdeschef Mats Lindqvist.</p></article>
<footer>Köpings kommun, 731 85 Köping</footer></body></html>"""

RELEASE_ARBOGA = """<html><head><title>Arboga förnyar sitt medborgarlöfte</title></head>
<body><article><h1>Arboga förnyar sitt medborgarlöfte</h1>
<p>Arboga kommun och polisen har tecknat ett medborgarlöfte för 2023. Löftet gäller under hela året.</p>
<p>Fokus ligger på otrygghet i centrum och på skadegörelse i parkerna, där många invånare känner oro.</p>
<p>Kommunalrådet Göran Öström (M) och kommunpolis Åsa Lärk skrev under medborgarlöftet på torget.</p>
</article></body></html>"""

RELEASE_2023 = """<html><head><meta charset="utf-8"><title>Medborgarlöfte i Kungsör 2023</title></head>
<body><article><h1>Medborgarlöfte i Kungsör 2023</h1>
<p>Kungsörs kommun och polisen har undertecknat ett medborgarlöfte för 2023.</p>
<p>Medborgarlöftet har två fokusområden: trafiken på landsvägarna och ungdomar som far illa.</p>
<p>Kommundirektör Claes Holm och lokalpolisområdeschef Erik Ström signerade löftet.</p>
</article></body></html>"""

NOT_RELEVANT = """<html><head><meta charset="utf-8"><title>{title}</title></head><body><article>
<h1>{title}</h1><p>Kommunen bjuder in till en kväll om {topic}. Alla är välkomna, kaffe serveras.</p>
<p>Anmäl dig senast på fredag till kommunens kontaktcenter.</p></article></body></html>"""


def _listing(items: list[tuple[str, str]], next_href: str | None) -> str:
    lis = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in items)
    nxt = f'<a rel="next" href="{next_href}">Nästa sida</a>' if next_href else ""
    return f"""<html><head><meta charset="utf-8"><title>Nyheter</title></head><body>
<nav><a href="/">Start</a></nav><h1>Nyheter</h1><ul>{lis}</ul>{nxt}</body></html>"""


@dataclass
class Hit:
    path: str
    start: float
    end: float = 0.0
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)


class SiteState:
    """Routes plus the log of what was asked; shared by the handler threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.hits: list[Hit] = []
        self.counts: dict[str, int] = {}
        self.release = threading.Event()  # ends the "never answers" page at teardown
        self.base = ""

    def paths(self) -> list[str]:
        with self.lock:
            return [h.path for h in self.hits]


def _robots() -> bytes:
    return b"User-agent: *\nDisallow: /intern/\n\nUser-agent: otherbot\nDisallow: /\n"


def make_handler(state: SiteState):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:  # keep test output quiet
            pass

        def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8", **headers) -> None:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"' if headers.pop("etag", False) else None
            if etag and self.headers.get("If-None-Match") == etag:
                status, body = 304, b""
            self.send_response(status)
            if etag:
                self.send_header("ETag", etag)
            if status != 304:
                self.send_header("Content-Type", ctype)
            for key, value in headers.items():
                self.send_header(key.replace("_", "-"), str(value))
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self._hit.status = status

        def do_GET(self) -> None:
            self._hit = Hit(self.path, time.monotonic(), headers=dict(self.headers))
            with state.lock:
                state.hits.append(self._hit)
                n = state.counts[self.path] = state.counts.get(self.path, 0) + 1
            base = state.base
            p = self.path
            try:
                if p == "/robots.txt":
                    body = _robots() + f"Sitemap: {base}/sitemap.xml\n".encode()
                    self._send(200, body, "text/plain")
                elif p == "/":
                    home = """<html><head><meta charset="utf-8"><title>Köpings kommun</title>
<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head><body>
<a href="/nyheter">Nyheter</a> <a href="/kontakt">Kontakt</a></body></html>"""
                    self._send(200, home.encode(), etag=True)
                elif p == "/sitemap.xml":
                    urls = [
                        ("/nyheter/medborgarlofte-2024", "2024-02-01"),
                        ("/nyheter/gammalt-medborgarlofte-2019", "2019-03-01"),
                        ("/intern/medborgarlofte-utkast", "2024-01-10"),
                        ("/gammal/medborgarlofte", "2023-05-05"),
                        ("/nyheter/ny-forskola", "2024-03-03"),
                    ]
                    locs = "".join(f"<url><loc>{base}{u}</loc><lastmod>{d}</lastmod></url>" for u, d in urls)
                    xml = f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
                    self._send(200, xml.encode(), "application/xml", etag=True)
                elif p == "/rss.xml":
                    items = "".join(
                        f"<item><title>{t}</title><link>{base}{u}</link><pubDate>{d}</pubDate></item>"
                        for u, t, d in [
                            (
                                "/nyheter/medborgarlofte-arboga",
                                "Arboga förnyar sitt medborgarlöfte",
                                "Mon, 06 Mar 2023 09:00:00 +0100",
                            ),
                            ("/nyheter/medborgarlofte-2024", "Nytt medborgarlöfte", "Thu, 01 Feb 2024 10:00:00 +0100"),
                        ]
                    )
                    rss = (
                        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
                        f"<title>Nyheter</title><link>{base}/</link>{items}</channel></rss>"
                    )
                    self._send(200, rss.encode(), "application/rss+xml", etag=True)
                elif p == "/nyheter":
                    items = [
                        ("/nyheter/medborgarlofte-2024", "Nytt medborgarlöfte för 2024"),
                        ("/nyheter/polis-429", "Polisen svarar på frågor"),
                        ("/nyheter/polis-500", "Polisen på plats i centrum"),
                        ("/nyheter/trygghetsvandring", "Välkommen på trygghetsvandring"),
                        ("/nyheter/ny-forskola", "Ny förskola öppnar"),
                    ]
                    self._send(200, _listing(items, "/nyheter?page=2").encode(), etag=True)
                elif p == "/nyheter?page=2":
                    items = [
                        ("/nyheter/polis-tyst", "Polisen tystnar"),
                        ("/nyheter/polis-stor", "Polisens stora rapport"),
                        ("/nyheter/polis-stor-utan-langd", "Polisens ännu större rapport"),
                        ("/nyheter/polis-borta", "Polisen flyttar"),
                        ("/nyheter/medborgarlofte-arboga", "Arboga förnyar sitt medborgarlöfte"),
                        ("/intern/medborgarlofte-utkast", "Utkast"),
                    ]
                    self._send(200, _listing(items, None).encode(), etag=True)
                elif p == "/nyheter/medborgarlofte-2024":
                    self._send(200, RELEASE_2024.encode("utf-8"))
                elif p == "/nyheter/medborgarlofte-arboga":
                    self._send(200, RELEASE_ARBOGA.encode("cp1252"), "text/html; charset=windows-1252")
                elif p == "/gammal/medborgarlofte":
                    self._send(301, Location="/arkiv/medborgarlofte")
                elif p == "/arkiv/medborgarlofte":
                    self._send(302, Location=f"{base}/nyheter/medborgarlofte-2023")
                elif p == "/slinga":
                    self._send(302, Location="/slinga")
                elif p == "/till-intern":
                    self._send(301, Location="/intern/medborgarlofte-utkast")
                elif p == "/vanta-lange":
                    self._send(503, b"", Retry_After="3600")
                elif p == "/nyheter/medborgarlofte-2023":
                    self._send(200, RELEASE_2023.encode("utf-8"))
                elif p == "/nyheter/polis-429":
                    if n == 1:
                        self._send(429, b"", Retry_After="1")
                    else:
                        body = NOT_RELEVANT.format(title="Polisen svarar på frågor", topic="polisens arbete")
                        self._send(200, body.encode())
                elif p == "/nyheter/polis-500":
                    if n == 1:
                        self._send(500, b"Internt fel")
                    else:
                        body = NOT_RELEVANT.format(title="Polisen på plats", topic="polisens närvaro")
                        self._send(200, body.encode())
                elif p == "/nyheter/polis-tyst":
                    state.release.wait(1.0)  # never answers within the client's timeout
                    self.close_connection = True
                elif p == "/nyheter/polis-stor":
                    self._send(200, b"<p>" + b"a" * 300_000 + b"</p>")
                elif p == "/nyheter/polis-stor-utan-langd":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    for _ in range(40):
                        self.wfile.write(b"<p>" + b"b" * 10_000 + b"</p>")
                    self.close_connection = True
                    self._hit.status = 200
                elif p == "/nyheter/trygghetsvandring":
                    body = NOT_RELEVANT.format(title="Välkommen på trygghetsvandring", topic="belysning i parken")
                    self._send(200, body.encode())
                elif p == "/nyheter/ny-forskola":
                    self._send(200, NOT_RELEVANT.format(title="Ny förskola", topic="förskolan").encode())
                else:
                    self._send(404, b"Sidan finns inte")
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                self._hit.end = time.monotonic()

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """Clients hanging up (timeouts, size cap) are expected here, not errors."""


class Site:
    """The server, started in a thread; ``url(path)`` gives full URLs."""

    def __init__(self) -> None:
        self.state = SiteState()
        self.server = _QuietServer(("127.0.0.1", 0), make_handler(self.state))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.state.base = self.base
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def __enter__(self) -> Site:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.state.release.set()
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)
