"""Widgets of the customer lifecycle: stages and their transitions, cohorts, retention projections
and the win-back plan. Each update calls one model function and one view function.

- :func:`closeness_explorer` (the start page's): lifecycle stages as the thresholds move;
- :func:`lifecycle_explorer`: stage counts at a date, or the transitions between two dates;
- :func:`cohort_explorer`: the acquisition-cohort heatmap of the real Online Retail invoices;
- :func:`retention_projector`: sBG and constant-retention projections from a few periods;
- :func:`winback_planner`: whom a contact budget wins back, and the value expected back.
"""

from __future__ import annotations

import html
import warnings

import ipywidgets as widgets
import pandas as pd

from .._validation import require_choice, require_columns, require_dates
from ..data.catalog import load_dataset
from ..i18n import text
from ..models.cohorts import cohort_survivors, cohort_table
from ..models.lifecycle import LAPSED_AFTER, LOYAL_FROM, STAGES, lifecycle_stages, stage_transitions
from ..models.migration import winback_budget, winback_priority
from ..models.retention import FADER_HARDIE_2007, retention_projection
from ..views.lifecycle import cohort_heatmap, retention_projection_plot, stage_bar, transition_heatmap, winback_plot
from ._base import Explorer, fit, row
from .value import _table  # the same small HTML table as the value widgets

__all__ = [
    "ClosenessExplorer", "LifecycleExplorer", "CohortExplorer", "RetentionProjector", "WinbackPlanner",
    "closeness_explorer", "lifecycle_explorer", "cohort_explorer", "retention_projector", "winback_planner",
    "ONLINE_RETAIL_COHORTS",
]

ONLINE_RETAIL_COHORTS = ("2011-01", "2011-02", "2011-03")  # first cohorts after the data's start (2010-12 is not one)
def _stage_rows(stages: pd.Series) -> list[list[str]]:
    counts = pd.Series(stages).value_counts().reindex(STAGES, fill_value=0)
    total = max(int(counts.sum()), 1)
    return [[text(f"lifecycle.stage.{code}"), f"{n:,}", f"{n / total:.1%}"] for code, n in counts.items() if n]


def _threshold_sliders(lapsed_after: int, loyal_from: int) -> dict[str, widgets.IntSlider]:
    return {
        "lapsed_after": widgets.IntSlider(lapsed_after, min=30, max=720, step=30, continuous_update=False,
                                          description=text("closeness.slider")),
        "loyal_from": widgets.IntSlider(loyal_from, min=2, max=10, continuous_update=False,
                                        description=text("closeness.loyal_slider")),
    }


class ClosenessExplorer(Explorer):
    """How many customers are potential, first-time, repeat, loyal or lost as the thresholds move:
    :func:`crm.lifecycle_stages` drawn by :func:`stage_bar`. ``.result`` is the stages Series."""

    def __init__(self, tx: pd.DataFrame, members=None, *, lapsed_after: int = LAPSED_AFTER,
                 loyal_from: int = LOYAL_FROM, as_of=None):
        self.tx, self.members, self.as_of = tx, members, as_of
        super().__init__(_threshold_sliders(lapsed_after, loyal_from))

    def compute(self) -> pd.Series:
        return lifecycle_stages(self.tx, members=self.members, as_of=self.as_of, **self.values)

    def draw(self, result, ax) -> None:
        stage_bar(result, ax=ax)


def closeness_explorer(tx: pd.DataFrame | None = None, members=None, **options) -> ClosenessExplorer:
    """The start page's widget; on the retail data (with its never-buying members) by default.

    Options: ``lapsed_after`` (days), ``loyal_from`` (consecutive purchases), ``as_of``.

    >>> explorer = closeness_explorer(lapsed_after=90)
    >>> int(explorer.result.value_counts().sum()) == len(explorer.members)
    True
    """
    if tx is None:
        tx = load_dataset("retail")
        members = load_dataset("retail_customers")["customer_id"] if members is None else members
    return ClosenessExplorer(tx, members, **options)


