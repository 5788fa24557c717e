"""Named officials: name, role, organisation, party, and whether the text says they signed.

A person is tied to the title written next to the name ("Maria Bäck, lokalpolisområdeschef",
"kommunalråd Kristine Hästmark (M)"), and counts as a signatory when a sentence that names
them also says the promise was signed (photo captions and "X och Y skrev under" lists).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.types import Person
from pipeline.nlp.components import person_names, role_matcher
from pipeline.nlp.extensions import register_extensions

_PARTY = re.compile(r"^\s*\((?P<p>[A-ZÅÄÖ]{1,3}|[A-ZÅÄÖ][a-zåäö]?)\)")
_SIGN = re.compile(
    r"\b(?:skr[ie]v(?:it|er|a)? under|undertecknade?s?|undertecknat|undertecknar|signerade?s?|signerat|"
    r"tecknade?s?|skrivit på|skrev på|skriver på)\b",
    re.IGNORECASE,
)
_MAX_GAP = 4  # tokens between a name and its title


def _nearest_role(name: Span, roles: list[Span]) -> Span | None:
    best, best_gap = None, _MAX_GAP + 1
    for role in roles:
        if role.sent.start != name.sent.start:
            continue
        gap = name.start - role.end if role.end <= name.start else role.start - name.end
        if 0 <= gap < best_gap:
            best, best_gap = role, gap
    return best


def extract_people(doc: Doc) -> list[Person]:
    roles = list(doc.spans.get(role_matcher.SPAN_KEY, []))
    orgs = role_matcher.role_org()
    people: dict[str, Person] = {}
    for span in doc.spans.get(person_names.SPAN_KEY, []):
        name = span.text
        after = doc.text[span.end_char : span.end_char + 8]
        party_m = _PARTY.match(after)
        role = _nearest_role(span, roles)
        signed = bool(_SIGN.search(span.sent.text))
        person = people.get(name)
        if person is None:
            person = Person(
                name=name, role=None, organisation=None, party=None, signed=False, evidence=span.sent.text.strip()
            )
            people[name] = person
        if role is not None and person.role is None:
            person.role = role.label_
            person.organisation = orgs.get(role.label_)
        if party_m and person.party is None:
            person.party = party_m.group("p").upper()
        if signed and not person.signed:
            person.signed = True
            person.evidence = span.sent.text.strip()
    return [p for p in people.values() if p.role or p.signed or p.party]


class PeopleExtractor:
    def __init__(self) -> None:
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.people = extract_people(doc)
        return doc


@Language.factory("mbl_people")
def make_people_extractor(nlp: Language, name: str) -> PeopleExtractor:
    return PeopleExtractor()
