"""Text from a workbook is shown, never obeyed (issue 14, defects 6, 9, 10 and the right-to-left
override of 12): not by the terminal (escape sequences), not by a page (a bidirectional override, a
script that got in), not by plotly (a link or a style in a label)."""

from __future__ import annotations

from pathlib import Path

import pytest

import retro
from retro.characters import terminal_line, visible
from retro.html import plot_text, plotly_js
from retro.region.scrub_rules import remove_contacts
from retro.report import write_report
from tests.conftest import SAMPLES, run_cli
from tests.workbooks import valid_sheets, write_workbook

ESC, BEL, RLO = "\x1b", "\x07", "\u202e"
# OOXML writes a control character in a string as _xHHHH_; calamine reads it back as the character
TITLE = "Casus _x001B_]0;gekaapt_x0007__x001B_[2J"
ACTOR = "JB_x001B_[31m"


def hostile_case(tmp_path: Path, *, valid: bool) -> Path:
    sheets = valid_sheets()
    sheets["Casus"] = [["veld", "waarde"], ["titel", TITLE]]
    sheets["Betrokkenen"].append(["Buur" + RLO + "2BJ", None, "professional", None, None, None])
    sheets["Tijdlijn"][2][5] = "Gesprek met " + RLO + "2BJ en moeder."
    sheets["Tijdlijn"][2][4] = "Moeder; Buur" + RLO + "2BJ"
    if not valid:
        sheets["Tijdlijn"][1][3] = ACTOR
    return write_workbook(tmp_path / ("esc.xlsx" if valid else "esc-fout.xlsx"), sheets)


def assert_no_raw_controls(text: str) -> None:
    for character in (ESC, BEL, RLO, "\r"):
        assert character not in text, (character, text)


def test_validate_and_analyse_show_control_characters_instead_of_obeying_them(
    tmp_path: Path,
) -> None:
    """Defect 9 (ESC and BEL set the window title, clear the screen) and 12 (a right-to-left
    override makes an id read backwards)."""
    invalid = run_cli("validate", hostile_case(tmp_path, valid=False))
    assert invalid.returncode == 1
    assert_no_raw_controls(invalid.stdout + invalid.stderr)
    assert "Onbekende betrokkene 'JB\\x1b[31m'" in invalid.stderr
    valid = run_cli("validate", hostile_case(tmp_path, valid=True))
    assert valid.returncode == 0, valid.stderr
    assert_no_raw_controls(valid.stdout + valid.stderr)
    assert "Casus: Casus \\x1b]0;gekaapt\\x07\\x1b[2J" in valid.stdout
    for form in ("text", "json"):
        analysed = run_cli("analyse", hostile_case(tmp_path, valid=True), "--format", form)
        assert analysed.returncode == 0, analysed.stderr
        assert_no_raw_controls(analysed.stdout)
    assert "Buur\\u202e2BJ" in analysed.stdout  # in JSON, the escape is the same text


def test_the_escapes_are_exact_and_leave_ordinary_text_alone() -> None:
    assert visible("a\x1bb\x07c\u202ed\u2066e\x85f") == "a\\x1bb\\x07c\\u202ed\\u2066e\\u0085f"
    assert visible("regel 1\nregel 2\tx") == "regel 1\nregel 2\tx"
    assert visible("regel\r\n2", one_line=True) == "regel\\x0d\\x0a2"
    assert terminal_line("één\tmoeder\nvader\r") == "één\tmoeder\nvader\\x0d"
    assert visible("Zoë, café, – “quote” ✓ 中文") == "Zoë, café, – “quote” ✓ 中文"
    assert plot_text('<a href="http:evil.example/x">klik</a>') == (
        '&lt;a href="http:evil.example/x"&gt;klik&lt;/a&gt;'
    )


@pytest.mark.parametrize(
    "link",
    [
        "http://evil.example/x",
        "https://evil.example",
        "http:evil.example/x",
        "javascript:alert(1)",
        "mailto:iemand@evil.example",
        "ftp://evil.example/f",
        "//evil.example/x",
        "www.evil.example",
        "evil.example/pad",
        "evil.nl",
        "data:text/html;base64,PHNjcmlwdD4=",
        "hxxps://evil.example",
    ],
)
def test_links_in_every_form_are_scrubbed(link: str) -> None:
    """Defect 6: only http(s):// and www. were recognised."""
    parts = remove_contacts(f'Zie <a href="{link}">hier</a> en {link} voor meer.')
    text = "".join(p for p in parts if isinstance(p, str))
    assert "evil" not in text and "alert" not in text and "PHNj" not in text, text
    assert "voor meer." in text


