"""Strings of the delivery tools: held-back solutions, the grading summary plot."""

STRINGS = {
    "ex.solution_held_back": {
        "en": "The solution of ex.{name} is not released yet: your lecturer will release it after the deadline. "
              "`ex.{name}.hint()` gives a hint.",
        "zh": "`ex.{name}` 的参考答案尚未发布：老师会在截止日期之后发布。`ex.{name}.hint()` 给出提示。",
    },
    "grade.title": {"en": "Outcome per question", "zh": "每道题的结果"},
    "grade.students": {"en": "students", "zh": "学生人数"},
    "grade.correct": {"en": "correct", "zh": "正确"},
    "grade.incorrect": {"en": "incorrect", "zh": "错误"},
    "grade.not_attempted": {"en": "not attempted", "zh": "未作答"},
    "grade.error": {"en": "error", "zh": "出错"},
}
