"""Retention per period, expected lifetime, sBG (Fader & Hardie 2007's published fits), Kaplan-Meier."""

import numpy as np
import pandas as pd
import pytest

import crm_course as crm

from crm_course.models.retention import FADER_HARDIE_2007

HIGH_END, REGULAR = list(FADER_HARDIE_2007["high_end"]), list(FADER_HARDIE_2007["regular"])


def test_retention_table_by_hand():
    table = crm.retention_table([100, 80, 70, 70])
    assert table["survival"].tolist() == [1.0, 0.8, 0.7, 0.7]
    assert table["retention"].tolist()[1:] == [0.8, 0.875, 1.0]
    assert table["churn"].tolist()[1:] == pytest.approx([0.2, 0.125, 0.0])
    assert np.isnan(table.loc[0, "retention"])


def test_expected_lifetime():
    assert crm.expected_lifetime(0.8) == pytest.approx(5)
    assert crm.expected_lifetime(0) == 1
    with pytest.raises(ValueError, match=r"`retention` must be in \[0, 1\)"):
        crm.expected_lifetime(1)


def test_sbg_published_fits():
    high = crm.fit_sbg(HIGH_END[:8])
    assert (round(high.alpha, 3), round(high.beta, 3), round(high.log_likelihood, 2)) == (0.668, 3.806, -1611.16)
    regular = crm.fit_sbg(REGULAR[:8])
    assert (round(regular.alpha, 3), round(regular.beta, 3)) == (0.704, 1.182)


def test_sbg_formulas():
    model = crm.fit_sbg(HIGH_END[:8])
    t = np.arange(1, 13)
    survival = model.survival(np.arange(13))
    assert survival[0] == 1
    assert model.retention(t) == pytest.approx(survival[1:] / survival[:-1])
    assert model.retention(1) == pytest.approx((model.beta) / (model.alpha + model.beta))
    assert np.all(np.diff(model.retention(t)) > 0)  # retention rises as the likely churners leave first


def test_sbg_projects_the_hold_out_years_and_the_geometric_benchmark_under_projects():
    table = crm.retention_projection(HIGH_END, calibration=7)
    held_out = table.loc[8:]
    assert (abs(held_out["sbg"] - held_out["actual"]) / held_out["actual"]).max() < 0.05
    assert (held_out["geometric"] < held_out["actual"]).all()
    assert table["calibration"].sum() == 8 and table.attrs["calibration"] == 7


def test_geometric_benchmark_by_hand():
    # churners: 20 at t=1, 10 at t=2; 70 alive after 2 periods: r = (10 * 1 + 70 * 2) / (30 + 150)
    model = crm.fit_sbg([100, 80, 70])
    assert model.geometric_retention == pytest.approx(150 / 180)
    assert model.geometric_survival(2) == pytest.approx((150 / 180) ** 2)


@pytest.mark.parametrize(
    "survivors, error, message",
    [
        ([100, 90, 95], ValueError, "rises from 90 at t=1 to 95 at t=2"),
        ([100], ValueError, "at least one later count"),
        ([100, "x"], TypeError, "must hold numbers"),
        ([0, 0], ValueError, "cohort size > 0"),
        ([100, 100], ValueError, "Nobody in `survivors` churned"),
        ("1000, 869", TypeError, "must be a list"),
    ],
)
def test_sbg_bad_input(survivors, error, message):
    with pytest.raises(error, match=message):
        crm.fit_sbg(survivors)


def test_projection_arguments_are_checked():
    with pytest.raises(ValueError, match=r"`calibration` must be in \[1, 12\]"):
        crm.retention_projection(HIGH_END, calibration=13)


KM_TX = pd.DataFrame({
    "customer_id": ["a", "a", "b", "b", "c", "d"],
    "date": ["2024-01-01", "2024-01-11", "2024-01-01", "2024-01-31", "2024-01-01", "2024-12-31"],
})


def test_kaplan_meier_by_hand():
    # as_of 2024-12-31: a (10 days), b (30) and c (0) are lost; d bought on the last day, censored at 0
    table = crm.kaplan_meier(KM_TX, lapsed_after=90)
    assert table.index.tolist() == [0.0, 10.0, 30.0]
    # t = 0: 4 at risk, c lost -> 3/4 (d censored there); t = 10: a and b at risk, a lost -> 3/8; t = 30: b -> 0
    assert table["survival"].tolist() == pytest.approx([0.75, 0.75 * 1 / 2, 0.0])
    assert table.attrs["lost"] == 3 and table.attrs["censored"] == 1 and table.attrs["median"] == 10.0
    assert (table["lower"] <= table["survival"]).all() and (table["survival"] <= table["upper"]).all()


def test_kaplan_meier_censors_active_customers_and_converts_units():
    tx = KM_TX.assign(date=["2024-01-01", "2024-01-11", "2024-01-01", "2024-01-31", "2024-01-01", "2024-01-15"])
    table = crm.kaplan_meier(tx, as_of="2024-03-01", lapsed_after=40, unit="W")
    # on 03-01 with 40 days: a (50 days since 01-11), c (60) and d (46) are lost, b (30) is active, censored at 30 days
    assert table.attrs["lost"] == 3 and table.attrs["censored"] == 1
    assert table.index.tolist() == pytest.approx([0.0, 10 / 7])


def test_kaplan_meier_needs_a_lost_customer():
    with pytest.raises(ValueError, match="None of the 4 customers is lost"):
        crm.kaplan_meier(KM_TX, lapsed_after=400)
