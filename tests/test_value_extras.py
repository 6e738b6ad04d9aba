"""The two small models behind the value chapter's plots: clv_sensitivity and p_alive_grid."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import crm_course as crm
from crm_course.models.btyd import BGNBD, p_alive_grid
from crm_course.models.value import clv_sensitivity

# Fader, Hardie & Lee (2005), CDNOW: the published BG/NBD parameters, in weeks.
CDNOW = BGNBD(r=0.243, alpha=4.414, a=0.793, b=2.426, log_likelihood=-9582.4, n_customers=2357, unit="W")


def _p_alive_by_hand(x, t_x, T, r=0.243, alpha=4.414, a=0.793, b=2.426):
    """Fader, Hardie & Lee (2008): P(alive) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + t_x))^(r + x))."""
    return 1 / (1 + a / (b + x - 1) * ((alpha + T) / (alpha + t_x)) ** (r + x))


# --- clv_sensitivity ----------------------------------------------------------------------------


def test_clv_sensitivity_known_answers():
    # m r / (1 + i - r): 100 * 0.5 / 0.5 = 100, 100 * 0.8 / 0.2 = 400, 50 / 0.6 = 83.33, 80 / 0.3 = 266.67
    table = clv_sensitivity(margin=100, retention=[0.8, 0.5], discount=[0.1, 0.0])
    assert table.columns.tolist() == ["retention", "discount", "clv"]
    assert table["retention"].tolist() == [0.5, 0.8, 0.5, 0.8]
    assert table["discount"].tolist() == [0.0, 0.0, 0.1, 0.1]
    assert table["clv"].tolist() == pytest.approx([100, 400, 50 / 0.6, 80 / 0.3])


def test_clv_sensitivity_finite_horizon_and_acquisition_cost():
    # Three years at q = 0.8 / 1.1: 100 (q + q^2 + q^3) = 164.09, minus a cost of 50.
    q = 0.8 / 1.1
    table = clv_sensitivity(margin=100, retention=0.8, discount=0.1, horizon=3, acquisition_cost=50)
    assert len(table) == 1
    assert table["clv"].iloc[0] == pytest.approx(100 * (q + q**2 + q**3) - 50)
    assert table["clv"].iloc[0] == pytest.approx(114.09, abs=0.01)
    assert table.attrs == {"margin": 100, "horizon": 3, "acquisition_cost": 50}


def test_clv_sensitivity_margin_at_start():
    # m (1 + i) / (1 + i - r) = 100 * 1.1 / 0.3 = 366.67
    table = clv_sensitivity(margin=100, retention=[0.8], discount=[0.1], margin_timing="start")
    assert table["clv"].iloc[0] == pytest.approx(110 / 0.3)


@settings(max_examples=30, deadline=None)
@given(
    retention=st.lists(st.floats(0, 0.99), min_size=1, max_size=6),
    discount=st.lists(st.floats(0, 0.5), min_size=1, max_size=4),
    horizon=st.one_of(st.none(), st.integers(1, 40)),
)
def test_clv_sensitivity_is_clv_for_every_pair_in_any_order(retention, discount, horizon):
    table = clv_sensitivity(margin=120, retention=retention, discount=discount, horizon=horizon, acquisition_cost=30)
    assert len(table) == len(set(retention)) * len(set(discount))
    for row in table.itertuples():
        assert row.clv == pytest.approx(crm.clv(margin=120, retention=row.retention, discount=row.discount,
                                                horizon=horizon, acquisition_cost=30))
    reordered = clv_sensitivity(margin=120, retention=retention[::-1] + retention, discount=discount[::-1],
                                horizon=horizon, acquisition_cost=30)
    pd.testing.assert_frame_equal(table, reordered)


def test_clv_sensitivity_does_not_change_its_inputs():
    retention = pd.Series([0.9, 0.6, 0.7])
    discount = np.array([0.15, 0.05])
    clv_sensitivity(margin=100, retention=retention, discount=discount)
    pd.testing.assert_series_equal(retention, pd.Series([0.9, 0.6, 0.7]))
    assert discount.tolist() == [0.15, 0.05]


@pytest.mark.parametrize("arguments, error, message", [
    ({"retention": [0.5, 1.0]}, ValueError, r"`retention` must be in \[0, 1\), but 1.0 was passed"),
    ({"discount": [-0.1]}, ValueError, r"`discount` must be in \[0, inf\], but -0.1 was passed"),
    ({"retention": []}, ValueError, r"`retention` must hold at least one rate, e\.g\. \[0\.6, 0\.7, 0\.8\]"),
    ({"retention": ["high"]}, TypeError, r"`retention` must be a number or an array of numbers, but \['high'\]"),
    ({"margin": [100, 200]}, TypeError, r"`margin` must be a number, but \[100, 200\] \(list\) was passed"),
    ({"acquisition_cost": "50"}, TypeError, r"`acquisition_cost` must be a number, but '50'"),
    ({"horizon": 0}, ValueError, r"`horizon` must be in \[1, inf\], but 0 was passed"),
])
def test_clv_sensitivity_refuses_bad_inputs(arguments, error, message):
    given = {"margin": 100, "retention": [0.5, 0.8], "discount": [0.1], **arguments}
    with pytest.raises(error, match=message):
        clv_sensitivity(**given)


# --- p_alive_grid ---------------------------------------------------------------------------------


def test_p_alive_grid_cells_follow_the_formula():
    grid = p_alive_grid(CDNOW, T=39, max_frequency=3, recency_step=13)
    assert grid.index.tolist() == [1, 2, 3] and grid.index.name == "frequency"
    assert grid.columns.tolist() == [13, 26, 39] and grid.columns.name == "recency"
    for x in grid.index:
        for t_x in grid.columns:
            assert grid.loc[x, t_x] == pytest.approx(_p_alive_by_hand(x, t_x, 39))
    # hand-computed: 1 / (1 + 0.793 / 2.426 * (43.414 / 17.414) ** 1.243) = 0.4957; 1 / (1 + 0.793 / 4.426) = 0.8481
    assert grid.loc[1, 13] == pytest.approx(0.4957, abs=1e-4)
    assert grid.loc[3, 39] == pytest.approx(0.8481, abs=1e-4)
    assert grid.attrs == {"T": 39, "unit": "W"}


def test_p_alive_grid_matches_the_model_and_lifetimes():
    grid = p_alive_grid(CDNOW, T=38.86, max_frequency=10, recency_step=3)
    assert grid.shape == (10, 13)
    assert grid.columns[-1] == 38.86 and grid.columns[-2] == pytest.approx(36)  # the last step is cut back to T
    assert grid.loc[2, 38.86] == pytest.approx(CDNOW.p_alive(frequency=2, recency=38.86, T=38.86))
    lifetimes = pytest.importorskip("lifetimes")
    reference = lifetimes.BetaGeoFitter()
    reference.params_ = CDNOW.params
    x, t_x = np.meshgrid(grid.index, grid.columns, indexing="ij")
    expected = reference.conditional_probability_alive(x.ravel(), t_x.ravel(), 38.86).reshape(grid.shape)
    np.testing.assert_allclose(grid.to_numpy(), expected, rtol=1e-9)


def test_p_alive_grid_shape_of_the_evidence():
    grid = p_alive_grid(CDNOW, T=39, max_frequency=10, recency_step=3)
    # A later last purchase always means more likely alive ...
    assert (np.diff(grid.to_numpy(), axis=1) > 0).all()
    # ... and a long silence hurts the frequent buyer most: at recency 3, P(alive) falls with frequency.
    assert (np.diff(grid[3].to_numpy()) < 0).all()
    assert grid.loc[10, 3] < 0.001 < 0.2 < grid.loc[1, 3]


@pytest.mark.parametrize("arguments, error, message", [
    ({"model": "bgnbd"}, TypeError, r"`model` must be a fitted BG/NBD model from crm\.fit_bgnbd\(summary\), not a str"),
    ({"T": 0}, ValueError, r"`T` must be in \(0, inf\], but 0 was passed"),
    ({"recency_step": 40}, ValueError, r"`recency_step` must be in \(0, 39\], but 40 was passed"),
    ({"recency_step": 0}, ValueError, r"`recency_step` must be in \(0, 39\], but 0 was passed"),
    ({"max_frequency": 2.5}, ValueError, r"`max_frequency` must be a whole number, but 2\.5 was passed"),
    ({"max_frequency": 0}, ValueError, r"`max_frequency` must be in \[1, inf\], but 0 was passed"),
])
def test_p_alive_grid_refuses_bad_inputs(arguments, error, message):
    given = {"model": CDNOW, "T": 39, **arguments}
    with pytest.raises(error, match=message):
        p_alive_grid(given.pop("model"), **given)
