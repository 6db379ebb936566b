"""The one place markdown becomes HTML.

Public pages, the content sync and the editors' live preview all call `render_markdown`, so
what an editor previews is exactly what the public will see. python-markdown does the
formatting; nh3 then removes anything that is not on the allow-list, so raw HTML in a
content file can never carry a script, an event handler, a `javascript:` or `data:` URL,
an iframe or a form onto a page.

Two more ways content could harm a page are closed here:

- Ids. A heading's id comes from its words, and the layout has ids of its own (the kiosk's
  idle dialog, the skip link's target). An id in `RESERVED_IDS` (or starting with one of
  `RESERVED_ID_PREFIXES`) is never given to content: a heading that would get one gets
  `section-<id>` instead, and such an id written in raw HTML is dropped. Every other
  heading keeps the id its words give it, so links to `#signs-of-low-b12` keep working.
- Work. python-markdown looks for the end of every unclosed `[` and `<` to the end of its
  paragraph, and tests every remaining line of a block again after each heading, list item
  or box it takes off the front, so a paragraph of thousands of `[` or a block of thousands
  of lines takes minutes; lists nested a few hundred deep exhaust Python's stack.
  `markdown_problem` says, in a sentence for the editor, when a text is too long, too
  bracket-heavy, too long between blank lines or too deeply nested to render; such a text
  is never given to python-markdown, and is shown as plain paragraphs instead.
"""

import logging
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass
from html import escape

import markdown
import nh3
from django.utils.translation import gettext, gettext_noop
from markdown.extensions import Extension
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

log = logging.getLogger("b12.rendering")

# The "when to get help" tiers, most urgent first, with the wording used when a box has no title
# (in the language active when the text is rendered).
CALLOUT_TIERS = {
    "emergency": gettext_noop("Call emergency services now if"),
    "urgent": gettext_noop("Contact a clinician today if"),
    "routine": gettext_noop("See a clinician if"),
}

# Boxes written once and shared by every article that names them: `!!! emergency-box` in the
# markdown becomes this empty placeholder, filled in when the page is shown (articles.boxes),
# so the box's text and the emergency number are never copied into an article.
SHARED_BOXES = {"emergency-box": "emergency"}


def shared_box_placeholder(name: str) -> str:
    return f'<div class="shared-box shared-box--{name}"></div>'


ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
ALLOWED_CLASSES = {
    "div": {
        "callout",
        "footnote",
        "shared-box",
        *(f"callout--{tier}" for tier in CALLOUT_TIERS),
        *(f"shared-box--{name}" for name in SHARED_BOXES.values()),
    },
    "p": {"callout__title"},
}
# Relative URLs (site pages, anchors) are kept; absolute ones only with these schemes.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}

# Ids the templates (public, kiosk, and the admin around the live preview) give their own
# elements, which content must never take: scripts, labels, aria-* references and the skip
# link find elements by them, and the first element with an id wins. A test checks this
# list against every template.
RESERVED_IDS = frozenset(
    {
        # the page frame and the skip link's target
        "main",
        # the kiosk: its idle dialog (kiosk.js), the take-home QR code
        "idle-dialog",
        "idle-dialog-title",
        "idle-dialog-text",
        "take-home",
        "take-home-title",
        "attract-title",
        # the shared emergency box every article shows (articles/boxes.py)
        "emergency-box",
        # the result explainer's form: the change button and the hints its fields point to
        "change",
        "entry-hint",
        "range-hint",
        # headings the article, page, list and home templates label their sections with
        "superseded-title",
        "unknown-sources-title",
        "stale-translations-title",
        "contents-title",
        "related-title",
        "references-title",
        "topics-title",
        "topic-articles-title",
        "topic-questions-title",
        "hero-title",
        "error-summary-title",
        # the search forms' fields
        "-q",
        "page-q",
        # the admin, where the live preview is shown
        "container",
        "header",
        "content",
        "content-main",
        "content-related",
        "footer",
        "nav-sidebar",
        "change-history",
        "awaiting-title",
        "overdue",
        "overdue-title",
        "due-soon",
        "due-soon-title",
        "never",
        "never-title",
        # the change form's banner, the side-by-side preview, the history and the dashboard
        "workflow-banner-title",
        "preview-live-title",
        "preview-pending-title",
        "checklist-title",
        "diff-title",
        "change-history-title",
        "change-records",
        "page-history-title",
        "sent-back-title",
        "going-live-title",
        "in-progress-title",
        "coming-down-title",
    }
)
# Ids the templates build from a prefix and a slug (the feedback form's fields).
RESERVED_ID_PREFIXES = ("comment-", "comment-hint-", "comment-error-", "helpful-error-", "sources-")
# What a heading whose id is reserved gets in front of it; no reserved id starts with it.
MOVED_ID_PREFIX = "section"

# The longest source a page may have. The longest article is about 7,000 characters.
MAX_SOURCE_CHARS = 50_000
# Unclosed `[` or `<` times the length of their paragraph, summed over the paragraphs: about
# half a second of python-markdown's time. Ordinary pages use a few thousand.
MAX_BRACKET_WORK = 2_000_000
# Lines between two blank lines, squared and summed over the blocks: also about half a
# second at most (a block of 1,400 headings). Ordinary pages use a few thousand.
MAX_LINE_WORK = 2_000_000
# Levels of lists and quotes inside one another. Python's stack gives out at about 450.
MAX_NESTING = 40
BLOCK_BREAK = re.compile(r"\n[ \t]*\n")
NESTING_MARK = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str
    # A sentence for the editor when the text could not be rendered as markdown.
    problem: str = ""


