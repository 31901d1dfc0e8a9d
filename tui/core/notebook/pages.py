"""The library's articles and the notebook screen's highlights read a page at a time
(issue 19): the ids in the list's order come from one query, and a record (with, for an
article, its highlight count) is read when a row that shows it is asked for, so a notebook
of 10,000 articles and 200,000 highlights shows its library, or every highlight, without
reading 10,000 records or building 200,000 highlights first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol, TypeVar, overload

if TYPE_CHECKING:
    from tui.core.model import Highlight, SavedArticle

PAGE = 200  # records read at once: a screenful or several, one query


class PagedSource(Protocol):
    """What answers for the pages: a Notebook, its query index, or the lazy stand-in."""

    def library_ids(self) -> list[str]: ...

    def articles_of(self, ids: Sequence[str]) -> list[SavedArticle]: ...

    def highlight_counts(self, article_ids: Sequence[str] | None = None) -> dict[str, int]: ...


class PagedCounts(Mapping[str, int]):
    """Article id -> number of highlights (articles with none left out), as
    ``highlight_counts()`` gives it: counted a page of articles at a time as their rows are
    read, every article at once when the whole mapping is wanted (iterated, sized)."""

    def __init__(self, source: PagedSource) -> None:
        self._source = source
        self._known: dict[str, int] = {}  # counted, zeros included
        self._all: dict[str, int] | None = None

    def add(self, ids: Sequence[str]) -> None:
        """Count the highlights of ``ids`` (a page being read)."""
        if self._all is None:
            counted = self._source.highlight_counts(ids)
            self._known.update((i, counted.get(i, 0)) for i in ids)

    def _whole(self) -> dict[str, int]:
        if self._all is None:
            self._all = self._source.highlight_counts()
        return self._all

    def __getitem__(self, article_id: str) -> int:
        count = self._known.get(article_id) if self._all is None else None
        if count is None:  # not on a page read: every article's (a sort by count asks all)
            return self._whole()[article_id]
        if not count:
            raise KeyError(article_id)
        return count

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


_R = TypeVar("_R")


class _Pages(Sequence[_R]):
    """Records in the order of ``ids`` (from one query), each read with its page of
    ``page`` when first asked for; iterating reads every one left at once. A subclass says
    how to read the records of some ids (:meth:`_fill`)."""

    def __init__(self, ids: list[str], page: int) -> None:
        self.ids = ids
        self._page = page
        self._records: list[_R | None] = [None] * len(ids)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def read(self) -> int:
        """How many records have been read so far."""
        return len(self._records) - self._records.count(None)

    @overload
    def __getitem__(self, index: int) -> _R: ...

    @overload
    def __getitem__(self, index: slice) -> list[_R]: ...

    def __getitem__(self, index: int | slice) -> _R | list[_R]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.ids)))]
        if index < 0:
            index += len(self.ids)
        if not 0 <= index < len(self.ids):
            raise IndexError(index)
        record = self._records[index]
        if record is None:
            self._read(index - index % self._page, self._page)
            record = self._records[index]
            assert record is not None
        return record

    def __iter__(self) -> Iterator[_R]:
        if self._records.count(None):  # all of them wanted: one read, not page after page
            self._read(0, len(self.ids))
        for record in self._records:
            assert record is not None
            yield record

    def _read(self, start: int, size: int) -> None:
        wanted = [i for i in range(start, min(start + size, len(self.ids)))
                  if self._records[i] is None]
        if wanted:
            ids = [self.ids[i] for i in wanted]
            for i, record in zip(wanted, self._fill(ids), strict=True):
                self._records[i] = record

    def _fill(self, ids: list[str]) -> list[_R]:
        """The records of ``ids``, in their order (a stand-in for one deleted since)."""
        raise NotImplementedError


class ArticlePages(_Pages["SavedArticle"]):
    """Every saved article, most recently saved first (ties: folded title, then id), each
    record read with its page when first asked for. Iterating reads them all."""

    def __init__(self, source: PagedSource, page: int = PAGE) -> None:
        super().__init__(source.library_ids(), page)
        self._source = source
        self.counts = PagedCounts(source)  # their highlight counts, read with the pages

    def _fill(self, ids: list[str]) -> list[SavedArticle]:
        found = {a.id: a for a in self._source.articles_of(ids)}
        if len(ids) < len(self.ids):  # the whole list: its counts are wanted whole, once
            self.counts.add(ids)
        from tui.core.model import SavedArticle

        # One deleted since the ids were read shows so until the next reload drops it.
        return [found[i] if i in found else SavedArticle(id=i, title="(no longer saved)", saved="")
                for i in ids]


class HighlightSource(Protocol):
    """What reads a page of highlights: a Notebook, its query index, or the lazy stand-in."""

    def highlights_of(self, ids: Sequence[str]) -> list[Highlight]: ...


def gone(highlight_id: str) -> Highlight:
    """What a row shows of a highlight deleted since the ids were read (the next reload,
    which every write and every refresh that finds a change makes, drops it)."""
    from tui.core.model import Highlight, Target, TextPosition, TextQuote

    target = Target(TextQuote("(no longer saved)"), TextPosition(0, 0), "")
    return Highlight(article_id="", target=target, id=highlight_id, created="")


class HighlightPages(_Pages["Highlight"]):
    """The highlights ``ids`` names, in that order (a filter's, from one query), each
    record read with its page when first asked for. Iterating reads them all; ``ids`` is
    the list itself for whatever needs no more (marking all, the export's scope)."""

    def __init__(self, source: HighlightSource, ids: list[str], page: int = PAGE) -> None:
        super().__init__(ids, page)
        self._source = source

    def __eq__(self, other: object) -> bool:
        """Equal to a list (or pages) of the same highlights in the same order."""
        if isinstance(other, HighlightPages | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other,
                                                                          strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list is

    def _fill(self, ids: list[str]) -> list[Highlight]:
        found = {h.id: h for h in self._source.highlights_of(ids)}
        return [found[i] if i in found else gone(i) for i in ids]
