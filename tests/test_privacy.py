"""Privacy of the regional export, proven by absence and by what a small count can no longer tell.

Names, organisations, a street address, a postcode, phone numbers, an e-mail address, a valid BSN
and exact dates are planted in the sample cases (actor names, organisations, title, every timeline
description, lessons, file names).  One export runs as a user runs it (``retro region`` as a
subprocess); then both files are searched as text (the HTML, and every XML part of the unzipped
workbook) and none of the planted strings may appear.  The scrubber and the anonymous record are
tested on their own as well.

Six cases without lessons, two of which moved to the compulsory framework and with patterns found in
one to four of them, are exported with ``min_count`` 5 and 2: no cell of one case, no table and no
chart (the plotly data in the page included) may tell which cases or how many. On records made by
hand (hypothesis draws them), no table lets a hidden count be worked out by subtracting its shown
counts from its total, and no column of one case counts back to one."""

from __future__ import annotations

import html
import json
import pickle
import re
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import retro
from retro.analysis.timeseries import compulsory_move
from retro.html import plotly_js
from retro.messages import Messages
from retro.region import export_region
from retro.region.anonymise import anonymous_case, case_code
from retro.region.cases import COURT_BINS, court_row
from retro.region.scrub import ScrubbedText, Scrubber, first_pass, placeholder_text
from retro.region.scrub_rules import PLACEHOLDER_KINDS, Placeholder, is_bsn, known_identifiers
from retro.region.tables import region_overview
from retro.schema import VOCABULARIES
from tests.conftest import SAMPLES, run_cli
from tests.region_cases import (
    BSN,
    FAMILIES,
    built_once,
    exported_texts,
    plant,
    planted,
    planted_folder,
    plotly_figures,
    record,
    sensitive_strings,
    sheet_rows,
    six_cases,
)


@pytest.fixture(scope="session")
def export(tmp_path_factory: pytest.TempPathFactory, worker_id: str):
    """The planted cases exported once with ``retro region`` (a subprocess), shared by the xdist
    workers."""

    def build(root: Path) -> dict[str, object]:
        result = run_cli(
            "region", planted_folder(root / "cases"), "-o", root / "regio", timeout=300
        )
        return {"returncode": result.returncode, "stdout": result.stdout, "stderr": result.stderr}

    root = built_once(tmp_path_factory, worker_id, "privacy-export", build)
    result = json.loads((root / "built.json").read_text())
    return root / "cases", root / "regio", SimpleNamespace(**result)


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(retro.load_config().region.keep_words)


def test_the_export_runs_and_reports_what_it_skipped(export) -> None:
    _, _, result = export
    assert result.returncode == 0, result.stderr
    assert "Gelezen: 4 casus(sen)" in result.stdout
    assert "Niet gelezen: 3" in result.stdout
    # file names are for the person running the export: on the terminal, with the reason
    assert re.search(r"kapot-Vlonderhout\.xlsx: geen leesbare werkmap", result.stdout)
    # the reason of an unreadable or invalid workbook in the words of its error, as other commands
    # say it
    assert re.search(
        r"fouten-Knoppersma\.xlsx: werkmap met fouten \(De werkmap bevat 1 fout\(en\)\.\)",
        result.stdout,
    )
    assert re.search(
        r"kapot-Vlonderhout\.xlsx: geen leesbare werkmap \('.*kapot-Vlonderhout\.xlsx' is geen Excel-werkmap",
        result.stdout,
    )
    assert "Bekijk de fouten van een werkmap met 'retro validate WERKMAP'." in result.stdout
    assert (
        f"kopie-{FAMILIES[0]}.xlsx: dezelfde werkmap als een andere (casus-{FAMILIES[0]}-12-03-2021.xlsx)"
        in result.stdout
    )
    assert "100%" in result.stderr  # the progress bar ran to the end


