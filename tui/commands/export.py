"""`gloss export`: highlights as Markdown with citations, or as W3C Web Annotation JSON; or
the bibliography of their articles as CSL-JSON or BibTeX (for Zotero and the like).

To stdout (the default), one file (``-o``), or a folder (``--folder``: one file per article,
or per tag in the layout by tag). Exporting again into a file or folder Gloss wrote updates
it in place (see tui/templates/README.md); a file Gloss did not write is never replaced
without ``--force``. The filters are those of `gloss notebook list`: an export holds exactly
the highlights the same filters list.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, cast

from tui.commands import add_common
from tui.commands.format import (
    Parser,
    add_filters,
    add_read_only,
    filtering,
    flat,
    highlight_filter,
    open_reader,
    say,
)
from tui.commands.output import write_stdout, write_stdout_chunks
from tui.core.errors import UsageError

if TYPE_CHECKING:
    from tui.core.export import (
        BibFormat,
        CitationStyle,
        CslStyle,
        ExportOptions,
        ExportReport,
        Scope,
    )
    from tui.core.model import Article
    from tui.core.notebook import Notebook, QueryIndex


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss export`."""
    parser = Parser(
        prog="gloss export",
        description="Export highlights as Markdown with citations, or as W3C Web Annotation "
        "JSON: to stdout, to a file, or to a folder with one file per article (or per tag). "
        "Exporting again updates what Gloss wrote and keeps what you wrote.",
    )
    add_filters(parser)
    form = parser.add_argument_group("form")
    form.add_argument(
        "--format",
        choices=("markdown", "json", "csl-json", "bibtex"),
        help="markdown, json (W3C Web Annotations, what `gloss import` reads), or the "
        "articles' bibliography as csl-json or bibtex (one entry per article); default: "
        "json for an -o FILE ending in .json, bibtex for .bib, else markdown",
    )
    form.add_argument(
        "--layout",
        choices=("article", "tag"),
        help="Markdown by article (the default) or by tag (a section, or a file, per tag)",
    )
    form.add_argument(
        "--template",
        metavar="NAME|PATH",
        help="a shipped template (article, tags) or a Jinja2 template file",
    )
    form.add_argument(
        "--cite",
        metavar="STYLE|FILE.csl",
        help="citation style: mla, apa, chicago, or a CSL style file (.csl, as Zotero uses); "
        "default: the config's highlight.citation, else mla",
    )
    where = parser.add_argument_group("where (default: stdout)")
    dest = where.add_mutually_exclusive_group()
    dest.add_argument("-o", "--output", type=Path, metavar="FILE", help="one file")
    dest.add_argument(
        "--folder", type=Path, metavar="DIR", help="one file per article (per tag by tag)"
    )
    where.add_argument(
        "--force", action="store_true", help="replace a file Gloss did not write"
    )
    where.add_argument(
        "--overwrite-edits",
        action="store_true",
        help="replace your edits inside Gloss's regions of the file",
    )
    add_read_only(parser)
    add_common(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Export; the document goes to stdout, or a one-line report to stderr."""
    from tui.core.w3c import collector_paused

    # An export reads every highlight into records and builds a few objects for each, none
    # in a cycle: each collection those allocations set off walks all of them again (about
    # a tenth of a 50,000-highlight export). Paused for the command, restored after.
    with collector_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from tui.core.export import (
        ExportOptions,
        export_file,
        export_folder,
        export_text,
        select,
    )

    output = None if args.output in (None, Path("-")) else args.output
    suffix = output.suffix.lower() if output else ""
    fmt = args.format or {".json": "json", ".bib": "bibtex"}.get(suffix, "markdown")
    if fmt != "markdown" and (args.template or args.layout or args.cite):
        raise UsageError("--template, --layout and --cite are for Markdown exports")
    if fmt in ("csl-json", "bibtex"):
        return _bibliography(args, fmt, output)
    style, csl = _style(args)  # a CSL file is read and checked before any other work
    nb = open_reader(args)
    options = ExportOptions(
        format=fmt, layout=args.layout, template=args.template, citation_style=style, csl=csl
    )
    streamed = _streamed(args, nb, output, options)
    if streamed is not None:
        if not isinstance(streamed, str):
            say(streamed.summary())
        elif streamed:  # "" when the export went to stdout: nothing to add
            say(streamed)
        return 0
    scope = _scope(args, nb)
    articles, highlights = nb.articles(), nb.highlights()
    # Every highlight goes in, and the scope picks: a region in the file whose highlight is
    # missing from the list would be taken as deleted and removed.
    chosen, _ = select(articles, highlights, scope)
    bodies = _bodies(nb, [a.id for a in chosen]) if fmt == "markdown" else None
    if args.folder is not None or output is not None:
        write = export_folder if args.folder is not None else export_file
        report = write(
            args.folder or output, articles, highlights, options, scope, bodies,
            force=args.force, overwrite_edits=args.overwrite_edits,
        )
        say(report.summary())
        return 0
    if not chosen:
        say("no highlights match")
        return 0
    write_stdout(export_text(articles, highlights, options, scope, bodies))
    return 0


def _streamed(
    args: argparse.Namespace,
    nb: Notebook | QueryIndex,
    output: Path | None,
    options: ExportOptions,
) -> ExportReport | str | None:
    """A new file, or one already holding this export, from the index an article at a time
    (the notebook is never read whole); JSON to a file or to stdout, and a folder by article,
    likewise. None when the export must go the whole way (a Markdown merge, no index, a
    single article, another template or layout, a JSON file that is not plainly Gloss's); a
    line to say when nothing matched."""
    from tui.core.notebook import HighlightFilter, QueryIndex

    if not isinstance(nb, QueryIndex):
        return None
    query = highlight_filter(args, nb) if filtering(args) else HighlightFilter()
    if args.folder is not None:
        from tui.core.export import export_folder_streamed

        return export_folder_streamed(args.folder, nb, query, options, named=query.article_ids,
                                      force=args.force, overwrite_edits=args.overwrite_edits)
    if options.format == "json":
        from tui.core.export import export_json_streamed, render_json

        if output is not None:
            return export_json_streamed(output, nb, query, named=query.article_ids)
        # Everything is read (spooled) before the first byte goes out: a failure to read
        # leaves nothing on stdout.
        with render_json(nb, query, named=query.article_ids) as rendered:
            if not rendered.articles:
                return "no highlights match"
            write_stdout_chunks(rendered.pieces())
        return ""
    if output is None:
        return None
    from tui.core.export import export_file_streamed

    report = export_file_streamed(output, nb, query, options, named=query.article_ids)
    if report is None and output.is_file():  # a file that needs a merge
        from tui.core.export import merge_streamed

        report = merge_streamed(output, nb, query, options, named=query.article_ids,
                                overwrite_edits=args.overwrite_edits)
    return report


def _bibliography(args: argparse.Namespace, fmt: BibFormat, output: Path | None) -> int:
    """The bibliography of the articles with a highlight in scope, to stdout or one file."""
    from tui.core.export import bibliography, select, write_bibliography

    if args.folder is not None:
        raise UsageError(f"a {fmt} bibliography is one file: use -o FILE, not --folder")
    nb = open_reader(args)
    chosen, highlights = select(nb.articles(), nb.highlights(), _scope(args, nb))
    bodies = _bodies(nb, [a.id for a in chosen])
    if output is not None:
        action = write_bibliography(output, chosen, fmt, bodies, force=args.force)
        say(f"{len(chosen)} article{'' if len(chosen) == 1 else 's'} of "
            f"{len(highlights)} highlight{'' if len(highlights) == 1 else 's'}: 1 {action}")
        return 0
    if not chosen:
        say("no highlights match")
        return 0
    write_stdout(bibliography(chosen, fmt, bodies))
    return 0


def _scope(args: argparse.Namespace, nb: Notebook | QueryIndex) -> Scope:
    """The export's scope: what `gloss notebook list` with the same options lists."""
    from tui.core.export import Scope

    if not filtering(args):
        return Scope()
    query = highlight_filter(args, nb)
    chosen = {h.id for h in nb.query(query)}
    tags = frozenset(flat(args.tag) + flat(args.any_tag))
    return Scope(
        article_ids=frozenset(query.article_ids) or None,
        tags=tags or None,  # in the layout by tag, only these tags' sections
        where=lambda h: h.id in chosen,
    )


def _bodies(nb: Notebook | QueryIndex, article_ids: list[str]) -> dict[str, Article]:
    """The articles' saved texts, for passage links that land on the right words; an article
    without its snapshot (imported) is linked from its quote alone."""
    from tui.core.export import saved_bodies

    return saved_bodies(nb, article_ids)


def _style(args: argparse.Namespace) -> tuple[CitationStyle, CslStyle | None]:
    """``--cite`` (a built-in style, or a CSL style file, read before any work), else the
    style the config gives ``y`` (one style for quotes and exports)."""
    from tui.core.export import STYLES, is_csl_path, load_csl

    if args.cite:
        if args.cite in STYLES:
            return cast("CitationStyle", args.cite), None
        if not is_csl_path(args.cite):
            raise UsageError(f"--cite {args.cite}: a style is one of {', '.join(STYLES)}, or a "
                             "CSL style file (FILE.csl)")
        return "mla", load_csl(Path(args.cite))
    from tui.core.config import load_config

    return load_config().highlight.citation, None
