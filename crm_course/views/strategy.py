"""Plots of the strategy models: the Burnett matrix, the growth matrix, weight sensitivity, relationship types."""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.patches import Rectangle

from .._validation import examples, require_number, require_numeric, to_timestamp
from ..i18n import text
from ..models.growth import GROWTH_CELLS
from ..models.relationships import RELATIONSHIP_TYPES
from ..models.scoring import (
    ATTRACTIVENESS_LEVELS,
    BURNETT_GRID,
    DEFAULT_CUTS,
    RELATIONSHIP_LEVELS,
    _check_cuts,
    _check_grid,
    _levels,
)
from ._checks import parameter, require_highlight, require_result
from ._labels import PointLabels
from ._style import plot_style

__all__ = ["burnett_plot", "growth_plot", "sensitivity_plot", "relationship_plot"]

# Cell tints by strategy, safe for colour-blind eyes: blues where we invest, purples where we
# hold, oranges where we pull back (no red against green).
STRATEGY_COLORS = {
    "develop_defend": "#9ecae1",
    "develop": "#c6dbef",
    "defend_maintain": "#dadaeb",
    "selective_defence": "#efedf5",
    "selective_retention": "#fdd0a2",
    "minimal_retention": "#f0f0f0",
    "exit": "#fdae6b",
}
TYPE_COLORS = {"hook": "#c6dbef", "zipper": "#dadaeb", "velcro": "#fdd0a2", "none": "#f0f0f0"}
BUBBLE_COLOR = "#3f007d"
ACCENT = "#e6550d"


def _label(prefix: str, code: str, language: str) -> str:
    """The translated label of a code, or the code itself when the kit has no string for it."""
    try:
        return text(f"{prefix}.{code}", language)
    except LookupError:
        return str(code)


def _bands(ax, cuts, language: str) -> None:
    """Score ticks 1-5 and the level names centred under (beside) their band."""
    edges = [1, *cuts, 5]
    centres = [(low + high) / 2 for low, high in zip(edges, edges[1:])]
    for axis, levels in ((ax.xaxis, RELATIONSHIP_LEVELS), (ax.yaxis, ATTRACTIVENESS_LEVELS)):
        axis.remove_overlapping_locs = False  # keep "average" although a score tick (3) sits under it
        axis.set_ticks(range(1, 6))
        axis.set_ticks(centres, labels=[_label("burnett.level", level, language) for level in levels], minor=True)
    ax.tick_params(which="major", labelsize=11)
    ax.tick_params(which="minor", length=0, labelsize=13, pad=22)


def _bare(frame: pd.DataFrame) -> pd.DataFrame:
    """A shallow copy without ``attrs``: pandas deep-copies a frame's attrs (a grid, weights) into every
    column or row taken from it, which costs more than the plot's own arithmetic."""
    bare = frame.copy(deep=False)
    bare.attrs = {}
    return bare


def _burnett_scores(matrix: pd.DataFrame) -> dict[str, pd.Series]:
    """The two scores of a Burnett matrix, numeric and on the 1-5 scale."""
    scores = {}
    for column in ("attractiveness", "relationship"):
        values = require_numeric(matrix[column], column, "matrix")
        off = values[(values < 1) | (values > 5) | values.isna()]
        if len(off):
            raise ValueError(
                f"Column {column!r} of `matrix` must hold scores from 1 to 5, but account(s) "
                f"{examples(off.index)} have {examples(off.tolist())}. Pass the output of crm.burnett_matrix(...)."
            )
        scores[column] = values
    return scores


