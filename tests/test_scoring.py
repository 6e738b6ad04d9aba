"""Scoring matrices: weighted_score, weight_sensitivity, burnett_scores, burnett_matrix."""

import copy
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.i18n import text
from crm_course.models import scoring
from crm_course.models.scoring import (
    ATTRACTIVENESS_LEVELS,
    BURNETT_ATTRACTIVENESS,
    BURNETT_GRID,
    BURNETT_RELATIONSHIP,
    DEFAULT_CUTS,
    RELATIONSHIP_LEVELS,
    burnett_matrix,
    burnett_scores,
    weight_sensitivity,
    weighted_score,
)

WEIGHTS = {"volume": 0.5, "margin": 0.3, "contact": 0.2}


@pytest.fixture
def scores():
    return pd.DataFrame(
        {
            "volume": [5, 1, 3, 4, 2, 5],
            "margin": [2, 4, 3, 5, 1, 5],
            "contact": [3, 3, 3, 1, 5, 5],
        },
        index=["K01", "K02", "K03", "K04", "K05", "K06"],
    )


# ---------------------------------------------------------------- weighted_score


def test_weighted_score_hand_computed(scores):
    # K01: .5*5 + .3*2 + .2*3 = 3.7 ; K02: .5 + 1.2 + .6 = 2.3 ; K03: 3 ;
    # K04: 2 + 1.5 + .2 = 3.7 ; K05: 1 + .3 + 1 = 2.3 ; K06: 5
    result = weighted_score(scores, WEIGHTS)
    expected = pd.Series([3.7, 2.3, 3.0, 3.7, 2.3, 5.0], index=scores.index, name="score")
    pd.testing.assert_series_equal(result, expected)


def test_weights_as_series_and_in_any_order(scores):
    as_series = pd.Series({"contact": 0.2, "margin": 0.3, "volume": 0.5})
    pd.testing.assert_series_equal(weighted_score(scores, as_series), weighted_score(scores, WEIGHTS))


def test_column_order_does_not_matter(scores):
    pd.testing.assert_series_equal(
        weighted_score(scores[["contact", "volume", "margin"]], WEIGHTS), weighted_score(scores, WEIGHTS)
    )


def test_zero_weight_is_allowed(scores):
    result = weighted_score(scores, {"volume": 1.0, "margin": 0.0, "contact": 0})
    assert result.tolist() == scores["volume"].astype(float).tolist()


def test_half_scores_are_allowed():
    table = pd.DataFrame({"a": [3.5, 1.0], "b": [4.5, 5.0]})
    assert weighted_score(table, {"a": 0.5, "b": 0.5}).tolist() == [4.0, 3.0]


def test_weights_not_summing_to_one_are_refused_with_the_sum(scores):
    with pytest.raises(ValueError, match=r"must sum to 1, but they sum to 0\.95.*normalize=True"):
        weighted_score(scores, {"volume": 0.5, "margin": 0.25, "contact": 0.2})


def test_normalize_rescales(scores):
    raw = {"volume": 5, "margin": 3, "contact": 2}
    pd.testing.assert_series_equal(weighted_score(scores, raw, normalize=True), weighted_score(scores, WEIGHTS))


def test_rounding_level_sum_is_accepted(scores):
    weights = {"volume": 0.1 + 0.2 + 0.2, "margin": 0.3, "contact": 0.2}  # 0.5000000000000001
    assert weighted_score(scores, weights).iloc[0] == pytest.approx(3.7)


