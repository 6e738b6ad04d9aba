"""The exercise engine: questions as data, one checker, three outcomes.

A chapter module ``crm_course/exercises/chNN.py`` declares questions; students type
``ex.q1.check(answer)``, ``ex.q1.hint()``, ``ex.q1.hint(2)``, ``ex.q1.solution()`` (the chapter
is imported as ``ex``; feedback names those calls). Feedback echoes the student's answer as given
(in backticks) with coaching, never the expected answer. The solution code is read from the
chapter's notebook in ``solutions/``, the single source of exercises.

API (the names chapters use)
----------------------------
``T(en, zh)``
    A text in both languages (a dict). Put code, column names and values in backticks: in the
    HTML form they render as ``<code>``, and the zh check ignores ASCII words inside them.
``Mistake(when, says)``
    A typical wrong answer: ``when(answer, expected) -> bool`` (a detector that raises simply
    does not match), ``says`` a ``T``. Checked in order; the first match coaches.
``Question(name, *, expected, hints, mistakes=(), chapter=None, rel_tol=None, exact=False,
tolerance_reason=None, kind=None, order_matters=False, choices=None)``
    ``expected`` is a zero-argument function, run once on the first check and kept private: no
    public attribute, nothing in the repr. The kind of answer is inferred from the expected value:
    number, bool, text (case- and space-insensitive; ``choices=[...]`` lists valid codes and an
    answer outside them is told the list), list/tuple (order matters), set/frozenset (order does
    not: itemsets as frozensets), dict (same keys; values by these same rules), Series (by index
    label, any row order), DataFrame (by index label and column). ``kind="rows"``: the expected
    value is a query result; the student's frame is compared by its rows (same column names, index
    ignored) in any order, unless ``order_matters=True`` (a question that asks for ORDER BY).
``Choice(name, *, options, answer, coaching, hints, chapter=None)``
    Multiple choice. ``options = {"a": T(...), "b": T(...), ...}``; ``answer`` the right key;
    ``coaching = {key: T(...)}`` for EVERY wrong key (a ValueError otherwise). The student passes a
    key (``"b"``, ``" B "``: case and spaces ignored); an unknown key or a non-text answer is told
    the valid keys. ``ex.q5.options()`` (and the question's repr / HTML form) lists the options in
    the current language.

Tolerance policy (``POLICY``)
    A single number passes within 0.5% relative, or when it equals the expected value to 3
    significant figures; whatever the chapter prints for a value (4 significant figures, or 2
    decimals for amounts) falls inside that. ``exact=True`` (counts): only the exact whole number
    passes. Series, frames, dict values and rows pass within 1e-3 relative. A question may tighten
    the policy with ``rel_tol=`` and MUST then give ``tolerance_reason=T(...)`` (a ValueError
    otherwise), which the feedback shows when an answer passes the policy but not the question.
    "Probably rounded" is said only when the answer equals the expected value rounded to some
    number of decimals, never for an exact count.

Reusable mistake detectors (each returns a ``Mistake``; ``says=`` overrides the coaching)
    ``percent_for_fraction()``: 75 given for 0.75.  ``fraction_for_percent()``: 0.75 for 75.
    ``rate_as_whole_number(wrong)``: a discount or rate typed as 10 for 10%; ``wrong()`` computes
    the answer with that slip.  ``margin_times_100(wrong=None)``: a margin taken as 30 for 30%
    (answer = 100 x expected, or ``wrong()``).  ``same_as(wrong, says)``: the answer equals
    ``wrong()`` under the policy.  ``other_column_order()``: scores in another column order (a
    frame's columns permuted or swapped, or a code such as ``"153"`` for ``"351"``).
    ``scores_as_text()``: numbers given as text (``"3"``, a text column).
    ``qcut_edges(values, column=, bins=)``: the answer differs from the expected scores in
    ``column`` only for customers whose ``values()`` lie at a quantile edge (the pd.qcut slip).

Feedback and messages
    ``check`` returns a ``Feedback`` (``outcome``: ``"not_attempted"``, ``"incorrect"`` or
    ``"correct"``; truthy when correct); ``str()`` and ``repr()`` of it are its message; HTML
    renders backticks as ``<code>``. Any answer (set, dict, ndarray, NaN, inf, ``10**400``, an
    object whose comparison raises, ...) gets coaching in plain words ("a list of 3 items", "a
    table with 3,991 rows"), never a traceback. Grading and tests read the expected value with the
    private accessor ``_expected(question)``.

>>> q = Question("q1", expected=lambda: 42, hints=[T("Think of the answer to everything.", "想想万物的答案。")])
>>> q.check(...).outcome
'not_attempted'
>>> q.check(41).outcome, q.check(42).outcome
('incorrect', 'correct')
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from ..course import course_path
from ..i18n import get_language, text

__all__ = ["T", "Mistake", "Question", "Feedback", "Message", "solution_code"]

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"


def T(en: str, zh: str) -> dict[str, str]:
    """A text in both languages."""
    return {"en": en, "zh": zh}


def _in_language(texts: dict[str, str]) -> str:
    return texts[get_language()]


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``when(answer, expected)`` is true -> show ``says``."""

    when: Callable[[Any, Any], bool]
    says: dict[str, str]


