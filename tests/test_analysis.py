"""The network, its measures, the result object, `retro analyse`, and every pattern on the sample
cases."""

from __future__ import annotations

import json
from datetime import date
from functools import cache

import pytest

from retro import FLAG_KINDS, analyse, load_case
from retro.analysis.flag_text import detection_text, flag_text
from retro.analysis.lexicon import lexicon
from retro.analysis.network import actor_graph, colleagues, meetings_of_pair, network_measures
from retro.config import load_config, plain_values
from retro.messages import Messages
from retro.report import report_context, report_html
from retro.review import review_of
from tests.casebuilder import case, event, flags_of
from tests.conftest import ROOT, run_cli

SAMPLES = ("hengelo", "jip", "ayla", "rik")


@cache
def _sample(name: str):
    return analyse(load_case(ROOT / "sample_cases" / f"{name}.xlsx"))


def test_graph_keeps_edge_kinds_apart_and_counts_copresence() -> None:
    c = case(
        event("E1", "2023-01-01", "meeting", "Hulp", "Moeder"),
        event("E2", "2023-01-08", "meeting", "Hulp", "Moeder,Regie"),
        event("E3", "2023-02-01", "handover", "Hulp", "Therapeut"),
        event("E4", "2023-02-02", "referral", "Hulp", "Moeder"),
    )
    graph = actor_graph(c, words=lexicon(), meeting_types=["meeting"])
    edge = graph.edges["Hulp", "Moeder", "copresence"]
    assert (edge["weight"], edge["events"], edge["meetings"], edge["meeting_events"]) == (
        3,
        ["E1", "E2", "E4"],
        2,
        ["E1", "E2"],
    )
    assert graph.edges["Hulp", "Therapeut", "handover"]["source"] == "Hulp"
    assert not graph.has_edge("Moeder", "Therapeut")


def test_measures_never_met_one_parent_and_helpers_over_time() -> None:
    events = [
        event(f"E{i}", f"2023-0{1 + i % 3}-1{i}", "meeting", "Hulp", "Moeder") for i in range(1, 4)
    ]
    events += [
        event(f"E{i}", f"2023-0{1 + i % 3}-1{i}", "meeting", "Regie", "Vader,Moeder")
        for i in range(4, 7)
    ]
    c = case(*events, event("E7", "2023-02-01", "referral", "Regie", "Hulp"))
    settings = load_config(overrides={"analysis": {"min_overlap_days": 50}}).analysis
    graph = actor_graph(c, words=lexicon(), meeting_types=settings.meeting_types)
    measures = network_measures(c, graph, settings, lexicon())
    assert measures.never_met == (
        ("Hulp", "Regie"),
    )  # the referral letter is not a meeting; together 13-01 to 12-03
    assert measures.one_parent_only == (("Hulp", "Moeder"),)
    # both involved from their first event (13 and 16 January) to their last: two in January
    assert measures.helpers_over_time[0] == (date(2023, 1, 1), 2)
    briefly = load_config(
        overrides={"analysis": {"min_overlap_days": 60}}
    ).analysis  # 58 days together is too short
    assert network_measures(c, graph, briefly, lexicon()).never_met == ()


def _monthly(actor: str, with_: str, prefix: str, months: range = range(1, 7)) -> list:
    return [event(f"{prefix}{m}", f"2023-{m:02d}-15", "meeting", actor, with_) for m in months]


def test_met_counts_a_colleague_of_the_other_while_both_were_active_and_only_between_professionals() -> (
    None
):
    # Hulp2 and Hulp3 are colleagues (Tweede lijn); Coach met Hulp2 twice, Hulp3 never; Hulp met
    # Hulp3 once
    c = case(
        *_monthly("Hulp2", "Moeder", "A"),
        *_monthly("Hulp3", "Kind", "B"),
        *_monthly("Coach", "Vader", "C"),
        *_monthly("Hulp", "Vader", "D"),
        event("M1", "2023-03-20", "meeting", "Coach", "Hulp2"),
        event("M2", "2023-04-20", "meeting", "Coach", "Hulp2"),
        event("M3", "2023-05-20", "meeting", "Hulp", "Hulp3"),
        event("L1", "2023-02-20", "referral", "Hulp", "Hulp2"),
        event("X1", "2023-12-01", "meeting", "Hulp2", "Kind"),
    )
    result = analyse(c)
    m, team = result.measures, colleagues(c)
    assert team["Hulp3"] == {"Hulp2"} and team["Coach"] == frozenset() and "Kind" not in team
    assert sorted(meetings_of_pair(c, result.graph, team, "Coach", "Hulp3", enough=9)) == [
        "M1",
        "M2",
    ]
    assert m.never_met == (("Coach", "Hulp"),)  # Hulp2's letter to Hulp is no meeting
    assert m.met_once == (
        ("Hulp", "Hulp2", "M3"),
        ("Hulp", "Hulp3", "M3"),
    )  # through Hulp3, Hulp met the team once
    # X1 came after Hulp3 and Coach stopped: Hulp2 meeting the child then does not make the child
    # meet Hulp3
    kind = next(a for a in m.actors if a.id == "Kind")
    coach = next(a for a in m.actors if a.id == "Coach")
    assert (coach.professionals_met, coach.professionals_alongside) == (
        2,
        3,
    )  # Hulp2 and, through her, Hulp3
    assert (kind.professionals_met, kind.professionals_alongside) == (
        2,
        4,
    )  # Hulp3 and Hulp2 themselves, no team rule
    assert [f.facts["never"] for f in result.flags if f.kind == "never_met"] == [
        (("Coach", "Hulp"),)
    ]


