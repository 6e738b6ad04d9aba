"""Benchmark: BG/NBD and Gamma-Gamma fits on CDNOW, against lifetimes in the same run.

Prints the median fit time of several runs, the ratio to lifetimes (BetaGeoFitter,
GammaGammaFitter), the differences of the fitted parameters and the peak memory of one fit.
Not a test: nothing here passes or fails. Target: our BG/NBD fit under 0.2 s.

    python benchmarks/bench_btyd.py [--runs 7]

Both libraries run in this one process with the same settings. On a machine whose cores are
busy, OpenBLAS threads (used inside scipy's L-BFGS-B) wait for each other and every figure
grows; OPENBLAS_NUM_THREADS=1 gives steadier numbers.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import tracemalloc
import warnings

import numpy as np

import crm_course as crm
from crm_course.models.btyd import _bgnbd_log_likelihood

TARGET_SECONDS = 0.2


def median_seconds(fit, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fit()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def peak_mib(fit) -> float:
    tracemalloc.start()
    fit()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def import_lifetimes():
    """lifetimes, or None; its import warns on recent pandas/numpy, which says nothing about speed."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            import lifetimes
        except ImportError:
            return None
    return lifetimes


def report(name: str, ours: float, theirs: float | None, ours_peak: float, theirs_peak: float | None) -> None:
    print(f"  {name} fit, median: crm_course {ours * 1000:7.1f} ms   peak memory {ours_peak:6.2f} MiB")
    if theirs is not None:
        print(f"  {name} fit, median: lifetimes  {theirs * 1000:7.1f} ms   peak memory {theirs_peak:6.2f} MiB")
        print(f"  time ratio crm_course / lifetimes: {ours / theirs:.2f}")


def differences(ours: dict, theirs: dict) -> None:
    for name, value in ours.items():
        print(
            f"    {name:6s} crm_course {value:10.6f}   lifetimes {theirs[name]:10.6f}   "
            f"difference {value - theirs[name]:+.2e}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per fit (the median is shown)")
    runs = parser.parse_args().runs

    summary = crm.load_dataset("cdnow_summary")
    repeat = summary[summary["frequency"] > 0]
    lifetimes = import_lifetimes()
    print(f"CDNOW sample: {len(summary)} customers, {len(repeat)} with repeat purchases; {runs} runs per fit")
    print(f"numpy {np.__version__}, OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', 'not set')}, "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
    if lifetimes is None:
        print("lifetimes is not importable: showing crm_course alone (pip install lifetimes to compare)")

    print("\nBG/NBD")
    model = crm.fit_bgnbd(summary, unit="W")
    ours = median_seconds(lambda: crm.fit_bgnbd(summary, unit="W"), runs)
    ours_peak = peak_mib(lambda: crm.fit_bgnbd(summary, unit="W"))
    theirs = theirs_peak = None
    if lifetimes is not None:
        columns = (summary["frequency"], summary["recency"], summary["T"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = lifetimes.BetaGeoFitter().fit(*columns)
            theirs = median_seconds(lambda: lifetimes.BetaGeoFitter().fit(*columns), runs)
            theirs_peak = peak_mib(lambda: lifetimes.BetaGeoFitter().fit(*columns))
    report("BG/NBD", ours, theirs, ours_peak, theirs_peak)
    print(f"  target < {TARGET_SECONDS} s: {'met' if ours < TARGET_SECONDS else 'NOT met'}")
    print(f"  published: r 0.243, alpha 4.414, a 0.793, b 2.426, LL -9582.4; ours: {model}")
    if lifetimes is not None:
        differences(model.params.to_dict(), reference.params_.to_dict())
        x, t_x, T = (summary[c].to_numpy(float) for c in ("frequency", "recency", "T"))
        their_ll = _bgnbd_log_likelihood(reference.params_.to_numpy(), x, t_x, T).sum()
        print(f"    log-likelihood (eq. 6) at the parameters: crm_course {model.log_likelihood:.4f}   "
              f"lifetimes {their_ll:.4f}   difference {model.log_likelihood - their_ll:+.2e}")
    example = model.expected_purchases(39, frequency=2, recency=30.43, T=38.86)
    print(f"  expected purchases in 39 weeks for x=2, t_x=30.43, T=38.86: {example:.4f} (published 1.226)")

    print("\nGamma-Gamma")
    spend = crm.fit_gamma_gamma(summary)
    ours = median_seconds(lambda: crm.fit_gamma_gamma(summary), runs)
    ours_peak = peak_mib(lambda: crm.fit_gamma_gamma(summary))
    theirs = theirs_peak = None
    if lifetimes is not None:
        columns = (repeat["frequency"], repeat["monetary_value"])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reference = lifetimes.GammaGammaFitter().fit(*columns)
            theirs = median_seconds(lambda: lifetimes.GammaGammaFitter().fit(*columns), runs)
            theirs_peak = peak_mib(lambda: lifetimes.GammaGammaFitter().fit(*columns))
    report("Gamma-Gamma", ours, theirs, ours_peak, theirs_peak)
    print(f"  published: p 6.25, q 3.74, gamma 15.45; ours: {spend}")
    if lifetimes is not None:
        differences(spend.params.to_dict(), reference.params_.rename({"v": "gamma"}).to_dict())
    example = spend.expected_spend(frequency=2, monetary_value=22.35)
    print(f"  expected spend for x=2, mean spend 22.35: {example:.4f} (published 24.66)")

    print("\nCLV, 12 months at 10% a year, margin 30%")
    clv = median_seconds(
        lambda: crm.probabilistic_clv(model, spend, summary, horizon=12, unit="M", discount=0.1,
                                      discount_period="Y", margin=0.3),
        runs,
    )
    print(f"  probabilistic_clv for {len(summary)} customers, median: {clv * 1000:.1f} ms")


if __name__ == "__main__":
    main()
