"""The learning-session report without a browser: its context, its HTML and `retro report`.

The context is plain data (compute, then structure, then render), so most behaviour is checked
there; the HTML tests check what only the page can get wrong: escaping, one plotly.js, nothing
loaded from elsewhere, the CSP, every section."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

import retro
from retro.analysis import FLAG_KINDS, Flag
from retro.analysis.findings import SEVERITY_RANK
from retro.config import load_config, plain_values
from retro.html import SHIPPED_SCRIPTS, plotly_js, shipped_script
from retro.messages import Messages
from retro.report import report_context, report_html, write_report
from retro.report.agenda import agenda, shared_minutes
from retro.report.context import SECTIONS, shortened
from retro.report.patterns import known_before, participation
from tests.casebuilder import case, event
from tests.conftest import SAMPLES, run_cli
from tests.workbooks import valid_sheets, write_workbook

SECTION_IDS = ("header", *SECTIONS)
HOSTILE_SCRIPT = "<script>alert('x')</script> Moeder belt"
HOSTILE_IMG = '<img src=x onerror="alert(1)"> Vader mailt'


@pytest.fixture(scope="module")
def hengelo() -> retro.Analysis:
    return retro.analyse(retro.load_case(SAMPLES / "hengelo.xlsx"))


@pytest.fixture(scope="module")
def hengelo_html(hengelo: retro.Analysis) -> str:
    return report_html(hengelo, "nl", today=date(2026, 11, 24))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> retro.Analysis:
    """A real workbook whose descriptions, ids and question try to become markup."""
    sheets = valid_sheets()
    sheets["Tijdlijn"][1][5] = HOSTILE_SCRIPT
    sheets["Tijdlijn"][2][5] = HOSTILE_IMG
    sheets["Tijdlijn"][3][5] = "</script><script>alert(2)</script> besluit"
    sheets["Leervragen"][1][1] = (
        "Wat <b>maakte</b> het besluit logisch? <a href='https://example.org'>link</a>"
    )
    path = write_workbook(tmp_path_factory.mktemp("hostile") / "hostile.xlsx", sheets)
    return retro.analyse(retro.load_case(path))


def _urls_loaded(page: str) -> list[str]:
    """Every URL the page would fetch: src=, href= on link tags, CSS url() and @import."""
    found = re.findall(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", page, re.IGNORECASE)
    found += re.findall(r"""<link[^>]+href\s*=\s*["']?([^"'\s>]+)""", page, re.IGNORECASE)
    found += re.findall(r"""url\(\s*["']?([^"')]+)""", page, re.IGNORECASE)
    found += re.findall(r"""@import\s+["']?([^"';\s]+)""", page, re.IGNORECASE)
    return [u for u in found if re.match(r"(https?:)?//", u)]


def _page_without_plotly(page: str) -> str:
    return page.replace(plotly_js(), "")


# ---- the context ---------------------------------------------------------------------
# ------------------


def test_context_holds_every_section_event_and_flag(hengelo: retro.Analysis) -> None:
    context = report_context(hengelo, "nl", today=date(2026, 11, 24))
    assert [s["id"] for s in context["sections"]] == list(SECTIONS)
    c = hengelo.case
    assert [r["id"] for r in context["events"]["rows"]] == [e.id for e in c.events]
    assert len(context["flags"]) == len(hengelo.flags) > 0
    assert context["header"]["generated"] == "24-11-2026"
    assert (
        context["header"]["period"] == "Van 2018 tot 6 december 2022"
    )  # H01 is known only to the year; H49, before the session H50
    assert [q["id"] for q in context["questions"]] == [q.id for q in c.questions] and len(
        c.questions
    ) >= 5
    for shown in context["questions"]:
        linked = [i for i, e in enumerate(c.events) if shown["id"] in e.questions]
        assert shown["rows"] == linked and [e["id"] for e in shown["events"]] == [
            c.events[i].id for i in linked
        ]
    assert context["questions"][0]["rows"][:2] == [2, 3]  # LV1: H03 and H04
    assert [lesson["id"] for lesson in context["lessons"]] == [lesson.id for lesson in c.lessons]


def test_each_flag_cites_its_events_as_rows_and_chart_points(hengelo: retro.Analysis) -> None:
    context = report_context(hengelo, "nl")
    ids = [e.id for e in hengelo.case.events]
    for flag, shown, data in zip(hengelo.flags, context["flags"], context["data"]["flags"]):
        assert sorted(ids[n] for n in shown["rows"]) == sorted(flag.events)
        assert data["rows"] == shown["rows"]
        assert len(data["points"]) >= 1 if flag.events else data["points"] == []
        for n in shown["rows"]:
            assert shown["n"] in context["events"]["rows"][n]["flags"]


def test_known_at_that_moment_lists_the_makers_earlier_events(hengelo: retro.Analysis) -> None:
    c = hengelo.case
    decision = next(
        i for i, e in enumerate(c.events) if e.id == "H34"
    )  # Jeugdhulp advises to suspend contact
    shown, left_out = known_before(c, decision, 8, participation(c))
    assert all(n < decision and "Jeugdhulp" in c.events[n].participants for n in shown)
    everything = [n for n in range(decision) if "Jeugdhulp" in c.events[n].participants]
    assert shown == everything[-8:] and left_out == len(everything) - len(shown)


def test_what_was_known_is_shown_once_per_decision_and_referred_to_elsewhere(
    hengelo: retro.Analysis,
) -> None:
    flags = report_context(hengelo, "nl")["flags"]
    decisions = {e.id for e in hengelo.case.events if e.is_decision}
    panels = [k["decision"]["id"] for f in flags for k in f["known"]]
    assert panels and len(panels) == len(set(panels))  # once per decision
    first = {k["anchor"]: f["n"] for f in flags for k in f["known"]}
    referred = 0
    for shown in flags:
        quoted = {e["id"] for e in shown["quoted"]}
        own = {k["decision"]["id"] for k in shown["known"]}
        assert own <= decisions & quoted
        for ref in shown["known_refs"]:
            assert first[ref["anchor"]] < shown["n"]  # shown earlier, under the flag it names
            assert f"patroon {first[ref['anchor']]}" in ref["text"]
            referred += 1
        ids = own | {r["text"].split("besluit ")[1].split()[0] for r in shown["known_refs"]}
        assert ids == decisions & quoted  # every quoted decision: its panel or a reference
    assert referred > 0
    page = report_html(hengelo, "nl")
    assert page.count('<aside id="known-') == len(panels)


def test_quoted_evidence_and_lists_in_sentences_share_one_cap(hengelo: retro.Analysis) -> None:
    config = load_config(overrides={"analysis": {"most_listed": 1}})
    flags = report_context(retro.analyse(hengelo.case, config), "nl")["flags"]
    longest = max(flags, key=lambda f: len(f["rows"]))
    assert len(longest["quoted"]) == 1 and len(longest["rows"]) > 1
    assert all(hengelo.case.events[n].id in longest["more"] for n in longest["rows"][1:])
    [arenas] = [f for f in flags if f["kind"] == "escalation"]
    # four arenas, one named (lawyers count only when the parents' side takes the step)
    assert "buiten de hulp: rechtbank en nog 3 (telkens" in arenas["explanation"]
    [default] = [f for f in report_context(hengelo, "nl")["flags"] if f["kind"] == "escalation"]
    assert "en nog" not in default["explanation"]


def test_a_pattern_repeated_many_times_is_one_flag_with_a_bounded_display() -> None:
    pairs = [
        (
            event(f"T{n}", f"{2010 + n // 12}-{n % 12 + 1:02d}-01", "escalation", "Moeder", "Hulp"),
            event(
                f"D{n}",
                f"{2010 + n // 12}-{n % 12 + 1:02d}-03",
                "decision",
                "Hulp",
                "Moeder",
                basis="urgency",
            ),
        )
        for n in range(60)
    ]
    analysis = retro.analyse(case(*(e for pair in pairs for e in pair)))
    [flag] = [f for f in analysis.flags if f.kind == "ad_hoc_decision"]
    assert len(flag.events) == 120 and flag.facts["repeats"] == 59
    config = load_config(overrides={"report": {"known_panels": 3, "named_events": 30}})
    [shown] = [
        f
        for f in report_context(retro.analyse(analysis.case, config), "en")["flags"]
        if f["kind"] == "ad_hoc_decision"
    ]
    assert (
        len(shown["quoted"]) == 12 and len(shown["known"]) == 3 and len(shown["rows"]) == 120
    )  # all marked in the timeline
    assert (
        shown["more"].startswith("And 108 more event(s): T6, D6, T7")
        and shown["more"].count(",") == 29
    )
    named = ", ".join(f"D{n}" for n in range(1, 13))
    assert (
        f"59 more decision(s) by Hulp show such signals: {named} and 47 more."
        in shown["explanation"]
    )  # counted, the first named


def test_flags_beyond_the_first_of_their_kind_are_listed_in_brief_not_dropped(
    hengelo: retro.Analysis,
) -> None:
    config = load_config(overrides={"report": {"flags_in_full": 1}})
    context = report_context(retro.analyse(hengelo.case, config), "nl")
    kinds = [f.kind for f in hengelo.flags]
    full = [f for f in context["flags"] if f["full"]]
    assert [f["kind"] for f in full] == list(dict.fromkeys(kinds))  # the first of each kind
    brief = [f["n"] for g in context["flag_groups"] for f in g["flags"]]
    assert sorted(brief + [f["n"] for f in full]) == list(range(1, len(kinds) + 1))
    page = report_html(retro.analyse(hengelo.case, config), "nl")
    assert all(f'id="flag-{n}"' in page for n in range(1, len(kinds) + 1))
    assert page.count('class="show-flag"') == sum(1 for f in hengelo.flags if f.events)


def test_network_sentences_count_contacts_of_who_holds_direction(hengelo: retro.Analysis) -> None:
    sentences = " ".join(report_context(hengelo, "nl")["network"]["sentences"])
    measured = {a.id: a for a in hengelo.measures.actors}
    for holder in (
        "Casusregisseur",
        "Casusregisseur2",
        "JB",
    ):  # the holders of direction, from the analysis
        m = measured[holder]
        assert (
            f"{holder}{' (jeugdbescherming)' if holder == 'JB' else ''} ontmoette volgens de tijdlijn "
            f"{m.professionals_met} van de {m.professionals_alongside} andere professionals die in "
            "dezelfde periode betrokken waren" in sentences
        )
    # known answer: letters, referrals and phone calls are no meetings
    assert (
        "Casusregisseur ontmoette volgens de tijdlijn 4 van de 8 andere professionals" in sentences
    )
    assert f"Hoogstens {hengelo.measures.max_helpers} professionals" in sentences
    assert f"hulpverleners onder hen hoogstens {hengelo.measures.max_care} tegelijk" in sentences
    assert "Casusregisseur (casusregisseur)" not in sentences  # the role is not repeated


def test_network_sentence_counts_meetings_not_letters_as_the_analysis_does() -> None:
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Hulp,Moeder"),
        event("E2", "2023-02-10", "referral", "Regie", "Therapeut"),
        event("E3", "2023-03-10", "meeting", "Therapeut", "Moeder"),
        event("E4", "2023-04-10", "meeting", "Regie", "Vader"),
    )
    sentences = report_context(retro.analyse(c), "en")["network"]["sentences"]
    assert (
        "According to the timeline Regie (case director) met 1 of the 2 other professionals involved "
        "in the same period" in " ".join(sentences)
    )  # the letter is no meeting


