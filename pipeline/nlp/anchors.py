"""Where a case-insensitive pattern can match, found with ``str.find`` on the lowercased text.

Why: ``re`` searches a pattern that begins with a look-behind (``(?<![A-Za-zÅÄÖåäö])kommunchef``)
by trying it at every position of the text, even behind a ``fastre.guarded`` look-ahead. When
every match starts with one of a few literal texts, ``str.find`` on ``fastre.fold(text)`` lists
the only positions where a match can start, and ``re.match`` at those positions, in order, gives
the matches ``finditer`` gives.

Soundness rests on ``fastre``'s claim for a folded text (one of only "safe" characters): a
case-insensitive match of a safe literal ``L`` at ``p`` means ``folded[p:p + len(L)] ==
L.lower()``. Literals with other characters are not used.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.nlp.fastre import SAFE_RANGES, finditer_at, fold_once, prefix_literals

try:  # Python ≥ 3.11
    from re import _constants as sre_c  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as sre_c  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

_SAFE_LITERAL = re.compile(f"[{SAFE_RANGES}]+")


def leading_literals(pattern: str, flags: int = 0) -> tuple[str, ...] | None:
    """Lowercased texts of which every match of ``pattern`` starts with one, or None when the
    pattern has no such literals (or one with a character ``fold`` cannot vouch for): the
    starts ``fastre.prefix_literals`` derives, which also reads through groups, alternatives and
    the certain first repetition of a repeat."""
    return prefix_literals(pattern, flags) or None


def _runs(items: Any, found: list[str]) -> None:
    """Append to ``found`` the literal runs of ``items`` that every match goes through: the
    sequence's own and those of the groups in it (matched exactly once), not those of optional
    parts, repeats or alternatives."""
    run: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append("".join(run))
            run = []
        if op is sre_c.SUBPATTERN and not av[1] and not av[2]:
            _runs(av[3], found)
    if run:
        found.append("".join(run))


def required_runs(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercased texts that every match of ``pattern`` contains, all of them (unlike
    ``fastre.required_literals``, which keeps the most selective one); only safe ones."""
    found: list[str] = []
    _runs(sre_parse.parse(pattern, flags), found)
    return tuple(dict.fromkeys(s.lower() for s in found if _SAFE_LITERAL.fullmatch(s)))


class Occurrences:
    """Positions of many literals in one folded text, each searched at most once.

    A literal that contains a shorter one of the set (its parent: "kommunchef" holds "chef") is
    looked for only where its parent occurs, with ``startswith``: the occurrences of a literal are
    exactly the occurrences of its parent, shifted by the parent's offset in it, where the literal
    itself is written. An absent parent rules out all its children without a search.
    """

    def __init__(self, literals: Iterable[str]) -> None:
        by_length = sorted(set(literals), key=lambda s: (len(s), s))
        #: (literal, parent or None, offset of the parent in it), parents before their children
        self._order: list[tuple[str, str | None, int]] = []
        for i, literal in enumerate(by_length):
            parents = [p for p in by_length[:i] if len(p) < len(literal) and p in literal]
            parent = max(parents, key=len, default=None)  # the longest: the fewest places to check
            self._order.append((literal, parent, literal.index(parent) if parent else 0))

    def find_all(self, folded: str) -> dict[str, list[int]]:
        """Literal → the positions where it occurs in ``folded``, in order."""
        found: dict[str, list[int]] = {}
        for literal, parent, offset in self._order:
            if parent is not None:
                found[literal] = [
                    at - offset for at in found[parent] if at >= offset and folded.startswith(literal, at - offset)
                ]
                continue
            places = found[literal] = []
            at = folded.find(literal)
            while at >= 0:
                places.append(at)
                at = folded.find(literal, at + 1)
        return found


def starts_of(folded: str, literals: Iterable[str]) -> list[int]:
    """Sorted positions in ``folded`` where one of the (lowercase) ``literals`` occurs."""
    positions: set[int] = set()
    for literal in literals:
        at = folded.find(literal)
        while at >= 0:
            positions.add(at)
            at = folded.find(literal, at + 1)
    return sorted(positions)


