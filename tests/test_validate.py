"""Validation on real workbooks: one broken workbook per kind of mistake."""

from __future__ import annotations

import zipfile
from dataclasses import fields
from datetime import date
from pathlib import Path

import pytest

from retro import load_case, validate_workbook
from retro.errors import InvalidCaseError, UnusableFileError
from tests.workbooks import valid_sheets, write_workbook


def _codes(path: Path) -> list[tuple[str, int | None, str | None]]:
    return [(p.code, p.row, p.column) for p in validate_workbook(path).errors]


def test_valid_workbook_loads_every_row(tmp_path: Path) -> None:
    case = load_case(write_workbook(tmp_path / "ok.xlsx", valid_sheets()))
    assert [e.id for e in case.events] == ["E1", "E2", "E3"]
    assert case.events[1].date.precision == "month"
    assert case.events[1].with_actors == ("Moeder", "Kind")
    assert case.events[2].is_decision and case.events[2].basis == "plan"
    assert (
        case.actor("JB").role == "child_protection" and case.actor("JB").framework == "compulsory"
    )
    assert case.rows_read == {"actors": 4, "timeline": 3, "questions": 1}
    assert list(case.timeline["id"]) == ["E1", "E2", "E3"]


def test_english_headers_and_sheet_names_are_accepted(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Actors"] = sheets.pop("Betrokkenen")
    sheets["Actors"][0] = ["ID", "Name", "Role", "Organisation", "Framework", "Side"]
    sheets["timeline"] = sheets.pop("Tijdlijn")
    sheets["timeline"][0] = [
        "id",
        "Date",
        "TYPE",
        "actor",
        "with",
        "description",
        "decision",
        "basis",
        "question",
        "source",
    ]
    case = load_case(write_workbook(tmp_path / "en.xlsx", sheets))
    assert len(case.events) == 3


@pytest.mark.parametrize(
    ("defect", "edit", "expected"),
    [
        (
            "unknown_actor",
            lambda s: s["Tijdlijn"][2].__setitem__(4, "Moedr"),
            ("unknown_actor", 3, "met"),
        ),
        (
            "impossible_date",
            lambda s: s["Tijdlijn"][1].__setitem__(1, "31-02-2023"),
            ("impossible_date", 2, "datum"),
        ),
        (
            "unreadable_date",
            lambda s: s["Tijdlijn"][1].__setitem__(1, "13-2023"),
            ("unreadable_date", 2, "datum"),
        ),
        (
            "unknown_role",
            lambda s: s["Betrokkenen"][4].__setitem__(2, "jeugdbeschermingg"),
            ("unknown_value", 5, "rol"),
        ),
        (
            "unknown_type",
            lambda s: s["Tijdlijn"][1].__setitem__(2, "aanmeldin"),
            ("unknown_value", 2, "type"),
        ),
        (
            "unknown_basis",
            lambda s: s["Tijdlijn"][3].__setitem__(7, "haast"),
            ("unknown_value", 4, "aanleiding"),
        ),
        (
            "unknown_question",
            lambda s: s["Tijdlijn"][1].__setitem__(8, "LV9"),
            ("unknown_question", 2, "leervraag"),
        ),
        (
            "duplicate_actor",
            lambda s: s["Betrokkenen"].append(["JB", None, "ouder"]),
            ("duplicate_id", 6, "id"),
        ),
        (
            "formula",
            lambda s: s["Tijdlijn"][1].__setitem__(5, "=A1&B1"),
            ("formula", 2, "omschrijving"),
        ),
        (
            "empty_description",
            lambda s: s["Tijdlijn"][1].__setitem__(5, None),
            ("empty_required", 2, "omschrijving"),
        ),
    ],
)
def test_each_defect_is_reported_where_it_is(tmp_path: Path, defect: str, edit, expected) -> None:
    sheets = valid_sheets()
    edit(sheets)
    path = write_workbook(tmp_path / f"{defect}.xlsx", sheets)
    assert expected in _codes(path)
    with pytest.raises(InvalidCaseError):
        load_case(path)


def test_end_before_start(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][0].append("einddatum")
    sheets["Tijdlijn"][3].append("01-01-2023")
    assert ("end_before_start", 4, "einddatum") in _codes(
        write_workbook(tmp_path / "end.xlsx", sheets)
    )


def test_missing_sheet_and_missing_column(tmp_path: Path) -> None:
    sheets = valid_sheets()
    del sheets["Tijdlijn"]
    sheets["Betrokkenen"] = [[c for c in row[:2]] for row in sheets["Betrokkenen"]]
    result = validate_workbook(write_workbook(tmp_path / "missing.xlsx", sheets))
    codes = {(p.code, p.params.get("name")) for p in result.errors}
    assert ("missing_sheet", "Tijdlijn") in codes and ("missing_column", "rol") in codes


def test_unusable_files(tmp_path: Path) -> None:
    text = tmp_path / "notes.xlsx"
    text.write_text("dit is geen werkmap")
    encrypted = tmp_path / "secret.xlsx"
    encrypted.write_bytes(
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 500
        + "EncryptionInfo".encode("utf-16-le")
        + b"\0" * 500
    )
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    for path, code in [
        (text, "not_a_workbook"),
        (encrypted, "file_encrypted"),
        (empty, "file_empty"),
        (tmp_path / "nowhere.xlsx", "file_not_found"),
    ]:
        with pytest.raises(UnusableFileError) as info:
            validate_workbook(path)
        assert info.value.code == code


def test_zip_bomb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 450_000_000)
    with pytest.raises(UnusableFileError) as info:
        validate_workbook(path)
    assert info.value.code == "file_unpacks_too_large"


