"""From a case to what it shows: the actor network, its measures and the pattern flags.

``timeseries`` and ``triangle`` (who was involved when, the corners of the triangle) -> ``network``
(the graph and its measures) -> ``detectors`` (one file per pattern) -> ``result`` (:func:`analyse`,
the :class:`Analysis`).  ``findings`` holds the records (flags and measures, ids and numbers, no
prose); ``flag_text`` their sentences from the ``flags`` catalogue."""

from .detectors import FLAG_KINDS
from .findings import ActorMeasure, Flag, Measures
from .flag_text import FlagText, detection_text, flag_text
from .result import Analysis, analyse, before_session

__all__ = [
    "FLAG_KINDS",
    "ActorMeasure",
    "Analysis",
    "Flag",
    "FlagText",
    "Measures",
    "analyse",
    "before_session",
    "detection_text",
    "flag_text",
]
