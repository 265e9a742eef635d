"""Verdicts given outside Excel (``retro app``) written into the Beoordeling sheet with the rules of
``retro review``: only the people's columns of the flags' rows and new rows for own patterns;
every other sheet the same; an own pattern that does not fit the timeline refused, the workbook
untouched."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import retro
from tests.conftest import SAMPLES


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLES / "jip.xlsx", tmp_path / "jip.xlsx"))


def _values(path: Path) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(path)
    return {name: [list(r) for r in book[name].values] for name in book.sheetnames}


def test_verdicts_and_an_own_pattern_are_written_and_read_back(workbook: Path) -> None:
    before = _values(workbook)
    analysis = retro.analyse(retro.load_case(workbook))
    first, second = analysis.flags[0], analysis.flags[1]
    events = (analysis.case.events[0].id, analysis.case.events[2].id)
    retro.review_workbook(
        workbook,
        judgements={
            first.id: retro.Judgement("adjusted", "=eerder dan retro zegt", "session"),
            second.id: retro.Judgement("open"),
        },
        own=[retro.NewPattern("stagnation", events, "zagen wij", "confirmed", "preparation")],
    )
    review = retro.review_of(retro.analyse(retro.load_case(workbook)))
    judged = {j.flag.id: j for j in review.flags}
    assert (judged[first.id].verdict, judged[first.id].note, judged[first.id].stage) == (
        "adjusted",
        "=eerder dan retro zegt",  # text, never a formula
        "session",
    )
    assert judged[second.id].verdict == "open"
    assert [(o.kind, o.events, o.note, o.verdict) for o in review.own] == [
        ("stagnation", events, "zagen wij", "confirmed")
    ]
    after = _values(workbook)
    for name, rows in before.items():
        if name != "Beoordeling":
            assert after[name] == rows, name


def test_an_own_pattern_with_an_unknown_event_is_refused(workbook: Path) -> None:
    original = workbook.read_bytes()
    with pytest.raises(retro.InvalidCaseError) as refused:
        retro.review_workbook(workbook, own=[retro.NewPattern("stagnation", ("GEEN",))])
    assert any(p.code == "unknown_event" and p.value == "GEEN" for p in refused.value.problems)
    assert workbook.read_bytes() == original
