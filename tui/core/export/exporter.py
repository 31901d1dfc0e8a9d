"""Export highlights: which (scope), how (format, layout, template, citation style), and where
(stdout, one file, or a folder with one file per article or per tag).

The CLI (``gloss export``) and the app's export dialog both call :func:`export_text`,
:func:`export_file` or :func:`export_folder` with plain records from the notebook. Writing
into a file Gloss wrote before merges (see :mod:`tui.core.export.merge`); a file Gloss did not
write is never replaced without ``force``.

Pass *every* highlight of the notebook and let :class:`Scope` choose: on re-export a region
whose highlight is missing from ``highlights`` is taken as deleted and removed, while one
whose highlight is there but outside the scope is left as it is.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from tui.core.export.annotations import annotation_id, dump_annotations
from tui.core.export.errors import (
    ExportError,
    ForeignFileError,
    LayoutError,
    MarkerError,
    TemplateError,
)
from tui.core.export.escape import obsidian_tags
from tui.core.export.files import (
    Existing,
    file_stem,
    folder_index,
    is_gloss_json,
    read_existing,
    unique_path,
    write_atomic,
)
from tui.core.export.markdown import MarkdownExporter
from tui.core.export.merge import (
    Document,
    MergeReport,
    ParsedFile,
    Shape,
    document_pieces,
    is_gloss_markdown,
    merge_document,
    parse_file,
    parse_key,
    render_document,
    shape_of,
    shape_of_keys,
    unchanged_as_written,
    unchanged_in,
)
from tui.core.export.styles import CitationStyle
from tui.core.export.template import Layout, load_template
from tui.core.model import Article, Highlight, SavedArticle, normalize_tag
from tui.core.w3c import collector_paused

if TYPE_CHECKING:  # citeproc-py is loaded only for an export that asks for a CSL style
    from tui.core.export.csl import CslStyle

Format = Literal["markdown", "json"]
FORMATS: tuple[Format, ...] = ("markdown", "json")
SUFFIXES: dict[Format, str] = {"markdown": ".md", "json": ".json"}
Action = Literal["created", "updated", "unchanged", "replaced"]


@dataclass(frozen=True, slots=True)
class Scope:
    """Which highlights to export; the default is everything.

    ``article_ids`` and ``tags`` narrow it (a highlight needs one of the tags); ``where`` is
    any other notebook filter. An article comes along when one of its highlights does, when
    ``article_ids`` names it, or, with ``include_empty``, whenever the filters allow it.
    """

    article_ids: frozenset[str] | None = None
    tags: frozenset[str] | None = None
    where: Callable[[Highlight], bool] | None = None
    include_empty: bool = False

    @classmethod
    def of_articles(cls, *article_ids: str) -> Scope:
        """Only these articles, with or without highlights."""
        return cls(article_ids=frozenset(article_ids))

    @classmethod
    def of_tags(cls, *tags: str) -> Scope:
        """Highlights carrying any of these tags."""
        return cls(tags=frozenset(filter(None, map(normalize_tag, tags))))


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """The form of an export.

    ``layout`` None follows the template (the default template is by article); ``template`` is
    a shipped template's name or a file; ``csl`` a CSL style for ``article.citation`` (else
    ``citation_style``); ``cite_accessed`` adds the day the article was saved
    to citations as the access date.
    """

    format: Format = "markdown"
    layout: Layout | None = None
    template: str | Path | None = None
    citation_style: CitationStyle = "mla"
    cite_accessed: bool = True
    # A CSL style file's style (``--cite FILE.csl``): article.citation is written in it.
    csl: CslStyle | None = None


@dataclass(frozen=True, slots=True)
class FileReport:
    """What one export did to one file."""

    path: Path
    action: Action
    regions: MergeReport = field(default_factory=MergeReport)


@dataclass(frozen=True, slots=True)
class ExportReport:
    """What an export did: the files it wrote and the edits it had to work around."""

    files: tuple[FileReport, ...]
    articles: int
    highlights: int

    @property
    def kept(self) -> list[tuple[Path, str]]:
        """Regions edited in the file, left as the user wrote them (nothing new in Gloss)."""
        return [(f.path, key) for f in self.files for key in f.regions.kept]

    @property
    def conflicts(self) -> list[tuple[Path, str]]:
        """Regions edited in the file and changed in Gloss: left as the user wrote them."""
        return [(f.path, key) for f in self.files for key in f.regions.conflicts]

    @property
    def released(self) -> list[tuple[Path, str]]:
        """Regions edited in the file whose highlight is gone: kept as plain text."""
        return [(f.path, key) for f in self.files for key in f.regions.released]

    def summary(self) -> str:
        """One line for the status bar or the terminal."""
        counts: dict[str, int] = {}
        for f in self.files:
            counts[f.action] = counts.get(f.action, 0) + 1
        files = ", ".join(f"{n} {action}" for action, n in counts.items()) or "nothing written"
        line = (f"{self.highlights} highlight{'' if self.highlights == 1 else 's'} from "
                f"{self.articles} article{'' if self.articles == 1 else 's'}: {files}")
        if self.kept:
            line += f"; {len(self.kept)} edited in the file, left as you wrote them"
        if self.conflicts:
            line += (f"; {len(self.conflicts)} edited in the file and changed in Gloss, not "
                     "updated (--overwrite-edits to replace your edits)")
        if self.released:
            line += f"; {len(self.released)} deleted in Gloss, your edited text kept"
        return line


_F = TypeVar("_F", bound=Callable[..., Any])


def _paused(export: _F) -> _F:
    """``export`` with the cyclic collector paused: an export builds a few objects for each
    highlight, none in a cycle, and each collection those allocations set off walks every
    record the caller holds again (a fifth of an export of 50,000 highlights)."""

    @functools.wraps(export)
    def paused(*args: Any, **kwargs: Any) -> Any:
        with collector_paused():
            return export(*args, **kwargs)

    return cast("_F", paused)


def select(
    articles: Iterable[SavedArticle], highlights: Iterable[Highlight], scope: Scope = Scope()
) -> tuple[list[SavedArticle], list[Highlight]]:
    """The articles and highlights in ``scope``, in the order given."""
    chosen = [
        h
        for h in highlights
        if (scope.article_ids is None or h.article_id in scope.article_ids)
        and (scope.tags is None or not scope.tags.isdisjoint(h.tags))
        and (scope.where is None or scope.where(h))
    ]
    with_highlights = {h.article_id for h in chosen}
    named = scope.article_ids or frozenset()
    empty_ok = scope.include_empty and scope.tags is None and scope.where is None
    kept = [
        a
        for a in articles
        if a.id in with_highlights
        or a.id in named
        or (empty_ok and (scope.article_ids is None or a.id in scope.article_ids))
    ]
    return kept, chosen


def check_destination(path: Path, format: Format = "markdown", *, force: bool = False) -> None:
    """Raise :class:`ForeignFileError` if ``path`` is a file Gloss did not write (unless
    ``force``): what :func:`export_file` checks, for a dialog to ask before any work.

    A missing or empty file, or one holding Gloss's markers (JSON: Gloss as generator), is fine.
    """
    existing = read_existing(path)
    if existing is None or force or not existing.text.strip():
        return
    ours = is_gloss_json(existing.text) if format == "json" else is_gloss_markdown(existing.text)
    if not ours:
        raise ForeignFileError(
            f"{path} was not written by Gloss; export with --force to replace it"
        )


@_paused
def export_text(
    articles: Sequence[SavedArticle],
    highlights: Sequence[Highlight],
    options: ExportOptions = ExportOptions(),
    scope: Scope = Scope(),
    bodies: Mapping[str, Article] | None = None,
) -> str:
    """The whole export as one text, for stdout (no merge: nothing is read or written)."""
    articles, highlights = select(articles, highlights, scope)
    if options.format == "json":
        return dump_annotations(articles, highlights)
    return render_document(_exporter(options, bodies, scope).one_file(articles, highlights))


@_paused
def export_file(
    path: Path,
    articles: Sequence[SavedArticle],
    highlights: Sequence[Highlight],
    options: ExportOptions = ExportOptions(),
    scope: Scope = Scope(),
    bodies: Mapping[str, Article] | None = None,
    *,
    force: bool = False,
    overwrite_edits: bool = False,
) -> ExportReport:
    """Export into one file, merging with what Gloss wrote there before.

    Raises :class:`ForeignFileError` if the file exists and Gloss did not write it, and
    :class:`MarkerError` if its markers are broken, unless ``force`` (then it is replaced).
    ``overwrite_edits`` lets Gloss's version replace the user's edits inside its regions.
    """
    present = _Present(highlights)
    everything = (articles, highlights)
    articles, highlights = select(articles, highlights, scope)
    if options.format == "json":
        # Like Markdown, a subset merges: the file keeps the annotations it has whose
        # highlights the notebook still has, brought up to date; the deleted ones go.
        kept_articles, kept = _json_kept(path, *everything, highlights)
        text = dump_annotations(_union(kept_articles, articles), [*highlights, *kept])
        report = _write_json(path, text, force)
        return ExportReport((report,), len(articles), len(highlights))
    exporter = _exporter(options, bodies, scope)
    existing = read_existing(path)
    layout = exporter.template.layout
    document: Document | None = None
    if existing is not None and exporter.template.shipped is not None and (
        "<!-- gloss:" in existing.text
    ):
        # Most often a file Gloss wrote, exported into again with nothing changed: if it is
        # exactly what Gloss would write now, it needs no parse. (Only for a shipped
        # template: its rendering cannot fail, so no error comes earlier than it did.)
        document = exporter.one_file(articles, highlights)
        if _as_written(existing.text, document, articles, present, layout):
            keys = [region.key for region in document.regions]
            report = FileReport(path, "unchanged", MergeReport(unchanged=keys))
            return ExportReport((report,), len(articles), len(highlights))
    # The file is read and parsed once: for its shape here, and for the merge below.
    parsed = _parsed(existing, path)
    shape = None if parsed is None else shape_of(parsed, str(path))
    if shape is not None and shape.layout not in (None, layout):
        if not force:
            raise LayoutError(
                f"{path} holds an export laid out by {shape.layout}; export by {shape.layout} "
                f"into it, or by {layout} into another file (--force replaces it)"
            )
        fresh = document_pieces(exporter.one_file(articles, highlights))
        write_atomic(path, fresh, existing.newline if existing else "\n")
        report = FileReport(path, "replaced")
        return ExportReport((report,), len(articles), len(highlights))
    collection = shape is not None and _holds_others(shape, articles, present)
    if document is None or collection:
        document = exporter.one_file(articles, highlights, collection=collection)
    report = _write_markdown(path, document, force, overwrite_edits, present,
                             read=(existing, parsed))
    return ExportReport((report,), len(articles), len(highlights))


def _as_written(
    text: str,
    document: Document,
    articles: Sequence[SavedArticle],
    present: _Present,
    layout: Layout,
) -> bool:
    """Whether exporting ``document`` (rendered as for a file that is not a collection)
    into the file whose text is ``text`` leaves it unchanged, without parsing the file:
    :func:`unchanged_as_written` proves the file holds exactly ``document``'s regions, so its
    shape is theirs; that shape must let the export go ahead as ``document``, as in
    :func:`export_file` (the same layout, not a collection of other articles)."""
    if not unchanged_as_written(text, document):
        return False
    shape = shape_of_keys(region.key for region in document.regions)
    return shape.layout in (None, layout) and not _holds_others(shape, articles, present)


def _holds_others(shape: Shape, articles: Sequence[SavedArticle], present: _Present) -> bool:
    """Whether a file of this shape holds articles besides ``articles`` that are still in the
    notebook: it stays a collection, so a subset that is one article must not put its title
    and metadata over the others'."""
    chosen = {a.id for a in articles}
    return any(a not in chosen and a in present.articles for a in shape.articles)


