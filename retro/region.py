"""``export_region``: many case workbooks in, an anonymised regional overview out.

Each workbook is read, validated, analysed and turned into an anonymous record in a
worker process (both cores); a worker returns only that small record and the lessons after
the first layer of scrubbing, so memory does not grow with the number of cases.  A broken,
invalid or duplicate workbook is skipped with a reason and never stops the run.  deduce is
loaded once, in this process, and only when there are lessons to scrub.  Then
:mod:`retro.region_tables` computes the overview (small counts hidden as in
:mod:`retro.region_counts`; the row of one case as in :mod:`retro.region_cases`; lessons as in
:mod:`retro.region_lessons`) and :mod:`retro.region_xlsx` and :mod:`retro.region_html` (with
:mod:`retro.region_figures`) write ``regio.xlsx`` and ``regio.html``.

File names never reach the records or the files; the summary returned here keeps them for
the person running the export (the terminal shows them).
"""

from __future__ import annotations

import errno
import multiprocessing
import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .analysis import analyse
from .anonymise import AnonymousCase, CaseCode, DraftLesson, case_code, draft_case, file_code, with_lessons
from .config import defaults, load_config
from .errors import InvalidCaseError, RetroError, UnusableFileError, UsageError
from .messages import Messages
from .read import check_file  # read's own refusal of a missing, folder or oversized file
from .scrub import Scrubber
from .validate import load_case

