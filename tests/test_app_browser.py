"""``retro app`` in Debian's Chromium, as a facilitator uses it, against the running app.

Drop a sample (see "in orde"), drop a broken workbook (see its problems with their rows), set a
verdict and download the workbook (read the verdict back with openpyxl; every other sheet the same),
view and download the report, make the regional overview of three samples (and see a file that is
no workbook skipped with its reason), switch to English, and move with the keyboard.  Screenshots
at 1280x800 go to ``tests/artifacts/app-*.png`` for a person to look at."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from tests.app_running import RunningApp, running_app
from tests.conftest import SAMPLES
from tests.test_app_security import broken_workbook

pytestmark = pytest.mark.browser

HENGELO = SAMPLES / "hengelo.xlsx"
VIEWPORT = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningApp]:
    with running_app(tmp_path_factory.mktemp("app-browser")) as running:
        yield running


@pytest.fixture
def page(browser: object, app: RunningApp) -> Iterator[object]:
    """A page that opened the app's address (with its token), logging errors and outside
    requests."""
    context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.errors = []
    tab.outside = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on(
        "console",
        # a page that shows a user's mistake answers 400 or 413, which the browser logs
        lambda m: (
            tab.errors.append(m.text)
            if m.type == "error" and not re.search(r"status of (400|413)", m.text)
            else None
        ),
    )
    tab.on(
        "request",
        lambda r: tab.outside.append(r.url) if not r.url.startswith((app.base, "blob:")) else None,
    )
    tab.goto(app.address)
    assert tab.url == app.base + "/"  # the token left the address bar
    yield tab
    assert tab.errors == []
    assert tab.outside == []
    context.close()


def drop_file(page: object, selector: str, path: Path) -> None:
    """Drag a file from the computer onto a drop zone (a real drop event with a DataTransfer)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    transfer = page.evaluate_handle(  # type: ignore[attr-defined]
        """([name, data]) => {
            const bytes = Uint8Array.from(atob(data), c => c.charCodeAt(0));
            const transfer = new DataTransfer();
            transfer.items.add(new File([bytes], name));
            return transfer;
        }""",
        [path.name, data],
    )
    page.dispatch_event(selector, "dragover", {"dataTransfer": transfer})  # type: ignore[attr-defined]
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})  # type: ignore[attr-defined]


def choose(page: object, path: Path) -> None:
    page.set_input_files("#werkmap-input", str(path))  # type: ignore[attr-defined]
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]


def test_start_page_and_blank_workbook(page: object, artifacts: Path, tmp_path: Path) -> None:
    assert page.locator("h1").inner_text() == "Een casus voorbereiden"  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-start.png"))  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("a[href='/blanco.xlsx']")  # type: ignore[attr-defined]
    assert download.value.suggested_filename == "casus.xlsx"
    saved = tmp_path / "casus.xlsx"
    download.value.save_as(saved)
    assert "Tijdlijn" in openpyxl.load_workbook(saved).sheetnames


def test_the_choose_button_opens_the_file_chooser_and_checks_the_workbook(page: object) -> None:
    button = page.locator("label.choose-button")  # type: ignore[attr-defined]
    assert button.inner_text() == "Kies een werkmap …"
    with page.expect_file_chooser() as chooser:  # type: ignore[attr-defined]
        button.click()
    chooser.value.set_files(str(HENGELO))
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]
    assert "De werkmap is in orde." in page.locator("#verdict").inner_text()  # type: ignore[attr-defined]


def test_dropping_a_sample_says_it_is_in_order(page: object, artifacts: Path) -> None:
    drop_file(page, "[data-drop]", HENGELO)
    page.wait_for_selector("#verdict")  # type: ignore[attr-defined]
    assert "De werkmap is in orde." in page.locator("#verdict").inner_text()  # type: ignore[attr-defined]
    assert "hengelo.xlsx" in page.locator(".current-file").inner_text()  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-controle.png"), full_page=False)  # type: ignore[attr-defined]


def test_a_broken_workbook_shows_its_problems_with_rows(
    page: object, artifacts: Path, tmp_path: Path
) -> None:
    choose(page, broken_workbook(tmp_path))
    assert "nog niet in orde" in page.locator("#verdict").inner_text()  # type: ignore[attr-defined]
    rows = page.locator("table.problems tbody tr.is-error").all_inner_texts()  # type: ignore[attr-defined]
    assert any("Tijdlijn" in r and "\t3\t" in r and "JB2" in r for r in rows), rows
    # the later steps wait until the workbook is in order
    assert page.locator(".step-off").count() == 2  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-controle-fouten.png"))  # type: ignore[attr-defined]


