"""Reading the explainer's pages in tests: the words of the main part, a field as shown."""

import html
import re


def main_html(response):
    return re.search(r"<main\b.*?</main>", response.content.decode(), re.DOTALL).group()


def text_of(response, sources=True):
    """The words of the page's main part; without its list of sources when `sources` is False."""
    main = main_html(response)
    if not sources:
        main = re.sub(r'<section class="references".*?</section>', "", main, flags=re.DOTALL)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", main).split()))


def field_value(response, name):
    """The value attribute of the text box `name`, as the browser would show it."""
    found = re.search(rf'<input[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def checked(response, input_id):
    return bool(re.search(rf'<input[^>]*\bid="{input_id}"[^>]*\bchecked', response.content.decode()))