def _agenda_of(analysis: retro.Analysis, **overrides: object) -> dict:
    config = load_config(overrides={"report": {"agenda": overrides}}) if overrides else None
    return report_context(retro.analyse(analysis.case, config) if config else analysis, "nl")[
        "agenda"
    ]


def test_agenda_is_built_around_the_learning_questions(hengelo: retro.Analysis) -> None:
    context = report_context(hengelo, "nl")
    plan, questions, flags = context["agenda"], context["questions"], context["flags"]
    assert sum(b["minutes"] for b in plan["blocks"]) == 180
    kinds = [b["kind"] for b in plan["blocks"]]
    assert kinds[:2] == ["opening", "overview"] and kinds[-2:] == ["lessons", "closing"]
    items = [b for b in plan["blocks"] if b["kind"] in ("question", "flag")] + plan["later"]
    asked = [i for i in items if i["kind"] == "question"]
    # every question is an item of its own, first and in the workbook's order
    assert [i["question"]["id"] for i in asked] == [q["id"] for q in questions]
    assert [i["kind"] for i in items[: len(asked)]] == ["question"] * len(asked)
    # each pattern is on the agenda once; it joins the question it shares most events with
    placed = [f["n"] for i in items for f in i["flags"]]
    assert sorted(placed) == [f["n"] for f in flags]
    for item in items:
        for flag in item["flags"]:
            shared = [len(set(flag["rows"]) & set(q["rows"])) for q in questions]
            if item["kind"] == "question":
                assert shared[questions.index(item["question"])] == max(shared) > 0
            else:
                assert max(shared, default=0) == 0
    assert any(len(i["flags"]) > 1 for i in asked)  # the questions carry patterns in this case
    # the patterns on their own follow by strength, then by number of events
    alone = [i["flags"][0] for i in items if i["kind"] == "flag" and len(i["flags"]) == 1]
    order = [(-SEVERITY_RANK[f["severity"]], -len(f["rows"])) for f in alone]
    timed = [b for b in plan["blocks"] if b["kind"] == "flag"]
    assert order[: len(timed)] == sorted(order[: len(timed)])


