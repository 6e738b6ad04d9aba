"""online_retail: the shipped subset keeps the source's facts, reports its mess, and rebuilds byte for byte."""

import gzip
import os
from pathlib import Path

import pandas as pd
import pytest

import crm_course as crm
from crm_course.course import checkout_root
from crm_course.data.catalog import datasets_dir
from crm_course.data.online_retail import FILES, LINES_END, LINES_START, SOURCE_FILE, invoice_table, write_online_retail

# Facts the source's README publishes (../shared/data/online_retail/README.md)
SOURCE_FACTS = {
    "source_lines": 541_909,
    "source_invoices": 25_900,
    "source_customers": 4_372,
    "source_stock_codes": 4_070,
    "lines_without_customer_id": 135_080,
    "source_cancellation_lines": 9_288,
}


def _source_folder() -> Path | None:
    """The shared source: $CRM_COURSE_ONLINE_RETAIL, else ../shared/data/online_retail next to the checkout."""
    if os.environ.get("CRM_COURSE_ONLINE_RETAIL"):
        return Path(os.environ["CRM_COURSE_ONLINE_RETAIL"])
    root = checkout_root()
    return None if root is None else root.parent / "shared" / "data" / "online_retail"


@pytest.fixture(scope="module")
def invoices():
    return crm.load_dataset("online_retail")


@pytest.fixture(scope="module")
def lines():
    return crm.load_dataset("online_retail_lines")


def test_report_keeps_the_published_facts(invoices):
    report = invoices.attrs["report"]
    for key, value in SOURCE_FACTS.items():
        if key in report:
            assert report[key] == value, key
    assert report["source_lines"] - report["lines_without_customer_id"] == report["invoice_lines"]


def test_invoice_table_reconciles_with_the_source(invoices):
    report = invoices.attrs["report"]
    assert invoices["invoice"].is_unique
    assert len(invoices) == report["invoices"] == 22_190
    assert len(invoices) + report["invoices_without_customer_id"] == SOURCE_FACTS["source_invoices"]
    assert invoices["customer_id"].nunique() == SOURCE_FACTS["source_customers"]
    assert invoices["lines"].sum() == SOURCE_FACTS["source_lines"] - SOURCE_FACTS["lines_without_customer_id"]
    assert invoices["cancelled"].sum() == report["cancelled_invoices"] == 3_654
    assert invoices["cancelled"].equals(invoices["invoice"].str.startswith("C"))


def test_ids_are_text_without_float_tails(invoices, lines):
    assert invoices["customer_id"].str.fullmatch(r"\d{5}").all()
    assert invoices.loc[0, "customer_id"] == "17850"
    assert lines["customer_id"].dropna().str.fullmatch(r"\d{5}").all()
    assert invoices["invoice"].str.fullmatch(r"C?\d{6}").all()


def test_cancellations_are_negative_and_purchases_are_not(invoices):
    cancelled = invoices[invoices["cancelled"]]
    assert (cancelled["amount"] < 0).all() and (cancelled["units"] < 0).all()
    bought = invoices[~invoices["cancelled"]]
    assert (bought["amount"] >= 0).all()
    assert (bought["amount"] == 0).sum() == invoices.attrs["report"]["invoices_with_amount_zero_or_less_not_cancelled"]


def test_first_invoice_by_hand(invoices):
    # 536365 in the source: 7 lines, 40 units, 15.30 + 20.34 + 22.00 + 20.34 + 20.34 + 15.30 + 25.50
    first = invoices.set_index("invoice").loc["536365"]
    assert (first["lines"], first["units"], first["amount"]) == (7, 40, pytest.approx(139.12))
    assert first["date"] == pd.Timestamp("2010-12-01 08:26")


def test_line_slice_is_what_the_card_says(lines):
    report = lines.attrs["report"]
    assert len(lines) == report["slice_lines"] == 178_694
    assert lines["invoice"].nunique() == report["slice_invoices"]
    assert lines["customer_id"].isna().sum() == report["slice_lines_without_customer_id"] == 38_049
    assert lines["invoice"].str.startswith("C").sum() == report["slice_cancellation_lines"] == 2_557
    assert lines["date"].min() >= LINES_START and lines["date"].max() < LINES_END + pd.Timedelta(days=1)
    assert lines["description"].isna().sum() == 16  # the 16 stock codes no line describes


