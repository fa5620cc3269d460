"""Exercises with instant, kind feedback: ``check``, ``choose``, ``write``, ``hint``, ``export``.

    from kit.exercises import check, choose, write, hint, sign_in, export
"""
from .api import check, choose, evaluate, examples, explore, export, hint, my_marks, questions, rubric, sign_in, write

__all__ = ["check", "choose", "write", "hint", "sign_in", "export", "evaluate", "explore", "rubric",
           "examples", "questions", "my_marks"]
