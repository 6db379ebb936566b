"""What content cannot do to a page: take the layout's ids, or stall and crash the renderer."""

import re
import time
from pathlib import Path

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from articles.rendering import (
    MAX_NESTING,
    MAX_SOURCE_CHARS,
    RESERVED_ID_PREFIXES,
    RESERVED_IDS,
    markdown_problem,
    render_markdown,
)

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CONTENT = Path(settings.BASE_DIR) / "content"
# Slow enough to notice, fast enough for a worker: the guard keeps the work to about half of this.
TIME_BOUND = 2.0
# Ids built in templates from values, and why content cannot take them from the layout.
TEMPLATED_IDS = {
    "comment-{{ field_id }}": "reserved prefix comment-",
    "comment-hint-{{ field_id }}": "reserved prefix comment-hint-",
    "comment-error-{{ field_id }}": "reserved prefix comment-error-",
    "helpful-error-{{ field_id }}": "reserved prefix helpful-error-",
    "{{ id_prefix }}-q": "its values, -q and page-q, are reserved",
    "{{ section_id }}-title": "its values, overdue-, due-soon- and never-title, are reserved",
    "{{ faq.slug }}": "a question's own slug, on the questions page: content, not layout",
    "{{ topic.slug }}": "a topic's slug, on the questions page: content, not layout",
    "faq-{{ topic.slug }}": "a topic's slug, on the questions page: content, not layout",
    "{{ id_prefix }}{{ topic.slug }}": "a topic's slug, alone or after faq-, on the lists: content, not layout",
    "{{ item.slug }}": "a question's own slug, on the questions page as an index: content, not layout",
    "{{ choice.input_id }}": "the self-check's fields, on pages without content",
    "{{ choice.input_id }}-hint": "the self-check's fields, on pages without content",
    "{{ question.id }}-error": "the self-check's fields, on pages without content",
    "{{ question.id }}-hint": "the self-check's fields, on pages without content",
    "{{ group.id }}": "the self-check's case groups, on the how-we-test page, which has no content",
    "{{ name }}": "the result explainer's fields, on pages without content",
    "{{ name }}-hint": "the result explainer's fields, on pages without content",
    "{{ name }}-error": "the result explainer's fields, on pages without content",
    "slot-{{ box.name }}": "the kiosk keypad's boxes, on pages without content",
    "slot-{{ box.name }}-error": "the kiosk keypad's boxes, on pages without content",
    "{{ title_id }}": "references-title (reserved) or sources-<question slug> (reserved prefix sources-)",
}


def heading_ids(html):
    return re.findall(r'<h[2-6] id="([^"]+)"', html)


def timed(text):
    started = time.monotonic()
    rendered = render_markdown(text)
    return rendered, time.monotonic() - started


# -- ids ------------------------------------------------------------------------------------------


def test_every_id_the_templates_give_their_own_elements_is_reserved():
    literal, templated = set(), set()
    for path in TEMPLATES.rglob("*.html"):
        for value in re.findall(r'\bid="([^"]*)"', path.read_text()):
            (templated if "{{" in value else literal).add(value)
    assert literal - RESERVED_IDS == set(), "add these layout ids to articles.rendering.RESERVED_IDS"
    assert templated - set(TEMPLATED_IDS) == set(), "say in TEMPLATED_IDS why content cannot take these"


@pytest.mark.parametrize("reserved", sorted(RESERVED_IDS - {"-q"}))
def test_a_heading_never_takes_a_layout_id(reserved):
    words = reserved.replace("-", " ")
    html = render_markdown(f"## {words}\n\nText.\n\n## Another\n").html
    assert reserved not in heading_ids(html)


def test_a_heading_named_idle_dialog_moves_aside_and_the_contents_list_follows_it():
    rendered = render_markdown("## Idle dialog\n\nText.\n\n## Main\n\nMore.\n")
    assert heading_ids(rendered.html) == ["section-idle-dialog", "section-main"]
    assert 'href="#section-idle-dialog"' in rendered.toc_html and 'href="#section-main"' in rendered.toc_html


@pytest.mark.parametrize("prefix", RESERVED_ID_PREFIXES)
def test_a_heading_never_takes_an_id_the_templates_build_from_a_prefix(prefix):
    html = render_markdown(f"## {prefix.replace('-', ' ')} article low b12\n").html
    assert not any(i.startswith(prefix) for i in heading_ids(html))


