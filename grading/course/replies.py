"""Formative hints on a written reply to a citizen (the ``communication`` assignment).

The rubric marks six things: greeting, empathy, clear steps, plain language,
checking understanding, closing. ``reply_criteria`` guesses which of them a
reply shows, from words and layout (Vietnamese with or without accents, or
English); ``hint_reply`` prints a hint for each one missing. Neither awards
points: the trainer marks the reply.
"""
import re

from grading.course.answers import norm_text
from simulation.i18n import N_, _

__all__ = ["reply_criteria", "hint_reply"]

_REPLY_CRITERIA = {
    "greeting": (N_("Start with a greeting that shows respect, e.g. \"Kính chào bác\" / \"Good morning, madam\"."),
                 r"\b(kinh chao|xin chao|chao (bac|co|chu|anh|chi|ong|ba|em)|dear|hello|good (morning|afternoon))\b"),
    "empathy": (N_("Show that you understand how the citizen feels, e.g. \"Tôi hiểu bác đang lo lắng\" / \"I understand\"."),
                r"\b(hieu|thong cam|xin loi|rat tiec|lo lang|understand|sorry|apologi[sz]e|i see)\b"),
    "steps": (N_("Give clear steps, one per line or numbered (1., 2., 3.) or with \"first / then / finally\"."),
              r"(^|\s)(\d+[.)]\s|buoc \d)|(^|\n)\s*[-•]|\b(truoc het|dau tien|sau do|tiep theo|cuoi cung|first|then|next|finally)\b"),
    "check_understanding": (N_("Check that the citizen understood, e.g. \"Bác có cần tôi giải thích lại không?\" / \"Is that clear?\""),
                            r"\b(ro chua|ro khong|hieu chua|hieu khong|hieu ro|hieu (dung )?y|giai thich lai|noi lai|co cau hoi|"
                            r"con (gi|dieu gi) (chua ro|thac mac|muon hoi)|thac mac|can (toi|em|chau) (giup|giai thich)|"
                            r"is that clear|any questions|does that make sense|shall i explain|do you understand)\b"),
    "closing": (N_("Close politely, e.g. \"Cảm ơn bác, chúc bác một ngày tốt lành\" / \"Thank you, have a good day\"."),
                r"\b(cam on|chuc (bac|co|chu|anh|chi|ong|ba)|hen gap|thank(s| you)|have a (good|nice) day|goodbye)\b"),
}
_PLAIN_WORDS = N_("Use short sentences and everyday words; avoid abbreviations such as TTHC, DVC, CCCD.")
_JARGON = ("tthc", "dvc", "cccd", "csdl", "toan trinh", "mot phan", "dinh danh dien tu muc 2", "ho so dien tu",
           "administrative procedure", "interoperab", "authentication", "backend", "level-2 account")


def reply_criteria(text):
    """Which of the six rubric criteria a written reply seems to meet: dict name -> bool (a heuristic)."""
    plain = norm_text(text) if isinstance(text, str) else ""
    raw_lines = text.lower() if isinstance(text, str) else ""
    found = {name: bool(re.search(pattern, plain if name != "steps" else raw_lines + "\n" + plain))
             for name, (_, pattern) in _REPLY_CRITERIA.items()}
    sentences = [s for s in re.split(r"[.!?\n]+", plain) if s.strip()]
    long_sentences = [s for s in sentences if len(s.split()) > 30]
    found["plain_language"] = bool(sentences) and not long_sentences and not any(j in plain for j in _JARGON)
    return found


def hint_reply(text):
    """Print formative hints on a written reply. Awards no points and never raises."""
    try:
        if not isinstance(text, str) or len(text.split()) < 15:
            print(_("… Write your reply between the triple quotes (at least a few sentences), run the cell, then ask "
                    "again."))
            return None
        found = reply_criteria(text)
        if all(found.values()):
            print(_("✓ Your reply has a greeting, empathy, clear steps, plain words, a check of understanding and a "
                    "closing. Your trainer will read it and give the final mark."))
        for name, ok in found.items():
            if not ok:
                print("• " + _(_REPLY_CRITERIA[name][0] if name in _REPLY_CRITERIA else _PLAIN_WORDS))
    except Exception:
        print(_("… The hints could not read your reply; your trainer will still read it."))
    return None
