"""Widgets of the strategy chapter: the scoring-matrix editor, the growth-matrix explorer and the
strategic analysis checklist form."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from .._validation import require_columns, require_dates, require_frame
from ..data.catalog import load_dataset
from ..i18n import text
from ..models.checklist import CHECKLIST, _check_answers, checklist_markdown
from ..models.growth import growth_matrix
from ..models.scoring import (
    BURNETT_ATTRACTIVENESS,
    BURNETT_RELATIONSHIP,
    DEFAULT_CUTS,
    burnett_analysis,
)
from ..views.strategy import burnett_plot, growth_plot
from ._base import Explorer, fit, row, stylesheet, text_px
from ._weights import WeightsPanel

__all__ = [
    "ATTRACTIVENESS_GROUPS",
    "BurnettEditor",
    "GrowthExplorer",
    "ChecklistForm",
    "burnett_editor",
    "growth_explorer",
    "checklist_form",
]

# The four indicator groups of customer attractiveness, as on the lecture's scoring form.
ATTRACTIVENESS_GROUPS: dict[str, tuple[str, ...]] = {
    "business": ("transaction_volume", "lifecycle_stage", "market_expansion", "supplier_relations",
                 "organisation_efficiency", "overall_impression"),
    "products": ("product_lifecycle", "product_complexity", "value_adding_potential", "technology_content",
                 "differentiation"),
    "industry": ("industry_profitability", "quality_sensitivity", "vertical_integration"),
    "joint_profit": ("cost_structure", "improvement_room", "margin_effect", "resource_fit"),
}
DIMENSIONS = ("attractiveness", "relationship")


def _indicator_label(code: str) -> str:
    try:
        return text(f"burnett.indicator.{code}")
    except LookupError:
        return code


def _grouped(weights: dict[str, float], dimension: str) -> list[tuple[str, list[str]]]:
    """(group key, indicators) for the sliders: the form's groups, then anything else."""
    if dimension == "relationship":
        return [("relationship", list(weights))]
    groups = [(g, [i for i in members if i in weights]) for g, members in ATTRACTIVENESS_GROUPS.items()]
    others = [i for i in weights if not any(i in members for members in ATTRACTIVENESS_GROUPS.values())]
    return [(g, members) for g, members in groups if members] + ([("other", others)] if others else [])


