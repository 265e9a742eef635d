"""Precision over recall: a pattern that repeats is one flag that cites every repeat, not one flag
per repeat.

A block of events that shows most patterns once is repeated year after year; the number of flags
must stay the same while the evidence grows with it."""

from __future__ import annotations

from collections import Counter

from retro import analyse
from retro.analysis.flag_text import flag_text
from retro.messages import Messages
from tests.casebuilder import case, event, only


def _block(n: int) -> list:
    """One year of a stuck case: an urgent decision, a time-out on the child's refusal, five rounds
    of new help by new helpers, an analysis, many helpers at once, and a meeting that says it is
    stuck with nothing moving after it."""
    y, p = 2010 + n, f"B{n}"

    def e(suffix: str, day: str, *args, **kwargs):
        return event(f"{p}{suffix}", f"{y}-{day}", *args, **kwargs)

    events = [
        e("E1", "01-02", "escalation", "Moeder", "Hulp"),
        e("E2", "01-05", "decision", "Hulp", "Moeder", basis="urgency"),
        e("E3", "02-01", "child_interview", "Hulp", "Kind"),
        e("E4", "02-04", "decision", "JB", "Vader", text="Time-out omdat Kind geen contact wil."),
        e("E5", "02-05", "contact_break", "Kind", "Moeder"),
    ]
    for month, helper in zip((3, 4, 5, 6, 7), ("Hulp", "Coach", "Mediator", "Hulp2", "Hulp3")):
        events += [
            e(f"M{month}", f"0{month}-01", "case_conference", "Regie", "Hulp,School"),
            e(f"O{month}", f"0{month}-20", "intervention", helper, "Moeder"),
        ]
    events.append(e("A8", "08-01", "analysis", "Regie", "Hulp,Moeder,Vader"))
    events += [
        e(f"H{i}", f"09-{i + 1:02d}", "meeting", actor, "Moeder")
        for i, actor in enumerate(("Regie", "Hulp", "Therapeut", "JB", "Hulp2", "Hulp3"), 1)
    ]
    events.append(
        e(
            "S9",
            "10-01",
            "meeting",
            "Therapeut",
            "Moeder,Vader",
            text="Het contactherstel loopt vast.",
        )
    )
    return events


def _analysed(years: int):
    return analyse(case(*(e for n in range(years) for e in _block(n))))


def _kinds(years: int) -> tuple[Counter, dict]:
    flags = _analysed(years).flags
    return Counter((f.kind, f.rule) for f in flags), {(f.kind, f.rule): f for f in flags}


def test_the_number_of_flags_does_not_grow_with_a_repeated_pattern() -> None:
    three, _ = _kinds(
        3
    )  # from three years on every threshold is reached (three child interviews...)
    six, flags = _kinds(6)
    assert six == three
    assert {kind for kind, _ in six} >= {
        "ad_hoc_decision",
        "child_in_the_middle",
        "offer_after_offer",
        "too_many_helpers",
        "stagnation",
    }
    assert (
        max(six.values()) <= 2
    )  # one per decision-maker at most: Hulp's urgent decisions, JB's time-outs...
    decisions = flags[("ad_hoc_decision", "after_trigger")]
    assert decisions.events == tuple(
        f"B{n}{s}" for n in range(6) for s in ("E1", "E2")
    )  # every repeat is cited
    assert decisions.facts["repeats"] == 5 and decisions.severity == "high"
    rounds = flags[("offer_after_offer", "new_help_without_analysis")]
    assert len(rounds.events) == 6 * 10 and rounds.facts["repeats"] == 5
    helpers = flags[("too_many_helpers", "at_once")]
    # every helper takes part every year: involved from their first event to their last, they are
    # all involved at once from the first year on, in one run that grows with the case
    over = sum(1 for _, n in _analysed(6).measures.care_over_time if n >= 6)
    assert (
        helpers.facts["over"] == over == helpers.facts["months"] and "repeats" not in helpers.facts
    )
    for lang in ("nl", "en"):  # every merged flag has its sentences, with no placeholder left
        assert all("{" not in flag_text(f, Messages(lang)).explanation for f in flags.values())
    assert (
        f"There were 6 or more from June 2010 to September 2015 ({over} month(s))."
        in flag_text(helpers, Messages("en")).explanation
    )


def test_a_merged_flag_explains_the_strongest_repeat_and_names_the_others() -> None:
    _, flags = _kinds(9)
    voice = flags[("child_in_the_middle", "decision_on_voice")]
    assert voice.facts["repeat_ids"] == tuple(
        f"B{n}E4" for n in range(1, 9)
    )  # data: every repeat, the sentence caps
    text = flag_text(voice, Messages("en")).explanation
    assert text.startswith("Decision B0E4 by JB followed B0E3 after 3 day(s)")
    assert (
        "8 more decision(s) by JB followed shortly after the child had its say: B1E4, B2E4, B3E4, B4E4, B5E4, B6E4, "
        "B7E4, B8E4." in text
    )
    capped = flag_text(voice, Messages("en"), most=5).explanation
    assert "had its say: B1E4, B2E4, B3E4, B4E4, B5E4 and 3 more." in capped
    dutch = flag_text(
        flags[("ad_hoc_decision", "after_trigger")], Messages("nl"), most=5
    ).explanation
    # in year 0 nobody held direction yet: B1E2 weighs more
    assert dutch.startswith("Besluit B1E2 van Hulp volgde 3 dag(en) na B1E1 (escalatie)")
    assert (
        "Nog 8 besluit(en) van Hulp laten zulke signalen zien: B0E2, B2E2, B3E2, B4E2, B5E2 en nog 3."
        in dutch
    )


def test_repeats_by_different_decision_makers_stay_apart_and_a_stronger_repeat_leads() -> None:
    c = case(
        event("E1", "2023-03-01", "escalation", "Moeder", "Hulp"),
        event("E2", "2023-03-04", "decision", "Hulp", "Moeder"),
        event("E3", "2023-05-01", "escalation", "Moeder", "Hulp"),
        event("E4", "2023-05-03", "decision", "Hulp", "Moeder", basis="urgency"),
        event("E5", "2023-05-05", "decision", "Coach", "Vader"),
    )
    flags = [f for f in analyse(c).flags if f.kind == "ad_hoc_decision"]
    assert [(f.actors, f.events) for f in flags] == [
        (("Hulp",), ("E1", "E2", "E3", "E4")),
        (("Coach",), ("E3", "E5")),
    ]
    hulp = flags[0]
    assert hulp.facts["decision"] == "E4" and hulp.facts["repeat_ids"] == (
        "E2",
    )  # urgency made E4 the stronger one
    assert (
        hulp.severity == "high" and flags[1].severity == "low"
    )  # two signals and a repeat; one signal
    assert (
        only(case(*c.events[:2]), "ad_hoc_decision", "after_trigger").facts.get("repeats") is None
    )
