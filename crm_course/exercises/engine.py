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
    ignored) in any order, unless ``order_matters=True`` (a question that asks for ORDER BY); a
    query that returns no rows is reminded that text values are case-sensitive, and a key column
    moved into the index is told ``.reset_index()``. A Series where a dict is asked: ``.to_dict()``.
``Choice(name, *, options, answer, coaching, hints, chapter=None)``
    Multiple choice. ``options = {"a": T(...), "b": T(...), ...}``; ``answer`` the right key;
    ``coaching = {key: T(...)}`` for EVERY wrong key (a ValueError otherwise). The student passes a
    key (``"b"``, ``" B "``: case and spaces ignored); an unknown key or a non-text answer is told
    the valid keys. ``ex.q5.options()`` (and the question's repr / HTML form) lists the options in
    the current language.

Tolerance policy (``POLICY``)
    A single number passes when it is correct to 3 significant figures, rounded or cut off: within
    one unit of the expected value's 3rd significant figure (2.75: from 2.74 to 2.76; 0.6475: from
    0.6465 to 0.6485), so that 2.8 for 2.75 or 0.65 for 0.6475 never passes by luck. Every question
    that asks for a number says "give at least 3 significant figures", and whatever the chapter
    prints for a value (4 significant figures, or 2 decimals for amounts) passes. Mistake
    detectors (``same_as`` and the others) match a slip's value within 0.5% relative. ``exact=True`` (counts): only the exact whole number passes.
    A number inside a dict passes by the same rule (3 significant figures; a whole number exactly);
    series, frames, lists and rows pass within 1e-3 relative; ``abs_tol=0.005`` (money) also
    lets amounts given to the cent pass (``.round(2)``). A question may tighten the policy with
    ``rel_tol=`` and MUST then give ``tolerance_reason=T(...)`` (the rules test refuses a question
    without one), which the feedback shows when an answer passes the policy but not the question.
    "Probably rounded" is said only when the answer is the expected value rounded to 1 or more
    decimals, the rounded value is not 0 and keeps at least 2 significant figures, and the answer is
    not 0 or 1; never for an exact count. It names the figures kept and asks for 3.

Answers of a near kind
    ``...`` (the untouched placeholder) and ``check()`` with no argument are "not attempted"; ``None`` is incorrect with its own
    message (a method that returns nothing: ``inplace=True``, ``print(...)``). A one-value Series,
    Index, array or list where a number is asked is not accepted: the feedback tells the student to
    take the value out with ``.iloc[0]`` or ``float(...)`` and says whether that value is right
    (a number is a number; unwrapping it is part of the answer). A set question also accepts an
    Index or a 1-d array of labels; its feedback names wrong items but never the size of the
    expected set. Numbers typed as text inside a dict or set (``"4/8"``, ``'1'``) are told to be
    numbers. A dict value rounded too far is named with the figures to keep. Table feedback names the columns that differ, the extra and
    missing columns (and the ones to keep), a reset index (``.set_index('customer_id')``), and
    advises ``.dt.days`` only for a time-span column. Lists inside sentences are joined with
    ``, `` (zh ``、``); no clause is shown for an empty list.

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

Chapter module conventions (tests/test_exercise_rules.py checks them for every ``chNN``)
    ``CHAPTER = "NN_name"`` (the notebook in notebooks/ and solutions/); the questions listed in
    ``__all__``; ``WRONG_ANSWERS = {"q1": lambda ns: [(wrong_answer, "words its coaching contains"),
    ...]}`` with at least two typical wrong answers per question, built from the solved notebook's
    variables ``ns`` (for a Choice: ``("a", "...")``), each getting a different coaching; counts
    with ``exact=True``; no numeric answer printed in the chapter's outputs (to 3 significant
    figures or more) and no solution that is only chapter code; zh messages with every ASCII word
    other than abbreviations (RFM) and names (Tucker) inside backticks.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ..course import course_path
from ..i18n import get_language, text

__all__ = [
    "T", "Mistake", "Question", "Choice", "Feedback", "Message", "POLICY", "solution_code",
    "percent_for_fraction", "fraction_for_percent", "rate_as_whole_number", "margin_times_100",
    "same_as", "other_column_order", "scores_as_text", "qcut_edges",
]

SOLUTION_BEGIN, SOLUTION_END = "### BEGIN SOLUTION", "### END SOLUTION"
# The one tolerance policy (see the module docstring).
POLICY = {"rel_tol": 0.005, "significant_figures": 3, "table_rel_tol": 1e-3}
_COLORS = {"not_attempted": "#8a6d3b", "incorrect": "#b30000", "correct": "#2b8a3e"}


def T(en: str, zh: str) -> dict[str, str]:
    """A text in both languages."""
    return {"en": en, "zh": zh}