def _json_kept(
    path: Path,
    articles: Sequence[SavedArticle],
    highlights: Sequence[Highlight],
    chosen: Sequence[Highlight],
) -> tuple[list[SavedArticle], list[Highlight]]:
    """The highlights (and their articles) a Gloss JSON file at ``path`` holds beyond
    ``chosen``, as the notebook has them now; none if the file is not Gloss's."""
    existing = read_existing(path)
    if existing is None or not is_gloss_json(existing.text):
        return [], []
    page = json.loads(existing.text).get("first")
    items = page.get("items") if isinstance(page, dict) else None
    in_file = {item.get("id") for item in items or () if isinstance(item, dict)}
    taken = {h.id for h in chosen}
    kept = [h for h in highlights if h.id not in taken and annotation_id(h.id) in in_file]
    wanted = {h.article_id for h in kept}
    return [a for a in articles if a.id in wanted], kept


def _union(first: Sequence[SavedArticle], second: Sequence[SavedArticle]) -> list[SavedArticle]:
    out = {a.id: a for a in first}
    out.update((a.id, a) for a in second)
    return list(out.values())


def _parsed(existing: Existing | None, path: Path) -> ParsedFile | None:
    """The Gloss Markdown file read at ``path``, parsed; None if there is none (or it is not
    Gloss's, or its markers are broken: writing it says so)."""
    if existing is None or not is_gloss_markdown(existing.text):
        return None
    try:
        return parse_file(existing.text, str(path))
    except MarkerError:
        return None


