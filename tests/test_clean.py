"""Text cleaning keeps line structure and unifies characters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.text.clean import clean_text


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
    text = clean._BULLET.sub("• ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    text = clean._PAGE_HEADER.sub("", text)
    text = clean._LONE_BULLET.sub("• ", text)
    return clean._MANY_BLANK.sub("\n\n", text).strip()


PIECES = ["Sida 3 av 4", "PAGE 1 of 2", "ſida 2 av 3", "kommu-", "\n", "\n\n\n", "•", "• ", "●", " ", "  ", "\t",
          "\u00a0", "\u2003", "\u3000", "\u00ad", "\u200b", "ord", "Köping", "\r\n", "-", "*", "İ"]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_shortcuts_clean_like_every_substitution(text):
    assert clean_text(text) == _reference_clean(text)


def test_corpus_cleans_like_every_substitution(corpus_dir):
    import json

    with (corpus_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            assert clean_text(text) == _reference_clean(text)
