"""The package works when installed from a built wheel, not only from the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT, SAMPLES


def test_a_built_wheel_carries_templates_messages_and_defaults_and_writes_a_report(
    tmp_path: Path,
) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("retro-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(site)
    assert {
        "retro/defaults.toml",
        "retro/templates/base.html",
        "retro/templates/report/report.html",
        "retro/messages/nl/report.toml",
        "retro/messages/en/flags.toml",
        "retro/vendor/plotly/plotly-basic.min.js",  # the partial plotly.js, with its licence
        "retro/vendor/plotly/LICENSE",
        "retro/vendor/plotly/package.json",
    } <= names
    # Run from the unpacked wheel in another folder: the checkout is not on the path.
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONIOENCODING": "utf-8"}
    where = subprocess.run(
        [sys.executable, "-c", "import retro.html as h; print(h.template_folder())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()) == site / "retro" / "templates"
    report = subprocess.run(
        [sys.executable, "-m", "retro", "report", str(SAMPLES / "jip.xlsx"), "-o", "jip.html"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert report.returncode == 0, report.stderr
    page = (tmp_path / "jip.html").read_text("utf-8")
    assert "Leervragen" in page and "plotly.js (basic - minified) v" in page
