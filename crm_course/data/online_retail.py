"""The online_retail dataset: a documented subset of the real UCI Online Retail invoice log.

The source (``../shared/data/online_retail/online_retail.csv.gz`` next to a checkout; UCI data
set 352, CC BY 4.0, Chen, Sain & Guo 2012) has one row per invoice line. This module builds
the shipped subset from it, byte for byte:

- ``invoices.csv.gz``: one row per invoice that has a customer id (cancellations included,
  flagged), so cohorts, retention and lifecycle stages run on real customers;
- ``lines.csv.gz`` and ``products.csv.gz``: every line of the UK invoices from
  2011-09-01 to 2011-11-30 (cancellations and lines without a customer id included), for
  market baskets; ``products`` holds one description per stock code;
- ``report.json``: what was left out and why, counted on the source, which the loaders put in
  ``attrs["report"]``.

Run in a checkout (the path is the folder of the source file)::

    python -m crm_course.data.online_retail ../shared/data/online_retail

>>> summary = invoice_table(pd.DataFrame({
...     "InvoiceNo": ["536365", "536365", "C536379", "536380"],
...     "StockCode": ["85123A", "71053", "D", "22"],
...     "Description": ["HEART", "LANTERN", "Discount", "X"],
...     "Quantity": [6.0, 2.0, -1.0, 1.0],
...     "InvoiceDate": ["2010-12-01 08:26:00"] * 2 + ["2010-12-01 09:41:00", "2010-12-01 09:45:00"],
...     "UnitPrice": [2.55, 3.39, 27.5, 1.0],
...     "CustomerID": ["17850.0", "17850.0", "14527.0", None],
...     "Country": ["United Kingdom"] * 4}))
>>> summary[["invoice", "customer_id", "lines", "units", "amount", "cancelled"]].to_dict("records")[0]
{'invoice': '536365', 'customer_id': '17850', 'lines': 2, 'units': 8, 'amount': 22.08, 'cancelled': False}
>>> summary["amount"].tolist()
[22.08, -27.5]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "SOURCE_FILE",
    "LINES_COUNTRY",
    "LINES_START",
    "LINES_END",
    "read_source",
    "invoice_table",
    "line_items",
    "product_table",
    "build_report",
    "write_online_retail",
    "read_invoices",
    "read_lines",
]

SOURCE_FILE = "online_retail.csv.gz"
LINES_COUNTRY = "United Kingdom"
LINES_START = pd.Timestamp("2011-09-01")
LINES_END = pd.Timestamp("2011-11-30")  # inclusive: every line dated on this day is kept
FILES = ("invoices.csv.gz", "lines.csv.gz", "products.csv.gz", "report.json")
_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"


def read_source(folder: str | Path) -> pd.DataFrame:
    """The source file as text and numbers, exactly as written (ids stay text, e.g. '17850.0')."""
    path = Path(folder) / SOURCE_FILE
    if not path.exists():
        raise FileNotFoundError(
            f"The Online Retail source file is not at {path}. Pass the folder that holds {SOURCE_FILE} "
            f"(in the course's CI: ../shared/data/online_retail next to the repository)."
        )
    return pd.read_csv(path, dtype={"InvoiceNo": str, "StockCode": str, "Description": str, "CustomerID": str,
                                    "Country": str, "InvoiceDate": str})


def _customer_ids(ids: pd.Series) -> pd.Series:
    """'17850.0' -> '17850'; missing stays missing."""
    return ids.str.replace(r"\.0$", "", regex=True)


def _line_amounts_milli(lines: pd.DataFrame) -> np.ndarray:
    """Quantity x unit price in thousandths of a pound, as exact integers (prices have <= 3 decimals)."""
    return np.round(lines["UnitPrice"].to_numpy() * 1000).astype(np.int64) * lines["Quantity"].to_numpy().astype(
        np.int64
    )


def invoice_table(source: pd.DataFrame) -> pd.DataFrame:
    """One row per invoice with a customer id: invoice, customer_id, date, country, lines, units,
    amount (GBP), cancelled. ``date`` is the invoice's earliest line time (31 invoices have lines
    a minute or so apart); rows are sorted by date, then invoice number."""
    known = source[source["CustomerID"].notna()]
    lines = pd.DataFrame({
        "invoice": known["InvoiceNo"].to_numpy(),
        "customer_id": _customer_ids(known["CustomerID"]).to_numpy(),
        "date": pd.to_datetime(known["InvoiceDate"], format=_DATE_FORMAT).to_numpy(),
        "country": known["Country"].to_numpy(),
        "units": known["Quantity"].to_numpy().astype(np.int64),
        "milli": _line_amounts_milli(known),
    })
    grouped = lines.groupby("invoice", sort=True)
    table = pd.DataFrame({
        "customer_id": grouped["customer_id"].first(),
        "date": grouped["date"].min(),
        "country": grouped["country"].first(),
        "lines": grouped.size(),
        "units": grouped["units"].sum(),
        "amount": np.round(grouped["milli"].sum() / 1000, 2),
    }).reset_index()
    table["cancelled"] = table["invoice"].str.startswith("C")
    return table.sort_values(["date", "invoice"], kind="stable").reset_index(drop=True)


def _in_slice(source: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(lines in the market-basket slice, the source's dates)."""
    dates = pd.to_datetime(source["InvoiceDate"], format=_DATE_FORMAT)
    keep = (source["Country"] == LINES_COUNTRY) & (dates >= LINES_START) & (dates < LINES_END + pd.Timedelta(days=1))
    return keep, dates


