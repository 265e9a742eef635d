"""Detectors about decisions: ad-hoc decisions and the child in the middle.  Each case is small
enough to check on paper; the tests assert exactly which events are cited."""

from __future__ import annotations

from retro.analysis.flag_text import flag_text
from retro.messages import Messages
from tests.casebuilder import case, event, flags_of, only, rules

# The case director is active from January to December, so "someone held direction" is
# true in between.
DIRECTION = (
    event("E90", "2023-01-05", "meeting", "Regie", "Moeder,Vader"),
    event("E91", "2023-12-20", "meeting", "Regie", "Moeder"),
)


def test_decision_after_escalation_out_of_urgency_around_the_director_is_strong() -> None:
    flag = only(
        case(
            *DIRECTION,
            event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
            event("E2", "2023-03-04", "decision", "Hulp", "Moeder", basis="urgency"),
        ),
        "ad_hoc_decision",
        "after_trigger",
    )
    assert flag.events == ("E1", "E2") and flag.actors == ("Hulp",) and flag.severity == "high"
    assert (
        flag.facts["also"] == ("urgent_basis", "without_direction")
        and flag.facts["holder"] == "Regie"
    )


def test_near_miss_decision_after_escalation_with_analysis_in_between() -> None:
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-03", "analysis", "Regie", "Hulp,Moeder,Vader"),
        event("E3", "2023-03-05", "decision", "Regie", "Moeder", basis="request"),
    )
    assert flags_of(c, "ad_hoc_decision") == []


def test_near_miss_decision_long_after_escalation_and_the_window_is_a_setting() -> None:
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-21", "decision", "Regie", "Moeder"),
    )
    assert flags_of(c, "ad_hoc_decision") == []
    assert only(
        c, "ad_hoc_decision", "after_trigger", ad_hoc_decision={"trigger_window_days": 30}
    ).events == ("E1", "E2")


def test_decision_reversed_soon_after_by_a_decision_about_the_same_family() -> None:
    c = case(
        event("E1", "2023-03-01", "decision", "Regie", "Moeder", basis="request"),
        event(
            "E2",
            "2023-04-10",
            "decision",
            "Regie",
            "Moeder,Vader",
            text="Het besluit wordt teruggedraaid.",
        ),
    )
    flag = only(c, "ad_hoc_decision", "reversed")
    assert (
        flag.events == ("E1", "E2") and flag.facts["reversal_days"] == 40 and flag.severity == "low"
    )


def test_near_misses_of_a_reversal_other_family_too_late_or_no_words() -> None:
    other = case(
        event("E1", "2023-03-01", "decision", "Regie", "Moeder"),
        event(
            "E2", "2023-03-10", "decision", "Regie", "Kind", text="Het besluit wordt teruggedraaid."
        ),
    )
    late = case(
        event("E1", "2023-03-01", "decision", "Regie", "Moeder"),
        event(
            "E2",
            "2023-08-01",
            "decision",
            "Regie",
            "Moeder",
            text="Het besluit wordt teruggedraaid.",
        ),
    )
    silent = case(
        event("E1", "2023-03-01", "decision", "Regie", "Moeder"),
        event("E2", "2023-03-10", "decision", "Regie", "Moeder"),
    )
    assert [flags_of(c, "ad_hoc_decision") for c in (other, late, silent)] == [[], [], []]
    assert rules(late, "ad_hoc_decision", ad_hoc_decision={"reversal_window_days": 200}) == [
        "reversed"
    ]


def test_decision_by_a_helper_while_the_director_was_active_but_absent() -> None:
    around = case(
        *DIRECTION, event("E1", "2023-05-01", "decision", "Hulp", "Moeder", basis="request")
    )
    flag = only(around, "ad_hoc_decision", "without_direction")
    assert flag.events == ("E1",) and flag.severity == "low" and flag.facts["holder"] == "Regie"
    present = case(
        *DIRECTION, event("E1", "2023-05-01", "decision", "Hulp", "Moeder,Regie", basis="request")
    )
    nobody = case(event("E1", "2023-05-01", "decision", "Hulp", "Moeder", basis="request"))
    assert flags_of(present, "ad_hoc_decision") == [] and flags_of(nobody, "ad_hoc_decision") == []


def test_the_facilitators_label_of_urgency_alone_is_not_a_finding() -> None:
    assert (
        flags_of(
            case(
                *DIRECTION,
                event("E1", "2023-03-01", "decision", "Regie", "Moeder", basis="urgency"),
            ),
            "ad_hoc_decision",
        )
        == []
    )


