"""Lessons scrubbed in one background thread of the export's main process while the workers read
the next cases.

deduce takes seconds to load: it loads in this thread on the first lesson (never for an export
without lessons), so that the workers go on reading cases meanwhile, and it stays out of the
workers, which only ever run the first layer of scrubbing.  Each case's lessons are finished as
soon as the case arrives; :meth:`ScrubThread.lessons` waits for them in the order the export
wants."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor

from .anonymise import AnonymousLesson, DraftLesson, finish_lessons
from .scrub import Scrubber


class ScrubThread:
    """One thread that finishes lessons with deduce, started by the first lesson."""

    def __init__(self, scrubber: Scrubber) -> None:
        self._scrubber = scrubber
        self._thread: ThreadPoolExecutor | None = None
        self._pending: dict[int, Future[tuple[AnonymousLesson, ...]]] = {}

    def start(self, key: int, drafts: tuple[DraftLesson, ...]) -> None:
        """Start finishing ``drafts`` (the lessons of one case, known by ``key``)."""
        if not drafts or key in self._pending:
            return
        if self._thread is None:
            self._thread = ThreadPoolExecutor(1, thread_name_prefix="retro-scrub")
        self._pending[key] = self._thread.submit(finish_lessons, drafts, self._scrubber)

    def lessons(self, key: int, drafts: tuple[DraftLesson, ...]) -> tuple[AnonymousLesson, ...]:
        """The finished lessons of case ``key``, once done (an error in scrubbing is raised
        here)."""
        self.start(key, drafts)
        return self._pending[key].result() if drafts else ()

    def close(self) -> None:
        """Stop: lessons not started are dropped (after an error or an interruption)."""
        if self._thread is not None:
            self._thread.shutdown(wait=False, cancel_futures=True)

    def __enter__(self) -> ScrubThread:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
