"""Grade submitted exercise notebooks: ``crm-course grade SUBMISSIONS --chapter NN --out grades.csv``.

How a submission is graded (it is trusted for nothing):
1. Its stored outputs are dropped; it runs again headless in its own temporary folder, under a
   time limit for the whole notebook.
2. Right after each question cell (a cell calling ``ex.qN.check(EXPR)``), a cell of the grader's
   evaluates ``EXPR`` in the student's kernel and pickles the value; nothing the student's
   ``check`` said or printed counts.
3. A fresh Python process (``crm_course.delivery.judge``) imports the chapter's checks for the
   first time and judges the values, unpickled with an allow-list of data types. Rebinding
   ``ex.q1.check``, the engine's classes or faking "correct!" in the notebook changes nothing.

Outcomes per question: ``correct``, ``incorrect``, ``not_attempted``, ``error`` (the cell raised,
the answer cannot be read, or the notebook stopped before it). A crashed, endless, malformed,
renamed, non-notebook or empty submission is a row with a note; it never stops the run.

>>> submission_name(Path("03_value_Li_Wei.ipynb"), None)
'Li_Wei'
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from .chapters import chapter_number

__all__ = ["OUTCOMES", "grade_submissions", "grade_one", "submission_name", "question_cells", "summarise",
           "plot_summary"]

OUTCOMES = ("correct", "incorrect", "not_attempted", "error")
_MIME = "application/x-crm-course-answer+json"
# One line only ([ \t], never \s, after the label): an empty "Name:" must not take the next line.
_NAME_LINE = re.compile(r"^[ \t]*(?:#[ \t]*)?(?:\*\*)?(?:student(?:[ \t]+name)?|name|姓名|学生)(?:\*\*)?[ \t]*[:=：]"
                        r"(?:\*\*)?[ \t]*[\"']?([^\"'\n]*?)[\"']?[ \t]*$", re.I | re.M)
_MARKDOWN_AROUND = "*_` \t"
_PLACEHOLDERS = {"", "...", "your name", "your name here", "name", "姓名"}


def _chapter_module(chapter: str):
    import importlib

    return importlib.import_module(f"crm_course.exercises.ch{chapter_number(chapter)}")


def question_names(chapter: str) -> list[str]:
    """The chapter's questions (q1, q2, ...) in order."""
    from ..exercises.engine import Choice, Question

    module = _chapter_module(chapter)
    names = [n for n in dir(module) if re.fullmatch(r"q\d+", n) and isinstance(getattr(module, n), (Question, Choice))]
    return sorted(names, key=lambda n: int(n[1:]))


def submission_name(path: Path, notebook, chapter_stem: str | None = None) -> str:
    """The student's name: a ``Name: ...`` line in one of the first cells, else the file name
    without the chapter's notebook name (``chapter_stem``, e.g. ``00_start_here``) or number."""
    for cell in (notebook.cells[:4] if notebook is not None else []):
        for found in _NAME_LINE.findall(cell.source):
            found = found.strip(_MARKDOWN_AROUND)
            if found.lower() not in _PLACEHOLDERS:
                return found
    stem = Path(path).stem
    if chapter_stem and stem.lower().startswith(chapter_stem.lower()):
        stem = stem[len(chapter_stem):]
    else:
        stem = re.sub(r"^\d{2}_[a-z]+(?=[_ -]|$)", "", stem, flags=re.I)
    return re.sub(r"^[_ (-]+|[ )]+$", "", stem) or Path(path).stem


def question_cells(notebook) -> dict[str, tuple[int, str | None]]:
    """For each question checked in the notebook: its last checking cell and the checked expression.

    >>> import nbformat
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\\nex.q1.check(x + 1)")])
    >>> question_cells(nb)
    {'q1': (0, 'x + 1')}
    """
    found: dict[str, tuple[int, str | None]] = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or ".check(" not in cell.source:
            continue
        try:
            tree = ast.parse(_without_magics(cell.source))
        except SyntaxError:
            for name in re.findall(r"\bex\.(q\d+)\.check\(", cell.source):
                found[name] = (index, None)  # the cell cannot run: its questions are errors
            continue
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "check"
                    and isinstance(node.func.value, ast.Attribute) and re.fullmatch(r"q\d+", node.func.value.attr)):
                expression = ast.unparse(node.args[0]) if node.args else "..."
                found[node.func.value.attr] = (index, expression)
    return found


