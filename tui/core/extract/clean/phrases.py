"""What lines of page furniture say: the vocabulary the block rules match lines against.

Each pattern is one kind of line that a page prints around an article and no article prints
as its own text: a widget's label ("Share this:", "Most read"), a prompt ("Sign up for our
newsletter"), a count ("12 Comments"). They are written for whole short lines; the rules in
:mod:`tui.core.extract.clean.blocks` decide where and at what length a match counts.
"""

from __future__ import annotations

import itertools
import re
from typing import Any


class LazyPattern:
    """A regular expression compiled the first time it is used.

    The long, case-blind patterns below take milliseconds each to compile, and most pages
    never reach the rules that use them (short lines, notices): `gloss clean` of one page
    pays only for the patterns its page needs.
    """

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now, the first time)."""
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    def match(self, text: str) -> re.Match[str] | None:
        return self.compiled.match(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled.fullmatch(text)

    def sub(self, repl: Any, text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)


FURNITURE = LazyPattern(
    r"""^(?:
        share(?:\s+(?:this|the\s+story|this\s+(?:article|story|post|page)))?
          (?:\s+(?:on|via|with)\s+[\w+.& ]{1,30})?\s*[:!.]?
      | sharing\s+is\s+caring!?
      | like\s+this:?
      | like\s+loading\.*
      | (?:\d+\s+)?comments?
      | leave\s+a\s+(?:reply|comment)
      | (?:(?:printer[-\s]friendly(?:\s+(?:page|version|format))?
          | (?:print|e-?mail|send)\s+this(?:\s+(?:story|article|page|post))?
              (?:\s+to\s+(?:a\s+)?friends?)?(?:\s+by\s+e-?mail)?
          | (?:post|add|write)\s+a\s+comment | have\s+your\s+say | (?:read|view)\s+comments
        )\s*[|·•]?\s*)+
      | tell\s+us\s+what\s+you\s+think.*
      | advert(?:isement)?s?
      | sponsored(?:\s+content)?
      | (?:this\s+)?slideshow\s+requires\s+javascript\.?
      | (?:tags?|filed\s+under|categor(?:y|ies)|topics?)\s*:.*
      | (?:\d+|one|no)\s+(?:thoughts?|responses?|repl(?:y|ies)|comments?)
          (?:\s+(?:on|to)\s+["“'‘«].{1,150})?
      | (?:continue|keep)\s+reading(?:\s+(?:the\s+main\s+story|below(?:\s+the\s+ad)?))?\W*
      | continue\s+reading\s+["“'‘«].{1,150}
      | (?:story|article|text)\s+continues\s+(?:below|after)(?:\s+(?:this\s+)?(?:ad|advertisement))?
      | scroll\s+(?:down\s+)?to\s+continue(?:\s+reading)?\W*
    )$""",
    re.I | re.X,
)
# How long the article takes to read: "5 min read", "Nov 18, 2019 · 4 min read" (a date and
# a separator may come first), "Reading time: 3 minutes", and the same in other languages.
READING_TIME = re.compile(
    r"""^(?:
        (?:[^.!?]{0,60}[·|•–—-]\s*)?(?:\d+\s*(?:-|to)\s*)?\d+\s*(?:min(?:ute)?s?\.?|m)\s+read\W*
      | (?:estimated\s+)?(?:reading\s+time|read\s+time|tempo\s+de\s+leitura|lesezeit
          |temps\s+de\s+lecture|tiempo\s+de\s+lectura|tempo\s+di\s+lettura|время\s+чтения)
        \s*:?\s*(?:\w+\s*){0,4}\W*
    )$""",
    re.I | re.X,
)
# The verb of a time stamp: "Updated at 1:23 p.m.", "Publicado em 22/10/2010 às 20:13".
STAMP_VERB = re.compile(
    r"""^(?:updated|published|posted|last\s+updated|last\s+modified|modified|first\s+published
      | atualizado|publicado|aktualisiert|veröffentlicht|mis\s+à\s+jour|publié|actualizado
      | aggiornato|pubblicato|обновлено|опубликовано)\b""",
    re.I | re.X,
)
# Labels that announce links to other articles.
RAIL_LABEL = re.compile(
    r"""^\[?(?:
        related(?:\s+\w+){0,2} | read\s+more | see\s+more | more | see\s+also | also\s+read
      | also\s+on\s+\S+ | recommended | don'?t\s+miss | more\s+from\s+.{1,40}
      | more\s+.{1,30}\s+stories | you\s+(?:may|might)\s+also\s+like | watch
      | buyer'?s\s+guide | trending
    )\s*(?:[:.…|\]-]|\.\.\.)""",
    re.I | re.X,
)
# The same labels standing alone as a heading or a line, with no punctuation to mark them:
# "Most Read", "More Great Gazette Stories", "Don't Miss". Only a whole line matches.
BARE_RAIL_LABEL = LazyPattern(
    r"""^[\W_]*(?:
        related(?:\s+(?:articles?|stories|posts|content|coverage|links|news|reading|topics))?
      | (?:you\s+)?(?:may|might)\s+also\s+(?:like|enjoy|be\s+interested\s+in)
      | recommended(?:\s+(?:for\s+you|stories|articles|reading))?
      | read\s+(?:more|next|also|this\s+next) | (?:what\s+to\s+read\s+)?next | up\s+next
      | see\s+(?:also|more) | also\s+(?:read|see) | also\s+on\s+\S+(?:\s+\S+)?
      | more\s+from\s+.{1,40} | more(?:\s+[^\W\d_]+){0,3}\s+(?:stories|news|articles|videos)
      | most\s+(?:read|popular|viewed|shared|commented|emailed|watched)
      | popular(?:\s+(?:now|stories|articles|posts))?
      | trending(?:\s+(?:now|stories|today|topics))?
      | top\s+(?:stories|news|articles|headlines)
      | latest(?:\s+(?:news|stories|articles|headlines))?
      | editor'?s'?\s+(?:picks?|choice) | don'?t\s+miss(?:\s+(?:this|out))? | must\s+reads?
      | (?:sponsored|promoted|paid)\s+(?:content|stories|links|posts)
      | (?:from\s+)?around\s+the\s+web | from\s+the\s+web | in\s+other\s+news
      | you\s+may\s+have\s+missed | featured\s+(?:stories|articles|posts)
      | leia\s+(?:também|mais) | veja\s+(?:também|mais) | lesen\s+sie\s+(?:auch|mehr)
      | mehr\s+zum\s+thema | (?:à\s+)?lire\s+aussi | leggi\s+anche | lee\s+también
      | baca\s+juga | читайте\s+также | смотрите\s+также
    )[\W_]*$""",
    re.I | re.X,
)


# Calls to action: sign up, follow us, click here. Furniture even inside a sentence; "follow"
# only as a command (a sentence's first word, or "follow us"): "you can follow him there on
# Facebook" is the author telling, not the site asking.
CALL_TO_ACTION = re.compile(
    r"""^(?:sign\s+up|subscribe)\b
      | \b(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletter|inbox|e-?mail|updates|alerts)\b
      | \bnewsletter\b.{0,80}\b(?:sign\s+up|subscribe|inbox|delivered)\b
      | (?:^|[.!?]\s+)follow\b.{0,40}\bon\s+(?:twitter|facebook|instagram|youtube|linkedin|tiktok)\b
      | \bfollow\s+us\b
      | \bclick(?:ing)?\s+here\b""",
    re.I | re.X,
)


# What a page says about itself rather than about its subject: that scripts or cookies are
# needed, that the rest is for subscribers, how to comment, to pass the story on. Searched for
# inside short paragraphs (a notice often runs to a second sentence).
NOTICE = LazyPattern(
    r"""\b(?:
        (?:please\s+)?enable\s+javascript | javascript\s+(?:is\s+)?(?:required|disabled)
      | you\s+need\s+(?:to\s+enable\s+)?javascript
      | your\s+browser\s+(?:does\s+not|doesn'?t|cannot|can'?t)\s+(?:support|play|display)
      | (?:this|our)\s+(?:site|website)\s+uses\s+cookies | we\s+use\s+cookies
      | by\s+(?:continuing\s+to\s+(?:use|browse)|using)\s+(?:this|our)\s+(?:site|website)\b
      | (?:your\s+)?email\s+address\s+will\s+not\s+be\s+published
      | required\s+fields\s+are\s+marked
      | already\s+a\s+(?:subscriber|member)\b | to\s+continue\s+reading\b
      | (?:article|story|content)\s+is\s+(?:for|only\s+(?:available|open)\s+to)
          \s+(?:paid\s+)?(?:subscribers|members)
      | (?:subscribe|log\s+in|sign\s+in)\s+(?:now\s+)?to\s+(?:continue|read|unlock|keep\s+reading)
      | share\s+(?:it|this(?:\s+\w+)?)\s+with\s+(?:a\s+friend|your\s+friends|friends)
    )""",
    re.I | re.X,
)
# Every notice holds one of these (lowercase): a cheap test before the pattern.
NOTICE_WORDS = ("javascript", "browser", "cookies", "email", "required", "already",
                "continue", "subscribers", "members", "to read", "unlock", "friend")


# A WordPress shortcode the page forgot to render: "[button link=...]Send us yours[/button]",
# "[caption id=...]...[/caption]". One that wraps a whole line, or a line of nothing but
# opening tags with attributes and closing tags, is a widget printed as its source (names are
# lowercase: a "[The Verge]" citation is not one).
SHORTCODE_LINE = re.compile(
    r"""^(?:
        \[([a-z][a-z0-9_-]*)(?:\s[^\]]*)?\].{0,300}\[/\1\]
      | (?:(?:\[/[a-z][a-z0-9_-]*\]|\[[a-z][a-z0-9_-]*\s[^\]]*=[^\]]*\])\s*)+
    )$""",
    re.X | re.S,
)


# Words of a page's controls: buttons, players, share bars, galleries. A line made of these
# alone ("close", "Play Video", "toggle caption", "Print Email") is a control read as text.
CONTROL_WORDS = frozenset(
    {
        "close", "open", "expand", "collapse", "enlarge", "zoom", "fullscreen", "full", "screen",
        "play", "pause", "replay", "mute", "unmute", "video", "videos", "audio", "watch", "listen",
        "now", "print", "email", "e", "mail", "share", "shares", "tweet", "pin", "save", "copy",
        "link", "facebook", "twitter", "pinterest", "whatsapp", "linkedin", "reddit", "flipboard",
        "messenger", "telegram", "sms", "more", "less", "show", "hide", "toggle", "caption",
        "captions", "next", "previous", "prev", "back", "to", "top", "skip", "ad", "ads", "loading",
        "gallery", "photos", "image", "images", "view", "all", "see", "click", "tap", "here",
        "menu", "search", "comment", "comments", "reply", "article", "post", "story", "fechar",
        "cerrar", "schließen", "fermer", "chiudi", "compartilhar", "compartir", "teilen",
        "partager", "condividi", "imprimir", "drucken", "imprimer", "stampa", "accept", "decline",
        "dismiss", "agree",
    }
)
# Counts a widget shows: "1.2K Shares", "345 views", "Image 3 of 12", "2 / 6".
COUNTER = re.compile(
    r"""^(?:
        [\d.,]+\s*[km]?\s+(?:shares?|views?|likes?|reads?|reactions?|votes?)
      | (?:image|photo|picture|slide|foto|bild)?\s*\d+\s*(?:of|/|von|de|di)\s*\d+
    )$""",
    re.I | re.X,
)
_LETTER_WORD = re.compile(r"[^\W\d_]+")
# A line of controls is short; anything longer is a sentence that happens to use the words.
CONTROL_MAX_WORDS = 5


# A pager: the page numbers of a list or a thread, with their arrows and words.
# "1 2 3 4 5 Next", "Pages: [1] 2 3 ... 31", "« Prev 3 | 4 | 5 Next »", "Page 2 of 9".
PAGER = re.compile(
    r"""^(?:pages?\s*:?\s*)?(?:(?:«|‹|<|first|prev(?:ious)?)\W*)*
      (?:\[?\d+\]?[\s|,·•…]*(?:\.\.\.\s*)?)+
      (?:(?:next|last|»|›|>)\W*)*$
      | ^page\s+\d+(?:\s+of\s+\d+)?$""",
    re.I | re.X,
)
_NUMBER = re.compile(r"\d+")
# A pager shows at least this many page numbers, counting up.
PAGER_MIN_NUMBERS = 3


def is_pager(text: str) -> bool:
    """Whether ``text`` is a pager: page numbers counting up, or "Page 2 of 9"."""
    if not PAGER.match(text):
        return False
    if text.lower().startswith("page") and not text.lower().startswith("pages"):
        return True
    numbers = [int(n) for n in _NUMBER.findall(text)]
    steps = list(itertools.pairwise(numbers))
    return (
        len(numbers) >= PAGER_MIN_NUMBERS
        and all(a < b for a, b in steps)
        and sum(b == a + 1 for a, b in steps) * 2 >= len(steps)
    )


def is_control_line(text: str) -> bool:
    """Whether ``text`` is only the labels of controls, a count a widget shows, or a pager."""
    text = text.strip()
    if COUNTER.match(text) or is_pager(text):
        return True
    # A sentence mark makes it a sentence; a colon, a lead-in to what follows ("See more:").
    if any(mark in text for mark in ".!?;:") or any(ch.isdigit() for ch in text):
        return False
    words = _LETTER_WORD.findall(text.lower())
    return 0 < len(words) <= CONTROL_MAX_WORDS and all(w in CONTROL_WORDS for w in words)


# A post's own record line, printed by blog engines above or below each post: who posted it
# and when, where it is filed, and links to its permalink and comments. "This entry was
# posted on Monday ... and is filed under News", "Posted by Ann at 5:15 PM | Comments (3)",
# "Posted in: Fantasy |". The verb starts the line; what follows must be a record (a date or
# a clock, a "|" between fields, "filed under", a colon after "posted in"), never a sentence
# ("Posted on social media by the analysts, the port is not smooth" stays).
POST_RECORD_VERB = re.compile(
    r"""^(?:this\s+(?:entry|post|article)\s+was\s+(?:posted|written|filed|published)
      | (?:posted|filed|published|written)(?:\s+(?:by|in|on|at|under))?\s*:?
    )\s""",
    re.I | re.X,
)
POST_RECORD_FIELD = re.compile(
    r"""\|
      | \bfiled\s+(?:under|in)\b
      | ^(?:posted|filed)\s+(?:in|under)\s*:
      | \b(?:19|20)\d\d\b | \b\d{1,2}:\d\d\b | \b\d{1,2}[/-]\d{1,2}[/-]\d{2,4}\b""",
    re.I | re.X,
)
# A line of fields split by "|" whose one field is a post's own link: "May 3, 2006 |
# permalink | comments (2)", "Posted by Ann | Email This".
POST_LINK_FIELD = re.compile(
    r"""^(?:permalink|permanent\s+link|trackbacks?(?:\s*\(\d+\))?|comments?\s*\(\d+\)
      | \d+\s+(?:comments?|trackbacks?) | (?:no|one)\s+comments? | comments?
      | (?:post|leave|add)\s+a\s+comment | email\s+this(?:\s+\w+)? | print\s+this(?:\s+\w+)?
    )$""",
    re.I | re.X,
)