def _check_agreement(matrix: pd.DataFrame, scores: dict, cuts, grid) -> None:
    """The matrix's levels and strategies must be the ones these cuts and this grid give."""
    for column, names in (("attractiveness", ATTRACTIVENESS_LEVELS), ("relationship", RELATIONSHIP_LEVELS)):
        if f"{column}_level" not in matrix:
            continue
        expected = pd.Series(_levels(scores[column], cuts, names), index=matrix.index).astype(str)
        differ = expected[expected != matrix[f"{column}_level"].astype(str)]
        if len(differ):
            account = differ.index[0]
            raise ValueError(
                f"`matrix` was made with other cuts than {tuple(round(c, 4) for c in cuts)}: account {account!r} "
                f"({column} {scores[column][account]:.3g}) is {matrix.loc[account, f'{column}_level']!r} in the "
                f"matrix but {differ[account]!r} with these cuts. Leave `cuts` out (the matrix knows its own) or "
                f"pass the cuts given to burnett_matrix."
            )
    if {"attractiveness_level", "relationship_level", "strategy"} <= set(matrix.columns):
        expected = pd.Series([grid[a][r] for a, r in zip(matrix["attractiveness_level"].astype(str),
                                                         matrix["relationship_level"].astype(str))],
                             index=matrix.index)
        differ = expected[expected != matrix["strategy"].astype(str)]
        if len(differ):
            account = differ.index[0]
            raise ValueError(
                f"`matrix` was made with another grid: account {account!r} has strategy "
                f"{matrix.loc[account, 'strategy']!r} but this grid gives {differ[account]!r}. Leave `grid` out "
                f"(the matrix knows its own) or pass the grid given to burnett_matrix."
            )


def _bubble_areas(size, accounts: pd.Index) -> np.ndarray:
    """Bubble areas proportional to ``size`` (one number per account, aligned by account)."""
    if size is None:
        return np.full(len(accounts), 160.0)
    if not isinstance(size, (pd.Series, dict)):
        raise TypeError(
            f"`size` must be a Series (or dict) of one number per account, indexed by account, but a "
            f"{type(size).__name__} was passed. E.g. size=accounts['revenue']."
        )
    values = pd.Series(size).reindex(accounts)
    if values.isna().any():
        missing = list(values.index[values.isna()])
        raise ValueError(f"`size` has no value for account(s) {missing[:3]}. Pass a Series with every account.")
    values = require_numeric(values.rename("size"), "size", "size")
    if (values < 0).any() or values.max() <= 0:
        bad = values[values < 0] if (values < 0).any() else values
        raise ValueError(
            f"`size` must be numbers >= 0 with at least one above 0 (bubble areas), but has "
            f"{examples(bad.tolist())}. Pass e.g. the accounts' revenue."
        )
    return 40 + 1800 * values.to_numpy(dtype=float) / values.max()


