"""The fast focus steps give exactly what the plain implementations give.

References: every lexicon pattern compiled plainly and run with ``finditer`` over the whole
text (the lexicon step) or searched in the sentence alone (a statement's labels), and the
statement finder written over ``doc.sents`` Spans as it was before it read token arrays.
Texts: the development corpus (skipped when absent), the seeds, and generated strings made of
the lexicon's and the cues' own words with punctuation, case changes and characters for which
``str.lower`` and ``re.IGNORECASE`` disagree.
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import focus_statements as fs
from pipeline.extract.focus import _statement_labels, extract_focus, label_sentence
from pipeline.nlp.components.focus_lexicon import find_cues, labels_between, lexicon
from pipeline.nlp.fastre import AnchoredSet, Prefiltered, prefix_literals
from pipeline.resources import read_tsv
from pipeline.text.clean import clean_text
from tests.conftest import CORPUS, RAW


@cache
def _plain_lexicon() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((label, re.compile(p.pattern, re.IGNORECASE | re.MULTILINE)) for label, p in lexicon())


def reference_cues(text: str) -> list[tuple[int, int, str]]:
    hits: dict[tuple[int, str], int] = {}
    for label, regex in _plain_lexicon():
        for m in regex.finditer(text):
            hits[(m.start(), label)] = max(hits.get((m.start(), label), 0), m.end())
    return sorted((start, end, label) for (start, label), end in hits.items())


def reference_labels(text: str) -> set[str]:
    return {label for label, regex in _plain_lexicon() if regex.search(text)}


@cache
def _plain_statement_cues() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(pattern, re.IGNORECASE)) for kind, pattern in read_tsv("focus_statements.tsv"))


def reference_cue_answers(text: str) -> tuple[bool, bool, str | None, bool]:
    """(is_background, is_statement, opens_section, closes_section) by searching every cue."""
    kinds = {kind for kind, regex in _plain_statement_cues() if regex.search(text)}
    background = "background" in kinds
    heading = not re.search(r"[.!?]\W*$", text) and 0 < len(text.split()) <= 12
    opens = None
    if "section_end" not in kinds:
        opens = "lead_in" if "lead_in" in kinds else "section" if "section" in kinds else None
    closes = "section_end" in kinds and (heading or text.endswith(":"))
    return background, "statement" in kinds and not background, opens, closes


def cue_answers(text: str) -> tuple[bool, bool, str | None, bool]:
    return fs.is_background(text), fs.is_statement(text), fs.opens_section(text), fs.closes_section(text)


def reference_statements(doc) -> list[tuple[int, int, str]]:
    """(first token, end token, reason) of each statement, by the Span-based rules."""
    text = doc.text
    sents = [s for s in doc.sents if s.text.strip()]
    content = [i for i, s in enumerate(sents) if len(s.text.split()) >= 3]
    lead = set(content[:2])
    first = next((n for n, i in enumerate(content) if re.search("löfte", sents[i].text, re.I)), None)
    if first is not None:
        lead.update(content[max(0, first - 1) : first + 3])

    def before(sent) -> str:
        return text[: sent.start_char].rstrip(" \t")

    found, section, previous = [], None, None
    for i, sent in enumerate(sents):
        stripped = sent.text.strip()
        if fs.closes_section(stripped):
            section = previous = None
            continue
        background = fs.is_background(stripped)
        reason = None
        if section is not None and fs.is_list_item(stripped):
            reason = "item"
        elif section is not None and fs.is_heading(stripped) and not background:
            reason = "heading"
        elif fs.is_statement(stripped) or (previous is not None and fs._announces(previous[0])):
            reason = "statement"
        elif not background:
            paragraph = before(sent) == "" or before(sent).endswith("\n\n")
            line = before(sent) == "" or before(sent).endswith("\n")
            continues_item = previous is not None and previous[1] == "item" and not paragraph
            if continues_item or (section == "lead_in" and line and not fs._QUOTE.match(stripped)):
                reason = "item"
            elif i in lead:
                reason = "lead"
        previous = (stripped, reason) if reason else None
        if reason:
            found.append((sent.start, sent.end, reason))
        section = fs.opens_section(stripped) or section
    return found


def _texts() -> list[str]:
    texts = [clean_text(p.read_text(encoding="utf-8")) for p in sorted(RAW.glob("*.txt"))]
    if (CORPUS / "corpus.jsonl").exists():
        with open(CORPUS / "corpus.jsonl", encoding="utf-8") as lines:
            texts += [clean_text(json.loads(line)["text"]) for line in lines]
    return texts


def _check_doc(doc) -> None:
    text = doc.text
    assert find_cues(text) == reference_cues(text)
    statements = fs.focus_statements(doc)
    assert [(s.sent.start, s.sent.end, s.reason) for s in statements] == reference_statements(doc)
    for sent in doc.sents:
        stripped = sent.text.strip()
        assert cue_answers(stripped) == reference_cue_answers(stripped), stripped
        start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
        assert labels_between(doc, start, start + len(stripped)) == reference_labels(stripped), stripped
    for statement in statements:
        assert _statement_labels(statement) == label_sentence(statement.text) == reference_labels(statement.text)


def test_seeds_and_corpus_give_the_reference_results(nlp):
    texts = _texts()
    assert texts, "the seeds are missing"
    for text in texts:
        doc = nlp(text)
        _check_doc(doc)
        assert doc.spans["focus_cue"] is not None
        assert [(s.start_char, s.end_char, s.label_) for s in doc.spans["focus_cue"]] == [
            (s.start_char, s.end_char, s.label_)
            for s in (doc.char_span(a, b, label=lab, alignment_mode="expand") for a, b, lab in reference_cues(text))
            if s is not None
        ]
        extract_focus(doc)


def test_corpus_is_checked_when_present():
    if not (CORPUS / "corpus.jsonl").exists():
        pytest.skip("../shared/corpus is not available")
    assert len(_texts()) > len(list(RAW.glob("*.txt")))


@cache
def _lexicon_set() -> AnchoredSet:
    return AnchoredSet(p for _, p in lexicon())


@cache
def _vocabulary() -> list[str]:
    words: set[str] = set()
    for name in ("focus_lexicon.tsv", "focus_statements.tsv"):
        for _kind, pattern in read_tsv(name):
            words.update(re.findall(r"[a-zåäöé]+(?: [a-zåäöé]+)?", pattern))
    return sorted(words)


_ODD = ["ſ", "İ", "ı", "\u212a", "\u212b", "µ", "É", "Σ", "ß", "ǅ", "_", "1", "2024"]
_PUNCT = [" ", " ", " ", ".", ",", ":", "\n", "\n\n", "•", "• ", "- ", "–", "”", "!", "?", "\t"]


@st.composite
def _pieces(draw) -> str:
    kind = draw(st.integers(0, 9))
    if kind < 6:
        word = draw(st.sampled_from(_vocabulary()))
        case = draw(st.sampled_from([str, str.upper, str.title, str.capitalize]))
        return case(word)
    if kind < 9:
        return draw(st.sampled_from(_PUNCT))
    return draw(st.sampled_from(_ODD))


_GENERATED = st.lists(_pieces(), max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(_GENERATED, st.data())
def test_generated_texts_find_the_reference_cues_and_slices(text, data):
    assert find_cues(text) == reference_cues(text)
    lexicon_set = _lexicon_set()
    scan = lexicon_set.scan(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    plain = {i for i, (_, regex) in enumerate(_plain_lexicon()) if regex.search(text[start:end])}
    assert lexicon_set.matching(scan, start, end, text[start:end]) == plain


@pytest.mark.parametrize(
    "text",
    [
        "I fokus står narkotika och trygghet.",
        "Löftet bygger på dialoger med invånarna och fokus på trygghet.",
        "Det här lovar vi",
        "Löfte 1:",
        "Medborgarlöftet 2024 för Kungsör",
        "Bakgrund",
        "Bakgrund.:",
        "Bakgrund till löftet, som är en mening med många fler ord än en rubrik har i sig:",
        "Medborgarlöftet ska:",
        "Aktiviteter som planeras under året:",
    ],
)
def test_cue_answers_for_each_rule(text):
    assert cue_answers(text) == reference_cue_answers(text)


@settings(max_examples=400, deadline=None)
@given(_GENERATED)
def test_generated_texts_get_the_reference_cue_answers(text):
    """Asked twice: the second answer comes from what was remembered for the text."""
    assert cue_answers(text) == reference_cue_answers(text)
    assert cue_answers(text) == reference_cue_answers(text)


@settings(max_examples=150, deadline=None)
@given(_GENERATED)
def test_generated_documents_give_the_reference_statements_and_labels(nlp, text):
    _check_doc(nlp(clean_text(text)))


@settings(max_examples=200, deadline=None)
@given(_GENERATED)
def test_statement_cues_as_an_anchored_set_match_like_plain_search(text):
    """``AnchoredSet`` on patterns of another shape (``\\b``, ``^``, ``$``, no look-behind)."""
    rows = [Prefiltered(pattern, re.IGNORECASE) for _kind, pattern in read_tsv("focus_statements.tsv")]
    anchored = AnchoredSet(rows)
    found = anchored.finditer(text)
    for i, row in enumerate(rows):
        plain = re.compile(row.pattern, re.IGNORECASE)
        assert [m.span() for j, m in found if j == i] == [m.span() for m in plain.finditer(text)], row.pattern
    assert anchored.matching(anchored.scan(text), 0, len(text), text) == {
        i for i, row in enumerate(rows) if re.search(row.pattern, text, re.IGNORECASE)
    }


@pytest.mark.parametrize(
    ("pattern", "prefixes"),
    [
        (r"(?<![a-z])narkotik\w*", ("narkotik",)),
        (r"(?:^|• |och )samverka\b", ("samverka", "• samverka", "och samverka")),
        (r"drog(?:fri)?\w*", ("drog",)),
        (r"epa[- ]?traktor", ("epa",)),
        (r"\w*inbrott", ()),  # may start with any word character
        (r"(?-i:A)b", ()),  # a group with its own flags is not read
        (r"(?:ab|\d)", ()),
    ],
)
def test_prefix_literals(pattern, prefixes):
    assert prefix_literals(pattern, re.IGNORECASE) == tuple(sorted(prefixes))
