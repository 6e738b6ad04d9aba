"""Chapters 01 (strategy) and 03 (value): every exercise checked with its right answer, its typical wrong
answers (each with its own coaching) and odd answers in both languages; no numeric answer printed in the
chapter; the notebooks' teaching frame (learning goals, opening case, Reading-it notes, discussion,
references, slide metadata)."""

import importlib
import numbers
import re
from pathlib import Path

import nbformat
import pytest

import crm_course as crm
from crm_course.exercises.build import NAME_CELL
from crm_course.exercises.engine import Choice, _expected, solution_code

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = {"ch01": "01_strategy", "ch03": "03_value"}
MINIMUM_QUESTIONS = {"ch01": 7, "ch03": 9}


@pytest.fixture(autouse=True)
def english():
    previous = crm.get_language()
    crm.set_language("en")
    yield
    crm.set_language(previous)


def _module(name):
    return importlib.import_module(f"crm_course.exercises.{name}")


def _questions(name):
    return [n for n in _module(name).__all__ if re.fullmatch(r"q\d+", n)]


def _solved_cells(name):
    """(question, answer variable, setup code, solution code) for each checked cell of the solutions notebook."""
    notebook = nbformat.read(ROOT / "solutions" / f"{CHAPTERS[name]}.ipynb", as_version=4)
    setup = "\n".join(c.source for c in notebook.cells
                      if c.cell_type == "code" and "BEGIN SOLUTION" not in c.source and "import" in c.source)
    for cell in notebook.cells:
        found = re.search(r"ex\.(q\d+)\.check\((\w+)\)", cell.source)
        if cell.cell_type == "code" and found and "BEGIN SOLUTION" in cell.source:
            yield found.group(1), found.group(2), setup, cell.source


CASES = [(name, *case) for name in CHAPTERS for case in _solved_cells(name)]
ODD_ANSWERS = [{1, 2}, {"a": 1}, True, float("nan"), float("inf"), 10**400, "x", [1, 2, 3], (), None]


@pytest.mark.parametrize("name, question, variable, setup, source", CASES, ids=[f"{c[0]}.{c[1]}" for c in CASES])
def test_right_answer_typical_mistakes_and_odd_answers(name, question, variable, setup, source):
    namespace = {}
    exec(setup, namespace)
    exec(source.split("### END SOLUTION")[0], namespace)
    q = getattr(_module(name), question)
    assert q.check(namespace[variable]).outcome == "correct"
    assert q.check(...).outcome == "not_attempted"
    assert solution_code(q.chapter, question) in source
    assert len(q.hints) >= 2
    wrong_answers = _module(name).WRONG_ANSWERS[question](namespace)
    assert len(wrong_answers) >= 2
    for wrong, says in wrong_answers:
        feedback = q.check(wrong)
        assert feedback.outcome == "incorrect" and says in str(feedback), (wrong, str(feedback))
    for language in ("en", "zh"):
        crm.set_language(language)
        for odd in ODD_ANSWERS:
            assert "Traceback" not in str(q.check(odd))
        assert str(q.hint(2))


@pytest.mark.parametrize("name", CHAPTERS)
def test_enough_questions_two_decisions_and_every_one_solved(name):
    questions = _questions(name)
    assert len(questions) >= MINIMUM_QUESTIONS[name]
    assert sum(isinstance(getattr(_module(name), q), Choice) for q in questions) >= 2
    assert set(_module(name).WRONG_ANSWERS) == set(questions)
    assert {case[1] for case in CASES if case[0] == name} == set(questions)


def _printed_forms(value: float) -> set[str]:
    """How a chapter might print ``value``: 2-4 decimals, 3-4 significant figures, a percentage, a count."""
    forms = {f"{value:.{d}f}" for d in (2, 3, 4)} | {f"{value:.3g}", f"{value:.4g}", f"{100 * value:.1f}%"}
    if float(value).is_integer():
        forms |= {str(int(value)), f"{int(value):,}"}
    return {f for f in forms if len(f.strip("0.-%")) >= 2}


def _stored_text(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    texts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            texts.append(output.get("text", ""))
            texts += [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(texts)


@pytest.mark.parametrize("name", CHAPTERS)
def test_no_numeric_answer_is_printed_in_the_chapter(name):
    printed = _stored_text(ROOT / "notebooks" / f"{CHAPTERS[name]}.ipynb")
    for question in _questions(name):
        q = getattr(_module(name), question)
        expected = None if isinstance(q, Choice) else _expected(q)
        if isinstance(expected, numbers.Number) and not isinstance(expected, bool):
            leaked = [f for f in _printed_forms(float(expected))
                      if re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", printed)]
            assert not leaked, f"{name}.{question}: the chapter prints {leaked}"


@pytest.mark.parametrize("name", CHAPTERS)
def test_exercise_notebook_opens_with_goals_and_a_link_to_its_chapter(name):
    cells = nbformat.read(ROOT / "exercises" / f"{CHAPTERS[name]}.ipynb", as_version=4).cells
    assert cells[0].source == NAME_CELL  # the student's name first, for grading
    first = cells[1].source
    assert "Learning goals" in first and f"(../notebooks/{CHAPTERS[name]}.ipynb)" in first


@pytest.mark.parametrize("name", CHAPTERS)
def test_chapter_frame_goals_case_reading_notes_discussion_references_slides(name):
    cells = nbformat.read(ROOT / "notebooks" / f"{CHAPTERS[name]}.ipynb", as_version=4).cells
    assert "Learning goals" in cells[0].source
    headings = [c.source.splitlines()[0] for c in cells if c.cell_type == "markdown"]
    assert any("(引例)" in h for h in headings[:3])
    assert any("(思考)" in h for h in headings[-3:]) and any("(参考文献)" in h for h in headings[-3:])
    assert all("slide_type" in c.metadata.get("slideshow", {}) for c in cells)
    for i, cell in enumerate(cells):
        if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            near = [cells[j].source for j in (i - 1, i + 1) if 0 <= j < len(cells) and cells[j].cell_type == "markdown"]
            assert any("**Reading it.**" in s for s in near), f"plot in cell {i} has no Reading-it note"


def test_chapter_03_shows_bgnbd_forecasts_to_two_decimals():
    cells = nbformat.read(ROOT / "notebooks" / "03_value.ipynb", as_version=4).cells
    table = next(c for c in cells if 'sort_values("expected_39_weeks"' in c.source)
    assert table.source.rstrip().endswith(".round(2)")
