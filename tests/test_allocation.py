"""fair_allocation: the largest-remainder (Hamilton) method, known answers and properties."""

import math
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.models.allocation import TIE_RULE, fair_allocation


def test_issue_example():
    table = fair_allocation(10, {"class 1": 43, "class 2": 34, "class 3": 23})
    assert table["units"].tolist() == [4, 4, 2]
    assert table["floor"].tolist() == [4, 3, 2]
    assert table["priority"].tolist() == [2, 1, 3]
    assert table.attrs == {"supply": 10, "left_over": 1, "tie_rule": TIE_RULE}


def test_exported():
    assert crm.fair_allocation is fair_allocation


def test_hand_computed_us_house_style():
    # 7 seats over 5, 3, 1.5: quotas 3.889, 2.333, 1.167 -> floors 3, 2, 1; 1 left over to the largest remainder
    table = fair_allocation(7, [5, 3, 1.5])
    assert table["units"].tolist() == [4, 2, 1]
    assert table.index.tolist() == [0, 1, 2]


def test_ties_go_to_the_larger_weight_then_the_label():
    # equal remainders 0.5 and 0.5: supply 1 over weights 1, 1 -> the label that sorts first
    assert fair_allocation(1, {"b": 1, "a": 1})["units"].to_dict() == {"b": 0, "a": 1}
    # 2 units over 3 equal weights: a and b, whatever the order
    assert fair_allocation(2, {"c": 1, "b": 1, "a": 1})["units"].to_dict() == {"c": 0, "b": 1, "a": 1}


def test_zero_weight_gets_nothing_even_with_units_left_over():
    table = fair_allocation(5, {"x": 0, "y": 1, "z": 1})
    assert table.loc["x", "units"] == 0
    assert table["units"].sum() == 5


def test_zero_supply():
    assert fair_allocation(0, {"a": 1, "b": 2})["units"].tolist() == [0, 0]


def test_input_not_mutated():
    weights = pd.Series({"a": 3.0, "b": 1.0})
    before = weights.copy()
    fair_allocation(3, weights)
    pd.testing.assert_series_equal(weights, before)


@pytest.mark.parametrize(
    ("supply", "weights", "error", "match"),
    [
        (10.5, [1, 2], ValueError, "`supply` must be a whole number"),
        (-1, [1, 2], ValueError, r"`supply` must be in \[0, inf\]"),
        ("10", [1, 2], TypeError, "`supply` must be a whole number"),
        (10, [], ValueError, "`weights` is empty"),
        (10, [0, 0], ValueError, "All `weights` are 0"),
        (10, {"a": -1, "b": 2}, ValueError, "'a' has weight -1"),
        (10, {"a": "3"}, TypeError, "The weight of 'a' must be a number"),
        (10, {"a": float("nan")}, ValueError, "finite numbers"),
        (10, pd.Series([1, 2], index=["a", "a"]), ValueError, "names 'a' more than once"),
        (10, pd.Series([1, 2], index=[1, "1"]), TypeError, "read the same as text"),
        (10, "43,34", TypeError, "`weights` must be a dict or Series"),
    ],
)
def test_bad_input(supply, weights, error, match):
    with pytest.raises(error, match=match):
        fair_allocation(supply, weights)


weights_strategy = st.dictionaries(
    st.text(alphabet="abcdefgh", min_size=1, max_size=3),
    st.one_of(st.integers(0, 60), st.floats(0, 100, allow_nan=False, allow_infinity=False)),
    min_size=1,
    max_size=12,
).filter(lambda w: any(v > 0 for v in w.values()))


@settings(max_examples=200, deadline=None)
@given(supply=st.integers(0, 500), weights=weights_strategy)
def test_properties(supply, weights):
    table = fair_allocation(supply, weights)
    total = sum(Fraction(v) if isinstance(v, int) else Fraction(float(v)) for v in weights.values())
    assert table["units"].sum() == supply
    for label, weight in weights.items():
        quota = supply * Fraction(weight) / total
        units = table.loc[label, "units"]
        assert math.floor(quota) <= units <= math.ceil(quota)
        if weight == 0:
            assert units == 0
    # equal weights never differ by more than one unit
    for a in weights:
        for b in weights:
            if weights[a] == weights[b]:
                assert abs(table.loc[a, "units"] - table.loc[b, "units"]) <= 1


@settings(max_examples=100, deadline=None)
@given(supply=st.integers(0, 200), weights=weights_strategy, data=st.data())
def test_order_independent(supply, weights, data):
    labels = data.draw(st.permutations(list(weights)))
    shuffled = {label: weights[label] for label in labels}
    a = fair_allocation(supply, weights)["units"]
    b = fair_allocation(supply, shuffled)["units"]
    pd.testing.assert_series_equal(a.sort_index(), b.sort_index())
