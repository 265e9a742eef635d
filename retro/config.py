"""Settings: thresholds, limits and vocabularies, with defaults in ``defaults.toml``.

Every setting has its one default in ``defaults.toml`` with a line of help above
it.  A run may override any of them with a TOML file of the same shape
(``--config FILE``); unknown names are an error, so a typo cannot silently do nothing.
"""

from __future__ import annotations

import tomllib
from copy import deepcopy
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from .errors import UsageError


def defaults() -> dict[str, Any]:
    """The default settings, freshly parsed (safe to change)."""
    text = (resources.files(__package__) / "defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: Mapping[str, Any], path: str) -> None:
    for key, value in override.items():
        where = f"{path}.{key}" if path else key
        if key not in base:
            raise UsageError("unknown_setting", setting=where)
        if isinstance(base[key], dict):
            if not isinstance(value, Mapping):
                raise UsageError("setting_not_a_table", setting=where)
            _merge(base[key], value, where)
        else:
            base[key] = deepcopy(value)


def load_config(path: str | Path | None = None, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then the TOML file at ``path``, then ``overrides`` (a nested dict)."""
    settings = defaults()
    if path is not None:
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise UsageError("config_not_found", path=str(path)) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UsageError("config_unreadable", path=str(path), reason=str(exc)) from None
        _merge(settings, data, "")
    if overrides:
        _merge(settings, overrides, "")
    return settings
