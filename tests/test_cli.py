"""The `crm-course` command: doctor's table and exit code, run's report, exercises' generator."""

import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from crm_course import cli, doctor
from crm_course.delivery import lab

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


def _isolated_jupyter(tmp_path: Path) -> dict:
    return dict(os.environ, JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"), JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
                JUPYTERLAB_SETTINGS_DIR=str(tmp_path / "user-settings"),
                JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"), PYTHONPATH=str(ROOT))


def test_open_passes_jupyterlab_options_through(monkeypatch):
    seen = {}

    class FakeLab:
        def __init__(self, command, cwd, env=None):
            settings = Path(next(a for a in command if a.startswith("--LabApp.app_settings_dir=")).split("=", 1)[1])
            seen.update(command=command, cwd=cwd,
                        override=json.loads((settings / "overrides.d" / "00-crm-course.json").read_text()))
            self.pid = -1

        def poll(self):
            return 0

        def wait(self, timeout=None):
            return 0

    monkeypatch.setattr(lab.subprocess, "Popen", FakeLab)
    for argv in (["--port", "8899", "--no-browser"], ["open", "--port", "8899", "--no-browser"]):
        assert cli.main(argv) == 0
        command = seen["command"]
        assert command[1:4] == ["-m", "jupyter", "lab"] and command[-1] == "notebooks/00_start_here.ipynb"
        assert command[command.index("--port") + 1] == "8899" and "--no-browser" in command
        assert Path(seen["cwd"]) == ROOT
        assert seen["override"] == {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false",
                                                                                    "checkForUpdates": False}}


def test_open_keeps_the_environments_own_setting_overrides(tmp_path, monkeypatch):
    app_dir = tmp_path / "app"
    (app_dir / "settings").mkdir(parents=True)
    theme = {"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}
    (app_dir / "settings" / "overrides.json").write_text(json.dumps(theme))
    import jupyterlab.commands

    monkeypatch.setattr(jupyterlab.commands, "get_app_dir", lambda: str(app_dir))
    settings = lab.lab_settings_dir(tmp_path / "work")
    assert json.loads((settings / "overrides.json").read_text())["@jupyterlab/apputils-extension:themes"]
    assert (settings / "overrides.d" / "00-crm-course.json").exists()
    assert (app_dir / "settings").iterdir() and not (app_dir / "settings" / "overrides.d").exists()  # untouched


def test_open_serves_the_start_page_on_the_port_asked_without_news(tmp_path):
    """`crm-course --port P` in a subprocess: prints the start page's URL, which serves, and the news
    pop-up's setting defaults to off, while the user's settings folder stays untouched."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _isolated_jupyter(tmp_path)
    lab = subprocess.Popen([sys.executable, "-m", "crm_course.cli", "--no-browser", "--ip=127.0.0.1",
                            "--port", str(port), "--IdentityProvider.token=crm-test"], env=env, cwd=tmp_path,
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = None
        for line in lab.stdout:
            if "start page:" in line:
                url = line.split("start page:", 1)[1].strip()
                break
        assert url == f"http://127.0.0.1:{port}/lab/tree/notebooks/00_start_here.ipynb?token=crm-test"
        with urllib.request.urlopen(url, timeout=30) as page:
            assert page.status == 200
        api = f"http://127.0.0.1:{port}/lab/api/settings/@jupyterlab/apputils-extension:notification?token=crm-test"
        with urllib.request.urlopen(api, timeout=30) as answer:
            schema = json.load(answer)["schema"]["properties"]
        assert schema["fetchNews"]["default"] == "false" and schema["checkForUpdates"]["default"] is False
        assert not (tmp_path / "user-settings").exists()
    finally:
        lab.terminate()  # the command stops its JupyterLab with it
        lab.wait(timeout=60)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()


def test_run_prints_no_kernel_transport_warning(tmp_path):
    import nbformat

    path = tmp_path / "good.ipynb"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)
    result = subprocess.run([sys.executable, "-m", "crm_course.cli", "run", str(path)], capture_output=True, text=True,
                            env=_isolated_jupyter(tmp_path), timeout=300)
    assert result.returncode == 0 and "1 notebook, 0 with errors." in result.stdout
    assert result.stderr == "", result.stderr


def test_exported_slides_are_git_ignored():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    result = subprocess.run(["git", "check-ignore", "-q", "notebooks/03_value.slides.html"], cwd=ROOT)
    assert result.returncode == 0


def test_doctor_counts_its_warnings_in_the_verdict(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "_font", lambda: doctor.Check("Chinese font", "warn", "none"))
    assert cli.main(["doctor"]) == 0
    assert "Ready to teach. (1 warning(s) above: worth fixing before class.)" in capsys.readouterr().out
