"""Domain errors and validation problems.

The library raises these; only :mod:`retro.cli` turns them into words (from the message catalogue,
keyed by ``code``) and exit codes.  A problem carries no prose: a stable code, a location and the
facts the message needs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]

# Exit codes of the command line: a valid case, an invalid one, an unusable file or arguments, a bug
# in retro.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_UNUSABLE = 2
EXIT_BUG = 3


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or probably wrong) in a workbook.

    ``code`` keys the sentence in the ``validate`` message catalogue; ``params`` fills it. ``sheet``
    and ``column`` are the names as the user wrote them; ``row`` is the Excel row number (1-based,
    the header is row 1 on most sheets)."""

    code: str
    severity: Severity = "error"
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    params: Mapping[str, object] = field(default_factory=dict)

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class RetroError(Exception):
    """Base of every error a user can cause.  ``code`` keys the message catalogue (``errors``
    section)."""

    exit_code = EXIT_UNUSABLE

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class UnusableFileError(RetroError):
    """The file cannot be read as a case workbook at all (not a workbook, encrypted, too large,
    missing)."""

    exit_code = EXIT_UNUSABLE


class OutputError(RetroError):
    """An output could not be written (a full or read-only disk, no permission); the old file, if
    any, is left as it was."""

    exit_code = EXIT_UNUSABLE


class UsageError(RetroError):
    """Wrong arguments or options (an unknown language, a config file that does not parse)."""

    exit_code = EXIT_UNUSABLE


class InvalidCaseError(RetroError):
    """The workbook was read, but has errors.  ``problems`` holds all of them, warnings included."""

    exit_code = EXIT_INVALID

    def __init__(
        self, problems: tuple[Problem, ...], rows_read: Mapping[str, int] | None = None
    ) -> None:
        super().__init__("invalid_case", count=sum(p.is_error for p in problems))
        self.problems = problems
        self.rows_read = dict(rows_read or {})
