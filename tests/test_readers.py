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
    categories = crm.lifecycle_stages(crm.read_transactions(RAW, **COLUMNS)).astype(str)
    assert categories.to_dict() == {"丙003": "first_time", "乙002": "first_time", "甲001": "repeat"}


# Hostile input: every case gives a correct result or an error naming the column or argument.


def write(tmp_path, text, name="export.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolon_files_are_detected_and_a_wrong_sep_is_pointed_out(tmp_path):
    path = write(tmp_path, "customer_id;date;amount\na;2024-01-01;12,50\nb;2024-01-02;1.234,50\n")
    assert crm.read_transactions(path)["amount"].tolist() == [12.5, 1234.5]
    with pytest.raises(ValueError, match=r"single column 'customer_id;date;amount'.*Pass sep=';'"):
        crm.read_transactions(path, sep=",")


@pytest.mark.parametrize(
    "amounts, expected",
    [
        (["12,50", "1.234,50", "7"], [12.5, 1234.5, 7.0]),
        (["1,234.50", "12.5", "1,000,000"], [1234.5, 12.5, 1e6]),
        (["¥12", "￥1,280.00", "$3.5", "€4,25"], None),
        (["１２３", "￥４５．６", "７８元"], [123.0, 45.6, 78.0]),
        (["€ 1.234,50", "€4,25", "−3,00"], [1234.5, 4.25, -3.0]),
    ],
)
def test_decimal_commas_thousands_currency_and_full_width_digits(amounts, expected):
    raw = pd.DataFrame({"customer_id": list("abcd")[: len(amounts)], "date": ["2024-01-01"] * len(amounts),
                        "amount": amounts})
    if expected is None:
        with pytest.raises(ValueError, match=r"Column 'amount'.*mixes decimal points and decimal commas.*'€4,25'"):
            crm.read_transactions(raw)
    else:
        assert crm.read_transactions(raw, returns="keep")["amount"].tolist() == expected


def test_decimal_commas_in_a_comma_separated_file_are_explained(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,2024-01-01,12,50\n")
    with pytest.raises(ValueError, match=r"more fields than the header.*decimal commas.*sep="):
        crm.read_transactions(path)


def test_empty_and_header_only_files(tmp_path):
    with pytest.raises(ValueError, match="empty.csv is empty: it has no header line"):
        crm.read_transactions(write(tmp_path, "", "empty.csv"))
    with pytest.raises(ValueError, match="`header.csv` is empty"):
        crm.read_transactions(write(tmp_path, "customer_id,date,amount\n", "header.csv"))


TRADITIONAL = pd.DataFrame({"客戶編號": ["甲001", "乙002"], "下單日期": ["2024-03-05", "2024-03-06"],
                            "實付金額": ["1,280", "86.5"], "門市": ["臺北", "高雄"]})


def test_big5_is_detected_not_read_as_mojibake(tmp_path):
    path = tmp_path / "big5.csv"
    TRADITIONAL.to_csv(path, index=False, encoding="big5")
    tx = crm.read_transactions(path, customer="客戶編號", date="下單日期", amount="實付金額")
    assert tx.attrs["report"].encoding == "big5"
    assert tx["門市"].tolist() == ["臺北", "高雄"] and tx["amount"].tolist() == [1280.0, 86.5]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_utf16_with_and_without_byte_order_mark(tmp_path, encoding):
    path = tmp_path / "unicode.txt"  # Excel's "Unicode text": UTF-16, tab-separated
    RAW.to_csv(path, index=False, sep="\t", encoding=encoding)
    tx = crm.read_transactions(path, **COLUMNS)
    assert tx["customer_id"].tolist() == ["甲001", "乙002", "甲001", "丙003"]
    assert tx.attrs["report"].encoding.startswith("utf-16")


def test_unknown_and_wrong_encodings_are_named(tmp_path):
    path = tmp_path / "gbk.csv"
    RAW.to_csv(path, index=False, encoding="gbk")
    with pytest.raises(ValueError, match=r"`encoding` 'utf-42' is not an encoding Python knows.*'gb18030'"):
        crm.read_transactions(path, encoding="utf-42", **COLUMNS)
    with pytest.raises(ValueError, match=r"gbk.csv is not 'utf-8' text.*encoding=None"):
        crm.read_transactions(path, encoding="utf-8", **COLUMNS)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ValueError, match="not a text"):
        crm.read_transactions(path)


def test_uniform_time_zone_is_kept_and_mixed_offsets_become_utc():
    same = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-03-05T10:00+08:00", "2024-03-06T09:00+08:00"],
                         "amount": [1, 2]})
    dates = crm.read_transactions(same)["date"]
    assert str(dates.dt.tz) == "UTC+08:00" and dates.dt.hour.tolist() == [10, 9]
    mixed = same.assign(date=["2024-03-05T10:00+08:00", "2024-03-05 03:00:00+01:00"])
    tx = crm.read_transactions(mixed)
    assert str(tx["date"].dt.tz) == "UTC" and tx["date"].dt.hour.tolist() == [2, 2]
    assert "converted to UTC" in str(tx.attrs["report"])


