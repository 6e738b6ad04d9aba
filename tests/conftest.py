"""Shared test setup: English unless a test says otherwise, and a headless matplotlib backend."""

import os

import pytest

import matplotlib

matplotlib.use("Agg")  # this process only: notebook kernels keep their inline backend
os.environ["CRM_COURSE_LANG"] = "en"  # notebooks' stored outputs are English; kernels inherit this


@pytest.fixture(autouse=True)
def _english_and_closed_figures(monkeypatch):
    import crm_course

    monkeypatch.setenv("CRM_COURSE_LANG", "en")  # whatever a test sets (`crm-course --lang zh`) is undone after it
    crm_course.set_language("en")
    yield
    crm_course.set_language("en")
    import matplotlib.pyplot as plt

    plt.close("all")