class BurnettEditor(Explorer):
    """The Burnett key-account matrix with every weight on a slider and each account's scores editable.

    One weights panel per dimension (:class:`~crm_course.widgets._weights.WeightsPanel`,
    ``.panels``): the sliders are raw importances, each divided by their sum
    (``burnett_analysis(..., normalize=True)``), with the weights actually used beside them and
    the sum under the tabs. ``.result`` is the :func:`burnett_analysis` table (with the size
    column), ``.scores`` the (edited) indicator scores, ``.weights`` the normalised weights in use.
    """

    figsize = (9.0, 7.6)

    def __init__(self, accounts: pd.DataFrame, *, size: str | None = "revenue", attractiveness_weights=None,
                 relationship_weights=None, cuts=DEFAULT_CUTS, grid=None):
        given = {"attractiveness": attractiveness_weights, "relationship": relationship_weights}
        starting = {"attractiveness": BURNETT_ATTRACTIVENESS, "relationship": BURNETT_RELATIONSHIP}
        self.defaults = {d: dict(starting[d] if given[d] is None else given[d]) for d in DIMENSIONS}
        self.dimension_of = {i: d for d in DIMENSIONS for i in self.defaults[d]}
        indicators = list(self.dimension_of)
        require_columns(accounts, {"size": size}, "accounts")
        unscored = [i for i in indicators if i not in accounts.columns]
        if unscored:
            raise ValueError(
                f"`accounts` has no score column for indicator(s) {unscored}. Its columns are: "
                f"{list(map(str, accounts.columns))}. Add the scores or pass weights without those indicators."
            )
        self.accounts, self.size, self.cuts, self.grid = accounts, size, cuts, grid
        self.scores = accounts[indicators + ([size] if size else [])].astype({i: float for i in indicators})

        self.panels = {d: WeightsPanel(self.defaults[d], label=_indicator_label,
                                       status_keys=("editor.sum_ok", "editor.sum_rescaled", "editor.sum_zero"),
                                       status_fields={"dimension": text(f"burnett.{d}")})
                       for d in DIMENSIONS}
        self.labels = {i: label for p in self.panels.values() for i, label in p.labels.items()}
        self.used = {i: used for p in self.panels.values() for i, used in p.used.items()}
        controls = {i: slider for p in self.panels.values() for i, slider in p.controls.items()}
        names = accounts["name"] if "name" in accounts.columns else pd.Series("", index=accounts.index)
        controls["account"] = widgets.Dropdown(
            options=[(f"{a} {n}".strip(), a) for a, n in zip(accounts.index, names)],
            description=text("editor.account"))
        controls["indicator"] = widgets.Dropdown(options=[(_indicator_label(i), i) for i in indicators],
                                                 description=text("editor.indicator"))
        first = self.scores.iloc[0][indicators[0]]
        controls["score"] = widgets.FloatSlider(first, min=1, max=5, step=0.5, readout_format=".1f",
                                                continuous_update=False, description=text("editor.score"))
        # Registered before Explorer's refresh handlers, so the data is up to date when it redraws.
        controls["account"].observe(lambda _: self._show_score(), names="value")
        controls["indicator"].observe(lambda _: self._show_score(), names="value")
        controls["score"].observe(lambda _: self._store_score(), names="value")
        self.status = widgets.VBox([p.status for p in self.panels.values()])
        self.reset_button = widgets.Button(description=text("editor.reset"), icon="undo")
        self.reset_button.layout.width = f"{text_px(text('editor.reset')) + 40}px"
        self.reset_button.on_click(lambda _: self.reset())
        super().__init__(controls)

    def layout(self) -> list[widgets.Widget]:
        """A tab per dimension with its weights in one column (attractiveness: an accordion of the
        form's four groups), a tab for the accounts' scores; the weights' sums under the tabs."""
        pages = []
        for dimension, panel in self.panels.items():
            groups = _grouped(self.defaults[dimension], dimension)
            columns = panel.grids(members for _, members in groups)
            if len(columns) == 1:
                pages.append(columns[0])
            else:
                pages.append(widgets.Accordion(children=columns, selected_index=0,
                                               titles=[self._group_title(g, dimension) for g, _ in groups]))
        pages.append(row([fit(self.controls["account"]), fit(self.controls["indicator"]),
                          fit(self.controls["score"], track_px=140)]))
        titles = [text(f"editor.tab.{key}") for key in (*DIMENSIONS, "scores")]
        return [widgets.Tab(children=pages, titles=titles), self.status, self.reset_button]

    @staticmethod
    def _group_title(group: str, dimension: str) -> str:
        return text(f"editor.group.{group}") if group != "other" else text(f"burnett.{dimension}")

    def _show_score(self) -> None:
        with self.quietly():
            account, indicator = self.controls["account"].value, self.controls["indicator"].value
            self.controls["score"].value = self.scores.loc[account, indicator]

    def _store_score(self) -> None:
        if not self._quiet:
            account, indicator = self.controls["account"].value, self.controls["indicator"].value
            self.scores.loc[account, indicator] = self.controls["score"].value

    def reset(self) -> None:
        """Back to the starting weights and the accounts' original scores."""
        with self.quietly():
            for dimension, panel in self.panels.items():
                panel.set(self.defaults[dimension])
            self.scores[list(self.dimension_of)] = self.accounts[list(self.dimension_of)].astype(float)
            self._show_score()
        self.refresh()

    @property
    def raw_weights(self) -> dict[str, dict[str, float]]:
        """The sliders' values by dimension, before normalising."""
        return {d: panel.raw for d, panel in self.panels.items()}

    @property
    def weights(self) -> dict[str, pd.Series]:
        """The weights in use by dimension: the sliders divided by their sum (all 0 when it is 0)."""
        return {d: pd.Series(panel.normalised(), name="weight", dtype=float) for d, panel in self.panels.items()}

    def compute(self) -> pd.DataFrame:
        weights = self.raw_weights
        return burnett_analysis(self.scores, attractiveness_weights=weights["attractiveness"],
                                relationship_weights=weights["relationship"], normalize=True, cuts=self.cuts,
                                grid=self.grid, size=self.size)

    def draw(self, result, ax) -> None:
        burnett_plot(result, highlight=self.controls["account"].value, ax=ax)

    def describe(self, result) -> str:
        row = result.loc[self.controls["account"].value]
        line = text("editor.account_line", account=row.name, attractiveness=f"{row['attractiveness']:.2f}",
                    a_level=text(f"burnett.level.{row['attractiveness_level']}"),
                    relationship=f"{row['relationship']:.2f}",
                    r_level=text(f"burnett.level.{row['relationship_level']}"),
                    strategy=self._strategy(row["strategy"]))
        counts = result["strategy"].value_counts()
        cells = "".join(f"<td style='padding:0 10px'>{html.escape(self._strategy(code))}: <b>{n}</b></td>"
                        for code, n in counts.items())
        return (f"<p><b>{html.escape(line)}</b></p><p>{html.escape(text('editor.counts'))}:</p>"
                f"<table><tr>{cells}</tr></table>")

    @staticmethod
    def _strategy(code: str) -> str:
        try:
            return text(f"burnett.strategy.{code}")
        except LookupError:
            return code

    def refresh(self) -> None:
        super().refresh()
        for panel in self.panels.values():
            panel.show()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"BurnettEditor(account={self.controls['account'].value!r}, accounts={len(self.scores)})"
        return bundle