def test_no_planted_or_personal_string_appears_in_any_output(export) -> None:
    folder, outdir, _ = export
    secrets = sensitive_strings(folder)
    assert len(secrets) > 150  # names, organisations, descriptions, planted data, file names
    texts = exported_texts(outdir, plotly_js())
    assert len(texts) > 10  # the page and every part of the workbook
    assert sum("te snel." in text for text in texts.values()) == 2  # the lessons are in both files
    leaks = [
        (where, secret)
        for where, text in texts.items()
        for secret in secrets
        if re.search(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", text)
    ]
    assert leaks == []


def test_the_search_finds_what_was_planted_in_the_input(export) -> None:
    """The same search, on the planted workbooks themselves, finds the planted strings (a positive
    control)."""
    folder, _, _ = export
    with zipfile.ZipFile(next(folder.glob(f"casus-{FAMILIES[0]}-*.xlsx"))) as archive:
        text = html.unescape(" ".join(archive.read(n).decode("utf-8") for n in archive.namelist()))
    for secret in planted(FAMILIES[0]).values():
        assert re.search(r"(?<!\w)" + re.escape(secret) + r"(?!\w)", text), secret


def test_the_lessons_arrive_scrubbed_with_placeholders(export) -> None:
    _, outdir, _ = export
    book = openpyxl.load_workbook(outdir / "regio.xlsx")
    lessons = [row[0] for row in book["Lessen"].iter_rows(min_row=2, values_only=True) if row[0]]
    first = [text for text in lessons if text.startswith("Na het gesprek met")]
    assert 1 <= len(first) <= 4 and len(set(first)) == len(
        first
    )  # from each readable case; the same text once
    for text in first:
        assert re.match(
            r"Na het gesprek met \[ouder [12]\] \(\[adres\], \[adres\] \[(plaats|naam)\], tel\. "
            r"\[telefoonnummer\], \[e-mailadres\], BSN \[BSN\]\) op \[datum\] besloot \[organisatie\]",
            text,
        ), text
        assert text.endswith("te snel.")  # the words around the placeholders stay
    second = [text for text in lessons if text.startswith("Bel ")]
    assert 1 <= len(second) <= 4
    assert all(
        re.fullmatch(
            r"Bel \[ouder [12]\] niet op \[telefoonnummer\]; overleg op \[datum\] met \[naam\] en "
            r"\[naam\] liep vast\.",
            text,
        )
        for text in second
    ), second
    # a theme that held a name is scrubbed too, and then grouped
    themes = {row[0] for row in book["Lessen"].iter_rows(min_row=2, values_only=True)}
    assert "samenwerking [ouder 1]" in themes


def test_the_workbook_says_how_it_was_anonymised(export) -> None:
    _, outdir, _ = export
    book = openpyxl.load_workbook(outdir / "regio.xlsx")
    cover = " ".join(
        str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row if c
    )
    assert (
        "geschoond" in cover and "deduce" in cover and "'<5'" in cover and "sleutel-hash" in cover
    )
    skipped = list(book["Niet gelezen"].iter_rows(min_row=2, values_only=True))
    assert sorted(reason for _, reason in skipped) == [
        "dezelfde werkmap als een andere",
        "geen leesbare werkmap",
        "werkmap met fouten",
    ]
    assert all(re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code) for code, _ in skipped)


@pytest.mark.parametrize(
    "text, secret, placeholder",
    [
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
    ],
)
def test_the_scrubber_removes_each_kind_of_identifier(
    scrubber: Scrubber, text: str, secret: str, placeholder: str
) -> None:
    case = retro.load_case(SAMPLES / "jip.xlsx")
    scrubbed = scrubber.scrub(text, known_identifiers(case, scrubber.keep_words)).render(
        Messages("nl")
    )
    assert placeholder in scrubbed, scrubbed
    assert secret not in scrubbed, scrubbed


