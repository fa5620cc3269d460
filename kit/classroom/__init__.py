"""The teacher's tools: the student build and the answer key, handouts, the class report.

Everything here reads notebooks and students' submission files; nothing here knows about widgets.
"""
