"""CRM systems as plain data: architecture, kinds of CRM, modules, implementation, performance.

The lecture's lists (SYLLABUS section 5 and its "also in the lecture material") as dicts of
stable English codes; the names, in English and Chinese, live in :mod:`crm_course.i18n`
(keys ``it.<kind>.<code>``). :func:`crm_concepts` turns one list into a table in the
language in force, for a slide, a chart or an exercise.

>>> crm_concepts("implementation")[["phase", "step"]].head(3).to_dict("records")
[{'phase': 'preparation', 'step': 'leadership_support'}, {'phase': 'preparation', 'step': 'staff_competence'}, {'phase': 'launch', 'step': 'goals_and_plans'}]
"""

from __future__ import annotations

import pandas as pd

from .._validation import require_choice
from ..i18n import LANGUAGES, text

__all__ = [
    "ARCHITECTURE",
    "CRM_TYPES",
    "CRM_MODULES",
    "IMPLEMENTATION_STEPS",
    "IMPLEMENTATION_BARRIERS",
    "DEPLOYMENT",
    "SCORECARD",
    "TOBACCO_SERVICE_MODELS",
    "crm_concepts",
]

# layer -> its parts (the lecture's three-layer architecture; tables in database.CRM_LAYERS)
ARCHITECTURE: dict[str, tuple[str, ...]] = {
    "contact": ("channels", "interaction_log"),
    "functional": ("sales_management", "marketing", "customer_service"),
    "support": ("customer_data", "master_data", "data_mart"),
}
CRM_TYPES = ("operational", "analytical", "collaborative")
CRM_MODULES = ("sales_force_automation", "marketing_management", "customer_service", "call_centre", "web")
# phase -> steps, in order (准备 -> 启动 -> 实施)
IMPLEMENTATION_STEPS: dict[str, tuple[str, ...]] = {
    "preparation": ("leadership_support", "staff_competence"),
    "launch": ("goals_and_plans", "software_selection"),
    "implementation": ("team_and_plan", "configuration", "prototype_tests", "quality_assurance",
                       "acceptance_rollout", "continuous_improvement"),
}
IMPLEMENTATION_BARRIERS = ("budget", "it_resources", "staff_skills")
# deployment -> what it asks of the firm
DEPLOYMENT: dict[str, dict[str, object]] = {
    "on_premise": {"it_staff_needed": True, "upfront_cost": "high", "running_cost": "low"},
    "hosted": {"it_staff_needed": False, "upfront_cost": "low", "running_cost": "subscription"},
}
# balanced scorecard perspective -> KPIs a CRM system tracks (KPI codes; names in i18n)
SCORECARD: dict[str, tuple[str, ...]] = {
    "financial": ("profit_per_customer",),
    "customer": ("customer_acquisition", "retention_rate", "satisfaction"),
    "internal_process": ("campaign_response", "ticket_resolution_days"),
    "learning_growth": ("staff_trained",),
}
TOBACCO_SERVICE_MODELS = ("full_visit_selling", "central_delivery", "electronic_settlement", "modern_logistics",
                          "one_code_per_retailer", "visit_delivery_separation")

KINDS = ("architecture", "crm_types", "modules", "implementation", "barriers", "deployment", "scorecard",
         "tobacco_service_models")


def crm_concepts(kind: str, *, language: str | None = None) -> pd.DataFrame:
    """One of the lecture's lists as a table, names in ``language`` (default: the one in force).

    ``kind``: ``architecture`` (layer, part), ``crm_types`` (type, name, what), ``modules``,
    ``implementation`` (phase, step, order, names), ``barriers``, ``deployment`` (with what
    it asks of the firm), ``scorecard`` (perspective, kpi) or ``tobacco_service_models``.

    >>> crm_concepts("crm_types", language="zh")["name"].tolist()
    ['操作型CRM', '分析型CRM', '协作型CRM']
    """
    require_choice(kind, KINDS, "kind")
    if language is not None:
        require_choice(language, LANGUAGES, "language")
    t = lambda key: text(key, language)  # noqa: E731
    if kind == "architecture":
        rows = [{"layer": layer, "part": part, "layer_name": t(f"it.layer.{layer}"), "name": t(f"it.part.{part}")}
                for layer, parts in ARCHITECTURE.items() for part in parts]
    elif kind == "crm_types":
        rows = [{"type": code, "name": t(f"it.crm_type.{code}"), "what": t(f"it.crm_type.{code}.what")}
                for code in CRM_TYPES]
    elif kind == "modules":
        rows = [{"module": code, "name": t(f"it.module.{code}")} for code in CRM_MODULES]
    elif kind == "implementation":
        steps = [(phase, step) for phase, names in IMPLEMENTATION_STEPS.items() for step in names]
        rows = [{"phase": phase, "step": step, "order": order, "phase_name": t(f"it.phase.{phase}"),
                 "name": t(f"it.step.{step}")} for order, (phase, step) in enumerate(steps, start=1)]
    elif kind == "barriers":
        rows = [{"barrier": code, "name": t(f"it.barrier.{code}")} for code in IMPLEMENTATION_BARRIERS]
    elif kind == "deployment":
        rows = [{"deployment": code, **asks, "name": t(f"it.deployment.{code}"), "what": t(f"it.deployment.{code}.what")}
                for code, asks in DEPLOYMENT.items()]
    elif kind == "scorecard":
        rows = [{"perspective": perspective, "kpi": kpi, "perspective_name": t(f"it.bsc.{perspective}"),
                 "name": t(f"it.kpi.{kpi}")} for perspective, kpis in SCORECARD.items() for kpi in kpis]
    else:
        rows = [{"model": code, "name": t(f"it.tobacco.{code}")} for code in TOBACCO_SERVICE_MODELS]
    return pd.DataFrame(rows)
