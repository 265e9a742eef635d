"""Writing a file so that it is never half written: a temporary file in the same folder, then one
rename over the old file (``os.replace``, atomic on one file system).  Whoever opens the file sees
the old version or the new one, never a mix, also when retro is stopped halfway."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path


def _synced(path: Path) -> None:
    """Flush a written file to disk before it is renamed into place."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _temporary(path: Path) -> Path:
    """An empty file next to ``path``, with the permissions a new file gets (mkstemp's are
    private)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(name, 0o666 & ~mask)
    return Path(name)


def replace_atomically(
    path: str | Path, write: Callable[[Path], object], *, previous: str | Path | None = None
) -> Path:
    """Write ``path`` through ``write(temporary_path)``, then rename the result over ``path``.

    ``write`` may raise (after writing, to refuse what it wrote): then ``path`` is untouched and the
    temporary file removed.  With ``previous``, the file as it was is first copied there (the same
    way, so that file is whole too).  The new file keeps the permissions of the old one."""
    target = Path(path)
    temporary = _temporary(target)
    try:
        write(temporary)
        _synced(temporary)
        if target.exists():
            shutil.copymode(target, temporary)
            if previous is not None:
                replace_atomically(previous, lambda copy: shutil.copy2(target, copy))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target
