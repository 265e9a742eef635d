"""Show that a change kept retro's behaviour: the outputs of the four sample cases, before and
after.

    python scripts/same_outputs.py write DIR     # run the CLI on the samples, keep normalised
    outputs in DIR python scripts/same_outputs.py compare A B   # exit 1 and name every file that
    differs

The outputs: ``retro validate``, ``retro analyse`` (text and ``--format json``, Dutch and English),
``retro report`` (Dutch and English) of every sample, and ``retro region`` of all four
(``regio.html``, and every cell of ``regio.xlsx``).  The generation date and time are the only parts
that may differ between two runs; they are replaced by a placeholder."""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_cases").glob("*.xlsx"))
RETRO = [sys.executable, "-m", "retro"]
_GENERATED = re.compile(
    r"\d{2}-\d{2}-\d{4}( \d{2}:\d{2}(:\d{2})?)?|\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?"
)


def _run(*args: str, progress: bool = False) -> str:
    """Exit status, stdout and stderr of one command (without progress bars, which carry
    timings)."""
    done = subprocess.run([*RETRO, *args], capture_output=True, text=True, cwd=ROOT)
    err = (
        "".join(line for line in done.stderr.splitlines(keepends=True) if "|" not in line)
        if progress
        else done.stderr
    )
    return f"exit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{err}"


def _today_free(text: str, today: set[str]) -> str:
    return _GENERATED.sub(lambda m: "<generated>" if m.group(0)[:10] in today else m.group(0), text)


def _xlsx_text(path: Path) -> str:
    book = openpyxl.load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"== {sheet.title}")
        lines += [repr(row) for row in sheet.iter_rows(values_only=True)]
    return "\n".join(lines) + "\n"


def write(folder: Path) -> None:
    from datetime import date

    day = date.today()
    today = {day.strftime("%d-%m-%Y"), day.isoformat()}
    folder.mkdir(parents=True, exist_ok=True)
    outputs: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for sample in SAMPLES:
            name = sample.stem
            outputs[f"{name}.validate.txt"] = _run("validate", str(sample))
            for lang in ("nl", "en"):
                outputs[f"{name}.analyse.{lang}.txt"] = _run("analyse", str(sample), "--lang", lang)
                outputs[f"{name}.analyse.{lang}.json"] = _run(
                    "analyse", str(sample), "--format", "json", "--lang", lang
                )
                html = Path(tmp) / f"{name}.{lang}.html"
                _run("report", str(sample), "-o", str(html), "--lang", lang)
                outputs[f"{name}.report.{lang}.html"] = html.read_text("utf-8")
        region = Path(tmp) / "regio"
        outputs["region.stdout.txt"] = _run(
            "region", str(ROOT / "sample_cases"), "-o", str(region), progress=True
        ).replace(tmp, "<tmp>")
        outputs["regio.html"] = (region / "regio.html").read_text("utf-8")
        outputs["regio.xlsx.txt"] = _xlsx_text(region / "regio.xlsx")
    for name, text in outputs.items():
        (folder / name).write_text(_today_free(text.replace(str(ROOT), "<root>"), today), "utf-8")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.iterdir()} | {p.name for p in after.iterdir()})
    differing = 0
    for name in names:
        a, b = before / name, after / name
        old = a.read_text("utf-8").splitlines() if a.exists() else []
        new = b.read_text("utf-8").splitlines() if b.exists() else []
        if old != new:
            differing += 1
            print(f"DIFFERS {name}")
            print("\n".join(list(difflib.unified_diff(old, new, lineterm="", n=1))[:30]))
    print(f"{len(names) - differing} of {len(names)} outputs identical")
    return 1 if differing else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["write"] and len(sys.argv) == 3:
        write(Path(sys.argv[2]))
    elif sys.argv[1:2] == ["compare"] and len(sys.argv) == 4:
        sys.exit(compare(Path(sys.argv[2]), Path(sys.argv[3])))
    else:
        sys.exit(__doc__)
