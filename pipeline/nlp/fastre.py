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
from bisect import bisect_left, bisect_right
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


_last_fold: list[tuple[str, str | None]] = [("", "")]


def fold_once(text: str) -> str | None:
    """``fold(text)``, remembered for the last text: the pipeline's steps fold the same document
    text (the one ``doc_text`` caches) one after another, and each fold is a scan and a copy."""
    last_text, last_folded = _last_fold[0]
    if text is not last_text:
        last_folded = fold(text)
        _last_fold[0] = (text, last_folded)
    return last_folded


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


#: Texts up to this length (a sentence) are scanned once for all needles; a longer text gets one
#: ``in`` test per needle, which costs less per character than the scan.
_SCAN_BELOW = 150


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
        # For one scan of a short text: the longest needle at each position, and the patterns
        # of every needle it starts with (those needles occur there too; see ``candidate_ids``).
        self._needle_at = re.compile(f"(?=({_trie(by_needle)}))") if by_needle else None
        self._ids_at = {
            needle: frozenset(i for shorter, ids in by_needle.items() if needle.startswith(shorter) for i in ids)
            for needle in by_needle
        }

    def __iter__(self) -> Iterator[Prefiltered]:
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)

    def candidate_ids(self, folded: str | None) -> list[int]:
        """Positions of the patterns that may match the text ``folded`` came from, in order."""
        if folded is None:
            return list(range(len(self.patterns)))
        hit = set(self._always)
        if self._needle_at is not None and len(folded) <= _SCAN_BELOW:
            # A needle occurs at a position exactly when it starts the longest needle found
            # there (both are prefixes of the text from that position), so the needles found
            # and those they start with are all the needles in the text.
            for longest in self._needle_at.findall(folded):
                hit.update(self._ids_at[longest])
            return sorted(hit)
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


def _searched_fast(pattern: str, flags: int) -> bool:
    """``re`` already searches fast for a pattern that begins with a literal character, or with
    ``^``/``\\A`` anchoring it at the start of the text: it tries that position only, while behind
    a look-ahead the anchor is no longer first and every position would be tried."""
    parsed = sre_parse.parse(pattern, flags)
    if not parsed.data:
        return False
    op, av = parsed.data[0]
    if op is sre_c.AT:
        return av is sre_c.AT_BEGINNING_STRING or (av is sre_c.AT_BEGINNING and not parsed.state.flags & re.MULTILINE)
    return op is sre_c.LITERAL


