"""The package as users get it: a wheel that works outside a checkout, a light import."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
                   check=True)
    return next(out.glob("crm_course-*.whl"))


def test_wheel_carries_data_notebooks_and_solutions(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for expected in ("crm_course/_course/datasets/retail/transactions.csv",
                     "crm_course/_course/datasets/cdnow/CDNOW_sample.txt",
                     "crm_course/_course/notebooks/00_start_here.ipynb",
                     "crm_course/_course/exercises/00_start_here.ipynb",
                     "crm_course/_course/solutions/00_start_here.ipynb",
                     "crm_course/delivery/static/reveal.js/dist/reveal.js"):
        assert expected in names
    parts = {}
    for info in zipfile.ZipFile(wheel).infolist():
        part = "datasets" if "/datasets/" in info.filename else "static" if "/static/" in info.filename else (
            "notebooks" if info.filename.endswith(".ipynb") else "code")
        parts[part] = parts.get(part, 0) + info.compress_size
    # Six chapters with their stored figures (three copies: chapter, solutions, exercises' few), the
    # offline slide runtime (reveal.js, the widget renderer, KaTeX) and the data: small enough for Binder.
    assert parts["datasets"] < 3_000_000 and parts["static"] < 2_000_000, parts
    assert sum(parts.values()) < 12_000_000, parts


def test_installed_wheel_works_outside_a_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)], check=True)
    script = (
        "import crm_course as crm, crm_course.course as c\n"
        "assert 'site' in str(c.course_path('datasets')), c.course_path('datasets')\n"
        "print(*(len(crm.load_dataset(n)) for n in crm.list_datasets()['name']))\n"
        "from crm_course.exercises import ch00\n"
        "print('solution' if ch00.q1.solution().code else 'none')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    counts, solution = result.stdout.split("\n")[:2]
    assert all(int(n) > 0 for n in counts.split()) and solution == "solution"


def test_import_is_light():
    script = (
        "import sys\n"
        "import pandas\n"
        "import crm_course\n"
        "print(' '.join(m for m in ('matplotlib', 'seaborn', 'ipywidgets', 'scipy', 'scipy.optimize') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    heavy = result.stdout.split("\n")[0]
    assert heavy == "", f"import crm_course loaded {heavy}"  # its time: benchmarks/bench_course.py
