"""Plots of the strategy chapter: each in English and Chinese, on a passed Axes, with real glyphs."""


import numpy as np
import pandas as pd
import pytest
from plotting import draw_checked

import crm_course as crm
from crm_course.models.relationships import relationship_types
from crm_course.models.scoring import BURNETT_GRID, weight_sensitivity
from crm_course.views._labels import PointLabels
from crm_course.views.strategy import (
    burnett_plot,
    growth_plot,
    relationship_plot,
    sensitivity_plot,
)

# Six accounts, one per row, placed by hand: (attractiveness, relationship).
MATRIX = crm.burnett_matrix(pd.DataFrame(
    {"attractiveness": [4.5, 4.0, 3.0, 3.0, 1.5, 2.0], "relationship": [4.5, 1.5, 3.0, 4.0, 1.2, 3.0]},
    index=["K01", "K02", "K03", "K04", "K05", "K06"]))
REVENUE = pd.Series([100.0, 50.0, 25.0, 10.0, 5.0, 1.0], index=MATRIX.index)

# The growth-matrix docstring's six transactions: 30 loyalty, 15 expansion, 40 acquisition, 15 diversification.
TX = pd.DataFrame({
    "customer_id": ["a", "b", "a", "a", "c", "c"],
    "category": ["tea", "tea", "tea", "cups", "tea", "cups"],
    "amount": [10.0, 20.0, 30.0, 15.0, 40.0, 15.0],
    "date": pd.to_datetime(["2024-01-05", "2024-02-01", "2024-07-01", "2024-08-01", "2024-09-01", "2024-09-02"]),
})
GROWTH = crm.growth_matrix(TX, split="2024-07-01")

# volume 5, margin 1, contact 3 with weights .5/.3/.2: score 3.4 (medium). Volume up by 1/12 or margin down by
# 7/90 reaches 11/3 (high); contact's weight cannot change the level: the score runs from 3.5 (weight 0)
# to 3 (weight 1), medium all the way.
SCORES = pd.DataFrame({"volume": [5], "margin": [1], "contact": [3]}, index=["K01"])
SENSITIVITY = weight_sensitivity(SCORES, {"volume": 0.5, "margin": 0.3, "contact": 0.2})

TYPES = relationship_types(pd.DataFrame(
    {"firm_adaptation": [1.5, 4.5, 4.5, 2], "customer_adaptation": [4.5, 4, 1.5, 1.5]},
    index=["app", "supplier", "consultancy", "kiosk"]))


def _texts(ax):
    return [t.get_text() for t in ax.texts]


def _point_labels(ax):
    """The labels of the points (accounts, entities), placed at draw time."""
    (labels,) = [a for a in ax.artists if isinstance(a, PointLabels)]
    return labels.texts


@pytest.mark.parametrize("language, x, y, cell", [
    ("en", "Relationship status", "Customer attractiveness", "Develop & defend"),
    ("zh", "关系状况", "客户吸引力", "发展、防御"),
])
def test_burnett_plot_labels_every_cell_and_account(language, x, y, cell):
    ax = draw_checked(lambda ax: burnett_plot(MATRIX, size=REVENUE, ax=ax), language)
    assert (ax.get_xlabel(), ax.get_ylabel()) == (x, y)
    texts = _texts(ax)
    strategies = [crm.i18n.text(f"burnett.strategy.{code}", language) for row in BURNETT_GRID.values()
                  for code in row.values()]
    assert cell in texts and all(s in texts for s in strategies)
    assert [t.get_text() for t in _point_labels(ax)] == list(MATRIX.index)
    minor = [t.get_text() for t in ax.get_xticklabels(minor=True)]
    assert minor == [crm.i18n.text(f"burnett.level.{lvl}", language) for lvl in ("poor", "average", "good")]