def test_a_layout_id_written_in_raw_html_is_dropped():
    html = render_markdown(
        '<p id="x">a</p>\n\n<h2 id="idle-dialog">Raw</h2>\n\n<a id="main" href="/faq/">b</a>'
    ).html
    assert 'id="idle-dialog"' not in html and 'id="main"' not in html
    assert "Raw" in html and 'href="/faq/"' in html


def test_ordinary_heading_ids_are_unchanged():
    assert heading_ids(render_markdown("## Signs of low B12\n\n## What to do next\n").html) == [
        "signs-of-low-b12",
        "what-to-do-next",
    ]


def test_no_heading_in_the_sites_content_is_moved_aside():
    moved = {
        path.name: ids
        for path in CONTENT.rglob("*.md")
        if (
            ids := [
                i for i in heading_ids(render_markdown(path.read_text()).html) if i.startswith("section-")
            ]
        )
    }
    assert moved == {}


# -- work -----------------------------------------------------------------------------------------

PATHOLOGICAL = {
    "a run of [": "[" * 8000,
    "[ spread through a long paragraph": ("[" + "a" * 50) * 1000,
    "unclosed links with a long tail": "[a](" * 300 + "b" * 30000,
    "a run of ![": "![" * 3000,
    "a run of <a": "<a " * 3000,
    "a run of <http": "<http://" * 3000,
    "lists nested by their markers": "- " * 1000 + "x",
    "numbered lists nested by their markers": "1. " * 1000 + "x",
    "lists nested by indentation": "".join("    " * i + "- x\n" for i in range(400)),
    "thousands of headings without a blank line": "## h\n" * 8000,
    "thousands of boxes without a blank line": "!!! note\n" * 5000,
    "one character too many": "a" * (MAX_SOURCE_CHARS + 1),
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_is_refused_quickly_with_a_sentence_for_the_editor(text):
    rendered, seconds = timed(text)
    assert seconds < TIME_BOUND
    assert rendered.problem.endswith(".") and len(rendered.problem.split()) > 8
    assert rendered.toc_html == ""
    assert "<p>" in rendered.html and "<a" not in rendered.html  # shown as typed, escaped


def test_the_sites_own_content_has_no_problem():
    problems = {path.name: markdown_problem(path.read_text()) for path in CONTENT.rglob("*.md")}
    assert {name: problem for name, problem in problems.items() if problem} == {}


def test_nesting_up_to_the_limit_still_renders():
    rendered = render_markdown("- " * MAX_NESTING + "x")
    assert rendered.problem == ""
    assert rendered.html.count("<ul>") == MAX_NESTING


def test_a_page_several_times_longer_than_the_longest_article_renders_at_once():
    articles = sorted((path.read_text() for path in (CONTENT / "articles").glob("*.md")), key=len)
    text = "\n\n".join(articles[-5:])
    assert len(text) > 4 * len(articles[-1])
    rendered, seconds = timed(text)
    assert rendered.problem == "" and seconds < TIME_BOUND


MARKDOWN_PIECES = [
    "[", "]", "(", ")", "![", "<", ">", "<a ", "<http://", "- ", "* ", "+ ", "1. ", "> ", "    ", "\t",
    "\n", "\n\n", "#", "## ", "## h\n", "`", "```", "*", "_", "**", "~", "|", "|-|\n", "[^1]", "[^1]: ",
    "!!! note\n", "!!! urgent\n    ", "&amp;", "&#", "\\", '"', "x", "word ", "[a](", "](", "[a][b]",
    "[b]: /faq/\n", "<!--", "-->", "<div markdown>", "</div>", "a\n===\n", "* * *\n",
]  # fmt: skip
markdown_text = st.one_of(
    st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=1500).map("".join),
    st.tuples(st.sampled_from(MARKDOWN_PIECES), st.integers(1, 6000)).map(lambda t: t[0] * t[1]),
    st.text(max_size=3000),
)


@hypothesis_settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=markdown_text)
def test_the_renderer_finishes_in_time_and_never_raises(text):
    rendered, seconds = timed(text)
    assert seconds < TIME_BOUND, f"{seconds:.2f}s for {text[:80]!r}…"
    assert isinstance(rendered.html, str)
