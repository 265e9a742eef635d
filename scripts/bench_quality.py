"""How true and complete the flags are on labelled cases nobody on the team wrote: the dev set.

``../shared/devset/`` (beside the repository) holds six fictional cases, each written in another
style, with hand-written labels and a scorer: per pattern case-level precision and recall,
ad-hoc decisions per event, parallel dynamics per professional, evidence misses and false claims.
This benchmark builds the workbooks into a temporary folder and runs the scorer on ``retro
analyse``; it prints the scorer's table and its SUMMARY line.  The dev set is for finding general
causes, not for tuning: a hidden set written by others measures the same figures.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def run() -> None:
    if not (DEVSET / "score.py").exists():
        print(f"quality: no dev set at {DEVSET}")
        return
    retro_cli = f"{sys.executable} -m retro"
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [sys.executable, str(DEVSET / "make_devset.py"), folder],
            check=True,
            capture_output=True,
        )
        scored = subprocess.run(
            [sys.executable, str(DEVSET / "score.py"), retro_cli, folder, "--verbose"],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
    table = scored.stdout.split("\npattern ", 1)
    print("quality: the dev set, scored\npattern " + table[1] if len(table) == 2 else scored.stdout)
    if scored.returncode:
        print(scored.stderr, file=sys.stderr)