def test_burnett_plot_places_accounts_and_sizes_bubbles_by_revenue():
    ax = burnett_plot(MATRIX, size=REVENUE)
    bubbles = ax.collections[0]
    np.testing.assert_allclose(bubbles.get_offsets(), MATRIX[["relationship", "attractiveness"]].to_numpy())
    areas = bubbles.get_sizes()
    assert areas[0] == areas.max() and areas[-1] == areas.min()
    slopes = np.diff(areas) / np.diff(REVENUE.to_numpy())
    np.testing.assert_allclose(slopes, slopes[0])  # area grows linearly with revenue
    assert ax.get_title(loc="right") == "bubble area = revenue"


def test_burnett_plot_size_order_and_highlight():
    shuffled = REVENUE.iloc[::-1]  # aligned by account, not by position
    ax = burnett_plot(MATRIX, size=shuffled, highlight="K03")
    assert ax.collections[0].get_sizes()[0] == ax.collections[0].get_sizes().max()
    assert len(ax.collections) == 2
    np.testing.assert_allclose(ax.collections[1].get_offsets(), [[3.0, 3.0]])


def test_burnett_plot_refuses_a_size_missing_accounts_and_shows_unknown_codes():
    with pytest.raises(ValueError, match=r"`size` has no value for account\(s\) \['K06'\]"):
        burnett_plot(MATRIX, size=REVENUE.drop("K06"))
    with pytest.raises(ValueError, match=r"`matrix` has no column\(s\) \['attractiveness'\]; its columns are "
                                         r"\['relationship', .*Pass the output of crm_course.burnett_matrix"):
        burnett_plot(MATRIX.drop(columns="attractiveness"))
    grid = {a: dict(row) for a, row in BURNETT_GRID.items()}
    grid["high"]["good"] = "invest"
    assert "invest" in _texts(burnett_plot(crm.burnett_matrix(MATRIX, grid=grid), grid=grid))


@pytest.mark.parametrize("language, cell, products", [
    ("en", "Loyalty\n30\n30.0%", "Products / services"),
    ("zh", "客户忠诚\n30\n30.0%", "产品/服务"),
])
def test_growth_plot_shows_revenue_and_share_per_cell(language, cell, products):
    ax = draw_checked(lambda ax: growth_plot(GROWTH, split="2024-07-01", ax=ax), language)
    texts = _texts(ax)
    assert cell in texts and len(texts) == 4
    assert ax.get_xlabel() == products
    assert "2024-07-01" in ax.get_title()
    expansion = "Expansion\n15\n15.0%" if language == "en" else "客户扩充\n15\n15.0%"
    assert expansion in texts


def test_growth_plot_cells_are_in_ansoff_layout():
    ax = growth_plot(GROWTH)
    positions = {t.get_text().split("\n")[0]: t.get_position() for t in ax.texts}
    # rows: existing customers on top (y 0.5), new below; columns: existing products left.
    assert positions["Loyalty"] == (0.5, 0.5) and positions["Expansion"] == (1.5, 0.5)
    assert positions["Acquisition"] == (0.5, 1.5) and positions["Diversification"] == (1.5, 1.5)
    assert ax.get_title() == "Customer growth matrix: revenue from 2024-07-01"  # the split, from the matrix's attrs
    assert growth_plot(GROWTH.copy().pipe(lambda m: setattr(m, "attrs", {}) or m)).get_title() == "Customer growth matrix"
    with pytest.raises(ValueError, match=r"`matrix` has no column\(s\) \['share'\]"):
        growth_plot(GROWTH.drop(columns="share"))


@pytest.mark.parametrize("language, none", [("en", "no weight from 0 to 1 changes it"),
                                             ("zh", "权重在 0-1 之间都不改变等级")])
def test_sensitivity_plot_bars_are_the_weight_changes(language, none):
    ax = draw_checked(lambda ax: sensitivity_plot(SENSITIVITY, account="K01", ax=ax), language)
    row = SENSITIVITY.loc["K01"]
    order = row.abs().sort_values(na_position="last").index
    contact = crm.i18n.text("burnett.indicator.contact", language)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["margin", "volume", contact]  # codes without a string as is
    widths = [bar.get_width() for bar in ax.patches]
    np.testing.assert_allclose(widths, row[order].fillna(0).to_numpy())
    np.testing.assert_allclose(widths, [-7 / 90, 1 / 12, 0])
    assert _texts(ax) == [" -0.078 ", " +0.083 ", " " + none]
    assert ax.get_title(loc="left").startswith("K01")


