"""The key_accounts dataset: reproducible, every Burnett cell populated, documented."""

import re

import pandas as pd
import pytest

import crm_course as crm
from crm_course.data.catalog import datasets_dir
from crm_course.data.key_accounts import CELL_COUNTS, SEED, make_key_accounts, write_key_accounts
from crm_course.models.scoring import (
    BURNETT_ATTRACTIVENESS,
    BURNETT_RELATIONSHIP,
    burnett_matrix,
    burnett_scores,
    weight_sensitivity,
)

INDICATORS = [*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]
SHIPPED = datasets_dir() / "key_accounts" / "key_accounts.csv"


@pytest.fixture(scope="module")
def accounts():
    return crm.load_dataset("key_accounts")


@pytest.fixture(scope="module")
def matrix(accounts):
    return burnett_matrix(burnett_scores(accounts.set_index("account_id")))


def test_regenerates_byte_for_byte(tmp_path):
    path = write_key_accounts(tmp_path)
    assert path == tmp_path / "key_accounts.csv"
    assert path.read_bytes() == SHIPPED.read_bytes()


def test_seeded():
    pd.testing.assert_frame_equal(make_key_accounts(SEED), make_key_accounts())
    assert not make_key_accounts(SEED).equals(make_key_accounts(SEED + 1))


def test_columns_and_types(accounts):
    assert list(accounts.columns) == [
        "account_id", "name", "industry", "revenue", "margin", "share_of_wallet", "tenure_years", *INDICATORS
    ]
    assert len(accounts) == 48 and sum(CELL_COUNTS.values()) == 48
    assert accounts["account_id"].tolist() == [f"K{i:02d}" for i in range(1, 49)]
    assert accounts["name"].is_unique
    assert accounts.notna().all().all()
    for column in INDICATORS:
        assert accounts[column].dtype == "int64"
        assert accounts[column].between(1, 5).all()
    assert (accounts["revenue"] > 0).all()
    assert ((accounts["margin"] > 0) & (accounts["margin"] < accounts["revenue"])).all()
    assert accounts["share_of_wallet"].between(0, 1).all()
    assert (accounts["tenure_years"] >= 1).all()


def test_every_cell_has_at_least_three_accounts(matrix):
    counts = pd.crosstab(matrix["attractiveness_level"], matrix["relationship_level"])
    assert counts.shape == (3, 3)
    assert (counts >= 3).all().all()
    assert {cell: counts.loc[cell] for cell in CELL_COUNTS} == CELL_COUNTS
    assert matrix["strategy"].nunique() == 7


def test_every_cell_for_another_seed_too():
    other = make_key_accounts(seed=7).set_index("account_id")
    cells = burnett_matrix(burnett_scores(other)).value_counts(["attractiveness_level", "relationship_level"])
    assert {cell: cells.get(cell, 0) for cell in CELL_COUNTS} == CELL_COUNTS


def test_business_figures_follow_the_scores(accounts):
    def rank_correlation(x, y):
        return accounts[x].corr(accounts[y], method="spearman")

    assert rank_correlation("revenue", "transaction_volume") > 0.6
    assert rank_correlation("share_of_wallet", "wallet_share") > 0.9
    assert rank_correlation("tenure_years", "relationship_length") > 0.8
    assert (accounts["margin"] / accounts["revenue"]).corr(accounts["margin_effect"], method="spearman") > 0.8
    bands = accounts.groupby("wallet_share")["share_of_wallet"].agg(["min", "max"])
    for score, (low, high) in bands.iterrows():
        assert 0.2 * (score - 1) <= low and high <= 0.2 * score


def test_planted_accounts(accounts, matrix):
    table = accounts.set_index("account_id").join(matrix[["strategy"]])
    trap = table[(table["transaction_volume"] == 5) & (table["margin_effect"] == 1)
                 & (table["industry_profitability"] == 1) & (table["strategy"] == "defend_maintain")]
    rival = table[(table["transaction_volume"] == 5) & (table["wallet_share"] == 1)
                  & (table["strategy"] == "selective_retention")]
    loyal = table[(table["relationship_length"] == 5) & (table["transaction_volume"] == 1)
                  & (table["strategy"] == "selective_defence")]
    assert "K04" in trap.index and "K47" in rival.index and "K38" in loyal.index


def test_data_card_matches_the_data(accounts, matrix):
    card = crm.dataset_card("key_accounts")
    for column in accounts.columns:
        assert f"`{column}`" in card, column
    assert "48 accounts x 32 columns" in card
    assert f"{SHIPPED.stat().st_size:,} bytes" in card
    assert "python -m crm_course.data.key_accounts" in card and f"seed={SEED}" in card
    for level in ("high", "medium", "low"):
        row = re.search(rf"^\| \*\*{level}\*\* \|(.*)$", card, flags=re.MULTILINE).group(1)
        for relationship, cell in zip(("poor", "average", "good"), row.split("|")):
            listed = re.findall(r"K\d\d", cell)
            in_data = matrix.index[(matrix["attractiveness_level"] == level)
                                   & (matrix["relationship_level"] == relationship)]
            assert sorted(listed) == sorted(in_data), (level, relationship)
            assert cell.strip().startswith(f"{len(in_data)}:")


def test_the_cards_what_if_and_near_cut_accounts(accounts, matrix):
    table = accounts.set_index("account_id")
    weights = {k: w * 0.8 / 0.9 for k, w in BURNETT_ATTRACTIVENESS.items()}
    weights["margin_effect"] = 0.20
    moved = burnett_matrix(burnett_scores(table, attractiveness_weights=weights))
    changed = moved["strategy"] != matrix["strategy"]
    assert dict(zip(moved.index[changed], moved["strategy"][changed])) == {
        "K01": "develop_defend", "K38": "develop", "K44": "selective_retention"
    }
    nearest = weight_sensitivity(table[list(BURNETT_ATTRACTIVENESS)], BURNETT_ATTRACTIVENESS).abs().min(axis=1)
    assert nearest.nsmallest(5).index.tolist() == ["K01", "K38", "K44", "K35", "K20"]
