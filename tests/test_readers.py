"""read_transactions: encodings, Chinese headers, dates, bad rows, returns, no mutation."""

import warnings

import pandas as pd
import pytest

import crm_course as crm

RAW = pd.DataFrame(
    {
        "客户编号": ["甲001", "乙002", "甲001", "丙003"],
        "下单日期": ["2024-03-05", "2024/03/06", "2024年4月1日", "20240402"],
        "实付金额": ["￥1,280.00", "86.5", "432", "12元"],
        "门店": ["上海", "杭州", "上海", "成都"],
    }
)
COLUMNS = dict(customer="客户编号", date="下单日期", amount="实付金额")


def test_chinese_headers_and_formats_become_standard_columns():
    tx = crm.read_transactions(RAW, **COLUMNS)
    assert list(tx.columns) == ["customer_id", "date", "amount", "门店"]
    assert tx["amount"].tolist() == [1280.0, 86.5, 432.0, 12.0]
    assert tx["date"].dt.strftime("%Y-%m-%d").tolist() == ["2024-03-05", "2024-03-06", "2024-04-01", "2024-04-02"]
    assert tx["customer_id"].tolist() == ["甲001", "乙002", "甲001", "丙003"]


def test_caller_frame_is_never_changed():
    before = RAW.copy()
    crm.read_transactions(RAW, **COLUMNS)
    pd.testing.assert_frame_equal(RAW, before)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(tmp_path, encoding):
    path = tmp_path / "export.csv"
    RAW.to_csv(path, index=False, encoding=encoding)
    tx = crm.read_transactions(path, **COLUMNS)
    assert tx["customer_id"].tolist() == ["甲001", "乙002", "甲001", "丙003"]
    assert tx.attrs["report"].encoding in ("utf-8-sig", "gb18030")


def test_excel_file(tmp_path):
    path = tmp_path / "export.xlsx"
    RAW.to_excel(path, index=False)
    assert crm.read_transactions(path, **COLUMNS)["amount"].sum() == pytest.approx(1810.5)


def test_leading_zero_ids_survive_a_csv(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text("customer_id,date,amount\n00042,2024-01-01,5\n", encoding="utf-8")
    assert crm.read_transactions(path)["customer_id"].tolist() == ["00042"]


def test_missing_file_and_wrong_type():
    with pytest.raises(FileNotFoundError, match="not found"):
        crm.read_transactions("no/such/file.csv")
    with pytest.raises(TypeError, match="`source` must be a pandas DataFrame"):
        crm.read_transactions(42)


def test_missing_column_names_the_argument():
    with pytest.raises(ValueError, match=r"Column '日期' \(argument `date=`\) is not in `the DataFrame`.*下单日期"):
        crm.read_transactions(RAW, customer="客户编号", date="日期", amount="实付金额")


def test_ambiguous_dates_are_refused_until_told():
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["03/05/2024", "04/06/2024"], "amount": [1, 2]})
    with pytest.raises(ValueError, match="dayfirst=True"):
        crm.read_transactions(raw)
    assert crm.read_transactions(raw, dayfirst=True)["date"].dt.month.tolist() == [5, 6]
    assert crm.read_transactions(raw, dayfirst=False)["date"].dt.month.tolist() == [3, 4]


def test_dates_that_settle_the_order_need_no_flag():
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["03/05/2024", "25/06/2024"], "amount": [1, 2]})
    assert crm.read_transactions(raw)["date"].dt.month.tolist() == [5, 6]


def test_iso_dates_are_not_swapped_by_dayfirst():
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-03-05", "05/04/2024"], "amount": [1, 2]})
    dates = crm.read_transactions(raw, dayfirst=True)["date"]
    assert dates.dt.strftime("%Y-%m-%d").tolist() == ["2024-03-05", "2024-04-05"]


def test_mixed_orders_are_refused():
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["25/06/2024", "06/25/2024"], "amount": [1, 2]})
    with pytest.raises(ValueError, match="mixes day/month and month/day"):
        crm.read_transactions(raw)


@pytest.mark.parametrize(
    "column, value, reason",
    [("customer_id", " ", "no customer id"), ("date", "soon", "unparseable date"), ("amount", "free", "non-numeric amount")],
)
def test_bad_rows_refused_with_count_and_example_then_dropped_on_request(column, value, reason):
    raw = pd.DataFrame({"customer_id": ["a", "b", "c"], "date": ["2024-01-01"] * 3, "amount": ["1", "2", "3"]})
    raw.loc[1, column] = value
    with pytest.raises(ValueError, match=rf"1 row\(s\) of the DataFrame have {reason}.*row 1.*{value!r}"):
        crm.read_transactions(raw)
    with pytest.warns(UserWarning, match=f"dropped 1 row.*{reason}"):
        tx = crm.read_transactions(raw, bad_rows="drop")
    assert tx["customer_id"].tolist() == ["a", "c"]
    assert tx.attrs["report"].rows_kept == 2


def test_file_errors_give_line_numbers(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("customer_id,date,amount\na,2024-01-01,1\nb,2024-01-02,oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 3"):
        crm.read_transactions(path)


def test_returns_need_a_decision():
    raw = pd.DataFrame({"customer_id": ["a", "a"], "date": ["2024-01-01", "2024-01-05"], "amount": [100, -30]})
    with pytest.raises(ValueError, match=r"1 row\(s\).*negative amount.*returns='keep'"):
        crm.read_transactions(raw)
    kept = crm.read_transactions(raw, returns="keep")
    assert kept["amount"].sum() == 70 and kept.attrs["report"].returns == 1
    with pytest.warns(UserWarning, match="returns='drop'"):
        dropped = crm.read_transactions(raw, returns="drop")
    assert dropped["amount"].tolist() == [100.0]


def test_no_warning_when_nothing_is_dropped():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        crm.read_transactions(RAW, **COLUMNS)


def test_invalid_options_are_named():
    with pytest.raises(ValueError, match="The value for `returns` must be one of"):
        crm.read_transactions(RAW, returns="ignore", **COLUMNS)


def test_numeric_ids_keep_their_type():
    raw = pd.DataFrame({"customer_id": [7, 8], "date": ["2024-01-01", "2024-01-02"], "amount": [1.0, 2.0]})
    assert crm.read_transactions(raw)["customer_id"].tolist() == [7, 8]


def test_result_feeds_the_models():
    categories = crm.closeness_categories(crm.read_transactions(RAW, **COLUMNS))
    assert categories.to_dict() == {"丙003": "first_time", "乙002": "first_time", "甲001": "repeat"}
