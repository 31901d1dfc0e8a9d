"""What became of a quote in today's text: found with the same words, changed, or gone.

A highlight's target is what the user highlighted and is never rewritten by re-anchoring;
where it sits in a later version of the text is a :class:`~tui.core.model.highlight.Placement`
beside it. This module reads both: which anchor is already known for a given text, the
placement to store after re-anchoring, and the :class:`QuoteState` every export and list
shows (``ok``, ``changed`` with the page's current wording, ``orphan``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from tui.core.anchor.attach import Anchor, reanchor, reanchor_all
from tui.core.model import AnchorStatus, Highlight, Placement, Target, same_words


class QuoteStatus(StrEnum):
    """What a reader of an export needs to know about a quote."""

    OK = "ok"  # the page has these words (where they were, or elsewhere)
    CHANGED = "changed"  # the passage is there, but the page's words now differ
    ORPHAN = "orphan"  # the passage is gone from the page
    UNCHECKED = "unchecked"  # the text it was taken from is not the saved one, and no copy


@dataclass(frozen=True, slots=True)
class QuoteState:
    """A quote's status, how it was anchored, and the page's wording when it changed."""

    status: QuoteStatus
    anchoring: AnchorStatus | None = None
    current: str | None = None  # the words the page has now in its place (CHANGED only)
    start: int = -1  # where it sits in today's text (-1: unknown or orphan)
    end: int = -1

    @property
    def changed(self) -> bool:
        """The page's words differ from the quote."""
        return self.status is QuoteStatus.CHANGED

    @property
    def orphan(self) -> bool:
        """The passage is gone from the page."""
        return self.status is QuoteStatus.ORPHAN


UNCHECKED = QuoteState(QuoteStatus.UNCHECKED)


def vouched(target: Target, text: str) -> bool:
    """Whether ``target``'s offsets hold its quote in ``text``: an imported text hash claims
    they do, and a file can claim offsets past the end (an invisible highlight)."""
    start, end = target.position.start, target.position.end
    return 0 <= start < end <= len(text) and text[start:end] == target.quote.exact


def known_anchor(
    highlight: Highlight, text_hash: str, text: str | None = None
) -> Anchor | None:
    """Where ``highlight`` sits in the text hashed ``text_hash``, if that is known already
    (the text it was taken from, or one it was placed in and the placement stored). Given
    the ``text``, a target whose offsets do not hold its quote there is not known."""
    target = highlight.target
    if target.text_hash == text_hash and (text is None or vouched(target, text)):
        return Anchor(target.position.start, target.position.end, AnchorStatus.EXACT)
    p = highlight.placement
    if p is not None and p.text_hash == text_hash:
        return Anchor(p.start, p.end, p.status, p.score)
    return None


def settle(highlight: Highlight, text: str, text_hash: str) -> Highlight:
    """``highlight`` as stored for ``text``: a target claiming this text with offsets that do
    not hold its quote loses the claim (the quote, prefix and offsets stay) and is placed by
    its quote, or placed as an orphan, so it is never an invisible 'ok'."""
    if highlight.target.text_hash != text_hash or vouched(highlight.target, text):
        return highlight
    target = dataclasses.replace(highlight.target, text_hash="")
    anchor = reanchor(target, text, text_hash=text_hash)
    return dataclasses.replace(
        highlight, target=target, placement=placement(highlight, anchor, text, text_hash)
    )


def placement(highlight: Highlight, anchor: Anchor, text: str, text_hash: str) -> Placement:
    """The placement to store for ``highlight`` found at ``anchor`` in ``text``."""
    current = ""
    if anchor.attached:
        now = text[anchor.start : anchor.end]
        current = "" if same_words(now, highlight.quote) else now
    return Placement(anchor.start, anchor.end, text_hash, anchor.status, current, anchor.score)


def state_of(highlight: Highlight, text_hash: str) -> QuoteState | None:
    """The quote's state in the text hashed ``text_hash``; None if it was never placed there."""
    target = highlight.target
    if target.text_hash == text_hash:
        position = target.position
        return QuoteState(QuoteStatus.OK, AnchorStatus.EXACT, None, position.start, position.end)
    p = highlight.placement
    if p is None or p.text_hash != text_hash:
        return None
    return _state(p.status, p.current, p.start, p.end)


def state_in(highlight: Highlight, anchor: Anchor, text: str) -> QuoteState:
    """The quote's state given where it was found in ``text``."""
    if not anchor.attached:
        return _state(anchor.status, "", -1, -1)
    now = text[anchor.start : anchor.end]
    current = "" if same_words(now, highlight.quote) else now
    return _state(anchor.status, current, anchor.start, anchor.end)


def states_in(highlights: Sequence[Highlight], text: str, text_hash: str) -> list[QuoteState]:
    """Each highlight's state in ``text``: the stored one where known, else re-anchored
    (from the words the user highlighted; nothing is stored)."""
    out: list[QuoteState | None] = [state_of(h, text_hash) for h in highlights]
    todo = [i for i, s in enumerate(out) if s is None]
    if todo:
        anchors = reanchor_all([highlights[i].target for i in todo], text)
        for i, anchor in zip(todo, anchors, strict=True):
            out[i] = state_in(highlights[i], anchor, text)
    return [s or UNCHECKED for s in out]


def _state(status: AnchorStatus, current: str, start: int, end: int) -> QuoteState:
    if status is AnchorStatus.ORPHAN:
        return QuoteState(QuoteStatus.ORPHAN, status)
    if current:
        return QuoteState(QuoteStatus.CHANGED, status, current, start, end)
    return QuoteState(QuoteStatus.OK, status, None, start, end)