def test_a_verdict_goes_into_the_downloaded_workbook(
    page: object, artifacts: Path, tmp_path: Path
) -> None:
    choose(page, HENGELO)
    page.click("text=Naar de patronen")  # type: ignore[attr-defined]
    first = page.locator("article.flag-card").first  # type: ignore[attr-defined]
    flag_id = first.get_attribute("id").removeprefix("flag-")
    assert first.locator(".evidence-table tbody tr").count() > 0  # the evidence is shown
    page.screenshot(path=str(artifacts / "app-patronen.png"))  # type: ignore[attr-defined]
    page.select_option(f"#verdict-{flag_id}", "rejected")  # type: ignore[attr-defined]
    page.select_option(f"#stage-{flag_id}", "session")  # type: ignore[attr-defined]
    page.fill(f"#note-{flag_id}", "Het besluit was overlegd; zie het verslag.")  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("#write-workbook")  # type: ignore[attr-defined]
    assert download.value.suggested_filename == "hengelo.xlsx"
    saved = tmp_path / "hengelo.xlsx"
    download.value.save_as(saved)
    assert "Uw oordelen staan in de werkmap." in page.locator("#bewaard").inner_text()  # type: ignore[attr-defined]

    book, before = openpyxl.load_workbook(saved), openpyxl.load_workbook(HENGELO)
    sheet = book["Beoordeling"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == flag_id)
    assert row[header.index("oordeel")] == "verworpen"
    assert row[header.index("wanneer")] == "sessie"
    assert row[header.index("toelichting")] == "Het besluit was overlegd; zie het verslag."
    for name in before.sheetnames:  # nothing else changed
        if name != "Beoordeling":
            assert [list(r) for r in book[name].values] == [list(r) for r in before[name].values]
    # the page shows the verdict now written, and the report follows it
    assert page.locator(f"#verdict-{flag_id}").input_value() == "rejected"  # type: ignore[attr-defined]


def test_an_incomplete_own_pattern_is_a_sentence(page: object) -> None:
    choose(page, HENGELO)
    page.click("text=Naar de patronen")  # type: ignore[attr-defined]
    page.select_option("#own-kind", "stagnation")  # type: ignore[attr-defined]
    page.click("#write-workbook")  # type: ignore[attr-defined]
    page.wait_for_selector("#message")  # type: ignore[attr-defined]
    assert "ten minste één gebeurtenis" in page.locator("#message").inner_text()  # type: ignore[attr-defined]
    assert page.locator("#own-kind").input_value() == "stagnation"  # type: ignore[attr-defined]


def test_the_report_in_the_page_and_as_a_download(
    page: object, artifacts: Path, tmp_path: Path
) -> None:
    choose(page, HENGELO)
    page.click("text=Naar het rapport")  # type: ignore[attr-defined]
    frame = page.frame_locator("#report-frame")  # type: ignore[attr-defined]
    frame.locator("#timeline-chart .main-svg").first.wait_for()
    assert frame.locator("h1").inner_text()
    page.wait_for_selector("#report-busy", state="hidden")  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-rapport.png"))  # type: ignore[attr-defined]
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.click("#download-report")  # type: ignore[attr-defined]
    assert download.value.suggested_filename == "hengelo.html"
    saved = tmp_path / "hengelo.html"
    download.value.save_as(saved)
    text = saved.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Content-Security-Policy" in text
    assert page.get_attribute("#session-view", "href").endswith("/rapport.html#sessie-1")  # type: ignore[attr-defined]


def test_the_regional_overview_of_three_samples(
    page: object, artifacts: Path, tmp_path: Path
) -> None:
    not_a_workbook = tmp_path / "aantekeningen.xlsx"
    not_a_workbook.write_text("geen werkmap", "utf-8")
    three = [SAMPLES / f"{name}.xlsx" for name in ("hengelo", "jip", "rik")]
    page.click("a[href='/regio']")  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-regio.png"))  # type: ignore[attr-defined]
    page.set_input_files("#werkmappen-input", [str(p) for p in [*three, not_a_workbook]])  # type: ignore[attr-defined]
    page.wait_for_selector("#region-done", timeout=120_000)  # type: ignore[attr-defined]
    assert "3 casus(sen)" in page.locator("#region-done").inner_text()  # type: ignore[attr-defined]
    skipped = page.locator("#skipped tbody tr").all_inner_texts()  # type: ignore[attr-defined]
    assert len(skipped) == 1 and "aantekeningen.xlsx" in skipped[0]
    assert "geen Excel-werkmap" in skipped[0]
    page.screenshot(path=str(artifacts / "app-regio-klaar.png"))  # type: ignore[attr-defined]
    for link, name in (("#download-xlsx", "regio.xlsx"), ("#download-html", "regio.html")):
        with page.expect_download() as download:  # type: ignore[attr-defined]
            page.click(link)  # type: ignore[attr-defined]
        assert download.value.suggested_filename == name
        download.value.save_as(tmp_path / name)
    assert openpyxl.load_workbook(tmp_path / "regio.xlsx").sheetnames
    assert "hengelo" not in (tmp_path / "regio.html").read_text("utf-8").lower()


def test_english_and_the_keyboard(page: object, artifacts: Path) -> None:
    page.click("text=English")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Preparing a case"  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"  # type: ignore[attr-defined]
    # Tab reaches the file chooser of the drop zone
    for _ in range(12):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        if page.evaluate("document.activeElement.id") == "werkmap-input":  # type: ignore[attr-defined]
            break
    assert page.evaluate("document.activeElement.id") == "werkmap-input"  # type: ignore[attr-defined]
    page.screenshot(path=str(artifacts / "app-start-en.png"))  # type: ignore[attr-defined]
    # the button people see speaks the page's language (the browser's own would say "Choose
    # File" in any language); the focused input above is the browser's own, which Enter opens
    assert page.locator("label.choose-button").inner_text() == "Choose a workbook …"  # type: ignore[attr-defined]
    page.click("text=Nederlands")  # type: ignore[attr-defined]
    assert page.locator("h1").inner_text() == "Een casus voorbereiden"  # type: ignore[attr-defined]
