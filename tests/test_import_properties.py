"""Property: whatever a user types into the cells, the importer neither crashes nor loses a row."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro import validate_workbook
from tests.workbooks import valid_sheets, write_workbook

cell = st.one_of(
    st.none(),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=20),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2200, 1, 1)),
    st.sampled_from(
        ["JB", "Moeder", "ouder", "besluit", "31-02-2023", "maart 2023", "ja", "nood", "LV1"]
    ),
)
row = st.lists(cell, min_size=10, max_size=10)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=1, max_size=6))
def test_every_non_empty_row_is_loaded_or_reported(rows: list[list[object]]) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"] = [sheets["Tijdlijn"][0], *rows]
    with tempfile.TemporaryDirectory() as folder:
        result = validate_workbook(write_workbook(Path(folder) / "p.xlsx", sheets))
    read = result.rows_read["timeline"]
    reported_rows = {p.row for p in result.errors if p.sheet == "Tijdlijn"}
    assert read == result.rows_loaded["timeline"] + len(reported_rows)
    assert read <= len(rows)