@_paused
def export_folder(
    folder: Path,
    articles: Sequence[SavedArticle],
    highlights: Sequence[Highlight],
    options: ExportOptions = ExportOptions(),
    scope: Scope = Scope(),
    bodies: Mapping[str, Article] | None = None,
    *,
    force: bool = False,
    overwrite_edits: bool = False,
) -> ExportReport:
    """Export into a folder: one file per article (or per tag, in the layout by tag).

    Each file is found again by the id in it, even renamed or moved into a subfolder; a new
    file is named after the title, never over a file Gloss did not write.
    """
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder")
    present = _Present(highlights)
    articles, highlights = select(articles, highlights, scope)
    if options.format == "json":
        by_article: dict[str, list[Highlight]] = {}
        for highlight in highlights:
            by_article.setdefault(highlight.article_id, []).append(highlight)
        reports = json_into_folder(folder, (
            (a.title, a.id, dump_annotations([a], by_article.get(a.id, []))) for a in articles
        ), force)
    else:
        exporter = _exporter(options, bodies, scope)
        if exporter.template.layout == "tag":
            documents = exporter.by_tag(articles, highlights)
        else:
            documents = exporter.by_article(articles, highlights)
        reports = markdown_into_folder(folder, documents, force, overwrite_edits, present)
    return ExportReport(tuple(reports), len(articles), len(highlights))


