"""The checks beside the preview: each one catches what it is for, and only the content rules
the tests enforce stop an approval."""

import pytest

from articles import checklist, workflow
from articles.models import FAQ, Article, Page

from .conftest import BODY

pytestmark = pytest.mark.django_db


def article(topic, body=BODY, **fields):
    item = Article(
        slug="checked", title="Checked", summary="S.", topic=topic, updated="2026-11-01", body=body
    )
    item.references = fields.pop("references", ["nice-ng239"])
    for name, value in fields.items():
        setattr(item, name, value)
    item.normalise_text()
    item.render()
    return item


def check(item, key):
    return next(c for c in checklist.run(item) if c.key == key)


def test_a_plain_article_passes_every_check(topic):
    assert [c.key for c in checklist.run(article(topic)) if not c.passed] == []


@pytest.mark.parametrize(
    ("body", "note"),
    [
        ("# A title again\n\nText.\n", "top-level heading"),
        ("## One\n\n#### Three\n\nText.\n", "level 4 heading straight after level 2"),
    ],
)
def test_headings_out_of_order_are_a_warning(topic, body, note):
    found = check(article(topic, BODY + body), "headings")
    assert not found.passed and not found.blocks
    assert any(note in n for n in found.notes)


@pytest.mark.parametrize("text", ["click here", "Read more", "here", "https://www.nhs.uk/conditions/"])
def test_link_text_that_says_nothing_alone_is_a_warning(topic, text):
    found = check(article(topic, BODY + f"\n[{text}](https://www.nhs.uk/conditions/)\n"), "links")
    assert not found.passed and not found.blocks


def test_a_link_named_for_where_it_goes_passes(topic):
    assert check(article(topic, BODY + "\n[NHS advice on B12](https://www.nhs.uk/)\n"), "links").passed


@pytest.mark.parametrize(
    "image", ["![](/media/uploads/x.png)", "![Describe this image](/media/uploads/x.png)"]
)
def test_an_image_without_real_alt_text_is_a_warning(topic, image):
    found = check(article(topic, BODY + f"\n{image}\n"), "images")
    assert not found.passed and not found.blocks


def test_an_image_with_alt_text_passes(topic):
    assert check(
        article(topic, BODY + "\n![A nurse giving an injection](/media/uploads/x.png)\n"), "images"
    ).passed


HARD = (
    "Cobalamin malabsorption consequent upon autoimmune atrophic gastritis necessitates "
    "parenteral hydroxocobalamin administration indefinitely, notwithstanding considerable "
    "interindividual variability in pharmacokinetic characteristics.\n"
)


def test_a_hard_section_is_named_and_a_hard_article_blocks_approval(topic):
    found = check(article(topic, BODY.replace("Plain words about B12.", HARD)), "grade")
    assert not found.passed and found.blocks
    assert any("“What it is”: grade" in note for note in found.notes)


def test_one_hard_section_in_a_plain_article_is_only_a_warning(topic):
    plain = "\n".join(["You can ask your doctor about it. It is a short test. It helps."] * 20)
    body = f"## Easy\n\n{plain}\n\n## Hard\n\n{HARD}\n## When to get help\n\n!!! emergency-box\n"
    found = check(article(topic, body), "grade")
    assert not found.passed and not found.blocks


def test_a_hard_page_is_only_a_warning():
    page = Page(slug="p", title="P", updated="2026-11-01", body=HARD)
    page.render()
    assert not check(page, "grade").blocks


def test_telling_the_reader_what_they_have_blocks_approval(topic):
    found = check(article(topic, BODY + "\nSo you have pernicious anaemia.\n"), "wording")
    assert not found.passed and found.blocks


def test_wording_that_may_read_as_a_diagnosis_is_only_a_warning(topic):
    found = check(article(topic, BODY + "\nThis means a test is needed.\n"), "wording")
    assert not found.passed and not found.blocks


def test_an_unknown_source_blocks_approval_and_a_superseded_one_is_a_warning(topic):
    unknown = check(article(topic, references=["nice-ng239", "gone-2001"]), "references")
    assert not unknown.passed and unknown.blocks
    superseded = check(article(topic, references=["devalia-2014"]), "references")
    assert not superseded.passed and not superseded.blocks


@pytest.mark.parametrize(
    "body",
    [
        "## What it is\n\nWords.\n",
        "## When to get help\n\n!!! emergency-box\n\n!!! emergency-box\n",
        "## Before\n\n!!! emergency-box\n\n## When to get help\n\nCall.\n",
    ],
)
def test_an_article_without_the_shared_box_once_under_when_to_get_help_blocks_approval(topic, body):
    found = check(article(topic, body), "emergency-box")
    assert not found.passed and found.blocks


def test_questions_and_pages_are_not_asked_for_the_box(topic):
    faq = FAQ(slug="q", question="Q?", topic=topic, answer="A.")
    faq.render()
    assert "emergency-box" not in [c.key for c in checklist.run(faq)]


def test_a_blocking_check_stops_the_approval_with_its_reason(editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"body": "## What it is\n\nYou have low B12.\n"})
    with pytest.raises(workflow.Refused) as refused:
        workflow.apply(reviewer, live, "publish")
    assert "It cannot be approved yet." in str(refused.value)
    assert "Diagnostic phrasing" in str(refused.value) and "The shared emergency box" in str(refused.value)
    assert Article.objects.get(pk=live.pk).body == BODY


def test_warnings_do_not_stop_an_approval(editor, reviewer, live):
    workflow.apply(editor, live, "submit", fields={"body": BODY + "\n[click here](/faq/)\n"})
    workflow.apply(reviewer, live, "publish")
    assert "click here" in Article.objects.get(pk=live.pk).body
