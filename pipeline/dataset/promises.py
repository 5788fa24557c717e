"""Promises, not documents: merge the documents that announce one promise into one row.

A researcher counts promises (municipality × period), but one promise is usually announced
several times: the municipality's release, the police's page, a local paper, a follow-up a
year later. Counting documents would weigh a municipality by how much it publishes.

How documents become promises (all pure functions of the extracted rows):

- Only relevant documents that were read (``status=ok``) take part.
- A joint promise (several municipalities) counts for each of its municipalities.
- For one municipality, documents whose periods share a year are one promise. Sharing a year
  but not agreeing on the period ("2022–2023" in the release, "2022" in the follow-up) is the
  usual sign of one signing reported differently, so the documents are merged, the period most
  documents give is kept, and the disagreement goes into ``conflict`` for a person to check.
  An open-ended period ("2024 och tills vidare") is taken as its first year only here, so it
  does not swallow every later promise of the municipality.
- Documents with no municipality or no year cannot be placed: each stays a row of its own
  (``status`` ``no_municipality`` / ``no_year``), so they are counted, never silently dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pipeline.dataset.schema import LABELS
from pipeline.resources.municipalities import Municipality, all_municipalities

Row = dict[str, object]

MERGED = "merged"
NO_YEAR = "no_year"
NO_MUNICIPALITY = "no_municipality"
STATUSES = (MERGED, NO_YEAR, NO_MUNICIPALITY)


@dataclass(frozen=True)
class Signatory:
    doc_id: str
    name: str
    role: str | None
    organisation: str | None
    party: str | None


@dataclass(frozen=True)
class DocInfo:
    """What merging needs from one document row (evidence texts are left behind)."""

    doc_id: str
    source: str
    municipality_codes: tuple[str, ...]
    year_start: int | None
    year_end: int | None
    police_area: str | None
    labels: frozenset[str]
    signatories: tuple[Signatory, ...]

    @property
    def period(self) -> tuple[int, int | None] | None:
        return None if self.year_start is None else (self.year_start, self.year_end)

    @property
    def overlap_years(self) -> range:
        """Years used to decide whether two documents speak of the same promise."""
        assert self.year_start is not None
        end = self.year_end if self.year_end is not None else self.year_start
        return range(self.year_start, max(end, self.year_start) + 1)


@dataclass
class Promise:
    """One promise: a municipality and a period, and the documents that announce it."""

    promise_id: str
    status: str
    municipality: Municipality | None
    year_start: int | None
    year_end: int | None
    docs: list[DocInfo]
    label_docs: dict[str, list[str]] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return [d.doc_id for d in self.docs]

    @property
    def years(self) -> range:
        """Years the promise covers, as used by the per-year aggregates (open-ended: first year)."""
        if self.year_start is None:
            return range(0)
        end = self.year_end if self.year_end is not None else self.year_start
        return range(self.year_start, max(end, self.year_start) + 1)

    def to_row(self) -> Row:
        m = self.municipality
        signed = _merged_signatories(self.docs)
        partners = sorted(
            {c for d in self.docs for c in d.municipality_codes if m is None or c != m.code},
        )
        return {
            "promise_id": self.promise_id,
            "status": self.status,
            "municipality": m.name if m else None,
            "municipality_code": m.code if m else None,
            "county": m.county if m else None,
            "county_code": m.county_code if m else None,
            "year_start": self.year_start,
            "year_end": self.year_end,
            "n_documents": len(self.docs),
            "doc_ids": ";".join(self.doc_ids),
            "sources": ";".join(dict.fromkeys(d.source for d in self.docs)),
            "focus_areas": ";".join(self.label_docs) or None,
            "focus_support": ";".join(f"{label}:{len(ids)}" for label, ids in self.label_docs.items()) or None,
            "n_focus_areas": len(self.label_docs),
            "signatories": ";".join(s.name for s in signed) or None,
            "signatory_roles": ";".join(s.role or "" for s in signed) if signed else None,
            "police_area": ";".join(sorted({d.police_area for d in self.docs if d.police_area})) or None,
            "partners": ";".join(_name(c) for c in partners) or None,
            "conflict": " | ".join(self.conflicts) or None,
        }


def _split(value: object) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    return tuple(part for part in str(value).split(";") if part)


def _int(value: object) -> int | None:
    if value is None or value == "":
        return None
    return int(value)  # type: ignore[arg-type]


def _truthy(value: object) -> bool:
    return value is True or str(value).lower() == "true"


def _name(code: str) -> str:
    m = _by_code().get(code)
    return m.name if m else code


def _by_code() -> dict[str, Municipality]:
    return {m.code: m for m in all_municipalities()}


def doc_infos(documents: Iterable[Row], focus_areas: Iterable[Row], signatories: Iterable[Row]) -> list[DocInfo]:
    """The relevant, readable documents with their labels and signed people, in input order.

    Accepts rows as the extractors build them or as read back from the CSV files (strings).
    """
    labels: dict[str, set[str]] = defaultdict(set)
    for row in focus_areas:
        labels[str(row["doc_id"])].add(str(row["label"]))
    signed: dict[str, list[Signatory]] = defaultdict(list)
    for row in signatories:
        if _truthy(row.get("signed")):
            signed[str(row["doc_id"])].append(
                Signatory(
                    doc_id=str(row["doc_id"]),
                    name=str(row["name"]),
                    role=row.get("role") or None,  # type: ignore[arg-type]
                    organisation=row.get("organisation") or None,  # type: ignore[arg-type]
                    party=row.get("party") or None,  # type: ignore[arg-type]
                )
            )
    out = []
    for row in documents:
        if row.get("status") != "ok" or not _truthy(row.get("relevant")):
            continue
        doc_id = str(row["doc_id"])
        codes = _split(row.get("municipality_codes")) or _split(row.get("municipality_code"))
        out.append(
            DocInfo(
                doc_id=doc_id,
                source=str(row.get("source") or ""),
                municipality_codes=codes,
                year_start=_int(row.get("year_start")),
                year_end=_int(row.get("year_end")),
                police_area=row.get("police_area") or None,  # type: ignore[arg-type]
                labels=frozenset(labels.get(doc_id, ())),
                signatories=tuple(signed.get(doc_id, ())),
            )
        )
    return out


def _clusters(docs: Sequence[DocInfo]) -> list[list[DocInfo]]:
    """Group one municipality's dated documents into runs whose years overlap (interval sweep)."""
    ordered = sorted(docs, key=lambda d: (d.overlap_years.start, d.overlap_years.stop, d.doc_id))
    clusters: list[list[DocInfo]] = []
    last_year = None
    for doc in ordered:
        years = doc.overlap_years
        if clusters and last_year is not None and years.start <= last_year:
            clusters[-1].append(doc)
            last_year = max(last_year, years.stop - 1)
        else:
            clusters.append([doc])
            last_year = years.stop - 1
    return clusters


