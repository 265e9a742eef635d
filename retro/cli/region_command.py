"""`retro region`: many case workbooks in, an anonymised regional overview out.

A progress bar on stderr while cases are read and lessons scrubbed; then a summary of what was read
and what was skipped and why.  File names appear here, on the terminal of the person running the
export, and never in the files it writes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import defaults, load_config
from ..errors import EXIT_OK
from ..messages import Messages, describe_error
from .output import Output

if TYPE_CHECKING:
    from ..region import RegionSummary
    from ..region.pool import Skipped


def add_arguments(parser: argparse.ArgumentParser, msg: Messages) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="FOLDER_OR_FILES", help=msg("region.cli.paths_help")
    )
    parser.add_argument(
        "-o", "--output", required=True, metavar="OUTDIR", help=msg("region.cli.output_help")
    )
    parser.add_argument(
        "--min-count",
        type=int,
        metavar="N",
        help=msg("region.cli.min_count_help", default=defaults().region.min_count),
    )
    parser.add_argument("--force", action="store_true", help=msg("region.cli.force_help"))


def _scrubber_loading() -> str:
    """Which sentence announces deduce: loading it, or (the first export after an install that
    skipped ``./dev``'s set-up, as pipx does) building its lookup tables once."""
    from ..region.scrub import deduce_tables_built

    return "loading_scrubber" if deduce_tables_built() else "building_scrubber"


class _ProgressBars:
    """One tqdm bar per stage, on stderr."""

    def __init__(self, out: Output) -> None:
        self.out, self.msg = out, out.msg
        self.bars: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        bar = self.bars.get(stage)
        if bar is None:
            from tqdm import tqdm

            if stage == "scrub":
                self.close()
                self.out.line_err(self.msg(f"region.cli.{_scrubber_loading()}"))
            bar = self.bars[stage] = tqdm(
                total=total,
                desc=self.msg(f"region.cli.progress_{stage}"),
                unit="",
                file=self.out.err,
                mininterval=0.3,
                dynamic_ncols=True,
                leave=True,
            )
        bar.update(done - bar.n)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()


def _detail(skipped: Skipped, msg: Messages) -> str:
    """Why one file was skipped, in a sentence: the domain error's own, the other file, or the kind
    of bug."""
    error = skipped.error_of()
    detail = (
        describe_error(error, msg)
        if error is not None
        else ", ".join(str(v) for _, v in skipped.params)
    )
    return msg("region.cli.detail", detail=detail) if detail else ""


def _summary(summary: RegionSummary, out: Output) -> None:
    msg = out.msg
    out.line(
        msg(
            "region.cli.summary",
            cases=summary.cases,
            lessons=summary.lessons,
            skipped=len(summary.skipped),
        )
    )
    for path, skipped in summary.skipped:
        out.line(
            msg(
                "region.cli.skipped_line",
                path=path.name,
                reason=msg(f"region.reason.{skipped.reason}"),
                detail=_detail(skipped, msg),
            )
        )
    if any(skipped.reason == "invalid" for _, skipped in summary.skipped):
        out.line(msg("region.cli.validate_hint"))
    out.line(msg("region.cli.written", xlsx=summary.xlsx, html=summary.html))
    if summary.skipped:
        out.line(msg("region.cli.file_names_note"))
    if summary.default_key:
        out.line(msg("region.cli.default_key"))


def run(args: argparse.Namespace, out: Output) -> int:
    from ..region import export_region

    config = load_config(args.config)
    progress = _ProgressBars(out)
    # a domain error (no workbooks, an unusable output folder, ...) goes to the boundary
    # in cli/__init__.py
    try:
        summary = export_region(
            args.paths,
            Path(args.output),
            lang=args.lang,
            min_count=args.min_count,
            config=config,
            progress=progress,
            force=args.force,
        )
    finally:
        progress.close()
    _summary(summary, out)
    return EXIT_OK
