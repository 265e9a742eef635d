"""What a run of ``retro`` loads before it works: only the modules its command needs, and the
templates compiled once and then read from the user's cache folder, which may be missing, read-only
or damaged without breaking a run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from retro.html import template_folder
from retro.template_cache import OPTIONS, template_cache
from tests.conftest import ROOT, SAMPLES

LOADED = (
    "import json, sys\n"
    "from retro.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _modules_loaded_by(*args: str, cwd: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_retro_report_loads_neither_pandas_nor_openpyxl_nor_plotly_nor_the_region(
    tmp_path: Path,
) -> None:
    loaded = _modules_loaded_by(
        "report", str(SAMPLES / "jip.xlsx"), "-o", str(tmp_path / "jip.html"), cwd=tmp_path
    )
    assert (tmp_path / "jip.html").is_file()
    assert {"retro.report", "retro.analysis", "jinja2", "networkx", "python_calamine"} <= loaded
    unneeded = {
        "pandas",
        "openpyxl",
        "plotly",  # the report's figures are plain dicts in plotly.js's format
        "retro.region",
        "deduce",
        "tqdm",
        "webbrowser",
        "retro.workbook.blank",
    }
    assert unneeded & loaded == set()
    assert {m for m in loaded if m.startswith("retro.cli.")} == {
        "retro.cli.output",
        "retro.cli.report_command",
    }


REGION_PAGE = """\
import json, sys
from datetime import datetime
from pathlib import Path
from retro.messages import Messages
from retro.region.html import write_region_html
from retro.region.tables import region_overview
from tests.region_cases import record
cases = [
    record(i, year=2019 + i % 2, court=(2, 8, None)[i % 3], patterns=(i % 2, 1) + (0,) * 8)
    for i in range(1, 13)
]
overview = region_overview(cases, [], 2, datetime(2026, 1, 1), Messages("nl"))
page = write_region_html(overview, Path(sys.argv[1]), Messages("nl")).read_text("utf-8")
print(json.dumps([page.count('class="retro-figure"'), sorted(sys.modules)]))
"""


def test_writing_the_region_page_loads_no_plotly(tmp_path: Path) -> None:
    """The regional page's figures are plain dicts in plotly.js's format, like the report's."""
    done = subprocess.run(
        [sys.executable, "-c", REGION_PAGE, str(tmp_path / "regio.html")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    figures, loaded = json.loads(done.stdout)
    assert figures >= 3  # charts were drawn, not only the sentences that stand in for them
    assert "jinja2" in loaded and not [m for m in loaded if m.split(".")[0] == "plotly"]


def test_the_parser_imports_no_command_module_for_help(tmp_path: Path) -> None:
    loaded = _modules_loaded_by("validate", str(SAMPLES / "jip.xlsx"), cwd=tmp_path)
    assert "retro.cli.validate_command" in loaded and "retro.cli.report_command" not in loaded
    helped = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys\nfrom retro.cli import build_parser\nfrom retro.messages import "
            "Messages\nprint(build_parser(Messages('nl')).format_help())\n"
            "print(json.dumps(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert helped.returncode == 0, helped.stderr
    *text, modules = helped.stdout.strip().splitlines()
    assert "region" in "\n".join(text) and "maak het HTML-rapport" in "\n".join(text)
    assert not [m for m in json.loads(modules) if m.endswith("_command")]


# ---- the cache of compiled templates ----------------------------------------------------


def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_folder())),
        bytecode_cache=template_cache(folder),
        **OPTIONS,
    )


def test_a_template_is_compiled_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    first = _environment(folder).get_template("base.html").render(lang="nl", csp="x")
    assert list(folder.glob("*.cache"))

    def no_compiling(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", no_compiling)
    again = _environment(folder).get_template("base.html").render(lang="nl", csp="x")
    assert again == first


def test_a_damaged_cache_entry_is_compiled_again(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    first = _environment(folder).get_template("base.html").render(lang="nl", csp="x")
    for entry in folder.glob("*.cache"):
        entry.write_bytes(b"j2 not a cache entry at all")
    assert _environment(folder).get_template("base.html").render(lang="nl", csp="x") == first
    for entry in folder.glob("*.cache"):
        entry.write_bytes(entry.read_bytes()[:20])  # cut short, as by a full disk
    assert _environment(folder).get_template("base.html").render(lang="nl", csp="x") == first


def _report(tmp_path: Path, cache_home: Path, name: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "retro", "report", str(SAMPLES / "jip.xlsx"), "-o", name],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONIOENCODING": "utf-8"},
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return (tmp_path / name).read_text("utf-8")


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the cache folder on Linux")
def test_the_command_keeps_compiled_templates_in_the_users_cache_folder(tmp_path: Path) -> None:
    cache = tmp_path / "cache-home"  # does not exist yet
    first = _report(tmp_path, cache, "first.html")
    kept = sorted((cache / "retro" / "templates").glob("*.cache"))
    assert len(kept) >= len(list((ROOT / "templates" / "report").glob("*.html")))
    assert _report(tmp_path, cache, "second.html") == first
    assert sorted((cache / "retro" / "templates").glob("*.cache")) == kept


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_CACHE_HOME is the cache folder on Linux")
def test_a_cache_folder_that_cannot_be_made_does_not_stop_a_report(tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"  # the cache folder would have to be inside a file
    blocked.write_text("", "utf-8")
    reference = _report(tmp_path, tmp_path / "cache-home", "reference.html")
    assert _report(tmp_path, blocked, "blocked.html") == reference
    assert blocked.read_text("utf-8") == ""
