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
from collections.abc import Iterator
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
    """A compiled pattern plus the literals it requires; same matches as ``re.compile``."""

    __slots__ = ("needles", "regex")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.regex: re.Pattern[str] = re.compile(pattern, flags)
        self.needles: tuple[str, ...] = required_literals(pattern, flags)

    @property
    def pattern(self) -> str:
        return self.regex.pattern

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
