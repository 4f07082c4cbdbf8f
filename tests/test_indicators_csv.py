"""Indicators from typed numbers and from the organisation's CSV files."""

from __future__ import annotations

import pytest

from dialogi.errors import InvalidFile, NotFound, UsageError
from dialogi.indicators_csv import indicator_id, parse_csv, parse_kind, parse_number, read_csv, same_name
from dialogi.record.models import IndicatorKind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4,5", 4.5),
        ("4.5", 4.5),
        ("5,8 %", 5.8),
        ("5.8%", 5.8),
        ("1 200", 1200.0),
        ("1\u00a0200 h", 1200.0),
        ("−3,2", -3.2),
        ("-0,5", -0.5),
        ("+2", 2.0),
        ("17 pv/htv", 17.0),
        (",5", 0.5),
        ("", None),
        ("   ", None),
        ("-", None),
        ("–", None),
        (None, None),
        (3, 3.0),
        (2.25, 2.25),
    ],
)
def test_numbers_as_people_type_them(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["abc", "n/a", "about 5", "4,5,6", "5 % (2025)", "1.200,5", "5 6", True])
def test_what_is_not_one_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("operations", IndicatorKind.OPERATIONS),
        ("Operations", IndicatorKind.OPERATIONS),
        ("toiminta", IndicatorKind.OPERATIONS),
        ("Toimintaa  kuvaava", IndicatorKind.OPERATIONS),
        ("", IndicatorKind.OPERATIONS),
        ("impact", IndicatorKind.IMPACT),
        ("vaikuttavuus", IndicatorKind.IMPACT),
        ("Vaikuttavuutta kuvaava", IndicatorKind.IMPACT),
    ],
)
def test_kinds_in_both_languages(text, kind):
    assert parse_kind(text) is kind


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        parse_kind("money")


def test_the_same_name_whatever_the_case_and_spacing():
    assert same_name("  Työn   IMU ") == same_name("työn imu") != same_name("tyon imu")


def test_ids_come_from_names_and_stay_unique():
    assert indicator_id("Työhyvinvointi-indeksi") == "tyohyvinvointi-indeksi"
    assert indicator_id("Sickness absence rate") == indicator_id("  sickness ABSENCE rate ")
    assert indicator_id("Sickness absence rate", {"sickness-absence-rate"}) == "sickness-absence-rate-2"
    assert indicator_id("%", set()) == "indicator"
    assert indicator_id("%", {"indicator"}) == "indicator-2"


def test_an_english_file_with_commas():
    text = (
        "name,kind,value,unit,period,source,previous\n"
        "Sickness absence rate,operations,5.8,%,1-9/2026,HR system,4.9\n"
        '"Overtime, all staff",operations,"1 200,5",hours,2026,Shift planning,\n'
        "Wellbeing index,impact,3.4,points 1-5,spring 2026,Staff survey,3.7\n"
    )
    rows = parse_csv(text)
    assert [r.name for r in rows] == ["Sickness absence rate", "Overtime, all staff", "Wellbeing index"]
    first = rows[0]
    assert (first.id, first.kind, first.value, first.unit, first.period, first.source, first.previous) == (
        "sickness-absence-rate", IndicatorKind.OPERATIONS, 5.8, "%", "1-9/2026", "HR system", 4.9)
    assert rows[1].value == 1200.5 and rows[1].previous is None  # a quoted decimal comma
    assert rows[2].kind is IndicatorKind.IMPACT


def test_a_finnish_excel_file_with_semicolons_and_decimal_commas():
    text = (
        "\ufeffNimi;Laji;Arvo;Yksikkö;Ajanjakso;Lähde;Edellinen;Tavoite;Huomio;Muu sarake\n"
        "Sairauspoissaoloprosentti;toiminta;5,8;%;1–9/2026;HR-järjestelmä;4,9;4,5;Pitkät poissaolot mukana;x\n"
        ";;;;;;;;;\n"
        "Työn imu;vaikuttavuus;4,1;pistettä 0–6;kevät 2026;Henkilöstökysely;4,4;;;\n"
    )
    rows = parse_csv(text)
    assert len(rows) == 2, "the empty row is skipped"
    absence, engagement = rows
    assert absence.name == "Sairauspoissaoloprosentti" and absence.value == 5.8 and absence.previous == 4.9
    assert absence.target == 4.5 and absence.note == "Pitkät poissaolot mukana"
    assert absence.source == "HR-järjestelmä"
    assert engagement.kind is IndicatorKind.IMPACT and engagement.target is None
    assert engagement.id == "tyon-imu"