def line_items(source: pd.DataFrame) -> pd.DataFrame:
    """Every line of the ``LINES_COUNTRY`` invoices dated ``LINES_START`` .. ``LINES_END``, in source
    order: invoice, date, stock_code, quantity, unit_price, customer_id (missing where the source has none)."""
    keep, dates = _in_slice(source)
    sliced = source[keep]
    return pd.DataFrame({
        "invoice": sliced["InvoiceNo"].to_numpy(),
        "date": dates[keep].to_numpy(),
        "stock_code": sliced["StockCode"].to_numpy(),
        "quantity": sliced["Quantity"].to_numpy().astype(np.int64),
        "unit_price": sliced["UnitPrice"].to_numpy(),
        "customer_id": _customer_ids(sliced["CustomerID"]).to_numpy(),
    })


def product_table(source: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """One description per stock code of ``lines``: its most frequent description on the slice's
    lines (ties: alphabetically first); missing where every line of the code lacks one."""
    keep, _ = _in_slice(source)
    named = source.loc[keep & source["Description"].notna(), ["StockCode", "Description"]]
    counts = named.value_counts().rename("n").reset_index()
    best = counts.sort_values(["StockCode", "n", "Description"], ascending=[True, False, True]).drop_duplicates(
        "StockCode"
    )
    codes = pd.Index(sorted(lines["stock_code"].unique()), name="stock_code")
    described = best.set_index("StockCode")["Description"].reindex(codes)
    return described.rename("description").reset_index()


def build_report(source: pd.DataFrame, invoices: pd.DataFrame, lines: pd.DataFrame) -> dict:
    """What the source holds and what the subset keeps: the figures a loader reports."""
    missing = source["CustomerID"].isna()
    cancelled = source["InvoiceNo"].str.startswith("C")
    return {
        "source": SOURCE_FILE,
        "source_lines": int(len(source)),
        "source_invoices": int(source["InvoiceNo"].nunique()),
        "source_customers": int(source["CustomerID"].nunique()),
        "source_stock_codes": int(source["StockCode"].nunique()),
        "source_cancellation_lines": int(cancelled.sum()),
        "lines_without_customer_id": int(missing.sum()),
        "invoices_without_customer_id": int(source.loc[missing, "InvoiceNo"].nunique()),
        "invoices": int(len(invoices)),
        "invoice_lines": int(invoices["lines"].sum()),
        "customers": int(invoices["customer_id"].nunique()),
        "cancelled_invoices": int(invoices["cancelled"].sum()),
        "cancellation_lines_with_customer_id": int((cancelled & ~missing).sum()),
        "invoices_with_amount_zero_or_less_not_cancelled": int(
            ((invoices["amount"] <= 0) & ~invoices["cancelled"]).sum()
        ),
        "slice": f"{LINES_COUNTRY}, {LINES_START.date()} .. {LINES_END.date()}",
        "slice_lines": int(len(lines)),
        "slice_invoices": int(lines["invoice"].nunique()),
        "slice_lines_without_customer_id": int(lines["customer_id"].isna().sum()),
        "slice_cancellation_lines": int(lines["invoice"].str.startswith("C").sum()),
    }


def _gzip_csv(frame: pd.DataFrame, path: Path, float_format: str | None = None) -> None:
    text = frame.to_csv(index=False, lineterminator="\n", date_format=_DATE_FORMAT, float_format=float_format)
    # mtime=0 and no file name in the header: the same bytes on every run
    path.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))


