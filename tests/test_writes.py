"""Writing outputs (issue 14, defects 4 and 8): never over an input or a file retro did not make
(without --force), never half a file: a full or read-only disk is exit 2 with a sentence and leaves
the old output as it was; Ctrl-C leaves the old outputs and no temporary files; the regional pair
is replaced together or not at all.

A full or read-only disk is a real one: a small tmpfs mounted in a user and mount namespace of its
own (``unshare -rm``), so the tests need no root."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import retro.region.export as export_module
from retro.errors import OutputError
from retro.files import replacing
from tests.conftest import ROOT, SAMPLES, run_cli
from tests.workbooks import valid_sheets, write_workbook

HENGELO = SAMPLES / "hengelo.xlsx"
# runs inside the namespace: mount the disk, put the old files on it, run retro, report what is there
_INSIDE = r"""
import hashlib, json, os, shutil, subprocess, sys
disk, size, read_only, old, args = sys.argv[1], sys.argv[2], sys.argv[3] == "ro", json.loads(sys.argv[4]), json.loads(sys.argv[5])
subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", disk], check=True)
for name, source in old.items():
    os.makedirs(os.path.dirname(os.path.join(disk, name)), exist_ok=True)
    shutil.copyfile(source, os.path.join(disk, name))
if read_only:
    subprocess.run(["mount", "-o", f"remount,ro,size={size}", disk], check=True)
else:  # fill the disk, so that the new output cannot be written
    try:
        with open(os.path.join(disk, "filler"), "wb", buffering=0) as filler:
            while True:
                filler.write(b"x" * 4096)
    except OSError:
        pass
