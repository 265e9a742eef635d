"""Scrubbing free text (lessons learned) before it leaves a case.

Three layers, each erring on the side of removing too much:

1. patterns for e-mail, links, phone, IBAN, addresses, dates, years, BSN and longer numbers
   (:func:`retro.region.scrub_rules.remove_patterns`), then the exact removal of what the case
   itself names (:func:`retro.region.scrub_rules.remove_known`: actor ids and names become role
   labels, organisations, title and file-name words go);
2. deduce, a maintained de-identification library for Dutch text, for the names, places,
   dates, ages and numbers the first layer did not know about;
3. every capitalised word inside a sentence that is no domain word, and every word that
   mixes letters and digits (:func:`retro.region.scrub_rules.remove_capitalised`).

The result is a :class:`ScrubbedText`: parts of plain text and placeholders, rendered in the
reader's language (``[naam]``, ``[ouder 1]``) only when written.  Only :class:`Scrubber` makes one,
so an anonymous record cannot hold unscrubbed text.

deduce's lookup tables take minutes to build and seconds to load: ``python -m retro.region.prepare``
builds them at set-up, and :func:`deduce_model` loads them once per process, only when there is text
to scrub."""

from __future__ import annotations

import gc
import importlib.util
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..messages import Messages
from ..schema import term_name
from .scrub_rules import (
    Identifiers,
    Part,
    Parts,
    Placeholder,
    merge_neighbours,
    remove_capitalised,
    remove_contacts,
    remove_known,
    remove_patterns,
)

_SEAL = object()
_DEDUCE: Any = None
_LOADING = threading.Lock()

# deduce's tag of an annotation (its first word before "+") -> our placeholder kind
_DEDUCE_KINDS = {
    "persoon": "name",
    "patient": "name",
    "locatie": "place",
    "ziekenhuis": "organisation",
    "zorginstelling": "organisation",
    "datum": "date",
    "leeftijd": "age",
    "bsn": "bsn",
    "telefoonnummer": "phone",
    "emailadres": "email",
    "url": "url",
    "id": "number",
}


@dataclass(frozen=True, slots=True)
class ScrubbedText:
    """Text that went through every layer of :class:`Scrubber`; made nowhere else."""

    parts: Parts
    _seal: object = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._seal is not _SEAL:
            raise TypeError("a ScrubbedText is made only by retro.region.scrub.Scrubber")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_sealed, (self.parts,))

    def render(self, msg: Messages) -> str:
        """The text with each placeholder in the reader's language."""
        return "".join(
            part if isinstance(part, str) else placeholder_text(part, msg) for part in self.parts
        )

    def __repr__(self) -> str:
        return f"ScrubbedText({len(self.parts)} parts)"


def _sealed(parts: Parts) -> ScrubbedText:
    return ScrubbedText(parts, _SEAL)


def placeholder_text(placeholder: Placeholder, msg: Messages) -> str:
    """``[naam]``, or for an actor its role in the vocabulary's words (``[ouder 1]``,
    ``[jeugdbescherming]``)."""
    if placeholder.kind != "role":
        return msg(f"region.placeholder.{placeholder.kind}")
    assert placeholder.role is not None  # a placeholder of kind "role" always has one
    role = term_name("role", placeholder.role, msg.lang)
    if placeholder.number is not None:
        role = msg("region.placeholder.numbered", role=role, number=placeholder.number)
    return msg("region.placeholder.role", role=role)


def deduce_tables_built() -> bool:
    """Whether deduce's lookup tables are on disk and still valid (checked without importing
    deduce): deduce builds them again when any of its source lists is newer than the tables, as
    after a re-install of the same version."""
    spec = importlib.util.find_spec("deduce")
    if spec is None or spec.origin is None:
        return False
    lookup = Path(spec.origin).parent / "data" / "lookup"
    try:
        built = (lookup / "cache" / "lookup_structs.pickle").stat().st_mtime
        return all(p.stat().st_mtime <= built for p in (lookup / "src").glob("**"))
    except OSError:
        return False


