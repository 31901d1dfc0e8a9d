"""Where a line may break inside text without spaces: Chinese and Japanese (kinsoku).

Latin text breaks only at spaces (the layout's wrap does that). CJK text has no spaces
between words, so a line may break between any two ideographs or kana, or between one of
them and Latin text, except (the kinsoku rule, JIS X 4051 and the Chinese GB/T 15834
practice):

- no line starts with a closing or middle punctuation mark, or an iteration or length mark
  or small kana (``NO_START``: 。，、）」』】！？ ...), so they stay with what they follow;
- no line ends with an opening mark (``NO_END``: （「『【 ...), so it stays with what it opens;
- a run of ellipses or dashes (……, ——) is one mark and is not split.

This is the part of Unicode line breaking (UAX #14) that CJK paragraphs need: the ideograph
class (ID) with the closing (CL, CP, NS, EX, IS) and opening (OP) classes. It is a table and
two comparisons per candidate break, so laying out a long article costs next to nothing;
a full UAX #14 implementation in pure Python (uniseg) also changes where Latin text breaks
(after hyphens, say) and is far slower. Hangul is left out on purpose: Korean breaks at
spaces, which the layout already does.
"""

from __future__ import annotations

from functools import lru_cache

# Closing brackets and quotes, stops and commas, marks that must not begin a line. The
# ASCII and Latin ones count only next to CJK text (Latin lines break at spaces).
NO_START = frozenset(
    # closing brackets and quotes (CL, CP, QU-final)
    ")]}）〕］｝〉》」』】〙〗〟｠’”»›"
    # stops, commas, colons, question and exclamation marks (CL, IS, EX)
    "、。，．,.：；:;！？!?‼⁇⁈⁉｡､"
    # middle dot, ellipses, prolonged sound and iteration marks (NS, IN)
    "・･…‥ーヽヾゝゞ々〻〵"
    # small kana (CJ: forbidden at a line's start in strict Japanese setting)
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
    # percent and degree signs stay with their number
    "%％‰°℃"
)

# Opening brackets and quotes: they stay with what they open.
NO_END = frozenset("([{（〔［｛〈《「『【〘〖〝｟‘“«‹")

# Marks of which a run is one mark: …… and —— are not split across lines.
NO_SPLIT = frozenset("…‥—―")

# Unicode blocks whose characters may break on either side (UAX #14 class ID and its
# neighbours): CJK radicals to kana, bopomofo, ideographs, compatibility ideographs,
# fullwidth forms, and the supplementary ideographic planes.
_CJK_RANGES = (
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x3000, 0x30FF),  # CJK symbols and punctuation, hiragana, katakana
    (0x3100, 0x312F),  # bopomofo
    (0x3190, 0x31FF),  # kanbun, bopomofo extended, CJK strokes, katakana extensions
    (0x3400, 0x4DBF),  # ideographs extension A
    (0x4E00, 0x9FFF),  # unified ideographs
    (0xF900, 0xFAFF),  # compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # fullwidth (and halfwidth katakana) forms
    (0x20000, 0x3FFFF),  # ideographs extensions B and beyond
)


@lru_cache(maxsize=16384)
def is_cjk(char: str) -> bool:
    """Whether ``char`` is Chinese or Japanese script or punctuation (breaks either side);
    kept, since a page repeats a few thousand characters at most."""
    code = ord(char)
    if code < 0x2E80:
        return False
    return any(low <= code <= high for low, high in _CJK_RANGES)


def can_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` and the next begin with ``after``, two
    characters with no space between them."""
    if after in NO_START or before in NO_END:
        return False
    if not (is_cjk(before) or is_cjk(after)):
        return False  # Latin breaks only at spaces
    return not (before == after and before in NO_SPLIT)
