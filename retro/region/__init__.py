"""The anonymised regional overview of many cases: ``regio.xlsx`` and ``regio.html``.

``anonymise`` (a case to a record that cannot hold a name; ``scrub`` and ``scrub_rules`` clean the
lessons) -> ``export`` (:func:`export_region`: read and analyse every workbook on both cores, in
``pool``) -> ``counts`` (small counts hidden), ``cases``, ``lessons``, ``tables`` (the overview) ->
``xlsx``, ``html`` and ``figures`` (the two files)."""

from .anonymise import AnonymousCase
from .export import RegionSummary, export_region

__all__ = ["AnonymousCase", "RegionSummary", "export_region"]
