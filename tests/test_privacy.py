"""Privacy of the regional export, proven by absence.

Names, organisations, a street address, a postcode, phone numbers, an e-mail address, a
valid BSN and exact dates are planted in the sample cases (actor names, organisations,
title, every timeline description, lessons, file names).  One export runs as a user runs it
(``retro region`` as a subprocess); then both files are searched as text (the HTML, and
every XML part of the unzipped workbook) and none of the planted strings may appear.  The
scrubber and the anonymous record are tested on their own as well.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest

import retro
from retro.anonymise import AnonymousCase, CaseCode, CaseMeasures, anonymous_case, case_code
from retro.html import plotly_js
from retro.messages import Messages
from retro.scrub import ScrubbedText, Scrubber
from retro.scrub_rules import Placeholder, is_bsn, known_identifiers
from tests.conftest import SAMPLES, run_cli
from tests.region_cases import (BSN, FAMILIES, built_once, exported_texts, planted, planted_folder,
                                sensitive_strings)


@pytest.fixture(scope="session")
def export(tmp_path_factory: pytest.TempPathFactory, worker_id: str):
    """The planted cases exported once with ``retro region`` (a subprocess), shared by the xdist workers."""
    def build(root: Path) -> dict[str, object]:
        result = run_cli("region", planted_folder(root / "cases"), "-o", root / "regio", timeout=300)
        return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    root = built_once(tmp_path_factory, worker_id, "privacy-export", build)
    result = json.loads((root / "built.json").read_text())
    return root / "cases", root / "regio", SimpleNamespace(**result)


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(retro.load_config()["region"]["keep_words"])


def test_the_export_runs_and_reports_what_it_skipped(export) -> None:
    folder, outdir, result = export
    assert result.returncode == 0, result.stderr
    assert "Gelezen: 4 casus(sen)" in result.stdout
    assert "Niet gelezen: 3" in result.stdout
    # file names are for the person running the export: on the terminal, with the reason
    assert re.search(r"kapot-Vlonderhout\.xlsx: geen leesbare werkmap", result.stdout)
    assert re.search(r"fouten-Knoppersma\.xlsx: werkmap met fouten \(1 fout", result.stdout)
    assert f"kopie-{FAMILIES[0]}.xlsx: dezelfde werkmap als een andere (casus-{FAMILIES[0]}-12-03-2021.xlsx)" in result.stdout
    assert "100%" in result.stderr  # the progress bar ran to the end


def test_no_planted_or_personal_string_appears_in_any_output(export) -> None:
    folder, outdir, result = export
    secrets = sensitive_strings(folder)
    assert len(secrets) > 150  # names, organisations, descriptions, planted data, file names
    texts = exported_texts(outdir, plotly_js())
    assert len(texts) > 10  # the page and every part of the workbook
    assert sum("te snel." in text for text in texts.values()) == 2  # the lessons are in both files
    leaks = [(where, secret) for where, text in texts.items() for secret in secrets
             if re.search(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", text)]
    assert leaks == []


def test_the_search_finds_what_was_planted_in_the_input(export) -> None:
    """The same search, on the planted workbooks themselves, finds the planted strings (a positive control)."""
    folder, _, _ = export
    with zipfile.ZipFile(next(folder.glob(f"casus-{FAMILIES[0]}-*.xlsx"))) as archive:
        text = html.unescape(" ".join(archive.read(n).decode("utf-8") for n in archive.namelist()))
    for secret in planted(FAMILIES[0]).values():
        assert re.search(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", text), secret


def test_the_lessons_arrive_scrubbed_with_placeholders(export) -> None:
    _, outdir, _ = export
    book = openpyxl.load_workbook(outdir / "regio.xlsx")
    lessons = [row[2] for row in book["Lessen"].iter_rows(min_row=2, values_only=True) if row[2]]
    first = [text for text in lessons if text.startswith("Na het gesprek met")]
    assert len(first) == 4  # one per readable case
    for text in first:
        assert re.match(r"Na het gesprek met \[ouder [12]\] \(\[adres\], \[adres\] \[(plaats|naam)\], tel\. "
                        r"\[telefoonnummer\], \[e-mailadres\], BSN \[BSN\]\) op \[datum\] besloot \[organisatie\]", text), text
        assert text.endswith("te snel.")  # the words around the placeholders stay
    second = [text for text in lessons if text.startswith("Bel ")]
    assert len(second) == 4
    assert all(re.fullmatch(r"Bel \[ouder [12]\] niet op \[telefoonnummer\]; overleg op \[datum\] met \[naam\] en "
                            r"\[naam\] liep vast\.", text) for text in second), second
    # a theme that held a name is scrubbed too, and then grouped
    themes = {row[0] for row in book["Lessen"].iter_rows(min_row=2, values_only=True)}
    assert "samenwerking [ouder 1]" in themes


def test_the_workbook_says_how_it_was_anonymised(export) -> None:
    _, outdir, _ = export
    book = openpyxl.load_workbook(outdir / "regio.xlsx")
    cover = " ".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c)
    assert "geschoond" in cover and "deduce" in cover and "'<5'" in cover and "sleutel-hash" in cover
    skipped = list(book["Niet gelezen"].iter_rows(min_row=2, values_only=True))
    assert sorted(reason for _, reason in skipped) == ["dezelfde werkmap als een andere", "geen leesbare werkmap",
                                                      "werkmap met fouten"]
    assert all(re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code) for code, _ in skipped)


@pytest.mark.parametrize("text, secret, placeholder", [
    ("Bel haar op 06-12345678.", "12345678", "[telefoonnummer]"),
    ("Bel haar op +31 6 2345 6789.", "2345", "[telefoonnummer]"),
    ("Bel haar op 053-4812345.", "4812345", "[telefoonnummer]"),
    (f"Haar BSN is {BSN}.", BSN, "[BSN]"),
    ("Zij woont op Dorpsstraat 5a in Borne.", "Dorpsstraat", "[adres]"),
    ("Postcode 7551 AB.", "7551", "[adres]"),
    ("Mail naar jan.jansen@voorbeeld.nl vandaag.", "jansen", "[e-mailadres]"),
    ("Het gesprek was op 12-03-2021.", "2021", "[datum]"),
    ("Het gesprek was op 3 maart 2021.", "maart", "[datum]"),
    ("In 2019 liep het vast.", "2019", "[datum]"),
    ("Daarna sprak Fatima El Amrani met de school.", "Amrani", "[naam]"),
    ("Pieter de Jong belde de school.", "Pieter", "[naam]"),
    ("Overleg met Gijsbertus Knoppersma liep vast.", "Knoppersma", "[naam]"),
    ("Dossiernummer 48213 werd gebruikt.", "48213", "[nummer]"),
    ("Rekening NL91ABNA0417164300 van vader.", "ABNA", "[nummer]"),
    ("Zij verhuisde naar Enschede.", "Enschede", "[plaats]"),
])
def test_the_scrubber_removes_each_kind_of_identifier(scrubber: Scrubber, text: str, secret: str, placeholder: str) -> None:
    case = retro.load_case(SAMPLES / "jip.xlsx")
    scrubbed = scrubber.scrub(text, known_identifiers(case, scrubber.keep_words)).render(Messages("nl"))
    assert placeholder in scrubbed, scrubbed
    assert secret not in scrubbed, scrubbed


def test_the_case_itself_is_removed_exactly_and_actors_become_roles(scrubber: Scrubber) -> None:
    case = retro.load_case(SAMPLES / "hengelo.xlsx")
    identifiers = known_identifiers(case, scrubber.keep_words, file_stem="casus-kuipers-definitief")
    text = ("sandra oldenhof en Erwin spraken met JB en Nadia Bulut van Jeugdbescherming Regio Oost (fictief); "
            "familie kuipers gaf geen toestemming.")
    scrubbed = scrubber.scrub(text, identifiers)
    assert scrubbed.render(Messages("nl")) == ("[ouder 1] en [naam] spraken met JB en [jeugdbeschermer] "
                                              "van [organisatie]; familie [naam] gaf geen toestemming.")
    assert scrubbed.render(Messages("en")).startswith("[parent 1] en [name] spraken met JB en [child protection worker]")
    # an id that is no domain word goes, and becomes its role
    assert scrubber.scrub("AdvVader en Lotte", identifiers).render(Messages("nl")) == "[advocaat 2] en [kind 1]"


@pytest.mark.parametrize("sample", ["ayla", "hengelo", "jip"])
def test_ordinary_lessons_keep_their_words(scrubber: Scrubber, sample: str) -> None:
    case = retro.load_case(SAMPLES / f"{sample}.xlsx")
    identifiers = known_identifiers(case, scrubber.keep_words, file_stem=sample)
    msg = Messages("nl")
    kept = [lesson.text for lesson in case.lessons]
    assert [scrubber.scrub(text, identifiers).render(msg) for text in kept] == kept


def test_the_record_has_no_field_that_could_hold_a_name() -> None:
    measures = CaseMeasures(10, 12, 3, 2, 1, 1, 5, None, (1, 2, 3))
    record = AnonymousCase(CaseCode(12345), 2020, measures, (0,) * len(retro.FLAG_KINDS))
    with pytest.raises(TypeError):
        replace(measures, events="Wilhelmina Zwanenburg")
    with pytest.raises(TypeError):
        replace(record, start_year="Zwanenburg")
    with pytest.raises(TypeError):
        CaseCode("ZWAN-ENBU")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ScrubbedText(("Wilhelmina Zwanenburg",))  # only the scrubber makes scrubbed text
    with pytest.raises(ValueError):
        Placeholder("Zwanenburg")
    assert "Zwanenburg" not in repr(record)


def test_the_case_code_is_a_keyed_hash_of_the_content_not_the_file_name(tmp_path: Path) -> None:
    content = (SAMPLES / "jip.xlsx").read_bytes()
    copies = [tmp_path / "familie-Zwanenburg.xlsx", tmp_path / "andere-naam.xlsx"]
    for path in copies:
        path.write_bytes(content)
    key = retro.load_config()["region"]["code_key"]
    codes = {str(case_code(path.read_bytes(), key)) for path in copies}
    assert len(codes) == 1
    code = codes.pop()
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code)
    assert code != str(case_code(content, "een-andere-regio"))  # another key, another code
    assert code != str(case_code((SAMPLES / "rik.xlsx").read_bytes(), key))


def test_an_anonymous_case_holds_measures_in_months_and_scrubbed_lessons(scrubber: Scrubber) -> None:
    path = SAMPLES / "hengelo.xlsx"
    analysis = retro.analyse(retro.load_case(path))
    record = anonymous_case(analysis, path.read_bytes(), scrubber=scrubber)
    case = analysis.case
    assert record.code == case_code(path.read_bytes(), retro.load_config()["region"]["code_key"])
    assert record.start_year == 2018
    assert record.measures.events == len(case.events)
    assert record.measures.months == (case.end.year - 2018) * 12 + case.end.month - 1
    assert record.measures.professionals == len(case.actors_in("professional"))
    series = analysis.measures.helpers_over_time
    assert record.measures.professionals_by_month[0] == series[0][1] and series[0][0] == date(2018, 1, 1)
    assert record.measures.professionals_by_month == tuple(n for _, n in series)  # one per month, from the first
    assert record.measures.court_moments == sum(1 for e in case.events if e.type == "legal" or "Rechtbank" in e.participants)
    assert record.patterns == tuple(sum(1 for f in analysis.flags if f.kind == k) for k in retro.FLAG_KINDS)
    assert len(record.lessons) == len(case.lessons)
    assert all(isinstance(lesson.text, ScrubbedText) for lesson in record.lessons)


def test_a_valid_bsn_is_recognised() -> None:
    assert is_bsn(BSN)
    assert not is_bsn("123456789")
    assert planted(FAMILIES[0])["bsn"] == BSN