_WATCH = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + (e.sample || '')));"""


def _open(browser: object, path: Path, ready: str) -> tuple[object, list[str], list[str]]:
    page = browser.new_page(viewport={"width": 1300, "height": 900})  # type: ignore[attr-defined]
    console: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.on("request", lambda r: requests.append(r.url))
    page.add_init_script(_WATCH)
    page.goto(path.resolve().as_uri())
    page.wait_for_selector(ready)
    return page, console, requests


@pytest.mark.browser
def test_a_script_that_gets_into_the_report_is_blocked_by_the_policy(
    browser: object, tmp_path: Path
) -> None:
    """Defect 10: the policy hashed every inline script of the finished page, so an injected one
    was allowed.  Now it lists only retro's own scripts: Chromium refuses the injected one and
    reports the violation, while the charts (drawn by retro's scripts) still appear."""
    report = write_report(
        retro.analyse(retro.load_case(SAMPLES / "hengelo.xlsx")), tmp_path / "r.html"
    )
    page_text = report.read_text(encoding="utf-8")
    injected = (
        "<script>window.__pwned = 1; document.title = 'gekaapt';</script>"
        '<img src="x:" onerror="window.__pwned = 2">'
    )
    assert page_text.count('<main id="main">') == 1
    report.write_text(
        page_text.replace('<main id="main">', '<main id="main">' + injected), encoding="utf-8"
    )
    page, console, _ = _open(browser, report, "#timeline-chart .main-svg")
    page.wait_for_timeout(300)
    pwned = page.evaluate("window.__pwned === undefined ? null : window.__pwned")
    violations = page.evaluate("window.__violations")
    charts = page.locator(".main-svg").count()
    page.close()
    assert pwned is None
    assert any(v.startswith("script-src") for v in violations), violations
    assert any("Content Security Policy" in line for line in console), console
    assert charts >= 3


@pytest.mark.browser
def test_a_right_to_left_override_shows_as_its_escape_in_the_report(
    browser: object, tmp_path: Path
) -> None:
    report = write_report(
        retro.analyse(retro.load_case(hostile_case(tmp_path, valid=True))), tmp_path / "rlo.html"
    )
    page, _, _ = _open(browser, report, "#timeline-chart .main-svg")
    body = page.evaluate("document.body.innerText")
    chart_texts = page.evaluate(
        "Array.from(document.querySelectorAll('svg text')).map(t => t.textContent).join(' | ')"
    )
    title = page.title()
    page.close()
    assert RLO not in body and RLO not in chart_texts and ESC not in title
    assert "Buur\\u202e2BJ" in body and "Buur\\u202e2BJ" in chart_texts, chart_texts[:500]
    assert "Gesprek met \\u202e2BJ en moeder." in body


@pytest.mark.browser
def test_a_lesson_theme_cannot_put_a_link_or_a_style_into_the_regional_page(
    browser: object, tmp_path: Path
) -> None:
    """Defect 6: a theme became a plotly category label, which plotly renders as markup."""
    folder = tmp_path / "cases"
    folder.mkdir()
    themes = [
        '<a href="http:evil.example/x">klik</a>',
        '<span style="font-size:90px;color:red">groot</span>',
        "<a href='//evil.example/y'>b</a>",
    ]
    sheets = valid_sheets()
    sheets["Lessen"] = [["id", "les", "thema", "voor wie"]] + [
        [f"L{n}", "Eerst samen analyseren.", theme, "keten"] for n, theme in enumerate(themes)
    ]
    write_workbook(folder / "casus.xlsx", sheets)
    result = run_cli("region", folder, "-o", tmp_path / "regio")
    assert result.returncode == 0, result.stderr
    page_path = tmp_path / "regio" / "regio.html"
    source = page_path.read_text(encoding="utf-8").replace(plotly_js(), "")
    assert "evil" not in source  # the scrubber took the links out
    page, _, requests = _open(browser, page_path, "#chart-themes .main-svg")
    links = page.locator(
        "#chart-themes a, #chart-themes [href], #chart-themes [style*='90px']"
    ).count()
    labels = page.evaluate(
        "Array.from(document.querySelectorAll('#chart-themes .ytick text')).map(t => t.textContent)"
    )
    page.close()
    assert links == 0
    assert any(label.startswith("<a href=") for label in labels), labels
    assert any("<span style=" in label for label in labels), labels
    assert requests == [page_path.resolve().as_uri()]
