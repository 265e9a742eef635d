"""The report honours the verdicts: rejected flags leave the body for the appendix, adjusted ones
show the group's wording beside retro's, open ones are marked, own patterns are the facilitator's;
the agenda stops at what people confirmed.  In Python and in headless Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest

import retro
from retro.report import report_context, write_report
from tests.conftest import run_cli
from tests.review_cases import OWN_NOTE, judged_workbook
from tests.test_report_browser import Visit


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    path = tmp_path_factory.mktemp("judged") / "casus.xlsx"
    return path, judged_workbook(path)


def _by(verdicts: dict[str, str], verdict: str) -> list[str]:
    return [ident for ident, v in verdicts.items() if v == verdict]


def test_the_body_holds_what_was_not_rejected_with_its_verdict(judged) -> None:
    path, verdicts = judged
    analysis = retro.analyse(retro.load_case(path))
    context = report_context(analysis, "nl")
    body = {f["id"]: f for f in context["flags"] if not f["verdict"]["own"]}
    (rejected,) = _by(verdicts, "rejected")
    assert rejected not in body and set(body) == set(verdicts) - {rejected}
    assert [f["n"] for f in context["flags"]] == list(range(1, len(context["flags"]) + 1))
    (adjusted,) = _by(verdicts, "adjusted")
    assert (
        body[adjusted]["verdict"]["adjusted"]
        and "na overleg met de school" in (body[adjusted]["verdict"]["note"])
    )
    for ident in _by(verdicts, "open"):
        assert body[ident]["verdict"]["badge"] == "Nog niet beoordeeld"
    (confirmed,) = _by(verdicts, "confirmed")
    assert body[confirmed]["verdict"]["badge"] == "Bevestigd in de voorbereiding"
    (own,) = [f for f in context["flags"] if f["verdict"]["own"]]
    assert own["kind"] == "child_in_the_middle" and own["verdict"]["note"] == OWN_NOTE
    assert [e["id"] for e in own["quoted"]] == ["E2"]
    appendix = context["review"]
    assert [r["id"] for r in appendix["rejected"]] == [rejected]
    assert appendix["rejected"][0]["note"] == "Geen nood: dit was afgesproken."
    # the table's pattern column and the agenda use the numbers of the body
    e2 = next(r for r in context["events"]["rows"] if r["id"] == "E2")
    assert own["n"] in e2["flags"]
    # (a pattern is on the agenda as an item of its own or with the learning question it shares
    # events with)
    stops = {
        f["anchor"]
        for b in context["agenda"]["blocks"] + context["agenda"]["later"]
        for f in b["flags"]
    }
    anchors = {f["id"]: f["anchor"] for f in context["flags"] if not f["verdict"]["own"]}
    assert own["anchor"] in stops and anchors[confirmed] in stops and anchors[adjusted] in stops
    assert not {anchors[i] for i in _by(verdicts, "open")} & stops
    assert context["agenda"]["note"].startswith(f"{len(_by(verdicts, 'open'))} patroon")


def test_agreement_per_kind_in_the_appendix_and_in_retro_analyse(judged) -> None:
    path, verdicts = judged
    analysis = retro.analyse(retro.load_case(path))
    rows = report_context(analysis, "en")["review"]["agreement"]
    totals = {
        k: sum(r[k] for r in rows) for k in ("confirmed", "adjusted", "rejected", "open", "own")
    }
    assert totals == {
        "confirmed": 1,
        "adjusted": 1,
        "rejected": 1,
        "open": len(_by(verdicts, "open")),
        "own": 1,
    }
    text = run_cli("analyse", path)
    assert text.returncode == 0, text.stderr
    assert "Beoordeling door de procesbegeleider en de groep, per patroon:" in text.stdout
    assert "Eigen patroon van de procesbegeleider" in text.stdout and OWN_NOTE in text.stdout
    assert "Oordeel: Verworpen. Toelichting: Geen nood: dit was afgesproken." in text.stdout


@pytest.mark.browser
def test_in_chromium_a_rejected_flag_is_in_the_appendix_only_and_an_own_pattern_is_shown(
    judged,
    browser,
    tmp_path: Path,
    artifacts: Path,
) -> None:
    path, verdicts = judged
    report = write_report(retro.analyse(retro.load_case(path)), tmp_path / "casus.html", "nl")
    v = Visit(browser, report)
    try:
        page = v.page
        (rejected,) = _by(verdicts, "rejected")
        assert page.locator(f'#patterns [data-flag-id="{rejected}"]').count() == 0
        listed = page.locator("#appendix ul.rejected li")
        assert listed.count() == 1 and rejected in listed.inner_text()
        assert "Geen nood: dit was afgesproken." in listed.inner_text() and listed.is_visible()
        own = page.locator("#patterns article.flag.own")
        assert own.count() == 1 and own.is_visible()
        assert (
            "Patroon van de procesbegeleider" in own.inner_text() and OWN_NOTE in own.inner_text()
        )
        (adjusted,) = _by(verdicts, "adjusted")
        wordings = page.locator(f'#patterns [data-flag-id="{adjusted}"] .wording')
        assert wordings.count() == 2 and all(w.is_visible() for w in wordings.all())
        box = [w.bounding_box() for w in wordings.all()]
        assert box[0]["y"] == box[1]["y"] and box[0]["x"] < box[1]["x"]  # side by side
        for ident in _by(verdicts, "open"):
            badge = page.locator(f'#patterns [data-flag-id="{ident}"] .verdict-badge')
            assert badge.inner_text() == "Nog niet beoordeeld"
        own.locator(".show-flag").click()  # the own pattern marks its event like any pattern
        assert page.locator("#event-table tr.is-marked").count() == 1
        page.locator("#patterns").screenshot(path=artifacts / "report-review-patterns.png")
        page.locator("#appendix").screenshot(path=artifacts / "report-review-appendix.png")
        assert v.errors == [] and v.requests == [v.url]
    finally:
        v.page.close()