Progress = Callable[[str, int, int], None]  # (stage: "cases" | "scrub", done, total)
CHUNK = 8  # workbooks per task sent to a worker
IN_FLIGHT = 3  # tasks waiting per worker
XLSX_NAME, HTML_NAME = "regio.xlsx", "regio.html"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A workbook that is not in the overview: its code and why (``unreadable``, ``invalid``, ``duplicate``, ``failed``).

    For an unreadable or invalid workbook, ``error`` and ``params`` are the code and params of the domain error
    (:meth:`error_of` rebuilds it for :func:`retro.messages.describe_error`); for a duplicate, ``params`` holds
    the other file's name (``other``), for a failure the kind of the bug (``kind``).  They may hold the path:
    they are for the terminal, never exported."""

    code: CaseCode
    reason: str
    error: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def error_of(self) -> RetroError | None:
        return RetroError(self.error, **dict(self.params)) if self.error is not None else None


@dataclass(frozen=True, slots=True)
class _Outcome:
    index: int
    code: CaseCode
    record: AnonymousCase | None = None
    drafts: tuple[DraftLesson, ...] = ()
    skipped: Skipped | None = None


def _skipped(index: int, code: CaseCode, reason: str, error: RetroError | None = None, **params: object) -> _Outcome:
    if error is not None:
        params = dict(error.params)
    return _Outcome(index, code, skipped=Skipped(code, reason, error.code if error else None, tuple(params.items())))


@dataclass(frozen=True)
class RegionSummary:
    """What an export did.  ``skipped`` pairs each skipped file (for the terminal only) with its reason."""

    xlsx: Path
    html: Path
    cases: int
    lessons: int
    skipped: tuple[tuple[Path, Skipped], ...]
    default_key: bool  # the case codes were made with retro's public default key

    def __repr__(self) -> str:
        return f"<RegionSummary: {self.cases} cases, {len(self.skipped)} skipped, {self.lessons} lessons>"


def find_workbooks(paths: Iterable[str | Path], *, outdir: str | Path | None = None) -> list[Path]:
    """Every ``.xlsx`` in the given folders (recursively, without Excel's ``~$`` lock files and without
    anything in ``outdir``, where earlier exports may be) and the given files."""
    paths = list(paths)
    skip = Path(outdir).resolve() if outdir is not None else None
    found: list[Path] = []
    for given in map(Path, paths):
        if given.is_dir():
            found += sorted(p for p in given.rglob("*") if p.suffix.lower() == ".xlsx" and p.is_file()
                            and not p.name.startswith("~$"))
        elif given.exists():
            found.append(given)
        else:
            raise UsageError("region_path_not_found", path=str(given))
    unique = [p for p in dict.fromkeys(p.resolve() for p in found) if skip is None or not p.is_relative_to(skip)]
    if not unique:
        raise UsageError("region_no_workbooks", paths=", ".join(map(str, paths)))
    return unique


_SETTINGS: Mapping[str, Any] = {}


def _init_worker(settings: Mapping[str, Any]) -> None:
    global _SETTINGS
    _SETTINGS = settings


def _outcome(index: int, path: Path, settings: Mapping[str, Any]) -> _Outcome:
    key = settings["region"]["code_key"]
    try:  # refused before a byte is hashed: a file that is not there, a folder, a file too large to be a case
        check_file(path, settings["import"])
        code = file_code(path, key)
    except UnusableFileError as exc:
        return _skipped(index, case_code(os.fsencode(path), key), "unreadable", exc)
    except OSError as exc:
        error = UnusableFileError("region_file_unreadable", path=str(path), reason=exc.strerror or type(exc).__name__)
        return _skipped(index, case_code(os.fsencode(path), key), "unreadable", error)
    try:
        analysis = analyse(load_case(path, settings), settings)
        # the words of the file name and its folder may name the family: they are removed from lessons
        record, drafts = draft_case(analysis, code, settings["region"]["keep_words"], f"{path.parent.name} {path.stem}")
        return _Outcome(index, code, record, drafts)
    except UnusableFileError as exc:
        return _skipped(index, code, "unreadable", exc)
    except InvalidCaseError as exc:
        return _skipped(index, code, "invalid", exc)
    except Exception as exc:  # a bug in retro on one case must not stop the region  # noqa: BLE001
        return _skipped(index, code, "failed", kind=type(exc).__name__)


def _chunk_outcomes(chunk: Sequence[tuple[int, str]]) -> list[_Outcome]:
    return [_outcome(index, Path(path), _SETTINGS) for index, path in chunk]


def _chunks(paths: Sequence[Path], workers: int) -> Iterator[list[tuple[int, str]]]:
    """Workbooks in chunks of up to CHUNK, smaller when there are few, so every worker gets some."""
    size = max(1, min(CHUNK, len(paths) // (workers * IN_FLIGHT)))
    for start in range(0, len(paths), size):
        yield [(i, str(paths[i])) for i in range(start, min(start + size, len(paths)))]


def _context() -> multiprocessing.context.BaseContext:
    """Fresh workers from a fork server (no threads or deduce inherited), which imports this module once.
    A script read from standard input cannot be imported again by a fresh worker: then fork."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(main, "__spec__", None) is None and path is not None and not os.path.exists(path):
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _outcomes(paths: Sequence[Path], settings: Mapping[str, Any]) -> Iterator[_Outcome]:
    """Outcomes in the order they finish, with at most a few chunks queued per worker."""
    workers = max(1, min(settings["region"]["workers"] or os.cpu_count() or 1, len(paths)))
    chunks = _chunks(paths, workers)
    if workers == 1:
        for chunk in chunks:
            yield from (_outcome(i, Path(p), settings) for i, p in chunk)
        return
    with ProcessPoolExecutor(workers, mp_context=_context(), initializer=_init_worker, initargs=(settings,)) as pool:
        pending: set[Future[list[_Outcome]]] = {pool.submit(_chunk_outcomes, c) for c in islice(chunks, workers * IN_FLIGHT)}
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                pending |= {pool.submit(_chunk_outcomes, c) for c in islice(chunks, 1)}


