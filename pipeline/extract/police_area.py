"""The local police area (lokalpolisområde) the text names, spelled as the text spells it.

Read from "lokalpolisområde(t) X", "LPO X", "lokalpolisen i X" and the chief titles
("lokalpolisområdeschef i Västra Mälardalen"). A title followed by a person's name
("lokalpolisområdeschef Håkan Boberg") names no area: after a title without a preposition
the name must look like an area (a compass word, a municipality or a known area). Plain
"polisen i X" counts only when X can be nothing but a police area ("polisen i Norduppland",
"Polisen västra Fyrbodal"), since "polisen i Jönköping" is just the police in a town.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from pipeline.nlp.anchors import Anchored
from pipeline.nlp.spans import doc_text
from pipeline.resources import read_tsv
from pipeline.resources.municipalities import all_municipalities

_UP = "A-ZÅÄÖ"
_LOW = "a-zåäöé"
_NAME = rf"[{_UP}][{_LOW}]+"
_COMPASS = r"(?:[Nn]orra|[Ss]ödra|[Öö]stra|[Vv]ästra|[Mm]ellersta)"
_CANDIDATE = (
    rf"(?P<area>(?:{_COMPASS} )?{_NAME}(?:[-/] ?{_NAME})?(?: {_NAME}(?:[-/] ?{_NAME})?)?(?: (?P<tail>[{_LOW}]+))?)"
)
#: Keywords naming the area itself: anything capitalised after them is taken.
_AREA_KEYWORD = Anchored(
    re.compile(
        r"(?:(?i:\blokalpolis(?:områdes?|område[nt]|områdets|en)?)\b[ \t]+(?:(?:i|inom)[ \t]+)?|\bLPO[ \t]+)"
        + _CANDIDATE
    ),
    ("lokalpolis", "lpo"),
)
#: Chief titles: the name after them may be a person.
_TITLE_KEYWORD = Anchored(
    re.compile(rf"(?i:\blokalpolis(?:områdes?)?chef(?:en)?)\b[ \t]+(?P<prep>(?:i|för|över|inom)[ \t]+)?{_CANDIDATE}"),
    ("lokalpolis",),
)
_POLICE_KEYWORD = Anchored(re.compile(rf"\b[Pp]olisen[ \t]+(?:i[ \t]+)?{_CANDIDATE}"), ("polisen",))
_COMPASS_START = re.compile(rf"^{_COMPASS} ")
_MENTIONS_KEY = ("mbl", "police_area_mentions")


@cache
def _vocabulary(kind: str) -> frozenset[str]:
    return frozenset(word for k, word in read_tsv("police_areas.tsv") if k == kind)


@cache
def _place_names() -> frozenset[str]:
    """Municipality names and the districts/towns of ``place_aliases.tsv`` (no inflected forms)."""
    aliases = (row[0] for row in read_tsv("place_aliases.tsv"))
    return frozenset([m.name for m in all_municipalities()] + list(aliases))


def _is_place(name: str) -> bool:
    return name in _place_names()


def _clean(area: str, tail: str | None) -> str:
    """Trim what the candidate pattern took too much of, and normalise "Kungälv/ Ale"."""
    if tail and tail not in _vocabulary("tail"):
        area = area[: -len(tail) - 1]
    area = re.sub(r"\s*/\s*", "/", area)
    words = area.split(" ")
    if len(words) > 1 and words[0] in _vocabulary("prefix") and words[1][0].isupper():
        area = " ".join(words[1:])
    words = area.split(" ")
    second_is_other_name = len(words) == 2 and words[1][0].isupper() and not _is_place(words[1])
    if second_is_other_name and _is_place(words[0]) and words[1].casefold() not in _vocabulary("tail"):
        area = words[0]  # "lokalpolisområde Nacka Lokalpolisen ...": the area is one word
    if area.endswith("s") and not _is_place(area) and _is_place(area[:-1]):
        area = area[:-1]  # "Lokalpolisområde Nackas medborgarlöften"
    return area


def _in_person(people: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(p_start < end and start < p_end for p_start, p_end in people)


def _looks_like_area(area: str) -> bool:
    first = area.split(" ")[0].split("-")[0].split("/")[0]
    return bool(_COMPASS_START.match(area)) or _is_place(first) or area in _vocabulary("area")


def police_area_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """Every place the text names a local police area: (start, end, area as written), in order.

    Mentions after the area keywords and chief titles; the plain-"polisen" fallback is left
    to ``extract_police_area``. Remembered on the Doc: the place extractor asks twice.
    """
    found = doc.user_data.get(_MENTIONS_KEY)
    if found is None:
        found = doc.user_data[_MENTIONS_KEY] = _find_mentions(doc)
    return list(found)


def _find_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    text = doc_text(doc)
    people = [(p.start_char, p.end_char) for p in doc.spans.get("person", [])]
    found: list[tuple[int, int, str]] = []
    for match in _AREA_KEYWORD.finditer(text):
        area = _clean(match.group("area"), match.group("tail"))
        if area.casefold().startswith("lokalpolis"):
            continue
        if _in_person(people, match.start("area"), match.end("area")) and not _looks_like_area(area):
            continue
        found.append((match.start("area"), match.end("area"), area))
    for match in _TITLE_KEYWORD.finditer(text):
        area = _clean(match.group("area"), match.group("tail"))
        if area.casefold().startswith("lokalpolis"):
            continue
        in_person = _in_person(people, match.start("area"), match.end("area"))
        if match.group("prep") or (_looks_like_area(area) and not in_person):
            found.append((match.start("area"), match.end("area"), area))
    return sorted(found)


def extract_police_area(doc: Doc) -> str | None:
    """The first area the text names; null when it names none."""
    found = police_area_mentions(doc)
    if found:
        return found[0][2]
    for match in _POLICE_KEYWORD.finditer(doc_text(doc)):
        area = _clean(match.group("area"), match.group("tail"))
        if (_COMPASS_START.match(area) and not _is_place(area.split(" ", 1)[1])) or area in _vocabulary("area"):
            return area
    return None
