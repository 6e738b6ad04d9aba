"""The crm_vendors dataset: CRM products scored tender-style on the lecture's selection criteria.

A mid-sized firm runs a tender (招标) for a CRM system. Each of eight (fictitious) products is
scored 1-5 (5 = best) on every criterion by a panel of five evaluators; the dataset keeps the
panel mean per criterion, one decimal, and the bid's costs. A product's true profile is
:data:`PROFILES`; each evaluator's score is the profile plus noise, rounded and clipped to 1-5.

Planted for teaching: with the lecture's weights (management needs before features, then cost,
support, integration, vendor stability) a modest hosted product, ``V2`` CloudDesk CRM, wins;
weighted by the feature list, the dearer ``V7`` Meridian 360 wins and the feature-rich
on-premise ``V1`` Apex Enterprise, which needs two IT staff, comes third and is over a
1,000,000 CNY budget for 50 users over three years.

>>> vendors = make_crm_vendors()
>>> vendors.shape
(8, 15)

Regenerate the shipped file with ``python -m crm_course.data.crm_vendors``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ._files import write_csv

__all__ = ["SEED", "CRITERIA", "PROFILES", "PANEL_SIZE", "make_crm_vendors", "write_crm_vendors"]

SEED = 2005
PANEL_SIZE = 5
PANEL_NOISE = 0.6  # standard deviation of one evaluator's score around the profile

# the lecture's selection criteria, in the order of the columns
CRITERIA = ("management_fit", "features", "cost", "support", "integration", "vendor_stability", "usability",
            "security")

# vendor id -> (product, deployment, licence CNY per user and year, implementation CNY, IT staff needed (FTE),
#               profile on CRITERIA)
PROFILES = {
    "V1": ("Apex Enterprise", "on_premise", 2400, 900_000, 2.0, (2.6, 5.0, 1.6, 3.6, 4.2, 4.8, 2.6, 4.6)),
    "V2": ("CloudDesk CRM", "hosted", 1500, 120_000, 0.2, (4.6, 3.4, 3.8, 4.4, 3.6, 3.8, 4.4, 3.8)),
    "V3": ("Harbor Sales Cloud", "hosted", 1900, 200_000, 0.3, (4.0, 4.2, 3.0, 3.8, 4.2, 4.4, 3.8, 4.0)),
    "V4": ("Lotus CRM", "on_premise", 800, 450_000, 1.5, (3.4, 3.8, 3.4, 2.8, 3.0, 3.2, 3.0, 3.6)),
    "V5": ("QuickCustomer", "hosted", 600, 40_000, 0.1, (3.2, 2.4, 4.8, 3.0, 2.4, 2.6, 4.6, 3.0)),
    "V6": ("Bamboo Open CRM", "on_premise", 0, 300_000, 2.5, (3.0, 3.6, 4.2, 2.2, 3.4, 2.4, 2.8, 3.0)),
    "V7": ("Meridian 360", "hosted", 2100, 350_000, 0.5, (3.8, 4.6, 2.4, 4.0, 4.6, 4.6, 3.4, 4.4)),
    "V8": ("Tianxing Service", "hosted", 1100, 150_000, 0.3, (4.2, 3.0, 3.6, 4.6, 3.2, 3.0, 4.0, 3.4)),
}


def make_crm_vendors(seed: int = SEED) -> pd.DataFrame:
    """One row per product: costs of the bid and the panel's mean score on each criterion."""
    rng = np.random.default_rng(seed)
    rows = []
    for vendor, (product, deployment, licence, implementation, staff, profile) in PROFILES.items():
        panel = np.clip(np.rint(np.array(profile) + rng.normal(0, PANEL_NOISE, size=(PANEL_SIZE, len(CRITERIA)))), 1, 5)
        rows.append({"vendor_id": vendor, "product": product, "deployment": deployment,
                     "licence_per_user_year": licence, "implementation_cost": implementation, "it_staff": staff,
                     "evaluators": PANEL_SIZE, **dict(zip(CRITERIA, np.round(panel.mean(axis=0), 1)))})
    return pd.DataFrame(rows)


def write_crm_vendors(folder: str | Path, *, seed: int = SEED) -> Path:
    """Write ``crm_vendors.csv`` into ``folder``, byte for byte reproducibly; return its path."""
    return write_csv(make_crm_vendors(seed), folder, "crm_vendors.csv", float_format="%.1f")


if __name__ == "__main__":
    from ..course import course_path

    written = write_crm_vendors(course_path("datasets") / "crm_vendors")
    print(f"wrote {written} ({written.stat().st_size:,} bytes)")
