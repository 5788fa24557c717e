"""Named officials: name, role, organisation, party, and whether the text says they signed.

Every mention of a name is read on its own, then the mentions of one person are merged (a
role written once, "säger Jonna Lindman" later). A title belongs to a name when it is
written right before it ("kommunalråd Kristine Hästmark (M)") or after a comma or "är"
("Maria Bäck, lokalpolisområdeschef i Västra Mälardalen", "Rune Lindbom är polisområdeschef"),
or on the next line under a signature. A title right before the next name is that name's,
which keeps lists apart ("lokalpolisområdeschef A, kommunpolis B, kommunalråd C"). Signing is
decided in ``signing``. Photographers, authors and people named only in contact details are
not officials of the promise and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.extract.component import FieldSetter
from pipeline.extract.signing import mention_signed
from pipeline.extract.types import Person
from pipeline.nlp.components import person_names, role_matcher
from pipeline.nlp.fastre import Prefiltered, fold_once
from pipeline.nlp.spans import doc_text, span_text

#: Qualifiers written before a title that the output leaves out (GUIDELINES.md).
_QUALIFIER = (
    r"(?:t\.\s?f\.?|tf\.?|tillförordnad(?:e)?|tillträdande|vikarierande|nyvald(?:a|e)?|nya?|nye|nytillträdd(?:a|e)?)"
)
_PARTY = r"\((?P<party>[A-ZÅÄÖ][A-ZÅÄÖa-zåäö]{0,2})\)"
#: Between a name and the title after it: "(M), ", ", t.f. ", " som är ", " är ", " (C) ".
_LINK_AFTER = re.compile(
    rf"\s*(?:{_PARTY})?\s*(?:,\s*|\s(?:som\s+)?(?:är|var|blir|blev)\s+|[ \t]+)(?:{_QUALIFIER}\s+)*", re.IGNORECASE
)
_PARTY_AFTER = re.compile(rf"^\s*,?\s*{_PARTY}")
#: A mention that is a credit or a contact, not an official of the promise.
_CREDIT_BEFORE = re.compile(r"(?:foto|fotograf|bild|text|av)\s*:\s*$|(?:foto|fotograf)\s+$", re.IGNORECASE)
_CONTACT_LINE = re.compile(
    r"\d{2,4}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}|\S@\S|^\s*kontakt|\bkontakt\w*\s*:|\btel(?:efon)?\.?\s*:?\s*\+?\d",
    re.IGNORECASE,
)
_PHONE_OR_MAIL = re.compile(r"\d{2,4}[- ]?\d{2,3}[ -]?\d{2}[ -]?\d{2}|\S@\S")
_CONTACT_HEADING = Prefiltered(r"\bkontakt|\bmer information\b|\bpresskontakt", re.IGNORECASE)
#: Organisation named in the words after a title that does not imply one ("fastighetschef Herrljunga kommun").
_ORG_WORDS = (
    ("polis", re.compile(r"\bpolis", re.IGNORECASE)),
    ("kommun", re.compile(r"\b(?:\w+s )?(?:kommun|stad)(?:en|s)?\b", re.IGNORECASE)),
)
_MAX_LINK_CHARS = 40


@dataclass
class Mention:
    name: str
    #: The sentence the name is written in: the evidence for what this mention tells.
    evidence: str
    role: Span | None
    party: str | None
    org: str | None
    signed: bool
    credit: bool


def _line_of(doc: Doc, start: int, end: int) -> str:
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


def _at_most_words(text: str, n: int) -> bool:
    """``len(text.split()) <= n`` without splitting a long line (a paragraph) into all its words:
    past ``n`` splits the rest stays one piece, so there are more than ``n`` pieces exactly when
    there are more than ``n`` words."""
    return len(text.split(maxsplit=n)) <= n


def _role_before(name: Span, roles: list[Span]) -> Span | None:
    text = doc_text(name.doc)
    for role in roles:
        if role.end_char <= name.start_char and name.start_char - role.end_char <= _MAX_LINK_CHARS:
            between = text[role.end_char : name.start_char]
            if not between.strip() and "\n" not in between:
                return role
    return None


def _role_after(name: Span, roles: list[Span], names: list[Span]) -> tuple[Span | None, str | None]:
    """The title after a name, unless it is written right before the next name."""
    text = doc_text(name.doc)
    for role in roles:
        if role.start_char < name.end_char or role.start_char - name.end_char > _MAX_LINK_CHARS:
            continue
        link = _LINK_AFTER.fullmatch(text[name.end_char : role.start_char])
        if not link:
            continue
        if any(
            other.start_char >= role.end_char and not text[role.end_char : other.start_char].strip(" ")
            for other in names
        ):
            return None, link.group("party")
        return role, link.group("party")
    return None, None


def _role_below(name: Span, roles: list[Span]) -> Span | None:
    """A signature: the name alone on its line and the title alone on the next."""
    doc = name.doc
    if _line_of(doc, name.start_char, name.end_char).strip() != span_text(name):
        return None
    next_start = doc_text(doc).find("\n", name.end_char)
    if next_start < 0:
        return None
    for role in roles:
        if role.start_char > next_start and not doc_text(doc)[next_start : role.start_char].strip():
            line = _line_of(doc, role.start_char, role.end_char).strip()
            if _at_most_words(line, 6) and not _CONTACT_LINE.search(line):
                return role
            return None
    return None


@lru_cache(maxsize=4096)
def _contact_line(line: str) -> bool:
    """Whether a line holds contact details (remembered: the names of one paragraph share it)."""
    return bool(_CONTACT_LINE.search(line))


def _is_contact(text: str, start: int, end: int) -> bool:
    """A name in contact details: a line with a phone number or e-mail, a short line right
    above one, or a line under a short "Kontakt" / "För frågor kontakta:" heading."""
    line_start = text.rfind("\n", 0, start)
    line_end = text.find("\n", end)
    line = text[line_start + 1 : line_end if line_end >= 0 else len(text)]
    if _contact_line(line):
        return True
    if line_end >= 0 and _at_most_words(line, 4) and not line.rstrip().endswith("."):
        below = text[line_end + 1 : line_end + 120].split("\n")[0]
        if _PHONE_OR_MAIL.search(below):
            return True
    return _under_contact_heading(text, max(0, line_start - 200), max(0, line_start))


def _under_contact_heading(text: str, start: int, end: int) -> bool:
    """Whether one of the last four non-blank lines of ``text[start:end]`` is a short contact heading.

    Most texts hold no heading word in the 200 characters above a name: two ``in`` tests on the
    folded document (folded once for all steps: ``fold_once``) rule that out before any line is
    split or searched."""
    folded = fold_once(text)
    if folded is not None and not _CONTACT_HEADING.may_match(folded[start:end]):
        return False
    lines = [line for line in text[start:end].split("\n") if line.strip()][-4:]
    return any(_at_most_words(line, 6) and _CONTACT_HEADING.search(line) for line in lines)


def _org_from_words(text: str) -> str | None:
    for org, pattern in _ORG_WORDS:
        if pattern.search(text):
            return org
    return None


def _read_mention(name: Span, roles: list[Span], names: list[Span]) -> Mention:
    doc = name.doc
    sent = name.sent
    role = _role_before(name, roles)
    after_role, party = _role_after(name, roles, names)
    signature = None
    if role is None:
        role = after_role
    if role is None:
        signature = role = _role_below(name, roles)
    if party is None:
        party_m = _PARTY_AFTER.match(doc_text(doc)[name.end_char : name.end_char + 8])
        if party_m is None and role is not None and role.start_char > name.end_char:
            party_m = _PARTY_AFTER.match(doc_text(doc)[role.end_char : role.end_char + 8])
        party = party_m.group("party") if party_m else None
    org = role_matcher.org_of(role.label_) if role is not None else None
    if role is not None and org == "annan":
        org = _org_from_words(re.split(r"[,;.]| och ", doc_text(doc)[role.end_char : role.end_char + 40])[0]) or org
    if role is None:
        org = _org_from_words(re.split(r"[;.]| och ", doc_text(doc)[name.end_char : name.end_char + 25])[0][:25])
    if org is None and party:
        org = "kommun"  # a party politician in these texts sits for the municipality
    before = doc_text(doc)[max(0, name.start_char - 15) : name.start_char]
    credit = bool(_CREDIT_BEFORE.search(before)) or _is_contact(doc_text(doc), name.start_char, name.end_char)
    signed = not credit and (mention_signed(name, sent) or signature is not None)
    evidence = span_text(sent).strip()
    return Mention(span_text(name), evidence, role, party.upper() if party else None, org, signed, credit)


def _key(name: str) -> str:
    return name.replace("-", " ").casefold()


def _merge_key(name: str, keys: dict[str, str]) -> str:
    """The key of an earlier, fuller spelling of the same person, else the name's own key.

    "Hans Bertil Sinclair" is "Hans-Bertil Sinclair", and a caption's "Classe Boström" is the
    text's "Claes-Urban Boström" (same surname, first names starting alike).
    """
    key = _key(name)
    if key in keys or len(key.split()) < 2:
        return key
    first, *_, last = key.split()
    for other in keys:
        parts = other.split()
        if len(parts) >= 2 and parts[-1] == last and parts[0][:3] == first[:3]:
            return other
    return key


def extract_people(doc: Doc) -> list[Person]:
    roles = sorted(doc.spans.get(role_matcher.SPAN_KEY, []), key=lambda s: s.start_char)
    names = list(doc.spans.get(person_names.SPAN_KEY, []))
    mentions = [_read_mention(name, roles, names) for name in names]
    # Hyphenated and longer spellings first, so that they become the name reported.
    order = sorted(mentions, key=lambda m: (-len(m.name.split("-")), -len(m.name)))
    keys: dict[str, str] = {}
    for m in order:
        keys.setdefault(_merge_key(m.name, keys), m.name)
    people: dict[str, Person] = {}
    credited_only: dict[str, bool] = {}
    for m in mentions:
        key = _merge_key(m.name, keys)
        person = people.get(key)
        if person is None:
            person = people[key] = Person(keys[key], None, None, None, False, m.evidence)
            credited_only[key] = True
        credited_only[key] &= m.credit
        if m.credit:
            continue
        if m.role is not None and person.role is None:
            person.role = m.role.label_
            person.organisation = m.org
            person.evidence = m.evidence
        if person.organisation is None and m.org:
            person.organisation = m.org
        if m.party and person.party is None:
            person.party = m.party
        if m.signed and not person.signed:
            person.signed = True
            person.evidence = m.evidence
    return [p for key, p in people.items() if not credited_only[key] and (p.role or p.signed or p.party)]


@Language.factory("mbl_people")
def make_people_extractor(nlp: Language, name: str) -> FieldSetter:
    return FieldSetter("people", extract_people)
