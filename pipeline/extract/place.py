"""Which municipality (or municipalities) the promise belongs to, and the police area.

Mentions come from the gazetteer; here they are weighed. A name followed by "kommun"/"stad"
counts more than a name in passing, and a name in the headline more than one further down.
Names that are not the municipality as a party are dropped or weakened: a county ("Uppsala
län"), a region, a newspaper, a surname ("Anna Lund"), or a police area named after a town
("lokalpolisområde Linköping"). A joint promise names its municipalities as a list
("kommunerna Heby, Tierp och Älvkarleby", "Nacka-, Värmdö- och Tyresö kommun"): every
member of such a list is a party. The page's web address settles documents whose text never
names the municipality, and breaks ties.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import unquote, urlparse

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.component import FieldSetter
from pipeline.extract.police_area import extract_police_area, police_area_mentions
from pipeline.extract.types import Place
from pipeline.nlp.components.municipality_gazetteer import SPAN_KEY
from pipeline.nlp.spans import doc_text, span_text
from pipeline.resources import read_lines, read_tsv
from pipeline.resources.municipalities import Municipality, all_municipalities

_SUFFIX = re.compile(r"^s?-?\s*(?:kommuns?|stads?|kommunerna|kommuner)\b", re.IGNORECASE)
#: What may stand between two members of a list: "A, B och C", "A-, B- och C kommun", "A/B".
_LIST_GLUE = re.compile(r"^-?(?:\s*,\s*|\s+(?:och|samt|eller|&)\s+|\s*,?\s+och\s+)$")
#: "kommunerna A, B och C", "de tre kommunerna A och B", "kommunerna i A och B".
_LIST_LEAD = re.compile(r"\bkommuner(?:na)?:?\s+(?:i\s+)?$", re.IGNORECASE)
#: The word before a mention, past "i"/"för"/"inom". The look-behind lets the search start only at
#: the beginning of a word, where its leftmost match starts anyway: without it, ``search`` tried
#: every position inside every word of the 40 characters and backtracked over the rest of the
#: word each time (a third of the place step).
_PREV_WORD = re.compile(r"(?<![\w-])([\w-]+)\s+(?:(?:i|för|inom)\s+)?$")
_NEXT_WORD = re.compile(r"^s?(?:\s+|-)(\w+)")

STRONG = 3.0  # "Kungsörs kommun", or a member of a list of parties
PLAIN = 1.0  # "i Köping", "Arbogaborna"
POLICE = 0.5  # "lokalpolisområde Linköping": a police area, only a hint of the municipality
AMBIGUOUS = 0.0  # a bare name that is also a word or a surname ("Ale", "Mark", "Lund")
HEADLINE = 1.0  # bonus for a mention near the top
URL = 2.0  # the page's address
HEAD_CHARS = 200


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """ASCII-fold the way Swedish municipalities spell their domains (Kungsör → kungsor).

    Cached: the same few hundred names are folded for every document.
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in text if not unicodedata.combining(c)))


@cache
def _ambiguous() -> frozenset[str]:
    return frozenset(read_lines("ambiguous_municipality_names.txt"))


@cache
def _context() -> dict[tuple[str, str], str]:
    """(position, casefolded word) → "skip" or "police" (see ``place_context.tsv``)."""
    return {(pos, word.casefold()): kind for pos, word, kind in read_tsv("place_context.tsv")}


@cache
def _folded_names() -> tuple[dict[str, Municipality], frozenset[str]]:
    """Folded municipality names and folded ambiguous names, built once per process."""
    return {fold(m.name): m for m in all_municipalities()}, frozenset(fold(name) for name in _ambiguous())


def municipality_from_url(url: str | None) -> Municipality | None:
    """A municipality named by the host ("kungsor.se") or a path segment ("/medborgarloften/ale/").

    In a path, a name that is also an ordinary word ("vara", "mark") only counts as a whole
    segment or followed by "kommun"/"stad", so "/vi-vill-vara-trygga/" names no municipality.
    """
    if not url:
        return None
    parsed = urlparse(url)
    folded, ambiguous = _folded_names()
    host = (parsed.hostname or "").removeprefix("www.")
    for label in host.split(".")[:-1]:
        if fold(label) in folded:
            return folded[fold(label)]
    for segment in unquote(parsed.path).split("/"):
        pieces = [p for p in re.split(r"[-_.]", segment) if p]
        for n in range(len(pieces), 0, -1):
            for i in range(len(pieces) - n + 1):
                key = fold("".join(pieces[i : i + n]))
                if key not in folded or len(key) <= 2:
                    continue
                following = pieces[i + n] if i + n < len(pieces) else ""
                whole = n == len(pieces)
                if key in ambiguous and not whole and fold(following) not in {"kommun", "stad", "kommuns", "stads"}:
                    continue
                return folded[key]
    return None


@dataclass
class Mention:
    code: str
    start: int
    end: int
    weight: float
    in_list_of_parties: bool = False


def _context_kind(doc: Doc, span: Span) -> str | None:
    context = _context()
    before = _PREV_WORD.search(doc_text(doc)[max(0, span.start_char - 40) : span.start_char])
    if before and (kind := context.get(("before", before.group(1).casefold()))):
        return kind
    after = _NEXT_WORD.match(doc_text(doc)[span.end_char : span.end_char + 40])
    if after and (kind := context.get(("after", after.group(1).casefold()))):
        return kind
    return None


def _in_person_name(people: list[tuple[int, int]], span: Span) -> bool:
    """A surname or first name that happens to be a municipality ("Anna Lund", "Per Mora")."""
    return any(start <= span.start_char and span.end_char <= end for start, end in people)


@cache
def _by_code() -> dict[str, Municipality]:
    return {m.code: m for m in all_municipalities()}