def test_the_case_itself_is_removed_exactly_and_actors_become_roles(scrubber: Scrubber) -> None:
    case = retro.load_case(SAMPLES / "hengelo.xlsx")
    identifiers = known_identifiers(case, scrubber.keep_words, file_stem="casus-kuipers-definitief")
    text = (
        "sandra oldenhof en Erwin spraken met JB en Nadia Bulut van Jeugdbescherming Regio Oost (fictief); "
        "familie kuipers gaf geen toestemming."
    )
    scrubbed = scrubber.scrub(text, identifiers)
    # a role in the words of the workbook's vocabulary (retro.schema), in the reader's language
    assert scrubbed.render(Messages("nl")) == (
        "[ouder 1] en [naam] spraken met JB en [jeugdbescherming] "
        "van [organisatie]; familie [naam] gaf geen toestemming."
    )
    assert scrubbed.render(Messages("en")).startswith(
        "[parent 1] en [name] spraken met JB en [child protection]"
    )
    # an id that is no domain word goes, and becomes its role
    assert (
        scrubber.scrub("AdvVader en Lotte", identifiers).render(Messages("nl"))
        == "[advocaat 2] en [kind 1]"
    )


@pytest.mark.parametrize("sample", ["ayla", "hengelo", "jip"])
def test_ordinary_lessons_keep_their_words(scrubber: Scrubber, sample: str) -> None:
    case = retro.load_case(SAMPLES / f"{sample}.xlsx")
    identifiers = known_identifiers(case, scrubber.keep_words, file_stem=sample)
    msg = Messages("nl")
    kept = [lesson.text for lesson in case.lessons]
    assert [scrubber.scrub(text, identifiers).render(msg) for text in kept] == kept


def test_the_record_has_no_field_that_could_hold_a_name(scrubber: Scrubber, tmp_path: Path) -> None:
    path = plant(SAMPLES / "jip.xlsx", tmp_path / f"familie-{FAMILIES[0]}.xlsx", FAMILIES[0])
    case = retro.load_case(path)
    assert f"Wilhelmina {FAMILIES[0]}" in {a.name for a in case.actors}  # planted: the control
    record = anonymous_case(
        retro.analyse(case), path.read_bytes(), file_stem=path.stem, scrubber=scrubber
    )
    assert record.lessons  # the planted lessons came along, scrubbed
    # what a notebook shows and what crosses between processes: nothing planted in either
    shown, sent = repr(record), pickle.dumps(record).decode("latin-1")
    for secret in [
        *planted(FAMILIES[0]).values(),
        FAMILIES[0],
        "Wilhelmina",
        "Kerkstraat",
        "Knoppersma",
    ]:
        assert secret not in shown and secret not in sent, secret
    with pytest.raises(TypeError):
        replace(record.measures, events="Wilhelmina Zwanenburg")
    with pytest.raises(TypeError):
        replace(record, start_year="Zwanenburg")
    with pytest.raises(TypeError):
        type(record.code)("ZWAN-ENBU")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ScrubbedText(("Wilhelmina Zwanenburg",))  # only the scrubber makes scrubbed text
    with pytest.raises(ValueError):
        Placeholder("Zwanenburg")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_role_and_placeholder_kind_has_its_words(lang: str) -> None:
    """A role added to the vocabulary, or a new kind of placeholder, must not crash the scrubbing
    (exit 3)."""
    msg = Messages(lang)
    for role in VOCABULARIES["role"]:
        for number in (None, 2):
            text = placeholder_text(Placeholder("role", role.key, number), msg)
            assert re.fullmatch(r"\[[\w ]+\]", text) and (number is None or text.endswith(" 2]")), (
                text
            )
    texts = {
        kind: placeholder_text(Placeholder(kind), msg)
        for kind in PLACEHOLDER_KINDS
        if kind != "role"
    }
    assert all(re.fullmatch(r"\[[\w -]+\]", t) for t in texts.values()) and len(
        set(texts.values())
    ) == len(texts)
    # an actor of every role, scrubbed as a case would be (the first layer, without deduce)
    case = retro.load_case(SAMPLES / "rik.xlsx")
    actors = tuple(
        replace(case.actors[0], id=f"Persoon{i}", name=None, role=role.key)
        for i, role in enumerate(VOCABULARIES["role"])
    )
    parts = first_pass(
        " ".join(a.id for a in actors), known_identifiers(replace(case, actors=actors), [])
    )
    rendered = "".join(p if isinstance(p, str) else placeholder_text(p, msg) for p in parts)
    assert "Persoon" not in rendered and rendered.count("[") == len(actors)


