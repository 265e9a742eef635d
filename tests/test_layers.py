"""Imports only point upstream: read -> validate -> model -> analyse -> render/export -> CLI.

Each module of the package gets a layer from its name; a module may import from its own
layer and the layers below it, never above.  The report and the regional export are two
separate branches on top of the analysis: neither imports the other.  A new module needs a
place here, which is the moment to think about where it belongs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import retro

PACKAGE = Path(retro.__file__).parent

LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "schema", "findings", "html"),                            # no retro imports, or only each other
    ("messages", "config", "model"),                                     # words, settings, the case model
    ("dates", "read", "quality", "build", "validate", "template"),       # workbook in, Case out
    ("timeseries", "triangle", "network", "detectors", "flag_text", "analysis"),  # Case -> Analysis
    ("report", "region"),                                                # Analysis -> HTML / anonymous export
    ("cli", "__main__", "__init__"),                                     # the thin layers on top
)
REPORT = ("render", "report_", "figures")
REGION = ("region", "anonymise", "scrub")


def _group(module: str) -> str:
    top = module.split(".")[0]
    if top.startswith(REPORT):
        return "report"
    if top.startswith(REGION):
        return "region"
    return top


def _layer(module: str) -> int:
    group = _group(module)
    return next(i for i, names in enumerate(LAYERS) if group in names)


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)


def _imports(path: Path, source: str | None = None) -> set[str]:
    """The retro modules a file imports (relative imports resolved), including those inside functions."""
    package = _module(path).split(".")[:-1] if path.name != "__init__.py" else _module(path).split(".")
    if path.parent == PACKAGE:
        package = []
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8") if source is None else source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = [target] if node.module else [".".join([*base, a.name]) for a in node.names]
            found.update(n for n in names if n)
        elif isinstance(node, ast.ImportFrom) and node.module == "retro":  # from retro import analysis
            found.update(a.name for a in node.names if (PACKAGE / f"{a.name}.py").exists() or (PACKAGE / a.name).is_dir())
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("retro."):
            found.add(node.module[len("retro."):])
        elif isinstance(node, ast.Import):  # import retro.analysis
            found.update(a.name[len("retro."):] for a in node.names if a.name.startswith("retro."))
    return found


def test_absolute_imports_are_seen_too() -> None:
    source = "import retro.render\nfrom retro import region\nfrom retro.cli import main\nfrom .model import Case\n"
    assert _imports(PACKAGE / "analysis.py", source) == {"render", "region", "cli", "model"}


def test_every_module_has_a_layer() -> None:
    unplaced = [_module(p) for p in PACKAGE.rglob("*.py")
                if not any(_group(_module(p)) in names for names in LAYERS)]
    assert unplaced == []


def test_imports_only_point_upstream() -> None:
    upward = []
    for path in PACKAGE.rglob("*.py"):
        here = _module(path)
        for target in _imports(path):
            if _layer(target) > _layer(here):
                upward.append(f"{here} -> {target}")
    assert upward == []


def test_report_and_region_do_not_import_each_other() -> None:
    crossing = [f"{_module(p)} -> {t}" for p in PACKAGE.rglob("*.py") for t in _imports(p)
                if {_group(_module(p)), _group(t)} == {"report", "region"}]
    assert crossing == []