def test_met_means_the_same_in_the_cli_the_report_and_the_flag_on_jip() -> None:
    """JB never sat with Therapeut2 (a referral letter only), but twice with Therapeut2's colleague
    Therapeut1 (J31, J32): they met, for the measures, the network section, the CLI and the flag alike."""
    result = _sample("jip")
    assert sorted(
        meetings_of_pair(
            result.history, result.graph, colleagues(result.history), "JB", "Therapeut2", enough=9
        )
    ) == ["J31", "J32"]
    sentences = report_context(result, "nl")["network"]["sentences"]
    never = next(s for s in sentences if "staat geen ontmoeting" in s)
    once = next(s for s in sentences if "maar één keer" in s)
    cli = run_cli("analyse", ROOT / "sample_cases" / "jip.xlsx")
    assert cli.returncode == 0 and never in cli.stdout and once in cli.stdout
    assert "JB – Therapeut2" not in cli.stdout and "JB – Therapeut2" not in never
    [flag] = [f for f in result.flags if f.kind == "never_met"]
    assert flag.facts["never"] == (("Psycholoog", "Wijkteam"),) and flag.facts["once"] == (
        ("JB", "Psycholoog", "J31"),
    )
    assert all(f"{a} – {b}" in never for a, b in flag.facts["never"])
    assert all(f"{a} – {b} ({e})" in once for a, b, e in flag.facts["once"])
    # the handover J13 was no meeting: JB and the Wijkteam never sat together
    assert (
        "JB (jeugdbescherming) ontmoette volgens de tijdlijn 5 van de 6 andere professionals"
        in " ".join(sentences)
    )
    page = report_html(result, "nl")
    network, patterns = page.split('id="network"', 1)[1].split('id="patterns"', 1)
    assert never in network and once in network and "JB – Therapeut2" not in page
    explanation = result.flag_text(flag, Messages("nl")).explanation
    assert explanation in patterns and explanation in cli.stdout


def test_measures_who_was_involved_when_the_pivot_and_who_met_whom() -> None:
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder,Hulp"),
        event("E2", "2023-02-10", "meeting", "Regie", "Vader"),
        event("E3", "2023-05-10", "meeting", "Regie", "Moeder,Therapeut"),
        event("E4", "2023-08-10", "meeting", "Hulp", "Vader"),
        event("E5", "2023-08-20", "handover", "Regie", "JB"),
        event("E6", "2023-08-21", "meeting", "School", "Moeder"),
    )
    m = analyse(c).measures
    assert m.involved_over_time == (
        (date(2023, 1, 1), ("Regie", "Hulp")),
        (date(2023, 4, 1), ("Regie", "Therapeut")),
        (date(2023, 7, 1), ("Hulp", "JB", "Regie", "School")),
    )
    assert m.pivot == "Regie" and m.pivot_presence == 1.0
    assert [(h.holder, h.start, h.end, h.reason, h.event) for h in m.direction] == [
        ("Regie", date(2023, 1, 10), date(2023, 8, 20), "role", None),
        ("JB", date(2023, 8, 20), date(2023, 8, 20), "handover", "E5"),
    ]
    # on 10 May Regie, Hulp and Therapeut were involved; Hulp's last day was 10 August, before JB
    # came
    assert (
        m.handover_events == ("E5",) and m.handovers == 1 and m.max_helpers == 3 and m.max_care == 3
    )
    regie = next(a for a in m.actors if a.id == "Regie")
    # Regie met Hulp and Therapeut; the handover to JB (E5) was no meeting; School came after Regie
    assert (regie.professionals_met, regie.professionals_alongside, regie.periods) == (2, 3, 3)