def _in_language(texts: Mapping[str, str]) -> str:
    return texts[get_language()]


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: ``when(answer, expected)`` is true -> show ``says``.

    ``any_kind``: also try it when the answer is of another kind than the expected value (the
    detectors for numbers given as text need it); otherwise the wrong kind is named first.
    """

    when: Callable[[Any, Any], bool]
    says: dict[str, str]
    any_kind: bool = False


# --- messages ---------------------------------------------------------------------------


def _markdown_html(body: str) -> str:
    escaped = html.escape(body)
    return re.sub(r"`([^`\n]+)`", r"<code>\1</code>", escaped).replace("\n", "<br>")


@dataclass(frozen=True, repr=False)
class Message:
    """Text shown in a notebook: plain for nbval and terminals, HTML (backticks as code) in Jupyter."""

    body: str
    color: str = "#31708f"
    code: str | None = None

    def __repr__(self) -> str:
        return self.body + (f"\n\n{self.code}" if self.code else "")

    __str__ = __repr__

    def _repr_html_(self) -> str:
        code = f"<pre>{html.escape(self.code)}</pre>" if self.code else ""
        style = f"border-left:4px solid {self.color};padding:4px 10px"
        return f'<div style="{style}">{_markdown_html(self.body)}{code}</div>'


@dataclass(frozen=True, repr=False)
class Feedback(Message):
    """The result of ``check``: ``outcome`` is ``not_attempted``, ``incorrect`` or ``correct``."""

    outcome: str = "incorrect"

    def __bool__(self) -> bool:
        return self.outcome == "correct"


def _feedback(outcome: str, *lines: str) -> Feedback:
    return Feedback("\n".join(line for line in lines if line), color=_COLORS[outcome], outcome=outcome)


# --- describing any answer in plain words --------------------------------------------------


def _plain(value: Any, depth: int = 0) -> Any:
    """Numpy scalars as Python ones, containers likewise, so that a repr reads plainly."""
    if isinstance(value, np.generic):
        return value.item()
    if depth > 3:
        return value
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v, depth + 1) for v in value)
    if isinstance(value, (set, frozenset)):
        items = {_plain(v, depth + 1) for v in value}
        return items if isinstance(value, set) else frozenset(items)
    if isinstance(value, dict):
        return {_plain(k, depth + 1): _plain(v, depth + 1) for k, v in value.items()}
    return value


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, (bool, np.bool_))


def _number_text(value: Any) -> str:
    value = _plain(value)
    if isinstance(value, int):
        digits = len(str(abs(value)))
        return text("ex.show.huge", digits=digits) if digits > 20 else str(value)
    if math.isnan(value):
        return text("ex.show.nan")
    if math.isinf(value):
        return text("ex.show.inf", sign="-" if value < 0 else "")
    return repr(float(value))


def _short_repr(value: Any, limit: int = 80) -> str | None:
    try:
        shown = repr(_plain(value))
    except Exception:  # noqa: BLE001 - an answer's own repr may raise
        return None
    return shown if len(shown) <= limit else None


def _counted(count: int, noun: str) -> str:
    """``3 items``, ``1 item``, ``3,991 rows`` (zh: the number alone; the measure word is in the template)."""
    if get_language() == "zh":
        return f"{count:,}"
    return f"{count:,} " + text(f"ex.noun.{noun}" + (".one" if count == 1 else ""))


def _listing(items: list[str]) -> str:
    """Items joined as a list inside a sentence: ``a, b, c`` (zh: ``a、b、c``)."""
    return ("、" if get_language() == "zh" else ", ").join(items)


def _codes(items: Any) -> str:
    """Values in backticks, listed: `'a'`, `'b'`."""
    return _listing([f"`{_plain(v)!r}`" for v in items])


def _describe(value: Any) -> str:
    """The answer in plain words, as given: `0.75`, a list of 3 items: `[...]`, a table with 3,991 rows."""
    if value is None:
        return "`None`"
    if isinstance(value, (bool, np.bool_)):
        return f"`{bool(value)}`"
    if _is_number(value):
        plain = _plain(value)
        special = (isinstance(plain, int) and len(str(abs(plain))) > 20) or (
            isinstance(plain, float) and not math.isfinite(plain))
        return _number_text(value) if special else f"`{_number_text(value)}`"
    if isinstance(value, str):
        return f"`{value!r}`" if len(value) <= 60 else text("ex.show.long_text", count=f"{len(value):,}")
    if isinstance(value, pd.DataFrame):
        return text("ex.show.frame", rows=_counted(len(value), "row"), columns=_counted(value.shape[1], "column"))
    for types, key in ((pd.Series, "series"), (pd.Index, "index"),
                       ((np.ndarray, pd.api.extensions.ExtensionArray), "array")):
        if isinstance(value, types):
            return text(f"ex.show.{key}", count=_counted(value.size, "value" if key != "index" else "label"))
    for types, key in ((list, "list"), (tuple, "tuple"), ((set, frozenset), "set"), (dict, "dict")):
        if isinstance(value, types):
            described = text(f"ex.show.{key}", count=_counted(len(value), "entry" if key == "dict" else "item"))
            shown = _short_repr(value)
            return text("ex.show.with_repr", described=described, shown=f"`{shown}`") if shown else described
    return text("ex.show.object", type=type(value).__name__)


# --- comparing -----------------------------------------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, pd.DataFrame):
        return "frame"
    if isinstance(value, pd.Series):
        return "series"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    if _is_number(value):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, (list, tuple)):
        return "list"
    if isinstance(value, (set, frozenset)):
        return "set"
    if isinstance(value, dict):
        return "dict"
    return "other"


def _to_figures(a: float, e: float, figures: int) -> bool:
    """``a`` is ``e`` correct to ``figures`` significant figures (rounded or cut off): within one unit
    of ``e``'s last asked figure (3 figures of 2.75: 2.74 to 2.76)."""
    if e == 0:
        return abs(a) <= 1e-12
    unit = 10.0 ** (math.floor(math.log10(abs(e))) - figures + 1)
    return abs(a - e) <= unit * (1 + 1e-9)


def _numbers_match(answer: Any, expected: Any, rel_tol: float, *, exact: bool = False,
                   figures: int | None = None) -> bool:
    """Counts: the exact whole number. With ``figures``: correct to that many significant figures
    (the policy for single numbers); else within ``rel_tol`` relative."""
    if exact:
        if isinstance(_plain(answer), int):
            return _plain(answer) == int(expected)
        answer = float(answer)
        return answer.is_integer() and int(answer) == int(expected)
    try:
        a, e = float(answer), float(expected)
    except OverflowError:
        return False
    if not (math.isfinite(a) and math.isfinite(e)):
        return a == e
    if figures is not None:
        return _to_figures(a, e, figures)
    return math.isclose(a, e, rel_tol=rel_tol, abs_tol=1e-12)


def _normalise_text(value: str) -> str:
    return " ".join(value.split()).lower()


def _item(value: Any) -> Any:
    """A set member made comparable: text stripped, numpy scalars plain, inner collections frozen."""
    value = _plain(value)
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (set, frozenset, list, tuple)):
        return frozenset(_item(v) for v in value)
    return value


