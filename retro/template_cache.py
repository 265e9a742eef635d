"""The compiled templates, kept between runs in the user's cache folder.

jinja2 compiles every template to Python on first use, which costs a run of ``retro report`` more
than rendering does.  :func:`template_cache` keeps the compiled code in the user's cache folder
(``$XDG_CACHE_HOME/retro`` or ``~/.cache/retro`` on Linux, ``%LOCALAPPDATA%\\retro\\Cache`` on
Windows, via platformdirs), so only the first run after an install or a template change compiles.

A cache is only ever a shortcut: a folder that is missing, read-only or full, and a file that is
damaged, cost the compilation and nothing else.  jinja2 checks each entry against the template's
source and its own version; :data:`OPTIONS` (the environment's settings, which shape the compiled
code too) are part of every file name, so a change there is a different cache."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import jinja2
from jinja2.bccache import Bucket

# the settings of retro's one jinja2 environment (retro.html), which the compiled code depends on
OPTIONS: dict[str, Any] = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


def cache_folder() -> Path:
    """Where compiled templates are kept: the user's cache folder for retro."""
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("retro", appauthor=False)) / "templates"


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """jinja2's file cache that never fails a run: unreadable entries are compiled again, entries
    that cannot be written are skipped."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # a damaged or unreadable entry (pickle, marshal, OS errors): compile
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:  # read-only, missing or full: this run compiled, the next one will too
            pass


def template_cache(folder: Path | None = None) -> TemplateCache:
    """The cache of compiled templates in ``folder`` (default :func:`cache_folder`)."""
    # the environment also has a ``finalize`` (retro.html), which the compiled code calls
    settings = (sorted(OPTIONS.items()), "finalize")
    fingerprint = hashlib.sha256(repr(settings).encode()).hexdigest()[:12]
    return TemplateCache(str(folder or cache_folder()), f"{fingerprint}-%s.cache")