def burnett_plot(matrix: pd.DataFrame, *, size=None, highlight=None, cuts=None, grid=None, ax=None):
    """The 3 x 3 key-account matrix with every account placed and each cell's strategy named.

    ``matrix`` is the output of :func:`crm_course.models.scoring.burnett_matrix`; x is the
    relationship status, y the customer attractiveness, both 1-5. The bands and the cells'
    strategies are the ones the matrix was made with (``matrix.attrs["cuts"]`` and
    ``["grid"]``; a frame without them gets DEFAULT_CUTS and BURNETT_GRID); ``cuts=`` and
    ``grid=`` override them and must agree with the matrix's levels and strategies.
    ``size`` (a Series by account, e.g. revenue) sets the bubble areas, by default the column
    that :func:`crm_course.models.scoring.burnett_analysis` kept (``attrs["size"]``); ``highlight`` (an
    account) rings one account. Account labels (10 pt) never overlap each other or a cell's
    title: a label that does not fit on its bubble moves to the nearest free spot, with a line.

    >>> import crm_course as crm
    >>> from crm_course.models.scoring import burnett_scores
    >>> accounts = crm.load_dataset("key_accounts").set_index("account_id")
    >>> ax = burnett_plot(crm.burnett_matrix(burnett_scores(accounts)), size=accounts["revenue"])
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('Relationship status', 'Customer attractiveness')
    """
    matrix = require_result(matrix, "matrix", "crm_course.burnett_matrix(...)", ("attractiveness", "relationship"))
    cuts = _check_cuts(parameter(matrix, "cuts", cuts, DEFAULT_CUTS))
    grid = _check_grid(parameter(matrix, "grid", grid, BURNETT_GRID))
    if size is None and matrix.attrs.get("size") in matrix.columns:  # kept by burnett_analysis(size=...)
        size = matrix[matrix.attrs["size"]]
    matrix = _bare(matrix)  # read the parameters once: pandas copies attrs at every step
    scores = _burnett_scores(matrix)
    _check_agreement(matrix, scores, cuts, grid)
    areas = _bubble_areas(size, matrix.index)
    if highlight is not None:
        require_highlight(highlight, matrix.index)
    with plot_style(ax) as (ax, language):
        edges = [1, *cuts, 5]
        titles = []
        for i, a_level in enumerate(ATTRACTIVENESS_LEVELS):
            for j, r_level in enumerate(RELATIONSHIP_LEVELS):
                code = grid[a_level][r_level]
                color = STRATEGY_COLORS.get(code, "#f0f0f0")
                ax.add_patch(Rectangle((edges[j], edges[i]), edges[j + 1] - edges[j], edges[i + 1] - edges[i],
                                       facecolor=color, edgecolor="white", linewidth=3, zorder=0))
                titles.append(ax.text(edges[j] + 0.06, edges[i + 1] - 0.06, _label("burnett.strategy", code, language),
                                      ha="left", va="top", fontsize=13, fontweight="bold", color="#404040",
                                      zorder=1, in_layout=False))
        x, y = scores["relationship"].to_numpy(), scores["attractiveness"].to_numpy()
        ax.scatter(x, y, s=areas, color=BUBBLE_COLOR, alpha=0.35, edgecolor="white", linewidth=0.8, clip_on=False,
                   zorder=2)
        # Highlighted account first, then the biggest bubbles, then by label: the same data, the same picture.
        names = [str(account) for account in matrix.index]
        order = sorted(range(len(names)), key=lambda k: (matrix.index[k] != highlight, -areas[k], names[k]))
        ax.add_artist(PointLabels(ax, np.column_stack([x, y]), names, radii=np.sqrt(areas) / 2, order=order,
                                  obstacles=titles, fontsize=10,
                                  color="#1a1a1a", zorder=3))
        if highlight is not None:
            ax.scatter([scores["relationship"][highlight]], [scores["attractiveness"][highlight]], s=900,
                       facecolor="none", edgecolor=ACCENT, linewidth=3, clip_on=False, zorder=4)
        ax.set(xlim=(1, 5), ylim=(1, 5))
        ax.set_aspect("equal")
        _bands(ax, cuts, language)
        ax.set_xlabel(text("burnett.relationship", language), fontsize=13)
        ax.set_ylabel(text("burnett.attractiveness", language), fontsize=13, labelpad=8)
        ax.set_title(text("burnett.title", language), fontsize=15, loc="left")
        if size is not None:
            ax.set_title(text("burnett.bubble_note", language), fontsize=11, loc="right", color="#525252")
    return ax


def _growth_cells(matrix: pd.DataFrame) -> pd.DataFrame:
    """The four cells of a growth matrix, indexed by (customers, products); refuses a partial matrix."""
    keys = list(zip(matrix["customers"], matrix["products"]))
    doubled = sorted({key for key in keys if keys.count(key) > 1})
    if doubled:
        raise ValueError(
            f"`matrix` has more than one row for the cell(s) {doubled} (customers, products). Pass the output "
            f"of crm.growth_matrix(...), one row per cell."
        )
    missing = [cell for cell, key in GROWTH_CELLS.items() if key not in keys]
    if missing:
        raise ValueError(
            f"`matrix` has no row for the cell(s) {missing} (it has {len(matrix)} row(s)). Pass the whole output "
            f"of crm.growth_matrix(...): it always has all four cells, empty ones with revenue 0."
        )
    require_numeric(matrix["revenue"], "revenue", "matrix")
    if not pd.api.types.is_numeric_dtype(matrix["share"]):  # NaN allowed: no revenue in the later period
        raise TypeError(f"Column 'share' of `matrix` must be numeric, but holds {examples(matrix['share'].tolist())}. "
                        f"Pass the output of crm.growth_matrix(...).")
    return matrix.set_index(["customers", "products"])


