"""Plots of the lifecycle chapter's models: stages, stage transitions, cohorts, retention
projections, survival, migration-model values and the win-back plan.

Each takes a model's output (whose ``attrs`` carry the parameters for the titles) and ``ax=None``,
and returns the Axes; none recomputes a model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt
from matplotlib.collections import PolyCollection
from matplotlib.ticker import PercentFormatter, StrMethodFormatter

from .._validation import require_columns, require_frame
from ..i18n import text
from ..models.lifecycle import STAGES
from ._style import plot_style

__all__ = [
    "STAGE_COLORS",
    "stage_bar",
    "transition_heatmap",
    "cohort_heatmap",
    "retention_projection_plot",
    "survival_plot",
    "migration_values_plot",
    "winback_plot",
]

STAGE_COLORS = dict(zip(STAGES, ["#f0f0f0", "#d9d9d9", "#bdbdbd", "#9ecae1", "#4292c6", "#08519c", "#e6550d"]))
ACTUAL, SBG, GEOMETRIC = "#252525", "#08519c", "#d94801"


def _stage(code: str, language: str) -> str:
    return text(f"lifecycle.stage.{code}", language)


def stage_bar(stages: pd.Series, *, ax=None):
    """Horizontal bars: customers per lifecycle stage (stages without customers are left out),
    titled with the ``as_of`` date and thresholds of ``stages.attrs``.

    >>> import crm_course as crm
    >>> stage_bar(crm.lifecycle_stages(crm.load_dataset("retail"))).get_xlabel()
    'Number of customers'
    """
    with plot_style(ax) as (ax, language):
        counts = pd.Series(stages).value_counts().reindex(STAGES, fill_value=0)
        counts = counts[counts > 0]
        positions = np.arange(len(counts))  # matplotlib's own bars: seaborn's barplot costs a third of a redraw
        ax.barh(positions, counts.to_numpy(), height=0.8, color=[STAGE_COLORS[c] for c in counts.index],
                edgecolor="#636363")
        ax.set_yticks(positions, [_stage(code, language) for code in counts.index])
        ax.set_ylim(len(counts) - 0.5, -0.5)  # the first stage on top
        for y, n in zip(positions, counts):
            ax.text(n, y, f" {n:,}", va="center", fontsize=12)
        ax.set_xlabel(text("lifecycle.customers", language))
        ax.set_ylabel(text("lifecycle.stage", language))
        attrs = stages.attrs
        if {"as_of", "lapsed_after", "loyal_from"} <= attrs.keys():
            ax.set_title(text("lifecycle.stages_title", language, as_of=f"{attrs['as_of']:%Y-%m-%d}",
                              lapsed_after=attrs["lapsed_after"], loyal_from=attrs["loyal_from"]))
        ax.margins(x=0.15)
        return ax


def transition_heatmap(table: pd.DataFrame, *, ax=None):
    """Stage at start (rows) x stage at end (columns) from :func:`crm.stage_transitions`, with
    the rows and columns that hold customers; counts as whole numbers, shares as percentages.

    >>> import crm_course as crm
    >>> tx = crm.load_dataset("retail")
    >>> ax = transition_heatmap(crm.stage_transitions(tx, start="2023-12-31", end="2024-12-31"))
    >>> ax.get_ylabel()
    'Stage at start'
    """
    with plot_style(ax) as (ax, language):
        require_frame(table, "table")
        shown = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
        shares = bool(table.attrs.get("normalize"))
        sns.heatmap(shown, annot=True, fmt=".0%" if shares else ",d", cmap="Blues", cbar=False, linewidths=0.5,
                    linecolor="white", ax=ax,
                    xticklabels=[_stage(c, language) for c in shown.columns],
                    yticklabels=[_stage(c, language) for c in shown.index])
        ax.set_xlabel(text("lifecycle.end", language))
        ax.set_ylabel(text("lifecycle.start", language))
        if {"start", "end"} <= table.attrs.keys():
            ax.set_title(text("lifecycle.transitions_title", language, start=f"{table.attrs['start']:%Y-%m-%d}",
                              end=f"{table.attrs['end']:%Y-%m-%d}"))
        ax.tick_params(axis="x", rotation=30)
        ax.tick_params(axis="y", rotation=0)
        return ax


def cohort_heatmap(table: pd.DataFrame, *, ax=None):
    """Acquisition cohort (rows) x periods since acquisition (columns) from :func:`crm.cohort_table`;
    shares as percentages, counts and revenue as whole numbers; empty cells after the data. Up to
    16 periods every cell is annotated (and no colour bar is drawn); wider tables get a colour bar.

    >>> import crm_course as crm
    >>> tx = crm.load_dataset("online_retail")
    >>> cohort_heatmap(crm.cohort_table(tx[~tx["cancelled"]], metric="share")).get_ylabel()
    'Acquisition cohort (first purchase)'
    """
    with plot_style(ax) as (ax, language):
        require_frame(table, "table")
        metric, period = table.attrs.get("metric", "customers"), table.attrs.get("period", "M")
        share = metric == "share"
        big = len(table.columns) <= 16
        values = table.to_numpy(dtype=float)
        observed = values[~np.isnan(values)]
        # period 0 of a share table is always 100%: the colours span the later periods
        vmax = np.nanmax(values[:, 1:]) if share and values.shape[1] > 1 and np.isfinite(values[:, 1:]).any() else None
        mesh = ax.pcolormesh(np.ma.masked_invalid(values), cmap="Blues", vmin=observed.min() if observed.size else None,
                             vmax=vmax, edgecolors="white", linewidth=0.5)
        ax.set_xlim(0, values.shape[1])
        ax.set_ylim(values.shape[0], 0)
        if big:  # every cell says its value (drawn by hand: a third cheaper than seaborn's annotations)
            rgba = mesh.cmap(mesh.norm(values))
            light = rgba[..., :3] @ np.array([0.299, 0.587, 0.114]) > 0.408
            form = "{:.0%}" if share else "{:,.0f}"
            for (r, c), v in np.ndenumerate(values):
                if not np.isnan(v):
                    ax.text(c + 0.5, r + 0.5, form.format(v), ha="center", va="center", fontsize=9,
                            color="#262626" if light[r, c] else "white")
        else:  # too many cells to read: a colour bar instead
            ax.figure.colorbar(mesh, ax=ax, label=text(f"cohort.metric.{metric}", language),
                               format=PercentFormatter(1.0, decimals=0) if share else StrMethodFormatter("{x:,.0f}"))
        ax.set_xticks(np.arange(values.shape[1]) + 0.5, [str(c) for c in table.columns])
        ax.set_yticks(np.arange(values.shape[0]) + 0.5, [str(c) for c in table.index])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.tick_params(axis="y", rotation=0)
        unit = text(f"cohort.period.{period}", language)
        ax.set_xlabel(f"{text('cohort.period', language)} ({unit})")
        ax.set_ylabel(text("cohort.cohort", language))
        ax.set_title(text(f"cohort.metric.{metric}", language))
        return ax


def retention_projection_plot(table: pd.DataFrame, *, ax=None):
    """Actual survivors (points) against the sBG projection and the constant-retention benchmark,
    from :func:`crm.retention_projection`; the calibration periods are shaded.

    >>> import crm_course as crm
    >>> table = crm.retention_projection([1000, 869, 743, 653, 593, 551, 517, 491], calibration=4)
    >>> len(retention_projection_plot(table, ax=plt.figure().gca()).get_lines())
    3
    """
    with plot_style(ax) as (ax, language):
        require_columns(table, {c: c for c in ("actual", "sbg", "geometric", "calibration")}, "table")
        last_calibrated = table.index[table["calibration"]].max()
        ax.axvspan(table.index.min(), last_calibrated, color="#f0f0f0", zorder=0,
                   label=f"{text('retention.calibration', language)}: {last_calibrated}")
        ax.plot(table.index, table["actual"], "o", color=ACTUAL, label=text("retention.actual", language))
        ax.plot(table.index, table["sbg"], color=SBG, linewidth=2.5, label=text("retention.sbg", language))
        ax.plot(table.index, table["geometric"], color=GEOMETRIC, linewidth=2, linestyle="--",
                label=text("retention.geometric", language))
        ax.set_xlabel(text("cohort.period", language))
        ax.set_ylabel(text("retention.survivors", language))
        ax.set_ylim(bottom=0)
        ax.legend(frameon=False)
        return ax


def survival_plot(km: pd.DataFrame, *, ax=None):
    """Kaplan-Meier survival of customer lifetimes from :func:`crm.kaplan_meier`, a step curve
    with its 95% band.

    >>> import crm_course as crm
    >>> survival_plot(crm.kaplan_meier(crm.load_dataset("retail"), unit="W"), ax=plt.figure().gca()).get_ylabel()
    'Survival (share still a customer)'
    """
    with plot_style(ax) as (ax, language):
        require_columns(km, {c: c for c in ("survival", "lower", "upper")}, "km")
        times = np.concatenate([[0.0], km.index.to_numpy(dtype=float)])
        survival = np.concatenate([[1.0], km["survival"].to_numpy()])
        ax.fill_between(times, np.concatenate([[1.0], km["lower"]]), np.concatenate([[1.0], km["upper"]]),
                        step="post", color="#c6dbef", linewidth=0)
        ax.step(times, survival, where="post", color=SBG, linewidth=2.5)
        unit = text(f"retention.unit.{km.attrs.get('unit', 'D')}", language)
        ax.set_xlabel(f"{text('retention.time', language)} ({unit})")
        ax.set_ylabel(text("retention.survival", language))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.set_ylim(0, 1.02)
        ax.set_title(text("retention.kaplan_meier", language))
        return ax


def migration_values_plot(model, *, ax=None):
    """Bars: the value of a customer in each state of a migration model (negative ones orange).

    >>> import crm_course as crm
    >>> model = crm.migration_model([0.3, 0.2, 0.15, 0.05, 0.0], margin=40, cost=4, discount=0.2)
    >>> migration_values_plot(model).get_xlabel()
    'Periods since last purchase'
    """
    with plot_style(ax) as (ax, language):
        values = model.values
        colors = [SBG if v >= 0 else GEOMETRIC for v in values]
        ax.bar([str(s) for s in values.index], values.to_numpy(), color=colors, edgecolor="#636363")
        for x, v in enumerate(values):
            ax.text(x, v, f"{v:,.2f}", ha="center", va="bottom" if v >= 0 else "top", fontsize=11)
        ax.axhline(0, color="#636363", linewidth=1)
        ax.set_xlabel(text("migration.state", language))
        ax.set_ylabel(text("migration.value", language))
        ax.margins(y=0.15)
        return ax


def winback_plot(plan: pd.DataFrame, *, top: int = 50, ax=None):
    """The ``top`` lost customers by worth from :func:`crm.winback_priority`, contacted ones dark,
    with the contact cost as a line: contact where the bar is above it and the budget lasts.

    >>> import crm_course as crm
    >>> winback_plot(crm.winback_priority(crm.load_dataset("retail"), budget=100, contact_cost=20)).get_ylabel()
    'Worth winning back'
    """
    with plot_style(ax) as (ax, language):
        require_columns(plan, {c: c for c in ("worth", "contact", "rank")}, "plan")
        shown = plan.sort_values("rank").head(top)
        colors = np.where(shown["contact"], SBG, "#c6dbef")
        # one collection of bars: ax.bar adds a patch per bar, which costs a third of a redraw at 50 bars
        x, worth = np.arange(1, len(shown) + 1), shown["worth"].to_numpy(dtype=float)
        left, right, ground = x - 0.425, x + 0.425, np.zeros(len(x))
        bars = PolyCollection(np.stack([np.column_stack(corner) for corner in
                                        ((left, ground), (left, worth), (right, worth), (right, ground))], axis=1),
                              facecolors=colors, linewidths=0)
        bars.sticky_edges.y.append(0)
        ax.add_collection(bars)
        ax.autoscale_view()
        if "contact_cost" in plan.attrs:
            ax.axhline(plan.attrs["contact_cost"], color=GEOMETRIC, linestyle="--", linewidth=1.5)
        ax.set_xlabel(text("winback.rank", language))
        ax.set_ylabel(text("winback.worth", language))
        if {"contacted", "worth_contacted", "budget"} <= plan.attrs.keys():
            ax.set_title(text("winback.title", language, contacted=plan.attrs["contacted"], lost=len(plan),
                              budget=plan.attrs["budget"], worth=plan.attrs["worth_contacted"]))
        return ax
