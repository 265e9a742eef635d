"""The words detectors read: one family at a time, in Dutch and English, with and without a
negation, as people write them in a timeline."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from retro.analysis.lexicon import child_before, lexicon, names_a_child
from tests.casebuilder import case

# family -> (says it, does not say it), in both languages
PHRASES: dict[str, list[tuple[str, str]]] = {
    "refusal": [
        ("Dochter zegt dat ze niet meer naar vader wil.", "Dochter gaat graag naar vader."),
        ("The child says she does not want to go to her father.", "The child goes to her father."),
    ],
    "kept_from_parent": [
        ("Moeder houdt Noa thuis, want ze wil niet.", "Moeder brengt Noa naar vader."),
        ("Mother keeps her home this weekend.", "Mother brings her to father."),
    ],
    "asked_to_choose": [
        ("De Raad vraagt bij wie zij het liefst wil wonen.", "Lotte hoeft niet te kiezen."),
        ("Mother asks Daughter whether she really wants to go.", "She is not asked to choose."),
    ],
    "loyalty": [
        ("Jesse zegt dat hij geen keuze wil maken.", "Jesse vertelt over school."),
        ("She feels caught between her parents.", "She feels at home in both houses."),
    ],
    "messenger_child": [
        ("Vader geeft Jip een briefje voor moeder mee.", "Vader geeft Jip zijn fiets mee."),
        ("Daughter passes on a message from Mother to Father.", "Daughter plays football."),
    ],
    "processing": [
        ("KIES-groep om de scheiding te verwerken.", "Huiswerkbegeleiding."),
        ("Therapy to help her process the divorce.", "Therapy for her sleep."),
    ],
    "about_the_fight": [
        ("Speltherapie vanwege de strijd tussen de ouders.", "Dyslexie, los van de scheiding."),
        ("Help because of the parents' fight.", "Help unrelated to the divorce."),
    ],
    "goal_communicate": [
        (
            "Doel: de ouders leren weer met elkaar te communiceren.",
            "Doel: niet gericht op communicatie.",
        ),
        (
            "Aim: the parents learn to communicate.",
            "Not aimed at communication between the parents.",
        ),
    ],
    "goal_other_changes": [
        ("Doel: vader moet inzien dat hij de kinderen belast.", "Doel: vader krijgt steun."),
        ("Goal: mother must accept the new school.", "Goal: support for mother."),
    ],
    "alarm": [
        ("Moeder appt in paniek: Sven is niet op school.", "Moeder appt: Sven is op school."),
        ("The lawyer demands a decision with immediate effect.", "The lawyer asks for a date."),
    ],
    "hasty": [
        ("Zij besluit dezelfde dag dat de omgang stopt.", "Zij besluit na twee weken."),
        ("He decides on the spot.", "He decides after the review."),
    ],
    "unheard": [
        ("Besloten zonder overleg met vader.", "Besloten na overleg met vader."),
        ("Dad hears it from his daughter.", "Dad is told by the guardian."),
    ],
    "contact_arrangement": [
        ("De omgang wordt opgeschort.", "Gezinscoaching wordt ingezet."),
        ("She stays overnight at her father's.", "She starts speech therapy."),
    ],
    "goal_calm": [
        ("Rust voor de kinderen.", "Een plan."),
        ("Calm and safety for Daughter.", "A plan."),
    ],
    "failed": [
        ("Mediation mislukt, vader loopt weg.", "Mediation afgerond."),
        ("The mediation failed.", "The mediation ended as planned."),
    ],
    "again": [
        ("Toch weer een communicatietraining.", "Een communicatietraining."),
        ("The same goal, once more.", "A new goal."),
    ],
    "on_behalf": [
        ("Op verzoek van moeder schrijft zij een brief naar de Raad.", "Zij schrijft een verslag."),
        ("She writes a statement for Mother's lawyer.", "She writes a report."),
    ],
    "adopts_story": [
        (
            "In het dossier staat moeders lezing als vaststaand feit.",
            "Het dossier beschrijft beide ouders.",
        ),
        ("He has never spoken to Mother.", "He speaks with both parents."),
    ],
    "convince": [
        ("De therapeut probeert de jeugdbeschermer te overtuigen.", "De therapeut informeert JB."),
        ("They argue about who is right.", "They agree on one course."),
    ],
    "reversal": [
        ("Het besluit wordt teruggedraaid.", "Het besluit blijft staan."),
        ("The decision is reversed.", "The decision stands."),
    ],
    "as_planned": [
        ("Zoals gepland wordt de maatregel beëindigd.", "De maatregel wordt beëindigd."),
        ("As planned, the measure ends.", "The measure ends."),
    ],
    "holds_direction": [
        ("Zij houdt zelf de regie.", "Zij vraagt de GI om regie."),
        ("The youth protector holds direction.", "She asks for direction."),
    ],
    "passes_direction": [
        ("Het wijkteam draagt de casusregie over aan JB.", "Het wijkteam draagt het dossier over."),
        ("The team hands over case direction to CPW.", "The team hands over the file."),
    ],
    "searching": [
        (
            "De casusregisseur zegt dat zij zoekende is naar haar rol.",
            "De casusregisseur zegt wat zij doet.",
        ),
        ("The case director has lost the overview.", "The case director keeps the overview."),
    ],
    "shared_analysis": [
        ("Eerst maken alle partijen samen een brede analyse.", "Besproken wat er misging."),
        ("They make a shared analysis first.", "They discuss what went wrong."),
    ],
    "standstill": [
        ("De therapeuten melden dat het traject stilligt.", "Het traject loopt."),
        ("The trajectory is on hold.", "The trajectory goes on."),
    ],
    "no_response": [
        ("Herinnering per mail; geen reactie.", "Herinnering per mail; JB antwoordt."),
        ("Reminder by e-mail; no response.", "Reminder by e-mail; she answers."),
    ],
    "nothing_decided": [
        ("Er wordt niets besloten.", "Besloten: speltherapie."),
        ("Nothing is decided.", "Decided: play therapy."),
    ],
    "progress": [
        ("Het gaat goed met de kinderen.", "Het is onrustig."),
        ("Contact goes well.", "Contact is tense."),
    ],
    "separately": [
        ("De Raad spreekt de ouders, ieder apart.", "De Raad spreekt de ouders samen."),
        ("The Board speaks with each separately.", "The Board speaks with them together."),
    ],
    "remote": [
        ("Vader belt de casusregisseur.", "Vader spreekt de casusregisseur."),
        ("The therapist emails the case director.", "The therapist meets the case director."),
    ],
    "parent_words": [
        ("De ouders leren communiceren.", "De professionals werken samen."),
        ("Both parents agree.", "The professionals agree."),
    ],
    "help_starts": [
        ("Besloten: Noa aanmelden bij de speltherapeut.", "Besloten: de koers houden."),
        ("They decide to refer her to play therapy.", "They decide to keep the course."),
    ],
    "own_need": [
        ("Moeder start bij een coach voor zichzelf.", "Moeder start bij een coach."),
        ("Counselling for her own anxiety.", "Counselling for the family."),
    ],
    "keeps_course": [
        (
            "Zij besluit de weekenden níet op te schorten: het plan blijft staan.",
            "Zij schort de weekenden op.",
        ),
        ("The arrangement stands.", "The arrangement is suspended."),
    ],
    "opinion": [
        (
            "Vader vindt dat moeder de kinderen tegen hem opzet.",
            "Vader zegt: de kinderen zijn moe.",
        ),
        ("Father claims mother turns them against him.", "Father brings the children back."),
    ],
    "stand_in": [
        ("Regie met verlof; een collega neemt waar.", "Regie draagt de casus over."),
        ("CD on leave for six weeks; CD-B stands in.", "CD hands the case to CD-B."),
    ],
    "meeting_words": [
        ("Warme overdracht met beide ouders.", "Er is geen overdrachtsgesprek."),
        ("Warm handover, with both parents present.", "The file is sent."),
    ],
}


def _tables() -> dict[str, dict]:
    folder = resources.files("retro") / "lexicon"
    return {
        lang: tomllib.loads((folder / f"{lang}.toml").read_text("utf-8")) for lang in ("nl", "en")
    }


def test_both_languages_hold_the_same_families_each_with_a_line_of_help() -> None:
    nl, en = _tables()["nl"], _tables()["en"]
    assert set(nl["families"]) == set(en["families"])
    for lang, table in _tables().items():
        text = (resources.files("retro") / "lexicon" / f"{lang}.toml").read_text("utf-8")
        for name in table["families"]:
            help_line = text.split(f"[families.{name}]\n", 1)[1].split("\n", 1)[0]
            assert help_line.startswith("# "), (lang, name)


def test_every_family_a_detector_reads_is_tested_here() -> None:
    assert set(_tables()["nl"]["families"]) - {
        "child_words",
        "goal_contact_forced",
        "goal_marker",
        "help_starts",
        "direction",
        "replace",
        "messenger",
    } <= set(PHRASES)


@pytest.mark.parametrize("family", sorted(PHRASES))
def test_a_family_finds_its_phrase_and_not_the_near_miss(family: str) -> None:
    words = lexicon()
    for says, does_not in PHRASES[family]:
        assert words.find(says, family) is not None, (family, says)
        assert words.find(does_not, family) is None, (family, does_not)


def test_a_negation_before_a_phrase_in_the_same_clause_undoes_it() -> None:
    words = lexicon()
    assert words.find("Lotte wordt niet gevraagd te kiezen.", "asked_to_choose") is None
    assert words.find("The child will no longer be asked to choose.", "asked_to_choose") is None
    # a negation in an earlier clause does not reach the phrase
    assert words.find(
        "Niet vandaag, maar de Raad vraagt bij wie zij het liefst wil wonen.", "asked_to_choose"
    )
    # a phrase that holds a negation itself is just a phrase
    assert words.find("Zij zegt dat ze niet meer naar vader wil.", "refusal")


def test_the_child_must_be_named_before_the_words_that_concern_it() -> None:
    c = case()
    words = lexicon()
    text = "Moeder wil niet dat de kinderen daar slapen."
    found = words.find(text, "refusal")
    assert found is not None and not child_before(text, found.start, c, words)
    relayed = "Moeder belt: Kind zegt dat ze niet meer wil."
    found = words.find(relayed, "refusal")
    assert found is not None and child_before(relayed, found.start, c, words)
    assert names_a_child("Speltherapie voor Kind.", c, words)
    assert not names_a_child("Coaching voor vader.", c, words)


def test_a_negation_reaches_over_or_and_a_negation_of_several_words_counts_whole() -> None:
    words = lexicon()
    goal = "two households, not aimed at the parents communicating"
    assert words.find(goal, "goal_communicate") is None
    assert words.find("Doel: niet leren samenwerken of communiceren.", "goal_communicate") is None
    text = "Speech therapy; it has nothing to do with the separation."
    assert words.find(text, "about_the_fight") is None
    assert words.find("De training gaat over de scheiding.", "about_the_fight")


def test_an_act_is_undone_by_the_words_right_after_it_in_its_clause() -> None:
    """Dutch puts the negation after the subject: "een brede analyse wordt niet gemaakt"; a
    deferral undoes an act too.  A clause that starts after it (a comma, "dat") keeps it."""
    words = lexicon()
    for undone in (
        "Een brede analyse wordt niet gemaakt.",
        "Een brede analyse wordt 'voor later' op de lijst gezet.",
        "A broad analysis is postponed.",
    ):
        assert words.find(undone, "shared_analysis") is None, undone
    for kept in (
        "Uit de brede analyse blijkt dat vader niet meewerkt.",
        "Brede analyse met alle partijen, niet eerder gedaan.",
        "The shared analysis shows that mother does not agree.",
    ):
        assert words.find(kept, "shared_analysis") is not None, kept
    # only the families of acts: a child who is not heard is still a child
    assert words.find("Het kind wordt niet gehoord.", "child_words") is not None


def test_accents_read_as_the_plain_letter() -> None:
    """Dutch writes emphasis with an accent ("níet", "wél"): a negation with one is a negation."""
    words = lexicon()
    assert words.find("Lotte wordt níet gevraagd te kiezen.", "asked_to_choose") is None
    assert words.find("De maatregel wordt beëindigd zoals gepland.", "as_planned") is not None