def _month_ends(days: pd.Series) -> list[pd.Timestamp]:
    """The last day of every month of the data; the data's last day for its last month."""
    ends = pd.period_range(days.min(), days.max(), freq="M").to_timestamp(how="end").normalize()
    return [*ends[:-1], days.max()]


class LifecycleExplorer(Explorer):
    """Stage counts at the end date (view "stages": :func:`crm.lifecycle_stages` and
    :func:`stage_bar`), or where the customers of the start date went by the end date (view
    "transitions": :func:`crm.stage_transitions` and :func:`transition_heatmap`), as the
    thresholds and the two dates (month ends) move. ``.result`` is the stages Series or the
    transition table."""

    figsize = (8.5, 4.6)

    def __init__(self, tx: pd.DataFrame, members=None, *, targets=None, lapsed_after: int = LAPSED_AFTER,
                 loyal_from: int = LOYAL_FROM, start=None, end=None, view: str = "stages", normalize: bool = False,
                 customer: str = "customer_id", date: str = "date"):
        require_choice(view, ("stages", "transitions"), "view")
        require_columns(tx, {"customer": customer, "date": date}, "tx")
        self.tx, self.members, self.targets = tx, members, targets
        self.columns = {"customer": customer, "date": date}
        days = require_dates(tx[date], "date", "tx").dt.normalize()
        ends = _month_ends(days)
        options = [(f"{day:%Y-%m-%d}", day) for day in ends]
        end = ends[-1] if end is None else min(ends, key=lambda day: abs(day - pd.Timestamp(end)))
        start = ends[max(0, len(ends) - 7)] if start is None else min(ends, key=lambda d: abs(d - pd.Timestamp(start)))
        controls = _threshold_sliders(lapsed_after, loyal_from)
        controls["end"] = widgets.SelectionSlider(options=options, value=end, description=text("lifecycle.end_date"),
                                                  continuous_update=False)
        controls["start"] = widgets.SelectionSlider(options=options, value=start,
                                                    description=text("lifecycle.start_date"), continuous_update=False)
        controls["view"] = widgets.ToggleButtons(
            options=[(text(f"lifecycle.view.{code}"), code) for code in ("stages", "transitions")], value=view,
            description=text("lifecycle.view"), style={"button_width": "auto"})
        controls["normalize"] = widgets.Checkbox(normalize, description=text("lifecycle.row_shares"), indent=False)
        self._transition_only = (controls["start"], controls["normalize"])
        controls["view"].observe(lambda change: self._view_changed(change["new"]), names="value")
        self._view_changed(view)
        super().__init__(controls)

    def _view_changed(self, view: str) -> None:
        """The start date and row shares matter for the transitions only: greyed out in the stage view."""
        for control in self._transition_only:
            control.disabled = view == "stages"

    def layout(self) -> list[widgets.Widget]:
        c = self.controls
        return [row([fit(c["lapsed_after"]), fit(c["loyal_from"])]),
                row([fit(c["end"], track_px=200), fit(c["start"], track_px=200)]),
                row([c["view"], fit(c["normalize"], track_px=160)])]

    def compute(self):
        v = self.values
        options = dict(members=self.members, targets=self.targets, lapsed_after=v["lapsed_after"],
                       loyal_from=v["loyal_from"], **self.columns)
        if v["view"] == "stages":
            return lifecycle_stages(self.tx, as_of=v["end"], **options)
        return stage_transitions(self.tx, start=v["start"], end=v["end"], normalize=v["normalize"], **options)

    def draw(self, result, ax) -> None:
        if isinstance(result, pd.Series):
            stage_bar(result, ax=ax)
        else:
            transition_heatmap(result, ax=ax)

    def describe(self, result) -> str:
        if isinstance(result, pd.Series):
            head = [text(key) for key in ("lifecycle.stage", "lifecycle.customers", "lifecycle.share")]
            return _table(head, _stage_rows(result))
        if result.attrs["normalize"]:
            return ""
        summary = text("lifecycle.transitions_summary", customers=result.attrs["customers"],
                       stayed=int(sum(result.loc[code, code] for code in STAGES)), new=int(result.loc["new"].sum()))
        return f"<p>{html.escape(summary)}</p>"