@pytest.mark.parametrize(
    "bad, error, message",
    [
        ({"volume": -0.1, "margin": 0.9, "contact": 0.2}, ValueError, r"non-negative.*'volume' has weight -0\.1"),
        ({"volume": "half", "margin": 0.3, "contact": 0.2}, TypeError, r"indicator 'volume' must be a number"),
        ({"volume": np.nan, "margin": 0.5, "contact": 0.5}, ValueError, r"'volume' has weight nan"),
        ({"volume": True, "margin": 0.3, "contact": 0.2}, TypeError, r"must be a number, but True"),
        ({}, ValueError, r"`weights` is empty"),
        ({"volume": 0, "margin": 0, "contact": 0}, ValueError, r"All `weights` are 0"),
        ([0.5, 0.3, 0.2], TypeError, r"must be a dict or Series.*list"),
        (
            pd.Series([0.5, 0.3, 0.2], index=["volume", "volume", "contact"]),
            ValueError,
            r"indicator\(s\) \['volume'\] more than once",
        ),
    ],
)
def test_bad_weights_are_refused(scores, bad, error, message):
    with pytest.raises(error, match=message):
        weighted_score(scores, bad, normalize=True)


def test_all_zero_weights_refused_even_with_normalize(scores):
    with pytest.raises(ValueError, match="All `weights` are 0"):
        weighted_score(scores, {"volume": 0, "margin": 0, "contact": 0}, normalize=True)


def test_score_off_the_scale_names_entity_indicator_and_value(scores):
    bad = scores.copy()
    bad.loc["K03", "margin"] = 7
    with pytest.raises(ValueError, match=r"'margin'.*1-5 scale.*1 value\(s\).*7\.0 at row 'K03'"):
        weighted_score(bad, WEIGHTS)
    bad.loc["K03", "margin"] = 0
    with pytest.raises(ValueError, match=r"0\.0 at row 'K03'"):
        weighted_score(bad, WEIGHTS)


def test_text_score_is_refused(scores):
    bad = scores.astype(object)
    bad.loc["K02", "contact"] = "high"
    with pytest.raises(TypeError, match=r"'contact'.*must be numeric.*'high'"):
        weighted_score(bad, WEIGHTS)


def test_missing_score_is_refused(scores):
    bad = scores.astype(float)
    bad.loc["K05", "volume"] = np.nan
    with pytest.raises(ValueError, match=r"'volume'.*1 missing value\(s\).*'K05'"):
        weighted_score(bad, WEIGHTS)


def test_indicator_without_weight_is_refused(scores):
    with pytest.raises(ValueError, match=r"column\(s\) without a weight: \['contact'\].*scores\[list\(weights\)\]"):
        weighted_score(scores, {"volume": 0.6, "margin": 0.4})


def test_weight_for_missing_indicator_is_refused(scores):
    with pytest.raises(ValueError, match=r"\['price'\] have a weight but are not columns of `scores`"):
        weighted_score(scores, {**WEIGHTS, "price": 0.0})


def test_not_a_frame_or_empty_is_refused(scores):
    with pytest.raises(TypeError, match="`scores` must be a pandas DataFrame"):
        weighted_score(scores.to_dict(), WEIGHTS)
    with pytest.raises(ValueError, match="`scores` is empty"):
        weighted_score(scores.iloc[:0], WEIGHTS)


def test_inputs_and_module_defaults_are_not_mutated(scores):
    before = scores.copy()
    weights = dict(WEIGHTS)
    defaults = copy.deepcopy((BURNETT_ATTRACTIVENESS, BURNETT_RELATIONSHIP, BURNETT_GRID))
    weighted_score(scores, weights)
    weight_sensitivity(scores, weights)
    table = pd.DataFrame({c: [3, 4] for c in [*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]})
    burnett_matrix(burnett_scores(table))
    pd.testing.assert_frame_equal(scores, before)
    assert weights == WEIGHTS
    assert (BURNETT_ATTRACTIVENESS, BURNETT_RELATIONSHIP, BURNETT_GRID) == defaults


