"""Widgets of the culture chapter: the SERVQUAL gap explorer, the satisfaction-trap explorer, the NPS
explorer and the customer-orientation self-audit form."""

from __future__ import annotations

import html
from collections.abc import Mapping

import ipywidgets as widgets
import pandas as pd

from .._validation import require_choice, require_columns, require_frame, require_number
from ..data.catalog import load_dataset
from ..i18n import text
from ..models.culture import CULTURE_AUDIT_AREAS, culture_audit, culture_audit_criteria
from ..models.loyalty import nps_breakdown
from ..models.satisfaction import (
    SERVQUAL_DIMENSIONS,
    TRAP_BENCHMARKS,
    satisfaction_trap,
    servqual_summary,
    servqual_weights,
)
from ..views.culture import (
    audit_profile,
    nps_bar,
    satisfaction_trap_chart,
    servqual_gap_bars,
    trap_benchmarks_chart,
)
from ._base import Explorer, fit, row, text_px
from ._weights import WeightsPanel

__all__ = [
    "GapExplorer",
    "TrapExplorer",
    "NPSExplorer",
    "AuditForm",
    "gap_explorer",
    "trap_explorer",
    "nps_explorer",
    "audit_form",
]

FORMATS = ("convenience", "grocery", "tobacco_liquor", "supermarket")
GROUPS = ("all", "stayed", "defected")
_CELL = "padding:0 10px"
_NUMBER = "text-align:right;padding:0 10px"


def _survey(survey) -> pd.DataFrame:
    if survey is None:
        return load_dataset("service_survey")
    require_frame(survey, "survey")
    return survey


def _dimension(code: str) -> str:
    try:
        return text(f"servqual.dimension.{code}")
    except LookupError:
        return str(code)


def _button(key: str, icon: str) -> widgets.Button:
    label = text(key)
    return widgets.Button(description=label, icon=icon, layout={"width": f"{text_px(label) + 40}px"})


def _mean_points(survey: pd.DataFrame) -> dict[str, int]:
    """The survey's mean importance as whole points summing to 100 (largest remainders)."""
    exact = servqual_weights(survey) * 100
    points = exact.astype(int)
    short = 100 - int(points.sum())
    for dimension in (exact - points).sort_values(ascending=False, kind="stable").index[:short]:
        points[dimension] += 1
    return {d: int(p) for d, p in points.items()}


class GapExplorer(Explorer):
    """The weighted SERVQUAL index and the dimension to improve first, as the importance points move.

    A weights panel (:class:`~crm_course.widgets._weights.WeightsPanel`, whole points 0-100 meant
    to add up to 100) holds one slider per dimension. The weights used are the points divided by
    their sum, shown beside each slider; a status line above the figure says when the points do
    not add up to 100 (they are then rescaled), and all points at 0 is refused there. ``.result``
    is the :func:`servqual_summary` table, ``.weights`` the weights in use.
    """

    figsize = (7.5, 3.6)

    def __init__(self, survey: pd.DataFrame, *, points: Mapping[str, float] | None = None):
        self.survey = survey
        self.defaults = _mean_points(survey) if points is None else dict(points)
        unknown = [d for d in self.defaults if d not in SERVQUAL_DIMENSIONS]
        if unknown or len(self.defaults) != len(SERVQUAL_DIMENSIONS):
            raise ValueError(
                f"`points` must give each SERVQUAL dimension {list(SERVQUAL_DIMENSIONS)} its importance points, "
                f"but {dict(points)!r} was passed."
            )
        for dimension, value in self.defaults.items():
            require_number(value, f"points[{dimension!r}]", low=0, high=100)
        self.panel = WeightsPanel({d: self.defaults[d] for d in SERVQUAL_DIMENSIONS}, label=_dimension, maximum=100,
                                  step=1, total=100, status_keys=("cultureview.points_ok", "cultureview.points_rescaled",
                                                                  "cultureview.points_zero"))
        self.reset_button = _button("cultureview.reset", "undo")
        self.reset_button.on_click(lambda _: self.set_points(self.defaults))
        self.equal_button = _button("cultureview.equal", "balance-scale")
        self.equal_button.on_click(lambda _: self.set_points(dict.fromkeys(SERVQUAL_DIMENSIONS, 20)))
        super().__init__(self.panel.controls)

    def layout(self) -> list[widgets.Widget]:
        title = widgets.HTML(f"<b>{html.escape(text('cultureview.points'))}</b>")
        return [title, self.panel.widget, row([self.reset_button, self.equal_button]), self.panel.status]

    @property
    def points(self) -> dict[str, int]:
        """The sliders' importance points by dimension."""
        return self.panel.raw

    @property
    def weights(self) -> pd.Series:
        """The weights in use: the points divided by their sum."""
        return pd.Series(self.panel.normalised(), name="weight", dtype=float)

    def set_points(self, points: Mapping[str, float]) -> None:
        """Move every slider at once and redraw once (dimensions not named keep their points)."""
        with self.quietly():
            self.panel.set({**self.points, **points})
        self.refresh()

    def compute(self) -> pd.DataFrame:
        if sum(self.points.values()) == 0:
            raise ValueError(text("cultureview.points_zero"))
        return servqual_summary(self.survey, weights=self.weights)

    def draw(self, result, ax) -> None:
        servqual_gap_bars(result, value="weighted_gap", ax=ax)

    def describe(self, result) -> str:
        ranked = result.dropna(subset=["priority"]).sort_values("priority")
        if ranked.empty:
            return f"<p>{html.escape(text('cultureview.no_shortfall'))}</p>"
        first = ranked.iloc[0]
        line = text("cultureview.improve_first", dimension=_dimension(ranked.index[0]), gap=first["gap"],
                    weight=first["weight"], weighted=first["weighted_gap"])
        order = text("cultureview.order", order=" → ".join(_dimension(d) for d in ranked.index))
        return f"<p><b>{html.escape(line)}</b><br>{html.escape(order)}</p>"

    def refresh(self) -> None:
        super().refresh()
        self.panel.show()


