"""The bundled sample cases: built from their sources, valid, and rich enough to demo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from retro import load_case
from tests.conftest import ROOT

SOURCES = sorted((ROOT / "sample_cases" / "src").glob("*.toml"))


def _values(path: Path) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(path)
    return {
        ws.title: [tuple(row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets
    }


def test_there_are_sample_sources() -> None:
    assert SOURCES


def test_committed_workbooks_match_their_sources(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_samples.py"), str(tmp_path)], check=True
    )
    for source in SOURCES:
        committed = ROOT / "sample_cases" / f"{source.stem}.xlsx"
        assert committed.exists(), f"{committed.name} is missing: run scripts/build_samples.py"
        assert _values(committed) == _values(tmp_path / committed.name), (
            f"{committed.name} differs from its source"
        )


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.stem)
def test_sample_is_valid_fictional_and_rich(source: Path) -> None:
    case = load_case(ROOT / "sample_cases" / f"{source.stem}.xlsx")
    assert "fictie" in (case.meta.title or "").lower()
    assert 40 <= len(case.events) <= 120
    assert case.questions and all(
        any(q.id in e.questions for e in case.events) for q in case.questions
    )
    assert sum(case.rows_read.values()) >= len(case.events) + len(case.actors)
