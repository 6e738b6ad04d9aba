"""Benchmark: the lifecycle chapter's models on the real Online Retail invoices.

Prints the median time of several runs of each model, next to a reference computed in the same
run (the plain pandas or statsmodels step it builds on) and their ratio. Not a test: nothing
here passes or fails. Targets: every model a widget calls under 0.15 s; the sBG fit under 0.05 s.

    python benchmarks/bench_lifecycle.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np
import pandas as pd

import crm_course as crm
from crm_course.models.btyd import btyd_summary, fit_bgnbd

HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491]  # Fader & Hardie (2007), the high-end cohort


def median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    load = median_seconds(lambda: crm.load_dataset("online_retail"), runs)
    invoices = crm.load_dataset("online_retail")
    tx = invoices[~invoices["cancelled"]]
    survivors = crm.cohort_survivors(crm.cohort_table(tx, metric="survivors"), cohort="2011-01").iloc[:-1]
    summary = btyd_summary(tx, calibration_end="2011-12-09")
    bgnbd = fit_bgnbd(summary)
    plan = crm.winback_priority(tx, budget=500, contact_cost=5, model=bgnbd)
    crm.kaplan_meier(tx)  # import statsmodels and scipy once, outside the timings

    def pandas_first_last():
        tx.groupby("customer_id")["date"].agg(["min", "max", "count"])

    def pandas_cohorts():
        month = tx["date"].dt.to_period("M")
        first = month.groupby(tx["customer_id"]).transform("min")
        pd.crosstab(first, (month - first).map(lambda offset: offset.n))

    def survfunc():
        from statsmodels.duration.survfunc import SurvfuncRight

        days = tx.groupby("customer_id")["date"].agg(["min", "max"])
        lost = (tx["date"].max() - days["max"]).dt.days > 180
        SurvfuncRight((days["max"] - days["min"]).dt.days.to_numpy(float), lost.to_numpy(int))

    rows = [
        ("load_dataset('online_retail')", load, "pd.read_csv of the same file",
         median_seconds(lambda: pd.read_csv(crm.data.catalog.datasets_dir() / "online_retail/invoices.csv.gz"), runs)),
        ("lifecycle_stages", median_seconds(lambda: crm.lifecycle_stages(tx), runs),
         "groupby first/last/count", median_seconds(pandas_first_last, runs)),
        ("stage_transitions", median_seconds(lambda: crm.stage_transitions(tx, start="2011-06-30", end="2011-12-09"), runs),
         "groupby first/last/count", median_seconds(pandas_first_last, runs)),
        ("cohort_table M customers", median_seconds(lambda: crm.cohort_table(tx), runs),
         "pandas crosstab cohorts", median_seconds(pandas_cohorts, runs)),
        ("cohort_table Q share", median_seconds(lambda: crm.cohort_table(tx, period="Q", metric="share"), runs),
         "pandas crosstab cohorts", median_seconds(pandas_cohorts, runs)),
        ("cohort_table M survivors", median_seconds(lambda: crm.cohort_table(tx, metric="survivors"), runs),
         "pandas crosstab cohorts", median_seconds(pandas_cohorts, runs)),
        ("kaplan_meier", median_seconds(lambda: crm.kaplan_meier(tx), runs),
         "SurvfuncRight alone", median_seconds(survfunc, runs)),
        ("fit_sbg (paper's 8 counts)", median_seconds(lambda: crm.fit_sbg(HIGH_END), runs),
         "fit_bgnbd on the invoices", median_seconds(lambda: fit_bgnbd(summary), runs)),
        (f"fit_sbg (2011-01 cohort, {len(survivors)} counts)", median_seconds(lambda: crm.fit_sbg(survivors), runs),
         "fit_bgnbd on the invoices", median_seconds(lambda: fit_bgnbd(summary), runs)),
        ("retention_projection", median_seconds(lambda: crm.retention_projection(HIGH_END, calibration=4), runs),
         "fit_sbg (paper's 8 counts)", median_seconds(lambda: crm.fit_sbg(HIGH_END), runs)),
        ("migration_model (5 states)",
         median_seconds(lambda: crm.migration_model([0.3, 0.2, 0.15, 0.05, 0.0], margin=40, cost=4, discount=0.2), runs),
         "np.linalg.solve 5x5", median_seconds(lambda: np.linalg.solve(np.eye(5) * 2, np.ones(5)), runs)),
        ("winback_priority (model given)",
         median_seconds(lambda: crm.winback_priority(tx, budget=500, contact_cost=5, model=bgnbd), runs),
         "btyd_summary", median_seconds(lambda: btyd_summary(tx), runs)),
        ("winback_budget (plan given)",
         median_seconds(lambda: crm.winback_budget(plan, budget=800, contact_cost=5), runs),
         "btyd_summary", median_seconds(lambda: btyd_summary(tx), runs)),
        ("purchase_probabilities (6 states)", median_seconds(lambda: crm.purchase_probabilities(tx, states=6), runs),
         "pandas crosstab cohorts", median_seconds(pandas_cohorts, runs)),
        ("winback_priority (fits BG/NBD)",
         median_seconds(lambda: crm.winback_priority(tx, budget=500, contact_cost=5), runs),
         "btyd_summary", median_seconds(lambda: btyd_summary(tx), runs)),
    ]
    print(f"Online Retail: {len(tx):,} invoices not cancelled, {tx['customer_id'].nunique():,} customers; "
          f"median of {runs} runs")
    width = max(len(name) for name, *_ in rows)
    print(f"{'model':<{width}}  {'seconds':>8}  {'reference':<28} {'seconds':>8}  ratio")
    for name, seconds, reference, reference_seconds in rows:
        print(f"{name:<{width}}  {seconds:8.4f}  {reference:<28} {reference_seconds:8.4f}  {seconds / reference_seconds:5.1f}")


if __name__ == "__main__":
    main()
