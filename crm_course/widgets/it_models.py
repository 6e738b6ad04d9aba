"""Widgets of the IT-based CRM chapter: rules explorer, mailing planner, vendor editor, allocation explorer.

Each fits its expensive model once at construction (the rules at the loosest thresholds on
offer, the likelihood model and its gains table, the outlet classes), so a slider move only
filters, plans or shares, and redraws.
"""

from __future__ import annotations

import html
import sqlite3

import ipywidgets as widgets
import pandas as pd

from .._validation import require_frame
from ..data.catalog import load_dataset
from ..i18n import text
from ..models.baskets import association_rules, filter_rules
from ..models.database import crm_database, sql
from ..models.mailing import gains_table, launch_table, mailing_plan, purchase_likelihood
from ..models.outlets import outlet_allocation, outlet_classes
from ..models.vendors import FEATURE_WEIGHTS, VENDOR_WEIGHTS, vendor_ranking
from ..views.it_models import allocation_chart, gains_chart, rules_scatter, vendor_chart
from ._base import Explorer, fit, row
from ._weights import WeightsPanel

__all__ = ["RulesExplorer", "MailingPlanner", "VendorEditor", "AllocationExplorer", "rules_explorer",
           "mailing_planner", "vendor_editor", "allocation_explorer"]

_CELL = "padding:0 10px"
_NUMBER = "text-align:right;padding:0 10px"
ORDER_LINES = """SELECT l.order_id, p.name AS product
FROM order_lines AS l JOIN products AS p ON p.product_id = l.product_id"""