def growth_plot(matrix: pd.DataFrame, *, split=None, ax=None):
    """The customer growth matrix as a 2 x 2 of revenue, each cell with its name, revenue and share.

    ``matrix`` is the output of :func:`crm_course.models.growth.growth_matrix`; rows are
    customers (existing, new), columns products (existing, new), as in Ansoff's matrix.
    The date the later period starts goes into the title: ``matrix.attrs["split"]`` (set by
    growth_matrix), or ``split=`` to override; without either the title has no date.

    >>> import crm_course as crm
    >>> ax = growth_plot(crm.growth_matrix(crm.load_dataset("retail"), split="2024-01-01"), split="2024-01-01")
    >>> ax.get_title()
    'Customer growth matrix: revenue from 2024-01-01'
    """
    matrix = require_result(matrix, "matrix", "crm_course.growth_matrix(...)",
                            ("cell", "customers", "products", "revenue", "share"))
    cells = _growth_cells(matrix)
    split = parameter(matrix, "split", split, None)
    split = None if split is None else to_timestamp(split, "split").date().isoformat()
    with plot_style(ax) as (ax, language):
        groups = ["existing", "new"]
        revenue = pd.DataFrame([[cells.loc[(c, p), "revenue"] for p in groups] for c in groups], index=groups,
                               columns=groups, dtype=float)

        def note(c, p):
            share = cells.loc[(c, p), "share"]
            return (f"{_label('growth.cell', cells.loc[(c, p), 'cell'], language)}\n"
                    f"{cells.loc[(c, p), 'revenue']:,.0f}\n{'–' if pd.isna(share) else f'{share:.1%}'}")

        notes = [[note(c, p) for p in groups] for c in groups]
        names = [text(f"growth.group.{g}", language) for g in groups]
        sns.heatmap(revenue, annot=np.array(notes), fmt="", cmap="Blues", vmin=0, cbar=False, linewidths=3,
                    linecolor="white", annot_kws={"fontsize": 15}, xticklabels=names, yticklabels=names, ax=ax)
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        ax.tick_params(length=0, labelsize=13)
        ax.tick_params(axis="y", rotation=0)
        ax.set_xlabel(text("growth.products", language), fontsize=13)
        ax.set_ylabel(text("growth.customers", language), fontsize=13)
        title = (text("growth.title", language) if split is None
                 else text("growth.title_split", language, split=split))
        ax.set_title(title, fontsize=15, pad=12)
    return ax


def sensitivity_plot(sensitivity: pd.DataFrame, *, account, ax=None):
    """Horizontal bars: for one account, the weight change of each indicator that changes its level.

    ``sensitivity`` is the output of :func:`crm_course.models.scoring.weight_sensitivity`
    (accounts x indicators, signed weight changes, NaN where no weight in 0-1 changes the
    level). The smallest moves, the ones to watch, come first; increases blue, decreases orange.

    >>> import pandas as pd
    >>> from crm_course.models.scoring import weight_sensitivity
    >>> scores = pd.DataFrame({"volume": [5], "margin": [1]}, index=["K01"])
    >>> ax = sensitivity_plot(weight_sensitivity(scores, {"volume": 0.6, "margin": 0.4}), account="K01")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['volume', 'margin']
    """
    sensitivity = require_result(sensitivity, "sensitivity", "crm_course.models.scoring.weight_sensitivity(...)")
    require_highlight(account, sensitivity.index, "account")
    row = sensitivity.loc[account]
    if isinstance(row, pd.DataFrame):
        raise ValueError(f"`sensitivity` has {len(row)} rows for account {account!r}. Pass one row per account.")
    change = pd.to_numeric(row, errors="coerce")
    if (change.isna() & row.notna()).any():
        bad = row[change.isna() & row.notna()]
        raise TypeError(f"`sensitivity` must hold weight changes (numbers, NaN where none), but account {account!r} "
                        f"has {examples(bad.tolist())} for {examples(bad.index)}. "
                        f"Pass the output of weight_sensitivity.")
    change = change.astype(float)
    change = change.iloc[np.argsort(change.abs().fillna(np.inf).to_numpy(), kind="stable")]
    with plot_style(ax) as (ax, language):
        labels = [_label("burnett.indicator", code, language) for code in change.index]
        positions = np.arange(len(change))
        colors = ["#2171b5" if value > 0 else ACCENT for value in change.fillna(0)]
        ax.barh(positions, change.fillna(0), color=colors, height=0.7)
        reach = np.nanmax(np.abs(change.to_numpy())) if change.notna().any() else 1.0
        for y, value in zip(positions, change):
            if np.isnan(value):
                ax.text(0, y, " " + text("sensitivity.none", language), va="center", ha="left", fontsize=11,
                        color="#737373")
            else:
                ax.text(value, y, f" {value:+.3f} ", va="center", ha="left" if value > 0 else "right", fontsize=11)
        ax.axvline(0, color="#525252", linewidth=1)
        ax.set_xlim(-1.35 * reach, 1.35 * reach)
        ax.set_yticks(positions, labels=labels, fontsize=12)
        ax.invert_yaxis()
        ax.tick_params(axis="x", labelsize=11)
        ax.set_xlabel(text("sensitivity.xlabel", language), fontsize=12)
        ax.set_title(text("sensitivity.title", language, account=account), fontsize=14, loc="left")
    return ax


