"""Strings shared across the kit: language names, notices, datasets, widgets."""

STRINGS = {
    "language.name": {"en": "English", "zh": "中文"},
    "font.missing": {
        "en": (
            "No Chinese (CJK) font was found, so plot labels stay in English. Install one, e.g. "
            "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), then restart the kernel."
        ),
        "zh": (
            "未找到中文（CJK）字体，图表标签暂用英文。请安装中文字体，例如 "
            "`apt-get install fonts-noto-cjk`（Debian/Ubuntu），然后重启内核。"
        ),
    },
    # the start page's closeness explorer (crm_course/widgets/lifecycle.py): its sliders
    "closeness.slider": {"en": "Lapsed after (days)", "zh": "流失阈值（天）"},
    "closeness.loyal_slider": {"en": "Loyal from (purchases)", "zh": "忠诚门槛（次）"},
    "widget.no_frontend": {
        "en": "(Interactive controls need a live Jupyter kernel; showing the default view.)",
        "zh": "（交互控件需要运行中的 Jupyter 内核；此处显示默认视图。）",
    },
    # the widget base (crm_course/widgets/_base.py): a failed update, shown above the kept figure
    "widget.unexpected": {
        "en": "This setting could not be shown ({kind}: {message}). Move the control back, or restart the kernel "
              "if it keeps happening.",
        "zh": "无法显示此设置（{kind}：{message}）。请把控件调回去；如果反复出现，请重启内核。",
    },
    "widget.refused": {"en": "{message}", "zh": "无法按此设置计算：{message}"},
    "widget.stale": {
        "en": "The figure below is out of date: it shows the last setting that worked.",
        "zh": "下图已过期：显示的是上一次成功的设置。",
    },
}
