"""Detectors about the professionals' network: parallel dynamics, never met, too many helpers, no
case direction.  Each case is small enough to check on paper; the tests assert exactly which events
are cited."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from retro import analyse
from retro.analysis.flag_text import flag_text
from retro.messages import Messages
from retro.model import PartialDate, Relation
from tests.casebuilder import ACTORS, case, event, flags_of, only, rules

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
    assert flag.facts["also"] == ("column", "one_parent") and flag.facts["parents"] == ("Moeder",)
    assert flag.facts["column_events"] == ("E1", "E3")  # data, not prose
    text = flag_text(flag, Messages("nl")).explanation
    assert "Hulp koos 2 keer de kant van Moeder (E1, E3)." in text
    assert "In de tijdlijn ontmoette Hulp alleen die ouder." in text


def test_meeting_only_one_parent_is_never_a_signal_on_its_own() -> None:
    """Seeing one parent for that parent's own treatment is not taking a side (d6: a psychologist
    who treats mother's anxiety)."""
    own_treatment = case(*_with_mother("Hulp", "2023-02-01", "2023-03-01", "2023-04-01"))
    assert flags_of(own_treatment, "parallel_dynamic") == []
    refused = event(
        "E9",
        "2023-05-01",
        "meeting",
        "Hulp",
        "Moeder",
        text="Moeder vraagt om een brief over de omgang. De psycholoog weigert.",
    )
    assert flags_of(case(*own_treatment.events, refused), "parallel_dynamic") == []


def test_a_statement_for_one_parents_lawyer_or_their_story_as_fact_takes_a_side() -> None:
    statement = event(
        "E1",
        "2023-02-01",
        "other",
        "Hulp",
        "Moeder,AdvMoeder",
        text="Op verzoek van moeder schrijft de hulpverlener een verklaring voor de advocaat van moeder.",
    )
    story = event(
        "E2",
        "2023-03-01",
        "meeting",
        "Therapeut",
        "Vader",
        text="De therapeut noteert dat moeder het kind tegen vader opzet; hij heeft moeder nooit gesproken.",
    )
    c = case(statement, story)
    [hulp] = [f for f in flags_of(c, "parallel_dynamic") if f.actors == ("Hulp",)]
    [therapist] = [f for f in flags_of(c, "parallel_dynamic") if f.actors == ("Therapeut",)]
    assert hulp.facts["behalf_events"] == ("E1",) and hulp.facts["parents"] == ("Moeder",)
    assert therapist.facts["story_events"] == ("E2",) and therapist.facts["parents"] == ("Vader",)
    # a decision at one parent's request is a question for ad_hoc_decision, not a side taken
    request = event(
        "E3",
        "2023-04-01",
        "decision",
        "Regie",
        "Moeder",
        text="Op verzoek van moeder stopt de casusregisseur de omgang.",
        basis="pressure",
    )
    assert flags_of(case(request), "parallel_dynamic") == []


def test_professionals_in_conflict_who_lean_to_different_parents_or_convince_each_other() -> None:
    conflict = (Relation("Regie", "Hulp", "conflict", row=4),)
    c = case(
        event(
            "E1", "2023-02-01", "meeting", "Regie", "Hulp", text="Ze proberen elkaar te overtuigen."
        ),
        event("E2", "2023-03-01", "meeting", "Regie", "Hulp"),
        relations=conflict,
    )
    flag = only(c, "parallel_dynamic", "conflict")
    assert flag.events == ("E1",) and flag.actors == ("Regie", "Hulp") and flag.relations == (4,)
    assert flag.severity == "low" and "rij 4" in flag_text(flag, Messages("nl")).explanation
    # a conflict about something else than the parents (who holds direction) is no parallel dynamic
    quiet = case(event("E1", "2023-02-01", "meeting", "Regie", "Hulp"), relations=conflict)
    assert "conflict" not in rules(quiet, "parallel_dynamic")
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
    # someone else's words on a row the professional only receives are not the professional's
    received = event(
        "E2",
        "2023-03-06",
        "contact",
        "Vader",
        "Hulp",
        text="Vader mailt Hulp en geeft door dat hij een klacht indient.",
    )
    assert "messenger" not in rules(case(to_mother, received), "parallel_dynamic")


