"""Plots of the strategy chapter: each in English and Chinese, on a passed Axes, with real glyphs."""


import numpy as np
import pandas as pd
import pytest
from plotting import draw_checked

import crm_course as crm
from crm_course.models.relationships import relationship_types
from crm_course.models.scoring import BURNETT_GRID, weight_sensitivity
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
    assert [a.get_text() for a in ax.texts if a.get_text().startswith("K")] == list(MATRIX.index)
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
    with pytest.raises(ValueError, match="Column 'attractiveness'"):
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
    assert ax.get_title() == "Customer growth matrix"
    with pytest.raises(ValueError, match="Column 'share'"):
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
    assert {"app", "supplier", "consultancy", "kiosk"} <= set(_texts(ax))


def test_relationship_plot_quadrants_follow_the_threshold():
    ax = relationship_plot(TYPES, threshold=4)
    hook = next(p for p in ax.patches if p.get_x() == 4 and p.get_y() == 1)
    assert (hook.get_width(), hook.get_height()) == (1, 3)
    with pytest.raises(ValueError, match="Column 'firm_adaptation'"):
        relationship_plot(TYPES.drop(columns="firm_adaptation"))


def test_plots_do_not_change_their_input():
    before = MATRIX.copy(), GROWTH.copy(), SENSITIVITY.copy()
    burnett_plot(MATRIX, size=REVENUE)
    growth_plot(GROWTH)
    sensitivity_plot(SENSITIVITY, account="K01")
    for kept, now in zip(before, (MATRIX, GROWTH, SENSITIVITY)):
        pd.testing.assert_frame_equal(kept, now)
