"""Main text and metadata out of an HTML page, via trafilatura.

Navigation, cookie banners and footers are what make municipal pages hard to read;
trafilatura's main-content extraction removes most of them. When it finds no main content
(tiny or oddly built pages) we fall back to all visible text rather than losing the page.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HtmlContent:
    text: str
    title: str | None
    published: str | None
    url: str | None


def _fallback_text(html: str) -> str:
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return "\n".join(t.strip() for t in root.itertext() if t.strip())


def extract_html(html: str, url: str | None = None) -> HtmlContent:
    """Return the page's main text, title, publication date and canonical URL."""
    import trafilatura

    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
        with_metadata=False,
    )
    meta = None
    try:
        meta = trafilatura.extract_metadata(html, default_url=url)
    except Exception:
        meta = None
    title = getattr(meta, "title", None) if meta else None
    published = getattr(meta, "date", None) if meta else None
    page_url = (getattr(meta, "url", None) if meta else None) or url
    if not text:
        text = _fallback_text(html)
    if title and text and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n\n{text}"
    return HtmlContent(text=text or "", title=title, published=published, url=page_url)
