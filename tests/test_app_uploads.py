"""The app never takes a path from the browser, and a zip may not unpack past its limit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from retro.app.uploads import TooLarge, shown_name, stored_suffix, unpack_workbooks


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\an\\Documents\\casus.xlsx", "casus.xlsx"),
        ("/tmp/x/\x00casus\n.xlsx", "casus.xlsx"),
        ("..", "werkmap.xlsx"),
        ("", "werkmap.xlsx"),
        (None, "werkmap.xlsx"),
    ],
)
def test_a_file_name_is_only_a_name(given: str | None, shown: str) -> None:
    assert shown_name(given) == shown


def test_a_stored_copy_gets_a_plain_suffix() -> None:
    assert stored_suffix("a.XLS") == ".xls"
    assert stored_suffix("a.xlsx/../../b") == ".xlsx"
    assert stored_suffix("geen") == ".xlsx"


def test_a_zip_unpacks_to_numbered_files_within_its_limit(tmp_path: Path) -> None:
    archive = tmp_path / "map.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("../../buiten.xlsx", b"PK a")
        z.writestr("map/~$casus.xlsx", b"lock")
        z.writestr("__MACOSX/map/._casus.xlsx", b"mac")
        z.writestr("map/notities.txt", b"text")
        z.writestr("map/casus.xlsx", b"PK b")
    out = tmp_path / "uit"
    out.mkdir()
    found = unpack_workbooks(archive, out, limit=1000)
    assert [(p.name, name) for p, name in found] == [
        ("0001.xlsx", "../../buiten.xlsx"),
        ("0002.xlsx", "map/casus.xlsx"),
    ]
    assert sorted(p.name for p in tmp_path.rglob("*.xlsx")) == ["0001.xlsx", "0002.xlsx"]
    bomb = tmp_path / "bom.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("groot.xlsx", b"0" * 5000)
    with pytest.raises(TooLarge):
        unpack_workbooks(bomb, out, limit=1000)
