"""Benchmark: the IT-models chapter's CRM database, rule mining, likelihood model and allocation.

Run:  python benchmarks/bench_it_models.py [--repeats 5]

Prints the median time of the repeats, with a reference measured in the same run:
- crm.crm_database() in memory and to a file; reference: loading its two source datasets
  (crm.load_dataset("retail") and ("retail_customers")). Target: under 2 s.
- crm.association_rules on the real Online Retail invoices (../shared/data; skipped when absent),
  non-cancelled lines, one invoice = one basket, min_support 0.02 and 0.01; reference: mlxtend's
  TransactionEncoder + fpgrowth + association_rules on the same baskets, as its docs show them.
- the same on the database's order lines (the planted pair);
- crm.purchase_likelihood (5-fold cross-validated logistic regression) on 2,680 members;
- crm.outlet_allocation of 1,000 units over the 4,000 outlets; reference: a float numpy
  largest-remainder on the same per-outlet weights (no exact ties, no table).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import crm_course as crm
from crm_course.course import course_path


def timed(function, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def report(label: str, seconds: float, reference: float | None = None, what: str = "") -> None:
    ratio = f"   {seconds / reference:5.2f}x the reference ({reference * 1000:8.1f} ms{what})" if reference else ""
    print(f"{label:<52} {seconds * 1000:9.1f} ms{ratio}")


def online_retail() -> Path | None:
    root = course_path(".").resolve()
    for shared in (root.parent / "shared", root.parent.parent / "shared"):
        path = shared / "data" / "online_retail" / "online_retail.csv.gz"
        if path.exists():
            return path
    return None


def mlxtend_reference(lines: pd.DataFrame, basket: str, item: str, min_support: float):
    from mlxtend.frequent_patterns import association_rules, fpgrowth
    from mlxtend.preprocessing import TransactionEncoder

    baskets = lines.groupby(basket)[item].agg(list).tolist()
    encoder = TransactionEncoder()
    matrix = pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)
    itemsets = fpgrowth(matrix, min_support=min_support, use_colnames=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return association_rules(itemsets, metric="confidence", min_threshold=0.5, num_itemsets=len(matrix))


def float_hamilton(supply: int, weights: np.ndarray) -> np.ndarray:
    quota = supply * weights / weights.sum()
    units = np.floor(quota).astype(int)
    left = supply - units.sum()
    units[np.argsort(-(quota - units), kind="stable")[:left]] += 1
    return units


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    repeats = parser.parse_args().repeats

    load_time, _ = timed(lambda: (crm.load_dataset("retail"), crm.load_dataset("retail_customers")), repeats)
    build_time, con = timed(crm.crm_database, repeats)
    report("crm_database() in memory", build_time, load_time, ", loading its 2 datasets")
    with tempfile.TemporaryDirectory() as folder:
        file_time, file_con = timed(lambda: crm.crm_database(Path(folder) / "crm.sqlite", overwrite=True), repeats)
        file_con.close()
    report("crm_database(path) to a file", file_time, load_time, ", loading its 2 datasets")
    print(f"{'   target':<52} {'under 2,000 ms':>12}: {'met' if max(build_time, file_time) < 2 else 'MISSED'}")

    query_time, _ = timed(lambda: [crm.marketing_query(name, con) for name in crm.MARKETING_QUERIES], repeats)
    report(f"all {len(crm.MARKETING_QUERIES)} marketing queries", query_time)

    lines = crm.sql("SELECT order_id, product_id FROM order_lines", con)
    rules_time, rules = timed(lambda: crm.association_rules(lines, basket="order_id", item="product_id",
                                                            min_support=0.01, max_len=2), repeats)
    reference, _ = timed(lambda: mlxtend_reference(lines, "order_id", "product_id", 0.01), repeats)
    report(f"association_rules, order lines ({len(lines):,} lines)", rules_time, reference, ", plain mlxtend")
    top = rules.iloc[0]
    print(f"   top rule {set(top['antecedents'])} -> {set(top['consequents'])}: support {top['support']:.3f}, "
          f"confidence {top['confidence']:.3f}, lift {top['lift']:.1f}")

    path = online_retail()
    if path is None:
        print("Online Retail file not found under ../shared/data: real-invoice timings skipped")
    else:
        raw = pd.read_csv(path, usecols=["InvoiceNo", "StockCode", "Quantity"], dtype={"InvoiceNo": str, "StockCode": str})
        invoices = raw[~raw["InvoiceNo"].str.startswith("C") & (raw["Quantity"] > 0)]
        shape = f"{invoices['InvoiceNo'].nunique():,} invoices, {invoices['StockCode'].nunique():,} items"
        print(f"Online Retail: {len(invoices):,} lines, {shape}")
        for support in (0.02, 0.01):
            mined, found = timed(lambda: crm.association_rules(invoices, basket="InvoiceNo", item="StockCode",
                                                               min_support=support), max(1, repeats // 2))
            plain, expected = timed(lambda: mlxtend_reference(invoices, "InvoiceNo", "StockCode", support),
                                    max(1, repeats // 2))
            assert len(found) == len(expected), (len(found), len(expected))
            report(f"association_rules, invoices, min_support {support}", mined, plain, f", plain mlxtend, {len(found)} rules")

    table = crm.launch_table(crm.load_dataset("retail_customers"), crm.load_dataset("retail"))
    model_time, scores = timed(lambda: crm.purchase_likelihood(table), repeats)
    report(f"purchase_likelihood ({len(table):,} members, 5 folds)", model_time)
    print(f"   out-of-sample AUC {scores.attrs['auc']:.3f}; top-decile lift {crm.gains_table(scores).loc[1, 'lift']:.2f}")

    classified = crm.outlet_classes(crm.load_dataset("retail_outlets"))
    allocation_time, _ = timed(lambda: crm.outlet_allocation(classified, 1000), repeats)
    weights = classified["class"].astype(str).map(crm.models.outlets.CLASS_WEIGHTS).to_numpy(dtype=float)
    plain_time, _ = timed(lambda: float_hamilton(1000, weights), repeats)
    report(f"outlet_allocation (1,000 units, {len(classified):,} outlets)", allocation_time, plain_time,
           ", float numpy")
    con.close()


if __name__ == "__main__":
    main()
