"""The zip container of an ``.xlsx`` (or ``.xlsm``), checked before calamine opens it.

A zip says how large each member is, and a hostile one lies.  So every member is decompressed here
as a stream with a hard cap on the bytes it really holds (``[import] max_unpacked_mb`` for all
members together): a zip bomb stops at the cap, whatever it declares.  A member that is encrypted,
compressed with a method Excel never uses (deflate64, bzip2...), fails its checksum, or holds other
than the size it declares makes the file unusable; so does XML with a DOCTYPE or entity declaration
(Excel never writes one; it is how XML bombs and references to outside files get in).

While it streams, each sheet's XML goes through a :class:`~retro.workbook.sheet_xml.SheetScan`, so
that the sheet's extent is known before calamine lays it out in memory."""

from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from ..errors import UnusableFileError
from .sheet_xml import SheetFacts, SheetScan, without_odd_numbers

CHUNK = 1 << 20
_XML_PARTS = (".xml", ".rels", ".vml")
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_WORKSHEET = re.compile(r"xl/worksheets/[^/]+\.xml", re.IGNORECASE)
_SMALL_PART = 10_000_000  # the workbook part and its relations are parsed whole: never this large


class _Budget:
    """The bytes all members together may still unpack to."""

    def __init__(self, path: Path, limit_mb: float) -> None:
        self.path, self.limit_mb = path, limit_mb
        self.left = int(limit_mb * 1_000_000)

    def spend(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise UnusableFileError(
                "file_unpacks_too_large", path=str(self.path), limit=self.limit_mb
            )


def _declares(xml: bytes) -> bool:
    """Whether XML holds a DOCTYPE or entity declaration.  Only where it holds a ``!`` at all is it
    searched (a quick look for one byte; most parts hold none)."""
    return b"!" in xml and _DECLARATION.search(xml) is not None


def _damaged(path: Path, member: str) -> UnusableFileError:
    return UnusableFileError("file_damaged", path=str(path), member=member)


def member_chunks(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget
) -> Iterator[bytes]:
    """The decompressed bytes of one member, in chunks.  Its declared size is not trusted: the
    stream is read until it ends, one byte past what it declares (a damaged file) or past the
    budget."""
    path = budget.path
    probe = copy.copy(info)
    probe.file_size = max(min(info.file_size, budget.left), 0) + 1  # zipfile reads at most this
    total = 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK):
                total += len(chunk)
                budget.spend(len(chunk))
                yield chunk
    except NotImplementedError:  # deflate64, bzip2 and other methods Excel does not use
        raise UnusableFileError(
            "file_packing", path=str(path), member=info.filename, method=info.compress_type
        ) from None
    except RuntimeError:  # zipfile's "File ... is encrypted, password required"
        raise UnusableFileError("file_encrypted", path=str(path)) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise _damaged(path, info.filename) from None
    if total != info.file_size:
        raise _damaged(path, info.filename)


def _whole(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    if info.file_size > _SMALL_PART:
        raise _damaged(budget.path, info.filename)
    data = b"".join(member_chunks(archive, info, budget))
    if _declares(data):
        raise UnusableFileError("file_declarations", path=str(budget.path), member=info.filename)
    return data


def _xml(data: bytes, path: Path, member: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError:
        raise _damaged(path, member) from None


def _local(name: str) -> str:
    """An XML name without its namespace (``{...}sheet`` -> ``sheet``)."""
    return name.rpartition("}")[2]


def _elements(root: ElementTree.Element, name: str) -> Iterator[ElementTree.Element]:
    """Every element with this local name, whatever its namespace (transitional or strict)."""
    return (element for element in root.iter() if _local(element.tag) == name)


def _sheet_members(archive: zipfile.ZipFile, budget: _Budget) -> dict[str, str]:
    """Sheet name -> the member holding its XML, as ``xl/workbook.xml`` and its relations say."""
    path = budget.path
    try:
        book = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
    except KeyError:  # an .xlsb, an .ods or some other zip: no workbook retro reads
        raise UnusableFileError("not_a_workbook", path=str(path)) from None
    targets: dict[str | None, str] = {}
    for rel in _elements(_xml(_whole(archive, rels, budget), path, rels.filename), "Relationship"):
        target = rel.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[rel.get("Id")] = posixpath.normpath(member)
    sheets = {}
    for sheet in _elements(_xml(_whole(archive, book, budget), path, book.filename), "sheet"):
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        found = targets.get(rid)
        if found is None or found not in archive.NameToInfo:
            raise _damaged(path, sheet.get("name", book.filename))
        sheets[sheet.get("name", "")] = found
    return sheets


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget, scan: SheetScan | None
) -> None:
    """Stream one member: refuse a DOCTYPE or entity declaration in XML; feed a sheet to its
    scan."""
    xml = info.filename.lower().endswith(_XML_PARTS)
    tail = b""
    for chunk in member_chunks(archive, info, budget):
        if xml and _declares(tail + chunk):
            raise UnusableFileError(
                "file_declarations", path=str(budget.path), member=info.filename
            )
        tail = chunk[-16:]
        if scan is not None:
            scan.feed(chunk)


@dataclass(frozen=True)
class Package:
    """What the zip holds, checked: the facts of each sheet by its name (of a worksheet part that no
    sheet points to, by the part's name), and what calamine should read (the file itself, or a copy
    in which numbers that can be no date are text)."""

    sheets: dict[str, SheetFacts]
    source: Path | io.BytesIO


def inspect_package(path: Path, limit_mb: float) -> Package:
    """Open an ``.xlsx`` and check every member (see the module).  Raises
    :class:`~retro.errors.UnusableFileError`."""
    budget = _Budget(path, limit_mb)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise UnusableFileError("file_broken_zip", path=str(path)) from None
    with archive:
        if sum(info.file_size for info in archive.infolist()) > budget.left:
            budget.spend(budget.left + 1)  # what it declares is too much already
        members = _sheet_members(archive, budget)
        # every worksheet part, also one no sheet name points to: whatever calamine may read
        # has been scanned (a part without a sheet is known by its member name)
        names = {member: name for name, member in members.items()} | {
            info.filename: info.filename
            for info in archive.infolist()
            if _WORKSHEET.fullmatch(info.filename) and info.filename not in members.values()
        }
        scans = {member: SheetScan() for member in names}
        for info in archive.infolist():
            _stream(archive, info, budget, scans.get(info.filename))
        facts = {names[member]: scan.facts() for member, scan in scans.items()}
        for member, scan in scans.items():
            if scan.damaged:
                raise UnusableFileError("sheet_unreadable", path=str(path), sheet=names[member])
        odd = {member for member, scan in scans.items() if scan.odd_numbers}
        source: Path | io.BytesIO = path
        if odd:
            source = _without_odd_dates(archive, odd, path, limit_mb)
    return Package(facts, source)


def _without_odd_dates(
    archive: zipfile.ZipFile, members: set[str], path: Path, limit_mb: float
) -> io.BytesIO:
    """A copy of the workbook in which each number that can be no date (negative, not finite) is the
    text it is, so that calamine hands it over as written instead of failing on it or showing it as
    a time.  Only a workbook that holds such a number is copied."""
    budget = _Budget(path, limit_mb)
    copied = io.BytesIO()
    with zipfile.ZipFile(copied, "w", zipfile.ZIP_DEFLATED) as out:
        for info in archive.infolist():
            data = b"".join(member_chunks(archive, info, budget))
            out.writestr(
                info.filename, without_odd_numbers(data) if info.filename in members else data
            )
    copied.seek(0)
    return copied