def test_a_conflict_between_professionals_leaning_apart_cites_the_rows_of_their_leaning() -> None:
    leaning = [
        event("E1", "2023-01-10", "meeting", "Hulp", "Moeder"),
        event("E2", "2023-01-20", "meeting", "Hulp", "Moeder"),
        event("E3", "2023-01-11", "meeting", "Coach", "Vader"),
        event("E4", "2023-01-21", "meeting", "Coach", "Vader"),
    ]
    c = case(*leaning, relations=(Relation("Hulp", "Coach", "conflict", row=3),))
    flag = only(c, "parallel_dynamic", "conflict")
    assert flag.events == ("E1", "E3", "E2", "E4") and flag.relations == (3,)
    basis = flag_text(flag, Messages("nl")).basis
    assert "Relaties" in basis and "boodschappen" not in basis  # the rule's own basis


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


def test_complaints_name_who_complained_not_whom_they_were_filed_with() -> None:
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
    assert flag.events == ("E1", "E2") and flag.actors == ("Moeder",) and flag.severity == "medium"
    assert flag.facts["also"] == ("asked_replacement", "replaced")
    assert "Regie" not in flag_text(flag, Messages("nl")).explanation
    assert "complaints" not in rules(
        case(event("E1", "2023-03-01", "complaint", "School", "Hulp")), "parallel_dynamic"
    )


def _busy(actor: str, parent: str, months: range, prefix: str) -> list:
    return [event(f"{prefix}{m}", f"2023-{m:02d}-15", "meeting", actor, parent) for m in months]


def _with_others(actor: str, month: int, prefix: str) -> object:
    """One conference with the school and the therapist (a helper): this helper takes part in the
    cooperation."""
    return event(f"{prefix}0", f"2023-{month:02d}-05", "case_conference", actor, "School,Therapeut")


def test_a_helper_seen_only_by_the_raad_or_the_school_is_not_in_the_cooperation() -> None:
    """A parent's own helper whom only the Raad or the school ever met (as a GP's referral
    would) shared no event with another helper: no pair of "no meeting in the timeline"."""
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        event("X0", "2023-02-05", "case_conference", "Hulp", "School"),
        event("Y0", "2023-03-05", "meeting", "Raad", "Coach"),
    )
    assert flags_of(c, "never_met") == []


def test_helpers_involved_together_with_no_meeting_and_letters_do_not_count() -> None:
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        _with_others("Hulp", 2, "X"),
        _with_others("Coach", 3, "Y"),
        event("R1", "2023-03-01", "referral", "Hulp", "Coach"),
        event("L1", "2023-04-01", "other", "Coach", "Hulp", text="De coach mailt Hulp."),
    )
    flag = only(c, "never_met", "never")
    # the referral and the mail are their contact in that time: the flag cites them
    assert (
        flag.events == ("R1", "L1") and flag.actors == ("Coach", "Hulp") and flag.severity == "low"
    )
    assert flag.facts["never"] == (("Coach", "Hulp"),) and flag.facts["once"] == ()
    text = flag_text(flag, Messages("en")).explanation
    assert (
        text.startswith("The timeline shows no meeting between these helpers")
        and "never met" not in text
    )
    short = case(
        *_busy("Hulp", "Moeder", range(1, 4), "A"), *_busy("Coach", "Vader", range(3, 6), "B")
    )
    assert flags_of(short, "never_met") == []


def test_helpers_without_a_shared_event_cite_each_ones_own_event() -> None:
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        _with_others("Hulp", 2, "X"),
        _with_others("Coach", 3, "Y"),
    )
    flag = only(c, "never_met", "never")
    assert flag.events == (
        "A2",
        "B2",
    )  # the first event of each in their overlap (from 15 February)


