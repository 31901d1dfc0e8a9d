"""What lines of page furniture say: the vocabulary the block rules match lines against.

Each pattern is one kind of line that a page prints around an article and no article prints
as its own text: a widget's label ("Share this:", "Most read"), a prompt ("Sign up for our
newsletter"), a count ("12 Comments"). They are written for whole short lines; the rules in
:mod:`tui.core.clean_blocks` decide where and at what length a match counts.
"""

from __future__ import annotations

import re

FURNITURE = re.compile(
    r"""^(?:
        share(?:\s+(?:this|the\s+story|this\s+(?:article|story|post|page)))?
          (?:\s+(?:on|via|with)\s+[\w+.& ]{1,30})?\s*[:!.]?
      | sharing\s+is\s+caring!?
      | like\s+this:?
      | like\s+loading\.*
      | (?:\d+\s+)?comments?
      | leave\s+a\s+(?:reply|comment)
      | tell\s+us\s+what\s+you\s+think.*
      | advert(?:isement)?s?
      | sponsored(?:\s+content)?
      | (?:this\s+)?slideshow\s+requires\s+javascript\.?
      | (?:tags?|filed\s+under|categor(?:y|ies)|topics?)\s*:.*
      | (?:\d+|one|no)\s+(?:thoughts?|responses?|repl(?:y|ies)|comments?)
          (?:\s+(?:on|to)\s+["“'‘«].{1,150})?
      | (?:continue|keep)\s+reading(?:\s+(?:the\s+main\s+story|below(?:\s+the\s+ad)?))?\W*
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
BARE_RAIL_LABEL = re.compile(
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


# Calls to action: sign up, follow us, click here. Furniture even inside a sentence.
CALL_TO_ACTION = re.compile(
    r"""^(?:sign\s+up|subscribe)\b
      | \b(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletter|inbox|e-?mail|updates|alerts)\b
      | \bnewsletter\b.{0,80}\b(?:sign\s+up|subscribe|inbox|delivered)\b
      | \bfollow\b.{0,40}\bon\s+(?:twitter|facebook|instagram|youtube|linkedin|tiktok)\b
      | \bclick(?:ing)?\s+here\b""",
    re.I | re.X,
)
