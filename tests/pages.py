"""Reading pages in tests the way a person reads them: the words of the main part."""

import html
import re


def main_html(response):
    page = response.content.decode()
    found = re.search(r"<main\b.*?</main>", page, re.DOTALL)
    return found.group() if found else page


def text_of(response, sources=True):
    """The words of the page's main part (the site header and footer left out), entities decoded;
    without its list of sources when `sources` is False."""
    main = main_html(response)
    if not sources:
        main = re.sub(r'<section class="references".*?</section>', "", main, flags=re.DOTALL)
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", main).split()))
