"""crm-course slides: every script and style of the deck comes from its own folder."""

from __future__ import annotations

import json
import re

import pytest

from crm_course.delivery import slides
from crm_course.delivery.chapters import chapter_notebook, chapter_notebooks


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    return slides.build_slides("00", tmp_path_factory.mktemp("deck"))


def test_the_deck_loads_nothing_from_the_internet(deck):
    html = deck.read_text(encoding="utf-8")
    scripts = re.findall(r'<script[^>]*\bsrc="([^"]+)"', html) + re.findall(r'<link[^>]*\bhref="([^"]+)"', html)
    required = re.findall(r'"([^"]+\.js)"', html.split("require(", 1)[1].split("function", 1)[0])
    renderer = re.search(r"widgetRendererSrc = '([^']+)'", html)
    assert renderer, "the widget renderer is configured"
    for url in [*scripts, *required, renderer.group(1)]:
        assert not re.match(r"(https?:)?//", url), url
        assert (deck.parent / url).is_file(), f"{url} is missing beside the deck"
    assert "cdnjs" not in html and "unpkg" not in html and "jsdelivr" not in html


def test_the_widgets_keep_their_state_and_the_assets_stay_small(deck):
    html = deck.read_text(encoding="utf-8")
    state = json.loads(re.search(r'<script type="application/vnd.jupyter.widget-state\+json">(.*?)</script>',
                                 html, flags=re.S).group(1))
    models = state["state"].values()
    assert any(m["model_name"] == "ImageModel" for m in models)
    size = sum(p.stat().st_size for p in (deck.parent / slides.ASSETS).rglob("*") if p.is_file())
    assert size < 6_000_000


def test_every_chapter_present_and_any_spelling_of_it_is_found():
    for path in chapter_notebooks():
        number = path.name[:2]
        assert chapter_notebook(number) == chapter_notebook(str(int(number))) == chapter_notebook(path.stem) == path
    with pytest.raises(ValueError, match="chapters present are 00_start_here"):
        chapter_notebook("99")
