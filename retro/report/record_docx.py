"""The session record as a Word document (python-docx), where such records are filed.

The same content as the HTML record (:func:`retro.report.record.record_context`), in Word's own
headings, lists and tables, so that it can be edited, styled by the organisation's template and
filed.  The document's language is set, its properties name retro, not a person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

_LANGUAGE = {"nl": "nl-NL", "en": "en-GB"}
_MARGIN_CM = 2.2  # on A4 (21 cm wide), 16.6 cm of text
_LESSON_WIDTHS = (1.2, 8.4, 3.6, 3.4)
_ACTION_WIDTHS = (1.1, 5.6, 3.4, 2.6, 1.7, 2.2)
_TABLE_FONT = Pt(10)
_PRIVACY_COLOUR = RGBColor(0x9C, 0x2A, 0x00)
_MUTED = RGBColor(0x44, 0x44, 0x44)


def _language(document: WordDocument, lang: str) -> None:
    """Set the language of the Normal style (spelling, hyphenation, screen readers)."""
    properties = document.styles["Normal"].element.get_or_add_rPr()
    tag = OxmlElement("w:lang")
    tag.set(qn("w:val"), _LANGUAGE.get(lang, lang))
    properties.append(tag)


def _a4(document: WordDocument) -> None:
    """A4 paper, as Dutch offices print (python-docx starts from US Letter)."""
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(_MARGIN_CM))


def _labelled(document: WordDocument, label: str, text: str, *, muted: bool = False) -> None:
    """A paragraph that starts with a label in bold: ``Toelichting: ...``."""
    if not text:
        return
    paragraph = document.add_paragraph()
    paragraph.add_run(label + " ").bold = True
    run = paragraph.add_run(text)
    if muted:
        run.font.color.rgb = _MUTED


def _table(
    document: WordDocument,
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
) -> None:
    """A table with a bold header row and fixed column widths in cm (Word reads them per cell,
    LibreOffice per column)."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    table.autofit = False
    for cell, title in zip(table.rows[0].cells, columns):
        run = cell.paragraphs[0].add_run(title)
        run.bold, run.font.size = True, _TABLE_FONT
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.paragraphs[0].add_run(value).font.size = _TABLE_FONT
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _header(document: WordDocument, context: Mapping[str, Any], t: Any, th: Any) -> None:
    head = context["header"]
    document.add_paragraph(t.kicker).runs[0].font.color.rgb = _MUTED
    document.add_heading(head["title"], level=0)
    for key in ("region", "municipality", "facilitator", "session_date", "period"):
        if head[key]:
            _labelled(document, getattr(th, key) + ":", head[key])
    privacy = document.add_paragraph()
    title = privacy.add_run(th.privacy_title + " ")
    title.bold = True
    title.font.color.rgb = _PRIVACY_COLOUR
    privacy.add_run(th.privacy)
    document.add_paragraph(t.intro)


def _questions(document: WordDocument, context: Mapping[str, Any], t: Any) -> None:
    document.add_heading(t.questions_title, level=1)
    if not context["questions"]:
        document.add_paragraph(t.questions_none)
    for q in context["questions"]:
        item = document.add_paragraph(style="List Bullet")
        item.add_run(f"{q['id']} ").bold = True
        item.add_run(q["text"])
        if q["asked_by"]:
            item.add_run(f" ({t.asked_by} {q['asked_by']})").font.color.rgb = _MUTED


def _pattern(document: WordDocument, p: Mapping[str, Any], t: Any) -> None:
    heading = document.add_heading(p["title"], level=2)
    if p["own"]:
        heading.add_run(f" · {t.own}")
    verdict = document.add_paragraph()
    verdict.add_run(p["verdict"]).bold = True
    if p["id"]:
        verdict.add_run(f"  ({p['id']})").font.color.rgb = _MUTED
    _labelled(document, t.retro_said, p["retro"], muted=bool(p["group"]))
    _labelled(document, t.group_said, p["group"])
    _labelled(document, t.note, p["note"])
    _labelled(document, t.events, p["events"], muted=True)


def _patterns(document: WordDocument, context: Mapping[str, Any], t: Any) -> None:
    patterns = context["patterns"]
    document.add_heading(t.patterns_title, level=1)
    document.add_paragraph(t.patterns_intro)
    if not patterns["recognised"]:
        document.add_paragraph(t.recognised_none)
    for p in patterns["recognised"]:
        _pattern(document, p, t)
    if patterns["rejected"]:
        document.add_heading(t.rejected_title, level=2)
        document.add_paragraph(t.rejected_intro)
        for p in patterns["rejected"]:
            item = document.add_paragraph(style="List Bullet")
            item.add_run(p["title"]).bold = True
            if p["note"]:
                item.add_run(f": {p['note']}")
    if patterns["open"]:
        document.add_paragraph(patterns["open"])


def _lessons_and_actions(document: WordDocument, context: Mapping[str, Any], t: Any) -> None:
    document.add_heading(t.lessons_title, level=1)
    if context["lessons"]:
        columns = [getattr(t.lesson_columns, k) for k in ("id", "lesson", "theme", "audience")]
        rows = [
            [lesson[k] for k in ("id", "text", "theme", "audience")]
            for lesson in context["lessons"]
        ]
        _table(document, columns, rows, _LESSON_WIDTHS)
    else:
        document.add_paragraph(t.lessons_none)
    document.add_heading(t.actions_title, level=1)
    keys = ("id", "text", "owner", "due", "lessons", "status")
    if context["actions"]:
        columns = [getattr(t.action_columns, k) for k in keys]
        actions = [[a[k] for k in keys] for a in context["actions"]]
        _table(document, columns, actions, _ACTION_WIDTHS)
    else:
        document.add_paragraph(t.actions_none)


def write_docx(context: Mapping[str, Any], labels: Mapping[str, Any], path: Path) -> Path:
    """Write the record of ``context`` (with the fixed words of ``labels``: ``t`` and ``th``) to
    ``path`` as a .docx file."""
    t, th = labels["t"], labels["th"]
    document = Document()
    _a4(document)
    _language(document, context["lang"])
    document.styles["Normal"].font.size = Pt(11)
    properties = document.core_properties
    properties.title, properties.author = f"{t.title}: {context['header']['title']}", "retro"
    properties.last_modified_by, properties.comments = "retro", ""
    properties.language = _LANGUAGE.get(context["lang"], context["lang"])
    _header(document, context, t, th)
    _questions(document, context, t)
    _patterns(document, context, t)
    _lessons_and_actions(document, context, t)
    document.add_paragraph()
    footer = document.add_paragraph(context["footer"])
    footer.alignment = WD_ALIGN_PARAGRAPH.LEFT
    footer.runs[0].font.color.rgb = _MUTED
    document.save(str(path))
    return path
