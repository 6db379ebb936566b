"""The one markdown renderer: formatting survives, anything executable does not."""

import pytest

from articles.models import Article, Topic
from articles.rendering import render_markdown

HOSTILE = {
    "script tag": "<script>alert(1)</script>",
    "event handler": '<img src="x.png" onerror="alert(1)">',
    "svg onload": "<svg onload=alert(1)><circle r=1 /></svg>",
    "javascript link": "[click](javascript:alert(1))",
    "mixed-case javascript link": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "encoded javascript link": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "data url link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data url image": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "iframe": '<iframe src="https://example.com"></iframe>',
    "form": '<form action="https://example.com"><input name="q"><button>Go</button></form>',
    "style attribute": '<p style="background:url(javascript:alert(1))">x</p>',
    "style tag": "<style>body{display:none}</style>",
    "object": '<object data="x.swf"></object>',
    "base tag": '<base href="https://example.com/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://example.com">',
}
FORBIDDEN = [
    "<script",
    "onerror",
    "onload",
    "javascript:",
    "data:",
    "<iframe",
    "<form",
    "<input",
    "style=",
    "<style",
    "<object",
    "<base",
    "<meta",
    "alert(1)",
]


@pytest.mark.parametrize("markdown", HOSTILE.values(), ids=HOSTILE.keys())
def test_it_strips_anything_executable(markdown):
    html = render_markdown(f"Before\n\n{markdown}\n\nAfter").html.lower()
    for needle in FORBIDDEN:
        assert needle not in html
    assert "before" in html and "after" in html


def test_it_keeps_ordinary_formatting():
    html = render_markdown(
        "## Causes\n\nSome **bold**, a [link](/faq/) and a [source](https://example.org/a).\n\n"
        "| Lowers B12 | Raises B12 |\n|:--|--:|\n| Metformin | Supplements |\n\nA note.[^1]\n\n[^1]: The note.\n"
    ).html
    assert '<h2 id="causes">Causes</h2>' in html
    assert "<strong>bold</strong>" in html
    assert '<a href="/faq/"' in html and 'href="https://example.org/a"' in html
    assert "<th>Lowers B12</th>" in html and "<td>Supplements</td>" in html
    assert "style=" not in html
    assert 'id="fn:1"' in html


def test_it_renders_the_three_callout_tiers_with_their_standard_titles():
    html = render_markdown(
        '!!! emergency\n    - chest pain\n\n!!! urgent\n    - numbness\n\n!!! routine "Book a visit if"\n    - tiredness\n'
    ).html
    assert '<div class="callout callout--emergency">' in html
    assert '<p class="callout__title">Call emergency services now if</p>' in html
    assert '<p class="callout__title">Contact a clinician today if</p>' in html
    assert '<p class="callout__title">Book a visit if</p>' in html


def test_it_leaves_an_unknown_box_type_as_plain_text():
    html = render_markdown('!!! warning "Careful"\n    Text\n').html
    assert "class=" not in html
    assert "Careful" in html and "Text" in html


def test_it_lists_the_level_two_sections_in_the_contents():
    rendered = render_markdown("## One\n\ntext\n\n### Detail\n\n## Two\n\ntext\n")
    assert (
        rendered.toc_html
        == '<ul><li><a href="#one" rel="noopener noreferrer">One</a></li><li><a href="#two" rel="noopener noreferrer">Two</a></li></ul>'
    )


@pytest.mark.django_db
def test_it_stores_sanitised_html_when_an_article_is_saved(client):
    topic = Topic.objects.create(slug="t", title="T")
    article = Article.objects.create(
        slug="hostile",
        title="Hostile",
        summary="S.",
        topic=topic,
        status="published",
        updated="2026-11-21",
        body="\n\n".join(HOSTILE.values()),
    )
    stored = Article.objects.get(pk=article.pk).body_html.lower()
    page = client.get("/articles/hostile/").content.decode().lower()
    for needle in FORBIDDEN:
        assert needle not in stored
        # The article itself; the page around it has its own (feedback) form.
        assert needle not in page.split('<article class="article">')[1].split("</article>")[0]


def test_the_emergency_box_marker_becomes_one_placeholder_and_ignores_what_is_under_it():
    from articles.boxes import EMERGENCY_PLACEHOLDER

    html = render_markdown("## When to get help\n\n!!! emergency-box\n    - my own copy of the signs\n").html
    assert EMERGENCY_PLACEHOLDER in html
    assert "my own copy" not in html


def test_the_placeholder_survives_the_sanitiser_but_no_other_class_does():
    from articles.boxes import EMERGENCY_PLACEHOLDER

    html = render_markdown(f'{EMERGENCY_PLACEHOLDER}\n\n<div class="shared-box--evil evil">x</div>\n').html
    assert EMERGENCY_PLACEHOLDER in html
    assert "evil" not in html
