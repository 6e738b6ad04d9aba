"""Benchmark: RFM table and scores on 1,000,000 transactions of 100,000 customers.

Run:  python benchmarks/bench_rfm.py [--repeats 7] [--string-ids]

Times (median of the repeats) and peak Python memory (tracemalloc, a separate
run of each) for:
- crm.rfm_table, against the reference in the same run: a plain pandas
  groupby-agg of the same quantities (last date, count, sum, then recency);
- the same in DuckDB SQL and lifetimes' summary_data_from_transaction_data,
  when they are installed (pip install -e .[bench]);
- crm.rfm_scores and crm.rfm_segments on the 100,000-customer table.
Targets: rfm_table within 1.5x of the plain groupby, at least 5x faster than
lifetimes, scoring 100,000 customers in under 50 ms. DuckDB allocates outside
Python, so tracemalloc does not see its memory.
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc

import numpy as np
import pandas as pd

import crm_course as crm

N_TRANSACTIONS = 1_000_000
N_CUSTOMERS = 100_000


def synthetic_transactions(*, string_ids: bool = False, seed: int = 2024) -> pd.DataFrame:
    """Seeded transactions over two years; every customer buys at least once."""
    rng = np.random.default_rng(seed)
    ids = np.concatenate([np.arange(N_CUSTOMERS), rng.integers(0, N_CUSTOMERS, N_TRANSACTIONS - N_CUSTOMERS)])
    rng.shuffle(ids)
    customer = pd.Series([f"C{i:06d}" for i in ids], dtype="str") if string_ids else ids
    return pd.DataFrame(
        {
            "customer_id": customer,
            "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, N_TRANSACTIONS), unit="D"),
            "amount": rng.gamma(2.0, 30.0, N_TRANSACTIONS).round(2),
        }
    )


def plain_groupby(tx: pd.DataFrame) -> pd.DataFrame:
    """The reference: what a pandas user writes without any checks."""
    table = tx.groupby("customer_id").agg(last=("date", "max"), frequency=("date", "size"), monetary=("amount", "sum"))
    as_of = table["last"].max() + pd.Timedelta(days=1)
    table["recency"] = (as_of - table["last"]).dt.days
    return table[["recency", "frequency", "monetary"]]


def duckdb_sql(tx: pd.DataFrame) -> pd.DataFrame:
    import duckdb

    return duckdb.sql(
        """
        SELECT customer_id,
               date_diff('day', max(date), (SELECT max(date) FROM tx) + INTERVAL 1 DAY) AS recency,
               count(*) AS frequency,
               sum(amount) AS monetary
        FROM tx GROUP BY customer_id ORDER BY customer_id
        """
    ).df()


def lifetimes_summary(tx: pd.DataFrame) -> pd.DataFrame:
    from lifetimes.utils import summary_data_from_transaction_data

    return summary_data_from_transaction_data(tx, "customer_id", "date", monetary_value_col="amount")


def median_ms(function, argument, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function(argument)
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def peak_mb(function, argument) -> float:
    tracemalloc.start()
    function(argument)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def importable(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--string-ids", action="store_true", help="customer ids as text, e.g. 'C000123'")
    options = parser.parse_args()

    tx = synthetic_transactions(string_ids=options.string_ids)
    table = crm.rfm_table(tx)
    reference = plain_groupby(tx)
    assert len(table) == N_CUSTOMERS
    pd.testing.assert_frame_equal(table, reference, check_dtype=False)
    scores = crm.rfm_scores(table)

    cases = [
        ("plain pandas groupby-agg (reference)", plain_groupby, tx, options.repeats),
        ("crm.rfm_table", crm.rfm_table, tx, options.repeats),
    ]
    if importable("duckdb"):
        cases.append(("DuckDB SQL", duckdb_sql, tx, options.repeats))
    if importable("lifetimes"):
        cases.append(("lifetimes summary_data_from_transaction_data", lifetimes_summary, tx, 3))
    cases += [
        ("crm.rfm_scores (100,000 customers)", crm.rfm_scores, table, options.repeats),
        ("crm.rfm_segments (100,000 customers)", crm.rfm_segments, scores, options.repeats),
    ]

    results = {name: (median_ms(function, argument, repeats), peak_mb(function, argument), argument is tx)
               for name, function, argument, repeats in cases}
    reference_ms = results[cases[0][0]][0]
    ids = "text" if options.string_ids else "integer"
    print(f"{N_TRANSACTIONS:,} transactions, {N_CUSTOMERS:,} customers, {ids} ids; median of the repeats")
    print(f"{'':46} {'time ms':>9} {'peak MB':>8} {'x plain':>8}")
    for name, (ms, mb, on_transactions) in results.items():
        ratio = f"{ms / reference_ms:8.2f}" if on_transactions else ""
        print(f"{name:46} {ms:9.1f} {mb:8.1f} {ratio}")

    rfm_ms = results["crm.rfm_table"][0]
    print(f"\nrfm_table / plain groupby: {rfm_ms / reference_ms:.2f}x (target <= 1.5x)")
    if "lifetimes summary_data_from_transaction_data" in results:
        speedup = results["lifetimes summary_data_from_transaction_data"][0] / rfm_ms
        print(f"rfm_table is {speedup:.1f}x faster than lifetimes (target >= 5x)")
    print(f"rfm_scores on {N_CUSTOMERS:,} customers: {results[cases[-2][0]][0]:.1f} ms (target < 50 ms)")


if __name__ == "__main__":
    main()
