"""The checks beside the editors' preview, like Wagtail's accessibility checker.

Each check reads an item as it would be published (an unsaved working copy, rendered) and
says what to fix. Most are warnings an editor weighs. A few break the rules the content
tests hold every published page to, and those stop a clinical reviewer's approval
(articles.workflow): wording that tells the reader what they have, a source id the list of
sources does not hold, an article without the shared emergency box under "When to get
help", and an article or answer harder to read than grade 8.
"""

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

from common.wording import diagnostic_phrase, page_diagnostic_phrases

from . import sources
from .boxes import EMERGENCY_PLACEHOLDER
from .readability import TARGET_GRADE, TARGET_INFLESZ, measure

# Link text that says nothing about where the link goes, read out of context by a screen reader.
VAGUE_LINK_TEXT = {
    "click here",
    "here",
    "read more",
    "more",
    "this",
    "this page",
    "link",
    "this link",
    "find out more",
    "learn more",
    "see more",
}
BARE_ADDRESS = re.compile(r"^(?:https?://|www\.)", re.IGNORECASE)
# What the image upload writes for the alt text: a prompt, never a description.
ALT_PROMPT = "Describe this image"
HELP_SECTION_ID = "when-to-get-help"


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    passed: bool
    notes: tuple = ()
    # A failure stops approval: the rule is one the content tests enforce.
    blocks: bool = False

    @property
    def blocking(self) -> bool:
        return self.blocks and not self.passed


