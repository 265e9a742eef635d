"""The hand-written half of scrubbing: what a case itself tells us to remove, and patterns.

Text is scrubbed as *parts*: a tuple of plain strings and :class:`Placeholder` s.  Each rule only
looks at the plain strings and replaces what it finds by a placeholder, so a placeholder is never
scrubbed twice and is rendered in the reader's language at the end.

* :func:`known_identifiers` collects, per case, what must go: actor ids and names
  (whole and in parts), organisations (whole and word by word, in any case: "de regenboog"),
  the title, the facilitator, the municipality, the region and the words of the file name.  An
  id or name part that is a domain word (``[region] keep_words``: ``Moeder``, ``School``,
  ``JB``) is a word, not an identity, and stays.
  :func:`remove_known` removes them exactly.
* Before that, :func:`remove_contacts` removes e-mail addresses and links (a name may be
  part of one) and :func:`remove_patterns` what looks like a phone number, an IBAN, a
  postcode, a street address, a date, a year, a BSN or any longer number, so that these
  go as a whole.
* :func:`remove_capitalised` runs after deduce: a capitalised word in the middle of a
  sentence that is not a known domain word (``[region] keep_words``) is taken for a name,
  and so is a word that mixes letters and digits.  It errs on removing too much.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from ..model import Case

PLACEHOLDER_KINDS = (
    "role",
    "name",
    "organisation",
    "place",
    "address",
    "date",
    "phone",
    "email",
    "bsn",
    "number",
    "url",
    "age",
    "other",
)


@dataclass(frozen=True, slots=True)
class Placeholder:
    """What was removed: a kind, and for an actor its role (``parent``) and number among its role
    (1, 2)."""

    kind: str
    role: str | None = None
    number: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in PLACEHOLDER_KINDS:
            raise ValueError(f"unknown placeholder kind {self.kind!r}")
        if (self.kind == "role") != (self.role is not None):
            raise ValueError("a role placeholder, and only a role placeholder, names a role")


Part = str | Placeholder
Parts = tuple[Part, ...]
NAME = Placeholder("name")

_WORD = re.compile(r"[^\W\d_](?:[\w'’]*[^\W_])?")
_SPLIT = re.compile(r"[\s,;:()\[\]{}/\\._+\-–—\"“”'‘’]+")


def replace_matches(
    parts: Iterable[Part],
    pattern: re.Pattern[str],
    placeholder_of: Callable[[re.Match[str]], Placeholder | None],
) -> Parts:
    """Every match of ``pattern`` in the plain strings replaced by ``placeholder_of(match)`` (None
    keeps it)."""
    out: list[Part] = []
    for part in parts:
        if isinstance(part, Placeholder):
            out.append(part)
            continue
        position = 0
        for match in pattern.finditer(part):
            placeholder = placeholder_of(match)
            if placeholder is None or match.end() == match.start():
                continue
            out.extend(p for p in (part[position : match.start()], placeholder) if p != "")
            position = match.end()
        if position < len(part):
            out.append(part[position:])
    return tuple(out)


@dataclass(frozen=True)
class Identifiers:
    """What one case tells us to remove: terms matched ignoring case, and terms matched as
    written."""

    any_case: dict[str, Placeholder]  # casefolded term -> placeholder
    as_written: dict[str, Placeholder]  # term as written -> placeholder

    def pattern(self, terms: Iterable[str], flags: int = 0) -> re.Pattern[str] | None:
        ordered = sorted(set(terms), key=lambda t: (-len(t), t))
        if not ordered:
            return None
        return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)", flags)

    @cached_property
    def any_case_pattern(self) -> re.Pattern[str] | None:
        """The pattern of :attr:`any_case`, made once per case (every lesson field uses it)."""
        return self.pattern(self.any_case, re.IGNORECASE)

    @cached_property
    def as_written_pattern(self) -> re.Pattern[str] | None:
        return self.pattern(self.as_written)


def _words(text: str | None) -> list[str]:
    return [w for w in _SPLIT.split(text or "") if w]


def _role_placeholders(case: Case) -> dict[str, Placeholder]:
    per_role: dict[str, int] = {}
    for actor in case.actors:
        per_role[actor.role] = per_role.get(actor.role, 0) + 1
    seen: dict[str, int] = {}
    out = {}
    for actor in case.actors:
        seen[actor.role] = seen.get(actor.role, 0) + 1
        number = seen[actor.role] if per_role[actor.role] > 1 else None
        out[actor.id] = Placeholder("role", actor.role, number)
    return out


def known_identifiers(case: Case, keep_words: Iterable[str], file_stem: str = "") -> Identifiers:
    """Everything of this case that names someone or something: ids, names, organisations, title,
    file name."""
    keep = {w.casefold() for w in keep_words}
    any_case: dict[str, Placeholder] = {}
    as_written: dict[str, Placeholder] = {}

    def add_any(term: str | None, placeholder: Placeholder, min_length: int = 2) -> None:
        term = (term or "").strip()
        if len(term) >= min_length and term.casefold() not in keep:
            any_case.setdefault(term.casefold(), placeholder)

    def add_capitalised_words(text: str | None, placeholder: Placeholder) -> None:
        for word in _words(text):
            if word[0].isupper() and len(word) >= 2 and word.casefold() not in keep:
                as_written.setdefault(word, placeholder)

    meta = case.meta
    for place in (meta.municipality, meta.region):  # before organisations: "Gemeente Hengelo"
        add_any(place, Placeholder("place"))
        add_capitalised_words(place, Placeholder("place"))
    roles = _role_placeholders(case)
    for actor in case.actors:
        role = roles[actor.id]
        if (
            actor.id.casefold() not in keep
        ):  # an id such as "Moeder" or "School" is a word, not an identity
            any_case[actor.id.casefold()] = role
        if actor.name:
            any_case[actor.name.strip().casefold()] = role
            for word in _words(actor.name):
                add_any(word, NAME)
        if actor.organisation:  # "de regenboog", "karakter": in any case, whole and word by word
            any_case.setdefault(actor.organisation.strip().casefold(), Placeholder("organisation"))
            for word in _words(actor.organisation):
                add_any(word, Placeholder("organisation"), min_length=3)
    for word in _words(meta.facilitator):
        add_any(word, NAME)
    add_capitalised_words(meta.title, NAME)
    for word in _words(file_stem):
        if word.isalpha():
            add_any(word, NAME, min_length=3)
    return Identifiers(any_case, as_written)


def remove_known(parts: Parts, identifiers: Identifiers) -> Parts:
    """The case's own ids, names, organisations and title words replaced, longest first."""
    pattern = identifiers.any_case_pattern
    if pattern is not None:
        parts = replace_matches(
            parts, pattern, lambda m: identifiers.any_case[m.group(0).casefold()]
        )
    pattern = identifiers.as_written_pattern
    if pattern is not None:
        parts = replace_matches(parts, pattern, lambda m: identifiers.as_written[m.group(0)])
    return parts


