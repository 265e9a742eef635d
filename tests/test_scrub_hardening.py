"""Lesson scrubbing, hardened (issue 14, defect 12): organisation and school names in lower case."""

from __future__ import annotations

from pathlib import Path

import pytest

import retro
from retro.config import defaults
from retro.messages import Messages
from retro.region.scrub import Scrubber
from retro.region.scrub_rules import known_identifiers
from tests.workbooks import valid_sheets, write_workbook


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(defaults().region.keep_words)


def test_organisation_names_of_the_case_go_in_any_case(scrubber: Scrubber, tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Betrokkenen"].append(
        ["School", "Ineke Smit", "school", "Basisschool De Regenboog", None, None]
    )
    case = retro.load_case(write_workbook(tmp_path / "school.xlsx", sheets))
    identifiers = known_identifiers(case, scrubber.keep_words)
    text = "Op de regenboog wist niemand ervan; REGENBOOG belde niet terug."
    scrubbed = scrubber.scrub(text, identifiers).render(Messages("nl"))
    assert "regenboog" not in scrubbed.casefold(), scrubbed
    assert scrubbed.startswith("Op de [organisatie] wist niemand ervan"), scrubbed


def test_care_institutions_deduce_knows_go_in_lower_case_too(
    scrubber: Scrubber, tmp_path: Path
) -> None:
    """Not in the case's actor sheet: deduce's own list of care institutions, case-insensitively."""
    case = retro.load_case(write_workbook(tmp_path / "kaal.xlsx", valid_sheets()))
    identifiers = known_identifiers(case, scrubber.keep_words)
    for text in (
        "De verwijzing naar karakter kwam te laat.",
        "Daarna ging het kind naar Karakter.",
    ):
        scrubbed = scrubber.scrub(text, identifiers).render(Messages("nl"))
        assert "karakter" not in scrubbed.casefold(), scrubbed
        assert "[organisatie]" in scrubbed, scrubbed
    kept = scrubber.scrub("Eerst samen analyseren, dan pas handelen.", identifiers)
    assert kept.render(Messages("nl")) == "Eerst samen analyseren, dan pas handelen."