class _Outline(HTMLParser):
    """Headings, links and images of a rendered fragment, with their text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings, self.links, self.images = [], [], []
        self._open = []  # [kind, attrs, text parts] for the heading or link being read

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag) or tag == "a":
            self._open.append([tag, attrs, []])
        elif tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if self._open and self._open[-1][0] == tag:
            kind, attrs, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if kind == "a":
                self.links.append((attrs.get("href") or "", text))
            else:
                self.headings.append((int(kind[1]), text, attrs.get("id") or ""))

    def handle_data(self, data):
        for entry in self._open:
            entry[2].append(data)


def outline(html: str) -> _Outline:
    parser = _Outline()
    parser.feed(html or "")
    parser.close()
    return parser


def plain(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())


def body_html(item) -> str:
    return getattr(item, "body_html", None) or getattr(item, "answer_html", "")


def body_source(item) -> str:
    return getattr(item, "body", None) or getattr(item, "answer", "")


def heading_check(html, source=""):
    # A top-level heading never reaches the page (the sanitiser drops <h1>), so look in the source.
    notes = [
        f"“{line[2:].strip()}” is a top-level heading (#): the title is the page's only one. Use ##."
        for line in source.splitlines()
        if re.match(r"#\s", line)
    ]
    previous = 1
    for level, text, _ in outline(html).headings:
        if level == 1:
            notes.append(f"“{text}” is a top-level heading (#): the title is the page's only one. Use ##.")
        elif level > previous + 1:
            notes.append(
                f"“{text}” is a level {level} heading straight after level {previous}: "
                f"make it level {previous + 1} ({'#' * (previous + 1)})."
            )
        previous = level
    return Check("headings", "Headings in order", not notes, tuple(notes))


def link_check(html):
    notes = []
    for href, text in outline(html).links:
        if not text:
            notes.append(f"A link to {href} has no text.")
        elif text.lower().strip(" .:") in VAGUE_LINK_TEXT:
            notes.append(f"“{text}” (to {href}) does not say where it leads. Name the page instead.")
        elif BARE_ADDRESS.match(text):
            notes.append(f"“{text}” is a bare address. Write what the page is, and link those words.")
    return Check("links", "Link text that makes sense on its own", not notes, tuple(notes))


def image_check(html):
    notes = []
    for image in outline(html).images:
        alt = (image.get("alt") or "").strip()
        src = image.get("src", "")
        if not alt:
            notes.append(f"The image {src} has no alt text. Say what it shows.")
        elif alt == ALT_PROMPT:
            notes.append(f"The image {src} still has the upload's placeholder for its alt text.")
    return Check("images", "Alt text on every image", not notes, tuple(notes))


def sections(html):
    """(heading, html) for the text before the first level-2 heading and for each section."""
    parts = re.split(r"(?=<h2[\s>])", html or "")
    found = []
    for part in parts:
        match = re.match(r"<h2[^>]*>(.*?)</h2>", part, re.S)
        found.append((plain(match.group(1)) if match else "Introduction", part))
    return found


def inflesz_check(item, whole_text_blocks):
    """The Spanish measure: INFLESZ (Szigriszt-Pazos), higher is easier, 55 or more wanted."""
    html = body_html(item)
    whole = measure(html, item.language)
    notes = []
    if whole.inflesz < TARGET_INFLESZ:
        notes.append(
            f"The whole text scores INFLESZ {whole.inflesz}; the target is {TARGET_INFLESZ:g} or more."
        )
    for heading, part in sections(html):
        result = measure(part, item.language)
        if result.sentences and result.inflesz < TARGET_INFLESZ:
            notes.append(f"“{heading}”: INFLESZ {result.inflesz} ({result.words} words).")
    return Check(
        "grade",
        f"INFLESZ {whole.inflesz} (target {TARGET_INFLESZ:g} or more)",
        whole.inflesz >= TARGET_INFLESZ and not notes,
        tuple(notes),
        blocks=whole_text_blocks and whole.inflesz < TARGET_INFLESZ,
    )


def grade_check(item, whole_text_blocks):
    if item.language == "es":
        return inflesz_check(item, whole_text_blocks)
    html = body_html(item)
    whole = measure(html)
    notes = []
    if whole.grade > TARGET_GRADE:
        notes.append(f"The whole text reads at grade {whole.grade}; the target is {TARGET_GRADE:g} or below.")
    for heading, part in sections(html):
        result = measure(part)
        if result.sentences and result.grade > TARGET_GRADE:
            notes.append(f"“{heading}”: grade {result.grade} ({result.words} words).")
    title = f"Reading grade {whole.grade} (target {TARGET_GRADE:g} or below)"
    return Check(
        "grade",
        title,
        whole.grade <= TARGET_GRADE and not notes,
        tuple(notes),
        blocks=whole_text_blocks and whole.grade > TARGET_GRADE,
    )


def wording_check(item):
    text = " ".join(
        plain(value) if name.endswith("_html") else str(value)
        for name in ("title", "question", "summary", "body_html", "answer_html")
        if (value := getattr(item, name, ""))
    )
    language = item.language
    notes = [
        f"“{phrase}” tells the reader what they have. Say what to do instead."
        for phrase in page_diagnostic_phrases(text, language)
    ]
    blocked = bool(notes)
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        phrase = diagnostic_phrase(sentence, language)
        if phrase and not page_diagnostic_phrases(sentence, language):
            notes.append(f"“{phrase}” in “{sentence[:80]}”: check it does not read as a diagnosis.")
    return Check("wording", "Diagnostic phrasing", not notes, tuple(notes), blocks=blocked)


def reference_check(item):
    ids = list(getattr(item, "references", None) or [])
    unknown = sources.unknown(ids)
    notes = [f"“{ref}” is not in content/references.yaml: the page would not show it." for ref in unknown]
    old = [ref for ref in sources.cited(ids) if ref.superseded]
    notes += [f"{ref.id} is superseded by {ref.superseded_by}: {ref.note}" for ref in old]
    return Check("references", "Sources known and current", not notes, tuple(notes), blocks=bool(unknown))


def emergency_box_check(item):
    html = body_html(item)
    count = html.count(EMERGENCY_PLACEHOLDER)
    help_section = (
        html.split(f'id="{HELP_SECTION_ID}"', 1)[-1].split("<h2", 1)[0] if HELP_SECTION_ID in html else ""
    )
    notes = []
    if count != 1:
        notes.append(f"Write !!! emergency-box once; the text has it {count} times.")
    if f'id="{HELP_SECTION_ID}"' not in html:
        notes.append("There is no “## When to get help” section.")
    elif count and EMERGENCY_PLACEHOLDER not in help_section:
        notes.append("Put !!! emergency-box under “## When to get help”.")
    return Check("emergency-box", "The shared emergency box", not notes, tuple(notes), blocks=bool(notes))


def run(item) -> list[Check]:
    """Every check that applies to this kind of item, in the order the editor reads them."""
    kind = type(item).__name__
    checks = [
        heading_check(body_html(item), body_source(item)),
        link_check(body_html(item)),
        image_check(body_html(item)),
    ]
    checks.append(grade_check(item, whole_text_blocks=kind in ("Article", "FAQ")))
    checks.append(wording_check(item))
    if hasattr(item, "references"):
        checks.append(reference_check(item))
    if kind == "Article":
        checks.append(emergency_box_check(item))
    return checks


def blocking(item) -> list[Check]:
    return [check for check in run(item) if check.blocking]