def json_into_folder(
    folder: Path, files: Iterable[tuple[str, str, str]], force: bool
) -> list[FileReport]:
    """Write each (title, article id, JSON text) of ``files`` into ``folder``: into the
    file that names the article's id, even renamed or moved, else a new one after the title
    (never over a file Gloss did not write)."""
    suffix = SUFFIXES["json"]
    found = folder_index(folder, suffix) if folder.is_dir() else {}
    taken = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    reports = []
    for title, article_id, text in files:
        path = found.get(("gloss_id", article_id)) or unique_path(
            folder, file_stem(title), suffix, article_id[:8], taken
        )
        reports.append(_write_json(path, text, force))
    return reports


def markdown_into_folder(
    folder: Path,
    documents: Iterable[Document],
    force: bool,
    overwrite_edits: bool,
    present: _Present,
) -> list[FileReport]:
    """Merge each of ``documents`` into its file in ``folder`` (found by the identity in it,
    else a new one after its name); then Gloss's other files there lose the quotes deleted
    from the notebook, the rest of them (out of this export's scope) left as it is."""
    suffix = SUFFIXES["markdown"]
    found = folder_index(folder, suffix) if folder.is_dir() else {}
    taken = {p.name.casefold() for p in folder.iterdir()} if folder.is_dir() else set()
    reports, done = [], set()
    for document in documents:
        identity = document.identity
        path = (found.get(identity) if identity else None) or unique_path(
            folder, file_stem(document.name), suffix, _short(identity), taken
        )
        reports.append(_write_markdown(path, document, force, overwrite_edits, present))
        done.add(identity)
    for identity, path in found.items():
        if identity not in done:
            prune = Document(path.stem, None, (), identity)
            reports.append(_write_markdown(path, prune, force, False, present, prune=True))
    return reports


