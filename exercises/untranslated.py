"""What is left untranslated: English words in a text meant to be Vietnamese.

Two measures, used by the tests of the Vietnamese edition (and usable on any text an official reads):
`english_leftovers` finds common English words, `vietnamese_share` the share of words that carry a Vietnamese
letter. Both look at the prose only: code spans (`answer_3 = "b"`), quoted speech, whose language is the
speaker's, and proper names (VNeID, Erlang C) are set aside.
"""
from __future__ import annotations

import re

__all__ = ["STOP_WORDS", "PROPER_NAMES", "english_leftovers", "vietnamese_share"]

STOP_WORDS = ("the", "and", "of", "your", "which", "answer", "you", "is", "are", "with", "for", "what", "this",
              "that", "will", "must", "should", "how", "from", "their", "when", "type", "run", "cell", "question",
              "points", "each", "then", "who", "not")
# Words a Vietnamese text keeps as they are: names of people, places, apps, formulas and keys.
PROPER_NAMES = ("Kim Boi", "Kim Bôi", "VNeID", "Erlang C", "Erlang", "Little", "Shift+Enter", "Enter", "OTP", "SMS",
                "CCCD", "TTHC", "DVC", "Qmatic", "Python", "Tết")
_CODE_RE = re.compile(r"```.*?```|`[^`\n]*`", re.S)
_QUOTED_RE = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|«[^»\n]*»")
_WORD_RE = re.compile(r"[^\W\d_]+")
_VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


def _prose(text: str) -> str:
    """`text` without code spans, quoted speech and proper names: what must read as Vietnamese."""
    text = _QUOTED_RE.sub(" ", _CODE_RE.sub(" ", text))
    for name in PROPER_NAMES:
        text = text.replace(name, " ")
    return text


def english_leftovers(text: str) -> list[str]:
    """English stop-words left in a translated text (outside code spans, quoted speech and proper names)."""
    words = [w.lower() for w in _WORD_RE.findall(_prose(text))]
    return sorted({w for w in words if w in STOP_WORDS})


def vietnamese_share(text: str) -> float:
    """Share of the prose's words that carry a Vietnamese letter (ă, ê, đ, a tone mark ...); 1.0 for no words."""
    words = _WORD_RE.findall(_prose(text).lower())
    if not words:
        return 1.0
    return sum(bool(set(w) & _VIETNAMESE_LETTERS) for w in words) / len(words)
