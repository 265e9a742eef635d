"""What ``retro region`` reads (issue 14, defect 12): the workbooks ``retro validate`` reads, .xls and
.xlsm included; a file it cannot read (an .ods) is listed as skipped with its reason, never left out
without a word."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import run_cli
from tests.hostile import write_xls
from tests.workbooks import valid_sheets, write_workbook


def test_region_reads_xls_and_xlsm_and_names_what_it_skips(tmp_path: Path) -> None:
    folder = tmp_path / "casussen"
    folder.mkdir()
    write_workbook(folder / "nieuw.xlsx", valid_sheets())
    macro = valid_sheets()
    macro["Tijdlijn"][3][5] = "Besluit over omgang, in een werkmap met macro's."
    shutil.copyfile(write_workbook(tmp_path / "m.xlsx", macro), folder / "macro.xlsm")
    old = valid_sheets()
    old["Tijdlijn"][3][5] = "Besluit over omgang, in een oude werkmap."
    write_xls(folder / "oud.xls", old)
    (folder / "rekenblad.ods").write_bytes(b"PK\x03\x04 geen echte ods")
    (folder / "notities.txt").write_text("geen werkmap")
    result = run_cli("region", folder, "-o", tmp_path / "regio")
    assert result.returncode == 0, result.stderr
    assert "Gelezen: 3 casus(sen)" in result.stdout, result.stdout
    assert "rekenblad.ods: geen leesbare werkmap" in result.stdout
    assert "notities.txt" not in result.stdout