def _period_text(period: tuple[int, int | None]) -> str:
    start, end = period
    if end is None:
        return f"{start}–"
    return str(start) if end == start else f"{start}–{end}"


def _chosen_period(docs: Sequence[DocInfo]) -> tuple[int, int | None]:
    """The period most documents give; ties go to the earliest start, then the narrowest span."""
    counts = Counter(d.period for d in docs)

    def key(item: tuple[tuple[int, int | None], int]) -> tuple[int, int, float]:
        (start, end), n = item
        return (-n, start, float("inf") if end is None else end)

    return min(counts.items(), key=key)[0]  # type: ignore[return-value]


def _disagreements(what: str, values: dict[str, list[str]]) -> list[str]:
    """``what: a (doc1, doc2) vs b (doc3)`` when documents give different non-empty values."""
    if len(values) < 2:
        return []
    parts = [f"{value} ({', '.join(ids)})" for value, ids in sorted(values.items())]
    return [f"{what}: " + " vs ".join(parts)]


def _conflicts(docs: Sequence[DocInfo]) -> list[str]:
    out: list[str] = []
    periods: dict[str, list[str]] = defaultdict(list)
    areas: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d.period is not None:
            periods[_period_text(d.period)].append(d.doc_id)
        if d.police_area:
            areas[d.police_area].append(d.doc_id)
    out += _disagreements("period", periods)
    out += _disagreements("police_area", areas)
    by_person: dict[str, list[Signatory]] = defaultdict(list)
    for d in docs:
        for s in d.signatories:
            by_person[s.name.casefold()].append(s)
    for people in by_person.values():
        name = people[0].name
        for attr in ("role", "party"):
            values: dict[str, list[str]] = defaultdict(list)
            for s in people:
                if getattr(s, attr):
                    values[getattr(s, attr)].append(s.doc_id)
            out += _disagreements(f"{attr} of {name}", values)
    return out


