"""Plots of the customer value models: Pareto curve with ABC classes, RFM segments, R x F cells,
CLV sensitivity and the BG/NBD model's P(alive)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.patches import Patch
from matplotlib.ticker import PercentFormatter

from .._validation import examples, require_number, require_numeric
from ..i18n import text
from ._checks import parameter, require_result
from ._style import plot_style

__all__ = ["pareto_chart", "segment_bars", "rf_heatmap", "clv_sensitivity_plot", "p_alive_heatmap"]

ABC_COLORS = {"A": "#9ecae1", "B": "#c6dbef", "C": "#eff3ff"}
SHARE_COLORS = ["#9ecae1", "#08519c"]  # customers (light), revenue (dark)


def _label(prefix: str, code, language: str) -> str:
    """The translated label of a code, or the code itself when the kit has no string for it."""
    try:
        return text(f"{prefix}.{code}", language)
    except LookupError:
        return str(code)


def segment_label(code, language: str | None = None) -> str:
    """The name of a segment: the default map's (segment.*), the value tiers' or the code itself."""
    for prefix in ("segment", "valueview.segment"):
        try:
            return text(f"{prefix}.{code}", language)
        except LookupError:
            pass
    return str(code)


def _segment_codes(segments: pd.DataFrame) -> list:
    """The segments in the rules' order: the categories, ``attrs["rules"]``, else sorted."""
    segment = segments["segment"]
    if segment.isna().any():
        raise ValueError(
            f"Column 'segment' of `segments` is missing for row(s) {examples(segments.index[segment.isna()])}. "
            f"Give every customer a segment (rfm_segments' rules cover every R x F cell)."
        )
    if isinstance(segment.dtype, pd.CategoricalDtype):
        return list(segment.cat.categories)
    rules = segments.attrs.get("rules")
    if rules is not None:
        listed = list(dict.fromkeys(pd.DataFrame(rules)["segment"]))
        return listed + sorted(set(segment) - set(listed), key=str)
    return sorted(segment.unique(), key=str)


def pareto_chart(abc: pd.DataFrame, *, ax=None):
    """The Pareto curve (二八法则) with the A, B and C classes as bands and the top 20% marked.

    ``abc`` is the output of :func:`crm_course.models.segmentation.abc_classes`. x is the
    share of customers ranked from the largest value down, y the cumulative share of value;
    each band says which share of customers and of value its class holds; the legend sits
    below the plot and, when ``abc.attrs["cuts"]`` is set (abc_classes sets it), names the cuts.

    >>> import pandas as pd
    >>> from crm_course.models.segmentation import abc_classes
    >>> abc = abc_classes(pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0}))
    >>> pareto_chart(abc).get_ylabel()
    'Cumulative share of value'
    """
    abc = require_result(abc, "abc", "crm_course.abc_classes(...)", ("rank", "share", "cumulative_share", "class"))
    for column in ("rank", "share", "cumulative_share"):
        require_numeric(abc[column], column, "abc")
    if abc["class"].isna().any():
        raise ValueError(f"Column 'class' of `abc` has missing classes at row(s) "
                         f"{examples(abc.index[abc['class'].isna()])}. Pass the output of crm.abc_classes(...).")
    cuts = abc.attrs.get("cuts")
    with plot_style(ax) as (ax, language):
        ranked = abc.sort_values("rank")
        n = len(ranked)
        x = np.arange(n + 1) / n
        y = np.concatenate([[0.0], ranked["cumulative_share"].to_numpy()])

        start, centres, names, handles = 0.0, [], [], []
        for code, members in ranked.groupby("class", observed=True, sort=True):
            end = start + len(members) / n
            color = ABC_COLORS.get(code, "#f0f0f0")
            ax.axvspan(start, end, color=color, linewidth=0, zorder=0)
            centres.append((start + end) / 2)
            names.append(str(code))
            band = text("valueview.pareto.band", language, name=_label("abc", code, language),
                        customers=len(members) / n, value=members["share"].sum())
            handles.append(Patch(facecolor=color, edgecolor="#4292c6", label=band))
            start = end
        classes = ax.secondary_xaxis("top")
        classes.set_xticks(centres, labels=names)
        classes.tick_params(length=0, labelsize=16)
        ax.plot(x, y, color="#08519c", linewidth=3, zorder=2)

        top20 = np.interp(0.2, x, y)
        ax.plot([0.2, 0.2, 0.0], [0.0, top20, top20], color="#d94801", linestyle="--", linewidth=1.5, zorder=1)
        ax.scatter([0.2], [top20], s=60, color="#d94801", zorder=4)
        ax.annotate(text("valueview.pareto.top20", language, share=top20), (0.2, top20), xytext=(12, -8),
                    textcoords="offset points", ha="left", va="top", fontsize=12, color="#a63603", zorder=4)

        title = None if cuts is None else text("valueview.pareto.cuts", language, a=cuts[0], b=cuts[1])
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.14), fontsize=12, frameon=False,
                  title=title, title_fontsize=12, alignment="left", borderaxespad=0)
        ax.set(xlim=(0, 1), ylim=(0, 1.02))
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.tick_params(labelsize=11)
        ax.set_xlabel(text("pareto.customer_share", language), fontsize=13)
        ax.set_ylabel(text("pareto.value_share", language), fontsize=13)
        ax.set_title(text("valueview.pareto.title", language), fontsize=15, loc="left", pad=10)
    return ax


