"""Exercises: ``from crm_course.exercises import ch00 as ex`` then ``ex.q1.check(answer)``,
``ex.q1.hint()``, ``ex.q1.hint(2)``, ``ex.q1.solution()``; for a multiple-choice question
``ex.q5.options()`` lists the options and ``ex.q5.check("b")`` checks the letter chosen.
The checking engine and its tolerance policy: :mod:`crm_course.exercises.engine`."""
