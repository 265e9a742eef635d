"""``unreachable_goal``: help aimed at what cannot be reached while the fight goes on (pattern 10).

Known answers in both languages, with the near misses the seeds name: goals of calm, safety,
parallel parenting, one person's own need, a goal under a negation, professionals working together.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from retro.model import Event
from tests.casebuilder import case, event, flags_of, only


def _aim(ident: str, day: str, actor: str, with_: str, text: str, goal: str | None = None) -> Event:
    return replace(event(ident, day, "intervention", actor, with_, text=text), goal=goal)


def test_help_aimed_at_the_parents_communicating_is_flagged_from_the_goal_column_in_dutch() -> None:
    c = case(
        _aim(
            "G1",
            "2022-01-10",
            "Hulp",
            "Moeder,Vader",
            "Start traject.",
            "ouders leren communiceren",
        )
    )
    flag = only(c, "unreachable_goal", "aims_out_of_reach")
    assert flag.events == ("G1",) and flag.actors == ("Hulp",)
    assert flag.facts["goals"] == ("goal_communicate",) and flag.severity == "low"


def test_the_description_counts_when_there_is_no_goal_and_english_is_read_too() -> None:
    c = case(
        _aim("G1", "2022-01-10", "Therapeut", "Kind", "Therapy to help Kind process the divorce."),
        _aim(
            "G2", "2022-03-10", "Coach", "Moeder", "Goal: Moeder must accept that Vader has a say."
        ),
    )
    flag = only(c, "unreachable_goal", "aims_out_of_reach")
    assert flag.events == ("G1", "G2")
    assert set(flag.facts["goals"]) == {"processing", "goal_other_changes"}
    assert flag.severity == "medium"  # two different goals, neither repeated


def test_the_same_goal_again_after_it_failed_is_strong_and_says_so() -> None:
    c = case(
        _aim(
            "G1",
            "2021-02-01",
            "Mediator",
            "Moeder,Vader",
            "Mediation: ouders leren samen afspraken maken.",
        ),
        event(
            "F1",
            "2021-05-01",
            "intervention",
            "Mediator",
            "Moeder,Vader",
            text="Mediation mislukt, vader loopt weg.",
        ),
        _aim(
            "G2",
            "2021-09-01",
            "Hulp",
            "Moeder,Vader",
            "Toch weer een communicatietraining voor de ouders.",
        ),
    )
    flag = only(c, "unreachable_goal", "aims_out_of_reach")
    assert flag.events == ("G1", "F1", "G2")
    assert flag.facts["again"] == ("G2",) and flag.facts["failed"] == ("F1",)
    assert flag.severity == "high" and flag.facts["also"] == ("again",)


def test_the_same_goal_twice_is_strong_even_without_a_failure_in_between() -> None:
    c = case(
        _aim("G1", "2021-02-01", "Hulp", "Moeder,Vader", "Cursus.", "ouders laten communiceren"),
        _aim("G2", "2022-02-01", "Coach", "Moeder,Vader", "Training.", "ouders communiceren beter"),
    )
    flag = only(c, "unreachable_goal", "aims_out_of_reach")
    assert flag.severity == "high" and flag.facts["repeated"] == ("goal_communicate",)
    assert flag.facts["also"] == ("repeated",)


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("Start traject.", "rust voor de kinderen"),
        ("Start traject.", "parallel ouderschap, niet gericht op communicatie"),
        ("Start traject.", "veiligheid van de kinderen"),
        ("Coaching for Vader's own coping.", None),
        ("Start traject.", "calm and safety for the children"),
        ("Regie en Hulp werken samen en communiceren over de planning.", None),  # professionals
        ("Ouderschapsplan opstellen.", "een ouderschapsplan"),
    ],
)
def test_near_misses_calm_safety_parallel_parenting_own_need_and_negation_are_quiet(
    text: str, goal: str | None
) -> None:
    c = case(_aim("N1", "2022-01-10", "Hulp", "Moeder", text, goal))
    assert flags_of(c, "unreachable_goal") == []


def test_a_parent_or_the_family_itself_never_carries_the_goal() -> None:
    c = case(
        event(
            "P1",
            "2022-01-10",
            "statement",
            "Moeder",
            "Vader",
            text="Vader moet veranderen en leren communiceren.",
        )
    )
    assert flags_of(c, "unreachable_goal") == []


def test_processing_needs_a_child_named_or_taking_part() -> None:
    c = case(
        _aim("N1", "2022-01-10", "Therapeut", "Moeder", "Moeder verwerkt haar eigen scheiding.")
    )
    assert flags_of(c, "unreachable_goal") == []
    c = case(
        _aim("G1", "2022-01-10", "Therapeut", "Kind", "Speltherapie om de scheiding te verwerken.")
    )
    assert only(c, "unreachable_goal", "aims_out_of_reach").facts["goals"] == ("processing",)


def test_the_sentences_name_the_goal_and_the_repetition_in_both_languages() -> None:
    from retro import analyse
    from retro.messages import Messages

    c = case(
        _aim("G1", "2021-02-01", "Hulp", "Moeder,Vader", "Cursus.", "ouders laten communiceren"),
        _aim("G2", "2022-02-01", "Coach", "Moeder,Vader", "Training.", "ouders communiceren beter"),
    )
    result = analyse(c)
    [flag] = [f for f in result.flags if f.kind == "unreachable_goal"]
    nl = result.flag_text(flag, Messages("nl"))
    en = result.flag_text(flag, Messages("en"))
    assert "G1, G2" in nl.explanation and "communiceren" in nl.explanation
    assert "meer dan eens" in nl.explanation and "aanbod na aanbod" in nl.explanation
    assert "more than once" in en.explanation and "for whom" in en.question
    assert "G1" in nl.basis
