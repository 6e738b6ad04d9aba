"""The `crm-course` command: doctor's table and exit code, run's report, exercises' generator."""

import subprocess
import sys
from pathlib import Path

import pytest

from crm_course import cli, doctor

ROOT = Path(__file__).resolve().parents[1]


def test_doctor_passes_here_and_prints_a_table(capsys):
    assert cli.main(["doctor"]) == 0
    out = capsys.readouterr().out
    for row in ("Python", "pandas", "widget front end", "python3 kernel", "Chinese font", "dataset retail", "notebooks"):
        assert row in out
    assert "Ready to teach." in out


def test_doctor_fails_with_a_fix_when_something_is_broken(monkeypatch, capsys):
    monkeypatch.setitem(doctor.REQUIRED, "pandas", "99.0")
    monkeypatch.setattr(doctor, "_font", lambda: doctor.Check("Chinese font", "warn", "none"))
    assert cli.main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "pip install -U 'pandas>=99.0'" in out and "1 problem(s) to fix." in out


def test_doctor_reports_a_missing_package():
    check = doctor._package("no-such-package-xyz", "1.0")
    assert check.status == "FAIL" and "pip install 'no-such-package-xyz>=1.0'" in check.detail


def test_run_reports_time_and_errors(tmp_path, capsys):
    import nbformat

    good, bad = tmp_path / "good.ipynb", tmp_path / "bad.ipynb"
    for path, source in ((good, "x = 1"), (bad, "1 / 0")):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(notebook, path)
    assert cli.main(["run", str(good)]) == 0
    assert cli.main(["run", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert "ZeroDivisionError" in out and "2 notebooks, 1 with errors." in out


def test_run_finds_every_course_notebook():
    names = {p.name for p in cli.notebooks_to_run([])}
    assert "00_start_here.ipynb" in names
    assert len(cli.notebooks_to_run([])) == sum(len(list((ROOT / f).glob("*.ipynb"))) for f in ("notebooks", "exercises", "solutions"))


def test_command_is_installed():
    result = subprocess.run([sys.executable, "-m", "crm_course.cli", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "doctor" in result.stdout and "run" in result.stdout


def test_open_command_builds_the_jupyterlab_call(monkeypatch):
    calls = []
    monkeypatch.setattr(cli.subprocess, "call", lambda command, cwd: calls.append((command, cwd)) or 0)
    assert cli.main(["--no-browser"]) == 0
    command, cwd = calls[0]
    assert command[1:4] == ["-m", "jupyter", "lab"] and command[-1] == "notebooks/00_start_here.ipynb"
    assert "--no-browser" in command and Path(cwd) == ROOT
