"""Regular expressions that skip texts they cannot match, decided by a substring test.

Why: the rule components run hundreds of case-insensitive patterns over every document and
sentence. Most start with a look-behind (``(?<![A-Za-zÅÄÖåäö])narkotik\\w*``), which stops
Python's ``re`` from using its literal-prefix search, so each pattern walks the whole text even
when the word it needs is nowhere in it. ``Prefiltered`` derives from the pattern itself the
literal text every match must contain (``narkotik``; for ``(?:öka|minska)\\b`` either ``öka``
or ``minska``), and a ``str`` containment test on the lowercased text (``fold``) rules the
pattern out before the regex runs. When the test passes, the unchanged regex runs on the
original text, so matches and offsets are exactly those of the plain pattern.

Soundness: a case-insensitive ``re`` match compares characters by their simple lowercase, plus
a few extra equivalences (``ı``/``i``, ``ſ``/``s``, Greek and Cyrillic variants). ``str.lower``
agrees with that for the characters in ``_SAFE`` (Latin up to U+024F without ``µ İ ı ſ``,
punctuation, currency signs); ``fold`` returns None for a text with any other character and
the pattern then always runs. Literals with characters outside ``_SAFE`` are not used.
``tests/test_fastre.py`` checks these claims over the whole Unicode range.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

try:  # Python ≥ 3.11
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Characters whose ``str.lower`` is what ``re.IGNORECASE`` compares (see the module docstring).
SAFE_RANGES = "\x00-\u00b4\u00b6-\u012f\u0132-\u017e\u0180-\u024f\u2000-\u206f\u20a0-\u20cf"
_UNSAFE = re.compile(f"[^{SAFE_RANGES}]")
_SAFE_CHAR = re.compile(f"[{SAFE_RANGES}]")
_MIN_LITERAL = 1


def fold(text: str) -> str | None:
    """The lowercased text for ``Prefiltered.may_match``, or None when it cannot be trusted."""
    return None if _UNSAFE.search(text) else text.lower()


def _run_literals(items: list[tuple[Any, Any]]) -> list[list[str]]:
    """Candidate requirements of a sequence: runs of consecutive literals, and what groups,
    alternations and mandatory repeats inside it require (each a list of alternatives)."""
    found: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        if run:
            found.append(["".join(run)])
            run.clear()

    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        close()
        if op is sre_c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if not add_flags and not del_flags:
                best = _best(_run_literals(list(sub)))
                if best:
                    found.append(best)
        elif op is sre_c.BRANCH:
            alternatives: list[str] = []
            for branch in av[1]:
                best = _best(_run_literals(list(branch)))
                if not best:
                    alternatives = []
                    break
                alternatives.extend(best)
            if alternatives:
                found.append(alternatives)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            low, _high, sub = av
            if low >= 1:
                best = _best(_run_literals(list(sub)))
                if best:
                    found.append(best)
    close()
    return found


def _usable(literal: str) -> bool:
    return len(literal) >= _MIN_LITERAL and all(_SAFE_CHAR.match(c) for c in literal)


def _best(candidates: list[list[str]]) -> list[str]:
    """The most selective requirement: usable alternatives whose shortest literal is longest."""
    usable = [alts for alts in candidates if alts and all(_usable(a) for a in alts)]
    return max(usable, key=lambda alts: (min(map(len, alts)), -len(alts)), default=[])


def required_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercased strings of which every match contains at least one (empty: no such strings)."""
    parsed = sre_parse.parse(pattern, flags)
    return tuple(sorted({a.lower() for a in _best(_run_literals(list(parsed)))}))


class Prefiltered:
    """A compiled pattern plus the literals it requires; same matches as ``re.compile``.

    ``regex`` is ``guarded`` (see there), so a text that passes the literal test is also
    scanned faster; ``pattern`` is the pattern as written.
    """

    __slots__ = ("needles", "pattern", "regex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.regex: re.Pattern[str] = guarded(pattern, flags)
        self.needles: tuple[str, ...] = required_literals(pattern, flags)

    def may_match(self, folded: str | None) -> bool:
        """False only when the pattern certainly has no match in the text ``folded`` came from."""
        if folded is None or not self.needles:
            return True
        return any(n in folded for n in self.needles)

    def search(self, text: str, folded: str | None = None) -> re.Match[str] | None:
        return self.regex.search(text) if self.may_match(folded) else None

    def finditer(self, text: str, folded: str | None = None) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text) if self.may_match(folded) else iter(())

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text)