def test_the_case_code_is_a_keyed_hash_of_the_content_not_the_file_name(tmp_path: Path) -> None:
    content = (SAMPLES / "jip.xlsx").read_bytes()
    copies = [tmp_path / "familie-Zwanenburg.xlsx", tmp_path / "andere-naam.xlsx"]
    for path in copies:
        path.write_bytes(content)
    key = retro.load_config().region.code_key
    codes = {str(case_code(path.read_bytes(), key)) for path in copies}
    assert len(codes) == 1
    code = codes.pop()
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code)
    assert code != str(case_code(content, "een-andere-regio"))  # another key, another code
    assert code != str(case_code((SAMPLES / "rik.xlsx").read_bytes(), key))


def test_an_anonymous_case_holds_measures_in_months_and_scrubbed_lessons(
    scrubber: Scrubber,
) -> None:
    path = SAMPLES / "hengelo.xlsx"
    analysis = retro.analyse(retro.load_case(path))
    record = anonymous_case(analysis, path.read_bytes(), scrubber=scrubber)
    case = analysis.case
    assert record.code == case_code(path.read_bytes(), retro.load_config().region.code_key)
    assert record.start_year == 2018
    # known answers: 56 rows, of which H50 is the learning session itself (04-04-2023), not the
    # case's course; the course runs from 2018 (known to the year) to 06-12-2022: 59 whole months
    assert len(case.events) == 56 and record.measures.events == 55
    assert record.measures.months == 59
    assert record.measures.professionals == len(case.actors_in("professional"))
    series = analysis.measures.helpers_over_time
    assert record.measures.professionals_by_month[0] == series[0][1] and series[0][0] == date(
        2018, 1, 1
    )
    assert record.measures.professionals_by_month == tuple(
        n for _, n in series
    )  # one per month, from the first
    assert (
        record.measures.court_moments == 4
    )  # H02, H27, H31, H43: petitions, hearing and ruling before the session
    assert record.patterns == tuple(
        sum(1 for f in analysis.flags if f.kind == k) for k in retro.FLAG_KINDS
    )
    assert len(record.lessons) == len(case.lessons)
    assert all(isinstance(lesson.text, ScrubbedText) for lesson in record.lessons)


def test_a_valid_bsn_is_recognised() -> None:
    assert is_bsn(BSN) and is_bsn("999999990")  # 9*9 + 9*8 + ... + 9*2 - 0 = 396 = 36 * 11
    assert not is_bsn("123456789") and not is_bsn("11122233") and not is_bsn("11122233a")


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory):
    """Six cases exported with the default min_count (5) and with 2, in this process (no lessons: no
    deduce)."""
    root = tmp_path_factory.mktemp("six")
    folder = six_cases(root / "cases")
    config = retro.load_config(overrides={"region": {"workers": 1}})
    for min_count in (5, 2):
        export_region([folder], root / f"min{min_count}", min_count=min_count, config=config)
    found = {}
    for path in sorted(folder.glob("*.xlsx")):
        analysis = retro.analyse(retro.load_case(path))
        found[str(case_code(path.read_bytes(), config.region.code_key))] = analysis
    return root, found


def _cases_with(found: dict, kind: str) -> int:
    return sum(any(f.kind == kind for f in a.flags) for a in found.values())


def test_six_cases_as_planned(six) -> None:
    """The premise of the tests below: two cases moved, and patterns found in one to four cases."""
    _, found = six
    assert sum(retro_move(a) is not None for a in found.values()) == 2
    counts = {kind: _cases_with(found, kind) for kind in retro.FLAG_KINDS}
    assert {n for n in counts.values() if 1 <= n <= 4} == {1, 3, 4} and counts["escalation"] == 6


def retro_move(analysis: retro.Analysis):
    move = compulsory_move(analysis.history)
    return move.start if move else None


