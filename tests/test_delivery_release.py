"""Solutions held back for a class: the environment variable, the flag file, student mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from crm_course.delivery import release
from crm_course.exercises import ch00

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_switch(monkeypatch, tmp_path):
    monkeypatch.delenv(release.ENV_VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)


def test_self_learners_see_solutions_by_default():
    assert release.solutions_released()
    shown = str(ch00.q1.solution())
    assert "not released" not in shown and "answer" in shown


@pytest.mark.parametrize("value", ["hidden", "HIDDEN ", "off"])
def test_the_environment_variable_holds_every_solution_back(monkeypatch, value):
    monkeypatch.setenv(release.ENV_VARIABLE, value)
    for question in (ch00.q1, ch00.q5):  # a Question and a Choice
        message = str(question.solution())
        assert f"solution of ex.{question.name} is not released yet" in message
        assert "answer =" not in message


def test_the_flag_file_holds_solutions_back_and_the_variable_can_release_them(monkeypatch, tmp_path):
    (tmp_path / release.FLAG_FILE).write_text("")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")  # a kernel runs in the notebook's folder
    assert not release.solutions_released()
    monkeypatch.setenv(release.ENV_VARIABLE, "released")
    assert release.solutions_released()


def test_a_misspelt_switch_is_an_error_naming_the_variable(monkeypatch):
    monkeypatch.setenv(release.ENV_VARIABLE, "hiden")
    with pytest.raises(ValueError, match="CRM_COURSE_SOLUTIONS.*'hiden'"):
        release.solutions_released()


def test_student_mode_serves_the_course_without_solutions(tmp_path):
    served = release.student_root(ROOT, tmp_path)
    assert (served / "notebooks" / "00_start_here.ipynb").is_file()
    assert (served / "exercises" / "00_start_here.ipynb").is_file()
    assert not (served / "solutions").exists() and not list(served.rglob("*solution*"))
    work = served / "exercises" / "00_start_here.ipynb"
    work.write_text("a student's work")
    release.student_root(ROOT, tmp_path)
    assert work.read_text() == "a student's work"


def test_the_last_hint_does_not_point_to_a_held_back_solution(monkeypatch):
    last = len(ch00.q1.hints)
    assert "solution()" in repr(ch00.q1.hint(last))
    monkeypatch.setenv(release.ENV_VARIABLE, "hidden")
    held = repr(ch00.q1.hint(last))
    assert "solution()" not in held and "released after the deadline" in held