def test_a_written_report_or_a_phone_round_is_no_meeting() -> None:
    """A Raad report (type analyse) sits in the analysis types, but the Raad phoning each one
    separately, or a letter, never makes two professionals meet."""
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        event(
            "P1",
            "2023-03-10",
            "meeting",
            "Raad",
            "Hulp,Coach",
            text="De Raad spreekt Hulp en de coach, ieder apart telefonisch.",
        ),
        event("P2", "2023-04-10", "meeting", "Hulp", "Coach", text="Hulp belt de coach."),
    )
    flag = only(c, "never_met", "never")
    assert flag.facts["never"] == (("Coach", "Hulp"),) and flag.events == ("P1", "P2")
    warm = event(
        "W1",
        "2023-03-10",
        "handover",
        "Hulp",
        "Coach,Moeder",
        text="Warme overdracht: gezamenlijk gesprek met moeder, Hulp en de coach.",
    )
    assert "never" not in rules(case(*c.events[:-2], warm), "never_met")


def test_a_helper_for_one_persons_own_need_is_no_part_of_the_cooperation() -> None:
    """A psychologist who only ever sees mother, and never shares an event with another
    professional, is not counted in 'never met' (d6)."""
    c = case(
        *_busy("Hulp", "Moeder", range(1, 7), "A"),
        *_busy("Coach", "Vader", range(2, 8), "B"),
        _with_others("Hulp", 2, "X"),
    )
    assert flags_of(c, "never_met") == []


def test_met_only_once_over_a_long_time_with_the_case_director_and_colleagues_meet_for_their_team() -> (
    None
):
    year = [
        event(f"A{m}", f"{2022 + (m > 12)}-{(m - 1) % 12 + 1:02d}-15", "meeting", "Regie", "Moeder")
        for m in range(1, 15)
    ]
    c = case(
        *year,
        *[
            event(
                f"B{m}", f"{2022 + (m > 12)}-{(m - 1) % 12 + 1:02d}-16", "meeting", "Hulp", "Vader"
            )
            for m in range(1, 15)
        ],
        _with_others("Hulp", 2, "X"),
        event("C1", "2022-03-20", "meeting", "Regie", "Hulp"),
    )
    once = only(c, "never_met", "once")
    # the one meeting is named, never cited as evidence of not meeting: each one's first event
    assert "C1" not in once.events and once.events == ("B1", "A2")  # in the time both were involved
    assert once.facts["once"] == (("Hulp", "Regie", "C1"),)
    assert "Hulp – Regie (C1)" in flag_text(once, Messages("en")).explanation
    assert flags_of(c, "never_met", never_met={"flag_met_once_with_director": False}) == []
    # a single meeting over half a year is not rare enough (d5: a mediator seen once)
    assert flags_of(c, "never_met", never_met={"rarely_met_days": 500}) == []
    team = case(
        *_busy("Hulp2", "Moeder", range(1, 7), "A"),
        *_busy("Hulp3", "Moeder", range(1, 7), "B"),
        *_busy("Coach", "Vader", range(1, 7), "C"),
        event("D1", "2023-03-20", "meeting", "Coach", "Hulp2"),
        event("D2", "2023-04-20", "meeting", "Coach", "Hulp2"),
    )
    # Coach never met Hulp3, but met Hulp3's colleague twice
    assert flags_of(team, "never_met") == []


HELPERS = ("Regie", "Hulp", "Therapeut", "JB", "Hulp2", "Hulp3", "Coach", "Mediator")


def test_many_helpers_at_once_cites_the_event_that_brings_them_together() -> None:
    """b13 of the blind set: six helpers sat at one case conference in the peak months; the flag
    cites it and says how many of them were there."""
    six = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS[:6], 1)
    ]
    table = event("M1", "2023-04-05", "case_conference", "Regie", ",".join(HELPERS[1:6]))
    flag = only(case(*six, table), "too_many_helpers", "at_once")
    assert "M1" in flag.events and flag.facts["together_count"] == 6
    assert "In M1, 6 of them took part in one event." in flag_text(flag, Messages("en")).explanation