def test_agenda_shares_the_time_by_weight_in_blocks_of_five_minutes(
    hengelo: retro.Analysis,
) -> None:
    assert shared_minutes([1, 1, 2], 60, 10) == [15, 15, 30]
    assert shared_minutes([1, 10], 40, 10) == [10, 30]  # the light one still gets its least
    assert shared_minutes([3, 3, 3], 100, 10) == [35, 35, 30]  # rounding leaves nothing over
    plan = _agenda_of(hengelo)
    stops = [b for b in plan["blocks"] if b["kind"] in ("question", "flag")]
    assert all(b["minutes"] % 5 == 0 and b["minutes"] >= 10 for b in stops)
    heaviest = max(stops, key=lambda b: b["weight"])
    lightest = min(stops, key=lambda b: b["weight"])
    assert heaviest["minutes"] > lightest["minutes"]  # not ten minutes each
    settings = load_config().report.agenda
    for stop in stops:
        events = min(len(stop["rows"]), settings.weighed_events)
        strength = sum(SEVERITY_RANK[f["severity"]] + 1 for f in stop["flags"])
        own = settings.question_weight if stop["kind"] == "question" else 0
        assert stop["weight"] == own + strength + settings.event_weight * events
    assert "gewicht" in stops[0]["weight_text"] and plan["weights"].startswith("Gewicht:")

    # settings change the allocation: with events weighing more, LV2 (the most events) gains
    def minutes(plan: dict, title: str) -> int:
        return next(b["minutes"] for b in plan["blocks"] if b["title"] == title)

    by_events = _agenda_of(hengelo, question_weight=0, event_weight=3, weighed_events=20)
    assert minutes(by_events, "Leervraag LV2") > minutes(plan, "Leervraag LV2")


def test_agenda_time_boxes_shrink_the_items_not_the_session() -> None:
    settings = load_config().report.agenda
    empty = agenda([], [], settings, Messages("nl"), case=case(), most_events=12)
    assert sum(b["minutes"] for b in empty["blocks"]) == 180 and empty["later"] == []
    questions = [
        {"id": f"LV{n}", "text": "?", "asked_by": "", "rows": [], "anchor": f"question-{n}"}
        for n in range(1, 13)
    ]
    full = agenda(questions, [], settings, Messages("nl"), case=case(), most_events=12)
    timed = [b for b in full["blocks"] if b["kind"] == "question"]
    assert len(timed) == settings.max_stops and sum(b["minutes"] for b in full["blocks"]) == 180
    assert [b["question"]["id"] for b in full["later"]] == [
        f"LV{n}" for n in range(settings.max_stops + 1, 13)
    ]  # never dropped