def segment_bars(segments: pd.DataFrame, *, ax=None):
    """Paired bars for every RFM segment: its share of the customers and its share of the revenue.

    ``segments`` is the output of :func:`crm_course.models.segmentation.rfm_segments` (it
    has ``segment`` and ``monetary``). Segments keep the order of the rules (a categorical
    ``segment``, or ``segments.attrs["rules"]``), empty ones included; each customers bar also
    shows the count.

    >>> import pandas as pd
    >>> from crm_course.models.segmentation import rfm_segments
    >>> scores = pd.DataFrame({"R": [5, 4, 3, 2, 1, 5], "F": [5, 4, 3, 2, 1, 1],
    ...                        "monetary": [500.0, 300.0, 80.0, 40.0, 20.0, 60.0]})
    >>> [t.get_text() for t in segment_bars(rfm_segments(scores)).get_yticklabels()][:2]
    ['Champions', 'Loyal customers']
    """
    segments = require_result(segments, "segments", "crm_course.rfm_segments(...)", ("segment", "monetary"))
    codes = _segment_codes(segments)
    segments = segments.copy(deep=False)  # without attrs: pandas deep-copies them (the rules) at every step
    segments.attrs = {}
    segment = segments["segment"]
    monetary = require_numeric(segments["monetary"], "monetary", "segments")
    counts = segment.value_counts().reindex(codes, fill_value=0)
    revenue = monetary.groupby(segment, observed=False).sum().reindex(codes, fill_value=0)
    if revenue.sum() <= 0:
        raise ValueError(f"Column 'monetary' of `segments` adds up to {float(revenue.sum()):g}, so no segment has "
                         f"a share "
                         f"of the revenue. Pass the customers' spend (monetary > 0 for some).")
    shares = {"customers": counts / counts.sum(), "revenue": revenue / revenue.sum()}
    with plot_style(ax) as (ax, language):

        labels = [segment_label(code, language) for code in codes]
        positions = np.arange(len(codes))
        height = 0.4
        for offset, (measure, share), color in zip((-height / 2, height / 2), shares.items(), SHARE_COLORS):
            bars = ax.barh(positions + offset, share.to_numpy(), height=height, color=color,
                           label=text(f"valueview.segments.{measure}", language))
            notes = ([f"{c:,} ({s:.0%})" for c, s in zip(counts, share)] if measure == "customers"
                     else [f"{s:.0%}" for s in share])
            ax.bar_label(bars, labels=notes, padding=3, fontsize=11)
        ax.set_yticks(positions, labels=labels, fontsize=12)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlim(min(0.0, *shares["revenue"]) * 1.2, max(max(s.max() for s in shares.values()) * 1.3, 0.05))
        ax.tick_params(axis="x", labelsize=11)
        ax.set_xlabel(text("valueview.segments.xlabel", language), fontsize=12)
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, fontsize=12, frameon=False, borderaxespad=0.2)
        ax.set_title(text("valueview.segments.title", language), fontsize=15, loc="left", pad=30)
    return ax