def _same_value(answer: Any, expected: Any, rel_tol: float) -> bool:
    """One value inside a list, dict or row: numbers within ``rel_tol``, text case-insensitive, else equal."""
    if _kind(expected) == "number" and _kind(answer) == "number":
        return _numbers_match(answer, expected, rel_tol)
    if isinstance(expected, str) and isinstance(answer, str):
        return _normalise_text(answer) == _normalise_text(expected)
    if pd.api.types.is_scalar(expected) and pd.isna(expected):
        return pd.api.types.is_scalar(answer) and bool(pd.isna(answer))
    return bool(_item(answer) == _item(expected)) and _kind(answer) == _kind(expected)


def _is_number_column(column: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype)


def _dtype_words(column: pd.Series) -> str:
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        return text("ex.dtype.category")
    if pd.api.types.is_timedelta64_dtype(dtype):
        return text("ex.dtype.timedelta")
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return text("ex.dtype.datetime")
    if pd.api.types.is_bool_dtype(dtype):
        return text("ex.dtype.bool")
    if pd.api.types.is_string_dtype(dtype) or dtype == object:
        return text("ex.dtype.text")
    return str(dtype)


def _label_kind(index: pd.Index) -> str:
    if pd.api.types.is_numeric_dtype(index.dtype):
        return "number"
    if pd.api.types.is_datetime64_any_dtype(index.dtype):
        return "date"
    return "text"


def _columns_message(given: list[str], wanted: list[str]) -> str:
    """Which columns are extra and which are missing, and the ones to keep (no empty clauses)."""
    extra = [c for c in given if c not in wanted]
    missing = [c for c in wanted if c not in given]
    listed = (lambda names: _listing([f"`{c}`" for c in names]))
    if extra and sorted(c.lower() for c in given) == sorted(c.lower() for c in wanted):
        return text("ex.columns_case", keep=listed(wanted))
    parts = ([text("ex.extra_columns", extra=listed(extra))] if extra else []) + (
        [text("ex.missing_columns", missing=listed(missing))] if missing else [])
    joined = text("ex.clause_sep").join(parts)
    return text("ex.wrong_columns", parts=joined[:1].upper() + joined[1:], keep=listed(wanted))


def _dtype_advice(column: pd.Series) -> str:
    """How to turn a column of another type into numbers: `.dt.days` only for time spans."""
    dtype = column.dtype
    if pd.api.types.is_timedelta64_dtype(dtype):
        return text("ex.advice.timedelta")
    if pd.api.types.is_datetime64_any_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
        return ""
    return text("ex.advice.text")


def _columns_equal(mine: pd.Series, right: pd.Series, rel_tol: float, abs_tol: float = 1e-12) -> np.ndarray | str:
    """Row-wise equality of two aligned columns, or a coaching text when they cannot be compared."""
    if _is_number_column(right):
        if not _is_number_column(mine):
            return text("ex.wrong_dtype", column=f"`{right.name}`" if right.name is not None else text("ex.values"),
                        given=_dtype_words(mine)) + _dtype_advice(mine)
        a, e = mine.to_numpy(float), right.to_numpy(float)
        return np.isclose(a, e, rtol=rel_tol, atol=abs_tol, equal_nan=True)
    a, e = mine.astype(object).to_numpy(), right.astype(object).to_numpy()
    both_missing = pd.isna(mine).to_numpy() & pd.isna(right).to_numpy()
    return np.array([bool(both_missing[i]) or _same_value(a[i], e[i], rel_tol) for i in range(len(e))], dtype=bool)


def _index_reset(answer: Any, expected: Any) -> str | None:
    """The answer's index was reset: the expected index's name is now one of its columns."""
    name = expected.index.name
    default = isinstance(expected.index, pd.RangeIndex) and expected.index.start == 0
    if name is None or answer.index.name == name or default:
        return None
    if (isinstance(answer, pd.DataFrame) and name in answer.columns
            and not (isinstance(expected, pd.DataFrame) and name in expected.columns)):
        return text("ex.index_reset", name=name)
    if isinstance(answer.index, pd.RangeIndex) and answer.index.start == 0 and answer.index.name is None:
        return text("ex.index_dropped", name=name)
    return None


def _labelled_difference(answer: Any, expected: Any, rel_tol: float, abs_tol: float = 1e-12) -> str | None:
    """Series / frames compared by index label (any row order) and by column name."""
    frame = isinstance(expected, pd.DataFrame)
    reset = _index_reset(answer, expected)
    if reset:
        return reset
    if len(answer) != len(expected):
        return text("ex.wrong_length", given=f"{len(answer):,}", expected=f"{len(expected):,}")
    if frame:
        if set(map(str, answer.columns)) != set(map(str, expected.columns)):
            return _columns_message(list(map(str, answer.columns)), list(map(str, expected.columns)))
        answer = answer.rename(columns=str)[[str(c) for c in expected.columns]]
        expected = expected.rename(columns=str)
    if _label_kind(answer.index) != _label_kind(expected.index):
        return text("ex.index_kind", given=text(f"ex.labels.{_label_kind(answer.index)}"),
                    expected=text(f"ex.labels.{_label_kind(expected.index)}"),
                    example=f"`{_plain(answer.index[0])!r}`" if len(answer) else "",
                    index_name=expected.index.name or "customer_id")
    if answer.index.has_duplicates:
        return text("ex.duplicate_labels", example=f"`{_plain(answer.index[answer.index.duplicated()][0])!r}`")
    extra = answer.index.difference(expected.index)
    if len(extra):
        return text("ex.wrong_index", count=f"{len(extra):,}", example=f"`{_plain(extra[0])!r}`")
    aligned = answer.loc[expected.index]
    pairs = ([(aligned[c], expected[c]) for c in expected.columns] if frame else [(aligned, expected)])
    same = np.ones((len(expected), len(pairs)), dtype=bool)
    for i, (mine, right) in enumerate(pairs):
        result = _columns_equal(mine, right, rel_tol, abs_tol)
        if isinstance(result, str):
            return result
        same[:, i] = result
    if same.all():
        return None
    where = expected.index[~same.all(axis=1)]
    count, example = f"{int((~same).sum()):,}", f"`{_plain(where[0])!r}`"
    if frame:
        columns = [f"`{c}`" for c, ok in zip(expected.columns, same.all(axis=0)) if not ok]
        return text("ex.wrong_values_in", count=count, columns=_listing(columns), example=example)
    return text("ex.wrong_values", count=count, example=example)


