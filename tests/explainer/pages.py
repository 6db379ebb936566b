"""Reading the explainer's pages in tests: the words of the main part, a field as shown."""

import html
import re

from tests.pages import main_html, text_of  # noqa: F401 (used by the explainer tests)


def field_value(response, name):
    """The value attribute of the text box `name`, as the browser would show it."""
    found = re.search(rf'<input[^>]*\bname="{name}"[^>]*\bvalue="([^"]*)"', response.content.decode())
    return html.unescape(found.group(1)) if found else None


def checked(response, input_id):
    return bool(re.search(rf'<input[^>]*\bid="{input_id}"[^>]*\bchecked', response.content.decode()))
