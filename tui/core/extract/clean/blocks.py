"""Rules over the article's blocks: what is left of the page's furniture once it is text.

Some boilerplate has no telling class or id and shows only in its words and its place: the
headline and byline repeated above the body, "Share this:" and "Comments" lines below it,
"Read more:" links between paragraphs. Each rule names one such class of line, looks only
where that class lives (the head, the tail, or short link-heavy blocks) and never touches a
block that reads like a paragraph of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tui.core.extract.clean.links import (
    SHORT_WORDS,
    drop_linked_teasers,
    drop_tail_links,
    is_body_paragraph,
    link_share,
)
from tui.core.extract.clean.phrases import (
    BARE_RAIL_LABEL,
    CALL_TO_ACTION,
    FURNITURE,
    NOTICE,
    NOTICE_WORDS,
    POST_LINK_FIELD,
    POST_RECORD_FIELD,
    POST_RECORD_VERB,
    RAIL_LABEL,
    READING_TIME,
    SHORTCODE_LINE,
    STAMP_VERB,
    LazyPattern,
    is_control_line,
)
from tui.core.extract.clean.signals import word_count
from tui.core.extract.metadata.read import Metadata
from tui.core.model import Block, BlockKind, SpanKind
from tui.core.sanitize import clean_inline

# Blocks above the body that may be a repeated title, byline or dateline.
HEAD_BLOCKS = 6
_TITLE_KEY = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Page:
    """What the rules may know about the page besides its blocks."""

    title: str | None
    byline: str | None


Rule = Callable[[list[Block], Page], list[Block]]


def _words(text: str) -> int:
    return word_count(text)


_link_share = link_share
_is_body_paragraph = is_body_paragraph


def _head_end(blocks: list[Block]) -> int:
    """Index after the head: up to the first body paragraph, at most HEAD_BLOCKS blocks."""
    for index, block in enumerate(blocks[:HEAD_BLOCKS]):
        if _is_body_paragraph(block):
            return index
    return min(len(blocks), HEAD_BLOCKS)


def _key(text: str) -> str:
    return _TITLE_KEY.sub(" ", clean_inline(text).casefold()).strip()


# -- the head: title, byline, dateline ------------------------------------------------------

_BY_LINE = re.compile(
    r"^(?:by|words by|written by|posted by|por|par|von|di|door|av|af)\s+(?=\S)", re.I
)
# Months, weekdays and the small words of a date in the other languages the pages come in
# (Portuguese, Spanish, French, German, Italian, Dutch, Indonesian, Russian).
_FOREIGN_DATE_WORDS = (
    "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
    "outubro", "novembro", "dezembro", "segunda-feira", "terça-feira", "quarta-feira",
    "quinta-feira", "sexta-feira", "sábado", "domingo", "enero", "febrero", "marzo", "mayo",
    "junio", "julio", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes",
    "miércoles", "jueves", "viernes", "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre", "lundi", "mardi",
    "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "januar", "februar", "märz", "juni",
    "juli", "oktober", "dezember", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "uhr", "um", "gennaio", "febbraio", "aprile", "maggio", "giugno",
    "luglio", "settembre", "ottobre", "dicembre", "lunedì", "martedì", "mercoledì", "giovedì",
    "venerdì", "sabato", "domenica", "alle", "ore", "januari", "februari", "maart", "mei",
    "augustus", "oktober", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
    "zondag", "maret", "agustus", "desember", "senin", "selasa", "rabu", "kamis", "jumat",
    "sabtu", "minggu", "wib", "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
    "августа", "сентября", "октября", "ноября", "декабря", "às", "à",
)
_DATE_WORDS = LazyPattern(
    # how long ago first ("47 minutes ago", "1 hour, 32 minutes ago"), before a bare number
    r"\b(?:(?:\d+\s+(?:minutes?|mins?|hours?|hrs?|days?),?\s+)+ago|"
    r"published|updated|posted|last\s+updated|modified|on|at|am|pm|a\.m|p\.m|"
    r"[A-Z]{2,4}T|UTC|GMT|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?|\d+(?:st|nd|rd|th)?|" + "|".join(sorted(_FOREIGN_DATE_WORDS, key=len)[::-1]) +
    r")\b\.?",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_CLOCK = re.compile(r"\b\d{1,2}[:.h]\d\d\b")


def _is_dateline(text: str) -> bool:
    """A line that is a date and time, give or take a verb, a zone and the site's name."""
    if _words(text) > SHORT_WORDS or not (_YEAR.search(text) or _CLOCK.search(text)):
        return False
    rest = _DATE_WORDS.sub(" ", text)
    return _words(rest) <= 3 and (_YEAR.search(text) is not None or _words(rest) == 0)


