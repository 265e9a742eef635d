"""Forms and uploads, read through starlette's parser with retro's limits.

The limits are those of the command line (``[import]`` in ``defaults.toml``): a workbook larger than
``max_file_mb`` is refused, as ``retro validate`` refuses it, and the request is counted while it
arrives, so nothing larger is ever held.  Uploaded files stay in memory up to that size; starlette
would spill a larger part to a temporary file, and :mod:`.server` points the process's temporary
files at the app's private folder.  A zip of workbooks for the regional overview (a folder in one
file) may unpack to at most ``max_unpacked_mb``, the limit retro puts on one workbook's contents.

File names from the browser are only shown and used as the name of a download, never as a path:
files are stored under names the app makes (:func:`shown_name` cleans what is shown)."""

from __future__ import annotations

import re
import shutil
import unicodedata
import zipfile
from collections.abc import AsyncGenerator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request

from .security import Secrets, csrf_ok

MB = 1_000_000
FORM_OVERHEAD = MB  # the form's other fields and the multipart boundaries around a file
_FIELD_BYTES = 64 * 1024  # a note typed on a page
_DRAIN_FACTOR = 2  # read on past the limit up to this many times it, so the browser gets the answer


class TooLarge(Exception):
    """An upload over a limit: ``name`` (None: the request as a whole), its size and the limit, in
    MB."""

    def __init__(self, name: str | None, size_mb: float, limit_mb: float) -> None:
        super().__init__("too large")
        self.name, self.size_mb = name, round(size_mb, 1)
        self.limit_mb = int(limit_mb) if float(limit_mb).is_integer() else limit_mb


class Refused(Exception):
    """A form that is no form of this app: no CSRF token (403), or not a form at all (400)."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


@dataclass(frozen=True, slots=True)
class Limits:
    """Bytes: the most one request may carry, one file in it, and one file kept in memory."""

    request: int
    file: int
    memory: int


async def _counted(request: Request, limit: int, shown_mb: float) -> AsyncGenerator[bytes, None]:
    """The request body, refused (:class:`TooLarge`) once it passes ``limit`` bytes; the rest is
    read and dropped (up to a bound) so the browser is still listening when the answer comes."""
    seen, stream = 0, request.stream()
    async for chunk in stream:
        seen += len(chunk)
        if seen > limit:
            async for more in stream:
                seen += len(more)
                if seen > _DRAIN_FACTOR * limit:
                    break
            raise TooLarge(None, seen / MB, shown_mb)
        yield chunk


def _parser(limits: Limits) -> type[MultiPartParser]:
    class Parser(MultiPartParser):
        spool_max_size = limits.memory  # a workbook stays in memory

    return Parser


async def read_form(request: Request, secrets: Secrets, limits: Limits) -> FormData:
    """The form of a POST, with its files, once its CSRF token is checked.

    Raises :class:`TooLarge` (a request or a file over its limit), :class:`Refused`."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.request:
        async for _ in _counted(request, limits.request, limits.file / MB):
            pass
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = _counted(request, limits.request, limits.file / MB)
    try:
        if kind == "multipart/form-data":
            parser = _parser(limits)(
                request.headers, body, max_files=500, max_fields=2000, max_part_size=_FIELD_BYTES
            )
            form = await parser.parse()
        elif kind == "application/x-www-form-urlencoded":
            form = await FormParser(
                request.headers, body, max_fields=2000, max_part_size=_FIELD_BYTES
            ).parse()
        else:
            form = FormData()
    except MultiPartException:
        raise Refused(400) from None
    if not csrf_ok(form, secrets):
        await form.close()
        raise Refused(403)
    for upload in uploads(form):
        if (upload.size or 0) > limits.file:
            await form.close()
            raise TooLarge(shown_name(upload.filename), (upload.size or 0) / MB, limits.file / MB)
    return form


def uploads(form: FormData, field: str | None = None) -> list[UploadFile]:
    """The files of a form (of one field), without the empty part a form sends when none was
    chosen."""
    items = form.multi_items() if field is None else [(field, v) for v in form.getlist(field)]
    return [v for _, v in items if isinstance(v, UploadFile) and (v.filename or v.size)]


def shown_name(name: str | None, fallback: str = "werkmap.xlsx") -> str:
    """A file name from the browser as it may be shown and offered as a download's name: the last
    part of any path, without control characters, at most 120 characters."""
    text = PureWindowsPath(PurePosixPath(name or "").name).name
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C").strip(" .")
    return text[:120] or fallback


def stored_suffix(name: str) -> str:
    """The suffix a stored copy gets: the upload's own when it is a plain one, else ``.xlsx``."""
    suffix = Path(name).suffix.lower()
    return suffix if re.fullmatch(r"\.[a-z]{3,4}", suffix) else ".xlsx"


def is_zip(name: str, head: bytes) -> bool:
    return name.lower().endswith(".zip") and head.startswith(b"PK")


def unpack_workbooks(archive: Path, folder: Path, limit: int) -> list[tuple[Path, str]]:
    """The ``.xlsx`` files in a zip, written to numbered files in ``folder`` (never to a name from
    the zip), each with the name it had in the zip; Excel's lock files and hidden files are left
    out, as in a folder.  Raises :class:`TooLarge` when the contents pass ``limit`` bytes and
    ``zipfile.BadZipFile`` for a broken zip."""
    found = []
    with zipfile.ZipFile(archive) as zipped:
        members = [
            m
            for m in zipped.infolist()
            if not m.is_dir()
            and m.filename.lower().endswith(".xlsx")
            and not PurePosixPath(m.filename).name.startswith(("~$", "."))
            and not m.filename.startswith("__MACOSX/")
        ]
        total = sum(m.file_size for m in members)
        if total > limit:
            raise TooLarge(shown_name(archive.name), total / MB, limit / MB)
        written = 0
        for number, member in enumerate(members, start=1):
            target = folder / f"{number:04d}.xlsx"
            with zipped.open(member) as source, target.open("wb") as sink:
                written += _copy(source, sink, limit - written)
            found.append((target, member.filename[-200:]))
    return found


def _copy(source: object, sink: object, room: int) -> int:
    """Copy at most ``room`` bytes (a zip may lie about its sizes)."""
    copied = 0
    while chunk := source.read(1 << 20):  # type: ignore[attr-defined]
        copied += len(chunk)
        if copied > room:
            raise TooLarge(None, copied / MB, room / MB)
        sink.write(chunk)  # type: ignore[attr-defined]
    return copied


def save(upload: UploadFile, target: Path) -> Path:
    """An uploaded file written to ``target`` (in the app's private folder)."""
    upload.file.seek(0)
    with target.open("wb") as sink:
        shutil.copyfileobj(upload.file, sink)
    return target
