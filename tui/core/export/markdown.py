"""Markdown documents from records: what each template block sees, and which regions a file has.

Plain records in (``SavedArticle``, ``Highlight``, optionally the ``Article`` bodies for
better passage links), :class:`~tui.core.export.merge.Document` out; writing and merging
files is :mod:`tui.core.export.merge` and :mod:`tui.core.export.exporter`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from tui.core.anchor import UNCHECKED, QuoteState, QuoteStatus, reanchor, state_in, state_of
from tui.core.export.citation import accessed_on, cite, emphasis_over
from tui.core.export.escape import (
    Markdown,
    blockquote,
    defuse_markers,
    escape_inline,
    hashtag,
    obsidian_tag,
    obsidian_tags,
    printed,
)
from tui.core.export.fragment import fragment_link, link_base, plain_directive
from tui.core.export.merge import UNTAGGED_SECTION, Document, Region, id_key, region_key
from tui.core.export.shipped import article_highlight, status_text, tag_highlight
from tui.core.export.styles import CitationStyle
from tui.core.export.template import MarkdownTemplate, TemplateView
from tui.core.model import Article, Highlight, SavedArticle
from tui.core.text import EPOCH

if TYPE_CHECKING:  # citeproc-py is loaded only for an export that asks for a CSL style
    from tui.core.export.csl import CslStyle

COLLECTION_TITLE = "Gloss highlights"
BOARD_TITLE = "Quote board"
UNTAGGED = "untagged"
_Item = tuple[SavedArticle, Highlight]
_UUID = re.compile(r"^[0-9a-f]{8}-?(?:[0-9a-f]{4}-?){3}[0-9a-f]{12}$", re.IGNORECASE)
# A UUID as uuid4() writes it (any case): its key needs no encoding, its block id no digest.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                             re.IGNORECASE)
# Canonical UUIDs one a line, to check an article's ids in one call.
_CANONICAL_UUIDS = re.compile(rf"{_CANONICAL_UUID.pattern}(?:\n{_CANONICAL_UUID.pattern})*",
                              re.IGNORECASE)
# What a Markdown link destination cannot hold: encoded, and control characters dropped.
_URL_TABLE: dict[int, str | None] = {c: None for c in [*range(32), 127]}
_URL_TABLE.update({ord(" "): "%20", ord("<"): "%3C", ord(">"): "%3E", ord("("): "%28",
                   ord(")"): "%29"})


# Views are plain slotted dataclasses, not frozen ones: a frozen dataclass sets every field
# through object.__setattr__, which shows at 50,000 highlights. Nothing changes them.
@dataclass(slots=True)
class ArticleView(TemplateView):
    """An article as templates see it (``article``)."""

    id: str
    title: str
    author: str | None
    site: str | None
    url: Markdown | None
    published: str | None
    saved: str | None
    tags: tuple[str, ...]
    hashtags: Markdown
    highlight_count: int
    citation: Markdown
    # ``mla``, ``apa`` and ``chicago`` are worked out when a template first reads one: the
    # shipped templates print only ``citation``, and citing every article in three more
    # styles was a tenth of a 50,000-highlight export. Private: templates cannot read it.
    _cite: Callable[[CitationStyle], Markdown] = field(repr=False, compare=False)
    _cited: dict[str, Markdown] = field(default_factory=dict, repr=False, compare=False)

    def _in(self, style: CitationStyle) -> Markdown:
        found = self._cited.get(style)
        if found is None:
            found = self._cited[style] = self._cite(style)
        return found

    @property
    def mla(self) -> Markdown:
        """The citation in MLA style."""
        return self._in("mla")

    @property
    def apa(self) -> Markdown:
        """The citation in APA style."""
        return self._in("apa")

    @property
    def chicago(self) -> Markdown:
        """The citation in Chicago style."""
        return self._in("chicago")


class QuoteText(str):
    """The highlighted words, with the page's italics and bold over them (``emphasis``:
    ``(kind, start, end)`` within the quote) for the ``blockquote`` filter to keep."""

    emphasis: tuple[tuple[str, int, int], ...] = ()


@dataclass(slots=True)
class HighlightView(TemplateView):
    """A highlight as templates see it (``highlight``)."""

    id: str
    block_id: str
    quote: str  # a QuoteText when the page's italics or bold lie over it
    note: Markdown
    tags: tuple[str, ...]
    hashtags: Markdown
    color: str
    created: str | None
    updated: str | None
    link: Markdown | None
    start: int
    end: int
    prefix: str
    suffix: str
    status: str  # ok, changed, orphan, unchecked (see tui.core.anchor.status)
    anchoring: str | None  # exact, moved, fuzzy, orphan; None when unchecked
    changed: bool
    orphan: bool
    current_quote: str | None  # the page's wording now, when it changed
    location: str | None  # where an imported book highlight sits ("page 6, location 84-86")


@dataclass(slots=True)
class TagView(TemplateView):
    """A section of the layout by tag (``tag``); ``untagged`` for highlights with no tag."""

    name: str
    hashtag: Markdown
    untagged: bool
    highlight_count: int
    article_count: int


def block_id(highlight_id: str, section: str | None = None) -> str:
    """The stable Obsidian block id of a highlight: ``hl-`` and 12 letters or digits.

    A UUID gives its first 12 hex digits; any other id (an imported annotation's URL) a
    digest of the whole id, so ids that share a beginning still differ. In the layout by
    tag a highlight shows once per tag, so ``section`` (its tag) adds ``-`` and 6 more.
    """
    if _UUID.match(highlight_id):
        base = highlight_id.replace("-", "").lower()[:12]
    else:
        base = hashlib.sha256(highlight_id.encode("utf-8")).hexdigest()[:12]
    if section is None:
        return "hl-" + base
    return f"hl-{base}-{hashlib.sha256(section.encode('utf-8')).hexdigest()[:6]}"


def known_time(value: str | None) -> str | None:
    """``value``, or None when it is the stand-in for a time nobody recorded (an imported
    annotation without ``created``): exports leave it out rather than print 1970."""
    return None if not value or value == EPOCH else value


def safe_url(url: str | None) -> Markdown | None:
    """A web URL fit for a Markdown link destination (no spaces, brackets or line breaks)."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    return Markdown(url.translate(_URL_TABLE))


def note_markdown(note: str) -> Markdown:
    """A note is the user's own Markdown; only HTML comments (and so markers) are defused."""
    if not note:
        return Markdown("")
    text = "\n".join(line.rstrip() for line in note.replace("\r\n", "\n").split("\n"))
    return Markdown(text.strip("\n").replace("<!--", "\\<!--"))


def sort_highlights(highlights: Iterable[Highlight]) -> list[Highlight]:
    """Highlights in reading order: by where they sit in the text now, then by creation."""
    # Highlight.start read inline when there is no placement (its answer then): one Python
    # call per highlight fewer.
    return sorted(highlights, key=lambda h: (
        h.target.position.start if h.placement is None else h.start,
        h.target.position.end, h.created, h.id,
    ))


def sort_articles(articles: Iterable[SavedArticle]) -> list[SavedArticle]:
    """Articles in the order they were saved."""
    return sorted(articles, key=lambda a: (a.saved, a.id))


class MarkdownExporter:
    """Builds the documents of one export: one template, one citation style."""

    def __init__(
        self,
        template: MarkdownTemplate,
        *,
        style: CitationStyle = "mla",
        cite_accessed: bool = True,
        bodies: Mapping[str, Article] | None = None,
        tags: frozenset[str] | None = None,
        csl: CslStyle | None = None,
    ) -> None:
        self.template = template
        self.csl = csl
        self.renderer = template.renderer()
        self.style = style
        self.cite_accessed = cite_accessed
        self.bodies = bodies or {}
        # In the layout by tag, only these sections (an export scoped to some tags).
        self.tags = tags
        self._urls: dict[str, Markdown | None] = {}
        # The shipped template this is, unmodified ("article", "tags"): its highlights are
        # printed from their pieces, without a view (see _shipped_highlight).
        self._shipped = template.shipped

    # -- views -----------------------------------------------------------------------------

    def article_view(self, article: SavedArticle, highlights: Sequence[Highlight]) -> ArticleView:
        """What templates know of ``article`` (with its highlights' tags and count)."""
        saved = known_time(article.saved)
        accessed: date | None = accessed_on(saved) if self.cite_accessed and saved else None
        body = self.bodies.get(article.id)
        text = body.text if body is not None else None

        def cited(style: CitationStyle) -> Markdown:
            return Markdown(cite(article, style, accessed, text=text))

        cited_now: dict[str, Markdown] = {}
        if self.csl is not None:
            own = self.csl.cite(article, body, accessed=accessed is not None)
        else:
            own = cited_now[self.style] = cited(self.style)
        tags = tuple(sorted(_tags_of(highlights)))
        return ArticleView(
            id=article.id,
            title=article.title,
            author=article.byline,
            site=article.site_name,
            url=safe_url(article.canonical_url or article.url),
            published=article.published,
            saved=saved,
            tags=tags,
            hashtags=_hashtags(tags),
            highlight_count=len(highlights),
            citation=Markdown(own),
            _cite=cited,
            _cited=cited_now,
        )

    def quote_state(self, highlight: Highlight, article: SavedArticle) -> QuoteState:
        """What became of the quote in the article's saved text: stored, else worked out
        from the saved copy when the export has it (nothing is written back)."""
        if article.text_hash or highlight.target.text_hash:
            known = state_of(highlight, article.text_hash)
            if known is not None:
                return known
        body = self.bodies.get(article.id)
        if body is None:
            return UNCHECKED
        return state_in(highlight, reanchor(highlight.target, body.text), body.text)

    def _passage(
        self, highlight: Highlight, article: SavedArticle
    ) -> tuple[QuoteState, str | None, tuple[tuple[str, int, int], ...]]:
        """The quote's state, its passage link, and the page's italics and bold over it."""
        target = highlight.target
        body = self.bodies.get(article.id)
        if article.id in self._urls:
            url = self._urls[article.id]
        else:
            url = self._urls[article.id] = safe_url(article.canonical_url or article.url)
        state = self.quote_state(highlight, article)
        status = state.status  # compared here rather than through its properties, per quote
        # A passage link must match the page: none for an orphan, the page's wording for a
        # changed quote (the link opens the passage as it reads now; the flag says so).
        link = None
        if status is QuoteStatus.ORPHAN:
            pass
        elif status is QuoteStatus.CHANGED and state.current is not None:
            text = body.text if body is not None else None
            before = text[max(0, state.start - 32) : state.start] if text else ""
            link = fragment_link(url, state.current, before, text=text, start=state.start)
        else:
            # The directive fragment_link adds is percent-encoded: the link stays Markdown-safe.
            start = state.start if state.start >= 0 else target.position.start
            link = fragment_link(
                url,
                target.quote.exact,
                target.quote.prefix,
                text=body.text if body is not None else None,
                start=start,
            )
        emphasis: tuple[tuple[str, int, int], ...] = ()
        if body is not None and status is not QuoteStatus.ORPHAN and (
            status is not QuoteStatus.CHANGED
        ):
            emphasis = emphasis_over(body, state.start if state.start >= 0
                                     else target.position.start, target.quote.exact)
        return state, link, emphasis

    def highlight_view(
        self, highlight: Highlight, article: SavedArticle, section: str | None = None
    ) -> HighlightView:
        """What templates know of ``highlight``: the words the user highlighted, flagged
        when the page's words changed (with its wording now) or the passage is gone."""
        target = highlight.target
        state, link, emphasis = self._passage(highlight, article)
        quote: str = target.quote.exact
        if emphasis:  # a plain str otherwise: one object fewer per quote
            quote = QuoteText(quote)
            quote.emphasis = emphasis
        created = known_time(highlight.created)
        return HighlightView(
            id=highlight.id,
            block_id=block_id(highlight.id, section),
            quote=quote,
            note=note_markdown(highlight.note),
            tags=highlight.tags,
            hashtags=_hashtags(highlight.tags),
            color=highlight.color,
            created=created,
            updated=created and known_time(highlight.updated),
            link=None if link is None else Markdown(link),
            start=target.position.start,
            end=target.position.end,
            prefix=target.quote.prefix,
            suffix=target.quote.suffix,
            status=state.status.value,
            anchoring=None if state.anchoring is None else state.anchoring.value,
            changed=state.changed,
            orphan=state.orphan,
            current_quote=state.current,
            location=highlight.location,
        )

    def _shipped_highlight(
        self, highlight: Highlight, article: SavedArticle, citation: str | None = None,
        section: str | None = None,
    ) -> str:
        """A shipped template's ``highlight`` block, as its renderer gives it from
        :meth:`highlight_view`, from the pieces it prints (no view is built: at 50,000
        highlights the view was a third of an export's time). ``citation``: the article's,
        printed, for the template ``tags``; None for ``article``.

        Each piece is what the template's twin (``shipped._article_highlight`` and
        ``_tag_highlight``) takes from the view: the note, the hashtags and the link are
        Markdown (printed as they are), and a block id (``hl-`` and hex digits) has nothing
        to escape. ``tests/core/test_export_shipped.py`` compares whole exports both ways.
        """
        state, link, emphasis = self._passage(highlight, article)
        note = note_markdown(highlight.note) or None
        status = state.status
        status_line = "" if status is QuoteStatus.OK or status is QuoteStatus.UNCHECKED else (
            status_text(status is QuoteStatus.ORPHAN, status is QuoteStatus.CHANGED,
                        state.current))
        bid = block_id(highlight.id, section)
        if citation is None:
            tags = highlight.tags
            text = article_highlight(
                highlight.target.quote.exact, emphasis, highlight.location, bid, status_line,
                note, tags, _hashtags(tags), link or None,
            )
        else:
            text = tag_highlight(
                highlight.target.quote.exact, emphasis, citation, highlight.location, bid,
                status_line, note, link or None,
            )
        return defuse_markers(text.strip("\n"))

    def _shipped_article_highlights(
        self, article: SavedArticle, highlights: list[Highlight]
    ) -> list[Region]:
        """The regions of ``article``'s highlights in the shipped template ``article``: what
        :meth:`_shipped_highlight` gives for each, with the per-article work done once.

        Without the article's saved text (the usual case: an export from the notebook alone)
        a quote whose state is stored for the saved text, or that has no placement, is OK or
        unchecked, starts where it was highlighted, has no italics from the page and a
        passage link without a prefix: its block is put together here, inline (at 50,000
        highlights every call per quote shows). Any other quote goes through
        :meth:`_shipped_highlight`. ``tests/core/test_export_fast_article.py`` holds both
        paths to the same text.
        """
        shipped = self._shipped_highlight
        if self.bodies.get(article.id) is not None:
            return [Region(id_key(h.id), shipped(h, article)) for h in highlights]
        url = safe_url(article.canonical_url or article.url)
        # What fragment_link puts before the directive: the URL without a directive of its own.
        base, opening = None, ""
        if url is not None:
            base = link_base(url)
            opening = "[Open passage](" + base[0] + base[1]  # and the directive, then ")"
        text_hash = article.text_hash
        out: list[Region] = []
        append = out.append
        # Whether every id is a canonical UUID (as uuid4() writes them), asked once of them
        # all, joined by line feeds, rather than once per id: an id holding a line feed would
        # add a line, so the count of line feeds must be the count of joins.
        ids = "\n".join([h.id for h in highlights])
        all_canonical = (ids.count("\n") == len(highlights) - 1
                         and _CANONICAL_UUIDS.fullmatch(ids) is not None)
        canonical = _CANONICAL_UUID.fullmatch
        for h in highlights:
            target = h.target
            hid = h.id
            if (h.placement is not None and target.text_hash != text_hash) or (
                not all_canonical and canonical(hid) is None
            ):
                append(Region(id_key(hid), shipped(h, article)))
                continue
            exact = target.quote.exact
            quoted = blockquote(exact)
            # Every line of the block ends with neither a space nor a tab, and the block
            # begins and ends with neither line break (what normalize_body gives): the quote's
            # lines are stripped, the note's too, the block id and the link end with neither.
            # Only a location that prints as nothing leaves "> — " with its space.
            normal = True
            location = h.location
            if location:
                where = printed(location)
                quoted += "\n>\n> — " + where
                normal = where != ""
            note = h.note
            if note:
                note = note_markdown(note)
            tags = h.tags
            # What follows the block id; the template's trailing line breaks are left out
            # (the block is stripped of them), so each part is "\n\n" and its line.
            if base is not None:
                directive = plain_directive(exact)
                link = (f"{opening}{directive})" if directive
                        else "[Open passage](" + base[0] + ")")
                tail = f"\n\n{_hashtags(tags)} · {link}" if tags else "\n\n" + link
            elif tags:
                tail = "\n\n" + _hashtags(tags)
                if tail == "\n\n":
                    tail = ""
            else:
                tail = ""
            # A canonical UUID's block id is its first 12 hex digits (block_id), its key the
            # id itself (nothing in it to percent-encode).
            if note:
                text = f"{quoted}\n\n^hl-{(hid[:8] + hid[9:13]).lower()}\n\n{note}{tail}"
                # Only a line of the note could start like a marker: the quote's start with
                # '>', the block id's with '^', the tags' and link's with '#', '[' or ' '.
                if "<!--" in note:
                    text = defuse_markers(text)
            else:
                text = f"{quoted}\n\n^hl-{(hid[:8] + hid[9:13]).lower()}{tail}"
            append(Region("id=" + hid, text, normal))
        return out

    # -- documents ---------------------------------------------------------------------------

    def by_article(
        self, articles: Sequence[SavedArticle], highlights: Sequence[Highlight]
    ) -> list[Document]:
        """One document per article (a folder export)."""
        groups = _group(articles, highlights)
        return [self.article_document(article, hls) for article, hls in groups]

    def by_tag(
        self,
        articles: Sequence[SavedArticle],
        highlights: Sequence[Highlight],
        also: Iterable[str | None] = (),
    ) -> list[Document]:
        """One document per tag (a folder export of the layout by tag).

        ``also`` names tags (None: the untagged) whose document is wanted even with no
        highlight in this export: their files are in the folder and must lose deleted quotes.
        """
        sections, views = self._tag_sections(articles, highlights)
        present = {tag for tag, _ in sections}
        sections += [(tag, []) for tag in dict.fromkeys(also) if tag not in present]
        out = []
        for tag, items in sections:
            name = UNTAGGED_SECTION if tag is None else tag
            front: dict[str, Any] = {"title": name}
            if tag is not None and obsidian_tag(tag):
                front["tags"] = [obsidian_tag(tag)]
            front["gloss_tag"] = name
            regions = tuple(self._tag_regions(tag, items, views))
            out.append(Document(name, front, regions, ("gloss_tag", name)))
        return out

    def one_file(
        self,
        articles: Sequence[SavedArticle],
        highlights: Sequence[Highlight],
        *,
        collection: bool = False,
    ) -> Document:
        """Everything in one document, in the template's layout.

        One article gives that article's document, unless ``collection`` (the file it goes
        into holds others: a subset exported into it must not take it over); several (or
        none) a collection whose title heading is a region of its own, so the file always
        holds one Gloss region.
        """
        tags = obsidian_tags(_tags_of(highlights))
        if self.template.layout == "tag":
            sections, views = self._tag_sections(articles, highlights)
            regions = [r for tag, items in sections for r in self._tag_regions(tag, items, views)]
            title = BOARD_TITLE
        else:
            groups = _group(articles, highlights)
            if len(groups) == 1 and not collection:
                return self.article_document(*groups[0])
            regions = [r for article, hls in groups for r in self._article_regions(article, hls)]
            title = COLLECTION_TITLE
        front: dict[str, Any] = {"title": title}
        if tags:
            front["tags"] = tags
        header = Region(region_key(("header", None)), f"# {escape_inline(title)}")
        return Document(title, front, (header, *regions))

    def article_document(self, article: SavedArticle, highlights: list[Highlight]) -> Document:
        """The document of one article, with ``highlights`` (in reading order)."""
        return Document(
            article.title,
            _article_front_matter(article, highlights),
            tuple(self._article_regions(article, highlights)),
            ("gloss_id", article.id),
        )

    def _article_regions(
        self, article: SavedArticle, highlights: list[Highlight]
    ) -> list[Region]:
        view = self.article_view(article, highlights)
        render = self.renderer.render
        regions = [Region(region_key(("article", article.id)),
                          render("article", {"article": view, "tag": None}))]
        if self._shipped == "article":
            regions += self._shipped_article_highlights(article, highlights)
            return regions
        for highlight in highlights:
            context = {"highlight": self.highlight_view(highlight, article), "article": view,
                       "tag": None}
            regions.append(Region(id_key(highlight.id), render("highlight", context)))
        return regions

    def _tag_sections(
        self, articles: Sequence[SavedArticle], highlights: Sequence[Highlight]
    ) -> tuple[list[tuple[str | None, list[_Item]]], dict[str, ArticleView]]:
        """Tag sections (alphabetical, the untagged last) and each article's view."""
        sections: dict[str | None, list[_Item]] = {}
        views: dict[str, ArticleView] = {}
        for article, hls in _group(articles, highlights):
            views[article.id] = self.article_view(article, hls)
            for highlight in hls:
                for tag in highlight.tags or (None,):
                    if self.tags is None or tag in self.tags:
                        sections.setdefault(tag, []).append((article, highlight))
        ordered = sorted(sections.items(), key=lambda item: (item[0] is None, item[0] or ""))
        return ordered, views

    def _tag_regions(
        self,
        tag: str | None,
        items: list[_Item],
        views: Mapping[str, ArticleView],
    ) -> list[Region]:
        section = ("untagged", None) if tag is None else ("tag", tag)
        view = TagView(
            name=UNTAGGED if tag is None else tag,
            hashtag=Markdown("") if tag is None else Markdown(hashtag(tag)),
            untagged=tag is None,
            highlight_count=len(items),
            article_count=len({article.id for article, _ in items}),
        )
        render = self.renderer.render
        regions = [Region(region_key(section), render("tag", {"tag": view}))]
        if self._shipped == "tags":
            shipped = self._shipped_highlight
            cited = {a: printed(v.citation) for a, v in views.items()}
            regions += [
                Region(region_key(section, ("id", highlight.id)),
                       shipped(highlight, article, cited[article.id], tag))
                for article, highlight in items
            ]
            return regions
        for article, highlight in items:
            # A highlight shows once per tag: each showing has its own block id.
            context = {"highlight": self.highlight_view(highlight, article,
                                                        None if tag is None else tag),
                       "article": views[article.id], "tag": view}
            regions.append(Region(region_key(section, ("id", highlight.id)),
                                  render("highlight", context)))
        return regions


def _group(
    articles: Sequence[SavedArticle], highlights: Sequence[Highlight]
) -> list[tuple[SavedArticle, list[Highlight]]]:
    """Each article with its highlights in reading order; articles in saved order.

    A highlight whose article is missing is kept under a stand-in, never dropped.
    """
    by_article: dict[str, list[Highlight]] = {article.id: [] for article in articles}
    known = {article.id: article for article in articles}
    for highlight in highlights:
        if highlight.article_id not in known:
            known[highlight.article_id] = SavedArticle(
                id=highlight.article_id, title="Unknown article", saved=""
            )
            by_article[highlight.article_id] = []
        by_article[highlight.article_id].append(highlight)
    return [(a, sort_highlights(by_article[a.id])) for a in sort_articles(known.values())]


def _article_front_matter(article: SavedArticle, highlights: list[Highlight]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "title": article.title,
        "author": article.byline,
        "site": article.site_name,
        "url": article.canonical_url or article.url,
        "published": article.published,
        "saved": known_time(article.saved),
        "tags": obsidian_tags(_tags_of(highlights)),
        "gloss_id": article.id,
    }
    return {key: value for key, value in fields.items() if value not in (None, "", [])}


def _tags_of(highlights: Sequence[Highlight]) -> set[str]:
    """Every tag of ``highlights``, each once (one set union, not a loop over every tag)."""
    return set().union(*[h.tags for h in highlights])


@lru_cache(maxsize=4096)
def _hashtags(tags: tuple[str, ...]) -> Markdown:
    return Markdown(" ".join(filter(None, (hashtag(t) for t in tags))))
