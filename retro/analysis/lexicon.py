"""The words detectors read in descriptions: phrase families per language, with negation.

The phrases live in data files, ``retro/lexicon/nl.toml`` and ``retro/lexicon/en.toml`` (each
family with a line of help and the detectors that read it); both languages are always read
together.  A phrase is matched as whole words, ignoring case; ``word*`` matches the start of a
word, ``...`` up to four words in between.  A match does not count when a negation (``niet``,
``geen``, ``not``...) stands in the few words before it in the same clause (accents read as the
plain letter: "níet" is "niet"): "hoeft niet te
kiezen" is the opposite of being asked to choose.  A family that names an act (``undone_after =
true``: a shared analysis, help set up, direction held or passed on) is also undone by words right
after it in its clause, as Dutch puts them: "een brede analyse wordt niet gemaakt", "wordt voor
later op de lijst gezet", "is postponed".

A word in a description supports a pattern; detectors use it beside the structure of the
timeline (who, when, which type), never instead of it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Case, Event

LANGUAGES = ("nl", "en")
_GAP = r"(?:\w+\W+){0,4}?"
_WORD = re.compile(r"\w+", re.UNICODE)
# Accents of emphasis and of spelling ("níet", "wél", "beëindigd") read as the plain letter, one
# letter for one, so that positions in the text stay where they were.
_PLAIN = str.maketrans("áàâäéèêëíìîïóòôöúùûü", "aaaaeeeeiiiioooouuuu")


def _fold(text: str) -> str:
    folded = text.casefold()
    return folded if folded.isascii() else folded.translate(_PLAIN)  # the accents are not ASCII


_LETTERS = re.compile(r"[^\W_]+")  # a word of letters and digits, as \b sees its ends


def _phrase_pattern(phrase: str) -> str:
    """A regular expression for one phrase: whole words, ``word*`` a word start, ``...`` up to
    four words in between."""
    pattern, gap = "", False
    for word in _fold(phrase).split():
        if word == "...":
            gap = True
            continue
        if word.endswith("*"):
            part = r"\b" + re.escape(word[:-1]) + r"\w*"
        else:
            part = (r"\b" if word[0].isalnum() else "") + re.escape(word)
            part += r"\b" if word[-1].isalnum() else ""
        if pattern:
            pattern += r"\W+" + (_GAP if gap else "")
        pattern, gap = pattern + part, False
    return pattern


def _key_word(phrase: str) -> tuple[str, bool] | None:
    """A word a text must hold for ``phrase`` to match in it: its longest word of letters and
    digits alone (the rarest, roughly), and whether only as the start of a word (``word*``).  None
    when it has no such word (then every text is looked through)."""
    words = [
        (token.rstrip("*"), token.endswith("*"))
        for token in _fold(phrase).split()
        if _LETTERS.fullmatch(token.rstrip("*"))
    ]
    return max(words, key=lambda w: len(w[0])) if words else None


@dataclass(frozen=True, slots=True)
class _Openings:
    """The key words of a family's phrases (:func:`_key_word`): whole words, starts of words, and
    whether some phrase has none (then every text is looked through)."""

    words: frozenset[str]
    starts: frozenset[str]
    always: bool

    @classmethod
    def of(cls, phrases: Sequence[str]) -> _Openings:
        firsts = [_key_word(p) for p in phrases]
        return cls(
            frozenset(w for f in firsts if f and not f[1] for w in f[:1]),
            frozenset(f[0] for f in firsts if f and f[1]),
            any(f is None for f in firsts),
        )


class _KeyIndex:
    """Which families a text can hold, from its words: every family's key words
    (:class:`_Openings`) indexed by word and by start of a word, so that a text is looked up once
    for all families instead of once per family."""

    def __init__(self, openings: Mapping[str, _Openings]) -> None:
        self.always = frozenset(name for name, o in openings.items() if o.always)
        self.by_word: dict[str, set[str]] = {}
        by_start: dict[str, set[str]] = {}
        for name, o in openings.items():
            for word in o.words:
                self.by_word.setdefault(word, set()).add(name)
            for start in o.starts:
                by_start.setdefault(start, set()).add(name)
        # starts of words by their first letters (as many as the shortest start has): a word is
        # compared with the few starts that begin as it does
        self.head = min((len(s) for s in by_start), default=1)
        self.by_head: dict[str, list[tuple[str, set[str]]]] = {}
        for start, names in by_start.items():
            self.by_head.setdefault(start[: self.head], []).append((start, names))
        self._of_piece = _PieceFamilies(self)  # families per piece of text (:meth:`families`)

    def families(self, folded: str) -> set[str]:
        """The families with a key word among the words of ``folded``, as a whole word (or a
        start of a word, for ``word*``), and those that every text may hold.  Read per piece of
        the text between white space (no word spans white space), from a memo."""
        return set(self.always).union(*map(self._of_piece.__getitem__, folded.split()))

    def word_families(self, word: str) -> set[str]:
        """The families ``word`` is a key word of."""
        names = set(self.by_word.get(word, ()))
        for start, more in self.by_head.get(word[: self.head], ()):
            if word.startswith(start):
                names |= more
        return names


class _PieceFamilies(dict[str, frozenset[str]]):
    """Per piece of text between white space ("ouders", "(moeder)."), the families its words
    (``\\w+``) are key words of, each piece looked up once when first met: descriptions share
    most of their words (up to :data:`_WORDS_KEPT` pieces, then anew)."""

    def __init__(self, index: _KeyIndex) -> None:
        super().__init__()
        self._index = index

    def __missing__(self, piece: str) -> frozenset[str]:
        names: set[str] = set()
        for word in _WORD.findall(piece):
            names |= self._index.word_families(word)
        if len(self) >= _WORDS_KEPT:
            self.clear()
        found = self[piece] = frozenset(names)
        return found


_WORDS_KEPT = 65536  # pieces whose families are kept (a case has a few hundred different ones)


@dataclass(slots=True)
class _Reading:
    """A text as the lexicon reads it: folded (:func:`_fold`), the families it may hold
    (:meth:`_KeyIndex.families`) and, per family asked about, the matches found.  Detectors ask
    about the same descriptions many times; each family is looked for in a text once."""

    folded: str
    possible: set[str]
    found: dict[str, tuple[Match, ...]]


_READINGS_KEPT = 1024  # texts read and kept (a case holds a few hundred); then the memo starts over


@dataclass(frozen=True)
class Match:
    """A phrase of a family found in a text, not negated: the family, the words found and where."""

    family: str
    words: str
    start: int


@dataclass(frozen=True)
class _Negation:
    words: tuple[str, ...]
    window: int
    breaks: re.Pattern[str]


@dataclass(frozen=True)
class _Undoing:
    """Words after an act's phrase that undo it, within ``window`` words in the same clause."""

    words: re.Pattern[str] | None
    window: int
    breaks: re.Pattern[str]


