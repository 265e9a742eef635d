"""retro: retrospective case analysis for complex-divorce cases in Dutch youth care.

The public API, in the order data flows::

    case = retro.load_case("sample_cases/jip.xlsx")      # read + validate -> Case result =
    retro.analyse(case)                           # network + flags -> Analysis
    retro.write_report(result, "jip.html", lang="nl")      # one offline HTML file
    retro.review_workbook("jip.xlsx")                      # the Beoordeling sheet, to judge flags
    retro.review_of(result)                                # the verdicts, matched to the flags
    retro.write_record(result, "verslag.docx")             # the record after the session
    retro.export_region(["a.xlsx", "b.xlsx"], "out/")      # anonymised regional overview

Names are imported on first use, so ``import retro`` stays fast for the CLI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if (
    TYPE_CHECKING
):  # what the lazy names below are, for type checkers and editors ("go to definition")
    from .analysis import (
        FLAG_KINDS,
        ActorMeasure,
        Analysis,
        Flag,
        FlagText,
        Measures,
        analyse,
        before_session,
        detection_text,
        flag_text,
    )
    from .config import Settings, load_config
    from .errors import InvalidCaseError, Problem, RetroError, UnusableFileError, UsageError
    from .model import (
        Action,
        Actor,
        Case,
        CaseMeta,
        Event,
        Lesson,
        PartialDate,
        Question,
        Relation,
        ReviewRow,
    )
    from .region import AnonymousCase, RegionSummary, export_region
    from .report import record_context, report_context, report_html, write_record, write_report
    from .review import Judgement, NewPattern, Review, ReviewChanges, review_of, review_workbook
    from .workbook import Validation, load_case, validate_workbook, write_template

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    # the case model
    "Case": "model",
    "CaseMeta": "model",
    "Actor": "model",
    "Event": "model",
    "PartialDate": "model",
    "Question": "model",
    "Relation": "model",
    "Lesson": "model",
    "ReviewRow": "model",
    "Action": "model",
    # reading and validating
    "load_case": "workbook",
    "validate_workbook": "workbook",
    "Validation": "workbook",
    "write_template": "workbook",  # the blank workbook to fill in (retro template)
    # analysis: the actor network, its measures and the pattern detectors
    "analyse": "analysis",
    "Analysis": "analysis",
    "before_session": "analysis",
    "Flag": "analysis",
    "Measures": "analysis",
    "ActorMeasure": "analysis",
    "FLAG_KINDS": "analysis",
    "flag_text": "analysis",
    "detection_text": "analysis",
    "FlagText": "analysis",
    # people's verdicts on the flags: the Beoordeling sheet and what it says
    "review_workbook": "review",
    "review_of": "review",
    "Review": "review",
    "ReviewChanges": "review",
    "Judgement": "review",  # a verdict given outside Excel (retro app), for review_workbook
    "NewPattern": "review",
    # the learning-session report, and the record after the session
    "write_report": "report",
    "report_html": "report",
    "report_context": "report",
    "write_record": "report",
    "record_context": "report",
    # the anonymised regional overview
    "export_region": "region",
    "RegionSummary": "region",
    "AnonymousCase": "region",
    # settings and errors
    "load_config": "config",
    "Settings": "config",
    "Problem": "errors",
    "RetroError": "errors",
    "UnusableFileError": "errors",
    "InvalidCaseError": "errors",
    "UsageError": "errors",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'retro' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
