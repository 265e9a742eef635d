"""The triangle of involved parties (the Contactherstel module): the referrer at the top (holds
direction and takes a position), the therapists and the parents at the base, the child in the
middle.

Which roles sit at which corner is one setting, ``[analysis.stagnation] triangle``.  The
``stagnation`` detector (which sides were at the table when the case stuck) and the report's
triangle section both place actors through :func:`corner_actors`, so they always agree.
A side is named after its two corners in the order of :data:`CORNERS`: ``referrer_parents``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import combinations

from ..config import TriangleCorners
from ..model import Case, Event

CORNERS = ("referrer", "parents", "therapists", "child")
# the three sides of the triangle itself (the child is in the middle, not on a side)
SIDES = (("referrer", "therapists"), ("referrer", "parents"), ("parents", "therapists"))


def side_key(a: str, b: str) -> str:
    """``referrer_parents``: the two corners in the order of :data:`CORNERS`."""
    first, second = sorted((a, b), key=CORNERS.index)
    return f"{first}_{second}"


def corner_actors(case: Case, corners: TriangleCorners) -> dict[str, set[str]]:
    """Actor ids at each corner (and in the middle, ``child``), by role."""
    return {
        corner: {a.id for a in case.actors if a.role in getattr(corners, corner)}
        for corner in CORNERS
    }


def sides_at_table(
    case: Case, events: Iterable[Event], corners: TriangleCorners
) -> tuple[str, ...]:
    """Sides (``referrer_parents``...) whose two corners took part together in one of ``events``, in
    order of appearance."""
    corner_of = {
        actor: corner for corner, actors in corner_actors(case, corners).items() for actor in actors
    }
    sides: dict[str, None] = {}
    for event in events:
        present = {corner_of[a] for a in event.participants if a in corner_of}
        for a, b in combinations([c for c in CORNERS if c in present], 2):
            sides[side_key(a, b)] = None
    return tuple(sides)
