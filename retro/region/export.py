"""``export_region``: many case workbooks in, an anonymised regional overview out.

Each workbook is read, validated, analysed and turned into an anonymous record in a worker process
(:mod:`.pool`); a broken, invalid or duplicate workbook is skipped with a reason and never stops the
run.  deduce is loaded once, in a thread of this process (:mod:`.scrub_thread`), on the first lesson
while the workers read on, and only when there are lessons to scrub.  Then
:mod:`.tables` computes the overview (small counts hidden as in :mod:`.counts`; the row of one case
as in :mod:`.cases`; lessons as in :mod:`.lessons`) and :mod:`.xlsx` and :mod:`.html` (with
:mod:`.figures`) write ``regio.xlsx`` and ``regio.html``.

File names never reach the records or the files; the summary returned here keeps them for the person
running the export (the terminal shows them)."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from ..config import Settings, defaults, with_region
from ..errors import UsageError
from ..files import check_target, replacing
from ..messages import Messages
from .anonymise import AnonymousCase, CaseCode
from .pool import Outcome, Skipped, case_outcomes
from .scrub import Scrubber
from .scrub_thread import ScrubThread

Progress = Callable[[str, int, int], None]  # (stage: "cases" | "scrub", done, total)
XLSX_NAME, HTML_NAME = "regio.xlsx", "regio.html"
# what retro region reads: the workbooks retro validate reads (without Excel's "~$" lock files)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class RegionSummary:
    """What an export did.  ``skipped`` pairs each skipped file (for the terminal only) with its
    reason."""

    xlsx: Path
    html: Path
    cases: int
    lessons: int
    skipped: tuple[tuple[Path, Skipped], ...]
    default_key: bool  # the case codes were made with retro's public default key

    def __repr__(self) -> str:
        skipped = len(self.skipped)
        return f"<RegionSummary: {self.cases} cases, {skipped} skipped, {self.lessons} lessons>"


def find_workbooks(paths: Iterable[str | Path], *, outdir: str | Path | None = None) -> list[Path]:
    """Every workbook (:data:`WORKBOOK_SUFFIXES`) in the given folders (recursively, without Excel's
    ``~$`` lock files and without anything in ``outdir``, where earlier exports may be) and the
    given files."""
    paths = list(paths)
    skip = Path(outdir).resolve() if outdir is not None else None
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += sorted(
                p
                for p in given.rglob("*")
                if p.suffix.lower() in WORKBOOK_SUFFIXES
                and p.is_file()
                and not p.name.startswith("~$")
            )
        elif given.exists():
            found.append(given)
        else:
            raise UsageError("region_path_not_found", path=str(given))
    unique = [
        p
        for p in dict.fromkeys(p.resolve() for p in found)
        if skip is None or not p.is_relative_to(skip)
    ]
    if not unique:
        raise UsageError("region_no_workbooks", paths=", ".join(map(str, paths)))
    return unique


def _load_writers() -> None:
    """The overview's writers and its solver (openpyxl, the page's templates, scipy: a good part of
    a second of imports), loaded while the workers start: before them it would hold up their
    start, after them the end."""
    from . import html, tables, xlsx  # noqa: F401
    from .linked import load_solver

    load_solver()


def _collect(
    paths: Sequence[Path], settings: Settings, progress: Progress, scrubbing: ScrubThread
) -> tuple[list[Outcome], list[tuple[Path, Skipped]]]:
    """The outcomes of the cases read, in the order of their codes, and the skipped files with
    why; the lessons of each case kept start being scrubbed as it arrives, and the writers are
    loaded while the workers start (:func:`_load_writers`)."""
    kept: dict[CaseCode, Outcome] = {}
    skipped: list[tuple[Path, Skipped]] = []
    for done, outcome in enumerate(case_outcomes(paths, settings, _load_writers), start=1):
        if outcome.skipped is not None:
            skipped.append((paths[outcome.index], outcome.skipped))
        elif (
            outcome.code in kept
        ):  # the same bytes twice: one case, the first file in path order counts
            first, second = sorted((kept[outcome.code], outcome), key=lambda o: o.index)
            kept[outcome.code] = first
            skipped.append(
                (
                    paths[second.index],
                    Skipped(outcome.code, "duplicate", None, (("other", paths[first.index].name),)),
                )
            )
        else:
            kept[outcome.code] = outcome
        if outcome.code in kept:  # its lessons start being scrubbed (once per kept case)
            scrubbing.start(kept[outcome.code].index, kept[outcome.code].drafts)
        progress("cases", done, len(paths))
    outcomes = [kept[code] for code in sorted(kept)]
    return outcomes, sorted(skipped, key=lambda item: (item[1].code, str(item[0])))


def _finished(
    outcomes: Sequence[Outcome], scrubbing: ScrubThread, progress: Progress
) -> list[AnonymousCase]:
    """The records with their lessons scrubbed, in the order of their codes; deduce loads only for a
    lesson."""
    total = sum(len(o.drafts) for o in outcomes)
    finished, done = [], 0
    if total:
        progress("scrub", 0, total)
    for outcome in outcomes:
        assert outcome.record is not None  # only the cases read are kept
        lessons = scrubbing.lessons(outcome.index, outcome.drafts)
        finished.append(replace(outcome.record, lessons=lessons) if lessons else outcome.record)
        if outcome.drafts:
            done += len(outcome.drafts)
            progress("scrub", done, total)
    return finished


def _output_folder(outdir: str | Path) -> Path:
    folder = Path(outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(
            "region_outdir_unusable", path=str(folder), reason=exc.strerror or type(exc).__name__
        ) from None
    if not os.access(folder, os.W_OK):
        raise UsageError(
            "region_outdir_unusable", path=str(folder), reason=os.strerror(errno.EACCES)
        )
    return folder


def export_region(
    paths: Iterable[str | Path],
    outdir: str | Path,
    *,
    lang: str = "nl",
    min_count: int | None = None,
    config: Settings | None = None,
    progress: Progress | None = None,
    generated_at: datetime | None = None,
    force: bool = False,
) -> RegionSummary:
    """Read every workbook in ``paths`` (folders or files) and write ``regio.xlsx`` and
    ``regio.html`` to ``outdir``.

    ``progress(stage, done, total)`` is called as cases are read (``"cases"``) and lessons scrubbed
    (``"scrub"``); ``generated_at`` fixes the generation time (the only difference between two
    runs).  An existing ``regio.xlsx`` or ``regio.html`` that retro did not make is not written
    over unless ``force``.  Both files are written to temporary files first and replace the old
    pair together, or not at all (:func:`retro.files.replacing`).
    """
    settings = _region_settings(config or defaults(), min_count)
    msg = Messages(lang)
    workbooks = find_workbooks(paths, outdir=outdir)
    folder = _output_folder(outdir)
    xlsx, html = folder / XLSX_NAME, folder / HTML_NAME
    for target in (xlsx, html):
        check_target(target, workbooks, force=force)
    progress = progress or (lambda stage, done, total: None)
    with ScrubThread(Scrubber(settings.region.keep_words)) as scrubbing:
        outcomes, skipped = _collect(workbooks, settings, progress, scrubbing)
        cases = _finished(outcomes, scrubbing, progress)
    # the writers are imported here (loaded by _collect already), not by the workers, which import
    # this module
    from .html import write_region_html
    from .tables import region_overview
    from .xlsx import write_region_xlsx

    when = (generated_at or datetime.now()).replace(microsecond=0)
    reasons = [(s.code, s.reason) for _, s in skipped]
    default_key = settings.region.code_key == defaults().region.code_key
    overview = region_overview(
        cases,
        reasons,
        settings.region.min_count,
        when,
        msg,
        default_key=default_key,
        bands=settings.region,
    )
    with replacing(xlsx, html) as (new_xlsx, new_html):
        write_region_xlsx(overview, new_xlsx, msg)
        write_region_html(overview, new_html, msg)
    return RegionSummary(
        xlsx,
        html,
        len(cases),
        sum(len(c.lessons) for c in cases),
        tuple(skipped),
        default_key,
    )


def _region_settings(settings: Settings, min_count: int | None) -> Settings:
    """The settings with the ``min_count`` keyword merged in; the merged value (keyword or
    configuration file) must be a whole number of at least 1, else small counts would show."""
    if min_count is not None:
        settings = with_region(settings, min_count=min_count)
    value = settings.region.min_count
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError("region_min_count", value=value)
    return settings