def test_events_on_or_after_the_session_date_are_the_session_itself() -> None:
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-04", "decision", "Hulp", "Moeder"),
        event("E3", "2023-06-01", "meeting", "Regie", "Hulp"),
        session="2023-03-04",
    )
    result = analyse(c)
    assert (
        result.session_events == ("E2", "E3")
        and result.flags == ()
        and len(result.case.events) == 3
    )
    assert "Regie" not in result.graph.nodes["Hulp"] and result.to_dict()["case"][
        "session_events"
    ] == ["E2", "E3"]
    assert [e.id for e in result.history.events] == ["E1"] and result.history.event_positions == {
        "E1": 0
    }
    assert result.case.event_positions == {
        "E1": 0,
        "E2": 1,
        "E3": 2,
    }  # the rows of the report's event table


def test_flag_sentences_translate_vocabulary_and_fill_the_detection_thresholds() -> None:
    [flag] = flags_of(
        case(
            event("E0", "2023-02-27", "complaint", "Vader", "Hulp"),
            event("E1", "2023-03-01", "decision", "Hulp", "Moeder", basis="pressure"),
        ),
        "ad_hoc_decision",
    )
    assert (
        "'druk'" in flag_text(flag, Messages("nl")).explanation
        and "'pressure'" in flag_text(flag, Messages("en")).explanation
    )
    settings = load_config(
        overrides={"analysis": {"ad_hoc_decision": {"trigger_window_days": 21}}}
    ).analysis
    assert "binnen 21 dagen" in detection_text("ad_hoc_decision", Messages("nl"), settings)
    assert "within 14 days" in detection_text("ad_hoc_decision", Messages("en"))


def test_detection_texts_name_the_vocabularies_of_the_settings_in_the_readers_language() -> None:
    dutch, english = (
        detection_text("ad_hoc_decision", Messages("nl")),
        detection_text("ad_hoc_decision", Messages("en")),
    )
    assert (
        "van het type escalatie, klacht, melding, contactbreuk, of op" in dutch
        and "aanleiding nood, crisis, druk telt" in dutch
    )
    assert "of type escalation, complaint, report, contact break, or a" in english
    fewer = load_config(
        overrides={"analysis": {"ad_hoc_decision": {"trigger_types": ["complaint"]}}}
    ).analysis
    assert "van het type klacht, of op" in detection_text("ad_hoc_decision", Messages("nl"), fewer)
    assert "(therapeut)" in detection_text("child_in_the_middle", Messages("nl"))  # therapy_roles
    # every list of a pattern's own settings is filled in, never spelled out by hand in
    # the catalogue
    for kind in FLAG_KINDS:
        table = load_config().analysis.detector(kind)
        own = plain_values(table) if table is not None else {}
        for lang in ("nl", "en"):
            raw = Messages(lang).raw(f"flags.{kind}.detection")
            assert all(
                "{" + name + "}" in raw for name, value in own.items() if isinstance(value, tuple)
            ), (kind, lang)


def test_every_kind_and_rule_has_sentences_in_both_languages() -> None:
    for lang in ("nl", "en"):
        msg = Messages(lang)
        for kind in FLAG_KINDS:
            assert (
                msg.has(f"flags.{kind}.title")
                and msg.has(f"flags.{kind}.question")
                and detection_text(kind, msg)
            )
        for name in SAMPLES:
            for flag in _sample(name).flags:
                text = flag_text(flag, msg)
                assert (
                    text.title
                    and text.explanation
                    and text.question
                    and "{" not in text.explanation
                )


def test_result_object_frames_and_a_repr_without_personal_data() -> None:
    result = _sample("ayla")
    frame = result.flags_frame("en")
    assert list(frame.columns) == [
        "kind",
        "severity",
        "title",
        "events",
        "actors",
        "rule",
        "explanation",
        "question",
    ]
    assert len(frame) == len(result.flags) and frame["title"].tolist() == [
        result.flag_text(f, Messages("en")).title for f in result.flags
    ]
    assert "Ayla" not in repr(result) and "Bennani" not in repr(result)


