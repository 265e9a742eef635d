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
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from ..analysis import analyse
from ..config import Settings, defaults
from ..errors import InvalidCaseError, RetroError, UnusableFileError
from ..files import held_interruptions
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
    """A worker's settings; Ctrl-C (sent to every process of the terminal) is for the main process
    alone, which stops the workers itself."""
    global _SETTINGS
    _SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)


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


def _started(context: multiprocessing.context.BaseContext) -> multiprocessing.context.BaseContext:
    """The context, with its fork server started while this process ignores Ctrl-C: the server
    inherits the ignoring from its first instant (its workers from it), so a Ctrl-C in the terminal
    reaches only this process, which then stops the workers (:func:`case_outcomes`)."""
    if (
        context.get_start_method() != "forkserver"
        or threading.current_thread() is not threading.main_thread()
    ):
        return context
    from multiprocessing import forkserver

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)
    return context


def case_outcomes(paths: Sequence[Path], settings: Settings) -> Iterator[Outcome]:
    """Outcomes in the order they finish, with at most a few chunks queued per worker."""
    workers = max(1, min(settings.region.workers or os.cpu_count() or 1, len(paths)))
    chunks = _chunks(paths, workers)
    if workers == 1:
        for chunk in chunks:
            yield from (_outcome(i, Path(p), settings) for i, p in chunk)
        return
    pool: ProcessPoolExecutor | None = None
    try:
        with held_interruptions():  # a worker half started would fail with a traceback
            pool = ProcessPoolExecutor(
                workers,
                mp_context=_started(_context()),
                initializer=_init_worker,
                initargs=(settings,),
            )
            pending: set[Future[list[Outcome]]] = {
                pool.submit(_chunk_outcomes, c) for c in islice(chunks, workers * IN_FLIGHT)
            }
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
                pending |= {pool.submit(_chunk_outcomes, c) for c in islice(chunks, 1)}
    finally:  # also on Ctrl-C: no queued work is started, the workers end before this process
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