def lifecycle_explorer(tx: pd.DataFrame | None = None, members=None, **options) -> LifecycleExplorer:
    """Lifecycle stages and their transitions to explore; on the retail data and its members by default.

    Options: ``targets``, ``lapsed_after``, ``loyal_from``, ``start`` and ``end`` (moved to the
    nearest month end), ``view`` ("stages" or "transitions"), ``normalize`` (row shares), and
    the column names ``customer``, ``date``.

    >>> explorer = lifecycle_explorer(view="transitions")
    >>> int(explorer.result.to_numpy().sum()) == explorer.result.attrs["customers"]
    True
    """
    if tx is None:
        tx = load_dataset("retail")
        members = load_dataset("retail_customers")["customer_id"] if members is None else members
    return LifecycleExplorer(tx, members, **options)


class CohortExplorer(Explorer):
    """The acquisition-cohort table (:func:`crm.cohort_table`, drawn by :func:`cohort_heatmap`) of
    the invoices up to a month end, by month or quarter, as active customers, their share of the
    cohort or revenue. Moving the month end back shows the table as it looked then.
    ``.result`` is the cohort table.

    On the shipped Online Retail invoices, cancelled invoices are left out (as the data card
    says: they count neither as purchases nor for cohorts), so revenue is that of the purchases.
    """

    figsize = (9.0, 5.2)

    def __init__(self, tx: pd.DataFrame, *, period: str = "M", metric: str = "share", up_to=None,
                 customer: str = "customer_id", date: str = "date", amount: str = "amount"):
        require_choice(period, ("M", "Q"), "period")
        require_choice(metric, ("customers", "share", "revenue"), "metric")
        require_columns(tx, {"customer": customer, "date": date}, "tx")
        self.tx, self.columns = tx, {"customer": customer, "date": date, "amount": amount}
        self.days = require_dates(tx[date], "date", "tx").dt.normalize()
        ends = _month_ends(self.days)[2:]  # at least three months of data
        options = [(f"{day:%Y-%m}", day) for day in ends]
        up_to = ends[-1] if up_to is None else min(ends, key=lambda day: abs(day - pd.Timestamp(up_to)))
        super().__init__({
            "up_to": widgets.SelectionSlider(options=options, value=up_to, description=text("cohort.up_to"),
                                             continuous_update=False),
            "period": widgets.Dropdown(options=[(text(f"cohort.period.{p}"), p) for p in ("M", "Q")], value=period,
                                       description=text("cohort.period_control")),
            "metric": widgets.Dropdown(options=[(text(f"cohort.metric.{m}"), m) for m in ("share", "customers", "revenue")],
                                       value=metric, description=text("cohort.metric")),
        })

    def layout(self) -> list[widgets.Widget]:
        c = self.controls
        return [row([fit(c["up_to"], track_px=220)]), row([fit(c["period"], track_px=110), fit(c["metric"])])]

    def compute(self) -> pd.DataFrame:
        v = self.values
        return cohort_table(self.tx[self.days <= v["up_to"]], period=v["period"], metric=v["metric"], **self.columns)

    def draw(self, result, ax) -> None:
        cohort_heatmap(result, ax=ax)

    def describe(self, result) -> str:
        sizes = result.attrs["sizes"]
        return f"<p>{html.escape(text('cohort.summary', cohorts=len(sizes), customers=sum(sizes.values())))}</p>"


def cohort_explorer(tx: pd.DataFrame | None = None, **options) -> CohortExplorer:
    """The cohort heatmap to explore; on the Online Retail invoices without cancellations by default.

    Options: ``period`` ("M" or "Q"), ``metric`` ("share", "customers" or "revenue"), ``up_to``
    (a date: the data up to its month end), and the column names ``customer``, ``date``, ``amount``.

    >>> explorer = cohort_explorer(period="Q", metric="customers")
    >>> explorer.result.iloc[1, 0] == explorer.result.attrs["sizes"]["2011Q1"]
    np.True_
    """
    if tx is None:
        invoices = load_dataset("online_retail")
        tx = invoices[~invoices["cancelled"]]
    return CohortExplorer(tx, **options)


