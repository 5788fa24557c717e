"""Focus areas: the lexicon (which labels a sentence speaks of), the statement finder (which
sentences state the focus) and the extractor that combines them. Sentences are our own."""

from __future__ import annotations

import re

import pytest

from pipeline.extract.focus import extract_focus, label_sentence
from pipeline.extract.focus_statements import focus_statements, is_background, is_statement, opens_section
from pipeline.resources import read_tsv

LABELS = {
    "narkotika", "trafik", "unga", "skadegorelse", "offentlig_miljo", "dialog", "samverkan",
    "vald", "organiserad", "inbrott_stold", "bedrageri", "annat",
}  # fmt: skip
KINDS = {"statement", "lead_in", "section", "section_end", "background"}


def test_lexicon_rows_are_known_labels_with_valid_patterns():
    for row in read_tsv("focus_lexicon.tsv"):
        label, pattern = row
        assert label in LABELS
        re.compile(pattern)


def test_statement_cue_rows_are_known_kinds_with_valid_patterns():
    for row in read_tsv("focus_statements.tsv"):
        kind, pattern = row
        assert kind in KINDS
        re.compile(pattern)


# sentence → labels it must carry (exactly)
LABEL_CASES = [
    ("Vi ska minska langningen av alkohol till minderåriga.", {"narkotika"}),
    ("Fler hastighetskontroller på landsvägen genom byn.", {"trafik"}),
    ("Trimmade mopeder stör de boende på kvällarna.", {"trafik"}),
    ("Föräldrastöd till familjer med tonåringar.", {"unga"}),
    ("Insatser mot klotter på busskurerna.", {"skadegorelse"}),
    ("Bättre belysning i gångtunneln vid stationen.", {"offentlig_miljo"}),
    ("Vi vill öka tryggheten i Höllviken och Skanör.", {"offentlig_miljo"}),
    ("Kommunen ska hålla två medborgardialoger under hösten.", {"dialog"}),
    ("Vi ska stärka samverkan mellan socialtjänsten och fältassistenterna.", {"samverkan"}),
    ("Arbetet mot våld i nära relationer ska fortsätta.", {"vald"}),
    ("Riktade insatser mot kriminella nätverk i stadsdelen.", {"organiserad"}),
    ("Grannsamverkan ska starta i två nya villakvarter.", {"inbrott_stold"}),
    ("Butiksstölderna i köpcentret ska minska.", {"inbrott_stold"}),
    ("Information till pensionärer om bedrägerier via telefon.", {"bedrageri"}),
    ("Suicidprevention och psykisk ohälsa bland invånarna.", {"annat"}),
    # words that look like cues but are not
    ("Trafikverket äger vägen.", set()),
    ("Löftena skiljer sig beroende på stadsdel.", set()),
    ("Ett möte i samverkan med räddningstjänsten.", set()),
    ("Narkotikabruket ökar bland äldre.", {"narkotika"}),
    ("Våldsbejakande extremism ska förebyggas.", {"annat"}),
]


@pytest.mark.parametrize(("sentence", "labels"), LABEL_CASES)
def test_label_sentence(sentence, labels):
    assert label_sentence(sentence) == labels


STATEMENT_CASES = [
    ("I fokus står trafiken och drogerna.", True),
    ("Löftet innehåller tre delar: mindre buskörning, mindre klotter och fler vandringar.", True),
    ("Medborgarlöftet omfattar arbetet mot narkotika i centrum.", True),
    ("Polisen och kommunen lovar att genomföra fler trygghetsvandringar.", True),
    ("Under året ska vi prioritera arbetet mot klotter.", True),
    ("Kommunen kommer att satsa extra på ungdomarna i år.", True),
    ("Minska antalet inbrott i fritidshus.", True),
    # background: how the promise was made, what promises are
    ("Löftet har tagits fram utifrån medborgardialoger och statistik.", False),
    ("Medborgarlöftet är ett åtagande som polisen gör till invånarna.", False),
    ("I dialogen framkom en oro för narkotika i skolan.", False),
    ("Resultaten kommuniceras på kommunens webbplats.", False),
    ("Vädret var fint när avtalet skrevs under.", False),
]


@pytest.mark.parametrize(("sentence", "expected"), STATEMENT_CASES)
def test_is_statement(sentence, expected):
    assert is_statement(sentence) is expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Enkäten låg till grund för arbetet.",
        "Synpunkterna har framkommit vid medborgardialoger i våras.",
        "Underlaget bygger på polisens lägesbild.",
    ],
)
def test_background_sentences(sentence):
    assert is_background(sentence)


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Det här lovar vi", "lead_in"),
        ("Fokusområden 2025", "lead_in"),
        ("Polisen och kommunen lovar att:", "lead_in"),
        ("Löftet", "lead_in"),
        ("Medborgarlöfte 2025", "section"),
        ("Aktiviteter", "section"),
        ("Bakgrund", None),
        ("Uppföljning:", None),
        ("Kontakt", None),
    ],
)
def test_opens_section(line, kind):
    assert opens_section(line) == kind


PRESS_RELEASE = """Nytt medborgarlöfte i Exempelby

Polisen och Exempelby kommun har skrivit under ett nytt medborgarlöfte för 2025.

Löftet har tagits fram utifrån medborgardialoger där många berättade om inbrott och skadegörelse.

Medborgarlöften är ett sätt för polisen att arbeta nära medborgarna och öka tryggheten.

Det här lovar vi

• Fler trafikkontroller vid skolorna under vårterminen.

• Polisen ska arbeta mot narkotikaförsäljningen på torget.

Kontakt

Frågor om våldsbrott besvaras av kommunens växel.
"""


@pytest.fixture(scope="module")
def press_doc(analyse_text):
    return analyse_text(PRESS_RELEASE)


def test_focus_comes_from_the_promise_not_the_background(press_doc):
    labels = {area.label for area in extract_focus(press_doc)}
    assert {"trafik", "narkotika"} <= labels
    # named only in the background (dialogues) or after the section ends (contact)
    assert not labels & {"inbrott_stold", "skadegorelse", "dialog", "vald"}


def test_focus_areas_carry_rule_method_score_and_evidence(press_doc):
    areas = {area.label: area for area in press_doc._.focus}
    assert areas["trafik"].method == "rule"
    assert 0.0 < areas["trafik"].score <= 1.0
    assert "trafikkontroller" in areas["trafik"].evidence


def test_statements_say_why_they_were_chosen(press_doc):
    reasons = {s.text: s.reason for s in focus_statements(press_doc)}
    assert reasons["• Fler trafikkontroller vid skolorna under vårterminen."] == "item"
    assert "Kontakt" not in reasons


def test_lead_names_the_focus_when_there_is_no_list(analyse_text):
    doc = analyse_text(
        "Medborgarlöfte för 2025\n\nBuskörning och klotter är i fokus i årets medborgarlöfte.\n\n"
        "Löftet bygger på synpunkter från invånare som också nämnde bedrägerier."
    )
    assert {area.label for area in doc._.focus} == {"trafik", "skadegorelse"}