def rf_heatmap(scores: pd.DataFrame, *, bins: int | None = None, ax=None):
    """How many customers fall in each R x F cell: R rows from best (top) to 1, F columns from 1.

    ``scores`` is the output of :func:`crm_course.models.segmentation.rfm_scores`. The grid
    has the scores' scale, ``scores.attrs["bins"]`` (set by rfm_scores); ``bins=`` overrides
    it, and a frame without either gets the highest R or F score present. Empty cells show
    as 0 -- e.g. the F columns left unused when many customers buy once.

    >>> import pandas as pd
    >>> from matplotlib import pyplot as plt
    >>> scores = pd.DataFrame({"R": [5, 4, 3, 2, 1, 5], "F": [5, 4, 3, 2, 1, 1]})
    >>> ax = rf_heatmap(scores, ax=plt.figure().gca())
    >>> [t.get_text() for t in ax.texts[:5]]  # the top row: R = 5, F = 1 .. 5
    ['1', '0', '0', '0', '1']
    """
    scores = require_result(scores, "scores", "crm_course.rfm_scores(...)", ("R", "F"))
    values = {column: require_numeric(scores[column], column.lower(), "scores") for column in ("R", "F")}
    bins = parameter(scores, "bins", bins, None)
    if bins is None:
        bins = int(max(values["R"].max(), values["F"].max()))
    bins = int(require_number(bins, "bins", low=1, high=9, integer=True))
    for column, score in values.items():
        off = score[(score != score.round()) | (score < 1) | (score > bins)]
        if len(off):
            raise ValueError(
                f"Column {column!r} of `scores` must hold whole scores from 1 to bins={bins}, but has "
                f"{examples(scores.loc[off.index, column].tolist())} at row(s) {examples(off.index)}. "
                f"Pass bins= as given to rfm_scores."
            )
    with plot_style(ax) as (ax, language):
        counts = pd.crosstab(values["R"].astype(int), values["F"].astype(int)).reindex(
            index=range(bins, 0, -1), columns=range(1, bins + 1), fill_value=0)
        sns.heatmap(counts, annot=True, fmt=",d", cmap="Blues", cbar=False, linewidths=2, linecolor="white",
                    annot_kws={"fontsize": 14 if bins <= 6 else 12}, ax=ax)
        ax.tick_params(length=0, labelsize=12)
        ax.tick_params(axis="y", rotation=0)
        ax.set_xlabel(text("valueview.heatmap.xlabel", language, bins=bins), fontsize=12)
        ax.set_ylabel(text("valueview.heatmap.ylabel", language, bins=bins), fontsize=12)
        ax.set_title(text("valueview.heatmap.title", language), fontsize=15, loc="left")
    return ax


def _clv_subtitle(table: pd.DataFrame, language: str) -> str | None:
    """Margin, horizon and cost of a clv_sensitivity table (kept in its attrs), or None."""
    inputs = table.attrs
    if "margin" not in inputs:
        return None
    horizon = (text("valueview.clv.unlimited", language) if inputs.get("horizon") is None
               else text("valueview.clv.periods", language, horizon=inputs["horizon"]))
    cost = inputs.get("acquisition_cost", 0)
    if cost:
        return text("valueview.clv.subtitle_cost", language, margin=inputs["margin"], horizon=horizon, cost=cost)
    return text("valueview.clv.subtitle", language, margin=inputs["margin"], horizon=horizon)


def _clv_point(highlight, rates: np.ndarray) -> dict:
    """The highlighted customer: retention and clv numbers, and a discount among the table's rates or None."""
    if not isinstance(highlight, (Mapping, pd.Series)):
        raise TypeError(
            f"`highlight` must be a dict or Series with 'retention' and 'clv' (and optionally 'discount'), "
            f"e.g. one row of the table (table.iloc[4]), but a {type(highlight).__name__} was passed: {highlight!r}."
        )
    missing = [key for key in ("retention", "clv") if key not in highlight]
    if missing:
        raise ValueError(
            f"`highlight` has no {missing}: it has {list(highlight.keys())}. Pass e.g. one row of the table "
            f"(table.iloc[4]) or dict(retention=0.7, clv=175.0)."
        )
    point = {key: require_number(highlight[key], f"highlight[{key!r}]") for key in ("retention", "clv")}
    discount = highlight.get("discount")
    if discount is not None:
        discount = require_number(discount, "highlight['discount']")
        if not np.isclose(rates, discount).any():
            raise ValueError(
                f"`highlight['discount']` must be one of the table's discount rates {rates.tolist()}, but "
                f"{discount!r} was passed. Pick a row of the table, or leave 'discount' out."
            )
    point["discount"] = discount
    return point