def test_row_order_does_not_matter(scores):
    shuffled = scores.sample(frac=1, random_state=3)
    pd.testing.assert_series_equal(
        weighted_score(shuffled, WEIGHTS).loc[scores.index], weighted_score(scores, WEIGHTS)
    )
    pd.testing.assert_frame_equal(
        weight_sensitivity(shuffled, WEIGHTS).loc[scores.index], weight_sensitivity(scores, WEIGHTS)
    )


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(1, 5), min_size=4, max_size=4), min_size=1, max_size=6),
    st.lists(st.integers(0, 20), min_size=4, max_size=4).filter(lambda w: sum(w) > 0),
)
def test_weighted_score_is_a_mean_in_one_to_five(rows, raw_weights):
    table = pd.DataFrame(rows, columns=list("abcd"))
    weights = dict(zip("abcd", raw_weights))
    result = weighted_score(table, weights, normalize=True)
    assert ((result >= 1) & (result <= 5)).all()
    total = sum(raw_weights)
    by_hand = [sum(w * s for w, s in zip(raw_weights, row)) / total for row in rows]
    assert result.tolist() == pytest.approx(by_hand)
    assert (result >= table.min(axis=1) - 1e-12).all() and (result <= table.max(axis=1) + 1e-12).all()


def test_default_indicator_sets():
    for weights in (BURNETT_ATTRACTIVENESS, BURNETT_RELATIONSHIP):
        assert sum(weights.values()) == pytest.approx(1, abs=1e-12)
        assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in weights)
        assert all(w > 0 for w in weights.values())
    assert len(BURNETT_ATTRACTIVENESS) == 18 and len(BURNETT_RELATIONSHIP) == 7
    assert not set(BURNETT_ATTRACTIVENESS) & set(BURNETT_RELATIONSHIP)
    # the lecture form's example weights for the customer's business
    assert list(BURNETT_ATTRACTIVENESS.values())[:6] == [0.08, 0.03, 0.05, 0.03, 0.04, 0.04]


# ---------------------------------------------------------------- weight_sensitivity


def test_sensitivity_hand_checked():
    # S = .6*5 + .4*1 = 3.4 (medium). Moving volume's weight to t: S(t) = 5t + (1 - t) * 1 = 1 + 4t.
    # High from 11/3: t = 2/3, a change of +1/15. Low below 7/3: t = 1/3, a change of -4/15 (farther).
    table = pd.DataFrame({"volume": [5], "margin": [1]}, index=["K01"])
    result = weight_sensitivity(table, {"volume": 0.6, "margin": 0.4})
    assert result.loc["K01", "volume"] == pytest.approx(1 / 15)
    assert result.loc["K01", "margin"] == pytest.approx(-1 / 15)
    assert list(result.columns) == ["volume", "margin"]


def test_sensitivity_downward_flip():
    # S = .8*1 + .2*4 = 1.6 ... low; take a medium one instead: .5*2 + .5*3 = 2.5.
    # Moving a's weight to t: S(t) = 2t + 3(1 - t) = 3 - t: below 7/3 for t > 2/3 (change +1/6);
    # 11/3 would need t = -2/3: impossible.
    table = pd.DataFrame({"a": [2], "b": [3]})
    result = weight_sensitivity(table, {"a": 0.5, "b": 0.5})
    assert result.loc[0, "a"] == pytest.approx(1 / 6)
    assert result.loc[0, "b"] == pytest.approx(-1 / 6)


def test_sensitivity_nan_when_no_weight_changes_the_level():
    # equal scores: no weight matters; all 1s and a 2: always low
    table = pd.DataFrame({"a": [4, 1], "b": [4, 2]}, index=["same", "low"])
    result = weight_sensitivity(table, {"a": 0.5, "b": 0.5})
    assert result.isna().all().all()


def test_sensitivity_touching_the_lower_cut_is_not_a_change():
    # cuts (2, 4), S = .5*3 + .5*2 = 2.5. Moving a's weight to t: S = 2 + t, which reaches 2 only at t = 0,
    # and 2 is still medium (a boundary belongs to the higher level); 4 is out of reach. Same for b.
    table = pd.DataFrame({"a": [3], "b": [2]})
    result = weight_sensitivity(table, {"a": 0.5, "b": 0.5}, cuts=(2, 4))
    assert result.isna().all().all()


