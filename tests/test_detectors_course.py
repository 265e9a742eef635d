"""Detectors about the course of the case: offer after offer, escalation to other arenas,
stagnation.
Each case is small enough to check on paper; the tests assert exactly which events are cited."""

from __future__ import annotations

from tests.casebuilder import case, event, flags_of, only, rules


def _rounds(n: int, analysis_after: int | None = None) -> list:
    events = []
    for i in range(n):
        month = f"2022-{i + 1:02d}"
        events += [
            event(f"M{i}", f"{month}-01", "case_conference", "Regie", "Hulp,School"),
            event(f"O{i}", f"{month}-20", "intervention", "Hulp", "Moeder"),
        ]
        if analysis_after == i:
            events.append(event(f"A{i}", f"{month}-25", "analysis", "Regie", "Hulp,Moeder,Vader"))
    return events


def test_offer_after_offer_fires_on_three_rounds_and_cites_them() -> None:
    flag = only(case(*_rounds(3)), "offer_after_offer", "rounds_without_analysis")
    assert (
        flag.events == ("M0", "O0", "M1", "O1", "M2", "O2")
        and flag.facts["rounds"] == 3
        and flag.severity == "medium"
    )
    assert (
        only(case(*_rounds(6)), "offer_after_offer", "rounds_without_analysis").severity == "high"
    )


def test_offer_after_offer_near_miss_analysis_breaks_the_run_and_threshold_is_config() -> None:
    assert flags_of(case(*_rounds(3, analysis_after=1)), "offer_after_offer") == []
    assert (
        len(flags_of(case(*_rounds(2)), "offer_after_offer", offer_after_offer={"min_rounds": 2}))
        == 1
    )


def test_case_conference_without_new_help_is_not_a_round() -> None:
    late = [
        event(f"M{i}", f"2022-{2 * i + 1:02d}-01", "case_conference", "Regie", "Hulp")
        for i in range(3)
    ]
    late += [
        event(f"O{i}", f"2022-{2 * i + 1:02d}-01", "meeting", "Hulp", "Moeder") for i in range(3)
    ]
    assert flags_of(case(*late), "offer_after_offer") == []


def test_escalation_cites_the_first_event_on_each_stage() -> None:
    c = case(
        event("L1", "2022-01-10", "legal", "Rechtbank", "Moeder,Vader"),
        event("C1", "2022-02-10", "complaint", "Vader", "Hulp"),
        event("L2", "2022-03-10", "legal", "Rechtbank", "Moeder,Vader"),
        event("C2", "2022-04-10", "complaint", "Moeder", "Hulp"),
    )
    flag = only(c, "escalation", "arenas")
    assert flag.events == ("L1", "C1") and flag.severity == "medium"
    assert (flag.facts["court"], flag.facts["complaints"], flag.facts["arenas"]) == (
        2,
        2,
        ("court", "complaints"),
    )


def test_four_stages_with_lawyers_outside_court_and_the_move_to_the_compulsory_framework_are_strong() -> (
    None
):
    c = case(
        event("E1", "2022-01-10", "meeting", "Hulp", "Moeder"),
        event("E2", "2022-02-10", "legal", "AdvMoeder", "Rechtbank"),
        event("E3", "2022-03-10", "meeting", "Regie", "Moeder,AdvMoeder"),
        event("E4", "2022-04-10", "report", "Vader", "VT"),
        event("E5", "2022-05-10", "meeting", "JB", "Moeder"),
    )
    flag = only(c, "escalation", "arenas")
    assert (
        flag.events == ("E2", "E3", "E4", "E5")
        and flag.severity == "high"
        and flag.facts["move"] == "E5"
    )
    assert flag.facts["arenas"] == ("court", "lawyers", "reports", "compulsory")


def test_near_misses_one_court_case_and_compulsory_from_the_start() -> None:
    assert (
        flags_of(
            case(event("L1", "2022-01-10", "legal", "Rechtbank", "Moeder,Vader,AdvMoeder")),
            "escalation",
        )
        == []
    )
    from_start = case(
        event("E1", "2022-01-10", "meeting", "JB", "Moeder"),
        event("E2", "2022-02-10", "meeting", "Hulp", "Moeder"),
    )
    assert flags_of(from_start, "escalation") == []
    moved = case(
        event("E1", "2022-01-10", "meeting", "Hulp", "Moeder"),
        event("E2", "2022-02-10", "meeting", "JB", "Moeder"),
    )
    flag = only(moved, "escalation", "compulsory_only")
    assert flag.events == ("E2",) and flag.severity == "low"


