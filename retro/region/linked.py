"""Two tables that count the same thing, hidden together: the patterns and their spread.

The pattern table says in how many cases each pattern was found (``p[i]``), the spread table how
many cases have 0, 1, 2, ... different patterns (``s[k]``).  Both count every pattern of every case,
so a reader knows more than their totals (``sum(s) == cases``):

* ``sum(p) == sum(k * s[k])``;
* the two must fit one table of cases by patterns (a case has a pattern or not), which by the
  Gale-Ryser theorem is, for every set ``J`` of patterns,
  ``sum(p[i] for i in J) <= sum(min(k, len(J)) * s[k])``.

Hiding each table on its own (:func:`retro.region.counts.hidden_cells`) is then not enough: the
two together can give a hidden cell away (the issue that asked for this module found that
exactly one case had three patterns, and which).  :func:`hide_together` hides more cells, the
smallest shown first, until the relations allow every hidden cell to be 0 and to be at least
``min_count`` (so a zero, a small count and a large one all fit, and none is fixed).  That is
checked by integer programming over all the relations above (scipy's ``milp``, the HiGHS solver),
the way a reader with the same tables would work it out."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import combinations
from typing import Any

import numpy as np

from ..files import held_interruptions
from .counts import hidden_cells


def load_solver() -> None:
    """scipy's solver imported now (a few tenths of a second), before the first table needs it."""
    import scipy.optimize  # noqa: F401


def _extremes(
    objective: np.ndarray, rows: Any, low: Any, high: Any, lower: Any, upper: Any
) -> tuple[float, float] | None:
    """The least and the greatest value of ``objective`` over the integers that meet
    ``low <= rows @ x <= high`` and ``lower <= x <= upper`` (scipy's ``milp``), or None when none
    do.  Ctrl-C waits until each solve returns: HiGHS, interrupted inside, answers with an error of
    its own ("initialization failed"), which would end the export as a bug instead of an
    interruption; a solve takes milliseconds."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    found = []
    for sign in (1.0, -1.0):
        with held_interruptions():
            result = milp(
                sign * objective,
                constraints=LinearConstraint(rows, low, high),
                integrality=np.ones(len(objective)),
                bounds=Bounds(lower, upper),
            )
        if result.x is None:
            return None
        found.append(sign * result.fun)
    return found[0], found[1]


@lru_cache(maxsize=8)
def _relations(kinds: int, spread: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows of every relation over the variables ``p`` then ``s``, with their bounds."""
    rows, low, high = [], [], []
    rows.append([0.0] * kinds + [1.0] * spread)  # sum(s) == cases: bounds set per call
    low.append(np.nan)
    high.append(np.nan)
    rows.append([1.0] * kinds + [-float(k) for k in range(spread)])  # sum(p) == sum(k s[k])
    low.append(0.0)
    high.append(0.0)
    for size in range(1, kinds + 1):
        for chosen in combinations(range(kinds), size):
            row = [1.0 if i in chosen else 0.0 for i in range(kinds)]
            rows.append(row + [-float(min(k, size)) for k in range(spread)])
            low.append(-np.inf)
            high.append(0.0)
    return np.array(rows), np.array(low), np.array(high)


class _Reader:
    """What a reader of the two tables can work out about one cell: its least and greatest value."""

    def __init__(self, patterns: Sequence[int], spread: Sequence[int]) -> None:
        self.kinds, self.size = len(patterns), len(spread)
        self.cases = sum(spread)
        self.values = [*patterns, *spread]

    def bounds(self, hidden: Sequence[bool], cell: int) -> tuple[float, float]:
        rows, low, high = _relations(self.kinds, self.size)
        low, high = low.copy(), high.copy()
        low[0] = high[0] = self.cases
        lower = [0.0 if h else float(v) for v, h in zip(self.values, hidden)]
        upper = [float(self.cases) if h else float(v) for v, h in zip(self.values, hidden)]
        objective = np.zeros(len(self.values))
        objective[cell] = 1.0
        found = _extremes(objective, rows, low, high, lower, upper)
        # cannot be None for true tables; hide everything then
        return found if found is not None else (float(self.values[cell]),) * 2