def test_sensitivity_with_a_weight_of_one_is_nan_for_it():
    table = pd.DataFrame({"a": [3], "b": [5]})
    result = weight_sensitivity(table, {"a": 1.0, "b": 0.0})
    assert np.isnan(result.loc[0, "a"])
    # raising b from 0 to t: S = 3 + 2t reaches 11/3 at t = 1/3
    assert result.loc[0, "b"] == pytest.approx(1 / 3)


def _level(score, cuts=DEFAULT_CUTS):
    return int(np.searchsorted(cuts, score, side="right"))


def _moved(weights, indicator, new):
    others = 1 - weights[indicator]
    return {k: (new if k == indicator else w * (1 - new) / others) for k, w in weights.items()}


def test_sensitivity_matches_brute_force():
    rng = np.random.default_rng(7)
    grid = np.linspace(0, 1, 4001)
    for _ in range(15):
        k = int(rng.integers(2, 5))
        names = [f"i{j}" for j in range(k)]
        weights = dict(zip(names, rng.dirichlet(np.ones(k)).tolist()))
        table = pd.DataFrame(rng.integers(1, 6, (3, k)), columns=names)
        result = weight_sensitivity(table, weights)
        w = np.array(list(weights.values()))
        for e in range(len(table)):
            s = table.iloc[e].to_numpy(float)
            level = _level(s @ w)
            for j, name in enumerate(names):
                others = (s @ w - s[j] * w[j]) / (1 - w[j])
                flips = grid[np.searchsorted(DEFAULT_CUTS, grid * s[j] + (1 - grid) * others, side="right") != level]
                if len(flips) == 0:
                    assert np.isnan(result.iloc[e, j])
                else:
                    nearest = np.abs(flips - w[j]).min()
                    assert abs(result.iloc[e, j]) == pytest.approx(nearest, abs=3e-4)


def test_sensitivity_change_really_flips_the_level(scores):
    result = weight_sensitivity(scores, WEIGHTS)
    base = weighted_score(scores, WEIGHTS)
    for entity in scores.index:
        for indicator in WEIGHTS:
            change = result.loc[entity, indicator]
            if np.isnan(change):
                continue
            past = _moved(WEIGHTS, indicator, WEIGHTS[indicator] + change * (1 + 1e-6) + np.sign(change) * 1e-9)
            short = _moved(WEIGHTS, indicator, WEIGHTS[indicator] + change * (1 - 1e-6))
            assert _level(weighted_score(scores.loc[[entity]], past).iloc[0]) != _level(base[entity])
            assert _level(weighted_score(scores.loc[[entity]], short).iloc[0]) == _level(base[entity])


def test_sensitivity_validates_like_weighted_score(scores):
    with pytest.raises(ValueError, match="sum to 1"):
        weight_sensitivity(scores, {"volume": 0.5, "margin": 0.5, "contact": 0.5})
    with pytest.raises(ValueError, match=r"`cuts\[1\]` must be in"):
        weight_sensitivity(scores, WEIGHTS, cuts=(3, 2))


# ---------------------------------------------------------------- burnett_matrix


def _accounts(attractiveness, relationship):
    return pd.DataFrame({"attractiveness": attractiveness, "relationship": relationship})


def test_level_boundaries_are_exact():
    values = [1, 7 / 3 - 1e-12, 7 / 3, 2.333, 11 / 3 - 1e-12, 11 / 3, 3.667, 5]
    result = burnett_matrix(_accounts(values, values))
    assert result["attractiveness_level"].tolist() == [
        "low", "low", "medium", "low", "medium", "high", "high", "high"
    ]
    assert result["relationship_level"].tolist() == [
        "poor", "poor", "average", "poor", "average", "good", "good", "good"
    ]


