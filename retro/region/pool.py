"""The worker pool of the regional export: each workbook read, validated, analysed and made
anonymous in a worker process (both cores).

A worker returns only the small anonymous record of a case and its lessons after the first layer of
scrubbing (:class:`Outcome`), so memory does not grow with the number of cases.  A broken, invalid
or failing workbook becomes a :class:`Skipped` with its reason and never stops the run, nor does a
workbook whose worker dies on it (a crash in a library, memory running out): the pool starts again
and that workbook is skipped as ``crashed``.  Workers
start from a fork server that imports this module once (no deduce, no writers: those stay in the
main process)."""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
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
YOUNG_OBJECTS = 10_000  # new objects between two runs of a worker's cycle collector (Python: 700)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A workbook that is not in the overview: its code and why (``unreadable``, ``invalid``,
    ``duplicate``, ``failed``, ``crashed``: its worker process died on it).

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
    alone, which stops the workers itself.

    The cycle collector runs less often (:data:`YOUNG_OBJECTS`): a case's objects are freed by
    reference counting when its outcome is sent, and at Python's default (every 700 new objects)
    collecting took a few per cent of a worker's time (0.2 to 0.7 ms of about 11 ms a case,
    measured on generated cases).  What the worker has imported lives as long as it does: frozen,
    no collection walks it."""
    global _SETTINGS
    _SETTINGS = settings
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


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
        # the overview shows no warnings about the timeline's quality: they are not looked for
        analysis = analyse(load_case(path, settings, warnings=False), settings)
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


class _Workers:
    """The process pool, started again when one of its workers dies (a crash takes the whole pool
    down with it)."""

    def __init__(self, size: int, settings: Settings) -> None:
        self.size, self.settings = size, settings
        self.pool: ProcessPoolExecutor | None = None

    def start(self) -> None:
        """A fresh pool; its workers start with the first task (:meth:`submit`)."""
        self.pool = ProcessPoolExecutor(
            self.size,
            mp_context=_started(_context()),
            initializer=_init_worker,
            initargs=(self.settings,),
        )

    def submit(self, chunk: list[tuple[int, str]]) -> Future[list[Outcome]]:
        """A chunk of (index, path) read by a worker."""
        assert self.pool is not None  # started before anything is submitted
        return self.pool.submit(_chunk_outcomes, chunk)

    def restart(self) -> None:
        """The broken pool's leftovers ended, a fresh one in its place, tried with an empty task: a
        pool whose workers die without any workbook (they cannot start) is no workbook's fault,
        and its :class:`BrokenProcessPool` stops the run."""
        self.close()
        with held_interruptions():  # a worker half started would fail with a traceback
            self.start()
            probe = self.submit([])
        probe.result()

    def close(self) -> None:
        """No queued work is started; the workers end before this process."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _crashed(index: int, path: str, settings: Settings) -> Outcome:
    """The outcome of a workbook whose own task killed its worker (a crash in a library, memory
    running out): skipped with the reason ``crashed``."""
    key = settings.region.code_key
    try:
        code = file_code(Path(path), key)
    except OSError:
        code = case_code(os.fsencode(path), key)
    return _skipped(index, code, "crashed")


def _one_by_one(
    workers: _Workers, suspects: Sequence[tuple[int, str]], settings: Settings
) -> Iterator[Outcome]:
    """The workbooks that were in flight when a worker died, each alone in the pool: the one whose
    own task kills its worker again is :func:`_crashed`, the others are read as usual."""
    for item in suspects:
        try:
            outcomes = workers.submit([item]).result()
        except BrokenProcessPool:
            workers.restart()
            outcomes = [_crashed(*item, settings)]
        yield from outcomes


def _settled(
    pending: dict[Future[list[Outcome]], list[tuple[int, str]]],
) -> tuple[list[Outcome], list[tuple[int, str]]]:
    """After a worker died: the outcomes of the tasks that finished before, and the workbooks of
    those the broken pool dropped (every task still in flight ends, with an error, once it
    breaks)."""
    wait(pending)
    outcomes: list[Outcome] = []
    suspects: list[tuple[int, str]] = []
    for future, chunk in pending.items():
        if future.exception() is None:
            outcomes += future.result()
        else:
            suspects += chunk
    return outcomes, sorted(suspects)


def _in_pool(
    workers: _Workers,
    chunks: Iterator[list[tuple[int, str]]],
    settings: Settings,
    started: Callable[[], None],
) -> Iterator[Outcome]:
    """Outcomes in the order they finish, at most a few chunks queued per worker; ``started`` is
    called once the first chunks are sent.  When a worker dies, the pool starts again and the
    chunks in flight are read again one workbook at a time (:func:`_one_by_one`)."""
    pending: dict[Future[list[Outcome]], list[tuple[int, str]]] = {}
    first: Callable[[], None] | None = started
    while True:
        with held_interruptions():  # a worker half started would fail with a traceback
            for chunk in islice(chunks, workers.size * IN_FLIGHT - len(pending)):
                pending[workers.submit(chunk)] = chunk
        if first is not None:
            first()
            first = None
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        if any(isinstance(future.exception(), BrokenProcessPool) for future in done):
            finished, suspects = _settled(pending)
            pending.clear()
            yield from finished
            workers.restart()
            yield from _one_by_one(workers, suspects, settings)
            continue
        for future in done:
            del pending[future]
            yield from future.result()


def case_outcomes(
    paths: Sequence[Path], settings: Settings, started: Callable[[], None] = lambda: None
) -> Iterator[Outcome]:
    """Every workbook's outcome, in the order they finish: in worker processes (one crashing
    worker skips its workbook as ``crashed``), or in this process when there is one worker.
    ``started`` is called once the workers have their first workbooks (with one worker, before
    it): this process is free then while they start."""
    workers = max(1, min(settings.region.workers or os.cpu_count() or 1, len(paths)))
    chunks = _chunks(paths, workers)
    if workers == 1:
        started()
        for chunk in chunks:
            yield from (_outcome(i, Path(p), settings) for i, p in chunk)
        return
    pool = _Workers(workers, settings)
    try:
        with held_interruptions():  # a worker half started would fail with a traceback
            pool.start()
        yield from _in_pool(pool, chunks, settings, started)
    finally:  # also on Ctrl-C: no queued work is started, the workers end before this process
        pool.close()
