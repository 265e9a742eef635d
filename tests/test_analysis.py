"""The network, its measures and the detectors built so far, on cases whose answer is known."""

from __future__ import annotations

import json

from retro import analyse, load_case
from retro.config import load_config
from retro.network import actor_graph, helpers_over_time, network_measures
from tests.casebuilder import case, event
from tests.conftest import ROOT, run_cli


def _flags(c, kind: str, **overrides):
    config = load_config(overrides={"analysis": overrides} if overrides else None)
    return [f for f in analyse(c, config).flags if f.kind == kind]


def test_graph_keeps_edge_kinds_apart_and_counts_copresence() -> None:
    c = case(event("E1", "2023-01-01", "meeting", "Hulp", "Moeder"), event("E2", "2023-01-08", "meeting", "Hulp", "Moeder,Regie"),
             event("E3", "2023-02-01", "handover", "Hulp", "Therapeut"))
    graph = actor_graph(c)
    assert graph.edges["Hulp", "Moeder", "copresence"]["weight"] == 2
    assert graph.edges["Hulp", "Moeder", "copresence"]["events"] == ["E1", "E2"]
    assert graph.edges["Hulp", "Therapeut", "handover"]["source"] == "Hulp"
    assert not graph.has_edge("Moeder", "Therapeut")


def test_measures_never_met_one_parent_and_helpers_over_time() -> None:
    events = [event(f"E{i}", f"2023-0{1 + i % 3}-1{i}", "meeting", "Hulp", "Moeder") for i in range(1, 4)]
    events += [event(f"E{i}", f"2023-0{1 + i % 3}-1{i}", "meeting", "Regie", "Vader,Moeder") for i in range(4, 7)]
    c = case(*events)
    settings = load_config()["analysis"]
    measures = network_measures(c, actor_graph(c), settings)
    assert measures.never_met == (("Hulp", "Regie"),)
    assert measures.one_parent_only == (("Hulp", "Moeder"),)
    assert dict(helpers_over_time(c, window_days=90))[c.events[0].start.replace(day=1)] == 2


def test_ad_hoc_decision_after_escalation_without_analysis() -> None:
    c = case(event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
             event("E2", "2023-03-04", "decision", "Hulp", "Moeder", basis="urgency"))
    [flag] = _flags(c, "ad_hoc_decision")
    assert flag.events == ("E1", "E2") and flag.actors == ("Hulp",) and flag.severity == "high"


def test_near_miss_decision_after_escalation_with_analysis_in_between() -> None:
    c = case(event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
             event("E2", "2023-03-03", "analysis", "Regie", "Hulp,Moeder,Vader"),
             event("E3", "2023-03-05", "decision", "Regie", "Moeder", basis="analysis"))
    assert _flags(c, "ad_hoc_decision") == []


def test_decision_long_after_escalation_is_not_a_reaction_to_it() -> None:
    c = case(event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
             event("E2", "2023-05-01", "decision", "Regie", "Moeder", basis="request"))
    assert _flags(c, "ad_hoc_decision") == []


def _rounds(n: int, analysis_after: int | None = None):
    events = []
    for i in range(n):
        month = f"2022-{i + 1:02d}"
        events += [event(f"M{i}", f"{month}-01", "case_conference", "Regie", "Hulp,School"),
                   event(f"O{i}", f"{month}-20", "intervention", "Hulp", "Moeder")]
        if analysis_after == i:
            events.append(event(f"A{i}", f"{month}-25", "analysis", "Regie", "Hulp,Moeder,Vader"))
    return events


def test_offer_after_offer_fires_on_three_rounds_and_cites_them() -> None:
    [flag] = _flags(case(*_rounds(3)), "offer_after_offer")
    assert flag.events == ("M0", "O0", "M1", "O1", "M2", "O2") and flag.facts["rounds"] == 3


def test_offer_after_offer_near_miss_analysis_breaks_the_run_and_threshold_is_config() -> None:
    assert _flags(case(*_rounds(3, analysis_after=1)), "offer_after_offer") == []
    assert len(_flags(case(*_rounds(2)), "offer_after_offer", offer_after_offer={"min_rounds": 2})) == 1


def test_cli_json_is_the_analysis_to_dict() -> None:
    path = ROOT / "sample_cases" / "hengelo.xlsx"
    result = run_cli("analyse", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(json.dumps(analyse(load_case(path)).to_dict(), default=str))


def test_cli_text_quotes_evidence_and_asks_questions_in_english() -> None:
    result = run_cli("analyse", ROOT / "sample_cases" / "ayla.xlsx", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Decision out of urgency" in result.stdout and "A16" in result.stdout and "Reflection question" in result.stdout


def test_sample_cases_show_the_detectors_built_so_far() -> None:
    kinds = {f.kind for name in ("hengelo", "jip", "ayla", "rik") for f in analyse(load_case(ROOT / "sample_cases" / f"{name}.xlsx")).flags}
    assert {"ad_hoc_decision", "offer_after_offer"} <= kinds
