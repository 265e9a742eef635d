"""The lessons learned of the regional overview, as a report: by theme, then by audience.

Lesson texts are rendered here from their scrubbed parts, in the overview's language.  A
theme and an audience carry the number of their lessons (``"<5"`` below ``min_count``).  The
same lesson from several cases is listed once; how often it came in is said only from
``min_count`` times on, so no small number is shown.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from .anonymise import AnonymousCase
from .messages import Messages
from .region_counts import Counts, Table, all_hidden
from .scrub import ScrubbedText


@dataclass(frozen=True)
class LessonLine:
    text: str
    times: int | None  # how many times this lesson came in, when at least min_count; else None


@dataclass(frozen=True)
class AudienceGroup:
    audience: str
    count: int | str
    lessons: tuple[LessonLine, ...]


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    count: int | str
    audiences: tuple[AudienceGroup, ...]


def _label(text: ScrubbedText | None, empty: str, msg: Messages) -> str:
    rendered = " ".join(text.render(msg).split()).casefold() if text is not None else ""
    return rendered or empty


def _lessons_by_group(cases: Sequence[AnonymousCase], msg: Messages) -> dict[str, dict[str, list[str]]]:
    """theme -> audience -> every lesson text (a text once per time it came in)."""
    groups: dict[str, dict[str, list[str]]] = {}
    for case in cases:
        for lesson in case.lessons:
            theme = _label(lesson.theme, msg("region.no_theme"), msg)
            audience = _label(lesson.audience, msg("region.no_audience"), msg)
            groups.setdefault(theme, {}).setdefault(audience, []).append(" ".join(lesson.text.render(msg).split()))
    return groups


def _lines(texts: list[str], count: Counts) -> tuple[LessonLine, ...]:
    times = Counter(texts)
    return tuple(LessonLine(text, n if count.shows(n) and n > 1 else None) for text, n in sorted(times.items()))


def lesson_groups(cases: Sequence[AnonymousCase], count: Counts, msg: Messages) -> tuple[ThemeGroup, ...]:
    """The lessons by theme and audience, both in alphabetical order; lessons alphabetically too."""
    themes = []
    for theme, audiences in sorted(_lessons_by_group(cases, msg).items()):
        groups = tuple(AudienceGroup(audience, count(len(texts)), _lines(texts, count))
                       for audience, texts in sorted(audiences.items()))
        themes.append(ThemeGroup(theme, count(sum(map(len, audiences.values()))), groups))
    return tuple(themes)


def theme_table(groups: Sequence[ThemeGroup], count: Counts, msg: Messages) -> Table:
    """The number of lessons per theme, for the chart; a note when there are none or every number is hidden."""
    rows = tuple((group.theme, group.count) for group in groups)
    if not rows:
        note = msg("region.html.lessons_empty")
    else:
        note = msg("region.too_few_lessons", min_count=count.min_count) if all_hidden(n for _, n in rows) else None
    return Table((msg("region.column.theme"), msg("region.column.count")), rows, note)


def count_text(n: int | str, msg: Messages) -> str:
    """'12 lessen', '<5 lessen', '1 les'."""
    return msg("region.lessons_one") if n == 1 else msg("region.lessons_many", count=n)