def test_rulings_plans_and_the_familys_own_decisions_are_not_ad_hoc() -> None:
    c = case(
        *DIRECTION,
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-02", "decision", "Hulp", "Moeder", basis="plan"),
        event("E3", "2023-03-03", "legal", "Rechtbank", "Moeder,Vader", decision=True),
        event("E4", "2023-03-04", "decision", "Moeder", "Kind", basis="urgency"),
    )
    assert flags_of(c, "ad_hoc_decision") == []


def test_time_out_decided_on_the_childs_refusal() -> None:
    c = case(
        event("K1", "2023-03-01", "child_interview", "Hulp", "Kind"),
        event(
            "K2",
            "2023-03-04",
            "decision",
            "JB",
            "Vader",
            text="Time-out in het contact omdat Kind geen contact wil.",
        ),
        event("K3", "2023-03-05", "contact_break", "Kind", "Moeder"),
    )
    flag = only(c, "child_in_the_middle", "decision_on_voice")
    assert (
        flag.events == ("K1", "K2", "K3")
        and flag.severity == "high"
        and flag.facts["also"] == ("contact_stopped", "in_words")
    )


def test_near_miss_decision_weeks_after_the_interview_and_the_window_is_a_setting() -> None:
    c = case(
        event("K1", "2023-03-01", "child_interview", "Hulp", "Kind"),
        event("K2", "2023-03-25", "decision", "JB", "Vader", text="De omgang wordt opgeschort."),
    )
    assert "decision_on_voice" not in rules(c, "child_in_the_middle")
    flag = only(
        c,
        "child_in_the_middle",
        "decision_on_voice",
        child_in_the_middle={"decision_window_days": 30},
    )
    assert flag.events == ("K1", "K2") and flag.severity == "low"


def test_repeated_interviews_by_several_parties() -> None:
    interviews = [
        event(f"K{i}", f"2023-0{i}-01", "child_interview", actor, "Kind")
        for i, actor in enumerate(("Raad", "JB", "Hulp"), 1)
    ]
    flag = only(case(*interviews), "child_in_the_middle", "repeated_interviews")
    assert flag.events == ("K1", "K2", "K3") and flag.actors == ("Kind",) and flag.severity == "low"
    assert flag.facts["repeated_interviews_events"] == ("K1", "K2", "K3")  # data
    text = flag_text(flag, Messages("en")).explanation
    assert "interviewed 3 times about the situation (K1, K2, K3)" in text
    assert flags_of(case(*interviews[:2]), "child_in_the_middle") == []
    assert rules(
        case(*interviews[:2]),
        "child_in_the_middle",
        child_in_the_middle={"max_child_interviews": 2},
    ) == ["repeated_interviews"]


def test_child_asked_to_choose_only_with_the_child_present_or_named_and_not_under_a_negation() -> (
    None
):
    asked = event(
        "K1",
        "2023-03-01",
        "child_interview",
        "Raad",
        "Kind",
        text="De Raad vraagt bij wie zij het liefst wil wonen.",
    )
    assert only(case(asked), "child_in_the_middle", "asked_to_choose").events == ("K1",)
    about = event(
        "K1",
        "2023-03-01",
        "meeting",
        "Raad",
        "Moeder",
        text="Moeder vertelt bij wie zij het liefst wil wonen.",
    )
    assert flags_of(case(about), "child_in_the_middle") == []
    not_asked = event(
        "K1",
        "2023-03-01",
        "meeting",
        "Regie",
        "Moeder,Vader",
        text="Zij spreken af dat vader iets leuks plant; Kind wordt niet gevraagd te kiezen.",
    )
    assert flags_of(case(not_asked), "child_in_the_middle") == []
    english = event(
        "K1",
        "2023-03-01",
        "meeting",
        "Regie",
        "Moeder,Vader",
        text="The child will no longer be asked to choose.",
    )
    assert flags_of(case(english), "child_in_the_middle") == []


