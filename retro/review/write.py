"""``retro review``: the ``Beoordeling`` sheet written into the case workbook itself, safely.

Before a byte is written, retro refuses a workbook that is open in Excel or LibreOffice (its lock
file lies next to it), that is not an ``.xlsx``, that holds parts openpyxl would drop on saving
(pictures, charts, shapes, pivot tables, macros, threaded comments), whose review sheet was renamed,
or that is not a valid case.  Then openpyxl opens the workbook, only the ``Beoordeling`` sheet is
updated (:mod:`.sheet`; ``Beoordeling`` and ``Acties`` are added when missing), the result is saved
to a temporary file in the same folder and read back, and only then renamed over the workbook
(:func:`retro.files.replace_atomically`); the version before lies next to it as ``CASE.xlsx.bak``.
Every other sheet keeps its values, comments, drop-down lists, column widths and frozen panes."""

from __future__ import annotations

import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.workbook.workbook import Workbook

from ..analysis import Analysis, analyse
from ..config import Settings, defaults
from ..errors import InvalidCaseError, Problem, UsageError
from ..files import replace_atomically
from ..messages import DEFAULT_LANGUAGE, LANGUAGES, Messages
from ..model import Case
from ..schema import SHEETS_BY_KEY, normalise
from ..workbook import load_case, validate_workbook
from ..workbook.blank import format_sheet, inline_lists
from .judgements import Judgement, NewPattern, judged_sheet
from .sheet import SheetChanges, updated_sheet
from .verdicts import checked_review

# Parts of an .xlsx that openpyxl does not keep when it saves a workbook it read.
_UNKEPT_PARTS = (
    "xl/drawings/drawing",  # shapes, pictures and charts placed on a sheet (not comment boxes)
    "xl/charts/",
    "xl/media/",
    "xl/pivotTables/",
    "xl/vbaProject.bin",
    "xl/slicers/",
    "xl/threadedComments/",
    "xl/ctrlProps/",
    "xl/embeddings/",
)


@dataclass(frozen=True)
class ReviewChanges:
    """What ``retro review`` did to a workbook."""

    path: Path
    previous: Path  # the workbook as it was before
    sheet: str  # the name of the review sheet
    changes: SheetChanges
    created: tuple[str, ...]  # sheets retro added
    judged: int  # rows with a verdict, note or stage of people, left as they were
    own: int  # the facilitator's own patterns
    warnings: tuple[Problem, ...]  # what retro could not match (rows of flags that are gone)
    lang: str  # the language retro wrote in

    def __repr__(self) -> str:
        c = self.changes
        return f"<ReviewChanges: {len(c.added)} added, {len(c.gone)} gone, {self.judged} judged>"


@dataclass
class _Written:
    """What the writing step did (filled in while the temporary file is written)."""

    changes: SheetChanges = field(default_factory=SheetChanges)
    created: tuple[str, ...] = ()


def lock_files(path: Path) -> list[Path]:
    """The lock files of Excel (``~$name``, or ``~$`` over the first two letters) and LibreOffice
    (``.~lock.name#``) that say the workbook is open."""
    names = ("~$" + path.name, "~$" + path.name[2:], f".~lock.{path.name}#")
    return [path.with_name(name) for name in dict.fromkeys(names) if path.with_name(name).exists()]


def unkept_parts(path: Path) -> list[str]:
    """The parts of the workbook that openpyxl would drop on saving it."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    return sorted({name for name in names if name.startswith(_UNKEPT_PARTS)})


def previous_version(path: Path) -> Path:
    """Where the workbook as it was before ``retro review`` is kept: ``CASE.xlsx.bak``."""
    return path.with_name(path.name + ".bak")


def workbook_language(case: Case) -> str:
    """The workbook's ``taal``, else the language of its sheet names, else Dutch."""
    wanted = (case.meta.language or "").strip().casefold()
    if wanted in LANGUAGES:
        return wanted
    timeline = case.sheet_names.get("timeline", "")
    return (
        "en" if normalise(timeline) == normalise(SHEETS_BY_KEY["timeline"].en) else DEFAULT_LANGUAGE
    )