def test_no_cell_of_one_case_tells_what_the_tables_hide(six) -> None:
    root, found = six
    table = sheet_rows(root / "min5" / "regio.xlsx", "Casussen")
    header, rows = table[0], table[1:]
    assert len(header) == 10 and not {
        Messages("nl")(f"flags.{k}.title") for k in retro.FLAG_KINDS
    } & set(header)
    assert sorted(row[0] for row in rows) == sorted(found)
    assert {row[9] for row in rows} == {"verborgen"}  # two moved: which, and how many, is hidden
    assert {row[1] for row in rows} == {"verborgen"}  # four start in 2020: fewer than five
    values = [tuple(row[1:]) for row in rows]
    for row in values:  # a combination five cases share, in bands, or nothing at all
        assert values.count(row) >= 5 or set(row) == {"verborgen"}, row
        assert not any(isinstance(v, int) for v in row), row


def test_patterns_and_the_move_are_counted_only_across_cases(six) -> None:
    root, found = six
    patterns = sheet_rows(root / "min5" / "regio.xlsx", "Patronen")[1 : 1 + len(retro.FLAG_KINDS)]
    for kind, row in zip(retro.FLAG_KINDS, patterns):
        n = _cases_with(found, kind)
        assert (
            row[1:] in ((6, 100), ("verborgen", "verborgen"))
            if n == 6
            else row[1:]
            == (
                "verborgen",
                "verborgen",
            )
        ), kind
    cover = " ".join(
        str(c)
        for row in sheet_rows(root / "min5" / "regio.xlsx", "Over dit overzicht")
        for c in row
        if c
    )
    assert "naar gedwongen kader gingen: verborgen." in cover and "Mediaan" not in cover
    assert "Elk verborgen aantal heet 'verborgen', klein of groot" in cover
    assert "minstens 5 casussen delen" in cover


def test_no_chart_data_tells_a_hidden_count(six) -> None:
    root, _ = six
    page = html.unescape((root / "min5" / "regio.html").read_text("utf-8"))
    figures = plotly_figures(page)
    assert "chart-spread" not in figures  # the spread: all hidden, so a sentence
    assert 'id="chart-spread-note">Alle aantallen zijn verborgen' in page
    msg = Messages("nl")
    hidden_note = msg("region.html.hidden_note", hidden="verborgen", min_count=5)
    for name in set(figures) & {"chart-patterns", "chart-court"}:
        data, layout = figures[name]
        [bars] = data
        texts = {html.unescape(a["text"]) for a in layout.get("annotations", [])}
        assert texts <= {"verborgen"}, texts
        assert {html.unescape(a["hovertext"]) for a in layout.get("annotations", [])} <= {
            hidden_note
        }
        # the true shares of the hidden patterns (1, 3 or 4 of 6 cases) are nowhere in the chart
        text = json.dumps(data) + json.dumps(layout.get("annotations", []))
        assert not re.search(r"\b(17|50|67)%", text)
        assert all(v in (None, 6, 100) for v in bars["x" if name == "chart-patterns" else "y"])
    cases_table = page[page.index('<table class="codes">') :]
    cases_table = cases_table[: cases_table.index("</table>")]
    assert "Paralleldynamiek" not in cases_table and cases_table.count("verborgen") >= 6 * 2


def test_with_min_count_cases_sharing_the_move_its_band_shows(six) -> None:
    root, found = six
    rows = sheet_rows(root / "min2" / "regio.xlsx", "Casussen")[1:]
    values = [tuple(row[1:]) for row in rows]
    for row in rows:  # the move in a band of months, or hidden; every row shared by two
        assert values.count(tuple(row[1:])) >= 2 or set(row[1:]) == {"verborgen"}
        move = retro_move(found[row[0]])
        assert row[9] == "verborgen" or (row[9] == "geen") == (move is None)
    assert {row[1] for row in rows} <= {2020, "verborgen"}  # the other two years are two cases
    court = dict(sheet_rows(root / "min2" / "regio.xlsx", "Eerste rechtszaak")[1:7])
    by_case = Counter(row[8] for row in rows)
    for label, n in court.items():  # by case, only a row of the table it shows
        assert by_case[label] == 0 or (isinstance(n, int) and by_case[label] <= n), label
    cover = " ".join(
        str(c)
        for row in sheet_rows(root / "min2" / "regio.xlsx", "Over dit overzicht")
        for c in row
        if c
    )
    assert "naar gedwongen kader gingen: 2." in cover and "Mediaan: in maand" in cover


# --- What the tables may show, on anonymous records made by hand: no subtraction tells a hidden
# count ----