def test_gap_while_the_case_is_open_but_not_after_closure_help_starting_or_in_vague_history() -> (
    None
):
    flag = only(
        case(
            event("E1", "2022-01-10", "meeting", "Hulp", "Moeder"),
            event("E2", "2022-06-10", "meeting", "Hulp", "Moeder"),
        ),
        "stagnation",
        "gap",
    )
    assert flag.events == ("E1", "E2") and flag.facts["days"] == 151 and flag.severity == "low"
    for first in (
        event("E1", "2022-01-10", "closure", "Hulp", "Moeder"),
        event("E1", "2022-01-10", "intervention", "Hulp", "Moeder"),
    ):
        assert (
            flags_of(
                case(first, event("E2", "2022-06-10", "meeting", "Hulp", "Moeder")), "stagnation"
            )
            == []
        )
    helped = case(
        event("E1", "2022-01-10", "intervention", "Hulp", "Moeder"),
        event("E2", "2022-06-10", "meeting", "Hulp", "Moeder"),
    )
    assert rules(helped, "stagnation", stagnation={"quiet_after_types": ["closure"]}) == ["gap"]
    vague = event("E1", "2020-01-01", "other", "Moeder", "Vader")
    vague = type(vague)(
        **{
            **{f: getattr(vague, f) for f in vague.__dataclass_fields__},
            "date": type(vague.date)(vague.date.start, "year"),
        }
    )
    assert (
        flags_of(case(vague, event("E2", "2022-06-10", "meeting", "Hulp", "Moeder")), "stagnation")
        == []
    )


def test_stuck_with_nothing_moving_after_it_names_the_side_of_the_triangle_and_the_referrer() -> (
    None
):
    c = case(
        event("E1", "2022-01-10", "meeting", "JB", "Moeder"),
        event(
            "E2",
            "2022-02-01",
            "meeting",
            "Therapeut",
            "Moeder",
            text="Het contactherstel loopt vast.",
        ),
        event("E3", "2022-03-01", "other", "Moeder", "Therapeut"),
        event("E4", "2022-06-01", "contact", "Vader", "Kind"),
        event("E5", "2022-07-01", "meeting", "JB", "Vader"),
    )
    flag = only(c, "stagnation", "stuck")
    assert flag.events == ("E2",) and flag.severity == "medium" and flag.facts["days"] == 120
    assert (
        flag.facts["sides"] == ("parents_therapists",)
        and flag.facts["also"] == ("no_pickup",)
        and flag.facts["referrer"] == ["JB"]
    )
    moving = case(*c.events[:3], event("E4", "2022-03-10", "contact", "Vader", "Kind"), c.events[4])
    assert flags_of(moving, "stagnation") == []


def test_meetings_that_decide_nothing_and_one_episode_with_the_stuck_words() -> None:
    meetings = [
        event(f"E{i}", f"2022-0{i}-15", "meeting", "Therapeut", "Moeder,Vader") for i in range(1, 5)
    ]
    flag = only(case(*meetings), "stagnation", "idle_meetings")
    assert flag.events == ("E1", "E2", "E3", "E4") and flag.severity == "low"
    broken = case(
        *meetings[:2], event("C1", "2022-03-01", "contact", "Vader", "Kind"), *meetings[2:]
    )
    assert flags_of(broken, "stagnation") == []
    stuck = case(
        *meetings[:3],
        event("E4", "2022-04-15", "meeting", "Therapeut", "Moeder,Vader", text="Geen voortgang."),
    )
    flag = only(stuck, "stagnation", "stuck")
    assert (
        flag.events == ("E1", "E2", "E3", "E4")
        and flag.facts["also"] == ("idle_meetings",)
        and flag.severity == "high"
    )
    assert rules(case(*meetings), "stagnation", stagnation={"min_idle_meetings": 5}) == []
    cases = [
        event(f"E{i}", f"2022-0{i}-15", "case_conference", "Therapeut", "Moeder,Vader")
        for i in range(1, 5)
    ]
    assert rules(case(*cases), "stagnation") == [
        "idle_meetings"
    ]  # case conferences are meetings too (meeting_types)
    assert rules(case(*cases), "stagnation", stagnation={"meeting_types": ["meeting"]}) == []
    assert rules(broken, "stagnation", stagnation={"moving_types": ["intervention"]}) == [
        "idle_meetings"
    ]  # contact no longer moves