def test_warnings_do_not_block(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][2][9] = None
    sheets["Tijdlijn"][3][5] = "JB had moeten ingrijpen."
    sheets["Tijdlijn"].append(
        ["E4", "03-06-2024", "gesprek", "JB", "Moeder", "Gesprek.", None, None, None, "x"]
    )
    result = validate_workbook(write_workbook(tmp_path / "warn.xlsx", sheets))
    assert result.is_valid
    assert {"no_source", "hindsight_wording", "long_gap"} <= {p.code for p in result.warnings}
    assert result.case is not None and result.case.warnings


def test_without_warnings_the_same_case_and_errors_are_read(tmp_path: Path) -> None:
    """The regional export leaves out the quality warnings: what it reads is otherwise the same,
    errors included."""
    sheets = valid_sheets()
    sheets["Tijdlijn"][2][9] = None  # no source: a warning
    sheets["Tijdlijn"][3][5] = "JB had moeten ingrijpen."  # hindsight: a warning
    path = write_workbook(tmp_path / "warn.xlsx", sheets)
    full, bare = validate_workbook(path), validate_workbook(path, warnings=False)
    assert full.warnings and not bare.warnings and bare.is_valid
    assert full.case is not None and bare.case is not None
    assert all(  # a Case compares by identity: field by field
        getattr(full.case, f.name) == getattr(bare.case, f.name)
        for f in fields(full.case)
        if f.name != "warnings"
    )
    sheets["Tijdlijn"][1][2] = "vergadering"  # an unknown type: an error
    broken = write_workbook(tmp_path / "broken.xlsx", sheets)
    assert validate_workbook(broken).errors == validate_workbook(broken, warnings=False).errors
    with pytest.raises(InvalidCaseError):
        load_case(broken, warnings=False)


def test_partial_dates_keep_precision(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][1][1] = "maart 2023"
    sheets["Tijdlijn"][2][1] = "2023"
    case = load_case(write_workbook(tmp_path / "partial.xlsx", sheets))
    by_id = case.events_by_id
    assert (by_id["E1"].date.precision, by_id["E1"].end) == ("month", date(2023, 3, 31))
    assert (by_id["E2"].date.precision, by_id["E2"].end) == ("year", date(2023, 12, 31))


def test_a_sheet_with_too_many_rows_is_refused_with_its_name(tmp_path: Path) -> None:
    from retro.config import load_config

    sheets = valid_sheets()
    sheets["Tijdlijn"] += [
        ["X", "01-01-2023", "gesprek", "JB", None, "Gesprek.", None, None, None, "d"]
    ] * 30
    config = load_config(overrides={"import": {"max_rows": 20}})
    with pytest.raises(UnusableFileError) as info:
        validate_workbook(write_workbook(tmp_path / "long.xlsx", sheets), config)
    assert info.value.code == "sheet_too_long" and info.value.params["sheet"] == "Tijdlijn"


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    from retro.config import load_config

    path = tmp_path / "big.xlsx"
    path.write_bytes(b"PK" + b"\0" * 2_100_000)
    with pytest.raises(UnusableFileError) as info:
        validate_workbook(path, load_config(overrides={"import": {"max_file_mb": 2}}))
    assert info.value.code == "file_too_large"


def test_a_formula_is_reported_once_not_also_as_an_empty_cell(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][1][5] = "=A1&B1"
    codes = _codes(write_workbook(tmp_path / "formula.xlsx", sheets))
    assert ("formula", 2, "omschrijving") in codes
    assert ("empty_required", 2, "omschrijving") not in codes


def test_a_broken_case_gets_no_misleading_quality_warnings(tmp_path: Path) -> None:
    sheets = valid_sheets()
    for row in sheets["Tijdlijn"][1:]:
        row[2] = "gesprk"  # every event fails, so every actor would look unused
    result = validate_workbook(write_workbook(tmp_path / "broken.xlsx", sheets))
    assert [p.code for p in result.errors] == ["unknown_value"] * 3
    assert result.warnings == ()


def test_true_false_cells_read_as_yes_no_and_are_quoted_as_excel_writes_them(
    tmp_path: Path,
) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][2][6] = True  # besluit: a TRUE cell
    assert load_case(write_workbook(tmp_path / "ok.xlsx", sheets)).events[1].is_decision
    sheets["Tijdlijn"][1][1] = False  # datum: a FALSE cell is no date
    [problem] = validate_workbook(write_workbook(tmp_path / "bad.xlsx", sheets)).errors
    assert (problem.code, problem.row, problem.value) == ("unreadable_date", 2, "FALSE")