def test_sensitivity_plot_on_the_key_accounts_and_bad_account():
    accounts = crm.load_dataset("key_accounts").set_index("account_id")
    from crm_course.models.scoring import BURNETT_ATTRACTIVENESS

    sensitivity = weight_sensitivity(accounts[list(BURNETT_ATTRACTIVENESS)], BURNETT_ATTRACTIVENESS)
    ax = sensitivity_plot(sensitivity, account="K38")
    # the data card: K38 changes level when margin effect gains 0.0124, the smallest move of all.
    assert ax.get_yticklabels()[0].get_text() == "Effect on our gross margin"
    assert ax.patches[0].get_width() == pytest.approx(0.0124, abs=5e-5)
    with pytest.raises(ValueError, match=r"The value for `account` must be one of .*'K99' was passed"):
        sensitivity_plot(sensitivity, account="K99")


@pytest.mark.parametrize("language, hook, x", [("en", "Hook", "Customer adapts to the firm"),
                                                ("zh", "扣钩", "客户对企业的适应")])
def test_relationship_plot_names_the_quadrants(language, hook, x):
    ax = draw_checked(lambda ax: relationship_plot(TYPES, ax=ax), language)
    assert hook in _texts(ax) and ax.get_xlabel() == x
    np.testing.assert_allclose(ax.collections[0].get_offsets(),
                               TYPES[["customer_adaptation", "firm_adaptation"]].to_numpy())
    assert [t.get_text() for t in _point_labels(ax)] == ["app", "supplier", "consultancy", "kiosk"]


def test_relationship_plot_quadrants_follow_the_threshold():
    ax = relationship_plot(TYPES, threshold=4)
    hook = next(p for p in ax.patches if p.get_x() == 4 and p.get_y() == 1)
    assert (hook.get_width(), hook.get_height()) == (1, 3)
    with pytest.raises(ValueError, match=r"`types` has no column\(s\) \['firm_adaptation'\]"):
        relationship_plot(TYPES.drop(columns="firm_adaptation"))


def test_plots_do_not_change_their_input():
    before = MATRIX.copy(), GROWTH.copy(), SENSITIVITY.copy()
    burnett_plot(MATRIX, size=REVENUE)
    growth_plot(GROWTH)
    sensitivity_plot(SENSITIVITY, account="K01")
    for kept, now in zip(before, (MATRIX, GROWTH, SENSITIVITY)):
        pd.testing.assert_frame_equal(kept, now)


def _boxes(texts, renderer):
    return [t.get_window_extent(renderer) for t in texts]


@pytest.mark.parametrize("figsize", [(9.0, 7.6), (11.6, 8.0), (6.0, 5.0)])  # the editor's, a 1280-wide screen, small
def test_burnett_labels_are_readable_and_never_overlap_on_the_key_accounts(figsize):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from crm_course.models.scoring import burnett_scores

    accounts = crm.load_dataset("key_accounts").set_index("account_id")
    figure = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    ax = burnett_plot(crm.burnett_matrix(burnett_scores(accounts)), size=accounts["revenue"], highlight="K04",
                      ax=figure.subplots())
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    labels = _point_labels(ax)
    assert len(labels) == len(accounts) == 48 and all(t.get_fontsize() >= 10 for t in labels)
    boxes = _boxes(labels, renderer)
    titles = _boxes([t for t in ax.texts if t.get_fontweight() == "bold"], renderer)
    assert len(titles) == 9
    clashes = [(labels[i].get_text(), labels[j].get_text()) for i in range(len(boxes)) for j in range(i)
               if boxes[i].overlaps(boxes[j])]
    assert clashes == []
    assert [t.get_text() for t, box in zip(labels, boxes) if any(box.overlaps(title) for title in titles)] == []
    assert all(ax.bbox.x0 <= b.x0 and b.x1 <= ax.bbox.x1 and ax.bbox.y0 <= b.y0 and b.y1 <= ax.bbox.y1 for b in boxes)
    if figsize[0] < 9:
        return  # in a small figure a cell title may push even the highlighted label off its bubble
    # the highlighted account keeps its label on its bubble
    k04 = labels[list(accounts.index).index("K04")]
    centre = ax.transData.transform(crm.burnett_matrix(burnett_scores(accounts)).loc["K04",
                                                                                    ["relationship", "attractiveness"]])
    box = k04.get_window_extent(renderer)
    assert box.x0 <= centre[0] <= box.x1 and box.y0 <= centre[1] <= box.y1


