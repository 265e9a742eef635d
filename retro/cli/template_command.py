"""`retro template`: write an empty workbook to fill in."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from ..errors import EXIT_OK, UsageError
from ..files import replacing
from ..messages import Messages
from .output import Output


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("path", metavar="PATH.xlsx")
    parser.add_argument("--force", action="store_true", help=msg("cli.template.force_help"))


def run(args: argparse.Namespace, out: Output) -> int:
    from ..workbook.blank import write_template

    path = Path(args.path)
    if path.suffix.lower() != ".xlsx":
        raise UsageError("template_not_xlsx", path=str(path))
    if path.exists() and not args.force:
        raise UsageError("template_exists", path=str(path))
    if not path.parent.is_dir():
        raise UsageError("folder_not_found", path=str(path.parent))
    workbook = io.BytesIO()  # a small file, made whole in memory before it goes to disk
    write_template(workbook, args.lang)
    with replacing(path) as (temporary,):  # a full or read-only disk: an OutputError, no file
        temporary.write_bytes(workbook.getvalue())
    out.line(out.msg("cli.template.written", path=str(path)))
    return EXIT_OK
