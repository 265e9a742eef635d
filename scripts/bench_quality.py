"""How true and complete the flags are on labelled cases: the dev set and the blind set.

``../shared/devset/`` (beside the repository) holds six fictional cases, each written in another
style, with hand-written labels and a scorer: per pattern case-level precision and recall,
ad-hoc decisions per event, parallel dynamics per professional, evidence misses and false claims.
``tests/blindset/cases/`` holds eighteen more, written in the same format by three authors who had not read
retro's code (see its README).  This benchmark builds each set's workbooks into a temporary folder
with the dev set's own ``make_devset.py`` and runs its ``score.py`` on ``retro analyse``; it prints
each set's table and SUMMARY line.  The sets are for finding general causes, not for tuning: a
hidden set written by others measures the same figures.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
BLINDSET = ROOT / "tests" / "blindset" / "cases"


def _score(name: str, scripts: Path) -> None:
    """Build the workbooks of the set whose scripts and ``cases/`` are in ``scripts`` and score
    them."""
    retro_cli = f"{sys.executable} -m retro"
    with tempfile.TemporaryDirectory() as folder:
        built = subprocess.run(
            [sys.executable, str(scripts / "make_devset.py"), folder],
            capture_output=True,
            text=True,
        )
        if built.returncode:
            print(f"quality: the {name} could not be built\n{built.stdout}{built.stderr}")
            return
        scored = subprocess.run(
            [sys.executable, str(scripts / "score.py"), retro_cli, folder, "--verbose"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    table = scored.stdout.split("\npattern ", 1)
    print(f"quality: the {name}, scored\npattern " + table[1] if len(table) == 2 else scored.stdout)
    if scored.returncode:
        print(scored.stderr, file=sys.stderr)


def run() -> None:
    if not (DEVSET / "score.py").exists():
        print(f"quality: no dev set at {DEVSET}")
        return
    _score("dev set", DEVSET)
    with tempfile.TemporaryDirectory() as folder:
        scripts = Path(folder)
        for script in ("make_devset.py", "score.py"):
            shutil.copy(DEVSET / script, scripts / script)
        shutil.copytree(BLINDSET, scripts / "cases")
        _score("blind set", scripts)


if __name__ == "__main__":
    run()
