"""What sessions confirmed, and how often facilitators agreed with retro, across cases.

Per case and kind of pattern there are two judgements: retro's (it found the pattern: at least one
flag of the kind) and people's (:func:`judgement`):

* *yes* when people confirmed or adjusted one of retro's flags of the kind, or added one themselves;
* *no* when retro's flags of the kind were all rejected, or when retro found none, the case was
  reviewed (something in it judged) and people added none;
* unknown otherwise: retro's flags still open, or a case nobody reviewed.

The overview counts *confirmed* patterns (people: yes) apart from retro's unjudged flags (retro
found it, people's judgement unknown), and per kind the agreement over the cases where both are
known: the share of retro's findings that people confirmed, and Cohen's kappa (agreement beyond
chance of two raters on yes/no; None when it cannot be computed, when both raters said the same in
every case).  Everything is counted in cases.  These counts share their cases with the pattern
table and with each other (``found == judged + unjudged``, the share and the kappa tell the four
cells of their table, the cases judged in a kind and the reviewed cases tell the reviewed cases
whose flags wait), so what is hidden is decided for all of them together
(:func:`retro.region.linked.hide_review`): a hidden count says "verborgen", the cases reviewed on
their own "<5"; a share or kappa shows only when each cell of its table holds ``min_count``
cases."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..analysis import FLAG_KINDS
from ..messages import Messages
from .anonymise import AnonymousCase
from .counts import Cell, Counts, Table, all_hidden
from .linked import BELOW, CELLS, SHOWN, hide_review


def kappa(both: int, retro_only: int, people_only: int, neither: int) -> float | None:
    """Cohen's kappa of two raters on yes/no, from the four cells of their table; None when it
    cannot be computed (no cases, or the chance agreement is 1)."""
    n = both + retro_only + people_only + neither
    if n == 0:
        return None
    observed = (both + neither) / n
    retro_yes, people_yes = (both + retro_only) / n, (both + people_only) / n
    chance = retro_yes * people_yes + (1 - retro_yes) * (1 - people_yes)
    if chance >= 1:
        return None
    return (observed - chance) / (1 - chance)


def judgement(case: AnonymousCase, index: int) -> tuple[bool, bool | None]:
    """(retro found the kind ``FLAG_KINDS[index]``, what people said of it: see the module)."""
    flags, review = case.patterns[index], case.review(index)
    retro = flags > 0
    if review.recognised:
        return retro, True
    if retro and review.rejected == flags:
        return retro, False
    if not retro and case.reviewed:
        return retro, False
    return retro, None


def _cells(cases: Sequence[AnonymousCase], index: int) -> tuple[int, int, int, int]:
    """(both yes, retro only, people only, both no) over the cases where people's judgement is
    known."""
    pairs = [judgement(c, index) for c in cases]
    known = [(r, p) for r, p in pairs if p is not None]
    return (
        sum(1 for r, p in known if r and p),
        sum(1 for r, p in known if r and not p),
        sum(1 for r, p in known if not r and p),
        sum(1 for r, p in known if not r and not p),
    )


def review_cells(cases: Sequence[AnonymousCase], index: int) -> dict[str, int]:
    """The cases of one kind in each cell of :data:`retro.region.linked.CELLS`."""
    cells = dict.fromkeys(CELLS, 0)
    for case in cases:
        retro, people = judgement(case, index)
        if people is None:
            name = ("u1" if case.reviewed else "u0") if retro else "e"
        elif retro:
            name = "a" if people else "b"
        else:
            name = "c" if people else "d"
        cells[name] += 1
    return cells


@dataclass(frozen=True)
class ReviewTables:
    confirmed: Table
    agreement: Table
    reviewed: Cell


def review_tables(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    hidden_patterns: Sequence[bool] = (),
) -> ReviewTables:
    """Per kind: the cases where people confirmed the pattern and those where retro found it and
    nobody judged it yet (:func:`confirmed_table`); the cases where retro found it and people judged
    it, the share of them confirmed, the cases where people's judgement is known and Cohen's kappa
    over them (:func:`agreement_table`); and the cases in which people judged something.  What is
    hidden is decided for all of them together with the pattern table (``hidden_patterns``), by
    :func:`retro.region.linked.hide_review`."""
    cells = [review_cells(cases, i) for i in range(len(FLAG_KINDS))]
    reviewed = reviewed_cases(cases)
    states = hide_review(cells, hidden_patterns, reviewed, count.min_count)
    hidden = msg("region.hidden")

    def cell(key: str, i: int, value: Cell) -> Cell:
        return value if states[(key, i)] == SHOWN else hidden

    confirmed_rows, agreement_rows = [], []
    for i, (kind, c) in enumerate(zip(FLAG_KINDS, cells)):
        title = msg(f"flags.{kind}.title")
        confirmed_rows.append(
            (
                title,
                cell("confirmed", i, c["a"] + c["c"]),
                cell("open", i, c["u1"] + c["u0"]),
            )
        )
        judged = c["a"] + c["b"]
        value = kappa(c["a"], c["b"], c["c"], c["d"])
        agreement_rows.append(
            (
                title,
                cell("judged", i, judged),
                cell("share", i, round(100 * c["a"] / judged) if judged else None),
                cell("known", i, judged + c["c"] + c["d"]),
                cell(
                    "kappa",
                    i,
                    msg("region.agreement.not_computable") if value is None else round(value, 2),
                ),
            )
        )
    reviewed_state = states[("reviewed", 0)]
    shown_reviewed: Cell = (
        reviewed if reviewed_state == SHOWN else count.below if reviewed_state == BELOW else hidden
    )
    confirmed_note = (
        count.nothing_shown(len(cases))
        if all_hidden(v for row in confirmed_rows for v in row[1:])
        else None
    )
    agreement_note = (
        count.nothing_shown(len(cases))
        if all_hidden(v for row in agreement_rows for v in row[1:])
        else None
    )
    return ReviewTables(
        Table(
            tuple(msg(f"region.confirmed.column.{c}") for c in ("pattern", "confirmed", "open")),
            tuple(confirmed_rows),
            confirmed_note,
        ),
        Table(
            tuple(
                msg(f"region.agreement.column.{c}")
                for c in ("pattern", "judged", "share", "known", "kappa")
            ),
            tuple(agreement_rows),
            agreement_note,
        ),
        shown_reviewed,
    )


def confirmed_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    hidden_patterns: Sequence[bool] = (),
) -> Table:
    """Per kind: cases where people confirmed the pattern, and cases where retro found it and
    nobody judged it yet."""
    return review_tables(cases, count, msg, hidden_patterns).confirmed


def agreement_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    hidden_patterns: Sequence[bool] = (),
) -> Table:
    """Per kind: the cases where retro found it and people judged it, the share of them people
    confirmed, the cases where people's judgement is known, and Cohen's kappa over them."""
    return review_tables(cases, count, msg, hidden_patterns).agreement


def reviewed_cases(cases: Sequence[AnonymousCase]) -> int:
    """The cases in which people judged something."""
    return sum(1 for c in cases if c.reviewed)