def test_a_facilitator_gives_a_question_its_minutes_in_the_workbook(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Leervragen"] = [
        ["id", "vraag", "van", "minuten"],
        ["LV1", "Wat maakte het besluit logisch?", "JB", 40],
        ["LV2", "Wie had de regie?", "JB", None],
    ]
    found = retro.analyse(retro.load_case(write_workbook(tmp_path / "minuten.xlsx", sheets)))
    plan = report_context(found, "nl")["agenda"]
    lv1, lv2 = (
        next(b for b in plan["blocks"] if b.get("question") and b["question"]["id"] == i)
        for i in ("LV1", "LV2")
    )
    assert lv1["minutes"] == 40 and lv1["fixed"] == 40 and lv2["minutes"] != 40
    assert sum(b["minutes"] for b in plan["blocks"]) == 180
    page = report_html(found, "nl")
    assert "vast, uit de werkmap" in page
    sheets["Leervragen"][2][3] = "een half uur"
    bad = write_workbook(tmp_path / "fout.xlsx", sheets)
    result = run_cli("validate", bad)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert (
        "Leervragen" in result.stdout + result.stderr
        and "een half uur" in result.stdout + result.stderr
    )
    assert "geen aantal minuten" in result.stdout + result.stderr


def test_patterns_left_off_the_list_leave_the_agenda(hengelo: retro.Analysis) -> None:
    """What a later verdict ("rejected") needs: the agenda shows exactly the patterns it is given."""
    context = report_context(hengelo, "nl")
    kept = [f for f in context["flags"] if f["n"] != 2]
    plan = agenda(
        context["questions"],
        kept,
        load_config().report.agenda,
        Messages("nl"),
        case=hengelo.case,
        most_events=12,
    )
    placed = [f["n"] for b in plan["blocks"] + plan["later"] for f in b["flags"]]
    assert 2 not in placed and sorted(placed) == [f["n"] for f in kept]


def test_triangle_marks_a_side_that_never_met_a_long_silence_and_stagnation_events() -> None:
    c = case(
        event("E1", "2023-01-01", "meeting", "Regie", "Moeder"),
        event("E2", "2024-06-01", "meeting", "Regie", "Vader"),
        event("E3", "2024-07-01", "meeting", "Hulp", "Kind"),
    )
    found = retro.analyse(c)
    quiet = replace(found, flags=())  # the same case without flags

    def sides(analysis: retro.Analysis, **triangle: int) -> dict:
        config = load_config(overrides={"report": {"triangle": triangle}} if triangle else None)
        return {
            s["key"]: s
            for s in report_context(replace(analysis, config=config), "nl")["triangle"]["sides"]
        }

    assert (
        sides(quiet)["referrer_parents"]["count"] == 2
        and sides(quiet)["referrer_parents"]["silence"] == 517
    )
    assert sides(quiet)["referrer_parents"]["stagnant"]  # 517 days >= silence_days (365)
    assert not sides(quiet, silence_days=600)["referrer_parents"]["stagnant"]
    assert (
        sides(quiet)["referrer_therapists"]["count"] == 0
        and sides(quiet)["referrer_therapists"]["stagnant"]
    )
    # the parents and the therapists (Hulp, Therapeut...) were never in one event: quiet
    # by definition
    assert (
        sides(quiet)["parents_therapists"]["count"] == 0
        and sides(quiet)["parents_therapists"]["stagnant"]
    )
    # the stagnation detector flags the 517-day gap between E1 and E2, on the referrer-parents side
    # (conversations are help, not meetings that decide nothing)
    assert [(f.rule, f.events) for f in found.flags if f.kind == "stagnation"] == [
        ("gap", ("E1", "E2"))
    ]
    marked = sides(found, silence_days=600)["referrer_parents"]
    assert marked["stagnant"] and [e["id"] for e in marked["stuck"]] == ["E1", "E2"]


def test_triangle_corners_are_the_analysis_setting_not_a_copy_of_it(
    hengelo: retro.Analysis,
) -> None:
    assert set(plain_values(load_config().report.triangle)) == {
        "silence_days"
    }  # the only report-only setting
    corners = report_context(hengelo, "nl")["triangle"]["corners"]
    assert (
        "Wijkteam" in corners["therapists"]["actors"]
    )  # community_team is a therapist in the analysis
    assert corners["parents"]["actors"] == "Moeder, Oma, Vader"  # family on a parent's side too
    config = load_config(
        overrides={"analysis": {"stagnation": {"triangle": {"therapists": ["mediator"]}}}}
    )
    moved = report_context(retro.analyse(hengelo.case, config), "nl")["triangle"]["corners"]
    assert moved["therapists"]["actors"] == "Mediator"


def test_triangle_and_helpers_count_the_analysed_events_not_the_session(
    hengelo: retro.Analysis,
) -> None:
    assert hengelo.session_events == ("H50",)
    context = report_context(hengelo, "nl")
    for side in context["triangle"]["sides"]:
        assert "H50" not in side["sentence"] and 49 not in side["rows"], side[
            "sentence"
        ]  # H50 is row 49
    assert "Langste stilte: 369 dagen" not in " ".join(
        s["sentence"] for s in context["triangle"]["sides"]
    )
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder,Vader"),
        event("E2", "2023-03-10", "handover", "Regie", "JB"),
        event("S1", "2024-06-01", "meeting", "Regie", "Moeder,Vader,Therapeut"),
        event("S2", "2024-06-01", "legal", "Rechtbank", "Moeder,Vader"),
        session="2024-06-01",
    )
    context = report_context(retro.analyse(c), "en")
    side = {s["key"]: s for s in context["triangle"]["sides"]}
    assert side["referrer_parents"]["count"] == 1 and not side["referrer_parents"]["stagnant"]
    assert side["referrer_therapists"]["count"] == 0  # the therapist only came to the session
    assert (
        sum(r["court"] for r in context["helpers"]["rows"]) == 0
        and context["helpers"]["court"] == {}
    )
    assert [r["session"] for r in context["events"]["rows"]] == [
        False,
        False,
        True,
        True,
    ]  # shown, marked as the session