def test_a_refusal_relayed_by_a_parent_then_a_time_out_is_the_child_in_the_middle() -> None:
    """The issue: a child who says she no longer wants to go to her father, a parent who keeps her
    home because "she does not want to", then a contact break, was missed."""
    says = event(
        "E1",
        "2023-03-01",
        "escalation",
        "Moeder",
        "Hulp",
        text="Moeder belt: Kind zegt dat ze niet meer naar vader wil.",
    )
    kept = event(
        "E2",
        "2023-03-05",
        "other",
        "Moeder",
        "Kind",
        text="Moeder houdt Kind thuis, want ze wil niet.",
    )
    stop = event(
        "E3",
        "2023-03-06",
        "decision",
        "Hulp",
        "Moeder",
        text="Hulp zet de omgang stop omdat Kind niet meer wil.",
        basis="urgency",
    )
    c = case(says, kept, stop)
    decision = only(c, "child_in_the_middle", "decision_on_voice")
    assert decision.events == ("E2", "E3") and decision.actors == ("Hulp",)
    signals = only(c, "child_in_the_middle", "refuses_or_kept")
    assert signals.events == ("E2",) and signals.actors == ("Kind",)
    english = event(
        "E1",
        "2023-03-01",
        "escalation",
        "Moeder",
        "Hulp",
        text="Mother calls: the child says she does not want to go to her father any more.",
    )
    assert "decision_on_voice" in rules(case(english, stop), "child_in_the_middle")


def test_a_childs_remark_the_adults_handle_is_no_pattern() -> None:
    remark = event(
        "E1",
        "2023-03-01",
        "meeting",
        "School",
        "Moeder,Regie",
        text="De leerkracht vertelt dat Kind zei dat ze niet meer naar papa wil.",
    )
    handled = event(
        "E2",
        "2023-03-03",
        "meeting",
        "Regie",
        "Moeder,Vader",
        text="De ouders spreken af dat vader iets leuks plant.",
    )
    assert flags_of(case(remark, handled), "child_in_the_middle") == []


def test_therapy_for_the_child_for_what_is_the_parents_fight() -> None:
    clash = event("E1", "2023-03-01", "escalation", "Moeder", "Vader")
    soon = event("E2", "2023-03-31", "intervention", "Therapeut", "Kind,Moeder")
    flag = only(case(clash, soon), "child_in_the_middle", "child_therapy")
    assert flag.events == ("E1", "E2") and flag.actors == ("Kind",) and flag.severity == "low"
    later = event("E2", "2023-09-01", "intervention", "Therapeut", "Kind")
    for_parent = event("E2", "2023-03-31", "intervention", "Therapeut", "Moeder")
    assert flags_of(case(clash, later), "child_in_the_middle") == []
    assert flags_of(case(clash, for_parent), "child_in_the_middle") == []
    petition = event(
        "E1", "2023-03-01", "legal", "AdvMoeder", "Rechtbank"
    )  # a court step is a clash too
    assert rules(case(petition, soon), "child_in_the_middle") == ["child_therapy"]
    assert (
        rules(
            case(petition, soon),
            "child_in_the_middle",
            child_in_the_middle={"clash_types": ["escalation"]},
        )
        == []
    )
    # help whose own words are about the divorce counts whoever gives it and whenever
    processing = event(
        "E3",
        "2023-09-01",
        "intervention",
        "Hulp",
        "Kind",
        text="KIES-groep om de scheiding te verwerken.",
    )
    assert rules(case(processing), "child_in_the_middle") == ["child_therapy"]
    apart = event(
        "E3",
        "2023-09-01",
        "intervention",
        "Hulp",
        "Kind",
        text="Dyslexiebehandeling, los van de scheiding.",
    )
    family = event(
        "E3",
        "2023-09-01",
        "intervention",
        "Hulp",
        "Kind,Moeder,Vader",
        text="Gezinsbehandeling over de scheiding.",
    )
    assert flags_of(case(apart), "child_in_the_middle") == []
    assert flags_of(case(family), "child_in_the_middle") == []


def test_which_bases_count_as_considered_is_a_setting() -> None:
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-04", "decision", "Hulp", "Moeder", basis="plan"),
    )
    assert flags_of(c, "ad_hoc_decision") == []  # a plan was made: considered
    flag = only(
        c,
        "ad_hoc_decision",
        "after_trigger",
        ad_hoc_decision={"considered_bases": ["ruling", "analysis"]},
    )
    assert flag.events == ("E1", "E2")


def test_a_message_from_a_parents_side_asking_for_quick_action_is_a_trigger() -> None:
    alarm = event(
        "E1", "2023-03-01", "contact", "Moeder", "Regie", text="Moeder appt in paniek over Kind."
    )
    decision = event("E2", "2023-03-02", "decision", "Regie", "Moeder", text="Geen omgang.")
    flag = only(case(alarm, decision), "ad_hoc_decision", "after_trigger")
    assert flag.events == ("E1", "E2") and flag.facts["trigger_type"] == "alarm"
    calm = event("E1", "2023-03-01", "contact", "Moeder", "Regie", text="Moeder belt Regie.")
    assert flags_of(case(calm, decision), "ad_hoc_decision") == []
    # a professional's own worry is no parent's alarm
    worried = event("E1", "2023-03-01", "contact", "Hulp", "Regie", text="Hulp meldt in paniek.")
    assert flags_of(case(worried, decision), "ad_hoc_decision") == []
    # under a negation it is no alarm
    quiet = event("E1", "2023-03-01", "contact", "Moeder", "Regie", text="Moeder is niet boos.")
    assert flags_of(case(quiet, decision), "ad_hoc_decision") == []


