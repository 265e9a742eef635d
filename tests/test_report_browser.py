"""The report of every sample case in headless Chromium (Debian's /usr/bin/chromium).

Each report must load with no console errors and no request but the file itself, show every section,
draw the timeline and network charts, and mark a flag's events in the chart and the table when its
button is clicked.  Screenshots (screen and print) go to ``tests/artifacts/`` for a person to look
at."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import pytest

import retro
from retro.config import load_config
from retro.html import PLOTLY_FOLDER, PLOTLY_TRACES
from retro.messages import Messages
from retro.report import report_context, write_report
from retro.report.context import SECTIONS
from tests.conftest import sample_paths

pytestmark = pytest.mark.browser

SAMPLES = {path.stem: path for path in sample_paths()}
# per labelled point of the network chart: its label's box and its marker's box, in page pixels
NETWORK_LABELS = """plot => Array.from(plot.querySelectorAll('.scatterlayer .trace')).flatMap(trace => {
  const points = Array.from(trace.querySelectorAll('.points path.point'));
  return Array.from(trace.querySelectorAll('.textpoint text')).map((text, i) => {
    const a = text.getBoundingClientRect(), b = points[i].getBoundingClientRect();
    return {label: text.textContent, text: [a.left, a.top, a.right, a.bottom], point: [b.left,
    b.top, b.right, b.bottom]};
  });
})"""


def _overlap(a: list[float], b: list[float], margin: float = 0) -> bool:
    return (
        a[0] < b[2] - margin
        and b[0] < a[2] - margin
        and a[1] < b[3] - margin
        and b[1] < a[3] - margin
    )


def overlapping_labels(page: object) -> list[tuple[str, str]]:
    """Pairs of network labels that overlap each other, or a label that covers another party's
    marker."""
    nodes = page.locator("#network-chart").evaluate(NETWORK_LABELS)  # type: ignore[attr-defined]
    found = [
        (a["label"], b["label"])
        for a, b in combinations(nodes, 2)
        if _overlap(a["text"], b["text"])
    ]
    return found + [
        (a["label"], "marker " + b["label"])
        for a in nodes
        for b in nodes
        if a is not b and _overlap(a["text"], b["point"], 1)
    ]


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """The Dutch report of every sample case and the English one of the first, written once."""
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for n, (name, path) in enumerate(SAMPLES.items()):
        analysis = retro.analyse(retro.load_case(path))
        for lang in ("nl", "en") if n == 0 else ("nl",):
            written[(name, lang)] = write_report(analysis, folder / f"{name}-{lang}.html", lang)
    return written


class Visit:
    """One page load, with everything the page logged and asked for."""

    def __init__(self, browser: object, path: Path, width: int = 1400, height: int = 900) -> None:
        self.page = browser.new_page(viewport={"width": width, "height": height})  # type: ignore[attr-defined]
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []  # an alert() would mean injected script ran
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on(
            "console",
            lambda m: (
                self.errors.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning")
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.route("**/*", self._route)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_selector("#timeline-chart .main-svg")

    def _route(self, route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        self.requests.append(request.url)
        if request.url == self.url:
            route.continue_()  # type: ignore[attr-defined]
        else:
            route.abort()  # type: ignore[attr-defined]


@pytest.fixture
def visit(browser: object) -> Iterator[object]:
    pages: list[Visit] = []

    def open_page(path: Path) -> Visit:
        pages.append(Visit(browser, path))
        return pages[-1]

    yield open_page
    for v in pages:
        v.page.close()


@pytest.fixture(scope="module")
def hengelo_page(browser: object, reports) -> Iterator[Visit]:
    """One loaded Hengelo report shared by the interaction tests (each starts from a clean
    state)."""
    v = Visit(browser, reports[("hengelo", "nl")])
    yield v
    v.page.close()


@pytest.fixture
def page(hengelo_page: Visit) -> object:
    p = hengelo_page.page
    if p.locator("#highlight-bar").is_visible():
        p.locator("#highlight-clear").click()
    p.locator("#filter-clear").click()
    assert p.locator("#event-table tr.is-marked").count() == 0
    yield p
    assert hengelo_page.errors == [] and hengelo_page.requests == [hengelo_page.url]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_report_loads_offline_with_every_section_and_both_charts(
    name: str, reports, visit, artifacts: Path
) -> None:
    v = visit(reports[(name, "nl")])
    assert v.errors == [] and v.dialogs == []
    assert v.requests == [v.url]  # nothing but the file itself
    for section in ("header", *SECTIONS):
        assert v.page.locator(f"#{section}").is_visible(), section
    assert v.page.locator("#timeline-chart .scatterlayer .trace .point").count() >= len(
        retro.load_case(SAMPLES[name]).events
    )
    assert v.page.locator("#network-chart .scatterlayer .trace .point").count() >= len(
        retro.load_case(SAMPLES[name]).actors
    )
    assert v.page.locator("#helpers-chart .scatterlayer .trace").count() >= 1
    assert v.page.locator("#network-chart .textpoint").count() == len(
        retro.load_case(SAMPLES[name]).actors
    )
    assert (
        overlapping_labels(v.page) == []
    )  # readable on a projector: every party's name stands free
    v.page.locator("#network figure").screenshot(path=artifacts / f"report-{name}-network.png")
    v.page.screenshot(path=artifacts / f"report-{name}-screen.png", full_page=True)
    v.page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    v.page.wait_for_timeout(300)
    v.page.emulate_media(media="print")
    v.page.wait_for_timeout(300)
    assert not v.page.locator("#filter-actor").is_visible()  # controls are not printed
    widths = v.page.evaluate(
        "Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p._fullLayout.width)"
    )
    assert len(widths) == 3 and max(widths) <= 718  # drawn for A4 less the print margins, at 96 dpi
    v.page.screenshot(path=artifacts / f"report-{name}-print.png", full_page=True)
    assert v.errors == []


def test_clicking_a_flag_rings_its_events_in_the_chart_and_marks_its_rows(page) -> None:
    button = page.locator(".show-flag").first
    flag = button.locator("xpath=ancestor::article")
    cited = flag.locator(".evidence a.event-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert cited
    assert (
        page.evaluate(
            "document.getElementById('timeline-chart').data.find(t => t.uid === 'selected').x.length"
        )
        == 0
    )
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    marked = page.locator("#event-table tr.is-marked").evaluate_all(
        "rows => rows.map(r => '#' + r.id)"
    )
    assert set(cited) <= set(marked)
    selected = page.evaluate(
        "document.getElementById('timeline-chart').data.find(t => t.uid === 'selected').x.length"
    )
    assert selected >= 1
    ring_points = (
        page.locator("#timeline-chart .scatterlayer .trace").last.locator(".point").count()
    )
    assert ring_points == selected  # drawn, not only in the data
    assert page.locator("#highlight-bar").is_visible()
    page.locator("#highlight-clear").click()
    assert page.locator("#event-table tr.is-marked").count() == 0
    assert page.locator("#highlight-bar").is_hidden()
    assert (
        page.evaluate(
            "document.getElementById('timeline-chart').data.find(t => t.uid === 'selected').x.length"
        )
        == 0
    )


TRACE_TYPES = "Array.from(document.querySelectorAll('.js-plotly-plot')).flatMap(p => p.data.map(t => t.type || 'scatter'))"


def test_the_plotly_bundle_draws_every_trace_type_the_charts_use(page) -> None:
    """The partial bundle registers exactly the trace types retro allows, and the charts use no
    other (a trace type it lacks would draw nothing)."""
    registered = page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")
    assert set(registered) == PLOTLY_TRACES
    assert set(page.evaluate(TRACE_TYPES)) <= set(registered)
    package = json.loads((PLOTLY_FOLDER / "package.json").read_text("utf-8"))
    assert page.evaluate("Plotly.version") == package["version"]


def test_a_summarised_table_still_marks_a_flags_rows(browser, tmp_path: Path) -> None:
    config = load_config(overrides={"report": {"max_table_events": 12, "max_chart_events": 12}})
    analysis = retro.analyse(retro.load_case(SAMPLES["hengelo"], config), config)
    report = write_report(analysis, tmp_path / "samengevat.html", "nl")
    data = report_context(analysis, "nl")["data"]["flags"]
    n, flag = next((n, f) for n, f in enumerate(data) if f["rows"])
    v = Visit(browser, report)
    assert v.page.locator("#event-table tbody tr").count() == 12
    v.page.locator(f'.show-flag[data-flag="{n}"]').click()
    marked = v.page.locator("#event-table tr.is-marked").evaluate_all("rows => rows.map(r => r.id)")
    assert marked == [f"ev-{row}" for row in flag["rows"]]
    assert v.page.locator("#timeline-chart .scatterlayer .trace").last.locator(".point").count()
    assert v.errors == [] and v.requests == [v.url]
    v.page.close()


def test_printing_fits_the_charts_to_the_page_and_restores_them(page, artifacts: Path) -> None:
    charts = (
        "Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p._fullLayout.width)"
    )
    on_screen = page.evaluate(charts)
    assert min(on_screen) > 1000
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.wait_for_timeout(300)
    assert page.evaluate(charts) == [700, 700, 700]
    assert page.locator("details[data-print='open']").evaluate_all("ds => ds.every(d => d.open)")
    page.pdf(path=artifacts / "report-hengelo.pdf", format="A4", print_background=True)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_timeout(500)
    assert page.evaluate(charts) == on_screen
    heights = (
        "Array.from(document.querySelectorAll('.js-plotly-plot')).map(p => p._fullLayout.height)"
    )
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # printing again
    page.wait_for_timeout(300)
    assert page.evaluate(charts) == [700, 700, 700] and max(page.evaluate(heights)) <= 640
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.wait_for_timeout(500)
    assert (artifacts / "report-hengelo.pdf").read_bytes().count(b"/Type /Page") > 5


def test_keyboard_reaches_and_presses_a_flag_button(page) -> None:
    button = page.locator(".show-flag").first
    button.focus()
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("#event-table tr.is-marked").count() >= 1


def test_filters_narrow_the_table_by_actor_and_type(page) -> None:
    total = page.locator("#event-table tbody tr").count()
    page.select_option("#filter-type", "case_conference")
    shown = page.locator("#event-table tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert set(shown.evaluate_all("rows => rows.map(r => r.dataset.type)")) == {"case_conference"}
    assert str(shown.count()) in page.locator("#filter-status").inner_text()
    page.select_option("#filter-type", "")
    page.select_option("#filter-actor", label="JB")
    texts = shown.evaluate_all("rows => rows.map(r => r.cells[3].innerText)")  # who, with whom
    assert texts and all("JB" in t for t in texts)
    page.locator("#filter-clear").click()
    assert page.locator("#event-table tbody tr:not([hidden])").count() == total


def test_learning_question_marks_its_events(page) -> None:
    question = page.locator(".question").first
    linked = question.locator("a.event-link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    question.locator(".show-question").click()
    marked = page.locator("#event-table tr.is-marked").evaluate_all(
        "rows => rows.map(r => '#' + r.id)"
    )
    assert marked == linked


def test_english_report_headings(reports, visit, artifacts: Path) -> None:
    name = next(iter(SAMPLES))
    v = visit(reports[(name, "en")])
    headings = v.page.locator("h1, h2, h3").all_inner_texts()
    dutch = [Messages("nl")(f"report.sections.{s}") for s in SECTIONS]
    english = [Messages("en")(f"report.sections.{s}") for s in SECTIONS]
    assert not [h for h in headings if any(d in h for d in dutch)]
    assert all(any(e in h for h in headings) for e in english)
    assert v.errors == [] and v.requests == [v.url]
    v.page.screenshot(path=artifacts / f"report-{name}-en-screen.png", full_page=True)


def test_text_from_the_workbook_stays_text_in_the_browser(browser, tmp_path: Path) -> None:
    from tests.workbooks import valid_sheets, write_workbook

    sheets = valid_sheets()
    sheets["Tijdlijn"][1][5] = "<script>alert('x')</script> Moeder belt"
    sheets["Tijdlijn"][2][5] = '<img src=x onerror="alert(1)"> Vader mailt'
    sheets["Betrokkenen"][4][0] = "<b>JB</b>"
    for row in sheets["Tijdlijn"][1:]:
        row[3] = "<b>JB</b>" if row[3] == "JB" else row[3]
    workbook = write_workbook(tmp_path / "hostile.xlsx", sheets)
    report = write_report(retro.analyse(retro.load_case(workbook)), tmp_path / "hostile.html", "nl")
    v = Visit(browser, report)
    v.page.wait_for_timeout(300)
    cells = v.page.locator("#event-table tbody td:nth-child(5)").all_inner_texts()
    assert cells[0].splitlines()[0] == "<script>alert('x')</script> Moeder belt" and cells[
        1
    ].startswith("<img src=x")
    assert (
        v.page.locator("#event-table tbody td:nth-child(4) .actor").first.inner_text()
        == "<b>JB</b>"
    )
    ticks = v.page.locator("#timeline-chart .ytick text").all_text_contents()
    assert "<b>JB</b>" in ticks  # plotly shows the tags as text, not as bold
    assert v.dialogs == [] and v.errors == [] and v.requests == [v.url]
    v.page.close()
