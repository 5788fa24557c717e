"""The README's data dictionary is the schema's, regenerated with `medborgarlofte schema --markdown`."""

from __future__ import annotations

import re

from pipeline import __version__
from pipeline.dataset.schema import SCHEMA_VERSION, data_dictionary_markdown

from .conftest import ROOT


def test_readme_data_dictionary_matches_the_schema():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- data-dictionary:start[^>]*-->\n(.*?)\n<!-- data-dictionary:end -->", readme, re.S)
    assert block, "README.md needs the data dictionary block"
    assert block.group(1).strip() == data_dictionary_markdown().strip()


def test_readme_states_the_current_versions():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"(now {SCHEMA_VERSION})" in readme
    assert f"`medborgarlofte-{__version__}`" in readme
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(rf'^version = "{re.escape(__version__)}"$', pyproject, re.M)


def test_readme_screenshot_is_committed_and_small():
    shot = ROOT / "docs" / "report.png"
    assert shot.exists() and shot.stat().st_size < 400_000