def test_helpers_section_shows_the_series_and_limits_the_detector_judges(
    hengelo: retro.Analysis,
) -> None:
    helpers = report_context(hengelo, "nl")["helpers"]
    m = hengelo.measures
    assert [r["helpers"] for r in helpers["rows"]] == [n for _, n in m.care_over_time]
    assert [r["professionals"] for r in helpers["rows"]] == [n for _, n in m.helpers_over_time]
    [flag] = [f for f in hengelo.flags if f.kind == "too_many_helpers"]
    assert helpers["over"] == flag.facts["over"] == 2  # 05-2021 to 06-2021, as the flag says
    assert next(r["month"] for r in helpers["rows"] if r["over"]) == flag.facts["from"]
    assert (
        "Hoogstens 6 hulpverleners op één dag tegelijk betrokken" in helpers["sentence"]
        and "in 2 van de" in helpers["sentence"]
    )
    # five helpers with a school, the Raad and Veilig Thuis: eight professionals, but
    # not too many helpers
    busy = [
        event(f"{day}{i}", f"2023-03-{day}", "meeting", a, "Moeder")
        for i, a in enumerate(
            ("Regie", "Hulp", "Therapeut", "JB", "Coach", "School", "Raad", "VT"), 1
        )
        for day in ("02", "30")
    ]
    small = retro.analyse(case(*busy))
    helpers = report_context(small, "en")["helpers"]
    assert small.measures.max_helpers == 8 and small.measures.max_care == 5
    assert helpers["over"] == 0 and not any(f.kind == "too_many_helpers" for f in small.flags)
    assert "in 0 of the" in helpers["sentence"]


def test_ecomap_draws_relations_over_faint_copresence_from_a_minimal_weight(
    hengelo: retro.Analysis,
) -> None:
    from retro.report.ecomap import ecomap_positions, network_figure

    c, graph, msg = hengelo.case, hengelo.graph, Messages("nl")
    weights = [d["weight"] for _, _, k, d in graph.edges(keys=True, data=True) if k == "copresence"]

    def lines_of(figure) -> list[dict]:
        return [t for t in figure["data"] if t["mode"] == "lines"]

    def segments(figure, group: str) -> int:
        return sum(t["x"].count(None) for t in lines_of(figure) if t["legendgroup"] == group)

    three = network_figure(c, graph, hengelo.measures, msg, min_together=3)
    assert segments(three, "copresence") == sum(w >= 3 for w in weights) < len(weights)
    assert segments(network_figure(c, graph, hengelo.measures, msg), "copresence") == len(weights)
    lines = {t["legendgroup"]: t["line"] for t in lines_of(three)}
    styles = {
        (lines[k]["color"], lines[k]["dash"])
        for k in ("cooperation", "conflict", "referral", "handover")
    }
    assert len(styles) == 4  # each relation kind its own colour and dash
    assert (
        lines["copresence"]["color"].startswith("rgba(")
        and float(lines["copresence"]["color"].split(",")[-1][:-1]) < 0.5
    )
    assert min(lines[k]["width"] for k in ("cooperation", "conflict")) > max(
        t["line"]["width"] for t in lines_of(three) if t["legendgroup"] == "copresence"
    )
    # drawn underneath the relations
    assert lines_of(three)[0]["legendgroup"] == "copresence"
    pos = ecomap_positions(c)
    assert pos["Moeder"] == pytest.approx((-2.0, 0.0)) and pos["Vader"] == pytest.approx(
        (2.0, 0.0)
    )  # a fixed layout
    radius = {a.id: (pos[a.id][0] / 5.6) ** 2 + (pos[a.id][1] / 3.15) ** 2 for a in c.actors}
    assert (
        max(radius[a.id] for a in c.actors_in("family"))
        < 0.2
        < min(radius[a.id] for a in c.actors_in("professional"))
    )
    assert pos["Moeder"][0] < 0 < pos["Vader"][0] and pos["Oma"][0] < 0  # Oma on the mother's side
    assert all(pos[a.id][1] < -3 for a in c.actors_in("legal"))  # the legal parties below, outside
    page = report_html(
        retro.analyse(hengelo.case, load_config(overrides={"report": {"network_min_together": 1}})),
        "nl",
    )
    assert "Samen in 1 of meer gebeurtenissen" in page


def test_the_recent_weight_of_being_together_is_in_the_ties_table_and_the_json() -> None:
    c = case(
        event("E1", "2021-01-01", "meeting", "Hulp", "Moeder"),
        event("E2", "2023-01-01", "meeting", "Hulp", "Moeder"),
        event("E3", "2023-01-01", "referral", "Regie", "Hulp"),
    )
    result = retro.analyse(
        c
    )  # the case ends 01-01-2023; half-life 365 days: E1 weighs 0.25, E2 and E3 1
    together = {
        frozenset((e["a"], e["b"])): e
        for e in result.to_dict()["edges"]
        if e["kind"] == "copresence"
    }
    assert together[frozenset(("Hulp", "Moeder"))] | {"a": "", "b": ""} == {
        "a": "",
        "b": "",
        "kind": "copresence",
        "weight": 2,
        "recency": 1.25,
        "meetings": 2,
    }
    assert (
        together[frozenset(("Hulp", "Regie"))]["meetings"] == 0
    )  # a referral letter is no meeting
    ties = {
        (t["kind"], frozenset((t["a"], t["b"]))): t
        for t in report_context(result, "nl")["network"]["ties"]
    }
    assert ties[("copresence", frozenset(("Hulp", "Moeder")))]["recency"] == "1,25"
    assert (
        ties[("referral", frozenset(("Hulp", "Regie")))]["recency"] == ""
    )  # only "together in an event" has one
    page = report_html(result, "en")
    assert (
        '<td class="num">2</td><td class="num">1.25</td>' in page
        and "half as much every 365 days earlier" in page
    )