class RetentionProjector(Explorer):
    """sBG and constant-retention projections fitted on the first periods of a cohort's survivors
    (:func:`crm.retention_projection`, drawn by :func:`retention_projection_plot`), against what
    actually happened. Cohorts: the two of Fader & Hardie (2007), years 0-12, and Online Retail
    acquisition months (customers whose last purchase is in month t or later). A fit the data do
    not identify (the model's RuntimeWarning) is said under the figure, and kept in
    ``.result.attrs["warning"]``. ``.result`` is the projection table; ``.cohorts`` the survivors
    by cohort name."""

    figsize = (8.5, 4.6)

    def __init__(self, cohorts: dict[str, list[int]] | None = None, *, cohort: str | None = None, calibration: int = 7):
        self.cohorts = dict(cohorts) if cohorts is not None else _default_cohorts()
        if not self.cohorts:
            raise ValueError("`cohorts` is empty: pass a dict of cohort name -> survivors at t = 0, 1, 2, ...")
        names = list(self.cohorts)
        cohort = names[0] if cohort is None else cohort
        require_choice(cohort, names, "cohort")
        last = len(self.cohorts[cohort]) - 1
        self._projections: dict[tuple[str, int], pd.DataFrame] = {}  # a setting seen before is not fitted again
        controls = {
            "calibration": widgets.IntSlider(min(max(int(calibration), 1), last), min=1, max=last,
                                             description=text("retention.calibration"), continuous_update=False),
            "cohort": widgets.Dropdown(options=[(_cohort_label(name), name) for name in names], value=cohort,
                                       description=text("retention.cohort")),
        }
        controls["cohort"].observe(lambda change: self._cohort_changed(change["new"]), names="value")
        super().__init__(controls)

    def _cohort_changed(self, name: str) -> None:
        """Fit the calibration slider to the new cohort's length without an extra redraw."""
        slider = self.controls["calibration"]
        with self.quietly():
            slider.max = len(self.cohorts[name]) - 1

    def refresh(self) -> None:
        super().refresh()
        self._fit_neighbours()

    def _fit_neighbours(self) -> None:
        """Fit the calibrations one step either side, after the figure is sent, so the next arrow
        key finds its projection ready (a fit takes 15-80 ms); one that fails is left for
        ``compute`` to report when it is chosen."""
        slider = self.controls["calibration"]
        for calibration in (slider.value + 1, slider.value - 1):
            if slider.min <= calibration <= slider.max:
                try:
                    self._projection(self.values["cohort"], calibration)
                except Exception:  # noqa: BLE001 - reported by compute if the class picks it
                    pass

    def compute(self) -> pd.DataFrame:
        return self._projection(self.values["cohort"], self.values["calibration"])

    def _projection(self, cohort: str, calibration: int) -> pd.DataFrame:
        key = (cohort, calibration)
        if key not in self._projections:
            with warnings.catch_warnings(record=True) as caught:  # shown under the figure, not in a log
                warnings.simplefilter("always", RuntimeWarning)
                table = retention_projection(self.cohorts[cohort], calibration=calibration)
            notes = [str(w.message) for w in caught if issubclass(w.category, RuntimeWarning)]
            table.attrs["warning"] = notes[0] if notes else None
            self._projections[key] = table
        return self._projections[key]

    def draw(self, result, ax) -> None:
        retention_projection_plot(result, ax=ax)

    def describe(self, result) -> str:
        last = result.index.max()
        a = result.attrs
        summary = "<p>" + html.escape(text(
            "retention.summary", alpha=a["alpha"], beta=a["beta"], r=a["geometric_retention"], t=last,
            actual=result.loc[last, "actual"], sbg=result.loc[last, "sbg"], geometric=result.loc[last, "geometric"],
        )) + "</p>"
        if a.get("warning"):
            summary += f"<p style='color:#b35900'>⚠ {html.escape(text('retention.unsure', message=a['warning']))}</p>"
        return summary


def _cohort_label(name: str) -> str:
    if name in FADER_HARDIE_2007:
        return text(f"retention.cohort.{name}")
    return text("retention.cohort.online_retail", cohort=name)


