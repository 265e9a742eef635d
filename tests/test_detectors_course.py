"""Detectors about the course of the case: offer after offer, escalation to other arenas,
stagnation.
Each case is small enough to check on paper; the tests assert exactly which events are cited."""

from __future__ import annotations

from tests.casebuilder import case, event, flags_of, only, rules

HELPERS = ("Hulp", "Hulp2", "Coach", "Therapeut", "Mediator", "Hulp3")


def _rounds(n: int, analysis_after: int | None = None, helpers: tuple[str, ...] = HELPERS) -> list:
    """``n`` rounds of a case conference followed by help from a new helper."""
    events = []
    for i in range(n):
        month = f"2022-{i + 1:02d}"
        events += [
            event(f"M{i}", f"{month}-01", "case_conference", "Regie", "School"),
            event(f"O{i}", f"{month}-20", "intervention", helpers[i % len(helpers)], "Moeder"),
        ]
        if analysis_after == i:
            events.append(event(f"A{i}", f"{month}-25", "analysis", "Regie", "Hulp,Moeder,Vader"))
    return events


def test_offer_after_offer_fires_on_five_new_helpers_and_cites_them_and_their_conferences() -> None:
    flag = only(case(*_rounds(5)), "offer_after_offer", "new_help_without_analysis")
    assert flag.events == ("M0", "O0", "M1", "O1", "M2", "O2", "M3", "O3", "M4", "O4")
    assert flag.facts["offers"] == 5 and flag.facts["rounds"] == 5 and flag.severity == "medium"
    assert flag.actors == HELPERS[:5]
    ten = [
        event(f"X{i}", f"2023-{i + 1:02d}-10", "intervention", h, "Vader")
        for i, h in enumerate(("School", "Raad", "VT"))
    ]  # not helpers: not counted
    assert (
        only(case(*_rounds(5), *ten), "offer_after_offer", "new_help_without_analysis").facts[
            "offers"
        ]
        == 5
    )


def test_offers_across_the_course_count_without_case_conferences_in_between() -> None:
    """The issue: seven offers in three years and no shared analysis were missed because only
    conference-then-offer rounds counted.  Two of them answered a problem; the rest just followed."""
    offers = [
        event(f"O{i}", f"202{i // 3}-{i % 3 * 4 + 1:02d}-10", "intervention", h, "Moeder")
        for i, h in enumerate(HELPERS)
    ]
    problems = [
        event("P1", "2020-01-01", "escalation", "Moeder", "Vader"),
        event("P2", "2020-04-20", "complaint", "Vader", "Hulp"),
    ]
    flag = only(case(*offers, *problems), "offer_after_offer", "new_help_without_analysis")
    assert flag.facts["offers"] == 6 and flag.facts["rounds"] == 2 and "P1" in flag.events
    assert flags_of(case(*offers), "offer_after_offer") == []  # no start answered a problem


def test_offer_after_offer_near_misses_an_analysis_the_same_helper_and_the_threshold_is_config() -> (
    None
):
    assert flags_of(case(*_rounds(5, analysis_after=1)), "offer_after_offer") == []
    shared = event(
        "A9",
        "2022-02-25",
        "case_conference",
        "Regie",
        "Moeder,Vader,Hulp",
        text="Eerst maken alle partijen samen een brede analyse.",
    )
    assert flags_of(case(*_rounds(5), shared), "offer_after_offer") == []
    assert flags_of(case(*_rounds(5, helpers=("Hulp", "Hulp2"))), "offer_after_offer") == []
    settings = {"offer_after_offer": {"min_new_offers": 2}}
    assert len(flags_of(case(*_rounds(2)), "offer_after_offer", **settings)) == 1