def test_helpers_and_involved_frames_hold_the_known_answer() -> None:
    # Regie (case director) and Hulp (youth care) help; School is a professional but no helper
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder,Hulp"),
        event("E2", "2023-02-10", "meeting", "School", "Moeder"),
        event("E3", "2023-05-10", "meeting", "Hulp", "Vader"),
        event("E4", "2023-07-20", "meeting", "Regie", "Vader"),
    )
    result = analyse(c)
    helpers = result.helpers_frame()
    assert helpers["month"].tolist() == [date(2023, m, 1) for m in range(1, 8)]
    # involved from the first to the last own event: Regie 10-01 to 20-07, Hulp 10-01 to 10-05,
    # School only on 10-02 (with Regie and Hulp); after 10 May only Regie
    assert helpers["professionals"].tolist() == [2, 3, 2, 2, 2, 1, 1]
    assert helpers["helpers"].tolist() == [2, 2, 2, 2, 2, 1, 1]
    involved = result.involved_frame()
    assert involved.to_dict("records") == [
        {
            "period": date(2023, 1, 1),
            "professionals": "Hulp, Regie, School",
            "count": 3,
            "pivot": True,
        },  # one event each: by name
        {"period": date(2023, 4, 1), "professionals": "Hulp", "count": 1, "pivot": False},
        {"period": date(2023, 7, 1), "professionals": "Regie", "count": 1, "pivot": True},
    ]
    assert result.measures.pivot == "Regie"
    empty = analyse(case())
    assert (
        list(empty.helpers_frame().columns) == ["month", "professionals", "helpers"]
        and empty.helpers_frame().empty
    )