def test_appendix_groups_warnings_hindsight_first_and_quotes_the_description(
    hengelo: retro.Analysis,
) -> None:
    groups = report_context(hengelo, "nl")["warnings"]
    assert groups[0]["code"] == "hindsight_wording"
    assert "eerder moeten" in groups[0]["entries"][0]["quote"]
    assert sum(len(g["entries"]) for g in groups) == len(hengelo.case.warnings)


def test_appendix_explains_every_kind_that_has_a_detection_text(hengelo: retro.Analysis) -> None:
    described = [d["kind"] for d in report_context(hengelo, "en")["detections"]]
    assert described == list(FLAG_KINDS)


def test_appendix_states_the_thresholds_the_analysis_ran_with(hengelo: retro.Analysis) -> None:
    config = load_config(overrides={"analysis": {"ad_hoc_decision": {"trigger_window_days": 21}}})
    [ad_hoc] = [
        d
        for d in report_context(retro.analyse(hengelo.case, config), "nl")["detections"]
        if d["kind"] == "ad_hoc_decision"
    ]
    assert "binnen 21 dagen" in ad_hoc["text"] and "trigger_window_days = 21" in ad_hoc["settings"]


@pytest.mark.parametrize("kind", FLAG_KINDS)
def test_a_flag_of_every_kind_and_rule_renders_with_its_evidence(
    hengelo: retro.Analysis, kind: str
) -> None:
    msg, table = Messages("nl"), retro.messages.catalogue("nl")
    texts = [v for k, v in table.items() if k.startswith(f"flags.{kind}.")]
    facts = {name: 1 for text in texts for name in re.findall(r"\{(\w+)\}", text)}
    rules = [k.rsplit(".", 1)[1] for k in table if k.startswith(f"flags.{kind}.rules.")]
    assert rules
    for rule in rules:
        flags = (
            Flag(kind, rule, ("H07", "H08"), ("Wijkteam",), "high", facts),
            Flag(kind, rule, (), ("Jeugdhulp", "Raad"), "low", facts, relations=(2,)),
        )
        analysis = replace(hengelo, flags=flags)
        page = report_html(analysis, "nl")
        assert (
            'id="flag-1"' in page and 'id="flag-2"' in page and msg(f"flags.{kind}.title") in page
        )
        assert '<a href="#ev-7" class="event-link" data-row="7">H08</a>' in page
        assert (
            page.count('class="show-flag"') == 1
        )  # a flag without events has nothing to show in the timeline
        assert "Betrokkenen: Jeugdhulp, Raad" in page
        assert (
            "Uit het tabblad Relaties" in page and "Rij 2: " in page
        )  # a flag resting on a relation


# ---- the page ------------------------------------------------------------------------
# ------------------


def test_plotly_js_is_embedded_exactly_once(hengelo_html: str) -> None:
    assert hengelo_html.count(plotly_js()) == 1
    assert hengelo_html.count("plotly.js (basic - minified) v") == 1
    # timeline, network, helpers: each a JSON block that retro's figures.js draws
    assert hengelo_html.count('<script type="application/json" class="retro-figure"') == 3


def test_the_page_loads_nothing_from_elsewhere(hengelo_html: str) -> None:
    assert _urls_loaded(_page_without_plotly(hengelo_html)) == []
    assert "<link" not in hengelo_html and "@font-face" not in hengelo_html


def test_the_csp_forbids_outside_requests_and_allows_only_its_own_scripts(
    hengelo_html: str,
) -> None:
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', hengelo_html)
    assert meta, "no CSP meta tag"
    policy = meta.group(1)
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-eval" not in policy and "http" not in policy
    inline_scripts = re.findall(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>",
        hengelo_html,
        re.DOTALL,
    )

    def digest(source: str) -> str:
        return (
            "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"
        )

    # the policy lists the scripts retro ships and nothing else (no script of the page's data: the
    # figures are JSON blocks); the page runs plotly.js, figures.js, its own script and the session
    # view's, all of them
    shipped = {digest(s) for s in [plotly_js(), *(shipped_script(n) for n in SHIPPED_SCRIPTS)]}
    assert set(re.findall(r"'sha256-[^']+'", policy)) == shipped
    assert len(inline_scripts) == 4 and {digest(s) for s in inline_scripts} <= shipped
    markup = re.sub(r"<script[^>]*>.*?</script>", "", hengelo_html, flags=re.DOTALL)
    assert (
        re.findall(r"<[^>]+\son\w+\s*=", markup) == []
    )  # no inline event handlers (they would not run)


def test_every_section_has_an_anchor_in_order_and_a_table_of_contents(hengelo_html: str) -> None:
    positions = [hengelo_html.index(f'id="{s}"') for s in SECTION_IDS]
    assert positions == sorted(positions)
    for section in SECTIONS:
        assert f'<a href="#{section}">' in hengelo_html


def test_headings_are_in_order(hengelo_html: str) -> None:
    levels = [int(h) for h in re.findall(r"<h([1-6])[\s>]", _page_without_plotly(hengelo_html))]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels


def test_the_header_says_it_holds_personal_data(hengelo_html: str) -> None:
    assert "Bevat persoonsgegevens." in hengelo_html
    assert "Lotte en Daan (fictieve casus, Hengelo-stijl)" in hengelo_html
    assert (
        "Procesbegeleider complexe scheiding (fictief)" in hengelo_html
        and "24-11-2026" in hengelo_html
    )


