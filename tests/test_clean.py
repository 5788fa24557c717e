"""Text cleaning keeps line structure and unifies characters."""

from __future__ import annotations

import pytest

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