def test_cli_json_is_the_analysis_to_dict_and_holds_the_contract_fields() -> None:
    path = ROOT / "sample_cases" / "hengelo.xlsx"
    result = run_cli("analyse", path, "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    analysis = analyse(load_case(path))
    assert data.pop("review") == review_of(analysis).to_dict()  # the verdicts, beside the analysis
    assert data == json.loads(json.dumps(analysis.to_dict()))  # to_dict holds plain JSON values
    assert {"title", "events", "actors"} <= set(data["case"]) and data["case"]["events"] == 56
    assert {"id", "role", "category", "degree", "betweenness"} <= set(data["actors"][0])
    assert all(
        {"kind", "events", "actors", "title", "explanation", "question"} <= set(f)
        for f in data["flags"]
    )
    assert {f["kind"] for f in data["flags"]} <= set(FLAG_KINDS)


def test_cli_text_quotes_evidence_and_asks_questions_in_english() -> None:
    result = run_cli("analyse", ROOT / "sample_cases" / "ayla.xlsx", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert (
        "Decision out of urgency" in result.stdout
        and "A16" in result.stdout
        and "Reflection question" in result.stdout
    )
    assert "session date (A40)" in result.stdout
    network = report_context(_sample("ayla"), "en")["network"]["sentences"]
    assert "stood between others most often" in network[0] and all(
        s in result.stdout for s in network
    )  # the report's words
    assert "[strong]" in result.stdout or "[medium]" in result.stdout


def test_cli_config_file_overrides_a_threshold_and_a_typo_is_a_clear_error(tmp_path) -> None:
    path = ROOT / "sample_cases" / "rik.xlsx"
    strict = tmp_path / "strict.toml"
    strict.write_text("[analysis.child_in_the_middle]\nmax_child_interviews = 9\n", "utf-8")
    before = json.loads(run_cli("analyse", path, "--format", "json").stdout)
    after = json.loads(run_cli("analyse", path, "--format", "json", "--config", strict).stdout)

    def interviews(analysis: dict) -> list[str]:
        return [
            f["id"]
            for f in analysis["flags"]
            if "repeated_interviews" in (f["rule"], *f["facts"].get("also", ()))
        ]

    assert len(interviews(before)) == 1 and interviews(after) == []
    typo = tmp_path / "typo.toml"
    typo.write_text("[analysis.child_in_the_middle]\nmax_child_interview = 9\n", "utf-8")
    result = run_cli("analyse", path, "--config", typo)
    assert (
        result.returncode == 2
        and "max_child_interview" in result.stderr
        and "Traceback" not in result.stderr
    )


def test_every_pattern_fires_somewhere_in_the_sample_cases() -> None:
    kinds = {f.kind for name in SAMPLES for f in _sample(name).flags}
    assert kinds == set(FLAG_KINDS)


@pytest.mark.parametrize(
    "name, kind, rule, events",
    [
        (
            "hengelo",
            "ad_hoc_decision",
            "after_trigger",
            ("H07", "H08", "H53"),
        ),  # reversed three weeks later
        # the phone call on father's behalf is contact with one parent, though no meeting
        ("hengelo", "parallel_dynamic", "messenger", ("H51", "H52")),
        (
            "hengelo",
            "offer_after_offer",
            "new_help_without_analysis",
            (
                "H03",
                "H09",
                "H10",
                "H13",
                "H14",
                "H17",
                "H19",
                "H24",
                "H25",
                "H33",
                "H35",
                "H54",
                "H36",
                "H55",
            ),
        ),
        # direction passed twice (H29, H44); the handovers between helpers (H20, H41) do not count
        ("hengelo", "no_case_direction", "direction_changes", ("H29", "H44")),
        ("jip", "child_in_the_middle", "decision_on_voice", ("J18", "J19", "J20")),
        ("jip", "stagnation", "named", ("J29",)),  # "de strijd komt niet in beweging"
        ("ayla", "ad_hoc_decision", "after_trigger", ("A15", "A16")),
        ("ayla", "parallel_dynamic", "adopts_view", ("A14", "A16")),
        ("rik", "no_case_direction", "late_start", ("K05", "K31", "K11")),
    ],
)
def test_sample_cases_show_their_story(
    name: str, kind: str, rule: str, events: tuple[str, ...]
) -> None:
    assert events in [f.events for f in _sample(name).flags if f.kind == kind and f.rule == rule]


def test_the_success_story_of_ayla_is_not_flagged_as_stagnation_or_too_many_helpers() -> None:
    kinds = {f.kind for f in _sample("ayla").flags}
    assert (
        "stagnation" not in kinds
        and "too_many_helpers" not in kinds
        and "offer_after_offer" not in kinds
    )


def test_cli_text_quotes_a_long_flag_briefly(tmp_path) -> None:
    from tests.workbooks import valid_sheets, write_workbook

    sheets = valid_sheets()
    for i in range(20):
        sheets["Betrokkenen"].append([f"Hulp{i}", None, "jeugdhulp", None, "vrijwillig", None])
    rows = [sheets["Tijdlijn"][0]]
    # twenty rounds of case conference -> new help by a new helper: one flag citing 40 events
    for i in range(20):
        rows.append(
            [
                f"M{i}",
                f"01-{i % 12 + 1:02d}-{2010 + i // 12}",
                "mdo",
                "JB",
                f"Hulp{i}",
                "MDO.",
                None,
                None,
                None,
                "verslag",
            ]
        )
        rows.append(
            [
                f"O{i}",
                f"15-{i % 12 + 1:02d}-{2010 + i // 12}",
                "aanbod",
                f"Hulp{i}",
                "Moeder",
                "Nieuw aanbod.",
                None,
                None,
                None,
                "plan",
            ]
        )
    sheets["Tijdlijn"] = rows
    result = run_cli("analyse", write_workbook(tmp_path / "rounds.xlsx", sheets))
    assert result.returncode == 0, result.stderr
    block = result.stdout.split("Aanbod na aanbod", 1)[1].split("Reflectievraag", 1)[0]
    quoted = [
        line
        for line in block.splitlines()
        if line.startswith("    ") and ("MDO." in line or "Nieuw aanbod." in line)
    ]
    assert len(quoted) == 12 and "en nog 28" in block


def test_flag_ids_are_stable_when_the_workbook_is_read_again_or_grows_elsewhere() -> None:
    first = {(f.kind, f.id) for f in _sample("hengelo").flags}
    again = {
        (f.kind, f.id) for f in analyse(load_case(ROOT / "sample_cases" / "hengelo.xlsx")).flags
    }
    assert first == again and len({i for _, i in first}) == len(first)
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-04", "decision", "Hulp", "Moeder"),
    )
    [flag] = [f for f in analyse(c).flags if f.kind == "ad_hoc_decision"]
    grown = case(
        *c.events,
        event("E3", "2023-05-01", "escalation", "Vader", "Hulp"),
        event("E4", "2023-05-03", "decision", "Hulp", "Vader"),
    )
    [merged] = [f for f in analyse(grown).flags if f.kind == "ad_hoc_decision"]
    # the same decision-maker's pattern keeps its id while its evidence grows
    assert merged.id == flag.id and merged.events == ("E1", "E2", "E3", "E4")
    assert flag.id.startswith("AHD-") and len(flag.id) == 8


def test_a_flag_resting_on_the_relations_sheet_cites_its_rows_in_the_json() -> None:
    result = json.loads(
        run_cli("analyse", ROOT / "sample_cases" / "ayla.xlsx", "--format", "json").stdout
    )
    [conflict] = [f for f in result["flags"] if f["rule"] == "conflict"]
    assert conflict["relations"] == [5] and conflict["id"].startswith("PD-")
    assert all(f["events"] or f["relations"] for f in result["flags"])  # every flag cites evidence
    assert all("basis" in f and f["basis"] for f in result["flags"])  # and says why it fired
