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

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BULLET = re.compile(r"^[ \t]*[•◦▪●‣∙·*][ \t]*", re.MULTILINE)
_PDF_HYPHEN = re.compile(r"(?<=[a-zåäö])-\n(?=[a-zåäö])")
_MANY_BLANK = re.compile(r"\n{3,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_HEADER = re.compile(r"^[^\n]{0,100}?\b(?:sida|page)[ \t]+\d{1,3}[ \t]*(?:av|of|/)[ \t]*\d{1,3}$\n?", re.I | re.M)
_LONE_BULLET = re.compile(r"^• ?\n+(?=\S)", re.MULTILINE)


def clean_text(text: str) -> str:
    """Return ``text`` in NFC with uniform spaces, dashes, bullets and line breaks."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    text = text.replace("\u2010", "-").replace("\u2011", "-")
    text = _PDF_HYPHEN.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _BULLET.sub("• ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = _PAGE_HEADER.sub("", text)
    text = _LONE_BULLET.sub("• ", text)
    text = _MANY_BLANK.sub("\n\n", text)
    return text.strip()
