"""CLV and customer profitability on hostile input (issue 8): Series combined by customer, not by position."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm


def test_clv_matches_series_by_customer_not_by_position():
    margin = pd.Series({"a": 100.0, "b": 50.0, "c": 10.0})
    retention = pd.Series({"c": 0.0, "a": 0.9, "b": 0.5})  # another order
    result = crm.clv(margin=margin, retention=retention, discount=0.1)
    expected = pd.Series({"a": 100 * 0.9 / 0.2, "b": 50 * 0.5 / 0.6, "c": 0.0}, name="clv")
    pd.testing.assert_series_equal(result, expected)
    # the same as customer by customer
    for customer in margin.index:
        assert result[customer] == pytest.approx(
            crm.clv(margin=margin[customer], retention=retention[customer], discount=0.1))


def test_clv_series_with_a_scalar_or_an_array_of_its_length():
    retention = pd.Series({"a": 0.5, "b": 0.9})
    assert crm.clv(margin=100, retention=retention, discount=0.1).index.tolist() == ["a", "b"]
    by_position = crm.clv(margin=[100.0, 50.0], retention=retention, discount=0.1)
    assert by_position.tolist() == pytest.approx([100 * 0.5 / 0.6, 50 * 0.9 / 0.2])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"margin": pd.Series({"a": 1.0, "b": 2.0}), "retention": pd.Series({"a": 0.5, "c": 0.5})}, ValueError,
         r"`retention` and `margin` are Series for different customers: `retention` lacks 'b' and has 'c'"),
        ({"margin": [100, 50, 20], "retention": [0.5, 0.6]}, ValueError,
         r"different numbers of values \(`margin` 3, `retention` 2\)"),
        ({"margin": pd.Series([1.0, 2.0, 3.0]), "retention": [0.5, 0.6]}, ValueError,
         r"different numbers of values"),
        ({"margin": 100, "retention": pd.Series([0.5, 0.6], index=["a", "a"])}, ValueError,
         r"index of `retention` repeats 1 label\(s\), e.g. 'a'"),
        ({"margin": 100, "retention": pd.Series([0.5, 0.6], index=["a", np.nan])}, ValueError,
         r"index of `retention` has 1 missing label"),
    ],
)
def test_clv_refuses_series_of_other_customers_and_other_lengths(kwargs, error, match):
    with pytest.raises(error, match=match):
        crm.clv(discount=0.1, **kwargs)


def test_customer_profitability_says_when_the_ids_are_of_another_type():
    tx = pd.DataFrame({"customer_id": [1, 2], "margin": [10.0, 20.0]})
    with pytest.raises(ValueError, match=r"customer ids of `tx` are numbers but those of `costs` are text.*rename\(index=int\)"):
        crm.customer_profitability(tx, costs=pd.Series({"1": 1.0, "2": 2.0}))
    with pytest.raises(TypeError, match=r"index of `costs` mixes labels of kinds \['number', 'str'\]"):
        crm.customer_profitability(tx, costs=pd.Series([1.0, 2.0, 3.0], index=pd.Index([1, 2, "3"], dtype=object)))


def test_customer_profitability_does_not_depend_on_row_order():
    rng = np.random.default_rng(5)
    tx = pd.DataFrame({"customer_id": rng.integers(0, 30, 500), "margin": rng.integers(-500, 5_000, 500) / 100 + 0.1})
    result = crm.customer_profitability(tx)
    for seed in range(4):
        pd.testing.assert_frame_equal(crm.customer_profitability(tx.sample(frac=1, random_state=seed)), result,
                                      check_exact=True)
