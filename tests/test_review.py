"""`retro review` on real files: the Beoordeling sheet written into the workbook, verdicts kept
across runs, every other sheet untouched, refusals that change nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference

from retro.files import replace_atomically
from retro.messages import Messages
from tests.conftest import SAMPLES, run_cli
from tests.review_cases import LATER_EVENTS, filled_template, flags_of, sheet_rows, snapshot

REVIEW = "Beoordeling"
CHILD = Messages("nl")("flags.child_in_the_middle.title")  # an own pattern goes by its name


def _review(path: Path, *args: str) -> str:
    result = run_cli("review", path, *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result.stdout


def _judge(path: Path, verdicts: dict[str, tuple[str, str, str]]) -> None:
    """Fill in verdict, note and stage on the rows of the given flag ids, as a person would."""
    book = openpyxl.load_workbook(path)
    sheet = book[REVIEW]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        ident = row[header.index("id")].value
        if ident in verdicts:
            for column, value in zip(("oordeel", "toelichting", "wanneer"), verdicts[ident]):
                row[header.index(column)].value = value
    book.save(path)


def _change_timeline(path: Path) -> None:
    """Delete the court petition and the complaint (rows of E3 and E4), add two new events."""
    book = openpyxl.load_workbook(path)
    sheet = book["Tijdlijn"]
    for number in sorted(
        (r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value in ("E3", "E4")),
        reverse=True,
    ):
        sheet.delete_rows(number)
    for row in LATER_EVENTS:
        sheet.append(row)
    book.save(path)


def test_round_trip_keeps_verdicts_adds_new_flags_marks_vanished_and_no_other_sheet_changes(
    tmp_path: Path,
) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    before = snapshot(path, leave_out=(REVIEW,))
    first = flags_of(path)
    out = _review(path)
    assert f"{len(first)} nieuw" in out
    assert snapshot(path, leave_out=(REVIEW,)) == before
    rows = sheet_rows(path, REVIEW)
    assert [r["id"] for r in rows] == list(first)
    assert all(r["patroon"] and r["samenvatting"] for r in rows)
    assert all(
        set(r.get("gebeurtenissen", "").split(", ")) == set(first[r["id"]]["events"]) for r in rows
    )

    verdicts = {
        ident: (verdict, f"Toelichting bij {ident}.", "voorbereiding")
        for ident, verdict in zip(first, ("bevestigd", "verworpen", "aangepast", "bevestigd"))
    }
    _judge(path, verdicts)
    _change_timeline(path)
    second = flags_of(path)
    new, vanished = set(second) - set(first), set(first) - set(second)
    assert new and vanished and set(first) & set(second)  # the change did what the test needs

    before = snapshot(path, leave_out=(REVIEW,))
    out = _review(path)
    assert snapshot(path, leave_out=(REVIEW,)) == before
    assert f"{len(new)} nieuw" in out and f"{len(vanished)} niet meer gevonden" in out
    rows = {r["id"]: r for r in sheet_rows(path, REVIEW)}
    assert set(rows) == set(first) | set(second)
    for ident, (verdict, note, stage) in verdicts.items():  # every verdict kept, also on vanished
        assert (rows[ident]["oordeel"], rows[ident]["toelichting"], rows[ident]["wanneer"]) == (
            verdict,
            note,
            stage,
        )
    for ident in vanished:
        assert rows[ident]["samenvatting"].startswith("Niet meer gevonden bij de review van")
    for ident in new:
        assert "oordeel" not in rows[ident] and rows[ident]["samenvatting"]
    assert not any(rows[i]["samenvatting"].startswith("Niet meer") for i in second)

    third = _review(path)  # a third run changes nothing in the sheet
    assert "0 nieuw" in third and "0 niet meer gevonden" in third
    assert {r["id"]: r for r in sheet_rows(path, REVIEW)} == rows
    validated = run_cli("validate", path)
    assert validated.returncode == 0, validated.stderr
    assert "retro vindt patroon" in validated.stderr  # the verdicts on vanished flags are named


def test_review_keeps_the_previous_version_and_adds_its_sheets_to_a_workbook_without_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "jip.xlsx"
    path.write_bytes((SAMPLES / "jip.xlsx").read_bytes())
    book = openpyxl.load_workbook(path)
    for name in {REVIEW, "Acties"} & set(book.sheetnames):  # as made before these sheets existed
        del book[name]
    book.save(path)
    original, before = path.read_bytes(), snapshot(path)
    out = _review(path)
    assert "Tabblad Beoordeling toegevoegd" in out and "Tabblad Acties toegevoegd" in out
    assert (tmp_path / "jip.xlsx.bak").read_bytes() == original
    assert snapshot(path, leave_out=(REVIEW, "Acties")) == before
    sheet = openpyxl.load_workbook(path)[REVIEW]
    assert [c.value for c in sheet[1]] == [
        "id",
        "patroon",
        "gebeurtenissen",
        "samenvatting",
        "oordeel",
        "toelichting",
        "wanneer",
    ]
    assert all(c.comment is not None for c in sheet[1]) and sheet.freeze_panes == "A2"
    lists = {str(v.sqref).split(":")[0]: v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"E2": '"open,bevestigd,aangepast,verworpen"', "G2": '"voorbereiding,sessie"'}


def test_text_people_typed_in_retros_columns_is_kept_in_a_comment(tmp_path: Path) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    _review(path)
    book = openpyxl.load_workbook(path)
    sheet = book[REVIEW]
    sheet["D2"] = "Volgens ons ging het hier om iets anders."
    sheet["A2"].value = sheet["A2"].value.lower()  # an id typed in lower case still matches
    book.save(path)
    out = _review(path)
    assert "1 cel(len)" in out
    sheet = openpyxl.load_workbook(path)[REVIEW]
    assert (
        sheet["D2"].comment.text == "Eerder stond hier: Volgens ons ging het hier om iets anders."
    )
    assert sheet["D2"].value != "Volgens ons ging het hier om iets anders."


def test_a_sorted_sheet_with_an_own_row_is_matched_by_id(tmp_path: Path) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    _review(path)
    book = openpyxl.load_workbook(path)
    sheet = book[REVIEW]
    rows = [[c.value for c in r] for r in sheet.iter_rows(min_row=2)]
    own = [None, CHILD, "E2", None, "bevestigd", "Het kind werd gevraagd.", "sessie"]
    rows = [*[r for r in rows if any(r)][::-1], own]
    sheet.delete_rows(2, sheet.max_row)
    for r in rows:
        sheet.append(r)
    book.save(path)
    out = _review(path)
    assert "0 nieuw" in out and "1 eigen patroon" in out
    after = sheet_rows(path, REVIEW)
    assert [r.get("id") for r in after] == [r[0] for r in rows]


def _unchanged_after(path: Path, *args: str, code: int) -> str:
    files = {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()}
    result = run_cli("review", path, *args)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in path.parent.iterdir() if p.is_file()} == files
    return result.stderr


@pytest.mark.parametrize("lock", ["~$casus.xlsx", "~$sus.xlsx", ".~lock.casus.xlsx#"])
def test_review_refuses_a_workbook_open_in_excel_or_libreoffice(tmp_path: Path, lock: str) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    (tmp_path / lock).write_bytes(b"\x05Anna")
    error = _unchanged_after(path, code=2)
    assert "open in Excel of LibreOffice" in error and lock in error


def test_review_refuses_an_invalid_case_and_says_why(tmp_path: Path) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    book = openpyxl.load_workbook(path)
    book["Tijdlijn"]["E2"] = "Onbekend"  # an actor that does not exist
    book.save(path)
    error = _unchanged_after(path, code=1)
    assert "Onbekende betrokkene 'Onbekend'" in error


def test_review_refuses_a_renamed_review_sheet(tmp_path: Path) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    _review(path)
    book = openpyxl.load_workbook(path)
    book[REVIEW].title = "Oordelen"
    book.save(path)
    error = _unchanged_after(path, "--lang", "en", code=2)
    assert "The sheet 'Oordelen' looks like the sheet 'Beoordeling'" in error


def test_review_refuses_a_workbook_with_parts_openpyxl_would_drop(tmp_path: Path) -> None:
    path = filled_template(tmp_path / "casus.xlsx")
    book = openpyxl.load_workbook(path)
    chart = BarChart()
    chart.add_data(Reference(book["Lijsten"], min_col=1, min_row=1, max_row=3))
    book["Uitleg"].add_chart(chart, "C3")
    book.save(path)
    error = _unchanged_after(path, code=2)
    assert "grafieken" in error and "xl/charts/chart1.xml" in error


def test_review_refuses_what_is_not_an_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "casus.ods"
    path.write_bytes(b"PK\x03\x04")
    error = _unchanged_after(path, code=2)
    assert ".xlsx" in error


def test_an_atomic_write_that_fails_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "casus.xlsx"
    path.write_bytes(b"old")

    def half_written(temporary: Path) -> None:
        temporary.write_bytes(b"new, but not w")
        raise RuntimeError("stopped halfway")

    with pytest.raises(RuntimeError):
        replace_atomically(path, half_written, previous=tmp_path / "casus.xlsx.bak")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["casus.xlsx"]
    replace_atomically(path, lambda t: t.write_bytes(b"new"), previous=tmp_path / "casus.xlsx.bak")
    assert path.read_bytes() == b"new" and (tmp_path / "casus.xlsx.bak").read_bytes() == b"old"
