"""``medborgarlofte scrape``: one command from a start URL to extracted rows."""

from __future__ import annotations

import csv

from typer.testing import CliRunner

from pipeline.cli import app

from .scrape_site import Site

runner = CliRunner()


def test_scrape_help_has_an_example():
    result = runner.invoke(app, ["scrape", "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_scrape_without_seeds_is_a_clean_error(tmp_path):
    result = runner.invoke(app, ["scrape", "--cache", str(tmp_path / "c")])
    assert result.exit_code == 2 and "nothing to scrape" in result.output


def test_scrape_sites_csv_and_extract(tmp_path, nlp):
    with Site() as site:
        sites = tmp_path / "sites.csv"
        sites.write_text(f"municipality_code,start_url\n1983,{site.url('/rss.xml')}\n", encoding="utf-8")
        out = tmp_path / "out"
        args = ["scrape", "--sites", str(sites), "--cache", str(tmp_path / "cache"), "--delay", "0.02"]
        result = runner.invoke(app, [*args, "--extract", "--out", str(out)])
    assert result.exit_code == 0, result.output
    with (out / "documents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["municipality"] for r in rows) == ["Arboga", "Köping"]
    assert all(r["url"].startswith(site.base) for r in rows)
    assert "Scrape summary" in result.output and "kept" in result.output


def test_default_run_reads_only_top_level_seed_files(tmp_path):
    from pipeline.batch import top_level_inputs

    (tmp_path / "a.txt").write_text("Köping", encoding="utf-8")
    (tmp_path / ".gitkeep").write_text("", encoding="utf-8")
    (tmp_path / "html" / "host").mkdir(parents=True)
    (tmp_path / "html" / "host" / "page.html").write_text("<p>cache</p>", encoding="utf-8")
    assert top_level_inputs(tmp_path) == [tmp_path / "a.txt"]
