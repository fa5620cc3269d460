"""The teacher's tools: the student build and the answer key, handouts, collecting submissions into a
gradebook, marking free text, grades and feedback pages, the class report and the live view.

    import kit.classroom as classroom
    classroom.collect("class")                       # or: python -m kit collect class
    classroom.marking("class")                       # the marking widget
    classroom.mark("class", "Ana Silva", "q2.7", 2, "Two numbers, well used.")
    classroom.export_grades("class")                 # or: python -m kit grades class
    classroom.live("class")                          # the live view during a lesson

Everything here reads notebooks and students' submission files; nothing here knows about the lessons' widgets.
"""
from .gradebook import GradebookError, collect
from .grades import export as export_grades
from .live import live
from .marking import mark, marking
from .report import write_report

__all__ = ["collect", "mark", "marking", "export_grades", "write_report", "live", "GradebookError"]
