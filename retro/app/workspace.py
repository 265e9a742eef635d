"""What the app holds while it runs: the workbooks dropped on it and the regional exports made.

Everything lives in one private folder (``retro-app-*`` in the system's temporary folder, readable
by this user only) that :meth:`Workspace.close` removes when the app stops.  A dropped workbook is
kept there under a name the app makes, with the name it had on the user's computer only to show and
to offer its download under.  Each case is read with the public API
(:func:`retro.validate_workbook`, :func:`retro.analyse`, :func:`retro.review_of`), as ``retro
validate`` reads it."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import retro
from retro.errors import Problem, RetroError

if TYPE_CHECKING:
    from retro import Analysis, RegionSummary, Settings, Validation


@dataclass
class CaseEntry:
    """One dropped workbook: where the app keeps it, what its check found, its analysis when it is
    valid, and its reports once made (per language)."""

    id: str
    name: str  # as it was called on the user's computer (shown, and the download's name)
    path: Path
    validation: Validation | None = None
    analysis: Analysis | None = None
    problems: tuple[Problem, ...] = ()
    reports: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def valid(self) -> bool:
        return self.analysis is not None

    def check(self, settings: Settings) -> None:
        """Read and check the workbook again (after it was dropped, or written)."""
        validation = retro.validate_workbook(self.path, settings)
        problems, analysis = validation.problems, None
        if validation.case is not None:
            analysis = retro.analyse(validation.case, settings)
            problems += retro.review_of(analysis).problems
        if any(p.is_error for p in problems):
            analysis = None
        self.validation, self.analysis, self.problems = validation, analysis, problems
        self.reports.clear()

    def report(self, lang: str) -> str:
        """The report of the case (made once per language while the workbook stays the same)."""
        assert self.analysis is not None
        if lang not in self.reports:
            self.reports[lang] = retro.report_html(self.analysis, lang)
        return self.reports[lang]


@dataclass
class RegionJob:
    """One regional export, run in a thread: its progress while it runs, then its outcome."""

    id: str
    folder: Path
    names: Mapping[str, str]  # each stored workbook's file name -> its name on the user's computer
    notes: list[dict[str, str]] = field(default_factory=list)  # uploads set aside before the export
    stage: str = "cases"
    done: int = 0
    total: int = 0
    summary: RegionSummary | None = None
    error: RetroError | None = None
    failed: str | None = None  # the kind of a bug in retro

    @property
    def finished(self) -> bool:
        return self.summary is not None or self.error is not None or self.failed is not None

    def progress(self, stage: str, done: int, total: int) -> None:
        self.stage, self.done, self.total = stage, done, total


class Workspace:
    """The private folder and what is in it; safe to use from several requests at once."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="retro-app-"))
        self.cases: dict[str, CaseEntry] = {}
        self.jobs: dict[str, RegionJob] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        """A fresh id and a folder of its own."""
        ident = secrets.token_urlsafe(9)
        folder = self.folder / ident
        folder.mkdir(mode=0o700)
        return ident, folder

    def add_case(self, entry: CaseEntry) -> None:
        with self._lock:
            self.cases[entry.id] = entry

    def recent_cases(self) -> list[CaseEntry]:
        with self._lock:
            return list(reversed(self.cases.values()))

    def start_region(
        self,
        names: Mapping[str, str],
        notes: list[dict[str, str]],
        folder: Path,
        ident: str,
        run: Callable[[RegionJob], None],
    ) -> RegionJob:
        """Register a regional export and run it in a thread of its own."""
        job = RegionJob(ident, folder, dict(names), list(notes), total=len(names))
        with self._lock:
            self.jobs[ident] = job
        threading.Thread(target=run, args=(job,), name=f"region-{ident}", daemon=True).start()
        return job

    def close(self) -> None:
        """Remove the private folder and everything in it."""
        shutil.rmtree(self.folder, ignore_errors=True)


def export(
    job: RegionJob, paths: Sequence[Path], lang: str, settings: Settings, when: datetime
) -> None:
    """Run the regional export of ``job`` (in its thread); a domain error or a bug is kept for the
    page, never raised."""
    try:
        job.summary = retro.export_region(
            paths,
            job.folder / "uit",
            lang=lang,
            config=settings,
            progress=job.progress,
            generated_at=when,
        )
    except RetroError as exc:
        job.error = exc
    except Exception as exc:  # a bug in retro: the page says so, the log names only its kind
        job.failed = type(exc).__name__