def _row_keys(frame: pd.DataFrame) -> list[tuple]:
    def key(value: Any) -> tuple:
        value = _plain(value)
        if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
            return (0, "")
        if isinstance(value, (int, float)):
            return (1, f"{float(value):.5e}")
        return (2, str(value).strip().lower())
    return [tuple(key(v) for v in row) for row in frame.itertuples(index=False, name=None)]


def _rows_difference(answer: Any, expected: pd.DataFrame, rel_tol: float, order_matters: bool) -> str | None:
    """A query result compared by its rows: same column names (any case), rows in any order unless asked."""
    names = {str(c).lower(): c for c in answer.columns}
    wanted = [str(c).lower() for c in expected.columns]
    if sorted(names) != sorted(wanted):
        message = _columns_message([str(c).lower() for c in answer.columns], wanted)
        indexed = [str(n).lower() for n in answer.index.names if n is not None]
        if any(n in wanted and n not in names for n in indexed):
            message += text("ex.rows_index_set")
        return message
    if len(answer) != len(expected):
        empty = text("ex.rows_none") if len(answer) == 0 else ""
        return text("ex.rows_count", given=f"{len(answer):,}", expected=f"{len(expected):,}") + empty
    mine = answer[[names[w] for w in wanted]].reset_index(drop=True)
    mine.columns = expected.columns
    right = expected.reset_index(drop=True)

    def same_rows(a: pd.DataFrame, e: pd.DataFrame) -> bool:
        a, e = a.reset_index(drop=True), e.reset_index(drop=True)
        for column in e.columns:
            result = _columns_equal(a[column], e[column], rel_tol)
            if isinstance(result, str) or not result.all():
                return False
        return True

    in_order = same_rows(mine, right)
    if in_order:
        return None
    mine_sorted = mine.iloc[sorted(range(len(mine)), key=_row_keys(mine).__getitem__)]
    right_sorted = right.iloc[sorted(range(len(right)), key=_row_keys(right).__getitem__)]
    if same_rows(mine_sorted, right_sorted):
        return text("ex.rows_order") if order_matters else None
    for column in right.columns:
        result = _columns_equal(mine_sorted[column].reset_index(drop=True),
                                right_sorted[column].reset_index(drop=True), rel_tol)
        if isinstance(result, str):
            return result
    differing = sum(a != b for a, b in zip(_row_keys(mine_sorted), _row_keys(right_sorted)))
    return text("ex.rows_differ", count=f"{max(differing, 1):,}")


# --- questions -------------------------------------------------------------------------------


class _Asked:
    """What every question offers: graded hints, the solution from solutions/, a plain repr."""

    name: str
    hints: list[dict[str, str]]
    chapter: str | None

    def hint(self, level: int = 1) -> Message:
        """Hint number ``level`` (1 = gentlest)."""
        if not self.hints:
            return Message(text("ex.no_hints", name=self.name))
        level = max(1, min(int(level), len(self.hints)))
        body = text("ex.hint", level=level, total=len(self.hints), hint=_in_language(self.hints[level - 1]))
        if level == len(self.hints):
            from ..delivery.release import solutions_released

            body += text("ex.no_more_hints" if solutions_released() else "ex.no_more_hints_held_back", name=self.name)
        return Message(body)

    def solution(self) -> Message:
        """The reference solution, from the chapter's solutions notebook (unless held back for a class)."""
        from ..delivery.release import solutions_released  # CRM_COURSE_SOLUTIONS=hidden or a flag file

        if not solutions_released():
            return Message(text("ex.solution_held_back", name=self.name))
        code = solution_code(self.chapter, self.name) if self.chapter else None
        if code is None:
            return Message(text("ex.no_solution", name=self.name))
        return Message(text("ex.solution", name=self.name), color="#2b8a3e", code=code)

    def _incorrect(self, answer: Any, coaching: str) -> Feedback:
        try:
            shown = _describe(answer)
        except Exception:  # noqa: BLE001 - describing must never fail
            shown = text("ex.show.object", type=type(answer).__name__)
        return _feedback("incorrect", text("ex.incorrect", name=self.name), text("ex.your_answer", answer=shown),
                         coaching, text("ex.try_hint", name=self.name))

    def __repr__(self) -> str:
        return text("ex.question", name=self.name)


