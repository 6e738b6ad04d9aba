"""crm-course grade: outcomes per question, hostile and broken submissions, the summary."""

from __future__ import annotations

import copy
import pickle
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from crm_course.delivery import grade, judge
from crm_course.exercises import ch00
from crm_course.exercises.build import NAME_CELL
from crm_course.exercises.engine import _expected

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = grade.question_names("00")


def _notebook(kind: str):
    return nbformat.read(ROOT / kind / "00_start_here.ipynb", as_version=4)


def _answer_cell(notebook, question: str) -> int:
    return grade.question_cells(notebook)[question][0]


def _with(notebook, question: str, source: str):
    notebook = copy.deepcopy(notebook)
    notebook.cells[_answer_cell(notebook, question)].source = source
    return notebook


def _submissions(folder: Path) -> Path:
    """A class's worth of submissions of chapter 00, each testing one way to fail or to cheat."""
    folder.mkdir()
    solved, blank = _notebook("solutions"), _notebook("exercises")
    wrong_q1 = f"answer = {_expected(ch00.q1)!r} + 1\nex.q1.check(answer)"
    nbformat.write(solved, folder / "00_start_here_alice.ipynb")
    nbformat.write(blank, folder / "00_start_here_bob.ipynb")
    # Rebinds the question's check, the engine's classes and the Feedback outcome, then answers wrongly.
    cheat = _with(blank, "q1", "import crm_course.exercises.engine as engine\n"
                  "ex.q1.check = lambda answer: 'correct!'\n"
                  "engine.Question.check = lambda self, answer: engine._feedback('correct', 'correct!')\n"
                  "engine.Choice.check = engine.Question.check\n" + wrong_q1)
    cheat = _with(cheat, "q5", 'answer = "not an option"\nex.q5.check(answer)')
    nbformat.write(cheat, folder / "00_start_here_carol.ipynb")
    # Fakes the output of a correct check: stored outputs are never read.
    faked = copy.deepcopy(blank)
    for question in QUESTIONS:
        cell = faked.cells[_answer_cell(faked, question)]
        cell.execution_count = 1
        cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": f"Correct! ex.{question} is right."},
                                               execution_count=1)]
    nbformat.write(faked, folder / "00_start_here_dave.ipynb")
    # An answer whose class says yes to every comparison, and a crafted pickle that would run code.
    liar = _with(blank, "q1", "class Anything(float):\n    def __eq__(self, other): return True\n"
                 "    __hash__ = float.__hash__\nanswer = Anything(0)\nex.q1.check(answer)")
    liar = _with(liar, "q2", "import os\nclass Payload:\n    def __reduce__(self):\n"
                 "        return (os.system, ('touch hacked',))\nanswer = Payload()\nex.q2.check(answer)")
    nbformat.write(liar, folder / "00_start_here_erin.ipynb")
    # Right on q1, then an endless loop, then a crash.
    endless = _with(solved, "q2", "while True:\n    pass")
    nbformat.write(endless, folder / "00_start_here_frank.ipynb")
    crashed = _with(solved, "q3", "import os\nos._exit(1)\nex.q3.check(1)")
    nbformat.write(crashed, folder / "00_start_here_grace.ipynb")
    # A name cell, a raising cell and an answer of the wrong kind.
    named = copy.deepcopy(solved)
    named.cells.insert(0, nbformat.v4.new_markdown_cell("Name: 王小明"))
    named = _with(named, "q2", "answer = 1 / 0\nex.q2.check(answer)")
    named = _with(named, "q3", "ex.q3.check([1, 2, 3])")
    nbformat.write(named, folder / "submission7.ipynb")
    (folder / "00_start_here_heidi.ipynb").write_text('{"cells": [ not json')
    (folder / "ivan.pdf").write_bytes(b"%PDF-1.4\x00\xff\xfe binary")
    (folder / "judy.ipynb").write_text("")
    (folder / "00_start_here_ken.txt").write_text(nbformat.writes(solved))
    return folder


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = _submissions(tmp_path_factory.mktemp("class") / "submissions")
    grades = grade.grade_submissions(folder, "00", limit=25, workers=2, progress=False)
    return grades.set_index("file"), folder


def test_a_solved_notebook_scores_full_marks_and_a_blank_one_nothing(graded):
    grades, _ = graded
    alice = grades.loc["00_start_here_alice.ipynb"]
    assert alice[QUESTIONS].eq("correct").all() and alice["score"] == len(QUESTIONS) == alice["out_of"]
    assert grades.loc["00_start_here_bob.ipynb", QUESTIONS].eq("not_attempted").all()
    assert grades.loc["00_start_here_bob.ipynb", "student"] == "bob"


def test_rebinding_the_checks_or_faking_outputs_gains_nothing(graded):
    grades, _ = graded
    carol = grades.loc["00_start_here_carol.ipynb"]
    assert carol["q1"] == "incorrect" and carol["q5"] == "incorrect" and carol["score"] == 0
    dave = grades.loc["00_start_here_dave.ipynb"]
    assert dave[QUESTIONS].eq("not_attempted").all() and dave["score"] == 0


def test_an_object_that_equals_everything_or_runs_code_is_refused(graded):
    grades, folder = graded
    erin = grades.loc["00_start_here_erin.ipynb"]
    assert erin["q1"] == "error" and erin["q2"] == "error"
    assert not list(folder.parent.rglob("hacked")) and not Path("hacked").exists()