def write_online_retail(source_folder: str | Path, folder: str | Path) -> list[Path]:
    """Build the subset from the source folder into ``folder``; returns the files written."""
    source = read_source(source_folder)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    invoices = invoice_table(source)
    lines = line_items(source)
    products = product_table(source, lines)
    report = build_report(source, invoices, lines)
    report["source_sha256"] = hashlib.sha256((Path(source_folder) / SOURCE_FILE).read_bytes()).hexdigest()
    paths = [folder / name for name in FILES]
    _gzip_csv(invoices, paths[0], float_format="%.2f")
    _gzip_csv(lines, paths[1])
    _gzip_csv(products, paths[2])
    paths[3].write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return paths


def _report(folder: Path, keys: tuple[str, ...]) -> dict:
    report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
    return {key: report[key] for key in keys}


def read_invoices(path: Path) -> pd.DataFrame:
    """Loader of ``online_retail``: the invoice table, with ``attrs["report"]`` saying what the
    source holds that the table leaves out (lines and invoices without a customer id) and how
    many of its invoices are cancellations."""
    table = pd.read_csv(path, dtype={"invoice": str, "customer_id": str, "country": str}, parse_dates=["date"])
    table.attrs["report"] = _report(path.parent, (
        "source", "source_lines", "source_invoices", "source_customers", "source_cancellation_lines",
        "lines_without_customer_id", "invoices_without_customer_id", "invoices", "invoice_lines", "customers",
        "cancelled_invoices", "cancellation_lines_with_customer_id", "invoices_with_amount_zero_or_less_not_cancelled",
    ))
    return table


def read_lines(path: Path) -> pd.DataFrame:
    """Loader of ``online_retail_lines``: the slice's line items with each stock code's description,
    ``attrs["report"]`` counting its lines without a customer id and its cancellation lines."""
    lines = pd.read_csv(path, dtype={"invoice": str, "stock_code": str, "customer_id": str}, parse_dates=["date"])
    products = pd.read_csv(path.parent / "products.csv.gz", dtype=str)
    description = lines["stock_code"].map(products.set_index("stock_code")["description"])
    lines.insert(lines.columns.get_loc("stock_code") + 1, "description", description)
    lines.attrs["report"] = _report(path.parent, (
        "slice", "slice_lines", "slice_invoices", "slice_lines_without_customer_id", "slice_cancellation_lines",
    ))
    return lines


def _default_source() -> Path:
    from ..course import checkout_root

    root = checkout_root()
    return (root if root is not None else Path.cwd()).parent / "shared" / "data" / "online_retail"


if __name__ == "__main__":
    from .catalog import datasets_dir

    parser = argparse.ArgumentParser(description="Build datasets/online_retail from the UCI Online Retail file.")
    parser.add_argument("source", nargs="?", default=None,
                        help=f"folder holding {SOURCE_FILE} (default: ../shared/data/online_retail next to the repo)")
    arguments = parser.parse_args()
    written = write_online_retail(arguments.source or _default_source(), datasets_dir() / "online_retail")
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
