"""The report in the room: on a 1280x800 screen, a 1920x1080 projector and A4 paper, in headless
Chromium (Debian's /usr/bin/chromium).

Each check compares what the browser laid out: the boxes of text (no text over other text), table
cells (no content wider than its cell), the line boxes of each word in the tables (no word broken
inside), the session view moved with the keyboard (one agenda item per screen, in the address), the
charts (no mode bar, network labels free), and the printed PDF (A4 pages counted).  Screenshots and
PDFs go to ``tests/artifacts/`` for a person to look at."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import retro
from retro.report import write_report
from tests.conftest import sample_paths
from tests.test_report_browser import Visit, overlapping_labels

pytestmark = pytest.mark.browser

SAMPLES = {path.stem: path for path in sample_paths()}
SCREENS = ((1280, 800), (1920, 1080))
PRINT_WIDTH = 711  # A4 less the print margins (11 mm each side), in CSS pixels
MOST_PAGES = 12  # for a case of about 60 events, without the appendix of all events

# Boxes of every piece of text (one per line it takes) under ``root``, outside charts and drawings,
# and the pairs of them that overlap (beyond a pixel or two of rounding).
OVERLAPPING_TEXT = """root => {
  const boxes = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('svg, .js-plotly-plot, script, style, .visually-hidden')) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;  // folded, hidden
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 1 && r.height > 1) boxes.push({r: [r.left, r.top, r.right, r.bottom], text: node.textContent.trim().slice(0, 30)});
    }
  }
  boxes.sort((a, b) => a.r[1] - b.r[1]);
  const found = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length && boxes[j].r[1] < boxes[i].r[3]; j++) {
      const a = boxes[i].r, b = boxes[j].r;
      const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      if (w > 2 && h > 3) found.push([boxes[i].text, boxes[j].text]);
    }
  }
  return found.slice(0, 10);
}"""
# Cells of the shown tables whose content is wider than the cell, and tables wider than their box.
OVERFLOWING_CELLS = """() => {
  const shown = Array.from(document.querySelectorAll('main table')).filter(t => t.checkVisibility());
  const cells = shown.flatMap(t => Array.from(t.querySelectorAll('td, th')))
    .filter(c => c.checkVisibility() && c.scrollWidth > c.clientWidth + 1)
    .map(c => c.textContent.trim().slice(0, 30));
  const tables = shown.filter(t => t.getBoundingClientRect().width > t.parentElement.clientWidth + 1)
    .map(t => t.className);
  return cells.concat(tables);
}"""
# Words of the tables' cells whose letters sit on more than one line (a break at a hyphen is a
# break between words), and cells that would hyphenate or break anywhere by style.
BROKEN_WORDS = """selector => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    if (!cell.checkVisibility()) continue;
    const style = getComputedStyle(cell);
    if (style.hyphens === 'auto' || style.wordBreak === 'break-all') broken.push('style: ' + cell.textContent.slice(0, 20));
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walker.nextNode())) {
      const words = /[^\\s\\-–/]+/g;
      let m;
      while ((m = words.exec(node.textContent))) {
        if (m[0].includes('\u00ad')) continue;  // a soft hyphen: hyphenation chosen by hand
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(m[0]);
      }
    }
  }
  return broken;
}"""
# The shown slide of the session view: its id, whether it scrolls, the smallest type on it, and the
# lowest contrast between a text and the background behind it.
SLIDE = """() => {
  const slide = document.querySelector('#session-view .slide:not([hidden])');
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const v = rgb(c).slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const behind = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; const v = rgb(c);
                         if (v.length === 3 || v[3] > 0) return c; } return 'rgb(255, 255, 255)'; };
  let smallest = 1e9, contrast = 1e9, weakest = '';
  const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const el = node.parentElement;
    if (!node.textContent.trim() || !el.checkVisibility({visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    smallest = Math.min(smallest, parseFloat(style.fontSize));
    const a = lum(style.color), b = lum(behind(el));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < contrast) { contrast = ratio; weakest = node.textContent.trim().slice(0, 30); }
  }
  const shown = document.querySelectorAll('#session-view .slide:not([hidden])').length;
  return {id: slide.id, shown: shown, scrolls: slide.scrollHeight > slide.clientHeight + 1,
          smallest: smallest, contrast: contrast, weakest: weakest, hash: location.hash,
          report: document.getElementById('main').getClientRects().length > 0};
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("room")
    return {
        name: write_report(retro.analyse(retro.load_case(path)), folder / f"{name}.html", "nl")
        for name, path in SAMPLES.items()
    }


def open_page(browser: object, path: Path, width: int, height: int) -> Visit:
    visit = Visit(browser, path, width, height)
    visit.page.wait_for_timeout(300)
    return visit


def check_layout(page: object) -> None:
    """No text over other text, no cell content wider than its cell, no word broken in a table."""
    assert page.locator("main").evaluate(OVERLAPPING_TEXT) == []  # type: ignore[attr-defined]
    assert page.evaluate(OVERFLOWING_CELLS) == []  # type: ignore[attr-defined]
    assert page.evaluate(BROKEN_WORDS, "main td, main th") == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("width, height", SCREENS)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_report_reads_on_a_screen_and_a_projector(
    name: str, width: int, height: int, browser, reports, artifacts: Path
) -> None:
    visit = open_page(browser, reports[name], width, height)
    page = visit.page
    check_layout(page)
    assert page.locator(".modebar").count() == 0  # no mode bar over any legend
    page.locator("#timeline-chart").hover()
    assert page.locator(".modebar").count() == 0
    assert overlapping_labels(page) == []
    dates = page.locator("#event-table td.when").evaluate_all(
        "cells => cells.filter(c => c.getClientRects().length > 0 && "
        "getComputedStyle(c).whiteSpace !== 'nowrap').length"
    )
    assert dates == 0  # a date never wraps
    page.screenshot(path=artifacts / f"room-{name}-{width}.png", full_page=True)
    assert visit.errors == [] and visit.requests == [visit.url]
    page.close()


def _slides(page: object) -> Iterator[dict]:
    """Each screen of the session view in turn, moving on with the arrow key."""
    total = page.locator("#session-view .slide").count()  # type: ignore[attr-defined]
    for n in range(1, total + 1):
        state = page.evaluate(SLIDE)  # type: ignore[attr-defined]
        assert state["id"] == f"sessie-{n}" and state["hash"] == f"#sessie-{n}"
        yield state
        page.keyboard.press("ArrowRight")  # type: ignore[attr-defined]


@pytest.mark.parametrize("width, height", SCREENS)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_session_view_shows_one_item_per_screen_readable_from_the_back(
    name: str, width: int, height: int, browser, reports, artifacts: Path
) -> None:
    visit = open_page(browser, reports[name], width, height)
    page = visit.page
    page.keyboard.press("s")
    for state in _slides(page):
        assert state["shown"] == 1 and not state["report"]
        assert not state["scrolls"], state["id"]  # the whole item on one screen
        assert state["smallest"] >= 0.0175 * height, state  # large type for the back of a room
        assert state["contrast"] >= 7, state  # black on white, WCAG AAA
        slide = page.locator(f"#{state['id']}")
        assert slide.evaluate(OVERLAPPING_TEXT) == [], state["id"]
        if state["id"] in ("sessie-1", "sessie-3", "sessie-6"):
            page.screenshot(path=artifacts / f"room-{name}-{state['id']}-{width}.png")
    assert visit.errors == [] and visit.requests == [visit.url]
    page.close()


def test_the_session_view_moves_with_the_keyboard_and_keeps_its_place(browser, reports) -> None:
    visit = open_page(browser, reports["hengelo"], 1280, 800)
    page = visit.page
    assert page.locator("#session-view").is_hidden()
    page.locator("#event-table").scroll_into_view_if_needed()
    where = page.evaluate("window.scrollY")
    page.keyboard.press("s")

    def shown() -> str:
        return page.evaluate(SLIDE)["id"]

    assert shown() == "sessie-1" and page.evaluate("location.hash") == "#sessie-1"
    for key, expected in (
        ("ArrowRight", 2),
        ("PageDown", 3),
        ("ArrowLeft", 2),
        ("PageUp", 1),
        ("PageUp", 1),  # the first screen stays
        ("End", page.locator(".slide").count()),
        ("Home", 1),
        (" ", 2),
    ):
        page.keyboard.press(key)
        assert shown() == f"sessie-{expected}", key
        assert page.locator("#session-view .slide:not([hidden])").count() == 1
    page.locator("#session-next").click()
    assert shown() == "sessie-3"
    page.keyboard.press("Escape")
    assert page.locator("#session-view").is_hidden() and page.locator("#main").is_visible()
    assert page.evaluate("location.hash") == "" and page.evaluate("window.scrollY") == where
    assert page.evaluate("document.activeElement.id") == "session-open"
    # the address holds the screen: a reload stays there
    page.goto(visit.url + "#sessie-4")
    page.reload()
    page.wait_for_timeout(300)
    assert page.locator("#session-view").is_visible() and shown() == "sessie-4"
    page.keyboard.press("Escape")
    # the agenda's links open the view at their item
    link = page.locator("#agenda a.to-session").nth(3)
    target = link.get_attribute("href")
    link.click()
    page.wait_for_function("!document.getElementById('session-view').hidden")
    assert "#" + shown() == target
    page.keyboard.press("Escape")
    page.wait_for_function("document.getElementById('session-view').hidden && !location.hash")
    # typing in a field is not a shortcut
    page.locator("#filter-actor").focus()
    page.keyboard.press("s")
    page.wait_for_timeout(200)
    assert page.locator("#session-view").is_hidden()
    assert visit.errors == [] and set(visit.requests) == {visit.url}  # reloaded, nothing else
    page.close()


def _print_layout(page: object) -> None:
    """Print as from the reader's screen, then lay the page out at the width of A4's text."""
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # type: ignore[attr-defined]
    page.wait_for_timeout(400)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_on_a4_nothing_overlaps_and_the_event_table_is_the_last_appendix(
    name: str, browser, reports, artifacts: Path
) -> None:
    visit = open_page(browser, reports[name], 1280, 800)
    page = visit.page
    _print_layout(page)
    check_layout(page)
    assert overlapping_labels(page) == []  # the network's labels, drawn for the page
    numbers = page.locator(".toc .toc-number").all_inner_texts()
    assert numbers == [f"{n}." for n in range(1, len(numbers) + 1)]  # from 1, the appendix last
    assert page.locator(".toc ol").evaluate("ol => ol.scrollWidth <= ol.clientWidth")
    assert all(
        page.locator(".toc li").evaluate_all(
            "items => items.map(li => { const n = li.querySelector('.toc-number').getBoundingClientRect();"
            " return n.left >= li.closest('nav').getBoundingClientRect().left; })"
        )
    )  # no number cut off on the left
    tops = page.evaluate(
        "['appendix', 'events'].map(id => document.getElementById(id).getBoundingClientRect().top)"
    )
    assert tops[0] < tops[1]  # printed after every other section
    assert page.locator("#events h2").inner_text().startswith(numbers[-1])
    markers = page.evaluate(
        "Array.from(document.querySelectorAll('summary')).filter(s => s.checkVisibility())"
        ".map(s => getComputedStyle(s).listStyleType)"
    )
    assert set(markers) <= {"none"}  # no disclosure triangle on paper
    page.pdf(path=artifacts / f"room-{name}-with-table.pdf", format="A4", print_background=True)
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")  # the reader leaves the table out before printing
    page.set_viewport_size({"width": 1280, "height": 800})
    page.wait_for_timeout(800)  # the charts back at the screen's size
    page.locator("#print-table").uncheck()
    _print_layout(page)
    assert page.locator("#events").is_hidden() and page.locator(".toc-events").is_hidden()
    page.pdf(path=artifacts / f"room-{name}.pdf", format="A4", print_background=True)
    with_table = _pages((artifacts / f"room-{name}-with-table.pdf").read_bytes())
    without = _pages((artifacts / f"room-{name}.pdf").read_bytes())
    assert 0 < without < with_table
    events = len(retro.load_case(SAMPLES[name]).events)
    if events <= 60:
        assert without <= MOST_PAGES, (name, events, without)
    assert visit.errors == []
    page.close()


def test_the_first_printed_page_is_full(browser, reports) -> None:
    """The title, the contents and the learning questions share the first page, and what follows
    starts on it too: no page is forced before the timeline."""
    visit = open_page(browser, reports["hengelo"], 1280, 800)
    page = visit.page
    _print_layout(page)
    breaks = page.evaluate(
        "Array.from(document.querySelectorAll('header, nav.toc, main > section'))"
        ".filter(e => e.id !== 'events')"
        ".map(e => getComputedStyle(e).breakBefore + ' ' + getComputedStyle(e).breakAfter)"
    )
    assert not [b for b in breaks[:4] if "page" in b]  # header, contents, questions, timeline
    first_page = 297 - 21  # mm of content on an A4 page
    px = first_page / 25.4 * 96
    bottom = page.evaluate("document.getElementById('questions').getBoundingClientRect().bottom")
    assert bottom < px  # the questions end on the first page ...
    assert page.evaluate("document.getElementById('timeline').getBoundingClientRect().top") < px
    page.close()
