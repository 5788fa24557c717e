"""The researchers' notebook runs top to bottom on the seed data."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "focus_areas.ipynb"


def test_notebook_is_committed_without_outputs():
    committed = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in committed["cells"] if c["cell_type"] == "code"]
    assert code and all(not c["outputs"] and c["execution_count"] is None for c in code)


def test_notebook_executes_on_the_seed_tables(seed_tables, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    monkeypatch.setenv("MEDBORGARLOFTE_DATA", str(seed_tables))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    ).execute()
    text = json.dumps([c.get("outputs", []) for c in nb.cells], ensure_ascii=False)
    assert "Kungsör" in text and "Arboga" in text  # the latest-promise table shows the seed municipalities
    assert '"ename"' not in text
