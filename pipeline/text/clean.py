"""Normalise text so that the rules see one form of each thing.

Saved pages carry non-breaking spaces, soft hyphens, several dash and bullet characters,
and PDF line-break hyphenation ("kommu-\\nnen"). Line structure is kept on purpose: headings,
list items and photo captions are single lines, and the extractors rely on that.

Text taken from PDFs also carries running page headers ("MEDBORGARLÖFTE 2024   Sida 1 av 2");
such a line would become the document's title and split sentences, so it is dropped. Word
exports put a list bullet on a line of its own; it is joined to its item.
"""

from __future__ import annotations

import re
import unicodedata

from pipeline.nlp.fastre import fold

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e]")
#: A run of spaces becomes one plain space, in two steps that each scan fast: every other space
#: character becomes a plain space, then runs of plain spaces collapse (one pattern for both
#: matched every single space of the text, thousands of replacements of " " by " ").
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile("  +")
_BULLET = re.compile(r"^[ \t]*[•◦▪●‣∙·*][ \t]*", re.MULTILINE)
_PDF_HYPHEN = re.compile(r"(?<=[a-zåäö])-\n(?=[a-zåäö])")
_MANY_BLANK = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_HEADER = re.compile(r"^[^\n]{0,100}?\b(?:sida|page)[ \t]+\d{1,3}[ \t]*(?:av|of|/)[ \t]*\d{1,3}$\n?", re.I | re.M)
_LONE_BULLET = re.compile(r"^• ?\n+(?=\S)", re.MULTILINE)
_BULLET_CHARS = "•◦▪●‣∙·*"
_SPECIAL = re.compile("|".join(p.pattern for p in (_INVISIBLE, _CONTROL, _ODD_SPACE)))


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with uniform spaces, dashes, bullets and line breaks."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each substitution below first checks for what every match must contain: most texts have
    # no invisible, control or unusual space character, PDF hyphenation, page header or lone
    # bullet. One scan answers the first three (the substitutions cannot add such characters).
    special = _SPECIAL.search(text) is not None
    if special:
        text = _CONTROL.sub(" ", _INVISIBLE.sub("", text))
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    if "-\n" in text:
        text = _PDF_HYPHEN.sub("", text)
    if special:
        text = _ODD_SPACE.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text)
    if any(c in text for c in _BULLET_CHARS):
        text = _BULLET.sub("• ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    if _may_have_page_header(text):
        text = _PAGE_HEADER.sub("", text)
    if "•\n" in text or "• \n" in text:
        text = _LONE_BULLET.sub("• ", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK.sub("\n\n", text)
    return text.strip()


def _may_have_page_header(text: str) -> bool:
    """False only when no page header can match: neither "sida" nor "page" in any letter case
    (``fold`` refuses texts whose case-insensitive matching ``str.lower`` cannot predict)."""
    folded = fold(text)
    return folded is None or "sida" in folded or "page" in folded