def test_many_helpers_at_once_cites_each_helpers_first_and_closest_event() -> None:
    six = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS[:6], 1)
    ]
    closing = [
        event(f"Z{i}", "2023-03-20", "meeting", actor, "Vader")
        for i, actor in enumerate(HELPERS[:6], 1)
    ]
    flag = only(case(*six, *closing), "too_many_helpers", "at_once")
    assert (
        flag.severity == "medium"
        and flag.facts["count"] == 6
        and set(flag.actors) == set(HELPERS[:6])
    )
    # each helper's first event (when they came in) and the one closest to the peak month
    assert set(flag.events) == {e.id for e in six} | {e.id for e in closing}
    eight = [
        event(f"E{i}", f"2023-03-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS, 1)
    ]
    last = [
        event(f"Z{i}", "2023-03-20", "meeting", actor, "Vader")
        for i, actor in enumerate(HELPERS, 1)
    ]
    assert only(case(*eight, *last), "too_many_helpers", "at_once").severity == "high"
    assert flags_of(case(*six[:5], *closing[:5]), "too_many_helpers") == []
    assert rules(
        case(*six[:5], *closing[:5]), "too_many_helpers", too_many_helpers={"medium": 5, "high": 7}
    ) == ["at_once"]


def test_a_helper_counts_from_their_first_to_their_last_event_never_before() -> None:
    """The issue: a case director counted three months before her first event.  Five helpers
    from January, a sixth whose first event is in May after one of them stopped: never six."""
    five = [
        event(f"A{i}", "2023-01-10", "meeting", actor, "Moeder")
        for i, actor in enumerate(HELPERS[:5], 1)
    ]
    ends = [
        event(f"B{i}", "2023-04-30", "meeting", actor, "Vader")
        for i, actor in enumerate(HELPERS[:4], 1)
    ]
    ends.append(event("B5", "2023-03-15", "closure", HELPERS[4], "Moeder"))
    sixth = event("C1", "2023-04-01", "meeting", HELPERS[5], "Moeder")
    assert flags_of(case(*five, *ends, sixth), "too_many_helpers") == []
    periods = [
        replace(e, end_date=PartialDate(date(2023, 6, 1))) if e.id == "C1" else e
        for e in (*five, *ends, sixth)
    ]
    early = event("C0", "2023-03-01", "meeting", HELPERS[5], "Moeder")
    assert rules(case(*periods, early), "too_many_helpers") == ["at_once"]  # from 1 March: six


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


def test_direction_passes_with_a_handover_and_handovers_between_helpers_do_not_count() -> None:
    c = case(
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder"),
        event("E2", "2023-02-10", "handover", "Regie", "JB"),
        event("E3", "2023-03-10", "handover", "Hulp", "Hulp2"),
        event("E4", "2023-04-10", "handover", "Hulp2", "Hulp3"),
        event("E5", "2023-05-10", "handover", "JB", "Regie"),
        event("E6", "2023-06-10", "handover", "Regie", "JB"),
    )
    holders = [(h.holder, h.reason, h.event) for h in analyse(c).measures.direction]
    assert holders == [
        ("Regie", "role", None),
        ("JB", "handover", "E2"),
        ("Regie", "handover", "E5"),
        ("JB", "handover", "E6"),
    ]
    flag = only(c, "no_case_direction", "many_handovers")
    assert flag.facts["handovers"] == 3 and flag.facts["changes"] == 3 and flag.severity == "high"
    assert "E3" not in flag.events and "E4" not in flag.events
    assert flag.facts["cold"] == ["E2", "E5", "E6"]  # none described as a meeting
    assert flags_of(case(*c.events[:4]), "no_case_direction") == []


def test_a_stand_in_during_leave_who_hands_direction_back_changes_no_hands() -> None:
    """b14 of the blind set: a colleague stood in for six weeks of leave and handed the case back;
    the same round trip without such words is a change of hands (the test above)."""
    leave = [
        event("E1", "2023-01-10", "meeting", "Regie", "Moeder"),
        event(
            "E2", "2023-02-10", "handover", "Regie", "JB", text="Regie met verlof; JB neemt waar."
        ),
        event("E5", "2023-04-10", "handover", "JB", "Regie", text="Regie terug van verlof."),
        event("E6", "2023-06-10", "handover", "Regie", "JB"),
    ]
    assert flags_of(case(*leave), "no_case_direction") == []
    without_words = [replace(e, description="Overdracht.") for e in leave]
    assert only(case(*without_words), "no_case_direction", "many_handovers")


def test_direction_held_by_the_column_or_in_the_timelines_words_is_counted() -> None:
    """The issue: the community team held direction and handed it over, but only the roles
    case_director and child_protection counted."""
    team = replace(next(a for a in ACTORS if a.id == "Hulp"), direction=True)
    actors = tuple(team if a.id == "Hulp" else a for a in ACTORS)
    help_first = [
        event("E1", "2023-01-10", "intervention", "Hulp", "Moeder"),
        event("E2", "2023-03-10", "meeting", "Hulp", "Vader"),
        event(
            "E3",
            "2023-09-01",
            "handover",
            "Hulp",
            "JB",
            text="Hulp draagt de casusregie over aan JB.",
        ),
        event("E4", "2023-09-20", "meeting", "JB", "Moeder"),
    ]
    by_column = replace(case(*help_first), actors=actors)
    assert [(h.holder, h.reason) for h in analyse(by_column).measures.direction] == [
        ("Hulp", "column"),
        ("JB", "handover"),
    ]
    assert flags_of(by_column, "no_case_direction") == []
    by_words = case(*help_first)
    assert [(h.holder, h.reason) for h in analyse(by_words).measures.direction] == [
        ("Hulp", "handover"),
        ("JB", "handover"),
    ]
    assert flags_of(by_words, "no_case_direction") == []
    said = event("E0", "2023-01-05", "meeting", "Hulp", "Moeder,Vader", text="Hulp houdt de regie.")
    assert [h.reason for h in analyse(case(said, *help_first[:2])).measures.direction] == ["words"]
    not_holding = replace(next(a for a in ACTORS if a.id == "JB"), direction=False)
    no_jb = replace(
        case(*help_first[:2], help_first[3]),
        actors=tuple(not_holding if a.id == "JB" else a for a in ACTORS),
    )
    assert rules(no_jb, "no_case_direction") == ["never_held"]


def test_others_lead_while_the_director_is_absent_and_a_searching_director() -> None:
    led = [
        event("E1", "2023-03-01", "case_conference", "Hulp", "School"),
        event("E2", "2023-04-01", "decision", "Hulp", "Moeder"),
    ]
    searching = event(
        "E3",
        "2023-05-01",
        "meeting",
        "Regie",
        "Vader",
        text="De casusregisseur is zoekende naar haar rol.",
    )
    assert only(case(*DIRECTION, searching), "no_case_direction", "searching").events == ("E3",)
    flag = only(case(*DIRECTION, *led, searching), "no_case_direction", "led_by_others")
    assert flag.events == ("E1", "E2") and flag.severity == "medium"
    # alone it is no flag: a holder held direction, and the decision around them is ad hoc's
    assert flags_of(case(*DIRECTION, *led), "no_case_direction") == []
    assert "without_direction" in rules(case(*DIRECTION, *led), "ad_hoc_decision")
    present = [event("E1", "2023-03-01", "case_conference", "Hulp", "School,Regie"), led[1]]
    assert flags_of(case(*DIRECTION, *present), "no_case_direction") == []
    planned = [led[0], event("E2", "2023-04-01", "decision", "Hulp", "Moeder", basis="plan")]
    assert flags_of(case(*DIRECTION, *planned), "no_case_direction") == []  # the agreed course