def _without_magics(source: str) -> str:
    return "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.splitlines())


def _capture_cell(name: str, expression: str) -> str:
    return f"""def __crm_course_capture():
    import base64, pickle
    from IPython.display import display
    try:
        value = ({expression})
        payload = {{"pickle": base64.b64encode(pickle.dumps(value, protocol=4)).decode("ascii")}}
    except BaseException as error:
        payload = {{"error": f"{{type(error).__name__}}: {{error}}"[:300]}}
    display({{{_MIME!r}: dict(payload, question={name!r})}}, raw=True)
__crm_course_capture()
del __crm_course_capture"""


def _read(path: Path):
    """The submission as a notebook, or None and the reason it is not one."""
    import nbformat

    raw = path.read_bytes()
    if not raw.strip():
        return None, "empty file"
    try:
        notebook = nbformat.reads(raw.decode("utf-8-sig"), as_version=4)
    except UnicodeDecodeError:
        return None, f"not a notebook ({path.suffix or 'no extension'} file, not text)"
    except Exception as error:  # noqa: BLE001 - nbformat raises several kinds
        kind = "malformed notebook" if path.suffix == ".ipynb" else f"not a notebook ({path.suffix or 'no extension'})"
        return None, f"{kind}: {str(error).splitlines()[0][:120]}"
    notes = [] if path.suffix == ".ipynb" else [f"renamed: a notebook saved as {path.name}"]
    return notebook, "; ".join(notes)


def _source_digest() -> str:
    """A digest of the kit's source files: a submission that rewrote them is caught before judging."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode() + path.read_bytes())
    return digest.hexdigest()


def _execute(notebook, folder: Path, limit: float) -> str:
    """Run the instrumented notebook in ``folder``; a note if it stopped early (time limit, crash)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from ._kernel import kernel_config

    client = NotebookClient(notebook, timeout=int(limit), kernel_name="python3", allow_errors=True,
                            store_widget_state=False, record_timing=False, shutdown_kernel="immediate",
                            resources={"metadata": {"path": str(folder)}}, config=kernel_config(folder))
    deadline = time.monotonic() + limit
    try:
        with client.setup_kernel():
            for index, cell in enumerate(notebook.cells):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return f"time limit of {limit:g} s reached before cell {index + 1}"
                client.timeout = max(1, int(remaining))
                client.execute_cell(cell, index)
    except CellTimeoutError:
        return f"time limit of {limit:g} s reached (a cell did not finish)"
    except DeadKernelError:
        return "the kernel died (the notebook crashed Python)"
    except Exception as error:  # noqa: BLE001 - whatever happens is this submission's note
        return f"could not run: {type(error).__name__}: {str(error)[:120]}"
    return ""


