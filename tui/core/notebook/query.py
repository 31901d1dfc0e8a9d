"""Finding highlights: the filter later screens build, and how text is compared.

Text comparison ignores case and accents: ``fold("Élan")`` is ``"elan"``, so typing "elan"
finds "élan" and "ÉLAN". Everything here is pure and works on the in-memory index.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from operator import attrgetter

from tui.core.folding import fold, normalize_tag
from tui.core.model import Highlight


def searchable(h: Highlight) -> str:
    """What a text search looks through: the quote, the note and the tags, folded."""
    return fold(f"{h.quote}\n{h.note}\n{' '.join(h.tags)}")


class HighlightSort(StrEnum):
    """Orders a highlight list can be shown in."""

    NEWEST = "newest"  # created, newest first
    OLDEST = "oldest"  # created, oldest first
    EDITED = "edited"  # updated, most recent first
    ARTICLE = "article"  # by article title, then in reading order
    QUOTE = "quote"  # by quote, alphabetically (folded)


def _day(value: str | date | None) -> str | None:
    if value is None or isinstance(value, str):
        return value or None
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class HighlightFilter:
    """Which highlights to show, and in what order. Empty fields do not filter.

    ``all_tags``: carries every one; ``any_tags``: carries at least one; ``since`` and
    ``until`` bound the creation time, both inclusive, at the precision given ("2026-03" is
    all of March; dates are UTC ISO strings or date/datetime objects); ``text``: every word
    of it appears in the quote, note or tags, ignoring case and accents.
    """

    all_tags: tuple[str, ...] = ()
    any_tags: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    colors: tuple[str, ...] = ()
    since: str | date | None = None
    until: str | date | None = None
    text: str = ""
    sort: HighlightSort = HighlightSort.NEWEST
    limit: int | None = None


def select(
    by_id: Mapping[str, Highlight],
    by_article: Mapping[str, Mapping[str, Highlight]],
    by_tag: Mapping[str, set[str]],
    folded: Callable[[], Mapping[str, str]],
    f: HighlightFilter,
    article_key: Callable[[str], str] = str,
) -> list[Highlight]:
    """The highlights matching ``f``, sorted.

    Candidates come from the narrowest index (article, then tags); each remaining test is
    one tight pass over what is left. ``folded()`` gives id -> searchable text.
    """
    all_tags = {normalize_tag(t) for t in f.all_tags} - {""}
    any_tags = {normalize_tag(t) for t in f.any_tags} - {""}
    items: list[Highlight]
    if f.article_ids:
        articles = dict.fromkeys(f.article_ids)
        items = [h for a in articles for h in by_article.get(a, {}).values()]
    elif all_tags:
        ids = set.intersection(*(by_tag.get(t, set()) for t in all_tags))
        items, all_tags = [by_id[i] for i in ids], set()
    elif any_tags:
        ids = set().union(*(by_tag.get(t, set()) for t in any_tags))
        items, any_tags = [by_id[i] for i in ids], set()
    else:
        items = list(by_id.values())
    if all_tags:
        items = [h for h in items if all_tags.issubset(h.tags)]
    if any_tags:
        items = [h for h in items if not any_tags.isdisjoint(h.tags)]
    if f.colors:
        colors = set(f.colors)
        items = [h for h in items if h.color in colors]
    since, until = _day(f.since), _day(f.until)
    if since:
        items = [h for h in items if h.created >= since]
    if until:
        cut = len(until)
        items = [h for h in items if h.created[:cut] <= until]
    words = fold(f.text).split()
    if words:
        texts = folded()
        for word in words:
            items = [h for h in items if word in texts[h.id]]
    _sort(items, f.sort, article_key)
    return items if f.limit is None else items[: f.limit]


_BY_ID = attrgetter("id")
_BY_CREATED = attrgetter("created")
_BY_UPDATED = attrgetter("updated")


def _sort(items: list[Highlight], order: HighlightSort, article_key: Callable[[str], str]) -> None:
    # Ties fall back on the id, so the same filter always lists the same order. Two stable
    # sorts on plain attributes beat one on built tuples by about 2x at 50,000 items.
    if order in (HighlightSort.NEWEST, HighlightSort.OLDEST, HighlightSort.EDITED):
        newest_first = order is not HighlightSort.OLDEST
        items.sort(key=_BY_ID, reverse=newest_first)
        key = _BY_UPDATED if order is HighlightSort.EDITED else _BY_CREATED
        items.sort(key=key, reverse=newest_first)
    elif order is HighlightSort.ARTICLE:
        keys = {a: article_key(a) for a in {h.article_id for h in items}}
        items.sort(
            key=lambda h: (keys[h.article_id], h.article_id, h.target.position.start, h.id)
        )
    else:
        items.sort(key=lambda h: (fold(h.quote), h.id))


def count_tags(by_tag: Mapping[str, set[str]]) -> dict[str, int]:
    """Tag -> number of highlights carrying it, most used first, then by name."""
    pairs = [(t, len(ids)) for t, ids in by_tag.items() if ids]
    pairs.sort(key=lambda p: (-p[1], p[0]))
    return dict(pairs)


def retag(
    tags: tuple[str, ...], add: Iterable[str] = (), remove: Iterable[str] = ()
) -> tuple[str, ...]:
    """``tags`` with ``remove`` taken out and ``add`` appended (normalised, no duplicates)."""
    gone = {normalize_tag(t) for t in remove}
    kept = dict.fromkeys(t for t in tags if t not in gone)
    for tag in map(normalize_tag, add):
        if tag:
            kept.setdefault(tag, None)
    return tuple(kept)


def rename_in(tags: tuple[str, ...], old: str, new: str) -> tuple[str, ...]:
    """``tags`` with ``old`` replaced by ``new`` in place (merged if ``new`` is there)."""
    return tuple(dict.fromkeys(new if t == old else t for t in tags))
