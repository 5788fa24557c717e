"""The promise's period: time expressions found, and which of them is the period.

Each case is a short Swedish text written for the test and the expected (year_start, year_end);
adding a case is adding a line.
"""

from __future__ import annotations

import pytest

from pipeline.nlp.components.year_mentions import find_years

MENTIONS = [
    ("Löftet gäller 2023–2024.", [("RANGE", 2023, 2024)]),
    ("Perioden 1 januari 2023 – 31 december 2024 gäller.", [("RANGE", 2023, 2024)]),
    ("Gäller 2018-07-01—2020-06-30.", [("RANGE", 2018, 2020)]),
    ("Uppföljning 2020-21 av löftet", [("RANGE", 2020, 2021)]),
    ("Löftet löper från mars 2022 till februari 2023.", [("RANGE", 2022, 2023)]),
    ("Gäller från 1 juni 2022 till och med den 31 december 2023.", [("RANGE", 2022, 2023)]),
    ("Medborgarlöften 2016/2017 i kommunen", [("RANGE", 2016, 2017)]),
    ("ett löfte för 2019 och 2020", [("PAIR", 2019, 2020)]),
    ("statistik från 2015 och 2019", [("YEAR", 2015, 2015), ("YEAR", 2019, 2019)]),
    ("2025 och tills vidare", [("OPEN", 2025, None)]),
    ("Löftet gäller från hösten 2018.", [("OPEN", 2018, None)]),
    ("Undertecknat den 3 december 2021.", [("DATE", 2021, 2021)]),
    ("Publicerad 2019-05-14", [("DATE", 2019, 2019)]),
    ("Pressmeddelande • Dec 12, 2018 10:15 CET", [("DATE", 2018, 2018)]),
    ("Ring 0491-76 40 00 eller skriv till oss.", []),
    ("Ärendet har diarienummer 2020-1234.", []),
    ("Medborgarlöfte 2000-2030", []),  # thirty years is no promise period
]


@pytest.mark.parametrize(("text", "expected"), MENTIONS)
def test_time_expressions(text, expected):
    assert [(m.kind, m.first, m.last) for m in find_years(text)] == expected


PERIODS = [
    # the year written next to the promise
    ("Kommunen och polisen har skrivit under medborgarlöftet för 2025.", (2025, 2025)),
    ("Nu är 2019 års medborgarlöfte klart.", (2019, 2019)),
    ("Medborgarlöfte i Tranås 2021\n\nPolisen lovar att synas mer i centrum.", (2021, 2021)),
    ("Fokusområden 2024\n\nTrafiksäkerhet och narkotika.", (2024, 2024)),
    ("Polisen och kommunen lovar att under 2018 arbeta mot langning.", (2018, 2018)),
    ("Löftena som tagits fram för 2016 skrivs under i dag av kommunen och polisen.", (2016, 2016)),
    # a follow-up names the promise it follows up, not the next one being prepared
    (
        "Under 2022 hade kommunen och polisen ett medborgarlöfte om trafiken.\n\n"
        "Arbetet med ett nytt löfte för 2023 pågår.",
        (2022, 2022),
    ),
    # a stated range or period
    ("Medborgarlöftet gäller 1 januari 2023 – 31 december 2024.", (2023, 2024)),
    ("Medborgarlöfte 2022-2023\n\nVi lovar fler trygghetsvandringar.", (2022, 2023)),
    ("Löftet sträcker sig från mars 2021 till februari 2022.", (2021, 2022)),
    ("Under 2019-2020 genomförde kommunen och polisen flera insatser i centrum.", (2019, 2020)),
    ("Medborgarlöftet är nytt och gäller i två år, under åren 2024-25.", (2024, 2025)),
    ("Insatserna påbörjas den 1 oktober 2020 och pågår till och med april 2021.", (2020, 2021)),
    # open-ended
    ("Medborgarlöfte\n\n2024 och tills vidare\n\nVi lovar att minska buskörningen.", (2024, None)),
    ("Medborgarlöftet gäller från våren 2017.", (2017, None)),
    # several promises on one page: one span covering them
    ("Medborgarlöfte 2022-2023\n\nMer polis i centrum.\n\nMedborgarlöfte 2021\n\nFärre inbrott.", (2021, 2023)),
    # what the parties will do
    ("Under 2026 kommer polisen och kommunen att fokusera på skolvägarna.", (2026, 2026)),
    ("Trygghetsarbetet i centrum kommer att fortsätta under 2019 och 2020.", (2019, 2020)),
    # the agreement's period, when the promise complements it
    (
        "Kommunen har tecknat en samverkansöverenskommelse för 2017 och 2018. Den kompletteras med medborgarlöften.",
        (2017, 2018),
    ),
    # the signing or publication date, for a promise signed now
    ("2018-04-12\n\nKommunen och polisen undertecknade i dag ett medborgarlöfte.", (2018, 2018)),
    ("Publicerad 3 december 2021\n\nI dag undertecknades ett nytt medborgarlöfte.", (2022, 2022)),
    (
        "Den 2 november 2020 presenterades medborgarlöftet. Löftet sträcker sig till den 31 oktober.",
        (2020, 2021),
    ),
    ("Medborgarlöftet som skrevs under i våras följs upp i december 2023.", (2023, 2023)),
    # years that are not the period
    ("Sett till rapporteringen under 2021 och 2022 har brotten minskat i kommunen.", (None, None)),
    ("Kommunen och polisen har sedan 2016 tagit fram gemensamma medborgarlöften.", (None, None)),
    ("Medborgardialoger hölls under 2015 i skolorna. I år lovar vi mer närvaro.", (None, None)),
    ("Nuvarande samverkansöverenskommelse gäller 2023-2026. Ett medborgarlöfte ska tas fram.", (None, None)),
    ("Nästa medborgarlöfte ska tas fram under 2019.", (None, None)),
    ("Sammanställning medborgarlöfte 2019 PDF\n\nVi lovar fler kontroller.", (None, None)),
    ("Sidan uppdaterad 2021-03-02\n\nKommunen och polisen undertecknade ett medborgarlöfte.", (None, None)),
    ("Polisen och kommunen vill höra vad du tycker om tryggheten.", (None, None)),
]


@pytest.mark.parametrize(("text", "expected"), PERIODS)
def test_period(analyse_text, text, expected):
    period = analyse_text(text)._.period
    assert (period.year_start, period.year_end) == expected


def test_next_promise_years_are_not_the_current_period(analyse_text):
    text = (
        "Medborgarlöften 2025/2026\n\nNu påbörjas arbetet med att framställa nya medborgarlöften för 2025/2026.\n\n"
        "Medborgarlöften 2023/2024 i kommunen\n\nVi lovar fler trygghetsvandringar."
    )
    period = analyse_text(text)._.period
    assert (period.year_start, period.year_end) == (2023, 2024)


def test_evidence_is_the_sentence_stating_the_period(analyse_text):
    period = analyse_text("Välkommen!\n\nMedborgarlöftet för 2024 är klart. Det handlar om trafik.")._.period
    assert period.evidence == "Medborgarlöftet för 2024 är klart."
