"""The walkthrough notebook runs from top to bottom on a sample case, so it cannot rot."""

from __future__ import annotations

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def _text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "".join(parts)


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    assert all(
        not cell.get("outputs") and not cell.get("execution_count")
        for cell in notebook.cells
        if cell.cell_type == "code"
    )


@pytest.mark.slow
def test_walkthrough_runs_and_shows_measures_flags_with_evidence_and_a_tweak() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        notebook,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()
    outputs = "\n".join(_text(cell) for cell in notebook.cells if cell.cell_type == "code")
    assert "pivot: Casusregisseur" in outputs
    assert "Paralleldynamiek (parallel_dynamic/messenger)" in outputs
    assert (
        "H51   07-11-2019  Wijkteam" in outputs and "H36   05-2021     Trainer" in outputs
    )  # evidence lines from the timeline
    assert "new or changed: [high] too_many_helpers/at_once" in outputs
    # two interviews now count: the case's child flag names them among its signals
    changed = next(
        line
        for line in outputs.splitlines()
        if "new or changed:" in line and "child_in_the_middle/" in line
    )
    assert "2 keer gesproken over de situatie (H11, H37)" in changed
