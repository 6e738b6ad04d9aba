"""The customer-orientation self-audit (客户导向自我评估): how far a firm has come on the path of culture change.

Nine criteria in three areas, from the course: the path of culture change (leaders change
their mindset -> shared vision -> customer-oriented values -> communication ->
institutions), human resources (hiring, training, appraisal and incentives) and the
organisation (flexible, flat, front line empowered). Each criterion is a statement a
manager rates from 1 (not true at all) to 5 (fully true); the scoring engine
(:func:`crm_course.models.scoring.weighted_score`) weighs them. The criteria, areas and
weights are plain data; the statements in English and Chinese live under
``audit.criterion.<code>`` and the area names under ``audit.area.<area>`` in
crm_course/i18n/culture.py.

>>> scores = dict.fromkeys(culture_audit_criteria(), 3)
>>> culture_audit(scores)["overall"].tolist()
[3.0]
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from .scoring import _check_weights, weighted_score

__all__ = ["CULTURE_AUDIT_AREAS", "CULTURE_AUDIT_WEIGHTS", "culture_audit_criteria", "culture_audit"]

# area -> its criteria, in the order of the course.
CULTURE_AUDIT_AREAS: dict[str, tuple[str, ...]] = {
    "culture": ("leaders_mindset", "shared_vision", "values", "communication", "institutions"),
    "people": ("hiring", "training", "appraisal"),
    "organisation": ("organisation",),
}

# criterion -> weight (sum 1): the path of culture change 60%, people 30%, organisation 10%.
CULTURE_AUDIT_WEIGHTS: dict[str, float] = {
    "leaders_mindset": 0.12,
    "shared_vision": 0.12,
    "values": 0.12,
    "communication": 0.12,
    "institutions": 0.12,
    "hiring": 0.10,
    "training": 0.10,
    "appraisal": 0.10,
    "organisation": 0.10,
}


def culture_audit_criteria() -> list[str]:
    """Every criterion code, in the order of the audit form.

    >>> culture_audit_criteria()[:2]
    ['leaders_mindset', 'shared_vision']
    """
    return [criterion for criteria in CULTURE_AUDIT_AREAS.values() for criterion in criteria]


def culture_audit(scores, *, weights=None) -> pd.DataFrame:
    """Score the self-audit: one score (1-5) per area and an overall weighted score.

    ``scores`` is a dict criterion -> rating (one respondent) or a DataFrame with one row per
    respondent and one column per criterion, ratings 1-5 (5 = fully true). ``weights``
    (criterion -> weight, summing to 1) default to :data:`CULTURE_AUDIT_WEIGHTS`; an area's
    score is the weighted mean of its criteria, with their weights rescaled to sum to 1.

    Returns a new DataFrame with columns ``culture``, ``people``, ``organisation`` and
    ``overall``; ``attrs`` hold ``weights`` and ``areas``.

    >>> audit = culture_audit({"leaders_mindset": 4, "shared_vision": 4, "values": 4, "communication": 3,
    ...                        "institutions": 3, "hiring": 2, "training": 3, "appraisal": 1, "organisation": 2})
    >>> audit.round(2).to_dict("records")
    [{'culture': 3.6, 'people': 2.0, 'organisation': 2.0, 'overall': 2.96}]
    """
    if isinstance(scores, Mapping):
        scores = pd.DataFrame([dict(scores)])
    elif not isinstance(scores, pd.DataFrame):
        raise TypeError(
            f"`scores` must be a dict criterion -> rating (1-5) or a DataFrame with one column per criterion, "
            f"but a {type(scores).__name__} was passed. The criteria: culture_audit_criteria()."
        )
    w = _check_weights(CULTURE_AUDIT_WEIGHTS if weights is None else weights, False)
    criteria = culture_audit_criteria()
    unknown = [c for c in w.index if c not in criteria]
    if unknown:
        raise ValueError(f"`weights` names criteria that are not in the audit: {unknown}. The criteria: {criteria}.")
    missing = [c for c in criteria if c not in scores.columns]
    extra = [str(c) for c in scores.columns if c not in criteria]
    if missing or extra:
        raise ValueError(
            f"`scores` must rate each criterion of the audit once: missing {missing or 'none'}, not criteria "
            f"{extra or 'none'}. The criteria: {criteria}."
        )
    result = {}
    for area, members in CULTURE_AUDIT_AREAS.items():
        area_weights = w.reindex(list(members), fill_value=0.0)
        if area_weights.sum() > 0:
            result[area] = weighted_score(scores[list(members)], area_weights, normalize=True)
    result["overall"] = weighted_score(scores[criteria], w.reindex(criteria, fill_value=0.0))
    table = pd.DataFrame(result, index=scores.index)
    table.attrs.update(weights=w.reindex(criteria, fill_value=0.0).to_dict(), areas=dict(CULTURE_AUDIT_AREAS))
    return table
