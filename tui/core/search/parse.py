"""The search query language: words, "exact phrases", -exclusions and filters.

``memory "working memory" -sleep tag:psych site:nytimes author:sacks in:notes
after:2026-01 before:2026-03 is:orphan`` — every part must hold (AND). Words and phrases are
compared folded (case and accents ignored) and by whole words; a bare word also matches the
start of a longer word (``argu`` finds "argument"), a phrase only its exact words in order.
"""

from __future__ import annotations

import re
from typing import Any

from tui.core.errors import UsageError
from tui.core.folding import fold, normalize_tag
from tui.core.text.dates import HINT, parse_day

_TOKEN = re.compile(r"[^\W_]+")  # a word: letters and digits (as the index's tokenizer)
_PART = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|(\S+))')
KINDS = {"notes": "notes", "note": "notes", "quotes": "quotes", "quote": "quotes",
         "articles": "articles", "article": "articles"}
HIGHLIGHT_COLUMNS = ("quote", "note", "tags")


class QueryError(UsageError):
    """A query the language cannot read (an unknown in:, a bad date...)."""


def words(text: str) -> list[str]:
    """``text`` as the search compares it: folded words."""
    return _TOKEN.findall(fold(text))


class _Value:
    """Immutable, compared and hashed by its fields (``__slots__``), as a frozen dataclass;
    written out because `gloss search` starts before anything imports dataclasses, and
    importing them costs it more than all of the query language. ``__slots__`` lists the
    fields in order: the repr and the comparisons follow it."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, _Value)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class Term(_Value):
    """Words in a row; the last may be only the start of a word (``prefix``)."""

    __slots__ = ("tokens", "prefix")  # noqa: RUF023  (in field order)
    tokens: tuple[str, ...]
    prefix: bool

    def __init__(self, tokens: tuple[str, ...], prefix: bool) -> None:
        object.__setattr__(self, "tokens", tokens)
        object.__setattr__(self, "prefix", prefix)

    def fts(self) -> str:
        """The term as an FTS5 phrase (its tokens need no escaping: letters and digits)."""
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")

    def found_in(self, tokens: list[str]) -> bool:
        """Whether the term occurs in ``tokens`` (a text's words, in order)."""
        k, last = len(self.tokens), self.tokens[-1]
        head = list(self.tokens[:-1])
        for i in range(len(tokens) - k + 1):
            end = tokens[i + k - 1]
            if not (end.startswith(last) if self.prefix else end == last):
                continue
            if tokens[i : i + k - 1] == head:
                return True
        return False


class Query(_Value):
    """A parsed query; empty fields do not filter."""

    __slots__ = (  # noqa: RUF023  (in field order)
        "terms", "excluded", "tags", "sites", "authors", "kinds", "after", "before", "orphan",
    )
    terms: tuple[Term, ...]
    excluded: tuple[Term, ...]
    tags: tuple[str, ...]
    sites: tuple[str, ...]  # folded
    authors: tuple[str, ...]  # folded
    kinds: frozenset[str]
    after: str | None  # on or after (ISO, any precision)
    before: str | None  # strictly before
    orphan: bool

    def __init__(
        self,
        terms: tuple[Term, ...] = (),
        excluded: tuple[Term, ...] = (),
        tags: tuple[str, ...] = (),
        sites: tuple[str, ...] = (),
        authors: tuple[str, ...] = (),
        kinds: frozenset[str] = frozenset(),
        after: str | None = None,
        before: str | None = None,
        orphan: bool = False,
    ) -> None:
        values = (terms, excluded, tags, sites, authors, kinds, after, before, orphan)
        for name, value in zip(self.__slots__, values, strict=True):
            object.__setattr__(self, name, value)

    @property
    def wants_highlights(self) -> bool:
        return not self.kinds or bool(self.kinds & {"notes", "quotes"})

    @property
    def wants_articles(self) -> bool:
        # tags and quote states belong to highlights: an article never carries them
        return (not self.kinds or "articles" in self.kinds) and not self.tags and not self.orphan

    @property
    def highlight_columns(self) -> tuple[str, ...]:
        """The highlight fields words are looked for in."""
        if not self.kinds & {"notes", "quotes"}:
            return HIGHLIGHT_COLUMNS
        return tuple(c for c in ("quote", "note") if c + "s" in self.kinds)

    @property
    def needs_note(self) -> bool:
        """``in:notes`` (without ``in:quotes``): only highlights with a note."""
        return "notes" in self.kinds and "quotes" not in self.kinds

    @property
    def empty(self) -> bool:
        return self == Query()


def parse_query(text: str) -> Query:
    """Read a query; QueryError (one line) when a filter is malformed."""
    terms: list[Term] = []
    excluded: list[Term] = []
    tags: list[str] = []
    sites: list[str] = []
    authors: list[str] = []
    kinds: set[str] = set()
    after = before = None
    orphan = False
    pos = 0
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        m = _PART.match(text, pos)
        assert m is not None  # the pattern matches any non-space character
        pos = m.end()
        negated, key, quoted, bare = m.group(1), m.group(2), m.group(3), m.group(4)
        name = (key or "").lower()
        if key is None and quoted is None and bare and bare.endswith(":"):
            name = bare[:-1].lower()
            if name in _EXAMPLE:
                raise QueryError(f"{name}: needs a value, as in {name}:{_EXAMPLE[name]}")
        if key is not None and name in ("tag", "site", "author", "in", "after", "before", "is"):
            value = (quoted if quoted is not None else bare or "").strip()
            if negated:
                raise QueryError(f"only words and phrases can be excluded, not {name}:")
            if not value:
                raise QueryError(f"{name}: needs a value, as in {name}:{_EXAMPLE[name]}")
            if name == "tag":
                tag = normalize_tag(value)
                if tag:
                    tags.append(tag)
            elif name in ("site", "author"):
                (sites if name == "site" else authors).append(fold(value))
            elif name == "in":
                kind = KINDS.get(value.lower())
                if kind is None:
                    raise QueryError(f"in: is notes, quotes or articles, not {value!r}")
                kinds.add(kind)
            elif name == "is":
                if value.lower() != "orphan":
                    raise QueryError(f"is: takes orphan, not {value!r}")
                orphan = True
            else:
                try:
                    day = parse_day(value)
                except ValueError as error:
                    raise QueryError(f"{name}: {error}") from None
                if day is None:
                    raise QueryError(f"{name}: not a date: {value!r} ({HINT})")
                if name == "after":
                    after = day
                else:
                    before = day
            continue
        raw = m.group(0)[len(negated) :]
        phrase = quoted is not None and key is None
        tokens = tuple(words(quoted if phrase else raw))
        if not tokens:
            continue
        term = Term(tokens, prefix=not phrase)
        (excluded if negated else terms).append(term)
    return Query(
        tuple(terms), tuple(excluded), tuple(dict.fromkeys(tags)), tuple(sites), tuple(authors),
        frozenset(kinds), after, before, orphan,
    )


_EXAMPLE = {
    "tag": "method", "site": "nytimes.com", "author": "sacks", "in": "notes",
    "after": "2026-03", "before": "2026-03", "is": "orphan",
}
