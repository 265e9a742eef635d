"""The worker pool of the regional export: each workbook read, validated, analysed and made
anonymous in a worker process (both cores).

A worker returns only the small anonymous record of a case and its lessons after the first layer of
scrubbing (:class:`Outcome`), so memory does not grow with the number of cases.  A broken, invalid
or failing workbook becomes a :class:`Skipped` with its reason and never stops the run.  Workers
start from a fork server that imports this module once (no deduce, no writers: those stay in the
main process)."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..analysis import analyse
from ..config import Settings, defaults
from ..errors import InvalidCaseError, RetroError, UnusableFileError
from ..workbook import load_case
from ..workbook.read import check_file  # read's own refusal of a missing, folder or oversized file
from .anonymise import AnonymousCase, CaseCode, DraftLesson, case_code, draft_case, file_code

CHUNK = 8  # workbooks per task sent to a worker
IN_FLIGHT = 3  # tasks waiting per worker


@dataclass(frozen=True, slots=True)
class Skipped:
    """A workbook that is not in the overview: its code and why (``unreadable``, ``invalid``,
    ``duplicate``, ``failed``).

    For an unreadable or invalid workbook, ``error`` and ``params`` are the code and params of the
    domain error (:meth:`error_of` rebuilds it for :func:`retro.messages.describe_error`); for a
    duplicate, ``params`` holds the other file's name (``other``), for a failure the kind of the bug
    (``kind``).  They may hold the path: they are for the terminal, never exported."""

    code: CaseCode
    reason: str
    error: str | None = None
    params: tuple[tuple[str, object], ...] = ()

    def error_of(self) -> RetroError | None:
        return RetroError(self.error, **dict(self.params)) if self.error is not None else None


@dataclass(frozen=True, slots=True)
class Outcome:
    index: int
    code: CaseCode
    record: AnonymousCase | None = None
    drafts: tuple[DraftLesson, ...] = ()
    skipped: Skipped | None = None


def _skipped(
    index: int, code: CaseCode, reason: str, error: RetroError | None = None, **params: object
) -> Outcome:
    if error is not None:
        params = dict(error.params)
    return Outcome(
        index,
        code,
        skipped=Skipped(code, reason, error.code if error else None, tuple(params.items())),
    )


_SETTINGS: Settings = defaults()


def _init_worker(settings: Settings) -> None:
    global _SETTINGS
    _SETTINGS = settings


def _outcome(index: int, path: Path, settings: Settings) -> Outcome:
    key = settings.region.code_key
    # refused before a byte is hashed: a file that is not there, a folder, a file too
    # large to be a case
    try:
        check_file(path, settings.reading)
        code = file_code(path, key)
    except UnusableFileError as exc:
        return _skipped(index, case_code(os.fsencode(path), key), "unreadable", exc)
    except OSError as exc:
        error = UnusableFileError(
            "region_file_unreadable", path=str(path), reason=exc.strerror or type(exc).__name__
        )
        return _skipped(index, case_code(os.fsencode(path), key), "unreadable", error)
    try:
        analysis = analyse(load_case(path, settings), settings)
        # the words of the file name and its folder may name the family: they are
        # removed from lessons
        record, drafts = draft_case(
            analysis, code, settings.region.keep_words, f"{path.parent.name} {path.stem}"
        )
        return Outcome(index, code, record, drafts)
    except UnusableFileError as exc:
        return _skipped(index, code, "unreadable", exc)
    except InvalidCaseError as exc:
        return _skipped(index, code, "invalid", exc)
    except Exception as exc:  # a bug in retro on one case must not stop the region
        return _skipped(index, code, "failed", kind=type(exc).__name__)


def _chunk_outcomes(chunk: Sequence[tuple[int, str]]) -> list[Outcome]:
    return [_outcome(index, Path(path), _SETTINGS) for index, path in chunk]


def _chunks(paths: Sequence[Path], workers: int) -> Iterator[list[tuple[int, str]]]:
    """Workbooks in chunks of up to CHUNK, smaller when there are few, so every worker gets some."""
    size = max(1, min(CHUNK, len(paths) // (workers * IN_FLIGHT)))
    for start in range(0, len(paths), size):
        yield [(i, str(paths[i])) for i in range(start, min(start + size, len(paths)))]


def _context() -> multiprocessing.context.BaseContext:
    """Fresh workers from a fork server (no threads or deduce inherited), which imports this module
    once.
    A script read from standard input cannot be imported again by a fresh worker: then fork."""
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if getattr(main, "__spec__", None) is None and path is not None and not os.path.exists(path):
        return multiprocessing.get_context("fork")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def case_outcomes(paths: Sequence[Path], settings: Settings) -> Iterator[Outcome]:
    """Outcomes in the order they finish, with at most a few chunks queued per worker."""
    workers = max(1, min(settings.region.workers or os.cpu_count() or 1, len(paths)))
    chunks = _chunks(paths, workers)
    if workers == 1:
        for chunk in chunks:
            yield from (_outcome(i, Path(p), settings) for i, p in chunk)
        return
    with ProcessPoolExecutor(
        workers, mp_context=_context(), initializer=_init_worker, initargs=(settings,)
    ) as pool:
        pending: set[Future[list[Outcome]]] = {
            pool.submit(_chunk_outcomes, c) for c in islice(chunks, workers * IN_FLIGHT)
        }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                pending |= {pool.submit(_chunk_outcomes, c) for c in islice(chunks, 1)}