def hide_together(
    patterns: Sequence[int], spread: Sequence[int], min_count: int
) -> tuple[tuple[bool, ...], tuple[bool, ...]]:
    """Which cells of the pattern table and of the spread table to hide (see the module).

    While a hidden cell is not protected, the smallest shown cell (of either table) whose hiding
    protects it is hidden as well; if none does on its own, the smallest shown cell."""
    kinds = len(patterns)
    counts = [*patterns, *spread]

    def each_table(hidden: Sequence[bool]) -> list[bool]:
        return [
            *hidden_cells(patterns, min_count, hidden[:kinds]),
            *hidden_cells(spread, min_count, hidden[kinds:]),
        ]

    hidden = each_table([False] * len(counts))
    reader = _Reader(patterns, spread)
    while True:
        weak = next(
            (
                i
                for i in range(len(counts))
                if hidden[i] and not _protected(reader.bounds(hidden, i), min_count)
            ),
            None,
        )
        shown = sorted((counts[i], i) for i in range(len(counts)) if not hidden[i])
        if weak is None or not shown:
            break
        trials = (each_table([h or i == extra for i, h in enumerate(hidden)]) for _, extra in shown)
        helping = (t for t in trials if _protected(reader.bounds(t, weak), min_count))
        fallback = each_table([h or i == shown[0][1] for i, h in enumerate(hidden)])
        hidden = next(helping, fallback)
    return tuple(hidden[:kinds]), tuple(hidden[kinds:])


def _protected(bounds: tuple[float, float], min_count: int) -> bool:
    low, high = bounds
    return low <= 0.5 and high >= min_count - 0.5


# What people judged (:mod:`.agreement`) counts the same cases again.  Per kind of pattern every
# case is in one of seven cells: retro found it and people said yes (``a``), no (``b``), nothing
# yet in a reviewed case (``u1``) or in a case nobody reviewed (``u0``); retro did not find it and
# people added it (``c``), did not (``d``, a reviewed case), or nobody reviewed the case (``e``).
CELLS = ("a", "b", "u1", "u0", "c", "d", "e")
# what each published count of a kind adds up, over those cells
PUBLISHED = {
    "pattern": ("a", "b", "u1", "u0"),
    "confirmed": ("a", "c"),
    "open": ("u1", "u0"),
    "judged": ("a", "b"),
    "known": ("a", "b", "c", "d"),
}
# a share confirmed tells a and b (with the cases judged), a kappa all four cells of its table
PINS = {"share": ("a", "b"), "kappa": ("a", "b", "c", "d")}


Item = tuple[
    str, int
]  # a published count of what people judged: (column, kind), or ("reviewed", 0)
SHOWN, BELOW, HIDDEN = "shown", "below", "hidden"  # a number, "<5", "verborgen"


class _ReviewReader:
    """What a reader of the pattern table, the review tables and the number of reviewed cases can
    work out: the least and greatest value of any sum of cells, by integer programming over the
    cells of every kind (they add up to the cases, and the reviewed ones to the reviewed cases, the
    same for every kind)."""

    def __init__(self, cells: Sequence[dict[str, int]], reviewed: int, min_count: int) -> None:
        self.kinds, self.min_count = len(cells), min_count
        self.cases = sum(cells[0].values()) if cells else 0
        self.values = np.array(
            [cells[i][name] for i in range(self.kinds) for name in CELLS] + [reviewed], float
        )
        self.base: list[tuple[np.ndarray, float, float]] = []
        for i in range(self.kinds):
            self.base.append((self.row(i, CELLS), self.cases, self.cases))
            row = self.row(i, ("a", "b", "u1", "c", "d"))
            row[-1] = -1
            self.base.append((row, 0, 0))

    def row(self, kind: int, names: Sequence[str]) -> np.ndarray:
        row = np.zeros(len(self.values))
        for name in names:
            row[kind * len(CELLS) + CELLS.index(name)] = 1
        return row

    def rows(self, item: Item) -> list[np.ndarray]:
        """The sums a count tells when shown: one, or each cell a share or kappa tells."""
        key, kind = item
        if key == "reviewed":
            row = np.zeros(len(self.values))
            row[-1] = 1
            return [row]
        if key in PINS:
            return [self.row(kind, (name,)) for name in PINS[key]]
        return [self.row(kind, PUBLISHED[key])]

    def value(self, row: np.ndarray) -> int:
        return round(float(row @ self.values))

    def bounds(self, states: dict[Item, str], target: np.ndarray) -> tuple[float, float]:
        constraints = list(self.base)
        for item, state in states.items():
            for row in self.rows(item):
                if state == SHOWN:
                    constraints.append((row, self.value(row), self.value(row)))
                elif state == BELOW:
                    constraints.append((row, 0, self.min_count - 1))
        rows = np.array([row for row, _, _ in constraints])
        low = [lo for _, lo, _ in constraints]
        high = [hi for _, _, hi in constraints]
        size = len(self.values)
        found = _extremes(target, rows, low, high, np.zeros(size), np.full(size, self.cases))
        # cannot be None for true tables
        return found if found is not None else (float(self.value(target)),) * 2

    def safe(self, states: dict[Item, str], target: Item | tuple[int, str]) -> bool:
        """A hidden count below ``min_count`` can be 0, and more than 0 and at least its true
        value (so a zero cannot be told from a small count, and neither is fixed); one of
        ``min_count`` or more could have been shown.  A cell of 1 to ``min_count - 1`` cases can
        be 0."""
        if isinstance(target[0], int):
            kind, name = target
            return self.bounds(states, self.row(kind, (name,)))[0] <= 0.5
        row = self.rows((str(target[0]), int(target[1])))[0]
        if self.value(row) >= self.min_count:
            return True
        low, high = self.bounds(states, row)
        return low <= 0.5 and high >= max(1, self.value(row)) - 0.5


