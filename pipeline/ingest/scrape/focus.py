"""Which links are worth fetching, and which fetched pages are worth keeping.

A whole news section holds hundreds of items, few of them about a medborgarlöfte. Before
fetching, a link must name one of the words in ``resources/scrape_keywords.txt`` in its URL
or title (cheap, and it saves the site requests). After fetching, the page's text goes
through the NLP pipeline and is kept when ``doc._.relevance.score`` reaches the threshold.
Dates (``--since``) are checked at both steps: from the sitemap/feed/listing, then from the
page's own metadata.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable
from datetime import date
from functools import cache
from urllib.parse import unquote, urlsplit

from pipeline.ingest.document import RawDocument
from pipeline.resources import read_lines

#: Scores a readable page in [0, 1]; injectable so the crawl can be tested with any model.
Scorer = Callable[[RawDocument], float]

_SPLIT = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without diacritics: "Medborgarlöfte" → "medborgarlofte"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def keywords() -> tuple[str, ...]:
    return tuple(fold(word) for word in read_lines("scrape_keywords.txt"))


def link_matches(url: str, title: str | None = None, words: tuple[str, ...] | None = None) -> bool:
    """True when a keyword starts one of the words of the URL path or the title."""
    words = keywords() if words is None else words
    parts = urlsplit(url)
    haystack = fold(unquote(parts.path + " " + parts.query) + " " + (title or ""))
    tokens = [t for t in _SPLIT.split(haystack) if t]
    joined = " " + " ".join(tokens)
    return any(f" {word}" in joined for word in words)


@cache
def news_sections() -> frozenset[str]:
    return frozenset(fold(word) for word in read_lines("news_sections.txt"))


def is_news_section(url: str, title: str | None = None) -> bool:
    """A home page link to the site's news listing (``/nyheter``, ``/aktuellt/press``, "Nyheter")."""
    segments = [fold(unquote(s)) for s in urlsplit(url).path.split("/") if s]
    if not segments or len(segments) > 2:
        return False
    names = news_sections()
    return any(s.rsplit(".", 1)[0] in names for s in segments) or fold(title or "").strip() in names


def before(day: date | None, since: date | None) -> bool:
    """True only when both dates are known and ``day`` is older than ``since``."""
    return day is not None and since is not None and day < since


_NLP_LOCK = threading.Lock()


def nlp_relevance(doc: RawDocument) -> float:
    """The relevance model's score for a page (the NLP pipeline's ``doc._.relevance``)."""
    from pipeline.nlp.build import get_nlp
    from pipeline.text.clean import clean_text

    text = clean_text(doc.text or "")
    if not text:
        return 0.0
    with _NLP_LOCK:  # one shared pipeline; crawl threads take turns
        nlp = get_nlp()
        spacy_doc = nlp.make_doc(text)
        spacy_doc._.url = doc.url
        spacy_doc._.title = doc.title
        spacy_doc = nlp(spacy_doc)
    return float(spacy_doc._.relevance.score)