class Question(_Asked):
    """One exercise question; see the module docstring for the answer kinds and the tolerance policy.

    >>> q = Question("q2", expected=lambda: 3991, exact=True, hints=[T("Count ids.", "数编号。")])
    >>> q.check(3991.0).outcome, q.check(3990).outcome
    ('correct', 'incorrect')
    >>> q
    ex.q2: answer with `ex.q2.check(answer)`; `ex.q2.hint()` gives a hint.
    """

    def __init__(self, name: str, *, expected: Callable[[], Any], hints: list[dict[str, str]],
                 mistakes: list[Mistake] | tuple = (), chapter: str | None = None, rel_tol: float | None = None,
                 exact: bool = False, tolerance_reason: dict[str, str] | None = None, kind: str | None = None,
                 order_matters: bool = False, choices: list[str] | None = None,
                 abs_tol: float | None = None) -> None:
        if kind not in (None, "rows"):
            raise ValueError(f"The value for `kind` must be None or 'rows', but {kind!r} was passed.")
        self.name, self.hints, self.mistakes, self.chapter = name, list(hints), list(mistakes), chapter
        self.exact, self.kind, self.order_matters, self.tolerance_reason = exact, kind, order_matters, tolerance_reason
        self.choices = [_normalise_text(c) for c in choices] if choices is not None else None
        self._choices_shown = list(choices) if choices is not None else None  # as the data spell them
        self.rel_tol, self.abs_tol = rel_tol, abs_tol
        cache: list[Any] = []

        def value() -> Any:
            if not cache:
                cache.append(expected())
            return cache[0]

        self._value = value

    def _tolerance(self, table: bool) -> float:
        if self.rel_tol is not None:
            return self.rel_tol
        return POLICY["table_rel_tol"] if table else POLICY["rel_tol"]

    @property
    def tightened(self) -> bool:
        """True when the question asks for more precision than the policy for its kind of answer
        (single numbers 0.5%, tables 1e-3); it then says why in ``tolerance_reason``."""
        if self.rel_tol is None:
            return False
        single = self._expected_kind(self._value()) in ("number", "count")
        return self.rel_tol < POLICY["rel_tol" if single else "table_rel_tol"]

    def check(self, answer: Any = ...) -> Feedback:
        """Check an answer: not attempted (``...``, or no argument), ``None`` (told what returns
        nothing), incorrect with coaching, or correct."""
        if answer is ...:
            return _feedback("not_attempted", text("ex.not_attempted", name=self.name))
        if answer is None:
            return self._incorrect(None, text("ex.none"))
        expected = self._value()
        try:
            difference = self._difference(answer, expected)
        except Exception:  # noqa: BLE001 - any answer gets coaching, never a traceback
            difference = text("ex.uncomparable", kind=self._kind_words(expected))
        if difference is None:
            return _feedback("correct", text("ex.correct", name=self.name))
        return self._incorrect(answer, self._coaching(answer, expected, difference))

    def _expected_kind(self, expected: Any) -> str:
        if self.kind == "rows":
            return "rows"
        kind = _kind(expected)
        return "count" if kind == "number" and self.exact else kind

    def _kind_words(self, expected: Any) -> str:
        return text(f"ex.kind.{self._expected_kind(expected)}")

    def _same_kind(self, answer: Any, expected: Any) -> bool:
        wanted = self._expected_kind(expected)
        given = _kind(answer)
        if wanted in ("count", "number"):
            return given == "number"
        if wanted == "rows":
            return given == "frame"
        if wanted == "set":
            return given in ("set", "list") or (isinstance(answer, (pd.Index, np.ndarray)) and np.ndim(answer) == 1)
        return given == wanted

    def _difference(self, answer: Any, expected: Any) -> str | None:
        """None when ``answer`` passes; else a general remark on how it differs ("" when none applies)."""
        if not self._same_kind(answer, expected):
            return text("ex.wrong_type", kind=self._kind_words(expected))
        kind = self._expected_kind(expected)
        if kind in ("number", "count"):
            if not self.exact and isinstance(_plain(answer), float) and not math.isfinite(answer):
                return text("ex.not_finite")
            figures = None if self.tightened else POLICY["significant_figures"]
            if _numbers_match(answer, expected, self._tolerance(False), exact=self.exact, figures=figures):
                return None
            if self.abs_tol is not None and not self.exact and abs(float(answer) - float(expected)) <= self.abs_tol:
                return None
            if self.exact and not float(answer).is_integer():
                return text("ex.not_whole")
            return ""
        if kind == "bool":
            return None if bool(answer) == bool(expected) else ""
        if kind == "text":
            mine = _normalise_text(answer)
            if self.choices is not None and mine not in self.choices:
                return text("ex.not_a_choice", choices=_codes(self._choices_shown))
            return None if mine == _normalise_text(expected) else ""
        if kind == "list":
            if len(answer) != len(expected):
                return text("ex.wrong_count", given=f"{len(answer):,}", expected=f"{len(expected):,}")
            rel_tol = self._tolerance(True)
            wrong = [i for i, (a, e) in enumerate(zip(answer, expected)) if not _same_value(a, e, rel_tol)]
            return text("ex.wrong_items", count=f"{len(wrong):,}", position=wrong[0] + 1) if wrong else None
        if kind == "set":
            mine, right = {_item(v) for v in answer}, {_item(v) for v in expected}
            if isinstance(answer, (list, tuple, pd.Index, np.ndarray)) and len(mine) != len(answer):
                return text("ex.set_duplicates")
            if mine == right:
                return None
            extra, missing = mine - right, right - mine
            if any(isinstance(v, str) and _as_number(v) is not None for v in extra) and any(
                    _is_number(v) for v in right):
                return text("ex.text_for_numbers", example=f"`{sorted(extra, key=repr)[0]!r}`")
            example = _short_repr(sorted(extra, key=repr)[0]) if extra else None
            # The size of the expected set is never revealed: missing items are said to exist, not counted.
            parts = ([text("ex.set_extra", extra=f"{len(extra):,}",
                           example=text("ex.for_example", example=f"`{example}`") if example else "")] if extra else []
                     ) + ([text("ex.set_missing")] if missing else [])
            joined = text("ex.clause_sep").join(parts)
            return text("ex.set_differs", parts=joined[:1].upper() + joined[1:])
        if kind == "dict":
            missing = [k for k in expected if k not in answer]
            extra = [k for k in answer if k not in expected]
            if missing or extra:
                parts = ([text("ex.dict_extra", extra=_codes(extra[:3]))] if extra else []) + (
                    [text("ex.dict_missing", missing=_codes(missing[:3]))] if missing else [])
                return text("ex.dict_keys", parts=text("ex.clause_sep").join(parts))
            wrong = [k for k in expected if not self._same_entry(answer[k], expected[k])]
            if not wrong:
                return None
            return _entries_message(wrong, [answer[k] for k in wrong], [expected[k] for k in wrong])
        if kind == "rows":
            return _rows_difference(answer, expected, self._tolerance(True), self.order_matters)
        if kind in ("series", "frame"):
            return _labelled_difference(answer, expected, self._tolerance(True), self.abs_tol or 1e-12)
        return None if answer == expected else ""

    def _same_entry(self, answer: Any, expected: Any) -> bool:
        """One value of a dict: a number to 3 significant figures like a single number (or within a
        tightened ``rel_tol``); a whole number (a count) exactly; else as inside a list."""
        if _kind(expected) == "number" and _kind(answer) == "number" and isinstance(_plain(expected), int):
            return _numbers_match(answer, expected, 0.0, exact=True)
        if _kind(expected) == "number" and _kind(answer) == "number" and not self.tightened:
            return _numbers_match(answer, expected, 0.0, figures=POLICY["significant_figures"]) or (
                self.abs_tol is not None and abs(float(answer) - float(expected)) <= self.abs_tol)
        return _same_value(answer, expected, self._tolerance(True))

    def _coaching(self, answer: Any, expected: Any, difference: str) -> str:
        same_kind = self._same_kind(answer, expected)
        for mistake in self.mistakes:
            if (same_kind or mistake.any_kind) and _safely(mistake.when, answer, expected):
                return _in_language(mistake.says)
        if not same_kind:
            return _near_kind(answer, self._expected_kind(expected), self, expected) or difference
        kind = self._expected_kind(expected)
        if kind == "number" and difference == "":
            passes_policy = _numbers_match(answer, expected, 0.0, figures=POLICY["significant_figures"])
            if self.tightened and passes_policy:
                reason = _in_language(self.tolerance_reason) if self.tolerance_reason else ""
                return text("ex.tighter", reason=reason)
            figures = _rounded(answer, expected)
            if figures is not None and figures < POLICY["significant_figures"]:
                return text("ex.rounded", figures=figures, wanted=POLICY["significant_figures"])
            if figures is not None:
                return text("ex.rounded_more")
        return difference or text("ex.differs")


