"""Imports only point upstream: workbook -> analysis -> review -> report / region -> CLI, over a small
core.

Each module belongs to the package (or core module) at the top of its name; a module may import from
its own package and the layers below it, never above.  The report and the regional export are two
separate branches on top of the analysis: neither imports the other. No module imports itself back
through others (imports inside functions included).  A new package needs a place here, which is the
moment to think about where it belongs."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

import retro

PACKAGE = Path(retro.__file__).parent

LAYERS: tuple[tuple[str, ...], ...] = (
    # no retro imports, or only each other
    ("errors", "schema", "html", "files", "template_cache", "characters"),
    ("messages", "config", "model"),  # words, settings, the case model
    ("dates",),  # dates as people write them
    ("workbook",),  # workbook in, Case out; the blank workbook
    ("analysis",),  # Case -> Analysis
    ("review",),  # Analysis + the verdicts people wrote -> Review; the verdict sheet written
    ("report", "region"),  # Analysis -> HTML / anonymous export
    ("cli", "app", "__main__", "__init__"),  # the thin layers on top: the command line, the web app
)
# What the web app may import: the public API (``retro``) and the core below the workbook.
APP_MAY_IMPORT = ("__init__", "errors", "schema", "html", "messages", "config")
BRANCHES = ("report", "region")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _exists(module: str) -> bool:
    path = PACKAGE.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _imports(path: Path, source: str | None = None) -> set[str]:
    """The retro modules a file imports (relative imports resolved), including those inside
    functions.

    ``from .pkg import name`` is the module ``pkg.name`` when that is a module, else ``pkg``."""
    module = _module(path)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if module == "__init__":
        package = []
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8") if source is None else source)):
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").split(".")[0] == "retro"
        ):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
            else:
                target = node.module.split(".")[1:]  # type: ignore[union-attr]
            for alias in node.names:
                sub = ".".join([*target, alias.name])
                found.add(sub if _exists(sub) else ".".join(target))
        elif isinstance(node, ast.Import):  # import retro.analysis
            found.update(a.name[len("retro.") :] for a in node.names if a.name.startswith("retro."))
    return {name for name in found if name}


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        graph.add_node(_module(path))
        graph.add_edges_from((_module(path), target) for target in _imports(path))
    return graph


def _group(module: str) -> str:
    return module.split(".")[0]


def _layer(module: str) -> int:
    return next(i for i, names in enumerate(LAYERS) if _group(module) in names)


def test_imports_are_resolved_to_modules() -> None:
    source = (
        "import retro.report\nfrom retro import region\nfrom retro.cli import main\n"
        "from ...model import Case\nfrom . import _common\nfrom ..findings import Flag\n"
    )
    found = _imports(PACKAGE / "analysis" / "detectors" / "escalation.py", source)
    assert found == {
        "report",
        "region",
        "cli",
        "model",
        "analysis.detectors._common",
        "analysis.findings",
    }


def test_every_module_has_a_layer() -> None:
    unplaced = [m for m in _graph() if not any(_group(m) in names for names in LAYERS)]
    assert unplaced == []


def test_imports_only_point_upstream() -> None:
    upward = [f"{a} -> {b}" for a, b in _graph().edges if _layer(b) > _layer(a)]
    assert upward == []


def test_the_app_uses_only_the_public_api_and_the_core() -> None:
    """``retro/app`` reads workbooks, analyses and writes through ``retro/__init__.py`` like a
    notebook would; the command line and the app do not import each other."""
    graph = _graph()
    app_modules = [m for m in graph if _group(m) == "app"]
    assert app_modules, "retro/app is missing"
    outside = sorted(
        f"{a} -> {b}"
        for a in app_modules
        for b in graph.successors(a)
        if _group(b) != "app" and _group(b) not in APP_MAY_IMPORT
    )
    assert outside == []
    crossing = [f"{a} -> {b}" for a, b in graph.edges if {_group(a), _group(b)} == {"app", "cli"}]
    assert crossing == ["cli.app_command -> app.server"]


def test_report_and_region_do_not_import_each_other() -> None:
    crossing = [f"{a} -> {b}" for a, b in _graph().edges if {_group(a), _group(b)} == set(BRANCHES)]
    assert crossing == []


def test_no_module_imports_itself_back() -> None:
    assert sorted(sorted(cycle) for cycle in nx.simple_cycles(_graph())) == []


def test_a_cycle_would_be_found() -> None:
    graph = _graph()
    graph.add_edge("model", "workbook.load")  # the model importing the loader would close a circle
    assert list(nx.simple_cycles(graph))


def test_the_report_words_are_its_bottom() -> None:
    """The shared wording imports no other part of the report; the figures import no section."""
    graph = _graph()
    sections = {
        "report.context",
        "report.network",
        "report.patterns",
        "report.helpers",
        "report.triangle",
        "report.agenda",
        "report.render",
    }
    assert [b for b in graph.successors("report.wording") if _group(b) == "report"] == []
    for figure in ("report.figures", "report.ecomap"):
        assert set(graph.successors(figure)) & sections == set()
