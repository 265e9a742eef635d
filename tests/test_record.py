"""The session record (`retro report --verslag`): the Word document opens with python-docx and holds
the questions, the patterns as the group judged them, the lessons and the actions; the HTML record
prints well in Chromium with the report's privacy banner; neither holds more personal data than the
report."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx import Document

from retro.messages import Messages
from tests.conftest import run_cli
from tests.review_cases import ACTIONS, EVENTS, LESSONS, OWN_NOTE, recorded_workbook

PRIVACY = Messages("nl")("report.header.privacy")


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("recorded") / "casus.xlsx"
    return path, recorded_workbook(path)


def _word_text(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """The paragraphs and the tables (rows of cell texts) of a .docx, as python-docx reads them."""
    document = Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = [[[c.text for c in row.cells] for row in table.rows] for table in document.tables]
    return paragraphs, tables


def test_the_word_record_holds_lessons_actions_and_the_judged_patterns(recorded, tmp_path) -> None:
    path, _ = recorded
    target = tmp_path / "verslag.docx"
    result = run_cli("report", path, "--verslag", "-o", target)
    assert result.returncode == 0, result.stderr
    assert f"Verslag geschreven: {target}" in result.stdout
    paragraphs, tables = _word_text(target)
    text = "\n".join(paragraphs)
    assert paragraphs[1] == "Voorbeeldcasus (vervang door uw titel)"  # the title, as a heading
    assert PRIVACY in text and "Leervragen" in text and "LV1 Wat maakte dat besluiten" in text
    lessons, actions = tables
    assert lessons[1:] == [row for row in LESSONS]
    assert [r[:3] for r in actions[1:]] == [a[:3] for a in ACTIONS]
    assert [r[3:] for r in actions[1:]] == [
        ["01-03-2027", "L1", "loopt"],
        ["2027", "L1, L2", "open"],
    ]
    assert "Het besluit kwam na overleg met de school" in text  # the group's words (adjusted)
    assert "Geen nood: dit was afgesproken." in text  # the rejected one, under "Niet herkend"
    assert text.index("Niet herkend") < text.index("Geen nood")
    assert OWN_NOTE in text and "zelf gezien" in text
    assert "1 patroon/patronen van retro zijn niet beoordeeld" in text


def test_no_record_holds_names_or_descriptions_from_the_timeline(recorded, tmp_path) -> None:
    path, _ = recorded
    for name in ("verslag.docx", "verslag.html"):
        assert run_cli("report", path, "--verslag", "-o", tmp_path / name).returncode == 0
    with zipfile.ZipFile(tmp_path / "verslag.docx") as archive:
        word = " ".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    html = (tmp_path / "verslag.html").read_text("utf-8")
    for planted in ("Tom Bakker", "Kantoor Recht", *(row[6] for row in EVENTS)):
        assert planted not in word and planted not in html, planted
    assert "python-docx" not in word  # the document's properties name retro, not the library


def test_the_record_in_english_and_a_wrong_suffix(recorded, tmp_path) -> None:
    path, _ = recorded
    result = run_cli("report", path, "--record", "--lang", "en", "-o", tmp_path / "record.docx")
    assert result.returncode == 0, result.stderr
    paragraphs, _ = _word_text(tmp_path / "record.docx")
    assert "Lessons learned" in paragraphs and "Agreements and actions" in paragraphs
    wrong = run_cli("report", path, "--verslag", "-o", tmp_path / "verslag.pdf")
    assert wrong.returncode == 2 and "verslag.html of verslag.docx" in wrong.stderr
    assert "Traceback" not in wrong.stderr and not (tmp_path / "verslag.pdf").exists()


@pytest.mark.browser
def test_the_html_record_prints_on_a4_offline_with_the_privacy_banner(
    recorded,
    browser,
    artifacts: Path,
) -> None:
    path, _ = recorded
    result = run_cli("report", path, "--verslag")
    assert result.returncode == 0, result.stderr
    written = path.with_name("casus-verslag.html")
    assert f"Verslag geschreven: {written}" in result.stdout
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    url = written.resolve().as_uri()

    def route(r) -> None:
        requests.append(r.request.url)
        r.continue_() if r.request.url == url else r.abort()

    page.route("**/*", route)
    try:
        page.goto(url)
        assert page.locator(".privacy").inner_text().endswith(PRIVACY)
        assert page.locator("#actions tbody tr").count() == len(ACTIONS)
        page.screenshot(path=artifacts / "record-screen.png", full_page=True)
        page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
        page.emulate_media(media="print")
        assert page.evaluate("document.documentElement.scrollWidth") <= 794  # fits the page
        page.pdf(path=str(artifacts / "record-print.pdf"), format="A4")
        assert errors == [] and requests == [url]  # nothing but the file itself
    finally:
        page.close()
