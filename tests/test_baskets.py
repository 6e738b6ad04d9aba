"""Association rules over mlxtend: known answers, input forms, order independence, bad input."""

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.course import course_path
from crm_course.models.baskets import association_rules, basket_matrix, frequent_itemsets, rule_measures

TSK = [
    {"Bread", "Milk"},
    {"Bread", "Diapers", "Beer", "Eggs"},
    {"Milk", "Diapers", "Beer", "Cola"},
    {"Bread", "Milk", "Diapers", "Beer"},
    {"Bread", "Milk", "Diapers", "Cola"},
]


def _rule(rules, antecedents, consequents):
    pick = (rules["antecedents"] == frozenset(antecedents)) & (rules["consequents"] == frozenset(consequents))
    assert pick.sum() == 1, (antecedents, consequents)
    return rules[pick].iloc[0]


def test_tan_steinbach_kumar_known_answer():
    rules = association_rules(TSK, min_support=0.2)
    rule = _rule(rules, {"Milk", "Diapers"}, {"Beer"})
    assert rule["support"] == pytest.approx(0.4)
    assert rule["confidence"] == pytest.approx(2 / 3)
    assert rule["lift"] == pytest.approx(10 / 9)
    # {Diapers} -> {Beer}: support 3/5, confidence 3/4, lift 1.25
    rule = _rule(rules, {"Diapers"}, {"Beer"})
    assert (rule["support"], rule["confidence"], rule["lift"]) == pytest.approx((0.6, 0.75, 1.25))
    assert list(rules.columns) == ["antecedents", "consequents", "antecedent_support", "consequent_support",
                                   "support", "confidence", "lift"]
    assert all(isinstance(x, frozenset) for x in rules["antecedents"])
    assert rules.attrs == {"min_support": 0.2, "max_len": None, "n_baskets": 5, "min_confidence": 0.5, "min_lift": None}


def test_every_rule_matches_direct_counting():
    rules = association_rules(TSK, min_support=0.2, min_confidence=0.0)
    assert len(rules) > 20
    for row in rules.itertuples():
        measures = rule_measures(TSK, row.antecedents, row.consequents)
        assert (row.support, row.confidence, row.lift) == pytest.approx(
            (measures["support"], measures["confidence"], measures["lift"]))


def test_thresholds():
    rules = association_rules(TSK, min_support=0.2, min_confidence=0.7, min_lift=1.1)
    assert (rules["confidence"] >= 0.7).all() and (rules["lift"] >= 1.1).all() and (rules["support"] >= 0.2).all()
    assert len(rules) > 0
    assert rules["lift"].is_monotonic_decreasing


def test_long_table_equals_list():
    long = pd.DataFrame([(f"T{n}", item) for n, basket in enumerate(TSK) for item in sorted(basket)],
                        columns=["basket_id", "item"])
    from_list = association_rules(TSK, min_support=0.2)
    from_table = association_rules(long, min_support=0.2)
    pd.testing.assert_frame_equal(from_list, from_table)
    # the row order of the long table does not matter, nor a repeated line
    shuffled = pd.concat([long, long.iloc[[0]]]).sample(frac=1, random_state=3)
    pd.testing.assert_frame_equal(association_rules(shuffled, min_support=0.2), from_table)
    renamed = long.rename(columns={"basket_id": "order_id", "item": "product"})
    pd.testing.assert_frame_equal(
        association_rules(renamed, basket="order_id", item="product", min_support=0.2), from_table)


def test_list_order_does_not_matter():
    forward = association_rules(TSK, min_support=0.2)
    backward = association_rules([list(b)[::-1] for b in TSK[::-1]], min_support=0.2)
    pd.testing.assert_frame_equal(forward, backward)


def test_empty_baskets_count_in_the_support():
    rules = association_rules([{"a", "b"}, set(), set(), {"a", "b"}], min_support=0.5)
    assert _rule(rules, {"a"}, {"b"})["support"] == 0.5


def test_no_rules_gives_an_empty_table_with_the_columns():
    rules = association_rules([{"a"}, {"b"}], min_support=0.5)
    assert rules.empty and "lift" in rules.columns


