"""Widgets of the customer value chapter: the RFM explorer, the ABC explorer and the CLV calculator."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import ipywidgets as widgets
import numpy as np
import pandas as pd

from .._validation import require_choice, require_columns, require_dates
from ..data.catalog import load_dataset
from ..i18n import text
from ..models.segmentation import (
    DEFAULT_SEGMENT_RULES,
    abc_classes,
    rfm_analysis,
    rfm_table,
)
from ..models.value import clv_sensitivity
from ..views.value import (
    clv_sensitivity_plot,
    pareto_chart,
    segment_bars,
    segment_label,
)
from ._base import Explorer, fit, row

__all__ = [
    "VALUE_TIER_RULES",
    "SEGMENT_RULES",
    "RFMExplorer",
    "ABCExplorer",
    "CLVCalculator",
    "rfm_explorer",
    "abc_explorer",
    "clv_calculator",
]

# A simpler map than the default ten segments: recent (R 4-5) or not, frequent (F 4-5) or not.
VALUE_TIER_RULES: tuple[dict[str, object], ...] = (
    {"segment": "best", "r_min": 4, "r_max": 5, "f_min": 4, "f_max": 5},
    {"segment": "occasional", "r_min": 4, "r_max": 5, "f_min": 1, "f_max": 3},
    {"segment": "lapsing", "r_min": 1, "r_max": 3, "f_min": 4, "f_max": 5},
    {"segment": "lost", "r_min": 1, "r_max": 3, "f_min": 1, "f_max": 3},
)
# The choices of the RFM explorer's "segment rules" menu; add your own
# (a DataFrame or list of dicts) and it appears in the menu of the next explorer.
SEGMENT_RULES = {"default": DEFAULT_SEGMENT_RULES, "value_tiers": VALUE_TIER_RULES}
DATASETS = ("retail", "cdnow")
_CELL = "padding:0 10px"
_NUMBER = "text-align:right;padding:0 10px"


def _label(prefix: str, code) -> str:
    try:
        return text(f"{prefix}.{code}")
    except LookupError:
        return str(code)


def _table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A small HTML table: the first column text, the others right-aligned numbers."""
    cells = "".join(f"<th style='{_CELL}'>{html.escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>" + "".join(f"<td style='{_CELL if i == 0 else _NUMBER}'>{html.escape(v)}</td>" for i, v in enumerate(row))
        + "</tr>"
        for row in rows
    )
    title = f"<p>{html.escape(caption)}</p>" if caption else ""
    return f"{title}<table><tr>{cells}</tr>{body}</table>"


def _dataset_control(dataset: str) -> widgets.Dropdown:
    require_choice(dataset, DATASETS, "dataset")
    return widgets.Dropdown(options=[(text(f"valueview.dataset.{name}"), name) for name in DATASETS], value=dataset,
                            description=text("valueview.dataset"))