run = subprocess.run([sys.executable, "-m", "retro", *args], capture_output=True, text=True, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
files = {}
for folder, _, names in os.walk(disk):
    for name in names:
        path = os.path.join(folder, name)
        files[os.path.relpath(path, disk)] = hashlib.sha256(open(path, "rb").read()).hexdigest()
print(json.dumps({"code": run.returncode, "stdout": run.stdout, "stderr": run.stderr, "files": files}))
"""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def on_small_disk(
    tmp_path: Path, args: list[str], old: dict[str, Path], *, read_only: bool = False
) -> dict:
    """Run ``retro args`` (``{disk}`` in them is the disk) with ``old`` files on a disk that is full
    (or read-only); return its exit code, output and the files left on the disk with their hashes."""
    if shutil.which("unshare") is None:
        pytest.skip("unshare is not installed")
    disk = tmp_path / "disk"
    disk.mkdir()
    args = [a.replace("{disk}", str(disk)) for a in args]
    olds = json.dumps({name: str(path) for name, path in old.items()})
    command = ["unshare", "-rm", sys.executable, "-c", _INSIDE, str(disk), "24m"]
    command += ["ro" if read_only else "rw", olds, json.dumps(args)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=300)
    if result.returncode != 0 and "Operation not permitted" in result.stderr:
        pytest.skip("no user namespaces here: " + result.stderr.strip()[-200:])
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_refused(outcome: dict, sentence: str) -> None:
    assert outcome["code"] == 2, outcome
    assert "Traceback" not in outcome["stderr"]
    assert "Fout: " in outcome["stderr"] and sentence in outcome["stderr"], outcome["stderr"]


def no_temporaries(files) -> bool:
    return not any(name.endswith((".retro-tmp", ".part")) for name in map(str, files))


def test_report_never_writes_over_its_own_workbook(tmp_path: Path) -> None:
    """Defect 4: ``-o same.xlsx`` replaced the case workbook with HTML and exited 0."""
    case = tmp_path / "same.xlsx"
    shutil.copyfile(HENGELO, case)
    before = _sha(case)
    for target in ("same.xlsx", "./same.xlsx"):
        result = run_cli("report", case, "-o", tmp_path / target, "--force")
        assert result.returncode == 2, result.stderr
        assert "ook de invoer van deze opdracht" in result.stderr
        assert _sha(case) == before


def test_report_writes_over_its_own_earlier_report_but_not_over_other_files(tmp_path: Path) -> None:
    notes = tmp_path / "aantekeningen.html"
    notes.write_text("<p>mijn eigen aantekeningen</p>", encoding="utf-8")
    refused = run_cli("report", HENGELO, "-o", notes)
    assert refused.returncode == 2 and "niet door retro gemaakt" in refused.stderr
    assert "--force" in refused.stderr and "Traceback" not in refused.stderr
    assert notes.read_text(encoding="utf-8") == "<p>mijn eigen aantekeningen</p>"
    report = tmp_path / "rapport.html"
    for _ in range(2):  # the second time over the report of the first
        result = run_cli("report", HENGELO, "-o", report)
        assert result.returncode == 0, result.stderr
    assert b'<meta name="generator" content="retro">' in report.read_bytes()[:2000]
    forced = run_cli("report", HENGELO, "-o", notes, "--force")
    assert forced.returncode == 0, forced.stderr
    assert notes.read_bytes().startswith(b"<!DOCTYPE html>")
    assert no_temporaries(p.name for p in tmp_path.iterdir())


def test_report_on_a_full_disk_leaves_the_old_report(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    assert run_cli("report", HENGELO, "-o", old).returncode == 0
    outcome = on_small_disk(
        tmp_path, ["report", str(HENGELO), "-o", "{disk}/rapport.html"], {"rapport.html": old}
    )
    assert_refused(outcome, "de schijf is vol")
    assert outcome["files"]["rapport.html"] == _sha(old)
    assert no_temporaries(outcome["files"])


def test_report_on_a_read_only_disk_leaves_the_old_report(tmp_path: Path) -> None:
    old = tmp_path / "old.html"
    assert run_cli("report", HENGELO, "-o", old).returncode == 0
    outcome = on_small_disk(
        tmp_path,
        ["report", str(HENGELO), "-o", "{disk}/rapport.html"],
        {"rapport.html": old},
        read_only=True,
    )
    assert_refused(outcome, "alleen-lezen")
    assert outcome["files"] == {"rapport.html": _sha(old)}


@pytest.mark.parametrize("read_only", [False, True])
def test_template_on_a_full_or_read_only_disk_leaves_no_empty_file(
    tmp_path: Path, read_only: bool
) -> None:
    outcome = on_small_disk(tmp_path, ["template", "{disk}/nieuw.xlsx"], {}, read_only=read_only)
    assert_refused(outcome, "alleen-lezen" if read_only else "de schijf is vol")
    assert "nieuw.xlsx" not in outcome["files"]
    assert no_temporaries(outcome["files"])


def lessonless_cases(tmp_path: Path, count: int = 6) -> Path:
    """A folder of small cases without lessons: no deduce to load, so an export takes seconds."""
    folder = tmp_path / "cases"
    folder.mkdir(exist_ok=True)
    for n in range(count):
        sheets = valid_sheets()
        sheets["Tijdlijn"][3][5] = f"Besluit over omgang, ronde {n}."
        write_workbook(folder / f"casus-{n}.xlsx", sheets)
    return folder


def _region_pair(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "old-region"
    result = run_cli("region", lessonless_cases(tmp_path), "-o", out)
    assert result.returncode == 0, result.stderr
    return out / "regio.xlsx", out / "regio.html"


def test_region_on_a_full_disk_leaves_the_old_pair(tmp_path: Path) -> None:
    xlsx, html = _region_pair(tmp_path)
    outcome = on_small_disk(
        tmp_path,
        ["region", str(lessonless_cases(tmp_path)), "-o", "{disk}/regio"],
        {"regio/regio.xlsx": xlsx, "regio/regio.html": html},
    )
    assert_refused(outcome, "de schijf is vol")
    assert outcome["files"]["regio/regio.xlsx"] == _sha(xlsx)
    assert outcome["files"]["regio/regio.html"] == _sha(html)
    assert no_temporaries(outcome["files"])


def test_an_interrupted_regional_export_leaves_the_old_pair(tmp_path: Path, monkeypatch) -> None:
    """Ctrl-C after the workbook is written and before the page is: both old files stay."""
    from retro.region import export_region

    out, cases = tmp_path / "regio", lessonless_cases(tmp_path)
    export_region([cases], out)
    before = {p.name: _sha(p) for p in out.iterdir()}

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("retro.region.html.write_region_html", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export_region([cases], out)
    assert {p.name: _sha(p) for p in out.iterdir()} == before
    assert export_module.XLSX_NAME in before


def _min_count_of(xlsx: Path, html: Path) -> tuple[int, int]:
    """The smallest shown count each file of a pair says it was made with."""
    import openpyxl

    cover = openpyxl.load_workbook(xlsx).worksheets[0]
    label = "Kleinste getoonde aantal"
    in_xlsx = next(row[1] for row in cover.iter_rows(values_only=True) if row[0] == label)
    in_html = re.search(r"<strong>(\d+)</strong>" + label, html.read_text(encoding="utf-8"))
    assert in_html is not None
    return int(in_xlsx), int(in_html.group(1))


def test_ctrl_c_at_any_moment_leaves_a_matching_pair_and_no_temporary_files(
    tmp_path: Path,
) -> None:
    """SIGINT at several moments of ``retro region``: afterwards the folder holds the old pair or
    the new pair (never one of each: each run uses another smallest count, which both files state)
    and no temporary file."""
    cases, out = lessonless_cases(tmp_path), tmp_path / "regio"
    assert run_cli("region", cases, "-o", out, "--min-count", "3").returncode == 0
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    for delay in (0.2, 0.6, 1.0, 1.4, 1.8, 2.4, 3.5):
        before, _ = _min_count_of(out / "regio.xlsx", out / "regio.html")
        wanted = "4" if before == 3 else "3"
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "retro",
                "region",
                str(cases),
                "-o",
                str(out),
                "--min-count",
                wanted,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: to every process of the group
        _, err = process.communicate(timeout=120)
        assert "Traceback" not in err, err
        # 0: done before the signal; 130: interrupted; -2: the signal came as Python was exiting
        assert process.returncode in (0, 130, -signal.SIGINT), (process.returncode, err)
        assert sorted(p.name for p in out.iterdir()) == ["regio.html", "regio.xlsx"]
        in_xlsx, in_html = _min_count_of(out / "regio.xlsx", out / "regio.html")
        assert in_xlsx == in_html, (delay, in_xlsx, in_html)


def test_region_does_not_write_over_a_workbook_it_did_not_make(tmp_path: Path) -> None:
    out = tmp_path / "uit"
    out.mkdir()
    mine = write_workbook(out / "regio.xlsx", valid_sheets())
    before, cases = _sha(mine), lessonless_cases(tmp_path)
    result = run_cli("region", cases, "-o", out)
    assert result.returncode == 2 and "niet door retro gemaakt" in result.stderr, result.stderr
    assert _sha(mine) == before and not (out / "regio.html").exists()
    assert run_cli("region", cases, "-o", out, "--force").returncode == 0
    assert run_cli("region", cases, "-o", out).returncode == 0  # now it is retro's own


def test_replacing_renames_together_or_removes_the_temporaries(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a")
    b.write_text("old b")
    with pytest.raises(RuntimeError), replacing(a, b) as (new_a, new_b):
        new_a.write_text("new a")
        raise RuntimeError("the second writer fails")
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    with replacing(a, b) as (new_a, new_b):
        new_a.write_text("new a")
        new_b.write_text("new b")
    assert (a.read_text(), b.read_text()) == ("new a", "new b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]


def test_a_failing_rename_puts_the_first_file_back(tmp_path: Path, monkeypatch) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("old a")
    b.write_text("old b")
    real_replace = os.replace

    def replace(source, target) -> None:
        if str(target) == str(b):
            raise OSError(28, "No space left on device", str(b))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(OutputError) as info, replacing(a, b) as (new_a, new_b):
        new_a.write_text("new a")
        new_b.write_text("new b")
    assert info.value.code == "write_no_space"
    assert (a.read_text(), b.read_text()) == ("old a", "old b")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
