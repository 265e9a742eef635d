"""Whether deduce's lookup tables are ready, as ``retro region`` tells a facilitator before the
first export after an install (a minute of building, once) or any later one (seconds of loading).

deduce builds its tables again when one of its source lists is newer than them, as after a
re-install of the same version (pipx ``--force``): that was seen by hand, and counted as "ready"
before.  Checked on a package laid out as deduce's, first on the path."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from retro.region.scrub import deduce_tables_built


@pytest.fixture
def lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "deduce"
    (package / "data" / "lookup" / "src" / "names").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "data" / "lookup" / "src" / "names" / "items.txt").write_text("Jan\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "deduce", raising=False)
    return package / "data" / "lookup"


def _tables(lookup: Path, when: float) -> None:
    (lookup / "cache").mkdir(exist_ok=True)
    tables = lookup / "cache" / "lookup_structs.pickle"
    tables.write_bytes(b"tables")
    os.utime(tables, (when, when))


def _sources(lookup: Path, when: float) -> None:
    for path in (lookup / "src").glob("**/*"):
        os.utime(path, (when, when))


def test_no_tables_are_not_built(lookup: Path) -> None:
    assert not deduce_tables_built()


def test_tables_newer_than_every_source_list_are_built(lookup: Path) -> None:
    _sources(lookup, 1_000_000)
    os.utime(lookup / "src", (1_000_000, 1_000_000))
    os.utime(lookup / "src" / "names", (1_000_000, 1_000_000))
    _tables(lookup, 2_000_000)
    assert deduce_tables_built()


def test_a_source_list_newer_than_the_tables_means_building_again(lookup: Path) -> None:
    _tables(lookup, 2_000_000)
    _sources(lookup, 3_000_000)  # re-installed after the tables were built
    assert not deduce_tables_built()