def test_all_nine_cells_and_strategy_codes():
    levels = [1.5, 3.0, 4.5]  # low/poor, medium/average, high/good
    a = [x for x in levels for _ in levels]
    r = [y for _ in levels for y in levels]
    result = burnett_matrix(_accounts(a, r))
    expected = {
        ("high", "poor"): "selective_retention",
        ("high", "average"): "develop",
        ("high", "good"): "develop_defend",
        ("medium", "poor"): "minimal_retention",
        ("medium", "average"): "defend_maintain",
        ("medium", "good"): "develop",
        ("low", "poor"): "exit",
        ("low", "average"): "minimal_retention",
        ("low", "good"): "selective_defence",
    }
    got = dict(zip(zip(result["attractiveness_level"], result["relationship_level"]), result["strategy"]))
    assert got == expected


def test_chinese_strategy_names():
    zh = {code: text(f"burnett.strategy.{code}", "zh") for row in BURNETT_GRID.values() for code in row.values()}
    assert zh == {
        "selective_retention": "选择性保持",
        "develop": "发展",
        "develop_defend": "发展、防御",
        "minimal_retention": "少量保持",
        "defend_maintain": "防御、保持",
        "exit": "退出",
        "selective_defence": "选择性防御",
    }


def test_every_code_has_english_and_chinese_labels():
    keys = [f"burnett.level.{x}" for x in (*ATTRACTIVENESS_LEVELS, *RELATIONSHIP_LEVELS)]
    keys += [f"burnett.indicator.{x}" for x in (*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP)]
    keys += ["burnett.title", "burnett.attractiveness", "burnett.relationship"]
    for key in keys:
        assert text(key, "en") and text(key, "zh") and text(key, "en") != text(key, "zh")
    assert text("burnett.indicator.wallet_share", "zh") == "客户钱夹份额"
    assert text("burnett.attractiveness", "zh") == "客户吸引力"


def test_result_shape_and_types():
    accounts = pd.DataFrame({"a": [4.0, 2.0], "r": [2.0, 4.0], "name": ["x", "y"]}, index=["K1", "K2"])
    result = burnett_matrix(accounts, attractiveness="a", relationship="r")
    assert list(result.columns) == [
        "attractiveness", "relationship", "attractiveness_level", "relationship_level", "strategy"
    ]
    assert list(result.index) == ["K1", "K2"]
    assert result["attractiveness_level"].cat.ordered
    assert list(result["relationship_level"].cat.categories) == ["poor", "average", "good"]
    assert result["strategy"].tolist() == ["selective_retention", "selective_defence"]


def test_custom_cuts_and_grid():
    accounts = _accounts([2.9, 3.1], [3.0, 3.0])
    assert burnett_matrix(accounts, cuts=(3, 4))["attractiveness_level"].tolist() == ["low", "medium"]
    grid = copy.deepcopy(BURNETT_GRID)
    grid["medium"]["average"] = "watch"
    assert burnett_matrix(accounts, grid=grid)["strategy"].tolist() == ["watch", "watch"]


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda g: g["medium"].pop("good"), r"no strategy for attractiveness 'medium' x relationship 'good'"),
        (lambda g: g.pop("low"), r"no row for attractiveness 'low'.*all 9 cells"),
        (lambda g: g.update(High=g.pop("high")), r"unknown attractiveness level\(s\) \['High'\]"),
        (lambda g: g["high"].update(fair="develop"), r"\['high'\]` has unknown relationship level\(s\) \['fair'\]"),
        (lambda g: g["low"].update(poor=""), r"no strategy for attractiveness 'low' x relationship 'poor'"),
    ],
)
def test_incomplete_or_wrong_grid_is_refused(edit, message):
    grid = copy.deepcopy(BURNETT_GRID)
    edit(grid)
    with pytest.raises(ValueError, match=message):
        burnett_matrix(_accounts([3], [3]), grid=grid)