@cache
def _names_by_code() -> dict[str, str]:
    """Code → official name (built once: needed for every document)."""
    return {m.code: m.name for m in all_municipalities()}


@cache
def _codes_by_folded_name() -> dict[str, tuple[str, ...]]:
    """Folded name → the codes of the municipalities it names (two fold alike: Håbo and Habo).
    Looking up a police area's few words here beats folding all 290 names for every document."""
    codes: dict[str, list[str]] = defaultdict(list)
    for m in all_municipalities():
        codes[fold(m.name)].append(m.code)
    return {name: tuple(found) for name, found in codes.items()}


def _police_towns(area_names: set[str]) -> set[str]:
    """The municipalities whose folded name is one of the (folded) words naming a police area."""
    by_name = _codes_by_folded_name()
    return {code for name in area_names for code in by_name.get(name, ())}


def collect_mentions(doc: Doc) -> list[Mention]:
    """Weighted mentions of municipalities, in text order."""
    names = _names_by_code()
    ambiguous = _ambiguous()
    areas = police_area_mentions(doc)
    area_names = {fold(word) for _, _, area in areas for word in re.split(r"[\s/-]+", area)}
    people = [(p.start_char, p.end_char) for p in doc.spans.get("person", [])]
    mentions = []
    for span in sorted(doc.spans.get(SPAN_KEY, []), key=lambda s: s.start_char):
        strong = bool(_SUFFIX.match(doc_text(doc)[span.end_char : span.end_char + 20]))
        kind = _context_kind(doc, span)
        if any(start <= span.start_char and span.end_char <= end for start, end, _ in areas):
            kind = kind or "police"
        if kind == "skip" or (not strong and _in_person_name(people, span)):
            continue
        if kind == "police":
            weight = POLICE
        elif strong:
            weight = STRONG
        elif names[span.label_] in ambiguous:
            weight = AMBIGUOUS  # "Ale", "Vara": counts only as a member of a list of parties
        else:
            weight = PLAIN
        mentions.append(Mention(span.label_, span.start_char, span.end_char, weight))
    _mark_lists(doc_text(doc), mentions, _police_towns(area_names))
    return mentions


def _mark_lists(text: str, mentions: list[Mention], police_towns: set[str]) -> None:
    """Raise every member of a list of parties to a strong mention.

    A list is two or more mentions joined by commas and "och"; it names parties when led by
    "kommunerna", closed by "kommun(er)", or standing in the headline. In the last two cases
    a town that also names the police area stays as it is: "lokalpolisområde Borås och
    Bollebygds kommun" joins the police to one municipality.
    """
    headline = _headline_line(text, mentions)
    groups: list[list[Mention]] = []
    for mention in mentions:
        if mention.weight == POLICE:
            continue
        if groups and _LIST_GLUE.match(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for group in groups:
        if len({m.code for m in group}) < 2:
            continue
        led = bool(_LIST_LEAD.search(text[max(0, group[0].start - 40) : group[0].start]))
        closed = bool(_SUFFIX.match(text[group[-1].end : group[-1].end + 20]))
        in_headline = group[0].start >= headline[0] and group[-1].end <= headline[1]
        if led or closed or in_headline:
            for member in group:
                if led or member.code not in police_towns:
                    member.weight = max(member.weight, STRONG)
                    member.in_list_of_parties = True


def _headline_end(text: str) -> int:
    """The headline zone: the first line, or the first 200 characters if the first line is short."""
    first_break = text.find("\n", 1)
    return max(first_break if first_break >= 0 else len(text), HEAD_CHARS)


def _headline_line(text: str, mentions: list[Mention]) -> tuple[int, int]:
    """The title: the first line that names a municipality, if it lies in the headline zone."""
    if not mentions or mentions[0].start >= _headline_end(text):
        return (0, 0)
    start = text.rfind("\n", 0, mentions[0].start) + 1
    end = text.find("\n", mentions[0].start)
    return (start, end if end >= 0 else len(text))


def rank_municipalities(doc: Doc) -> tuple[list[Municipality], dict[str, str]]:
    """The municipalities party to the promise, main one first, with the evidence for each."""
    codes = _by_code()
    score: dict[str, float] = defaultdict(float)
    first_seen: dict[str, int] = {}
    evidence: dict[str, str] = {}
    listed: set[str] = set()
    head_end = _headline_end(doc_text(doc))
    for mention in collect_mentions(doc):
        if mention.weight == AMBIGUOUS:
            continue
        score[mention.code] += mention.weight + (HEADLINE if mention.start < head_end else 0.0)
        first_seen.setdefault(mention.code, mention.start)
        if mention.in_list_of_parties:
            listed.add(mention.code)
        if mention.code not in evidence:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            evidence[mention.code] = span_text(span.sent).strip() if span is not None else ""
    url_m = municipality_from_url(doc._.url)
    if url_m is not None:
        score[url_m.code] += URL
        first_seen.setdefault(url_m.code, len(doc_text(doc)))
        evidence.setdefault(url_m.code, doc._.url)
    if not score:
        return [], evidence
    ranked = sorted(score, key=lambda c: (-score[c], first_seen[c]))
    top = score[ranked[0]]
    chosen = [c for c in ranked if score[c] >= STRONG and (score[c] >= 0.5 * top or c in listed)]
    if ranked[0] not in chosen:
        chosen.insert(0, ranked[0])
    return [codes[c] for c in chosen], evidence


def extract_place(doc: Doc) -> Place:
    chosen, evidence = rank_municipalities(doc)
    return Place(
        municipalities=chosen,
        police_area=extract_police_area(doc),
        evidence=evidence.get(chosen[0].code) if chosen else None,
    )


@Language.factory("mbl_place")
def make_place_extractor(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("place", extract_place)
