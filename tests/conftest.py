"""Shared fixtures.  Sample cases are real workbooks in ``sample_cases/``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_cases"
ARTIFACTS = ROOT / "tests" / "artifacts"


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.xlsx"))


@pytest.fixture
def artifacts() -> Path:
    """A folder for files a person should look at after the run (screenshots, reports)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


def run_cli(
    *args: str, cwd: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``retro`` as a user would: a subprocess, its output captured as text."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "retro", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=timeout,
    )
