"""RFM table, scores and segments; ABC classes and the Pareto curve."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.models.segmentation import DEFAULT_SEGMENT_RULES


@pytest.fixture
def tx():
    return pd.DataFrame(
        {
            "customer_id": ["a", "a", "b", "c", "c", "c"],
            "date": pd.to_datetime(
                ["2024-01-05", "2024-03-01", "2024-02-10", "2024-01-20", "2024-02-25", "2024-03-02"]
            ),
            "amount": [20.0, 35.5, 120.0, 10.0, 15.0, 12.5],
        }
    )


def shuffled(frame, seed=0):
    return frame.sample(frac=1, random_state=seed)


# ---------------------------------------------------------------- rfm_table


def test_rfm_table_known_answer_default_as_of_is_day_after_the_data(tx):
    table = crm.rfm_table(tx)
    expected = pd.DataFrame(
        {"recency": [2, 22, 1], "frequency": [2, 1, 3], "monetary": [55.5, 120.0, 37.5]},
        index=pd.Index(["a", "b", "c"], name="customer_id"),
    )
    pd.testing.assert_frame_equal(table, expected)


def test_rfm_table_explicit_as_of_and_purchase_on_as_of_has_recency_zero(tx):
    table = crm.rfm_table(tx, as_of="2024-03-02")
    assert table["recency"].tolist() == [1, 21, 0]
    assert crm.rfm_table(tx, as_of=pd.Timestamp("2024-12-31"))["recency"]["b"] == 325


def test_rfm_table_counts_calendar_days_whatever_the_time_of_day():
    tx = pd.DataFrame(
        {
            "customer_id": [1, 2],
            "date": pd.to_datetime(["2024-01-01 23:59", "2024-01-02 00:01"]),
            "amount": [1.0, 2.0],
        }
    )
    assert crm.rfm_table(tx)["recency"].tolist() == [2, 1]
    assert crm.rfm_table(tx, as_of="2024-01-02 08:00")["recency"].tolist() == [1, 0]
    aware = tx.assign(date=tx["date"].dt.tz_localize("Asia/Shanghai"))
    assert crm.rfm_table(aware, as_of="2024-01-03")["recency"].tolist() == [2, 1]


def test_rfm_table_order_column_counts_distinct_orders(tx):
    with_orders = tx.assign(order_id=["o1", "o1", "o2", "o3", "o4", "o4"])
    table = crm.rfm_table(with_orders, order="order_id")
    assert table["frequency"].tolist() == [1, 1, 2]
    assert table["monetary"].tolist() == [55.5, 120.0, 37.5]


def test_rfm_table_returns_reduce_monetary_and_negative_totals_are_kept(tx):
    returns = pd.concat(
        [tx, pd.DataFrame({"customer_id": ["b"], "date": [pd.Timestamp("2024-02-20")], "amount": [-150.0]})]
    )
    table = crm.rfm_table(returns)
    assert table.loc["b", "monetary"] == -30.0
    assert table.loc["b", "frequency"] == 2
    assert len(table) == 3


def test_rfm_table_parses_iso_text_dates_and_custom_column_names(tx):
    renamed = tx.rename(columns={"customer_id": "client", "date": "day", "amount": "spend"})
    renamed["day"] = renamed["day"].dt.strftime("%Y-%m-%d")
    table = crm.rfm_table(renamed, customer="client", date="day", amount="spend")
    assert table.index.name == "client"
    pd.testing.assert_frame_equal(table.rename_axis("customer_id"), crm.rfm_table(tx))


def test_rfm_table_does_not_mutate_and_ignores_row_order(tx):
    before = tx.copy()
    table = crm.rfm_table(tx)
    pd.testing.assert_frame_equal(tx, before)
    pd.testing.assert_frame_equal(crm.rfm_table(shuffled(tx)), table)
    duplicate_index = tx.set_axis([0, 0, 1, 1, 2, 2])
    pd.testing.assert_frame_equal(crm.rfm_table(duplicate_index), table)


def test_rfm_table_on_cdnow_keeps_every_customer_and_every_purchase_day():
    cdnow = crm.load_dataset("cdnow")
    table = crm.rfm_table(cdnow)
    assert len(table) == cdnow["customer_id"].nunique() == 2357
    # 6,919 rows, but some customers have several on one day: 6,696 purchase days (issue 7)
    assert len(cdnow) == 6919
    assert table["frequency"].sum() == len(cdnow.assign(day=cdnow["date"].dt.normalize())
                                            .drop_duplicates(["customer_id", "day"])) == 6696
    # the same unit as the BG/NBD summary: its frequency is the purchase days after the first
    summary = crm.btyd_summary(cdnow, calibration_end=cdnow["date"].max())
    pd.testing.assert_series_equal(table["frequency"] - 1, summary["frequency"], check_names=False)
    assert table["monetary"].sum() == pytest.approx(cdnow["amount"].sum())
    # the data ends on 1998-06-30, so the default as_of is 1998-07-01
    assert table["recency"].min() == 1
    assert table["recency"].max() == (pd.Timestamp("1998-07-01") - pd.Timestamp("1997-01-01")).days == 546
    # customer 1 bought on 1997-01-01, 01-18, 08-02 and 12-12 for 29.33 + 29.73 + 14.96 + 26.48
    assert table.loc[1].tolist() == [pytest.approx(201), 4, pytest.approx(100.50)]


@pytest.mark.parametrize(
    ("change", "error", "match"),
    [
        (lambda t: t.drop(columns="amount"), ValueError, r"Column 'amount' \(argument `amount=`\) is not in `tx`"),
        (lambda t: t.assign(customer_id=["a", None, "b", "c", "c", "c"]), ValueError, r"1 missing value.*row\(s\) 1"),
        (lambda t: t.assign(date=["2024-01-05", "yesterday"] + ["2024-01-01"] * 4), ValueError, r"'yesterday'"),
        (lambda t: t.assign(date=[20240105] * 6), TypeError, r"holds numbers such as 20240105"),
        (lambda t: t.assign(date=["2024-01-05T10:00+08:00"] + ["2024-01-05"] * 5), ValueError,
         r"'date' \(argument `date=`\) of `tx` cannot be read as dates: Mixed timezones"),
        (lambda t: t.assign(date=pd.NaT), ValueError, r"6 missing value"),
        (lambda t: t.assign(amount=["20", "x"] + ["1"] * 4), TypeError, r"not numbers: 'x'"),
        (lambda t: t.iloc[:0], ValueError, r"`tx` is empty"),
        (lambda t: t.to_dict(), TypeError, r"must be a pandas DataFrame"),
    ],
)
def test_rfm_table_refuses_bad_input(tx, change, error, match):
    with pytest.raises(error, match=match):
        crm.rfm_table(change(tx))


def test_rfm_table_refuses_transactions_after_as_of(tx):
    late = r"2 transaction\(s\) of `tx` are after as_of=2024-02-25, e.g. on '2024-03-01', '2024-03-02'"
    with pytest.raises(ValueError, match=late):
        crm.rfm_table(tx, as_of="2024-02-25")
    with pytest.raises(ValueError, match=r"`as_of` must be a date"):
        crm.rfm_table(tx, as_of="soon")


def test_rfm_table_refuses_missing_order_ids(tx):
    with pytest.raises(ValueError, match=r"'order_id' \(argument `order=`\).*1 missing"):
        crm.rfm_table(tx.assign(order_id=["o1", None, "o2", "o3", "o4", "o5"]), order="order_id")


# ---------------------------------------------------------------- rfm_scores


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "recency": [2, 22, 1, 40, 5, 9],
            "frequency": [2, 1, 3, 1, 1, 4],
            "monetary": [55.5, 120.0, 37.5, 12.0, 80.0, 210.0],
        },
        index=pd.Index(list("abcdef"), name="customer_id"),
    )


def test_rfm_scores_known_answer(table):
    scores = crm.rfm_scores(table)
    # recency ranked from oldest (40 -> rank 1) to newest (1 -> rank 6); score = ceil(rank / 6 * 5)
    assert scores["R"].tolist() == [5, 2, 5, 1, 4, 3]
    # three one-time buyers share ranks 1-3 and take the lowest, 1 -> ceil(1 / 6 * 5) = 1;
    # frequency 2 has rank 4 -> ceil(4 / 6 * 5) = 4
    assert scores["F"].tolist() == [4, 1, 5, 1, 1, 5]
    assert scores["M"].tolist() == [3, 5, 2, 1, 4, 5]
    assert scores["RFM"].tolist() == ["543", "215", "552", "111", "414", "355"]
    assert scores["RFM_score"].tolist() == [12, 8, 12, 3, 9, 13]
    pd.testing.assert_frame_equal(scores[table.columns], table)


def test_rfm_scores_exact_boundaries_give_equal_bins():
    table = pd.DataFrame({"recency": range(10), "frequency": range(10), "monetary": np.arange(10) * 0.1})
    scores = crm.rfm_scores(table)
    assert scores["F"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["M"].tolist() == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]
    assert scores["R"].tolist() == [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]
    assert crm.rfm_scores(table, bins=2)["F"].tolist() == [1] * 5 + [2] * 5


def test_rfm_scores_sixty_percent_one_time_buyers_share_f1_and_f2_f3_are_unused():
    table = pd.DataFrame({"recency": range(10), "frequency": [1] * 6 + [2, 2, 3, 5], "monetary": range(10)})
    f = crm.rfm_scores(table)["F"]
    # ranks: 1 -> 1 (ceil 0.5), 2 -> 7 (ceil 3.5 = 4), 3 -> 9 (ceil 4.5 = 5), 5 -> 10 (5)
    assert f.tolist() == [1] * 6 + [4, 4, 5, 5]


def test_rfm_scores_does_not_mutate_and_ignores_row_order(table):
    before = table.copy()
    scores = crm.rfm_scores(table)
    pd.testing.assert_frame_equal(table, before)
    pd.testing.assert_frame_equal(crm.rfm_scores(shuffled(table)).loc[scores.index], scores)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=40), st.integers(2, 9), st.randoms(use_true_random=False))
def test_rfm_scores_ties_share_scores_and_order_never_matters(values, bins, random):
    table = pd.DataFrame({"recency": values, "frequency": values, "monetary": values})
    scores = crm.rfm_scores(table, bins=bins)
    assert scores["F"].between(1, bins).all()
    assert scores.groupby("frequency")["F"].nunique().eq(1).all()
    ordered = scores.sort_values("frequency")
    assert ordered["F"].is_monotonic_increasing
    assert ordered["R"].is_monotonic_decreasing
    permutation = list(range(len(values)))
    random.shuffle(permutation)
    again = crm.rfm_scores(table.iloc[permutation], bins=bins).loc[scores.index]
    pd.testing.assert_frame_equal(again, scores)


def test_rfm_scores_on_cdnow():
    scores = crm.rfm_scores(crm.rfm_table(crm.load_dataset("cdnow")))
    one_time = scores["frequency"] == 1
    assert one_time.sum() == 1218  # 52% of 2,357 bought on one day only: all share the lowest score
    assert set(scores.loc[one_time, "F"]) == {1}
    # two-day buyers: rank 1219 -> ceil(1219 / 2357 * 5) = ceil(2.59) = 3, so F=2 is unused
    assert set(scores.loc[scores["frequency"] == 2, "F"]) == {3}
    assert scores["F"].value_counts().sort_index().to_dict() == {1: 1218, 3: 403, 4: 358, 5: 378}
    assert scores.attrs["bins"] == 5


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"bins": 1}, ValueError, r"`bins` must be in \[2, 9\], but 1"),
        ({"bins": 10}, ValueError, r"`bins` must be in \[2, 9\], but 10"),
        ({"bins": 2.5}, ValueError, r"`bins` must be a whole number"),
        ({"monetary": "spend"}, ValueError, r"Column 'spend' \(argument `monetary=`\) is not in `table`"),
    ],
)
def test_rfm_scores_refuses_bad_arguments(table, kwargs, error, match):
    with pytest.raises(error, match=match):
        crm.rfm_scores(table, **kwargs)


def test_rfm_scores_refuses_bad_values(table):
    with pytest.raises(ValueError, match=r"'recency'.*1 missing"):
        crm.rfm_scores(table.assign(recency=[1, None, 3, 4, 5, 6]))
    with pytest.raises(TypeError, match=r"'frequency'.*not numbers: 'many'"):
        crm.rfm_scores(table.assign(frequency=["many", "1", "2", "3", "4", "5"]))
    with pytest.raises(ValueError, match=r"`table` is empty"):
        crm.rfm_scores(table.iloc[:0])


# ---------------------------------------------------------------- rfm_segments

# The default map resolved to whole scores for bins=5 (the table in rfm_segments' docstring)
SCORE_RULES_5 = crm.rfm_segments(pd.DataFrame({"R": [1], "F": [1]})).attrs["rules"]

DEFAULT_MAP = {  # R from 5 down to 1, F from 1 to 5: the table in rfm_segments' docstring
    5: ["new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"],
    4: ["promising", "potential_loyalists", "potential_loyalists", "loyal_customers", "loyal_customers"],
    3: ["about_to_sleep", "about_to_sleep", "need_attention", "loyal_customers", "loyal_customers"],
    2: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
    1: ["hibernating", "hibernating", "at_risk", "at_risk", "cant_lose_them"],
}


def test_rfm_segments_anchor_codes():
    scores = pd.DataFrame({"R": [5, 4, 3, 2, 1], "F": [5, 4, 3, 2, 1], "M": [5, 4, 3, 2, 1]})
    assert crm.rfm_segments(scores)["segment"].tolist() == [
        "champions",
        "loyal_customers",
        "need_attention",
        "hibernating",
        "hibernating",
    ]


def test_rfm_segments_default_map_covers_all_25_cells_as_documented():
    cells = pd.DataFrame([(r, f) for r in range(1, 6) for f in range(1, 6)], columns=["R", "F"])
    segments = crm.rfm_segments(cells)
    for r, f, segment in segments[["R", "F", "segment"]].itertuples(index=False):
        assert segment == DEFAULT_MAP[r][f - 1], (r, f)
    assert segments["segment"].nunique() == 10
    assert list(segments["segment"].cat.categories) == [rule["segment"] for rule in DEFAULT_SEGMENT_RULES]
    assert set(segments["segment"].cat.categories) == {key.removeprefix("segment.") for key in crm.i18n.STRINGS
                                                     if key.startswith("segment.")}


def test_rfm_segments_custom_rules_as_dicts_or_frame_and_bins_three():
    rules = [
        {"segment": "best", "r_min": 3, "r_max": 3, "f_min": 1, "f_max": 3},
        {"segment": "rest", "r_min": 1, "r_max": 2, "f_min": 1, "f_max": 3},
    ]
    scores = pd.DataFrame({"R": [3, 1, 2], "F": [1, 3, 2]})
    for given_rules in (rules, pd.DataFrame(rules)):
        segments = crm.rfm_segments(scores, rules=given_rules, bins=3)
        assert segments["segment"].tolist() == ["best", "rest", "rest"]


def test_rfm_segments_does_not_mutate_and_ignores_row_order(table):
    scores = crm.rfm_scores(table)
    before = scores.copy()
    segments = crm.rfm_segments(scores)
    pd.testing.assert_frame_equal(scores, before)
    pd.testing.assert_frame_equal(crm.rfm_segments(shuffled(scores)).loc[segments.index], segments)
    assert segments["segment"].tolist() == [
        "champions",  # R5 F4
        "hibernating",  # R2 F1
        "champions",  # R5 F5
        "hibernating",  # R1 F1
        "promising",  # R4 F1
        "loyal_customers",  # R3 F5
    ]


def test_rfm_segments_refuses_overlapping_and_uncovered_cells():
    scores = pd.DataFrame({"R": [1], "F": [1]})
    overlapping = list(SCORE_RULES_5) + [{"segment": "vip", "r_min": 5, "r_max": 5, "f_min": 5, "f_max": 5}]
    twice = r"1 R x F cell\(s\) in more than one segment: R=5 F=5: \['champions', 'vip'\]"
    with pytest.raises(ValueError, match=twice):
        crm.rfm_segments(scores, rules=overlapping)
    with pytest.raises(ValueError, match=r"leave 2 R x F cell\(s\) without a segment: R=1 F=5, R=2 F=5"):
        crm.rfm_segments(scores, rules=[r for r in SCORE_RULES_5 if r["segment"] != "cant_lose_them"])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"rules": "champions"}, TypeError, r"`rules` must be a DataFrame or a list of dicts"),
        ({"rules": [{"segment": "x", "r_min": 1, "r_max": 5, "f_min": 1}]}, ValueError, r"Column 'f_max'"),
        ({"rules": [{"segment": "x", "r_min": 1, "r_max": 6, "f_min": 1, "f_max": 5}]}, ValueError,
         r"`rules` are written for bins=6 \(their highest score is 6\), but the scores have bins=5"),
        ({"rules": [{"segment": "x", "r_min": 0, "r_max": 5, "f_min": 1, "f_max": 5}]}, ValueError,
         r"'r_min' of `rules` must hold whole scores from 1 to 5.*0"),
        ({"rules": [{"segment": "x", "r_from": 0, "r_to": 1, "f_from": 0, "f_to": 1, "r_min": 1}]}, ValueError,
         r"`rules` mix shares of the scale"),
        ({"rules": [{"segment": "x", "r_min": 5, "r_max": 1, "f_min": 1, "f_max": 5}]}, ValueError,
         r"'x'.*minimum above the maximum"),
        ({"r": "Recency"}, ValueError, r"Column 'Recency' \(argument `r=`\) is not in `scores`"),
    ],
)
def test_rfm_segments_refuses_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        crm.rfm_segments(pd.DataFrame({"R": [1], "F": [1]}), **kwargs)


def test_rfm_segments_refuses_scores_outside_bins():
    with pytest.raises(ValueError, match=r"'F' \(argument `f=`\).*from 1 to 5, but has 7.*`bins` used"):
        crm.rfm_segments(pd.DataFrame({"R": [1, 2], "F": [1, 7]}))


def test_rfm_segments_on_cdnow_every_customer_gets_one_segment():
    segments = crm.rfm_segments(crm.rfm_scores(crm.rfm_table(crm.load_dataset("cdnow"))))
    counts = segments["segment"].value_counts()
    assert counts.sum() == 2357
    assert segments["segment"].notna().all()
    # CDNOW is one cohort (first purchases in Q1 1997) observed to mid-1998: a one-time buyer's
    # only purchase is old, so no one-time buyer is recent (R4-5 with F1)
    assert counts["new_customers"] == counts["promising"] == 0
    assert counts[["champions", "hibernating", "about_to_sleep", "at_risk"]].gt(0).all()


# ---------------------------------------------------------------- abc_classes and pareto_curve


@pytest.fixture
def sales():
    return pd.Series({"a": 10.0, "b": 500.0, "c": 300.0, "d": 100.0, "e": 60.0, "f": 30.0}, name="sales")


def test_abc_classes_known_answer_crossing_customer_is_still_a(sales):
    abc = crm.abc_classes(sales)
    assert abc.index.tolist() == ["b", "c", "d", "e", "f", "a"]
    assert abc["rank"].tolist() == [1, 2, 3, 4, 5, 6]
    assert abc["share"].tolist() == pytest.approx([0.5, 0.3, 0.1, 0.06, 0.03, 0.01])
    assert abc["cumulative_share"].tolist() == pytest.approx([0.5, 0.8, 0.9, 0.96, 0.99, 1.0])
    # c ends exactly at 80% (started at 50%): A; e crosses 95% (started at 90%): B
    assert abc["class"].tolist() == ["A", "A", "B", "B", "C", "C"]
    # without c the total is 700: b reaches 71.4%, d crosses 80% (to 85.7%) and is A,
    # e starts at 85.7% and f at 94.3%: B; a starts at 98.6%: C
    crossing = sales.drop("c")
    assert crm.abc_classes(crossing)["class"].tolist() == ["A", "A", "B", "B", "C"]
    assert crm.abc_classes(sales, cuts=(0.5, 0.9))["class"].tolist() == ["A", "B", "B", "C", "C", "C"]


def test_abc_classes_ties_are_broken_by_label_whatever_the_row_order():
    values = pd.Series({"z": 40.0, "y": 40.0, "x": 15.0, "w": 5.0})
    abc = crm.abc_classes(values)
    assert abc.index.tolist() == ["y", "z", "x", "w"]
    assert abc["class"].tolist() == ["A", "A", "B", "C"]
    pd.testing.assert_frame_equal(crm.abc_classes(values.iloc[::-1]), abc)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.integers(0, 50), min_size=1, max_size=30).filter(any), st.randoms(use_true_random=False))
def test_abc_classes_properties(numbers, random):
    values = pd.Series(numbers, index=[f"c{i:02d}" for i in range(len(numbers))], dtype=float)
    abc = crm.abc_classes(values)
    assert abc["cumulative_share"].iloc[-1] == pytest.approx(1.0)
    assert abc["class"].iloc[0] == "A"
    assert abc["value"].is_monotonic_decreasing
    assert abc["class"].astype(str).is_monotonic_increasing
    labels = list(values.index)
    random.shuffle(labels)
    pd.testing.assert_frame_equal(crm.abc_classes(values[labels]), abc)


def test_abc_classes_does_not_mutate(sales):
    before = sales.copy()
    crm.abc_classes(sales)
    crm.pareto_curve(sales)
    pd.testing.assert_series_equal(sales, before)


@pytest.mark.parametrize("function", [crm.abc_classes, crm.pareto_curve])
@pytest.mark.parametrize(
    ("values", "error", "match"),
    [
        (pd.Series({"a": 5.0, "b": -2.0}), ValueError, r"1 negative value\(s\), e.g. customer\(s\) 'b' with -2.0"),
        (pd.Series({"a": 0.0, "b": 0.0}), ValueError, r"all zero"),
        (pd.Series(dtype=float), ValueError, r"`values` is empty"),
        (pd.Series({"a": 1.0, "b": None}), ValueError, r"1 missing value"),
        (pd.DataFrame({"v": [1.0]}), TypeError, r"`values` must be a pandas Series"),
    ],
)
def test_abc_and_pareto_refuse_bad_values(function, values, error, match):
    with pytest.raises(error, match=match):
        function(values)


@pytest.mark.parametrize(
    ("cuts", "error", "match"),
    [
        ((0.8,), TypeError, r"`cuts` must be two shares"),
        ((0.9, 0.8), ValueError, r"`cuts\[1\]` must be in \(0.9, 1\]"),
        ((0.0, 0.8), ValueError, r"`cuts\[0\]` must be in \(0, 1\)"),
    ],
)
def test_abc_classes_refuses_bad_cuts(sales, cuts, error, match):
    with pytest.raises(error, match=match):
        crm.abc_classes(sales, cuts=cuts)


def test_pareto_curve_known_answer(sales):
    curve = crm.pareto_curve(sales)
    assert curve.columns.tolist() == ["customer_share", "value_share"]
    assert curve.iloc[0].tolist() == [0.0, 0.0]
    assert curve["customer_share"].tolist() == pytest.approx([0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1])
    assert curve["value_share"].tolist() == pytest.approx([0, 0.5, 0.8, 0.9, 0.96, 0.99, 1.0])


def test_pareto_curve_on_cdnow_spend():
    spend = crm.rfm_table(crm.load_dataset("cdnow"))["monetary"]
    curve = crm.pareto_curve(spend)
    top_fifth = np.interp(0.2, curve["customer_share"], curve["value_share"])
    assert 0.5 < top_fifth < 0.8
    assert curve["value_share"].is_monotonic_increasing
    assert len(curve) == 2358


# ---------------------------------------------------------------- rfm_analysis: scores and segments in one call


@pytest.mark.parametrize("bins", [2, 3, 5, 7, 9])
def test_rfm_analysis_is_scores_then_segments(bins):
    from crm_course.models.segmentation import rfm_analysis

    table = crm.rfm_table(crm.load_dataset("retail"))
    result = rfm_analysis(table, bins=bins)
    pd.testing.assert_frame_equal(result, crm.rfm_segments(crm.rfm_scores(table, bins=bins)))
    assert result.attrs["bins"] == bins and result.attrs["as_of"] == table.attrs["as_of"]
    assert "order" in result.attrs and len(result.attrs["rules"]) >= 1


def test_rfm_analysis_hand_computed_with_rules_and_column_names():
    from crm_course.models.segmentation import rfm_analysis

    table = pd.DataFrame({"days": [2, 22, 1, 40, 5, 9], "orders": [2, 1, 3, 1, 1, 4],
                          "spend": [55.5, 120.0, 37.5, 12.0, 80.0, 210.0]}, index=list("abcdef"))
    two = [{"segment": "keep", "r_min": 2, "r_max": 2, "f_min": 1, "f_max": 2},
           {"segment": "win_back", "r_min": 1, "r_max": 1, "f_min": 1, "f_max": 2}]
    result = rfm_analysis(table, bins=2, rules=two, recency="days", frequency="orders", monetary="spend")
    # R: recency ranks (most recent best) c, a, e | f, b, d; F: 1,1,1 | 2,3,4
    assert result["R"].tolist() == [2, 1, 2, 1, 2, 1]
    assert result["F"].tolist() == [2, 1, 2, 1, 1, 2]
    assert result["segment"].tolist() == ["keep", "win_back", "keep", "win_back", "keep", "win_back"]
    pd.testing.assert_frame_equal(table, pd.DataFrame({"days": [2, 22, 1, 40, 5, 9], "orders": [2, 1, 3, 1, 1, 4],
                                  "spend": [55.5, 120.0, 37.5, 12.0, 80.0, 210.0]}, index=list("abcdef")))


def test_rfm_analysis_refuses_rules_for_other_bins():
    from crm_course.models.segmentation import rfm_analysis

    table = crm.rfm_table(crm.load_dataset("retail"))
    five = [{"segment": "all", "r_min": 1, "r_max": 5, "f_min": 1, "f_max": 5}]
    with pytest.raises(ValueError, match=r"`rules` are written for bins=5.*the scores have bins=4"):
        rfm_analysis(table, bins=4, rules=five)
