"""Older name of the answer helpers, kept for one release.

Use ``grading.course.answers`` and ``grading.course.replies`` instead.

Answers are no longer checked in the official's kernel: a notebook records
plain values (``grading.course.sheet``) and the trainer's grader judges them
against the key frozen at release (``grading.judging``). What is left here is
the normalisation officials' answers go through and the formative reply hints.
"""
import warnings

from grading.course.answers import WrongAnswer, as_date, as_number, is_blank, norm_id, norm_letter, norm_text
from grading.course.replies import hint_reply, reply_criteria

__all__ = ["WrongAnswer", "as_date", "as_number", "is_blank", "norm_id", "norm_letter", "norm_text", "hint_reply",
           "reply_criteria"]

warnings.warn("grading.checks is deprecated: import grading.course.answers or grading.course.replies",
              DeprecationWarning, stacklevel=2)
