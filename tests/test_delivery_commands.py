"""The app's dashboard notebook, JupyterLab's language and student mode, and the CLI's subcommands."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

import crm_course as crm
from crm_course import cli
from crm_course.delivery import app, lab, release
from crm_course.delivery.chapters import chapter_notebooks


@pytest.mark.parametrize("path", chapter_notebooks(), ids=lambda p: p.stem)
def test_the_dashboard_shows_each_widget_under_its_heading_and_runs_everything_else_captured(path):
    chapter = nbformat.read(path, as_version=4)
    dashboard = app.dashboard_notebook(path)
    code = [c for c in dashboard.cells if c.cell_type == "code"]
    shown = [c for c in code if not c.source.startswith("%%capture")]
    assert len(shown) == len(app.widget_cells(chapter)) >= 1
    assert len(code) == sum(c.cell_type == "code" for c in chapter.cells)  # every cell still runs, in order
    headings = [c for c in dashboard.cells if c.cell_type == "markdown"]
    assert headings[0].source.startswith("# ") and all(h.source.lstrip().startswith("#") for h in headings)
    assert all(not c.outputs for c in code)


def test_a_chapter_without_widgets_is_refused(tmp_path):
    path = tmp_path / "09_none.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1")]), path)
    with pytest.raises(ValueError, match="no widget"):
        app.dashboard_notebook(path)


def test_voila_serves_this_machine_only_with_the_course_template():
    command = app.voila_command(Path("x.ipynb"), 8866)
    assert "--Voila.ip=127.0.0.1" in command and "--template=crm_lab" in command and "--no-browser" in command
    path = app.voila_environment()["JUPYTER_PATH"].split(":")[0]
    template = Path(path) / "voila" / "templates" / "crm_lab" / "index.html.j2"
    assert "cdn.jsdelivr.net" in template.read_text()  # the two links it removes, spelled as Voila writes them


def test_lang_zh_presets_the_interface_and_the_kernels_language(tmp_path):
    settings = lab.lab_settings_dir(tmp_path, "zh")
    preset = json.loads((settings / "overrides.d" / "10-crm-course-language.json").read_text())
    assert preset == {"@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"}}
    assert lab.lab_environment("zh", student=False)["CRM_COURSE_LANG"] == "zh"
    command = lab.lab_command(tmp_path, settings, ["--port=9999"])
    assert f"--LabApp.app_settings_dir={settings}" in command and command[-1] == lab.START_PAGE
    assert "--port=9999" in command


def test_student_mode_holds_solutions_back_in_every_kernel(monkeypatch):
    monkeypatch.delenv(release.ENV_VARIABLE, raising=False)
    assert lab.lab_environment(None, student=True)[release.ENV_VARIABLE] == "hidden"
    assert release.ENV_VARIABLE not in lab.lab_environment(None, student=False)


@pytest.mark.parametrize("argv", [["slides", "--help"], ["app", "--help"], ["grade", "--help"], ["lite", "--help"],
                                  ["student", "--help"]])
def test_every_subcommand_has_help(argv, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 0 and "usage: crm-course" in capsys.readouterr().out


def test_grade_needs_a_chapter_and_lang_a_known_language(capsys):
    for argv in (["grade", "submissions/"], ["--lang", "fr"]):
        with pytest.raises(SystemExit) as stopped:
            cli.main(argv)
        assert stopped.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def test_opening_the_course_while_solutions_are_held_back_is_student_mode(monkeypatch):
    from crm_course.delivery import lab

    opened = []
    monkeypatch.setattr(lab, "open_lab", lambda extra, *, lang=None, student=False: opened.append((extra, lang, student)) or 0)
    monkeypatch.setenv(release.ENV_VARIABLE, "hidden")
    assert cli.main([]) == 0 and cli.main(["open"]) == 0
    assert cli.main(["--port", "8899", "--lang", "zh"]) == 0  # --lang anywhere, the rest to JupyterLab
    assert opened == [([], None, True), ([], None, True), (["--port", "8899"], "zh", True)]
    monkeypatch.setenv(release.ENV_VARIABLE, "released")
    opened.clear()
    assert cli.main(["--lang", "zh"]) == 0 and cli.main(["student", "--no-browser"]) == 0
    assert opened == [([], "zh", False), (["--no-browser"], None, True)]


def test_lang_reaches_every_subcommand(monkeypatch):
    from crm_course.delivery import commands

    seen = []
    monkeypatch.setattr(commands, "run_command", lambda args, extra: seen.append((args.command, os.environ.get("CRM_COURSE_LANG"))) or 0)
    monkeypatch.setenv("CRM_COURSE_LANG", "en")
    try:
        assert cli.main(["--lang", "zh", "slides", "04"]) == 0
        assert seen == [("slides", "zh")] and crm.get_language() == "zh"
    finally:
        crm.set_language("en")


def test_the_app_prints_its_address_and_opens_no_browser(monkeypatch, capsys):
    served = []
    monkeypatch.setattr(app, "serve", lambda command, **popen: served.append(command) or 0)
    assert app.main("00", port=8877) == 0
    out = capsys.readouterr().out
    assert "at http://127.0.0.1:8877 " in out and "none is opened" in out
    assert "--no-browser" in served[0] and "--port=8877" in served[0]