_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "january|february|march|june|july|august|october"
)
_MONTH_ABBREVIATIONS = "jan|feb|mrt|mar|apr|may|jun|jul|aug|sep|sept|okt|oct|nov|dec"
_STREET = (
    "straat|laan|weg|plein|singel|gracht|kade|dijk|dreef|pad|hof|steeg|markt|park|baan|ring|erf|wal"
    "|street|road|lane|avenue"
)
_I = re.IGNORECASE

# (pattern, placeholder kind), applied in this order: the longer structures before the numbers
# inside them.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, flags), kind)
    for p, flags, kind in (
        (r"(?<![\w+])(?:\+|00)\s?\d{2}[\s.-]?(?:\(0\)\s?)?\d(?:[\s.-]?\d){7,10}(?!\d)", 0, "phone"),
        (r"(?<!\w)0\d(?:[\s.-]?\d){8}(?!\d)", 0, "phone"),
        (r"\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b", _I, "number"),
        (r"\b[^\W\d_][\w'’-]*?(?:" + _STREET + r")\s+\d+(?:\s?[a-z]\b|-\d+)?", _I, "address"),
        (r"\b\d{4}\s?[A-Z]{2}\b|\b\d{4}[a-z]{2}\b", 0, "address"),
        (
            r"\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[-/]\d{4}\b",
            0,
            "date",
        ),
        (r"\b(?:\d{1,2}\s+)?(?:" + _MONTHS + r")\b(?:\s+\d{4}\b)?", _I, "date"),
        (
            r"\b(?:\d{1,2}\s+(?:"
            + _MONTH_ABBREVIATIONS
            + r")\.?(?:\s+\d{4})?|(?:"
            + _MONTH_ABBREVIATIONS
            + r")\.?\s+\d{4})\b",
            _I,
            "date",
        ),
        (r"\b(?:19|20)\d{2}\b", 0, "date"),
        (r"(?<![\w.])\d(?:[\s.-]?\d){7,8}(?!\w)", 0, "bsn_or_number"),
        (r"\d(?:[\s.,-]?\d){2,}", 0, "number"),
    )
)


