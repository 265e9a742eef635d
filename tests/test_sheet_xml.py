"""The scan of a sheet's XML before calamine reads it: how far its cells reach, its formulas, numbers
that can be no date.  The XML arrives in chunks of any size; the facts must not depend on where the
chunks break, and cells written in unusual ways (no ``r``, a namespace prefix, single quotes, lower
case) must be placed as calamine places them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.workbook.sheet_xml import (
    SheetScan,
    column_index,
    column_letters,
    without_odd_numbers,
)

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
TAIL = b"</sheetData></worksheet>"


def _facts(xml: bytes, chunk: int | None = None):
    scan = SheetScan()
    step = chunk or len(xml)
    for start in range(0, len(xml), step):
        scan.feed(xml[start : start + step])
    return scan.facts(), scan


def _rows(count: int) -> bytes:
    return b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>E%d</t></is></c>'
        b'<c r="B%d" s="1"><v>44986</v></c><c r="C%d"><f>1+1</f><v>2</v></c></row>'
        % (n, n, n, n, n)
        for n in range(1, count + 1)
    )


MIXED = (
    HEAD
    + _rows(40)
    + b"<row><c t='inlineStr'><is><t>x</t></is></c><c><v>1</v></c></row>"  # row 41, A and B
    + b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="50">'
    + b"<x:c r='d50'><x:f>2+2</x:f><x:v>4</x:v></x:c><x:c><x:v>5</x:v></x:c></x:row>"  # D50, E50
    + b'<row r="60"><c r = "F60" s="2"/></row>'
    + TAIL
)


def test_a_sheet_written_as_excel_writes_it() -> None:
    facts, scan = _facts(HEAD + _rows(30) + TAIL)
    assert (facts.rows, facts.columns) == (30, 3)
    assert facts.formulas == frozenset((n, 2) for n in range(1, 31))
    assert not scan.odd_numbers and not scan.damaged


def test_cells_written_in_unusual_ways_are_placed_as_calamine_places_them() -> None:
    facts, scan = _facts(MIXED)
    assert (facts.rows, facts.columns) == (60, 6)
    assert (50, 3) in facts.formulas and (41, 0) not in facts.formulas
    assert facts.last_cell == "F60"
    assert not scan.damaged


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=400))
def test_the_facts_do_not_depend_on_where_the_chunks_break(chunk: int) -> None:
    whole, _ = _facts(MIXED)
    assert _facts(MIXED, chunk)[0] == whole


def test_cells_without_a_reference_reach_as_far_as_they_are_many() -> None:
    row = b"<row>" + b"<c><v>1</v></c>" * 300 + b"</row>"
    facts, _ = _facts(HEAD + row * 3 + TAIL, chunk=97)
    assert (facts.rows, facts.columns) == (3, 300)


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="XFD1048576"><v>1</v></c>',
        b"<c r='XFD1048576'><v>1</v></c>",
        b'<c r="xfd1048576"><v>1</v></c>',
        b'<c s="1" r="XFD1048576"><v>1</v></c>',
        b'<c x="a>b" r="XFD1048576"><v>1</v></c>',
        b'<y:c xmlns:y="urn:x" r="XFD1048576"><y:v>1</y:v></y:c>',
    ],
)
def test_the_last_cell_of_excel_is_found_however_it_is_written(cell: bytes) -> None:
    facts, _ = _facts(HEAD + _rows(3) + b'<row r="1048576">' + cell + b"</row>" + TAIL, chunk=50)
    assert (facts.rows, facts.columns) == (1_048_576, 16_384)


def test_a_less_than_sign_inside_a_tag_is_damage_where_it_hides_a_cell() -> None:
    """A ``<`` inside a tag is no XML Excel writes; where a chunk breaks at it, the scan says the
    sheet is damaged, else it finds the cell."""
    xml = HEAD + b'<row r="1"><c x="<" r="XFD9"><v>1</v></c></row>' + TAIL
    for chunk in range(1, len(xml) + 1):
        facts, scan = _facts(xml, chunk)
        assert scan.damaged or facts.columns == 16_384, chunk


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (b'<c r="B2" s="1"><v>-1e300</v></c>', b"-1e300"),
        (b'<c r="B2" s="1" t="n"><v>-5</v></c>', b"-5"),
        (b'<c r="B2" s="1"><v>NaN</v></c>', b"NaN"),
        (b'<c r="B2"><v>inf</v></c>', b"inf"),
        (b'<c r="B2" s="1"><f>A1-1</f><v>-1e300</v></c>', b"-1e300"),
    ],
)
def test_a_number_that_can_be_no_date_becomes_the_text_it_is(cell: bytes, text: bytes) -> None:
    _, scan = _facts(HEAD + b'<row r="2">' + cell + b"</row>" + TAIL)
    assert scan.odd_numbers
    assert without_odd_numbers(cell) == b'<c r="B2" t="inlineStr"><is><t>' + text + b"</t></is></c>"


@pytest.mark.parametrize(
    "cell",
    [
        b'<c r="B2" s="1"><v>44986</v></c>',
        b'<c r="B2" s="1"><v>0</v></c>',
        b'<c r="B2" t="s"><v>-3</v></c>',
        b'<c r="B2" t="e"><v>#N/A</v></c>',
    ],
)
def test_other_cells_are_left_as_they_are(cell: bytes) -> None:
    assert without_odd_numbers(cell) == cell


def test_column_letters_and_indexes_agree() -> None:
    for index in (0, 25, 26, 701, 702, 16_383):
        assert column_index(column_letters(index)) == index
    assert column_letters(16_383) == "XFD" and column_index("zz") == 701
