"""The exercises engine, every chapter's checks (right and typical wrong answers), and the
exercises/ <-> solutions/ sync."""

import importlib
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import crm_course as crm
from crm_course.exercises.build import exercise_notebook, strip_solutions
from crm_course.exercises.engine import Mistake, Question, T, solution_code

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


# --- the engine -------------------------------------------------------------------------

QUESTION = Question(
    "q9",
    expected=lambda: pd.Series([1.0, 2.0], index=["a", "b"]),
    hints=[T("first", "第一"), T("second", "第二")],
    mistakes=[Mistake(lambda a, e: (a == -e).all(), T("Check the sign.", "检查符号。"))],
)


def test_three_outcomes():
    assert QUESTION.check(...).outcome == "not_attempted"
    assert QUESTION.check(None).outcome == "not_attempted"
    assert QUESTION.check(pd.Series([1.0, 2.0], index=["a", "b"])).outcome == "correct"
    assert QUESTION.check(pd.Series([2.0, 1.0], index=["b", "a"])).outcome == "correct"  # order does not matter
    assert QUESTION.check(pd.Series([1.0, 3.0], index=["a", "b"])).outcome == "incorrect"


def test_feedback_is_specific_and_does_not_reveal_the_answer():
    wrong = QUESTION.check(pd.Series([1.0, 3.0], index=["a", "b"]))
    assert "1 value(s) differ, e.g. at 'b'" in repr(wrong) and "2.0" not in repr(wrong)
    assert "Check the sign." in repr(QUESTION.check(pd.Series([-1.0, -2.0], index=["a", "b"])))
    assert "has 1 rows, but the right one has 2" in repr(QUESTION.check(pd.Series([1.0], index=["a"])))
    assert "should be a pandas Series, but you gave a int" in repr(QUESTION.check(3))
    assert not QUESTION.check(3) and QUESTION.check(pd.Series([1.0, 2.0], index=["a", "b"]))


def test_feedback_in_chinese():
    crm.set_language("zh")
    assert "尚未作答" in repr(QUESTION.check(...))
    assert "检查符号" in repr(QUESTION.check(pd.Series([-1.0, -2.0], index=["a", "b"])))
    assert "第二" in repr(QUESTION.hint(2))


def test_frames_compare_by_column_and_odd_types_get_coaching_not_a_traceback():
    expected = pd.DataFrame({"recency": [3, 10], "segment": ["a", "b"]}, index=["x", "y"])
    question = Question("q8", expected=lambda: expected, hints=[T("h", "提示"), T("h2", "提示2")])
    assert question.check(expected.iloc[::-1].copy()).outcome == "correct"
    as_timedelta = expected.assign(recency=pd.to_timedelta(expected["recency"], unit="D"))
    assert "Column 'recency' should hold numbers" in repr(question.check(as_timedelta))
    assert "should hold numbers" in repr(question.check(expected.assign(recency=["3", "10"])))
    assert "1 value(s) differ, e.g. at 'y'" in repr(question.check(expected.assign(segment=["a", "c"])))


def test_wrong_kind_is_named_before_any_mistake_and_rounding_is_recognised():
    question = Question("q7", expected=lambda: 0.34456, hints=[T("h", "提示"), T("h2", "提示2")],
                        mistakes=[Mistake(lambda a, e: True, T("A typical mistake.", "典型错误。"))])
    assert "should be a number, but you gave a str" in repr(question.check("0.34"))
    assert "A typical mistake." in repr(question.check(0.2))
    rounded = Question("q8", expected=lambda: 0.34456, hints=[T("h", "提示"), T("h2", "提示2")])
    assert "probably rounded" in repr(rounded.check(0.345))
    assert "probably rounded" not in repr(rounded.check(0.36))


def test_graded_hints():
    assert "Hint 1 of 2: first" in repr(QUESTION.hint())
    assert "Hint 2 of 2: second" in repr(QUESTION.hint(2)) and "last hint" in repr(QUESTION.hint(2))
    assert "Hint 2 of 2" in repr(QUESTION.hint(7))


def test_a_broken_mistake_detector_never_raises():
    question = Question("q1", expected=lambda: 3, hints=[T("h", "提示")],
                        mistakes=[Mistake(lambda a, e: a["key"] > 1, T("never", "从不"))])
    assert question.check(4).outcome == "incorrect"


def test_html_rendering_escapes():
    assert "&lt;b&gt;" in Question("q1", expected=lambda: "x", hints=[T("h", "提")]).check("<b>")._repr_html_()


# --- solutions/ -> exercises/ ----------------------------------------------------------


def test_strip_solutions_keeps_the_check_and_names_the_answer():
    source = "### BEGIN SOLUTION\nspend = tx.groupby('c').sum()\nanswer = spend.max()\n### END SOLUTION\nex.q2.check(answer)"
    assert strip_solutions(source) == "# your code here\nanswer = ...\nex.q2.check(answer)"


@pytest.mark.parametrize("solution", SOLUTIONS, ids=lambda p: p.name)
def test_exercises_are_generated_from_solutions(solution):
    exercise = ROOT / "exercises" / solution.name
    assert exercise.exists(), f"run `crm-course exercises` to generate {exercise.name}"
    expected = exercise_notebook(nbformat.read(solution, as_version=4))
    actual = nbformat.read(exercise, as_version=4)
    assert [c.source for c in actual.cells] == [c.source for c in expected.cells], "run `crm-course exercises`"
    assert not any(c.get("outputs") for c in actual.cells)
    assert "BEGIN SOLUTION" not in exercise.read_text(encoding="utf-8")


# --- every chapter's questions -----------------------------------------------------------


def _solution_cells(path):
    """(question module name, question name, solution code) for each checked cell of a solutions notebook."""
    notebook = nbformat.read(path, as_version=4)
    setup = "\n".join(c.source for c in notebook.cells if c.cell_type == "code" and "BEGIN SOLUTION" not in c.source
                      and "import" in c.source)
    module = re.search(r"from crm_course\.exercises import (ch\d\d) as ex", setup).group(1)
    for cell in notebook.cells:
        found = re.search(r"ex\.(q\d+)\.check\((\w+)\)", cell.source)
        if cell.cell_type == "code" and found and "BEGIN SOLUTION" in cell.source:
            yield module, found.group(1), found.group(2), setup, cell.source


CASES = [case for path in SOLUTIONS for case in _solution_cells(path)]


@pytest.mark.parametrize("module, name, variable, setup, source", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_solution_is_correct_and_typical_mistakes_are_caught(module, name, variable, setup, source):
    namespace = {}
    exec(setup, namespace)
    exec(source.split("### END SOLUTION")[0], namespace)
    question = getattr(importlib.import_module(f"crm_course.exercises.{module}"), name)
    assert question.check(namespace[variable]).outcome == "correct"
    assert question.check(...).outcome == "not_attempted"
    assert solution_code(question.chapter, name) in source
    assert len(question.hints) >= 2
    examples = getattr(importlib.import_module(f"crm_course.exercises.{module}"), "WRONG_ANSWERS", {}).get(name)
    assert examples, f"{module}.WRONG_ANSWERS has no typical wrong answer for {name}"
    for wrong, says in examples(namespace):
        feedback = question.check(wrong)
        assert feedback.outcome == "incorrect"
        assert says in repr(feedback), (wrong, repr(feedback))