def _as_number(value: str) -> float | None:
    """A number typed as text (``"0.5"``, ``"4/8"``, ``"50%"``), or None."""
    cleaned = value.strip().replace(",", "")
    try:
        if cleaned.endswith("%"):
            return float(cleaned[:-1]) / 100
        if cleaned.count("/") == 1:
            top, bottom = cleaned.split("/")
            return float(top) / float(bottom)
        return float(cleaned)
    except (ValueError, ZeroDivisionError):
        return None


def _entries_message(keys: list, given: list, wanted: list) -> str:
    """Why a dict's values differ: numbers typed as text, a value rounded too far, or how many differ."""
    entry = f"`{_plain(keys[0])!r}`"
    texts = [k for k, a, e in zip(keys, given, wanted) if isinstance(a, str) and _kind(e) == "number"
             and _as_number(a) is not None]
    if texts:
        return text("ex.dict_text_values", count=f"{len(texts):,}", entry=f"`{_plain(texts[0])!r}`")
    for key, a, e in zip(keys, given, wanted):
        figures = _rounded(a, e) if _kind(a) == "number" and _kind(e) == "number" else None
        if figures is not None and figures < POLICY["significant_figures"]:
            return text("ex.dict_rounded", entry=f"`{_plain(key)!r}`", figures=figures,
                        wanted=POLICY["significant_figures"])
        if figures is not None or (_kind(a) == "number" and _kind(e) == "number" and not isinstance(_plain(e), int)
                                   and math.isclose(float(a), float(e), rel_tol=0.01)):
            return text("ex.dict_rounded_more", entry=f"`{_plain(key)!r}`")
    return text("ex.dict_values", count=f"{len(keys):,}", entry=entry)


def _single_value(answer: Any) -> Any:
    """The one value of a Series, Index, array, list or tuple of length 1 (else ``...``)."""
    if isinstance(answer, (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray, list, tuple)):
        values = list(np.asarray(answer, dtype=object).ravel()) if not isinstance(answer, (list, tuple)) else list(answer)
        if len(values) == 1:
            return values[0]
    return ...


def _near_kind(answer: Any, kind: str, question: "Question | None" = None, expected: Any = None) -> str | None:
    """Coaching for a near miss of kind: a number or True/False typed in quotes (``"137"`` for 137),
    a one-value Series/array/list where a number is asked (take its value; we say whether it is
    right), many values where one number is asked, a one-column table where a column is asked, a
    column where a table is asked; else None."""
    many = (pd.Series, pd.Index, np.ndarray, pd.api.extensions.ExtensionArray, list, tuple, set, frozenset)
    if kind in ("number", "count") and isinstance(answer, many):
        single = _single_value(answer)
        if single is not ... and _is_number(single):
            verdict = ""
            if question is not None:
                right = question._difference(single, expected) is None
                verdict = text("ex.one_value_right" if right else "ex.one_value_wrong")
            return text("ex.one_for_one") + verdict
        return text("ex.many_for_one")
    if kind == "list" and isinstance(answer, (pd.Series, pd.Index, np.ndarray)) and np.ndim(answer) == 1:
        verdict = ""
        if question is not None:
            right = question._difference(list(answer), expected) is None
            verdict = text("ex.one_value_right" if right else "ex.one_value_wrong")
        return text("ex.series_for_list") + verdict
    if kind == "series" and isinstance(answer, pd.DataFrame) and isinstance(expected, pd.Series):
        reset = _index_reset(answer, expected)
        if reset:
            return reset
    if kind == "series" and isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
        return text("ex.frame_for_series", column=f"`{answer.columns[0]}`")
    if kind == "frame" and isinstance(answer, pd.Series):
        return text("ex.series_for_frame")
    if kind == "dict" and isinstance(answer, pd.Series):
        return text("ex.series_for_dict")
    if not isinstance(answer, str):
        return None
    if kind == "bool" and answer.strip().lower() in ("true", "false"):
        return text("ex.quoted")
    if kind in ("number", "count"):
        try:
            float(answer.strip().replace(",", ""))
        except ValueError:
            return None
        return text("ex.quoted")
    return None