def _merged_signatories(docs: Sequence[DocInfo]) -> list[Signatory]:
    """Signed people across documents, once each (first spelling), with the most common role."""
    by_person: dict[str, list[Signatory]] = {}
    for d in docs:
        for s in d.signatories:
            by_person.setdefault(s.name.casefold(), []).append(s)
    out = []
    for people in by_person.values():
        roles = Counter(s.role for s in people if s.role)
        role = min(roles.items(), key=lambda kv: (-kv[1], kv[0]))[0] if roles else None
        first = people[0]
        out.append(Signatory(first.doc_id, first.name, role, first.organisation, first.party))
    return out


def _label_docs(docs: Sequence[DocInfo]) -> dict[str, list[str]]:
    """Union of focus labels (taxonomy order) → the documents that name each."""
    return {label: ids for label in LABELS if (ids := [d.doc_id for d in docs if label in d.labels])}


def _promise(promise_id: str, status: str, m: Municipality | None, docs: list[DocInfo]) -> Promise:
    if status == MERGED:
        start, end = _chosen_period(docs)
    else:
        start, end = docs[0].year_start, docs[0].year_end
    return Promise(
        promise_id=promise_id,
        status=status,
        municipality=m,
        year_start=start,
        year_end=end,
        docs=sorted(docs, key=lambda d: d.doc_id),
        label_docs=_label_docs(docs),
        conflicts=_conflicts(docs),
    )


def merge_promises(docs: Iterable[DocInfo]) -> list[Promise]:
    """Promises from documents, in a stable order: merged first (by code, year), then the unplaced."""
    by_code = _by_code()
    dated: dict[str, list[DocInfo]] = defaultdict(list)
    unplaced: list[Promise] = []
    for d in docs:
        known = [c for c in d.municipality_codes if c in by_code]
        if not known:
            unplaced.append(_promise(f"unknown-{d.doc_id}", NO_MUNICIPALITY, None, [d]))
            continue
        for code in known:
            if d.year_start is None:
                unplaced.append(_promise(f"{code}-unknown-{d.doc_id}", NO_YEAR, by_code[code], [d]))
            else:
                dated[code].append(d)
    merged = []
    for code in sorted(dated):
        for cluster in _clusters(dated[code]):
            start, end = _chosen_period(cluster)
            promise_id = f"{code}-{start}-{'open' if end is None else end}"
            merged.append(_promise(promise_id, MERGED, by_code[code], cluster))
    order = {status: i for i, status in enumerate(STATUSES)}
    unplaced.sort(key=lambda p: (order[p.status], p.promise_id))
    return merged + unplaced


def build_promises(documents: Iterable[Row], focus_areas: Iterable[Row], signatories: Iterable[Row]) -> list[Promise]:
    """Promises from the three extracted tables (rows as built, or as read from the CSV files)."""
    return merge_promises(doc_infos(documents, focus_areas, signatories))