def test_grid_must_be_a_dict():
    with pytest.raises(TypeError, match="`grid` must be a dict"):
        burnett_matrix(_accounts([3], [3]), grid=[["exit"] * 3] * 3)


@pytest.mark.parametrize(
    "cuts, error, message",
    [
        ((2,), TypeError, r"`cuts` must be two scores"),
        ((1, 3), ValueError, r"`cuts\[0\]` must be in \(1, 5\]"),
        ((3, 3), ValueError, r"`cuts\[1\]` must be in \(3, 5\]"),
        ((2, 6), ValueError, r"`cuts\[1\]` must be in"),
        (("2", 4), TypeError, r"`cuts\[0\]` must be a number"),
    ],
)
def test_bad_cuts_are_refused(cuts, error, message):
    with pytest.raises(error, match=message):
        burnett_matrix(_accounts([3], [3]), cuts=cuts)


def test_bad_accounts_are_refused():
    with pytest.raises(ValueError, match=r"'attractiveness' \(argument `attractiveness=`\) is not in `accounts`"):
        burnett_matrix(pd.DataFrame({"relationship": [3]}))
    with pytest.raises(ValueError, match=r"'relationship' of `accounts` must hold scores on the 1-5 scale.*5\.5"):
        burnett_matrix(_accounts([3], [5.5]))
    with pytest.raises(ValueError, match=r"missing value"):
        burnett_matrix(_accounts([3, np.nan], [3, 3]))
    with pytest.raises(ValueError, match="`accounts` is empty"):
        burnett_matrix(_accounts([], []))


def test_burnett_matrix_row_order_and_no_mutation():
    accounts = _accounts([1.5, 3.0, 4.5, 2.5, 3.9, 1.1], [4.5, 3.0, 1.5, 2.5, 4.0, 1.2])
    before = accounts.copy()
    result = burnett_matrix(accounts)
    pd.testing.assert_frame_equal(accounts, before)
    shuffled = accounts.iloc[[3, 1, 5, 0, 2, 4]]
    pd.testing.assert_frame_equal(burnett_matrix(shuffled).loc[accounts.index], result)


# ---------------------------------------------------------------- burnett_scores


def test_burnett_scores_uses_the_weighted_indicator_columns_only():
    table = pd.DataFrame(
        {"name": ["a", "b"], "revenue": [10.0, 20.0], "x": [5, 1], "y": [3, 3], "z": [1, 5]},
        index=["K1", "K2"],
    )
    result = burnett_scores(table, attractiveness_weights={"x": 0.75, "y": 0.25},
                            relationship_weights={"z": 1.0})
    expected = pd.DataFrame({"attractiveness": [4.5, 1.5], "relationship": [1.0, 5.0]}, index=["K1", "K2"])
    pd.testing.assert_frame_equal(result, expected)


def test_burnett_scores_default_weights():
    codes = [*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]
    table = pd.DataFrame({c: [4, 2] for c in codes})
    table.loc[1, "margin_effect"] = 5  # weight 0.10: 2 + 0.10 * 3 = 2.3
    result = burnett_scores(table)
    assert result["attractiveness"].tolist() == pytest.approx([4.0, 2.3])
    assert result["relationship"].tolist() == pytest.approx([4.0, 2.0])
    assert burnett_matrix(result)["strategy"].tolist() == ["develop_defend", "exit"]


def test_burnett_scores_follows_an_edited_module_default(monkeypatch):
    codes = [*BURNETT_ATTRACTIVENESS, *BURNETT_RELATIONSHIP]
    table = pd.DataFrame({c: [3] for c in codes})
    table["transaction_volume"] = 5
    monkeypatch.setattr(scoring, "BURNETT_ATTRACTIVENESS", {"transaction_volume": 1.0})
    assert burnett_scores(table)["attractiveness"].tolist() == [5.0]