def test_a_known_helpers_new_track_asked_for_by_a_conference_is_an_offer_own_help_is_not() -> None:
    """Three new helpers, then two conferences each asking a known helper for a new track ("Tweede
    mediationtraject gestart"): five offers.  A parent's own counselling ("voor zichzelf") started
    after a conference is no offer of the case, and a known helper carrying on is none either."""
    rounds = _rounds(3, helpers=("Mediator", "Coach", "Hulp"))
    again = [
        event("M3", "2022-04-01", "case_conference", "Regie", "School"),
        event(
            "O3",
            "2022-04-20",
            "intervention",
            "Mediator",
            "Moeder,Vader",
            text="Tweede mediationtraject gestart.",
        ),
        event("M4", "2022-05-01", "case_conference", "Regie", "School"),
        event(
            "O4",
            "2022-05-20",
            "intervention",
            "Coach",
            "Moeder,Vader",
            text="Nieuw traject gestart: communicatiecoaching.",
        ),
    ]
    flag = only(case(*rounds, *again), "offer_after_offer", "new_help_without_analysis")
    assert flag.facts["offers"] == 5 and flag.facts["again"] == ("O3", "O4")
    assert flag.actors == ("Mediator", "Coach", "Hulp") and {"O3", "O4"} <= set(flag.events)
    carrying_on = [
        event("O3", "2022-04-20", "intervention", "Mediator", "Moeder,Vader", text="Sessie 5."),
        event(
            "O4",
            "2022-05-20",
            "intervention",
            "Therapeut",
            "Moeder",
            text="Moeder start bij de therapeut voor zichzelf.",
        ),
    ]
    assert flags_of(case(*rounds, *again[::2], *carrying_on), "offer_after_offer") == []


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


def test_four_stages_taken_by_the_parents_side_are_strong_and_the_move_is_the_ruling() -> None:
    c = case(
        event("E1", "2022-01-10", "meeting", "Hulp", "Moeder"),
        event("E2", "2022-02-10", "legal", "AdvMoeder", "Rechtbank"),
        event("E3", "2022-03-10", "meeting", "AdvMoeder", "Moeder,Regie"),
        event("E4", "2022-04-10", "report", "Vader", "VT"),
        event("E5", "2022-04-20", "complaint", "Oma", "Hulp"),
        event(
            "R1", "2022-05-01", "legal", "Rechtbank", "Moeder,Vader", decision=True, basis="ruling"
        ),
        event("E6", "2022-05-10", "handover", "Regie", "JB", text="Warme overdracht aan JB."),
    )
    flag = only(c, "escalation", "arenas")
    assert flag.facts["move"] == "R1" and "E6" not in flag.events  # the ruling, not the handover
    assert flag.facts["arenas"] == ("court", "lawyers", "reports", "complaints", "compulsory")
    assert flag.severity == "high" and flag.facts["by_parents"] == (
        "court",
        "lawyers",
        "reports",
        "complaints",
    )
    assert set(flag.actors) == {"AdvMoeder", "Vader", "Oma"}  # the parents' side, never Regie


def test_the_normal_route_into_the_compulsory_framework_is_never_strong() -> None:
    """The issue: 'sterk' for a normal route from voluntary to compulsory help."""
    c = case(
        event("E1", "2022-01-10", "meeting", "Regie", "Moeder"),
        event(
            "E2",
            "2022-02-10",
            "legal",
            "Raad",
            "Rechtbank",
            text="De Raad vraagt een ondertoezichtstelling.",
        ),
        event(
            "E3", "2022-03-10", "legal", "Rechtbank", "Moeder,Vader", decision=True, basis="ruling"
        ),
        event(
            "E4", "2022-03-20", "handover", "Regie", "JB", text="Warme overdracht met beide ouders."
        ),
        event("E5", "2022-04-10", "meeting", "JB", "Moeder"),
    )
    flag = only(c, "escalation", "arenas")
    assert flag.severity == "low" and flag.actors == () and "E4" not in flag.events
    assert flag.facts["move"] == "E3"


def test_a_handover_or_referral_is_never_an_escalation() -> None:
    """The issue: a case director's careful, warm handover to child protection was cited as the
    fight seeking another arena, with the case director listed."""
    c = case(
        event("E1", "2022-01-10", "meeting", "Regie", "Moeder"),
        event("E2", "2022-03-10", "handover", "Regie", "JB,AdvMoeder", text="Warme overdracht."),
        event("E3", "2022-04-10", "referral", "Regie", "Hulp,AdvMoeder"),
    )
    assert flags_of(c, "escalation") == []


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


def test_a_named_standstill_with_nothing_moving_after_it_names_the_side_and_the_referrer() -> None:
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
    flag = only(c, "stagnation", "named")
    assert flag.events == ("E2",) and flag.severity == "medium" and flag.facts["days"] == 120
    assert flag.facts["sides"] == ("parents_therapists",) and flag.facts["also"] == ("no_pickup",)
    assert flag.facts["referrer"] == ["JB"]
    moving = case(*c.events[:3], event("E4", "2022-03-10", "contact", "Vader", "Kind"), c.events[4])
    assert flags_of(moving, "stagnation") == []