class _Present:
    """What the notebook still has: a region missing from this export is left alone if what it
    shows is still there (out of scope this time), removed if it was deleted.

    Each part is worked out when first asked: a new file, or one exported again with nothing
    changed, asks none of them (a dict and sets of every highlight, ~20 ms at 50,000).
    """

    def __init__(self, highlights: Sequence[Highlight]) -> None:
        self._highlights = highlights

    @functools.cached_property
    def tags_of(self) -> dict[str, tuple[str, ...]]:
        """Each highlight's tags, by its id."""
        return {h.id: h.tags for h in self._highlights}

    @functools.cached_property
    def articles(self) -> set[str]:
        """The articles with a highlight."""
        return {h.article_id for h in self._highlights}

    @functools.cached_property
    def tags(self) -> set[str]:
        """Every tag of a highlight."""
        return {t for tags in self.tags_of.values() for t in tags}

    @functools.cached_property
    def untagged(self) -> bool:
        """Whether some highlight has no tag."""
        return any(not tags for tags in self.tags_of.values())

    def keep(self, key: str) -> bool:
        """Whether a region Gloss did not write this time shows something still there."""
        pairs = parse_key(key)
        if "id" in pairs:
            tags = self.tags_of.get(pairs["id"] or "")
            if tags is None:
                return False
            if "tag" in pairs:
                return pairs["tag"] in tags
            return not tags if "untagged" in pairs else True
        if "article" in pairs:
            return pairs["article"] in self.articles
        if "tag" in pairs:
            return pairs["tag"] in self.tags
        return self.untagged if "untagged" in pairs else False

    def with_tags_of(self, keys: Iterable[str], front: dict[str, Any]) -> dict[str, Any]:
        """``front`` with its ``tags`` grown by the tags of the highlights in ``keys``, spelt
        as the front matter spells them (:func:`obsidian_tags`): the raw tag ("read later")
        would differ from the file's "read-later" and rewrite a file nothing changed."""
        raw: set[str] = set()
        for key in keys:
            raw.update(self.tags_of.get(parse_key(key).get("id") or "", ()))
        return with_tags(raw, front)

    def keep_header(self, key: str) -> bool:
        """As :meth:`keep`, but a heading always stays (a file pruned, not rewritten)."""
        return "id" not in parse_key(key) or self.keep(key)


def with_tags(raw: set[str], front: dict[str, Any]) -> dict[str, Any]:
    """``front`` with its ``tags`` grown by the highlights' tags ``raw``, as
    :meth:`_Present.with_tags_of` gives it."""
    tags = set(front.get("tags", ())) | set(obsidian_tags(raw))
    if tags == set(front.get("tags", ())):
        return front
    out = {k: v for k, v in front.items() if not k.startswith("gloss_")}
    out["tags"] = sorted(tags)
    out.update({k: v for k, v in front.items() if k.startswith("gloss_")})
    return out


