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

import numpy as np

from .counts import hidden_cells


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
        from scipy.optimize import Bounds, LinearConstraint, milp

        rows, low, high = _relations(self.kinds, self.size)
        low, high = low.copy(), high.copy()
        low[0] = high[0] = self.cases
        lower = [0.0 if h else float(v) for v, h in zip(self.values, hidden)]
        upper = [float(self.cases) if h else float(v) for v, h in zip(self.values, hidden)]
        found = []
        for sign in (1.0, -1.0):
            objective = np.zeros(len(self.values))
            objective[cell] = sign
            result = milp(
                objective,
                constraints=LinearConstraint(rows, low, high),
                integrality=np.ones(len(self.values)),
                bounds=Bounds(lower, upper),
            )
            if result.x is None:  # cannot happen for true tables; hide everything then
                return (float(self.values[cell]),) * 2
            found.append(sign * result.fun)
        return found[0], found[1]


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
