"""The workbook: read it, check it, build the case; and write a blank one to fill in.

``read`` (cells with their sheet, row and column) -> ``cells`` (tables of checked rows) -> ``build``
(model objects) and ``quality`` (warnings) -> ``load`` (:func:`validate_workbook`,
:func:`load_case`, the only module that knows all of them).  ``blank`` writes the fill-in workbook
of ``retro template``."""

from .load import Validation, load_case, validate_workbook

__all__ = ["Validation", "load_case", "validate_workbook"]