def test_words_of_haste_and_of_someone_not_heard_fire_together_but_never_alone() -> None:
    both = event(
        "E1",
        "2023-03-01",
        "decision",
        "Regie",
        "Moeder",
        text="Regie besluit dezelfde dag dat de omgang stopt; vader hoort het van Kind.",
    )
    flag = only(case(both), "ad_hoc_decision", "hasty")
    assert flag.facts["hasty"] == "dezelfde dag" and flag.facts["also"] == ("unheard",)
    assert "hoort het van" in flag_text(flag, Messages("nl")).explanation
    haste = event("E1", "2023-03-01", "decision", "Regie", "Moeder", text="Besluit per direct.")
    assert flags_of(case(haste), "ad_hoc_decision") == []
    pressed = event(
        "E1",
        "2023-03-01",
        "decision",
        "Regie",
        "Moeder",
        basis="pressure",
        text="Besloten zonder overleg met vader.",
    )
    assert rules(case(pressed), "ad_hoc_decision") == ["urgent_basis"]
    heard = event(
        "E1",
        "2023-03-01",
        "decision",
        "Regie",
        "Moeder,Vader",
        basis="pressure",
        text="Na overleg met beide ouders besloten.",
    )
    assert flags_of(case(heard), "ad_hoc_decision") == []


def test_a_plan_for_the_parents_after_the_child_was_heard_does_not_rest_on_the_childs_voice() -> (
    None
):
    heard = event("K1", "2023-03-01", "child_interview", "Regie", "Kind")
    plan = event(
        "K2",
        "2023-03-10",
        "decision",
        "Regie",
        "Moeder,Vader",
        text="Opvoedsteun voor beide ouders.",
    )
    assert "decision_on_voice" not in rules(case(heard, plan), "child_in_the_middle")
    about = event("K2", "2023-03-10", "decision", "Regie", "Moeder", text="Kind logeert niet meer.")
    assert "decision_on_voice" in rules(case(heard, about), "child_in_the_middle")


def test_a_decision_that_keeps_the_course_after_a_relayed_refusal_is_not_on_the_childs_voice() -> (
    None
):
    """b13 of the blind set: mother relays that the child no longer wants to go; two days later the
    youth protector decides the weekends are níet suspended: the plan stands."""
    relayed = event(
        "K1", "2023-03-01", "escalation", "Moeder", "JB", text="Moeder mailt: Kind wil niet meer."
    )
    kept = event(
        "K2",
        "2023-03-03",
        "decision",
        "JB",
        "Moeder,Vader",
        text="JB besluit de weekenden van Kind níet op te schorten: het plan blijft staan.",
    )
    assert "decision_on_voice" not in rules(case(relayed, kept), "child_in_the_middle")
    stopped = event(
        "K2", "2023-03-03", "decision", "JB", "Moeder,Vader", text="De weekenden van Kind stoppen."
    )
    assert "decision_on_voice" in rules(case(relayed, stopped), "child_in_the_middle")


def test_an_analysis_looking_back_and_a_parents_opinion_are_no_new_signal_of_the_child() -> None:
    """An analysis that tells "Kind steeds gevraagd te kiezen" tells the past; "Vader vindt dat
    moeder Kind tegen hem opzet" is the father's view, not a fact about the child."""
    analysis = event(
        "A1",
        "2023-05-01",
        "analysis",
        "Regie",
        "Moeder,Vader",
        text="Brede analyse: Kind werd steeds gevraagd te kiezen; dat stopt nu.",
    )
    opinion = event(
        "M1",
        "2023-02-01",
        "meeting",
        "Hulp",
        "Vader",
        text="Vader vindt dat moeder Kind tegen hem opzet.",
    )
    assert flags_of(case(analysis, opinion), "child_in_the_middle") == []
    seen = event(
        "M1",
        "2023-02-01",
        "meeting",
        "Hulp",
        "Vader",
        text="Hulp ziet dat moeder Kind tegen vader opzet.",
    )
    assert rules(case(seen), "child_in_the_middle") == ["loyalty"]