def _collect(paths: Sequence[Path], settings: Mapping[str, Any],
             progress: Progress) -> tuple[list[_Outcome], list[tuple[Path, Skipped]]]:
    """The outcomes of the cases read, in the order of their codes, and the skipped files with why."""
    kept: dict[CaseCode, _Outcome] = {}
    skipped: list[tuple[Path, Skipped]] = []
    for done, outcome in enumerate(_outcomes(paths, settings), start=1):
        if outcome.skipped is not None:
            skipped.append((paths[outcome.index], outcome.skipped))
        elif outcome.code in kept:  # the same bytes twice: one case, the first file in path order counts
            first, second = sorted((kept[outcome.code], outcome), key=lambda o: o.index)
            kept[outcome.code] = first
            skipped.append((paths[second.index], Skipped(outcome.code, "duplicate", None,
                                                         (("other", paths[first.index].name),))))
        else:
            kept[outcome.code] = outcome
        progress("cases", done, len(paths))
    outcomes = [kept[code] for code in sorted(kept)]
    return outcomes, sorted(skipped, key=lambda item: (item[1].code, str(item[0])))


def _finished(outcomes: Sequence[_Outcome], scrubber: Scrubber, progress: Progress) -> list[AnonymousCase]:
    """The records with their lessons scrubbed, in the order of their codes; deduce loads only for a lesson."""
    total = sum(len(o.drafts) for o in outcomes)
    finished, done = [], 0
    if total:
        progress("scrub", 0, total)
    for outcome in outcomes:
        finished.append(with_lessons(outcome.record, outcome.drafts, scrubber))
        if outcome.drafts:
            done += len(outcome.drafts)
            progress("scrub", done, total)
    return finished


def _output_folder(outdir: str | Path) -> Path:
    folder = Path(outdir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError("region_outdir_unusable", path=str(folder), reason=exc.strerror or type(exc).__name__) from None
    if not os.access(folder, os.W_OK):
        raise UsageError("region_outdir_unusable", path=str(folder), reason=os.strerror(errno.EACCES))
    return folder


def export_region(paths: Iterable[str | Path], outdir: str | Path, *, lang: str = "nl", min_count: int | None = None,
                  config: Mapping[str, Any] | None = None, progress: Progress | None = None,
                  generated_at: datetime | None = None) -> RegionSummary:
    """Read every workbook in ``paths`` (folders or files) and write ``regio.xlsx`` and ``regio.html`` to ``outdir``.

    ``progress(stage, done, total)`` is called as cases are read (``"cases"``) and lessons scrubbed
    (``"scrub"``); ``generated_at`` fixes the generation time (the only difference between two runs).
    """
    # the writers (plotly, openpyxl) are imported here, not by the workers, which import this module
    from .region_html import write_region_html
    from .region_tables import region_overview
    from .region_xlsx import write_region_xlsx

    settings = _region_settings(config if config is not None else load_config(), min_count)
    msg = Messages(lang)
    workbooks = find_workbooks(paths, outdir=outdir)
    folder = _output_folder(outdir)
    progress = progress or (lambda stage, done, total: None)
    outcomes, skipped = _collect(workbooks, settings, progress)
    cases = _finished(outcomes, Scrubber(settings["region"]["keep_words"]), progress)
    when = (generated_at or datetime.now()).replace(microsecond=0)
    reasons = [(s.code, s.reason) for _, s in skipped]
    default_key = settings["region"]["code_key"] == defaults()["region"]["code_key"]
    overview = region_overview(cases, reasons, settings["region"]["min_count"], when, msg, default_key=default_key)
    write_region_xlsx(overview, folder / XLSX_NAME, msg)
    write_region_html(overview, folder / HTML_NAME, msg)
    return RegionSummary(folder / XLSX_NAME, folder / HTML_NAME, len(cases), sum(len(c.lessons) for c in cases),
                         tuple(skipped), default_key)


def _region_settings(settings: Mapping[str, Any], min_count: int | None) -> Mapping[str, Any]:
    """The settings with the ``min_count`` keyword merged in; the merged value (keyword or configuration file)
    must be a whole number of at least 1, else small counts would show."""
    if min_count is not None:
        settings = {**settings, "region": {**settings["region"], "min_count": min_count}}
    value = settings["region"]["min_count"]
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError("region_min_count", value=value)
    return settings