def test_text_from_the_workbook_is_escaped(hostile: retro.Analysis) -> None:
    page = _page_without_plotly(report_html(hostile, "nl"))
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>maakte</b>" not in page
    assert (
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Moeder belt" in page
    )  # shown as text in the table
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt; Vader mailt" in page
    assert "<a href='https://example.org'>" not in page and _urls_loaded(page) == []
    # in the figure data the text is escaped for plotly, and JSON-escaped so it cannot
    # end the script
    assert "\\u003cscript\\u003e" not in page and "&lt;script&gt;alert" in page
    assert page.count("</script>") == page.count("<script")


def test_english_report_has_no_dutch_section_headings(hengelo: retro.Analysis) -> None:
    english = report_html(hengelo, "en")
    dutch = Messages("nl")
    headings = re.findall(r"<h[1-4][^>]*>(.*?)</h[1-4]>", _page_without_plotly(english), re.DOTALL)
    for section in SECTIONS:
        title = dutch(f"report.sections.{section}")
        assert not any(title in h for h in headings), title
        assert Messages("en")(f"report.sections.{section}") in english
    assert '<html lang="en">' in english


def test_large_case_summarises_the_chart_but_keeps_every_event_in_the_table(
    hengelo: retro.Analysis,
) -> None:
    config = load_config(overrides={"report": {"max_chart_events": 10, "fold_table_events": 10}})
    context = report_context(retro.analyse(hengelo.case, config), "nl")
    events = len(hengelo.case.events)
    assert (
        context["timeline"]["summarised"]
        and f"heeft {events} gebeurtenissen" in context["timeline"]["note"]
    )
    assert context["events"]["folded"] and len(context["events"]["rows"]) == events
    page = report_html(retro.analyse(hengelo.case, config), "nl")
    assert page.count('<tr id="ev-') == events
    assert context["timeline"]["note"] in page
    assert (
        '<details id="event-table-box" class="table-box" data-print="open">' in page
    )  # folded: no "open" (printing opens it)


def test_a_huge_case_lists_the_events_the_report_points_to_and_says_so(
    hengelo: retro.Analysis,
) -> None:
    events, most = len(hengelo.case.events), 50
    config = load_config(
        overrides={"report": {"max_table_events": most, "table_description_chars": 40}}
    )
    analysis = retro.analyse(hengelo.case, config)
    context = report_context(analysis, "nl")
    table = context["events"]
    listed = [int(row["anchor"].removeprefix("ev-")) for row in table["rows"]]
    assert table["summarised"] and events > most >= len(listed)
    assert listed == sorted(set(listed))  # timeline order, no repeats
    # every event the report quotes or links to is a row, so its links lead somewhere
    quoted = {e["n"] for f in context["flags"] for e in [*f["quoted"], *f["refs"]]}
    linked = {e["n"] for q in context["questions"] for e in q["events"]}
    assert quoted | linked <= set(listed)
    # the page marks only rows the table has; the chart still rings every event of a flag
    assert all(set(f["rows"]) <= set(listed) for f in context["data"]["flags"])
    assert {e.id for e in hengelo.case.events if e.is_decision} <= {
        row["id"] for row in table["rows"]
    }
    # descriptions shortened at a word, in the table and under the patterns
    described = [row["description"] for row in table["rows"]] + [
        e["description"] for f in context["flags"] for e in f["quoted"]
    ]
    quotes = [w["quote"] for g in context["warnings"] for w in g["entries"] if w["quote"]]
    assert quotes and all(len(q) <= 42 for q in quotes)  # the appendix quotes them shortened too
    assert all(len(d) <= 42 for d in described) and any(d.endswith(" …") for d in described)
    assert (
        f"heeft {events} gebeurtenissen" in table["note"]
        and f"toont er {len(listed)} (hoogstens {most})" in table["note"]
    )
    assert "nog steeds elke gebeurtenis" not in context["timeline"]["note"]
    page = report_html(analysis, "nl")
    assert page.count('<tr id="ev-') == len(listed) and table["note"] in page
    assert "Gebeurtenissen waar het rapport naar verwijst" in page
    assert "De tabel hieronder bevat elke gebeurtenis als tekst." not in page


def test_a_summarised_table_holds_at_most_its_limit(hengelo: retro.Analysis) -> None:
    config = load_config(overrides={"report": {"max_table_events": 10}})
    context = report_context(retro.analyse(hengelo.case, config), "en")
    assert len(context["events"]["rows"]) == 10
    assert "The table shows 10 of them (at most 10)" in context["events"]["note"]


def test_a_case_under_the_limit_keeps_every_event_whole(hengelo: retro.Analysis) -> None:
    context = report_context(hengelo, "nl")
    assert not context["events"]["summarised"] and context["events"]["note"] == ""
    assert [row["description"] for row in context["events"]["rows"]] == [
        e.description for e in hengelo.case.events
    ]


def test_shortened_cuts_at_a_word() -> None:
    assert shortened("kort", 10) == "kort"
    assert shortened("Moeder belt de school over de overdracht.", 20) == "Moeder belt de …"
    assert shortened("x" * 50, 10) == "x" * 10 + " …"


def test_the_appendix_lists_the_first_warnings_of_a_kind_and_counts_the_rest(
    tmp_path: Path,
) -> None:
    sheets = valid_sheets()
    for row in sheets["Tijdlijn"][1:]:
        row[9] = None  # no source: one warning per event
    workbook = write_workbook(tmp_path / "bronloos.xlsx", sheets)
    config = load_config(overrides={"report": {"warnings_listed": 2}})
    analysis = retro.analyse(retro.load_case(workbook, config), config)
    [group] = [g for g in report_context(analysis, "nl")["warnings"] if g["code"] == "no_source"]
    total = len(sheets["Tijdlijn"]) - 1
    assert group["count"] == total > 2 and len(group["entries"]) == 2
    assert (
        group["more"]
        == f"En nog {total - 2} opmerking(en) van deze soort; retro validate toont ze allemaal."
    )
    page = _page_without_plotly(report_html(analysis, "nl"))
    assert f"({total})</h4>" in page and group["more"] in page


