"""The pattern detectors, one per file, in one explicit list.

Each is ``detector(case, graph, measures, settings) -> list[Flag]`` where ``settings`` is
the ``[analysis]`` table of the configuration.  Detectors return evidence (ids and
facts), never prose.  Built so far: ad-hoc decisions and offer after offer; the other
kinds of ``retro.findings.FLAG_KINDS`` follow (issue 3).
"""

from .ad_hoc_decision import ad_hoc_decision
from .offer_after_offer import offer_after_offer

DETECTORS = (ad_hoc_decision, offer_after_offer)
