"""Strings of the exercises engine (en/zh)."""

STRINGS = {
    "ex.not_attempted": {
        "en": "{name}: not attempted yet. Replace the `...` with your answer and run the cell again.",
        "zh": "{name}：尚未作答。请把 `...` 换成你的答案，再运行本单元格。",
    },
    "ex.correct": {"en": "{name}: correct!", "zh": "{name}：回答正确！"},
    "ex.incorrect": {"en": "{name}: not yet.", "zh": "{name}：还不对。"},
    "ex.your_answer": {"en": "Your answer: {answer}", "zh": "你的答案：{answer}"},
    "ex.try_hint": {
        "en": "Stuck? `{name}.hint()` gives a hint; `{name}.hint(2)` a stronger one.",
        "zh": "卡住了？`{name}.hint()` 给出提示；`{name}.hint(2)` 给出更详细的提示。",
    },
    "ex.wrong_type": {
        "en": "The answer should be {kind}, but you gave a {given}.",
        "zh": "答案应当是{kind}，但你给出的是 {given}。",
    },
    "ex.kind.number": {"en": "a number", "zh": "一个数字"},
    "ex.kind.text": {"en": "a text (string)", "zh": "一个文本（字符串）"},
    "ex.kind.list": {"en": "a list", "zh": "一个列表"},
    "ex.kind.series": {"en": "a pandas Series", "zh": "一个 pandas Series"},
    "ex.kind.frame": {"en": "a pandas DataFrame", "zh": "一个 pandas DataFrame"},
    "ex.wrong_length": {
        "en": "Your answer has {given} rows, but the right one has {expected}.",
        "zh": "你的答案有 {given} 行，但正确答案有 {expected} 行。",
    },
    "ex.wrong_index": {
        "en": "Your answer's index (labels) differs, e.g. {example}. Index it by the same keys as the question asks.",
        "zh": "你的答案的索引（标签）不同，例如 {example}。请按题目要求的键建立索引。",
    },
    "ex.wrong_columns": {
        "en": "Your answer's columns {given} differ from the ones asked for.",
        "zh": "你的答案的列 {given} 与题目要求的不同。",
    },
    "ex.close": {
        "en": "Very close: probably rounded. Give the value unrounded (or with more decimals).",
        "zh": "非常接近：可能是四舍五入造成的。请给出未经四舍五入的值（或保留更多小数位）。",
    },
    "ex.wrong_dtype": {
        "en": "Column {column} should hold numbers, but yours holds {given} values (e.g. text or time spans; "
        "for day counts use `.dt.days`).",
        "zh": "列 {column} 应当是数字，但你的答案是 {given} 类型（例如文本或时间间隔；天数请用 `.dt.days`）。",
    },
    "ex.wrong_values": {
        "en": "The shape is right, but {count} value(s) differ, e.g. at {example}.",
        "zh": "形状正确，但有 {count} 个值不同，例如 {example} 处。",
    },
    "ex.hint": {"en": "Hint {level} of {total}: {hint}", "zh": "提示 {level}/{total}：{hint}"},
    "ex.no_more_hints": {"en": " (this is the last hint; `{name}.solution()` shows the answer)", "zh": "（这是最后一条提示；`{name}.solution()` 显示答案）"},
    "ex.solution": {"en": "Solution of {name}:", "zh": "{name} 的参考答案："},
    "ex.no_solution": {
        "en": "The solution of {name} is not available here (solutions/ is missing from this installation).",
        "zh": "此处无法显示 {name} 的答案（本安装缺少 solutions/ 文件夹）。",
    },
}