def _table(head: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A small HTML table: the first column text, the others right-aligned numbers."""
    cells = "".join(f"<th style='{_CELL}'>{html.escape(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td style='{_CELL if i == 0 else _NUMBER}'>{html.escape(v)}</td>"
                                    for i, v in enumerate(line)) + "</tr>" for line in rows)
    title = f"<p>{html.escape(caption)}</p>" if caption else ""
    return f"{title}<table><tr>{cells}</tr>{body}</table>"


def _items(items) -> str:
    return ", ".join(sorted(map(str, items)))


class RulesExplorer(Explorer):
    """Association rules as the minimum support, confidence and lift move.

    The rules are mined once, at the lowest support and confidence the sliders offer
    (``.mined``); a slider move keeps those that meet the thresholds (:func:`filter_rules`),
    the same rules mining again would find. ``.result`` is the rules table shown.
    """

    figsize = (8.0, 5.0)
    SHOWN = 8  # rules listed under the figure

    def __init__(self, baskets, *, basket: str = "basket_id", item: str = "item", min_support: float = 0.02,
                 min_confidence: float = 0.5, min_lift: float = 1.0, supports=(0.005, 0.05),
                 max_len: int | None = None):
        low, high = supports
        self.mined = association_rules(baskets, min_support=low, min_confidence=0.1, max_len=max_len,
                                       basket=basket, item=item)
        slider = {"continuous_update": False}
        controls = {
            "min_support": widgets.FloatSlider(min_support, min=low, max=high, step=0.001, readout_format=".1%",
                                               description=text("itw.min_support"), **slider),
            "min_confidence": widgets.FloatSlider(min_confidence, min=0.1, max=0.95, step=0.05, readout_format=".0%",
                                                  description=text("itw.min_confidence"), **slider),
            "min_lift": widgets.FloatSlider(min_lift, min=0.0, max=20.0, step=0.5, readout_format=".1f",
                                            description=text("itw.min_lift"), **slider),
        }
        super().__init__(controls)

    def compute(self) -> pd.DataFrame:
        return filter_rules(self.mined, **self.values)

    def draw(self, result, ax) -> None:
        rules_scatter(result, ax=ax)

    def describe(self, result) -> str:
        if result.empty:
            return f"<p>{html.escape(text('itw.rules.none'))}</p>"
        rows = [[f"{_items(r.antecedents)} → {_items(r.consequents)}", f"{r.support:.2%}", f"{r.confidence:.1%}",
                 f"{r.lift:.2f}"] for r in result.head(self.SHOWN).itertuples()]
        head = [text(key) for key in ("itw.rules.rule", "it.rules.support", "it.rules.confidence", "it.rules.lift")]
        return _table(head, rows, text("itw.rules.count", rules=len(result), baskets=result.attrs["n_baskets"]))


def rules_explorer(baskets: pd.DataFrame | None = None, *, con: sqlite3.Connection | None = None,
                   **options) -> RulesExplorer:
    """The rules explorer on the CRM database's order lines (product names; default) or your baskets.

    ``baskets`` as :func:`crm_course.association_rules` takes them (a long table with
    ``basket=`` and ``item=`` columns, or a list of item sets); ``con`` a database from
    :func:`crm_course.crm_database` to read the order lines from (built when not given).
    ``supports=(low, high)`` is the support slider's range (rules are mined once at ``low``).

    >>> explorer = rules_explorer()
    >>> rule = explorer.result.iloc[0]
    >>> sorted(rule["antecedents"]), sorted(rule["consequents"])
    (["men's sports socks"], ['baby bodysuit'])
    """
    if baskets is None:
        baskets = sql(ORDER_LINES, crm_database() if con is None else con)
        options = {"basket": "order_id", "item": "product", **options}
    return RulesExplorer(baskets, **options)


class MailingPlanner(Explorer):
    """Which deciles of the purchase-likelihood model to mail, as the cost per piece and the
    profit per sale move (Hughes's break-even response).

    The model (:func:`purchase_likelihood`) and its gains table are fitted once (``.gains``);
    ``.result`` is the :func:`mailing_plan` of the current costs.
    """

    figsize = (7.5, 4.4)
    summary_above = True

    def __init__(self, gains: pd.DataFrame, *, cost_per_piece: float = 0.55, profit_per_sale: float = 40.0):
        require_frame(gains, "gains")
        self.gains = gains
        slider = {"continuous_update": False}
        controls = {
            "cost_per_piece": widgets.FloatSlider(cost_per_piece, min=0.05, max=5.0, step=0.05, readout_format=".2f",
                                                  description=text("itw.cost_per_piece"), **slider),
            "profit_per_sale": widgets.FloatSlider(profit_per_sale, min=2.0, max=100.0, step=1.0,
                                                   readout_format=".0f", description=text("itw.profit_per_sale"),
                                                   **slider),
        }
        super().__init__(controls)

    def compute(self) -> pd.DataFrame:
        return mailing_plan(self.gains, **self.values)

    def draw(self, result, ax) -> None:
        gains_chart(result, ax=ax)

    def describe(self, result) -> str:
        even = result.attrs["break_even"]
        mailed = result[result["mail"]]
        if mailed.empty:
            return f"<p style='font-size:1.2em'><b>{html.escape(text('itw.mailing.none', rate=even))}</b></p>"
        cells = ", ".join(str(c) for c in mailed.index)
        line = text("itw.mailing.line", rate=even, cells=cells, customers=int(mailed["customers"].sum()),
                    profit=float(mailed["profit"].sum()))
        return f"<p style='font-size:1.2em'><b>{html.escape(line)}</b></p>"


def mailing_planner(gains: pd.DataFrame | None = None, **options) -> MailingPlanner:
    """The mailing planner on the wellness launch of the retail chain (default) or your gains table.

    By default the members who joined before 2024 are scored for buying the new wellness
    category (:func:`crm_course.launch_table`, :func:`crm_course.purchase_likelihood`) and
    grouped in deciles (:func:`crm_course.gains_table`). Options: ``cost_per_piece``,
    ``profit_per_sale`` (CNY).

    >>> planner = mailing_planner()
    >>> round(planner.result.attrs["break_even"], 5), int(planner.result["mail"].sum())
    (0.01375, 9)
    """
    if gains is None:
        table = launch_table(load_dataset("retail_customers"), load_dataset("retail"))
        gains = gains_table(purchase_likelihood(table))
    return MailingPlanner(gains, **options)


def _criterion(code: str) -> str:
    try:
        return text(f"it.criterion.{code}")
    except LookupError:
        return code


class VendorEditor(Explorer):
    """CRM vendors ranked by weighted score as the weights of the criteria and the budget move.

    A weights panel (:class:`~crm_course.widgets._weights.WeightsPanel`) holds one slider per
    criterion (raw importances, divided by their sum); "start from" puts the lecture's
    weights (management needs first) or the feature-list trap on the sliders. ``.result`` is
    the :func:`vendor_ranking` table, ``.weights`` the weights in use.
    """

    figsize = (8.0, 4.6)
    PRESETS = {"management": VENDOR_WEIGHTS, "features": FEATURE_WEIGHTS}

    def __init__(self, vendors: pd.DataFrame, *, weights=None, budget: float = 1_000_000, users: int = 50,
                 years: int = 3):
        require_frame(vendors, "vendors")
        self.vendors, self.users, self.years = vendors, users, years
        self.panel = WeightsPanel(VENDOR_WEIGHTS if weights is None else weights, label=_criterion)
        preset = widgets.Dropdown(options=[(text(f"itw.weights.preset.{k}"), k) for k in self.PRESETS],
                                  value="management", description=text("itw.weights.preset"))
        preset.observe(lambda change: self._preset(change["new"]), names="value")
        self.preset = preset
        budget_slider = widgets.FloatSlider(budget, min=100_000, max=2_000_000, step=50_000, readout_format=",.0f",
                                            description=text("itw.budget"), continuous_update=False)
        super().__init__({**self.panel.controls, "budget": budget_slider})

    def layout(self) -> list[widgets.Widget]:
        # the weights first: the budget often leaves the chart as it is, a weight never does
        return [row([fit(self.preset)]), self.panel.widget, self.panel.status,
                row([fit(self.controls["budget"], track_px=200)])]

    def _preset(self, name: str) -> None:
        with self.quietly():
            self.panel.set(self.PRESETS[name])
        self.refresh()

    def refresh(self) -> None:
        super().refresh()
        self.panel.show()

    @property
    def weights(self) -> dict[str, float]:
        return self.panel.normalised()

    def compute(self) -> pd.DataFrame:
        return vendor_ranking(self.vendors, self.panel.raw, budget=self.controls["budget"].value, users=self.users,
                              years=self.years, normalize=True)

    def draw(self, result, ax) -> None:
        vendor_chart(result, ax=ax)

    def describe(self, result) -> str:
        chosen = result[result["choice"]]
        if chosen.empty:
            return f"<p><b>{html.escape(text('itw.vendors.none'))}</b></p>"
        pick = chosen.iloc[0]
        name = pick["product"] if "product" in result else pick.name
        line = text("itw.vendors.line", product=name, vendor=pick.name, score=pick["score"],
                    cost=pick.get("total_cost", float("nan")))
        return f"<p><b>{html.escape(line)}</b></p>"


def vendor_editor(vendors: pd.DataFrame | None = None, **options) -> VendorEditor:
    """The vendor scoring editor on the tender of ``crm_vendors`` (default) or your bids.

    Options: ``weights`` (criterion -> weight), ``budget`` (CNY), ``users``, ``years``.

    >>> editor = vendor_editor()
    >>> editor.result.index[0], editor.result.loc[editor.result["choice"]].index.tolist()
    ('V2', ['V2'])
    """
    return VendorEditor(load_dataset("crm_vendors") if vendors is None else vendors, **options)


class AllocationExplorer(Explorer):
    """A scarce brand shared over the outlets as the supply moves: units per class (the chart)
    and per outlet (the table), by the largest-remainder method.

    The outlets are classified once (``.classified``); ``.result`` is the
    :func:`outlet_allocation` table, its ``attrs['classes']`` the class table drawn.
    """

    figsize = (7.5, 4.4)

    def __init__(self, classified: pd.DataFrame, *, supply: int = 1000, weights=None):
        require_frame(classified, "classified")
        self.classified, self.weights = classified, weights
        super().__init__({"supply": widgets.IntSlider(supply, min=0, max=6000, step=10,
                                                      description=text("itw.supply"), continuous_update=False)})

    def compute(self) -> pd.DataFrame:
        return outlet_allocation(self.classified, self.values["supply"], weights=self.weights)

    def draw(self, result, ax) -> None:
        allocation_chart(result.attrs["classes"], ax=ax)

    def describe(self, result) -> str:
        per_outlet = result.groupby("class", observed=True)["units"].agg(["size", "min", "max"])
        rows = [[str(c), f"{n:,}", f"{low}" if low == high else f"{low}-{high}"]
                for c, (n, low, high) in per_outlet.iterrows()]
        head = [text("it.allocation.class"), text("itw.allocation.outlets"), text("itw.allocation.per_outlet")]
        return _table(head, rows, text("itw.allocation.caption", supply=result.attrs["supply"], outlets=len(result)))


def allocation_explorer(outlets: pd.DataFrame | None = None, **options) -> AllocationExplorer:
    """The allocation explorer on the tobacco distributor's 4,000 outlets (default) or yours.

    ``outlets`` as :func:`crm_course.outlet_classes` takes them; options ``supply`` and
    ``weights`` (class -> weight of one outlet, default :data:`crm_course.models.outlets.CLASS_WEIGHTS`).

    >>> explorer = allocation_explorer(supply=1000)
    >>> int(explorer.result["units"].sum())
    1000
    """
    outlets = load_dataset("retail_outlets") if outlets is None else outlets
    return AllocationExplorer(outlet_classes(outlets), **options)
