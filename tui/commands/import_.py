"""`gloss import FILE`: read W3C Web Annotation JSON (what `gloss export --format json`
writes, or another tool's annotations) into the notebook.

Articles and highlights the notebook holds already (same id) are left as they are, so
importing a file twice adds nothing. The JSON carries no article bodies: an imported
article's record is kept as it is, and the first time it is opened (in the reader, or by
`gloss highlight`) its page is fetched again and stored; its highlights are then placed in
it like after any re-fetch.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import add_common, import_from
from tui.commands.format import Parser, say
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.core.model import Highlight
    from tui.core.notebook import Notebook
    from tui.core.w3c import Outcome


def build_parser() -> argparse.ArgumentParser:
    """Options of `gloss import`."""
    parser = Parser(
        prog="gloss import",
        description="Add the highlights of a W3C Web Annotation JSON file (such as a "
        "`gloss export --format json`) or of another service's export (Omnivore, Pocket, "
        "Readwise, Instapaper, Hypothesis, Kindle, KOReader; lists of URLs, OPML, bookmarks) "
        "to the notebook; ones already there are skipped.",
    )
    parser.add_argument(
        "file", metavar="FILE", nargs="?",
        help="the JSON file (- for stdin), or another service's export file or folder",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would be imported; change nothing"
    )
    import_from.add_options(parser)
    parser.add_argument(
        "--report", action="store_true",
        help="print what became of each annotation (placed, kept, refused and why) on stdout",
    )
    add_common(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Import; a one-line report goes to stderr."""
    if args.retry:
        return import_from.retry(args)
    if args.file is None:
        from tui.core.errors import UsageError

        raise UsageError("gloss import: give a FILE to import (or --retry)")
    fmt = import_from.handles(args)
    if fmt is not None:  # another service's export; W3C JSON goes on below
        return import_from.run(args, fmt)
    from tui.commands.format import open_notebook
    from tui.commands.output import write_stdout
    from tui.core.notebook import check_article_id
    from tui.core.w3c import AnnotationError, read_annotations

    raw = _read(args.file)
    # Everything is read and checked (numbers, depth, each annotation) before any write.
    reading = read_annotations(raw)
    articles, highlights, refused = reading.articles, reading.highlights, reading.refused
    if args.report:
        write_stdout("".join(o.line() + "\n" for o in reading.outcomes))
    if refused and not highlights:
        if len(refused) == 1:
            raise AnnotationError(f"annotation {refused[0].number}: {refused[0].reason}")
        _say_refused(refused)
        raise AnnotationError(f"none of the {len(refused)} annotations can be imported")
    for article in articles:
        try:
            check_article_id(article.id)
        except ValueError:
            raise AnnotationError(f"not a usable article id: {article.id!r}") from None
    nb = open_notebook(args, write=True)
    new_articles = [a for a in articles if nb.article(a.id) is None]
    new_highlights = _settled(nb, [h for h in highlights if nb.highlight(h.id) is None])
    clashes = [h for h in highlights if _clashes(h, nb.highlight(h.id))]
    if not args.dry_run and (new_articles or new_highlights):
        with nb.batch():
            nb.add_articles(new_articles)
            nb.add_highlights(new_highlights)
    present = len(highlights) - len(new_highlights) - len(clashes)
    if new_highlights or new_articles:
        line = (
            f"{'would import' if args.dry_run else 'imported'} "
            f"{plural(len(new_highlights), 'highlight')} and "
            f"{plural(len(new_articles), 'article')}"
        )
    else:
        line = "nothing new to import"
    if present:
        line += f"; {plural(present, 'highlight')} already in the notebook, left as they are"
    if refused:
        line += f"; {plural(len(refused), 'annotation')} refused"
    say(line)
    # As the file gave them (checking against a saved text may have placed them since).
    adding = {h.id for h in new_highlights}
    quote_only = sum(1 for h in highlights if h.id in adding and not h.target.text_hash)
    if quote_only:
        say(f"{plural(quote_only, 'highlight')} without offsets Gloss can trust: placed by "
            f"{'its' if quote_only == 1 else 'their'} quote when the page is read")
    _say_refused(refused)
    if clashes:
        ids = ", ".join(h.id for h in clashes[:3]) + (", ..." if len(clashes) > 3 else "")
        say(
            f"{plural(len(clashes), 'highlight')} not imported: "
            f"{'its id is' if len(clashes) == 1 else 'their ids are'} used by a different "
            f"highlight in the notebook ({ids})"
        )
    return 0


def _say_refused(refused: list[Outcome], shown: int = 10) -> None:
    """A line for each refused annotation (the first ``shown`` of them)."""
    for outcome in refused[:shown]:
        say(outcome.line())
    if len(refused) > shown:
        say(f"... and {len(refused) - shown} more refused (--report lists every one)")


def _settled(nb: Notebook, highlights: list[Highlight]) -> list[Highlight]:
    """Highlights whose article's text is in the notebook, checked against it: offsets that
    do not hold the quote there are not trusted (it is placed by its quote, or an orphan).
    The others are checked when their page is first read (tui.core.library)."""
    from tui.core.anchor import settle

    texts: dict[str, tuple[str, str] | None] = {}
    out = []
    for h in highlights:
        if h.article_id not in texts:
            texts[h.article_id] = _text(nb, h.article_id)
        known = texts[h.article_id]
        out.append(h if known is None else settle(h, *known))
    return out


def _text(nb: Notebook, article_id: str) -> tuple[str, str] | None:
    """The saved text of an article and its hash, if the notebook has them."""
    record = nb.article(article_id)
    if record is None or not record.snapshot:
        return None
    from tui.core.errors import GlossError

    try:
        article = nb.load_article(article_id)
    except (GlossError, OSError):
        return None  # unreadable: checked when the page is read again
    return article.text, article.text_hash


def _clashes(imported: Highlight, saved: Highlight | None) -> bool:
    """Whether ``saved`` is another highlight under the same id (not an edit of it)."""
    if saved is None:
        return False
    mark, other = imported.target, saved.target
    return (imported.article_id, mark.quote.exact, mark.position) != (
        saved.article_id,
        other.quote.exact,
        other.position,
    )


def _read(name: str) -> bytes:
    from tui.core.fetch import local_file_error

    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).expanduser().read_bytes()
    except OSError as exc:
        raise local_file_error(exc, name) from None

