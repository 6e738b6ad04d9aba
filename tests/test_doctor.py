"""`crm-course doctor`: a stale font cache, a Chinese face that is not SC, and a kernel that cannot start."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from plotting import stale_font_cache

from crm_course import cli, doctor
from crm_course.views import _style

ROOT = Path(__file__).resolve().parents[1]
FONT_ROWS = ("import json; from crm_course import doctor; "
             "print(json.dumps([vars(c) for c in (doctor._font_cache(), doctor._font())]))")


def _font_rows(config_dir):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLCONFIGDIR": str(config_dir)}
    result = subprocess.run([sys.executable, "-c", FONT_ROWS], capture_output=True, text=True, env=env, timeout=240)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


@pytest.fixture
def noto():
    if not any("NotoSansCJK" in path for path in _style.cjk_font_files()):
        pytest.skip("Noto Sans CJK is not installed (apt-get install fonts-noto-cjk)")


def test_doctor_names_a_stale_font_cache_and_how_to_rebuild_it(tmp_path, noto):
    cache = stale_font_cache(tmp_path)
    cache_row, font_row = _font_rows(tmp_path)
    assert cache_row["status"] == "warn" and cache_row["detail"].startswith("stale: built before")
    assert f"delete {cache}, then restart the kernels" in cache_row["detail"]
    # crm-course's own plots still render in the SC regular face, so the class sees no failure
    assert font_row == {"name": "Chinese font", "status": "ok",
                        "detail": "Noto Sans CJK SC Regular (NotoSansCJK-Regular.ttc)"}


def test_doctor_passes_a_fresh_font_cache(tmp_path, noto):
    cache_row, font_row = _font_rows(tmp_path)  # an empty MPLCONFIGDIR: matplotlib builds a fresh cache
    assert cache_row["status"] == "ok" and font_row["status"] == "ok"
    assert not _font_rows(tmp_path)[0]["detail"].startswith("stale")


def test_doctor_fails_when_chinese_renders_in_a_face_that_is_not_sc(monkeypatch, noto):
    monkeypatch.setattr(_style, "cjk_font", lambda: "Noto Sans CJK JP")
    check = doctor._font()
    assert check.status == "FAIL"
    assert "renders in 'Noto Sans CJK JP', not a Simplified Chinese (SC) face" in check.detail
    assert "apt-get install fonts-noto-cjk" in check.detail


def test_font_report_sees_missing_glyphs(monkeypatch):
    monkeypatch.setattr(_style, "cjk_font", lambda: "DejaVu Sans")  # a "CJK font" without Chinese glyphs
    report = doctor.font_report()
    assert report["family"] == "DejaVu Sans"
    assert any("missing from font" in problem for problem in report["problems"])
    check = doctor._font()
    assert check.status == "FAIL" and check.detail.startswith("a Chinese plot warns: Glyph")


def test_doctor_starts_the_kernel_and_runs_a_cell():
    check = doctor._kernel_runs()
    assert check.status == "ok", check.detail
    assert check.detail.startswith("crm_course from ") and check.detail.endswith("__init__.py")


def test_doctor_fails_with_a_fix_when_the_kernel_cannot_start(monkeypatch):
    monkeypatch.setattr(doctor, "KERNEL_NAME", "no-such-kernel-xyz")
    check = doctor._kernel_runs()
    assert check.status == "FAIL" and "NoSuchKernel" in check.detail
    assert "python -m ipykernel install --user --name no-such-kernel-xyz" in check.detail


def test_doctor_fails_when_the_kernel_cannot_import_the_course(monkeypatch):
    monkeypatch.setattr(doctor, "KERNEL_CHECK", "import crm_course_that_is_not_there")
    check = doctor._kernel_runs()
    assert check.status == "FAIL"
    assert "ModuleNotFoundError: No module named 'crm_course_that_is_not_there'" in check.detail


def test_doctor_exits_non_zero_when_the_class_would_see_a_failure(monkeypatch, capsys):
    monkeypatch.setattr(doctor, "_kernel_runs", lambda: doctor.Check("python3 kernel runs a cell", "FAIL", "dead"))
    monkeypatch.setattr(doctor, "_font_cache", lambda: doctor.Check("font cache", "warn", "stale"))
    assert cli.main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "1 problem(s) to fix." in out and "Ready to teach." not in out


def test_doctor_names_the_matplotlib_upgrade_when_it_cannot_read_the_sc_face(monkeypatch, noto):
    import matplotlib

    monkeypatch.setattr(_style, "cjk_font", lambda: "Noto Sans CJK JP")  # what matplotlib < 3.11 finds in a .ttc
    monkeypatch.setattr(matplotlib, "__version__", "3.10.1")
    check = doctor._font()
    assert check.status == "FAIL" and "pip install -U 'matplotlib>=3.11'" in check.detail