def _refusals(path: Path, case: Case) -> None:
    renamed = [
        p
        for p in case.warnings
        if p.code == "sheet_renamed" and p.params.get("sheet_key") in ("review", "actions")
    ]
    if renamed:
        problem = renamed[0]
        raise UsageError(
            "review_sheet_renamed", sheet=problem.sheet, name=problem.params.get("name")
        )
    parts = unkept_parts(path)
    if parts:
        raise UsageError("review_unkept_parts", path=str(path), parts=", ".join(parts[:5]))


def _added_sheets(book: Workbook, case: Case, msg: Messages) -> tuple[str, ...]:
    """The ``Beoordeling`` and ``Acties`` sheets, added at the end when the workbook lacks them."""
    added = []
    for key in ("review", "actions"):
        if key not in case.sheet_names:
            sheet = SHEETS_BY_KEY[key]
            ws = book.create_sheet(sheet.name(msg.lang))
            format_sheet(ws, sheet, msg, inline_lists(msg.lang), actor_range=None)
            added.append(ws.title)
    return tuple(added)


def _read_back(path: Path, analysis: Analysis, settings: Settings, *, judged: bool) -> None:
    """Refuse a written workbook that is not the same valid case with a row for every flag; with
    verdicts written for people (``judged``), also one whose rows do not match the analysis (an
    own pattern of an unknown kind or event): :class:`~retro.errors.InvalidCaseError`."""
    result = validate_workbook(path, settings)
    written = result.case
    if written is None and judged:
        raise InvalidCaseError(result.problems, result.rows_read)
    ids = {normalise(r.id) for r in written.review if r.id} if written else set()
    if (
        written is None
        or len(written.events) != len(analysis.case.events)
        or not {normalise(f.id) for f in analysis.flags} <= ids
    ):
        raise RuntimeError("the workbook retro wrote does not read back as the same case")
    if judged:
        checked_review(analyse(written, settings))


def review_workbook(
    path: str | Path,
    config: Settings | None = None,
    *,
    lang: str | None = None,
    today: date | None = None,
    judgements: Mapping[str, Judgement] | None = None,
    own: Sequence[NewPattern] = (),
) -> ReviewChanges:
    """Write or update the ``Beoordeling`` sheet of a case workbook (see the module).  ``lang``
    (default: the workbook's language) is the language of what retro writes in it.

    ``judgements`` (by flag id) and ``own`` are verdicts people gave outside Excel (``retro app``):
    written in their columns of the same sheet as if they had typed them
    (:mod:`retro.review.judgements`), and checked against the analysis when read back.

    Raises :class:`~retro.errors.UsageError` (locked, not .xlsx, parts that would be lost, a
    renamed review sheet), :class:`~retro.errors.UnusableFileError` or
    :class:`~retro.errors.InvalidCaseError` (not a valid case, or review rows that do not match)."""
    path, settings = Path(path), config or defaults()
    if path.suffix.lower() != ".xlsx":
        raise UsageError("review_not_xlsx", path=str(path))
    locks = lock_files(path)
    if locks:
        raise UsageError("review_locked", path=str(path), lock=locks[0].name)
    case = load_case(path, settings)
    _refusals(path, case)
    analysis = analyse(case, settings)
    review = checked_review(analysis)
    msg = Messages(lang or workbook_language(case))
    name = case.sheet_names.get("review", SHEETS_BY_KEY["review"].name(msg.lang))
    written = _Written()
    judged = bool(judgements) or bool(own)

    def write(temporary: Path) -> None:
        book = openpyxl.load_workbook(path)
        written.created = _added_sheets(book, case, msg)
        written.changes = updated_sheet(
            book[name], analysis, analysis.flags, msg, today or date.today()
        )
        if judged:
            judged_sheet(book[name], judgements or {}, own, msg)
        book.save(temporary)
        _read_back(temporary, analysis, settings, judged=judged)

    previous = previous_version(path)
    replace_atomically(path, write, previous=previous)
    return ReviewChanges(
        path,
        previous,
        name,
        written.changes,
        written.created,
        sum(1 for j in review.flags if j.verdict != "open" or j.note or j.stage)
        + sum(1 for g in review.gone if g.written_by_people),
        len(review.own),
        review.problems,
        msg.lang,
    )
