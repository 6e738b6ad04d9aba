"""Strings of the exercises engine (en/zh). Code, values and column names go in backticks."""

STRINGS = {
    "ex.not_attempted": {
        "en": "ex.{name}: not attempted yet. Replace the `...` with your answer and run the cell again.",
        "zh": "`ex.{name}`：尚未作答。请把 `...` 换成你的答案，再运行本单元格。",
    },
    "ex.correct": {"en": "ex.{name}: correct!", "zh": "`ex.{name}`：回答正确！"},
    "ex.incorrect": {"en": "ex.{name}: not yet.", "zh": "`ex.{name}`：还不对。"},
    "ex.your_answer": {"en": "Your answer: {answer}", "zh": "你的答案：{answer}"},
    "ex.try_hint": {
        "en": "Stuck? `ex.{name}.hint()` gives a hint; `ex.{name}.hint(2)` a stronger one.",
        "zh": "卡住了？`ex.{name}.hint()` 给出提示；`ex.{name}.hint(2)` 给出更详细的提示。",
    },
    "ex.question": {
        "en": "ex.{name}: answer with `ex.{name}.check(answer)`; `ex.{name}.hint()` gives a hint.",
        "zh": "`ex.{name}`：用 `ex.{name}.check(answer)` 作答；`ex.{name}.hint()` 给出提示。",
    },
    "ex.choice": {
        "en": "ex.{name}: choose one option and pass its letter, e.g. `ex.{name}.check(\"a\")`.",
        "zh": "`ex.{name}`：选择一个选项并传入它的字母，例如 `ex.{name}.check(\"a\")`。",
    },
    "ex.not_an_option": {
        "en": "Pass the letter of one option: {valid}. `ex.{name}.options()` lists them.",
        "zh": "请传入某个选项的字母：{valid}。`ex.{name}.options()` 会列出全部选项。",
    },
    # what the student gave, in plain words
    "ex.show.list": {"en": "a list of {count}", "zh": "一个包含 {count} 项的列表"},
    "ex.show.tuple": {"en": "a tuple of {count}", "zh": "一个包含 {count} 项的元组"},
    "ex.show.set": {"en": "a set of {count}", "zh": "一个包含 {count} 项的集合"},
    "ex.show.dict": {"en": "a dictionary with {count}", "zh": "一个包含 {count} 个键的字典"},
    "ex.show.array": {"en": "an array of {count}", "zh": "一个包含 {count} 个值的数组"},
    "ex.show.series": {"en": "a column (Series) of {count}", "zh": "一列（`Series`）共 {count} 个值"},
    "ex.show.index": {"en": "an index of {count}", "zh": "一个包含 {count} 个标签的索引"},
    "ex.show.frame": {"en": "a table with {rows} and {columns}", "zh": "一个 {rows} 行、{columns} 列的表格"},
    "ex.show.with_repr": {"en": "{described}: {shown}", "zh": "{described}，内容为 {shown}"},
    "ex.noun.item": {"en": "items", "zh": "项"},
    "ex.noun.item.one": {"en": "item", "zh": "项"},
    "ex.noun.entry": {"en": "entries", "zh": "个键"},
    "ex.noun.entry.one": {"en": "entry", "zh": "个键"},
    "ex.noun.value": {"en": "values", "zh": "个值"},
    "ex.noun.value.one": {"en": "value", "zh": "个值"},
    "ex.noun.label": {"en": "labels", "zh": "个标签"},
    "ex.noun.label.one": {"en": "label", "zh": "个标签"},
    "ex.noun.row": {"en": "rows", "zh": "行"},
    "ex.noun.row.one": {"en": "row", "zh": "行"},
    "ex.noun.column": {"en": "columns", "zh": "列"},
    "ex.noun.column.one": {"en": "column", "zh": "列"},
    "ex.show.long_text": {"en": "a text of {count} characters", "zh": "一段 {count} 个字符的文本"},
    "ex.show.huge": {"en": "a whole number with {digits} digits", "zh": "一个 {digits} 位的整数"},
    "ex.show.nan": {"en": "NaN (not a number)", "zh": "非数值（`NaN`）"},
    "ex.show.inf": {"en": "{sign}infinity", "zh": "{sign}无穷大"},
    "ex.show.object": {"en": "an object of type `{type}`", "zh": "一个 `{type}` 类型的对象"},
    # what the question needs
    "ex.wrong_type": {"en": "This question needs {kind}.", "zh": "本题需要{kind}。"},
    "ex.kind.number": {"en": "a number", "zh": "一个数字"},
    "ex.kind.count": {"en": "a whole number (a count)", "zh": "一个整数（计数）"},
    "ex.kind.bool": {"en": "`True` or `False`", "zh": "`True` 或 `False`"},
    "ex.kind.text": {"en": "a text (a string in quotes)", "zh": "一个文本（带引号的字符串）"},
    "ex.kind.list": {"en": "a list, in order", "zh": "一个按顺序排列的列表"},
    "ex.kind.set": {"en": "a set (order does not matter)", "zh": "一个集合（顺序无关）"},
    "ex.kind.dict": {"en": "a dictionary", "zh": "一个字典"},
    "ex.kind.series": {"en": "a pandas column (Series)", "zh": "一个 `pandas` 列（`Series`）"},
    "ex.kind.frame": {"en": "a pandas table (DataFrame)", "zh": "一个 `pandas` 表格（`DataFrame`）"},
    "ex.kind.rows": {"en": "a table of query results (DataFrame)", "zh": "一个查询结果表格（`DataFrame`）"},
    "ex.kind.other": {"en": "another kind of answer", "zh": "另一种类型的答案"},
    "ex.uncomparable": {
        "en": "Your answer could not be compared with the right one. This question needs {kind}.",
        "zh": "无法将你的答案与正确答案比较。本题需要{kind}。",
    },
    "ex.not_finite": {
        "en": "That is not a finite number: a division by zero, or a mean over nothing, somewhere?",
        "zh": "这不是一个有限的数：是不是某处除以了零，或对空集合求了平均？",
    },
    "ex.quoted": {
        "en": "That is a text (in quotes). Give the value itself, without quotes: `137`, not `'137'`.",
        "zh": "这是一个文本（带引号）。请直接给出值本身，不要引号：写 `137`，而不是 `'137'`。",
    },
    "ex.many_for_one": {
        "en": "That is a collection of values; the question asks for one number. Pick the one entry you need "
        "(`values[label]` or `.loc[label]`), or reduce them to one: `len(...)`, `.sum()`, `.nunique()`.",
        "zh": "这是一组值；题目要的是一个数。请取出需要的那一项（`values[label]` 或 `.loc[label]`），"
        "或把它们归结为一个数：`len(...)`、`.sum()`、`.nunique()`。",
    },
    "ex.one_for_one": {
        "en": "That holds a single value, but the question asks for the number itself: take it out with "
        "`.iloc[0]` (a Series) or `float(...)`.",
        "zh": "它只包含一个值，但题目要的是这个数本身：请用 `.iloc[0]`（对 `Series`）或 `float(...)` 把它取出来。",
    },
    "ex.series_for_list": {
        "en": "That is a column (Series) or an array; the question asks for a list: convert it with `.tolist()`.",
        "zh": "这是一列（`Series`）或一个数组；题目要的是列表：请用 `.tolist()` 转换。",
    },
    "ex.one_value_right": {"en": " The values inside are the right ones.", "zh": "里面的值是对的。"},
    "ex.one_value_wrong": {"en": " The values inside are not the right ones yet.", "zh": "里面的值还不对。"},
    "ex.none": {
        "en": "Your answer is `None`: did a method return nothing, e.g. one called with `inplace=True`, or "
        "`print(...)`, which shows a value but returns `None`? Assign the value itself to `answer`.",
        "zh": "你的答案是 `None`：是不是某个方法什么都没返回，例如用了 `inplace=True`，或者用了 `print(...)`"
        "（它只显示值，返回的是 `None`）？请把值本身赋给 `answer`。",
    },
    "ex.frame_for_series": {
        "en": "That is a table with one column, {column}; the question asks for the column itself: select it with "
        "`table[\"name\"]` (or `.squeeze()`).",
        "zh": "这是只有一列 {column} 的表格；题目要的是这一列本身：请用 `table[\"name\"]`（或 `.squeeze()`）取出它。",
    },
    "ex.series_for_frame": {
        "en": "That is a single column; the question asks for a table with the columns it names "
        "(e.g. `pd.DataFrame({...})` or `.to_frame()`).",
        "zh": "这只是一列；题目要的是包含所列各列的表格（例如 `pd.DataFrame({...})` 或 `.to_frame()`）。",
    },
    "ex.not_whole": {"en": "A count is a whole number.", "zh": "计数应当是整数。"},
    "ex.differs": {"en": "That is not the value asked for.", "zh": "这不是题目要求的值。"},
    "ex.rounded": {
        "en": "That is the right value rounded to {figures} significant figures: give at least {wanted} significant "
        "figures please (or do not round at all).",
        "zh": "这是正确值四舍五入到 {figures} 位有效数字的结果：请至少给出 {wanted} 位有效数字（或者干脆不要四舍五入）。",
    },
    "ex.rounded_more": {
        "en": "That is the right value rounded, but this question needs more precision than that: do not round.",
        "zh": "这是正确值四舍五入后的结果，但本题要求更高的精度：请不要四舍五入。",
    },
    "ex.tighter": {
        "en": "Close, but this question needs more precision than usual. {reason}",
        "zh": "很接近，但本题要求的精度高于通常标准。{reason}",
    },
    "ex.not_a_choice": {"en": "Use one of these codes: {choices}.", "zh": "请使用以下代码之一：{choices}。"},
    "ex.wrong_count": {
        "en": "Your answer has {given} items, but the right one has {expected}.",
        "zh": "你的答案有 {given} 项，但正确答案有 {expected} 项。",
    },
    "ex.wrong_items": {
        "en": "{count} item(s) differ, the first at position {position}.",
        "zh": "有 {count} 项不同，第一处在第 {position} 项。",
    },
    "ex.set_duplicates": {"en": "Your answer lists an item twice.", "zh": "你的答案中有重复的项。"},
    "ex.for_example": {"en": ", e.g. {example}", "zh": "，例如 {example}"},
    "ex.set_differs": {
        "en": "{parts}.",
        "zh": "{parts}。",
    },
    "ex.set_extra": {"en": "{extra} of your items should not be there{example}", "zh": "你的答案中有 {extra} 项不应出现{example}"},
    "ex.set_missing": {"en": "some items are missing", "zh": "还缺少一些项"},
    "ex.text_for_numbers": {
        "en": "Your items are text, e.g. {example}, but the answer's items are numbers: give numbers, without "
        "quotes (`1`, not `'1'`; `int(...)` or `.astype(int)` converts them).",
        "zh": "你的各项是文本，例如 {example}，但答案的各项是数字：请给出不带引号的数字（写 `1`，而不是 `'1'`；"
        "可用 `int(...)` 或 `.astype(int)` 转换）。",
    },
    "ex.dict_text_values": {
        "en": "The keys are right, but {count} value(s) are text, e.g. for {entry}: give numbers, not text "
        "(`0.5`, not `'4/8'` or `'0.5'`; compute the value in Python).",
        "zh": "键都对，但有 {count} 个值是文本，例如键 {entry}：请给出数字而不是文本（写 `0.5`，而不是 `'4/8'` 或 "
        "`'0.5'`；在 `Python` 中算出这个值）。",
    },
    "ex.dict_rounded": {
        "en": "The value for {entry} is the right one rounded to {figures} significant figures: give at least "
        "{wanted} significant figures please (or do not round at all).",
        "zh": "键 {entry} 的值是正确值四舍五入到 {figures} 位有效数字的结果：请至少给出 {wanted} 位有效数字"
        "（或者干脆不要四舍五入）。",
    },
    "ex.dict_rounded_more": {
        "en": "The value for {entry} is close, but not right to the precision asked: round less (or do not round "
        "at all).",
        "zh": "键 {entry} 的值很接近，但没有达到题目要求的精度：请少舍入一些（或者干脆不要四舍五入）。",
    },
    "ex.clause_sep": {"en": "; ", "zh": "；"},
    "ex.dict_keys": {
        "en": "Your dictionary's keys differ: {parts}.",
        "zh": "你的字典的键不同：{parts}。",
    },
    "ex.dict_extra": {"en": "unexpected {extra}", "zh": "多出的键 {extra}"},
    "ex.dict_missing": {"en": "missing {missing}", "zh": "缺少的键 {missing}"},
    "ex.dict_values": {
        "en": "The keys are right, but {count} value(s) differ, e.g. for {entry}.",
        "zh": "键都对，但有 {count} 个值不同，例如键 {entry}。",
    },
    "ex.wrong_length": {
        "en": "Your answer has {given} rows, but the right one has {expected}.",
        "zh": "你的答案有 {given} 行，但正确答案有 {expected} 行。",
    },
    "ex.labels.number": {"en": "numbers", "zh": "数字"},
    "ex.labels.text": {"en": "text labels", "zh": "文本标签"},
    "ex.labels.date": {"en": "dates", "zh": "日期"},
    "ex.index_kind": {
        "en": "Your rows are labelled by {given} (e.g. {example}), but the answer is labelled by {expected}: "
        "set the index to the key the question asks for (`.set_index(\"{index_name}\")`).",
        "zh": "你的行标签是{given}（例如 {example}），但答案的行标签是{expected}：请把索引设为题目要求的键"
        "（`.set_index(\"{index_name}\")`）。",
    },
    "ex.duplicate_labels": {
        "en": "A label occurs twice in your index, e.g. {example}: one row per key is asked for.",
        "zh": "你的索引中有重复的标签，例如 {example}：每个键只应有一行。",
    },
    "ex.wrong_index": {
        "en": "{count} of your row labels are not in the answer, e.g. {example}. Index it by the keys the question asks for.",
        "zh": "你的行标签中有 {count} 个不在答案中，例如 {example}。请按题目要求的键建立索引。",
    },
    "ex.wrong_columns": {
        "en": "{parts}; keep only {keep}.",
        "zh": "{parts}；只保留 {keep}。",
    },
    "ex.columns_case": {
        "en": "The column names differ only in capitals: names are case-sensitive. Name them {keep}.",
        "zh": "列名只在大小写上不同：列名区分大小写。请命名为 {keep}。",
    },
    "ex.index_dropped": {
        "en": "Your index looks reset (0, 1, 2, ...): the rows must be labelled by `{name}`. Keep the index "
        "(no `reset_index(drop=True)`), or set it back with `.set_index('{name}')`.",
        "zh": "你的索引看起来被重置了（0, 1, 2, ...）：行标签应当是 `{name}`。请保留原索引（不要用 "
        "`reset_index(drop=True)`），或用 `.set_index('{name}')` 把它设回来。",
    },
    "ex.extra_columns": {"en": "Extra columns {extra}", "zh": "多出的列 {extra}"},
    "ex.missing_columns": {"en": "missing columns {missing}", "zh": "缺少的列 {missing}"},
    "ex.index_reset": {
        "en": "Your index looks reset: `{name}` is a column. Set it back with `.set_index('{name}')`.",
        "zh": "你的索引看起来被重置了：`{name}` 变成了一列。请用 `.set_index('{name}')` 把它设回索引。",
    },
    "ex.values": {"en": "The values", "zh": "这些值"},
    "ex.dtype.category": {"en": "categories", "zh": "类别（`category`）"},
    "ex.dtype.timedelta": {"en": "time spans", "zh": "时间间隔"},
    "ex.dtype.datetime": {"en": "dates", "zh": "日期"},
    "ex.dtype.bool": {"en": "True/False", "zh": "真/假"},
    "ex.dtype.text": {"en": "text", "zh": "文本"},
    "ex.wrong_dtype": {
        "en": "Column {column} should hold numbers, but yours holds {given}.",
        "zh": "列 {column} 应当是数字，但你的是{given}。",
    },
    "ex.advice.timedelta": {
        "en": " Turn time spans into day counts with `.dt.days`.", "zh": "请用 `.dt.days` 把时间间隔换成天数。"},
    "ex.advice.text": {
        "en": " Turn digits stored as text into numbers with `.astype(int)` (or `pd.to_numeric`).",
        "zh": "请用 `.astype(int)`（或 `pd.to_numeric`）把保存为文本的数字转换成数值。"},
    "ex.wrong_values_in": {
        "en": "The shape is right, but {count} value(s) differ, in column(s) {columns}, e.g. at {example}.",
        "zh": "形状正确，但有 {count} 个值不同，在列 {columns} 中，例如 {example} 处。",
    },
    "ex.wrong_values": {
        "en": "The shape is right, but {count} value(s) differ, e.g. at {example}.",
        "zh": "形状正确，但有 {count} 个值不同，例如 {example} 处。",
    },
    "ex.rows_count": {
        "en": "Your query returns {given} rows, but the right one returns {expected}.",
        "zh": "你的查询返回 {given} 行，但正确的查询返回 {expected} 行。",
    },
    "ex.rows_none": {
        "en": " No row matches: text values are case-sensitive in SQL (`'north'` is not `'North'`); write them as "
        "the data do.",
        "zh": "没有任何行符合条件：`SQL` 中的文本值区分大小写（`'north'` 不等于 `'North'`）；请按数据中的写法书写。",
    },
    "ex.rows_index_set": {
        "en": " A column you need is in your index: bring it back as a column with `.reset_index()`.",
        "zh": "你需要的某一列在索引中：请用 `.reset_index()` 把它恢复为一列。",
    },
    "ex.series_for_dict": {
        "en": "That is a column (Series); the question asks for a dictionary: convert it with `.to_dict()`.",
        "zh": "这是一列（`Series`）；题目要的是字典：请用 `.to_dict()` 转换。",
    },
    "ex.rows_order": {
        "en": "The right rows, in another order: the question asks for a sorted result (`ORDER BY`).",
        "zh": "行都对，但顺序不对：题目要求排序后的结果（`ORDER BY`）。",
    },
    "ex.rows_differ": {
        "en": "The columns are right, but {count} row(s) differ (rows compared in any order).",
        "zh": "列都对，但有 {count} 行不同（行的顺序不计）。",
    },
    "ex.hint": {"en": "Hint {level} of {total}: {hint}", "zh": "提示 {level}/{total}：{hint}"},
    "ex.no_hints": {"en": "ex.{name} has no hints.", "zh": "`ex.{name}` 没有提示。"},
    "ex.no_more_hints": {
        "en": " (this is the last hint; `ex.{name}.solution()` shows the answer)",
        "zh": "（这是最后一条提示；`ex.{name}.solution()` 显示答案）",
    },
    "ex.no_more_hints_held_back": {
        "en": " (this is the last hint; the solution is released after the deadline)",
        "zh": "（这是最后一条提示；参考答案将在截止日期之后发布）",
    },
    "ex.solution": {"en": "Solution of ex.{name}:", "zh": "`ex.{name}` 的参考答案："},
    "ex.no_solution": {
        "en": "The solution of ex.{name} is not available here (solutions/ is missing from this installation).",
        "zh": "此处无法显示 `ex.{name}` 的答案（本安装缺少 `solutions/` 文件夹）。",
    },
}
