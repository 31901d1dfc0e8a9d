"""`gloss clean SOURCE`: fetch and clean an article and print it."""

from __future__ import annotations

import argparse
import gc
import sys

from tui.commands import add_common, add_fetch_options, fetch_limits
from tui.commands.output import write_stdout


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss clean`."""
    parser = argparse.ArgumentParser(
        prog="gloss clean", description="Fetch and clean an article, and print it."
    )
    parser.add_argument("source", metavar="SOURCE", help="URL, file path, file:// URL, or -")
    parser.add_argument(
        "--format",
        choices=("text", "markdown", "json"),
        default="text",
        help="text: the body only, blocks separated by blank lines; markdown: a full document "
        "with title and metadata; json: metadata and blocks (default: text)",
    )
    add_fetch_options(parser)
    add_common(parser, notebook=False)
    return parser


def run(args: argparse.Namespace) -> int:
    """Print the cleaned article in the chosen format."""
    # One page, then the process ends. The cyclic collector would walk every object of the
    # imports and of the page's trees for almost nothing (refcounting frees them): paused
    # while the page is read, and what is left frozen, so that the collection Python runs
    # at exit skips it too (together about a tenth of the whole command).
    enabled = gc.isenabled()
    gc.disable()
    try:
        from tui.core.export import to_json, to_markdown, to_text
        from tui.core.extract import extract
        from tui.core.fetch import fetch

        page = fetch(args.source, limits=fetch_limits(args), base_url=args.url,
                     stdin=sys.stdin.buffer)
        article = extract(page.html, page.url, source=page.source,
                          content_type=page.content_type)
        render = {"text": to_text, "markdown": to_markdown, "json": to_json}[args.format]
        write_stdout(render(article))
    finally:
        if enabled:
            gc.enable()
    gc.freeze()
    return 0
