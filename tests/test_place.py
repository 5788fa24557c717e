"""Municipalities party to the promise, and the local police area.

Each case is a short Swedish text written for the test, the expected municipalities (main
one first) and, where it matters, the expected police area.
"""

from __future__ import annotations

import json

import pytest

from pipeline.extract.place import municipality_from_url

MUNICIPALITY_CASES = [
    # forms of the name
    ("Kungsörs kommun och polisen har skrivit under ett nytt medborgarlöfte.", ["Kungsör"]),
    ("Göteborgs stad och polisen lovar att arbeta mot narkotikan.", ["Göteborg"]),
    ("Region Gotland och polisen tecknar medborgarlöfte för nästa år.", ["Gotland"]),
    ("Arbogaborna har fått säga sitt om tryggheten inför medborgarlöftet.", ["Arboga"]),
    ("Polisen lovar att synas mer i Köping under sommaren.", ["Köping"]),
    ("Falu kommun och polisen har kommit överens om ett medborgarlöfte.", ["Falun"]),
    # districts and towns map to their municipality
    ("Polisen i Angered lovar fler trygghetsvandringar i Hammarkullen.", ["Göteborg"]),
    ("I Arbrå ska polisen och kommunen öka närvaron kring skolan.", ["Bollnäs"]),
    ("Medborgarlöftet gäller hela Märsta och Valsta.", ["Sigtuna"]),
    # joint promises: every municipality of the list, main one first
    ("Polisen har tecknat löften med kommunerna Heby, Tierp och Östhammar.", ["Heby", "Tierp", "Östhammar"]),
    ("Medborgarlöftet omfattar Nacka-, Värmdö- och Tyresö kommun.", ["Nacka", "Värmdö", "Tyresö"]),
    (
        "Nytt löfte i Orust, Tjörn och Stenungsund\nPolisen har skrivit under med kommunerna.",
        ["Orust", "Tjörn", "Stenungsund"],
    ),
    (
        "Medborgarlöftet lanserades i Lerums kommun. Lerums kommun samarbetar med Alingsås och Vårgårda kommuner.",
        ["Lerum", "Alingsås", "Vårgårda"],
    ),
    # names that are not a party to the promise
    ("Sala kommun har ett medborgarlöfte. Kommunalrådet Anna Lund (S) skrev under.", ["Sala"]),
    ("Hofors kommun och polisen lovar mer. Studien gjordes vid Uppsala universitet.", ["Hofors"]),
    (
        "Ovanåkers kommun lovar tillsammans med polisen mer närvaro. Länsstyrelsen i Stockholms län stöttar.",
        ["Ovanåker"],
    ),
    ("Lokalpolisområde Borås och Bollebygds kommun har tecknat ett medborgarlöfte.", ["Bollebygd"]),
    ("Tidaholms kommun har ett medborgarlöfte. Polisen i Skövde hjälper till ibland.", ["Tidaholm"]),
    # ambiguous names count only with "kommun" or similar
    ("Vi vill vara en trygg kommun, säger kommunalrådet.", []),
    ("Vara kommun och polisen skriver under.", ["Vara"]),
    ("Kommunerna Mark, Ale och Lerum har ett gemensamt löfte med polisen.", ["Mark", "Ale", "Lerum"]),
    ("Polisen vill se mer mark för parkering och ale på krogen.", []),
    ("Här nämns ingen ort alls.", []),
]


@pytest.mark.parametrize(("text", "expected"), MUNICIPALITY_CASES)
def test_municipalities(analyse_text, text, expected):
    doc = analyse_text(text)
    assert [m.name for m in doc._.place.municipalities] == expected


URL_CASES = [
    ("https://www.kungsor.se/nyheter/medborgarlofte", "Kungsör"),
    ("https://polisen.se/om-polisen/medborgarloften/stockholms-lan/tyreso/", "Tyresö"),
    ("https://polisen.se/om-polisen/medborgarloften/ale/", "Ale"),
    ("https://example.se/nyheter/vi-vill-vara-trygga/", None),
    ("https://example.se/nyheter/mark-kommun-loften/", "Mark"),
    (None, None),
]


@pytest.mark.parametrize(("url", "expected"), URL_CASES)
def test_municipality_from_url(url, expected):
    found = municipality_from_url(url)
    assert (found.name if found else None) == expected


def test_url_decides_only_when_the_text_names_no_municipality(analyse_text):
    text = "Polisen och kommunen har skrivit under ett nytt medborgarlöfte."
    doc = analyse_text(text, url="https://www.hjo.se/nyheter/loftet")
    assert [m.name for m in doc._.place.municipalities] == ["Hjo"]


def test_text_outweighs_the_url(analyse_text):
    text = "Tranås kommun och polisen har skrivit under. Tranås kommun lovar fler trygghetsvandringar."
    doc = analyse_text(text, url="https://www.eksjo.se/nyheter/grannkommunen")
    assert doc._.place.municipalities[0].name == "Tranås"


POLICE_AREA_CASES = [
    ("Maria Svensson, lokalpolisområdeschef i Västra Mälardalen, skrev under.", "Västra Mälardalen"),
    ("Lokalpolisområde södra Vätterbygden och kommunen lovar mer.", "södra Vätterbygden"),
    ("Löftet ges av lokalpolisområde Storgöteborg Kungälv-Ale och Ale kommun.", "Kungälv-Ale"),
    ("Lokalpolisområdet Storgöteborg nordost har tecknat löftet.", "Storgöteborg nordost"),
    ("Lokalpolisområde Uppsala/ Knivsta åtar sig att öka närvaron.", "Uppsala/Knivsta"),
    ("Lokalpolisområde Piteå älvdal och Älvsbyns kommun lovar mer.", "Piteå älvdal"),
    ("Lokalpolisområde Huddinges löften för året är klara.", "Huddinge"),
    ("Eva Nilsson, chef LPO Karlstad, skrev under.", "Karlstad"),
    ("Lokalpolisen i Mölndal och kommunen lovar fler kontroller.", "Mölndal"),
    ("Löftet tecknades med Polisen västra Fyrbodal i juni.", "västra Fyrbodal"),
    ("Polisen i Norduppland har besökt många orter.", "Norduppland"),
    # not an area: a person after the title, or just the police in a town
    ("Lokalpolisområdeschef Håkan Boberg skrev under löftet.", None),
    ("Kommunalrådet och lokalpolischef Fredrik Nyström skrev under.", None),
    ("Polisen i Jönköping har haft dialog med medborgarna.", None),
    ("Polisområde Storgöteborg ansvarar för arbetet.", None),
]


@pytest.mark.parametrize(("text", "expected"), POLICE_AREA_CASES)
def test_police_area(analyse_text, text, expected):
    assert analyse_text(text)._.place.police_area == expected


def test_police_area_matches_gold(analyse_text, corpus_dir):
    """The police area agrees with the gold ``police_area`` on the development corpus."""
    wrong = []
    total = 0
    for line in (corpus_dir / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = json.loads((corpus_dir / "gold" / f"{record['id']}.json").read_text(encoding="utf-8"))
        if not gold["relevant"]:
            continue
        total += 1
        predicted = analyse_text(record["text"], url=record.get("url"))._.place.police_area
        if (predicted or "").casefold() != (gold.get("police_area") or "").casefold():
            wrong.append((record["id"], gold.get("police_area"), predicted))
    assert len(wrong) <= 0.05 * total, wrong