def test_a_tab_separated_file_with_headings_in_any_case():
    rows = parse_csv("NAME\tValue\tPrevious value\nAttendance rate\t93,5\t95\n")
    assert (rows[0].name, rows[0].value, rows[0].previous) == ("Attendance rate", 93.5, 95.0)


def test_only_the_filled_in_cells_are_set():
    """So that reading a file into known indicators keeps what the file leaves out."""
    row = parse_csv("name,kind,value,unit\nWellbeing index,,3.6,\n")[0]
    assert row.model_fields_set == {"id", "name", "value"}


def test_the_same_name_twice_gets_two_ids():
    rows = parse_csv("name,value\nIndex,1\nIndex,2\n")
    assert [r.id for r in rows] == ["index", "index-2"]


def message(error, lang="en"):
    return error.message(lang)


def test_a_bad_number_names_the_row_and_the_column_as_the_file_calls_it():
    text = "Nimi;Arvo;Edellinen\nSairauspoissaolot;5,8;4,9\nYlityöt;paljon;150\n"
    with pytest.raises(UsageError) as caught:
        parse_csv(text, "luvut.csv")
    assert caught.value.params["row"] == 3 and caught.value.params["column"] == "Arvo"
    assert message(caught.value) == (
        "luvut.csv, row 3, column “Arvo”: “paljon” is not a number. Write numbers like 5.8 or 5,8 "
        "(a unit after the number is fine), or leave the cell empty."
    )
    assert message(caught.value, "fi").startswith("luvut.csv, rivi 3, sarake ”Arvo”: ”paljon” ei ole luku.")


def test_a_bad_kind_and_a_missing_name_are_named_too():
    with pytest.raises(UsageError) as caught:
        parse_csv("name,kind\nA,operations\nB,money\n", "f.csv")
    assert "row 3" in message(caught.value) and "“kind”" in message(caught.value) and "“money”" in message(caught.value)
    with pytest.raises(UsageError) as caught:
        parse_csv("name,value\nA,1\n,2\n", "f.csv")
    assert message(caught.value) == "f.csv, row 3: the column “name” is empty. Every indicator needs a name."


def test_a_file_without_a_name_column_says_which_headings_it_found():
    with pytest.raises(UsageError) as caught:
        parse_csv("what,how much\nA,1\n", "f.csv")
    text = message(caught.value)
    assert "found: what, how much" in text and "nimi, laji, arvo" in text


@pytest.mark.parametrize(("text", "key"), [("", "wellbeing_ui.csv.empty"), ("\n \n", "wellbeing_ui.csv.empty"),
                                           ("name,value\n", "wellbeing_ui.csv.no_rows")])
def test_empty_files(text, key):
    with pytest.raises(UsageError) as caught:
        parse_csv(text, "f.csv")
    assert caught.value.key == key
    assert "f.csv" in message(caught.value)


def test_reading_files(tmp_path):
    path = tmp_path / "luvut.csv"
    path.write_bytes("Nimi;Arvo\nTyöhyvinvointi-indeksi;3,4\n".encode("cp1252"))  # saved by Excel
    rows = read_csv(path)
    assert rows[0].name == "Työhyvinvointi-indeksi" and rows[0].value == 3.4
    path.write_text("name,value\nIndex,x\n", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        read_csv(path)
    assert message(caught.value).startswith(f"{path}, row 2, column “value”")


def test_a_missing_file_or_a_folder(tmp_path):
    with pytest.raises(NotFound) as caught:
        read_csv(tmp_path / "nope.csv")
    assert message(caught.value).startswith(f"{tmp_path / 'nope.csv'}: no such file. Check the path")
    assert message(caught.value, "fi").startswith(f"{tmp_path / 'nope.csv'}: tiedostoa ei löydy.")
    with pytest.raises(InvalidFile) as caught:
        read_csv(tmp_path)
    assert "is a folder" in message(caught.value)
