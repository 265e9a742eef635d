"""The learning-session report: one offline HTML file from an :class:`~retro.analysis.Analysis`.

``wording`` (dates, event references and quotes, names of ties: the words every part shares) -> the
sections, each a plain context dict (``context``, ``network``, ``patterns``, ``helpers``,
``triangle``, ``agenda``) and the figures (``figures``, ``ecomap``) -> ``render`` (the context, the
figures and ``templates/report/`` into one page)."""

from .render import report_context, report_html, write_report

__all__ = ["report_context", "report_html", "write_report"]
