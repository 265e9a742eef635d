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
from .anonymise import AnonymousCase, CaseCode, DraftLesson, case_code, draft_case, finish_lessons
from .config import load_config
from .errors import InvalidCaseError, UnusableFileError, UsageError
from .messages import Messages
from .scrub import Scrubber
from .validate import load_case

Progress = Callable[[str, int, int], None]  # (stage: "cases" | "scrub", done, total)
CHUNK = 8  # workbooks per task sent to a worker
IN_FLIGHT = 3  # tasks waiting per worker
XLSX_NAME, HTML_NAME = "regio.xlsx", "regio.html"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A workbook that is not in the overview: its code and why (``unreadable``, ``invalid``, ``duplicate``, ``failed``)."""

    code: CaseCode
    reason: str
    detail: str = ""  # the error code of an unreadable file, the number of errors of an invalid one, the other file's name
    params: tuple[tuple[str, object], ...] = ()  # for the terminal's sentence; may hold the path, never exported


@dataclass(frozen=True, slots=True)
class _Outcome:
    index: int
    code: CaseCode
    record: AnonymousCase | None = None
    drafts: tuple[DraftLesson, ...] = ()
    skipped: Skipped | None = None


@dataclass(frozen=True)
class RegionSummary:
    """What an export did.  ``skipped`` pairs each skipped file (for the terminal only) with its reason."""

    xlsx: Path
    html: Path
    cases: int
    lessons: int
    skipped: tuple[tuple[Path, Skipped], ...]
    generated_at: datetime

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
    try:
        content = path.read_bytes()
    except OSError:
        code = case_code(os.fsencode(path), key)
        return _Outcome(index, code, skipped=Skipped(code, "unreadable", "file_not_found", (("path", str(path)),)))
    code = case_code(content, key)
    try:
        analysis = analyse(load_case(path, settings), settings)
        # the words of the file name and its folder may name the family: they are removed from lessons
        record, drafts = draft_case(analysis, code, settings["region"], f"{path.parent.name} {path.stem}")
        return _Outcome(index, code, record, drafts)
    except UnusableFileError as exc:
        return _Outcome(index, code, skipped=Skipped(code, "unreadable", exc.code, tuple(exc.params.items())))
    except InvalidCaseError as exc:
        return _Outcome(index, code, skipped=Skipped(code, "invalid", str(exc.params["count"])))
    except Exception as exc:  # a bug in retro on one case must not stop the region  # noqa: BLE001
        return _Outcome(index, code, skipped=Skipped(code, "failed", type(exc).__name__))


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


def _collect(paths: Sequence[Path], settings: Mapping[str, Any], progress: Progress):
    kept: dict[CaseCode, _Outcome] = {}
    skipped: list[tuple[Path, Skipped]] = []
    for done, outcome in enumerate(_outcomes(paths, settings), start=1):
        if outcome.skipped is not None:
            skipped.append((paths[outcome.index], outcome.skipped))
        elif outcome.code in kept:  # the same bytes twice: one case, the first file in path order counts
            first, second = sorted((kept[outcome.code], outcome), key=lambda o: o.index)
            kept[outcome.code] = first
            skipped.append((paths[second.index], Skipped(outcome.code, "duplicate", paths[first.index].name)))
        else:
            kept[outcome.code] = outcome
        progress("cases", done, len(paths))
    records = {code: o.record for code, o in kept.items() if o.record is not None}
    drafts = {code: o.drafts for code, o in kept.items()}
    return records, drafts, sorted(skipped, key=lambda item: (item[1].code, str(item[0])))


def _with_lessons(records: dict[CaseCode, AnonymousCase], drafts: dict[CaseCode, tuple[DraftLesson, ...]],
                  settings: Mapping[str, Any], progress: Progress) -> list[AnonymousCase]:
    """Records with their lessons scrubbed; deduce is loaded only when there is a lesson."""
    total = sum(map(len, drafts.values()))
    scrubber = Scrubber(settings["region"]["keep_words"])
    finished, done = [], 0
    if total:
        progress("scrub", 0, total)
    for code in sorted(records):
        record = records[code]
        if drafts[code]:
            record = AnonymousCase(record.code, record.start_year, record.measures, record.patterns,
                                   finish_lessons(drafts[code], scrubber))
            done += len(drafts[code])
            progress("scrub", done, total)
        finished.append(record)
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

    settings = config if config is not None else load_config()
    if min_count is not None:
        if min_count < 1:
            raise UsageError("region_min_count", value=min_count)
        settings = {**settings, "region": {**settings["region"], "min_count": min_count}}
    msg = Messages(lang)
    workbooks = find_workbooks(paths, outdir=outdir)
    folder = _output_folder(outdir)
    progress = progress or (lambda stage, done, total: None)
    records, drafts, skipped = _collect(workbooks, settings, progress)
    cases = _with_lessons(records, drafts, settings, progress)
    when = (generated_at or datetime.now()).replace(microsecond=0)
    reasons = [(s.code, s.reason) for _, s in skipped]
    overview = region_overview(cases, reasons, settings["region"]["min_count"], when, msg)
    write_region_xlsx(overview, folder / XLSX_NAME, msg)
    write_region_html(overview, folder / HTML_NAME, msg)
    return RegionSummary(folder / XLSX_NAME, folder / HTML_NAME, len(cases), sum(len(c.lessons) for c in cases),
                         tuple(skipped), when)
