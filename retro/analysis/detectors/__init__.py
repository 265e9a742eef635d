"""The pattern detectors: one file per pattern, one explicit list, :data:`DETECTORS`.

Each is ``kind(case, graph, measures, settings) -> list[Flag]``: the function is named after the
flag kind it finds (``ad_hoc_decision``), and every flag it returns has that kind; ``settings`` is
the ``[analysis]`` table of the configuration.  Detectors return evidence (ids and facts), never
prose: the sentences are in the ``flags`` message catalogue.  The docstring of each detector is its
documentation: the pattern, what it looks like in the data, what it deliberately does not flag, and
the settings it reads.

:data:`FLAG_KINDS` is derived from :data:`DETECTORS`, in its order (the order of the report's
appendix and of the regional overview).  A new detector touches:

* ``retro/analysis/detectors/<kind>.py``: the function ``<kind>`` and its docstring;
* this file: its import and its place in :data:`DETECTORS`;
* ``retro/defaults.toml``: its settings under ``[analysis.<kind>]`` (and ``retro/config.py``:
  their typed section), when it has any;
* ``retro/messages/{nl,en}/flags.toml``: ``[<kind>]`` with ``title``, ``question``,
  ``detection`` and a sentence per rule under ``rules`` (the catalogue tests check both languages);
* ``tests/``: small timelines that must and must not fire it.
"""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from ...config import AnalysisSettings
from ...model import Case
from ..findings import Flag, Measures
from .ad_hoc_decision import ad_hoc_decision
from .child_in_the_middle import child_in_the_middle
from .escalation import escalation
from .never_met import never_met
from .no_case_direction import no_case_direction
from .offer_after_offer import offer_after_offer
from .parallel_dynamic import parallel_dynamic
from .stagnation import stagnation
from .too_many_helpers import too_many_helpers
from .unreachable_goal import unreachable_goal

DETECTORS = (
    ad_hoc_decision,
    parallel_dynamic,
    offer_after_offer,
    too_many_helpers,
    no_case_direction,
    never_met,
    child_in_the_middle,
    escalation,
    stagnation,
    unreachable_goal,
)

Detector = Callable[[Case, nx.MultiGraph, Measures, AnalysisSettings], list[Flag]]

FLAG_KINDS: tuple[str, ...] = tuple(detector.__name__ for detector in DETECTORS)
