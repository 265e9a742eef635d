"""`retro validate`."""

from __future__ import annotations

import argparse

from ..messages import Messages  # noqa: F401


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    pass


def run(args: argparse.Namespace, out) -> int:
    raise NotImplementedError("retro validate is being built")
