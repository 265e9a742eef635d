"""Build the sample workbooks from their readable sources.

    python scripts/build_samples.py            # sample_cases/src/*.toml -> sample_cases/*.xlsx
    python scripts/build_samples.py OUTDIR     # build into another folder (used by the tests)

Sources are TOML files whose keys are the Dutch sheet names (lower case) and column headers; see
sample_cases/README.md."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from retro.workbook.blank import write_template  # noqa: E402

SOURCES = ROOT / "sample_cases" / "src"


def build(source: Path, folder: Path) -> Path:
    content = tomllib.loads(source.read_text("utf-8"))
    return write_template(folder / f"{source.stem}.xlsx", "nl", content=content)


def main(folder: Path) -> None:
    for source in sorted(SOURCES.glob("*.toml")):
        build(source, folder)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "sample_cases")
