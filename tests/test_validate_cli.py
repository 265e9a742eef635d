"""`retro validate` as a user runs it: a subprocess, Dutch by default, English on request."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.workbooks import valid_sheets, write_workbook


def test_valid_workbook_prints_a_summary(tmp_path: Path) -> None:
    result = run_cli("validate", write_workbook(tmp_path / "ok.xlsx", valid_sheets()))
    assert result.returncode == 0, result.stderr
    assert "3 gebeurtenissen, 4 betrokkenen, 1 leervragen" in result.stdout
    assert "Tijdlijn: 3 gelezen, 3 geladen" in result.stdout


def test_invalid_workbook_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][1][1] = "31-02-2023"
    sheets["Tijdlijn"][2][3] = "Casusregiseur"
    result = run_cli("validate", write_workbook(tmp_path / "bad.xlsx", sheets), "--lang", "en")
    assert result.returncode == 1
    assert (
        "sheet 'Tijdlijn', row 2, column 'datum': The date '31-02-2023' does not exist"
        in result.stderr
    )
    assert "row 3, column 'wie': Unknown actor 'Casusregiseur'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unusable_file_exits_2_without_traceback(tmp_path: Path) -> None:
    path = tmp_path / "letter.xlsx"
    path.write_text("Beste collega,")
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert "geen Excel-werkmap" in result.stderr and "Traceback" not in result.stderr


def test_wrong_arguments_exit_2_with_a_sentence_in_the_users_language() -> None:
    missing = run_cli("validate")
    assert missing.returncode == 2
    assert (
        "Er ontbreekt iets: CASE.xlsx" in missing.stderr
        and "retro validate --help" in missing.stderr
    )
    assert "Something is missing: CASE.xlsx" in run_cli("validate", "--lang", "en").stderr
    wrong_language = run_cli("validate", "x.xlsx", "--lang", "fr")
    assert (
        wrong_language.returncode == 2
        and "'fr'" in wrong_language.stderr
        and "kies uit" in wrong_language.stderr
    )
    assert "Traceback" not in missing.stderr + wrong_language.stderr


def test_validate_takes_the_same_settings_file_as_the_other_commands(tmp_path: Path) -> None:
    workbook = write_workbook(tmp_path / "ok.xlsx", valid_sheets())
    settings = tmp_path / "strict.toml"
    settings.write_text(
        "[import]\nmax_rows = 2\n", "utf-8"
    )  # every sheet has more rows than these limits allow
    result = run_cli("validate", workbook, "--config", settings)
    assert (
        result.returncode == 2
        and "hoogstens 2" in result.stderr
        and "Traceback" not in result.stderr
    )
    typo = tmp_path / "typo.toml"
    typo.write_text("[import]\nmax_rowz = 2\n", "utf-8")
    assert run_cli("validate", workbook, "--config", typo).returncode == 2
    assert run_cli("validate", workbook).returncode == 0
