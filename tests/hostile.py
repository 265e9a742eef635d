"""Hostile workbooks, built by hand: a valid workbook's members, changed, written into a zip whose
headers we write ourselves (so that they can lie: a packing method, the encryption flag, sizes).

And a way to run ``retro`` in a subprocess whose address space is capped, so that a reader that
allocates without bound fails the test instead of the machine."""

from __future__ import annotations

import os
import resource
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT
from tests.workbooks import valid_sheets, write_workbook

TIMELINE_XML = "xl/worksheets/sheet2.xml"  # the second sheet of valid_sheets(): Tijdlijn
MEMORY_LIMIT = 700 * 2**20  # retro validate needs about 400 MB of address space


@dataclass
class Member:
    name: str
    data: bytes
    method: int = zipfile.ZIP_DEFLATED
    flags: int = 0
    declared_size: int | None = None  # what the headers say the member unpacks to
    packed: bytes | None = None  # the packed bytes as written (None: packed from data)


def members_of(path: Path) -> list[Member]:
    with zipfile.ZipFile(path) as archive:
        return [Member(info.filename, archive.read(info)) for info in archive.infolist()]


def valid_members(tmp: Path) -> list[Member]:
    return members_of(write_workbook(tmp / "valid-source.xlsx", valid_sheets()))


def change(members: list[Member], name: str, edit: Callable[[Member], None]) -> list[Member]:
    for member in members:
        if member.name == name:
            edit(member)
            return members
    raise KeyError(name)


def _pack(member: Member) -> bytes:
    if member.packed is not None:
        return member.packed
    if member.method == zipfile.ZIP_STORED:
        return member.data
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(member.data) + packer.flush()


def write_zip(path: Path, members: list[Member]) -> Path:
    """A zip written header by header: local headers, the data, the central directory."""
    out, central = bytearray(), bytearray()
    for member in members:
        name, packed = member.name.encode(), _pack(member)
        size = len(member.data) if member.declared_size is None else member.declared_size
        crc = zlib.crc32(member.data)
        fields = (20, member.flags, member.method, 0, 0x21, crc, len(packed), size, len(name))
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields, 0) + name + packed
        central += (
            struct.pack("<IH", 0x02014B50, 20)
            + struct.pack("<HHHHHIIIHH", *fields, 0)
            + struct.pack("<HHHII", 0, 0, 0, 0, offset)
            + name
        )
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0
    )
    path.write_bytes(bytes(out + central + end))
    return path


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_limited(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``retro`` as a user runs it, in a process that may use at most MEMORY_LIMIT of memory."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "retro", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        preexec_fn=_limit_memory,
    )


def write_xls(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """An old .xls (BIFF8) with one sheet per entry, written by xlwt; dates in a date format."""
    import datetime

    import xlwt

    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="dd-mm-yyyy")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime.datetime):
                    sheet.write(r, c, value, date_style)
                elif value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path