class TrapExplorer(Explorer):
    """The satisfaction trap as the answer from which a customer counts as "satisfied" moves.

    Shows the defection rate by satisfaction level, or this survey's figures against the
    lecture's (Bain's share of defectors who were satisfied, the car industry's satisfied
    buyers and rebuyers), and a table of the three beside the lecture's ranges. ``.result``
    is the :func:`satisfaction_trap` table.
    """

    figsize = (7.5, 4.4)
    summary_above = True

    def __init__(self, survey: pd.DataFrame, *, satisfied_from: int = 6, chart: str = "levels"):
        self.survey = survey
        require_choice(chart, ("levels", "benchmarks"), "chart")
        controls = {
            "satisfied_from": widgets.IntSlider(satisfied_from, min=2, max=7, continuous_update=False,
                                                description=text("cultureview.satisfied_from")),
            "chart": widgets.Dropdown(options=[(text(f"cultureview.chart.{c}"), c) for c in ("levels", "benchmarks")],
                                      value=chart, description=text("cultureview.chart")),
        }
        super().__init__(controls)

    def compute(self) -> pd.DataFrame:
        return satisfaction_trap(self.survey, satisfied_from=self.values["satisfied_from"])

    def draw(self, result, ax) -> None:
        if self.values["chart"] == "benchmarks":
            trap_benchmarks_chart(result, ax=ax)
        else:
            satisfaction_trap_chart(result, ax=ax)

    def describe(self, result) -> str:
        attrs = result.attrs
        line = text("cultureview.trap_line", share=attrs["defectors_satisfied"],
                    defectors=int(result["defectors"].sum()), threshold=attrs["satisfied_from"])
        rows = (("defectors_satisfied", "defectors_satisfied"), ("cars_satisfied", "satisfied_share"),
                ("cars_rebuy", "satisfied_retained"))
        head = "".join(f"<th style='{_CELL}'>{html.escape(text(k))}</th>"
                       for k in ("cultureview.measure", "cultureview.survey", "cultureview.lecture"))
        body = "".join(
            f"<tr><td style='{_CELL}'>{html.escape(text(f'cultureview.row.{measured}'))}</td>"
            f"<td style='{_NUMBER}'>{attrs[measured]:.1%}</td>"
            f"<td style='{_CELL}'>{html.escape(text(f'cultureview.source.{code}'))}: "
            f"{TRAP_BENCHMARKS[code][0]:.0%}–{TRAP_BENCHMARKS[code][1]:.0%}</td></tr>"
            for code, measured in rows)
        return f"<p style='font-size:1.2em'><b>{html.escape(line)}</b></p><table><tr>{head}</tr>{body}</table>"


class NPSExplorer(Explorer):
    """The Net Promoter Score of the outlets of one business format, all or those who stayed or defected.

    ``.result`` is the :func:`nps_breakdown` table of the chosen outlets.
    """

    figsize = (7.5, 2.8)

    def __init__(self, survey: pd.DataFrame, *, business_format: str = "all", group: str = "all"):
        require_columns(survey, {"business_format": "business_format", "recommend": "recommend",
                                 "defected": "defected"}, "survey")
        require_choice(business_format, ("all", *FORMATS), "business_format")
        require_choice(group, GROUPS, "group")
        self.survey = survey
        controls = {
            "business_format": widgets.Dropdown(
                options=[(text(f"cultureview.format.{f}"), f) for f in ("all", *FORMATS)], value=business_format,
                description=text("cultureview.format")),
            "group": widgets.Dropdown(options=[(text(f"cultureview.group.{g}"), g) for g in GROUPS], value=group,
                                      description=text("cultureview.group")),
        }
        super().__init__(controls)

    def outlets(self) -> pd.DataFrame:
        """The rows of the chosen format and group."""
        chosen, group = self.values["business_format"], self.values["group"]
        keep = pd.Series(True, index=self.survey.index)
        if chosen != "all":
            keep &= self.survey["business_format"] == chosen
        if group != "all":
            keep &= self.survey["defected"] == (1 if group == "defected" else 0)
        return self.survey[keep]

    def compute(self) -> pd.DataFrame:
        outlets = self.outlets()
        if outlets.empty:
            raise ValueError(text("cultureview.no_outlets"))
        return nps_breakdown(outlets["recommend"])

    def draw(self, result, ax) -> None:
        nps_bar(result, ax=ax)

    def describe(self, result) -> str:
        line = text("cultureview.nps_line", nps=result.attrs["nps"], n=int(result["count"].sum()),
                    promoters=int(result.loc["promoters", "count"]), detractors=int(result.loc["detractors", "count"]))
        return f"<p><b>{html.escape(line)}</b></p>"


