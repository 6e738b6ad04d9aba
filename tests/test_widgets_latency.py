"""What the widgets keep between updates so a control change shows quickly, and that it is the
same result as computing afresh."""

import pandas as pd

import crm_course as crm
from crm_course.models.retention import FADER_HARDIE_2007
from crm_course.widgets import retention_projector


def test_retention_projector_fits_the_next_calibrations_ahead_and_shows_the_same_projection():
    projector = retention_projector(calibration=7)
    assert set(projector._projections) == {("high_end", c) for c in (6, 7, 8)}
    ahead = projector._projections[("high_end", 8)]
    projector.controls["calibration"].value = 8
    assert projector.result is ahead and projector.error is None
    pd.testing.assert_frame_equal(ahead, crm.retention_projection(FADER_HARDIE_2007["high_end"], calibration=8))
    assert ("high_end", 9) in projector._projections


def test_retention_projector_at_the_slider_ends_and_after_a_cohort_change():
    projector = retention_projector({"ours": [100, 60, 40, 30], "short": [50, 20]}, calibration=1)
    assert set(projector._projections) == {("ours", 1), ("ours", 2)}  # no calibration 0
    projector.controls["cohort"].value = "short"
    assert projector.error is None and ("short", 1) in projector._projections
    assert not any(key == ("short", 2) for key in projector._projections)  # beyond the cohort's length