def test_an_endless_loop_or_a_crash_keeps_the_answers_before_it(graded):
    grades, _ = graded
    frank = grades.loc["00_start_here_frank.ipynb"]
    assert frank["q1"] == "correct" and frank["q2"] == "not_attempted" and frank["q3"] == "error"
    assert "time limit of 25 s" in frank["note"]
    grace = grades.loc["00_start_here_grace.ipynb"]
    assert grace[["q1", "q2"]].eq("correct").all() and grace["q3"] == "error" and "kernel died" in grace["note"]


def test_the_name_cell_a_raising_cell_and_a_wrong_kind(graded):
    grades, _ = graded
    row = grades.loc["submission7.ipynb"]
    assert row["student"] == "王小明"
    assert row["q1"] == "correct" and row["q2"] == "error" and row["q3"] == "incorrect"


@pytest.mark.parametrize("filled, name", [
    ("**Name**: Li Wei", "Li Wei"), ("**姓名**：王小明", "王小明"), (None, "zoe")])
def test_the_exercise_notebooks_name_cell_names_the_student_once_filled_in(filled, name):
    handed_out = _notebook("exercises")
    assert handed_out.cells[0].source == NAME_CELL  # as crm-course exercises generates it
    if filled is not None:
        line = "**Name**: your name here" if filled.startswith("**Name") else "**姓名**："
        assert line in NAME_CELL
        handed_out.cells[0].source = NAME_CELL.replace(line, filled)
    assert grade.submission_name(Path("00_start_here_zoe.ipynb"), handed_out, "00_start_here") == name


@pytest.mark.parametrize("source, name", [
    ("**Name**: Li Wei\n\n**姓名**：李伟", "Li Wei"),        # both lines filled: the first
    ("**Name**:\n\n**姓名**：张三", "张三"),                  # Name emptied: never the next line
    ("**Name**: \n**姓名**：张三", "张三"),
    ("**Name**: your name here\n\n**姓名**：", "zoe"),        # neither: the file name
    ("**Name**:\n\n**姓名**：", "zoe"),
    ("**Name:** **Carol Chen**", "Carol Chen"),              # markdown around the name dropped
    ("Name = `Wang Fang`", "Wang Fang")])
def test_the_name_comes_from_its_own_line_only(source, name):
    notebook = _notebook("exercises")
    notebook.cells[0].source = source
    assert grade.submission_name(Path("00_start_here_zoe.ipynb"), notebook, "00_start_here") == name


@pytest.mark.parametrize("file, note", [("00_start_here_heidi.ipynb", "malformed notebook"),
                                        ("ivan.pdf", "not a notebook"), ("judy.ipynb", "empty file"),
                                        ("00_start_here_ken.txt", "renamed")])
def test_broken_submissions_are_reported_in_their_row(graded, file, note):
    grades, _ = graded
    assert note in grades.loc[file, "note"]
    if note == "renamed":
        assert grades.loc[file, "score"] == len(QUESTIONS) and grades.loc[file, "student"] == "ken"
    else:
        assert grades.loc[file, QUESTIONS].eq("error").all() and grades.loc[file, "score"] == 0


def test_the_report_files_and_the_summary(graded, tmp_path):
    grades, _ = graded
    written = grade.write_report(grades.reset_index(), tmp_path / "grades.csv")
    assert [p.name for p in written] == ["grades.csv", "grades_summary.csv", "grades_summary.png"]
    table = pd.read_csv(written[0])
    assert len(table) == 12 and list(table.columns[:2]) == ["file", "student"]
    summary = pd.read_csv(written[1], index_col="question")
    assert list(summary.index) == QUESTIONS
    assert (summary[list(grade.OUTCOMES)].sum(axis=1) == 12).all()
    assert summary.loc["q1", "correct"] == (grades["q1"] == "correct").sum()
    assert written[2].read_bytes()[:4] == b"\x89PNG"
    # A byte-order mark, so that Excel on Chinese Windows reads 王小明 as UTF-8.
    assert written[0].read_bytes()[:3] == b"\xef\xbb\xbf" and written[1].read_bytes()[:3] == b"\xef\xbb\xbf"
    assert "王小明" in pd.read_csv(written[0], encoding="utf-8-sig")["student"].tolist()


def test_the_summary_chart_counts_whole_students(graded):
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    grades, _ = graded
    ax = grade.plot_summary(grade.summarise(grades.reset_index().head(2)))  # a class of two: 0.5 ticks by default
    ax.figure.canvas.draw()
    ticks = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    plt.close(ax.figure)
    assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), ticks


def test_the_judge_refuses_every_code_path_of_a_pickle():
    class Sneaky:
        def __reduce__(self):
            return (eval, ("1",))

    for payload in (pickle.dumps(Sneaky()), pickle.dumps(subprocess.Popen), pickle.dumps(pd.read_pickle)):
        with pytest.raises(pickle.UnpicklingError):
            judge.safe_loads(payload)
    frame = pd.DataFrame({"a": [1, 2]}, index=pd.Index([5, 6], name="customer_id"))
    pd.testing.assert_frame_equal(judge.safe_loads(pickle.dumps(frame)), frame)


def test_the_command_writes_grades(tmp_path):
    folder = tmp_path / "subs"
    folder.mkdir()
    nbformat.write(_notebook("exercises"), folder / "00_start_here_lee.ipynb")
    out = tmp_path / "out" / "grades.csv"
    result = subprocess.run([sys.executable, "-m", "crm_course.cli", "grade", str(folder), "--chapter", "0",
                             "--out", str(out)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "00_start_here_lee.ipynb" in result.stderr  # the progress bar names the submission
    assert pd.read_csv(out)["student"].tolist() == ["lee"]


def test_a_wrong_chapter_is_refused_before_any_work(tmp_path):
    with pytest.raises(ValueError, match="chapter"):
        grade.grade_submissions(tmp_path, "x9", progress=False)
