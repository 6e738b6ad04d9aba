"""The retail_outlets dataset: the customer archive (客户档案) of a tobacco distributor, seeded.

About 4,000 licensed retail outlets (零售户) of an imagined prefecture-level city with four
urban districts, one suburban district and three rural counties. Each outlet has a business
format (业态), opening hours, a monthly order volume in cartons (条), the stock it holds, the
share of premium brands in its sales, how it pays (cash or electronic settlement, 电子结算)
and how it orders (the salesperson's visit, telephone or online).

How an outlet is made: its district is drawn by the district's share of outlets; its format
by the format shares of the district's area (rural areas have more groceries); its monthly
volume is log-normal around the format's median, scaled by the area; stock covers 1-4 weeks
of sales; payment and ordering follow the format and the area. The parameters are module
constants. The data card is ``datasets/retail_outlets/README.md``.

>>> outlets = make_retail_outlets()
>>> len(outlets), outlets["outlet_id"].iloc[0]
(4000, 'R0001')

Regenerate the shipped file with ``python -m crm_course.data.retail_outlets``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._files import write_csv

__all__ = ["SEED", "N_OUTLETS", "DISTRICTS", "FORMATS", "make_retail_outlets", "write_retail_outlets"]

SEED = 4000
N_OUTLETS = 4000

# district -> (area, share of the outlets)
DISTRICTS = {
    "Dongcheng": ("urban", 0.16), "Xicheng": ("urban", 0.15), "Nanhu": ("urban", 0.13), "Beiyuan": ("urban", 0.12),
    "Xingang": ("suburban", 0.14), "Qingshan": ("rural", 0.11), "Baishui": ("rural", 0.10), "Longxi": ("rural", 0.09),
}
AREA_VOLUME = {"urban": 1.0, "suburban": 0.85, "rural": 0.65}  # volume factor of the area

# format -> share of outlets in urban / suburban / rural areas, median monthly volume (cartons),
#           opening hours (opens, closes; "24h" for round the clock), share open 24 hours,
#           share paying electronically in urban areas
FORMATS = {
    "convenience_store": {"share": (0.22, 0.16, 0.08), "median": 95, "hours": ("07:00", "23:00"), "24h": 0.3,
                          "electronic": 0.95},
    "supermarket": {"share": (0.10, 0.10, 0.07), "median": 150, "hours": ("08:00", "22:00"), "24h": 0.0,
                    "electronic": 0.97},
    "tobacco_liquor": {"share": (0.16, 0.13, 0.09), "median": 170, "hours": ("08:30", "22:00"), "24h": 0.0,
                       "electronic": 0.80},
    "grocery": {"share": (0.30, 0.42, 0.58), "median": 38, "hours": ("06:30", "21:30"), "24h": 0.0,
                "electronic": 0.55},
    "catering_entertainment": {"share": (0.14, 0.11, 0.08), "median": 28, "hours": ("10:00", "02:00"), "24h": 0.0,
                               "electronic": 0.75},
    "kiosk": {"share": (0.08, 0.08, 0.10), "median": 16, "hours": ("07:00", "19:00"), "24h": 0.0,
              "electronic": 0.35},
}
AREA_INDEX = {"urban": 0, "suburban": 1, "rural": 2}
VOLUME_SIGMA = 0.55  # log-normal spread of the monthly volume within a format
RURAL_ELECTRONIC_FACTOR = 0.7  # electronic settlement is rarer outside the city
ORDERING = {"modern": {"online": 0.6, "phone": 0.3, "visit": 0.1},
            "traditional": {"online": 0.2, "phone": 0.5, "visit": 0.3}}
MODERN = {"convenience_store", "supermarket"}
PREMIUM_SHARE = {"convenience_store": 0.22, "supermarket": 0.25, "tobacco_liquor": 0.38, "grocery": 0.10,
                 "catering_entertainment": 0.30, "kiosk": 0.08}


def _hours(opens: str, closes: str) -> float:
    start = int(opens[:2]) + int(opens[3:]) / 60
    end = int(closes[:2]) + int(closes[3:]) / 60
    return (end - start) % 24


def make_retail_outlets(seed: int = SEED, *, n_outlets: int = N_OUTLETS) -> pd.DataFrame:
    """One row per outlet, the same for the same seed; the defaults give the shipped file."""
    rng = np.random.default_rng(seed)
    names = list(DISTRICTS)
    shares = np.array([DISTRICTS[d][1] for d in names])
    district = rng.choice(names, size=n_outlets, p=shares / shares.sum())
    area = np.array([DISTRICTS[d][0] for d in district])
    formats = list(FORMATS)
    business_format = np.empty(n_outlets, dtype=object)
    for kind, column in AREA_INDEX.items():
        rows = np.flatnonzero(area == kind)
        p = np.array([FORMATS[f]["share"][column] for f in formats])
        business_format[rows] = rng.choice(formats, size=len(rows), p=p / p.sum())
    median = np.array([FORMATS[f]["median"] for f in business_format], dtype=float)
    factor = np.array([AREA_VOLUME[a] for a in area])
    volume = np.maximum(np.rint(median * factor * rng.lognormal(0.0, VOLUME_SIGMA, size=n_outlets)), 1).astype(int)
    stock = np.maximum(np.rint(volume * rng.uniform(0.25, 1.0, size=n_outlets)), 1).astype(int)
    round_the_clock = rng.random(n_outlets) < np.array([FORMATS[f]["24h"] for f in business_format])
    opens = np.where(round_the_clock, "00:00", [FORMATS[f]["hours"][0] for f in business_format])
    closes = np.where(round_the_clock, "24:00", [FORMATS[f]["hours"][1] for f in business_format])
    hours = np.where(round_the_clock, 24.0, [_hours(*FORMATS[f]["hours"]) for f in business_format])
    electronic = np.array([FORMATS[f]["electronic"] for f in business_format]) * np.where(
        area == "urban", 1.0, RURAL_ELECTRONIC_FACTOR)
    payment = np.where(rng.random(n_outlets) < electronic, "electronic", "cash")
    premium = np.clip(np.array([PREMIUM_SHARE[f] for f in business_format]) * factor
                      + rng.normal(0, 0.06, size=n_outlets), 0, 0.9)
    ordering = np.empty(n_outlets, dtype=object)
    for group, table in ORDERING.items():
        rows = np.flatnonzero(np.isin(business_format, list(MODERN)) == (group == "modern"))
        ordering[rows] = rng.choice(list(table), size=len(rows), p=list(table.values()))
    ordering[(payment == "cash") & (ordering == "online")] = "phone"  # ordering online needs e-settlement
    return pd.DataFrame({
        "outlet_id": [f"R{i:04d}" for i in range(1, n_outlets + 1)],
        "district": district,
        "area": area,
        "business_format": business_format,
        "opens": opens,
        "closes": closes,
        "hours_per_day": np.round(hours, 1),
        "monthly_volume": volume,
        "stock": stock,
        "premium_share": np.round(premium, 2),
        "payment": payment,
        "ordering": ordering,
    })


def write_retail_outlets(folder: str | Path, *, seed: int = SEED) -> Path:
    """Write ``retail_outlets.csv`` into ``folder``, byte for byte reproducibly; return its path."""
    return write_csv(make_retail_outlets(seed), folder, "retail_outlets.csv")


if __name__ == "__main__":
    from ..course import course_path

    written = write_retail_outlets(course_path("datasets") / "retail_outlets")
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
