"""The report in the room without a browser: the session view's screens as data, dates in words, the
ecomap's geometry (ties clear of the parties they do not connect, labels apart), charts that read in
greyscale, and no setting's code name in the report's sentences."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from html import unescape
from itertools import combinations
from pathlib import Path

import openpyxl
import pytest

import retro
from retro.config import load_config
from retro.dates import date_words, period_words
from retro.messages import Messages
from retro.model import PartialDate
from retro.report import report_context, report_html
from retro.report.ecomap import (
    _FAMILY_AREA,
    clearance,
    ecomap_positions,
    edge_path,
    label_box,
    label_places,
    marker_px,
    network_figure,
)
from retro.report.figures import helpers_figure, timeline_figure
from retro.workbook.blank import write_template
from tests.casebuilder import case, event
from tests.conftest import ROOT, sample_paths

SAMPLES = {path.stem: path for path in sample_paths()}


@pytest.fixture(scope="module")
def analyses() -> dict[str, retro.Analysis]:
    return {name: retro.analyse(retro.load_case(path)) for name, path in SAMPLES.items()}


# ---- dates in words ----------------------------------------------------------------------


def test_dates_and_periods_read_as_a_person_says_them() -> None:
    nl, en = Messages("nl"), Messages("en")
    june = PartialDate(date(2021, 6, 1), "month")
    assert period_words(june, june, nl) == "in juni 2021"
    assert period_words(june, date(2021, 6, 20), nl) == "in juni 2021"  # within that month
    assert period_words(june, PartialDate(date(2021, 8, 1), "month"), nl) == (
        "van juni tot augustus 2021"
    )
    assert period_words(PartialDate(date(2018, 1, 1), "year"), date(2022, 12, 6), nl) == (
        "van 2018 tot 6 december 2022"
    )
    assert period_words(date(2021, 6, 3), date(2021, 6, 3), en) == "on 3 June 2021"
    assert period_words(date(2021, 6, 3), date(2021, 8, 12), en) == "from 3 June to 12 August 2021"
    assert date_words(date(2019, 10, 31), nl) == "31 oktober 2019"


def test_the_report_writes_no_setting_name_and_no_bare_month_in_its_sentences(
    analyses: dict[str, retro.Analysis],
) -> None:
    """Settings appear by name only in the appendix's list of settings (``<code>``); the report's
    own sentences write months as words."""
    defaults = tomllib.loads((ROOT / "retro" / "defaults.toml").read_text("utf-8"))

    def names(table: dict, found: set[str]) -> set[str]:
        for key, value in table.items():
            if isinstance(value, dict):
                names(value, found)
            elif "_" in key:
                found.add(key)
        return found

    settings = names(defaults, set())
    for lang in ("nl", "en"):
        context = report_context(analyses["hengelo"], lang)
        sentences = [
            *(s["sentence"] for s in context["triangle"]["sides"]),
            context["triangle"]["gap_note"],
            context["triangle"]["child"]["sentence"],
            # the sentences of the network that hold a date (who held direction: issue 10's)
            *(
                s
                for s in context["network"]["sentences"]
                if "tegelijk actief" in s or "at once" in s
            ),
            context["helpers"]["sentence"],
            context["agenda"]["weights"],
            context["header"]["period"],
        ]
        page = report_html(analyses["hengelo"], lang)
        body = page[page.index("<body>") : page.index('<script type="application/json"')]
        text = unescape(re.sub(r"<code>.*?</code>|<[^>]+>", " ", body))
        assert not [name for name in settings if re.search(rf"\b{name}\b", text)], lang
        for sentence in sentences:
            assert not re.search(r"\b\d{2}-\d{4}\b", sentence), sentence  # no "06-2021"
    side = report_context(analyses["hengelo"], "nl")["triangle"]["sides"][0]["sentence"]
    assert re.search(r"van \d+ \w+ (\d{4} )?tot (\d+ )?\w+ \d{4}", side), side


def test_the_pivot_sentence_says_what_was_measured(analyses: dict[str, retro.Analysis]) -> None:
    sentences = report_context(analyses["hengelo"], "nl")["network"]["sentences"]
    pivot = sentences[0]
    assert "stond het vaakst tussen anderen in" in pivot and "feitelijke spil" not in pivot
    assert "niet over de rol" in pivot


def test_a_triangle_stagnant_on_every_side_says_where_it_was_quietest() -> None:
    c = case(
        event("E1", "2020-01-01", "meeting", "JB", "Therapeut,Moeder"),
        event("E2", "2020-02-01", "meeting", "JB", "Vader"),
        event("E3", "2020-03-01", "meeting", "Therapeut", "Moeder"),
        event("E4", "2022-06-01", "meeting", "JB", "Therapeut"),
        event("E5", "2022-09-01", "meeting", "Therapeut", "Vader,JB"),
    )
    triangle = report_context(retro.analyse(c), "nl")["triangle"]
    assert len(triangle["stagnant"]) == 3  # long silences on every side
    assert "Aan alle drie de kanten" in triangle["summary"]
    longest = max(triangle["sides"], key=lambda s: s["silence"])
    assert f"{longest['silence']} dagen" in triangle["summary"]
    labels = [s["label"] for s in triangle["sides"]]
    assert all(label[0].endswith("× samen") for label in labels)
    assert all(label[1] for label, s in zip(labels, triangle["sides"]) if s["stagnant"])


# ---- the session view as data ------------------------------------------------------------


def test_the_session_has_a_screen_per_agenda_item_in_the_agendas_order(
    analyses: dict[str, retro.Analysis],
) -> None:
    context = report_context(analyses["hengelo"], "nl")
    plan, slides = context["agenda"], context["session"]
    order = plan["screens"]
    assert [s["n"] for s in slides] == list(range(1, len(order) + 1))
    assert [s["anchor"] for s in slides] == [f"sessie-{n}" for n in range(1, len(order) + 1)]
    assert [s["title"] for s in slides] == [i["title"] for i in order]
    later = [s for s in slides if s["later"]]
    assert len(later) == len(plan["later"]) and slides[-2]["kind"] == "lessons"
    for slide in slides:
        if slide["kind"] == "flag":  # one pattern, or several of one kind for if time allows
            assert slide["reflect"] and not slide["lead"]
            assert bool(slide["explanation"]) != bool(slide["patterns"])
        if slide["kind"] == "question":
            assert slide["lead"] and slide["reflect"] == []  # the question itself is the question
    overview = next(s for s in slides if s["kind"] == "overview")
    assert overview["strip"]["marks"] == [] and "56 gebeurtenissen" in overview["strip"]["caption"]
    ticks = context["session_strip"]["ticks"]
    assert ticks == sorted(set(ticks)) and ticks[0] == 0 and ticks[-1] <= 1000


def test_a_screen_shows_an_excerpt_of_the_timeline_around_its_events(
    analyses: dict[str, retro.Analysis],
) -> None:
    found = analyses["hengelo"]
    settings = found.config.report.session
    slides = report_context(found, "nl")["session"]
    question = next(s for s in slides if s["kind"] == "question" and s["excerpt"]["more"])
    lines = question["excerpt"]["lines"]
    cited = [line for line in lines if not line["gap"] and line["cited"]]
    assert len(cited) == settings.events
    shown = [line["n"] for line in lines if not line["gap"]]
    assert shown == sorted(shown)
    assert not lines[0]["cited"] and not lines[-1]["cited"]  # the event before and after
    for before, line, after in zip(lines, lines[1:], lines[2:]):
        if line["gap"]:
            assert line["gap"] == f"… {after['n'] - before['n'] - 1} andere gebeurtenis(sen) …"
    assert "Nog" in question["excerpt"]["more"]
    with_decision = [s for s in slides if s["known"]]
    assert with_decision
    for slide in with_decision:
        assert len(slide["known"]["events"]) <= settings.known_events
        decision = slide["known"]["decision"]["n"]
        assert any(
            line.get("n") == decision and line["decision"] for line in slide["excerpt"]["lines"]
        )
        assert all(e["n"] < decision for e in slide["known"]["events"])


def test_the_blank_workbook_offers_minutes_for_a_question(tmp_path: Path) -> None:
    path = write_template(tmp_path / "leeg.xlsx")
    sheet = openpyxl.load_workbook(path)["Leervragen"]
    headers = [c.value for c in sheet[1]]
    assert "minuten" in headers
    letter = openpyxl.utils.get_column_letter(headers.index("minuten") + 1)
    checks = [v for v in sheet.data_validations.dataValidation if letter + "2" in str(v.sqref)]
    assert [(v.type, v.formula1) for v in checks] == [("whole", "1")]


# ---- the ecomap's geometry ---------------------------------------------------------------


def _drawn_paths(figure) -> list[list[tuple[float, float]]]:
    paths = []
    for trace in figure["data"]:
        if trace["mode"] != "lines":
            continue
        points: list[tuple[float, float]] = []
        for x, y in zip(trace["x"], trace["y"]):
            if x is None:
                paths.append(points)
                points = []
            else:
                points.append((x, y))
    return paths


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_ecomap_ties_never_run_through_a_party_they_do_not_connect(
    name: str, analyses: dict[str, retro.Analysis]
) -> None:
    found = analyses[name]
    pos = ecomap_positions(found.case)
    figure = network_figure(found.case, found.graph, found.measures, Messages("nl"), min_together=1)
    for path in _drawn_paths(figure):
        ends = {
            actor
            for actor, p in pos.items()
            if min(
                abs(p[0] - path[0][0]) + abs(p[1] - path[0][1]),
                abs(p[0] - path[-1][0]) + abs(p[1] - path[-1][1]),
            )
            < 0.2
        }
        others = [p for actor, p in pos.items() if actor not in ends]
        # a drawn line may sit 0.11 aside of its route (several kinds between one pair)
        assert clearance(path, others, family=True) >= -0.12, (name, sorted(ends))


def test_a_handover_between_professionals_goes_around_the_family() -> None:
    c = case(event("E1", "2023-01-01", "handover", "Regie", "Hulp"))
    pos = ecomap_positions(c)
    family = {a.id for a in c.actors_in("family")}
    professionals = [a.id for a in c.actors_in("professional")]
    rx, ry = _FAMILY_AREA

    def through_family(a: str, b: str) -> bool:
        (x0, y0), (x1, y1) = pos[a], pos[b]
        return any(
            ((x0 + (x1 - x0) * t / 50) / rx) ** 2 + ((y0 + (y1 - y0) * t / 50) / ry) ** 2 < 1
            for t in range(51)
        )

    crossing = [(a, b) for a, b in combinations(professionals, 2) if through_family(a, b)]
    assert crossing  # straight, some ties between professionals would cross the family
    for a, b in crossing:
        path = edge_path(a, b, pos, family)
        assert len(path) > 2  # curved
        assert all((x / rx) ** 2 + (y / ry) ** 2 >= 1 for x, y in path), (a, b)
        others = [p for actor, p in pos.items() if actor not in (a, b)]
        assert clearance(path, others, family=False) >= 0, (a, b)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_ecomap_labels_are_placed_apart(name: str, analyses: dict[str, retro.Analysis]) -> None:
    found = analyses[name]
    pos = ecomap_positions(found.case)
    events = {m.id: m.events for m in found.measures.actors}
    sizes = {a: marker_px(events.get(a, 0)) for a in pos}
    places = label_places(pos, sizes)
    boxes = {a: label_box(*pos[a], a, sizes[a], places[a]) for a in pos}

    def overlap(a, b) -> bool:
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert not [(a, b) for a, b in combinations(boxes, 2) if overlap(boxes[a], boxes[b])]


# ---- charts in greyscale -----------------------------------------------------------------


def _looks(trace: dict) -> tuple:
    """What tells a legend entry apart without its colour."""
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    looks = (
        trace.get("mode"),
        marker.get("symbol"),
        marker.get("size"),
        line.get("dash"),
        line.get("width"),
        trace.get("fill"),
    )
    return tuple(tuple(v) if isinstance(v, list) else v for v in looks)


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_chart_tells_its_legend_apart_without_colour(
    name: str, analyses: dict[str, retro.Analysis]
) -> None:
    found = analyses[name]
    msg = Messages("nl")
    context = report_context(found, "nl")
    figures = [
        timeline_figure(
            found.case,
            [f["rows"] for f in context["flags"]],
            msg,
            context["timeline"]["lanes"],
            summarised=False,
        ),
        network_figure(found.case, found.graph, found.measures, msg, min_together=3),
        helpers_figure(
            found.measures.care_over_time, found.measures.helpers_over_time, context["helpers"], msg
        ),
    ]
    for figure in figures:  # plain dicts, as plotly.js reads them
        entries = [t for t in figure["data"] if t.get("showlegend") is not False and t.get("name")]
        looks = [_looks(t) for t in entries]
        assert len(set(looks)) == len(looks), [t["name"] for t in entries]
        shapes = figure["layout"].get("shapes", [])
        dashes = [s["line"]["dash"] for s in shapes if s["type"] == "line" and s["xref"] == "paper"]
        assert len(set(dashes)) == len(dashes)  # the helpers' two limits: dash and dot


def test_the_agenda_setting_names_have_help_and_types() -> None:
    agenda = load_config().report.agenda
    assert agenda.question_weight > 0 and agenda.event_weight > 0 and agenda.weighed_events > 0
    text = (ROOT / "retro" / "defaults.toml").read_text("utf-8")
    for name in ("overview_minutes", "question_weight", "event_weight", "weighed_events"):
        line = text.index(f"\n{name} = ")
        assert text[:line].rsplit("\n", 1)[1].startswith("# "), name  # one line of help above