def test_an_unanswered_letter_and_a_standstill_period_are_stagnation_progress_notes_are_not() -> (
    None
):
    """The hidden set: progress notes read as standstill, an explicit standstill period missed."""
    letter = event(
        "E2",
        "2022-02-01",
        "other",
        "Therapeut",
        "JB",
        text="De therapeuten vragen JB per brief om stelling te nemen. Geen reactie.",
    )
    c = case(
        event("E1", "2022-01-10", "meeting", "JB", "Moeder"),
        letter,
        event("E3", "2022-06-01", "contact", "Vader", "Kind"),
    )
    assert only(c, "stagnation", "named").events == ("E2",)
    period = event(
        "P1", "2022-01-15", "other", "Therapeut", "JB", text="Het traject ligt stil tot de zomer."
    )
    period = type(period)(
        **{
            **{f: getattr(period, f) for f in period.__dataclass_fields__},
            "end_date": type(period.date)(period.date.start.replace(month=6)),
        }
    )
    soon = event("E4", "2022-02-01", "contact", "Vader", "Kind")
    assert only(case(period, soon), "stagnation", "named").events == ("P1",)
    progress = [
        event(
            f"N{i}",
            f"2022-0{i}-15",
            "case_conference",
            "Regie",
            "Moeder,Vader",
            text="Het gaat goed met de kinderen; de koers houden.",
        )
        for i in range(1, 6)
    ]
    assert flags_of(case(*progress), "stagnation") == []
    reports = [
        event(f"W{i}", f"2022-0{i}-15", "other", "Hulp", "Regie", text="Schriftelijke rapportage.")
        for i in range(1, 6)
    ]
    assert flags_of(case(*reports), "stagnation") == []


def test_meetings_that_decide_nothing_and_one_episode_with_the_named_standstill() -> None:
    meetings = [
        event(f"E{i}", f"2022-0{i}-15", "case_conference", "Regie", "Moeder,Vader")
        for i in range(1, 5)
    ]
    flag = only(case(*meetings), "stagnation", "idle_meetings")
    assert flag.events == ("E1", "E2", "E3", "E4") and flag.severity == "low"
    broken = case(
        *meetings[:2], event("C1", "2022-03-01", "contact", "Vader", "Kind"), *meetings[2:]
    )
    assert flags_of(broken, "stagnation") == []
    stuck = case(
        *meetings[:3],
        event(
            "E4", "2022-04-15", "case_conference", "Regie", "Moeder,Vader", text="Geen voortgang."
        ),
    )
    flag = only(stuck, "stagnation", "named")
    assert flag.events == ("E1", "E2", "E3", "E4") and flag.facts["also"] == (
        "idle_meetings",
        "no_pickup",
    )
    assert flag.severity == "high"
    assert rules(case(*meetings), "stagnation", stagnation={"min_idle_meetings": 5}) == []
    # help sessions themselves are no meetings that decide nothing; a conversation that says so is
    sessions = [
        event(f"S{i}", f"2022-0{i}-15", "meeting", "Therapeut", "Moeder,Vader") for i in range(1, 5)
    ]
    assert rules(case(*sessions), "stagnation") == []
    idle = [
        event(
            f"S{i}",
            f"2022-0{i}-15",
            "meeting",
            "Therapeut",
            "Moeder,Vader",
            text="Er wordt niets besloten.",
        )
        for i in (1, 5)
    ]
    assert rules(case(*idle), "stagnation") == ["idle_meetings"]
    assert rules(broken, "stagnation", stagnation={"moving_types": ["intervention"]}) == [
        "idle_meetings"
    ]


def test_a_note_that_looks_back_on_a_standstill_is_stagnation_when_nothing_moved_before_it() -> (
    None
):
    """A note written at the end of a quiet stretch ("stilstand sinds oktober") names the stretch
    behind it; when a decision came shortly before the note, it is no standstill."""
    quiet = [
        event("E1", "2021-10-01", "decision", "Regie", "Moeder,Vader", text="Aanmelden."),
        event("E2", "2021-12-01", "meeting", "Regie", "Moeder"),
        event("E3", "2022-03-01", "meeting", "Regie", "Vader"),
        event("E4", "2022-06-01", "other", "Regie", text="Stilstand sinds oktober; wachten."),
        event("E5", "2022-07-04", "intervention", "Mediator", "Moeder,Vader"),
    ]
    flag = only(case(*quiet), "stagnation", "named")
    assert flag.events == ("E4",)
    decided = event("E3", "2022-05-20", "decision", "Regie", "Vader", text="Een besluit.")
    assert "named" not in rules(case(*quiet[:2], decided, *quiet[3:]), "stagnation")
