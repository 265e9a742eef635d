"""The package's shape: one public door, catalogues complete in both languages."""

from __future__ import annotations

import ast
from pathlib import Path

import retro
from retro.messages import catalogue

PACKAGE = Path(retro.__file__).parent


def test_every_public_name_resolves() -> None:
    for name in retro.__all__:
        assert getattr(retro, name) is not None, name


def test_dutch_and_english_catalogues_hold_the_same_keys() -> None:
    nl, en = catalogue("nl"), catalogue("en")
    assert sorted(set(nl) - set(en)) == []
    assert sorted(set(en) - set(nl)) == []


def test_catalogue_placeholders_match_between_languages() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    nl, en = catalogue("nl"), catalogue("en")
    mismatched = [k for k in nl if isinstance(nl[k], str) and fields(nl[k]) != fields(en[k])]
    assert mismatched == []


def test_only_the_cli_prints() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts or path.name == "__main__.py":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_type_checkers_see_every_lazy_public_name() -> None:
    """The ``if TYPE_CHECKING:`` imports of ``retro/__init__.py`` name exactly the lazy exports,
    from the same modules."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text("utf-8"))
    block = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    seen = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert seen == retro._EXPORTS
