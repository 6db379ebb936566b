"""The one place markdown becomes HTML.

Public pages, the content sync and the editors' live preview all call `render_markdown`, so
what an editor previews is exactly what the public will see. python-markdown does the
formatting; nh3 then removes anything that is not on the allow-list, so raw HTML in a
content file can never carry a script, an event handler, a `javascript:` or `data:` URL,
an iframe or a form onto a page.
"""

import xml.etree.ElementTree as etree
from dataclasses import dataclass

import markdown
import nh3
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# The "when to get help" tiers, most urgent first, with the wording used when a box has no title.
CALLOUT_TIERS = {
    "emergency": "Call emergency services now if",
    "urgent": "Contact a clinician today if",
    "routine": "See a clinician if",
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


@dataclass(frozen=True)
class Rendered:
    html: str
    toc_html: str


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
                title.text = CALLOUT_TIERS[tier]
            title.set("class", "callout__title")


class CalloutExtension(Extension):
    def extendMarkdown(self, md):
        # Before the table of contents (priority 5) so the ids it assigns see the final tree.
        md.treeprocessors.register(CalloutTreeprocessor(md), "callouts", 6)


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
            "toc": {"toc_depth": "2-3", "anchorlink": False, "permalink": False},
            "footnotes": {"BACKLINK_TITLE": "Back to the text"},
        },
        output_format="html",
    )


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style", "iframe", "object", "embed", "form", "template"},
        attributes=ALLOWED_ATTRIBUTES,
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


def render_markdown(text: str) -> Rendered:
    md = _markdown()
    html = md.convert(text or "")
    return Rendered(html=sanitise(html), toc_html=sanitise(_toc_html(md.toc_tokens)))
