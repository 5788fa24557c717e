"""Whether the text says that a named person signed the promise.

Signing is reported in four ways in press releases, and each is a rule here:

1. a sentence with a signing phrase that names the person ("X och Y skrev under",
   "undertecknades av X och Y", "X, Y och Z signerar medborgarlöftet");
2. a photo caption listing people ("Från vänster: ...") right after a sentence on the same
   line that says the promise is being signed ("Här undertecknas löftet. Från vänster: ...");
3. the names under a signature line at the end of the promise (a name alone on a line,
   the title on the next line);
4. never from a quotation: "– Det är bra att skriva under, säger X" reports an opinion.

The signing phrases are data (``resources/sign_cues.txt``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from spacy.tokens import Span

from pipeline.nlp.spans import doc_text, span_text
from pipeline.resources import read_lines

_CAPTION_START = re.compile(r"^\s*(?:(?:på|i) bild(?:en)?|bilden|från vänster|fr\.?\s?v\.?)\b", re.IGNORECASE)
_QUOTE_START = re.compile(r"^\s*(?:[–—\"”»]|-\s)")
#: A caption's lead sentence describes the photo in the present tense ("Här undertecknas löftet").
_SIGNING_NOW = re.compile(r"\b(?:undertecknas|skrivs under|signeras)\b", re.IGNORECASE)
#: Abbreviations that the sentencizer takes for a full stop ("undertecknades av t.f. kommundirektör X").
_ABBREVIATION_END = re.compile(r"(?:\bt\.\s?f|\btf|\bbl\.a|\bm\.fl|\bca|\bresp|\bbitr)\.\s*$", re.IGNORECASE)
_SPEECH_BEFORE = re.compile(
    r"\b(?:säger|sa|sade|menar|berättar|tycker|förklarar|konstaterar|enligt)\s+(?:\S+\s+){0,3}$"
)


@cache
def sign_cues() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(line, re.IGNORECASE) for line in read_lines("sign_cues.txt"))


@lru_cache(maxsize=4096)
def says_signed(text: str) -> bool:
    """Whether a sentence reports a signing (remembered: each name in a sentence asks again)."""
    return any(cue.search(text) for cue in sign_cues())


def _previous_sentence_on_line(sent: Span) -> Span | None:
    doc = sent.doc
    if sent.start == 0:
        return None
    prev = doc[sent.start - 1].sent
    between = doc_text(doc)[prev.end_char : sent.start_char]
    if "\n" in between or "\n" in span_text(prev).strip():
        return None
    return prev


def mention_signed(name: Span, sent: Span) -> bool:
    """Whether this mention of a person, in the sentence ``sent``, sits in a statement that they
    signed (the caller has the sentence: finding it is a walk over the tokens)."""
    text = span_text(sent)
    if _QUOTE_START.match(text):
        return False
    before = doc_text(name.doc)[sent.start_char : name.start_char]
    if _SPEECH_BEFORE.search(before):
        return False
    if says_signed(text):
        return True
    prev = _previous_sentence_on_line(sent)
    if prev is None:
        return False
    prev_text = span_text(prev)
    if _ABBREVIATION_END.search(prev_text):
        return says_signed(prev_text)
    if _CAPTION_START.match(text):
        return says_signed(prev_text) or bool(_SIGNING_NOW.search(prev_text))
    return False
