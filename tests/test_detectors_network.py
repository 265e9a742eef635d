"""Detectors about the professionals' network: parallel dynamics, never met, too many helpers, no
case direction.  Each case is small enough to check on paper; the tests assert exactly which events
are cited."""

from __future__ import annotations

from retro.analysis.flag_text import flag_text
from retro.messages import Messages
from retro.model import Relation
from tests.casebuilder import case, event, flags_of, only, rules

DIRECTION = (
    event("E90", "2023-01-05", "meeting", "Regie", "Moeder,Vader"),
    event("E91", "2023-12-20", "meeting", "Regie", "Moeder"),
)


def _with_mother(actor: str, *days: str, prefix: str = "M") -> list:
    return [event(f"{prefix}{i}", day, "meeting", actor, "Moeder") for i, day in enumerate(days, 1)]


def test_helper_adopting_one_parents_view_who_also_only_met_that_parent_is_strong() -> None:
    c = case(
        event("E1", "2023-02-01", "meeting", "Hulp", "Moeder", sides_with="Moeder"),
        event("E2", "2023-03-01", "meeting", "Hulp", "Moeder"),
        event("E3", "2023-04-01", "decision", "Hulp", "Moeder", sides_with="Moeder"),
    )
    flag = only(c, "parallel_dynamic", "adopts_view")
    assert flag.events == ("E1", "E3") and flag.actors == ("Hulp",) and flag.severity == "high"
    assert flag.facts["also"] == ("one_parent",) and flag.facts["only"] == (
        ("Hulp", "Moeder"),
    )  # data, not prose
    assert flag.facts["sided"] == (("Hulp", ("E1", "E3")),)
    text = flag_text(flag, Messages("nl")).explanation
    assert (
        "standpunt van één ouder over: Hulp (E1, E3)." in text
        and "hele casus: Hulp (Moeder)." in text
    )


def test_meeting_only_one_parent_is_weak_and_not_for_a_school() -> None:
    helper = only(
        case(*_with_mother("Hulp", "2023-02-01", "2023-03-01", "2023-04-01")),
        "parallel_dynamic",
        "one_parent",
    )
    assert helper.events == ("M1", "M2", "M3") and helper.severity == "low"
    assert (
        flags_of(
            case(*_with_mother("School", "2023-02-01", "2023-03-01", "2023-04-01")),
            "parallel_dynamic",
        )
        == []
    )


def test_professionals_in_conflict_who_try_to_convince_each_other() -> None:
    conflict = (Relation("Regie", "Hulp", "conflict"),)
    c = case(
        event(
            "E1", "2023-02-01", "meeting", "Regie", "Hulp", text="Ze proberen elkaar te overtuigen."
        ),
        event("E2", "2023-03-01", "meeting", "Regie", "Hulp"),
        relations=conflict,
    )
    flag = only(c, "parallel_dynamic", "conflict")
    assert flag.events == ("E1",) and flag.actors == ("Regie", "Hulp") and flag.severity == "medium"
    family = case(
        event("E1", "2023-02-01", "meeting", "Hulp", "Moeder"),
        relations=(Relation("Moeder", "Hulp", "conflict"),),
    )
    assert "conflict" not in rules(family, "parallel_dynamic")


def test_convincing_words_count_only_between_professionals_who_lean_to_different_parents() -> None:
    leaning = [
        event("E1", "2023-01-10", "meeting", "Hulp", "Moeder"),
        event("E2", "2023-01-20", "meeting", "Hulp", "Moeder"),
        event("E3", "2023-01-11", "meeting", "Coach", "Vader"),
        event("E4", "2023-01-21", "meeting", "Coach", "Vader"),
    ]
    talk = event(
        "E5",
        "2023-02-01",
        "meeting",
        "Hulp",
        "Coach",
        text="Hulp en coach zijn het oneens over de omgang.",
    )
    assert only(case(*leaning, talk), "parallel_dynamic", "contest").events == ("E5",)
    same_side = [
        event("E3", "2023-01-11", "meeting", "Coach", "Moeder"),
        event("E4", "2023-01-21", "meeting", "Coach", "Moeder"),
    ]
    assert "contest" not in rules(case(*leaning[:2], *same_side, talk), "parallel_dynamic")


