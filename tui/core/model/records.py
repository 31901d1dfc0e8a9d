"""What the notebook keeps about a saved article (its body lives in a snapshot file)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from tui.core.model.article import Article
from tui.core.model.highlight import now_iso


def article_id_for(article: Article) -> str:
    """A stable id: from the canonical URL, else the URL, else the text (stdin, no --url).

    The same page fetched again gets the same id, so its highlights meet it again.
    """
    key = article.canonical_url or article.url or ("text:" + article.text_hash)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def reading_key(article: Article) -> str:
    """What the place an article was left at is remembered under: its URL, else the address
    it declares (canonical, og:url), else ``text:`` and a prefix of its text's SHA-256.

    Articles piped in on stdin without a URL each get their own key, so one never opens at
    the place another was left.
    """
    return article.url or article.canonical_url or "text:" + article.text_hash[:16]


# What the library and notebook screens call an article no import brought in.
OPENED = "opened"
# A search word naming a source: ``source:kindle`` (``source:opened`` for the rest).
SOURCE_WORD = "source:"


def source_of(record: SavedArticle) -> str:
    """Where ``record`` came from: the import's format, or :data:`OPENED`."""
    return record.imported_from or OPENED


def split_sources(words: list[str]) -> tuple[set[str], list[str]]:
    """Search words split into the sources they name (``source:X``, any case) and the rest."""
    sources = {w[len(SOURCE_WORD):].lower() for w in words
               if w.lower().startswith(SOURCE_WORD) and len(w) > len(SOURCE_WORD)}
    rest = [w for w in words if not w.lower().startswith(SOURCE_WORD)]
    return sources, rest


@dataclass(frozen=True, slots=True)
class SavedArticle:
    """One article in the notebook. Times are ISO 8601 UTC; progress is 0.0-1.0."""

    id: str
    title: str
    url: str | None = None
    canonical_url: str | None = None
    byline: str | None = None
    site_name: str | None = None
    published: str | None = None
    saved: str = field(default_factory=now_iso)
    last_read: str | None = None
    progress: float = 0.0
    read: bool = False
    snapshot: str = ""  # content hash of the stored Article snapshot
    text_hash: str = ""  # Article.text_hash of that snapshot
    language: str | None = None  # the page's declared language (BCP 47), if it had one
    # The import format that brought the article in ("kindle", "pocket"...); None for an
    # article the user opened. Optional: notebooks written before it read as None.
    imported_from: str | None = None

    @classmethod
    def from_article(cls, article: Article, snapshot: str = "") -> SavedArticle:
        """The record for a freshly fetched article."""
        return cls(
            id=article_id_for(article),
            title=article.title,
            url=article.url,
            canonical_url=article.canonical_url,
            byline=article.byline,
            site_name=article.site_name,
            published=article.published,
            snapshot=snapshot,
            text_hash=article.text_hash,
            language=article.language,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form. ``language`` and ``imported_from`` are written only when set, so
        records saved before them (and every notebook file and export of them) are as before."""
        out = asdict(self)
        for name in ("language", "imported_from"):
            if out[name] is None:
                del out[name]
        return out

    @property
    def is_book(self) -> bool:
        """An imported record with no address: a book (Kindle, KOReader, Readwise's books),
        cited as a book (title in italics, no date of access)."""
        return self.url is None and self.canonical_url is None and self.imported_from is not None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SavedArticle:
        """Read back :meth:`to_dict`, ignoring keys a newer Gloss may have added."""
        known = _FIELDS if cls is SavedArticle else {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# Asked for each record read (thousands when the library opens): worked out once.
_FIELDS = frozenset(f.name for f in fields(SavedArticle))
