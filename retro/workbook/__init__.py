"""The workbook: read it, check it, build the case; and write a blank one to fill in.

``read`` (cells with their sheet, row and column) -> ``cells`` (tables of checked rows) -> ``build``
(model objects) and ``quality`` (warnings) -> ``load`` (:func:`validate_workbook`,
:func:`load_case`, the only module that knows all of them).  ``blank`` writes the fill-in workbook
of ``retro template``."""

from typing import TYPE_CHECKING

from .load import Validation, load_case, validate_workbook

if TYPE_CHECKING:
    from .blank import write_template


def __getattr__(name: str) -> object:
    if name == "write_template":  # openpyxl loads only when a blank workbook is asked for
        from .blank import write_template

        return write_template
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Validation", "load_case", "validate_workbook", "write_template"]
