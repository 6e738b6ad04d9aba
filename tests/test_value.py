"""Closed-form CLV, customer delivered value and customer profitability."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm

# ---------------------------------------------------------------- clv


def test_clv_infinite_horizon_gupta_lehmann():
    # m r / (1 + i - r) = 100 * 0.8 / 0.3
    assert crm.clv(margin=100, retention=0.8, discount=0.1) == pytest.approx(266.6667, abs=1e-4)
    assert isinstance(crm.clv(margin=100, retention=0.8, discount=0.1), float)
    # margin multiple of Gupta & Lehmann's table: r = 0.9, i = 0.12 -> 0.9 / 0.22 = 4.09
    assert crm.clv(margin=1, retention=0.9, discount=0.12) == pytest.approx(4.0909, abs=1e-4)


def test_clv_finite_horizon_sums_discounted_survival_margins():
    by_hand = 100 * 0.8 / 1.1 + 100 * 0.8**2 / 1.1**2 + 100 * 0.8**3 / 1.1**3  # 72.73 + 52.89 + 38.47
    assert crm.clv(margin=100, retention=0.8, discount=0.1, horizon=3) == pytest.approx(by_hand)
    assert by_hand == pytest.approx(164.09, abs=0.01)
    assert crm.clv(margin=100, retention=0.8, discount=0.1, horizon=1) == pytest.approx(72.7273, abs=1e-4)
    long = crm.clv(margin=100, retention=0.8, discount=0.1, horizon=200)
    assert long == pytest.approx(crm.clv(margin=100, retention=0.8, discount=0.1), rel=1e-12)
    assert crm.clv(margin=100, retention=0.8, discount=0.1, horizon=10) < long


def test_clv_margin_at_start_and_acquisition_cost():
    # first margin now, for sure: m (1 + i) / (1 + i - r) = 110 / 0.3
    assert crm.clv(margin=100, retention=0.8, discount=0.1, margin_timing="start") == pytest.approx(366.6667, abs=1e-4)
    assert crm.clv(margin=100, retention=0.8, discount=0.1, horizon=2, margin_timing="start") == pytest.approx(
        100 + 100 * 0.8 / 1.1
    )
    assert crm.clv(margin=100, retention=0.8, discount=0.1, acquisition_cost=300) == pytest.approx(-33.3333, abs=1e-4)
    assert crm.clv(margin=100, retention=0.0, discount=0.0) == 0.0
    assert crm.clv(margin=100, retention=0.5, discount=0.0) == pytest.approx(100.0)


def test_clv_elementwise_for_sensitivity_plots():
    values = crm.clv(margin=100, retention=np.array([0.5, 0.8, 0.9]), discount=0.1)
    assert isinstance(values, np.ndarray)
    assert values == pytest.approx([50 / 0.6, 80 / 0.3, 90 / 0.2])
    rates = pd.Series([0.05, 0.1], index=["low", "high"])
    series = crm.clv(margin=100, retention=0.8, discount=rates)
    assert series.index.tolist() == ["low", "high"]
    assert series.tolist() == pytest.approx([80 / 0.25, 80 / 0.3])
    before = rates.copy()
    crm.clv(margin=100, retention=0.8, discount=rates)
    pd.testing.assert_series_equal(rates, before)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"retention": 1.0}, ValueError, r"`retention` must be in \[0, 1\), but 1.0"),
        ({"retention": -0.1}, ValueError, r"`retention` must be in \[0, 1\), but -0.1"),
        ({"retention": [0.5, 1.2]}, ValueError, r"`retention` must be in \[0, 1\), but 1.2"),
        ({"discount": -0.05}, ValueError, r"`discount` must be in \[0, inf\], but -0.05"),
        ({"horizon": 0}, ValueError, r"`horizon` must be in \[1, inf\], but 0"),
        ({"horizon": 2.5}, ValueError, r"`horizon` must be a whole number"),
        ({"margin": "100"}, TypeError, r"`margin` must be a number"),
        ({"margin": ["a", "b"]}, TypeError, r"`margin` must be a number or an array of numbers"),
        ({"margin": float("nan")}, ValueError, r"`margin` must be a finite number"),
        ({"margin_timing": "middle"}, ValueError, r"`margin_timing` must be one of \['end', 'start'\]"),
    ],
)
def test_clv_refuses_bad_arguments(kwargs, error, match):
    arguments = {"margin": 100, "retention": 0.8, "discount": 0.1} | kwargs
    with pytest.raises(error, match=match):
        crm.clv(**arguments)


# ---------------------------------------------------------------- delivered_value


@pytest.fixture
def offers():
    return pd.DataFrame(
        {
            "product_value": [60, 50],
            "service_value": [20, 30],
            "personnel_value": [10, 15],
            "image_value": [10, 5],
            "monetary_cost": [50, 70],
            "time_cost": [10, 5],
            "energy_cost": [10, 3],
            "psychic_cost": [10, 2],
        },
        index=["brand_x", "brand_y"],
    )


def test_delivered_value_of_a_frame(offers):
    result = crm.delivered_value(offers)
    assert result.columns.tolist() == ["total_value", "total_cost", "delivered_value", "value_ratio"]
    assert result.index.tolist() == ["brand_x", "brand_y"]
    assert result.loc["brand_x"].tolist() == pytest.approx([100, 80, 20, 1.25])
    assert result.loc["brand_y"].tolist() == pytest.approx([100, 80, 20, 1.25])


def test_delivered_value_of_one_offer_and_custom_components(offers):
    one = crm.delivered_value(offers.loc["brand_y"].to_dict())
    assert isinstance(one, pd.Series)
    assert one.to_dict() == pytest.approx({"total_value": 100, "total_cost": 80, "delivered_value": 20,
                                           "value_ratio": 1.25})
    simple = crm.delivered_value({"quality": 9, "price": 6}, value=["quality"], cost=["price"])
    assert simple.tolist() == pytest.approx([9, 6, 3, 1.5])


def test_delivered_value_does_not_mutate(offers):
    before = offers.copy()
    crm.delivered_value(offers)
    pd.testing.assert_frame_equal(offers, before)


def test_delivered_value_refuses_bad_input(offers):
    with pytest.raises(ValueError, match=r"Column 'image_value' \(argument `value=`\) is not in `data`"):
        crm.delivered_value(offers.drop(columns="image_value"))
    with pytest.raises(ValueError, match=r"\['time_cost'\] of `data` have negative values, e.g. -5"):
        crm.delivered_value(offers.assign(time_cost=[10, -5]))
    with pytest.raises(ValueError, match=r"total customer cost is 0 for row\(s\) 'brand_y'"):
        crm.delivered_value(offers.assign(monetary_cost=[50, 0], time_cost=[10, 0], energy_cost=[10, 0],
                                          psychic_cost=[10, 0]))
    with pytest.raises(TypeError, match=r"'service_value'.*not numbers: 'good'"):
        crm.delivered_value(offers.assign(service_value=["good", "20"]))
    with pytest.raises(TypeError, match=r"`cost` must be a list of column names"):
        crm.delivered_value(offers, cost=[])
    with pytest.raises(TypeError, match=r"`data` must be a pandas DataFrame"):
        crm.delivered_value([1, 2])


# ---------------------------------------------------------------- customer_profitability


@pytest.fixture
def tx():
    return pd.DataFrame({"customer_id": ["a", "b", "c", "d", "e", "f"], "margin": [50.0, 15.0, 8.0, 60.0, 4.0, 30.0]})


@pytest.fixture
def costs():
    return pd.Series({"a": 10.0, "b": 5.0, "c": 12.0, "d": 10.0, "e": 0.0, "f": 5.0, "g": 25.0})


def test_customer_profitability_known_answer(tx, costs):
    result = crm.customer_profitability(tx, costs=costs)
    assert result.index.tolist() == list("abcdefg")
    assert result["profit"].tolist() == [40.0, 10.0, -4.0, 50.0, 4.0, 25.0, -25.0]
    assert result["class"].tolist() == ["B", "D", "F", "A", "E", "C", "F"]
    assert result.loc["g"].tolist()[:3] == [0.0, 25.0, -25.0]  # a member who never bought
    assert list(result["class"].cat.categories) == list("ABCDEF")


def test_customer_profitability_without_costs_sums_margins_per_customer():
    tx = pd.DataFrame({"client": [1, 1, 2, 3, 3, 4], "gm": [5.0, -9.0, 2.0, 1.0, 1.0, 2.0]})
    result = crm.customer_profitability(tx, customer="client", margin="gm")
    assert result.index.name == "client"
    assert result["profit"].tolist() == [-4.0, 2.0, 2.0, 2.0]
    # three customers tie at 2.0 and take the lowest rank, 1 of 3 -> ceil(1 / 3 * 5) = 2 -> class D
    assert result["class"].tolist() == ["F", "D", "D", "D"]


def test_customer_profitability_ten_profitable_customers_fill_five_classes():
    tx = pd.DataFrame({"customer_id": range(11), "margin": [-1.0] + [float(v) for v in range(10, 0, -1)]})
    result = crm.customer_profitability(tx)
    assert result["class"].tolist() == ["F"] + [c for c in "ABCDE" for _ in range(2)]


def test_customer_profitability_does_not_mutate_and_ignores_row_order(tx, costs):
    before, costs_before = tx.copy(), costs.copy()
    result = crm.customer_profitability(tx, costs=costs)
    pd.testing.assert_frame_equal(tx, before)
    pd.testing.assert_series_equal(costs, costs_before)
    again = crm.customer_profitability(tx.sample(frac=1, random_state=1), costs=costs.sample(frac=1, random_state=2))
    pd.testing.assert_frame_equal(again, result)


def test_customer_profitability_refuses_bad_input(tx, costs):
    with pytest.raises(ValueError, match=r"no cost for 1 customer\(s\) of `tx`, e.g. 'f'.*fill_value=0"):
        crm.customer_profitability(tx, costs=costs.drop("f"))
    with pytest.raises(ValueError, match=r"more than one cost for customer\(s\) 'a'"):
        crm.customer_profitability(tx, costs=pd.concat([costs, pd.Series({"a": 1.0})]))
    with pytest.raises(TypeError, match=r"`costs` must be a pandas Series"):
        crm.customer_profitability(tx, costs={"a": 1.0})
    with pytest.raises(ValueError, match=r"Column 'margin' \(argument `margin=`\) is not in `tx`"):
        crm.customer_profitability(tx.rename(columns={"margin": "gross_margin"}))
    with pytest.raises(ValueError, match=r"'customer_id' \(argument `customer=`\).*1 missing"):
        crm.customer_profitability(tx.assign(customer_id=["a", None, "c", "d", "e", "f"]))
    with pytest.raises(ValueError, match=r"`tx` is empty"):
        crm.customer_profitability(tx.iloc[:0])
