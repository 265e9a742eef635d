"""`retro app`: the local web app, until Ctrl+C."""

from __future__ import annotations

import argparse

from ..config import load_config
from ..errors import EXIT_OK
from ..messages import Messages
from .output import Output


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument("--port", type=int, default=0, metavar="N", help=msg("cli.app.port_help"))
    parser.add_argument("--no-browser", action="store_true", help=msg("cli.app.no_browser_help"))
    parser.add_argument("--config", metavar="FILE", help=msg("cli.config_help"))


def run(args: argparse.Namespace, out: Output) -> int:
    from ..app.server import serve

    msg = out.msg

    def announce(url: str) -> None:
        out.line(msg("cli.app.running"))
        out.line("    " + url)
        out.line(msg("cli.app.stop"))
        out.out.flush()

    serve(
        port=args.port,
        settings=load_config(args.config),
        lang=args.lang,
        open_browser=not args.no_browser,
        announce=announce,
    )
    out.line(msg("cli.app.stopped"))
    return EXIT_OK