def _import_deduce() -> Any:
    """Import deduce without the logging set-up it does on import (a DEBUG handler on stdout)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import deduce

    root.handlers[:] = handlers
    root.setLevel(level)
    return deduce


def deduce_model() -> Any:
    """deduce with its lookup tables, loaded once per process (a few seconds; minutes if never
    prepared), by whichever thread asks first.

    The tables are millions of small objects unpickled at once: Python's cycle collector would walk
    them again and again while they load (three quarters of the time), and at every full collection
    after.  So it is paused while they load, and what is loaded then is frozen (left out of every
    later collection: the tables live as long as the process)."""
    global _DEDUCE
    with _LOADING:
        if _DEDUCE is None:
            collecting = gc.isenabled()
            gc.disable()
            try:
                _DEDUCE = _import_deduce().Deduce()
            finally:
                if collecting:
                    gc.enable()
            gc.freeze()
    return _DEDUCE


def prepare() -> None:
    """Build deduce's lookup tables if they are not on disk yet."""
    if not deduce_tables_built():
        deduce_model()


def first_pass(text: str, identifiers: Identifiers) -> Parts:
    """The layer that needs the case: e-mail, links and other patterns, then its own identifiers.
    Runs where the case is."""
    return remove_known(remove_patterns(remove_contacts(text)), identifiers)


class Scrubber:
    """Finishes scrubbing with deduce and the capitalised-word rule; loads deduce on first use.

    The same parts always give the same text, and a region repeats many of them (a lesson's theme
    and audience come from a short list; teams copy lessons between cases): each is scrubbed once
    per scrubber and remembered (up to :data:`REMEMBERED` of them)."""

    REMEMBERED = 20_000

    def __init__(self, keep_words: Iterable[str]) -> None:
        self.keep_words = tuple(keep_words)
        self._done: dict[Parts, ScrubbedText] = {}

    def finish(self, parts: Parts) -> ScrubbedText:
        """Parts after :func:`first_pass`, scrubbed by deduce and the last rules."""
        done = self._done.get(parts)
        if done is None:
            done = self._finished(parts)
            if len(self._done) < self.REMEMBERED:
                self._done[parts] = done
        return done

    def _finished(self, parts: Parts) -> ScrubbedText:
        model = deduce_model()
        out: list[Part] = []
        for part in parts:
            out.extend(self._deduce(model, part) if isinstance(part, str) else (part,))
        tries = model.lookup_structs
        final = remove_capitalised(
            tuple(out), self.keep_words, lambda word: _looks_like_name(tries, word)
        )
        return _sealed(merge_neighbours(final))

    def scrub(self, text: str, identifiers: Identifiers) -> ScrubbedText:
        """All three layers in one process (for notebooks and tests)."""
        return self.finish(first_pass(text, identifiers))

    @staticmethod
    def _deduce(model: Any, text: str) -> Parts:
        if not text.strip():
            return (text,)
        found = {(a.start_char, a.end_char, a.tag) for a in model.deidentify(text).annotations}
        spans = sorted(
            found
            | {
                (start, end, tag)
                for start, end, tag in _institutions_in_lower_case(model, text)
                if not any(start < e and s < end for s, e, _ in found)
            }
        )
        out: list[Part] = []
        position = 0
        for start, end, tag in spans:
            if start < position:
                continue
            out.extend(p for p in (text[position:start], _deduce_placeholder(tag)) if p != "")
            position = end
        if position < len(text):
            out.append(text[position:])
        return tuple(out)


_INSTITUTION_LISTS = ("healthcare_institution", "hospital")
_WORD = re.compile(r"[^\W\d_]{3,}")


def _institutions_in_lower_case(model: Any, text: str) -> set[tuple[int, int, str]]:
    """Words that deduce's own lists of care institutions and hospitals hold, in any case: deduce
    finds "Karakter", not "karakter"."""
    lists = [model.lookup_structs[name] for name in _INSTITUTION_LISTS]
    return {
        (m.start(), m.end(), "zorginstelling")
        for m in _WORD.finditer(text)
        if any([form] in found for form in {m.group(0).title(), m.group(0)} for found in lists)
    }


def _deduce_placeholder(tag: str) -> Placeholder:
    kinds = [_DEDUCE_KINDS[t] for t in tag.split("+") if t in _DEDUCE_KINDS]
    return Placeholder(kinds[0] if kinds else "name" if "naam" in tag else "other")


def _looks_like_name(lookups: Any, word: str) -> bool:
    """A word opening a sentence that deduce knows as a first name, surname or place, and not as a
    common word."""
    if any(word.casefold() in lookups[name] for name in ("whitelist", "stop_word", "common_word")):
        return False
    return any([word] in lookups[name] for name in ("first_name", "surname", "placename"))
