"""Characters in cell text that must be shown, not obeyed.

A cell can hold characters that a terminal or a page acts on instead of showing: ESC and BEL
(a terminal's window title, clearing the screen), a carriage return (overwriting a line), and the
bidirectional controls (a right-to-left override makes ``JB2`` read as ``2BJ``).  :func:`visible`
writes each as its escape (``\\x1b``, ``\\u202e``), so that what a cell holds is what the reader
sees.  The terminal (:mod:`retro.cli.output`), every text of the HTML pages (the jinja environment
of :mod:`retro.html`) and every text plotly draws (:func:`retro.html.plot_text`) go through it."""

from __future__ import annotations

import re

# C0 controls but tab, line feed and carriage return; DEL; C1 controls; the bidirectional marks,
# embeddings, overrides and isolates
_ALWAYS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_IN_TEXT = re.compile(f"[{_ALWAYS}]")
_ON_A_LINE = re.compile(f"[{_ALWAYS}\t\n\r]")
_ON_A_TERMINAL_LINE = re.compile(f"[{_ALWAYS}\r]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def visible(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control and bidirectional character written as its escape.  Tabs and
    line breaks stay (a page shows them as space), unless ``one_line``."""
    return (_ON_A_LINE if one_line else _IN_TEXT).sub(_escape, text)


def terminal_line(text: str) -> str:
    """A line for the terminal: line breaks and tabs stay, everything else that a terminal would
    act on is shown as its escape."""
    return _ON_A_TERMINAL_LINE.sub(_escape, text)
