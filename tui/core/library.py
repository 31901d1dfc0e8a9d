"""Opening articles through the notebook, so reading works offline and highlights follow.

A source already in the notebook opens from its snapshot, with no network; anything else is
fetched, cleaned and saved. A re-fetch (``refresh=True``) saves the new version and, if its
text changed, re-anchors every highlight and reports how they fared. The CLI and the UI both
open articles this way, so they agree on what "the article at this source" is.
"""

from __future__ import annotations

import dataclasses
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from tui.core.errors import ExtractError, FetchError
from tui.core.fetch import DEFAULT_LIMITS, Limits, check_source, fetch_async, source_url
from tui.core.model import AnchorStatus, Article, Highlight, SavedArticle, article_id_for

if TYPE_CHECKING:
    from collections.abc import Callable

    from tui.core.anchor import Anchor, AnchorSummary
    from tui.core.notebook import Notebook

# asyncio, the anchoring and the notebook's writer are imported where they are used:
# `gloss PAGE` imports this module before it forks the child cleaning the page, and the
# earlier the fork, the sooner the page is ready (tui.core.loader).

# A source that names a saved article by its id, for articles with no address of their own
# (read from stdin) and for screens that list saved articles.
SAVED_PREFIX = "gloss:article/"


def saved_source(article_id: str) -> str:
    """The source that opens saved article ``article_id`` from the notebook."""
    return SAVED_PREFIX + article_id


@dataclass(frozen=True, slots=True)
class Placed:
    """A highlight and where it sits in the article's text today (orphans: status ORPHAN)."""

    highlight: Highlight
    anchor: Anchor


@dataclass(frozen=True, slots=True)
class Opened:
    """An article as opened: its record, its body, and its highlights placed in it."""

    record: SavedArticle
    article: Article
    placed: tuple[Placed, ...]
    offline: bool  # read from the notebook's snapshot, not fetched
    summary: AnchorSummary | None = None  # after a re-fetch that changed the text

    @property
    def orphans(self) -> tuple[Highlight, ...]:
        """Highlights whose text is gone from this version: kept, listed, never deleted."""
        return tuple(p.highlight for p in self.placed if p.anchor.status is AnchorStatus.ORPHAN)


async def fetch_and_clean(
    source: str,
    base_url: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    stdin: BinaryIO | None = None,
) -> Article:
    """Fetch ``source`` and clean it; cleaning runs in a thread so an event loop stays free."""
    import asyncio

    from tui.core.extract import extract  # not for opening saved articles: a slow import

    page = await fetch_async(source, limits=limits, base_url=base_url, stdin=stdin)
    return await asyncio.to_thread(
        extract, page.html, page.url, source=page.source, content_type=page.content_type
    )


def place(article: Article, highlights: list[Highlight]) -> tuple[Placed, ...]:
    """Where each highlight sits in ``article``; cheap when the text is the one they saw or
    one they were placed in before. The rest are re-anchored from the words the user
    highlighted (their target), never from an earlier placement."""
    if not highlights:
        return ()
    from tui.core.anchor import known_anchor, reanchor_all

    placed: list[Placed] = []
    other: list[Highlight] = []
    for h in highlights:
        known = known_anchor(h, article.text_hash, article.text)
        if known is None:
            other.append(h)
        else:
            placed.append(Placed(h, known))
    anchors = reanchor_all([h.target for h in other], article.text) if other else []
    placed += [Placed(h, a) for h, a in zip(other, anchors, strict=True)]
    return tuple(sorted(placed, key=lambda p: (p.anchor.start, p.anchor.end)))


class _PutOff:
    """A save :meth:`Library.keep_later` put off: the article, the time its record shows,
    and the thread saving it once started."""

    def __init__(self, article: Article, saved: str) -> None:
        self.article = article
        self.saved = saved
        self.thread: threading.Thread | None = None
        self._askers: list[int] = []  # threads that asked to save, in order
        self._done = threading.Event()

    def save_once(self, save: Callable[[_PutOff], None]) -> None:
        """Run ``save`` once, by whoever asks first; later askers wait for it to end.

        A hang-up's handler runs in the main thread between two of its bytecodes, so it
        may ask while the thread is being made or started (nothing to join yet: save), or
        while the main thread itself is saving (waiting would never end: save again).
        """
        if self._done.is_set():
            return
        me = threading.get_ident()
        self._askers.append(me)  # atomic: the first to append is the one to save
        if self._askers[0] != me:
            self._done.wait()
            return
        try:
            save(self)
        finally:
            self._done.set()