class GrowthExplorer(Explorer):
    """The customer growth matrix as the start of the 'new' period moves month by month."""

    figsize = (7.5, 5.4)

    def __init__(self, tx: pd.DataFrame, *, split="2024-01-01", customer: str = "customer_id",
                 product: str = "category", amount: str = "amount", date: str = "date"):
        require_columns(tx, {"date": date}, "tx")
        self.tx = tx
        self.columns = {"customer": customer, "product": product, "amount": amount, "date": date}
        dates = require_dates(tx[date], "date", "tx")
        months = pd.date_range(dates.min() + pd.offsets.MonthBegin(1), dates.max(), freq="MS")
        options = [month.date().isoformat() for month in months]
        split = pd.Timestamp(split).date().isoformat()
        if split not in options:
            raise ValueError(
                f"`split` must be the first day of a month inside the data, from {options[0]} to {options[-1]}, "
                f"but {split!r} was passed."
            )
        super().__init__({
            "split": widgets.SelectionSlider(options=options, value=split, description=text("growth.split_slider"),
                                             continuous_update=False),
        })

    def layout(self) -> list[widgets.Widget]:
        return [row([fit(self.controls["split"], track_px=300)])]

    def compute(self) -> pd.DataFrame:
        return growth_matrix(self.tx, split=self.values["split"], **self.columns)

    def draw(self, result, ax) -> None:
        growth_plot(result, split=self.values["split"], ax=ax)

    def describe(self, result) -> str:
        head = "".join(f"<th style='padding:0 10px'>{html.escape(text(k))}</th>"
                       for k in ("growth.cell", "growth.revenue", "growth.share", "growth.buyers"))
        rows = "".join(
            f"<tr><td style='padding:0 10px'>{html.escape(text(f'growth.cell.{r.cell}'))}</td>"
            f"<td style='text-align:right;padding:0 10px'>{r.revenue:,.0f}</td>"
            f"<td style='text-align:right;padding:0 10px'>{r.share:.1%}</td>"
            f"<td style='text-align:right;padding:0 10px'>{r.buyers:,}</td></tr>"
            for r in result.itertuples()
        )
        return f"<table><tr>{head}</tr>{rows}</table>"


