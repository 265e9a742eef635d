"""The regional export scrubs lessons in a background thread as the cases arrive: the same lessons
as scrubbing them one by one, deduce loaded only for a lesson, and its tables kept out of Python's
cycle collector."""

from __future__ import annotations

import gc
import threading

import pytest

import retro
from retro.region.anonymise import case_code, draft_case, finish_lessons
from retro.region.scrub import Scrubber, deduce_model
from retro.region.scrub_thread import ScrubThread
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def scrubber() -> Scrubber:
    return Scrubber(retro.load_config().region.keep_words)


def test_lessons_scrubbed_in_the_thread_are_those_scrubbed_in_turn(scrubber: Scrubber) -> None:
    analysis = retro.analyse(retro.load_case(SAMPLES / "hengelo.xlsx"))
    _, drafts = draft_case(analysis, case_code(b"hengelo", "sleutel"), scrubber.keep_words)
    assert drafts
    threads: list[str] = []
    finish = scrubber.finish

    def finish_noting_the_thread(parts):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread().name)
        return finish(parts)

    scrubber.finish = finish_noting_the_thread  # type: ignore[method-assign]
    try:
        with ScrubThread(scrubber) as scrubbing:
            scrubbing.start(7, drafts)
            scrubbed = scrubbing.lessons(7, drafts)
    finally:
        del scrubber.finish
    assert scrubbed == finish_lessons(drafts, scrubber)
    assert threads and all(name.startswith("retro-scrub") for name in threads)


def test_a_case_without_lessons_starts_no_thread(scrubber: Scrubber) -> None:
    with ScrubThread(scrubber) as scrubbing:
        scrubbing.start(1, ())
        assert scrubbing.lessons(1, ()) == ()
        assert scrubbing._thread is None


def test_deduces_tables_are_left_out_of_the_cycle_collector() -> None:
    deduce_model()
    assert gc.isenabled()  # paused while the tables load, never left off
    assert gc.get_freeze_count() > 1_000_000  # millions of table objects no collection walks
