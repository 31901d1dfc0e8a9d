"""Word-shingle scoring of extracted article text, as ../shared/extraction/score.py does it.

Text is split into ``\\w+`` tokens and runs of four consecutive tokens are compared as
multisets. Per page: precision = shared / predicted, recall = shared / expected. The corpus
figure is the mean precision and mean recall over pages, and F1 their harmonic mean.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.support import paths

CORPUS = paths.DATA / "extraction"
_WORD = re.compile(r"\w+")
SHINGLE = 4


@dataclass(frozen=True, slots=True)
class Page:
    """One corpus page: its id, URL, expected body and HTML."""

    page_id: str
    url: str
    expected: str
    html: str


@dataclass(frozen=True, slots=True)
class Score:
    """Corpus figures: mean precision, mean recall, their F1, and errors (scored as empty)."""

    f1: float
    precision: float
    recall: float
    pages: int
    errors: int


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Runs of SHINGLE consecutive words (one shorter run if the text is shorter)."""
    words = _WORD.findall(text or "")
    if not words:
        return Counter()
    if len(words) < SHINGLE:
        return Counter([tuple(words)])
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def page_scores(expected: str, predicted: str) -> tuple[float | None, float | None]:
    """(precision, recall) of one page; None where that figure is undefined."""
    want, got = shingles(expected), shingles(predicted)
    shared = sum((want & got).values())
    n_got, n_want = sum(got.values()), sum(want.values())
    if n_got == n_want == shared:
        return (1.0 if n_got else None, 1.0 if n_want else None)
    precision = shared / n_got if n_got else 0.0
    recall = shared / n_want if n_want else None
    return precision, recall


def pages(corpus: Path = CORPUS) -> Iterator[Page]:
    """The corpus pages in id order."""
    truth = json.loads((corpus / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id, item in sorted(truth.items()):
        raw = gzip.decompress((corpus / "html" / f"{page_id}.html.gz").read_bytes())
        html = raw.decode("utf-8", "replace")
        yield Page(page_id, item.get("url", ""), item.get("articleBody", ""), html)


def score(extract: Callable[[str, str], str], corpus: Path = CORPUS) -> Score:
    """Score ``extract(html, url) -> text`` over the corpus; a failure scores as empty."""
    precisions, recalls, errors, count = [], [], 0, 0
    for page in pages(corpus):
        count += 1
        try:
            predicted = extract(page.html, page.url) or ""
        except Exception:  # a failure is a page extracted as nothing, as score.py counts it
            errors += 1
            predicted = ""
        p, r = page_scores(page.expected, predicted)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(f1, precision, recall, count, errors)
