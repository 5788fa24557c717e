"""Rebuild ``pipeline/resources/first_names.txt`` from the PyPI package ``names-dataset``.

Why a build step: a first-name gazetteer is the strongest signal that two capitalised words
are a person ("Ewa Öberg Öström") rather than a place or an organisation, but the package
ships ~700 MB of names for 105 countries and needs ~2 GB of memory to load. We keep only
the few thousand names that Swedish press releases need and ship them as a plain text file,
so the package is never a runtime dependency.

Usage (about 30 s, peak memory about 2 GB)::

    python -m pip install names-dataset==3.3.1
    python scripts/build_first_names.py

Selection: the most frequent first names in Sweden, more from the other Nordic countries,
and the top names of the countries whose names are common among Swedish officials. Names that are
also capitalised Swedish words at the start of a sentence would cause false positives;
they are dropped through ``pipeline/resources/not_names.txt``.
"""

from __future__ import annotations

import argparse
import re
from importlib.metadata import version
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "pipeline" / "resources" / "first_names.txt"
NOT_NAMES = OUT.with_name("not_names.txt")

#: country → how many top names per gender to keep. The dataset files a name under the ten
#: countries where it is most frequent, so international names common in Sweden ("Maria",
#: "Jan", "Peter", "Daniel") are missing from Sweden's list and come from these neighbours.
COUNTRIES = {
    "SE": 3000,
    "NO": 800,
    "DK": 800,
    "FI": 800,
    "DE": 400,
    "NL": 400,
    "GB": 400,
    "US": 400,
    "IT": 200,
    "ES": 200,
    "PL": 200,
    "CZ": 200,
    "IR": 100,
    "IQ": 100,
    "TR": 100,
}
_NAME = re.compile(r"^[A-ZÅÄÖÉÜÆØ][a-zåäöéüèáíóúæøß]+(?:-[A-ZÅÄÖÉÜÆØ][a-zåäöéüèáíóúæøß]+)?$")


def collect(countries: dict[str, int]) -> set[str]:
    """Top first names per country and gender, restricted to plain capitalised spellings."""
    from names_dataset import NameDataset  # heavy: imported only when building

    dataset = NameDataset()
    names: set[str] = set()
    for country, n in countries.items():
        by_gender = dataset.get_top_names(n=n, country_alpha2=country)[country]
        for gender_names in by_gender.values():
            names.update(name for name in gender_names if _NAME.match(name) and len(name) > 1)
    return names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    stop = {line.strip().casefold() for line in NOT_NAMES.read_text(encoding="utf-8").splitlines()}
    names = sorted(name for name in collect(COUNTRIES) if name.casefold() not in stop)
    header = [
        f"# Swedish and Nordic first names, from the PyPI package names-dataset {version('names-dataset')}",
        "# (Philippe Remy; MIT licence).",
        "# Top names per gender: " + ", ".join(f"{c} {n}" for c, n in COUNTRIES.items()) + ".",
        "# Rebuilt by scripts/build_first_names.py; do not edit by hand.",
    ]
    args.out.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} names to {args.out}")


if __name__ == "__main__":
    main()
