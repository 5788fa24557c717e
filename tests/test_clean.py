"""Text cleaning keeps line structure and unifies characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.clean import clean_text
from tests.equivalence import seed_texts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Kungsör\u00a0kommun", "Kungsör kommun"),
        ("Claes\u2010Urban", "Claes-Urban"),
        ("trygg\u00adhet", "trygghet"),
        ("  • Trafik\n\n\n\n  ● Droger  ", "• Trafik\n\n• Droger"),
        ("kommu-\nnen lovar", "kommunen lovar"),
        ("A\r\nB\rC", "A\nB\nC"),
        ("Ko\u0308ping", "Köping"),
        ("nul\x00byte", "nul byte"),
        ("- Det känns bra, säger hon.", "- Det känns bra, säger hon."),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def _reference_clean(text: str) -> str:
    """The cleaning steps in their plain form: every substitution run on every text."""
    import re
    import unicodedata

    from pipeline.text import clean

    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(dict.fromkeys(map(ord, clean._INVISIBLE.pattern[1:-1])))
    text = clean._CONTROL.sub(" ", text).replace("\u2010", "-").replace("\u2011", "-")
    text = clean._PDF_HYPHEN.sub("", text)
    text = re.sub(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+", " ", text)
    text = re.sub(r"^[ \t]*[•◦▪●‣∙·*][ \t]*", "• ", text, flags=re.MULTILINE)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = clean._PAGE_HEADER.sub("", text)
    text = clean._LONE_BULLET.sub("• ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


PIECES = ["Sida 3 av 4", "PAGE 1 of 2", "ſida 2 av 3", "sİda 1 av 2", "PAGı", "Page\t2/3", "hemsida", "sida", "1",
          " av 9", "/", "kommu-", "\n", "\n\n\n", "•", "• ", "●", " ", "  ", "\t", "\u00a0", "\u2003", "\u3000",
          "\u00ad", "\u200b", "ord", "Köping", "\r\n", "-", "*", "İ", "\ud800"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_shortcuts_clean_like_every_substitution(text):
    assert clean_text(text) == _reference_clean(text)


def test_seeds_clean_like_every_substitution():
    for text in seed_texts():
        assert clean_text(text) == _reference_clean(text)


def test_page_word_letters_match_only_ascii_letters_and_the_lookalikes():
    """``_may_have_page_header`` relies on it: under ``re.IGNORECASE`` a letter of "sida" or
    "page" matches its two ASCII cases and, of all other characters, only the lookalikes."""
    import re

    from pipeline.text import clean

    everything = "".join(map(chr, range(0x110000)))
    found = set(re.findall("[sidapge]", everything, re.IGNORECASE))
    assert {c for c in found if not c.isascii()} == set(clean._PAGE_WORD_LOOKALIKES)
    assert {c.lower() for c in found if c.isascii()} == set("sidapge")


def test_corpus_cleans_like_every_substitution(corpus_dir):
    import json

    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            assert clean_text(text) == _reference_clean(text)
