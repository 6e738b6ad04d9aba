"""Plots of the value chapter: each in English and Chinese, on a passed Axes, with real glyphs."""


import numpy as np
import pandas as pd
import pytest
from matplotlib import pyplot as plt
from plotting import draw_checked

import crm_course as crm
from crm_course.models.btyd import BGNBD, p_alive_grid
from crm_course.models.value import clv_sensitivity
from crm_course.views.value import (
    clv_sensitivity_plot,
    p_alive_heatmap,
    pareto_chart,
    rf_heatmap,
    segment_bars,
)

# Six customers: b and c make 80% of the value (A), d and e the next 16% (B), f and a the rest (C).
SALES = pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0})
ABC = crm.abc_classes(SALES)

# Six customers placed by hand on the default map: 2 champions, 1 loyal, 1 need attention, 2 hibernating.
SCORES = pd.DataFrame({"R": [5, 5, 4, 3, 2, 1], "F": [5, 4, 4, 3, 2, 1],
                       "monetary": [400.0, 200.0, 250.0, 100.0, 30.0, 20.0]},
                      index=pd.Index(list("abcdef"), name="customer_id"))
SEGMENTS = crm.rfm_segments(SCORES)

SENSITIVITY = clv_sensitivity(margin=100, retention=[0.5, 0.7, 0.9], discount=[0.05, 0.1])
CDNOW = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357, unit="W")
GRID = p_alive_grid(CDNOW, T=39, max_frequency=4, recency_step=13)


def _texts(ax):
    return [t.get_text() for t in ax.texts]


@pytest.mark.parametrize("language, x, a_band", [
    ("en", "Share of customers", "A customers: 33% of customers, 80% of value"),
    ("zh", "客户累计比例", "A 类客户：占客户 33%，占价值 80%"),
])
def test_pareto_chart_bands_and_top_20(language, x, a_band):
    ax = draw_checked(lambda ax: pareto_chart(ABC, ax=ax), language)
    assert ax.get_xlabel() == x
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend[0] == a_band and len(legend) == 3
    # The curve: (0, 0), then 50%, 80%, 90%, 96%, 99%, 100% of value.
    curve = ax.lines[0]
    np.testing.assert_allclose(curve.get_xdata(), np.arange(7) / 6)
    np.testing.assert_allclose(curve.get_ydata(), [0, 0.5, 0.8, 0.9, 0.96, 0.99, 1.0])
    # Top 20% of six customers = 1.2 customers: 50% + 0.2 x 30% = 56% of value.
    assert any("56%" in label for label in _texts(ax))
    top = ax.child_axes[0] if ax.child_axes else None
    assert top is not None and [t.get_text() for t in top.get_xticklabels()] == ["A", "B", "C"]


def test_pareto_chart_does_not_depend_on_row_order_or_change_its_input():
    shuffled = ABC.sample(frac=1, random_state=1)
    before = shuffled.copy()
    ax = pareto_chart(shuffled, ax=plt.figure().gca())
    np.testing.assert_allclose(ax.lines[0].get_ydata(), [0, 0.5, 0.8, 0.9, 0.96, 0.99, 1.0])
    pd.testing.assert_frame_equal(shuffled, before)


def test_pareto_chart_needs_the_abc_table():
    with pytest.raises(ValueError, match="cumulative_share"):
        pareto_chart(pd.DataFrame({"rank": [1], "share": [1.0], "class": ["A"]}), ax=plt.figure().gca())


@pytest.mark.parametrize("language, champions, title", [
    ("en", "Champions", "RFM segments: customers and revenue"),
    ("zh", "冠军客户", "RFM 客户细分：客户数与收入"),
])
def test_segment_bars_translated_in_rule_order_with_counts_and_shares(language, champions, title):
    ax = draw_checked(lambda ax: segment_bars(SEGMENTS, ax=ax), language)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 10 and labels[0] == champions and ax.get_title(loc="left") == title
    customers, revenue = ax.containers
    # champions: 2 of 6 customers (33%) with 600 of 1,000 revenue (60%); promising is empty but shown.
    assert customers.datavalues[0] == pytest.approx(2 / 6) and revenue.datavalues[0] == pytest.approx(0.6)
    assert customers.datavalues[4] == 0
    assert "2 (33%)" in _texts(ax) and "60%" in _texts(ax)


def test_segment_bars_with_other_rules_and_plain_text_segments():
    tiers = pd.DataFrame({"segment": ["best", "lost", "best"], "monetary": [10.0, 5.0, 5.0]})
    ax = segment_bars(tiers, ax=plt.figure().gca())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Best: recent and frequent", "Lost: neither"]
    assert ax.containers[1].datavalues.tolist() == pytest.approx([0.75, 0.25])
    with pytest.raises(ValueError, match="monetary"):
        segment_bars(tiers.drop(columns="monetary"), ax=plt.figure().gca())


