"""The learning-session report: one offline HTML file from an :class:`~retro.analysis.Analysis`;
and the session record that goes round after the session.

``wording`` (dates, event references and quotes, names of ties: the words every part shares) -> the
sections, each a plain context dict (``context``, ``network``, ``patterns``, ``verdicts`` (what
people judged: the body, the agenda's patterns, the appendix's review), ``helpers``, ``triangle``,
``agenda``) and the figures (``figures``, ``ecomap``) -> ``render`` (the context, the figures and
``templates/report/`` into one page).  ``record`` (with ``record_docx`` for Word) writes the session
record from the same parts."""

from .record import record_context, record_html, write_record
from .render import report_context, report_html, write_report

__all__ = [
    "record_context",
    "record_html",
    "report_context",
    "report_html",
    "write_record",
    "write_report",
]