class Anchored:
    """A pattern whose every match starts with one of a few lowercase words (its anchors), given
    by hand when ``leading_literals`` cannot derive them (a case-insensitive group inside a
    case-sensitive pattern: ``(?i:lokalpolis...)|LPO``). A case-sensitive anchor is looked for
    in lowercase: that finds a superset of its places, and the pattern itself decides there."""

    def __init__(self, pattern: re.Pattern[str], anchors: tuple[str, ...]) -> None:
        if not anchors or any(not a or a != a.lower() or not _SAFE_LITERAL.fullmatch(a) for a in anchors):
            raise ValueError("anchors must be non-empty lowercase words of safe characters")
        self.pattern = pattern
        self.anchors = anchors

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``: the whole scan for a text ``fold`` refuses."""
        folded = fold_once(text)
        if folded is None:
            return self.pattern.finditer(text)
        return finditer_at(self.pattern, text, starts_of(folded, self.anchors))


def ordered_alternation(words: list[str], depth: int = 2) -> str:
    """``"|".join(map(re.escape, words))`` with the words grouped by their first ``depth``
    characters, for a faster ``re``: at each position it tries one group per first character
    instead of every word. Same matches, same preference: ``re`` tries alternatives in order, and
    words in different groups cannot both match at one position, so only the order within a
    group matters, and that is the order of ``words``. (A word ending inside the grouped
    characters leaves an empty alternative, which must stay last in its group: otherwise the
    words are not grouped.)"""
    if depth == 0 or len(words) < 2 or ("" in words and words.index("") != len(words) - 1):
        return "|".join(map(re.escape, words))
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word[1:])
    return "|".join(
        re.escape(first) + "(?:" + ordered_alternation(rests, depth - 1) + ")" if first else ""
        for first, rests in groups.items()
    )


def any_match_at(regex: re.Pattern[str], text: str, folded: str, literals: Iterable[str]) -> bool:
    """``regex.search(text) is not None`` for a pattern whose matches start only where
    ``folded`` has one of the (lowercase) ``literals``.

    ``search`` succeeds when ``match`` succeeds at some position, and ``match(text, i)`` sees the
    whole string (look-behinds and ``\\b`` read the characters before ``i``), so trying those
    positions literal by literal, stopping at the first match, gives the same answer as
    ``finditer_at(regex, text, starts_of(folded, literals))`` without scanning for every literal.
    """
    match = regex.match
    for literal in literals:
        at = folded.find(literal)
        while at >= 0:
            if match(text, at) is not None:
                return True
            at = folded.find(literal, at + 1)
    return False


def _top_level_bars(pattern: str) -> list[int]:
    """Positions of the ``|`` outside every group and character class of ``pattern``."""
    bars: list[int] = []
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":  # an escaped character is never a bar, bracket or parenthesis
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i + 1)  # "]" first in a class is a literal
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            bars.append(i)
        i += 1
    return bars


def top_level_alternatives(pattern: str, flags: int = 0) -> list[str]:
    """``pattern`` cut at its top-level ``|``: the text has a match of ``pattern`` exactly when it
    has a match of one of them (at each position ``re`` tries the alternatives in turn), so each
    can be searched with its own prefilter. ``[pattern]`` when cutting might change a match: the
    pattern has groups (a reference to one would be numbered differently once cut; without groups
    there can be no reference), verbose syntax (a ``|`` in a comment), or flags set for the whole
    pattern from inside it; or a piece does not compile (the ``|`` was not top-level after all)."""
    bars = _top_level_bars(pattern)
    whole = re.compile(pattern, flags)
    if not bars or whole.groups or whole.flags & re.VERBOSE:
        return [pattern]
    starts, ends = [0, *(bar + 1 for bar in bars)], [*bars, len(pattern)]
    pieces = [pattern[a:b] for a, b in zip(starts, ends, strict=True)]
    try:
        if all(re.compile(piece, flags).flags == whole.flags for piece in pieces):
            return pieces
    except re.error:
        pass
    return [pattern]