class RFMExplorer(Explorer):
    """RFM segments as the dataset, the score bins, the analysis date and the segment rules change.

    Only the transactions up to the analysis date (``as_of``) count, so moving it back shows
    the segments as they were then. ``.result`` is the :func:`rfm_analysis` table (scores and
    segments), ``.rules`` the rules in use. The RFM table is computed once per dataset and date,
    its segments once per number of bins and rules.
    """

    figsize = (8.5, 6.2)

    def __init__(self, tx: pd.DataFrame | None = None, *, dataset: str = "retail", bins: int = 5, as_of=None,
                 rules=None, customer: str = "customer_id", date: str = "date", amount: str = "amount"):
        self.columns = {"customer": customer, "date": date, "amount": amount}
        self.rule_tables = {name: table.copy() if isinstance(table, pd.DataFrame) else pd.DataFrame(list(table))
                            for name, table in SEGMENT_RULES.items()}
        if rules is not None:
            if isinstance(rules, pd.DataFrame):
                self.rule_tables["custom"] = rules.copy()
            elif isinstance(rules, Sequence) and all(isinstance(rule, Mapping) for rule in rules):
                self.rule_tables["custom"] = pd.DataFrame(list(rules))
            else:
                raise TypeError(f"`rules` must be a DataFrame or a list of dicts like VALUE_TIER_RULES, "
                                f"but a {type(rules).__name__} was passed.")
        self._data: dict[str, tuple[pd.DataFrame, pd.Series]] = {}
        self._tables: dict[tuple[str, pd.Timestamp], pd.DataFrame] = {}
        self._counts: dict[tuple[str, pd.Timestamp], int] = {}  # transactions kept per table
        self._segments: dict[tuple[str, pd.Timestamp, int, str], pd.DataFrame] = {}
        self.used: dict = {}

        controls = {}
        if tx is None:
            controls["dataset"] = _dataset_control(dataset)
            controls["dataset"].observe(lambda change: self._dataset_changed(change["new"]), names="value")
            name = dataset
        else:
            name = "tx"
            self._store("tx", tx)
        start = pd.Timestamp(as_of) if as_of is not None else self._default_as_of(name)
        controls["bins"] = widgets.IntSlider(bins, min=2, max=9, description=text("valueview.bins"),
                                             continuous_update=False)
        controls["as_of"] = widgets.DatePicker(value=start.date(), description=text("valueview.as_of"))
        controls["rules"] = widgets.Dropdown(
            options=[(_label("valueview.rules", choice), choice) for choice in self.rule_tables],
            value="custom" if rules is not None else "default", description=text("valueview.rules"))
        super().__init__(controls)

    def layout(self) -> list[widgets.Widget]:
        first = [name for name in ("dataset", "bins") if name in self.controls]
        return [row(fit(self.controls[name]) for name in first),
                row([fit(self.controls["as_of"], track_px=160), fit(self.controls["rules"])])]

    def _store(self, name: str, tx: pd.DataFrame) -> None:
        require_columns(tx, self.columns, "tx")
        days = require_dates(tx[self.columns["date"]], "date", "tx").dt.normalize()
        self._data[name] = (tx, days)

    def _transactions(self, name: str) -> tuple[pd.DataFrame, pd.Series]:
        if name not in self._data:
            self._store(name, load_dataset(name))
        return self._data[name]

    def _default_as_of(self, name: str) -> pd.Timestamp:
        """rfm_table's default: the day after the last transaction."""
        return self._transactions(name)[1].max() + pd.Timedelta(days=1)

    def _dataset_changed(self, name: str) -> None:
        """Move the date to the new dataset's default without an extra redraw."""
        with self.quietly():
            self.controls["as_of"].value = self._default_as_of(name).date()

    @property
    def dataset(self) -> str:
        return self.controls["dataset"].value if "dataset" in self.controls else "tx"

    @property
    def rules(self) -> pd.DataFrame:
        """The segment rules in use (a copy to edit and pass back: rfm_explorer(rules=...))."""
        return self.rule_tables[self.controls["rules"].value].copy()

    def rfm(self, as_of: pd.Timestamp) -> pd.DataFrame:
        """The RFM table of the chosen dataset with the transactions up to ``as_of`` (cached)."""
        key = (self.dataset, as_of)
        if key not in self._tables:
            tx, days = self._transactions(self.dataset)
            kept = tx[days <= as_of]
            if kept.empty:
                raise ValueError(text("valueview.no_tx", as_of=as_of.date(), first=days.min().date(),
                                      last=days.max().date()))
            self._tables[key] = rfm_table(kept, as_of=as_of, **self.columns)
            self._counts[key] = len(kept)
        return self._tables[key]

    def compute(self) -> pd.DataFrame:
        values = self.values
        as_of = pd.Timestamp(values["as_of"]) if values["as_of"] else self._default_as_of(self.dataset)
        key = (self.dataset, as_of, values["bins"], values["rules"])
        if key not in self._segments:
            # Rules that do not fit the bins (custom rules written for 5) are refused by the model itself.
            rules = None if values["rules"] == "default" else self.rules  # the model's own default map
            self._segments[key] = rfm_analysis(self.rfm(as_of), bins=values["bins"], rules=rules)
        segments = self._segments[key]
        self.used = {"as_of": as_of, "transactions": self._counts[(self.dataset, as_of)]}
        return segments

    def draw(self, result, ax) -> None:
        segment_bars(result, ax=ax)

    def describe(self, result) -> str:
        counts = result["segment"].value_counts(sort=False)
        revenue = result.groupby("segment", observed=False)["monetary"].sum()
        rows = [[segment_label(code), f"{counts[code]:,}", f"{counts[code] / counts.sum():.1%}",
                 f"{revenue[code] / revenue.sum():.1%}"] for code in counts.index]
        head = [text(key) for key in ("rfm.segment", "valueview.customers", "valueview.segments.customers",
                                      "valueview.segments.revenue")]
        caption = text("valueview.caption", as_of=self.used["as_of"].date(), customers=len(result),
                       transactions=self.used["transactions"])
        return _table(head, rows, caption)


def rfm_explorer(tx: pd.DataFrame | None = None, *, dataset: str = "retail", **options) -> RFMExplorer:
    """RFM segments to explore: on a shipped dataset (retail or cdnow) by default, or on ``tx``.

    Options: ``bins`` (2-9), ``as_of`` (the analysis date), ``rules`` (your own segment
    rules, a DataFrame or list of dicts like :data:`VALUE_TIER_RULES`), and the column names
    ``customer``, ``date``, ``amount``.

    >>> explorer = rfm_explorer()
    >>> explorer.result["segment"].value_counts()["champions"]
    np.int64(509)
    """
    return RFMExplorer(tx, dataset=dataset, **options)


