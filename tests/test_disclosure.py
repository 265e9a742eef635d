"""The attacker against the regional overview (issue 14, defect 3).

A reader has only what the overview publishes.  These tests play that reader:

* from the published tables (every table adds up to the number of cases; the patterns and the
  spread of patterns per case count the same patterns), work out a hidden cell: for each hidden
  cell, the least and the greatest value it can have, by integer programming over a model of the
  cases themselves (a 0/1 table of cases by patterns, not the relations retro uses);
* tell a hidden zero from a small count;
* single out a case from the per-case rows: every row must show a combination that at least
  ``min_count`` cases share (k-anonymity, measured with pycanon, a maintained library).
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from itertools import pairwise
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import Bounds, LinearConstraint, milp

import retro
from retro.messages import Messages
from retro.region.cases import COLUMNS
from retro.region.tables import region_overview
from tests.region_cases import record, sheet_rows

KINDS = len(retro.FLAG_KINDS)
HIDDEN = "verborgen"


def _extremes(objective, rows, low, high, lower, upper) -> tuple[int, int]:
    """The attacker's least and greatest value of ``objective`` over every table of integers that
    agrees with what is published."""
    ends = []
    for sign in (1, -1):
        result = milp(
            sign * objective,
            constraints=LinearConstraint(np.array(rows), low, high),
            integrality=np.ones(len(objective)),
            bounds=Bounds(lower, upper),
        )
        assert result.success, result.message
        ends.append(round(sign * result.fun))
    return ends[0], ends[1]


def _kinds(*on: int) -> tuple[int, ...]:
    return tuple(1 if i in on else 0 for i in range(KINDS))


def attack_patterns(
    patterns: list, spread: list, cases: int
) -> dict[tuple[str, int], tuple[int, int]]:
    """For every hidden cell of the two tables, (least, greatest) value consistent with everything
    shown: a model with a 0/1 variable per case and pattern and one per case and number of
    patterns."""
    x = cases * KINDS  # has[c][i]
    y = cases * (KINDS + 1)  # count[c][k]: case c has exactly k patterns
    p0, s0 = x + y, x + y + KINDS  # the table cells themselves
    size = s0 + KINDS + 1
    rows, low, high = [], [], []

    def add(coefficients: dict[int, float], lo: float, hi: float) -> None:
        row = np.zeros(size)
        for index, value in coefficients.items():
            row[index] += value
        rows.append(row)
        low.append(lo)
        high.append(hi)

    for c in range(cases):
        add({x + (KINDS + 1) * c + k: 1 for k in range(KINDS + 1)}, 1, 1)  # one number each
        add(
            {c * KINDS + i: 1 for i in range(KINDS)}
            | {x + (KINDS + 1) * c + k: -k for k in range(KINDS + 1)},
            0,
            0,
        )
    for i in range(KINDS):  # p[i] = cases with pattern i
        add({c * KINDS + i: 1 for c in range(cases)} | {p0 + i: -1}, 0, 0)
    for k in range(KINDS + 1):  # s[k] = cases with k patterns
        add({x + (KINDS + 1) * c + k: 1 for c in range(cases)} | {s0 + k: -1}, 0, 0)
    lower, upper = np.zeros(size), np.ones(size)
    upper[p0:] = cases
    for offset, cells in ((p0, patterns), (s0, spread)):
        for i, cell in enumerate(cells):
            if isinstance(cell, int):
                lower[offset + i] = upper[offset + i] = cell
    found = {}
    targets = [("p", i, p0 + i) for i, c in enumerate(patterns) if c == HIDDEN]
    targets += [("s", k, s0 + k) for k, c in enumerate(spread) if c == HIDDEN]
    for table, index, variable in targets:
        objective = np.zeros(size)
        objective[variable] = 1
        found[(table, index)] = _extremes(objective, rows, low, high, lower, upper)
    return found


def assert_single_table_hides(cells: list, truth: list[int], m: int) -> None:
    """What one table alone tells: hidden cells hold at least m together (never 0: that would give
    away their zeros), every small count is hidden, and a shown cell is its count."""
    hidden = [n for cell, n in zip(cells, truth, strict=True) if cell == HIDDEN]
    for cell, n in zip(cells, truth):
        assert cell == HIDDEN or (cell == n and n >= m), (cell, n)
    assert not hidden or len(hidden) == len(cells) or sum(hidden) >= m, (cells, truth)


def assert_k_anonymous(rows: list[tuple], m: int) -> None:
    """Every row (without its code) is shared by at least m rows, measured with pycanon."""
    from pycanon import anonymity

    if len(rows) < m:
        assert all(set(row) == {HIDDEN} for row in rows)
        return
    frame = pd.DataFrame([tuple(map(str, row)) for row in rows], columns=list(COLUMNS[1:]))
    assert anonymity.k_anonymity(frame, list(COLUMNS[1:])) >= m
    assert min(Counter(rows).values()) >= m  # the same, counted by hand


def test_the_attack_of_the_issue_no_longer_finds_the_case_with_three_patterns() -> None:
    """Eleven cases, one of them the only one with three patterns: the reader of the old overview
    worked out from the pattern table and the spread table that exactly one case had three, and
    which three."""
    cases = [record(i, patterns=_kinds(0)) for i in range(1, 6)]
    cases += [record(i, patterns=_kinds(0, 1)) for i in range(6, 11)]
    cases.append(record(11, patterns=_kinds(0, 1, 2)))
    o = region_overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    patterns = [row[1] for row in o.patterns.rows]
    spread = [row[1] for row in o.pattern_spread.rows]
    assert spread[3] == HIDDEN and any(isinstance(n, int) for n in patterns + spread)
    bounds = attack_patterns(patterns, spread, 11)
    assert bounds[("s", 3)][0] == 0  # that one case has three patterns no longer follows
    for cell, (least, greatest) in bounds.items():
        assert least == 0 and greatest >= 5, (cell, least, greatest)


_CASE = st.tuples(
    st.sampled_from([2018, 2019, 2020]),
    st.none() | st.sampled_from([2, 8, 20, 40]),
    st.none() | st.sampled_from([3, 30]),
    st.lists(st.booleans(), min_size=KINDS, max_size=KINDS),
    st.sampled_from([2, 6, 12]),
)


@settings(max_examples=25, deadline=None)
@given(st.lists(_CASE, min_size=1, max_size=10), st.integers(2, 5))
def test_no_hidden_cell_can_be_worked_out_and_no_case_singled_out(specs, m: int) -> None:
    cases = [
        record(i, year=y, court=c, move=mv, patterns=tuple(map(int, p)), professionals=prof)
        for i, (y, c, mv, p, prof) in enumerate(specs, start=1)
    ]
    o = region_overview(cases, [], m, datetime(2026, 1, 1), Messages("nl"))
    with_pattern = [sum(c.patterns[i] > 0 for c in cases) for i in range(KINDS)]
    different = [sum(n > 0 for n in c.patterns) for c in cases]
    spread_truth = [different.count(k) for k in range(KINDS + 1)]
    patterns = [row[1] for row in o.patterns.rows]
    spread = [row[1] for row in o.pattern_spread.rows]
    assert_single_table_hides(patterns, with_pattern, m)
    assert_single_table_hides(spread, spread_truth, m)
    # the two tables together: every hidden cell may be 0 and may be m or more (when there are m
    # cases at all): neither a zero nor a small count can be told, and nothing is fixed
    for cell, (least, greatest) in attack_patterns(patterns, spread, len(cases)).items():
        truth = with_pattern[cell[1]] if cell[0] == "p" else spread_truth[cell[1]]
        assert least <= truth <= greatest
        if len(cases) >= m:
            assert least == 0 and greatest >= m, (cell, least, greatest, patterns, spread)
    moved = sum(c.measures.compulsory_move_month is not None for c in cases)
    # those that moved and those that did not add up to the cases: both shown, or neither
    assert o.moved == HIDDEN or (o.moved == moved and min(moved, len(cases) - moved) >= m)
    assert_k_anonymous([row[1:] for row in o.cases.rows], m)


def test_the_published_workbook_resists_the_attacker(tmp_path: Path) -> None:
    """The same, from the file a reader gets: regio.xlsx of twelve cases with patterns."""
    from retro.region.tables import region_overview as overview
    from retro.region.xlsx import write_region_xlsx

    cases = [record(i, patterns=_kinds(0, 3)) for i in range(1, 7)]
    cases += [record(i, patterns=_kinds(0)) for i in range(7, 12)]
    cases.append(record(12, patterns=_kinds(0, 3, 5, 7)))
    o = overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    path = write_region_xlsx(o, tmp_path / "regio.xlsx", Messages("nl"))
    table = sheet_rows(path, "Patronen")
    patterns = [row[1] for row in table[1 : 1 + KINDS]]
    start = next(i for i, row in enumerate(table) if row[0] == "Aantal verschillende patronen")
    spread = [row[1] for row in table[start + 1 : start + 2 + KINDS]]
    for cell, (least, greatest) in attack_patterns(patterns, spread, 12).items():
        assert least == 0 and greatest >= 5, (cell, least, greatest)
    rows = [tuple(row[1:]) for row in sheet_rows(path, "Casussen")[1:]]
    assert_k_anonymous(rows, 5)
    # bands, never a number (but a start year that five cases share)
    assert not any(isinstance(v, int) for row in rows for v in row[1:])


@pytest.mark.parametrize("m", [2, 5])
def test_per_case_rows_are_bands_shared_by_min_count_cases(m: int) -> None:
    cases = [
        record(i, professionals=p, court=c)
        for i, (p, c) in enumerate(
            [(3, 2), (4, 2), (6, 2), (7, None), (12, None), (13, None)] * 2, start=1
        )
    ]
    o = region_overview(cases, [], m, datetime(2026, 1, 1), Messages("nl"))
    rows = [row[1:] for row in o.cases.rows]
    assert_k_anonymous(rows, m)
    professionals = {row[COLUMNS.index("professionals") - 1] for row in rows}
    assert professionals <= {"0–4", "5–9", "10–14", "0–9", "10 of meer", HIDDEN}, professionals


def attack_review(o, truth: list[dict[str, int]], cases: int, reviewed: int, m: int) -> list:
    """Every count of the pattern, spread, confirmed and agreement tables and the reviewed cases
    that a reader can narrow wrongly: a hidden count below m that must be 0, cannot be 0, or is
    fixed, by integer programming over a model of the cases themselves (per case and kind one of
    the seven cells of :mod:`retro.region.linked`, per case reviewed or not, and its number of
    patterns).  A shown share or kappa counts as telling the cells of its table."""
    from retro.region.linked import CELLS, PINS, PUBLISHED

    cells = len(CELLS)
    x = cases * KINDS * cells  # x[c][i][cell]
    r0 = x  # r[c]: case c reviewed
    k0 = r0 + cases  # k[c][n]: case c has n patterns
    size = k0 + cases * (KINDS + 1)
    rows, low, high = [], [], []

    def var(c: int, i: int, name: str) -> int:
        return (c * KINDS + i) * cells + CELLS.index(name)

    def add(coefficients: dict[int, float], lo: float, hi: float) -> None:
        row = np.zeros(size)
        for index, value in coefficients.items():
            row[index] += value
        rows.append(row), low.append(lo), high.append(hi)

    def total(i: int, names) -> dict[int, float]:
        return {var(c, i, n): 1 for c in range(cases) for n in names}

    for c in range(cases):
        add({k0 + c * (KINDS + 1) + n: 1 for n in range(KINDS + 1)}, 1, 1)
        found = {var(c, i, n): 1 for i in range(KINDS) for n in PUBLISHED["pattern"]}
        add(found | {k0 + c * (KINDS + 1) + n: -n for n in range(KINDS + 1)}, 0, 0)
        for i in range(KINDS):
            add({var(c, i, n): 1 for n in CELLS}, 1, 1)
            for n in ("a", "b", "u1", "c", "d"):
                add({var(c, i, n): 1, r0 + c: -1}, -1, 0)  # these cells: a reviewed case
            for n in ("u0", "e"):
                add({var(c, i, n): 1, r0 + c: 1}, 0, 1)  # these: one nobody reviewed
        # a reviewed case judged something: a verdict or an own pattern in some kind
        add(
            {var(c, i, n): 1 for i in range(KINDS) for n in ("a", "b", "c", "u1")} | {r0 + c: -1},
            0,
            np.inf,
        )
    reviewed_row = {r0 + c: 1 for c in range(cases)}
    spread_rows = [{k0 + c * (KINDS + 1) + n: 1 for c in range(cases)} for n in range(KINDS + 1)]
    targets = []

    def published(coefficients, cell, value: int) -> None:
        if isinstance(cell, int | float) and not isinstance(cell, bool):
            add(coefficients, value, value)
        elif cell == "<5" or cell == f"<{m}":
            add(coefficients, 0, m - 1)
            targets.append((coefficients, value))
        else:
            assert cell == HIDDEN, cell
            targets.append((coefficients, value))

    for i in range(KINDS):
        t = truth[i]

        def value(names, t=t) -> int:
            return sum(t[n] for n in names)

        published(
            total(i, PUBLISHED["pattern"]), o.patterns.rows[i][1], value(PUBLISHED["pattern"])
        )
        published(total(i, PUBLISHED["confirmed"]), o.confirmed.rows[i][1], value(("a", "c")))
        published(total(i, PUBLISHED["open"]), o.confirmed.rows[i][2], value(("u1", "u0")))
        published(total(i, PUBLISHED["judged"]), o.agreement.rows[i][1], value(("a", "b")))
        published(total(i, PUBLISHED["known"]), o.agreement.rows[i][3], value(PUBLISHED["known"]))
        for column, key in ((2, "share"), (4, "kappa")):
            if o.agreement.rows[i][column] != HIDDEN:
                for n in PINS[key]:
                    add(total(i, (n,)), t[n], t[n])
    for n, row in enumerate(spread_rows):
        published(row, o.pattern_spread.rows[n][1], 0)  # truth not needed: checked elsewhere
    targets = [(c, v) for c, v in targets if v < m]
    published(reviewed_row, o.reviewed, reviewed)
    weak = []
    lower, upper = np.zeros(size), np.ones(size)
    for coefficients, truth_value in targets:
        objective = np.zeros(size)
        for index, value in coefficients.items():
            objective[index] = value
        ends = _extremes(objective, rows, low, high, lower, upper)
        if not (ends[0] == 0 and ends[1] >= max(1, truth_value)):
            weak.append((truth_value, ends))
    return weak


def _reviewed_records(m: int = 5):
    """Eight cases, all reviewed: one kind confirmed in 6 and rejected in 2, another found in all
    and judged in none, a third added by people in 7 (as the reviewed export of the review
    tests)."""
    from retro.region.anonymise import AnonymousCase, PatternReview

    cases = []
    for n in range(8):
        base = record(n + 1, patterns=_kinds(0, 1))
        reviews = [PatternReview() for _ in range(KINDS)]
        reviews[0] = PatternReview(confirmed=1) if n < 6 else PatternReview(rejected=1)
        if n < 7:
            reviews[6] = PatternReview(own=1)
        cases.append(
            AnonymousCase(base.code, 2020, base.measures, base.patterns, reviews=tuple(reviews))
        )
    return cases


def test_the_review_tables_give_no_hidden_count_away_with_the_other_tables() -> None:
    """Before, the agreement table showed 'known 8' for the kind judged in every case next to '8
    reviewed cases': so no case of it waited (a 0 the confirmed table hid), and the kind found in
    all and judged in none showed 'known 8' too; a share and a kappa told the cells of their
    table (7 judged at 71%: 2 rejected)."""
    from retro.region.agreement import review_cells

    cases = _reviewed_records()
    o = region_overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    truth = [review_cells(cases, i) for i in range(KINDS)]
    assert attack_review(o, truth, len(cases), 8, 5) == []
    assert {row[3] for row in o.agreement.rows} == {HIDDEN}


@settings(max_examples=5, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.booleans(), min_size=3, max_size=3),
            st.lists(
                st.sampled_from(["confirmed", "rejected", "own", None]), min_size=3, max_size=3
            ),
        ),
        min_size=5,
        max_size=9,
    )
)
def test_no_review_count_can_be_worked_out(specs) -> None:
    from retro.region.agreement import review_cells
    from retro.region.anonymise import AnonymousCase, PatternReview

    cases = []
    for n, (found, said) in enumerate(specs, start=1):
        base = record(n, patterns=_kinds(*[i for i in range(3) if found[i]]))
        reviews = [PatternReview() for _ in range(KINDS)]
        for i in range(3):
            if said[i] == "own" and not found[i]:
                reviews[i] = PatternReview(own=1)
            elif said[i] in ("confirmed", "rejected") and found[i]:
                reviews[i] = PatternReview(**{said[i]: 1})
        judged = any(r.judged or r.own for r in reviews)
        cases.append(
            AnonymousCase(
                base.code,
                2020,
                base.measures,
                base.patterns,
                reviews=tuple(reviews) if judged else (),
            )
        )
    o = region_overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    truth = [review_cells(cases, i) for i in range(KINDS)]
    reviewed = sum(c.reviewed for c in cases)
    assert attack_review(o, truth, len(cases), reviewed, 5) == []


def test_the_open_cases_over_time_tell_no_small_number_of_cases_that_ended() -> None:
    """Before, every month showed its open cases: 12, 12, 11, 11, 10, ... told that one case ended
    in every other month (and the months that showed the same number, that none did)."""
    cases = [record(n, by_month=(3,) * (2 * n + 2)) for n in range(12)]
    o = region_overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    assert len(o.time.rows) == 13  # months 0 to 12, the last band edge with 5 cases open
    shown = [12] + [row[1] for row in o.time.rows if row[1] != HIDDEN]
    ended = [a - b for a, b in pairwise(shown)]
    assert ended and all(n >= 5 or (n == 0 and i == 0) for i, n in enumerate(ended)), shown
    assert all(row[1] == HIDDEN or isinstance(row[1], int) for row in o.time.rows)


# --- The time table and the durations (issue 14, defect 3, the inferences left over): where the
# professionals over time end tells how long cases lasted, and a first court moment in month n
# means a case that lasted n months.

MONTH_EDGES = (0, 12, 24, 36, 60)  # [region.bands] months, as the per-case rows show them


def _lasting(number: int, months: int, court: int | None = None):
    """A record of a case that lasted ``months`` months (open in months 0 to ``months``)."""
    return record(number, court=court, by_month=(2,) * (months + 1))


def attack_court(o, truth: list[int], cases: int, m: int) -> list:
    """Every hidden row of the court table a reader can narrow wrongly, knowing the table's total,
    its shown rows, that a '<m' row holds fewer than m, and what the time table's end tells: fewer
    than m cases were open at the first band edge after its last month, so the rows from that edge
    on hold fewer than m together.  A 'verborgen' row must be able to be 0 and m or more, a '<m'
    row 0 and its true count."""
    from retro.region.cases import COURT_BINS

    size = len(truth)
    rows, low, high = [np.ones(size)], [cases], [cases]
    after = [e for e in MONTH_EDGES if o.time.rows and e > o.time.rows[-1][0]]
    if after:
        rows.append(np.array([1.0 * (b >= after[0]) for b in COURT_BINS] + [0.0]))
        low.append(0), high.append(m - 1)
    lower, upper = np.zeros(size), np.full(size, float(cases))
    for i, (_, cell) in enumerate(o.court.rows):
        if isinstance(cell, int):
            lower[i] = upper[i] = cell
        elif cell == f"<{m}":
            upper[i] = m - 1
    weak = []
    for i, (label, cell) in enumerate(o.court.rows):
        if isinstance(cell, int):
            continue
        objective = np.zeros(size)
        objective[i] = 1
        ends = _extremes(objective, rows, low, high, lower, upper)
        need = m if cell == HIDDEN else max(1, truth[i])
        if not (ends[0] == 0 and ends[1] >= need):
            weak.append((label, cell, truth[i], ends))
    return weak


def test_where_the_time_table_ends_tells_no_month_in_which_a_case_ended() -> None:
    """Before, the table ended at the last month with 5 cases open: month 30 when one case ended
    in month 30, month 28 when it ended in month 28 (four cases lasted 40 months).  Now it ends at
    a band edge, the same wherever in its band (24-35 months) the case ended."""
    others = [_lasting(i, 40) for i in range(1, 5)] + [_lasting(i, 20) for i in range(6, 11)]
    ends = set()
    for months in range(24, 36):
        o = region_overview(
            [*others, _lasting(5, months)], [], 5, datetime(2026, 1, 1), Messages("nl")
        )
        ends.add(o.time.rows[-1][0])
    assert ends == {24}, ends


def test_the_time_table_proves_no_hidden_court_row_small() -> None:
    """Before, the time table ended in month 30 and the court table hid '36 maanden of meer' as
    'verborgen': fewer than 5 cases were open in month 31, so that row held fewer than 5 (it held
    1), though 'verborgen' says it might hold 5 or more."""
    from retro.region.cases import COURT_BINS, court_row

    courts = [1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 25, 26, 27] + [None] * 5
    cases = [_lasting(i, 30 if i <= 6 else 20, c) for i, c in enumerate(courts, 1)]
    cases.append(_lasting(99, 40, 40))
    o = region_overview(cases, [], 5, datetime(2026, 1, 1), Messages("nl"))
    rows = [court_row(c.measures.months_to_first_court) for c in cases]
    truth = [rows.count(i) for i in range(len(COURT_BINS) + 1)]
    assert attack_court(o, truth, len(cases), 5) == []
    assert o.court.rows[4] == ("36 maanden of meer", "<5")


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 45), st.none() | st.floats(0, 1)), min_size=1, max_size=20),
    st.integers(2, 5),
)
def test_no_hidden_court_row_is_proven_small_by_the_time_table(specs, m: int) -> None:
    from retro.region.cases import COURT_BINS, court_row

    cases = [
        _lasting(i, months, None if at is None else int(at * months))
        for i, (months, at) in enumerate(specs, start=1)
    ]
    o = region_overview(cases, [], m, datetime(2026, 1, 1), Messages("nl"))
    rows = [court_row(c.measures.months_to_first_court) for c in cases]
    truth = [rows.count(i) for i in range(len(COURT_BINS) + 1)]
    assert not o.time.rows or o.time.rows[-1][0] in MONTH_EDGES
    if len(cases) >= m:
        assert attack_court(o, truth, len(cases), m) == []