def test_burnett_labels_do_not_depend_on_row_order():
    from matplotlib.figure import Figure

    placed = []
    for frame in (MATRIX, MATRIX.iloc[::-1]):
        figure = Figure(figsize=(5, 5))
        ax = burnett_plot(frame, size=REVENUE, ax=figure.subplots())
        figure.canvas.draw()
        boxes = {t.get_text(): tuple(np.round(t.get_window_extent().extents, 6)) for t in _point_labels(ax)}
        placed.append(boxes)
    assert placed[0] == placed[1]


def test_burnett_plot_reads_cuts_and_grid_from_the_matrix():
    grid = {a: dict(row) for a, row in BURNETT_GRID.items()}
    grid["high"]["good"] = "invest"
    matrix = crm.burnett_matrix(MATRIX, cuts=(2.0, 4.0), grid=grid)
    matrix.attrs = {"cuts": (2.0, 4.0), "grid": grid}  # what burnett_matrix records
    ax = burnett_plot(matrix)
    assert "invest" in _texts(ax)
    cells = sorted({(p.get_x(), p.get_width()) for p in ax.patches})
    assert cells == [(1, 1.0), (2.0, 2.0), (4.0, 1.0)]
    minor = [t.get_position()[0] for t in ax.get_xticklabels(minor=True)]
    assert minor == [1.5, 3.0, 4.5]
    # an explicit override wins, but must agree with the matrix
    with pytest.raises(ValueError, match=r"`matrix` was made with other cuts than \(2.3333, 3.6667\): account 'K06'"):
        burnett_plot(matrix, cuts=(7 / 3, 11 / 3))
    with pytest.raises(ValueError, match="`matrix` was made with another grid: account 'K01' has strategy 'invest'"):
        burnett_plot(matrix, grid=BURNETT_GRID)


def test_burnett_plot_without_attrs_uses_the_documented_defaults():
    plain = MATRIX.copy()
    plain.attrs = {}
    ax = burnett_plot(plain)
    assert sorted({p.get_x() for p in ax.patches}) == pytest.approx([1, 7 / 3, 11 / 3])