def test_dates_with_and_without_time_zone_are_refused():
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-03-05T10:00+08:00", "2024-03-06 10:00"],
                        "amount": [1, 2]})
    with pytest.raises(ValueError, match=r"Column 'date'.*with a time zone.*without one.*'2024-03-06 10:00'"):
        crm.read_transactions(raw)


def test_time_zones_in_a_file(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,2024-03-05T10:00Z,1\nb,2024-03-05T10:00+01:00,2\n")
    assert crm.read_transactions(path)["date"].dt.hour.tolist() == [10, 9]


def test_missing_excel_sheet_lists_the_sheets(tmp_path):
    path = tmp_path / "export.xlsx"
    RAW.to_excel(path, index=False, sheet_name="订单")
    with pytest.raises(ValueError, match=r"`sheet_name` 'Sheet1' is not a sheet of export.xlsx.*\['订单'\]"):
        crm.read_transactions(path, sheet_name="Sheet1", **COLUMNS)
    with pytest.raises(ValueError, match="`sheet_name` 3 is not a sheet"):
        crm.read_transactions(path, sheet_name=3, **COLUMNS)
    assert len(crm.read_transactions(path, sheet_name="订单", **COLUMNS)) == 4


def test_duplicate_column_names_are_refused(tmp_path):
    with pytest.raises(ValueError, match=r"names a column more than once \('amount' at positions \[3, 4\]\)"):
        crm.read_transactions(write(tmp_path, "customer_id,date,amount,amount\na,2024-01-01,1,2\n"))
    excel = tmp_path / "dup.xlsx"
    pd.DataFrame([["a", "2024-01-01", 1, 2]], columns=["customer_id", "date", "amount", "x"]).rename(
        columns={"x": "amount"}).to_excel(excel, index=False)
    with pytest.raises(ValueError, match="names a column more than once"):
        crm.read_transactions(excel)
    frame = pd.DataFrame([["a", "2024-01-01", 1, 2]], columns=["customer_id", "date", "amount", "amount"])
    with pytest.raises(ValueError, match="`the DataFrame` names a column more than once"):
        crm.read_transactions(frame)


def test_folder_as_source_names_the_files_inside(tmp_path):
    (tmp_path / "sales.csv").write_text("customer_id,date,amount\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"is a folder, not a file.*'sales.csv'"):
        crm.read_transactions(tmp_path)


@pytest.mark.parametrize("value", ["yes", 1, "True"])
def test_dayfirst_must_be_a_bool(value):
    with pytest.raises(TypeError, match=rf"`dayfirst` must be True, False or None, but {value!r}"):
        crm.read_transactions(RAW, dayfirst=value, **COLUMNS)


@pytest.mark.parametrize("value", ["inf", "-Infinity", float("inf")])
def test_infinite_amounts_are_bad_rows(value):
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01"] * 2, "amount": [1.0, value]})
    with pytest.raises(ValueError, match=r"1 row\(s\) of the DataFrame have infinite amount \(column 'amount'\)"):
        crm.read_transactions(raw)
    with pytest.warns(UserWarning, match="dropped 1 row"):
        assert crm.read_transactions(raw, bad_rows="drop")["amount"].tolist() == [1.0]


def test_ids_written_as_floats_are_one_customer(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\n1001,2024-01-01,1\n1001.0,2024-01-02,2\n 1002 ,2024-01-03,3\n")
    assert crm.read_transactions(path)["customer_id"].tolist() == ["1001", "1001", "1002"]
    raw = pd.DataFrame({"customer_id": [1001, 1001.0, "1001", "C7"], "date": ["2024-01-01"] * 4, "amount": [1] * 4})
    assert crm.read_transactions(raw)["customer_id"].tolist() == ["1001", "1001", "1001", "C7"]


def test_whole_number_ids_with_gaps_come_out_whole(tmp_path):
    # The real Online Retail export writes CustomerID as 17850.0 because some lines have none.
    path = write(tmp_path, "InvoiceNo,CustomerID,InvoiceDate,UnitPrice\n536365,17850.0,2010-12-01 08:26:00,2.55\n"
                           "536366,,2010-12-01 08:28:00,1.85\n536367,13047.0,2010-12-01 08:34:00,1.69\n")
    with pytest.warns(UserWarning, match=r"dropped 1 row\(s\): no customer id"):
        tx = crm.read_transactions(path, customer="CustomerID", date="InvoiceDate", amount="UnitPrice",
                                   bad_rows="drop")
    assert tx["customer_id"].tolist() == ["17850", "13047"]
    frame = pd.DataFrame({"customer_id": [17850.0, None, 13047.0], "date": ["2010-12-01"] * 3, "amount": [1.0] * 3})
    with pytest.warns(UserWarning):
        assert crm.read_transactions(frame, bad_rows="drop")["customer_id"].tolist() == [17850, 13047]


def test_long_or_fractional_numeric_ids_keep_their_text(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\n123456789012345678901,2024-01-01,1\n1001.5,2024-01-02,2\n")
    assert crm.read_transactions(path)["customer_id"].tolist() == ["123456789012345678901", "1001.5"]


def test_header_cells_with_stray_spaces_are_matched(tmp_path):
    path = write(tmp_path, " customer_id , date,amount \u3000,note\na,2024-01-01,1,x\n")
    tx = crm.read_transactions(path)
    assert list(tx.columns) == ["customer_id", "date", "amount", "note"] and tx["amount"].tolist() == [1.0]
    frame = pd.DataFrame({"客户 ": ["a"], " 日期": ["2024-01-01"], "金额": [1]})
    assert crm.read_transactions(frame, customer="客户", date="日期", amount=" 金额 ")["customer_id"].tolist() == ["a"]


def test_other_columns_stay_text_and_ids_keep_zeros_next_to_numbers(tmp_path):
    path = write(tmp_path, "customer_id,date,amount,zip\n00042,2024-01-01,5,01234\n1001,2024-01-02,6.5,20000\n")
    tx = crm.read_transactions(path)
    assert tx["customer_id"].tolist() == ["00042", "1001"] and tx["zip"].tolist() == ["01234", "20000"]
    assert tx["amount"].tolist() == [5.0, 6.5]


def test_numeric_file_ids_come_back_as_text(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\n124152,2023-01-10,13.81\n167583,2023-08-20,9.16\n")
    tx = crm.read_transactions(path)
    assert tx["customer_id"].tolist() == ["124152", "167583"]
    assert tx["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-01-10", "2023-08-20"]
    dense = write(tmp_path, "customer_id,date,amount\n3,2023-01-10,1\n5,2023-01-11,2\n3,2023-01-12,3\n", "dense.csv")
    assert crm.read_transactions(dense)["customer_id"].tolist() == ["3", "5", "3"]


def test_compressed_csv(tmp_path):
    path = tmp_path / "export.csv.gz"
    RAW.to_csv(path, index=False, encoding="gbk", compression="gzip")
    assert crm.read_transactions(path, **COLUMNS)["amount"].sum() == pytest.approx(1810.5)


def test_day_first_file_with_decimal_commas(tmp_path):
    path = tmp_path / "gbk.csv"
    path.write_bytes("客户编号;下单日期;实付金额\n甲001;25/12/2023;1.234,50\n乙002;03/01/2024;12,00\n".encode("gbk"))
    tx = crm.read_transactions(path, customer="客户编号", date="下单日期", amount="实付金额")
    assert tx["date"].dt.strftime("%Y-%m-%d").tolist() == ["2023-12-25", "2024-01-03"]
    assert tx["amount"].tolist() == [1234.5, 12.0]


def test_bad_dates_in_a_file_fall_back_and_are_refused_with_their_line(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,2024-01-01,1\nb,soon,2\nc,,3\n")
    with pytest.raises(ValueError, match=r"2 row\(s\) of x.csv have unparseable date.*line 3.*'soon'.*line 4"):
        crm.read_transactions(path.rename(tmp_path / "x.csv"))


def test_gbk_after_a_long_ascii_start_is_still_detected(tmp_path):
    path = tmp_path / "late.csv"
    rows = "".join(f"c{i},2024-01-01,1\n" for i in range(80_000))
    path.write_bytes(f"customer_id,date,amount,门店\n{rows}".replace(",1\n", ",1,x\n").encode("gbk") + "甲,2024-01-02,2,上海\n".encode("gbk"))
    assert path.stat().st_size > 1 << 20
    tx = crm.read_transactions(path)
    assert tx.attrs["report"].encoding == "gb18030" and tx["门店"].iloc[-1] == "上海"


def test_utf16_without_bom_and_ascii_only(tmp_path):
    path = tmp_path / "plain16.csv"
    path.write_bytes("customer_id,date,amount\na,2024-01-01,1\n".encode("utf-16-le"))
    assert crm.read_transactions(path)["customer_id"].tolist() == ["a"]


@pytest.mark.parametrize(
    "options, error, message",
    [
        (dict(customer=None), TypeError, r"`customer` must be a column name such as 'customer', but None"),
        (dict(sep=";;"), ValueError, r"`sep` must be one character.*';;'"),
        (dict(encoding=8), TypeError, r"`encoding` must be a name such as 'utf-8'.*8 was passed"),
    ],
)
def test_invalid_arguments_are_named(options, error, message):
    with pytest.raises(error, match=message):
        crm.read_transactions(RAW, **{**COLUMNS, **options})


def test_a_csv_named_xlsx_is_explained(tmp_path):
    path = write(tmp_path, "customer_id,date,amount\na,2024-01-01,1\n", "export.xlsx")
    with pytest.raises(ValueError, match=r"export.xlsx could not be opened as an Excel workbook.*\.csv extension"):
        crm.read_transactions(path)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("date,amount,customer_id\n2024-01-01,1,00042\n2024-01-02,2,7\n", ["00042", "7"]),
        ('customer_id,date,amount\n"0042",2024-01-01,1\n7,2024-01-02,2\n', ["0042", "7"]),
        ("customer_id,date,amount\n 0042,2024-01-01,1\n7,2024-01-02,2\n", ["0042", "7"]),
        ("customer_id,date,amount\n+42,2024-01-01,1\n7,2024-01-02,2\n", ["+42", "7"]),
        ("customer_id,date,amount\r00042,2024-01-01,1\r7,2024-01-02,2\r", ["00042", "7"]),
    ],
)
def test_ids_keep_their_text_wherever_the_column_is(tmp_path, text, expected):
    assert crm.read_transactions(write(tmp_path, text))["customer_id"].tolist() == expected


def test_a_leading_zero_id_deep_in_a_large_file_is_kept(tmp_path):
    rows = "".join(f"2024-01-01,1,{i}\n" for i in range(1, 40_000))
    path = write(tmp_path, f"date,amount,customer_id\n{rows}2024-01-02,2,00042\n")
    assert path.stat().st_size > 1 << 19
    assert crm.read_transactions(path)["customer_id"].iloc[-2:].tolist() == ["39999", "00042"]


def test_western_european_bytes_are_not_read_as_chinese(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("customer_id,date,amount,store\nRenée,2024-01-01,1,Crèmerie\n".encode("cp1252"))
    with pytest.raises(ValueError, match=r"neither UTF-8, GBK/GB18030, Big5 nor UTF-16.*nonsense.*'cp1252'"):
        crm.read_transactions(path)
    assert crm.read_transactions(path, encoding="cp1252")["customer_id"].tolist() == ["Renée"]


@pytest.mark.parametrize("column, reason", [("customer_id", "no customer id"), ("date", "unparseable date"),
                                            ("amount", "non-numeric amount")])
def test_a_column_with_nothing_in_it(column, reason):
    raw = pd.DataFrame({"customer_id": ["a", "b"], "date": ["2024-01-01"] * 2, "amount": ["1", "2"]})
    raw[column] = None
    with pytest.raises(ValueError, match=rf"2 row\(s\) of the DataFrame have {reason}"):
        crm.read_transactions(raw)
