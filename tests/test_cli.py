"""The command line: every command documented with an example; extract/run/evaluate work end to end."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from pipeline.cli import app

from .conftest import CORPUS, RAW, ROOT

runner = CliRunner()
COMMANDS = [c.name or c.callback.__name__ for c in app.registered_commands]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys; from pipeline import cli; "
        "print(sorted(m for m in ('spacy', 'sklearn', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_extract_writes_tables_and_summary(tmp_path):
    result = runner.invoke(app, ["extract", str(RAW), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "documents read" in result.output and "errors" in result.output
    with (tmp_path / "documents.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 and all(r["status"] == "ok" for r in rows)


def test_strict_exits_non_zero_only_when_there_are_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    assert runner.invoke(app, ["extract", str(bad), "--out", str(tmp_path / "a")]).exit_code == 0
    assert runner.invoke(app, ["extract", str(bad), "--out", str(tmp_path / "b"), "--strict"]).exit_code == 1


def test_validate_command(tmp_path):
    runner.invoke(app, ["extract", str(RAW), "--out", str(tmp_path)])
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 0
    (tmp_path / "documents.csv").write_text("doc_id\n", encoding="utf-8")
    assert runner.invoke(app, ["validate", str(tmp_path)]).exit_code == 1


def test_schema_command_prints_the_datapackage():
    result = runner.invoke(app, ["schema"])
    names = [r["name"] for r in json.loads(result.output)["resources"]]
    assert names[:3] == ["documents", "signatories", "focus_areas"]


def test_module_entry_point_runs():
    out = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and "extract" in out.stdout


def test_evaluate_on_the_seed_gold_shows_every_field_correct(tmp_path):
    gold = CORPUS / "gold"
    if not gold.exists():
        pytest.skip("../shared/corpus is not available")
    seed_gold = tmp_path / "gold"
    seed_gold.mkdir()
    for p in RAW.glob("*.txt"):
        (seed_gold / f"{p.stem}.json").write_bytes((gold / f"{p.stem}.json").read_bytes())
    runner.invoke(app, ["extract", str(RAW), "--out", str(tmp_path / "out")])
    result = runner.invoke(app, ["evaluate", "--gold", str(seed_gold), "--pred", str(tmp_path / "out"), "--json"])
    metrics = json.loads(result.output)
    for key in (
        "relevance_f1",
        "municipality_set_acc",
        "year_acc",
        "signatory_f1",
        "role_acc",
        "party_acc",
        "focus_f1",
    ):
        assert metrics[key] == 1.0, (key, metrics[key])