# Words that may be lowercase inside names ("Ursula von der Leyen", "Mohammed bin Salman").
_NAME_PARTICLES = frozenset(
    {"and", "de", "del", "der", "di", "da", "du", "van", "von", "la", "le", "bin", "al", "of"}
    | {"the"}
)
_NAME_SEPARATORS = re.compile(r"[,|•·&/]|\s+-\s+")


def _names_only(text: str) -> bool:
    """Whether a line (date and time aside) is names and titles, not a sentence."""
    rest = _DATE_WORDS.sub(" ", _BY_LINE.sub(" ", text))
    words = [w for w in _NAME_SEPARATORS.sub(" ", rest).split() if any(c.isalpha() for c in w)]
    return bool(words) and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def _is_byline(text: str, byline: str | None) -> bool:
    if _words(text) > SHORT_WORDS or not _names_only(text):
        return False
    if _BY_LINE.match(text):
        return True
    if not byline:
        return False
    return _key(byline) in _key(text) and _words(text) <= _words(byline) + 6


# A headline is at least this many words, and this share of the page title's words.
TITLE_PART_MIN_WORDS = 3
TITLE_PART_MIN_SHARE = 0.5


def _names_title(text: str, title: str | None) -> bool:
    """Whether a line is the page's title, or the title's headline without the site's name."""
    if not title:
        return False
    key = _key(text)
    if key == title:
        return True
    words = len(key.split())
    return (
        words >= TITLE_PART_MIN_WORDS
        and words >= TITLE_PART_MIN_SHARE * len(title.split())
        and (title.startswith(key + " ") or title.endswith(" " + key))
    )


def drop_title_repeat(blocks: list[Block], page: Page) -> list[Block]:
    """The headline, repeated at the top of the body (the reader shows the title already).

    A top-level heading above the body is the page's headline even when it is worded
    differently from the title in the page's metadata.
    """
    title = _key(page.title) if page.title else None
    end = _head_end(blocks)
    return [
        b
        for i, b in enumerate(blocks)
        if not (
            i < end
            and (
                (b.kind is BlockKind.HEADING and b.level == 1)
                or (
                    b.kind in (BlockKind.HEADING, BlockKind.PARAGRAPH)
                    and _names_title(b.text, title)
                )
            )
        )
    ]


def drop_byline_lines(blocks: list[Block], page: Page) -> list[Block]:
    """Byline and dateline lines above the body (Article keeps them as metadata)."""
    end = _head_end(blocks)
    return [
        b
        for i, b in enumerate(blocks)
        if not (
            i < end
            and b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and (_is_byline(b.text, page.byline) or _is_dateline(b.text))
        )
    ]


def drop_time_stamps(blocks: list[Block], page: Page) -> list[Block]:
    """'Updated at 1:23 p.m.' anywhere in the body: when the page changed, not what it says.

    A stamp starts with its verb and is otherwise a date or a time. The head's datelines are
    drop_byline_lines's; this rule takes the stamps pages print further down.
    """
    end = _head_end(blocks)
    return [
        b
        for i, b in enumerate(blocks)
        if not (
            i >= end
            and b.kind is BlockKind.PARAGRAPH
            and STAMP_VERB.match(b.text)
            and _is_dateline(b.text)
        )
    ]


# A post's record line is a name, a date, its categories and a sentence on following it.
POST_RECORD_MAX_WORDS = 60


def _is_post_record(text: str) -> bool:
    """Whether a line is a post's record: who posted it, when, where filed, its links."""
    text = text.strip()
    starts_as_record = POST_RECORD_VERB.match(text) is not None
    if not starts_as_record and "|" not in text:
        return False  # the cheap test first: most lines are neither
    if _words(text) > POST_RECORD_MAX_WORDS:
        return False
    if starts_as_record:
        # A record does not end as a sentence does, unless it says where the post is filed
        # ("... and is filed under News. You can follow any responses to this entry.").
        ends_sentence = text.endswith(".") and "|" not in text and "filed" not in text.lower()
        return POST_RECORD_FIELD.search(text) is not None and not ends_sentence
    if "|" in text:
        fields = [f.strip() for f in text.split("|")]
        return any(POST_LINK_FIELD.match(f) for f in fields if f)
    return False