def guarded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled behind a look-ahead for its possible first characters.

    Same matches (the look-ahead only asserts what the match itself starts with); at positions
    where no match can start, ``re`` fails on one class test instead of trying every
    alternative. Worth it for long alternations that begin with a look-behind.
    """
    first = None if flags & re.VERBOSE or _searched_fast(pattern, flags) else first_char_class(pattern, flags)
    if first is not None:
        try:
            return re.compile(f"(?={first})(?:{pattern})", flags)
        except re.error:  # e.g. global inline flags, which must stay at the start
            pass
    return re.compile(pattern, flags)


#: More starts than this and a pattern is run the ``Prefiltered`` way (its starts say little).
_MAX_PREFIXES = 64
_WORD_CLASS = [(sre_c.CATEGORY, sre_c.CATEGORY_WORD)]


def _seq_prefixes(items: Iterable[tuple[Any, Any]]) -> set[tuple[str, bool]] | None:
    """(lowercased literal start, whether the whole sequence was read) for each way a match of
    the sequence can begin; None when there are too many ways to be worth listing."""
    current = {("", True)}
    for op, av in items:
        if not any(complete for _, complete in current):
            break
        if op in _ZERO_WIDTH:  # consumes nothing, so it cannot change what the match starts with
            continue
        step = _item_prefixes(op, av)
        if step is None:  # not literal text: the starts read so far are all there is to know
            return {(start, False) for start, _ in current}
        grown = {(start + more, done) for start, complete in current if complete for more, done in step}
        grown.update((start, False) for start, complete in current if not complete)
        if len(grown) > _MAX_PREFIXES:
            return {(start, False) for start, _ in current}
        current = grown
    return current


def _item_prefixes(op: Any, av: Any) -> set[tuple[str, bool]] | None:
    """What one parsed item starts with (as ``_seq_prefixes``), or None when it is not literal text."""
    if op is sre_c.LITERAL:
        char = chr(av)
        return {(char.lower(), True)} if _usable(char) else None
    if op is sre_c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return None if add_flags or del_flags else _seq_prefixes(list(sub))
    if op is sre_c.BRANCH:
        found: set[tuple[str, bool]] = set()
        for branch in av[1]:
            starts = _seq_prefixes(list(branch))
            if starts is None:
                return None
            found |= starts
        return found
    if op in _REPEATS and av[0] >= 1:  # the first repetition is certain, what follows is not
        starts = _seq_prefixes(list(av[2]))
        return None if starts is None else {(start, False) for start, _ in starts}
    return None


def _minimal(starts: set[tuple[str, bool]] | None) -> tuple[str, ...]:
    """The starts as strings, without those that extend another ("drog" covers "drogfri");
    empty when some way to match starts with no literal text."""
    if not starts or any(not start for start, _ in starts):
        return ()
    found = sorted({start for start, _ in starts})
    return tuple(s for s in found if not any(s != t and s.startswith(t) for t in found))


def prefix_literals(pattern: str, flags: int = 0) -> tuple[str, ...]:
    """Lowercased strings one of which the lowercased text has where any match starts (empty:
    none known, e.g. for a pattern that starts with ``\\w*``)."""
    return _minimal(_seq_prefixes(list(sre_parse.parse(pattern, flags))))


def _lead_in(items: list[tuple[Any, Any]]) -> tuple[int, list[tuple[Any, Any]]] | None:
    """For a pattern that starts (after assertions) with ``\\w*`` or ``\\w+``: the least number of
    word characters it starts with, and the items after them; else None."""
    rest = [item for item in items]
    while rest and rest[0][0] in _ZERO_WIDTH:
        rest.pop(0)
    if not rest or rest[0][0] not in _REPEATS:
        return None
    low, high, sub = rest[0][1]
    if high != sre_c.MAXREPEAT or list(sub) != [(sre_c.IN, _WORD_CLASS)]:
        return None
    return low, rest[1:]


def _boundary_chars(parsed: list[tuple[Any, Any]], flags: int) -> frozenset[str]:
    """Lowercased characters that cannot come right before a match: those of a leading
    case-insensitive look-behind ``(?<![...])`` of a literal class; else none.

    Sound for texts that ``fold`` accepts: a character there whose lowercase is that of a class
    member is equal to it for ``re.IGNORECASE``, so the look-behind would fail.
    """
    if not flags & re.IGNORECASE or not parsed or parsed[0][0] is not sre_c.ASSERT_NOT:
        return frozenset()
    direction, sub = parsed[0][1]
    items = list(sub)
    if direction != -1 or len(items) != 1 or items[0][0] is not sre_c.IN:
        return frozenset()
    chars: set[str] = set()
    for op, av in items[0][1]:
        if op is sre_c.LITERAL:
            chars.add(chr(av))
        elif op is sre_c.RANGE and av[1] - av[0] < 256:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:  # a negation, a category or a huge range: not worth it
            return frozenset()
    return frozenset(c.lower() for c in chars if _usable(c))


def _trie(words: Iterable[str]) -> str:
    """A regex for the longest of ``words`` at a position, one alternative per next character."""
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        # Longer words first: ``re`` takes the first alternative that matches.
        alternatives = [re.escape(char) + emit(child) for char, child in node.items() if char]
        if "" in node:
            alternatives.append("")
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return emit(root)


class AnchorScan:
    """A text, its ``fold`` and where a pattern prefix starts in it (see ``AnchoredSet.scan``)."""

    __slots__ = ("folded", "positions", "prefixes", "text")

    def __init__(self, text: str, folded: str, positions: list[int], prefixes: list[str]) -> None:
        self.text = text
        self.folded = folded
        self.positions = positions  # ascending
        self.prefixes = prefixes  # the longest prefix that starts at each position


class _LeadIn:
    """A pattern ``\\w*X…`` / ``\\w+X…``: a match at ``p`` has some X at a ``q >= p + low`` with
    only word characters between, so it starts in the run of word characters before an X."""

    __slots__ = ("boundary", "index", "infixes", "low")

    def __init__(self, index: int, low: int, infixes: tuple[str, ...], boundary: frozenset[str]) -> None:
        self.index = index
        self.low = low
        self.infixes = infixes
        self.boundary = boundary

    def starts(self, text: str, folded: str) -> list[int]:
        """Every position where a match can start, ascending."""
        found: set[int] = set()
        for infix in self.infixes:
            q = folded.find(infix)
            while q >= 0:
                p = q
                while p > 0 and _WORD_CHAR.match(text, p - 1):
                    p -= 1
                found.update(s for s in range(p, q - self.low + 1) if s == 0 or folded[s - 1] not in self.boundary)
                q = folded.find(infix, q + 1)
        return sorted(found)


_WORD_CHAR = re.compile(r"\w")


def finditer_at(regex: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``regex.finditer(text)`` for a pattern whose matches are never empty and start only at
    ``starts`` (sorted): the first match at or after the end of the previous one, as ``finditer``."""
    end = 0
    for at in starts:
        if at >= end:
            match = regex.match(text, at)
            if match is not None:
                yield match
                end = match.end()