@dataclass(frozen=True)
class Message:
    """Text shown in a notebook: plain for nbval and terminals, HTML in Jupyter."""

    body: str
    color: str = "#31708f"
    code: str | None = None

    def __repr__(self) -> str:
        return self.body + (f"\n\n{self.code}" if self.code else "")

    def _repr_html_(self) -> str:
        code = f"<pre>{html.escape(self.code)}</pre>" if self.code else ""
        return (
            f'<div style="border-left:4px solid {self.color};padding:4px 10px">'
            f"{html.escape(self.body).replace(chr(10), '<br>')}{code}</div>"
        )


@dataclass(frozen=True)
class Feedback(Message):
    """The result of ``check``: ``outcome`` is ``not_attempted``, ``incorrect`` or ``correct``."""

    outcome: str = "incorrect"

    def __bool__(self) -> bool:
        return self.outcome == "correct"


_COLORS = {"not_attempted": "#8a6d3b", "incorrect": "#b30000", "correct": "#2b8a3e"}


def _kind(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return "frame"
    if isinstance(value, pd.Series):
        return "series"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if isinstance(value, (int, float, np.integer, np.floating)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "list"
    return type(value).__name__


def _show(value: Any) -> str:
    if isinstance(value, (pd.Series, pd.DataFrame)):
        return f"{type(value).__name__} with {len(value)} rows"
    if isinstance(value, (float, np.floating)):
        return f"{value:,.4g}"
    return repr(value)


def _is_number_column(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)


def _differences(answer: Any, expected: Any, rel_tol: float) -> str | None:
    """Why ``answer`` differs from ``expected`` in general terms (None when it does not)."""
    kind = _kind(expected)
    if _kind(answer) != kind:
        return text("ex.wrong_type", kind=text(f"ex.kind.{kind}"), given=type(answer).__name__)
    if kind == "number":
        return None if math.isclose(float(answer), float(expected), rel_tol=rel_tol, abs_tol=1e-9) else ""
    if kind == "text":
        return None if answer.strip().lower() == expected.strip().lower() else ""
    if kind == "list":
        return None if list(answer) == list(expected) else ""
    if kind not in ("series", "frame"):
        return None if answer == expected else ""
    if len(answer) != len(expected):
        return text("ex.wrong_length", given=len(answer), expected=len(expected))
    if kind == "frame" and list(answer.columns) != list(expected.columns):
        return text("ex.wrong_columns", given=list(answer.columns))
    if not answer.index.sort_values().equals(expected.index.sort_values()):
        extra = answer.index.difference(expected.index)
        return text("ex.wrong_index", example=repr(extra[0] if len(extra) else answer.index[0]))
    aligned = answer.loc[expected.index]
    columns = zip(aligned.items(), expected.items()) if kind == "frame" else [((aligned.name, aligned), (expected.name, expected))]
    same = np.ones((len(expected), 1 if kind == "series" else expected.shape[1]), dtype=bool)
    for i, ((name, mine), (_, right)) in enumerate(columns):
        if _is_number_column(right):
            if not _is_number_column(mine):
                return text("ex.wrong_dtype", column=repr(name), given=str(mine.dtype))
            same[:, i] = np.isclose(mine.to_numpy(float), right.to_numpy(float), rtol=rel_tol, equal_nan=True)
        else:
            same[:, i] = (mine.to_numpy() == right.to_numpy()) | (mine.isna().to_numpy() & right.isna().to_numpy())
    if same.all():
        return None
    where = expected.index[~same.all(axis=1)]
    return text("ex.wrong_values", count=int((~same).sum()), example=repr(where[0]))


@dataclass
class Question:
    """One exercise question.

    expected : a function computing the right answer (run once, on first check).
    mistakes : typical wrong answers with a coaching message each, checked first.
    hints : graded hints, gentlest first.
    rel_tol : relative tolerance for numbers.
    chapter : the solutions notebook to read the solution from, e.g. ``"00_start_here"``.
    """

    name: str
    expected: Callable[[], Any]
    hints: list[dict[str, str]]
    mistakes: list[Mistake] = field(default_factory=list)
    rel_tol: float = 1e-6
    chapter: str | None = None
    _answer: Any = field(default=None, init=False, repr=False)
    _computed: bool = field(default=False, init=False, repr=False)

    @property
    def answer(self) -> Any:
        if not self._computed:
            self._answer, self._computed = self.expected(), True
        return self._answer

    def _feedback(self, outcome: str, *lines: str) -> Feedback:
        return Feedback("\n".join(line for line in lines if line), color=_COLORS[outcome], outcome=outcome)

    def check(self, answer: Any) -> Feedback:
        """Check an answer: not attempted (``...``/None), incorrect with coaching, or correct."""
        if answer is ... or answer is None:
            return self._feedback("not_attempted", text("ex.not_attempted", name=self.name))
        expected = self.answer
        difference = _differences(answer, expected, self.rel_tol)
        if difference is None:
            return self._feedback("correct", text("ex.correct", name=self.name))
        if _kind(answer) != _kind(expected):
            coaching = difference  # the wrong kind of answer: say so before guessing at mistakes
        else:
            coaching = next((_in_language(m.says) for m in self.mistakes if _safely(m.when, answer, expected)), None)
        if coaching is None and _kind(expected) == "number" and math.isclose(float(answer), float(expected), rel_tol=0.01):
            coaching = text("ex.close")
        coaching = coaching or difference
        return self._feedback(
            "incorrect",
            text("ex.incorrect", name=self.name),
            text("ex.your_answer", answer=_show(answer)),
            coaching,
            text("ex.try_hint", name=self.name),
        )

    def hint(self, level: int = 1) -> Message:
        """Hint number ``level`` (1 = gentlest)."""
        level = max(1, min(int(level), len(self.hints)))
        body = text("ex.hint", level=level, total=len(self.hints), hint=_in_language(self.hints[level - 1]))
        if level == len(self.hints):
            body += text("ex.no_more_hints", name=self.name)
        return Message(body)

    def solution(self) -> Message:
        """The reference solution, from the chapter's solutions notebook."""
        code = solution_code(self.chapter, self.name) if self.chapter else None
        if code is None:
            return Message(text("ex.no_solution", name=self.name))
        return Message(text("ex.solution", name=self.name), color="#2b8a3e", code=code)


def _safely(when: Callable[[Any, Any], bool], answer: Any, expected: Any) -> bool:
    """A mistake detector that cannot handle an odd answer simply does not match."""
    try:
        return bool(when(answer, expected))
    except Exception:  # noqa: BLE001 - a detector must never turn feedback into a traceback
        return False


def solution_code(chapter: str, name: str) -> str | None:
    """The code between the solution markers of the cell that checks question ``name``."""
    try:
        path = course_path("solutions") / f"{chapter}.ipynb"
    except FileNotFoundError:
        return None
    if not path.exists():
        return None
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and re.search(rf"\b{re.escape(name)}\.check\(", source):
            inside = re.search(rf"{SOLUTION_BEGIN}\n(.*?){SOLUTION_END}", source, flags=re.S)
            if inside:
                return inside.group(1).rstrip()
    return None
