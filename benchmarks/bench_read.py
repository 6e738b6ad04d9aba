"""Benchmark: read_transactions on 1,000,000-row CSV files against pandas.read_csv.

Run:  python benchmarks/bench_read.py [--repeats 3] [--rows 1000000] [--string-ids]

Writes two seeded files to a temporary folder:
- ISO: UTF-8, comma-separated, ISO dates (2023-01-10) and amounts such as 13.81;
- GBK: GBK, semicolon-separated, Chinese headers, day-first dates (10/01/2023) and
  decimal commas with thousands points (1.234,50), as a Chinese/European Excel export.
Times (median of the repeats, wall-clock and CPU, the two readers run in turns) and peak
Python memory (tracemalloc, a separate run of each) of crm.read_transactions and, in the
same run, of the reference: what a pandas user writes for that file,
pandas.read_csv(path, parse_dates=[date]) (plus sep, encoding, dayfirst, decimal and
thousands for the GBK file). Both results are checked equal.
Targets: at most 2x the reference on the ISO file, at most 3x on the GBK file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

import crm_course as crm

N_ROWS = 1_000_000
N_CUSTOMERS = 100_000


def write_files(folder: Path, *, rows: int, string_ids: bool, seed: int = 2024) -> dict:
    """The two seeded files and, for each, how to read it with read_transactions and with pandas."""
    rng = np.random.default_rng(seed)
    numbers = rng.integers(0, N_CUSTOMERS, rows) + 100_000
    ids = pd.Series([f"C{i}" for i in numbers]) if string_ids else pd.Series(numbers)
    dates = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 730, rows), unit="D")
    amounts = rng.gamma(2.0, 30.0, rows).round(2)

    iso = folder / "iso.csv"
    pd.DataFrame({"customer_id": ids, "date": dates.strftime("%Y-%m-%d"), "amount": amounts}).to_csv(iso, index=False)

    gbk = folder / "gbk.csv"
    yuan = (amounts * 20).round(2)
    written = pd.Series(yuan).map(lambda v: f"{v:,.2f}".translate(str.maketrans(",.", ".,")))
    pd.DataFrame({"客户编号": ids, "下单日期": dates.strftime("%d/%m/%Y"), "实付金额": written}).to_csv(
        gbk, index=False, sep=";", encoding="gbk"
    )
    return {
        "ISO": dict(
            path=iso,
            crm={},
            pandas=dict(parse_dates=["date"]),
            columns=("customer_id", "date", "amount"),
            target=2.0,
        ),
        "GBK": dict(
            path=gbk,
            crm=dict(customer="客户编号", date="下单日期", amount="实付金额"),
            pandas=dict(sep=";", encoding="gbk", parse_dates=["下单日期"], dayfirst=True, decimal=",", thousands="."),
            columns=("客户编号", "下单日期", "实付金额"),
            target=3.0,
        ),
    }


def median_ms(functions, repeats: int) -> list[tuple[float, float]]:
    """Median wall-clock and CPU time of each function, run in turns so that both see the same load."""
    times = [([], []) for _ in functions]
    for _ in range(repeats):
        for function, (wall, cpu) in zip(functions, times):
            start, start_cpu = time.perf_counter(), time.process_time()
            function()
            wall.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
    return [(1000 * statistics.median(wall), 1000 * statistics.median(cpu)) for wall, cpu in times]


def peak_mb(function) -> float:
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def check_same(tx: pd.DataFrame, reference: pd.DataFrame, columns: tuple) -> None:
    customer, date, amount = columns
    assert tx["customer_id"].tolist() == reference[customer].astype(str).tolist()
    assert (tx["date"].to_numpy() == reference[date].to_numpy()).all()
    np.testing.assert_allclose(tx["amount"].to_numpy(), reference[amount].to_numpy(), rtol=0, atol=1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", type=int, default=N_ROWS)
    parser.add_argument("--string-ids", action="store_true", help="customer ids as text, e.g. 'C100123'")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        files = write_files(Path(folder), rows=options.rows, string_ids=options.string_ids)
        ids = "text" if options.string_ids else "integer"
        print(f"{options.rows:,} rows, {ids} ids; median of {options.repeats}")
        print(f"{'':44} {'time ms':>9} {'CPU ms':>8} {'peak MB':>8} {'x pandas':>9} {'x (CPU)':>8}")
        ratios = {}
        for name, case in files.items():
            path = case["path"]

            def reference(case=case, path=path):
                return pd.read_csv(path, **case["pandas"])

            def ours(case=case, path=path):
                return crm.read_transactions(path, **case["crm"])

            check_same(ours(), reference(), case["columns"])
            (reference_ms, reference_cpu), (ours_ms, ours_cpu) = median_ms([reference, ours], options.repeats)
            ratios[name] = (ours_ms / reference_ms, ours_cpu / reference_cpu)
            size = path.stat().st_size / 2**20
            print(f"{'pandas.read_csv ' + name + f' ({size:.0f} MB, reference)':44} {reference_ms:9.1f} "
                  f"{reference_cpu:8.1f} {peak_mb(reference):8.1f}")
            print(f"{'crm.read_transactions ' + name:44} {ours_ms:9.1f} {ours_cpu:8.1f} {peak_mb(ours):8.1f} "
                  f"{ratios[name][0]:9.2f} {ratios[name][1]:8.2f}")
        print("\nOther work on the machine slows both readers; the CPU-time ratio is the steadier figure.")
        for name, case in files.items():
            wall, cpu = ratios[name]
            print(f"read_transactions / pandas.read_csv, {name} file: {wall:.2f}x wall-clock, {cpu:.2f}x CPU "
                  f"(target <= {case['target']:.0f}x)")


if __name__ == "__main__":
    main()
