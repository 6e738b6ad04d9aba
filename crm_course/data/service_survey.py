"""The service_survey dataset: a SERVQUAL survey of a tobacco distributor's retail outlets.

One seeded generator; ``python -m crm_course.data.service_survey [folder]`` writes
``service_survey.csv`` (by default into the course's ``datasets/service_survey``), byte for
byte the same on every run.

Each row is one retail outlet (零售客户) served by the distributor: its business format, the
22 SERVQUAL items as expectation (``e01`` .. ``e22``) and perception (``p01`` .. ``p22``) on a
1-7 scale *as answered* (the negatively worded items, :data:`NEGATIVE_ITEMS`, are not yet
reversed; :func:`crm_course.models.satisfaction.servqual_gaps` reverses them), 100 importance
points over the five dimensions, overall satisfaction, four satisfaction questions of the
tobacco case, loyalty intentions, a 0-10 recommend score, price tolerance, share of wallet,
and whether the outlet defected in the next 12 months.

How an outlet is made (parameters are the module constants):

1. expectation of dimension d = the dimension's mean (:data:`EXPECTATION_MEANS`) + the outlet's
   expectation level (N(0, 0.45)) + item noise (N(0, 0.55)), rounded and clipped to 1-7;
2. perceived quality of dimension d = expectation mean + the dimension's mean gap
   (:data:`GAP_MEANS`) + the outlet's experience (a common N(0, 0.55) part and a dimension
   N(0, 0.45) part), each item adds N(0, 0.6), rounded and clipped to 1-7;
3. importance points ~ 100 x Dirichlet(:data:`IMPORTANCE_PRIOR` x 20), rounded to whole
   points that sum to 100 (largest remainders);
4. latent satisfaction = 6.85 + 0.9 x the outlet's importance-weighted experience gap
   + N(0, 0.4); the overall satisfaction answer is that value cut at :data:`SATISFACTION_CUTS`;
   6% of outlets had a service failure that lowers their experience (:data:`FAILURE_SHIFT`);
5. latent commitment (attitudinal loyalty) = 0.3 x standardised satisfaction
   + sqrt(1 - 0.3^2) x N(0, 1); intentions, recommend score, price tolerance and share of
   wallet follow commitment and satisfaction (:data:`OUTCOME_MODEL`);
6. defection in the next 12 months ~ Bernoulli(logistic(:data:`DEFECTION_MODEL`)), driven by
   commitment and share of wallet far more than by satisfaction, so most defectors had said
   they were satisfied (the satisfaction trap).

>>> survey = make_service_survey(n_customers=30)
>>> survey.shape
(30, 63)
>>> survey.columns[:4].tolist()
['customer_id', 'business_format', 'e01', 'e02']
>>> bool(survey[[f"w_{d}" for d in DIMENSIONS]].sum(axis=1).eq(100).all())
True
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from .._validation import require_number
from ..models.satisfaction import SERVQUAL_DIMENSIONS, SERVQUAL_NEGATIVE
from ._files import write_csv

__all__ = [
    "SURVEY_SEED",
    "DIMENSIONS",
    "DIMENSION_ITEMS",
    "NEGATIVE_ITEMS",
    "EXPECTATION_MEANS",
    "GAP_MEANS",
    "IMPORTANCE_PRIOR",
    "SATISFACTION_CUTS",
    "CASE_QUESTIONS",
    "INTENTIONS",
    "item_columns",
    "make_service_survey",
    "write_service_survey",
]

SURVEY_SEED = 1988  # the year of Parasuraman, Zeithaml & Berry's SERVQUAL paper
N_CUSTOMERS = 1500

DIMENSIONS = tuple(SERVQUAL_DIMENSIONS)
DIMENSION_ITEMS = SERVQUAL_DIMENSIONS
NEGATIVE_ITEMS = SERVQUAL_NEGATIVE  # stored as answered: 7 = agrees with the negative statement

EXPECTATION_MEANS = {"tangibles": 5.3, "reliability": 6.3, "responsiveness": 6.0, "assurance": 5.9, "empathy": 5.6}
# Perception minus expectation by dimension before rounding and clipping (the chapter's example).
GAP_MEANS = {"tangibles": 0.3, "reliability": -1.3, "responsiveness": -0.8, "assurance": -0.3, "empathy": -0.3}
# Mean share of the 100 importance points (Parasuraman, Zeithaml & Berry 1991 report a similar order).
IMPORTANCE_PRIOR = {"tangibles": 0.11, "reliability": 0.32, "responsiveness": 0.22, "assurance": 0.19, "empathy": 0.16}
IMPORTANCE_CONCENTRATION = 20.0

EXPECTATION_LEVEL_SD = 0.45  # outlet-to-outlet spread of how much it expects
EXPECTATION_ITEM_SD = 0.55
EXPERIENCE_COMMON_SD = 0.55  # how well this outlet is served overall
EXPERIENCE_DIMENSION_SD = 0.45
PERCEPTION_ITEM_SD = 0.6
FAILURE_SHARE = 0.06  # outlets hit by a service failure (missed deliveries, a wrong allocation)
FAILURE_SHIFT = -2.5  # added to their experience in every dimension

SATISFACTION_BASE = 6.85
SATISFACTION_SLOPE = 0.9  # per point of importance-weighted gap
SATISFACTION_SD = 0.4
# Latent satisfaction below 1.5 answers 1, from 1.5 answers 2, ..., from 6.5 answers 7.
SATISFACTION_CUTS = (1.5, 2.5, 3.5, 4.5, 5.5, 6.5)
COMMITMENT_FROM_SATISFACTION = 0.3  # correlation of commitment with latent satisfaction

# The tobacco case's satisfaction questions (1-7): latent satisfaction + shift + N(0, 0.8).
CASE_QUESTIONS = {"supply": 0.2, "allocation": -1.0, "delivery": 0.0, "communication": -0.3}
INTENTIONS = ("repurchase_intention", "cross_purchase_intention", "referral_intention")

# outcome -> (intercept, per sd of commitment, per sd of satisfaction, noise sd)
OUTCOME_MODEL = {
    "repurchase_intention": (5.6, 0.9, 0.35, 0.7),
    "cross_purchase_intention": (4.4, 0.9, 0.3, 0.9),
    "referral_intention": (4.9, 1.0, 0.45, 0.8),
    "recommend": (7.4, 1.3, 0.6, 1.0),
    "price_tolerance": (4.0, 2.6, 0.5, 2.0),  # percent price rise before switching, 0-20
    "share_of_wallet": (0.55, 0.75, 0.2, 0.6),  # on the logit scale
}
# logit of defecting = intercept + per sd of commitment + per sd of satisfaction + per share of wallet
DEFECTION_MODEL = {"intercept": -1.9, "commitment": -0.9, "satisfaction": -0.1, "share_of_wallet": -1.2}

FORMATS = {"convenience": 0.34, "grocery": 0.30, "tobacco_liquor": 0.22, "supermarket": 0.14}
FORMAT_EXPECTATION_SHIFT = {"convenience": 0.1, "grocery": -0.15, "tobacco_liquor": 0.05, "supermarket": 0.25}


def item_columns(prefix: str) -> list[str]:
    """``['e01', ..., 'e22']`` for prefix ``'e'``."""
    return [f"{prefix}{i:02d}" for i in range(1, 23)]


def _scale(values: np.ndarray, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(values), low, high).astype(int)


def _whole_points(rng: np.random.Generator, n: int) -> np.ndarray:
    """Importance points per outlet over the five dimensions: whole numbers summing to 100."""
    alpha = np.array([IMPORTANCE_PRIOR[d] for d in DIMENSIONS]) * IMPORTANCE_CONCENTRATION
    raw = rng.dirichlet(alpha, size=n) * 100
    points = np.floor(raw).astype(int)
    short = 100 - points.sum(axis=1)
    order = np.argsort(-(raw - points), axis=1, kind="stable")
    for row in range(n):
        points[row, order[row, : short[row]]] += 1
    return points


def _standardise(values: np.ndarray) -> np.ndarray:
    return (values - values.mean()) / values.std()


def make_service_survey(seed: int = SURVEY_SEED, *, n_customers: int = N_CUSTOMERS) -> pd.DataFrame:
    """The survey, one row per outlet, the same for the same ``seed``.

    The defaults give the shipped ``datasets/service_survey/service_survey.csv``.

    >>> survey = make_service_survey(n_customers=20)
    >>> survey["customer_id"].head(2).tolist()
    ['R0001', 'R0002']
    >>> int(survey[item_columns("p")].min().min()) >= 1, int(survey["recommend"].max()) <= 10
    (True, True)
    """
    require_number(seed, "seed", low=0, integer=True)
    require_number(n_customers, "n_customers", low=2, integer=True)
    rng = np.random.default_rng(int(seed))
    n = int(n_customers)

    format_names = list(FORMATS)
    formats = rng.choice(format_names, size=n, p=np.array(list(FORMATS.values())))
    level = rng.normal(0.0, EXPECTATION_LEVEL_SD, size=n) + np.array([FORMAT_EXPECTATION_SHIFT[f] for f in formats])
    common = rng.normal(0.0, EXPERIENCE_COMMON_SD, size=n)
    # a service failure, centred so that the dimension gaps keep their means
    common += FAILURE_SHIFT * ((rng.random(n) < FAILURE_SHARE) - FAILURE_SHARE)
    expectation = np.empty((n, 22))
    perception = np.empty((n, 22))
    quality = {}
    for d in DIMENSIONS:
        items = np.array(DIMENSION_ITEMS[d]) - 1
        experience = common + rng.normal(0.0, EXPERIENCE_DIMENSION_SD, size=n)
        quality[d] = GAP_MEANS[d] + experience
        expectation[:, items] = EXPECTATION_MEANS[d] + level[:, None] + rng.normal(
            0.0, EXPECTATION_ITEM_SD, size=(n, len(items)))
        perception[:, items] = EXPECTATION_MEANS[d] + quality[d][:, None] + rng.normal(
            0.0, PERCEPTION_ITEM_SD, size=(n, len(items)))
    expectation = _scale(expectation, 1, 7)
    perception = _scale(perception, 1, 7)
    negative = np.array(NEGATIVE_ITEMS) - 1
    expectation[:, negative] = 8 - expectation[:, negative]
    perception[:, negative] = 8 - perception[:, negative]

    points = _whole_points(rng, n)
    weighted_quality = sum(points[:, k] / 100 * quality[d] for k, d in enumerate(DIMENSIONS))
    latent = SATISFACTION_BASE + SATISFACTION_SLOPE * weighted_quality + rng.normal(0.0, SATISFACTION_SD, size=n)
    satisfaction = 1 + np.searchsorted(np.array(SATISFACTION_CUTS), latent, side="right")
    z_sat = _standardise(latent)
    r = COMMITMENT_FROM_SATISFACTION
    commitment = r * z_sat + np.sqrt(1 - r**2) * rng.normal(size=n)

    columns: dict[str, object] = {
        "customer_id": [f"R{i:04d}" for i in range(1, n + 1)],
        "business_format": formats,
    }
    columns.update({c: expectation[:, k] for k, c in enumerate(item_columns("e"))})
    columns.update({c: perception[:, k] for k, c in enumerate(item_columns("p"))})
    columns.update({f"w_{d}": points[:, k] for k, d in enumerate(DIMENSIONS)})
    columns["satisfaction"] = satisfaction
    for question, shift in CASE_QUESTIONS.items():
        columns[f"sat_{question}"] = _scale(latent + shift + rng.normal(0.0, 0.8, size=n), 1, 7)

    def outcome(name: str) -> np.ndarray:
        intercept, per_commitment, per_satisfaction, sd = OUTCOME_MODEL[name]
        return intercept + per_commitment * commitment + per_satisfaction * z_sat + rng.normal(0.0, sd, size=n)

    for name in INTENTIONS:
        columns[name] = _scale(outcome(name), 1, 7)
    columns["recommend"] = _scale(outcome("recommend"), 0, 10)
    columns["price_tolerance"] = _scale(outcome("price_tolerance"), 0, 20)
    share = np.clip(np.round(1 / (1 + np.exp(-outcome("share_of_wallet"))), 2), 0.05, 1.0)
    columns["share_of_wallet"] = share
    m = DEFECTION_MODEL
    logit = m["intercept"] + m["commitment"] * commitment + m["satisfaction"] * z_sat + m["share_of_wallet"] * (
        share - 0.5)
    columns["defected"] = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame(columns)


def write_service_survey(folder: str | Path, *, seed: int = SURVEY_SEED) -> Path:
    """Write ``service_survey.csv`` into ``folder``, byte for byte reproducibly; return its path."""
    return write_csv(make_service_survey(seed), folder, "service_survey.csv", float_format="%.2f")


if __name__ == "__main__":
    from ..course import course_path

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else course_path("datasets") / "service_survey"
    written = write_service_survey(target)
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
