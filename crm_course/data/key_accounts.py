"""The key_accounts dataset: B2B accounts of a logistics provider scored on the Burnett indicators.

One seeded generator; ``python -m crm_course.data.key_accounts [folder]`` writes
``key_accounts.csv`` (by default into the course's ``datasets/key_accounts``), byte for byte
the same on every run.

How an account is made: it is given a cell of the Burnett matrix; two latent levels
(attractiveness, relationship) are drawn inside that cell's third of the 1-5 scale; each
indicator is the latent level plus an industry effect plus noise, rounded and clipped to
1-5; the account is redrawn until its weighted scores (default weights) fall in its cell.
The business figures follow the scores: the customer's logistics spend grows with the
transaction-volume score, share of wallet lies in the band of the share-of-wallet score,
revenue = spend x share of wallet, the margin rate grows with the margin-effect score and
tenure with the relationship-length score.

>>> accounts = make_key_accounts()
>>> len(accounts), accounts["account_id"].iloc[0]
(48, 'K01')
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..models.scoring import BURNETT_ATTRACTIVENESS, BURNETT_RELATIONSHIP, DEFAULT_CUTS
from ._files import write_csv

__all__ = ["SEED", "CELL_COUNTS", "make_key_accounts", "write_key_accounts"]

SEED = 2002  # the year of Burnett's key-account book

# Accounts per Burnett cell: (attractiveness level, relationship level) -> count; 48 in all.
CELL_COUNTS: dict[tuple[str, str], int] = {
    ("high", "poor"): 4,
    ("high", "average"): 5,
    ("high", "good"): 6,
    ("medium", "poor"): 6,
    ("medium", "average"): 8,
    ("medium", "good"): 5,
    ("low", "poor"): 5,
    ("low", "average"): 5,
    ("low", "good"): 4,
}

# Three accounts made to show a lesson: cell -> indicator scores fixed in advance.
PLANTED: list[tuple[tuple[str, str], dict[str, int]]] = [
    # the volume trap: the biggest spender and our full share of it, but it squeezes our margin
    (("medium", "average"), {"transaction_volume": 5, "wallet_share": 5, "margin_effect": 1,
                             "industry_profitability": 1}),
    # a competitor's loyal customer: large and attractive, we hold a sliver of its business
    (("high", "poor"), {"transaction_volume": 5, "wallet_share": 1, "wallet_trend": 1}),
    # loyal but unattractive: a long, close relationship with a customer worth little to us
    (("low", "good"), {"relationship_length": 5, "wallet_share": 5, "transaction_volume": 1}),
]

# industry -> (name endings, indicator -> shift of its score)
INDUSTRIES: dict[str, tuple[list[str], dict[str, float]]] = {
    "electronics": (["Electronics", "Microtech", "Semiconductor"],
                    {"technology_content": 1.0, "product_lifecycle": -0.5}),
    "automotive": (["Auto Parts", "Motor Components"], {"product_complexity": 1.0, "supplier_relations": 0.5}),
    "e_commerce": (["E-Commerce", "Online Retail"],
                   {"market_expansion": 1.0, "lifecycle_stage": 0.5, "industry_profitability": -0.5}),
    "fmcg": (["Consumer Goods", "Daily Chemicals"],
             {"transaction_volume": 0.5, "differentiation": -0.5, "margin_effect": -0.5}),
    "pharma": (["Pharmaceutical", "Biotech"],
               {"quality_sensitivity": 1.0, "technology_content": 0.5, "margin_effect": 0.5}),
    "chemicals": (["Chemical", "New Materials"], {"vertical_integration": -0.5, "quality_sensitivity": 0.5}),
    "apparel": (["Apparel", "Textiles"], {"industry_profitability": -0.5, "technology_content": -1.0}),
    "machinery": (["Machinery", "Heavy Industry"], {"product_complexity": 0.5, "market_expansion": -0.5}),
    "food_beverage": (["Foods", "Beverages"], {"quality_sensitivity": 0.5, "differentiation": -0.5}),
}

# Invented pinyin trade names; any likeness to a real firm is chance.
NAME_STEMS = [
    "Huaxin", "Jinpeng", "Ruida", "Hengtai", "Mingyuan", "Tianrui", "Xinghe", "Boyuan", "Kaida",
    "Longsheng", "Yuanfeng", "Shengda", "Haichuan", "Jiahe", "Zhongrui", "Fuqiang", "Anxin",
    "Baichuan", "Hongyu", "Junlong", "Chengxin", "Dingsheng", "Guanhua", "Hexin", "Kunpeng",
    "Lanting", "Meida", "Nanfeng", "Pengcheng", "Qiming", "Runze", "Shunhe", "Taihe", "Wanrong",
    "Xiangyun", "Yida", "Zhengyuan", "Aoxiang", "Beichen", "Chuangyi", "Dongsheng", "Fengyuan",
    "Guangyu", "Huitong", "Jingwei", "Liansheng", "Minghui", "Ningtai", "Qianfeng", "Rongchang",
    "Tongda", "Weiye", "Xinyuan", "Zhiyuan",
]

# latent level ranges per third of the 1-5 scale (a little wider than the third, so accounts
# also sit near the cut points)
_LATENT = {"low": (1.0, 2.5), "medium": (2.2, 3.8), "high": (3.5, 5.0),
           "poor": (1.0, 2.5), "average": (2.2, 3.8), "good": (3.5, 5.0)}
_NOISE = 0.8
_TENURE_YEARS = {1: (1, 2), 2: (2, 4), 3: (4, 6), 4: (6, 9), 5: (9, 15)}  # score -> whole years, inclusive


def _level(score: float, names: tuple[str, str, str]) -> str:
    return names[int(np.searchsorted(DEFAULT_CUTS, score, side="right"))]


def _indicator_scores(rng, latent: float, shifts: dict[str, float], indicators: list[str]) -> dict[str, int]:
    raw = latent + np.array([shifts.get(i, 0.0) for i in indicators]) + rng.normal(0, _NOISE, len(indicators))
    return dict(zip(indicators, np.clip(np.rint(raw), 1, 5).astype(int).tolist()))


def _account(rng, cell: tuple[str, str], fixed: dict[str, int], industry: str) -> dict[str, int]:
    """Indicator scores of one account, redrawn until the weighted scores fall in ``cell``."""
    shifts = INDUSTRIES[industry][1]
    parts = [
        (cell[0], BURNETT_ATTRACTIVENESS, ("low", "medium", "high")),
        (cell[1], BURNETT_RELATIONSHIP, ("poor", "average", "good")),
    ]
    scores: dict[str, int] = {}
    for target, weights, names in parts:
        indicators = list(weights)
        while True:
            drawn = _indicator_scores(rng, rng.uniform(*_LATENT[target]), shifts, indicators)
            drawn.update({i: v for i, v in fixed.items() if i in weights})
            score = sum(weights[i] * drawn[i] for i in indicators)
            if _level(score, names) == target:
                break
        scores.update(drawn)
    return scores


def _business_figures(rng, scores: dict[str, int]) -> dict[str, float]:
    """Revenue, margin (CNY 10k), share of wallet and tenure consistent with the scores."""
    spend = 200 * 2.0 ** scores["transaction_volume"] * np.exp(rng.normal(0, 0.35))
    s = scores["wallet_share"]
    share = round(float(rng.uniform((s - 1) * 0.2 + 0.02, s * 0.2 - 0.02)), 2)
    revenue = round(float(spend * share), 1)
    margin_rate = np.clip(0.06 + 0.045 * (scores["margin_effect"] - 1) + rng.normal(0, 0.015), 0.02, 0.35)
    low, high = _TENURE_YEARS[scores["relationship_length"]]
    return {
        "revenue": revenue,
        "margin": round(float(revenue * margin_rate), 1),
        "share_of_wallet": share,
        "tenure_years": int(rng.integers(low, high + 1)),
    }


def make_key_accounts(seed: int = SEED) -> pd.DataFrame:
    """The key_accounts table: 48 accounts, every Burnett cell populated (see the data card).

    Columns: account_id, name, industry, revenue and margin (CNY 10k, 万元), share_of_wallet
    (0-1), tenure_years, then one integer 1-5 column per indicator of BURNETT_ATTRACTIVENESS and
    BURNETT_RELATIONSHIP. The same seed gives the same table.
    """
    rng = np.random.default_rng(seed)
    specs = list(PLANTED)
    for cell, count in CELL_COUNTS.items():
        specs += [(cell, {})] * (count - sum(planted == cell for planted, _ in PLANTED))
    industries = list(INDUSTRIES)
    rows = []
    for cell, fixed in specs:
        industry = industries[int(rng.integers(len(industries)))]
        scores = _account(rng, cell, fixed, industry)
        rows.append({"industry": industry, **_business_figures(rng, scores), **scores})

    order = rng.permutation(len(rows))
    stems = rng.permutation(NAME_STEMS)[: len(rows)]
    accounts = []
    for number, (position, stem) in enumerate(zip(order, stems), start=1):
        row = rows[position]
        endings = INDUSTRIES[row["industry"]][0]
        name = f"{stem} {endings[int(rng.integers(len(endings)))]}"
        accounts.append({"account_id": f"K{number:02d}", "name": name, **row})
    columns = ["account_id", "name", "industry", "revenue", "margin", "share_of_wallet", "tenure_years",
               *BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]
    return pd.DataFrame(accounts, columns=columns)


def write_key_accounts(folder, *, seed: int = SEED) -> Path:
    """Write ``key_accounts.csv`` (UTF-8, ``\\n`` line ends) into ``folder``; return its path."""
    return write_csv(make_key_accounts(seed), folder, "key_accounts.csv")


if __name__ == "__main__":
    import sys

    from .catalog import datasets_dir

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else datasets_dir() / "key_accounts"
    print(f"Wrote {write_key_accounts(target)}")
