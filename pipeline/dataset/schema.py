"""The output contract: tables, columns, types and meanings, in one place.

Dashboards read these files, so the column names listed first in each table are frozen;
new columns may be appended. Any change here is a contract change: bump ``SCHEMA_VERSION``.
The README's data dictionary and ``datapackage.json`` are both generated from this module.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1.1.1"


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless type: string, integer, number, boolean
    description: str
    required: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_key: str | None = None  # column referring to documents.doc_id

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


LABELS = (
    "narkotika", "trafik", "unga", "skadegorelse", "offentlig_miljo", "dialog",
    "samverkan", "vald", "organiserad", "inbrott_stold", "bedrageri", "annat",
)  # fmt: skip

_PROVENANCE = (
    Column("source", "string", "Input the row comes from: file path, `path#Lline` for JSON Lines, or URL.", True),
    Column(
        "content_sha256",
        "string",
        "SHA-256 of the input bytes (the JSON Lines record for .jsonl).",
        True,
        pattern="[0-9a-f]{64}",
    ),
    Column("extractor_version", "string", "Version of the extractor that wrote the row.", True),
)

DOCUMENTS = Table(
    name="documents",
    description="One row per input document, including unreadable ones (status=error).",
    primary_key=("doc_id",),
    columns=(
        Column("doc_id", "string", "File stem, the JSON Lines `id`, else a hash of the URL.", True),
        _PROVENANCE[0],
        Column("title", "string", "Page title, or the first substantial line of the text."),
        Column(
            "published",
            "string",
            "Publication date given by the page's markup (meta tags, JSON-LD, time elements, the URL; "
            "ISO 8601), if any; never guessed from the text.",
        ),
        Column("relevant", "boolean", "True when the document is about a medborgarlöfte.", True),
        Column("relevance_score", "number", "Probability-like relevance score in [0, 1].", minimum=0, maximum=1),
        Column("municipality", "string", "Main municipality, spelled as in the official list of 290."),
        Column(
            "municipality_code", "string", "Its official 4-digit code (text, leading zero kept).", pattern="[0-9]{4}"
        ),
        Column("county", "string", "County (län) of the main municipality."),
        Column("municipalities", "string", "All municipalities party to the promise, main first, `;`-separated."),
        Column("police_area", "string", "Lokalpolisområde named in the text."),
        Column("year_start", "integer", "First year the promise covers.", minimum=1990, maximum=2049),
        Column(
            "year_end", "integer", "Last year it covers; empty for open-ended or unknown.", minimum=1990, maximum=2049
        ),
        Column("focus_areas", "string", "Focus-area labels, `;`-separated (see focus_areas.csv)."),
        Column("n_signatories", "integer", "Number of people the text says signed.", True, minimum=0),
        Column("status", "string", "`ok`, or `error` when the input could not be read.", True, enum=("ok", "error")),
        Column("error", "string", "Why the input could not be read (status=error)."),
        _PROVENANCE[1],
        _PROVENANCE[2],
        Column("url", "string", "Web address of the page, when known."),
        Column("municipality_codes", "string", "Codes of `municipalities`, same order, `;`-separated."),
        Column("county_code", "string", "2-digit county code of the main municipality.", pattern="[0-9]{2}"),
        Column("n_officials", "integer", "Named officials found (signatories and others).", True, minimum=0),
        Column("relevance_evidence", "string", "Sentence that best supports the relevance decision."),
        Column("municipality_evidence", "string", "Sentence (or URL) naming the main municipality."),
        Column("year_evidence", "string", "Sentence stating the promise's period."),
    ),
)

SIGNATORIES = Table(
    name="signatories",
    description="Named officials of relevant documents; `signed` tells signatories from others quoted.",
    primary_key=("doc_id", "name"),
    foreign_key="doc_id",
    columns=(
        Column("doc_id", "string", "Document the person is named in.", True),
        Column("name", "string", "Full name as written (hyphenated and double names whole).", True),
        Column("role", "string", "Title in base form, lowercase (e.g. `kommunstyrelsens ordförande`)."),
        Column("organisation", "string", "`kommun`, `polis` or `annan`.", enum=("kommun", "polis", "annan")),
        Column("party", "string", "Party abbreviation when written, e.g. `M`, `S`, `KD`."),
        Column("signed", "boolean", "True when the text says this person signed.", True),
        Column("evidence", "string", "The sentence the name, role or signing was read from.", True),
        *_PROVENANCE,
    ),
)

FOCUS_AREAS = Table(
    name="focus_areas",
    description="Focus areas each relevant document states, one row per label.",
    primary_key=("doc_id", "label"),
    foreign_key="doc_id",
    columns=(
        Column("doc_id", "string", "Document that states the focus area.", True),
        Column("label", "string", "Taxonomy label (GUIDELINES.md).", True, enum=LABELS),
        Column("score", "number", "Confidence in [0, 1].", True, minimum=0, maximum=1),
        Column(
            "method", "string", "How it was found: `rule`, `model` or `both`.", True, enum=("rule", "model", "both")
        ),
        Column("evidence", "string", "The sentence that states it.", True),
        *_PROVENANCE,
    ),
)

PROMISES = Table(
    name="promises",
    description=(
        "One row per promise (municipality × period), merging the documents that announce it; "
        "documents with no municipality or no year stay rows of their own (`status`)."
    ),
    primary_key=("promise_id",),
    columns=(
        Column(
            "promise_id", "string", "`CODE-START-END` (`open` for no end); `CODE-unknown-DOC` or `unknown-DOC`.", True
        ),
        Column(
            "status",
            "string",
            "`merged`, or why the document could not be placed: `no_year`, `no_municipality`.",
            True,
            enum=("merged", "no_year", "no_municipality"),
        ),
        Column("municipality", "string", "Municipality, spelled as in the official list of 290."),
        Column("municipality_code", "string", "Its official 4-digit code.", pattern="[0-9]{4}"),
        Column("county", "string", "County (län) of the municipality."),
        Column("county_code", "string", "2-digit county code.", pattern="[0-9]{2}"),
        Column(
            "year_start", "integer", "First year: the period most of the documents give.", minimum=1990, maximum=2049
        ),
        Column("year_end", "integer", "Last year; empty when open-ended or unknown.", minimum=1990, maximum=2049),
        Column("n_documents", "integer", "Documents merged into the promise.", True, minimum=1),
        Column("doc_ids", "string", "Their `doc_id`s, `;`-separated.", True),
        Column("sources", "string", "Their inputs (`source`), `;`-separated.", True),
        Column("focus_areas", "string", "Union of the documents' focus labels, taxonomy order, `;`-separated."),
        Column("focus_support", "string", "`label:n` per focus label: how many documents name it, `;`-separated."),
        Column("n_focus_areas", "integer", "Number of focus labels.", True, minimum=0),
        Column("signatories", "string", "People the documents say signed, once each, `;`-separated."),
        Column("signatory_roles", "string", "Their roles, same order (empty when unknown), `;`-separated."),
        Column("police_area", "string", "Lokalpolisområde(n) named, `;`-separated."),
        Column("partners", "string", "Other municipalities party to the same (joint) promise, `;`-separated."),
        Column(
            "conflict",
            "string",
            "Where the documents disagree (period, police area, a signatory's role or party), e.g. "
            "`period: 2022 (a) vs 2022–2023 (b)`; empty when they agree.",
        ),
    ),
)

_COVERAGE = Column(
    "coverage",
    "string",
    "`focus`: a promise with focus areas covers the year; `promise_only`: promises without stated "
    "focus areas; `none`: no data.",
    True,
    enum=("focus", "promise_only", "none"),
)

FOCUS_BY_MUNICIPALITY_YEAR = Table(
    name="focus_by_municipality_year",
    description=(
        "Every municipality × year × label (years any promise covers): does that year's promise name "
        "the label? Municipalities without documents are present with `coverage` = `none`."
    ),
    primary_key=("municipality_code", "year", "label"),
    columns=(
        Column("municipality_code", "string", "Official 4-digit code.", True, pattern="[0-9]{4}"),
        Column("year", "integer", "Year a promise covers.", True, minimum=1990, maximum=2049),
        Column("label", "string", "Taxonomy label (GUIDELINES.md).", True, enum=LABELS),
        Column("named", "integer", "1 named, 0 not named; empty unless `coverage` is `focus`.", minimum=0, maximum=1),
        _COVERAGE,
        Column("municipality", "string", "Municipality name.", True),
        Column("county_code", "string", "2-digit county code.", True, pattern="[0-9]{2}"),
        Column("county", "string", "County (län).", True),
        Column("n_documents", "integer", "Documents naming the label (when `coverage` is `focus`).", minimum=0),
        Column("doc_ids", "string", "Documents behind the value: those naming it, else all the year's, `;`-separated."),
        Column("promise_ids", "string", "Promises covering the year, `;`-separated."),
    ),
)

FOCUS_BY_COUNTY_YEAR = Table(
    name="focus_by_county_year",
    description=(
        "Every county × year × label: of the county's municipalities whose promise that year states "
        "focus areas, how many name the label."
    ),
    primary_key=("county_code", "year", "label"),
    columns=(
        Column("county_code", "string", "2-digit county code.", True, pattern="[0-9]{2}"),
        Column("year", "integer", "Year.", True, minimum=1990, maximum=2049),
        Column("label", "string", "Taxonomy label (GUIDELINES.md).", True, enum=LABELS),
        Column(
            "share",
            "number",
            "`n_named / n_with_focus`; empty when no municipality has focus data.",
            minimum=0,
            maximum=1,
        ),
        Column("n_named", "integer", "Municipalities whose promise names the label.", True, minimum=0),
        Column(
            "n_with_focus", "integer", "Municipalities with a promise stating focus areas that year.", True, minimum=0
        ),
        Column("n_with_promise", "integer", "Municipalities with any promise that year.", True, minimum=0),
        Column("n_municipalities", "integer", "Municipalities in the county.", True, minimum=1),
        Column("county", "string", "County (län).", True),
    ),
)

TABLES = (DOCUMENTS, SIGNATORIES, FOCUS_AREAS, PROMISES, FOCUS_BY_MUNICIPALITY_YEAR, FOCUS_BY_COUNTY_YEAR)


def table_schema(table: Table) -> dict:
    """Frictionless Table Schema for one table."""
    fields = []
    for c in table.columns:
        constraints: dict[str, object] = {}
        if c.required:
            constraints["required"] = True
        if c.pattern:
            constraints["pattern"] = c.pattern
        if c.enum:
            constraints["enum"] = list(c.enum)
        if c.minimum is not None:
            constraints["minimum"] = c.minimum
        if c.maximum is not None:
            constraints["maximum"] = c.maximum
        spec: dict[str, object] = {"name": c.name, "type": c.type, "description": c.description}
        if c.type == "boolean":
            spec["trueValues"] = ["true"]
            spec["falseValues"] = ["false"]
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, object] = {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
    if table.foreign_key:
        schema["foreignKeys"] = [
            {"fields": table.foreign_key, "reference": {"resource": "documents", "fields": "doc_id"}}
        ]
    return schema


def datapackage() -> dict:
    """The ``datapackage.json`` written beside the tables."""
    return {
        "name": "medborgarloften",
        "title": "Medborgarlöften extracted from Swedish municipal and police press releases",
        "version": SCHEMA_VERSION,
        "resources": [
            {
                "name": t.name,
                "path": f"{t.name}.csv",
                "description": t.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
                "schema": table_schema(t),
            }
            for t in TABLES
        ],
    }


def data_dictionary_markdown() -> str:
    """Markdown tables for the README's data dictionary."""
    out = []
    for t in TABLES:
        out.append(f"#### `{t.name}.csv`\n\n{t.description}\n\n| column | type | meaning |\n|---|---|---|")
        for c in t.columns:
            out.append(f"| `{c.name}` | {c.type}{' (required)' if c.required else ''} | {c.description} |")
        out.append("")
    return "\n".join(out)
