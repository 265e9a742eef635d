"""The pattern detectors, one per file, in one explicit list (the order of ``retro.findings.FLAG_KINDS``).

Each is ``detector(case, graph, measures, settings) -> list[Flag]`` where ``settings`` is
the ``[analysis]`` table of the configuration.  Detectors return evidence (ids and
facts), never prose: the sentences are in the ``flags`` message catalogue.  The docstring
of each detector is its documentation: the pattern, what it looks like in the data, what
it deliberately does not flag, and the settings it reads.
"""

from .ad_hoc_decision import ad_hoc_decision
from .child_in_the_middle import child_in_the_middle
from .escalation import escalation
from .never_met import never_met
from .no_case_direction import no_case_direction
from .offer_after_offer import offer_after_offer
from .parallel_dynamic import parallel_dynamic
from .stagnation import stagnation
from .too_many_helpers import too_many_helpers

DETECTORS = (ad_hoc_decision, parallel_dynamic, offer_after_offer, too_many_helpers, no_case_direction, never_met,
             child_in_the_middle, escalation, stagnation)
