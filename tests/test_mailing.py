"""Mailing decisions: break-even response (Hughes), launch table, likelihood model, gains and the plan."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.mailing import (
    DEMOGRAPHICS,
    break_even_index,
    break_even_response,
    gains_table,
    launch_table,
    mailing_plan,
    purchase_likelihood,
)


@pytest.fixture(scope="module")
def table():
    return launch_table(crm.load_dataset("retail_customers"), crm.load_dataset("retail"))


@pytest.fixture(scope="module")
def scores(table):
    return purchase_likelihood(table)


def test_hughes_break_even():
    assert break_even_response(0.55, 40) == pytest.approx(0.01375)
    assert break_even_index(0.01375, 0.01375) == pytest.approx(100)
    assert break_even_index(pd.Series([0.0275, 0.0]), 0.01375).tolist() == pytest.approx([200, 0])
    assert break_even_response(0, 40) == 0


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: break_even_response(0.55, 0), ValueError, r"`profit_per_sale` must be in \(0, inf\]"),
        (lambda: break_even_response(-1, 40), ValueError, "`cost_per_piece`"),
        (lambda: break_even_response("0.55", 40), TypeError, "`cost_per_piece` must be a number"),
        (lambda: break_even_index(2, 0.01), ValueError, "between 0 and 1"),
        (lambda: break_even_index("high", 0.01), TypeError, "`response_rate` must be a number"),
        (lambda: break_even_index(0.1, 0), ValueError, "`break_even`"),
    ],
)
def test_bad_arguments(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_launch_table_against_hand_count(table):
    tx = crm.load_dataset("retail")
    members = crm.load_dataset("retail_customers")
    assert len(table) == (members["signup_date"] < "2024-01-01").sum() == 2680
    wellness = set(tx.loc[tx["category"] == "wellness", "customer_id"])
    assert table["bought"].sum() == len(wellness & set(table.index)) == 568
    year_one = tx[tx["date"] < "2024-01-01"]
    assert table["orders_before"].sum() == len(year_one)
    assert table["revenue_before"].sum() == pytest.approx(year_one["amount"].sum())
    assert table.loc["C00001", "tenure_days"] == 365
    assert table.index.is_monotonic_increasing


def test_model_finds_behaviour_not_demographics(table, scores):
    assert scores.attrs["auc"] > 0.7
    demographic = purchase_likelihood(table, features=DEMOGRAPHICS)
    assert demographic.attrs["auc"] < 0.6  # the data card: demographics do not drive behaviour
    assert scores["decile"].value_counts().tolist() == [268] * 10
    assert scores.groupby("decile")["probability"].min().is_monotonic_decreasing
    assert any(name.endswith("orders_before") for name in scores.attrs["coefficients"])


def test_model_does_not_depend_on_row_order(table, scores):
    shuffled = purchase_likelihood(table.sample(frac=1, random_state=7))
    pd.testing.assert_frame_equal(shuffled, scores)


def test_gains_table_by_hand():
    scores = pd.DataFrame({"decile": [2, 1, 1, 2, 3, 3], "bought": [0, 1, 1, 1, 0, 0]})
    gains = gains_table(scores)
    assert gains["buyers"].tolist() == [2, 1, 0]
    assert gains["lift"].tolist() == pytest.approx([2, 1, 0])
    assert gains["cumulative_buyers"].tolist() == pytest.approx([2 / 3, 1, 1])
    assert gains["cumulative_lift"].tolist() == pytest.approx([2, 1.5, 1])
    assert gains.attrs["overall_rate"] == 0.5


def test_gains_on_the_model(scores):
    gains = gains_table(scores)
    assert gains.loc[1, "lift"] > 2
    assert gains["cumulative_buyers"].iloc[-1] == 1
    assert gains["buyers"].sum() == scores["bought"].sum()


def test_mailing_plan(scores):
    plan = mailing_plan(gains_table(scores), cost_per_piece=8, profit_per_sale=40)
    assert plan.attrs["break_even"] == 0.2
    assert plan["mail"].tolist() == (plan["response_rate"] >= 0.2).tolist()
    assert plan.loc[1, "profit"] == pytest.approx(plan.loc[1, "buyers"] * 40 - plan.loc[1, "customers"] * 8)
    assert plan.loc[plan["mail"], "profit"].gt(0).all()
    assert not plan.loc[~plan["mail"], "profit"].gt(0).any()


def test_bad_tables(table):
    with pytest.raises(ValueError, match=r"argument `features=`"):
        purchase_likelihood(table, features=["income"])
    with pytest.raises(ValueError, match="at least 5 buyers"):
        purchase_likelihood(table.assign(bought=0))
    with pytest.raises(ValueError, match="must hold 1 \\(bought\\) or 0"):
        purchase_likelihood(table.assign(bought=2))
    with pytest.raises(ValueError, match="negative values"):
        purchase_likelihood(table.assign(orders_before=-1))
    with pytest.raises(ValueError, match="includes the target 'bought'"):
        purchase_likelihood(table, features=["age_band", "bought"])
    with pytest.raises(ValueError, match=r"argument `outcome=`"):
        gains_table(pd.DataFrame({"decile": [1]}))


def test_exported():
    assert crm.break_even_response is break_even_response and crm.purchase_likelihood is purchase_likelihood


def test_repeated_member_is_refused():
    members = crm.load_dataset("retail_customers").head(3)
    with pytest.raises(ValueError, match="lists 1 id\\(s\\) more than once, e.g. 'C00001'"):
        launch_table(pd.concat([members, members.head(1)]), crm.load_dataset("retail"))