def _short(identity: tuple[str, str] | None) -> str:
    if identity is None:
        return "gloss"
    key, value = identity
    return "tag" if key == "gloss_tag" else value[:8]


def _exporter(
    options: ExportOptions, bodies: Mapping[str, Article] | None, scope: Scope
) -> MarkdownExporter:
    template = load_template(options.template, options.layout or "article")
    if options.layout is not None and template.layout != options.layout:
        raise TemplateError(
            f"template {template.name} is for the layout by {template.layout}, "
            f"not by {options.layout}"
        )
    return MarkdownExporter(
        template, style=options.citation_style, cite_accessed=options.cite_accessed,
        bodies=bodies, tags=scope.tags, csl=options.csl,
    )


def _write_markdown(
    path: Path,
    document: Document,
    force: bool,
    overwrite_edits: bool,
    present: _Present | None = None,
    *,
    prune: bool = False,
    read: tuple[Existing | None, ParsedFile | None] | None = None,
) -> FileReport:
    """Write ``document`` to ``path``, merging into what Gloss wrote there; ``read`` is the
    file as the caller read and parsed it already (else it is read here)."""
    existing, parsed = read if read is not None else (read_existing(path), None)
    keys = [region.key for region in document.regions]
    if existing is None:
        write_atomic(path, document_pieces(document))
        return FileReport(path, "created", MergeReport(added=keys))
    if existing.text.strip() and not is_gloss_markdown(existing.text):
        check_destination(path, "markdown", force=force)
        write_atomic(path, document_pieces(document), existing.newline)
        return FileReport(path, "replaced", MergeReport(added=keys))
    if parsed is None and unchanged_as_written(existing.text, document):
        # The file is exactly what Gloss would write: no parse needed to know it stays.
        return FileReport(path, "unchanged", MergeReport(unchanged=keys))
    if parsed is None:  # parsed once, for the check below and the merge
        try:
            parsed = parse_file(existing.text, str(path))
        except MarkerError:
            parsed = None  # the merge raises it again, as it says
    if parsed is not None and unchanged_in(existing.text, parsed, document):
        # What the merge would give: the file as it is, every region unchanged.
        return FileReport(path, "unchanged", MergeReport(unchanged=keys))
    keep = None if present is None else present.keep_header if prune else present.keep
    try:
        text, report = merge_document(
            parsed or existing.text, document, overwrite_edits=overwrite_edits, keep=keep,
            where=str(path),
        )
        if present is not None and document.front_matter is not None and report.outside:
            # Quotes left in the file from outside this export still count in its tags.
            front = present.with_tags_of(report.outside, document.front_matter)
            if front != document.front_matter:
                document = replace(document, front_matter=front)
                text, report = merge_document(parsed or existing.text, document,
                                              overwrite_edits=overwrite_edits, keep=keep,
                                              where=str(path))
    except MarkerError:
        if not force:
            raise
        write_atomic(path, document_pieces(document), existing.newline)
        return FileReport(path, "replaced", MergeReport(added=keys))
    if text == existing.text:
        return FileReport(path, "unchanged", report)
    write_atomic(path, text, existing.newline)
    return FileReport(path, "updated", report)


def _write_json(path: Path, text: str, force: bool) -> FileReport:
    existing = read_existing(path)
    if existing is not None and existing.text.strip() and not is_gloss_json(existing.text):
        check_destination(path, "json", force=force)
        write_atomic(path, text, existing.newline)
        return FileReport(path, "replaced")
    if existing is not None and existing.text == text:
        return FileReport(path, "unchanged")
    write_atomic(path, text)
    return FileReport(path, "created" if existing is None else "updated")