def _default_cohorts() -> dict[str, list[int]]:
    invoices = load_dataset("online_retail")
    table = cohort_table(invoices[~invoices["cancelled"]], metric="survivors")
    cohorts = {name: list(values) for name, values in FADER_HARDIE_2007.items()}
    for name in ONLINE_RETAIL_COHORTS:
        cohorts[name] = cohort_survivors(table, cohort=name).tolist()
    return cohorts


def retention_projector(cohorts: dict[str, list[int]] | None = None, **options) -> RetentionProjector:
    """The retention projector: Fader & Hardie's cohorts and Online Retail months by default, or
    your ``cohorts`` (name -> survivors at t = 0, 1, 2, ..., the first the cohort size).

    Options: ``cohort`` (the name shown first), ``calibration`` (periods the fit uses).

    >>> projector = retention_projector()
    >>> round(projector.result.loc[12, "sbg"])   # the paper's high-end cohort, fitted on years 0-7
    378
    """
    return RetentionProjector(cohorts, **options)


class WinbackPlanner(Explorer):
    """Whom a contact budget wins back: lost customers ranked by P(alive) x past value
    (:func:`crm.winback_priority`, with its BG/NBD fit made once, at construction), the budget
    applied by :func:`crm.winback_budget` at every move and drawn by :func:`winback_plot`.
    ``.result`` is the plan; ``.ranking`` the ranked lost customers it starts from."""

    figsize = (8.5, 4.6)

    def __init__(self, tx: pd.DataFrame | None, *, plan: pd.DataFrame | None = None, budget: float = 1000,
                 contact_cost: float = 20, as_of=None, lapsed_after: int = LAPSED_AFTER, customer: str = "customer_id",
                 date: str = "date", amount: str = "amount"):
        if plan is None:
            self.ranking = winback_priority(tx, budget=budget, contact_cost=contact_cost, as_of=as_of,
                                            lapsed_after=lapsed_after, customer=customer, date=date, amount=amount)
        else:  # a plan made by hand already holds the ranking: no second BG/NBD fit
            self.ranking = winback_budget(plan, budget=budget, contact_cost=contact_cost)
        super().__init__({
            "budget": widgets.FloatSlider(budget, min=0, max=5000, step=100, readout_format=",.0f",
                                          description=text("winback.budget"), continuous_update=False),
            "contact_cost": widgets.FloatSlider(contact_cost, min=1, max=50, step=1, readout_format=",.0f",
                                                description=text("winback.contact_cost"), continuous_update=False),
        })

    def compute(self) -> pd.DataFrame:
        return winback_budget(self.ranking, **self.values)

    def draw(self, result, ax) -> None:
        winback_plot(result, top=max(50, result.attrs["contacted"] + 25), ax=ax)  # the contacted and the next 25

    def describe(self, result) -> str:
        chosen = result[result["contact"]]
        counts = chosen["strategy"].value_counts()
        worth = chosen.groupby("strategy")["worth"].sum()
        rows = [[text(f"winback.strategy.{code}"), f"{counts[code]:,}", f"{worth[code]:,.0f}"] for code in counts.index]
        a = result.attrs
        caption = text("winback.summary", contacted=a["contacted"], lost=a["lost"], spent=a["spent"],
                       worth=a["worth_contacted"], net=a["worth_contacted"] - a["spent"])
        head = [text(key) for key in ("winback.strategy", "lifecycle.customers", "winback.worth")]
        return _table(head, rows, caption)


def winback_planner(tx: pd.DataFrame | None = None, **options) -> WinbackPlanner:
    """The win-back planner; on the retail data by default (its BG/NBD fit is well identified).

    Options: ``plan`` (a :func:`crm.winback_priority` result to start from, instead of ranking
    ``tx`` again), ``budget``, ``contact_cost``, ``as_of``, ``lapsed_after`` and the column names.

    >>> planner = winback_planner()
    >>> planner.result.attrs["contacted"]   # a budget of 1,000 at 20 per contact
    50
    """
    if tx is None and options.get("plan") is None:
        tx = load_dataset("retail")
    return WinbackPlanner(tx, **options)