def _shown_ints(cells) -> int:
    return sum(c for c in cells if isinstance(c, int) and not isinstance(c, bool))


def _hides_as_a_table(cells, truth: list[int], m: int) -> None:
    """Every cell is its count of at least m or 'verborgen' (or '<m' for a small count: the other
    years together when every year is hidden, a court row the time table shows to be small); the
    cells hidden as 'verborgen' together hold at least m (never 0), unless every cell is hidden."""
    for cell, n in zip(cells, truth, strict=True):
        assert (cell == n and n >= m) or cell == "verborgen" or (cell == f"<{m}" and n < m), (
            cell,
            n,
        )
    hidden = [n for cell, n in zip(cells, truth) if cell == "verborgen"]
    every = all(cell in ("verborgen", f"<{m}") for cell in cells)
    assert not hidden or every or sum(hidden) >= m, (cells, truth)


_CASE = st.tuples(
    st.sampled_from([2017, 2018, 2019, 2020]),
    st.none() | st.integers(0, 45),
    st.none() | st.integers(0, 30),
    st.lists(st.integers(0, 2), min_size=len(retro.FLAG_KINDS), max_size=len(retro.FLAG_KINDS)),
    st.integers(0, 60),
)


def _months_open(court: int | None, move: int | None, months: int) -> tuple[int, ...]:
    """Professionals per month of a case that lasted at least ``months``, and at least up to its
    first court moment and its move (they are events of the case, as in every real record)."""
    return (1,) * (max(months, court or 0, move or 0) + 1)


@settings(max_examples=200, deadline=None)
@given(st.lists(_CASE, max_size=30), st.integers(1, 6))
def test_no_table_lets_a_hidden_count_be_worked_out_and_no_column_recounts_one(
    specs, m: int
) -> None:
    cases = [
        record(i, year=y, court=c, move=mv, patterns=tuple(p), by_month=_months_open(c, mv, n))
        for i, (y, c, mv, p, n) in enumerate(specs, start=1)
    ]
    o = region_overview(cases, [], m, datetime(2026, 1, 1), Messages("nl"))
    cases.sort(key=lambda c: c.code)
    years = Counter(c.start_year for c in cases)
    courts = [court_row(c.measures.months_to_first_court) for c in cases]
    different = [sum(1 for n in c.patterns if n) for c in cases]
    with_pattern = [sum(1 for c in cases if c.patterns[i]) for i in range(len(retro.FLAG_KINDS))]
    moved = sum(c.measures.compulsory_move_month is not None for c in cases)
    # the tables: each adds up to the number of cases, the patterns to the total of the spread table
    listed = [row for row in o.years.rows if isinstance(row[0], int)]
    assert all(years[year] == n for year, n in listed)
    _hides_as_a_table(
        [n for _, n in o.years.rows],
        [n for _, n in listed]
        + ([len(cases) - sum(n for _, n in listed)] if len(listed) < len(o.years.rows) else []),
        m,
    )
    _hides_as_a_table(
        [n for _, n in o.court.rows], [courts.count(i) for i in range(len(COURT_BINS) + 1)], m
    )
    _hides_as_a_table(
        [n for _, n in o.pattern_spread.rows],
        [different.count(k) for k in range(len(retro.FLAG_KINDS) + 1)],
        m,
    )
    _hides_as_a_table([row[1] for row in o.patterns.rows], with_pattern, m)
    # those that moved and those that did not add up to the cases: both shown, or neither
    assert o.moved == "verborgen" or (o.moved == moved and min(moved, len(cases) - moved) >= m)
    # the rows of one case: each a combination m cases share, or nothing at all; by case, only a
    # start year or a court row the tables show
    values = [tuple(row[1:]) for row in o.cases.rows]
    for row in values:
        assert values.count(row) >= m or set(row) == {"verborgen"}, row
    shown_years = {year for year, _ in listed}
    assert {row[0] for row in values} <= shown_years | {"verborgen"}
    court_shown = {label for label, n in o.court.rows if isinstance(n, int)}
    assert {row[7] for row in values} <= court_shown | {"verborgen"}