def _rounded(answer: Any, expected: Any) -> int | None:
    """The number of significant figures ``answer`` keeps when it is ``expected`` rounded to 1 or
    more decimals (else None). Never for 0 or 1, nor for a rounding that leaves fewer than 2
    significant figures or gives 0: those answers are more likely another quantity."""
    try:
        a, e = float(answer), float(expected)
    except (OverflowError, TypeError, ValueError):
        return None
    if not (math.isfinite(a) and math.isfinite(e)) or a == e or a in (0.0, 1.0, -1.0):
        return None
    for d in range(1, 8):
        r = round(e, d)
        if r == 0 or r == e or not math.isclose(a, r, rel_tol=1e-9, abs_tol=1e-12):
            continue
        figures = math.floor(math.log10(abs(r))) + d + 1
        return figures if figures >= 2 else None
    return None


class Choice(_Asked):
    """A multiple-choice question: the student passes an option's key; each wrong option coaches.

    >>> q = Choice("q9", options={"a": T("Buy software", "买软件"), "b": T("Change the culture", "转变文化")},
    ...            answer="b", coaching={"a": T("Software comes last.", "软件放在最后。")}, hints=[T("h", "提示")])
    >>> q.check(" B ").outcome, q.check("a").outcome
    ('correct', 'incorrect')
    >>> print(q.options())
    a) Buy software
    b) Change the culture
    """

    def __init__(self, name: str, *, options: dict[str, dict[str, str]], answer: str,
                 coaching: dict[str, dict[str, str]], hints: list[dict[str, str]], chapter: str | None = None) -> None:
        keys = {_normalise_text(k): k for k in options}
        if _normalise_text(answer) not in keys:
            raise ValueError(f"The value for `answer` must be one of {list(options)}, but {answer!r} was passed.")
        right = _normalise_text(answer)
        uncoached = sorted(k for k in keys if k != right and k not in {_normalise_text(c) for c in coaching})
        if uncoached:
            raise ValueError(f"Every wrong option needs its own coaching; add `coaching` for {uncoached}.")
        self.name, self.hints, self.chapter = name, list(hints), chapter
        self._options = {_normalise_text(k): v for k, v in options.items()}
        self._coaching_for = {_normalise_text(k): v for k, v in coaching.items()}
        self._right = right

    def options(self) -> Message:
        """The options, in the current language."""
        return Message("\n".join(f"{key}) {_in_language(option)}" for key, option in self._options.items()))

    def __repr__(self) -> str:
        return text("ex.choice", name=self.name) + "\n" + repr(self.options())

    def _repr_html_(self) -> str:
        return Message(repr(self))._repr_html_()

    def check(self, answer: Any = ...) -> Feedback:
        """Check the key the student chose (no argument: not attempted)."""
        if answer is ...:
            return _feedback("not_attempted", text("ex.not_attempted", name=self.name))
        if answer is None:
            return self._incorrect(None, text("ex.none"))
        key = _normalise_text(answer) if isinstance(answer, str) else None
        if key == self._right:
            return _feedback("correct", text("ex.correct", name=self.name))
        if key in self._coaching_for:
            return self._incorrect(answer, _in_language(self._coaching_for[key]))
        valid = _listing([f'`"{k}"`' for k in self._options])
        return self._incorrect(answer, text("ex.not_an_option", valid=valid, name=self.name))


def _expected(question: Question | Choice) -> Any:
    """The expected answer, for tests and grading only (never shown to students)."""
    return question._right if isinstance(question, Choice) else question._value()


def _safely(when: Callable[[Any, Any], bool], answer: Any, expected: Any) -> bool:
    """A mistake detector that cannot handle an odd answer simply does not match."""
    try:
        return bool(when(answer, expected))
    except Exception:  # noqa: BLE001 - a detector must never turn feedback into a traceback
        return False


# --- reusable mistake detectors ---------------------------------------------------------------


def _matches(answer: Any, wrong: Any) -> bool:
    """``answer`` equals ``wrong`` under the policy (numbers, Series, frames)."""
    if _kind(wrong) == "number":
        return _kind(answer) == "number" and _numbers_match(answer, wrong, POLICY["rel_tol"])
    if isinstance(wrong, (pd.Series, pd.DataFrame)):
        return isinstance(answer, type(wrong)) and _labelled_difference(answer, wrong, POLICY["table_rel_tol"]) is None
    return _same_value(answer, wrong, POLICY["table_rel_tol"])


def same_as(wrong: Callable[[], Any], says: dict[str, str]) -> Mistake:
    """The answer equals ``wrong()``, the value a typical slip gives."""
    return Mistake(lambda a, e: _matches(a, wrong()), says)


def _scaled(answer: Any, target: float) -> bool:
    """``answer`` is ``target`` under the policy for slips, or correct to 3 significant figures
    (a percentage rounded as the question asks for the fraction: 19.7 for 0.1967)."""
    return _matches(answer, target) or (_kind(answer) == "number" and _numbers_match(
        answer, target, 0.0, figures=POLICY["significant_figures"]))


def percent_for_fraction(says: dict[str, str] | None = None) -> Mistake:
    """A percentage given where a fraction is asked: 75 for 0.75 (also rounded to 3 figures)."""
    return Mistake(lambda a, e: e != 0 and _scaled(a, 100 * float(e)), says or T(
        "That looks like a percentage (75 for 0.75). The question asks for a fraction between 0 and 1: divide by 100.",
        "这看起来是百分数（把 0.75 写成了 75）。题目要求 0 到 1 之间的小数：请除以 100。"))


def fraction_for_percent(says: dict[str, str] | None = None) -> Mistake:
    """A fraction given where a percentage is asked: 0.75 for 75 (also rounded to 3 figures)."""
    return Mistake(lambda a, e: e != 0 and _scaled(a, float(e) / 100), says or T(
        "That looks like a fraction (0.75 for 75%). The question asks for a percentage: multiply by 100.",
        "这看起来是小数（把 75% 写成了 0.75）。题目要求百分数：请乘以 100。"))


def rate_as_whole_number(wrong: Callable[[], Any], says: dict[str, str] | None = None) -> Mistake:
    """A rate (discount, retention) typed as a whole number, 10 for 10%; ``wrong()`` computes that slip."""
    return same_as(wrong, says or T(
        "It looks as if a rate was entered as a whole number (10 for 10%). In the formula a rate is a fraction: "
        "10% is `0.10`.",
        "看起来把比率当成了整数输入（把 10% 写成了 10）。公式中的比率是小数：10% 应写作 `0.10`。"))


