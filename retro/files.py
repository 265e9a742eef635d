"""Writing output files so that a failure never leaves half a file, and never writes over what is
not retro's.  Whoever opens a file sees the old version or the new one, never a mix, also when
retro is stopped halfway.

* :func:`replacing` gives a temporary path beside each target (same folder, so the rename is
  atomic); when the writing succeeds, the temporaries replace the targets together (with Ctrl-C
  held back for the moment of the renames, and the first put back if a later rename fails); when it
  fails in any way, Ctrl-C included, the temporaries are removed and the old files stay as they
  were.  A full disk, a read-only disk or a folder without permission is an
  :class:`~retro.errors.OutputError` (exit 2) with a sentence.
* :func:`replace_atomically` writes one file through a function, keeping a copy of the old
  version on request (the review sheet's ``CASE.xlsx.bak``).
* :func:`check_target` refuses to write over an input of the command, or over a file that is not an
  earlier output of retro, unless the user says ``--force``.  retro's HTML says so in its head
  (:data:`GENERATOR_META`), its workbooks in their document properties (creator ``retro``)."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import signal
import tempfile
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .errors import OutputError, UsageError

GENERATOR = "retro"
GENERATOR_META = re.compile(rb'<meta name="generator" content="retro"\s*/?>')
_CREATOR = re.compile(rb"<dc:creator\b[^>]*>retro</dc:creator>")
_HEAD_BYTES = 4096
_HELD = (signal.SIGINT, signal.SIGTERM)
_REASONS = {
    errno.ENOSPC: "write_no_space",
    errno.EDQUOT: "write_no_space",
    errno.EFBIG: "write_no_space",
    errno.EROFS: "write_read_only",
    errno.EACCES: "write_no_permission",
    errno.EPERM: "write_no_permission",
    errno.ENOENT: "write_no_folder",
}


def output_error(path: Path, error: OSError) -> OutputError:
    """An OS error while writing ``path``, as the sentence a user can act on."""
    code = _REASONS.get(error.errno or 0, "write_failed")
    return OutputError(code, path=str(path), reason=error.strerror or type(error).__name__)


def _mode_for(target: Path) -> int:
    """The permissions the new file gets: those of the file it replaces, else the usual ones."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary(target: Path) -> Path:
    handle, name = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".retro-tmp", dir=target.parent
    )
    os.close(handle)
    return Path(name)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _settle(temporary: Path, target: Path) -> None:
    """Make the temporary file durable with the target's permissions."""
    os.chmod(temporary, _mode_for(target))
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())


def _backup(target: Path) -> Path | None:
    """A second name for the file at ``target`` (a hard link), to put it back if need be."""
    if not target.exists():
        return None
    backup = _temporary(target)
    backup.unlink()
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links: no way back for this one
        return None
    return backup


def _swap(pairs: list[tuple[Path, Path]]) -> None:
    """Rename every temporary over its target; if one fails, put back the ones already done."""
    done: list[tuple[Path, Path | None, bool]] = []
    backups: list[Path] = []
    try:
        for temporary, target in pairs:
            existed, backup = target.exists(), _backup(target)
            if backup is not None:
                backups.append(backup)
            os.replace(temporary, target)
            done.append((target, backup, existed))
    except BaseException:
        for target, backup, existed in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            elif not existed:
                _remove([target])
        raise
    finally:
        _remove(backups)


@contextlib.contextmanager
def held_interruptions() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, then act: for the moments that must not be
    cut in two (renaming a pair of files, starting worker processes).  In the main thread only;
    elsewhere Python cannot change signal handlers, and the block runs as it is."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {sig: signal.signal(sig, lambda n, _: caught.append(n)) for sig in _HELD}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    for number in dict.fromkeys(caught):
        signal.raise_signal(number)


@contextlib.contextmanager
def replacing(*targets: Path) -> Iterator[tuple[Path, ...]]:
    """Temporary paths to write instead of ``targets``; see the module."""
    temporaries: list[Path] = []
    try:
        for target in targets:
            temporaries.append(_temporary(target))
        yield tuple(temporaries)
        for temporary, target in zip(temporaries, targets):
            _settle(temporary, target)
        with held_interruptions():
            _swap(list(zip(temporaries, targets)))
    except OSError as exc:
        where = dict(zip(map(str, temporaries), targets))
        raise output_error(where.get(str(exc.filename), targets[0]), exc) from None
    finally:
        _remove(temporaries)


def replace_atomically(
    path: str | Path, write: Callable[[Path], object], *, previous: str | Path | None = None
) -> Path:
    """Write ``path`` through ``write(temporary_path)``, then rename the result over ``path`` (see
    :func:`replacing`).

    ``write`` may raise (after writing, to refuse what it wrote): then ``path`` is untouched and the
    temporary file removed.  With ``previous``, the file as it was is first copied there (the same
    way, so that file is whole too).  The new file keeps the permissions of the old one."""
    target = Path(path)
    with replacing(target) as (temporary,):
        write(temporary)
        if previous is not None and target.exists():
            replace_atomically(previous, lambda copy: shutil.copy2(target, copy))
    return target


def write_text(target: Path, text: str) -> Path:
    """``text`` as UTF-8 in ``target``, written atomically (see :func:`replacing`)."""
    with replacing(target) as (temporary,):
        temporary.write_text(text, encoding="utf-8")
    return target


def is_retro_output(path: Path) -> bool:
    """Whether an existing file is an earlier output of retro: an HTML page with retro's generator
    mark near its top, or a workbook whose creator is retro."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
        if head.startswith(b"PK"):
            with zipfile.ZipFile(path) as archive, archive.open("docProps/core.xml") as core:
                return bool(_CREATOR.search(core.read(_HEAD_BYTES * 4)))
        return bool(GENERATOR_META.search(head))
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def _is_file(found: os.stat_result, path: Path | str) -> bool:
    """Whether ``path`` is the file whose status is ``found`` (another name of it, a hard link)."""
    try:
        return os.path.samestat(found, os.stat(path))
    except OSError:
        return False


def check_target(target: Path, inputs: Iterable[Path | str | None], *, force: bool) -> None:
    """Refuse to write ``target`` over one of the command's ``inputs`` (always), or over a file that
    is not an earlier output of retro (unless ``force``).  Raises :class:`UsageError`.

    The target is looked up once, not once per input: a regional export has a thousand inputs."""
    resolved = target.resolve()
    try:
        found = target.stat()
    except OSError:  # not there (yet): only its path can be an input's
        found = None
    for given in inputs:
        if given is None:
            continue
        if Path(given).resolve() == resolved or (found is not None and _is_file(found, given)):
            raise UsageError("output_is_input", path=str(target))
    if target.is_dir():
        raise UsageError("output_is_folder", path=str(target))
    if not target.parent.is_dir():
        raise UsageError("folder_not_found", path=str(target.parent))
    if target.exists() and not force and not is_retro_output(target):
        raise UsageError("output_not_retro", path=str(target))
