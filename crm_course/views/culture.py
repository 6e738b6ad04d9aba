"""Plots of the culture chapter: the five-gap model, SERVQUAL gaps, the satisfaction trap, NPS, the self-audit."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib import pyplot as plt
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import PercentFormatter

from .._validation import require_columns, require_frame
from ..i18n import text
from ._style import plot_style

__all__ = ["gap_model_diagram", "servqual_gap_bars", "satisfaction_trap_chart", "trap_benchmarks_chart",
           "nps_bar", "audit_profile"]

NEGATIVE_COLOR, POSITIVE_COLOR, PRIORITY_COLOR = "#de7b6d", "#6baed6", "#a50f15"
SATISFIED_COLOR, UNSATISFIED_COLOR = "#2171b5", "#bdbdbd"
NPS_COLORS = {"detractors": "#de7b6d", "passives": "#d9d9d9", "promoters": "#41ab5d"}
CUSTOMER_FILL, FIRM_FILL, GAP_COLOR = "#deebf7", "#fee6ce", "#a50f15"

# The boxes of the GAP model (Parasuraman, Zeithaml & Berry 1985): code -> (x, y) centre, side.
GAP_MODEL_BOXES = {
    "word_of_mouth": (1.6, 11.0, "customer"),
    "personal_needs": (5.0, 11.0, "customer"),
    "past_experience": (8.4, 11.0, "customer"),
    "expected_service": (5.0, 9.0, "customer"),
    "perceived_service": (5.0, 7.0, "customer"),
    "service_delivery": (5.0, 4.8, "firm"),
    "external_communications": (8.9, 4.8, "firm"),
    "specifications": (5.0, 2.9, "firm"),
    "management_perceptions": (5.0, 1.0, "firm"),
}
BOX_WIDTH, BOX_HEIGHT = 3.1, 1.0


def _label(prefix: str, code, language: str) -> str:
    """The translated label of a code, or the code itself when the kit has no string for it."""
    try:
        return text(f"{prefix}.{code}", language)
    except LookupError:
        return str(code)


def gap_model_diagram(*, ax=None):
    """The service-quality GAP model (GAP模型): the customer above the line, the firm below, gaps 1-5.

    Gap 5, between expected and perceived service, is what SERVQUAL measures; it is the
    sum of the firm's gaps 1-4 (knowledge, standards, delivery, communication).

    >>> ax = gap_model_diagram(ax=plt.figure(figsize=(9, 8)).gca())
    >>> sum("Gap" in t.get_text() for t in ax.texts)
    5
    """
    with plot_style(ax) as (ax, language):
        for code, (x, y, side) in GAP_MODEL_BOXES.items():
            fill = CUSTOMER_FILL if side == "customer" else FIRM_FILL
            ax.add_patch(FancyBboxPatch((x - BOX_WIDTH / 2, y - BOX_HEIGHT / 2), BOX_WIDTH, BOX_HEIGHT,
                                        boxstyle="round,pad=0.05", facecolor=fill, edgecolor="#636363", linewidth=1.2))
            ax.text(x, y, text(f"gapmodel.{code}", language), ha="center", va="center", fontsize=10)

        def arrow(start, end, *, dashed=False, both=False, color="#525252"):
            ax.annotate("", xy=end, xytext=start, arrowprops=dict(
                arrowstyle="<|-|>" if both else "-|>", color=color, linewidth=1.4 if not dashed else 1.6,
                linestyle="--" if dashed else "-", shrinkA=0, shrinkB=0, mutation_scale=14))

        half = BOX_HEIGHT / 2
        for source in ("word_of_mouth", "personal_needs", "past_experience"):
            x, y, _ = GAP_MODEL_BOXES[source]
            arrow((x, y - half), (5.0 + (x - 5.0) * 0.3, 9.0 + half))
        arrow((5.0, 4.8 + half), (5.0, 7.0 - half))  # delivery -> perceived service
        arrow((5.0, 2.9 + half), (5.0, 4.8 - half))  # specifications -> delivery
        arrow((5.0, 1.0 + half), (5.0, 2.9 - half))  # management perceptions -> specifications
        # external communications -> expectations, up the right side
        ax.plot([9.9, 9.9, 5.0 + BOX_WIDTH / 2 + 0.3], [4.8 + half, 9.0, 9.0], color="#525252", linewidth=1.4)
        arrow((5.0 + BOX_WIDTH / 2 + 0.3, 9.0), (5.0 + BOX_WIDTH / 2, 9.0))
        # expectations -> management perceptions, down the left side
        ax.plot([5.0 - BOX_WIDTH / 2, 1.0, 1.0], [9.0, 9.0, 1.0], color="#525252", linewidth=1.4)
        arrow((1.0, 1.0), (5.0 - BOX_WIDTH / 2, 1.0))

        # The gaps: dashed double arrows, labelled.
        gaps = {
            "gap5": ((6.9, 9.0 - half), (6.9, 7.0 + half), (7.05, 8.0), 0),
            "gap1": ((0.4, 8.6), (0.4, 1.4), (0.1, 4.8), 90),
            "gap2": ((6.9, 1.0 + half), (6.9, 2.9 - half), (7.05, 1.95), 0),
            "gap3": ((6.9, 2.9 + half), (6.9, 4.8 - half), (7.05, 3.85), 0),
            "gap4": ((5.0 + BOX_WIDTH / 2, 4.8), (8.9 - BOX_WIDTH / 2, 4.8), (6.95, 5.5), 0),
        }
        for code, (start, end, where, rotation) in gaps.items():
            arrow(start, end, dashed=True, both=True, color=GAP_COLOR)
            ha = "center" if code in ("gap1", "gap4") else "left"
            ax.text(*where, text(f"gapmodel.{code}", language), color=GAP_COLOR, fontsize=10, ha=ha, va="center",
                    fontweight="bold", rotation=rotation)

        ax.axhline(6.0, color="#969696", linestyle=(0, (6, 4)), linewidth=1.2)
        ax.text(10.9, 8.9, text("gapmodel.customer", language), ha="center", va="center", fontsize=13,
                color="#08519c", rotation=90)
        ax.text(10.9, 3.0, text("gapmodel.firm", language), ha="center", va="center", fontsize=13,
                color="#a63603", rotation=90)
        ax.set(xlim=(-0.4, 11.2), ylim=(0.2, 11.8))
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(text("gapmodel.title", language), fontsize=15, loc="left")
        return ax


def servqual_gap_bars(summary: pd.DataFrame, *, value: str = "gap", ax=None):
    """Horizontal bars of the SERVQUAL gap by dimension, shortfalls red, the dimension to fix first marked.

    ``summary`` is the output of :func:`crm_course.models.satisfaction.servqual_summary`;
    ``value`` is ``"gap"`` (P - E) or ``"weighted_gap"`` (weight x gap). The title gives the
    SERVQUAL index kept in ``summary.attrs``.

    >>> import pandas as pd
    >>> from crm_course.models.satisfaction import servqual_summary
    >>> survey = pd.DataFrame({"e01": [6, 6], "p01": [5, 7], "e02": [7, 7], "p02": [4, 5]})
    >>> summary = servqual_summary(survey, negative=(), dimensions={"tangibles": (1,), "reliability": (2,)})
    >>> [t.get_text() for t in servqual_gap_bars(summary).get_yticklabels()]
    ['Tangibles', 'Reliability']
    """
    with plot_style(ax) as (ax, language):
        if value not in ("gap", "weighted_gap"):
            raise ValueError(f"The value for `value` must be one of ['gap', 'weighted_gap'], but {value!r} was passed.")
        require_columns(summary, {"value": value, "priority": "priority"}, "summary")
        gaps = summary[value].astype(float)
        positions = np.arange(len(gaps))
        colors = [NEGATIVE_COLOR if g < 0 else POSITIVE_COLOR for g in gaps]
        first = summary["priority"].eq(1).fillna(False).to_numpy()
        colors = [PRIORITY_COLOR if f else c for c, f in zip(colors, first)]
        bars = ax.barh(positions, gaps.to_numpy(), color=colors, height=0.6)
        notes = [f"{g:+.2f}" + (f"  ({text('servqual.priority', language)})" if f else "") for g, f in zip(gaps, first)]
        ax.bar_label(bars, labels=notes, padding=4, fontsize=11)
        ax.axvline(0, color="#525252", linewidth=1)
        labels = [_label("servqual.dimension", d, language) for d in summary.index]
        ax.set_yticks(positions, labels=labels, fontsize=12)
        ax.invert_yaxis()
        span = max(float(gaps.abs().max()), 0.1)
        ax.set_xlim(min(-span * 1.7, gaps.min() * 1.7), max(span * 0.6, gaps.max() * 1.9))
        ax.tick_params(axis="x", labelsize=11)
        ax.set_xlabel(text(f"servqual.{value}", language), fontsize=12)
        title = text("servqual.title", language)
        if "index" in summary.attrs:
            title += "\n" + text("servqual.index", language, value=summary.attrs["index"])
        ax.set_title(title, fontsize=14, loc="left")
        return ax


def _fitted_tick_labels(ax, names: list[str], *, size: float = 10, smallest: float = 8) -> None:
    """Name the bars one word a line, shrunk (not below ``smallest`` pt) until neighbours do not touch;
    where even that is too wide (long English words on a narrow figure) the names slant instead, one
    line each at full size (slanted, a name needs only about twice its line height of room)."""
    positions = np.arange(len(names))
    ax.set_xticks(positions, labels=[name.replace(" ", "\n") for name in names], fontsize=size)
    engine = ax.figure.get_layout_engine()
    if engine is not None:  # the spacing that counts is the laid-out one (an explorer has placed its Axes)
        engine.execute(ax.figure)
    ax.get_xlim()  # the limits autoscaled to the bars
    widths = [label.get_window_extent().width for label in ax.get_xticklabels()]
    spacing = abs(ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0])
    gap = size * ax.figure.dpi / 72 * 0.4  # at least 0.4 em between two names
    needed = max(((a + b) / 2 for a, b in zip(widths, widths[1:])), default=0)
    fitted = size if needed + gap <= spacing else np.floor(2 * size * (spacing - gap) / needed) / 2
    if fitted >= smallest:
        ax.tick_params(axis="x", labelsize=fitted)
    else:
        ax.set_xticks(positions, labels=names, fontsize=size, rotation=30, ha="right", rotation_mode="anchor")


def satisfaction_trap_chart(trap: pd.DataFrame, *, ax=None):
    """Defection rate by satisfaction level; satisfied levels dark; the trap's share in the title.

    ``trap`` is the output of :func:`crm_course.models.satisfaction.satisfaction_trap`.
    Each bar is labelled "defectors / customers" of its level.

    >>> import pandas as pd
    >>> from crm_course.models.satisfaction import satisfaction_trap
    >>> survey = pd.DataFrame({"satisfaction": [7, 6, 6, 3, 2, 7], "defected": [1, 1, 0, 1, 0, 0]})
    >>> satisfaction_trap_chart(satisfaction_trap(survey)).get_title(loc="left")
    'The satisfaction trap: 67% of the defectors said they were satisfied'
    """
    with plot_style(ax) as (ax, language):
        require_columns(trap, {c: c for c in ("customers", "defectors", "defection_rate", "satisfied")}, "trap")
        levels = list(trap.index)
        rates = trap["defection_rate"].fillna(0).to_numpy()
        colors = [SATISFIED_COLOR if s else UNSATISFIED_COLOR for s in trap["satisfied"]]
        bars = ax.bar(np.arange(len(levels)), rates, color=colors, width=0.7)
        ax.bar_label(bars, labels=[f"{d:,} / {n:,}" for d, n in zip(trap["defectors"], trap["customers"])],
                     padding=3, fontsize=10)
        names = [_label("satisfaction.level", level, language) for level in levels]
        _fitted_tick_labels(ax, names)
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_ylim(0, max(rates.max(), 0.05) * 1.15)
        ax.set_ylabel(text("trap.defection_rate", language), fontsize=12)
        ax.set_xlabel(text("satisfaction.overall", language), fontsize=12)
        handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in (SATISFIED_COLOR, UNSATISFIED_COLOR)]
        ax.legend(handles, [text("trap.satisfied", language), text("trap.not_satisfied", language)],
                  loc="upper right", fontsize=11, frameon=False, title=text("trap.bar_note", language),
                  title_fontsize=10)
        title = text("trap.title", language)
        share = trap.attrs.get("defectors_satisfied")
        if share is not None and not np.isnan(share):
            title += (": " if language == "en" else "：") + text("trap.summary", language, share=share)
        ax.set_title(title, fontsize=14, loc="left")
        return ax


def trap_benchmarks_chart(trap: pd.DataFrame, *, benchmarks=None, ax=None):
    """The lecture's figures (ranges) beside this survey's (points): the trap and the car industry.

    Rows: defectors who had been satisfied (Bain: 65-85%), customers satisfied (cars:
    85-95%), satisfied customers who stay or rebuy (cars: 30-40%). ``trap`` is the output
    of :func:`crm_course.models.satisfaction.satisfaction_trap`; ``benchmarks`` default to
    :data:`crm_course.models.satisfaction.TRAP_BENCHMARKS`.

    >>> import pandas as pd
    >>> from crm_course.models.satisfaction import satisfaction_trap
    >>> survey = pd.DataFrame({"satisfaction": [7, 6, 6, 3, 2, 7], "defected": [1, 1, 0, 1, 0, 0]})
    >>> len(trap_benchmarks_chart(satisfaction_trap(survey)).get_yticklabels())
    3
    """
    from ..models.satisfaction import TRAP_BENCHMARKS

    with plot_style(ax) as (ax, language):
        require_frame(trap, "trap")
        benchmarks = TRAP_BENCHMARKS if benchmarks is None else benchmarks
        rows = [("defectors_satisfied", "defectors_satisfied"), ("cars_satisfied", "satisfied_share"),
                ("cars_rebuy", "satisfied_retained")]
        for position, (code, measured) in enumerate(rows):
            low, high = benchmarks[code]
            ax.plot([low, high], [position, position], color="#fdae6b", linewidth=12, solid_capstyle="butt",
                    label=text("trap.benchmark.lecture", language) if position == 0 else None)
            ax.text(high + 0.015, position, f"{low:.0%}–{high:.0%}", va="center", fontsize=10, color="#a63603")
            value = trap.attrs.get(measured)
            if value is not None and not np.isnan(value):
                ax.scatter([value], [position], s=90, color=SATISFIED_COLOR, zorder=3,
                           label=text("trap.benchmark.survey", language) if position == 0 else None)
                ax.annotate(f"{value:.0%}", (value, position), xytext=(0, 10), textcoords="offset points",
                            ha="center", fontsize=10, color=SATISFIED_COLOR)
        labels = [text(f"trap.benchmark.{code}", language) + "\n" + text(f"trap.measured.{measured}", language)
                  for code, measured in rows]
        ax.set_yticks(range(len(rows)), labels=labels, fontsize=11)
        ax.invert_yaxis()
        ax.set_xlim(0, 1.08)
        ax.set_ylim(len(rows) - 0.4, -0.7)
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.legend(loc="lower left", bbox_to_anchor=(0, 1), ncol=2, frameon=False, fontsize=11)
        return ax


def nps_bar(breakdown: pd.DataFrame, *, ax=None):
    """One stacked bar of detractors, passives and promoters, with the NPS in the title.

    ``breakdown`` is the output of :func:`crm_course.models.loyalty.nps_breakdown`.

    >>> from crm_course.models.loyalty import nps_breakdown
    >>> nps_bar(nps_breakdown([10, 9, 9, 8, 7, 7, 8, 6, 5, 10])).get_title(loc="left")
    'Net Promoter Score: +20'
    """
    with plot_style(ax) as (ax, language):
        require_columns(breakdown, {"share": "share", "count": "count"}, "breakdown")
        left = 0.0
        for group, row in breakdown.iterrows():
            share = float(row["share"])
            ax.barh([0], [share], left=left, color=NPS_COLORS.get(group, "#9ecae1"), height=0.6,
                    label=text(f"nps.{group}", language))
            if share >= 0.06:
                ax.text(left + share / 2, 0, f"{share:.0%}\n({int(row['count']):,})", ha="center", va="center",
                        fontsize=11)
            left += share
        ax.set(xlim=(0, 1), ylim=(-0.5, 0.5), yticks=[])
        ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_xlabel(text("nps.share", language), fontsize=12)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncol=3, frameon=False, fontsize=11)
        if "nps" in breakdown.attrs:
            ax.set_title(text("nps.title", language, value=breakdown.attrs["nps"]), fontsize=14, loc="left")
        return ax


def audit_profile(audit: pd.DataFrame, *, respondent=None, ax=None):
    """The self-audit's area scores and overall score (1-5) as a profile of horizontal bars.

    ``audit`` is the output of :func:`crm_course.models.culture.culture_audit`;
    ``respondent`` picks a row by its label (default: the first).

    >>> from crm_course.models.culture import culture_audit, culture_audit_criteria
    >>> audit = culture_audit(dict.fromkeys(culture_audit_criteria(), 3))
    >>> [t.get_text() for t in audit_profile(audit).get_yticklabels()][-1]
    'Overall'
    """
    with plot_style(ax) as (ax, language):
        require_frame(audit, "audit")
        row = audit.iloc[0] if respondent is None else audit.loc[respondent]
        positions = np.arange(len(row))
        colors = ["#08519c" if area == "overall" else "#6baed6" for area in row.index]
        bars = ax.barh(positions, row.to_numpy() - 1, left=1, color=colors, height=0.6)
        ax.bar_label(bars, labels=[f"{v:.2f}" for v in row], padding=4, fontsize=11)
        ax.set_yticks(positions, labels=[text(f"audit.area.{area}", language) for area in row.index], fontsize=12)
        ax.invert_yaxis()
        ax.set_xlim(1, 5.6)
        ax.set_xticks([1, 2, 3, 4, 5])
        ax.set_xlabel(text("audit.score", language), fontsize=12)
        ax.set_title(text("audit.title", language), fontsize=14, loc="left")
        return ax
