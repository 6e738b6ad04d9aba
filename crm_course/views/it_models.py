"""Plots of the IT-based CRM chapter: schema, rules, gains, allocation, vendors, roadmap.

Each takes a model's output (never recomputes it) and ``ax=None``, and returns the Axes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib import pyplot as plt
from matplotlib.patches import FancyBboxPatch

from .._validation import require_columns
from ..i18n import STRINGS, text
from ..models.crm_systems import IMPLEMENTATION_BARRIERS
from ..models.database import LAYERS
from ._style import plot_style

__all__ = ["schema_diagram", "rules_scatter", "gains_chart", "allocation_chart", "vendor_chart", "roadmap_chart",
           "outlet_class_heatmap"]

LAYER_COLORS = {"contact": "#deebf7", "functional": "#c7e9c0", "support": "#fdd0a2", None: "#f0f0f0"}
PHASE_COLORS = ("#deebf7", "#c7e9c0", "#fdd0a2")


def schema_diagram(schema: pd.DataFrame, *, ax=None):
    """The database's tables in three columns (contact, functional, support layer) with an
    arrow for every foreign key, from :func:`crm_course.schema_table`'s metadata.

    >>> import crm_course as crm
    >>> schema_diagram(crm.schema_table(crm.crm_database())).get_title()
    'The CRM database: tables and foreign keys by layer'
    """
    with plot_style(ax) as (ax, language):
        require_columns(schema, {"table": "table", "column": "column", "references": "references", "layer": "layer"},
                        "schema")
        tables = schema.drop_duplicates("table")[["table", "layer", "kind"]]
        layers = [*LAYERS, *([None] if tables["layer"].isna().any() else [])]
        position = {}
        for x, layer in enumerate(layers):
            names = sorted(tables.loc[tables["layer"].isna() if layer is None else tables["layer"] == layer, "table"])
            ax.text(x, 0.6, text(f"it.layer.{layer}", language) if layer else "?", ha="center", fontsize=12,
                    fontweight="bold")
            for y, name in enumerate(names):
                position[name] = (x, -y)
                kind = tables.loc[tables["table"] == name, "kind"].item()
                ax.add_patch(FancyBboxPatch((x - 0.38, -y - 0.3), 0.76, 0.6, boxstyle="round,pad=0.02",
                                            facecolor=LAYER_COLORS[layer], edgecolor="#555555",
                                            linestyle="--" if kind == "view" else "-"))
                keys = schema.loc[(schema["table"] == name) & (schema["primary_key"] > 0), "column"].tolist()
                ax.text(x, -y + 0.08, name, ha="center", va="center", fontsize=9, fontweight="bold")
                ax.text(x, -y - 0.15, ", ".join(keys) if keys else "(view)", ha="center", va="center", fontsize=7,
                        color="#444444")
        edges = schema.dropna(subset=["references"])
        for table, reference in zip(edges["table"], edges["references"]):
            target = reference.split(".", 1)[0]
            if target in position and table in position and target != table:
                (x0, y0), (x1, y1) = position[table], position[target]
                # within a column: from the right edge to the right edge, bulging outwards past the boxes
                bend = 0.15 if x1 != x0 else (-0.6 if y1 < y0 else 0.6)
                ax.annotate("", xy=(x1 + (0.38 if x1 <= x0 else -0.38), y1),
                            xytext=(x0 + (-0.38 if x1 < x0 else 0.38), y0),
                            arrowprops={"arrowstyle": "->", "color": "#777777", "lw": 0.7,
                                        "connectionstyle": f"arc3,rad={bend}"})
        depth = max(-y for _, y in position.values()) if position else 0
        ax.set_xlim(-0.6, len(layers) - 0.4)
        ax.set_ylim(-depth - 0.6, 1.0)
        ax.set_axis_off()
        ax.set_title(text("it.schema.title", language))
        return ax


def rules_scatter(rules: pd.DataFrame, *, label_top: int = 2, ax=None):
    """Support against confidence of every rule, coloured by lift; the ``label_top`` rules of
    highest lift are labelled. ``rules`` is the output of :func:`crm_course.association_rules`.

    >>> import crm_course as crm
    >>> from crm_course.models.baskets import association_rules
    >>> tsk = [{"Bread", "Milk"}, {"Bread", "Diapers", "Beer", "Eggs"}, {"Milk", "Diapers", "Beer", "Cola"},
    ...        {"Bread", "Milk", "Diapers", "Beer"}, {"Bread", "Milk", "Diapers", "Cola"}]
    >>> rules_scatter(association_rules(tsk, min_support=0.4)).get_xlabel()
    'Support'
    """
    with plot_style(ax) as (ax, language):
        require_columns(rules, {"support": "support", "confidence": "confidence", "lift": "lift"}, "rules")
        if len(rules):
            points = ax.scatter(rules["support"], rules["confidence"], c=rules["lift"], cmap="viridis", s=60,
                                edgecolors="white")
            # the colour bar inside the Axes' own box (a child Axes), so a redraw keeps the layout
            bar = ax.inset_axes([1.02, 0.0, 0.03, 1.0])
            ax.figure.colorbar(points, cax=bar, label=text("it.rules.lift", language))
            top = rules.nlargest(label_top, "lift") if label_top else rules.head(0)
            middle = (rules["support"].min() + rules["support"].max()) / 2
            for row in top.itertuples():
                name = f"{_side(row.antecedents)}\n→ {_side(row.consequents)}"
                right = row.support > middle  # labels on the right half point left, so they stay inside the Axes
                ax.annotate(name, (row.support, row.confidence), textcoords="offset points",
                            xytext=(-6 if right else 6, 4), ha="right" if right else "left", fontsize=8,
                            bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
        ax.set_xlabel(text("it.rules.support", language))
        ax.set_ylabel(text("it.rules.confidence", language))
        attrs = rules.attrs
        if "min_support" in attrs and "min_confidence" in attrs:
            ax.set_title(text("it.rules.title", language, support=attrs["min_support"], confidence=attrs["min_confidence"]))
        return ax


def gains_chart(plan: pd.DataFrame, *, ax=None):
    """Response rate by decile; with a :func:`crm_course.mailing_plan`, the break-even line and
    the cells to mail coloured apart from the others.

    >>> import pandas as pd
    >>> from crm_course.models.mailing import mailing_plan
    >>> gains = pd.DataFrame({"customers": [100, 100], "buyers": [3, 1], "response_rate": [0.03, 0.01]},
    ...                      index=pd.Index([1, 2], name="decile"))
    >>> gains_chart(mailing_plan(gains, cost_per_piece=0.55, profit_per_sale=40)).get_legend().get_texts()[0].get_text()
    'Break-even response 1.38%'
    """
    with plot_style(ax) as (ax, language):
        require_columns(plan, {"response_rate": "response_rate"}, "plan")
        cells = [str(c) for c in plan.index]
        mail = plan["mail"].to_numpy() if "mail" in plan else np.ones(len(plan), dtype=bool)
        colors = np.where(mail, "#31a354", "#bdbdbd")
        ax.bar(cells, plan["response_rate"].to_numpy(), color=colors)
        if "break_even" in plan.attrs:
            even = plan.attrs["break_even"]
            line = ax.axhline(even, color="#de2d26", linestyle="--")
            swatches = [plt.Rectangle((0, 0), 1, 1, color="#31a354"), plt.Rectangle((0, 0), 1, 1, color="#bdbdbd")]
            ax.legend([line, *swatches], [text("it.gains.break_even", language, rate=even), text("it.gains.mail", language),
                                          text("it.gains.skip", language)], loc="upper right")
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda value, _: f"{value:.0%}"))
        ax.set_xlabel(text("it.gains.decile", language))
        ax.set_ylabel(text("it.gains.response_rate", language))
        ax.set_title(text("it.gains.title", language))
        return ax


def allocation_chart(table: pd.DataFrame, *, ax=None):
    """Whole units per class (bars) against the exact quota (black ticks): the allocation table
    of :func:`crm_course.fair_allocation` or :func:`crm_course.class_allocation` made visible.

    >>> from crm_course.models.allocation import fair_allocation
    >>> allocation_chart(fair_allocation(10, {"A": 43, "B": 34, "C": 23})).get_title()
    '10 units by the largest-remainder method'
    """
    with plot_style(ax) as (ax, language):
        require_columns(table, {"units": "units", "quota": "quota"}, "table")
        labels = [str(label) for label in table.index]
        ax.bar(labels, table["units"].to_numpy(), color="#6baed6", label=text("it.allocation.units", language))
        ax.scatter(labels, table["quota"].to_numpy(), marker="_", s=600, color="black", zorder=3,
                   label=text("it.allocation.quota", language))
        for x, (units, quota) in enumerate(zip(table["units"], table["quota"])):
            ax.text(x, max(units, quota), f"{units}\n({quota:.2f})", ha="center", va="bottom", fontsize=9)
        ax.set_xlabel(text("it.allocation.class", language))
        ax.set_ylabel(text("it.allocation.units", language))
        ax.margins(y=0.2)
        ax.legend(loc="upper right")
        if "supply" in table.attrs:
            ax.set_title(text("it.allocation.title", language, supply=table.attrs["supply"]))
        return ax


def vendor_chart(ranking: pd.DataFrame, *, label: str = "product", ax=None):
    """Weighted scores of the CRM products, best on top; products over budget are hatched and
    the choice is outlined. ``ranking`` is the output of :func:`crm_course.vendor_ranking`.

    >>> import crm_course as crm
    >>> vendor_chart(crm.vendor_ranking(crm.load_dataset("crm_vendors"), budget=1_000_000)).get_xlabel()
    'Weighted score (1-5)'
    """
    with plot_style(ax) as (ax, language):
        require_columns(ranking, {"score": "score"}, "ranking")
        names = ranking[label].astype(str) if label in ranking else pd.Series(ranking.index.astype(str), index=ranking.index)
        over = ~ranking["within_budget"] if "within_budget" in ranking else pd.Series(False, index=ranking.index)
        chosen = ranking["choice"] if "choice" in ranking else pd.Series(False, index=ranking.index)
        y = np.arange(len(ranking))[::-1]
        bars = ax.barh(y, ranking["score"].to_numpy(), color=np.where(chosen, "#31a354", "#9ecae1"))
        for bar, is_over, is_chosen in zip(bars, over, chosen):
            if is_over:
                bar.set_hatch("//")
                bar.set_facecolor("#f0f0f0")
            if is_chosen:
                bar.set_edgecolor("black")
                bar.set_linewidth(1.5)
        for position, score, is_over in zip(y, ranking["score"], over):
            note = f"{score:.2f}" + (f"  ({text('it.vendors.over_budget', language)})" if is_over else "")
            ax.text(score + 0.03, position, note, va="center", fontsize=9)
        ax.set_yticks(y, labels=names.tolist())
        ax.set_xlim(1, 5.6)
        ax.set_xlabel(text("it.vendors.score", language))
        ax.set_title(text("it.vendors.title", language))
        return ax


def roadmap_chart(roadmap: pd.DataFrame, *, ax=None):
    """The implementation roadmap: phases (preparation -> launch -> implementation) as bands,
    their steps in order, and the barriers underneath. ``roadmap`` is
    ``crm_course.crm_concepts("implementation")``.

    >>> import crm_course as crm
    >>> roadmap_chart(crm.crm_concepts("implementation")).get_title()
    'Implementation steps'
    """
    with plot_style(ax) as (ax, language):
        require_columns(roadmap, {"phase": "phase", "step": "step", "order": "order", "name": "name",
                                  "phase_name": "phase_name"}, "roadmap")
        steps = roadmap.sort_values("order")
        phases = list(dict.fromkeys(steps["phase"]))
        for number, phase in enumerate(phases):
            part = steps[steps["phase"] == phase]
            low, high = part["order"].min() - 0.5, part["order"].max() + 0.5
            ax.axvspan(low, high, color=PHASE_COLORS[number % len(PHASE_COLORS)], alpha=0.8)
            ax.text((low + high) / 2, 1.35, part["phase_name"].iloc[0], ha="center", fontsize=12, fontweight="bold")
        for row in steps.itertuples():
            above = row.order % 2 == 1
            ax.plot([row.order, row.order], [0.5, 0.62 if above else 0.38], color="#777777", lw=0.7)
            ax.text(row.order, 0.64 if above else 0.36, "\n".join(_wrap(row.name, 16)), ha="center",
                    va="bottom" if above else "top", fontsize=8)
        ax.plot(steps["order"], np.full(len(steps), 0.5), marker="o", color="#3182bd")
        barriers = ", ".join(text(f"it.barrier.{code}", language) for code in IMPLEMENTATION_BARRIERS)
        ax.text(steps["order"].mean(), -0.75, text("it.roadmap.barriers", language, barriers=barriers), ha="center",
                fontsize=10)
        ax.set_xlim(steps["order"].min() - 0.6, steps["order"].max() + 0.6)
        ax.set_ylim(-0.9, 1.6)
        ax.set_axis_off()
        ax.set_title(text("it.roadmap.title", language))
        return ax


def outlet_class_heatmap(classified: pd.DataFrame, *, ax=None):
    """Outlets by format group (rows) and class (columns): the classification by format and
    behaviour at a glance. ``classified`` is the output of :func:`crm_course.outlet_classes`.

    >>> import crm_course as crm
    >>> ax = outlet_class_heatmap(crm.outlet_classes(crm.load_dataset("retail_outlets")))
    >>> ax.get_xlabel()
    'Class'
    """
    with plot_style(ax) as (ax, language):
        require_columns(classified, {"class": "class", "format_group": "format_group"}, "classified")
        counts = pd.crosstab(classified["format_group"], classified["class"])
        counts.index = [text(f"outlet.group.{group}", language) if f"outlet.group.{group}" in STRINGS else str(group)
                        for group in counts.index]
        sns.heatmap(counts, annot=True, fmt="d", cmap="Blues", cbar=False, linewidths=0.5, ax=ax)
        ax.set_xlabel(text("it.allocation.class", language))
        ax.set_ylabel("")
        ax.tick_params(axis="y", rotation=0)
        return ax


def _side(items, width: int = 24) -> str:
    """One side of a rule as text, each item cut to ``width`` characters (long product names)."""
    return ", ".join(name if len(name) <= width else name[:width - 1] + "…" for name in sorted(map(str, items)))


def _wrap(words: str, width: int) -> list[str]:
    """Greedy line breaks at spaces (Chinese text, without spaces, breaks every ``width // 2`` signs)."""
    if " " not in words:
        size = max(width // 2, 1)
        return [words[i:i + size] for i in range(0, len(words), size)]
    lines, line = [], ""
    for word in words.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]
