"""Delivering the course: slides, app mode, grading, held-back solutions, Binder, JupyterLite.

Modules by concept (each imported on its own, so ``import crm_course`` stays light):
``release`` (solutions held back), ``grade`` (grading submitted exercise notebooks), ``slides``
(an offline reveal.js deck), ``app`` (a Voila dashboard), ``lab`` (JupyterLab in Chinese, student
mode), ``lite`` (a JupyterLite site), ``chapters`` (which chapter a name means).
"""

__all__: list[str] = []