def is_bsn(digits: str) -> bool:
    """Whether nine digits pass the eleven test of a Dutch citizen service number (BSN)."""
    if len(digits) != 9 or not digits.isdigit():
        return False
    return sum(int(d) * f for d, f in zip(digits, (9, 8, 7, 6, 5, 4, 3, 2, -1))) % 11 == 0


def _pattern_placeholder(kind: str) -> Callable[[re.Match[str]], Placeholder]:
    if kind != "bsn_or_number":
        return lambda match: Placeholder(kind)
    return lambda match: Placeholder(
        "bsn" if is_bsn(re.sub(r"\D", "", match.group(0))) else "number"
    )


_TOP_DOMAINS = (
    "nl|com|org|net|eu|be|de|fr|uk|info|io|nu|frl|amsterdam|example|app|dev|online|site|xyz|gov"
    "|edu|biz|me|tv|co|ly|to|gl|email|link|click|top|shop|ru|cn"
)
_URL_END = r"[^\s<>\"'`]*"
_CONTACTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "email"),
    # a link in every form: any scheme (http:, https://, hxxp://, javascript:, data:, mailto:...),
    # a host after //, www., a dotted name with a path, a name under a common top-level domain
    (re.compile(r"(?<![\w.])[a-z][a-z0-9+.-]{1,15}:(?://)?[^\s<>\"'`]+", re.IGNORECASE), "url"),
    (re.compile(r"(?<![\w:/])//[^\s<>\"'`/]" + _URL_END), "url"),
    (re.compile(r"\bwww\." + _URL_END, re.IGNORECASE), "url"),
    (re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)+/" + _URL_END, re.IGNORECASE), "url"),
    (
        re.compile(
            r"\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:"
            + _TOP_DOMAINS
            + r")\b(?:/"
            + _URL_END
            + ")?",
            re.IGNORECASE,
        ),
        "url",
    ),
)


def remove_contacts(text: str) -> Parts:
    """E-mail addresses and links in every form replaced (before names, which may be part of
    them)."""
    parts: Parts = (text,)
    for pattern, kind in _CONTACTS:
        parts = replace_matches(parts, pattern, _pattern_placeholder(kind))
    return parts


def remove_patterns(parts: Parts) -> Parts:
    """Phone numbers, IBANs, addresses, dates, years, BSNs and longer numbers replaced."""
    for pattern, kind in _PATTERNS:
        parts = replace_matches(parts, pattern, _pattern_placeholder(kind))
    return parts


_OPENERS = "\"'“‘(*•-–—[ \t"
_MIXED = re.compile(r"\b(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]{3,}\b")
_INITIAL = re.compile(r"(?<!\w)[A-Z]\.(?:\s?[A-Z]\.)*")


def _starts_sentence(before: str, at_start: bool) -> bool:
    """Whether a word preceded by ``before`` (in the same plain string) opens a sentence."""
    gap = before.rstrip(_OPENERS)
    return at_start if gap == "" else gap[-1] in ".!?:;\n"


def remove_capitalised(
    parts: Parts, keep_words: Iterable[str], looks_like_name: Callable[[str], bool]
) -> Parts:
    """Capitalised words inside a sentence (and name-like words opening one) that are no domain
    words."""
    keep = {w.casefold() for w in keep_words}
    parts = replace_matches(parts, _MIXED, lambda m: Placeholder("number"))
    parts = replace_matches(parts, _INITIAL, lambda m: NAME)
    out: list[Part] = []
    at_start = True
    for part in parts:
        if isinstance(part, Placeholder):
            out.append(part)
            at_start = False
            continue

        def decide(
            match: re.Match[str], part: str = part, at_start: bool = at_start
        ) -> Placeholder | None:
            word = match.group(0)
            if not word[0].isupper() or word.casefold() in keep:
                return None
            if _starts_sentence(part[: match.start()], at_start):
                return NAME if looks_like_name(word) else None
            return NAME

        out.extend(replace_matches((part,), _WORD, decide))
        at_start = _starts_sentence(part, at_start)
    return tuple(out)


def merge_neighbours(parts: Parts) -> Parts:
    """Placeholders of one kind separated only by spaces become one (``[naam] [naam]`` ->
    ``[naam]``)."""
    out: list[Part] = []
    for part in parts:
        if (
            isinstance(part, Placeholder)
            and len(out) >= 2
            and out[-1] in (" ", "-")
            and out[-2] == part
        ):
            out.pop()
            continue
        if isinstance(part, Placeholder) and out and out[-1] == part:
            continue
        out.append(part)
    return tuple(out)
