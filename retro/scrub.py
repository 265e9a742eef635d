"""Scrubbing free text (lessons learned) before it leaves a case.

``python -m retro.scrub --prepare`` builds deduce's lookup tables once (about two
minutes on a new install); later runs load them from disk in seconds.  The set-up
script calls it, so that no user waits for it during an export.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


def deduce_tables_built() -> bool:
    """Whether deduce's lookup tables are on disk already (checked without importing deduce)."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or spec.origin is None:
        return False
    return (Path(spec.origin).parent / "data" / "lookup" / "cache" / "lookup_structs.pickle").exists()


def prepare() -> None:
    """Build deduce's lookup tables if they are not on disk yet."""
    if not deduce_tables_built():
        import deduce

        deduce.Deduce()


if __name__ == "__main__":
    if sys.argv[1:] == ["--prepare"]:
        prepare()
