"""Report: the page is built from the published tables and works in a real, offline browser.

The browser tests start Debian's chromium through chromedriver (selenium) and skip cleanly
when either is missing; `.ci/run` installs them.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
from pathlib import Path

import pytest

from pipeline.report import write_report
from pipeline.report.geometry import municipality_features, wkb_to_polygons

SEED_MUNICIPALITIES = ("Kungsör", "Köping", "Arboga", "Hallstahammar")


def _wkb_polygon(ring: list[tuple[float, float]], little: bool = True) -> bytes:
    e = "<" if little else ">"
    head = struct.pack(e + "BII", 1 if little else 0, 3, 1) + struct.pack(e + "I", len(ring))
    return head + b"".join(struct.pack(e + "dd", x, y) for x, y in ring)


@pytest.mark.parametrize("little", [True, False], ids=["little-endian", "big-endian"])
def test_wkb_polygon_is_decoded_rounded_and_deduplicated(little):
    ring = [(15.00001, 60.0), (15.00002, 60.0), (16.0, 60.0), (16.0, 61.0), (15.00001, 60.0)]
    assert wkb_to_polygons(_wkb_polygon(ring, little)) == [[[[15.0, 60.0], [16.0, 60.0], [16.0, 61.0], [15.0, 60.0]]]]


def test_wkb_multipolygon_keeps_every_part():
    square = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 0.0)]
    parts = [_wkb_polygon(square), _wkb_polygon([(x + 5, y) for x, y in square])]
    data = struct.pack("<BII", 1, 6, 2) + b"".join(parts)
    assert len(wkb_to_polygons(data)) == 2


def test_map_has_all_290_municipalities_inside_sweden():
    features = municipality_features()
    assert len(features) == 290
    for f in features:
        assert 10.5 < f["properties"]["lon"] < 24.5 and 55 < f["properties"]["lat"] < 69.5
    size = len(json.dumps(features, separators=(",", ":")))
    assert size < 400_000, "outlines should stay small enough to embed"


@pytest.fixture(scope="module")
def seed_report(seed_tables, tmp_path_factory) -> Path:
    return write_report(seed_tables, tmp_path_factory.mktemp("report"))


def _page_data(html: str) -> dict:
    blob = re.search(r'<script type="application/json" id="page-data">(.*?)</script>', html, re.S)
    assert blob
    return json.loads(blob.group(1))


def test_seed_report_shows_the_municipalities_focus_areas_and_signatories(seed_report):
    html = seed_report.read_text(encoding="utf-8")
    rows = _page_data(html)["specs"]["map"]["datasets"]["rows"]
    latest = {r["municipality"]: r for r in rows if r["year"] == "latest"}
    assert set(SEED_MUNICIPALITIES) <= set(latest)
    assert latest["Kungsör"]["areas"] and latest["Kungsör"]["signatories"] != "none named"
    for name in SEED_MUNICIPALITIES:
        assert name in html
    assert "Claes-Urban Boström" in html  # a signatory of the Kungsör release


def test_page_is_self_contained(seed_report):
    html = seed_report.read_text(encoding="utf-8")
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=["\']?(https?:)?//', html, re.I)
    assert "vegaEmbed" in html
    assert seed_report.stat().st_size < 3_000_000


def test_text_from_documents_is_escaped(tmp_path, seed_tables):
    for name in seed_tables.iterdir():
        shutil.copy(name, tmp_path / name.name)
    docs = tmp_path / "documents.csv"
    text = docs.read_text(encoding="utf-8")
    first_title = text.splitlines()[1].split(",")[2]
    docs.write_text(text.replace(first_title, "<script>alert(1)</script>", 1), encoding="utf-8")
    html = write_report(tmp_path, tmp_path / "out").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_undated_documents_and_promises_without_focus_are_shown_honestly(tmp_path):
    from pipeline.dataset.derived import derive
    from pipeline.dataset.schema import DOCUMENTS
    from pipeline.dataset.write import DatasetWriter

    def document(doc_id, code, name, year):
        row = dict.fromkeys(DOCUMENTS.column_names)
        row.update(doc_id=doc_id, source=doc_id, relevant=True, n_signatories=0, n_officials=0, status="ok",
                   content_sha256="0" * 64, extractor_version="t", municipality=name, municipality_code=code,
                   municipalities=name, municipality_codes=code, year_start=year, year_end=year)  # fmt: skip
        return row

    documents = [
        document("signing-notice", "0380", "Uppsala", 2024),  # a promise, but no focus areas stated
        document("undated", "0381", "Enköping", None),
    ]
    with DatasetWriter(tmp_path) as writer:
        writer.add("documents", documents)
        for table, rows in derive(documents, [], []).items():
            writer.add(table, rows)
    html = write_report(tmp_path, tmp_path / "out").read_text(encoding="utf-8")
    rows = _page_data(html)["specs"]["map"]["datasets"]["rows"]
    assert [(r["municipality"], r["year"], r["n_areas"], r["trafik"]) for r in rows] == [
        ("Uppsala", "2024", None, "focus unknown"),
        ("Uppsala", "latest", None, "focus unknown"),
    ]
    assert "&lt;NA&gt;" not in html and "<NA>" not in html
    assert "0381-unknown-undated" in html  # the undated document is listed as not placed


def test_report_command_needs_the_derived_tables(tmp_path):
    from typer.testing import CliRunner

    from pipeline.cli import app

    result = CliRunner().invoke(app, ["report", "--data", str(tmp_path), "--out", str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "promises.csv" in result.output


# --- a real headless browser -------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("chromium and chromedriver are not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1280,1600", f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def loaded(browser, seed_report):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(seed_report.as_uri())
    charts = ("map", "map-zoom", "chart-frequency", "chart-by-year", "chart-county")
    WebDriverWait(browser, 30).until(
        lambda d: d.execute_script(
            "return arguments[0].every(id => document.querySelector('#' + id + ' svg g.role-mark path'))",
            list(charts),
        )
    )
    return browser


def test_page_loads_without_console_errors(loaded):
    severe = [entry for entry in loaded.get_log("browser") if entry["level"] == "SEVERE"]
    assert severe == []


def test_page_makes_no_network_requests(loaded):
    urls = []
    for entry in loaded.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    assert any(u.startswith("file://") for u in urls), "the log should at least show the page itself"
    browser_internal = ("chrome:", "chrome-untrusted:", "devtools:", "about:")  # the driver's own start page
    outside = [u for u in urls if not u.startswith(("file://", "data:", "blob:", *browser_internal))]
    assert outside == []


@pytest.mark.parametrize(
    ("chart", "marks"),
    [("map", "g.mark-shape.role-mark path"), ("map-zoom", "g.mark-text.role-mark text"),
     ("chart-frequency", "g.mark-rect.role-mark path"), ("chart-by-year", "g.mark-rect.role-mark path"),
     ("chart-county", "g.mark-rect.role-mark path")],
)  # fmt: skip
def test_map_and_charts_render_marks(loaded, chart, marks):
    n = loaded.execute_script(f"return document.querySelectorAll('#{chart} svg {marks}').length")
    assert n > 0


def test_map_shows_every_municipality_and_the_seed_ones_in_colour(loaded):
    shapes = loaded.execute_script("return document.querySelectorAll('#map svg g.mark-shape.role-mark path').length")
    assert shapes >= 290 + len(SEED_MUNICIPALITIES)  # grey base for all, coloured layer on top
    labels = loaded.execute_script(
        "return [...document.querySelectorAll('#map-zoom svg g.mark-text.role-mark text')].map(t => t.textContent)"
    )
    assert set(SEED_MUNICIPALITIES) <= set(labels)


def test_colour_by_a_focus_area_redraws_the_map(loaded):
    from selenium.webdriver.support.ui import Select, WebDriverWait

    Select(loaded.find_element("id", "colour-by")).select_by_value("trafik")
    WebDriverWait(loaded, 20).until(
        lambda d: "trafik" in d.execute_script("return document.querySelector('#map svg').textContent")
    )
    Select(loaded.find_element("id", "colour-by")).select_by_value("n_areas")


def test_document_table_filters_as_text_is_typed(loaded):
    box = loaded.find_element("id", "doc-search")
    visible = "return [...document.querySelectorAll('#documents tbody.doc')].filter(t => !t.hidden).length"
    total = loaded.execute_script(visible)
    assert total == 5
    box.send_keys("Kungsör")
    assert loaded.execute_script(visible) == 1
    assert "1 of 5" in loaded.find_element("id", "doc-count").text
    box.clear()
    box.send_keys("ingen sådan text finns")
    assert loaded.execute_script(visible) == 0
    box.clear()
    box.send_keys(" ")  # clear() fires no input event; any keystroke does
    assert loaded.execute_script(visible) == total
