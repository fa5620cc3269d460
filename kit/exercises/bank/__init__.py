"""Every exercise of the unit, by lesson. The notebooks refer to them by id ("q2.3")."""
from . import lesson1, lesson2, lesson3, lesson4, lesson5, lesson6

QUESTIONS = {q.qid: q for module in (lesson1, lesson2, lesson3, lesson4, lesson5, lesson6) for q in module.QUESTIONS}