def test_messenger_between_the_parents() -> None:
    to_mother = event("E1", "2023-03-01", "meeting", "Hulp", "Moeder")
    to_father = event(
        "E2",
        "2023-03-06",
        "meeting",
        "Hulp",
        "Vader",
        text="Hulp brengt namens moeder de afspraken over.",
    )
    flag = only(case(to_mother, to_father), "parallel_dynamic", "messenger")
    assert flag.events == ("E1", "E2") and flag.actors == ("Hulp",)
    silent = event("E2", "2023-03-06", "meeting", "Hulp", "Vader")
    far = event(
        "E2",
        "2023-06-06",
        "meeting",
        "Hulp",
        "Vader",
        text="Hulp brengt namens moeder de afspraken over.",
    )
    assert "messenger" not in rules(case(to_mother, silent), "parallel_dynamic")
    assert "messenger" not in rules(case(to_mother, far), "parallel_dynamic")


def _camp(a: str, b: str, parent: str, prefix: str) -> list:
    return [
        event(f"{prefix}{i}", f"2023-0{i}-01", "meeting", a, f"{b},{parent}") for i in range(1, 4)
    ]


def test_professionals_split_into_camps_that_mirror_the_parents() -> None:
    flag = only(
        case(*_camp("Hulp2", "Hulp3", "Moeder", "A"), *_camp("Regie", "Coach", "Vader", "B")),
        "parallel_dynamic",
        "camps",
    )
    assert {
        flag.facts["parent_a"]: flag.facts["camp_a"],
        flag.facts["parent_b"]: flag.facts["camp_b"],
    } == {"Moeder": ("Hulp2", "Hulp3"), "Vader": ("Coach", "Regie")}
    assert flag.events == ("A1", "B1", "A2", "B2", "A3", "B3")
    one_side = case(
        *_camp("Hulp2", "Hulp3", "Moeder", "A"), *_camp("Regie", "Coach", "Moeder", "B")
    )
    assert "camps" not in rules(one_side, "parallel_dynamic")


def test_complaint_about_a_helper_followed_by_their_replacement() -> None:
    c = case(
        event(
            "E1",
            "2023-03-01",
            "complaint",
            "Moeder",
            "Regie",
            text="Moeder vraagt om een andere casusregisseur.",
        ),
        event("E2", "2023-03-20", "handover", "Regie", "JB"),
    )
    flag = only(c, "parallel_dynamic", "complaints")
    assert flag.events == ("E1", "E2") and flag.actors == ("Regie",) and flag.severity == "medium"
    assert flag.facts["also"] == ("asked_replacement", "replaced")
    assert "complaints" not in rules(
        case(event("E1", "2023-03-01", "complaint", "School", "Hulp")), "parallel_dynamic"
    )


def _busy(actor: str, parent: str, months: range, prefix: str) -> list:
    return [event(f"{prefix}{m}", f"2023-{m:02d}-15", "meeting", actor, parent) for m in months]


def test_helpers_active_together_who_never_met_and_letters_do_not_count() -> None:
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        event("R1", "2023-03-01", "referral", "Hulp", "Coach"),
    )
    flag = only(c, "never_met", "never")
    assert flag.events == () and flag.actors == ("Coach", "Hulp") and flag.severity == "low"
    assert flag.facts["never"] == (("Coach", "Hulp"),) and flag.facts["once"] == ()  # pairs as data
    assert flag_text(flag, Messages("en")).explanation.endswith("but never met: Coach – Hulp.")
    short = case(
        *_busy("Hulp", "Moeder", range(1, 4), "A"), *_busy("Coach", "Vader", range(3, 6), "B")
    )
    assert flags_of(short, "never_met") == []


def test_met_only_once_with_the_case_director_and_colleagues_meet_for_their_team() -> None:
    c = case(
        *_busy("Regie", "Moeder", range(1, 7), "A"),
        *_busy("Hulp", "Vader", range(1, 7), "B"),
        event("C1", "2023-03-20", "meeting", "Regie", "Hulp"),
    )
    once = only(c, "never_met", "once")
    assert once.events == ("C1",) and once.facts["once"] == (("Hulp", "Regie", "C1"),)
    assert "held case direction: Hulp – Regie (C1)." in flag_text(once, Messages("en")).explanation
    assert flags_of(c, "never_met", never_met={"flag_met_once_with_director": False}) == []
    team = case(
        *_busy("Hulp2", "Moeder", range(1, 7), "A"),
        *_busy("Hulp3", "Moeder", range(1, 7), "B"),
        *_busy("Coach", "Vader", range(1, 7), "C"),
        event("D1", "2023-03-20", "meeting", "Coach", "Hulp2"),
        event("D2", "2023-04-20", "meeting", "Coach", "Hulp2"),
    )
    assert (
        flags_of(team, "never_met") == []
    )  # Coach never met Hulp3, but met Hulp3's colleague twice


