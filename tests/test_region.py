"""The regional export: what the overview holds, small counts hidden, determinism, formulas as text,
the English export, the command's errors, and the page in headless Chromium.

Eight cases (the four samples, each planted with two families, so eight different workbooks) are
exported a few times in this process, so deduce loads once."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from collections import Counter
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path
from statistics import median

import openpyxl
import pytest

import retro
from retro.messages import Messages
from retro.region import export_region
from retro.region.anonymise import AnonymousCase, case_code, file_code
from retro.region.pool import _outcome
from retro.region.tables import region_overview
from tests.conftest import ARTIFACTS, run_cli, sample_paths
from tests.region_cases import FAMILIES, built_once, plant, record
from tests.region_cases import sheet_rows as rows

T1, T2 = datetime(2026, 11, 24, 9, 30), datetime(2027, 1, 2, 14, 5)


def _build(root: Path) -> dict[str, str]:
    """Eight cases exported four times: twice alike, once in one process and later, once in
    English."""
    cases = root / "cases"
    cases.mkdir()
    for family in FAMILIES[:2]:
        for sample in sample_paths():
            plant(sample, cases / f"{sample.stem}-{family}.xlsx", family)
    export_region([cases], root / "a", generated_at=T1)
    export_region([cases], root / "b", generated_at=T1)
    export_region(
        sorted(cases.iterdir()),
        root / "c",
        generated_at=T2,
        config=retro.load_config(overrides={"region": {"workers": 1}}),
    )
    export_region([cases], root / "en", lang="en", generated_at=T1)
    return {}


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    return built_once(tmp_path_factory, worker_id, "region-exports", _build)


@pytest.fixture
def cases(built: Path) -> Path:
    return built / "cases"


@pytest.fixture
def exports(built: Path) -> dict[str, Path]:
    return {name: built / name for name in ("a", "b", "c", "en")}


def analyses(folder: Path) -> list[retro.Analysis]:
    return [retro.analyse(retro.load_case(path)) for path in sorted(folder.glob("*.xlsx"))]


def shown(n: int, min_count: int = 5) -> int | str:
    return n if n >= min_count else f"<{min_count}"


def test_the_overview_holds_one_row_per_case_by_code(exports: dict[str, Path], cases: Path) -> None:
    table = rows(exports["a"] / "regio.xlsx", "Casussen")
    key = retro.load_config().region.code_key
    expected = sorted(str(case_code(p.read_bytes(), key)) for p in cases.glob("*.xlsx"))
    assert [row[0] for row in table[1:]] == expected  # every case, in the order of its code
    assert len(table[0]) == 10 and not set(table[0]) & {
        "Paralleldynamiek",
        "Stagnatie",
    }  # no pattern per case
    found = {
        str(case_code(p.read_bytes(), key)): a
        for p, a in zip(sorted(cases.glob("*.xlsx")), analyses(cases))
    }
    values = [tuple(row[1:]) for row in table[1:]]
    for row in values:  # bands shared by five cases, or nothing at all
        assert values.count(row) >= 5 or set(row) == {"verborgen"}, row
        assert not any(isinstance(v, int) for v in row)  # no start year is shared by five
    # three of the four samples moved to the compulsory framework (Ayla's case started in it after
    # the ruling): six of the eight cases moved, so two did not, and 8 - 6 would tell that small
    # number: the six are hidden too, and so is the month of the move by every case
    assert sum(retro_moved(a) for a in found.values()) == 6
    about = rows(exports["a"] / "regio.xlsx", "Over dit overzicht")
    assert ("Casussen die van vrijwillig naar gedwongen kader gingen: verborgen.",) in [
        row[:1] for row in about
    ]
    assert {row[9] for row in table[1:]} == {"verborgen"}


def retro_moved(analysis: retro.Analysis) -> bool:
    from retro.analysis.timeseries import compulsory_move

    return compulsory_move(analysis.history) is not None


def test_counts_below_min_count_are_shown_as_below(exports: dict[str, Path], cases: Path) -> None:
    all_analyses = analyses(cases)
    patterns = rows(exports["a"] / "regio.xlsx", "Patronen")
    assert patterns[0] == ("Patroon", "Casussen met dit patroon", "Deel van de casussen (%)")
    with_pattern = [
        sum(any(f.kind == kind for f in a.flags) for a in all_analyses) for kind in retro.FLAG_KINDS
    ]
    for kind, n, row in zip(
        retro.FLAG_KINDS, with_pattern, patterns[1 : 1 + len(retro.FLAG_KINDS)]
    ):
        assert row[0] == Messages("nl")(
            f"flags.{kind}.title"
        )  # the pattern's own title, as in the report
        assert row[1:] == ((n, round(100 * n / 8)) if row[1] == n else (row[1], "verborgen")), kind
    assert_hides_as_a_table(
        [row[1] for row in patterns[1 : 1 + len(retro.FLAG_KINDS)]], with_pattern
    )
    assert any(row[1] == "verborgen" for row in patterns[1 : 1 + len(retro.FLAG_KINDS)])
    about = rows(exports["a"] / "regio.xlsx", "Over dit overzicht")
    assert ("andere jaren", 8) in about  # eight cases together, but no year shared by five
    court = dict(rows(exports["a"] / "regio.xlsx", "Eerste rechtszaak")[1:7])
    firsts = [
        min(
            (e.start for e in a.case.events if e.type == "legal" or "Rechtbank" in e.participants),
            default=None,
        )
        for a in all_analyses
    ]
    months = [
        None if f is None else (f.year - a.case.start.year) * 12 + f.month - a.case.start.month
        for f, a in zip(firsts, all_analyses)
    ]
    bins = {
        "0 t/m 5 maanden": (0, 6),
        "6 t/m 11 maanden": (6, 12),
        "12 t/m 23 maanden": (12, 24),
        "24 t/m 35 maanden": (24, 36),
        "36 maanden of meer": (36, 999),
    }
    truth = [
        sum(m is not None and low <= m < high for m in months) for low, high in bins.values()
    ] + [months.count(None)]
    assert_hides_as_a_table([court[label] for label in [*bins, "geen rechtszaak"]], truth)
    by_case = Counter(row[8] for row in rows(exports["a"] / "regio.xlsx", "Casussen")[1:])
    for label in [*bins, "geen rechtszaak"]:  # a case shows only a row the table shows
        assert by_case[label] == 0 or by_case[label] <= court[label], label


def assert_hides_as_a_table(cells: list, truth: list[int], min_count: int = 5) -> None:
    """Each cell is its true count of at least N, or 'verborgen'; the hidden cells together hold
    at least N (never 0: that would tell their zeros), unless every cell is hidden."""
    for cell, n in zip(cells, truth, strict=True):
        assert (cell == n and n >= min_count) or cell == "verborgen", (cell, n)
    hidden = [n for cell, n in zip(cells, truth) if cell == "verborgen"]
    assert not hidden or len(hidden) == len(cells) or sum(hidden) >= min_count


def test_a_start_year_shows_only_when_min_count_cases_share_it(cases: Path, tmp_path: Path) -> None:
    export_region([cases], tmp_path, min_count=4, generated_at=T1)
    years = {a.case.start.year for a in analyses(cases)}
    table = rows(tmp_path / "regio.xlsx", "Casussen")[1:]
    assert years == {2018, 2019, 2020}  # ayla and rik start in 2020, in both families: four cases
    assert {row[1] for row in table} <= {2020, "verborgen"}  # by case, only a year the table shows
    about = rows(tmp_path / "regio.xlsx", "Over dit overzicht")
    assert (2020, 4) in about and (
        "andere jaren",
        4,
    ) in about  # the other years together are not a small count


def test_a_configuration_file_cannot_turn_off_hiding_and_the_default_key_is_named(
    tmp_path: Path,
) -> None:
    rik = next(p for p in sample_paths() if p.stem == "rik")  # no lessons: no deduce
    config = tmp_path / "regio.toml"
    config.write_text("[region]\nmin_count = 0\n", encoding="utf-8")
    result = run_cli("region", rik, "-o", tmp_path / "zero", "--config", config)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "moet een geheel getal van 1 of meer zijn, niet 0" in result.stderr
    assert not (tmp_path / "zero").exists()
    warning = "Let op: de casuscodes zijn gemaakt met de openbare standaardsleutel"
    result = run_cli("region", rik, "-o", tmp_path / "default")
    assert result.returncode == 0 and warning in result.stdout
    cover = " ".join(
        str(c)
        for row in rows(tmp_path / "default" / "regio.xlsx", "Over dit overzicht")
        for c in row
        if c
    )
    assert "standaardsleutel van retro, en die is openbaar" in cover
    assert 'id="key-warning"' in (tmp_path / "default" / "regio.html").read_text("utf-8")
    config.write_text('[region]\ncode_key = "geheim-van-twente-2026"\n', encoding="utf-8")
    result = run_cli("region", rik, "-o", tmp_path / "own", "--config", config, "--lang", "en")
    assert (
        result.returncode == 0
        and "default key" not in result.stdout
        and "Read: 1 case(s)" in result.stdout
    )
    cover = " ".join(
        str(c)
        for row in rows(tmp_path / "own" / "regio.xlsx", "About this overview")
        for c in row
        if c
    )
    assert "default key" not in cover and "without the key, nobody can" in cover
    assert 'id="key-warning"' not in (tmp_path / "own" / "regio.html").read_text("utf-8")
    code = rows(tmp_path / "own" / "regio.xlsx", "Cases")[1][0]
    assert code == str(case_code(rik.read_bytes(), "geheim-van-twente-2026"))


@pytest.mark.parametrize("value", [0, -3])
def test_the_merged_min_count_is_checked_whatever_set_it(tmp_path: Path, value: object) -> None:
    from retro.errors import UsageError

    with pytest.raises(UsageError) as caught:
        export_region(
            sample_paths()[:1],
            tmp_path / "out",
            config=retro.load_config(overrides={"region": {"min_count": value}}),
        )
    assert caught.value.code == "region_min_count"
    with pytest.raises(UsageError) as caught:
        export_region(sample_paths()[:1], tmp_path / "out", min_count=value)  # type: ignore[arg-type]
    assert caught.value.code == "region_min_count"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", [True, 2.5, "5"])
def test_a_min_count_that_is_no_whole_number_is_refused_when_the_settings_are_read(
    value: object,
) -> None:
    from retro.errors import UsageError

    with pytest.raises(UsageError) as caught:
        retro.load_config(overrides={"region": {"min_count": value}})
    assert (
        caught.value.code == "setting_wrong_type"
        and caught.value.params["setting"] == "region.min_count"
    )


def test_a_file_too_large_is_refused_before_it_is_read_and_codes_are_hashed_in_blocks(
    tmp_path: Path,
) -> None:
    import os
    import tracemalloc

    big = tmp_path / "te-groot.xlsx"
    big.write_bytes(b"PK" + os.urandom(12_000_000))
    settings = retro.load_config(overrides={"import": {"max_file_mb": 5}})
    tracemalloc.start()
    try:
        outcome = _outcome(0, big, settings)
        _, refused_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        settings = retro.load_config(overrides={"import": {"max_file_mb": 50}})
        code = file_code(big, settings.region.code_key)
        _, hashed_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert outcome.skipped is not None and (outcome.skipped.reason, outcome.skipped.error) == (
        "unreadable",
        "file_too_large",
    )
    assert refused_peak < 2_000_000 and hashed_peak < 4_000_000  # never the 12 MB file at once
    assert code == case_code(big.read_bytes(), settings.region.code_key)


def test_a_lesson_group_shows_its_real_number_of_lessons(exports: dict[str, Path]) -> None:
    sheet = rows(exports["a"] / "regio.xlsx", "Lessen")[1:]
    number = re.compile(r"^(\d+) lessen$|^(1) les$")
    groups: list[list] = []  # [text, its number, lessons counted under it], themes and audiences
    for text, count in sheet:
        if count is not None and number.match(str(count)):
            groups.append([text, int(next(g for g in number.match(count).groups() if g)), 0])
        elif text:
            times = int(count.split()[0]) if count else 1  # "2 keer"
            audience = groups[-1]
            theme = next(g for g in reversed(groups) if not g[0].startswith("voor "))
            audience[2] += times
            theme[2] += times
    assert groups and all(found == shown_number for _, shown_number, found in groups), groups
    assert any(n < 5 for _, n, _ in groups)  # small numbers of lessons are shown as they are
    assert not any("<5" in str(cell) for row in sheet for cell in row)


def test_professionals_over_time_are_percentiles_of_open_cases(
    exports: dict[str, Path], cases: Path
) -> None:
    series = [[n for _, n in a.measures.helpers_over_time] for a in analyses(cases)]
    table = rows(exports["a"] / "regio.xlsx", "Hulpverleners in de tijd")[1:]
    assert table, "eight cases are enough to show months"
    shown = [8]  # the number of cases: known from the cover
    for month, open_cases, middle, *_ in table:
        values = [s[month] for s in series if len(s) > month]
        assert len(values) >= 5
        assert open_cases in (len(values), "verborgen")
        assert middle == median(values)
        if open_cases != "verborgen":
            shown.append(open_cases)
    # two shown numbers of open cases never differ by a small number or 0 (but the first, all)
    assert all(a - b >= 5 for a, b in pairwise(shown[1:] if shown[1:2] == [8] else shown))
    # up to the last band edge of the durations at which 5 cases were open (not a month in which
    # a case ended)
    edges = [e for e in (0, 12, 24, 36, 60) if sum(len(s) > e for s in series) >= 5]
    assert len(table) == edges[-1] + 1


def test_the_same_input_gives_the_same_bytes(exports: dict[str, Path]) -> None:
    for name in ("regio.xlsx", "regio.html"):
        assert (exports["a"] / name).read_bytes() == (exports["b"] / name).read_bytes(), name


def test_only_the_timestamp_differs_between_runs_and_worker_counts(
    exports: dict[str, Path],
) -> None:
    def without_time(text: str, when: datetime) -> str:
        utc = when.astimezone(UTC)
        for form in ("%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%SZ"):
            text = text.replace(when.strftime(form), "<time>").replace(utc.strftime(form), "<time>")
        return text

    a = (exports["a"] / "regio.html").read_text("utf-8")
    c = (exports["c"] / "regio.html").read_text("utf-8")
    assert a != c and without_time(a, T1) == without_time(c, T2)
    with (
        zipfile.ZipFile(exports["a"] / "regio.xlsx") as first,
        zipfile.ZipFile(exports["c"] / "regio.xlsx") as second,
    ):
        assert first.namelist() == second.namelist()
        for name in first.namelist():
            assert without_time(first.read(name).decode(), T1) == without_time(
                second.read(name).decode(), T2
            ), name
        assert {i.date_time for i in first.infolist()} == {T1.timetuple()[:6]}
    created = openpyxl.load_workbook(exports["c"] / "regio.xlsx").properties.created
    assert created == T2.astimezone(UTC).replace(tzinfo=None)


def test_no_cell_can_be_a_formula(exports: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(exports["a"] / "regio.xlsx")["Lessen"]
    risky = [
        cell
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@")
    ]
    assert {cell.value[0] for cell in risky} == {"=", "+", "-", "@"}  # the planted lessons
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    with zipfile.ZipFile(exports["a"] / "regio.xlsx") as archive:
        sheets = [
            archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")
        ]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    assert any("=[naam](1+1) eerst stilstaan" in xml for xml in sheets)


def test_the_english_export(exports: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(exports["en"] / "regio.xlsx")
    assert book.sheetnames == [
        "About this overview",
        "Cases",
        "Patterns",
        "Confirmed patterns",
        "Professionals over time",
        "First court moment",
        "Lessons",
        "Actions",
        "Not read",
    ]
    lessons = [row[0] for row in book["Lessons"].iter_rows(min_row=2, values_only=True)]
    assert any(
        text and text.startswith("Bel [parent ") and "[phone number]" in text for text in lessons
    )
    page = (exports["en"] / "regio.html").read_text("utf-8")
    assert (
        '<html lang="en">' in page and "Lessons learned" in page and "Geleerde lessen" not in page
    )


def test_the_command_refuses_unusable_arguments(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("region", empty, "-o", tmp_path / "out")
    assert (
        result.returncode == 2
        and "Geen werkmappen (.xlsx, .xlsm, .xls of .ods) gevonden" in result.stderr
    )
    assert "Traceback" not in result.stderr
    result = run_cli("region", tmp_path / "bestaat-niet", "-o", tmp_path / "out", "--lang", "en")
    assert result.returncode == 2 and "does not exist" in result.stderr
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    result = run_cli("region", sample_paths()[0], "-o", blocked / "out")
    assert result.returncode == 2 and "kan niet gemaakt of beschreven worden" in result.stderr
    result = run_cli("region", sample_paths()[0], "-o", tmp_path / "out", "--min-count", "0")
    assert result.returncode == 2 and "--min-count" in result.stderr
    assert not (tmp_path / "out" / "regio.xlsx").exists()


def test_a_broken_workbook_alone_still_gives_an_overview(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    summary = export_region([broken], tmp_path / "out", generated_at=T1)
    assert summary.cases == 0 and [s.reason for _, s in summary.skipped] == ["unreadable"]
    assert rows(summary.xlsx, "Niet gelezen")[1][1] == "geen leesbare werkmap"
    page = summary.html.read_text("utf-8")
    assert "Er zijn geen geleerde lessen ingevuld." in page
    assert (
        page.count("Te weinig casussen (minder dan 5) om dit te tonen.") == 6
    )  # every chart says why it is not there, and so do the tables of what people confirmed
    # an empty sheet says why in its first data row
    assert rows(summary.xlsx, "Casussen")[1][0].startswith(
        "Er kon geen enkele werkmap gelezen worden"
    )
    assert rows(summary.xlsx, "Lessen")[1][0] == "Er zijn geen geleerde lessen ingevuld."
    assert (
        rows(summary.xlsx, "Hulpverleners in de tijd")[1][0]
        == "Te weinig casussen (minder dan 5) om dit te tonen."
    )


@pytest.mark.browser
def test_the_page_works_offline_in_a_browser(exports: dict[str, Path], browser: object) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto((exports["a"] / "regio.html").as_uri())
    page.wait_for_selector("#chart-themes .main-svg")
    charts = {
        i: page.locator(f"#{i} .main-svg").count()
        for i in ("chart-patterns", "chart-time", "chart-court", "chart-themes")
    }
    # eight cases: no number of different patterns is shared by five, so a sentence
    # instead of a chart
    spread = (
        page.locator("#chart-spread .main-svg").count(),
        page.locator("#chart-spread-note").inner_text(),
    )
    heatmap_cells = page.locator("#chart-patterns .hm, #chart-patterns image").count()
    # a hidden count is a labelled '<5' box, no bar; the table under the chart says the same
    below = page.locator(
        "#chart-court .annotation-text", has_text=re.compile(r"^verborgen$")
    ).count()
    hidden_patterns = page.locator(
        "#chart-patterns .annotation-text", has_text=re.compile(r"^verborgen$")
    ).count()
    hidden_in_table = (
        page.locator("#patterns table")
        .first.locator("tbody tr", has=page.locator("td", has_text=re.compile(r"^verborgen$")))
        .count()
    )
    shown_bars = page.locator(
        "#chart-patterns text.bartext", has_text=re.compile(r"^\d+%$")
    ).count()
    tables = page.locator("table").count()
    used = page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".flatMap(p => p.data.map(t => t.type || 'scatter'))"
    )
    registered = page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")
    page.screenshot(path=str(ARTIFACTS / "region-overview.png"), full_page=True)
    page.close()
    assert errors == []
    assert requests == [(exports["a"] / "regio.html").as_uri()]
    # eight cases: the patterns and the court rows hide every count (a shown one would tell the
    # hidden zeros), so those two are sentences, not charts
    assert charts["chart-time"] >= 1 and charts["chart-themes"] >= 1, charts
    assert heatmap_cells == 0  # no pattern per case
    assert spread[0] == 0 and spread[1].startswith("Alle aantallen zijn verborgen")
    assert hidden_patterns == 0 and below == 0 and shown_bars == 0
    assert hidden_in_table == len(retro.FLAG_KINDS)
    # years, patterns, pattern spread, confirmed patterns, agreement, cases, time, court, themes,
    # actions (of the Hengelo sample)
    assert tables == 10
    assert set(used) <= set(registered)  # the partial plotly.js bundle has every trace type used


def test_an_earlier_export_in_the_input_folder_is_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "kapot.xlsx").write_bytes(b"geen werkmap")
    for _ in range(2):
        summary = export_region([tmp_path], tmp_path / "overzicht", generated_at=T1)
        assert [path.name for path, _ in summary.skipped] == ["kapot.xlsx"]


def test_deduce_is_not_loaded_when_there_is_no_lesson_to_scrub(tmp_path: Path) -> None:
    rik = next(p for p in sample_paths() if p.stem == "rik")  # a case without lessons
    code = (
        "import sys; from retro.region import export_region; "
        f"summary = export_region([{str(rik)!r}], {str(tmp_path)!r}); "
        "print(summary.cases, summary.lessons, 'deduce' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "0", "False"]


def test_a_script_read_from_standard_input_can_export_in_parallel(tmp_path: Path) -> None:
    """Fresh workers cannot import a script read from stdin (CPython's forkserver would try): then
    it forks."""
    rik = next(p for p in sample_paths() if p.stem == "rik")
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"geen werkmap")
    script = (
        f"from retro.region import export_region\n"
        f"print(export_region([{str(rik)!r}, {str(broken)!r}], {str(tmp_path / 'out')!r}).cases)\n"
    )
    result = subprocess.run(
        [sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]


# --- The rules of what may be shown, on anonymous records made by hand (no workbook, no
# export) ---------


def overview(records: list[AnonymousCase], min_count: int = 2, lang: str = "nl"):
    return region_overview(records, [], min_count, T1, Messages(lang))


def column(table, name: str) -> list:
    return [row[table.columns.index(name)] for row in table.rows]


def test_the_measures_of_one_case_are_bands_never_numbers() -> None:
    table = overview([record(1, professionals=1), record(2, professionals=3)], min_count=2).cases
    assert column(table, "Professionals") == ["0–4", "0–4"]
    assert column(table, "Max. tegelijk actief") == ["0–2", "0–2"]  # 0, in a band with 1 and 2
    assert column(table, "Overdrachten") == ["6 of meer"] * 2
    assert column(table, "Duur (maanden)") == ["24–35"] * 2


def test_a_month_shows_per_case_only_when_the_number_of_cases_that_moved_shows() -> None:
    moved_once = overview([record(1, move=3), record(2), record(3)])
    assert column(moved_once.cases, "Naar gedwongen kader in maand") == ["verborgen"] * 3
    assert moved_once.moved == "verborgen"  # one moved, so two did not: both hidden
    moved_twice = overview([record(1, move=3), record(2, move=8), record(3)])
    assert moved_twice.moved == "verborgen" and moved_twice.compulsory == (
        "Casussen die van vrijwillig naar gedwongen kader gingen: verborgen.",
    )
    assert column(moved_twice.cases, "Naar gedwongen kader in maand") == ["verborgen"] * 3
    two_and_two = overview([record(1, move=3), record(2, move=8), record(3), record(4)])
    assert two_and_two.moved == 2
    assert column(two_and_two.cases, "Naar gedwongen kader in maand") == [
        "0–11",
        "0–11",
        "geen",
        "geen",
    ]


def test_months_to_court_show_per_case_only_when_the_court_table_shows_their_row() -> None:
    months = [0, 1, 6, 7, 12, 13, 24, 25, 36, 40, None, None]  # two in every bin, two without
    labels = ["0 t/m 5 maanden"] * 2 + ["6 t/m 11 maanden"] * 2 + ["12 t/m 23 maanden"] * 2
    labels += ["24 t/m 35 maanden"] * 2 + ["36 maanden of meer"] * 2 + ["geen rechtszaak"] * 2
    full = overview([record(i, court=m) for i, m in enumerate(months, start=1)])
    assert all(isinstance(n, int) for _, n in full.court.rows)
    assert column(full.cases, "Maanden tot eerste rechtszaak") == labels
    # one case in the first bin: hidden, and 11 minus the rest would tell it, so the next smallest
    # bin goes too, under the same word
    one_short = overview([record(i, court=m) for i, m in enumerate(months[1:], start=1)])
    assert one_short.court.rows[:3] == (
        ("0 t/m 5 maanden", "verborgen"),
        ("6 t/m 11 maanden", "verborgen"),
        ("12 t/m 23 maanden", 2),
    )
    assert (
        column(one_short.cases, "Maanden tot eerste rechtszaak") == ["verborgen"] * 3 + labels[4:]
    )


def test_start_years_show_only_when_the_other_years_are_not_a_small_count() -> None:
    years = [2020, 2020, 2021, 2021, 2019]
    alone = overview([record(i, year=y) for i, y in enumerate(years, start=1)])
    # 2019 is one case, and five minus the shown years would tell it: 2020 joins the other years
    assert alone.years.rows == ((2021, 2), ("andere jaren", 3))
    assert column(alone.cases, "Startjaar") == ["verborgen", "verborgen", 2021, 2021, "verborgen"]
    together = overview([record(i, year=y) for i, y in enumerate([*years, 2018], start=1)])
    assert column(together.cases, "Startjaar") == [2020, 2020, 2021, 2021, "verborgen", "verborgen"]
    assert together.years.rows == ((2020, 2), (2021, 2), ("andere jaren", 2))


def _kinds(*first: int) -> tuple[int, ...]:
    """Pattern counts in the order of FLAG_KINDS: the first ones given, the rest 0."""
    return first + (0,) * (len(retro.FLAG_KINDS) - len(first))


def test_patterns_are_counted_across_cases_with_their_share() -> None:
    one, two, other = _kinds(1), _kinds(2, 1), _kinds(1, 0, 1)
    o = overview([record(i, patterns=p) for i, p in enumerate([two, two, other, one, one], 1)])
    assert o.patterns.columns == ("Patroon", "Casussen met dit patroon", "Deel van de casussen (%)")
    # the first pattern is in all five cases, so no case would have none: that hidden zero of the
    # spread table is protected by hiding the first pattern too; the second (two cases) and the
    # third (one) are hidden under the same word, with their shares
    assert o.patterns.rows[0] == ("Besluit vanuit nood", "verborgen", "verborgen")
    assert o.patterns.rows[1][1:] == ("verborgen", "verborgen") == o.patterns.rows[2][1:]
    assert len(o.pattern_spread.rows) == len(retro.FLAG_KINDS) + 1
    assert (
        o.patterns.note
        == "Alle aantallen zijn verborgen: elk getoond aantal zou samen met de andere tabellen een aantal kleiner dan 2 (of een 0) verraden."
    )
    # the spread hides its small counts, and no hidden zero can be told from the patterns
    assert o.pattern_spread.rows[0] == (0, "verborgen")


def test_what_shows_nothing_says_why() -> None:
    few = overview([record(1, court=3, patterns=_kinds(1))], min_count=5, lang="en")
    too_few = "Too few cases (fewer than 5) to show this."
    assert (
        few.patterns.note == few.pattern_spread.note == few.court.note == few.time.note == too_few
    )
    assert few.time.rows == () and few.skipped.note == "Every workbook was read."
    assert few.themes.note == "No lessons learned were filled in." and few.cases.note is None
    nothing = overview([], min_count=5)
    assert nothing.cases.rows == () and nothing.cases.note.startswith(
        "Er kon geen enkele werkmap gelezen worden"
    )


def test_a_bar_chart_has_the_look_of_plotly_white_without_its_template() -> None:
    """The grid and zero line are on the axis of numbers only: plotly.js draws them on a bar
    chart's category axis too once their colour is given there, which plotly_white never did."""
    from retro.region.counts import Bars
    from retro.region.figures import bar_figure

    figure = bar_figure(
        Bars(("a <b>", "b"), (7, None), ("7", "<5")), hidden_hovers={"<5": "minder dan 5"}
    )
    layout = figure["layout"]
    assert "template" not in layout and layout["plot_bgcolor"] == layout["paper_bgcolor"] == "white"
    assert layout["yaxis"]["gridcolor"] == layout["yaxis"]["zerolinecolor"] == "#EBF0F8"
    assert not [key for key in layout["xaxis"] if key.startswith(("grid", "zeroline", "line"))]
    [bar] = figure["data"]
    assert bar["type"] == "bar" and bar["marker"]["line"] == {"color": "white", "width": 0.5}
    assert bar["x"] == ["a &lt;b&gt;", "b"] and bar["y"] == [7, None] and bar["text"] == ["7", ""]
    [box] = layout["annotations"]
    assert (box["x"], box["text"], box["hovertext"]) == ("b", "&lt;5", "minder dan 5")


def test_the_library_raises_domain_errors_with_sentences_in_both_languages(tmp_path: Path) -> None:
    from retro.errors import UsageError
    from retro.messages import describe_error

    empty = tmp_path / "empty"
    empty.mkdir()
    cases = [
        (
            ([empty], tmp_path / "out", {}),
            "region_no_workbooks",
            "No workbooks (.xlsx, .xlsm, .xls or .ods) found in",
        ),
        (([tmp_path / "nope"], tmp_path / "out", {}), "region_path_not_found", "does not exist"),
        (
            (sample_paths()[:1], tmp_path / "out", {"min_count": 0}),
            "region_min_count",
            "a whole number of 1 or more",
        ),
        (
            (sample_paths()[:1], empty / "x.txt" / "out", {}),
            "region_outdir_unusable",
            "cannot be created",
        ),
    ]
    (empty / "x.txt").write_text("a file, not a folder")
    for (paths, outdir, options), code, sentence in cases:
        with pytest.raises(UsageError) as caught:
            export_region(paths, outdir, **options)
        assert caught.value.code == code
        assert sentence in describe_error(caught.value, Messages("en"))
        assert describe_error(caught.value, Messages("nl")) != describe_error(
            caught.value, Messages("en")
        )