class Library:
    """Opens articles through a notebook. One per app or command."""

    def __init__(self, notebook: Notebook, *, limits: Limits = DEFAULT_LIMITS) -> None:
        self._notebook = notebook
        self.limits = limits
        self._put_off: _PutOff | None = None
        # The app's thread, a loading worker's, and a hang-up's handler (re-entering).
        self._settling = threading.RLock()
        # What went wrong saving a put-off article (raised by whoever settles last).
        self.save_error: BaseException | None = None

    @property
    def notebook(self) -> Notebook:
        """The notebook; a save put off by :meth:`keep_later` is finished first, so that
        whatever reads or writes the notebook after it sees the article saved."""
        if self._put_off is not None:
            self.settle()
        return self._notebook

    @notebook.setter
    def notebook(self, notebook: Notebook) -> None:
        self.settle()
        self._notebook = notebook

    def saved(self, source: str, base_url: str | None = None) -> SavedArticle | None:
        """The saved article for ``source``, if any (stdin without a URL never matches)."""
        url = source_url(source, base_url)
        return self.notebook.find_article(url) if url else None

    def check_openable(self, source: str, base_url: str | None = None) -> None:
        """Raise the one-line error opening ``source`` would give, where that is known
        without reading it (a missing file, a directory, a scheme Gloss cannot read).

        A page saved from a file still opens from the notebook after the file is gone.
        """
        if source == "-" or source.startswith(SAVED_PREFIX):
            return
        try:
            check_source(source)
        except FetchError:
            if self.saved(source, base_url) is None:
                raise

    async def open(
        self,
        source: str,
        base_url: str | None = None,
        *,
        refresh: bool = False,
        stdin: BinaryIO | None = None,
    ) -> Opened:
        """The article at ``source``: from the notebook unless ``refresh``, not saved yet, or
        saved without its body (imported); then fetched, saved, and its highlights placed.

        ``source`` may name a saved article by id (:func:`saved_source`): that opens its
        saved copy, and a refresh fetches it again from its URL if it has one.
        """
        if source.startswith(SAVED_PREFIX):
            return await self._open_by_id(source.removeprefix(SAVED_PREFIX), refresh=refresh)
        record = None if refresh else self.saved(source, base_url)
        # A record without its snapshot (imported from JSON) is fetched: that stores it.
        if record is not None and record.snapshot in self.notebook.snapshots:
            return self.open_saved(record.id)
        import asyncio

        article = await fetch_and_clean(source, base_url, limits=self.limits, stdin=stdin)
        return await asyncio.to_thread(self.keep, article)

    async def _open_by_id(self, article_id: str, *, refresh: bool) -> Opened:
        record = self.notebook.article(article_id)
        if record is None:
            from tui.core.notebook import NotInNotebook

            raise NotInNotebook("article", article_id)
        address = record.url or record.canonical_url
        if address and (refresh or record.snapshot not in self.notebook.snapshots):
            return await self.open(address, refresh=True)
        if not address and not record.snapshot:
            # A book imported from a Kindle, KOReader or Readwise: its highlights are all
            # there is (the notebook screen lists them).
            raise ExtractError(
                f"{record.title} has no text to read (a book's highlights, imported): "
                f"`gloss notebook list --article {record.id}` lists them"
            )
        return self.open_saved(article_id)

    def open_saved(self, article_id: str) -> Opened:
        """A saved article from its snapshot, offline."""
        self.notebook.refresh()
        record = self.notebook.article(article_id)
        if record is None:
            from tui.core.notebook import NotInNotebook

            raise NotInNotebook("article", article_id)
        article = self.notebook.load_article(article_id)
        placed = place(article, self.notebook.highlights(article_id))
        return Opened(record, article, placed, offline=True)

    def keep_later(self, article: Article) -> Opened:
        """What :meth:`keep` returns, the writes put off: the reader's first frame needs
        the article, not its snapshot (gzip) or its record on disk. :meth:`save_later`
        starts the save in a thread, :meth:`settle` finishes it (reading :attr:`notebook`
        settles too, so nothing sees the notebook without it).

        Only a new article with no highlights is put off (there is nothing to re-anchor,
        the record is the article's own); anything else is kept at once.
        """
        notebook = self.notebook
        article_id = article_id_for(article)
        if (
            notebook.read_only
            or notebook.article(article_id) is not None
            or notebook.highlights(article_id)
        ):
            return self.keep(article)
        from tui.core.notebook.snapshots import encode

        record = SavedArticle.from_article(article, encode(article)[0])
        self._put_off = _PutOff(article, record.saved)
        return Opened(record, article, (), offline=False)

    def save_later(self) -> None:
        """Start saving the article :meth:`keep_later` put off, in a thread (most of it is
        gzip, which runs beside the UI)."""
        with self._settling:
            put_off = self._put_off
            if put_off is None or put_off.thread is not None:
                return
            put_off.thread = threading.Thread(
                target=put_off.save_once, args=(self._save_put_off,), name="gloss-save"
            )
            put_off.thread.start()

    def settle(self) -> None:
        """Finish the save :meth:`keep_later` put off: wait for its thread's, or save now
        (also when its thread is made but not started). A failure is kept in
        :attr:`save_error`."""
        with self._settling:
            put_off = self._put_off
            if put_off is None:
                return
            put_off.save_once(self._save_put_off)
            self._put_off = None

    def _save_put_off(self, put_off: _PutOff) -> None:
        try:
            self._notebook.save_article(put_off.article, saved=put_off.saved)
        except BaseException as exc:  # reported when the app ends (see settle's callers)
            self.save_error = exc

    def keep(self, article: Article) -> Opened:
        """Save a freshly fetched ``article``; re-anchor its highlights if its text changed.

        A read-only notebook (opened so after damage) shows the article without saving it.
        """
        if self.notebook.read_only:
            record = self.notebook.article(article_id_for(article))
            record = record or SavedArticle.from_article(article)
            placed = place(article, self.notebook.highlights(record.id))
            return Opened(record, article, placed, offline=False)
        record = self.notebook.save_article(article)
        highlights = self.notebook.highlights(record.id)
        placed = place(article, highlights)
        summary = None
        if not highlights:
            return Opened(record, article, placed, offline=False)
        from tui.core.anchor import known_anchor, summarize

        if any(known_anchor(h, article.text_hash, article.text) is None for h in highlights):
            summary = summarize([p.anchor for p in placed])
            placed = self._store_new_anchors(article, placed)
        return Opened(record, article, placed, offline=False, summary=summary)

    def _store_new_anchors(
        self, article: Article, placed: tuple[Placed, ...]
    ) -> tuple[Placed, ...]:
        """Record where each highlight sits in the new text, so the next open is exact.

        The quote the user highlighted (the target) is kept as it is, also when the page's
        words changed or the passage is gone: only its placement is stored, with the page's
        new wording beside it. Not an edit by the user, so ``updated`` is left alone.
        """
        from tui.core.anchor import known_anchor, placement

        out = []
        changed = []
        for p in placed:
            h = p.highlight
            if known_anchor(h, article.text_hash, article.text) is None:
                where = placement(h, p.anchor, article.text, article.text_hash)
                h = dataclasses.replace(h, placement=where)
                if h.target.text_hash == article.text_hash:  # its offsets lied about this text
                    h = dataclasses.replace(h, target=dataclasses.replace(h.target, text_hash=""))
                changed.append((h, p.highlight))
            out.append(Placed(h, p.anchor))
        with self.notebook.batch():
            for h, base in changed:  # only the placement changes: tags edited meanwhile stay
                self.notebook.update_highlight(h, base=base)
        return tuple(out)
