"""The BG/NBD fit recovers the retail generator's stated parameters within sampling error."""

import pytest

import crm_course as crm
from crm_course.data.retail import RETAIL_BGNBD, RETAIL_END


def test_fit_recovers_the_generating_process():
    summary = crm.btyd_summary(crm.load_dataset("retail"), calibration_end=RETAIL_END, unit="W")
    model = crm.fit_bgnbd(summary)
    # r and alpha are well identified on ~4,000 buyers; a and b (the dropout Beta) much less so:
    # on other seeds of the generator the fitted a and b spread by about +-30%.
    assert model.r == pytest.approx(RETAIL_BGNBD["r"], rel=0.15)
    assert model.alpha == pytest.approx(RETAIL_BGNBD["alpha"], rel=0.15)
    assert model.a == pytest.approx(RETAIL_BGNBD["a"], rel=0.35)
    assert model.b == pytest.approx(RETAIL_BGNBD["b"], rel=0.35)
    # the mean dropout probability a/(a+b) is better identified than a and b apart
    assert model.a / (model.a + model.b) == pytest.approx(RETAIL_BGNBD["a"] / sum(RETAIL_BGNBD[k] for k in "ab"), rel=0.25)


def test_cdnow_summary_knows_its_unit():
    summary = crm.load_dataset("cdnow_summary")
    assert crm.fit_bgnbd(summary).unit == "W"
