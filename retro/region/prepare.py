"""``python -m retro.region.prepare``: build deduce's lookup tables once, at set-up (``./dev``).

The regional export scrubs lessons with deduce, whose tables take minutes to build the first
time; building them at set-up keeps that wait out of a facilitator's first export.
"""

from .scrub import prepare

if __name__ == "__main__":
    prepare()