def drop_post_records(blocks: list[Block], page: Page) -> list[Block]:
    """A post's record line: "Posted by Ann at 5:15 PM | Comments (3)", "Filed under News".

    Blog engines print one above or below every post (and every post of a front page): who
    posted it, when, in which category, with links to its permalink and comments. It says
    where the post sits on the site, not what it says.
    """
    return [
        b
        for b in blocks
        if not (b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and _is_post_record(b.text))
    ]


# -- anywhere: share prompts, comment counts, ads, newsletter boxes, related links ----------

def drop_furniture_lines(blocks: list[Block], page: Page) -> list[Block]:
    """Short lines that are widgets in words: share prompts, comment counts, ads, sign-ups."""
    return [
        b
        for b in blocks
        if not (
            b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
            and _words(b.text) <= 2 * SHORT_WORDS
            and (FURNITURE.match(b.text.strip()) or READING_TIME.match(b.text.strip()))
        )
    ]


# No bare rail label is longer than this ("More from ..." with a 40-character name).
BARE_LABEL_CHARS = 60
def drop_control_lines(blocks: list[Block], page: Page) -> list[Block]:
    """Lines that are a page's controls read as text: "close", "Play Video", "1.2K Shares"."""
    return [
        b
        for b in blocks
        if not (b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and is_control_line(b.text))
    ]


def drop_shortcodes(blocks: list[Block], page: Page) -> list[Block]:
    """Unrendered shortcodes: a button or a box written as "[button ...]...[/button]"."""
    return [
        b
        for b in blocks
        if not (
            b.kind is BlockKind.PARAGRAPH
            and b.text.startswith("[")
            and b.text.endswith("]")
            and SHORTCODE_LINE.match(b.text)
        )
    ]


PROMO_MAX_WORDS = 45
# No block of PROMO_MAX_WORDS words is longer than this: skip counting longer ones.
PROMO_MAX_CHARS = 1000


def _may_call_to_action(text: str) -> bool:
    """A cheap test before the regex: every call to action holds one of these words."""
    lower = text.lower()
    return any(word in lower for word in _CTA_WORDS)


_CTA_WORDS = ("sign", "subscri", "newsletter", "follow", "click")


def _is_promo(b: Block) -> bool:
    return (
        b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
        and len(b.text) <= PROMO_MAX_CHARS
        and _may_call_to_action(b.text)
        and _words(b.text) <= PROMO_MAX_WORDS
        and CALL_TO_ACTION.search(b.text) is not None
    )


def drop_promo_lines(blocks: list[Block], page: Page) -> list[Block]:
    """Short paragraphs that ask the reader to do something: sign up, follow, click here.

    Only below the story's last paragraph: there a call to action is the site talking; set
    between the story's paragraphs, "click here" or "follow him on Twitter" is the author's
    sentence (old posts wrote their links that way).
    """
    # The last such paragraph, found from the end: on a long page the story runs to near
    # its end, so few blocks are asked about (not all of them, as a max() over all would).
    last = next(
        (
            i
            for i in range(len(blocks) - 1, -1, -1)
            if _is_body_paragraph(blocks[i]) and not _is_promo(blocks[i])
        ),
        -1,
    )
    return blocks[: last + 1] + [b for b in blocks[last + 1 :] if not _is_promo(b)]


def drop_notices(blocks: list[Block], page: Page) -> list[Block]:
    """Short paragraphs about the page, not the story: scripts, cookies, paywall, comments."""
    out = []
    for b in blocks:
        if b.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING) and len(b.text) <= PROMO_MAX_CHARS:
            lower = b.text.lower()
            if (
                any(word in lower for word in NOTICE_WORDS)
                and _words(b.text) <= PROMO_MAX_WORDS
                and NOTICE.search(b.text)
            ):
                continue
        out.append(b)
    return out