def hide_review(
    cells: Sequence[dict[str, int]],
    hidden_patterns: Sequence[bool],
    reviewed: int,
    min_count: int,
) -> dict[Item, str]:
    """How to show each count of what people judged (:data:`SHOWN`, :data:`BELOW` or
    :data:`HIDDEN`), the pattern table's hiding given.  ``cells`` holds per kind the number of
    cases in each of :data:`CELLS`, ``reviewed`` the cases in which people judged something.

    To begin with: a column of confirmed or open cases is one table (:func:`hidden_cells`); open and
    judged cases hide where the pattern table hides the kind, and each where the other hides (they
    add up to its count); known cases below ``min_count`` hide; a share or a kappa shows only when
    every cell it tells (:data:`PINS`) holds ``min_count`` cases; the reviewed cases below
    ``min_count`` are "<5".  Then, while a reader of all of them together can work out a hidden
    count below ``min_count`` (it must be able to be 0, and more than 0 and its true value) or a
    cell of 1 to ``min_count - 1`` cases (it must be able to be 0), the smallest count shown whose
    hiding helps (else the smallest) hides too."""
    m, kinds = min_count, len(cells)
    total = {k: [sum(c[n] for n in names) for c in cells] for k, names in PUBLISHED.items()}
    hide = {
        "confirmed": list(hidden_cells(total["confirmed"], m)),
        "known": [n < m for n in total["known"]],
        **{key: [any(c[n] < m for n in names) for c in cells] for key, names in PINS.items()},
    }
    hide["open"] = [
        bool(hidden_patterns and hidden_patterns[i]) or total["judged"][i] < m for i in range(kinds)
    ]

    def settle(hide: dict[str, list[bool]]) -> dict[str, list[bool]]:
        """The open cases as one table, and judged and open hidden together."""
        out = dict(hide)
        out["open"] = list(hidden_cells(total["open"], m, hide["open"]))
        out["judged"] = [
            o or total["judged"][i] < m or bool(hidden_patterns and hidden_patterns[i])
            for i, o in enumerate(out["open"])
        ]
        out["open"] = [o or j for o, j in zip(out["open"], out["judged"])]
        out["open"] = list(hidden_cells(total["open"], m, out["open"]))
        out["confirmed"] = list(hidden_cells(total["confirmed"], m, hide["confirmed"]))
        return out

    hide["judged"] = [False] * kinds
    hide = settle(hide)
    reader = _ReviewReader(cells, reviewed, m)
    reviewed_state = SHOWN if reviewed >= m else BELOW

    def states(hide: dict[str, list[bool]], reviewed_state: str) -> dict[Item, str]:
        out: dict[Item, str] = {
            ("pattern", i): HIDDEN if h else SHOWN
            for i, h in enumerate(hidden_patterns or [False] * kinds)
        }
        for key, flags in hide.items():
            out |= {(key, i): HIDDEN if h else SHOWN for i, h in enumerate(flags)}
        out[("reviewed", 0)] = reviewed_state
        return out

    small = [(i, n) for i, c in enumerate(cells) for n in CELLS if 0 < c[n] < m]
    protected: set[object] = set()
    while True:
        now = states(hide, reviewed_state)
        targets = [t for t, s in now.items() if s != SHOWN] + small
        weak = None
        for target in targets:
            if target in protected:
                continue
            if reader.safe(now, target):
                protected.add(target)  # hiding more never tells more
            else:
                weak = target
                break
        if weak is None:
            return now
        shown = sorted(
            (min(reader.value(r) for r in reader.rows((key, i))), key, i)
            for key, flags in hide.items()
            for i, h in enumerate(flags)
            if not h
        )
        if reviewed_state == SHOWN:
            shown.append((reviewed, "reviewed", 0))
            shown.sort()
        if not shown:
            return now  # every count hidden: nothing more a reader can be kept from

        def hidden_with(
            key: str, i: int, hide: dict[str, list[bool]] = hide, state: str = reviewed_state
        ) -> tuple[dict[str, list[bool]], str]:
            if key == "reviewed":
                return hide, HIDDEN
            more = {k: list(v) for k, v in hide.items()}
            more[key][i] = True
            return settle(more), state

        trials = (hidden_with(key, i) for _, key, i in shown)
        helping = (t for t in trials if reader.safe(states(*t), weak))
        hide, reviewed_state = next(helping, None) or hidden_with(shown[0][1], shown[0][2])
