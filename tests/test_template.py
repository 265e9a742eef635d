"""`retro template` writes a workbook a facilitator can fill in, and that retro reads back."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from retro.schema import SHEETS
from tests.conftest import run_cli


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_template_has_every_sheet_with_headers_comments_and_lists(
    tmp_path: Path, lang: str
) -> None:
    path = tmp_path / f"template-{lang}.xlsx"
    result = run_cli("template", path, "--lang", lang)
    assert result.returncode == 0, result.stderr
    book = openpyxl.load_workbook(path)
    for sheet in SHEETS:
        ws = book[sheet.name(lang)]
        assert [c.value for c in ws[1]] == [c.name(lang) for c in sheet.columns]
        assert all(c.comment is not None and c.comment.text for c in ws[1])
        assert ws.freeze_panes == "A2"
    timeline = book[SHEETS[2].name(lang)]
    formulas = {
        str(dv.sqref).split(":")[0]: dv.formula1 for dv in timeline.data_validations.dataValidation
    }
    assert "$A$2:$A$" in formulas["E2"] and formulas["E2"].startswith(
        f"'{SHEETS[1].name(lang)}'!"
    )  # wie -> actor ids
    assert len(timeline.data_validations.dataValidation) >= 6
    assert timeline["B2"].number_format == "dd-mm-yyyy" and isinstance(
        timeline["B2"].value, datetime
    )
    assert book.worksheets[0].title == ("Uitleg" if lang == "nl" else "Instructions")
    assert book[book.sheetnames[-1]].sheet_state == "hidden"


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    assert run_cli("template", path).returncode == 0
    again = run_cli("template", path)
    assert again.returncode == 2 and "--force" in again.stderr
    assert run_cli("template", path, "--force").returncode == 0


def test_round_trip_template_filled_in_validates(tmp_path: Path) -> None:
    path = tmp_path / "casus.xlsx"
    assert run_cli("template", path).returncode == 0
    book = openpyxl.load_workbook(path)
    book["Betrokkenen"].append(["Vader", "Tom Bakker", "ouder"])
    book["Betrokkenen"].append(["AdvVader", None, "advocaat", "Kantoor", None, "Vader"])
    book["Tijdlijn"].append(
        [
            "T3",
            datetime(2022, 6, 1),
            None,
            "juridisch",
            "AdvVader",
            "Vader",
            "Verzoekschrift omgang ingediend.",
            None,
            None,
            None,
            None,
            "dossier",
        ]
    )
    book["Tijdlijn"].append(
        [
            None,
            "juni 2022",
            None,
            "gesprek",
            "JB",
            "Vader, Moeder",
            "Gesprek met beide ouders.",
            None,
            None,
            None,
            "LV1",
            "verslag",
        ]
    )
    book.save(path)
    result = run_cli("validate", path)
    assert result.returncode == 0, result.stderr
    assert "4 gebeurtenissen, 4 betrokkenen" in result.stdout
