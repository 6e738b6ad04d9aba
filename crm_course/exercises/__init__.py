"""Exercises: ``from crm_course.exercises import ch00 as ex`` then ``ex.q1.check(answer)``,
``ex.q1.hint()``, ``ex.q1.hint(2)``, ``ex.q1.solution()``."""
