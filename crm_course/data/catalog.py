"""The shipped datasets: one registry, one loader.

The CSV files live in the top-level ``datasets/`` folder of a checkout; a built wheel
carries the same folder as ``crm_course/_course/datasets``.

>>> import crm_course as crm
>>> tx = crm.load_dataset("cdnow")
>>> tx.columns.tolist()
['customer_id', 'date', 'cds', 'amount']
>>> len(tx), tx["customer_id"].nunique()
(6919, 2357)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._validation import require_choice
from ..course import course_path
from .online_retail import read_invoices, read_lines

__all__ = ["list_datasets", "load_dataset", "dataset_card", "datasets_dir"]


def datasets_dir() -> Path:
    """Where the dataset files are: inside the installed package, else the checkout's ``datasets/``."""
    return course_path("datasets")


def _read_retail_transactions(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["date"], dtype={"order_id": str, "customer_id": str})


def _read_retail_customers(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, parse_dates=["signup_date"], dtype={"customer_id": str})


def _read_cdnow_sample(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(
        path,
        sep=r"\s+",
        header=None,
        names=["original_id", "customer_id", "date", "cds", "amount"],
        dtype={"original_id": str, "date": str},
    )
    raw["date"] = pd.to_datetime(raw["date"], format="%Y%m%d")
    return raw[["customer_id", "date", "cds", "amount"]]


def _read_cdnow_summary(path: Path) -> pd.DataFrame:
    summary = pd.read_csv(path).rename(
        columns={"ID": "customer_id", "x": "frequency", "t_x": "recency", "zbar": "monetary_value"}
    ).set_index("customer_id")
    summary.attrs["unit"] = "W"  # recency and T are in weeks, as in the paper
    return summary


def _read_csv(path: Path) -> pd.DataFrame:
    return pd.read_csv(path)


@dataclass(frozen=True)
class Dataset:
    name: str
    description: str
    file: str  # relative to datasets_dir()
    read: Callable[[Path], pd.DataFrame]
    generator: str | None = None  # module that regenerates a synthetic dataset

    @property
    def card(self) -> str:
        return str(Path(self.file).parent / "README.md")


DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "retail",
            "Transactions of a lifestyle retail chain over two years (synthetic, seeded).",
            "retail/transactions.csv",
            _read_retail_transactions,
            "crm_course.data.retail",
        ),
        Dataset(
            "retail_customers",
            "Registered members of the retail chain, buyers and never-buyers (synthetic, seeded).",
            "retail/customers.csv",
            _read_retail_customers,
            "crm_course.data.retail",
        ),
        Dataset(
            "cdnow",
            "Real CD purchases of 2,357 CDNOW customers, 1997-1998 (Fader, Hardie & Lee 2005).",
            "cdnow/CDNOW_sample.txt",
            _read_cdnow_sample,
        ),
        Dataset(
            "cdnow_summary",
            "The CDNOW sample per customer in weeks: repeat purchases, recency, age, mean spend.",
            "cdnow/cdnow_customers_summary_with_transactions.csv",
            _read_cdnow_summary,
        ),
        Dataset(
            "key_accounts",
            "B2B accounts of a logistics provider scored 1-5 on the Burnett indicators (synthetic).",
            "key_accounts/key_accounts.csv",
            _read_csv,
            "crm_course.data.key_accounts",
        ),
        Dataset(
            "service_survey",
            "SERVQUAL survey of 1,500 retail outlets of a tobacco distributor, with loyalty and defection (synthetic).",
            "service_survey/service_survey.csv",
            _read_csv,
            "crm_course.data.service_survey",
        ),
        Dataset(
            "online_retail",
            "Real invoices of a UK gift-ware web shop with a customer id, 2010-12 .. 2011-12 (UCI Online Retail).",
            "online_retail/invoices.csv.gz",
            read_invoices,
            "crm_course.data.online_retail",
        ),
        Dataset(
            "online_retail_lines",
            "Line items of the UK Online Retail invoices, 2011-09 .. 2011-11, for market baskets (real).",
            "online_retail/lines.csv.gz",
            read_lines,
            "crm_course.data.online_retail",
        ),
        # IT-based CRM (chapter 05)
        Dataset(
            "crm_vendors",
            "Eight CRM products scored 1-5 by a tender panel on the selection criteria, with bid costs (synthetic).",
            "crm_vendors/crm_vendors.csv",
            _read_csv,
            "crm_course.data.crm_vendors",
        ),
        Dataset(
            "retail_outlets",
            "Customer archive of a tobacco distributor: 4,000 retail outlets by business format (synthetic, seeded).",
            "retail_outlets/retail_outlets.csv",
            _read_csv,
            "crm_course.data.retail_outlets",
        ),
    ]
}


def list_datasets() -> pd.DataFrame:
    """Name and one-line description of every shipped dataset."""
    return pd.DataFrame(
        [(d.name, d.description) for d in DATASETS.values()], columns=["name", "description"]
    )


def _dataset(name: str) -> Dataset:
    require_choice(name, DATASETS, "name")
    return DATASETS[name]


def load_dataset(name: str) -> pd.DataFrame:
    """Load a shipped dataset as a new DataFrame; see :func:`list_datasets` for the names."""
    dataset = _dataset(name)
    path = datasets_dir() / dataset.file
    if not path.exists():
        regenerate = f", or in a checkout run `python -m {dataset.generator}`" if dataset.generator else ""
        raise FileNotFoundError(f"The file of dataset {name!r} is missing: {path}. Reinstall crm-course{regenerate}.")
    return dataset.read(path)


def dataset_card(name: str) -> str:
    """The data card (Markdown) of a dataset: what it models, its columns, its patterns."""
    return (datasets_dir() / _dataset(name).card).read_text(encoding="utf-8")