class PatternSet:
    """Ordered ``Prefiltered`` patterns; ``candidates`` tests each distinct literal once per text.

    Why: calling ``may_match`` pattern by pattern costs more than the containment tests
    themselves for short sentences; many patterns share a literal (``dialog``, ``medborgarlöft``).
    """

    def __init__(self, patterns: Iterable[Prefiltered]) -> None:
        self.patterns: tuple[Prefiltered, ...] = tuple(patterns)
        self._always = frozenset(i for i, p in enumerate(self.patterns) if not p.needles)
        by_needle: dict[str, list[int]] = {}
        for i, p in enumerate(self.patterns):
            for needle in p.needles:
                by_needle.setdefault(needle, []).append(i)
        self._by_needle = tuple((needle, tuple(ids)) for needle, ids in by_needle.items())

    def __iter__(self) -> Iterator[Prefiltered]:
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)

    def candidate_ids(self, folded: str | None) -> list[int]:
        """Positions of the patterns that may match the text ``folded`` came from, in order."""
        if folded is None:
            return list(range(len(self.patterns)))
        hit = set(self._always)
        for needle, ids in self._by_needle:
            if needle in folded:
                hit.update(ids)
        return sorted(hit)

    def candidates(self, folded: str | None) -> list[Prefiltered]:
        """The patterns that may match the text ``folded`` came from, in their original order."""
        return [self.patterns[i] for i in self.candidate_ids(folded)]

    def any_search(self, text: str, folded: str | None) -> bool:
        """Does any pattern match somewhere in ``text``?"""
        return any(p.regex.search(text) for p in self.candidates(folded))


_CATEGORY_CLASS = {
    sre_c.CATEGORY_DIGIT: r"\d",
    sre_c.CATEGORY_NOT_DIGIT: r"\D",
    sre_c.CATEGORY_SPACE: r"\s",
    sre_c.CATEGORY_NOT_SPACE: r"\S",
    sre_c.CATEGORY_WORD: r"\w",
    sre_c.CATEGORY_NOT_WORD: r"\W",
}
_ZERO_WIDTH = (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT)
_REPEATS = tuple(
    op for op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)) if op is not None
)


class _Unknown(Exception):
    """The first character of a match cannot be bounded (``.``, a negated class, a back-reference)."""


def _first(items: Iterable[tuple[Any, Any]]) -> tuple[list[str], bool]:
    """(class items that can start a match of the sequence, whether it can match empty)."""
    found: list[str] = []
    for op, av in items:
        chars, nullable = _first_of(op, av)
        found.extend(chars)
        if not nullable:
            return found, False
    return found, True


def _first_of(op: Any, av: Any) -> tuple[list[str], bool]:
    if op is sre_c.LITERAL:
        return [re.escape(chr(av))], False
    if op is sre_c.IN:
        chars = []
        for item_op, item in av:
            if item_op is sre_c.LITERAL:
                chars.append(re.escape(chr(item)))
            elif item_op is sre_c.RANGE:
                chars.append(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
            elif item_op is sre_c.CATEGORY and item in _CATEGORY_CLASS:
                chars.append(_CATEGORY_CLASS[item])
            else:  # NEGATE and anything unusual
                raise _Unknown
        return chars, False
    if op in _ZERO_WIDTH:  # consumes nothing: skipping it only widens the set
        return [], True
    if op is sre_c.SUBPATTERN:
        _group, add_flags, _del_flags, sub = av
        if add_flags & re.IGNORECASE:  # the guard would compare more strictly than the group
            raise _Unknown
        return _first(list(sub))
    if op is sre_c.BRANCH:
        chars, nullable = [], False
        for branch in av[1]:
            sub_chars, sub_nullable = _first(list(branch))
            chars.extend(sub_chars)
            nullable = nullable or sub_nullable
        return chars, nullable
    if op in _REPEATS:
        low, _high, sub = av
        chars, nullable = _first(list(sub))
        return chars, nullable or low == 0
    raise _Unknown


def first_char_class(pattern: str, flags: int = 0) -> str | None:
    """A character class matching every character a match can start with, or None."""
    try:
        chars, nullable = _first(list(sre_parse.parse(pattern, flags)))
    except _Unknown:
        return None
    if nullable or not chars:
        return None
    return "[" + "".join(dict.fromkeys(chars)) + "]"


def _starts_with_literal(pattern: str, flags: int) -> bool:
    """``re`` already searches fast for a pattern that begins with a literal character."""
    parsed = sre_parse.parse(pattern, flags)
    return bool(parsed.data) and parsed.data[0][0] is sre_c.LITERAL


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead for its possible first characters.

    Same matches (the look-ahead only asserts what the match itself starts with); at positions
    where no match can start, ``re`` fails on one class test instead of trying every
    alternative. Worth it for long alternations that begin with a look-behind.
    """
    first = None if flags & re.VERBOSE or _starts_with_literal(pattern, flags) else first_char_class(pattern, flags)
    if first is not None:
        try:
            return re.compile(f"(?={first})(?:{pattern})", flags)
        except re.error:  # e.g. global inline flags, which must stay at the start
            pass
    return re.compile(pattern, flags)
