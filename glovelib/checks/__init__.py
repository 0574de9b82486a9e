"""Automatic checks for the homework (notebooks/exercises/) and the notebooks' try-its.

Each ``check_*`` function takes *your* implementation (or your answer), runs it on small random
problems (and on edge cases that catch the usual mistakes), and compares it with glovelib's own.
It prints one line per passed check, or raises :class:`CheckFailed` (an ``AssertionError``) with
one message that names the likely mistake.  In Jupyter the failure shows as that one line,
without a traceback into this package; so does a task still at ``raise NotImplementedError``
("task 1 is not written yet: ...").  A check also fails when your function calls glovelib's own
answer (``gl.objective.weighting`` in your weighting, say): write it yourself.

    from glovelib import checks
    checks.check_weighting(my_weighting)

One module per notebook and homework, so that an instructor finds a notebook's checks by its
name: ``nb00`` ... ``nb08``, ``hw1`` ... ``hw3``; what they share is in ``_core`` (failing,
calling the student's code), ``_record`` (the glovelib calls a homework study makes, to name a
setting it did not pass) and :mod:`glovelib._mistakes` (what the usual wrong answers look
like).  Every check is also importable from here.
"""

from __future__ import annotations

from ._core import CheckFailed, _call, _close, _fail, _num, _ok, _show_in_ipython  # noqa: F401
from .hw1 import check_gradient_descent, check_gradients, check_loss, check_weighting
from .hw2 import _dense, check_counter, check_left_counter, check_window_study  # noqa: F401
from .hw3 import (
    check_analogy,
    check_planted_accuracies,
    check_section_accuracy,
    check_x_max_study,
)
from .nb00 import check_planted_questions
from .nb01 import check_probability
from .nb02 import check_glove_gradients, check_prefix
from .nb03 import check_pair_counts
from .nb04 import check_adagrad_step
from .nb05 import check_cosmul
from .nb06 import check_parallel_offsets, mean_offset_cosine
from .nb07 import (
    DEFINITIONAL_PAIRS,
    check_analogy_answer,
    check_antonym_closer,
    check_direction_separates,
    check_polysemy,
    frequency_matched_baseline,
    gender_direction,
    gender_pca_direction,
)
from .nb08 import check_window_pairs

__all__ = ["CheckFailed", "check_weighting", "check_loss", "check_gradients", "check_counter",
           "check_left_counter", "check_analogy", "check_section_accuracy",
           "mean_offset_cosine", "check_parallel_offsets", "check_polysemy",
           "check_antonym_closer", "check_analogy_answer", "gender_direction",
           "check_direction_separates", "DEFINITIONAL_PAIRS", "gender_pca_direction",
           "frequency_matched_baseline", "check_window_pairs", "check_adagrad_step",
           "check_cosmul", "check_planted_questions", "check_probability", "check_prefix",
           "check_pair_counts", "check_gradient_descent", "check_window_study",
           "check_planted_accuracies", "check_x_max_study", "check_glove_gradients"]