def test_burnett_scores_errors():
    table = pd.DataFrame({"x": [3], "y": [3]})
    with pytest.raises(ValueError, match=r"Relationship indicator\(s\) \['z'\] have a weight but are not columns"):
        burnett_scores(table, attractiveness_weights={"x": 1.0}, relationship_weights={"z": 1.0})
    with pytest.raises(ValueError, match=r"Attractiveness indicator\(s\) \['transaction_volume'"):
        burnett_scores(table)
    with pytest.raises(ValueError, match=r"sum to 0\.5"):
        burnett_scores(table, attractiveness_weights={"x": 0.5}, relationship_weights={"y": 1.0})
    with pytest.raises(TypeError, match="`indicators` must be a pandas DataFrame"):
        burnett_scores([[3, 3]])


def test_public_names():
    assert crm.weighted_score is weighted_score
    assert crm.weight_sensitivity is weight_sensitivity
    assert crm.burnett_matrix is burnett_matrix


def test_burnett_matrix_and_weight_sensitivity_keep_their_parameters():
    from crm_course.models.scoring import BURNETT_GRID, DEFAULT_CUTS, burnett_matrix, weight_sensitivity

    accounts = pd.DataFrame({"attractiveness": [4.2, 1.5], "relationship": [1.8, 4.5]}, index=["K01", "K02"])
    matrix = burnett_matrix(accounts)
    assert matrix.attrs["cuts"] == DEFAULT_CUTS
    assert matrix.attrs["grid"] == BURNETT_GRID and matrix.attrs["grid"] is not BURNETT_GRID
    grid = {level: dict(row) for level, row in BURNETT_GRID.items()}
    grid["high"]["poor"] = "win_back"
    custom = burnett_matrix(accounts, cuts=(2, 4), grid=grid)
    assert custom.attrs == {"cuts": (2.0, 4.0), "grid": grid}
    assert custom.loc["K01", "strategy"] == "win_back"

    scores = pd.DataFrame({"volume": [5], "margin": [1]}, index=["K01"])
    sensitivity = weight_sensitivity(scores, {"volume": 3, "margin": 2}, normalize=True)
    assert sensitivity.attrs["weights"] == {"volume": 0.6, "margin": 0.4}
    assert sensitivity.attrs["cuts"] == DEFAULT_CUTS
    assert sensitivity.attrs["score"] == {"K01": pytest.approx(3.4)}


# ---------------------------------------------------------------- burnett_analysis: one call for the editor


def test_burnett_analysis_is_scores_then_matrix_with_weights_and_size_kept():
    from crm_course.models.scoring import burnett_analysis

    accounts = crm.load_dataset("key_accounts").set_index("account_id")
    raw_a = {name: weight * 10 for name, weight in BURNETT_ATTRACTIVENESS.items()}  # unnormalised slider values
    raw_a["margin_effect"] = 0.0
    grid = {level: dict(row) for level, row in BURNETT_GRID.items()}
    grid["high"]["poor"] = "win_back"
    result = burnett_analysis(accounts, attractiveness_weights=raw_a, normalize=True, cuts=(2.5, 3.5), grid=grid,
                              size="revenue")
    by_hand = burnett_matrix(burnett_scores(accounts, attractiveness_weights=raw_a, normalize=True),
                             cuts=(2.5, 3.5), grid=grid)
    pd.testing.assert_frame_equal(result.drop(columns="revenue"), by_hand)
    pd.testing.assert_series_equal(result["revenue"], accounts["revenue"])
    total = sum(raw_a.values())
    assert result.attrs["cuts"] == (2.5, 3.5) and result.attrs["grid"] == grid and result.attrs["size"] == "revenue"
    assert result.attrs["weights"]["attractiveness"] == pytest.approx({k: v / total for k, v in raw_a.items()})
    assert result.attrs["weights"]["attractiveness"]["margin_effect"] == 0.0
    assert result.attrs["weights"]["relationship"] == BURNETT_RELATIONSHIP