def margin_times_100(wrong: Callable[[], Any] | None = None, says: dict[str, str] | None = None) -> Mistake:
    """A margin taken as a percentage (30 for 30%): the answer is 100 times too large, or ``wrong()``."""
    message = says or T(
        "Your answer is about 100 times too large: was a margin given as a percentage (30 for 30%)? "
        "Use it as a fraction, `0.30`.",
        "你的答案大了约 100 倍：是不是把利润率当成了百分数（把 30% 写成了 30）？请用小数 `0.30`。")
    if wrong is None:
        return Mistake(lambda a, e: e != 0 and _matches(a, 100 * float(e)), message)
    return same_as(wrong, message)


def _permuted_columns(answer: pd.DataFrame, expected: pd.DataFrame) -> bool:
    if answer.shape != expected.shape:
        return False
    mine = answer.set_axis(range(answer.shape[1]), axis=1)
    if not mine.index.sort_values().equals(expected.index.sort_values()):
        mine = mine.set_axis(expected.index)
    mine = mine.loc[expected.index]
    columns = [mine[c].to_numpy() for c in mine.columns]
    targets = [expected[c].to_numpy() for c in expected.columns]
    same_names = list(map(str, answer.columns)) == list(map(str, expected.columns))
    same_position = same_names and all(np.array_equal(a, t) for a, t in zip(columns, targets))
    if same_position:
        return False
    used: set[int] = set()
    for target in targets:
        found = next((i for i, column in enumerate(columns) if i not in used and np.array_equal(column, target)), None)
        if found is None:
            return False
        used.add(found)
    return True


def other_column_order(says: dict[str, str] | None = None) -> Mistake:
    """Scores in another column order: a frame whose columns are the right ones swapped or unnamed
    in another order, or a score code such as ``"153"`` for ``"351"``."""

    def when(answer: Any, expected: Any) -> bool:
        if isinstance(answer, pd.DataFrame) and isinstance(expected, pd.DataFrame):
            return _permuted_columns(answer, expected)
        if isinstance(answer, str) and isinstance(expected, str):
            a, e = answer.replace(" ", ""), expected.replace(" ", "")
            return a != e and sorted(a) == sorted(e)
        if isinstance(answer, pd.Series) and isinstance(expected, pd.Series):
            aligned = answer.loc[expected.index].astype(str).str.replace(" ", "")
            right = expected.astype(str).str.replace(" ", "")
            differ = aligned != right
            return bool(differ.any()) and all(sorted(a) == sorted(e) for a, e in zip(aligned[differ], right[differ]))
        return False

    return Mistake(when, says or T(
        "The right scores, in another order: check which column (or which digit of the code) is R, F and M, "
        "in the order the question asks.",
        "分数都对，但顺序不对：请检查哪一列（或代码的哪一位）是 R、F、M，并按题目要求的顺序排列。"))


def scores_as_text(says: dict[str, str] | None = None) -> Mistake:
    """Numbers given as text: ``"3"`` for 3, or a text column of digits where numbers are asked."""

    def numeric(value: Any) -> Any:
        if isinstance(value, str):
            return float(value.strip())
        if isinstance(value, pd.Series):
            return pd.to_numeric(value.astype(str).str.strip()) if not _is_number_column(value) else None
        if isinstance(value, pd.DataFrame):
            converted = value.copy()
            changed = False
            for column in converted.columns:
                if not _is_number_column(converted[column]):
                    converted[column] = pd.to_numeric(converted[column].astype(str).str.strip())
                    changed = True
            return converted if changed else None
        return None

    def when(answer: Any, expected: Any) -> bool:
        converted = numeric(answer)
        if converted is None:
            return False
        if _kind(expected) == "number":
            return _numbers_match(converted, expected, POLICY["rel_tol"])
        return _matches(converted, expected)

    return Mistake(when, says or T(
        "The numbers are right but stored as text (e.g. `'3'` instead of `3`). Give numbers: "
        "`int(...)`, `float(...)` or `.astype(int)`.",
        "数值是对的，但保存成了文本（例如 `'3'` 而不是 `3`）。请给出数字：`int(...)`、`float(...)` 或 `.astype(int)`。"),
        any_kind=True)


def qcut_edges(values: Callable[[], pd.Series], *, column: str | None = None, bins: int = 5,
               says: dict[str, str] | None = None) -> Mistake:
    """Scores that differ from the expected ones only for customers whose ``values()`` lie at a
    quantile edge (the classic slip of ``pd.qcut``); silent when other customers differ too."""

    def near_edge(raw: pd.Series) -> pd.Series:
        distinct = np.sort(raw.dropna().unique())
        near: set[float] = set()
        for edge in raw.quantile(np.linspace(0, 1, bins + 1)[1:-1]).to_numpy():
            below, above = distinct[distinct <= edge], distinct[distinct >= edge]
            near.update([below[-1]] if len(below) else [])
            near.update([above[0]] if len(above) else [])
        return raw.isin(near)

    def when(answer: Any, expected: Any) -> bool:
        mine, right = (answer[column], expected[column]) if column is not None else (answer, expected)
        mine = mine.loc[right.index]
        differ = ~np.isclose(mine.to_numpy(float), right.to_numpy(float))
        if not differ.any():
            return False
        return bool(near_edge(values().loc[right.index])[differ].all())

    return Mistake(when, says or T(
        "Almost: only customers right at the bin edges differ. Did you use `pd.qcut`? It places values at an edge "
        "differently (and needs `duplicates=\"drop\"` when edges repeat); follow the rule the chapter uses.",
        "差不多了：只有恰好处在分箱边界上的客户不同。是不是用了 `pd.qcut`？它对边界值的划分不同"
        "（边界重复时还需要 `duplicates=\"drop\"`）；请按本章使用的规则分箱。"))


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