def clv_sensitivity_plot(table: pd.DataFrame, *, highlight=None, ax=None):
    """CLV against the retention rate, one line per discount rate: how fast value grows with retention.

    ``table`` is the output of :func:`crm_course.models.value.clv_sensitivity` (columns
    ``retention``, ``discount``, ``clv``). ``highlight`` (a dict or Series with
    ``retention``, ``clv`` and optionally ``discount``, e.g. one row of the table) marks one
    customer on the curves and draws the line of its discount rate thicker.

    >>> from crm_course.models.value import clv_sensitivity
    >>> table = clv_sensitivity(margin=100, retention=[0.5, 0.7, 0.9], discount=[0.05, 0.1])
    >>> clv_sensitivity_plot(table).get_xlabel()
    'Retention rate'
    """
    table = require_result(table, "table", "crm_course.clv_sensitivity(...)", ("retention", "discount", "clv"))
    for column in ("retention", "discount", "clv"):
        require_numeric(table[column], column, "table")
    rates = np.sort(table["discount"].unique())
    point = None if highlight is None else _clv_point(highlight, rates)
    with plot_style(ax) as (ax, language):
        palette = sns.color_palette("crest", len(rates))
        for rate, color in zip(rates, palette):
            line = table[table["discount"] == rate].sort_values("retention")
            thick = point is not None and point["discount"] is not None and np.isclose(rate, point["discount"])
            ax.plot(line["retention"], line["clv"], color=color, linewidth=4 if thick else 2,
                    marker="o" if len(line) <= 20 else None, label=text("valueview.clv.line", language, rate=rate))
        if (table["clv"] < 0).any():
            ax.axhline(0, color="#525252", linewidth=1)
        if point is not None:
            x, y = point["retention"], point["clv"]
            right_half = x > table["retention"].mean()
            ax.scatter([x], [y], s=140, color="#e6550d", edgecolor="white", linewidth=1.5, zorder=5)
            ax.annotate(text("valueview.clv.point", language, clv=y), (x, y), xytext=(-10 if right_half else 10, 10),
                        textcoords="offset points", ha="right" if right_half else "left", va="bottom", fontsize=13,
                        fontweight="bold", color="#a63603", zorder=6,
                        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 2})
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.tick_params(labelsize=11)
        ax.set_xlabel(text("clv.retention", language), fontsize=13)
        ax.set_ylabel(text("clv.value", language), fontsize=13)
        ax.legend(title=text("clv.discount", language), loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=12,
                  title_fontsize=12, frameon=False, borderaxespad=0)
        subtitle = _clv_subtitle(table, language)
        ax.set_title(text("valueview.clv.title", language), fontsize=15, loc="left", pad=24 if subtitle else 6)
        if subtitle:
            ax.text(0, 1.015, subtitle, transform=ax.transAxes, ha="left", va="bottom", fontsize=11, color="#525252")
    return ax


def p_alive_heatmap(grid: pd.DataFrame, *, ax=None):
    """P(alive) for every purchase history of customers of one age: a frequency x recency heatmap.

    ``grid`` is the output of :func:`crm_course.models.btyd.p_alive_grid`. Rows are repeat
    purchases (most at the top), columns the time of the last purchase; on the colour-blind
    safe viridis scale dark purple is probably gone, yellow probably still a customer. Grids
    up to 16 x 16 show each number, larger ones a colour bar. The title and the time unit come
    from ``grid.attrs`` ("T", "unit"), set by p_alive_grid.

    >>> from crm_course.models.btyd import BGNBD, p_alive_grid
    >>> model = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357, unit="W")
    >>> p_alive_heatmap(p_alive_grid(model, T=39, max_frequency=3, recency_step=13)).get_ylabel()
    'Repeat purchases (frequency)'
    """
    if not isinstance(grid, pd.DataFrame) or grid.index.name != "frequency" or grid.columns.name != "recency":
        raise TypeError("`grid` must be the table of crm_course.models.btyd.p_alive_grid(model, T=...).")
    values = grid.apply(pd.to_numeric, errors="coerce")
    off = values.stack(future_stack=True)
    off = off[~off.between(0, 1)]
    if len(off):
        raise ValueError(f"`grid` must hold probabilities from 0 to 1, but has {examples(off.tolist())} at "
                         f"(frequency, recency) {examples(off.index)}. Pass the output of p_alive_grid(...).")
    with plot_style(ax) as (ax, language):
        rows = grid.sort_index(ascending=False)
        annotated = max(rows.shape) <= 16  # up to 16 x 16 cells each shows its number; more get a colour bar
        sns.heatmap(rows, annot=annotated, fmt=".2f", cmap="viridis", vmin=0, vmax=1, linewidths=0.5,
                    linecolor="white", annot_kws={"fontsize": 11 if max(rows.shape) <= 10 else 10},
                    xticklabels=[f"{r:g}" for r in rows.columns], yticklabels=list(rows.index), cbar=not annotated,
                    cbar_kws={"label": text("valueview.palive.colorbar", language)}, ax=ax)
        ax.tick_params(length=0, labelsize=11)
        ax.tick_params(axis="y", rotation=0)
        ax.tick_params(axis="x", rotation=0)
        unit = _label("valueview.unit", grid.attrs.get("unit"), language) if grid.attrs.get("unit") else ""
        ax.set_xlabel(text("valueview.palive.xlabel", language, unit=unit), fontsize=12)
        ax.set_ylabel(text("valueview.palive.ylabel", language), fontsize=12)
        if "T" in grid.attrs:
            ax.set_title(text("valueview.palive.title", language, T=grid.attrs["T"], unit=unit), fontsize=14,
                         loc="left")
    return ax
