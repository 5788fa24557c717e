"""The year(s) a promise covers, chosen among the time expressions of ``year_mentions``.

Press releases mention many years: the dialogues held the year before, the statistics, the
next promise being prepared, the date the page was published. Only a few expressions state
the promise's period, and the words around them say which. The decision goes in tiers, the
first that yields an answer wins:

1. *Stated periods*: a year or range written next to the promise ("medborgarlöftet för 2023",
   "2023 års medborgarlöfte", "Medborgarlöfte Biskopsgården 2021"), a range with a period or
   activity word ("gäller september 2019 till september 2020", "under 2017-2018 genomförde
   ..."), an open period ("2024 och tills vidare"), or a start date paired with an end date.
   A page holding several promises gives one span covering all of them (GUIDELINES.md).
2. *Planned years*: what the parties will do "under 2017" ("Under 2017 kommer polisen ...").
3. *The agreement's period*, when the text says the promise complements that agreement.
4. *The signing or publication date* written in the text, when the text announces a promise
   signed now or "this year's" promise; a promise signed in December is for the next year.

Years in the groundwork ("dialoger under 2015"), of a next promise ("nästa medborgarlöfte
... 2018") and in links to documents ("Sammanställning medborgarlöfte 2019 PDF") never count.
When no tier answers, the period is unknown (None) rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.extract.component import FieldSetter
from pipeline.extract.types import Period
from pipeline.nlp.components.year_mentions import (
    MAX_SPAN_YEARS,
    SPAN_ATTR,
    SPAN_KEY,
    YearMention,
    YearMentions,
    month_number,
    month_pattern,
)
from pipeline.nlp.fastre import Prefiltered, fold_once
from pipeline.nlp.spans import doc_text, span_text
from pipeline.resources import read_tsv

#: How far (characters, within a paragraph) words around a year are read; the right window
#: reaches into the next sentence ("... för 2017 och 2018. Detta ska kompletteras med löften").
LEFT, RIGHT = 90, 150
#: How far after a start date its end date may be written.
PAIR_DISTANCE = 300


@cache
def _cues() -> dict[str, Prefiltered]:
    """One case-insensitive pattern per category of ``period_cues.tsv``, ``Prefiltered`` by the
    words its cues are written with: in a text whose folded form holds none of them the pattern
    is not run (it would try its look-behind and alternation at every character)."""
    by_category: dict[str, list[str]] = {}
    for category, pattern in read_tsv("period_cues.tsv"):
        by_category.setdefault(category, []).append(pattern)
    return {
        category: Prefiltered(r"(?<!\w)(?:" + "|".join(patterns) + r")", re.IGNORECASE)
        for category, patterns in by_category.items()
    }


def _has(category: str, text: str, folded: str | None = None) -> bool:
    """Whether ``text`` holds a cue of ``category``; ``folded`` is ``fastre.fold(text)`` when the
    caller has it (without it the pattern always runs)."""
    return _cues()[category].search(text, folded) is not None


@cache
def _near_cues() -> dict[str, re.Pattern[str]]:
    """The patterns that read the words right around a mention, compiled once (they embed the
    long cue alternations, which ``re``'s own cache would hash again at every call)."""
    promise, agreement = _cues()["promise"].pattern, _cues()["agreement"].pattern
    tail = r"\s+(?:\w+\s+){0,2}(?:den\s+)?$"
    patterns = {
        "link": r"\s*(?:\(\s*)?pdf\b",
        "promise_before": rf"{promise}[\s:,–-]+(?P<between>(?:[^\s.!?]+\s+){{0,3}})$",
        "promise_after": rf"[\s:,–-]*(?:års\s+)?{promise}",
        "under_before": r"\bunder\s+(?:år\s+)?$",
        "promise_later": rf"(?P<between>(?:[^\s.!?]+\s+){{0,8}}?){promise}",
        "for_before": r"\bför\s+(?:år\s+)?$",
        "agreement_before": rf"{agreement}(?P<between>(?:[\s,()]+[^\s.!?]+){{0,6}}?)[\s(]*$",
        "start_before": _cues()["start"].pattern + tail,
        "end_before": _cues()["end"].pattern + tail,
    }
    return {name: re.compile(pattern, re.IGNORECASE) for name, pattern in patterns.items()}


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Context:
    """The words around one mention: its sentence and a window cut at paragraph breaks.

    ``folded`` is ``fastre.fold(sentence)``, sliced from the document folded once for all steps
    (``fold_once``): it lets ``says`` skip the cue patterns whose words the sentence lacks."""

    mention: YearMention
    sentence: str
    left: str
    right: str
    folded: str | None

    def says(self, category: str) -> bool:
        """Whether the sentence holds a cue of ``category``."""
        return _has(category, self.sentence, self.folded)

    @property
    def is_link(self) -> bool:
        """A link to a document ("Medborgarlöfte 2019PDF", "... 2019 (pdf, 200 kB)")."""
        return _near_cues()["link"].match(self.right) is not None

    @property
    def names_promise(self) -> bool:
        """The promise word right before or after the year ("medborgarlöftet för 2023",
        "Medborgarlöfte i Ale 2020", "2023 års medborgarlöfte"), or "för 2016" in a sentence
        about the promise; words about the groundwork in between ("sedan", "dialog") break it."""
        near = _near_cues()
        before = near["promise_before"].search(self.left)
        if before is not None and not _has("background", before.group("between")):
            return True
        if near["promise_after"].match(self.right):
            return True
        if near["under_before"].search(self.left) and not self.says("background"):
            # "Under 2022 hade kommunen och polisen ett medborgarlöfte ...": the promise is the clause's object
            after = near["promise_later"].match(self.right.lstrip())
            if after is not None and not _has("background", after.group("between")):
                return True
        return near["for_before"].search(self.left) is not None and self.says("promise")

    @property
    def about_agreement(self) -> bool:
        """The year belongs to the samverkansöverenskommelse: the sentence is about it alone, or
        it is named just before the year ("samverkansöverenskommelse för ... arbete år 2023-2026")
        and no promise word or "gäller" comes in between."""
        if not self.says("agreement"):
            return False
        return not self.says("promise") or self.names_agreement

    @property
    def names_agreement(self) -> bool:
        """The agreement is named at most six words before the year, with no promise word or
        "gäller" in between."""
        between = _near_cues()["agreement_before"].search(self.left)
        return between is not None and not any(_has(cue, between.group("between")) for cue in ("promise", "period"))

    def clause(self) -> str:
        """The sentence, or the heading-like window when the sentence is only the date."""
        return self.sentence if len(self.sentence) > 40 else f"{self.left} {self.sentence} {self.right[:40]}"


def _contexts(doc: Doc) -> list[Context]:
    text = doc_text(doc)
    if SPAN_KEY not in doc.spans:  # the component was not run: read the expressions now
        YearMentions()(doc)
    spans = doc.spans[SPAN_KEY]
    mentions = [span._.get(SPAN_ATTR) for span in spans]
    sentences = [span.sent for span in spans]
    folded = fold_once(text)
    out = []
    for mention, sent in zip(mentions, sentences, strict=True):
        if mention is None:
            continue
        left = _PARAGRAPH_BREAK.split(text[max(0, mention.start - LEFT) : mention.start])[-1]
        right = _PARAGRAPH_BREAK.split(text[mention.end : mention.end + RIGHT])[0]
        sentence_folded = folded[sent.start_char : sent.end_char] if folded is not None else None
        out.append(Context(mention, span_text(sent), left, right, sentence_folded))
    return out


def _years(contexts: Iterable[Context]) -> tuple[int, int | None] | None:
    """One span covering every mention; open-ended when any of them is."""
    mentions = [c.mention for c in contexts]
    if not mentions:
        return None
    first = min(m.first for m in mentions)
    if any(m.last is None for m in mentions):
        return first, None
    return first, max(m.last for m in mentions if m.last is not None)


def _stated(contexts: list[Context]) -> list[Context]:
    """Tier 1: expressions that state the promise's period."""
    stated = []
    for c in contexts:
        m = c.mention
        if m.kind == "OPEN":
            stated.append(c)
        elif m.kind in {"RANGE", "PAIR"} and not c.says("background") and not c.about_agreement:
            cues = ("promise", "period", "activity") if m.kind == "RANGE" else ("period",)
            if c.names_promise or any(_has(cue, c.clause()) for cue in cues):
                stated.append(c)
        elif m.kind == "YEAR" and c.names_promise:
            stated.append(c)
    return stated + _paired(contexts)


def _paired(contexts: list[Context]) -> list[Context]:
    """A start date and a later end date ("påbörjas 16 september 2016 ... till och med mars 2017")."""
    start_before, end_before = _near_cues()["start_before"], _near_cues()["end_before"]
    pairs = []
    for i, a in enumerate(contexts):
        if a.mention.kind not in {"DATE", "YEAR"} or not start_before.search(a.left):
            continue
        for b in contexts[i + 1 :]:
            if b.mention.start - a.mention.end > PAIR_DISTANCE:
                break
            if b.mention.kind in {"DATE", "YEAR"} and end_before.search(b.left):
                first, last = a.mention.first, b.mention.first
                if 0 <= last - first <= MAX_SPAN_YEARS:
                    mention = YearMention(a.mention.start, b.mention.end, "RANGE", first, last)
                    pairs.append(Context(mention, a.sentence, a.left, b.right, a.folded))
                break
    return pairs


def _planned(contexts: list[Context]) -> list[Context]:
    """Tier 2: years of work the parties say they will do ("Under 2017 kommer polisen ...")."""
    return [
        c
        for c in contexts
        if c.mention.kind in {"YEAR", "RANGE", "PAIR"}
        and c.says("future")
        and not c.says("background")
        and not c.says("agreement")
    ]


def _agreement(contexts: list[Context]) -> list[Context]:
    """Tier 3: the agreement's years, when the promise is said to complement that agreement."""
    return [
        c
        for c in contexts
        if c.mention.kind in {"YEAR", "RANGE", "PAIR"}
        and c.names_agreement
        and _has("complement", f"{c.sentence} {c.right}")
    ]


def _dated(doc: Doc, contexts: list[Context]) -> tuple[tuple[int, int], Context] | None:
    """Tier 4: the year of the signing or publication date, for a promise signed now."""
    text = doc_text(doc)
    folded = fold_once(text)
    if not (_has("signing", text, folded) or _has("this_year", text, folded)):
        return None
    for c in contexts:
        m = c.mention
        if m.kind != "DATE" or c.says("background") or c.says("next"):
            continue
        line = c.left.rsplit("\n", 1)[-1] + c.right.split("\n", 1)[0]
        if _has("updated", line):
            continue
        alone = re.fullmatch(r"[\s\W]*(?:den\s+)?[\s\W]*(?:\d\d?[:.]\d\d\s*\w*)?\s*", line, re.IGNORECASE)
        dated_line = m.day is not None and (alone or _has("published", line))
        if dated_line or c.says("signing") or c.says("promise"):
            # signed or published in December: the promise is for the coming year
            signed_then = m.day is not None and (dated_line or c.says("signing"))
            year = m.first + 1 if m.month == 12 and signed_then and _has("signing", text, folded) else m.first
            return (year, max(year, _end_without_year(text, m) or year)), c
    return None


@cache
def _end_date_re() -> re.Pattern[str]:
    period, end = _cues()["period"].pattern, _cues()["end"].pattern
    return re.compile(
        rf"{period}\s+(?:\S+\s+){{0,3}}?{end}\s+(?:den\s+)?(?P<day>\d{{1,2}})(?::e)?\s+(?P<month>{month_pattern()})"
        r"(?!,?\s*\d)",
        re.IGNORECASE,
    )


def _end_without_year(text: str, anchor: YearMention) -> int | None:
    """The year of an end date written without one ("sträcker sig till den 27 oktober"): the
    first such date after the dated signing ``anchor``."""
    m = _end_date_re().search(text)
    month = month_number(m.group("month")) if m else None
    if m is None or month is None or anchor.month is None:
        return None
    after_anchor = (month, int(m.group("day"))) > (anchor.month, anchor.day or 1)
    return anchor.first if after_anchor else anchor.first + 1


def extract_period(doc: Doc) -> Period:
    contexts = [c for c in _contexts(doc) if not c.is_link]
    upcoming = {(c.mention.first, c.mention.last) for c in contexts if c.says("next")}
    contexts = [c for c in contexts if (c.mention.first, c.mention.last) not in upcoming]
    for tier in (_stated, _planned, _agreement):
        chosen = tier(contexts)
        years = _years(chosen)
        if years is not None:
            return Period(years[0], years[1], chosen[0].sentence.strip())
    dated = _dated(doc, contexts)
    if dated is not None:
        (start, end), c = dated
        return Period(start, end, c.clause().strip())
    return Period()


@Language.factory("mbl_period")
def make_period_extractor(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("period", extract_period)
