"""crm-course lite: the JupyterLite site builds offline with the course's files and the kit's wheel.

Only the build is tested: the Pyodide runtime comes from a CDN at page load (asserted below, so
the README's warning stays true), which these machines cannot reach.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("jupyterlite_core")
pytest.importorskip("jupyterlite_pyodide_kernel")

from crm_course.delivery import lite, slides  # noqa: E402
from crm_course.delivery.chapters import chapter_notebooks  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return lite.build_site(tmp_path_factory.mktemp("lite") / "site").parent


def test_the_site_holds_every_chapter_its_exercises_and_the_datasets(site):
    assert (site / "index.html").is_file()
    for path in chapter_notebooks():
        assert (site / "files" / "notebooks" / path.name).is_file()
        assert (site / "files" / "exercises" / path.name).is_file()
    assert list((site / "files" / "datasets").rglob("*.csv"))
    listing = json.loads((site / "api" / "contents" / "all.json").read_text())
    assert {"notebooks", "exercises", "datasets"} <= {item["name"] for item in listing["content"]}


def test_the_kits_wheel_is_in_the_sites_package_index(site):
    index = json.loads((site / "pypi" / "all.json").read_text())
    assert "crm-course" in index
    wheel = next((site / "pypi").glob("crm_course-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "crm_course/exercises/engine.py" in names
    assert any(n.startswith("crm_course/_course/datasets/") for n in names)
    static = Path(slides.STATIC)
    shipped = {f"crm_course/delivery/static/{p.relative_to(static).as_posix()}" for p in static.rglob("*")
               if p.is_file() and p.name != ".gitignore"}
    assert shipped <= set(names), sorted(shipped - set(names))[:5]  # the offline slides' files, dist/ included


def test_the_pyodide_runtime_still_comes_from_a_cdn(site):
    schema = (site / "extensions" / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "schema"
              / "kernel.v0.schema.json").read_text()
    assert "https://cdn.jsdelivr.net/pyodide/" in schema
    config = json.loads((site / "jupyter-lite.json").read_text())["jupyter-config-data"]
    assert any(e["name"] == "@jupyterlite/pyodide-kernel-extension" for e in config["federated_extensions"])