def test_line_slice_matches_the_invoice_table(invoices, lines):
    known = lines.dropna(subset=["customer_id"])
    per_invoice = known.groupby("invoice").agg(lines=("stock_code", "size"), units=("quantity", "sum"))
    table = invoices.set_index("invoice").loc[per_invoice.index]
    pd.testing.assert_series_equal(per_invoice["lines"], table["lines"], check_names=False, check_dtype=False)
    pd.testing.assert_series_equal(per_invoice["units"], table["units"], check_names=False, check_dtype=False)
    assert (table["country"] == "United Kingdom").all()


def test_invoice_table_by_hand_on_six_lines():
    source = pd.DataFrame({
        "InvoiceNo": ["1", "1", "2", "C3", "4", "4"],
        "StockCode": ["a", "b", "a", "a", "b", "b"],
        "Description": ["A", "B", "A", "A", "B", "B"],
        "Quantity": [2.0, 1.0, 3.0, -1.0, 1.0, 1.0],
        "InvoiceDate": ["2011-01-01 10:00:00", "2011-01-01 10:01:00", "2011-01-02 09:00:00",
                        "2011-01-03 09:00:00", "2011-01-04 09:00:00", "2011-01-04 09:00:00"],
        "UnitPrice": [0.125, 1.1, 2.0, 2.0, 1.0, 1.0],
        "CustomerID": ["17850.0", "17850.0", "12346.0", "12346.0", None, None],
        "Country": ["United Kingdom"] * 6,
    })
    table = invoice_table(source)
    assert table["invoice"].tolist() == ["1", "2", "C3"]  # invoice 4 has no customer id
    assert table["customer_id"].tolist() == ["17850", "12346", "12346"]
    assert table["amount"].tolist() == [1.35, 6.0, -2.0]  # 2 x 0.125 + 1.1, exactly
    assert table["date"].iloc[0] == pd.Timestamp("2011-01-01 10:00")  # the earliest line
    assert table["cancelled"].tolist() == [False, False, True]


def test_whole_dataset_folder_stays_small():
    total = 0
    for path in datasets_dir().rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            total += len(data) if path.suffix == ".gz" else len(gzip.compress(data))
    assert total < 6_000_000, f"datasets/ compresses to {total:,} bytes"


def test_rebuild_from_the_source_is_byte_identical(tmp_path):
    folder = _source_folder()
    if folder is None or not (folder / SOURCE_FILE).exists():
        pytest.skip(f"the source {SOURCE_FILE} is not at {folder} (set CRM_COURSE_ONLINE_RETAIL to its folder)")
    written = write_online_retail(folder, tmp_path)
    assert [path.name for path in written] == list(FILES)
    shipped = datasets_dir() / "online_retail"
    for path in written:
        if path.suffix == ".gz":  # compare the CSV text: gzip bytes may differ between zlib builds
            assert gzip.decompress(path.read_bytes()) == gzip.decompress((shipped / path.name).read_bytes()), path.name
        else:
            assert path.read_bytes() == (shipped / path.name).read_bytes(), path.name


def test_the_cards_teaching_figures(invoices):
    bought = invoices[~invoices["cancelled"]]
    stages = crm.lifecycle_stages(bought).value_counts()
    assert stages[["first_time", "repeat", "loyal", "lost"]].tolist() == [909, 862, 1710, 858]
    assert crm.cohort_table(bought)[0].astype(int).tolist() == [885, 417, 380, 452, 300, 284, 242, 188, 169, 299, 358,
                                                                324, 41]
    survivors = crm.cohort_survivors(crm.cohort_table(bought, metric="survivors"), cohort="2011-01")
    assert survivors.tolist() == [417, 335, 330, 325, 317, 301, 288, 279, 260, 228, 164, 49]
    p_buy = crm.purchase_probabilities(bought, states=6)["p_buy"].round(3).tolist()
    assert p_buy == [0.371, 0.286, 0.229, 0.186, 0.151, 0.106]
