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
every case).  Everything is counted in cases and hidden as in :mod:`.counts`: a count of cases
below ``min_count`` is ``"<5"``, and a share or kappa is shown only when it rests on at least
``min_count`` cases.

The pattern table counts, per kind, the cases where retro found it, and those are exactly the
cases judged plus those unjudged (``found == judged + unjudged``).  So for a kind whose count the
pattern table hides (:mod:`.linked`), these two columns are hidden as well: else their sum would
give the hidden count away."""

from __future__ import annotations

from collections.abc import Sequence

from ..analysis import FLAG_KINDS
from ..messages import Messages
from .anonymise import AnonymousCase
from .counts import Cell, Counts, Table, all_hidden, hidden_cells


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


def confirmed_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    hidden_patterns: Sequence[bool] = (),
) -> Table:
    """Per kind: cases where people confirmed the pattern, and cases where retro found it and
    nobody judged it yet; each column hidden as one table (its total is known from the cases), the
    second also where the pattern table hides the kind (``hidden_patterns``)."""
    confirmed = [sum(1 for c in cases if judgement(c, i)[1]) for i in range(len(FLAG_KINDS))]
    unjudged = [
        sum(1 for c in cases if judgement(c, i) == (True, None)) for i in range(len(FLAG_KINDS))
    ]
    shown = count.table(confirmed)
    waiting = count.shown(
        unjudged,
        hidden_cells(unjudged, count.min_count, [*hidden_patterns] or None),
    )
    rows = tuple(
        (msg(f"flags.{kind}.title"), a, b) for kind, a, b in zip(FLAG_KINDS, shown, waiting)
    )
    note = count.too_few if all_hidden(shown) and all_hidden(waiting) else None
    columns = tuple(msg(f"region.confirmed.column.{c}") for c in ("pattern", "confirmed", "open"))
    return Table(columns, rows, note)


def _agreement_row(
    cases: Sequence[AnonymousCase], index: int, count: Counts, msg: Messages, linked: bool
) -> tuple[Cell, ...]:
    """One kind's row; ``linked``: the pattern table hides the kind, so the cases judged (part of
    its count) are hidden too, and the share that rests on them."""
    both, retro_only, people_only, neither = _cells(cases, index)
    judged = both + retro_only  # retro found it and people judged it
    known = both + retro_only + people_only + neither
    hidden = msg("region.hidden")
    shown_judged = hidden if linked else count(judged)
    share: Cell = round(100 * both / judged) if count.shows(judged) and not linked else hidden
    value = kappa(both, retro_only, people_only, neither)
    if not count.shows(known):
        agreement: Cell = hidden
    elif value is None:
        agreement = msg("region.agreement.not_computable")
    else:
        agreement = round(value, 2)
    return (msg(f"flags.{FLAG_KINDS[index]}.title"), shown_judged, share, count(known), agreement)


def agreement_table(
    cases: Sequence[AnonymousCase],
    count: Counts,
    msg: Messages,
    hidden_patterns: Sequence[bool] = (),
) -> Table:
    """Per kind: the cases where retro found it and people judged it, the share of them people
    confirmed, the cases where people's judgement is known, and Cohen's kappa over them."""
    linked = [*hidden_patterns] or [False] * len(FLAG_KINDS)
    rows = tuple(_agreement_row(cases, i, count, msg, linked[i]) for i in range(len(FLAG_KINDS)))
    note = count.too_few if all_hidden([r[3] for r in rows]) else None
    columns = tuple(
        msg(f"region.agreement.column.{c}")
        for c in ("pattern", "judged", "share", "known", "kappa")
    )
    return Table(columns, rows, note)


def reviewed_cases(cases: Sequence[AnonymousCase]) -> int:
    """The cases in which people judged something."""
    return sum(1 for c in cases if c.reviewed)