def test_burnett_analysis_hand_computed_and_without_size():
    from crm_course.models.scoring import burnett_analysis

    table = pd.DataFrame({"volume": [5, 2], "margin": [4, 2], "wallet_share": [2, 4], "contact": [1, 5]},
                         index=["K01", "K02"])
    result = burnett_analysis(table, attractiveness_weights={"volume": 0.5, "margin": 0.5},
                              relationship_weights={"wallet_share": 0.75, "contact": 0.25})
    assert result["attractiveness"].tolist() == [4.5, 2.0]
    assert result["relationship"].tolist() == [1.75, 4.25]
    assert result["strategy"].tolist() == ["selective_retention", "selective_defence"]
    assert list(result.columns) == ["attractiveness", "relationship", "attractiveness_level", "relationship_level",
                                    "strategy"]
    assert result.attrs["size"] is None


def test_burnett_analysis_refuses_like_its_parts():
    from crm_course.models.scoring import burnett_analysis

    table = pd.DataFrame({"volume": [5, 2], "contact": [1, 5], "revenue": [3, 1]}, index=["K01", "K02"])
    options = {"attractiveness_weights": {"volume": 1}, "relationship_weights": {"contact": 1}}
    with pytest.raises(ValueError, match=r"Column 'turnover' \(argument `size=`\) is not in `indicators`"):
        burnett_analysis(table, size="turnover", **options)
    with pytest.raises(ValueError, match=r"`size='strategy'` is the name of a column of the result"):
        burnett_analysis(table.rename(columns={"revenue": "strategy"}), size="strategy", **options)
    with pytest.raises(ValueError, match="must sum to 1, but they sum to 2"):
        burnett_analysis(table, attractiveness_weights={"volume": 2}, relationship_weights={"contact": 1})
    before = table.copy()
    burnett_analysis(table, size="revenue", **options)
    pd.testing.assert_frame_equal(table, before)


def test_burnett_plot_sizes_bubbles_by_the_kept_column():
    from crm_course.models.scoring import burnett_analysis
    from crm_course.views.strategy import burnett_plot

    accounts = crm.load_dataset("key_accounts").set_index("account_id")
    from matplotlib.figure import Figure

    kept = burnett_plot(burnett_analysis(accounts, size="revenue"), ax=Figure().subplots())
    given = burnett_plot(burnett_matrix(burnett_scores(accounts)), size=accounts["revenue"], ax=Figure().subplots())
    plain = burnett_plot(burnett_analysis(accounts), ax=Figure().subplots())
    sizes = [ax.collections[0].get_sizes().tolist() for ax in (kept, given, plain)]
    assert sizes[0] == sizes[1] and len(set(sizes[0])) > 1
    assert set(sizes[2]) == {160.0}  # no size column kept: equal bubbles


@pytest.mark.parametrize("measure", ["servqual_summary", "loyalty_index"])
def test_weights_advice_fits_a_function_without_normalize(measure):
    """A function without `normalize=` must not advise it: the message says to divide by the sum,
    and following that advice works."""
    import crm_course as crm
    from crm_course.models.loyalty import LOYALTY_WEIGHTS
    from crm_course.models.satisfaction import SERVQUAL_DIMENSIONS

    survey = crm.load_dataset("service_survey")
    names = SERVQUAL_DIMENSIONS if measure == "servqual_summary" else list(LOYALTY_WEIGHTS)
    points = {name: 100 / len(names) for name in names}
    function = getattr(crm, measure)
    with pytest.raises(ValueError, match=r"sum to 100\. .*divide each by their sum") as refused:
        function(survey, weights=points)
    assert "normalize" not in str(refused.value)
    function(survey, weights={k: v / 100 for k, v in points.items()})