HELPERS = ("Regie", "Hulp", "Therapeut", "JB", "Hulp2", "Hulp3", "Coach", "Mediator")


def test_many_helpers_at_once_cites_each_helpers_closest_event() -> None:
    six = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS[:6], 1)
    ]
    flag = only(case(*six), "too_many_helpers", "at_once")
    assert (
        flag.events == tuple(f"E{i}" for i in range(1, 7))
        and flag.severity == "medium"
        and flag.facts["count"] == 6
    )
    eight = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS, 1)
    ]
    assert only(case(*eight), "too_many_helpers", "at_once").severity == "high"
    assert flags_of(case(*six[:5]), "too_many_helpers") == []
    assert rules(case(*six[:5]), "too_many_helpers", too_many_helpers={"medium": 5, "high": 7}) == [
        "at_once"
    ]


def test_professionals_who_investigate_or_report_are_not_helpers() -> None:
    others = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(("Regie", "Hulp", "Therapeut", "School", "Raad", "VT"), 1)
    ]
    assert flags_of(case(*others), "too_many_helpers") == []


def test_help_starting_long_before_anyone_holds_direction() -> None:
    c = case(
        event("E1", "2023-01-10", "intervention", "Hulp", "Moeder"),
        event("E2", "2023-03-10", "meeting", "Hulp", "Vader"),
        event("E3", "2023-09-01", "meeting", "Regie", "Moeder,Vader"),
    )
    flag = only(c, "no_case_direction", "late_start")
    assert (
        flag.events == ("E1", "E2", "E3")
        and flag.facts["days"] == 234
        and flag.severity == "medium"
    )
    assert (
        only(
            c, "no_case_direction", "late_start", no_case_direction={"late_start_medium_days": 240}
        ).severity
        == "low"
    )
    soon = case(
        event("E1", "2023-01-10", "intervention", "Hulp", "Moeder"),
        event("E3", "2023-02-01", "meeting", "Regie", "Moeder"),
    )
    assert flags_of(soon, "no_case_direction") == []
    assert only(case(*c.events[:2]), "no_case_direction", "never_held").events == ("E1", "E2")


def test_many_handovers_and_direction_changing_hands() -> None:
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder"),
        event("E2", "2023-02-10", "handover", "Regie", "JB"),
        event("E3", "2023-03-10", "handover", "Hulp", "Hulp2"),
        event("E4", "2023-04-10", "handover", "Hulp2", "Hulp3"),
    )
    flag = only(c, "no_case_direction", "many_handovers")
    assert (
        flag.events == ("E2", "E3", "E4")
        and flag.severity == "medium"
        and flag.facts["changes"] == 1
    )
    assert flags_of(case(*c.events[:3]), "no_case_direction") == []


def test_others_lead_while_the_director_is_absent_and_searching() -> None:
    led = [
        event("E1", "2023-03-01", "case_conference", "Hulp", "School"),
        event("E2", "2023-04-01", "decision", "Hulp", "Moeder"),
    ]
    flag = only(case(*DIRECTION, *led), "no_case_direction", "led_by_others")
    assert flag.events == ("E1", "E2") and flag.severity == "medium"
    searching = event(
        "E3",
        "2023-05-01",
        "meeting",
        "Regie",
        "Vader",
        text="De casusregisseur is zoekende naar haar rol.",
    )
    strong = only(case(*DIRECTION, *led, searching), "no_case_direction", "led_by_others")
    assert strong.events == ("E1", "E2", "E3") and strong.severity == "high"
    present = [event("E1", "2023-03-01", "case_conference", "Hulp", "School,Regie"), led[1]]
    assert flags_of(case(*DIRECTION, *present), "no_case_direction") == []