def _breaks(breaks: Sequence[str]) -> re.Pattern[str]:
    """Where a clause ends: a mark, or one of the words."""
    word_breaks = [re.escape(b) for b in breaks if b[0].isalnum()]
    marks = "".join(re.escape(b) for b in breaks if not b[0].isalnum())
    return re.compile(
        rf"[{marks}]|\b(?:{'|'.join(word_breaks)})\b" if word_breaks else rf"[{marks}]"
    )


class Lexicon:
    """The phrase families of both languages, compiled once."""

    def __init__(self, tables: Sequence[dict]) -> None:
        families: dict[str, list[str]] = {}
        negators: list[str] = []
        breaks: list[str] = []
        undoers: list[str] = []
        after_breaks: list[str] = []
        window = after_window = 0
        self.undone_after: set[str] = set()
        for table in tables:
            for name, family in table.get("families", {}).items():
                families.setdefault(name, []).extend(family["phrases"])
                if family.get("undone_after"):
                    self.undone_after.add(name)
            negation = table.get("negation", {})
            negators += negation.get("words", [])
            breaks += negation.get("clause_breaks", [])
            window = max(window, int(negation.get("window", 0)))
            undoers += negation.get("after_words", [])
            after_breaks += negation.get("after_clause_breaks", [])
            after_window = max(after_window, int(negation.get("after_window", 0)))
        self.families = {name: tuple(phrases) for name, phrases in families.items()}
        self._patterns = {
            name: re.compile("|".join(f"(?:{_phrase_pattern(p)})" for p in phrases))
            for name, phrases in self.families.items()
        }
        # a family is looked for only in a text that holds the key word of one of its phrases
        self._keys = _KeyIndex({name: _Openings.of(ph) for name, ph in self.families.items()})
        self._readings: dict[str, _Reading] = {}
        self._negation = _Negation(tuple(_fold(n) for n in negators), window, _breaks(breaks))
        self._undoing = _Undoing(
            re.compile("|".join(_phrase_pattern(u) for u in undoers)) if undoers else None,
            after_window,
            _breaks([*breaks, *after_breaks]),
        )

    def family(self, name: str) -> tuple[str, ...]:
        return self.families[name]

    def _negated(self, text: str, start: int) -> bool:
        """Whether a negation stands within ``window`` words before ``start``, in the same
        clause."""
        before = text[:start]
        clause = self._negation.breaks.split(before)[-1] if before else ""
        words = _WORD.findall(clause)
        window = self._negation.window
        for negator in self._negation.words:
            # a negation of several words may reach as far as its last word is within the window
            reach = window + len(_WORD.findall(negator)) - 1
            recent = " ".join(words[-reach:]) if window else ""
            if re.search(rf"\b{re.escape(negator)}\b", recent):
                return True
        return False

    def _undone(self, text: str, end: int) -> bool:
        """Whether words that undo an act stand within the window after ``end``, in the same
        clause ("wordt niet gemaakt", "wordt uitgesteld", "is postponed")."""
        undoing = self._undoing
        if undoing.words is None or not undoing.window:
            return False
        clause = undoing.breaks.split(text[end:], maxsplit=1)[0]
        near = " ".join(_WORD.findall(clause)[: undoing.window])
        return undoing.words.search(near) is not None

    def _counts(self, family: str, text: str, found: re.Match[str]) -> bool:
        if self._negated(text, found.start()):
            return False
        return family not in self.undone_after or not self._undone(text, found.end())

    def _read(self, text: str) -> _Reading:
        """A new reading of ``text``, kept (up to :data:`_READINGS_KEPT` texts)."""
        if len(self._readings) >= _READINGS_KEPT:
            self._readings.clear()
        folded = _fold(text)
        reading = self._readings[text] = _Reading(folded, self._keys.families(folded), {})
        return reading

    def _look(self, reading: _Reading, family: str) -> tuple[Match, ...]:
        """Every phrase of ``family`` in the text read that is not negated, kept in the reading (a
        family the text may hold: :meth:`matches`)."""
        pattern, folded = self._patterns[family], reading.folded
        found = reading.found[family] = tuple(
            Match(family, m.group(0), m.start())
            for m in pattern.finditer(folded)
            if self._counts(family, folded, m)
        )
        return found

    def matches(self, text: str, family: str) -> tuple[Match, ...]:
        """Every phrase of ``family`` in ``text`` (not empty) that is not negated, as kept (no
        copy: :meth:`find_all` gives a list).  Most families asked about a text cannot be in it
        (none of their key words is): that answer needs no memo and no pattern."""
        reading = self._readings.get(text) or self._read(text)
        if family not in reading.possible:
            if family not in self._patterns:
                raise KeyError(family)
            return ()
        found = reading.found.get(family)
        return found if found is not None else self._look(reading, family)

    def find(self, text: str | None, family: str) -> Match | None:
        """The first phrase of ``family`` in ``text`` that is not negated, or None."""
        if not text:
            return None
        found = self.matches(text, family)
        return found[0] if found else None

    def find_all(self, text: str | None, family: str) -> list[Match]:
        """Every phrase of ``family`` in ``text`` that is not negated."""
        return list(self.matches(text, family)) if text else []

    def says(self, event: Event, family: str, *, goal: bool = False) -> Match | None:
        """A phrase of ``family`` in the event's description (and, with ``goal``, first its
        ``doel``)."""
        if goal and event.goal and (in_goal := self.matches(event.goal, family)):
            return in_goal[0]
        found = self.matches(event.description, family) if event.description else ()
        return found[0] if found else None

    def any_of(self, event: Event, families: Iterable[str]) -> Match | None:
        return next((m for f in families if (m := self.says(event, f))), None)