def drop_related_links(blocks: list[Block], page: Page) -> list[Block]:
    """'Read more: <link>' lines, and a 'You may also like' label with the links under it."""
    out: list[Block] = []
    in_rail = False
    for block in blocks:
        text = block.text.strip()
        label = RAIL_LABEL.match(text)
        is_line = block.kind in (BlockKind.PARAGRAPH, BlockKind.HEADING)
        if is_line and len(text) <= BARE_LABEL_CHARS and BARE_RAIL_LABEL.match(text):
            in_rail = True  # a label on its own line: the links follow it
            continue
        if label and is_line:
            rest = text[label.end() :]
            if not _words(rest):  # a bare label: the links follow it
                in_rail = True
                continue
            if _link_share(block) >= 0.5 or _words(rest) <= SHORT_WORDS:
                continue
        if (
            in_rail
            and block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM)
            and _link_share(block) >= 0.8
        ):
            continue
        in_rail = False
        out.append(block)
    return out


# -- lines of links: tag lists, pagers, breadcrumbs -------------------------------------------

_BRACKETED = re.compile(r"\[[^\]]{0,30}\]|\([^)]{0,30}\)")
# A menu's label before its links ("News:", "More in Sport:"), at its start or between
# its groups: "News: ... | Sport | Advts: Jobs | Classifieds".
_MENU_LABEL = re.compile(
    r"(?:^|(?<=[\s|·•»]))(?:[^\W\d_][\w'&-]*\s+){0,2}[^\W\d_][\w'&-]*\s*:(?=\s|$)"
)
_TRAIL = re.compile(r"\s+[>›»→/]\s+")


def _unlinked_text(block: Block) -> str:
    """The block's text outside its links."""
    parts, last = [], 0
    for span in sorted((s for s in block.spans if s.kind is SpanKind.LINK), key=lambda s: s.start):
        parts.append(block.text[last : span.start])
        last = max(last, span.end)
    parts.append(block.text[last:])
    return " ".join(parts)


def drop_link_lines(blocks: list[Block], page: Page) -> list[Block]:
    """A paragraph that is only links and separators: a tag list, a pager, a menu.

    Between the links there may be separators ("|", "·", "»") or short bracketed labels
    ("[VIDEO]"), and before them a label ("Sections:"), but no words: a sentence that
    happens to be mostly links keeps its words.
    """
    out = []
    for block in blocks:
        links = [s for s in block.spans if s.kind is SpanKind.LINK]
        if (
            block.kind is BlockKind.PARAGRAPH
            and len(links) >= 2
            and _link_share(block) >= 0.6
            and not _words(_BRACKETED.sub(" ", _MENU_LABEL.sub(" ", _unlinked_text(block))))
        ):
            continue
        out.append(block)
    return out


def drop_breadcrumbs(blocks: list[Block], page: Page) -> list[Block]:
    """'Home > Section > Page' above the body: where the page sits, not what it says."""
    end = _head_end(blocks)
    out = []
    for index, block in enumerate(blocks):
        if index < end and block.kind is BlockKind.PARAGRAPH and any(
            s.kind is SpanKind.LINK for s in block.spans
        ):
            steps = _TRAIL.split(block.text)
            if len(steps) >= 3 and all(0 < _words(step) <= 6 for step in steps):
                continue
        out.append(block)
    return out


RULES: dict[str, Rule] = {
    "drop_title_repeat": drop_title_repeat,
    "drop_byline_lines": drop_byline_lines,
    "drop_time_stamps": drop_time_stamps,
    "drop_post_records": drop_post_records,
    "drop_furniture_lines": drop_furniture_lines,
    "drop_control_lines": drop_control_lines,
    "drop_shortcodes": drop_shortcodes,
    "drop_promo_lines": drop_promo_lines,
    "drop_notices": drop_notices,
    "drop_related_links": drop_related_links,
    "drop_link_lines": drop_link_lines,
    "drop_breadcrumbs": drop_breadcrumbs,
    "drop_linked_teasers": drop_linked_teasers,
    "drop_tail_links": drop_tail_links,
}


def clean_blocks(blocks: list[Block], meta: Metadata) -> list[Block]:
    """Apply every block rule in order."""
    page = Page(meta.title, meta.byline)
    for rule in RULES.values():
        blocks = rule(blocks, page)
    return blocks