class ABCExplorer(Explorer):
    """ABC classes and the Pareto curve as the A and B cuts move. ``.result`` is the abc_classes table."""

    figsize = (8.0, 5.6)

    def __init__(self, values: pd.Series | None = None, *, dataset: str = "retail", cuts=(0.8, 0.95)):
        self._values: dict[str, pd.Series] = {}
        controls = {}
        if values is None:
            controls["dataset"] = _dataset_control(dataset)
        else:
            self._values["values"] = values
        slider = {"step": 0.01, "readout_format": ".0%", "continuous_update": False}
        controls["a_cut"] = widgets.FloatSlider(cuts[0], min=0.3, max=0.95, description=text("valueview.a_cut"),
                                                **slider)
        controls["b_cut"] = widgets.FloatSlider(cuts[1], min=0.5, max=0.99, description=text("valueview.b_cut"),
                                                **slider)
        super().__init__(controls)

    def customer_values(self) -> pd.Series:
        """Each customer's total spend in the chosen dataset (or the values passed), computed once."""
        name = self.controls["dataset"].value if "dataset" in self.controls else "values"
        if name not in self._values:
            self._values[name] = load_dataset(name).groupby("customer_id")["amount"].sum()
        return self._values[name]

    def compute(self) -> pd.DataFrame:
        a_cut, b_cut = self.values["a_cut"], self.values["b_cut"]
        if b_cut <= a_cut:
            raise ValueError(text("valueview.cuts_order", a=a_cut, b=b_cut))
        return abc_classes(self.customer_values(), cuts=(a_cut, b_cut))

    def draw(self, result, ax) -> None:
        pareto_chart(result, ax=ax)

    def describe(self, result) -> str:
        groups = result.groupby("class", observed=False)
        customers, value = groups.size(), groups["value"].sum()
        rows = [[_label("abc", code), f"{customers[code]:,}", f"{customers[code] / customers.sum():.1%}",
                 f"{value[code] / value.sum():.1%}"] for code in customers.index]
        head = [text(key) for key in ("abc.class", "valueview.customers", "valueview.segments.customers",
                                      "valueview.value_share")]
        return _table(head, rows)


def abc_explorer(values: pd.Series | None = None, *, dataset: str = "retail", **options) -> ABCExplorer:
    """ABC analysis to explore: customers' total spend in a shipped dataset, or your ``values``.

    >>> explorer = abc_explorer(cuts=(0.6, 0.9))
    >>> explorer.result["class"].value_counts().sort_index().tolist()
    [620, 1459, 1912]
    """
    return ABCExplorer(values, dataset=dataset, **options)


class CLVCalculator(Explorer):
    """The closed-form CLV of one customer, and how it moves with retention at nearby discount rates.

    ``.result`` is a dict of the inputs (``horizon`` None = unlimited) and ``clv``;
    ``.table`` the :func:`clv_sensitivity` table drawn.
    """

    figsize = (8.0, 5.4)
    summary_above = True
    RETENTION_GRID = np.round(np.arange(0, 0.951, 0.05), 2)

    def __init__(self, *, margin: float = 200, retention: float = 0.75, discount: float = 0.10, horizon: int = 0,
                 acquisition_cost: float = 0):
        self.table: pd.DataFrame | None = None
        slider = {"continuous_update": False}
        controls = {
            "margin": widgets.FloatSlider(margin, min=0, max=1000, step=10, description=text("clv.margin"),
                                          readout_format=",.0f", **slider),
            "retention": widgets.FloatSlider(retention, min=0, max=0.95, step=0.01, readout_format=".0%",
                                             description=text("clv.retention"), **slider),
            "discount": widgets.FloatSlider(discount, min=0, max=0.3, step=0.01, readout_format=".0%",
                                            description=text("clv.discount"), **slider),
            "horizon": widgets.IntSlider(horizon, min=0, max=30, description=text("valueview.horizon"), **slider),
            "acquisition_cost": widgets.FloatSlider(acquisition_cost, min=0, max=2000, step=10, readout_format=",.0f",
                                                    description=text("clv.acquisition_cost"), **slider),
        }
        super().__init__(controls)

    def compute(self) -> dict:
        inputs = dict(self.values)
        inputs["horizon"] = inputs["horizon"] or None
        rate = inputs["discount"]
        discounts = [max(rate - 0.05, 0.0), rate, rate + 0.05]
        table = clv_sensitivity(margin=inputs["margin"], retention=[*self.RETENTION_GRID, inputs["retention"]],
                                discount=discounts, horizon=inputs["horizon"],
                                acquisition_cost=inputs["acquisition_cost"])
        chosen = np.isclose(table["retention"], inputs["retention"]) & np.isclose(table["discount"], rate)
        self.table = table
        return {**inputs, "clv": float(table.loc[chosen, "clv"].iloc[0])}

    def draw(self, result, ax) -> None:
        clv_sensitivity_plot(self.table, highlight=result, ax=ax)

    def describe(self, result) -> str:
        lines = [f"<p style='font-size:1.4em'><b>{html.escape(text('valueview.clv_result', clv=result['clv']))}</b>"]
        cost = result["acquisition_cost"]
        if cost:
            key = "valueview.clv_pays" if result["clv"] >= 0 else "valueview.clv_loses"
            lines.append(f"<br><span style='font-size:0.75em'>{html.escape(text(key, cost=cost))}</span>")
        return "".join(lines) + "</p>"


def clv_calculator(**options) -> CLVCalculator:
    """The CLV calculator: margin, retention, discount rate, horizon (0 = unlimited) and acquisition cost.

    >>> calculator = clv_calculator(margin=100, retention=0.8, discount=0.1)
    >>> round(calculator.result["clv"], 2)
    266.67
    """
    return CLVCalculator(**options)