class AuditForm(Explorer):
    """The customer-orientation self-audit as a form: one 1-5 slider per statement, a tab per area.

    Every change rescores the audit and redraws the profile. ``.result`` is the
    :func:`culture_audit` table (one row), ``.scores`` the ratings given.
    """

    figsize = (7.5, 3.0)
    LABEL_PX = 420  # the statements' column at most; longer statements wrap

    def __init__(self, *, scores: Mapping[str, int] | None = None, weights=None):
        criteria = culture_audit_criteria()
        given = dict.fromkeys(criteria, 3) if scores is None else dict(scores)
        extra = [c for c in given if c not in criteria]
        if extra:
            raise ValueError(f"`scores` names criteria that are not in the audit: {extra}. The criteria: {criteria}.")
        given = {c: given.get(c, 3) for c in criteria}
        for criterion, value in given.items():
            require_number(value, f"scores[{criterion!r}]", low=1, high=5, integer=True)
        self.weights = weights
        self.labels = {c: widgets.HTML(html.escape(text(f"audit.criterion.{c}"))) for c in criteria}
        controls = {c: widgets.IntSlider(int(given[c]), min=1, max=5, continuous_update=False,
                                         tooltip=text(f"audit.criterion.{c}")) for c in criteria}
        super().__init__(controls)

    def layout(self) -> list[widgets.Widget]:
        pages = [widgets.GridBox([part for c in members for part in (self.labels[c],
                                                                      fit(self.controls[c], track_px=130))],
                                 layout={"grid_template_columns": f"minmax(200px, {self.LABEL_PX}px) auto",
                                         "grid_gap": "4px 12px", "align_items": "center",
                                         "justify_content": "flex-start"})
                 for members in CULTURE_AUDIT_AREAS.values()]
        return [widgets.Tab(children=pages, titles=[text(f"audit.area.{area}") for area in CULTURE_AUDIT_AREAS])]

    @property
    def scores(self) -> dict[str, int]:
        """The rating of every statement, by criterion."""
        return dict(self.values)

    def compute(self) -> pd.DataFrame:
        return culture_audit(self.scores, weights=self.weights)

    def draw(self, result, ax) -> None:
        audit_profile(result, ax=ax)

    def describe(self, result) -> str:
        areas = result.iloc[0].drop("overall")
        weakest = areas.idxmin()
        line = text("cultureview.audit_line", overall=float(result["overall"].iloc[0]),
                    area=text(f"audit.area.{weakest}"), score=float(areas[weakest]))
        return f"<p><b>{html.escape(line)}</b></p>"


def gap_explorer(survey: pd.DataFrame | None = None, *, points: Mapping[str, float] | None = None) -> GapExplorer:
    """The SERVQUAL gap explorer on the service survey (default) or your own survey.

    ``points`` (dimension -> importance points) start the sliders; by default the survey's
    mean importance, in whole points summing to 100.

    >>> explorer = gap_explorer()
    >>> explorer.points["reliability"], round(explorer.result.attrs["index"], 3)
    (32, -0.677)
    """
    return GapExplorer(_survey(survey), points=points)


def trap_explorer(survey: pd.DataFrame | None = None, *, satisfied_from: int = 6, chart: str = "levels") -> TrapExplorer:
    """The satisfaction-trap explorer: who counts as satisfied, and how many defectors were.

    >>> explorer = trap_explorer()
    >>> round(explorer.result.attrs["defectors_satisfied"], 3)
    0.758
    """
    return TrapExplorer(_survey(survey), satisfied_from=satisfied_from, chart=chart)


def nps_explorer(survey: pd.DataFrame | None = None, *, business_format: str = "all", group: str = "all") -> NPSExplorer:
    """The NPS explorer by business format and by whether the outlets stayed or defected.

    >>> round(nps_explorer(business_format="convenience").result.attrs["nps"], 1)
    1.4
    """
    return NPSExplorer(_survey(survey), business_format=business_format, group=group)


def audit_form(*, scores: Mapping[str, int] | None = None, weights=None) -> AuditForm:
    """The self-audit form: rate each statement 1-5 (default 3) and read the profile.

    >>> form = audit_form(scores={"appraisal": 1, "hiring": 2})
    >>> form.result.round(2).to_dict("records")
    [{'culture': 3.0, 'people': 2.0, 'organisation': 3.0, 'overall': 2.7}]
    """
    return AuditForm(scores=scores, weights=weights)
