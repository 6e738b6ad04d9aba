"""Times of the delivery commands: slides per chapter, grading (1 vs 2 workers), the JupyterLite build.

    PYTHONPATH=. python benchmarks/bench_delivery.py [SUBMISSIONS_PER_RUN]

Prints seconds per step and the grading speed-up of two workers over one, measured in the same run.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

from crm_course.delivery import grade, lite, slides
from crm_course.delivery.chapters import chapter_notebooks

ROOT = Path(__file__).resolve().parents[1]


def timed(label: str, step):
    started = time.perf_counter()
    result = step()
    print(f"{label:<44} {time.perf_counter() - started:7.1f} s", flush=True)
    return time.perf_counter() - started, result


def main(count: int = 4) -> None:
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for path in chapter_notebooks():
            timed(f"slides {path.stem}", lambda: slides.build_slides(path.stem, work / "slides" / path.stem))
        submissions = work / "submissions"
        submissions.mkdir()
        for number in range(count):
            shutil.copy(ROOT / "solutions" / "03_value.ipynb", submissions / f"03_value_student{number}.ipynb")
        one, _ = timed(f"grade {count} ch03 submissions, 1 worker",
                       lambda: grade.grade_submissions(submissions, "03", workers=1, progress=False))
        two, grades = timed(f"grade {count} ch03 submissions, 2 workers",
                            lambda: grade.grade_submissions(submissions, "03", workers=2, progress=False))
        assert (grades["score"] == grades["out_of"]).all()
        print(f"{'two workers / one worker':<44} {two / one:7.2f}")
        timed("lite site build", lambda: lite.build_site(work / "lite"))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