def test_frequent_itemsets_and_matrix():
    sets = frequent_itemsets(TSK, min_support=0.6)
    assert dict(zip(sets["itemsets"], sets["support"])) == {
        frozenset({"Bread"}): 0.8, frozenset({"Milk"}): 0.8, frozenset({"Diapers"}): 0.8,
        frozenset({"Beer"}): 0.6, frozenset({"Bread", "Milk"}): 0.6, frozenset({"Bread", "Diapers"}): 0.6,
        frozenset({"Milk", "Diapers"}): 0.6, frozenset({"Beer", "Diapers"}): 0.6}
    matrix = basket_matrix(TSK)
    assert matrix.shape == (5, 6) and matrix.to_numpy().sum() == 18


def test_input_not_mutated():
    long = pd.DataFrame({"basket_id": [1, 1, 2], "item": ["a", "b", "a"]})
    before = long.copy()
    association_rules(long, min_support=0.5)
    pd.testing.assert_frame_equal(long, before)


@pytest.mark.parametrize(
    ("baskets", "kwargs", "error", "match"),
    [
        ("bread milk", {}, TypeError, "must be a list of baskets"),
        (["bread", "milk"], {}, TypeError, r"Basket 0 of `baskets` must be a set or list of items"),
        ([], {}, ValueError, "`baskets` is empty"),
        ([{"a", 1}], {}, TypeError, "mixes ids of kinds"),
        ([["a", None]], {}, ValueError, "missing value"),
        (pd.DataFrame({"order": [1], "item": ["a"]}), {}, ValueError, r"argument `basket=`"),
        (TSK, {"min_support": 0}, ValueError, r"`min_support` must be in \(0, 1\]"),
        (TSK, {"min_confidence": 2}, ValueError, r"`min_confidence` must be in \[0, 1\]"),
        (TSK, {"min_lift": -1}, ValueError, "`min_lift`"),
    ],
)
def test_bad_input(baskets, kwargs, error, match):
    with pytest.raises(error, match=match):
        association_rules(baskets, **{"min_support": 0.5, **kwargs})


def test_exported():
    assert crm.association_rules is association_rules
    assert crm.rule_measures is rule_measures


def _online_retail() -> Path | None:
    for shared in (course_path(".").resolve().parent / "shared", course_path(".").resolve().parent.parent / "shared"):
        path = shared / "data" / "online_retail" / "online_retail.csv.gz"
        if path.exists():
            return path
    return None


@pytest.mark.skipif(_online_retail() is None, reason="the real Online Retail file (../shared/data) is not here")
def test_real_invoices():
    raw = pd.read_csv(_online_retail(), usecols=["InvoiceNo", "StockCode", "Quantity"],
                      dtype={"InvoiceNo": str, "StockCode": str})
    lines = raw[~raw["InvoiceNo"].str.startswith("C") & (raw["Quantity"] > 0)]
    rules = association_rules(lines, basket="InvoiceNo", item="StockCode", min_support=0.02, min_confidence=0.5)
    assert rules.attrs["n_baskets"] == lines["InvoiceNo"].nunique()
    # the famous gift-ware pair: green and roses regency teacup and saucer (22697, 22699)
    rule = _rule(rules, {"22697"}, {"22699"})
    assert rule["lift"] > 10
    holding = lines.groupby("InvoiceNo")["StockCode"].agg(set)
    both = holding.map(lambda items: {"22697", "22699"} <= items).sum()
    assert rule["support"] == pytest.approx(both / len(holding))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sets(st.sampled_from("abcdef"), max_size=4), min_size=1, max_size=12))
def test_rules_are_complete_and_exact(baskets):
    """Every one-to-one rule above the thresholds is found, with the measures counted by hand."""
    rules = association_rules(baskets, min_support=0.25, min_confidence=0.5, max_len=2)
    found = {(next(iter(a)), next(iter(c))) for a, c in zip(rules["antecedents"], rules["consequents"])}
    n = len(baskets)
    expected = set()
    for x in "abcdef":
        for y in "abcdef":
            both = sum(x in b and y in b for b in baskets)
            having_x = sum(x in b for b in baskets)
            if x != y and both / n >= 0.25 and having_x and both / having_x >= 0.5:
                expected.add((x, y))
    assert found == expected
    for row in rules.itertuples():
        measures = rule_measures(baskets, row.antecedents, row.consequents)
        assert row.support == pytest.approx(measures["support"])
        assert row.lift == pytest.approx(measures["lift"])
