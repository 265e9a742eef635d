"""What a sheet's XML holds, found while it streams out of the zip, before calamine reads it.

* How far its cells reach: calamine lays a sheet out in memory from A1 to its farthest cell, so one
  cell at ``XFD1048576`` would make it ask for terabytes.  Every cell counts here, with or without a
  value (erring on the large side).
* Which cells hold a formula (calamine only sees their cached values).
* Whether a cell holds a number that can be no date (negative or not finite): calamine shows such a
  number in a date format as a time, or fails on it; :func:`without_odd_numbers` turns it into the
  text it is, so that it reaches the validation as what the file holds.

Excel and most writers write every cell as ``<c r="B7" ...>``: a piece of XML in which every cell
is written so is read with a few regular expressions over the whole piece.  Anything else (a cell
without ``r``, a namespace prefix, single quotes) is read tag by tag and placed as calamine places
it: a row without ``r`` follows the one before, a cell without ``r`` the cell before.  The XML comes
in chunks; a piece ends before its last tag (or before the cell that tag is the first child of), so
no tag and no cell's first child is cut in two."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from operator import itemgetter

_CELL = re.compile(rb'<c r="([A-Za-z]+)(\d+)"')
_FORMULA = re.compile(rb'<c r="([A-Za-z]+)(\d+)"[^<]*<f[\s>/]')
_CELL_STARTS = (b"<c ", b"<c>", b"<c/", b"<c\t", b"<c\n", b"<c\r")
_NOT_A_CELL = re.compile(rb"<c[^\s/>]")  # <col>, <cfRule>... : tags that start like a cell
_NOT_A_ROW = re.compile(rb"<row[^\s/>]")  # <rowBreaks>
_PREFIXED = re.compile(rb"<[^\s<>/!?:]+:(?:c|f|row)[\s/>]")
_MAYBE_PREFIXED = re.compile(rb":(?:c|f|row)[\s/>]")  # what a prefixed tag holds: cheap to look for
# Each cell written as Excel writes it, as _CELL finds it; and as (b"", b"") each cell or row tag
# written otherwise, and each formula.  Where there is no such pair, the counts of _piece would
# find every cell written so, and _FORMULA no formula: one pass instead of all of them.
_CELL_OR_UNUSUAL = re.compile(
    rb'<(?:c(?: r="([A-Za-z]+)(\d+)"|(?=[\s/>]|\Z))|row(?=[\s/>]|\Z)(?! r=")|f(?=[\s/>]|\Z))'
)
_TAG = re.compile(rb"""<(/?)(?:[^\s<>/!?:]+:)?(row|c|f)(?=[\s/>])((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_R = re.compile(rb"""(?:^|\s)r\s*=\s*(["'])\s*([A-Za-z]*)(\d*)\s*\1""")
_LAST_ROW = re.compile(rb'<row r="(\d+)"')
_ODD = re.compile(rb"v>\s*[-+nNiI]")
_P = rb"(?:[^\s<>/!?:]+:)?"  # a namespace prefix, if any
_FORMULA_FIRST = rb"(?:<" + _P + rb"f\b[^>]*/>|<" + _P + rb"f\b[^>]*>[^<]*</" + _P + rb"f>)?\s*"
_NUMBER_CELL = re.compile(
    rb"<("
    + _P
    + rb")c(\s[^>]*?)?>\s*"
    + _FORMULA_FIRST
    + rb"<"
    + _P
    + rb"v>([^<]*)</"
    + _P
    + rb"v>\s*</"
    + _P
    + rb"c>"
)
_TYPE = re.compile(rb"""\st\s*=\s*(["'])([^"']*)\1""")
_STYLE_OR_TYPE = re.compile(rb"""\s[st]\s*=\s*(["'])[^"']*\1""")
_PIECE_AT_MOST = 8 << 20  # a piece longer than this is read even without a complete tag at its end


def column_index(letters: bytes | str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26 (lower case as upper case, as calamine reads it)."""
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    index = 0
    for ch in text.upper():
        index = index * 26 + (ord(ch) - 64)
    return index - 1


def column_letters(index: int) -> str:
    """0 -> ``A``, 26 -> ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class SheetFacts:
    """``rows`` and ``columns``: how far the cells reach (the number of the last row, the number of
    the last column); ``formulas`` holds (row number, column index) of each formula cell."""

    rows: int
    columns: int
    formulas: frozenset[tuple[int, int]]

    @property
    def cells(self) -> int:
        return self.rows * self.columns

    @property
    def last_cell(self) -> str:
        return f"{column_letters(max(self.columns - 1, 0))}{max(self.rows, 1)}"


class SheetScan:
    """Fed a sheet's XML chunk by chunk; :meth:`facts` says what it held.  ``odd_numbers``: a value
    that may be a negative or not finite number; ``damaged``: a ``<`` inside a tag."""

    def __init__(self) -> None:
        self._buffer = b""
        self.max_row = -1  # 0-based, as calamine counts
        self.max_column = -1
        self.formulas: set[tuple[int, int]] = set()
        self.odd_numbers = False
        self.damaged = False
        # where a cell without ``r`` goes: the current row and the last column in it
        self._row, self._column = -1, -1
        self._open_cell: tuple[int, int] | None = None

    def feed(self, chunk: bytes) -> None:
        self._buffer += chunk
        cut = _cut(self._buffer)
        if cut > 0:
            self._piece(self._buffer[:cut])
            self._buffer = self._buffer[cut:]

    def facts(self) -> SheetFacts:
        if self._buffer:
            self._piece(self._buffer)
            self._buffer = b""
        return SheetFacts(self.max_row + 1, self.max_column + 1, frozenset(self.formulas))

    def _piece(self, piece: bytes) -> None:
        if _ODD.search(piece):
            self.odd_numbers = True
        found = _CELL_OR_UNUSUAL.findall(piece)
        if (b"", b"") not in found and not (b":" in piece and _MAYBE_PREFIXED.search(piece)):
            self._cells_with_references(piece, found)  # and no formula
            return
        cells = _CELL.findall(piece)
        written_so = (
            len(cells) == piece.count(b"<c") - len(_NOT_A_CELL.findall(piece))
            and piece.count(b'<row r="') == piece.count(b"<row") - len(_NOT_A_ROW.findall(piece))
            and not (b":" in piece and _PREFIXED.search(piece))
        )
        if written_so:
            self._cells_with_references(piece, cells)
            if b"<f" in piece:
                self.formulas.update((int(r), column_index(c)) for c, r in _FORMULA.findall(piece))
        else:
            self._tag_by_tag(piece)

    def _cells_with_references(self, piece: bytes, cells: list[tuple[bytes, bytes]]) -> None:
        last_row = piece.rfind(b'<row r="')
        if last_row >= 0 and (number := _LAST_ROW.match(piece, last_row)):
            self._row, self._column = int(number[1]) - 1, -1
        if not cells:
            return
        rows, letters = set(map(itemgetter(1), cells)), set(map(itemgetter(0), cells))
        self.max_row = max(self.max_row, max(map(int, rows)) - 1)
        self.max_column = max(self.max_column, *map(column_index, letters))
        last_letters, last_cell_row = cells[-1]
        self._row = max(self._row, int(last_cell_row) - 1)
        ended = piece.rfind(b"</row>") > piece.rfind(b'<c r="')
        self._column = -1 if ended else column_index(last_letters)

    def _tag_by_tag(self, piece: bytes) -> None:
        if _open_tag_at_end(piece):
            self.damaged = True  # a '<' inside a tag: no XML Excel writes
        for closing, name, attributes in _TAG.findall(piece):
            if closing:
                if name == b"row":
                    self._column = -1
                elif name == b"c":
                    self._open_cell = None
                continue
            reference = _R.search(attributes)
            if name == b"row":
                self._row = int(reference[3]) - 1 if reference and reference[3] else self._row + 1
                self._column = -1
            elif name == b"c":
                if reference and reference[2] and reference[3]:
                    row, self._column = int(reference[3]) - 1, column_index(reference[2])
                else:
                    row, self._column = self._row, self._column + 1
                self.max_row = max(self.max_row, row)
                self.max_column = max(self.max_column, self._column)
                self._open_cell = None if attributes.endswith(b"/") else (row + 1, self._column)
            elif self._open_cell is not None:  # an <f> inside a cell
                self.formulas.add(self._open_cell)


def _open_tag_at_end(piece: bytes) -> bool:
    last = piece.rfind(b"<")
    return last >= 0 and piece.find(b">", last) < 0


def _cut(buffer: bytes) -> int:
    """Where the complete part of the buffer ends: before its last tag, and before the cell whose
    first child that tag may be.  0 when nothing is complete yet."""
    last = buffer.rfind(b"<")
    if last <= 0:
        return len(buffer) if len(buffer) > _PIECE_AT_MOST else 0
    before = buffer.rfind(b"<", 0, last)
    if (
        before >= 0
        and buffer.startswith(_CELL_STARTS, before)
        and not buffer[before:last].rstrip().endswith(b"/>")
    ):
        return before if before > 0 or len(buffer) <= _PIECE_AT_MOST else last
    return last


def without_odd_numbers(xml: bytes) -> bytes:
    """The sheet with every number cell whose value is negative or not finite turned into a text
    cell holding the value as written: no date can be such a number, and as text it reaches the
    validation as what the file holds (``-1e300``, ``NaN``).  A formula's cached value too (the
    formula itself was noted by the scan and is reported as one)."""

    def as_text(match: re.Match[bytes]) -> bytes:
        prefix, attributes, value = match[1], match[2] or b"", match[3].strip()
        kind = _TYPE.search(attributes)
        if kind is not None and kind[2] != b"n":
            return match[0]  # a text, boolean or error cell
        try:
            number = float(value)
        except ValueError:
            return match[0]
        if number >= 0 and math.isfinite(number):
            return match[0]
        rest = _STYLE_OR_TYPE.sub(b"", attributes)
        return b'<%sc%s t="inlineStr"><%sis><%st>%s</%st></%sis></%sc>' % (
            prefix,
            rest,
            prefix,
            prefix,
            value,
            prefix,
            prefix,
            prefix,
        )

    return _NUMBER_CELL.sub(as_text, xml)