@pytest.mark.parametrize("language, ylabel", [
    ("en", "R score (recency; 5 = most recent)"),
    ("zh", "R 得分（最近一次消费，5 = 最近）"),
])
def test_rf_heatmap_counts_every_cell(language, ylabel):
    ax = draw_checked(lambda ax: rf_heatmap(SCORES, ax=ax), language)
    assert ax.get_ylabel() == ylabel
    cells = np.array([int(t) for t in _texts(ax)]).reshape(5, 5)  # rows R = 5..1, columns F = 1..5
    expected = np.zeros((5, 5), dtype=int)
    for r, f in zip(SCORES["R"], SCORES["F"]):
        expected[5 - r, f - 1] += 1
    np.testing.assert_array_equal(cells, expected)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["5", "4", "3", "2", "1"]


def test_rf_heatmap_shows_unused_scores_as_zero():
    ax = rf_heatmap(SCORES[SCORES["F"] <= 2], bins=5, ax=plt.figure().gca())
    assert len(ax.texts) == 25 and _texts(ax)[-5:] == ["1", "0", "0", "0", "0"]


@pytest.mark.parametrize("language, xlabel, subtitle", [
    ("en", "Retention rate", "margin 100 per period, unlimited horizon"),
    ("zh", "保留率", "每期利润 100，无限期"),
])
def test_clv_sensitivity_plot_one_line_per_discount_rate(language, xlabel, subtitle):
    ax = draw_checked(lambda ax: clv_sensitivity_plot(SENSITIVITY, ax=ax), language)
    assert ax.get_xlabel() == xlabel and subtitle in _texts(ax)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["5%", "10%"]
    first, second = ax.lines[:2]
    np.testing.assert_allclose(second.get_ydata(), [50 / 0.6, 70 / 0.4, 90 / 0.2])
    assert first.get_linewidth() == second.get_linewidth()


def test_clv_sensitivity_plot_marks_the_chosen_customer():
    point = SENSITIVITY.iloc[4]  # retention 0.7, discount 0.1: 175
    ax = clv_sensitivity_plot(SENSITIVITY, highlight=point, ax=plt.figure().gca())
    assert "CLV 175" in _texts(ax)
    assert ax.lines[1].get_linewidth() > ax.lines[0].get_linewidth()  # the 10% line is the chosen one
    costly = clv_sensitivity(margin=100, retention=[0.1, 0.9], discount=[0.1], horizon=2, acquisition_cost=150)
    ax = clv_sensitivity_plot(costly, ax=plt.figure().gca())
    assert "minus acquisition cost 150" in _texts(ax)[0] and "2 periods" in _texts(ax)[0]