class CalloutTreeprocessor(Treeprocessor):
    """Turn admonition boxes into the site's three-tier "when to get help" callouts.

    An unknown box type becomes an ordinary paragraph group rather than an unstyled box,
    so a typo in a tier name is visible in the preview.
    """

    def run(self, root):
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "admonition" not in classes:
                continue
            shared = next((SHARED_BOXES[c] for c in classes if c in SHARED_BOXES), None)
            if shared is not None:
                # Anything written under the marker is dropped: the shared text is the box.
                div.clear()
                div.set("class", f"shared-box shared-box--{shared}")
                continue
            tier = next((c for c in classes if c in CALLOUT_TIERS), None)
            title = next((p for p in div if p.get("class") == "admonition-title"), None)
            if tier is None:
                div.attrib.pop("class")
                if title is not None:
                    title.attrib.pop("class")
                continue
            div.set("class", f"callout callout--{tier}")
            if title is None:
                title = etree.Element("p")
                div.insert(0, title)
            if not (title.text or "").strip() or title.text.strip().lower() == tier:
                title.text = gettext(CALLOUT_TIERS[tier])
            title.set("class", "callout__title")


class CalloutExtension(Extension):
    def extendMarkdown(self, md):
        # Before the table of contents (priority 5) so the ids it assigns see the final tree.
        md.treeprocessors.register(CalloutTreeprocessor(md), "callouts", 6)


def is_reserved_id(value: str) -> bool:
    return value in RESERVED_IDS or value.startswith(RESERVED_ID_PREFIXES)


def heading_slug(value: str, separator: str) -> str:
    """The toc extension's id for a heading, moved aside when the layout owns that id."""
    slug = slugify(value, separator)
    return f"{MOVED_ID_PREFIX}{separator}{slug}" if is_reserved_id(slug) else slug


def _keep_attribute(tag, attribute, value):
    """nh3's attribute filter: an id the layout owns, written in raw HTML, is dropped."""
    if attribute == "id" and is_reserved_id(value):
        return None
    return value


def _markdown():
    return markdown.Markdown(
        extensions=[
            "admonition",
            "tables",
            "footnotes",
            "sane_lists",
            "toc",
            CalloutExtension(),
        ],
        extension_configs={
            # Contents list of the ## sections only, as on nhs.uk.
            "toc": {"toc_depth": "2-3", "anchorlink": False, "permalink": False, "slugify": heading_slug},
            "footnotes": {"BACKLINK_TITLE": gettext("Back to the text")},
        },
        output_format="html",
    )


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "form", "template"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_keep_attribute,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def _toc_html(toc_tokens) -> str:
    """The contents list: the ## headings as links to their anchors."""
    items = [
        f'<li><a href="#{token["id"]}">{token["name"]}</a></li>'
        for token in toc_tokens
        if token["level"] == 2
    ]
    return f"<ul>{''.join(items)}</ul>" if len(items) > 1 else ""


def normalise_source(text: str) -> str:
    """Markdown as stored: Unix line endings, no blank lines around it, one final newline.

    Browsers submit textareas with CRLF; without this an untouched admin save would look
    like an edit to the content sync.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    return text + "\n" if text else ""


def one_line(text: str) -> str:
    return " ".join((text or "").split())


def nesting_depth(text: str) -> int:
    """How many lists and quotes deep the most deeply nested line is."""
    deepest = 0
    for line in text.splitlines():
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))
        marks, position = 0, 0
        while match := NESTING_MARK.match(line, position):
            marks, position = marks + 1, match.end()
        deepest = max(deepest, indent // 4 + marks)
    return deepest


def bracket_work(text: str) -> int:
    return sum((block.count("[") + block.count("<")) * len(block) for block in BLOCK_BREAK.split(text))


def line_work(text: str) -> int:
    return sum((block.count("\n") + 1) ** 2 for block in BLOCK_BREAK.split(text))


def markdown_problem(text: str) -> str:
    """Why `text` cannot be rendered, in a sentence for the editor; "" when it can."""
    text = text or ""
    if len(text) > MAX_SOURCE_CHARS:
        return (
            f"The text is {len(text):,} characters long, and a page can hold at most "
            f"{MAX_SOURCE_CHARS:,}. Split it into shorter pages."
        )
    if bracket_work(text) > MAX_BRACKET_WORK:
        return (
            "One paragraph has so many “[” or “<” characters that it would take too long to show. "
            "Remove the ones that do not start a link, or break the paragraph up."
        )
    if line_work(text) > MAX_LINE_WORK:
        return (
            "Part of the text runs for so many lines without a blank line that it would take too "
            "long to show. Put a blank line between paragraphs, headings, lists and boxes."
        )
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        return (
            f"Lists or quotes are nested {depth} levels deep, and at most {MAX_NESTING} can be "
            "shown. Make the nesting shallower."
        )
    return ""


def as_plain_text(text: str, problem: str) -> Rendered:
    """Text that cannot be rendered as markdown, shown as it was typed, in plain paragraphs."""
    log.warning("Markdown shown as plain text: %s", problem)
    paragraphs = (block.strip() for block in BLOCK_BREAK.split(text or ""))
    html = "".join(f"<p>{escape(block)}</p>" for block in paragraphs if block)
    return Rendered(html=html, toc_html="", problem=problem)


def render_markdown(text: str) -> Rendered:
    problem = markdown_problem(text)
    if problem:
        return as_plain_text(text, problem)
    md = _markdown()
    try:
        html = md.convert(text or "")
    except RecursionError:  # nested some way markdown_problem does not measure
        return as_plain_text(
            text, "Lists or quotes are nested too deeply to show. Make the nesting shallower."
        )
    return Rendered(html=sanitise(html), toc_html=sanitise(_toc_html(md.toc_tokens)))