def test_size_is_not_much_larger_than_plotly_js(hengelo_html: str) -> None:
    assert len(hengelo_html) < len(plotly_js()) * 1.3


def test_write_report_writes_utf8_and_returns_the_path(
    hengelo: retro.Analysis, tmp_path: Path
) -> None:
    path = write_report(hengelo, tmp_path / "rapport.html", "nl")
    assert path == tmp_path / "rapport.html"
    text = path.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Geleerde lessen" in text


def test_report_data_is_valid_json_with_rows_per_flag(hengelo_html: str) -> None:
    raw = re.search(
        r'<script type="application/json" id="report-data">(.*?)</script>', hengelo_html, re.DOTALL
    )
    data = json.loads(raw.group(1))
    assert len(data["flags"]) == hengelo_html.count('class="show-flag"')
    assert len(data["questions"]) == hengelo_html.count('class="show-question"') >= 5


# ---- the command ---------------------------------------------------------------------
# ------------------


def test_cli_writes_the_report_beside_the_workbook(tmp_path: Path) -> None:
    workbook = tmp_path / "jip.xlsx"
    workbook.write_bytes((SAMPLES / "jip.xlsx").read_bytes())
    done = run_cli("report", workbook)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "jip.html").is_file()
    assert "Rapport geschreven" in done.stdout and str(tmp_path / "jip.html") in done.stdout
    assert "Tijdlijn" in (tmp_path / "jip.html").read_text("utf-8")


def test_cli_english_output_and_config(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text("[report]\nmax_chart_events = 5\n", "utf-8")
    done = run_cli(
        "report",
        SAMPLES / "ayla.xlsx",
        "-o",
        tmp_path / "ayla.html",
        "--lang",
        "en",
        "--config",
        config,
    )
    assert done.returncode == 0, done.stderr
    assert "Report written" in done.stdout
    page = (tmp_path / "ayla.html").read_text("utf-8")
    assert "more than the 5 the chart can show" in page and "Lessons learned" in page


def test_cli_follows_the_workbooks_language_unless_lang_is_given(tmp_path: Path) -> None:
    sheets = valid_sheets()
    sheets["Casus"] = [["veld", "waarde"], ["titel", "Testcasus"], ["taal", "EN"]]
    path = write_workbook(tmp_path / "english.xlsx", sheets)
    english = run_cli("report", path, "-o", tmp_path / "english.html")
    assert english.returncode == 0, english.stderr
    assert "Report written" in english.stdout
    page = (tmp_path / "english.html").read_text("utf-8")
    assert (
        '<html lang="en">' in page and "Lessons learned" in page and "Geleerde lessen" not in page
    )
    dutch = run_cli(
        "report", path, "-o", tmp_path / "dutch.html", "--lang", "nl"
    )  # the user's choice wins
    assert dutch.returncode == 0 and "Rapport geschreven" in dutch.stdout
    assert '<html lang="nl">' in (tmp_path / "dutch.html").read_text("utf-8")
    del sheets["Casus"]  # no language in the workbook: Dutch
    plain = run_cli(
        "report", write_workbook(tmp_path / "plain.xlsx", sheets), "-o", tmp_path / "plain.html"
    )
    assert plain.returncode == 0 and '<html lang="nl">' in (tmp_path / "plain.html").read_text(
        "utf-8"
    )


def test_cli_invalid_workbook_gives_the_problems_of_validate_and_its_exit_code(
    tmp_path: Path,
) -> None:
    sheets = valid_sheets()
    sheets["Tijdlijn"][2][3] = "JB2"  # an unknown actor
    path = write_workbook(tmp_path / "kapot.xlsx", sheets)
    report, validate = run_cli("report", path), run_cli("validate", path)
    assert report.returncode == validate.returncode == 1
    assert "JB2" in report.stderr and "Traceback" not in report.stderr
    problem_lines = [line for line in validate.stderr.splitlines() if line.startswith("  - ")]
    assert problem_lines and all(line in report.stderr for line in problem_lines)
    assert not (tmp_path / "kapot.html").exists()


def test_cli_unusable_file_and_unwritable_output(tmp_path: Path) -> None:
    missing = run_cli("report", tmp_path / "bestaat-niet.xlsx")
    assert missing.returncode == run_cli("validate", tmp_path / "bestaat-niet.xlsx").returncode == 2
    assert "Traceback" not in missing.stderr
    blocked = run_cli(
        "report", SAMPLES / "rik.xlsx", "-o", tmp_path / "geen-map" / "rik.html", "--lang", "en"
    )
    assert (
        blocked.returncode == 2
        and "geen-map' does not exist" in blocked.stderr
        and "Traceback" not in blocked.stderr
    )


def test_cli_open_hands_the_file_to_the_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "opened.txt"
    fake = tmp_path / "fake_browser.py"
    fake.write_text(
        f"import sys, pathlib\npathlib.Path({str(seen)!r}).write_text(sys.argv[1])\n", "utf-8"
    )
    monkeypatch.setenv("BROWSER", f"{sys.executable} {fake} %s")
    done = run_cli("report", SAMPLES / "rik.xlsx", "-o", tmp_path / "rik.html", "--open")
    assert done.returncode == 0, done.stderr
    assert seen.read_text() == (tmp_path / "rik.html").resolve().as_uri()
    assert "Geopend in de browser" in done.stdout