@pytest.mark.parametrize("language, title", [
    ("en", "P(alive) of customers observed for 39 weeks"),
    ("zh", "观察 39 周的客户的存活概率 P(alive)"),
])
def test_p_alive_heatmap_most_purchases_on_top(language, title):
    ax = draw_checked(lambda ax: p_alive_heatmap(GRID, ax=ax), language)
    assert ax.get_title(loc="left") == title
    assert [t.get_text() for t in ax.get_yticklabels()] == ["4", "3", "2", "1"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["13", "26", "39"]
    assert _texts(ax)[-3:] == [f"{GRID.loc[1, r]:.2f}" for r in (13, 26, 39)] == ["0.50", "0.66", "0.75"]


def test_p_alive_heatmap_needs_the_grid():
    with pytest.raises(TypeError, match=r"`grid` must be the table of crm_course\.models\.btyd\.p_alive_grid"):
        p_alive_heatmap(GRID.reset_index(), ax=plt.figure().gca())


def test_p_alive_heatmap_large_grid_gets_a_colour_bar_instead_of_numbers():
    ax = p_alive_heatmap(GRID, ax=plt.figure().gca())
    assert len(ax.figure.axes) == 1  # numbers in the cells, no colour bar
    ax = p_alive_heatmap(p_alive_grid(CDNOW, T=39, max_frequency=10, recency_step=1), ax=plt.figure().gca())
    assert len(ax.texts) == 0 and len(ax.figure.axes) == 2
    assert ax.figure.axes[1].get_ylabel() == "P(alive)"


def _drawn(ax):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    if not isinstance(ax.figure.canvas, FigureCanvasAgg):
        FigureCanvasAgg(ax.figure)
    ax.figure.canvas.draw()
    return ax.figure.canvas.get_renderer()


def test_pareto_legend_sits_outside_the_data_and_names_the_cuts():
    abc = ABC.copy()
    abc.attrs = {"cuts": (0.8, 0.95)}  # what abc_classes records
    ax = pareto_chart(abc, ax=plt.figure(figsize=(8, 6), layout="constrained").gca())
    renderer = _drawn(ax)
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "Classes cut at 80% and 95% of value"
    assert legend.get_window_extent(renderer).y1 < ax.bbox.y0  # below the plot
    plain = ABC.copy()
    plain.attrs = {}
    assert pareto_chart(plain, ax=plt.figure().gca()).get_legend().get_title().get_text() == ""


def test_pareto_chart_refuses_bad_input_clearly():
    with pytest.raises(TypeError, match=r"`abc` must be the DataFrame returned by crm_course.abc_classes"):
        pareto_chart(SALES, ax=plt.figure().gca())
    with pytest.raises(ValueError, match=r"Column 'class' of `abc` has missing classes at row\(s\) 'b'"):
        pareto_chart(ABC.assign(**{"class": ABC["class"].where(ABC.index != "b")}), ax=plt.figure().gca())


def test_segment_bars_follow_the_rules_in_attrs_and_refuse_bad_input():
    tiers = pd.DataFrame({"segment": ["lost", "best", "best"], "monetary": [5.0, 10.0, 5.0]})
    tiers.attrs = {"rules": [{"segment": "lost"}, {"segment": "best"}]}  # rfm_segments records its rules
    labels = [t.get_text() for t in segment_bars(tiers, ax=plt.figure().gca()).get_yticklabels()]
    assert labels == ["Lost: neither", "Best: recent and frequent"]
    with pytest.raises(ValueError, match=r"Column 'segment' of `segments` is missing for row\(s\) 1"):
        segment_bars(tiers.assign(segment=["lost", None, "best"]), ax=plt.figure().gca())
    with pytest.raises(ValueError, match=r"Column 'monetary' of `segments` adds up to 0"):
        segment_bars(tiers.assign(monetary=0.0), ax=plt.figure().gca())
    with pytest.raises(TypeError, match=r"`segments` must be the DataFrame returned by crm_course.rfm_segments"):
        segment_bars(tiers["segment"], ax=plt.figure().gca())


def test_rf_heatmap_reads_bins_from_attrs():
    scores = pd.DataFrame({"R": [3, 1, 2], "F": [1, 1, 2]})
    scores.attrs = {"bins": 4}  # what rfm_scores records
    ax = rf_heatmap(scores, ax=plt.figure().gca())
    assert len(ax.texts) == 16 and [t.get_text() for t in ax.get_yticklabels()] == ["4", "3", "2", "1"]
    assert len(rf_heatmap(scores, bins=3, ax=plt.figure().gca()).texts) == 9  # an override wins
    plain = scores.copy()
    plain.attrs = {}
    assert len(rf_heatmap(plain, ax=plt.figure().gca()).texts) == 9  # without attrs: the highest score present


@pytest.mark.parametrize("scores, bins, error, message", [
    (SCORES, 3, ValueError, r"Column 'R' of `scores` must hold whole scores from 1 to bins=3, but has 5, 5, 4"),
    (SCORES.assign(F=SCORES["F"] - 0.5), None, ValueError, r"Column 'F' .* whole scores .* 4\.5"),
    (SCORES, 0, ValueError, r"`bins` must be in"),
    (SCORES, "5", TypeError, r"`bins` must be"),
    (SCORES[["R"]], None, ValueError,
     r"`scores` has no column\(s\) \['F'\]; its columns are \['R'\]. Pass the output of crm_course.rfm_scores"),
])
def test_rf_heatmap_refuses_scores_off_the_scale(scores, bins, error, message):
    with pytest.raises(error, match=message):
        rf_heatmap(scores, bins=bins, ax=plt.figure().gca())


@pytest.mark.parametrize("highlight, error, message", [
    ((0.7, 175.0), TypeError, r"`highlight` must be a dict or Series .* a tuple was passed"),
    ({"retention": 0.7}, ValueError, r"`highlight` has no \['clv'\]: it has \['retention'\]"),
    ({"retention": 0.7, "clv": 175.0, "discount": 0.2}, ValueError,
     r"`highlight\['discount'\]` must be one of the table's discount rates \[0.05, 0.1\], but 0.2"),
    ({"retention": "high", "clv": 175.0}, TypeError, r"`highlight\['retention'\]` must be"),
])
def test_clv_sensitivity_plot_refuses_a_wrong_highlight(highlight, error, message):
    with pytest.raises(error, match=message):
        clv_sensitivity_plot(SENSITIVITY, highlight=highlight, ax=plt.figure().gca())


def test_clv_sensitivity_plot_legend_outside_and_a_dict_highlight():
    ax = clv_sensitivity_plot(SENSITIVITY, highlight={"retention": 0.7, "clv": 175.0},
                              ax=plt.figure(figsize=(8, 5), layout="constrained").gca())
    renderer = _drawn(ax)
    assert ax.get_legend().get_window_extent(renderer).x0 > ax.bbox.x1  # right of the plot
    assert "CLV 175" in _texts(ax)
    assert ax.lines[0].get_linewidth() == ax.lines[1].get_linewidth()  # no discount given: no line chosen


def test_p_alive_heatmap_colour_blind_safe_and_refuses_non_probabilities():
    ax = p_alive_heatmap(GRID, ax=plt.figure().gca())
    assert ax.collections[0].get_cmap().name == "viridis"
    with pytest.raises(ValueError, match=r"`grid` must hold probabilities from 0 to 1, but has 1\.5"):
        p_alive_heatmap(GRID.mask(GRID > 0.6, 1.5), ax=plt.figure().gca())
