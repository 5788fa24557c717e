"""People: names, titles, parties and signing, on sentences written for these tests."""

from __future__ import annotations

import pytest

from pipeline.nlp.components.person_names import find_names
from pipeline.nlp.components.role_matcher import org_of


def _people(analyse_text, text: str) -> dict[str, tuple]:
    doc = analyse_text(text)
    return {p.name: (p.role, p.organisation, p.party, p.signed) for p in doc._.people}


# text, the names that must be found (written exactly as expected)
NAMES = [
    ("Kommunpolis Ewa Öberg Öström talade på mötet.", ["Ewa Öberg Öström"]),
    ("Mötet leddes av Claes-Urban Boström i Arboga.", ["Claes-Urban Boström"]),
    (
        "Där fanns David Schanzer-Larsen och Lena Ronnerstedt-Eriksson.",
        ["David Schanzer-Larsen", "Lena Ronnerstedt-Eriksson"],
    ),
    ("Från vänster Karin Holm och Anders von Wachenfeldt.", ["Karin Holm", "Anders von Wachenfeldt"]),
    ("Kommunchef Ralf Hedin kom sent.", ["Ralf Hedin"]),
    ("– Vi är nöjda, säger Ior Berglund, kommundirektör.", ["Ior Berglund"]),
]

# text that holds no person name
NOT_NAMES = [
    "Västra Mälardalen och Södra Fyrbodal är lokalpolisområden.",
    "Trygga Ungdomsmiljöer (TUM) arbetar i Backa.",
    "Polisen Och Kommunen bjuder in till möte.",
    "Ny Teknik skrev om saken.",
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_names_are_found_whole(nlp, text, expected):
    doc = nlp(text)
    assert [s.text for s in doc.spans["person"]] == expected


@pytest.mark.parametrize("text", NOT_NAMES)
def test_places_and_organisations_are_not_names(text):
    assert find_names(text) == []


# text, name, (role, organisation, party, signed)
PEOPLE = [
    # title before the name, party after
    ("I dag skrev kommunalråd Sara Ek (M) under medborgarlöftet.", "Sara Ek", ("kommunalråd", "kommun", "M", True)),
    # Gotland is a municipality run by a region
    (
        "Löftet undertecknades av regionstyrelsens ordförande Maja Berglund (S).",
        "Maja Berglund",
        ("regionstyrelsens ordförande", "kommun", "S", True),
    ),
    # title after a comma, with the place left out
    (
        "Medborgarlöftet presenterades av Johan Lind, lokalpolisområdeschefen i Norra Dalarna.",
        "Johan Lind",
        ("lokalpolisområdeschef", "polis", None, False),
    ),
    # party, then title
    (
        "Frågan väcktes av Per Holm (S), kommunstyrelsens ordförande, på mötet.",
        "Per Holm",
        ("kommunstyrelsens ordförande", "kommun", "S", False),
    ),
    # t.f. is left out
    ("Löftet undertecknades av t.f. kommundirektör Eva Berg.", "Eva Berg", ("kommundirektör", "kommun", None, True)),
    # "chef för lokalpolisområde X" is the lokalpolisområdeschef
    (
        "Anna Sjö, chef för lokalpolisområde Lund, skrev under i går.",
        "Anna Sjö",
        ("lokalpolisområdeschef", "polis", None, True),
    ),
    # "X är <titel>"
    ("Maja Strand är säkerhetssamordnare i kommunen.", "Maja Strand", ("säkerhetssamordnare", "kommun", None, False)),
    # a party politician without a title belongs to the municipality
    ("Lars Ek (C) och polisen skrev under löftet.", "Lars Ek", (None, "kommun", "C", True)),
    # a title that only a word after it ties to an organisation
    (
        "– Vi tänder fler lampor, säger Nils Vik, fastighetschef i Bodens kommun.",
        "Nils Vik",
        ("fastighetschef", "kommun", None, False),
    ),
    # several roles: the first one written
    (
        "Med på mötet var Lina Falk, kommunalråd och ordförande i kommunstyrelsen.",
        "Lina Falk",
        ("kommunalråd", "kommun", None, False),
    ),
    # a family of titles reported as written
    (
        "Med var även socialnämndens ordförande Olle Berg (L).",
        "Olle Berg",
        ("socialnämndens ordförande", "kommun", "L", False),
    ),
]


@pytest.mark.parametrize(("text", "name", "expected"), PEOPLE)
def test_person_fields(analyse_text, text, name, expected):
    assert _people(analyse_text, text)[name] == expected


# A list: each title goes to the name it is written next to.
LISTS = [
    (
        "Löftet har undertecknats av lokalpolisområdeschef Karl Ström, kommunpolis Ida Bergström och "
        "kommunalråd Leif Sund (KD).",
        {
            "Karl Ström": ("lokalpolisområdeschef", "polis", None, True),
            "Ida Bergström": ("kommunpolis", "polis", None, True),
            "Leif Sund": ("kommunalråd", "kommun", "KD", True),
        },
    ),
    (
        "Emma Dahl, kommundirektör, Oskar Nyberg, kommunalråd och Klara Lund, polisområdeschef var på plats "
        "och skrev under.",
        {
            "Emma Dahl": ("kommundirektör", "kommun", None, True),
            "Oskar Nyberg": ("kommunalråd", "kommun", None, True),
            "Klara Lund": ("polisområdeschef", "polis", None, True),
        },
    ),
    (
        "Här undertecknas årets löfte. Från vänster: Stina Karlsson (V), kommunstyrelsens ordförande, "
        "och Erik Hedlund, lokalpolischef.",
        {
            "Stina Karlsson": ("kommunstyrelsens ordförande", "kommun", "V", True),
            "Erik Hedlund": ("lokalpolischef", "polis", None, True),
        },
    ),
    (
        "På fredagen skrev kommunstyrelsens ordförande Mona Ek (S) och polisområdeschefen Ulf Berg på det nya "
        "medborgarlöftet.",
        {
            "Mona Ek": ("kommunstyrelsens ordförande", "kommun", "S", True),
            "Ulf Berg": ("polisområdeschef", "polis", None, True),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), LISTS)
def test_lists_keep_titles_apart(analyse_text, text, expected):
    assert _people(analyse_text, text) == expected


# text, name that is an official but did not sign according to the text
NOT_SIGNED = [
    ("– Det är positivt att skriva under medborgarlöftet, säger kommunalråd Tove Lind.", "Tove Lind"),
    ("– Vi skrev under i går och nu börjar jobbet, säger kommunpolis Arvid Holm.", "Arvid Holm"),
    ("Löftet ska skrivas under i maj av kommunchef Rut Ahl.", "Rut Ahl"),
    ("På bilden syns kommunpolis Sven Nord under en trygghetsvandring.", "Sven Nord"),
]


@pytest.mark.parametrize(("text", "name"), NOT_SIGNED)
def test_quotes_and_pictures_are_not_signing(analyse_text, text, name):
    assert _people(analyse_text, text)[name][3] is False


def test_role_written_once_is_kept_for_later_quotes(analyse_text):
    text = (
        "Kommunstyrelsens ordförande Jonas Berg (M) tog emot polisen.\n"
        "– Tryggheten är viktig för alla, säger Jonas Berg."
    )
    assert _people(analyse_text, text) == {"Jonas Berg": ("kommunstyrelsens ordförande", "kommun", "M", False)}


def test_signature_lines_sign(analyse_text):
    text = (
        "Vi lovar att arbeta för ett tryggare Ystad.\n\n"
        "Maria Lundin\nLokalpolisområdeschef\n\n"
        "Per Ström\nKommunstyrelsens ordförande\n"
    )
    assert _people(analyse_text, text) == {
        "Maria Lundin": ("lokalpolisområdeschef", "polis", None, True),
        "Per Ström": ("kommunstyrelsens ordförande", "kommun", None, True),
    }


EXCLUDED = [
    "Kommunalråd Åsa Berg skrev under. Foto: Henrik Sjöberg",
    "Kommunalråd Åsa Berg skrev under.\n\nFör frågor kontakta:\nKommunpolis\nHenrik Sjöberg\n070-123 45 67",
    "Kommunalråd Åsa Berg skrev under.\nHenrik Sjöberg, kommunpolis, 010-123 45 67",
]


@pytest.mark.parametrize("text", EXCLUDED)
def test_photographers_and_contacts_are_left_out(analyse_text, text):
    assert set(_people(analyse_text, text)) == {"Åsa Berg"}


def test_spellings_of_one_person_are_merged(analyse_text):
    text = (
        "Hans Erik Dahl och Maria Ek undertecknade löftet.\n"
        "Hans-Erik Dahl, kommundirektör, och Maria Ek, kommunpolis, var nöjda."
    )
    people = _people(analyse_text, text)
    assert set(people) == {"Hans-Erik Dahl", "Maria Ek"}
    assert people["Hans-Erik Dahl"] == ("kommundirektör", "kommun", None, True)


@pytest.mark.parametrize(
    ("role", "org"),
    [("kommunpolis", "polis"), ("kommunalråd", "kommun"), ("stationsledare", "annan"), ("skolchef", "kommun")],
)
def test_role_organisation(role, org):
    assert org_of(role) == org


def test_first_name_list_is_built():
    from pipeline.nlp.components.person_names import first_names

    names = first_names()
    assert {"Anna", "Lars", "Maria", "Jan", "Kjell"} <= names
    assert "Västra" not in names


def test_a_one_word_name_span_does_not_break_the_extractor(nlp):
    """Other name sources (a trained model, a user's component) may hand over one-word spans."""
    from pipeline.extract.people import extract_people

    doc = nlp("Kommunalrådet Anna Berg (S) skrev under. Berg var nöjd.")
    doc.spans["person"] = [*doc.spans["person"], doc.char_span(doc.text.index("Berg var"), doc.text.index(" var"))]
    names = [p.name for p in extract_people(doc)]
    assert "Anna Berg" in names
