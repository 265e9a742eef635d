"""`retro validate` checks the Beoordeling and Acties sheets: own rows need a known pattern and events
that exist, verdicts and statuses come from their lists (closest suggestion), actions point to
lessons that exist.  Every problem names its sheet, row and column; nothing is a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from retro import analyse, load_case
from retro.messages import Messages
from retro.review import review_of
from tests.conftest import run_cli
from tests.workbooks import valid_sheets, write_workbook

REVIEW_HEADER = [
    "id",
    "patroon",
    "gebeurtenissen",
    "samenvatting",
    "oordeel",
    "toelichting",
    "wanneer",
]
ACTIONS_HEADER = ["id", "actie", "eigenaar", "wanneer", "les", "status"]
LESSONS = [
    ["id", "les", "thema", "voor wie"],
    ["L1", "Eerst samen analyseren.", "analyse", "keten"],
]
CHILD = Messages("nl")("flags.child_in_the_middle.title")


def _workbook(
    tmp_path: Path, review: list[list[Any]], actions: list[list[Any]] | None = None
) -> Path:
    sheets = valid_sheets()
    sheets["Lessen"] = [r[:] for r in LESSONS]
    sheets["Beoordeling"] = [REVIEW_HEADER, *review]
    if actions is not None:
        sheets["Acties"] = [ACTIONS_HEADER, *actions]
    return write_workbook(tmp_path / "casus.xlsx", sheets)


def _validate(path: Path, *args: str) -> tuple[int, str]:
    result = run_cli("validate", path, *args)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stderr


def test_own_patterns_by_kind_or_name_with_existing_events_are_valid(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [
            [None, CHILD, "E2", None, "bevestigd", "Het kind zat ertussen.", "sessie"],
            ["EIGEN-1", "ad_hoc_decision", "e3; E1", None, None, None, "voorbereiding"],
        ],
    )
    code, errors = _validate(path)
    assert code == 0, errors
    review = review_of(analyse(load_case(path)))
    assert [(o.kind, o.events, o.row) for o in review.own] == [
        ("child_in_the_middle", ("E2",), 2),
        ("ad_hoc_decision", ("E3", "E1"), 3),
    ]
    assert review.judged and review.problems == ()


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            [None, CHILD, None, None, "bevestigd", "Zonder gebeurtenissen.", None],
            "rij 2, kolom 'gebeurtenissen': Deze regel hoort niet bij een patroon dat retro vond",
        ),
        (
            [None, None, "E1", None, None, "Alleen een toelichting.", None],
            "rij 2, kolom 'patroon': Deze regel hoort niet bij een patroon dat retro vond",
        ),
        (
            ["MIJN1", "Kind in het midde", "E1", None, None, None, None],
            f"rij 2, kolom 'patroon': Onbekend patroon 'Kind in het midde'. Bedoelt u '{CHILD}'?",
        ),
        (
            [None, CHILD, "E1, E11", None, None, None, None],
            "rij 2, kolom 'gebeurtenissen': Onbekende gebeurtenis 'E11'. Bedoelt u 'E1'?",
        ),
        (
            ["AHD-AAAA", CHILD, "E1", None, "bevestigt", None, None],
            "rij 2, kolom 'oordeel': Onbekende waarde 'bevestigt'. Bedoelt u 'bevestigd'?",
        ),
        (
            ["AHD-AAAA", CHILD, "E1", None, "bevestigd", None, "na afloop"],
            "rij 2, kolom 'wanneer': Onbekende waarde 'na afloop'.",
        ),
    ],
)
def test_a_review_row_retro_cannot_match_is_an_error_that_names_its_place(
    tmp_path: Path, row: list[Any], expected: str
) -> None:
    code, errors = _validate(_workbook(tmp_path, [row]))
    assert code == 1 and "tabblad 'Beoordeling', " + expected in errors, errors


def test_a_verdict_on_a_flag_that_no_longer_fires_is_kept_and_named(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path, [["AHD-AAAA", "Besluit", "E77", None, "verworpen", "Klopt niet.", None]]
    )
    code, errors = _validate(path)
    assert code == 0 and "rij 2, kolom 'id': retro vindt patroon AHD-AAAA niet meer" in errors
    review = review_of(analyse(load_case(path)))
    assert [g.id for g in review.gone] == ["AHD-AAAA"] and review.own == ()


def test_adjusted_without_a_note_is_a_warning(tmp_path: Path) -> None:
    code, errors = _validate(
        _workbook(tmp_path, [[None, CHILD, "E1", None, "aangepast", None, None]])
    )
    assert code == 0 and "kolom 'toelichting': Het oordeel is 'aangepast'" in errors


def test_actions_point_to_lessons_that_exist_and_have_known_statuses(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path,
        [],
        [
            ["A1", "Analyse vooraf in het werkproces.", "Gemeente", "06-2024", "L1", "loopt"],
            ["A2", "Scholing.", "Opleiders", "31-02-2024", "L1, L7", "klar"],
        ],
    )
    code, errors = _validate(path)
    assert code == 1
    assert "tabblad 'Acties', rij 3, kolom 'wanneer': De datum '31-02-2024' bestaat niet." in errors
    assert "rij 3, kolom 'les': Onbekende les 'L7'. Bekende lessen: L1." in errors
    assert "rij 3, kolom 'status': Onbekende waarde 'klar'. Bedoelt u 'klaar'?" in errors


def test_an_owner_who_is_a_person_is_a_warning_that_does_not_repeat_the_name(
    tmp_path: Path,
) -> None:
    path = _workbook(tmp_path, [], [["A1", "Gesprek plannen.", "Cora Dekker", None, "L1", None]])
    code, errors = _validate(path)
    assert code == 0 and "De eigenaar is de naam van betrokkene JB." in errors
    assert "Cora Dekker" not in errors
    case = load_case(path)
    assert [(a.id, a.owner, a.lessons, a.status) for a in case.actions] == [
        ("A1", "Cora Dekker", ("L1",), "open")
    ]


def test_english_sheets_headers_and_values(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Lessons"] = [
        ["id", "lesson", "theme", "audience"],
        ["L1", "Analyse first.", "analysis", "chain"],
    ]
    sheets["Review"] = [
        ["id", "pattern", "events", "summary", "verdict", "note", "stage"],
        [None, "Child in the middle", "E2", None, "confirmed", "Seen in the session.", "session"],
    ]
    sheets["Actions"] = [
        ACTIONS_HEADER,
        ["A1", "Train the team.", "Trainers", "2025", "L1", "done"],
    ]
    sheets["Actions"][0] = ["id", "action", "owner", "due", "lesson", "status"]
    path = write_workbook(tmp_path / "case.xlsx", sheets)
    code, errors = _validate(path, "--lang", "en")
    assert code == 0, errors
    case = load_case(path)
    assert case.review[0].verdict == "confirmed" and case.review[0].stage == "session"
    assert case.actions[0].status == "done" and str(case.actions[0].due) == "2025"


def test_a_renamed_sheet_is_named_instead_of_silently_ignored(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Oordelen"] = [REVIEW_HEADER, [None, CHILD, "E1", None, "bevestigd", None, None]]
    code, errors = _validate(write_workbook(tmp_path / "casus.xlsx", sheets))
    assert code == 0
    assert "tabblad 'Oordelen': Dit tabblad lijkt het tabblad 'Beoordeling'" in errors
