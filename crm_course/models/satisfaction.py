"""Customer satisfaction (客户满意), SERVQUAL (服务质量) and the satisfaction trap (满意陷阱).

Satisfaction is perceived performance minus expectation (感知 - 期望). SERVQUAL
(Parasuraman, Zeithaml & Berry 1988) measures it for service quality with 22 items in five
dimensions, each asked twice on a 1-7 scale: what an excellent firm would do (expectation,
E) and what this firm does (perception, P). The gap P - E is negative where the firm falls
short. The satisfaction trap (Bain & Company; Reichheld 1996): 65-85% of customers who
defect said they were satisfied or very satisfied.

The dimensions, their items and the negatively worded items are plain data
(:data:`SERVQUAL_DIMENSIONS`, :data:`SERVQUAL_NEGATIVE`); item wording lives under
``servqual.item.<nn>`` in crm_course/i18n/culture.py.

>>> servqual_index({"tangibles": 0.3, "reliability": -1.3, "responsiveness": -0.8,
...                 "assurance": -0.3, "empathy": -0.3})
-0.48
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from .._validation import examples, require_columns, require_frame, require_not_empty, require_number, require_numeric
from .scoring import _check_weights

__all__ = [
    "SERVQUAL_DIMENSIONS",
    "SERVQUAL_NEGATIVE",
    "SERVQUAL_SCALE",
    "TRAP_BENCHMARKS",
    "satisfaction_gap",
    "servqual_gaps",
    "servqual_weights",
    "servqual_index",
    "servqual_summary",
    "satisfaction_trap",
]

# dimension -> its item numbers, as in Parasuraman, Zeithaml & Berry (1988).
SERVQUAL_DIMENSIONS: dict[str, tuple[int, ...]] = {
    "tangibles": (1, 2, 3, 4),
    "reliability": (5, 6, 7, 8, 9),
    "responsiveness": (10, 11, 12, 13),
    "assurance": (14, 15, 16, 17),
    "empathy": (18, 19, 20, 21, 22),
}
# Items worded negatively in the 1988 instrument ("You do not receive prompt service from ...").
# Agreeing with them is bad news, so an answer x on the 1-7 scale is reversed to 8 - x.
SERVQUAL_NEGATIVE: tuple[int, ...] = (10, 11, 12, 13, 18, 19, 20, 21, 22)
SERVQUAL_SCALE: tuple[int, int] = (1, 7)

# The lecture's figures: share range (low, high) of each measure.
TRAP_BENCHMARKS: dict[str, tuple[float, float]] = {
    "defectors_satisfied": (0.65, 0.85),  # Bain: defectors who said they were satisfied or very satisfied
    "cars_satisfied": (0.85, 0.95),  # car buyers satisfied with their car
    "cars_rebuy": (0.30, 0.40),  # car buyers who buy the same brand again
}


def _answers(data: pd.DataFrame, column, argument: str, data_name: str, scale: tuple[int, int]) -> pd.Series:
    """A column of whole-number answers on ``scale`` as floats; others refused, naming a value and its row."""
    values = require_numeric(data[column], argument, data_name)
    low, high = scale
    off = np.flatnonzero(((values < low) | (values > high) | (values != np.round(values))).to_numpy())
    if len(off):
        first = data[column].iloc[off[0]]
        first = first.item() if hasattr(first, "item") else first
        raise ValueError(
            f"Column {column!r} (argument `{argument}=`) of `{data_name}` must hold whole answers from {low} to "
            f"{high}, but {len(off)} value(s) are not, e.g. {first!r} at row {data.index[off[0]]!r}. "
            f"Correct those answers or drop the rows."
        )
    return values


def _answer_block(data: pd.DataFrame, columns: list[str], argument: str, scale: tuple[int, int]) -> np.ndarray:
    """The answer columns as one float array (rows x columns), checked as :func:`_answers` checks each.

    All columns at once when they are plain numbers on the scale (a survey's 44 columns one by
    one cost a SERVQUAL widget a third of its redraw); otherwise column by column, for the message.
    """
    low, high = scale
    kinds = [data[column].dtype for column in columns]
    if all(pd.api.types.is_numeric_dtype(kind) and not pd.api.types.is_bool_dtype(kind) for kind in kinds):
        values = data[columns].to_numpy(dtype=float, na_value=np.nan)
        if ((values >= low) & (values <= high) & (values == np.round(values))).all():  # NaN and inf fail too
            return values
    return np.column_stack([_answers(data, column, argument, "survey", scale).to_numpy() for column in columns])


def _check_scale(scale) -> tuple[int, int]:
    if not isinstance(scale, (tuple, list)) or len(scale) != 2:
        raise TypeError(f"`scale` must be the lowest and highest answer, e.g. (1, 7), but {scale!r} was passed.")
    low = require_number(scale[0], "scale[0]", integer=True)
    high = require_number(scale[1], "scale[1]", low=low, low_inclusive=False, integer=True)
    return int(low), int(high)


def _check_dimensions(dimensions) -> dict[str, tuple[int, ...]]:
    if not isinstance(dimensions, Mapping) or not dimensions:
        raise TypeError(
            f"`dimensions` must be a dict of dimension -> item numbers, e.g. {{'tangibles': (1, 2, 3, 4)}}, "
            f"but {dimensions!r} was passed."
        )
    checked, seen = {}, set()
    for dimension, items in dimensions.items():
        items = tuple(int(require_number(i, f"dimensions[{dimension!r}]", low=1, integer=True)) for i in items)
        if not items:
            raise ValueError(f"Dimension {dimension!r} of `dimensions` has no items. Give it at least one item number.")
        twice = seen.intersection(items)
        if twice:
            raise ValueError(
                f"Item(s) {sorted(twice)} belong to more than one dimension of `dimensions`. "
                f"Give each item one dimension."
            )
        seen.update(items)
        checked[dimension] = items
    return checked


def satisfaction_gap(perception, expectation):
    """Satisfaction as perceived performance minus expectation (客户满意 = 感知 - 期望).

    Below 0 the customer is dissatisfied (expectation not met), at 0 satisfied, above 0
    delighted. Numbers give a number, Series give a Series named ``satisfaction_gap``.

    >>> satisfaction_gap(5, 6)
    -1.0
    >>> import pandas as pd
    >>> satisfaction_gap(pd.Series([7, 4]), pd.Series([6, 4])).tolist()
    [1.0, 0.0]
    """
    if isinstance(perception, pd.Series) or isinstance(expectation, pd.Series):
        frame = pd.DataFrame({"perception": perception, "expectation": expectation})
        p = require_numeric(frame["perception"], "perception", "perception")
        e = require_numeric(frame["expectation"], "expectation", "expectation")
        return (p - e).rename("satisfaction_gap")
    return float(require_number(perception, "perception") - require_number(expectation, "expectation"))


def servqual_gaps(
    survey: pd.DataFrame,
    *,
    by: str = "item",
    expectation: str = "e",
    perception: str = "p",
    negative=SERVQUAL_NEGATIVE,
    dimensions=SERVQUAL_DIMENSIONS,
    scale=SERVQUAL_SCALE,
) -> pd.DataFrame:
    """SERVQUAL gaps P - E of every respondent, by item or by dimension.

    ``survey`` holds item ``i``'s expectation in column ``f"{expectation}{i:02d}"`` (``e01``)
    and its perception in ``f"{perception}{i:02d}"`` (``p01``), answers as given on ``scale``.
    The ``negative`` items are reversed first (x -> low + high - x, on 1-7: 8 - x), so every
    gap reads "higher is better". ``by="item"`` gives columns ``q01`` .. ``q22``;
    ``by="dimension"`` gives one column per dimension, the mean gap of its items.

    Returns a new DataFrame with the index of ``survey``; ``attrs`` hold ``by``,
    ``negative``, ``dimensions`` and ``scale``.

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"e01": [6, 5], "p01": [4, 5], "e02": [2, 3], "p02": [3, 3]})
    >>> servqual_gaps(survey, negative=(2,), dimensions={"tangibles": (1, 2)})
       q01  q02
    0 -2.0 -1.0
    1  0.0  0.0
    >>> servqual_gaps(survey, by="dimension", negative=(2,), dimensions={"tangibles": (1, 2)})
       tangibles
    0       -1.5
    1        0.0
    """
    require_frame(survey, "survey")
    require_not_empty(survey, "survey")
    if by not in ("item", "dimension"):
        raise ValueError(f"The value for `by` must be one of ['item', 'dimension'], but {by!r} was passed.")
    dimensions = _check_dimensions(dimensions)
    scale = _check_scale(scale)
    items = sorted(i for group in dimensions.values() for i in group)
    if not isinstance(negative, (tuple, list, set, frozenset)):
        raise TypeError(f"`negative` must be a tuple of item numbers, e.g. (10, 11), but {negative!r} was passed.")
    negative = tuple(sorted(int(require_number(i, "negative", integer=True)) for i in negative))
    stray = [i for i in negative if i not in items]
    if stray:
        raise ValueError(f"`negative` names item(s) {stray} that are in no dimension. Use item numbers from {items}.")
    for prefix, argument in ((expectation, "expectation"), (perception, "perception")):
        require_columns(survey, {argument: f"{prefix}{i:02d}" for i in items}, "survey")
    e, p = (_answer_block(survey, [f"{prefix}{i:02d}" for i in items], argument, scale)
            for prefix, argument in ((expectation, "expectation"), (perception, "perception")))
    flipped = np.isin(items, negative)
    e[:, flipped], p[:, flipped] = sum(scale) - e[:, flipped], sum(scale) - p[:, flipped]
    result = pd.DataFrame(p - e, index=survey.index, columns=[f"q{i:02d}" for i in items])
    if by == "dimension":
        result = pd.DataFrame(
            {d: result[[f"q{i:02d}" for i in group]].mean(axis=1) for d, group in dimensions.items()},
            index=survey.index,
        )
    result.attrs.update(by=by, negative=negative, dimensions=dimensions, scale=scale)
    return result


def servqual_weights(survey: pd.DataFrame, *, prefix: str = "w_", dimensions=SERVQUAL_DIMENSIONS) -> pd.Series:
    """The mean importance of each dimension from 100-point allocations, as weights summing to 1.

    Each respondent shares 100 points over the dimensions (columns ``w_tangibles`` ...); the
    weight of a dimension is its mean points / 100 (Parasuraman, Zeithaml & Berry 1991).
    A row whose points do not sum to 100 is refused.

    >>> import pandas as pd
    >>> points = pd.DataFrame({"w_a": [60, 40], "w_b": [40, 60]})
    >>> servqual_weights(points, dimensions={"a": (1,), "b": (2,)}).tolist()
    [0.5, 0.5]
    """
    require_frame(survey, "survey")
    require_not_empty(survey, "survey")
    dimensions = _check_dimensions(dimensions)
    columns = {d: f"{prefix}{d}" for d in dimensions}
    require_columns(survey, {"prefix": c for c in columns.values()}, "survey")
    points = pd.DataFrame(
        {d: _answers(survey, c, "prefix", "survey", (0, 100)) for d, c in columns.items()}, index=survey.index
    )
    total = points.sum(axis=1)
    wrong = total[total != 100]
    if len(wrong):
        raise ValueError(
            f"Importance points must sum to 100 in every row of `survey`, but {len(wrong)} row(s) do not, e.g. row "
            f"{wrong.index[0]!r} sums to {wrong.iloc[0]:g}. Correct those rows or drop them."
        )
    weights = (points.mean() / 100).rename("weight")
    weights.attrs.update(prefix=prefix, respondents=len(points))
    return weights


def servqual_index(gaps, weights=None):
    """One SERVQUAL number from gaps by dimension: their mean, or their weighted sum.

    ``gaps`` is a dict or Series dimension -> gap (one number back), or a DataFrame with one
    column per dimension, e.g. ``servqual_gaps(survey, by="dimension")`` (one number per row,
    a Series named ``servqual_index``). ``weights`` (dimension -> weight) follow the scoring
    engine's rules (:func:`crm_course.models.scoring.weighted_score`): non-negative, summing
    to 1, one per dimension of ``gaps``.

    >>> gaps = {"tangibles": 0.3, "reliability": -1.3, "responsiveness": -0.8, "assurance": -0.3, "empathy": -0.3}
    >>> servqual_index(gaps)
    -0.48
    >>> servqual_index(gaps, {"tangibles": 0.1, "reliability": 0.3, "responsiveness": 0.2,
    ...                       "assurance": 0.2, "empathy": 0.2})
    -0.64
    """
    if isinstance(gaps, pd.DataFrame):
        frame, single = gaps, False
    elif isinstance(gaps, (Mapping, pd.Series)):
        frame, single = pd.DataFrame([dict(gaps)]), True
    else:
        raise TypeError(
            f"`gaps` must be a dict or Series dimension -> gap, or a DataFrame with one column per dimension, "
            f"but a {type(gaps).__name__} was passed."
        )
    require_not_empty(frame, "gaps")
    columns = list(frame.columns)
    if weights is None:
        w = pd.Series(1 / len(columns), index=columns, name="weight")
    else:
        w = _check_weights(weights, False)
        missing = [d for d in w.index if d not in columns]
        extra = [d for d in columns if d not in w.index]
        if missing or extra:
            raise ValueError(
                f"`weights` and `gaps` must name the same dimensions, but weights have {missing or 'none'} "
                f"not in gaps and gaps have {extra or 'none'} without a weight. Give each dimension of gaps one weight."
            )
    values = pd.DataFrame({d: require_numeric(frame[d], "gaps", "gaps") for d in w.index}, index=frame.index)
    index = pd.Series(np.round(values.to_numpy() @ w.to_numpy(), 12), index=frame.index, name="servqual_index")
    if single:
        return float(index.iloc[0])
    index.attrs["weights"] = w.to_dict()
    return index


def servqual_summary(
    survey: pd.DataFrame, *, weights=None, expectation: str = "e", perception: str = "p",
    negative=SERVQUAL_NEGATIVE, dimensions=SERVQUAL_DIMENSIONS,
) -> pd.DataFrame:
    """Expectation, perception and gap of each dimension, weighted, with the order in which to improve.

    The means are over respondents of the items' answers (negative items reversed).
    ``weights`` as in :func:`servqual_index` (default: equal). Columns ``expectation``,
    ``perception``, ``gap``, ``weight``, ``weighted_gap`` (weight x gap) and ``priority``
    (1 = the most negative weighted gap: improve it first; a dimension without a shortfall
    gets none). ``attrs`` hold ``weights`` and ``index``, the weighted SERVQUAL index.

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"e01": [6, 6], "p01": [5, 7], "e02": [7, 7], "p02": [4, 5]})
    >>> table = servqual_summary(survey, negative=(), dimensions={"tangibles": (1,), "reliability": (2,)})
    >>> table["gap"].tolist(), table["weighted_gap"].tolist(), table["priority"].tolist()
    ([0.0, -2.5], [0.0, -1.25], [<NA>, 1])
    >>> table.attrs["index"]
    -1.25
    """
    options = dict(expectation=expectation, perception=perception, negative=negative, dimensions=dimensions)
    gaps = servqual_gaps(survey, by="item", **options)
    dimensions = gaps.attrs["dimensions"]
    low, high = gaps.attrs["scale"]

    items = sorted(i for group in dimensions.values() for i in group)
    flipped = np.isin(items, gaps.attrs["negative"])
    means = {}
    for prefix, argument in ((expectation, "expectation"), (perception, "perception")):
        answers = _answer_block(survey, [f"{prefix}{i:02d}" for i in items], argument, (low, high))
        answers[:, flipped] = low + high - answers[:, flipped]
        means[argument] = [float(answers[:, np.isin(items, dimensions[d])].mean()) for d in dimensions]
    table = pd.DataFrame(means, index=pd.Index(list(dimensions), name="dimension"))
    table["gap"] = table["perception"] - table["expectation"]
    w = pd.Series(1 / len(table), index=table.index) if weights is None else _check_weights(weights, False)
    index = servqual_index(table["gap"], None if weights is None else w)
    table["weight"] = w.reindex(table.index).to_numpy()
    table["weighted_gap"] = table["weight"] * table["gap"]
    shortfall = table["weighted_gap"] < 0
    table["priority"] = table["weighted_gap"].where(shortfall).rank(method="min").astype("Int64")
    table.attrs.update(weights=table["weight"].to_dict(), index=index, negative=gaps.attrs["negative"])
    return table


def _defected(data: pd.DataFrame, column: str) -> pd.Series:
    values = data[column]
    if pd.api.types.is_bool_dtype(values):
        return values.astype(int)
    numbers = require_numeric(values, "defected", "survey")
    wrong = numbers[~numbers.isin([0, 1])]
    if len(wrong):
        raise ValueError(
            f"Column {column!r} (argument `defected=`) of `survey` must hold 1 (defected) or 0 (stayed), or "
            f"True/False, but {len(wrong)} value(s) are other: {examples(wrong.tolist())}. Recode the column."
        )
    return numbers.astype(int)


def satisfaction_trap(
    survey: pd.DataFrame,
    *,
    satisfied_from: int = 6,
    satisfaction: str = "satisfaction",
    defected: str = "defected",
    scale=SERVQUAL_SCALE,
) -> pd.DataFrame:
    """Defection by satisfaction level, and how many defectors had said they were satisfied.

    ``survey`` has an overall satisfaction answer per customer (whole numbers on ``scale``,
    1 = very dissatisfied .. 7 = very satisfied) and whether the customer defected (1/0 or
    True/False). Answers from ``satisfied_from`` up count as "satisfied or very satisfied"
    (default 6: the top two boxes of seven).

    Returns one row per level of the scale (levels nobody chose included) with columns
    ``customers``, ``defectors``, ``defection_rate`` (NaN where no customers),
    ``share_of_defectors`` and ``satisfied``. ``attrs``: ``satisfied_from``, ``scale`` and
    the headline figures ``defectors_satisfied`` (share of defectors who were satisfied: the
    trap), ``satisfied_share`` (of all customers), ``satisfied_retained`` (share of the
    satisfied who stayed) and ``defection_rate``.

    >>> import pandas as pd
    >>> survey = pd.DataFrame({"satisfaction": [7, 6, 6, 3, 2, 7], "defected": [1, 1, 0, 1, 0, 0]})
    >>> trap = satisfaction_trap(survey)
    >>> round(trap.attrs["defectors_satisfied"], 4), float(trap.loc[6, "defection_rate"])
    (0.6667, 0.5)
    """
    require_columns(survey, {"satisfaction": satisfaction, "defected": defected}, "survey")
    require_not_empty(survey, "survey")
    scale = _check_scale(scale)
    low, high = scale
    require_number(satisfied_from, "satisfied_from", low=low, high=high, integer=True)
    level = _answers(survey, satisfaction, "satisfaction", "survey", scale).astype(int)
    left = _defected(survey, defected)
    levels = pd.Index(range(low, high + 1), name=satisfaction)
    customers = level.value_counts().reindex(levels, fill_value=0)
    defectors = level[left == 1].value_counts().reindex(levels, fill_value=0)
    table = pd.DataFrame({"customers": customers, "defectors": defectors})
    table["defection_rate"] = table["defectors"] / table["customers"].where(table["customers"] > 0)
    table["share_of_defectors"] = table["defectors"] / max(int(table["defectors"].sum()), 1)
    table["satisfied"] = table.index >= satisfied_from
    satisfied = table[table["satisfied"]]
    n_satisfied = int(satisfied["customers"].sum())
    table.attrs.update(
        satisfied_from=int(satisfied_from),
        scale=scale,
        defectors_satisfied=float(satisfied["defectors"].sum() / table["defectors"].sum())
        if table["defectors"].sum() else float("nan"),
        satisfied_share=n_satisfied / len(level),
        satisfied_retained=float(1 - satisfied["defectors"].sum() / n_satisfied) if n_satisfied else float("nan"),
        defection_rate=float(left.mean()),
    )
    return table