def _judge(chapter: str, answers: dict[str, dict], folder: Path) -> dict[str, dict]:
    request = json.dumps({"module": f"ch{chapter_number(chapter)}", "answers": answers})
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run([sys.executable, "-P", "-m", "crm_course.delivery.judge"], input=request,
                            capture_output=True, text=True, cwd=folder, env=env, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"the judge failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout)


def grade_one(path: str | Path, chapter: str, *, limit: float = 120, digest: str | None = None) -> dict:
    """One submission's row: student, file, each question's outcome, score, out_of, note."""
    import nbformat

    path = Path(path)
    names = question_names(chapter)
    row = {"student": path.stem, "file": path.name, **{n: "not_attempted" for n in names},
           "score": 0, "out_of": len(names), "note": ""}
    try:
        notebook, note = _read(path)
    except OSError as error:
        return {**row, **{n: "error" for n in names}, "note": f"cannot read the file: {error}"}
    row["student"] = submission_name(path, notebook, getattr(_chapter_module(chapter), "CHAPTER", None))
    if notebook is None:
        return {**row, **{n: "error" for n in names}, "note": note}
    notes = [note] if note else []
    module = f"ch{chapter_number(chapter)}"
    imports = re.findall(r"crm_course\.exercises import (ch\d\d)", "\n".join(c.source for c in notebook.cells))
    if imports and module not in imports:
        notes.append(f"this is an exercise notebook of chapter {imports[0][2:]}, not {chapter_number(chapter)}")
    cells = question_cells(notebook)
    if not cells:
        notes.append("no question cell (ex.qN.check) found" if notebook.cells else "the notebook has no cells")
    instrumented = nbformat.v4.new_notebook(metadata=notebook.metadata)
    captured_at: dict[str, int] = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None  # stored outputs are never trusted
        instrumented.cells.append(cell)
        for name, (where, expression) in cells.items():
            if where == index and expression is not None and name in names:
                instrumented.cells.append(nbformat.v4.new_code_cell(_capture_cell(name, expression)))
                captured_at[name] = len(instrumented.cells) - 1
    with tempfile.TemporaryDirectory(prefix="crm-course-grade-") as folder:
        (Path(folder) / path.name).write_bytes(path.read_bytes())
        stopped = _execute(instrumented, Path(folder), limit) if cells else ""
        if stopped:
            notes.append(stopped)
        answers = {}
        for name in names:
            if name not in cells:
                continue
            where, expression = cells[name]
            if expression is None:
                answers[name] = {"error": "the cell is not valid Python"}
                continue
            student_cell = instrumented.cells[captured_at[name] - 1]
            raised = [o for o in student_cell.get("outputs", []) if o.get("output_type") == "error"]
            outputs = [o for o in instrumented.cells[captured_at[name]].get("outputs", [])
                       if _MIME in o.get("data", {}) and o["data"][_MIME].get("question") == name]
            if raised:
                answers[name] = {"error": f"the cell raised {raised[0].get('ename', 'an error')}"}
            elif outputs:
                answers[name] = {k: v for k, v in outputs[-1]["data"][_MIME].items() if k in ("pickle", "error")}
            else:
                answers[name] = {"error": "not reached"}
        if digest is not None and _source_digest() != digest:
            return {**row, **{n: "error" for n in names}, "note": "the submission changed the kit's files: not graded"}
        verdicts = _judge(chapter, answers, Path(folder)) if answers else {}
    for name, verdict in verdicts.items():
        row[name] = verdict["outcome"]
    row["score"] = sum(row[n] == "correct" for n in names)
    row["note"] = "; ".join(notes)
    return row


def _submissions(source: Path) -> list[Path]:
    if source.is_file():
        return [source]
    if not source.is_dir():
        raise ValueError(f"The value for `submissions` must be a folder or a file, but {str(source)!r} does not exist.")
    return sorted(p for p in source.rglob("*") if p.is_file() and ".ipynb_checkpoints" not in p.parts
                  and not p.name.startswith("."))


def _grade_safely(path: Path, chapter: str, limit: float, digest: str) -> dict:
    try:
        return grade_one(path, chapter, limit=limit, digest=digest)
    except Exception as error:  # noqa: BLE001 - one submission never stops the run
        names = question_names(chapter)
        return {"student": path.stem, "file": path.name, **{n: "error" for n in names}, "score": 0,
                "out_of": len(names), "note": f"grading failed: {type(error).__name__}: {str(error)[:150]}"}


def grade_submissions(source: str | Path, chapter: str, *, limit: float = 120, workers: int | None = None,
                      progress: bool = True) -> pd.DataFrame:
    """Grade every file under ``source``: one row per submission, in file order."""
    from tqdm.auto import tqdm

    paths = _submissions(Path(source))
    question_names(chapter)  # a wrong chapter fails here, before any work
    digest = _source_digest()
    workers = workers or max(1, min(len(paths), os.cpu_count() or 1))
    rows: dict[Path, dict] = {}
    bar = tqdm(total=len(paths), desc=f"grading ch{chapter_number(chapter)}", unit="notebook", disable=not progress)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(_grade_safely, p, chapter, limit, digest): p for p in paths}
        for future in as_completed(futures):
            path = futures[future]
            rows[path] = future.result()
            bar.set_postfix_str(f"{path.name}: {rows[path]['score']}/{rows[path]['out_of']}")
            bar.update()
    bar.close()
    return pd.DataFrame([rows[p] for p in paths], columns=None if rows else ["student", "file", "score", "note"])


