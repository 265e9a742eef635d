"""Settings: thresholds, limits and vocabularies, typed, with their defaults in ``defaults.toml``.

Every setting has its one default in ``defaults.toml`` with a line of help above it; the classes
here only say what type each one has.  A run may override any of them with a TOML file of the same
shape (``--config FILE``): unknown names and values of the wrong type are an error when the file is
loaded, so a typo never silently does nothing.  The result is a :class:`Settings` of frozen
dataclasses, one per table (``settings.analysis.too_many_helpers.medium``), so code that misspells a
setting fails the type check, not a session.

A class field is named after its TOML key, except where the key is a Python keyword (``[import]`` is
:attr:`Settings.reading`): ``metadata={"toml": ...}`` gives the key."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from copy import deepcopy
from dataclasses import dataclass, field, fields, is_dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints

from .errors import UsageError

Words = tuple[str, ...]  # a list in TOML: vocabulary keys or words
Bounds = tuple[int, ...]  # a list of whole numbers in TOML: the lower bounds of bands


@dataclass(frozen=True, slots=True)
class ReadingSettings:
    """``[import]``: what retro will open, and when dates and gaps look wrong."""

    max_file_mb: float
    max_unpacked_mb: float
    max_rows: int
    max_columns: int
    max_cells: int
    min_year: int
    max_year: int
    gap_warning_days: int


@dataclass(frozen=True, slots=True)
class QualitySettings:
    """``[quality]``: warnings about a valid case."""

    hindsight_words: Words


@dataclass(frozen=True, slots=True)
class AdHocSettings:
    trigger_window_days: int
    urgent_bases: Words
    trigger_types: Words
    considered_bases: Words
    reversal_window_days: int


@dataclass(frozen=True, slots=True)
class ParallelSettings:
    lean_share: float
    lean_min_events: int
    min_camp_size: int
    messenger_window_days: int
    replace_window_days: int


@dataclass(frozen=True, slots=True)
class OfferSettings:
    offer_window_days: int
    min_new_offers: int
    min_rounds: int


@dataclass(frozen=True, slots=True)
class HelpersSettings:
    medium: int
    high: int


@dataclass(frozen=True, slots=True)
class NeverMetSettings:
    flag_met_once_with_director: bool
    rarely_met_days: int


@dataclass(frozen=True, slots=True)
class EscalationSettings:
    min_arenas: int
    high_arenas: int


@dataclass(frozen=True, slots=True)
class TriangleCorners:
    """The corners of the triangle of involved parties, by role."""

    referrer: Words
    parents: Words
    therapists: Words
    child: Words


@dataclass(frozen=True, slots=True)
class StagnationSettings:
    gap_days: int
    stuck_window_days: int
    min_idle_meetings: int
    idle_min_days: int
    meeting_types: Words
    moving_types: Words
    quiet_after_types: Words
    triangle: TriangleCorners


@dataclass(frozen=True, slots=True)
class ChildSettings:
    max_child_interviews: int
    decision_window_days: int
    therapy_roles: Words
    therapy_window_days: int
    clash_types: Words


@dataclass(frozen=True, slots=True)
class DirectionSettings:
    max_handovers: int
    max_direction_changes: int
    stand_in_days: int
    start_types: Words
    start_grace_days: int
    late_start_medium_days: int
    max_led_by_others: int


@dataclass(frozen=True, slots=True)
class AnalysisSettings:
    """``[analysis]``: what the network measures count, and one table per detector."""

    min_events: int
    min_overlap_days: int
    recency_half_life_days: float
    period_months: int
    meeting_types: Words
    direction_roles: Words
    helper_roles: Words
    most_listed: int
    ad_hoc_decision: AdHocSettings
    parallel_dynamic: ParallelSettings
    offer_after_offer: OfferSettings
    too_many_helpers: HelpersSettings
    never_met: NeverMetSettings
    escalation: EscalationSettings
    stagnation: StagnationSettings
    child_in_the_middle: ChildSettings
    no_case_direction: DirectionSettings

    def detector(self, kind: str) -> Any:
        """The table of one detector (``[analysis.<kind>]``), or None when it has none."""
        value = getattr(self, kind, None) if kind in {f.name for f in fields(self)} else None
        return value if is_dataclass(value) else None


@dataclass(frozen=True, slots=True)
class AgendaSettings:
    """``[report.agenda]``: the blocks of the session and how the time for the items is shared."""

    session_minutes: int
    opening_minutes: int
    overview_minutes: int
    break_minutes: int
    lessons_minutes: int
    closing_minutes: int
    max_stops: int
    min_stop_minutes: int
    question_weight: float
    event_weight: float
    weighed_events: int


@dataclass(frozen=True, slots=True)
class SessionSettings:
    """``[report.session]``: what one screen of the session view shows."""

    events: int
    known_events: int


@dataclass(frozen=True, slots=True)
class ReportTriangleSettings:
    silence_days: int


@dataclass(frozen=True, slots=True)
class ReportSettings:
    """``[report]``: how much the learning-session report shows."""

    max_chart_events: int
    fold_table_events: int
    max_table_events: int
    table_description_chars: int
    warnings_listed: int
    flags_in_full: int
    known_events: int
    known_panels: int
    named_events: int
    network_min_together: int
    print_event_table: bool
    agenda: AgendaSettings
    session: SessionSettings
    triangle: ReportTriangleSettings


@dataclass(frozen=True, slots=True)
class RegionBands:
    """``[region.bands]``: the bands in which the row of one case shows its measures."""

    events: Bounds
    months: Bounds
    professionals: Bounds
    max_professionals: Bounds
    handovers: Bounds
    court_moments: Bounds
    compulsory_move: Bounds


@dataclass(frozen=True, slots=True)
class RegionSettings:
    """``[region]``: the anonymised regional overview."""

    min_count: int
    code_key: str
    workers: int
    keep_words: Words
    max_suppressed_share: float
    bands: RegionBands


@dataclass(frozen=True, slots=True)
class Settings:
    """Every setting of retro: the defaults of ``defaults.toml`` with a run's own file merged in."""

    reading: ReadingSettings = field(metadata={"toml": "import"})
    quality: QualitySettings
    analysis: AnalysisSettings
    report: ReportSettings
    region: RegionSettings