class ChecklistForm:
    """The strategic analysis checklist as a form: a text box per question, a tab per area, a Save button.

    ``.answers`` holds the texts typed so far, ``.to_markdown()`` the filled checklist as
    Markdown, ``.save(path)`` writes it to a file (the Save button does the same with the
    file name in its box).
    """

    def __init__(self, *, firm: str = "", answers=None, path: str = "strategy_checklist.md"):
        given = _check_answers({} if answers is None else answers)
        self.firm = fit(widgets.Text(firm, description=text("checklist.firm")), track_px=360)
        self.boxes = {
            f"{area}.{question}": widgets.Textarea(given.get(f"{area}.{question}", ""),
                                                   placeholder=text("checklist.placeholder"),
                                                   layout={"width": "95%", "height": "60px"})
            for area, questions in CHECKLIST.items() for question in questions
        }
        pages = [
            widgets.VBox([part for question in questions for part in (
                widgets.HTML(f"<b>{html.escape(text(f'checklist.q.{area}.{question}'))}</b>"),
                self.boxes[f"{area}.{question}"])])
            for area, questions in CHECKLIST.items()
        ]
        tabs = widgets.Tab(children=pages, titles=[text(f"checklist.area.{area}") for area in CHECKLIST])
        self.path = fit(widgets.Text(path, description=text("checklist.file")), track_px=280)
        self.button = widgets.Button(description=text("checklist.save"), icon="save", button_style="primary",
                                     layout={"width": f"{text_px(text('checklist.save')) + 40}px"})
        self.button.on_click(lambda _: self._save_clicked())
        self.status = widgets.HTML()
        self.widget = widgets.VBox([stylesheet(), self.firm, tabs, row([self.path, self.button]), self.status])
        self.widget.add_class("crm-explorer")
        self.widget.add_class("crm-checklistform")

    @property
    def answers(self) -> dict[str, str]:
        """The text of every question's box, by key ``"<area>.<question>"``."""
        return {key: box.value for key, box in self.boxes.items()}

    def to_markdown(self) -> str:
        """The filled checklist as Markdown, in the language in force."""
        return checklist_markdown(self.answers, firm=self.firm.value)

    def save(self, path=None) -> Path:
        """Write the Markdown to ``path`` (default: the file name in the form); return the path."""
        target = Path(self.path.value if path is None else path)
        target.write_text(self.to_markdown(), encoding="utf-8")
        return target

    def _save_clicked(self) -> None:
        try:
            saved = self.save()
        except OSError as error:
            self.status.value = (f'<p style="color:#b30000">⚠ '
                                 f'{html.escape(text("checklist.save_failed", error=error))}</p>')
        else:
            self.status.value = f'<p style="color:#2b8a3e">{html.escape(text("checklist.saved", path=saved))}</p>'

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = f"ChecklistForm(firm={self.firm.value!r})"
        bundle["text/markdown"] = self.to_markdown()
        return bundle


def burnett_editor(accounts: pd.DataFrame | None = None, *, account: str = "account_id", **options) -> BurnettEditor:
    """The scoring-matrix editor on the key accounts (default) or your own table of indicator scores.

    ``accounts`` has one row per account; the ``account`` column, if present, names them
    (else the index does). ``options`` go to :class:`BurnettEditor` (size, weights, cuts, grid).

    >>> editor = burnett_editor()
    >>> editor.result.loc["K04", "strategy"]
    'defend_maintain'
    """
    accounts = load_dataset("key_accounts") if accounts is None else accounts
    require_frame(accounts, "accounts")
    if account in accounts.columns:
        accounts = accounts.set_index(account)
    return BurnettEditor(accounts, **options)


def growth_explorer(tx: pd.DataFrame | None = None, **options) -> GrowthExplorer:
    """The growth-matrix explorer on the retail transactions (default) or your own.

    >>> explorer = growth_explorer()
    >>> explorer.result.set_index("cell").loc["expansion", "share"].round(3)
    np.float64(0.078)
    """
    return GrowthExplorer(load_dataset("retail") if tx is None else tx, **options)


def checklist_form(**options) -> ChecklistForm:
    """The strategic analysis checklist form (``firm=``, ``answers=``, ``path=``).

    >>> form = checklist_form(firm="Huaxin Logistics", answers={"industry.trends": "Cold chain grows fast."})
    >>> form.to_markdown().splitlines()[0]
    '# Strategic analysis checklist: Huaxin Logistics'
    """
    return ChecklistForm(**options)
