"""Loading an article for the reader: through the notebook when there is one.

:class:`ArticleLoader` is the one object the app talks to. With a :class:`Library` it opens
saved articles offline and saves new ones (see :mod:`tui.core.library`); without one (tests,
a throwaway reader) it fetches and cleans, keeping the last few articles so going back is
instant. Either way the answer is an :class:`Opened`.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core import locations
from tui.core.background import Cleaning, clean_in_background
from tui.core.errors import UsageError
from tui.core.fetch import DEFAULT_LIMITS, Limits
from tui.core.library import SAVED_PREFIX, Library, Opened, fetch_and_clean
from tui.core.model import Article, SavedArticle
from tui.core.notebook import open_lazily

if TYPE_CHECKING:
    from tui.core.notebook import Notebook

CACHE_SIZE = 8
# Seconds the start page may take before the command line says it is being fetched.
PATIENCE = 0.4


class ArticleLoader:
    """Loads articles for the reader.

    ``stdin_data`` holds HTML read from standard input before the app took the terminal,
    so that ``-`` can be loaded (and reloaded) like any other source.
    """

    def __init__(
        self,
        *,
        limits: Limits = DEFAULT_LIMITS,
        stdin_data: bytes | None = None,
        cache_size: int = CACHE_SIZE,
        library: Library | None = None,
    ) -> None:
        self.limits = limits
        self.stdin_data = stdin_data
        self.library = library
        self._cache: OrderedDict[tuple[str, str | None], Article] = OrderedDict()
        self._cache_size = cache_size
        self._opened_first: dict[tuple[str, str | None], Opened] = {}

    def open_first(
        self,
        source: str,
        base_url: str | None = None,
        *,
        cleaning: Cleaning | None = None,
        waiting: Callable[[bool], object] | None = None,
    ) -> Opened:
        """Open the start source now, blocking, before any screen exists.

        A source that cannot be opened (a failed URL, empty stdin, a page with no article)
        raises its one-line error here, so the command line can report it and exit the same
        way it does for a missing file. The article is kept for the first :meth:`load`.
        ``cleaning`` is the same source being fetched and cleaned in a child process; if it
        is not done within :data:`PATIENCE` seconds, ``waiting(True)`` is called (to say so),
        and ``waiting(False)`` once it is.
        """
        article = None
        if cleaning is not None:
            slow = waiting is not None and not cleaning.ready(PATIENCE)
            if slow and waiting is not None:
                waiting(True)
            try:
                article = cleaning.article()
            finally:
                if slow and waiting is not None:
                    waiting(False)
        if article is not None and self.library is not None:
            # Saved after the first paint (Library.save_later), or at the latest when the
            # app ends (Start.settle): the first frame needs only the article.
            opened = self.library.keep_later(article)
        elif article is not None:
            opened = Opened(SavedArticle.from_article(article), article, (), offline=False)
        else:
            from tui.core import aio  # asyncio, here, not at the top: see prepare_start

            opened = aio.run(self.load(source, base_url))
        self._opened_first[(source, base_url)] = opened
        return opened

    async def load(
        self, source: str, base_url: str | None = None, *, fresh: bool = False
    ) -> Opened:
        """The article at ``source``; ``fresh`` fetches again (a reload)."""
        first = self._opened_first.pop((source, base_url), None)
        if first is not None and not fresh:
            return first
        stdin = None
        if source == "-" and self.stdin_data is not None:
            stdin = io.BytesIO(self.stdin_data)
        if self.library is not None:
            return await self.library.open(source, base_url, refresh=fresh, stdin=stdin)
        key = (source, base_url)
        if fresh or key not in self._cache:
            self._cache[key] = await fetch_and_clean(
                source, base_url, limits=self.limits, stdin=stdin
            )
        self._cache.move_to_end(key)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        article = self._cache[key]
        return Opened(SavedArticle.from_article(article), article, (), offline=False)


@dataclass
class Start:
    """What ``gloss [SOURCE]`` opens, prepared before the UI is imported."""

    source: str | None  # None: the library
    base_url: str | None
    loader: ArticleLoader
    cleaning: Cleaning | None = None  # the start page, being cleaned in a child process

    @property
    def library(self) -> Library:
        """The library the loader opens through."""
        assert self.loader.library is not None
        return self.loader.library

    def settle(self) -> None:
        """Finish what opening the start source put off (its save), raising what that met:
        the app has ended, after its first paint or before it."""
        library = self.loader.library
        if library is None:
            return
        library.settle()
        error, library.save_error = library.save_error, None
        if error is not None:
            raise error

    @contextlib.contextmanager
    def saving_on_hangup(self) -> Iterator[None]:
        """While the app runs, a hang-up or a TERM (the terminal closed right after the first
        frame) finishes the put-off save of the start page before Gloss dies of it, as it
        would have died after that save when it came before the first frame."""
        library = self.loader.library
        if library is None or threading.current_thread() is not threading.main_thread():
            yield
            return
        names = ("SIGHUP", "SIGTERM")
        kinds = [getattr(signal, n) for n in names if hasattr(signal, n)]

        def finish_then_die(signum: int, frame: object) -> None:
            for kind in (*kinds, signal.SIGINT):  # pexpect and shells send these in turn
                signal.signal(kind, signal.SIG_IGN)
            try:
                library.settle()
            finally:
                signal.signal(signum, signal.SIG_DFL)
                os.kill(os.getpid(), signum)

        before = {kind: signal.signal(kind, finish_then_die) for kind in kinds}
        try:
            yield
        finally:
            for kind, handler in before.items():
                signal.signal(kind, handler)

    def open_first(self, waiting: Callable[[bool], object] | None = None) -> Opened | None:
        """Open the start source (waiting for the child cleaning it, ``waiting`` told when
        that takes a while: see :meth:`ArticleLoader.open_first`); None for the library."""
        if self.source is None:
            return None
        return self.loader.open_first(
            self.source, self.base_url, cleaning=self.cleaning, waiting=waiting
        )


def prepare_start(
    source: str | None,
    base_url: str | None = None,
    notebook: Path | None = None,
    *,
    read_only: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    background: bool = True,
    early: Cleaning | None = None,
) -> Start:
    """Everything ``gloss [SOURCE]`` does before the screen: open the notebook (a damaged
    one raises its one-line error), refuse a path that cannot be read, read stdin, and start
    cleaning a page that is not saved yet in a child process (``background``), so that it
    runs while the UI is imported.

    Without a source the library opens, or with an empty notebook the bundled sample. The
    notebook is read from its query index until something writes (see ``open_lazily``).

    ``early`` is a child already cleaning ``source`` (``clean_early``, forked before this
    module was imported): taken over when the page needs cleaning, else stopped.
    """
    try:
        start = _prepare(source, base_url, notebook, read_only=read_only, limits=limits,
                         background=background, early=early)
    except BaseException:
        if early is not None:
            early.cancel()
        raise
    if early is not None and start.cleaning is not early:
        early.cancel()  # the page is saved already (or nothing is cleaned in a child)
    return start


def _prepare(
    source: str | None,
    base_url: str | None,
    notebook: Path | None,
    *,
    read_only: bool,
    limits: Limits,
    background: bool,
    early: Cleaning | None,
) -> Start:
    root = notebook if notebook is not None else locations.default_notebook_path()
    # Reads answer from the query index; the notebook itself opens at the first write.
    opened = open_lazily(root, lambda: _open_notebook(root, read_only), read_only=read_only)
    library = Library(opened, limits=limits)
    if source is not None:
        library.check_openable(source, base_url)  # a bad path is refused before the screen
    stdin_data = _read_stdin_then_reattach_terminal(limits) if source == "-" else None
    source = start_source(source, library.notebook)
    loader = ArticleLoader(stdin_data=stdin_data, library=library, limits=limits)
    cleaning = None
    if (
        background
        and source is not None
        and not source.startswith(SAVED_PREFIX)
        and not _saved_with_body(library, source, base_url)
    ):
        cleaning = early or clean_in_background(
            source, base_url, limits=limits, stdin_data=stdin_data
        )
    return Start(source, base_url, loader, cleaning)


def _open_notebook(root: Path, read_only: bool) -> Notebook:
    from tui.core.notebook import Notebook  # its writing machinery: when it is opened

    return Notebook.open(root, read_only=read_only)


def _saved_with_body(library: Library, source: str, base_url: str | None) -> bool:
    record = library.saved(source, base_url)
    return record is not None and record.snapshot in library.notebook.snapshots


def start_source(source: str | None, notebook: Notebook) -> str | None:
    """What the app opens: ``source`` if given; else None (the library) when the notebook
    has articles, and the bundled sample when it is empty."""
    if source is None and not notebook.has_articles():
        return str(locations.sample_path())
    return source


def _read_stdin_then_reattach_terminal(limits: Limits) -> bytes:
    """Read the page piped to us, then take keys from the terminal instead."""
    data = sys.stdin.buffer.read(limits.max_bytes + 1)  # the fetch enforces the cap
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError as exc:
        raise UsageError(
            "the reader needs a terminal; to print a page from stdin use 'gloss clean -'"
        ) from exc
    os.dup2(tty, 0)
    os.close(tty)
    return data
