"""What each extractor returns; the record builder turns these into output rows."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.resources.municipalities import Municipality


@dataclass
class Place:
    """Municipalities party to the promise (main one first) and the police area, if named."""

    municipalities: list[Municipality] = field(default_factory=list)
    police_area: str | None = None
    evidence: str | None = None


@dataclass
class Period:
    """The year(s) the promise covers; ``year_end`` None for an open-ended promise."""

    year_start: int | None = None
    year_end: int | None = None
    evidence: str | None = None


@dataclass
class Person:
    """A named official; ``signed`` only when the text says this person signed."""

    name: str
    role: str | None
    organisation: str | None
    party: str | None
    signed: bool
    evidence: str


@dataclass
class FocusArea:
    """A taxonomy label the document names as a focus, with the sentence that says so."""

    label: str
    score: float
    method: str  # "rule", "model" or "both"
    evidence: str


@dataclass
class Relevance:
    relevant: bool
    score: float
    evidence: str | None = None
