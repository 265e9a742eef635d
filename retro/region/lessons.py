"""The lessons learned of the regional overview, as a report: by theme, then by audience.

Lesson texts are rendered here from their scrubbed parts, in the overview's language, and so is
every text the writers show around them (headings, "3 lessen", "2 keer"), once for both. A theme and
an audience carry the real number of their lessons: these count lessons, not families, and a list of
three lessons under "<5 lessen" would hide nothing.  The same lesson from several cases is listed
once, with how often it came in."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..messages import Messages
from .anonymise import AnonymousCase
from .counts import Table
from .scrub import ScrubbedText


@dataclass(frozen=True)
class LessonLine:
    text: str
    times: str  # "2 keer" when the lesson came in more than once, else ""


@dataclass(frozen=True)
class AudienceGroup:
    heading: str  # "voor keten"
    count: int
    count_text: str  # "3 lessen"
    lessons: tuple[LessonLine, ...]


@dataclass(frozen=True)
class ThemeGroup:
    theme: str
    count: int
    count_text: str
    audiences: tuple[AudienceGroup, ...]


def _label(text: ScrubbedText | None, empty: str, msg: Messages) -> str:
    rendered = " ".join(text.render(msg).split()).casefold() if text is not None else ""
    return rendered or empty


def _lessons_by_group(
    cases: Sequence[AnonymousCase], msg: Messages
) -> dict[str, dict[str, list[str]]]:
    """theme -> audience -> every lesson text (a text once per time it came in)."""
    groups: dict[str, dict[str, list[str]]] = {}
    for case in cases:
        for lesson in case.lessons:
            theme = _label(lesson.theme, msg("region.no_theme"), msg)
            audience = _label(lesson.audience, msg("region.no_audience"), msg)
            groups.setdefault(theme, {}).setdefault(audience, []).append(
                " ".join(lesson.text.render(msg).split())
            )
    return groups


def count_text(n: int, msg: Messages) -> str:
    """'12 lessen', '1 les'."""
    return msg("region.lessons_one") if n == 1 else msg("region.lessons_many", count=n)


def _lines(texts: list[str], msg: Messages) -> tuple[LessonLine, ...]:
    times = Counter(texts)
    return tuple(
        LessonLine(text, msg("region.times", times=n) if n > 1 else "")
        for text, n in sorted(times.items())
    )


def _audience(audience: str, texts: list[str], msg: Messages) -> AudienceGroup:
    return AudienceGroup(
        msg("region.for_audience", audience=audience),
        len(texts),
        count_text(len(texts), msg),
        _lines(texts, msg),
    )


def lesson_groups(cases: Sequence[AnonymousCase], msg: Messages) -> tuple[ThemeGroup, ...]:
    """The lessons by theme and audience, both in alphabetical order; lessons alphabetically too."""
    themes = []
    for theme, audiences in sorted(_lessons_by_group(cases, msg).items()):
        groups = tuple(
            _audience(audience, texts, msg) for audience, texts in sorted(audiences.items())
        )
        total = sum(group.count for group in groups)
        themes.append(ThemeGroup(theme, total, count_text(total, msg), groups))
    return tuple(themes)


def theme_table(groups: Sequence[ThemeGroup], msg: Messages) -> Table:
    """The number of lessons per theme, for the chart; a note when there are none."""
    rows = tuple((group.theme, group.count) for group in groups)
    return Table(
        (msg("region.column.theme"), msg("region.column.count")),
        rows,
        None if rows else msg("region.html.lessons_empty"),
    )
