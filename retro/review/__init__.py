"""People's judgement on retro's flags: verdicts matched to the analysis, and the ``Beoordeling``
sheet written into the workbook.

``verdicts`` (:func:`review_of`: which row belongs to which flag, the facilitator's own patterns,
the rows of flags that are gone, agreement per kind) -> ``sheet`` (the sheet brought up to date,
cell by cell) -> ``write`` (:func:`review_workbook`: the refusals, the atomic save, the read-back).
The report, the session record and the regional overview read :func:`review_of`; the writer (and
openpyxl with it) loads only when :func:`review_workbook` is asked for, so ``retro report`` stays
light."""

from typing import TYPE_CHECKING, Any

from .verdicts import (
    Agreement,
    JudgedFlag,
    OwnPattern,
    Review,
    checked_review,
    is_flag_id,
    pattern_kind,
    review_of,
)

if TYPE_CHECKING:
    from .judgements import Judgement, NewPattern
    from .write import ReviewChanges, review_workbook


def __getattr__(name: str) -> Any:
    if name in ("ReviewChanges", "review_workbook"):
        from . import write

        return getattr(write, name)
    if name in ("Judgement", "NewPattern"):
        from . import judgements

        return getattr(judgements, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "Agreement",
    "JudgedFlag",
    "Judgement",
    "NewPattern",
    "OwnPattern",
    "Review",
    "ReviewChanges",
    "checked_review",
    "is_flag_id",
    "pattern_kind",
    "review_of",
    "review_workbook",
]
