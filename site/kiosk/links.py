"""Keep every link on the kiosk inside the kiosk.

Pages on the kiosk are the public site's pages in the kiosk layout, and their HTML holds
site-relative links: content was rendered with them (`/articles/<slug>/`, `/faq/#x`,
`/glossary/#x`, `/self-check/`), and templates reverse some of them in the public namespace.
On the kiosk each must lead to the kiosk's twin of that page, and a link to another website
must not be followable at all: a stranger would end up somewhere with no way back.

This is the one place that happens: `rewrite` is applied to every kiosk page by
kiosk.middleware.KioskLinksMiddleware, once per page stored in the page cache.
"""

import posixpath
import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from common import languages

KIOSK_PREFIX = "/kiosk/"
SELFCHECK_PUBLIC = "/self-check/"
# Public URL namespaces, and the namespace config/urls.py mounts each again under on the kiosk.
KIOSK_TWINS = {"articles": "kiosk-articles", "selfcheck": "kiosk-selfcheck", "explainer": "kiosk-explainer"}
# Browsers drop these from a URL before reading it (WHATWG URL: tab and newline removal).
URL_IGNORED = re.compile(r"[\t\n\r]")


def is_kiosk_path(path: str) -> bool:
    return path == KIOSK_PREFIX.rstrip("/") or path.startswith(KIOSK_PREFIX)


def kiosk_href(href: str) -> str | None:
    """The kiosk twin of a link, or None when the link must become plain text.

    Fragments stay as they are. A site path is rewritten only when it is a public page the
    kiosk also serves: to the same view, reversed in the kiosk's namespace. Everything else
    (other websites, mailto:, the admin, static files, relative paths that could climb out of
    /kiosk/) has no kiosk twin. The decision is made
    on the path the browser would actually open (`browser_path`), so `/kiosk/../admin/`,
    `/kiosk/%2e%2e/admin/` or `/kiosk/..\\admin/` are judged as the `/admin/` they lead to.
    """
    href = URL_IGNORED.sub("", href.strip())
    if href.startswith("#"):
        return href
    parts = urlsplit(href.replace("\\", "/"))
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    path = browser_path(parts.path)
    tail = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
    if is_kiosk_path(path):
        return quote(path) + tail
    # A link is read in the language its path names: an English page shown on the Spanish
    # kiosk (one not translated yet) links to English pages, which have kiosk twins too.
    with translation.override(languages.django_code(languages.from_path(path))):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        twin = KIOSK_TWINS.get(match.namespace)
        if twin is None:
            return None
        return reverse(f"{twin}:{match.url_name}", kwargs=match.captured_kwargs) + tail


def browser_path(path: str) -> str:
    """The path a browser opens for `path`: percent-decoded, with `.`, `..` and `//` resolved.

    Decoding first is deliberately stricter than a browser (which resolves only `%2e`, not
    `%2f`): a path that could climb out of /kiosk/ under any reading is judged by where it ends.
    """
    decoded = unquote(path).replace("\\", "/")
    resolved = posixpath.normpath(decoded)
    if resolved.startswith("//"):  # POSIX keeps exactly two leading slashes
        resolved = "/" + resolved.lstrip("/")
    if decoded.endswith("/") and resolved != "/":
        resolved += "/"
    return resolved


def public_path(kiosk_path: str) -> str:
    """The public page a kiosk page mirrors: what its "take this page home" QR code opens.

    Every self-check page maps to the start of the check, since answers never travel in an
    address.
    """
    path = "/" + kiosk_path.removeprefix(KIOSK_PREFIX)
    language = languages.from_path(path)
    prefix = "" if language == languages.DEFAULT else f"/{language}"
    return prefix + SELFCHECK_PUBLIC if path.removeprefix(prefix).startswith(SELFCHECK_PUBLIC) else path


class _LinkRewriter(HTMLParser):
    """Copies HTML through exactly as written, changing only <a> elements."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.out = []
        # One entry per open <a>: the tag that closes it, or "" when it became plain text.
        self.open_links = []

    def handle_starttag(self, tag, attrs):
        if tag != "a":
            self.out.append(self.get_starttag_text())
            return
        attrs = self.link_attrs(dict(attrs))
        self.open_links.append("" if attrs is None else "</a>")
        if attrs is not None:
            self.out.append(f"<a{''.join(self.attr(name, value) for name, value in attrs)}>")

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        if tag == "a":
            self.out.append(self.open_links.pop() if self.open_links else "")
        else:
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    @staticmethod
    def link_attrs(attrs):
        href = kiosk_href(attrs.get("href") or "")
        if href is None:
            return None
        # rel="noopener noreferrer" only matters for links that leave the site.
        return [(name, href if name == "href" else value) for name, value in attrs.items() if name != "rel"]

    @staticmethod
    def attr(name, value):
        return f" {name}" if value is None else f' {name}="{escape(value, quote=True)}"'


def rewrite(html: str) -> str:
    parser = _LinkRewriter()
    parser.feed(html)
    parser.close()
    return "".join(parser.out)
