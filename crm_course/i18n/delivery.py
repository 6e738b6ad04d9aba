"""Strings of the delivery tools that students see (held-back solutions)."""

STRINGS = {
    "ex.solution_held_back": {
        "en": "The solution of ex.{name} is not released yet: your lecturer will release it after the deadline. "
              "`ex.{name}.hint()` gives a hint.",
        "zh": "`ex.{name}` 的参考答案尚未发布：老师会在截止日期之后发布。`ex.{name}.hint()` 给出提示。",
    },
}