def summarise(grades: pd.DataFrame) -> pd.DataFrame:
    """Per question: how many students had each outcome, and the share correct.

    >>> grades = pd.DataFrame({"q1": ["correct", "incorrect"], "q2": ["error", "correct"], "score": [1, 1]})
    >>> summary = summarise(grades)
    >>> list(summary.columns)
    ['correct', 'incorrect', 'not_attempted', 'error', 'share_correct']
    >>> summary.loc["q2"].tolist()
    [1.0, 0.0, 0.0, 1.0, 0.5]
    """
    questions = [c for c in grades.columns if re.fullmatch(r"q\d+", str(c))]
    counts = {q: grades[q].value_counts().reindex(OUTCOMES, fill_value=0) for q in questions}
    table = pd.DataFrame(counts).T.rename_axis("question")
    table["share_correct"] = table["correct"] / max(len(grades), 1)
    return table


def plot_summary(summary: pd.DataFrame, ax=None):
    """Stacked bars: for each question, how many students had each outcome (what the class got wrong)."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from ..i18n import text
    from ..views._style import cjk_font

    colors = {"correct": "#2b8a3e", "incorrect": "#b30000", "not_attempted": "#bbbbbb", "error": "#8a6d3b"}
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 0.45 * len(summary) + 2))
    left = pd.Series(0, index=summary.index)
    for outcome in OUTCOMES:
        ax.barh(summary.index, summary[outcome], left=left, color=colors[outcome], label=text(f"grade.{outcome}"))
        left = left + summary[outcome]
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole students
    ax.set_xlabel(text("grade.students"))
    ax.set_title(text("grade.title"))
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1 - 1.2 / (len(summary) + 4)), ncol=4, frameon=False)
    font = cjk_font()
    if font:
        for label in [ax.title, ax.xaxis.label, *ax.get_legend().get_texts()]:
            label.set_fontfamily([font, "DejaVu Sans"])
    return ax


def write_report(grades: pd.DataFrame, out: str | Path) -> list[Path]:
    """grades.csv, grades_summary.csv and grades_summary.png next to it."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # utf-8-sig: with the byte-order mark Excel (Chinese Windows too) reads the names as UTF-8.
    grades.to_csv(out, index=False, encoding="utf-8-sig")
    summary = summarise(grades)
    summary_csv = out.with_name(out.stem + "_summary.csv")
    summary.to_csv(summary_csv, encoding="utf-8-sig")
    picture = out.with_name(out.stem + "_summary.png")
    with plt.style.context("default"):
        ax = plot_summary(summary)
        ax.figure.tight_layout()
        ax.figure.savefig(picture, dpi=100)
        plt.close(ax.figure)
    return [out, summary_csv, picture]


def main(source: str, chapter: str, out: str, limit: float, workers: int | None) -> int:
    """The command: grade, write the three files, print the summary."""
    started = time.perf_counter()
    grades = grade_submissions(source, chapter, limit=limit, workers=workers)
    written = write_report(grades, out)
    print(summarise(grades).to_string())
    print(f"\n{len(grades)} submissions graded in {time.perf_counter() - started:.1f} s; wrote "
          + ", ".join(str(p) for p in written))
    return 0
