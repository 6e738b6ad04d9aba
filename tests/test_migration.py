"""migration_model (Pfeifer & Carraway 2000) against hand computation and the closed form; win-back priority."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm
from crm_course.models.btyd import BGNBD, btyd_summary

P_BUY = [0.5, 0.2, 0.0]


def test_three_states_by_hand():
    model = crm.migration_model(P_BUY, margin=10, cost=1, discount=0.1, horizon=1)
    assert model.transition.to_numpy().tolist() == [[0.5, 0.5, 0.0], [0.2, 0.0, 0.8], [0.0, 0.0, 1.0]]
    assert model.rewards.tolist() == [4.0, 1.0, -1.0]  # p * margin - cost
    # V = R + P R / 1.1
    assert model.values.tolist() == pytest.approx([4 + (0.5 * 4 + 0.5 * 1) / 1.1, 1 + (0.2 * 4 + 0.8 * -1) / 1.1,
                                                   -1 - 1 / 1.1])
    assert crm.migration_model(P_BUY, margin=10, cost=1, discount=0.1, horizon=0).values.tolist() == [4, 1, -1]


def test_infinite_horizon_is_the_closed_form_and_the_limit():
    model = crm.migration_model(P_BUY, margin=10, cost=1, discount=0.1)
    P, R = model.transition.to_numpy(), model.rewards.to_numpy()
    assert model.values.to_numpy() == pytest.approx(R + P @ model.values.to_numpy() / 1.1)  # V = R + P V / (1 + d)
    assert model.values[3] == pytest.approx(-1 / (1 - 1 / 1.1))  # never buys again: -1 per period for ever = -11
    long = crm.migration_model(P_BUY, margin=10, cost=1, discount=0.1, horizon=2000)
    assert long.values.to_numpy() == pytest.approx(model.values.to_numpy())
    assert np.allclose(model.transition.sum(axis=1), 1)


def test_cost_per_state_and_table():
    model = crm.migration_model([0.3, 0.2, 0.15, 0.05, 0.0], margin=40, cost=[4, 4, 4, 4, 0], discount=0.2)
    assert model.values.round(2).tolist() == [17.82, 9.19, 3.34, -1.26, 0.0]
    assert model.table().columns.tolist() == ["p_buy", "reward", "value"]
    assert model.values.index.name == "state" and model.values.index.tolist() == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    "args, kwargs, error, message",
    [
        ([[0.5, 1.2]], {}, ValueError, r"`p_buy` must hold probabilities in \[0, 1\], but has 1.2"),
        ([[0.5]], {}, ValueError, "at least two states"),
        ([P_BUY], dict(cost=[1, 2]), ValueError, r"`cost` must be one number or one per state \(3\)"),
        ([P_BUY], dict(discount=0), ValueError, "has no limit"),
        ([P_BUY], dict(horizon=-1), ValueError, r"`horizon` must be in \[0"),
        ([P_BUY], dict(discount=-0.1), ValueError, r"`discount` must be in \[0"),
        ([P_BUY], dict(discount=15), ValueError, r"`discount` is a rate.*Did you mean 0.15 for 15%\?"),
    ],
)
def test_migration_bad_input(args, kwargs, error, message):
    options = dict(margin=10, cost=1, discount=0.1) | kwargs
    with pytest.raises(error, match=message):
        crm.migration_model(*args, **options)


def test_migration_accepts_a_discount_of_exactly_one():
    assert crm.migration_model(P_BUY, margin=10, cost=1, discount=1.0).discount == 1.0


TX = pd.DataFrame({
    "customer_id": ["a", "a", "a", "b", "c", "c", "d"],
    "date": pd.to_datetime(["2023-01-01", "2023-02-01", "2023-03-01", "2023-01-15", "2023-01-01", "2023-02-15",
                            "2024-01-01"]),
    "amount": [100.0, 100.0, 100.0, 500.0, 20.0, 20.0, 10.0],
})
MODEL = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357, unit="W")


def test_winback_worth_is_p_alive_times_past_value():
    plan = crm.winback_priority(TX, budget=10, contact_cost=5, model=MODEL)
    assert set(plan.index) == {"a", "b", "c"}  # d bought on the last day; the others lapsed > 180 days ago
    summary = btyd_summary(TX, calibration_end="2024-01-01")
    p_alive = MODEL.p_alive(frequency=summary["frequency"], recency=summary["recency"], T=summary["T"])
    past = pd.Series({"a": 300.0, "b": 500.0, "c": 40.0})
    worth = (p_alive[past.index] * past).sort_values(ascending=False)
    assert plan.index.tolist() == worth.index.tolist() and plan["worth"].to_numpy() == pytest.approx(worth.to_numpy())
    assert plan["p_alive"]["b"] == 1.0  # no repeat purchase: BG/NBD says still alive
    assert plan["rank"].tolist() == [1, 2, 3]
    assert plan["contact"].sum() == 2 and plan.attrs["spent"] == 10.0  # budget 10 at 5 a contact
    assert plan.attrs["worth_contacted"] == pytest.approx(worth.iloc[:2].sum())


def test_winback_contacts_nobody_worth_less_than_the_contact_and_names_a_strategy_by_value():
    plan = crm.winback_priority(TX, budget=1000, contact_cost=30, model=MODEL)
    assert plan.loc[plan["worth"] <= 30, "contact"].eq(False).all()
    assert plan.loc["b", "value_class"] == "A" and plan.loc["b", "strategy"] == "personal_contact"
    assert set(plan["strategy"]) <= set(crm.models.migration.WINBACK_STRATEGIES.values())


def test_winback_bad_input():
    with pytest.raises(ValueError, match=r"`contact_cost` must be in \(0"):
        crm.winback_priority(TX, budget=10, contact_cost=0, model=MODEL)
    with pytest.raises(TypeError, match="`model` must be a fitted BG/NBD model"):
        crm.winback_priority(TX, budget=10, contact_cost=1, model="bgnbd")
    with pytest.raises(ValueError, match="negative value"):
        crm.winback_priority(TX.assign(amount=-TX["amount"]), budget=10, contact_cost=1, model=MODEL)


def test_winback_does_not_depend_on_row_order_or_change_its_input():
    before = TX.copy()
    plan = crm.winback_priority(TX, budget=10, contact_cost=5, model=MODEL)
    shuffled = crm.winback_priority(TX.sample(frac=1, random_state=4), budget=10, contact_cost=5, model=MODEL)
    pd.testing.assert_frame_equal(plan, shuffled)
    pd.testing.assert_frame_equal(TX, before)


def test_purchase_probabilities_by_hand():
    tx = pd.DataFrame({
        "customer_id": ["a", "a", "a", "b", "c", "c"],
        "date": ["2024-01-05", "2024-02-05", "2024-04-05", "2024-02-10", "2024-03-01", "2024-03-20"],
    })
    table = crm.models.migration.purchase_probabilities(tx, states=3)
    # a: Feb state 1 bought, Mar state 1 not, Apr state 2 bought; b: Mar state 1, Apr state 2, neither bought;
    # c: Apr state 1, not bought (two purchases in March are one purchase period)
    assert table["customer_periods"].tolist() == [4, 2, 0]
    assert table["purchases"].tolist() == [1, 1, 0]
    assert table["p_buy"].tolist()[:2] == [0.25, 0.5] and np.isnan(table.loc[3, "p_buy"])
    assert table.attrs == {"period": "M", "states": 3}
    with pytest.raises(ValueError, match=r"`states` must be in \[2"):
        crm.models.migration.purchase_probabilities(tx, states=1)


def test_winback_budget_recomputes_only_the_contacts():
    plan = crm.winback_priority(TX, budget=10, contact_cost=5, model=MODEL)
    wider = crm.winback_budget(plan, budget=1000, contact_cost=5)
    assert wider["contact"].sum() == (plan["worth"] > 5).sum() and wider.attrs["budget"] == 1000
    pd.testing.assert_frame_equal(wider.drop(columns="contact"), plan.drop(columns="contact"))
    assert crm.winback_budget(plan, budget=0, contact_cost=5)["contact"].sum() == 0
    assert wider.attrs["as_of"] == plan.attrs["as_of"]
    with pytest.raises(ValueError, match=r"Column 'worth'"):
        crm.winback_budget(plan.drop(columns="worth"), budget=10, contact_cost=5)
