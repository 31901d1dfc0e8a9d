"""Links that open a page scrolled to a quote: URL text fragments (``#:~:text=``).

Follows the WICG "URL Fragment Text Directives" spec: each term is percent-encoded, including
the '-', '&' and ',' that the directive syntax itself uses; a long quote is given as
``textStart,textEnd`` with a few words each; a start that appears earlier in the text is
told apart with a ``prefix-`` of the words just before the quote.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from urllib.parse import quote

# A quote of up to this many words is given whole; a longer one by its first and last words.
WHOLE_WORDS = 8
EDGE_WORDS = 4
PREFIX_WORDS = 3
_DIRECTIVE = re.compile(r":~:.*$", re.DOTALL)


# ASCII letters, digits and "._~" stay; every other ASCII character is percent-encoded.
_ASCII = {c: f"%{c:02X}" for c in range(128) if not (chr(c).isalnum() or chr(c) in "._~")}


def encode_term(term: str) -> str:
    """One directive term, percent-encoded, '-' included (``quote`` would leave it alone)."""
    # Word by word through a cache: quotes share most of their words, and this runs for
    # every highlight of an export.
    return "%20".join(_encode_word(word) for word in term.split(" "))


# Each word's encoding, by the word (all it depends on). A plain dict read by .get: an
# lru_cache's call and bookkeeping cost more than the lookup, eight times per quote. Emptied
# when full, so it stays bounded.
_WORDS: dict[str, str] = {}
_WORDS_MAX = 65536


def _encode_word(word: str) -> str:
    return _WORDS.get(word) or _encode_new(word)


def _encode_new(word: str) -> str:
    """``word`` percent-encoded (a word is never empty: the encoding is not either)."""
    encoded = (word.translate(_ASCII) if word.isascii()
               else quote(word, safe="").replace("-", "%2D"))
    if len(_WORDS) >= _WORDS_MAX:
        _WORDS.clear()
    _WORDS[word] = encoded
    return encoded


def text_directive(
    exact: str, prefix: str = "", *, text: str | None = None, start: int | None = None
) -> str:
    """The ``text=...`` directive for ``exact``; '' for a quote with no words.

    With the page ``text`` and the quote's ``start`` in it, the directive gets a ``prefix-``
    (from ``prefix``, the text just before the quote) when its first words occur earlier, so a
    browser that takes the first match lands on this one.
    """
    if "\n\n" in exact:
        blocks = [words for words in (block.split() for block in exact.split("\n\n")) if words]
    else:
        # One block: only its first and last words are needed, so a long quote is not split
        # whole (at most WHOLE_WORDS + 1 pieces from the front, EDGE_WORDS from the back).
        words = exact.split(None, WHOLE_WORDS)
        if len(words) > WHOLE_WORDS:
            blocks = [words[:EDGE_WORDS], exact.rsplit(None, EDGE_WORDS)[-EDGE_WORDS:]]
        else:
            blocks = [words] if words else []
    if not blocks:
        return ""
    # A whole-quote match cannot cross a block boundary, so a quote over two blocks or more
    # is always a range, from words of its first block to words of its last.
    if len(blocks) == 1 and len(blocks[0]) <= WHOLE_WORDS:
        head = blocks[0]
        terms = [head]
    else:
        head = blocks[0][:EDGE_WORDS]
        terms = [head, blocks[-1][-EDGE_WORDS:]]
    lead = ""
    if text is not None and start is not None and _found_earlier(text, " ".join(head), start):
        # The prefix must sit in the same block as the quote: cut at the last blank line.
        before = prefix.rsplit("\n\n", 1)[-1].split()[-PREFIX_WORDS:]
        if before:
            lead = encode_term(" ".join(before)) + "-,"
    # Each term encoded word by word (what encode_term does, without joining and splitting).
    return "text=" + lead + ",".join(["%20".join(map(_encode_word, term)) for term in terms])


def plain_directive(exact: str) -> str:
    """``text_directive(exact)`` without the page text (so without a prefix), in fewer steps:
    an exporter without the saved texts asks it for every highlight."""
    # A blank line only in the whitespace around the words leaves them one block.
    if "\n\n" in exact and "\n\n" in exact.strip():
        return text_directive(exact)
    words = exact.split(None, WHOLE_WORDS)
    get, new = _WORDS.get, _encode_new
    if len(words) <= WHOLE_WORDS:
        return "text=" + "%20".join([get(w) or new(w) for w in words]) if words else ""
    # EDGE_WORDS (4) words from each end, spelt out: no slices or lists of terms; each word
    # from the cache (_encode_word inline).
    last = exact.rsplit(None, EDGE_WORDS)
    a, b, c, d = words[0], words[1], words[2], words[3]
    e, f, g, h = last[1], last[2], last[3], last[4]
    return (f"text={get(a) or new(a)}%20{get(b) or new(b)}%20{get(c) or new(c)}"
            f"%20{get(d) or new(d)},{get(e) or new(e)}%20{get(f) or new(f)}"
            f"%20{get(g) or new(g)}%20{get(h) or new(h)}")


def _found_earlier(text: str, head: str, start: int) -> bool:
    """Whether ``head`` (whitespace-insensitive, caseless) first occurs before ``start``."""
    folded = _folded(text)
    if folded is None:  # lower-casing changed the length: search the text itself
        pattern = r"\s+".join(re.escape(word) for word in head.split())
        found = re.search(pattern, text, re.IGNORECASE)
        return found is not None and found.start() < start
    flat, run_ends, removed = folded
    runs_before = bisect.bisect_right(run_ends, start)
    shift = removed[runs_before - 1] if runs_before else 0
    at = flat.find(" ".join(head.split()).lower())
    return at != -1 and at < start - shift


# Only a run of two or more whitespace characters shortens the text when folded to one space.
_LONG_SPACES = re.compile(r"\s{2,}")


@lru_cache(maxsize=8)
def _folded(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]] | None:
    """``text`` lower-cased with whitespace runs as one space, once per article text.

    Every highlight of an export asks about the same few texts, and ``str.find`` on this
    copy is far cheaper than a caseless regex over the whole text per highlight. Also
    returns where each run that shortened the text ends in ``text``, and how many characters
    the runs up to it removed, to map an offset in ``text`` into the copy. A single
    whitespace character removes nothing, so only runs of two or more are walked in Python
    (a text has few; walking every run was most of an export's time with the saved texts).
    """
    run_ends: list[int] = []
    removed: list[int] = []
    gone = 0
    for match in _LONG_SPACES.finditer(text):
        gone += match.end() - match.start() - 1
        run_ends.append(match.end())
        removed.append(gone)
    # str.split() splits on what the regex's \s matches (both ask Py_UNICODE_ISSPACE), and
    # is faster than a substitution over every space; the ends are put back as one space.
    words = text.split()
    flat = " ".join(words)
    if not words:
        flat = " " if text else ""
    else:
        if text[0].isspace():
            flat = " " + flat
        if text[-1].isspace():
            flat += " "
    lower = flat.lower()
    return (lower, tuple(run_ends), tuple(removed)) if len(lower) == len(flat) else None


def fragment_link(
    url: str | None,
    exact: str,
    prefix: str = "",
    *,
    text: str | None = None,
    start: int | None = None,
) -> str | None:
    """``url`` with a text fragment for ``exact``; None without a web URL to link to."""
    if not url or not url.startswith(("http://", "https://")):
        return None
    directive = text_directive(exact, prefix, text=text, start=start)
    base, join = link_base(url)
    if not directive:
        return base
    return base + join + directive


def link_base(url: str) -> tuple[str, str]:
    """What :func:`fragment_link` puts before a directive for the web ``url``: the URL without
    a directive of its own, and what joins the directive to it (``:~:`` after a fragment,
    else ``#:~:``). An exporter works it out once per article."""
    base = _DIRECTIVE.sub("", url) if ":~:" in url else url
    return base, (":~:" if "#" in base else "#:~:")