T = TypeVar("T")


def _key(item: Any) -> str:
    return str(item.metadata.get("toml", item.name))


def _typed(cls: type[T], table: Mapping[str, Any], where: str) -> T:
    """A settings class filled from a TOML table; every key of the table must have a field."""
    hints = get_type_hints(cls)
    keys = {_key(f): f for f in fields(cls)}  # type: ignore[arg-type]
    stray = set(table) - set(keys)
    if stray:
        raise UsageError("unknown_setting", setting=_where(where, sorted(stray)[0]))
    missing = set(keys) - set(table)
    if missing:  # defaults.toml and this module disagree: a bug, not a user's mistake
        raise KeyError(f"defaults.toml has no setting {_where(where, sorted(missing)[0])}")
    values = {
        f.name: _value(hints[f.name], table[key], _where(where, key)) for key, f in keys.items()
    }
    return cls(**values)


def _where(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _value(kind: Any, value: Any, where: str) -> Any:
    """A TOML value checked against the type of its field (lists become tuples)."""
    if isinstance(kind, type) and is_dataclass(kind):
        if not isinstance(value, Mapping):
            raise UsageError("setting_not_a_table", setting=where)
        return _typed(kind, value, where)
    if get_origin(kind) is tuple:
        item = get_args(kind)[0]
        if isinstance(value, list) and all(
            isinstance(v, item) and not isinstance(v, bool) for v in value
        ):
            return tuple(value)
    elif kind is float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return value
    elif kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(kind, type) and isinstance(value, kind):
        return value
    raise UsageError(
        "setting_wrong_type", setting=where, value=_toml(value), default=_toml(_default_at(where))
    )


def _default_at(where: str) -> Any:
    value: Any = _default_table()
    for key in where.split("."):
        value = value[key]
    return value


def _toml(value: Any) -> str:
    """A value as it is written in a TOML file (``true``, ``"text"``, ``["a", "b"]``), shortened."""
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = '"' + value + '"'
    elif isinstance(value, list):
        text = "[" + ", ".join(_toml(v) for v in value) + "]"
    else:
        text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


@lru_cache(maxsize=1)
def _default_table() -> Mapping[str, Any]:
    return tomllib.loads((resources.files(__package__) / "defaults.toml").read_text("utf-8"))


def default_table() -> dict[str, Any]:
    """The default settings as nested dicts, freshly copied (safe to change)."""
    return deepcopy(dict(_default_table()))


def _merge(base: dict[str, Any], override: Mapping[str, Any], path: str) -> None:
    for key, value in override.items():
        where = _where(path, key)
        if key not in base:
            raise UsageError("unknown_setting", setting=where)
        if isinstance(base[key], dict):
            if not isinstance(value, Mapping):
                raise UsageError("setting_not_a_table", setting=where)
            _merge(base[key], value, where)
        else:
            base[key] = deepcopy(value)


@lru_cache(maxsize=1)
def defaults() -> Settings:
    """The default settings."""
    return _typed(Settings, _default_table(), "")


def load_config(
    path: str | Path | None = None, overrides: Mapping[str, Any] | None = None
) -> Settings:
    """Defaults, then the TOML file at ``path``, then ``overrides`` (a nested dict of the same
    shape)."""
    if path is None and not overrides:
        return defaults()
    table = default_table()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise UsageError("config_not_found", path=str(path)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError("config_unreadable", path=str(path), reason=str(exc)) from None
        _merge(table, data, "")
    if overrides:
        _merge(table, overrides, "")
    return _typed(Settings, table, "")


def plain_values(section: Any) -> dict[str, Any]:
    """The settings of one table that are values, not tables, by their TOML names (for texts and the
    appendix)."""
    return {
        _key(f): getattr(section, f.name)
        for f in fields(section)
        if not is_dataclass(getattr(section, f.name))
    }


def with_region(settings: Settings, **changes: Any) -> Settings:
    """The settings with some ``[region]`` values changed."""
    return replace(settings, region=replace(settings.region, **changes))
