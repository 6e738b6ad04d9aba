"""binder/: what repo2docker reads, and a replay of its steps that executes the start page.

The replay (repo2docker's order: the pinned Python, apt.txt, postBuild from the repository's
root, then the launch URL's notebook) runs here in two strengths:

- default (about half a minute): a fresh venv of the pinned Python whose dependencies come from
  this test environment (a .pth file; pip offline). It proves that the pin matches
  requires-python, that apt.txt's packages exist and are installed, that postBuild runs to the
  end under ``set -euo pipefail`` from a copy of the repository, that the package and its
  ``crm-course`` command install from it, and that the start page executes in the new venv.
- ``CRM_COURSE_SLOW_TESTS=1`` (minutes, needs PyPI): the same with nothing reused, so
  pip resolves and downloads every dependency as Binder does.
What it cannot prove here: Binder's own base image and conda build of that Python.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
START_PAGE = "notebooks/00_start_here.ipynb"


def _pinned() -> tuple[int, int]:
    found = re.fullmatch(r"python-(\d+)\.(\d+)", (BINDER / "runtime.txt").read_text().strip())
    assert found, "binder/runtime.txt must read python-X.Y (repo2docker's format)"
    return int(found.group(1)), int(found.group(2))


def test_the_python_pin_is_in_repo2docker_format_and_satisfies_requires_python():
    major, minor = _pinned()
    required = re.search(r'requires-python\s*=\s*">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text())
    assert (major, minor) >= (int(required.group(1)), int(required.group(2)))
    assert not (BINDER / "environment.yml").exists(), "repo2docker reads environment.yml before runtime.txt"


def test_apt_txt_names_an_installed_cjk_font_and_postbuild_installs_the_package():
    packages = [line.strip() for line in (BINDER / "apt.txt").read_text().splitlines() if line.strip()]
    assert any("cjk" in p or "wqy" in p for p in packages)
    post = BINDER / "postBuild"
    assert os.access(post, os.X_OK) and post.read_text().startswith("#!/bin/bash")
    assert "set -euo pipefail" in post.read_text() and 'pip install --no-cache-dir -e ".[hub]"' in post.read_text()


def test_the_badge_opens_the_start_page():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    badge = re.search(r"\(https://mybinder\.org/v2/gh/[^)]*\?urlpath=([^)\s]+)\)", text)
    assert badge, "README.md has a Binder badge with a launch URL"
    assert badge.group(1) == "lab/tree/" + START_PAGE and (ROOT / START_PAGE).is_file()


def _repository_copy(target: Path) -> Path:
    """The files repo2docker would copy: tracked and new, not ignored ones."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\n")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _replay(tmp_path: Path, *, reuse_environment: bool) -> None:
    if sys.version_info[:2] != _pinned():
        pytest.skip(f"the pinned Python {_pinned()} is not the one running the tests")
    if shutil.which("dpkg-query") is None:
        pytest.skip("no dpkg here to check apt.txt")
    for package in filter(None, (BINDER / "apt.txt").read_text().split()):
        status = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True)
        assert status.stdout.endswith("installed"), f"apt.txt's {package} is not installed here: {status.stdout}"
    repository = _repository_copy(tmp_path / "repo")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER"))}
    env.update(PATH=f"{venv / 'bin'}:{env['PATH']}", MPLCONFIGDIR=str(tmp_path / "mpl"), HOME=str(tmp_path))
    if reuse_environment:
        where_site = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        site = subprocess.run([venv / "bin" / "python", "-c", where_site], capture_output=True, text=True,
                              check=True).stdout.strip()
        Path(site, "test-environment.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
        env.update(PIP_NO_INDEX="1", PIP_NO_BUILD_ISOLATION="0")  # pip reads "0" as --no-build-isolation
    built = subprocess.run([str(repository / "binder" / "postBuild")], cwd=repository, env=env, capture_output=True,
                           text=True, timeout=1800)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    where = subprocess.run([venv / "bin" / "python", "-c", "import crm_course; print(crm_course.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert Path(where.strip()).is_relative_to(repository)
    pulled = subprocess.run([venv / "bin" / "python", "-c", "import nbgitpuller"], env=env, capture_output=True)
    assert pulled.returncode == 0, "postBuild installs nbgitpuller for a class's hub"
    run = subprocess.run([venv / "bin" / "crm-course", "run", START_PAGE], cwd=repository, env=env,
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert "1 notebook, 0 with errors." in run.stdout


def test_replay_repo2docker_in_a_fresh_venv_and_execute_the_start_page(tmp_path):
    _replay(tmp_path, reuse_environment=True)


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CRM_COURSE_SLOW_TESTS") != "1",
                    reason="set CRM_COURSE_SLOW_TESTS=1 (minutes, PyPI)")
def test_replay_repo2docker_with_every_dependency_downloaded(tmp_path):
    _replay(tmp_path, reuse_environment=False)