@pytest.mark.parametrize("call, error, message", [
    (lambda: burnett_plot(MATRIX, highlight="K99"), ValueError,
     r"The value for `highlight` must be one of the rows' labels \('K01', .*but 'K99' was passed"),
    (lambda: burnett_plot(MATRIX, highlight=["K01"]), ValueError, r"`highlight` .* but \['K01'\] was passed"),
    (lambda: burnett_plot(MATRIX.to_dict()), TypeError, r"`matrix` must be the DataFrame returned by crm_course"),
    (lambda: burnett_plot(MATRIX, grid={"high": BURNETT_GRID["high"], "medium": BURNETT_GRID["medium"]}), ValueError,
     r"`grid` has no row for attractiveness 'low'"),
    (lambda: burnett_plot(MATRIX, grid={**BURNETT_GRID, "low": {"poor": "exit", "average": "exit"}}), ValueError,
     r"`grid` has no strategy for attractiveness 'low' x relationship 'good'"),
    (lambda: burnett_plot(MATRIX, cuts=(4, 2)), ValueError, r"`cuts\[1\]` must be in"),
    (lambda: burnett_plot(MATRIX, cuts=3), TypeError, r"`cuts` must be two scores"),
    (lambda: burnett_plot(MATRIX, size=[1, 2, 3, 4, 5, 6]), TypeError, r"`size` must be a Series .* list was passed"),
    (lambda: burnett_plot(MATRIX, size=-REVENUE), ValueError, r"`size` must be numbers >= 0 .* -100\.0"),
    (lambda: burnett_plot(MATRIX.assign(attractiveness=MATRIX["attractiveness"] * 2)), ValueError,
     r"Column 'attractiveness' of `matrix` must hold scores from 1 to 5, but account\(s\) 'K01', 'K02'"),
])
def test_burnett_plot_refuses_bad_arguments_clearly(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_growth_plot_reads_the_split_from_the_matrix():
    matrix = GROWTH.copy()
    matrix.attrs = {"split": pd.Timestamp("2024-07-01")}  # what growth_matrix records
    assert growth_plot(matrix).get_title() == "Customer growth matrix: revenue from 2024-07-01"
    assert growth_plot(matrix, split="2024-08-01").get_title().endswith("2024-08-01")  # an override wins
    plain = GROWTH.copy()
    plain.attrs = {}
    assert growth_plot(plain).get_title() == "Customer growth matrix"


@pytest.mark.parametrize("matrix, error, message", [
    (GROWTH.iloc[:3], ValueError, r"`matrix` has no row for the cell\(s\) \['diversification'\] \(it has 3 row"),
    (pd.concat([GROWTH, GROWTH.iloc[[0]]]), ValueError,
     r"`matrix` has more than one row for the cell\(s\) \[\('existing', 'existing'\)\]"),
    (GROWTH.assign(revenue=["a", "b", "c", "d"]), TypeError, r"Column 'revenue' .* must be numeric"),
    (GROWTH.to_numpy(), TypeError, r"`matrix` must be the DataFrame returned by crm_course.growth_matrix"),
])
def test_growth_plot_refuses_an_incomplete_matrix(matrix, error, message):
    with pytest.raises(error, match=message):
        growth_plot(matrix)
    with pytest.raises(ValueError, match=r"`split` must be a date such as '2024-12-31', but 'soon' was passed"):
        growth_plot(GROWTH, split="soon")


def test_growth_plot_shows_a_dash_for_an_undefined_share():
    empty = GROWTH.assign(revenue=0.0, share=np.nan)
    assert "Loyalty\n0\n–" in _texts(growth_plot(empty))


def test_sensitivity_and_relationship_plots_refuse_bad_arguments():
    with pytest.raises(TypeError, match="`sensitivity` must be the DataFrame returned by"):
        sensitivity_plot(SENSITIVITY.loc["K01"], account="K01")
    with pytest.raises(TypeError, match=r"`sensitivity` must hold weight changes .* 'much'"):
        sensitivity_plot(SENSITIVITY.astype(object).assign(volume="much"), account="K01")
    with pytest.raises(ValueError, match=r"`threshold` must be in \[1, 5\], but 7 was passed"):
        relationship_plot(TYPES, threshold=7)
    with pytest.raises(ValueError, match=r"Column 'firm_adaptation' of `types` must hold scores from 1 to 5.*'app'"):
        relationship_plot(TYPES.assign(firm_adaptation=[0, 2, 3, 4]))


def test_relationship_plot_reads_the_threshold_from_attrs():
    types = TYPES.copy()
    types.attrs = {"threshold": 4}
    hook = next(p for p in relationship_plot(types).patches if p.get_x() == 4 and p.get_y() == 1)
    assert (hook.get_width(), hook.get_height()) == (1, 3)


def test_strategy_palettes_have_no_red_against_green():
    from matplotlib.colors import to_rgb

    from crm_course.views.strategy import STRATEGY_COLORS, TYPE_COLORS

    for color in [*STRATEGY_COLORS.values(), *TYPE_COLORS.values()]:
        red, green, blue = to_rgb(color)
        assert not (green > red + 0.05 and green > blue + 0.05), color  # no green tint