@cache
def lexicon(languages: tuple[str, ...] = LANGUAGES) -> Lexicon:
    """The lexicon of ``languages`` (both by default), read once."""
    folder = resources.files("retro") / "lexicon"
    return Lexicon(
        [tomllib.loads((folder / f"{lang}.toml").read_text("utf-8")) for lang in languages]
    )


def child_names(case: Case) -> tuple[str, ...]:
    """How the case's children are written in descriptions: their ids and the first word of their
    names (at least three letters)."""
    names: list[str] = []
    for actor in case.actors:
        if actor.role == "child":
            names.append(actor.id)
            first = (actor.name or "").split()
            if first and len(first[0].strip(",()")) >= 3:
                names.append(first[0].strip(",()"))
    return tuple(dict.fromkeys(names))


def names_a_child(text: str, case: Case, words: Lexicon) -> bool:
    """Whether ``text`` names a child: a word for a child, or a child's id or first name."""
    if words.find(text, "child_words"):
        return True
    folded = text.casefold()
    return any(
        re.search(rf"\b{re.escape(name.casefold())}\b", folded) for name in child_names(case)
    )


def children_named(text: str, case: Case) -> list[str]:
    """The ids of the children whose id or first name the text names."""
    folded = text.casefold()
    found = []
    for actor in case.actors:
        if actor.role != "child":
            continue
        names = [actor.id, *(actor.name or "").split()[:1]]
        if any(
            len(n.strip(",()")) >= 3
            and re.search(rf"\b{re.escape(n.strip(',()').casefold())}\b", folded)
            for n in names
        ):
            found.append(actor.id)
    return found


def child_before(text: str, position: int, case: Case, words: Lexicon) -> bool:
    """Whether a child (a child's id or name, or a word for a child) is named before ``position``
    in the same sentence: the child is then the one the phrase at ``position`` is about."""
    sentence = re.split(r"[.!?;:]", text[:position].casefold())[-1]
    if words.find(sentence, "child_words"):
        return True
    return any(
        re.search(rf"\b{re.escape(name.casefold())}\b", sentence) for name in child_names(case)
    )
