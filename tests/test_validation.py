"""The one place that words input errors."""

import numpy as np
import pandas as pd
import pytest

from crm_course import _validation as v


def test_examples_shows_first_values_and_counts_the_rest():
    assert v.examples(["a", 2, None, 4, 5]) == "'a', 2, None (and 2 more)"
    assert v.examples([1]) == "1"


def test_require_columns_names_argument_and_lists_columns():
    frame = pd.DataFrame({"id": [1], "when": ["2024-01-01"]})
    v.require_columns(frame, {"customer": "id", "amount": None}, "tx")
    with pytest.raises(ValueError, match=r"Column 'date' \(argument `date=`\) is not in `tx`. Its columns are: \['id', 'when'\]"):
        v.require_columns(frame, {"date": "date"}, "tx")
    with pytest.raises(TypeError, match="`tx` must be a pandas DataFrame, but a list was passed"):
        v.require_columns([1, 2], {"date": "date"}, "tx")


def test_require_numeric_refuses_text_missing_and_infinite():
    assert v.require_numeric(pd.Series(["1.5", "2"], name="x"), "amount", "tx").tolist() == [1.5, 2.0]
    with pytest.raises(TypeError, match=r"1 value\(s\) are not numbers: 'abc'"):
        v.require_numeric(pd.Series(["1", "abc"], name="amount"), "amount", "tx")
    with pytest.raises(ValueError, match=r"1 missing value\(s\), first at row\(s\) 1"):
        v.require_numeric(pd.Series([1.0, np.nan], name="amount"), "amount", "tx")
    with pytest.raises(ValueError, match="infinite value"):
        v.require_numeric(pd.Series([1.0, np.inf], name="amount"), "amount", "tx")
    with pytest.raises(TypeError, match="must be numeric"):
        v.require_numeric(pd.Series([True, False], name="flag"), "amount", "tx")


@pytest.mark.parametrize(
    "value, kwargs, error, message",
    [
        ("3", {}, TypeError, r"`x` must be a number, but '3' \(str\)"),
        (True, {}, TypeError, "must be a number"),
        (1.5, {"integer": True}, ValueError, "must be a whole number, but 1.5"),
        (1.0, {"low": 0, "high": 1, "high_inclusive": False}, ValueError, r"must be in \[0, 1\), but 1.0"),
        (-1, {"low": 0}, ValueError, r"must be in \[0, inf\], but -1"),
        (float("nan"), {}, ValueError, "finite"),
    ],
)
def test_require_number(value, kwargs, error, message):
    with pytest.raises(error, match=message):
        v.require_number(value, "x", **kwargs)


def test_require_number_accepts_numpy_scalars():
    assert v.require_number(np.int64(3), "x", low=0, integer=True) == 3


def test_require_choice_uses_seaborn_wording():
    with pytest.raises(ValueError, match=r"The value for `unit` must be one of \['W', 'D'\], but 'M' was passed."):
        v.require_choice("M", ["W", "D"], "unit")


def test_require_dates():
    text = pd.Series(["2024-01-05", "2024-02-10"], name="date")
    assert v.require_dates(text, "date", "tx").dt.month.tolist() == [1, 2]
    stamps = pd.to_datetime(text)
    assert v.require_dates(stamps, "date", "tx") is stamps
    with pytest.raises(TypeError, match="holds numbers such as 20240105"):
        v.require_dates(pd.Series([20240105], name="date"), "date", "tx")
    with pytest.raises(ValueError, match=r"1 value\(s\) that are not dates such as '2024-12-31': 'soon'.*read_transactions"):
        v.require_dates(pd.Series(["2024-01-05", "soon"], name="date"), "date", "tx")
    with pytest.raises(ValueError, match="missing value"):
        v.require_dates(pd.Series(["2024-01-05", None], name="date"), "date", "tx")


def test_to_timestamp():
    assert v.to_timestamp("2024-03-31", "as_of") == pd.Timestamp("2024-03-31")
    with pytest.raises(ValueError, match="`as_of` must be a date such as '2024-12-31', but 'tomorrow'"):
        v.to_timestamp("tomorrow", "as_of")


def test_require_columns_points_out_a_column_in_the_index():
    frame = pd.DataFrame({"amount": [1.0]}, index=pd.Index(["a"], name="customer_id"))
    with pytest.raises(ValueError, match=r"'customer_id' \(argument `customer=`\) is the index of `tx`, not a column. "
                                         r"Make it a column first: tx.reset_index\(\)"):
        v.require_columns(frame, {"customer": "customer_id"}, "tx")


@pytest.mark.parametrize("value", [20241231, 3.0, np.int64(5), True, np.float64(1.0)])
def test_to_timestamp_refuses_numbers(value):
    with pytest.raises(TypeError, match=r"`as_of` must be a date such as '2024-12-31', but .* was passed"):
        v.to_timestamp(value, "as_of")


def test_to_timestamp_in_the_zone_of_the_data():
    naive = pd.Series(pd.to_datetime(["2024-01-01"]), name="date")
    aware = naive.dt.tz_localize("Asia/Shanghai")
    assert v.to_timestamp("2024-03-31", "as_of", like=naive) == pd.Timestamp("2024-03-31")
    assert v.to_timestamp("2024-03-31", "as_of", like=aware) == pd.Timestamp("2024-03-31", tz="Asia/Shanghai")
    utc = v.to_timestamp(pd.Timestamp("2024-03-30 20:00", tz="UTC"), "as_of", like=aware)
    assert str(utc) == "2024-03-31 04:00:00+08:00"
    with pytest.raises(ValueError, match=r"`as_of` \(2024-03-31 00:00:00\+00:00\) has a time zone but the dates of "
                                         r"`tx` have none.*tx\['date'\].dt.tz_localize\('UTC'\)"):
        v.to_timestamp(pd.Timestamp("2024-03-31", tz="UTC"), "as_of", like=naive)


def test_require_labels_and_ids():
    ok = pd.Series([1.0, 2.0], index=["a", "b"])
    assert v.require_labels(ok, "values") is ok
    with pytest.raises(ValueError, match=r"repeats 1 label\(s\), e.g. 'a'"):
        v.require_labels(pd.Series([1.0, 2.0], index=["a", "a"]), "values")
    with pytest.raises(TypeError, match=r"mixes labels of kinds \['number', 'str'\], e.g. 1, '1'"):
        v.require_labels(pd.Series([1.0, 2.0], index=pd.Index([1, "1"], dtype=object)), "values")
    with pytest.raises(ValueError, match=r"1 missing label\(s\) \(NaN\) at position\(s\) 1"):
        v.require_labels(pd.Series([1.0, 2.0], index=["a", None]), "values")
    ids = pd.Series([1001, 1002.0], name="customer_id", dtype=object)  # numbers of two types are one kind
    assert v.require_ids(ids, "customer", "tx") is ids
    with pytest.raises(TypeError, match=r"mixes ids of kinds \['number', 'str'\], e.g. 1001, '1001'"):
        v.require_ids(pd.Series([1001, "1001"], name="customer_id"), "customer", "tx")
    with pytest.raises(ValueError, match=r"1 missing value"):
        v.require_ids(pd.Series(["a", None], name="customer_id"), "customer", "tx")