def relationship_plot(types: pd.DataFrame, *, threshold=None, ax=None):
    """The 2 x 2 of relationship strategy types with each entity placed by its two adaptation scores.

    ``types`` is the output of :func:`crm_course.models.relationships.relationship_types`;
    x is how much the customer adapts to the firm, y how much the firm adapts to the
    customer, both 1-5, split at ``threshold``: ``types.attrs["threshold"]`` when the model
    records it, else 3 (the model's default); pass the one you gave the model to override.

    >>> import pandas as pd
    >>> from crm_course.models.relationships import relationship_types
    >>> scores = pd.DataFrame({"firm_adaptation": [2, 5], "customer_adaptation": [5, 2]}, index=["a", "b"])
    >>> relationship_plot(relationship_types(scores)).get_xlabel()
    'Customer adapts to the firm'
    """
    types = require_result(types, "types", "crm_course.models.relationships.relationship_types(...)",
                           ("firm_adaptation", "customer_adaptation"))
    threshold = float(require_number(parameter(types, "threshold", threshold, 3), "threshold", low=1, high=5))
    for argument, column in (("firm", "firm_adaptation"), ("customer", "customer_adaptation")):
        values = require_numeric(types[column], argument, "types")
        off = values[(values < 1) | (values > 5) | values.isna()]
        if len(off):
            raise ValueError(
                f"Column {column!r} of `types` must hold scores from 1 to 5, but row(s) {examples(off.index)} "
                f"have {examples(off.tolist())}. Fix the scores or pass the output of relationship_types(...)."
            )
    with plot_style(ax) as (ax, language):
        titles = []
        for (firm_high, customer_high), code in RELATIONSHIP_TYPES.items():
            x0, x1 = (threshold, 5) if customer_high else (1, threshold)
            y0, y1 = (threshold, 5) if firm_high else (1, threshold)
            ax.add_patch(Rectangle((x0, y0), x1 - x0, y1 - y0, facecolor=TYPE_COLORS[code], edgecolor="white",
                                   linewidth=3, zorder=0))
            titles.append(ax.text((x0 + x1) / 2, y1 - 0.1, _label("relationship.type", code, language),
                                  ha="center", va="top", fontsize=14, fontweight="bold", color="#404040", zorder=1))
        x, y = types["customer_adaptation"].to_numpy(float), types["firm_adaptation"].to_numpy(float)
        ax.scatter(x, y, s=90, color=BUBBLE_COLOR, alpha=0.8, clip_on=False, zorder=2)
        names = [str(name) for name in types.index]
        ax.add_artist(PointLabels(ax, np.column_stack([x, y]), names, radii=np.sqrt(90) / 2, obstacles=titles,
                                  fontsize=11,
                                  order=sorted(range(len(names)), key=names.__getitem__), zorder=3))
        ax.set(xlim=(1, 5), ylim=(1, 5))
        ax.set_aspect("equal")
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.tick_params(labelsize=11)
        ax.set_xlabel(text("relationship.customer_adaptation", language), fontsize=13)
        ax.set_ylabel(text("relationship.firm_adaptation", language), fontsize=13)
        ax.set_title(text("relationship.title", language), fontsize=15)
    return ax
