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

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e]")
#: A run of spaces becomes one plain space, in two steps that each scan fast: every other space
#: character becomes a plain space, then runs of plain spaces collapse (one pattern for both
#: matched every single space of the text, thousands of replacements of " " by " ").
_ODD_SPACE = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_RUN = re.compile("  +")
#: A bullet at the start of a line, found after the line's ``\n`` (the text gets one in front):
#: a pattern that starts with a character is searched for fast, ``^`` is tried at every position.
_BULLET = re.compile(r"\n[ \t]*[•◦▪●‣∙·*][ \t]*")
_PDF_HYPHEN = re.compile(r"(?<=[a-zåäö])-\n(?=[a-zåäö])")
#: Three line breaks or more; written so that the pattern starts with its literal text, which
#: ``re`` then searches for fast (``\n{3,}`` was tried at every line break: six times slower).
_MANY_BLANK = re.compile("\n\n\n+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_PAGE_HEADER = re.compile(r"^[^\n]{0,100}?\b(?:sida|page)[ \t]+\d{1,3}[ \t]*(?:av|of|/)[ \t]*\d{1,3}$\n?", re.I | re.M)
#: What every page header contains, lowercased: the word and the space after it (tabs are
#: spaces by the time page headers are removed).
_PAGE_WORDS = (b"sida ", b"page ")
#: The characters other than ASCII letters that ``re.IGNORECASE`` takes for a letter of "sida" or
#: "page" (İ ı ſ; ``tests/test_clean.py`` checks this over all of Unicode).
_PAGE_WORD_LOOKALIKES = "\u0130\u0131\u017f"
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
        text = _BULLET.sub("\n• ", "\n" + text)[1:]
    text = "\n".join(line.strip() for line in text.split("\n"))
    if _may_have_page_header(text):
        text = _PAGE_HEADER.sub("", text)
    if "•\n" in text or "• \n" in text:
        text = _LONE_BULLET.sub("• ", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK.sub("\n\n", text)
    return text.strip()


def _may_have_page_header(text: str) -> bool:
    """False only when no page header can match: no "sida" or "page" followed by a space, in any
    letter case. ``re.IGNORECASE`` takes only ASCII letters and three other characters for the
    letters of these words; the three are looked for on their own, and the ASCII letters are
    lowercased by ``bytes.lower`` on the UTF-8 text (other characters become bytes above 127,
    which it leaves alone): cheaper than ``str.lower`` on a text with any character past U+00FF,
    as nearly every release has (dashes, bullets, quotation marks). The word alone ("hemsida",
    "sidan") let two texts in five of the benchmark through to the slow pattern."""
    if any(c in text for c in _PAGE_WORD_LOOKALIKES):
        return True
    lowered = text.encode("utf-8", "surrogatepass").lower()
    return any(word in lowered for word in _PAGE_WORDS)
