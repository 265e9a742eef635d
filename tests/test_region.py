"""The regional export: what the overview holds, small counts hidden, determinism, formulas as
text, the English export, the command's errors, and the page in headless Chromium.

Eight cases (the four samples, each planted with two families, so eight different workbooks)
are exported a few times in this process, so deduce loads once.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from datetime import datetime, timezone
from pathlib import Path
from statistics import median
from typing import Any

import openpyxl
import pytest

import retro
from retro.anonymise import case_code
from retro.region import export_region
from tests.conftest import ARTIFACTS, sample_paths, run_cli
from tests.region_cases import FAMILIES, built_once, plant

T1, T2 = datetime(2026, 11, 24, 9, 30), datetime(2027, 1, 2, 14, 5)
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def _build(root: Path) -> dict[str, str]:
    """Eight cases exported four times: twice alike, once in one process and later, once in English."""
    cases = root / "cases"
    cases.mkdir()
    for family in FAMILIES[:2]:
        for sample in sample_paths():
            plant(sample, cases / f"{sample.stem}-{family}.xlsx", family)
    config = retro.load_config()
    export_region([cases], root / "a", generated_at=T1)
    export_region([cases], root / "b", generated_at=T1)
    export_region(sorted(cases.iterdir()), root / "c", generated_at=T2,
                  config={**config, "region": {**config["region"], "workers": 1}})
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


def rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def analyses(folder: Path) -> list[retro.Analysis]:
    return [retro.analyse(retro.load_case(path)) for path in sorted(folder.glob("*.xlsx"))]


def test_the_overview_holds_one_row_per_case_by_code(exports: dict[str, Path], cases: Path) -> None:
    table = rows(exports["a"] / "regio.xlsx", "Casussen")
    key = retro.load_config()["region"]["code_key"]
    expected = sorted(str(case_code(p.read_bytes(), key)) for p in cases.glob("*.xlsx"))
    assert [row[0] for row in table[1:]] == expected  # every case, in the order of its code
    found = {str(case_code(p.read_bytes(), key)): a for p, a in zip(sorted(cases.glob("*.xlsx")), analyses(cases))}
    for row in table[1:]:
        analysis = found[row[0]]
        assert row[1] == "verborgen"  # no start year is shared by five cases
        assert row[2] == len(analysis.case.events)
        assert row[5] == analysis.measures.max_helpers and row[6] == analysis.measures.handovers
        assert list(row[10:]) == [sum(f.kind == k for f in analysis.flags) for k in retro.FLAG_KINDS]


def test_counts_below_min_count_are_shown_as_below(exports: dict[str, Path], cases: Path) -> None:
    all_analyses = analyses(cases)
    patterns = rows(exports["a"] / "regio.xlsx", "Patronen")[1:]
    for kind, row in zip(retro.FLAG_KINDS, patterns):
        with_pattern = sum(any(f.kind == kind for f in a.flags) for a in all_analyses)
        assert row[1] == (with_pattern if with_pattern >= 5 else "<5"), kind
        assert row[3] == (f"{round(100 * with_pattern / 8)}%" if with_pattern >= 5 else None)
    assert any(row[1] == "<5" for row in patterns) and any(isinstance(row[1], int) for row in patterns)
    about = rows(exports["a"] / "regio.xlsx", "Over dit overzicht")
    assert ("andere jaren", 8) in about  # eight cases together, but no year shared by five
    court = dict(rows(exports["a"] / "regio.xlsx", "Eerste rechtszaak")[1:])
    firsts = [min((e.start for e in a.case.events if e.type == "legal" or "Rechtbank" in e.participants), default=None)
              for a in all_analyses]
    months = [None if f is None else (f.year - a.case.start.year) * 12 + f.month - a.case.start.month
              for f, a in zip(firsts, all_analyses)]
    in_first_year = sum(m is not None and m < 12 for m in months)
    shown = [v for k, v in court.items() if k in ("0 tot 5 maanden", "6 tot 11 maanden")]
    assert sum(v for v in shown if isinstance(v, int)) <= in_first_year
    assert all(v == "<5" or v >= 5 for v in court.values())


def test_a_start_year_shows_only_when_min_count_cases_share_it(cases: Path, tmp_path: Path) -> None:
    export_region([cases], tmp_path, min_count=4, generated_at=T1)
    years = {a.case.start.year for a in analyses(cases)}
    table = rows(tmp_path / "regio.xlsx", "Casussen")[1:]
    shared = {2020}  # ayla and rik start in 2020, in both families: four cases
    assert years == {2018, 2019, 2020}
    assert sorted(row[1] for row in table if row[1] != "verborgen") == [2020] * 4
    about = rows(tmp_path / "regio.xlsx", "Over dit overzicht")
    assert (2020, 4) in about and ("andere jaren", 4) in about and shared


def test_professionals_over_time_are_percentiles_of_open_cases(exports: dict[str, Path], cases: Path) -> None:
    series = [[n for _, n in a.measures.helpers_over_time] for a in analyses(cases)]
    table = rows(exports["a"] / "regio.xlsx", "Hulpverleners in de tijd")[1:]
    assert table, "eight cases are enough to show months"
    for month, open_cases, middle, *_ in table:
        values = [s[month] for s in series if len(s) > month]
        assert open_cases == len(values) >= 5
        assert middle == median(values)
    assert len(table) == sum(1 for m in range(max(map(len, series))) if sum(len(s) > m for s in series) >= 5)


def test_the_same_input_gives_the_same_bytes(exports: dict[str, Path]) -> None:
    for name in ("regio.xlsx", "regio.html"):
        assert (exports["a"] / name).read_bytes() == (exports["b"] / name).read_bytes(), name


def test_only_the_timestamp_differs_between_runs_and_worker_counts(exports: dict[str, Path]) -> None:
    def without_time(text: str, when: datetime) -> str:
        utc = when.astimezone(timezone.utc)
        for form in ("%d-%m-%Y %H:%M", "%Y-%m-%dT%H:%M:%SZ"):
            text = text.replace(when.strftime(form), "<time>").replace(utc.strftime(form), "<time>")
        return text

    a = (exports["a"] / "regio.html").read_text("utf-8")
    c = (exports["c"] / "regio.html").read_text("utf-8")
    assert a != c and without_time(a, T1) == without_time(c, T2)
    with zipfile.ZipFile(exports["a"] / "regio.xlsx") as first, zipfile.ZipFile(exports["c"] / "regio.xlsx") as second:
        assert first.namelist() == second.namelist()
        for name in first.namelist():
            assert without_time(first.read(name).decode(), T1) == without_time(second.read(name).decode(), T2), name
        assert {i.date_time for i in first.infolist()} == {T1.timetuple()[:6]}
    created = openpyxl.load_workbook(exports["c"] / "regio.xlsx").properties.created
    assert created == T2.astimezone(timezone.utc).replace(tzinfo=None)


def test_no_cell_can_be_a_formula(exports: dict[str, Path]) -> None:
    sheet = openpyxl.load_workbook(exports["a"] / "regio.xlsx")["Lessen"]
    risky = [cell for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@")]
    assert {cell.value[0] for cell in risky} == {"=", "+", "-", "@"}  # the planted lessons
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in risky)
    with zipfile.ZipFile(exports["a"] / "regio.xlsx") as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets)
    assert any("=[naam](1+1) eerst stilstaan" in xml for xml in sheets)


def test_the_english_export(exports: dict[str, Path]) -> None:
    book = openpyxl.load_workbook(exports["en"] / "regio.xlsx")
    assert book.sheetnames == ["About this overview", "Cases", "Patterns", "Professionals over time",
                               "First court moment", "Lessons", "Not read"]
    lessons = [row[2] for row in book["Lessons"].iter_rows(min_row=2, values_only=True)]
    assert any(text and text.startswith("Bel [parent ") and "[phone number]" in text for text in lessons)
    page = (exports["en"] / "regio.html").read_text("utf-8")
    assert '<html lang="en">' in page and "Lessons learned" in page and "Geleerde lessen" not in page


def test_the_command_refuses_unusable_arguments(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run_cli("region", empty, "-o", tmp_path / "out")
    assert result.returncode == 2 and "Geen werkmappen (.xlsx) gevonden" in result.stderr
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
    assert "Er zijn geen geleerde lessen ingevuld." in summary.html.read_text("utf-8")


@pytest.mark.browser
def test_the_page_works_offline_in_a_browser(exports: dict[str, Path]) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (./dev test installs it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto((exports["a"] / "regio.html").as_uri())
        page.wait_for_selector("#chart-themes .main-svg")
        charts = {i: page.locator(f"#{i} .main-svg").count() for i in ("chart-patterns", "chart-time", "chart-court",
                                                                        "chart-themes")}
        heatmap_cells = page.locator("#chart-patterns .hm, #chart-patterns image").count()
        below = page.locator("#chart-court text.bartext", has_text=re.compile(r"^<5$")).count()
        tables = page.locator("table").count()
        page.screenshot(path=str(ARTIFACTS / "region-overview.png"), full_page=True)
        browser.close()
    assert errors == []
    assert requests == [(exports["a"] / "regio.html").as_uri()]
    assert all(n >= 1 for n in charts.values()), charts
    assert heatmap_cells >= 1 and below >= 1 and tables == 6  # years, patterns, cases, time, court, themes


def test_an_earlier_export_in_the_input_folder_is_not_read_again(tmp_path: Path) -> None:
    (tmp_path / "kapot.xlsx").write_bytes(b"geen werkmap")
    for _ in range(2):
        summary = export_region([tmp_path], tmp_path / "overzicht", generated_at=T1)
        assert [path.name for path, _ in summary.skipped] == ["kapot.xlsx"]


def test_deduce_is_not_loaded_when_there_is_no_lesson_to_scrub(tmp_path: Path) -> None:
    rik = next(p for p in sample_paths() if p.stem == "rik")  # a case without lessons
    code = ("import sys; from retro.region import export_region; "
            f"summary = export_region([{str(rik)!r}], {str(tmp_path)!r}); "
            "print(summary.cases, summary.lessons, 'deduce' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1", "0", "False"]


def test_a_script_read_from_standard_input_can_export_in_parallel(tmp_path: Path) -> None:
    """Fresh workers cannot import a script read from stdin (CPython's forkserver would try): then it forks."""
    rik = next(p for p in sample_paths() if p.stem == "rik")
    broken = tmp_path / "kapot.xlsx"
    broken.write_bytes(b"geen werkmap")
    script = (f"from retro.region import export_region\n"
              f"print(export_region([{str(rik)!r}, {str(broken)!r}], {str(tmp_path / 'out')!r}).cases)\n")
    result = subprocess.run([sys.executable, "-"], input=script, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["1"]