class AnchoredSet:
    """Patterns tried only where a match can start, found by one scan of the text.

    Why: ``PatternSet`` still runs each pattern whose word occurs anywhere over the whole text
    (about 20 scans of a 3,000-character release for the focus lexicon). Here one scan of the
    lowercased text finds every place where some pattern's literal start (``prefix_literals``)
    begins, and the pattern is tried there with ``match``, which sees the text around the
    position (look-behinds, ``^``, ``\\b``) exactly as a search reaching it does. Trying a
    pattern's start positions in order, skipping those inside its previous match, is how
    ``finditer`` proceeds; every match consumes its non-empty literal start, so none is empty.
    Patterns that begin with ``\\w*X`` or ``\\w+X`` are tried in the runs of word characters
    before an X. Any other pattern runs as ``Prefiltered``, and every pattern does on a text
    that ``fold`` refuses.

    When every pattern begins with a case-insensitive look-behind such as
    ``(?<![A-Za-zÅÄÖåäö])``, the scan also passes over positions that follow those letters.
    """

    def __init__(self, patterns: Iterable[Prefiltered]) -> None:
        self.patterns: tuple[Prefiltered, ...] = tuple(patterns)
        self._regexes = tuple(p.regex for p in self.patterns)
        by_prefix: dict[str, list[int]] = {}
        self._lead_ins: list[_LeadIn] = []
        self._plain: list[int] = []
        boundaries: list[frozenset[str]] = []
        for i, p in enumerate(self.patterns):
            parsed = list(sre_parse.parse(p.pattern, p.regex.flags))
            boundary = _boundary_chars(parsed, p.regex.flags)
            prefixes = _minimal(_seq_prefixes(parsed))
            lead_in = None if prefixes else _lead_in(parsed)
            infixes = _minimal(_seq_prefixes(lead_in[1])) if lead_in else ()
            if prefixes:
                boundaries.append(boundary)
                for prefix in prefixes:
                    by_prefix.setdefault(prefix, []).append(i)
            elif lead_in and infixes:
                self._lead_ins.append(_LeadIn(i, lead_in[0], infixes, boundary))
            else:
                self._plain.append(i)
        # For each prefix, (length, pattern ids) of every prefix it starts with, shortest first.
        self._nested = {
            prefix: tuple(
                (len(shorter), tuple(by_prefix[shorter]))
                for shorter in sorted(by_prefix, key=len)
                if prefix.startswith(shorter)
            )
            for prefix in by_prefix
        }
        self._ids = {prefix: tuple(i for _, ids in nested for i in ids) for prefix, nested in self._nested.items()}
        trie = _trie(by_prefix) if by_prefix else "(?!)"
        self._at = re.compile(f"(?=({trie}))")
        boundary = frozenset.intersection(*boundaries) if boundaries else frozenset()
        # With a boundary, the scan steps on the character before each position (a padding
        # character stands before the text), where ``re`` skips the boundary letters quickly.
        self._pad = next((c for c in " \n\x00" if c not in boundary), "") if boundary else ""
        chars = "".join(re.escape(c) for c in sorted(boundary))
        self._scan = re.compile(f"[^{chars}](?=({trie}))") if self._pad else self._at

    def scan(self, text: str) -> AnchorScan | None:
        """Where a prefix starts in ``text`` (the longest there), or None when ``fold`` refuses it."""
        folded = fold_once(text)
        if folded is None:
            return None
        positions: list[int] = []
        prefixes: list[str] = []
        # With padding, ``m.start()`` in the padded text is the prefix's position in ``text``.
        for m in self._scan.finditer(self._pad + folded):
            positions.append(m.start())
            prefixes.append(m.group(1))
        return AnchorScan(text, folded, positions, prefixes)

    def finditer(self, text: str, scan: AnchorScan | None = None) -> list[tuple[int, re.Match[str]]]:
        """(pattern index, match) for every match of each pattern's ``regex.finditer(text)``: one
        pattern's matches in their order, patterns interleaved. ``scan``: ``self.scan(text)``."""
        scan = scan if scan is not None and scan.text is text else self.scan(text)
        if scan is None:
            return [(i, m) for i, p in enumerate(self.patterns) for m in p.regex.finditer(text)]
        regexes = self._regexes
        found: list[tuple[int, re.Match[str]]] = []
        resume = [0] * len(regexes)  # where each pattern's ``finditer`` goes on: its last match's end
        for pos, prefix in zip(scan.positions, scan.prefixes, strict=True):
            for i in self._ids[prefix]:
                if pos >= resume[i]:
                    m = regexes[i].match(text, pos)
                    if m is not None:
                        resume[i] = m.end()
                        found.append((i, m))
        for lead_in in self._lead_ins:  # none of these has a prefix, so none matched above
            i = lead_in.index
            found.extend((i, m) for m in finditer_at(regexes[i], text, lead_in.starts(text, scan.folded)))
        for i in self._plain:
            found.extend((i, m) for m in self.patterns[i].finditer(text, scan.folded))
        return found

    def matching(self, scan: AnchorScan | None, start: int, end: int, text: str) -> set[int]:
        """Indices of the patterns with a match in ``text``, which is ``scan.text[start:end]``
        (as if searched alone: the scan's positions are reused only inside the slice, where the
        slice and the whole text look the same to a match that starts there; the slice's first
        position, after which the text has no character, is looked up anew)."""
        if scan is None:
            return {i for i, regex in enumerate(self._regexes) if regex.search(text)}
        regexes = self._regexes
        folded = scan.folded[start:end]  # ``fold(text)``: lowercasing is per character here
        found: set[int] = set()
        first = self._at.match(folded)
        if first is not None:
            found.update(i for i in self._ids[first.group(1)] if regexes[i].match(text))
        positions = scan.positions
        for k in range(bisect_right(positions, start), bisect_left(positions, end)):
            pos = positions[k] - start
            for length, ids in self._nested[scan.prefixes[k]]:
                if pos + length > len(text):  # the prefix runs past the slice: not a start in it
                    break
                found.update(i for i in ids if i not in found and regexes[i].match(text, pos))
        for lead_in in self._lead_ins:
            i = lead_in.index
            if i in found or not any(infix in folded for infix in lead_in.infixes):
                continue
            if any(regexes[i].match(text, p) for p in lead_in.starts(text, folded)):
                found.add(i)
        found.update(i for i in self._plain if self.patterns[i].search(text, folded))
        return found
